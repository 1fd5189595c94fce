// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dentry cache (fs/dcache.c): for now vfs_caches_init, which creates
 * names_cache (PATH_MAX buffers), the dentry cache (dcache_init), and has
 * fs/inode.c and fs/file_table.c create theirs.
 *
 * Linux creates names_cache and dentry with kmem_cache_create_usercopy
 * (a hardened-usercopy whitelist), which makes them unmergeable; mmsim has
 * no usercopy region, so SLAB_NO_MERGE stands in for it: names_cache would
 * otherwise merge into kmalloc-4k, as it does not on Linux.
 *
 * Leaves out: dentries themselves, the dcache hash table (sized and logged
 * at boot by mm/mm_init.c), the LRU and its shrinker, mnt_init's caches,
 * bdev and chrdev init.
 * Caller: start_kernel_objects (kernel/fork.c).
 */
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/slab.h"

static void dcache_init(struct machine *m)
{
	/* KMEM_CACHE_USERCOPY(dentry, ...): aligned as the struct, 8 bytes */
	m->dentry_cache = kmem_cache_create(m, "dentry", DENTRY_OBJECT_SIZE, 8,
					    SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT |
					    SLAB_NO_MERGE, NULL);
}

void vfs_caches_init(struct machine *m)
{
	m->names_cachep = kmem_cache_create(m, "names_cache", PATH_MAX, 0,
					    SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_NO_MERGE, NULL);
	dcache_init(m);
	inode_init(m);
	files_init(m);
}
