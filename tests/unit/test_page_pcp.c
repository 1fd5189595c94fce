// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU page lists (mm/page_pcp.c): batch and high sizes against real
 * Linux 6.18 zoneinfo, refills that double while a CPU only allocates,
 * frees that give a batch back above high, LIFO reuse, per-CPU ownership,
 * draining, the high-order free burst, and a zone with its lists off.
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

static struct machine *sized_fake(const unsigned long *managed)
{
	struct machine *m = fake_machine(managed, 2);

	m->bp.thp = THP_MADVISE;
	build_all_zonelists(m);
	setup_pcp_sizes(m);
	calculate_min_free_kbytes(m);
	setup_per_zone_wmarks(m);
	setup_per_zone_lowmem_reserve(m);
	set_recommended_min_free_kbytes(m);
	return m;
}

static void assert_pcp(struct machine *m, int z, int batch, int high_min, int high_max)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		struct per_cpu_pages *pcp = &zone_of(m, 0, z)->per_cpu_pageset[cpu];

		assert_int_equal(pcp->batch, batch);
		assert_int_equal(pcp->high_min, high_min);
		assert_int_equal(pcp->high_max, high_max);
		/* high is clamped into [high_min, high_max] on first use */
		assert_int_equal(pcp->high, 0);
	}
}

/* Host: high_min = low / 2 CPUs, high_max = managed / 8 / 2 CPUs. */
static void host_batch_and_high_follow_from_managed_and_low(void **state)
{
	struct machine *m = sized_fake(host_managed);

	assert_pcp(m, ZONE_DMA, 1, 37, 240);
	assert_pcp(m, ZONE_DMA32, 63, 7615, 48307);
	assert_pcp(m, ZONE_NORMAL, 63, 2905, 18432);
	fake_destroy(m);
	m = sized_fake(reference_managed);
	assert_pcp(m, ZONE_DMA, 1, 32, 240);
	assert_pcp(m, ZONE_DMA32, 63, 6605, 48307);
	assert_pcp(m, ZONE_NORMAL, 63, 3920, 28672);
	fake_destroy(m);
}

/* batch: min(managed/1024, 256) / 4, rounded down to 2^n - 1, at least 1. */
static void batch_is_a_quarter_of_a_thousandth_rounded_to_two_to_the_n_minus_one(void **state)
{
	const unsigned long managed[][2] = {
		{ 1000, 1 }, { 8192, 1 }, { 16384, 3 }, { 65536, 15 },
		/* 96 / 4 = 24; 24 + 12 = 36 rounds down to 32, so 31 (not 15) */
		{ 98304, 31 }, { 131072, 31 },
		{ 1UL << 20, 63 }, { 1UL << 30, 63 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(managed); i++) {
		unsigned long mg[MAX_NR_ZONES] = { [ZONE_NORMAL] = managed[i][0] };
		struct machine *m = fake_machine(mg, 1);

		setup_pcp_sizes(m);
		assert_int_equal(zone_of(m, 0, ZONE_NORMAL)->pageset_batch, managed[i][1]);
		fake_destroy(m);
	}
}

/* percpu_pagelist_high_fraction pins high: managed / fraction / CPUs. */
static void high_fraction_pins_high_min_and_max(void **state)
{
	struct machine *m = sized_fake(host_managed);

	m->vm.percpu_pagelist_high_fraction = 100;
	setup_pcp_sizes(m);
	assert_pcp(m, ZONE_DMA32, 63, 772918 / 100 / 2, 772918 / 100 / 2);
	/* never below 4 batches */
	assert_pcp(m, ZONE_DMA, 1, 19, 19);
	m->vm.percpu_pagelist_high_fraction = 0;
	setup_pcp_sizes(m);
	assert_pcp(m, ZONE_DMA32, 63, 7615, 48307);
	fake_destroy(m);
}

/*
 * A booted machine whose per-CPU lists are as a fresh zone_pcp_update
 * leaves them: boot's own allocations (the slab caches) used them, so
 * drain them and reset high and the refill state.
 */
static struct machine *boot_quiet_pcp(const char *cmdline)
{
	struct machine *m = ph_boot(cmdline);
	struct pglist_data *pgdat;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			if (pgdat->node_zones[z].per_cpu_pageset) {
				struct zone *zone = &pgdat->node_zones[z];

				zone_pcp_disable(m, zone);
				zone_pcp_enable(m, zone);
				for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
					zone->per_cpu_pageset[cpu].alloc_factor = 0;
					zone->per_cpu_pageset[cpu].free_count = 0;
					zone->per_cpu_pageset[cpu].flags = 0;
					zone->per_cpu_pageset[cpu].high =
						zone->per_cpu_pageset[cpu].high_min;
				}
			}
	return m;
}

