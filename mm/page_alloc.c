// SPDX-License-Identifier: GPL-2.0-only
/*
 * The buddy allocator (mm/page_alloc.c): free areas of orders 0..10 per
 * zone, one list per migratetype; freeing merges a block with its buddy
 * as far as it goes, allocating splits (expand); when a migratetype's
 * lists are empty it claims whole pageblocks of another type or steals a
 * block from one, in Linux 6.18's fallback order; high-order atomic
 * allocations reserve HIGHATOMIC pageblocks; zone watermarks with
 * lowmem_reserve gate every allocation, and the allocation walks its
 * zonelist (local node first) counting NUMA hits and misses.  The slow
 * path goes as far as the point where Linux reclaims and compacts: that
 * point is a hook, marked below, for the reclaim issue.
 *
 * Leaves out: CMA, memory isolation and hotplug, page reporting and
 * shuffling (mmsim never shuffles, so list order is deterministic),
 * cpusets and mempolicy nodemasks, defrag_mode, init_on_free, KASAN/KMSAN,
 * memcg charging, compaction capture, deferred struct page init.
 *
 * Callers: mm/mm_init.c at boot (__free_pages_core,
 * set_pageblock_migratetype), kernel/kactor.c and every later mm/ file
 * (__alloc_pages, __free_pages), mm/page_pcp.c (rmqueue_bulk, its
 * refill's loop, here so that __rmqueue's common case inlines into it;
 * __free_one_page).
 */
#include <stdio.h>
#include <string.h>
#include "internal.h"

/* ------------------------------------------------------------------ */
/* Pageblock migratetypes                                             */
/* ------------------------------------------------------------------ */

int get_pageblock_migratetype(const struct machine *m, unsigned long pfn)
{
	return get_pfnblock_migratetype(page_zone(m, pfn_to_page(m, pfn)), pfn);
}

void set_pageblock_migratetype(struct machine *m, unsigned long pfn, int mt)
{
	if (m->page_group_by_mobility_disabled && mt < MIGRATE_PCPTYPES)
		mt = MIGRATE_UNMOVABLE;
	*pageblock_mt_slot(page_zone(m, pfn_to_page(m, pfn)), pfn) = (u8)mt;
}

/* Set every pageblock of a block of order >= pageblock_order to @mt. */
static void change_pageblock_range(struct machine *m, unsigned long pfn,
				   unsigned int order, int mt)
{
	unsigned long nr = 1UL << (order - pageblock_order);

	for (; nr--; pfn += pageblock_nr_pages)
		set_pageblock_migratetype(m, pfn, mt);
}

/* ------------------------------------------------------------------ */
/* Free lists and their counters                                      */
/* ------------------------------------------------------------------ */

/*
 * Free pages of every type but ISOLATE count in NR_FREE_PAGES; those of
 * HIGHATOMIC blocks are also tracked so that watermark checks can keep
 * ordinary allocations off them.
 */
static void account_freepages(struct zone *zone, long nr, int mt)
{
	if (is_migrate_isolate(mt))
		return;
	mod_zone_page_state(zone, NR_FREE_PAGES, nr);
	if (is_migrate_highatomic(mt))
		zone->nr_free_highatomic += nr;
}

/* Link a free block (not on any list) into its free list. */
static void __add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
			       int mt, bool tail)
{
	struct free_area *area = &zone->free_area[order];

	if (tail)
		list_add_tail(&page->lru, &area->free_list[mt]);
	else
		list_add(&page->lru, &area->free_list[mt]);
	area->nr_free++;
	if (order >= pageblock_order && !is_migrate_isolate(mt))
		mod_zone_page_state(zone, NR_FREE_PAGES_BLOCKS, 1L << order);
}

/* Move a free block from one type's list to another's (tail). */
static void move_to_free_list(struct page *page, struct zone *zone, unsigned int order,
			      int old_mt, int new_mt)
{
	struct free_area *area = &zone->free_area[order];
	long nr = 1L << order;

	list_move_tail(&page->lru, &area->free_list[new_mt]);
	account_freepages(zone, -nr, old_mt);
	account_freepages(zone, nr, new_mt);
	if (order >= pageblock_order && is_migrate_isolate(old_mt) != is_migrate_isolate(new_mt))
		mod_zone_page_state(zone, NR_FREE_PAGES_BLOCKS,
				    is_migrate_isolate(old_mt) ? nr : -nr);
}

/* Unlink a free block; the caller fixes NR_FREE_PAGES. */
static void __del_page_from_free_list(struct page *page, struct zone *zone,
				      unsigned int order, int mt)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
	if (order >= pageblock_order && !is_migrate_isolate(mt))
		mod_zone_page_state(zone, NR_FREE_PAGES_BLOCKS, -(1L << order));
}

static struct page *get_page_from_free_area(struct free_area *area, int mt)
{
	return list_first_entry_or_null(&area->free_list[mt], struct page, lru);
}

static bool free_area_empty(const struct free_area *area, int mt)
{
	return list_empty(&area->free_list[mt]);
}

/* ------------------------------------------------------------------ */
/* Freeing: merging buddies                                           */
/* ------------------------------------------------------------------ */

/* Is @buddy a free block of exactly @order in the same zone as @page? */
static bool page_is_buddy(const struct page *page, const struct page *buddy,
			  unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       buddy->nid == page->nid && buddy->zone_idx == page->zone_idx;
}

/*
 * The buddy of the order-@order block at @pfn is the block whose pfn
 * differs in bit @order.  Returns it if it is free and mergeable, else
 * NULL; *buddy_pfn gets its pfn either way.
 */
static struct page *find_buddy_page_pfn(struct machine *m, struct page *page,
					unsigned long pfn, unsigned int order,
					unsigned long *buddy_pfn)
{
	unsigned long bpfn = pfn ^ (1UL << order);
	struct page *buddy;

	if (buddy_pfn)
		*buddy_pfn = bpfn;
	if (!pfn_valid(m, bpfn))
		return NULL;
	buddy = pfn_to_page(m, bpfn);
	return page_is_buddy(page, buddy, order) ? buddy : NULL;
}

/*
 * When the block just freed could merge one order higher as soon as its
 * neighbour is freed, put it at the tail so it is handed out last and has
 * a chance to merge (Linux's buddy_merge_likely).
 */
