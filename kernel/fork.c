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
 * Then copy_process, the heart of fork, vfork and clone (kernel_clone):
 * a task_struct and stack (dup_task_struct), then in Linux's order the
 * cred (copy_creds), descriptors (copy_files), fs_struct (copy_fs),
 * sighand_struct (copy_sighand), signal_struct (copy_signal) and mm
 * (copy_mm: shared with CLONE_VM, else dup_mm: a new mm_struct and PGD
 * and dup_mmap's copy of every VMA), then a struct pid (alloc_pid); each
 * shared with the parent or copied as the CLONE_* flags say, and undone in
 * reverse when a step fails.
 *
 * Leaves out: the kernel threads Linux starts next (kthreadd, ksoftirqd,
 * kworkers...: with the scheduler), the max_threads check (kernel.
 * threads-max), namespaces, io contexts, seccomp, ptrace, cgroups, the
 * scheduler's fork hooks; docs/divergences.md lists these.
 * Callers: start_kernel (kernel/boot.c), mmsim_destroy, kernel/process.c
 * (fork, vfork, clone).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/cred.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/fs_struct.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/pgtable.h"
#include "linux/mm.h"
#include "linux/pid.h"
#include "linux/printk.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"
#include "linux/sched/task_stack.h"
#include "linux/slab.h"
#include "linux/mmsim_access.h"
#include "../mm/vma.h"

_Static_assert(sizeof(struct task_struct) <= TASK_STRUCT_OBJECT_SIZE,
	       "struct task_struct must fit Linux's task_struct object");
_Static_assert(sizeof(struct signal_struct) <= SIGNAL_STRUCT_OBJECT_SIZE,
	       "struct signal_struct must fit Linux's signal_cache object");
_Static_assert(sizeof(struct sighand_struct) <= SIGHAND_STRUCT_OBJECT_SIZE,
	       "struct sighand_struct must fit Linux's sighand_cache object");
_Static_assert(sizeof(struct fs_struct) <= FS_STRUCT_OBJECT_SIZE,
	       "struct fs_struct must fit Linux's fs_cache object");

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
	INIT_LIST_HEAD(&tsk->children);
	INIT_LIST_HEAD(&tsk->sibling);
	INIT_LIST_HEAD(&tsk->thread_node);
	tsk->group_leader = tsk;
	tsk->__state = TASK_INTERRUPTIBLE;
	task_cpus_setall(m, tsk);	/* every CPU, as init_task's */
	list_add_tail(&tsk->tasks, &m->tasks);
	return tsk;
}

void free_task(struct machine *m, struct task_struct *tsk)
{
	list_del(&tsk->tasks);
	if (tsk->stack_vm_area)		/* a zombie's went at its last schedule */
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

/* ---- copy_process: fork, vfork and clone ---- */

/* copy_fs: share the fs_struct (CLONE_FS) or copy the umask into a new one. */
static int copy_fs(struct machine *m, unsigned long clone_flags, struct task_struct *p)
{
	struct fs_struct *fs;

	if (!p->fs)
		return 0;
	if (clone_flags & CLONE_FS) {
		p->fs->users++;
		return 0;
	}
	fs = kmem_cache_alloc(m, m->fs_cachep, GFP_KERNEL);
	if (!fs)
		return -ENOMEM;
	fs->users = 1;
	fs->umask = p->fs->umask;
	p->fs = fs;
	return 0;
}

void exit_fs(struct machine *m, struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	tsk->fs = NULL;
	if (fs && --fs->users == 0)
		kmem_cache_free(m, m->fs_cachep, fs);
}

struct fs_struct *alloc_fs_struct(struct machine *m, int umask)
{
	struct fs_struct *fs = kmem_cache_alloc(m, m->fs_cachep, GFP_KERNEL);

	if (fs) {
		fs->users = 1;
		fs->umask = umask;
	}
	return fs;
}

/* copy_sighand: share the actions (CLONE_SIGHAND) or a new, all-default set. */
static int copy_sighand(struct machine *m, unsigned long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sig;

	if (clone_flags & CLONE_SIGHAND) {
		p->sighand->count++;
		return 0;
	}
	sig = kmem_cache_alloc(m, m->sighand_cachep, GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	sig->count = 1;
	p->sighand = sig;
	return 0;
}

void put_sighand(struct machine *m, struct task_struct *tsk)
{
	struct sighand_struct *sig = tsk->sighand;

	tsk->sighand = NULL;
	if (sig && --sig->count == 0)
		kmem_cache_free(m, m->sighand_cachep, sig);
}

struct signal_struct *alloc_signal_struct(struct machine *m)
{
	struct signal_struct *sig = kmem_cache_alloc(m, m->signal_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!sig)
		return NULL;
	sig->sigcnt = 1;
	sig->nr_threads = 1;
	sig->live = 1;
	INIT_LIST_HEAD(&sig->thread_head);
	return sig;
}

struct sighand_struct *alloc_sighand_struct(struct machine *m)
{
	struct sighand_struct *sig = kmem_cache_alloc(m, m->sighand_cachep, GFP_KERNEL);

	if (sig)
		sig->count = 1;
	return sig;
}

/*
 * copy_signal: a thread joins the group's signal_struct (counted when it
 * is linked); a process gets its own, with the parent's rlimits and
 * oom_score_adj.
 */
static int copy_signal(struct machine *m, unsigned long clone_flags, struct task_struct *p)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD)
		return 0;
	sig = alloc_signal_struct(m);
	if (!sig)
		return -ENOMEM;
	memcpy(sig->rlim, p->signal->rlim, sizeof(sig->rlim));
	sig->oom_score_adj = p->signal->oom_score_adj;
	sig->pgrp = p->signal->pgrp;
	sig->session = p->signal->session;
	p->signal = sig;
	return 0;
}

