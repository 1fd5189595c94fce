/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memblock: the boot-time allocator (mm/memblock.c).  It knows which
 * physical ranges exist (memory) and which are taken (reserved) until the
 * buddy allocator takes over in memblock_free_all().
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include "linux/types.h"

#define INIT_MEMBLOCK_REGIONS	128

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
	int nid;
};

struct memblock_type {
	unsigned long cnt;
	phys_addr_t total_size;
	const char *name;
	struct memblock_region regions[INIT_MEMBLOCK_REGIONS];
};

struct memblock {
	bool bottom_up;
	phys_addr_t current_limit;	/* allocations stay below this */
	struct memblock_type memory;
	struct memblock_type reserved;
};

struct machine;

/* Add [base, base+size) as RAM of node @nid.  Returns 0 or -ENOSPC. */
int memblock_add_node(struct machine *m, phys_addr_t base, phys_addr_t size, int nid);
/* Mark [base, base+size) reserved.  Returns 0 or -ENOSPC. */
int memblock_reserve(struct machine *m, phys_addr_t base, phys_addr_t size);
/* Remove [base, base+size) from memory.  Returns 0 or -ENOSPC. */
int memblock_remove(struct machine *m, phys_addr_t base, phys_addr_t size);
/*
 * memblock_phys_alloc_range - reserve and return @size bytes aligned to
 * @align within [start, end), top-down as Linux does.  Returns 0 on failure.
 */
phys_addr_t memblock_phys_alloc_range(struct machine *m, phys_addr_t size,
				      phys_addr_t align, phys_addr_t start,
				      phys_addr_t end);
/* Set the node of the memory ranges inside [base, base+size). */
void memblock_set_node(struct machine *m, phys_addr_t base, phys_addr_t size, int nid);
/* Is the page at @pfn reserved? */
bool memblock_is_reserved(const struct machine *m, unsigned long pfn);
/* Is the page at @pfn RAM? */
bool memblock_is_memory(const struct machine *m, unsigned long pfn);
/* Bytes of RAM known to memblock. */
phys_addr_t memblock_phys_mem_size(const struct machine *m);
/* Bytes reserved inside RAM. */
phys_addr_t memblock_reserved_size(const struct machine *m);
/* Highest RAM address + 1. */
phys_addr_t memblock_end_of_DRAM(const struct machine *m);

#endif
