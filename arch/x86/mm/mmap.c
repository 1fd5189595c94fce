// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where a new address space puts its mmap area (arch/x86/mm/mmap.c):
 * arch_pick_mmap_layout chooses top-down or the legacy bottom-up layout
 * and computes mmap_base and mmap_legacy_base as x86-64 Linux does, and
 * the random offsets of exec (arch_mmap_rnd, arch_randomize_brk, and
 * arch/x86/kernel/process.c's arch_align_stack).
 *
 * mmap_base = PAGE_ALIGN(TASK_SIZE - gap - rnd), gap = the stack rlimit
 * plus stack_guard_gap plus, when randomizing, the stack's random range
 * (stack_maxrandom_size: STACK_RND_MASK pages), clamped to [128M,
 * TASK_SIZE / 6 * 5]; with the default 8M stack rlimit and randomization
 * off that is TASK_SIZE - 128M = 0x7ffff7fff000.  The legacy base is
 * PAGE_ALIGN(TASK_SIZE / 3) + rnd.  The layout is bottom-up when
 * vm.legacy_va_layout is set (or the ADDR_COMPAT_LAYOUT personality).
 * rnd is arch_mmap_rnd: vm.mmap_rnd_bits (28 to 32, default 28) random
 * bits of pages, drawn from the machine's PRNG, only for exec with
 * randomization on.
 *
 * Leaves out: 32-bit compat bases (mmap_rnd_compat_bits), personalities.
 * Callers: mm/mmap.c mm_alloc (no randomization), fs/binfmt_elf.c (exec),
 * tests.
 */
#include "asm/elf.h"
#include "linux/kernel.h"
#include "linux/machine.h"
#include "linux/prandom.h"
#include "linux/sysctl.h"
#include "../../../mm/vma.h"

#define SIZE_128M	(128UL << 20)

/* get_random_long(): one draw of the machine's PRNG. */
static unsigned long get_random_long(struct machine *m)
{
	return (unsigned long)prandom_u64_state(&m->rng);
}

/* arch_rnd: @rndbits random bits of pages when randomizing, else 0. */
static unsigned long arch_rnd(struct machine *m, bool randomize, unsigned int rndbits)
{
	if (!randomize)
		return 0;
	return (get_random_long(m) & ((1UL << rndbits) - 1)) << PAGE_SHIFT;
}

unsigned long arch_mmap_rnd(struct machine *m, bool randomize)
{
	return arch_rnd(m, randomize, (unsigned int)m->vm.mmap_rnd_bits);
}

/* stack_maxrandom_size: how far randomize_stack_top may lower the stack. */
static unsigned long stack_maxrandom_size(bool randomize)
{
	return randomize ? STACK_RND_MASK << PAGE_SHIFT : 0;
}

/* The top of the top-down area under the stack. */
static unsigned long mmap_base(unsigned long rnd, unsigned long task_size,
			       unsigned long rlim_stack, unsigned long guard_gap, bool randomize)
{
	unsigned long gap = rlim_stack;
	unsigned long pad = stack_maxrandom_size(randomize) + guard_gap;
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

void arch_pick_mmap_layout_exec(struct machine *m, struct mm_struct *mm,
				unsigned long rlim_stack, bool randomize)
{
	bool legacy = m->vm.legacy_va_layout != 0;
	unsigned long rnd = arch_rnd(m, randomize, (unsigned int)m->vm.mmap_rnd_bits);

	mm->mmap_topdown = !legacy;
	/* task_size_64bit(0): DEFAULT_MAP_WINDOW, 47 bits even with la57 */
	mm->mmap_legacy_base = mmap_legacy_base(rnd, DEFAULT_MAP_WINDOW);
	mm->mmap_base = legacy ? mm->mmap_legacy_base :
		mmap_base(rnd, DEFAULT_MAP_WINDOW, rlim_stack, mm->stack_guard_gap, randomize);
}

void arch_pick_mmap_layout(struct machine *m, struct mm_struct *mm, unsigned long rlim_stack)
{
	arch_pick_mmap_layout_exec(m, mm, rlim_stack, false);
}

/* randomize_page (mm/util.c): @start plus random pages below @range. */
static unsigned long randomize_page(struct machine *m, unsigned long start, unsigned long range)
{
	if (start & ~PAGE_MASK) {
		range -= ALIGN(start, PAGE_SIZE) - start;
		start = ALIGN(start, PAGE_SIZE);
	}
	if (start > ~0UL - range)
		range = ~0UL - start;
	range >>= PAGE_SHIFT;
	if (range == 0)
		return start;
	return start + ((get_random_long(m) % range) << PAGE_SHIFT);
}

unsigned long arch_align_stack(struct machine *m, bool randomize, unsigned long sp)
{
	if (randomize)
		sp -= (unsigned long)prandom_u64_below(&m->rng, 8192);	/* get_random_u32_below */
	return sp & ~0xfUL;
}

unsigned long arch_randomize_brk(struct machine *m, const struct mm_struct *mm)
{
	return randomize_page(m, mm->brk, BRK_RND_RANGE);
}
