// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU page lists (the pcp half of mm/page_alloc.c): each CPU keeps, per
 * zone, lists of free blocks of orders 0..3 and the THP order by mobility
 * type, so most allocations and frees touch no free area.  An empty list
 * is refilled from the buddy in a batch (rmqueue_pcp_refill here; the
 * pop is inline in mm/internal.h and rmqueue_bulk's loop in
 * mm/page_alloc.c); a list over its high mark gives a batch back.  Sizes
 * are Linux 6.x's: batch is ~0.1% of the zone capped at 1 MiB and made
 * 2^n-1; high floats between high_min (the zone's low watermark split
 * over the node's CPUs) and high_max (1/8 of the zone split the same
 * way), growing while a CPU allocates without freeing and shrinking when
 * the zone is short of memory; percpu_pagelist_high_fraction pins it
 * instead.
 *
 * Leaves out: locking (one actor at a time), remote-node pcp expiry,
 * cacheinfo (PCPF_FREE_HIGH_BATCH is never set: mmsim models no caches),
 * the boot pageset (a zone's lists exist from the start with high 0).
 *
 * Callers: mm/internal.h's inline rmqueue_pcplist (rmqueue_pcp_refill),
 * mm/page_alloc.c (free_frozen_page_commit), mm/mm_init.c and
 * mm/page_wmark.c (setup_pcp_sizes), kernel/kactor.c and sysctls
 * (drain_all_pages), the vmstat worker (decay_pcp_high).
 */
#include "internal.h"

/* ------------------------------------------------------------------ */
/* Sizing                                                              */
/* ------------------------------------------------------------------ */

/*
 * zone_batchsize - pages moved between a pcp list and the buddy at a time:
 * a quarter of min(managed/1024, 1 MiB of pages), then rounded down to
 * 2^n - 1 (a power of two was found to alias badly in caches).  DMA32
 * with 772918 pages: min(754, 256) / 4 = 64 -> rounddown_pow2(96) - 1 = 63.
 */
static int zone_batchsize(const struct zone *zone)
{
	unsigned long batch = min(zone_managed_pages(zone) >> 10, SZ_1M / PAGE_SIZE);

	batch /= 4;
	if (batch < 1)
		batch = 1;
	return (int)rounddown_pow_of_two(batch + batch / 2) - 1;
}

/*
 * zone_highsize - the high mark: the zone's low watermark (or managed /
 * @high_fraction) split over the CPUs of the zone's node (all CPUs if it
 * has none), but at least 4 batches.
 */
static int zone_highsize(const struct machine *m, const struct zone *zone, int batch,
			 int cpu_online, int high_fraction)
{
	unsigned long total_pages;
	int nr_split_cpus = cpu_online, high;

	if (!high_fraction)
		total_pages = low_wmark_pages(zone);
	else
		total_pages = zone_managed_pages(zone) / (unsigned long)high_fraction;

	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		if (m->cpu_to_node[cpu] == zone_to_nid(zone))
			nr_split_cpus++;
	if (!nr_split_cpus)
		nr_split_cpus = m->nr_cpu_ids;
	high = (int)(total_pages / (unsigned long)nr_split_cpus);
	return max(high, batch << 2);
}

/* Fresh lists: empty, high 0 and batch 1 until first sized (boot pageset). */
static void pcp_init(struct per_cpu_pages *pcp)
{
	for (int i = 0; i < NR_PCP_LISTS; i++)
		INIT_LIST_HEAD(&pcp->lists[i]);
	pcp->count = 0;
	pcp->high = pcp->high_min = pcp->high_max = 0;
	pcp->batch = 1;
}

static void __zone_set_pageset_high_and_batch(struct machine *m, struct zone *zone,
					      int high_min, int high_max, int batch)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		pcp->batch = batch;
		pcp->high_min = high_min;
		pcp->high_max = high_max;
		/* pcp->high itself is clamped lazily on the next use */
	}
}

static void zone_set_pageset_high_and_batch(struct machine *m, struct zone *zone,
					    int cpu_online)
{
	int fraction = m->vm.percpu_pagelist_high_fraction;
	int batch = max(1, zone_batchsize(zone)), high_min, high_max;

	if (fraction) {
		/* a fixed fraction: no auto-tuning between min and max */
		high_min = zone_highsize(m, zone, batch, cpu_online, fraction);
		high_max = high_min;
	} else {
		high_min = zone_highsize(m, zone, batch, cpu_online, 0);
		high_max = zone_highsize(m, zone, batch, cpu_online,
					 MIN_PERCPU_PAGELIST_HIGH_FRACTION);
	}
	if (zone->pageset_high_min == high_min && zone->pageset_high_max == high_max &&
	    zone->pageset_batch == batch)
		return;
	zone->pageset_high_min = high_min;
	zone->pageset_high_max = high_max;
	zone->pageset_batch = batch;
	__zone_set_pageset_high_and_batch(m, zone, high_min, high_max, batch);
}

