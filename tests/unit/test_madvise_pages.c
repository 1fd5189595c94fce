// SPDX-License-Identifier: GPL-2.0-only
/*
 * madvise on pages (mm/madvise.c, mm/swap.c): MADV_DONTNEED zaps,
 * MADV_FREE makes pages lazyfree.  Counts measured on the 6.18 host
 * (getrusage minflt deltas, /proc/vmstat, /proc/self/smaps and status,
 * 256 written pages, MADV_NOHUGEPAGE):
 *   DONTNEED, then read 256 faults, then write 256 more
 *   DONTNEED of mlocked memory: EINVAL; DONTNEED_LOCKED zaps it (Rss 0)
 *   DONTNEED of 8 MiB (PMD-aligned): VmPTE -16 kB; of 8 MiB less a page
 *   at each end: -8 kB (CONFIG_PT_RECLAIM frees whole PTE tables)
 *   FREE: pglazyfree +248 (the per-CPU batch of 31 keeps 8), LazyFree
 *   992 kB, Private_Dirty 0; read and write after it: 0 faults; FREE
 *   again: +8 (the batch drained first); a third: +0
 *   FREE of pages a forked child shares: +248 as well
 *
 *   BASE (2 MiB aligned) |<- 256 pages, or 8 MiB ->|
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
#include "linux/page-flags.h"
#include "linux/pagevec.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

#define BASE		0x100000000000UL
#define LEN		(1UL << 20)
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static long long file_kv(struct machine *m, const char *path, const char *key)
{
	char *text = ph_read(m, path);
	long long v = ph_kv(text, key);

	free(text);
	return v;
}

static long long pglazyfree(struct machine *m)
{
	return file_kv(m, "/proc/vmstat", "pglazyfree");
}

/* Boot, spawn "a", map @len at BASE and write every page of it. */
static struct machine *boot_written(unsigned long len)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct mmsim_access_result r;
	uint64_t out;

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, len, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, len, 1, &r), 0);
	return m;
}

static uint64_t access_faults(struct machine *m, const char *name, unsigned long len, int write)
{
	struct mmsim_access_result r;

	assert_int_equal(mmsim_process_access(m, name, BASE, len, write, &r), 0);
	return r.min_flt;
}

/* How many of the 256 pages at BASE are lazyfree (anonymous, !PG_swapbacked). */
static int lazyfree_pages(struct machine *m)
{
	struct mm_struct *mm = find_process(m, "a")->mm;
	int n = 0;

	for (unsigned long a = BASE; a < BASE + LEN; a += PAGE_SIZE) {
		pte_t *pte = mm_find_pte(m, mm, a);
		struct page *page = pfn_to_page(m, pte_pfn(*pte));

		if (PageAnon(page) && !(page->flags & (1UL << PG_swapbacked)))
			n++;
	}
	return n;
}

static void dontneed_zaps_and_the_next_access_faults_again(void **state)
{
	struct machine *m = boot_written(LEN);
	pte_t *pte;

	(void)state;
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 1024);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_DONTNEED), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmHWM"), 1024);
	ph_assert_valid(m);
	assert_int_equal(access_faults(m, "a", LEN, 0), 256);
	pte = mm_find_pte(m, find_process(m, "a")->mm, BASE);
	assert_true(pte && pte_special(*pte));			/* the zero page again */
	assert_int_equal(access_faults(m, "a", LEN, 1), 256);
	ph_assert_valid(m);
	assert_false(ph_log_has(m, "Bad page"));	/* batch refs dropped with folio_put */
	mmsim_destroy(m);
}

static void dontneed_refuses_locked_memory_dontneed_locked_zaps_it(void **state)
{
	struct machine *m = boot_written(LEN);

	(void)state;
	assert_int_equal(mmsim_process_mlock(m, "a", BASE, LEN), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_DONTNEED), -EINVAL);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 1024);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_FREE), -EINVAL);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_DONTNEED_LOCKED), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmLck"), 1024);	/* still locked */
	assert_int_equal(access_faults(m, "a", LEN, 0), 256);
	ph_assert_valid(m);
	assert_false(ph_log_has(m, "Bad page"));	/* batch refs dropped with folio_put */
	mmsim_destroy(m);
}

