// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU sheaves and node barns: SLUB's fast layer in Linux 7.0 (in 6.18
 * only for caches created with kmem_cache_args.sheaf_capacity, such as
 * maple nodes and vm_area_struct), on in mmsim for every cache that can
 * have one when the machine boots with mmsim.slub_sheaves=1.
 *
 * A sheaf is an array of object pointers.  Each CPU has a main sheaf
 * (allocation pops it, free pushes on it) and a spare; each node a barn
 * holding up to MAX_FULL_SHEAVES full sheaves and the empty ones.  When
 * the main sheaf runs empty the CPU swaps in the spare if it has objects,
 * else takes a full sheaf from the barn (giving back its empty one), else
 * refills an empty sheaf from the slabs (refill_objects in mm/slub_refill.c).
 * When the main sheaf is full on a free the CPU swaps in the spare if it
 * has room, else trades the full sheaf for an empty one in the barn, else
 * (barn full: -E2BIG) flushes the spare back to the slabs and uses it.
 * Objects in sheaves are in use from their slab's view (slab->inuse), so
 * /proc/slabinfo counts them as active, as Linux does.
 * kmem_cache_shrink and kmem_cache_destroy flush every sheaf (pcs_flush_cpu
 * from flush_cpu_slab, barn_shrink).  Debug caches and the two boot caches
 * (SLAB_NO_OBJ_EXT) get no sheaves.
 *
 * The sheaf's and the barn's bytes are kmalloc objects (kobj) as in Linux
 * (kzalloc of header + capacity pointers: kmalloc-512 for a capacity of
 * 60), so Slab: and slabinfo show them; the arrays themselves are host
 * memory, as mmsim keeps its other SLUB structures.
 *
 * Left out: local_trylock and the irq/RT cases (one simulated CPU runs at
 * a time, nothing interrupts), the rcu_free sheaf (kfree_rcu), prefilled
 * sheaves (kmem_cache_prefill_sheaf), bulk alloc/free through sheaves,
 * SLUB_STATS, pfmemalloc, refills from other nodes' partial lists.
 *
 * Called by mm/slub.c (fast paths, the CPU flush), mm/slub_shrink.c
 * (shrink, shutdown), mm/slub_open.c (creation), mm/slub_init.c (boot,
 * teardown) and mm/slub_debug.c (checked frees).
 */
#include <stdlib.h>
#include <string.h>
#include "linux/mm.h"
#include "slab.h"

static inline struct slub_percpu_sheaves *this_pcs(struct machine *m, struct kmem_cache *s)
{
	return &s->cpu_sheaves[m->current_cpu];
}

static inline struct node_barn *get_barn(struct machine *m, struct kmem_cache *s)
{
	return get_node(s, numa_node_id(m))->barn;
}

/* Exchange a CPU's main and spare sheaves. */
static inline void swap_sheaves(struct slab_sheaf **a, struct slab_sheaf **b)
{
	struct slab_sheaf *t = *a;

	*a = *b;
	*b = t;
}

static inline bool gfpflags_allow_blocking(gfp_t gfp)
{
	return gfp & __GFP_DIRECT_RECLAIM;
}

unsigned int calculate_sheaf_capacity(const struct machine *m, const struct kmem_cache *s)
{
	unsigned int capacity;
	size_t size;

	if (!m->bp.slub_sheaves)
		return 0;
	if (s->flags & (SLAB_DEBUG_FLAGS | SLAB_NO_OBJ_EXT | SLAB_NOLEAKTRACE))
		return 0;
	/* half of what cpu partial kept: there are two sheaves per CPU */
	if (s->size >= PAGE_SIZE)
		capacity = 4;
	else if (s->size >= 1024)
		capacity = 12;
	else if (s->size >= 256)
		capacity = 26;
	else
		capacity = 60;
	/* Grow it to fill the kmalloc size class the sheaf comes from. */
	size = kmalloc_size_roundup(SLAB_SHEAF_HEADER + capacity * sizeof(void *));
	return (unsigned int)((size - SLAB_SHEAF_HEADER) / sizeof(void *));
}

