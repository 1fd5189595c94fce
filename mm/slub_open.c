// SPDX-License-Identifier: GPL-2.0-only
/*
 * Opening a SLUB cache (Linux: mm/slub.c kmem_cache_open and what it
 * calls): the cache's geometry (calculate_sizes, calculate_order,
 * calc_slab_order with slub_min_order/slub_max_order/slub_min_objects,
 * the order/objects pairs, min_partial, cpu_partial_slabs, the hardened
 * free pointer's random), and its per-node structures (struct
 * kmem_cache_node, early_kmem_cache_node_alloc for the boot cache of
 * kmem_cache_node itself), per-CPU slabs and, with mmsim.slub_sheaves=1,
 * per-CPU sheaves (init_cache_sheaves, mm/slub_sheaf.c);
 * __kmem_cache_release undoes it.
 *
 * Left out: CONFIG_SLAB_FREELIST_RANDOM, KASAN metadata, memory hotplug of
 * nodes.
 *
 * Called by mm/slab_common.c (create_cache, create_boot_cache,
 * kmem_cache_destroy) and mm/slub_init.c (kmem_cache_init).
 */
#include <stdlib.h>
#include <string.h>
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "slab.h"

/* Partial slabs kept per node: ilog2(size) / 2 within these bounds. */
#define MIN_PARTIAL	5
#define MAX_PARTIAL	10

/* ---- cache geometry (calculate_sizes and friends) ---- */

unsigned int slub_min_objects(const struct machine *m)
{
	unsigned int nr_cpus = (unsigned int)m->nr_cpu_ids;

	if (m->bp.slub_min_objects)
		return (unsigned int)m->bp.slub_min_objects;
	if (nr_cpus < 1)
		nr_cpus = 1;
	return 4 * ((unsigned int)(32 - __builtin_clz(nr_cpus)) + 1);
}

static inline unsigned int order_objects(unsigned int order, unsigned int size)
{
	return (unsigned int)((PAGE_SIZE << order) / size);
}

unsigned int calc_slab_order(unsigned int size, unsigned int min_order,
			     unsigned int max_order, unsigned int fract_leftover)
{
	unsigned int order;

	for (order = min_order; order <= max_order; order++) {
		unsigned int slab_bytes = (unsigned int)(PAGE_SIZE << order);

		if (slab_bytes % size <= slab_bytes / fract_leftover)
			break;
	}
	return order;
}

/*
 * calculate_order - Linux 6.18's: at least slub_min_objects objects (4 *
 * (fls(nr_cpus) + 1) when 0) but no more than fit in slub_max_order, then
 * the smallest order from there wasting at most 1/16, 1/8, 1/4 of the slab.
 */
int calculate_order(const struct machine *m, unsigned int size)
{
	unsigned int min_objects = slub_min_objects(m), max_objects, min_order, order;
	unsigned int max_order = (unsigned int)m->bp.slub_max_order;

	max_objects = max(order_objects(max_order, size), 1U);
	min_objects = min(min_objects, max_objects);
	min_order = max((unsigned int)m->bp.slub_min_order,
			(unsigned int)slab_get_order((unsigned long)min_objects * size));
	if (order_objects(min_order, size) > MAX_OBJS_PER_PAGE)
		return slab_get_order((unsigned long)size * MAX_OBJS_PER_PAGE) - 1;
	for (unsigned int fraction = 16; fraction > 1; fraction /= 2) {
		order = calc_slab_order(size, min_order, max_order, fraction);
		if (order <= max_order)
			return (int)order;
	}
	order = (unsigned int)slab_get_order(size);
	if (order <= MAX_PAGE_ORDER)
		return (int)order;
	return -ENOSYS;
}

static struct kmem_cache_order_objects oo_make(unsigned int order, unsigned int size)
{
	struct kmem_cache_order_objects x = { (order << OO_SHIFT) + order_objects(order, size) };

	return x;
}

