/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the page allocator's files share with each other and nobody else
 * (Linux keeps these in mm/internal.h): the allocation control struct,
 * buddy-page helpers, pageblock migratetype lookup, the pcp list index,
 * and the entry points between mm/page_alloc.c (buddy lists, watermarks,
 * the allocation paths), mm/page_pcp.c (per-CPU lists) and
 * mm/debug_page_alloc.c (the validator).  Unit tests and bench/ include it
 * to reach inside; nothing outside mm/ should.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/vmstat.h"

/* Linux's Kconfig defaults on x86-64. */
#define CONFIG_PCP_BATCH_SCALE_MAX	5
#define HPAGE_PMD_ORDER			pageblock_order
#define MIN_PERCPU_PAGELIST_HIGH_FRACTION 8
#define MAX_RECLAIM_RETRIES		16
#define SWAP_CLUSTER_MAX		32UL

/* Free Page Internal flags (fpi_t). */
#define FPI_NONE	0x0
#define FPI_TO_TAIL	0x2	/* put the merged block at the list tail */

/*
 * struct alloc_context - what one allocation needs to know on every pass
 * through the zonelist (Linux's struct alloc_context).  Set up once by
 * prepare_alloc_pages(); the slow path may move preferred_zoneref.
 */
struct alloc_context {
	struct zonelist *zonelist;	/* zones to try, best first */
	struct zoneref *preferred_zoneref; /* first eligible entry of zonelist:
					    * where the walk starts and the zone
					    * NUMA hit/miss is judged against */
	int migratetype;		/* free lists wanted (gfp_migratetype) */
	enum zone_type highest_zoneidx;	/* highest zone usable (gfp_zone) */
	bool spread_dirty_pages;	/* __GFP_WRITE: honour node dirty limits
					 * (a no-op until writeback exists) */
};

/* How __rmqueue found pages last time, so a bulk refill skips dead ends. */
enum rmqueue_mode {
	RMQUEUE_NORMAL,		/* the requested migratetype's own lists */
	RMQUEUE_CLAIM,		/* claim a whole pageblock of another type */
	RMQUEUE_STEAL,		/* take one block from another type's list */
};

/* ---- buddy pages ---- */

static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	__SetPageBuddy(page);
}

static inline int page_count(const struct page *page)
{
	return page->_refcount;
}

/* ---- pageblock migratetypes (zone->pageblock_mt) ---- */

/*
 * The slot of @pfn's pageblock.  zone->pageblock_mt is indexed from the
 * pageblock-aligned start of the zone (a zone need not start aligned: DMA
 * starts at pfn 1), as Linux's usemap is.
 */
static inline u8 *pageblock_mt_slot(const struct zone *z, unsigned long pfn)
{
	return &z->pageblock_mt[(pfn - ALIGN_DOWN(z->zone_start_pfn, pageblock_nr_pages))
				>> pageblock_order];
}

static inline int get_pfnblock_migratetype(const struct zone *z, unsigned long pfn)
{
	return *pageblock_mt_slot(z, pfn);
}

static inline bool is_migrate_highatomic(int mt)
{
	return mt == MIGRATE_HIGHATOMIC;
}

static inline bool is_migrate_isolate(int mt)
{
	return mt == MIGRATE_ISOLATE;
}

/* Blocks of these types may merge with each other beyond pageblock_order. */
static inline bool migratetype_is_mergeable(int mt)
{
	return mt < MIGRATE_PCPTYPES;
}

static inline unsigned long pageblock_start_pfn(unsigned long pfn)
{
	return ALIGN_DOWN(pfn, pageblock_nr_pages);
}

static inline unsigned long pageblock_end_pfn(unsigned long pfn)
{
	return ALIGN_DOWN(pfn, pageblock_nr_pages) + pageblock_nr_pages;
}

/* ---- per-CPU list index ---- */

/* Orders the pcp lists hold: 0..PAGE_ALLOC_COSTLY_ORDER and the THP order. */
static inline bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER || order == HPAGE_PMD_ORDER;
}

static inline unsigned int order_to_pindex(int migratetype, unsigned int order)
{
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return NR_LOWORDER_PCP_LISTS + (migratetype == MIGRATE_MOVABLE);
	return MIGRATE_PCPTYPES * order + (unsigned int)migratetype;
}

static inline unsigned int pindex_to_order(unsigned int pindex)
{
	if (pindex >= NR_LOWORDER_PCP_LISTS)
		return HPAGE_PMD_ORDER;
	return pindex / MIGRATE_PCPTYPES;
}

static inline struct per_cpu_pages *this_cpu_pcp(const struct machine *m, struct zone *z)
{
	return &z->per_cpu_pageset[m->current_cpu];
}

/* ---- zone flags ---- */

