// SPDX-License-Identifier: GPL-2.0-only
/*
 * The buddy allocator (mm/page_alloc.c): splitting and merging, free list
 * order, migratetype fallback (claim and steal), watermarks and the
 * reserves GFP flags unlock, the HIGHATOMIC reserve, bad frees, NUMA
 * fallback with numa_hit/miss/foreign, and the failure report.
 *
 * Most tests run on the tiny machine (page_alloc_fixture.h): one
 * ZONE_NORMAL of 4096 pages, pfn 0-4095, freed at boot as four order-10
 * blocks in pfn order:
 *
 *   pfn   0        1024      2048      3072      4095
 *         [  o10   ][  o10   ][  o10   ][  o10   ]    free_list: 0 1024 2048 3072
 *
 * with the pcp lists switched off (zone_pcp_disable) where a test needs
 * every page to come from and go to the buddy lists.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "page_alloc_fixture.h"

static struct zone *tiny_zone(struct machine *m)
{
	return zone_of(m, 0, ZONE_NORMAL);
}

static unsigned long alloc_pfn(struct machine *m, gfp_t gfp, unsigned int order)
{
	struct page *page = __alloc_pages(m, gfp, order, 0);

	assert_non_null(page);
	return page_to_pfn(m, page);
}

static void boot_frees_memory_as_max_order_blocks_in_pfn_order(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);
	char b[128];
	struct page *page;
	unsigned long expect = 0;

	assert_string_equal(buddyinfo(z, b, sizeof(b)), "0 0 0 0 0 0 0 0 0 0 4");
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), 4096);
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES_BLOCKS), 4096);
	assert_int_equal(z->managed_pages, 4096);
	assert_int_equal(m->vm_events[PGFREE], 4096);
	list_for_each_entry(page, &z->free_area[10].free_list[MIGRATE_MOVABLE], lru) {
		assert_int_equal(page_to_pfn(m, page), expect);
		expect += 1024;
	}
	assert_valid(m);
	fake_destroy(m);
}

/*
 * An order-0 allocation splits the first order-10 block; the upper halves
 * go back, one per order:
 *
 *   0 1 2   4       8 ...   512       1024
 *   [a][.][. .][. . . .]... [.. o9 ..]  [o10] [o10] [o10]
 */
static void order0_allocation_splits_first_block_into_one_free_block_per_order(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);
	char b[128];

	zone_pcp_disable(m, z);
	assert_int_equal(alloc_pfn(m, GFP_HIGHUSER_MOVABLE, 0), 0);
	assert_string_equal(buddyinfo(z, b, sizeof(b)), "1 1 1 1 1 1 1 1 1 1 3");
	for (unsigned int o = 0; o < 10; o++) {
		struct page *p = list_first_entry(&z->free_area[o].free_list[MIGRATE_MOVABLE],
						  struct page, lru);

		assert_int_equal(page_to_pfn(m, p), 1UL << o);
		assert_true(PageBuddy(p));
		assert_int_equal(buddy_order(p), o);
	}
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), 4095);
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES_BLOCKS), 3072 + 512);
	assert_int_equal(m->vm_events[PGALLOC_NORMAL], 1);
	assert_valid(m);
	fake_destroy(m);
}

static void freeing_merges_buddies_back_to_max_order(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);
	unsigned long pfns[5];
	char b[128];

	zone_pcp_disable(m, z);
	for (int i = 0; i < 5; i++)
		pfns[i] = alloc_pfn(m, GFP_HIGHUSER_MOVABLE, i % 2 ? 1 : 0);
	assert_valid(m);
	for (int i = 4; i >= 0; i--) {
		__free_pages(m, pfn_to_page(m, pfns[i]), i % 2 ? 1 : 0);
		assert_valid(m);
	}
	assert_string_equal(buddyinfo(z, b, sizeof(b)), "0 0 0 0 0 0 0 0 0 0 4");
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), 4096);
	fake_destroy(m);
}

/*
 * A freed page whose parent block's buddy is free goes to the list tail,
 * so it is handed out last and has a chance to merge.  After six order-0
 * allocations (0-5), free 3 and then 5:
 *
 *   pfn  0   1   2   3   4   5   6   7
 *       [a] [a] [a] [3] [a] [5] [ free o1 ]
 *
 * 3's parent (2-3) has a busy buddy (0-1): 3 goes to the head.  5's parent
 * (4-5) has a free buddy (6-7): 5 goes to the tail.  The next order-0
 * allocation takes 3.
 */
