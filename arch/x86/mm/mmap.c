// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where a new address space puts its mmap area (arch/x86/mm/mmap.c):
 * arch_pick_mmap_layout chooses top-down or the legacy bottom-up layout
 * and computes mmap_base and mmap_legacy_base as x86-64 Linux does.
 *
 * mmap_base = PAGE_ALIGN(TASK_SIZE - gap - rnd), gap = the stack rlimit
 * plus stack_guard_gap (plus the stack's random range when randomizing),
 * clamped to [128M, TASK_SIZE / 6 * 5]; with the default 8M stack
 * rlimit that is TASK_SIZE - 128M = 0x7ffff7fff000.  The legacy base is
 * PAGE_ALIGN(TASK_SIZE / 3).  The layout is bottom-up when
 * vm.legacy_va_layout is set (or the ADDR_COMPAT_LAYOUT personality).
 *
 * Leaves out: randomization (rnd = 0, as with norandmaps; the process
 * issue draws it from the machine's PRNG when randomize_va_space is
 * set), 32-bit compat bases, personalities.
 * Callers: mm/mmap.c mm_alloc users (exec, in the process issue), tests.
 * Wired to the script language by the process issue (spawn/exec).
 */
#include "linux/kernel.h"
#include "linux/machine.h"
#include "linux/sysctl.h"
#include "../../../mm/vma.h"

#define SIZE_128M	(128UL << 20)

/* The top of the top-down area under the stack (rnd = 0). */
static unsigned long mmap_base(unsigned long rnd, unsigned long task_size,
			       unsigned long rlim_stack, unsigned long guard_gap)
{
	unsigned long gap = rlim_stack;
	unsigned long pad = guard_gap;	/* + stack_maxrandom_size(): 0 */
	unsigned long gap_min = SIZE_128M, gap_max = (task_size / 6) * 5;

	if (gap + pad > gap)		/* RLIM_INFINITY and neighbours overflow */
		gap += pad;
	gap = clamp(gap, gap_min, gap_max);
	return ALIGN(task_size - gap - rnd, PAGE_SIZE);
}

static unsigned long mmap_legacy_base(unsigned long rnd, unsigned long task_size)
{
	return ALIGN(task_size / 3, PAGE_SIZE) + rnd;	/* __TASK_UNMAPPED_BASE */
}

void arch_pick_mmap_layout(struct machine *m, struct mm_struct *mm, unsigned long rlim_stack)
{
	bool legacy = m->vm.legacy_va_layout != 0;

	mm->mmap_topdown = !legacy;
	mm->mmap_legacy_base = mmap_legacy_base(0, mm->task_size);
	mm->mmap_base = legacy ? mm->mmap_legacy_base :
		mmap_base(0, mm->task_size, rlim_stack, mm->stack_guard_gap);
}
