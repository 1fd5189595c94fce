// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fork's copy of the page tables (Linux 6.18's mm/memory.c
 * copy_page_range -> copy_p4d/pud/pmd/pte_range -> copy_present_ptes).
 *
 * Only VMAs that need it are copied (vma_needs_copy): those with an
 * anon_vma (they may hold private pages a fault could not rebuild) and
 * VM_PFNMAP/VM_MIXEDMAP ones; everything else refaults in the child.
 * For each present PTE of the parent: a normal page gets a reference and
 * a second mapping (folio_try_dup_anon_rmap_pte: _mapcount + 1,
 * PG_anon_exclusive cleared) and counts in the child's MM_ANONPAGES; in a
 * CoW mapping (private, may write) a writable PTE is write-protected in
 * both, so the first write in either copies or reuses (do_wp_page); the
 * child's PTE is made old (and clean in shared mappings, which have no
 * anonymous pages here).  Zero-page PTEs are copied as they are.  The
 * child gets a PTE table wherever the parent has one in the range, with
 * the PUD and PMD tables above it (PageTables grows as on Linux).
 *
 * Speed: copy_pte_range is one loop over a PTE table's slots with no
 * lookup beyond pfn_to_page (fork of 1 GiB touched is 512 such tables).
 *
 * Leaves out: swap and migration entries (none exist yet; a non-present
 * entry would be copied as is), DMA-pinned pages copied at fork
 * (copy_present_page: no pins exist), large folios and THP PMDs,
 * userfaultfd-wp bits, the mmu_notifier and the TLB flush of the parent
 * (dup_mmap's flush_tlb_mm belongs to the TLB wiring).
 * Caller: dup_mmap (mm/mmap.c).
 */
#include <errno.h>
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/pgtable.h"
#include "linux/rmap.h"

/* One copy_page_range call. */
struct copy_ctl {
	struct machine *m;
	struct mm_struct *dst_mm;	/* the child's */
	struct mm_struct *src_mm;	/* the parent's */
	bool cow;			/* is_cow_mapping: write-protect both */
	bool shared;			/* VM_SHARED: the child's PTEs clean */
	long rss_anon;			/* pages the child now maps (MM_ANONPAGES) */
};

static bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* vma_needs_copy: copy only what a fault could not fill in again. */
static bool vma_needs_copy(const struct vm_area_struct *src_vma)
{
	if (src_vma->vm_flags & (VM_PFNMAP | VM_MIXEDMAP))
		return true;
	return src_vma->anon_vma != NULL;
}

/* The PTEs of one table slice [@addr, @end) (same PMD). */
static int copy_pte_range(struct copy_ctl *c, pmd_t *dst_pmd, pmd_t *src_pmd,
			  unsigned long addr, unsigned long end)
{
	struct machine *m = c->m;
	unsigned long i, n = (end - addr) >> PAGE_SHIFT;
	pte_t *src, *dst;

	if (__pte_alloc(m, c->dst_mm, dst_pmd))
		return -ENOMEM;
	src = pte_offset_kernel(m, src_pmd, addr);
	dst = pte_offset_kernel(m, dst_pmd, addr);
	if (!src || !dst)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		pte_t pte = src[i];

		if (pte_none(pte))
			continue;
		if (pte_present(pte) && !pte_special(pte)) {	/* vm_normal_page */
			struct page *page = pfn_to_page(m, pte_pfn(pte));

			folio_get(page);
			folio_try_dup_anon_rmap_pte(page);
			c->rss_anon++;
		}
		if (c->cow && pte_write(pte)) {		/* __copy_present_ptes */
			pte = pte_wrprotect(pte);
			src[i] = pte;
		}
		if (c->shared)
			pte = pte_mkclean(pte);
		dst[i] = pte_mkold(pte);
	}
	return 0;
}

static int copy_pmd_range(struct copy_ctl *c, pud_t *dst_pud, pud_t *src_pud,
			  unsigned long addr, unsigned long end)
{
	struct machine *m = c->m;
	unsigned long next;
	pmd_t *src, *dst;

	if (__pmd_alloc(m, c->dst_mm, dst_pud, addr))
		return -ENOMEM;
	src = pmd_offset(m, src_pud, addr);
	dst = pmd_offset(m, dst_pud, addr);
	if (!src || !dst)
		return -ENOMEM;
	do {
		next = pmd_addr_end(addr, end);
		if (!pmd_none(*src) && !pmd_leaf(*src) &&
		    copy_pte_range(c, dst, src, addr, next))
			return -ENOMEM;
	} while (src++, dst++, addr = next, addr != end);
	return 0;
}

static int copy_pud_range(struct copy_ctl *c, p4d_t *dst_p4d, p4d_t *src_p4d,
			  unsigned long addr, unsigned long end)
{
	struct machine *m = c->m;
	unsigned long next;
	pud_t *src, *dst;

	if (__pud_alloc(m, c->dst_mm, dst_p4d, addr))
		return -ENOMEM;
	src = pud_offset(m, src_p4d, addr);
	dst = pud_offset(m, dst_p4d, addr);
	if (!src || !dst)
		return -ENOMEM;
	do {
		next = pud_addr_end(addr, end);
		if (!pud_none(*src) && !pud_leaf(*src) &&
		    copy_pmd_range(c, dst, src, addr, next))
			return -ENOMEM;
	} while (src++, dst++, addr = next, addr != end);
	return 0;
}

int copy_page_range(struct machine *m, struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma)
{
	struct copy_ctl c = {
		.m = m, .dst_mm = dst_vma->vm_mm, .src_mm = src_vma->vm_mm,
		.cow = is_cow_mapping(src_vma->vm_flags),
		.shared = (src_vma->vm_flags & VM_SHARED) != 0,
	};
	unsigned long addr = src_vma->vm_start, end = src_vma->vm_end, next;
	int ret = 0;

	if (!vma_needs_copy(src_vma) || !c.src_mm->pgd || !c.dst_mm->pgd)
		return 0;
	do {
		pgd_t *src = pgd_offset(c.src_mm, addr);

		next = pgd_addr_end(addr, end);
		if (pgd_none(*src))
			continue;
		ret = copy_pud_range(&c, p4d_offset(pgd_offset(c.dst_mm, addr), addr),
				     p4d_offset(src, addr), addr, next);
	} while (!ret && (addr = next, addr != end));
	add_mm_counter(c.dst_mm, MM_ANONPAGES, c.rss_anon);	/* add_mm_rss_vec */
	return ret;
}
