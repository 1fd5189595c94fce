// SPDX-License-Identifier: GPL-2.0-only
/*
 * Anonymous page faults (mm/memory_fault.c, arch/x86/mm/fault.c,
 * kernel/access.c): writing 64M takes 16384 minor faults (4K pages: no
 * THP without MADV_HUGEPAGE) and costs 64M of RSS and AnonPages plus 32
 * PTE tables, one PMD and one PUD; munmap and exit give it all back; a
 * read maps the zero page and a later write copies it (512 faults for
 * 256 pages, as the 6.18 host counts); mprotect keeps PTEs consistent;
 * bad accesses are SIGSEGV with Linux's dmesg line; the validator
 * catches a miscounted RSS.
 *
 *   BASE (512G-aligned, its own PGD slot)
 *   |<------------------- 64M: 32 PTE tables -------------------->|
 *   one PUD table, one PMD table
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
#include "linux/vmstat.h"

#define BASE		0x100000000000UL
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static struct machine *boot_and_map(uint64_t len, unsigned int prot)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	uint64_t out;

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, len, prot, ANON_FIXED, &out), 0);
	assert_int_equal(out, BASE);
	return m;
}

static long long file_kv(struct machine *m, const char *path, const char *key)
{
	char *text = ph_read(m, path);
	long long v = ph_kv(text, key);

	free(text);
	return v;
}

/* Field @n (1-based, as proc(5) numbers them) of /proc/a/stat. */
static unsigned long stat_field(struct machine *m, int n)
{
	char *text = ph_read(m, "/proc/a/stat");
	char *p = strrchr(text, ')') + 2;	/* field 3 */
	unsigned long v = 0;

	for (int i = 3; i < n; i++)
		p = strchr(p, ' ') + 1;
	sscanf(p, "%lu", &v);
	free(text);
	return v;
}

static unsigned long pgfaults(struct machine *m)
{
	char *text = ph_read(m, "/proc/vmstat");
	char *at = strstr(text, "\npgfault ");
	unsigned long v = 0;

	if (at)
		sscanf(at + 9, "%lu", &v);
	free(text);
	return v;
}

