// SPDX-License-Identifier: GPL-2.0-only
/*
 * A process's page tables (Linux's mm/memory.c, table part): the PUD,
 * PMD and PTE tables of user addresses, made on demand and freed when a
 * range no longer needs them.
 *
 * Every table is a zeroed frame from the page allocator (GFP_PGTABLE_USER
 * on the current CPU's node), typed PGTY_table and counted in that node's
 * NR_PAGETABLE (PageTables:) by pagetable_ctor, and in the mm's
 * pgtables_bytes (VmPTE) by mm_inc_nr_puds/pmds/ptes.  The PGD is counted
 * in NR_PAGETABLE only (pgd_alloc, arch/x86/mm/pgtable.c), as in Linux.
 * free_pgd_range follows Linux's floor/ceiling rules: a table goes only
 * if nothing outside the freed range, rounded to its span, can use it;
 * with la57 that includes each PML5 entry's P4D table (free_p4d_range).
 *
 * unmap_vmas zaps a range VMA by VMA (the PTE work is zap_page_range_mm
 * in mm/memory_fault.c), gathering what it clears in an mmu_gather
 * (mm/mmu_gather.c) that flushes the TLBs.
 *
 * Leaves out: faults (mm/memory_fault.c), the mmu_gather's batching of
 * freed pages and tables until after the flush (they are freed at once),
 * split PTE/PMD locks, huge pages.  docs/divergences.md.
 *
 * Called by mm/mmap.c (exit_mmap), mm/vma.c (munmap), tests, and
 * mmsim_validate (validate_user_pgtables).
 */
#include <stdio.h>
#include <stdlib.h>
#include "linux/pgtable.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/printk.h"
#include "linux/list.h"
#include "linux/vmstat.h"
#include "linux/mm_fault.h"
#include "asm-generic/tlb.h"

/* ---- table pages: pagetable_alloc + pagetable_ctor, and back ---- */

/* A zeroed, typed, counted table page for a user mm; its physical address, or 0. */
static phys_addr_t pagetable_alloc_user(struct machine *m)
{
	struct page *page = alloc_pages(m, GFP_PGTABLE_USER, 0);

	if (!page)
		return 0;
	page->page_type = PGTY_table;
	mod_node_page_state(NODE_DATA(m, page->nid), NR_PAGETABLE, 1);
	return PFN_PHYS(page_to_pfn(m, page));
}

/* pagetable_dtor + pagetable_free of the table at @pa. */
static void pagetable_free_user(struct machine *m, phys_addr_t pa)
{
	struct page *page = pfn_to_page(m, pa >> PAGE_SHIFT);

	mod_node_page_state(NODE_DATA(m, page->nid), NR_PAGETABLE, -1);
	page->page_type = PGTY_none;
	__free_pages(m, page, 0);
}

/* ---- allocating ---- */

int p4d_alloc_slot(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	pgd_t *top;
	phys_addr_t pa;

	if (!mm->l5_ram)
		return 0;
	top = pgd_offset_top(mm, addr);
	if (top->pgd & _PAGE_PRESENT)
		return 0;
	pa = pagetable_alloc_user(m);		/* p4d_alloc_one */
	if (!pa)
		return -ENOMEM;
	*top = __pgd(pa | _PAGE_TABLE);		/* pgd_populate */
	mm->pgt_memo.gen++;			/* every user upper-level write bumps it */
	return 0;
}

int p4d_alloc_slots_like(struct machine *m, struct mm_struct *mm, struct mm_struct *old)
{
	for (unsigned long i = 0; old->l5_ram && mm->l5_ram && i < PTRS_PER_PGD / 2; i++)
		if ((((pgd_t *)old->pgd)[i].pgd & _PAGE_PRESENT) &&
		    p4d_alloc_slot(m, mm, i << PGDIR_SHIFT_L5))
			return -ENOMEM;
	return 0;
}

