/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct task_struct: a thread of the model machine (include/linux/sched.h).
 * Lives in the task_struct slab cache like Linux's; its kernel stack is a
 * THREAD_SIZE vmalloc area (CONFIG_VMAP_STACK), counted in KernelStack.
 * This issue creates the kernel's own tasks (per-CPU idle threads); the
 * address-space issue adds processes, mm_struct and the rest.
 *
 * Field ownership:
 *   kernel/fork.c     pid, comm, flags, stack, stack_vm_area, tasks link
 *   the scheduler     cpu (later)
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include "linux/list.h"
#include "linux/resource.h"

#define TASK_COMM_LEN	16
#define THREAD_SIZE	(4 * 4096UL)	/* 16 KiB on x86-64 */

#define PF_IDLE		0x00000002	/* the idle thread of a CPU */
#define PF_MEMALLOC	0x00000800	/* may dip into reserves */
#define PF_KTHREAD	0x00200000	/* a kernel thread */

/* include/uapi/linux/oom.h: /proc/PID/oom_score_adj's range. */
#define OOM_SCORE_ADJ_MIN	(-1000)
#define OOM_SCORE_ADJ_MAX	1000

struct vm_struct;
struct mm_struct;
struct files_struct;

struct task_struct {
	int pid;
	int tgid;
	unsigned int flags;		/* PF_* */
	int cpu;			/* CPU it runs on */
	char comm[TASK_COMM_LEN];
	unsigned long stack;		/* kernel VA of its THREAD_SIZE stack */
	struct vm_struct *stack_vm_area;	/* the vmalloc area of the stack */
	struct mm_struct *mm;		/* NULL for kernel threads */
	struct list_head tasks;		/* on m->tasks, in creation order */
	/* kernel/resource.c: Linux's signal->rlim (one thread per process) */
	struct rlimit rlim[RLIM_NLIMITS];	/* set by spawn (rlimit_init) */
	/* fs/proc/base.c: Linux's signal->oom_score_adj */
	short oom_score_adj;		/* OOM_SCORE_ADJ_MIN..MAX, 0 at spawn */
	/* fs/file.c: open descriptors (copy_files/exit_files) */
	struct files_struct *files;	/* NULL for kernel threads */
};

#endif
