/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Creating and freeing tasks (kernel/fork.c; Linux's
 * include/linux/sched/task.h): the caches of the objects a process is made
 * of, the kernel's own tasks at boot (init_task and the idle threads), and
 * alloc_task/free_task, the task_struct + kernel stack pair that
 * copy_process (the address-space issue) builds on.
 */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

struct machine;
struct task_struct;

/*
 * Linux 6.18's object sizes (/sys/kernel/slab/X/object_size), matching the
 * slot sizes of tests/reference/procfs/proc-slabinfo.txt.  mmsim's C
 * structs placed in these objects must fit (static_assert next to them;
 * kernel/fork.c checks struct task_struct).
 *
 * task_struct is arch_task_struct_size: the struct plus the FPU's xstate
 * buffer, which depends on the CPU.  The host's 6.18 kernel has 5840 with
 * a 2472-byte AVX-512 xstate; the reference machine's 4288-byte slots are
 * the same kernel on an AVX2 CPU (872 bytes): 5840 - 2472 + 872 = 4240.
 * mm_struct includes mm_cpumask and the mm_cid per-CPU area, sized for up
 * to 64 CPUs.
 */
#define TASK_STRUCT_OBJECT_SIZE		4240
#define MM_STRUCT_OBJECT_SIZE		1568
#define SIGHAND_STRUCT_OBJECT_SIZE	2080
#define SIGNAL_STRUCT_OBJECT_SIZE	1152
#define FILES_STRUCT_OBJECT_SIZE	704
#define FS_STRUCT_OBJECT_SIZE		64

/* mm_cache_init - the mm_struct cache (end of Linux's mm_core_init). */
void mm_cache_init(struct machine *m);
/* fork_init - the task_struct cache. */
void fork_init(struct machine *m);
/*
 * proc_caches_init - sighand_cache, signal_cache, files_cache, fs_cache,
 * then mmap_init's vm_area_struct cache.
 */
void proc_caches_init(struct machine *m);

/*
 * start_kernel_objects - what start_kernel and smp_init do for the kernel's
 * objects, in Linux's order: init_task (CPU 0's idle task), mm_cache_init,
 * pid_idr_init, anon_vma_init, cred_init, fork_init, proc_caches_init,
 * vfs_caches_init, then an idle task per other CPU (fork_idle).  Needs the
 * slab and vmalloc allocators up.  A failure is logged as Linux logs it.
 */
void start_kernel_objects(struct machine *m);

/*
 * alloc_task - a kernel task: a zeroed task_struct from its cache and a
 * THREAD_SIZE kernel stack (alloc_thread_stack_node, counted in
 * KernelStack), both preferably on @node (NUMA_NO_NODE: the current CPU's),
 * named @comm (truncated to 15 characters), with PF_* @flags, pid 0 and
 * cpu 0, appended to m->tasks.  Returns NULL (and frees what it took) when
 * either allocation fails.
 */
struct task_struct *alloc_task(struct machine *m, const char *comm, unsigned int flags,
			       int node);

/*
 * free_task - unlink @tsk from m->tasks, free its stack (uncounting it
 * from KernelStack) and its task_struct.  @tsk must come from alloc_task;
 * init_task is never freed.
 */
void free_task(struct machine *m, struct task_struct *tsk);

/*
 * fork_idle - the idle task of CPU @cpu: "swapper/CPU", PF_IDLE |
 * PF_KTHREAD, allocated on the CPU's node.  Returns NULL on failure.
 */
struct task_struct *fork_idle(struct machine *m, int cpu);

/* fork_release - free init_task's host memory at machine teardown. */
void fork_release(struct machine *m);

/* ---- kernel/fork.c: copy_process (fork, vfork, clone) ---- */

/* include/uapi/linux/sched.h */
#define CSIGNAL		0x000000ff	/* the exit signal in the low byte */
#define CLONE_VM	0x00000100	/* share the mm */
#define CLONE_FS	0x00000200	/* share the fs_struct */
#define CLONE_FILES	0x00000400	/* share the descriptor table */
#define CLONE_SIGHAND	0x00000800	/* share signal actions */
#define CLONE_VFORK	0x00004000	/* the parent sleeps until the child execs or exits */
#define CLONE_THREAD	0x00010000	/* same thread group */

struct fs_struct;
struct signal_struct;
struct sighand_struct;

