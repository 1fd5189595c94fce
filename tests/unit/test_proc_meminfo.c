// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/meminfo: the keys, order and column layout of Linux 6.18's file,
 * and figures consistent with the allocator's state -- MemTotal is the
 * managed pages, MemFree the pages in the buddy lists, MemAvailable
 * si_mem_available's formula, CommitLimit vm_commit_limit's, and DirectMap
 * the x86 direct-map split of the machine's RAM.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/vmstat.h"

/* Pages in the buddy free lists of every zone (sum of 2^order blocks). */
static unsigned long buddy_free_pages(struct machine *m)
{
	unsigned long sum = 0;

	for (int nid = 0; nid < m->nr_node_ids; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &NODE_DATA(m, nid)->node_zones[z];

			for (int o = 0; o < NR_PAGE_ORDERS; o++)
				sum += zone->free_area[o].nr_free << o;
		}
	return sum;
}

static void meminfo_has_linux_keys_in_order_and_columns(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	char *ref, *ours = ph_read(m, "/proc/meminfo");
	struct ph_lines r, o;

	PH_REFERENCE(ref, "proc-meminfo.txt");
	r = ph_split(ref);
	o = ph_split(ours);
	assert_int_equal(o.nr, r.nr);
	for (size_t i = 0; i < r.nr; i++) {
		char *rk = ph_key(r.line[i]), *ok = ph_key(o.line[i]);
		char rs[256], os[256];

		assert_string_equal(ok, rk);
		/* same suffix (" kB" or none) and the value ends in the same column */
		ph_loose_shape(r.line[i], rs, sizeof(rs));
		ph_loose_shape(o.line[i], os, sizeof(os));
		assert_string_equal(os, rs);
		assert_int_equal(ph_value_end(o.line[i]), ph_value_end(r.line[i]));
		free(rk);
		free(ok);
	}
	ph_free_lines(&r);
	ph_free_lines(&o);
	free(ref);
	free(ours);
	mmsim_destroy(m);
}

static void memfree_is_the_buddy_free_pages(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	unsigned long pfn[64];
	char err[128], *t;

	t = ph_read(m, "/proc/meminfo");
	assert_int_equal(ph_kv(t, "MemFree"), (long long)buddy_free_pages(m) * 4);
	free(t);

	/* after allocations of mixed orders, part of them now on pcp lists */
	for (int i = 0; i < 64; i++)
		assert_int_equal(mmsim_alloc_pages(m, (unsigned)(i % 4), "GFP_KERNEL", -1, -1,
						   &pfn[i], err, sizeof(err)), 0);
	for (int i = 0; i < 64; i += 2)
		assert_int_equal(mmsim_free_pages(m, pfn[i], (unsigned)(i % 4)), 0);
	t = ph_read(m, "/proc/meminfo");
	assert_int_equal(ph_kv(t, "MemFree"), (long long)buddy_free_pages(m) * 4);
	assert_int_equal(ph_kv(t, "MemFree"), (long long)nr_free_pages(m) * 4);
	free(t);
	mmsim_destroy(m);
}

static void memtotal_is_managed_pages_and_below_ram(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	unsigned long managed = 0;
	char *t = ph_read(m, "/proc/meminfo");

	for (int z = 0; z < MAX_NR_ZONES; z++)
		managed += NODE_DATA(m, 0)->node_zones[z].managed_pages;
	assert_int_equal(ph_kv(t, "MemTotal"), (long long)managed * 4);
	assert_int_equal(ph_kv(t, "MemTotal"), (long long)m->totalram_pages * 4);
	assert_true(ph_kv(t, "MemTotal") < 2LL * 1024 * 1024);
	free(t);
	mmsim_destroy(m);
}

static void memavailable_is_free_less_reserve_without_page_cache(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=2");
	char *t = ph_read(m, "/proc/meminfo");
	long long expect = (long long)nr_free_pages(m) - (long long)m->totalreserve_pages;

	assert_true(m->totalreserve_pages > 0);
	assert_int_equal(ph_kv(t, "MemAvailable"), (expect < 0 ? 0 : expect) * 4);
	assert_int_equal(si_mem_available(m), expect < 0 ? 0 : expect);
	free(t);
	mmsim_destroy(m);
}

static void commitlimit_follows_overcommit_ratio_and_kbytes(void **state)
{
	struct machine *m = ph_boot("mem=4G");
	char *t = ph_read(m, "/proc/meminfo");

	/* default overcommit_ratio 50 */
	assert_int_equal(ph_kv(t, "CommitLimit"), (long long)(m->totalram_pages * 50 / 100) * 4);
	free(t);

	assert_int_equal(mmsim_write(m, "/proc/sys/vm/overcommit_ratio", "80"), 0);
	t = ph_read(m, "/proc/meminfo");
	assert_int_equal(ph_kv(t, "CommitLimit"), (long long)(m->totalram_pages * 80 / 100) * 4);
	free(t);

	assert_int_equal(mmsim_write(m, "/proc/sys/vm/overcommit_kbytes", "1000001"), 0);
	t = ph_read(m, "/proc/meminfo");
	/* kbytes >> 2 pages, shown as kB again: rounded down to a page */
	assert_int_equal(ph_kv(t, "CommitLimit"), 1000000);
	free(t);
	mmsim_destroy(m);
}

/*
 * mem=8G: RAM at 4K..0x9fc00, 1M..3G-128K, 4G..9G.  The ISA MiB maps the
 * 159 RAM pages of 1..0x9f with 4K pages; 1M..2M 4K; 2M..1G in 2M pages
 * (511); 1G..2G one 1G page; 2G..3G-2M in 2M pages (511); the last
 * 3G-2M..3G-128K in 4K pages (480); 4G..9G five 1G pages.
 */
static void direct_map_splits_ram_as_x86_does(void **state)
{
	struct machine *m = ph_boot("mem=8G");
	char *t = ph_read(m, "/proc/meminfo");

	assert_int_equal(ph_kv(t, "DirectMap4k"), (159 + 256 + 480) * 4);
	assert_int_equal(ph_kv(t, "DirectMap2M"), (511 + 511) * 2048);
	assert_int_equal(ph_kv(t, "DirectMap1G"), 6 * 1048576);
	free(t);
	mmsim_destroy(m);
}

static void constants_and_unbuilt_mechanisms(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	char *t = ph_read(m, "/proc/meminfo");

	assert_int_equal(ph_kv(t, "VmallocTotal"), 34359738367LL);
	assert_int_equal(ph_kv(t, "Hugepagesize"), 2048);
	assert_int_equal(ph_kv(t, "Percpu"), (long long)m->pcpu_nr_pages * 4);
	assert_int_equal(ph_kv(t, "SwapTotal"), 0);
	assert_int_equal(ph_kv(t, "Cached"), 0);
	free(t);
	mmsim_destroy(m);
}

static void reading_meminfo_changes_nothing(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	char *a = ph_read(m, "/proc/meminfo"), *b = ph_read(m, "/proc/meminfo");

	assert_string_equal(a, b);
	free(a);
	free(b);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(meminfo_has_linux_keys_in_order_and_columns),
		cmocka_unit_test(memfree_is_the_buddy_free_pages),
		cmocka_unit_test(memtotal_is_managed_pages_and_below_ram),
		cmocka_unit_test(memavailable_is_free_less_reserve_without_page_cache),
		cmocka_unit_test(commitlimit_follows_overcommit_ratio_and_kbytes),
		cmocka_unit_test(direct_map_splits_ram_as_x86_does),
		cmocka_unit_test(constants_and_unbuilt_mechanisms),
		cmocka_unit_test(reading_meminfo_changes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
