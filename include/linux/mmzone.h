/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Nodes, zones, free areas, per-CPU page lists and zonelists, shaped as
 * include/linux/mmzone.h shapes them.
 *
 * Who owns what:
 *   boot (mm/mm_init.c)          zone/node geometry, pageblock_flags, names
 *   mm/page_alloc.c              free_area, vm_stat[NR_FREE_PAGES], numa stats
 *   mm/page_pcp.c                per_cpu_pages (count, lists, high, batch)
 *   mm/page_wmark.c              _watermark, lowmem_reserve, watermark_boost
 *   mm/zonelist.c                node_zonelists
 * fs/proc reads all of it and writes none.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include "linux/list.h"
#include "linux/mm_types.h"
#include "linux/vmstat_items.h"

#define MAX_PAGE_ORDER		10
#define NR_PAGE_ORDERS		(MAX_PAGE_ORDER + 1)
#define pageblock_order		9
#define pageblock_nr_pages	(1UL << pageblock_order)
#define PAGE_ALLOC_COSTLY_ORDER	3

#define MAX_NUMNODES	64
#define NR_CPUS		256

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the number of types on the pcp lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_ISOLATE,	/* can't allocate from here */
	MIGRATE_TYPES
};

extern const char *const migratetype_names[MIGRATE_TYPES];

enum zone_type {
	ZONE_DMA,	/* below 16 MiB */
	ZONE_DMA32,	/* below 4 GiB */
	ZONE_NORMAL,
	ZONE_MOVABLE,	/* from movablecore= / kernelcore= */
	ZONE_DEVICE,	/* always empty in mmsim */
	MAX_NR_ZONES
};

extern const char *const zone_names[MAX_NR_ZONES];

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO,
	NR_WMARK
};

enum zone_stat_item { ZONE_STAT_ITEMS(__VMSTAT_ENUM) NR_VM_ZONE_STAT_ITEMS };
enum numa_stat_item { NUMA_STAT_ITEMS(__VMSTAT_ENUM) NR_VM_NUMA_EVENT_ITEMS };
enum node_stat_item { NODE_STAT_ITEMS(__VMSTAT_ENUM) NR_VM_NODE_STAT_ITEMS };
enum writeback_stat_item { WRITEBACK_STAT_ITEMS(__VMSTAT_ENUM) NR_VM_WRITEBACK_STAT_ITEMS };
/*
 * The LRU lists, in the order of their node_stat_item counters (Linux's
 * enum lru_list: NR_LRU_BASE + lru is the list's count).
 */
#define NR_LRU_BASE	NR_INACTIVE_ANON
#define LRU_BASE	0
#define LRU_ACTIVE	1
#define LRU_FILE	2
enum lru_list {
	LRU_INACTIVE_ANON = LRU_BASE,
	LRU_ACTIVE_ANON = LRU_BASE + LRU_ACTIVE,
	LRU_INACTIVE_FILE = LRU_BASE + LRU_FILE,
	LRU_ACTIVE_FILE = LRU_BASE + LRU_FILE + LRU_ACTIVE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};
_Static_assert(NR_LRU_BASE + LRU_UNEVICTABLE == NR_UNEVICTABLE, "LRU counters in list order");

enum memmap_stat_item { MEMMAP_STAT_ITEMS(__VMSTAT_ENUM) NR_MEMMAP_STAT_ITEMS };
enum vm_event_item { VM_EVENT_ITEMS(__VMSTAT_ENUM) NR_VM_EVENT_ITEMS };

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order, all types */
};

/*
 * Per-CPU page lists: one list per (migratetype, order) for orders up to
 * PAGE_ALLOC_COSTLY_ORDER, plus two for pageblock_order (THP: movable and
 * not movable), as Linux 6.8+ (NR_PCP_THP).
 */
#define NR_LOWORDER_PCP_LISTS	(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))
#define NR_PCP_THP		2
#define NR_PCP_LISTS		(NR_LOWORDER_PCP_LISTS + NR_PCP_THP)

/* per_cpu_pages.flags */
#define PCPF_PREV_FREE_HIGH_ORDER	0x01	/* the last free was of order 1..3 */
#define PCPF_FREE_HIGH_BATCH		0x02	/* cache is big enough to keep a batch */

