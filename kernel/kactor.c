// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel actor: what a test module loaded into the machine would do -
 * call the kernel's allocators directly: alloc_pages_node(), __free_pages()
 * and drain_all_pages(); kmalloc_node() and kfree(); kmem_cache_create()
 * and the cache calls; vmalloc() and vfree(); and, as a buggy module,
 * store stray bytes anywhere in simulated kernel memory (past an object's
 * end, into a freed object).  It also keeps "reclaimable groups": objects
 * handed to a shrinker of its own, so drop_caches and reclaim free them.
 * It checks its arguments (order, node, CPU, GFP text, cache flags) so that
 * bad input is an error message, never a crash, runs on the requested CPU,
 * and is named "kactor" in whatever the kernel logs meanwhile (failure
 * reports, bad page reports, slub_debug's owner tracking).
 *
 * Objects are named by kernel virtual address (direct map for slab
 * objects, the vmalloc range for vmalloc areas); the actor's host-side
 * state (its caches by name, its groups, what it owns) hangs off m->kactor.
 *
 * The actor frees and writes only what is its own (kernel/kactor_guard.c):
 * a free of an object it owns is the plain free (no freelist walk); a free
 * of something already free gets SLUB's double-free report as before; a
 * free of a live object it does not own (a dangling pointer to memory the
 * kernel reused, a raw address of a task_struct) is refused with -EBUSY
 * and a "kactor:" line in the kernel log; a write that would touch the
 * kernel's own structures is refused with -EPERM, nothing written.
 * Callers: tools/mmsim (the "kernel:" commands), tests.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mmsim.h"
#include "asm/page.h"
#include "asm/pgtable.h"
#include "linux/kactor.h"
#include "linux/mm.h"
#include "linux/shrinker.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"

/* Run as "kactor" on @cpu; the previous task and CPU are saved in @save. */
struct kactor_save {
	int cpu;
	char comm[sizeof(((struct machine *)0)->current_comm)];
};

static void kactor_enter(struct machine *m, int cpu, struct kactor_save *save)
{
	save->cpu = m->current_cpu;
	memcpy(save->comm, m->current_comm, sizeof(save->comm));
	if (cpu >= 0)
		m->current_cpu = cpu;
	enter_lazy_tlb(m, m->current_cpu);	/* a kernel thread: lazy TLB */
	snprintf(m->current_comm, sizeof(m->current_comm), "kactor");
}

static void kactor_leave(struct machine *m, const struct kactor_save *save)
{
	m->current_cpu = save->cpu;
	memcpy(m->current_comm, save->comm, sizeof(save->comm));
}

#define EINVAL_MSG(...)	(snprintf(err, errlen, __VA_ARGS__), -EINVAL)

/* Check the text GFP flags and node of an allocation; 0 or -EINVAL. */
static int kactor_parse_gfp(struct machine *m, const char *gfp_text, int nid, gfp_t *gfp,
			    char *err, size_t errlen)
{
	char bad[64];

	*gfp = GFP_KERNEL;
	if (nid != NUMA_NO_NODE && (nid < 0 || nid >= m->nr_node_ids || !NODE_DATA(m, nid)))
		return EINVAL_MSG("node %d does not exist (expected 0 to %d)", nid,
				  m->nr_node_ids - 1);
	if (gfp_text && gfp_parse(gfp_text, gfp, bad, sizeof(bad)))
		return EINVAL_MSG("unknown GFP flag \"%s\" (expected names such as GFP_KERNEL|__GFP_ZERO, or a 0x value)",
				  bad);
	if (gfp_zone_bad(*gfp))
		return EINVAL_MSG("GFP flags ask for more than one of __GFP_DMA, __GFP_DMA32 and __GFP_HIGHMEM (expected at most one zone modifier)");
	return 0;
}

int mmsim_alloc_pages(struct machine *m, unsigned int order, const char *gfp_text,
		      int nid, int cpu, unsigned long *pfn, char *err, size_t errlen)
{
	struct kactor_save save;
	struct page *page;
	char dummy[1];
	gfp_t gfp;
	int ret;

	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (order > MAX_PAGE_ORDER)
		return EINVAL_MSG("order %u is out of range (expected 0 to %d)", order,
				  MAX_PAGE_ORDER);
	ret = kactor_parse_gfp(m, gfp_text, nid, &gfp, err, errlen);
	if (ret)
		return ret;
	if (cpu != -1 && (cpu < 0 || cpu >= m->nr_cpu_ids))
		return EINVAL_MSG("cpu %d does not exist (expected 0 to %d)", cpu,
				  m->nr_cpu_ids - 1);

	kactor_enter(m, cpu, &save);
	page = __alloc_pages(m, gfp, order, nid);
	kactor_leave(m, &save);
	if (!page)
		return -ENOMEM;
	*pfn = page_to_pfn(m, page);
	return 0;
}

int mmsim_free_pages(struct machine *m, unsigned long pfn, unsigned int order)
{
	struct kactor_save save;
	int ret;

	if (order > MAX_PAGE_ORDER || !pfn_valid(m, pfn))
		return -EINVAL;
	kactor_enter(m, -1, &save);
	ret = __free_pages_checked(m, pfn_to_page(m, pfn), order);
	kactor_leave(m, &save);
	return ret;
}

void mmsim_drain_pages(struct machine *m)
{
	struct kactor_save save;

	kactor_enter(m, -1, &save);
	drain_all_pages(m);
	kactor_leave(m, &save);
}

/* ---- kernel memory: kmalloc, slab caches, vmalloc ---- */

/* A cache the actor made with kmem_cache_create, by the name it gave. */
struct kactor_cache {
	struct list_head list;		/* on kactor->caches */
	struct kmem_cache *s;		/* the cache (maybe a merged one); NULL once
					 * destroyed while the name lives on as an
					 * alias of the cache it merged into */
	char name[32];			/* the name the script gave */
};

/*
 * A reclaimable group: objects of one cache held by a shrinker of the
 * actor (kactor-NAME), as a dentry or inode cache holds unused objects.
 */
struct kactor_group {
	struct list_head list;		/* on kactor->groups */
	struct machine *m;		/* for the shrinker's callbacks */
	struct kmem_cache *s;		/* the objects' cache */
	char name[25];			/* the script's name for the group */
	char shrinker[32];		/* "kactor-NAME" */
	uint64_t *vas;			/* objects held, oldest first */
	size_t nr;			/* how many */
};

/* The actor's host-side state, made on first use (m->kactor). */
struct kactor {
	struct list_head caches;	/* struct kactor_cache */
	struct list_head groups;	/* struct kactor_group */
	struct kactor_owned owned;	/* live allocations the actor made */
};

static struct kactor *kactor_get(struct machine *m)
{
	if (!m->kactor) {
		m->kactor = calloc(1, sizeof(*m->kactor));
		if (!m->kactor)
			return NULL;
		INIT_LIST_HEAD(&m->kactor->caches);
		INIT_LIST_HEAD(&m->kactor->groups);
	}
	return m->kactor;
}

/* The kernel VA of a slab allocator result (ZERO_SIZE_PTR stays 0x10). */
static uint64_t obj_to_va(struct machine *m, const void *p)
{
	if (ZERO_OR_NULL_PTR(p))
		return (uint64_t)(uintptr_t)p;
	return kva(m, p);
}

/* A direct-map @va as a host pointer; NULL if outside RAM. */
static void *va_to_obj(struct machine *m, uint64_t va)
{
	if (va < PAGE_OFFSET || va - PAGE_OFFSET >= (uint64_t)m->max_pfn << PAGE_SHIFT)
		return NULL;
	return __va(m, va - PAGE_OFFSET);
}

int mmsim_kernel_va_valid(struct machine *m, uint64_t va)
{
	return va_to_obj(m, va) != NULL;
}

unsigned long kactor_owned_count(const struct machine *m)
{
	return m->kactor ? m->kactor->owned.nr : 0;
}

int validate_kactor(struct machine *m, char *err, size_t len)
{
	return m->kactor ? kactor_owned_validate(m, &m->kactor->owned, err, len) : 0;
}

/* The actor's ownership set, NULL if it has none yet (it owns nothing). */
static struct kactor_owned *owned(struct machine *m)
{
	return m->kactor ? &m->kactor->owned : NULL;
}

/*
 * Record a new allocation at @va as the actor's.  Without host memory for
 * the record the allocation is undone (@undo frees it) and -ENOMEM returned:
 * an object the actor could not free would leak.
 */
static int own_new(struct machine *m, uint64_t va, void (*undo)(struct machine *, uint64_t))
{
	if (kactor_get(m) && !kactor_own(m, &m->kactor->owned, va))
		return 0;
	undo(m, va);
	return -ENOMEM;
}

static void undo_kfree(struct machine *m, uint64_t va)
{
	kfree(m, va_to_obj(m, va));
}

/*
 * The refusal of a free of @va, a live object the actor does not own:
 * logged as "kactor: kfree(0x...): a live kmalloc-32 object the actor does
 * not own: refused (on Linux a use-after-free would follow)".  -EBUSY.
 */
static int refuse_free(struct machine *m, const char *fn, uint64_t va, const char *what)
{
	pr_err(m, "kactor: %s(0x%016llx): a live %s the actor does not own: refused (on Linux a use-after-free would follow)",
	       fn, (unsigned long long)va, what);
	return -EBUSY;
}

int mmsim_kmalloc(struct machine *m, uint64_t size, const char *gfp_text, int nid,
		  uint64_t *va, char *err, size_t errlen)
{
	struct kactor_save save;
	char dummy[1];
	gfp_t gfp;
	void *p;
	int ret;

	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	ret = kactor_parse_gfp(m, gfp_text, nid, &gfp, err, errlen);
	if (ret)
		return ret;
	kactor_enter(m, -1, &save);
	p = __kmalloc_node_track_caller(m, (size_t)size, gfp, nid, "kactor_kmalloc");
	kactor_leave(m, &save);
	if (!p)
		return -ENOMEM;
	*va = obj_to_va(m, p);
	return ZERO_OR_NULL_PTR(p) ? 0 : own_new(m, *va, undo_kfree);
}

int mmsim_kfree(struct machine *m, uint64_t va)
{
	struct kactor_save save;
	char what[64];
	bool mine;
	void *p;
	int ret;

	if (ZERO_OR_NULL_PTR((void *)(uintptr_t)va))
		return 0;	/* kfree(NULL), kfree(ZERO_SIZE_PTR) */
	p = va_to_obj(m, va);
	if (!p)
		return -EINVAL;
	mine = kactor_owns(m, owned(m), va);
	if (!mine && kactor_kernel_live(m, owned(m), va, what, sizeof(what)))
		return refuse_free(m, "kfree", va, what);
	kactor_enter(m, -1, &save);
	if (mine) {
		ret = kfree_caller(m, p, "kactor_kfree");	/* live: no freelist walk */
		if (!ret)
			kactor_disown(m, owned(m), va);
	} else {
		ret = kfree_checked_caller(m, p, "kactor_kfree");	/* reports it */
	}
	kactor_leave(m, &save);
	return ret;
}

int mmsim_krealloc(struct machine *m, uint64_t va, uint64_t new_size, const char *gfp_text,
		   uint64_t *new_va, char *err, size_t errlen)
{
	struct kactor_save save;
	char dummy[1];
	gfp_t gfp;
	void *p = va_to_obj(m, va), *q;
	char what[64];
	bool mine;
	int ret;

	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (ZERO_OR_NULL_PTR((void *)(uintptr_t)va))
		p = (void *)(uintptr_t)va;	/* krealloc(NULL or ZERO_SIZE_PTR) is kmalloc */
	else if (!p)
		return EINVAL_MSG("0x%llx is not a kmalloc'd object (expected a direct-map address 0xffff888...)",
				  (unsigned long long)va);
	if (new_size > KMALLOC_MAX_SIZE)
		return EINVAL_MSG("size %llu is above KMALLOC_MAX_SIZE (%lu)",
				  (unsigned long long)new_size, KMALLOC_MAX_SIZE);
	ret = kactor_parse_gfp(m, gfp_text, NUMA_NO_NODE, &gfp, err, errlen);
	if (ret)
		return ret;
	if (!ZERO_OR_NULL_PTR(p) && kactor_kernel_live(m, owned(m), va, what, sizeof(what)))
		return refuse_free(m, "krealloc", va, what);
	/* its own kmalloc'd object (not the first page of one of its vmalloc areas) */
	mine = !ZERO_OR_NULL_PTR(p) && kactor_owns(m, owned(m), va) && ksize(m, p);
	if (!kactor_get(m))
		return -ENOMEM;
	kactor_enter(m, -1, &save);
	if (ZERO_OR_NULL_PTR(p) || mine) {	/* the actor's own: no freelist walk */
		q = krealloc_caller(m, p, (size_t)new_size, gfp, "kactor_krealloc");
		ret = q ? 0 : -ENOMEM;
	} else {
		q = krealloc_checked_caller(m, p, (size_t)new_size, gfp, "kactor_krealloc", &ret);
	}
	kactor_leave(m, &save);
	if (ret)
		return ret;
	*new_va = q == ZERO_SIZE_PTR ? (uint64_t)(uintptr_t)ZERO_SIZE_PTR : obj_to_va(m, q);
	if (*new_va != va) {
		kactor_disown(m, owned(m), va);		/* freed (moved, or size 0) */
		if (!ZERO_OR_NULL_PTR(q))
			return own_new(m, *new_va, undo_kfree);
	}
	return 0;
}

uint64_t mmsim_ksize(struct machine *m, uint64_t va)
{
	void *p = va_to_obj(m, va);

	return p ? ksize(m, p) : 0;
}

/* SLAB_* flags a module may pass, by name (the flag text of the actor). */
static const struct {
	const char *name;
	slab_flags_t flag;
} slab_flag_names[] = {
	{ "consistency_checks", SLAB_CONSISTENCY_CHECKS }, { "red_zone", SLAB_RED_ZONE },
	{ "poison", SLAB_POISON }, { "hwcache_align", SLAB_HWCACHE_ALIGN },
	{ "cache_dma", SLAB_CACHE_DMA }, { "cache_dma32", SLAB_CACHE_DMA32 },
	{ "store_user", SLAB_STORE_USER }, { "panic", SLAB_PANIC },
	{ "typesafe_by_rcu", SLAB_TYPESAFE_BY_RCU }, { "trace", SLAB_TRACE },
	{ "noleaktrace", SLAB_NOLEAKTRACE }, { "no_merge", SLAB_NO_MERGE },
	{ "account", SLAB_ACCOUNT }, { "no_user_flags", SLAB_NO_USER_FLAGS },
	{ "reclaim_account", SLAB_RECLAIM_ACCOUNT }, { "temporary", SLAB_TEMPORARY },
};

/* Parse "hwcache_align|SLAB_ACCOUNT" into *flags; 0 or -EINVAL. */
static int parse_slab_flags(const char *text, slab_flags_t *flags, char *err, size_t errlen)
{
	char buf[256], *save = NULL, *tok;

	*flags = 0;
	if (!text || !*text)
		return 0;
	if (strlen(text) >= sizeof(buf))
		return EINVAL_MSG("flags \"%.32s...\" are too long", text);
	snprintf(buf, sizeof(buf), "%s", text);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		const char *n = strncasecmp(tok, "SLAB_", 5) ? tok : tok + 5;
		size_t i;

		for (i = 0; i < ARRAY_SIZE(slab_flag_names); i++)
			if (!strcasecmp(n, slab_flag_names[i].name))
				break;
		if (i == ARRAY_SIZE(slab_flag_names))
			return EINVAL_MSG("unknown slab flag \"%s\" (expected SLAB_* names such as hwcache_align, reclaim_account, account, panic, typesafe_by_rcu, joined by |)",
					  tok);
		*flags |= slab_flag_names[i].flag;
	}
	return 0;
}

