// SPDX-License-Identifier: GPL-2.0-only
/*
 * The NUMA node devices (drivers/base/node.c): for every node
 * /sys/devices/system/node/nodeN/{meminfo,numastat,distance,vmstat,
 * cpulist,cpumap}, and the node state lists online, possible, has_memory,
 * has_normal_memory and has_cpu beside them, formatted as Linux 6.18 does.
 *
 * Leaves out: the memoryN links, compact/reclaim triggers, hugepages/,
 * access classes and caches, has_generic_initiator.  Keys with no
 * mechanism yet print their counters, 0 for now (docs/divergences.md).
 * Reads state only.  Registered by fs/proc/root.c.
 */
#include <stdio.h>
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "linux/vmstat.h"

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))
#define HPAGE_PMD_NR	512

/* A bitmap as Linux's "%*pbl": "0", "0-3", "0,2-3" (@nbits bits of @test). */
static void seq_bitmap_list(struct seq_file *sf, const struct machine *m, int nbits,
			    bool (*test)(const struct machine *, int))
{
	const char *sep = "";

	for (int i = 0; i < nbits; i++) {
		int j = i;

		if (!test(m, i))
			continue;
		while (j + 1 < nbits && test(m, j + 1))
			j++;
		if (j == i)
			seq_printf(sf, "%s%d", sep, i);
		else
			seq_printf(sf, "%s%d-%d", sep, i, j);
		sep = ",";
		i = j;
	}
}

/* ---- node state lists ---- */

static bool node_online(const struct machine *m, int nid)
{
	return nid < m->nr_node_ids && m->node_data[nid];
}

static bool node_has_memory(const struct machine *m, int nid)
{
	if (!node_online(m, nid))
		return false;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&m->node_data[nid]->node_zones[z]))
			return true;
	return false;
}

/* check_for_memory: N_NORMAL_MEMORY when a zone below ZONE_MOVABLE has pages. */
static bool node_has_normal_memory(const struct machine *m, int nid)
{
	if (!node_online(m, nid))
		return false;
	for (int z = 0; z < ZONE_MOVABLE; z++)
		if (populated_zone(&m->node_data[nid]->node_zones[z]))
			return true;
	return false;
}

static bool node_has_cpu(const struct machine *m, int nid)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		if (m->cpu_to_node[cpu] == nid)
			return true;
	return false;
}

/* The node state a list file shows, as data of the file. */
static bool (*const node_state_tests[])(const struct machine *, int) = {
	node_online, node_online, node_has_memory, node_has_normal_memory, node_has_cpu,
};
static const char *const node_state_files[] = {
	"online", "possible", "has_memory", "has_normal_memory", "has_cpu",
};

static int node_state_show(struct seq_file *sf)
{
	bool (*const *test)(const struct machine *, int) = sf->private;

	seq_bitmap_list(sf, sf->machine, MAX_NUMNODES, *test);
	seq_putc(sf, '\n');
	return 0;
}

/* ---- nodeN files ---- */

