// SPDX-License-Identifier: GPL-2.0-only
/*
 * The interactive shell, `mmsim` with no script: a prompt with line
 * editing and history (libedit, history kept in ~/.mmsim_history), the
 * same language as scripts, `help`, and exit/quit/EOF to leave.  Errors
 * are printed and the shell goes on.  When stdin is not a terminal, lines
 * are read plainly, without prompt or history.  Caller: main.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <editline/readline.h>
#include "mmsim.h"
#include "script.h"
#include "shell.h"

#define SHELL_PROMPT	"mmsim> "
#define HISTORY_FILE	".mmsim_history"
#define HISTORY_MAX	1000

/* True if @line is exit or quit, alone. */
static bool is_exit(const char *line)
{
	size_t n;

	line += strspn(line, " \t");
	n = strcspn(line, " \t\r\n");
	if (line[n + strspn(line + n, " \t\r\n")])
		return false;
	return (n == 4 && !strncmp(line, "exit", 4)) || (n == 4 && !strncmp(line, "quit", 4));
}

/* ~/.mmsim_history, or NULL when there is no home. */
static char *history_path(void)
{
	const char *home = getenv("HOME");
	size_t n;
	char *p;

	if (!home || !*home)
		return NULL;
	n = strlen(home) + sizeof(HISTORY_FILE) + 2;
	p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", home, HISTORY_FILE);
	return p;
}

static void shell_tty(struct script *s)
{
	char *hist = history_path(), *line;

	printf("mmsim %s - the Linux memory manager in user space.\n"
	       "Type help for the commands, exit or Ctrl-D to leave.  The first command\n"
	       "that needs a machine boots the default one (%s).\n",
	       MMSIM_VERSION, MMSIM_DEFAULT_CMDLINE);
	using_history();
	stifle_history(HISTORY_MAX);
	if (hist)
		read_history(hist);	/* a missing file is fine */
	while ((line = readline(SHELL_PROMPT))) {
		if (line[strspn(line, " \t")])
			add_history(line);
		if (is_exit(line)) {
			free(line);
			break;
		}
		script_run_text(s, line);
		free(line);
	}
	if (hist)
		write_history(hist);	/* failures are ignored */
	free(hist);
}

static void shell_pipe(struct script *s)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, stdin) > 0) {
		if (is_exit(line))
			break;
		script_run_text(s, line);
	}
	free(line);
}

int shell_main(struct script *s)
{
	s->interactive = true;
	if (isatty(STDIN_FILENO))
		shell_tty(s);
	else
		shell_pipe(s);
	return script_exit_status(s, CMD_OK);
}
