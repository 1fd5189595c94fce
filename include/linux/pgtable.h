/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A process's page tables (include/linux/pgtable.h, mm.h's page-table
 * part, mm/memory.c): allocating the PUD, PMD and PTE tables of a user
 * address on demand, counting them as Linux does (NR_PAGETABLE, i.e.
 * PageTables:, and mm->pgtables_bytes, i.e. VmPTE), and freeing the
 * tables a removed range leaves empty (free_pgtables).  The PGD itself is
 * pgd_alloc's (arch/x86/mm/pgtable.c), made with the mm.
 *
 * Leaves out: split page-table locks, batching the freed tables until
 * after the TLB flush (they are freed at once; the mmu_gather records
 * them for the flush), huge pages.
 */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H

#include "asm/pgtable.h"
#include "linux/mm_struct.h"

/* x86-64: the lowest and the ceiling (0: the top) of user page tables. */
#define FIRST_USER_ADDRESS	0UL
#define USER_PGTABLES_CEILING	0UL

/*
 * pgd_offset_top - @mm's entry for @addr in its top table (CR3's): the
 * PGD with 4-level paging, the PML5 (index addr >> 48) with 5-level.
 */
static inline pgd_t *pgd_offset_top(struct mm_struct *mm, unsigned long addr)
{
	if (mm->l5_ram)
		return (pgd_t *)mm->pgd + ((addr >> PGDIR_SHIFT_L5) & (PTRS_PER_PGD - 1));
	return (pgd_t *)mm->pgd + pgd_index(addr);
}

/* The entry pgd_offset gives for a 256 TiB slot without a P4D table: reads as none. */
extern const pgd_t pgd_none_slot;

/*
 * pgd_offset - @mm's entry for @addr at the level whose entries map 512
 * GiB (a host pointer into its frame): the PGD entry with 4-level paging;
 * with 5-level paging the P4D entry, found through the PML5 entry (so
 * every walker sees 4 levels: p4d_offset stays the identity).  A P4D
 * table that does not exist gives &pgd_none_slot, which reads as none
 * and must not be written: get_locked_pte and __pud_alloc make the table
 * first (p4d_alloc_slot).
 */
static inline pgd_t *pgd_offset(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *top;

	if (!mm->l5_ram)
		return (pgd_t *)mm->pgd + pgd_index(addr);
	top = pgd_offset_top(mm, addr);
	if (!(top->pgd & _PAGE_PRESENT))
		return (pgd_t *)&pgd_none_slot;
	return (pgd_t *)(mm->l5_ram + (top->pgd & PTE_PFN_MASK)) + pgd_index(addr);
}

/*
 * p4d_alloc_slot - with 5-level paging, give @addr's PML5 entry of @mm a
 * zeroed P4D table if it has none (__p4d_alloc: counted in NR_PAGETABLE,
 * not in pgtables_bytes, as Linux counts it).  0, or -ENOMEM.  Nothing
 * to do with 4-level paging.
 * p4d_alloc_slots_like - the same for every slot @old has (fork).
 */
int p4d_alloc_slot(struct machine *m, struct mm_struct *mm, unsigned long addr);
int p4d_alloc_slots_like(struct machine *m, struct mm_struct *mm, struct mm_struct *old);

/* mm_inc_nr_puds/pmds/ptes and the decrements: mm->pgtables_bytes. */
static inline void mm_inc_nr_puds(struct mm_struct *mm) { mm->pgtables_bytes += PTRS_PER_PUD * sizeof(pud_t); }
static inline void mm_dec_nr_puds(struct mm_struct *mm) { mm->pgtables_bytes -= PTRS_PER_PUD * sizeof(pud_t); }
static inline void mm_inc_nr_pmds(struct mm_struct *mm) { mm->pgtables_bytes += PTRS_PER_PMD * sizeof(pmd_t); }
static inline void mm_dec_nr_pmds(struct mm_struct *mm) { mm->pgtables_bytes -= PTRS_PER_PMD * sizeof(pmd_t); }
static inline void mm_inc_nr_ptes(struct mm_struct *mm) { mm->pgtables_bytes += PTRS_PER_PTE * sizeof(pte_t); }
static inline void mm_dec_nr_ptes(struct mm_struct *mm) { mm->pgtables_bytes -= PTRS_PER_PTE * sizeof(pte_t); }
/* mm_pgtables_bytes - what VmPTE shows (bytes). */
static inline unsigned long mm_pgtables_bytes(const struct mm_struct *mm)
{
	return (unsigned long)mm->pgtables_bytes;
}

