// SPDX-License-Identifier: GPL-2.0-only
/*
 * The resource limits a process starts with (Linux's INIT_RLIMITS of
 * include/asm-generic/resource.h, completed by kernel/fork.c fork_init):
 * unlimited except RLIMIT_STACK (_STK_LIM 8 MiB soft), RLIMIT_CORE (0
 * soft), RLIMIT_NOFILE (INR_OPEN_CUR 1024 / INR_OPEN_MAX 4096),
 * RLIMIT_MEMLOCK (MLOCK_LIMIT, 8 MiB both), RLIMIT_MSGQUEUE (MQ_BYTES_MAX
 * 819200), RLIMIT_NICE and RLIMIT_RTPRIO (0), RLIMIT_NPROC and
 * RLIMIT_SIGPENDING (max_threads / 2).
 *
 * rlimit() reads the current task's limits for the code that enforces
 * them (mm/mmap.c may_expand_vm, brk, the stack); prlimit sets them
 * (kernel/sys.c).
 * Callers: kernel/process.c (spawn_process), fs/proc, mm/, kernel/sys.c.
 */
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/sched/signal.h"

#define MIN_THREADS	20
#define MAX_THREADS	0x3fffffff	/* FUTEX_TID_MASK */

static const struct rlimit init_rlimits[RLIM_NLIMITS] = {
	[RLIMIT_CPU]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK]		= { 8UL << 20, RLIM_INFINITY },		/* _STK_LIM */
	[RLIMIT_CORE]		= { 0, RLIM_INFINITY },
	[RLIMIT_RSS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC]		= { 0, 0 },				/* fork_init */
	[RLIMIT_NOFILE]		= { 1024, 4096 },			/* INR_OPEN_CUR/MAX */
	[RLIMIT_MEMLOCK]	= { 8UL << 20, 8UL << 20 },		/* MLOCK_LIMIT */
	[RLIMIT_AS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING]	= { 0, 0 },				/* fork_init */
	[RLIMIT_MSGQUEUE]	= { 819200, 819200 },			/* MQ_BYTES_MAX */
	[RLIMIT_NICE]		= { 0, 0 },
	[RLIMIT_RTPRIO]		= { 0, 0 },
	[RLIMIT_RTTIME]		= { RLIM_INFINITY, RLIM_INFINITY },
};

unsigned long max_threads(const struct machine *m)
{
	unsigned long long threads = (unsigned long long)m->totalram_pages * PAGE_SIZE /
				     (THREAD_SIZE * 8UL);

	if (threads < MIN_THREADS)
		threads = MIN_THREADS;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	return (unsigned long)threads;
}

void rlimit_init(const struct machine *m, struct task_struct *tsk)
{
	unsigned long half = max_threads(m) / 2;

	for (int i = 0; i < RLIM_NLIMITS; i++)
		tsk->signal->rlim[i] = init_rlimits[i];
	tsk->signal->rlim[RLIMIT_NPROC].rlim_cur = tsk->signal->rlim[RLIMIT_NPROC].rlim_max = half;
	tsk->signal->rlim[RLIMIT_SIGPENDING].rlim_cur = tsk->signal->rlim[RLIMIT_SIGPENDING].rlim_max = half;
}

/* The limits of the current task: a process's, or init_task's. */
static const struct rlimit *current_rlim(struct machine *m, unsigned int limit)
{
	struct task_struct *tsk = m->current;

	return tsk && tsk->signal ? &tsk->signal->rlim[limit] : &init_rlimits[limit];
}

unsigned long rlimit(struct machine *m, unsigned int limit)
{
	return current_rlim(m, limit)->rlim_cur;
}

unsigned long rlimit_max(struct machine *m, unsigned int limit)
{
	return current_rlim(m, limit)->rlim_max;
}