static void dontneed_frees_the_pte_tables_it_covers_whole(void **state)
{
	struct machine *m = boot_written(8UL << 20);
	long long pte0 = file_kv(m, "/proc/a/status", "VmPTE");
	long long pt0 = file_kv(m, "/proc/meminfo", "PageTables");

	(void)state;
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, 8UL << 20, MADV_DONTNEED), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmPTE"), pte0 - 16);
	assert_int_equal(file_kv(m, "/proc/meminfo", "PageTables"), pt0 - 16);
	ph_assert_valid(m);
	assert_int_equal(access_faults(m, "a", 8UL << 20, 1), 2048);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmPTE"), pte0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE + PAGE_SIZE,
					       (8UL << 20) - 2 * PAGE_SIZE, MADV_DONTNEED), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmPTE"), pte0 - 8);
	ph_assert_valid(m);
	assert_false(ph_log_has(m, "Bad page"));	/* batch refs dropped with folio_put */
	mmsim_destroy(m);
}

static void free_makes_pages_lazyfree_31_at_a_time(void **state)
{
	struct machine *m = boot_written(LEN);
	long long lf0 = pglazyfree(m);
	pte_t *pte;

	(void)state;
	assert_int_equal(lazyfree_pages(m), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_FREE), 0);
	assert_int_equal(pglazyfree(m) - lf0, 248);		/* 8 wait in the batch */
	assert_int_equal(lazyfree_pages(m), 248);
	assert_int_equal(m->cpu_fbatches[m->current_cpu].lru_lazyfree.nr, 8);
	pte = mm_find_pte(m, find_process(m, "a")->mm, BASE);
	assert_false(pte_dirty(*pte) || pte_young(*pte));
	assert_true(pte_write(*pte));
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 1024);	/* still mapped */
	ph_assert_valid(m);

	/* the pages stay: no fault to read or write them; a write dirties the PTE */
	assert_int_equal(access_faults(m, "a", LEN, 0), 0);
	assert_int_equal(access_faults(m, "a", LEN, 1), 0);
	assert_true(pte_dirty(*pte));
	assert_int_equal(lazyfree_pages(m), 248);	/* reclaim would see the dirty PTE */

	lf0 = pglazyfree(m);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_FREE), 0);
	assert_int_equal(pglazyfree(m) - lf0, 8);		/* the drain at the start */
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_FREE), 0);
	assert_int_equal(pglazyfree(m) - lf0, 8);
	assert_int_equal(lazyfree_pages(m), 256);
	ph_assert_valid(m);
	assert_false(ph_log_has(m, "Bad page"));	/* batch refs dropped with folio_put */
	mmsim_destroy(m);
}

/*
 * Pages a forked child shares: clean (PG_dirty clear), so MADV_FREE in
 * the parent marks them lazyfree too (+248 on the host); the parent's
 * later writes are CoW faults (256 on the host), the child keeps them.
 */
static void free_of_pages_shared_with_a_child_marks_them_too(void **state)
{
	struct machine *m = boot_written(LEN);
	long long lf0 = pglazyfree(m);
	unsigned long pfn;
	int pid;

	(void)state;
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_FREE), 0);
	assert_int_equal(pglazyfree(m) - lf0, 248);
	assert_int_equal(lazyfree_pages(m), 248);
	ph_assert_valid(m);
	assert_int_equal(access_faults(m, "a", LEN, 0), 0);
	assert_int_equal(access_faults(m, "a", LEN, 1), 256);	/* CoW */
	/* the child's write-protect faults reuse its pages (no copy) */
	pfn = pte_pfn(*mm_find_pte(m, find_process(m, "c")->mm, BASE));
	assert_int_equal(access_faults(m, "c", LEN, 1), 256);
	assert_int_equal(pte_pfn(*mm_find_pte(m, find_process(m, "c")->mm, BASE)), pfn);
	ph_assert_valid(m);
	assert_false(ph_log_has(m, "Bad page"));	/* batch refs dropped with folio_put */
	mmsim_destroy(m);
}