/*
 * copy_process - a new task made from @parent as Linux's copy_process
 * makes it, named @comm: task_struct and stack on the parent's CPU's
 * node, then cred, files, fs_struct, sighand_struct, signal_struct and mm
 * each shared or copied per @clone_flags (CLONE_VM, CLONE_FS, CLONE_FILES,
 * CLONE_SIGHAND, CLONE_THREAD; CSIGNAL bits the exit signal), then a
 * pid.  The child is linked into its thread group or its parent's
 * children, and runs on the parent's CPU.  Must run as @parent
 * (task_enter): dup_mmap charges the commit as it.  Returns the task, or
 * NULL with *@err = -EINVAL (CLONE_THREAD without CLONE_SIGHAND, or
 * CLONE_SIGHAND without CLONE_VM), -EAGAIN (the user's tasks reached
 * RLIMIT_NPROC without CAP_SYS_RESOURCE/CAP_SYS_ADMIN, or no pid left),
 * -ENOMEM (an object, or the overcommit charge of the copied VM_ACCOUNT
 * VMAs, refused); on failure nothing stays allocated or charged.
 */
struct task_struct *copy_process(struct machine *m, struct task_struct *parent,
				 unsigned long clone_flags, const char *comm, int *err);

/*
 * Objects of a process, for spawn and exit: alloc_fs_struct (users 1,
 * @umask), alloc_signal_struct (one live thread, zeroed limits),
 * alloc_sighand_struct (count 1): NULL on slab failure.  exit_fs,
 * put_sighand drop the task's reference (freed with the last);
 * put_signal_struct drops one of @sig's.
 */
struct fs_struct *alloc_fs_struct(struct machine *m, int umask);
struct signal_struct *alloc_signal_struct(struct machine *m);
struct sighand_struct *alloc_sighand_struct(struct machine *m);
void exit_fs(struct machine *m, struct task_struct *tsk);
void put_sighand(struct machine *m, struct task_struct *tsk);
void put_signal_struct(struct machine *m, struct signal_struct *sig);

/* ---- kernel/exit.c: exit, zombies, wait ---- */

/*
 * do_exit - @tsk exits with wait status @code ((status << 8) or a
 * signal number): it lets go of its mm (waking a vfork parent), files
 * and fs_struct, its kernel stack goes, its children are reparented
 * (see exit_notify in kernel/exit.c) and it becomes a zombie for its
 * parent to reap, or is released at once (a thread, or a process spawned
 * by the shell, whose parent reaps it at once).  A group leader whose
 * threads still run stays a zombie until the last of them exits.
 */
void do_exit(struct machine *m, struct task_struct *tsk, int code);

/*
 * do_group_exit - exit_group(2) of @tsk's thread group (also what a fatal
 * signal does): every thread exits with status @code.
 */
void do_group_exit(struct machine *m, struct task_struct *tsk, int code);

/*
 * do_wait - wait4(@pid or -1, WNOHANG) by @parent: a zombie child (that
 * child when @child is not NULL) is reaped: *@status is its wait status,
 * the return its pid.  0 when children exist but none has exited (WNOHANG:
 * mmsim never blocks), -ECHILD when @parent has no such child.
 */
int do_wait(struct machine *m, struct task_struct *parent, struct task_struct *child,
	    int *status);

/* release_task - free a dead task (zombie or EXIT_DEAD) for good. */
void release_task(struct machine *m, struct task_struct *p);

/*
 * validate_tasks - every process task's references agree: pid->task,
 * thread groups and signal counts, parents and children, sighand, fs and
 * cred usage counts, mm_users, each mm's PGD (a PGTY_table page) and its
 * VMAs (validate_mm); each live task's CPU and every CPU's last
 * distribute pick (kernel/sched_affinity.c).  0, or
 * -EUCLEAN with the first problem in @err.
 */
int validate_tasks(struct machine *m, char *err, size_t len);

/* ---- kernel/process.c: processes (spawn and exit) ---- */

/*
 * spawn_process - a process named @name, as a root shell's fork + exec
 * of /usr/bin/NAME leave it: a task (alloc_task) with the next pid (1,
 * 2, ...), its cred, fs_struct, descriptors 0-2, sighand_struct and
 * signal_struct (INIT_RLIMITS), and the address space exec_mm builds (with
 * its PGD page and its commit charge).  Its parent is the shell (no
 * real_parent).  Returns the task, or NULL with *@err = -EINVAL (empty
 * name, not [A-Za-z0-9_-], all digits, "kernel"), -ENAMETOOLONG (16
 * characters or more), -EEXIST (a live or zombie task has the name),
 * -EAGAIN (pids exhausted), -ENOMEM or exec's errors (nothing is left
 * allocated).
 */
