// SPDX-License-Identifier: GPL-2.0-only
/*
 * SLUB (mm/slub.c): slab caches of fixed-size objects carved from
 * compound pages of the page allocator.  Objects are real bytes in the
 * machine's RAM; a free object holds the (hardened) pointer to the next
 * free one, as in Linux.
 *
 * Slab states.  A slab is the head struct page of its block; the fields
 * that describe it are page->freelist, ->inuse, ->objects, ->frozen,
 * ->slab_cache and ->lru (the list link):
 *
 *   state         frozen  on list               slab->freelist        slab->inuse
 *   ------------  ------  --------------------  --------------------  -----------------
 *   cpu slab        1     c->slab of one CPU    objects freed while   objects minus those
 *                         (no list)             it was frozen         on slab->freelist;
 *                                                                     c->freelist's count
 *                                                                     as in use
 *   cpu partial     0     c->partial            free objects (never   objects - free
 *                                               NULL)
 *   node partial    0     n->partial,           free objects (never   objects - free
 *                         SL_partial set        NULL)
 *   full            0     none (debug caches:   NULL                  objects
 *                         n->full)
 *
 * Transitions (Linux 6.18, CONFIG_SLUB_CPU_PARTIAL):
 *   new slab            -> cpu slab (all objects move to c->freelist)
 *   cpu slab exhausted  -> full, or back to cpu slab with its remote frees
 *   cpu slab replaced   -> deactivate_slab: node partial, full, or freed
 *                          (empty and the node has min_partial slabs)
 *   full, one free      -> cpu partial (put_cpu_partial; a full cpu
 *                          partial list is first drained to the node)
 *   node partial        -> cpu slab (first) or cpu partial (more, up to
 *                          half of cpu_partial_slabs) in get_partial_node
 *   cpu partial         -> cpu slab when the CPU needs objects, or node
 *                          partial / freed when drained (__put_partials)
 *   node partial empty  -> freed if the node has min_partial others
 * Debug caches (slub_debug) have no cpu slabs: each allocation and free
 * takes an object from / returns it to a node partial or full slab.
 *
 * With mmsim.slub_sheaves=1 (Linux 7.0) a cache with a sheaf capacity has
 * no cpu slab and no cpu partial list: allocation pops the CPU's main
 * sheaf, free pushes on it (mm/slub_sheaf.c), and sheaves are refilled
 * and flushed from and to node partial / full slabs by mm/slub_refill.c
 * (refill_objects, __kmem_cache_free_bulk).  Objects in sheaves count
 * as in use in their slabs.
 *
 * Linux keeps n->full only for SLAB_STORE_USER caches; mmsim keeps it for
 * debug caches (slub_debug), and a count of full slabs in every cache.
 * Left out: locking and cmpxchg (one simulated CPU runs at a time),
 * freelist randomization, memcg charging of
 * objects, KASAN/KFENCE/kmemleak hooks, RCU delay of TYPESAFE_BY_RCU
 * slab freeing, statistics (CONFIG_SLUB_STATS is off).
 *
 * A cache's geometry and node structures (kmem_cache_open) are in
 * mm/slub_open.c, shrink and shutdown in mm/slub_shrink.c, boot in
 * mm/slub_init.c, slub_debug in mm/slub_debug.c.
 *
 * Called by mm/slab_common.c (creation, kmalloc, kfree), the kernel's
 * own caches, the kernel actor, fs/proc/slabinfo.c and mm/slab_sysfs.c.
 */
#include <stdlib.h>
#include <string.h>
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "slab.h"

/* Scan at most this many partial slabs when counting free objects. */
#define MAX_PARTIAL_TO_SCAN	10000

/* GFP bits that make sense for the pages of a slab (gfp.h GFP_RECLAIM_MASK...). */
#define GFP_RECLAIM_MASK	(__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS | \
				 __GFP_NOWARN | __GFP_RETRY_MAYFAIL | __GFP_NOFAIL | \
				 __GFP_NORETRY | __GFP_MEMALLOC | __GFP_NOMEMALLOC)
#define GFP_CONSTRAINT_MASK	(__GFP_HARDWALL | __GFP_THISNODE)

/* What get_partial() is asked for (struct partial_context). */
struct partial_context {
	gfp_t flags;		/* the allocation's gfp (node constraint) */
	unsigned int orig_size;	/* kmalloc request size (debug caches) */
	const char *caller;	/* for the alloc track (debug caches) */
	void *object;		/* debug caches: the object taken */
};

static inline bool node_match(const struct page *slab, int node)
{
	return node == NUMA_NO_NODE || slab_nid(slab) == node;
}

static inline struct kmem_cache_cpu *this_cpu_slab(struct machine *m, struct kmem_cache *s)
{
	return &s->cpu_slab[m->current_cpu];
}

/* Bytes of the slab block. */
static inline unsigned long slab_size(const struct page *slab)
{
	return PAGE_SIZE << slab_order(slab);
}

/*
 * Is @p (a pointer read from a free object) the start of an object of
 * @slab?  SLUB's check_valid_pointer, used on every slow path and list
 * walk so a corrupted free pointer is caught instead of followed.
 */
static inline bool obj_valid(const struct kmem_cache *s, const struct page *slab, const void *p)
{
	unsigned char *base = (unsigned char *)slab_base(s, slab) +
			      ((s->flags & SLAB_RED_ZONE) ? s->red_left_pad : 0);
	unsigned long off = (unsigned long)((const unsigned char *)p - base);

	if ((const unsigned char *)p < base || off >= (unsigned long)slab->objects * s->size)
		return false;
	return __obj_to_index(s, off) * s->size == off;
}

/* ---- slab pages from the page allocator ---- */

gfp_t kmalloc_fix_flags(struct machine *m, gfp_t flags)
{
	gfp_t invalid = flags & GFP_SLAB_BUG_MASK;
	char a[128], b[128];

	flags &= ~GFP_SLAB_BUG_MASK;
	gfp_format(invalid, a, sizeof(a));
	gfp_format(flags, b, sizeof(b));
	pr_warn(m, "Unexpected gfp: %#x (%s). Fixing up to gfp: %#x (%s). Fix your code!",
		invalid, a, flags, b);
	return flags;
}

static struct page *alloc_slab_page(struct machine *m, gfp_t flags, int node, unsigned int order)
{
	struct page *page = __alloc_pages(m, flags, order, node);

	if (page)
		__SetPageSlab(page);
	return page;
}

