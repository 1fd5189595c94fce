// SPDX-License-Identifier: GPL-2.0-only
/*
 * How much memory the allocator keeps back (the watermark half of
 * mm/page_alloc.c, and khugepaged's raise): min_free_kbytes from the
 * square root of low memory; per-zone min/low/high/promo watermarks from
 * it and watermark_scale_factor; lowmem_reserve, which keeps allocations
 * that could use higher zones out of lower ones; totalreserve_pages.
 * Formulas are Linux 6.18's; on the host (DMA32 managed 772918 of
 * 1071670 lowmem pages, min_free_kbytes 67584) they give min 12185, low
 * 15231, high 18277, promo 21323 and protection (0, 0, 1152, 1152, 1152).
 *
 * Leaves out: highmem (x86-64 has none), min_unmapped_ratio and
 * min_slab_ratio (node reclaim), memory hotplug recomputation.
 *
 * Callers: mm/mm_init.c at boot (init_per_zone_wmark_min's steps, then
 * khugepaged's set_recommended_min_free_kbytes), the vm sysctls when
 * min_free_kbytes, watermark_scale_factor or lowmem_reserve_ratio change,
 * fs/proc and mm/page-writeback.c (nr_free_buffer_pages).
 */
#include "internal.h"

/* mult_frac: x * n / d without overflowing the product. */
static unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d)
{
	return (x / d) * n + (x % d) * n / d;
}

/*
 * nr_free_zone_pages - managed pages above the high watermark in every
 * zone up to @offset, summed over all nodes (the zonelist of any node
 * holds every zone once, so the sum is the same from any of them).
 */
static unsigned long nr_free_zone_pages(const struct machine *m, int offset)
{
	const struct pglist_data *pgdat;
	unsigned long sum = 0;
	int nid;

	for_each_online_pgdat(m, pgdat, nid) {
		for (int z = 0; z <= offset; z++) {
			const struct zone *zone = &pgdat->node_zones[z];
			unsigned long size = zone_managed_pages(zone);
			unsigned long high = high_wmark_pages(zone);

			if (populated_zone(zone) && size > high)
				sum += size - high;
		}
	}
	return sum;
}

unsigned long nr_free_buffer_pages(const struct machine *m)
{
	return nr_free_zone_pages(m, gfp_zone(GFP_USER));
}

/*
 * calculate_min_free_kbytes - sqrt(lowmem_kbytes * 16), clamped to
 * [128, 262144], unless the user set a larger value.
 */
void calculate_min_free_kbytes(struct machine *m)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages(m) * (PAGE_SIZE >> 10);
	int new_min = (int)int_sqrt(lowmem_kbytes * 16);

	if (new_min > m->vm.user_min_free_kbytes)
		m->vm.min_free_kbytes = clamp(new_min, 128, 262144);
	else
		pr_warn(m, "min_free_kbytes is not updated to %d because user defined value %d is preferred",
			new_min, m->vm.user_min_free_kbytes);
}

/*
 * calculate_totalreserve_pages - per zone, its largest lowmem_reserve plus
 * its high watermark (capped at its size): memory userspace cannot count
 * on.  Per node and machine-wide.
 */
static void calculate_totalreserve_pages(struct machine *m)
{
	struct pglist_data *pgdat;
	unsigned long total = 0;
	int nid;

	for_each_online_pgdat(m, pgdat, nid) {
		pgdat->totalreserve_pages = 0;
		for (int i = 0; i < MAX_NR_ZONES; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			long max = 0;

			for (int j = i; j < MAX_NR_ZONES; j++)
				if (zone->lowmem_reserve[j] > max)
					max = zone->lowmem_reserve[j];
			max += (long)high_wmark_pages(zone);
			if (max > (long)zone_managed_pages(zone))
				max = (long)zone_managed_pages(zone);
			pgdat->totalreserve_pages += (unsigned long)max;
			total += (unsigned long)max;
		}
	}
	m->totalreserve_pages = total;
}

/*
 * __setup_per_zone_wmarks - min_free_kbytes shared out over the low zones
 * in proportion to their size; ZONE_MOVABLE (which __GFP_HIGH and
 * PF_MEMALLOC callers never need) gets a small fixed min instead.  Each
 * gap min->low->high->promo is a quarter of the zone's share or
 * watermark_scale_factor/10000 of the zone, whichever is larger.
 */
