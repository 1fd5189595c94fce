// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mlock family (mm/mlock.c) and MAP_LOCKED (mm/mmap.c): mlock splits
 * a VMA in three and munlock merges it back, locked_vm (VmLck) follows
 * every change and never counts a page twice; a hole stops mlock and
 * munlock with ENOMEM after the VMAs before it changed (unlike madvise),
 * and one at the start changes nothing; unaligned starts round down,
 * length 0 and a length that rounds to 0 succeed, a wrapping range is
 * EINVAL; PROT_NONE memory is locked but mlock says ENOMEM (the fault); mlock2's flags; mlockall's EINVAL rules, MCL_CURRENT skipping
 * [vvar] and [vdso] (VmLck = VmSize - 32 kB, as on the 6.18 host),
 * MCL_FUTURE locking later mmaps and the heap brk grows, munlockall; a split at
 * vm.max_map_count is ENOMEM; validate_mlock catches a wrong locked_vm;
 * without CAP_IPC_LOCK (uid 1000) RLIMIT_MEMLOCK refuses: ENOMEM for
 * mlock and mlockall(MCL_CURRENT), EAGAIN for MAP_LOCKED and MCL_FUTURE
 * mappings, brk keeping its break, EPERM at a limit of 0 (root locks
 * anyway).
 * Results checked on the 6.18 host with small C programs.
 *
 * Layout legend: one character per page; A unlocked, L VM_LOCKED, . hole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "linux/machine.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"
#include "linux/sysctl.h"
#include "../../mm/vma.h"

#define BASE		0x600000000UL

#include "vma_fixture.h"

static int lock(struct vma_fixture *f, int a, int b)
{
	return do_mlock(f->m, f->mm, PG(a), NPAGES(b - a), VM_LOCKED);
}

static int unlock(struct vma_fixture *f, int a, int b)
{
	return sys_munlock(f->m, f->mm, PG(a), NPAGES(b - a));
}

/* The VMA holding page @a spans [a, b) with lock bits @lock. */
static void assert_vma(struct vma_fixture *f, int a, int b, unsigned long lock)
{
	struct vm_area_struct *vma = find_vma(f->mm, PG(a));

	assert_non_null(vma);
	assert_int_equal(vma->vm_start, PG(a));
	assert_int_equal(vma->vm_end, PG(b));
	assert_int_equal(vma->vm_flags & VM_LOCKED_MASK, lock);
}

static void mlock_splits_in_three_and_munlock_merges_back(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * AAAAAAAA  mlock [2,5)  ->  AALLLAAA (locked_vm 3)  munlock  ->  AAAAAAAA
	 */
	vf_map(f, 0, 8, 0);
	assert_int_equal(lock(f, 2, 5), 0);
	assert_int_equal(f->mm->map_count, 3);
	assert_vma(f, 0, 2, 0);
	assert_vma(f, 2, 5, VM_LOCKED);
	assert_vma(f, 5, 8, 0);
	assert_int_equal(f->mm->locked_vm, 3);
	vf_check(f);
	/* locking it again, or a range overlapping it, counts each page once */
	assert_int_equal(lock(f, 2, 5), 0);
	assert_int_equal(lock(f, 1, 4), 0);
	assert_int_equal(f->mm->locked_vm, 4);
	vf_check(f);
	assert_int_equal(unlock(f, 0, 8), 0);
	assert_int_equal(f->mm->map_count, 1);
	assert_vma(f, 0, 8, 0);
	assert_int_equal(f->mm->locked_vm, 0);
	vf_check(f);
}

