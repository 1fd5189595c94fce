// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/util.c overcommit accounting: CommitLimit from overcommit_ratio or
 * overcommit_kbytes (written through /proc/sys/vm as a user would), the
 * three overcommit_memory modes of __vm_enough_memory with their exact
 * boundaries and reserves, the charge kept on success and dropped on
 * failure, Linux's ratelimited warning, which mappings are accountable and
 * when MAP_NORESERVE counts, and Committed_AS in /proc/meminfo.
 *
 * Each test boots its own machine; the limits are computed here from
 * MemTotal in /proc/meminfo (MemTotal is totalram_pages), not read back
 * from the code under test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "linux/machine.h"
#include "linux/mman.h"
#include "proc_helpers.h"

#define PAGES_PER_KB_SHIFT	2	/* 4 KiB pages */

static long long meminfo_kb(struct machine *m, const char *key)
{
	char *text = ph_read(m, "/proc/meminfo");
	long long v = ph_kv(text, key);

	free(text);
	assert_true(v >= 0);
	return v;
}

static void set_vm(struct machine *m, const char *name, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	assert_int_equal(mmsim_write(m, path, value), 0);
}

static long long read_vm(struct machine *m, const char *name)
{
	char path[128];
	char *text;
	long long v;

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	text = ph_read(m, path);
	v = strtoll(text, NULL, 10);
	free(text);
	return v;
}

/* CommitLimit in kB as Linux computes it from MemTotal and a ratio. */
static long long ratio_limit_kb(long long memtotal_kb, long long ratio)
{
	long long pages = memtotal_kb >> PAGES_PER_KB_SHIFT;

	return (pages * ratio / 100) << PAGES_PER_KB_SHIFT;
}

static void commit_limit_is_ratio_percent_of_ram_on_several_machines(void **state)
{
	static const char *const cmdlines[] = {
		"mem=1G nr_cpus=1", "mem=2G", "mem=3G nr_cpus=4 numa=fake=2", "mem=8G",
	};
	static const char *const ratios[] = { "50", "0", "1", "33", "100", "150" };

	for (size_t i = 0; i < ARRAY_SIZE(cmdlines); i++) {
		struct machine *m = ph_boot(cmdlines[i]);
		long long total = meminfo_kb(m, "MemTotal");

		/* the default ratio is 50 */
		assert_int_equal(meminfo_kb(m, "CommitLimit"), ratio_limit_kb(total, 50));
		for (size_t r = 0; r < ARRAY_SIZE(ratios); r++) {
			set_vm(m, "overcommit_ratio", ratios[r]);
			assert_int_equal(meminfo_kb(m, "CommitLimit"),
					 ratio_limit_kb(total, atoll(ratios[r])));
			assert_int_equal(vm_commit_limit(m) << PAGES_PER_KB_SHIFT,
					 ratio_limit_kb(total, atoll(ratios[r])));
		}
		mmsim_destroy(m);
	}
}

static void overcommit_kbytes_replaces_ratio_and_each_zeroes_the_other(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	long long total = meminfo_kb(m, "MemTotal");

	set_vm(m, "overcommit_kbytes", "1000003");	/* rounds down to pages */
	assert_int_equal(meminfo_kb(m, "CommitLimit"), 1000000);
	assert_int_equal(read_vm(m, "overcommit_ratio"), 0);
	assert_int_equal(read_vm(m, "overcommit_kbytes"), 1000003);

	/* larger than RAM is allowed: the limit is whatever was written */
	set_vm(m, "overcommit_kbytes", "16777216");
	assert_int_equal(meminfo_kb(m, "CommitLimit"), 16777216);

	set_vm(m, "overcommit_ratio", "30");
	assert_int_equal(read_vm(m, "overcommit_kbytes"), 0);
	assert_int_equal(meminfo_kb(m, "CommitLimit"), ratio_limit_kb(total, 30));

	/* overcommit_kbytes=0 falls back to the ratio, which is now 0 */
	set_vm(m, "overcommit_kbytes", "0");
	assert_int_equal(read_vm(m, "overcommit_ratio"), 0);
	assert_int_equal(meminfo_kb(m, "CommitLimit"), 0);
	mmsim_destroy(m);
}

