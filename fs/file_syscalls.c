// SPDX-License-Identifier: GPL-2.0-only
/*
 * The descriptor syscalls of a process: open (Linux's do_sys_openat2 in
 * fs/open.c), close (close_fd) and mmap of a descriptor (ksys_mmap_pgoff
 * in mm/mmap.c), each run as the process (task_enter), and their public
 * API (include/mmsim.h, "descriptors").
 *
 * open takes the lowest free descriptor below RLIMIT_NOFILE first
 * (get_unused_fd_flags: EMFILE before any lookup, as Linux), then opens
 * the path; O_CREAT makes a missing regular file of 0 bytes (mode 0644)
 * in an existing directory, O_EXCL refuses an existing one (EEXIST), a
 * directory with O_CREAT is EISDIR.  Processes run as root, so no
 * permission check refuses (EACCES never comes from open here); writing
 * a running program is ETXTBSY (filp_open, fs/exe_file.c).
 * Leaves out: O_TRUNC, O_APPEND, O_PATH, O_TMPFILE, O_NOFOLLOW (no
 * symlinks), dirfd and chdir (relative paths start at /)
 * (docs/divergences.md).
 * Callers: the front end (tools/mmsim/cmd_file.c, cmd_mman.c), tests.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "linux/err.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/proc_fs.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "../mm/vma.h"

/* The directory part of absolute @path must exist and be a directory. */
static int parent_is_dir(struct machine *m, const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	struct dentry *d;
	int ret;

	if (!slash || (size_t)(slash - path) >= sizeof(dir))
		return -ENAMETOOLONG;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash == path ? 1 : slash - path] = '\0';
	if (slash == path)
		dir[0] = '/';
	ret = path_lookup_dentry(m, dir, &d);
	if (ret)
		return ret;
	ret = S_ISDIR(d->d_inode->i_mode) ? 0 : -ENOTDIR;
	dput(m, d);
	return ret;
}

/* do_filp_open with O_CREAT and O_EXCL: the open file or ERR_PTR. */
static struct file *do_filp_open(struct machine *m, const char *path, unsigned int flags)
{
	struct dentry *d;
	char why[128];
	int ret;

	if (!(flags & O_CREAT))
		return filp_open(m, path, flags);
	ret = path_lookup_dentry(m, path, &d);
	if (!ret) {
		bool dir = S_ISDIR(d->d_inode->i_mode);

		dput(m, d);
		if (flags & O_EXCL)
			return ERR_PTR(-EEXIST);
		if (dir)
			return ERR_PTR(-EISDIR);
		return filp_open(m, path, flags);
	}
	if (ret != -ENOENT)
		return ERR_PTR(ret);
	ret = path[strlen(path) - 1] == '/' ? -EISDIR : parent_is_dir(m, path);
	if (!ret)
		ret = mmsim_create_file(m, path, 0, MMSIM_DATA_ZERO, why, sizeof(why));
	return ret ? ERR_PTR(ret) : filp_open(m, path, flags);
}

/*
 * do_sys_open as current @tsk: the new descriptor or -errno.  A relative
 * @path starts at the working directory, "/" for every process here.
 */
static int do_sys_open(struct machine *m, struct task_struct *tsk, const char *path,
		       unsigned int flags)
{
	char abs[PATH_MAX + 1];
	struct file *f;
	int fd;

	if ((flags & O_ACCMODE) == O_ACCMODE)	/* build_open_flags: mmsim has no ioctl-only opens */
		return -EINVAL;
	fd = alloc_fd(m, tsk->files, 0, rlimit(m, RLIMIT_NOFILE), flags);
	if (fd < 0)
		return fd;
	if (!path[0]) {
		f = ERR_PTR(-ENOENT);		/* getname: an empty name */
	} else {
		if (path[0] != '/' && snprintf(abs, sizeof(abs), "/%s", path) < (int)sizeof(abs))
			path = abs;		/* AT_FDCWD */
		f = do_filp_open(m, path, flags);
	}
	if (IS_ERR(f)) {
		put_unused_fd(tsk->files, (unsigned int)fd);
		return (int)PTR_ERR(f);
	}
	fd_install(tsk->files, (unsigned int)fd, f);
	proc_fd_install(m, tsk->files, (unsigned int)fd);	/* /proc/PID/fd/N */
	return fd;
}