static void a_hole_stops_mlock_after_the_vmas_before_it(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * AAAA.AAA  mlock [0,8)  ->  LLLL.AAA and -ENOMEM (the host: 32 kB of
	 * a 64 kB range with a hole after 8 pages locked)
	 */
	vf_map(f, 0, 4, 0);
	vf_map(f, 5, 8, 0);
	assert_int_equal(lock(f, 0, 8), -ENOMEM);
	assert_vma(f, 0, 4, VM_LOCKED);
	assert_vma(f, 5, 8, 0);
	assert_int_equal(f->mm->locked_vm, 4);
	/* a range starting in the hole changes nothing */
	assert_int_equal(lock(f, 4, 8), -ENOMEM);
	assert_vma(f, 5, 8, 0);
	/* past the last VMA: the part before is locked */
	assert_int_equal(lock(f, 5, 10), -ENOMEM);
	assert_vma(f, 5, 8, VM_LOCKED);
	assert_int_equal(f->mm->locked_vm, 7);
	/* munlock stops at the hole the same way */
	assert_int_equal(unlock(f, 0, 8), -ENOMEM);
	assert_vma(f, 0, 4, 0);
	assert_vma(f, 5, 8, VM_LOCKED);
	assert_int_equal(f->mm->locked_vm, 3);
	vf_check(f);
}

static void ranges_round_as_linux_rounds_them(void **state)
{
	struct vma_fixture *f = *state;

	vf_map(f, 0, 4, 0);
	/* mlock(a + 100, 100) locks the page holding it */
	assert_int_equal(do_mlock(f->m, f->mm, PG(1) + 100, 100, VM_LOCKED), 0);
	assert_vma(f, 1, 2, VM_LOCKED);
	assert_int_equal(sys_munlock(f->m, f->mm, PG(1) + 100, 100), 0);
	assert_int_equal(f->mm->locked_vm, 0);
	/* length 0, even in a hole, and a length that rounds to 0: nothing, 0 */
	assert_int_equal(lock(f, 6, 6), 0);
	assert_int_equal(do_mlock(f->m, f->mm, PG(0), (size_t)-1, VM_LOCKED), 0);
	/* a range that wraps */
	assert_int_equal(do_mlock(f->m, f->mm, PG(0), (size_t)-(long)PG(0), VM_LOCKED), -EINVAL);
	assert_int_equal(f->mm->locked_vm, 0);
	vf_check(f);
}

static void mlock2_onfault_and_flag_checks(void **state)
{
	struct vma_fixture *f = *state;

	vf_map(f, 0, 4, 0);
	assert_int_equal(sys_mlock2(f->m, f->mm, PG(0), NPAGES(4), 2), -EINVAL);
	assert_int_equal(sys_mlock2(f->m, f->mm, PG(0), NPAGES(4), MLOCK_ONFAULT | 2), -EINVAL);
	assert_int_equal(sys_mlock2(f->m, f->mm, PG(0), NPAGES(2), MLOCK_ONFAULT), 0);
	assert_vma(f, 0, 2, VM_LOCKED | VM_LOCKONFAULT);
	assert_int_equal(f->mm->locked_vm, 2);
	/* plain mlock over it replaces the lock bits, counting nothing twice */
	assert_int_equal(sys_mlock2(f->m, f->mm, PG(0), NPAGES(4), 0), 0);
	assert_vma(f, 0, 4, VM_LOCKED);
	assert_int_equal(f->mm->locked_vm, 4);
	vf_check(f);
}

static void mlockall_flags_are_checked_and_future_locks_new_mappings(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vma;

	vf_map(f, 0, 4, 0);
	assert_int_equal(sys_mlockall(f->m, f->mm, 0), -EINVAL);
	assert_int_equal(sys_mlockall(f->m, f->mm, MCL_ONFAULT), -EINVAL);
	assert_int_equal(sys_mlockall(f->m, f->mm, 8), -EINVAL);
	assert_int_equal(sys_mlockall(f->m, f->mm, MCL_CURRENT | 8), -EINVAL);
	/* MCL_FUTURE alone: nothing now, every later mapping */
	assert_int_equal(sys_mlockall(f->m, f->mm, MCL_FUTURE), 0);
	assert_int_equal(f->mm->locked_vm, 0);
	assert_int_equal(f->mm->def_flags & VM_LOCKED_MASK, VM_LOCKED);
	vf_map(f, 10, 12, 0);
	assert_vma(f, 10, 12, VM_LOCKED);
	assert_int_equal(f->mm->locked_vm, 2);
	/* MCL_CURRENT|MCL_ONFAULT: every VMA now, on fault; def_flags cleared */
	assert_int_equal(sys_mlockall(f->m, f->mm, MCL_CURRENT | MCL_ONFAULT), 0);
	assert_int_equal(f->mm->def_flags & VM_LOCKED_MASK, 0);
	assert_vma(f, 0, 4, VM_LOCKED | VM_LOCKONFAULT);
	assert_vma(f, 10, 12, VM_LOCKED | VM_LOCKONFAULT);
	assert_int_equal(f->mm->locked_vm, 6);
	/* munmap of a locked part gives its pages back */
	assert_int_equal(do_vmi_munmap(f->m, f->mm, PG(10), NPAGES(1)), 0);
	assert_int_equal(f->mm->locked_vm, 5);
	vf_check(f);
	assert_int_equal(sys_munlockall(f->m, f->mm), 0);
	assert_int_equal(f->mm->locked_vm, 0);
	for (vma = f->mm->mmap; vma; vma = vma->vm_next)
		assert_int_equal(vma->vm_flags & VM_LOCKED_MASK, 0);
	vf_check(f);
}

