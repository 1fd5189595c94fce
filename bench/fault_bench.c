// SPDX-License-Identifier: GPL-2.0-only
/*
 * Paging against the host kernel, in one run, on the same patterns
 * (issue 5 part 9):
 *   (1) anonymous first-touch faults: a fresh private anonymous mapping
 *       of FAULT_MB, one byte written per page (each write faults and
 *       maps a zeroed page); the munmap is not timed;
 *   (2) CoW faults: COW_MB written, fork, then the parent writes every
 *       page again while the child lives (each write copies the page);
 *   (1w), (2w) the same two patterns over WARM_MB, whose frames (source
 *       and copy) fit the host's L3 cache: what a fault costs apart from
 *       DRAM bandwidth (at FAULT_MB and COW_MB every frame is cold);
 *   (3) fork of a process with FORK_MB (1 GiB) written: the fork alone
 *       (until it returns in the parent), and fork + the child's exit +
 *       the parent's wait;
 *   (4) TLB-hit accesses: loads of one byte from each of TLB_PAGES pages
 *       already in the TLB, repeated: tlb_translate alone (the simulated
 *       TLB lookup) and the whole access path the read verb uses
 *       (mmsim_process_access_pattern: one `read RANGE repeat=K` call).
 * The host runs each with real memory (MADV_NOHUGEPAGE, 4 KiB pages as
 * mmsim's transparent_hugepage=madvise default gives) and real fork();
 * mmsim runs it on a machine booted with mem=2G through include/mmsim.h.
 * Each figure is the best of REPEAT rounds of this thread's CPU time
 * (the host kernel's fault and fork work is system time of the thread
 * that causes it; a busy machine's waits for a CPU are left out), but
 * fork + exit + wait, which is wall time.  Printed as ns/op, with the
 * speed-up (host time / mmsim time: > 1 means mmsim is faster) and the
 * issue's target for it.  The host backs mmsim's RAM lazily: the first
 * touch of each frame by mmsim is a real host fault, which a machine that
 * has run a while has paid.  One round of (1) runs on such frames and is
 * printed apart; then the whole RAM is backed (host_back_ram) before the
 * rounds that count.
 *
 * Host time is used here only to measure; nothing of it reaches a machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mmsim.h"
#include "asm/tlbflush.h"
#include "asm/trap_pf.h"
#include "linux/gfp.h"
#include "linux/highmem.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

#define REPEAT		5
#define FAULT_MB	256UL
#define COW_MB		256UL
#define WARM_MB		8UL	/* (1w), (2w): 2 x 8 MiB of frames fit the 32 MiB L3 */
#define WARM_REPEAT	20	/* their rounds are short: best of more */
#define FORK_MB		1024UL
#define TLB_PAGES	16UL
#define TLB_ROUNDS	(1UL << 20)
#define PAGE		4096UL
#define MB		(1UL << 20)

/*
 * This thread's CPU time (user and system: the host's fault handling and
 * fork run in it): unlike the wall clock, it does not count the time the
 * thread waits for a CPU on a busy machine.
 */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The wall clock: for fork + exit + wait, where another process works. */
static double wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, int err)
{
	fprintf(stderr, "fault_bench: %s failed (%d)\n", what, err);
	exit(1);
}

/* Keep the lower of *@b and @ns (*@b 0: none yet). */
static void best(double *b, double ns)
{
	if (*b == 0 || ns < *b)
		*b = ns;
}

/* ---- the host ---- */

static char *host_map(unsigned long bytes)
{
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("host mmap", -1);
	madvise(p, bytes, MADV_NOHUGEPAGE);
	return p;
}

static void host_touch(char *p, unsigned long bytes, char v)
{
	for (unsigned long o = 0; o < bytes; o += PAGE)
		((volatile char *)p)[o] = v;
}

