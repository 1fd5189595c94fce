// SPDX-License-Identifier: GPL-2.0-only
/*
 * The slab allocator's invariants, checked (mmsim's validator; Linux's
 * closest relative is validate_slab_cache, which mm/slub_debug.c has for
 * /sys/kernel/slab/X/validate).  For every cache, live or leaked by
 * kmem_cache_destroy:
 *   - every slab is on exactly the list its state says (see the table at
 *     the top of mm/slub.c), of its own cache and node, PageSlab, its tail
 *     pages pointing to it;
 *   - each freelist (the slab's, and a CPU's for its active slab) stays
 *     inside the slab, on object boundaries, with no object twice, and
 *     counts objects - inuse;
 *   - nr_partial, nr_full, nr_slabs and total_objects equal what the lists
 *     and the memmap hold (full slabs are on no list outside slub_debug:
 *     they are found as the PGTY_slab pages no list holds);
 *   - sheaves (mmsim.slub_sheaves=1): each CPU's main and spare and each
 *     barn's full and empty sheaves belong to the cache, hold at most its
 *     capacity (barn: full ones exactly, empty ones none; nr_full/nr_empty
 *     match); every object in them is an object start of a slab of the
 *     cache, in no other sheaf and on no freelist (so it counts in its
 *     slab's inuse, as in Linux); a cache with sheaves has no CPU slab;
 * and for the machine: the slab pages of all caches plus the large
 * kmalloc pages equal NR_SLAB_RECLAIMABLE_B / NR_SLAB_UNRECLAIMABLE_B on
 * every node (kept in pages), and every PGTY_slab page in the memmap
 * belongs to a cache.
 * Read-only.  Called by mmsim_validate (kernel/machine.c) and tests.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/memmap_census.h"
#include "linux/vmstat.h"
#include "slab.h"

/* What the walk found for one cache, per node. */
struct cache_count {
	struct kmem_cache *s;
	unsigned long *slabs, *objects, *full;	/* [nr_node_ids] each, in census.counts */
	void **sheaf_objs;	/* every object in a sheaf of s, sorted */
	size_t nr_sheaf_objs;
};

/* What the walk found for the machine. */
struct slab_census {
	unsigned long pages[MAX_NUMNODES][2];	/* [nid][reclaimable?] slab pages */
	unsigned long *listed;			/* bitmap by pfn: head of a listed slab */
	struct cache_count *caches;		/* every cache, live and leaked */
	size_t nr_caches;
	size_t cap_caches;			/* entries allocated in caches */
	unsigned long *counts;			/* the caches' per-node counters, one block */
};

/* Where a slab was found, for the checks that depend on it. */
enum slab_where { IN_CPU, IN_CPU_PARTIAL, IN_NODE_PARTIAL, IN_FULL };

struct vctx {
	struct machine *m;
	char *err;
	size_t len;
	struct slab_census *cs;
	unsigned long seen[(MAX_OBJS_PER_PAGE + 63) / 64];	/* objects on freelists */
};

static __printf(2, 3) int fail(struct vctx *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->err, v->len, fmt, ap);
	va_end(ap);
	return -EUCLEAN;
}

/*
 * Walk one freelist of @slab from @p, marking objects in v->seen; at most
 * @limit objects.  Returns the count, or -1 after writing the problem.
 */
static long walk_freelist(struct vctx *v, struct kmem_cache *s, struct page *slab, void *p,
			  unsigned int limit, const char *which)
{
	unsigned char *base = (unsigned char *)page_address(v->m, slab) +
			      ((s->flags & SLAB_RED_ZONE) ? s->red_left_pad : 0);
	long nr = 0;

	while (p) {
		unsigned long off = (unsigned long)((unsigned char *)p - base), idx;

		if ((unsigned char *)p < base || off >= (unsigned long)slab->objects * s->size ||
		    off % s->size) {
			fail(v, "slab %s: pfn %lu: %s freelist leaves the slab at 0x%lx", s->name,
			     page_to_pfn(v->m, slab), which, obj_kva(s, p));
			return -1;
		}
		idx = off / s->size;
		if (v->seen[idx / 64] & (1UL << (idx % 64))) {
			fail(v, "slab %s: pfn %lu: object 0x%lx twice on the freelists (%s)", s->name,
			     page_to_pfn(v->m, slab), obj_kva(s, p), which);
			return -1;
		}
		v->seen[idx / 64] |= 1UL << (idx % 64);
		if (++nr > (long)limit) {
			fail(v, "slab %s: pfn %lu: %s freelist longer than the slab", s->name,
			     page_to_pfn(v->m, slab), which);
			return -1;
		}
		p = get_freepointer(s, p);
	}
	return nr;
}