static bool valid_cache_name(const char *n)
{
	size_t len = strlen(n);

	if (!len || len > 31)
		return false;
	for (; *n; n++)
		if (!(isalnum((unsigned char)*n) || *n == '_' || *n == '-' || *n == '.'))
			return false;
	return true;
}

/* The actor's own cache named @name, or NULL. */
static struct kactor_cache *kactor_cache_find(struct machine *m, const char *name)
{
	struct kactor_cache *kc;

	if (!m->kactor)
		return NULL;
	list_for_each_entry(kc, &m->kactor->caches, list)
		if (!strcmp(kc->name, name))
			return kc;
	return NULL;
}

/* Any cache by name: the actor's first, then the kernel's (or an alias). */
static struct kmem_cache *kactor_find_cache(struct machine *m, const char *name)
{
	struct kactor_cache *kc = kactor_cache_find(m, name);

	return kc ? kc->s : kmem_cache_find(m, name);	/* NULL: destroyed */
}

/*
 * The actor's constructor.  It leaves the object as the allocator made it:
 * what a constructor changes that can be observed is the layout (the free
 * pointer moves after the object) and that the cache is never merged.
 */
static void kactor_ctor(void *obj)
{
	(void)obj;
}

int mmsim_kmem_cache_create(struct machine *m, const char *name, uint64_t size,
			    uint64_t align, const char *flags_text, int ctor,
			    char *err, size_t errlen)
{
	struct kactor_save save;
	struct kactor_cache *kc;
	slab_flags_t flags;
	char dummy[1];
	int ret;

	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (!name || !valid_cache_name(name))
		return EINVAL_MSG("bad cache name \"%s\" (expected 1 to 31 letters, digits, _, - or .)",
				  name ? name : "");
	if (!size || size > KMALLOC_MAX_SIZE)
		return EINVAL_MSG("size %llu is out of range (expected 1 to %lu)",
				  (unsigned long long)size, KMALLOC_MAX_SIZE);
	if (align & (align - 1) || align > PAGE_SIZE)
		return EINVAL_MSG("align=%llu is not a power of two up to %lu", (unsigned long long)align,
				  PAGE_SIZE);
	ret = parse_slab_flags(flags_text, &flags, err, errlen);
	if (ret)
		return ret;
	if (kactor_cache_find(m, name) || kmem_cache_find(m, name))
		return -EEXIST;
	kc = calloc(1, sizeof(*kc));
	if (!kc || !kactor_get(m)) {
		free(kc);
		return -ENOMEM;
	}
	snprintf(kc->name, sizeof(kc->name), "%s", name);
	kactor_enter(m, -1, &save);
	kc->s = kmem_cache_create(m, name, (unsigned int)size, (unsigned int)align, flags,
				  ctor ? kactor_ctor : NULL);
	kactor_leave(m, &save);
	if (!kc->s) {
		free(kc);
		return -ENOMEM;
	}
	list_add_tail(&kc->list, &m->kactor->caches);
	return 0;
}

