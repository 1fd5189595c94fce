/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VFS's object caches (fs/dcache.c, fs/inode.c, fs/file_table.c):
 * names_cache, dentry, inode_cache and filp.  This issue creates them; the
 * simulated filesystem of the address-space issue allocates its dentries,
 * inodes and open files from them, registers the dcache and icache
 * shrinkers that drop_caches calls, and takes a names_cache buffer for each
 * path lookup.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

struct machine;

#define PATH_MAX	4096	/* a names_cache object */

/*
 * Linux 6.18's sizeof(struct dentry), sizeof(struct inode) and
 * sizeof(struct file) (/sys/kernel/slab/X/object_size); mmsim's structs,
 * when they exist, must fit (static_assert next to them).
 */
#define DENTRY_OBJECT_SIZE	192
#define INODE_OBJECT_SIZE	616
#define FILE_OBJECT_SIZE	184

/*
 * vfs_caches_init - create names_cache, then dcache_init's, inode_init's
 * and files_init's caches, in Linux's order.  Boot only.
 */
void vfs_caches_init(struct machine *m);
/* inode_init - the inode_cache (fs/inode.c). */
void inode_init(struct machine *m);
/* files_init - the filp cache (fs/file_table.c). */
void files_init(struct machine *m);

#endif
