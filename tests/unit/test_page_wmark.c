// SPDX-License-Identifier: GPL-2.0-only
/*
 * min_free_kbytes, watermarks, lowmem_reserve and the reserves
 * (mm/page_wmark.c), checked against numbers read on real Linux 6.18
 * machines: the host this was written on (/proc/zoneinfo: DMA 3840,
 * DMA32 772918, Normal 294912 managed pages, min_free_kbytes 67584 with
 * THP on madvise) and the captured reference
 * (tests/reference/procfs/proc-zoneinfo.txt: Normal 458752 managed).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "page_alloc_fixture.h"

static const unsigned long host_managed[MAX_NR_ZONES] = {
	[ZONE_DMA] = 3840, [ZONE_DMA32] = 772918, [ZONE_NORMAL] = 294912,
};
static const unsigned long reference_managed[MAX_NR_ZONES] = {
	[ZONE_DMA] = 3840, [ZONE_DMA32] = 772917, [ZONE_NORMAL] = 458752,
};

static void assert_wmarks(struct machine *m, int z, unsigned long min, unsigned long low,
			  unsigned long high, unsigned long promo)
{
	struct zone *zone = zone_of(m, 0, z);

	assert_int_equal(zone->_watermark[WMARK_MIN], min);
	assert_int_equal(zone->_watermark[WMARK_LOW], low);
	assert_int_equal(zone->_watermark[WMARK_HIGH], high);
	assert_int_equal(zone->_watermark[WMARK_PROMO], promo);
}

static void assert_protection(struct machine *m, int z, long a, long b, long c, long d, long e)
{
	long *r = zone_of(m, 0, z)->lowmem_reserve;

	assert_int_equal(r[0], a);
	assert_int_equal(r[1], b);
	assert_int_equal(r[2], c);
	assert_int_equal(r[3], d);
	assert_int_equal(r[4], e);
}

/* init_per_zone_wmark_min, then khugepaged's raise, as boot runs them. */
static struct machine *booted_fake(const unsigned long *managed, enum thp_mode thp)
{
	struct machine *m = fake_machine(managed, 2);

	m->bp.thp = thp;
	build_all_zonelists(m);
	calculate_min_free_kbytes(m);
	setup_per_zone_wmarks(m);
	setup_per_zone_lowmem_reserve(m);
	if (thp != THP_NEVER)
		set_recommended_min_free_kbytes(m);
	return m;
}

/* sqrt(1071670 pages * 4 kB * 16) = 8281; THP: 16896 pages on 3 zones. */
static void min_free_kbytes_is_the_sqrt_formula_raised_for_thp(void **state)
{
	struct machine *m = booted_fake(host_managed, THP_NEVER);

	assert_int_equal(m->vm.min_free_kbytes, 8281);
	fake_destroy(m);
	m = booted_fake(host_managed, THP_MADVISE);
	assert_int_equal(m->vm.min_free_kbytes, 67584);
	/* the raise is only logged when the user had set a value */
	assert_false(log_contains(m, "raising min_free_kbytes"));
	fake_destroy(m);
}

static void host_watermarks_follow_from_managed_pages(void **state)
{
	struct machine *m = booted_fake(host_managed, THP_MADVISE);

	assert_wmarks(m, ZONE_DMA, 60, 75, 90, 105);
	assert_wmarks(m, ZONE_DMA32, 12185, 15231, 18277, 21323);
	assert_wmarks(m, ZONE_NORMAL, 4649, 5811, 6973, 8135);
	/* empty Movable: min is clamped to SWAP_CLUSTER_MAX; Device: 0 */
	assert_wmarks(m, ZONE_MOVABLE, 32, 32, 32, 32);
	assert_wmarks(m, ZONE_DEVICE, 0, 0, 0, 0);
	fake_destroy(m);
}

static void host_lowmem_reserve_is_upper_managed_over_ratio(void **state)
{
	struct machine *m = booted_fake(host_managed, THP_MADVISE);

	assert_protection(m, ZONE_DMA, 0, 3019, 4171, 4171, 4171);
	assert_protection(m, ZONE_DMA32, 0, 0, 1152, 1152, 1152);
	assert_protection(m, ZONE_NORMAL, 0, 0, 0, 0, 0);
	fake_destroy(m);
}

