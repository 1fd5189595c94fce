// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/meminfo (fs/proc/meminfo.c, with hugetlb_report_meminfo and x86's
 * arch_report_meminfo): every key Linux 6.18 prints on x86-64 with THP and
 * hugetlbfs but without CMA, memory failure or unaccepted memory, in its
 * order and format.
 *
 * Keys whose mechanism does not exist yet (LRUs, page cache, slab, swap,
 * zswap, hugetlb) print their counters,
 * which stay 0 until those mechanisms land; docs/divergences.md lists them.
 * DirectMap* is computed from the RAM ranges the way x86's
 * init_memory_mapping splits them, without the later splits of the kernel
 * image's aliases (docs/divergences.md).
 *
 * Reads state only.  Registered by fs/proc/root.c.
 */
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "linux/vmstat.h"

#define K(pages)	((unsigned long)(pages) << (PAGE_SHIFT - 10))

#define HPAGE_PMD_ORDER		9
#define VMALLOC_TOTAL_KB	34359738367UL	/* 32 TiB - 1 KiB on 4-level x86-64 */

/* show_val_kb: "Key:      %8lu kB" with @pages in kB. */
static void show_val_kb(struct seq_file *sf, const char *key, unsigned long pages)
{
	seq_put_decimal_ull_width(sf, key, K(pages), 8);
	seq_puts(sf, " kB\n");
}

/* ---- DirectMap: how x86-64 maps RAM into the kernel's direct map ---- */

enum { DM_4K, DM_2M, DM_1G, DM_LEVELS };

static const u64 dm_size[DM_LEVELS] = { PAGE_SIZE, SZ_2M, SZ_1G };

/* Is [start, end) inside one (merged) memblock memory range? */
static bool dm_is_region_memory(const struct machine *m, u64 start, u64 end)
{
	const struct memblock_type *mem = &m->memblock.memory;
	u64 rs = 0, re = 0;

	for (unsigned long i = 0; i < mem->cnt; i++) {
		u64 b = mem->regions[i].base, e = b + mem->regions[i].size;

		if (b == re) {
			re = e;		/* adjacent: one range */
		} else {
			rs = b;
			re = e;
		}
		if (start >= rs && end <= re)
			return true;
	}
	return false;
}

/* e820__mapped_any for the types the direct map maps (RAM, ACPI data). */
static bool dm_e820_mapped_any(const struct machine *m, u64 start, u64 end)
{
	for (u32 i = 0; i < m->e820.nr_entries; i++) {
		const struct e820_entry *e = &m->e820.entries[i];

		if (e->type != E820_TYPE_RAM && e->type != E820_TYPE_ACPI)
			continue;
		if (e->addr < end && e->addr + e->size > start)
			return true;
	}
	return false;
}

/*
 * Count the pages of size @level that map [start, end): the page table
 * code skips entries that touch no RAM, so only those are counted.  A
 * range mapped at a bigger level than its own alignment (adjust_range_
 * page_size_mask) covers whole big pages.
 */
static void dm_count(const struct machine *m, u64 start, u64 end, int level,
		     unsigned long count[DM_LEVELS])
{
	u64 sz = dm_size[level];

	for (u64 a = ALIGN_DOWN(start, sz); a < end; a += sz)
		if (dm_e820_mapped_any(m, a, a + sz))
			count[level]++;
}

/* One piece of split_mem_range, promoted as adjust_range_page_size_mask does. */
static void dm_map_piece(const struct machine *m, u64 start, u64 end, int level,
			 unsigned long count[DM_LEVELS])
{
	if (start >= end)
		return;
	while (level < DM_1G &&
	       dm_is_region_memory(m, ALIGN_DOWN(start, dm_size[level + 1]),
				   ALIGN(end, dm_size[level + 1])))
		level++;
	dm_count(m, start, end, level, count);
}

/* split_mem_range: 4K head, 2M up to 1G alignment, 1G, 2M tail, 4K tail. */
static void dm_map_range(const struct machine *m, u64 start, u64 end,
			 unsigned long count[DM_LEVELS])
{
	u64 pos = start, s, e;

	e = min(ALIGN(pos, SZ_2M), end);
	dm_map_piece(m, pos, e, DM_4K, count);
	pos = max(pos, e);

	s = ALIGN(pos, SZ_2M);
	e = min(ALIGN(pos, SZ_1G), ALIGN_DOWN(end, SZ_2M));
	if (s < e) {
		dm_map_piece(m, s, e, DM_2M, count);
		pos = e;
	}
	s = ALIGN(pos, SZ_1G);
	e = ALIGN_DOWN(end, SZ_1G);
	if (s < e) {
		dm_map_piece(m, s, e, DM_1G, count);
		pos = e;
	}
	s = ALIGN(pos, SZ_2M);
	e = ALIGN_DOWN(end, SZ_2M);
	if (s < e) {
		dm_map_piece(m, s, e, DM_2M, count);
		pos = e;
	}
	dm_map_piece(m, pos, end, DM_4K, count);
}

