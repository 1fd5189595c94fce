/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the slab files share (Linux's mm/slab.h): struct kmem_cache and its
 * per-CPU and per-node parts, the slab fields of struct page, the kmalloc
 * tables, the merge/debug flag masks, and the entry points between
 * mm/slab_common.c (creation, merging, kmalloc), mm/slub.c (the allocator),
 * mm/slub_debug.c (slub_debug) and the readers: fs/proc/slabinfo.c and
 * mm/slab_sysfs.c read these structures and change nothing.
 *
 * A slab is the head struct page of a compound block (Linux overlays a
 * struct slab on struct page; mmsim uses the struct page fields directly,
 * see include/linux/mm_types.h): freelist, inuse/objects/frozen,
 * slab_cache, and lru as slab_list.  Tail pages point to the head as
 * Linux's compound_head does (lru.next = head | 1).
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include "linux/slab.h"
#include "linux/machine.h"
#include "linux/page-flags.h"
#include "asm/page.h"

/* The cache line (L1_CACHE_BYTES) on x86-64. */
#define L1_CACHE_BYTES		64
#define cache_line_size()	L1_CACHE_BYTES

/*
 * Slab allocator boot state (mm/slab.h's enum slab_state): caches of
 * kmem_cache_node exist at PARTIAL, kmalloc at UP, sysfs/everything at FULL.
 */
enum slab_state {
	DOWN,		/* no slab functionality yet */
	PARTIAL,	/* SLUB: kmem_cache_node available */
	UP,		/* slab caches usable but not all extras yet */
	FULL		/* everything is working */
};

/* One kmalloc size class (kmalloc_info[] in mm/slab_common.c). */
struct kmalloc_info_struct {
	const char *name[NR_KMALLOC_TYPES];	/* "kmalloc-64", "kmalloc-rcl-64", ... */
	unsigned int size;
};
extern const struct kmalloc_info_struct kmalloc_info[KMALLOC_SHIFT_HIGH + 1];

/* order and objects per slab packed as Linux's kmem_cache_order_objects. */
#define OO_SHIFT		16
#define OO_MASK			((1U << OO_SHIFT) - 1)
#define MAX_OBJS_PER_PAGE	32767	/* slab->objects is 15 bits */
struct kmem_cache_order_objects {
	unsigned int x;
};
static inline unsigned int oo_order(struct kmem_cache_order_objects x)
{
	return x.x >> OO_SHIFT;
}
static inline unsigned int oo_objects(struct kmem_cache_order_objects x)
{
	return x.x & OO_MASK;
}

/*
 * The per-CPU part of a cache (struct kmem_cache_cpu).  The active slab is
 * frozen: only this CPU takes objects from @freelist without touching the
 * slab; objects freed by other CPUs go to slab->freelist.  @lo/@hi bound
 * the active slab's objects so the fast path can check a free pointer read
 * from RAM before it follows it (mmsim must never crash on corruption).
 */
struct kmem_cache_cpu {
	void *freelist;			/* next free object of @slab (host pointer) */
	unsigned long tid;		/* transaction id, bumped on every change */
	struct page *slab;		/* the active (frozen) slab, or NULL */
	struct list_head partial;	/* per-CPU partial slabs (Linux: slab->next chain) */
	unsigned int partial_slabs;	/* slabs on @partial (Linux: head slab->slabs) */
	unsigned char *lo, *hi;		/* [first object, end of last) of @slab */
};

/*
 * Per-CPU sheaves (Linux 7.0's SLUB for every cache; 6.18 only for caches
 * created with kmem_cache_args.sheaf_capacity), on with
 * mmsim.slub_sheaves=1.  A sheaf is an array of pointers to objects that
 * are allocated from their slab's view (counted in slab->inuse) and free
 * from the user's: allocation pops the CPU's main sheaf, free pushes on
 * it.  Each CPU has a main and a spare sheaf; each node a barn of full
 * and empty sheaves to swap with.  The sheaf's bytes are a kmalloc object
 * (@kobj) as in Linux; the array itself lives on the host, as the other
 * SLUB structures here (struct kmem_cache_node and its kobj).
 * mm/slub_sheaf.c has the code.
 */
#define MAX_FULL_SHEAVES	10	/* a barn refuses more full sheaves (-E2BIG) */
#define MAX_EMPTY_SHEAVES	10
#define PCS_BATCH_MAX		32U	/* sheaf_flush_main frees this many at a time */
/* sizeof(struct slab_sheaf) before objects[] and of struct node_barn on x86-64. */
#define SLAB_SHEAF_HEADER	32U
#define NODE_BARN_SIZE		48U

struct slab_sheaf {
	struct list_head barn_list;	/* on a barn's sheaves_full/sheaves_empty */
	struct kmem_cache *cache;	/* whose objects */
	unsigned int size;		/* objects[0 .. size-1] are held */
	void *kobj;			/* its kmalloc object (header + capacity pointers) */
	void *objects[];		/* [s->sheaf_capacity] */
};

struct node_barn {
	struct list_head sheaves_full;	/* full sheaves (size == capacity) */
	struct list_head sheaves_empty;	/* empty sheaves (size 0) */
	unsigned int nr_full;
	unsigned int nr_empty;
	void *kobj;			/* its kmalloc object on its node */
};

struct slub_percpu_sheaves {
	struct slab_sheaf *main;	/* never NULL while the cache has sheaves */
	struct slab_sheaf *spare;	/* empty or full, may be NULL */
};

/*
 * The per-node part (struct kmem_cache_node, CONFIG_SLUB_DEBUG's counters
 * included as Debian builds them).  @full holds slabs with no free object
 * that are neither a CPU's active slab nor on a partial list: Linux keeps
 * that list only for debug caches; mmsim always does, for validation and
 * for the leak report of kmem_cache_destroy (docs/divergences.md).
 */
struct kmem_cache_node {
	unsigned long nr_partial;	/* slabs on @partial */
	struct list_head partial;	/* slabs with free objects, SL_partial set */
	unsigned long nr_slabs;		/* all slabs of this node (node_nr_slabs) */
	unsigned long total_objects;	/* their object capacity (node_nr_objs) */
	struct list_head full;		/* slabs with no free object, off-CPU */
	unsigned long nr_full;		/* slabs on @full */
	void *kobj;			/* its object in the kmem_cache_node cache */
	struct node_barn *barn;		/* sheaves mode: this node's barn, or NULL */
};

/* One alias name of a merged cache (sysfs links ALIAS -> the cache). */
struct kmem_cache_alias {
	struct list_head list;		/* on s->aliases, in merge order */
	char name[];
};

/*
 * struct kmem_cache: one cache (SLUB's include/linux/slub_def.h, now in
 * mm/slab.h).  Set at creation and fixed afterwards except where noted.
 */
struct kmem_cache {
	struct kmem_cache_cpu *cpu_slab;	/* [m->nr_cpu_ids] */
	slab_flags_t flags;		/* SLAB_* (after slub_debug), __OBJECT_POISON */
	unsigned long min_partial;	/* node partial slabs kept even if empty */
	unsigned int size;		/* slot: object, metadata, padding (slab_size) */
	unsigned int object_size;	/* what the creator asked for */
	u64 reciprocal_size;		/* 2^32 / size rounded up, for obj_to_index */
	unsigned int offset;		/* free pointer offset inside the slot */
	unsigned int cpu_partial;	/* free objects kept on cpu partial (sysfs) */
	unsigned int cpu_partial_slabs;	/* ... as a number of slabs */
	struct kmem_cache_order_objects oo;	/* preferred order, objects */
	struct kmem_cache_order_objects min;	/* fallback order, objects */
	gfp_t allocflags;		/* __GFP_COMP, DMA, RECLAIMABLE for new slabs */
	int refcount;			/* creators sharing it (merged caches > 1); <0 unmergeable */
	void (*ctor)(void *);		/* run on each object when its slab is made */
	unsigned int inuse;		/* offset to the metadata after the object */
	unsigned int align;		/* object alignment */
	unsigned int red_left_pad;	/* left red zone before each object */
	const char *name;		/* owned copy */
	struct list_head list;		/* on m->slab_caches */
	u64 serial;			/* unique per machine (m->slab_cache_serial) */
	struct list_head aliases;	/* struct kmem_cache_alias, names merged in */
	unsigned int useroffset;	/* usercopy region (kmalloc: whole object) */
	unsigned int usersize;
	unsigned int remote_node_defrag_ratio;	/* sysfs; 1000 by default */
	u64 random;			/* CONFIG_SLAB_FREELIST_HARDENED xor key */
	u64 kva_bias;			/* kernel VA - host address of RAM bytes */
	u32 recip_mult;			/* obj_to_index: off * mult >> shift == off / size */
	u32 recip_shift;
	u32 pow2_mask;			/* size - 1 when size is a power of 2, else 0 */
	u32 tile_mask;			/* pow2_mask when the slots fill every slab (oo
					 * and min orders, no left red zone) to its
					 * last byte, else 0: see slots_tile_slab */
	void *kobj;			/* this cache's object in the kmem_cache cache */
	struct machine *machine;	/* back pointer */
	struct slub_percpu_sheaves *cpu_sheaves;	/* [nr_cpu_ids], NULL without sheaves */
	unsigned int sheaf_capacity;	/* objects per sheaf; 0 = no sheaves (sysfs) */
	struct kmem_cache_node *node[MAX_NUMNODES];	/* [nid] for online nodes */
};

/*
 * Slab flags in page->flags (enum slab_flags in Linux 6.18 mm/slab.h):
 * SL_partial marks a slab on its node's partial list.
 */
#define SL_partial	PG_workingset

/* Flag masks (mm/slab.h, mm/slab_common.c). */
#define SLAB_CORE_FLAGS		(SLAB_HWCACHE_ALIGN | SLAB_CACHE_DMA | SLAB_CACHE_DMA32 | \
				 SLAB_PANIC | SLAB_TYPESAFE_BY_RCU | SLAB_DEBUG_OBJECTS | \
				 SLAB_NOLEAKTRACE | SLAB_RECLAIM_ACCOUNT | SLAB_TEMPORARY | \
				 SLAB_ACCOUNT | SLAB_NO_USER_FLAGS | SLAB_KMALLOC | SLAB_NO_MERGE)
