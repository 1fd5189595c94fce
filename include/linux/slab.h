/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slab allocator's public interface (include/linux/slab.h): cache
 * flags, kmem_cache_* and the kmalloc family.  Everything takes the
 * machine first.  Objects are real bytes in the machine's RAM: the pointer
 * returned is a host pointer into m->ram (the direct map); its kernel
 * virtual address is kva(m, p).
 *
 * Flag values are Linux 6.18's on the host's configuration (x86-64,
 * CONFIG_MEMCG, CONFIG_SLAB_OBJ_EXT, no DEBUG_OBJECTS/FAILSLAB/KASAN/KFENCE,
 * not SLUB_TINY): the bits of enum _slab_flag_bits.
 *
 * Callers are recorded for slub_debug's owner tracking ("Allocated in X"):
 * kmalloc(), kmem_cache_alloc() and friends are macros passing __func__ to
 * the *_caller functions, as Linux's alloc_hooks pass _RET_IP_.
 *
 * Implemented by mm/slab_common.c (cache creation, merging, kmalloc) and
 * mm/slub.c (the allocator).
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include "linux/gfp.h"

struct machine;
struct kmem_cache;

typedef unsigned int slab_flags_t;

enum _slab_flag_bits {
	_SLAB_CONSISTENCY_CHECKS,
	_SLAB_RED_ZONE,
	_SLAB_POISON,
	_SLAB_KMALLOC,
	_SLAB_HWCACHE_ALIGN,
	_SLAB_CACHE_DMA,
	_SLAB_CACHE_DMA32,
	_SLAB_STORE_USER,
	_SLAB_PANIC,
	_SLAB_TYPESAFE_BY_RCU,
	_SLAB_TRACE,
	_SLAB_NOLEAKTRACE,
	_SLAB_NO_MERGE,
	_SLAB_ACCOUNT,
	_SLAB_NO_USER_FLAGS,
	_SLAB_RECLAIM_ACCOUNT,
	_SLAB_OBJECT_POISON,
	_SLAB_CMPXCHG_DOUBLE,
	_SLAB_NO_OBJ_EXT,
	_SLAB_FLAGS_LAST_BIT
};

#define __SLAB_FLAG_BIT(nr)	((slab_flags_t)(1U << (nr)))
#define __SLAB_FLAG_UNUSED	((slab_flags_t)0U)

#define SLAB_CONSISTENCY_CHECKS	__SLAB_FLAG_BIT(_SLAB_CONSISTENCY_CHECKS) /* DEBUG: checks on alloc/free */
#define SLAB_RED_ZONE		__SLAB_FLAG_BIT(_SLAB_RED_ZONE)	/* DEBUG: red zones around objects */
#define SLAB_POISON		__SLAB_FLAG_BIT(_SLAB_POISON)	/* DEBUG: poison free objects */
#define SLAB_KMALLOC		__SLAB_FLAG_BIT(_SLAB_KMALLOC)	/* a kmalloc cache */
#define SLAB_HWCACHE_ALIGN	__SLAB_FLAG_BIT(_SLAB_HWCACHE_ALIGN) /* align objects on cache lines */
#define SLAB_CACHE_DMA		__SLAB_FLAG_BIT(_SLAB_CACHE_DMA)	/* slabs from ZONE_DMA */
#define SLAB_CACHE_DMA32	__SLAB_FLAG_BIT(_SLAB_CACHE_DMA32) /* slabs from ZONE_DMA32 */
#define SLAB_STORE_USER		__SLAB_FLAG_BIT(_SLAB_STORE_USER) /* DEBUG: record alloc/free owner */
#define SLAB_PANIC		__SLAB_FLAG_BIT(_SLAB_PANIC)	/* creation failure is fatal */
#define SLAB_TYPESAFE_BY_RCU	__SLAB_FLAG_BIT(_SLAB_TYPESAFE_BY_RCU) /* slab pages freed after RCU */
#define SLAB_TRACE		__SLAB_FLAG_BIT(_SLAB_TRACE)	/* DEBUG: trace alloc/free */
#define SLAB_DEBUG_OBJECTS	__SLAB_FLAG_UNUSED
#define SLAB_NOLEAKTRACE	__SLAB_FLAG_BIT(_SLAB_NOLEAKTRACE) /* no kmemleak tracing */
#define SLAB_NO_MERGE		__SLAB_FLAG_BIT(_SLAB_NO_MERGE)	/* never merge with another cache */
#define SLAB_FAILSLAB		__SLAB_FLAG_UNUSED
#define SLAB_ACCOUNT		__SLAB_FLAG_BIT(_SLAB_ACCOUNT)	/* charge objects to the memcg */
#define SLAB_KASAN		__SLAB_FLAG_UNUSED
#define SLAB_NO_USER_FLAGS	__SLAB_FLAG_BIT(_SLAB_NO_USER_FLAGS) /* ignore slub_debug for it */
#define SLAB_SKIP_KFENCE	__SLAB_FLAG_UNUSED
#define SLAB_RECLAIM_ACCOUNT	__SLAB_FLAG_BIT(_SLAB_RECLAIM_ACCOUNT) /* reclaimable (SReclaimable) */
#define SLAB_TEMPORARY		SLAB_RECLAIM_ACCOUNT
#define SLAB_NO_OBJ_EXT		__SLAB_FLAG_BIT(_SLAB_NO_OBJ_EXT)
/* Internal SLUB flags (mm/slub.c) */
#define __OBJECT_POISON		__SLAB_FLAG_BIT(_SLAB_OBJECT_POISON)
#define __CMPXCHG_DOUBLE	__SLAB_FLAG_BIT(_SLAB_CMPXCHG_DOUBLE)

