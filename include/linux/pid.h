/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Process identifiers (kernel/pid.c): the "pid" cache of struct pid.  This
 * issue creates the cache; the address-space issue allocates a struct pid
 * per process from it (alloc_pid) and gives /proc/sys/kernel/pid_max.
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

struct machine;

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

/*
 * pid_idr_init - create the pid cache and log pid_max's default and
 * minimum for the machine's CPU count, as Linux does.  Boot only.
 */
void pid_idr_init(struct machine *m);

#endif
