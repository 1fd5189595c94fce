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
 * The rights of the path so far, as two accumulated entries: RW and US
 * count only if set at every level (ANDed), NX if set at any (ORed).
 */
struct walk_rights {
	pteval_t all;	/* every level's entry ANDed: its RW and US bits */
	pteval_t any;	/* every level's entry ORed: its NX bit */
};

static inline void walk_take(struct walk_rights *r, pteval_t e)
{
	r->all &= e;
	r->any |= e;
}

/* Does the access break the combined rights?  (Checks in the SDM's order.) */
static bool walk_denied(const struct walk_rights *r, unsigned int access)
{
	bool us = r->all & _PAGE_USER;

	if ((access & X86_PF_USER) && !us)
		return true;				/* supervisor page */
	if ((access & X86_PF_INSTR) && (r->any & _PAGE_NX))
		return true;				/* no-execute */
	if (!(access & X86_PF_USER) && (access & X86_PF_INSTR) && us)
		return true;				/* SMEP */
	if ((access & X86_PF_WRITE) && !(r->all & _PAGE_RW))
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

/* A present leaf at @level: check rights, set A (and D), give the frame. */
static inline void walk_leaf(pteval_t *e, struct walk_rights *r, unsigned int access,
			     enum pg_level level, unsigned long addr, struct mmu_result *res)
{
	unsigned long span_pages = level == PG_LEVEL_1G ? PUD_SIZE >> PAGE_SHIFT :
				   level == PG_LEVEL_2M ? PMD_SIZE >> PAGE_SHIFT : 1;
	pteval_t mask = level == PG_LEVEL_4K ? PTE_PFN_MASK :
			level == PG_LEVEL_2M ? (pteval_t)PHYSICAL_PMD_PAGE_MASK :
					       (pteval_t)PHYSICAL_PUD_PAGE_MASK;
	pteval_t leaf;

	walk_take(r, *e);
	if (walk_denied(r, access)) {
		walk_fault(res, access, true, level);
		return;
	}
	leaf = *e | _PAGE_ACCESSED | ((access & X86_PF_WRITE) ? _PAGE_DIRTY : 0);
	*e = leaf;
	res->fault = false;
	res->error_code = 0;
	res->level = level;
	res->pfn = ((leaf & mask) >> PAGE_SHIFT) + ((addr >> PAGE_SHIFT) & (span_pages - 1));
	res->rw = r->all & _PAGE_RW;
	res->us = r->all & _PAGE_USER;
	res->nx = r->any & _PAGE_NX;
	res->global = leaf & _PAGE_GLOBAL;
	res->dirty = leaf & _PAGE_DIRTY;
}

/* A present upper entry: take its rights and mark it Accessed. */
static inline bool walk_upper(pteval_t *e, struct walk_rights *r)
{
	if (!(*e & _PAGE_PRESENT))
		return false;
	walk_take(r, *e);
	*e |= _PAGE_ACCESSED;
	return true;
}

/*
 * The entry for @addr (index bits at @shift) in the table the upper entry
 * @e points to, as pud_offset/pmd_offset/pte_offset_kernel give it, or
 * NULL for a table outside RAM (a corrupt entry never crashes the walk).
 * Inline: the walk runs on every TLB miss.
 */
static inline pteval_t *walk_next(struct machine *m, pteval_t e, unsigned int shift,
				  unsigned long addr)
{
	unsigned long pfn = (e & PTE_PFN_MASK) >> PAGE_SHIFT;

	if (!pfn_valid(m, pfn))
		return NULL;
	return (pteval_t *)(m->ram + (pfn << PAGE_SHIFT)) + ((addr >> shift) & (PTRS_PER_PTE - 1));
}

void mmu_walk(struct machine *m, struct mm_struct *mm, unsigned long addr,
	      unsigned int access, struct mmu_result *res)
{
	struct walk_rights r = { .all = ~(pteval_t)0, .any = 0 };
	pteval_t *p4d, *pud, *pmd, *pte;

	if (!mm->pgd || (addr >> (mm->l5_ram ? __VIRTUAL_MASK_SHIFT_L5 :
					    __VIRTUAL_MASK_SHIFT))) {	/* the user half only */
		walk_fault(res, access, false, PG_LEVEL_256T);
		return;
	}
	if (mm->l5_ram && !walk_upper(&pgd_offset_top(mm, addr)->pgd, &r)) {	/* PML5 */
		walk_fault(res, access, false, PG_LEVEL_256T);
		return;
	}
	p4d = &p4d_offset(pgd_offset(mm, addr), addr)->p4d;
	if (!walk_upper(p4d, &r)) {
		walk_fault(res, access, false, PG_LEVEL_512G);
		return;
	}
	pud = walk_next(m, *p4d, PUD_SHIFT, addr);
	if (pud && (*pud & (_PAGE_PSE | _PAGE_PRESENT)) == (_PAGE_PSE | _PAGE_PRESENT)) {
		walk_leaf(pud, &r, access, PG_LEVEL_1G, addr, res);
		return;
	}
	if (!pud || !walk_upper(pud, &r)) {
		walk_fault(res, access, false, PG_LEVEL_1G);
		return;
	}
	pmd = walk_next(m, *pud, PMD_SHIFT, addr);
	if (pmd && (*pmd & (_PAGE_PSE | _PAGE_PRESENT)) == (_PAGE_PSE | _PAGE_PRESENT)) {
		walk_leaf(pmd, &r, access, PG_LEVEL_2M, addr, res);
		return;
	}
	if (!pmd || !walk_upper(pmd, &r)) {
		walk_fault(res, access, false, PG_LEVEL_2M);
		return;
	}
	pte = walk_next(m, *pmd, PAGE_SHIFT, addr);	/* a present PMD here is no leaf */
	if (!pte || !(*pte & _PAGE_PRESENT)) {
		walk_fault(res, access, false, PG_LEVEL_4K);
		return;
	}
	walk_leaf(pte, &r, access, PG_LEVEL_4K, addr, res);
}
