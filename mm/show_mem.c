// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Mem-Info dump (mm/show_mem.c __show_mem), the page allocation
 * failure report around it (mm/page_alloc.c warn_alloc, lib/dump_stack.c)
 * and MemAvailable (si_mem_available).  Everything goes to the machine's
 * kernel log in Linux 6.18's words and layout.
 *
 * Leaves out: rate limiting of the report; cpuset node filtering (every
 * node is allowed, so Linux would not filter either); register dumps.  The
 * stack trace names the real call chain of the slow path with +0x0/0x0 in
 * place of code offsets (docs/divergences.md).  Hugetlb, swap and page
 * cache figures print their counters, 0 until those mechanisms exist.
 *
 * Callers: the page allocator's slow path (warn_alloc), the OOM killer
 * later (show_mem), fs/proc/meminfo.c (si_mem_available).
 */
#include <stdarg.h>
#include <stdio.h>
#include "linux/gfp.h"
#include "linux/bug.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/vmstat.h"

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

/* What dump_stack prints after the comm: uname -r, the build, preemption. */
#define DUMP_STACK_KERNEL	"6.18.0-mmsim #1 PREEMPT(none)"

/* kswapd_failures >= MAX_RECLAIM_RETRIES: no kswapd yet, so never. */
static bool pgdat_unreclaimable(const struct pglist_data *pgdat)
{
	return false;
}

long si_mem_available(const struct machine *m)
{
	unsigned long wmark_low = 0, pagecache, reclaimable;
	const struct pglist_data *pgdat;
	long available;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			wmark_low += low_wmark_pages(&pgdat->node_zones[z]);

	available = (long)global_zone_page_state(m, NR_FREE_PAGES) -
		    (long)m->totalreserve_pages;

	/* Half the page cache, or the low watermarks' worth, must stay. */
	pagecache = global_node_page_state(m, NR_ACTIVE_FILE) +
		    global_node_page_state(m, NR_INACTIVE_FILE);
	pagecache -= min(pagecache / 2, wmark_low);
	available += (long)pagecache;

	/* The same for reclaimable slab and other reclaimable kernel memory. */
	reclaimable = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B) +
		      global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE);
	reclaimable -= min(reclaimable / 2, wmark_low);
	available += (long)reclaimable;

	return available < 0 ? 0 : available;
}

/* Pages on every CPU's pcp lists of the populated zones <= @max_zone_idx. */
static unsigned long free_pcp_pages(const struct machine *m, const struct pglist_data *only,
				    int max_zone_idx)
{
	const struct pglist_data *pgdat;
	unsigned long sum = 0;
	int nid;

	for_each_online_pgdat(m, pgdat, nid) {
		if (only && pgdat != only)
			continue;
		for (int z = 0; z <= max_zone_idx; z++) {
			const struct zone *zone = &pgdat->node_zones[z];

			if (!populated_zone(zone) || !zone->per_cpu_pageset)
				continue;
			for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
				sum += (unsigned long)zone->per_cpu_pageset[cpu].count;
		}
	}
	return sum;
}

