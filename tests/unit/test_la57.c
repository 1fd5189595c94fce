// SPDX-License-Identifier: GPL-2.0-only
/*
 * 5-level paging (la57): mmsim.la57=1 gives the CPU model LA57, no5lvl
 * turns it off again (pgtable_l5_enabled); the PML5 with a real P4D level
 * under it (counted in PageTables:, not in VmPTE), the kernel's tables in
 * its last slot, TASK_SIZE 56 bits while mmap stays below 47 bits unless
 * a hint asks for more, and the walks (mmu_walk, the TLB fill, the
 * validator, fork's copy) through the extra level.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "asm/tlbflush.h"
#include "asm/trap_pf.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/vmstat.h"

#define FIX		0x100000000000UL	/* 16 TiB: alone in its 512 GiB */
#define HIGH		(1UL << 50)		/* above 47 bits: PML5 slot 4 */

static unsigned long nr_pagetable(struct machine *m)
{
	return global_node_page_state(m, NR_PAGETABLE);
}

static struct machine *boot_a(const char *cmdline, struct mm_struct **mm)
{
	struct machine *m = ph_boot(cmdline);

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	*mm = find_process(m, "a")->mm;
	return m;
}

static uint64_t map(struct machine *m, uint64_t hint, uint64_t len, unsigned int flags)
{
	uint64_t addr = 0;
	int ret = mmsim_process_mmap(m, "a", hint, len, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | flags, &addr);

	return ret ? (uint64_t)ret : addr;
}

static void write_pages(struct machine *m, uint64_t addr, uint64_t len)
{
	struct mmsim_access_result r;

	assert_int_equal(mmsim_process_access(m, "a", addr, len, 1, &r), 0);
}

/* mmsim.la57=1 turns 5-level paging on, no5lvl off again; default off. */
static void la57_needs_the_cpu_feature_and_no5lvl_wins(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=1G", &mm);
	char err[256];

	(void)state;
	assert_false(m->pgtable_l5_enabled);
	assert_null(mm->l5_ram);
	assert_int_equal(mm->task_size, TASK_SIZE);
	mmsim_destroy(m);
	m = boot_a("mem=1G mmsim.la57=1", &mm);
	assert_true(m->pgtable_l5_enabled);
	assert_non_null(mm->l5_ram);
	assert_int_equal(mm->task_size, (1UL << 56) - PAGE_SIZE);
	/* the layout stays in the 47-bit window (task_size_64bit(0)) */
	assert_true(mm->mmap_base < DEFAULT_MAP_WINDOW);
	/* the kernel's 4 levels hang from the PML5's last slot */
	assert_int_equal(((pgd_t *)mm->pgd)[PTRS_PER_PGD - 1].pgd & PTE_PFN_MASK,
			 m->swapper_pg_dir);
	ph_assert_valid(m);
	mmsim_destroy(m);
	m = boot_a("mem=1G mmsim.la57=1 no5lvl", &mm);
	assert_false(m->pgtable_l5_enabled);
	assert_int_equal(mm->task_size, TASK_SIZE);
	mmsim_destroy(m);
	m = NULL;
	assert_int_not_equal(mmsim_boot("mmsim.la57=maybe", 1, &m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "mmsim.la57=maybe: not a boolean"));
	mmsim_destroy(m);
}

/*
 * One page touched at FIX costs PUD + PMD + PTE tables with 4 levels, and
 * a P4D table more with 5: PageTables: +16 kB, VmPTE +12 kB (Linux counts
 * no P4D in pgtables_bytes).  Exit gives it all back.
 */
static void a_touched_page_costs_one_more_table_with_la57(void **state)
{
	static const char *const boots[2] = { "mem=1G", "mem=1G mmsim.la57=1" };

	(void)state;
	for (int l5 = 0; l5 < 2; l5++) {
		struct mm_struct *mm;
		struct machine *m = ph_boot(boots[l5]);
		unsigned long start = nr_pagetable(m), before;

		assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
		mm = find_process(m, "a")->mm;
		before = nr_pagetable(m);
		assert_int_equal(map(m, FIX, PAGE_SIZE, MAP_FIXED), FIX);
		write_pages(m, FIX, PAGE_SIZE);
		assert_int_equal(nr_pagetable(m) - before, 3 + l5);
		assert_int_equal(mm->pgtables_bytes, 3 * PAGE_SIZE);
		ph_assert_valid(m);
		assert_int_equal(mmsim_process_exit_code(m, "a", 0, 0), 0);
		assert_int_equal(nr_pagetable(m), start);
		ph_assert_valid(m);
		mmsim_destroy(m);
	}
}

