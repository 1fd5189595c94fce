// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-process directories of /proc (Linux's fs/proc/base.c): /proc/PID
 * with its cmdline, comm, limits, maps, oom_score_adj, pagemap, smaps, smaps_rollup,
 * stat, statm and status files, created when a process is spawned
 * and removed when it exits, and the language's rule that a process name stands for its
 * pid in /proc paths (/proc/db/maps is /proc/1/maps while db is pid 1).
 *
 * /proc/self is the current task's directory while a process runs a verb
 * (m->current_pid); a script line is read by no process, so there it does
 * not exist (ENOENT), as /proc/self would not for a reader outside the
 * machine.
 *
 * Leaves out: every other file of /proc/PID (oom_score, oom_adj...),
 * writing comm, /proc/PID/task.
 * Callers: kernel/process.c (proc_pid_register, proc_pid_unregister),
 * fs/kernfs.c (proc_pid_name_path, on every path).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "linux/kstrtox.h"
#include "linux/machine.h"
#include "linux/mm_struct.h"
#include "linux/proc_fs.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"
#include "internal.h"

/* /proc/PID/comm (comm_show): the name and a newline. */
static int proc_pid_comm_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;

	seq_printf(sf, "%s\n", tsk->comm);
	return 0;
}

static const struct kernfs_ops proc_pid_comm_operations = { .show = proc_pid_comm_show };

/* /proc/PID/oom_score_adj (oom_score_adj_read): the value and a newline. */
static int proc_oom_score_adj_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;

	seq_printf(sf, "%d\n", tsk->signal->oom_score_adj);
	return 0;
}

/*
 * oom_score_adj_write: an integer in any base kstrtoint(s, 0) reads,
 * spaces around it stripped; kstrtoint's -EINVAL/-ERANGE for anything
 * else, -EINVAL outside OOM_SCORE_ADJ_MIN..MAX.  Processes run as root
 * (CAP_SYS_RESOURCE), so lowering it is always allowed.
 */
static int proc_oom_score_adj_write(struct machine *m, void *data, const char *buf)
{
	struct task_struct *tsk = data;
	char val[32];
	size_t b = 0, e = strlen(buf);
	int adj, ret;

	(void)m;
	while (b < e && isspace((unsigned char)buf[b]))
		b++;
	while (e > b && isspace((unsigned char)buf[e - 1]))
		e--;
	if (e - b >= sizeof(val))	/* Linux copies at most PROC_NUMBUF - 1 bytes */
		return -EINVAL;
	memcpy(val, buf + b, e - b);
	val[e - b] = '\0';
	ret = kstrtoint(val, 0, &adj);
	if (ret)
		return ret;
	if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	tsk->signal->oom_score_adj = (short)adj;
	return 0;
}

static const struct kernfs_ops proc_oom_score_adj_operations = {
	.show = proc_oom_score_adj_show,
	.write = proc_oom_score_adj_write,
};

