/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Filling a new user page (include/linux/highmem.h): clear_user_highpage
 * for an anonymous fault, copy_user_highpage for a copy-on-write (Linux
 * reaches them through vma_alloc_zeroed_movable_folio / folio_zero_user
 * and wp_page_copy's __wp_page_copy_user).  Implemented by mm/highmem.c.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <stdbool.h>

struct machine;
struct page;

/*
 * clear_user_highpage - zero the frame of @page, about to be mapped at
 * user address @vaddr.  As Linux's folio_zero_user does, the bytes at
 * @vaddr are written last so that the access which faulted finds them in
 * the (host's) cache.  Needs an allocated order-0 page; cannot fail.
 */
void clear_user_highpage(struct machine *m, struct page *page, unsigned long vaddr);

/*
 * copy_user_highpage - copy the 4096 bytes of @from's frame into @to's,
 * which user address @vaddr is about to map (the CoW copy); @vaddr's
 * bytes are copied last, as clear_user_highpage does.  Needs two
 * distinct allocated order-0 pages; cannot fail.
 */
void copy_user_highpage(struct machine *m, struct page *to, struct page *from,
			unsigned long vaddr);

/*
 * prefetch_user_highpage - host only: start reading @from's frame into
 * the host's L2 cache, for a copy_user_highpage of it soon after (the
 * CoW fault issues it before allocating the copy, so that the frame's
 * DRAM reads overlap that work).  Changes nothing the model shows;
 * needs an allocated order-0 page; cannot fail.
 */
void prefetch_user_highpage(struct machine *m, struct page *from);

/*
 * The host instructions the two can write with: plain memset/memcpy,
 * 16-byte SSE2 or 32-byte AVX2 streamed stores.  clear_user_highpage
 * uses the widest the host has; copy_user_highpage SSE2's, which
 * measured faster for the copy (the copy's AVX2 form is SSE2's).
 * highpage_isa_supported - can this host run @isa?
 * clear_user_highpage_isa, copy_user_highpage_isa - the same as the two
 * above with @isa's stores (needs highpage_isa_supported(@isa)); the
 * same bytes whichever @isa: for tests and the bench.
 */
enum highpage_isa { HIGHPAGE_ISA_C, HIGHPAGE_ISA_SSE2, HIGHPAGE_ISA_AVX2, NR_HIGHPAGE_ISA };
bool highpage_isa_supported(enum highpage_isa isa);
void clear_user_highpage_isa(struct machine *m, struct page *page, unsigned long vaddr,
			     enum highpage_isa isa);
void copy_user_highpage_isa(struct machine *m, struct page *to, struct page *from,
			    unsigned long vaddr, enum highpage_isa isa);

#endif
