/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Counter updates and reads (mm/vmstat.c).  Linux batches per-CPU deltas
 * and folds them into the zone, node and global counters; mmsim keeps the
 * zone and node counters exact and sums them for the global view, so every
 * read is exact (docs/divergences.md).
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include "linux/machine.h"
#include "linux/mmzone.h"

extern const char *const zone_stat_names[NR_VM_ZONE_STAT_ITEMS];
extern const char *const numa_stat_names[NR_VM_NUMA_EVENT_ITEMS];
extern const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS];
extern const char *const writeback_stat_names[NR_VM_WRITEBACK_STAT_ITEMS];
extern const char *const memmap_stat_names[NR_MEMMAP_STAT_ITEMS];
extern const char *const vm_event_names[NR_VM_EVENT_ITEMS];

static inline void mod_zone_page_state(struct zone *z, enum zone_stat_item i, long d)
{
	z->vm_stat[i] += d;
}
static inline unsigned long zone_page_state(const struct zone *z, enum zone_stat_item i)
{
	return z->vm_stat[i] < 0 ? 0 : (unsigned long)z->vm_stat[i];
}
static inline void mod_node_page_state(struct pglist_data *p, enum node_stat_item i, long d)
{
	p->vm_stat[i] += d;
}
static inline unsigned long node_page_state(const struct pglist_data *p, enum node_stat_item i)
{
	return p->vm_stat[i] < 0 ? 0 : (unsigned long)p->vm_stat[i];
}

/* Sum of a zone counter over every zone of every node. */
unsigned long global_zone_page_state(const struct machine *m, enum zone_stat_item i);
/* Sum of a node counter over every node. */
unsigned long global_node_page_state(const struct machine *m, enum node_stat_item i);
/* Sum of a NUMA event over every zone. */
unsigned long global_numa_event_state(const struct machine *m, enum numa_stat_item i);
/* Sum of a node's zones' counter. */
unsigned long sum_zone_node_page_state(const struct pglist_data *p, enum zone_stat_item i);
/* Sum of a node's zones' NUMA event. */
unsigned long sum_zone_numa_event_state(const struct pglist_data *p, enum numa_stat_item i);

/*
 * Count @delta events of @item (global, as /proc/vmstat shows them).
 * Inline: the fault and allocation paths count several per fault.
 */
static inline void count_vm_events(struct machine *m, enum vm_event_item item,
				   unsigned long delta)
{
	m->vm_events[item] += delta;
}
static inline void count_vm_event(struct machine *m, enum vm_event_item item)
{
	count_vm_events(m, item, 1);
}

/* Free pages in the machine (NR_FREE_PAGES over all zones). */
unsigned long nr_free_pages(const struct machine *m);

/* The "vm stats threshold" zoneinfo shows for @z (calculate_normal_threshold). */
int zone_stat_threshold(const struct machine *m, const struct zone *z);

#endif
