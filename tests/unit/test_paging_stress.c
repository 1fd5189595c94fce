// SPDX-License-Identifier: GPL-2.0-only
/*
 * The paging stress test (issue 5 part 8): about 20 processes, a seeded
 * stream of operations - mmap, munmap, mprotect, mremap, fork, exit, read
 * and write - and every validator (mmsim_validate) after each one, with
 * verify mode on: writes store whole pages of data (zero, random, text,
 * pattern; or one byte), every read checks each page against what its
 * process last wrote there, so no byte may be lost through CoW, mremap
 * or exit.  The
 * test keeps its own model of what each process has mapped and with which
 * protection, so every access it makes must succeed and every access it
 * aims at a PROT_NONE or unmapped page must be SIGSEGV: a fault the model
 * does not expect, or one missing, fails the test as a validator does.
 *
 * Leaves out: file mappings, threads, vfork, signals other than SIGSEGV.
 *
 * Knobs (environment): MMSIM_STRESS_SEED (default 1), MMSIM_STRESS_OPS
 * (default 10^6, in the ASan+UBSan build too, see docs/testing.md),
 * MMSIM_STRESS_PROFILE=1 also times each validator, MMSIM_STRESS_TRACE=1
 * prints every call (to replay a failure), MMSIM_STRESS_VERIFY=0 turns
 * verify off (to tell a lost byte from a validator failure).  Prints the
 * seed and a
 * summary: operations by kind, faults, processes, validator time.
 * Same seed, same summary.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "asm/pgtable.h"
#include "asm/tlbflush.h"
#include "linux/binfmts.h"
#include "linux/fdtable.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/memmap_census.h"
#include "linux/mman.h"
#include "linux/pagevec.h"
#include "linux/pgtable.h"
#include "linux/sched/task.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "../../mm/vma.h"

#define TARGET_PROCS	20	/* processes kept alive */
#define MAX_PROCS	32	/* model slots (live processes) */
#define MAX_SLOTS	8	/* mappings a process keeps track of */
#define MAX_PAGES	48	/* pages in one mapping */
#define MAX_TOUCH	16	/* pages one read or write touches */
#define PAGE		4096ul

#define DEFAULT_OPS	1000000ul	/* both builds, ASan+UBSan too (docs/testing.md) */

/* The operations, in the summary's order. */
enum op {
	OP_MMAP, OP_MUNMAP, OP_MPROTECT, OP_MREMAP, OP_FORK, OP_EXIT,
	OP_READ, OP_WRITE, OP_SEGV, OP_DONTNEED, OP_FREE, NR_OPS,
};
static const char *const op_names[NR_OPS] = {
	"mmap", "munmap", "mprotect", "mremap", "fork", "exit", "read", "write", "segv",
	"dontneed", "free",
};
/*
 * Relative frequency of each operation.  fork and exit at 2 use about
 * 25,000 pids in 10^6 operations: mmsim never reuses a pid (kernel/pid.c),
 * and at 3 a run reached pid_max (32768) at operation 880,956.
 */
static const unsigned int op_weight[NR_OPS] = { 8, 5, 8, 5, 2, 2, 32, 32, 1, 2, 2 };

#define UNMAPPED	(-1)

/* One mapping the test made: per page, the protection it set or UNMAPPED. */
struct slot {
	uint64_t addr;			/* start; 0: free slot */
	int npages;			/* pages from addr the slot covers */
	signed char prot[MAX_PAGES];	/* PROT_* of each page, or UNMAPPED */
	unsigned char state[MAX_PAGES];	/* PG_* of each mapped page */
};

/*
 * What a page holds, as far as writes go.  A write to a PG_OWN page takes
 * no fault (its PTE is writable again after any mprotect back to rw: the
 * page is anon-exclusive); to a PG_SHARED page one write-protect fault
 * (copied, or reused once the other side is gone); to a PG_NONE page one
 * fault (a new page, or a copy of the zero page).
 */
enum { PG_NONE, PG_OWN, PG_SHARED };

