// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/gfp.c: GFP masks printed as Linux's %pGg prints them (the values and
 * strings below are what a Linux 6.x failure report shows), parsed back
 * from the names in every spelling gfp_parse() documents, and mapped to
 * the highest usable zone as x86-64's GFP_ZONE_TABLE does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <string.h>
#include "linux/gfp.h"

static const char *fmt(gfp_t gfp)
{
	static char buf[256];

	gfp_format(gfp, buf, sizeof(buf));
	return buf;
}

static gfp_t parse_ok(const char *text)
{
	char bad[64];
	gfp_t gfp = 0xdead;

	assert_int_equal(gfp_parse(text, &gfp, bad, sizeof(bad)), 0);
	assert_string_equal(bad, "");
	return gfp;
}

static void composite_masks_have_linux_values(void **state)
{
	assert_int_equal(GFP_KERNEL, 0xcc0);
	assert_int_equal(GFP_ATOMIC, 0x820);
	assert_int_equal(GFP_NOWAIT, 0x2800);
	assert_int_equal(GFP_HIGHUSER_MOVABLE | __GFP_COMP, 0x140cca);
	assert_int_equal(GFP_TRANSHUGE, 0x1c24ca);	/* THP faults with defrag */
	assert_int_equal(GFP_USER, 0x100cc0);
}

static void format_prints_composites_first(void **state)
{
	assert_string_equal(fmt(GFP_KERNEL), "GFP_KERNEL");
	assert_string_equal(fmt(GFP_ATOMIC), "GFP_ATOMIC");
	assert_string_equal(fmt(GFP_NOWAIT), "GFP_NOWAIT");
	assert_string_equal(fmt(GFP_HIGHUSER_MOVABLE | __GFP_COMP),
			    "GFP_HIGHUSER_MOVABLE|__GFP_COMP");
	/*
	 * Single flags follow in bit order, as in 6.18's mmflags.h
	 * (TRACE_GFP_FLAGS_GENERAL); older kernels printed
	 * "|__GFP_COMP|__GFP_ZERO" from a hand-ordered list.
	 */
	assert_string_equal(fmt(GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_ZERO),
			    "GFP_HIGHUSER_MOVABLE|__GFP_ZERO|__GFP_COMP");
	assert_string_equal(fmt(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY),
			    "GFP_KERNEL|__GFP_NOWARN|__GFP_NORETRY");
	assert_string_equal(fmt(GFP_KERNEL | __GFP_HARDWALL), "GFP_USER");
	assert_string_equal(fmt(GFP_KERNEL | __GFP_ACCOUNT), "GFP_KERNEL_ACCOUNT");
	assert_string_equal(fmt(GFP_TRANSHUGE), "GFP_TRANSHUGE");
	assert_string_equal(fmt(GFP_TRANSHUGE_LIGHT), "GFP_TRANSHUGE_LIGHT");
}

static void format_prints_single_flags_and_leftovers(void **state)
{
	assert_string_equal(fmt(__GFP_DMA), "GFP_DMA");	/* the composite name wins */
	assert_string_equal(fmt(GFP_DMA32 | GFP_KERNEL), "GFP_KERNEL|GFP_DMA32");
	assert_string_equal(fmt(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM), "GFP_NOIO");
	assert_string_equal(fmt(__GFP_KSWAPD_RECLAIM), "__GFP_KSWAPD_RECLAIM");
	assert_string_equal(fmt(__GFP_ZERO | __GFP_NOFAIL), "__GFP_ZERO|__GFP_NOFAIL");
	assert_string_equal(fmt(__GFP_HIGH | __GFP_MEMALLOC), "__GFP_HIGH|__GFP_MEMALLOC");
	assert_string_equal(fmt(GFP_KERNEL | (1u << ___GFP_UNUSED_BIT)), "GFP_KERNEL|0x200");
	assert_string_equal(fmt(1u << 30), "0x40000000");
	assert_string_equal(fmt(0), "");
}

static void format_truncates_safely(void **state)
{
	char buf[8];

	gfp_format(GFP_HIGHUSER_MOVABLE | __GFP_COMP, buf, sizeof(buf));
	assert_string_equal(buf, "GFP_HIG");
}