static void mlockall_future_locks_the_heap_brk_grows(void **state)
{
	struct vma_fixture *f = *state;

	/* brk maps with mm->def_flags: locked heap pages count, and go back */
	f->mm->start_brk = f->mm->brk = PG(100);
	assert_int_equal(sys_mlockall(f->m, f->mm, MCL_FUTURE), 0);
	assert_int_equal(sys_brk(f->m, f->mm, PG(102)), PG(102));
	assert_vma(f, 100, 102, VM_LOCKED);
	assert_int_equal(f->mm->locked_vm, 2);
	vf_check(f);
	assert_int_equal(sys_brk(f->m, f->mm, PG(101)), PG(101));
	assert_int_equal(f->mm->locked_vm, 1);
	vf_check(f);
}

static void mlockall_current_merges_what_only_the_lock_kept_apart(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * AALLAA (three VMAs)  mlockall(MCL_CURRENT)  ->  LLLLLL (one)
	 */
	vf_map(f, 0, 6, 0);
	assert_int_equal(lock(f, 2, 4), 0);
	assert_int_equal(f->mm->map_count, 3);
	assert_int_equal(sys_mlockall(f->m, f->mm, MCL_CURRENT), 0);
	assert_int_equal(f->mm->map_count, 1);
	assert_vma(f, 0, 6, VM_LOCKED);
	assert_int_equal(f->mm->locked_vm, 6);
	vf_check(f);
}

static void map_locked_counts_and_a_split_at_the_limit_is_enomem(void **state)
{
	struct vma_fixture *f = *state;

	assert_int_equal(vf_mmap(f, 0, 4, MAP_LOCKED), PG(0));
	assert_vma(f, 0, 4, VM_LOCKED);
	assert_int_equal(f->mm->locked_vm, 4);
	vf_map(f, 8, 16, 0);
	f->m->vm.max_map_count = f->mm->map_count;
	assert_int_equal(lock(f, 10, 12), -ENOMEM);	/* split_vma's -ENOMEM as is */
	assert_int_equal(f->mm->map_count, 2);
	assert_int_equal(lock(f, 8, 16), 0);		/* the whole VMA: no split */
	assert_int_equal(f->mm->locked_vm, 12);
	vf_check(f);
}

static void mlock_of_prot_none_memory_locks_it_and_says_enomem(void **state)
{
	struct vma_fixture *f = *state;

	/*
	 * AANN (N PROT_NONE)  mlock [0,4)  ->  LLLL and -ENOMEM: the fault
	 * __mm_populate makes on N fails (-EFAULT, returned as -ENOMEM) after
	 * the lock, as on the 6.18 host; onfault has nothing to fault.
	 */
	vf_map(f, 0, 4, 0);
	assert_int_equal(do_mprotect(f->m, f->mm, PG(2), NPAGES(2), PROT_NONE), 0);
	assert_int_equal(lock(f, 0, 4), -ENOMEM);
	assert_vma(f, 0, 2, VM_LOCKED);
	assert_vma(f, 2, 4, VM_LOCKED);
	assert_int_equal(f->mm->locked_vm, 4);
	assert_int_equal(unlock(f, 0, 4), 0);
	assert_int_equal(sys_mlock2(f->m, f->mm, PG(0), NPAGES(4), MLOCK_ONFAULT), 0);
	assert_int_equal(unlock(f, 0, 4), 0);
	assert_int_equal(lock(f, 0, 2), 0);		/* the accessible part alone */
	/* mlockall and MAP_LOCKED ignore the error */
	assert_int_equal(sys_mlockall(f->m, f->mm, MCL_CURRENT), 0);
	assert_int_equal(do_mmap(f->m, f->mm, NULL, PG(8), PAGE_SIZE, PROT_NONE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_LOCKED, 0), PG(8));
	vf_check(f);
}

