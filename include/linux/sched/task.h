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

/* ---- kernel/process.c: processes (spawn and exit) ---- */

/*
 * spawn_process - a process named @name: a task (alloc_task) with the
 * next pid (1, 2, ...), an mm (mm_alloc) holding the 132 KiB [stack] VMA as
 * exec leaves it with randomization off, its 33 pages charged to the
 * commit (__vm_enough_memory).  Returns the task, or NULL with
 * *@err = -EINVAL (empty name, not [A-Za-z0-9_-], all digits, "kernel"),
 * -ENAMETOOLONG (16 characters or more), -EEXIST (a live process has the
 * name), -EAGAIN (pids exhausted), -ENOMEM (nothing is left allocated).
 */
struct task_struct *spawn_process(struct machine *m, const char *name, int *err);

/* exit_process - exit_mm (mmput) and release_task (free_task) of @tsk. */
void exit_process(struct machine *m, struct task_struct *tsk);

/* find_process, find_process_by_pid - the live process so named or with
 * that pid (kernel tasks never), or NULL. */
struct task_struct *find_process(struct machine *m, const char *name);
struct task_struct *find_process_by_pid(struct machine *m, int pid);

/*
 * Running as a process: while a syscall of @tsk runs, current_pid and
 * current_comm name it (what reports such as __vm_enough_memory's warning
 * print).  task_enter saves the previous current in @save, task_leave
 * restores it.  process_enter is find_process + task_enter: the live
 * process @name (entered), or NULL (nothing changed).
 */
struct current_save {
	int pid;		/* the previous current_pid */
	char comm[16];		/* the previous current_comm */
};
void task_enter(struct machine *m, struct task_struct *tsk, struct current_save *save);
void task_leave(struct machine *m, const struct current_save *save);
struct task_struct *process_enter(struct machine *m, const char *name, struct current_save *save);

#endif
