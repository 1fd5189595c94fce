// SPDX-License-Identifier: GPL-2.0-only
/*
 * SLUB at boot and at the machine's end (Linux: mm/slub.c
 * kmem_cache_init and bootstrap): the two boot caches (kmem_cache_node,
 * then kmem_cache) made from static structures, each given its own object
 * in the kmem_cache cache, then the kmalloc caches and, with
 * mmsim.slub_sheaves=1, their sheaves; kmem_cache_release_all frees the
 * host side of every cache when the machine is torn down (its pages go
 * with the RAM).
 *
 * Left out: slab_state's FULL step is slab_sysfs_init's (a late
 * initcall, mm/slab_sysfs.c); kmem_cache_init_late.
 *
 * Called by kernel/boot.c (the tail of mm_core_init) and kernel/machine.c
 * (the machine's teardown).
 */
#include <stdlib.h>
#include "linux/mm.h"
#include "slab.h"

/*
 * bootstrap - give a boot cache its own object in the kmem_cache cache
 * (Linux copies the static boot struct into one; mmsim's struct stays on
 * the host and the object stands for it) and list it.
 */
/* Do the bitfields of struct page sit where slab_counters() reads them? */
static bool counters_layout_ok(void)
{
	struct page p = { 0 };

	p.inuse = 3;
	p.objects = 0x7ffe;
	p.frozen = 1;
	return slab_counters(&p) == (3U | 0x7ffeU << SLAB_OBJECTS_SHIFT | SLAB_FROZEN);
}

static int bootstrap(struct machine *m, struct kmem_cache *s)
{
	s->kobj = kmem_cache_alloc(m, m->kmem_cache, GFP_NOWAIT | __GFP_ZERO);
	if (!s->kobj)
		return -ENOMEM;
	s->serial = ++m->slab_cache_serial;
	list_add(&s->list, &m->slab_caches);
	return 0;
}

int kmem_cache_init(struct machine *m)
{
	struct kmem_cache *kcn, *kc;
	char err[160];

	INIT_LIST_HEAD(&m->slab_caches);
	INIT_LIST_HEAD(&m->slab_leaked);
	m->slab_state = DOWN;
	if (!counters_layout_ok()) {
		pr_err(m, "SLUB: struct page counters are not laid out as mm/slab.h expects");
		return -EINVAL;
	}
	if (setup_slub_debug(m, err, sizeof(err)))
		pr_err(m, "%s", err);
	if (m->slub_debug || m->slub_debug_string)
		print_no_hash_pointers_notice(m);

	kcn = calloc(1, sizeof(*kcn));
	kc = calloc(1, sizeof(*kc));
	if (!kcn || !kc)
		goto nomem;
	m->kmem_cache_node = kcn;
	if (create_boot_cache(m, kcn, "kmem_cache_node", KMEM_CACHE_NODE_OBJECT_SIZE,
			      SLAB_HWCACHE_ALIGN | SLAB_NO_OBJ_EXT, 0, 0))
		goto nomem;
	m->slab_state = PARTIAL;
	m->kmem_cache = kc;
	if (create_boot_cache(m, kc, "kmem_cache",
			      KMEM_CACHE_OBJECT_SIZE(m->nr_node_ids),
			      SLAB_HWCACHE_ALIGN | SLAB_NO_OBJ_EXT, 0, 0))
		goto nomem;
	if (bootstrap(m, kc) || bootstrap(m, kcn))
		goto nomem;
	if (create_kmalloc_caches(m) || bootstrap_kmalloc_sheaves(m))
		goto nomem;
	pr_info(m, "SLUB: HWalign=%d, Order=%d-%d, MinObjects=%d, CPUs=%d, Nodes=%d",
		cache_line_size(), m->bp.slub_min_order, m->bp.slub_max_order,
		m->bp.slub_min_objects, m->nr_cpu_ids, m->nr_node_ids);
	return 0;	/* slab_sysfs_init (a late initcall) makes it FULL */
nomem:
	pr_err(m, "SLUB: out of memory creating the boot caches");
	return -ENOMEM;
}

/* Free one cache's host structures (its pages go with the RAM). */
static void release_cache(struct machine *m, struct kmem_cache *s)
{
	int node;
	struct kmem_cache_node *n;
	struct kmem_cache_alias *a, *t;

	pcs_release_host(s);
	for_each_kmem_cache_node(m, s, node, n)
		free(n);
	free(s->cpu_slab);
	if (s->aliases.next)
		list_for_each_entry_safe(a, t, &s->aliases, list)
			free(a);
	free((char *)s->name);
	free(s);
}

void kmem_cache_release_all(struct machine *m)
{
	struct kmem_cache *s, *t;

	if (!m->slab_caches.next)
		return;
	list_for_each_entry_safe(s, t, &m->slab_caches, list)
		release_cache(m, s);
	list_for_each_entry_safe(s, t, &m->slab_leaked, list)
		release_cache(m, s);
	INIT_LIST_HEAD(&m->slab_caches);
	INIT_LIST_HEAD(&m->slab_leaked);
	slub_release_callers(m);
}
