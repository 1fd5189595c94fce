// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory syscalls above 47 bits on a 5-level (mmsim.la57=1) machine.
 * The address limit each one checks is the task's, TASK_SIZE =
 * TASK_SIZE_MAX (56 bits with LA57; mm->task_size), not the 47-bit one
 * of 4-level paging:
 *   madvise, mlock/munlock, msync  no limit at all in 6.18: only the
 *                    start + len wrap (EINVAL, msync ENOMEM), then the VMAs;
 *   mlockall         populates [0, TASK_SIZE);
 *   mincore          access_ok(start, len): start + len <= USER_PTR_MAX
 *                    (= TASK_SIZE_MAX), else ENOMEM;
 *   mremap           check_mremap_params: new_len and new_addr against
 *                    TASK_SIZE (EINVAL); moving pages into a 256 TiB slot
 *                    with no P4D table yet allocates it (alloc_new_pud:
 *                    p4d_alloc).
 * munmap frees a slot's P4D table when it empties the slot's 256 TiB
 * (free_p4d_range), and keeps it while another VMA there needs it.
 * The same addresses on a 4-level machine give the 47-bit answers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/vmstat.h"

#define HIGH		(1UL << 50)		/* above 47 bits: PML5 slot 4 */
#define OTHER_SLOT	(5UL << 48)		/* PML5 slot 5: no P4D table yet */
#define LEN		(16 * 4096UL)

static struct machine *boot_a(const char *cmdline, struct mm_struct **mm)
{
	struct machine *m = ph_boot(cmdline);

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	*mm = find_process(m, "a")->mm;
	return m;
}

/* 16 written pages at HIGH (la57), or @ret of mmap when refused. */
static uint64_t map_high(struct machine *m)
{
	struct mmsim_access_result r;
	uint64_t addr = 0;

	assert_int_equal(mmsim_process_mmap(m, "a", HIGH, LEN, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &addr), 0);
	assert_int_equal(addr, HIGH);
	assert_int_equal(mmsim_process_access(m, "a", addr, LEN, 1, &r), 0);
	return addr;
}