/* No object of @slab that is in a sheaf may be on a freelist (v->seen). */
static int check_sheaf_overlap(struct vctx *v, struct cache_count *cc, struct page *slab)
{
	struct kmem_cache *s = cc->s;
	unsigned char *base = (unsigned char *)page_address(v->m, slab) +
			      ((s->flags & SLAB_RED_ZONE) ? s->red_left_pad : 0);
	unsigned char *end = base + (size_t)slab->objects * s->size;
	size_t lo = 0, hi = cc->nr_sheaf_objs;

	while (lo < hi) {	/* first sheaf object >= base */
		size_t mid = (lo + hi) / 2;

		if ((unsigned char *)cc->sheaf_objs[mid] < base)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < cc->nr_sheaf_objs && (unsigned char *)cc->sheaf_objs[lo] < end; lo++) {
		unsigned long idx = (unsigned long)((unsigned char *)cc->sheaf_objs[lo] - base) /
				    s->size;

		if (v->seen[idx / 64] & (1UL << (idx % 64)))
			return fail(v, "slab %s: pfn %lu: object 0x%lx both in a sheaf and on a freelist",
				    s->name, page_to_pfn(v->m, slab), obj_kva(s, cc->sheaf_objs[lo]));
	}
	return 0;
}

/* One slab found on list @where of node @nid of @cc's cache (CPU @c for CPU lists). */
static int check_slab_state(struct vctx *v, struct cache_count *cc, struct page *slab, int nid,
			    enum slab_where where, struct kmem_cache_cpu *c)
{
	struct kmem_cache *s = cc->s;
	unsigned long pfn = page_to_pfn(v->m, slab);
	unsigned int nr_pages = 1U << slab->alloc_order;
	bool on_partial = slab->flags & (1UL << SL_partial);
	long nr;

	if (!PageSlab(slab) || slab->slab_cache != s)
		return fail(v, "slab %s: pfn %lu on its lists is not a slab of it", s->name, pfn);
	if (slab_nid(slab) != nid)
		return fail(v, "slab %s: pfn %lu of node %d on node %d's lists", s->name, pfn,
			    slab_nid(slab), nid);
	if (slab->objects != oo_objects(s->oo) && slab->objects != oo_objects(s->min))
		return fail(v, "slab %s: pfn %lu has %u objects, not %u or %u", s->name, pfn,
			    slab->objects, oo_objects(s->oo), oo_objects(s->min));
	if (slab->inuse > slab->objects)
		return fail(v, "slab %s: pfn %lu: inuse %u > objects %u", s->name, pfn,
			    slab->inuse, slab->objects);
	for (unsigned int i = 1; i < nr_pages; i++)
		if ((uintptr_t)slab[i].lru.next != ((uintptr_t)slab | 1))
			return fail(v, "slab %s: pfn %lu: tail page %u does not point to its head",
				    s->name, pfn, i);
	if (on_partial != (where == IN_NODE_PARTIAL))
		return fail(v, "slab %s: pfn %lu: SL_partial %s but %s the node partial list",
			    s->name, pfn, on_partial ? "set" : "clear",
			    where == IN_NODE_PARTIAL ? "on" : "not on");
	if ((where == IN_CPU) != (bool)slab->frozen &&
	    !(where == IN_FULL && kmem_cache_debug(s)))	/* disabled debug slabs */
		return fail(v, "slab %s: pfn %lu: frozen=%u but %s a CPU slab", s->name, pfn,
			    slab->frozen, where == IN_CPU ? "is" : "is not");
	if (where == IN_FULL && (slab->freelist || slab->inuse != slab->objects))
		return fail(v, "slab %s: pfn %lu on the full list has free objects", s->name, pfn);
	if ((where == IN_NODE_PARTIAL || where == IN_CPU_PARTIAL) && !slab->freelist)
		return fail(v, "slab %s: pfn %lu on a partial list has no free object", s->name,
			    pfn);
	memset(v->seen, 0, sizeof(v->seen));
	nr = walk_freelist(v, s, slab, slab->freelist, slab->objects, "slab");
	if (nr < 0)
		return -EUCLEAN;
	if (nr != (long)slab->objects - (long)slab->inuse)
		return fail(v, "slab %s: pfn %lu: %ld free objects on its freelist, inuse %u of %u",
			    s->name, pfn, nr, slab->inuse, slab->objects);
	if (where == IN_CPU && walk_freelist(v, s, slab, c->freelist, slab->inuse, "CPU") < 0)
		return -EUCLEAN;
	return check_sheaf_overlap(v, cc, slab);
}

