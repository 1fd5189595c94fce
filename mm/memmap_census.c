// SPDX-License-Identifier: GPL-2.0-only
/*
 * The validators' shared memmap pass (see include/linux/memmap_census.h).
 * validate_kernel_pgtables needs the PGTY_table pages per node,
 * validate_page_alloc every PageBuddy page, validate_slab_caches every
 * PGTY_slab page and the large kmalloc pages, validate_mlocked_pages every
 * PG_mlocked page: four walks over every struct page, one each, cost most
 * of their time.  mmsim_validate takes
 * one census before its validators and drops it after them; validators are
 * read-only, so the census is exactly what each of their own walks would
 * have seen, in the same (ascending) order.  Not a model of anything in
 * Linux: a tool of the validators.  Called by mmsim_validate
 * (kernel/machine.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "linux/memmap_census.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/vmstat.h"

/* Append @pfn to the array *@v of *@nr entries (capacity *@cap). */
static int push_pfn(unsigned long **v, unsigned long *nr, unsigned long *cap,
		    unsigned long pfn)
{
	if (*nr == *cap) {
		unsigned long ncap = *cap ? 2 * *cap : 1024;
		unsigned long *n = realloc(*v, ncap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		*v = n;
		*cap = ncap;
	}
	(*v)[(*nr)++] = pfn;
	return 0;
}

/* Free blocks on the free lists: the PageBuddy pages a sound memmap holds. */
static unsigned long free_blocks(struct machine *m)
{
	struct pglist_data *pgdat;
	unsigned long n = 0;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			for (unsigned int o = 0; o < NR_PAGE_ORDERS; o++)
				n += pgdat->node_zones[z].free_area[o].nr_free;
	return n;
}

/* The sizes of the census's arrays while it is taken. */
struct census_caps {
	unsigned long slab;	/* entries allocated at cs->slab */
	unsigned long buddy;	/* at cs->buddy */
	unsigned long mlocked;	/* at cs->mlocked */
};

/*
 * The walk.  @mlocked (a constant at each call, so that the compiler
 * makes two loops) says whether PG_mlocked pages are gathered too: the
 * walk without them costs what it cost before they were.
 */
static inline __attribute__((always_inline)) int
census_walk(struct machine *m, struct memmap_census *cs, struct census_caps *cap, bool mlocked)
{
	const struct page *map = m->mem_map;	/* loaded once, not per page */
	unsigned long max_pfn = m->max_pfn;

	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		const struct page *p = &map[pfn];
		int ret = 0;

		if (mlocked && (p->flags & (1UL << PG_mlocked)) &&	/* before the type: any page */
		    push_pfn(&cs->mlocked, &cs->nr_mlocked, &cap->mlocked, pfn))
			return -ENOMEM;
		switch (p->page_type) {
		case PGTY_none:
			continue;
		case PGTY_table:
			cs->table[p->nid]++;
			break;
		case PGTY_large_kmalloc:
			cs->large_kmalloc[p->nid] += 1UL << p->alloc_order;
			break;
		case PGTY_slab:
			ret = push_pfn(&cs->slab, &cs->nr_slab, &cap->slab, pfn);
			break;
		case PGTY_buddy:
			ret = push_pfn(&cs->buddy, &cs->nr_buddy, &cap->buddy, pfn);
			break;
		default:
			break;
		}
		if (ret)
			return ret;
	}
	return 0;
}

int memmap_census_begin(struct machine *m, struct memmap_census *cs)
{
	/* PG_mlocked pages only once one was ever mlocked: set_mlocked counts each */
	bool mlocked = m->vm_events[UNEVICTABLE_PGMLOCKED] != 0;
	struct census_caps cap = { .slab = 1024 };
	int ret;

	memset(cs, 0, sizeof(*cs));
	m->census = NULL;
	if (!m->mem_map)
		return 0;
	/* sized so that a sound machine needs no growth (the arrays grow if not) */
	cap.buddy = free_blocks(m) + 64;
	cs->slab = malloc(cap.slab * sizeof(*cs->slab));
	cs->buddy = malloc(cap.buddy * sizeof(*cs->buddy));
	if (mlocked) {
		cap.mlocked = global_zone_page_state(m, NR_MLOCK) + 64;
		cs->mlocked = malloc(cap.mlocked * sizeof(*cs->mlocked));
	}
	if (!cs->slab || !cs->buddy || (mlocked && !cs->mlocked)) {
		memmap_census_end(m, cs);
		return -ENOMEM;
	}
	ret = mlocked ? census_walk(m, cs, &cap, true) : census_walk(m, cs, &cap, false);
	if (ret) {
		memmap_census_end(m, cs);
		return ret;
	}
	m->census = cs;
	return 0;
}

void memmap_census_end(struct machine *m, struct memmap_census *cs)
{
	m->census = NULL;
	free(cs->slab);
	free(cs->buddy);
	free(cs->mlocked);
	cs->slab = cs->buddy = cs->mlocked = NULL;
	cs->nr_slab = cs->nr_buddy = cs->nr_mlocked = 0;
}
