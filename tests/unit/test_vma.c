// SPDX-License-Identifier: GPL-2.0-only
/*
 * VMAs (mm/vma.c, mm/mmap.c, arch/x86/mm/mmap.c), in the style of
 * Linux's tools/testing/vma: every merge case of vma_merge_new_range and
 * vma_merge_existing_range with its layout drawn before and after, the
 * merge refusals, splits, vm.max_map_count where Linux enforces it
 * (mmap, split_vma, a munmap that splits), get_unmapped_area top-down,
 * bottom-up, with hints, MAP_FIXED and MAP_FIXED_NOREPLACE and next to a
 * stack's guard gap, mmap_base as x86 computes it, the gap search against
 * a brute-force scan, mprotect's splits, merges and errors, and mmput
 * giving every object back to its cache.
 *
 * Layout legend: each character is one page starting at BASE; P prev, M
 * middle, N next, * the range being mapped or changed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "linux/err.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mman.h"
#include "linux/sysctl.h"
#include "../../mm/slab.h"
#include "../../mm/vma.h"

#define BASE		0x10000000UL

#include "vma_fixture.h"

#define VM_DATA		(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
#define VM_RO		(VM_READ | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* A VMA [PG(a), PG(b)) linked straight into the tree (alloc_and_link_vma). */
static struct vm_area_struct *link_vma(struct vma_fixture *f, int a, int b, unsigned long flags,
				       unsigned long pgoff)
{
	struct vm_area_struct *vma = vm_area_alloc(f->m, f->mm);

	assert_non_null(vma);
	vma->vm_start = PG(a);
	vma->vm_end = PG(b);
	vma->vm_flags = flags;
	vma->vm_pgoff = pgoff;
	vma_link(f->mm, vma);
	vm_stat_account(f->mm, flags, b - a);
	return vma;
}

/* An anonymous private VMA: pgoff follows the address. */
static struct vm_area_struct *anon(struct vma_fixture *f, int a, int b, unsigned long flags)
{
	return link_vma(f, a, b, flags, PG(a) >> PAGE_SHIFT);
}

static void assert_range(const struct vm_area_struct *vma, int a, int b)
{
	assert_non_null(vma);
	assert_int_equal(vma->vm_start, PG(a));
	assert_int_equal(vma->vm_end, PG(b));
}

/* A new range [a, b) merged as mmap would (vma_merge_new_range). */
static struct vm_area_struct *merge_new(struct vma_fixture *f, int a, int b, unsigned long flags,
					struct file *file, unsigned long pgoff,
					struct anon_vma *av)
{
	struct vm_area_struct *prev, *next = find_vma_prev(f->mm, PG(a), &prev);
	struct vma_merge_struct vmg = {
		.mm = f->mm, .prev = prev && prev->vm_end == PG(a) ? prev : NULL,
		.next = next && next->vm_start == PG(b) ? next : NULL,
		.start = PG(a), .end = PG(b), .pgoff = pgoff, .vm_flags = flags,
		.file = file, .anon_vma = av,
	};

	return vma_merge_new_range(f->m, &vmg);
}

static struct vm_area_struct *merge_new_anon(struct vma_fixture *f, int a, int b,
					     unsigned long flags)
{
	return merge_new(f, a, b, flags, NULL, PG(a) >> PAGE_SHIFT, NULL);
}

/* ---- vma_merge_new_range ---- */

static void merge_new_range_joins_prev_and_next(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vma;

	/*
	 * 0123456789
	 * PPP***NNNN   ->   PPPPPPPPPP     (N1)
	 */
	anon(f, 0, 3, VM_DATA);
	anon(f, 6, 10, VM_DATA);
	vma = merge_new_anon(f, 3, 6, VM_DATA);
	assert_range(vma, 0, 10);
	assert_int_equal(vma->vm_pgoff, PG(0) >> PAGE_SHIFT);
	assert_int_equal(f->mm->map_count, 1);
	vf_check(f);
}

static void merge_new_range_extends_prev(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vma;

	/*
	 * 0123456789
	 * PPP***         ->   PPPPPP       (N2)
	 */
	anon(f, 0, 3, VM_DATA);
	vma = merge_new_anon(f, 3, 6, VM_DATA);
	assert_range(vma, 0, 6);
	assert_int_equal(f->mm->map_count, 1);
	vf_check(f);
}

static void merge_new_range_extends_next_down(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vma;

	/*
	 * 0123456789
	 *    ***NNNN   ->      NNNNNNN     (N3)
	 */
	anon(f, 6, 10, VM_DATA);
	vma = merge_new_anon(f, 3, 6, VM_DATA);
	assert_range(vma, 3, 10);
	assert_int_equal(vma->vm_pgoff, PG(3) >> PAGE_SHIFT);
	assert_int_equal(f->mm->map_count, 1);
	vf_check(f);
}

static void merge_new_range_without_adjacent_neighbour_does_nothing(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * 0123456789
	 * PPP ***  NN  ->  no merge        (N4)
	 */
	anon(f, 0, 3, VM_DATA);
	anon(f, 8, 10, VM_DATA);
	assert_null(merge_new_anon(f, 4, 7, VM_DATA));
	assert_int_equal(f->mm->map_count, 2);
	vf_check(f);
}