/* Account one slab of cache @cc (listed or found in the memmap). */
static void census_add(struct slab_census *cs, struct cache_count *cc, struct page *slab)
{
	int nid = slab_nid(slab);

	cs->pages[nid][!!(cc->s->flags & SLAB_RECLAIM_ACCOUNT)] += 1UL << slab->alloc_order;
	cc->slabs[nid]++;
	cc->objects[nid] += slab->objects;
}

static void mark_listed(struct vctx *v, struct page *slab)
{
	unsigned long pfn = page_to_pfn(v->m, slab);

	v->cs->listed[pfn / 64] |= 1UL << (pfn % 64);
}

/* Walk one list of slabs of @cc on node @nid; returns how many, or -1. */
static long walk_list(struct vctx *v, struct cache_count *cc, struct list_head *head, int nid,
		      enum slab_where where)
{
	struct page *slab;
	long nr = 0;

	list_for_each_entry(slab, head, lru) {
		if (where == IN_CPU_PARTIAL && slab_nid(slab) != nid)
			continue;
		if (check_slab_state(v, cc, slab, nid, where, NULL))
			return -1;
		mark_listed(v, slab);
		census_add(v->cs, cc, slab);
		nr++;
	}
	return nr;
}

/* The slabs of @cc that are on some list: node partial, debug full, CPU. */
static int validate_cache_lists(struct vctx *v, struct cache_count *cc)
{
	struct machine *m = v->m;
	struct kmem_cache *s = cc->s;
	struct kmem_cache_node *n;
	int nid;

	for_each_kmem_cache_node(m, s, nid, n) {
		long nr_partial = walk_list(v, cc, &n->partial, nid, IN_NODE_PARTIAL), nr_full;

		if (nr_partial < 0)
			return -EUCLEAN;
		if ((unsigned long)nr_partial != n->nr_partial)
			return fail(v, "slab %s: node %d: %ld partial slabs listed, counter %lu",
				    s->name, nid, nr_partial, n->nr_partial);
		nr_full = walk_list(v, cc, &n->full, nid, IN_FULL);
		if (nr_full < 0)
			return -EUCLEAN;
		if (nr_full && !kmem_cache_debug(s))
			return fail(v, "slab %s: node %d: full list used outside slub_debug",
				    s->name, nid);
		cc->full[nid] += (unsigned long)nr_full;
		for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
			struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
			struct page *slab;
			unsigned int np = 0;

			if (c->slab && slab_nid(c->slab) == nid) {
				if (check_slab_state(v, cc, c->slab, nid, IN_CPU, c))
					return -EUCLEAN;
				mark_listed(v, c->slab);
				census_add(v->cs, cc, c->slab);
			}
			if (walk_list(v, cc, &c->partial, nid, IN_CPU_PARTIAL) < 0)
				return -EUCLEAN;
			list_for_each_entry(slab, &c->partial, lru)
				np++;
			if (np != c->partial_slabs)
				return fail(v, "slab %s: CPU %d: %u partial slabs listed, counter %u",
					    s->name, cpu, np, c->partial_slabs);
			if (kmem_cache_debug(s) && (c->slab || np))
				return fail(v, "slab %s: a debug cache has CPU slabs", s->name);
			if (s->cpu_sheaves && (c->slab || np))
				return fail(v, "slab %s: a cache with sheaves has CPU slabs", s->name);
		}
	}
	return 0;
}

