// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/slab/CACHE/ (the sysfs half of Linux's mm/slub.c): one
 * directory per cache with Linux 6.18's attribute files, formats and
 * modes, created when a cache is created and removed when it is released.
 *
 * Naming, as Linux's sysfs_slab_add: a cache that can never be merged
 * (slab_unmergeable: slab_nomerge, debug flags, a constructor, a usercopy
 * region ...) gets a directory of its own name; a mergeable one gets a
 * directory named by create_unique_id (":" + flag letters + "-" + the
 * 7-digit slot size, e.g. ":A-0000064"), and its name and the names of
 * every cache merged into it are aliases.  Linux makes aliases symlinks;
 * kernfs has none, so mmsim registers the same files again under each
 * alias name (docs/divergences.md, "Slab").
 *
 * Counts follow show_slab_objects: "TOTAL N0=x N1=y" with the per-node
 * part for nodes whose count is not zero; SO_ALL counts every slab of the
 * node (CONFIG_SLUB_DEBUG's counters), SO_PARTIAL the node partial lists,
 * SO_CPU the active slab of every CPU plus its partial slabs.
 *
 * Leaves out: the SLUB_STATS files, alloc_calls/free_calls (debugfs in
 * Linux), failslab/skip_kfence (not configured), slub_debug=O's
 * higher-order exemption when naming.  sheaf_capacity is 0 unless booted
 * with mmsim.slub_sheaves=1.
 * Callers: mm/slab_common.c (sysfs_slab_add/alias/release as caches come
 * and go), proc_root_init (slab_sysfs_init, the late initcall).
 * Show functions read state and change nothing; the writable files
 * (shrink, validate, min_partial, cpu_partial, remote_node_defrag_ratio)
 * act as Linux's store functions do.
 */
#include <stdio.h>
#include <string.h>
#include "linux/kstrtox.h"
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "slab.h"

#define SLAB_SYSFS	"/sys/kernel/slab"
#define ID_STR_LENGTH	32

/* ---- the counts (show_slab_objects) ---- */

enum slab_stat_type {
	SL_ALL,			/* all slabs */
	SL_PARTIAL,		/* only partially allocated slabs */
	SL_CPU,			/* only slabs used for cpu caches */
	SL_OBJECTS,		/* determine allocated objects not slabs */
	SL_TOTAL		/* determine object capacity not slabs */
};

#define SO_ALL		(1 << SL_ALL)
#define SO_PARTIAL	(1 << SL_PARTIAL)
#define SO_CPU		(1 << SL_CPU)
#define SO_OBJECTS	(1 << SL_OBJECTS)
#define SO_TOTAL	(1 << SL_TOTAL)

/* The CPU-slab part of show_slab_objects: each CPU's active slab, and the
 * number of slabs on its partial list (only when counting slabs). */
static void count_cpu_slabs(struct machine *m, struct kmem_cache *s, unsigned int flags,
			    unsigned long *total, unsigned long *nodes)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		struct kmem_cache_cpu *c = &s->cpu_slab[cpu];
		unsigned long x;

		if (!c->slab)
			continue;
		if (flags & SO_TOTAL)
			x = c->slab->objects;
		else if (flags & SO_OBJECTS)
			x = c->slab->inuse;
		else
			x = 1;
		*total += x;
		nodes[slab_nid(c->slab)] += x;

		if (c->partial_slabs && !(flags & (SO_TOTAL | SO_OBJECTS))) {
			struct page *first = list_first_entry(&c->partial, struct page, lru);

			*total += c->partial_slabs;
			nodes[slab_nid(first)] += c->partial_slabs;
		}
	}
}

static int show_slab_objects(struct seq_file *sf, unsigned int flags)
{
	struct machine *m = sf->machine;
	struct kmem_cache *s = sf->private;
	unsigned long total = 0, nodes[MAX_NUMNODES] = { 0 };
	struct kmem_cache_node *n;
	int nid;

	if (flags & SO_CPU)
		count_cpu_slabs(m, s, flags, &total, nodes);

	if (flags & SO_ALL) {
		for_each_kmem_cache_node(m, s, nid, n) {
			unsigned long x;

			if (flags & SO_TOTAL)
				x = node_nr_objs(n);
			else if (flags & SO_OBJECTS)
				x = node_nr_objs(n) - count_partial(n, count_free);
			else
				x = node_nr_slabs(n);
			total += x;
			nodes[nid] += x;
		}
	} else if (flags & SO_PARTIAL) {
		for_each_kmem_cache_node(m, s, nid, n) {
			unsigned long x;

			if (flags & SO_TOTAL)
				x = count_partial(n, count_total);
			else if (flags & SO_OBJECTS)
				x = count_partial(n, count_inuse);
			else
				x = n->nr_partial;
			total += x;
			nodes[nid] += x;
		}
	}

	seq_printf(sf, "%lu", total);
	for (nid = 0; nid < m->nr_node_ids; nid++)
		if (nodes[nid])
			seq_printf(sf, " N%d=%lu", nid, nodes[nid]);
	seq_putc(sf, '\n');
	return 0;
}