/*
 * An empty list refills with a batch (63 on DMA32), the next refill
 * without a free in between with twice that, and high grows by a batch
 * each time (up to high_max) while the zone is above its high mark.
 */
static void refills_double_while_a_cpu_only_allocates(void **state)
{
	struct machine *m = boot_quiet_pcp("mem=2G nr_cpus=2");
	struct zone *z = zone_of(m, 0, ZONE_DMA32);
	struct per_cpu_pages *pcp = &z->per_cpu_pageset[0];
	unsigned long free0 = zone_page_state(z, NR_FREE_PAGES);
	unsigned long pgalloc0 = m->vm_events[PGALLOC_DMA32];

	m->current_cpu = 0;
	assert_non_null(__alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0, 0));
	assert_int_equal(pcp->count, 62);
	assert_int_equal(pcp->high, pcp->high_min + 63);
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), free0 - 63);
	for (int i = 0; i < 62; i++)
		assert_non_null(__alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0, 0));
	assert_int_equal(pcp->count, 0);
	assert_non_null(__alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0, 0));
	assert_int_equal(pcp->count, 125);
	assert_int_equal(m->vm_events[PGALLOC_DMA32] - pgalloc0, 64);
	assert_valid(m);
	mmsim_destroy(m);
}

/*
 * Freeing: the list never stays at or above high; what it gives back goes
 * to the buddy; every page is either free, on a list, or still held.
 */
static void frees_above_high_give_pages_back_to_the_buddy(void **state)
{
	struct machine *m = boot_quiet_pcp("mem=2G nr_cpus=2");
	struct zone *z = zone_of(m, 0, ZONE_DMA32);
	struct per_cpu_pages *pcp = &z->per_cpu_pageset[0];
	unsigned long free0 = zone_page_state(z, NR_FREE_PAGES), pgfree0 = m->vm_events[PGFREE];
	enum { N = 20000 };
	struct page **pages = calloc(N, sizeof(*pages));

	m->current_cpu = 0;
	for (int i = 0; i < N; i++)
		assert_non_null(pages[i] = __alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0, 0));
	for (int i = 0; i < N; i++) {
		__free_pages(m, pages[i], 0);
		assert_true(pcp->count < pcp->high);
	}
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES) + (unsigned long)pcp->count, free0);
	assert_int_equal(m->vm_events[PGFREE] - pgfree0, N);
	assert_true(pcp->count > 0);
	assert_valid(m);
	free(pages);
	mmsim_destroy(m);
}

static void freed_page_is_the_next_one_allocated_on_that_cpu(void **state)
{
	struct machine *m = boot_quiet_pcp("mem=2G nr_cpus=2");
	struct page *a, *b;

	m->current_cpu = 1;
	a = __alloc_pages(m, GFP_KERNEL, 0, 0);
	b = __alloc_pages(m, GFP_KERNEL, 0, 0);
	__free_pages(m, a, 0);
	assert_ptr_equal(__alloc_pages(m, GFP_KERNEL, 0, 0), a);
	/* freed on CPU 0, it goes to CPU 0's list, not CPU 1's */
	m->current_cpu = 0;
	__free_pages(m, b, 0);
	assert_int_equal(zone_of(m, 0, ZONE_DMA32)->per_cpu_pageset[0].count, 1);
	m->current_cpu = 1;
	assert_ptr_not_equal(__alloc_pages(m, GFP_KERNEL, 0, 0), b);
	m->current_cpu = 0;
	assert_ptr_equal(__alloc_pages(m, GFP_KERNEL, 0, 0), b);
	assert_valid(m);
	mmsim_destroy(m);
}

/* Allocate on both CPUs, free everything, drain: buddyinfo is as at boot. */
static void drain_all_pages_empties_every_list_and_restores_the_buddy(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=2");
	struct zone *z = zone_of(m, 0, ZONE_DMA32);
	char before[128], after[128];
	unsigned long free0;
	enum { N = 3000 };
	struct page **pages = calloc(2 * N, sizeof(*pages));

	mmsim_drain_pages(m);
	free0 = zone_page_state(z, NR_FREE_PAGES);
	buddyinfo(z, before, sizeof(before));
	for (int i = 0; i < 2 * N; i++) {
		m->current_cpu = i % 2;
		assert_non_null(pages[i] = __alloc_pages(m, GFP_HIGHUSER_MOVABLE, (unsigned)i % 4, 0));
	}
	for (int i = 0; i < 2 * N; i++) {
		m->current_cpu = (i / 7) % 2;
		__free_pages(m, pages[i], (unsigned)i % 4);
	}
	assert_true(z->per_cpu_pageset[0].count + z->per_cpu_pageset[1].count > 0);
	mmsim_drain_pages(m);
	assert_int_equal(z->per_cpu_pageset[0].count, 0);
	assert_int_equal(z->per_cpu_pageset[1].count, 0);
	assert_int_equal(zone_page_state(z, NR_FREE_PAGES), free0);
	assert_string_equal(buddyinfo(z, after, sizeof(after)), before);
	assert_valid(m);
	free(pages);
	mmsim_destroy(m);
}

