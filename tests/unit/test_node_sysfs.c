// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/devices/system/node: each node's meminfo, numastat, vmstat,
 * distance, cpulist and cpumap, and the node state lists, in Linux 6.18's
 * formats; node figures that add up to the global files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/vmstat.h"

#define NODE_DIR "/sys/devices/system/node"

static char *node_file(struct machine *m, int nid, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), NODE_DIR "/node%d/%s", nid, name);
	return ph_read(m, path);
}

/* Compare key order and right-aligned value columns with a reference file. */
static void assert_layout_like(const char *ours, const char *refname, bool right_aligned)
{
	char *ref;
	struct ph_lines r, o;

	PH_REFERENCE(ref, refname);
	r = ph_split(ref);
	o = ph_split(ours);
	assert_int_equal(o.nr, r.nr);
	for (size_t i = 0; i < r.nr; i++) {
		char rs[256], os[256];

		ph_loose_shape(r.line[i], rs, sizeof(rs));
		ph_loose_shape(o.line[i], os, sizeof(os));
		if (strcmp(rs, os))
			fail_msg("line %zu: '%s' but Linux has '%s'", i + 1, o.line[i], r.line[i]);
		if (right_aligned)
			assert_int_equal(ph_value_end(o.line[i] + 7),
					 ph_value_end(r.line[i] + 7));	/* after "Node N " */
	}
	ph_free_lines(&r);
	ph_free_lines(&o);
	free(ref);
}

static void node_files_have_linux_layout(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=2");
	char *t;

	t = node_file(m, 0, "meminfo");
	assert_layout_like(t, "sys-devices-system-node-node0-meminfo.txt", true);
	free(t);
	t = node_file(m, 0, "numastat");
	assert_layout_like(t, "sys-devices-system-node-node0-numastat.txt", false);
	free(t);
	t = node_file(m, 0, "vmstat");
	assert_layout_like(t, "sys-devices-system-node-node0-vmstat.txt", false);
	free(t);
	mmsim_destroy(m);
}

/* "Node N Key:   value kB" */
static long long node_kv(const char *text, int nid, const char *key)
{
	char k[64];

	snprintf(k, sizeof(k), "Node %d %s", nid, key);
	return ph_kv(text, k);
}

static void node_meminfo_sums_to_proc_meminfo(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=4 numa=fake=2");
	char *g = ph_read(m, "/proc/meminfo");
	long long total = 0, freekb = 0, used = 0;
	unsigned long pfn[8];
	char err[128];

	for (int i = 0; i < 8; i++)
		assert_int_equal(mmsim_alloc_pages(m, 3, "GFP_KERNEL", 1, -1, &pfn[i],
						   err, sizeof(err)), 0);
	free(g);
	g = ph_read(m, "/proc/meminfo");
	for (int nid = 0; nid < 2; nid++) {
		char *t = node_file(m, nid, "meminfo");

		total += node_kv(t, nid, "MemTotal");
		freekb += node_kv(t, nid, "MemFree");
		used += node_kv(t, nid, "MemUsed");
		assert_int_equal(node_kv(t, nid, "MemUsed"),
				 node_kv(t, nid, "MemTotal") - node_kv(t, nid, "MemFree"));
		assert_int_equal(node_kv(t, nid, "MemFree"),
				 (long long)sum_zone_node_page_state(NODE_DATA(m, nid),
								      NR_FREE_PAGES) * 4);
		free(t);
	}
	assert_int_equal(total, ph_kv(g, "MemTotal"));
	assert_int_equal(freekb, ph_kv(g, "MemFree"));
	assert_int_equal(used, total - freekb);
	free(g);
	mmsim_destroy(m);
}

