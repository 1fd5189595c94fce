// SPDX-License-Identifier: GPL-2.0-only
/*
 * Processes in the language: `spawn NAME` starts one (silent, as a shell
 * starting a program in the background prints nothing here), `ps` lists
 * the live ones as procps' `ps -e` does (PID TTY TIME CMD: no terminal,
 * no CPU time yet), and the process actor `NAME: VERB` runs a verb as
 * that process; this file has the verbs of its life (exit), cmd_mman.c
 * the memory syscalls.  A process that exited has its later commands
 * skipped with a note, as the issue asks; a name never spawned is a
 * script error.
 * Leaves out: spawn's options cpu= and uid=, exit codes, kill, fork/exec.
 * Caller: script.c through process_commands and process_verbs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

/* True if @name is on the list of processes that exited on this machine. */
static bool has_exited(const struct script *s, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = s->exited; p && *p; p = strchr(p, '\n') + 1)
		if (!strncmp(p, name, n) && p[n] == '\n')
			return true;
	return false;
}

static void remember_exit(struct script *s, const char *name)
{
	size_t old = s->exited ? strlen(s->exited) : 0;
	char *p = realloc(s->exited, old + strlen(name) + 2);

	if (!p)
		abort();
	sprintf(p + old, "%s\n", name);
	s->exited = p;
}

/* Forget @name among the exited (it is spawned again). */
static void forget_exit(struct script *s, const char *name)
{
	size_t n = strlen(name);

	for (char *p = s->exited; p && *p; p = strchr(p, '\n') + 1)
		if (!strncmp(p, name, n) && p[n] == '\n') {
			memmove(p, p + n + 1, strlen(p + n + 1) + 1);
			return;
		}
}

enum cmd_result process_actor_check(struct script *s, const char *name, bool *skip)
{
	struct mmsim_process p;

	*skip = false;
	for (size_t i = 0; mmsim_process_at(s->m, i, &p) == 0; i++)
		if (!strcmp(p.comm, name))
			return CMD_OK;
	if (has_exited(s, name)) {
		script_note(s, "%s: the process has exited; command skipped", name);
		*skip = true;
		return CMD_OK;
	}
	return script_error(s, "unknown actor \"%s:\" (expected kernel: or a process started with spawn %s)",
			    name, name);
}

static enum cmd_result cmd_spawn(struct script *s, int argc, struct word *argv)
{
	const char *adj = NULL;
	char path[64];
	int ret, pid;

	if (argc < 2 || argv[1].op)
		return script_error(s, "spawn: missing process name (expected spawn NAME, such as spawn db)");
	for (int i = 2; i < argc; i++) {
		char *end;
		long v;

		if (argv[i].op || strncmp(argv[i].text, "oom_score_adj=", 14))
			return script_error(s, "spawn: unexpected \"%s\" (expected spawn NAME [oom_score_adj=N])",
					    argv[i].text);
		adj = argv[i].text + 14;
		v = strtol(adj, &end, 10);
		if (!*adj || *end || v < -1000 || v > 1000)
			return script_error(s, "spawn: bad oom_score_adj \"%s\" (expected an integer from -1000 to 1000)",
					    adj);
	}
	ret = mmsim_spawn(s->m, argv[1].text, &pid);
	if (!ret && adj) {	/* as a shell's echo N > /proc/PID/oom_score_adj */
		snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
		ret = mmsim_write(s->m, path, adj);
	}
	if (ret == -EINVAL || ret == -ENAMETOOLONG)
		return script_error(s, "spawn: bad name \"%s\" (expected 1 to 15 letters, digits, _ or -, not all digits, not kernel)",
				    argv[1].text);
	if (ret == -EEXIST)
		return script_error(s, "spawn: a process named %s is running (expected a new name, or %s: exit first)",
				    argv[1].text, argv[1].text);
	if (ret) {		/* -ENOMEM, -EAGAIN: the kernel refused; fork(2) would */
		printf("spawn %s: fork: %s\n", argv[1].text, errno_text(-ret));
	} else {
		forget_exit(s, argv[1].text);
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
		printf("%7d %-8s %8s %s\n", p.pid, "?", "00:00:00", p.comm);
	return CMD_OK;
}

static enum cmd_result cmd_exit(struct script *s, int argc, struct word *argv)
{
	int ret;

