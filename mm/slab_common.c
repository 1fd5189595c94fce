// SPDX-License-Identifier: GPL-2.0-only
/*
 * The allocator-independent half of the slab layer (mm/slab_common.c):
 * kmem_cache_create with Linux's checks, cache merging (find_mergeable,
 * slab_nomerge), kmem_cache_destroy/shrink, the kmalloc size classes and
 * their four types (kmalloc-, kmalloc-rcl-, dma-kmalloc-, kmalloc-cg-),
 * kmalloc/kcalloc/krealloc/kfree/ksize, and large kmalloc (> 8 KiB)
 * straight from the page allocator, counted in NR_SLAB_UNRECLAIMABLE_B as
 * Linux 6.18's ___kmalloc_large_node counts it.
 *
 * Leaves out: kmem_buckets (only the kmalloc_buckets cache exists, empty),
 * random kmalloc caches (off on Debian), kfree_rcu, usercopy hardening
 * checks, memcg charging (kmalloc-cg-* are separate caches, uncharged).
 * Called by every kernel object of the model and the kernel actor.
 */
#include <stdlib.h>
#include <string.h>
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "linux/bug.h"
#include "slab.h"

#define INIT_KMALLOC_INFO(__size, __short)		\
	{ .name = { "kmalloc-" #__short, "kmalloc-rcl-" #__short,	\
		    "dma-kmalloc-" #__short, "kmalloc-cg-" #__short },	\
	  .size = __size }

/* Index: 1 = 96, 2 = 192, i >= 3 = 2^i bytes. */
const struct kmalloc_info_struct kmalloc_info[KMALLOC_SHIFT_HIGH + 1] = {
	{ .name = { NULL }, .size = 0 },
	INIT_KMALLOC_INFO(96, 96),
	INIT_KMALLOC_INFO(192, 192),
	INIT_KMALLOC_INFO(8, 8),
	INIT_KMALLOC_INFO(16, 16),
	INIT_KMALLOC_INFO(32, 32),
	INIT_KMALLOC_INFO(64, 64),
	INIT_KMALLOC_INFO(128, 128),
	INIT_KMALLOC_INFO(256, 256),
	INIT_KMALLOC_INFO(512, 512),
	INIT_KMALLOC_INFO(1024, 1k),
	INIT_KMALLOC_INFO(2048, 2k),
	INIT_KMALLOC_INFO(4096, 4k),
	INIT_KMALLOC_INFO(8192, 8k),
};

/* kmalloc index of sizes up to 192 bytes, by (size - 1) / 8. */
const u8 kmalloc_size_index[24] = {
	3, 4, 5, 5, 6, 6, 6, 6,		/* 8 .. 64 */
	1, 1, 1, 1, 7, 7, 7, 7,		/* 72 .. 128: 96 then 128 */
	2, 2, 2, 2, 2, 2, 2, 2,		/* 136 .. 192 */
};

/* sizeof(kmem_buckets): one cache pointer per kmalloc index. */
#define KMEM_BUCKETS_SIZE	((KMALLOC_SHIFT_HIGH + 1) * 8U)

struct kmem_cache *kmalloc_slab(struct machine *m, size_t size, gfp_t gfp)
{
	return m->kmalloc_caches[kmalloc_type(gfp)][kmalloc_index_of(size)];
}

size_t kmalloc_size_roundup(size_t size)
{
	if (size && size <= KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_info[kmalloc_index_of(size)].size;
	if (size && size <= KMALLOC_MAX_SIZE)
		return PAGE_SIZE << slab_get_order(size);
	return size;
}

unsigned int calculate_alignment(slab_flags_t flags, unsigned int align, unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = cache_line_size();

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, (unsigned int)ARCH_SLAB_MINALIGN);
	return ALIGN(align, (unsigned int)sizeof(void *));
}

/* ---- merging ---- */

bool slab_unmergeable(const struct machine *m, const struct kmem_cache *s)
{
	if (m->bp.slab_nomerge || (s->flags & SLAB_NEVER_MERGE))
		return true;
	if (s->ctor)
		return true;
	if (s->usersize)		/* CONFIG_HARDENED_USERCOPY */
		return true;
	return s->refcount < 0;		/* boot caches before they are up */
}

/*
 * find_mergeable - the oldest cache a new one of @size/@align/@flags can
 * share: no ctor, no SLAB_NEVER_MERGE flag on either side, the same
 * SLAB_MERGE_SAME flags, a slot at least as large, compatible alignment,
 * and less than a word wasted.
 */
static struct kmem_cache *find_mergeable(struct machine *m, unsigned int size, unsigned int align,
					 slab_flags_t flags, const char *name,
					 void (*ctor)(void *))
{
	if (m->bp.slab_nomerge || ctor)
		return NULL;
	flags = kmem_cache_flags(m, flags, name);
	if (flags & SLAB_NEVER_MERGE)
		return NULL;
	size = ALIGN(size, (unsigned int)sizeof(void *));
	align = calculate_alignment(flags, align, size);
	size = ALIGN(size, align);
	for (struct list_head *l = m->slab_caches.prev; l != &m->slab_caches; l = l->prev) {
		struct kmem_cache *s = list_entry(l, struct kmem_cache, list);

		if (slab_unmergeable(m, s))
			continue;
		if (size > s->size)
			continue;
		if ((flags & SLAB_MERGE_SAME) != (s->flags & SLAB_MERGE_SAME))
			continue;
		if ((s->size & ~(align - 1)) != s->size)
			continue;
		if (s->size - size >= sizeof(void *))
			continue;
		return s;
	}
	return NULL;
}

struct kmem_cache *__kmem_cache_alias(struct machine *m, const char *name, unsigned int size,
				      unsigned int align, slab_flags_t flags,
				      void (*ctor)(void *))
{
	struct kmem_cache *s = find_mergeable(m, size, align, flags, name, ctor);
	struct kmem_cache_alias *a;

	if (!s)
		return NULL;
	a = malloc(sizeof(*a) + strlen(name) + 1);
	if (a) {
		strcpy(a->name, name);
		list_add_tail(&a->list, &s->aliases);
	}
	if (!a || sysfs_slab_alias(m, s, name))
		pr_err(m, "SLUB: Unable to add cache alias %s to sysfs", name);
	s->refcount++;
	/* Objects of the merged cache are cleared in full by kzalloc. */
	s->object_size = max(s->object_size, size);
	s->inuse = max(s->inuse, ALIGN(size, (unsigned int)sizeof(void *)));
	return s;
}

/* ---- creating and destroying caches ---- */

struct kmem_cache *kmem_cache_find(struct machine *m, const char *name)
{
	struct kmem_cache *s;
	struct kmem_cache_alias *a;

	if (!name || !m->slab_caches.next)
		return NULL;
	list_for_each_entry(s, &m->slab_caches, list)
		if (!strcmp(s->name, name))
			return s;
	list_for_each_entry(s, &m->slab_caches, list)
		list_for_each_entry(a, &s->aliases, list)
			if (!strcmp(a->name, name))
				return s;
	return NULL;
}

/* Fill in a zeroed @s and lay it out (create_cache / create_boot_cache). */
static int setup_cache(struct machine *m, struct kmem_cache *s, const char *name,
		       unsigned int size, unsigned int align, slab_flags_t flags,
		       void (*ctor)(void *), unsigned int useroffset, unsigned int usersize)
{
	s->name = strdup(name);
	if (!s->name)
		return -ENOMEM;
	s->object_size = s->size = size;
	s->align = align;
	s->flags = flags;
	s->ctor = ctor;
	s->useroffset = useroffset;
	s->usersize = usersize;
	return __kmem_cache_create(m, s);
}

/* Undo a failed setup_cache (nothing allocated from @s yet). */
static void unsetup_cache(struct machine *m, struct kmem_cache *s)
{
	__kmem_cache_release(m, s);
	free((char *)s->name);
	s->name = NULL;
}

int create_boot_cache(struct machine *m, struct kmem_cache *s, const char *name,
		      unsigned int size, slab_flags_t flags, unsigned int useroffset,
		      unsigned int usersize)
{
	unsigned int align = ARCH_KMALLOC_MINALIGN;
	int err;

	/* kmalloc objects are aligned to the largest power of 2 dividing the size. */
	if (flags & SLAB_KMALLOC)
		align = max(align, 1U << __builtin_ctz(size));
	align = calculate_alignment(flags, align, size);
	err = setup_cache(m, s, name, size, align, flags, NULL, useroffset, usersize);
	if (err) {
		pr_emerg(m, "Kernel panic - not syncing: Creation of kmalloc slab %s size=%u failed. Reason %d",
			 name, size, err);
		return err;
	}
	s->refcount = -1;	/* exempt from merging for now */
	return 0;
}

static struct kmem_cache *create_cache(struct machine *m, const char *name, unsigned int size,
				       unsigned int align, slab_flags_t flags,
				       void (*ctor)(void *), int *err)
{
	struct kmem_cache *s = calloc(1, sizeof(*s));

	*err = -ENOMEM;
	if (!s)
		return NULL;
	s->kobj = kmem_cache_alloc(m, m->kmem_cache, GFP_KERNEL | __GFP_ZERO);
	if (!s->kobj) {
		free(s);
		return NULL;
	}
	*err = setup_cache(m, s, name, size, align, flags, ctor, 0, 0);
	if (*err) {
		unsetup_cache(m, s);
		kmem_cache_free(m, m->kmem_cache, s->kobj);
		free(s);
		return NULL;
	}
	s->refcount = 1;
	s->serial = ++m->slab_cache_serial;
	list_add(&s->list, &m->slab_caches);
	*err = sysfs_slab_add(m, s);
	if (*err) {
		list_del(&s->list);
		sysfs_slab_release(m, s);
		unsetup_cache(m, s);
		kmem_cache_free(m, m->kmem_cache, s->kobj);
		free(s);
		return NULL;
	}
	return s;
}

/* Linux checks these only with CONFIG_DEBUG_VM; mmsim always does. */
static bool kmem_cache_sane(const char *name, unsigned int size)
{
	if (!name || !*name || size == 0 || size > KMALLOC_MAX_SIZE)
		return false;
	for (const char *c = name; *c; c++)
		if (*c == ' ' || *c == '\t' || *c == '\n')
			return false;	/* would break /proc/slabinfo */
	return true;
}

struct kmem_cache *kmem_cache_create(struct machine *m, const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	int err = 0;

	if (m->slab_state < UP) {
		err = -EBUSY;
	} else if (!kmem_cache_sane(name, size)) {
		pr_err(m, "kmem_cache_create(%s) integrity check failed", name ? name : "(null)");
		err = -EINVAL;
	} else if (flags & ~SLAB_FLAGS_PERMITTED) {
		err = -EINVAL;
	} else if (kmem_cache_find(m, name)) {
		err = -EEXIST;		/* sysfs would refuse the name */
	}
	if (!err) {
		flags &= SLAB_FLAGS_PERMITTED;
		s = __kmem_cache_alias(m, name, size, align, flags, ctor);
		if (!s)
			s = create_cache(m, name, size, calculate_alignment(flags, align, size),
					 flags, ctor, &err);
	}
	if (err) {
		if (flags & SLAB_PANIC)
			pr_emerg(m, "Kernel panic - not syncing: __kmem_cache_create_args: Failed to create slab '%s'. Error %d",
				 name ? name : "(null)", err);
		else
			pr_warn(m, "__kmem_cache_create_args(%s) failed with error %d",
				name ? name : "(null)", err);
		return NULL;
	}
	return s;
}

void kmem_cache_destroy_caller(struct machine *m, struct kmem_cache *s, const char *caller)
{
	int err;

	if (!s)
		return;
	if ((s->flags & SLAB_KMALLOC) || s == m->kmem_cache || s == m->kmem_cache_node) {
		/* Linux would destroy it and crash on the next kmalloc. */
		WARN(m, 1,
			  "kmem_cache_destroy %s: a boot cache cannot be destroyed (called from %s)",
			  s->name, caller);
		return;
	}
	if (--s->refcount > 0)
		return;
	err = __kmem_cache_shutdown(m, s);
	list_del(&s->list);
	sysfs_slab_release(m, s);
	if (err) {
		WARN(m, 1,
			  "kmem_cache_destroy %s: Slab cache still has objects when called from %s",
			  s->name, caller);
		list_add(&s->list, &m->slab_leaked);	/* kept, as Linux keeps it */
		return;
	}
	__kmem_cache_release(m, s);
	if (s->kobj)
		kmem_cache_free(m, m->kmem_cache, s->kobj);
	free((char *)s->name);
	free(s);
}

u64 kmem_cache_serial(const struct kmem_cache *s)
{
	return s->serial;
}

bool kmem_cache_alive(struct machine *m, const struct kmem_cache *s, u64 serial)
{
	struct kmem_cache *t;

	list_for_each_entry(t, &m->slab_caches, list)
		if (t == s)
			return t->serial == serial;
	list_for_each_entry(t, &m->slab_leaked, list)
		if (t == s)
			return t->serial == serial;
	return false;
}

int kmem_cache_shrink(struct machine *m, struct kmem_cache *s)
{
	if (!s)
		return 0;
	return __kmem_cache_shrink(m, s);
}

/* ---- the kmalloc caches ---- */

static struct kmem_cache *create_kmalloc_cache(struct machine *m, const char *name,
					       unsigned int size, slab_flags_t flags)
{
	struct kmem_cache *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->kobj = kmem_cache_alloc(m, m->kmem_cache, GFP_NOWAIT | __GFP_ZERO);
	if (!s->kobj || create_boot_cache(m, s, name, size, flags | SLAB_KMALLOC, 0, size)) {
		if (s->kobj)
			kmem_cache_free(m, m->kmem_cache, s->kobj);
		free(s);
		return NULL;
	}
	list_add(&s->list, &m->slab_caches);
	s->serial = ++m->slab_cache_serial;
	s->refcount = 1;
	return s;
}

static int new_kmalloc_cache(struct machine *m, unsigned int idx, enum kmalloc_cache_type type)
{
	slab_flags_t flags = 0;

	if (type == KMALLOC_RECLAIM)
		flags |= SLAB_RECLAIM_ACCOUNT;
	else if (type == KMALLOC_CGROUP)
		flags |= SLAB_ACCOUNT;
	else if (type == KMALLOC_DMA)
		flags |= SLAB_CACHE_DMA;
	if (type == KMALLOC_NORMAL)
		flags |= SLAB_NO_MERGE;		/* CONFIG_MEMCG */
	m->kmalloc_caches[type][idx] = create_kmalloc_cache(m, kmalloc_info[idx].name[type],
							    kmalloc_info[idx].size, flags);
	return m->kmalloc_caches[type][idx] ? 0 : -ENOMEM;
}

int create_kmalloc_caches(struct machine *m)
{
	for (int type = KMALLOC_NORMAL; type < NR_KMALLOC_TYPES; type++) {
		/* 96 and 192 first, then the powers of two, as Linux. */
		if (new_kmalloc_cache(m, 1, type) || new_kmalloc_cache(m, 2, type))
			return -ENOMEM;
		for (unsigned int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++)
			if (!m->kmalloc_caches[type][i] && new_kmalloc_cache(m, i, type))
				return -ENOMEM;
	}
	m->slab_state = UP;
	/* CONFIG_SLAB_BUCKETS */
	if (!kmem_cache_create(m, "kmalloc_buckets", KMEM_BUCKETS_SIZE, 0, SLAB_NO_MERGE, NULL))
		return -ENOMEM;
	return 0;
}

/* ---- kmalloc ---- */

void *kmalloc_large_node(struct machine *m, size_t size, gfp_t flags, int node)
{
	unsigned int order = (unsigned int)slab_get_order(size);
	struct page *page;

	if (order > MAX_PAGE_ORDER) {
		/* WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER, gfp) in __alloc_frozen_pages */
		if (!(flags & __GFP_NOWARN))
			WARN_ON_ONCE_FLAG(m, 1, m->warned_kmalloc_order);
		return NULL;
	}
	if (unlikely(flags & GFP_SLAB_BUG_MASK))
		flags = kmalloc_fix_flags(m, flags);
	if (node != NUMA_NO_NODE && (node < 0 || node >= m->nr_node_ids))
		node = NUMA_NO_NODE;
	page = __alloc_pages(m, flags | __GFP_COMP, order, node);
	if (!page)
		return NULL;
	page->page_type = PGTY_large_kmalloc;
	mod_node_page_state(NODE_DATA(m, page->nid), NR_SLAB_UNRECLAIMABLE_B, 1L << order);
	m->large_kmalloc_pages[page->nid] += 1UL << order;
	return page_address(m, page);
}

void *kcalloc_caller(struct machine *m, size_t n, size_t size, gfp_t gfp, const char *caller)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __kmalloc_node_track_caller(m, bytes, gfp | __GFP_ZERO, NUMA_NO_NODE, caller);
}