/* (1), (1w): ns per first-touch write fault over @bytes. */
static double host_first_touch(unsigned long bytes)
{
	char *p = host_map(bytes);
	double t = now();

	host_touch(p, bytes, 1);
	t = now() - t;
	munmap(p, bytes);
	return t * 1e9 / (bytes / PAGE);
}

/* (2), (2w): ns per CoW write fault in the parent while a forked child lives. */
static double host_cow(unsigned long bytes)
{
	char *p = host_map(bytes);
	int pipefd[2];
	char c;
	pid_t pid;
	double t;

	host_touch(p, bytes, 1);
	if (pipe(pipefd))
		die("pipe", -1);
	pid = fork();
	if (pid < 0)
		die("fork", -1);
	if (pid == 0) {			/* hold the pages until the parent is done */
		close(pipefd[1]);
		while (read(pipefd[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(pipefd[0]);
	t = now();
	host_touch(p, bytes, 2);
	t = now() - t;
	close(pipefd[1]);
	waitpid(pid, NULL, 0);
	munmap(p, bytes);
	return t * 1e9 / (bytes / PAGE);
}

/* (3): ns of fork() (until it returns in the parent) and of fork + exit + wait. */
static void host_fork(double *fork_ns, double *fork_wait_ns)
{
	double w0 = wall(), t0 = now(), t1;
	pid_t pid = fork();

	if (pid < 0)
		die("fork", -1);
	if (pid == 0)
		_exit(0);
	t1 = now();
	waitpid(pid, NULL, 0);
	*fork_ns = (t1 - t0) * 1e9;
	*fork_wait_ns = (wall() - w0) * 1e9;
}

/* (4): ns per load over TLB_PAGES pages in the TLB. */
static double host_tlb_hits(const char *p)
{
	volatile const char *v = p;
	unsigned long sum = 0;
	double t = now();

	for (unsigned long r = 0; r < TLB_ROUNDS; r++)
		for (unsigned long i = 0; i < TLB_PAGES; i++)
			sum += v[i * PAGE];
	t = now() - t;
	if (sum == 42)
		printf(" ");
	return t * 1e9 / (TLB_ROUNDS * TLB_PAGES);
}

/* The floor of a fault: zeroing one 4 KiB page, cache-warm and cold. */
static void host_memset(double *warm_ns, double *cold_ns)
{
	char *p = host_map(FAULT_MB * MB);
	unsigned long n = FAULT_MB * MB / PAGE;
	double t;

	memset(p, 1, FAULT_MB * MB);
	t = now();
	for (unsigned long i = 0; i < n; i++) {
		memset(p, 0, PAGE);
		__asm__ volatile("" : : "r"(p) : "memory");
	}
	*warm_ns = (now() - t) * 1e9 / n;
	t = now();
	for (unsigned long i = 0; i < n; i++)
		memset(p + i * PAGE, 0, PAGE);
	__asm__ volatile("" : : "r"(p) : "memory");
	*cold_ns = (now() - t) * 1e9 / n;
	munmap(p, FAULT_MB * MB);
}

/*
 * The host side runs in a worker process forked before the machine boots:
 * a fork() in the process that holds mmsim's RAM would copy its page
 * tables (making the host's fork slower) and leave mmsim's frames
 * write-protected in the host, so that mmsim's next stores to them take
 * host CoW faults.  main sends a command byte, the worker answers with
 * two figures.
 */
enum host_cmd { HOST_FIRST_TOUCH = 1, HOST_COW, HOST_FIRST_TOUCH_WARM, HOST_COW_WARM,
		HOST_FORK, HOST_TLB, HOST_MEMSET, HOST_FORK_SETUP, HOST_FORK_DONE, HOST_EXIT };

static int host_cmd_fd = -1, host_ans_fd = -1;

static void host_worker(int cmd_fd, int ans_fd)
{
	static char *big;	/* HOST_FORK's FORK_MB, written */
	unsigned char c;

	while (read(cmd_fd, &c, 1) == 1 && c != HOST_EXIT) {
		double r[2] = { 0, 0 };
		char *p;

		switch (c) {
		case HOST_FIRST_TOUCH:	r[0] = host_first_touch(FAULT_MB * MB); break;
		case HOST_COW:		r[0] = host_cow(COW_MB * MB); break;
		case HOST_FIRST_TOUCH_WARM: r[0] = host_first_touch(WARM_MB * MB); break;
		case HOST_COW_WARM:	r[0] = host_cow(WARM_MB * MB); break;
		case HOST_FORK:		host_fork(&r[0], &r[1]); break;
		case HOST_MEMSET:	host_memset(&r[0], &r[1]); break;
		case HOST_FORK_SETUP:
			big = host_map(FORK_MB * MB);
			host_touch(big, FORK_MB * MB, 1);
			break;
		case HOST_FORK_DONE:
			munmap(big, FORK_MB * MB);
			break;
		case HOST_TLB:
			p = host_map(TLB_PAGES * PAGE);
			host_touch(p, TLB_PAGES * PAGE, 1);
			r[0] = host_tlb_hits(p);
			munmap(p, TLB_PAGES * PAGE);
			break;
		}
		if (write(ans_fd, r, sizeof(r)) != sizeof(r))
			break;
	}
	_exit(0);
}

static void host_start(void)
{
	int cmd[2], ans[2];
	pid_t pid;

	if (pipe(cmd) || pipe(ans))
		die("pipe", -1);
	pid = fork();
	if (pid < 0)
		die("fork", -1);
	if (pid == 0) {
		close(cmd[1]);
		close(ans[0]);
		host_worker(cmd[0], ans[1]);
	}
	close(cmd[0]);
	close(ans[1]);
	host_cmd_fd = cmd[1];
	host_ans_fd = ans[0];
}

/* Run @c in the worker; its first figure, the second in *@second if wanted. */
static double host_run(enum host_cmd c, double *second)
{
	unsigned char b = (unsigned char)c;
	double r[2];

	if (write(host_cmd_fd, &b, 1) != 1 || read(host_ans_fd, r, sizeof(r)) != sizeof(r))
		die("host worker", -1);
	if (second)
		*second = r[1];
	return r[0];
}

static void host_stop(void)
{
	unsigned char b = HOST_EXIT;

	if (write(host_cmd_fd, &b, 1) == 1)
		wait(NULL);
}

/* ---- mmsim ---- */

/*
 * Have the host back all of mmsim's RAM now (MADV_POPULATE_WRITE: a
 * write fault per host page, contents unchanged), as it is in a machine
 * that has run a while: otherwise a round that gets frames never used
 * before pays a host fault for each, and which frames a round gets
 * depends on the rounds before it.
 */
static void host_back_ram(struct machine *m)
{
	if (madvise(m->ram, m->max_pfn << PAGE_SHIFT, MADV_POPULATE_WRITE))
		die("madvise(MADV_POPULATE_WRITE) of mmsim's RAM", -1);
}

/*
 * The floors of a simulated fault and a CoW fault: clear_user_highpage,
 * and copy_user_highpage, over @bytes of frames (the source frames too
 * for the copy), as a round of (1) and (2) meets them.  *@copy_ns gets
 * the copy's time.  @passes > 1: the copy is made again and the best
 * pass kept (from the second on the source frames are in the host's
 * cache, if 2 x @bytes fits it).
 */
static double sim_clear_copy(struct machine *m, unsigned long bytes, int passes,
			     double *copy_ns)
{
	unsigned long n = bytes / PAGE;
	struct page **pages = calloc(2 * n, sizeof(*pages));
	double t, clear;

	if (!pages)
		die("calloc", -1);
	for (unsigned long i = 0; i < 2 * n; i++)
		if (!(pages[i] = alloc_pages(m, GFP_HIGHUSER_MOVABLE, 0)))
			die("alloc_pages", -1);
	t = now();
	for (unsigned long i = 0; i < n; i++)
		clear_user_highpage(m, pages[i], i * PAGE);
	clear = (now() - t) * 1e9 / n;
	*copy_ns = 0;
	for (int p = 0; p < passes; p++) {
		t = now();
		for (unsigned long i = 0; i < n; i++)
			copy_user_highpage(m, pages[n + i], pages[i], i * PAGE);
		best(copy_ns, (now() - t) * 1e9 / n);
	}
	for (unsigned long i = 0; i < 2 * n; i++)
		__free_pages(m, pages[i], 0);
	free(pages);
	return clear;
}

#define PROT_RW		(PROT_READ | PROT_WRITE)
#define MAP_ANON_PRIV	(MAP_PRIVATE | MAP_ANONYMOUS)

static uint64_t sim_map(struct machine *m, const char *name, unsigned long bytes)
{
	uint64_t addr;
	int err = mmsim_process_mmap(m, name, 0, bytes, PROT_RW, MAP_ANON_PRIV, &addr);

	if (err)
		die("mmsim mmap", err);
	return addr;
}

/* Write one byte of every page of [addr, addr + bytes); the faults taken. */
static uint64_t sim_write(struct machine *m, const char *name, uint64_t addr,
			  unsigned long bytes)
{
	struct mmsim_access_result r;
	int err = mmsim_process_access(m, name, addr, bytes, 1, &r);

	if (err)
		die("mmsim write", err);
	return r.min_flt;
}

/*
 * The timed writes of (1) and (2): sim_write's faults in *@flt, its
 * thread CPU time returned (ns).  Out of line, and not sim_write's body
 * alone (which identical-code folding could merge with the untimed
 * writes), so
 * that a profile of `fault_bench 1` or `fault_bench 2` finds exactly the
 * timed faults under its name (valgrind --tool=callgrind
 * --toggle-collect='sim_timed_write*' counts only them).
 */
static __attribute__((noinline)) double sim_timed_write(struct machine *m, const char *name,
							uint64_t addr, unsigned long bytes,
							uint64_t *flt)
{
	double t = now();

	*flt = sim_write(m, name, addr, bytes);
	return (now() - t) * 1e9;
}

/* (1), (1w): a first-touch write to each page of a fresh @bytes mapping. */
static double sim_first_touch(struct machine *m, unsigned long bytes)
{
	uint64_t addr = sim_map(m, "a", bytes), flt;
	double ns = sim_timed_write(m, "a", addr, bytes, &flt);

	if (flt != bytes / PAGE)
		die("mmsim first touch: fault count", (int)flt);
	mmsim_process_munmap(m, "a", addr, bytes);
	return ns / (bytes / PAGE);
}

static void sim_fork(struct machine *m, const char *parent, const char *child)
{
	int pid, err = mmsim_process_clone(m, parent, child, MMSIM_CLONE_FORK, &pid);

	if (err)
		die("mmsim fork", err);
}

static void sim_exit_wait(struct machine *m, const char *parent, const char *child)
{
	int status;

	if (mmsim_process_exit(m, child) || mmsim_process_wait(m, parent, child, &status) <= 0)
		die("mmsim exit/wait", 0);
}

/*
 * (2), (2w): ns per parent write after fork, over @bytes.  Until fork
 * copies the page tables (copy_page_range), those writes do not fault:
 * *@cow says whether they did.  The child's exit and the munmap give
 * every frame back to the page allocator, as the host's round does.
 */
static double sim_cow(struct machine *m, unsigned long bytes, bool *cow)
{
	uint64_t addr = sim_map(m, "a", bytes), flt;
	double ns;

	sim_write(m, "a", addr, bytes);
	sim_fork(m, "a", "c");
	ns = sim_timed_write(m, "a", addr, bytes, &flt);
	*cow = flt == bytes / PAGE;
	sim_exit_wait(m, "a", "c");
	mmsim_process_munmap(m, "a", addr, bytes);
	return ns / (bytes / PAGE);
}

/* (3) */
/* Does @name's mm map @pages anonymous pages (RssAnon)? */
static bool sim_maps_pages(struct machine *m, const char *name, unsigned long pages)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	bool ok = tsk && tsk->mm && get_mm_counter(tsk->mm, MM_ANONPAGES) >= (long)pages;

	if (tsk)
		task_leave(m, &save);
	return ok;
}

/*
 * (3): the fork alone, and fork + exit + wait.  *@copied: the child
 * mapped the 1 GiB (fork copied the page tables, copy_page_range).
 */
static void sim_fork_1g(struct machine *m, double *fork_ns, double *fork_wait_ns, bool *copied)
{
	double w0 = wall(), t0 = now(), t1;

	sim_fork(m, "a", "c");
	t1 = now();
	*copied = sim_maps_pages(m, "c", FORK_MB * MB / PAGE);
	sim_exit_wait(m, "a", "c");
	*fork_ns = (t1 - t0) * 1e9;
	*fork_wait_ns = (wall() - w0) * 1e9;
}

/* (4): tlb_translate alone, as the access path calls it for each load. */
static double sim_tlb_translate(struct machine *m, uint64_t addr)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, "a", &save);
	struct mmu_result res;
	unsigned long pfns = 0;
	double t;

	if (!tsk)
		die("process_enter", 0);
	for (unsigned long i = 0; i < TLB_PAGES; i++)	/* fill the TLB */
		tlb_translate(m, tsk->mm, addr + i * PAGE, X86_PF_USER, &res);
	t = now();
	for (unsigned long r = 0; r < TLB_ROUNDS; r++)
		for (unsigned long i = 0; i < TLB_PAGES; i++) {
			tlb_translate(m, tsk->mm, addr + i * PAGE, X86_PF_USER, &res);
			pfns += res.pfn;
		}
	t = now() - t;
	task_leave(m, &save);
	if (pfns == 42)
		printf(" ");
	return t * 1e9 / (TLB_ROUNDS * TLB_PAGES);
}

/*
 * (4): the read verb's path: `a: read RANGE repeat=K` over the TLB_PAGES
 * pages, one call (mmsim_process_access_pattern), so that the per-call
 * set-up (process lookup, pattern) is spread over K passes.
 */
static double sim_access_hits(struct machine *m, uint64_t addr)
{
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_SEQ, .repeat = TLB_ROUNDS };
	struct mmsim_access_result r;
	double t;

	mmsim_process_access(m, "a", addr, TLB_PAGES * PAGE, 0, &r);
	t = now();
	if (mmsim_process_access_pattern(m, "a", addr, TLB_PAGES * PAGE, 0, &spec, &r) ||
	    r.tlb_hits != TLB_ROUNDS * TLB_PAGES)
		die("mmsim read repeat (or not all TLB hits)", (int)r.tlb_misses);
	t = now() - t;
	return t * 1e9 / (TLB_ROUNDS * TLB_PAGES);
}