/*
 * Mode 2, root, no mm: the limit itself.  The check charges first and
 * passes only while the total stays strictly below the limit, so the
 * request that would make it equal is the first one refused.
 */
static void never_refuses_the_request_that_would_reach_the_limit(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	long long total = meminfo_kb(m, "MemTotal");
	long limit = (long)(ratio_limit_kb(total, 50) >> PAGES_PER_KB_SHIFT);
	long base = (long)vm_memory_committed(m);

	set_vm(m, "overcommit_memory", "2");
	assert_int_equal(__vm_enough_memory(m, NULL, limit - base - 2, 1), 0);
	assert_int_equal(__vm_enough_memory(m, NULL, 1, 1), 0);	/* limit - 1 */
	assert_int_equal((long)vm_memory_committed(m), limit - 1);
	assert_int_equal(__vm_enough_memory(m, NULL, 1, 1), -ENOMEM);	/* == limit */
	assert_int_equal((long)vm_memory_committed(m), limit - 1);	/* unaccounted */

	/* freeing one page makes room for exactly one page again */
	vm_unacct_memory(m, 1);
	assert_int_equal(__vm_enough_memory(m, NULL, 2, 1), -ENOMEM);
	assert_int_equal(__vm_enough_memory(m, NULL, 1, 1), 0);
	mmsim_destroy(m);
}

/* Without CAP_SYS_ADMIN, admin_reserve_kbytes of the limit is out of reach. */
static void never_keeps_the_admin_reserve_from_non_admins(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	long limit, reserve, base = (long)vm_memory_committed(m);

	set_vm(m, "overcommit_memory", "2");
	set_vm(m, "admin_reserve_kbytes", "40000");	/* 10000 pages */
	limit = (long)(meminfo_kb(m, "CommitLimit") >> PAGES_PER_KB_SHIFT);
	reserve = 10000;

	assert_int_equal(__vm_enough_memory(m, NULL, limit - reserve - base, 0), -ENOMEM);
	assert_int_equal(__vm_enough_memory(m, NULL, limit - reserve - base - 1, 0), 0);
	/* root may still go up to the limit itself */
	assert_int_equal(__vm_enough_memory(m, NULL, 1, 0), -ENOMEM);
	assert_int_equal(__vm_enough_memory(m, NULL, reserve, 1), 0);
	assert_int_equal(__vm_enough_memory(m, NULL, 1, 1), -ENOMEM);
	mmsim_destroy(m);
}

/*
 * A process (an mm) also leaves min(total_vm / 32, user_reserve_kbytes)
 * free so that its owner can still run something to kill it.
 */
static void never_keeps_a_user_reserve_of_total_vm_over_32_capped(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	long limit, base = (long)vm_memory_committed(m);
	unsigned long small_vm = 32 * 100 + 31;	/* share 100 pages */
	unsigned long big_vm = 1UL << 30;	/* share above the cap */

	set_vm(m, "overcommit_memory", "2");
	set_vm(m, "user_reserve_kbytes", "8000");	/* 2000 pages */
	limit = (long)(meminfo_kb(m, "CommitLimit") >> PAGES_PER_KB_SHIFT);

	assert_int_equal(__vm_enough_memory(m, &small_vm, limit - base - 100, 1), -ENOMEM);
	assert_int_equal(__vm_enough_memory(m, &small_vm, limit - base - 101, 1), 0);
	vm_unacct_memory(m, limit - base - 101);

	assert_int_equal(__vm_enough_memory(m, &big_vm, limit - base - 2000, 1), -ENOMEM);
	assert_int_equal(__vm_enough_memory(m, &big_vm, limit - base - 2001, 1), 0);
	vm_unacct_memory(m, limit - base - 2001);

	/* both reserves together for a non-admin process */
	set_vm(m, "admin_reserve_kbytes", "4000");	/* 1000 pages */
	assert_int_equal(__vm_enough_memory(m, &small_vm, limit - base - 1100, 0), -ENOMEM);
	assert_int_equal(__vm_enough_memory(m, &small_vm, limit - base - 1101, 0), 0);
	assert_int_equal((long)vm_memory_committed(m), limit - 1101);
	mmsim_destroy(m);
}

