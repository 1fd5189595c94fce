// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU page batches (Linux's mm/swap.c cpu_fbatches): only the
 * lazyfree batch MADV_FREE fills (folio_mark_lazyfree, lru_lazyfree) and
 * its drains (lru_add_drain, lru_add_drain_cpu, lru_add_drain_all).  A
 * batched page holds a reference, so a page unmapped while it waits is
 * freed by the drain, as in Linux.
 *
 * Leaves out: the LRU lists themselves (PG_lru is not used: a mapped
 * anonymous page counts as on the LRU) and the other batches (lru_add,
 * activate, deactivate): the reclaim issue.  memcg counts.
 *
 * lru_add_drain also applies mm/mlock.c's mlock batch (mlock_drain_cpu).
 * Callers: mm/madvise.c (MADV_FREE, COLD, PAGEOUT), mm/mlock.c, mm/gup.c
 * (populate), mm/mmap.c (exit_mmap), mmsim_validate (validate_fbatches).
 */
#include <stdio.h>
#include "linux/pagevec.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/page-flags.h"
#include "linux/rmap.h"
#include "linux/vmstat.h"

static bool page_flag(const struct page *page, int bit)
{
	return page->flags & (1UL << bit);
}

/* folio_test_swapcache: swap-backed with PG_swapcache (PG_owner_priv_1). */
static bool page_in_swapcache(const struct page *page)
{
	return page_flag(page, PG_swapbacked) && page_flag(page, PG_owner_priv_1);
}

/* lru_lazyfree: one batched page becomes lazyfree if it still can. */
static void lru_lazyfree(struct machine *m, struct page *page)
{
	if (!PageAnon(page) || !page_flag(page, PG_swapbacked) || page_in_swapcache(page) ||
	    page_flag(page, PG_unevictable))
		return;
	page->flags &= ~((1UL << PG_active) | (1UL << PG_referenced) | (1UL << PG_swapbacked));
	count_vm_event(m, PGLAZYFREE);
}

/* folio_batch_move_lru for the lazyfree batch of @cpu. */
static void drain_lazyfree(struct machine *m, int cpu)
{
	struct folio_batch *fb = &m->cpu_fbatches[cpu].lru_lazyfree;
	unsigned int i;

	for (i = 0; i < fb->nr; i++)
		lru_lazyfree(m, fb->folios[i]);
	for (i = 0; i < fb->nr; i++)
		folio_put(m, fb->folios[i]);	/* folios_put: the last one frees */
	fb->nr = 0;
}

void folio_mark_lazyfree(struct machine *m, struct page *page)
{
	struct folio_batch *fb = &m->cpu_fbatches[m->current_cpu].lru_lazyfree;
	unsigned int i;

	if (!PageAnon(page) || !page_flag(page, PG_swapbacked) || page_in_swapcache(page) ||
	    page_flag(page, PG_unevictable))
		return;
	for (i = 0; i < fb->nr; i++)		/* off the LRU already (PG_lru clear) */
		if (fb->folios[i] == page)
			return;
	folio_get(page);
	fb->folios[fb->nr++] = page;
	if (fb->nr == FOLIO_BATCH_SIZE)		/* folio_batch_add returned 0 */
		drain_lazyfree(m, m->current_cpu);
}

void lru_add_drain_cpu(struct machine *m, int cpu)
{
	drain_lazyfree(m, cpu);
	mlock_drain_cpu(m, cpu);	/* lru_add_drain's mlock_drain_local (mm/mlock.c) */
}

void lru_add_drain(struct machine *m)
{
	lru_add_drain_cpu(m, m->current_cpu);
}

void lru_add_drain_all(struct machine *m)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		lru_add_drain_cpu(m, cpu);
}

int validate_fbatches(struct machine *m, char *err, size_t len)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		const struct folio_batch *fb = &m->cpu_fbatches[cpu].lru_lazyfree;

		if (fb->nr >= FOLIO_BATCH_SIZE) {
			snprintf(err, len, "cpu %d: lazyfree batch holds %u pages", cpu, fb->nr);
			return -EUCLEAN;
		}
		for (unsigned int i = 0; i < fb->nr; i++) {
			if (fb->folios[i]->_refcount < 1) {
				snprintf(err, len, "cpu %d: batched pfn %#lx is free", cpu,
					 page_to_pfn(m, fb->folios[i]));
				return -EUCLEAN;
			}
			for (unsigned int j = 0; j < i; j++)
				if (fb->folios[j] == fb->folios[i]) {
					snprintf(err, len, "cpu %d: pfn %#lx batched twice", cpu,
						 page_to_pfn(m, fb->folios[i]));
					return -EUCLEAN;
				}
		}
	}
	return validate_mlocked_pages(m, err, len);	/* mm/mlock.c */
}
