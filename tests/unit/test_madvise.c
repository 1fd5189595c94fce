// SPDX-License-Identifier: GPL-2.0-only
/*
 * madvise (mm/madvise.c): flag advice splits a VMA in three and merges
 * it back, joins a neighbour with the same flags, is refused with EAGAIN
 * when a split would pass vm.max_map_count; a hole in the range gives
 * ENOMEM after the mapped parts took the advice (unlike mlock); every
 * EINVAL of Linux 6.18 in its order (unknown advice before a bad range,
 * unaligned start, a length that rounds to 0 or wraps, advice a VMA
 * refuses); length 0 succeeds even over nothing; special mappings are
 * never split (EINVAL, as special_mapping_split); MAP_STACK gives
 * VM_NOHUGEPAGE; populate_read/write fail at a hole (ENOMEM) or a VMA a
 * fault cannot reach (EINVAL), remove wants a shared writable or shmem
 * mapping.  Each behaviour was checked on the 6.18 host with a
 * small C program (madvise over a hole, WIPEONFORK on shared memory,
 * DONTNEED on locked memory, DOFORK and DONTFORK on [vdso]).
 *
 * Layout legend: one character per page from the mapping's start;
 * A plain, D VM_DONTCOPY, W VM_WIPEONFORK, . a hole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "linux/machine.h"
#include "linux/mman.h"
#include "linux/sysctl.h"
#include "../../mm/vma.h"

#define BASE		0x600000000UL

#include "vma_fixture.h"

static int advise(struct vma_fixture *f, int a, int b, int behavior)
{
	return do_madvise(f->m, f->mm, PG(a), NPAGES(b - a), behavior);
}

/* The VMA holding page @a spans [a, b) and has (or lacks) @flag. */
static void assert_vma(struct vma_fixture *f, int a, int b, unsigned long flag, bool set)
{
	struct vm_area_struct *vma = find_vma(f->mm, PG(a));

	assert_non_null(vma);
	assert_int_equal(vma->vm_start, PG(a));
	assert_int_equal(vma->vm_end, PG(b));
	assert_int_equal(!!(vma->vm_flags & flag), set);
}

static void dontfork_splits_in_three_and_dofork_merges_back(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * AAAAAAAA  dontfork [3,5)  ->  AAADDAAA  dofork [3,5)  ->  AAAAAAAA
	 */
	vf_map(f, 0, 8, 0);
	assert_int_equal(advise(f, 3, 5, MADV_DONTFORK), 0);
	assert_int_equal(f->mm->map_count, 3);
	assert_vma(f, 0, 3, VM_DONTCOPY, false);
	assert_vma(f, 3, 5, VM_DONTCOPY, true);
	assert_vma(f, 5, 8, VM_DONTCOPY, false);
	vf_check(f);
	assert_int_equal(advise(f, 3, 5, MADV_DOFORK), 0);
	assert_int_equal(f->mm->map_count, 1);
	assert_vma(f, 0, 8, VM_DONTCOPY, false);
	vf_check(f);
}

static void advice_joins_a_neighbour_with_the_same_flags(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * WWWWAAAA  wipeonfork [4,8)  ->  WWWWWWWW (one VMA);
	 * keeponfork on the front [0,2) -> AAWWWWWW (the front moves)
	 */
	vf_map(f, 0, 8, 0);
	assert_int_equal(advise(f, 0, 4, MADV_WIPEONFORK), 0);
	assert_int_equal(f->mm->map_count, 2);
	assert_int_equal(advise(f, 4, 8, MADV_WIPEONFORK), 0);
	assert_int_equal(f->mm->map_count, 1);
	assert_vma(f, 0, 8, VM_WIPEONFORK, true);
	assert_int_equal(advise(f, 0, 2, MADV_KEEPONFORK), 0);
	assert_vma(f, 0, 2, VM_WIPEONFORK, false);
	assert_vma(f, 2, 8, VM_WIPEONFORK, true);
	vf_check(f);
}

static void a_hole_gives_enomem_after_the_mapped_parts_took_the_advice(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * AAAA.AAA.  dontfork [0,9)  ->  DDDD.DDD.  and -ENOMEM: madvise goes
	 * on past holes (mprotect and mlock stop at the first one).
	 */
	vf_map(f, 0, 4, 0);
	vf_map(f, 5, 8, 0);
	assert_int_equal(advise(f, 0, 9, MADV_DONTFORK), -ENOMEM);
	assert_vma(f, 0, 4, VM_DONTCOPY, true);
	assert_vma(f, 5, 8, VM_DONTCOPY, true);
	/* a range starting in the hole */
	assert_int_equal(advise(f, 4, 8, MADV_DOFORK), -ENOMEM);
	assert_vma(f, 5, 8, VM_DONTCOPY, false);
	assert_vma(f, 0, 4, VM_DONTCOPY, true);
	/* nothing mapped at all, before or after every VMA */
	assert_int_equal(advise(f, 4, 5, MADV_DONTNEED), -ENOMEM);
	assert_int_equal(advise(f, 8, 9, MADV_DONTNEED), -ENOMEM);
	assert_int_equal(do_madvise(f->m, f->mm, TASK_SIZE, PAGE_SIZE, MADV_DONTNEED), -ENOMEM);
	/* page advice over a hole too */
	assert_int_equal(advise(f, 0, 8, MADV_DONTNEED), -ENOMEM);
	vf_check(f);
}