static bool buddy_merge_likely(struct machine *m, unsigned long pfn, unsigned long buddy_pfn,
			       struct page *page, unsigned int order)
{
	unsigned long higher_pfn;

	if (order >= MAX_PAGE_ORDER - 1)
		return false;
	higher_pfn = buddy_pfn & pfn;
	/* higher_pfn <= pfn: step back, never add a wrapped offset */
	return find_buddy_page_pfn(m, page - (pfn - higher_pfn), higher_pfn, order + 1,
				   NULL) != NULL;
}

/*
 * Merging, drawn for order 0 at pfn 5 with pfns 4 and 6..7 free:
 *
 *   pfn   4   5   6   7           4   5   6   7
 *        [F] [x] [F   F]   ->    [F   F   F   F]   one order-2 block at 4
 *
 * 5's order-0 buddy is 4 (5 ^ 1); merged, the order-1 block at 4 has buddy
 * 6 (4 ^ 2), free at order 1; merged again: order 2 at 4, whose buddy 0
 * is not free, so it stops.
 */
void __free_one_page(struct machine *m, struct zone *zone, struct page *page,
		     unsigned long pfn, unsigned int order, int mt, int fpi)
{
	unsigned long buddy_pfn = 0, combined_pfn;
	struct page *buddy;
	bool to_tail;

	account_freepages(zone, 1L << order, mt);

	while (order < MAX_PAGE_ORDER) {
		int buddy_mt = mt;

		buddy = find_buddy_page_pfn(m, page, pfn, order, &buddy_pfn);
		if (!buddy)
			break;
		if (order >= pageblock_order) {
			/* Whole pageblocks of types that do not fall back
			 * (HIGHATOMIC, ISOLATE) never merge with other types. */
			buddy_mt = get_pfnblock_migratetype(zone, buddy_pfn);
			if (mt != buddy_mt && (!migratetype_is_mergeable(mt) ||
					       !migratetype_is_mergeable(buddy_mt)))
				break;
		}
		__del_page_from_free_list(buddy, zone, order, buddy_mt);
		if (buddy_mt != mt) {
			/* The merged block is all of our type now: a later
			 * expand() must put its halves on our lists. */
			set_pageblock_migratetype(m, buddy_pfn, mt);
		}
		combined_pfn = buddy_pfn & pfn;
		page -= pfn - combined_pfn;	/* combined_pfn <= pfn */
		pfn = combined_pfn;
		order++;
	}

	set_buddy_order(page, order);
	if (fpi & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(m, pfn, buddy_pfn, page, order);
	__add_to_free_list(page, zone, order, mt, to_tail);
}

/*
 * Free a block directly to the buddy.  A block larger than a pageblock is
 * freed one pageblock at a time, since its pageblocks may be of different
 * types (they merge back if they are mergeable).
 */
static void split_large_buddy(struct machine *m, struct zone *zone, struct page *page,
			      unsigned long pfn, unsigned int order, int fpi)
{
	unsigned long end = pfn + (1UL << order);

	if (order > pageblock_order)
		order = pageblock_order;
	for (; pfn < end; pfn += 1UL << order) {
		page = pfn_to_page(m, pfn);
		__free_one_page(m, zone, page, pfn, order,
				get_pfnblock_migratetype(zone, pfn), fpi);
	}
}

static void free_one_page(struct machine *m, struct zone *zone, struct page *page,
			  unsigned long pfn, unsigned int order, int fpi)
{
	split_large_buddy(m, zone, page, pfn, order, fpi);
	count_vm_events(m, PGFREE, 1UL << order);
}

/* ------------------------------------------------------------------ */
/* Allocating: splitting                                              */
/* ------------------------------------------------------------------ */

/*
 * expand - a block of order @high was taken for an allocation of order
 * @low: give back the upper halves, largest first.  Order 0 from order 2:
 *
 *   [ a   .   .   . ]   ->  [a] [.]  [.   .]
 *                            |   |      `- order-1 block back on the list
 *                            |   `-------- order-0 block back on the list
 *                            `------------ allocated
 *
 * Returns the number of pages put back.
 */
static unsigned long expand(struct zone *zone, struct page *page, unsigned int low,
			    unsigned int high, int mt)
{
	unsigned long size = 1UL << high, added = 0;

	while (high > low) {
		high--;
		size >>= 1;
		__add_to_free_list(&page[size], zone, high, mt, false);
		set_buddy_order(&page[size], high);
		added += size;
	}
	return added;
}

static void page_del_and_expand(struct zone *zone, struct page *page, unsigned int low,
				unsigned int high, int mt)
{
	long nr = 1L << high;

	__del_page_from_free_list(page, zone, high, mt);
	nr -= (long)expand(zone, page, low, high, mt);
	account_freepages(zone, -nr, mt);
}

/* The smallest free block of @mt at least @order big, split to size. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int mt)
{
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		struct page *page = get_page_from_free_area(&zone->free_area[o], mt);

		if (!page)
			continue;
		page_del_and_expand(zone, page, order, o, mt);
		return page;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Fallback: claiming and stealing other types' pageblocks             */
/* ------------------------------------------------------------------ */

/* Which types each type falls back to, in order (Linux 6.18 fallbacks[]). */
static const int fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES - 1] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE,   MIGRATE_MOVABLE },
};

/*
 * Should an allocation of @order falling back from @start_mt try to take
 * the whole pageblock?  Big requests do; unmovable and reclaimable ones
 * always do (leaving them scattered in movable blocks fragments memory for
 * good); small movable ones only steal, since compaction can move them.
 */
static bool should_try_claim_block(const struct machine *m, unsigned int order, int start_mt)
{
	if (order >= pageblock_order / 2)
		return true;
	if (start_mt == MIGRATE_RECLAIMABLE || start_mt == MIGRATE_UNMOVABLE)
		return true;
	return m->page_group_by_mobility_disabled;
}

/*
 * find_suitable_fallback - the first fallback type of @mt with a free
 * block at this order; -1 if none, -2 if @claimable is asked and blocks of
 * this order are too small to be worth claiming.
 */
static int find_suitable_fallback(const struct machine *m, const struct free_area *area,
				  unsigned int order, int mt, bool claimable)
{
	if (claimable && !should_try_claim_block(m, order, mt))
		return -2;
	if (!area->nr_free)
		return -1;
	for (int i = 0; i < MIGRATE_PCPTYPES - 1; i++)
		if (!free_area_empty(area, fallbacks[mt][i]))
			return fallbacks[mt][i];
	return -1;
}