#define SLAB_OBJECTS_ATTR(_name, _flags)				\
	static int _name##_show(struct seq_file *sf)			\
	{								\
		return show_slab_objects(sf, _flags);			\
	}

SLAB_OBJECTS_ATTR(partial, SO_PARTIAL)
SLAB_OBJECTS_ATTR(cpu_slabs, SO_CPU)
SLAB_OBJECTS_ATTR(objects, SO_ALL | SO_OBJECTS)
SLAB_OBJECTS_ATTR(objects_partial, SO_PARTIAL | SO_OBJECTS)
SLAB_OBJECTS_ATTR(slabs, SO_ALL)
SLAB_OBJECTS_ATTR(total_objects, SO_ALL | SO_TOTAL)

/* ---- the fixed values ---- */

#define SLAB_UINT_ATTR(_name, _expr)					\
	static int _name##_show(struct seq_file *sf)			\
	{								\
		const struct kmem_cache *s = sf->private;		\
									\
		seq_printf(sf, "%u\n", (unsigned int)(_expr));		\
		return 0;						\
	}

SLAB_UINT_ATTR(slab_size, s->size)
SLAB_UINT_ATTR(align, s->align)
SLAB_UINT_ATTR(object_size, s->object_size)
SLAB_UINT_ATTR(objs_per_slab, oo_objects(s->oo))
SLAB_UINT_ATTR(order, oo_order(s->oo))
SLAB_UINT_ATTR(cpu_partial, s->cpu_partial)
SLAB_UINT_ATTR(usersize, s->usersize)
SLAB_UINT_ATTR(remote_node_defrag_ratio, s->remote_node_defrag_ratio / 10)
/* Objects per sheaf: 0 unless booted with mmsim.slub_sheaves=1 (Linux 7.0). */
SLAB_UINT_ATTR(sheaf_capacity, s->sheaf_capacity)

/* Flag files print 0 or 1. */
#define SLAB_FLAG_ATTR(_name, _flag)					\
	static int _name##_show(struct seq_file *sf)			\
	{								\
		const struct kmem_cache *s = sf->private;		\
									\
		seq_printf(sf, "%d\n", !!(s->flags & (_flag)));		\
		return 0;						\
	}

SLAB_FLAG_ATTR(reclaim_account, SLAB_RECLAIM_ACCOUNT)
SLAB_FLAG_ATTR(hwcache_align, SLAB_HWCACHE_ALIGN)
SLAB_FLAG_ATTR(cache_dma, SLAB_CACHE_DMA)
SLAB_FLAG_ATTR(destroy_by_rcu, SLAB_TYPESAFE_BY_RCU)
SLAB_FLAG_ATTR(sanity_checks, SLAB_CONSISTENCY_CHECKS)
SLAB_FLAG_ATTR(trace, SLAB_TRACE)
SLAB_FLAG_ATTR(red_zone, SLAB_RED_ZONE)
SLAB_FLAG_ATTR(poison, SLAB_POISON)
SLAB_FLAG_ATTR(store_user, SLAB_STORE_USER)

static int min_partial_show(struct seq_file *sf)
{
	const struct kmem_cache *s = sf->private;

	seq_printf(sf, "%lu\n", s->min_partial);
	return 0;
}

static int aliases_show(struct seq_file *sf)
{
	const struct kmem_cache *s = sf->private;

	seq_printf(sf, "%d\n", s->refcount < 0 ? 0 : s->refcount - 1);
	return 0;
}

/*
 * Linux prints the constructor as a symbol ("anon_vma_ctor+0x0/0x50");
 * mmsim has no kernel symbol table, so it says only that there is one.
 */
static int ctor_show(struct seq_file *sf)
{
	const struct kmem_cache *s = sf->private;

	if (s->ctor)
		seq_puts(sf, "(constructor)\n");
	return 0;
}

/* slabs_cpu_partial: objects are estimated as half-full slabs, as Linux does. */
static int slabs_cpu_partial_show(struct seq_file *sf)
{
	struct machine *m = sf->machine;
	const struct kmem_cache *s = sf->private;
	unsigned int per_slab = oo_objects(s->oo);
	int slabs = 0;

	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		slabs += (int)s->cpu_slab[cpu].partial_slabs;
	seq_printf(sf, "%d(%d)", (int)(slabs * per_slab / 2), slabs);
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		int n = (int)s->cpu_slab[cpu].partial_slabs;

		if (n)
			seq_printf(sf, " C%d=%d(%d)", cpu, (int)(n * per_slab / 2), n);
	}
	seq_putc(sf, '\n');
	return 0;
}