struct proc {
	char name[16];			/* "" for a free entry */
	int parent;			/* index of the forking process, -1: spawned */
	struct slot slots[MAX_SLOTS];
};

/* The whole run: the machine, the model, the PRNG and the counts. */
struct stress {
	struct machine *m;
	uint64_t rng;			/* xorshift64* state */
	struct proc procs[MAX_PROCS];
	unsigned long names;		/* names handed out: p0, p1 ... */
	unsigned long done[NR_OPS];	/* operations that succeeded, by kind */
	unsigned long refused[NR_OPS];	/* ... that the kernel refused (ENOMEM ...) */
	unsigned long skipped[NR_OPS];	/* ... that found nothing to work on */
	uint64_t faults;		/* minor faults the accesses took */
	uint64_t pages_touched;		/* pages read or written */
	uint64_t cow_faults;		/* writes to pages shared by fork (copied or reused) */
	uint64_t pages_verified;	/* pages read with verify on */
	unsigned long spawned;		/* processes started by spawn */
	unsigned long op;		/* the operation running (for messages) */
	double validate_s;		/* CPU seconds in mmsim_validate */
	unsigned long validate_calls;	/* mmsim_validate calls */
	bool profile;			/* also time each validator alone */
	bool trace;			/* MMSIM_STRESS_TRACE: print every call */
};

/* MMSIM_STRESS_TRACE=1: one line per call, to replay a failure by hand. */
__attribute__((format(printf, 2, 3)))
static void trace(struct stress *s, const char *fmt, ...)
{
	va_list ap;

	if (!s->trace)
		return;
	printf("%lu: ", s->op);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static uint64_t rnd(struct stress *s)
{
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return s->rng * 0x2545f4914f6cdd1dull;
}

/* A number in [0, n). */
static unsigned int rnd_below(struct stress *s, unsigned int n)
{
	return (unsigned int)(rnd(s) % n);
}

/* CPU seconds of this process (the host may be busy: wall time says less). */
static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long env_ul(const char *name, unsigned long def)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 0) : def;
}

/*
 * The validators mmsim_validate runs, one by one, for MMSIM_STRESS_PROFILE
 * (where the time goes); validate_vmalloc includes the kernel page tables'.
 */
static const struct {
	const char *name;
	int (*fn)(struct machine *m, char *err, size_t len);
} validators[] = {
	{ "validate_page_alloc", validate_page_alloc },
	{ "validate_vmalloc", validate_vmalloc },
	{ "  (validate_kernel_pgtables)", validate_kernel_pgtables },
	{ "validate_slab_caches", validate_slab_caches },
	{ "validate_tasks", validate_tasks },
	{ "validate_fdtables", validate_fdtables },
	{ "validate_i_mmap", validate_i_mmap },
	{ "validate_exec_layouts", validate_exec_layouts },
	{ "validate_user_pgtables", validate_user_pgtables },
	{ "validate_anon_ptes", validate_anon_ptes },
	{ "validate_tlbs", validate_tlbs },
	{ "validate_fbatches", validate_fbatches },
};
#define NR_VALIDATORS (sizeof(validators) / sizeof(validators[0]))
static double validator_s[NR_VALIDATORS];
static double census_s;		/* in memmap_census_begin */
static unsigned long validator_calls;

/* Every validator, after each operation; a failure names the operation. */
static void validate(struct stress *s, const char *what)
{
	struct memmap_census census;
	char err[512];
	double t0 = now_s();
	int ret = mmsim_validate(s->m, err, sizeof(err));

	s->validate_s += now_s() - t0;
	s->validate_calls++;
	if (ret)
		fail_msg("op %lu (%s): validate: %s", s->op, what, err);
	if (!s->profile)
		return;
	validator_calls++;
	t0 = now_s();
	memmap_census_begin(s->m, &census);	/* as mmsim_validate shares it */
	census_s += now_s() - t0;
	for (size_t i = 0; i < NR_VALIDATORS; i++) {
		t0 = now_s();
		validators[i].fn(s->m, err, sizeof(err));
		validator_s[i] += now_s() - t0;
	}
	memmap_census_end(s->m, &census);
}