static void madvise_dontneed_zaps_above_47_bits(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=512M mmsim.la57=1", &mm);
	unsigned long rss;

	(void)state;
	map_high(m);
	rss = get_mm_rss(mm);
	assert_int_equal(mmsim_process_madvise(m, "a", HIGH, 4 * 4096, MADV_DONTNEED), 0);
	assert_int_equal(get_mm_rss(mm), rss - 4);
	/* a range past the VMA: ENOMEM from the walk, not a limit */
	assert_int_equal(mmsim_process_madvise(m, "a", HIGH, 2 * LEN, MADV_DONTNEED), -ENOMEM);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mlock_and_mlockall_reach_above_47_bits(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=512M mmsim.la57=1", &mm);

	(void)state;
	map_high(m);
	assert_int_equal(mmsim_process_mlock(m, "a", HIGH, LEN), 0);
	assert_int_equal(mm->locked_vm, 16);
	assert_int_equal(mmsim_process_munlock(m, "a", HIGH, LEN), 0);
	assert_int_equal(mm->locked_vm, 0);
	/* zap 4 pages: mlockall(MCL_CURRENT) faults them back in (mincore sees them) */
	assert_int_equal(mmsim_process_madvise(m, "a", HIGH, 4 * 4096, MADV_DONTNEED), 0);
	assert_int_equal(mmsim_process_mlockall(m, "a", MCL_CURRENT), 0);
	{
		unsigned char vec[16];

		assert_int_equal(mmsim_process_mincore(m, "a", HIGH, LEN, vec, sizeof(vec)), 0);
		for (int i = 0; i < 16; i++)
			assert_int_equal(vec[i], 1);
	}
	assert_int_equal(mmsim_process_munlockall(m, "a"), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mincore_limit_is_the_task_size(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=512M mmsim.la57=1", &mm);
	unsigned char vec[16];

	(void)state;
	map_high(m);
	assert_int_equal(mmsim_process_madvise(m, "a", HIGH, 4096, MADV_DONTNEED), 0);
	assert_int_equal(mmsim_process_mincore(m, "a", HIGH, LEN, vec, sizeof(vec)), 0);
	assert_int_equal(vec[0], 0);
	assert_int_equal(vec[1], 1);
	/* past TASK_SIZE_MAX (56 bits): access_ok fails */
	assert_int_equal(mmsim_process_mincore(m, "a", (1UL << 56) - 4096, 2 * 4096, vec,
					       sizeof(vec)), -ENOMEM);
	/* below it but unmapped: the walk's ENOMEM */
	assert_int_equal(mmsim_process_mincore(m, "a", OTHER_SLOT, 4096, vec, sizeof(vec)),
			 -ENOMEM);
	mmsim_destroy(m);
	/* 4-level: HIGH is beyond the 47-bit TASK_SIZE */
	m = boot_a("mem=512M", &mm);
	assert_int_equal(mmsim_process_mincore(m, "a", HIGH, LEN, vec, sizeof(vec)), -ENOMEM);
	mmsim_destroy(m);
}

static void msync_above_47_bits(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=512M mmsim.la57=1", &mm);

	(void)state;
	map_high(m);
	assert_int_equal(mmsim_process_msync(m, "a", HIGH, LEN, MS_SYNC), 0);
	assert_int_equal(mmsim_process_msync(m, "a", OTHER_SLOT, LEN, MS_SYNC), -ENOMEM);
	mmsim_destroy(m);
}

/*
 * mremap of written pages from slot 4 to slot 5, which has no P4D table:
 *
 *   PML5[4] -> P4D -> ... [HIGH, +64K) written   PML5[5] none
 *       mremap(HIGH, 64K, 128K, MAYMOVE|FIXED, 5 << 48)
 *   PML5[4] none                                 PML5[5] -> P4D -> ... the pages
 *
 * The old range's munmap empties slot 4, whose P4D table goes with it
 * (free_p4d_range: nothing between the stack below and slot 5 above).
 */
static void mremap_moves_pages_into_a_new_p4d_slot(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=512M mmsim.la57=1", &mm);
	unsigned long rss;
	uint64_t out = 0;

	(void)state;
	map_high(m);
	rss = get_mm_rss(mm);
	assert_false(pgd_offset_top(mm, OTHER_SLOT)->pgd & _PAGE_PRESENT);
	assert_int_equal(mmsim_process_mremap(m, "a", HIGH, LEN, 2 * LEN, 3, OTHER_SLOT, &out), 0);
	assert_int_equal(out, OTHER_SLOT);
	assert_true(pgd_offset_top(mm, OTHER_SLOT)->pgd & _PAGE_PRESENT);
	assert_false(pgd_offset_top(mm, HIGH)->pgd & _PAGE_PRESENT);
	assert_int_equal(get_mm_rss(mm), rss);		/* moved, not copied or lost */
	{
		unsigned char vec[32];

		assert_int_equal(mmsim_process_mincore(m, "a", OTHER_SLOT, 2 * LEN, vec,
						       sizeof(vec)), 0);
		assert_int_equal(vec[15], 1);
		assert_int_equal(vec[16], 0);
	}
	ph_assert_valid(m);
	/* new_addr past TASK_SIZE - new_len: EINVAL */
	assert_int_equal(mmsim_process_mremap(m, "a", OTHER_SLOT, LEN, LEN, 3,
					      (1UL << 56) - 4096, &out), -EINVAL);
	mmsim_destroy(m);
	/* 4-level: a target above 47 bits is EINVAL */
	m = boot_a("mem=512M", &mm);
	assert_int_equal(mmsim_process_mmap(m, "a", 0, LEN, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &out), 0);
	assert_int_equal(mmsim_process_mremap(m, "a", out, LEN, LEN, 3, HIGH, &out), -EINVAL);
	mmsim_destroy(m);
}

static unsigned long nr_pagetable(struct machine *m)
{
	return global_node_page_state(m, NR_PAGETABLE);
}

/*
 * munmap of the only VMA in a 256 TiB slot frees the slot's P4D table
 * with the PUD, PMD and PTE tables under it (free_pgd_range ->
 * free_p4d_range: the slot's span lies inside [floor, ceiling) = [the
 * stack's end, the top)):
 *
 *   PML5[0] -> P4D -> ... a written page (below 47 bits)
 *   PML5[4] -> P4D -> PUD -> PMD -> PTE -> [HIGH, +64K) written
 *       munmap(HIGH, 64K)
 *   PML5[0] -> P4D -> ... unchanged
 *   PML5[4] none                    PageTables back to its value before the mmap
 *
 * A new touch there makes the four tables again.
 */
static void munmap_frees_the_p4d_table_it_empties(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=512M mmsim.la57=1", &mm);
	struct mmsim_access_result r;
	unsigned long before;
	uint64_t low = 0;
	long bytes;

	(void)state;
	assert_int_equal(mmsim_process_mmap(m, "a", 0, LEN, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &low), 0);
	assert_int_equal(mmsim_process_access(m, "a", low, 4096, 1, &r), 0);	/* PML5[0] */
	before = nr_pagetable(m);
	bytes = mm->pgtables_bytes;
	map_high(m);
	assert_int_equal(nr_pagetable(m), before + 4);	/* P4D, PUD, PMD, PTE */
	assert_int_equal(mm->pgtables_bytes, bytes + 3 * 4096);
	assert_int_equal(mmsim_process_munmap(m, "a", HIGH, LEN), 0);
	assert_false(pgd_offset_top(mm, HIGH)->pgd & _PAGE_PRESENT);
	assert_true(pgd_offset_top(mm, 0)->pgd & _PAGE_PRESENT);
	assert_int_equal(nr_pagetable(m), before);
	assert_int_equal(mm->pgtables_bytes, bytes);	/* VmPTE never held the P4D */
	ph_assert_valid(m);
	map_high(m);
	assert_int_equal(nr_pagetable(m), before + 4);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit_code(m, "a", 0, 0), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * A munmap that leaves another VMA in the same slot keeps its P4D table
 * (free_p4d_range's ceiling: the next VMA's start is inside the slot):
 *
 *   PML5[4] -> P4D -+- [0] -> PUD -> PMD -> PTE -> [HIGH, +64K)         written
 *                   +- [2] -> PUD -> PMD -> PTE -> [HIGH + 1T, +64K)    written
 *       munmap(HIGH, 64K)    PUD, PMD, PTE of entry 0 go; the P4D stays
 *       munmap(HIGH + 1T, 64K)    now the slot is empty: the P4D goes too
 */
static void munmap_keeps_a_p4d_table_another_vma_in_the_slot_uses(void **state)
{
	const uint64_t second = HIGH + (1UL << 40);	/* P4D entry 2 of slot 4 */
	struct mmsim_access_result r;
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=512M mmsim.la57=1", &mm);
	unsigned long before = nr_pagetable(m);
	uint64_t addr = 0;

	(void)state;
	map_high(m);
	assert_int_equal(mmsim_process_mmap(m, "a", second, LEN, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, &addr), 0);
	assert_int_equal(mmsim_process_access(m, "a", second, LEN, 1, &r), 0);
	assert_int_equal(nr_pagetable(m), before + 7);	/* one P4D, two PUD+PMD+PTE */
	assert_int_equal(mmsim_process_munmap(m, "a", HIGH, LEN), 0);
	assert_true(pgd_offset_top(mm, HIGH)->pgd & _PAGE_PRESENT);
	assert_int_equal(nr_pagetable(m), before + 4);
	assert_null(mm_find_pte(m, mm, HIGH));
	assert_non_null(mm_find_pte(m, mm, second));
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_munmap(m, "a", second, LEN), 0);
	assert_false(pgd_offset_top(mm, HIGH)->pgd & _PAGE_PRESENT);
	assert_int_equal(nr_pagetable(m), before);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(madvise_dontneed_zaps_above_47_bits),
		cmocka_unit_test(mlock_and_mlockall_reach_above_47_bits),
		cmocka_unit_test(mincore_limit_is_the_task_size),
		cmocka_unit_test(msync_above_47_bits),
		cmocka_unit_test(mremap_moves_pages_into_a_new_p4d_slot),
		cmocka_unit_test(munmap_frees_the_p4d_table_it_empties),
		cmocka_unit_test(munmap_keeps_a_p4d_table_another_vma_in_the_slot_uses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