int __pud_alloc(struct machine *m, struct mm_struct *mm, p4d_t *p4d, unsigned long addr)
{
	phys_addr_t pa;

	if (p4d == (const p4d_t *)&pgd_none_slot)
		return -ENOMEM;		/* la57: no P4D table there (p4d_alloc_slot first) */
	if (!p4d_none(*p4d))
		return 0;
	pa = pagetable_alloc_user(m);
	if (!pa)
		return -ENOMEM;
	mm_inc_nr_puds(mm);
	*p4d = __p4d(pa | _PAGE_TABLE);		/* p4d_populate: the PGD entry (la57: P4D) */
	mm->pgt_memo.gen++;
	return 0;
}

int __pmd_alloc(struct machine *m, struct mm_struct *mm, pud_t *pud, unsigned long addr)
{
	phys_addr_t pa;

	if (!pud_none(*pud))
		return 0;
	pa = pagetable_alloc_user(m);
	if (!pa)
		return -ENOMEM;
	mm_inc_nr_pmds(mm);
	*pud = __pud(pa | _PAGE_TABLE);		/* pud_populate */
	mm->pgt_memo.gen++;
	return 0;
}

int __pte_alloc(struct machine *m, struct mm_struct *mm, pmd_t *pmd)
{
	phys_addr_t pa;

	if (!pmd_none(*pmd))
		return 0;
	pa = pagetable_alloc_user(m);		/* pte_alloc_one */
	if (!pa)
		return -ENOMEM;
	mm_inc_nr_ptes(mm);			/* pmd_install */
	*pmd = __pmd(pa | _PAGE_TABLE);		/* pmd_populate */
	mm->pgt_memo.gen++;
	return 0;
}

/* walk_to_pmd: the PMD slot of @addr, allocating P4D, PUD and PMD tables. */
static pmd_t *walk_to_pmd(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	p4d_t *p4d;
	pud_t *pud;

	if (p4d_alloc_slot(m, mm, addr))
		return NULL;
	p4d = p4d_offset(pgd_offset(mm, addr), addr);
	if (__pud_alloc(m, mm, p4d, addr))
		return NULL;
	pud = pud_offset(m, p4d, addr);
	if (!pud || __pmd_alloc(m, mm, pud, addr))
		return NULL;
	return pmd_offset(m, pud, addr);
}

pte_t *get_locked_pte(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd;

	if (!mm->pgd || addr >= mm->task_size)
		return NULL;
	pmd = walk_to_pmd(m, mm, addr);
	if (!pmd || __pte_alloc(m, mm, pmd))
		return NULL;
	return pte_offset_kernel(m, pmd, addr);	/* pte_offset_map: no highmem */
}

pte_t *mm_find_pte(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	if (!mm->pgd || addr >= mm->task_size)
		return NULL;
	return pte_offset_kernel(m, pmd_offset(m, pud_offset(m, p4d_offset(pgd_offset(mm, addr),
									  addr), addr), addr), addr);
}

/* ---- freeing (free_pte_range ... free_pgd_range) ---- */

/*
 * The span-rounding test every level makes before freeing its table: the
 * table covering [start & ~(size-1), +size) may go only if that span
 * begins at or above @floor and ends at or below @ceiling (0: the top).
 */
static bool table_span_free(unsigned long start, unsigned long end, unsigned long floor,
			    unsigned long ceiling, unsigned long mask)
{
	start &= mask;
	if (start < floor)
		return false;
	if (ceiling) {
		ceiling &= mask;
		if (!ceiling)
			return false;
	}
	return !(end - 1 > ceiling - 1);
}

static void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr)
{
	phys_addr_t pa = pmd_page_paddr(*pmd);

	*pmd = __pmd(0);			/* pmd_clear */
	tlb->mm->pgt_memo.gen++;
	pte_free_tlb(tlb, addr);
	pagetable_free_user(tlb->m, pa);
	mm_dec_nr_ptes(tlb->mm);
}