static void merge_refused_for_different_flags_special_file_or_pgoff(void **state)
{
	struct vma_fixture *f = *state;
	struct file *file_a, *file_b;
	char err[128];

	assert_int_equal(mmsim_create_file(f->m, "/a", 1 << 20, MMSIM_DATA_ZERO, err, sizeof(err)), 0);
	assert_int_equal(mmsim_create_file(f->m, "/b", 1 << 20, MMSIM_DATA_ZERO, err, sizeof(err)), 0);
	file_a = filp_open(f->m, "/a", 0 /* O_RDONLY */);
	file_b = filp_open(f->m, "/b", 0 /* O_RDONLY */);
	assert_false(IS_ERR(file_a) || IS_ERR(file_b));

	/* PPP***: flags differ (rw- vs r--) */
	anon(f, 0, 3, VM_DATA);
	assert_null(merge_new_anon(f, 3, 6, VM_RO));
	/* ...but VM_SOFTDIRTY alone does not keep them apart */
	assert_non_null(merge_new_anon(f, 3, 6, VM_DATA | VM_SOFTDIRTY));
	assert_int_equal(f->mm->map_count, 1);
	/* VM_SPECIAL (VM_IO, VM_PFNMAP...) never merges */
	anon(f, 20, 23, VM_DATA | VM_IO);
	assert_null(merge_new_anon(f, 23, 26, VM_DATA | VM_IO));
	/* file mappings: same file and contiguous pgoff only */
	link_vma(f, 40, 43, VM_RO, 100);
	assert_null(merge_new(f, 43, 46, VM_RO, file_a, 103, NULL));	/* anon vs file */
	link_vma(f, 50, 53, VM_RO, 100)->vm_file = get_file(file_a);	/* the VMA's reference */
	assert_null(merge_new(f, 53, 56, VM_RO, file_b, 103, NULL));	/* other file */
	assert_null(merge_new(f, 53, 56, VM_RO, file_a, 104, NULL));	/* pgoff gap */
	assert_range(merge_new(f, 53, 56, VM_RO, file_a, 103, NULL), 50, 56);
	/* shared anonymous memory (its own shmem file in Linux) never merges */
	anon(f, 60, 63, VM_DATA | VM_SHARED | VM_MAYSHARE);
	assert_null(merge_new_anon(f, 63, 66, VM_DATA | VM_SHARED | VM_MAYSHARE));
	vf_check(f);
	fput(f->m, file_a);	/* the VMA keeps its own until mmput */
	fput(f->m, file_b);
}

static void merge_needs_compatible_anon_vmas(void **state)
{
	struct vma_fixture *f = *state;
	struct anon_vma *av1 = (struct anon_vma *)0x1000, *av2 = (struct anon_vma *)0x2000;
	struct vm_area_struct *p, *n, *vma;

	/* PPP***: prev has av1, the range av2: no merge; NULL merges */
	p = anon(f, 0, 3, VM_DATA);
	p->anon_vma = av1;
	assert_null(merge_new(f, 3, 6, VM_DATA, NULL, PG(3) >> PAGE_SHIFT, av2));
	vma = merge_new(f, 3, 6, VM_DATA, NULL, PG(3) >> PAGE_SHIFT, NULL);
	assert_range(vma, 0, 6);
	assert_ptr_equal(vma->anon_vma, av1);
	/*
	 * 0123456789
	 * PPPPPP***NNN   prev av1, next av2: both would merge with the range,
	 *                but not with each other: only prev takes it.
	 */
	n = anon(f, 9, 12, VM_DATA);
	n->anon_vma = av2;
	vma = merge_new_anon(f, 6, 9, VM_DATA);
	assert_range(vma, 0, 9);
	assert_range(n, 9, 12);
	assert_int_equal(f->mm->map_count, 2);
	vf_check(f);
}

/* ---- vma_merge_existing_range, through vma_modify_flags (mprotect) ---- */

static struct vm_area_struct *modify(struct vma_fixture *f, struct vm_area_struct *vma, int a, int b,
				     unsigned long flags)
{
	int err;
	struct vm_area_struct *ret = vma_modify_flags(f->m, vma, PG(a), PG(b), flags, &err);

	assert_int_equal(err, 0);
	vf_check(f);
	return ret;
}

static void merge_existing_whole_middle_joins_both(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *m;

	/*
	 * 0123456789
	 * PPPMMMNNNN   (M r--, P and N rw-)  ->  PPPPPPPPPP     (E1)
	 *    ***
	 */
	anon(f, 0, 3, VM_DATA);
	m = anon(f, 3, 6, VM_RO);
	anon(f, 6, 10, VM_DATA);
	assert_range(modify(f, m, 3, 6, VM_DATA), 0, 10);
	assert_int_equal(f->mm->map_count, 1);
	assert_int_equal(f->mm->data_vm, 10);
}

static void merge_existing_whole_middle_joins_prev(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *m, *n;

	/*
	 * 0123456789
	 * PPPMMMNNNN   (N r-x)  ->  PPPPPPNNNN     (E2)
	 *    ***
	 */
	anon(f, 0, 3, VM_DATA);
	m = anon(f, 3, 6, VM_RO);
	n = anon(f, 6, 10, VM_RO | VM_EXEC);
	assert_range(modify(f, m, 3, 6, VM_DATA), 0, 6);
	assert_range(n, 6, 10);
	assert_int_equal(f->mm->map_count, 2);
}

static void merge_existing_whole_middle_joins_next(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *m, *p;

	/*
	 * 0123456789
	 * PPPMMMNNNN   (P r-x)  ->  PPPNNNNNNN     (E3)
	 *    ***
	 */
	p = anon(f, 0, 3, VM_RO | VM_EXEC);
	m = anon(f, 3, 6, VM_RO);
	anon(f, 6, 10, VM_DATA);
	assert_range(modify(f, m, 3, 6, VM_DATA), 3, 10);
	assert_int_equal(find_vma(f->mm, PG(3))->vm_pgoff, PG(3) >> PAGE_SHIFT);
	assert_range(p, 0, 3);
	assert_int_equal(f->mm->map_count, 2);
}

static void merge_existing_front_of_middle_moves_to_prev(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *m;

	/*
	 * 0123456789
	 * PPPMMMMMM    ->  PPPPPMMMM       (E4)
	 *    **
	 */
	anon(f, 0, 3, VM_DATA);
	m = anon(f, 3, 9, VM_RO);
	assert_range(modify(f, m, 3, 5, VM_DATA), 0, 5);
	assert_range(m, 5, 9);
	assert_int_equal(m->vm_pgoff, PG(5) >> PAGE_SHIFT);
	assert_int_equal(f->mm->map_count, 2);
	assert_int_equal(f->mm->data_vm, 5);
}