int mmsim_kmem_cache_alloc(struct machine *m, const char *cache, const char *gfp_text,
			   int nid, uint64_t *va, char *err, size_t errlen)
{
	struct kmem_cache *s = cache ? kactor_find_cache(m, cache) : NULL;
	struct kactor_save save;
	char dummy[1];
	gfp_t gfp;
	void *p;
	int ret;

	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (!s)
		return -ENOENT;
	ret = kactor_parse_gfp(m, gfp_text, nid, &gfp, err, errlen);
	if (ret)
		return ret;
	kactor_enter(m, -1, &save);
	p = kmem_cache_alloc_node_caller(m, s, gfp, nid, "kactor_cache_alloc");
	kactor_leave(m, &save);
	if (!p)
		return -ENOMEM;
	*va = obj_to_va(m, p);
	if (kactor_get(m) && !kactor_own(m, &m->kactor->owned, *va))
		return 0;
	kmem_cache_free(m, s, p);	/* no host memory to record it: undone */
	return -ENOMEM;
}

/*
 * kmem_cache_free of @va to @s, as the actor: the plain free for its own
 * object, the checked one (its report) for a free one; 0, -EINVAL, or
 * -EBUSY for a live object it does not own.
 */
static int kactor_cache_free(struct machine *m, struct kmem_cache *s, uint64_t va)
{
	struct kactor_save save;
	void *p = va_to_obj(m, va);
	char what[64];
	bool mine;
	int ret;

	if (!va)
		return 0;	/* kmem_cache_free(s, NULL) */
	if (!p)
		return -EINVAL;
	mine = kactor_owns(m, owned(m), va);
	if (!mine && kactor_kernel_live(m, owned(m), va, what, sizeof(what)))
		return refuse_free(m, "kmem_cache_free", va, what);
	kactor_enter(m, -1, &save);
	if (mine) {
		ret = kmem_cache_free_caller(m, s, p, "kactor_cache_free");
		if (!ret)
			kactor_disown(m, owned(m), va);
	} else {
		ret = kmem_cache_free_checked_caller(m, s, p, "kactor_cache_free");
	}
	kactor_leave(m, &save);
	return ret;
}

