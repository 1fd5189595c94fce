// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page allocation failure report and its Mem-Info dump: Linux 6.18's
 * lines in Linux's order (header with cpuset and mems_allowed, the
 * dump_stack block, the global, node and zone counters, lowmem_reserve,
 * the buddy lines with migratetype letters, hugepages, page cache and
 * swap, RAM totals), values taken from the zones, only the zones the
 * allocation could use, and nothing at all with __GFP_NOWARN.
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

#define K(x)	((unsigned long)(x) << 2)

/* The log lines that come after the first @skip ones. */
static struct ph_lines log_after(struct machine *m, size_t skip)
{
	struct ph_lines all = ph_dmesg_lines(m), tail = { NULL, 0 };

	for (size_t i = skip; i < all.nr; i++) {
		tail.line = realloc(tail.line, (tail.nr + 1) * sizeof(char *));
		tail.line[tail.nr++] = all.line[i];
		all.line[i] = NULL;
	}
	ph_free_lines(&all);
	return tail;
}

static size_t log_len(struct machine *m)
{
	struct ph_lines l = ph_dmesg_lines(m);
	size_t n = l.nr;

	ph_free_lines(&l);
	return n;
}

static void expect_line(struct ph_lines *l, size_t *i, const char *want)
{
	if (*i >= l->nr)
		fail_msg("report ended; expected '%s'", want);
	if (strcmp(l->line[*i], want))
		fail_msg("report line %zu: '%s'\n expected: '%s'", *i, l->line[*i], want);
	(*i)++;
}

static void expect_zone_lines(struct machine *m, struct zone *z, struct ph_lines *l, size_t *i)
{
	unsigned long free_pcp = 0;
	char want[1024];

	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		free_pcp += z->per_cpu_pageset[cpu].count;
	snprintf(want, sizeof(want),
		 "Node %d %s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB"
		 " reserved_highatomic:%luKB active_anon:0kB inactive_anon:0kB"
		 " active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB"
		 " present:%lukB managed:%lukB mlocked:0kB bounce:0kB free_pcp:%lukB"
		 " local_pcp:%lukB free_cma:0kB",
		 z->node, zone_names[zone_idx(z)], K(zone_page_state(z, NR_FREE_PAGES)),
		 K(z->watermark_boost), K(min_wmark_pages(z)), K(low_wmark_pages(z)),
		 K(high_wmark_pages(z)), K(z->nr_reserved_highatomic), K(z->present_pages),
		 K(z->managed_pages), K(free_pcp),
		 K(z->per_cpu_pageset[m->current_cpu].count));
	expect_line(l, i, want);
	snprintf(want, sizeof(want), "lowmem_reserve[]: %ld %ld %ld %ld %ld",
		 z->lowmem_reserve[0], z->lowmem_reserve[1], z->lowmem_reserve[2],
		 z->lowmem_reserve[3], z->lowmem_reserve[4]);
	expect_line(l, i, want);
}

static void expect_buddy_line(struct zone *z, struct ph_lines *l, size_t *i)
{
	static const char letters[] = "UMEHI";
	char want[2048];
	int n = snprintf(want, sizeof(want), "Node %d %s: ", z->node, zone_names[zone_idx(z)]);
	unsigned long total = 0;

	for (int o = 0; o < NR_PAGE_ORDERS; o++) {
		unsigned long nr = z->free_area[o].nr_free;

		n += snprintf(want + n, sizeof(want) - n, "%lu*%lukB ", nr, 4UL << o);
		if (nr) {
			n += snprintf(want + n, sizeof(want) - n, "(");
			for (int t = 0; t < MIGRATE_TYPES; t++)
				if (!list_empty(&z->free_area[o].free_list[t]))
					n += snprintf(want + n, sizeof(want) - n, "%c", letters[t]);
			n += snprintf(want + n, sizeof(want) - n, ") ");
		}
		total += nr << o;
	}
	snprintf(want + n, sizeof(want) - n, "= %lukB", K(total));
	expect_line(l, i, want);
	/* the buddy total is the zone's free memory */
	assert_int_equal(total, zone_page_state(z, NR_FREE_PAGES));
}

