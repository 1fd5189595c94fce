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
#include "linux/vmstat.h"
#include "slab.h"

/* What the walk found for one cache, per node. */
struct cache_count {
	struct kmem_cache *s;
	unsigned long slabs[MAX_NUMNODES], objects[MAX_NUMNODES], full[MAX_NUMNODES];
};

/* What the walk found for the machine. */
struct slab_census {
	unsigned long pages[MAX_NUMNODES][2];	/* [nid][reclaimable?] slab pages */
	unsigned long *listed;			/* bitmap by pfn: head of a listed slab */
	struct cache_count *caches;		/* every cache, live and leaked */
	size_t nr_caches;
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

/* One slab found on list @where of node @nid of @s (CPU @cpu for CPU lists). */
static int check_slab_state(struct vctx *v, struct kmem_cache *s, struct page *slab, int nid,
			    enum slab_where where, struct kmem_cache_cpu *c)
{
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
	return 0;
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
		if (check_slab_state(v, cc->s, slab, nid, where, NULL))
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
				if (check_slab_state(v, s, c->slab, nid, IN_CPU, c))
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
static int check_memmap(struct vctx *v)
{
	struct machine *m = v->m;
	struct slab_census *cs = v->cs;
	unsigned long large[MAX_NUMNODES] = { 0 };

	for (unsigned long pfn = 0; pfn < m->max_pfn; pfn++) {
		struct page *p = pfn_to_page(m, pfn);
		struct cache_count *cc;

		if (p->page_type == PGTY_large_kmalloc) {
			large[p->nid] += 1UL << p->alloc_order;
			continue;
		}
		if (p->page_type != PGTY_slab || (cs->listed[pfn / 64] & (1UL << (pfn % 64))))
			continue;
		cc = find_cache(cs, p->slab_cache);
		if (!cc)
			return fail(v, "slab: pfn %lu is a slab of no cache", pfn);
		if (kmem_cache_debug(cc->s))
			return fail(v, "slab %s: pfn %lu is on no list", cc->s->name, pfn);
		if (check_slab_state(v, cc->s, p, p->nid, IN_FULL, NULL))
			return -EUCLEAN;
		cc->full[p->nid]++;
		census_add(cs, cc, p);
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

static int gather_caches(struct slab_census *cs, struct list_head *list)
{
	struct kmem_cache *s;

	list_for_each_entry(s, list, list) {
		struct cache_count *n = realloc(cs->caches, (cs->nr_caches + 1) * sizeof(*n));

		if (!n)
			return -ENOMEM;
		cs->caches = n;
		memset(&n[cs->nr_caches], 0, sizeof(*n));
		n[cs->nr_caches++].s = s;
	}
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
	    gather_caches(&cs, &m->slab_leaked)) {
		ret = fail(&v, "slab: out of host memory while validating");
		goto out;
	}
	for (size_t i = 0; i < cs.nr_caches && !ret; i++)
		ret = validate_cache_lists(&v, &cs.caches[i]);
	if (!ret)
		ret = check_memmap(&v);
	if (!ret)
		ret = check_counts(&v);
out:
	free(cs.listed);
	free(cs.caches);
	return ret;
}