struct kmem_cache *mmsim_kmem_cache_get(struct machine *m, const char *name, uint64_t *id)
{
	struct kmem_cache *s = name ? kactor_find_cache(m, name) : NULL;

	if (s && id)
		*id = kmem_cache_serial(s);
	return s;
}

int mmsim_kmem_cache_free_to(struct machine *m, struct kmem_cache *s, uint64_t id, uint64_t va)
{
	if (!s || !kmem_cache_alive(m, s, id))
		return -ENOENT;
	return kactor_cache_free(m, s, va);
}

int mmsim_kmem_cache_free(struct machine *m, const char *cache, uint64_t va)
{
	struct kmem_cache *s = cache ? kactor_find_cache(m, cache) : NULL;

	return s ? kactor_cache_free(m, s, va) : -ENOENT;
}

int mmsim_kmem_cache_shrink(struct machine *m, const char *cache)
{
	struct kmem_cache *s = cache ? kactor_find_cache(m, cache) : NULL;
	struct kactor_save save;

	if (!s)
		return -ENOENT;
	kactor_enter(m, -1, &save);
	kmem_cache_shrink(m, s);
	kactor_leave(m, &save);
	return 0;
}

int mmsim_kmem_cache_destroy(struct machine *m, const char *cache)
{
	struct kactor_cache *kc = cache ? kactor_cache_find(m, cache) : NULL;
	struct kactor_save save;

	if (!kc)
		return cache && kmem_cache_find(m, cache) ? -EPERM : -ENOENT;
	if (!kc->s)
		return -ENOENT;
	kactor_enter(m, -1, &save);
	kmem_cache_destroy(m, kc->s);
	kactor_leave(m, &save);
	kc->s = NULL;
	/* a merged cache lives on, and keeps the name as an alias (Linux) */
	if (!kmem_cache_find(m, cache)) {
		list_del(&kc->list);
		free(kc);
	}
	return 0;
}