/*
 * setup_pcp_sizes - zone_pcp_update(zone, 0) for every zone.  Expects
 * zone->per_cpu_pageset allocated (nr_cpu_ids entries) before any page is
 * freed; lists that were never initialised (all-zero memory) are set up
 * here as Linux's boot pageset: empty, high 0, batch 1.
 */
void setup_pcp_sizes(struct machine *m)
{
	struct pglist_data *pgdat;
	int nid;

	for_each_online_pgdat(m, pgdat, nid) {
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (!zone->per_cpu_pageset)
				continue;
			for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
				if (!zone->per_cpu_pageset[cpu].lists[0].next)
					pcp_init(&zone->per_cpu_pageset[cpu]);
			zone_set_pageset_high_and_batch(m, zone, 0);
		}
	}
}

void zone_pcp_disable(struct machine *m, struct zone *z)
{
	if (!z->per_cpu_pageset)
		return;
	__zone_set_pageset_high_and_batch(m, z, 0, 0, 1);
	drain_zone_pages(m, z, -1);
}

void zone_pcp_enable(struct machine *m, struct zone *z)
{
	if (!z->per_cpu_pageset)
		return;
	__zone_set_pageset_high_and_batch(m, z, z->pageset_high_min, z->pageset_high_max,
					  z->pageset_batch);
}

/* ------------------------------------------------------------------ */
/* The high mark, adapting                                             */
/* ------------------------------------------------------------------ */

static int clamp_high(struct per_cpu_pages *pcp)
{
	pcp->high = clamp(pcp->high, pcp->high_min, pcp->high_max);
	return pcp->high;
}

/*
 * nr_pcp_high - the count at which a free gives pages back.  Below the
 * zone's high watermark (or while kswapd reclaims it) pcp->high shrinks by
 * what was freed lately; a list that filled up grows it to hold a batch
 * more.  A burst of high-order frees (@free_high) drains fully.
 */
static int nr_pcp_high(struct per_cpu_pages *pcp, struct zone *zone, int batch, bool free_high)
{
	int high = clamp_high(pcp);
	int high_min = pcp->high_min, high_max = pcp->high_max;

	if (!high)
		return 0;
	if (free_high) {
		pcp->high = max(high - (batch << CONFIG_PCP_BATCH_SCALE_MAX), high_min);
		return 0;
	}
	if (zone_test_bit(zone, ZONE_RECLAIM_ACTIVE)) {
		int free_count = max(pcp->free_count, batch);

		pcp->high = max(high - free_count, high_min);
		return min(batch << 2, pcp->high);
	}
	if (high_min == high_max)
		return high;
	if (zone_test_bit(zone, ZONE_BELOW_HIGH)) {
		int free_count = max(pcp->free_count, batch);

		pcp->high = max(high - free_count, high_min);
		high = max(pcp->count, high_min);
	} else if (pcp->count >= high) {
		int need_high = pcp->free_count + batch;

		if (pcp->high < need_high)
			pcp->high = clamp(need_high, high_min, high_max);
	}
	return high;
}

/* How many pages a free over the high mark gives back. */
static int nr_pcp_free(const struct per_cpu_pages *pcp, int batch, int high, bool free_high)
{
	if (free_high)
		return min(pcp->count, batch << CONFIG_PCP_BATCH_SCALE_MAX);
	if (high < batch)	/* pcp disabled */
		return 1;
	/* keep a batch; give back as many as were freed in a row */
	return clamp(pcp->free_count, batch, high - batch);
}

/*
 * nr_pcp_alloc - how many blocks a refill takes.  Consecutive order-0
 * refills without a free double the batch (alloc_factor, up to 2^5).
 */
static int nr_pcp_alloc(struct per_cpu_pages *pcp, struct zone *zone, unsigned int order)
{
	int base_batch = pcp->batch, batch, high, max_nr_alloc;

	high = clamp_high(pcp);
	if (high < base_batch)	/* pcp disabled */
		return 1;
	batch = order ? base_batch : base_batch << pcp->alloc_factor;
	if (pcp->high_min != pcp->high_max && !zone_test_bit(zone, ZONE_BELOW_HIGH))
		high = pcp->high = min(high + batch, pcp->high_max);
	if (!order) {
		max_nr_alloc = max(high - pcp->count - base_batch, base_batch);
		if (batch <= max_nr_alloc && pcp->alloc_factor < CONFIG_PCP_BATCH_SCALE_MAX)
			pcp->alloc_factor++;
		batch = min(batch, max_nr_alloc);
	}
	if (batch > 1)
		batch = max(batch >> order, 2);
	return batch;
}

/*
 * decay_pcp_high - (see linux/mm.h) the periodic shrink of an idle list:
 * high drops by an eighth towards high_min, and the excess goes back a
 * batch at a time.
 */