/* The large kmalloc block starting at @p, or NULL. */
static struct page *large_kmalloc_page(struct machine *m, const void *p)
{
	unsigned long off = (unsigned long)((const unsigned char *)p - m->ram);
	struct page *page;

	if ((const unsigned char *)p < m->ram || off >= (m->max_pfn << PAGE_SHIFT) ||
	    (off & (PAGE_SIZE - 1)))
		return NULL;
	page = pfn_to_page(m, off >> PAGE_SHIFT);
	return page->page_type == PGTY_large_kmalloc ? page : NULL;
}

int free_large_kmalloc(struct machine *m, const void *p)
{
	struct page *page = large_kmalloc_page(m, p);
	unsigned int order;

	if (!page) {
		report_bad_cache_free(m, NULL, NULL, p, "Not a kmalloc allocation");
		return -EINVAL;
	}
	order = page->alloc_order;
	mod_node_page_state(NODE_DATA(m, page->nid), NR_SLAB_UNRECLAIMABLE_B, -(1L << order));
	m->large_kmalloc_pages[page->nid] -= 1UL << order;
	page->page_type = PGTY_none;
	__free_pages(m, page, order);
	return 0;
}

/* slab_ksize: what the caller may really use of an object of @s. */
static size_t slab_ksize(const struct kmem_cache *s)
{
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON))
		return s->object_size;
	if (s->flags & (SLAB_TYPESAFE_BY_RCU | SLAB_STORE_USER))
		return s->inuse;
	return s->size;
}