static void free_pmd_range(struct mmu_gather *tlb, pud_t *pud, unsigned long addr,
			   unsigned long end, unsigned long floor, unsigned long ceiling)
{
	unsigned long start = addr, next;
	pmd_t *pmd = pmd_offset(tlb->m, pud, addr);

	do {
		next = pmd_addr_end(addr, end);
		if (!pmd_none(*pmd) && !pmd_leaf(*pmd))
			free_pte_range(tlb, pmd, addr);
	} while (pmd++, addr = next, addr != end);
	if (!table_span_free(start, end, floor, ceiling, PUD_MASK))
		return;
	addr = pud_pgtable_paddr(*pud);
	*pud = __pud(0);			/* pud_clear */
	tlb->mm->pgt_memo.gen++;
	pmd_free_tlb(tlb, start & PUD_MASK);
	pagetable_free_user(tlb->m, addr);
	mm_dec_nr_pmds(tlb->mm);
}

static void free_pud_range(struct mmu_gather *tlb, p4d_t *p4d, unsigned long addr,
			   unsigned long end, unsigned long floor, unsigned long ceiling)
{
	unsigned long start = addr, next;
	pud_t *pud = pud_offset(tlb->m, p4d, addr);

	do {
		next = pud_addr_end(addr, end);
		if (!pud_none(*pud) && !pud_leaf(*pud))
			free_pmd_range(tlb, pud, addr, next, floor, ceiling);
	} while (pud++, addr = next, addr != end);
	/* Linux's P4D_MASK (512 GiB) test here; free_p4d_range's is la57's */
	if (!table_span_free(start, end, floor, ceiling, P4D_MASK))
		return;
	addr = p4d_pgtable_paddr(*p4d);
	*p4d = __p4d(0);			/* p4d_clear: the PGD entry, la57's P4D one */
	tlb->mm->pgt_memo.gen++;
	pud_free_tlb(tlb, start & P4D_MASK);
	pagetable_free_user(tlb->m, addr);
	mm_dec_nr_puds(tlb->mm);
}

/* The 512 GiB entries of [@addr, @end) (4-level: the PGD's; la57: one P4D table's). */
static void free_512g_entries(struct mmu_gather *tlb, unsigned long addr, unsigned long end,
			      unsigned long floor, unsigned long ceiling)
{
	unsigned long next;
	pgd_t *pgd;

	do {
		pgd = pgd_offset(tlb->mm, addr);	/* again each time: la57 slots */
		next = pgd_addr_end(addr, end);
		if (!pgd_none(*pgd))
			free_pud_range(tlb, p4d_offset(pgd, addr), addr, next, floor, ceiling);
	} while (addr = next, addr != end);
}

/*
 * la57's free_p4d_range: the P4D entries of the PML5 slot at @top, then
 * the P4D table itself under the same rule at PGDIR (256 TiB) span:
 * pgd_clear and p4d_free_tlb (NR_PAGETABLE only: P4D tables are not in
 * pgtables_bytes, as in Linux).
 */
static void free_p4d_range(struct mmu_gather *tlb, pgd_t *top, unsigned long addr,
			   unsigned long end, unsigned long floor, unsigned long ceiling)
{
	unsigned long start = addr;
	phys_addr_t pa;

	free_512g_entries(tlb, addr, end, floor, ceiling);
	if (!table_span_free(start, end, floor, ceiling, ~((1UL << PGDIR_SHIFT_L5) - 1)))
		return;
	pa = top->pgd & PTE_PFN_MASK;
	*top = __pgd(0);			/* pgd_clear: the PML5 entry */
	tlb->mm->pgt_memo.gen++;
	p4d_free_tlb(tlb, start & ~((1UL << PGDIR_SHIFT_L5) - 1));
	pagetable_free_user(tlb->m, pa);
}

