// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/zoneinfo: the same lines as Linux 6.18 prints for the same machine
 * shape (2 CPUs, DMA/DMA32/Normal populated, Movable and Device empty, the
 * node's counters on the first populated zone), and values that are the
 * zones' own: watermarks, spans, protection, pcp fields, thresholds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/vmstat.h"

static void zoneinfo_lines_match_linux_for_the_same_machine_shape(void **state)
{
	/* like the reference machine: 2 CPUs, RAM above 4G so Normal exists */
	struct machine *m = ph_boot("mem=8G nr_cpus=2");
	char *ref, *ours = ph_read(m, "/proc/zoneinfo");
	struct ph_lines r, o;

	PH_REFERENCE(ref, "proc-zoneinfo.txt");
	r = ph_split(ref);
	o = ph_split(ours);
	assert_int_equal(o.nr, r.nr);
	for (size_t i = 0; i < r.nr; i++) {
		char rs[256], os[256];

		ph_shape(r.line[i], rs, sizeof(rs));
		ph_shape(o.line[i], os, sizeof(os));
		if (strcmp(rs, os))
			fail_msg("line %zu: '%s' but Linux has '%s'", i + 1, o.line[i], r.line[i]);
	}
	ph_free_lines(&r);
	ph_free_lines(&o);
	free(ref);
	free(ours);
	mmsim_destroy(m);
}

/* Find "Node N, zone NAME" and return the text from there (not a copy). */
static const char *zone_section(const char *text, int nid, const char *name)
{
	char hdr[64];

	snprintf(hdr, sizeof(hdr), "Node %d, zone %8s\n", nid, name);
	return strstr(text, hdr);
}

/* The number after @label within the section starting at @sec. */
static long long section_value(const char *sec, const char *label)
{
	const char *end = strstr(sec + 1, "\nNode ");
	const char *p = strstr(sec, label);

	if (!p || (end && p > end))
		fail_msg("'%s' not in section", label);
	return strtoll(p + strlen(label), NULL, 10);
}

static void watermarks_and_spans_are_the_zones_own(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	char *t = ph_read(m, "/proc/zoneinfo");

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(m, 0)->node_zones[z];
		const char *sec = zone_section(t, 0, zone_names[z]);

		assert_non_null(sec);
		assert_int_equal(section_value(sec, "\n        min      "), min_wmark_pages(zone));
		assert_int_equal(section_value(sec, "\n        low      "), low_wmark_pages(zone));
		assert_int_equal(section_value(sec, "\n        high     "), high_wmark_pages(zone));
		assert_int_equal(section_value(sec, "\n        promo    "), promo_wmark_pages(zone));
		assert_int_equal(section_value(sec, "\n        boost    "), zone->watermark_boost);
		assert_int_equal(section_value(sec, "\n        spanned  "), zone->spanned_pages);
		assert_int_equal(section_value(sec, "\n        present  "), zone->present_pages);
		assert_int_equal(section_value(sec, "\n        managed  "), zone->managed_pages);
		assert_int_equal(section_value(sec, "\n  pages free     "),
				 zone_page_state(zone, NR_FREE_PAGES));
		if (populated_zone(zone))
			assert_int_equal(section_value(sec, "\n  start_pfn:           "),
					 zone->zone_start_pfn);
	}
	free(t);
	mmsim_destroy(m);
}

static void protection_is_lowmem_reserve(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	char *t = ph_read(m, "/proc/zoneinfo");
	struct zone *dma = &NODE_DATA(m, 0)->node_zones[ZONE_DMA];
	char want[256];

	snprintf(want, sizeof(want), "        protection: (%ld, %ld, %ld, %ld, %ld)\n",
		 dma->lowmem_reserve[0], dma->lowmem_reserve[1], dma->lowmem_reserve[2],
		 dma->lowmem_reserve[3], dma->lowmem_reserve[4]);
	assert_true(dma->lowmem_reserve[ZONE_NORMAL] > dma->lowmem_reserve[ZONE_DMA32]);
	assert_non_null(strstr(zone_section(t, 0, "DMA"), want));
	free(t);
	mmsim_destroy(m);
}