/* proc_pid_limits's names and units, by RLIMIT_* number. */
static const struct {
	const char *name;
	const char *unit;		/* NULL: no unit column */
} lnames[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { "Max cpu time", "seconds" },
	[RLIMIT_FSIZE] = { "Max file size", "bytes" },
	[RLIMIT_DATA] = { "Max data size", "bytes" },
	[RLIMIT_STACK] = { "Max stack size", "bytes" },
	[RLIMIT_CORE] = { "Max core file size", "bytes" },
	[RLIMIT_RSS] = { "Max resident set", "bytes" },
	[RLIMIT_NPROC] = { "Max processes", "processes" },
	[RLIMIT_NOFILE] = { "Max open files", "files" },
	[RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
	[RLIMIT_AS] = { "Max address space", "bytes" },
	[RLIMIT_LOCKS] = { "Max file locks", "locks" },
	[RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
	[RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
	[RLIMIT_NICE] = { "Max nice priority", NULL },
	[RLIMIT_RTPRIO] = { "Max realtime priority", NULL },
	[RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
};

/* One limit column: "unlimited" or the number, left-aligned in 20. */
static void seq_rlim(struct seq_file *sf, unsigned long val)
{
	if (val == RLIM_INFINITY)
		seq_printf(sf, "%-20s ", "unlimited");
	else
		seq_printf(sf, "%-20lu ", val);
}

/* /proc/PID/limits (proc_pid_limits): a header, then one line per limit. */
static int proc_pid_limits_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;

	seq_printf(sf, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		seq_printf(sf, "%-25s ", lnames[i].name);
		seq_rlim(sf, tsk->signal->rlim[i].rlim_cur);
		seq_rlim(sf, tsk->signal->rlim[i].rlim_max);
		if (lnames[i].unit)
			seq_printf(sf, "%-10s\n", lnames[i].unit);
		else
			seq_putc(sf, '\n');
	}
	return 0;
}

static const struct kernfs_ops proc_pid_limits_operations = { .show = proc_pid_limits_show };

/*
 * /proc/PID/cmdline (proc_pid_cmdline_read, get_mm_cmdline): the bytes
 * of [arg_start, arg_end), the argument strings each ending in a NUL, as
 * exec copied them (fs/exec.c keeps them in the mm until the stack has
 * pages); empty for a process without an mm.
 */
static int proc_pid_cmdline_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;

	for (unsigned int i = 0; tsk->mm && i < tsk->mm->arg_len; i++)
		seq_putc(sf, tsk->mm->arg_bytes[i]);
	return 0;
}

static const struct kernfs_ops proc_pid_cmdline_operations = { .show = proc_pid_cmdline_show };

/* The files of /proc/PID, as Linux's tgid_base_stuff names them. */
static const struct {
	const char *name;
	unsigned int mode;
	const struct kernfs_ops *ops;
} tgid_base_stuff[] = {
	{ "cmdline", 0444, &proc_pid_cmdline_operations },
	{ "comm", 0444, &proc_pid_comm_operations },	/* 0644 on Linux: not writable yet */
	{ "limits", 0444, &proc_pid_limits_operations },
	{ "maps", 0444, &proc_pid_maps_operations },
	{ "oom_score_adj", 0644, &proc_oom_score_adj_operations },
	{ "pagemap", 0400, &proc_pagemap_operations },	/* binary (task_mmu_pagemap.c) */
	{ "smaps", 0444, &proc_pid_smaps_operations },
	{ "smaps_rollup", 0444, &proc_pid_smaps_rollup_operations },
	{ "stat", 0444, &proc_pid_stat_operations },
	{ "statm", 0444, &proc_pid_statm_operations },
	{ "status", 0444, &proc_pid_status_operations },
};

int proc_pid_register(struct machine *m, struct task_struct *tsk)
{
	char path[64];
	int ret;

	for (size_t i = 0; i < sizeof(tgid_base_stuff) / sizeof(tgid_base_stuff[0]); i++) {
		snprintf(path, sizeof(path), "/proc/%d/%s", tsk->pid, tgid_base_stuff[i].name);
		ret = kernfs_create_file(m, path, tgid_base_stuff[i].mode, tgid_base_stuff[i].ops,
					 tsk);
		if (ret) {
			proc_pid_unregister(m, tsk);
			return ret;
		}
	}
	ret = proc_fd_register(m, tsk);		/* /proc/PID/fd (fs/proc/fd.c) */
	if (ret)
		proc_pid_unregister(m, tsk);
	return ret;
}

void proc_pid_unregister(struct machine *m, struct task_struct *tsk)
{
	char path[32];

	snprintf(path, sizeof(path), "/proc/%d", tsk->pid);
	kernfs_remove(m, path);
}

bool proc_pid_name_path(struct machine *m, const char *path, char *buf, size_t len)
{
	const char *name = path + 6, *slash;
	char comm[TASK_COMM_LEN];
	struct task_struct *tsk;
	size_t n;
	int w;

	if (!m->last_pid || strncmp(path, "/proc/", 6))	/* no process ever spawned */
		return false;
	slash = strchr(name, '/');
	n = slash ? (size_t)(slash - name) : strlen(name);
	if (!n || n >= sizeof(comm))
		return false;
	memcpy(comm, name, n);
	comm[n] = '\0';
	if (!strcmp(comm, "self")) {		/* proc_self_get_link: the current task */
		if (!m->current_pid)		/* a script line: no process reads */
			return false;
		w = snprintf(buf, len, "/proc/%d%s", m->current_pid, slash ? slash : "");
		return w > 0 && (size_t)w < len;
	}
	tsk = find_task(m, comm);	/* zombies too: their /proc/PID stays */
	if (!tsk)
		return false;
	w = snprintf(buf, len, "/proc/%d%s", tsk->pid, slash ? slash : "");
	return w > 0 && (size_t)w < len;
}