static void freed_page_goes_to_tail_when_its_parent_could_merge(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);
	unsigned long a[6];
	struct page *first, *last;

	zone_pcp_disable(m, z);
	for (int i = 0; i < 6; i++)
		a[i] = alloc_pfn(m, GFP_HIGHUSER_MOVABLE, 0);
	for (int i = 0; i < 6; i++)
		assert_int_equal(a[i], (unsigned long)i);
	__free_pages(m, pfn_to_page(m, 3), 0);
	__free_pages(m, pfn_to_page(m, 5), 0);
	first = list_first_entry(&z->free_area[0].free_list[MIGRATE_MOVABLE], struct page, lru);
	last = list_last_entry(&z->free_area[0].free_list[MIGRATE_MOVABLE], struct page, lru);
	assert_int_equal(page_to_pfn(m, first), 3);
	assert_int_equal(page_to_pfn(m, last), 5);
	assert_int_equal(alloc_pfn(m, GFP_HIGHUSER_MOVABLE, 0), 3);
	assert_valid(m);
	fake_destroy(m);
}

/*
 * An unmovable request finding only movable blocks claims a whole free
 * order-10 block: both its pageblocks become Unmovable.
 */
static void unmovable_request_claims_whole_movable_pageblocks(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);

	zone_pcp_disable(m, z);
	assert_int_equal(alloc_pfn(m, GFP_KERNEL, 0), 0);
	assert_int_equal(get_pageblock_migratetype(m, 0), MIGRATE_UNMOVABLE);
	assert_int_equal(get_pageblock_migratetype(m, 512), MIGRATE_UNMOVABLE);
	assert_int_equal(get_pageblock_migratetype(m, 1024), MIGRATE_MOVABLE);
	assert_int_equal(z->free_area[9].nr_free, 1);
	assert_false(list_empty(&z->free_area[9].free_list[MIGRATE_UNMOVABLE]));
	assert_valid(m);
	fake_destroy(m);
}

/*
 * A small movable request that finds only small unmovable blocks steals
 * one without changing the pageblock's type (movable pages can be
 * compacted away later; claiming is not worth it below order 4).
 */
static void small_movable_request_steals_without_claiming(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);

	zone_pcp_disable(m, z);
	/* pageblocks 0-1 unmovable, free: 1 (o0), 2 (o1), 4 (o2) ... 512 (o9) */
	assert_int_equal(alloc_pfn(m, GFP_KERNEL, 0), 0);
	/* take every movable block and the unmovable ones of order >= 3 */
	for (int i = 0; i < 3; i++)
		alloc_pfn(m, GFP_HIGHUSER_MOVABLE, 10);
	for (unsigned int o = 9; o >= 3; o--)
		assert_int_equal(alloc_pfn(m, GFP_KERNEL, o), 1UL << o);
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), 7);
	/* left: 1 (o0), 2-3 (o1), 4-7 (o2), all Unmovable */
	assert_int_equal(alloc_pfn(m, GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0), 1);
	assert_int_equal(get_pageblock_migratetype(m, 1), MIGRATE_UNMOVABLE);
	assert_int_equal(alloc_pfn(m, GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 0), 2);
	assert_int_equal(z->free_area[0].nr_free, 1);	/* 3, back as unmovable */
	assert_false(list_empty(&z->free_area[0].free_list[MIGRATE_UNMOVABLE]));
	assert_valid(m);
	fake_destroy(m);
}

/*
 * Watermarks: with min 1000 pages, GFP_KERNEL stops at 1000 free,
 * __GFP_HIGH may go to half of min, GFP_ATOMIC (high and non-blocking) to
 * 3/8 of it, __GFP_MEMALLOC to nothing.
 */
static unsigned long drain_with(struct machine *m, gfp_t gfp)
{
	while (__alloc_pages(m, gfp | __GFP_NOWARN, 0, 0))
		;
	return zone_page_state(tiny_zone(m), NR_FREE_PAGES);
}