struct task_struct *spawn_process(struct machine *m, const char *name, int *err);
/* spawn_process_as - spawn_process on CPU @cpu (-EINVAL when there is no
 * such CPU) with credentials of @uid (0: root). */
struct task_struct *spawn_process_as(struct machine *m, const char *name, int cpu,
				     unsigned int uid, int *err);

/* exit_process - exit_group(0) of @tsk's process (do_group_exit). */
void exit_process(struct machine *m, struct task_struct *tsk);

/* find_process, find_process_by_pid - the live task (process or thread)
 * so named or with that pid (kernel tasks and zombies never), or NULL.
 * find_task - the same, zombies included. */
struct task_struct *find_process(struct machine *m, const char *name);
struct task_struct *find_process_by_pid(struct machine *m, int pid);
struct task_struct *find_task(struct machine *m, const char *name);

/*
 * exec_process - execve(@path) by @tsk: a new mm from exec_mm (fs/exec.c)
 * and new credentials; the other threads of the group are killed and a
 * non-leader takes over the leader's pid (de_thread); the old mm is
 * dropped, which wakes a vfork parent.  0, or exec_mm's error (-ENOENT,
 * -ENOMEM...) with the process unchanged.
 */
int exec_process(struct machine *m, struct task_struct *tsk, const char *path);

/*
 * Running as a process: while a syscall of @tsk runs, current_pid and
 * current_comm name it (what reports such as __vm_enough_memory's warning
 * print).  task_enter saves the previous current in @save, task_leave
 * restores it.  task_enter is also the context switch: the syscall runs
 * on @tsk's CPU (m->current_cpu), which loads @tsk's mm
 * (switch_mm_irqs_off) or, for a task without one, goes lazy; the CPU
 * keeps that mm after task_leave, as the task goes on running there.  process_enter is find_process + task_enter: the live
 * process @name (entered), or NULL (nothing changed).
 */
struct current_save {
	struct task_struct *task;	/* the previous m->current */
	int cpu;		/* the previous m->current_cpu */
	int pid;		/* the previous current_pid */
	char comm[16];		/* the previous current_comm */
};
void task_enter(struct machine *m, struct task_struct *tsk, struct current_save *save);
void task_leave(struct machine *m, const struct current_save *save);
struct task_struct *process_enter(struct machine *m, const char *name, struct current_save *save);

/*
 * CPU affinity (kernel/sched_affinity.c).  task_cpus_setall: @tsk may run
 * on every CPU of @m.  sched_setaffinity: @tsk's cpus_mask becomes @mask
 * (@nbits bits) and the machine's CPUs; a changed mask picks a CPU
 * (cpumask_any_and_distribute on the current CPU: the next allowed one
 * after that CPU's last pick, wrapping) and if the task's CPU left the
 * mask it moves there (which loads its mm; the old CPU goes lazy when no
 * other thread of the mm stays there).  0, or -EINVAL (no CPU of the
 * machine in @mask; nothing changed).  validate_task_cpu: 0 if a live
 * @tsk runs on an allowed CPU of the machine, else -EUCLEAN with @err.
 * validate_distribute_cpu_mask_prev: 0 if every CPU's last distribute
 * pick is a CPU of the machine (running a task or not), else -EUCLEAN
 * with @err naming the first CPU that holds a bad one.
 * mm_has_thread_on: does a live task other than @tsk run @mm on @cpu
 * (then @cpu keeps running @mm when @tsk leaves it)?
 */
void task_cpus_setall(struct machine *m, struct task_struct *tsk);
int sched_setaffinity(struct machine *m, struct task_struct *tsk, const uint64_t *mask,
		      size_t nbits);
int validate_task_cpu(struct machine *m, const struct task_struct *tsk, char *err, size_t len);
int validate_distribute_cpu_mask_prev(struct machine *m, char *err, size_t len);
bool mm_has_thread_on(struct machine *m, const struct task_struct *tsk,
		      const struct mm_struct *mm, int cpu);

#endif