static inline bool zone_test_bit(const struct zone *z, int bit)
{
	return z->flags & (1UL << bit);
}
static inline void zone_set_bit(struct zone *z, int bit) { z->flags |= 1UL << bit; }
static inline void zone_clear_bit(struct zone *z, int bit) { z->flags &= ~(1UL << bit); }

/* ---- mm/page_alloc.c ---- */

/*
 * __free_one_page - put 2^order free pages starting at @pfn (one pageblock
 * type @mt) on @zone's free lists, merging with free buddies as far as
 * they go, and count them in NR_FREE_PAGES.  FPI_TO_TAIL in @fpi puts the
 * result at the list tail.  The pages must not be on any list.
 */
void __free_one_page(struct machine *m, struct zone *zone, struct page *page,
		     unsigned long pfn, unsigned int order, int mt, int fpi);

/*
 * zone_statistics - count one allocation (not per page) in the NUMA
 * counters: hit when @z is on @preferred's node, else miss here and
 * foreign on @preferred; local or other against the node of the
 * allocating CPU.  Nothing with vm.numa_stat off.
 */
static inline void zone_statistics(struct machine *m, struct zone *preferred, struct zone *z)
{
	if (!m->vm.numa_stat)
		return;
	if (zone_to_nid(z) == zone_to_nid(preferred)) {
		z->vm_numa_event[NUMA_HIT]++;
	} else {
		z->vm_numa_event[NUMA_MISS]++;
		preferred->vm_numa_event[NUMA_FOREIGN]++;
	}
	z->vm_numa_event[zone_to_nid(z) == numa_node_id(m) ? NUMA_LOCAL : NUMA_OTHER]++;
}

/*
 * __zone_watermark_ok - the watermark test with the caller's count of free
 * pages (Linux's __zone_watermark_ok).
 */
bool __zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages);

/*
 * rmqueue_bulk - move up to @count blocks of 2^order pages of
 * @migratetype from the buddy (__rmqueue, falling back as it does) to the
 * tail of @list, in the order the buddy hands them out (split halves come
 * in pfn order).  Returns how many it moved; NR_FREE_PAGES drops by them.
 * The pcp refill (mm/page_pcp.c) calls it.
 */
int rmqueue_bulk(struct machine *m, struct zone *zone, unsigned int order, int count,
		 struct list_head *list, int migratetype, unsigned int alloc_flags);

/* ---- mm/page_pcp.c ---- */

/*
 * rmqueue_pcp_refill - @list (of @pcp, the current CPU's lists of @zone)
 * is empty: move a batch of 2^order blocks of @migratetype from the buddy
 * to it (nr_pcp_alloc decides how many).  Returns false if the buddy had
 * none.
 */
bool rmqueue_pcp_refill(struct machine *m, struct zone *zone, struct per_cpu_pages *pcp,
			struct list_head *list, unsigned int order, int migratetype,
			unsigned int alloc_flags);

/*
 * rmqueue_pcplist - take a 2^order block of @migratetype from the current
 * CPU's list of @zone, refilling it from the buddy in a batch when empty.
 * Counts pgalloc and the NUMA event.  Returns NULL if the buddy is empty.
 * Inline (Linux's is static in mm/page_alloc.c): most allocations end
 * here, and the pop is a few loads and stores; the refill is out of line.
 */
static inline struct page *rmqueue_pcplist(struct machine *m, struct zone *preferred,
					   struct zone *zone, unsigned int order,
					   int migratetype, unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = this_cpu_pcp(m, zone);
	struct list_head *list = &pcp->lists[order_to_pindex(migratetype, order)];
	struct page *page;

	/* an allocation halves the run of frees that scales free batches */
	pcp->free_count >>= 1;
	if (__builtin_expect(list_empty(list), 0) &&
	    !rmqueue_pcp_refill(m, zone, pcp, list, order, migratetype, alloc_flags))
		return NULL;
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count -= 1 << order;

	count_vm_events(m, PGALLOC_DMA + zone_idx(zone), 1UL << order);
	zone_statistics(m, preferred, zone);
	return page;
}

/*
 * free_frozen_page_commit - put a freed (checked, refcount 0) block on the
 * current CPU's list of @zone and give a batch back to the buddy when the
 * list is over its high mark.  Counts pgfree.
 */
void free_frozen_page_commit(struct machine *m, struct zone *zone, struct page *page,
			     int migratetype, unsigned int order);

/*
 * free_pcppages_bulk - return @count pages from @pcp to the buddy, round
 * robin over the lists starting with list @pindex, oldest pages first.
 */
void free_pcppages_bulk(struct machine *m, struct zone *zone, int count,
			struct per_cpu_pages *pcp, unsigned int pindex);

#endif