static int node_read_meminfo(struct seq_file *sf)
{
	const struct pglist_data *pgdat = sf->private;
	int nid = pgdat->node_id;
	unsigned long managed = 0, free = sum_zone_node_page_state(pgdat, NR_FREE_PAGES);
	unsigned long sreclaimable = node_page_state(pgdat, NR_SLAB_RECLAIMABLE_B);
	unsigned long sunreclaimable = node_page_state(pgdat, NR_SLAB_UNRECLAIMABLE_B);
	struct { const char *key; unsigned long kb; } rows[] = {
		{ "MemTotal:", 0 }, { "MemFree:", K(free) }, { "MemUsed:", 0 },
		{ "SwapCached:", K(node_page_state(pgdat, NR_SWAPCACHE)) },
		{ "Active:", K(node_page_state(pgdat, NR_ACTIVE_ANON) +
			       node_page_state(pgdat, NR_ACTIVE_FILE)) },
		{ "Inactive:", K(node_page_state(pgdat, NR_INACTIVE_ANON) +
				 node_page_state(pgdat, NR_INACTIVE_FILE)) },
		{ "Active(anon):", K(node_page_state(pgdat, NR_ACTIVE_ANON)) },
		{ "Inactive(anon):", K(node_page_state(pgdat, NR_INACTIVE_ANON)) },
		{ "Active(file):", K(node_page_state(pgdat, NR_ACTIVE_FILE)) },
		{ "Inactive(file):", K(node_page_state(pgdat, NR_INACTIVE_FILE)) },
		{ "Unevictable:", K(node_page_state(pgdat, NR_UNEVICTABLE)) },
		{ "Mlocked:", K(sum_zone_node_page_state(pgdat, NR_MLOCK)) },
		{ "Dirty:", K(node_page_state(pgdat, NR_FILE_DIRTY)) },
		{ "Writeback:", K(node_page_state(pgdat, NR_WRITEBACK)) },
		{ "FilePages:", K(node_page_state(pgdat, NR_FILE_PAGES)) },
		{ "Mapped:", K(node_page_state(pgdat, NR_FILE_MAPPED)) },
		{ "AnonPages:", K(node_page_state(pgdat, NR_ANON_MAPPED)) },
		{ "Shmem:", K(node_page_state(pgdat, NR_SHMEM)) },
		{ "KernelStack:", node_page_state(pgdat, NR_KERNEL_STACK_KB) },
		{ "PageTables:", K(node_page_state(pgdat, NR_PAGETABLE)) },
		{ "SecPageTables:", K(node_page_state(pgdat, NR_SECONDARY_PAGETABLE)) },
		{ "NFS_Unstable:", 0 }, { "Bounce:", 0 }, { "WritebackTmp:", 0 },
		{ "KReclaimable:", K(sreclaimable +
				     node_page_state(pgdat, NR_KERNEL_MISC_RECLAIMABLE)) },
		{ "Slab:", K(sreclaimable + sunreclaimable) },
		{ "SReclaimable:", K(sreclaimable) },
		{ "SUnreclaim:", K(sunreclaimable) },
		{ "AnonHugePages:", K(node_page_state(pgdat, NR_ANON_THPS)) },
		{ "ShmemHugePages:", K(node_page_state(pgdat, NR_SHMEM_THPS)) },
		{ "ShmemPmdMapped:", K(node_page_state(pgdat, NR_SHMEM_PMDMAPPED)) },
		{ "FileHugePages:", K(node_page_state(pgdat, NR_FILE_THPS)) },
		{ "FilePmdMapped:", K(node_page_state(pgdat, NR_FILE_PMDMAPPED)) },
	};

	for (int z = 0; z < MAX_NR_ZONES; z++)
		managed += zone_managed_pages(&pgdat->node_zones[z]);
	rows[0].kb = K(managed);
	rows[2].kb = K(managed - free);
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		seq_printf(sf, "Node %d %-16s%8lu kB\n", nid, rows[i].key, rows[i].kb);

	/* hugetlb_report_node_meminfo: the default (2M) hstate, no pool yet */
	seq_printf(sf, "Node %d HugePages_Total: %5u\n", nid, 0u);
	seq_printf(sf, "Node %d HugePages_Free:  %5u\n", nid, 0u);
	seq_printf(sf, "Node %d HugePages_Surp:  %5u\n", nid, 0u);
	return 0;
}

static int node_read_numastat(struct seq_file *sf)
{
	const struct pglist_data *pgdat = sf->private;

	seq_printf(sf,
		   "numa_hit %lu\n"
		   "numa_miss %lu\n"
		   "numa_foreign %lu\n"
		   "interleave_hit %lu\n"
		   "local_node %lu\n"
		   "other_node %lu\n",
		   sum_zone_numa_event_state(pgdat, NUMA_HIT),
		   sum_zone_numa_event_state(pgdat, NUMA_MISS),
		   sum_zone_numa_event_state(pgdat, NUMA_FOREIGN),
		   sum_zone_numa_event_state(pgdat, NUMA_INTERLEAVE_HIT),
		   sum_zone_numa_event_state(pgdat, NUMA_LOCAL),
		   sum_zone_numa_event_state(pgdat, NUMA_OTHER));
	return 0;
}