/* Each object's setup when its slab is made: debug bytes, constructor. */
static void *setup_object(struct machine *m, struct kmem_cache *s, void *object)
{
	if (kmem_cache_debug(s)) {
		init_object(m, s, object, SLUB_RED_INACTIVE);
		init_tracking(m, s, object);
	}
	if (s->ctor)
		s->ctor(object);
	return object;
}

/*
 * build_slab_freelist - chain the objects of new @slab from index @first
 * to the last on slab->freelist, in address order (NULL if none).
 */
void build_slab_freelist(struct kmem_cache *s, struct page *slab, unsigned int first)
{
	unsigned int objects = slab->objects, size = s->size, off = s->offset;
	unsigned char *p = (unsigned char *)fixup_red_left(s, slab_base(s, slab)) +
			   (size_t)first * size;
	/* set_freepointer(p, p + size) for each object, in kernel VAs */
	u64 kva = (u64)(uintptr_t)p + s->kva_bias, rnd = s->random;
	unsigned char *last;

	if (first >= objects) {
		slab->freelist = NULL;
		return;
	}
	slab->freelist = p;
	last = p + (size_t)(objects - 1 - first) * size;
	/* the pointer in @p holds @kva + size; its own kernel VA is kva + off */
	for (; p < last; p += size, kva += size)
		*(u64 *)(p + off) = (kva + size) ^ rnd ^ __builtin_bswap64(kva + off);
	set_freepointer(s, p, NULL);
}

/*
 * allocate_slab - a block of s->oo's order (s->min's when that fails),
 * made a slab: page type, tail pointers, accounting, every object set up;
 * with @link (6.18) chained on slab->freelist in address order, else
 * (7.0's alloc_from_new_slab) left for the caller to hand out and link.
 */
static struct page *allocate_slab(struct machine *m, struct kmem_cache *s, gfp_t flags, int node,
				  bool link)
{
	struct kmem_cache_order_objects oo = s->oo;
	unsigned int order, nr, objects;
	struct page *slab;
	gfp_t alloc_gfp;
	unsigned char *start, *p;

	flags |= s->allocflags;
	/* Let the higher order fail quietly under pressure and fall back. */
	alloc_gfp = (flags | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_NOFAIL;
	if ((alloc_gfp & __GFP_DIRECT_RECLAIM) && oo_order(oo) > oo_order(s->min))
		alloc_gfp = (alloc_gfp | __GFP_NOMEMALLOC) & ~__GFP_RECLAIM;
	slab = alloc_slab_page(m, alloc_gfp, node, oo_order(oo));
	if (!slab) {
		oo = s->min;
		slab = alloc_slab_page(m, flags, node, oo_order(oo));
		if (!slab)
			return NULL;
	}
	order = oo_order(oo);
	nr = 1U << order;
	slab->objects = oo_objects(oo) & 0x7fff;
	slab->inuse = 0;
	slab->frozen = 0;
	slab->slab_cache = s;
	for (unsigned int i = 1; i < nr; i++) {
		slab[i].slab_cache = s;
		slab[i].lru.next = (struct list_head *)((uintptr_t)slab | 1);
	}
	mod_node_page_state(NODE_DATA(m, slab_nid(slab)), cache_vmstat_idx(s), (long)nr);

	start = slab_base(s, slab);
	if (kmem_cache_debug(s))
		setup_slab_debug(m, s, slab, start);
	p = fixup_red_left(s, start);
	objects = slab->objects;
	if (unlikely(kmem_cache_debug(s) || s->ctor)) {
		for (unsigned int idx = 0; idx < objects; idx++)
			setup_object(m, s, p + (size_t)idx * s->size);
	}
	slab->freelist = NULL;
	if (link)
		build_slab_freelist(s, slab, 0);
	return slab;
}

struct page *__new_slab(struct machine *m, struct kmem_cache *s, gfp_t flags, int node,
			bool link)
{
	if (unlikely(flags & GFP_SLAB_BUG_MASK))
		flags = kmalloc_fix_flags(m, flags);
	return allocate_slab(m, s, flags & (GFP_RECLAIM_MASK | GFP_CONSTRAINT_MASK), node, link);
}

static struct page *new_slab(struct machine *m, struct kmem_cache *s, gfp_t flags, int node)
{
	return __new_slab(m, s, flags, node, true);
}

void free_slab(struct machine *m, struct kmem_cache *s, struct page *slab)
{
	unsigned int order = slab_order(slab), nr = 1U << order;

	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		void *p;

		slab_pad_check(m, s, slab);
		for_each_object(p, s, slab_base(s, slab), slab->objects)
			check_object(m, s, slab, p, SLUB_RED_INACTIVE);
	}
	mod_node_page_state(NODE_DATA(m, slab_nid(slab)), cache_vmstat_idx(s), -(long)nr);
	for (unsigned int i = 1; i < nr; i++) {
		slab[i].slab_cache = NULL;
		slab[i].lru.next = NULL;
	}
	__ClearPageSlab(slab);
	slab->flags &= ~(1UL << SL_partial);
	slab->slab_cache = NULL;
	slab->freelist = NULL;
	slab->private = 0;
	slab->_mapcount = -1;
	__free_pages(m, slab, order);
}

void discard_slab(struct machine *m, struct kmem_cache *s, struct page *slab)
{
	dec_slabs_node(s, slab_nid(slab), slab->objects);
	free_slab(m, s, slab);
}

/* ---- the per-CPU slab ---- */

/* Point the fast path's bounds at @slab (or nowhere). */
static inline void set_cpu_bounds(struct kmem_cache *s, struct kmem_cache_cpu *c,
				  struct page *slab)
{
	if (!slab) {
		c->lo = c->hi = NULL;
		return;
	}
	c->lo = fixup_red_left(s, slab_base(s, slab));
	c->hi = c->lo + (size_t)slab->objects * s->size;
}

/*
 * get_freelist - take every free object of @slab for the CPU: inuse
 * becomes objects; the slab stays frozen only if it had some.  One write
 * of the counters word.
 */
static inline void *get_freelist(struct page *slab)
{
	void *freelist = slab->freelist;
	u32 objects = counters_objects(slab_counters(slab));

	slab->freelist = NULL;
	slab_set_counters(slab, objects | objects << SLAB_OBJECTS_SHIFT |
				(freelist ? SLAB_FROZEN : 0));
	return freelist;
}

/*
 * Walk a CPU freelist of @slab starting at @freelist: count its objects
 * and find its tail.  Returns false (after reporting) when it leaves the
 * slab or loops; *count and *tail then describe the good prefix.
 */
