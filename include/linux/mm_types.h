/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct page: one per physical frame, as include/linux/mm_types.h has it.
 * Linux packs zone and node into page->flags; we keep them as small fields
 * (same information, easier to read).  Linux's struct page is 64 bytes and
 * memblock reserves 64 bytes per page for the memmap whatever the host-side
 * size of this struct is (see mm/mm_init.c).
 *
 * Field ownership:
 *   flags, page_type   page allocator (PG_buddy etc.) and later LRU/rmap code
 *   lru                buddy free list while PageBuddy, pcp list while on a
 *                      per-CPU list, LRU list later
 *   private            buddy order while PageBuddy; pcp order while on a pcp list
 *   _refcount          0 while free, 1 after allocation
 *   zone_idx, nid      fixed at boot (memmap_init)
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include "linux/list.h"

struct page {
	unsigned long flags;		/* PG_* bits, see page-flags.h */
	struct list_head lru;		/* buddy, pcp or LRU list link */
	unsigned long private;		/* buddy/pcp order */
	int _refcount;			/* references; 0 when free */
	int _mapcount;			/* -1 when unmapped (later issues) */
	unsigned int page_type;		/* PGTY_* when the page is typed */
	u8 zone_idx;			/* enum zone_type, fixed at boot */
	u8 nid;				/* node id, fixed at boot */
	u16 alloc_order;		/* order of the allocation (head page) */
};

#endif
