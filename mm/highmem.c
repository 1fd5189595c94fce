// SPDX-License-Identifier: GPL-2.0-only
/*
 * Zeroing and copying a user page's frame (Linux's clear_user_highpage and
 * copy_user_highpage, include/linux/highmem.h): the bytes a new anonymous
 * page or a copy-on-write copy starts with.
 *
 * What the model computes is only the bytes.  How the host writes them
 * is chosen for speed, since a fault costs little else: a new frame is
 * rarely in the host's cache, so the lines are written with non-temporal
 * stores, which skip the read-for-ownership of each line (bench/
 * fault_bench.c measured zeroing 256 MiB of frames at about a third of
 * memset's time).  The one line holding @vaddr, which the faulting access
 * touches next, is written last with ordinary stores, so that it is in
 * the cache: Linux's folio_zero_user keeps the faulting address hot for
 * the same reason.  Hosts without SSE2 use memset and memcpy.  No sfence
 * follows the streamed stores: mmsim runs in one host thread, whose own
 * later loads see them in program order; a fence would only order them
 * for another thread, and would wait for every line to reach memory.
 *
 * Leaves out: highmem kmap (x86-64 has none), cache-aliasing flushes.
 * Called by the fault paths (mm/memory_fault.c: do_anonymous_page and
 * wp_page_copy, as Linux's vma_alloc_zeroed_movable_folio and
 * __wp_page_copy_user), bench/fault_bench.c and tests/unit/test_highmem.c.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "linux/highmem.h"
#include "linux/machine.h"

#define LINE	64UL	/* the host's cache line */

#ifdef __SSE2__
/* Stream 64 zero bytes to @p (16-byte aligned), bypassing the cache. */
static inline void stream_zero_line(void *p)
{
	__m128i z = _mm_setzero_si128(), *q = p;

	_mm_stream_si128(q, z);
	_mm_stream_si128(q + 1, z);
	_mm_stream_si128(q + 2, z);
	_mm_stream_si128(q + 3, z);
}

/* Stream the 64 bytes at @src to @dst (both 16-byte aligned). */
static inline void stream_copy_line(void *dst, const void *src)
{
	const __m128i *s = src;
	__m128i *d = dst, a = _mm_load_si128(s), b = _mm_load_si128(s + 1),
		c = _mm_load_si128(s + 2), e = _mm_load_si128(s + 3);

	_mm_stream_si128(d, a);
	_mm_stream_si128(d + 1, b);
	_mm_stream_si128(d + 2, c);
	_mm_stream_si128(d + 3, e);
}
#endif

void clear_user_highpage(struct machine *m, struct page *page, unsigned long vaddr)
{
	unsigned char *p = page_address(m, page);
	unsigned long hot = vaddr & (PAGE_SIZE - LINE);

#ifdef __SSE2__
	for (unsigned long o = 0; o < PAGE_SIZE; o += LINE)
		if (o != hot)
			stream_zero_line(p + o);
	memset(p + hot, 0, LINE);
#else
	(void)hot;
	memset(p, 0, PAGE_SIZE);
#endif
}

void copy_user_highpage(struct machine *m, struct page *to, struct page *from,
			unsigned long vaddr)
{
	unsigned char *d = page_address(m, to);
	const unsigned char *s = page_address(m, from);
	unsigned long hot = vaddr & (PAGE_SIZE - LINE);

#ifdef __SSE2__
	for (unsigned long o = 0; o < PAGE_SIZE; o += LINE)
		if (o != hot)
			stream_copy_line(d + o, s + o);
	memcpy(d + hot, s + hot, LINE);
#else
	(void)hot;
	memcpy(d, s, PAGE_SIZE);
#endif
}
