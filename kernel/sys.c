// SPDX-License-Identifier: GPL-2.0-only
/*
 * Resource limits of a process (the rlimit part of Linux's kernel/sys.c):
 * do_prlimit, the core of prlimit64(2), setrlimit(2) and getrlimit(2),
 * with Linux 6.18's checks in its order: an unknown resource and a soft
 * limit above the hard one are -EINVAL, an RLIMIT_NOFILE hard limit above
 * fs.nr_open (1048576) is -EPERM, and raising a hard limit needs
 * CAP_SYS_RESOURCE (capable(), include/linux/cred.h), else -EPERM.
 *
 * The limits live in the thread group (tsk->signal->rlim).  Where
 * they take effect: RLIMIT_AS and RLIMIT_DATA in may_expand_vm (every
 * mmap, brk, mremap and mprotect that grows the address space or its
 * data), brk's check_data_rlimit, RLIMIT_STACK in the stack's growth
 * (acct_stack_growth) and, at exec, in the mmap_base gap
 * (arch_pick_mmap_layout): a limit set after exec changes only later
 * growth, as on Linux.  RLIMIT_MEMLOCK is mlock's (mm/mlock.c).
 *
 * Leaves out: RLIMIT_CPU's timer (no CPU time yet), LSM hooks, another
 * process's limits (prlimit64 with a pid: the language sets its own
 * actor's only), the 32-bit compat conversion.
 * Callers: the front end (mmsim_process_prlimit), tests.
 */
#include <errno.h>
#include "mmsim.h"
#include "linux/cred.h"
#include "linux/fdtable.h"
#include "linux/machine.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"

int do_prlimit(struct machine *m, struct task_struct *tsk, unsigned int resource,
	       const struct rlimit *new_rlim, struct rlimit *old_rlim)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new_rlim->rlim_max > SYSCTL_NR_OPEN)
			return -EPERM;
	}
	rlim = &tsk->signal->rlim[resource];
	if (new_rlim && new_rlim->rlim_max > rlim->rlim_max && !capable(m, CAP_SYS_RESOURCE))
		return -EPERM;
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim)
		*rlim = *new_rlim;
	return 0;
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_process_prlimit(struct machine *m, const char *name, unsigned int resource,
			  const uint64_t *new_cur_max, uint64_t *old_cur_max)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	struct rlimit new_rlim, old_rlim;
	int ret;

	if (!tsk)
		return -ESRCH;
	if (new_cur_max) {
		new_rlim.rlim_cur = new_cur_max[0];
		new_rlim.rlim_max = new_cur_max[1];
	}
	ret = do_prlimit(m, tsk, resource, new_cur_max ? &new_rlim : NULL,
			 old_cur_max ? &old_rlim : NULL);
	task_leave(m, &save);
	if (!ret && old_cur_max) {
		old_cur_max[0] = old_rlim.rlim_cur;
		old_cur_max[1] = old_rlim.rlim_max;
	}
	return ret;
}
