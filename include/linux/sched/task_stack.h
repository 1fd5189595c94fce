/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel stacks (kernel/fork.c's CONFIG_VMAP_STACK half; Linux's
 * include/linux/sched/task_stack.h): every task's THREAD_SIZE (16 KiB)
 * stack is a vmalloc area of 4 pages plus a guard page, aligned to
 * THREAD_ALIGN, counted in its pages' nodes' NR_KERNEL_STACK_KB
 * (meminfo's KernelStack).  Each CPU keeps up to NR_CACHED_STACKS freed
 * stacks for the next task, as Linux does.  Implemented by
 * kernel/fork_stack.c; kernel/fork.c calls it.
 */
#ifndef _LINUX_SCHED_TASK_STACK_H
#define _LINUX_SCHED_TASK_STACK_H

#include "linux/sched.h"

struct machine;

#define THREAD_ALIGN		THREAD_SIZE	/* VMAP_STACK: stacks aligned to their size */
#define NR_CACHED_STACKS	2		/* freed stacks kept per CPU */

/*
 * alloc_thread_stack_node - give @tsk a zeroed kernel stack: one of the
 * current CPU's cached stacks if there is one (wherever it was allocated),
 * otherwise a new vmalloc area preferably on @node (NUMA_NO_NODE: the
 * current CPU's), GFP_KERNEL | __GFP_ZERO.  Sets tsk->stack and
 * tsk->stack_vm_area and adds 16 kB to NR_KERNEL_STACK_KB of each page's
 * node (Linux's account_kernel_stack, done in dup_task_struct).
 * /proc/vmallocinfo names the caller of Linux's stack allocation as the
 * host's 6.18 kernel shows it: "fork_idle" for a task with PF_IDLE set
 * (set tsk->flags first), "kernel_clone" otherwise.
 * Returns 0, or -ENOMEM (vmalloc's report is in the log).
 */
int alloc_thread_stack_node(struct machine *m, struct task_struct *tsk, int node);

/*
 * free_thread_stack - take 16 kB off KernelStack (account_kernel_stack(-1)
 * of release_task_stack), then keep the stack in a free slot of the
 * current CPU's cache or vfree it.  Clears tsk->stack and
 * tsk->stack_vm_area.  A task without a stack is left alone.
 */
void free_thread_stack(struct machine *m, struct task_struct *tsk);

/* task_stack_vm_area - the vmalloc area of @tsk's stack (NULL if none). */
static inline struct vm_struct *task_stack_vm_area(const struct task_struct *tsk)
{
	return tsk->stack_vm_area;
}

#endif