static void reference_zoneinfo_watermarks_and_protection_are_reproduced(void **state)
{
	struct machine *m = booted_fake(reference_managed, THP_MADVISE);

	assert_int_equal(m->vm.min_free_kbytes, 67584);
	assert_wmarks(m, ZONE_DMA, 52, 65, 78, 91);
	assert_wmarks(m, ZONE_DMA32, 10569, 13211, 15853, 18495);
	assert_wmarks(m, ZONE_NORMAL, 6273, 7841, 9409, 10977);
	assert_protection(m, ZONE_DMA, 0, 3019, 4811, 4811, 4811);
	assert_protection(m, ZONE_DMA32, 0, 0, 1792, 1792, 1792);
	fake_destroy(m);
}

/* With a user-set value, khugepaged says so when it raises it. */
static void raise_over_a_user_value_is_logged(void **state)
{
	struct machine *m = booted_fake(host_managed, THP_NEVER);

	m->vm.min_free_kbytes = 1024;
	m->vm.user_min_free_kbytes = 1024;
	m->bp.thp = THP_ALWAYS;
	set_recommended_min_free_kbytes(m);
	assert_int_equal(m->vm.min_free_kbytes, 67584);
	assert_true(log_contains(m,
		"raising min_free_kbytes from 1024 to 67584 to help transparent hugepage allocations"));
	/* a larger user value stays, and the sqrt formula says why */
	m->vm.user_min_free_kbytes = 100000;
	m->vm.min_free_kbytes = 100000;
	calculate_min_free_kbytes(m);
	assert_int_equal(m->vm.min_free_kbytes, 100000);
	assert_true(log_contains(m, "min_free_kbytes is not updated to "));
	assert_true(log_contains(m, " because user defined value 100000 is preferred"));
	fake_destroy(m);
}

/* The raise is capped at 5% of low memory: a 256 MiB machine. */
static void thp_raise_is_capped_at_five_percent_of_lowmem(void **state)
{
	const unsigned long small[MAX_NR_ZONES] = { [ZONE_DMA] = 3840, [ZONE_DMA32] = 60000 };
	struct machine *m = booted_fake(small, THP_NEVER);
	unsigned long lowmem = nr_free_buffer_pages(m);	/* above the high marks */

	/* 2 zones want 2 * 512 * (2 + 9) = 11264 pages; 5% is less */
	assert_true(lowmem / 20 < 11264);
	m->bp.thp = THP_ALWAYS;
	set_recommended_min_free_kbytes(m);
	assert_int_equal(m->vm.min_free_kbytes, lowmem / 20 * 4);
	fake_destroy(m);
}

static void min_free_kbytes_is_clamped_to_128_and_262144(void **state)
{
	const unsigned long tiny[MAX_NR_ZONES] = { [ZONE_DMA] = 200 };
	const unsigned long huge[MAX_NR_ZONES] = { [ZONE_NORMAL] = 1UL << 30 };
	struct machine *m = booted_fake(tiny, THP_NEVER);

	assert_int_equal(m->vm.min_free_kbytes, 128);
	fake_destroy(m);
	m = booted_fake(huge, THP_NEVER);
	assert_int_equal(m->vm.min_free_kbytes, 262144);
	fake_destroy(m);
}

/* Gaps are max(min/4, managed * scale / 10000). */
static void watermark_scale_factor_widens_the_gaps(void **state)
{
	struct machine *m = booted_fake(host_managed, THP_MADVISE);

	m->vm.watermark_scale_factor = 1000;
	setup_per_zone_wmarks(m);
	assert_wmarks(m, ZONE_DMA32, 12185, 12185 + 77291, 12185 + 2 * 77291,
		      12185 + 3 * 77291);
	assert_wmarks(m, ZONE_DMA, 60, 60 + 384, 60 + 768, 60 + 1152);
	fake_destroy(m);
}

/*
 * ZONE_MOVABLE is not low memory: it gets no share of min_free_kbytes,
 * only managed/1024 clamped to [32, 128], but full-size gaps.
 */
static void movable_zone_gets_a_small_fixed_min(void **state)
{
	const unsigned long mv[MAX_NR_ZONES] = {
		[ZONE_DMA] = 3840, [ZONE_DMA32] = 772918, [ZONE_MOVABLE] = 1000000,
	};
	struct machine *m = booted_fake(mv, THP_NEVER);
	unsigned long pages_min = (unsigned long)m->vm.min_free_kbytes / 4;

	assert_int_equal(zone_of(m, 0, ZONE_MOVABLE)->_watermark[WMARK_MIN], 128);
	assert_int_equal(zone_of(m, 0, ZONE_DMA32)->_watermark[WMARK_MIN],
			 pages_min * 772918 / (3840 + 772918));
	/* the movable gap comes from the share it would have had */
	assert_int_equal(zone_of(m, 0, ZONE_MOVABLE)->_watermark[WMARK_LOW],
			 128 + max(pages_min * 1000000 / (3840 + 772918) / 4, 1000UL));
	fake_destroy(m);
}

