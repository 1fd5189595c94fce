// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot: the physical layout, zones, nodes, memblock reservations and the
 * boot log of the model machine, and that two machines live side by side.
 *
 * The default machine (mem=2G), as the QEMU-pc firmware map lays it out:
 *
 *   pfn 0      1          0x9f  0x100              0x1000                 0x7ffe0
 *       |resv| RAM ...... |hole | RAM (DMA) ...... | RAM (DMA32) ........ |BIOS|
 *       '------------- ZONE_DMA: start 1, spanned 4095, present 3998 ----'
 *
 * and mem=8G puts 3 GiB below the 3-4 GiB PCI hole and 5 GiB above 4 GiB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mmsim.h"
#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/vmstat.h"

static struct zone *zone_of(struct machine *m, int nid, int z)
{
	return &NODE_DATA(m, nid)->node_zones[z];
}

static void default_machine_has_dma_and_dma32_only(void **state)
{
	struct machine *m = ph_boot(MMSIM_DEFAULT_CMDLINE);
	struct zone *dma = zone_of(m, 0, ZONE_DMA);

	assert_int_equal(m->nr_node_ids, 1);
	assert_int_equal(m->nr_cpu_ids, 2);
	assert_int_equal(dma->zone_start_pfn, 1);
	assert_int_equal(dma->spanned_pages, 4095);
	assert_int_equal(dma->present_pages, 3998);
	/* the first MiB is reserved: DMA manages pfn 256..4095 */
	assert_int_equal(dma->managed_pages, 3840);
	assert_true(zone_of(m, 0, ZONE_DMA32)->present_pages > 500000);
	assert_int_equal(zone_of(m, 0, ZONE_NORMAL)->present_pages, 0);
	assert_int_equal(zone_of(m, 0, ZONE_MOVABLE)->present_pages, 0);
	mmsim_destroy(m);
}

static void mem_8g_splits_around_the_pci_hole(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	struct zone *normal = zone_of(m, 0, ZONE_NORMAL);

	assert_int_equal(m->nr_cpu_ids, 4);
	assert_int_equal(normal->zone_start_pfn, 0x100000);
	assert_int_equal(normal->present_pages, 5UL << 18);	/* 5 GiB */
	assert_int_equal(m->max_pfn, 0x240000);
	/* DMA32: 1 MiB .. 3 GiB - 128 KiB, minus the DMA part below 16 MiB */
	assert_int_equal(zone_of(m, 0, ZONE_DMA32)->present_pages, 0xbffe0 - 0x1000);
	mmsim_destroy(m);
}

static void memtotal_is_below_installed_ram(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	unsigned long managed = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		managed += zone_of(m, 0, z)->managed_pages;
	assert_int_equal(managed, m->totalram_pages);
	assert_true(m->totalram_pages < m->physpages);
	/* memmap alone is 64 bytes per page: at least 1/64 of RAM is gone */
	assert_true(m->physpages - m->totalram_pages >= m->physpages / 64);
	/* but not absurdly much: less than 5% for 2G */
	assert_true(m->physpages - m->totalram_pages < m->physpages / 20);
	assert_int_equal(nr_free_pages(m) + 0, global_zone_page_state(m, NR_FREE_PAGES));
	mmsim_destroy(m);
}

static bool log_has(struct machine *m, const char *needle)
{
	char *log = mmsim_dmesg(m);
	bool found = strstr(log, needle) != NULL;

	if (!found)
		print_message("missing in dmesg: %s\n", needle);
	free(log);
	return found;
}

static void boot_log_reads_like_linux(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	char line[128];

	assert_true(log_has(m, "[    0.000000] Linux version 6.18.0-mmsim"));
	assert_true(log_has(m, "] Command line: mem=2G\n"));
	assert_true(log_has(m, "] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable\n"));
	assert_true(log_has(m, "] Zone ranges:\n"));
	assert_true(log_has(m, "]   DMA      [mem 0x0000000000001000-0x0000000000ffffff]\n"));
	assert_true(log_has(m, "]   Normal   empty\n"));
	assert_true(log_has(m, "]   node   0: [mem 0x0000000000001000-0x000000000009efff]\n"));
	assert_true(log_has(m, "] On node 0, zone DMA: 1 pages in unavailable ranges\n"));
	assert_true(log_has(m, "] On node 0, zone DMA: 97 pages in unavailable ranges\n"));
	assert_true(log_has(m, "] On node 0, zone DMA32: 32 pages in unavailable ranges\n"));
	snprintf(line, sizeof(line), "Built 1 zonelists, mobility grouping on.  Total pages: %lu\n",
		 m->physpages);
	assert_true(log_has(m, line));
	snprintf(line, sizeof(line), "K/%luK available (18468K kernel code",
		 m->physpages * 4);
	assert_true(log_has(m, line));
	assert_true(log_has(m, "Freeing unused kernel image (initmem) memory: 3728K\n"));
	mmsim_destroy(m);
}

