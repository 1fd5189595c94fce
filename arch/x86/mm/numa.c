// SPDX-License-Identifier: GPL-2.0-only
/*
 * NUMA topology at boot (arch/x86/mm/numa.c, mm/numa_emulation.c).  The
 * model machine has no SRAT, so, as on a VM, Linux finds no NUMA
 * configuration and fakes one node over all memory; numa=fake=N then splits
 * it into N emulated nodes as split_nodes_interleave does (32 MiB
 * granules, DMA32 boundary rule, remainder spread over the first nodes).
 * Emulated nodes on one physical node are all LOCAL_DISTANCE (10) apart,
 * as in Linux, unless the parameter lists distances: numa=fake=2:10,20,20,10.
 * CPUs are spread over the nodes round-robin (numa_init_array); every CPU
 * is in the cpumask of every emulated node of its physical node, as
 * numa_add_cpu does.  Leaves out: numa=fake=<size>M/G and <N>U forms.
 * Called by kernel/boot.c after e820 and memblock are set up.
 */
#include <stdlib.h>
#include <string.h>
#include "linux/machine.h"
#include "linux/memblock.h"
#include "linux/mm.h"
#include "linux/printk.h"

#define FAKE_NODE_MIN_SIZE	((u64)32 << 20)
#define LOCAL_DISTANCE		10
#define REMOTE_DISTANCE		20

/* Bytes of [start, end) that are not RAM. */
static u64 mem_hole_size(const struct machine *m, u64 start, u64 end)
{
	const struct memblock_type *mem = &m->memblock.memory;
	u64 ram = 0;

	if (end <= start)
		return 0;
	for (unsigned long i = 0; i < mem->cnt; i++) {
		u64 s = max(mem->regions[i].base, start);
		u64 e = min(mem->regions[i].base + mem->regions[i].size, end);

		if (e > s)
			ram += ALIGN_DOWN(e, PAGE_SIZE) - ALIGN(s, PAGE_SIZE);
	}
	return (end - start) - ram;
}

/* split_nodes_interleave for one physical node spanning [0, max_addr). */
static int numa_split_nodes(struct machine *m, u64 max_addr, int nr_nodes, u64 *node_end)
{
	const u64 dma32_end = SZ_4G;
	u64 size, start = 0;
	int big, nid;

	size = max_addr - mem_hole_size(m, 0, max_addr);
	size = PFN_PHYS((size >> PAGE_SHIFT) / (u64)nr_nodes);
	big = (int)(((size & (FAKE_NODE_MIN_SIZE - 1)) * (u64)nr_nodes) / FAKE_NODE_MIN_SIZE);
	size &= ~(FAKE_NODE_MIN_SIZE - 1);
	if (!size) {
		pr_err(m, "Not enough memory for each node.  NUMA emulation disabled.");
		return -1;
	}
	for (nid = 0; nid < nr_nodes && start < max_addr; nid++) {
		u64 end = start + size;

		if (nid < big)
			end += FAKE_NODE_MIN_SIZE;
		while (end - start - mem_hole_size(m, start, end) < size) {
			end += FAKE_NODE_MIN_SIZE;
			if (end > max_addr) {
				end = max_addr;
				break;
			}
		}
		if (end < dma32_end && dma32_end - end -
		    mem_hole_size(m, end, dma32_end) < FAKE_NODE_MIN_SIZE)
			end = dma32_end;
		if (end > max_addr || max_addr - end - mem_hole_size(m, end, max_addr) < size)
			end = max_addr;
		node_end[nid] = end;
		pr_info(m, "Faking node %d at [mem 0x%016llx-0x%016llx] (%lluMB)", nid,
			(unsigned long long)start, (unsigned long long)(end - 1),
			(unsigned long long)((end - start) >> 20));
		start = end;
	}
	return nid;
}

/* Distances from "numa=fake=N:d,d,..." if given, else all LOCAL_DISTANCE. */
static void numa_set_distances(struct machine *m, int nr)
{
	const char *p = strstr(m->cmdline, "numa=fake=");
	const char *list = p ? strchr(p, ':') : NULL;
	const char *sp = p ? strchr(p, ' ') : NULL;

	if (list && sp && list > sp)
		list = NULL;
	for (int i = 0; i < nr; i++) {
		for (int j = 0; j < nr; j++) {
			int d = LOCAL_DISTANCE;

			if (list && *list && *list != ' ') {
				char *end;
				long v = strtol(list + 1, &end, 10);

				if (end != list + 1 && v > 0 && v < 255) {
					d = (int)v;
					list = end;
				} else {
					list = NULL;
				}
			}
			m->numa_distance[i][j] = (u8)d;
		}
	}
}

/*
 * x86_numa_init - assign memory and CPUs to nodes and allocate each node's
 * pglist_data (logged as NODE_DATA(N) allocated).  Returns 0 or -ENOMEM.
 */
int x86_numa_init(struct machine *m)
{
	u64 max_addr = PFN_PHYS(m->max_pfn);
	u64 node_end[MAX_NUMNODES];
	int nr = 1;

	pr_info(m, "No NUMA configuration found");
	pr_info(m, "Faking a node at [mem 0x%016llx-0x%016llx]", 0ULL,
		(unsigned long long)(max_addr - 1));
	node_end[0] = max_addr;
	if (m->bp.numa_fake > 1) {
		nr = numa_split_nodes(m, max_addr, m->bp.numa_fake, node_end);
		if (nr < 1) {
			nr = 1;
			node_end[0] = max_addr;
		}
	}
	m->nr_node_ids = nr;
	for (int nid = 0; nid < nr; nid++) {
		u64 start = nid ? node_end[nid - 1] : 0;

		memblock_set_node(m, start, node_end[nid] - start, nid);
	}
	numa_set_distances(m, nr);
	memset(m->node_cpumask, 0, sizeof(m->node_cpumask));
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		m->cpu_to_node[cpu] = cpu % nr;
		for (int nid = 0; nid < nr; nid++)	/* one physical node */
			m->node_cpumask[nid][cpu / 64] |= 1ULL << (cpu % 64);
	}
	for (int nid = 0; nid < nr; nid++) {
		/* sizeof(pg_data_t) on a 6.18 x86-64 kernel, from the host's log */
		const u64 pgdat_size = 0x2ab00;
		u64 start = nid ? node_end[nid - 1] : 0;
		phys_addr_t pa = memblock_phys_alloc_range(m, pgdat_size, 64, start, node_end[nid]);

		pr_info(m, "NODE_DATA(%d) allocated [mem 0x%08llx-0x%08llx]", nid,
			(unsigned long long)pa, (unsigned long long)(pa + pgdat_size - 1));
		m->node_data[nid] = calloc(1, sizeof(struct pglist_data));
		if (!m->node_data[nid])
			return -ENOMEM;
		m->node_data[nid]->node_id = nid;
		m->node_data[nid]->machine = m;
	}
	return 0;
}