#define SLAB_DEBUG_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | \
				 SLAB_TRACE | SLAB_CONSISTENCY_CHECKS)
#define SLAB_FLAGS_PERMITTED	(SLAB_CORE_FLAGS | SLAB_DEBUG_FLAGS)
/* Flags that keep a cache from being merged, and that must match to merge. */
#define SLAB_NEVER_MERGE	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | \
				 SLAB_TRACE | SLAB_TYPESAFE_BY_RCU | SLAB_NOLEAKTRACE | \
				 SLAB_FAILSLAB | SLAB_NO_MERGE)
#define SLAB_MERGE_SAME		(SLAB_RECLAIM_ACCOUNT | SLAB_CACHE_DMA | \
				 SLAB_CACHE_DMA32 | SLAB_ACCOUNT)
/* slub_debug's defaults when "slub_debug" has no letters. */
#define DEBUG_DEFAULT_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | \
				 SLAB_POISON | SLAB_STORE_USER)
#define DEBUG_METADATA_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* What get_slabinfo() reports for /proc/slabinfo (struct slabinfo). */
struct slabinfo {
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned long active_slabs;
	unsigned long num_slabs;
	unsigned long shared_avail;
	unsigned int limit;
	unsigned int batchcount;
	unsigned int shared;
	unsigned int objects_per_slab;
	unsigned int cache_order;
};

