// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/highmem.c: clear_user_highpage leaves exactly 4096 zero bytes in the
 * page's frame and copy_user_highpage exactly the source's bytes, for a
 * faulting address in each of the first four lines (0-3 lines streamed
 * before it: the AVX2 loop's odd lines), the middle and the last two
 * lines of the page (the line written last), without touching the
 * neighbouring frames;
 * with each of the host's store widths (memset/memcpy, SSE2, AVX2).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "proc_helpers.h"
#include "linux/gfp.h"
#include "linux/highmem.h"
#include "linux/machine.h"
#include "linux/mm.h"

/* Offsets of the faulting address inside the page. */
static const unsigned long offsets[] = { 0, 63, 64, 128 + 5, 192 + 1, 2048 + 17, 3968, 4032, 4095 };

/* An order-1 block: its first page is the one filled, the second a guard. */
static struct page *alloc_pair(struct machine *m)
{
	struct page *page = alloc_pages(m, GFP_KERNEL, 1);

	assert_non_null(page);
	return page;
}

static void fill(struct machine *m, struct page *page, unsigned char seed)
{
	unsigned char *p = page_address(m, page);

	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 8));
}

/* clear_user_highpage_isa at @offset: 4096 zeroes, the guard page untouched. */
static void check_clear(struct machine *m, enum highpage_isa isa, unsigned long offset)
{
	struct page *page = alloc_pair(m);
	unsigned char *p = page_address(m, page), guard[PAGE_SIZE];

	fill(m, page, 0x5a);
	fill(m, page + 1, 0xa5);
	memcpy(guard, page_address(m, page + 1), PAGE_SIZE);
	clear_user_highpage_isa(m, page, 0x7f0000000000UL + offset, isa);
	for (unsigned long i = 0; i < PAGE_SIZE; i++)
		if (p[i])
			fail_msg("isa %d offset %lu: byte %lu is %#x, not 0", isa, offset, i, p[i]);
	assert_memory_equal(page_address(m, page + 1), guard, PAGE_SIZE);
	__free_pages(m, page, 1);
}

/* copy_user_highpage_isa of @src at @offset: its bytes, the guard page untouched. */
static void check_copy(struct machine *m, enum highpage_isa isa, struct page *src,
		       unsigned long offset)
{
	struct page *dst = alloc_pair(m);
	unsigned char guard[PAGE_SIZE];

	fill(m, dst, 0x99);
	fill(m, dst + 1, 0x33);
	memcpy(guard, page_address(m, dst + 1), PAGE_SIZE);
	copy_user_highpage_isa(m, dst, src, 0x400000UL + offset, isa);
	assert_memory_equal(page_address(m, dst), page_address(m, src), PAGE_SIZE);
	assert_memory_equal(page_address(m, dst + 1), guard, PAGE_SIZE);
	__free_pages(m, dst, 1);
}

static void clear_zeroes_the_whole_page_wherever_the_fault_is(void **state)
{
	struct machine *m = ph_boot("mem=256M");
	int isas = 0;

	for (int isa = 0; isa < NR_HIGHPAGE_ISA; isa++) {
		if (!highpage_isa_supported(isa))
			continue;
		isas++;
		for (size_t k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++)
			check_clear(m, isa, offsets[k]);
	}
	assert_true(isas >= 1 && highpage_isa_supported(HIGHPAGE_ISA_C));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void copy_gives_the_source_bytes_wherever_the_fault_is(void **state)
{
	struct machine *m = ph_boot("mem=256M");
	struct page *src = alloc_pair(m);

	fill(m, src, 0x11);
	for (int isa = 0; isa < NR_HIGHPAGE_ISA; isa++) {
		if (!highpage_isa_supported(isa))
			continue;
		for (size_t k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++)
			check_copy(m, isa, src, offsets[k]);
	}
	__free_pages(m, src, 1);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* The fault paths' entry points (the host's widest stores) give the same bytes. */
static void the_default_entry_points_clear_and_copy(void **state)
{
	struct machine *m = ph_boot("mem=256M");
	struct page *a = alloc_pair(m), *b = alloc_pair(m);
	unsigned char zero[PAGE_SIZE] = { 0 };

	fill(m, a, 0x42);
	copy_user_highpage(m, b, a, 0x1000UL + 100);
	assert_memory_equal(page_address(m, b), page_address(m, a), PAGE_SIZE);
	clear_user_highpage(m, a, 0x1000UL + 4000);
	assert_memory_equal(page_address(m, a), zero, PAGE_SIZE);
	__free_pages(m, a, 1);
	__free_pages(m, b, 1);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clear_zeroes_the_whole_page_wherever_the_fault_is),
		cmocka_unit_test(copy_gives_the_source_bytes_wherever_the_fault_is),
		cmocka_unit_test(the_default_entry_points_clear_and_copy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
