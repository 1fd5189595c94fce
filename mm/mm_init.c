// SPDX-License-Identifier: GPL-2.0-only
/*
 * From memblock to the buddy allocator (mm/mm_init.c): node and zone
 * geometry (free_area_init, ZONE_MOVABLE from kernelcore=/movablecore=),
 * the memmap (struct page for every pfn; memblock gives the simulated
 * machine 64 bytes per page per present 128 MiB section, as sparse vmemmap
 * does), the boot hash tables, memblock_free_all, the "Memory:" line and
 * the release of the kernel's init sections.
 *
 * Leaves out: deferred struct page init, memory hotplug, CMA, mirrored
 * memory (kernelcore=mirror).
 * Called by kernel/boot.c (start_kernel order).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "linux/machine.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/printk.h"
#include "linux/vmstat.h"
#include "asm/setup.h"

#define PAGES_PER_SECTION	(1UL << (27 - PAGE_SHIFT))	/* 128 MiB */
#define MAX_ORDER_NR_PAGES	(1UL << MAX_PAGE_ORDER)
#define STRUCT_PAGE_SIZE	64				/* Linux's, not ours */

/* The pfn limits of each zone on x86-64 (arch zone_sizes_init). */
static void arch_zone_limits(const struct machine *m, unsigned long lo[MAX_NR_ZONES],
			     unsigned long hi[MAX_NR_ZONES])
{
	unsigned long first = PFN_DOWN(m->memblock.memory.regions[0].base);
	unsigned long max_dma = PFN_DOWN(SZ_16M), max_dma32 = PFN_DOWN(SZ_4G);

	memset(lo, 0, sizeof(unsigned long) * MAX_NR_ZONES);
	memset(hi, 0, sizeof(unsigned long) * MAX_NR_ZONES);
	lo[ZONE_DMA] = first;
	hi[ZONE_DMA] = min(max_dma, m->max_pfn);
	lo[ZONE_DMA32] = hi[ZONE_DMA];
	hi[ZONE_DMA32] = max(lo[ZONE_DMA32], min(max_dma32, m->max_pfn));
	lo[ZONE_NORMAL] = hi[ZONE_DMA32];
	hi[ZONE_NORMAL] = max(lo[ZONE_NORMAL], m->max_pfn);
}

/* RAM pages of node @nid (or any node if nid < 0) in [start, end). */
static unsigned long ram_pages_in_range(const struct machine *m, int nid,
					unsigned long start, unsigned long end)
{
	const struct memblock_type *mem = &m->memblock.memory;
	unsigned long n = 0;

	for (unsigned long i = 0; i < mem->cnt; i++) {
		const struct memblock_region *r = &mem->regions[i];
		unsigned long s = PFN_UP(r->base), e = PFN_DOWN(r->base + r->size);

		if (nid >= 0 && r->nid != nid)
			continue;
		s = max(s, start);
		e = min(e, end);
		if (e > s)
			n += e - s;
	}
	return n;
}

static void node_pfn_range(const struct machine *m, int nid, unsigned long *start,
			   unsigned long *end)
{
	const struct memblock_type *mem = &m->memblock.memory;

	*start = ~0UL;
	*end = 0;
	for (unsigned long i = 0; i < mem->cnt; i++) {
		const struct memblock_region *r = &mem->regions[i];

		if (r->nid != nid)
			continue;
		*start = min(*start, (unsigned long)PFN_UP(r->base));
		*end = max(*end, (unsigned long)PFN_DOWN(r->base + r->size));
	}
	if (*start > *end)
		*start = *end = 0;
}

/* The zone ZONE_MOVABLE takes its pages from: the highest populated one. */
static int find_usable_zone_for_movable(const struct machine *m, const unsigned long *lo,
					const unsigned long *hi)
{
	for (int z = ZONE_NORMAL; z > ZONE_DMA; z--)
		if (hi[z] > lo[z] && ram_pages_in_range(m, -1, lo[z], hi[z]))
			return z;
	return ZONE_DMA;
}

/*
 * find_zone_movable_pfns_for_nodes - where ZONE_MOVABLE starts on each node.
 * kernelcore= (or total minus movablecore=) pages stay in the kernel zones,
 * spread evenly over the nodes; the rest of movable_zone becomes movable.
 */