static struct cache_count *find_cache(struct slab_census *cs, const struct kmem_cache *s)
{
	for (size_t i = 0; i < cs->nr_caches; i++)
		if (cs->caches[i].s == s)
			return &cs->caches[i];
	return NULL;
}

/*
 * The memmap: every slab head that no list holds must be a full slab of a
 * known cache; every large kmalloc block must be counted.
 */
/* A PGTY_slab page at @pfn: unless a list holds it, a full slab of a known cache. */
static int check_unlisted_slab(struct vctx *v, unsigned long pfn)
{
	struct slab_census *cs = v->cs;
	struct page *p = pfn_to_page(v->m, pfn);
	struct cache_count *cc;

	if (cs->listed[pfn / 64] & (1UL << (pfn % 64)))
		return 0;
	cc = find_cache(cs, p->slab_cache);
	if (!cc)
		return fail(v, "slab: pfn %lu is a slab of no cache", pfn);
	if (kmem_cache_debug(cc->s))
		return fail(v, "slab %s: pfn %lu is on no list", cc->s->name, pfn);
	if (check_slab_state(v, cc, p, p->nid, IN_FULL, NULL))
		return -EUCLEAN;
	cc->full[p->nid]++;
	census_add(cs, cc, p);
	return 0;
}

/* Inside mmsim_validate the slab and large kmalloc pages come from its memmap census. */
static int check_memmap(struct vctx *v)
{
	struct machine *m = v->m;
	const struct memmap_census *mc = m->census;
	unsigned long large[MAX_NUMNODES] = { 0 };

	if (mc) {
		memcpy(large, mc->large_kmalloc, sizeof(large));
		for (unsigned long i = 0; i < mc->nr_slab; i++)
			if (check_unlisted_slab(v, mc->slab[i]))
				return -EUCLEAN;
	}
	for (unsigned long pfn = 0; !mc && pfn < m->max_pfn; pfn++) {
		struct page *p = pfn_to_page(m, pfn);

		if (p->page_type == PGTY_large_kmalloc)
			large[p->nid] += 1UL << p->alloc_order;
		else if (p->page_type == PGTY_slab && check_unlisted_slab(v, pfn))
			return -EUCLEAN;
	}
	for (int nid = 0; nid < m->nr_node_ids; nid++)
		if (large[nid] != m->large_kmalloc_pages[nid])
			return fail(v, "slab: node %d: %lu large kmalloc pages in the memmap, counter %lu",
				    nid, large[nid], m->large_kmalloc_pages[nid]);
	return 0;
}

/* Each cache's per-node counters against what was found. */
static int check_counts(struct vctx *v)
{
	struct machine *m = v->m;

	for (size_t i = 0; i < v->cs->nr_caches; i++) {
		struct cache_count *cc = &v->cs->caches[i];
		struct kmem_cache_node *n;
		int nid;

		for_each_kmem_cache_node(m, cc->s, nid, n) {
			if (cc->full[nid] != n->nr_full)
				return fail(v, "slab %s: node %d: %lu full slabs found, counter %lu",
					    cc->s->name, nid, cc->full[nid], n->nr_full);
			if (cc->slabs[nid] != n->nr_slabs || cc->objects[nid] != n->total_objects)
				return fail(v, "slab %s: node %d: %lu slabs, %lu objects found; counters %lu, %lu",
					    cc->s->name, nid, cc->slabs[nid], cc->objects[nid],
					    n->nr_slabs, n->total_objects);
		}
	}
	for (int nid = 0; nid < m->nr_node_ids; nid++) {
		struct pglist_data *pgdat = NODE_DATA(m, nid);
		long rcl = pgdat->vm_stat[NR_SLAB_RECLAIMABLE_B];
		long unrcl = pgdat->vm_stat[NR_SLAB_UNRECLAIMABLE_B];

		if (rcl != (long)v->cs->pages[nid][1])
			return fail(v, "slab: node %d: nr_slab_reclaimable %ld pages, caches hold %lu",
				    nid, rcl, v->cs->pages[nid][1]);
		if (unrcl != (long)(v->cs->pages[nid][0] + m->large_kmalloc_pages[nid]))
			return fail(v, "slab: node %d: nr_slab_unreclaimable %ld pages, caches hold %lu + %lu large kmalloc",
				    nid, unrcl, v->cs->pages[nid][0], m->large_kmalloc_pages[nid]);
	}
	return 0;
}

