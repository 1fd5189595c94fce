// SPDX-License-Identifier: GPL-2.0-only
/*
 * Processes of the model machine: what `spawn NAME`, `NAME: fork|vfork|
 * clone CHILD`, `NAME: exec`, `NAME: exit`, `NAME: wait` and `kill` do to
 * the kernel's objects.
 *
 * A spawned process is what a shell's fork + execve of a fresh program
 * leave: a task (task_struct and kernel stack) with a struct pid, a cred
 * (root, or the uid= of spawn), a signal_struct (rlimits as init_task's,
 * oom_score_adj 0), a sighand_struct, an fs_struct (umask 0022), and an
 * address space from exec_mm (fs/exec.c: the binary, bss, heap start,
 * [stack] and vDSO with randomization off) with its own PGD page.  Its
 * parent is the shell, outside the machine: PPid 0, and when it exits it
 * is reaped at once.  It runs on the current CPU, or on the cpu= of spawn
 * (its allocations then prefer that CPU's node).
 *
 * fork, vfork and clone are kernel_clone: copy_process (kernel/fork.c)
 * with SIGCHLD, CLONE_VM|CLONE_VFORK|SIGCHLD, or a thread's
 * CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD, run as the
 * parent.  A vfork parent sleeps ("D", TASK_KILLABLE as
 * wait_for_vfork_done) until the child execs or exits.  The child's name
 * is the CHILD given: Linux's child keeps its parent's comm until it
 * execs; mmsim names it as if it had called prctl(PR_SET_NAME), since the
 * name is its handle in the language (docs/divergences.md).
 *
 * Pids: mmsim boots no init and no kernel threads besides the idle tasks
 * (pid 0), so the first task gets pid 1 and each next one the next number
 * (kernel/pid.c); pids are never reused.  The name is the comm and, in
 * the language, stands for the task's pid: names are unique among live
 * and zombie tasks.
 *
 * Leaves out (docs/divergences.md): the argument and environment strings,
 * exec's comm change (the name stays), setuid binaries.
 * The memory syscalls run as the process (task_enter sets m->current, so
 * capable() and the overcommit warning see it): mmap of anonymous memory
 * (do_mmap), munmap (do_vmi_munmap), mprotect (do_mprotect), brk
 * (sys_brk); the descriptor syscalls (open, close, mmap of a file) are
 * fs/file_syscalls.c's.  A spawned process's descriptors 0-2 come from
 * spawn_files (fs/file.c); fork copies or shares them (copy_files).
 * Callers: the front end through include/mmsim.h, mmsim's tests.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "linux/binfmts.h"
#include "linux/cred.h"
#include "linux/err.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/pid.h"
#include "linux/resource.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"
#include "linux/mmsim_access.h"
#include "../mm/vma.h"

struct task_struct *find_task(struct machine *m, const char *name)
{
	struct task_struct *tsk;

	list_for_each_entry(tsk, &m->tasks, tasks)
		if (tsk->thread_pid && !strcmp(tsk->comm, name))
			return tsk;
	return NULL;
}

struct task_struct *find_process(struct machine *m, const char *name)
{
	struct task_struct *tsk = find_task(m, name);

	return tsk && tsk->mm && !tsk->exit_state ? tsk : NULL;
}

struct task_struct *find_process_by_pid(struct machine *m, int pid)
{
	struct task_struct *tsk;

	list_for_each_entry(tsk, &m->tasks, tasks)
		if (tsk->thread_pid && tsk->mm && tsk->pid == pid && !tsk->exit_state)
			return tsk;
	return NULL;
}

/* A process name: 1..15 of [A-Za-z0-9_-], not all digits, not "kernel". */
static int check_process_name(const char *name)
{
	size_t n = strlen(name), digits = 0;

	if (!n)
		return -EINVAL;
	if (n >= TASK_COMM_LEN)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return -EINVAL;
	}
	if (digits == n || !strcmp(name, "kernel"))
		return -EINVAL;
	return 0;
}

/* A new task's name: valid and not taken by a live or zombie task. */
static int check_new_name(struct machine *m, const char *name)
{
	int err = check_process_name(name);

	if (!err && find_task(m, name))
		err = -EEXIST;
	return err;
}