/*
 * A fallback raises the zone's watermarks by a pageblock (up to
 * watermark_boost_factor of the high mark) so that kswapd reclaims a bit
 * more and future fallbacks are less likely.  Only kswapd lowers the boost
 * again: until the reclaim issue it stays.
 */
static bool boost_watermark(const struct machine *m, struct zone *zone)
{
	unsigned long max_boost;

	if (!m->vm.watermark_boost_factor)
		return false;
	if (pageblock_nr_pages * 4 > zone_managed_pages(zone))
		return false;
	max_boost = zone->_watermark[WMARK_HIGH] / 10000 * (unsigned long)m->vm.watermark_boost_factor +
		    zone->_watermark[WMARK_HIGH] % 10000 * (unsigned long)m->vm.watermark_boost_factor / 10000;
	if (!max_boost)
		return false;
	max_boost = max(pageblock_nr_pages, max_boost);
	zone->watermark_boost = min(zone->watermark_boost + pageblock_nr_pages, max_boost);
	return true;
}

/*
 * The pageblock of @page, if it lies wholly in @zone: its first pfn, and
 * optionally how many of its pages are free and how many are movable
 * (on an LRU).
 */
static bool prep_move_freepages_block(struct machine *m, struct zone *zone, struct page *page,
				      unsigned long *start_pfn, long *num_free, long *num_movable)
{
	unsigned long pfn = page_to_pfn(m, page);
	unsigned long start = pageblock_start_pfn(pfn), end = pageblock_end_pfn(pfn);

	if (!zone_spans_pfn(zone, start) || !zone_spans_pfn(zone, end - 1))
		return false;
	*start_pfn = start;
	if (!num_free)
		return true;
	*num_free = *num_movable = 0;
	for (pfn = start; pfn < end;) {
		page = pfn_to_page(m, pfn);
		if (PageBuddy(page)) {
			*num_free += 1L << buddy_order(page);
			pfn += 1UL << buddy_order(page);
			continue;
		}
		if (page->flags & (1UL << PG_lru))
			(*num_movable)++;
		pfn++;
	}
	return true;
}

/* Move every free block of the pageblock at @start_pfn to @new_mt's lists. */
static long __move_freepages_block(struct machine *m, struct zone *zone,
				   unsigned long start_pfn, int old_mt, int new_mt)
{
	unsigned long pfn, end = pageblock_end_pfn(start_pfn);
	long moved = 0;

	for (pfn = start_pfn; pfn < end;) {
		struct page *page = pfn_to_page(m, pfn);
		unsigned int order;

		if (!PageBuddy(page)) {
			pfn++;
			continue;
		}
		order = buddy_order(page);
		move_to_free_list(page, zone, order, old_mt, new_mt);
		pfn += 1UL << order;
		moved += 1L << order;
	}
	return moved;
}

/* Retype @page's pageblock and its free blocks; -1 if it straddles zones. */
static long move_freepages_block(struct machine *m, struct zone *zone, struct page *page,
				 int old_mt, int new_mt)
{
	unsigned long start_pfn;
	long moved;

	if (!prep_move_freepages_block(m, zone, page, &start_pfn, NULL, NULL))
		return -1;
	moved = __move_freepages_block(m, zone, start_pfn, old_mt, new_mt);
	set_pageblock_migratetype(m, start_pfn, new_mt);
	return moved;
}

/*
 * try_to_claim_block - take over @page's pageblock (of @block_type) for
 * @start_type when the free block is a whole pageblock or more, or when at
 * least half of the pageblock is free or already of a compatible kind; then
 * allocate from it.  Returns the page or NULL (block left alone).
 */
static struct page *try_to_claim_block(struct machine *m, struct zone *zone, struct page *page,
				       unsigned int current_order, unsigned int order,
				       int start_type, int block_type, unsigned int alloc_flags)
{
	long free_pages, movable_pages, alike_pages;
	unsigned long start_pfn;

	if (current_order >= pageblock_order) {
		unsigned long nr_added;

		__del_page_from_free_list(page, zone, current_order, block_type);
		account_freepages(zone, -(1L << current_order), block_type);
		change_pageblock_range(m, page_to_pfn(m, page), current_order, start_type);
		nr_added = expand(zone, page, order, current_order, start_type);
		account_freepages(zone, (long)nr_added, start_type);
		return page;
	}

	if (boost_watermark(m, zone) && (alloc_flags & ALLOC_KSWAPD))
		zone_set_bit(zone, ZONE_BOOSTED_WATERMARK);

	if (!prep_move_freepages_block(m, zone, page, &start_pfn, &free_pages, &movable_pages))
		return NULL;

	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (block_type == MIGRATE_MOVABLE)
		/* unmovable and reclaimable count each other's pages alike
		 * only inside a movable block; between themselves they cannot
		 * tell their pages apart, so they count none */
		alike_pages = (long)pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;

	if (free_pages + alike_pages >= (1L << (pageblock_order - 1)) ||
	    m->page_group_by_mobility_disabled) {
		__move_freepages_block(m, zone, start_pfn, block_type, start_type);
		set_pageblock_migratetype(m, start_pfn, start_type);
		return __rmqueue_smallest(zone, order, start_type);
	}
	return NULL;
}

/*
 * __rmqueue_claim - fall back by claiming a whole pageblock, trying the
 * largest free blocks first (the largest free block approximates the
 * emptiest pageblock).  With ALLOC_NOFRAGMENT only whole free pageblocks
 * qualify.  (Linux 6.15 split __rmqueue_fallback into claim and steal.)
 */
static struct page *__rmqueue_claim(struct machine *m, struct zone *zone, unsigned int order,
				    int start_mt, unsigned int alloc_flags)
{
	int min_order = (int)order;

	if (order < pageblock_order && (alloc_flags & ALLOC_NOFRAGMENT))
		min_order = pageblock_order;
	for (int o = MAX_PAGE_ORDER; o >= min_order; o--) {
		struct free_area *area = &zone->free_area[o];
		int fb = find_suitable_fallback(m, area, (unsigned int)o, start_mt, true);
		struct page *page;

		if (fb == -1)
			continue;
		if (fb == -2)
			break;
		page = get_page_from_free_area(area, fb);
		page = try_to_claim_block(m, zone, page, (unsigned int)o, order, start_mt, fb,
					  alloc_flags);
		if (page)
			return page;
	}
	return NULL;
}

