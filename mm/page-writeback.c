// SPDX-License-Identifier: GPL-2.0-only
/*
 * Dirty limits (mm/page-writeback.c): the thresholds /proc/vmstat shows as
 * nr_dirty_threshold and nr_dirty_background_threshold.
 *
 * Leaves out: everything else of writeback (balance_dirty_pages, the
 * per-bdi and memcg domains, the flusher); the rt/deadline-task bonus
 * (mmsim has no such tasks); highmem (x86-64 has none).
 *
 * Callers: fs/proc/vmstat.c.
 */
#include "linux/machine.h"
#include "linux/vmstat.h"
#include "linux/writeback.h"

#define UINT_MAX_UL	0xffffffffUL

/*
 * global_dirtyable_memory: free pages less the kernel's reserves, plus the
 * file LRUs; never 0.
 */
static unsigned long global_dirtyable_memory(const struct machine *m)
{
	unsigned long x = global_zone_page_state(m, NR_FREE_PAGES);

	x -= min(x, m->totalreserve_pages);
	x += global_node_page_state(m, NR_INACTIVE_FILE);
	x += global_node_page_state(m, NR_ACTIVE_FILE);
	return x + 1;
}

/*
 * domain_dirty_limits for the global domain: a byte setting wins over its
 * ratio; ratios are taken per PAGE_SIZE for precision; the background
 * threshold stays below the hard one; both fit in 32 bits.
 */
void global_dirty_limits(const struct machine *m, unsigned long *pbackground,
			 unsigned long *pdirty)
{
	unsigned long avail = global_dirtyable_memory(m);
	unsigned long ratio = ((unsigned long)m->vm.dirty_ratio * PAGE_SIZE) / 100;
	unsigned long bg_ratio = ((unsigned long)m->vm.dirty_background_ratio * PAGE_SIZE) / 100;
	unsigned long thresh, bg_thresh;

	if (m->vm.dirty_bytes)
		thresh = DIV_ROUND_UP(m->vm.dirty_bytes, PAGE_SIZE);
	else
		thresh = ratio * avail / PAGE_SIZE;

	if (m->vm.dirty_background_bytes)
		bg_thresh = DIV_ROUND_UP(m->vm.dirty_background_bytes, PAGE_SIZE);
	else
		bg_thresh = bg_ratio * avail / PAGE_SIZE;

	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	if (thresh > UINT_MAX_UL)
		thresh = UINT_MAX_UL;
	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;

	*pbackground = bg_thresh;
	*pdirty = thresh;
}