void free_pgd_range(struct mmu_gather *tlb, unsigned long addr, unsigned long end,
		    unsigned long floor, unsigned long ceiling)
{
	struct mm_struct *mm = tlb->mm;
	unsigned long next;
	pgd_t *top;

	/* Below floor / above ceiling, the PMD-sized edges are someone else's. */
	addr &= PMD_MASK;
	if (addr < floor) {
		addr += PMD_SIZE;
		if (!addr)
			return;
	}
	if (ceiling) {
		ceiling &= PMD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		end -= PMD_SIZE;
	if (addr > end - 1 || !mm->pgd)
		return;
	if (!mm->l5_ram) {			/* 4-level: the P4D level is folded */
		free_512g_entries(tlb, addr, end, floor, ceiling);
		return;
	}
	do {					/* la57: each PML5 entry's P4D table */
		top = pgd_offset_top(mm, addr);
		next = __addr_end(addr, end, 1UL << PGDIR_SHIFT_L5);
		if (top->pgd & _PAGE_PRESENT)
			free_p4d_range(tlb, top, addr, next, floor, ceiling);
	} while (addr = next, addr != end);
}

void free_pgtables(struct mmu_gather *tlb, struct vm_area_struct *vma, unsigned long floor,
		   unsigned long ceiling)
{
	while (vma && (!ceiling || vma->vm_start < ceiling)) {
		unsigned long addr = vma->vm_start;
		struct vm_area_struct *next = vma->vm_next;

		if (next && ceiling && next->vm_start >= ceiling)
			next = NULL;
		/* gather VMAs closer than a PMD into one call down */
		while (next && next->vm_start <= vma->vm_end + PMD_SIZE) {
			vma = next;
			next = vma->vm_next;
			if (next && ceiling && next->vm_start >= ceiling)
				next = NULL;
		}
		free_pgd_range(tlb, addr, vma->vm_end, floor, next ? next->vm_start : ceiling);
		vma = next;
	}
}

/* ---- unmap_vmas ---- */

/* The present PTEs of [@start, @end): each a tlb_remove_tlb_entry. */
static void tlb_gather_present_ptes(struct mmu_gather *tlb, unsigned long start,
				    unsigned long end)
{
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		pte_t *pte = mm_find_pte(tlb->m, tlb->mm, addr);

		next = pmd_addr_end(addr, end);
		if (!pte)
			continue;
		for (; addr < next; addr += PAGE_SIZE, pte++)
			if (pte_present(*pte))
				tlb_flush_pte_range(tlb, addr, PAGE_SIZE);
	}
}

void unmap_vmas(struct mmu_gather *tlb, struct vm_area_struct *vma, unsigned long start,
		unsigned long end)
{
	for (; vma && vma->vm_start < end; vma = vma->vm_next) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		if (s >= e)
			continue;
		tlb_start_vma(tlb, vma);
		tlb_gather_present_ptes(tlb, s, e);
		zap_page_range_mm(tlb->m, tlb->mm, s, e);
		tlb_end_vma(tlb, vma);
	}
}

/* ---- the validator ---- */

/*
 * One validation pass: which table frames are claimed, and the first
 * problem.  A bitmap finds a frame claimed twice; the frames the current
 * mm claimed (from mine on in claimed[]) tell, only then, whether the
 * other claim was its own or another mm's.
 */
struct pgt_check {
	struct machine *m;
	unsigned long *bitmap;		/* per pfn: claimed by some mm's tables */
	unsigned long *claimed;		/* every claimed pfn, in claim order */
	unsigned long *claim_addr;	/* ... the address each maps | its level */
	unsigned long cap;		/* entries allocated in claimed and claim_addr */
	unsigned long mine;		/* claimed[mine..tables): the mm being walked */
	unsigned long tables;		/* table pages found in every mm */
	char *err;
	size_t len;
};