/*
 * An mmap hint above 47 bits: ignored with 4 levels (the area comes from
 * the 47-bit window, MAP_FIXED there is ENOMEM); honoured with la57.  A
 * hint that is taken makes a top-down search with the full space above
 * the window (arch_get_unmapped_area_topdown's high_limit).
 */
static void a_hint_above_47_bits_gets_a_high_address_only_with_la57(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=1G", &mm);
	uint64_t addr;

	(void)state;
	addr = map(m, HIGH, 16 * PAGE_SIZE, 0);
	assert_true(addr < DEFAULT_MAP_WINDOW);
	assert_int_equal((int64_t)map(m, HIGH, 16 * PAGE_SIZE, MAP_FIXED), -ENOMEM);
	mmsim_destroy(m);

	m = boot_a("mem=1G mmsim.la57=1", &mm);
	assert_true(map(m, 0, 16 * PAGE_SIZE, 0) < DEFAULT_MAP_WINDOW);	/* no hint: low */
	assert_int_equal(map(m, HIGH, 16 * PAGE_SIZE, 0), HIGH);
	addr = map(m, HIGH, 16 * PAGE_SIZE, 0);		/* taken: searched from the top */
	assert_true(addr > DEFAULT_MAP_WINDOW);
	assert_true(addr + 16 * PAGE_SIZE <= mm->task_size + 1);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * Pages above 47 bits work as any: the write faults through the PML5 and
 * a new P4D table (PageTables +4 pages), the TLB caches them, munmap
 * flushes and frees the tables, the emptied slot's P4D table with them
 * (free_p4d_range), fork copies them through the child's own P4D table.
 */
static void pages_above_47_bits_fault_flush_and_fork(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_a("mem=1G mmsim.la57=1", &mm);
	struct mmu_result res;
	unsigned long before;
	int pid;

	(void)state;
	before = nr_pagetable(m);
	assert_int_equal(map(m, HIGH, 4 * PAGE_SIZE, MAP_FIXED), HIGH);
	write_pages(m, HIGH, 4 * PAGE_SIZE);
	assert_int_equal(nr_pagetable(m) - before, 4);
	assert_true(((pgd_t *)mm->pgd)[4].pgd & _PAGE_PRESENT);
	assert_non_null(mm_find_pte(m, mm, HIGH));
	m->current_cpu = 0;
	tlb_translate(m, mm, HIGH + PAGE_SIZE, X86_PF_USER | X86_PF_WRITE, &res);
	assert_false(res.fault);
	assert_int_equal(tlb_translate(m, mm, HIGH + PAGE_SIZE, X86_PF_USER | X86_PF_WRITE, &res),
			 TLB_HIT_L1);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_true(((pgd_t *)find_process(m, "c")->mm->pgd)[4].pgd & _PAGE_PRESENT);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit_code(m, "c", 0, 0), 0);
	assert_int_equal(mmsim_process_munmap(m, "a", HIGH, 4 * PAGE_SIZE), 0);
	assert_int_equal(tlb_translate(m, mm, HIGH + PAGE_SIZE, X86_PF_USER, &res), TLB_MISS);
	assert_true(res.fault);
	assert_int_equal(nr_pagetable(m), before);		/* the P4D table too */
	assert_false(((pgd_t *)mm->pgd)[4].pgd & _PAGE_PRESENT);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(la57_needs_the_cpu_feature_and_no5lvl_wins),
		cmocka_unit_test(a_touched_page_costs_one_more_table_with_la57),
		cmocka_unit_test(a_hint_above_47_bits_gets_a_high_address_only_with_la57),
		cmocka_unit_test(pages_above_47_bits_fault_flush_and_fork),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