static bool walk_cpu_freelist(struct machine *m, struct kmem_cache *s, struct page *slab,
			      void *freelist, unsigned int *count, void **tail)
{
	unsigned int nr = 0;
	void *p = freelist, *last = NULL;

	while (p) {
		void *next;

		if (nr >= slab->objects) {
			slab_err(m, s, slab, "Freelist cycle detected");
			break;
		}
		next = get_freepointer(s, p);
		last = p;
		nr++;
		if (next && !obj_valid(s, slab, next)) {
			object_err(m, s, slab, p, "Freechain corrupt");
			set_freepointer(s, p, NULL);
			break;
		}
		p = next;
	}
	*count = nr;
	*tail = last;
	return p == NULL;
}

/*
 * deactivate_slab - @slab stops being a CPU slab: the objects of the CPU
 * @freelist go back on the slab's freelist and the slab goes to the node
 * partial list, the full list, or back to the page allocator.  A CPU
 * freelist that loops is abandoned (its objects stay counted as in use).
 */
static void deactivate_slab(struct machine *m, struct kmem_cache *s, struct page *slab,
			    void *freelist)
{
	struct kmem_cache_node *n = get_node(s, slab_nid(slab));
	enum add_mode tail = slab->freelist ? ADD_TO_TAIL : ADD_TO_HEAD;
	unsigned int free_delta = 0;
	void *freelist_tail = NULL;

	if (freelist && !walk_cpu_freelist(m, s, slab, freelist, &free_delta, &freelist_tail)) {
		if (free_delta >= slab->objects) {
			free_delta = 0;		/* a cycle: lose the CPU freelist */
			freelist_tail = NULL;
		}
	}
	slab->frozen = 0;
	if (freelist_tail) {
		if (free_delta > slab->inuse)
			free_delta = slab->inuse;
		set_freepointer(s, freelist_tail, slab->freelist);
		slab->freelist = freelist;
		slab->inuse -= free_delta;
	}
	if (!slab->inuse && n->nr_partial >= s->min_partial)
		discard_slab(m, s, slab);
	else if (slab->freelist)
		add_partial(n, slab, tail);
	else
		add_full(s, n, slab);
}

/* __put_partials: a chain of CPU partial slabs goes to the node lists. */
static void __put_partials(struct machine *m, struct kmem_cache *s, struct list_head *list)
{
	struct page *slab, *t;

	list_for_each_entry_safe(slab, t, list, lru) {
		struct kmem_cache_node *n = get_node(s, slab_nid(slab));

		list_del(&slab->lru);
		if (!slab->inuse && n->nr_partial >= s->min_partial)
			discard_slab(m, s, slab);
		else
			add_partial(n, slab, ADD_TO_TAIL);
	}
}

static __attribute__((noinline)) void put_partials_cpu(struct machine *m, struct kmem_cache *s,
							struct kmem_cache_cpu *c)
{
	struct list_head chain;

	if (list_empty(&c->partial))
		return;
	/* Move the chain out first: freeing slabs must not see it. */
	chain = c->partial;
	chain.next->prev = &chain;
	chain.prev->next = &chain;
	INIT_LIST_HEAD(&c->partial);
	c->partial_slabs = 0;
	__put_partials(m, s, &chain);
}

/*
 * put_cpu_partial - @slab (unfrozen, with free objects) joins this CPU's
 * partial list.  With @drain, a list already holding cpu_partial_slabs
 * slabs is first moved to the node partial lists.
 */
static inline void put_cpu_partial(struct machine *m, struct kmem_cache *s, struct page *slab,
				   int drain)
{
	struct kmem_cache_cpu *c = this_cpu_slab(m, s);

	if (drain && unlikely(c->partial_slabs >= s->cpu_partial_slabs) &&
	    !list_empty(&c->partial))
		put_partials_cpu(m, s, c);
	list_add(&slab->lru, &c->partial);
	c->partial_slabs++;
}

/* flush_cpu_slab - deactivate @cpu's slab of @s and drain its partial list. */
void flush_cpu_slab(struct machine *m, struct kmem_cache *s, int cpu)
{
	struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
	struct page *slab;

	if (s->cpu_sheaves)
		pcs_flush_cpu(m, s, cpu);
	slab = c->slab;
	if (slab) {
		void *freelist = c->freelist;

		c->slab = NULL;
		c->freelist = NULL;
		c->tid++;
		set_cpu_bounds(s, c, NULL);
		deactivate_slab(m, s, slab, freelist);
	}
	put_partials_cpu(m, s, c);
}

/* ---- partial lists ---- */

/*
 * alloc_single_from_partial - debug caches: one object from @slab on
 * @n's partial list, checked; the slab moves to the full list when it
 * fills.  NULL if the checks failed (the slab is then disabled).
 */
static void *alloc_single_from_partial(struct machine *m, struct kmem_cache *s,
				       struct kmem_cache_node *n, struct page *slab,
				       struct partial_context *pc)
{
	void *object = slab->freelist;
	void *next = get_freepointer(s, object);

	if (next && !obj_valid(s, slab, next)) {
		object_err(m, s, slab, object, "Freechain corrupt");
		next = NULL;
		set_freepointer(s, object, NULL);
	}
	slab->freelist = next;
	slab->inuse++;
	if (!alloc_debug_processing(m, s, slab, object, pc->orig_size)) {
		remove_partial(n, slab);
		add_full(s, n, slab);	/* disabled: frozen, all objects used */
		return NULL;
	}
	if (slab->inuse == slab->objects) {
		remove_partial(n, slab);
		add_full(s, n, slab);
	}
	return object;
}

/*
 * get_partial_node - take partial slabs of node @n: the first for the CPU
 * slab, more onto the CPU partial list up to half its capacity.  Debug
 * caches take one object instead (pc->object).
 */
static struct page *get_partial_node(struct machine *m, struct kmem_cache *s,
				     struct kmem_cache_node *n, struct partial_context *pc)
{
	struct page *slab, *slab2, *partial = NULL;
	unsigned int partial_slabs = 0;

	if (!n || !n->nr_partial)
		return NULL;
	list_for_each_entry_safe(slab, slab2, &n->partial, lru) {
		if (kmem_cache_debug(s)) {
			void *object = alloc_single_from_partial(m, s, n, slab, pc);

			if (object) {
				partial = slab;
				pc->object = object;
				break;
			}
			continue;
		}
		remove_partial(n, slab);
		if (!partial) {
			partial = slab;
			if (s->cpu_partial_slabs == 0)
				break;
		} else {
			put_cpu_partial(m, s, slab, 0);
			if (++partial_slabs > s->cpu_partial_slabs / 2)
				break;
		}
	}
	return partial;
}

