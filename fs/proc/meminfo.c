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

static int meminfo_proc_show(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	unsigned long lru[5], swapcached, buffers, dm[DM_LEVELS];
	unsigned long sreclaimable, sunreclaim;
	long cached;

	lru[0] = global_node_page_state(m, NR_INACTIVE_ANON);
	lru[1] = global_node_page_state(m, NR_ACTIVE_ANON);
	lru[2] = global_node_page_state(m, NR_INACTIVE_FILE);
	lru[3] = global_node_page_state(m, NR_ACTIVE_FILE);
	lru[4] = global_node_page_state(m, NR_UNEVICTABLE);
	swapcached = global_node_page_state(m, NR_SWAPCACHE);
	buffers = 0;	/* nr_blockdev_pages: no block device page cache yet */
	cached = (long)global_node_page_state(m, NR_FILE_PAGES) - (long)swapcached -
		 (long)buffers;
	if (cached < 0)
		cached = 0;
	sreclaimable = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B);
	sunreclaim = global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B);

	show_val_kb(sf, "MemTotal:       ", m->totalram_pages);
	show_val_kb(sf, "MemFree:        ", global_zone_page_state(m, NR_FREE_PAGES));
	show_val_kb(sf, "MemAvailable:   ", (unsigned long)si_mem_available(m));
	show_val_kb(sf, "Buffers:        ", buffers);
	show_val_kb(sf, "Cached:         ", (unsigned long)cached);
	show_val_kb(sf, "SwapCached:     ", swapcached);
	show_val_kb(sf, "Active:         ", lru[1] + lru[3]);
	show_val_kb(sf, "Inactive:       ", lru[0] + lru[2]);
	show_val_kb(sf, "Active(anon):   ", lru[1]);
	show_val_kb(sf, "Inactive(anon): ", lru[0]);
	show_val_kb(sf, "Active(file):   ", lru[3]);
	show_val_kb(sf, "Inactive(file): ", lru[2]);
	show_val_kb(sf, "Unevictable:    ", lru[4]);
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
	show_val_kb(sf, "KReclaimable:   ", sreclaimable +
		    global_node_page_state(m, NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(sf, "Slab:           ", sreclaimable + sunreclaim);
	show_val_kb(sf, "SReclaimable:   ", sreclaimable);
	show_val_kb(sf, "SUnreclaim:     ", sunreclaim);
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

	/* hugetlb_report_meminfo: the default hstate (2M); no pool yet */
	seq_printf(sf, "HugePages_Total:   %5lu\n", 0UL);
	seq_printf(sf, "HugePages_Free:    %5lu\n", 0UL);
	seq_printf(sf, "HugePages_Rsvd:    %5lu\n", 0UL);
	seq_printf(sf, "HugePages_Surp:    %5lu\n", 0UL);
	seq_printf(sf, "Hugepagesize:   %8lu kB\n", K(1UL << HPAGE_PMD_ORDER));
	seq_printf(sf, "Hugetlb:        %8lu kB\n", 0UL);

	/* arch_report_meminfo */
	direct_map_counts(m, dm);
	seq_printf(sf, "DirectMap4k:    %8lu kB\n", dm[DM_4K] << 2);
	seq_printf(sf, "DirectMap2M:    %8lu kB\n", dm[DM_2M] << 11);
	seq_printf(sf, "DirectMap1G:    %8lu kB\n", dm[DM_1G] << 20);
	return 0;
}

static const struct kernfs_ops meminfo_ops = { .show = meminfo_proc_show };

int proc_meminfo_init(struct machine *m)
{
	return kernfs_create_file(m, "/proc/meminfo", 0444, &meminfo_ops, NULL);
}
