// SPDX-License-Identifier: GPL-2.0-only
/*
 * The software MMU: the page walk an x86-64 CPU does for an access that
 * misses its TLB (Intel SDM vol. 3, 4.5 "4-level paging"; AMD APM 5.3).
 *
 * It reads the real entries from the table frames: PGD (PML4), PUD
 * (PDPT), PMD (PD), PTE (PT), the P4D level folded; with 5-level paging
 * (la57) the PML5 entry first, then the P4D table's (SDM 4.5, 57-bit
 * addresses).  Access rights
 * combine over the levels: a page is writable only if RW is set at every
 * level, user-accessible only if US is set at every level, executable only
 * if NX is clear at every level (EFER.NXE on).  Like the hardware, it sets
 * the Accessed bit in each upper entry it uses, and on success the leaf's
 * Accessed bit and, for a write, its Dirty bit.  A not-present entry
 * anywhere gives a not-present fault; PROT_NONE entries (_PAGE_PROTNONE
 * without _PAGE_PRESENT) are not present to the CPU.
 *
 * Leaves out: the paging-structure caches (the TLB is arch/x86/mm/tlb.c), protection keys
 * (CR4.PKE off), reserved-bit checks (X86_PF_RSVD), shadow stacks, SMAP
 * (kernel data accesses behave as inside a uaccess window).
 *
 * Called by the access path's TLB (arch/x86/mm/tlb.c tlb_translate) on a
 * miss, and by tests.  It runs on every TLB miss and twice per fault, so
 * it reads the tables itself (walk_next) rather than through the
 * out-of-line pud_offset/pmd_offset/pte_offset_kernel.
 */
#include "asm/trap_pf.h"
#include "linux/pgtable.h"
#include "linux/machine.h"

/*
 * The walk so far: the rights of the path, as two accumulated entries
 * (RW and US count only if set at every level, ANDed; NX if set at any,
 * ORed), and where the tables are.
 */
struct walk {
	pteval_t all;		/* every level's entry ANDed: its RW and US bits */
	pteval_t any;		/* every level's entry ORed: its NX bit */
	unsigned char *ram;	/* m->ram: the table frames */
	unsigned long max_pfn;	/* m->max_pfn: a table pointer at or above is corrupt */
};

/* Does the access break the combined rights?  (Checks in the SDM's order.) */
static inline bool walk_denied(const struct walk *w, unsigned int access)
{
	bool us = w->all & _PAGE_USER;

	if ((access & X86_PF_USER) && !us)
		return true;				/* supervisor page */
	if ((access & X86_PF_INSTR) && (w->any & _PAGE_NX))
		return true;				/* no-execute */
	if (!(access & X86_PF_USER) && (access & X86_PF_INSTR) && us)
		return true;				/* SMEP */
	if ((access & X86_PF_WRITE) && !(w->all & _PAGE_RW))
		return true;				/* read-only (CR0.WP) */
	return false;
}

static void walk_fault(struct mmu_result *res, unsigned int access, bool prot,
		       enum pg_level level)
{
	res->fault = true;
	res->error_code = (access & (X86_PF_WRITE | X86_PF_USER | X86_PF_INSTR)) |
			  (prot ? X86_PF_PROT : 0);
	res->level = level;
	res->pfn = 0;
}

/*
 * A present leaf @e at *@p, mapping @level's span from frame @pfn (its
 * first): check rights, set A (and D for a write), give @addr's frame.
 */
static inline void walk_leaf(pteval_t *p, pteval_t e, struct walk *w, unsigned int access,
			     enum pg_level level, unsigned long pfn, struct mmu_result *res)
{
	w->all &= e;
	w->any |= e;
	if (walk_denied(w, access)) {
		walk_fault(res, access, true, level);
		return;
	}
	e |= _PAGE_ACCESSED | ((access & X86_PF_WRITE) ? _PAGE_DIRTY : 0);
	*p = e;
	res->fault = false;
	res->error_code = 0;
	res->level = level;
	res->pfn = pfn;
	res->rw = w->all & _PAGE_RW;
	res->us = w->all & _PAGE_USER;
	res->nx = w->any & _PAGE_NX;
	res->global = e & _PAGE_GLOBAL;
	res->dirty = e & _PAGE_DIRTY;
}