/* Append every cache of @list (the array grows by doubling). */
static int gather_caches(struct slab_census *cs, struct list_head *list)
{
	struct kmem_cache *s;

	list_for_each_entry(s, list, list) {
		if (cs->nr_caches == cs->cap_caches) {
			size_t cap = cs->cap_caches ? 2 * cs->cap_caches : 256;
			struct cache_count *n = realloc(cs->caches, cap * sizeof(*n));

			if (!n)
				return -ENOMEM;
			cs->caches = n;
			cs->cap_caches = cap;
		}
		memset(&cs->caches[cs->nr_caches], 0, sizeof(cs->caches[0]));
		cs->caches[cs->nr_caches++].s = s;
	}
	return 0;
}

/* Each cache's slabs, objects and full counters: [@nodes] zeroes in one block. */
static int give_counters(struct slab_census *cs, int nodes)
{
	cs->counts = calloc(3 * cs->nr_caches * (size_t)nodes + 1, sizeof(unsigned long));
	if (!cs->counts)
		return -ENOMEM;
	for (size_t i = 0; i < cs->nr_caches; i++) {
		cs->caches[i].slabs = cs->counts + 3 * i * (size_t)nodes;
		cs->caches[i].objects = cs->caches[i].slabs + nodes;
		cs->caches[i].full = cs->caches[i].objects + nodes;
	}
	return 0;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;

	return x < y ? -1 : x > y;
}

/* Is @obj the start of an object in a slab of @s? */
static bool object_of(struct machine *m, struct kmem_cache *s, void *obj)
{
	unsigned long off, red = (s->flags & SLAB_RED_ZONE) ? s->red_left_pad : 0;
	struct page *slab = virt_to_slab(m, obj, &off);

	if (!slab || slab->slab_cache != s || off < red)
		return false;
	off -= red;
	return off < (unsigned long)slab->objects * s->size && off % s->size == 0;
}

/* Add @sheaf's objects to cc->sheaf_objs after checking the sheaf itself. */
static int gather_sheaf(struct vctx *v, struct cache_count *cc, struct slab_sheaf *sheaf,
			const char *where, size_t *cap)
{
	struct kmem_cache *s = cc->s;

	if (sheaf->cache != s)
		return fail(v, "slab %s: %s sheaf belongs to another cache", s->name, where);
	if (sheaf->size > s->sheaf_capacity)
		return fail(v, "slab %s: %s sheaf holds %u objects, capacity %u", s->name, where,
			    sheaf->size, s->sheaf_capacity);
	for (unsigned int i = 0; i < sheaf->size; i++) {
		void *obj = sheaf->objects[i];

		if (!object_of(v->m, s, obj))
			return fail(v, "slab %s: %s sheaf holds 0x%lx, not an object of the cache",
				    s->name, where, obj_kva(s, obj));
		if (cc->nr_sheaf_objs == *cap) {
			size_t ncap = *cap ? *cap * 2 : 256;
			void **n = realloc(cc->sheaf_objs, ncap * sizeof(*n));

			if (!n)
				return fail(v, "slab: out of host memory while validating");
			cc->sheaf_objs = n;
			*cap = ncap;
		}
		cc->sheaf_objs[cc->nr_sheaf_objs++] = obj;
	}
	return 0;
}

/* Walk one list of a barn: sheaves all full (@full) or all empty, @nr of them. */
static int gather_barn_list(struct vctx *v, struct cache_count *cc, struct list_head *head,
			    unsigned int nr, bool full, int nid, size_t *cap)
{
	struct kmem_cache *s = cc->s;
	struct slab_sheaf *sheaf;
	unsigned int count = 0;

	list_for_each_entry(sheaf, head, barn_list) {
		if (++count > nr)
			break;
		if (sheaf->size != (full ? s->sheaf_capacity : 0))
			return fail(v, "slab %s: node %d: barn %s sheaf holds %u objects", s->name,
				    nid, full ? "full" : "empty", sheaf->size);
		if (gather_sheaf(v, cc, sheaf, full ? "barn full" : "barn empty", cap))
			return -EUCLEAN;
	}
	if (count != nr)
		return fail(v, "slab %s: node %d: barn lists %s%u %s sheaves, counter %u", s->name,
			    nid, count > nr ? "more than " : "", count, full ? "full" : "empty", nr);
	return 0;
}

