/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The mmu_gather (include/asm-generic/tlb.h, mm/mmu_gather.c, x86's
 * asm/tlb.h): what an unmap or a protection change gathers - the range
 * of virtual addresses whose entries it cleared or changed, at which
 * levels, and whether page tables were freed - so that one TLB flush
 * (flush_tlb_mm_range) covers it at the end, as Linux does.
 *
 * Leaves out: batching the pages to free until after the flush (mmsim's
 * zap frees them at once: nothing can read a TLB between zap and flush),
 * RCU table freeing, nested flushes (mm_tlb_flush_nested), hugetlb and
 * VM_PFN vma flags.  Users: munmap (mm/vma.c), exit_mmap (mm/mmap.c),
 * mprotect (mm/mprotect.c), unmap_vmas and free_pgtables (mm/memory.c).
 */
#ifndef _ASM_GENERIC_TLB_H
#define _ASM_GENERIC_TLB_H

#include "linux/types.h"

struct machine;
struct mm_struct;
struct vm_area_struct;

struct mmu_gather {
	struct machine *m;
	struct mm_struct *mm;
	unsigned long start;	/* lowest address gathered (TASK_SIZE: none) */
	unsigned long end;	/* end of the highest (0: none) */
	bool fullmm;		/* the whole mm goes (exit_mmap): flush all */
	bool freed_tables;	/* page tables were freed: lazy CPUs need the IPI */
	bool cleared_ptes;	/* entries cleared or changed at each level: */
	bool cleared_pmds;	/*   they give the flush stride */
	bool cleared_puds;	/*   (tlb_get_unmap_shift) */
	bool cleared_p4ds;
};

/*
 * tlb_gather_mmu - start gathering for a change to part of @mm.
 * tlb_gather_mmu_fullmm - for tearing all of @mm down (exit_mmap).
 */
void tlb_gather_mmu(struct mmu_gather *tlb, struct machine *m, struct mm_struct *mm);
void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct machine *m, struct mm_struct *mm);

/* __tlb_adjust_range - widen the gathered range to cover [@addr, @addr + @size). */
void __tlb_adjust_range(struct mmu_gather *tlb, unsigned long addr, unsigned long size);

/*
 * tlb_flush_pte_range - PTEs of [@addr, @addr + @size) were cleared or
 * changed (tlb_remove_tlb_entry for one page of a zap).
 */
void tlb_flush_pte_range(struct mmu_gather *tlb, unsigned long addr, unsigned long size);

/*
 * pte_free_tlb, pmd_free_tlb, pud_free_tlb, p4d_free_tlb - the table of
 * that level mapping @addr was unlinked: the range covers one page at
 * @addr, freed_tables is set, and the level above counts as cleared.
 */
void pte_free_tlb(struct mmu_gather *tlb, unsigned long addr);
void pmd_free_tlb(struct mmu_gather *tlb, unsigned long addr);
void pud_free_tlb(struct mmu_gather *tlb, unsigned long addr);
void p4d_free_tlb(struct mmu_gather *tlb, unsigned long addr);

/*
 * tlb_start_vma / tlb_end_vma - around the zap of one VMA.  tlb_end_vma
 * flushes what was gathered unless the whole mm goes (x86 does not merge
 * VMAs: CONFIG_MMU_GATHER_MERGE_VMAS is off).
 */
void tlb_start_vma(struct mmu_gather *tlb, struct vm_area_struct *vma);
void tlb_end_vma(struct mmu_gather *tlb, struct vm_area_struct *vma);

/*
 * tlb_flush_mmu_tlbonly - if anything was gathered, flush it (x86's
 * tlb_flush: flush_tlb_mm_range of the range, or of everything for a
 * full mm, with the stride of the lowest level cleared and
 * freed_tables) and start a new range.
 * tlb_finish_mmu - the last flush of a gather.
 */
void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb);
void tlb_finish_mmu(struct mmu_gather *tlb);

/*
 * tlb_change_protection - change_protection (mm/memory_fault.c) of
 * [@start, @end) of @vma, gathering every PTE whose change needs a flush
 * (pte_needs_flush) as Linux's change_pte_range does.  Until
 * change_protection takes the gather itself, this compares each PTE
 * table's entries before and after it.  Returns the number of PTEs that
 * changed.
 */
unsigned long tlb_change_protection(struct mmu_gather *tlb, struct vm_area_struct *vma,
				    unsigned long start, unsigned long end);

#endif
