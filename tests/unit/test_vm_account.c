// SPDX-License-Identifier: GPL-2.0-only
/*
 * The overcommit charge of address spaces: do_mmap charges accountable
 * mappings (private writable, not MAP_NORESERVE in modes 0/1) and refuses
 * with -ENOMEM when __vm_enough_memory does (strict mode 2), leaving
 * nothing mapped; MAP_FIXED over accounted memory charges the difference;
 * munmap and exit (mmput) give the pages back; mprotect charges private
 * memory turning writable and uncharges never-faulted memory turning
 * read-only; a spawned process's stack (33 pages), data and bss are
 * charged until it exits.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "linux/sysctl.h"
#include "vma_fixture.h"

#define PRIV	(MAP_PRIVATE | MAP_ANONYMOUS)
#define RW	(PROT_READ | PROT_WRITE)

static unsigned long committed(struct vma_fixture *f)
{
	return vm_memory_committed(f->m) - f->c0;
}

static unsigned long map(struct vma_fixture *f, unsigned long addr, unsigned long pages,
			 unsigned long prot, unsigned long flags)
{
	return do_mmap(f->m, f->mm, NULL, addr, pages << PAGE_SHIFT, prot, flags, 0);
}

static void private_writable_mappings_are_charged_and_munmap_uncharges(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = map(f, 0, 100, RW, PRIV);

	assert_true(a < TASK_SIZE);
	assert_int_equal(committed(f), 100);
	map(f, 0, 10, PROT_READ, PRIV);			/* read-only: not charged */
	map(f, 0, 10, RW, MAP_SHARED | MAP_ANONYMOUS);	/* shared: not charged */
	map(f, 0, 10, RW, PRIV | MAP_NORESERVE);	/* mode 0: MAP_NORESERVE honoured */
	assert_int_equal(committed(f), 100);
	assert_int_equal(do_vmi_munmap(f->m, f->mm, a + 10 * PAGE_SIZE, 30 * PAGE_SIZE), 0);
	assert_int_equal(committed(f), 70);
	mmput(f->m, f->mm);				/* exit_mmap uncharges the rest */
	f->mm = NULL;
	assert_int_equal(committed(f), 0);
}

static void map_fixed_over_accounted_memory_charges_the_difference(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = map(f, 0, 20, RW, PRIV);

	assert_int_equal(committed(f), 20);
	/* 30 pages from a + 10: 10 replace accounted pages, 20 are new */
	assert_int_equal(map(f, a + 10 * PAGE_SIZE, 30, RW, PRIV | MAP_FIXED), a + 10 * PAGE_SIZE);
	assert_int_equal(committed(f), 40);
	/* read-only over the first 10: their charge goes */
	assert_int_equal(map(f, a, 10, PROT_READ, PRIV | MAP_FIXED), a);
	assert_int_equal(committed(f), 30);
}

static void strict_mode_refuses_past_the_limit_and_leaves_nothing_mapped(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long limit = vm_commit_limit(f->m), room, a;
	int vmas;

	f->m->vm.overcommit_memory = OVERCOMMIT_NEVER;
	/* root: no admin reserve; user reserve min(total_vm / 32, ...) */
	room = limit - vm_memory_committed(f->m);
	vmas = f->mm->map_count;
	a = map(f, 0, room, RW, PRIV);
	assert_int_equal(a, (unsigned long)-ENOMEM);	/* equal to the limit is refused */
	assert_int_equal(f->mm->map_count, vmas);
	assert_int_equal(committed(f), 0);
	a = map(f, 0, room - 1, RW, PRIV);
	assert_true(a < TASK_SIZE);
	assert_int_equal(committed(f), room - 1);
	/* MAP_NORESERVE is ignored in mode 2 */
	assert_int_equal(map(f, 0, 1, RW, PRIV | MAP_NORESERVE), (unsigned long)-ENOMEM);
	/* read-only still maps: not accountable */
	assert_true(map(f, 0, 1, PROT_READ, PRIV) < TASK_SIZE);
}

static void mprotect_charges_writable_and_uncharges_read_only(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long a = map(f, 0, 10, PROT_READ, PRIV);

	assert_int_equal(committed(f), 0);
	assert_int_equal(do_mprotect(f->m, f->mm, a, 4 * PAGE_SIZE, RW), 0);
	assert_int_equal(committed(f), 4);
	assert_int_equal(do_mprotect(f->m, f->mm, a, 10 * PAGE_SIZE, RW), 0);
	assert_int_equal(committed(f), 10);		/* only the 6 new ones charged */
	assert_int_equal(do_mprotect(f->m, f->mm, a, 10 * PAGE_SIZE, PROT_READ), 0);
	assert_int_equal(committed(f), 0);		/* never faulted: uncharged */
	/* refused in strict mode with nothing changed */
	f->m->vm.overcommit_memory = OVERCOMMIT_NEVER;
	f->m->vm.overcommit_kbytes = (vm_memory_committed(f->m) << (PAGE_SHIFT - 10)) + 4;
	assert_int_equal(do_mprotect(f->m, f->mm, a, 10 * PAGE_SIZE, RW), -ENOMEM);
	assert_int_equal(committed(f), 0);
	assert_false(find_vma(f->mm, a)->vm_flags & (VM_WRITE | VM_ACCOUNT));
}

static void a_process_s_stack_data_and_bss_are_charged_until_exit(void **state)
{
	struct vma_fixture *f = *state;

	assert_int_equal(mmsim_spawn(f->m, "p", NULL), 0);
	/* the stack, the PIE's writable segment (2 pages), ld.so's (4) */
	assert_int_equal(committed(f), 33 + 2 + 4);
	assert_int_equal(mmsim_process_exit(f->m, "p"), 0);
	assert_int_equal(committed(f), 0);
	/* strict mode with no room: spawn fails and leaves nothing behind */
	f->m->vm.overcommit_memory = OVERCOMMIT_NEVER;
	f->m->vm.overcommit_kbytes = (vm_memory_committed(f->m) << (PAGE_SHIFT - 10)) + 16 * 4;
	assert_int_equal(mmsim_spawn(f->m, "q", NULL), -ENOMEM);
	assert_int_equal(committed(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(private_writable_mappings_are_charged_and_munmap_uncharges, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(map_fixed_over_accounted_memory_charges_the_difference, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(strict_mode_refuses_past_the_limit_and_leaves_nothing_mapped, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mprotect_charges_writable_and_uncharges_read_only, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(a_process_s_stack_data_and_bss_are_charged_until_exit, vf_setup, vf_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
