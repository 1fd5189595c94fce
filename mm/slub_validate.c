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
 *     hold;
 * and for the machine: the slab pages of all caches plus the large
 * kmalloc pages equal NR_SLAB_RECLAIMABLE_B / NR_SLAB_UNRECLAIMABLE_B on
 * every node (kept in pages), and every PGTY_slab page in the memmap
 * belongs to a slab some list holds.
 * Read-only.  Called by mmsim_validate (kernel/machine.c) and tests.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "linux/vmstat.h"
#include "slab.h"

/* What the walk found, per node. */
struct slab_census {
	unsigned long pages[MAX_NUMNODES][2];	/* [nid][reclaimable?] slab pages */
	unsigned long slabs;			/* slabs seen on some list */
};

/* Where a slab was found, for the checks that depend on it. */
enum slab_where { IN_CPU, IN_CPU_PARTIAL, IN_NODE_PARTIAL, IN_FULL };

struct vctx {
	struct machine *m;
	char *err;
	size_t len;
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

/* Account one listed slab in the census. */
static void census_add(struct slab_census *cs, struct kmem_cache *s, struct page *slab)
{
	cs->pages[slab_nid(slab)][!!(s->flags & SLAB_RECLAIM_ACCOUNT)] += 1UL << slab->alloc_order;
	cs->slabs++;
}

static int validate_cache(struct vctx *v, struct kmem_cache *s, struct slab_census *cs)
{
	struct machine *m = v->m;
	struct kmem_cache_node *n;
	int nid, ret;

	for_each_kmem_cache_node(m, s, nid, n) {
		unsigned long nr_partial = 0, nr_full = 0, slabs = 0, objects = 0;
		struct page *slab;

		list_for_each_entry(slab, &n->partial, lru) {
			if ((ret = check_slab_state(v, s, slab, nid, IN_NODE_PARTIAL, NULL)))
				return ret;
			nr_partial++, slabs++, objects += slab->objects;
			census_add(cs, s, slab);
		}
		list_for_each_entry(slab, &n->full, lru) {
			if ((ret = check_slab_state(v, s, slab, nid, IN_FULL, NULL)))
				return ret;
			nr_full++, slabs++, objects += slab->objects;
			census_add(cs, s, slab);
		}
		for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
			struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
			unsigned int np = 0;

			if (c->slab && slab_nid(c->slab) == nid) {
				if ((ret = check_slab_state(v, s, c->slab, nid, IN_CPU, c)))
					return ret;
				slabs++, objects += c->slab->objects;
				census_add(cs, s, c->slab);
			}
			list_for_each_entry(slab, &c->partial, lru) {
				np++;
				if (slab_nid(slab) != nid)
					continue;
				if ((ret = check_slab_state(v, s, slab, nid, IN_CPU_PARTIAL, NULL)))
					return ret;
				slabs++, objects += slab->objects;
				census_add(cs, s, slab);
			}
			if (nid == 0 && np != c->partial_slabs)
				return fail(v, "slab %s: CPU %d: %u partial slabs listed, counter %u",
					    s->name, cpu, np, c->partial_slabs);
			if (kmem_cache_debug(s) && (c->slab || np))
				return fail(v, "slab %s: a debug cache has CPU slabs", s->name);
		}
		if (nr_partial != n->nr_partial || nr_full != n->nr_full)
			return fail(v, "slab %s: node %d: %lu partial, %lu full listed; counters %lu, %lu",
				    s->name, nid, nr_partial, nr_full, n->nr_partial, n->nr_full);
		if (slabs != n->nr_slabs || objects != n->total_objects)
			return fail(v, "slab %s: node %d: %lu slabs, %lu objects found; counters %lu, %lu",
				    s->name, nid, slabs, objects, n->nr_slabs, n->total_objects);
	}
	return 0;
}

/* Every PGTY_slab / PGTY_large_kmalloc head in the memmap, against the census. */
static int check_memmap(struct vctx *v, const struct slab_census *cs)
{
	struct machine *m = v->m;
	unsigned long slabs = 0, large[MAX_NUMNODES] = { 0 };

	for (unsigned long pfn = 0; pfn < m->max_pfn; pfn++) {
		struct page *p = pfn_to_page(m, pfn);

		if (p->page_type == PGTY_slab)
			slabs++;
		else if (p->page_type == PGTY_large_kmalloc)
			large[p->nid] += 1UL << p->alloc_order;
	}
	if (slabs != cs->slabs)
		return fail(v, "slab: %lu slab pages in the memmap, %lu on the caches' lists", slabs,
			    cs->slabs);
	for (int nid = 0; nid < m->nr_node_ids; nid++)
		if (large[nid] != m->large_kmalloc_pages[nid])
			return fail(v, "slab: node %d: %lu large kmalloc pages in the memmap, counter %lu",
				    nid, large[nid], m->large_kmalloc_pages[nid]);
	return 0;
}

int validate_slab_caches(struct machine *m, char *err, size_t len)
{
	static struct slab_census zero;
	struct slab_census cs = zero;
	struct vctx v = { .m = m, .err = err, .len = len };
	struct kmem_cache *s;
	int ret;

	if (!m->slab_caches.next)
		return 0;	/* the slab allocator is not up */
	list_for_each_entry(s, &m->slab_caches, list)
		if ((ret = validate_cache(&v, s, &cs)))
			return ret;
	list_for_each_entry(s, &m->slab_leaked, list)
		if ((ret = validate_cache(&v, s, &cs)))
			return ret;
	for (int nid = 0; nid < m->nr_node_ids; nid++) {
		struct pglist_data *pgdat = NODE_DATA(m, nid);
		long rcl = pgdat->vm_stat[NR_SLAB_RECLAIMABLE_B];
		long unrcl = pgdat->vm_stat[NR_SLAB_UNRECLAIMABLE_B];

		if (rcl != (long)cs.pages[nid][1])
			return fail(&v, "slab: node %d: nr_slab_reclaimable %ld pages, caches hold %lu",
				    nid, rcl, cs.pages[nid][1]);
		if (unrcl != (long)(cs.pages[nid][0] + m->large_kmalloc_pages[nid]))
			return fail(&v, "slab: node %d: nr_slab_unreclaimable %ld pages, caches hold %lu + %lu large kmalloc",
				    nid, unrcl, cs.pages[nid][0], m->large_kmalloc_pages[nid]);
	}
	return check_memmap(&v, &cs);
}