/*
 * get_any_partial - partial slabs from other nodes, in zonelist order,
 * when the defrag ratio allows (remote_node_defrag_ratio out of 1024; the
 * "random" draw is the virtual clock, for determinism) and a node has
 * more than min_partial.
 */
static struct page *get_any_partial(struct machine *m, struct kmem_cache *s,
				    struct partial_context *pc)
{
	struct zonelist *zl;
	enum zone_type high = gfp_zone(pc->flags);

	if (m->nr_node_ids < 2 || !s->remote_node_defrag_ratio ||
	    (m->clock_ns / 1000) % 1024 > s->remote_node_defrag_ratio)
		return NULL;
	zl = &NODE_DATA(m, numa_node_id(m))->node_zonelists[ZONELIST_FALLBACK];
	for (struct zoneref *z = zl->_zonerefs; z->zone; z++) {
		struct kmem_cache_node *n;
		struct page *slab;

		if (z->zone_idx > (int)high)
			continue;
		n = get_node(s, zone_to_nid(z->zone));
		if (n && n->nr_partial > s->min_partial) {
			slab = get_partial_node(m, s, n, pc);
			if (slab)
				return slab;
		}
	}
	return NULL;
}

static struct page *get_partial(struct machine *m, struct kmem_cache *s, int node,
				struct partial_context *pc)
{
	int searchnode = node == NUMA_NO_NODE ? numa_node_id(m) : node;
	struct page *slab = get_partial_node(m, s, get_node(s, searchnode), pc);

	if (slab || (node != NUMA_NO_NODE && (pc->flags & __GFP_THISNODE)))
		return slab;
	return get_any_partial(m, s, pc);
}

/* ---- allocation ---- */

/* slab_out_of_memory: Linux's report, ratelimited (10 per 5 s of virtual time). */
void slab_out_of_memory(struct machine *m, struct kmem_cache *s, gfp_t gfp, int nid)
{
	char g[160];
	struct kmem_cache_node *n;
	int node;

	if (gfp & __GFP_NOWARN)
		return;
	if (m->clock_ns - m->slub_oom_rs_begin >= 5000000000ULL || !m->slub_oom_rs_begin) {
		if (m->slub_oom_rs_missed)
			pr_warn(m, "slab_out_of_memory: %d callbacks suppressed",
				m->slub_oom_rs_missed);
		m->slub_oom_rs_begin = m->clock_ns ? m->clock_ns : 1;
		m->slub_oom_rs_printed = 0;
		m->slub_oom_rs_missed = 0;
	}
	if (m->slub_oom_rs_printed >= 10) {
		m->slub_oom_rs_missed++;
		return;
	}
	m->slub_oom_rs_printed++;
	gfp_format(gfp, g, sizeof(g));
	pr_warn(m, "SLUB: Unable to allocate memory on CPU %d (of node %d) on node %d, gfp=%#x(%s)",
		m->current_cpu, numa_node_id(m), nid, gfp, g);
	pr_warn(m, "  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u",
		s->name, s->object_size, s->size, oo_order(s->oo), oo_order(s->min));
	if (oo_order(s->min) > (unsigned int)slab_get_order(s->object_size))
		pr_warn(m, "  %s debugging increased min order, use slab_debug=O to disable.",
			s->name);
	for_each_kmem_cache_node(m, s, node, n)
		pr_warn(m, "  node %d: slabs: %ld, objs: %ld, free: %ld", node,
			(long)node_nr_slabs(n), (long)node_nr_objs(n),
			(long)count_partial_free_approx(n));
}

/*
 * alloc_single_from_new_slab - debug caches: the first object of a fresh
 * slab, which goes to the partial (or full) list at once.
 */
static void *alloc_single_from_new_slab(struct machine *m, struct kmem_cache *s,
					struct page *slab, unsigned int orig_size)
{
	struct kmem_cache_node *n = get_node(s, slab_nid(slab));
	void *object = slab->freelist;

	slab->freelist = get_freepointer(s, object);
	slab->inuse = 1;
	inc_slabs_node(s, slab_nid(slab), slab->objects);
	if (!alloc_debug_processing(m, s, slab, object, orig_size)) {
		add_full(s, n, slab);
		return NULL;
	}
	if (slab->inuse == slab->objects)
		add_full(s, n, slab);
	else
		add_partial(n, slab, ADD_TO_HEAD);
	return object;
}

/*
 * Install @slab (frozen, all objects in @freelist) as this CPU's slab.
 * The next free pointer is checked as obj_valid() does, against the
 * bounds just computed for the fast path.
 */
static inline void *load_freelist(struct machine *m, struct kmem_cache *s,
				  struct kmem_cache_cpu *c, struct page *slab, void *freelist)
{
	void *next = get_freepointer(s, freelist);

	set_cpu_bounds(s, c, slab);
	if (unlikely(next && ((unsigned char *)next < c->lo || (unsigned char *)next >= c->hi ||
			      !slot_aligned(s, (unsigned long)((unsigned char *)next - c->lo))))) {
		object_err(m, s, slab, freelist, "Freechain corrupt");
		next = NULL;
	}
	c->slab = slab;
	c->freelist = next;
	c->tid++;
	return freelist;
}

/*
 * refill_from_cpu_slab - the CPU slab's part of the slow path: its remote
 * frees become the CPU freelist; else it leaves the CPU (on the wrong
 * node: deactivated; exhausted: full).  An object, or NULL.
 */
static void *refill_from_cpu_slab(struct machine *m, struct kmem_cache *s,
				  struct kmem_cache_cpu *c, int node)
{
	struct page *slab = c->slab;
	void *freelist;

	if (!slab)
		return NULL;
	if (!node_match(slab, node)) {
		freelist = c->freelist;
		c->slab = NULL;
		c->freelist = NULL;
		c->tid++;
		set_cpu_bounds(s, c, NULL);
		deactivate_slab(m, s, slab, freelist);
		return NULL;
	}
	freelist = c->freelist ? c->freelist : get_freelist(slab);
	if (freelist)
		return load_freelist(m, s, c, slab, freelist);
	/* exhausted: the slab is full and leaves the CPU */
	c->slab = NULL;
	c->tid++;
	set_cpu_bounds(s, c, NULL);
	add_full(s, get_node(s, slab_nid(slab)), slab);
	return NULL;
}

