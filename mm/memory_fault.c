// SPDX-License-Identifier: GPL-2.0-only
/*
 * Anonymous page faults and zapping (Linux's mm/memory.c, fault part):
 * handle_mm_fault -> handle_pte_fault -> do_anonymous_page / do_wp_page,
 * zap_pte_range for munmap and exit, change_protection's PTE pass for
 * mprotect, and the RSS counters (MM_ANONPAGES, hiwater_rss) with
 * NR_ANON_MAPPED (AnonPages:).
 *
 * A read fault maps the machine's one zero page (pte_mkspecial, the
 * VMA's read-only protection); a write fault takes a zeroed page
 * (GFP_HIGHUSER_MOVABLE on the current CPU's node, then
 * clear_user_highpage as vma_alloc_zeroed_movable_folio does: the real
 * bytes in m->ram are zeroed) mapped dirty and writable.  A write
 * to the zero page copies it (wp_page_copy: a fresh zeroed page).  A
 * write to a read-only anonymous page (CoW after fork) reuses it when it
 * is PG_anon_exclusive or only this mapping references it (6.18's
 * wp_can_reuse_anon_folio: the other process wrote its copy or exited),
 * else copies its 4096 bytes to a new page.  The first page a VMA gets
 * makes its anon_vma (anon_vma_prepare); every page is entered in the
 * rmap (mm/rmap.c) and zapping drops its mapping and reference, freeing
 * it with the last.
 *
 * Leaves out: LRU lists and their batches (but MADV_FREE's), memcg, file and
 * shared faults (reported "not yet modelled"), THP (4K pages only:
 * transparent_hugepage=madvise), swap, KSM, NUMA balancing, the
 * mmu_gather's batching (pages are freed at once).  docs/divergences.md.
 *
 * Called by arch/x86/mm/fault.c (do_user_addr_fault), mm/mmap.c
 * (exit_mmap), mm/vma.c (munmap), mm/mprotect.c.  The validator is
 * mm/rmap_validate.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/mm_fault.h"
#include "linux/pagemap.h"
#include "linux/pgtable.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/gfp.h"
#include "linux/highmem.h"
#include "linux/printk.h"
#include "linux/vmstat.h"
#include "linux/page-flags.h"
#include "linux/list.h"
#include "linux/rmap.h"
#include "asm/tlbflush.h"

/* Where the kernel image is loaded (arch/x86/kernel/setup.c's KERNEL_LOAD_ADDR). */
#define ZERO_PAGE_IMAGE_BASE	SZ_16M

unsigned long my_zero_pfn(const struct machine *m)
{
	unsigned long image_kb = m->kernel_code_kb + m->kernel_rwdata_kb + m->kernel_rodata_kb +
				 m->kernel_init_kb;

	return (ZERO_PAGE_IMAGE_BASE + (image_kb << 10)) >> PAGE_SHIFT;	/* __bss_start */
}

static bool vma_is_private_anon(const struct vm_area_struct *vma)
{
	return !vma->vm_file && !(vma->vm_flags & VM_SHARED);
}

/* Map the new @page at *@pte: folio_add_new_anon_rmap + set_pte_at (the counter is the caller's). */
static void map_new_anon_page(struct machine *m, struct vm_area_struct *vma, pte_t *pte,
			      struct page *page, unsigned long address)
{
	pte_t entry = pfn_pte(page_to_pfn(m, page), vm_get_page_prot(vma->vm_flags));

	entry = pte_mkyoung(entry);			/* pte_sw_mkyoung */
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite_novma(pte_mkdirty(entry));
	folio_add_new_anon_rmap(m, page, vma, address);
	*pte = entry;
}

/* do_anonymous_page: the zero page for a read, a zeroed page for a write. */
static unsigned int do_anonymous_page(struct machine *m, struct vm_area_struct *vma,
				      pte_t *pte, unsigned long address, unsigned int flags)
{
	struct page *page;

	if (!(flags & FAULT_FLAG_WRITE)) {
		*pte = pte_mkspecial(pfn_pte(my_zero_pfn(m), vm_get_page_prot(vma->vm_flags)));
		return 0;
	}
	if (anon_vma_prepare(m, vma))			/* vmf_anon_prepare */
		return VM_FAULT_OOM;
	page = alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0);	/* vma_alloc_zeroed_movable_folio */
	if (!page)
		return VM_FAULT_OOM;
	clear_user_highpage(m, page, address);		/* alloc_need_zeroing: init_on_alloc off */
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
	map_new_anon_page(m, vma, pte, page, address);
	return 0;
}