static void print_profile(void)
{
	printf("  validators, CPU time per call over %lu calls:\n", validator_calls);
	printf("    %-30s %8.1f us\n", "(memmap census, shared)", census_s * 1e6 / (double)validator_calls);
	for (size_t i = 0; i < NR_VALIDATORS; i++)
		printf("    %-30s %8.1f us\n", validators[i].name,
		       validator_s[i] * 1e6 / (double)validator_calls);
}

static int live_count(struct stress *s)
{
	int n = 0;

	for (int i = 0; i < MAX_PROCS; i++)
		n += s->procs[i].name[0] != '\0';
	return n;
}

/* A random live process's index, or -1. */
static int pick_proc(struct stress *s)
{
	int n = live_count(s), k;

	if (!n)
		return -1;
	k = (int)rnd_below(s, (unsigned int)n);
	for (int i = 0; i < MAX_PROCS; i++)
		if (s->procs[i].name[0] && k-- == 0)
			return i;
	return -1;
}

static int free_entry(struct stress *s)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (!s->procs[i].name[0])
			return i;
	return -1;
}

static void new_name(struct stress *s, char *buf)
{
	snprintf(buf, 16, "p%lu", s->names++);
}

/* spawn a new process into a free entry. */
static void do_spawn(struct stress *s)
{
	int i = free_entry(s), ret;
	struct proc *p;

	if (i < 0)
		return;
	p = &s->procs[i];
	memset(p, 0, sizeof(*p));
	new_name(s, p->name);
	p->parent = -1;
	trace(s, "spawn %s", p->name);
	ret = mmsim_spawn(s->m, p->name, NULL);
	if (ret)
		fail_msg("op %lu: spawn %s failed: %d%s", s->op, p->name, ret,
			 ret == -EAGAIN ? " (pid_max reached: mmsim does not reuse pids)" : "");
	s->spawned++;
}

/* A slot with at least one mapped page, or NULL. */
static struct slot *pick_slot(struct stress *s, struct proc *p)
{
	int used[MAX_SLOTS], n = 0;

	for (int i = 0; i < MAX_SLOTS; i++)
		if (p->slots[i].addr)
			used[n++] = i;
	return n ? &p->slots[used[rnd_below(s, (unsigned int)n)]] : NULL;
}

/* A random run [*first, *first + *n) of pages of @sl for which @ok holds, at most @max long. */
static bool pick_run(struct stress *s, struct slot *sl, bool (*ok)(int prot), int max,
		     int *first, int *n)
{
	int start = (int)rnd_below(s, (unsigned int)sl->npages), i;

	for (i = 0; i < sl->npages; i++) {		/* the first good page from start */
		int pg = (start + i) % sl->npages;

		if (ok(sl->prot[pg])) {
			start = pg;
			break;
		}
	}
	if (i == sl->npages)
		return false;
	for (i = start; i < sl->npages && i - start < max && ok(sl->prot[i]); i++)
		;
	*first = start;
	*n = 1 + (int)rnd_below(s, (unsigned int)(i - start));
	return true;
}

static bool is_mapped(int prot) { return prot != UNMAPPED; }
static bool is_readable(int prot) { return prot != UNMAPPED && (prot & PROT_READ); }
static bool is_writable(int prot) { return prot != UNMAPPED && (prot & PROT_WRITE); }
static bool is_faulting(int prot) { return prot == UNMAPPED || prot == PROT_NONE; }

static void slot_drop_if_empty(struct slot *sl)
{
	for (int i = 0; i < sl->npages; i++)
		if (sl->prot[i] != UNMAPPED)
			return;
	sl->addr = 0;
}

/*
 * munmap every page @sl has mapped, run by run: only those (a hole in
 * the slot may hold another slot's newer mapping).
 */