static void merge_existing_back_of_middle_moves_to_next(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *m, *n;

	/*
	 * 0123456789
	 * MMMMMMNNNN   ->  MMMMNNNNNN      (E5)
	 *     **
	 */
	m = anon(f, 0, 6, VM_RO);
	n = anon(f, 6, 10, VM_DATA);
	assert_ptr_equal(modify(f, m, 4, 6, VM_DATA), n);
	assert_range(m, 0, 4);
	assert_range(n, 4, 10);
	assert_int_equal(n->vm_pgoff, PG(4) >> PAGE_SHIFT);
	assert_int_equal(f->mm->map_count, 2);
}

static void merge_existing_inside_middle_splits_in_three(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *m, *vma;

	/*
	 * 0123456789
	 * PPPMMMMMMNN  ->  PPPMM**MMNN  (E6: no merge, two splits)
	 *      **
	 */
	anon(f, 0, 3, VM_DATA);
	m = anon(f, 3, 9, VM_RO);
	anon(f, 9, 11, VM_DATA);
	vma = modify(f, m, 5, 7, VM_DATA);
	assert_range(vma, 5, 7);
	assert_int_equal(vma->vm_flags, VM_DATA);
	assert_int_equal(vma->vm_pgoff, PG(5) >> PAGE_SHIFT);
	assert_range(find_vma(f->mm, PG(3)), 3, 5);
	assert_range(find_vma(f->mm, PG(7)), 7, 9);
	assert_int_equal(f->mm->map_count, 5);
	/* and back: the three pieces merge into one again (E1) */
	assert_range(modify(f, vma, 5, 7, VM_RO), 3, 9);
	assert_int_equal(f->mm->map_count, 3);
}

/* ---- splits and vm.max_map_count ---- */

static void split_vma_cuts_at_the_address_with_pgoff(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vma = link_vma(f, 0, 10, VM_RO, 500);
	struct vm_area_struct *upper, *lower;

	/* 0123456789 -> 0123|456789 (the new VMA above) */
	assert_int_equal(__split_vma(f->m, vma, PG(4), 0), 0);
	upper = find_vma(f->mm, PG(4));
	assert_range(vma, 0, 4);
	assert_range(upper, 4, 10);
	assert_int_equal(upper->vm_pgoff, 504);
	/* 456789 -> 45|6789 (the new VMA below) */
	assert_int_equal(__split_vma(f->m, upper, PG(6), 1), 0);
	lower = find_vma(f->mm, PG(4));
	assert_range(lower, 4, 6);
	assert_int_equal(lower->vm_pgoff, 504);
	assert_range(upper, 6, 10);
	assert_int_equal(upper->vm_pgoff, 506);
	assert_int_equal(f->mm->map_count, 3);
	/* not strictly inside, or unaligned: refused */
	assert_int_equal(__split_vma(f->m, upper, PG(6), 0), -EINVAL);
	assert_int_equal(__split_vma(f->m, upper, PG(7) + 1, 0), -EINVAL);
	vf_check(f);
}

static void split_vma_is_refused_at_max_map_count(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vma;
	int err;

	f->m->vm.max_map_count = 3;
	vma = anon(f, 0, 10, VM_RO);
	anon(f, 20, 30, VM_RO);
	assert_int_equal(split_vma(f->m, vma, PG(5), 0), 0);	/* 2 -> 3 */
	assert_int_equal(split_vma(f->m, vma, PG(2), 0), -ENOMEM);
	/* mprotect of a piece's middle needs a split: ENOMEM, nothing changes */
	assert_null(vma_modify_flags(f->m, vma, PG(1), PG(2), VM_DATA, &err));
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(f->mm->map_count, 3);
	/* changing a whole VMA needs no split: allowed at the limit */
	assert_range(vma_modify_flags(f->m, find_vma(f->mm, PG(5)), PG(5), PG(10), VM_DATA, &err),
		     5, 10);
	assert_int_equal(err, 0);
	assert_int_equal(f->mm->map_count, 3);
	vf_check(f);
}

static void munmap_hole_splits_and_is_refused_at_the_limit(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * 0123456789
	 * AAAAAAAAAA   munmap [3,5) ->  AAA  AAAAA
	 */
	anon(f, 0, 10, VM_DATA);
	assert_int_equal(do_vmi_munmap(f->m, f->mm, PG(3), NPAGES(2)), 0);
	assert_range(find_vma(f->mm, 0), 0, 3);
	assert_range(find_vma(f->mm, PG(3)), 5, 10);
	assert_int_equal(f->mm->map_count, 2);
	assert_int_equal(f->mm->total_vm, 8);
	vf_check(f);

	/* at the limit, a hole inside one VMA (one more VMA) is ENOMEM */
	f->m->vm.max_map_count = 2;
	assert_int_equal(do_vmi_munmap(f->m, f->mm, PG(6), NPAGES(1)), -ENOMEM);
	assert_int_equal(f->mm->map_count, 2);
	assert_int_equal(f->mm->total_vm, 8);
	/* trimming an end adds none: allowed */
	assert_int_equal(do_vmi_munmap(f->m, f->mm, PG(9), NPAGES(1)), 0);
	assert_range(find_vma(f->mm, PG(3)), 5, 9);
	/* across two VMAs, map_count may pass the limit for a moment */
	assert_int_equal(do_vmi_munmap(f->m, f->mm, PG(2), NPAGES(4)), 0);
	assert_range(find_vma(f->mm, 0), 0, 2);
	assert_range(find_vma(f->mm, PG(2)), 6, 9);
	assert_int_equal(f->mm->map_count, 2);
	/* nothing mapped there: 0; bad ranges: EINVAL */
	assert_int_equal(do_vmi_munmap(f->m, f->mm, PG(100), NPAGES(1)), 0);
	assert_int_equal(do_vmi_munmap(f->m, f->mm, PG(0) + 1, NPAGES(1)), -EINVAL);
	assert_int_equal(do_vmi_munmap(f->m, f->mm, PG(0), 0), -EINVAL);
	assert_int_equal(do_vmi_munmap(f->m, f->mm, TASK_SIZE - PAGE_SIZE, NPAGES(2)), -EINVAL);
	vf_check(f);
}