int decay_pcp_high(struct machine *m, struct zone *z, struct per_cpu_pages *pcp)
{
	int todo = 0, to_drain;

	if (pcp->high > pcp->high_min) {
		int h = max(pcp->count - (pcp->batch << CONFIG_PCP_BATCH_SCALE_MAX),
			    pcp->high - (pcp->high >> 3));

		pcp->high = max(h, pcp->high_min);
		if (pcp->high > pcp->high_min)
			todo++;
	}
	for (to_drain = pcp->count - pcp->high; to_drain > 0; to_drain -= pcp->batch) {
		free_pcppages_bulk(m, z, min(to_drain, pcp->batch), pcp, 0);
		todo++;
	}
	return todo;
}

/* ------------------------------------------------------------------ */
/* Allocating from and freeing to the lists                            */
/* ------------------------------------------------------------------ */

bool rmqueue_pcp_refill(struct machine *m, struct zone *zone, struct per_cpu_pages *pcp,
			struct list_head *list, unsigned int order, int migratetype,
			unsigned int alloc_flags)
{
	int got = rmqueue_bulk(m, zone, order, nr_pcp_alloc(pcp, zone, order), list,
			       migratetype, alloc_flags);

	pcp->count += got << order;
	return !list_empty(list);
}

void free_pcppages_bulk(struct machine *m, struct zone *zone, int count,
			struct per_cpu_pages *pcp, unsigned int pindex)
{
	count = min(pcp->count, count);
	/* start the round robin at @pindex itself */
	pindex = pindex ? pindex - 1 : NR_PCP_LISTS - 1;

	while (count > 0) {
		struct list_head *list;
		unsigned int order;

		do {
			pindex = pindex + 1 < NR_PCP_LISTS ? pindex + 1 : 0;
			list = &pcp->lists[pindex];
		} while (list_empty(list));

		order = pindex_to_order(pindex);
		do {
			struct page *page = list_last_entry(list, struct page, lru);
			unsigned long pfn = page_to_pfn(m, page);

			list_del(&page->lru);
			count -= 1 << order;
			pcp->count -= 1 << order;
			__free_one_page(m, zone, page, pfn, order,
					get_pfnblock_migratetype(zone, pfn), FPI_NONE);
		} while (count > 0 && !list_empty(list));
	}
}

void free_frozen_page_commit(struct machine *m, struct zone *zone, struct page *page,
			     int migratetype, unsigned int order)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(m, zone);
	unsigned int pindex = order_to_pindex(migratetype, order);
	bool free_high = false;
	int batch = pcp->batch, high;

	/* a free halves the run of allocations that scales refills */
	pcp->alloc_factor >>= 1;
	count_vm_events(m, PGFREE, 1UL << order);
	list_add(&page->lru, &pcp->lists[pindex]);
	pcp->count += 1 << order;

	/* Orders 1..3 left on the lists fragment memory: a run of such frees
	 * without allocations drains them. */
	if (order && order <= PAGE_ALLOC_COSTLY_ORDER) {
		free_high = pcp->free_count >= batch + pcp->high_min / 2 &&
			    (pcp->flags & PCPF_PREV_FREE_HIGH_ORDER) &&
			    (!(pcp->flags & PCPF_FREE_HIGH_BATCH) || pcp->count >= batch);
		pcp->flags |= PCPF_PREV_FREE_HIGH_ORDER;
	} else {
		pcp->flags &= ~PCPF_PREV_FREE_HIGH_ORDER;
	}
	if (pcp->free_count < (batch << CONFIG_PCP_BATCH_SCALE_MAX))
		pcp->free_count += 1 << order;

	high = nr_pcp_high(pcp, zone, batch, free_high);
	if (pcp->count >= high) {
		free_pcppages_bulk(m, zone, nr_pcp_free(pcp, batch, high, free_high), pcp, pindex);
		if (zone_test_bit(zone, ZONE_BELOW_HIGH) &&
		    zone_watermark_ok(zone, 0, high_wmark_pages(zone), ZONE_MOVABLE, 0))
			zone_clear_bit(zone, ZONE_BELOW_HIGH);
	}
}

/* ------------------------------------------------------------------ */
/* Draining                                                            */
/* ------------------------------------------------------------------ */

/* drain_pages_zone: empty one CPU's lists of one zone, 2^5 batches at a time. */
static void drain_pages_zone(struct machine *m, int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

	while (pcp->count) {
		int to_drain = min(pcp->count, pcp->batch << CONFIG_PCP_BATCH_SCALE_MAX);

		free_pcppages_bulk(m, zone, to_drain, pcp, 0);
	}
}

void drain_zone_pages(struct machine *m, struct zone *z, int cpu)
{
	if (!z->per_cpu_pageset)
		return;
	if (cpu >= 0) {
		drain_pages_zone(m, cpu, z);
		return;
	}
	for (cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		drain_pages_zone(m, cpu, z);
}

/* drain_all_pages(NULL): every CPU, and on each every populated zone. */
void drain_all_pages(struct machine *m)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		struct pglist_data *pgdat;
		int nid;

		for_each_online_pgdat(m, pgdat, nid)
			for (int z = 0; z < MAX_NR_ZONES; z++) {
				struct zone *zone = &pgdat->node_zones[z];

				if (populated_zone(zone) && zone->per_cpu_pageset)
					drain_pages_zone(m, cpu, zone);
			}
	}
}
