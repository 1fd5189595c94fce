// SPDX-License-Identifier: GPL-2.0-only
/*
 * The counts of /proc/PID/smaps and smaps_rollup from the page tables
 * (fs/proc/task_mmu.c smaps_pte_entry, smaps_account) and the fault
 * counters of /proc/PID/stat (fs/proc/array.c, kernel/exit.c): written
 * private pages are Rss = Pss = Private_Dirty, the zero page is not
 * counted, Locked is the Pss of an mlocked VMA, the rollup adds up the
 * VMAs and agrees with status's VmRSS; after fork the pages are
 * Shared_Dirty with Pss divided among the mappers (PSS_SHIFT keeps the
 * fraction) until a write copies them; MADV_FREE's clean pages without
 * PG_swapbacked are LazyFree; a released thread's faults stay
 * in its group's minflt, a reaped child's go to its parent's cminflt.
 *
 *   BASE          +12K         +16K
 *   | 3 written   | 1 read     |
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mman.h"
#include "linux/page-flags.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

#define BASE		0x100000000000UL
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static void touch_pages(struct machine *m, const char *name, uint64_t addr, uint64_t len, int write)
{
	struct mmsim_access_result r;

	assert_int_equal(mmsim_process_access(m, name, addr, len, write, &r), 0);
}

/* a: 4 pages at BASE, the first 3 written, the last read (the zero page). */
static struct machine *boot_written(void)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	uint64_t out;

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, 4 * 4096, RW, ANON_FIXED, &out), 0);
	touch_pages(m, "a", BASE, 3 * 4096, 1);
	touch_pages(m, "a", BASE + 3 * 4096, 4096, 0);
	return m;
}

/* The smaps block of the VMA starting at @start (malloc'd text). */
static char *smaps_block(struct machine *m, const char *path, unsigned long start)
{
	char *text = ph_read(m, path), head[32], *at, *end;

	snprintf(head, sizeof(head), "%08lx-", start);
	at = strstr(text, head);
	assert_non_null(at);
	end = strstr(at, "VmFlags:");
	assert_non_null(end);
	at = strndup(at, (size_t)(end - at));
	free(text);
	return at;
}

/* Is the page behind BASE anonymous (mm/rmap.c sets page->mapping)? */
static bool base_page_is_anon(struct machine *m)
{
	uint64_t pme;

	assert_int_equal(mmsim_pread(m, "/proc/a/pagemap", &pme, 8, BASE / 4096 * 8), 8);
	return PageAnon(pfn_to_page(m, pme & ((1ULL << 55) - 1)));
}

static void written_private_pages_are_rss_pss_and_private_dirty(void **state)
{
	struct machine *m = boot_written();
	char *b = smaps_block(m, "/proc/a/smaps", BASE);

	assert_int_equal(ph_kv(b, "Size"), 16);
	assert_int_equal(ph_kv(b, "Rss"), 12);		/* the zero page is no normal page */
	assert_int_equal(ph_kv(b, "Pss"), 12);
	assert_int_equal(ph_kv(b, "Pss_Dirty"), 12);
	assert_int_equal(ph_kv(b, "Private_Dirty"), 12);
	assert_int_equal(ph_kv(b, "Private_Clean"), 0);
	assert_int_equal(ph_kv(b, "Shared_Clean"), 0);
	assert_int_equal(ph_kv(b, "Shared_Dirty"), 0);
	assert_int_equal(ph_kv(b, "Referenced"), 12);	/* the fault maps them young */
	assert_true(base_page_is_anon(m));
	assert_int_equal(ph_kv(b, "Anonymous"), 12);
	assert_int_equal(ph_kv(b, "LazyFree"), 0);
	assert_int_equal(ph_kv(b, "Locked"), 0);
	free(b);
	mmsim_destroy(m);
}

