// SPDX-License-Identifier: GPL-2.0-only
/*
 * A dentry's path (Linux's fs/d_path.c, d_path for the disk's one mount):
 * the names from the root down, "/" for the root.  Leaves out: mounts,
 * " (deleted)" for unlinked files (nothing is unlinked yet), chroot.
 * Caller: fs/proc/task_mmu.c (the file names of /proc/PID/maps).
 */
#include <errno.h>
#include <string.h>
#include "linux/fs.h"

int d_path(const struct dentry *dentry, char *buf, size_t len)
{
	size_t pos = len;

	if (!len)
		return -ENAMETOOLONG;
	buf[--pos] = '\0';
	for (const struct dentry *d = dentry; d->d_parent != d; d = d->d_parent) {
		if (pos < d->d_name.len + 1)
			return -ENAMETOOLONG;
		pos -= d->d_name.len;
		memcpy(buf + pos, d->d_name.name, d->d_name.len);
		buf[--pos] = '/';
	}
	if (pos == len - 1) {		/* the root itself */
		if (pos < 1)
			return -ENAMETOOLONG;
		buf[--pos] = '/';
	}
	memmove(buf, buf + pos, len - pos);
	return 0;
}