/*
 * refill_from_cpu_partial - the first CPU partial slab of @node becomes
 * the CPU slab; those of other nodes met first go back to their node.
 * An object, or NULL when the CPU partial list runs out.
 */
static void *refill_from_cpu_partial(struct machine *m, struct kmem_cache *s,
				     struct kmem_cache_cpu *c, int node)
{
	while (!list_empty(&c->partial)) {
		struct page *slab = list_first_entry(&c->partial, struct page, lru);
		struct list_head one;

		list_del(&slab->lru);
		c->partial_slabs--;
		if (node_match(slab, node))
			return load_freelist(m, s, c, slab, get_freelist(slab));
		INIT_LIST_HEAD(&one);
		list_add(&slab->lru, &one);
		__put_partials(m, s, &one);
	}
	return NULL;
}

/*
 * install_cpu_slab - frozen @slab becomes this CPU's slab with @freelist
 * (a slab installed meanwhile, by reclaim in the page allocator, is
 * deactivated first); the first object.
 */
static void *install_cpu_slab(struct machine *m, struct kmem_cache *s, struct page *slab,
			      void *freelist)
{
	struct kmem_cache_cpu *c = this_cpu_slab(m, s);

	if (unlikely(c->slab)) {
		struct page *old = c->slab;
		void *old_freelist = c->freelist;

		c->slab = NULL;
		c->freelist = NULL;
		deactivate_slab(m, s, old, old_freelist);
	}
	return load_freelist(m, s, c, slab, freelist);
}

/*
 * new_objects - a slab from the node partial lists (get_partial), else a
 * new slab; first on @node only (GFP_NOWAIT | __GFP_THISNODE) when a node
 * was asked for without __GFP_THISNODE, then anywhere.  Debug caches get
 * a single object (and its alloc track).  The object, or NULL with
 * slab_out_of_memory's report.
 */
static void *new_objects(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node,
			 unsigned int orig_size, const char *caller)
{
	bool try_thisnode = node != NUMA_NO_NODE && !(gfp & __GFP_THISNODE);
	struct partial_context pc = { .orig_size = orig_size, .caller = caller };
	struct page *slab;
	void *freelist;

	for (;;) {
		pc.flags = try_thisnode ? GFP_NOWAIT | __GFP_THISNODE : gfp;
		pc.object = NULL;
		slab = get_partial(m, s, node, &pc);
		if (slab) {
			if (!kmem_cache_debug(s)) {
				freelist = get_freelist(slab);
				slab->frozen = 1;
				return install_cpu_slab(m, s, slab, freelist);
			}
			if (s->flags & SLAB_STORE_USER)
				set_track(m, s, pc.object, TRACK_ALLOC, caller);
			return pc.object;
		}
		slab = new_slab(m, s, pc.flags, node);
		if (!slab) {
			if (try_thisnode) {
				try_thisnode = false;
				continue;
			}
			slab_out_of_memory(m, s, gfp, node);
			return NULL;
		}
		if (!kmem_cache_debug(s))
			break;
		freelist = alloc_single_from_new_slab(m, s, slab, orig_size);
		if (!freelist)
			continue;
		if (s->flags & SLAB_STORE_USER)
			set_track(m, s, freelist, TRACK_ALLOC, caller);
		return freelist;
	}
	freelist = slab->freelist;
	slab->freelist = NULL;
	slab->inuse = slab->objects;
	slab->frozen = 1;
	inc_slabs_node(s, slab_nid(slab), slab->objects);
	return install_cpu_slab(m, s, slab, freelist);
}

/*
 * __slab_alloc_slow - the slow path in full: the CPU freelist is empty
 * (or on the wrong node).  Refill from the CPU slab's remote frees, the
 * CPU partial list, the node partial lists, or a new slab.
 */
static __attribute__((noinline)) void *
__slab_alloc_slow(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node,
		  unsigned int orig_size, const char *caller)
{
	struct kmem_cache_cpu *c = this_cpu_slab(m, s);
	void *object;

	if (node != NUMA_NO_NODE && (node < 0 || node >= m->nr_node_ids))
		node = NUMA_NO_NODE;
	object = refill_from_cpu_slab(m, s, c, node);
	if (!object)
		object = refill_from_cpu_partial(m, s, c, node);
	if (!object)
		object = new_objects(m, s, gfp, node, orig_size, caller);
	return object;
}

/*
 * ___slab_alloc - the slow path's common cases first, with few registers
 * and no frame to speak of: any node wanted, the CPU slab's own remote
 * frees, else the CPU slab is full and the first CPU partial slab takes
 * its place.  Everything else (a node wanted, no CPU slab, an empty CPU
 * partial list) is __slab_alloc_slow, which does the same steps in full.
 */
static __attribute__((noinline)) void *
___slab_alloc(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node,
	      unsigned int orig_size, const char *caller)
{
	struct kmem_cache_cpu *c = this_cpu_slab(m, s);
	struct page *slab = c->slab;
	void *freelist;

	if (unlikely(node != NUMA_NO_NODE || !slab || c->freelist))
		return __slab_alloc_slow(m, s, gfp, node, orig_size, caller);
	freelist = get_freelist(slab);
	if (freelist)
		return load_freelist(m, s, c, slab, freelist);
	/* exhausted: the slab is full and leaves the CPU */
	c->slab = NULL;
	c->tid++;
	set_cpu_bounds(s, c, NULL);
	add_full(s, get_node(s, slab_nid(slab)), slab);
	if (unlikely(list_empty(&c->partial)))
		return __slab_alloc_slow(m, s, gfp, node, orig_size, caller);
	slab = list_first_entry(&c->partial, struct page, lru);
	list_del(&slab->lru);
	c->partial_slabs--;
	return load_freelist(m, s, c, slab, get_freelist(slab));
}

/* Zero the object (__GFP_ZERO) and record the request size where kept. */
static void *slab_post_alloc(struct machine *m, struct kmem_cache *s, void *object, gfp_t gfp,
			     size_t orig_size)
{
	if (gfp & __GFP_ZERO) {
		/* kmalloc's red-zoned tail past the request stays red-zoned */
		size_t zero = (s->flags & (SLAB_STORE_USER | SLAB_RED_ZONE)) &&
			      (s->flags & SLAB_KMALLOC) && orig_size ? orig_size : s->object_size;

		memset(object, 0, zero);
	}
	return object;
}