void put_signal_struct(struct machine *m, struct signal_struct *sig)
{
	if (sig && --sig->sigcnt == 0)
		kmem_cache_free(m, m->signal_cachep, sig);
}

/*
 * dup_mm: a new mm_struct and PGD (mm_alloc), the parent's layout, exec
 * and brk fields (Linux memcpy's the whole struct, then mm_init resets
 * the counts), then dup_mmap with its closing flush_tlb_mm of the parent
 * (success or not, as Linux's out: label), and, as CONFIG_DEBUG_VM does, validate_mm
 * (a failure is logged).  VmPeak starts at the child's size.
 */
static struct mm_struct *dup_mm(struct machine *m, struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc(m);
	char err[128];
	int err_dup;

	if (!mm)
		return NULL;
	mm->stack_guard_gap = oldmm->stack_guard_gap;
	mm->mmap_base = oldmm->mmap_base;
	mm->mmap_legacy_base = oldmm->mmap_legacy_base;
	mm->task_size = oldmm->task_size;
	mm->mmap_topdown = oldmm->mmap_topdown;
	mm->def_flags = oldmm->def_flags & ~(VM_LOCKED | VM_LOCKONFAULT);	/* mlockall's MCL_FUTURE too */
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	memcpy(mm->arg_bytes, oldmm->arg_bytes, oldmm->arg_len);	/* the stack's strings */
	mm->arg_len = oldmm->arg_len;
	err_dup = p4d_alloc_slots_like(m, mm, oldmm);	/* la57: copy_p4d_range's tables */
	if (!err_dup)
		err_dup = dup_mmap(m, mm, oldmm);
	flush_tlb_mm(m, oldmm);		/* dup_mmap's end: the parent's PTEs went read-only */
	if (err_dup) {
		mmput(m, mm);		/* frees and uncharges the copies made */
		return NULL;
	}
	mm->hiwater_vm = mm->total_vm;
	access_verify_fork(m, oldmm, mm);	/* mmsim verify shadow (tool layer) */
	if (validate_mm(m, mm, err, sizeof(err)))	/* CONFIG_DEBUG_VM's check after the copy */
		pr_err(m, "dup_mmap: %s", err);
	return mm;
}

static int copy_mm(struct machine *m, unsigned long clone_flags, struct task_struct *p)
{
	struct mm_struct *oldmm = p->mm;

	if (!oldmm)
		return 0;
	if (clone_flags & CLONE_VM) {
		oldmm->mm_users++;	/* mmget */
		return 0;
	}
	p->mm = dup_mm(m, oldmm);
	return p->mm ? 0 : -ENOMEM;
}

/*
 * dup_task_struct: a task_struct and stack on @node with the parent's
 * fields as Linux's struct copy leaves them (its cred, signal, sighand,
 * fs, files and mm pointers, which copy_* then share or replace), the
 * child's own links reset.
 */
static struct task_struct *dup_task_struct(struct machine *m, struct task_struct *orig,
					   const char *comm, int node)
{
	struct task_struct *p = alloc_task(m, comm, orig->flags, node);

	if (!p)
		return NULL;
	p->cpu = orig->cpu;
	memcpy(p->cpus_mask, orig->cpus_mask, sizeof(p->cpus_mask));	/* affinity is inherited */
	p->cred = p->real_cred = orig->cred;
	p->signal = orig->signal;
	p->sighand = orig->sighand;
	p->fs = orig->fs;
	p->files = orig->files;
	p->mm = orig->mm;
	p->flags &= ~(PF_SUPERPRIV | PF_IDLE);
	p->flags |= PF_FORKNOEXEC;
	return p;
}

