// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's own page tables (arch/x86/mm/pgtable.c, init_64.c's
 * preallocate_vmalloc_pages, mm/memory.c's __pud_alloc/__pmd_alloc/
 * __pte_alloc_kernel, asm-generic/pgalloc.h, mm/pageattr's lookup_address).
 *
 * init_mm's PGD, swapper_pg_dir, is a page of the kernel image's .data
 * (Linux's init_top_pgt): not from the buddy allocator, not counted.  Every
 * table below it is a frame from the page allocator with real x86-64
 * entries in its bytes, typed PGTY_table and counted in its node's
 * NR_PAGETABLE (__pagetable_ctor counts init_mm's tables in 6.18).  At
 * boot, preallocate_vmalloc_pages gives each of the 64 PGD entries of the
 * vmalloc range its PUD table (256 kB of PageTables on every machine), so
 * that a user PGD's copy of the kernel half never goes stale.
 *
 * Leaves out: the direct map's and kernel image's own tables (Linux builds
 * them from memblock before the buddy exists; mmsim resolves those
 * addresses arithmetically), large (2M/1G) kernel mappings, PTI's user
 * PGD, TLB flushing, split page-table locks.  A process's PGD is made
 * here (pgd_alloc, on x86's pgd_list with its mm); the user tables below
 * it are mm/memory.c's and use the same entry helpers.
 *
 * Called by mm/vmalloc.c (map, unmap, walk), kernel/boot.c (pgtable_init)
 * and whoever needs a kernel address's bytes (kva_to_host).
 */
#include <stdio.h>
#include <string.h>
#include "asm/pgtable.h"
#include "linux/mm_struct.h"
#include "linux/machine.h"
#include "linux/list.h"
#include "linux/memmap_census.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/printk.h"
#include "linux/vmstat.h"

/* CONFIG_PHYSICAL_START: where the kernel image sits (arch/x86/kernel/setup.c). */
#define __PHYSICAL_START	SZ_16M

/* The host pointer of the table at physical address @pa, or NULL outside RAM. */
static void *table_at(struct machine *m, phys_addr_t pa)
{
	if ((pa & ~PAGE_MASK) || !pfn_valid(m, pa >> PAGE_SHIFT))
		return NULL;
	return m->ram + pa;
}

/*
 * swapper_pg_dir's frame: the first page of the image's .data, which
 * follows the text and the read-only data (vmlinux's section order).
 */
static phys_addr_t swapper_pg_dir_phys(const struct machine *m)
{
	return __PHYSICAL_START +
	       ((phys_addr_t)(m->kernel_code_kb + m->kernel_rodata_kb) << 10);
}

/* ---- table pages: pagetable_alloc + __pagetable_ctor, and back ---- */

/* A zeroed table page for init_mm, typed and counted; NULL on failure. */
static struct page *pagetable_alloc_kernel(struct machine *m)
{
	struct page *page = alloc_pages(m, GFP_PGTABLE_KERNEL, 0);

	if (!page)
		return NULL;
	page->page_type = PGTY_table;
	mod_node_page_state(NODE_DATA(m, page->nid), NR_PAGETABLE, 1);
	return page;
}

static phys_addr_t page_phys(struct machine *m, struct page *page)
{
	return PFN_PHYS(page_to_pfn(m, page));
}

/* ---- walking ---- */

pgd_t *pgd_offset_pgd(struct machine *m, phys_addr_t pgd_pa, unsigned long addr)
{
	pgd_t *pgd = table_at(m, pgd_pa);

	return pgd ? pgd + pgd_index(addr) : NULL;
}

pgd_t *pgd_offset_k(struct machine *m, unsigned long addr)
{
	if (!m->swapper_pg_dir)
		return NULL;
	return pgd_offset_pgd(m, m->swapper_pg_dir, addr);
}

pud_t *pud_offset(struct machine *m, p4d_t *p4d, unsigned long addr)
{
	pud_t *pud;

	if (!p4d || p4d_none(*p4d))
		return NULL;
	pud = table_at(m, p4d_pgtable_paddr(*p4d));
	return pud ? pud + pud_index(addr) : NULL;
}

pmd_t *pmd_offset(struct machine *m, pud_t *pud, unsigned long addr)
{
	pmd_t *pmd;

	if (!pud || pud_none(*pud) || pud_leaf(*pud))
		return NULL;
	pmd = table_at(m, pud_pgtable_paddr(*pud));
	return pmd ? pmd + pmd_index(addr) : NULL;
}

pte_t *pte_offset_kernel(struct machine *m, pmd_t *pmd, unsigned long addr)
{
	pte_t *pte;

	if (!pmd || pmd_none(*pmd) || pmd_leaf(*pmd))
		return NULL;
	pte = table_at(m, pmd_page_paddr(*pmd));
	return pte ? pte + pte_index(addr) : NULL;
}

/* ---- allocating on demand (__pud_alloc, __pmd_alloc, __pte_alloc_kernel) ---- */

pud_t *pud_alloc(struct machine *m, p4d_t *p4d, unsigned long addr)
{
	struct page *page;

	if (!p4d)
		return NULL;
	if (p4d_none(*p4d)) {
		page = pagetable_alloc_kernel(m);
		if (!page)
			return NULL;
		/* p4d_populate: folded, so this writes the PGD entry */
		*p4d = __p4d(page_phys(m, page) | _PAGE_TABLE);
		m->kpgt_memo.gen++;		/* validate_kernel_pgtables' memo */
	}
	return pud_offset(m, p4d, addr);
}

pmd_t *pmd_alloc(struct machine *m, pud_t *pud, unsigned long addr)
{
	struct page *page;

	if (!pud)
		return NULL;
	if (pud_none(*pud)) {
		page = pagetable_alloc_kernel(m);
		if (!page)
			return NULL;
		*pud = __pud(page_phys(m, page) | _PAGE_TABLE);	/* pud_populate */
		m->kpgt_memo.gen++;
	}
	return pmd_offset(m, pud, addr);
}

pte_t *pte_alloc_kernel(struct machine *m, pmd_t *pmd, unsigned long addr)
{
	struct page *page;

	if (!pmd)
		return NULL;
	if (pmd_none(*pmd)) {
		page = pagetable_alloc_kernel(m);	/* __pte_alloc_one_kernel */
		if (!page)
			return NULL;
		*pmd = __pmd(page_phys(m, page) | _PAGE_TABLE);	/* pmd_populate_kernel */
		m->kpgt_memo.gen++;
	}
	return pte_offset_kernel(m, pmd, addr);
}

/* ---- boot ---- */

/* preallocate_vmalloc_pages: the PUD level under every vmalloc PGD entry. */
static int preallocate_vmalloc_pages(struct machine *m)
{
	for (unsigned long addr = VMALLOC_START; addr <= VMALLOC_END;
	     addr = ALIGN(addr + 1, PGDIR_SIZE)) {
		p4d_t *p4d = p4d_offset(pgd_offset_k(m, addr), addr);

		if (!pud_alloc(m, p4d, addr)) {
			pr_emerg(m, "Kernel panic - not syncing: Failed to pre-allocate pud pages for vmalloc area");
			return -ENOMEM;
		}
	}
	return 0;
}

int pgtable_init(struct machine *m)
{
	phys_addr_t pa = swapper_pg_dir_phys(m);
	void *pgd = table_at(m, pa);

	if (!pgd) {
		pr_emerg(m, "Kernel panic - not syncing: swapper_pg_dir at %#llx is beyond RAM",
			 (unsigned long long)pa);
		return -ENOMEM;
	}
	memset(pgd, 0, PAGE_SIZE);
	m->swapper_pg_dir = pa;
	m->kpgt_memo.gen++;
	m->pgtable_l5_enabled = m->bp.la57 && !m->bp.no5lvl;	/* check_la57_support */
	return preallocate_vmalloc_pages(m);
}

/* ---- map, unmap, look up ---- */

/* The PTE slot of @addr, creating the tables above it if @alloc. */
static pte_t *kernel_pte(struct machine *m, unsigned long addr, bool alloc)
{
	p4d_t *p4d = p4d_offset(pgd_offset_k(m, addr), addr);

	if (!alloc)
		return pte_offset_kernel(m, pmd_offset(m, pud_offset(m, p4d, addr), addr), addr);
	return pte_alloc_kernel(m, pmd_alloc(m, pud_alloc(m, p4d, addr), addr), addr);
}

int kernel_map_page(struct machine *m, unsigned long addr, unsigned long pfn, pgprot_t prot)
{
	pte_t *pte;

	if (!is_vmalloc_addr(addr) || (addr & ~PAGE_MASK) || !pfn_valid(m, pfn) ||
	    !m->swapper_pg_dir)
		return -EINVAL;
	pte = kernel_pte(m, addr, true);
	if (!pte)
		return -ENOMEM;
	if (!pte_none(*pte))
		return -EBUSY;
	*pte = pfn_pte(pfn, prot);		/* set_pte_at(&init_mm, ...) */
	return 0;
}

long kernel_unmap_page(struct machine *m, unsigned long addr)
{
	pte_t *pte, old;

	if (!is_vmalloc_addr(addr))
		return -1;
	pte = kernel_pte(m, addr, false);
	if (!pte)
		return -1;
	old = *pte;
	*pte = __pte(0);			/* ptep_get_and_clear */
	return pte_present(old) ? (long)pte_pfn(old) : -1;
}

pte_t *lookup_address(struct machine *m, unsigned long addr, unsigned int *level)
{
	pgd_t *pgd = pgd_offset_k(m, addr);
	pud_t *pud;
	pmd_t *pmd;

	*level = PG_LEVEL_256T;
	if (!pgd || pgd_none(*pgd))
		return NULL;
	*level = PG_LEVEL_512G;
	pud = pud_offset(m, p4d_offset(pgd, addr), addr);
	if (!pud || pud_none(*pud))
		return NULL;
	*level = PG_LEVEL_1G;
	pmd = pmd_offset(m, pud, addr);
	if (!pmd || pmd_none(*pmd))
		return NULL;
	*level = PG_LEVEL_4K;
	return pte_offset_kernel(m, pmd, addr);
}

/* Is @va in the direct map of this machine's RAM? */
static bool in_direct_map(const struct machine *m, unsigned long va)
{
	return va >= PAGE_OFFSET && va - PAGE_OFFSET < ((unsigned long)m->max_pfn << PAGE_SHIFT);
}

long kernel_lookup_pfn(struct machine *m, unsigned long addr)
{
	unsigned int level;
	pte_t *pte;

	if (in_direct_map(m, addr))
		return (long)((addr - PAGE_OFFSET) >> PAGE_SHIFT);
	if (!is_vmalloc_addr(addr))
		return -1;
	pte = lookup_address(m, addr, &level);
	if (!pte || !pte_present(*pte) || !pfn_valid(m, pte_pfn(*pte)))
		return -1;
	return (long)pte_pfn(*pte);
}

unsigned long kernel_first_mapped(struct machine *m, unsigned long start, unsigned long end)
{
	unsigned long addr = start & PAGE_MASK;

	while (addr < end) {
		unsigned long next = (addr | (PMD_SIZE - 1)) + 1;	/* the PTE table's reach */
		unsigned int level;
		pte_t *pte;

		if (!is_vmalloc_addr(addr)) {		/* page by page, as kernel_lookup_pfn */
			if (kernel_lookup_pfn(m, addr) >= 0)
				return addr;
			addr += PAGE_SIZE;
			continue;
		}
		if (next < addr || next > end)
			next = end;
		if (next > VMALLOC_END + 1)		/* VMALLOC_END is the last byte */
			next = VMALLOC_END + 1;
		pte = lookup_address(m, addr, &level);	/* NULL: no table, nothing mapped */
		for (; pte && addr < next; addr += PAGE_SIZE, pte++)
			if (pte_present(*pte) && pfn_valid(m, pte_pfn(*pte)))
				return addr;
		addr = next;
	}
	return end;
}

void *kva_to_host(struct machine *m, unsigned long va, size_t *contig)
{
	long pfn = kernel_lookup_pfn(m, va);
	size_t off = va & ~PAGE_MASK;

	if (contig)
		*contig = pfn < 0 ? 0 : PAGE_SIZE - off;
	if (pfn < 0)
		return NULL;
	return m->ram + ((phys_addr_t)pfn << PAGE_SHIFT) + off;
}

/* ---- validation ---- */

/*
 * What validate_kernel_pgtables checks: every PGD entry of the kernel half,
 * every PUD entry below it and every PMD entry below those is empty or
 * links a table (never a leaf) that lies in RAM and is a PGTY_table page
 * in use; each node's PGTY_table pages equal its NR_PAGETABLE.
 * When it skips: the entries are written only by this file (pgtable_init,
 * pud_alloc, pmd_alloc, pte_alloc_kernel), each write bumping
 * m->kpgt_memo.gen.  A walk that passes records the gen and the table
 * pages it found; while the gen is unchanged the entries are the ones that
 * walk checked, so the next call re-checks only those table pages' struct
 * page (type and refcount, which other code can change) instead of
 * walking 64 PUD tables of entries.  The memmap count runs every time
 * (from mmsim_validate's shared census when there is one).
 */

struct pgtable_check {
	struct machine *m;
	struct kpgt_memo *memo;		/* where the walk records the tables it finds */
	bool memo_full;			/* more tables than the memo holds: keep none */
	char *err;
	size_t len;
};

static const char *const table_level[] = { "PUD", "PMD", "PTE" };

/* The table page @pfn (level @lvl, linked for @addr): typed PGTY_table, in use. */
static int check_table_struct_page(struct pgtable_check *c, unsigned long pfn, int lvl,
				   unsigned long addr)
{
	const struct page *page = pfn_to_page(c->m, pfn);

	if (page->page_type != PGTY_table || page->_refcount < 1) {
		snprintf(c->err, c->len, "kernel %s table for %#lx at pfn %#lx: page_type %u refcount %d",
			 table_level[lvl], addr, pfn, page->page_type, page->_refcount);
		return -EUCLEAN;
	}
	return 0;
}

/* A table frame at @pa (level @lvl): in RAM, typed PGTY_table, allocated; remembered. */
static int check_table_page(struct pgtable_check *c, phys_addr_t pa, int lvl,
			    unsigned long addr)
{
	struct kpgt_memo *memo = c->memo;

	if (!table_at(c->m, pa)) {
		snprintf(c->err, c->len, "kernel %s table for %#lx at %#llx is outside RAM",
			 table_level[lvl], addr, (unsigned long long)pa);
		return -EUCLEAN;
	}
	if (check_table_struct_page(c, pa >> PAGE_SHIFT, lvl, addr))
		return -EUCLEAN;
	if (memo->nr == KPGT_MEMO_TABLES) {
		c->memo_full = true;
		return 0;
	}
	memo->pfn[memo->nr] = (u32)(pa >> PAGE_SHIFT);
	memo->level[memo->nr] = (u8)lvl;
	memo->addr[memo->nr++] = addr;
	return 0;
}

/* Walk the PMD table at @pa (covering @base), checking every PTE table below. */
static int check_pmd_table(struct pgtable_check *c, phys_addr_t pa, unsigned long base)
{
	pmd_t *pmd = table_at(c->m, pa);

	for (int i = 0; i < PTRS_PER_PMD; i++) {
		unsigned long addr = base + ((unsigned long)i << PMD_SHIFT);

		if (pmd_none(pmd[i]))
			continue;
		if (pmd_leaf(pmd[i])) {
			snprintf(c->err, c->len, "kernel PMD entry for %#lx is a leaf", addr);
			return -EUCLEAN;
		}
		if (check_table_page(c, pmd_page_paddr(pmd[i]), 2, addr))
			return -EUCLEAN;
	}
	return 0;
}

static int check_pud_table(struct pgtable_check *c, phys_addr_t pa, unsigned long base)
{
	pud_t *pud = table_at(c->m, pa);

	for (int i = 0; i < PTRS_PER_PUD; i++) {
		unsigned long addr = base + ((unsigned long)i << PUD_SHIFT);
		phys_addr_t next = pud_pgtable_paddr(pud[i]);

		if (pud_none(pud[i]))
			continue;
		if (pud_leaf(pud[i])) {
			snprintf(c->err, c->len, "kernel PUD entry for %#lx is a leaf", addr);
			return -EUCLEAN;
		}
		if (check_table_page(c, next, 1, addr) || check_pmd_table(c, next, addr))
			return -EUCLEAN;
	}
	return 0;
}

/* The full walk from swapper_pg_dir, recording the tables in m->kpgt_memo. */
static int walk_kernel_tables(struct pgtable_check *c)
{
	struct machine *m = c->m;
	pgd_t *pgd = table_at(m, m->swapper_pg_dir);

	m->kpgt_memo.checked = 0;
	m->kpgt_memo.nr = 0;
	for (int i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		unsigned long addr = 0xffff000000000000UL | ((unsigned long)i << PGDIR_SHIFT);
		phys_addr_t next = pgd_page_paddr(pgd[i]);

		if (pgd_none(pgd[i]))
			continue;
		if (check_table_page(c, next, 0, addr) || check_pud_table(c, next, addr))
			return -EUCLEAN;
	}
	if (!c->memo_full)
		m->kpgt_memo.checked = m->kpgt_memo.gen + 1;
	return 0;
}

/* Entries unchanged since a walk passed: that walk's table pages, again. */
static int recheck_memo_tables(struct pgtable_check *c)
{
	const struct kpgt_memo *memo = &c->m->kpgt_memo;

	for (unsigned int i = 0; i < memo->nr; i++)
		if (check_table_struct_page(c, memo->pfn[i], memo->level[i], memo->addr[i]))
			return -EUCLEAN;
	return 0;
}

long kernel_pgtable_pages(struct machine *m)
{
	const struct kpgt_memo *memo = &m->kpgt_memo;

	return memo->checked == memo->gen + 1 ? (long)memo->nr : -1;
}

/* Count the PGTY_table pages of each node into @typed, in one memmap pass. */
static void count_table_pages(struct machine *m, unsigned long typed[MAX_NUMNODES])
{
	for (unsigned long pfn = 0; pfn < m->max_pfn; pfn++) {
		const struct page *p = pfn_to_page(m, pfn);

		if (p->page_type == PGTY_table)
			typed[p->nid]++;
	}
}

int validate_kernel_pgtables(struct machine *m, char *err, size_t len)
{
	struct pgtable_check c = { .m = m, .memo = &m->kpgt_memo, .err = err, .len = len };
	unsigned long typed[MAX_NUMNODES] = { 0 };
	int nid;

	err[0] = '\0';
	if (!m->swapper_pg_dir)
		return 0;
	if (kernel_pgtable_pages(m) >= 0 ? recheck_memo_tables(&c) : walk_kernel_tables(&c))
		return -EUCLEAN;
	if (m->census)		/* mmsim_validate's one memmap pass */
		memcpy(typed, m->census->table, sizeof(typed));
	else
		count_table_pages(m, typed);
	for (nid = 0; nid < m->nr_node_ids; nid++) {
		unsigned long counted = node_page_state(NODE_DATA(m, nid), NR_PAGETABLE);

		if (typed[nid] != counted) {
			snprintf(err, len, "node %d: %lu page-table pages but NR_PAGETABLE %lu",
				 nid, typed[nid], counted);
			return -EUCLEAN;
		}
	}
	return 0;
}

/* ---- a process's PGD (pgd_alloc, pgd_free) ---- */

/*
 * Linux 6.18 allocates a user PGD of order pgd_allocation_order(): 1 (two
 * pages: the kernel PGD and PTI's user copy) when X86_FEATURE_PTI is on,
 * 0 otherwise.  PTI is on only on CPUs affected by Meltdown; the reference
 * host (an AMD EPYC, "meltdown: Not affected") runs without it, so the
 * model machine does too: one page per PGD.
 */
#define PGD_ALLOCATION_ORDER	0

const pgd_t pgd_none_slot;

pgd_t *pgd_alloc(struct machine *m, struct mm_struct *mm)
{
	struct page *page = alloc_pages(m, GFP_PGTABLE_USER, PGD_ALLOCATION_ORDER);
	pgd_t *pgd, *kernel;

	if (!page)
		return NULL;
	page->page_type = PGTY_table;		/* pagetable_pgd_ctor's __pagetable_ctor */
	mod_node_page_state(NODE_DATA(m, page->nid), NR_PAGETABLE, 1);
	pgd = table_at(m, page_phys(m, page));
	kernel = table_at(m, m->swapper_pg_dir);
	if (m->pgtable_l5_enabled) {		/* a PML5: the kernel's 4 levels in its last slot */
		mm->l5_ram = m->ram;
		if (kernel)
			pgd[PTRS_PER_PGD - 1] = __pgd(m->swapper_pg_dir | _KERNPG_TABLE);
	} else if (kernel) {			/* pgd_ctor: clone_pgd_range of the kernel half */
		memcpy(pgd + KERNEL_PGD_BOUNDARY, kernel + KERNEL_PGD_BOUNDARY,
		       KERNEL_PGD_PTRS * sizeof(pgd_t));
	}
	if (!m->pgd_list.next)
		INIT_LIST_HEAD(&m->pgd_list);
	page->private = (unsigned long)mm;	/* pgd_set_mm: ptdesc->pt_mm */
	list_add(&page->lru, &m->pgd_list);	/* pgd_list_add */
	return pgd;
}

struct mm_struct *pgd_page_get_mm(struct page *page)
{
	return (struct mm_struct *)page->private;
}

void pgd_free(struct machine *m, pgd_t *pgd)
{
	struct page *page = pfn_to_page(m, (unsigned long)((char *)pgd - (char *)m->ram) >> PAGE_SHIFT);
	struct mm_struct *mm = pgd_page_get_mm(page);

	for (int i = 0; mm && mm->l5_ram && i < PTRS_PER_PGD / 2; i++) {
		struct page *p4d;

		if (!(pgd[i].pgd & _PAGE_PRESENT))
			continue;		/* the user slots' P4D tables (p4d_free) */
		p4d = pfn_to_page(m, (pgd[i].pgd & PTE_PFN_MASK) >> PAGE_SHIFT);
		mod_node_page_state(NODE_DATA(m, p4d->nid), NR_PAGETABLE, -1);
		p4d->page_type = PGTY_none;
		__free_pages(m, p4d, 0);
		pgd[i] = __pgd(0);
		mm->pgt_memo.gen++;		/* validate_user_pgtables' memo */
	}

	list_del(&page->lru);			/* pgd_dtor's pgd_list_del */
	page->private = 0;
	mod_node_page_state(NODE_DATA(m, page->nid), NR_PAGETABLE, -1);	/* pagetable_dtor */
	page->page_type = PGTY_none;
	__free_pages(m, page, PGD_ALLOCATION_ORDER);
}
