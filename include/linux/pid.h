/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Process identifiers (kernel/pid.c): the "pid" cache and struct pid, one
 * per task (copy_process's alloc_pid), freed when the task is released
 * (a zombie keeps its pid until it is reaped).
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

struct machine;
struct task_struct;

/*
 * Linux 6.18's struct pid with one level of upid (struct_size(struct pid,
 * numbers, 1)), /sys/kernel/slab/pid/object_size; mmsim's struct pid,
 * when it exists, must fit (static_assert next to it).
 */
#define PID_OBJECT_SIZE		184

#define PID_MAX_DEFAULT		0x8000		/* 32768 */
#define PIDS_PER_CPU_DEFAULT	1024
#define PIDS_PER_CPU_MIN	8
#define RESERVED_PIDS		300

/* One pid (Linux's struct pid with one upid: no namespaces). */
struct pid {
	int count;			/* references (Linux: refcount_t) */
	int nr;				/* the number, 1 .. pid_max - 1 */
	struct task_struct *task;	/* the thread it names (PIDTYPE_PID) */
};

/* pid_max - kernel.pid_max's value for the machine (pid_idr_init's). */
int pid_max(const struct machine *m);

/*
 * alloc_pid - a struct pid from the pid cache with the next free number,
 * cyclically as idr_alloc_cyclic: after the last one given, up to
 * pid_max - 1, then wrapping to RESERVED_PIDS (300) once the numbers
 * have passed it.  mmsim boots no init, so the first is 1, then 2, 3 ...
 * Returns the pid (count 1), or NULL with *@err = -EAGAIN (every number
 * in use) or -ENOMEM (slab failure or no host memory for the map).
 * put_pid drops a reference; at 0 the number is free again and the object
 * goes back to its cache.
 */
struct pid *alloc_pid(struct machine *m, int *err);
void put_pid(struct machine *m, struct pid *pid);

/* pid_numbers_exhausted - would alloc_pid find no free number? */
bool pid_numbers_exhausted(const struct machine *m);

/* pid_idr_release - free the pid number map (host memory).  Teardown. */
void pid_idr_release(struct machine *m);

/*
 * pid_idr_init - create the pid cache and log pid_max's default and
 * minimum for the machine's CPU count, as Linux does.  Boot only.
 */
void pid_idr_init(struct machine *m);

#endif
