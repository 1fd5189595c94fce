/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GFP flags (values as include/linux/gfp_types.h in Linux 6.x, so the
 * `mode:0x...` of a failure report matches Linux) and the page allocator's
 * entry points (mm/page_alloc.c).
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include "linux/mmzone.h"

enum {
	___GFP_DMA_BIT,
	___GFP_HIGHMEM_BIT,
	___GFP_DMA32_BIT,
	___GFP_MOVABLE_BIT,
	___GFP_RECLAIMABLE_BIT,
	___GFP_HIGH_BIT,
	___GFP_IO_BIT,
	___GFP_FS_BIT,
	___GFP_ZERO_BIT,
	___GFP_UNUSED_BIT,
	___GFP_DIRECT_RECLAIM_BIT,
	___GFP_KSWAPD_RECLAIM_BIT,
	___GFP_WRITE_BIT,
	___GFP_NOWARN_BIT,
	___GFP_RETRY_MAYFAIL_BIT,
	___GFP_NOFAIL_BIT,
	___GFP_NORETRY_BIT,
	___GFP_MEMALLOC_BIT,
	___GFP_COMP_BIT,
	___GFP_NOMEMALLOC_BIT,
	___GFP_HARDWALL_BIT,
	___GFP_THISNODE_BIT,
	___GFP_ACCOUNT_BIT,
	___GFP_ZEROTAGS_BIT,
	___GFP_LAST_BIT
};

#define __GFP_DMA		(1u << ___GFP_DMA_BIT)
#define __GFP_HIGHMEM		(1u << ___GFP_HIGHMEM_BIT)
#define __GFP_DMA32		(1u << ___GFP_DMA32_BIT)
#define __GFP_MOVABLE		(1u << ___GFP_MOVABLE_BIT)
#define __GFP_RECLAIMABLE	(1u << ___GFP_RECLAIMABLE_BIT)
#define __GFP_HIGH		(1u << ___GFP_HIGH_BIT)
#define __GFP_IO		(1u << ___GFP_IO_BIT)
#define __GFP_FS		(1u << ___GFP_FS_BIT)
#define __GFP_ZERO		(1u << ___GFP_ZERO_BIT)
#define __GFP_DIRECT_RECLAIM	(1u << ___GFP_DIRECT_RECLAIM_BIT)
#define __GFP_KSWAPD_RECLAIM	(1u << ___GFP_KSWAPD_RECLAIM_BIT)
#define __GFP_WRITE		(1u << ___GFP_WRITE_BIT)
#define __GFP_NOWARN		(1u << ___GFP_NOWARN_BIT)
#define __GFP_RETRY_MAYFAIL	(1u << ___GFP_RETRY_MAYFAIL_BIT)
#define __GFP_NOFAIL		(1u << ___GFP_NOFAIL_BIT)
#define __GFP_NORETRY		(1u << ___GFP_NORETRY_BIT)
#define __GFP_MEMALLOC		(1u << ___GFP_MEMALLOC_BIT)
#define __GFP_COMP		(1u << ___GFP_COMP_BIT)
#define __GFP_NOMEMALLOC	(1u << ___GFP_NOMEMALLOC_BIT)
#define __GFP_HARDWALL		(1u << ___GFP_HARDWALL_BIT)
#define __GFP_THISNODE		(1u << ___GFP_THISNODE_BIT)
#define __GFP_ACCOUNT		(1u << ___GFP_ACCOUNT_BIT)
#define __GFP_ZEROTAGS		(1u << ___GFP_ZEROTAGS_BIT)

#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT	3

#define GFP_ATOMIC		(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT	(GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM | __GFP_NOWARN)
#define GFP_NOIO		(__GFP_RECLAIM)
#define GFP_NOFS		(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)
#define GFP_TRANSHUGE_LIGHT	((GFP_HIGHUSER_MOVABLE | __GFP_COMP | \
				  __GFP_NOMEMALLOC | __GFP_NOWARN) & ~__GFP_RECLAIM)