static void numastat_sums_zone_numa_events(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=2 numa=fake=2");
	unsigned long pfn;
	char err[128];

	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", 0, -1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", 1, -1, &pfn, err, sizeof(err)), 0);
	for (int nid = 0; nid < 2; nid++) {
		struct pglist_data *pgdat = NODE_DATA(m, nid);
		char *t = node_file(m, nid, "numastat");

		assert_int_equal(ph_kv(t, "numa_hit"),
				 (long long)sum_zone_numa_event_state(pgdat, NUMA_HIT));
		assert_int_equal(ph_kv(t, "numa_miss"),
				 (long long)sum_zone_numa_event_state(pgdat, NUMA_MISS));
		assert_int_equal(ph_kv(t, "numa_foreign"),
				 (long long)sum_zone_numa_event_state(pgdat, NUMA_FOREIGN));
		assert_int_equal(ph_kv(t, "interleave_hit"),
				 (long long)sum_zone_numa_event_state(pgdat, NUMA_INTERLEAVE_HIT));
		assert_int_equal(ph_kv(t, "local_node"),
				 (long long)sum_zone_numa_event_state(pgdat, NUMA_LOCAL));
		assert_int_equal(ph_kv(t, "other_node"),
				 (long long)sum_zone_numa_event_state(pgdat, NUMA_OTHER));
		assert_true(ph_kv(t, "numa_hit") > 0);
		free(t);
	}
	mmsim_destroy(m);
}

static void node_vmstat_agrees_with_zone_and_node_counters(void **state)
{
	struct machine *m = ph_boot("mem=4G numa=fake=2");

	for (int nid = 0; nid < 2; nid++) {
		char *t = node_file(m, nid, "vmstat");

		assert_int_equal(ph_kv(t, "nr_free_pages"),
				 (long long)sum_zone_node_page_state(NODE_DATA(m, nid), NR_FREE_PAGES));
		assert_int_equal(ph_kv(t, "nr_dirty"), 0);
		free(t);
	}
	mmsim_destroy(m);
}

static void distance_rows_follow_the_distance_table(void **state)
{
	struct machine *m = ph_boot("mem=4G numa=fake=2");
	char want[64], *t;

	for (int nid = 0; nid < 2; nid++) {
		snprintf(want, sizeof(want), "%d %d\n", m->numa_distance[nid][0],
			 m->numa_distance[nid][1]);
		t = node_file(m, nid, "distance");
		assert_string_equal(t, want);
		free(t);
	}
	assert_int_equal(m->numa_distance[0][0], 10);
	mmsim_destroy(m);
	m = ph_boot("mem=2G");
	t = node_file(m, 0, "distance");
	assert_string_equal(t, "10\n");
	free(t);
	mmsim_destroy(m);
}

static void cpulist_and_cpumap_show_the_nodes_cpus(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=4");
	char *t;

	t = node_file(m, 0, "cpulist");
	assert_string_equal(t, "0-3\n");
	free(t);
	t = node_file(m, 0, "cpumap");
	assert_string_equal(t, "f\n");
	free(t);
	mmsim_destroy(m);

	/* 40 CPUs: two 32-bit chunks, the first as wide as its 8 bits need */
	m = ph_boot("mem=2G nr_cpus=40");
	t = node_file(m, 0, "cpumap");
	assert_string_equal(t, "ff,ffffffff\n");
	free(t);
	t = node_file(m, 0, "cpulist");
	assert_string_equal(t, "0-39\n");
	free(t);
	mmsim_destroy(m);

	m = ph_boot("mem=2G nr_cpus=6");
	t = node_file(m, 0, "cpumap");
	assert_string_equal(t, "3f\n");
	free(t);
	mmsim_destroy(m);
}

static void node_state_lists(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=2 numa=fake=2");
	static const char *const files[] = {
		"online", "possible", "has_memory", "has_normal_memory", "has_cpu",
	};

	for (size_t i = 0; i < 5; i++) {
		char path[128], *t;

		snprintf(path, sizeof(path), NODE_DIR "/%s", files[i]);
		t = ph_read(m, path);
		assert_string_equal(t, "0-1\n");
		free(t);
	}
	mmsim_destroy(m);

	m = ph_boot("mem=2G");
	{
		char *t = ph_read(m, NODE_DIR "/online");

		assert_string_equal(t, "0\n");
		free(t);
	}
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(node_files_have_linux_layout),
		cmocka_unit_test(node_meminfo_sums_to_proc_meminfo),
		cmocka_unit_test(numastat_sums_zone_numa_events),
		cmocka_unit_test(node_vmstat_agrees_with_zone_and_node_counters),
		cmocka_unit_test(distance_rows_follow_the_distance_table),
		cmocka_unit_test(cpulist_and_cpumap_show_the_nodes_cpus),
		cmocka_unit_test(node_state_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