static void failure_report_reads_as_linux_prints_it(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	size_t skip = log_len(m), i = 0;
	struct pglist_data *pgdat = NODE_DATA(m, 0);
	unsigned long present = 0, managed = 0, free_pcp = 0;
	struct ph_lines l;
	char want[1024];

	warn_alloc(m, GFP_KERNEL, 3);
	l = log_after(m, skip);

	snprintf(want, sizeof(want), "%s: page allocation failure: order:3, mode:0xcc0(GFP_KERNEL),"
		 " nodemask=(null),cpuset=/,mems_allowed=0", m->current_comm);
	expect_line(&l, &i, want);
	snprintf(want, sizeof(want), "CPU: %d UID: 0 PID: %d Comm: %s Not tainted 6.18.0-mmsim #1"
		 " PREEMPT(none) ", m->current_cpu, m->current_pid, m->current_comm);
	expect_line(&l, &i, want);
	expect_line(&l, &i, "Call Trace:");
	expect_line(&l, &i, " <TASK>");
	expect_line(&l, &i, " dump_stack_lvl+0x0/0x0");
	expect_line(&l, &i, " warn_alloc+0x0/0x0");
	expect_line(&l, &i, " __alloc_pages_slowpath.constprop.0+0x0/0x0");
	expect_line(&l, &i, " __alloc_frozen_pages_noprof+0x0/0x0");
	expect_line(&l, &i, " __alloc_pages_noprof+0x0/0x0");
	expect_line(&l, &i, " </TASK>");
	expect_line(&l, &i, "Mem-Info:");
	expect_line(&l, &i, "active_anon:0 inactive_anon:0 isolated_anon:0");
	expect_line(&l, &i, " active_file:0 inactive_file:0 isolated_file:0");
	expect_line(&l, &i, " unevictable:0 dirty:0 writeback:0");
	snprintf(want, sizeof(want), " slab_reclaimable:%lu slab_unreclaimable:%lu",
		 global_node_page_state(m, NR_SLAB_RECLAIMABLE_B),
		 global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B));
	expect_line(&l, &i, want);
	snprintf(want, sizeof(want), " mapped:0 shmem:0 pagetables:%lu",
		 global_node_page_state(m, NR_PAGETABLE));
	expect_line(&l, &i, want);
	expect_line(&l, &i, " sec_pagetables:0 bounce:0");
	expect_line(&l, &i, " kernel_misc_reclaimable:0");
	for (int z = 0; z <= ZONE_NORMAL; z++)
		for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
			free_pcp += pgdat->node_zones[z].per_cpu_pageset[cpu].count;
	snprintf(want, sizeof(want), " free:%lu free_pcp:%lu free_cma:0", nr_free_pages(m), free_pcp);
	expect_line(&l, &i, want);
	snprintf(want, sizeof(want), "Node 0 active_anon:0kB inactive_anon:0kB active_file:0kB"
		 " inactive_file:0kB unevictable:0kB isolated(anon):0kB isolated(file):0kB"
		 " mapped:0kB dirty:0kB writeback:0kB shmem:0kB shmem_thp:0kB"
		 " shmem_pmdmapped:0kB anon_thp:0kB kernel_stack:%lukB pagetables:%lukB"
		 " sec_pagetables:0kB all_unreclaimable? no Balloon:0kB",
		 node_page_state(pgdat, NR_KERNEL_STACK_KB), K(node_page_state(pgdat, NR_PAGETABLE)));
	expect_line(&l, &i, want);
	/* GFP_KERNEL may use DMA, DMA32 and Normal: Movable is not shown */
	for (int z = ZONE_DMA; z <= ZONE_NORMAL; z++)
		expect_zone_lines(m, &pgdat->node_zones[z], &l, &i);
	for (int z = ZONE_DMA; z <= ZONE_NORMAL; z++)
		expect_buddy_line(&pgdat->node_zones[z], &l, &i);
	expect_line(&l, &i, "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0"
		    " hugepages_size=1048576kB");
	expect_line(&l, &i, "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0"
		    " hugepages_size=2048kB");
	expect_line(&l, &i, "0 total pagecache pages");
	expect_line(&l, &i, "0 pages in swap cache");
	expect_line(&l, &i, "Free swap  = 0kB");
	expect_line(&l, &i, "Total swap = 0kB");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		present += pgdat->node_zones[z].present_pages;
		managed += pgdat->node_zones[z].managed_pages;
	}
	snprintf(want, sizeof(want), "%lu pages RAM", present);
	expect_line(&l, &i, want);
	expect_line(&l, &i, "0 pages HighMem/MovableOnly");
	snprintf(want, sizeof(want), "%lu pages reserved", present - managed);
	expect_line(&l, &i, want);
	assert_int_equal(i, l.nr);	/* and nothing after */
	ph_free_lines(&l);
	mmsim_destroy(m);
}