/* ---- sheaves ---- */

/*
 * kmalloc_sheaf - the kmalloc of a sheaf's or barn's bytes: as kmalloc,
 * but when @nested (the sheaf is for a kmalloc cache) the kmalloc cache
 * may not make a new sheaf of its own to satisfy it (Linux's
 * __GFP_NO_OBJ_EXT), which bounds the recursion.
 */
static void *kmalloc_sheaf(struct machine *m, size_t size, gfp_t gfp, int node, bool nested)
{
	struct kmem_cache *s = kmalloc_slab(m, size, gfp);
	void *object;

	if (!nested || !s->cpu_sheaves)
		return __kmalloc_node_track_caller(m, size, gfp, node, "alloc_empty_sheaf");
	object = sheaf_alloc_slow(m, s, gfp & ~__GFP_ZERO, node, true);
	if (object && (gfp & __GFP_ZERO))
		memset(object, 0, s->object_size);
	return object;
}

/*
 * alloc_empty_sheaf - a sheaf with no objects: host array plus its kzalloc
 * object.  @nested: we are inside a kmalloc made for a kmalloc cache's
 * sheaf (Linux's __GFP_NO_OBJ_EXT), where no new sheaf may be made.
 */
static struct slab_sheaf *alloc_empty_sheaf(struct machine *m, struct kmem_cache *s, gfp_t gfp,
					    bool nested)
{
	size_t bytes = SLAB_SHEAF_HEADER + (size_t)s->sheaf_capacity * sizeof(void *);
	struct slab_sheaf *sheaf;

	if (nested)
		return NULL;
	sheaf = calloc(1, sizeof(*sheaf) + (size_t)s->sheaf_capacity * sizeof(void *));
	if (!sheaf)
		return NULL;
	sheaf->kobj = kmalloc_sheaf(m, bytes, gfp | __GFP_ZERO, NUMA_NO_NODE,
				    s->flags & SLAB_KMALLOC);
	if (!sheaf->kobj) {
		free(sheaf);
		return NULL;
	}
	sheaf->cache = s;
	INIT_LIST_HEAD(&sheaf->barn_list);
	return sheaf;
}

static void free_empty_sheaf(struct machine *m, struct slab_sheaf *sheaf)
{
	kfree(m, sheaf->kobj);
	free(sheaf);
}

/* refill_sheaf - fill @sheaf to capacity from the slabs; -ENOMEM if short. */
static int refill_sheaf(struct machine *m, struct kmem_cache *s, struct slab_sheaf *sheaf,
			gfp_t gfp)
{
	unsigned int to_fill = s->sheaf_capacity - sheaf->size, filled;

	if (!to_fill)
		return 0;
	filled = refill_objects(m, s, &sheaf->objects[sheaf->size], gfp, to_fill, to_fill,
				NUMA_NO_NODE);
	sheaf->size += filled;
	return filled < to_fill ? -ENOMEM : 0;
}

/* sheaf_flush_unused - every object of a sheaf no CPU holds back to its slab. */
static void sheaf_flush_unused(struct machine *m, struct kmem_cache *s, struct slab_sheaf *sheaf)
{
	if (!sheaf->size)
		return;
	__kmem_cache_free_bulk(m, s, sheaf->size, &sheaf->objects[0]);
	sheaf->size = 0;
}

static struct slab_sheaf *alloc_full_sheaf(struct machine *m, struct kmem_cache *s, gfp_t gfp,
					   bool nested)
{
	struct slab_sheaf *sheaf = alloc_empty_sheaf(m, s, gfp, nested);

	if (!sheaf)
		return NULL;
	if (refill_sheaf(m, s, sheaf, gfp)) {
		sheaf_flush_unused(m, s, sheaf);
		free_empty_sheaf(m, sheaf);
		return NULL;
	}
	return sheaf;
}

