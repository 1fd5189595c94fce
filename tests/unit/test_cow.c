// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copy-on-write after fork (mm/memory_copy.c copy_page_range,
 * mm/memory_fault.c do_wp_page): fork shares the parent's private pages
 * write-protected in both; the first write in either process copies the
 * page (its bytes, exactly) unless the writer is by then the page's only
 * user, which reuses it.  Fault counts as the 6.18 host gives them
 * (fork, child writes 256 pages: 256 faults; the parent writes after the
 * child exited: 256 faults, no copy; after fork the child reads: 0;
 * a VMA with only zero-page PTEs has no anon_vma and is not copied: the
 * child read-faults each page again).
 *
 *   BASE (512G-aligned)          one PUD, one PMD, one PTE table
 *   |<-- NPAGES private RW, written by the parent before the fork -->|
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/vmstat.h"
#include "../../mm/vma.h"

#define BASE		0x100000000000UL
#define ZBASE		0x200000000000UL
#define NPAGES		64
#define LEN		(NPAGES * PAGE_SIZE)
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static long long file_kv(struct machine *m, const char *path, const char *key)
{
	char *text = ph_read(m, path);
	long long v = ph_kv(text, key);

	free(text);
	return v;
}

static struct mm_struct *mm_of(struct machine *m, const char *name)
{
	return find_process(m, name)->mm;
}

/* The page @name maps at @addr (a normal PTE), or NULL. */
static struct page *page_at(struct machine *m, const char *name, unsigned long addr)
{
	pte_t *pte = mm_find_pte(m, mm_of(m, name), addr);

	if (!pte || !pte_present(*pte) || pte_special(*pte))
		return NULL;
	return pfn_to_page(m, pte_pfn(*pte));
}

/* Page i of the parent's range holds bytes (i * 7 + j) & 0xff. */
static void fill_pattern(struct machine *m, const char *name)
{
	for (unsigned long i = 0; i < NPAGES; i++) {
		unsigned char *p = page_address(m, page_at(m, name, BASE + i * PAGE_SIZE));

		for (unsigned long j = 0; j < PAGE_SIZE; j++)
			p[j] = (unsigned char)(i * 7 + j);
	}
}

static bool page_has_pattern(struct machine *m, struct page *page, unsigned long i)
{
	const unsigned char *p = page_address(m, page);

	for (unsigned long j = 0; j < PAGE_SIZE; j++)
		if (p[j] != (unsigned char)(i * 7 + j))
			return false;
	return true;
}

/* "a" with NPAGES written at BASE, their bytes the pattern, forked into "c". */
static struct machine *parent_and_child(void)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct mmsim_access_result r;
	uint64_t out;
	int pid;

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 1, &r), 0);
	fill_pattern(m, "a");
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	return m;
}

