// SPDX-License-Identifier: GPL-2.0-only
/*
 * Resource limits: prlimit (kernel/sys.c do_prlimit) and where Linux
 * enforces RLIMIT_AS and RLIMIT_DATA (mm/mmap.c may_expand_vm, brk's
 * check_data_rlimit, mremap): refusals exactly at the limit in mmap, brk
 * and mremap, MAP_FIXED counting only what it adds, the VmData warning
 * printed once in Linux's words (and the ignore_rlimit_data boot option),
 * prlimit's EINVAL/EPERM, and /proc/PID/limits showing the new values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "../../mm/vma.h"

#define P		4096UL
#define BASE		0x200000000000UL
#define RW		(PROT_READ | PROT_WRITE)
#define INF		UINT64_MAX

static struct machine *boot_with(const char *cmdline)
{
	struct machine *m = ph_boot(cmdline);

	assert_int_equal(mmsim_spawn(m, "p", NULL), 0);
	return m;
}

static int setup(void **state)
{
	*state = boot_with("mem=512M nr_cpus=2");
	return 0;
}

static int teardown(void **state)
{
	mmsim_destroy(*state);
	return 0;
}

static struct mm_struct *mm_of(struct machine *m)
{
	return find_process(m, "p")->mm;
}

static int set_limit(struct machine *m, unsigned int res, uint64_t cur, uint64_t max)
{
	uint64_t lim[2] = { cur, max };

	return mmsim_process_prlimit(m, "p", res, lim, NULL);
}

static int map(struct machine *m, unsigned long at, unsigned long len, unsigned int prot,
	       unsigned int extra)
{
	uint64_t got;

	return mmsim_process_mmap(m, "p", BASE + at, len, prot,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | extra, &got);
}

/* How many times @needle is in the kernel log. */
static int log_count(struct machine *m, const char *needle)
{
	char *log = mmsim_dmesg(m), *p = log;
	int n = 0;

	while ((p = strstr(p, needle))) {
		n++;
		p++;
	}
	free(log);
	return n;
}

/* prlimit's checks: EINVAL for soft > hard and an unknown resource, EPERM
 * for RLIMIT_NOFILE past fs.nr_open; reads give what was set. */
static void test_prlimit_checks_and_reads(void **state)
{
	struct machine *m = *state;
	uint64_t old[2], lim[2] = { 2048, 1024 };

	assert_int_equal(mmsim_process_prlimit(m, "p", RLIMIT_DATA, lim, NULL), -EINVAL);
	lim[0] = 1024;
	assert_int_equal(mmsim_process_prlimit(m, "p", RLIM_NLIMITS, lim, NULL), -EINVAL);
	assert_int_equal(mmsim_process_prlimit(m, "p", 99, NULL, old), -EINVAL);
	assert_int_equal(set_limit(m, RLIMIT_NOFILE, 1024, (1 << 20) + 1), -EPERM);
	assert_int_equal(set_limit(m, RLIMIT_NOFILE, 1024, 1 << 20), 0);
	assert_int_equal(mmsim_process_prlimit(m, "p", RLIMIT_STACK, NULL, old), 0);
	assert_int_equal(old[0], 8UL << 20);
	assert_int_equal(old[1], INF);
	assert_int_equal(set_limit(m, RLIMIT_AS, 1UL << 30, INF), 0);
	assert_int_equal(mmsim_process_prlimit(m, "p", RLIMIT_AS, NULL, old), 0);
	assert_int_equal(old[0], 1UL << 30);
	/* a failed set changes nothing */
	lim[0] = 5;
	lim[1] = 4;
	assert_int_equal(mmsim_process_prlimit(m, "p", RLIMIT_AS, lim, old), -EINVAL);
	assert_int_equal(mmsim_process_prlimit(m, "p", RLIMIT_AS, NULL, old), 0);
	assert_int_equal(old[0], 1UL << 30);
	assert_int_equal(mmsim_process_prlimit(m, "nobody", RLIMIT_AS, NULL, old), -ESRCH);
}

/*
 * Raising a hard limit needs CAP_SYS_RESOURCE: root may raise what it
 * lowered, a user (uid 1000, no capabilities) may lower it and move the
 * soft limit under it, but not raise it back (EPERM, nothing changes).
 */
static void test_raising_a_hard_limit_needs_cap_sys_resource(void **state)
{
	struct machine *m = *state;
	uint64_t old[2], lim[2] = { 1UL << 30, 2UL << 30 };

	assert_int_equal(set_limit(m, RLIMIT_AS, 1UL << 30, 1UL << 30), 0);
	assert_int_equal(set_limit(m, RLIMIT_AS, 1UL << 30, INF), 0);	/* root */
	assert_int_equal(mmsim_spawn_as(m, "u", -1, 1000, NULL), 0);
	assert_int_equal(mmsim_process_prlimit(m, "u", RLIMIT_AS, lim, NULL), 0);
	lim[0] = 512UL << 20;
	assert_int_equal(mmsim_process_prlimit(m, "u", RLIMIT_AS, lim, NULL), 0);
	lim[1] = INF;
	assert_int_equal(mmsim_process_prlimit(m, "u", RLIMIT_AS, lim, NULL), -EPERM);
	assert_int_equal(mmsim_process_prlimit(m, "u", RLIMIT_AS, NULL, old), 0);
	assert_int_equal(old[0], 512UL << 20);
	assert_int_equal(old[1], 2UL << 30);
}

