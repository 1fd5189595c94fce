// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/vmstat and the counter machinery behind it: exactly Linux 6.18's
 * 192 "name value" lines in order, zone/node/global sums that agree, the
 * dirty thresholds of mm/page-writeback.c, events counted where they
 * happen, and pgpgin/pgpgout shown in kB from sectors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/vmstat.h"
#include "linux/writeback.h"

static void vmstat_has_linux_names_in_order(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	char *ref, *ours = ph_read(m, "/proc/vmstat");
	struct ph_lines r, o;

	PH_REFERENCE(ref, "proc-vmstat.txt");
	r = ph_split(ref);
	o = ph_split(ours);
	assert_int_equal(r.nr, 192);
	assert_int_equal(o.nr, r.nr);
	for (size_t i = 0; i < r.nr; i++) {
		char rs[256], os[256];

		ph_shape(r.line[i], rs, sizeof(rs));
		ph_shape(o.line[i], os, sizeof(os));
		assert_string_equal(os, rs);	/* "name N" */
	}
	assert_string_equal(o.line[o.nr - 1], "nr_unstable 0");
	ph_free_lines(&r);
	ph_free_lines(&o);
	free(ref);
	free(ours);
	mmsim_destroy(m);
}

static void global_sums_equal_zone_and_node_sums(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=2 numa=fake=2");
	unsigned long zsum = 0, nsum = 0;
	char *t;

	for (int nid = 0; nid < m->nr_node_ids; nid++) {
		nsum += sum_zone_node_page_state(NODE_DATA(m, nid), NR_FREE_PAGES);
		for (int z = 0; z < MAX_NR_ZONES; z++)
			zsum += zone_page_state(&NODE_DATA(m, nid)->node_zones[z], NR_FREE_PAGES);
	}
	assert_int_equal(m->nr_node_ids, 2);
	assert_int_equal(global_zone_page_state(m, NR_FREE_PAGES), zsum);
	assert_int_equal(nsum, zsum);
	assert_int_equal(nr_free_pages(m), zsum);
	t = ph_read(m, "/proc/vmstat");
	assert_int_equal(ph_kv(t, "nr_free_pages"), (long long)zsum);
	assert_int_equal(ph_kv(t, "numa_hit"), (long long)global_numa_event_state(m, NUMA_HIT));
	free(t);
	mmsim_destroy(m);
}

static void sums_never_show_a_negative_counter(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	struct pglist_data *pgdat = NODE_DATA(m, 0);
	char *t;

	/* a transiently negative node counter reads as 0, as Linux clamps it */
	mod_node_page_state(pgdat, NR_FILE_DIRTY, -5);
	assert_int_equal(global_node_page_state(m, NR_FILE_DIRTY), 0);
	t = ph_read(m, "/proc/vmstat");
	assert_int_equal(ph_kv(t, "nr_dirty"), 0);
	free(t);
	mod_node_page_state(pgdat, NR_FILE_DIRTY, 12);
	t = ph_read(m, "/proc/vmstat");
	assert_int_equal(ph_kv(t, "nr_dirty"), 7);
	free(t);
	mmsim_destroy(m);
}

/* domain_dirty_limits by hand: ratios per PAGE_SIZE of dirtyable memory. */
static void dirty_thresholds_follow_ratios_of_dirtyable_memory(void **state)
{
	struct machine *m = ph_boot("mem=4G");
	unsigned long nfree = nr_free_pages(m);
	unsigned long avail = nfree - min(nfree, m->totalreserve_pages) + 1;
	unsigned long thresh = (20UL * 4096 / 100) * avail / 4096;
	unsigned long bg = (10UL * 4096 / 100) * avail / 4096;
	unsigned long got_bg, got;
	char *t = ph_read(m, "/proc/vmstat");

	assert_int_equal(m->vm.dirty_ratio, 20);
	assert_int_equal(m->vm.dirty_background_ratio, 10);
	assert_int_equal(ph_kv(t, "nr_dirty_threshold"), (long long)thresh);
	assert_int_equal(ph_kv(t, "nr_dirty_background_threshold"), (long long)bg);
	free(t);

	global_dirty_limits(m, &got_bg, &got);
	assert_int_equal(got, thresh);
	assert_int_equal(got_bg, bg);
	mmsim_destroy(m);
}

