// SPDX-License-Identifier: GPL-2.0-only
/*
 * How tasks end (Linux's kernel/exit.c): do_exit, do_group_exit, zombies,
 * reparenting, release_task and wait.
 *
 * do_exit lets go of what the task uses: its mm (exit_mm; a vfork parent
 * waiting for it wakes up), descriptors, fs_struct, and - at its last
 * schedule, finish_task_switch's put_task_stack - its kernel stack.  What
 * remains is a zombie: task_struct, pid, cred, signal_struct and
 * sighand_struct, with the exit status for the parent.  exit_notify then:
 *   - gives the exiting task's children a new parent: a live thread of the
 *     same group if there is one (find_new_reaper), else init.  mmsim boots
 *     no init: orphans get no parent (PPid 0) and, as init would, their
 *     zombies are reaped at once, and so are theirs when they exit;
 *   - a thread (exit_signal -1) is released at once (autoreap);
 *   - a group leader whose threads still run stays a zombie, not
 *     reapable, until the last thread is released (delay_group_leader);
 *   - a process whose parent is the shell (spawned) or init is reaped at
 *     once, as the shell reaps its jobs; a forked child stays a zombie
 *     ("Z" in ps and status) until its parent waits for it (NAME: wait)
 *     or exits.
 * release_task frees the rest: the pid, sighand, the signal_struct with
 * its last task, the cred, the task_struct; a released thread's
 * min_flt/maj_flt stay in its group's signal_struct (__exit_signal).
 * do_wait's reaping adds the child's fault counts, its dead threads' and
 * its reaped children's to the waiter's cmin_flt/cmaj_flt
 * (wait_task_zombie); a child the shell or init reaps adds them nowhere.
 * Leaves out: SIGCHLD delivery (no handlers; SIGCHLD's default is to
 * ignore, which does not autoreap), ptrace, process groups and orphaned
 * process group signals, exit of the init task (there is none), RCU.
 * Callers: kernel/process.c (exit, exec), kernel/signal.c (fatal
 * signals), mmsim_validate (validate_tasks).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "linux/cred.h"
#include "linux/fdtable.h"
#include "linux/fs_struct.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/pid.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"
#include "linux/sched/task_stack.h"
#include "linux/mmsim_access.h"
#include "../mm/vma.h"

/* complete_vfork_done: the parent waiting in vfork wakes. */
static void complete_vfork_done(struct task_struct *tsk)
{
	struct task_struct *parent = tsk->vfork_parent;

	tsk->vfork_parent = NULL;
	if (parent && parent->__state == TASK_UNINTERRUPTIBLE)
		parent->__state = TASK_INTERRUPTIBLE;
}

/* exit_mm: drop the mm (mm_release wakes a vfork parent first). */
static void exit_mm(struct machine *m, struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	complete_vfork_done(tsk);
	if (!mm)
		return;
	tsk->mm = NULL;
	if (!mm_has_thread_on(m, tsk, mm, tsk->cpu))	/* else a thread goes on there */
		enter_lazy_tlb(m, tsk->cpu);	/* its CPU keeps the mm lazily */
	access_verify_mmput(m, mm);		/* mmsim verify shadow (tool layer) */
	mmput(m, mm);
}

/* finish_task_switch's put_task_stack, on the CPU the task ran on. */
static void release_task_stack(struct machine *m, struct task_struct *tsk)
{
	int cpu = m->current_cpu;

	m->current_cpu = tsk->cpu;
	free_thread_stack(m, tsk);
	m->current_cpu = cpu;
}

/* thread_group_empty: @leader is the only task left in its group. */
static bool thread_group_empty(const struct task_struct *leader)
{
	return leader->signal->nr_threads == 1;
}

/* release_task: free what a dead task still holds and the task itself. */
void release_task(struct machine *m, struct task_struct *p)
{
	struct task_struct *leader = p->group_leader;
	struct signal_struct *sig = p->signal;

	proc_pid_unregister(m, p);
	list_del_init(&p->thread_node);		/* __exit_signal */
	sig->min_flt += p->min_flt;		/* the group keeps its dead threads' faults */
	sig->maj_flt += p->maj_flt;
	sig->nr_threads--;
	put_sighand(m, p);
	if (p->group_leader == p && p->real_parent)
		list_del_init(&p->sibling);
	put_pid(m, p->thread_pid);		/* detach_pid */
	p->thread_pid = NULL;
	exit_creds(m, p);			/* put_task_struct */
	put_signal_struct(m, sig);
	free_task(m, p);
	/* the last thread of a zombie leader's group: the leader can go now */
	if (leader != p && leader->exit_state == EXIT_ZOMBIE && thread_group_empty(leader) &&
	    !leader->real_parent)
		release_task(m, leader);
}