/*
 * init_mem_mapping: the ISA range 0-1M with 4K pages, then every memory
 * range above it (adjacent memblock regions merged, as they are before
 * NUMA setup splits them by node).
 */
static void direct_map_counts(const struct machine *m, unsigned long count[DM_LEVELS])
{
	const struct memblock_type *mem = &m->memblock.memory;
	u64 isa_end = SZ_1M;

	count[DM_4K] = count[DM_2M] = count[DM_1G] = 0;
	dm_count(m, 0, isa_end, DM_4K, count);
	for (unsigned long i = 0; i < mem->cnt; i++) {
		u64 b = mem->regions[i].base, e = b + mem->regions[i].size;

		while (i + 1 < mem->cnt && mem->regions[i + 1].base == e) {
			i++;
			e = mem->regions[i].base + mem->regions[i].size;
		}
		b = max(b, isa_end);
		if (b < e)
			dm_map_range(m, b, e, count);
	}
}

/* ---- the file ---- */

/* hugetlb_report_meminfo: the default hstate (2M); no pool yet. */
static void hugetlb_report_meminfo(struct seq_file *sf)
{
	seq_printf(sf, "HugePages_Total:   %5lu\n", 0UL);
	seq_printf(sf, "HugePages_Free:    %5lu\n", 0UL);
	seq_printf(sf, "HugePages_Rsvd:    %5lu\n", 0UL);
	seq_printf(sf, "HugePages_Surp:    %5lu\n", 0UL);
	seq_printf(sf, "Hugepagesize:   %8lu kB\n", K(1UL << HPAGE_PMD_ORDER));
	seq_printf(sf, "Hugetlb:        %8lu kB\n", 0UL);
}

/* arch_report_meminfo (x86): the direct map's pages by size. */
static void arch_report_meminfo(struct seq_file *sf)
{
	unsigned long dm[DM_LEVELS];

	direct_map_counts(sf->machine, dm);
	seq_printf(sf, "DirectMap4k:    %8lu kB\n", dm[DM_4K] << 2);
	seq_printf(sf, "DirectMap2M:    %8lu kB\n", dm[DM_2M] << 11);
	seq_printf(sf, "DirectMap1G:    %8lu kB\n", dm[DM_1G] << 20);
}

/* What meminfo_proc_show adds up before it prints (its locals in Linux). */
struct meminfo_sums {
	unsigned long lru[NR_LRU_LISTS];	/* global_node_page_state per LRU */
	unsigned long swapcached;		/* NR_SWAPCACHE */
	unsigned long buffers;			/* nr_blockdev_pages */
	unsigned long cached;			/* file pages less the two above */
	unsigned long sreclaimable, sunreclaim;	/* slab bytes by kind, in pages */
};

static void meminfo_sum(const struct machine *m, struct meminfo_sums *v)
{
	long cached;

	for (int lru = 0; lru < NR_LRU_LISTS; lru++)
		v->lru[lru] = global_node_page_state(m, NR_LRU_BASE + lru);
	v->swapcached = global_node_page_state(m, NR_SWAPCACHE);
	v->buffers = 0;		/* no block device page cache yet */
	cached = (long)global_node_page_state(m, NR_FILE_PAGES) - (long)v->swapcached -
		 (long)v->buffers;
	v->cached = cached < 0 ? 0 : (unsigned long)cached;
	v->sreclaimable = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B);
	v->sunreclaim = global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B);
}

