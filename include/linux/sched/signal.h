/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the threads of a process share (include/linux/sched/signal.h):
 * struct signal_struct (the thread group: its threads, its exit, its
 * rlimits and oom_score_adj) and struct sighand_struct (signal actions),
 * each an object of Linux's cache (signal_cache, sighand_cache), plus the
 * signal numbers and kill (kernel/signal.c).
 * Leaves out: pending signals and queues (SigQ stays 0), handlers (every
 * action is SIG_DFL: no program installs one), process groups and
 * sessions, job control beyond stop and continue.
 */
#ifndef _LINUX_SCHED_SIGNAL_H
#define _LINUX_SCHED_SIGNAL_H

#include <stdbool.h>
#include "linux/list.h"
#include "linux/resource.h"

struct machine;
struct task_struct;

/* Signal numbers (x86's include/uapi/asm/signal.h). */
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define _NSIG		64

#define SIGNAL_GROUP_EXIT	0x00000004	/* signal->flags: the group is exiting */
#define SIGNAL_STOP_STOPPED	0x00000001	/* signal->flags: job control stop in effect */

/* The thread group (Linux's struct signal_struct, signal_cache). */
struct signal_struct {
	int sigcnt;			/* references: one per task (zombies too) */
	int nr_threads;			/* tasks on thread_head */
	int live;			/* threads that have not started exiting */
	struct list_head thread_head;	/* the threads, by task->thread_node */
	unsigned int flags;		/* SIGNAL_GROUP_EXIT, SIGNAL_STOP_STOPPED */
	int group_exit_code;		/* the status every thread exits with; while
					 * stopped, a fatal signal pending until SIGCONT */
	int pgrp, session;		/* process group and session ids: the
					 * spawned process's pid, inherited by fork */
	/* kernel/resource.c: rlimits (rlimit_init, copied by fork) */
	struct rlimit rlim[RLIM_NLIMITS];
	/* fs/proc/base.c: /proc/PID/oom_score_adj, inherited by fork */
	short oom_score_adj;		/* OOM_SCORE_ADJ_MIN..MAX */
	/* kernel/exit.c: fault counts of threads released (__exit_signal)
	 * and of waited-for children (wait_task_zombie: their own, their
	 * dead threads' and their children's); /proc/PID/stat shows them */
	unsigned long min_flt, maj_flt;		/* released threads' */
	unsigned long cmin_flt, cmaj_flt;	/* reaped children's (cminflt, cmajflt) */
};

/* Signal actions (Linux's struct sighand_struct, sighand_cache). */
struct sighand_struct {
	int count;			/* tasks sharing it (CLONE_SIGHAND) */
};

/*
 * signal_from_name - "TERM", "SIGTERM", "term" or "15" as a signal
 * number 1.._NSIG-1 (kill(1)'s spellings), or 0 when not a signal.
 * signal_name - "SIGTERM" for 15, "SIGRT3" style for real-time ones.
 */
int signal_from_name(const char *text);
const char *signal_name(int sig, char *buf, int len);

/*
 * kill_task - kill(2) of the thread group of @tsk with @sig, by the kernel
 * actor (root: always permitted).  The default action applies (no
 * handlers): terminate (the group exits with status @sig, as do_group_exit),
 * ignore (SIGCHLD, SIGURG, SIGWINCH, SIGCONT when running), stop (SIGSTOP,
 * SIGTSTP, SIGTTIN, SIGTTOU: every thread in "T (stopped)") or continue
 * (SIGCONT).  A zombie takes the signal and nothing happens.  0 (sig 0
 * only checks), or -EINVAL (bad @sig).
 */
int kill_task(struct machine *m, struct task_struct *tsk, int sig);

#endif
