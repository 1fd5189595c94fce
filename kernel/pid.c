// SPDX-License-Identifier: GPL-2.0-only
/*
 * Process identifiers (kernel/pid.c): pid_idr_init, which sizes pid_max for
 * the CPU count and creates the "pid" cache, and alloc_pid/put_pid, the
 * struct pid every task of a process holds.
 * Numbers are given cyclically as Linux's idr_alloc_cyclic gives them:
 * a bitmap of the numbers in use stands for the IDR (whose radix-tree
 * nodes Linux takes from its own cache: not modelled, host memory here).
 * Leaves out: pid namespaces (one level), PIDTYPE_TGID/PGID/
 * SID links (process groups and sessions do not exist),
 * /proc/sys/kernel/pid_max (fixed at its default).
 * Callers: start_kernel_objects and copy_process (kernel/fork.c),
 * release_task (kernel/exit.c), spawn (kernel/process.c).
 */
#include <errno.h>
#include <stdlib.h>
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/pid.h"
#include "linux/printk.h"
#include "linux/slab.h"

_Static_assert(sizeof(struct pid) <= PID_OBJECT_SIZE, "struct pid must fit the pid cache's objects");

int pid_max(const struct machine *m)
{
	int ncpus = m->nr_cpu_ids;	/* num_possible_cpus() */

	return max(PID_MAX_DEFAULT, PIDS_PER_CPU_DEFAULT * ncpus);
}

void pid_idr_init(struct machine *m)
{
	int ncpus = m->nr_cpu_ids;
	unsigned int pid_max_min = max(RESERVED_PIDS + 1, PIDS_PER_CPU_MIN * ncpus);

	pr_info(m, "pid_max: default: %u minimum: %u", (unsigned int)pid_max(m), pid_max_min);
	/* struct pid is 8-byte aligned; SLAB_HWCACHE_ALIGN gives it a line */
	m->pid_cachep = kmem_cache_create(m, "pid", PID_OBJECT_SIZE, 8,
					  SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, NULL);
}

#define PID_MAP_BITS	(8 * sizeof(unsigned long))

static bool pid_in_use(const struct machine *m, int nr)
{
	return m->pid_map[nr / PID_MAP_BITS] & (1UL << (nr % PID_MAP_BITS));
}

/* The first free number in [@from, @to), or 0. */
static int pid_find_free(const struct machine *m, int from, int to)
{
	for (int nr = from; nr < to; nr++)
		if (!pid_in_use(m, nr))
			return nr;
	return 0;
}

/* idr_alloc_cyclic(pid_min, pid_max) from the cursor m->last_pid + 1. */
static int pid_next_free(const struct machine *m)
{
	int pid_min = m->last_pid + 1 > RESERVED_PIDS ? RESERVED_PIDS : 1;
	int cursor = max(m->last_pid + 1, pid_min), nr;

	nr = pid_find_free(m, cursor, pid_max(m));
	return nr ? nr : pid_find_free(m, pid_min, cursor);
}

bool pid_numbers_exhausted(const struct machine *m)
{
	return m->pid_map && !pid_next_free(m);
}

struct pid *alloc_pid(struct machine *m, int *err)
{
	struct pid *pid;
	int nr;

	if (!m->pid_map)
		m->pid_map = calloc((size_t)pid_max(m) / PID_MAP_BITS + 1, sizeof(unsigned long));
	if (!m->pid_map) {
		*err = -ENOMEM;
		return NULL;
	}
	nr = pid_next_free(m);
	if (!nr) {				/* idr_alloc_cyclic: -ENOSPC */
		*err = -EAGAIN;
		return NULL;
	}
	pid = kmem_cache_alloc(m, m->pid_cachep, GFP_KERNEL | __GFP_ZERO);
	if (!pid) {
		*err = -ENOMEM;
		return NULL;
	}
	pid->count = 1;
	pid->nr = nr;
	m->pid_map[nr / PID_MAP_BITS] |= 1UL << (nr % PID_MAP_BITS);
	m->nr_pids++;
	m->last_pid = nr;			/* the IDR's cursor */
	*err = 0;
	return pid;
}

void put_pid(struct machine *m, struct pid *pid)
{
	if (!pid || --pid->count)
		return;
	m->pid_map[pid->nr / PID_MAP_BITS] &= ~(1UL << (pid->nr % PID_MAP_BITS));	/* free_pid */
	m->nr_pids--;
	kmem_cache_free(m, m->pid_cachep, pid);
}

void pid_idr_release(struct machine *m)
{
	free(m->pid_map);
	m->pid_map = NULL;
}
