// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA placement of the page allocator on numa=fake machines: the zonelist
 * fallback order Linux builds (distance, then a penalty for lower node ids
 * and for nodes with CPUs, then load balancing between equal candidates),
 * and the six numastat counters as zone_statistics counts them:
 *
 *   allocation on CPU c (home node h) preferring node p, served by node s
 *     s == p  -> numa_hit on s        s != p -> numa_miss on s, numa_foreign on p
 *     s == h  -> numa_local on s      s != h -> numa_other on s
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
#include "linux/vmstat.h"

static void assert_log_has(struct machine *m, const char *needle)
{
	char *log = mmsim_dmesg(m);

	if (!strstr(log, needle))
		fail_msg("dmesg lacks \"%s\"", needle);
	free(log);
}

static unsigned long numa_event(struct machine *m, int nid, enum numa_stat_item i)
{
	return sum_zone_numa_event_state(NODE_DATA(m, nid), i);
}

static void three_fake_nodes_fall_back_round_robin(void **state)
{
	struct machine *m = ph_boot("mem=6G numa=fake=3 nr_cpus=3");

	assert_log_has(m, "Fallback order for Node 0: 0 1 2 \n");
	assert_log_has(m, "Fallback order for Node 1: 1 2 0 \n");
	assert_log_has(m, "Fallback order for Node 2: 2 0 1 \n");
	assert_log_has(m, "Built 3 zonelists, mobility grouping on.");
	mmsim_destroy(m);
}

static void four_fake_nodes_fall_back_to_the_next_ids_first(void **state)
{
	struct machine *m = ph_boot("mem=8G numa=fake=4 nr_cpus=4");

	assert_log_has(m, "Fallback order for Node 1: 1 2 3 0 \n");
	assert_log_has(m, "Fallback order for Node 3: 3 0 1 2 \n");
	mmsim_destroy(m);
}

static void remote_cpu_allocation_counts_hit_and_other(void **state)
{
	struct machine *m = ph_boot("mem=4G numa=fake=2 nr_cpus=2");
	unsigned long hit = numa_event(m, 0, NUMA_HIT), other = numa_event(m, 0, NUMA_OTHER);
	unsigned long local = numa_event(m, 0, NUMA_LOCAL), pfn;
	char err[128];

	/* CPU 1 lives on node 1 and asks node 0 for a page */
	assert_int_equal(m->cpu_to_node[1], 1);
	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", 0, 1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(pfn_to_page(m, pfn)->nid, 0);
	assert_int_equal(numa_event(m, 0, NUMA_HIT), hit + 1);
	assert_int_equal(numa_event(m, 0, NUMA_OTHER), other + 1);
	assert_int_equal(numa_event(m, 0, NUMA_LOCAL), local);
	assert_int_equal(numa_event(m, 0, NUMA_MISS) + numa_event(m, 1, NUMA_FOREIGN), 0);
	mmsim_destroy(m);
}

static void local_cpu_allocation_counts_hit_and_local(void **state)
{
	struct machine *m = ph_boot("mem=4G numa=fake=2 nr_cpus=2");
	unsigned long hit = numa_event(m, 1, NUMA_HIT), local = numa_event(m, 1, NUMA_LOCAL);
	unsigned long other = numa_event(m, 1, NUMA_OTHER);	/* boot: SLUB's node 1 structures */
	unsigned long pfn;
	char err[128];

	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", -1, 1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(pfn_to_page(m, pfn)->nid, 1);
	assert_int_equal(numa_event(m, 1, NUMA_HIT), hit + 1);
	assert_int_equal(numa_event(m, 1, NUMA_LOCAL), local + 1);
	assert_int_equal(numa_event(m, 1, NUMA_OTHER), other);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(three_fake_nodes_fall_back_round_robin),
		cmocka_unit_test(four_fake_nodes_fall_back_to_the_next_ids_first),
		cmocka_unit_test(remote_cpu_allocation_counts_hit_and_other),
		cmocka_unit_test(local_cpu_allocation_counts_hit_and_local),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