/* Was @pfn claimed by the mm being walked (rather than by an earlier one)? */
static bool claimed_by_this_mm(const struct pgt_check *c, unsigned long pfn)
{
	for (unsigned long i = c->mine; i < c->tables; i++)
		if (c->claimed[i] == pfn)
			return true;
	return false;
}

/* Table levels as claims name them (the level sits in a claim's low address bits). */
enum { PGT_PML5, PGT_PGD, PGT_P4D, PGT_PUD, PGT_PMD, PGT_PTE };
static const char *const pgt_level[] = { "PML5", "PGD", "P4D", "PUD", "PMD", "PTE" };

/* Grow claimed[] and claim_addr[] to hold one more; -ENOMEM. */
static int claims_grow(struct pgt_check *c)
{
	unsigned long cap = c->cap ? 2 * c->cap : 1024;
	unsigned long *n = realloc(c->claimed, cap * sizeof(*n)), *a;

	if (!n)
		return -ENOMEM;
	c->claimed = n;
	a = realloc(c->claim_addr, cap * sizeof(*a));
	if (!a)
		return -ENOMEM;
	c->claim_addr = a;
	c->cap = cap;
	return 0;
}

/* Claim the table at @pa (level @lvl, mapping @addr) for @mm. */
static int claim_table(struct pgt_check *c, const struct mm_struct *mm, phys_addr_t pa,
		       int lvl, unsigned long addr)
{
	const char *what = pgt_level[lvl];
	unsigned long pfn = pa >> PAGE_SHIFT;
	const struct page *page;

	if ((pa & ~PAGE_MASK) || !pfn_valid(c->m, pfn)) {
		snprintf(c->err, c->len, "mm %p: %s table for %#lx at %#llx is outside RAM",
			 (const void *)mm, what, addr, (unsigned long long)pa);
		return -EUCLEAN;
	}
	page = pfn_to_page(c->m, pfn);
	if (page->page_type != PGTY_table || page->_refcount < 1) {
		snprintf(c->err, c->len, "mm %p: %s table for %#lx at pfn %#lx: page_type %u refcount %d",
			 (const void *)mm, what, addr, pfn, page->page_type, page->_refcount);
		return -EUCLEAN;
	}
	if (c->bitmap[pfn / 64] & (1UL << (pfn % 64))) {
		snprintf(c->err, c->len, "%s table pfn %#lx (for %#lx of mm %p) is referenced twice%s",
			 what, pfn, addr, (const void *)mm,
			 claimed_by_this_mm(c, pfn) ? "" : " (by another mm)");
		return -EUCLEAN;
	}
	if (c->tables == c->cap && claims_grow(c)) {
		snprintf(c->err, c->len, "validate_user_pgtables: out of host memory");
		return -ENOMEM;
	}
	c->bitmap[pfn / 64] |= 1UL << (pfn % 64);
	c->claim_addr[c->tables] = addr | (unsigned long)lvl;
	c->claimed[c->tables++] = pfn;
	return 0;
}

/* Claim every PMD and PTE table below the PUD table at @pa; add their bytes. */
static int check_user_pud(struct pgt_check *c, const struct mm_struct *mm, phys_addr_t pa,
			  unsigned long base, long *bytes)
{
	pud_t *pud = __va(c->m, pa);

	for (int i = 0; i < PTRS_PER_PUD; i++) {
		unsigned long a = base + ((unsigned long)i << PUD_SHIFT);
		pmd_t *pmd;

		if (pud_none(pud[i]) || pud_leaf(pud[i]))
			continue;
		if (claim_table(c, mm, pud_pgtable_paddr(pud[i]), PGT_PMD, a))
			return -EUCLEAN;
		*bytes += PTRS_PER_PMD * sizeof(pmd_t);
		pmd = __va(c->m, pud_pgtable_paddr(pud[i]));
		for (int j = 0; j < PTRS_PER_PMD; j++) {
			if (pmd_none(pmd[j]) || pmd_leaf(pmd[j]))
				continue;
			if (claim_table(c, mm, pmd_page_paddr(pmd[j]), PGT_PTE,
					a + ((unsigned long)j << PMD_SHIFT)))
				return -EUCLEAN;
			*bytes += PTRS_PER_PTE * sizeof(pte_t);
		}
	}
	return 0;
}