/*
 * __rmqueue_steal - fall back by taking the smallest suitable block of
 * another type, leaving its pageblock's type alone (the remainder goes
 * back on that type's lists).
 */
static struct page *__rmqueue_steal(struct machine *m, struct zone *zone, unsigned int order,
				    int start_mt)
{
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		struct free_area *area = &zone->free_area[o];
		int fb = find_suitable_fallback(m, area, o, start_mt, false);
		struct page *page;

		if (fb == -1)
			continue;
		page = get_page_from_free_area(area, fb);
		page_del_and_expand(zone, page, order, o, fb);
		return page;
	}
	return NULL;
}

/* __rmqueue when its own type's lists have nothing: claim, then steal. */
static struct page *__rmqueue_fallback(struct machine *m, struct zone *zone, unsigned int order,
				       int migratetype, unsigned int alloc_flags,
				       enum rmqueue_mode *mode)
{
	struct page *page;

	switch (*mode) {
	case RMQUEUE_NORMAL:		/* its own lists just failed */
	case RMQUEUE_CLAIM:
		page = __rmqueue_claim(m, zone, order, migratetype, alloc_flags);
		if (page) {
			*mode = RMQUEUE_NORMAL;	/* our own lists are refilled */
			return page;
		}
		/* fall through */
	case RMQUEUE_STEAL:
		if (!(alloc_flags & ALLOC_NOFRAGMENT)) {
			page = __rmqueue_steal(m, zone, order, migratetype);
			if (page) {
				*mode = RMQUEUE_STEAL;
				return page;
			}
		}
	}
	return NULL;
}

/*
 * __rmqueue - take a block of 2^order pages of @migratetype from @zone's
 * free lists, falling back to other types (claiming or stealing) as Linux
 * does.  *mode remembers where the last call found pages (start with
 * RMQUEUE_NORMAL).  Returns the first page (off every list, PageBuddy
 * cleared, refcount untouched) or NULL.  Its common case, the type's own
 * lists, is inline in the two callers.
 */
static inline struct page *__rmqueue(struct machine *m, struct zone *zone, unsigned int order,
				     int migratetype, unsigned int alloc_flags,
				     enum rmqueue_mode *mode)
{
	if (*mode == RMQUEUE_NORMAL) {
		struct page *page = __rmqueue_smallest(zone, order, migratetype);

		if (page)
			return page;
	}
	return __rmqueue_fallback(m, zone, order, migratetype, alloc_flags, mode);
}

/*
 * Here rather than with the pcp lists (mm/page_pcp.c), so that the
 * compiler can inline __rmqueue's common case into the loop: a refill
 * takes up to 2^5 batches a page at a time.
 */
int rmqueue_bulk(struct machine *m, struct zone *zone, unsigned int order, int count,
		 struct list_head *list, int migratetype, unsigned int alloc_flags)
{
	enum rmqueue_mode mode = RMQUEUE_NORMAL;
	int i;

	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(m, zone, order, migratetype, alloc_flags, &mode);

		if (!page)
			break;
		list_add_tail(&page->lru, list);
	}
	return i;
}

/* ------------------------------------------------------------------ */
/* The HIGHATOMIC reserve                                              */
/* ------------------------------------------------------------------ */

/*
 * A high-order atomic allocation succeeded: set its pageblock aside as
 * HIGHATOMIC so later ones find a block (at most ~1% of the zone, rounded
 * up to a pageblock; none in zones under 100 pageblocks).
 */
static void reserve_highatomic_pageblock(struct machine *m, struct page *page,
					 unsigned int order, struct zone *zone)
{
	unsigned long max_managed, pfn = page_to_pfn(m, page);
	int mt;

	if (zone_managed_pages(zone) / 100 < pageblock_nr_pages)
		return;
	max_managed = ALIGN(zone_managed_pages(zone) / 100, pageblock_nr_pages);
	if (zone->nr_reserved_highatomic >= max_managed)
		return;
	mt = get_pfnblock_migratetype(zone, pfn);
	if (!migratetype_is_mergeable(mt))
		return;
	if (order < pageblock_order) {
		if (move_freepages_block(m, zone, page, mt, MIGRATE_HIGHATOMIC) == -1)
			return;
		zone->nr_reserved_highatomic += pageblock_nr_pages;
	} else {
		change_pageblock_range(m, pfn, order, MIGRATE_HIGHATOMIC);
		zone->nr_reserved_highatomic += 1UL << order;
	}
}

/*
 * Give a HIGHATOMIC pageblock back to @ac's migratetype before the
 * allocation fails; keep the last one unless @force.  Returns true if a
 * block was converted.
 */
static bool unreserve_highatomic_pageblock(struct machine *m, const struct alloc_context *ac,
					   bool force)
{
	for (struct zoneref *z = ac->zonelist->_zonerefs; z->zone; z++) {
		struct zone *zone = z->zone;

		if (z->zone_idx > (int)ac->highest_zoneidx)
			continue;
		if (!force && zone->nr_reserved_highatomic <= pageblock_nr_pages)
			continue;
		for (unsigned int order = 0; order < NR_PAGE_ORDERS; order++) {
			struct free_area *area = &zone->free_area[order];
			struct page *page = get_page_from_free_area(area, MIGRATE_HIGHATOMIC);
			unsigned long size;
			long ret;

			if (!page)
				continue;
			size = max(pageblock_nr_pages, 1UL << order);
			size = min(size, zone->nr_reserved_highatomic);
			zone->nr_reserved_highatomic -= size;
			if (order < pageblock_order) {
				ret = move_freepages_block(m, zone, page, MIGRATE_HIGHATOMIC,
							   ac->migratetype);
			} else {
				move_to_free_list(page, zone, order, MIGRATE_HIGHATOMIC,
						  ac->migratetype);
				change_pageblock_range(m, page_to_pfn(m, page), order,
						       ac->migratetype);
				ret = 1;
			}
			if (ret > 0)
				return true;
		}
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Watermarks                                                          */
/* ------------------------------------------------------------------ */

/* Free pages this request may not count towards the watermark. */
static long __zone_watermark_unusable_free(const struct zone *z, unsigned int order,
					   unsigned int alloc_flags)
{
	long unusable = (1L << order) - 1;

	if (!(alloc_flags & ALLOC_RESERVES))
		unusable += (long)z->nr_free_highatomic;
	return unusable;
}

bool __zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark,
			 int highest_zoneidx, unsigned int alloc_flags, long free_pages)
{
	long min = (long)mark;

	free_pages -= __zone_watermark_unusable_free(z, order, alloc_flags);

	if (alloc_flags & ALLOC_RESERVES) {
		/* __GFP_HIGH may use half the min reserve, atomic
		 * (non-blocking) callers a quarter of what is left more, OOM
		 * victims half of that again. */
		if (alloc_flags & ALLOC_MIN_RESERVE) {
			min -= min / 2;
			if (alloc_flags & ALLOC_NON_BLOCK)
				min -= min / 4;
		}
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
	}

	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;

	/* High order: some free list at or above @order must have a block. */
	for (unsigned int o = order; o < NR_PAGE_ORDERS; o++) {
		const struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!free_area_empty(area, mt))
				return true;
		if ((alloc_flags & (ALLOC_HIGHATOMIC | ALLOC_OOM)) &&
		    !free_area_empty(area, MIGRATE_HIGHATOMIC))
			return true;
	}
	return false;
}