static void same_cmdline_boots_identically(void **state)
{
	struct machine *a = ph_boot("mem=4G nr_cpus=3 numa=fake=2");
	struct machine *b = ph_boot("mem=4G nr_cpus=3 numa=fake=2");
	char *la = mmsim_dmesg(a), *lb = mmsim_dmesg(b);

	assert_string_equal(la, lb);
	free(la);
	free(lb);
	mmsim_destroy(a);
	mmsim_destroy(b);
}

static void numa_fake_2_gives_two_nodes_with_their_own_zones(void **state)
{
	struct machine *m = ph_boot("mem=4G numa=fake=2");
	unsigned long present = 0;

	assert_int_equal(m->nr_node_ids, 2);
	for (int nid = 0; nid < 2; nid++) {
		assert_true(NODE_DATA(m, nid)->node_present_pages > 0);
		present += NODE_DATA(m, nid)->node_present_pages;
	}
	assert_int_equal(present, m->physpages);
	/* node 1 starts where node 0 ends */
	assert_int_equal(NODE_DATA(m, 1)->node_start_pfn,
			 NODE_DATA(m, 0)->node_start_pfn + NODE_DATA(m, 0)->node_spanned_pages);
	assert_int_equal(m->numa_distance[0][0], 10);
	assert_int_equal(m->cpu_to_node[0], 0);
	assert_int_equal(m->cpu_to_node[1], 1);
	assert_true(log_has(m, "Faking node 1 at [mem "));
	mmsim_destroy(m);
}

static void movablecore_carves_zone_movable_from_the_top(void **state)
{
	struct machine *m = ph_boot("mem=8G movablecore=2G");
	struct zone *mov = zone_of(m, 0, ZONE_MOVABLE);
	struct zone *normal = zone_of(m, 0, ZONE_NORMAL);

	assert_int_equal(mov->present_pages, 2UL << 18);
	assert_int_equal(zone_end_pfn(normal), mov->zone_start_pfn);
	assert_int_equal(zone_end_pfn(mov), m->max_pfn);
	assert_true(log_has(m, "Movable zone start for each node\n"));
	assert_true(log_has(m, "  Node 0: 0x00000001c0000000\n"));
	mmsim_destroy(m);
}

static void two_machines_do_not_touch_each_other(void **state)
{
	struct machine *a = ph_boot("mem=1G");
	struct machine *b = ph_boot("mem=2G nr_cpus=4");
	unsigned long free_b = nr_free_pages(b), pfn;
	char err[128];

	assert_int_equal(mmsim_alloc_pages(a, 4, "GFP_KERNEL", -1, -1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(nr_free_pages(b), free_b);
	mmsim_destroy(a);
	assert_int_equal(nr_free_pages(b), free_b);
	assert_int_equal(mmsim_validate(b, err, sizeof(err)), 0);
	mmsim_destroy(b);
}

static void bad_mem_value_fails_boot_with_a_reason(void **state)
{
	struct machine *m = (struct machine *)0x1;
	char err[256] = "";

	assert_int_equal(mmsim_boot("mem=abc", 1, &m, err, sizeof(err)), -EINVAL);
	assert_null(m);
	assert_non_null(strstr(err, "mem=abc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_machine_has_dma_and_dma32_only),
		cmocka_unit_test(mem_8g_splits_around_the_pci_hole),
		cmocka_unit_test(memtotal_is_below_installed_ram),
		cmocka_unit_test(boot_log_reads_like_linux),
		cmocka_unit_test(same_cmdline_boots_identically),
		cmocka_unit_test(numa_fake_2_gives_two_nodes_with_their_own_zones),
		cmocka_unit_test(movablecore_carves_zone_movable_from_the_top),
		cmocka_unit_test(two_machines_do_not_touch_each_other),
		cmocka_unit_test(bad_mem_value_fails_boot_with_a_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