static void invalid_arguments_are_einval_in_linuxs_order(void **state)
{
	struct vma_fixture *f = *state;

	vf_map(f, 0, 4, 0);
	/* unknown advice, even with a length of 0 or a bad start */
	assert_int_equal(advise(f, 0, 1, 999), -EINVAL);
	assert_int_equal(advise(f, 0, 1, 5), -EINVAL);
	assert_int_equal(advise(f, 0, 0, 999), -EINVAL);
	assert_int_equal(do_madvise(f->m, f->mm, PG(0) + 1, 0, 999), -EINVAL);
	/* unaligned start, even with a length of 0 */
	assert_int_equal(do_madvise(f->m, f->mm, PG(0) + 1, PAGE_SIZE, MADV_DONTNEED), -EINVAL);
	assert_int_equal(do_madvise(f->m, f->mm, PG(0) + 1, 0, MADV_DONTNEED), -EINVAL);
	/* a length that rounds up to 0, a range that wraps */
	assert_int_equal(do_madvise(f->m, f->mm, PG(0), (size_t)-1, MADV_DONTNEED), -EINVAL);
	assert_int_equal(do_madvise(f->m, f->mm, PG(0), (size_t)-(long)PG(0), MADV_DONTNEED),
			 -EINVAL);
	/* length 0 is fine anywhere, mapped or not */
	assert_int_equal(advise(f, 6, 6, MADV_DONTNEED), 0);
	/* valid in Linux, mechanism not modelled yet: docs/divergences.md */
	assert_int_equal(advise(f, 0, 1, MADV_COLLAPSE), -EINVAL);
	assert_int_equal(advise(f, 0, 1, MADV_GUARD_INSTALL), -EINVAL);
	assert_int_equal(f->mm->map_count, 1);
	vf_check(f);
}

static void vmas_refuse_advice_as_on_linux(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long s = do_mmap(f->m, f->mm, NULL, PG(10), NPAGES(2), PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, 0);
	struct vm_area_struct *io;

	assert_int_equal(s, PG(10));
	vf_map(f, 0, 4, 0);
	/* shared memory: no wipeonfork, no free; keeponfork, mergeable (ignored), hugepage fine */
	assert_int_equal(advise(f, 10, 11, MADV_WIPEONFORK), -EINVAL);
	assert_int_equal(advise(f, 10, 11, MADV_FREE), -EINVAL);
	assert_int_equal(advise(f, 10, 11, MADV_KEEPONFORK), 0);
	assert_int_equal(advise(f, 10, 11, MADV_MERGEABLE), 0);
	assert_vma(f, 10, 12, VM_MERGEABLE, false);	/* KSM ignores shared memory */
	assert_int_equal(advise(f, 10, 12, MADV_HUGEPAGE), 0);
	assert_vma(f, 10, 12, VM_HUGEPAGE, true);
	/* locked memory: no dontneed, free, cold or pageout; willneed, dontneed_locked fine */
	assert_int_equal(do_mlock(f->m, f->mm, PG(0), NPAGES(1), VM_LOCKED), 0);
	assert_int_equal(advise(f, 0, 1, MADV_DONTNEED), -EINVAL);
	assert_int_equal(advise(f, 0, 1, MADV_FREE), -EINVAL);
	assert_int_equal(advise(f, 0, 1, MADV_COLD), -EINVAL);
	assert_int_equal(advise(f, 0, 1, MADV_PAGEOUT), -EINVAL);
	assert_int_equal(advise(f, 0, 1, MADV_WILLNEED), 0);
	assert_int_equal(advise(f, 0, 1, MADV_DONTNEED_LOCKED), 0);
	/* an error stops the walk: the locked page comes first, nothing after changes */
	assert_int_equal(advise(f, 0, 4, MADV_DONTNEED), -EINVAL);
	assert_int_equal(advise(f, 1, 4, MADV_DONTNEED), 0);
	assert_int_equal(advise(f, 1, 4, MADV_FREE), 0);
	/* VM_IO|VM_PFNMAP memory (as [vvar]): no dofork, dodump, dontneed */
	io = vm_area_alloc(f->m, f->mm);
	io->vm_start = PG(20);
	io->vm_end = PG(22);
	io->vm_flags = VM_READ | VM_MAYREAD | VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
	io->vm_special_name = "[vvar]";
	vma_link(f->mm, io);
	vm_stat_account(f->mm, io->vm_flags, 2);
	assert_int_equal(advise(f, 20, 22, MADV_DOFORK), -EINVAL);
	assert_int_equal(advise(f, 20, 22, MADV_DODUMP), -EINVAL);
	assert_int_equal(advise(f, 20, 22, MADV_DONTNEED), -EINVAL);
	/* a special mapping is never split (special_mapping_split) */
	assert_int_equal(advise(f, 20, 21, MADV_DONTFORK), -EINVAL);
	assert_int_equal(advise(f, 20, 22, MADV_DONTFORK), 0);	/* whole: no split */
	assert_vma(f, 20, 22, VM_DONTCOPY, true);
	vf_check(f);
}

