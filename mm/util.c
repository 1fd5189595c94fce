// SPDX-License-Identifier: GPL-2.0-only
/*
 * Overcommit accounting (the overcommit part of Linux's mm/util.c and the
 * accounting rules of do_mmap/__mmap_region): the committed address space
 * (vm_committed_as), the commit limit, __vm_enough_memory with the three
 * overcommit_memory modes, and which mappings are charged at all.
 *
 * Left out: swap and hugetlb pages (neither exists yet; their terms are in
 * the formulas as 0), Linux's percpu batching of vm_committed_as (the
 * counter here is exact), LSM hooks (cap_vm_enough_memory's CAP_SYS_ADMIN
 * test is the caller's @cap_sys_admin).
 *
 * Called by fs/proc/meminfo.c (CommitLimit, Committed_AS); wired to the
 * language by the mmap/brk/stack paths of mm/mmap.c and mm/vma.c when they
 * land (they call __vm_enough_memory and vm_unacct_memory).
 */
#include <errno.h>

#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/printk.h"

/* pr_warn_ratelimited's defaults: 10 messages per 5 s (virtual time). */
#define VM_ENOUGH_RS_INTERVAL_NS	5000000000ULL
#define VM_ENOUGH_RS_BURST		10

/* Swap devices do not exist yet: total_swap_pages is 0. */
static unsigned long total_swap_pages(const struct machine *m)
{
	(void)m;
	return 0;
}

/* hugetlb pools do not exist yet: hugetlb_total_pages() is 0. */
static unsigned long hugetlb_total_pages(const struct machine *m)
{
	(void)m;
	return 0;
}

void vm_acct_memory(struct machine *m, long pages)
{
	m->vm_committed_as += pages;
}

void vm_unacct_memory(struct machine *m, long pages)
{
	vm_acct_memory(m, -pages);
}

unsigned long vm_memory_committed(const struct machine *m)
{
	return m->vm_committed_as < 0 ? 0 : (unsigned long)m->vm_committed_as;
}

unsigned long vm_commit_limit(const struct machine *m)
{
	unsigned long allowed;

	if (m->vm.overcommit_kbytes)
		allowed = m->vm.overcommit_kbytes >> (PAGE_SHIFT - 10);
	else
		allowed = (m->totalram_pages - hugetlb_total_pages(m)) *
			  (unsigned long)m->vm.overcommit_ratio / 100;
	return allowed + total_swap_pages(m);
}

/*
 * ___ratelimit for __vm_enough_memory's warning: may one more be printed
 * in the current window?  A new window first reports how many the last
 * one suppressed, as Linux's "%s: %d callbacks suppressed".
 */
static bool vm_enough_ratelimit(struct machine *m)
{
	if (!m->vm_enough_rs_started) {
		m->vm_enough_rs_started = true;
		m->vm_enough_rs_begin = m->clock_ns;
	}
	if (m->clock_ns > m->vm_enough_rs_begin + VM_ENOUGH_RS_INTERVAL_NS) {
		if (m->vm_enough_rs_missed)
			pr_warn(m, "__vm_enough_memory: %d callbacks suppressed",
				m->vm_enough_rs_missed);
		m->vm_enough_rs_begin = m->clock_ns;
		m->vm_enough_rs_printed = 0;
		m->vm_enough_rs_missed = 0;
	}
	if (m->vm_enough_rs_printed < VM_ENOUGH_RS_BURST) {
		m->vm_enough_rs_printed++;
		return true;
	}
	m->vm_enough_rs_missed++;
	return false;
}

/* OVERCOMMIT_NEVER: may the already charged total stay? */
static bool vm_commit_fits(const struct machine *m, const unsigned long *total_vm,
			   int cap_sys_admin)
{
	long allowed = (long)vm_commit_limit(m);

	/* the admin reserve: room root keeps to log in and recover */
	if (!cap_sys_admin)
		allowed -= (long)(m->vm.admin_reserve_kbytes >> (PAGE_SHIFT - 10));

	/* the user reserve: one process may not take the last of it */
	if (total_vm) {
		long reserve = (long)(m->vm.user_reserve_kbytes >> (PAGE_SHIFT - 10));
		long share = (long)(*total_vm / 32);

		allowed -= min(share, reserve);
	}
	return (long)vm_memory_committed(m) < allowed;
}

int __vm_enough_memory(struct machine *m, const unsigned long *total_vm,
		       long pages, int cap_sys_admin)
{
	bool ok;

	vm_acct_memory(m, pages);

	switch (m->vm.overcommit_memory) {
	case OVERCOMMIT_ALWAYS:
		ok = true;
		break;
	case OVERCOMMIT_GUESS:
		/* unsigned as Linux's: a negative @pages is absurd too */
		ok = !((unsigned long)pages > m->totalram_pages + total_swap_pages(m));
		break;
	default:	/* OVERCOMMIT_NEVER (the sysctl allows 0..2 only) */
		ok = vm_commit_fits(m, total_vm, cap_sys_admin);
		break;
	}
	if (ok)
		return 0;

	if (vm_enough_ratelimit(m))
		pr_warn(m, "__vm_enough_memory: pid: %d, comm: %s, bytes: %lu not enough memory for the allocation",
			m->current_pid, m->current_comm,
			(unsigned long)pages << PAGE_SHIFT);
	vm_unacct_memory(m, pages);
	return -ENOMEM;
}

bool accountable_mapping(const struct file *file, unsigned long vm_flags)
{
	(void)file;	/* is_file_hugepages(file): no hugetlbfs yet */
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

unsigned long mmap_noreserve_vm_flags(const struct machine *m, const struct file *file,
				      unsigned long map_flags)
{
	(void)file;	/* a hugetlbfs file would take VM_NORESERVE in any mode */
	if (!(map_flags & MAP_NORESERVE))
		return 0;
	return m->vm.overcommit_memory != OVERCOMMIT_NEVER ? VM_NORESERVE : 0;
}
