// SPDX-License-Identifier: GPL-2.0-only
/*
 * The slab layer under the sheaves (Linux 7.0's mm/slub.c without a CPU
 * slab, on in mmsim with mmsim.slub_sheaves=1): refill_objects fills a
 * sheaf from node partial slabs, then from new ones (handing a new slab's
 * objects out by address and linking only the rest), and
 * __kmem_cache_free_bulk gives a sheaf's objects back to their slabs, a
 * run of objects of one slab chained and freed at once
 * (build_detached_freelist).  slab_alloc_single is the one-object case
 * a sheaf cannot take.
 *
 * Left out: refills from other nodes' partial lists, the !allow_spin
 * (trylock) cases, init_on_free's wipe of the free pointer.
 *
 * Called by mm/slub_sheaf.c (refill_sheaf, the flushes, the fallback
 * when no sheaf has an object).
 */
#include <stdlib.h>
#include <string.h>
#include "linux/mm.h"
#include "slab.h"

/*
 * take_objects - move up to @want objects from @slab's freelist (the slab
 * is on no list) to @p: inuse grows by the number taken.  A free pointer
 * leaving the slab is reported and the freelist ends there.
 */
static __attribute__((noinline)) unsigned int
take_objects(struct machine *m, struct kmem_cache *s, struct page *slab, void **p,
	     unsigned int want)
{
	unsigned char *base = fixup_red_left(s, slab_base(s, slab));
	const unsigned long span = (unsigned long)slab->objects * s->size;
	const u64 rnd = s->random, bias = s->kva_bias;
	const unsigned int fpoff = s->offset, size = s->size;
	unsigned char *last = base + span - size;	/* the slab's last object */
	unsigned char *object = slab->freelist;
	unsigned int nr = 0;

	while (object && nr < want) {
		/* get_freepointer, the key computed inline */
		u64 kva = (u64)(uintptr_t)object + bias;
		u64 key = rnd ^ __builtin_bswap64(kva + fpoff);
		u64 raw = *(u64 *)(object + fpoff);
		unsigned char *next;

		p[nr++] = object;
		/*
		 * A new slab links its objects in address order: a pointer to
		 * the next slot, when there is one, needs no further check.
		 */
		if (likely(raw == ((kva + size) ^ key) && object < last)) {
			object += size;
			continue;
		}
		raw ^= key;
		next = raw ? (unsigned char *)(uintptr_t)(raw - bias) : NULL;
		/* obj_valid with the slab's bounds computed once */
		if (unlikely(next && ((unsigned long)(next - base) >= span ||
				      !slot_aligned(s, (unsigned long)(next - base))))) {
			object_err(m, s, slab, object, "Freechain corrupt");
			slab->freelist = NULL;
			slab->inuse = slab->objects;	/* the lost rest stays in use */
			return nr;
		}
		object = next;
	}
	slab->freelist = object;
	slab->inuse += nr;
	return nr;
}

/*
 * alloc_from_new_slab - hand out the first (up to) @want objects of a new
 * slab by address, touching none of them, and link only the rest (Linux
 * 7.0).  Returns the number handed out.  The host prefetches the handed-out
 * objects (cold: the page was just taken from the page allocator), as
 * their users write them next; nothing modelled changes.
 */
static unsigned int alloc_from_new_slab(struct kmem_cache *s, struct page *slab, void **p,
					unsigned int want)
{
	unsigned char *obj = fixup_red_left(s, slab_base(s, slab));
	unsigned int nr = min(want, (unsigned int)slab->objects);

	for (unsigned int i = 0; i < nr; i++, obj += s->size) {
		__builtin_prefetch(obj, 1);	/* host cache: its user writes it next */
		p[i] = obj;
	}
	slab->inuse = nr;
	build_slab_freelist(s, slab, nr);
	return nr;
}

/* Put @slab (on no list) where its state says: node partial or full. */
static void relist_slab(struct kmem_cache *s, struct page *slab)
{
	struct kmem_cache_node *n = get_node(s, slab_nid(slab));

	if (slab->freelist)
		add_partial(n, slab, ADD_TO_HEAD);
	else
		add_full(s, n, slab);
}

unsigned int refill_objects(struct machine *m, struct kmem_cache *s, void **p, gfp_t gfp,
			    unsigned int min, unsigned int max, int node)
{
	int nid = node == NUMA_NO_NODE ? numa_node_id(m) : node;
	struct kmem_cache_node *n = get_node(s, nid);
	unsigned int filled = 0;
	struct page *slab;

	while (filled < max && n && n->nr_partial) {
		slab = list_first_entry(&n->partial, struct page, lru);
		remove_partial(n, slab);
		filled += take_objects(m, s, slab, p + filled, max - filled);
		relist_slab(s, slab);
	}
	while (filled < min) {
		slab = __new_slab(m, s, gfp, node, false);
		if (!slab && node != NUMA_NO_NODE && !(gfp & __GFP_THISNODE))
			slab = __new_slab(m, s, gfp, NUMA_NO_NODE, false);
		if (!slab)
			break;
		inc_slabs_node(s, slab_nid(slab), slab->objects);
		filled += alloc_from_new_slab(s, slab, p + filled, max - filled);
		relist_slab(s, slab);
	}
	return filled;
}

void *slab_alloc_single(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node)
{
	void *object;

	if (node != NUMA_NO_NODE && (node < 0 || node >= m->nr_node_ids))
		node = NUMA_NO_NODE;
	if (refill_objects(m, s, &object, gfp, 1, 1, node))
		return object;
	slab_out_of_memory(m, s, gfp, node);
	return NULL;
}

/*
 * __kmem_cache_free_bulk - as Linux's (build_detached_freelist): the run
 * of objects of one slab is chained (last first) and freed at once.  The
 * first object of a run is checked in full; the rest of the run only for
 * being in the same slab, which is enough for what sheaves hold (checked
 * when they were freed, or taken from the slab by a refill).
 */
void __kmem_cache_free_bulk(struct machine *m, struct kmem_cache *s, size_t nr, void **p)
{
	const u64 rnd = s->random, bias = s->kva_bias;
	const unsigned int fpoff = s->offset;
	const u64 slot_bias = bias + fpoff;	/* object -> kernel VA of its free pointer */
	size_t i = 0;

	while (i < nr) {
		unsigned long off;
		struct page *slab = virt_to_slab(m, p[i], &off);
		unsigned char *base, *head;
		unsigned long span;
		size_t first;
		u64 head_kva;

		if (unlikely(!slab || slab->slab_cache != s)) {
			bad_cache_free(m, s, p[i++]);
			continue;
		}
		if (unlikely(!obj_start(s, slab, off))) {
			invalid_object_free(m, s, slab, p[i++]);
			continue;
		}
		base = slab_base(s, slab);
		span = (unsigned long)slab->objects * s->size;
		first = i;
		head = p[i++];
		/* head's kernel VA ^ s->random: the next link's value before its key */
		head_kva = ((u64)(uintptr_t)head + bias) ^ rnd;
		/* set_freepointer(p[i], head) for the run, the key computed inline */
		for (; i < nr; i++) {
			unsigned char *obj = p[i];

			if ((unsigned long)(obj - base) >= span || obj == head)
				break;
			*(u64 *)(obj + fpoff) = head_kva ^
				__builtin_bswap64((u64)(uintptr_t)obj + slot_bias);
			head = obj;
			head_kva = ((u64)(uintptr_t)obj + bias) ^ rnd;
		}
		__slab_free_bulk(m, s, slab, head, p[first], (unsigned int)(i - first));
	}
}