static void always_never_refuses(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");
	long ram = (long)(meminfo_kb(m, "MemTotal") >> PAGES_PER_KB_SHIFT);
	long base = (long)vm_memory_committed(m);
	unsigned long vm = 1UL << 40;

	set_vm(m, "overcommit_memory", "1");
	set_vm(m, "overcommit_ratio", "0");
	assert_int_equal(__vm_enough_memory(m, &vm, ram * 100, 0), 0);
	assert_int_equal(__vm_enough_memory(m, NULL, ram * 100, 0), 0);
	assert_int_equal((long)vm_memory_committed(m), base + 2 * ram * 100);
	assert_int_equal(meminfo_kb(m, "Committed_AS"),
			 (long long)(base + 2 * ram * 100) << PAGES_PER_KB_SHIFT);
	mmsim_destroy(m);
}

/* The heuristic refuses one request larger than RAM + swap, nothing else. */
static void guess_refuses_only_a_request_larger_than_ram_plus_swap(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");
	long ram = (long)(meminfo_kb(m, "MemTotal") >> PAGES_PER_KB_SHIFT);
	long base = (long)vm_memory_committed(m);

	assert_int_equal(read_vm(m, "overcommit_memory"), 0);	/* the default */
	assert_int_equal(__vm_enough_memory(m, NULL, ram + 1, 1), -ENOMEM);
	assert_int_equal((long)vm_memory_committed(m), base);
	/* many requests of all of RAM pass, far past CommitLimit */
	for (int i = 0; i < 5; i++)
		assert_int_equal(__vm_enough_memory(m, NULL, ram, 0), 0);
	assert_int_equal((long)vm_memory_committed(m), base + 5 * ram);
	assert_true((unsigned long)(base + 5 * ram) > vm_commit_limit(m));
	/* a negative count is absurd too (compared unsigned, as Linux) */
	assert_int_equal(__vm_enough_memory(m, NULL, -1, 1), -ENOMEM);
	assert_int_equal((long)vm_memory_committed(m), base + 5 * ram);
	mmsim_destroy(m);
}

static size_t count_lines_with(struct machine *m, const char *needle)
{
	struct ph_lines l = ph_dmesg_lines(m);
	size_t n = 0;

	for (size_t i = 0; i < l.nr; i++)
		if (strstr(l.line[i], needle))
			n++;
	ph_free_lines(&l);
	return n;
}

/* Linux's pr_warn_ratelimited: 10 per 5 s, then the suppressed count. */
static void a_refusal_logs_linux_warning_ratelimited(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");
	long ram = (long)(meminfo_kb(m, "MemTotal") >> PAGES_PER_KB_SHIFT);
	char want[160];

	snprintf(m->current_comm, sizeof(m->current_comm), "db");
	m->current_pid = 4242;
	snprintf(want, sizeof(want),
		 "__vm_enough_memory: pid: 4242, comm: db, bytes: %lu not enough memory for the allocation",
		 (unsigned long)(ram + 1) << 12);
	for (int i = 0; i < 13; i++)
		assert_int_equal(__vm_enough_memory(m, NULL, ram + 1, 1), -ENOMEM);
	assert_int_equal(count_lines_with(m, want), 10);
	assert_int_equal(count_lines_with(m, "callbacks suppressed"), 0);

	m->clock_ns += 5000000001ULL;
	assert_int_equal(__vm_enough_memory(m, NULL, ram + 1, 1), -ENOMEM);
	assert_int_equal(count_lines_with(m, "__vm_enough_memory: 3 callbacks suppressed"), 1);
	assert_int_equal(count_lines_with(m, want), 11);
	mmsim_destroy(m);
}

