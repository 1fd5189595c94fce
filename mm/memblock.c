// SPDX-License-Identifier: GPL-2.0-only
/*
 * memblock, the boot-time memory allocator (mm/memblock.c).  Two sorted
 * lists of ranges: memory (RAM, with its node) and reserved (what boot has
 * taken).  Allocation is top-down below current_limit, as Linux does by
 * default.  Leaves out: memblock flags (hotplug, mirror, nomap), physmem,
 * freeing reserved ranges back (we never need it before the buddy runs)
 * and the late memblock_free_all, which lives in mm/mm_init.c.
 * Called by arch/x86 boot code, mm/numa_emulation.c and mm/mm_init.c.
 */
#include <string.h>
#include "linux/machine.h"
#include "linux/memblock.h"

/* Insert [base, base+size) into @type, merging overlaps and neighbours. */
static int memblock_insert(struct memblock_type *type, phys_addr_t base,
			   phys_addr_t size, int nid, bool merge_any_nid)
{
	phys_addr_t end = base + size;
	unsigned long i = 0, j;

	if (!size)
		return 0;
	/* Skip regions entirely below (and not touching) the new one. */
	while (i < type->cnt && type->regions[i].base + type->regions[i].size < base)
		i++;
	/* Absorb every region that overlaps or touches it. */
	j = i;
	while (j < type->cnt && type->regions[j].base <= end &&
	       (merge_any_nid || type->regions[j].nid == nid)) {
		struct memblock_region *r = &type->regions[j];

		if (r->base < base)
			base = r->base;
		if (r->base + r->size > end)
			end = r->base + r->size;
		j++;
	}
	if (j == i) {
		if (type->cnt >= INIT_MEMBLOCK_REGIONS)
			return -ENOSPC;
		memmove(&type->regions[i + 1], &type->regions[i],
			(type->cnt - i) * sizeof(type->regions[0]));
		type->cnt++;
	} else if (j > i + 1) {
		memmove(&type->regions[i + 1], &type->regions[j],
			(type->cnt - j) * sizeof(type->regions[0]));
		type->cnt -= j - i - 1;
	}
	type->regions[i] = (struct memblock_region){ base, end - base, nid };
	type->total_size = 0;
	for (j = 0; j < type->cnt; j++)
		type->total_size += type->regions[j].size;
	return 0;
}

/* Remove [base, base+size) from @type, splitting regions as needed. */
static int memblock_cut(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;
	struct memblock_type out = { .name = type->name };

	for (unsigned long i = 0; i < type->cnt; i++) {
		struct memblock_region r = type->regions[i];
		phys_addr_t rend = r.base + r.size;

		if (rend <= base || r.base >= end) {
			out.regions[out.cnt++] = r;
		} else {
			if (r.base < base)
				out.regions[out.cnt++] = (struct memblock_region){ r.base, base - r.base, r.nid };
			if (rend > end) {
				if (out.cnt >= INIT_MEMBLOCK_REGIONS)
					return -ENOSPC;
				out.regions[out.cnt++] = (struct memblock_region){ end, rend - end, r.nid };
			}
		}
		if (out.cnt >= INIT_MEMBLOCK_REGIONS)
			return -ENOSPC;
	}
	out.total_size = 0;
	for (unsigned long i = 0; i < out.cnt; i++)
		out.total_size += out.regions[i].size;
	*type = out;
	return 0;
}

int memblock_add_node(struct machine *m, phys_addr_t base, phys_addr_t size, int nid)
{
	m->memblock.memory.name = "memory";
	return memblock_insert(&m->memblock.memory, base, size, nid, false);
}

int memblock_reserve(struct machine *m, phys_addr_t base, phys_addr_t size)
{
	m->memblock.reserved.name = "reserved";
	return memblock_insert(&m->memblock.reserved, base, size, MAX_NUMNODES, true);
}