void *krealloc_checked_caller(struct machine *m, const void *p, size_t new_size, gfp_t gfp,
			      const char *caller, int *err)
{
	const char *why;
	void *ret;

	*err = -EINVAL;
	if (!virt_to_slab_checked(m, p, &why) && !large_kmalloc_page(m, p)) {
		report_bad_cache_free(m, NULL, NULL, p, "Not a kmalloc allocation");
		return NULL;
	}
	if (slab_obj_check_live(m, p))
		return NULL;
	ret = krealloc_caller(m, p, new_size, gfp, caller);
	*err = ret ? 0 : -ENOMEM;
	return ret;
}

size_t ksize(struct machine *m, const void *p)
{
	const char *why;
	struct page *slab, *page;

	if (ZERO_OR_NULL_PTR(p))
		return 0;
	slab = virt_to_slab_checked(m, p, &why);
	if (slab) {
		skip_orig_size_check(slab->slab_cache, p);
		return slab_ksize(slab->slab_cache);
	}
	page = large_kmalloc_page(m, p);
	return page ? PAGE_SIZE << page->alloc_order : 0;
}

void *krealloc_caller(struct machine *m, const void *p, size_t new_size, gfp_t gfp,
		      const char *caller)
{
	struct kmem_cache *s = NULL;
	size_t ks = 0, orig_size = 0;
	void *ret;

	if (unlikely(!new_size)) {
		kfree_caller(m, p, caller);
		return ZERO_SIZE_PTR;
	}
	if (!ZERO_OR_NULL_PTR(p)) {
		const char *why;
		struct page *slab = virt_to_slab_checked(m, p, &why), *page;

		if (slab) {
			s = slab->slab_cache;
			orig_size = get_orig_size(s, p);
			ks = s->object_size;
		} else if ((page = large_kmalloc_page(m, p))) {
			ks = PAGE_SIZE << page->alloc_order;
		} else {
			report_bad_cache_free(m, NULL, NULL, p, "Not a kmalloc allocation");
			return NULL;
		}
		if (new_size <= ks) {
			/* In place: zero the spare bytes for __GFP_ZERO. */
			if (gfp & __GFP_ZERO) {
				if (orig_size && orig_size < new_size)
					memset((char *)p + orig_size, 0, new_size - orig_size);
				else
					memset((char *)p + new_size, 0, ks - new_size);
			}
			if (s && slub_debug_orig_size(s)) {
				set_orig_size(s, p, (unsigned int)new_size);
				if ((s->flags & SLAB_RED_ZONE) && new_size < ks)
					memset((char *)p + new_size, SLUB_RED_ACTIVE, ks - new_size);
			}
			return (void *)p;
		}
	}
	ret = __kmalloc_node_track_caller(m, new_size, gfp, NUMA_NO_NODE, caller);
	if (ret && !ZERO_OR_NULL_PTR(p)) {
		memcpy(ret, p, orig_size ? orig_size : ks);
		kfree_caller(m, p, caller);
	}
	return ret;
}