/* Private writable mappings are charged; shared, read-only and NORESERVE not. */
static void only_private_writable_reserving_mappings_are_accountable(void **state)
{
	assert_true(accountable_mapping(NULL, VM_WRITE));
	assert_true(accountable_mapping(NULL, VM_WRITE | VM_ACCOUNT));
	assert_false(accountable_mapping(NULL, 0));
	assert_false(accountable_mapping(NULL, VM_WRITE | VM_SHARED));
	assert_false(accountable_mapping(NULL, VM_SHARED));
	assert_false(accountable_mapping(NULL, VM_WRITE | VM_NORESERVE));
	assert_false(accountable_mapping(NULL, VM_WRITE | VM_SHARED | VM_NORESERVE));
}

/* MAP_NORESERVE gives VM_NORESERVE in modes 0 and 1; mode 2 ignores it. */
static void map_noreserve_counts_except_under_strict_overcommit(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");

	assert_int_equal(mmap_noreserve_vm_flags(m, NULL, MAP_NORESERVE), VM_NORESERVE);
	assert_int_equal(mmap_noreserve_vm_flags(m, NULL, 0), 0);
	set_vm(m, "overcommit_memory", "1");
	assert_int_equal(mmap_noreserve_vm_flags(m, NULL, MAP_NORESERVE), VM_NORESERVE);
	set_vm(m, "overcommit_memory", "2");
	assert_int_equal(mmap_noreserve_vm_flags(m, NULL, MAP_NORESERVE), 0);
	/* so a private writable MAP_NORESERVE mapping is charged in mode 2 only */
	assert_true(accountable_mapping(NULL, VM_WRITE |
					mmap_noreserve_vm_flags(m, NULL, MAP_NORESERVE)));
	set_vm(m, "overcommit_memory", "0");
	assert_false(accountable_mapping(NULL, VM_WRITE |
					 mmap_noreserve_vm_flags(m, NULL, MAP_NORESERVE)));
	mmsim_destroy(m);
}

static void committed_as_in_meminfo_follows_vm_acct_memory(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	long long before = meminfo_kb(m, "Committed_AS");

	assert_int_equal(before, (long long)vm_memory_committed(m) << PAGES_PER_KB_SHIFT);
	vm_acct_memory(m, 1000);
	assert_int_equal(meminfo_kb(m, "Committed_AS"), before + 4000);
	assert_int_equal(__vm_enough_memory(m, NULL, 24, 1), 0);
	assert_int_equal(meminfo_kb(m, "Committed_AS"), before + 4096);
	vm_unacct_memory(m, 1024);
	assert_int_equal(meminfo_kb(m, "Committed_AS"), before);
	/* a counter gone negative reads as 0, as percpu_counter_read_positive */
	vm_unacct_memory(m, (long)vm_memory_committed(m) + 5);
	assert_int_equal(meminfo_kb(m, "Committed_AS"), 0);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(commit_limit_is_ratio_percent_of_ram_on_several_machines),
		cmocka_unit_test(overcommit_kbytes_replaces_ratio_and_each_zeroes_the_other),
		cmocka_unit_test(never_refuses_the_request_that_would_reach_the_limit),
		cmocka_unit_test(never_keeps_the_admin_reserve_from_non_admins),
		cmocka_unit_test(never_keeps_a_user_reserve_of_total_vm_over_32_capped),
		cmocka_unit_test(always_never_refuses),
		cmocka_unit_test(guess_refuses_only_a_request_larger_than_ram_plus_swap),
		cmocka_unit_test(a_refusal_logs_linux_warning_ratelimited),
		cmocka_unit_test(only_private_writable_reserving_mappings_are_accountable),
		cmocka_unit_test(map_noreserve_counts_except_under_strict_overcommit),
		cmocka_unit_test(committed_as_in_meminfo_follows_vm_acct_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
