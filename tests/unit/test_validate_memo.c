// SPDX-License-Identifier: GPL-2.0-only
/*
 * The validators' skip rules: validate_kernel_pgtables re-walks the
 * kernel page tables only after a kernel PGD/PUD/PMD entry was written
 * (m->kpgt_memo.gen, bumped by every writer in arch/x86/mm/pgtable.c);
 * between walks it re-checks the table pages it found.  These tests prove
 * that a skip never hides a problem a walk would find: a bad entry written
 * after a bump is caught, a table page freed behind the tables' back is
 * caught without any bump, and the count validate_user_pgtables borrows
 * follows new tables.  And that mmsim_validate's shared memmap census
 * (mm/memmap_census.c) finds what each validator's own walk finds.
 * validate_user_pgtables' per-mm memo (mm->pgt_memo, bumped by every
 * writer of a user PGD/P4D/PUD/PMD entry) gets the same proofs, and a
 * table two mms claim is still found when one of them is on its memo.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "proc_helpers.h"
#include "asm/pgtable.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_struct.h"
#include "linux/mman.h"
#include "linux/page-flags.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"

/* A vmalloc address no boot-time mapping uses: its PMD and PTE tables are new. */
#define FRESH_ADDR	(VMALLOC_START + 40 * PUD_SIZE)

static unsigned long data_pfn(struct machine *m)
{
	struct page *p = alloc_pages(m, GFP_KERNEL, 0);

	assert_non_null(p);
	return page_to_pfn(m, p);
}

static pmd_t *pmd_of(struct machine *m, unsigned long addr)
{
	return pmd_offset(m, pud_offset(m, p4d_offset(pgd_offset_k(m, addr), addr), addr), addr);
}

static void test_memo_is_kept_after_a_clean_walk(void **state)
{
	struct machine *m = ph_boot("");
	char err[256];

	assert_int_equal(kernel_pgtable_pages(m), -1);	/* no walk yet */
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);
	/* the 64 preallocated vmalloc PUD tables and what boot's vmallocs added */
	assert_true(kernel_pgtable_pages(m) >= 64);
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

static void test_new_tables_bump_the_generation_and_are_counted(void **state)
{
	struct machine *m = ph_boot("");
	char err[256];
	long before;
	u64 gen;

	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);
	before = kernel_pgtable_pages(m);
	gen = m->kpgt_memo.gen;
	assert_int_equal(kernel_map_page(m, FRESH_ADDR, data_pfn(m), PAGE_KERNEL), 0);
	assert_true(m->kpgt_memo.gen > gen);		/* a PMD and a PTE table */
	assert_int_equal(kernel_pgtable_pages(m), -1);	/* memo stale: walk next time */
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_int_equal(kernel_pgtable_pages(m), before + 2);
	mmsim_destroy(m);
}

static void test_a_bad_entry_after_a_bump_is_caught(void **state)
{
	struct machine *m = ph_boot("");
	char err[256];
	pmd_t *pmd;

	assert_int_equal(kernel_map_page(m, FRESH_ADDR, data_pfn(m), PAGE_KERNEL), 0);
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);	/* memo set */
	pmd = pmd_of(m, FRESH_ADDR);
	assert_non_null(pmd);
	/* a writer that bumps the generation but links a data page as a PTE table */
	pmd[1] = __pmd(PFN_PHYS(data_pfn(m)) | _PAGE_TABLE);
	m->kpgt_memo.gen++;
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "kernel PTE table"));
	/* a leaf PMD written by a writer */
	pmd[1] = __pmd(PFN_PHYS(data_pfn(m)) | _PAGE_PRESENT | _PAGE_PSE);
	m->kpgt_memo.gen++;
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "is a leaf"));
	pmd[1] = __pmd(0);
	m->kpgt_memo.gen++;
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

static void test_a_table_page_changed_without_a_bump_is_caught(void **state)
{
	struct machine *m = ph_boot("");
	char err[256];
	struct page *table;
	pmd_t *pmd;

	assert_int_equal(kernel_map_page(m, FRESH_ADDR, data_pfn(m), PAGE_KERNEL), 0);
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);	/* memo set */
	pmd = pmd_of(m, FRESH_ADDR);
	table = pfn_to_page(m, pmd_page_paddr(*pmd) >> PAGE_SHIFT);
	/* the PTE table's struct page untyped (a wrong free): no entry written, no bump */
	table->page_type = PGTY_none;
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "kernel PTE table"));
	assert_non_null(strstr(err, "page_type 0"));
	table->page_type = PGTY_table;
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

/*
 * mmsim_validate's validators share one memmap census: a stray PageBuddy
 * page, an extra PGTY_table page and an unlisted slab page are still
 * found, with the message each validator gives alone.
 */
