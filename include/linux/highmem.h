/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Filling a new user page (include/linux/highmem.h): clear_user_highpage
 * for an anonymous fault, copy_user_highpage for a copy-on-write (Linux
 * reaches them through vma_alloc_zeroed_movable_folio / folio_zero_user
 * and wp_page_copy's __wp_page_copy_user).  Implemented by mm/highmem.c.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

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

#endif