/* A live process with a descriptor table, or NULL (-ESRCH for the caller). */
static struct task_struct *process_with_files(struct machine *m, const char *name)
{
	struct task_struct *tsk = find_process(m, name);

	return tsk && tsk->files ? tsk : NULL;
}

int mmsim_process_open(struct machine *m, const char *name, const char *path,
		       unsigned int flags, int *fd)
{
	struct task_struct *tsk = process_with_files(m, name);
	struct current_save save;
	int ret;

	if (!tsk)
		return -ESRCH;
	task_enter(m, tsk, &save);
	ret = do_sys_open(m, tsk, path, flags);
	task_leave(m, &save);
	if (ret < 0)
		return ret;
	*fd = ret;
	return 0;
}

int mmsim_process_close(struct machine *m, const char *name, int fd)
{
	struct task_struct *tsk = process_with_files(m, name);

	if (!tsk)
		return -ESRCH;
	if (fd < 0 || close_fd(m, tsk->files, (unsigned int)fd))
		return -EBADF;
	proc_fd_close(m, tsk->files, (unsigned int)fd);
	return 0;
}

int mmsim_process_mmap_fd(struct machine *m, const char *name, int fd, uint64_t addr,
			  uint64_t len, unsigned int prot, unsigned int flags, uint64_t offset,
			  uint64_t *out)
{
	struct task_struct *tsk = process_with_files(m, name);
	struct current_save save;
	struct file *file;
	unsigned long ret;

	if (!tsk)
		return -ESRCH;
	if (offset & ~PAGE_MASK)		/* sys_mmap: off not page aligned */
		return -EINVAL;
	file = fd < 0 ? NULL : files_lookup_fd(tsk->files, (unsigned int)fd);	/* fget */
	if (!file)
		return -EBADF;
	get_file(file);
	task_enter(m, tsk, &save);
	ret = do_mmap(m, tsk->mm, file, addr, len, prot, flags & ~MAP_ANONYMOUS,
		      offset >> PAGE_SHIFT);
	if (!IS_ERR_VALUE(ret))		/* vm_mmap_pgoff: MAP_POPULATE, locked (mm/gup.c) */
		vm_mmap_populate(m, tsk->mm, ret, len, flags);
	task_leave(m, &save);
	fput(m, file);
	if (IS_ERR_VALUE(ret))
		return (int)(long)ret;
	*out = ret;
	return 0;
}

int mmsim_process_mmap_file(struct machine *m, const char *name, const char *path,
			    uint64_t addr, uint64_t len, unsigned int prot, unsigned int flags,
			    uint64_t offset, uint64_t *out)
{
	int fd, ret = mmsim_process_open(m, name, path, O_RDWR, &fd);

	if (ret)
		return ret;
	ret = mmsim_process_mmap_fd(m, name, fd, addr, len, prot, flags, offset, out);
	mmsim_process_close(m, name, fd);	/* the VMA keeps its own reference */
	return ret;
}

/* The name of @f as /proc/PID/fd and strace -y show it. */
static int file_name(const struct file *f, char *buf, size_t len)
{
	if (file_is_console(f))
		return snprintf(buf, len, "/dev/console") < (int)len ? 0 : -ENAMETOOLONG;
	return d_path(f->f_dentry, buf, len);
}

int mmsim_process_fd_path(struct machine *m, const char *name, int fd, char *buf, size_t len)
{
	struct task_struct *tsk = process_with_files(m, name);
	struct file *f;

	if (!tsk)
		return -ESRCH;
	f = fd < 0 ? NULL : files_lookup_fd(tsk->files, (unsigned int)fd);
	if (!f)
		return -EBADF;
	return file_name(f, buf, len);
}

int mmsim_process_next_fd(struct machine *m, const char *name)
{
	struct task_struct *tsk = process_with_files(m, name);
	struct fdtable *fdt;
	unsigned int fd;

	if (!tsk)
		return -ESRCH;
	fdt = tsk->files->fdt;
	for (fd = tsk->files->next_fd; fd < fdt->max_fds; fd++)
		if (!fdt->fd[fd])
			break;
	return (int)fd;
}