	if (argc > 1)
		return script_error(s, "%s: exit: unexpected \"%s\" (expected NAME: exit; exit codes come later)",
				    s->actor, argv[1].text);
	ret = mmsim_process_exit(s->m, s->actor);
	if (ret)		/* process_actor_check found it alive */
		return script_error(s, "%s: exit: %s", s->actor, errno_text(-ret));
	remember_exit(s, s->actor);
	process_forget_vars(s, s->actor);
	return CMD_OK;
}

const struct command process_commands[] = {
	{ "spawn", cmd_spawn, true, "spawn NAME [oom_score_adj=N]",
	  "start a process",
	  "Starts the process NAME (1 to 15 letters, digits, _ or -; unique\n"
	  "among live processes).  It gets the next pid: mmsim boots no init,\n"
	  "so the first process is pid 1, then 2, 3 ...; pids are not reused.\n"
	  "Its address space holds what exec leaves with randomization off:\n"
	  "/usr/bin/NAME (made if missing) as a small static binary at\n"
	  "0x400000 with its bss and the heap start after it, the 132 KiB\n"
	  "[stack] below 0x7ffffffff000 and the vDSO ([vvar], [vvar_vclock],\n"
	  "[vdso]) top-down under mmap_base.  It costs a task_struct, a 16 kB\n"
	  "kernel stack, an mm_struct and nine vm_area_structs, which NAME:\n"
	  "exit gives back.\n"
	  "Prints nothing; when the kernel refuses (no memory, no pid) it prints\n"
	  "spawn NAME: fork: REASON and expect last == ENOMEM checks it.\n"
	  "oom_score_adj=N (-1000 to 1000) sets /proc/PID/oom_score_adj as the\n"
	  "process starts; the file is writable later too.\n"
	  "\n"
	  "  spawn db\n"
	  "  spawn cache oom_score_adj=500\n"
	  "  ps\n"
	  "  db: exit\n" },
	{ "ps", cmd_ps, true, "ps",
	  "list the processes, as ps -e",
	  "Lists the live processes in pid order as procps' ps -e prints them:\n"
	  "PID, TTY (? - no terminal), TIME (CPU time; 00:00:00 until there is\n"
	  "a scheduler) and CMD (the name).  The idle tasks (pid 0) are not\n"
	  "listed, as ps never lists them.\n"
	  "\n"
	  "  ps\n" },
	{ NULL },
};

const struct command process_verbs[] = {
	{ "exit", cmd_exit, true, "exit",
	  "the process exits",
	  "The process exits: its address space (every VMA and the mm_struct)\n"
	  "and its task (task_struct and kernel stack) are freed.  Later\n"
	  "commands of NAME are skipped with a note until spawn NAME again.\n"
	  "\n"
	  "  db: exit\n" },
	{ NULL },
};

const struct command process_actor_command = {
	"NAME:", NULL, true, "NAME: VERB ARGUMENTS...",
	"run a verb as the process NAME",
	"A process started with spawn NAME runs verbs as NAME: VERB (or\n"
	"NAME:VERB).  Verbs:\n"
	"  NAME: mmap VAR SIZE [file=PATH [offset=N]] [OPTIONS]\n"
	"  NAME: munmap VAR[START:END]\n"
	"  NAME: mprotect VAR[START:END] r|rw|rx|rwx|none\n"
	"  NAME: brk SIZE|+DELTA|-DELTA\n"
	"  NAME: exit\n"
	"A process that has exited skips its commands with a note; a name never\n"
	"spawned is an error.\n"
	"\n"
	"  spawn web\n"
	"  web: exit\n",
};
