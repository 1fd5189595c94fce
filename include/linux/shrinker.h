/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shrinkers (mm/shrinker.c): caches of reclaimable kernel objects (dentries,
 * inodes, later the zswap pool ...) register a count and a scan function;
 * drop_caches and, later, reclaim call them.  Names as include/linux/shrinker.h.
 */
#ifndef _LINUX_SHRINKER_H
#define _LINUX_SHRINKER_H

#include "linux/list.h"
#include "linux/gfp.h"

#define SHRINK_STOP	(~0UL)
#define SHRINK_EMPTY	(~0UL - 1)
#define DEFAULT_SEEKS	2
#define SHRINK_BATCH	128	/* objects per scan call when ->batch is 0 */

/* shrinker->flags, as Linux numbers them */
#define SHRINKER_REGISTERED	(1U << 0)	/* on m->shrinker_list */
#define SHRINKER_ALLOCATED	(1U << 1)	/* came from shrinker_alloc */
#define SHRINKER_MEMCG_AWARE	(1U << 2)	/* accepted, no memcgs yet */
#define SHRINKER_NUMA_AWARE	(1U << 3)	/* deferred work kept per node */
#define SHRINKER_NONSLAB	(1U << 4)

struct machine;

/* What a shrinker is asked to do (struct shrink_control). */
struct shrink_control {
	gfp_t gfp_mask;			/* the allocation that needs memory */
	int nid;			/* node being shrunk */
	unsigned long nr_to_scan;	/* objects to scan this call */
	unsigned long nr_scanned;	/* objects actually scanned (set by scan) */
};

struct shrinker {
	/* Objects that could be freed now (0 or SHRINK_EMPTY: nothing). */
	unsigned long (*count_objects)(struct machine *m, struct shrinker *s,
				       struct shrink_control *sc);
	/* Free up to sc->nr_to_scan; return how many were freed or SHRINK_STOP. */
	unsigned long (*scan_objects)(struct machine *m, struct shrinker *s,
				      struct shrink_control *sc);
	long batch;		/* objects per scan call (0: SHRINK_BATCH 128) */
	int seeks;		/* cost to recreate an object (DEFAULT_SEEKS) */
	unsigned int flags;
	void *private_data;
	char name[32];		/* as /sys/kernel/debug/shrinker names them */
	struct list_head list;	/* on m->shrinker_list */
	/* Scan work owed from earlier calls: [nr_node_ids] if NUMA aware, else [1]. */
	long *nr_deferred;
};

/*
 * shrinker_alloc - a zeroed shrinker named @name (truncated to 31
 * characters), not yet registered, kzalloc'd from the machine's slab as
 * Linux does (needs kmalloc up).  Returns NULL when kmalloc fails.
 */
struct shrinker *shrinker_alloc(struct machine *m, unsigned int flags, const char *name);
/* shrinker_register - make @s visible to drop_slab and reclaim. */
void shrinker_register(struct machine *m, struct shrinker *s);
/* shrinker_free - unregister (if registered) and free @s. */
void shrinker_free(struct machine *m, struct shrinker *s);
/*
 * shrink_slab - call every shrinker on node @nid; returns objects freed.
 * @priority as in reclaim (0 = scan everything).
 */
unsigned long shrink_slab(struct machine *m, gfp_t gfp, int nid, int priority);
/* drop_slab - what `echo 2 > /proc/sys/vm/drop_caches` does. */
void drop_slab(struct machine *m);

/*
 * Test shrinkers for the kernel actor (kernel/kactor_shrinker.c): a
 * shrinker named @name whose count_objects returns @count(@ctx) and whose
 * scan_objects returns @scan(@ctx, nr_to_scan) (objects freed, or
 * SHRINK_STOP).  Returns 0, -EINVAL (empty name, longer than 31
 * characters, or a NULL function), -EEXIST (a kernel actor shrinker of
 * that name is registered) or -ENOMEM.
 */
int kactor_register_shrinker(struct machine *m, const char *name,
			     unsigned long (*count)(void *ctx),
			     unsigned long (*scan)(void *ctx, unsigned long nr),
			     void *ctx);
/* kactor_unregister_shrinker - free the kernel actor shrinker @name.
 * Returns 0, or -ENOENT if there is none of that name. */
int kactor_unregister_shrinker(struct machine *m, const char *name);

#endif