/* shrink and validate show nothing; they act when written. */
static int empty_show(struct seq_file *sf)
{
	return 0;
}

/* ---- the writable files ---- */

static int shrink_store(struct machine *m, void *data, const char *buf)
{
	if (buf[0] != '1')
		return -EINVAL;
	kmem_cache_shrink(m, data);
	return 0;
}

/* Linux validates only caches with slub_debug checks; others: -EINVAL. */
static int validate_store(struct machine *m, void *data, const char *buf)
{
	struct kmem_cache *s = data;

	if (buf[0] != '1' || !kmem_cache_debug(s))
		return -EINVAL;
	return validate_slab_cache(m, s) < 0 ? -ENOMEM : 0;
}

static int min_partial_store(struct machine *m, void *data, const char *buf)
{
	struct kmem_cache *s = data;
	unsigned long long min;
	int err = kstrtoull(buf, 10, &min);

	if (err)
		return err;
	s->min_partial = (unsigned long)min;
	return 0;
}

/*
 * slub_set_cpu_partial - keep @nr_objects free objects on each CPU's
 * partial list, as a number of slabs assumed half full.
 */
static void slub_set_cpu_partial(struct kmem_cache *s, unsigned int nr_objects)
{
	unsigned int per_slab = oo_objects(s->oo) ? oo_objects(s->oo) : 1;

	s->cpu_partial = nr_objects;
	s->cpu_partial_slabs = DIV_ROUND_UP(nr_objects * 2, per_slab);
}

static int cpu_partial_store(struct machine *m, void *data, const char *buf)
{
	struct kmem_cache *s = data;
	unsigned int objects;
	int err = kstrtouint(buf, 10, &objects);

	if (err)
		return err;
	if (objects && kmem_cache_debug(s))	/* !kmem_cache_has_cpu_partial */
		return -EINVAL;
	slub_set_cpu_partial(s, objects);
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		flush_cpu_slab(m, s, cpu);
	return 0;
}

static int remote_node_defrag_ratio_store(struct machine *m, void *data, const char *buf)
{
	struct kmem_cache *s = data;
	unsigned int ratio;
	int err = kstrtouint(buf, 10, &ratio);

	if (err)
		return err;
	if (ratio > 100)
		return -ERANGE;
	s->remote_node_defrag_ratio = ratio * 10;
	return 0;
}

/* ---- the attribute table ---- */

struct slab_attribute {
	const char *name;
	unsigned int mode;		/* 0400 (SLAB_ATTR_RO) or 0600 (SLAB_ATTR) */
	struct kernfs_ops ops;
};

#define RO(_name)	{ #_name, 0400, { .show = _name##_show } }
#define RW(_name)	{ #_name, 0600, { .show = _name##_show, .write = _name##_store } }

static const struct slab_attribute slab_attrs[] = {
	RO(slab_size), RO(object_size), RO(objs_per_slab), RO(order),
	RW(min_partial), RW(cpu_partial), RO(objects), RO(objects_partial),
	RO(partial), RO(cpu_slabs), RO(ctor), RO(aliases), RO(align),
	RO(hwcache_align), RO(reclaim_account), RO(destroy_by_rcu), RO(usersize),
	RO(cache_dma), RO(slabs_cpu_partial), RO(sheaf_capacity),
	RO(slabs), RO(total_objects), RO(sanity_checks),
	RO(trace), RO(red_zone), RO(poison), RO(store_user),
	{ "validate", 0600, { .show = empty_show, .write = validate_store } },
	{ "shrink", 0600, { .show = empty_show, .write = shrink_store } },
	RW(remote_node_defrag_ratio),
};

/* ---- directories ---- */

/*
 * create_unique_id - ":" then d (DMA), D (DMA32), a (reclaimable),
 * F (consistency checks), A (accounted), a "-" if any letter, then the
 * slot size in 7 digits.  The letters cover every flag merging compares.
 */
static void create_unique_id(const struct kmem_cache *s, char *name, size_t len)
{
	char flags[8], *p = flags;

	if (s->flags & SLAB_CACHE_DMA)
		*p++ = 'd';
	if (s->flags & SLAB_CACHE_DMA32)
		*p++ = 'D';
	if (s->flags & SLAB_RECLAIM_ACCOUNT)
		*p++ = 'a';
	if (s->flags & SLAB_CONSISTENCY_CHECKS)
		*p++ = 'F';
	if (s->flags & SLAB_ACCOUNT)
		*p++ = 'A';
	*p = '\0';
	snprintf(name, len, ":%s%s%07u", flags, p != flags ? "-" : "", s->size);
}