/* ---- struct page as a slab ---- */

static inline bool PageSlab(const struct page *p) { return p->page_type == PGTY_slab; }
static inline void __SetPageSlab(struct page *p) { p->page_type = PGTY_slab; }
static inline void __ClearPageSlab(struct page *p) { p->page_type = PGTY_none; }

/*
 * inuse, objects and frozen as one 32-bit word (Linux's slab->counters):
 * the hot paths read and write them at once instead of three bitfield
 * read-modify-writes.  Bits as x86-64 GCC lays out the bitfields of
 * struct page (inuse 0-15, objects 16-30, frozen 31); kmem_cache_init
 * checks that layout once at boot.
 */
#define SLAB_INUSE_MASK		0xffffU
#define SLAB_OBJECTS_SHIFT	16
#define SLAB_FROZEN		(1U << 31)
static inline u32 slab_counters(const struct page *slab) { return (u32)slab->_mapcount; }
static inline void slab_set_counters(struct page *slab, u32 v) { slab->_mapcount = (int)v; }
static inline u32 counters_objects(u32 v) { return (v >> SLAB_OBJECTS_SHIFT) & 0x7fffU; }

static inline int slab_nid(const struct page *slab) { return slab->nid; }
static inline unsigned int slab_order(const struct page *slab) { return slab->alloc_order; }
static inline void *slab_address(const struct machine *m, const struct page *slab)
{
	return page_address(m, slab);
}

/* The node part of @s for @node. */
static inline struct kmem_cache_node *get_node(const struct kmem_cache *s, int node)
{
	return s->node[node];
}
#define for_each_kmem_cache_node(m, s, nid, n)			\
	for ((nid) = 0; (nid) < (m)->nr_node_ids; (nid)++)	\
		if (((n) = get_node(s, nid)))

static inline unsigned long node_nr_slabs(const struct kmem_cache_node *n)
{
	return n->nr_slabs;
}
static inline unsigned long node_nr_objs(const struct kmem_cache_node *n)
{
	return n->total_objects;
}