static void __setup_per_zone_wmarks(struct machine *m)
{
	unsigned long pages_min = (unsigned long)m->vm.min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct pglist_data *pgdat;
	int nid;

	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			if (z != ZONE_MOVABLE)
				lowmem_pages += zone_managed_pages(&pgdat->node_zones[z]);

	for_each_online_pgdat(m, pgdat, nid) {
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &pgdat->node_zones[z];
			unsigned long managed = zone_managed_pages(zone);
			u64 tmp = lowmem_pages ? (u64)pages_min * managed / lowmem_pages : 0;

			if (z == ZONE_MOVABLE)
				zone->_watermark[WMARK_MIN] =
					clamp(managed / 1024, SWAP_CLUSTER_MAX, 128UL);
			else
				zone->_watermark[WMARK_MIN] = tmp;

			tmp = max(tmp >> 2, (u64)mult_frac(managed,
				(unsigned long)m->vm.watermark_scale_factor, 10000));
			zone->watermark_boost = 0;
			zone->_watermark[WMARK_LOW] = zone->_watermark[WMARK_MIN] + tmp;
			zone->_watermark[WMARK_HIGH] = zone->_watermark[WMARK_LOW] + tmp;
			zone->_watermark[WMARK_PROMO] = zone->_watermark[WMARK_HIGH] + tmp;
		}
	}
	calculate_totalreserve_pages(m);
}

/*
 * setup_per_zone_wmarks - the watermarks, then the pcp sizes that depend
 * on the low watermark (zone_pcp_update for every zone).
 */
void setup_per_zone_wmarks(struct machine *m)
{
	__setup_per_zone_wmarks(m);
	setup_pcp_sizes(m);
}

/*
 * setup_per_zone_lowmem_reserve - lowmem_reserve[j] of zone i (j > i):
 * the managed pages of zones i+1..j divided by lowmem_reserve_ratio[i];
 * 0 when the ratio is 0 or zone i is empty.  Host: DMA32's 772918 pages
 * / 256 = 3019 pages of DMA kept from DMA32 allocations.
 */
void setup_per_zone_lowmem_reserve(struct machine *m)
{
	struct pglist_data *pgdat;
	int nid;

	for_each_online_pgdat(m, pgdat, nid) {
		for (int i = 0; i < MAX_NR_ZONES - 1; i++) {
			struct zone *zone = &pgdat->node_zones[i];
			int ratio = m->vm.lowmem_reserve_ratio[i];
			bool clear = !ratio || !zone_managed_pages(zone);
			unsigned long managed = 0;

			for (int j = i + 1; j < MAX_NR_ZONES; j++) {
				managed += zone_managed_pages(&pgdat->node_zones[j]);
				zone->lowmem_reserve[j] = clear ? 0 : (long)(managed / (unsigned long)ratio);
			}
		}
	}
	calculate_totalreserve_pages(m);
}

/*
 * set_recommended_min_free_kbytes - khugepaged's raise: with THP usable,
 * keep per low zone 2 pageblocks free plus 3x3 for the mobility fallbacks
 * (at most 5% of low memory).  With THP off, back to Linux's formula.
 */
void set_recommended_min_free_kbytes(struct machine *m)
{
	unsigned long recommended_min;
	struct pglist_data *pgdat;
	int nid, nr_zones = 0;

	if (m->bp.thp == THP_NEVER) {
		calculate_min_free_kbytes(m);
		goto update_wmarks;
	}
	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z <= (int)gfp_zone(GFP_USER); z++)
			if (populated_zone(&pgdat->node_zones[z]))
				nr_zones++;

	recommended_min = pageblock_nr_pages * (unsigned long)nr_zones * 2;
	recommended_min += pageblock_nr_pages * (unsigned long)nr_zones *
			   MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
	recommended_min = min(recommended_min, nr_free_buffer_pages(m) / 20);
	recommended_min <<= PAGE_SHIFT - 10;

	if (recommended_min > (unsigned long)m->vm.min_free_kbytes) {
		if (m->vm.user_min_free_kbytes >= 0)
			pr_info(m, "raising min_free_kbytes from %d to %lu to help transparent hugepage allocations",
				m->vm.min_free_kbytes, recommended_min);
		m->vm.min_free_kbytes = (int)recommended_min;
	}
update_wmarks:
	setup_per_zone_wmarks(m);
}
