// SPDX-License-Identifier: GPL-2.0-only
/*
 * msync (mm/msync.c) and mincore (mm/mincore.c), each result checked on
 * the 6.18 host: msync's EINVAL (unknown flags, MS_ASYNC with MS_SYNC,
 * an unaligned start - even with length 0), ENOMEM (a wrapping range, a
 * hole, whatever the flags), EBUSY for MS_INVALIDATE over locked memory
 * (MS_SYNC alone is fine there); mincore's EINVAL (unaligned), ENOMEM
 * (past the user address space, a hole - the entries before it written,
 * the rest untouched), an all-zero vector (no page is resident before
 * paging) and ones for a special mapping such as [vvar] and, for a
 * process not root, for a root-owned file, EFAULT for a short vector.
 *
 * Layout legend: one character per page; A anonymous, . hole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "linux/machine.h"
#include "linux/mman.h"
#include "linux/mm_fault.h"
#include "../../mm/vma.h"

#define BASE		0x600000000UL

#include "vma_fixture.h"

static int msync(struct vma_fixture *f, int a, int b, int flags)
{
	return sys_msync(f->m, f->mm, PG(a), NPAGES(b - a), flags);
}

static void msync_checks_flags_then_range(void **state)
{
	struct vma_fixture *f = *state;

	/* AAAA.AAA */
	vf_map(f, 0, 4, 0);
	vf_map(f, 5, 8, 0);
	assert_int_equal(msync(f, 0, 4, MS_SYNC), 0);
	assert_int_equal(msync(f, 0, 4, MS_ASYNC | MS_INVALIDATE), 0);
	assert_int_equal(msync(f, 0, 4, 0), 0);
	assert_int_equal(msync(f, 0, 4, 8), -EINVAL);
	assert_int_equal(msync(f, 0, 4, MS_SYNC | 8), -EINVAL);
	assert_int_equal(msync(f, 0, 4, MS_ASYNC | MS_SYNC), -EINVAL);
	assert_int_equal(sys_msync(f->m, f->mm, PG(0) + 1, PAGE_SIZE, MS_SYNC), -EINVAL);
	assert_int_equal(sys_msync(f->m, f->mm, PG(0) + 1, 0, MS_SYNC), -EINVAL);
	assert_int_equal(msync(f, 4, 4, MS_SYNC), 0);		/* length 0 in the hole */
	/* a hole: ENOMEM with every flag combination */
	assert_int_equal(msync(f, 0, 8, MS_ASYNC), -ENOMEM);
	assert_int_equal(msync(f, 0, 8, MS_SYNC), -ENOMEM);
	assert_int_equal(msync(f, 0, 8, 0), -ENOMEM);
	assert_int_equal(msync(f, 4, 5, MS_SYNC), -ENOMEM);
	assert_int_equal(msync(f, 5, 9, MS_SYNC), -ENOMEM);
	assert_int_equal(sys_msync(f->m, f->mm, PG(0), (size_t)-(long)PG(0), MS_SYNC), -ENOMEM);
	assert_int_equal(msync(f, 5, 8, MS_SYNC), 0);
}

static void msync_invalidate_of_locked_memory_is_ebusy(void **state)
{
	struct vma_fixture *f = *state;

	vf_map(f, 0, 4, 0);
	assert_int_equal(do_mlock(f->m, f->mm, PG(2), NPAGES(1), VM_LOCKED), 0);
	assert_int_equal(msync(f, 0, 4, MS_INVALIDATE), -EBUSY);
	assert_int_equal(msync(f, 0, 2, MS_INVALIDATE), 0);
	assert_int_equal(msync(f, 0, 4, MS_SYNC), 0);
	assert_int_equal(msync(f, 0, 4, MS_ASYNC | MS_INVALIDATE), -EBUSY);
}

/*
 * After a write fault and a read fault (zero page) those two pages are
 * resident; the untouched ones are not (mincore_pte_range).
 *   pages  0 1 2 3
 *          W . R .   ->  [1, 0, 1, 0]
 */
static void mincore_reports_faulted_pages_resident(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vma;
	unsigned char vec[4];

	vf_map(f, 0, 4, 0);
	vma = find_vma(f->mm, PG(0));
	assert_non_null(vma);
	assert_int_equal(handle_mm_fault(f->m, vma, PG(0), FAULT_FLAG_WRITE), 0);
	assert_int_equal(handle_mm_fault(f->m, vma, PG(2), 0), 0);
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(0), NPAGES(4), vec), 0);
	assert_memory_equal(vec, "\1\0\1\0", 4);
	zap_page_range_mm(f->m, f->mm, PG(0), PG(4));
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(0), NPAGES(4), vec), 0);
	assert_memory_equal(vec, "\0\0\0\0", 4);
}