static void find_zone_movable_pfns(struct machine *m, const unsigned long *lo,
				   const unsigned long *hi)
{
	unsigned long total = ram_pages_in_range(m, -1, 0, m->max_pfn);
	unsigned long kernelcore = 0, movablecore = 0, usable_start;
	int nodes = m->nr_node_ids;

	memset(m->zone_movable_pfn, 0, sizeof(m->zone_movable_pfn));
	if (m->bp.kernelcore_pct)
		kernelcore = total * (unsigned long)m->bp.kernelcore_pct / 100;
	else if (m->bp.kernelcore)
		kernelcore = PFN_DOWN(m->bp.kernelcore);
	if (m->bp.movablecore_pct)
		movablecore = total * (unsigned long)m->bp.movablecore_pct / 100;
	else if (m->bp.movablecore)
		movablecore = PFN_DOWN(m->bp.movablecore);
	if (movablecore) {
		movablecore = min(ALIGN(movablecore, MAX_ORDER_NR_PAGES), total);
		kernelcore = max(total - movablecore, kernelcore);
	}
	if (!kernelcore || kernelcore >= total)
		return;
	m->movable_zone = find_usable_zone_for_movable(m, lo, hi);
	usable_start = lo[m->movable_zone];

	for (int nid = 0; nid < nodes && kernelcore; nid++) {
		unsigned long per_node = kernelcore / (unsigned long)(nodes - nid);
		unsigned long s, e, below, take;

		node_pfn_range(m, nid, &s, &e);
		/* Pages below the movable zone are kernel pages anyway. */
		below = ram_pages_in_range(m, nid, s, max(s, usable_start));
		take = per_node > below ? per_node - below : 0;
		s = max(s, usable_start);
		while (s < e && take) {
			take -= ram_pages_in_range(m, nid, s, s + 1);
			s++;
		}
		m->zone_movable_pfn[nid] = min(ALIGN(s, MAX_ORDER_NR_PAGES), e);
		kernelcore -= min(kernelcore, per_node);
	}
}

/* A zone's span after ZONE_MOVABLE has taken its part of the node. */
static void zone_span(const struct machine *m, int nid, int z, const unsigned long *lo,
		      const unsigned long *hi, unsigned long *start, unsigned long *end)
{
	unsigned long ns, ne, mv = m->zone_movable_pfn[nid];

	node_pfn_range(m, nid, &ns, &ne);
	if (z == ZONE_MOVABLE) {
		*start = mv ? mv : 0;
		*end = mv ? ne : 0;
		return;
	}
	if (z == ZONE_DEVICE) {
		*start = *end = 0;
		return;
	}
	*start = max(ns, lo[z]);
	*end = min(ne, hi[z]);
	if (mv && z == m->movable_zone && *end > mv)
		*end = max(*start, mv);
	if (*end <= *start)
		*start = *end = 0;
}

static void print_zone_ranges(struct machine *m, const unsigned long *lo, const unsigned long *hi)
{
	pr_info(m, "Zone ranges:");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		if (z == ZONE_MOVABLE)
			continue;
		if (z == ZONE_DEVICE || hi[z] <= lo[z]) {
			pr_info(m, "  %-8s empty", zone_names[z]);
			continue;
		}
		pr_info(m, "  %-8s [mem 0x%016llx-0x%016llx]", zone_names[z],
			(unsigned long long)PFN_PHYS(lo[z]),
			(unsigned long long)PFN_PHYS(hi[z]) - 1);
	}
	pr_info(m, "Movable zone start for each node");
	for (int nid = 0; nid < m->nr_node_ids; nid++)
		if (m->zone_movable_pfn[nid])
			pr_info(m, "  Node %d: 0x%016llx", nid,
				(unsigned long long)PFN_PHYS(m->zone_movable_pfn[nid]));
	pr_info(m, "Early memory node ranges");
	for (unsigned long i = 0; i < m->memblock.memory.cnt; i++) {
		const struct memblock_region *r = &m->memblock.memory.regions[i];

		pr_info(m, "  node %3d: [mem 0x%016llx-0x%016llx]", r->nid,
			(unsigned long long)r->base, (unsigned long long)(r->base + r->size - 1));
	}
}

/* Pages of [start, end) whose 128 MiB section holds some RAM (pfn_valid). */
static unsigned long valid_pfns_in(const struct machine *m, unsigned long start,
				   unsigned long end)
{
	unsigned long n = 0;

	for (unsigned long sec = ALIGN_DOWN(start, PAGES_PER_SECTION); sec < end;
	     sec += PAGES_PER_SECTION) {
		unsigned long s = max(sec, start), e = min(sec + PAGES_PER_SECTION, end);

		if (ram_pages_in_range(m, -1, sec, sec + PAGES_PER_SECTION))
			n += e - s;
	}
	return n;
}