/* ---- the runs ---- */

/* Every figure (ns/op), best of REPEAT; 0: not measured in this run. */
struct figures {
	double host_ft, sim_ft, sim_ft_cold;	/* (1) */
	double host_cow, sim_cow;		/* (2) */
	double host_ftw, sim_ftw;		/* (1w): WARM_MB, best of WARM_REPEAT */
	double host_coww, sim_coww;		/* (2w): the same */
	bool cow;				/* (2), (2w): the simulated writes did fault */
	bool fork_copies;			/* (3): the simulated child maps the 1 GiB */
	double host_fork, host_forkw, sim_fork, sim_forkw;	/* (3) */
	double host_tlb, sim_tlb, sim_acc;	/* (4) */
	double zero_warm, zero_cold, sim_zero, sim_copy;	/* zeroing, copying 4 KiB */
	double sim_copy_warm;			/* copying 4 KiB over WARM_MB of frames */
};

/* The copy floor over COW_MB (cold) and WARM_MB (warm), unless measured already. */
static void run_copy_floor(struct machine *m, struct figures *f)
{
	double copy;

	if (f->sim_copy)
		return;
	for (int r = 0; r < REPEAT; r++) {
		best(&f->sim_zero, sim_clear_copy(m, COW_MB * MB, 1, &copy));
		best(&f->sim_copy, copy);
	}
	sim_clear_copy(m, WARM_MB * MB, WARM_REPEAT, &f->sim_copy_warm);
}