static void each_gfp_class_stops_at_its_share_of_the_min_watermark(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);

	zone_pcp_disable(m, z);
	z->_watermark[WMARK_MIN] = 1000;
	z->_watermark[WMARK_LOW] = 1200;
	z->_watermark[WMARK_HIGH] = 1400;
	assert_int_equal(drain_with(m, GFP_NOWAIT), 1000);
	assert_int_equal(drain_with(m, GFP_KERNEL), 1000);
	assert_int_equal(drain_with(m, GFP_KERNEL | __GFP_HIGH), 500);
	assert_int_equal(drain_with(m, GFP_ATOMIC), 375);
	assert_int_equal(drain_with(m, GFP_KERNEL | __GFP_MEMALLOC), 0);
	assert_valid(m);
	fake_destroy(m);
}

/*
 * __GFP_NOFAIL: Linux would wait for reclaim or the OOM killer; with
 * neither, mmsim hands out pages below min rather than fail, until no
 * block is left.  Without __GFP_DIRECT_RECLAIM, NOFAIL means nothing.
 */
static void nofail_goes_below_min_but_not_without_direct_reclaim(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);

	zone_pcp_disable(m, z);
	z->_watermark[WMARK_MIN] = 1000;
	z->_watermark[WMARK_LOW] = 1200;
	z->_watermark[WMARK_HIGH] = 1400;
	assert_int_equal(drain_with(m, GFP_KERNEL), 1000);
	assert_null(__alloc_pages(m, GFP_NOWAIT | __GFP_NOFAIL, 0, 0));
	assert_non_null(__alloc_pages(m, GFP_KERNEL | __GFP_NOFAIL, 0, 0));
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), 999);
	assert_int_equal(drain_with(m, GFP_KERNEL | __GFP_NOFAIL), 0);
	assert_null(__alloc_pages(m, GFP_KERNEL | __GFP_NOFAIL, 0, 0));
	assert_true(log_contains(m, "page allocation failure: order:0, mode:0x8cc0(GFP_KERNEL|__GFP_NOFAIL)"));
	assert_valid(m);
	fake_destroy(m);
}

static void slow_path_wakes_kswapd_below_the_low_watermark(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);

	zone_pcp_disable(m, z);
	z->_watermark[WMARK_MIN] = 1000;
	z->_watermark[WMARK_LOW] = 1200;
	z->_watermark[WMARK_HIGH] = 1400;
	while (zone_page_state(z, NR_FREE_PAGES) > 1201)
		alloc_pfn(m, GFP_KERNEL, 0);
	assert_int_equal(NODE_DATA(m, 0)->kswapd_wakeups, 0);
	alloc_pfn(m, GFP_KERNEL, 0);	/* leaves 1200: still at low */
	assert_int_equal(NODE_DATA(m, 0)->kswapd_wakeups, 0);
	alloc_pfn(m, GFP_KERNEL, 0);	/* fast path fails: slow path */
	assert_true(NODE_DATA(m, 0)->kswapd_wakeups > 0);
	assert_true(NODE_DATA(m, 0)->kswapd_wake_pending);
	fake_destroy(m);
}

static void failed_allocation_logs_the_linux_report_unless_nowarn(void **state)
{
	struct machine *m = tiny_machine(2);

	drain_with(m, GFP_KERNEL | __GFP_MEMALLOC);
	assert_null(__alloc_pages(m, GFP_KERNEL | __GFP_NOWARN, 0, 0));
	assert_false(log_contains(m, "page allocation failure"));
	assert_null(__alloc_pages(m, GFP_KERNEL, 2, 0));
	assert_true(log_contains(m, "test: page allocation failure: order:2, mode:0xcc0(GFP_KERNEL)"));
	assert_true(log_contains(m, "Mem-Info:"));
	fake_destroy(m);
}

/* A freed block comes back first (LIFO), zeroed when __GFP_ZERO asks. */
static void gfp_zero_clears_the_pages(void **state)
{
	struct machine *m = tiny_machine(2);
	unsigned long pfn = alloc_pfn(m, GFP_KERNEL, 1);
	unsigned char *p = page_address(m, pfn_to_page(m, pfn));

	memset(p, 0xa5, 2 * PAGE_SIZE);
	__free_pages(m, pfn_to_page(m, pfn), 1);
	assert_int_equal(alloc_pfn(m, GFP_KERNEL | __GFP_ZERO, 1), pfn);
	for (size_t i = 0; i < 2 * PAGE_SIZE; i++)
		if (p[i])
			fail_msg("byte %zu not zeroed", i);
	fake_destroy(m);
}

