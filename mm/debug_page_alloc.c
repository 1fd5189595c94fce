// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page allocator's validator (what CONFIG_DEBUG_VM checks piecemeal,
 * done whole): walks every free list and every per-CPU list and checks
 *   - each free block is PageBuddy with its order in page->private, aligned
 *     to its order, inside its zone, on the list of its pageblock's type;
 *   - no page is on two lists, and no PageBuddy page is off the lists;
 *   - nr_free per order, NR_FREE_PAGES, NR_FREE_PAGES_BLOCKS and
 *     nr_free_highatomic equal what the lists hold;
 *   - two free buddies that could merge did;
 *   - each pcp list holds unreferenced non-buddy blocks of its order, and
 *     pcp->count equals what the lists hold.
 * Cost: one pass over the memmap (none inside mmsim_validate, which
 * shares its memmap census); two bits of scratch per page, blocks
 * marked a 64-page word at a time (the same checks as a byte per page).
 * Callers: mmsim_validate (kernel/machine.c), unit tests.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "internal.h"
#include "linux/memmap_census.h"

/*
 * Scratch state per pfn, as two bitmaps: covered (inside a block found on
 * a free or pcp list) and head (first page of a block on a free list).
 * Blocks are marked and tested a word (64 pages) at a time.
 */
struct validate_ctl {
	struct machine *m;
	unsigned long *covered;	/* [max_pfn bits] inside a listed block */
	unsigned long *head;	/* [max_pfn bits] heads a block on a free list */
	char *err;		/* where the first problem is written */
	size_t errlen;
};

static int __printf(2, 3) fail(struct validate_ctl *vc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vc->err, vc->errlen, fmt, ap);
	va_end(ap);
	return -EUCLEAN;
}

/* The bits of word @w that lie in [@pfn, @end). */
static unsigned long range_mask(unsigned long w, unsigned long pfn, unsigned long end)
{
	unsigned long lo = w * 64 > pfn ? 0 : pfn - w * 64;
	unsigned long hi = (w + 1) * 64 < end ? 64 : end - w * 64;
	unsigned long mask = hi == 64 ? ~0UL : (1UL << hi) - 1;

	return mask & ~((1UL << lo) - 1);
}

/*
 * Mark 2^order pages from @pfn as one block (@head: a free-list block);
 * fail, naming the lowest such pfn, if any of them was already marked.
 */
static int mark_block(struct validate_ctl *vc, struct zone *zone, unsigned long pfn,
		      unsigned int order, bool head, const char *where)
{
	unsigned long nr = 1UL << order, end = pfn + nr, w;

	if (pfn & (nr - 1))
		return fail(vc, "%s: node %d zone %s: pfn %#lx not aligned to order %u", where,
			    zone->node, zone->name, pfn, order);
	if (!zone_spans_pfn(zone, pfn) || !zone_spans_pfn(zone, pfn + nr - 1))
		return fail(vc, "%s: node %d zone %s: block %#lx order %u outside the zone",
			    where, zone->node, zone->name, pfn, order);
	for (w = pfn / 64; w * 64 < end; w++) {
		unsigned long twice = vc->covered[w] & range_mask(w, pfn, end);

		if (twice)
			return fail(vc, "%s: node %d zone %s: pfn %#lx is on two lists", where,
				    zone->node, zone->name, w * 64 + __builtin_ctzl(twice));
	}
	for (w = pfn / 64; w * 64 < end; w++)
		vc->covered[w] |= range_mask(w, pfn, end);
	if (head)
		vc->head[pfn / 64] |= 1UL << (pfn % 64);
	return 0;
}

static int check_free_lists(struct validate_ctl *vc, struct zone *zone)
{
	struct machine *m = vc->m;
	long free = 0, blocks = 0, highatomic = 0;

	for (unsigned int order = 0; order < NR_PAGE_ORDERS; order++) {
		struct free_area *area = &zone->free_area[order];
		unsigned long nr = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &area->free_list[mt], lru) {
				unsigned long pfn = page_to_pfn(m, page);
				int ret;

				if (!pfn_valid(m, pfn))
					return fail(vc, "node %d zone %s: free list %s order %u holds a page outside the memmap",
						    zone->node, zone->name, migratetype_names[mt], order);
				if (!PageBuddy(page) || buddy_order(page) != order)
					return fail(vc, "node %d zone %s: pfn %#lx on the order-%u %s list is %s order %lu",
						    zone->node, zone->name, pfn, order,
						    migratetype_names[mt],
						    PageBuddy(page) ? "buddy of" : "not buddy,",
						    page->private);
				if (page->_refcount)
					return fail(vc, "node %d zone %s: free pfn %#lx has refcount %d",
						    zone->node, zone->name, pfn, page->_refcount);
				ret = mark_block(vc, zone, pfn, order, true, "free list");
				if (ret)
					return ret;
				if (get_pfnblock_migratetype(zone, pfn) != mt)
					return fail(vc, "node %d zone %s: pfn %#lx on the %s list of order %u lies in a %s pageblock",
						    zone->node, zone->name, pfn, migratetype_names[mt],
						    order, migratetype_names[get_pfnblock_migratetype(zone, pfn)]);
				nr++;
				if (mt == MIGRATE_ISOLATE)
					continue;
				free += 1L << order;
				if (order >= pageblock_order)
					blocks += 1L << order;
				if (mt == MIGRATE_HIGHATOMIC)
					highatomic += 1L << order;
			}
		}
		if (nr != area->nr_free)
			return fail(vc, "node %d zone %s: order %u nr_free is %lu, the lists hold %lu",
				    zone->node, zone->name, order, area->nr_free, nr);
	}
	if (free != zone->vm_stat[NR_FREE_PAGES])
		return fail(vc, "node %d zone %s: NR_FREE_PAGES is %ld, the free lists hold %ld",
			    zone->node, zone->name, zone->vm_stat[NR_FREE_PAGES], free);
	if (blocks != zone->vm_stat[NR_FREE_PAGES_BLOCKS])
		return fail(vc, "node %d zone %s: NR_FREE_PAGES_BLOCKS is %ld, the free lists hold %ld",
			    zone->node, zone->name, zone->vm_stat[NR_FREE_PAGES_BLOCKS], blocks);
	if ((unsigned long)highatomic != zone->nr_free_highatomic)
		return fail(vc, "node %d zone %s: nr_free_highatomic is %lu, the lists hold %ld",
			    zone->node, zone->name, zone->nr_free_highatomic, highatomic);
	return 0;
}