/*
 * wp_page_copy: a private copy of @old (NULL: the zero page) for @vma's
 * PTE at @address.  The old page loses this mapping and its reference.
 */
static unsigned int wp_page_copy(struct machine *m, struct vm_area_struct *vma, pte_t *pte,
				 unsigned long address, struct page *old)
{
	struct page *page;

	if (old)			/* host only: the copy's reads overlap what follows */
		prefetch_user_highpage(m, old);
	if (anon_vma_prepare(m, vma))
		return VM_FAULT_OOM;
	page = alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0);
	if (!page)
		return VM_FAULT_OOM;
	if (old) {					/* __wp_page_copy_user */
		copy_user_highpage(m, page, old, address);
	} else {					/* vma_alloc_zeroed_movable_folio */
		clear_user_highpage(m, page, address);
		add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);	/* the zero page was not counted */
	}
	*pte = __pte(0);				/* ptep_clear_flush: flush_tlb_page */
	flush_tlb_mm_range(m, vma->vm_mm, address, address + PAGE_SIZE, PAGE_SHIFT, false);
	map_new_anon_page(m, vma, pte, page, address);
	if (old) {
		folio_remove_rmap_pte(m, old);
		folio_put(m, old);
	}
	return 0;
}

/*
 * wp_can_reuse_anon_folio: only our mapping holds a reference (the other
 * process wrote its copy or exited): the page becomes ours alone.  6.18
 * drains the CPU's batches first only for a page off the LRU (one still
 * in the lru_add batch, which mmsim does not model); a page waiting in
 * MADV_FREE's lazyfree batch is PG_lru there, so its batch reference
 * stands and the write copies (as the 6.18 host does).
 */
static bool wp_can_reuse_anon_folio(struct page *page, struct vm_area_struct *vma)
{
	if (page->_refcount > 1)			/* no swap cache yet */
		return false;
	folio_move_anon_rmap(page, vma);
	return true;
}

/*
 * do_wp_page: a write to a present read-only PTE of a writable private
 * VMA.  An exclusive anonymous page, or one only we reference, is reused
 * (made writable in place); else it is copied (wp_page_copy).
 */
static unsigned int do_wp_page(struct machine *m, struct vm_area_struct *vma, pte_t *pte,
			       unsigned long address)
{
	struct page *page;

	if (pte_special(*pte))				/* vm_normal_page: the zero page */
		return wp_page_copy(m, vma, pte, address, NULL);
	page = pfn_to_page(m, pte_pfn(*pte));
	if (PageAnon(page) && (PageAnonExclusive(page) || wp_can_reuse_anon_folio(page, vma))) {
		SetPageAnonExclusive(page);		/* wp_page_reuse */
		*pte = pte_mkwrite_novma(pte_mkdirty(pte_mkyoung(*pte)));
		return 0;
	}
	return wp_page_copy(m, vma, pte, address, page);
}

/*
 * The entry for @address (index bits at @shift) in the table that the
 * present, non-leaf upper entry @e points to; NULL if @e is anything else.
 */
static inline pteval_t *fault_next(struct machine *m, pteval_t e, unsigned int shift,
				   unsigned long address)
{
	unsigned long pfn = (e & PTE_PFN_MASK) >> PAGE_SHIFT;

	if ((e & (_PAGE_PRESENT | _PAGE_PSE)) != _PAGE_PRESENT || !pfn_valid(m, pfn))
		return NULL;
	return (pteval_t *)(m->ram + (pfn << PAGE_SHIFT)) + ((address >> shift) & (PTRS_PER_PTE - 1));
}