/*
 * mmsim_kwrite/kread: walk [va, va + len) page by page through
 * kva_to_host; check the whole range before touching a byte.
 */
static int kactor_range_ok(struct machine *m, uint64_t va, uint64_t len)
{
	while (len) {
		size_t contig;

		if (!kva_to_host(m, (unsigned long)va, &contig) || !contig)
			return -EFAULT;
		if (contig >= len)
			break;
		va += contig;
		len -= contig;
	}
	return 0;
}

int mmsim_kwrite(struct machine *m, uint64_t va, uint64_t offset, uint64_t len, int byte)
{
	return mmsim_kwrite_why(m, va, offset, len, byte, NULL, 0);
}

int mmsim_kwrite_why(struct machine *m, uint64_t va, uint64_t offset, uint64_t len, int byte,
		     char *why, size_t whylen)
{
	uint64_t a = va + offset;
	char dummy[1];
	int ret;

	if (!why || !whylen) {
		why = dummy;
		whylen = sizeof(dummy);
	}
	why[0] = '\0';
	if (a < va || a + len < a || kactor_range_ok(m, a, len))
		return -EFAULT;
	ret = kactor_write_check(m, owned(m), a, len, why, whylen);
	if (ret)
		return ret;
	while (len) {
		size_t contig;
		unsigned char *p = kva_to_host(m, (unsigned long)a, &contig);
		size_t n = contig < len ? contig : (size_t)len;

		memset(p, byte, n);
		a += n;
		len -= n;
	}
	return 0;
}

