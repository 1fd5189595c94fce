/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct task_struct: a thread of the model machine (include/linux/sched.h).
 * Lives in the task_struct slab cache like Linux's; its kernel stack is a
 * THREAD_SIZE vmalloc area (CONFIG_VMAP_STACK), counted in KernelStack.
 * The kernel's own tasks (per-CPU idle threads) have no mm; processes
 * (spawn, fork, vfork, clone) hold the objects Linux's copy_process gives
 * them: a struct pid, a cred, a signal_struct and sighand_struct (shared
 * by the threads of a group), an fs_struct, a files_struct and an mm.
 *
 * Field ownership: each group below is written by the file its comment
 * names; everything else only reads it.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include "linux/list.h"
#include "linux/resource.h"

#define TASK_COMM_LEN	16
#define THREAD_SIZE	(4 * 4096UL)	/* 16 KiB on x86-64 */
#define TASK_CPUMASK_LONGS	4	/* BITS_TO_LONGS(NR_CPUS): NR_CPUS 256 (linux/mmzone.h) */

/* cpumask_test_cpu: is @cpu in @mask (a cpus_mask, or any u64 bitmap)? */
static inline bool cpumask_test_cpu(int cpu, const uint64_t *mask)
{
	return mask[cpu / 64] >> (cpu % 64) & 1;
}

#define PF_IDLE		0x00000002	/* the idle thread of a CPU */
#define PF_EXITING	0x00000004	/* getting shut down (do_exit) */
#define PF_FORKNOEXEC	0x00000040	/* forked but did not exec */
#define PF_SUPERPRIV	0x00000100	/* used super-user privileges */
#define PF_MEMALLOC	0x00000800	/* may dip into reserves */
#define PF_KTHREAD	0x00200000	/* a kernel thread */

/* Task states (__state) and exit states (exit_state), Linux's values. */
#define TASK_RUNNING		0x00000000
#define TASK_INTERRUPTIBLE	0x00000001	/* "S (sleeping)": every process between commands */
#define TASK_UNINTERRUPTIBLE	0x00000002	/* "D (disk sleep)": a vfork parent (TASK_KILLABLE) */
#define __TASK_STOPPED		0x00000004	/* "T (stopped)": SIGSTOP and friends */
#define EXIT_DEAD		0x00000010	/* being released */
#define EXIT_ZOMBIE		0x00000020	/* "Z (zombie)": exited, not yet reaped */

/* include/uapi/linux/oom.h: /proc/PID/oom_score_adj's range. */
#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

struct vm_struct;
struct mm_struct;
struct files_struct;
struct fs_struct;
struct pid;
struct cred;
struct signal_struct;
struct sighand_struct;

struct task_struct {
	/* kernel/fork.c: identity (alloc_task, copy_process) */
	int pid;			/* thread id: thread_pid's number; 0 for idle */
	int tgid;			/* thread group id: the group leader's pid */
	struct pid *thread_pid;		/* from the pid cache; NULL for idle tasks */
	unsigned int flags;		/* PF_* */
	int cpu;			/* CPU it runs on: its allocations prefer that node */
	char comm[TASK_COMM_LEN];	/* the name (mmsim: also the language's handle) */
	unsigned long stack;		/* kernel VA of its THREAD_SIZE stack; 0 once dead */
	struct vm_struct *stack_vm_area;	/* the vmalloc area of the stack */
	struct mm_struct *mm;		/* NULL for kernel threads and after exit_mm */
	struct list_head tasks;		/* on m->tasks, in creation order */
	/* kernel/fork.c and kernel/exit.c: family */
	struct task_struct *real_parent;	/* who forked it; NULL: spawned by the
						 * shell (outside the machine) or orphaned */
	struct list_head children;	/* its children, linked by their sibling */
	struct list_head sibling;	/* in real_parent->children */
	struct task_struct *group_leader;	/* the thread group's leader (itself) */
	struct list_head thread_node;	/* in signal->thread_head */
	int exit_signal;		/* SIGCHLD for a process, -1 for a thread */
	struct task_struct *vfork_parent;	/* Linux's vfork_done: the parent
						 * sleeping in vfork until this task
						 * execs or exits; NULL otherwise */
	/* kernel/sched_affinity.c: where it may run (sched_setaffinity) */
	uint64_t cpus_mask[TASK_CPUMASK_LONGS];	/* allowed CPUs: every one unless set;
						 * fork and clone copy it */
	/* mm/memory_fault.c: mm_account_fault (/proc/PID/stat minflt, majflt) */
	unsigned long min_flt, maj_flt;
	/* kernel/signal.c and kernel/exit.c: run state */
	unsigned int __state;		/* TASK_INTERRUPTIBLE, _UNINTERRUPTIBLE, __TASK_STOPPED */
	int exit_state;			/* 0, EXIT_ZOMBIE or EXIT_DEAD */
	int exit_code;			/* wait status: (code << 8) or the signal */
	/* kernel/cred.c: credentials (copy_creds, exec's commit) */
	const struct cred *real_cred;	/* objective (same object as cred here) */
	const struct cred *cred;	/* subjective: what capable() checks */
	/* kernel/fork.c: shared per process (copy_signal, copy_sighand) */
	struct signal_struct *signal;	/* rlimits, oom_score_adj, the threads */
	struct sighand_struct *sighand;	/* signal actions (all default) */
	/* kernel/fork.c (copy_fs) and kernel/exit.c (exit_fs) */
	struct fs_struct *fs;		/* umask (and Linux's root and cwd) */
	/* fs/file.c: open descriptors (copy_files/exit_files) */
	struct files_struct *files;	/* NULL for kernel threads */
};

#endif
