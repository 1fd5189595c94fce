// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shrinkers (Linux's mm/shrinker.c and the drop_slab half of mm/vmscan.c):
 * owners of reclaimable kernel objects (dentries, inodes, later the zswap
 * pool) register a count_objects and a scan_objects function; drop_caches
 * and reclaim call shrink_slab, which asks each shrinker for a share of its
 * objects scaled by the reclaim priority and the shrinker's seeks, in
 * batches, carrying over what was not scanned (nr_deferred) to next time.
 *
 * Leaves out: memcg-aware shrinking (no memory cgroups yet: a MEMCG_AWARE
 * shrinker is treated as a global one, as Linux does with memcg disabled),
 * the shrinker debugfs files, RCU and refcounting of shrinkers (one thread
 * runs the machine).
 * Callers: owners of caches (shrinker_alloc/register/free), kernel/sysctl.c
 * (drop_caches), later mm/vmscan.c (shrink_node).
 */
#include <stdio.h>
#include <string.h>
#include "linux/machine.h"
#include "linux/shrinker.h"
#include "linux/slab.h"
#include "linux/vmstat.h"

/* m->shrinker_list, initialised on first use (a zeroed machine has none). */
static struct list_head *shrinker_list(struct machine *m)
{
	if (!m->shrinker_list.next)
		INIT_LIST_HEAD(&m->shrinker_list);
	return &m->shrinker_list;
}

struct shrinker *shrinker_alloc(struct machine *m, unsigned int flags, const char *name)
{
	struct shrinker *s = kzalloc(m, sizeof(*s), GFP_KERNEL);
	int nr = (flags & SHRINKER_NUMA_AWARE) ? m->nr_node_ids : 1;

	if (!s)
		return NULL;
	s->nr_deferred = kcalloc(m, nr, sizeof(*s->nr_deferred), GFP_KERNEL);
	if (!s->nr_deferred) {
		kfree(m, s);
		return NULL;
	}
	s->flags = (flags & ~SHRINKER_REGISTERED) | SHRINKER_ALLOCATED;
	s->seeks = DEFAULT_SEEKS;
	snprintf(s->name, sizeof(s->name), "%s", name ? name : "");
	INIT_LIST_HEAD(&s->list);
	return s;
}

void shrinker_register(struct machine *m, struct shrinker *s)
{
	if (!(s->flags & SHRINKER_ALLOCATED)) {
		pr_warn(m, "Must use shrinker_alloc() to dynamically allocate the shrinker");
		return;
	}
	if (s->flags & SHRINKER_REGISTERED)
		return;
	list_add_tail(&s->list, shrinker_list(m));
	s->flags |= SHRINKER_REGISTERED;
}

void shrinker_free(struct machine *m, struct shrinker *s)
{
	if (!s)
		return;
	if (s->flags & SHRINKER_REGISTERED) {
		list_del(&s->list);
		s->flags &= ~SHRINKER_REGISTERED;
	}
	kfree(m, s->nr_deferred);
	kfree(m, s);
}

/* The deferred-work slot of @s for @sc's node (node 0 unless NUMA aware). */
static long *nr_deferred_slot(struct shrinker *s, const struct shrink_control *sc)
{
	int nid = (s->flags & SHRINKER_NUMA_AWARE) ? sc->nid : 0;

	return &s->nr_deferred[nid];
}

/*
 * do_shrink_slab - ask @s for its share of objects at @priority.  The
 * share is freeable >> priority, times 4 / seeks (half of everything for
 * seeks == 0), plus the deferred work >> priority, at most twice the
 * freeable count; it is scanned in batches of s->batch, the last one
 * shorter only if the share covers every freeable object.  Work neither
 * done now nor by earlier calls is deferred to the next call.  Returns
 * the objects freed, or 0/SHRINK_EMPTY when the shrinker has nothing.
 */
static unsigned long do_shrink_slab(struct machine *m, struct shrink_control *sc,
				    struct shrinker *s, int priority)
{
	long batch = s->batch ? s->batch : SHRINK_BATCH;
	unsigned long freed = 0, count;
	long freeable, nr, total_scan, scanned = 0, next;
	unsigned long long delta;
	long *deferred = nr_deferred_slot(s, sc);

	count = s->count_objects(m, s, sc);
	if (count == 0 || count == SHRINK_EMPTY)
		return count;
	freeable = (long)count;

	nr = *deferred;
	*deferred = 0;
	if (s->seeks) {
		delta = (unsigned long long)(freeable >> priority) * 4;
		delta /= (unsigned int)s->seeks;
	} else {
		delta = freeable / 2;
	}

	total_scan = (nr >> priority) + (long)delta;
	total_scan = min(total_scan, 2 * freeable);

	while (total_scan >= batch || total_scan >= freeable) {
		unsigned long nr_to_scan = min(batch, total_scan);
		unsigned long ret;

		sc->nr_to_scan = nr_to_scan;
		sc->nr_scanned = nr_to_scan;
		ret = s->scan_objects(m, s, sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;
		count_vm_events(m, SLABS_SCANNED, sc->nr_scanned);
		total_scan -= (long)sc->nr_scanned;
		scanned += (long)sc->nr_scanned;
	}

	next = max(nr + (long)delta - scanned, 0L);
	next = min(next, 2 * freeable);
	*deferred += next;
	return freed;
}

unsigned long shrink_slab(struct machine *m, gfp_t gfp, int nid, int priority)
{
	struct list_head *head = shrinker_list(m);
	struct shrinker *s;
	unsigned long freed = 0;

	list_for_each_entry(s, head, list) {
		struct shrink_control sc = { .gfp_mask = gfp, .nid = nid };
		unsigned long ret = do_shrink_slab(m, &sc, s, priority);

		if (ret == SHRINK_EMPTY)
			ret = 0;
		freed += ret;
	}
	return freed;
}

void drop_slab(struct machine *m)
{
	unsigned long freed;
	int shift = 0;

	/* Again while a round freed more than 2^shift * 2 objects. */
	do {
		struct pglist_data *pgdat;
		int nid;

		freed = 0;
		for_each_online_pgdat(m, pgdat, nid)
			freed += shrink_slab(m, GFP_KERNEL, nid, 0);
	} while ((freed >> shift++) > 1);
}