static void locked_is_the_pss_of_an_mlocked_vma(void **state)
{
	struct machine *m = boot_written();
	char *b;

	assert_int_equal(mmsim_process_mlock(m, "a", BASE, 4 * 4096), 0);
	b = smaps_block(m, "/proc/a/smaps", BASE);
	assert_int_equal(ph_kv(b, "Locked"), ph_kv(b, "Pss"));
	assert_true(ph_kv(b, "Locked") >= 12);
	free(b);
	mmsim_destroy(m);
}

static void rollup_sums_the_vmas_and_matches_vmrss(void **state)
{
	struct machine *m = boot_written();
	uint64_t out;
	char *roll, *status, *b2;

	assert_int_equal(mmsim_process_mmap(m, "a", BASE + (1UL << 30), 8 * 4096, RW, ANON_FIXED,
					    &out), 0);
	touch_pages(m, "a", BASE + (1UL << 30), 5 * 4096, 1);
	b2 = smaps_block(m, "/proc/a/smaps", BASE + (1UL << 30));
	assert_int_equal(ph_kv(b2, "Rss"), 20);
	roll = ph_read(m, "/proc/a/smaps_rollup");
	status = ph_read(m, "/proc/a/status");
	assert_int_equal(ph_kv(roll, "Rss"), 32);
	assert_int_equal(ph_kv(roll, "Rss"), ph_kv(status, "VmRSS"));
	assert_int_equal(ph_kv(roll, "Pss"), 32);
	assert_int_equal(ph_kv(roll, "Private_Dirty"), 32);
	assert_int_equal(ph_kv(roll, "Pss_Anon") + ph_kv(roll, "Pss_File") +
			 ph_kv(roll, "Pss_Shmem"), 32);
	assert_int_equal(ph_kv(roll, "Pss_Anon"), 32);
	free(b2);
	free(roll);
	free(status);
	mmsim_destroy(m);
}

/*
 * After fork the 3 written pages are mapped by parent and child (CoW):
 * Shared_Dirty, Pss halved; the child's write to the first page copies
 * it, which leaves the parent's first page private again.
 */
static void fork_shares_pages_and_halves_pss_until_cow(void **state)
{
	struct machine *m = boot_written();
	char *a, *b;
	int pid;

	assert_int_equal(mmsim_process_clone(m, "a", "b", MMSIM_CLONE_FORK, &pid), 0);
	a = smaps_block(m, "/proc/a/smaps", BASE);
	b = smaps_block(m, "/proc/b/smaps", BASE);
	assert_int_equal(ph_kv(a, "Rss"), 12);
	assert_int_equal(ph_kv(a, "Pss"), 6);
	assert_int_equal(ph_kv(a, "Pss_Dirty"), 6);
	assert_int_equal(ph_kv(a, "Shared_Dirty"), 12);
	assert_int_equal(ph_kv(a, "Private_Dirty"), 0);
	assert_int_equal(ph_kv(a, "Anonymous"), 12);
	assert_int_equal(ph_kv(b, "Rss"), 12);
	assert_int_equal(ph_kv(b, "Pss"), 6);
	assert_int_equal(ph_kv(b, "Shared_Dirty"), 12);
	free(a);
	free(b);
	touch_pages(m, "b", BASE, 4096, 1);		/* CoW: b gets its own copy */
	a = smaps_block(m, "/proc/a/smaps", BASE);
	b = smaps_block(m, "/proc/b/smaps", BASE);
	assert_int_equal(ph_kv(a, "Rss"), 12);
	assert_int_equal(ph_kv(a, "Pss"), 8);		/* 4 + 2 + 2 */
	assert_int_equal(ph_kv(a, "Private_Dirty"), 4);
	assert_int_equal(ph_kv(a, "Shared_Dirty"), 8);
	assert_int_equal(ph_kv(b, "Pss"), 8);
	assert_int_equal(ph_kv(b, "Private_Dirty"), 4);
	ph_assert_valid(m);
	free(a);
	free(b);
	mmsim_destroy(m);
}