bool zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				   (long)zone_page_state(z, NR_FREE_PAGES));
}

/* zone_watermark_fast past its quick order-0 test: the full one. */
static bool zone_watermark_slow(const struct zone *z, unsigned int order, unsigned long mark,
				int highest_zoneidx, unsigned int alloc_flags, long free_pages)
{
	if (__zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags, free_pages))
		return true;
	/* __GFP_HIGH order-0 at the min mark ignores a boost. */
	if (!order && (alloc_flags & ALLOC_MIN_RESERVE) && z->watermark_boost &&
	    (alloc_flags & ALLOC_WMARK_MASK) == WMARK_MIN)
		return __zone_watermark_ok(z, order, z->_watermark[WMARK_MIN], highest_zoneidx,
					   alloc_flags, free_pages);
	return false;
}

/*
 * The fast path's check: a quick order-0 test, then the full one.  The
 * quick test is inline (every allocation makes it); the rest is not.
 */
static inline bool zone_watermark_fast(const struct zone *z, unsigned int order,
				       unsigned long mark, int highest_zoneidx,
				       unsigned int alloc_flags)
{
	long free_pages = (long)zone_page_state(z, NR_FREE_PAGES);

	if (!order) {
		long reserved = __zone_watermark_unusable_free(z, 0, alloc_flags);
		long usable = free_pages - min(free_pages, reserved);

		if (usable > (long)mark + z->lowmem_reserve[highest_zoneidx])
			return true;
	}
	return zone_watermark_slow(z, order, mark, highest_zoneidx, alloc_flags, free_pages);
}

/* ------------------------------------------------------------------ */
/* Taking pages from a zone                                            */
/* ------------------------------------------------------------------ */

static struct page *rmqueue_buddy(struct machine *m, struct zone *preferred, struct zone *zone,
				  unsigned int order, unsigned int alloc_flags, int mt)
{
	enum rmqueue_mode mode = RMQUEUE_NORMAL;
	struct page *page = NULL;

	if (alloc_flags & ALLOC_HIGHATOMIC)
		page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	if (!page) {
		page = __rmqueue(m, zone, order, mt, alloc_flags, &mode);
		/* Failing now is worse than failing a high-order atomic
		 * allocation later: OOM victims and atomic order-0 callers
		 * may have the reserve. */
		if (!page && (alloc_flags & (ALLOC_OOM | ALLOC_NON_BLOCK)))
			page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
		if (!page)
			return NULL;
	}
	count_vm_events(m, PGALLOC_DMA + zone_idx(zone), 1UL << order);
	zone_statistics(m, preferred, zone);
	return page;
}

static struct page *rmqueue(struct machine *m, struct zone *preferred, struct zone *zone,
			    unsigned int order, unsigned int alloc_flags, int mt)
{
	struct page *page = NULL;

	if (pcp_allowed_order(order) && zone->per_cpu_pageset)
		page = rmqueue_pcplist(m, preferred, zone, order, mt, alloc_flags);
	if (!page)
		page = rmqueue_buddy(m, preferred, zone, order, alloc_flags, mt);

	if ((alloc_flags & ALLOC_KSWAPD) && zone_test_bit(zone, ZONE_BOOSTED_WATERMARK)) {
		zone_clear_bit(zone, ZONE_BOOSTED_WATERMARK);
		wakeup_kswapd(m, zone, 0, 0, zone_idx(zone));
	}
	return page;
}

/* post_alloc_hook: the block becomes an allocation of @order. */
static void prep_new_page(struct machine *m, struct page *page, unsigned int order,
			  gfp_t gfp)
{
	page->_refcount = 1;
	page->_mapcount = -1;
	page->alloc_order = (u16)order;
	if (gfp & __GFP_ZERO)
		memset(page_address(m, page), 0, PAGE_SIZE << order);
	if ((gfp & __GFP_COMP) && order)
		page->flags |= 1UL << PG_head;
}

/*
 * get_page_from_freelist - walk the zonelist from the preferred zone and
 * take pages from the first zone that passes its watermark (@alloc_flags
 * says which) with lowmem_reserve for ac->highest_zoneidx.
 */
static struct page *get_page_from_freelist(struct machine *m, gfp_t gfp, unsigned int order,
					   unsigned int alloc_flags,
					   const struct alloc_context *ac)
{
	bool no_fallback;

retry:
	no_fallback = alloc_flags & ALLOC_NOFRAGMENT;
	for (struct zoneref *z = ac->preferred_zoneref; z->zone; z++) {
		struct zone *zone = z->zone;
		unsigned long mark;
		struct page *page;

		if (z->zone_idx > (int)ac->highest_zoneidx)
			continue;
		/* Going remote: locality matters more than fragmentation. */
		if (no_fallback && m->nr_node_ids > 1 && zone != ac->preferred_zoneref->zone &&
		    zone_to_nid(zone) != zone_to_nid(ac->preferred_zoneref->zone)) {
			alloc_flags &= ~ALLOC_NOFRAGMENT;
			goto retry;
		}

		/* Note when a zone drops below high, so pcp lists shrink. */
		if (!zone_test_bit(zone, ZONE_BELOW_HIGH)) {
			mark = high_wmark_pages(zone);
			if (zone_watermark_fast(zone, order, mark, ac->highest_zoneidx, alloc_flags))
				goto try_this_zone;
			zone_set_bit(zone, ZONE_BELOW_HIGH);
		}
		mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx, alloc_flags)) {
			if (alloc_flags & ALLOC_NO_WATERMARKS)
				goto try_this_zone;
			/* node_reclaim (zone_reclaim_mode) would go here; it is
			 * off by default and lands with the reclaim issue. */
			continue;
		}