static void validate_mlock_finds_a_wrong_count(void **state)
{
	struct vma_fixture *f = *state;
	char err[256];

	vf_map(f, 0, 4, 0);
	assert_int_equal(lock(f, 0, 4), 0);
	f->mm->locked_vm++;
	assert_int_equal(validate_mlock(f->mm, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "locked_vm 5"));
	f->mm->locked_vm--;
	find_vma(f->mm, PG(0))->vm_flags &= ~VM_LOCKED;
	f->mm->locked_vm = 0;
	assert_int_equal(validate_mlock(f->mm, err, sizeof(err)), 0);
	find_vma(f->mm, PG(0))->vm_flags |= VM_LOCKONFAULT;
	assert_int_equal(validate_mlock(f->mm, err, sizeof(err)), -EUCLEAN);
	find_vma(f->mm, PG(0))->vm_flags &= ~VM_LOCKONFAULT;
}

/* A key's value in kB from /proc/@proc/status. */
static long long status_kb(struct machine *m, const char *proc, const char *key)
{
	char path[64], *text;
	long long kb;

	snprintf(path, sizeof(path), "/proc/%s/status", proc);
	text = ph_read(m, path);
	kb = ph_kv(text, key);
	free(text);
	return kb;
}

static void mlockall_skips_vvar_and_vdso_and_vmlck_shows_it(void **state)
{
	struct vma_fixture *f = *state;
	uint64_t addr;

	/* As on the 6.18 host: VmLck = VmSize - 32 kB ([vvar] 16, [vvar_vclock] 8, [vdso] 8). */
	assert_int_equal(mmsim_spawn(f->m, "db", NULL), 0);
	assert_int_equal(status_kb(f->m, "db", "VmLck"), 0);
	assert_int_equal(mmsim_process_mlockall(f->m, "db", MCL_CURRENT | MCL_FUTURE), 0);
	assert_int_equal(status_kb(f->m, "db", "VmLck"), status_kb(f->m, "db", "VmSize") - 32);
	assert_int_equal(mmsim_process_mmap(f->m, "db", 0, 64 << 10, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &addr), 0);
	assert_int_equal(status_kb(f->m, "db", "VmLck"), status_kb(f->m, "db", "VmSize") - 32);
	assert_int_equal(mmsim_process_munlockall(f->m, "db"), 0);
	assert_int_equal(status_kb(f->m, "db", "VmLck"), 0);
	assert_int_equal(mmsim_process_mlock(f->m, "nobody", 0, 4096), -ESRCH);
	ph_assert_valid(f->m);
	assert_int_equal(mmsim_process_exit(f->m, "db"), 0);
}

/* The process @name's RLIMIT_MEMLOCK soft limit, as prlimit would set it. */
static void set_memlock(struct machine *m, const char *name, unsigned long bytes)
{
	struct task_struct *tsk = find_process(m, name);

	assert_non_null(tsk);
	tsk->signal->rlim[RLIMIT_MEMLOCK].rlim_cur = bytes;
}

