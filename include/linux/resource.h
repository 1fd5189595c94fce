/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Resource limits (Linux's include/uapi/linux/resource.h and
 * include/asm-generic/resource.h): the RLIMIT_* numbers, struct rlimit,
 * and the limits a new process starts with.  Linux keeps them in
 * signal_struct (shared by a thread group); mmsim's processes are single
 * threads, so each task_struct holds its own array (tsk->rlim).
 * Enforcement comes with the mechanisms they limit; read by
 * /proc/PID/limits and status's SigQ.
 */
#ifndef _LINUX_RESOURCE_H
#define _LINUX_RESOURCE_H

struct machine;
struct task_struct;

#define RLIMIT_CPU		0	/* CPU time in seconds */
#define RLIMIT_FSIZE		1	/* largest file size */
#define RLIMIT_DATA		2	/* max data size */
#define RLIMIT_STACK		3	/* max stack size */
#define RLIMIT_CORE		4	/* max core file size */
#define RLIMIT_RSS		5	/* max resident set size */
#define RLIMIT_NPROC		6	/* max number of processes */
#define RLIMIT_NOFILE		7	/* max number of open files */
#define RLIMIT_MEMLOCK		8	/* max locked-in-memory address space */
#define RLIMIT_AS		9	/* address space limit */
#define RLIMIT_LOCKS		10	/* maximum file locks held */
#define RLIMIT_SIGPENDING	11	/* max number of pending signals */
#define RLIMIT_MSGQUEUE		12	/* maximum bytes in POSIX mqueues */
#define RLIMIT_NICE		13	/* max nice prio allowed to raise to */
#define RLIMIT_RTPRIO		14	/* maximum realtime priority */
#define RLIMIT_RTTIME		15	/* timeout for RT tasks in us */
#define RLIM_NLIMITS		16

#define RLIM_INFINITY		(~0UL)

struct rlimit {
	unsigned long rlim_cur;		/* soft limit */
	unsigned long rlim_max;		/* hard limit */
};

/*
 * max_threads - fork_init's set_max_threads: the RAM's pages over eight
 * THREAD_SIZE stacks each, clamped to MIN_THREADS..MAX_THREADS.  Computed
 * from m->totalram_pages (Linux 6.18 uses memblock's estimate of free
 * pages at fork_init; docs/divergences.md).
 */
unsigned long max_threads(const struct machine *m);

/*
 * rlimit_init - give @tsk the limits init_task starts with (INIT_RLIMITS)
 * and fork_init's RLIMIT_NPROC and RLIMIT_SIGPENDING (max_threads / 2):
 * what a root shell inherits when nothing lowered them.
 */
void rlimit_init(const struct machine *m, struct task_struct *tsk);

/*
 * rlimit / rlimit_max - the soft / hard limit @limit (RLIMIT_*) of the
 * current task (Linux's rlimit(), task_rlimit(current, ...)): m->current's
 * (task_enter), or init_task's INIT_RLIMITS for the kernel actor.
 */
unsigned long rlimit(struct machine *m, unsigned int limit);
unsigned long rlimit_max(struct machine *m, unsigned int limit);

/*
 * do_prlimit - kernel/sys.c: read and/or set @tsk's limit @resource.
 * With @new_rlim, the new limits (soft <= hard; raising the hard limit
 * needs CAP_SYS_RESOURCE); with @old_rlim, the limits before.  Returns 0,
 * -EINVAL (unknown resource, soft > hard) or -EPERM (RLIMIT_NOFILE's hard
 * limit above fs.nr_open, raising a hard limit without the capability).
 * Nothing changes on failure.
 */
int do_prlimit(struct machine *m, struct task_struct *tsk, unsigned int resource,
	       const struct rlimit *new_rlim, struct rlimit *old_rlim);

#endif