/* The user half of one 4-level PGD or P4D table at @pgd (mapping from @slot_base). */
static int check_user_p4d(struct pgt_check *c, const struct mm_struct *mm, pgd_t *pgd,
			  unsigned long slot_base, int entries, long *bytes)
{
	for (int i = 0; i < entries; i++) {
		unsigned long base = slot_base + ((unsigned long)i << PGDIR_SHIFT);

		if (pgd_none(pgd[i]))
			continue;
		if (claim_table(c, mm, pgd_page_paddr(pgd[i]), PGT_PUD, base) ||
		    check_user_pud(c, mm, pgd_page_paddr(pgd[i]), base, bytes))
			return -EUCLEAN;
		*bytes += PTRS_PER_PUD * sizeof(pud_t);
	}
	return 0;
}

/* la57: each user PML5 entry's P4D table (not in pgtables_bytes), then below it. */
static int check_user_pml5(struct pgt_check *c, const struct mm_struct *mm, long *bytes)
{
	pgd_t *pml5 = mm->pgd;

	for (int i = 0; i < PTRS_PER_PGD / 2; i++) {
		unsigned long base = (unsigned long)i << PGDIR_SHIFT_L5;

		if (!pml5[i].pgd)
			continue;
		if (claim_table(c, mm, pgd_page_paddr(pml5[i]), PGT_P4D, base) ||
		    check_user_p4d(c, mm, __va(c->m, pgd_page_paddr(pml5[i])), base, PTRS_PER_P4D_L5,
				   bytes))
			return -EUCLEAN;
	}
	return 0;
}

/*
 * Entries unchanged since a walk of @mm passed (its memo's gen and PGD):
 * claim that walk's tables again, in its order - the same checks of each
 * table page and of tables claimed twice - and take its byte count.
 */
static int reclaim_memo(struct pgt_check *c, const struct mm_struct *mm, long *bytes)
{
	const struct pgt_memo *memo = &mm->pgt_memo;

	for (unsigned int i = 0; i < memo->nr; i++)
		if (claim_table(c, mm, PFN_PHYS((unsigned long)memo->pfn[i]),
				(int)(memo->addr[i] & 7), memo->addr[i] & ~7UL))
			return -EUCLEAN;
	*bytes = memo->bytes;
	return 0;
}

/* A walk of @mm passed: remember its claims (if they fit) until a writer bumps gen. */
static void keep_memo(struct pgt_check *c, struct mm_struct *mm, long bytes)
{
	struct pgt_memo *memo = &mm->pgt_memo;
	unsigned long nr = c->tables - c->mine;

	memo->checked = 0;
	if (nr > PGT_MEMO_TABLES)
		return;
	for (unsigned long i = 0; i < nr; i++) {
		memo->pfn[i] = (u32)c->claimed[c->mine + i];
		memo->addr[i] = c->claim_addr[c->mine + i];
	}
	memo->nr = (unsigned int)nr;
	memo->bytes = bytes;
	memo->pgd = mm->pgd;
	memo->checked = memo->gen + 1;
}

/*
 * One mm: its PGD and the user half below it; bytes against pgtables_bytes.
 * The entries are read only when a writer bumped mm->pgt_memo.gen (or the
 * PGD changed) since the last walk that passed; otherwise reclaim_memo.
 */
