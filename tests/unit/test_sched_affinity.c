// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/sched_affinity.c: sched_setaffinity's checks (EINVAL for an
 * empty mask or one without a CPU of the machine, bits past nr_cpu_ids
 * dropped), the destination's rotation (cpumask_any_and_distribute, per
 * calling CPU), the move to an allowed CPU (which loads the mm there and
 * leaves the old CPU lazy), clone on a CPU, a thread's exit that leaves
 * another thread of the mm on its CPU (no lazy TLB), and the validator.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include "proc_helpers.h"
#include "asm/tlbflush.h"
#include "linux/machine.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

static void mask_of(uint64_t *mask, int cpu)
{
	memset(mask, 0, 4 * sizeof(*mask));
	mask[cpu / 64] |= 1ULL << (cpu % 64);
}

static void empty_or_absent_cpus_are_einval(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	uint64_t mask[4] = { 0 };
	int pid;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "db", &pid), 0);
	assert_int_equal(mmsim_sched_setaffinity(m, "db", mask, 256), -EINVAL);
	mask_of(mask, 2);	/* CPU 2 of a 2-CPU machine */
	assert_int_equal(mmsim_sched_setaffinity(m, "db", mask, 256), -EINVAL);
	assert_int_equal(find_process(m, "db")->cpus_mask[0], 3);	/* unchanged */
	mask[0] |= 1;		/* 0 and 2: 2 is dropped */
	assert_int_equal(mmsim_sched_setaffinity(m, "db", mask, 256), 0);
	assert_int_equal(find_process(m, "db")->cpus_mask[0], 1);
	assert_int_equal(mmsim_sched_setaffinity(m, "nobody", mask, 256), -ESRCH);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * db on CPU 0 moves to CPU 1: CPU 1 loads the mm and joins mm_cpumask;
 * CPU 0, where no other thread of the mm runs, goes lazy.
 */
