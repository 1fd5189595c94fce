// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tasks and the caches processes are made of (kernel/fork.c).
 *
 * At boot, in start_kernel's order: the mm_struct cache (mm_cache_init),
 * the task_struct cache (fork_init), sighand_cache, signal_cache,
 * files_cache and fs_cache (proc_caches_init, which also has mmap_init make
 * vm_area_struct), each with Linux 6.18's object size, alignment and flags;
 * pid, cred, anon_vma and the VFS caches are made by their own files, called
 * from here in Linux's order.  Then the tasks a machine has before any
 * other thread: init_task, CPU 0's idle task - static in Linux's image, so
 * host memory here, its stack in the image and not in KernelStack - and one
 * idle task per other CPU from fork_idle, each a task_struct from its cache
 * and a THREAD_SIZE vmalloc'd stack: KernelStack is 16 kB per CPU but one
 * after boot, as on Linux before kthreadd starts.
 *
 * Leaves out: copy_process and everything a process holds besides its
 * task_struct and stack (cred, signal, sighand, files, fs, mm: the
 * address-space issue allocates them from these caches), the kernel
 * threads Linux starts next (kthreadd, ksoftirqd, kworkers...: with the
 * scheduler), pids, max_threads, the per-CPU cache of two freed stacks.
 * docs/divergences.md lists these.
 * Callers: start_kernel (kernel/boot.c), mmsim_destroy, the address-space
 * issue's fork.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/cred.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/pid.h"
#include "linux/printk.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/sched/task_stack.h"
#include "linux/slab.h"
#include "../mm/vma.h"

_Static_assert(sizeof(struct task_struct) <= TASK_STRUCT_OBJECT_SIZE,
	       "struct task_struct must fit Linux's task_struct object");

#define L1_CACHE_BYTES	64	/* fork_init's alignment: max(L1_CACHE_BYTES, ARCH_MIN_TASKALIGN) */

/*
 * mm_struct, task_struct and names_cache-like caches are created by Linux
 * with kmem_cache_create_usercopy, whose whitelist makes them unmergeable.
 * mmsim has no usercopy region: SLAB_NO_MERGE has the same effect.
 */
#define USERCOPY_NO_MERGE	SLAB_NO_MERGE

void mm_cache_init(struct machine *m)
{
	m->mm_cachep = kmem_cache_create(m, "mm_struct", MM_STRUCT_OBJECT_SIZE, 0,
					 SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT |
					 USERCOPY_NO_MERGE, NULL);
}

void fork_init(struct machine *m)
{
	m->task_struct_cachep = kmem_cache_create(m, "task_struct", TASK_STRUCT_OBJECT_SIZE,
						  L1_CACHE_BYTES,
						  SLAB_PANIC | SLAB_ACCOUNT | USERCOPY_NO_MERGE,
						  NULL);
}

/*
 * Linux's sighand_ctor initialises the siglock and the signalfd wait queue
 * once per object; with no struct sighand_struct yet, a zeroed object is
 * that state.
 */
static void sighand_ctor(void *data)
{
	memset(data, 0, SIGHAND_STRUCT_OBJECT_SIZE);
}

void proc_caches_init(struct machine *m)
{
	m->sighand_cachep = kmem_cache_create(m, "sighand_cache", SIGHAND_STRUCT_OBJECT_SIZE, 0,
					      SLAB_HWCACHE_ALIGN | SLAB_PANIC |
					      SLAB_TYPESAFE_BY_RCU | SLAB_ACCOUNT, sighand_ctor);
	m->signal_cachep = kmem_cache_create(m, "signal_cache", SIGNAL_STRUCT_OBJECT_SIZE, 0,
					     SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, NULL);
	m->files_cachep = kmem_cache_create(m, "files_cache", FILES_STRUCT_OBJECT_SIZE, 0,
					    SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, NULL);
	m->fs_cachep = kmem_cache_create(m, "fs_cache", FS_STRUCT_OBJECT_SIZE, 0,
					 SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, NULL);
	vma_state_init(m);	/* mmap_init */
}

struct task_struct *alloc_task(struct machine *m, const char *comm, unsigned int flags,
			       int node)
{
	struct task_struct *tsk;

	tsk = kmem_cache_alloc_node(m, m->task_struct_cachep, GFP_KERNEL, node);
	if (!tsk)
		return NULL;
	memset(tsk, 0, sizeof(*tsk));
	tsk->flags = flags;
	snprintf(tsk->comm, sizeof(tsk->comm), "%s", comm);
	if (alloc_thread_stack_node(m, tsk, node)) {
		kmem_cache_free(m, m->task_struct_cachep, tsk);
		return NULL;
	}
	list_add_tail(&tsk->tasks, &m->tasks);
	return tsk;
}

void free_task(struct machine *m, struct task_struct *tsk)
{
	list_del(&tsk->tasks);
	free_thread_stack(m, tsk);
	kmem_cache_free(m, m->task_struct_cachep, tsk);
}

struct task_struct *fork_idle(struct machine *m, int cpu)
{
	char comm[TASK_COMM_LEN];
	struct task_struct *tsk;

	snprintf(comm, sizeof(comm), "swapper/%d", cpu);	/* init_idle's name */
	tsk = alloc_task(m, comm, PF_IDLE | PF_KTHREAD, m->cpu_to_node[cpu]);
	if (tsk)
		tsk->cpu = cpu;
	return tsk;
}

/* init_task: CPU 0's idle task, as sched_init's init_idle(current, 0) leaves it. */
static int init_task_init(struct machine *m)
{
	struct task_struct *t = calloc(1, sizeof(*t));

	if (!t)
		return -ENOMEM;
	snprintf(t->comm, sizeof(t->comm), "swapper/0");
	t->flags = PF_IDLE | PF_KTHREAD;
	/* its stack, init_stack, is in the image's data: no bytes, no VA here */
	m->init_task = t;
	m->idle_tasks[0] = t;
	return 0;
}

/* smp_init's idle_threads_init: an idle task for each CPU but the boot one. */
static void idle_threads_init(struct machine *m)
{
	for (int cpu = 1; cpu < m->nr_cpu_ids; cpu++) {
		m->idle_tasks[cpu] = fork_idle(m, cpu);
		if (!m->idle_tasks[cpu])
			pr_err(m, "SMP: fork_idle() failed for CPU %d", cpu);
	}
}

void start_kernel_objects(struct machine *m)
{
	INIT_LIST_HEAD(&m->tasks);
	if (init_task_init(m))
		pr_emerg(m, "Kernel panic - not syncing: out of host memory for init_task");
	mm_cache_init(m);	/* end of mm_core_init */
	pid_idr_init(m);
	anon_vma_init(m);
	cred_init(m);
	fork_init(m);
	proc_caches_init(m);
	vfs_caches_init(m);
	idle_threads_init(m);	/* kernel_init -> smp_init */
}

void fork_release(struct machine *m)
{
	free(m->init_task);
	m->init_task = NULL;
	m->idle_tasks[0] = NULL;
}
