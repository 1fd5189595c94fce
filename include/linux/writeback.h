/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Dirty-page limits (mm/page-writeback.c).  Only the global thresholds
 * exist so far, for /proc/vmstat; the flusher and balance_dirty_pages come
 * with the page cache issue.
 */
#ifndef _LINUX_WRITEBACK_H
#define _LINUX_WRITEBACK_H

struct machine;

/*
 * global_dirty_limits - the background and the hard dirty thresholds, in
 * pages, from dirtyable memory and vm.dirty_{background_,}{ratio,bytes}
 * as Linux computes them (never fails; both are 0 on an empty machine).
 */
void global_dirty_limits(const struct machine *m, unsigned long *pbackground,
			 unsigned long *pdirty);

#endif
