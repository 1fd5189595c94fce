// SPDX-License-Identifier: GPL-2.0-only
/*
 * SLUB against real user-space allocators, in one run, on identical
 * patterns (issue 3):
 *   (a) pairs: allocate one 64-byte object and free it, repeated;
 *   (b) bulk:  1M allocations of 64 bytes, then 1M frees (reverse order);
 *   (c) mixed: kmalloc sizes 16..1024 from a fixed-seed sequence, ~64k
 *       objects live: each op frees a random live object and allocates a
 *       new one in its place.
 * mmsim runs kmem_cache_alloc/kmem_cache_free on a 64-byte cache for (a)
 * and (b) and kmalloc/kfree for (c), on a booted machine; the peers run
 * malloc/free: glibc's, jemalloc's and mimalloc's (mi_malloc/mi_free),
 * the last two loaded with dlopen(RTLD_LOCAL | RTLD_DEEPBIND) so all
 * three live in this process.  Every allocator writes the first 8 bytes
 * of each object it hands out (what a user does).  Each figure is the
 * best of REPEAT runs; printed as ns/op (one op = one allocation and one
 * free) and mmsim's time over each peer's (< 1: mmsim is faster).
 * Then what the slab churn costs in (b): the same run with the slabs
 * kept (min_partial raised, no page allocator calls) against the normal one.
 *
 * Host time is used here only to measure; nothing of it reaches a machine.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mmsim.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/slab.h"
#include "linux/vmstat.h"
#include "../mm/slab.h"

#define REPEAT		5
#define PAIRS		(4 << 20)
#define BULK		(1 << 20)
#define LIVE		(1 << 16)
#define MIXED_OPS	(4 << 20)

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One allocator under test. */
struct allocator {
	const char *name;
	void *(*alloc)(void *ctx, size_t size);		/* (a), (b): fixed 64 bytes */
	void (*free)(void *ctx, void *p);
	void *(*alloc_sized)(void *ctx, size_t size);	/* (c) */
	void (*free_sized)(void *ctx, void *p);
	void *ctx;
};

/* ---- mmsim ---- */

struct mmsim_ctx {
	struct machine *m;
	struct kmem_cache *s;
};

static void *slub_alloc(void *ctx, size_t size)
{
	struct mmsim_ctx *c = ctx;

	return kmem_cache_alloc(c->m, c->s, GFP_KERNEL);
}

static void slub_free(void *ctx, void *p)
{
	struct mmsim_ctx *c = ctx;

	kmem_cache_free(c->m, c->s, p);
}

static void *slub_kmalloc(void *ctx, size_t size)
{
	return kmalloc(((struct mmsim_ctx *)ctx)->m, size, GFP_KERNEL);
}

static void slub_kfree(void *ctx, void *p)
{
	kfree(((struct mmsim_ctx *)ctx)->m, p);
}

/* ---- the peers ---- */

struct peer_ctx {
	void *(*malloc)(size_t);
	void (*free)(void *);
};

static void *peer_alloc(void *ctx, size_t size)
{
	return ((struct peer_ctx *)ctx)->malloc(size);
}

static void peer_free(void *ctx, void *p)
{
	((struct peer_ctx *)ctx)->free(p);
}

static int load_peer(struct peer_ctx *pc, const char *lib, const char *alloc_sym,
		     const char *free_sym)
{
	void *h = dlopen(lib, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);

	if (!h) {
		fprintf(stderr, "slub_bench: %s: %s\n", lib, dlerror());
		return -1;
	}
	pc->malloc = (void *(*)(size_t))dlsym(h, alloc_sym);
	pc->free = (void (*)(void *))dlsym(h, free_sym);
	if (!pc->malloc || !pc->free) {
		fprintf(stderr, "slub_bench: %s lacks %s/%s\n", lib, alloc_sym, free_sym);
		return -1;
	}
	return 0;
}

/* ---- the patterns ---- */

static void **slots;
static unsigned int *mix_slot;
static unsigned short *mix_size;

static void touch(void *p)
{
	if (!p) {
		fprintf(stderr, "slub_bench: allocation failed\n");
		exit(1);
	}
	*(volatile unsigned long *)p = (unsigned long)(uintptr_t)p;
}

static double run_pairs(const struct allocator *a)
{
	double t = now();

	for (long i = 0; i < PAIRS; i++) {
		void *p = a->alloc(a->ctx, 64);

		touch(p);
		a->free(a->ctx, p);
	}
	return (now() - t) * 1e9 / PAIRS;
}

static double run_bulk(const struct allocator *a)
{
	double t = now();

	for (long i = 0; i < BULK; i++) {
		slots[i] = a->alloc(a->ctx, 64);
		touch(slots[i]);
	}
	for (long i = BULK - 1; i >= 0; i--)
		a->free(a->ctx, slots[i]);
	return (now() - t) * 1e9 / BULK;
}

/* The fixed sequence of (c): xorshift64 from a constant seed. */
static void make_mixed_sequence(void)
{
	unsigned long x = 0x9e3779b97f4a7c15UL;

	for (long i = 0; i < LIVE + MIXED_OPS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		mix_slot[i] = (unsigned int)(x % LIVE);
		mix_size[i] = (unsigned short)(16 + (x >> 20) % (1024 - 16 + 1));
	}
}

