/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct page: one per physical frame, as include/linux/mm_types.h has it.
 * Linux packs zone and node into page->flags; we keep them as small fields
 * (same information, easier to read).  Like Linux's, this struct page is
 * 64 bytes, one host cache line (mm/mm_init.c aligns the memmap): a slab's
 * slab_cache shares the word an anonymous page's mapping uses, as Linux's
 * struct slab overlays struct page.  memblock reserves Linux's 64 bytes
 * per page for the memmap (mm/mm_init.c).
 *
 * Field ownership:
 *   flags, page_type   page allocator (PG_buddy etc.) and later LRU/rmap code
 *   lru                buddy free list while PageBuddy, pcp list while on a
 *                      per-CPU list, LRU list later
 *   private            buddy order while PageBuddy; pcp order while on a pcp list
 *   _refcount          0 while free, 1 after allocation
 *   freelist, inuse/objects/frozen, slab_cache
 *                      mm/slub.c while the page is a slab (PGTY_slab); the
 *                      counters share _mapcount, which is set back to -1
 *                      before the page returns to the page allocator
 *                      (slab_cache shares mapping's word: set on the head
 *                      and tails while PGTY_slab, NULL when freed)
 *   mapping, index     mm/rmap.c while the page is mapped anonymous memory:
 *                      mapping = anon_vma | PAGE_MAPPING_ANON, index = the
 *                      page's linear index (vma->vm_pgoff + (addr - vm_start)
 *                      / PAGE_SIZE); NULL/0 otherwise
 *   zone_idx, nid      fixed at boot (memmap_init)
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include "linux/list.h"

struct kmem_cache;

struct page {
	unsigned long flags;		/* PG_* bits, see page-flags.h */
	struct list_head lru;		/* buddy, pcp or LRU list link; slab_list
					 * of a slab head; a slab tail page holds
					 * its head | 1 in lru.next (compound_head) */
	union {
		unsigned long private;	/* buddy/pcp order */
		void *freelist;		/* slab head: first free object (mm/slub.c) */
	};
	int _refcount;			/* references; 0 when free */
	union {
		int _mapcount;		/* PTEs mapping the page, minus one:
					 * -1 when unmapped (page_mapcount()
					 * is _mapcount + 1) */
		struct {		/* slab head (PGTY_slab): SLUB's counters */
			unsigned inuse:16;	/* objects allocated (or on a CPU freelist) */
			unsigned objects:15;	/* objects in the slab */
			unsigned frozen:1;	/* a CPU's active slab */
		};
	};
	union {
		struct kmem_cache *slab_cache;	/* slab pages: the cache (head and tails) */
		void *mapping;		/* anon pages: anon_vma | PAGE_MAPPING_ANON */
	};
	unsigned long index;		/* anon pages: linear page index (rmap) */
	unsigned int page_type;		/* PGTY_* when the page is typed */
	u8 zone_idx;			/* enum zone_type, fixed at boot */
	u8 nid;				/* node id, fixed at boot */
	u16 alloc_order;		/* order of the allocation (head page) */
};

_Static_assert(sizeof(struct page) == 64, "struct page is one cache line, as Linux's");

#endif
