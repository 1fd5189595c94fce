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
 * the same reason (streaming that line too and then storing to it costs
 * about 4x: the store waits for the streamed line to reach memory).  No
 * sfence follows the streamed stores: mmsim runs in one host thread,
 * whose own later loads see them in program order; a fence would only
 * order them for another thread, and would wait for every line to reach
 * memory.
 *
 * The zeroing stores are 32 bytes wide on hosts with AVX2, 16 bytes with
 * SSE2, plain memset elsewhere; the copy streams 16 bytes at a time with
 * SSE2 (memcpy elsewhere).  All give the same bytes; the *_isa forms let
 * the tests run each one the host has.  Measured on the 2-CPU EPYC host
 * (256 MiB of cold frames, fault_bench's patterns, the variants taking
 * turns in one process): AVX2 zeroing makes a first-touch fault ~9%
 * faster than SSE2's (219 vs 240 ns), but a 32-byte AVX2 copy made a CoW
 * fault 4-14% slower (three runs; with the prefetch below 0-10%) and a
 * 64-byte AVX-512 one 8% (25-100% with the prefetch) slower than
 * 16-byte SSE2 streams, memcpy 30% slower; memset, rep
 * stosb and rep movsb pay the read-for-ownership (2-3x the streamed time
 * on cold pages); SSE4.1's non-temporal loads (movntdqa) read ordinary
 * memory as plain loads do, and copying the lines last to first was
 * 1.6x slower (the hardware prefetcher streams upwards).
 *
 * The CoW fault reads a source frame last touched long ago: reading it
 * is most of the copy's time, 64 line misses of which only a few are in
 * flight at once.  prefetch_user_highpage asks for all 64 lines into the
 * L2 cache (prefetcht1) as the fault starts, before the allocation of
 * the copy, so that the DRAM reads overlap that work: 12-15% off a cold
 * CoW fault.  Into L1 (prefetcht0, whose miss buffers the allocation's
 * own misses then wait for) it was 15-25% slower; every other line
 * gained nothing; one prefetch per loop turn measured 10-15% faster
 * than four per turn (cause not found).  Right before the copy (nothing
 * left to overlap) a prefetch gains nothing.
 *
 * Leaves out: highmem kmap (x86-64 has none), cache-aliasing flushes.
 * Called by the fault paths (mm/memory_fault.c: do_anonymous_page and
 * wp_page_copy, as Linux's vma_alloc_zeroed_movable_folio and
 * __wp_page_copy_user; wp_page_copy also prefetch_user_highpage),
 * bench/fault_bench.c and tests/unit/test_highmem.c.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH	1
#endif
#include "linux/highmem.h"
#include "linux/machine.h"

#define LINE	64UL	/* the host's cache line */

#ifdef __SSE2__
/* Stream every line of the page at @p but the one at offset @hot: 16-byte stores. */
static void clear_sse2(unsigned char *p, unsigned long hot)
{
	__m128i z = _mm_setzero_si128();

	for (unsigned long o = 0; o < PAGE_SIZE; o += LINE) {
		__m128i *q = (__m128i *)(p + o);

		if (o == hot)
			continue;
		_mm_stream_si128(q, z);
		_mm_stream_si128(q + 1, z);
		_mm_stream_si128(q + 2, z);
		_mm_stream_si128(q + 3, z);
	}
}

/* Stream the line at offset @o of @s to @d: four 16-byte loads, four streamed stores. */
static inline void stream_copy_line(unsigned char *d, const unsigned char *s, unsigned long o)
{
	const __m128i *q = (const __m128i *)(s + o);
	__m128i *w = (__m128i *)(d + o);
	__m128i a = _mm_load_si128(q), b = _mm_load_si128(q + 1);
	__m128i c = _mm_load_si128(q + 2), e = _mm_load_si128(q + 3);

	_mm_stream_si128(w, a);
	_mm_stream_si128(w + 1, b);
	_mm_stream_si128(w + 2, c);
	_mm_stream_si128(w + 3, e);
}

/*
 * Stream the lines [@from, @to) of @s to @d, four lines per loop turn
 * after the 0-3 odd ones, with no test for the faulting line in the loop
 * (a page's copy is 654 host instructions, was 917 at one line per turn).
 */
static inline void stream_copy_sse2(unsigned char *d, const unsigned char *s,
				    unsigned long from, unsigned long to)
{
	for (; (to - from) & (3 * LINE); from += LINE)
		stream_copy_line(d, s, from);
	for (; from < to; from += 4 * LINE) {
		stream_copy_line(d, s, from);
		stream_copy_line(d, s, from + LINE);
		stream_copy_line(d, s, from + 2 * LINE);
		stream_copy_line(d, s, from + 3 * LINE);
	}
}

/*
 * Stream the page at @s to @d but the line at offset @hot, then copy
 * that line with ordinary stores (cached, for the faulting access).
 */