/* /proc/PID/limits shows what prlimit set. */
static void test_proc_limits_shows_new_values(void **state)
{
	struct machine *m = *state;
	char *text;

	assert_int_equal(set_limit(m, RLIMIT_AS, 1UL << 30, INF), 0);
	assert_int_equal(set_limit(m, RLIMIT_DATA, 65536, 131072), 0);
	text = ph_read(m, "/proc/p/limits");
	assert_non_null(strstr(text, "Max address space         1073741824           unlimited            bytes"));
	assert_non_null(strstr(text, "Max data size             65536                131072               bytes"));
	free(text);
}

/*
 * RLIMIT_AS at exactly the limit: mmap, brk and mremap each fit up to it
 * and are refused one page past it; MAP_FIXED over a mapping counts only
 * the pages it adds.
 */
static void test_rlimit_as_refuses_past_exactly_the_limit(void **state)
{
	struct machine *m = *state;
	unsigned long total = mm_of(m)->total_vm, brk0 = mm_of(m)->brk;
	uint64_t got, start_brk, brk;

	assert_int_equal(set_limit(m, RLIMIT_AS, (total + 8) * P, INF), 0);
	assert_int_equal(map(m, 0, 8 * P, RW, 0), 0);		/* exactly at the limit */
	assert_int_equal(map(m, 64 * P, P, RW, 0), -ENOMEM);
	assert_int_equal(map(m, 64 * P, P, PROT_READ, 0), -ENOMEM);	/* any mapping */
	assert_int_equal(mmsim_process_mmap(m, "p", BASE, 8 * P, PROT_READ,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, &got), 0);
	assert_int_equal(mmsim_process_mmap(m, "p", BASE, 9 * P, PROT_READ,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, &got), -ENOMEM);
	mmsim_process_brk(m, "p", brk0 + P, &brk);
	assert_int_equal(brk, brk0);				/* brk refused */
	assert_int_equal(mmsim_process_mremap(m, "p", BASE, 8 * P, 9 * P, 1, 0, &got), -ENOMEM);
	assert_int_equal(mmsim_process_munmap(m, "p", BASE + 7 * P, P), 0);
	assert_int_equal(mmsim_process_mremap(m, "p", BASE, 7 * P, 8 * P, 0, 0, &got), 0);
	assert_int_equal(mm_of(m)->total_vm, total + 8);
	assert_int_equal(mmsim_process_munmap(m, "p", BASE, 8 * P), 0);
	mmsim_process_brk(m, "p", brk0 + 8 * P, &brk);
	assert_int_equal(brk, brk0 + 8 * P);			/* the heap fits again */
	mmsim_process_brk_range(m, "p", &start_brk, &brk);
	assert_int_equal(mm_of(m)->total_vm, total + 8);
	ph_assert_valid(m);
}

/*
 * RLIMIT_DATA counts private writable mappings (data_vm): past it, mmap
 * fails with ENOMEM and Linux's warning is logged once; read-only
 * mappings are not data; mprotect to writable is refused too.
 */
static void test_rlimit_data_refuses_data_and_warns_once(void **state)
{
	struct machine *m = *state;
	unsigned long data = mm_of(m)->data_vm;
	char want[256];
	uint64_t got;

	assert_int_equal(set_limit(m, RLIMIT_DATA, (data + 4) * P, INF), 0);
	assert_int_equal(map(m, 0, 4 * P, RW, 0), 0);
	assert_int_equal(map(m, 16 * P, P, RW, 0), -ENOMEM);
	snprintf(want, sizeof(want),
		 "mmap: p (1): VmData %lu exceed data ulimit %lu. Update limits or use boot option ignore_rlimit_data.",
		 (data + 5) * P, (data + 4) * P);
	assert_int_equal(log_count(m, want), 1);
	assert_int_equal(map(m, 16 * P, 2 * P, RW, 0), -ENOMEM);
	assert_int_equal(log_count(m, "exceed data ulimit"), 1);	/* pr_warn_once */
	assert_int_equal(map(m, 16 * P, P, PROT_READ, 0), 0);	/* not data */
	assert_int_equal(map(m, 32 * P, P, RW, MAP_NORESERVE), -ENOMEM);
	assert_int_equal(mmsim_process_mprotect(m, "p", BASE + 16 * P, P, RW), -ENOMEM);
	assert_int_equal(mmsim_process_mremap(m, "p", BASE, 4 * P, 5 * P, 1, 0, &got), -ENOMEM);
	/* a soft limit of 0 lets data within the hard limit pass (Valgrind) */
	assert_int_equal(set_limit(m, RLIMIT_DATA, 0, (data + 5) * P), 0);
	assert_int_equal(map(m, 32 * P, P, RW, 0), 0);
	assert_int_equal(map(m, 48 * P, P, RW, 0), -ENOMEM);
	ph_assert_valid(m);
}