/*
 * The warm rounds, (1w) and (2w): each side runs its round twice and
 * keeps the second's figure, so that each measured round starts where
 * an identical round of the same side left the caches and free lists
 * (the host's and mmsim's rounds take turns, and the other side's round
 * evicts much of the 32 MiB L3).
 */
static double host_warm(enum host_cmd c)
{
	host_run(c, NULL);
	return host_run(c, NULL);
}

static void run_first_touch(struct machine *m, struct figures *f)
{
	f->zero_warm = host_run(HOST_MEMSET, &f->zero_cold);
	run_copy_floor(m, f);
	for (int r = 0; r < REPEAT; r++) {
		best(&f->host_ft, host_run(HOST_FIRST_TOUCH, NULL));
		best(&f->sim_ft, sim_first_touch(m, FAULT_MB * MB));
	}
	for (int r = 0; r < WARM_REPEAT; r++) {
		best(&f->host_ftw, host_warm(HOST_FIRST_TOUCH_WARM));
		sim_first_touch(m, WARM_MB * MB);
		best(&f->sim_ftw, sim_first_touch(m, WARM_MB * MB));
	}
}

static void run_cow(struct machine *m, struct figures *f)
{
	bool cow;

	run_copy_floor(m, f);
	for (int r = 0; r < REPEAT; r++) {
		best(&f->host_cow, host_run(HOST_COW, NULL));
		best(&f->sim_cow, sim_cow(m, COW_MB * MB, &f->cow));
	}
	for (int r = 0; r < WARM_REPEAT; r++) {
		best(&f->host_coww, host_warm(HOST_COW_WARM));
		sim_cow(m, WARM_MB * MB, &cow);
		best(&f->sim_coww, sim_cow(m, WARM_MB * MB, &cow));
		f->cow = f->cow && cow;
	}
}

