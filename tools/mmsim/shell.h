/* SPDX-License-Identifier: GPL-2.0-only */
/* The interactive shell of the mmsim front end (shell.c). */
#ifndef _MMSIM_TOOLS_SHELL_H
#define _MMSIM_TOOLS_SHELL_H

struct script;

/*
 * shell_main - read commands from stdin until exit, quit or EOF, with a
 * prompt, line editing and history when stdin is a terminal.  Errors are
 * reported and the shell goes on.  Returns the exit status: 1 if an
 * expect failed, else 0.
 */
int shell_main(struct script *s);

#endif