/* kmalloc(0) returns this; kfree() accepts it and NULL. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

/* Size classes, as x86-64 Linux 6.18 (4 KiB pages). */
#define ARCH_KMALLOC_MINALIGN	8
#define ARCH_SLAB_MINALIGN	8
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)	/* kmalloc-8k is the largest cache */
#define KMALLOC_SHIFT_MAX	(MAX_PAGE_ORDER + PAGE_SHIFT)
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)	/* 4 MiB */
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)	/* 8 KiB */
#define KMALLOC_MAX_ORDER	(KMALLOC_SHIFT_MAX - PAGE_SHIFT)
#define KMALLOC_MIN_SIZE	(1 << KMALLOC_SHIFT_LOW)

/*
 * kmalloc cache types (CONFIG_ZONE_DMA, CONFIG_MEMCG, no random caches):
 * kmalloc-*, kmalloc-rcl-* (__GFP_RECLAIMABLE), dma-kmalloc-* (__GFP_DMA),
 * kmalloc-cg-* (__GFP_ACCOUNT).
 */
enum kmalloc_cache_type {
	KMALLOC_NORMAL = 0,
	KMALLOC_RANDOM_START = KMALLOC_NORMAL,
	KMALLOC_RANDOM_END = KMALLOC_RANDOM_START,
	KMALLOC_RECLAIM,
	KMALLOC_DMA,
	KMALLOC_CGROUP,
	NR_KMALLOC_TYPES
};

/* ---- caches (mm/slab_common.c, mm/slub.c) ---- */

/*
 * kmem_cache_create - a cache of @size-byte objects named @name (copied),
 * aligned to @align (0: the default, ARCH_SLAB_MINALIGN; SLAB_HWCACHE_ALIGN
 * raises it to the cache line for objects larger than half a line), with
 * @flags (SLAB_*) and an optional constructor run once per object when its
 * slab is created.  May return an existing compatible cache (merging; its
 * refcount goes up and @name becomes an alias) unless slab_nomerge.
 * Returns NULL (and logs "kmem_cache_create(NAME) failed with error N")
 * for an empty or duplicate-free-invalid name, a size of 0 or above
 * KMALLOC_MAX_SIZE, flags outside SLAB_FLAGS_PERMITTED, or no memory.
 * With SLAB_PANIC a failure is logged as Linux's panic text and NULL is
 * still returned (mmsim does not stop).
 */
struct kmem_cache *kmem_cache_create(struct machine *m, const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));

/*
 * kmem_cache_find - the cache named @name, or whose alias @name is
 * (a merged cache), or NULL.  mmsim's lookup for the actor and /sys.
 */
struct kmem_cache *kmem_cache_find(struct machine *m, const char *name);