static void fork_shares_every_page_write_protected_in_both(void **state)
{
	struct machine *m = parent_and_child();

	(void)state;
	for (unsigned long i = 0; i < NPAGES; i++) {
		unsigned long addr = BASE + i * PAGE_SIZE;
		pte_t pa = *mm_find_pte(m, mm_of(m, "a"), addr);
		pte_t pc = *mm_find_pte(m, mm_of(m, "c"), addr);
		struct page *page = page_at(m, "a", addr);

		assert_ptr_equal(page, page_at(m, "c", addr));
		assert_false(pte_write(pa));
		assert_false(pte_write(pc));
		assert_true(pte_dirty(pa) && pte_dirty(pc));	/* private: dirty kept */
		assert_true(pte_young(pa));
		assert_false(pte_young(pc));			/* the child's is old */
		assert_int_equal(page_mapcount(page), 2);
		assert_int_equal(page->_refcount, 2);
		assert_false(PageAnonExclusive(page));
	}
	/* RSS counts shared pages in both; AnonPages counts each page once */
	assert_int_equal(file_kv(m, "/proc/c/status", "RssAnon"), NPAGES * 4);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), NPAGES * 4);
	assert_int_equal(file_kv(m, "/proc/c/status", "VmHWM"),
			 file_kv(m, "/proc/c/status", "VmRSS"));
	/* the child got its own tables: PUD + PMD + PTE for the range */
	assert_int_equal(file_kv(m, "/proc/c/status", "VmPTE"),
			 file_kv(m, "/proc/a/status", "VmPTE"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void child_writing_n_pages_copies_n_and_keeps_the_parents_bytes(void **state)
{
	struct machine *m = parent_and_child();
	long long anon0 = file_kv(m, "/proc/meminfo", "AnonPages");
	struct mmsim_access_result r;

	(void)state;
	assert_int_equal(mmsim_process_access(m, "c", BASE, LEN, 1, &r), 0);
	assert_int_equal(r.min_flt, NPAGES);
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages") - anon0, NPAGES * 4);
	for (unsigned long i = 0; i < NPAGES; i++) {
		unsigned long addr = BASE + i * PAGE_SIZE;
		struct page *pp = page_at(m, "a", addr), *cp = page_at(m, "c", addr);

		assert_ptr_not_equal(pp, cp);
		assert_true(page_has_pattern(m, pp, i));	/* the parent's, untouched */
		assert_int_equal(page_mapcount(pp), 1);
		assert_int_equal(page_mapcount(cp), 1);
		assert_true(PageAnonExclusive(cp));
		assert_true(pte_write(*mm_find_pte(m, mm_of(m, "c"), addr)));
	}
	assert_int_equal(file_kv(m, "/proc/c/status", "RssAnon"), NPAGES * 4);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void a_cow_copy_holds_exactly_the_old_bytes(void **state)
{
	struct machine *m = parent_and_child();
	struct vm_area_struct *vma = find_vma(mm_of(m, "c"), BASE);

	(void)state;
	/* the fault alone (no store): the copy must equal the original */
	for (unsigned long i = 0; i < NPAGES; i++)
		assert_int_equal(handle_mm_fault(m, vma, BASE + i * PAGE_SIZE,
						 FAULT_FLAG_WRITE | FAULT_FLAG_USER), 0);
	for (unsigned long i = 0; i < NPAGES; i++) {
		struct page *cp = page_at(m, "c", BASE + i * PAGE_SIZE);

		assert_ptr_not_equal(cp, page_at(m, "a", BASE + i * PAGE_SIZE));
		assert_true(page_has_pattern(m, cp, i));
		assert_ptr_equal(folio_anon_vma(cp), vma->anon_vma);	/* the child's own */
	}
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void parent_writing_after_the_child_exited_reuses_every_page(void **state)
{
	struct machine *m = parent_and_child();
	struct mmsim_access_result r;
	struct page *before[NPAGES];
	long long anon0;

	(void)state;
	for (unsigned long i = 0; i < NPAGES; i++)
		before[i] = page_at(m, "a", BASE + i * PAGE_SIZE);
	assert_int_equal(mmsim_process_exit(m, "c"), 0);
	anon0 = file_kv(m, "/proc/meminfo", "AnonPages");
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 1, &r), 0);
	assert_int_equal(r.min_flt, NPAGES);		/* write-protect faults... */
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages"), anon0);	/* ...no copies */
	for (unsigned long i = 0; i < NPAGES; i++) {
		struct page *page = page_at(m, "a", BASE + i * PAGE_SIZE);

		assert_ptr_equal(page, before[i]);
		assert_true(PageAnonExclusive(page));
		assert_int_equal(page->_refcount, 1);
	}
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void a_page_in_the_lazyfree_batch_is_copied_not_reused(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct mmsim_access_result r;
	struct page *before[8];
	long long anon0;
	uint64_t out;
	int pid;

	(void)state;
	/* 8 pages, shared by a fork, then MADV_FREE'd: the CPU's lazyfree batch holds them */
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, 8 * PAGE_SIZE, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, 8 * PAGE_SIZE, 1, &r), 0);
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_exit(m, "c"), 0);	/* PTEs stay write-protected */
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, 8 * PAGE_SIZE, MADV_FREE), 0);
	for (unsigned long i = 0; i < 8; i++) {
		before[i] = page_at(m, "a", BASE + i * PAGE_SIZE);
		assert_int_equal(before[i]->_refcount, 2);	/* a's PTE + the batch */
	}
	anon0 = file_kv(m, "/proc/meminfo", "AnonPages");
	/*
	 * The batch's reference stands (Linux's page is PG_lru there, so
	 * wp_can_reuse_anon_folio does not drain): 8 faults, 8 copies, as the
	 * 6.18 host gives (pagemap: no page keeps its frame).
	 */
	assert_int_equal(mmsim_process_access(m, "a", BASE, 8 * PAGE_SIZE, 1, &r), 0);
	assert_int_equal(r.min_flt, 8);
	for (unsigned long i = 0; i < 8; i++) {
		assert_ptr_not_equal(page_at(m, "a", BASE + i * PAGE_SIZE), before[i]);
		assert_int_equal(page_mapcount(before[i]), 0);	/* unmapped, the batch's */
		assert_int_equal(before[i]->_refcount, 1);
	}
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages"), anon0);	/* mapped pages */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void parent_writes_copy_then_the_child_reuses(void **state)
{
	struct machine *m = parent_and_child();
	long long anon0 = file_kv(m, "/proc/meminfo", "AnonPages");
	struct mmsim_access_result r;
	struct page *shared[NPAGES];

	(void)state;
	for (unsigned long i = 0; i < NPAGES; i++)
		shared[i] = page_at(m, "c", BASE + i * PAGE_SIZE);
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 1, &r), 0);
	assert_int_equal(r.min_flt, NPAGES);
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages") - anon0, NPAGES * 4);
	/* the child is now each old page's only user: faults, but reuse */
	assert_int_equal(mmsim_process_access(m, "c", BASE, LEN, 1, &r), 0);
	assert_int_equal(r.min_flt, NPAGES);
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages") - anon0, NPAGES * 4);
	for (unsigned long i = 0; i < NPAGES; i++) {
		struct page *cp = page_at(m, "c", BASE + i * PAGE_SIZE);

		assert_ptr_equal(cp, shared[i]);		/* reused, not copied */
		/* the reused page now belongs to the child's anon_vma */
		assert_ptr_equal(folio_anon_vma(cp), find_vma(mm_of(m, "c"), BASE)->anon_vma);
	}
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void reads_after_fork_share_without_faults(void **state)
{
	struct machine *m = parent_and_child();
	struct mmsim_access_result r;

	(void)state;
	assert_int_equal(mmsim_process_access(m, "c", BASE, LEN, 0, &r), 0);
	assert_int_equal(r.min_flt, 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 0, &r), 0);
	assert_int_equal(r.min_flt, 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void zero_page_ptes_are_copied_only_with_an_anon_vma(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct mmsim_access_result r;
	uint64_t out;
	int pid;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	/* z: read-faulted only (zero page, no anon_vma); y: the same plus one write */
	assert_int_equal(mmsim_process_mmap(m, "a", ZBASE, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "a", ZBASE, LEN, 0, &r), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 0, &r), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, PAGE_SIZE, 1, &r), 0);
	assert_null(find_vma(mm_of(m, "a"), ZBASE)->anon_vma);
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_null(mm_find_pte(m, mm_of(m, "c"), ZBASE));	/* vma_needs_copy: no */
	assert_true(pte_special(*mm_find_pte(m, mm_of(m, "c"), BASE + PAGE_SIZE)));
	/* the host: 256 read faults again in the first, none in the second */
	assert_int_equal(mmsim_process_access(m, "c", ZBASE, LEN, 0, &r), 0);
	assert_int_equal(r.min_flt, NPAGES);
	assert_int_equal(mmsim_process_access(m, "c", BASE, LEN, 0, &r), 0);
	assert_int_equal(r.min_flt, 0);
	/* writes: one fault per page in both (zero-page copy or CoW) */
	assert_int_equal(mmsim_process_access(m, "c", BASE, LEN, 1, &r), 0);
	assert_int_equal(r.min_flt, NPAGES);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void wipeonfork_and_dontfork_copy_no_ptes(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct mmsim_access_result r;
	uint64_t out;
	int pid;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", ZBASE, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 1, &r), 0);
	assert_int_equal(mmsim_process_access(m, "a", ZBASE, LEN, 1, &r), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_WIPEONFORK), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", ZBASE, LEN, MADV_DONTFORK), 0);
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_null(find_vma(mm_of(m, "c"), BASE)->anon_vma);
	assert_null(mm_find_pte(m, mm_of(m, "c"), BASE));
	assert_int_equal(file_kv(m, "/proc/c/status", "RssAnon"), 0);
	for (unsigned long i = 0; i < NPAGES; i++)	/* the parent's stay exclusive */
		assert_true(PageAnonExclusive(page_at(m, "a", BASE + i * PAGE_SIZE)));
	assert_int_equal(mmsim_process_access(m, "c", BASE, LEN, 1, &r), 0);
	assert_int_equal(r.min_flt, NPAGES);		/* fresh zeroed pages */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mprotect_read_only_keeps_the_charge_of_faulted_memory(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct mmsim_access_result r;
	long long c0, c1;
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	c0 = file_kv(m, "/proc/meminfo", "Committed_AS");
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", ZBASE, LEN, RW, ANON_FIXED, &out), 0);
	c1 = file_kv(m, "/proc/meminfo", "Committed_AS");
	assert_int_equal(c1 - c0, 2 * NPAGES * 4);
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 1, &r), 0);
	/* faulted (an anon_vma): VM_ACCOUNT stays; never faulted: uncharged */
	assert_int_equal(mmsim_process_mprotect(m, "a", BASE, LEN, PROT_READ), 0);
	assert_int_equal(file_kv(m, "/proc/meminfo", "Committed_AS"), c1);
	assert_int_equal(mmsim_process_mprotect(m, "a", ZBASE, LEN, PROT_READ), 0);
	assert_int_equal(file_kv(m, "/proc/meminfo", "Committed_AS"), c1 - NPAGES * 4);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fork_shares_every_page_write_protected_in_both),
		cmocka_unit_test(child_writing_n_pages_copies_n_and_keeps_the_parents_bytes),
		cmocka_unit_test(a_cow_copy_holds_exactly_the_old_bytes),
		cmocka_unit_test(parent_writing_after_the_child_exited_reuses_every_page),
		cmocka_unit_test(parent_writes_copy_then_the_child_reuses),
		cmocka_unit_test(a_page_in_the_lazyfree_batch_is_copied_not_reused),
		cmocka_unit_test(reads_after_fork_share_without_faults),
		cmocka_unit_test(zero_page_ptes_are_copied_only_with_an_anon_vma),
		cmocka_unit_test(wipeonfork_and_dontfork_copy_no_ptes),
		cmocka_unit_test(mprotect_read_only_keeps_the_charge_of_faulted_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