/* The objects a process from the shell starts with; 0 or -ENOMEM/-EAGAIN. */
static int spawn_objects(struct machine *m, struct task_struct *tsk, unsigned int uid)
{
	int err = -ENOMEM;

	tsk->cred = tsk->real_cred = prepare_user_creds(m, uid);
	if (!tsk->cred)
		return err;
	tsk->fs = alloc_fs_struct(m, 0022);
	if (!tsk->fs)
		return err;
	if (spawn_files(m, tsk))		/* fds 0-2 on the console (fs/file.c) */
		return err;
	tsk->sighand = alloc_sighand_struct(m);
	if (!tsk->sighand)
		return err;
	tsk->signal = alloc_signal_struct(m);
	if (!tsk->signal)
		return err;
	list_add_tail(&tsk->thread_node, &tsk->signal->thread_head);
	rlimit_init(m, tsk);
	tsk->thread_pid = alloc_pid(m, &err);
	if (!tsk->thread_pid)
		return err;
	tsk->thread_pid->task = tsk;
	tsk->pid = tsk->tgid = tsk->thread_pid->nr;
	tsk->signal->pgrp = tsk->signal->session = tsk->pid;	/* its own, as a shell's job */
	tsk->exit_signal = SIGCHLD;	/* the shell forked it */
	return 0;
}

/* Undo spawn_objects and alloc_task for a spawn that failed. */
static void spawn_undo(struct machine *m, struct task_struct *tsk)
{
	if (tsk->mm) {
		access_verify_mmput(m, tsk->mm);	/* mmsim verify shadow (tool layer) */
		mmput(m, tsk->mm);
	}
	put_pid(m, tsk->thread_pid);
	if (tsk->signal)
		put_signal_struct(m, tsk->signal);
	put_sighand(m, tsk);
	exit_files(m, tsk);
	exit_fs(m, tsk);
	if (tsk->cred)
		exit_creds(m, tsk);
	free_task(m, tsk);
}

struct task_struct *spawn_process_as(struct machine *m, const char *name, int cpu,
				     unsigned int uid, int *err)
{
	struct current_save save;
	struct task_struct *tsk;
	struct mm_struct *mm;
	char path[32];

	*err = check_new_name(m, name);
	if (!*err && pid_numbers_exhausted(m))
		*err = -EAGAIN;
	if (!*err && (cpu < 0 || cpu >= m->nr_cpu_ids))
		*err = -EINVAL;
	if (*err)
		return NULL;
	*err = -ENOMEM;
	tsk = alloc_task(m, name, 0, m->cpu_to_node[cpu]);
	if (!tsk)
		return NULL;
	tsk->cpu = cpu;
	*err = spawn_objects(m, tsk, uid);
	if (*err) {
		spawn_undo(m, tsk);
		return NULL;
	}
	snprintf(path, sizeof(path), "/usr/bin/%s", name);
	task_enter(m, tsk, &save);		/* exec runs as the new process */
	mm = exec_mm(m, path);
	task_leave(m, &save);
	if (IS_ERR(mm)) {
		*err = (int)PTR_ERR(mm);
		spawn_undo(m, tsk);
		return NULL;
	}
	tsk->mm = mm;
	*err = proc_pid_register(m, tsk);	/* host memory only: -ENOMEM */
	if (*err) {
		spawn_undo(m, tsk);
		return NULL;
	}
	return tsk;
}

struct task_struct *spawn_process(struct machine *m, const char *name, int *err)
{
	return spawn_process_as(m, name, m->current_cpu, 0, err);
}

