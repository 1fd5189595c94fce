// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel actor: what a test module loaded into the machine would do -
 * call alloc_pages_node(), __free_pages() and drain_all_pages() directly.
 * It checks its arguments (order, node, CPU, GFP text) so that bad input
 * is an error message, never a crash, runs on the requested CPU, and is
 * named "kactor" in whatever the kernel logs meanwhile (failure reports,
 * bad page reports).
 *
 * Leaves out: anything but the page allocator (slab and vmalloc actors
 * come with their issues).
 * Callers: tools/mmsim (the "kernel:" commands), tests.
 */
#include <stdio.h>
#include <string.h>
#include "linux/mm.h"

/* Run as "kactor" on @cpu; the previous task and CPU are saved in @save. */
struct kactor_save {
	int cpu;
	char comm[sizeof(((struct machine *)0)->current_comm)];
};

static void kactor_enter(struct machine *m, int cpu, struct kactor_save *save)
{
	save->cpu = m->current_cpu;
	memcpy(save->comm, m->current_comm, sizeof(save->comm));
	if (cpu >= 0)
		m->current_cpu = cpu;
	snprintf(m->current_comm, sizeof(m->current_comm), "kactor");
}

static void kactor_leave(struct machine *m, const struct kactor_save *save)
{
	m->current_cpu = save->cpu;
	memcpy(m->current_comm, save->comm, sizeof(save->comm));
}

#define EINVAL_MSG(...)	(snprintf(err, errlen, __VA_ARGS__), -EINVAL)

int mmsim_alloc_pages(struct machine *m, unsigned int order, const char *gfp_text,
		      int nid, int cpu, unsigned long *pfn, char *err, size_t errlen)
{
	struct kactor_save save;
	gfp_t gfp = GFP_KERNEL;
	struct page *page;
	char bad[64], dummy[1];

	if (!err || !errlen) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	err[0] = '\0';
	if (order > MAX_PAGE_ORDER)
		return EINVAL_MSG("order %u is out of range (expected 0 to %d)", order,
				  MAX_PAGE_ORDER);
	if (nid != NUMA_NO_NODE && (nid < 0 || nid >= m->nr_node_ids || !NODE_DATA(m, nid)))
		return EINVAL_MSG("node %d does not exist (expected 0 to %d)", nid,
				  m->nr_node_ids - 1);
	if (cpu != -1 && (cpu < 0 || cpu >= m->nr_cpu_ids))
		return EINVAL_MSG("cpu %d does not exist (expected 0 to %d)", cpu,
				  m->nr_cpu_ids - 1);
	if (gfp_text && gfp_parse(gfp_text, &gfp, bad, sizeof(bad)))
		return EINVAL_MSG("unknown GFP flag \"%s\" (expected names such as GFP_KERNEL|__GFP_ZERO, or a 0x value)",
				  bad);
	if (gfp_zone_bad(gfp))
		return EINVAL_MSG("GFP flags ask for more than one of __GFP_DMA, __GFP_DMA32 and __GFP_HIGHMEM (expected at most one zone modifier)");

	kactor_enter(m, cpu, &save);
	page = __alloc_pages(m, gfp, order, nid);
	kactor_leave(m, &save);
	if (!page)
		return -ENOMEM;
	*pfn = page_to_pfn(m, page);
	return 0;
}

int mmsim_free_pages(struct machine *m, unsigned long pfn, unsigned int order)
{
	struct kactor_save save;
	int ret;

	if (order > MAX_PAGE_ORDER || !pfn_valid(m, pfn))
		return -EINVAL;
	kactor_enter(m, -1, &save);
	ret = __free_pages_checked(m, pfn_to_page(m, pfn), order);
	kactor_leave(m, &save);
	return ret;
}

void mmsim_drain_pages(struct machine *m)
{
	struct kactor_save save;

	kactor_enter(m, -1, &save);
	drain_all_pages(m);
	kactor_leave(m, &save);
}