try_this_zone:
		page = rmqueue(m, ac->preferred_zoneref->zone, zone, order, alloc_flags,
			       ac->migratetype);
		if (page) {
			prep_new_page(m, page, order, gfp);
			if (alloc_flags & ALLOC_HIGHATOMIC)
				reserve_highatomic_pageblock(m, page, order, zone);
			return page;
		}
	}

	/* Every zone was too fragmented to avoid fragmenting: do it now. */
	if (no_fallback) {
		alloc_flags &= ~ALLOC_NOFRAGMENT;
		goto retry;
	}
	return NULL;
}

/* ------------------------------------------------------------------ */
/* GFP flags to allocation flags; the slow path                        */
/* ------------------------------------------------------------------ */

/*
 * gfp_to_alloc_flags - what the slow path may do: the min watermark,
 * __GFP_HIGH's share of the reserve (ALLOC_MIN_RESERVE is the same bit),
 * waking kswapd (ALLOC_KSWAPD is __GFP_KSWAPD_RECLAIM's bit); callers that
 * cannot sleep get ALLOC_NON_BLOCK and, above order 0, the HIGHATOMIC
 * reserve.
 */
static unsigned int gfp_to_alloc_flags(gfp_t gfp, unsigned int order)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	_Static_assert(__GFP_HIGH == ALLOC_MIN_RESERVE, "__GFP_HIGH is ALLOC_MIN_RESERVE");
	_Static_assert(__GFP_KSWAPD_RECLAIM == ALLOC_KSWAPD, "__GFP_KSWAPD_RECLAIM is ALLOC_KSWAPD");
	alloc_flags |= gfp & (__GFP_HIGH | __GFP_KSWAPD_RECLAIM);

	if (!(gfp & __GFP_DIRECT_RECLAIM)) {
		if (!(gfp & __GFP_NOMEMALLOC)) {
			alloc_flags |= ALLOC_NON_BLOCK;
			if (order > 0)
				alloc_flags |= ALLOC_HIGHATOMIC;
		}
		if (alloc_flags & ALLOC_MIN_RESERVE)
			alloc_flags &= ~ALLOC_CPUSET;
	}
	return alloc_flags;
}

/*
 * The fast path avoids fragmenting fallbacks while a lower zone of the
 * same node (DMA32 under Normal) could still serve the request.
 */
static unsigned int alloc_flags_nofragment(const struct machine *m, struct zone *zone, gfp_t gfp)
{
	unsigned int alloc_flags = gfp & __GFP_KSWAPD_RECLAIM;

	if (!zone || zone_idx(zone) != ZONE_NORMAL)
		return alloc_flags;
	if (m->nr_node_ids > 1 && !populated_zone(zone - 1))
		return alloc_flags;
	return alloc_flags | ALLOC_NOFRAGMENT;
}

/* Reserves beyond the watermarks: __GFP_MEMALLOC may use all of them. */
static unsigned int __gfp_pfmemalloc_flags(gfp_t gfp)
{
	if (gfp & __GFP_NOMEMALLOC)
		return 0;
	if (gfp & __GFP_MEMALLOC)
		return ALLOC_NO_WATERMARKS;
	/* PF_MEMALLOC tasks and OOM victims (ALLOC_OOM) come later. */
	return 0;
}

/* The first zoneref at or below @highest_zoneidx (NULL zone if none). */
static struct zoneref *first_zones_zonelist(struct zonelist *zl, int highest_zoneidx)
{
	struct zoneref *z = zl->_zonerefs;

	while (z->zone && z->zone_idx > highest_zoneidx)
		z++;
	return z;
}

/* Wake kswapd once for each node in the zonelist. */
static void wake_all_kswapds(struct machine *m, unsigned int order, gfp_t gfp,
			     const struct alloc_context *ac)
{
	struct pglist_data *last = NULL;

	for (struct zoneref *z = ac->zonelist->_zonerefs; z->zone; z++) {
		if (z->zone_idx > (int)ac->highest_zoneidx || !managed_zone(z->zone))
			continue;
		if (z->zone->zone_pgdat == last)
			continue;
		wakeup_kswapd(m, z->zone, gfp, (int)order, ac->highest_zoneidx);
		last = z->zone->zone_pgdat;
	}
}

/*
 * should_reclaim_retry - after reclaim made no progress, is there a zone
 * where the request would pass the min watermark if every reclaimable page
 * were freed?  Reclaimable pages are 0 until the LRU exists.  After
 * MAX_RECLAIM_RETRIES fruitless loops, or when no zone qualifies, the
 * HIGHATOMIC reserve is given up first.
 */
static bool should_reclaim_retry(struct machine *m, unsigned int order,
				 const struct alloc_context *ac, unsigned int alloc_flags,
				 bool did_some_progress, int *no_progress_loops)
{
	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;

	if (*no_progress_loops <= MAX_RECLAIM_RETRIES) {
		for (struct zoneref *z = ac->zonelist->_zonerefs; z->zone; z++) {
			struct zone *zone = z->zone;
			long available;

			if (z->zone_idx > (int)ac->highest_zoneidx)
				continue;
			available = (long)zone_page_state(zone, NR_FREE_PAGES);
			/* + zone_reclaimable_pages(zone) with the reclaim issue */
			if (__zone_watermark_ok(zone, order, min_wmark_pages(zone),
						ac->highest_zoneidx, alloc_flags, available))
				return true;
		}
	}
	return unreserve_highatomic_pageblock(m, ac, true);
}

/*
 * The end of the slow path: a __GFP_NOFAIL request that may reclaim gets
 * the reserves, everything else the failure report.
 */
static struct page *__alloc_pages_nopage(struct machine *m, gfp_t gfp, unsigned int order,
					 struct alloc_context *ac)
{
	struct page *page;

