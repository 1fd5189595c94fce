// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inodes (fs/inode.c): for now inode_init, which creates inode_cache, the
 * cache of inodes of filesystems without their own (reclaimable, with a
 * constructor, so its free pointer sits after the object: 616 + 8 = 624-byte
 * slots, as on Linux).
 * Leaves out: inodes themselves, the inode hash (mm/mm_init.c logs its
 * size), the LRU and its shrinker (the address-space issue's filesystem).
 * Caller: vfs_caches_init (fs/dcache.c).
 */
#include <string.h>
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/slab.h"

/*
 * Linux's init_once runs inode_init_once (lists, locks, the i_data
 * mapping) once per object; with no struct inode yet, a zeroed object is
 * that state.
 */
static void init_once(void *foo)
{
	memset(foo, 0, INODE_OBJECT_SIZE);
}

void inode_init(struct machine *m)
{
	m->inode_cachep = kmem_cache_create(m, "inode_cache", INODE_OBJECT_SIZE, 0,
					    SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT,
					    init_once);
}