/*
 * __pud_alloc, __pmd_alloc, __pte_alloc - give the empty entry @p4d, @pud,
 * @pmd of @mm a new zeroed table (GFP_PGTABLE_USER on the current CPU's
 * node, typed PGTY_table, NR_PAGETABLE +1, pgtables_bytes +4096) linked
 * with _PAGE_TABLE.  An entry already filled is left alone (Linux's
 * lost-race case: the new table would be freed).  Return 0, or -ENOMEM
 * when the page allocator fails (its report is in the log).
 */
int __pud_alloc(struct machine *m, struct mm_struct *mm, p4d_t *p4d, unsigned long addr);
int __pmd_alloc(struct machine *m, struct mm_struct *mm, pud_t *pud, unsigned long addr);
int __pte_alloc(struct machine *m, struct mm_struct *mm, pmd_t *pmd);

/*
 * get_locked_pte - the PTE slot of user address @addr in @mm, allocating
 * the PUD, PMD and PTE tables on the way (walk_to_pmd + pte_alloc; no
 * lock to take here).  NULL when @addr is not below TASK_SIZE or a table
 * cannot be allocated (the ones already made stay, as in Linux).
 * mm_find_pte - the same without allocating: NULL if a table is missing.
 */
pte_t *get_locked_pte(struct machine *m, struct mm_struct *mm, unsigned long addr);
pte_t *mm_find_pte(struct machine *m, struct mm_struct *mm, unsigned long addr);

struct mmu_gather;
/*
 * free_pgd_range - free the page tables of tlb->mm that map only addresses in
 * [@addr, @end), as Linux's does: a table is freed only if its whole span
 * lies within [@floor, @ceiling) rounded to that table's size (@ceiling 0
 * is the top of the address space), so a table shared with a mapping
 * below @floor or above @ceiling stays.  The PTEs must already be clear.
 * With la57 the P4D table under each PML5 entry follows the same rule at
 * its 256 TiB span (free_p4d_range; NR_PAGETABLE only, no pgtables_bytes).
 * Each table freed is gathered in @tlb (pte/pmd/pud/p4d_free_tlb: a page
 * at its address, freed_tables) for the caller's tlb_finish_mmu.
 * free_pgtables - free_pgd_range for @vma and the VMAs after it that
 * start below @ceiling (all of them when it is 0), grouping VMAs less
 * than PMD_SIZE apart into one call, each call's ceiling the next VMA's
 * start.  Callers: exit_mmap (floor FIRST_USER_ADDRESS, ceiling
 * USER_PGTABLES_CEILING) and munmap (the previous VMA's end, the next
 * one's start), before the VMAs are unlinked.
 */
void free_pgd_range(struct mmu_gather *tlb, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling);
void free_pgtables(struct mmu_gather *tlb, struct vm_area_struct *vma, unsigned long floor,
		   unsigned long ceiling);

/*
 * unmap_vmas - zap [@start, @end) of @vma and the VMAs after it that
 * start below @end, one VMA at a time: each present PTE is gathered in
 * @tlb (tlb_remove_tlb_entry) and cleared by zap_page_range_mm, and
 * tlb_end_vma flushes each VMA's range (not for a full-mm gather, which
 * flushes everything at tlb_finish_mmu).  Callers: munmap, exit_mmap.
 */
void unmap_vmas(struct mmu_gather *tlb, struct vm_area_struct *vma, unsigned long start,
		unsigned long end);

/*
 * validate_user_pgtables - for every mm (found on m->pgd_list, so mms
 * without a task count too): its PGD page and user tables (PGD entries
 * below USER_PTRS_PER_PGD) lie in RAM, are in-use PGTY_table pages, none
 * referenced twice (within or across mms), their bytes equal
 * pgtables_bytes; and the table pages of all mms plus the kernel's are
 * exactly NR_PAGETABLE (no table leaked).  An mm whose entries no writer
 * changed since its last walk passed (mm->pgt_memo.gen, same PGD) is not
 * read entry by entry: the tables that walk found are claimed again, with
 * the same checks.  Returns 0 or -EUCLEAN with the first problem in @err.
 * Called by mmsim_validate.
 */
int validate_user_pgtables(struct machine *m, char *err, size_t len);

#endif
