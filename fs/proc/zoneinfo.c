// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/zoneinfo (mm/vmstat.c zoneinfo_show_print): every zone of every
 * node, populated or not.  The first populated zone of a node carries the
 * node's counters ("per-node stats"); an empty zone stops after its
 * protection line.
 *
 * Leaves out: nothing of the format.  node_unreclaimable is 0 until
 * kswapd exists (docs/divergences.md).
 * Reads state only.  Registered by fs/proc/root.c.
 */
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "linux/vmstat.h"

#define HPAGE_PMD_NR	512

/* Node items kept in pages but shown in THP units (vmstat_item_print_in_thp). */
static bool vmstat_item_print_in_thp(enum node_stat_item item)
{
	switch (item) {
	case NR_ANON_THPS:
	case NR_SHMEM_THPS:
	case NR_SHMEM_PMDMAPPED:
	case NR_FILE_THPS:
	case NR_FILE_PMDMAPPED:
		return true;
	default:
		return false;
	}
}

static bool is_zone_first_populated(const struct pglist_data *pgdat, const struct zone *zone)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&pgdat->node_zones[z]))
			return zone == &pgdat->node_zones[z];
	return false;
}

static void zoneinfo_show_node_stats(struct seq_file *sf, const struct pglist_data *pgdat)
{
	seq_puts(sf, "\n  per-node stats");
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		unsigned long pages = node_page_state(pgdat, i);

		if (vmstat_item_print_in_thp(i))
			pages /= HPAGE_PMD_NR;
		seq_printf(sf, "\n      %-12s %lu", node_stat_names[i], pages);
	}
}

static void zoneinfo_show_pagesets(struct seq_file *sf, const struct zone *zone)
{
	const struct machine *m = sf->machine;
	int threshold = zone_stat_threshold(m, zone);

	seq_puts(sf, "\n  pagesets");
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		const struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		seq_printf(sf,
			   "\n    cpu: %i"
			   "\n              count:    %i"
			   "\n              high:     %i"
			   "\n              batch:    %i"
			   "\n              high_min: %i"
			   "\n              high_max: %i",
			   cpu, pcp->count, pcp->high, pcp->batch, pcp->high_min, pcp->high_max);
		seq_printf(sf, "\n  vm stats threshold: %d", threshold);
	}
}

static void zoneinfo_show_print(struct seq_file *sf, const struct pglist_data *pgdat,
				const struct zone *zone)
{
	seq_printf(sf, "Node %d, zone %8s", pgdat->node_id, zone_names[zone - pgdat->node_zones]);
	if (is_zone_first_populated(pgdat, zone))
		zoneinfo_show_node_stats(sf, pgdat);

	seq_printf(sf,
		   "\n  pages free     %lu"
		   "\n        boost    %lu"
		   "\n        min      %lu"
		   "\n        low      %lu"
		   "\n        high     %lu"
		   "\n        promo    %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu"
		   "\n        cma      %lu",
		   zone_page_state(zone, NR_FREE_PAGES), zone->watermark_boost,
		   min_wmark_pages(zone), low_wmark_pages(zone), high_wmark_pages(zone),
		   promo_wmark_pages(zone), zone->spanned_pages, zone->present_pages,
		   zone_managed_pages(zone), zone->cma_pages);

	seq_printf(sf, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (int i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(sf, ", %ld", zone->lowmem_reserve[i]);
	seq_putc(sf, ')');

	/* An empty zone has nothing more worth showing. */
	if (!populated_zone(zone)) {
		seq_putc(sf, '\n');
		return;
	}

	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(sf, "\n      %-12s %lu", zone_stat_names[i], zone_page_state(zone, i));
	for (int i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		seq_printf(sf, "\n      %-12s %lu", numa_stat_names[i], zone->vm_numa_event[i]);

	if (zone->per_cpu_pageset)
		zoneinfo_show_pagesets(sf, zone);

	seq_printf(sf,
		   "\n  node_unreclaimable:  %u"
		   "\n  start_pfn:           %lu",
		   0u,	/* kswapd_failures >= MAX_RECLAIM_RETRIES: no kswapd yet */
		   zone->zone_start_pfn);
	seq_putc(sf, '\n');
}

static int zoneinfo_show(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	const struct pglist_data *pgdat;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			zoneinfo_show_print(sf, pgdat, &pgdat->node_zones[z]);
	return 0;
}

static const struct kernfs_ops zoneinfo_ops = { .show = zoneinfo_show };

int proc_zoneinfo_init(struct machine *m)
{
	return kernfs_create_file(m, "/proc/zoneinfo", 0444, &zoneinfo_ops, NULL);
}