#define GFP_TRANSHUGE		(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

struct machine;
struct seq_file;

/* The migratetype an allocation with these flags comes from. */
static inline int gfp_migratetype(gfp_t gfp)
{
	return (int)((gfp & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT);
}

/*
 * gfp_zone_bad - does @gfp ask for more than one of __GFP_DMA,
 * __GFP_DMA32 and __GFP_HIGHMEM (a GFP_ZONE_BAD combination, a VM_BUG_ON
 * in Linux)?  gfp_zone() then returns ZONE_DMA, the all-zero table entry;
 * the allocator's callers should reject such masks with -EINVAL.
 */
static inline bool gfp_zone_bad(gfp_t gfp)
{
	gfp_t z = gfp & (__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32);

	return z & (z - 1);	/* more than one of DMA, HIGHMEM, DMA32 */
}

/*
 * gfp_zone - the highest zone an allocation with @gfp may use.
 * __GFP_DMA -> ZONE_DMA, __GFP_DMA32 -> ZONE_DMA32, __GFP_HIGHMEM|__GFP_MOVABLE
 * -> ZONE_MOVABLE, otherwise ZONE_NORMAL (x86-64 has no highmem).  Inline,
 * as Linux's GFP_ZONE_TABLE lookup is: every allocation asks.
 */
static inline enum zone_type gfp_zone(gfp_t gfp)
{
	gfp_t bits = gfp & GFP_ZONEMASK;

	if (gfp_zone_bad(gfp))
		return ZONE_DMA;	/* an all-zero GFP_ZONE_TABLE entry */
	if (bits & __GFP_DMA)
		return ZONE_DMA;
	if (bits & __GFP_DMA32)
		return ZONE_DMA32;
	if ((bits & (__GFP_HIGHMEM | __GFP_MOVABLE)) == (__GFP_HIGHMEM | __GFP_MOVABLE))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;	/* none, __GFP_MOVABLE alone, __GFP_HIGHMEM alone */
}

/* mm/gfp.c: flags <-> text */

/*
 * gfp_parse - parse "GFP_KERNEL|__GFP_ZERO" (names with or without the
 * leading underscores, case-insensitive, or a 0x number) into *gfp.
 * Returns 0, or -EINVAL and puts the offending word in @bad (size @badlen).
 */
int gfp_parse(const char *text, gfp_t *gfp, char *bad, size_t badlen);

/*
 * gfp_format - write @gfp as Linux's %pGg does: "GFP_KERNEL|__GFP_ZERO"
 * (composite names first, then the remaining single flags, then any bits
 * without a name as "0x..."), into buf (NUL-terminated, truncated to
 * @len).  0 prints as "" as with %pGg (a failure report reads "mode:0x0()").
 */
void gfp_format(gfp_t gfp, char *buf, size_t len);

/* mm/page_alloc.c: the allocator's entry points */

/*
 * __alloc_pages - allocate 2^order contiguous pages.
 * @preferred_nid: node to try first (NUMA_NO_NODE = the current CPU's node).
 * Returns the first page with refcount 1, or NULL: then a warning report
 * is logged unless __GFP_NOWARN.  Never fails with __GFP_NOFAIL unless the
 * machine has no memory at all (then it logs and returns NULL).
 */
struct page *__alloc_pages(struct machine *m, gfp_t gfp, unsigned int order,
			   int preferred_nid);
#define NUMA_NO_NODE	(-1)

static inline struct page *alloc_pages(struct machine *m, gfp_t gfp, unsigned int order)
{
	return __alloc_pages(m, gfp, order, NUMA_NO_NODE);
}

/*
 * __free_pages - free 2^order pages allocated by __alloc_pages.
 * The page must have refcount 1 (a bad page is reported in dmesg as Linux's
 * "BUG: Bad page state" and not freed).
 */
void __free_pages(struct machine *m, struct page *page, unsigned int order);

#endif
