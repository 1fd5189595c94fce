// SPDX-License-Identifier: GPL-2.0-only
/*
 * PG_mlocked and NR_MLOCK (mm/mlock.c's page side): what mlock, mlock2
 * onfault, munlock, munmap, fork and exit do to Mlocked:, nr_mlock, the
 * unevictable_pgs_* events and /proc/kpageflags' MLOCKED bit, with the
 * per-CPU mlock batch deciding when a munlock lands - each count here is
 * what the 6.18 host's /proc/vmstat showed for the same calls (after
 * vm.stat_refresh), pinned to one CPU.  And the validator.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>

#include "proc_helpers.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/page-flags.h"
#include "linux/pagevec.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/vmstat.h"

#define BUF	0x10000000UL
#define P	4096UL

static struct machine *boot_buf(unsigned long pages)
{
	struct machine *m = ph_boot("mem=512M");
	uint64_t addr;

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BUF, pages * P, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, &addr), 0);
	return m;
}

static unsigned long nr_mlock(struct machine *m)
{
	return global_zone_page_state(m, NR_MLOCK);
}

static unsigned long event(struct machine *m, enum vm_event_item i)
{
	char *text = ph_read(m, "/proc/vmstat"), *p;
	unsigned long v = 0;

	p = strstr(text, i == UNEVICTABLE_PGMLOCKED ? "\nunevictable_pgs_mlocked " :
			 "\nunevictable_pgs_munlocked ");
	assert_non_null(p);
	sscanf(strchr(p + 1, ' '), "%lu", &v);
	free(text);
	return v;
}

static void touch(struct machine *m, const char *name, unsigned long addr, unsigned long len,
		  int write)
{
	struct mmsim_access_result r;

	assert_int_equal(mmsim_process_access(m, name, addr, len, write, &r), 0);
}

/* KPF_MLOCKED (bit 33) of the page mapped at @addr in a. */
static bool kpf_mlocked(struct machine *m, unsigned long addr)
{
	uint64_t pm, kpf;
	char path[64];

	snprintf(path, sizeof(path), "/proc/a/pagemap");
	assert_int_equal(mmsim_pread(m, path, &pm, 8, (addr / P) * 8), 8);
	assert_true(pm >> 63);		/* present */
	assert_int_equal(mmsim_pread(m, "/proc/kpageflags", &kpf, 8,
				     (pm & ((1ULL << 55) - 1)) * 8), 8);
	return kpf >> 33 & 1;
}

