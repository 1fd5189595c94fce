// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where a task may run: its cpus_mask (Linux's p->cpus_mask), set with
 * sched_setaffinity (kernel/sched/core.c) and by a thread created with a
 * CPU (`NAME: clone CHILD cpu=N`, what glibc's pthread_create does for
 * pthread_attr_setaffinity_np: clone, then sched_setaffinity of the new
 * tid before it runs).
 *
 * Moving a task is the migration and the two context switches it causes:
 * the task's CPU becomes the destination, which loads the task's mm
 * (switch_mm_irqs_off: the CPU joins mm_cpumask, so flushes of the mm
 * reach it from then on); the CPU it left, if it ran this mm and no other
 * live thread of the mm stays there, goes idle and keeps the mm lazily
 * (enter_lazy_tlb), as Linux's idle task does.  A lazy CPU gets no IPI
 * for a plain flush, only for one that freed page tables
 * (arch/x86/mm/tlb.c native_flush_tlb_multi).
 *
 * The destination, when the task's CPU leaves its mask, is Linux's
 * cpumask_any_and_distribute pick: the first allowed CPU after the last
 * one picked on the CPU making the call (m->distribute_cpu_mask_prev,
 * Linux's per-CPU distribute_cpu_mask_prev, 0 at boot), wrapping round;
 * a call that changes the mask picks (and so advances the rotation) even
 * when the task stays where it is, as __set_cpus_allowed_ptr_locked does;
 * an unchanged mask returns at once.
 *
 * Leaves out: cpusets (every CPU is allowed), CAP_SYS_NICE checks on
 * another user's task (a task only sets its own affinity here),
 * user_cpus_ptr, CPU hotplug (every CPU is active: cpu_valid_mask is all
 * of them) and the other users of distribute_cpu_mask_prev (the RT and
 * deadline push paths, not modelled) (docs/divergences.md).
 * Callers: kernel/fork.c (alloc_task), kernel/exit.c (exit_mm, the
 * validator), the front end through include/mmsim.h, tests.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "asm/tlbflush.h"
#include "linux/machine.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

_Static_assert(TASK_CPUMASK_LONGS * 64 == NR_CPUS, "cpus_mask holds NR_CPUS bits");

void task_cpus_setall(struct machine *m, struct task_struct *tsk)
{
	memset(tsk->cpus_mask, 0, sizeof(tsk->cpus_mask));
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		tsk->cpus_mask[cpu / 64] |= 1ULL << (cpu % 64);
}

bool mm_has_thread_on(struct machine *m, const struct task_struct *tsk,
		      const struct mm_struct *mm, int cpu)
{
	struct task_struct *t;

	list_for_each_entry(t, &m->tasks, tasks)
		if (t != tsk && t->thread_pid && t->mm == mm && !t->exit_state && t->cpu == cpu)
			return true;
	return false;
}

/* migration_cpu_stop + schedule on both CPUs: @tsk now runs on @dest. */
static void move_task(struct machine *m, struct task_struct *tsk, int dest)
{
	int old = tsk->cpu;
	struct cpu_tlb *t = tlb_cpu(m, old);

	if (old == dest)
		return;
	tsk->cpu = dest;
	if (tsk->mm && t && t->loaded_mm == tsk->mm && !mm_has_thread_on(m, tsk, tsk->mm, old))
		enter_lazy_tlb(m, old);		/* the old CPU idles, the mm kept lazily */
	if (tsk->mm)
		switch_mm_irqs_off(m, dest, tsk->mm);	/* context_switch on @dest */
}

/*
 * cpumask_any_and_distribute(cpu_valid_mask, @mask) run on the current
 * CPU: the first CPU of @mask at or after its last pick + 1, else the
 * first below that (find_next_and_bit_wrap); a CPU found becomes the new
 * last pick.  nr_cpu_ids when @mask holds no CPU of the machine.
 */
static int cpumask_any_and_distribute(struct machine *m, const uint64_t *mask)
{
	int *prev = &m->distribute_cpu_mask_prev[m->current_cpu];
	int n = m->nr_cpu_ids;

	for (int i = 1; i <= n; i++) {
		int cpu = (*prev + i) % n;	/* prev+1 .. n-1, then 0 .. prev */

		if (cpumask_test_cpu(cpu, mask)) {
			*prev = cpu;
			return cpu;
		}
	}
	return n;
}

int sched_setaffinity(struct machine *m, struct task_struct *tsk, const uint64_t *mask,
		      size_t nbits)
{
	uint64_t new_mask[TASK_CPUMASK_LONGS] = { 0 };
	int dest;

	/* cpumask_and with the possible CPUs: bits past nr_cpu_ids are dropped */
	for (int cpu = 0; cpu < m->nr_cpu_ids && (size_t)cpu < nbits; cpu++)
		if (cpumask_test_cpu(cpu, mask))
			new_mask[cpu / 64] |= 1ULL << (cpu % 64);
	/* __set_cpus_allowed_ptr_locked: an unchanged mask is done */
	if (!memcmp(tsk->cpus_mask, new_mask, sizeof(new_mask)))
		return 0;
	dest = cpumask_any_and_distribute(m, new_mask);
	if (dest >= m->nr_cpu_ids)	/* no valid CPU */
		return -EINVAL;
	memcpy(tsk->cpus_mask, new_mask, sizeof(new_mask));
	if (!cpumask_test_cpu(tsk->cpu, new_mask))	/* affine_move_task */
		move_task(m, tsk, dest);
	return 0;
}

int validate_task_cpu(struct machine *m, const struct task_struct *tsk, char *err, size_t len)
{
	if (tsk->exit_state)
		return 0;
	if (tsk->cpu < 0 || tsk->cpu >= m->nr_cpu_ids || !cpumask_test_cpu(tsk->cpu, tsk->cpus_mask)) {
		snprintf(err, len, "task %d (%s): runs on CPU %d, outside its cpus_mask", tsk->pid,
			 tsk->comm, tsk->cpu);
		return -EUCLEAN;
	}
	return 0;
}

int validate_distribute_cpu_mask_prev(struct machine *m, char *err, size_t len)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		int prev = m->distribute_cpu_mask_prev[cpu];

		if (prev < 0 || prev >= m->nr_cpu_ids) {
			snprintf(err, len, "CPU %d: distribute_cpu_mask_prev %d is no CPU of the machine",
				 cpu, prev);
			return -EUCLEAN;
		}
	}
	return 0;
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_sched_setaffinity(struct machine *m, const char *name, const uint64_t *mask,
			    size_t nbits)
{
	struct task_struct *tsk = find_process(m, name);
	struct current_save save;
	int ret;

	if (!tsk)
		return -ESRCH;
	task_enter(m, tsk, &save);		/* the task calls it for itself (pid 0) */
	ret = sched_setaffinity(m, tsk, mask, nbits);
	task_leave(m, &save);
	return ret;
}

int mmsim_process_clone_on(struct machine *m, const char *name, const char *child, int kind,
			   int cpu, int *pid)
{
	uint64_t mask[TASK_CPUMASK_LONGS] = { 0 };
	struct current_save save;
	int ret;

	if (cpu >= m->nr_cpu_ids)
		return -EINVAL;		/* checked before the clone, as the CLI does */
	ret = mmsim_process_clone(m, name, child, kind, pid);
	if (ret || cpu < 0)
		return ret;
	mask[cpu / 64] = 1ULL << (cpu % 64);
	task_enter(m, find_process(m, name), &save);	/* the creator makes the call */
	ret = sched_setaffinity(m, find_process(m, child), mask, NR_CPUS);
	task_leave(m, &save);
	return ret;
}