static __attribute__((noinline)) void *slab_post_alloc(struct machine *m, struct kmem_cache *s,
							void *object, gfp_t gfp, size_t orig_size);

/*
 * The CPU freelist's next pointer left the CPU slab: report, end the list
 * there and hand out @object as the fast path would.
 */
static __attribute__((noinline, cold)) void *
cpu_freechain_corrupt(struct machine *m, struct kmem_cache *s, void *object, gfp_t gfp,
		      size_t orig_size)
{
	struct kmem_cache_cpu *c = this_cpu_slab(m, s);

	object_err(m, s, c->slab, object, "Freechain corrupt");
	c->freelist = NULL;
	c->tid++;
	if (gfp & __GFP_ZERO)
		return slab_post_alloc(m, s, object, gfp, orig_size);
	return object;
}

/* The slow path and __GFP_ZERO, out of line so the fast path needs no frame. */
static __attribute__((noinline)) void *slab_alloc_slowpath(struct machine *m,
							   struct kmem_cache *s, gfp_t gfp,
							   int node, size_t orig_size,
							   const char *caller)
{
	void *object = ___slab_alloc(m, s, gfp, node, (unsigned int)orig_size, caller);

	if (object && unlikely(gfp & __GFP_ZERO))
		return slab_post_alloc(m, s, object, gfp, orig_size);
	return object;
}

/* The sheaves' slow path and __GFP_ZERO, out of line. */
static __attribute__((noinline)) void *sheaf_alloc_slowpath(struct machine *m,
							    struct kmem_cache *s, gfp_t gfp,
							    int node, size_t orig_size)
{
	void *object = sheaf_alloc_slow(m, s, gfp, node, false);

	if (object && unlikely(gfp & __GFP_ZERO))
		return slab_post_alloc(m, s, object, gfp, orig_size);
	return object;
}

/*
 * alloc_from_pcs - sheaves mode: pop the main sheaf.  An empty sheaf, a
 * node asked for or __GFP_ZERO take the slow path (which pops the sheaf
 * too when it has objects); every call is a tail call, so the pop needs
 * no stack frame.
 */
static inline __attribute__((always_inline)) void *
alloc_from_pcs(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node, size_t orig_size)
{
	struct slab_sheaf *sheaf = s->cpu_sheaves[m->current_cpu].main;
	unsigned int size = sheaf->size;
	void *object;

	if (unlikely(!size || node != NUMA_NO_NODE || (gfp & __GFP_ZERO)))
		return sheaf_alloc_slowpath(m, s, gfp, node, orig_size);
	object = sheaf->objects[--size];
	sheaf->size = size;
	/* the next object's line, for its user (as 6.18 prefetches the free pointer) */
	if (likely(size))
		__builtin_prefetch(sheaf->objects[size - 1], 1);
	return object;
}

/*
 * slab_alloc_cpu - 6.18: pop the CPU freelist (the fast path: no struct
 * page is touched and no counter changes), else ___slab_alloc.  Out of
 * line, as the sheaves' pop, so neither needs a stack frame.
 */
static __attribute__((noinline)) void *
slab_alloc_cpu(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node, size_t orig_size,
	       const char *caller)
{
	struct kmem_cache_cpu *c = this_cpu_slab(m, s);
	void *object = c->freelist;
	void *next;

	if (unlikely(!object || (node != NUMA_NO_NODE && slab_nid(c->slab) != node)))
		return slab_alloc_slowpath(m, s, gfp, node, orig_size, caller);
	next = get_freepointer(s, object);
	if (unlikely(next && ((unsigned char *)next < c->lo || (unsigned char *)next >= c->hi)))
		return cpu_freechain_corrupt(m, s, object, gfp, orig_size);
	c->freelist = next;
	c->tid++;
	if (unlikely(gfp & __GFP_ZERO))
		return slab_post_alloc(m, s, object, gfp, orig_size);
	return object;
}

/* slab_alloc_node - pop the main sheaf (sheaves mode) or the CPU freelist. */
static inline __attribute__((always_inline)) void *
slab_alloc_node(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node, size_t orig_size,
		const char *caller)
{
	if (s->cpu_sheaves)
		return alloc_from_pcs(m, s, gfp, node, orig_size);
	return slab_alloc_cpu(m, s, gfp, node, orig_size, caller);
}

void *kmem_cache_alloc_node_caller(struct machine *m, struct kmem_cache *s, gfp_t gfp,
				   int node, const char *caller)
{
	if (unlikely(!s))
		return NULL;
	return slab_alloc_node(m, s, gfp, node, s->object_size, caller);
}

void *__kmalloc_node_track_caller(struct machine *m, size_t size, gfp_t gfp, int node,
				  const char *caller)
{
	struct kmem_cache *s;

	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large_node(m, size, gfp, node);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	s = m->kmalloc_caches[kmalloc_type(gfp)][kmalloc_index_of(size)];
	return slab_alloc_node(m, s, gfp, node, size, caller);
}

/* ---- freeing ---- */

/* Debug caches: checked free straight to the node lists. */
static __attribute__((noinline)) int
free_to_partial_list(struct machine *m, struct kmem_cache *s, struct page *slab,
		     void *object, const char *caller)
{
	struct kmem_cache_node *n = get_node(s, slab_nid(slab));
	struct page *slab_free = NULL;
	void *prior;

	if (!free_debug_processing(m, s, slab, object, caller))
		return -EINVAL;
	prior = slab->freelist;
	slab->inuse--;
	set_freepointer(s, object, prior);
	slab->freelist = object;
	if (slab->inuse == 0 && n->nr_partial >= s->min_partial)
		slab_free = slab;
	if (!prior) {
		remove_full(s, n, slab);
		if (!slab_free)
			add_partial(n, slab, ADD_TO_TAIL);
	} else if (slab_free) {
		remove_partial(n, slab);
	}
	if (slab_free)
		discard_slab(m, s, slab);
	return 0;
}

/*
 * __slab_free_bulk - free to a slab that is not this CPU's: @cnt objects
 * chained from @head to @tail (one for __slab_free) onto the slab's own
 * freelist, with the list moves that state change needs.
 */