/*
 * Pss keeps PSS_SHIFT's fraction: 6144 pages each mapped by 3 processes
 * are 6144 * (4096 << 12) / 3 >> 12 = 8388607 bytes, 8191 kB; whole
 * bytes per page (1365) would give 8190 kB.
 */
static void pss_of_pages_shared_by_three_keeps_its_fraction(void **state)
{
	struct machine *m = boot_written();
	unsigned long big = BASE + (1UL << 30);
	char *a, *roll;
	uint64_t out;
	int pid;

	assert_int_equal(mmsim_process_mmap(m, "a", big, 6144 * 4096UL, RW, ANON_FIXED, &out), 0);
	touch_pages(m, "a", big, 6144 * 4096UL, 1);
	assert_int_equal(mmsim_process_clone(m, "a", "b", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	a = smaps_block(m, "/proc/a/smaps", big);
	assert_int_equal(ph_kv(a, "Rss"), 24576);
	assert_int_equal(ph_kv(a, "Pss"), 8191);
	assert_int_equal(ph_kv(a, "Shared_Dirty"), 24576);
	roll = ph_read(m, "/proc/c/smaps_rollup");
	assert_int_equal(ph_kv(roll, "Pss_Anon"), 8195);	/* + the 3 small pages: 12 kB / 3 */
	free(roll);
	free(a);
	mmsim_destroy(m);
}

/*
 * MADV_FREE: the per-CPU lazyfree batch clears PG_swapbacked 31 pages at
 * a time (as on the 6.18 host, where a freshly freed page is not yet
 * LazyFree); smaps counts a page LazyFree while it is anonymous, not
 * swapbacked and clean - a write makes it dirty and takes it out.
 */
static void lazyfree_counts_clean_pages_madv_free_marked(void **state)
{
	struct machine *m = boot_written();
	unsigned long big = BASE + (1UL << 30);
	uint64_t out;
	char *b;

	assert_int_equal(mmsim_process_mmap(m, "a", big, 64 * 4096UL, RW, ANON_FIXED, &out), 0);
	touch_pages(m, "a", big, 64 * 4096UL, 1);
	assert_int_equal(mmsim_process_madvise(m, "a", big, 64 * 4096UL, MADV_FREE), 0);
	b = smaps_block(m, "/proc/a/smaps", big);
	assert_int_equal(ph_kv(b, "Rss"), 256);		/* the pages stay mapped */
	assert_int_equal(ph_kv(b, "Private_Clean"), 256);	/* PTEs made clean */
	assert_int_equal(ph_kv(b, "Referenced"), 0);	/* and old */
	assert_int_equal(ph_kv(b, "LazyFree"), 62 * 4);	/* two batches of 31 drained */
	free(b);
	touch_pages(m, "a", big, 2 * 4096UL, 1);	/* written again: dirty, not lazy */
	b = smaps_block(m, "/proc/a/smaps", big);
	assert_int_equal(ph_kv(b, "Private_Dirty"), 8);
	assert_int_equal(ph_kv(b, "LazyFree"), 60 * 4);
	free(b);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* Field @n (1-based, as proc(5) numbers them) of /proc/@name/stat. */
static unsigned long stat_field(struct machine *m, const char *name, int n)
{
	char path[64], *text, *p;
	unsigned long v = 0;

	snprintf(path, sizeof(path), "/proc/%s/stat", name);
	text = ph_read(m, path);
	p = strrchr(text, ')') + 2;			/* field 3 */
	for (int i = 3; i < n; i++)
		p = strchr(p, ' ') + 1;
	sscanf(p, "%lu", &v);
	free(text);
	return v;
}

#define STAT_MINFLT	10
#define STAT_CMINFLT	11
#define STAT_MAJFLT	12
#define STAT_CMAJFLT	13

static void a_reaped_child_s_faults_go_to_cminflt(void **state)
{
	struct machine *m = boot_written();
	unsigned long a_min = stat_field(m, "a", STAT_MINFLT), b_min;
	int pid, status;
	uint64_t out;

	assert_int_equal(a_min, 4);
	assert_int_equal(mmsim_process_clone(m, "a", "b", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_mmap(m, "b", BASE + (1UL << 30), 10 * 4096, RW,
					    ANON_FIXED, &out), 0);
	touch_pages(m, "b", BASE + (1UL << 30), 10 * 4096, 1);
	b_min = stat_field(m, "b", STAT_MINFLT);
	assert_true(b_min >= 10);
	assert_int_equal(mmsim_process_exit(m, "b"), 0);
	/* a zombie child: not counted until waited for */
	assert_int_equal(stat_field(m, "a", STAT_CMINFLT), 0);
	assert_int_equal(mmsim_process_wait(m, "a", "b", &status), pid);
	assert_int_equal(stat_field(m, "a", STAT_CMINFLT), b_min);
	assert_int_equal(stat_field(m, "a", STAT_MINFLT), a_min);	/* its own unchanged */
	assert_int_equal(stat_field(m, "a", STAT_MAJFLT), 0);	/* no swap or file faults */
	assert_int_equal(stat_field(m, "a", STAT_CMAJFLT), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void grandchildren_count_through_their_parent(void **state)
{
	struct machine *m = boot_written();
	int pid, status;
	uint64_t out;

	assert_int_equal(mmsim_process_clone(m, "a", "b", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_clone(m, "b", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_mmap(m, "c", BASE + (1UL << 30), 7 * 4096, RW, ANON_FIXED,
					    &out), 0);
	touch_pages(m, "c", BASE + (1UL << 30), 7 * 4096, 1);
	unsigned long c_min = stat_field(m, "c", STAT_MINFLT);
	unsigned long b_min = stat_field(m, "b", STAT_MINFLT);

	assert_int_equal(mmsim_process_exit(m, "c"), 0);
	assert_int_equal(mmsim_process_wait(m, "b", "c", &status) > 0, 1);
	assert_int_equal(stat_field(m, "b", STAT_CMINFLT), c_min);
	assert_int_equal(mmsim_process_exit(m, "b"), 0);
	assert_int_equal(mmsim_process_wait(m, "a", "b", &status) > 0, 1);
	/* wait_task_zombie adds the child's own and its children's */
	assert_int_equal(stat_field(m, "a", STAT_CMINFLT), b_min + c_min);
	mmsim_destroy(m);
}

static void a_released_thread_s_faults_stay_in_the_group(void **state)
{
	struct machine *m = boot_written();
	unsigned long before = stat_field(m, "a", STAT_MINFLT);
	int tid;

	assert_int_equal(mmsim_process_clone(m, "a", "t", MMSIM_CLONE_THREAD, &tid), 0);
	touch_pages(m, "t", BASE + 3 * 4096, 4096, 1);	/* copies the zero page: 1 fault */
	assert_int_equal(stat_field(m, "a", STAT_MINFLT), before + 1);
	assert_int_equal(mmsim_process_exit_code(m, "t", 0, 1), 0);
	/* __exit_signal: signal->min_flt keeps the thread's count */
	assert_int_equal(stat_field(m, "a", STAT_MINFLT), before + 1);
	assert_int_equal(stat_field(m, "a", STAT_CMINFLT), 0);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(written_private_pages_are_rss_pss_and_private_dirty),
		cmocka_unit_test(locked_is_the_pss_of_an_mlocked_vma),
		cmocka_unit_test(rollup_sums_the_vmas_and_matches_vmrss),
		cmocka_unit_test(fork_shares_pages_and_halves_pss_until_cow),
		cmocka_unit_test(pss_of_pages_shared_by_three_keeps_its_fraction),
		cmocka_unit_test(lazyfree_counts_clean_pages_madv_free_marked),
		cmocka_unit_test(a_reaped_child_s_faults_go_to_cminflt),
		cmocka_unit_test(grandchildren_count_through_their_parent),
		cmocka_unit_test(a_released_thread_s_faults_stay_in_the_group),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