/*
 * kmem_cache_destroy - drop one reference to @s; the last one frees every
 * empty slab and the cache.  If objects remain, logs Linux's "Objects
 * remaining in NAME on __kmem_cache_shutdown()" report and the warning,
 * and the cache is unlinked but kept (its slabs stay allocated), as
 * Linux does.  NULL is ignored; a kmalloc cache or SLUB's own is refused
 * with a WARNING (Linux would destroy it and crash later).
 */
void kmem_cache_destroy_caller(struct machine *m, struct kmem_cache *s, const char *caller);
#define kmem_cache_destroy(m, s) kmem_cache_destroy_caller(m, s, __func__)

/*
 * kmem_cache_shrink - flush every CPU's slab and partial list of @s and
 * free its empty slabs (min_partial does not apply).  Returns 0 when @s
 * holds no slab afterwards, 1 when some remain.
 */
int kmem_cache_shrink(struct machine *m, struct kmem_cache *s);

/*
 * kmem_cache_alloc_node_caller - one object of @s, preferably from @node
 * (NUMA_NO_NODE: the current CPU's), @caller recorded for slub_debug's
 * owner tracking.  __GFP_ZERO zeroes it.  Returns NULL when the page
 * allocator fails (with Linux's "SLUB: Unable to allocate memory" report
 * unless __GFP_NOWARN) or @s is NULL.
 */
void *kmem_cache_alloc_node_caller(struct machine *m, struct kmem_cache *s, gfp_t gfp,
				   int node, const char *caller);
#define kmem_cache_alloc(m, s, gfp) \
	kmem_cache_alloc_node_caller(m, s, gfp, NUMA_NO_NODE, __func__)
#define kmem_cache_alloc_node(m, s, gfp, node) \
	kmem_cache_alloc_node_caller(m, s, gfp, node, __func__)

/*
 * kmem_cache_free_caller - free @obj to @s.  A pointer that is not an
 * allocated object of @s (not in a slab, another cache's, not an object
 * start, a double free SLUB detects) is reported in the kernel log and
 * nothing changes: returns -EINVAL.  NULL is ignored (0).
 */
int kmem_cache_free_caller(struct machine *m, struct kmem_cache *s, const void *obj,
			   const char *caller);
#define kmem_cache_free(m, s, obj) ((void)kmem_cache_free_caller(m, s, obj, __func__))
/*
 * kmem_cache_free_checked_caller - kmem_cache_free_caller that first makes
 * sure @obj is not already free, even without slub_debug (mmsim's kernel
 * actor: a double free is reported, never a corrupt freelist): an object
 * already free is reported as slub_debug's "Object already free" and
 * refused with -EINVAL.  Costs a walk of the slab's freelists.
 */
int kmem_cache_free_checked_caller(struct machine *m, struct kmem_cache *s, const void *obj,
				   const char *caller);
#define kmem_cache_free_checked(m, s, obj) kmem_cache_free_checked_caller(m, s, obj, __func__)

/*
 * kmem_cache_serial - @s's serial, unique among the machine's caches
 * ever created (a destroyed cache's serial is never reused).
 */
u64 kmem_cache_serial(const struct kmem_cache *s);
/*
 * kmem_cache_alive - is @s, with serial @serial, still a cache of @m (live,
 * or leaked by a destroy with objects left)?  Never dereferences @s unless
 * it is on one of the machine's lists, so a stale pointer is safe to ask about.
 */
bool kmem_cache_alive(struct machine *m, const struct kmem_cache *s, u64 serial);

/*
 * slab_obj_check_live - for the kernel actor: if @p lies in a slab, it
 * must be an object start that is not free; otherwise the log gets the
 * report kfree_checked would give and -EINVAL is returned.  0 for a live
 * object or an address outside every slab (the caller checks those).
 */
int slab_obj_check_live(struct machine *m, const void *p);

/* ---- kmalloc (mm/slab_common.c) ---- */

/*
 * __kmalloc_node_track_caller - @size bytes from the kmalloc cache of the
 * type @gfp selects (normal, rcl, dma, cg), or above 8 KiB straight from
 * the page allocator as a compound page (counted in NR_SLAB_UNRECLAIMABLE_B
 * as Linux 6.18 does).  size 0 returns ZERO_SIZE_PTR; above
 * KMALLOC_MAX_SIZE it warns and returns NULL.  NULL on failure.
 */