/* Every sheaf of @cc's cache, objects sorted into cc->sheaf_objs, none twice. */
static int gather_sheaves(struct vctx *v, struct cache_count *cc)
{
	struct kmem_cache *s = cc->s;
	struct kmem_cache_node *n;
	size_t cap = 0;
	int nid;

	if (!s->cpu_sheaves)
		return 0;
	for (int cpu = 0; cpu < v->m->nr_cpu_ids; cpu++) {
		struct slub_percpu_sheaves *pcs = &s->cpu_sheaves[cpu];

		if (!pcs->main)
			return fail(v, "slab %s: CPU %d has no main sheaf", s->name, cpu);
		if (gather_sheaf(v, cc, pcs->main, "a main", &cap) ||
		    (pcs->spare && gather_sheaf(v, cc, pcs->spare, "a spare", &cap)))
			return -EUCLEAN;
	}
	for_each_kmem_cache_node(v->m, s, nid, n) {
		if (!n->barn)
			return fail(v, "slab %s: node %d has no barn", s->name, nid);
		if (gather_barn_list(v, cc, &n->barn->sheaves_full, n->barn->nr_full, true, nid,
				     &cap) ||
		    gather_barn_list(v, cc, &n->barn->sheaves_empty, n->barn->nr_empty, false, nid,
				     &cap))
			return -EUCLEAN;
	}
	if (cc->nr_sheaf_objs)
		qsort(cc->sheaf_objs, cc->nr_sheaf_objs, sizeof(void *), cmp_ptr);
	for (size_t i = 1; i < cc->nr_sheaf_objs; i++)
		if (cc->sheaf_objs[i] == cc->sheaf_objs[i - 1])
			return fail(v, "slab %s: object 0x%lx twice in sheaves", s->name,
				    obj_kva(s, cc->sheaf_objs[i]));
	return 0;
}

/* The masks the free paths test object starts with match the geometry. */
static int check_cache_masks(struct vctx *v, const struct kmem_cache *s)
{
	u32 pow2 = (s->size & (s->size - 1)) ? 0 : s->size - 1;

	if (s->pow2_mask != pow2)
		return fail(v, "slab %s: pow2_mask %#x for slot size %u", s->name, s->pow2_mask,
			    s->size);
	if (s->tile_mask != (slots_tile_slab(s) ? pow2 : 0))
		return fail(v, "slab %s: tile_mask %#x, but the slots %s the slab", s->name,
			    s->tile_mask, slots_tile_slab(s) ? "tile" : "do not tile");
	return 0;
}

int validate_slab_caches(struct machine *m, char *err, size_t len)
{
	struct slab_census cs;
	struct vctx v = { .m = m, .err = err, .len = len, .cs = &cs };
	int ret = 0;

	if (!m->slab_caches.next)
		return 0;	/* the slab allocator is not up */
	memset(&cs, 0, sizeof(cs));
	cs.listed = calloc(m->max_pfn / 64 + 1, sizeof(unsigned long));
	if (!cs.listed || gather_caches(&cs, &m->slab_caches) ||
	    gather_caches(&cs, &m->slab_leaked) || give_counters(&cs, m->nr_node_ids)) {
		ret = fail(&v, "slab: out of host memory while validating");
		goto out;
	}
	for (size_t i = 0; i < cs.nr_caches && !ret; i++)
		ret = check_cache_masks(&v, cs.caches[i].s);
	for (size_t i = 0; i < cs.nr_caches && !ret; i++)
		ret = gather_sheaves(&v, &cs.caches[i]);
	for (size_t i = 0; i < cs.nr_caches && !ret; i++)
		ret = validate_cache_lists(&v, &cs.caches[i]);
	if (!ret)
		ret = check_memmap(&v);
	if (!ret)
		ret = check_counts(&v);
out:
	free(cs.listed);
	free(cs.counts);
	for (size_t i = 0; i < cs.nr_caches; i++)
		free(cs.caches[i].sheaf_objs);
	free(cs.caches);
	return ret;
}