static void hugepage_advice_and_map_stack_set_the_thp_flags(void **state)
{
	struct vma_fixture *f = *state;

	vf_map(f, 0, 4, 0);
	assert_int_equal(advise(f, 0, 4, MADV_HUGEPAGE), 0);
	assert_vma(f, 0, 4, VM_HUGEPAGE, true);
	assert_int_equal(advise(f, 0, 4, MADV_NOHUGEPAGE), 0);
	assert_vma(f, 0, 4, VM_HUGEPAGE, false);
	assert_vma(f, 0, 4, VM_NOHUGEPAGE, true);
	/* MAP_STACK asks for no THP (calc_vm_flag_bits, Linux 6.7+) */
	vf_map(f, 8, 10, MAP_STACK);
	assert_vma(f, 8, 10, VM_NOHUGEPAGE, true);
	assert_int_equal(advise(f, 0, 4, MADV_MERGEABLE), 0);
	assert_vma(f, 0, 4, VM_MERGEABLE, true);
	assert_int_equal(advise(f, 0, 4, MADV_UNMERGEABLE), 0);
	assert_vma(f, 0, 4, VM_MERGEABLE, false);
	assert_int_equal(advise(f, 0, 4, MADV_RANDOM), 0);
	assert_vma(f, 0, 4, VM_RAND_READ, true);
	assert_int_equal(advise(f, 0, 4, MADV_SEQUENTIAL), 0);
	assert_vma(f, 0, 4, VM_RAND_READ, false);
	assert_vma(f, 0, 4, VM_SEQ_READ, true);
	assert_int_equal(advise(f, 0, 4, MADV_NORMAL), 0);
	assert_vma(f, 0, 4, VM_SEQ_READ, false);
	assert_int_equal(advise(f, 0, 4, MADV_DONTDUMP), 0);
	assert_vma(f, 0, 4, VM_DONTDUMP, true);
	assert_int_equal(advise(f, 0, 4, MADV_DODUMP), 0);
	assert_vma(f, 0, 4, VM_DONTDUMP, false);
	vf_check(f);
}

static void a_split_at_max_map_count_is_eagain(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * AAAAAAAA with max_map_count = map_count: dontfork [3,5) needs two
	 * splits, [0,2) one: both -EAGAIN (madvise turns -ENOMEM into it);
	 * the whole VMA needs none.
	 */
	vf_map(f, 0, 8, 0);
	f->m->vm.max_map_count = f->mm->map_count;
	assert_int_equal(advise(f, 3, 5, MADV_DONTFORK), -EAGAIN);
	assert_int_equal(advise(f, 0, 2, MADV_DONTFORK), -EAGAIN);
	assert_int_equal(f->mm->map_count, 1);
	assert_vma(f, 0, 8, VM_DONTCOPY, false);
	assert_int_equal(advise(f, 0, 8, MADV_DONTFORK), 0);
	assert_vma(f, 0, 8, VM_DONTCOPY, true);
	/* one below the limit: the first split passes, the second fails */
	assert_int_equal(advise(f, 0, 8, MADV_DOFORK), 0);
	f->m->vm.max_map_count = 2;
	assert_int_equal(advise(f, 3, 5, MADV_DONTFORK), -EAGAIN);
	assert_int_equal(f->mm->map_count, 2);
	vf_check(f);
}

