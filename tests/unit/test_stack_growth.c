// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stack growth and the fault path's signals (arch/x86/mm/fault.c
 * lock_mm_and_find_vma -> expand_downwards, mm/filemap.c filemap_fault).
 * As on the 6.18 host (a MAP_GROWSDOWN mapping of 16 pages, RLIMIT_STACK
 * 8 MiB, checked with small C programs):
 *   a touch 1 page, 100 pages or 4 MiB below grows the VMA down to the
 *   touched page (1 minflt: the growth itself is no fault);
 *   a touch 9 MiB below is SIGSEGV (RLIMIT_STACK);
 *   with an accessible mapping below, a touch leaving less than
 *   stack_guard_gap (256 pages) between is SIGSEGV, 284 pages is fine;
 *   a PROT_NONE mapping below does not count;
 *   a touch below a VMA that is not VM_GROWSDOWN is SIGSEGV.
 *
 *        LOW (guard)        ...gap...        STACK (16 pages, growsdown)
 *   |----|                            <-grows-|////////////////|
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/mman.h"
#include "linux/pagemap.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "../../mm/vma.h"

#define STACK		0x7e0000000000UL
#define P		PAGE_SIZE
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

/* Boot and give "a" a 16-page VM_GROWSDOWN mapping at STACK. */
static struct machine *boot_stack(void)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	uint64_t out;

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", STACK, 16 * P, RW,
					    ANON_FIXED | MAP_GROWSDOWN, &out), 0);
	return m;
}

static struct vm_area_struct *vma_at(struct machine *m, unsigned long addr)
{
	return find_vma(find_process(m, "a")->mm, addr);
}

/* One write by "a" at @addr: the access's error (0 when it went through). */
static int touch(struct machine *m, unsigned long addr, uint64_t *flt)
{
	struct mmsim_access_result r;
	int err = mmsim_process_access(m, "a", addr, 1, 1, &r);

	if (flt)
		*flt = r.min_flt;
	return err;
}

static void fault_below_the_stack_grows_it_to_the_page(void **state)
{
	struct machine *m = boot_stack();
	uint64_t flt;

	(void)state;
	assert_int_equal(touch(m, STACK - P + 8, &flt), 0);
	assert_int_equal(vma_at(m, STACK - P)->vm_start, STACK - P);
	assert_int_equal(touch(m, STACK - 100 * P, &flt), 0);
	assert_int_equal(flt, 1);
	assert_int_equal(vma_at(m, STACK - 100 * P)->vm_start, STACK - 100 * P);
	assert_int_equal(touch(m, STACK - 50 * P, &flt), 0);	/* inside now */
	assert_int_equal(flt, 1);
	assert_int_equal(touch(m, STACK - (4UL << 20), &flt), 0);
	assert_int_equal(vma_at(m, STACK - (4UL << 20))->vm_start, STACK - (4UL << 20));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void fault_past_rlimit_stack_is_sigsegv(void **state)
{
	struct machine *m = boot_stack();

	(void)state;
	assert_int_equal(touch(m, STACK - (9UL << 20), NULL), -EFAULT);
	assert_true(ph_log_has(m, "segfault at 7dffff700000"));
	assert_null(find_process(m, "a"));			/* killed */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* A read-only page 384 pages below the stack: the guard gap is 256. */
static void guard_gap_to_an_accessible_mapping_is_kept(void **state)
{
	struct machine *m = boot_stack();
	unsigned long low = STACK - 384 * P - P;
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_process_mmap(m, "a", low, P, PROT_READ, ANON_FIXED, &out), 0);
	assert_int_equal(touch(m, STACK - 100 * P, NULL), 0);	/* 284 pages above it */
	assert_int_equal(touch(m, STACK - 130 * P, NULL), -EFAULT);	/* 254 */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void prot_none_mapping_below_does_not_count_for_the_gap(void **state)
{
	struct machine *m = boot_stack();
	unsigned long low = STACK - 384 * P - P;
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_process_mmap(m, "a", low, P, PROT_NONE, ANON_FIXED, &out), 0);
	assert_int_equal(touch(m, STACK - 300 * P, NULL), 0);	/* 84 pages above it */
	assert_int_equal(vma_at(m, STACK - 300 * P)->vm_start, STACK - 300 * P);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void fault_below_a_plain_mapping_is_sigsegv(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", STACK, 16 * P, RW, ANON_FIXED, &out), 0);
	assert_int_equal(touch(m, STACK - P, NULL), -EFAULT);
	assert_true(ph_log_has(m, "error 6"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * filemap_fault: a 4106-byte file has 2 pages; pages 2 and on are past
 * its end (SIGBUS on the host, read or write, shared or private).
 */
static void filemap_fault_past_eof_is_sigbus(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct vm_area_struct *vma;
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_create_file(m, "/f", 4096 + 10, 0, NULL, 0), 0);
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap_file(m, "a", "/f", STACK, 4 * P, RW,
						 MAP_SHARED | MAP_FIXED, 0, &out), 0);
	vma = vma_at(m, STACK);
	assert_int_equal(filemap_fault(m, vma, STACK + 2 * P, 0), VM_FAULT_SIGBUS);
	assert_int_equal(filemap_fault(m, vma, STACK + 3 * P + 5, FAULT_FLAG_WRITE),
			 VM_FAULT_SIGBUS);
	assert_int_equal(filemap_fault(m, vma, STACK + P + 100, 0), VM_FAULT_UNMODELLED);
	assert_true(ph_log_has(m, "file mappings not yet modelled"));
	/* the access path: EIO inside the file (not yet modelled), SIGBUS past it */
	assert_int_equal(touch(m, STACK + P, NULL), -EIO);
	assert_int_equal(touch(m, STACK + 2 * P, NULL), -ENXIO);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fault_below_the_stack_grows_it_to_the_page),
		cmocka_unit_test(fault_past_rlimit_stack_is_sigsegv),
		cmocka_unit_test(guard_gap_to_an_accessible_mapping_is_kept),
		cmocka_unit_test(prot_none_mapping_below_does_not_count_for_the_gap),
		cmocka_unit_test(fault_below_a_plain_mapping_is_sigsegv),
		cmocka_unit_test(filemap_fault_past_eof_is_sigbus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
