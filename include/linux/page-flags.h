/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page flags and page types, named as include/linux/page-flags.h names
 * them.  Only the flags whose mechanisms exist are set by anyone yet; the
 * rest are defined so /proc/kpageflags and later issues have their place.
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include "linux/mm_types.h"

enum pageflags {
	PG_locked,
	PG_writeback,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_head,
	PG_waiters,
	PG_active,
	PG_workingset,
	PG_owner_priv_1,
	PG_owner_2,
	PG_arch_1,
	PG_reserved,	/* memblock-reserved or hole: never in the buddy */
	PG_private,
	PG_private_2,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	__NR_PAGEFLAGS,

	/* Anonymous pages: the page may be written without CoW (mm/rmap.c) */
	PG_anon_exclusive = PG_owner_2,
};

/* page->mapping's low bit: the rest points to an anon_vma (PageAnon). */
#define PAGE_MAPPING_ANON	0x1UL

static inline bool PageAnon(const struct page *p)
{
	return ((unsigned long)p->mapping & PAGE_MAPPING_ANON) != 0;
}

/* page->page_type values (Linux: enum pagetype, PGTY_*) */
enum pagetype {
	PGTY_none = 0,
	PGTY_buddy,	/* free, head of a buddy block on a free_area list */
	PGTY_offline,
	PGTY_table,	/* page-table page */
	PGTY_guard,
	PGTY_slab,
	PGTY_zsmalloc,
	PGTY_unaccepted,
	PGTY_large_kmalloc,	/* a kmalloc above 8 KiB (mm/slab_common.c) */
};

static inline bool PageReserved(const struct page *p)
{
	return p->flags & (1UL << PG_reserved);
}
static inline void SetPageReserved(struct page *p) { p->flags |= 1UL << PG_reserved; }
static inline void ClearPageReserved(struct page *p) { p->flags &= ~(1UL << PG_reserved); }

static inline bool PageBuddy(const struct page *p) { return p->page_type == PGTY_buddy; }
static inline void __SetPageBuddy(struct page *p) { p->page_type = PGTY_buddy; }
static inline void __ClearPageBuddy(struct page *p) { p->page_type = PGTY_none; }

static inline bool PageHead(const struct page *p) { return p->flags & (1UL << PG_head); }

#endif