static void pagesets_show_each_cpus_pcp_and_threshold(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=4");
	struct zone *normal = &NODE_DATA(m, 0)->node_zones[ZONE_NORMAL];
	unsigned long pfn;
	char err[128], *t, want[512];
	const char *sec;

	/* put some pages on CPU 1's list */
	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", -1, 1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(mmsim_free_pages(m, pfn, 0), 0);
	t = ph_read(m, "/proc/zoneinfo");
	sec = zone_section(t, 0, "Normal");
	for (int cpu = 0; cpu < 4; cpu++) {
		struct per_cpu_pages *pcp = &normal->per_cpu_pageset[cpu];

		snprintf(want, sizeof(want),
			 "\n    cpu: %d\n              count:    %d\n              high:     %d"
			 "\n              batch:    %d\n              high_min: %d"
			 "\n              high_max: %d\n  vm stats threshold: %d\n",
			 cpu, pcp->count, pcp->high, pcp->batch, pcp->high_min, pcp->high_max,
			 zone_stat_threshold(m, normal));
		assert_non_null(strstr(sec, want));
	}
	free(t);
	mmsim_destroy(m);
}

/* calculate_normal_threshold, checked against the host's zoneinfo figures. */
static void stat_threshold_matches_linux_examples(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=2");
	struct zone z = { 0 };

	z.managed_pages = 3840;		/* a DMA zone: 2 * fls(2) * (1 + 0) */
	assert_int_equal(zone_stat_threshold(m, &z), 4);
	z.managed_pages = 772917;	/* 2 * 2 * (1 + fls(23)) */
	assert_int_equal(zone_stat_threshold(m, &z), 24);
	z.managed_pages = 458752;	/* 2 * 2 * (1 + fls(14)) */
	assert_int_equal(zone_stat_threshold(m, &z), 20);
	mmsim_destroy(m);
}

/* A copy of the section of "Node N, zone NAME", up to the next header. */
static char *zone_section_copy(const char *text, int nid, const char *name)
{
	const char *sec = zone_section(text, nid, name), *end;

	if (!sec) {
		fail_msg("no section for node %d zone %s", nid, name);
		return NULL;
	}
	end = strstr(sec + 1, "\nNode ");
	return strndup(sec, end ? (size_t)(end - sec + 1) : strlen(sec));
}

static void empty_zones_stop_after_protection(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	char *t = ph_read(m, "/proc/zoneinfo");

	/* Normal is empty on a 2G machine too */
	for (int z = ZONE_NORMAL; z < MAX_NR_ZONES; z++) {
		char *sec = zone_section_copy(t, 0, zone_names[z]);
		struct ph_lines l = ph_split(sec);

		assert_int_equal(NODE_DATA(m, 0)->node_zones[z].present_pages, 0);
		assert_int_equal(l.nr, 12);	/* header, 10 page lines, protection */
		assert_non_null(strstr(l.line[11], "        protection: ("));
		assert_null(strstr(sec, "pagesets"));
		ph_free_lines(&l);
		free(sec);
	}
	free(t);
	mmsim_destroy(m);
}

static void each_node_has_its_per_node_stats(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=2 numa=fake=2");
	char *t = ph_read(m, "/proc/zoneinfo");
	const char *p = t;
	int n = 0;

	while ((p = strstr(p, "  per-node stats\n"))) {
		n++;
		p++;
	}
	assert_int_equal(n, 2);
	assert_non_null(zone_section(t, 1, "DMA"));
	assert_non_null(zone_section(t, 1, "Device"));
	free(t);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(zoneinfo_lines_match_linux_for_the_same_machine_shape),
		cmocka_unit_test(watermarks_and_spans_are_the_zones_own),
		cmocka_unit_test(protection_is_lowmem_reserve),
		cmocka_unit_test(pagesets_show_each_cpus_pcp_and_threshold),
		cmocka_unit_test(stat_threshold_matches_linux_examples),
		cmocka_unit_test(empty_zones_stop_after_protection),
		cmocka_unit_test(each_node_has_its_per_node_stats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