/* reap an orphan's zombie (what init does); live orphans get PPid 0 */
static void reparent_to_nobody(struct machine *m, struct task_struct *child)
{
	list_del_init(&child->sibling);
	child->real_parent = NULL;
	if (child->exit_state == EXIT_ZOMBIE && thread_group_empty(child))
		release_task(m, child);
}

/* forget_original_parent: the children of @father go to a live thread of
 * its group (find_new_reaper), else to no one. */
static void forget_original_parent(struct machine *m, struct task_struct *father)
{
	struct task_struct *reaper = NULL, *t, *child, *next;

	list_for_each_entry(t, &father->signal->thread_head, thread_node)
		if (t != father && !(t->flags & PF_EXITING)) {
			reaper = t;
			break;
		}
	list_for_each_entry_safe(child, next, &father->children, sibling) {
		if (reaper) {
			child->real_parent = reaper;
			list_move_tail(&child->sibling, &reaper->children);
		} else {
			reparent_to_nobody(m, child);
		}
	}
	/* threads of the children's groups follow their leader's parent */
	list_for_each_entry(t, &m->tasks, tasks)
		if (t->group_leader != t && t->real_parent == father)
			t->real_parent = reaper;
}

/* exit_notify: zombie, or released at once. */
static void exit_notify(struct machine *m, struct task_struct *tsk)
{
	forget_original_parent(m, tsk);
	if (tsk->group_leader != tsk) {		/* a thread: autoreap */
		tsk->exit_state = EXIT_DEAD;
		release_task(m, tsk);
		return;
	}
	tsk->exit_state = EXIT_ZOMBIE;
	if (!thread_group_empty(tsk))		/* delay_group_leader */
		return;
	if (!tsk->real_parent) {		/* the shell's child: reaped at once */
		tsk->exit_state = EXIT_DEAD;
		release_task(m, tsk);
	}
}

void do_exit(struct machine *m, struct task_struct *tsk, int code)
{
	struct task_struct *t;

	tsk->flags |= PF_EXITING;
	tsk->signal->live--;
	/* a vfork child waited for by this task no longer wakes it */
	list_for_each_entry(t, &m->tasks, tasks)
		if (t->vfork_parent == tsk)
			t->vfork_parent = NULL;
	if (tsk->__state == TASK_UNINTERRUPTIBLE || tsk->__state == __TASK_STOPPED)
		tsk->__state = TASK_INTERRUPTIBLE;
	exit_mm(m, tsk);
	exit_files(m, tsk);
	exit_fs(m, tsk);
	tsk->exit_code = code;
	release_task_stack(m, tsk);		/* do_task_dead, then finish_task_switch */
	exit_notify(m, tsk);
}

void do_group_exit(struct machine *m, struct task_struct *tsk, int code)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *t;
	bool found;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		code = sig->group_exit_code;
	} else {
		sig->flags |= SIGNAL_GROUP_EXIT;
		sig->group_exit_code = code;
	}
	do {					/* zap_other_threads: each exits */
		found = false;
		list_for_each_entry(t, &sig->thread_head, thread_node)
			if (t != tsk && !(t->flags & PF_EXITING)) {
				do_exit(m, t, code);
				found = true;
				break;
			}
	} while (found);
	do_exit(m, tsk, code);
}

/* Is @child reapable: a zombie whose threads are all gone? */
static bool reapable(const struct task_struct *child)
{
	return child->exit_state == EXIT_ZOMBIE && thread_group_empty(child);
}

/*
 * wait_task_zombie's accounting: the reaper's group adds the child's
 * faults - the leader's own, its released threads' (signal->min_flt) and
 * its own reaped children's (cmin_flt) - to cmin_flt/cmaj_flt.
 */
static void account_reaped_child(struct task_struct *parent, const struct task_struct *child)
{
	const struct signal_struct *sig = child->signal;
	struct signal_struct *psig = parent->signal;

	psig->cmin_flt += child->min_flt + sig->min_flt + sig->cmin_flt;
	psig->cmaj_flt += child->maj_flt + sig->maj_flt + sig->cmaj_flt;
}