struct per_cpu_pages {
	int count;		/* pages on all the lists */
	int high;		/* drain above this (adapts between high_min/max) */
	int high_min;		/* lower bound of high */
	int high_max;		/* upper bound of high */
	int batch;		/* chunk added to / removed from the buddy */
	u8 flags;		/* PCPF_* */
	u8 alloc_factor;	/* batch scaling on refill */
	short free_count;	/* consecutive frees since the last alloc */
	struct list_head lists[NR_PCP_LISTS];
};

struct zone;

struct zoneref {
	struct zone *zone;
	int zone_idx;
};

#define MAX_ZONES_PER_ZONELIST	(MAX_NUMNODES * MAX_NR_ZONES)

enum {
	ZONELIST_FALLBACK,	/* all nodes, in fallback order */
	ZONELIST_NOFALLBACK,	/* this node only, for __GFP_THISNODE */
	MAX_ZONELISTS
};

struct zonelist {
	struct zoneref _zonerefs[MAX_ZONES_PER_ZONELIST + 1]; /* NULL-terminated */
};

struct pglist_data;
struct machine;

/* zone->flags bits (enum zone_flags in Linux) */
enum zone_flags {
	ZONE_BOOSTED_WATERMARK,	/* a fallback boosted the watermark: wake kswapd */
	ZONE_RECLAIM_ACTIVE,	/* kswapd is reclaiming here: keep pcp small */
	ZONE_BELOW_HIGH,	/* free pages fell below the high watermark */
};

struct zone {
	/* set by mm/page_wmark.c from min_free_kbytes and friends */
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;	/* pages in HIGHATOMIC pageblocks */
	unsigned long nr_free_highatomic;	/* free pages on HIGHATOMIC lists */
	long lowmem_reserve[MAX_NR_ZONES];
	unsigned long flags;			/* ZONE_* bits, see enum zone_flags */

	/* geometry, fixed at boot */
	struct pglist_data *zone_pgdat;
	int node;
	const char *name;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* end - start, holes included */
	unsigned long present_pages;	/* physical pages in the span */
	unsigned long present_early_pages;
	unsigned long managed_pages;	/* present minus memblock-reserved */
	unsigned long cma_pages;
	u8 *pageblock_mt;		/* migratetype of each pageblock */

	/* per-CPU lists (mm/page_pcp.c) */
	struct per_cpu_pages *per_cpu_pageset;	/* [nr_cpus] */
	int pageset_high_min;
	int pageset_high_max;
	int pageset_batch;

	/* the buddy allocator (mm/page_alloc.c) */
	struct free_area free_area[NR_PAGE_ORDERS];

	/* counters */
	long vm_stat[NR_VM_ZONE_STAT_ITEMS];
	unsigned long vm_numa_event[NR_VM_NUMA_EVENT_ITEMS];
};

struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones;			/* highest populated zone index + 1 */
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	struct machine *machine;	/* back pointer */

	unsigned long totalreserve_pages;
	bool kswapd_wake_pending;	/* hook for the reclaim issue */
	unsigned long kswapd_wakeups;	/* times wakeup_kswapd() was called */

	long vm_stat[NR_VM_NODE_STAT_ITEMS];
};

/* Zone accessors, as Linux names them. */
static inline unsigned long zone_managed_pages(const struct zone *z)
{
	return z->managed_pages;
}
static inline bool populated_zone(const struct zone *z)
{
	return z->present_pages != 0;
}
static inline bool managed_zone(const struct zone *z)
{
	return z->managed_pages != 0;
}
static inline unsigned long zone_end_pfn(const struct zone *z)
{
	return z->zone_start_pfn + z->spanned_pages;
}
static inline bool zone_spans_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn >= z->zone_start_pfn && pfn < zone_end_pfn(z);
}
static inline int zone_idx(const struct zone *z)
{
	return (int)(z - z->zone_pgdat->node_zones);
}
static inline int zone_to_nid(const struct zone *z) { return z->node; }

static inline unsigned long wmark_pages(const struct zone *z, enum zone_watermarks w)
{
	return z->_watermark[w] + z->watermark_boost;
}
#define min_wmark_pages(z)	wmark_pages(z, WMARK_MIN)
#define low_wmark_pages(z)	wmark_pages(z, WMARK_LOW)
#define high_wmark_pages(z)	wmark_pages(z, WMARK_HIGH)
#define promo_wmark_pages(z)	wmark_pages(z, WMARK_PROMO)

#endif