/* Is @s a cache with slub_debug checks (no CPU slabs: every op is slow)? */
static inline bool kmem_cache_debug(const struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

/* The node counter a slab of @s is accounted in. */
static inline enum node_stat_item cache_vmstat_idx(const struct kmem_cache *s)
{
	return (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B
						 : NR_SLAB_UNRECLAIMABLE_B;
}

/* ---- objects and free pointers ----
 *
 * The free pointer of a free object lives in the object's own bytes (in
 * RAM) at s->offset, as SLUB keeps it, encoded as
 * CONFIG_SLAB_FREELIST_HARDENED does: kernel VA of the next free object
 * (0 for none) ^ s->random ^ byte-swapped kernel VA of the pointer's own
 * location.  RAM therefore holds kernel addresses, never host ones.
 */
static inline u64 freeptr_key(const struct kmem_cache *s, const void *ptr_addr)
{
	return s->random ^ __builtin_bswap64((u64)(uintptr_t)ptr_addr + s->kva_bias);
}

static inline void *get_freepointer(const struct kmem_cache *s, void *object)
{
	u64 *addr = (u64 *)((unsigned char *)object + s->offset);
	u64 v = *addr ^ freeptr_key(s, addr);

	return v ? (void *)(uintptr_t)(v - s->kva_bias) : NULL;
}

static inline void set_freepointer(const struct kmem_cache *s, void *object, void *fp)
{
	u64 *addr = (u64 *)((unsigned char *)object + s->offset);
	u64 v = fp ? (u64)(uintptr_t)fp + s->kva_bias : 0;

	*addr = v ^ freeptr_key(s, addr);
}

/* The kernel virtual address of a host pointer into s's RAM. */
static inline unsigned long obj_kva(const struct kmem_cache *s, const void *p)
{
	return p ? (unsigned long)((u64)(uintptr_t)p + s->kva_bias) : 0;
}

/* Objects start after the left red zone, when there is one. */
static inline void *fixup_red_left(const struct kmem_cache *s, void *p)
{
	if (s->flags & SLAB_RED_ZONE)
		p = (unsigned char *)p + s->red_left_pad;
	return p;
}

static inline void *restore_red_left(const struct kmem_cache *s, void *p)
{
	if (s->flags & SLAB_RED_ZONE)
		p = (unsigned char *)p - s->red_left_pad;
	return p;
}

/* Index of the slot starting @off bytes into the slab (off < 4 MiB). */
static inline unsigned int __obj_to_index(const struct kmem_cache *s, unsigned long off)
{
	return (unsigned int)(((u64)off * s->recip_mult) >> s->recip_shift);
}

/* Is @off (bytes into a slab, no left red zone) the start of a slot? */
static inline bool slot_aligned(const struct kmem_cache *s, unsigned long off)
{
	if (s->pow2_mask)
		return !(off & s->pow2_mask);
	return __obj_to_index(s, off) * s->size == off;
}

/*
 * slots_tile_slab - do @s's slots, a power of 2 in size and with no left
 * red zone, fill a slab of either of its orders (oo, min) to the last
 * byte?  Then every offset below the slab's size (what virt_to_slab
 * gives) is inside the slab's objects, and is an object start exactly
 * when its low bits (s->tile_mask) are 0: the free fast path needs no
 * bound test.  False for the few caches whose object count is capped
 * (MAX_OBJS_PER_PAGE) short of the slab's end.
 */
static inline bool slots_tile_slab(const struct kmem_cache *s)
{
	return s->pow2_mask && !s->red_left_pad &&
	       (unsigned long)oo_objects(s->oo) * s->size == PAGE_SIZE << oo_order(s->oo) &&
	       (unsigned long)oo_objects(s->min) * s->size == PAGE_SIZE << oo_order(s->min);
}

/* ---- a cache's node lists and counts (mm/slub.c and its helpers) ---- */

/* Where add_partial puts a slab on its node's partial list. */
enum add_mode { ADD_TO_HEAD, ADD_TO_TAIL };

/* A new slab of @objects objects counts in node @node of @s (list placement aside). */
static inline void inc_slabs_node(struct kmem_cache *s, int node, int objects)
{
	struct kmem_cache_node *n = get_node(s, node);

	n->nr_slabs++;
	n->total_objects += (unsigned long)objects;
}

/* ...and no longer, as it is freed. */
static inline void dec_slabs_node(struct kmem_cache *s, int node, int objects)
{
	struct kmem_cache_node *n = get_node(s, node);

	n->nr_slabs--;
	n->total_objects -= (unsigned long)objects;
}

/* Put @slab (on no list) on @n's partial list, at its head or @tail; SL_partial set. */
static inline void add_partial(struct kmem_cache_node *n, struct page *slab, enum add_mode tail)
{
	n->nr_partial++;
	if (tail == ADD_TO_TAIL)
		list_add_tail(&slab->lru, &n->partial);
	else
		list_add(&slab->lru, &n->partial);
	slab->flags |= 1UL << SL_partial;
}

/* Take @slab off @n's partial list; SL_partial cleared. */
static inline void remove_partial(struct kmem_cache_node *n, struct page *slab)
{
	list_del(&slab->lru);
	slab->flags &= ~(1UL << SL_partial);
	n->nr_partial--;
}

/* Is @slab on its node's partial list? */
static inline bool slab_test_node_partial(const struct page *slab)
{
	return slab->flags & (1UL << SL_partial);
}

/*
 * Full slabs are on no list, as in Linux, except in debug caches (Linux:
 * SLAB_STORE_USER ones), whose n->full lets validate and the shutdown
 * report reach them.  nr_full counts them in every cache (mmsim's, for
 * the validator, which finds the others in the memmap).
 */
static inline void add_full(struct kmem_cache *s, struct kmem_cache_node *n, struct page *slab)
{
	if (kmem_cache_debug(s))
		list_add(&slab->lru, &n->full);
	n->nr_full++;
}

static inline void remove_full(struct kmem_cache *s, struct kmem_cache_node *n, struct page *slab)
{
	if (kmem_cache_debug(s))
		list_del(&slab->lru);
	n->nr_full--;
}

/* The first byte of @slab's block in the machine's RAM. */
static inline void *slab_base(const struct kmem_cache *s, const struct page *slab)
{
	return page_address(s->machine, slab);
}

/* Is offset @off (from virt_to_slab) an object start of @slab? */
static inline bool obj_start(const struct kmem_cache *s, const struct page *slab,
			     unsigned long off)
{
	return off < (unsigned long)slab->objects * s->size && slot_aligned(s, off);
}

/* Every object of a slab starting at @addr (after the left red zone). */
#define for_each_object(__p, __s, __addr, __objects)				\
	for (__p = fixup_red_left(__s, __addr);					\
	     (unsigned char *)__p < (unsigned char *)(__addr) + (__objects) * (__s)->size; \
	     __p = (unsigned char *)__p + (__s)->size)

/* Is the free pointer stored after the object (not inside it)? */
static inline bool freeptr_outside_object(const struct kmem_cache *s)
{
	return s->offset >= s->inuse;
}

/* Offset of the debug metadata (tracks) after the object. */
static inline unsigned int get_info_end(const struct kmem_cache *s)
{
	if (freeptr_outside_object(s))
		return s->inuse + sizeof(void *);
	return s->inuse;
}

/* Does @s keep the kmalloc request size (slub_debug U on a kmalloc cache)? */
static inline bool slub_debug_orig_size(const struct kmem_cache *s)
{
	return (s->flags & SLAB_STORE_USER) && (s->flags & SLAB_KMALLOC);
}

/* Order of the smallest block holding @size bytes (Linux's get_order). */
static inline int slab_get_order(unsigned long size)
{
	int order = 0;

	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

/*
 * Linux 6.18's object sizes of SLUB's own structures on x86-64 (the host's
 * /sys/kernel/slab/kmem_cache{,_node}/object_size): struct kmem_cache up
 * to its node[] array, plus one pointer per node; struct kmem_cache_node.
 */
#define KMEM_CACHE_OBJECT_SIZE(nr_nodes)	(224U + 8U * (unsigned int)(nr_nodes))
#define KMEM_CACHE_NODE_OBJECT_SIZE		72U

/* ---- mm/slub.c ---- */

/*
 * get_slabinfo - @s's line of /proc/slabinfo, as Linux computes it: every
 * slab of every node is active; free objects are counted on the node
 * partial lists only (those on CPU slabs count as active).
 */
void get_slabinfo(struct machine *m, struct kmem_cache *s, struct slabinfo *sinfo);

/* count_partial_free_approx - free objects on @n's partial list (sampled past 10000 slabs). */
unsigned long count_partial_free_approx(struct kmem_cache_node *n);
/* count_partial - sum of @get_count(slab) over @n's partial slabs. */
unsigned long count_partial(struct kmem_cache_node *n, int (*get_count)(struct page *));
/* Per-slab counters for count_partial and sysfs. */
int count_free(struct page *slab);
int count_inuse(struct page *slab);
int count_total(struct page *slab);

/*
 * __kmem_cache_create - lay out @s (object_size, align, flags, ctor set)
 * and set up its CPU and node parts.  Returns 0 or -EINVAL (no order
 * fits) / -ENOMEM.
 */
int __kmem_cache_create(struct machine *m, struct kmem_cache *s);

/*
 * __kmem_cache_shutdown - flush and free every slab of @s; returns 0, or 1
 * (with the "Objects remaining" report) when objects are still allocated.
 */
int __kmem_cache_shutdown(struct machine *m, struct kmem_cache *s);

/* __kmem_cache_release - free the host-side parts of @s (not the struct). */
void __kmem_cache_release(struct machine *m, struct kmem_cache *s);

/* __kmem_cache_shrink - flush CPU slabs and discard empty slabs; 0 if none left. */
int __kmem_cache_shrink(struct machine *m, struct kmem_cache *s);

/*
 * __kmem_cache_alias - merge into an existing cache if one fits
 * (find_mergeable); returns it with refcount raised, @name recorded as an
 * alias, or NULL.
 */
struct kmem_cache *__kmem_cache_alias(struct machine *m, const char *name, unsigned int size,
				      unsigned int align, slab_flags_t flags,
				      void (*ctor)(void *));

/* calculate_order - the slab order for slot @size (Linux's, see mm/slub.c). */
int calculate_order(const struct machine *m, unsigned int size);
/* calc_slab_order - smallest order in [min,max] wasting at most 1/@fract. */
unsigned int calc_slab_order(unsigned int size, unsigned int min_order,
			     unsigned int max_order, unsigned int fract_leftover);
/* The effective slub_min_objects (0 -> 4 * (fls(nr_cpu_ids) + 1)). */
unsigned int slub_min_objects(const struct machine *m);

/*
 * slab_free_checked - free @obj (@off bytes into @slab, a slab of @s):
 * checks, then the CPU fast path or __slab_free.  0, or -EINVAL after a
 * report (nothing changed).
 */
int slab_free_checked(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj,
		      unsigned long off, const char *caller);

/*
 * virt_to_slab - the slab (head page) holding @p, or NULL when @p is not
 * in the machine's RAM or not in a slab page; *@off gets @p's offset from
 * the slab's first byte.  Tail pages lead to their head (compound_head).
 */
static inline struct page *virt_to_slab(const struct machine *m, const void *p,
					unsigned long *off)
{
	unsigned long ram_off = (unsigned long)((const unsigned char *)p - m->ram);
	unsigned long pfn = ram_off >> PAGE_SHIFT;	/* from the RAM's start */
	struct page *page, *head;
	uintptr_t h;

	if (unlikely(pfn >= m->max_pfn))
		return NULL;
	page = &m->mem_map[pfn];
	h = (uintptr_t)page->lru.next;
	if (likely(!(h & 1))) {		/* a head (or order-0) page */
		if (unlikely(page->page_type != PGTY_slab))
			return NULL;
		*off = ram_off & (PAGE_SIZE - 1);
		return page;
	}
	head = (struct page *)(h - 1);
	if (unlikely(head->page_type != PGTY_slab))
		return NULL;
	*off = (ram_off & (PAGE_SIZE - 1)) + ((unsigned long)(page - head) << PAGE_SHIFT);
	return head;
}

/* virt_to_slab_checked - virt_to_slab, with *why saying what @p is not. */
struct page *virt_to_slab_checked(struct machine *m, const void *p, const char **why);

/* kmem_cache_flush_cpu - flush @cpu's active and partial slabs of @s. */
void flush_cpu_slab(struct machine *m, struct kmem_cache *s, int cpu);

/* GFP bits a slab allocation must not carry (GFP_SLAB_BUG_MASK). */
#define __GFP_BITS_MASK		((1u << ___GFP_LAST_BIT) - 1)
#define GFP_SLAB_BUG_MASK	(__GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK)
/* kmalloc_fix_flags - warn ("Unexpected gfp: ...") and drop GFP_SLAB_BUG_MASK bits. */
gfp_t kmalloc_fix_flags(struct machine *m, gfp_t flags);

/* ---- mm/slab_common.c ---- */

/* kmalloc index of sizes up to 192 bytes, by (size - 1) / 8 (kmalloc_size_index). */
extern const u8 kmalloc_size_index[24];

/* The kmalloc_info index of @size (1 <= size <= 8 KiB). */
static inline unsigned int kmalloc_index_of(size_t size)
{
	if (size <= 192)
		return kmalloc_size_index[(size - 1) / 8];
	return (unsigned int)(64 - __builtin_clzl(size - 1));	/* fls(size - 1) */
}

/* kmalloc_type: which of the four cache families @flags ask for. */
static inline enum kmalloc_cache_type kmalloc_type(gfp_t flags)
{
	if (likely((flags & (__GFP_RECLAIMABLE | __GFP_DMA | __GFP_ACCOUNT)) == 0))
		return KMALLOC_NORMAL;
	if (flags & __GFP_DMA)
		return KMALLOC_DMA;
	if (flags & __GFP_RECLAIMABLE)
		return KMALLOC_RECLAIM;
	return KMALLOC_CGROUP;
}

/*
 * kmalloc_large_node - a kmalloc above 8 KiB: a compound block of the page
 * allocator, PGTY_large_kmalloc, counted in NR_SLAB_UNRECLAIMABLE_B.
 * NULL (with a warning above KMALLOC_MAX_SIZE) on failure.
 */
void *kmalloc_large_node(struct machine *m, size_t size, gfp_t flags, int node);
/* free_large_kmalloc - kfree of what is not a slab object; -EINVAL + report if bad. */
int free_large_kmalloc(struct machine *m, const void *p);

/* kmalloc_slab - the kmalloc cache for @size under @gfp (size <= 8 KiB). */
struct kmem_cache *kmalloc_slab(struct machine *m, size_t size, gfp_t gfp);
/* create_kmalloc_caches - every kmalloc cache of every type (boot). */
int create_kmalloc_caches(struct machine *m);
/* calculate_alignment - Linux's: HWCACHE_ALIGN, arch minimum, power of 2 rule. */
unsigned int calculate_alignment(slab_flags_t flags, unsigned int align, unsigned int size);
/* create_boot_cache - set up @s without merging (kmem_cache, kmalloc-*). */
int create_boot_cache(struct machine *m, struct kmem_cache *s, const char *name,
		      unsigned int size, slab_flags_t flags, unsigned int useroffset,
		      unsigned int usersize);
/* slab_unmergeable - may nothing be merged into @s? */
bool slab_unmergeable(const struct machine *m, const struct kmem_cache *s);

/* ---- mm/slab_sysfs.c (/sys/kernel/slab) ---- */

/*
 * sysfs_slab_add - create /sys/kernel/slab files for new cache @s (its own
 * name if unmergeable, else its unique id plus the alias @s->name); call
 * once @s's name, size, flags, ctor and refcount are set.  Before
 * slab_sysfs_init (m->slab_state < FULL) does nothing: that init adds
 * every cache then.  Returns 0, -EEXIST (a directory of that name exists),
 * -EINVAL (a name with '/') or -ENOMEM.
 */
int sysfs_slab_add(struct machine *m, struct kmem_cache *s);
/*
 * sysfs_slab_alias - make @name (a cache merged into @s) show @s's files.
 * Before slab_sysfs_init does nothing (it walks s->aliases).  Returns as
 * sysfs_slab_add.
 */
int sysfs_slab_alias(struct machine *m, struct kmem_cache *s, const char *name);
/*
 * sysfs_slab_release - remove every file of @s (its directory and its
 * aliases' copies); call before @s is freed.
 */
void sysfs_slab_release(struct machine *m, struct kmem_cache *s);

/* ---- mm/slub_debug.c ---- */

/*
 * struct track: one owner record of slub_debug's U (SLAB_STORE_USER),
 * stored in the object's metadata in RAM, 32 bytes as Linux's with
 * CONFIG_STACKDEPOT.  @addr is an index into m's caller table (mmsim has
 * no code addresses), 0 = none.
 */
struct track {
	u64 addr;		/* caller id (slub_caller_name) */
	u32 handle;		/* stack depot handle: always 0 (no stacks) */
	s32 cpu;
	s32 pid;
	u32 pad;
	u64 when;		/* jiffies */
};
enum track_item { TRACK_ALLOC, TRACK_FREE };

/* Debug poison and red zone bytes (include/linux/poison.h). */
#define SLUB_RED_INACTIVE	0xbb
#define SLUB_RED_ACTIVE		0xcc
#define POISON_INUSE		0x5a
#define POISON_FREE		0x6b
#define POISON_END		0xa5

/*
 * kmem_cache_flags - the flags of a new cache named @name after the
 * slub_debug= boot option (global and per-cache lists) and the rule that
 * SLAB_NO_USER_FLAGS caches ignore the global option.
 */
slab_flags_t kmem_cache_flags(struct machine *m, slab_flags_t flags, const char *name);
/* setup_slub_debug - parse bp.slub_debug into m->slub_debug* (boot).  0 or -EINVAL. */
int setup_slub_debug(struct machine *m, char *err, size_t errlen);
/* Debug hooks of mm/slub.c: 0 = fine, else the object must not be used. */
void setup_slab_debug(struct machine *m, struct kmem_cache *s, struct page *slab, void *addr);
void init_object(struct machine *m, struct kmem_cache *s, void *object, u8 val);
void init_tracking(struct machine *m, struct kmem_cache *s, void *object);
void set_track(struct machine *m, struct kmem_cache *s, void *object, enum track_item alloc,
	       const char *caller);
bool alloc_debug_processing(struct machine *m, struct kmem_cache *s, struct page *slab,
			    void *object, unsigned int orig_size);
bool free_debug_processing(struct machine *m, struct kmem_cache *s, struct page *slab,
			   void *object, const char *caller);
/* check_object - the red zones and poison of one object; false if damaged (fixed). */
bool check_object(struct machine *m, struct kmem_cache *s, struct page *slab, void *object,
		  u8 val);
/* slab_err / object_err: Linux's BUG reports (text as mm/slub.c prints them). */
void slab_err(struct machine *m, struct kmem_cache *s, struct page *slab, const char *fmt,
	      ...) __printf(4, 5);
void object_err(struct machine *m, struct kmem_cache *s, struct page *slab, void *object,
		const char *reason);
/* print_tracking - the "Allocated in / Freed in" lines of @object. */
void print_tracking(struct machine *m, struct kmem_cache *s, void *object);
/* list_slab_objects - report the objects still allocated in @slab (shutdown). */
void list_slab_objects(struct machine *m, struct kmem_cache *s, struct page *slab);
/* The kmalloc request size kept after the tracks (object_size when not kept). */
unsigned int get_orig_size(const struct kmem_cache *s, const void *object);
void set_orig_size(const struct kmem_cache *s, const void *object, unsigned int size);
/* skip_orig_size_check - after ksize() the whole object may be used. */
void skip_orig_size_check(const struct kmem_cache *s, const void *object);
/* slab_pad_check - the POISON_INUSE bytes after the last object of @slab. */
void slab_pad_check(struct machine *m, struct kmem_cache *s, struct page *slab);
/*
 * report_double_free - a free SLUB itself catches without slub_debug: the
 * object is already the freelist head (CONFIG_SLAB_FREELIST_HARDENED's
 * naive check, an oops in Linux) or the slab has no object in use.
 */
void report_double_free(struct machine *m, struct kmem_cache *s, struct page *slab,
			void *object);
/*
 * report_bad_cache_free - kmem_cache_free(@s, @obj) where @obj is not an
 * object of @s: in another cache (@slab's), or not in a slab (@why).
 */
void report_bad_cache_free(struct machine *m, struct kmem_cache *s, struct page *slab,
			   const void *obj, const char *why);
/*
 * free_checked_already_free - for the checked frees (kfree_checked,
 * kmem_cache_free_checked) of a cache without slub_debug: is @obj, an
 * object start of @slab, already free (on @slab's freelist or, when
 * @slab is a CPU's active slab, that CPU's lockless freelist, or a sheaf)?  If so,
 * logs slub_debug's "Object already free" report and returns true.
 * Walks at most objects-per-slab links per list.
 */
bool free_checked_already_free(struct machine *m, struct kmem_cache *s, struct page *slab,
			       void *obj);
/* Does @s use per-CPU partial slabs (not with slub_debug, as Linux)? */
static inline bool kmem_cache_has_cpu_partial(const struct kmem_cache *s)
{
	return !kmem_cache_debug(s) && !s->machine->bp.slub_sheaves;	/* 7.0: none */
}

/* ---- mm/slub.c: what the files beside it use ---- */

/*
 * build_slab_freelist - chain the objects of new @slab from index @first
 * to the last on slab->freelist, in address order (NULL if none).
 */
void build_slab_freelist(struct kmem_cache *s, struct page *slab, unsigned int first);
/*
 * __new_slab - a new slab for @s from the page allocator (s->oo's order,
 * s->min's when that fails), set up and accounted in the memmap and
 * vmstat but on no list and not in the node's counts (inc_slabs_node is
 * the caller's); with @link its objects are chained on slab->freelist.
 * NULL when the page allocator has nothing.
 */
struct page *__new_slab(struct machine *m, struct kmem_cache *s, gfp_t flags, int node,
			bool link);
/*
 * free_slab - @slab's block back to the page allocator (Linux's
 * __free_slab): consistency checks in a debug cache, vmstat, the memmap's
 * slab fields cleared.  The node's counts are the caller's.
 */
void free_slab(struct machine *m, struct kmem_cache *s, struct page *slab);
/* discard_slab - free_slab of @slab (on no list) and its node counts down. */
void discard_slab(struct machine *m, struct kmem_cache *s, struct page *slab);
/* slab_out_of_memory - Linux's "SLUB: Unable to allocate memory" report, ratelimited. */
void slab_out_of_memory(struct machine *m, struct kmem_cache *s, gfp_t gfp, int nid);
/*
 * __slab_free_bulk - free @cnt objects of @slab, chained from @head to
 * @tail, onto the slab's own freelist with the list moves the state
 * change needs (an empty slab beyond min_partial is freed).  0, or
 * -EINVAL with a double-free report.
 */
int __slab_free_bulk(struct machine *m, struct kmem_cache *s, struct page *slab,
		     void *head, void *tail, unsigned int cnt);
/* __slab_free - __slab_free_bulk of the one object @object. */
int __slab_free(struct machine *m, struct kmem_cache *s, struct page *slab, void *object);
/* invalid_object_free - report a free of @obj, no object start of @slab; -EINVAL. */
int invalid_object_free(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj);
/* bad_cache_free - report a kmem_cache_free of @obj, no object of @s; -EINVAL. */
int bad_cache_free(struct machine *m, struct kmem_cache *s, const void *obj);

/* ---- mm/slub_refill.c: the slab layer under the sheaves (Linux 7.0) ---- */

/*
 * refill_objects - Linux 7.0's refill without a CPU slab: take up to @max
 * free objects into @p from the partial slabs of @node (the current CPU's
 * node for NUMA_NO_NODE), then from new slabs while fewer than @min were
 * found (what a new slab has left goes on the node partial list).
 * Returns how many objects were taken (< @min when memory ran out).
 */
unsigned int refill_objects(struct machine *m, struct kmem_cache *s, void **p, gfp_t gfp,
			    unsigned int min, unsigned int max, int node);
/*
 * __kmem_cache_free_bulk - give @nr objects of @s at @p back to their
 * slabs (__slab_free each; no sheaf).  Bad pointers are reported and
 * skipped.
 */
void __kmem_cache_free_bulk(struct machine *m, struct kmem_cache *s, size_t nr, void **p);
/*
 * slab_alloc_single - one object from the slabs (refill_objects of one),
 * with slab_out_of_memory's report when there is none.  NULL on failure.
 */
void *slab_alloc_single(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node);

/* ---- mm/slub_sheaf.c: per-CPU sheaves and barns (mmsim.slub_sheaves=1) ---- */

/*
 * calculate_sheaf_capacity - Linux 7.0's: 0 for debug and boot caches
 * (SLAB_DEBUG_FLAGS, SLAB_NO_OBJ_EXT, SLAB_NOLEAKTRACE), else 4/12/26/60
 * by slot size, rounded up so the sheaf fills its kmalloc size class.
 */
unsigned int calculate_sheaf_capacity(const struct machine *m, const struct kmem_cache *s);
/*
 * init_cache_sheaves - in sheaves mode give @s its barns and each CPU an
 * empty main sheaf (needs the kmalloc caches: slab_state UP).  0, or
 * -ENOMEM with everything undone.  Does nothing (0) when @s gets none.
 */
int init_cache_sheaves(struct machine *m, struct kmem_cache *s);
/* bootstrap_kmalloc_sheaves - init_cache_sheaves for the caches made before kmalloc worked. */
int bootstrap_kmalloc_sheaves(struct machine *m);
/* pcs_flush_cpu - @cpu's main and spare sheaves of @s back to the slabs (spare freed). */
void pcs_flush_cpu(struct machine *m, struct kmem_cache *s, int cpu);
/* barn_shrink - every sheaf of @barn: full ones flushed, all freed. */
void barn_shrink(struct machine *m, struct kmem_cache *s, struct node_barn *barn);
/* pcs_destroy - free the (flushed) main sheaves and the barns of @s; host parts too. */
void pcs_destroy(struct machine *m, struct kmem_cache *s);
/* pcs_release_host - teardown: free only the host side of @s's sheaves and barns. */
void pcs_release_host(struct kmem_cache *s);
/*
 * sheaf_alloc_slow - allocation when the main sheaf is empty (or @node
 * asked for): __pcs_replace_empty_main (spare, barn, a refilled sheaf),
 * else one object from the slabs.  @nested as kmalloc_sheaf.
 */
void *sheaf_alloc_slow(struct machine *m, struct kmem_cache *s, gfp_t gfp, int node,
		       bool nested);
/*
 * free_to_pcs_slow - free when the main sheaf is full or @slab is remote:
 * __pcs_replace_full_main then push, else free to the slab.  0 or -EINVAL.
 */
int free_to_pcs_slow(struct machine *m, struct kmem_cache *s, struct page *slab, void *obj);
/* sheaf_holds - is @obj in one of @s's sheaves (per-CPU or barn)? For checked frees. */
bool sheaf_holds(const struct machine *m, const struct kmem_cache *s, const void *obj);

/* ---- mm/slub_open.c: kmem_cache_open ---- */

/* init_kmem_cache_node - empty lists and counters for a new node structure. */
void init_kmem_cache_node(struct kmem_cache_node *n);
/*
 * early_kmem_cache_node_alloc (mm/slub.c) - the kmem_cache_node cache's
 * own node structure for @node, taken by hand from a new slab (nothing
 * can allocate it yet), as Linux's boot does.  0 or -ENOMEM.
 */
int early_kmem_cache_node_alloc(struct machine *m, struct kmem_cache *kcn, int node);

/* print_no_hash_pointers_notice - the boot notice slub_debug triggers. */
void print_no_hash_pointers_notice(struct machine *m);
/* validate_slab_cache - /sys/kernel/slab/X/validate: check every object; slabs checked. */
long validate_slab_cache(struct machine *m, struct kmem_cache *s);
/* slub_release_callers - free the caller table (teardown). */
void slub_release_callers(struct machine *m);

#endif
