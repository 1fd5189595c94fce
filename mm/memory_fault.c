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
 * (GFP_HIGHUSER_MOVABLE | __GFP_ZERO on the current CPU's node: the
 * real bytes in m->ram are zeroed) mapped dirty and writable.  A write
 * to the zero page copies it (wp_page_copy: a fresh zeroed page); a
 * write to a read-only exclusive anonymous page reuses it.
 *
 * Leaves out: anon_vma/rmap (no anon_vma is made: its slab objects are
 * not counted), LRU lists, memcg, file and shared faults (reported "not
 * yet modelled"), THP (4K pages only: transparent_hugepage=madvise),
 * swap, NUMA balancing, CoW after fork (fork copies no PTEs yet), the
 * mmu_gather/TLB flush (pages are freed at once).  docs/divergences.md.
 *
 * Called by arch/x86/mm/fault.c (do_user_addr_fault), mm/mmap.c
 * (exit_mmap), mm/vma.c (munmap), mm/mprotect.c and mmsim_validate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/mm_fault.h"
#include "linux/pgtable.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/gfp.h"
#include "linux/printk.h"
#include "linux/vmstat.h"
#include "linux/page-flags.h"
#include "linux/list.h"

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

/* Map @page new at *@pte: folio_add_new_anon_rmap + inc_mm_counter + set_pte_at. */
static void map_new_anon_page(struct machine *m, struct vm_area_struct *vma, pte_t *pte,
			      struct page *page)
{
	pte_t entry = pfn_pte(page_to_pfn(m, page), vm_get_page_prot(vma->vm_flags));

	entry = pte_mkyoung(entry);			/* pte_sw_mkyoung */
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite_novma(pte_mkdirty(entry));
	page->_mapcount = 0;				/* mapped once, exclusive */
	mod_node_page_state(NODE_DATA(m, page->nid), NR_ANON_MAPPED, 1);
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, 1);
	*pte = entry;
}

/* do_anonymous_page: the zero page for a read, a zeroed page for a write. */
static unsigned int do_anonymous_page(struct machine *m, struct vm_area_struct *vma,
				      pte_t *pte, unsigned int flags)
{
	struct page *page;

	if (!(flags & FAULT_FLAG_WRITE)) {
		*pte = pte_mkspecial(pfn_pte(my_zero_pfn(m), vm_get_page_prot(vma->vm_flags)));
		return 0;
	}
	page = alloc_pages(m, GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0);
	if (!page)
		return VM_FAULT_OOM;
	map_new_anon_page(m, vma, pte, page);
	return 0;
}

/* do_wp_page: copy the zero page (wp_page_copy) or reuse an exclusive page. */
static unsigned int do_wp_page(struct machine *m, struct vm_area_struct *vma, pte_t *pte)
{
	struct page *page;

	if (!pte_special(*pte)) {			/* wp_page_reuse */
		*pte = pte_mkwrite_novma(pte_mkdirty(pte_mkyoung(*pte)));
		return 0;
	}
	page = alloc_pages(m, GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0);	/* zero-page source */
	if (!page)
		return VM_FAULT_OOM;
	map_new_anon_page(m, vma, pte, page);		/* the zero page has no count to drop */
	return 0;
}

unsigned int handle_mm_fault(struct machine *m, struct vm_area_struct *vma,
			     unsigned long address, unsigned int flags)
{
	pte_t *pte;

	count_vm_event(m, PGFAULT);
	if (!vma_is_private_anon(vma)) {
		pr_info(m, "mmsim: fault at %#lx: %s mappings not yet modelled", address,
			vma->vm_file ? "file" : "shared anonymous");
		return VM_FAULT_SIGBUS;
	}
	pte = get_locked_pte(m, vma->vm_mm, address & PAGE_MASK);
	if (!pte)
		return VM_FAULT_OOM;
	if (pte_none(*pte))
		return do_anonymous_page(m, vma, pte, flags);
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(*pte))
		return do_wp_page(m, vma, pte);
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
	mod_node_page_state(NODE_DATA(m, page->nid), NR_ANON_MAPPED, -1);
	page->_mapcount = -1;				/* folio_remove_rmap_pte */
	__free_pages(m, page, 0);			/* tlb_flush_mmu's put */
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
	return pfn_to_page(m, pte_pfn(pte))->_mapcount == 0;	/* PageAnonExclusive */
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

