// SPDX-License-Identifier: GPL-2.0-only
/*
 * Zonelists (build_all_zonelists in mm/page_alloc.c): for each node, the
 * order in which an allocation tries zones - its own node first, then the
 * others nearest first (find_next_best_node), each node's zones from the
 * highest to the lowest - and a second list with only the node's own zones
 * for __GFP_THISNODE.  Also decides whether mobility grouping is on, and
 * logs it as Linux does:
 *
 *   Fallback order for Node 0: 0 1
 *   Built 2 zonelists, mobility grouping on.  Total pages: 2064247
 *   Policy zone: Normal
 *
 * Leaves out: memoryless nodes' numa_mem, memory hotplug rebuilds.
 * Callers: mm/mm_init.c at boot.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

#define PENALTY_FOR_NODE_WITH_CPUS	1

static bool node_has_memory(const struct machine *m, int nid)
{
	return NODE_DATA(m, nid) && NODE_DATA(m, nid)->node_present_pages;
}

static bool node_has_cpus(const struct machine *m, int nid)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		if (m->cpu_to_node[cpu] == nid)
			return true;
	return false;
}

/*
 * find_next_best_node - the nearest node with memory not yet used: the
 * node itself first; then by distance, nodes below @node a little worse,
 * nodes with CPUs a little worse (headless nodes are for spilling into),
 * and among equals the least loaded (node_load spreads nodes that are
 * equally far across the zonelists of different nodes).
 */
static int find_next_best_node(const struct machine *m, int node, bool *used,
			       const int *node_load)
{
	int best = NUMA_NO_NODE, min_val = INT_MAX;

	if (!used[node] && node_has_memory(m, node)) {
		used[node] = true;
		return node;
	}
	for (int n = 0; n < m->nr_node_ids; n++) {
		int val;

		if (used[n] || !node_has_memory(m, n))
			continue;
		val = m->numa_distance[node][n];
		val += n < node;
		if (node_has_cpus(m, n))
			val += PENALTY_FOR_NODE_WITH_CPUS;
		val *= MAX_NUMNODES;
		val += node_load[n];
		if (val < min_val) {
			min_val = val;
			best = n;
		}
	}
	if (best >= 0)
		used[best] = true;
	return best;
}

/* A node's populated zones, highest first; returns how many. */
static int build_zonerefs_node(struct pglist_data *pgdat, struct zoneref *zr)
{
	int nr = 0;

	for (int z = MAX_NR_ZONES - 1; z >= 0; z--) {
		struct zone *zone = &pgdat->node_zones[z];

		if (populated_zone(zone)) {
			zr[nr].zone = zone;
			zr[nr].zone_idx = z;
			nr++;
		}
	}
	return nr;
}

static void build_zonelists(struct machine *m, struct pglist_data *pgdat, int *node_load)
{
	struct zoneref *zr = pgdat->node_zonelists[ZONELIST_FALLBACK]._zonerefs;
	int node_order[MAX_NUMNODES], nr_nodes = 0, node, prev = pgdat->node_id;
	int local = pgdat->node_id;
	bool used[MAX_NUMNODES] = { false };
	char line[16 + MAX_NUMNODES * 4];
	size_t n;

	while ((node = find_next_best_node(m, local, used, node_load)) >= 0) {
		/* the first node of each new distance group gets a penalty,
		 * so the next node's list starts elsewhere in that group */
		if (m->numa_distance[local][node] != m->numa_distance[local][prev])
			node_load[node]++;
		node_order[nr_nodes++] = node;
		prev = node;
	}
	for (int i = 0; i < nr_nodes; i++)
		zr += build_zonerefs_node(NODE_DATA(m, node_order[i]), zr);
	zr->zone = NULL;
	zr->zone_idx = 0;

	zr = pgdat->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs;
	zr += build_zonerefs_node(pgdat, zr);
	zr->zone = NULL;
	zr->zone_idx = 0;

	n = (size_t)snprintf(line, sizeof(line), "Fallback order for Node %d: ", local);
	for (int i = 0; i < nr_nodes && n < sizeof(line); i++)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%d ", node_order[i]);
	pr_info(m, "%s", line);
}

/*
 * The "Total pages" Linux prints: managed pages above the high watermark
 * in the zones GFP_HIGHUSER_MOVABLE may use.  At boot Linux builds the
 * zonelists before memblock hands memory over, when managed_pages still
 * equals present_pages and no watermark is set; mmsim builds them at the
 * same step, so during boot the present pages are counted.
 */
static unsigned long vm_total_pages(const struct machine *m)
{
	const struct pglist_data *pgdat;
	unsigned long sum = 0;
	int nid;

	for_each_online_pgdat(m, pgdat, nid) {
		for (int z = 0; z <= (int)gfp_zone(GFP_HIGHUSER_MOVABLE); z++) {
			const struct zone *zone = &pgdat->node_zones[z];
			unsigned long size = m->booted ? zone_managed_pages(zone) : zone->present_pages;
			unsigned long high = m->booted ? high_wmark_pages(zone) : 0;

			if (populated_zone(zone) && size > high)
				sum += size - high;
		}
	}
	return sum;
}

/* policy_zone: the highest populated zone below ZONE_MOVABLE. */
static int policy_zone(const struct machine *m)
{
	const struct pglist_data *pgdat;
	int nid, pz = 0;

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < ZONE_MOVABLE; z++)
			if (populated_zone(&pgdat->node_zones[z]) && z > pz)
				pz = z;
	return pz;
}

void build_all_zonelists(struct machine *m)
{
	int node_load[MAX_NUMNODES] = { 0 };
	struct pglist_data *pgdat;
	unsigned long total;
	int nid, nr_online = 0;

	for_each_online_pgdat(m, pgdat, nid) {
		build_zonelists(m, pgdat, node_load);
		nr_online++;
	}
	total = vm_total_pages(m);
	/* Too little memory for grouping by mobility to work. */
	m->page_group_by_mobility_disabled = total < pageblock_nr_pages * MIGRATE_TYPES;
	if (m->page_group_by_mobility_disabled)
		m->vm.watermark_boost_factor = 0;	/* disable_watermark_boosting() */
	pr_info(m, "Built %d zonelists, mobility grouping %s.  Total pages: %lu", nr_online,
		m->page_group_by_mobility_disabled ? "off" : "on", total);
	pr_info(m, "Policy zone: %s", zone_names[policy_zone(m)]);
}