static void report_hole(struct machine *m, int nid, int z, unsigned long s, unsigned long e)
{
	unsigned long n = e > s ? valid_pfns_in(m, s, e) : 0;

	if (n)
		pr_info(m, "On node %d, zone %s: %lu pages in unavailable ranges",
			nid, zone_names[z], n);
}

/*
 * memmap_init's hole report: walking the RAM ranges in pfn order over every
 * zone, each gap (in valid sections) is logged against the zone whose range
 * follows it; the tail up to the end of the last section goes to the last.
 */
static void report_unavailable(struct machine *m)
{
	const struct memblock_type *mem = &m->memblock.memory;
	unsigned long hole = 0;
	int last_nid = 0, last_zone = 0;

	for (unsigned long i = 0; i < mem->cnt; i++) {
		const struct memblock_region *r = &mem->regions[i];
		struct pglist_data *pgdat = NODE_DATA(m, r->nid);

		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			unsigned long s = max((unsigned long)PFN_UP(r->base), zone->zone_start_pfn);
			unsigned long e = min((unsigned long)PFN_DOWN(r->base + r->size),
					      zone_end_pfn(zone));

			if (!zone->spanned_pages || e <= s)
				continue;
			if (hole < s)
				report_hole(m, r->nid, z, hole, s);
			hole = e;
			last_nid = r->nid;
			last_zone = z;
		}
	}
	report_hole(m, last_nid, last_zone, hole, ALIGN(hole, PAGES_PER_SECTION));
}

static int zone_init(struct machine *m, struct pglist_data *pgdat, int z,
		     unsigned long start, unsigned long end)
{
	struct zone *zone = &pgdat->node_zones[z];

	zone->zone_pgdat = pgdat;
	zone->node = pgdat->node_id;
	zone->name = zone_names[z];
	zone->zone_start_pfn = start;
	zone->spanned_pages = end - start;
	zone->present_pages = ram_pages_in_range(m, pgdat->node_id, start, end);
	zone->present_early_pages = zone->present_pages;
	for (int o = 0; o < NR_PAGE_ORDERS; o++)
		for (int t = 0; t < MIGRATE_TYPES; t++)
			INIT_LIST_HEAD(&zone->free_area[o].free_list[t]);
	zone->per_cpu_pageset = calloc((size_t)m->nr_cpu_ids, sizeof(struct per_cpu_pages));
	if (!zone->per_cpu_pageset)
		return -ENOMEM;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		for (int l = 0; l < NR_PCP_LISTS; l++)
			INIT_LIST_HEAD(&zone->per_cpu_pageset[cpu].lists[l]);
	/* memmap_init marks every pageblock MOVABLE */
	zone->pageblock_mt = malloc(DIV_ROUND_UP(end - start + (start & (pageblock_nr_pages - 1)),
						 pageblock_nr_pages) + 1);
	if (!zone->pageblock_mt)
		return -ENOMEM;
	memset(zone->pageblock_mt, MIGRATE_MOVABLE,
	       DIV_ROUND_UP(end - start + (start & (pageblock_nr_pages - 1)),
			    pageblock_nr_pages) + 1);
	return 0;
}

/*
 * free_area_init - size every node's zones, initialise their free lists
 * and the struct pages of their spans.  Returns 0 or -ENOMEM.
 */
static int free_area_init(struct machine *m)
{
	unsigned long lo[MAX_NR_ZONES], hi[MAX_NR_ZONES];

	arch_zone_limits(m, lo, hi);
	find_zone_movable_pfns(m, lo, hi);
	print_zone_ranges(m, lo, hi);
	for (int nid = 0; nid < m->nr_node_ids; nid++) {
		struct pglist_data *pgdat = NODE_DATA(m, nid);
		unsigned long ns, ne;

		node_pfn_range(m, nid, &ns, &ne);
		pgdat->node_start_pfn = ns;
		pgdat->node_spanned_pages = ne - ns;
		pr_info(m, "Initmem setup node %d [mem 0x%016llx-0x%016llx]", nid,
			(unsigned long long)PFN_PHYS(ns), (unsigned long long)PFN_PHYS(ne) - 1);
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			unsigned long s, e;

			zone_span(m, nid, z, lo, hi, &s, &e);
			if (zone_init(m, pgdat, z, s, e))
				return -ENOMEM;
			pgdat->node_present_pages += pgdat->node_zones[z].present_pages;
			if (pgdat->node_zones[z].present_pages)
				pgdat->nr_zones = z + 1;
			for (unsigned long pfn = s; pfn < e; pfn++) {
				struct page *p = pfn_to_page(m, pfn);

				p->nid = (u8)nid;
				p->zone_idx = (u8)z;
			}
		}
		m->physpages += pgdat->node_present_pages;
	}
	report_unavailable(m);
	return 0;
}