/*
 * sheaf_flush_main - the main sheaf back to the slabs, PCS_BATCH_MAX
 * objects at a time from its top, as Linux does.  True if any were freed.
 */
static bool sheaf_flush_main(struct machine *m, struct kmem_cache *s,
			     struct slub_percpu_sheaves *pcs)
{
	void *objects[PCS_BATCH_MAX];
	bool ret = false;

	while (pcs->main->size) {
		struct slab_sheaf *sheaf = pcs->main;
		unsigned int batch = min(PCS_BATCH_MAX, sheaf->size);

		sheaf->size -= batch;
		memcpy(objects, sheaf->objects + sheaf->size, batch * sizeof(void *));
		__kmem_cache_free_bulk(m, s, batch, objects);
		ret = true;
	}
	return ret;
}

void pcs_flush_cpu(struct machine *m, struct kmem_cache *s, int cpu)
{
	struct slub_percpu_sheaves *pcs = &s->cpu_sheaves[cpu];
	struct slab_sheaf *spare = pcs->spare;

	pcs->spare = NULL;
	if (spare) {
		sheaf_flush_unused(m, s, spare);
		free_empty_sheaf(m, spare);
	}
	sheaf_flush_main(m, s, pcs);
}

/* ---- barns ---- */

static struct slab_sheaf *barn_get_empty_sheaf(struct node_barn *barn)
{
	struct slab_sheaf *empty;

	if (!barn->nr_empty)
		return NULL;
	empty = list_first_entry(&barn->sheaves_empty, struct slab_sheaf, barn_list);
	list_del(&empty->barn_list);
	barn->nr_empty--;
	return empty;
}

/* The two puts ignore the limits: they undo what a refill could not use. */
static void barn_put_empty_sheaf(struct node_barn *barn, struct slab_sheaf *sheaf)
{
	list_add(&sheaf->barn_list, &barn->sheaves_empty);
	barn->nr_empty++;
}

static void barn_put_full_sheaf(struct node_barn *barn, struct slab_sheaf *sheaf)
{
	list_add(&sheaf->barn_list, &barn->sheaves_full);
	barn->nr_full++;
}

/* A full sheaf for @empty, or NULL when the barn has none. */
static struct slab_sheaf *barn_replace_empty_sheaf(struct node_barn *barn,
						   struct slab_sheaf *empty)
{
	struct slab_sheaf *full;

	if (!barn->nr_full)
		return NULL;
	full = list_first_entry(&barn->sheaves_full, struct slab_sheaf, barn_list);
	list_del(&full->barn_list);
	list_add(&empty->barn_list, &barn->sheaves_empty);
	barn->nr_full--;
	barn->nr_empty++;
	return full;
}

/*
 * An empty sheaf for @full, or NULL with *err -E2BIG (the barn holds
 * MAX_FULL_SHEAVES already) or -ENOMEM (it has no empty sheaf).
 */
static struct slab_sheaf *barn_replace_full_sheaf(struct node_barn *barn,
						  struct slab_sheaf *full, int *err)
{
	struct slab_sheaf *empty;

	if (barn->nr_full >= MAX_FULL_SHEAVES) {
		*err = -E2BIG;
		return NULL;
	}
	if (!barn->nr_empty) {
		*err = -ENOMEM;
		return NULL;
	}
	empty = list_first_entry(&barn->sheaves_empty, struct slab_sheaf, barn_list);
	list_del(&empty->barn_list);
	list_add(&full->barn_list, &barn->sheaves_full);
	barn->nr_empty--;
	barn->nr_full++;
	return empty;
}