/* Two free buddies of the same order that __free_one_page would merge. */
static int check_merged(struct validate_ctl *vc, struct zone *zone)
{
	struct machine *m = vc->m;

	for (unsigned int order = 0; order < MAX_PAGE_ORDER; order++) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
				unsigned long pfn = page_to_pfn(m, page), bpfn = pfn ^ (1UL << order);
				struct page *buddy;
				int bmt;

				if (!pfn_valid(m, bpfn) || !zone_spans_pfn(zone, bpfn))
					continue;
				buddy = pfn_to_page(m, bpfn);
				if (!PageBuddy(buddy) || buddy_order(buddy) != order)
					continue;
				bmt = get_pfnblock_migratetype(zone, bpfn);
				if (order >= pageblock_order && mt != bmt &&
				    (!migratetype_is_mergeable(mt) || !migratetype_is_mergeable(bmt)))
					continue;
				return fail(vc, "node %d zone %s: free buddies %#lx and %#lx of order %u did not merge",
					    zone->node, zone->name, min(pfn, bpfn), max(pfn, bpfn), order);
			}
		}
	}
	return 0;
}

static int check_pcp(struct validate_ctl *vc, struct zone *zone)
{
	struct machine *m = vc->m;

	if (!zone->per_cpu_pageset)
		return 0;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
		long count = 0;

		for (unsigned int pindex = 0; pindex < NR_PCP_LISTS; pindex++) {
			unsigned int order = pindex_to_order(pindex);
			struct page *page;

			if (!pcp->lists[pindex].next)
				continue;
			list_for_each_entry(page, &pcp->lists[pindex], lru) {
				unsigned long pfn = page_to_pfn(m, page);
				int ret;

				if (PageBuddy(page) || page->_refcount)
					return fail(vc, "node %d zone %s cpu %d: pcp page %#lx is %s",
						    zone->node, zone->name, cpu, pfn,
						    PageBuddy(page) ? "PageBuddy" : "referenced");
				ret = mark_block(vc, zone, pfn, order, false, "pcp list");
				if (ret)
					return ret;
				count += 1L << order;
			}
		}
		if (count != pcp->count)
			return fail(vc, "node %d zone %s cpu %d: pcp count is %d, the lists hold %ld",
				    zone->node, zone->name, cpu, pcp->count, count);
	}
	return 0;
}

static int stray_buddy(struct validate_ctl *vc, struct zone *zone, unsigned long pfn)
{
	return fail(vc, "node %d zone %s: PageBuddy pfn %#lx is on no free list", zone->node,
		    zone->name, pfn);
}

/*
 * Every PageBuddy page must head a block found on a free list.  Inside
 * mmsim_validate the PageBuddy pages come from its memmap census (the
 * same pages, ascending); alone, the zone's memmap is walked.
 */
static int check_stray_buddies(struct validate_ctl *vc, struct zone *zone)
{
	const struct memmap_census *cs = vc->m->census;
	unsigned long pfn;

	if (cs) {
		for (unsigned long i = 0; i < cs->nr_buddy; i++) {
			pfn = cs->buddy[i];
			if (zone_spans_pfn(zone, pfn) && !(vc->head[pfn / 64] & (1UL << (pfn % 64))))
				return stray_buddy(vc, zone, pfn);
		}
		return 0;
	}
	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
		if (PageBuddy(pfn_to_page(vc->m, pfn)) && !(vc->head[pfn / 64] & (1UL << (pfn % 64))))
			return stray_buddy(vc, zone, pfn);
	return 0;
}

int validate_page_alloc(struct machine *m, char *err, size_t errlen)
{
	struct validate_ctl vc = { .m = m, .err = err, .errlen = errlen };
	struct pglist_data *pgdat;
	int nid, ret = 0;

	if (!m->mem_map)
		return 0;
	vc.covered = calloc(2 * (m->max_pfn / 64 + 1), sizeof(unsigned long));
	if (!vc.covered)
		return -ENOMEM;
	vc.head = vc.covered + m->max_pfn / 64 + 1;
	for_each_online_pgdat(m, pgdat, nid) {
		for (int z = 0; z < MAX_NR_ZONES && !ret; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (!zone->spanned_pages)
				continue;
			ret = check_free_lists(&vc, zone);
			if (!ret)
				ret = check_pcp(&vc, zone);
			if (!ret)
				ret = check_merged(&vc, zone);
			if (!ret)
				ret = check_stray_buddies(&vc, zone);
		}
		if (ret)
			break;
	}
	free(vc.covered);
	return ret;
}
