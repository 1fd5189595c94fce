// SPDX-License-Identifier: GPL-2.0-only
/*
 * Process identifiers (kernel/pid.c): pid_idr_init, which sizes pid_max for
 * the CPU count and creates the "pid" cache, and alloc_pid/put_pid, the
 * struct pid every task of a process holds.
 * Leaves out: the IDR (numbers come from m->last_pid, never reused: a run
 * does not reach pid_max), pid namespaces (one level), PIDTYPE_TGID/PGID/
 * SID links (process groups and sessions do not exist),
 * /proc/sys/kernel/pid_max (fixed at its default).
 * Callers: start_kernel_objects and copy_process (kernel/fork.c),
 * release_task (kernel/exit.c), spawn (kernel/process.c).
 */
#include <errno.h>
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

struct pid *alloc_pid(struct machine *m, int *err)
{
	struct pid *pid;

	if (m->last_pid >= pid_max(m) - 1) {	/* idr_alloc_cyclic finds no number */
		*err = -EAGAIN;
		return NULL;
	}
	pid = kmem_cache_alloc(m, m->pid_cachep, GFP_KERNEL | __GFP_ZERO);
	if (!pid) {
		*err = -ENOMEM;
		return NULL;
	}
	pid->count = 1;
	pid->nr = ++m->last_pid;
	*err = 0;
	return pid;
}

void put_pid(struct machine *m, struct pid *pid)
{
	if (pid && --pid->count == 0)
		kmem_cache_free(m, m->pid_cachep, pid);
}