static void show_global_counts(struct machine *m, int max_zone_idx)
{
	pr_warn(m, "active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n"
		" active_file:%lu inactive_file:%lu isolated_file:%lu\n"
		" unevictable:%lu dirty:%lu writeback:%lu\n"
		" slab_reclaimable:%lu slab_unreclaimable:%lu\n"
		" mapped:%lu shmem:%lu pagetables:%lu\n"
		" sec_pagetables:%lu bounce:%lu\n"
		" kernel_misc_reclaimable:%lu\n"
		" free:%lu free_pcp:%lu free_cma:%lu\n",
		global_node_page_state(m, NR_ACTIVE_ANON),
		global_node_page_state(m, NR_INACTIVE_ANON),
		global_node_page_state(m, NR_ISOLATED_ANON),
		global_node_page_state(m, NR_ACTIVE_FILE),
		global_node_page_state(m, NR_INACTIVE_FILE),
		global_node_page_state(m, NR_ISOLATED_FILE),
		global_node_page_state(m, NR_UNEVICTABLE),
		global_node_page_state(m, NR_FILE_DIRTY),
		global_node_page_state(m, NR_WRITEBACK),
		global_node_page_state(m, NR_SLAB_RECLAIMABLE_B),
		global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B),
		global_node_page_state(m, NR_FILE_MAPPED),
		global_node_page_state(m, NR_SHMEM),
		global_node_page_state(m, NR_PAGETABLE),
		global_node_page_state(m, NR_SECONDARY_PAGETABLE),
		0UL,
		global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE),
		global_zone_page_state(m, NR_FREE_PAGES),
		free_pcp_pages(m, NULL, max_zone_idx),
		global_zone_page_state(m, NR_FREE_CMA_PAGES));
}

static bool node_has_managed_zones(const struct pglist_data *pgdat, int max_zone_idx)
{
	for (int z = 0; z <= max_zone_idx; z++)
		if (managed_zone(&pgdat->node_zones[z]))
			return true;
	return false;
}

static void show_node_counts(struct machine *m, const struct pglist_data *pgdat)
{
	const long *s = pgdat->vm_stat;
#define NK(item)	K(s[item] < 0 ? 0 : s[item])

	pr_warn(m, "Node %d active_anon:%lukB inactive_anon:%lukB active_file:%lukB"
		" inactive_file:%lukB unevictable:%lukB isolated(anon):%lukB"
		" isolated(file):%lukB mapped:%lukB dirty:%lukB writeback:%lukB"
		" shmem:%lukB shmem_thp:%lukB shmem_pmdmapped:%lukB anon_thp:%lukB"
		" kernel_stack:%lukB pagetables:%lukB sec_pagetables:%lukB"
		" all_unreclaimable? %s Balloon:%lukB\n",
		pgdat->node_id, NK(NR_ACTIVE_ANON), NK(NR_INACTIVE_ANON),
		NK(NR_ACTIVE_FILE), NK(NR_INACTIVE_FILE), NK(NR_UNEVICTABLE),
		NK(NR_ISOLATED_ANON), NK(NR_ISOLATED_FILE), NK(NR_FILE_MAPPED),
		NK(NR_FILE_DIRTY), NK(NR_WRITEBACK), NK(NR_SHMEM), NK(NR_SHMEM_THPS),
		NK(NR_SHMEM_PMDMAPPED), NK(NR_ANON_THPS),
		node_page_state(pgdat, NR_KERNEL_STACK_KB), NK(NR_PAGETABLE),
		NK(NR_SECONDARY_PAGETABLE), pgdat_unreclaimable(pgdat) ? "yes" : "no",
		NK(NR_BALLOON_PAGES));
#undef NK
}

