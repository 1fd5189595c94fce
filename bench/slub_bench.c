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
 * and (b) and kmalloc/kfree for (c), on two booted machines: SLUB as in
 * Linux 6.18 (CPU slab, lockless freelist, CPU partial slabs: the
 * default) and as in Linux 7.0 (per-CPU sheaves: mmsim.slub_sheaves=1,
 * mm/slub_sheaf.c); the peers run
 * malloc/free: glibc's, jemalloc's and mimalloc's (mi_malloc/mi_free),
 * the last two loaded with dlopen(RTLD_LOCAL | RTLD_DEEPBIND) so all
 * three live in this process.  Every allocator writes the first 8 bytes
 * of each object it hands out (what a user does).  Each figure is the
 * best of REPEAT runs, the allocators taking turns round by round;
 * printed as ns/op (one op = one allocation and one free) and each
 * SLUB's time over each peer's (< 1: SLUB is faster).
 * Then what the slab churn costs in (b): the same run with the slabs
 * kept (min_partial raised, no page allocator calls) against the normal one.
 *
 * Usage: slub_bench [PATTERNS [ALLOCATORS]].  PATTERNS is letters of
 * "abc" (default all three); ALLOCATORS a comma list of 6.18, sheaves,
 * glibc, jemalloc, mimalloc (default all), e.g. `slub_bench b sheaves`
 * to profile one pattern on one allocator (perf record, callgrind).
 * Ratios are printed only when both SLUB and the peer ran.
 *
 * Under valgrind set SLUB_BENCH_TLS=1 (and the GLIBC_TUNABLES below when
 * jemalloc runs): the re-exec through /proc/self/exe would leave it, e.g.
 *   SLUB_BENCH_TLS=1 valgrind --tool=callgrind --toggle-collect=run_bulk \
 *       build/bench/slub_bench b sheaves
 *
 * Results (2-CPU EPYC VM shared with other jobs, load average 4.5-7;
 * 5 runs, each figure the best of 5 interleaved rounds; min / median over
 * the runs of the ratio SLUB / mimalloc; docs/bench.md has the ns/op):
 *   (a) pairs   6.18 0.64 / 0.78   sheaves 0.53 / 0.64   (met)
 *   (b) bulk    6.18 1.80 / 2.07   sheaves 1.16 / 1.39   (not met)
 *   (c) mixed   6.18 3.00 / 3.30   sheaves 0.87 / 0.90   (met with sheaves)
 * (b) with sheaves was 1.36-1.67 before the freed object's line was
 * prefetched into the host's L2 rather than L1 (callgrind: 167 host
 * instructions per op in run_bulk with sheaves, mimalloc's 80).  (b) is
 * bound by host cache misses in flight more than by instructions: every
 * object is a cold line in both phases.  What is left is Linux's own
 * work: every round makes and frees 16k slab pages, half
 * the objects are linked on a new slab's freelist and walked by the next
 * refill (a sheaf holds 60, a slab 64), every free reads its slab's
 * struct page and every flush writes the hardened free pointer into the
 * object; mimalloc keeps its pages between rounds.
 *
 * Times are the thread's CPU time (CLOCK_THREAD_CPUTIME_ID): on a host
 * shared with other jobs, time spent waiting for a CPU is not counted.
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

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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

/* Boot a machine with @cmdline and make the 64-byte bench cache on it. */
static int mmsim_setup(struct mmsim_ctx *mc, const char *cmdline)
{
	char err[256];

	if (mmsim_boot(cmdline, 1, &mc->m, err, sizeof(err))) {
		fprintf(stderr, "slub_bench: boot %s: %s\n", cmdline, err);
		return -1;
	}
	mc->s = kmem_cache_create(mc->m, "bench_64", 64, 0, SLAB_NO_MERGE, NULL);
	return mc->s ? 0 : -1;
}

/*
 * Where (b)'s time goes on @mc: each round makes and discards slabs
 * (empty slabs beyond min_partial go back to the page allocator, as on
 * Linux).  Rerun (b) with min_partial raised, as writing
 * /sys/kernel/slab/bench_64/min_partial does, so the slabs stay: what the
 * churn (page allocator, struct page set-up, the NR_SLAB counter,
 * building each new slab's freelist) costs shows in the difference.
 */