int mmsim_kread(struct machine *m, uint64_t va, void *buf, uint64_t len)
{
	unsigned char *out = buf;

	if (va + len < va || kactor_range_ok(m, va, len))
		return -EFAULT;
	while (len) {
		size_t contig;
		const unsigned char *p = kva_to_host(m, (unsigned long)va, &contig);
		size_t n = contig < len ? contig : (size_t)len;

		memcpy(out, p, n);
		out += n;
		va += n;
		len -= n;
	}
	return 0;
}

/* ---- reclaimable groups and their shrinkers ---- */

static struct kactor_group *kactor_group_find(struct machine *m, const char *name)
{
	struct kactor_group *g;

	if (!m->kactor || !name)
		return NULL;
	list_for_each_entry(g, &m->kactor->groups, list)
		if (!strcmp(g->name, name))
			return g;
	return NULL;
}

static unsigned long kactor_group_count(void *ctx)
{
	struct kactor_group *g = ctx;

	return g->nr;
}

/*
 * Free the group's @nr oldest objects (a refused one leaves the group too);
 * kactor_cache_free drops each freed one from what the actor owns.
 */
static unsigned long kactor_group_scan(void *ctx, unsigned long nr)
{
	struct kactor_group *g = ctx;
	unsigned long freed = 0, i;

	if (nr > g->nr)
		nr = g->nr;
	for (i = 0; i < nr; i++)
		if (!kactor_cache_free(g->m, g->s, g->vas[i]))
			freed++;
	memmove(g->vas, g->vas + nr, (g->nr - nr) * sizeof(*g->vas));
	g->nr -= nr;
	return freed;
}