/* mlock of 16 untouched pages: populate's new pages, counted at once. */
static void mlock_counts_every_page_it_faults_in(void **state)
{
	struct machine *m = boot_buf(32);
	char *meminfo;

	(void)state;
	assert_int_equal(mmsim_process_mlock(m, "a", BUF, 16 * P), 0);
	assert_int_equal(nr_mlock(m), 16);
	assert_int_equal(event(m, UNEVICTABLE_PGMLOCKED), 16);
	meminfo = ph_read(m, "/proc/meminfo");
	assert_non_null(strstr(meminfo, "\nMlocked:              64 kB\n"));
	assert_non_null(strstr(meminfo, "\nUnevictable:           0 kB\n"));	/* no LRU yet */
	free(meminfo);
	assert_true(kpf_mlocked(m, BUF));
	touch(m, "a", BUF + 16 * P, P, 1);	/* outside the lock */
	assert_false(kpf_mlocked(m, BUF + 16 * P));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * mlock2 onfault over 8 present pages of 16: those 8 now; 4 write faults
 * add 4; a read maps the zero page, which is never mlocked.  munlock of 8:
 * -8 at once (munlock drains its batch).
 */
static void onfault_locks_present_pages_and_new_faults(void **state)
{
	struct machine *m = boot_buf(32);

	(void)state;
	touch(m, "a", BUF, 8 * P, 1);
	assert_int_equal(mmsim_process_mlock2(m, "a", BUF, 16 * P, MLOCK_ONFAULT), 0);
	assert_int_equal(nr_mlock(m), 8);
	touch(m, "a", BUF + 8 * P, 4 * P, 1);
	assert_int_equal(nr_mlock(m), 12);
	touch(m, "a", BUF + 12 * P, P, 0);
	assert_int_equal(nr_mlock(m), 12);
	assert_int_equal(mmsim_process_munlock(m, "a", BUF, 8 * P), 0);
	assert_int_equal(nr_mlock(m), 4);
	assert_int_equal(event(m, UNEVICTABLE_PGMUNLOCKED), 8);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * munmap of mlocked pages leaves them in the CPU's mlock batch: Mlocked:
 * does not move until a drain (the host: mlock 40, munmap 4, munmap 20:
 * +40 still; MADV_COLD elsewhere: +16).  40 munlocks fill the batch
 * (31): 31 land at once, 9 wait.
 */
static void munmap_munlocks_through_the_batch(void **state)
{
	struct machine *m = boot_buf(64);

	(void)state;
	assert_int_equal(mmsim_process_mlock(m, "a", BUF, 40 * P), 0);
	assert_int_equal(mmsim_process_munmap(m, "a", BUF, 4 * P), 0);
	assert_int_equal(mmsim_process_munmap(m, "a", BUF + 4 * P, 20 * P), 0);
	assert_int_equal(nr_mlock(m), 40);
	ph_assert_valid(m);			/* pending munlocks are allowed */
	assert_int_equal(mmsim_process_madvise(m, "a", BUF + 48 * P, 4 * P, MADV_COLD), 0);
	assert_int_equal(nr_mlock(m), 16);
	assert_int_equal(mmsim_process_munmap(m, "a", BUF + 24 * P, 16 * P), 0);
	assert_int_equal(nr_mlock(m), 16);
	assert_int_equal(mmsim_process_mlock(m, "a", BUF + 48 * P, P), 0);	/* drains */
	assert_int_equal(nr_mlock(m), 1);
	ph_assert_valid(m);
	mmsim_destroy(m);

	m = boot_buf(64);
	assert_int_equal(mmsim_process_mlock(m, "a", BUF, 40 * P), 0);
	assert_int_equal(mmsim_process_munmap(m, "a", BUF, 40 * P), 0);
	assert_int_equal(nr_mlock(m), 9);
	mmsim_destroy(m);
}

/*
 * A child that mlocks pages it shares with its locked parent: the walk
 * finds them mlocked already (no count); populate's write faults copy
 * them for the child, and the copies count.  The parent's stay mlocked.
 */
static void fork_child_mlock_counts_its_copies(void **state)
{
	struct machine *m = boot_buf(16);
	int pid;

	(void)state;
	assert_int_equal(mmsim_process_mlock(m, "a", BUF, 8 * P), 0);
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(nr_mlock(m), 8);
	assert_int_equal(mmsim_process_mlock(m, "c", BUF, 8 * P), 0);
	assert_int_equal(nr_mlock(m), 16);
	assert_int_equal(event(m, UNEVICTABLE_PGMLOCKED), 16);
	assert_true(kpf_mlocked(m, BUF));
	assert_int_equal(mmsim_process_munlock(m, "c", BUF, 8 * P), 0);
	assert_int_equal(nr_mlock(m), 8);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* Exit zaps the locked pages: they wait in the batch, the next drain clears them. */
static void exit_leaves_munlocks_for_the_next_drain(void **state)
{
	struct machine *m = boot_buf(16);
	int pid;

	(void)state;
	assert_int_equal(mmsim_process_mlock(m, "a", BUF, 8 * P), 0);
	assert_int_equal(mmsim_process_exit_code(m, "a", 0, 0), 0);
	assert_int_equal(nr_mlock(m), 8);
	ph_assert_valid(m);
	assert_int_equal(mmsim_spawn(m, "b", &pid), 0);
	assert_int_equal(mmsim_process_exit_code(m, "b", 0, 0), 0);	/* exit_mmap drains */
	assert_int_equal(nr_mlock(m), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void validator_catches_stray_pg_mlocked_and_bad_counts(void **state)
{
	struct machine *m = boot_buf(16);
	struct page *page;
	char err[256];
	uint64_t pm;

	(void)state;
	touch(m, "a", BUF, P, 1);
	assert_int_equal(mmsim_process_mlock(m, "a", BUF + 8 * P, P), 0);	/* a real one */
	assert_int_equal(mmsim_pread(m, "/proc/a/pagemap", &pm, 8, (BUF / P) * 8), 8);
	page = pfn_to_page(m, pm & ((1ULL << 55) - 1));
	page->flags |= 1UL << PG_mlocked;	/* in an unlocked VMA */
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, 1);
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "PG_mlocked but mapped in no VM_LOCKED VMA"));
	page->flags &= ~(1UL << PG_mlocked);
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "NR_MLOCK 2 but 1 pages have PG_mlocked"));
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, -1);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * Plant PG_mlocked on @page with NR_MLOCK to match: both the validator's
 * own memmap walk and mmsim_validate (which hands it the memmap census's
 * PG_mlocked pages instead) must name that pfn.
 */
static void stray_is_caught_with_and_without_census(struct machine *m, struct page *page)
{
	char err[256], want[128];

	snprintf(want, sizeof(want), "pfn %#lx: PG_mlocked but mapped in no VM_LOCKED VMA",
		 page_to_pfn(m, page));
	page->flags |= 1UL << PG_mlocked;
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, 1);
	assert_null(m->census);
	assert_int_equal(validate_mlocked_pages(m, err, sizeof(err)), -EUCLEAN);	/* walks */
	assert_non_null(strstr(err, want));
	err[0] = '\0';
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);	/* census */
	assert_non_null(strstr(err, want));
	page->flags &= ~(1UL << PG_mlocked);
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, -1);
	ph_assert_valid(m);
}

/*
 * Pages no VMA maps are still looked at: a kernel page and a page-table
 * page (typed, so the census must look at flags before page types).
 */
static void validator_catches_pg_mlocked_on_unmapped_and_typed_pages(void **state)
{
	struct machine *m = boot_buf(16);
	struct page *kpage;

	(void)state;
	assert_int_equal(mmsim_process_mlock(m, "a", BUF, 4 * P), 0);	/* census gathers from now */
	kpage = alloc_pages(m, GFP_KERNEL, 0);
	assert_non_null(kpage);
	stray_is_caught_with_and_without_census(m, kpage);
	stray_is_caught_with_and_without_census(m, virt_to_page(m, find_process(m, "a")->mm->pgd));
	__free_pages(m, kpage, 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mlock_counts_every_page_it_faults_in),
		cmocka_unit_test(onfault_locks_present_pages_and_new_faults),
		cmocka_unit_test(munmap_munlocks_through_the_batch),
		cmocka_unit_test(fork_child_mlock_counts_its_copies),
		cmocka_unit_test(exit_leaves_munlocks_for_the_next_drain),
		cmocka_unit_test(validator_catches_stray_pg_mlocked_and_bad_counts),
		cmocka_unit_test(validator_catches_pg_mlocked_on_unmapped_and_typed_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