static void bad_frees_are_reported_and_change_nothing(void **state)
{
	struct machine *m = tiny_machine(2);
	struct zone *z = tiny_zone(m);
	unsigned long pfn, free_before;

	zone_pcp_disable(m, z);
	pfn = alloc_pfn(m, GFP_KERNEL, 2);
	free_before = zone_page_state(z, NR_FREE_PAGES);
	/* wrong order */
	assert_int_equal(__free_pages_checked(m, pfn_to_page(m, pfn), 1), -EINVAL);
	assert_true(log_contains(m, "BUG: Bad page state in process test  pfn:00000"));
	assert_true(log_contains(m, "page dumped because: freed as order 1, allocated as order 2"));
	/* a tail page */
	assert_int_equal(__free_pages_checked(m, pfn_to_page(m, pfn + 1), 0), -EINVAL);
	/* a page that is free in the buddy */
	assert_int_equal(__free_pages_checked(m, pfn_to_page(m, 3072), 0), -EINVAL);
	assert_true(log_contains(m, "page dumped because: page is already free (PageBuddy)"));
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), free_before);
	assert_valid(m);
	/* the right free works, and a second one is a double free */
	assert_int_equal(__free_pages_checked(m, pfn_to_page(m, pfn), 2), 0);
	assert_int_equal(__free_pages_checked(m, pfn_to_page(m, pfn), 2), -EINVAL);
	assert_valid(m);
	fake_destroy(m);
}

/* The kernel actor checks its input and names itself in reports. */
static void kernel_actor_rejects_bad_input_and_acts_as_kactor(void **state)
{
	struct machine *m = tiny_machine(2);
	unsigned long pfn;
	char err[256];

	assert_int_equal(mmsim_alloc_pages(m, 11, NULL, -1, -1, &pfn, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "order 11"));
	assert_int_equal(mmsim_alloc_pages(m, 0, NULL, 3, -1, &pfn, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "node 3"));
	assert_int_equal(mmsim_alloc_pages(m, 0, NULL, -1, 2, &pfn, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "cpu 2"));
	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_BOGUS", -1, -1, &pfn, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "GFP_BOGUS"));
	assert_int_equal(mmsim_alloc_pages(m, 0, "__GFP_DMA|__GFP_DMA32", -1, -1, &pfn, err,
					   sizeof(err)), -EINVAL);
	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", -1, 1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(m->current_cpu, 0);
	assert_string_equal(m->current_comm, "test");
	assert_int_equal(mmsim_free_pages(m, pfn, 1), -EINVAL);
	assert_true(log_contains(m, "Bad page state in process kactor"));
	assert_int_equal(mmsim_free_pages(m, pfn, 0), 0);
	assert_int_equal(mmsim_free_pages(m, 1UL << 40, 0), -EINVAL);
	assert_valid(m);
	fake_destroy(m);
}

/*
 * A high-order atomic allocation on the slow path reserves its pageblock
 * as HIGHATOMIC (zones of 100+ pageblocks only); ordinary requests do not
 * count its free pages towards their watermark.
 */