static unsigned long mmap_anon(struct vma_fixture *f, unsigned long addr, unsigned long len,
			       unsigned long prot, unsigned long flags)
{
	return do_mmap(f->m, f->mm, NULL, addr, len, prot, flags | MAP_ANONYMOUS, 0);
}

#define FAILS_WITH(ret, e)	assert_int_equal((long)(ret), -(e))

static void mmap_is_refused_only_once_map_count_exceeds_the_limit(void **state)
{
	struct vma_fixture *f = *state;
	int i;

	/*
	 * Linux checks map_count > max_map_count before mapping: with a limit
	 * of 10 the 11th unmergeable mapping still succeeds, the 12th fails.
	 */
	f->m->vm.max_map_count = 10;
	for (i = 0; i < 11; i++) {
		unsigned long prot = i % 2 ? PROT_READ : PROT_READ | PROT_WRITE;
		unsigned long a = mmap_anon(f, 0, PAGE_SIZE, prot, MAP_PRIVATE);

		assert_true(a < TASK_SIZE);
	}
	assert_int_equal(f->mm->map_count, 11);
	FAILS_WITH(mmap_anon(f, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE), ENOMEM);
	assert_int_equal(f->mm->map_count, 11);
	vf_check(f);
}

/* ---- get_unmapped_area and do_mmap ---- */

static void mmap_base_is_task_size_minus_the_clamped_stack_gap(void **state)
{
	struct vma_fixture *f = *state;

	/* default 8M stack + 1M guard -> clamped up to 128M */
	assert_int_equal(f->mm->mmap_base, 0x7ffff7fff000UL);
	assert_true(f->mm->mmap_topdown);
	assert_int_equal(f->mm->mmap_legacy_base, 0x2aaaaaaab000UL);
	/* a 1G stack rlimit: 1G + 1M */
	arch_pick_mmap_layout(f->m, f->mm, 1UL << 30);
	assert_int_equal(f->mm->mmap_base, TASK_SIZE - (1UL << 30) - (1UL << 20));
	/* unlimited: clamped to 5/6 of TASK_SIZE */
	arch_pick_mmap_layout(f->m, f->mm, RLIM_INFINITY);
	assert_int_equal(f->mm->mmap_base, ALIGN(TASK_SIZE - (TASK_SIZE / 6) * 5, PAGE_SIZE));
	/* vm.legacy_va_layout=1: bottom-up from TASK_SIZE / 3 */
	assert_int_equal(sysctl_set(f->m, "vm.legacy_va_layout", "1"), 0);
	arch_pick_mmap_layout(f->m, f->mm, _STK_LIM);
	assert_false(f->mm->mmap_topdown);
	assert_int_equal(f->mm->mmap_base, 0x2aaaaaaab000UL);
}