/*
 * sparse_init - the memmap of each node: 64 bytes for each page of every
 * present 128 MiB section, taken from that node's memory.
 */
static void sparse_init(struct machine *m)
{
	for (int nid = 0; nid < m->nr_node_ids; nid++) {
		unsigned long s, e, sections = 0;

		node_pfn_range(m, nid, &s, &e);
		for (unsigned long sec = ALIGN_DOWN(s, PAGES_PER_SECTION); sec < e;
		     sec += PAGES_PER_SECTION)
			if (ram_pages_in_range(m, nid, sec, sec + PAGES_PER_SECTION))
				sections++;
		for (unsigned long i = 0; i < sections; i++)
			memblock_phys_alloc_range(m, PAGES_PER_SECTION * STRUCT_PAGE_SIZE, SZ_2M,
						  PFN_PHYS(s), PFN_PHYS(e));
		m->memmap_pages += sections * PAGES_PER_SECTION * STRUCT_PAGE_SIZE / PAGE_SIZE;
	}
	m->memmap_stat[NR_MEMMAP_BOOT] = (long)m->memmap_pages;
}

/* Pages the kernel itself may use, as the hash-table sizing counts them. */
static unsigned long nr_kernel_pages(const struct machine *m)
{
	unsigned long n = 0;

	for (int nid = 0; nid < m->nr_node_ids; nid++) {
		for (int z = 0; z < ZONE_MOVABLE; z++) {
			unsigned long present = NODE_DATA(m, nid)->node_zones[z].present_pages;
			unsigned long memmap = PFN_UP(present * STRUCT_PAGE_SIZE);

			n += present > memmap ? present - memmap : 0;
		}
	}
	return n;
}

/*
 * alloc_large_system_hash - a boot hash table from memblock, one bucket
 * (8 bytes) per 2^scale bytes of kernel memory, rounded to a power of two.
 * With more than one node Linux spreads these over vmalloc (hashdist)
 * after boot instead; the slab/vmalloc issue accounts for that case.
 */
static void alloc_large_system_hash(struct machine *m, const char *name, int scale)
{
	unsigned long entries = nr_kernel_pages(m), size;
	int log2qty;

	if (m->nr_node_ids > 1)
		return;
	entries = ALIGN(entries, SZ_1M / PAGE_SIZE);
	entries >>= scale - PAGE_SHIFT;
	entries = roundup_pow_of_two(entries);
	log2qty = ilog2(entries);
	size = 8UL << log2qty;
	if (!memblock_phys_alloc_range(m, size, PAGE_SIZE, 0, PFN_PHYS(m->max_pfn)))
		return;
	pr_info(m, "%s hash table entries: %lu (order: %d, %lu bytes, linear)",
		name, 1UL << log2qty, ilog2(size) - PAGE_SHIFT, size);
}

/* vfs_caches_init_early: the dentry and inode hash tables. */
static void vfs_caches_init_early(struct machine *m)
{
	alloc_large_system_hash(m, "Dentry cache", 13);
	alloc_large_system_hash(m, "Inode-cache", 14);
}

/* Free [start, end) of one zone to the buddy in the largest aligned blocks. */
static void free_range_to_buddy(struct machine *m, unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = MAX_PAGE_ORDER;

		while (order && (!IS_ALIGNED(start, 1UL << order) || start + (1UL << order) > end))
			order--;
		__free_pages_core(m, pfn_to_page(m, start), order);
		start += 1UL << order;
	}
}

/*
 * Free every RAM page of @z that memblock has not reserved; mark the rest
 * PG_reserved (holes and boot allocations).
 */
static void memblock_free_zone(struct machine *m, struct zone *z)
{
	unsigned long pfn = z->zone_start_pfn, end = zone_end_pfn(z), run = 0;

	for (; pfn < end; pfn++) {
		struct page *p = pfn_to_page(m, pfn);
		bool usable = memblock_is_memory(m, pfn) && !memblock_is_reserved(m, pfn);

		if (usable) {
			ClearPageReserved(p);
			if (!run)
				run = pfn + 1;	/* run start + 1, 0 = no run */
			continue;
		}
		if (run) {
			free_range_to_buddy(m, run - 1, pfn);
			run = 0;
		}
	}
	if (run)
		free_range_to_buddy(m, run - 1, end);
}