static void high_order_atomic_reserves_a_highatomic_pageblock(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=2");
	struct zone *z = zone_of(m, 0, ZONE_DMA32);
	unsigned long pfn;
	char err[256];

	while (__alloc_pages(m, GFP_KERNEL | __GFP_NOWARN, 0, 0))
		;
	assert_int_equal(z->nr_reserved_highatomic, 0);
	assert_int_equal(mmsim_alloc_pages(m, 1, "GFP_ATOMIC", -1, -1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(z->nr_reserved_highatomic, pageblock_nr_pages);
	assert_int_equal(get_pageblock_migratetype(m, pfn), MIGRATE_HIGHATOMIC);
	assert_valid(m);
	/* freed, the block goes back to the HIGHATOMIC lists */
	assert_int_equal(mmsim_free_pages(m, pfn, 1), 0);
	mmsim_drain_pages(m);
	assert_true(z->nr_free_highatomic >= 2);
	assert_valid(m);
	mmsim_destroy(m);
}

/*
 * numa=fake=2: node 0's zonelist is its own zones then node 1's.  When
 * node 0 runs low, allocations preferring it land on node 1 and count as
 * numa_miss there and numa_foreign on the preferred zone; CPU 0 is on
 * node 0, so they are numa_other too.  __GFP_THISNODE never falls back.
 */
static void allocation_falls_back_to_the_next_node_and_counts_miss_and_foreign(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=2 numa=fake=2");
	struct pglist_data *n0 = NODE_DATA(m, 0), *n1 = NODE_DATA(m, 1);
	struct page *page;
	unsigned long hits, local, other, n = 0;

	assert_int_equal(m->nr_node_ids, 2);
	assert_true(log_contains(m, "Fallback order for Node 0: 0 1"));
	assert_true(log_contains(m, "Fallback order for Node 1: 1 0"));
	assert_true(log_contains(m, "Built 2 zonelists, mobility grouping on."));
	assert_ptr_equal(n0->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs[1].zone,
			 &n0->node_zones[ZONE_DMA]);
	assert_null(n0->node_zonelists[ZONELIST_NOFALLBACK]._zonerefs[2].zone);

	m->current_cpu = 0;
	/* boot allocated already (SLUB's structures, node 1's from CPU 0) */
	hits = sum_zone_numa_event_state(n0, NUMA_HIT);
	local = sum_zone_numa_event_state(n0, NUMA_LOCAL);
	other = sum_zone_numa_event_state(n1, NUMA_OTHER);
	while ((page = __alloc_pages(m, GFP_KERNEL, 0, 0)) && page->nid == 0)
		n++;
	assert_non_null(page);
	assert_int_equal(sum_zone_numa_event_state(n0, NUMA_HIT), hits + n);
	assert_int_equal(sum_zone_numa_event_state(n1, NUMA_MISS), 1);
	assert_int_equal(sum_zone_numa_event_state(n0, NUMA_FOREIGN), 1);
	assert_int_equal(sum_zone_numa_event_state(n1, NUMA_OTHER), other + 1);
	assert_int_equal(sum_zone_numa_event_state(n0, NUMA_LOCAL), local + n);
	/* node 0 is below low, not below min: __GFP_THISNODE takes it to min */
	while ((page = __alloc_pages(m, GFP_KERNEL | __GFP_THISNODE | __GFP_NOWARN, 0, 0)))
		assert_int_equal(page->nid, 0);
	page = __alloc_pages(m, GFP_KERNEL, 0, 0);
	assert_non_null(page);
	assert_int_equal(page->nid, 1);
	assert_valid(m);
	mmsim_destroy(m);
}

static void zonelist_orders_zones_high_to_low_and_logs_policy_zone(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=2");
	struct zoneref *zr = NODE_DATA(m, 0)->node_zonelists[ZONELIST_FALLBACK]._zonerefs;

	assert_int_equal(zr[0].zone_idx, ZONE_NORMAL);
	assert_int_equal(zr[1].zone_idx, ZONE_DMA32);
	assert_int_equal(zr[2].zone_idx, ZONE_DMA);
	assert_null(zr[3].zone);
	assert_true(log_contains(m, "Built 1 zonelists, mobility grouping on.  Total pages: "));
	assert_true(log_contains(m, "Policy zone: Normal"));
	assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boot_frees_memory_as_max_order_blocks_in_pfn_order),
		cmocka_unit_test(order0_allocation_splits_first_block_into_one_free_block_per_order),
		cmocka_unit_test(freeing_merges_buddies_back_to_max_order),
		cmocka_unit_test(freed_page_goes_to_tail_when_its_parent_could_merge),
		cmocka_unit_test(unmovable_request_claims_whole_movable_pageblocks),
		cmocka_unit_test(small_movable_request_steals_without_claiming),
		cmocka_unit_test(each_gfp_class_stops_at_its_share_of_the_min_watermark),
		cmocka_unit_test(nofail_goes_below_min_but_not_without_direct_reclaim),
		cmocka_unit_test(slow_path_wakes_kswapd_below_the_low_watermark),
		cmocka_unit_test(failed_allocation_logs_the_linux_report_unless_nowarn),
		cmocka_unit_test(gfp_zero_clears_the_pages),
		cmocka_unit_test(bad_frees_are_reported_and_change_nothing),
		cmocka_unit_test(kernel_actor_rejects_bad_input_and_acts_as_kactor),
		cmocka_unit_test(high_order_atomic_reserves_a_highatomic_pageblock),
		cmocka_unit_test(allocation_falls_back_to_the_next_node_and_counts_miss_and_foreign),
		cmocka_unit_test(zonelist_orders_zones_high_to_low_and_logs_policy_zone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