static void advice_runs_across_several_vmas(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * AAA|RRR|AAA (the middle read-only): hugepage [1,8) splits the first
	 * and last VMAs and marks all three parts: five VMAs.
	 */
	vf_map(f, 0, 9, 0);
	assert_int_equal(do_mprotect(f->m, f->mm, PG(3), NPAGES(3), PROT_READ), 0);
	assert_int_equal(advise(f, 1, 8, MADV_HUGEPAGE), 0);
	assert_int_equal(f->mm->map_count, 5);
	assert_vma(f, 0, 1, VM_HUGEPAGE, false);
	assert_vma(f, 1, 3, VM_HUGEPAGE, true);
	assert_vma(f, 3, 6, VM_HUGEPAGE, true);
	assert_vma(f, 6, 8, VM_HUGEPAGE, true);
	assert_vma(f, 8, 9, VM_HUGEPAGE, false);
	vf_check(f);
}

static void populate_and_remove_check_what_linux_checks(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vvar;

	/*
	 * AAAA.AAA RR NN SS   (A rw, R read-only, N PROT_NONE, S shared rw),
	 * each result as on the 6.18 host
	 */
	vf_map(f, 0, 4, 0);
	vf_map(f, 5, 8, 0);
	assert_int_equal(do_mmap(f->m, f->mm, NULL, PG(10), NPAGES(2), PROT_READ,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), PG(10));
	assert_int_equal(do_mmap(f->m, f->mm, NULL, PG(13), NPAGES(2), PROT_NONE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0), PG(13));
	assert_int_equal(do_mmap(f->m, f->mm, NULL, PG(16), NPAGES(2), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, 0), PG(16));
	assert_int_equal(advise(f, 0, 4, MADV_POPULATE_READ), 0);
	assert_int_equal(advise(f, 0, 4, MADV_POPULATE_WRITE), 0);
	assert_int_equal(advise(f, 0, 8, MADV_POPULATE_READ), -ENOMEM);	/* the hole */
	assert_int_equal(advise(f, 4, 6, MADV_POPULATE_READ), -ENOMEM);
	assert_int_equal(advise(f, 10, 12, MADV_POPULATE_READ), 0);
	assert_int_equal(advise(f, 10, 12, MADV_POPULATE_WRITE), -EINVAL);
	assert_int_equal(advise(f, 13, 15, MADV_POPULATE_READ), -EINVAL);
	assert_int_equal(do_mlock(f->m, f->mm, PG(0), NPAGES(1), VM_LOCKED), 0);
	assert_int_equal(advise(f, 0, 1, MADV_POPULATE_WRITE), 0);
	/* remove: private anonymous EINVAL, locked EINVAL, shared anonymous (shmem) fine */
	assert_int_equal(advise(f, 1, 2, MADV_REMOVE), -EINVAL);
	assert_int_equal(advise(f, 0, 1, MADV_REMOVE), -EINVAL);
	assert_int_equal(advise(f, 16, 18, MADV_REMOVE), 0);
	/* [vvar]: no populate; no remove (no file) */
	vvar = vm_area_alloc(f->m, f->mm);
	vvar->vm_start = PG(20);
	vvar->vm_end = PG(22);
	vvar->vm_flags = VM_READ | VM_MAYREAD | VM_IO | VM_PFNMAP | VM_DONTEXPAND;
	vvar->vm_special_name = "[vvar]";
	vma_link(f->mm, vvar);
	vm_stat_account(f->mm, vvar->vm_flags, 2);
	assert_int_equal(advise(f, 20, 22, MADV_POPULATE_READ), -EINVAL);
	assert_int_equal(advise(f, 20, 22, MADV_REMOVE), -EINVAL);
	vf_check(f);
}

static void memory_failure_advice_is_invalid_without_config_memory_failure(void **state)
{
	struct vma_fixture *f = *state;

	/* The 6.18 host has no CONFIG_MEMORY_FAILURE: EINVAL, even for length 0 */
	vf_map(f, 0, 1, 0);
	assert_int_equal(advise(f, 0, 1, MADV_HWPOISON), -EINVAL);
	assert_int_equal(advise(f, 0, 1, MADV_SOFT_OFFLINE), -EINVAL);
	assert_int_equal(advise(f, 0, 0, MADV_HWPOISON), -EINVAL);
	assert_int_equal(advise(f, 0, 0, MADV_DONTNEED), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(dontfork_splits_in_three_and_dofork_merges_back, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(advice_joins_a_neighbour_with_the_same_flags, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(a_hole_gives_enomem_after_the_mapped_parts_took_the_advice, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(invalid_arguments_are_einval_in_linuxs_order, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(vmas_refuse_advice_as_on_linux, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(hugepage_advice_and_map_stack_set_the_thp_flags, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(a_split_at_max_map_count_is_eagain, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(advice_runs_across_several_vmas, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(populate_and_remove_check_what_linux_checks, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(memory_failure_advice_is_invalid_without_config_memory_failure, vf_setup, vf_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