/* memblock_free_all: from here on the buddy allocator owns memory. */
static void memblock_free_all(struct machine *m)
{
	for (int nid = 0; nid < m->nr_node_ids; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			if (NODE_DATA(m, nid)->node_zones[z].spanned_pages)
				memblock_free_zone(m, &NODE_DATA(m, nid)->node_zones[z]);
	m->reserved_pages = m->physpages - m->totalram_pages;
}

/* mem_init_print_info: the "Memory: X/Y available (...)" line. */
static void mem_init_print_info(struct machine *m)
{
	pr_info(m, "Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, "
		"%luK init, %luK bss, %luK reserved, 0K cma-reserved)",
		nr_free_pages(m) << (PAGE_SHIFT - 10), m->physpages << (PAGE_SHIFT - 10),
		m->kernel_code_kb, m->kernel_rwdata_kb, m->kernel_rodata_kb,
		m->kernel_init_kb, m->kernel_bss_kb,
		(m->physpages - m->totalram_pages) << (PAGE_SHIFT - 10));
}

/*
 * free_initmem: the kernel's __init sections go back to the buddy once
 * boot is over (free_reserved_area: the pages become managed).
 */
static void free_initmem(struct machine *m)
{
	unsigned long start = PFN_DOWN(SZ_16M) +
		((m->kernel_code_kb + m->kernel_rwdata_kb + m->kernel_rodata_kb) >> 2);
	unsigned long end = start + (m->kernel_init_kb >> 2);

	for (unsigned long pfn = start; pfn < end; pfn++) {
		ClearPageReserved(pfn_to_page(m, pfn));
		__free_pages_core(m, pfn_to_page(m, pfn), 0);
	}
	m->reserved_pages -= end - start;
	pr_info(m, "Freeing unused kernel image (initmem) memory: %luK", m->kernel_init_kb);
}

int mm_core_init_early(struct machine *m)
{
	size_t pages = m->max_pfn;

	/* The frames themselves: real bytes, backed lazily by the host. */
	m->ram = mmap(NULL, pages << PAGE_SHIFT, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m->ram == MAP_FAILED) {
		m->ram = NULL;
		return -ENOMEM;
	}
	/* One struct page per host cache line: aligned as vmemmap is. */
	if (posix_memalign((void **)&m->mem_map, 64, pages * sizeof(struct page))) {
		m->mem_map = NULL;
		return -ENOMEM;
	}
	memset(m->mem_map, 0, pages * sizeof(struct page));
	/* Every page starts reserved; memblock_free_all releases RAM. */
	for (size_t pfn = 0; pfn < pages; pfn++) {
		m->mem_map[pfn].flags = 1UL << PG_reserved;
		m->mem_map[pfn]._mapcount = -1;
		INIT_LIST_HEAD(&m->mem_map[pfn].lru);
	}
	sparse_init(m);
	return free_area_init(m);
}

int mm_core_init(struct machine *m)
{
	vfs_caches_init_early(m);
	setup_pcp_sizes(m);
	build_all_zonelists(m);
	pci_iommu_alloc(m);
	memblock_free_all(m);
	mem_init_print_info(m);
	/* init_per_zone_wmark_min (a postcore initcall) */
	calculate_min_free_kbytes(m);
	setup_per_zone_wmarks(m);
	setup_per_zone_lowmem_reserve(m);
	setup_pcp_sizes(m);
	/* khugepaged starts when THP may be used, and raises min_free_kbytes */
	if (m->bp.thp != THP_NEVER)
		set_recommended_min_free_kbytes(m);
	/* kernel_init frees the init sections last; watermarks stay as set */
	free_initmem(m);
	return 0;
}

void mm_core_release(struct machine *m)
{
	for (int nid = 0; nid < MAX_NUMNODES; nid++) {
		struct pglist_data *pgdat = m->node_data[nid];

		if (!pgdat)
			continue;
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			free(pgdat->node_zones[z].per_cpu_pageset);
			free(pgdat->node_zones[z].pageblock_mt);
		}
		free(pgdat);
		m->node_data[nid] = NULL;
	}
	free(m->mem_map);
	m->mem_map = NULL;
	if (m->ram)
		munmap(m->ram, m->max_pfn << PAGE_SHIFT);
	m->ram = NULL;
}