static void test_the_shared_census_finds_what_each_walk_finds(void **state)
{
	struct machine *m = ph_boot("");
	struct page *page = alloc_pages(m, GFP_KERNEL, 0);
	char err[256], alone[256];

	assert_non_null(page);
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	page->page_type = PGTY_buddy;			/* PageBuddy but on no free list */
	assert_int_equal(validate_page_alloc(m, alone, sizeof(alone)), -EUCLEAN);
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_string_equal(err, alone);
	assert_non_null(strstr(err, "is on no free list"));
	page->page_type = PGTY_table;			/* a table page nobody counted */
	assert_int_equal(validate_kernel_pgtables(m, alone, sizeof(alone)), -EUCLEAN);
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_string_equal(err, alone);
	assert_non_null(strstr(err, "NR_PAGETABLE"));
	page->page_type = PGTY_slab;			/* a slab page of no cache */
	page->slab_cache = NULL;
	assert_int_equal(validate_slab_caches(m, alone, sizeof(alone)), -EUCLEAN);
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_string_equal(err, alone);
	assert_non_null(strstr(err, "slab of no cache"));
	assert_null(m->census);				/* dropped after each call */
	page->page_type = PGTY_none;
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	__free_pages(m, page, 0);
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

/* ---- validate_user_pgtables' per-mm memo ---- */

/* A process @name with one written page at *@addr; its mm. */
static struct mm_struct *proc_with_page(struct machine *m, const char *name, uint64_t *addr)
{
	struct mmsim_access_result r;
	struct task_struct *t;
	int pid;

	assert_int_equal(mmsim_spawn(m, name, &pid), 0);
	assert_int_equal(mmsim_process_mmap(m, name, 0, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, addr), 0);
	assert_int_equal(mmsim_process_access(m, name, *addr, PAGE_SIZE, 1, &r), 0);
	t = find_process(m, name);
	assert_non_null(t);
	return t->mm;
}

/* The PMD entry that links the PTE table of @addr in @mm. */
static pmd_t *user_pmd(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	pud_t *pud = pud_offset(m, p4d_offset(pgd_offset(mm, addr), addr), addr);

	return pmd_offset(m, pud, addr);
}

static void test_user_memo_skips_only_while_no_writer_ran(void **state)
{
	struct machine *m = ph_boot("");
	struct mmsim_access_result r;
	struct mm_struct *mm;
	uint64_t addr;
	char err[256];

	mm = proc_with_page(m, "a", &addr);
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), 0);
	assert_int_equal(mm->pgt_memo.checked, mm->pgt_memo.gen + 1);	/* memo kept */
	/* a new PTE table 2 MiB away: the writer bumps gen, the memo is stale */
	assert_int_equal(mmsim_process_mmap(m, "a", addr + PMD_SIZE, PAGE_SIZE,
					    PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, &addr), 0);
	assert_int_equal(mmsim_process_access(m, "a", addr, PAGE_SIZE, 1, &r), 0);
	assert_true(mm->pgt_memo.checked != mm->pgt_memo.gen + 1);
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_int_equal(mm->pgt_memo.checked, mm->pgt_memo.gen + 1);
	mmsim_destroy(m);
}

static void test_user_bad_entry_after_a_bump_is_caught(void **state)
{
	struct machine *m = ph_boot("");
	struct mm_struct *mm;
	uint64_t addr;
	char err[256];
	pmd_t *pmd, saved;

	mm = proc_with_page(m, "a", &addr);
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), 0);	/* memo set */
	pmd = user_pmd(m, mm, addr);
	saved = *pmd;
	*pmd = __pmd(PFN_PHYS(data_pfn(m)) | _PAGE_TABLE);	/* a data page as PTE table */
	mm->pgt_memo.gen++;					/* by a writer */
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "PTE table for"));
	assert_non_null(strstr(err, "page_type 0"));
	*pmd = saved;
	mm->pgt_memo.gen++;
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

static void test_user_table_page_changed_without_a_bump_is_caught(void **state)
{
	struct machine *m = ph_boot("");
	struct mm_struct *mm;
	struct page *table;
	uint64_t addr;
	char err[256];

	mm = proc_with_page(m, "a", &addr);
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), 0);	/* memo set */
	table = pfn_to_page(m, pmd_page_paddr(*user_pmd(m, mm, addr)) >> PAGE_SHIFT);
	table->page_type = PGTY_none;		/* freed behind the tables' back: no bump */
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "PTE table for"));
	table->page_type = PGTY_table;
	mm->pgtables_bytes += PAGE_SIZE;	/* a counter off, no entry written */
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "pgtables_bytes"));
	mm->pgtables_bytes -= PAGE_SIZE;
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

static void test_user_table_shared_with_a_memo_mm_is_caught(void **state)
{
	struct machine *m = ph_boot("");
	struct mm_struct *a, *b;
	uint64_t addr_a, addr_b;
	char err[256];
	pmd_t *pmd, saved;

	a = proc_with_page(m, "a", &addr_a);
	b = proc_with_page(m, "b", &addr_b);
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), 0);	/* both memos */
	/* b's writer links a's PTE table: a stays on its memo, b is walked */
	pmd = user_pmd(m, b, addr_b);
	saved = *pmd;
	*pmd = *user_pmd(m, a, addr_a);
	b->pgt_memo.gen++;
	assert_int_equal(a->pgt_memo.checked, a->pgt_memo.gen + 1);
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "referenced twice"));
	*pmd = saved;
	b->pgt_memo.gen++;
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