static int meminfo_proc_show(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	struct meminfo_sums v;
	const unsigned long *lru = v.lru;

	meminfo_sum(m, &v);
	show_val_kb(sf, "MemTotal:       ", m->totalram_pages);
	show_val_kb(sf, "MemFree:        ", global_zone_page_state(m, NR_FREE_PAGES));
	show_val_kb(sf, "MemAvailable:   ", (unsigned long)si_mem_available(m));
	show_val_kb(sf, "Buffers:        ", v.buffers);
	show_val_kb(sf, "Cached:         ", v.cached);
	show_val_kb(sf, "SwapCached:     ", v.swapcached);
	show_val_kb(sf, "Active:         ", lru[LRU_ACTIVE_ANON] + lru[LRU_ACTIVE_FILE]);
	show_val_kb(sf, "Inactive:       ", lru[LRU_INACTIVE_ANON] + lru[LRU_INACTIVE_FILE]);
	show_val_kb(sf, "Active(anon):   ", lru[LRU_ACTIVE_ANON]);
	show_val_kb(sf, "Inactive(anon): ", lru[LRU_INACTIVE_ANON]);
	show_val_kb(sf, "Active(file):   ", lru[LRU_ACTIVE_FILE]);
	show_val_kb(sf, "Inactive(file): ", lru[LRU_INACTIVE_FILE]);
	show_val_kb(sf, "Unevictable:    ", lru[LRU_UNEVICTABLE]);
	show_val_kb(sf, "Mlocked:        ", global_zone_page_state(m, NR_MLOCK));
	show_val_kb(sf, "SwapTotal:      ", 0);	/* no swap devices yet */
	show_val_kb(sf, "SwapFree:       ", 0);
	show_val_kb(sf, "Zswap:          ", 0);	/* zswap_total_pages */
	show_val_kb(sf, "Zswapped:       ", 0);	/* zswap_stored_pages */
	show_val_kb(sf, "Dirty:          ", global_node_page_state(m, NR_FILE_DIRTY));
	show_val_kb(sf, "Writeback:      ", global_node_page_state(m, NR_WRITEBACK));
	show_val_kb(sf, "AnonPages:      ", global_node_page_state(m, NR_ANON_MAPPED));
	show_val_kb(sf, "Mapped:         ", global_node_page_state(m, NR_FILE_MAPPED));
	show_val_kb(sf, "Shmem:          ", global_node_page_state(m, NR_SHMEM));
	show_val_kb(sf, "KReclaimable:   ", v.sreclaimable +
		    global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(sf, "Slab:           ", v.sreclaimable + v.sunreclaim);
	show_val_kb(sf, "SReclaimable:   ", v.sreclaimable);
	show_val_kb(sf, "SUnreclaim:     ", v.sunreclaim);
	seq_printf(sf, "KernelStack:    %8lu kB\n",
		   global_node_page_state(m, NR_KERNEL_STACK_KB));
	show_val_kb(sf, "PageTables:     ", global_node_page_state(m, NR_PAGETABLE));
	show_val_kb(sf, "SecPageTables:  ", global_node_page_state(m, NR_SECONDARY_PAGETABLE));
	show_val_kb(sf, "NFS_Unstable:   ", 0);	/* always 0 in Linux 6.x */
	show_val_kb(sf, "Bounce:         ", 0);	/* always 0 since 6.16 */
	show_val_kb(sf, "WritebackTmp:   ", 0);	/* always 0 since 6.17 */
	show_val_kb(sf, "CommitLimit:    ", vm_commit_limit(m));
	show_val_kb(sf, "Committed_AS:   ", vm_memory_committed(m));
	seq_printf(sf, "VmallocTotal:   %8lu kB\n", VMALLOC_TOTAL_KB);
	show_val_kb(sf, "VmallocUsed:    ", vmalloc_nr_pages(m));
	show_val_kb(sf, "VmallocChunk:   ", 0);	/* always 0 in Linux 6.x */
	show_val_kb(sf, "Percpu:         ", m->pcpu_nr_pages);
	show_val_kb(sf, "AnonHugePages:  ", global_node_page_state(m, NR_ANON_THPS));
	show_val_kb(sf, "ShmemHugePages: ", global_node_page_state(m, NR_SHMEM_THPS));
	show_val_kb(sf, "ShmemPmdMapped: ", global_node_page_state(m, NR_SHMEM_PMDMAPPED));
	show_val_kb(sf, "FileHugePages:  ", global_node_page_state(m, NR_FILE_THPS));
	show_val_kb(sf, "FilePmdMapped:  ", global_node_page_state(m, NR_FILE_PMDMAPPED));
	show_val_kb(sf, "Balloon:        ", global_node_page_state(m, NR_BALLOON_PAGES));
	hugetlb_report_meminfo(sf);
	arch_report_meminfo(sf);
	return 0;
}

static const struct kernfs_ops meminfo_ops = { .show = meminfo_proc_show };

int proc_meminfo_init(struct machine *m)
{
	return kernfs_create_file(m, "/proc/meminfo", 0444, &meminfo_ops, NULL);
}