int memblock_remove(struct machine *m, phys_addr_t base, phys_addr_t size)
{
	return memblock_cut(&m->memblock.memory, base, size);
}

void memblock_set_node(struct machine *m, phys_addr_t base, phys_addr_t size, int nid)
{
	struct memblock_type *mem = &m->memblock.memory;
	phys_addr_t end = base + size;
	struct memblock_type saved = *mem;

	/* Split each region at base and end, then relabel what lies inside. */
	mem->cnt = 0;
	for (unsigned long i = 0; i < saved.cnt; i++) {
		struct memblock_region r = saved.regions[i];
		phys_addr_t rend = r.base + r.size;
		phys_addr_t in_s = max(r.base, base), in_e = min(rend, end);
		phys_addr_t piece[3][2] = {
			{ r.base, min(rend, base) },	/* below the range */
			{ in_s, in_e },			/* inside */
			{ max(r.base, end), rend },	/* above */
		};

		for (int k = 0; k < 3; k++) {
			phys_addr_t s = piece[k][0], e = piece[k][1];

			if (e <= s || mem->cnt >= INIT_MEMBLOCK_REGIONS)
				continue;
			mem->regions[mem->cnt++] = (struct memblock_region){
				s, e - s, k == 1 ? nid : r.nid };
		}
	}
}

phys_addr_t memblock_phys_alloc_range(struct machine *m, phys_addr_t size,
				      phys_addr_t align, phys_addr_t start,
				      phys_addr_t end)
{
	struct memblock_type *mem = &m->memblock.memory;
	struct memblock_type *res = &m->memblock.reserved;

	if (m->memblock.current_limit && end > m->memblock.current_limit)
		end = m->memblock.current_limit;
	/* Top-down: try each memory region from the highest. */
	for (long i = (long)mem->cnt - 1; i >= 0; i--) {
		phys_addr_t rs = mem->regions[i].base;
		phys_addr_t re = rs + mem->regions[i].size;
		phys_addr_t cand;

		if (re > end)
			re = end;
		if (rs < start)
			rs = start;
		if (re <= rs || re - rs < size)
			continue;
		cand = ALIGN_DOWN(re - size, align);
		while (cand >= rs) {
			phys_addr_t clash = 0;

			for (unsigned long j = 0; j < res->cnt; j++) {
				const struct memblock_region *r = &res->regions[j];

				if (r->base < cand + size && r->base + r->size > cand)
					clash = r->base;
			}
			if (!clash) {
				if (memblock_reserve(m, cand, size))
					return 0;
				return cand;
			}
			if (clash < size)
				break;
			cand = ALIGN_DOWN(clash - size, align);
		}
	}
	return 0;
}

static bool memblock_type_has(const struct memblock_type *t, phys_addr_t addr)
{
	unsigned long lo = 0, hi = t->cnt;

	while (lo < hi) {
		unsigned long mid = (lo + hi) / 2;
		const struct memblock_region *r = &t->regions[mid];

		if (addr < r->base)
			hi = mid;
		else if (addr >= r->base + r->size)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

bool memblock_is_reserved(const struct machine *m, unsigned long pfn)
{
	return memblock_type_has(&m->memblock.reserved, PFN_PHYS(pfn));
}

bool memblock_is_memory(const struct machine *m, unsigned long pfn)
{
	return memblock_type_has(&m->memblock.memory, PFN_PHYS(pfn));
}

phys_addr_t memblock_phys_mem_size(const struct machine *m)
{
	return m->memblock.memory.total_size;
}

phys_addr_t memblock_reserved_size(const struct machine *m)
{
	return m->memblock.reserved.total_size;
}

phys_addr_t memblock_end_of_DRAM(const struct machine *m)
{
	const struct memblock_type *t = &m->memblock.memory;

	if (!t->cnt)
		return 0;
	return t->regions[t->cnt - 1].base + t->regions[t->cnt - 1].size;
}
