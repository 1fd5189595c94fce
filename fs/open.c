// SPDX-License-Identifier: GPL-2.0-only
/*
 * Opening the simulated disk's files (fs/open.c): filp_open looks the path
 * up and gives a struct file that holds its dentry and inode, as
 * do_dentry_open sets f_inode, f_mapping and f_mode.
 * A file opened for writing takes write access (i_writecount), refused
 * with ETXTBSY while the inode runs as an executable.
 * Leaves out: permissions, O_CREAT/O_TRUNC (files are made by
 * mmsim_create_file), file operations, the descriptor table (the process
 * issue's open/close put the file in a files_struct).
 * Callers: the process issue's open, mmap and exec; tests.
 */
#include <errno.h>
#include <fcntl.h>
#include "linux/err.h"
#include "linux/fs.h"
#include "linux/machine.h"

struct file *filp_open(struct machine *m, const char *path, unsigned int flags)
{
	struct dentry *d;
	struct inode *inode;
	struct file *f;
	int ret;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return ERR_PTR(-EINVAL);
	ret = path_lookup_dentry(m, path, &d);
	if (ret)
		return ERR_PTR(ret);
	inode = d->d_inode;
	if (S_ISDIR(inode->i_mode) && (flags & O_ACCMODE) != O_RDONLY) {
		dput(m, d);
		return ERR_PTR(-EISDIR);
	}
	f = alloc_empty_file(m, flags);
	if (!f) {
		dput(m, d);
		return ERR_PTR(-ENOMEM);
	}
	f->f_dentry = d;		/* the lookup's reference */
	f->f_inode = inode;
	inode->i_count++;		/* ihold */
	f->f_mapping = inode->i_mapping;
	f->f_pos = 0;
	if (f->f_mode & FMODE_WRITE) {		/* do_dentry_open's file_get_write_access */
		ret = get_write_access(inode);
		if (ret) {
			fput(m, f);		/* ETXTBSY: a running executable */
			return ERR_PTR(ret);
		}
		f->f_mode |= FMODE_WRITER;
	}
	return f;
}
