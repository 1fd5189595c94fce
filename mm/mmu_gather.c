// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mmu_gather (Linux's mm/mmu_gather.c and the range tracking of
 * include/asm-generic/tlb.h, with x86's tlb_flush): an unmap or
 * protection change gathers the range it touched and flushes it once
 * through flush_tlb_mm_range.  What it models and leaves out:
 * include/asm-generic/tlb.h.
 *
 * Called by munmap (mm/vma.c), exit_mmap (mm/mmap.c), mprotect
 * (mm/mprotect.c), unmap_vmas and free_pgtables (mm/memory.c).
 */
#include "asm-generic/tlb.h"
#include "asm/tlbflush.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/pgtable.h"

/* __tlb_reset_range: nothing gathered. */
static void __tlb_reset_range(struct mmu_gather *tlb)
{
	if (tlb->fullmm) {
		tlb->start = tlb->end = ~0UL;
	} else {
		tlb->start = tlb->mm->task_size;
		tlb->end = 0;
	}
	tlb->freed_tables = false;
	tlb->cleared_ptes = tlb->cleared_pmds = false;
	tlb->cleared_puds = tlb->cleared_p4ds = false;
}

static void __tlb_gather_mmu(struct mmu_gather *tlb, struct machine *m, struct mm_struct *mm,
			     bool fullmm)
{
	tlb->m = m;
	tlb->mm = mm;
	tlb->fullmm = fullmm;
	__tlb_reset_range(tlb);
}

void tlb_gather_mmu(struct mmu_gather *tlb, struct machine *m, struct mm_struct *mm)
{
	__tlb_gather_mmu(tlb, m, mm, false);
}

void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct machine *m, struct mm_struct *mm)
{
	__tlb_gather_mmu(tlb, m, mm, true);
}

void __tlb_adjust_range(struct mmu_gather *tlb, unsigned long addr, unsigned long size)
{
	if (tlb->fullmm)
		return;
	if (addr < tlb->start)
		tlb->start = addr;
	if (addr + size > tlb->end)
		tlb->end = addr + size;
}

void tlb_flush_pte_range(struct mmu_gather *tlb, unsigned long addr, unsigned long size)
{
	__tlb_adjust_range(tlb, addr, size);
	tlb->cleared_ptes = true;
}

void pte_free_tlb(struct mmu_gather *tlb, unsigned long addr)
{
	__tlb_adjust_range(tlb, addr, PAGE_SIZE);
	tlb->freed_tables = true;
	tlb->cleared_pmds = true;
}

void pmd_free_tlb(struct mmu_gather *tlb, unsigned long addr)
{
	__tlb_adjust_range(tlb, addr, PAGE_SIZE);
	tlb->freed_tables = true;
	tlb->cleared_puds = true;
}

void pud_free_tlb(struct mmu_gather *tlb, unsigned long addr)
{
	__tlb_adjust_range(tlb, addr, PAGE_SIZE);
	tlb->freed_tables = true;
	tlb->cleared_p4ds = true;
}

void p4d_free_tlb(struct mmu_gather *tlb, unsigned long addr)
{
	__tlb_adjust_range(tlb, addr, PAGE_SIZE);
	tlb->freed_tables = true;
}

/* tlb_get_unmap_shift: the stride of the lowest level cleared. */
static unsigned int tlb_get_unmap_shift(const struct mmu_gather *tlb)
{
	if (tlb->cleared_ptes)
		return PAGE_SHIFT;
	if (tlb->cleared_pmds)
		return PMD_SHIFT;
	if (tlb->cleared_puds)
		return PUD_SHIFT;
	if (tlb->cleared_p4ds)
		return P4D_SHIFT;
	return PAGE_SHIFT;
}

/* x86's tlb_flush (arch/x86/include/asm/tlb.h). */
static void tlb_flush(struct mmu_gather *tlb)
{
	unsigned long start = 0, end = TLB_FLUSH_ALL;

	if (!tlb->fullmm) {
		start = tlb->start;
		end = tlb->end;
	}
	flush_tlb_mm_range(tlb->m, tlb->mm, start, end, tlb_get_unmap_shift(tlb),
			   tlb->freed_tables);
}

void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb)
{
	if (!(tlb->freed_tables || tlb->cleared_ptes || tlb->cleared_pmds ||
	      tlb->cleared_puds || tlb->cleared_p4ds))
		return;
	tlb_flush(tlb);
	__tlb_reset_range(tlb);
}

void tlb_start_vma(struct mmu_gather *tlb, struct vm_area_struct *vma)
{
	(void)tlb;
	(void)vma;		/* flush_cache_range: nothing on x86 */
}

void tlb_end_vma(struct mmu_gather *tlb, struct vm_area_struct *vma)
{
	(void)vma;
	if (!tlb->fullmm)
		tlb_flush_mmu_tlbonly(tlb);
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu_tlbonly(tlb);	/* tlb_flush_mmu; pages are already freed */
}

/* ---- change_protection's flushes ---- */

/* Save the 512 PTEs of the table covering @addr into @old; false if none. */
static bool snapshot_ptes(struct mmu_gather *tlb, unsigned long addr, pte_t *old)
{
	pte_t *pte = mm_find_pte(tlb->m, tlb->mm, addr & PMD_MASK);

	if (!pte)
		return false;
	for (int i = 0; i < PTRS_PER_PTE; i++)
		old[i] = pte[i];
	return true;
}

unsigned long tlb_change_protection(struct mmu_gather *tlb, struct vm_area_struct *vma,
				    unsigned long start, unsigned long end)
{
	unsigned long addr, next, changed = 0;
	pte_t old[PTRS_PER_PTE];

	for (addr = start; addr < end; addr = next) {
		pte_t *pte;

		next = pmd_addr_end(addr, end);
		if (!snapshot_ptes(tlb, addr, old))
			continue;
		change_protection(tlb->m, vma, addr, next);
		pte = mm_find_pte(tlb->m, tlb->mm, addr & PMD_MASK);
		for (unsigned long a = addr; a < next; a += PAGE_SIZE) {
			unsigned long i = pte_index(a);

			if (pte[i].pte == old[i].pte)
				continue;
			changed++;
			if (pte_needs_flush(old[i], pte[i]))
				tlb_flush_pte_range(tlb, a, PAGE_SIZE);
		}
	}
	return changed;
}
