// SPDX-License-Identifier: GPL-2.0-only
/*
 * Processes in the language: `spawn NAME [oom_score_adj=N] [cpu=N]
 * [uid=N]` starts one (silent, as a shell starting a program in the
 * background prints nothing here), `ps` lists the processes as procps'
 * `ps -e` does (PID TTY TIME CMD; a zombie's CMD ends in <defunct>),
 * `kill NAME [SIG]` sends a signal as kill(1), and the process actor
 * `NAME: VERB` runs a verb as that task; this file has the verbs of its
 * life (fork, vfork, clone, exec, exit, wait), cmd_mman.c the memory
 * syscalls.  Calls print as strace prints them (fork() = 5).
 * A task that has exited has its later commands skipped with a note, as
 * the issue asks, and so has a vfork parent while its child runs (it
 * sleeps in vfork) and a stopped process; a name never started is a
 * script error.
 * Caller: script.c through process_commands and process_verbs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

/* True if @name is on the list of tasks ever started on this machine. */
static bool was_started(const struct script *s, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = s->exited; p && *p; p = strchr(p, '\n') + 1)
		if (!strncmp(p, name, n) && p[n] == '\n')
			return true;
	return false;
}

/* Remember @name as started (its commands are skipped once it is gone). */
static void remember_task(struct script *s, const char *name)
{
	size_t old = s->exited ? strlen(s->exited) : 0;
	char *p;

	if (was_started(s, name))
		return;
	p = realloc(s->exited, old + strlen(name) + 2);
	if (!p)
		abort();
	sprintf(p + old, "%s\n", name);
	s->exited = p;
}

enum cmd_result process_actor_check(struct script *s, const char *name, bool *skip)
{
	struct mmsim_process p;

	*skip = false;
	if (mmsim_task_lookup(s->m, name, &p) == 0) {
		if (p.state == 'Z')
			script_note(s, "%s: the process has exited (a zombie until its parent waits); command skipped",
				    name);
		else if (p.state == 'D')
			script_note(s, "%s: sleeping in vfork() until %s execs or exits; command skipped",
				    name, p.vfork_child);
		else if (p.state == 'T')
			script_note(s, "%s: stopped by a signal (kill %s CONT resumes it); command skipped",
				    name, name);
		else
			return CMD_OK;
		*skip = true;
		return CMD_OK;
	}
	if (was_started(s, name)) {
		script_note(s, "%s: the process has exited; command skipped", name);
		*skip = true;
		return CMD_OK;
	}
	return script_error(s, "unknown actor \"%s:\" (expected kernel: or a process started with spawn %s)",
			    name, name);
}