static void slot_unmap_all(struct stress *s, struct proc *p, struct slot *sl)
{
	for (int i = 0; i < sl->npages;) {
		int n = 0;

		while (i + n < sl->npages && sl->prot[i + n] != UNMAPPED)
			n++;
		if (n)
			trace(s, "%s: munmap %#llx %d pages", p->name,
			      (unsigned long long)(sl->addr + (uint64_t)i * PAGE), n);
		if (n && mmsim_process_munmap(s->m, p->name, sl->addr + (uint64_t)i * PAGE,
					      (uint64_t)n * PAGE))
			fail_msg("op %lu: munmap by %s refused", s->op, p->name);
		if (n)
			validate(s, "munmap before mmap");
		i += n ? n : 1;
	}
	sl->addr = 0;
}

static void op_mmap(struct stress *s, struct proc *p)
{
	static const unsigned int prots[] = { PROT_READ | PROT_WRITE, PROT_READ | PROT_WRITE,
					      PROT_READ | PROT_WRITE, PROT_READ, PROT_NONE };
	unsigned int prot = prots[rnd_below(s, 5)];
	unsigned int flags = MAP_PRIVATE | MAP_ANONYMOUS | (rnd_below(s, 4) ? 0 : MAP_POPULATE);
	int npages = 1 + (int)rnd_below(s, MAX_PAGES);
	struct slot *sl = NULL;
	uint64_t addr;
	int ret;

	for (int i = 0; i < MAX_SLOTS && !sl; i++)
		if (!p->slots[i].addr)
			sl = &p->slots[i];
	if (!sl) {		/* all slots used: unmap one's pages first */
		sl = &p->slots[rnd_below(s, MAX_SLOTS)];
		slot_unmap_all(s, p, sl);
	}
	ret = mmsim_process_mmap(s->m, p->name, 0, (uint64_t)npages * PAGE, prot, flags, &addr);
	trace(s, "%s: mmap %d pages prot %u flags %#x = %d %#llx", p->name, npages, prot, flags, ret,
	      (unsigned long long)addr);
	if (ret) {
		s->refused[OP_MMAP]++;
		return;
	}
	sl->addr = addr;
	sl->npages = npages;
	memset(sl->prot, UNMAPPED, sizeof(sl->prot));
	memset(sl->prot, (int)prot, (size_t)npages);
	/* populate write-faults a private writable mapping, reads in the zero page otherwise */
	memset(sl->state, (flags & MAP_POPULATE) && prot == (PROT_READ | PROT_WRITE) ?
			  PG_OWN : PG_NONE, sizeof(sl->state));
	s->done[OP_MMAP]++;
}

static void op_munmap(struct stress *s, struct proc *p)
{
	struct slot *sl = pick_slot(s, p);
	int first, n;

	if (!sl || !pick_run(s, sl, is_mapped, MAX_PAGES, &first, &n))
		return;
	trace(s, "%s: munmap %#llx %d pages", p->name,
	      (unsigned long long)(sl->addr + (uint64_t)first * PAGE), n);
	if (mmsim_process_munmap(s->m, p->name, sl->addr + (uint64_t)first * PAGE,
				 (uint64_t)n * PAGE))
		fail_msg("op %lu: munmap by %s refused", s->op, p->name);
	memset(sl->prot + first, UNMAPPED, (size_t)n);
	memset(sl->state + first, PG_NONE, (size_t)n);
	slot_drop_if_empty(sl);
	s->done[OP_MUNMAP]++;
}

static void op_mprotect(struct stress *s, struct proc *p)
{
	static const unsigned int prots[] = { PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE,
					      PROT_READ | PROT_WRITE };
	unsigned int prot = prots[rnd_below(s, 4)];
	struct slot *sl = pick_slot(s, p);
	int first, n, ret;

	if (!sl || !pick_run(s, sl, is_mapped, MAX_PAGES, &first, &n))
		return;
	ret = mmsim_process_mprotect(s->m, p->name, sl->addr + (uint64_t)first * PAGE,
				     (uint64_t)n * PAGE, prot);
	trace(s, "%s: mprotect %#llx %d pages %u = %d", p->name,
	      (unsigned long long)(sl->addr + (uint64_t)first * PAGE), n, prot, ret);
	if (ret) {		/* a split past vm.max_map_count: nothing changed */
		s->refused[OP_MPROTECT]++;
		return;
	}
	memset(sl->prot + first, (int)prot, (size_t)n);
	s->done[OP_MPROTECT]++;
}