int mmsim_kactor_reclaimable(struct machine *m, const char *group, const char *cache,
			     const uint64_t *vas, size_t nr)
{
	struct kmem_cache *s = cache ? kactor_find_cache(m, cache) : NULL;
	struct kactor_group *g;
	int ret;

	if (!group || !*group || strlen(group) >= sizeof(g->name))
		return -EINVAL;
	if (!s)
		return -ENOENT;
	if (kactor_group_find(m, group))
		return -EEXIST;
	g = calloc(1, sizeof(*g));
	if (!g || !kactor_get(m) || !(g->vas = malloc((nr ? nr : 1) * sizeof(*vas)))) {
		free(g);
		return -ENOMEM;
	}
	g->m = m;
	g->s = s;
	snprintf(g->name, sizeof(g->name), "%s", group);
	snprintf(g->shrinker, sizeof(g->shrinker), "kactor-%s", group);
	memcpy(g->vas, vas, nr * sizeof(*vas));
	g->nr = nr;
	ret = kactor_register_shrinker(m, g->shrinker, kactor_group_count, kactor_group_scan, g);
	if (ret) {
		free(g->vas);
		free(g);
		return ret;
	}
	list_add_tail(&g->list, &m->kactor->groups);
	return 0;
}

long mmsim_kactor_group_objects(struct machine *m, const char *group)
{
	struct kactor_group *g = kactor_group_find(m, group);

	return g ? (long)g->nr : -ENOENT;
}

