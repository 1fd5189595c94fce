// SPDX-License-Identifier: GPL-2.0-only
/*
 * Process identifiers (kernel/pid.c): pid_idr_init, which sizes pid_max for
 * the CPU count and creates the "pid" cache.  The pids themselves (the IDR,
 * alloc_pid/free_pid, namespaces) come with processes in the address-space
 * issue; until then the cache is empty.
 * Caller: start_kernel_objects (kernel/fork.c).
 */
#include "linux/machine.h"
#include "linux/pid.h"
#include "linux/printk.h"
#include "linux/slab.h"

void pid_idr_init(struct machine *m)
{
	int ncpus = m->nr_cpu_ids;	/* num_possible_cpus() */
	unsigned int pid_max = max(PID_MAX_DEFAULT, PIDS_PER_CPU_DEFAULT * ncpus);
	unsigned int pid_max_min = max(RESERVED_PIDS + 1, PIDS_PER_CPU_MIN * ncpus);

	pr_info(m, "pid_max: default: %u minimum: %u", pid_max, pid_max_min);
	/* struct pid is 8-byte aligned; SLAB_HWCACHE_ALIGN gives it a line */
	m->pid_cachep = kmem_cache_create(m, "pid", PID_OBJECT_SIZE, 8,
					  SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, NULL);
}