static void show_zone_counts(struct machine *m, const struct zone *zone)
{
	const struct per_cpu_pages *local = &zone->per_cpu_pageset[m->current_cpu];
	unsigned long free_pcp = 0;

	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		free_pcp += (unsigned long)zone->per_cpu_pageset[cpu].count;

	pr_warn(m, "Node %d %s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB"
		" reserved_highatomic:%luKB active_anon:%lukB inactive_anon:%lukB"
		" active_file:%lukB inactive_file:%lukB unevictable:%lukB"
		" writepending:%lukB present:%lukB managed:%lukB mlocked:%lukB"
		" bounce:%lukB free_pcp:%lukB local_pcp:%lukB free_cma:%lukB\n",
		zone_to_nid(zone), zone_names[zone_idx(zone)],
		K(zone_page_state(zone, NR_FREE_PAGES)), K(zone->watermark_boost),
		K(min_wmark_pages(zone)), K(low_wmark_pages(zone)),
		K(high_wmark_pages(zone)), K(zone->nr_reserved_highatomic),
		K(zone_page_state(zone, NR_ZONE_ACTIVE_ANON)),
		K(zone_page_state(zone, NR_ZONE_INACTIVE_ANON)),
		K(zone_page_state(zone, NR_ZONE_ACTIVE_FILE)),
		K(zone_page_state(zone, NR_ZONE_INACTIVE_FILE)),
		K(zone_page_state(zone, NR_ZONE_UNEVICTABLE)),
		K(zone_page_state(zone, NR_ZONE_WRITE_PENDING)),
		K(zone->present_pages), K(zone_managed_pages(zone)),
		K(zone_page_state(zone, NR_MLOCK)), 0UL, K(free_pcp),
		K(local->count), K(zone_page_state(zone, NR_FREE_CMA_PAGES)));

	pr_warn(m, "lowmem_reserve[]:");
	for (int i = 0; i < MAX_NR_ZONES; i++)
		pr_cont(m, " %ld", zone->lowmem_reserve[i]);
	pr_cont(m, "\n");
}

/* show_migration_types: letters of the migratetypes with free blocks. */
static void show_migration_types(struct machine *m, unsigned int types)
{
	static const char letters[MIGRATE_TYPES] = {
		[MIGRATE_UNMOVABLE] = 'U', [MIGRATE_MOVABLE] = 'M',
		[MIGRATE_RECLAIMABLE] = 'E', [MIGRATE_HIGHATOMIC] = 'H',
		[MIGRATE_ISOLATE] = 'I',
	};
	char tmp[MIGRATE_TYPES + 1];
	int n = 0;

	for (int t = 0; t < MIGRATE_TYPES; t++)
		if (types & (1u << t))
			tmp[n++] = letters[t];
	tmp[n] = '\0';
	pr_cont(m, "(%s) ", tmp);
}

/* "Node 0 DMA: 1*4kB (U) 0*8kB ... = 15360kB" */
static void show_zone_buddy(struct machine *m, const struct zone *zone)
{
	unsigned long total = 0;

	pr_warn(m, "Node %d %s: ", zone_to_nid(zone), zone_names[zone_idx(zone)]);
	for (int order = 0; order < NR_PAGE_ORDERS; order++) {
		const struct free_area *area = &zone->free_area[order];
		unsigned int types = 0;

		for (int t = 0; t < MIGRATE_TYPES; t++)
			if (!list_empty(&area->free_list[t]))
				types |= 1u << t;
		total += area->nr_free << order;
		pr_cont(m, "%lu*%lukB ", area->nr_free, K(1UL) << order);
		if (area->nr_free)
			show_migration_types(m, types);
	}
	pr_cont(m, "= %lukB\n", K(total));
}

static void show_free_areas(struct machine *m, int max_zone_idx)
{
	struct pglist_data *pgdat;
	int nid;

	show_global_counts(m, max_zone_idx);

	for_each_online_pgdat(m, pgdat, nid)
		if (node_has_managed_zones(pgdat, max_zone_idx))
			show_node_counts(m, pgdat);

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z <= max_zone_idx; z++)
			if (populated_zone(&pgdat->node_zones[z]))
				show_zone_counts(m, &pgdat->node_zones[z]);

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z <= max_zone_idx; z++)
			if (populated_zone(&pgdat->node_zones[z]))
				show_zone_buddy(m, &pgdat->node_zones[z]);

	/* hugetlb_show_meminfo_node: the 1G and 2M hstates, no pools yet */
	for_each_online_pgdat(m, pgdat, nid) {
		pr_info(m, "Node %d hugepages_total=0 hugepages_free=0 hugepages_surp=0"
			" hugepages_size=1048576kB\n", nid);
		pr_info(m, "Node %d hugepages_total=0 hugepages_free=0 hugepages_surp=0"
			" hugepages_size=2048kB\n", nid);
	}

	pr_warn(m, "%ld total pagecache pages\n",
		(long)global_node_page_state(m, NR_FILE_PAGES));

	/* show_swap_cache_info: no swap devices yet */
	pr_warn(m, "%lu pages in swap cache\n", global_node_page_state(m, NR_SWAPCACHE));
	pr_warn(m, "Free swap  = %ldkB\n", 0L);
	pr_warn(m, "Total swap = %lukB\n", 0UL);
}