static void topdown_mmaps_stack_below_mmap_base_and_merge(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long base = f->mm->mmap_base, a, b, c;
	struct vm_area_struct *vma;

	a = mmap_anon(f, 0, NPAGES(4), PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_int_equal(a, base - NPAGES(4));
	vma = find_vma(f->mm, a);
	assert_int_equal(vma->vm_flags, VM_DATA | VM_ACCOUNT);
	assert_int_equal(vma->vm_pgoff, a >> PAGE_SHIFT);
	/* the next one goes right below and merges (N3) */
	b = mmap_anon(f, 0, NPAGES(2), PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_int_equal(b, a - NPAGES(2));
	assert_int_equal(f->mm->map_count, 1);
	assert_int_equal(find_vma(f->mm, b)->vm_start, b);
	assert_int_equal(find_vma(f->mm, b)->vm_end, base);
	/* other flags: below, its own VMA */
	c = mmap_anon(f, 0, NPAGES(1), PROT_READ, MAP_PRIVATE);
	assert_int_equal(c, b - PAGE_SIZE);
	assert_int_equal(f->mm->map_count, 2);
	assert_int_equal(find_vma(f->mm, c)->vm_flags, VM_RO);
	/* len not page aligned is rounded up; MAP_NORESERVE: no VM_ACCOUNT */
	a = mmap_anon(f, 0, 100, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE);
	assert_int_equal(a, c - PAGE_SIZE);
	assert_int_equal(find_vma(f->mm, a)->vm_flags, VM_DATA | VM_NORESERVE);
	/* shared anonymous: VM_SHARED | VM_MAYSHARE, pgoff 0 */
	a = mmap_anon(f, 0, NPAGES(1), PROT_READ | PROT_WRITE, MAP_SHARED);
	vma = find_vma(f->mm, a);
	assert_int_equal(vma->vm_flags, VM_DATA | VM_SHARED | VM_MAYSHARE);
	assert_int_equal(vma->vm_pgoff, 0);
	assert_int_equal(f->mm->total_vm, 4 + 2 + 1 + 1 + 1);
	vf_check(f);
}

static void topdown_search_takes_the_highest_gap_that_fits(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long top = f->mm->mmap_base;
	unsigned long a;

	/*
	 * Below mmap_base (one character a page, top at the right):
	 *   XXXX..XXXX.....X|mmap_base     (X r-x, r--; . free)
	 * 3 pages take the top of the 5-page hole, 2 more its rest (merging
	 * with them), 2 rwx pages the 2-page hole, 1 more goes below all.
	 */
	assert_int_equal(mmap_anon(f, top - NPAGES(1), NPAGES(1), PROT_READ, MAP_FIXED | MAP_PRIVATE),
			 top - NPAGES(1));
	mmap_anon(f, top - NPAGES(10), NPAGES(4), PROT_READ, MAP_FIXED | MAP_PRIVATE);
	mmap_anon(f, top - NPAGES(16), NPAGES(4), PROT_READ | PROT_EXEC,
		  MAP_FIXED | MAP_PRIVATE);
	/* holes: [top-6p, top-1p) 5 pages, [top-12p, top-10p) 2 pages */
	a = mmap_anon(f, 0, NPAGES(3), PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_int_equal(a, top - NPAGES(4));
	a = mmap_anon(f, 0, NPAGES(2), PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_int_equal(a, top - NPAGES(6));			/* merges with the last */
	a = mmap_anon(f, 0, NPAGES(2), PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE);
	assert_int_equal(a, top - NPAGES(12));
	a = mmap_anon(f, 0, NPAGES(1), PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE);
	assert_int_equal(a, top - NPAGES(17));
	vf_check(f);
}

static void bottomup_search_with_legacy_va_layout_starts_at_task_size_third(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a, b;

	assert_int_equal(sysctl_set(f->m, "vm.legacy_va_layout", "1"), 0);
	arch_pick_mmap_layout(f->m, f->mm, _STK_LIM);
	a = mmap_anon(f, 0, NPAGES(4), PROT_READ, MAP_PRIVATE);
	assert_int_equal(a, 0x2aaaaaaab000UL);
	b = mmap_anon(f, 0, NPAGES(4), PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_int_equal(b, a + NPAGES(4));
	/* a hole of 2 pages is used by a 2-page request, not by a 3-page one */
	assert_int_equal(do_vmi_munmap(f->m, f->mm, a + NPAGES(1), NPAGES(2)), 0);
	assert_int_equal(mmap_anon(f, 0, NPAGES(3), PROT_EXEC, MAP_PRIVATE), b + NPAGES(4));
	assert_int_equal(mmap_anon(f, 0, NPAGES(2), PROT_EXEC, MAP_PRIVATE), a + NPAGES(1));
	vf_check(f);
}

static void pmd_multiple_anonymous_mappings_are_thp_aligned(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a, b;

	/* top-down: searched with 2M of padding, placed on the 2M boundary */
	a = mmap_anon(f, 0, PMD_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_int_equal(a, 0x7ffff7c00000UL);
	/* the next one lands right below, aligned, and merges */
	b = mmap_anon(f, 0, PMD_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_int_equal(b, 0x7ffff7a00000UL);
	assert_int_equal(f->mm->map_count, 1);
	/* not a multiple of 2M, or shared: no alignment (below b) */
	a = mmap_anon(f, 0, PMD_SIZE + PAGE_SIZE, PROT_READ, MAP_PRIVATE);
	assert_int_equal(a, b - PMD_SIZE - PAGE_SIZE);
	b = mmap_anon(f, 0, PMD_SIZE, PROT_READ, MAP_SHARED);
	assert_int_equal(b, a - PMD_SIZE);
	/* a free hint is taken as is */
	a = mmap_anon(f, 0x500001000UL, PMD_SIZE, PROT_READ, MAP_PRIVATE);
	assert_int_equal(a, 0x500001000UL);
	/* bottom-up: the first boundary above mmap_legacy_base */
	assert_int_equal(sysctl_set(f->m, "vm.legacy_va_layout", "1"), 0);
	arch_pick_mmap_layout(f->m, f->mm, _STK_LIM);
	a = mmap_anon(f, 0, NPAGES(1024), PROT_READ, MAP_PRIVATE);
	assert_int_equal(a, 0x2aaaaac00000UL);
	vf_check(f);
}

static void hint_is_taken_when_free_else_searched(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long hint = 0x500000000UL, a;

	a = mmap_anon(f, hint, NPAGES(4), PROT_READ, MAP_PRIVATE);
	assert_int_equal(a, hint);
	/* an unaligned hint is rounded down */
	a = mmap_anon(f, hint + NPAGES(8) + 123, NPAGES(1), PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_int_equal(a, hint + NPAGES(8));
	/* an occupied hint: searched from mmap_base instead */
	a = mmap_anon(f, hint + NPAGES(1), NPAGES(1), PROT_READ, MAP_PRIVATE);
	assert_int_equal(a, f->mm->mmap_base - PAGE_SIZE);
	/* a hint in page 0 rounds down to no hint: searched (below the last) */
	a = mmap_anon(f, 100, NPAGES(1), PROT_READ | PROT_EXEC, MAP_PRIVATE);
	assert_int_equal(a, f->mm->mmap_base - NPAGES(2));
	/*
	 * a hint below mmap_min_addr (65536: CONFIG_LSM_MMAP_MIN_ADDR; the
	 * 6.18 host gives 0x10000 for hint 4096) is raised to it
	 */
	a = mmap_anon(f, MMAP_MIN_ADDR, NPAGES(1), PROT_READ, MAP_PRIVATE);
	assert_int_equal(a, 0x10000);
	vf_check(f);
}

static void map_fixed_replaces_and_noreplace_refuses(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = 0x600000000UL;

	assert_int_equal(mmap_anon(f, a, NPAGES(10), PROT_READ, MAP_PRIVATE | MAP_FIXED), a);
	/*
	 * RRRRRRRRRR  MAP_FIXED rw- [3,5)  ->  RRRWWRRRRR
	 */
	assert_int_equal(mmap_anon(f, a + NPAGES(3), NPAGES(2), PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_FIXED), a + NPAGES(3));
	assert_int_equal(f->mm->map_count, 3);
	assert_int_equal(find_vma(f->mm, a + NPAGES(3))->vm_end, a + NPAGES(5));
	assert_int_equal(f->mm->total_vm, 10);
	/* NOREPLACE over anything mapped: EEXIST; into a free range: fine */
	FAILS_WITH(mmap_anon(f, a + NPAGES(9), NPAGES(2), PROT_READ, MAP_PRIVATE |
			     MAP_FIXED_NOREPLACE), EEXIST);
	assert_int_equal(mmap_anon(f, a + NPAGES(10), NPAGES(2), PROT_READ,
				   MAP_PRIVATE | MAP_FIXED_NOREPLACE), a + NPAGES(10));
	/* EINVAL: misaligned fixed address, length 0, no MAP_TYPE */
	FAILS_WITH(mmap_anon(f, a + 1, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_FIXED), EINVAL);
	FAILS_WITH(mmap_anon(f, 0, 0, PROT_READ, MAP_PRIVATE), EINVAL);
	FAILS_WITH(mmap_anon(f, 0, PAGE_SIZE, PROT_READ, 0), EINVAL);
	/* a shared growsdown anonymous mapping: EINVAL */
	FAILS_WITH(mmap_anon(f, 0, PAGE_SIZE, PROT_READ, MAP_SHARED | MAP_GROWSDOWN), EINVAL);
	/* ENOMEM: length that wraps or exceeds TASK_SIZE; past TASK_SIZE */
	FAILS_WITH(mmap_anon(f, 0, ~0UL - 10, PROT_READ, MAP_PRIVATE), ENOMEM);
	FAILS_WITH(mmap_anon(f, 0, TASK_SIZE + PAGE_SIZE, PROT_READ, MAP_PRIVATE), ENOMEM);
	FAILS_WITH(mmap_anon(f, TASK_SIZE - PAGE_SIZE, NPAGES(2), PROT_READ,
			     MAP_PRIVATE | MAP_FIXED), ENOMEM);
	/*
	 * fixed below vm.mmap_min_addr: only with CAP_SYS_RAWIO, which the
	 * fixture's caller (the kernel: root) has - the 6.18 host maps page 0
	 * for root too (kernel-diff 43-low-addresses); EPERM without it
	 */
	assert_int_equal(mmap_anon(f, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_FIXED), 0);
	/* EOVERFLOW: pgoff + pages wraps */
	FAILS_WITH(do_mmap(f->m, f->mm, NULL, 0, NPAGES(2), PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
			   ~0UL), EOVERFLOW);
	vf_check(f);
}

static void map_fixed_that_splits_past_the_limit_is_enomem(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = 0x600000000UL;

	assert_int_equal(mmap_anon(f, a, NPAGES(10), PROT_READ, MAP_PRIVATE | MAP_FIXED), a);
	f->m->vm.max_map_count = 1;
	FAILS_WITH(mmap_anon(f, a + NPAGES(3), NPAGES(2), PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_FIXED), ENOMEM);
	assert_int_equal(f->mm->map_count, 1);
	vf_check(f);
}

static void stack_guard_gap_keeps_mappings_away_from_a_growsdown_vma(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long stack = 0x700000000000UL, a;
	unsigned long gap = f->mm->stack_guard_gap;

	assert_int_equal(gap, 256 * PAGE_SIZE);
	/* a stack, and a mapping 100 pages below it: the hole is all guard */
	assert_int_equal(mmap_anon(f, stack, NPAGES(16), PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_FIXED | MAP_GROWSDOWN), stack);
	assert_true(find_vma(f->mm, stack)->vm_flags & VM_GROWSDOWN);
	assert_int_equal(mmap_anon(f, stack - NPAGES(110), NPAGES(10), PROT_READ,
				   MAP_PRIVATE | MAP_FIXED), stack - NPAGES(110));
	vf_check(f);
	/* a hint inside the guard gap is not taken */
	a = mmap_anon(f, stack - NPAGES(20), NPAGES(10), PROT_EXEC, MAP_PRIVATE);
	assert_int_not_equal(a, stack - NPAGES(20));
	/* with the limit just above the stack, the search skips the guard gap */
	f->mm->mmap_base = stack + NPAGES(16);
	a = mmap_anon(f, 0, NPAGES(10), PROT_READ | PROT_EXEC, MAP_PRIVATE);
	assert_int_equal(a, stack - NPAGES(120));
	/* without VM_GROWSDOWN the hole would be used */
	f->mm->stack_guard_gap = 0;
	assert_int_equal(do_vmi_munmap(f->m, f->mm, a, NPAGES(10)), 0);
	{
		/* re-link the stack so its gap is recomputed with no guard */
		struct vm_area_struct *s = find_vma(f->mm, stack);

		vma_unlink(f->mm, s);
		vma_link(f->mm, s);
	}
	a = mmap_anon(f, 0, NPAGES(10), PROT_READ | PROT_EXEC, MAP_PRIVATE);
	assert_int_equal(a, stack - NPAGES(10));
	vf_check(f);
}

/* ---- the gap search against a brute-force scan ---- */

static unsigned long lcg(unsigned long *s)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return *s >> 33;
}

/* The answer by walking the list: lowest or highest fitting gap. */
static unsigned long brute_unmapped(struct mm_struct *mm, unsigned long len, unsigned long lo,
				    unsigned long hi, bool topdown)
{
	unsigned long best = -ENOMEM, start = 0;
	struct vm_area_struct *vma = mm->mmap;

	for (;;) {
		unsigned long end = vma ? vm_start_gap(vma) : ~0UL;
		unsigned long l = max(start, lo), h = min(end, hi);

		if (end > start && h > l && h - l >= len) {
			if (!topdown)
				return l;
			best = h - len;
		}
		if (!vma)
			return best;
		start = vm_end_gap(vma);
		vma = vma->vm_next;
	}
}

static void gap_search_agrees_with_a_linear_scan(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long seed = 42;
	int i;

	for (i = 0; i < 400; i++) {
		unsigned long a = PG(lcg(&seed) % 4000), len = NPAGES(1 + lcg(&seed) % 8);
		unsigned long prot = lcg(&seed) % 3 ? PROT_READ : PROT_READ | PROT_WRITE;
		unsigned long fl = MAP_PRIVATE | MAP_FIXED | (lcg(&seed) % 10 ? 0 : MAP_GROWSDOWN);

		if (lcg(&seed) % 4 == 0)
			do_vmi_munmap(f->m, f->mm, a, len);
		else
			mmap_anon(f, a, len, prot, fl);
	}
	vf_check(f);
	for (i = 0; i < 300; i++) {
		struct vm_unmapped_area_info info = { 0 };
		bool topdown = i % 2;

		info.flags = topdown ? VM_UNMAPPED_AREA_TOPDOWN : 0;
		info.length = NPAGES(1 + lcg(&seed) % 300);
		info.low_limit = PG(lcg(&seed) % 3000);
		info.high_limit = info.low_limit + NPAGES(lcg(&seed) % 3000);
		assert_int_equal(vm_unmapped_area(f->mm, &info),
				 brute_unmapped(f->mm, info.length, info.low_limit,
						info.high_limit, topdown));
	}
}

static void validate_mm_finds_a_wrong_gap_and_count(void **state)
{
	struct vma_fixture *f = *state;
	char err[256];
	struct vm_area_struct *v;

	anon(f, 0, 3, VM_DATA);
	v = anon(f, 10, 13, VM_RO);
	assert_int_equal(validate_mm(f->m, f->mm, err, sizeof(err)), 0);
	v->rb_subtree_gap += PAGE_SIZE;
	assert_int_equal(validate_mm(f->m, f->mm, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "rb_subtree_gap"));
	v->rb_subtree_gap -= PAGE_SIZE;
	f->mm->map_count++;
	assert_int_equal(validate_mm(f->m, f->mm, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "map_count"));
	f->mm->map_count--;
}

/* ---- mprotect ---- */

static void mprotect_middle_splits_in_three_and_back_merges(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = 0x600000000UL;
	struct vm_area_struct *vma;

	/*
	 * WWWWWWWWWW  mprotect [3,6) r--  ->  WWWRRRWWWW  -> rw- again: one VMA
	 */
	assert_int_equal(mmap_anon(f, a, NPAGES(10), PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_FIXED), a);
	assert_int_equal(do_mprotect(f->m, f->mm, a + NPAGES(3), NPAGES(3), PROT_READ), 0);
	assert_int_equal(f->mm->map_count, 3);
	vma = find_vma(f->mm, a + NPAGES(3));
	assert_int_equal(vma->vm_start, a + NPAGES(3));
	assert_int_equal(vma->vm_end, a + NPAGES(6));
	/* read-only, never faulted (no anon_vma): VM_ACCOUNT is dropped */
	assert_int_equal(vma->vm_flags, VM_RO);
	assert_int_equal(f->mm->data_vm, 7);
	vf_check(f);
	assert_int_equal(do_mprotect(f->m, f->mm, a + NPAGES(3), NPAGES(3),
				     PROT_READ | PROT_WRITE), 0);
	assert_int_equal(f->mm->map_count, 1);
	vma = find_vma(f->mm, a);
	assert_int_equal(vma->vm_end, a + NPAGES(10));
	assert_int_equal(vma->vm_flags, VM_DATA | VM_ACCOUNT);
	assert_int_equal(f->mm->data_vm, 10);
	vf_check(f);
}

static void mprotect_keeps_vm_account_once_memory_was_faulted(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = 0x600000000UL;
	struct vm_area_struct *vma;

	mmap_anon(f, a, NPAGES(2), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED);
	vma = find_vma(f->mm, a);
	vma->anon_vma = (struct anon_vma *)0x1000;	/* as after a fault */
	assert_int_equal(do_mprotect(f->m, f->mm, a, NPAGES(2), PROT_READ), 0);
	assert_int_equal(vma->vm_flags, VM_RO | VM_ACCOUNT);
}

static void mprotect_errors_are_linuxs(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = 0x600000000UL;
	struct vm_area_struct *vma;

	/*
	 * RRRR  RRRR   (a hole at [4,6))
	 */
	mmap_anon(f, a, NPAGES(4), PROT_READ, MAP_PRIVATE | MAP_FIXED);
	mmap_anon(f, a + NPAGES(6), NPAGES(4), PROT_READ, MAP_PRIVATE | MAP_FIXED);
	assert_int_equal(do_mprotect(f->m, f->mm, a + 1, PAGE_SIZE, PROT_READ), -EINVAL);
	assert_int_equal(do_mprotect(f->m, f->mm, a, PAGE_SIZE, 0x10), -EINVAL);
	assert_int_equal(do_mprotect(f->m, f->mm, a, PAGE_SIZE,
				     PROT_READ | PROT_GROWSDOWN | PROT_GROWSUP), -EINVAL);
	assert_int_equal(do_mprotect(f->m, f->mm, a, PAGE_SIZE, PROT_READ | PROT_GROWSUP), -EINVAL);
	assert_int_equal(do_mprotect(f->m, f->mm, a, PAGE_SIZE, PROT_READ | PROT_GROWSDOWN),
			 -EINVAL);			/* not a VM_GROWSDOWN VMA */
	assert_int_equal(do_mprotect(f->m, f->mm, a, 0, PROT_NONE), 0);
	assert_int_equal(do_mprotect(f->m, f->mm, a - PAGE_SIZE, NPAGES(2), PROT_NONE), -ENOMEM);
	assert_int_equal(do_mprotect(f->m, f->mm, a + NPAGES(4), PAGE_SIZE, PROT_NONE), -ENOMEM);
	assert_int_equal(do_mprotect(f->m, f->mm, TASK_SIZE, ~0UL - TASK_SIZE, PROT_NONE),
			 -ENOMEM);
	/* across the hole: ENOMEM, but the first VMA has changed, as on Linux */
	assert_int_equal(do_mprotect(f->m, f->mm, a, NPAGES(10), PROT_NONE), -ENOMEM);
	assert_int_equal(find_vma(f->mm, a)->vm_flags & VM_ACCESS_FLAGS, 0);
	assert_int_equal(find_vma(f->mm, a + NPAGES(6))->vm_flags, VM_RO);
	/* EACCES: write to a VMA without VM_MAYWRITE; nothing changes */
	vma = find_vma(f->mm, a + NPAGES(6));
	vma->vm_flags &= ~VM_MAYWRITE;
	assert_int_equal(do_mprotect(f->m, f->mm, a + NPAGES(6), PAGE_SIZE, PROT_WRITE), -EACCES);
	assert_int_equal(f->mm->map_count, 2);
	vf_check(f);
}

static void mprotect_split_at_the_limit_is_enomem(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = 0x600000000UL;

	mmap_anon(f, a, NPAGES(10), PROT_READ, MAP_PRIVATE | MAP_FIXED);
	f->m->vm.max_map_count = 1;
	assert_int_equal(do_mprotect(f->m, f->mm, a + NPAGES(3), PAGE_SIZE, PROT_NONE), -ENOMEM);
	assert_int_equal(do_mprotect(f->m, f->mm, a, NPAGES(10), PROT_NONE), 0);	/* no split */
	assert_int_equal(f->mm->map_count, 1);
	vf_check(f);
}

static void mprotect_growsdown_starts_at_the_vma_start(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long s = 0x700000000000UL;

	mmap_anon(f, s, NPAGES(8), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_GROWSDOWN);
	assert_int_equal(do_mprotect(f->m, f->mm, s + NPAGES(4), PAGE_SIZE,
				     PROT_READ | PROT_EXEC | PROT_GROWSDOWN), 0);
	/* [s, s+5p) changed, the rest not */
	assert_true(find_vma(f->mm, s)->vm_flags & VM_EXEC);
	assert_int_equal(find_vma(f->mm, s)->vm_end, s + NPAGES(5));
	assert_false(find_vma(f->mm, s + NPAGES(5))->vm_flags & VM_EXEC);
	vf_check(f);
}

/* ---- exit ---- */

static unsigned long active_objs(struct machine *m, struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_shrink(m, s);
	get_slabinfo(m, s, &si);
	return si.active_objs;
}

static void mmput_returns_every_vma_and_the_mm_to_their_caches(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long vmas0 = active_objs(f->m, f->m->vm_area_cachep);
	unsigned long mms0 = active_objs(f->m, f->m->mm_cachep);
	struct mm_struct *mm = mm_alloc(f->m);
	int i;

	assert_non_null(mm);
	for (i = 0; i < 100; i++)
		do_mmap(f->m, mm, NULL, 0, NPAGES(1 + i % 3), i % 2 ? PROT_READ : PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, 0);
	assert_int_equal(mm->map_count, 100);
	assert_int_equal(active_objs(f->m, f->m->vm_area_cachep), vmas0 + 100);
	assert_int_equal(active_objs(f->m, f->m->mm_cachep), mms0 + 1);
	mm->mm_users++;			/* a second user keeps it alive */
	mmput(f->m, mm);
	assert_int_equal(active_objs(f->m, f->m->vm_area_cachep), vmas0 + 100);
	mmput(f->m, mm);
	assert_int_equal(active_objs(f->m, f->m->vm_area_cachep), vmas0);
	assert_int_equal(active_objs(f->m, f->m->mm_cachep), mms0);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, vf_setup, vf_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(merge_new_range_joins_prev_and_next),
		T(merge_new_range_extends_prev),
		T(merge_new_range_extends_next_down),
		T(merge_new_range_without_adjacent_neighbour_does_nothing),
		T(merge_refused_for_different_flags_special_file_or_pgoff),
		T(merge_needs_compatible_anon_vmas),
		T(merge_existing_whole_middle_joins_both),
		T(merge_existing_whole_middle_joins_prev),
		T(merge_existing_whole_middle_joins_next),
		T(merge_existing_front_of_middle_moves_to_prev),
		T(merge_existing_back_of_middle_moves_to_next),
		T(merge_existing_inside_middle_splits_in_three),
		T(split_vma_cuts_at_the_address_with_pgoff),
		T(split_vma_is_refused_at_max_map_count),
		T(munmap_hole_splits_and_is_refused_at_the_limit),
		T(mmap_is_refused_only_once_map_count_exceeds_the_limit),
		T(mmap_base_is_task_size_minus_the_clamped_stack_gap),
		T(topdown_mmaps_stack_below_mmap_base_and_merge),
		T(topdown_search_takes_the_highest_gap_that_fits),
		T(bottomup_search_with_legacy_va_layout_starts_at_task_size_third),
		T(pmd_multiple_anonymous_mappings_are_thp_aligned),
		T(hint_is_taken_when_free_else_searched),
		T(map_fixed_replaces_and_noreplace_refuses),
		T(map_fixed_that_splits_past_the_limit_is_enomem),
		T(stack_guard_gap_keeps_mappings_away_from_a_growsdown_vma),
		T(gap_search_agrees_with_a_linear_scan),
		T(validate_mm_finds_a_wrong_gap_and_count),
		T(mprotect_middle_splits_in_three_and_back_merges),
		T(mprotect_keeps_vm_account_once_memory_was_faulted),
		T(mprotect_errors_are_linuxs),
		T(mprotect_split_at_the_limit_is_enomem),
		T(mprotect_growsdown_starts_at_the_vma_start),
		T(mmput_returns_every_vma_and_the_mm_to_their_caches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