static double run_mixed(const struct allocator *a)
{
	double t;

	for (long i = 0; i < LIVE; i++) {
		slots[i] = a->alloc_sized(a->ctx, mix_size[i]);
		touch(slots[i]);
	}
	t = now();
	for (long i = LIVE; i < LIVE + MIXED_OPS; i++) {
		unsigned int k = mix_slot[i];

		a->free_sized(a->ctx, slots[k]);
		slots[k] = a->alloc_sized(a->ctx, mix_size[i]);
		touch(slots[k]);
	}
	t = (now() - t) * 1e9 / MIXED_OPS;
	for (long i = 0; i < LIVE; i++)
		a->free_sized(a->ctx, slots[i]);
	return t;
}

static double best(double (*run)(const struct allocator *), const struct allocator *a)
{
	double b = 1e30;

	for (int r = 0; r < REPEAT; r++) {
		double ns = run(a);

		if (ns < b)
			b = ns;
	}
	return b;
}

int main(int argc, char **argv)
{
	static const char *const pattern[] = {
		"(a) alloc+free pairs, 64 B",
		"(b) 1M allocs then 1M frees, 64 B",
		"(c) mixed 16..1024 B, 64k live",
	};
	double (*const runs[])(const struct allocator *) = { run_pairs, run_bulk, run_mixed };
	struct peer_ctx glibc = { malloc, free }, jemalloc, mimalloc;
	struct mmsim_ctx mc;
	struct allocator al[4];
	double ns[3][4];
	char err[256];
	unsigned long pg0, pg1;
	double t_churn, t_kept;

	/*
	 * jemalloc uses initial-exec TLS: dlopen finds the static TLS block
	 * full unless the loader reserved more.  Re-exec once with the glibc
	 * tunable that does.
	 */
	if (!getenv("SLUB_BENCH_TLS") && argc > 0) {
		setenv("SLUB_BENCH_TLS", "1", 1);
		setenv("GLIBC_TUNABLES", "glibc.rtld.optional_static_tls=65536", 1);
		execv("/proc/self/exe", argv);
	}
	if (load_peer(&jemalloc, "libjemalloc.so.2", "malloc", "free") ||
	    load_peer(&mimalloc, "libmimalloc.so.2", "mi_malloc", "mi_free"))
		return 1;
	if (mmsim_boot("mem=4G", 1, &mc.m, err, sizeof(err))) {
		fprintf(stderr, "slub_bench: boot: %s\n", err);
		return 1;
	}
	mc.s = kmem_cache_create(mc.m, "bench_64", 64, 0, SLAB_NO_MERGE, NULL);
	slots = calloc(BULK > LIVE ? BULK : LIVE, sizeof(*slots));
	mix_slot = calloc(LIVE + MIXED_OPS, sizeof(*mix_slot));
	mix_size = calloc(LIVE + MIXED_OPS, sizeof(*mix_size));
	if (!mc.s || !slots || !mix_slot || !mix_size)
		return 1;
	make_mixed_sequence();

	al[0] = (struct allocator){ "mmsim SLUB", slub_alloc, slub_free, slub_kmalloc, slub_kfree, &mc };
	al[1] = (struct allocator){ "glibc", peer_alloc, peer_free, peer_alloc, peer_free, &glibc };
	al[2] = (struct allocator){ "jemalloc", peer_alloc, peer_free, peer_alloc, peer_free, &jemalloc };
	al[3] = (struct allocator){ "mimalloc", peer_alloc, peer_free, peer_alloc, peer_free, &mimalloc };

	for (int p = 0; p < 3; p++)
		for (int i = 0; i < 4; i++)
			ns[p][i] = best(runs[p], &al[i]);

	printf("%-36s %10s %10s %10s %10s   %s\n", "pattern (ns/op)", al[0].name, al[1].name,
	       al[2].name, al[3].name, "mmsim/glibc mmsim/jemalloc mmsim/mimalloc");
	for (int p = 0; p < 3; p++)
		printf("%-36s %10.2f %10.2f %10.2f %10.2f   %11.2f %14.2f %14.2f\n", pattern[p],
		       ns[p][0], ns[p][1], ns[p][2], ns[p][3], ns[p][0] / ns[p][1],
		       ns[p][0] / ns[p][2], ns[p][0] / ns[p][3]);

	/*
	 * Where (b)'s time goes on mmsim: each round makes and discards 16384
	 * slabs (empty slabs beyond min_partial go back to the page allocator,
	 * as on Linux).  Rerun (b) with min_partial raised, as writing
	 * /sys/kernel/slab/bench_64/min_partial does, so the slabs stay: what
	 * the churn (page allocator, struct page set-up, the NR_SLAB counter,
	 * building each new slab's freelist) costs shows in the difference.
	 */
	kmem_cache_shrink(mc.m, mc.s);
	pg0 = mc.m->vm_events[PGALLOC_DMA32] + mc.m->vm_events[PGALLOC_NORMAL];
	t_churn = best(run_bulk, &al[0]);
	pg1 = mc.m->vm_events[PGALLOC_DMA32] + mc.m->vm_events[PGALLOC_NORMAL];
	mc.s->min_partial = 1UL << 30;
	run_bulk(&al[0]);		/* fill the partial list once */
	t_kept = best(run_bulk, &al[0]);
	printf("\n(b) on mmsim: %.2f ns/op making and freeing %lu slab pages per round;"
	       " %.2f ns/op with the slabs kept (min_partial raised, no page allocator)\n",
	       t_churn, (pg1 - pg0) / REPEAT, t_kept);
	printf("The fast paths touch no struct page and no counter: a CPU freelist pop/push"
	       " with the hardened free pointer.\n");
	if (mmsim_validate(mc.m, err, sizeof(err))) {
		fprintf(stderr, "slub_bench: validate: %s\n", err);
		return 1;
	}
	mmsim_destroy(mc.m);
	return 0;
}