static void copy_sse2(unsigned char *d, const unsigned char *s, unsigned long hot)
{
	const __m128i *q = (const __m128i *)(s + hot);
	__m128i *w = (__m128i *)(d + hot);

	stream_copy_sse2(d, s, 0, hot);
	stream_copy_sse2(d, s, hot + LINE, PAGE_SIZE);
	_mm_store_si128(w, _mm_load_si128(q));
	_mm_store_si128(w + 1, _mm_load_si128(q + 1));
	_mm_store_si128(w + 2, _mm_load_si128(q + 2));
	_mm_store_si128(w + 3, _mm_load_si128(q + 3));
}
#endif

#ifdef HAVE_AVX2_PATH
/*
 * Stream zeroes over the lines [@from, @to) of @p, 32-byte stores, four
 * lines per loop turn (a fault runs this once per page: the loop's
 * counting is a fifth of its instructions this way, not half).
 */
__attribute__((target("avx2"))) static inline void stream_zero_avx2(unsigned char *p,
								 unsigned long from,
								 unsigned long to)
{
	__m256i z = _mm256_setzero_si256();

	for (; (to - from) & (3 * LINE); from += LINE) {	/* 0-3 odd lines first */
		_mm256_stream_si256((__m256i *)(p + from), z);
		_mm256_stream_si256((__m256i *)(p + from) + 1, z);
	}
	for (; from < to; from += 4 * LINE) {
		__m256i *q = (__m256i *)(p + from);

		_mm256_stream_si256(q, z);
		_mm256_stream_si256(q + 1, z);
		_mm256_stream_si256(q + 2, z);
		_mm256_stream_si256(q + 3, z);
		_mm256_stream_si256(q + 4, z);
		_mm256_stream_si256(q + 5, z);
		_mm256_stream_si256(q + 6, z);
		_mm256_stream_si256(q + 7, z);
	}
}

/*
 * clear_sse2 with 32-byte streamed stores (compiled for AVX2, run only
 * where the host has it), then the line at @hot with ordinary stores.
 */
__attribute__((target("avx2"))) static void clear_avx2(unsigned char *p, unsigned long hot)
{
	__m256i *q = (__m256i *)(p + hot);

	stream_zero_avx2(p, 0, hot);
	stream_zero_avx2(p, hot + LINE, PAGE_SIZE);
	_mm256_store_si256(q, _mm256_setzero_si256());
	_mm256_store_si256(q + 1, _mm256_setzero_si256());
}
#endif

bool highpage_isa_supported(enum highpage_isa isa)
{
	switch (isa) {
	case HIGHPAGE_ISA_C:
		return true;
#ifdef __SSE2__
	case HIGHPAGE_ISA_SSE2:
		return true;
#endif
#ifdef HAVE_AVX2_PATH
	case HIGHPAGE_ISA_AVX2:
		return __builtin_cpu_supports("avx2");
#endif
	default:
		return false;
	}
}

/* The widest stores this host has. */
static inline enum highpage_isa host_isa(void)
{
#ifdef HAVE_AVX2_PATH
	if (__builtin_cpu_supports("avx2"))
		return HIGHPAGE_ISA_AVX2;
#endif
#ifdef __SSE2__
	return HIGHPAGE_ISA_SSE2;
#else
	return HIGHPAGE_ISA_C;
#endif
}

void clear_user_highpage_isa(struct machine *m, struct page *page, unsigned long vaddr,
			     enum highpage_isa isa)
{
	unsigned char *p = page_address(m, page);
	unsigned long hot = vaddr & (PAGE_SIZE - LINE);

	switch (isa) {
#ifdef HAVE_AVX2_PATH
	case HIGHPAGE_ISA_AVX2:
		clear_avx2(p, hot);		/* the faulting line too */
		return;
#endif
#ifdef __SSE2__
	case HIGHPAGE_ISA_SSE2:
		clear_sse2(p, hot);
		break;
#endif
	default:
		memset(p, 0, PAGE_SIZE);
		return;
	}
	memset(p + hot, 0, LINE);		/* the faulting line last, cached */
}

void copy_user_highpage_isa(struct machine *m, struct page *to, struct page *from,
			    unsigned long vaddr, enum highpage_isa isa)
{
	unsigned char *d = page_address(m, to);
	const unsigned char *s = page_address(m, from);
	unsigned long hot = vaddr & (PAGE_SIZE - LINE);

	switch (isa) {
#ifdef __SSE2__
	case HIGHPAGE_ISA_AVX2:				/* no wider copy: see above */
	case HIGHPAGE_ISA_SSE2:
		copy_sse2(d, s, hot);			/* the faulting line too */
		return;
#endif
	default:
		memcpy(d, s, PAGE_SIZE);
		return;
	}
}

void clear_user_highpage(struct machine *m, struct page *page, unsigned long vaddr)
{
	clear_user_highpage_isa(m, page, vaddr, host_isa());
}

void copy_user_highpage(struct machine *m, struct page *to, struct page *from,
			unsigned long vaddr)
{
	copy_user_highpage_isa(m, to, from, vaddr, host_isa());
}

void prefetch_user_highpage(struct machine *m, struct page *from)
{
	const char *s = page_address(m, from);

	for (unsigned long o = 0; o < PAGE_SIZE; o += LINE)	/* prefetcht1: to L2 */
		__builtin_prefetch(s + o, 0, 2);
}