void __show_mem(struct machine *m, int max_zone_idx)
{
	unsigned long total = 0, reserved = 0;
	struct pglist_data *pgdat;
	int nid;

	if (max_zone_idx < 0 || max_zone_idx >= MAX_NR_ZONES)
		max_zone_idx = MAX_NR_ZONES - 1;

	pr_warn(m, "Mem-Info:\n");
	show_free_areas(m, max_zone_idx);

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			const struct zone *zone = &pgdat->node_zones[z];

			if (!populated_zone(zone))
				continue;
			total += zone->present_pages;
			reserved += zone->present_pages - zone_managed_pages(zone);
		}
	pr_warn(m, "%lu pages RAM\n", total);
	pr_warn(m, "%lu pages HighMem/MovableOnly\n", 0UL);	/* no highmem on x86-64 */
	pr_warn(m, "%lu pages reserved\n", reserved);
}

void show_mem(struct machine *m)
{
	__show_mem(m, MAX_NR_ZONES - 1);
}

void dump_stack_frames(struct machine *m, const char *const *frames, size_t nr_frames)
{
	char taint[40];

	pr_warn(m, "CPU: %d UID: 0 PID: %d Comm: %.20s %s " DUMP_STACK_KERNEL " \n",
		m->current_cpu, m->current_pid, m->current_comm,
		print_tainted(m, taint, sizeof(taint)));
	pr_warn(m, "Call Trace:\n");
	pr_warn(m, " <TASK>\n");
	for (size_t i = 0; i < nr_frames; i++)
		pr_warn(m, " %s+0x0/0x0\n", frames[i]);
	pr_warn(m, " </TASK>\n");
}

static bool has_managed_dma(const struct machine *m)
{
	const struct pglist_data *pgdat;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		if (managed_zone(&pgdat->node_zones[ZONE_DMA]))
			return true;
	return false;
}

void warn_alloc_msg(struct machine *m, gfp_t gfp, const char *const *frames,
		    size_t nr_frames, const char *fmt, ...)
{
	const char *chain[16] = { "dump_stack_lvl", "warn_alloc" };
	char flags[256], msg[256];
	size_t nr = 2;
	va_list ap;

	if ((gfp & __GFP_NOWARN) || ((gfp & __GFP_DMA) && !has_managed_dma(m)))
		return;

	for (size_t i = 0; i < nr_frames && nr < ARRAY_SIZE(chain); i++)
		chain[nr++] = frames[i];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	gfp_format(gfp, flags, sizeof(flags));
	pr_warn(m, "%s: %s, mode:0x%x(%s), nodemask=(null)", m->current_comm, msg, gfp, flags);
	/* cpuset_print_current_mems_allowed: the root cpuset, every node */
	pr_cont(m, ",cpuset=/,mems_allowed=0");
	if (m->nr_node_ids > 1)
		pr_cont(m, "-%d", m->nr_node_ids - 1);
	pr_cont(m, "\n");
	dump_stack_frames(m, chain, nr);
	__show_mem(m, (int)gfp_zone(gfp));
}

void warn_alloc(struct machine *m, gfp_t gfp, unsigned int order)
{
	static const char *const frames[] = {
		"__alloc_pages_slowpath.constprop.0", "__alloc_frozen_pages_noprof",
		"__alloc_pages_noprof",
	};

	warn_alloc_msg(m, gfp, frames, ARRAY_SIZE(frames), "page allocation failure: order:%u",
		       order);
}
