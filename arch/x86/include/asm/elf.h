/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86-64's address-space randomization (arch/x86/include/asm/elf.h,
 * arch/x86/mm/mmap.c, arch/x86/kernel/process.c): the random offsets exec
 * applies when kernel.randomize_va_space is set, each drawn from the
 * machine's seeded PRNG (m->rng) so that the same seed gives the same
 * layout.  With randomization off every one of them is 0 and nothing is
 * drawn.
 */
#ifndef _ASM_X86_ELF_H
#define _ASM_X86_ELF_H

#include <stdbool.h>

struct machine;
struct mm_struct;

/* STACK_RND_MASK on x86-64: 22 bits of pages (16 GiB). */
#define STACK_RND_MASK		0x3fffffUL
/* arch_randomize_brk's range on x86-64 (6.9+: SZ_1G). */
#define BRK_RND_RANGE		(1UL << 30)

/*
 * arch_mmap_rnd - a random page-aligned offset below 2^(vm.mmap_rnd_bits
 * + 12) when @randomize (Linux: PF_RANDOMIZE), else 0.
 */
unsigned long arch_mmap_rnd(struct machine *m, bool randomize);

/*
 * arch_pick_mmap_layout_exec - arch_pick_mmap_layout as exec's
 * setup_new_exec calls it: with @randomize, mmap_base moves down by
 * arch_mmap_rnd and the gap under the stack makes room for the stack's
 * random range (stack_maxrandom_size); the legacy base moves up.
 */
void arch_pick_mmap_layout_exec(struct machine *m, struct mm_struct *mm,
				unsigned long rlim_stack, bool randomize);

/*
 * arch_align_stack (arch/x86/kernel/process.c) - @sp lowered by a random
 * 0..8191 bytes when @randomize, then 16-byte aligned.
 */
unsigned long arch_align_stack(struct machine *m, bool randomize, unsigned long sp);

/*
 * arch_randomize_brk - mm->brk moved up by a random number of pages below
 * 1 GiB (randomize_page(mm->brk, SZ_1G)).
 */
unsigned long arch_randomize_brk(struct machine *m, const struct mm_struct *mm);

#endif