static int node_read_vmstat(struct seq_file *sf)
{
	const struct pglist_data *pgdat = sf->private;

	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(sf, "%s %lu\n", zone_stat_names[i], sum_zone_node_page_state(pgdat, i));
	for (int i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		seq_printf(sf, "%s %lu\n", numa_stat_names[i], sum_zone_numa_event_state(pgdat, i));
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		unsigned long pages = node_page_state(pgdat, i);

		if (i == NR_ANON_THPS || i == NR_SHMEM_THPS || i == NR_SHMEM_PMDMAPPED ||
		    i == NR_FILE_THPS || i == NR_FILE_PMDMAPPED)
			pages /= HPAGE_PMD_NR;
		seq_printf(sf, "%s %lu\n", node_stat_names[i], pages);
	}
	return 0;
}

static int node_read_distance(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	const struct pglist_data *pgdat = sf->private;

	for (int i = 0; i < m->nr_node_ids; i++)
		seq_printf(sf, "%s%d", i ? " " : "", m->numa_distance[pgdat->node_id][i]);
	seq_putc(sf, '\n');
	return 0;
}

static bool node_cpu_test(const struct machine *m, int nid, int cpu)
{
	return cpu < m->nr_cpu_ids && cpu_in_node(m, cpu, nid);
}

static int node_read_cpulist(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	const struct pglist_data *pgdat = sf->private;
	const char *sep = "";

	for (int i = 0; i < m->nr_cpu_ids; i++) {
		int j = i;

		if (!node_cpu_test(m, pgdat->node_id, i))
			continue;
		while (node_cpu_test(m, pgdat->node_id, j + 1))
			j++;
		if (j == i)
			seq_printf(sf, "%s%d", sep, i);
		else
			seq_printf(sf, "%s%d-%d", sep, i, j);
		sep = ",";
		i = j;
	}
	seq_putc(sf, '\n');
	return 0;
}

/* "%*pb" over nr_cpu_ids bits: hex in 32-bit chunks, most significant first. */
static int node_read_cpumap(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	const struct pglist_data *pgdat = sf->private;
	int nbits = m->nr_cpu_ids;
	int chunksz = nbits % 32 ? nbits % 32 : 32;
	const char *sep = "";

	for (int base = ALIGN(nbits, 32) - 32; base >= 0; base -= 32) {
		unsigned long val = 0;

		for (int b = 0; b < chunksz; b++)
			if (node_cpu_test(m, pgdat->node_id, base + b))
				val |= 1UL << b;
		seq_printf(sf, "%s%0*lx", sep, (chunksz + 3) / 4, val);
		chunksz = 32;
		sep = ",";
	}
	seq_putc(sf, '\n');
	return 0;
}

static const struct kernfs_ops node_state_ops = { .show = node_state_show };
static const struct {
	const char *name;
	struct kernfs_ops ops;
} node_attrs[] = {
	{ "cpumap", { .show = node_read_cpumap } },
	{ "cpulist", { .show = node_read_cpulist } },
	{ "meminfo", { .show = node_read_meminfo } },
	{ "numastat", { .show = node_read_numastat } },
	{ "distance", { .show = node_read_distance } },
	{ "vmstat", { .show = node_read_vmstat } },
};

int node_dev_init(struct machine *m)
{
	char path[128];
	int ret;

	for (size_t i = 0; i < ARRAY_SIZE(node_state_files); i++) {
		snprintf(path, sizeof(path), "/sys/devices/system/node/%s", node_state_files[i]);
		ret = kernfs_create_file(m, path, 0444, &node_state_ops,
					 (void *)&node_state_tests[i]);
		if (ret)
			return ret;
	}
	for (int nid = 0; nid < m->nr_node_ids; nid++) {
		if (!m->node_data[nid])
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(node_attrs); i++) {
			snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/%s",
				 nid, node_attrs[i].name);
			ret = kernfs_create_file(m, path, 0444, &node_attrs[i].ops,
						 m->node_data[nid]);
			if (ret)
				return ret;
		}
	}
	return 0;
}