	if ((gfp & __GFP_NOFAIL) && (gfp & __GFP_DIRECT_RECLAIM)) {
		/* Some of the atomic reserve, but not all of it. */
		page = get_page_from_freelist(m, gfp, order, ALLOC_MIN_RESERVE | ALLOC_CPUSET, ac);
		if (page)
			return page;
		/*
		 * Linux loops back to retry until reclaim or the OOM killer
		 * frees something, so the request never fails.  With neither
		 * yet, looping would never end: mmsim takes the block from
		 * below the watermarks instead, and fails (with the report)
		 * only when no zone has a free block of this order at all
		 * (docs/divergences.md).
		 */
		page = get_page_from_freelist(m, gfp, order, ALLOC_NO_WATERMARKS, ac);
		if (page)
			return page;
	}
	warn_alloc(m, gfp, order);
	return NULL;
}

/*
 * After (the hook for) direct reclaim made no progress: may the request
 * go round again?  Linux's order: __GFP_NORETRY gives up, costly orders
 * retry only with __GFP_RETRY_MAYFAIL, the rest while
 * should_reclaim_retry says reclaim could still help.
 */
static bool __alloc_pages_may_retry(struct machine *m, gfp_t gfp, unsigned int order,
				    struct alloc_context *ac, unsigned int alloc_flags,
				    unsigned long did_some_progress, int *no_progress_loops)
{
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	bool can_compact = gfp & __GFP_IO;	/* gfp_compaction_allowed */

	if (gfp & __GFP_NORETRY)
		return false;
	if (costly_order && (!can_compact || !(gfp & __GFP_RETRY_MAYFAIL)))
		return false;
	return should_reclaim_retry(m, order, ac, alloc_flags, did_some_progress > 0,
				    no_progress_loops);
}

/*
 * The costly direct compaction Linux tries before the retry loop
 * (__alloc_pages_direct_compact at INIT_COMPACT_PRIORITY, for costly and
 * non-movable high-order requests that may reclaim).  HOOK (compaction
 * issue): with no compaction its result is COMPACT_SKIPPED, so a costly
 * __GFP_NORETRY request (THP faults) gives up right away, as Linux does
 * then.  True when the request goes straight to nopage.
 */
static bool __alloc_pages_initial_compact_gives_up(gfp_t gfp, unsigned int order)
{
	bool can_direct_reclaim = gfp & __GFP_DIRECT_RECLAIM;
	bool can_compact = gfp & __GFP_IO;	/* gfp_compaction_allowed */
	bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;

	return can_direct_reclaim && can_compact && costly_order && (gfp & __GFP_NORETRY) &&
	       !__gfp_pfmemalloc_flags(gfp);
}

/*
 * The top of the slow path's retry loop (Linux's retry: label): keep
 * kswapd awake; a request entitled to the reserves
 * (__gfp_pfmemalloc_flags) switches *@alloc_flags to them and restarts
 * the zonelist walk; then try the freelists at those flags.  Returns the
 * page or NULL.
 */
static struct page *__alloc_pages_retry_freelist(struct machine *m, gfp_t gfp,
						 unsigned int order, unsigned int *alloc_flags,
						 struct alloc_context *ac)
{
	unsigned int reserve_flags;

	if (*alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(m, order, gfp, ac);

	reserve_flags = __gfp_pfmemalloc_flags(gfp);
	if (reserve_flags)
		*alloc_flags = reserve_flags | (*alloc_flags & ALLOC_KSWAPD);
	if (!(*alloc_flags & ALLOC_CPUSET) || reserve_flags)
		ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx);

	return get_page_from_freelist(m, gfp, order, *alloc_flags, ac);
}

/*
 * __alloc_pages_slowpath - the fast path failed at the low watermark.
 * Wake kswapd, retry at the min watermark with the reserves the GFP flags
 * allow, then reach the point where Linux reclaims and compacts.  The
 * steps keep Linux's names: the restart block here, the initial costly
 * compaction, the retry loop, __alloc_pages_may_retry, the OOM hook and
 * nopage.
 */
static struct page *__alloc_pages_slowpath(struct machine *m, gfp_t gfp, unsigned int order,
					   struct alloc_context *ac)
{
	bool can_direct_reclaim = gfp & __GFP_DIRECT_RECLAIM;
	unsigned long did_some_progress = 0;
	int no_progress_loops = 0;
	unsigned int alloc_flags;
	struct page *page;

	alloc_flags = gfp_to_alloc_flags(gfp, order);
	ac->preferred_zoneref = first_zones_zonelist(ac->zonelist, ac->highest_zoneidx);
	if (!ac->preferred_zoneref->zone)
		goto nopage;

	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(m, order, gfp, ac);
	page = get_page_from_freelist(m, gfp, order, alloc_flags, ac);
	if (page)
		return page;

	if (__alloc_pages_initial_compact_gives_up(gfp, order))
		goto nopage;

retry:
	page = __alloc_pages_retry_freelist(m, gfp, order, &alloc_flags, ac);
	if (page)
		return page;

	if (!can_direct_reclaim)
		goto nopage;

	/*
	 * HOOK (reclaim issue): here Linux reclaims and compacts:
	 * __alloc_pages_direct_reclaim (try_to_free_pages; on progress the
	 * freelists, then again after unreserve_highatomic_pageblock and
	 * drain_all_pages), then __alloc_pages_direct_compact.  Neither
	 * exists yet: did_some_progress stays 0, the compaction result is
	 * COMPACT_SKIPPED, and the retry logic runs as when reclaim finds
	 * nothing.
	 */
	if (__alloc_pages_may_retry(m, gfp, order, ac, alloc_flags, did_some_progress,
				    &no_progress_loops))
		goto retry;

	/*
	 * HOOK (OOM issue): __alloc_pages_may_oom() would pick a victim
	 * here (not for costly orders, __GFP_RETRY_MAYFAIL, __GFP_THISNODE
	 * or lowmem-only requests) and retry while the kill made progress.
	 */

nopage:
	return __alloc_pages_nopage(m, gfp, order, ac);
}

/*
 * prepare_alloc_pages + the fast path: try every zone at the low watermark
 * without fragmenting fallbacks first; the slow path does the rest.
 */
struct page *__alloc_pages(struct machine *m, gfp_t gfp, unsigned int order, int preferred_nid)
{
	struct alloc_context ac;
	unsigned int alloc_flags = ALLOC_WMARK_LOW;
	struct page *page;