static void test_a_forked_child_gets_its_own_walk(void **state)
{
	struct machine *m = ph_boot("");
	struct mm_struct *parent, *child;
	uint64_t addr;
	char err[256];
	int pid;

	parent = proc_with_page(m, "a", &addr);
	assert_int_equal(validate_user_pgtables(m, err, sizeof(err)), 0);
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	child = find_process(m, "c")->mm;
	assert_ptr_not_equal(child, parent);
	assert_true(child->pgt_memo.checked != child->pgt_memo.gen + 1 ||
		    child->pgt_memo.pgd != child->pgd);	/* no memo of another PGD */
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_ptr_equal(child->pgt_memo.pgd, child->pgd);
	mmsim_destroy(m);
}

/* ---- validate_vmalloc: merged tiling, lazy ranges by PTE table ---- */

/* kernel_first_mapped agrees with kernel_lookup_pfn page by page. */
static void test_first_mapped_is_the_page_by_page_answer(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long base = FRESH_ADDR - 3 * PAGE_SIZE;	/* a PMD boundary inside */
	unsigned long pfn = data_pfn(m);

	assert_int_equal(kernel_map_page(m, FRESH_ADDR + 2 * PAGE_SIZE, pfn, PAGE_KERNEL), 0);
	for (unsigned long s = base; s < FRESH_ADDR + 4 * PAGE_SIZE; s += PAGE_SIZE)
		for (unsigned long e = s + PAGE_SIZE; e <= FRESH_ADDR + 5 * PAGE_SIZE; e += PAGE_SIZE) {
			unsigned long want = e;

			for (unsigned long a = s; a < e && want == e; a += PAGE_SIZE)
				if (kernel_lookup_pfn(m, a) >= 0)
					want = a;
			assert_int_equal(kernel_first_mapped(m, s, e), want);
		}
	/* no tables at all there: nothing mapped, found without a walk per page */
	assert_int_equal(kernel_first_mapped(m, VMALLOC_START + 60 * PUD_SIZE,
					     VMALLOC_START + 60 * PUD_SIZE + 3 * PMD_SIZE),
			 VMALLOC_START + 60 * PUD_SIZE + 3 * PMD_SIZE);
	mmsim_destroy(m);
}

/* The first lazily freed range, after a vmalloc and its vfree. */
static struct vmap_area *a_lazy_area(struct machine *m)
{
	unsigned long a = vmalloc(m, 3 * PAGE_SIZE);
	struct rb_node *n = NULL;

	assert_true(a != 0);
	vfree(m, a);
	for (unsigned int i = 0; i < m->vmap.nr_vmap_nodes && !n; i++)
		n = rb_first(&m->vmap.nodes[i].lazy);
	assert_non_null(n);
	return rb_entry(n, struct vmap_area, rb_node);
}

static void test_vmalloc_tiling_and_lazy_ranges_are_still_checked(void **state)
{
	struct machine *m = ph_boot("");
	struct vmap_area *va = a_lazy_area(m);
	char err[256];

	assert_int_equal(validate_vmalloc(m, err, sizeof(err)), 0);
	va->va_end += PAGE_SIZE;			/* runs into the next range */
	assert_int_equal(validate_vmalloc(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "vmap ranges overlap"));
	va->va_end -= 2 * PAGE_SIZE;			/* leaves a page nobody has */
	assert_int_equal(validate_vmalloc(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "vmap ranges leave a gap"));
	va->va_end += PAGE_SIZE;
	assert_int_equal(validate_vmalloc(m, err, sizeof(err)), 0);
	/* a page mapped again inside the lazy range */
	assert_int_equal(kernel_map_page(m, va->va_start + PAGE_SIZE, data_pfn(m), PAGE_KERNEL), 0);
	assert_int_equal(validate_vmalloc(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "is still mapped"));
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memo_is_kept_after_a_clean_walk),
		cmocka_unit_test(test_new_tables_bump_the_generation_and_are_counted),
		cmocka_unit_test(test_a_bad_entry_after_a_bump_is_caught),
		cmocka_unit_test(test_a_table_page_changed_without_a_bump_is_caught),
		cmocka_unit_test(test_the_shared_census_finds_what_each_walk_finds),
		cmocka_unit_test(test_user_memo_skips_only_while_no_writer_ran),
		cmocka_unit_test(test_user_bad_entry_after_a_bump_is_caught),
		cmocka_unit_test(test_user_table_page_changed_without_a_bump_is_caught),
		cmocka_unit_test(test_user_table_shared_with_a_memo_mm_is_caught),
		cmocka_unit_test(test_a_forked_child_gets_its_own_walk),
		cmocka_unit_test(test_first_mapped_is_the_page_by_page_answer),
		cmocka_unit_test(test_vmalloc_tiling_and_lazy_ranges_are_still_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
