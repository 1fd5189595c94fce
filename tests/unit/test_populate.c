// SPDX-License-Identifier: GPL-2.0-only
/*
 * Populating from the kernel (mm/gup.c): MAP_POPULATE, MAP_LOCKED, mlock,
 * mlock2(MLOCK_ONFAULT), mlockall, a locked heap's brk, MADV_POPULATE_*
 * and an mlocked mremap's growth fault the pages in as Linux 6.18 does.
 * Every count below was measured on the 6.18 host (getrusage minflt
 * deltas and /proc/vmstat pgfault, THP off with MADV_NOHUGEPAGE, 256
 * pages):
 *   mmap MAP_POPULATE rw        256 faults, a later write 0
 *   mmap MAP_POPULATE r         256 (zero page), mprotect rw + write 256
 *   mmap MAP_LOCKED rw          256, write 0
 *   mlock of untouched rw       256, write 0
 *   mlock2 MLOCK_ONFAULT        0, write 256
 *   read, MADV_POPULATE_WRITE   256, 256, write 0
 *   MADV_POPULATE_READ, write   256, 256
 *   mremap of a locked 128-page VMA to 256 pages: 128
 *
 *   BASE: one 1 MiB mapping (256 pages) per test
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

/* Field 10 of /proc/a/stat: minflt. */
static unsigned long minflt(struct machine *m)
{
	char *text = ph_read(m, "/proc/a/stat");
	char *p = strrchr(text, ')') + 2;
	unsigned long v = 0;

	for (int i = 3; i < 10; i++)
		p = strchr(p, ' ') + 1;
	sscanf(p, "%lu", &v);
	free(text);
	return v;
}

static struct machine *boot_a(void)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	return m;
}

static void map(struct machine *m, unsigned int prot, unsigned int flags)
{
	uint64_t out;

	assert_int_equal(mmsim_process_mmap(m, "a", BASE, LEN, prot, ANON_FIXED | flags, &out), 0);
	assert_int_equal(out, BASE);
}

/* Faults a write of the whole range takes. */
static uint64_t write_faults(struct machine *m)
{
	struct mmsim_access_result r;

	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 1, &r), 0);
	return r.min_flt;
}

