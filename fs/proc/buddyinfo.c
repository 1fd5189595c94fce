// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/buddyinfo and /proc/pagetypeinfo (mm/vmstat.c frag_show and
 * pagetypeinfo_show): free blocks per order for every populated zone, then
 * per migratetype, then how many pageblocks each migratetype owns.
 *
 * Leaves out: the "Number of mixed blocks" table (it needs page_owner).
 * Reads state only.  Registered by fs/proc/root.c.
 */
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"

#define SECTION_SIZE_BITS	27	/* x86-64 sparsemem: 128 MiB sections */
#define PFN_SECTION_SHIFT	(SECTION_SIZE_BITS - PAGE_SHIFT)

/* Linux walks list entries and stops counting here (pagetypeinfo_showfree_print). */
#define PAGETYPEINFO_FREECOUNT_CAP	100000UL

static void frag_show_print(struct seq_file *sf, const struct pglist_data *pgdat,
			    const struct zone *zone)
{
	seq_printf(sf, "Node %d, zone %8s ", pgdat->node_id, zone_names[zone - pgdat->node_zones]);
	for (int order = 0; order < NR_PAGE_ORDERS; order++)
		seq_printf(sf, "%6lu ", zone->free_area[order].nr_free);
	seq_putc(sf, '\n');
}

static int buddyinfo_show(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	const struct pglist_data *pgdat;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			if (populated_zone(&pgdat->node_zones[z]))
				frag_show_print(sf, pgdat, &pgdat->node_zones[z]);
	return 0;
}

static void pagetypeinfo_showfree_print(struct seq_file *sf, const struct pglist_data *pgdat,
					const struct zone *zone)
{
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		seq_printf(sf, "Node %4d, zone %8s, type %12s ", pgdat->node_id,
			   zone_names[zone - pgdat->node_zones], migratetype_names[mt]);
		for (int order = 0; order < NR_PAGE_ORDERS; order++) {
			const struct list_head *head = &zone->free_area[order].free_list[mt];
			unsigned long count = 0;
			bool overflow = false;

			for (const struct list_head *p = head->next; p != head; p = p->next)
				if (++count >= PAGETYPEINFO_FREECOUNT_CAP) {
					overflow = true;
					break;
				}
			seq_printf(sf, "%s%6lu ", overflow ? ">" : "", count);
		}
		seq_putc(sf, '\n');
	}
}

/*
 * pfn_to_online_page: a pfn has a struct page when its 128 MiB memory
 * section holds any RAM (sparsemem), holes inside such a section included.
 */
static bool pfn_section_present(const struct machine *m, unsigned long pfn)
{
	const struct memblock_type *mem = &m->memblock.memory;
	u64 sec_start = PFN_PHYS(pfn >> PFN_SECTION_SHIFT << PFN_SECTION_SHIFT);
	u64 sec_end = sec_start + (1ULL << SECTION_SIZE_BITS);

	for (unsigned long i = 0; i < mem->cnt; i++) {
		u64 b = mem->regions[i].base, e = b + mem->regions[i].size;

		if (b < sec_end && e > sec_start)
			return true;
	}
	return false;
}

/* Pageblocks of the zone per migratetype, stepping from zone_start_pfn as Linux does. */
static void pagetypeinfo_showblockcount_print(struct seq_file *sf,
					      const struct pglist_data *pgdat,
					      const struct zone *zone)
{
	const struct machine *m = sf->machine;
	unsigned long count[MIGRATE_TYPES] = { 0 };

	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		int mt;

		if (!pfn_valid(m, pfn) || !pfn_section_present(m, pfn))
			continue;
		mt = get_pageblock_migratetype(m, pfn);
		if (mt >= 0 && mt < MIGRATE_TYPES)
			count[mt]++;
	}
	seq_printf(sf, "Node %d, zone %8s ", pgdat->node_id, zone_names[zone - pgdat->node_zones]);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(sf, "%12lu ", count[mt]);
	seq_putc(sf, '\n');
}

static bool pgdat_has_memory(const struct pglist_data *pgdat)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		if (populated_zone(&pgdat->node_zones[z]))
			return true;
	return false;
}

static int pagetypeinfo_show(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	const struct pglist_data *pgdat;
	int nid;

	for_each_online_pgdat(m, pgdat, nid) {
		if (!pgdat_has_memory(pgdat))
			continue;	/* memoryless node: nothing, as Linux */
		seq_printf(sf, "Page block order: %d\n", pageblock_order);
		seq_printf(sf, "Pages per block:  %lu\n", pageblock_nr_pages);
		seq_putc(sf, '\n');

		seq_printf(sf, "%-43s ", "Free pages count per migrate type at order");
		for (int order = 0; order < NR_PAGE_ORDERS; order++)
			seq_printf(sf, "%6d ", order);
		seq_putc(sf, '\n');
		for (int z = 0; z < MAX_NR_ZONES; z++)
			if (populated_zone(&pgdat->node_zones[z]))
				pagetypeinfo_showfree_print(sf, pgdat, &pgdat->node_zones[z]);

		seq_printf(sf, "\n%-23s", "Number of blocks type ");
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_printf(sf, "%12s ", migratetype_names[mt]);
		seq_putc(sf, '\n');
		for (int z = 0; z < MAX_NR_ZONES; z++)
			if (populated_zone(&pgdat->node_zones[z]))
				pagetypeinfo_showblockcount_print(sf, pgdat, &pgdat->node_zones[z]);
	}
	return 0;
}

static const struct kernfs_ops buddyinfo_ops = { .show = buddyinfo_show };
static const struct kernfs_ops pagetypeinfo_ops = { .show = pagetypeinfo_show };

int proc_buddyinfo_init(struct machine *m)
{
	int ret = kernfs_create_file(m, "/proc/buddyinfo", 0444, &buddyinfo_ops, NULL);

	if (ret)
		return ret;
	return kernfs_create_file(m, "/proc/pagetypeinfo", 0400, &pagetypeinfo_ops, NULL);
}
