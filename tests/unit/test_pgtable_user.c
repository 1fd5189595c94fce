// SPDX-License-Identifier: GPL-2.0-only
/*
 * A process's page tables (mm/memory.c, arch/x86/mm/mmu.c): the path to
 * one user address costs a PUD, a PMD and a PTE table (12 kB of
 * PageTables: and VmPTE), neighbours share tables, munmap frees exactly
 * the tables no remaining VMA can use (Linux's floor/ceiling rule), exit
 * gives every table back; the software MMU walk sets Accessed then Dirty
 * and faults with the x86 error code; swap entries and PROT_NONE entries
 * encode as x86-64 Linux encodes them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "asm/trap_pf.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/vmstat.h"
#include "asm-generic/tlb.h"

/* A PGD slot (512 GiB) no process uses: far below mmap_base and the stack. */
#define BASE		0x100000000000UL
#define RW_ANON		(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static unsigned long nr_pagetable(struct machine *m)
{
	return global_node_page_state(m, NR_PAGETABLE);
}

/* The kB after @key in @path's text (as a person reads the file), or -1. */
static long proc_kb(struct machine *m, const char *path, const char *key)
{
	char *text = ph_read(m, path);
	char *at = strstr(text, key);
	long kb = -1;

	if (at)
		sscanf(at + strlen(key), " %ld", &kb);
	free(text);
	return kb;
}

static struct machine *boot_with(const char *name, struct mm_struct **mm)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");

	assert_int_equal(mmsim_spawn(m, name, NULL), 0);
	*mm = find_process(m, name)->mm;
	return m;
}

/* mmap one page at @addr (MAP_FIXED, read-write anonymous) in @name. */
static void map_page(struct machine *m, const char *name, unsigned long addr)
{
	uint64_t out;

	assert_int_equal(mmsim_process_mmap(m, name, addr, PAGE_SIZE, PROT_READ | PROT_WRITE,
					    RW_ANON, &out), 0);
	assert_int_equal(out, addr);
}