/*
 * mremap a run of pages with one protection to a new size, MAYMOVE: the
 * pages keep their protection where they go, the grown tail takes the
 * same.  The slot then holds just the new range.
 */
static int run_prot;
static bool is_run_prot(int prot) { return prot == run_prot; }

static void op_mremap(struct stress *s, struct proc *p)
{
	struct slot *sl = pick_slot(s, p), *to;
	int first, n, npages = 1 + (int)rnd_below(s, MAX_PAGES), ret;
	unsigned char moved[MAX_PAGES] = { PG_NONE };	/* the new range's states */
	uint64_t addr;

	if (!sl)
		return;
	run_prot = sl->prot[rnd_below(s, (unsigned int)sl->npages)];
	if (run_prot == UNMAPPED || !pick_run(s, sl, is_run_prot, MAX_PAGES, &first, &n))
		return;
	ret = mmsim_process_mremap(s->m, p->name, sl->addr + (uint64_t)first * PAGE,
				   (uint64_t)n * PAGE, (uint64_t)npages * PAGE, 1 /* MAYMOVE */,
				   0, &addr);
	trace(s, "%s: mremap %#llx %d pages -> %d pages = %d %#llx", p->name,
	      (unsigned long long)(sl->addr + (uint64_t)first * PAGE), n, npages, ret,
	      (unsigned long long)addr);
	if (ret) {		/* EFAULT across VMAs of other anon_vmas, ENOMEM... */
		s->refused[OP_MREMAP]++;
		return;
	}
	/* the pages move with their PTEs; what a grow adds has none */
	memcpy(moved, sl->state + first, (size_t)(n < npages ? n : npages));
	memset(sl->prot + first, UNMAPPED, (size_t)n);
	memset(sl->state + first, PG_NONE, (size_t)n);
	if (addr == sl->addr + (uint64_t)first * PAGE && first + npages <= MAX_PAGES) {
		/* in place, within what the slot can track */
		memset(sl->prot + first, run_prot, (size_t)npages);
		memcpy(sl->state + first, moved, (size_t)npages);
		if (first + npages > sl->npages)
			sl->npages = first + npages;
	} else {
		slot_drop_if_empty(sl);
		to = NULL;
		for (int i = 0; i < MAX_SLOTS && !to; i++)
			if (!p->slots[i].addr)
				to = &p->slots[i];
		if (!to) {	/* no slot left to track it: forget the range */
			mmsim_process_munmap(s->m, p->name, addr, (uint64_t)npages * PAGE);
		} else {
			to->addr = addr;
			to->npages = npages;
			memset(to->prot, UNMAPPED, sizeof(to->prot));
			memset(to->prot, run_prot, (size_t)npages);
			memcpy(to->state, moved, sizeof(to->state));
		}
	}
	s->done[OP_MREMAP]++;
}

static void share_pages(struct proc *p)
{
	for (int i = 0; i < MAX_SLOTS; i++)
		for (int j = 0; j < MAX_PAGES; j++)
			if (p->slots[i].state[j] == PG_OWN)
				p->slots[i].state[j] = PG_SHARED;
}

/*
 * madvise DONTNEED (zap: the pages are gone, the next write faults) or
 * FREE (lazyfree: an exclusive page stays mapped and writable until
 * reclaim, a shared one is left alone: nothing changes for the model) on
 * a run of mapped pages.
 */