void exit_process(struct machine *m, struct task_struct *tsk)
{
	do_group_exit(m, tsk, 0);
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_spawn_as(struct machine *m, const char *name, int cpu, int uid, int *pid)
{
	int err;
	struct task_struct *tsk;

	if (uid < -1)
		return -EINVAL;
	tsk = spawn_process_as(m, name, cpu < 0 ? m->current_cpu : cpu,
			       uid < 0 ? 0 : (unsigned int)uid, &err);
	if (tsk && pid)
		*pid = tsk->pid;
	return err;
}

int mmsim_nr_cpus(const struct machine *m)
{
	return m->nr_cpu_ids;
}

int mmsim_spawn(struct machine *m, const char *name, int *pid)
{
	return mmsim_spawn_as(m, name, -1, -1, pid);
}

/* ---- fork, vfork, clone, exec, exit, wait, kill ---- */

/* The flags of each kind of mmsim_process_clone (its MMSIM_CLONE_*). */
static unsigned long clone_kind_flags(int kind)
{
	switch (kind) {
	case MMSIM_CLONE_FORK:
		return SIGCHLD;
	case MMSIM_CLONE_VFORK:
		return CLONE_VM | CLONE_VFORK | SIGCHLD;
	case MMSIM_CLONE_THREAD:
		return CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
	}
	return ~0UL;
}

int mmsim_process_clone(struct machine *m, const char *name, const char *child, int kind,
			int *pid)
{
	struct task_struct *parent = find_process(m, name), *p;
	unsigned long flags = clone_kind_flags(kind);
	struct current_save save;
	int err;

	if (!parent)
		return -ESRCH;
	if (flags == ~0UL)
		return -EINVAL;
	err = check_new_name(m, child);
	if (err)
		return err == -EEXIST ? -EEXIST : -ENAMETOOLONG == err ? err : -EINVAL;
	task_enter(m, parent, &save);
	p = copy_process(m, parent, flags, child, &err);
	task_leave(m, &save);
	if (!p)
		return err;
	if (proc_pid_register(m, p)) {		/* host memory only */
		do_exit(m, p, 0);
		if (p->exit_state == EXIT_ZOMBIE)
			do_wait(m, parent, p, &err);
		return -ENOMEM;
	}
	if (flags & CLONE_VFORK) {		/* wait_for_vfork_done */
		p->vfork_parent = parent;
		parent->__state = TASK_UNINTERRUPTIBLE;
	}
	*pid = p->pid;
	return 0;
}

/* de_thread: the other threads exit; a non-leader takes the leader's pid. */
static void de_thread(struct machine *m, struct task_struct *tsk)
{
	struct task_struct *t, *leader = tsk->group_leader;
	struct pid *pid;
	bool found;

	do {
		found = false;
		list_for_each_entry(t, &tsk->signal->thread_head, thread_node)
			if (t != tsk && !(t->flags & PF_EXITING)) {
				do_exit(m, t, SIGKILL);
				found = true;
				break;
			}
	} while (found);
	if (leader == tsk)
		return;
	/* the old leader is a zombie waiting for tsk: swap pids, release it */
	proc_pid_unregister(m, tsk);
	proc_pid_unregister(m, leader);
	pid = tsk->thread_pid;
	tsk->thread_pid = leader->thread_pid;
	leader->thread_pid = pid;
	tsk->thread_pid->task = tsk;
	leader->thread_pid->task = leader;
	leader->pid = pid->nr;
	tsk->pid = tsk->tgid;
	tsk->exit_signal = leader->exit_signal;
	tsk->real_parent = leader->real_parent;
	if (tsk->real_parent) {		/* tsk takes the leader's place among the children */
		list_add(&tsk->sibling, &leader->sibling);
		list_del_init(&leader->sibling);
	}
	/* the leader's own children went to tsk when it exited (find_new_reaper) */
	tsk->group_leader = tsk;
	leader->group_leader = tsk;
	leader->real_parent = NULL;	/* released without notifying anyone */
	leader->exit_state = EXIT_DEAD;
	release_task(m, leader);
	proc_pid_register(m, tsk);	/* host memory only; /proc/PID is best effort */
}

int exec_process(struct machine *m, struct task_struct *tsk, const char *path)
{
	struct current_save save;
	struct mm_struct *mm, *old;

	task_enter(m, tsk, &save);
	mm = exec_mm(m, path);
	task_leave(m, &save);
	if (IS_ERR(mm))
		return (int)PTR_ERR(mm);
	if (exec_creds(m, tsk)) {
		mmput(m, mm);
		return -ENOMEM;
	}
	de_thread(m, tsk);		/* the point of no return */
	if (unshare_files(m, tsk))	/* only past here in Linux: a fatal signal */
		pr_err(m, "exec: unshare_files failed: %s keeps a shared table", tsk->comm);
	old = tsk->mm;
	tsk->mm = mm;			/* exec_mmap */
	if (tsk->vfork_parent) {	/* exec_mm_release: the vfork parent wakes */
		tsk->vfork_parent->__state = TASK_INTERRUPTIBLE;
		tsk->vfork_parent = NULL;
	}
	access_verify_mmput(m, old);		/* mmsim verify shadow (tool layer) */
	mmput(m, old);
	do_close_on_exec(m, tsk->files);	/* O_CLOEXEC descriptors */
	tsk->flags &= ~PF_FORKNOEXEC;
	return 0;
}

int mmsim_process_exec(struct machine *m, const char *name, const char *path)
{
	struct task_struct *tsk = find_process(m, name);

	if (!tsk)
		return -ESRCH;
	return exec_process(m, tsk, path);
}

int mmsim_process_exit_code(struct machine *m, const char *name, int code, int thread_only)
{
	struct task_struct *tsk = find_process(m, name);

	if (!tsk)
		return -ESRCH;
	if (thread_only)
		do_exit(m, tsk, (code & 0xff) << 8);
	else
		do_group_exit(m, tsk, (code & 0xff) << 8);
	return 0;
}

int mmsim_process_exit(struct machine *m, const char *name)
{
	return mmsim_process_exit_code(m, name, 0, false);
}

int mmsim_process_wait(struct machine *m, const char *name, const char *child, int *status)
{
	struct task_struct *tsk = find_process(m, name), *c = NULL;

	if (!tsk)
		return -ESRCH;
	if (child) {
		c = find_task(m, child);
		if (!c)
			return -ECHILD;
	}
	return do_wait(m, tsk, c, status);
}

int mmsim_kill(struct machine *m, const char *name, int sig)
{
	struct task_struct *tsk = find_task(m, name);

	if (!tsk)
		return -ESRCH;
	return kill_task(m, tsk, sig);
}

int mmsim_signal_number(const char *text)
{
	return signal_from_name(text);
}

const char *mmsim_signal_name(int sig, char *buf, int len)
{
	return signal_name(sig, buf, len);
}

/* The letter of get_task_state: R S D T Z X. */
static char task_state_char(const struct task_struct *tsk)
{
	if (tsk->exit_state == EXIT_ZOMBIE)
		return 'Z';
	if (tsk->exit_state == EXIT_DEAD)
		return 'X';
	if (tsk->__state == TASK_UNINTERRUPTIBLE)
		return 'D';
	if (tsk->__state == __TASK_STOPPED)
		return 'T';
	return tsk->__state == TASK_RUNNING ? 'R' : 'S';
}

static void fill_process(const struct task_struct *tsk, struct mmsim_process *out)
{
	memset(out, 0, sizeof(*out));
	out->pid = tsk->pid;
	out->tgid = tsk->tgid;
	out->ppid = tsk->real_parent ? tsk->real_parent->tgid : 0;
	out->state = task_state_char(tsk);
	memcpy(out->comm, tsk->comm, sizeof(out->comm));
	if (tsk->vfork_parent)
		out->vfork_parent = tsk->vfork_parent->pid;
	if (tsk->__state == TASK_UNINTERRUPTIBLE) {
		const struct task_struct *c;

		list_for_each_entry(c, &tsk->tasks, tasks)	/* the vfork child */
			if (&c->tasks != &tsk->tasks && c->vfork_parent == tsk)
				memcpy(out->vfork_child, c->comm, sizeof(out->vfork_child));
	}
}

int mmsim_process_at(struct machine *m, size_t idx, struct mmsim_process *out)
{
	struct task_struct *tsk;

	list_for_each_entry(tsk, &m->tasks, tasks) {
		if (!tsk->thread_pid || tsk->group_leader != tsk)
			continue;
		if (idx--)
			continue;
		fill_process(tsk, out);
		return 0;
	}
	return -ENOENT;
}

int mmsim_task_lookup(struct machine *m, const char *name, struct mmsim_process *out)
{
	struct task_struct *tsk = find_task(m, name);

	if (!tsk)
		return -ESRCH;
	fill_process(tsk, out);
	return 0;
}

/* ---- the memory syscalls of a process ---- */

void task_enter(struct machine *m, struct task_struct *tsk, struct current_save *save)
{
	save->task = m->current;
	save->cpu = m->current_cpu;
	m->current = tsk;
	m->current_cpu = tsk->cpu;		/* it runs on its CPU: context_switch */
	if (tsk->mm)
		switch_mm_irqs_off(m, tsk->cpu, tsk->mm);
	else
		enter_lazy_tlb(m, tsk->cpu);	/* a kernel thread borrows the mm */
	save->pid = m->current_pid;
	memcpy(save->comm, m->current_comm, sizeof(save->comm));
	m->current_pid = tsk->pid;
	snprintf(m->current_comm, sizeof(m->current_comm), "%s", tsk->comm);
}

void task_leave(struct machine *m, const struct current_save *save)
{
	m->current = save->task;
	m->current_cpu = save->cpu;
	m->current_pid = save->pid;
	memcpy(m->current_comm, save->comm, sizeof(m->current_comm));
}

struct task_struct *process_enter(struct machine *m, const char *name, struct current_save *save)
{
	struct task_struct *tsk = find_process(m, name);

	if (tsk)
		task_enter(m, tsk, save);
	return tsk;
}

int mmsim_process_mmap(struct machine *m, const char *name, uint64_t addr, uint64_t len,
		       unsigned int prot, unsigned int flags, uint64_t *out)
{
	struct task_struct *tsk = find_process(m, name);
	struct current_save save;
	unsigned long ret;

	if (!tsk)
		return -ESRCH;
	if ((flags & MAP_ANONYMOUS) == 0)
		return -EBADF;		/* fd -1 without MAP_ANONYMOUS, as ksys_mmap_pgoff's fget */
	task_enter(m, tsk, &save);
	ret = do_mmap(m, tsk->mm, NULL, addr, len, prot, flags, 0);
	if (!IS_ERR_VALUE(ret))		/* vm_mmap_pgoff: MAP_POPULATE, locked (mm/gup.c) */
		vm_mmap_populate(m, tsk->mm, ret, len, flags);
	task_leave(m, &save);
	if (IS_ERR_VALUE(ret))
		return (int)(long)ret;
	if (flags & MAP_FIXED)			/* mmsim verify shadow: what it replaced is gone */
		access_verify_drop(m, tsk->mm, ret, len);
	*out = ret;
	return 0;
}

int mmsim_process_munmap(struct machine *m, const char *name, uint64_t addr, uint64_t len)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	int ret;

	if (!tsk)
		return -ESRCH;
	ret = do_vmi_munmap(m, tsk->mm, addr, len);
	task_leave(m, &save);
	if (!ret)
		access_verify_drop(m, tsk->mm, addr, len);	/* mmsim verify shadow */
	return ret;
}

int mmsim_process_mprotect(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			   unsigned int prot)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	int ret;

	if (!tsk)
		return -ESRCH;
	ret = do_mprotect(m, tsk->mm, addr, len, prot);
	task_leave(m, &save);
	return ret;
}

int mmsim_process_brk(struct machine *m, const char *name, uint64_t brk, uint64_t *out)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	uint64_t old_end, new_end;

	if (!tsk)
		return -ESRCH;
	old_end = (tsk->mm->brk + PAGE_SIZE - 1) & PAGE_MASK;
	*out = sys_brk(m, tsk->mm, brk);
	task_leave(m, &save);
	new_end = (*out + PAGE_SIZE - 1) & PAGE_MASK;
	if (new_end < old_end)			/* mmsim verify shadow: a shrink unmapped */
		access_verify_drop(m, tsk->mm, new_end, old_end - new_end);
	return 0;
}

int mmsim_process_brk_range(struct machine *m, const char *name, uint64_t *start_brk,
			    uint64_t *brk)
{
	struct task_struct *tsk = find_process(m, name);

	if (!tsk)
		return -ESRCH;
	*start_brk = tsk->mm->start_brk;
	*brk = tsk->mm->brk;
	return 0;
}