static void run_fork(struct machine *m, struct figures *f)
{
	uint64_t addr = sim_map(m, "a", FORK_MB * MB);

	host_run(HOST_FORK_SETUP, NULL);
	sim_write(m, "a", addr, FORK_MB * MB);
	for (int r = 0; r < REPEAT; r++) {
		double fk, fw;

		fk = host_run(HOST_FORK, &fw);
		best(&f->host_fork, fk);
		best(&f->host_forkw, fw);
		sim_fork_1g(m, &fk, &fw, &f->fork_copies);
		best(&f->sim_fork, fk);
		best(&f->sim_forkw, fw);
	}
	host_run(HOST_FORK_DONE, NULL);
	mmsim_process_munmap(m, "a", addr, FORK_MB * MB);
}

static void run_tlb(struct machine *m, struct figures *f)
{
	uint64_t addr = sim_map(m, "a", TLB_PAGES * PAGE);

	sim_write(m, "a", addr, TLB_PAGES * PAGE);
	for (int r = 0; r < REPEAT; r++) {
		best(&f->host_tlb, host_run(HOST_TLB, NULL));
		best(&f->sim_tlb, sim_tlb_translate(m, addr));
		best(&f->sim_acc, sim_access_hits(m, addr));
	}
	mmsim_process_munmap(m, "a", addr, TLB_PAGES * PAGE);
}

