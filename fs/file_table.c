// SPDX-License-Identifier: GPL-2.0-only
/*
 * Open files (fs/file_table.c): for now files_init, which creates "filp",
 * the cache of struct file: cache-line aligned, type-safe by RCU.  Linux
 * puts the free pointer inside the object (f_freeptr); mmsim puts it after
 * (its kmem_cache_create has no free pointer offset), and 184 + 8 bytes
 * still round to the same 192-byte slots.
 * alloc_empty_file, get_file and fput give and drop struct files; an
 * open file holds a reference to its dentry and its inode.
 * Leaves out: nr_files and the file-max sysctl, delayed fput (task_work),
 * RCU lookups.
 * Callers: vfs_caches_init (fs/dcache.c); filp_open (fs/open.c); the
 * process issue's open/close (files_struct).
 */
#include <fcntl.h>
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/slab.h"

_Static_assert(sizeof(struct file) <= FILE_OBJECT_SIZE,
	       "struct file must fit Linux's file object");

void files_init(struct machine *m)
{
	m->filp_cachep = kmem_cache_create(m, "filp", FILE_OBJECT_SIZE, 0,
					   SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT |
					   SLAB_TYPESAFE_BY_RCU, NULL);
}

/* OPEN_FMODE: O_RDONLY 0 -> read, O_WRONLY 1 -> write, O_RDWR 2 -> both. */
static unsigned int open_fmode(unsigned int flags)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		return FMODE_READ;
	case O_WRONLY:
		return FMODE_WRITE;
	default:
		return FMODE_READ | FMODE_WRITE;
	}
}

struct file *alloc_empty_file(struct machine *m, unsigned int flags)
{
	struct file *f = kmem_cache_alloc(m, m->filp_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!f)
		return NULL;
	f->f_count = 1;
	f->f_flags = flags;
	f->f_mode = open_fmode(flags);
	return f;
}

struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}

void fput(struct machine *m, struct file *f)
{
	if (!f || --f->f_count)
		return;
	/* __fput: write access, the path's dentry (which held the inode), the inode ref */
	if (f->f_mode & FMODE_WRITER)
		put_write_access(f->f_inode);
	iput(m, f->f_inode);
	dput(m, f->f_dentry);
	kmem_cache_free(m, m->filp_cachep, f);
}
