// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/fd (Linux's fs/proc/fd.c): one entry per open descriptor of
 * the process, so `ls /proc/db/fd` lists the numbers; reading an entry
 * gives what readlink(2) gives on Linux, the open file's path
 * ("/dev/console" for the console on 0-2), followed by a newline.
 * mmsim's pseudo files have no symlinks, so `cat` shows the link's
 * target instead of following it to the file's bytes (docs/divergences.md).
 *
 * Linux makes the entries on lookup; the kernfs tree here is static, so
 * they are made and removed as descriptors come and go: open
 * (proc_fd_install), close (proc_fd_close), the process's /proc/PID
 * (proc_fd_register, from proc_pid_register: spawn, fork, exec) and
 * exit_files (proc_fd_unregister).  Each entry's data is the pid and the
 * descriptor packed in one word, looked up when read: no memory to free,
 * nothing dangling when the task is gone.
 * Leaves out: /proc/PID/fdinfo, the links' modes (lr-x/l-wx/lrwx).
 * Callers: fs/file_syscalls.c, fs/file.c, fs/proc/base.c.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/kernfs.h"
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

#define FD_KEY(pid, fd)		((void *)(((uintptr_t)(unsigned int)(pid) << 32) | (fd)))
#define FD_KEY_PID(key)		((int)((uintptr_t)(key) >> 32))
#define FD_KEY_FD(key)		((unsigned int)((uintptr_t)(key) & 0xffffffffu))

static int proc_fd_show(struct seq_file *sf)
{
	struct task_struct *tsk;
	struct file *f = NULL;
	char path[PATH_MAX];

	list_for_each_entry(tsk, &sf->machine->tasks, tasks)
		if (tsk->pid == FD_KEY_PID(sf->private) && tsk->files)
			f = files_lookup_fd(tsk->files, FD_KEY_FD(sf->private));
	if (!f)
		return -ENOENT;
	if (file_is_console(f))
		seq_printf(sf, "/dev/console\n");
	else if (!d_path(f->f_dentry, path, sizeof(path)))
		seq_printf(sf, "%s\n", path);
	else
		return -ENAMETOOLONG;
	return 0;
}

static const struct kernfs_ops proc_fd_operations = { .show = proc_fd_show };

static void fd_entry_path(char *buf, size_t len, const struct task_struct *tsk, unsigned int fd)
{
	snprintf(buf, len, "/proc/%d/fd/%u", tsk->pid, fd);
}

/* Whether @tsk shows in /proc with the table @files. */
static bool shows(const struct task_struct *tsk, const struct files_struct *files)
{
	return tsk->files == files && tsk->pid > 0 && tsk->mm;
}

void proc_fd_install(struct machine *m, struct files_struct *files, unsigned int fd)
{
	struct task_struct *tsk;
	char path[64];

	list_for_each_entry(tsk, &m->tasks, tasks)
		if (shows(tsk, files)) {
			fd_entry_path(path, sizeof(path), tsk, fd);
			kernfs_create_file(m, path, 0400, &proc_fd_operations,
					   FD_KEY(tsk->pid, fd));	/* host memory: best effort */
		}
}

void proc_fd_close(struct machine *m, struct files_struct *files, unsigned int fd)
{
	struct task_struct *tsk;
	char path[64];

	list_for_each_entry(tsk, &m->tasks, tasks)
		if (shows(tsk, files)) {
			fd_entry_path(path, sizeof(path), tsk, fd);
			kernfs_remove(m, path);
		}
}

int proc_fd_register(struct machine *m, struct task_struct *tsk)
{
	struct fdtable *fdt;
	char path[64];
	int ret;

	if (!tsk->files)
		return 0;
	fdt = tsk->files->fdt;
	for (unsigned int fd = 0; fd < fdt->max_fds; fd++) {
		if (!fdt->fd[fd])
			continue;
		fd_entry_path(path, sizeof(path), tsk, fd);
		ret = kernfs_create_file(m, path, 0400, &proc_fd_operations, FD_KEY(tsk->pid, fd));
		if (ret && ret != -EEXIST)
			return ret;
	}
	return 0;
}

void proc_fd_unregister(struct machine *m, struct task_struct *tsk)
{
	char path[48];

	snprintf(path, sizeof(path), "/proc/%d/fd", tsk->pid);
	kernfs_remove(m, path);
}