/*
 * A run of order 1-3 frees without allocations drains the lists (such
 * blocks fragment memory if kept); order-0 frees stay.  On the tiny zone
 * (batch 1, high_min 4) the run is long enough after 3 pages.
 */
static void a_burst_of_high_order_frees_drains_the_list(void **state)
{
	struct machine *m = tiny_machine(1);
	struct per_cpu_pages *pcp = &zone_of(m, 0, ZONE_NORMAL)->per_cpu_pageset[0];
	struct page *p[8];

	for (int i = 0; i < 8; i++)
		assert_non_null(p[i] = __alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0, 0));
	for (int i = 0; i < 8; i++)
		__free_pages(m, p[i], 0);
	assert_true(pcp->count > 0);
	mmsim_drain_pages(m);
	for (int i = 0; i < 8; i++)
		assert_non_null(p[i] = __alloc_pages(m, GFP_HIGHUSER_MOVABLE, 2, 0));
	for (int i = 0; i < 8; i++)
		__free_pages(m, p[i], 2);
	assert_int_equal(pcp->count, 0);
	assert_int_equal(zone_page_state(zone_of(m, 0, ZONE_NORMAL), NR_FREE_PAGES), TINY_PAGES);
	assert_valid(m);
	fake_destroy(m);
}

/* zone_pcp_disable: high 0, batch 1; nothing stays on the lists. */
static void disabled_lists_hold_nothing_and_enable_restores_sizes(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=2");
	struct zone *z = zone_of(m, 0, ZONE_DMA32);
	struct per_cpu_pages *pcp = &z->per_cpu_pageset[0];
	int high_min = pcp->high_min;
	struct page *pg;

	m->current_cpu = 0;
	pg = __alloc_pages(m, GFP_KERNEL, 0, 0);
	assert_true(pcp->count > 0);
	zone_pcp_disable(m, z);
	assert_int_equal(pcp->count, 0);
	assert_int_equal(pcp->batch, 1);
	for (unsigned int o = 0; o <= 3; o++) {
		struct page *q = __alloc_pages(m, GFP_KERNEL, o, 0);

		assert_int_equal(pcp->count, 0);
		__free_pages(m, q, o);
		assert_int_equal(pcp->count, 0);
	}
	__free_pages(m, pg, 0);
	assert_int_equal(pcp->count, 0);
	zone_pcp_enable(m, z);
	assert_int_equal(pcp->high_min, high_min);
	assert_int_equal(pcp->batch, 63);
	assert_valid(m);
	mmsim_destroy(m);
}

/* The vmstat worker's decay: high drops by 1/8 towards high_min. */
static void decay_lowers_high_towards_high_min_and_frees_the_excess(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=2");
	struct zone *z = zone_of(m, 0, ZONE_DMA32);
	struct per_cpu_pages *pcp = &z->per_cpu_pageset[0];
	enum { N = 4000 };
	struct page **pages = calloc(N, sizeof(*pages));
	int rounds = 0;

	m->current_cpu = 0;
	for (int i = 0; i < N; i++)
		pages[i] = __alloc_pages(m, GFP_KERNEL, 0, 0);
	for (int i = 0; i < N; i++)
		__free_pages(m, pages[i], 0);
	assert_true(pcp->high > pcp->high_min);
	while (decay_pcp_high(m, z, pcp)) {
		assert_true(pcp->count <= pcp->high);
		rounds++;
	}
	assert_true(rounds > 1);
	assert_int_equal(pcp->high, pcp->high_min);
	assert_valid(m);
	free(pages);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(host_batch_and_high_follow_from_managed_and_low),
		cmocka_unit_test(batch_is_a_quarter_of_a_thousandth_rounded_to_two_to_the_n_minus_one),
		cmocka_unit_test(high_fraction_pins_high_min_and_max),
		cmocka_unit_test(refills_double_while_a_cpu_only_allocates),
		cmocka_unit_test(frees_above_high_give_pages_back_to_the_buddy),
		cmocka_unit_test(freed_page_is_the_next_one_allocated_on_that_cpu),
		cmocka_unit_test(drain_all_pages_empties_every_list_and_restores_the_buddy),
		cmocka_unit_test(a_burst_of_high_order_frees_drains_the_list),
		cmocka_unit_test(disabled_lists_hold_nothing_and_enable_restores_sizes),
		cmocka_unit_test(decay_lowers_high_towards_high_min_and_frees_the_excess),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