	if (order > MAX_PAGE_ORDER)
		return NULL;
	if (preferred_nid == NUMA_NO_NODE)
		preferred_nid = numa_node_id(m);
	if (preferred_nid < 0 || preferred_nid >= m->nr_node_ids || !NODE_DATA(m, preferred_nid))
		return NULL;

	ac.highest_zoneidx = gfp_zone(gfp);
	ac.zonelist = &NODE_DATA(m, preferred_nid)->node_zonelists[
		(gfp & __GFP_THISNODE) ? ZONELIST_NOFALLBACK : ZONELIST_FALLBACK];
	ac.migratetype = gfp_migratetype(gfp);
	ac.spread_dirty_pages = gfp & __GFP_WRITE;
	ac.preferred_zoneref = first_zones_zonelist(ac.zonelist, ac.highest_zoneidx);

	alloc_flags |= alloc_flags_nofragment(m, ac.preferred_zoneref->zone, gfp);
	page = get_page_from_freelist(m, gfp, order, alloc_flags, &ac);
	if (page)
		return page;

	ac.spread_dirty_pages = false;
	return __alloc_pages_slowpath(m, gfp, order, &ac);
}

/* ------------------------------------------------------------------ */
/* Freeing                                                             */
/* ------------------------------------------------------------------ */

/* Flags a page must not have when it is freed (PAGE_FLAGS_CHECK_AT_FREE). */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	((1UL << PG_locked) | (1UL << PG_writeback) | (1UL << PG_lru) |	\
	 (1UL << PG_active) | (1UL << PG_reserved) | (1UL << PG_private) | \
	 (1UL << PG_private_2) | (1UL << PG_unevictable) | (1UL << PG_mlocked))
#define PAGE_FLAGS_CHECK_AT_PREP	((1UL << __NR_PAGEFLAGS) - 1)

static const char *const pageflag_names[__NR_PAGEFLAGS] = {
	"locked", "writeback", "referenced", "uptodate", "dirty", "lru", "head",
	"waiters", "active", "workingset", "owner_priv_1", "owner_2", "arch_1",
	"reserved", "private", "private_2", "reclaim", "swapbacked",
	"unevictable", "mlocked",
};

/* bad_page - Linux's "BUG: Bad page state" report (dump_page). */
static void bad_page(struct machine *m, struct page *page, const char *reason)
{
	char flags[256] = "";
	size_t n = 0;

	for (int i = 0; i < __NR_PAGEFLAGS; i++)
		if (page->flags & (1UL << i))
			n += (size_t)snprintf(flags + n, sizeof(flags) - n, "%s|",
					      pageflag_names[i]);
	pr_alert(m, "BUG: Bad page state in process %s  pfn:%05lx", m->current_comm,
		 page_to_pfn(m, page));
	pr_warn(m, "page: refcount:%d mapcount:%d mapping:0000000000000000 index:0x0 pfn:%#lx",
		page->_refcount, page->_mapcount + 1, page_to_pfn(m, page));
	pr_warn(m, "flags: 0x%lx(%snode=%d|zone=%d)", page->flags, flags, page->nid,
		page->zone_idx);
	pr_alert(m, "page dumped because: %s", reason);
}

/* Why @page cannot be freed as an allocation of @order, or NULL. */
static const char *free_page_bad_reason(struct page *page, unsigned int order, char *buf,
					size_t len)
{
	if (PageBuddy(page))
		return "page is already free (PageBuddy)";
	if (page->_refcount <= 0)
		return "zero _refcount (a free page, or a tail page of an allocation)";
	if (page->alloc_order != order) {
		snprintf(buf, len, "freed as order %u, allocated as order %u", order,
			 page->alloc_order);
		return buf;
	}
	if (page->_mapcount != -1)
		return "nonzero mapcount";
	if (page->flags & PAGE_FLAGS_CHECK_AT_FREE)
		return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	return NULL;
}

/* The last reference is gone: the block goes to a pcp list or the buddy. */
static void __free_frozen_pages(struct machine *m, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(m, page);
	struct zone *zone = page_zone(m, page);
	int mt;

	page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	page->alloc_order = 0;

	if (!pcp_allowed_order(order) || !zone->per_cpu_pageset) {
		free_one_page(m, zone, page, pfn, order, FPI_NONE);
		return;
	}
	/* pcp lists hold the three mobility types; HIGHATOMIC pages ride
	 * on the movable list and find their own list when drained. */
	mt = get_pfnblock_migratetype(zone, pfn);
	if (mt >= MIGRATE_PCPTYPES) {
		if (is_migrate_isolate(mt)) {
			free_one_page(m, zone, page, pfn, order, FPI_NONE);
			return;
		}
		mt = MIGRATE_MOVABLE;
	}
	free_frozen_page_commit(m, zone, page, mt, order);
}

/*
 * __free_pages_checked - __free_pages that says whether it worked: 0, or
 * -EINVAL after logging "BUG: Bad page state" (nothing is freed).
 */
int __free_pages_checked(struct machine *m, struct page *page, unsigned int order)
{
	char buf[64];
	const char *reason = free_page_bad_reason(page, order, buf, sizeof(buf));

	if (reason) {
		bad_page(m, page, reason);
		return -EINVAL;
	}
	if (--page->_refcount == 0) {
		__free_frozen_pages(m, page, order);
	} else if (!PageHead(page)) {
		/* Someone else still holds the first page of a non-compound
		 * block: free the rest, which nobody references. */
		page->alloc_order = 0;
		while (order-- > 0)
			__free_frozen_pages(m, page + (1UL << order), order);
	}
	return 0;
}

void __free_pages(struct machine *m, struct page *page, unsigned int order)
{
	(void)__free_pages_checked(m, page, order);
}

/*
 * Boot: memblock hands a range to the buddy.  The pages become managed
 * (zone->managed_pages, totalram_pages) and go to the tail of the free
 * lists, bypassing the pcp lists, as Linux's __free_pages_core does.
 */
void __free_pages_core(struct machine *m, struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order, pfn = page_to_pfn(m, page);
	struct zone *zone = page_zone(m, page);

	for (unsigned long i = 0; i < nr; i++) {
		ClearPageReserved(page + i);
		page[i]._refcount = 0;
		page[i]._mapcount = -1;
	}
	zone->managed_pages += nr;
	m->totalram_pages += nr;
	page->flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
	free_one_page(m, zone, page, pfn, order, FPI_TO_TAIL);
}