static void write_64m_takes_16384_faults_64m_rss_and_34_tables(void **state)
{
	struct machine *m = boot_and_map(64UL << 20, RW);
	struct mmsim_access_result r;
	long long free0, pt0, anon0, slab0;
	unsigned long flt0 = pgfaults(m);

	(void)state;
	drain_all_pages(m);
	free0 = file_kv(m, "/proc/meminfo", "MemFree");
	slab0 = file_kv(m, "/proc/meminfo", "Slab");
	pt0 = file_kv(m, "/proc/meminfo", "PageTables");
	anon0 = file_kv(m, "/proc/meminfo", "AnonPages");
	assert_int_equal(mmsim_process_access(m, "a", BASE, 64UL << 20, 1, &r), 0);
	assert_int_equal(r.pages, 16384);
	assert_int_equal(r.min_flt, 16384);
	assert_int_equal(stat_field(m, 10), 16384);		/* minflt */
	assert_int_equal(stat_field(m, 24), 16384);		/* rss, pages */
	assert_int_equal(pgfaults(m) - flt0, 16384);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmRSS"), 65536);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 65536);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmHWM"), 65536);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmPTE"), 34 * 4);
	assert_int_equal(file_kv(m, "/proc/meminfo", "PageTables") - pt0, 34 * 4);
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages") - anon0, 65536);
	ph_assert_valid(m);

	/* A second pass finds every page mapped: no faults. */
	assert_int_equal(mmsim_process_access(m, "a", BASE, 64UL << 20, 1, &r), 0);
	assert_int_equal(r.min_flt, 0);

	/*
	 * munmap zaps before freeing tables: everything comes back, but for
	 * the slab page the first anon_vma took (empty slabs stay cached).
	 */
	assert_int_equal(mmsim_process_munmap(m, "a", BASE, 64UL << 20), 0);
	drain_all_pages(m);
	assert_int_equal(file_kv(m, "/proc/meminfo", "MemFree"),
			 free0 - (file_kv(m, "/proc/meminfo", "Slab") - slab0));
	assert_int_equal(file_kv(m, "/proc/meminfo", "PageTables"), pt0);
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages"), anon0);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmRSS"), 0);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmHWM"), 65536);	/* high-water */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void exit_gives_back_pages_and_tables(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct mmsim_access_result r;
	long long pt0 = file_kv(m, "/proc/meminfo", "PageTables");
	long long anon0 = file_kv(m, "/proc/meminfo", "AnonPages");
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, 8UL << 20, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, 8UL << 20, 1, &r), 0);
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages") - anon0, 8192);
	assert_int_equal(mmsim_process_exit(m, "a"), 0);
	assert_int_equal(file_kv(m, "/proc/meminfo", "PageTables"), pt0);
	assert_int_equal(file_kv(m, "/proc/meminfo", "AnonPages"), anon0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void read_maps_the_zero_page_and_write_copies_it(void **state)
{
	struct machine *m = boot_and_map(1UL << 20, RW);
	struct mm_struct *mm = find_process(m, "a")->mm;
	struct mmsim_access_result r;
	pte_t *pte;

	(void)state;
	assert_int_equal(mmsim_process_access(m, "a", BASE, 1UL << 20, 0, &r), 0);
	assert_int_equal(r.min_flt, 256);
	assert_int_equal(file_kv(m, "/proc/a/status", "VmRSS"), 0);
	pte = mm_find_pte(m, mm, BASE + PAGE_SIZE);
	assert_non_null(pte);
	assert_true(pte_special(*pte));
	assert_false(pte_write(*pte));
	assert_int_equal(pte_pfn(*pte), my_zero_pfn(m));
	ph_assert_valid(m);
	/* the host counts 512 faults for read-then-write of 256 pages */
	assert_int_equal(mmsim_process_access(m, "a", BASE, 1UL << 20, 1, &r), 0);
	assert_int_equal(r.min_flt, 256);
	assert_int_equal(stat_field(m, 10), 512);
	assert_int_equal(file_kv(m, "/proc/a/status", "RssAnon"), 1024);
	pte = mm_find_pte(m, mm, BASE + PAGE_SIZE);
	assert_false(pte_special(*pte));
	assert_true(pte_write(*pte) && pte_dirty(*pte));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mprotect_read_only_then_writable_needs_no_new_fault(void **state)
{
	struct machine *m = boot_and_map(1UL << 20, RW);
	struct mmsim_access_result r;

	(void)state;
	assert_int_equal(mmsim_process_access(m, "a", BASE, 1UL << 20, 1, &r), 0);
	assert_int_equal(mmsim_process_mprotect(m, "a", BASE, 1UL << 20, PROT_READ), 0);
	assert_false(pte_write(*mm_find_pte(m, find_process(m, "a")->mm, BASE)));
	assert_int_equal(mmsim_process_mprotect(m, "a", BASE, 1UL << 20, RW), 0);
	/* the host: 0 faults (exclusive anonymous pages get RW back) */
	assert_int_equal(mmsim_process_access(m, "a", BASE, 1UL << 20, 1, &r), 0);
	assert_int_equal(r.min_flt, 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void write_to_read_only_is_sigsegv_error_7_and_kills(void **state)
{
	struct machine *m = boot_and_map(1UL << 20, RW);
	struct mmsim_access_result r;
	int pid = find_process(m, "a")->pid;
	char want[96];

	(void)state;
	assert_int_equal(mmsim_process_access(m, "a", BASE, 4 * PAGE_SIZE, 1, &r), 0);
	assert_int_equal(mmsim_process_mprotect(m, "a", BASE, 1UL << 20, PROT_READ), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, 1UL << 20, 1, &r), -EFAULT);
	assert_int_equal(r.pages, 0);
	assert_int_equal(r.fault_addr, BASE);
	snprintf(want, sizeof(want), "a[%d]: segfault at %lx ip 0000000000000000 sp ",
		 pid, BASE);
	assert_true(ph_log_has(m, want));
	assert_true(ph_log_has(m, " error 7 likely on CPU "));	/* PROT|WRITE|USER */
	assert_int_equal(mmsim_process_access(m, "a", BASE, PAGE_SIZE, 0, &r), -ESRCH);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void prot_none_read_and_unmapped_write_are_sigsegv(void **state)
{
	struct machine *m = boot_and_map(1UL << 20, PROT_NONE);
	struct mmsim_access_result r;
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_process_access(m, "a", BASE + PAGE_SIZE, PAGE_SIZE, 0, &r), -EFAULT);
	assert_true(ph_log_has(m, " error 4 likely on CPU "));		/* USER, not present */
	assert_int_equal(mmsim_spawn(m, "b", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "b", BASE, PAGE_SIZE, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "b", BASE, 2 * PAGE_SIZE, 1, &r), -EFAULT);
	assert_int_equal(r.pages, 1);
	assert_int_equal(r.fault_addr, BASE + PAGE_SIZE);
	assert_true(ph_log_has(m, " error 6 likely on CPU "));		/* WRITE|USER */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void validator_catches_a_miscounted_rss(void **state)
{
	struct machine *m = boot_and_map(1UL << 20, RW);
	struct mm_struct *mm = find_process(m, "a")->mm;
	struct mmsim_access_result r;
	char err[256];

	(void)state;
	assert_int_equal(mmsim_process_access(m, "a", BASE, 1UL << 20, 1, &r), 0);
	add_mm_counter(mm, MM_ANONPAGES, 1);
	assert_int_equal(validate_anon_ptes(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "MM_ANONPAGES says 257"));
	add_mm_counter(mm, MM_ANONPAGES, -1);
	*mm_find_pte(m, mm, BASE + PAGE_SIZE) = *mm_find_pte(m, mm, BASE);	/* one page twice */
	assert_int_equal(validate_anon_ptes(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "mapped by more PTEs than its mapcount 1"));
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(write_64m_takes_16384_faults_64m_rss_and_34_tables),
		cmocka_unit_test(exit_gives_back_pages_and_tables),
		cmocka_unit_test(read_maps_the_zero_page_and_write_copies_it),
		cmocka_unit_test(mprotect_read_only_then_writable_needs_no_new_fault),
		cmocka_unit_test(write_to_read_only_is_sigsegv_error_7_and_kills),
		cmocka_unit_test(prot_none_read_and_unmapped_write_are_sigsegv),
		cmocka_unit_test(validator_catches_a_miscounted_rss),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
