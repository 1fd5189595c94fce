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
};

/*
 * shrinker_alloc - a zeroed shrinker named @name, not yet registered.
 * Returns NULL on host allocation failure.
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

#endif