/* ---- the table ---- */

static void row(const char *what, double host, double sim, const char *target, bool met,
		const char *note)
{
	if (!host || !sim)
		return;
	printf("%-44s %12.1f %12.1f %9.2fx  %-8s %-8s%s\n", what, host, sim, host / sim, target,
	       !*target ? "" : met ? "met" : "NOT met", note);
}

static void print_table(const struct figures *f)
{
	printf("%-44s %12s %12s %10s  %-8s\n", "(ns/op, best of 5)", "host", "mmsim",
	       "host/mmsim", "target");
	row("(1) anonymous first-touch fault", f->host_ft, f->sim_ft, ">= 10x",
	    f->host_ft >= 10 * f->sim_ft, "");
	row("(1w) first-touch fault, 8 MiB (cache-warm)", f->host_ftw, f->sim_ftw, "", false,
	    "  (for reference: best of 20)");
	row("(2) CoW fault (parent writes after fork)", f->host_cow, f->sim_cow, ">= 10x",
	    f->cow && f->host_cow >= 10 * f->sim_cow,
	    f->cow ? "" : "  (pending: fork copies no PTEs yet, these writes do not fault)");
	row("(2w) CoW fault, 8 MiB (cache-warm)", f->host_coww, f->sim_coww, "", false,
	    "  (for reference: best of 20)");
	row("(3) fork, 1 GiB written", f->host_fork, f->sim_fork, ">= 2x",
	    f->fork_copies && f->host_fork >= 2 * f->sim_fork,
	    f->fork_copies ? "" : "  (pending: fork copies no PTEs yet)");
	row("    fork + child exit + wait (wall), 1 GiB", f->host_forkw, f->sim_forkw, "", false,
	    "  (for reference)");
	row("(4) TLB-hit load: tlb_translate", f->host_tlb, f->sim_tlb, "<= 5 ns",
	    f->sim_tlb <= 5, "");
	row("    TLB-hit load: read verb path", f->host_tlb, f->sim_acc, "<= 5 ns",
	    f->sim_acc <= 5, "");
	if (f->sim_ft_cold)
		printf("\nmmsim's (1) on frames the host has not backed yet: %.1f ns/fault\n",
		       f->sim_ft_cold);
	if (f->zero_warm)
		printf("Zeroing 4 KiB: host memset %.1f ns cache-warm, %.1f ns streaming over %lu MiB;"
		       " mmsim's clear_user_highpage %.1f ns streaming over %lu MiB of frames\n",
		       f->zero_warm, f->zero_cold, FAULT_MB, f->sim_zero, COW_MB);
	if (f->sim_copy)
		printf("Copying 4 KiB (the CoW floor): mmsim's copy_user_highpage %.1f ns streaming"
		       " over %lu MiB of frames, %.1f ns over %lu MiB (cache-warm)\n",
		       f->sim_copy, COW_MB, f->sim_copy_warm, WARM_MB);
}