static void op_madvise(struct stress *s, struct proc *p, bool dontneed)
{
	struct slot *sl = pick_slot(s, p);
	int first, n, ret;

	if (!sl || !pick_run(s, sl, is_mapped, MAX_PAGES, &first, &n))
		return;
	ret = mmsim_process_madvise(s->m, p->name, sl->addr + (uint64_t)first * PAGE,
				    (uint64_t)n * PAGE, dontneed ? 4 : 8);
	trace(s, "%s: madvise %#llx %d pages %s = %d", p->name,
	      (unsigned long long)(sl->addr + (uint64_t)first * PAGE), n,
	      dontneed ? "dontneed" : "free", ret);
	if (ret)
		fail_msg("op %lu: madvise %s by %s: %d", s->op, dontneed ? "dontneed" : "free",
			 p->name, ret);
	if (dontneed)
		memset(sl->state + first, PG_NONE, (size_t)n);
	s->done[dontneed ? OP_DONTNEED : OP_FREE]++;
}

static void op_fork(struct stress *s, int pi)
{
	int ci = free_entry(s), ret, pid;
	struct proc *c;

	if (ci < 0)
		return;
	c = &s->procs[ci];
	*c = s->procs[pi];
	new_name(s, c->name);
	c->parent = pi;
	ret = mmsim_process_clone(s->m, s->procs[pi].name, c->name, MMSIM_CLONE_FORK, &pid);
	trace(s, "%s: fork %s = %d", s->procs[pi].name, c->name, ret);
	if (ret) {		/* the overcommit charge refused */
		c->name[0] = '\0';
		s->refused[OP_FORK]++;
		return;
	}
	share_pages(&s->procs[pi]);	/* copy_page_range write-protects both sides */
	share_pages(c);
	s->done[OP_FORK]++;
}

/* The model forgets @pi; its parent (if alive) reaps it; its children are orphans. */
static void gone(struct stress *s, int pi)
{
	struct proc *p = &s->procs[pi];
	int status;

	if (p->parent >= 0 && s->procs[p->parent].name[0]) {
		int ret = mmsim_process_wait(s->m, s->procs[p->parent].name, p->name, &status);

		if (ret <= 0)
			fail_msg("op %lu: %s could not reap %s: %d", s->op,
				 s->procs[p->parent].name, p->name, ret);
	}
	for (int i = 0; i < MAX_PROCS; i++)
		if (s->procs[i].parent == pi)
			s->procs[i].parent = -1;
	p->name[0] = '\0';
}

static void op_exit(struct stress *s, int pi)
{
	trace(s, "%s: exit", s->procs[pi].name);
	if (mmsim_process_exit(s->m, s->procs[pi].name))
		fail_msg("op %lu: exit of %s failed", s->op, s->procs[pi].name);
	gone(s, pi);
	s->done[OP_EXIT]++;
}

static void op_access(struct stress *s, int pi, bool write)
{
	struct proc *p = &s->procs[pi];
	struct slot *sl = pick_slot(s, p);
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_SEQ };
	struct mmsim_access_result r;
	int first, n, ret, want = 0, none = 0, shared = 0;

	if (!sl || !pick_run(s, sl, write ? is_writable : is_readable, MAX_TOUCH, &first, &n))
		return;
	for (int i = first; i < first + n; i++) {
		none += sl->state[i] == PG_NONE;
		shared += sl->state[i] == PG_SHARED;
	}
	want = none + shared;
	if (write) {		/* whole pages of data (the verify shadow follows), or one byte */
		spec.data = (int)rnd_below(s, MMSIM_FILL_PATTERN + 1);
		spec.has_seed = 1;
		spec.seed = rnd(s);
	}
	ret = mmsim_process_access_pattern(s->m, p->name, sl->addr + (uint64_t)first * PAGE,
					   (uint64_t)n * PAGE, write, &spec, &r);
	trace(s, "%s: %s %#llx %d pages data %d = %d, %llu faults", p->name,
	      write ? "write" : "read", (unsigned long long)(sl->addr + (uint64_t)first * PAGE), n,
	      spec.data, ret, (unsigned long long)r.min_flt);
	if (ret == -EBADMSG)
		fail_msg("op %lu: %s read %#llx +%d pages: %llu pages lost what was written, the first at %#llx",
			 s->op, p->name, (unsigned long long)(sl->addr + (uint64_t)first * PAGE), n,
			 (unsigned long long)r.verify_errors, (unsigned long long)r.fault_addr);
	if (ret)
		fail_msg("op %lu: %s %s %#llx +%d pages: %d (the model allows it)", s->op, p->name,
			 write ? "write" : "read",
			 (unsigned long long)(sl->addr + (uint64_t)first * PAGE), n, ret);
	s->pages_verified += write ? 0 : r.pages;
	/* a write faults exactly on the pages not its own; a read at most on untouched ones */
	if (write ? r.min_flt != (uint64_t)want : r.min_flt > (uint64_t)none)
		fail_msg("op %lu: %s %s %#llx +%d pages took %llu faults, the model %s %d (%d shared after fork)",
			 s->op, p->name, write ? "write" : "read",
			 (unsigned long long)(sl->addr + (uint64_t)first * PAGE), n,
			 (unsigned long long)r.min_flt, write ? "expects" : "allows at most",
			 write ? want : none, shared);
	if (write) {
		memset(sl->state + first, PG_OWN, (size_t)n);
		s->cow_faults += (uint64_t)shared;
	}
	s->faults += r.min_flt;
	s->pages_touched += r.pages;
	s->done[write ? OP_WRITE : OP_READ]++;
}

