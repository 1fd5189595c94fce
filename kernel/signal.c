// SPDX-License-Identifier: GPL-2.0-only
/*
 * Signals (Linux's kernel/signal.c) as far as kill(2) by the shell needs
 * them: signal names and numbers as kill(1) spells them, and each
 * signal's default action (sig_kernel_ignore, sig_kernel_stop,
 * sig_kernel_coredump, otherwise terminate) applied to the whole thread
 * group, as get_signal does when no handler is installed.
 * A fatal signal makes the group exit with the signal as its status
 * (do_group_exit).  A stop signal stops every thread ("T"); SIGCONT
 * resumes them, and a fatal signal other than SIGKILL sent to a stopped
 * process stays pending until SIGCONT (only SIGKILL wakes a stopped
 * task).  A vfork parent sleeps killable: fatal signals end it.
 * Leaves out: handlers, masks, queues (SigQ), siginfo, real-time queuing,
 * core dumps (RLIMIT_CORE is 0: a core-dumping signal just terminates),
 * process groups, permission checks (the shell is root).
 * Callers: kernel/process.c (mmsim_kill), tools through mmsim.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/machine.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"

/* kill -l's names, by number. */
static const char *const signal_names[SIGRTMIN] = {
	[SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT", [SIGILL] = "ILL",
	[SIGTRAP] = "TRAP", [SIGABRT] = "ABRT", [SIGBUS] = "BUS", [SIGFPE] = "FPE",
	[SIGKILL] = "KILL", [SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
	[SIGCHLD] = "CHLD", [SIGCONT] = "CONT", [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
	[SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
	[SIGIO] = "IO", [SIGPWR] = "PWR", [SIGSYS] = "SYS",
};

int signal_from_name(const char *text)
{
	char up[16];
	size_t n = strlen(text), i;
	char *end;
	long v;

	if (n && isdigit((unsigned char)text[0])) {
		v = strtol(text, &end, 10);
		return !*end && v > 0 && v < _NSIG ? (int)v : 0;
	}
	if (n >= sizeof(up))
		return 0;
	for (i = 0; i <= n; i++)
		up[i] = (char)toupper((unsigned char)text[i]);
	if (!strncmp(up, "SIG", 3))
		memmove(up, up + 3, n - 2);
	if (!strcmp(up, "IOT"))
		return SIGABRT;
	if (!strcmp(up, "POLL"))
		return SIGIO;
	if (!strcmp(up, "CLD"))
		return SIGCHLD;
	for (int s = 1; s < SIGRTMIN; s++)
		if (signal_names[s] && !strcmp(up, signal_names[s]))
			return s;
	return 0;
}

const char *signal_name(int sig, char *buf, int len)
{
	if (sig > 0 && sig < SIGRTMIN && signal_names[sig])
		snprintf(buf, (size_t)len, "SIG%s", signal_names[sig]);
	else
		snprintf(buf, (size_t)len, "SIGRT_%d", sig - SIGRTMIN);
	return buf;
}

static bool sig_kernel_ignore(int sig)
{
	return sig == SIGCONT || sig == SIGCHLD || sig == SIGWINCH || sig == SIGURG;
}

static bool sig_kernel_stop(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Set every live thread of @sig's group to @state. */
static void group_set_state(struct signal_struct *sig, unsigned int from, unsigned int to)
{
	struct task_struct *t;

	list_for_each_entry(t, &sig->thread_head, thread_node)
		if (!t->exit_state && t->__state == from)
			t->__state = to;
}

int kill_task(struct machine *m, struct task_struct *tsk, int sig)
{
	struct signal_struct *s = tsk->signal;
	struct task_struct *t;

	if (sig < 0 || sig >= _NSIG)
		return -EINVAL;
	if (sig == 0 || !s->live || (s->flags & SIGNAL_GROUP_EXIT))
		return 0;			/* checked, or the group is already dying */
	if (sig == SIGCONT && (s->flags & SIGNAL_STOP_STOPPED)) {
		s->flags &= ~SIGNAL_STOP_STOPPED;
		group_set_state(s, __TASK_STOPPED, TASK_INTERRUPTIBLE);
		if (s->group_exit_code) {	/* a fatal signal was pending */
			sig = s->group_exit_code;
			s->group_exit_code = 0;
		} else {
			return 0;
		}
	}
	if (sig_kernel_ignore(sig))
		return 0;
	if (sig_kernel_stop(sig)) {
		s->flags |= SIGNAL_STOP_STOPPED;
		group_set_state(s, TASK_INTERRUPTIBLE, __TASK_STOPPED);
		return 0;
	}
	if ((s->flags & SIGNAL_STOP_STOPPED) && sig != SIGKILL) {
		if (!s->group_exit_code)	/* pending until SIGCONT */
			s->group_exit_code = sig;
		return 0;
	}
	/* fatal: the first live thread takes it and the group exits */
	list_for_each_entry(t, &s->thread_head, thread_node)
		if (!(t->flags & PF_EXITING)) {
			s->group_exit_code = 0;
			do_group_exit(m, t, sig);
			return 0;
		}
	return 0;
}