static void dirty_bytes_override_ratios_and_background_stays_below(void **state)
{
	struct machine *m = ph_boot("mem=4G");
	unsigned long bg, th;

	assert_int_equal(mmsim_write(m, "/proc/sys/vm/dirty_bytes", "67108865"), 0);
	global_dirty_limits(m, &bg, &th);
	assert_int_equal(th, 16385);		/* DIV_ROUND_UP(64M + 1, 4096) */
	/* 10% of ~4G is far above 64M: background is halved below it */
	assert_int_equal(bg, 16385 / 2);

	assert_int_equal(mmsim_write(m, "/proc/sys/vm/dirty_background_bytes", "4096"), 0);
	global_dirty_limits(m, &bg, &th);
	assert_int_equal(bg, 1);
	mmsim_destroy(m);
}

static void events_count_and_pgpgin_shows_kilobytes(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	char *t;

	count_vm_events(m, PGPGIN, 16);		/* 16 sectors = 8 kB */
	count_vm_event(m, OOM_KILL);
	count_vm_events(m, PGMAJFAULT, 3);
	t = ph_read(m, "/proc/vmstat");
	assert_int_equal(ph_kv(t, "pgpgin"), 8);
	assert_int_equal(ph_kv(t, "oom_kill"), 1);
	assert_int_equal(ph_kv(t, "pgmajfault"), 3);
	free(t);
	mmsim_destroy(m);
}

static void allocations_count_pgalloc_and_pgfree(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	unsigned long pfn;
	char err[128], *t;
	long long alloc0, free0;

	t = ph_read(m, "/proc/vmstat");
	alloc0 = ph_kv(t, "pgalloc_dma32");
	free0 = ph_kv(t, "pgfree");
	free(t);
	assert_int_equal(mmsim_alloc_pages(m, 2, "GFP_KERNEL", -1, -1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(mmsim_free_pages(m, pfn, 2), 0);
	t = ph_read(m, "/proc/vmstat");
	assert_int_equal(ph_kv(t, "pgalloc_dma32"), alloc0 + 4);
	assert_int_equal(ph_kv(t, "pgfree"), free0 + 4);
	free(t);
	mmsim_destroy(m);
}

static void name_tables_match_the_enums(void **state)
{
	assert_string_equal(zone_stat_names[NR_FREE_PAGES], "nr_free_pages");
	assert_string_equal(zone_stat_names[NR_FREE_CMA_PAGES], "nr_free_cma");
	assert_string_equal(numa_stat_names[NUMA_INTERLEAVE_HIT], "numa_interleave");
	assert_string_equal(node_stat_names[NR_ANON_MAPPED], "nr_anon_pages");
	assert_string_equal(node_stat_names[NR_KERNEL_FILE_PAGES], "nr_kernel_file_pages");
	assert_string_equal(writeback_stat_names[NR_DIRTY_BG_THRESHOLD],
			    "nr_dirty_background_threshold");
	assert_string_equal(memmap_stat_names[NR_MEMMAP_BOOT], "nr_memmap_boot_pages");
	assert_string_equal(vm_event_names[DIRECT_MAP_LEVEL3_COLLAPSE],
			    "direct_map_level3_collapses");
	assert_string_equal(migratetype_names[MIGRATE_HIGHATOMIC], "HighAtomic");
	assert_string_equal(zone_names[ZONE_DEVICE], "Device");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(vmstat_has_linux_names_in_order),
		cmocka_unit_test(global_sums_equal_zone_and_node_sums),
		cmocka_unit_test(sums_never_show_a_negative_counter),
		cmocka_unit_test(dirty_thresholds_follow_ratios_of_dirtyable_memory),
		cmocka_unit_test(dirty_bytes_override_ratios_and_background_stays_below),
		cmocka_unit_test(events_count_and_pgpgin_shows_kilobytes),
		cmocka_unit_test(allocations_count_pgalloc_and_pgfree),
		cmocka_unit_test(name_tables_match_the_enums),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