/*
 * The PTE slot of @address in @mm, as get_locked_pte gives it: read
 * straight from the tables when every upper entry is there (all faults
 * but the first in a 2 MiB span), inline; get_locked_pte, which
 * allocates, for the rest (a missing table, 5-level paging, an address
 * at or above TASK_SIZE).
 */
static inline pte_t *fault_pte(struct machine *m, struct mm_struct *mm, unsigned long address)
{
	pteval_t *pud, *pmd, *pte = NULL;

	if (mm->pgd && !mm->l5_ram && address < mm->task_size &&
	    (pud = fault_next(m, ((pgd_t *)mm->pgd)[pgd_index(address)].pgd, PUD_SHIFT, address)) &&
	    (pmd = fault_next(m, *pud, PMD_SHIFT, address)))
		pte = fault_next(m, *pmd, PAGE_SHIFT, address);
	return pte ? (pte_t *)pte : get_locked_pte(m, mm, address);
}

unsigned int handle_mm_fault(struct machine *m, struct vm_area_struct *vma,
			     unsigned long address, unsigned int flags)
{
	pte_t *pte;

	count_vm_event(m, PGFAULT);
	if (vma->vm_file)
		return filemap_fault(m, vma, address, flags);	/* do_fault -> ->fault */
	if (!vma_is_private_anon(vma)) {
		pr_info(m, "mmsim: fault at %#lx: shared anonymous mappings not yet modelled",
			address);
		return VM_FAULT_UNMODELLED;
	}
	address &= PAGE_MASK;
	pte = fault_pte(m, vma->vm_mm, address);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		return do_anonymous_page(m, vma, pte, address, flags);
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(*pte))
		return do_wp_page(m, vma, pte, address);
	*pte = pte_mkyoung(*pte);			/* spurious: someone beat us */
	if (flags & FAULT_FLAG_WRITE)
		*pte = pte_mkdirty(*pte);
	return 0;
}

/* ---- zap and change_protection ---- */

/* zap_present_pte: clear *@pte, put its page, drop the counters. */
static void zap_one_pte(struct machine *m, struct mm_struct *mm, pte_t *pte)
{
	pte_t old = *pte;
	struct page *page;

	*pte = __pte(0);				/* ptep_get_and_clear_full */
	if (!pte_present(old) || pte_special(old))
		return;					/* zero page: vm_normal_page NULL */
	page = pfn_to_page(m, pte_pfn(old));
	add_mm_counter(mm, MM_ANONPAGES, -1);
	folio_remove_rmap_pte(m, page);
	folio_put(m, page);				/* tlb_flush_mmu's put */
}

void zap_page_range_mm(struct machine *m, struct mm_struct *mm, unsigned long start,
		       unsigned long end)
{
	unsigned long addr;

	update_hiwater_rss(mm);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = mm_find_pte(m, mm, addr);

		if (!pte) {				/* no PTE table: skip its span */
			addr = (addr & PMD_MASK) + PMD_SIZE - PAGE_SIZE;
			if (addr + PAGE_SIZE == 0)
				break;
			continue;
		}
		if (!pte_none(*pte))
			zap_one_pte(m, mm, pte);
	}
}

/*
 * can_change_pte_writable (MM_CP_TRY_CHANGE_WRITABLE, private VMAs): an
 * exclusive anonymous page of a now-writable VMA gets RW back at once,
 * so the next write does not fault.
 */
static bool can_change_pte_writable(struct machine *m, const struct vm_area_struct *vma,
				    pte_t pte)
{
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) != VM_WRITE)
		return false;
	if (!(pte.pte & _PAGE_PRESENT) || pte_special(pte) || pte_write(pte))
		return false;
	return PageAnonExclusive(pfn_to_page(m, pte_pfn(pte)));
}

void change_protection(struct machine *m, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = mm_find_pte(m, vma->vm_mm, addr);

		if (!pte) {
			addr = (addr & PMD_MASK) + PMD_SIZE - PAGE_SIZE;
			continue;
		}
		if (!pte_present(*pte))
			continue;
		*pte = pte_modify(*pte, vm_get_page_prot(vma->vm_flags));
		if (can_change_pte_writable(m, vma, *pte))
			*pte = pte_mkwrite_novma(*pte);
	}
}
