/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 page-fault error code (arch/x86/include/asm/trap_pf.h) and the
 * software MMU walk that produces it (arch/x86/mm/mmu.c).
 *
 * The walk is what the CPU's page walker does on a TLB miss: it reads the
 * real entries from the table frames, checks P, RW, US and NX at every
 * level, and sets the Accessed bit (and Dirty on a write) in memory.  It
 * does not handle the fault: that is handle_mm_fault (mm/memory_fault.c),
 * reached through do_user_addr_fault.  The TLB (arch/x86/mm/tlb.c) caches
 * what a successful walk found (struct mmu_result's rights).
 */
#ifndef _ASM_X86_TRAP_PF_H
#define _ASM_X86_TRAP_PF_H

#include "asm/pgtable_types.h"

struct machine;
struct mm_struct;

/* Page fault error code bits, as the CPU pushes them. */
enum x86_pf_error_code {
	X86_PF_PROT	= 1 << 0,	/* 0: no page found, 1: protection fault */
	X86_PF_WRITE	= 1 << 1,	/* 0: read access, 1: write access */
	X86_PF_USER	= 1 << 2,	/* 0: kernel-mode access, 1: user-mode */
	X86_PF_RSVD	= 1 << 3,	/* a reserved bit was set in an entry */
	X86_PF_INSTR	= 1 << 4,	/* the access was an instruction fetch */
	X86_PF_PK	= 1 << 5,	/* protection keys block access */
	X86_PF_SHSTK	= 1 << 6,	/* shadow-stack access */
	X86_PF_SGX	= 1 << 15,	/* SGX MMU page fault */
};

/*
 * What the walk found.  24 bytes, the frame first: a TLB hit's answer is
 * a copy of the entry's ready-made image of it (struct tlb_data.hit).
 */
struct mmu_result {
	unsigned long pfn;		/* if !fault: the frame of the byte */
	unsigned int error_code;	/* if fault: the X86_PF_* bits the CPU
					 * would push (the access bits, plus
					 * X86_PF_PROT when the page was present) */
	enum pg_level level;		/* the level of the leaf (PG_LEVEL_4K,
					 * 2M or 1G), or where a not-present
					 * walk stopped */
	bool fault;			/* the access faults */
	/* if !fault, what a TLB entry for it caches: */
	bool rw;			/* RW set at every level */
	bool us;			/* US set at every level */
	bool nx;			/* NX set at some level */
	bool global;			/* the leaf's G */
	bool dirty;			/* the leaf's D, after this access */
};

/*
 * mmu_walk - translate user address @addr of @mm for one access.  @access
 * is X86_PF_WRITE, X86_PF_USER and X86_PF_INSTR as the access is a write,
 * from user mode, a fetch.  Needs mm->pgd.  On success sets A in every
 * entry used and, for a write, D in the leaf, and fills *@res with
 * !fault, the pfn and the rights a TLB entry caches.  Otherwise *@res
 * says fault with the error code:
 * not present anywhere on the path (no X86_PF_PROT; PROT_NONE entries are
 * not present to the CPU), or a protection fault (X86_PF_PROT): a user
 * access to a supervisor page, a write to a page read-only at any level
 * (CR0.WP is on: kernel writes fault too), a fetch from an NX page, or a
 * kernel fetch from a user page (SMEP).  A non-canonical or kernel-half
 * address from user mode faults not-present here (the CPU raises #GP for
 * a non-canonical one).  Kernel data accesses to user pages are allowed,
 * as inside a uaccess window (SMAP's EFLAGS.AC set).
 */
void mmu_walk(struct machine *m, struct mm_struct *mm, unsigned long addr,
	      unsigned int access, struct mmu_result *res);

#endif
