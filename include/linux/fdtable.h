/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Descriptor tables (include/linux/fdtable.h, fs/file.c): a process's
 * struct files_struct, from the files_cache slab, holds an fdtable whose
 * first NR_OPEN_DEFAULT (BITS_PER_LONG = 64) slots are embedded in the
 * files_struct itself; past them expand_files allocates a bigger fdtable
 * (kmalloc) with its fd array and bitmaps (kvmalloc) as Linux sizes them.
 * Descriptors are handed out lowest first (alloc_fd), limited by
 * RLIMIT_NOFILE (-EMFILE); fork shares the table (CLONE_FILES) or copies
 * it (dup_fd); exit drops it (exit_files).
 * Leaves out: RCU, the file_lock and resize wait (one thread at a time),
 * close_range, dup2/dup3/fcntl(F_DUPFD), the sysctl fs.nr_open (fixed at
 * Linux's default 1024 * 1024).
 * Callers: kernel/process.c (spawn, exit), kernel/fork.c (copy_process),
 * the open/close/mmap syscalls (fs/open.c, mm/mmap.c users), fs/proc.
 */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

#include <stdbool.h>
#include <stddef.h>

struct machine;
struct task_struct;
struct file;

#define BITS_PER_LONG		64
#define NR_OPEN_DEFAULT		BITS_PER_LONG	/* fds embedded in files_struct */
#define SYSCTL_NR_OPEN		(1024 * 1024)	/* fs.nr_open's default */

/* struct fdtable: the current array of descriptors and its bitmaps. */
struct fdtable {
	unsigned int max_fds;		/* slots in fd[] (a multiple of BITS_PER_LONG) */
	struct file **fd;		/* fd[i]: the open file of descriptor i, or NULL */
	unsigned long *close_on_exec;	/* bit i: O_CLOEXEC on descriptor i */
	unsigned long *open_fds;	/* bit i: descriptor i is allocated */
	unsigned long *full_fds_bits;	/* bit j: word j of open_fds is all ones */
};

/* struct files_struct: a process's open files, shared by CLONE_FILES. */
struct files_struct {
	unsigned int count;		/* tasks sharing it (Linux: atomic_t) */
	struct fdtable *fdt;		/* &fdtab, or a kmalloc'd bigger one */
	struct fdtable fdtab;		/* the embedded table over the arrays below */
	unsigned int next_fd;		/* no free descriptor below this one */
	unsigned long close_on_exec_init[1];
	unsigned long open_fds_init[1];
	unsigned long full_fds_bits_init[1];
	struct file *fd_array[NR_OPEN_DEFAULT];
};

#ifndef CLONE_FILES
#define CLONE_FILES		0x00000400	/* include/uapi/linux/sched.h */
#endif

/*
 * copy_files - give @tsk, a new task being built by fork/clone while its
 * parent runs as current (process_enter: m->current_pid), its descriptor
 * table: with CLONE_FILES in @clone_flags the parent's is shared (count
 * + 1); otherwise a copy (dup_fd): a files_struct from files_cache with
 * every open descriptor of the parent, each file's reference taken, the
 * table sized as Linux sizes it (a kmalloc'd fdtable when the last open
 * descriptor is past 63).  tsk->files is set (NULL when current has no
 * table: a kernel thread).  Returns 0, or -ENOMEM with tsk->files NULL
 * and nothing left allocated.
 */
int copy_files(struct machine *m, unsigned long clone_flags, struct task_struct *tsk);

/*
 * exit_files - @tsk lets go of its descriptor table (do_exit): ->files is
 * set to NULL and, when it was the last user, every open file is fput and
 * the fdtable, its arrays and the files_struct are freed.  Safe when
 * tsk->files is NULL.
 */
void exit_files(struct machine *m, struct task_struct *tsk);

/*
 * spawn_files - the table a spawned process starts with: a files_struct
 * whose descriptors 0, 1 and 2 are one open file of the console (as init
 * opens /dev/console and dups it; see fs/file.c), in tsk->files.  0 or
 * -ENOMEM (nothing allocated).
 */
int spawn_files(struct machine *m, struct task_struct *tsk);

/* file_is_console - whether @f is a console file of spawn_files. */
bool file_is_console(const struct file *f);

/*
 * alloc_fd - reserve the lowest free descriptor >= @start and < @end
 * (RLIMIT_NOFILE's soft limit) in @files, growing the table when it is
 * past max_fds; O_CLOEXEC in @flags sets its close-on-exec bit.  Returns
 * the descriptor (its slot still empty: fd_install or put_unused_fd
 * next), or -EMFILE (none below @end, or past fs.nr_open), -ENOMEM.
 */
int alloc_fd(struct machine *m, struct files_struct *files, unsigned int start,
	     unsigned long end, unsigned int flags);
/* put_unused_fd - give back a reserved descriptor that was never installed. */
void put_unused_fd(struct files_struct *files, unsigned int fd);
/* fd_install - put @file (its reference passes to the table) in reserved @fd. */
void fd_install(struct files_struct *files, unsigned int fd, struct file *file);
/* files_lookup_fd - the open file of @fd, or NULL (no reference taken). */
struct file *files_lookup_fd(struct files_struct *files, unsigned int fd);
/*
 * close_fd - close @fd: the slot is emptied, the descriptor freed (next_fd
 * lowered), the file's reference dropped.  0 or -EBADF (not open).
 */
int close_fd(struct machine *m, struct files_struct *files, unsigned int fd);

/*
 * unshare_files - exec: give @tsk a table of its own when others share
 * it (CLONE_FILES without CLONE_THREAD): a copy, the shared one dropped.
 * 0 or -ENOMEM (nothing changed).
 */
int unshare_files(struct machine *m, struct task_struct *tsk);
/*
 * do_close_on_exec - exec: close every descriptor of @files whose
 * close-on-exec bit is set (O_CLOEXEC), clearing the bits.
 */
void do_close_on_exec(struct machine *m, struct files_struct *files);

/*
 * validate_files - check @files: count > 0; max_fds a multiple of 64, the
 * embedded table exactly when 64; each open bit matching an installed
 * file with f_count > 0; full_fds_bits matching open_fds; no free
 * descriptor below next_fd.  0, or -EUCLEAN with what is wrong in @err.
 */
int validate_files(const struct files_struct *files, char *err, size_t errlen);
/*
 * validate_fdtables - validate_files for every task's table, and each
 * table's count equal to the tasks sharing it.  0 or -EUCLEAN.
 */
int validate_fdtables(struct machine *m, char *err, size_t errlen);

#endif