/* The exact reciprocal of @size for offsets below 2^23 (order <= 10 slabs). */
static void set_reciprocal(struct kmem_cache *s)
{
	unsigned int l = 0;

	while ((1U << l) < s->size)
		l++;
	s->recip_shift = 23 + l;
	s->recip_mult = (u32)(((1ULL << s->recip_shift) + s->size - 1) / s->size);
	s->pow2_mask = (s->size & (s->size - 1)) ? 0 : s->size - 1;
}

/* calculate_sizes - object layout, slot size, orders, allocflags. */
static int calculate_sizes(struct machine *m, struct kmem_cache *s)
{
	slab_flags_t flags = s->flags;
	unsigned int size = ALIGN(s->object_size, (unsigned int)sizeof(void *));
	int order;

	if ((flags & SLAB_POISON) && !(flags & SLAB_TYPESAFE_BY_RCU) && !s->ctor)
		s->flags |= __OBJECT_POISON;
	else
		s->flags &= ~__OBJECT_POISON;
	if ((flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);
	s->inuse = size;
	if ((flags & SLAB_TYPESAFE_BY_RCU) || (flags & SLAB_POISON) || s->ctor ||
	    ((flags & SLAB_RED_ZONE) &&
	     (s->object_size < sizeof(void *) || slub_debug_orig_size(s)))) {
		/* The object may not be overwritten while free: pointer after it. */
		s->offset = size;
		size += sizeof(void *);
	} else {
		/* Mid-object, away from small over/underflows of neighbours. */
		s->offset = ALIGN_DOWN(s->object_size / 2, (unsigned int)sizeof(void *));
	}
	if (flags & SLAB_STORE_USER) {
		size += 2 * sizeof(struct track);
		if (flags & SLAB_KMALLOC)
			size += sizeof(unsigned int);
	}
	s->red_left_pad = 0;
	if (flags & SLAB_RED_ZONE) {
		size += sizeof(void *);
		s->red_left_pad = ALIGN((unsigned int)sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	size = ALIGN(size, s->align);
	s->size = size;
	set_reciprocal(s);
	order = calculate_order(m, size);
	if (order < 0)
		return 0;
	s->allocflags = __GFP_COMP;
	if (s->flags & SLAB_CACHE_DMA)
		s->allocflags |= __GFP_DMA;
	if (s->flags & SLAB_CACHE_DMA32)
		s->allocflags |= __GFP_DMA32;
	if (s->flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	s->oo = oo_make((unsigned int)order, size);
	s->min = oo_make((unsigned int)slab_get_order(size), size);
	s->tile_mask = slots_tile_slab(s) ? s->pow2_mask : 0;
	return oo_objects(s->oo) != 0;
}

static void set_cpu_partial(struct kmem_cache *s)
{
	unsigned int nr_objects;

	if (!kmem_cache_has_cpu_partial(s))
		nr_objects = 0;
	else if (s->size >= PAGE_SIZE)
		nr_objects = 6;
	else if (s->size >= 1024)
		nr_objects = 24;
	else if (s->size >= 256)
		nr_objects = 52;
	else
		nr_objects = 120;
	s->cpu_partial = nr_objects;
	/* Limit slabs, assuming they are half full. */
	s->cpu_partial_slabs = DIV_ROUND_UP(nr_objects * 2, oo_objects(s->oo));
}

/* A deterministic per-cache key: the machine seed mixed with the name. */
static u64 cache_random(const struct machine *m, const char *name)
{
	u64 x = m->bp.seed ^ 0x9e3779b97f4a7c15ULL;

	for (const char *c = name; *c; c++)
		x = (x ^ (u8)*c) * 0x100000001b3ULL;
	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 29;
	return x | 1;
}

/* ---- node structures ---- */

void init_kmem_cache_node(struct kmem_cache_node *n)
{
	n->nr_partial = 0;
	INIT_LIST_HEAD(&n->partial);
	n->nr_slabs = 0;
	n->total_objects = 0;
	INIT_LIST_HEAD(&n->full);
	n->nr_full = 0;
}

static void free_kmem_cache_nodes(struct machine *m, struct kmem_cache *s)
{
	int node;
	struct kmem_cache_node *n;

	for_each_kmem_cache_node(m, s, node, n) {
		s->node[node] = NULL;
		if (n->kobj && m->kmem_cache_node && m->kmem_cache_node != s)
			kmem_cache_free(m, m->kmem_cache_node, n->kobj);
		free(n);
	}
}

static int init_kmem_cache_nodes(struct machine *m, struct kmem_cache *s)
{
	for (int node = 0; node < m->nr_node_ids; node++) {
		struct kmem_cache_node *n;

		if (m->slab_state == DOWN) {
			if (early_kmem_cache_node_alloc(m, s, node))
				return -ENOMEM;
			continue;
		}
		n = calloc(1, sizeof(*n));
		if (!n)
			return -ENOMEM;
		n->kobj = kmem_cache_alloc_node(m, m->kmem_cache_node, GFP_KERNEL, node);
		if (!n->kobj) {
			free(n);
			return -ENOMEM;
		}
		init_kmem_cache_node(n);
		s->node[node] = n;
	}
	return 0;
}

int early_kmem_cache_node_alloc(struct machine *m, struct kmem_cache *kcn, int node)
{
	struct kmem_cache_node *n = calloc(1, sizeof(*n));
	struct page *slab;

	if (!n)
		return -ENOMEM;
	slab = __new_slab(m, kcn, GFP_NOWAIT, node, true);
	if (!slab) {
		free(n);
		return -ENOMEM;
	}
	n->kobj = slab->freelist;
	if (kmem_cache_debug(kcn))
		init_object(m, kcn, n->kobj, SLUB_RED_ACTIVE);
	slab->freelist = get_freepointer(kcn, n->kobj);
	slab->inuse = 1;
	kcn->node[node] = n;
	init_kmem_cache_node(n);
	inc_slabs_node(kcn, node, slab->objects);
	add_partial(n, slab, ADD_TO_HEAD);
	return 0;
}

/*
 * __kmem_cache_create - do_kmem_cache_create: flags after slub_debug, the
 * layout, min_partial, cpu_partial, node and CPU structures.
 */
int __kmem_cache_create(struct machine *m, struct kmem_cache *s)
{
	s->machine = m;
	s->flags = kmem_cache_flags(m, s->flags, s->name);
	s->random = cache_random(m, s->name);
	s->kva_bias = (u64)PAGE_OFFSET - (u64)(uintptr_t)m->ram;
	INIT_LIST_HEAD(&s->aliases);
	if (!calculate_sizes(m, s))
		return -EINVAL;
	if (m->disable_higher_order_debug &&
	    slab_get_order(s->size) > slab_get_order(s->object_size)) {
		s->flags &= ~DEBUG_METADATA_FLAGS;
		s->offset = 0;
		if (!calculate_sizes(m, s))
			return -EINVAL;
	}
	if (!(s->flags & (SLAB_CONSISTENCY_CHECKS | SLAB_STORE_USER | SLAB_TRACE)))
		s->flags |= __CMPXCHG_DOUBLE;
	s->min_partial = clamp((unsigned long)ilog2(s->size) / 2, (unsigned long)MIN_PARTIAL,
			       (unsigned long)MAX_PARTIAL);
	set_cpu_partial(s);
	s->remote_node_defrag_ratio = 1000;
	s->cpu_slab = calloc((size_t)m->nr_cpu_ids, sizeof(*s->cpu_slab));
	if (!s->cpu_slab)
		return -ENOMEM;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		INIT_LIST_HEAD(&s->cpu_slab[cpu].partial);
	if (init_kmem_cache_nodes(m, s) || init_cache_sheaves(m, s)) {
		free_kmem_cache_nodes(m, s);
		return -ENOMEM;
	}
	return 0;
}

void __kmem_cache_release(struct machine *m, struct kmem_cache *s)
{
	struct kmem_cache_alias *a, *t;

	pcs_destroy(m, s);
	free_kmem_cache_nodes(m, s);
	free(s->cpu_slab);
	s->cpu_slab = NULL;
	if (s->aliases.next)
		list_for_each_entry_safe(a, t, &s->aliases, list)
			free(a);
	INIT_LIST_HEAD(&s->aliases);
}