static void dma32_failure_shows_only_zones_it_could_use(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=2");
	size_t skip = log_len(m);
	struct ph_lines l;
	int zone_lines = 0, buddy_lines = 0;

	warn_alloc(m, GFP_KERNEL | __GFP_DMA32, 0);
	l = log_after(m, skip);
	for (size_t i = 0; i < l.nr; i++) {
		zone_lines += strncmp(l.line[i], "lowmem_reserve[]:", 17) == 0;
		buddy_lines += strstr(l.line[i], "*4kB ") != NULL;
		assert_null(strstr(l.line[i], "Node 0 Normal"));
	}
	assert_int_equal(zone_lines, 2);
	assert_int_equal(buddy_lines, 2);
	assert_non_null(strstr(l.line[0], "mode:0xcc4(GFP_KERNEL|GFP_DMA32)"));
	ph_free_lines(&l);
	mmsim_destroy(m);
}

static void nowarn_logs_nothing(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	size_t before = log_len(m);

	warn_alloc(m, GFP_KERNEL | __GFP_NOWARN, 5);
	assert_int_equal(log_len(m), before);
	mmsim_destroy(m);
}

static void two_nodes_show_mems_allowed_and_both_nodes(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=2 numa=fake=2");
	size_t skip = log_len(m);
	struct ph_lines l;
	int node_lines = 0;

	warn_alloc(m, GFP_KERNEL, 1);
	l = log_after(m, skip);
	assert_non_null(strstr(l.line[0], ",cpuset=/,mems_allowed=0-1"));
	for (size_t i = 0; i < l.nr; i++)
		node_lines += strstr(l.line[i], "all_unreclaimable? no") != NULL;
	assert_int_equal(node_lines, 2);
	ph_free_lines(&l);
	mmsim_destroy(m);
}

/* A real failure: the DMA zone holds only a few order-10 blocks. */
static void exhausting_dma_logs_the_report_from_the_allocator(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	size_t skip = log_len(m);
	unsigned long pfn;
	char err[128];
	struct ph_lines l;
	bool header = false, meminfo = false;
	int ret = 0;

	for (int i = 0; i < 8 && ret == 0; i++)
		ret = mmsim_alloc_pages(m, 10, "GFP_KERNEL|__GFP_DMA", -1, -1, &pfn, err, sizeof(err));
	assert_int_equal(ret, -ENOMEM);
	l = log_after(m, skip);
	for (size_t i = 0; i < l.nr; i++) {
		header |= strstr(l.line[i], ": page allocation failure: order:10, mode:0xcc1(GFP_KERNEL|GFP_DMA)") != NULL;
		meminfo |= strcmp(l.line[i], "Mem-Info:") == 0;
		assert_null(strstr(l.line[i], "Node 0 DMA32 free:"));
	}
	assert_true(header);
	assert_true(meminfo);
	ph_free_lines(&l);
	mmsim_destroy(m);
}

static void show_mem_dumps_every_populated_zone(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=2 movablecore=1G");
	size_t skip = log_len(m);
	struct ph_lines l;
	int zone_lines = 0;

	assert_true(populated_zone(&NODE_DATA(m, 0)->node_zones[ZONE_MOVABLE]));
	show_mem(m);
	l = log_after(m, skip);
	assert_string_equal(l.line[0], "Mem-Info:");
	for (size_t i = 0; i < l.nr; i++)
		zone_lines += strncmp(l.line[i], "lowmem_reserve[]:", 17) == 0;
	assert_int_equal(zone_lines, 4);	/* DMA, DMA32, Normal, Movable */
	ph_free_lines(&l);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(failure_report_reads_as_linux_prints_it),
		cmocka_unit_test(dma32_failure_shows_only_zones_it_could_use),
		cmocka_unit_test(nowarn_logs_nothing),
		cmocka_unit_test(two_nodes_show_mems_allowed_and_both_nodes),
		cmocka_unit_test(exhausting_dma_logs_the_report_from_the_allocator),
		cmocka_unit_test(show_mem_dumps_every_populated_zone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