/* A present upper entry @e at *@p: take its rights and mark it Accessed. */
static inline void walk_upper(pteval_t *p, pteval_t e, struct walk *w)
{
	w->all &= e;
	w->any |= e;
	*p = e | _PAGE_ACCESSED;
}

/*
 * The entry for @addr (index bits at @shift) in the table the upper entry
 * @e points to, as pud_offset/pmd_offset/pte_offset_kernel give it, or
 * NULL for a table outside RAM (a corrupt entry never crashes the walk).
 */
static inline pteval_t *walk_next(const struct walk *w, pteval_t e, unsigned int shift,
				  unsigned long addr)
{
	unsigned long pfn = (e & PTE_PFN_MASK) >> PAGE_SHIFT;

	if (pfn >= w->max_pfn)				/* !pfn_valid */
		return NULL;
	return (pteval_t *)(w->ram + (pfn << PAGE_SHIFT)) + ((addr >> shift) & (PTRS_PER_PTE - 1));
}

/*
 * The walk reads each entry once, into a local, and decides on that copy
 * (the tables do not change under it: one actor at a time).
 */
void mmu_walk(struct machine *m, struct mm_struct *mm, unsigned long addr,
	      unsigned int access, struct mmu_result *res)
{
	struct walk w = { .all = ~(pteval_t)0, .any = 0, .ram = m->ram, .max_pfn = m->max_pfn };
	pteval_t *p, e;

	if (!mm->pgd || (addr >> (mm->l5_ram ? __VIRTUAL_MASK_SHIFT_L5 :
					    __VIRTUAL_MASK_SHIFT))) {	/* the user half only */
		walk_fault(res, access, false, PG_LEVEL_256T);
		return;
	}
	if (mm->l5_ram) {				/* PML5 */
		p = &pgd_offset_top(mm, addr)->pgd;
		e = *p;
		if (!(e & _PAGE_PRESENT)) {
			walk_fault(res, access, false, PG_LEVEL_256T);
			return;
		}
		walk_upper(p, e, &w);
	}
	p = &p4d_offset(pgd_offset(mm, addr), addr)->p4d;
	e = *p;
	if (!(e & _PAGE_PRESENT)) {
		walk_fault(res, access, false, PG_LEVEL_512G);
		return;
	}
	walk_upper(p, e, &w);

	p = walk_next(&w, e, PUD_SHIFT, addr);		/* PUD */
	if (!p || !((e = *p) & _PAGE_PRESENT)) {
		walk_fault(res, access, false, PG_LEVEL_1G);
		return;
	}
	if (e & _PAGE_PSE) {
		walk_leaf(p, e, &w, access, PG_LEVEL_1G,
			  ((e & (pteval_t)PHYSICAL_PUD_PAGE_MASK) >> PAGE_SHIFT) +
			  ((addr >> PAGE_SHIFT) & ((PUD_SIZE >> PAGE_SHIFT) - 1)), res);
		return;
	}
	walk_upper(p, e, &w);

	p = walk_next(&w, e, PMD_SHIFT, addr);		/* PMD */
	if (!p || !((e = *p) & _PAGE_PRESENT)) {
		walk_fault(res, access, false, PG_LEVEL_2M);
		return;
	}
	if (e & _PAGE_PSE) {
		walk_leaf(p, e, &w, access, PG_LEVEL_2M,
			  ((e & (pteval_t)PHYSICAL_PMD_PAGE_MASK) >> PAGE_SHIFT) +
			  ((addr >> PAGE_SHIFT) & ((PMD_SIZE >> PAGE_SHIFT) - 1)), res);
		return;
	}
	walk_upper(p, e, &w);

	p = walk_next(&w, e, PAGE_SHIFT, addr);		/* PTE: a present PMD here is no leaf */
	if (!p || !((e = *p) & _PAGE_PRESENT)) {
		walk_fault(res, access, false, PG_LEVEL_4K);
		return;
	}
	walk_leaf(p, e, &w, access, PG_LEVEL_4K, (e & PTE_PFN_MASK) >> PAGE_SHIFT, res);
}