int mmsim_kactor_group_va(struct machine *m, const char *group, size_t idx, uint64_t *va)
{
	struct kactor_group *g = kactor_group_find(m, group);

	if (!g)
		return -ENOENT;
	if (idx >= g->nr)
		return -ERANGE;
	*va = g->vas[idx];
	return 0;
}

static void kactor_group_release(struct machine *m, struct kactor_group *g)
{
	kactor_unregister_shrinker(m, g->shrinker);
	list_del(&g->list);
	free(g->vas);
	free(g);
}

int mmsim_kactor_group_free(struct machine *m, const char *group, size_t every,
			    size_t *freed, size_t *refused)
{
	struct kactor_group *g = kactor_group_find(m, group);
	size_t i, kept = 0;

	*freed = *refused = 0;
	if (!g)
		return -ENOENT;
	if (!every)
		every = 1;
	for (i = 0; i < g->nr; i++) {
		if (i % every) {
			g->vas[kept++] = g->vas[i];
			continue;
		}
		if (kactor_cache_free(m, g->s, g->vas[i]))
			(*refused)++;
		else
			(*freed)++;
	}
	g->nr = kept;
	if (!kept)
		kactor_group_release(m, g);
	return 0;
}

void kactor_release(struct machine *m)
{
	struct kactor *ka = m->kactor;

	if (!ka)
		return;
	while (!list_empty(&ka->groups))
		kactor_group_release(m, list_first_entry(&ka->groups, struct kactor_group, list));
	while (!list_empty(&ka->caches)) {
		struct kactor_cache *kc = list_first_entry(&ka->caches, struct kactor_cache, list);

		list_del(&kc->list);
		free(kc);
	}
	kactor_owned_release(&ka->owned);
	free(ka);
	m->kactor = NULL;
}

int mmsim_vmalloc(struct machine *m, uint64_t size, uint64_t *va, char *err, size_t errlen)
{
	struct kactor_save save;
	unsigned long addr;

	if (err && errlen)
		err[0] = '\0';
	kactor_enter(m, -1, &save);
	addr = __vmalloc_node_range_caller(m, (unsigned long)size, 1, VMALLOC_START, VMALLOC_END,
					   GFP_KERNEL, PAGE_KERNEL, 0, NUMA_NO_NODE, "kactor_vmalloc");
	kactor_leave(m, &save);
	if (!addr)
		return -ENOMEM;
	if (kactor_get(m) && !kactor_own(m, &m->kactor->owned, kactor_vm_key(m, addr))) {
		*va = addr;
		return 0;
	}
	vfree_caller(m, addr, "kactor_vmalloc");	/* no host memory to record it */
	return -ENOMEM;
}

int mmsim_vfree(struct machine *m, uint64_t va)
{
	uint64_t key = kactor_vm_key(m, va);
	struct kactor_save save;
	int ret;

	if (!va)
		return 0;
	if (key && !kactor_owns(m, owned(m), key)) {
		pr_err(m, "kactor: vfree(0x%016llx): a live vmalloc area (%s) the actor does not own: refused (on Linux a use-after-free would follow)",
		       (unsigned long long)va, find_vm_area(m, (unsigned long)va)->caller);
		return -EBUSY;
	}
	kactor_enter(m, -1, &save);
	ret = vfree_caller(m, (unsigned long)va, "kactor_vfree");
	kactor_leave(m, &save);
	if (!ret)
		kactor_disown(m, owned(m), key);
	return ret;
}