void barn_shrink(struct machine *m, struct kmem_cache *s, struct node_barn *barn)
{
	struct list_head full_list, empty_list;
	struct slab_sheaf *sheaf, *t;

	/* Take both lists whole first, as Linux does under the barn lock. */
	INIT_LIST_HEAD(&full_list);
	INIT_LIST_HEAD(&empty_list);
	list_for_each_entry_safe(sheaf, t, &barn->sheaves_full, barn_list)
		list_move_tail(&sheaf->barn_list, &full_list);
	list_for_each_entry_safe(sheaf, t, &barn->sheaves_empty, barn_list)
		list_move_tail(&sheaf->barn_list, &empty_list);
	barn->nr_full = 0;
	barn->nr_empty = 0;
	list_for_each_entry_safe(sheaf, t, &full_list, barn_list) {
		list_del(&sheaf->barn_list);
		sheaf_flush_unused(m, s, sheaf);
		free_empty_sheaf(m, sheaf);
	}
	list_for_each_entry_safe(sheaf, t, &empty_list, barn_list) {
		list_del(&sheaf->barn_list);
		free_empty_sheaf(m, sheaf);
	}
}

/* ---- the slow paths ---- */

/*
 * __pcs_replace_empty_main - give the CPU a main sheaf with objects: the
 * spare, a full one from the barn, or (when @gfp may block) an empty one
 * refilled from the slabs.  What the refill's allocations changed meanwhile
 * (reclaim may flush sheaves) is rechecked as Linux does after relocking.
 * True when main has objects.
 */
static bool __pcs_replace_empty_main(struct machine *m, struct kmem_cache *s,
				     struct slub_percpu_sheaves *pcs, gfp_t gfp, bool nested)
{
	struct node_barn *barn = get_barn(m, s);
	struct slab_sheaf *empty = NULL, *full;

	if (pcs->spare && pcs->spare->size > 0) {
		swap_sheaves(&pcs->main, &pcs->spare);
		return true;
	}
	full = barn_replace_empty_sheaf(barn, pcs->main);
	if (full) {
		pcs->main = full;
		return true;
	}
	if (!gfpflags_allow_blocking(gfp))
		return false;
	if (pcs->spare) {
		empty = pcs->spare;
		pcs->spare = NULL;
	} else {
		empty = barn_get_empty_sheaf(barn);
	}
	if (empty) {
		if (!refill_sheaf(m, s, empty, gfp)) {
			full = empty;
		} else {
			sheaf_flush_unused(m, s, empty);
			free_empty_sheaf(m, empty);
		}
	} else {
		full = alloc_full_sheaf(m, s, gfp, nested);
	}
	if (!full)
		return false;
	if (pcs->main->size == 0) {
		barn_put_empty_sheaf(barn, pcs->main);
		pcs->main = full;
		return true;
	}
	if (!pcs->spare) {
		pcs->spare = full;
		return true;
	}
	if (pcs->spare->size == 0) {
		barn_put_empty_sheaf(barn, pcs->spare);
		pcs->spare = full;
		return true;
	}
	barn_put_full_sheaf(barn, full);
	return true;
}

/* The node of the slab holding @obj. */
static int obj_nid(const struct machine *m, const void *obj)
{
	unsigned long off;
	struct page *slab = virt_to_slab(m, obj, &off);

	return slab ? slab_nid(slab) : NUMA_NO_NODE;
}

void *sheaf_alloc_slow(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node,
		       bool nested)
{
	struct slub_percpu_sheaves *pcs = this_pcs(m, s);
	struct slab_sheaf *main;

	if (pcs->main->size == 0 && !__pcs_replace_empty_main(m, s, pcs, gfp, nested))
		return slab_alloc_single(m, s, gfp, node);
	main = pcs->main;
	/* A node asked for: the sheaf's top object must be from it. */
	if (node != NUMA_NO_NODE && obj_nid(m, main->objects[main->size - 1]) != node)
		return slab_alloc_single(m, s, gfp, node);
	return main->objects[--main->size];
}

/*
 * __pcs_install_empty_sheaf - @empty becomes main, main the spare; the
 * cases where the sheaves changed while @empty was got are undone as
 * Linux does (the barn's limits ignored).
 */