static void a_process_without_cap_ipc_lock_meets_rlimit_memlock(void **state)
{
	struct vma_fixture *f = *state;
	uint64_t a, b, start, brk, got;

	/*
	 * uid 1000 has no CAP_IPC_LOCK; RLIMIT_MEMLOCK is 8 MiB.  What the
	 * 6.18 host shows for a program run as nobody (setpriv --reuid).
	 */
	assert_int_equal(mmsim_spawn_as(f->m, "u", -1, 1000, NULL), 0);
	assert_int_equal(mmsim_process_mmap(f->m, "u", 0, 16 << 20, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &a), 0);
	assert_int_equal(mmsim_process_mlock(f->m, "u", a, 8 << 20), 0);
	assert_int_equal(mmsim_process_mlock(f->m, "u", a, 8 << 20), 0);	/* counted once */
	assert_int_equal(mmsim_process_mlock(f->m, "u", a, (8 << 20) + 4096), -ENOMEM);
	assert_int_equal(mmsim_process_mlock(f->m, "u", a + (8 << 20), 4096), -ENOMEM);
	assert_int_equal(status_kb(f->m, "u", "VmLck"), 8192);
	/* MAP_LOCKED and MCL_FUTURE mappings past the limit: EAGAIN */
	assert_int_equal(mmsim_process_mmap(f->m, "u", 0, 4096, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, &b), -EAGAIN);
	assert_int_equal(mmsim_process_munlock(f->m, "u", a, 16 << 20), 0);
	assert_int_equal(mmsim_process_mlockall(f->m, "u", MCL_CURRENT), -ENOMEM);	/* VmSize > 8M */
	assert_int_equal(mmsim_process_mlockall(f->m, "u", MCL_FUTURE), 0);
	assert_int_equal(mmsim_process_mmap(f->m, "u", 0, (8 << 20) + 4096, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &b), -EAGAIN);
	assert_int_equal(mmsim_process_mmap(f->m, "u", 0, 64 << 10, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &b), 0);
	assert_int_equal(status_kb(f->m, "u", "VmLck"), 64);
	/* brk too (check_brk_limits): refused, the break stays; a small step passes */
	assert_int_equal(mmsim_process_brk_range(f->m, "u", &start, &brk), 0);
	assert_int_equal(mmsim_process_brk(f->m, "u", brk + (8 << 20), &got), 0);
	assert_int_equal(got, brk);
	assert_int_equal(mmsim_process_brk(f->m, "u", brk + (64 << 10), &got), 0);
	assert_int_equal(got, brk + (64 << 10));
	assert_int_equal(status_kb(f->m, "u", "VmLck"), 128);
	assert_int_equal(mmsim_process_munlockall(f->m, "u"), 0);
	/* RLIMIT_MEMLOCK 0: EPERM, but munlock works and bad flags stay EINVAL */
	set_memlock(f->m, "u", 0);
	assert_int_equal(mmsim_process_mlock(f->m, "u", a, 4096), -EPERM);
	assert_int_equal(mmsim_process_munlock(f->m, "u", a, 4096), 0);
	assert_int_equal(mmsim_process_mlockall(f->m, "u", MCL_CURRENT), -EPERM);
	assert_int_equal(mmsim_process_mlockall(f->m, "u", 8), -EINVAL);
	assert_int_equal(mmsim_process_mmap(f->m, "u", 0, 4096, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, &b), -EPERM);
	/* root with RLIMIT_MEMLOCK 0 locks anyway (CAP_IPC_LOCK) */
	assert_int_equal(mmsim_spawn(f->m, "r", NULL), 0);
	set_memlock(f->m, "r", 0);
	assert_int_equal(mmsim_process_mmap(f->m, "r", 0, 4096, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, &b), 0);
	assert_int_equal(mmsim_process_mlockall(f->m, "r", MCL_CURRENT), 0);
	ph_assert_valid(f->m);
	assert_int_equal(mmsim_process_exit(f->m, "u"), 0);
	assert_int_equal(mmsim_process_exit(f->m, "r"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(mlock_splits_in_three_and_munlock_merges_back, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(a_hole_stops_mlock_after_the_vmas_before_it, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(ranges_round_as_linux_rounds_them, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mlock2_onfault_and_flag_checks, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mlockall_flags_are_checked_and_future_locks_new_mappings, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mlockall_future_locks_the_heap_brk_grows, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mlockall_current_merges_what_only_the_lock_kept_apart, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(map_locked_counts_and_a_split_at_the_limit_is_enomem, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mlock_of_prot_none_memory_locks_it_and_says_enomem, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(validate_mlock_finds_a_wrong_count, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(mlockall_skips_vvar_and_vdso_and_vmlck_shows_it, vf_setup, vf_teardown),
		cmocka_unit_test_setup_teardown(a_process_without_cap_ipc_lock_meets_rlimit_memlock, vf_setup, vf_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
