// SPDX-License-Identifier: GPL-2.0-only
/*
 * The software MMU: the page walk an x86-64 CPU does for an access that
 * misses its TLB (Intel SDM vol. 3, 4.5 "4-level paging"; AMD APM 5.3).
 *
 * It reads the real entries from the table frames: PGD (PML4), PUD
 * (PDPT), PMD (PD), PTE (PT), the P4D level folded.  Access rights
 * combine over the levels: a page is writable only if RW is set at every
 * level, user-accessible only if US is set at every level, executable only
 * if NX is clear at every level (EFER.NXE on).  Like the hardware, it sets
 * the Accessed bit in each upper entry it uses, and on success the leaf's
 * Accessed bit and, for a write, its Dirty bit.  A not-present entry
 * anywhere gives a not-present fault; PROT_NONE entries (_PAGE_PROTNONE
 * without _PAGE_PRESENT) are not present to the CPU.
 *
 * Leaves out: the TLB and paging-structure caches, protection keys
 * (CR4.PKE off), reserved-bit checks (X86_PF_RSVD), shadow stacks, 5-level
 * paging, SMAP (kernel data accesses behave as inside a uaccess window).
 *
 * Called by tests today; by the access path (read/write verbs) later.
 */
#include "asm/trap_pf.h"
#include "linux/pgtable.h"
#include "linux/machine.h"

/* The rights an access needs, against what the path so far grants. */
struct walk_rights {
	bool rw;	/* RW set at every level so far */
	bool us;	/* US set at every level so far */
	bool nx;	/* NX set at some level */
};

static void walk_take(struct walk_rights *r, pteval_t e)
{
	r->rw &= !!(e & _PAGE_RW);
	r->us &= !!(e & _PAGE_USER);
	r->nx |= !!(e & _PAGE_NX);
}

/* Does the access break the combined rights?  (Checks in the SDM's order.) */
static bool walk_denied(const struct walk_rights *r, unsigned int access)
{
	if ((access & X86_PF_USER) && !r->us)
		return true;				/* supervisor page */
	if ((access & X86_PF_INSTR) && r->nx)
		return true;				/* no-execute */
	if (!(access & X86_PF_USER) && (access & X86_PF_INSTR) && r->us)
		return true;				/* SMEP */
	if ((access & X86_PF_WRITE) && !r->rw)
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
static void walk_leaf(pteval_t *e, struct walk_rights *r, unsigned int access,
		      enum pg_level level, unsigned long addr, struct mmu_result *res)
{
	unsigned long span_pages = level == PG_LEVEL_1G ? PUD_SIZE >> PAGE_SHIFT :
				   level == PG_LEVEL_2M ? PMD_SIZE >> PAGE_SHIFT : 1;
	pteval_t mask = level == PG_LEVEL_4K ? PTE_PFN_MASK :
			level == PG_LEVEL_2M ? (pteval_t)PHYSICAL_PMD_PAGE_MASK :
					       (pteval_t)PHYSICAL_PUD_PAGE_MASK;

	walk_take(r, *e);
	if (walk_denied(r, access)) {
		walk_fault(res, access, true, level);
		return;
	}
	*e |= _PAGE_ACCESSED;
	if (access & X86_PF_WRITE)
		*e |= _PAGE_DIRTY;
	res->fault = false;
	res->error_code = 0;
	res->level = level;
	res->pfn = ((*e & mask) >> PAGE_SHIFT) + ((addr >> PAGE_SHIFT) & (span_pages - 1));
}

/* A present upper entry: take its rights and mark it Accessed. */
static bool walk_upper(pteval_t *e, struct walk_rights *r)
{
	if (!(*e & _PAGE_PRESENT))
		return false;
	walk_take(r, *e);
	*e |= _PAGE_ACCESSED;
	return true;
}

void mmu_walk(struct machine *m, struct mm_struct *mm, unsigned long addr,
	      unsigned int access, struct mmu_result *res)
{
	struct walk_rights r = { .rw = true, .us = true, .nx = false };
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	if (!mm->pgd || (addr >> __VIRTUAL_MASK_SHIFT)) {	/* the user half only */
		walk_fault(res, access, false, PG_LEVEL_256T);
		return;
	}
	p4d = p4d_offset(pgd_offset(mm, addr), addr);
	if (!walk_upper(&p4d->p4d, &r)) {
		walk_fault(res, access, false, PG_LEVEL_512G);
		return;
	}
	pud = pud_offset(m, p4d, addr);
	if (pud && pud_leaf(*pud) && (pud->pud & _PAGE_PRESENT)) {
		walk_leaf(&pud->pud, &r, access, PG_LEVEL_1G, addr, res);
		return;
	}
	if (!pud || !walk_upper(&pud->pud, &r)) {
		walk_fault(res, access, false, PG_LEVEL_1G);
		return;
	}
	pmd = pmd_offset(m, pud, addr);
	if (pmd && pmd_leaf(*pmd) && (pmd->pmd & _PAGE_PRESENT)) {
		walk_leaf(&pmd->pmd, &r, access, PG_LEVEL_2M, addr, res);
		return;
	}
	if (!pmd || !walk_upper(&pmd->pmd, &r)) {
		walk_fault(res, access, false, PG_LEVEL_2M);
		return;
	}
	pte = pte_offset_kernel(m, pmd, addr);
	if (!pte || !(pte->pte & _PAGE_PRESENT)) {
		walk_fault(res, access, false, PG_LEVEL_4K);
		return;
	}
	walk_leaf(&pte->pte, &r, access, PG_LEVEL_4K, addr, res);
}