static void __pcs_install_empty_sheaf(struct kmem_cache *s, struct node_barn *barn,
				      struct slub_percpu_sheaves *pcs, struct slab_sheaf *empty)
{
	if (likely(!pcs->spare)) {
		pcs->spare = pcs->main;
		pcs->main = empty;
		return;
	}
	if (pcs->main->size < s->sheaf_capacity) {
		barn_put_empty_sheaf(barn, empty);
		return;
	}
	if (pcs->spare->size < s->sheaf_capacity) {
		swap_sheaves(&pcs->main, &pcs->spare);
		barn_put_empty_sheaf(barn, empty);
		return;
	}
	barn_put_full_sheaf(barn, pcs->main);
	pcs->main = empty;
}

/*
 * __pcs_replace_full_main - give the CPU a main sheaf with room: the
 * spare, an empty one from the barn (for the full main), the spare
 * flushed when the barn is full, or a new empty sheaf (GFP_NOWAIT);
 * failing all, the main sheaf flushed.  True when main has room.
 */
static bool __pcs_replace_full_main(struct machine *m, struct kmem_cache *s,
				    struct slub_percpu_sheaves *pcs)
{
	struct node_barn *barn = get_barn(m, s);
	struct slab_sheaf *empty;
	int err;

	if (!pcs->spare) {
		empty = barn_get_empty_sheaf(barn);
		if (empty) {
			pcs->spare = pcs->main;
			pcs->main = empty;
			return true;
		}
		goto alloc_empty;
	}
	if (pcs->spare->size < s->sheaf_capacity) {
		swap_sheaves(&pcs->main, &pcs->spare);
		return true;
	}
	empty = barn_replace_full_sheaf(barn, pcs->main, &err);
	if (empty) {
		pcs->main = empty;
		return true;
	}
	if (err == -E2BIG) {
		/* spare exists and is full: flush it and use it */
		empty = pcs->spare;
		pcs->spare = NULL;
		sheaf_flush_unused(m, s, empty);
		goto got_empty;
	}
alloc_empty:
	empty = alloc_empty_sheaf(m, s, GFP_NOWAIT, false);
	if (!empty) {
		sheaf_flush_main(m, s, pcs);
		return pcs->main->size < s->sheaf_capacity;
	}
got_empty:
	__pcs_install_empty_sheaf(s, barn, pcs, empty);
	return true;
}

int free_to_pcs_slow(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj)
{
	struct slub_percpu_sheaves *pcs = this_pcs(m, s);

	if (slab_nid(slab) != numa_node_id(m))
		return __slab_free(m, s, slab, obj);	/* remote: to its slab */
	if (pcs->main->size >= s->sheaf_capacity && !__pcs_replace_full_main(m, s, pcs))
		return __slab_free(m, s, slab, obj);
	pcs->main->objects[pcs->main->size++] = obj;
	return 0;
}

/* ---- life cycle ---- */

static bool sheaf_has(const struct slab_sheaf *sheaf, const void *obj)
{
	for (unsigned int i = 0; sheaf && i < sheaf->size; i++)
		if (sheaf->objects[i] == obj)
			return true;
	return false;
}

bool sheaf_holds(const struct machine *m, const struct kmem_cache *s, const void *obj)
{
	const struct slab_sheaf *sheaf;
	struct kmem_cache_node *n;
	int nid;

	if (!s->cpu_sheaves)
		return false;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		if (sheaf_has(s->cpu_sheaves[cpu].main, obj) ||
		    sheaf_has(s->cpu_sheaves[cpu].spare, obj))
			return true;
	for_each_kmem_cache_node(m, s, nid, n)
		if (n->barn)
			list_for_each_entry(sheaf, &n->barn->sheaves_full, barn_list)
				if (sheaf_has(sheaf, obj))
					return true;
	return false;
}

/* Free a barn's host and RAM parts (its sheaves must be gone). */
static void free_barn(struct machine *m, struct kmem_cache_node *n)
{
	if (!n->barn)
		return;
	if (n->barn->kobj)
		kfree(m, n->barn->kobj);
	free(n->barn);
	n->barn = NULL;
}

