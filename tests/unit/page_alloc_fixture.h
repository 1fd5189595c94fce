/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Machines for the page allocator's unit tests (test_page_alloc.c,
 * test_page_pcp.c, test_page_wmark.c):
 *   ph_boot()       a real machine from a kernel command line
 *                   (proc_helpers.h);
 *   tiny_machine()  one node, one ZONE_NORMAL of 4096 pages at pfn 0 (four
 *                   order-10 blocks, eight pageblocks), no watermarks, so a
 *                   test can draw exact buddy layouts;
 *   fake_machine()  zones with given managed page counts and no memmap,
 *                   for the sizing formulas (watermarks, pcp, reserves).
 * Include after cmocka.h.
 */
#ifndef PAGE_ALLOC_FIXTURE_H
#define PAGE_ALLOC_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim.h"
#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/vmstat.h"
#include "../../mm/internal.h"

#define TINY_PAGES	4096UL

static inline struct zone *zone_of(struct machine *m, int nid, int z)
{
	return &NODE_DATA(m, nid)->node_zones[z];
}

/* A machine of one node with the zones' managed pages given (no memmap). */
static inline struct machine *fake_machine(const unsigned long managed[MAX_NR_ZONES],
					   int nr_cpus)
{
	struct machine *m = calloc(1, sizeof(*m));
	struct pglist_data *pgdat = calloc(1, sizeof(*pgdat));

	assert_non_null(m);
	assert_non_null(pgdat);
	sysctl_init(&m->vm);
	m->nr_cpu_ids = nr_cpus;
	m->nr_node_ids = 1;
	m->numa_distance[0][0] = 10;
	m->node_data[0] = pgdat;
	pgdat->machine = m;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		zone->zone_pgdat = pgdat;
		zone->name = zone_names[z];
		zone->managed_pages = managed[z];
		zone->present_pages = managed[z];
		zone->spanned_pages = managed[z];
		if (managed[z]) {
			zone->per_cpu_pageset = calloc((size_t)nr_cpus, sizeof(struct per_cpu_pages));
			assert_non_null(zone->per_cpu_pageset);
			pgdat->nr_zones = z + 1;
		}
		pgdat->node_present_pages += managed[z];
	}
	return m;
}

/* One node, one ZONE_NORMAL of TINY_PAGES pages from pfn 0, all free. */
static inline struct machine *tiny_machine(int nr_cpus)
{
	unsigned long managed[MAX_NR_ZONES] = { 0 };
	struct machine *m;
	struct zone *zone;

	managed[ZONE_NORMAL] = TINY_PAGES;
	m = fake_machine(managed, nr_cpus);
	zone = zone_of(m, 0, ZONE_NORMAL);
	zone->managed_pages = 0;	/* __free_pages_core counts them */
	m->max_pfn = TINY_PAGES;
	m->mem_map = calloc(TINY_PAGES, sizeof(struct page));
	m->ram = calloc(TINY_PAGES, PAGE_SIZE);
	zone->pageblock_mt = calloc(TINY_PAGES / pageblock_nr_pages, 1);
	assert_non_null(m->mem_map);
	assert_non_null(m->ram);
	assert_non_null(zone->pageblock_mt);
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		for (int t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[t]);
	for (unsigned long pfn = 0; pfn < TINY_PAGES; pfn++) {
		struct page *p = &m->mem_map[pfn];

		p->flags = 1UL << PG_reserved;
		p->_mapcount = -1;
		p->zone_idx = ZONE_NORMAL;
		INIT_LIST_HEAD(&p->lru);
	}
	for (unsigned long pfn = 0; pfn < TINY_PAGES; pfn += pageblock_nr_pages)
		set_pageblock_migratetype(m, pfn, MIGRATE_MOVABLE);
	setup_pcp_sizes(m);
	build_all_zonelists(m);
	/* memblock_free_all: in pfn order, each block to the list tail */
	for (unsigned long pfn = 0; pfn < TINY_PAGES; pfn += 1UL << MAX_PAGE_ORDER)
		__free_pages_core(m, pfn_to_page(m, pfn), MAX_PAGE_ORDER);
	setup_pcp_sizes(m);
	snprintf(m->current_comm, sizeof(m->current_comm), "test");
	m->booted = true;
	return m;
}

static inline void fake_destroy(struct machine *m)
{
	struct pglist_data *pgdat = m->node_data[0];

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		free(pgdat->node_zones[z].per_cpu_pageset);
		free(pgdat->node_zones[z].pageblock_mt);
	}
	free(pgdat);
	free(m->mem_map);
	free(m->ram);
	printk_release(&m->log);
	free(m);
}

static inline bool log_contains(struct machine *m, const char *text)
{
	char *log = mmsim_dmesg(m);
	bool found = log && strstr(log, text);

	free(log);
	return found;
}

static inline void assert_valid(struct machine *m)
{
	char err[512] = "";

	if (validate_page_alloc(m, err, sizeof(err)))
		fail_msg("validator: %s", err);
}

/* nr_free of each order, as /proc/buddyinfo shows them, in one string. */
static inline const char *buddyinfo(struct zone *z, char *buf, size_t len)
{
	size_t n = 0;

	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		n += (size_t)snprintf(buf + n, len - n, "%s%lu", o ? " " : "",
				      z->free_area[o].nr_free);
	return buf;
}

#endif