/* What the model says @addr's page is in @p: its protection or UNMAPPED (any slot). */
static int page_prot(const struct proc *p, uint64_t addr)
{
	for (int i = 0; i < MAX_SLOTS; i++) {
		const struct slot *sl = &p->slots[i];

		if (sl->addr && addr >= sl->addr && addr < sl->addr + (uint64_t)sl->npages * PAGE &&
		    sl->prot[(addr - sl->addr) / PAGE] != UNMAPPED)
			return sl->prot[(addr - sl->addr) / PAGE];
	}
	return UNMAPPED;
}

/* A load from a PROT_NONE or unmapped page: SIGSEGV kills the process. */
static void op_segv(struct stress *s, int pi)
{
	struct proc *p = &s->procs[pi];
	struct slot *sl = pick_slot(s, p);
	struct mmsim_access_result r;
	int first, n, ret;

	if (!sl || !pick_run(s, sl, is_faulting, 1, &first, &n) ||
	    !is_faulting(page_prot(p, sl->addr + (uint64_t)first * PAGE)))
		return;		/* (a hole another mapping of the test now fills) */
	ret = mmsim_process_access(s->m, p->name, sl->addr + (uint64_t)first * PAGE, PAGE, 0, &r);
	trace(s, "%s: read %#llx (no access) = %d", p->name,
	      (unsigned long long)(sl->addr + (uint64_t)first * PAGE), ret);
	if (ret != -EFAULT)
		fail_msg("op %lu: %s read of %#llx (no access) returned %d, not SIGSEGV", s->op,
			 p->name, (unsigned long long)(sl->addr + (uint64_t)first * PAGE), ret);
	gone(s, pi);
	s->done[OP_SEGV]++;
}

/* Keep TARGET_PROCS alive: fork a random survivor, or spawn when none is left. */
static void replace(struct stress *s)
{
	while (live_count(s) < TARGET_PROCS) {
		int pi = pick_proc(s);

		if (pi < 0 || rnd_below(s, 4) == 0)
			do_spawn(s);
		else
			op_fork(s, pi);
		validate(s, "replace");
	}
}

static enum op pick_op(struct stress *s)
{
	unsigned int total = 0, r;
	int i;

	for (i = 0; i < NR_OPS; i++)
		total += op_weight[i];
	r = rnd_below(s, total);
	for (i = 0; r >= op_weight[i]; i++)
		r -= op_weight[i];
	return (enum op)i;
}