/* An integer option value: decimal, within [lo, hi]. */
static bool parse_int_option(const char *text, long lo, long hi, long *out)
{
	char *end;
	long v;

	if (!*text)
		return false;
	v = strtol(text, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

#define SPAWN_USAGE "spawn NAME [oom_score_adj=N] [cpu=N] [uid=N]"

static enum cmd_result cmd_spawn(struct script *s, int argc, struct word *argv)
{
	const char *adj = NULL;
	long cpu = -1, uid = -1, v;
	char path[64];
	int ret, pid;

	if (argc < 2 || argv[1].op)
		return script_error(s, "spawn: missing process name (expected " SPAWN_USAGE ", such as spawn db)");
	for (int i = 2; i < argc; i++) {
		const char *t = argv[i].text;

		if (argv[i].op)
			t = "";
		if (!strncmp(t, "oom_score_adj=", 14)) {
			adj = t + 14;
			if (!parse_int_option(adj, -1000, 1000, &v))
				return script_error(s, "spawn: bad oom_score_adj \"%s\" (expected an integer from -1000 to 1000)",
						    adj);
		} else if (!strncmp(t, "cpu=", 4)) {
			if (!parse_int_option(t + 4, 0, 1 << 20, &cpu) || cpu >= mmsim_nr_cpus(s->m))
				return script_error(s, "spawn: no CPU \"%s\" (expected cpu=0 to cpu=%d: EINVAL)",
						    t + 4, mmsim_nr_cpus(s->m) - 1);
		} else if (!strncmp(t, "uid=", 4)) {
			if (!parse_int_option(t + 4, 0, 0xfffffffeL, &uid) || uid > 0x7fffffff)
				return script_error(s, "spawn: bad uid \"%s\" (expected a user id from 0 to 2147483647)",
						    t + 4);
		} else {
			return script_error(s, "spawn: unexpected \"%s\" (expected " SPAWN_USAGE ")",
					    argv[i].text);
		}
	}
	ret = mmsim_spawn_as(s->m, argv[1].text, (int)cpu, (int)uid, &pid);
	if (!ret && adj) {	/* as a shell's echo N > /proc/PID/oom_score_adj */
		snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
		ret = mmsim_write(s->m, path, adj);
	}
	if (ret == -EINVAL || ret == -ENAMETOOLONG)
		return script_error(s, "spawn: bad name \"%s\" (expected 1 to 15 letters, digits, _ or -, not all digits, not kernel)",
				    argv[1].text);
	if (ret == -EEXIST)
		return script_error(s, "spawn: a process named %s exists (expected a new name, or %s: exit first)",
				    argv[1].text, argv[1].text);
	if (ret) {		/* -ENOMEM, -EAGAIN: the kernel refused; fork(2) would */
		printf("spawn %s: fork: %s\n", argv[1].text, errno_text(-ret));
	} else {
		remember_task(s, argv[1].text);
		process_forget_vars(s, argv[1].text);
	}
	s->have_last = true;
	s->last_err = ret;
	return CMD_OK;
}

static enum cmd_result cmd_ps(struct script *s, int argc, struct word *argv)
{
	struct mmsim_process p;

	if (argc > 1)
		return script_error(s, "ps: unexpected \"%s\" (expected ps alone: it lists every process)",
				    argv[1].text);
	printf("%7s %-8s %8s %s\n", "PID", "TTY", "TIME", "CMD");
	for (size_t i = 0; mmsim_process_at(s->m, i, &p) == 0; i++)
		printf("%7d %-8s %8s %s%s\n", p.pid, "?", "00:00:00", p.comm,
		       p.state == 'Z' ? " <defunct>" : "");
	return CMD_OK;
}

/* kill NAME [SIG]: SIG as kill(1) takes it: TERM, SIGTERM, 15, -9, -KILL. */
static enum cmd_result cmd_kill(struct script *s, int argc, struct word *argv)
{
	struct mmsim_process p;
	const char *name, *sigtext = "TERM";
	int sig, ret;

	if (argc < 2 || argc > 3 || argv[1].op || (argc == 3 && argv[2].op))
		return script_error(s, "kill: %s (expected kill NAME [SIG], such as kill db or kill db KILL)",
				    argc < 2 ? "missing process name" : "unexpected arguments");
	name = argv[1].text;
	if (argc == 3)
		sigtext = argv[2].text[0] == '-' ? argv[2].text + 1 : argv[2].text;
	sig = !strcmp(sigtext, "0") ? 0 : mmsim_signal_number(sigtext);
	if (!sig && strcmp(sigtext, "0"))
		return script_error(s, "kill: %s: invalid signal specification (expected a name such as TERM, KILL, STOP, CONT or a number 1-64)",
				    sigtext);
	if (mmsim_task_lookup(s->m, name, &p) && !was_started(s, name))
		return script_error(s, "kill: no process \"%s\" (expected a process started with spawn %s)",
				    name, name);
	ret = mmsim_kill(s->m, name, sig);
	if (ret == -ESRCH)	/* bash's kill builtin */
		printf("kill: (%s) - No such process\n", name);
	s->have_last = true;
	s->last_err = ret;
	return CMD_OK;
}

/* The parent's named mappings become the child's too (the same addresses). */
static void copy_vars(struct script *s, const char *from, const char *to)
{
	process_forget_vars(s, to);
	for (struct proc_var *v = s->vars; v; v = v->next) {
		struct proc_var *n;

		if (strcmp(v->proc, from))
			continue;
		n = calloc(1, sizeof(*n));
		if (!n)
			abort();
		*n = *v;
		n->proc = strdup(to);
		n->name = strdup(v->name);
		if (!n->proc || !n->name)
			abort();
		n->next = s->vars;
		s->vars = n;
	}
}

static const char *const clone_calls[] = {
	[MMSIM_CLONE_FORK] = "fork()",
	[MMSIM_CLONE_VFORK] = "vfork()",
	[MMSIM_CLONE_THREAD] = "clone(child_stack=NULL, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD)",
};
static const char *const clone_verbs[] = { "fork", "vfork", "clone" };

#define USER_CPU_SETSIZE	1024	/* glibc's cpu_set_t: 128 bytes, CPUs 0-1023 */

/* strace's bitset: [0 2 3] (the CPUs of @mask, @nbits bits). */
static void print_cpu_set(const uint64_t *mask, int nbits)
{
	const char *sep = "";

	putchar('[');
	for (int cpu = 0; cpu < nbits; cpu++)
		if (mask[cpu / 64] >> (cpu % 64) & 1) {
			printf("%s%d", sep, cpu);
			sep = " ";
		}
	putchar(']');
}

/* NAME: fork|vfork|clone CHILD [cpu=N] */
static enum cmd_result do_clone(struct script *s, int argc, struct word *argv, int kind)
{
	const char *verb = clone_verbs[kind], *child;
	uint64_t mask[USER_CPU_SETSIZE / 64] = { 0 };
	long cpu = -1;
	char buf[16];
	int ret, pid = 0;

	if (argc < 2 || argc > 3 || argv[1].op)
		return script_error(s, "%s: %s: %s (expected NAME: %s CHILD [cpu=N], such as %s: %s child)",
				    s->actor, verb, argc < 2 ? "missing the child's name" : "unexpected arguments",
				    verb, s->actor, verb);
	if (argc == 3 && (argv[2].op || strncmp(argv[2].text, "cpu=", 4)))
		return script_error(s, "%s: %s: unexpected \"%s\" (expected NAME: %s CHILD [cpu=N])",
				    s->actor, verb, argv[2].text, verb);
	if (argc == 3 && (!parse_int_option(argv[2].text + 4, 0, 1 << 20, &cpu) ||
			  cpu >= mmsim_nr_cpus(s->m)))
		return script_error(s, "%s: %s: no CPU \"%s\" (expected cpu=0 to cpu=%d: EINVAL)",
				    s->actor, verb, argv[2].text + 4, mmsim_nr_cpus(s->m) - 1);
	child = argv[1].text;
	ret = mmsim_process_clone_on(s->m, s->actor, child, kind, (int)cpu, &pid);
	if (ret == -EINVAL || ret == -ENAMETOOLONG)
		return script_error(s, "%s: %s: bad name \"%s\" (expected 1 to 15 letters, digits, _ or -, not all digits, not kernel)",
				    s->actor, verb, child);
	if (ret == -EEXIST)
		return script_error(s, "%s: %s: a process named %s exists (expected a new name)",
				    s->actor, verb, child);
	printf("%s: %s", s->actor, clone_calls[kind]);
	snprintf(buf, sizeof(buf), "%d", pid);
	process_print_result(s, ret, buf);
	if (!ret) {
		remember_task(s, child);
		copy_vars(s, s->actor, child);
	}
	if (!ret && cpu >= 0) {	/* glibc's pthread_create: the new tid's affinity */
		mask[cpu / 64] = 1ULL << (cpu % 64);
		printf("%s: sched_setaffinity(%d, %d, ", s->actor, pid, USER_CPU_SETSIZE / 8);
		print_cpu_set(mask, USER_CPU_SETSIZE);
		printf(")");
		process_print_result(s, 0, "0");
	}
	return CMD_OK;
}

static enum cmd_result cmd_fork(struct script *s, int argc, struct word *argv)
{
	return do_clone(s, argc, argv, MMSIM_CLONE_FORK);
}

static enum cmd_result cmd_vfork(struct script *s, int argc, struct word *argv)
{
	return do_clone(s, argc, argv, MMSIM_CLONE_VFORK);
}

static enum cmd_result cmd_clone(struct script *s, int argc, struct word *argv)
{
	return do_clone(s, argc, argv, MMSIM_CLONE_THREAD);
}

/* NAME: exec [PATH] */
static enum cmd_result cmd_exec(struct script *s, int argc, struct word *argv)
{
	char path[4096];
	int ret;

	if (argc > 2 || (argc == 2 && (argv[1].op || argv[1].text[0] != '/')))
		return script_error(s, "%s: exec: unexpected \"%s\" (expected NAME: exec [PATH], an absolute path such as /usr/bin/%s)",
				    s->actor, argv[argc - 1].text, s->actor);
	if (argc == 2)
		snprintf(path, sizeof(path), "%s", argv[1].text);
	else
		snprintf(path, sizeof(path), "/usr/bin/%s", s->actor);
	ret = mmsim_process_exec(s->m, s->actor, path);
	printf("%s: execve(\"%s\", [\"%s\"], NULL)", s->actor, path, path);
	process_print_result(s, ret, "0");
	if (!ret)
		process_forget_vars(s, s->actor);	/* a new address space */
	return CMD_OK;
}

/* NAME: exit [CODE] [thread] */
static enum cmd_result cmd_exit(struct script *s, int argc, struct word *argv)
{
	long code = 0;
	int thread = 0, ret;

	for (int i = 1; i < argc; i++) {
		if (!argv[i].op && !strcmp(argv[i].text, "thread") && !thread)
			thread = 1;
		else if (argv[i].op || i > 1 || !parse_int_option(argv[i].text, 0, 255, &code))
			return script_error(s, "%s: exit: unexpected \"%s\" (expected NAME: exit [CODE] [thread], CODE 0 to 255)",
					    s->actor, argv[i].text);
	}
	ret = mmsim_process_exit_code(s->m, s->actor, (int)code, thread);
	if (ret)		/* process_actor_check found it alive */
		return script_error(s, "%s: exit: %s", s->actor, errno_text(-ret));
	return CMD_OK;
}

/*
 * A CPU list as taskset -c and cpulist_parse take it: N, N-M, comma-
 * separated ("0,2-3"); the empty string is the empty set.  False if
 * malformed or a CPU is past USER_CPU_SETSIZE.
 */
static bool parse_cpu_list(const char *text, uint64_t *mask)
{
	const char *p = text;

	while (*p) {
		char *end;
		long lo = strtol(p, &end, 10), hi;

		if (*p < '0' || *p > '9' || lo < 0 || lo >= USER_CPU_SETSIZE)
			return false;
		hi = lo;
		if (*end == '-') {
			p = end + 1;
			hi = strtol(p, &end, 10);
			if (*p < '0' || *p > '9' || hi < lo || hi >= USER_CPU_SETSIZE)
				return false;
		}
		for (long cpu = lo; cpu <= hi; cpu++)
			mask[cpu / 64] |= 1ULL << (cpu % 64);
		if (*end == ',' && end[1])
			end++;
		else if (*end)
			return false;
		p = end;
	}
	return true;
}

/* NAME: sched_setaffinity CPULIST - sched_setaffinity(0, 128, [CPUS]) */
static enum cmd_result cmd_sched_setaffinity(struct script *s, int argc, struct word *argv)
{
	uint64_t mask[USER_CPU_SETSIZE / 64] = { 0 };
	int ret;

	if (argc != 2 || argv[1].op || !parse_cpu_list(argv[1].text, mask))
		return script_error(s, "%s: sched_setaffinity: %s \"%s\" (expected NAME: sched_setaffinity CPULIST, a list such as 1, 0-3 or 0,2-3 of CPUs below %d)",
				    s->actor, argc < 2 ? "missing CPU list" : "bad CPU list",
				    argc < 2 ? "" : argv[argc - 1].text, USER_CPU_SETSIZE);
	ret = mmsim_sched_setaffinity(s->m, s->actor, mask, USER_CPU_SETSIZE);
	printf("%s: sched_setaffinity(0, %d, ", s->actor, USER_CPU_SETSIZE / 8);
	print_cpu_set(mask, USER_CPU_SETSIZE);
	printf(")");
	process_print_result(s, ret, "0");
	return CMD_OK;
}

/* strace's decoding of a wait status. */
static void print_wait_status(int status)
{
	char sig[16];

	if ((status & 0x7f) == 0)
		printf("[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", (status >> 8) & 0xff);
	else
		printf("[{WIFSIGNALED(s) && WTERMSIG(s) == %s}]",
		       mmsim_signal_name(status & 0x7f, sig, sizeof(sig)));
}

/* NAME: wait [CHILD] - wait4(CHILD or -1, &status, WNOHANG, NULL) */
static enum cmd_result cmd_wait(struct script *s, int argc, struct word *argv)
{
	struct mmsim_process c;
	const char *child = argc == 2 ? argv[1].text : NULL;
	int ret, status = 0;
	char buf[16];

	if (argc > 2 || (child && argv[1].op))
		return script_error(s, "%s: wait: unexpected arguments (expected NAME: wait [CHILD])",
				    s->actor);
	if (child && mmsim_task_lookup(s->m, child, &c) && !was_started(s, child))
		return script_error(s, "%s: wait: no process \"%s\" (expected a child started with %s: fork %s)",
				    s->actor, child, s->actor, child);
	if (child && mmsim_task_lookup(s->m, child, &c) == 0)
		printf("%s: wait4(%d, ", s->actor, c.pid);
	else
		printf("%s: wait4(-1, ", s->actor);
	ret = mmsim_process_wait(s->m, s->actor, child, &status);
	if (ret > 0)
		print_wait_status(status);
	else
		printf("&status");
	printf(", WNOHANG, NULL)");
	snprintf(buf, sizeof(buf), "%d", ret > 0 ? ret : 0);
	process_print_result(s, ret < 0 ? ret : 0, buf);
	return CMD_OK;
}

const struct command process_commands[] = {
	{ "spawn", cmd_spawn, true, SPAWN_USAGE,
	  "start a process",
	  "Starts the process NAME (1 to 15 letters, digits, _ or -; unique\n"
	  "among live and zombie tasks).  It gets the next pid: mmsim boots no\n"
	  "init, so the first task is pid 1, then 2, 3 ...; pids are not reused.\n"
	  "Its address space holds what exec of /usr/bin/NAME (made if missing)\n"
	  "leaves with randomization off, with its own page-table root (PGD,\n"
	  "one page of PageTables).  It costs a task_struct, a 16 kB kernel\n"
	  "stack, a pid, a cred, a signal_struct, a sighand_struct, an fs_struct,\n"
	  "an mm_struct and its vm_area_structs, which exit gives back.  Its\n"
	  "parent is the shell (PPid 0), which reaps it as soon as it exits.\n"
	  "Prints nothing; when the kernel refuses (no memory, no pid) it prints\n"
	  "spawn NAME: fork: REASON and expect last == ENOMEM checks it.\n"
	  "oom_score_adj=N (-1000 to 1000) sets /proc/PID/oom_score_adj as the\n"
	  "process starts; the file is writable later too.\n"
	  "cpu=N runs it on CPU N (the kernel objects of it and its children\n"
	  "prefer that CPU's node); an error if the machine has no CPU N.\n"
	  "uid=N runs it as user N (and group N) without capabilities: the\n"
	  "overcommit admin reserve then applies to it; root (uid 0, the\n"
	  "default) has every capability.\n"
	  "\n"
	  "  spawn db\n"
	  "  spawn cache oom_score_adj=500 cpu=1 uid=1000\n"
	  "  ps\n"
	  "  db: exit\n" },
	{ "ps", cmd_ps, true, "ps",
	  "list the processes, as ps -e",
	  "Lists the processes in pid order as procps' ps -e prints them:\n"
	  "PID, TTY (? - no terminal), TIME (CPU time; 00:00:00 until there is\n"
	  "a scheduler) and CMD (the name; a zombie's ends in <defunct>).\n"
	  "Threads are not listed (ps -e lists processes) and neither are the\n"
	  "idle tasks (pid 0).\n"
	  "\n"
	  "  ps\n" },
	{ "kill", cmd_kill, true, "kill NAME [SIG]",
	  "send a signal to a process, as kill(1)",
	  "Sends SIG (default TERM; a name as TERM or SIGTERM, or a number, with\n"
	  "or without a leading -) to the process NAME (a thread's name stands\n"
	  "for its process).  No program installs handlers, so the default action\n"
	  "applies: most signals end the process (every thread; its status\n"
	  "says killed by SIG), CHLD, URG, WINCH are ignored, STOP, TSTP, TTIN,\n"
	  "TTOU stop it (T; its commands are skipped) and CONT resumes it.  A\n"
	  "stopped process keeps a fatal signal other than KILL pending until\n"
	  "CONT.  A process that is gone prints kill: (NAME) - No such process\n"
	  "and sets last = ESRCH.  Prints nothing otherwise.\n"
	  "\n"
	  "  kill db\n"
	  "  kill db KILL\n"
	  "  kill db -STOP\n" },
	{ NULL },
};

const struct command process_verbs[] = {
	{ "fork", cmd_fork, true, "fork CHILD",
	  "fork(): a child process with a copy of the address space",
	  "fork(2): a new process CHILD whose address space is a copy of NAME's:\n"
	  "every VMA but those marked MADV_DONTFORK; MADV_WIPEONFORK ones are\n"
	  "copied empty; mlock is not inherited; private writable memory is\n"
	  "charged to Committed_AS again (fork fails with ENOMEM when the\n"
	  "overcommit policy refuses).  The child has its own pid, cred,\n"
	  "signal_struct (a copy of the rlimits and oom_score_adj), fs_struct,\n"
	  "mm_struct and PGD.  Its name is CHILD (Linux's child keeps the\n"
	  "parent's name until it execs).  NAME's named mappings (VAR) are the\n"
	  "child's too.  When the child exits it stays a zombie (Z, <defunct>)\n"
	  "until NAME waits for it or exits.  Prints fork() = PID.\n"
	  "\n"
	  "  db: fork worker\n"
	  "  worker: exit 3\n"
	  "  db: wait worker\n" },
	{ "vfork", cmd_vfork, true, "vfork CHILD",
	  "vfork(): a child sharing the address space; the parent sleeps",
	  "vfork(2): CHILD shares NAME's address space (CLONE_VM|CLONE_VFORK) and\n"
	  "NAME sleeps (state D) until CHILD execs or exits: NAME's commands\n"
	  "meanwhile are skipped with a note (a kill still ends it).  Prints\n"
	  "vfork() = PID.\n"
	  "\n"
	  "  sh: vfork cmd\n"
	  "  cmd: exec /usr/bin/cmd\n" },
	{ "clone", cmd_clone, true, "clone CHILD [cpu=N]",
	  "a new thread named CHILD in NAME's process",
	  "clone(2) with CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD:\n"
	  "a thread of NAME's process.  It shares the mm (mm_users), rlimits,\n"
	  "oom_score_adj and signals; /proc/PID/status shows Threads: 2.  Its\n"
	  "name addresses the thread: CHILD: mmap ... runs in the shared address\n"
	  "space; CHILD: exit thread ends only it.  Prints clone(...) = TID.\n"
	  "It runs on NAME's CPU; cpu=N pins it to CPU N instead, as\n"
	  "pthread_attr_setaffinity_np does (glibc then calls\n"
	  "sched_setaffinity(TID, 128, [N]), printed too): CPU N loads the mm and\n"
	  "joins its mm_cpumask, so TLB flushes of the mm from another CPU send\n"
	  "it an IPI (/proc/interrupts TLB:).  fork and vfork take cpu=N too.\n"
	  "\n"
	  "  db: clone db-worker\n"
	  "  db: clone db-io cpu=1\n"
	  "  db-worker: mmap buf 1M\n" },
	{ "sched_setaffinity", cmd_sched_setaffinity, true, "sched_setaffinity CPULIST",
	  "sched_setaffinity(): the CPUs the task may run on, as taskset -pc",
	  "sched_setaffinity(0, 128, [CPUS]) by the task NAME (a thread: only\n"
	  "that thread), CPULIST as taskset -c takes it (1, 0-3, 0,2-3).  CPUs\n"
	  "the machine lacks are dropped from the mask, as Linux does; none left\n"
	  "(or an empty list \"\") is -1 EINVAL.  If the task's CPU is not in the\n"
	  "mask it moves to the next allowed CPU after the calling CPU's last\n"
	  "pick, wrapping (cpumask_any_and_distribute), which loads its mm\n"
	  "(switch_mm_irqs_off: it joins the mm's mm_cpumask); the CPU it left\n"
	  "goes idle in lazy TLB mode unless another thread of the mm runs\n"
	  "there.  /proc/NAME/stat's processor field shows the CPU.\n"
	  "\n"
	  "  db: sched_setaffinity 1\n"
	  "  db: sched_setaffinity 0-1\n" },
	{ "exec", cmd_exec, true, "exec [PATH]",
	  "execve(): run a new program in a new address space",
	  "execve(2) of PATH (default /usr/bin/NAME, made if missing): a new\n"
	  "address space replaces the old one (its VMAs, named mappings and\n"
	  "commit charges go), the credentials are renewed, other threads of\n"
	  "the process exit, and a vfork parent wakes up.  The name stays NAME.\n"
	  "Prints execve(\"PATH\", [\"PATH\"], NULL) = 0, or the error (ENOENT...).\n"
	  "\n"
	  "  db: exec\n"
	  "  db: exec /usr/bin/other\n" },
	{ "exit", cmd_exit, true, "exit [CODE] [thread]",
	  "the process exits",
	  "exit_group(CODE) (CODE 0 to 255, default 0): every thread of the\n"
	  "process exits; with thread, exit(CODE) of this task alone (a thread\n"
	  "group leader that exits so while its threads run stays a zombie\n"
	  "until the last one exits).  The address space, kernel stack and\n"
	  "fs_struct go at once; a forked child stays a zombie (task_struct,\n"
	  "pid, cred, signal) until its parent waits or exits; a spawned process\n"
	  "is reaped at once.  Its children lose their parent (PPid 0: mmsim\n"
	  "has no init) and are reaped when they exit.  Later commands of NAME\n"
	  "are skipped with a note.  Prints nothing.\n"
	  "\n"
	  "  db: exit\n"
	  "  worker: exit 3\n" },
	{ "wait", cmd_wait, true, "wait [CHILD]",
	  "wait4(): reap an exited child",
	  "wait4(CHILD or -1, &status, WNOHANG, NULL): reaps a zombie child (that\n"
	  "one, or any) and prints its pid and status as strace decodes it; 0\n"
	  "when the children are all still running (mmsim never blocks);\n"
	  "-1 ECHILD when there is no such child.\n"
	  "\n"
	  "  db: wait\n"
	  "  db: wait worker\n" },
	{ NULL },
};

const struct command process_actor_command = {
	"NAME:", NULL, true, "NAME: VERB ARGUMENTS...",
	"run a verb as the process NAME",
	"A process started with spawn NAME (or a child or thread it made) runs\n"
	"verbs as NAME: VERB (or NAME:VERB).  Verbs:\n"
	"  NAME: mmap VAR SIZE [file=PATH [offset=N]] [OPTIONS]\n"
	"  NAME: munmap VAR[START:END]\n"
	"  NAME: mprotect VAR[START:END] r|rw|rx|rwx|none\n"
	"  NAME: brk SIZE|+DELTA|-DELTA\n"
	"  NAME: fork CHILD | vfork CHILD | clone CHILD [cpu=N]\n"
	"  NAME: sched_setaffinity CPULIST\n"
	"  NAME: exec [PATH]\n"
	"  NAME: exit [CODE] [thread]\n"
	"  NAME: wait [CHILD]\n"
	"A task that has exited, a vfork parent whose child runs and a stopped\n"
	"process skip their commands with a note; a name never started is an\n"
	"error.\n"
	"\n"
	"  spawn web\n"
	"  web: fork worker\n"
	"  web: exit\n",
};