/* Undo what copy_process took, after a failure at step @stage. */
enum { CP_CRED = 1, CP_FILES, CP_FS, CP_SIGHAND, CP_SIGNAL, CP_MM };

static void copy_process_undo(struct machine *m, struct task_struct *p, unsigned long flags,
			      int stage)
{
	if (stage > CP_MM && p->mm) {
		access_verify_mmput(m, p->mm);	/* mmsim verify shadow (tool layer) */
		mmput(m, p->mm);
	}
	if (stage > CP_SIGNAL && !(flags & CLONE_THREAD))
		put_signal_struct(m, p->signal);
	if (stage > CP_SIGHAND)
		put_sighand(m, p);
	if (stage > CP_FS)
		exit_fs(m, p);
	if (stage > CP_FILES)
		exit_files(m, p);
	if (stage > CP_CRED)
		exit_creds(m, p);
	free_task(m, p);
}

/*
 * RLIMIT_NPROC: the tasks of @p's real user (threads and zombies count
 * until released; @p not yet) against the parent's limit, over when more
 * than the limit (is_rlimit_overlimit's ">"); root's user and
 * CAP_SYS_RESOURCE or CAP_SYS_ADMIN holders pass (copy_process).
 */
static bool nproc_over_limit(struct machine *m, const struct task_struct *p)
{
	unsigned long n = 0;
	const struct task_struct *t;

	list_for_each_entry(t, &m->tasks, tasks)
		if (t != p && t->thread_pid && t->cred->uid == p->cred->uid)
			n++;
	if (n <= p->signal->rlim[RLIMIT_NPROC].rlim_cur)
		return false;
	return p->cred->uid != 0 && !capable(m, CAP_SYS_RESOURCE) && !capable(m, CAP_SYS_ADMIN);
}

/* Link @p into its family: thread group, parent's children, pid. */
static void copy_process_link(struct task_struct *p, struct task_struct *parent,
			      unsigned long flags, struct pid *pid)
{
	p->thread_pid = pid;
	pid->task = p;
	p->pid = pid->nr;
	if (flags & CLONE_THREAD) {
		p->tgid = parent->tgid;
		p->group_leader = parent->group_leader;
		p->exit_signal = -1;
		p->real_parent = parent->real_parent;
		p->signal->sigcnt++;
		p->signal->nr_threads++;
		p->signal->live++;
	} else {
		p->tgid = p->pid;
		p->group_leader = p;
		p->exit_signal = (int)(flags & CSIGNAL);
		p->real_parent = parent;
		list_add_tail(&p->sibling, &parent->children);
	}
	list_add_tail(&p->thread_node, &p->signal->thread_head);
}

struct task_struct *copy_process(struct machine *m, struct task_struct *parent,
				 unsigned long clone_flags, const char *comm, int *err)
{
	struct task_struct *p;
	struct pid *pid;
	int stage = 0;

	*err = -EINVAL;
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return NULL;
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return NULL;
	*err = -ENOMEM;
	p = dup_task_struct(m, parent, comm, m->cpu_to_node[parent->cpu]);
	if (!p)
		return NULL;
	if (nproc_over_limit(m, p)) {
		*err = -EAGAIN;
		copy_process_undo(m, p, clone_flags, 0);
		return NULL;
	}
	if (copy_creds(m, p, clone_flags))
		goto fail;
	stage = CP_CRED;
	if (copy_files(m, clone_flags, p))
		goto fail;
	stage = CP_FILES;
	if (copy_fs(m, clone_flags, p))
		goto fail;
	stage = CP_FS;
	if (copy_sighand(m, clone_flags, p))
		goto fail;
	stage = CP_SIGHAND;
	if (copy_signal(m, clone_flags, p))
		goto fail;
	stage = CP_SIGNAL;
	if (copy_mm(m, clone_flags, p))
		goto fail;
	stage = CP_MM;
	pid = alloc_pid(m, err);
	if (!pid) {
		stage++;
		goto fail_err;
	}
	copy_process_link(p, parent, clone_flags, pid);
	*err = 0;
	return p;
fail:
	stage++;
	*err = -ENOMEM;
fail_err:
	copy_process_undo(m, p, clone_flags, stage);
	return NULL;
}
