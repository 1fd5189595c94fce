// SPDX-License-Identifier: GPL-2.0-only
/*
 * The counter machinery (mm/vmstat.c): the names /proc/vmstat, zoneinfo
 * and the node files print, the global sums over zones and nodes, and
 * the per-zone "vm stats threshold" (the event counters' update,
 * count_vm_events, is inline in include/linux/vmstat.h).
 *
 * Leaves out: Linux's per-CPU counter deltas and their folding (every
 * mmsim counter is exact at all times; the threshold is computed only so
 * that zoneinfo shows what Linux shows), the vmstat_update worker and
 * /proc/sys/vm/stat_refresh.  See docs/divergences.md.
 *
 * Callers: fs/proc and drivers/base/node.c (the sums and names),
 * mm/show_mem.c.
 */
#include "linux/machine.h"
#include "linux/vmstat.h"

#define __VMSTAT_NAME(e, s) [e] = s,

const char *const zone_stat_names[NR_VM_ZONE_STAT_ITEMS] = {
	ZONE_STAT_ITEMS(__VMSTAT_NAME)
};
const char *const numa_stat_names[NR_VM_NUMA_EVENT_ITEMS] = {
	NUMA_STAT_ITEMS(__VMSTAT_NAME)
};
const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
	NODE_STAT_ITEMS(__VMSTAT_NAME)
};
const char *const writeback_stat_names[NR_VM_WRITEBACK_STAT_ITEMS] = {
	WRITEBACK_STAT_ITEMS(__VMSTAT_NAME)
};
const char *const memmap_stat_names[NR_MEMMAP_STAT_ITEMS] = {
	MEMMAP_STAT_ITEMS(__VMSTAT_NAME)
};
const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	VM_EVENT_ITEMS(__VMSTAT_NAME)
};

/* As Linux's migratetype_names[] (mm/page_alloc.c); no CMA type here. */
const char *const migratetype_names[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE]	= "Unmovable",
	[MIGRATE_MOVABLE]	= "Movable",
	[MIGRATE_RECLAIMABLE]	= "Reclaimable",
	[MIGRATE_HIGHATOMIC]	= "HighAtomic",
	[MIGRATE_ISOLATE]	= "Isolate",
};

/* As Linux's zone_names[] (mm/page_alloc.c) on x86-64. */
const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_DMA]	= "DMA",
	[ZONE_DMA32]	= "DMA32",
	[ZONE_NORMAL]	= "Normal",
	[ZONE_MOVABLE]	= "Movable",
	[ZONE_DEVICE]	= "Device",
};

/*
 * Linux's global counters are atomics that never go below 0 when read;
 * the sums here clamp the same way.
 */
static unsigned long clamp_sum(long sum)
{
	return sum < 0 ? 0 : (unsigned long)sum;
}

unsigned long global_zone_page_state(const struct machine *m, enum zone_stat_item item)
{
	const struct pglist_data *pgdat;
	long sum = 0;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			sum += pgdat->node_zones[z].vm_stat[item];
	return clamp_sum(sum);
}

unsigned long global_node_page_state(const struct machine *m, enum node_stat_item item)
{
	const struct pglist_data *pgdat;
	long sum = 0;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		sum += pgdat->vm_stat[item];
	return clamp_sum(sum);
}

unsigned long global_numa_event_state(const struct machine *m, enum numa_stat_item item)
{
	const struct pglist_data *pgdat;
	unsigned long sum = 0;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		sum += sum_zone_numa_event_state(pgdat, item);
	return sum;
}

unsigned long sum_zone_node_page_state(const struct pglist_data *pgdat,
				       enum zone_stat_item item)
{
	long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		sum += pgdat->node_zones[z].vm_stat[item];
	return clamp_sum(sum);
}

unsigned long sum_zone_numa_event_state(const struct pglist_data *pgdat,
					enum numa_stat_item item)
{
	unsigned long sum = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		sum += pgdat->node_zones[z].vm_numa_event[item];
	return sum;
}

unsigned long nr_free_pages(const struct machine *m)
{
	return global_zone_page_state(m, NR_FREE_PAGES);
}

/* fls: 1-based index of the highest set bit, 0 for 0 (include/asm-generic/bitops). */
static int fls_ul(unsigned long x)
{
	return x ? 64 - __builtin_clzl(x) : 0;
}

/*
 * calculate_normal_threshold: the per-CPU counter batch grows with the
 * logarithm of the CPU count and of the zone size in 128 MiB units,
 * capped at 125.
 */
int zone_stat_threshold(const struct machine *m, const struct zone *z)
{
	unsigned long mem = zone_managed_pages(z) >> (27 - PAGE_SHIFT);
	int threshold = 2 * fls_ul((unsigned long)m->nr_cpu_ids) * (1 + fls_ul(mem));

	return min(125, threshold);
}