int do_wait(struct machine *m, struct task_struct *parent, struct task_struct *child,
	    int *status)
{
	struct task_struct *t, *c;
	bool any = false;
	int pid;

	list_for_each_entry(t, &parent->signal->thread_head, thread_node) {
		list_for_each_entry(c, &t->children, sibling) {
			if (child && c != child)
				continue;
			any = true;
			if (!reapable(c))
				continue;
			*status = c->exit_code;
			pid = c->pid;
			c->exit_state = EXIT_DEAD;
			account_reaped_child(parent, c);
			release_task(m, c);
			return pid;
		}
	}
	return any ? 0 : -ECHILD;
}

/* ---- validation ---- */

/* The page_type of the frame holding @pgd (a host pointer into RAM). */
static unsigned int pgd_page_type(struct machine *m, const void *pgd)
{
	unsigned long pfn = (unsigned long)((const char *)pgd - (const char *)m->ram) >> PAGE_SHIFT;

	return pfn < m->max_pfn ? pfn_to_page(m, pfn)->page_type : PGTY_none;
}

#define TASK_BAD(...) do { snprintf(err, len, __VA_ARGS__); return -EUCLEAN; } while (0)

/* The checks of one process task @t. */
static int validate_task(struct machine *m, struct task_struct *t, char *err, size_t len)
{
	struct signal_struct *sig = t->signal;
	struct task_struct *u;
	int threads = 0, users = 0;

	if (!sig || !t->cred || t->thread_pid->task != t || t->thread_pid->nr != t->pid)
		TASK_BAD("task %d (%s): signal, cred or pid missing or wrong", t->pid, t->comm);
	if (t->group_leader->signal != sig || t->tgid != t->group_leader->pid)
		TASK_BAD("task %d: tgid %d but leader %d", t->pid, t->tgid, t->group_leader->pid);
	list_for_each_entry(u, &sig->thread_head, thread_node)
		threads++;
	if (threads != sig->nr_threads || sig->sigcnt != threads)
		TASK_BAD("task %d: %d threads listed, nr_threads %d, sigcnt %d", t->pid, threads,
			 sig->nr_threads, sig->sigcnt);
	if (t->exit_state) {
		if (t->mm || t->fs || t->stack_vm_area)
			TASK_BAD("zombie %d still holds its mm, fs or stack", t->pid);
		return 0;
	}
	if (!t->mm || !t->sighand || !t->fs)
		TASK_BAD("task %d (%s): live without mm, sighand or fs", t->pid, t->comm);
	if (validate_task_cpu(m, t, err, len))	/* kernel/sched_affinity.c */
		return -EUCLEAN;
	list_for_each_entry(u, &m->tasks, tasks)
		if (u->thread_pid && u->mm == t->mm)
			users++;
	if (users != t->mm->mm_users)
		TASK_BAD("task %d: %d tasks use its mm but mm_users %d", t->pid, users,
			 t->mm->mm_users);
	if (!t->mm->pgd || pgd_page_type(m, t->mm->pgd) != PGTY_table)
		TASK_BAD("task %d: its PGD is not a page-table page", t->pid);
	if (t->real_parent && t->group_leader == t &&
	    (t->real_parent->thread_pid == NULL || list_empty(&t->sibling)))
		TASK_BAD("task %d: parent %d gone or not linked", t->pid, t->real_parent->pid);
	return validate_mm(m, t->mm, err, len);
}

int validate_tasks(struct machine *m, char *err, size_t len)
{
	struct task_struct *t, *u;

	err[0] = '\0';
	if (validate_distribute_cpu_mask_prev(m, err, len))	/* kernel/sched_affinity.c */
		return -EUCLEAN;
	if (!m->tasks.next)
		return 0;
	list_for_each_entry(t, &m->tasks, tasks) {
		int creds = 0, hands = 0, fss = 0;

		if (!t->thread_pid)
			continue;
		if (validate_task(m, t, err, len))
			return -EUCLEAN;
		list_for_each_entry(u, &m->tasks, tasks) {
			creds += u->cred == t->cred;
			hands += t->sighand && u->sighand == t->sighand;
			fss += t->fs && u->fs == t->fs;
		}
		if (creds != t->cred->usage || (t->sighand && hands != t->sighand->count) ||
		    (t->fs && fss != t->fs->users))
			TASK_BAD("task %d: cred usage %d (%d users), sighand %d (%d), fs %d (%d)",
				 t->pid, t->cred->usage, creds, t->sighand ? t->sighand->count : 0,
				 hands, t->fs ? t->fs->users : 0, fss);
	}
	return 0;
}