/* ---- the validator ---- */

/* One pass over every user PTE of every mm. */
struct anon_check {
	struct machine *m;
	unsigned char *seen;		/* per pfn: already mapped by a PTE */
	unsigned long total;		/* normal pages found in all mms */
	char *err;
	size_t len;
};

static int check_pte(struct anon_check *c, pte_t pte, unsigned long addr, long *found)
{
	unsigned long pfn = pte_pfn(pte);
	struct page *page;

	if (pte_none(pte) || !pte_present(pte))
		return 0;
	if (pte_special(pte)) {
		if (pfn == my_zero_pfn(c->m))
			return 0;
		snprintf(c->err, c->len, "special PTE at %#lx maps pfn %#lx, not the zero page",
			 addr, pfn);
		return -EUCLEAN;
	}
	page = pfn_valid(c->m, pfn) ? pfn_to_page(c->m, pfn) : NULL;
	if (!page || page->_refcount < 1 || page->_mapcount != 0 || page->page_type != PGTY_none) {
		snprintf(c->err, c->len, "PTE at %#lx maps pfn %#lx: not an in-use page mapped once",
			 addr, pfn);
		return -EUCLEAN;
	}
	if (c->seen[pfn]++) {
		snprintf(c->err, c->len, "pfn %#lx mapped by two PTEs (again at %#lx)", pfn, addr);
		return -EUCLEAN;
	}
	(*found)++;
	return 0;
}

/* Every PTE under the user half of @mm's PGD; the normal pages into *@found. */
static int check_mm_ptes(struct anon_check *c, struct mm_struct *mm, long *found)
{
	unsigned long i, j, k, l;

	for (i = 0; i < USER_PTRS_PER_PGD; i++) {
		unsigned long a = i << PGDIR_SHIFT;
		p4d_t *p4d = p4d_offset(pgd_offset(mm, a), a);

		for (j = 0; j < PTRS_PER_PUD; j++) {
			unsigned long b = a + (j << PUD_SHIFT);
			pud_t *pud = pud_offset(c->m, p4d, b);

			if (!pud)
				break;
			for (k = 0; k < PTRS_PER_PMD; k++) {
				unsigned long d = b + (k << PMD_SHIFT);
				pmd_t *pmd = pmd_offset(c->m, pud, d);

				if (!pmd)
					break;
				for (l = 0; l < PTRS_PER_PTE; l++) {
					pte_t *pte = pte_offset_kernel(c->m, pmd, d + (l << PAGE_SHIFT));

					if (!pte)
						break;
					if (check_pte(c, *pte, d + (l << PAGE_SHIFT), found))
						return -EUCLEAN;
				}
			}
		}
	}
	return 0;
}

int validate_anon_ptes(struct machine *m, char *err, size_t len)
{
	struct anon_check c = { .m = m, .err = err, .len = len };
	struct page *page;
	int ret = 0;

	if (!m->pgd_list.next)
		return 0;
	c.seen = calloc(m->max_pfn, 1);
	if (!c.seen)
		return 0;
	list_for_each_entry(page, &m->pgd_list, lru) {
		struct mm_struct *mm = (struct mm_struct *)pgd_page_get_mm(page);
		long found = 0;

		if (!mm || check_mm_ptes(&c, mm, &found)) {
			ret = mm ? -EUCLEAN : 0;
			if (ret)
				break;
			continue;
		}
		if (found != get_mm_counter(mm, MM_ANONPAGES)) {
			snprintf(err, len, "mm %p maps %ld anonymous pages, MM_ANONPAGES says %ld",
				 (void *)mm, found, get_mm_counter(mm, MM_ANONPAGES));
			ret = -EUCLEAN;
			break;
		}
		c.total += (unsigned long)found;
	}
	if (!ret && c.total != global_node_page_state(m, NR_ANON_MAPPED)) {
		snprintf(err, len, "%lu anonymous pages mapped, NR_ANON_MAPPED says %lu", c.total,
			 global_node_page_state(m, NR_ANON_MAPPED));
		ret = -EUCLEAN;
	}
	free(c.seen);
	return ret;
}
