// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inodes (fs/inode.c): inode_init, which creates inode_cache, the cache of
 * inodes of filesystems without their own (reclaimable, with a constructor,
 * so its free pointer sits after the object: 616 + 8 = 624-byte slots, as on
 * Linux), and new_inode/iput for the simulated disk's inodes.
 * Inode numbers are ext4's: the root directory is 2 (EXT4_ROOT_INO), 11 is
 * lost+found on a fresh ext4, so the first file made is 12, then 13 ...
 * (fs/simdisk.c starts s_next_ino at 12).
 * Leaves out: the inode hash (mm/mm_init.c logs its size), the LRU and its
 * shrinker, timestamps, owners and permissions beyond i_mode.
 * Callers: vfs_caches_init (fs/dcache.c), fs/simdisk.c, fs/namei.c.
 */
#include <string.h>
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/slab.h"

_Static_assert(sizeof(struct inode) <= INODE_OBJECT_SIZE,
	       "struct inode must fit Linux's inode object");

/*
 * Linux's init_once runs inode_init_once (lists, locks, the i_data
 * mapping) once per object: a zeroed object with i_data's list empty and
 * i_mapping pointing at it.
 */
static void init_once(void *foo)
{
	struct inode *inode = foo;

	memset(foo, 0, INODE_OBJECT_SIZE);
	inode->i_data.i_mmap = RB_ROOT;
	inode->i_mapping = &inode->i_data;
}

struct inode *new_inode(struct machine *m, struct super_block *sb, u32 mode)
{
	struct inode *inode = kmem_cache_alloc(m, m->inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	/* inode_init_always: a fresh state over what the last user left */
	inode->i_mode = mode;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	inode->i_ino = sb->s_next_ino++;
	inode->i_sb = sb;
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_count = 1;
	inode->i_writecount = 0;
	inode->i_mapping = &inode->i_data;
	inode->i_data.host = inode;
	inode->i_data.i_mmap = RB_ROOT;
	inode->i_data.i_mmap_writable = 0;
	inode->i_data.nrpages = 0;
	inode->i_data.gfp_mask = GFP_HIGHUSER_MOVABLE;
	return inode;
}

void iput(struct machine *m, struct inode *inode)
{
	if (!inode || --inode->i_count)
		return;
	kmem_cache_free(m, m->inode_cachep, inode);
}

void inode_init(struct machine *m)
{
	m->inode_cachep = kmem_cache_create(m, "inode_cache", INODE_OBJECT_SIZE, 0,
					    SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT,
					    init_once);
}
