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

/*
 * copy_files - give @tsk (a new task being built by fork/clone, its
 * ->files still the parent's pointer as dup_task_struct copied it) its
 * descriptor table: with CLONE_FILES in @clone_flags the parent's is
 * shared (count + 1); otherwise a copy (dup_fd): a files_struct from
 * files_cache with every open descriptor of the parent, each file's
 * reference taken, the table sized as Linux sizes it.  A task with no
 * ->files (a kernel thread) keeps none.  Returns 0, or -ENOMEM with
 * tsk->files untouched on failure (nothing left allocated).
 */
int copy_files(struct machine *m, unsigned long clone_flags, struct task_struct *tsk);

/*
 * exit_files - @tsk lets go of its descriptor table (do_exit): ->files is
 * set to NULL and, when it was the last user, every open file is fput and
 * the fdtable, its arrays and the files_struct are freed.  Safe when
 * tsk->files is NULL.
 */
void exit_files(struct machine *m, struct task_struct *tsk);

#endif