static void path_for_one_address_costs_pud_pmd_pte_12k(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_with("a", &mm);
	long meminfo = proc_kb(m, "/proc/meminfo", "PageTables:");
	unsigned long before = nr_pagetable(m);
	pte_t *pte;

	(void)state;
	map_page(m, "a", BASE);
	assert_int_equal(proc_kb(m, "/proc/a/status", "VmPTE:"), 0);
	assert_null(mm_find_pte(m, mm, BASE));
	pte = get_locked_pte(m, mm, BASE);
	assert_non_null(pte);
	assert_true(pte_none(*pte));
	assert_ptr_equal(mm_find_pte(m, mm, BASE), pte);
	assert_int_equal(nr_pagetable(m) - before, 3);
	assert_int_equal(proc_kb(m, "/proc/meminfo", "PageTables:") - meminfo, 12);
	assert_int_equal(mm->pgtables_bytes, 3 * PAGE_SIZE);
	assert_int_equal(proc_kb(m, "/proc/a/status", "VmPTE:"), 12);
	/* the upper entries link the tables as x86's *_populate do */
	assert_int_equal(pgd_val(*pgd_offset(mm, BASE)) & PTE_FLAGS_MASK, _PAGE_TABLE);
	assert_ptr_equal(get_locked_pte(m, mm, BASE), pte);	/* already there: free */
	assert_int_equal(nr_pagetable(m) - before, 3);
	assert_null(get_locked_pte(m, mm, TASK_SIZE));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * Neighbours share what they can:
 *   BASE, BASE+4K          one PTE table
 *   BASE+2M                a PTE table in the same PMD table       +1
 *   BASE+1G                a PMD and a PTE table, same PUD table   +2
 *   BASE+512G              a PUD, PMD and PTE table                +3
 */
static void neighbours_share_tables(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_with("a", &mm);
	unsigned long before = nr_pagetable(m);
	struct mmu_gather tlb;
	pte_t *first;

	(void)state;
	first = get_locked_pte(m, mm, BASE);
	assert_int_equal(nr_pagetable(m) - before, 3);
	assert_ptr_equal(get_locked_pte(m, mm, BASE + PAGE_SIZE), first + 1);
	assert_int_equal(nr_pagetable(m) - before, 3);
	assert_non_null(get_locked_pte(m, mm, BASE + PMD_SIZE));
	assert_int_equal(nr_pagetable(m) - before, 4);
	assert_non_null(get_locked_pte(m, mm, BASE + PUD_SIZE));
	assert_int_equal(nr_pagetable(m) - before, 6);
	assert_non_null(get_locked_pte(m, mm, BASE + PGDIR_SIZE));
	assert_int_equal(nr_pagetable(m) - before, 9);
	assert_int_equal(mm->pgtables_bytes, 9 * PAGE_SIZE);
	/* no VMA covers them: the validator still accounts them, exit would not free them */
	ph_assert_valid(m);
	tlb_gather_mmu(&tlb, m, mm);
	free_pgd_range(&tlb, BASE, BASE + PGDIR_SIZE + PAGE_SIZE, 0, 0);
	assert_true(tlb.freed_tables);
	tlb_finish_mmu(&tlb);
	assert_int_equal(nr_pagetable(m), before);
	assert_int_equal(mm->pgtables_bytes, 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * munmap frees only what no remaining VMA can use:
 *
 *   V1 BASE        V2 BASE+8K     V3 BASE+4M          V4 BASE+512G
 *   [=]            [=]            [=]                 [=]
 *   |-- PTE table a --|           PTE table b         PUD2, PMD2, PTE c
 *   |--------- PMD table 1 -----------|
 *   |--------- PUD table 1 -----------|
 */
static void munmap_frees_exactly_the_empty_tables(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_with("a", &mm);
	unsigned long before = nr_pagetable(m);
	const unsigned long v[] = { BASE, BASE + 2 * PAGE_SIZE, BASE + 2 * PMD_SIZE,
				    BASE + PGDIR_SIZE };

	(void)state;
	for (int i = 0; i < 4; i++) {
		map_page(m, "a", v[i]);
		assert_non_null(get_locked_pte(m, mm, v[i]));
	}
	assert_int_equal(nr_pagetable(m) - before, 7);
	ph_assert_valid(m);
	/* V2: its PTE table is V1's too (V1 ends below the floor's PMD) */
	assert_int_equal(mmsim_process_munmap(m, "a", v[1], PAGE_SIZE), 0);
	assert_int_equal(nr_pagetable(m) - before, 7);
	assert_non_null(mm_find_pte(m, mm, v[0]));
	/* V3: its PTE table goes; the PMD table is shared with V1 */
	assert_int_equal(mmsim_process_munmap(m, "a", v[2], PAGE_SIZE), 0);
	assert_int_equal(nr_pagetable(m) - before, 6);
	assert_null(mm_find_pte(m, mm, v[2]));
	assert_non_null(mm_find_pte(m, mm, v[0]));
	/* V4: alone in its 512 GiB: PTE, PMD and PUD tables go */
	assert_int_equal(mmsim_process_munmap(m, "a", v[3], PAGE_SIZE), 0);
	assert_int_equal(nr_pagetable(m) - before, 3);
	assert_true(pgd_none(*pgd_offset(mm, v[3])));
	assert_int_equal(mm->pgtables_bytes, 3 * PAGE_SIZE);
	/* V1, the last: everything */
	assert_int_equal(mmsim_process_munmap(m, "a", v[0], PAGE_SIZE), 0);
	assert_int_equal(nr_pagetable(m), before);
	assert_int_equal(proc_kb(m, "/proc/a/status", "VmPTE:"), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* A neighbour above the ceiling keeps the shared PTE table, then exit frees all. */
static void exit_gives_back_every_table(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	unsigned long before = nr_pagetable(m);
	struct mm_struct *mm;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	mm = find_process(m, "a")->mm;
	assert_int_equal(nr_pagetable(m) - before, 1);		/* the PGD */
	map_page(m, "a", BASE);
	map_page(m, "a", BASE + 3 * PAGE_SIZE);
	map_page(m, "a", BASE + PUD_SIZE);
	for (unsigned long a = BASE; a < BASE + 4 * PAGE_SIZE; a += 3 * PAGE_SIZE)
		assert_non_null(get_locked_pte(m, mm, a));
	assert_non_null(get_locked_pte(m, mm, BASE + PUD_SIZE));
	assert_int_equal(nr_pagetable(m) - before, 1 + 5);
	/* the lower VMA goes: the PTE table stays for the one at +12K */
	assert_int_equal(mmsim_process_munmap(m, "a", BASE, PAGE_SIZE), 0);
	assert_int_equal(nr_pagetable(m) - before, 1 + 5);
	assert_int_equal(mmsim_process_exit(m, "a"), 0);
	assert_int_equal(nr_pagetable(m), before);
	assert_false(ph_log_has(m, "non-zero pgtables_bytes"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * Each mm has its own tables: a forked child gets a PGD but no copies
 * (copy_page_range skips VMAs without an anon_vma, and none has one
 * before faults); a thread shares its process's; the parent's exit frees
 * the parent's tables only.
 */
static void fork_and_threads_keep_tables_per_mm(void **state)
{
	struct mm_struct *mm, *child;
	struct machine *m = boot_with("a", &mm);
	unsigned long before;
	int pid;

	(void)state;
	map_page(m, "a", BASE);
	assert_non_null(get_locked_pte(m, mm, BASE));
	before = nr_pagetable(m);
	assert_int_equal(mmsim_process_clone(m, "a", "b", MMSIM_CLONE_FORK, &pid), 0);
	child = find_process(m, "b")->mm;
	assert_ptr_not_equal(child, mm);
	assert_int_equal(nr_pagetable(m) - before, 1);		/* b's PGD */
	assert_int_equal(child->pgtables_bytes, 0);
	assert_null(mm_find_pte(m, child, BASE));
	assert_int_equal(mmsim_process_clone(m, "a", "t", MMSIM_CLONE_THREAD, &pid), 0);
	assert_int_equal(nr_pagetable(m) - before, 1);		/* t uses a's */
	assert_non_null(get_locked_pte(m, child, BASE));
	assert_int_equal(nr_pagetable(m) - before, 4);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "a"), 0);	/* a and its thread */
	assert_int_equal(nr_pagetable(m), before);		/* -4: a's PGD and 3 tables */
	assert_int_equal(child->pgtables_bytes, 3 * PAGE_SIZE);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* A frame mapped at BASE with @flags (no Accessed, no Dirty). */
static unsigned long map_frame(struct machine *m, struct mm_struct *mm, pteval_t flags)
{
	struct page *page = alloc_pages(m, GFP_KERNEL, 0);
	unsigned long pfn = page_to_pfn(m, page);

	set_pte(get_locked_pte(m, mm, BASE), pfn_pte(pfn, __pgprot(flags)));
	return pfn;
}

static void unmap_frame(struct machine *m, struct mm_struct *mm, unsigned long pfn)
{
	pte_clear(mm_find_pte(m, mm, BASE));
	__free_pages(m, pfn_to_page(m, pfn), 0);
}

static void mmu_walk_sets_accessed_then_dirty(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_with("a", &mm);
	struct mmu_result r;
	unsigned long pfn;
	pte_t *pte;

	(void)state;
	map_page(m, "a", BASE);
	pfn = map_frame(m, mm, _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_NX);
	pte = mm_find_pte(m, mm, BASE);
	assert_false(pte_young(*pte));
	mmu_walk(m, mm, BASE + 123, X86_PF_USER, &r);
	assert_false(r.fault);
	assert_int_equal(r.pfn, pfn);
	assert_int_equal(r.level, PG_LEVEL_4K);
	assert_true(pte_young(*pte));
	assert_false(pte_dirty(*pte));
	mmu_walk(m, mm, BASE, X86_PF_USER | X86_PF_WRITE, &r);
	assert_false(r.fault);
	assert_true(pte_dirty(*pte));
	/* the helpers undo it as Linux's reclaim and writeback would */
	*pte = pte_mkclean(pte_mkold(*pte));
	assert_false(pte_young(*pte) || pte_dirty(*pte));
	*pte = pte_mkdirty(pte_mkyoung(*pte));
	assert_true(pte_young(*pte) && pte_dirty(*pte));
	unmap_frame(m, mm, pfn);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static unsigned int walk_error(struct machine *m, struct mm_struct *mm, unsigned int access)
{
	struct mmu_result r;

	mmu_walk(m, mm, BASE, access, &r);
	return r.fault ? r.error_code : 0xdead;
}

static void mmu_faults_carry_the_x86_error_code(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_with("a", &mm);
	const unsigned int U = X86_PF_USER, W = X86_PF_WRITE, I = X86_PF_INSTR, P = X86_PF_PROT;
	unsigned long pfn;
	pte_t *pte;
	pmd_t *pmd;

	(void)state;
	map_page(m, "a", BASE);
	assert_int_equal(walk_error(m, mm, U), U);		/* no tables at all: 4 */
	assert_int_equal(walk_error(m, mm, U | W), U | W);	/* 6 */
	pfn = map_frame(m, mm, _PAGE_PRESENT | _PAGE_USER | _PAGE_NX);	/* read-only, NX */
	pte = mm_find_pte(m, mm, BASE);
	assert_int_equal(walk_error(m, mm, U), 0xdead);		/* a read is fine */
	assert_int_equal(walk_error(m, mm, U | W), P | W | U);	/* 7 */
	assert_int_equal(walk_error(m, mm, U | I), P | U | I);	/* 0x15 */
	assert_int_equal(walk_error(m, mm, W), P | W);		/* CR0.WP: kernel too */
	assert_false(pte_dirty(*pte));				/* faults leave D alone */
	*pte = pte_mkexec(pte_mkwrite_novma(*pte));
	assert_int_equal(walk_error(m, mm, U | W), 0xdead);
	assert_int_equal(walk_error(m, mm, U | I), 0xdead);
	assert_int_equal(walk_error(m, mm, I), P | I);		/* SMEP */
	*pte = pte_clear_flags(*pte, _PAGE_USER);		/* a supervisor page */
	assert_int_equal(walk_error(m, mm, U), P | U);		/* 5 */
	assert_int_equal(walk_error(m, mm, 0), 0xdead);
	*pte = pte_set_flags(*pte, _PAGE_USER);
	/* rights combine over the levels: RW clear in the PMD entry */
	pmd = pmd_offset(m, pud_offset(m, p4d_offset(pgd_offset(mm, BASE), BASE), BASE), BASE);
	pmd->pmd &= ~_PAGE_RW;
	assert_int_equal(walk_error(m, mm, U | W), P | W | U);
	pmd->pmd |= _PAGE_RW;
	/* PROT_NONE: present to Linux, not to the CPU */
	*pte = pfn_pte(pfn, PAGE_NONE);
	assert_true(pte_present(*pte));
	assert_true(pte_protnone(*pte));
	assert_false(is_swap_pte(*pte));
	assert_int_equal(walk_error(m, mm, U), U);
	assert_false(pte_protnone(pfn_pte(pfn, PAGE_READONLY)));
	/* the kernel half is not the user walk's */
	{
		struct mmu_result r;

		mmu_walk(m, mm, VMALLOC_START, U, &r);
		assert_true(r.fault);
		assert_int_equal(r.error_code, U);
	}
	unmap_frame(m, mm, pfn);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void swap_entries_round_trip_with_the_offset_inverted(void **state)
{
	const unsigned long offsets[] = { 0, 1, 0x1234, (1UL << 32) + 7, (1UL << 45) - 3 };
	swp_entry_t e;
	pte_t pte;

	(void)state;
	for (unsigned long type = 0; type < (1UL << SWP_TYPE_BITS); type++) {
		for (size_t i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
			e = __swp_entry(type, offsets[i]);
			assert_int_equal(__swp_type(e), type);
			assert_int_equal(__swp_offset(e), offsets[i]);
			pte = __swp_entry_to_pte(e);
			assert_true(is_swap_pte(pte));
			assert_false(pte_present(pte));
			assert_false(pte_protnone(pte));
			assert_int_equal(__pte_to_swp_entry(pte).val, e.val);
		}
	}
	/* type in bits 59-63, ~offset in bits 9-58: bits 0-8 stay clear */
	assert_int_equal(__swp_entry(1, 0).val, 0x0ffffffffffffe00UL);
	assert_int_equal(__swp_entry(0, 1).val, 0x07fffffffffffc00UL);
	/* L1TF: a small offset's "frame" lies far above any RAM */
	assert_true(pte_pfn(__swp_entry_to_pte(__swp_entry(0, 5))) > (1UL << 39));
	assert_false(pte_swp_exclusive(__swp_entry_to_pte(__swp_entry(3, 9))));
}

/* The validator sees a table linked twice, a wrong VmPTE count, a leak. */
static void validator_catches_shared_miscounted_and_leaked_tables(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_with("a", &mm);
	char err[256];
	pmd_t *pmd, saved;

	(void)state;
	map_page(m, "a", BASE);
	assert_non_null(get_locked_pte(m, mm, BASE));
	pmd = pmd_offset(m, pud_offset(m, p4d_offset(pgd_offset(mm, BASE), BASE), BASE), BASE);
	saved = pmd[1];
	pmd[1] = pmd[0];				/* BASE+2M: the same PTE table */
	mm->pgt_memo.gen++;		/* as every writer of an entry does (the validator's memo) */
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "referenced twice"));
	pmd[1] = saved;
	mm->pgt_memo.gen++;
	mm->pgtables_bytes -= PAGE_SIZE;
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "pgtables_bytes"));
	mm->pgtables_bytes += PAGE_SIZE;
	ph_assert_valid(m);
	saved = pmd[0];
	pmd[0] = __pmd(0);				/* the PTE table, unlinked: leaked */
	mm->pgt_memo.gen++;
	mm->pgtables_bytes -= PAGE_SIZE;
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "NR_PAGETABLE"));
	mm->pgtables_bytes += PAGE_SIZE;
	pmd[0] = saved;
	mm->pgt_memo.gen++;
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_for_one_address_costs_pud_pmd_pte_12k),
		cmocka_unit_test(neighbours_share_tables),
		cmocka_unit_test(munmap_frees_exactly_the_empty_tables),
		cmocka_unit_test(exit_gives_back_every_table),
		cmocka_unit_test(fork_and_threads_keep_tables_per_mm),
		cmocka_unit_test(mmu_walk_sets_accessed_then_dirty),
		cmocka_unit_test(mmu_faults_carry_the_x86_error_code),
		cmocka_unit_test(swap_entries_round_trip_with_the_offset_inverted),
		cmocka_unit_test(validator_catches_shared_miscounted_and_leaked_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