/* A page waiting in the batch holds a reference: exit drains and frees it. */
static void exit_drains_the_lazyfree_batch(void **state)
{
	struct machine *m = boot_written(LEN);
	struct page *page;
	long long anon0;

	(void)state;
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, 8 * PAGE_SIZE, MADV_FREE), 0);
	assert_int_equal(m->cpu_fbatches[m->current_cpu].lru_lazyfree.nr, 8);
	anon0 = file_kv(m, "/proc/meminfo", "AnonPages");
	page = pfn_to_page(m, pte_pfn(*mm_find_pte(m, find_process(m, "a")->mm, BASE)));
	assert_int_equal(page->_refcount, 2);			/* the PTE's and the batch's */
	assert_int_equal(mmsim_process_exit(m, "a"), 0);
	assert_int_equal(page->_refcount, 0);			/* freed by the drain */
	assert_int_equal(m->cpu_fbatches[m->current_cpu].lru_lazyfree.nr, 0);
	assert_int_equal(anon0 - file_kv(m, "/proc/meminfo", "AnonPages"), 1024);
	ph_assert_valid(m);
	assert_false(ph_log_has(m, "Bad page"));	/* batch refs dropped with folio_put */
	mmsim_destroy(m);
}

/*
 * munmap does not drain (6.18's vms_clear_ptes has no lru_add_drain): a
 * page waiting in the lazyfree batch outlives its mapping, held by the
 * batch, until the next drain (here MADV_COLD's), which counts it in
 * pglazyfree and frees it.  The 6.18 host: MADV_FREE of 8, munmap of
 * them, pglazyfree +0; MADV_COLD elsewhere, +8.
 */
static void munmap_leaves_the_lazyfree_batch_to_the_next_drain(void **state)
{
	struct machine *m = boot_written(LEN);
	unsigned long lazyfree;
	struct page *page;

	(void)state;
	lazyfree = file_kv(m, "/proc/vmstat", "pglazyfree");
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, 8 * PAGE_SIZE, MADV_FREE), 0);
	page = pfn_to_page(m, pte_pfn(*mm_find_pte(m, find_process(m, "a")->mm, BASE)));
	assert_int_equal(page->_refcount, 2);
	assert_int_equal(mmsim_process_munmap(m, "a", BASE, 8 * PAGE_SIZE), 0);
	assert_int_equal(page->_refcount, 1);			/* the batch's */
	assert_int_equal(m->cpu_fbatches[m->current_cpu].lru_lazyfree.nr, 8);
	assert_int_equal(file_kv(m, "/proc/vmstat", "pglazyfree"), lazyfree);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE + 8 * PAGE_SIZE, PAGE_SIZE, MADV_COLD), 0);
	assert_int_equal(page->_refcount, 0);			/* freed by the drain */
	assert_int_equal(m->cpu_fbatches[m->current_cpu].lru_lazyfree.nr, 0);
	assert_int_equal(file_kv(m, "/proc/vmstat", "pglazyfree"), lazyfree + 8);
	ph_assert_valid(m);
	assert_false(ph_log_has(m, "Bad page"));	/* batch refs dropped with folio_put */
	mmsim_destroy(m);
}

static void free_refuses_what_is_not_anonymous(void **state)
{
	struct machine *m = boot_written(LEN);
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_process_mmap(m, "a", BASE + 4 * LEN, LEN, RW,
					    MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, &out), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE + 4 * LEN, LEN, MADV_FREE), -EINVAL);
	assert_false(ph_log_has(m, "Bad page"));	/* batch refs dropped with folio_put */
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dontneed_zaps_and_the_next_access_faults_again),
		cmocka_unit_test(dontneed_refuses_locked_memory_dontneed_locked_zaps_it),
		cmocka_unit_test(dontneed_frees_the_pte_tables_it_covers_whole),
		cmocka_unit_test(free_makes_pages_lazyfree_31_at_a_time),
		cmocka_unit_test(free_of_pages_shared_with_a_child_marks_them_too),
		cmocka_unit_test(exit_drains_the_lazyfree_batch),
		cmocka_unit_test(munmap_leaves_the_lazyfree_batch_to_the_next_drain),
		cmocka_unit_test(free_refuses_what_is_not_anonymous),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
