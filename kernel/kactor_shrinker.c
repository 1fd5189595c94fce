// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test shrinkers for the kernel actor: what a test module's shrinker would
 * be in Linux - a shrinker registered with shrinker_alloc/shrinker_register
 * whose count and scan are callbacks of the actor (a cache of objects the
 * script created), so that a script can show drop_caches and reclaim
 * shrinking kernel objects.
 *
 * Leaves out: NUMA and memcg awareness (the actor's caches are global).
 * Callers: kernel/kactor.c (the "kernel:" shrinker commands), tests.
 */
#include <string.h>
#include "linux/machine.h"
#include "linux/shrinker.h"
#include "linux/slab.h"

/* What the actor gave: its callbacks and their context. */
struct kactor_shrinker {
	unsigned long (*count)(void *ctx);		/* freeable objects */
	unsigned long (*scan)(void *ctx, unsigned long nr);	/* free up to nr */
	void *ctx;					/* the actor's cache */
};

static unsigned long kactor_count_objects(struct machine *m, struct shrinker *s,
					  struct shrink_control *sc)
{
	struct kactor_shrinker *ks = s->private_data;

	return ks->count(ks->ctx);
}

static unsigned long kactor_scan_objects(struct machine *m, struct shrinker *s,
					 struct shrink_control *sc)
{
	struct kactor_shrinker *ks = s->private_data;

	return ks->scan(ks->ctx, sc->nr_to_scan);
}

/* The registered kernel actor shrinker named @name, or NULL. */
static struct shrinker *kactor_find_shrinker(struct machine *m, const char *name)
{
	struct shrinker *s;

	if (!m->shrinker_list.next)
		return NULL;
	list_for_each_entry(s, &m->shrinker_list, list)
		if (s->count_objects == kactor_count_objects && !strcmp(s->name, name))
			return s;
	return NULL;
}

int kactor_register_shrinker(struct machine *m, const char *name,
			     unsigned long (*count)(void *ctx),
			     unsigned long (*scan)(void *ctx, unsigned long nr),
			     void *ctx)
{
	struct kactor_shrinker *ks;
	struct shrinker *s;

	if (!name || !*name || strlen(name) >= sizeof(s->name) || !count || !scan)
		return -EINVAL;
	if (kactor_find_shrinker(m, name))
		return -EEXIST;
	ks = kzalloc(m, sizeof(*ks), GFP_KERNEL);
	s = ks ? shrinker_alloc(m, 0, name) : NULL;
	if (!s) {
		kfree(m, ks);
		return -ENOMEM;
	}
	ks->count = count;
	ks->scan = scan;
	ks->ctx = ctx;
	s->count_objects = kactor_count_objects;
	s->scan_objects = kactor_scan_objects;
	s->private_data = ks;
	shrinker_register(m, s);
	return 0;
}

int kactor_unregister_shrinker(struct machine *m, const char *name)
{
	struct shrinker *s = name ? kactor_find_shrinker(m, name) : NULL;
	struct kactor_shrinker *ks;

	if (!s)
		return -ENOENT;
	ks = s->private_data;
	shrinker_free(m, s);
	kfree(m, ks);
	return 0;
}