static void one_op(struct stress *s)
{
	enum op op = pick_op(s);
	int pi = pick_proc(s);
	struct proc *p = &s->procs[pi];
	unsigned long before = s->done[op] + s->refused[op];

	switch (op) {
	case OP_MMAP: op_mmap(s, p); break;
	case OP_MUNMAP: op_munmap(s, p); break;
	case OP_MPROTECT: op_mprotect(s, p); break;
	case OP_MREMAP: op_mremap(s, p); break;
	case OP_FORK: if (live_count(s) < MAX_PROCS) op_fork(s, pi); break;
	case OP_EXIT: op_exit(s, pi); break;
	case OP_READ: op_access(s, pi, false); break;
	case OP_WRITE: op_access(s, pi, true); break;
	case OP_SEGV: op_segv(s, pi); break;
	case OP_DONTNEED: op_madvise(s, p, true); break;
	case OP_FREE: op_madvise(s, p, false); break;
	default: break;
	}
	if (s->done[op] + s->refused[op] == before)
		s->skipped[op]++;
	validate(s, op_names[op]);
	replace(s);
}

static unsigned long vmstat(struct machine *m, const char *key)
{
	char *text = ph_read(m, "/proc/vmstat"), *at;
	char needle[64];
	unsigned long v = 0;

	snprintf(needle, sizeof(needle), "\n%s ", key);
	at = strstr(text, needle);
	if (at)
		v = strtoul(at + strlen(needle), NULL, 10);
	free(text);
	return v;
}

static void summary(struct stress *s, uint64_t seed, unsigned long ops, double secs)
{
	printf("paging stress: seed %llu, %lu operations in %.1f s of CPU, %.1f s in %lu validations (%.1f us each)\n",
	       (unsigned long long)seed, ops, secs, s->validate_s, s->validate_calls,
	       s->validate_s * 1e6 / (double)(s->validate_calls ? s->validate_calls : 1));
	for (int i = 0; i < NR_OPS; i++)
		printf("  %-8s %8lu done, %6lu refused, %6lu found nothing to do\n", op_names[i],
		       s->done[i], s->refused[i], s->skipped[i]);
	printf("  spawned %lu, live at the end %d\n", s->spawned, live_count(s));
	printf("  pages touched %llu, minor faults %llu (pgfault %lu), CoW faults %llu\n",
	       (unsigned long long)s->pages_touched, (unsigned long long)s->faults,
	       vmstat(s->m, "pgfault"), (unsigned long long)s->cow_faults);
	printf("  verify: %llu pages read and checked, %llu pages in the shadow, %llu errors\n",
	       (unsigned long long)s->pages_verified, (unsigned long long)mmsim_verify_pages(s->m),
	       (unsigned long long)mmsim_verify_errors(s->m));
	if (s->profile)
		print_profile();
}

/*
 * 20 processes, MMSIM_STRESS_OPS operations, validators after each: no
 * validator complains, every access the model allows succeeds, every one
 * it forbids is SIGSEGV; at the end everything exits and the machine is
 * valid and holds no process memory.
 */
static void stress_paging_keeps_every_invariant(void **state)
{
	struct stress *s = calloc(1, sizeof(*s));
	uint64_t seed = env_ul("MMSIM_STRESS_SEED", 1);
	unsigned long ops = env_ul("MMSIM_STRESS_OPS", DEFAULT_OPS);
	double t0 = now_s();

	(void)state;
	assert_non_null(s);
	s->m = ph_boot("mem=128M nr_cpus=2");
	s->rng = seed * 0x9e3779b97f4a7c15ull + 1;
	s->profile = env_ul("MMSIM_STRESS_PROFILE", 0) != 0;
	s->trace = env_ul("MMSIM_STRESS_TRACE", 0) != 0;
	/* every read checks what was written (MMSIM_STRESS_VERIFY=0: not, to tell bugs apart) */
	mmsim_set_verify(s->m, env_ul("MMSIM_STRESS_VERIFY", 1) != 0);
	printf("paging stress: seed %llu, %lu operations\n", (unsigned long long)seed, ops);
	replace(s);
	for (s->op = 0; s->op < ops; s->op++)
		one_op(s);
	summary(s, seed, ops, now_s() - t0);
	assert_int_equal(mmsim_verify_errors(s->m), 0);
	for (int i = 0; i < MAX_PROCS; i++)
		if (s->procs[i].name[0])
			op_exit(s, i);
	validate(s, "the end");
	mmsim_destroy(s->m);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stress_paging_keeps_every_invariant),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