static void parse_accepts_the_documented_spellings(void **state)
{
	assert_int_equal(parse_ok("GFP_KERNEL"), GFP_KERNEL);
	assert_int_equal(parse_ok("gfp_kernel"), GFP_KERNEL);
	assert_int_equal(parse_ok("kernel"), GFP_KERNEL);
	assert_int_equal(parse_ok("__GFP_ZERO"), __GFP_ZERO);
	assert_int_equal(parse_ok("GFP_ZERO"), __GFP_ZERO);
	assert_int_equal(parse_ok("zero"), __GFP_ZERO);
	assert_int_equal(parse_ok("GFP_KERNEL|__GFP_ZERO"), GFP_KERNEL | __GFP_ZERO);
	assert_int_equal(parse_ok("kernel | nowarn | retry_mayfail"),
			 GFP_KERNEL | __GFP_NOWARN | __GFP_RETRY_MAYFAIL);
	assert_int_equal(parse_ok("highuser_movable|comp"), 0x140cca);
	assert_int_equal(parse_ok("0xcc0"), GFP_KERNEL);
	assert_int_equal(parse_ok("GFP_ATOMIC|0x2000"), GFP_ATOMIC | __GFP_NOWARN);
	assert_int_equal(parse_ok("dma32"), __GFP_DMA32);
	assert_int_equal(parse_ok("0"), 0);
}

static void parse_rejects_unknown_words_and_bits(void **state)
{
	char bad[64];
	gfp_t gfp = 0x1234;

	assert_int_equal(gfp_parse("GFP_KERNEL|__GFP_ZEROO", &gfp, bad, sizeof(bad)), -EINVAL);
	assert_string_equal(bad, "__GFP_ZEROO");
	assert_int_equal(gfp_parse("GFP_KERNEL||zero", &gfp, bad, sizeof(bad)), -EINVAL);
	assert_string_equal(bad, "");
	assert_int_equal(gfp_parse("", &gfp, bad, sizeof(bad)), -EINVAL);
	assert_int_equal(gfp_parse("GFP_", &gfp, bad, sizeof(bad)), -EINVAL);
	assert_string_equal(bad, "GFP_");
	assert_int_equal(gfp_parse("0x200", &gfp, bad, sizeof(bad)), -EINVAL);	/* unused bit */
	assert_string_equal(bad, "0x200: bits 0x200 are not GFP flags");
	assert_int_equal(gfp_parse("0x1000000", &gfp, bad, sizeof(bad)), -EINVAL);
	assert_int_equal(gfp_parse("12abc", &gfp, bad, sizeof(bad)), -EINVAL);
	assert_int_equal(gfp, 0x1234);		/* untouched on failure */
}

static void parse_round_trips_what_format_prints(void **state)
{
	static const gfp_t masks[] = {
		GFP_KERNEL, GFP_ATOMIC, GFP_NOWAIT, GFP_USER, GFP_NOFS, GFP_NOIO,
		GFP_HIGHUSER_MOVABLE | __GFP_COMP, GFP_TRANSHUGE, GFP_TRANSHUGE_LIGHT,
		GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN | __GFP_THISNODE,
		GFP_DMA | GFP_KERNEL, GFP_DMA32 | __GFP_RETRY_MAYFAIL | __GFP_NOFAIL,
		__GFP_HIGH | __GFP_MEMALLOC | __GFP_NOMEMALLOC | __GFP_WRITE,
		__GFP_RECLAIMABLE | __GFP_ACCOUNT | __GFP_ZEROTAGS,
	};

	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++)
		assert_int_equal(parse_ok(fmt(masks[i])), masks[i]);
}

static void gfp_zone_follows_the_zone_table(void **state)
{
	assert_int_equal(gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_ATOMIC), ZONE_NORMAL);
	assert_int_equal(gfp_zone(GFP_KERNEL | GFP_DMA), ZONE_DMA);
	assert_int_equal(gfp_zone(GFP_KERNEL | GFP_DMA32), ZONE_DMA32);
	assert_int_equal(gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	assert_int_equal(gfp_zone(GFP_HIGHUSER), ZONE_NORMAL);	/* no highmem on x86-64 */
	assert_int_equal(gfp_zone(GFP_KERNEL | __GFP_MOVABLE), ZONE_NORMAL);
	assert_int_equal(gfp_zone(__GFP_MOVABLE | __GFP_DMA), ZONE_DMA);
	assert_int_equal(gfp_zone(__GFP_MOVABLE | __GFP_DMA32), ZONE_DMA32);
	assert_false(gfp_zone_bad(GFP_HIGHUSER_MOVABLE));
	assert_false(gfp_zone_bad(GFP_KERNEL | GFP_DMA32));
	assert_true(gfp_zone_bad(__GFP_DMA | __GFP_DMA32));
	assert_true(gfp_zone_bad(__GFP_DMA32 | __GFP_HIGHMEM | __GFP_MOVABLE));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(composite_masks_have_linux_values),
		cmocka_unit_test(format_prints_composites_first),
		cmocka_unit_test(format_prints_single_flags_and_leftovers),
		cmocka_unit_test(format_truncates_safely),
		cmocka_unit_test(parse_accepts_the_documented_spellings),
		cmocka_unit_test(parse_rejects_unknown_words_and_bits),
		cmocka_unit_test(parse_round_trips_what_format_prints),
		cmocka_unit_test(gfp_zone_follows_the_zone_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
