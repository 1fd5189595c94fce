// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel stacks (kernel/fork.c, CONFIG_VMAP_STACK): alloc_thread_stack_node,
 * free_thread_stack and account_kernel_stack.
 *
 * A stack is a THREAD_SIZE vmalloc area (4 zeroed pages and a guard page,
 * THREAD_ALIGN-aligned, so an overflow faults on the guard).  Each CPU
 * keeps NR_CACHED_STACKS freed stacks (still vmalloc'd: VmallocUsed counts
 * them, KernelStack does not) and hands them out, zeroed, before asking
 * vmalloc.  KernelStack is NR_KERNEL_STACK_KB of the nodes the stack's
 * pages are on, 4 kB a page.
 *
 * Leaves out: memcg charging of stacks, the RCU delay before a stack that
 * did not fit in the cache is vfree'd (it is freed at once), the CPU-hotplug
 * callback that empties a dead CPU's cache, and init_task's static stack
 * (part of the kernel image).  Called by kernel/fork.c.
 */
#include <string.h>
#include "asm/pgtable.h"
#include "linux/machine.h"
#include "linux/sched/task_stack.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"

#define THREADINFO_GFP		(GFP_KERNEL_ACCOUNT | __GFP_ZERO)

_Static_assert(NR_CACHED_STACKS == ARRAY_SIZE(((struct machine *)0)->cached_stacks[0]),
	       "struct machine's cached_stacks must hold NR_CACHED_STACKS per CPU");

/* account_kernel_stack: @account (+1/-1) times 4 kB on each stack page's node. */
static void account_kernel_stack(struct machine *m, struct task_struct *tsk, int account)
{
	struct vm_struct *vm = task_stack_vm_area(tsk);

	for (unsigned int i = 0; i < THREAD_SIZE / PAGE_SIZE; i++) {
		struct page *page = vm_area_page(m, vm, i);

		if (page)
			mod_node_page_state(NODE_DATA(m, page->nid), NR_KERNEL_STACK_KB,
					    account * (long)(PAGE_SIZE / 1024));
	}
}

/* Clear stale data from a reused stack. */
static void clear_stack(struct machine *m, unsigned long stack)
{
	for (unsigned long off = 0; off < THREAD_SIZE; off += PAGE_SIZE) {
		void *p = kva_to_host(m, stack + off, NULL);

		if (p)
			memset(p, 0, PAGE_SIZE);
	}
}

/* A stack from the current CPU's cache, or NULL. */
static struct vm_struct *take_cached_stack(struct machine *m)
{
	struct vm_struct **cache = m->cached_stacks[m->current_cpu];

	for (int i = 0; i < NR_CACHED_STACKS; i++) {
		struct vm_struct *vm = cache[i];

		if (vm) {
			cache[i] = NULL;
			return vm;
		}
	}
	return NULL;
}

int alloc_thread_stack_node(struct machine *m, struct task_struct *tsk, int node)
{
	struct vm_struct *vm = take_cached_stack(m);
	unsigned long stack;

	if (vm) {
		stack = vm->addr;
		clear_stack(m, stack);
	} else {
		/* stacks are cached and reused, so memcg charging is manual: no __GFP_ACCOUNT */
		stack = __vmalloc_node(m, THREAD_SIZE, THREAD_ALIGN,
				       THREADINFO_GFP & ~__GFP_ACCOUNT, node,
				       (tsk->flags & PF_IDLE) ? "fork_idle" : "kernel_clone");
		if (!stack)
			return -ENOMEM;
		vm = find_vm_area(m, stack);
	}
	tsk->stack_vm_area = vm;
	tsk->stack = stack;
	account_kernel_stack(m, tsk, 1);
	return 0;
}

void free_thread_stack(struct machine *m, struct task_struct *tsk)
{
	struct vm_struct **cache = m->cached_stacks[m->current_cpu];
	struct vm_struct *vm = tsk->stack_vm_area;
	int i;

	if (!vm)
		return;
	account_kernel_stack(m, tsk, -1);
	for (i = 0; i < NR_CACHED_STACKS; i++)	/* try_release_thread_stack_to_cache */
		if (!cache[i])
			break;
	if (i < NR_CACHED_STACKS)
		cache[i] = vm;
	else
		vfree(m, tsk->stack);
	tsk->stack = 0;
	tsk->stack_vm_area = NULL;
}