static void churn_report(struct mmsim_ctx *mc, const struct allocator *a, const char *label,
			 double (*run)(const struct allocator *),
			 double (*best)(double (*)(const struct allocator *), const struct allocator *))
{
	unsigned long pg0, pg1;
	double t_churn, t_kept;
	unsigned long saved = mc->s->min_partial;

	kmem_cache_shrink(mc->m, mc->s);
	pg0 = mc->m->vm_events[PGALLOC_DMA32] + mc->m->vm_events[PGALLOC_NORMAL];
	t_churn = best(run, a);
	pg1 = mc->m->vm_events[PGALLOC_DMA32] + mc->m->vm_events[PGALLOC_NORMAL];
	mc->s->min_partial = 1UL << 30;
	run(a);			/* fill the partial list once */
	t_kept = best(run, a);
	mc->s->min_partial = saved;
	kmem_cache_shrink(mc->m, mc->s);
	printf("(b) on %s: %.2f ns/op making and freeing %lu slab pages per round;"
	       " %.2f ns/op with the slabs kept (min_partial raised, no page allocator)\n",
	       label, t_churn, (pg1 - pg0) / REPEAT, t_kept);
}

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

/* Does comma list @list (NULL: everything) name @name? */
static int selected(const char *list, const char *name)
{
	size_t n = strlen(name);

	if (!list)
		return 1;
	for (const char *p = list; *p; ) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && !strncmp(p, name, n))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

enum { NA = 5, NSLUB = 2, NP = 3 };

static const char *const pattern_name[NP] = {
	"(a) alloc+free pairs, 64 B",
	"(b) 1M allocs then 1M frees, 64 B",
	"(c) mixed 16..1024 B, 64k live",
};
static const char *const short_name[NA] = { "6.18", "sheaves", "glibc", "jemalloc", "mimalloc" };

/* What the command line asked for: which patterns, which allocators. */
struct selection {
	int pattern[NP];
	int alloc[NA];
};

/* Parse [PATTERNS [ALLOCATORS]] into @sel; -1 (usage printed) on a bad line. */
static int parse_args(int argc, char **argv, struct selection *sel)
{
	const char *patterns = argc > 1 ? argv[1] : "abc";
	const char *allocs = argc > 2 ? argv[2] : NULL;

	for (int p = 0; p < NP; p++)
		sel->pattern[p] = strchr(patterns, 'a' + p) != NULL;
	for (int i = 0; i < NA; i++)
		sel->alloc[i] = selected(allocs, short_name[i]);
	if (argc > 3 || strspn(patterns, "abc") != strlen(patterns) || !*patterns) {
		fprintf(stderr, "usage: slub_bench [PATTERNS [ALLOCATORS]]"
			" (PATTERNS: letters of abc; ALLOCATORS: comma list of"
			" 6.18,sheaves,glibc,jemalloc,mimalloc)\n");
		return -1;
	}
	return 0;
}

/*
 * Load the peers asked for (a sanitizer build cannot dlopen them), boot
 * the two machines and fill @al; -1 on failure (reported).
 */
static int setup_allocators(const struct selection *sel, struct peer_ctx peers[3],
			    struct mmsim_ctx mc[NSLUB], struct allocator al[NA])
{
	peers[0] = (struct peer_ctx){ malloc, free };
	if ((sel->alloc[3] && load_peer(&peers[1], "libjemalloc.so.2", "malloc", "free")) ||
	    (sel->alloc[4] && load_peer(&peers[2], "libmimalloc.so.2", "mi_malloc", "mi_free")))
		return -1;
	if (mmsim_setup(&mc[0], "mem=4G") || mmsim_setup(&mc[1], "mem=4G mmsim.slub_sheaves=1"))
		return -1;
	slots = calloc(BULK > LIVE ? BULK : LIVE, sizeof(*slots));
	mix_slot = calloc(LIVE + MIXED_OPS, sizeof(*mix_slot));
	mix_size = calloc(LIVE + MIXED_OPS, sizeof(*mix_size));
	if (!slots || !mix_slot || !mix_size)
		return -1;
	make_mixed_sequence();
	al[0] = (struct allocator){ "SLUB 6.18", slub_alloc, slub_free, slub_kmalloc, slub_kfree, &mc[0] };
	al[1] = (struct allocator){ "SLUB sheaves", slub_alloc, slub_free, slub_kmalloc, slub_kfree, &mc[1] };
	for (int i = 0; i < 3; i++)
		al[2 + i] = (struct allocator){ short_name[2 + i], peer_alloc, peer_free, peer_alloc,
						peer_free, &peers[i] };
	return 0;
}