void pcs_destroy(struct machine *m, struct kmem_cache *s)
{
	struct slub_percpu_sheaves *pcs = s->cpu_sheaves;
	struct kmem_cache_node *n;
	int nid;

	if (!pcs)
		return;
	s->cpu_sheaves = NULL;		/* frees below must not use them */
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		if (pcs[cpu].spare) {
			sheaf_flush_unused(m, s, pcs[cpu].spare);
			free_empty_sheaf(m, pcs[cpu].spare);
		}
		if (pcs[cpu].main) {
			sheaf_flush_unused(m, s, pcs[cpu].main);
			free_empty_sheaf(m, pcs[cpu].main);
		}
	}
	free(pcs);
	for_each_kmem_cache_node(m, s, nid, n) {
		if (n->barn)
			barn_shrink(m, s, n->barn);
		free_barn(m, n);
	}
}

void pcs_release_host(struct kmem_cache *s)
{
	struct slab_sheaf *sheaf, *t;

	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct kmem_cache_node *n = s->node[nid];

		if (!n || !n->barn)
			continue;
		list_for_each_entry_safe(sheaf, t, &n->barn->sheaves_full, barn_list)
			free(sheaf);
		list_for_each_entry_safe(sheaf, t, &n->barn->sheaves_empty, barn_list)
			free(sheaf);
		free(n->barn);
		n->barn = NULL;
	}
	if (s->cpu_sheaves) {
		for (int cpu = 0; cpu < s->machine->nr_cpu_ids; cpu++) {
			free(s->cpu_sheaves[cpu].main);
			free(s->cpu_sheaves[cpu].spare);
		}
		free(s->cpu_sheaves);
		s->cpu_sheaves = NULL;
	}
}

/* A barn for every node of @s, each a kmalloc object on its node. */
static int init_barns(struct machine *m, struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	int nid;

	for_each_kmem_cache_node(m, s, nid, n) {
		struct node_barn *barn = calloc(1, sizeof(*barn));

		if (!barn)
			return -ENOMEM;
		INIT_LIST_HEAD(&barn->sheaves_full);
		INIT_LIST_HEAD(&barn->sheaves_empty);
		n->barn = barn;
		barn->kobj = kmalloc_node(m, NODE_BARN_SIZE, GFP_KERNEL, nid);
		if (!barn->kobj)
			return -ENOMEM;
	}
	return 0;
}

int init_cache_sheaves(struct machine *m, struct kmem_cache *s)
{
	struct slub_percpu_sheaves *pcs;
	struct kmem_cache_node *n;
	int nid;

	if (s->cpu_sheaves || m->slab_state < UP)
		return 0;
	s->sheaf_capacity = calculate_sheaf_capacity(m, s);
	if (!s->sheaf_capacity)
		return 0;
	pcs = calloc((size_t)m->nr_cpu_ids, sizeof(*pcs));
	if (!pcs || init_barns(m, s))
		goto fail;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		pcs[cpu].main = alloc_empty_sheaf(m, s, GFP_KERNEL, false);
		if (!pcs[cpu].main)
			goto fail;
	}
	/* A kmalloc cache may have used its CPU slab for the above: no more. */
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		flush_cpu_slab(m, s, cpu);
	s->cpu_sheaves = pcs;
	return 0;
fail:
	if (pcs) {
		for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
			if (pcs[cpu].main)
				free_empty_sheaf(m, pcs[cpu].main);
		free(pcs);
	}
	for_each_kmem_cache_node(m, s, nid, n)
		free_barn(m, n);
	s->sheaf_capacity = 0;
	return -ENOMEM;
}

int bootstrap_kmalloc_sheaves(struct machine *m)
{
	struct kmem_cache *s;

	if (!m->bp.slub_sheaves)
		return 0;
	list_for_each_entry(s, &m->slab_caches, list)
		if (init_cache_sheaves(m, s))
			return -ENOMEM;
	return 0;
}