int __slab_free_bulk(struct machine *m, struct kmem_cache *s, struct page *slab,
		     void *head, void *tail, unsigned int cnt)
{
	void *prior = slab->freelist;
	struct kmem_cache_node *n;
	bool was_frozen = slab->frozen;

	if (unlikely(head == prior)) {
		report_double_free(m, s, slab, head);
		return -EINVAL;
	}
	if (unlikely(slab->inuse < cnt)) {
		report_double_free(m, s, slab, head);
		return -EINVAL;
	}
	set_freepointer(s, tail, prior);
	slab->freelist = head;
	slab->inuse -= cnt;
	if (was_frozen)
		return 0;		/* another CPU's slab: it will see the object */
	n = get_node(s, slab_nid(slab));
	if (!prior) {
		/* was full */
		remove_full(s, n, slab);
		if (kmem_cache_has_cpu_partial(s)) {
			put_cpu_partial(m, s, slab, 1);
			return 0;
		}
		if (!slab->inuse && n->nr_partial >= s->min_partial)
			discard_slab(m, s, slab);
		else
			add_partial(n, slab, ADD_TO_TAIL);
		return 0;
	}
	if (!slab_test_node_partial(slab))
		return 0;		/* on a CPU partial list: stays there */
	if (!slab->inuse && n->nr_partial >= s->min_partial) {
		remove_partial(n, slab);
		discard_slab(m, s, slab);
	}
	return 0;
}

int __slab_free(struct machine *m, struct kmem_cache *s, struct page *slab, void *object)
{
	return __slab_free_bulk(m, s, slab, object, object, 1);
}

/*
 * The host cache line of an object being freed, asked for before its
 * struct page is read so the two misses overlap: the free (6.18) or the
 * sheaf flush writes its free pointer, or the next allocation's user
 * writes it.  Asked for into the host's L2 (prefetcht1), not L1: a run of
 * frees (slub_bench (b): 1M in a row, each object a cold line) is bound
 * by the misses the core keeps in flight, and lines headed for L1 hold
 * their miss buffers longer (measured: the (b) free phase 7.2 -> 5.5
 * ns/op with sheaves; (a) and (c) unchanged).  A prefetch never faults;
 * nothing modelled changes.
 */
static inline void prefetch_freed(const void *obj)
{
	__builtin_prefetch(obj, 1, 2);
}

/* The frees' reports, out of line: a pointer that is no object start, a double free. */
__attribute__((noinline, cold)) int invalid_object_free(struct machine *m, struct kmem_cache *s,
							 struct page *slab, void *obj)
{
	slab_err(m, s, slab, "Invalid object pointer 0x%lx", obj_kva(s, obj));
	return -EINVAL;
}

static __attribute__((noinline, cold)) int double_free(struct machine *m, struct kmem_cache *s,
							struct page *slab, void *obj)
{
	report_double_free(m, s, slab, obj);
	return -EINVAL;
}

/* A full slab that got a free object joins this CPU's partial list. */
static __attribute__((noinline)) int full_slab_to_cpu_partial(struct machine *m,
							       struct kmem_cache *s,
							       struct page *slab)
{
	get_node(s, slab_nid(slab))->nr_full--;		/* remove_full */
	put_cpu_partial(m, s, slab, 1);
	return 0;
}

/*
 * do_slab_free_cpu - 6.18: the object must be an object start of @slab;
 * then the CPU fast path (push on the CPU freelist: no struct page write,
 * no counter), __slab_free's commonest cases inline, or __slab_free.
 * CONFIG_SLAB_FREELIST_HARDENED's naive double-free check (the object is
 * already the freelist head) reports instead of oopsing.  Every call is
 * a tail call, so the fast paths need no stack frame.
 */
static __attribute__((noinline)) int
do_slab_free_cpu(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj,
		 unsigned long off, const char *caller)
{
	struct kmem_cache_cpu *c;
	void *prior;
	u32 counters;

	if (unlikely(kmem_cache_debug(s)))
		return free_to_partial_list(m, s, slab, obj, caller);
	if (unlikely(!obj_start(s, slab, off)))
		return invalid_object_free(m, s, slab, obj);
	c = this_cpu_slab(m, s);
	if (likely(slab == c->slab)) {
		if (unlikely(obj == c->freelist))
			return double_free(m, s, slab, obj);
		set_freepointer(s, obj, c->freelist);
		c->freelist = obj;
		c->tid++;
		return 0;
	}
	prior = slab->freelist;
	counters = slab_counters(slab);
	if (likely(prior != obj && !(counters & SLAB_FROZEN) && (counters & SLAB_INUSE_MASK) &&
		   !slab_test_node_partial(slab) && (prior || kmem_cache_has_cpu_partial(s)))) {
		/*
		 * __slab_free's commonest cases, inline: a CPU partial slab
		 * (@prior set), or a full slab (no list in a non-debug
		 * cache), which joins this CPU's partial list.
		 */
		set_freepointer(s, obj, prior);
		slab->freelist = obj;
		slab_set_counters(slab, counters - 1);
		if (likely(prior))
			return 0;
		return full_slab_to_cpu_partial(m, s, slab);
	}
	return __slab_free(m, s, slab, obj);
}

/*
 * __free_to_pcs - sheaves mode (never a debug cache): push on the main
 * sheaf if @obj is an object start of @slab and the slab is local; a full
 * sheaf or a remote slab is free_to_pcs_slow.  @tiled: the slots tile
 * the slab (s->tile_mask, slots_tile_slab), so the object-start test is
 * one mask test and needs no bound.  Every call is a tail call, so the
 * push needs no stack frame.
 */
static inline __attribute__((always_inline)) int
__free_to_pcs(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj,
	      unsigned long off, bool tiled)
{
	struct slab_sheaf *sheaf;
	unsigned int size;
	bool bad;

	if (tiled)
		bad = off & s->tile_mask;
	else
		bad = !obj_start(s, slab, off);
	if (unlikely(bad))
		return invalid_object_free(m, s, slab, obj);
	sheaf = s->cpu_sheaves[m->current_cpu].main;
	size = sheaf->size;
	if (unlikely(size >= s->sheaf_capacity || slab_nid(slab) != numa_node_id(m)))
		return free_to_pcs_slow(m, s, slab, obj);
	sheaf->objects[size] = obj;
	sheaf->size = size + 1;
	return 0;
}

/* Slots that do not tile the slab: the object-start test bounds and divides. */
static __attribute__((noinline)) int free_to_pcs_div(struct machine *m, struct kmem_cache *s,
						     struct page *slab, void *obj,
						     unsigned long off)
{
	return __free_to_pcs(m, s, slab, obj, off, false);
}