static int check_user_mm(struct pgt_check *c, struct mm_struct *mm)
{
	pgd_t *pgd = mm->pgd;
	bool memo = mm->pgt_memo.checked == mm->pgt_memo.gen + 1 && mm->pgt_memo.pgd == pgd;
	long bytes = 0;

	c->mine = c->tables;
	if (memo) {
		if (reclaim_memo(c, mm, &bytes))
			return -EUCLEAN;
	} else if (claim_table(c, mm, __pa(c->m, pgd), mm->l5_ram ? PGT_PML5 : PGT_PGD, 0) ||
		   (mm->l5_ram ? check_user_pml5(c, mm, &bytes) :
				 check_user_p4d(c, mm, pgd, 0, USER_PTRS_PER_PGD, &bytes))) {
		return -EUCLEAN;
	}
	if (!memo && bytes == mm->pgtables_bytes)
		keep_memo(c, mm, bytes);
	if (bytes != mm->pgtables_bytes) {
		snprintf(c->err, c->len, "mm %p: %ld bytes of user page tables but pgtables_bytes %ld",
			 (const void *)mm, bytes, mm->pgtables_bytes);
		return -EUCLEAN;
	}
	return 0;
}

/*
 * The kernel's own table pages: those below swapper_pg_dir's kernel half;
 * validate_kernel_pgtables' count while no kernel entry changed since its
 * walk passed (kernel_pgtable_pages), else counted here.
 */
static unsigned long count_kernel_tables(struct machine *m)
{
	pgd_t *pgd;
	unsigned long n = 0;

	if (!m->swapper_pg_dir)
		return 0;
	if (kernel_pgtable_pages(m) >= 0)
		return (unsigned long)kernel_pgtable_pages(m);
	pgd = __va(m, m->swapper_pg_dir);
	for (int i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		pud_t *pud;

		if (pgd_none(pgd[i]))
			continue;
		n++;
		pud = __va(m, pgd_page_paddr(pgd[i]));
		for (int j = 0; j < PTRS_PER_PUD; j++) {
			pmd_t *pmd;

			if (pud_none(pud[j]) || pud_leaf(pud[j]))
				continue;
			n++;
			pmd = __va(m, pud_pgtable_paddr(pud[j]));
			for (int k = 0; k < PTRS_PER_PMD; k++)
				n += !pmd_none(pmd[k]) && !pmd_leaf(pmd[k]);
		}
	}
	return n;
}

/* Every mm with a PGD: x86's pgd_list, each page's owner from pgd_set_mm. */
static int check_all_mms(struct pgt_check *c)
{
	struct page *page;

	if (!c->m->pgd_list.next)
		return 0;
	list_for_each_entry(page, &c->m->pgd_list, lru) {
		struct mm_struct *mm = pgd_page_get_mm(page);

		if (!mm || (void *)mm->pgd != __va(c->m, PFN_PHYS(page_to_pfn(c->m, page)))) {
			snprintf(c->err, c->len, "PGD pfn %#lx on pgd_list: its mm %p does not point back",
				 page_to_pfn(c->m, page), (const void *)mm);
			return -EUCLEAN;
		}
		if (check_user_mm(c, mm))
			return -EUCLEAN;
	}
	return 0;
}

int validate_user_pgtables(struct machine *m, char *err, size_t len)
{
	struct pgt_check c = { .m = m, .err = err, .len = len };
	unsigned long counted, kernel;
	int ret;

	err[0] = '\0';
	if (!m->max_pfn)
		return 0;
	c.bitmap = calloc(m->max_pfn / 64 + 1, sizeof(*c.bitmap));
	if (!c.bitmap) {
		snprintf(err, len, "validate_user_pgtables: out of host memory");
		return -ENOMEM;
	}
	ret = check_all_mms(&c);
	free(c.bitmap);
	free(c.claimed);
	free(c.claim_addr);
	if (ret)
		return ret;
	counted = global_node_page_state(m, NR_PAGETABLE);
	kernel = count_kernel_tables(m);
	if (counted != kernel + c.tables) {
		snprintf(err, len, "NR_PAGETABLE %lu but %lu kernel and %lu user table pages in use",
			 counted, kernel, c.tables);
		return -EUCLEAN;
	}
	return 0;
}