static void move_loads_the_mm_and_leaves_the_old_cpu_lazy(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	struct task_struct *db;
	uint64_t mask[4];
	uint64_t addr;
	int pid;

	(void)state;
	assert_int_equal(mmsim_spawn_as(m, "db", 0, -1, &pid), 0);
	assert_int_equal(mmsim_process_mmap(m, "db", 0, 4096, 3, 0x22, &addr), 0);
	db = find_process(m, "db");
	assert_ptr_equal(tlb_cpu(m, 0)->loaded_mm, db->mm);
	mask_of(mask, 1);
	assert_int_equal(mmsim_sched_setaffinity(m, "db", mask, 256), 0);
	assert_int_equal(db->cpu, 1);
	assert_ptr_equal(tlb_cpu(m, 1)->loaded_mm, db->mm);
	assert_false(tlb_cpu(m, 1)->is_lazy);
	assert_true(mm_cpumask_test(db->mm, 1));
	assert_true(tlb_cpu(m, 0)->is_lazy);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mask_of_list(uint64_t *mask, const int *cpus, int n)
{
	memset(mask, 0, 4 * sizeof(*mask));
	for (int i = 0; i < n; i++)
		mask[cpus[i] / 64] |= 1ULL << (cpus[i] % 64);
}

/*
 * cpumask_any_and_distribute: four tasks on CPU 0 each restrict
 * themselves to CPUs 1-3; the calls all run on CPU 0, whose last pick
 * rotates, so the tasks spread instead of piling on CPU 1:
 *
 *   CPU 0 runs t0 t1 t2 t3      CPU 0's last pick 0 (boot)
 *   t0: sched_setaffinity 1-3   -> CPU 1   (last pick 1)
 *   t1: sched_setaffinity 1-3   -> CPU 2   (last pick 2)
 *   t2: sched_setaffinity 1-3   -> CPU 3   (last pick 3)
 *   t3: sched_setaffinity 1-3   -> CPU 1   (wrapped; last pick 1)
 */
static void moved_tasks_rotate_over_the_allowed_cpus(void **state)
{
	static const char *const names[4] = { "t0", "t1", "t2", "t3" };
	static const int want[4] = { 1, 2, 3, 1 };
	static const int cpus[3] = { 1, 2, 3 };
	struct machine *m = ph_boot("mem=512M nr_cpus=4");
	uint64_t mask[4];
	int pid;

	(void)state;
	mask_of_list(mask, cpus, 3);
	for (int i = 0; i < 4; i++)
		assert_int_equal(mmsim_spawn_as(m, names[i], 0, -1, &pid), 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(mmsim_sched_setaffinity(m, names[i], mask, 256), 0);
		assert_int_equal(find_process(m, names[i])->cpu, want[i]);
	}
	assert_int_equal(m->distribute_cpu_mask_prev[0], 1);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * The rotation's state is the calling CPU's and starts at 0, so the first
 * pick on a CPU skips CPU 0; a call that changes the mask picks even when
 * the task stays (its CPU is in the new mask), and an unchanged mask does
 * not pick at all:
 *
 *   a on CPU 1: {0,2,3}   -> CPU 2 (not the lowest, 0)   CPU 1's last: 2
 *   b on CPU 1: {1,2}     stays on 1, pick wraps to 1     CPU 1's last: 1
 *   c on CPU 1: {0,2,3}   -> CPU 2 (after 1; 3 without b's pick)
 *   c on CPU 2: {0,2,3}   unchanged: no pick              CPU 2's last: 0
 */
static void the_pick_is_per_cpu_and_made_for_every_changed_mask(void **state)
{
	static const int spread[3] = { 0, 2, 3 }, pair[2] = { 1, 2 };
	struct machine *m = ph_boot("mem=512M nr_cpus=4");
	uint64_t mask[4];
	int pid;

	(void)state;
	assert_int_equal(mmsim_spawn_as(m, "a", 1, -1, &pid), 0);
	assert_int_equal(mmsim_spawn_as(m, "b", 1, -1, &pid), 0);
	assert_int_equal(mmsim_spawn_as(m, "c", 1, -1, &pid), 0);
	mask_of_list(mask, spread, 3);
	assert_int_equal(mmsim_sched_setaffinity(m, "a", mask, 256), 0);
	assert_int_equal(find_process(m, "a")->cpu, 2);
	mask_of_list(mask, pair, 2);
	assert_int_equal(mmsim_sched_setaffinity(m, "b", mask, 256), 0);
	assert_int_equal(find_process(m, "b")->cpu, 1);
	assert_int_equal(m->distribute_cpu_mask_prev[1], 1);
	mask_of_list(mask, spread, 3);
	assert_int_equal(mmsim_sched_setaffinity(m, "c", mask, 256), 0);
	assert_int_equal(find_process(m, "c")->cpu, 2);
	assert_int_equal(mmsim_sched_setaffinity(m, "c", mask, 256), 0);
	assert_int_equal(m->distribute_cpu_mask_prev[2], 0);
	assert_int_equal(find_process(m, "c")->cpu, 2);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* A thread made on CPU 1 runs there; its leader's CPU 0 stays busy. */
static void clone_on_a_cpu_pins_the_thread(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	struct task_struct *w;
	int pid, tid;

	(void)state;
	assert_int_equal(mmsim_spawn_as(m, "db", 0, -1, &pid), 0);
	assert_int_equal(mmsim_process_clone_on(m, "db", "w", MMSIM_CLONE_THREAD, 2, &tid),
			 -EINVAL);
	assert_int_equal(mmsim_task_lookup(m, "w", &(struct mmsim_process){ 0 }), -ESRCH);
	assert_int_equal(mmsim_process_clone_on(m, "db", "w", MMSIM_CLONE_THREAD, 1, &tid), 0);
	w = find_process(m, "w");
	assert_int_equal(w->cpu, 1);
	assert_int_equal(w->cpus_mask[0], 2);
	assert_ptr_equal(tlb_cpu(m, 1)->loaded_mm, w->mm);
	assert_true(mm_cpumask_test(w->mm, 0) && mm_cpumask_test(w->mm, 1));
	assert_false(tlb_cpu(m, 0)->is_lazy);
	/* a fork inherits the mask */
	assert_int_equal(mmsim_process_clone(m, "w", "child", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(find_process(m, "child")->cpus_mask[0], 2);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * Two threads of db on CPU 1: when one exits the other still runs the mm
 * there (no lazy TLB), so a flush from CPU 0 interrupts CPU 1; when the
 * last one exits CPU 1 goes lazy and a plain flush skips it.
 */
static void exit_leaves_the_cpu_busy_while_a_thread_stays(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	struct mmsim_access_result r;
	uint64_t addr, irqs;
	int pid, tid;

	(void)state;
	assert_int_equal(mmsim_spawn_as(m, "db", 0, -1, &pid), 0);
	assert_int_equal(mmsim_process_mmap(m, "db", 0, 16 * 4096, 3, 0x22, &addr), 0);
	assert_int_equal(mmsim_process_access(m, "db", addr, 16 * 4096, 1, &r), 0);
	assert_int_equal(mmsim_process_clone_on(m, "db", "w1", MMSIM_CLONE_THREAD, 1, &tid), 0);
	assert_int_equal(mmsim_process_clone_on(m, "db", "w2", MMSIM_CLONE_THREAD, 1, &tid), 0);
	assert_int_equal(mmsim_process_exit_code(m, "w1", 0, 1), 0);
	assert_false(tlb_cpu(m, 1)->is_lazy);
	irqs = tlb_cpu(m, 1)->st.irq_tlb_count;
	assert_int_equal(mmsim_process_mprotect(m, "db", addr, 4096, 1), 0);
	assert_int_equal(tlb_cpu(m, 1)->st.irq_tlb_count, irqs + 1);
	assert_int_equal(mmsim_process_exit_code(m, "w2", 0, 1), 0);
	assert_true(tlb_cpu(m, 1)->is_lazy);
	assert_int_equal(mmsim_process_mprotect(m, "db", addr + 4096, 4096, 1), 0);
	assert_int_equal(tlb_cpu(m, 1)->st.irq_tlb_count, irqs + 1);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* The validator: a task off its cpus_mask, a last pick past nr_cpu_ids. */
static void validator_catches_a_bad_cpu_or_distribute_pick(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	char err[256];
	int pid;

	(void)state;
	assert_int_equal(mmsim_spawn_as(m, "db", 0, -1, &pid), 0);
	find_process(m, "db")->cpus_mask[0] = 2;	/* CPU 1 only, yet on 0 */
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "outside its cpus_mask"));
	find_process(m, "db")->cpus_mask[0] = 3;
	m->distribute_cpu_mask_prev[0] = 2;		/* no CPU 2 here */
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "distribute_cpu_mask_prev 2"));
	m->distribute_cpu_mask_prev[0] = 1;
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

/*
 * Every CPU's distribute_cpu_mask_prev is a CPU of the machine, as Linux's
 * per-CPU variable always is: on a CPU no process runs on too (it was
 * checked only for the CPUs of live processes).
 */
static void validator_checks_the_pick_of_a_cpu_no_process_runs_on(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=4");
	struct task_struct *t;
	char err[256];
	int pid;

	(void)state;
	assert_int_equal(mmsim_spawn_as(m, "db", 0, -1, &pid), 0);
	list_for_each_entry(t, &m->tasks, tasks)	/* CPU 3 runs its idle task only */
		if (t->thread_pid)
			assert_int_not_equal(t->cpu, 3);
	ph_assert_valid(m);
	m->distribute_cpu_mask_prev[3] = 4;		/* no CPU 4 here */
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "CPU 3: distribute_cpu_mask_prev 4 is no CPU of the machine"));
	m->distribute_cpu_mask_prev[3] = -1;
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "CPU 3: distribute_cpu_mask_prev -1"));
	m->distribute_cpu_mask_prev[3] = 3;
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_or_absent_cpus_are_einval),
		cmocka_unit_test(move_loads_the_mm_and_leaves_the_old_cpu_lazy),
		cmocka_unit_test(moved_tasks_rotate_over_the_allowed_cpus),
		cmocka_unit_test(the_pick_is_per_cpu_and_made_for_every_changed_mask),
		cmocka_unit_test(clone_on_a_cpu_pins_the_thread),
		cmocka_unit_test(exit_leaves_the_cpu_busy_while_a_thread_stays),
		cmocka_unit_test(validator_catches_a_bad_cpu_or_distribute_pick),
		cmocka_unit_test(validator_checks_the_pick_of_a_cpu_no_process_runs_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