/* ignore_rlimit_data: the warning without its advice, and the mapping passes. */
static void test_ignore_rlimit_data_only_warns(void **state)
{
	struct machine *m = boot_with("mem=512M nr_cpus=2 ignore_rlimit_data");
	unsigned long data = mm_of(m)->data_vm;
	char want[256];

	assert_int_equal(set_limit(m, RLIMIT_DATA, data * P, INF), 0);
	assert_int_equal(map(m, 0, P, RW, 0), 0);
	snprintf(want, sizeof(want), "mmap: p (1): VmData %lu exceed data ulimit %lu. Update limits.\n",
		 (data + 1) * P, data * P);
	assert_int_equal(log_count(m, want), 1);
	mmsim_destroy(m);
}

/*
 * brk's check_data_rlimit: heap (from start_brk to the new break, not
 * rounded) plus the data segment (start_data..end_data) within
 * RLIMIT_DATA, checked before anything else: refused without a warning.
 */
static void test_brk_checks_the_data_rlimit_first(void **state)
{
	struct machine *m = *state;
	struct mm_struct *mm = mm_of(m);
	unsigned long seg = mm->end_data - mm->start_data, start = mm->start_brk;
	uint64_t brk;

	assert_int_equal(set_limit(m, RLIMIT_DATA, seg + 64 * 1024, INF), 0);
	mmsim_process_brk(m, "p", start + 64 * 1024 + 1, &brk);
	assert_int_equal(brk, start);
	assert_int_equal(log_count(m, "exceed data ulimit"), 0);
	assert_int_equal(set_limit(m, RLIMIT_DATA, INF, INF), 0);
	mmsim_process_brk(m, "p", start + 64 * 1024 + 1, &brk);
	assert_int_equal(brk, start + 64 * 1024 + 1);
}

/*
 * RLIMIT_STACK bounds the stack's growth (acct_stack_growth): a fault
 * may grow [stack] to exactly the limit, not a page more; a limit raised
 * later lets it grow on (the gap below the stack, mmap_base, was fixed at
 * exec); the stack guard gap of a mapping below refuses too.
 */
static void test_rlimit_stack_bounds_stack_growth(void **state)
{
	struct machine *m = *state;
	struct mm_struct *mm = mm_of(m);
	struct vm_area_struct *stack = find_vma(mm, TASK_SIZE - P);
	unsigned long end = stack->vm_end, total = mm->total_vm, c = vm_memory_committed(m);
	unsigned long grown = ((8UL << 20) - (stack->vm_end - stack->vm_start)) >> PAGE_SHIFT;
	unsigned long base = mm->mmap_base;
	struct current_save save;
	uint64_t got;

	assert_true(stack->vm_flags & VM_GROWSDOWN);
	process_enter(m, "p", &save);
	assert_int_equal(expand_downwards(m, stack, end - (8UL << 20)), 0);
	assert_int_equal(stack->vm_start, end - (8UL << 20));
	assert_int_equal(mm->total_vm - total, grown);
	assert_int_equal(vm_memory_committed(m) - c, grown);
	assert_int_equal(expand_downwards(m, stack, end - (8UL << 20) - P), -ENOMEM);
	task_leave(m, &save);
	ph_assert_valid(m);

	assert_int_equal(set_limit(m, RLIMIT_STACK, 16UL << 20, INF), 0);
	process_enter(m, "p", &save);
	assert_int_equal(expand_downwards(m, stack, end - (8UL << 20) - P), 0);
	task_leave(m, &save);
	assert_int_equal(mm->mmap_base, base);		/* only exec picks the layout */

	/* a mapping 256 pages + 1 below: the guard gap stops the stack a page short */
	assert_int_equal(mmsim_process_mmap(m, "p", end - (12UL << 20) - P, P, PROT_READ,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, &got), 0);
	process_enter(m, "p", &save);
	assert_int_equal(expand_downwards(m, stack, end - (12UL << 20) + mm->stack_guard_gap),
			 0);
	assert_int_equal(expand_downwards(m, stack,
					  end - (12UL << 20) + mm->stack_guard_gap - P), -ENOMEM);
	task_leave(m, &save);
	ph_assert_valid(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prlimit_checks_and_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raising_a_hard_limit_needs_cap_sys_resource, setup, teardown),
		cmocka_unit_test_setup_teardown(test_proc_limits_shows_new_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rlimit_as_refuses_past_exactly_the_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rlimit_data_refuses_data_and_warns_once, setup, teardown),
		cmocka_unit_test(test_ignore_rlimit_data_only_warns),
		cmocka_unit_test_setup_teardown(test_brk_checks_the_data_rlimit_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rlimit_stack_bounds_stack_growth, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
