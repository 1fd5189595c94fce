// SPDX-License-Identifier: GPL-2.0-only
/*
 * Emptying a SLUB cache (Linux: mm/slub.c __kmem_cache_shrink and
 * __kmem_cache_shutdown): every CPU's slabs and sheaves flushed, the
 * empty node partial slabs freed whatever min_partial says, the rest
 * sorted fullest first (shrink); at destroy, the objects still allocated
 * reported as Linux reports them ("Objects remaining ... on
 * __kmem_cache_shutdown()") and the cache refused if any remain.
 *
 * Left out: the per-memcg and RCU-deferred parts of shutdown.
 *
 * Called by mm/slab_common.c: kmem_cache_shrink (from the kernel actor's
 * `kernel: kmem_cache_shrink` and /sys/kernel/slab/CACHE/shrink) and
 * kmem_cache_destroy.
 */
#include <stdlib.h>
#include "linux/mm.h"
#include "slab.h"

/* kmem_cache_shrink sorts partial slabs with up to this many free objects. */
#define SHRINK_PROMOTE_MAX	32

static void flush_all(struct machine *m, struct kmem_cache *s)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		flush_cpu_slab(m, s, cpu);
}

/* free_partial: free the empty partial slabs, report the others. */
static void free_partial(struct machine *m, struct kmem_cache *s, struct kmem_cache_node *n)
{
	struct page *slab, *h;

	list_for_each_entry_safe(slab, h, &n->partial, lru) {
		if (!slab->inuse) {
			remove_partial(n, slab);
			discard_slab(m, s, slab);
		} else {
			list_slab_objects(m, s, slab);
		}
	}
	list_for_each_entry(slab, &n->full, lru)
		list_slab_objects(m, s, slab);
}

int __kmem_cache_shutdown(struct machine *m, struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	int node;

	flush_all(m, s);
	for_each_kmem_cache_node(m, s, node, n) {
		if (n->barn)
			barn_shrink(m, s, n->barn);
		free_partial(m, s, n);
		if (n->nr_partial || node_nr_slabs(n))
			return 1;
	}
	return 0;
}

/*
 * __kmem_cache_do_shrink - free every empty node partial slab (whatever
 * min_partial says) and sort the rest, fullest first.  1 if slabs remain.
 */
static int __kmem_cache_do_shrink(struct machine *m, struct kmem_cache *s)
{
	struct list_head discard, promote[SHRINK_PROMOTE_MAX];
	struct kmem_cache_node *n;
	struct page *slab, *t;
	int node, ret = 0;

	for_each_kmem_cache_node(m, s, node, n) {
		if (n->barn)
			barn_shrink(m, s, n->barn);
		INIT_LIST_HEAD(&discard);
		for (int i = 0; i < SHRINK_PROMOTE_MAX; i++)
			INIT_LIST_HEAD(&promote[i]);
		list_for_each_entry_safe(slab, t, &n->partial, lru) {
			int free_objs = (int)slab->objects - (int)slab->inuse;

			if (free_objs == (int)slab->objects) {
				list_move(&slab->lru, &discard);
				slab->flags &= ~(1UL << SL_partial);
				n->nr_partial--;
				dec_slabs_node(s, node, slab->objects);
			} else if (free_objs <= SHRINK_PROMOTE_MAX) {
				list_move(&slab->lru, &promote[free_objs - 1]);
			}
		}
		/* Fullest (fewest free) first: splice promote[i] at the head, high i first. */
		for (int i = SHRINK_PROMOTE_MAX - 1; i >= 0; i--) {
			while (!list_empty(&promote[i])) {
				slab = list_last_entry(&promote[i], struct page, lru);
				list_move(&slab->lru, &n->partial);
			}
		}
		list_for_each_entry_safe(slab, t, &discard, lru) {
			list_del(&slab->lru);
			free_slab(m, s, slab);
		}
		if (node_nr_slabs(n))
			ret = 1;
	}
	return ret;
}

int __kmem_cache_shrink(struct machine *m, struct kmem_cache *s)
{
	flush_all(m, s);
	return __kmem_cache_do_shrink(m, s);
}