/* Between the clamps the movable min is managed / 1024. */
static void movable_min_is_a_thousandth_between_32_and_128(void **state)
{
	const unsigned long sizes[][2] = { { 16384, 32 }, { 65536, 64 }, { 98304, 96 },
					   { 262144, 128 } };

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++) {
		const unsigned long mv[MAX_NR_ZONES] = {
			[ZONE_DMA] = 3840, [ZONE_DMA32] = 772918, [ZONE_MOVABLE] = sizes[i][0],
		};
		struct machine *m = booted_fake(mv, THP_NEVER);

		assert_int_equal(zone_of(m, 0, ZONE_MOVABLE)->_watermark[WMARK_MIN], sizes[i][1]);
		fake_destroy(m);
	}
}

static void totalreserve_is_max_protection_plus_high_capped_at_managed(void **state)
{
	struct machine *m = booted_fake(host_managed, THP_MADVISE);
	/* DMA: 4171 + 90 > 3840 managed, so 3840; Movable: 32 capped to 0 */
	unsigned long expect = 3840 + (1152 + 18277) + 6973;

	assert_int_equal(m->totalreserve_pages, expect);
	assert_int_equal(NODE_DATA(m, 0)->totalreserve_pages, expect);
	assert_int_equal(nr_free_buffer_pages(m),
			 (3840 - 90) + (772918 - 18277) + (294912 - 6973));
	fake_destroy(m);
}

/* lowmem_reserve_ratio 0 for a zone switches its protection off. */
static void zero_ratio_clears_protection(void **state)
{
	struct machine *m = booted_fake(host_managed, THP_MADVISE);

	m->vm.lowmem_reserve_ratio[ZONE_DMA] = 0;
	setup_per_zone_lowmem_reserve(m);
	assert_protection(m, ZONE_DMA, 0, 0, 0, 0, 0);
	assert_protection(m, ZONE_DMA32, 0, 0, 1152, 1152, 1152);
	fake_destroy(m);
}

/*
 * A booted mem=8G machine: every zone's marks follow the formula, from the
 * managed pages the watermark initcall saw -- before kernel_init returned
 * the kernel's init sections (3728K, in DMA32) to the buddy.
 */
static void booted_machine_watermarks_follow_the_formula(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	unsigned long lowmem = 0, pages_min, init_pages = m->kernel_init_kb >> 2;

	assert_int_equal(m->vm.min_free_kbytes, 67584);
	pages_min = (unsigned long)m->vm.min_free_kbytes >> 2;
	for (int z = 0; z < ZONE_MOVABLE; z++)
		lowmem += zone_of(m, 0, z)->managed_pages;
	lowmem -= init_pages;
	for (int z = ZONE_DMA; z <= ZONE_NORMAL; z++) {
		struct zone *zone = zone_of(m, 0, z);
		unsigned long managed = zone->managed_pages - (z == ZONE_DMA32 ? init_pages : 0);
		unsigned long min = pages_min * managed / lowmem;
		unsigned long gap = max(min / 4, managed * 10 / 10000);

		assert_int_equal(zone->_watermark[WMARK_MIN], min);
		assert_int_equal(zone->_watermark[WMARK_LOW], min + gap);
		assert_int_equal(zone->_watermark[WMARK_HIGH], min + 2 * gap);
	}
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(min_free_kbytes_is_the_sqrt_formula_raised_for_thp),
		cmocka_unit_test(host_watermarks_follow_from_managed_pages),
		cmocka_unit_test(host_lowmem_reserve_is_upper_managed_over_ratio),
		cmocka_unit_test(reference_zoneinfo_watermarks_and_protection_are_reproduced),
		cmocka_unit_test(raise_over_a_user_value_is_logged),
		cmocka_unit_test(thp_raise_is_capped_at_five_percent_of_lowmem),
		cmocka_unit_test(min_free_kbytes_is_clamped_to_128_and_262144),
		cmocka_unit_test(watermark_scale_factor_widens_the_gaps),
		cmocka_unit_test(movable_zone_gets_a_small_fixed_min),
		cmocka_unit_test(movable_min_is_a_thousandth_between_32_and_128),
		cmocka_unit_test(totalreserve_is_max_protection_plus_high_capped_at_managed),
		cmocka_unit_test(zero_ratio_clears_protection),
		cmocka_unit_test(booted_machine_watermarks_follow_the_formula),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