static void map_populate_writable_faults_real_pages(void **state)
{
	struct machine *m = boot_a();
	unsigned long flt0 = minflt(m);
	pte_t *pte;

	(void)state;
	map(m, RW, MAP_POPULATE);
	assert_int_equal(minflt(m) - flt0, 256);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 1024);
	pte = mm_find_pte(m, find_process(m, "a")->mm, BASE + 5 * PAGE_SIZE);
	assert_true(pte && pte_present(*pte) && !pte_special(*pte) && pte_write(*pte));
	assert_int_equal(write_faults(m), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void map_populate_read_only_maps_the_zero_page(void **state)
{
	struct machine *m = boot_a();
	unsigned long flt0 = minflt(m);
	pte_t *pte;

	(void)state;
	map(m, PROT_READ, MAP_POPULATE);
	assert_int_equal(minflt(m) - flt0, 256);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmRSS"), 0);
	pte = mm_find_pte(m, find_process(m, "a")->mm, BASE);
	assert_true(pte && pte_special(*pte));
	assert_int_equal(mmsim_process_mprotect(m, "a", BASE, LEN, RW), 0);
	assert_int_equal(write_faults(m), 256);		/* each zero page copied */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void map_populate_nonblock_and_plain_mmap_fault_nothing(void **state)
{
	struct machine *m = boot_a();
	unsigned long flt0 = minflt(m);

	(void)state;
	map(m, RW, MAP_POPULATE | MAP_NONBLOCK);
	assert_int_equal(minflt(m) - flt0, 0);
	assert_int_equal(write_faults(m), 256);
	mmsim_destroy(m);
}

static void map_locked_populates_and_counts_pgfault(void **state)
{
	struct machine *m = boot_a();
	unsigned long flt0 = minflt(m);
	long long pgf0 = file_kv(m, "/proc/vmstat", "pgfault");

	(void)state;
	map(m, RW, MAP_LOCKED);
	assert_int_equal(minflt(m) - flt0, 256);
	assert_int_equal(file_kv(m, "/proc/vmstat", "pgfault") - pgf0, 256);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmLck"), 1024);
	assert_int_equal(write_faults(m), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mlock_of_untouched_memory_faults_it_in(void **state)
{
	struct machine *m = boot_a();
	unsigned long flt0;

	(void)state;
	map(m, RW, 0);
	flt0 = minflt(m);
	assert_int_equal(mmsim_process_mlock(m, "a", BASE, LEN), 0);
	assert_int_equal(minflt(m) - flt0, 256);
	assert_int_equal(write_faults(m), 0);
	/* munlock leaves the pages; a second mlock finds them all present */
	assert_int_equal(mmsim_process_munlock(m, "a", BASE, LEN), 0);
	flt0 = minflt(m);
	assert_int_equal(mmsim_process_mlock(m, "a", BASE, LEN), 0);
	assert_int_equal(minflt(m) - flt0, 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mlock2_onfault_faults_nothing_in(void **state)
{
	struct machine *m = boot_a();
	unsigned long flt0;

	(void)state;
	map(m, RW, 0);
	flt0 = minflt(m);
	assert_int_equal(mmsim_process_mlock2(m, "a", BASE, LEN, MLOCK_ONFAULT), 0);
	assert_int_equal(minflt(m) - flt0, 0);
	assert_int_equal(write_faults(m), 256);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mlock_of_prot_none_is_enomem_and_stays_locked(void **state)
{
	struct machine *m = boot_a();

	(void)state;
	map(m, PROT_NONE, 0);
	assert_int_equal(mmsim_process_mlock(m, "a", BASE, LEN), -ENOMEM);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmLck"), 1024);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmRSS"), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * mlockall(MCL_CURRENT | MCL_FUTURE): what is mapped is faulted in (the
 * writable anonymous mapping for write), later mmaps and heap growth too.
 */
static void mlockall_populates_now_and_later_mappings_and_brk(void **state)
{
	struct machine *m = boot_a();
	uint64_t start_brk, brk, out;
	unsigned long flt0;

	(void)state;
	map(m, RW, 0);
	assert_int_equal(mmsim_process_mlockall(m, "a", MCL_CURRENT | MCL_FUTURE), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon") >= 1024, 1);
	assert_int_equal(write_faults(m), 0);
	flt0 = minflt(m);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE + 4 * LEN, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(minflt(m) - flt0, 256);
	assert_int_equal(mmsim_process_brk_range(m, "a", &start_brk, &brk), 0);
	flt0 = minflt(m);
	assert_int_equal(mmsim_process_brk(m, "a", brk + 16 * PAGE_SIZE, &out), 0);
	assert_int_equal(out, brk + 16 * PAGE_SIZE);
	assert_int_equal(minflt(m) - flt0, 16);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void madvise_populate_write_breaks_zero_pages(void **state)
{
	struct machine *m = boot_a();
	struct mmsim_access_result r;
	unsigned long flt0;

	(void)state;
	map(m, RW, 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 0, &r), 0);
	assert_int_equal(r.min_flt, 256);
	flt0 = minflt(m);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_POPULATE_WRITE), 0);
	assert_int_equal(minflt(m) - flt0, 256);
	assert_int_equal(write_faults(m), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void madvise_populate_read_maps_zero_pages(void **state)
{
	struct machine *m = boot_a();
	unsigned long flt0 = minflt(m);

	(void)state;
	map(m, RW, 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_POPULATE_READ), 0);
	assert_int_equal(minflt(m) - flt0, 256);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmRSS"), 0);
	assert_int_equal(write_faults(m), 256);
	/* a hole: ENOMEM; a PROT_NONE VMA: EINVAL */
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, 2 * LEN, MADV_POPULATE_READ), -ENOMEM);
	assert_int_equal(mmsim_process_mprotect(m, "a", BASE, LEN, PROT_NONE), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, LEN, MADV_POPULATE_READ), -EINVAL);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mremap_growth_of_locked_mapping_is_faulted_in(void **state)
{
	struct machine *m = boot_a();
	uint64_t out;
	unsigned long flt0;

	(void)state;
	map(m, RW, 0);
	assert_int_equal(mmsim_process_munmap(m, "a", BASE + LEN / 2, LEN / 2), 0);
	assert_int_equal(mmsim_process_mlock(m, "a", BASE, LEN / 2), 0);
	flt0 = minflt(m);
	/* in place (nothing mapped after it): the 128 new pages */
	assert_int_equal(mmsim_process_mremap(m, "a", BASE, LEN / 2, LEN, 0, 0, &out), 0);
	assert_int_equal(out, BASE);
	assert_int_equal(minflt(m) - flt0, 128);
	assert_int_equal(write_faults(m), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(map_populate_writable_faults_real_pages),
		cmocka_unit_test(map_populate_read_only_maps_the_zero_page),
		cmocka_unit_test(map_populate_nonblock_and_plain_mmap_fault_nothing),
		cmocka_unit_test(map_locked_populates_and_counts_pgfault),
		cmocka_unit_test(mlock_of_untouched_memory_faults_it_in),
		cmocka_unit_test(mlock2_onfault_faults_nothing_in),
		cmocka_unit_test(mlock_of_prot_none_is_enomem_and_stays_locked),
		cmocka_unit_test(mlockall_populates_now_and_later_mappings_and_brk),
		cmocka_unit_test(madvise_populate_write_breaks_zero_pages),
		cmocka_unit_test(madvise_populate_read_maps_zero_pages),
		cmocka_unit_test(mremap_growth_of_locked_mapping_is_faulted_in),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