/* fault_bench [PART]: all four figures, or only PART (1-4). */
int main(int argc, char **argv)
{
	void (*const runs[])(struct machine *, struct figures *) = {
		run_first_touch, run_cow, run_fork, run_tlb,
	};
	int only = argc > 1 ? atoi(argv[1]) : 0;
	struct figures f = { 0 };
	struct machine *m;
	char err[256];

	if (only < 0 || only > 4) {
		fprintf(stderr, "usage: fault_bench [PART]   (PART 1-4: only that figure)\n");
		return 2;
	}
	host_start();
	if (mmsim_boot("mem=2G", 1, &m, err, sizeof(err))) {
		fprintf(stderr, "fault_bench: boot: %s\n", err);
		return 1;
	}
	if (mmsim_spawn(m, "a", NULL))
		die("mmsim spawn", 0);
	if (!only || only == 1)
		f.sim_ft_cold = sim_first_touch(m, FAULT_MB * MB);	/* frames not backed */
	host_back_ram(m);
	for (int i = 0; i < 4; i++)
		if (!only || only == i + 1)
			runs[i](m, &f);
	host_stop();
	print_table(&f);
	if (mmsim_validate(m, err, sizeof(err))) {
		fprintf(stderr, "fault_bench: validate: %s\n", err);
		return 1;
	}
	mmsim_destroy(m);
	return 0;
}