/* Every selected pattern on every selected allocator: rounds interleave
 * the allocators so a busy host hurts them alike; @ns gets each best. */
static void run_all(const struct selection *sel, const struct allocator al[NA],
		    double ns[NP][NA])
{
	double (*const runs[NP])(const struct allocator *) = { run_pairs, run_bulk, run_mixed };

	for (int p = 0; p < NP; p++) {
		for (int i = 0; i < NA; i++)
			ns[p][i] = 1e30;
		if (!sel->pattern[p])
			continue;
		for (int r = 0; r < REPEAT; r++)
			for (int i = 0; i < NA; i++) {
				double t;

				if (!sel->alloc[i])
					continue;
				t = runs[p](&al[i]);
				if (t < ns[p][i])
					ns[p][i] = t;
			}
	}
}

/* The ns/op table, then (when SLUB and all three peers ran) the ratios. */
static void print_tables(const struct selection *sel, const struct allocator al[NA],
			 double ns[NP][NA])
{
	printf("%-34s", "pattern (ns/op)");
	for (int i = 0; i < NA; i++)
		if (sel->alloc[i])
			printf(" %12s", al[i].name);
	printf("\n");
	for (int p = 0; p < NP; p++) {
		if (!sel->pattern[p])
			continue;
		printf("%-34s", pattern_name[p]);
		for (int i = 0; i < NA; i++)
			if (sel->alloc[i])
				printf(" %12.2f", ns[p][i]);
		printf("\n");
	}
	if (!(sel->alloc[2] && sel->alloc[3] && sel->alloc[4] && (sel->alloc[0] || sel->alloc[1])))
		return;
	printf("\n%-34s %12s %12s %12s\n", "ratio (SLUB / peer)", "/glibc", "/jemalloc",
	       "/mimalloc");
	for (int p = 0; p < NP; p++)
		for (int k = 0; k < NSLUB; k++)
			if (sel->pattern[p] && sel->alloc[k])
				printf("%-20.20s %-13s %12.2f %12.2f %12.2f\n", pattern_name[p],
				       al[k].name, ns[p][k] / ns[p][2], ns[p][k] / ns[p][3],
				       ns[p][k] / ns[p][4]);
}

int main(int argc, char **argv)
{
	struct peer_ctx peers[3];
	struct mmsim_ctx mc[NSLUB];
	struct allocator al[NA];
	struct selection sel;
	double ns[NP][NA];
	char err[256];

	if (parse_args(argc, argv, &sel))
		return 2;
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
	if (setup_allocators(&sel, peers, mc, al))
		return 1;
	run_all(&sel, al, ns);
	print_tables(&sel, al, ns);
	if (sel.pattern[1] && argc <= 2) {
		printf("\n");
		churn_report(&mc[0], &al[0], "SLUB 6.18", run_bulk, best);
		churn_report(&mc[1], &al[1], "SLUB sheaves", run_bulk, best);
		printf("The fast paths touch no struct page and no counter: 6.18 pops/pushes"
		       " the CPU freelist\n(hardened free pointer in the object), sheaves"
		       " pop/push an array of pointers\n(the free reads the slab's struct page"
		       " for its node, as Linux's slab_free does).\n");
	}
	for (int k = 0; k < NSLUB; k++) {
		if (mmsim_validate(mc[k].m, err, sizeof(err))) {
			fprintf(stderr, "slub_bench: validate %s: %s\n", al[k].name, err);
			return 1;
		}
		mmsim_destroy(mc[k].m);
	}
	return 0;
}
