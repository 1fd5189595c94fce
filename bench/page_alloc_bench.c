// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page allocator throughput: allocate 64 blocks, free them, repeat, for
 * order 0 and order 3, first through the per-CPU lists (the normal path)
 * and then through the buddy lists alone (every zone's pcp lists disabled
 * with zone_pcp_disable, as memory offlining does).  In the same run, the
 * same pattern on real peers of this machine: glibc malloc/free of 4 KiB
 * and 32 KiB blocks, and host mmap(MAP_POPULATE)+munmap of 1 and 8 pages
 * (the host kernel's own page allocator, plus its page-table work).
 * Prints ops/s (one op = one allocation and its free) and mmsim/peer.
 *
 * Host time is used here only to measure; nothing of it reaches a machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "mmsim.h"
#include "linux/machine.h"
#include "linux/mm.h"

#define BATCH		64
#define MIN_SECONDS	0.3

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct pattern {
	void *ctx;
	unsigned int order;
	/* allocate one block into slot[i] (0: failed), free it */
	int (*alloc)(void *ctx, unsigned int order, void **slot);
	void (*free)(void *ctx, unsigned int order, void *slot);
};

/* Run rounds of BATCH allocations then BATCH frees for MIN_SECONDS. */
static double ops_per_second(const struct pattern *p)
{
	void *slot[BATCH];
	unsigned long ops = 0;
	double start = now(), elapsed;

	do {
		for (int r = 0; r < 256; r++) {
			for (int i = 0; i < BATCH; i++)
				if (p->alloc(p->ctx, p->order, &slot[i])) {
					fprintf(stderr, "allocation failed\n");
					exit(1);
				}
			for (int i = 0; i < BATCH; i++)
				p->free(p->ctx, p->order, slot[i]);
			ops += BATCH;
		}
		elapsed = now() - start;
	} while (elapsed < MIN_SECONDS);
	return (double)ops / elapsed;
}

static int mmsim_alloc(void *ctx, unsigned int order, void **slot)
{
	struct page *page = __alloc_pages(ctx, GFP_KERNEL, order, 0);

	*slot = page;
	return page ? 0 : -1;
}

static void mmsim_free(void *ctx, unsigned int order, void *slot)
{
	__free_pages(ctx, slot, order);
}

static int malloc_alloc(void *ctx, unsigned int order, void **slot)
{
	(void)ctx;
	*slot = malloc(PAGE_SIZE << order);
	return *slot ? 0 : -1;
}

static void malloc_free(void *ctx, unsigned int order, void *slot)
{
	(void)ctx;
	(void)order;
	free(slot);
}

static int mmap_alloc(void *ctx, unsigned int order, void **slot)
{
	(void)ctx;
	*slot = mmap(NULL, PAGE_SIZE << order, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	return *slot == MAP_FAILED ? -1 : 0;
}

static void mmap_free(void *ctx, unsigned int order, void *slot)
{
	(void)ctx;
	munmap(slot, PAGE_SIZE << order);
}

static void set_pcp(struct machine *m, bool on)
{
	for (int nid = 0; nid < m->nr_node_ids; nid++)
		for (int z = 0; z < MAX_NR_ZONES; z++) {
			struct zone *zone = &NODE_DATA(m, nid)->node_zones[z];

			if (!populated_zone(zone))
				continue;
			if (on)
				zone_pcp_enable(m, zone);
			else
				zone_pcp_disable(m, zone);
		}
}

static void row(const char *what, double sim, const char *peer, double ref)
{
	printf("%-28s %12.0f ops/s   %-28s %12.0f ops/s   ratio %.2f\n", what, sim, peer, ref,
	       sim / ref);
}

int main(void)
{
	struct machine *m;
	char err[256];
	double pcp0, pcp3, bud0, bud3, mal4, mal32, map1, map8;
	struct pattern p;

	if (mmsim_boot("mem=2G nr_cpus=2", 1, &m, err, sizeof(err))) {
		fprintf(stderr, "boot failed: %s\n", err);
		return 1;
	}
	p = (struct pattern){ m, 0, mmsim_alloc, mmsim_free };
	pcp0 = ops_per_second(&p);
	p.order = 3;
	pcp3 = ops_per_second(&p);
	set_pcp(m, false);
	p.order = 0;
	bud0 = ops_per_second(&p);
	p.order = 3;
	bud3 = ops_per_second(&p);
	set_pcp(m, true);
	if (mmsim_validate(m, err, sizeof(err))) {
		fprintf(stderr, "validator: %s\n", err);
		return 1;
	}
	mmsim_destroy(m);

	p = (struct pattern){ NULL, 0, malloc_alloc, malloc_free };
	mal4 = ops_per_second(&p);
	p.order = 3;
	mal32 = ops_per_second(&p);
	p = (struct pattern){ NULL, 0, mmap_alloc, mmap_free };
	map1 = ops_per_second(&p);
	p.order = 3;
	map8 = ops_per_second(&p);

	printf("page allocator: %d allocations then %d frees, repeated (op = alloc + free)\n",
	       BATCH, BATCH);
	row("mmsim order-0 via pcp", pcp0, "glibc malloc/free 4 KiB", mal4);
	row("mmsim order-3 via pcp", pcp3, "glibc malloc/free 32 KiB", mal32);
	row("mmsim order-0 via buddy", bud0, "glibc malloc/free 4 KiB", mal4);
	row("mmsim order-3 via buddy", bud3, "glibc malloc/free 32 KiB", mal32);
	row("mmsim order-0 via pcp", pcp0, "host mmap+munmap 1 page", map1);
	row("mmsim order-3 via pcp", pcp3, "host mmap+munmap 8 pages", map8);
	row("mmsim order-0 via buddy", bud0, "host mmap+munmap 1 page", map1);
	row("mmsim order-3 via buddy", bud3, "host mmap+munmap 8 pages", map8);
	return 0;
}