void *__kmalloc_node_track_caller(struct machine *m, size_t size, gfp_t gfp, int node,
				  const char *caller);
#define kmalloc(m, size, gfp) \
	__kmalloc_node_track_caller(m, size, gfp, NUMA_NO_NODE, __func__)
#define kmalloc_node(m, size, gfp, node) \
	__kmalloc_node_track_caller(m, size, gfp, node, __func__)
#define kzalloc(m, size, gfp) \
	__kmalloc_node_track_caller(m, size, (gfp) | __GFP_ZERO, NUMA_NO_NODE, __func__)

/* kcalloc - zeroed @n * @size bytes; NULL if the product overflows. */
void *kcalloc_caller(struct machine *m, size_t n, size_t size, gfp_t gfp, const char *caller);
#define kcalloc(m, n, size, gfp) kcalloc_caller(m, n, size, gfp, __func__)

/*
 * krealloc - resize @p to @new_size: in place when ksize(p) suffices (the
 * bytes past the new size up to the old are zeroed when __GFP_ZERO),
 * otherwise a new object with the old contents copied and @p freed.
 * @p NULL acts as kmalloc; @new_size 0 frees @p and returns ZERO_SIZE_PTR.
 * On failure returns NULL and @p is untouched.
 */
void *krealloc_caller(struct machine *m, const void *p, size_t new_size, gfp_t gfp,
		      const char *caller);
#define krealloc(m, p, size, gfp) krealloc_caller(m, p, size, gfp, __func__)
/*
 * krealloc_checked_caller - krealloc_caller for the kernel actor: @p (not
 * NULL) must be a live allocation, a slab object (slab_obj_check_live) or
 * a large kmalloc's first byte; otherwise it is reported, *@err is
 * -EINVAL and NULL returned.  On an allocation failure *@err is -ENOMEM,
 * NULL returned and @p untouched.  *@err is 0 on success.
 */
void *krealloc_checked_caller(struct machine *m, const void *p, size_t new_size, gfp_t gfp,
			      const char *caller, int *err);

/*
 * kfree_caller - free a kmalloc'd @p (or any slab object: kfree finds the
 * cache).  NULL and ZERO_SIZE_PTR are ignored (0).  A bad pointer is
 * reported in the kernel log and nothing changes: -EINVAL.
 */
int kfree_caller(struct machine *m, const void *p, const char *caller);
#define kfree(m, p) ((void)kfree_caller(m, p, __func__))
/* kfree_checked_caller - kfree_caller with kmem_cache_free_checked's check. */
int kfree_checked_caller(struct machine *m, const void *p, const char *caller);
#define kfree_checked(m, p) kfree_checked_caller(m, p, __func__)

/*
 * ksize - usable bytes of the allocation at @p (the slot size of its
 * cache, object_size under red zoning/poisoning, PAGE_SIZE << order for
 * large kmalloc); 0 for NULL/ZERO_SIZE_PTR or a bad pointer.
 */
size_t ksize(struct machine *m, const void *p);

/* kmalloc_size_roundup - the size kmalloc would really give for @size. */
size_t kmalloc_size_roundup(size_t size);

/* ---- boot, validation (mm/slub.c) ---- */

/*
 * kmem_cache_init - bootstrap SLUB on a machine whose page allocator is
 * up: the kmem_cache and kmem_cache_node caches, then every kmalloc cache,
 * and the "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=N, Nodes=N"
 * line.  Applies slub_debug= / slab_nomerge / slub_*_order= from m->bp.
 * Returns 0 or -ENOMEM.
 */
int kmem_cache_init(struct machine *m);

/*
 * kmem_cache_release_all - free every cache's host-side structures at
 * machine teardown (the simulated pages go with the machine's RAM).
 */
void kmem_cache_release_all(struct machine *m);

/*
 * validate_slab_caches - check every slab of every cache: freelists
 * (bounded, inside the slab, no object twice, count == objects - inuse),
 * list membership against state, per-node counts, and that the slab pages
 * of all caches plus large kmalloc pages equal NR_SLAB_*_B on each node.
 * Returns 0, or -EUCLEAN with the first problem in @err.
 */
int validate_slab_caches(struct machine *m, char *err, size_t len);

#endif