/* The cache whose files are at SLAB_SYSFS/@name, or NULL. */
static struct kmem_cache *slab_dir_owner(struct machine *m, const char *name)
{
	char path[ID_STR_LENGTH + 256];

	snprintf(path, sizeof(path), SLAB_SYSFS "/%s/object_size", name);
	return kernfs_file_data(m, path);
}

/* Is SLAB_SYSFS/@name the real directory of a cache (not an alias copy)? */
static bool slab_dir_is_real(struct machine *m, const char *name)
{
	struct kmem_cache *s = slab_dir_owner(m, name);
	char id[ID_STR_LENGTH];

	if (!s)
		return false;
	if (slab_unmergeable(m, s))
		return !strcmp(s->name, name);
	create_unique_id(s, id, sizeof(id));
	return !strcmp(id, name);
}

/* A name kernfs can hold as one directory. */
static bool slab_name_ok(const char *name)
{
	return *name && !strchr(name, '/') && strlen(name) < 256;
}

/* Register every attribute of @s under SLAB_SYSFS/@name. */
static int slab_create_files(struct machine *m, struct kmem_cache *s, const char *name)
{
	char path[ID_STR_LENGTH + 256 + 64];

	if (!slab_name_ok(name))
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(slab_attrs); i++) {
		int err;

		snprintf(path, sizeof(path), SLAB_SYSFS "/%s/%s", name, slab_attrs[i].name);
		err = kernfs_create_file(m, path, slab_attrs[i].mode, &slab_attrs[i].ops, s);
		if (err) {
			snprintf(path, sizeof(path), SLAB_SYSFS "/%s", name);
			kernfs_remove(m, path);
			return err;
		}
	}
	return 0;
}

/* Remove SLAB_SYSFS/@name if it holds @s's files. */
static void slab_remove_files(struct machine *m, struct kmem_cache *s, const char *name)
{
	char path[ID_STR_LENGTH + 256];

	if (!slab_name_ok(name) || slab_dir_owner(m, name) != s)
		return;
	snprintf(path, sizeof(path), SLAB_SYSFS "/%s", name);
	kernfs_remove(m, path);
}

int sysfs_slab_alias(struct machine *m, struct kmem_cache *s, const char *name)
{
	char path[ID_STR_LENGTH + 256];

	if (m->slab_state < FULL)
		return 0;	/* slab_sysfs_init registers s->aliases later */
	if (!slab_name_ok(name))
		return -EINVAL;
	/* sysfs_remove_link: an older alias of that name goes, a real directory stays. */
	if (slab_dir_owner(m, name) && !slab_dir_is_real(m, name)) {
		snprintf(path, sizeof(path), SLAB_SYSFS "/%s", name);
		kernfs_remove(m, path);
	}
	return slab_create_files(m, s, name);
}

int sysfs_slab_add(struct machine *m, struct kmem_cache *s)
{
	char id[ID_STR_LENGTH];
	int err;

	if (m->slab_state < FULL)
		return 0;	/* slab_sysfs_init adds it */
	if (slab_unmergeable(m, s)) {
		/* A cache that never merges keeps its name. */
		if (slab_dir_owner(m, s->name) && !slab_dir_is_real(m, s->name)) {
			char path[ID_STR_LENGTH + 256];

			snprintf(path, sizeof(path), SLAB_SYSFS "/%s", s->name);
			kernfs_remove(m, path);
		}
		return slab_create_files(m, s, s->name);
	}
	create_unique_id(s, id, sizeof(id));
	err = slab_create_files(m, s, id);
	if (err)
		return err;
	return sysfs_slab_alias(m, s, s->name);	/* the first alias */
}

void sysfs_slab_release(struct machine *m, struct kmem_cache *s)
{
	struct kmem_cache_alias *a;
	char id[ID_STR_LENGTH];

	create_unique_id(s, id, sizeof(id));
	slab_remove_files(m, s, id);
	slab_remove_files(m, s, s->name);
	if (s->aliases.next)
		list_for_each_entry(a, &s->aliases, list)
			slab_remove_files(m, s, a->name);
}

int slab_sysfs_init(struct machine *m)
{
	struct kmem_cache *s;
	struct kmem_cache_alias *a;
	int err;

	m->slab_state = FULL;
	if (!m->slab_caches.next)
		return 0;
	list_for_each_entry(s, &m->slab_caches, list) {
		err = sysfs_slab_add(m, s);
		if (err)
			pr_err(m, "SLUB: Unable to add boot slab %s to sysfs", s->name);
	}
	list_for_each_entry(s, &m->slab_caches, list) {
		if (!s->aliases.next)
			continue;
		list_for_each_entry(a, &s->aliases, list) {
			err = sysfs_slab_alias(m, s, a->name);
			if (err)
				pr_err(m, "SLUB: Unable to add boot slab alias %s to sysfs", a->name);
		}
	}
	return 0;
}
