// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page reclaim (mm/vmscan.c) - for now only the point where the page
 * allocator wakes kswapd.  The reclaim issue brings the LRU lists, kswapd
 * (balance_pgdat, which also clears watermark boosts), direct reclaim
 * (try_to_free_pages, called from the hook in __alloc_pages_slowpath),
 * shrinkers and node reclaim; until then a wakeup is only recorded.
 *
 * Callers: mm/page_alloc.c (wake_all_kswapds on the slow path, and rmqueue
 * after a fallback boosted a zone's watermarks).
 */
#include "linux/mm.h"

/*
 * wakeup_kswapd - Linux records the order and zone kswapd should balance
 * for and wakes it unless the node is balanced or hopeless.  mmsim counts
 * the wakeup in pgdat->kswapd_wakeups and leaves kswapd_wake_pending set
 * for the kswapd of the reclaim issue to act on.
 */
void wakeup_kswapd(struct machine *m, struct zone *z, gfp_t gfp, int order,
		   int highest_zoneidx)
{
	struct pglist_data *pgdat;

	(void)m;
	(void)gfp;
	(void)order;
	(void)highest_zoneidx;
	if (!managed_zone(z))
		return;
	pgdat = z->zone_pgdat;
	pgdat->kswapd_wakeups++;
	pgdat->kswapd_wake_pending = true;
}