static void mincore_reports_nothing_resident_and_stops_at_a_hole(void **state)
{
	struct vma_fixture *f = *state;
	unsigned char vec[8];

	/* AAAA.AAA */
	vf_map(f, 0, 4, 0);
	vf_map(f, 5, 8, 0);
	memset(vec, 7, sizeof(vec));
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(0), NPAGES(4), vec), 0);
	assert_memory_equal(vec, "\0\0\0\0\7", 5);
	/* a length not page-aligned counts its last partial page */
	memset(vec, 7, sizeof(vec));
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(5), NPAGES(2) + 1, vec), 0);
	assert_memory_equal(vec, "\0\0\0\7", 4);
	/* the hole: the four entries before it written, the rest untouched */
	memset(vec, 7, sizeof(vec));
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(0), NPAGES(8), vec), -ENOMEM);
	assert_memory_equal(vec, "\0\0\0\0\7\7\7\7", 8);
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(4), NPAGES(1), vec), -ENOMEM);
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(4), 0, vec), 0);
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(0) + 1, PAGE_SIZE, vec), -EINVAL);
	/* past the user address space (access_ok) */
	assert_int_equal(do_mincore_range(f->m, f->mm, TASK_SIZE, 0, vec), 0);
	assert_int_equal(do_mincore_range(f->m, f->mm, TASK_SIZE, 1, vec), -ENOMEM);
	assert_int_equal(do_mincore_range(f->m, f->mm, 1UL << 47, 0, vec), -ENOMEM);
	assert_int_equal(do_mincore_range(f->m, f->mm, PAGE_SIZE, (size_t)-1, vec), -ENOMEM);
}

static void mincore_shows_special_mappings_resident(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vvar = vm_area_alloc(f->m, f->mm);
	unsigned char vec[4];

	/* [vvar] has vm_ops and no file: can_do_mincore says no, so all 1 */
	vvar->vm_start = PG(0);
	vvar->vm_end = PG(2);
	vvar->vm_flags = VM_READ | VM_MAYREAD | VM_IO | VM_PFNMAP | VM_DONTEXPAND;
	vvar->vm_special_name = "[vvar]";
	vma_link(f->mm, vvar);
	vm_stat_account(f->mm, vvar->vm_flags, 2);
	vf_map(f, 2, 4, 0);
	assert_int_equal(do_mincore_range(f->m, f->mm, PG(0), NPAGES(4), vec), 0);
	assert_memory_equal(vec, "\1\1\0\0", 4);
}

static void the_public_calls_run_as_the_process(void **state)
{
	struct vma_fixture *f = *state;
	unsigned char vec[16];
	uint64_t addr;

	assert_int_equal(mmsim_spawn(f->m, "db", NULL), 0);
	assert_int_equal(mmsim_process_mmap(f->m, "db", 0, 16 << 12, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &addr), 0);
	assert_int_equal(mmsim_process_mincore(f->m, "db", addr, 16 << 12, vec, 16), 0);
	assert_int_equal(mmsim_process_mincore(f->m, "db", addr, 16 << 12, vec, 15), -EFAULT);
	assert_int_equal(mmsim_process_mincore(f->m, "db", addr + 1, 4096, vec, 16), -EINVAL);
	assert_int_equal(mmsim_process_msync(f->m, "db", addr, 4096, MS_SYNC), 0);
	assert_int_equal(mmsim_process_madvise(f->m, "db", addr, 4096, MADV_DONTFORK), 0);
	assert_int_equal(mmsim_process_msync(f->m, "nobody", addr, 4096, MS_SYNC), -ESRCH);
	assert_int_equal(mmsim_process_mincore(f->m, "nobody", addr, 4096, vec, 16), -ESRCH);
	assert_int_equal(mmsim_process_madvise(f->m, "nobody", addr, 4096, 4), -ESRCH);
	ph_assert_valid(f->m);
	assert_int_equal(mmsim_process_exit(f->m, "db"), 0);
}

static void mincore_hides_a_files_cache_from_a_non_owner(void **state)
{
	struct vma_fixture *f = *state;
	unsigned char vec[2];
	char err[128];
	uint64_t addr;

	/* as the 6.18 host shows nobody mapping a root-owned 0644 file */
	assert_int_equal(mmsim_create_file(f->m, "/data/f", 8192, MMSIM_DATA_ZERO, err,
					   sizeof(err)), 0);
	assert_int_equal(mmsim_spawn_as(f->m, "u", -1, 1000, NULL), 0);
	assert_int_equal(mmsim_spawn(f->m, "r", NULL), 0);
	assert_int_equal(mmsim_process_mmap_file(f->m, "u", "/data/f", 0, 8192, PROT_READ,
						 MAP_PRIVATE, 0, &addr), 0);
	assert_int_equal(mmsim_process_mincore(f->m, "u", addr, 8192, vec, 2), 0);
	assert_memory_equal(vec, "\1\1", 2);
	assert_int_equal(mmsim_process_mmap_file(f->m, "r", "/data/f", 0, 8192, PROT_READ,
						 MAP_PRIVATE, 0, &addr), 0);
	assert_int_equal(mmsim_process_mincore(f->m, "r", addr, 8192, vec, 2), 0);
	assert_memory_equal(vec, "\0\0", 2);
	/* anonymous memory is the caller's own */
	assert_int_equal(mmsim_process_mmap(f->m, "u", 0, 8192, PROT_READ | PROT_WRITE,
					    MAP_SHARED | MAP_ANONYMOUS, &addr), 0);
	assert_int_equal(mmsim_process_mincore(f->m, "u", addr, 8192, vec, 2), 0);
	assert_memory_equal(vec, "\0\0", 2);
	assert_int_equal(mmsim_process_exit(f->m, "u"), 0);
	assert_int_equal(mmsim_process_exit(f->m, "r"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(msync_checks_flags_then_range, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(msync_invalidate_of_locked_memory_is_ebusy, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mincore_reports_faulted_pages_resident, vf_setup,
						vf_teardown),
		cmocka_unit_test_setup_teardown(mincore_reports_nothing_resident_and_stops_at_a_hole, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mincore_shows_special_mappings_resident, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(the_public_calls_run_as_the_process, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mincore_hides_a_files_cache_from_a_non_owner, vf_setup, vf_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