/* free_to_pcs - __free_to_pcs inline for slots that tile the slab, else out of line. */
static inline __attribute__((always_inline)) int
free_to_pcs(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj,
	    unsigned long off)
{
	if (unlikely(!s->tile_mask))
		return free_to_pcs_div(m, s, slab, obj, off);
	return __free_to_pcs(m, s, slab, obj, off, true);
}

/* do_slab_free - the sheaves' push or 6.18's CPU slab paths. */
static inline __attribute__((always_inline)) int
do_slab_free(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj,
	     unsigned long off, const char *caller)
{
	if (s->cpu_sheaves)
		return free_to_pcs(m, s, slab, obj, off);
	return do_slab_free_cpu(m, s, slab, obj, off, caller);
}

int slab_free_checked(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj,
		      unsigned long off, const char *caller)
{
	return do_slab_free(m, s, slab, obj, off, caller);
}

struct page *virt_to_slab_checked(struct machine *m, const void *p, const char **why)
{
	unsigned long off = (unsigned long)((const unsigned char *)p - m->ram);
	struct page *slab = virt_to_slab(m, p, &off);

	*why = NULL;
	if (!slab)
		*why = (unsigned long)((const unsigned char *)p - m->ram) <
		       (m->max_pfn << PAGE_SHIFT) ? "not a slab page" : "not a direct-map address";
	return slab;
}

__attribute__((noinline, cold)) int bad_cache_free(struct machine *m, struct kmem_cache *s,
						    const void *obj)
{
	const char *why;
	struct page *slab = virt_to_slab_checked(m, obj, &why);

	report_bad_cache_free(m, s, slab, obj, why);
	return -EINVAL;
}

int kmem_cache_free_caller(struct machine *m, struct kmem_cache *s, const void *obj,
			   const char *caller)
{
	unsigned long off;
	struct page *slab;

	if (unlikely(!obj))
		return 0;
	prefetch_freed(obj);
	slab = virt_to_slab(m, obj, &off);
	/* a slab's slab_cache is never NULL: a NULL @s fails the match */
	if (unlikely(!slab || slab->slab_cache != s))
		return bad_cache_free(m, s, obj);
	return do_slab_free(m, s, slab, (void *)obj, off, caller);
}

int kfree_caller(struct machine *m, const void *p, const char *caller)
{
	unsigned long off;
	struct page *slab;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return 0;
	prefetch_freed(p);
	slab = virt_to_slab(m, p, &off);
	if (unlikely(!slab))
		return free_large_kmalloc(m, p);
	return do_slab_free(m, slab->slab_cache, slab, (void *)p, off, caller);
}

/* Is @obj an object start of @slab that is already free (non-debug caches)? */
static bool checked_free_refused(struct machine *m, struct kmem_cache *s, struct page *slab,
				 const void *obj, unsigned long off)
{
	if (kmem_cache_debug(s))
		return false;	/* free_debug_processing checks and reports */
	if (!obj_start(s, slab, off))
		return false;	/* do_slab_free reports the bad pointer */
	return free_checked_already_free(m, s, slab, (void *)obj);
}

int slab_obj_check_live(struct machine *m, const void *p)
{
	unsigned long off;
	struct page *slab = virt_to_slab(m, p, &off);
	struct kmem_cache *s;

	if (!slab)
		return 0;
	s = slab->slab_cache;
	if (!obj_start(s, slab, off))
		return invalid_object_free(m, s, slab, (void *)p);
	return free_checked_already_free(m, s, slab, (void *)p) ? -EINVAL : 0;
}

int kmem_cache_free_checked_caller(struct machine *m, struct kmem_cache *s, const void *obj,
				   const char *caller)
{
	unsigned long off;
	struct page *slab = obj ? virt_to_slab(m, obj, &off) : NULL;

	if (slab && slab->slab_cache == s && checked_free_refused(m, s, slab, obj, off))
		return -EINVAL;
	return kmem_cache_free_caller(m, s, obj, caller);
}

int kfree_checked_caller(struct machine *m, const void *p, const char *caller)
{
	unsigned long off;
	struct page *slab = ZERO_OR_NULL_PTR(p) ? NULL : virt_to_slab(m, p, &off);

	if (slab && checked_free_refused(m, slab->slab_cache, slab, p, off))
		return -EINVAL;
	return kfree_caller(m, p, caller);
}

/* ---- what /proc/slabinfo and /sys/kernel/slab read ---- */

int count_free(struct page *slab)
{
	return (int)slab->objects - (int)slab->inuse;
}

int count_inuse(struct page *slab)
{
	return (int)slab->inuse;
}

int count_total(struct page *slab)
{
	return (int)slab->objects;
}

unsigned long count_partial(struct kmem_cache_node *n, int (*get_count)(struct page *))
{
	unsigned long x = 0;
	struct page *slab;

	list_for_each_entry(slab, &n->partial, lru)
		x += (unsigned long)get_count(slab);
	return x;
}

unsigned long count_partial_free_approx(struct kmem_cache_node *n)
{
	unsigned long x = 0, scanned = 0;
	struct page *slab;

	if (n->nr_partial <= MAX_PARTIAL_TO_SCAN)
		return count_partial(n, count_free);
	/* Long list: sample both ends and scale. */
	list_for_each_entry(slab, &n->partial, lru) {
		x += (unsigned long)count_free(slab);
		if (++scanned == MAX_PARTIAL_TO_SCAN / 2)
			break;
	}
	for (struct list_head *l = n->partial.prev; l != &n->partial; l = l->prev) {
		slab = list_entry(l, struct page, lru);
		x += (unsigned long)count_free(slab);
		if (++scanned == MAX_PARTIAL_TO_SCAN)
			break;
	}
	x = x * n->nr_partial / scanned;
	return min(x, node_nr_objs(n));
}

void get_slabinfo(struct machine *m, struct kmem_cache *s, struct slabinfo *sinfo)
{
	unsigned long nr_slabs = 0, nr_objs = 0, nr_free = 0;
	struct kmem_cache_node *n;
	int node;

	for_each_kmem_cache_node(m, s, node, n) {
		nr_slabs += node_nr_slabs(n);
		nr_objs += node_nr_objs(n);
		nr_free += count_partial_free_approx(n);
	}
	memset(sinfo, 0, sizeof(*sinfo));
	sinfo->active_objs = nr_objs - nr_free;
	sinfo->num_objs = nr_objs;
	sinfo->active_slabs = nr_slabs;
	sinfo->num_slabs = nr_slabs;
	sinfo->objects_per_slab = oo_objects(s->oo);
	sinfo->cache_order = oo_order(s->oo);
}
