/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One pass over the memmap shared by the validators that need the typed
 * pages or the PG_mlocked ones (mm/memmap_census.c): mmsim_validate takes
 * the census once, the validators it runs read it instead of each walking
 * every struct page.
 * A validator called on its own (m->census NULL) walks the memmap itself.
 */
#ifndef _LINUX_MEMMAP_CENSUS_H
#define _LINUX_MEMMAP_CENSUS_H

#include "linux/machine.h"

/* What the memmap held when the census was taken (host memory). */
struct memmap_census {
	unsigned long table[MAX_NUMNODES];	/* PGTY_table pages per node */
	unsigned long large_kmalloc[MAX_NUMNODES];	/* pages of PGTY_large_kmalloc blocks */
	unsigned long *slab;		/* pfns of the PGTY_slab pages, ascending */
	unsigned long nr_slab;
	unsigned long *buddy;		/* pfns of the PageBuddy pages, ascending */
	unsigned long nr_buddy;
	unsigned long *mlocked;		/* pfns of the PG_mlocked pages, ascending; none
					 * taken until a page was ever mlocked
					 * (UNEVICTABLE_PGMLOCKED), as validate_mlocked_pages */
	unsigned long nr_mlocked;
};

/*
 * memmap_census_begin - walk the memmap once into @cs and make it
 * m->census, for the validators mmsim_validate runs next; the machine must
 * not change until memmap_census_end.  Returns 0, or -ENOMEM (m->census
 * stays NULL: every validator walks on its own).
 */
int memmap_census_begin(struct machine *m, struct memmap_census *cs);

/* memmap_census_end - forget m->census and free what @cs holds. */
void memmap_census_end(struct machine *m, struct memmap_census *cs);

#endif
