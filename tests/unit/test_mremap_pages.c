// SPDX-License-Identifier: GPL-2.0-only
/*
 * mremap with pages (mm/mremap.c move_page_tables): a move carries the
 * PTEs, and so the very pages, to the new address.  As measured on the
 * 6.18 host (getrusage minflt, /proc/self/status VmPTE, MADV_NOHUGEPAGE):
 *   moving 256 written pages: 0 faults, and 0 to write them at the new place
 *   MREMAP_DONTUNMAP: the old range stays mapped but empty (a read there
 *   faults 256 times), the new one has the pages (write: 0 faults)
 *   shrinking to 128 pages and growing back: 128 faults to read the tail
 *   8 MiB written, moved PMD-aligned: VmPTE unchanged (whole tables
 *   move); moved to 3 pages past a PMD boundary: VmPTE +4 kB (5 tables
 *   made at the destination, the 4 old ones freed)
 *
 *   BASE |<- source ->|      ...      TARGET |<- destination ->|
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
#include "linux/sched.h"
#include "linux/sched/task.h"

#define BASE		0x100000000000UL
#define TARGET		(BASE + (64UL << 20))
#define LEN		(1UL << 20)
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)
#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

static long long file_kv(struct machine *m, const char *path, const char *key)
{
	char *text = ph_read(m, path);
	long long v = ph_kv(text, key);

	free(text);
	return v;
}

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

static uint64_t faults(struct machine *m, unsigned long addr, unsigned long len, int write)
{
	struct mmsim_access_result r;

	assert_int_equal(mmsim_process_access(m, "a", addr, len, write, &r), 0);
	return r.min_flt;
}

static unsigned long pfn_at(struct machine *m, unsigned long addr)
{
	pte_t *pte = mm_find_pte(m, find_process(m, "a")->mm, addr);

	return pte && pte_present(*pte) ? pte_pfn(*pte) : 0;
}

static void a_move_carries_the_pages_without_faults(void **state)
{
	struct machine *m = boot_written(LEN);
	unsigned long pfn[256];
	uint64_t out;

	(void)state;
	for (int i = 0; i < 256; i++) {
		pfn[i] = pfn_at(m, BASE + i * PAGE_SIZE);
		m->ram[(pfn[i] << PAGE_SHIFT) + 7] = (unsigned char)i;	/* the page's bytes */
	}
	assert_int_equal(mmsim_process_mremap(m, "a", BASE, LEN, LEN,
					      MREMAP_MAYMOVE | MREMAP_FIXED, TARGET, &out), 0);
	assert_int_equal(out, TARGET);
	for (int i = 0; i < 256; i++) {
		assert_int_equal(pfn_at(m, TARGET + i * PAGE_SIZE), pfn[i]);
		assert_int_equal(m->ram[(pfn[i] << PAGE_SHIFT) + 7], (unsigned char)i);
		assert_int_equal(pfn_at(m, BASE + i * PAGE_SIZE), 0);
	}
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 1024);
	ph_assert_valid(m);
	assert_int_equal(faults(m, TARGET, LEN, 1), 0);
	mmsim_destroy(m);
}

static void dontunmap_leaves_the_old_range_mapped_and_empty(void **state)
{
	struct machine *m = boot_written(LEN);
	unsigned long pfn0 = pfn_at(m, BASE);
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_process_mremap(m, "a", BASE, LEN, LEN,
					      MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0, &out), 0);
	assert_int_not_equal(out, BASE);
	assert_int_equal(pfn_at(m, out), pfn0);
	assert_int_equal(pfn_at(m, BASE), 0);
	ph_assert_valid(m);
	assert_int_equal(faults(m, BASE, LEN, 0), 256);	/* zero pages */
	assert_int_equal(faults(m, out, LEN, 1), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void shrink_zaps_the_tail(void **state)
{
	struct machine *m = boot_written(LEN);
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_process_mremap(m, "a", BASE, LEN, LEN / 2, 0, 0, &out), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 512);
	assert_int_equal(mmsim_process_mremap(m, "a", BASE, LEN / 2, LEN, 0, 0, &out), 0);
	assert_int_equal(out, BASE);
	assert_int_equal(faults(m, BASE, LEN, 0), 128);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void an_aligned_move_takes_whole_tables(void **state)
{
	struct machine *m = boot_written(8UL << 20);
	long long pte0 = file_kv(m, "/proc/a/status", "VmPTE");
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_process_mremap(m, "a", BASE, 8UL << 20, 8UL << 20,
					      MREMAP_MAYMOVE | MREMAP_FIXED, TARGET, &out), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmPTE"), pte0);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 8192);
	ph_assert_valid(m);
	assert_int_equal(faults(m, TARGET, 8UL << 20, 1), 0);
	mmsim_destroy(m);
}

static void a_misaligned_move_copies_entries_into_new_tables(void **state)
{
	struct machine *m = boot_written(8UL << 20);
	long long pte0 = file_kv(m, "/proc/a/status", "VmPTE");
	unsigned long to = TARGET + 3 * PAGE_SIZE, pfn5 = pfn_at(m, BASE + 5 * PAGE_SIZE);
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_process_mremap(m, "a", BASE, 8UL << 20, 8UL << 20,
					      MREMAP_MAYMOVE | MREMAP_FIXED, to, &out), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmPTE"), pte0 + 4);
	assert_int_equal(pfn_at(m, to + 5 * PAGE_SIZE), pfn5);
	ph_assert_valid(m);
	assert_int_equal(faults(m, to, 8UL << 20, 1), 0);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_move_carries_the_pages_without_faults),
		cmocka_unit_test(dontunmap_leaves_the_old_range_mapped_and_empty),
		cmocka_unit_test(shrink_zaps_the_tail),
		cmocka_unit_test(an_aligned_move_takes_whole_tables),
		cmocka_unit_test(a_misaligned_move_copies_entries_into_new_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
