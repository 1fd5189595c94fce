// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one interpreter of the workload language, shared by script files,
 * `mmsim run -c` and the interactive shell: it cuts lines into commands,
 * finds each command in the families' tables, boots the default machine
 * the first time a command needs one, runs the validators after every
 * command under --validate, and reports errors as "FILE:LINE: what was
 * wrong (what was expected)".  Leaves out: control flow, variables,
 * background commands (later issues).  Callers: main.c, shell.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

static enum cmd_result cmd_help(struct script *s, int argc, struct word *argv);

/* Commands of the interpreter itself. */
static const struct command script_commands[] = {
	{ "help", cmd_help, false, "help [COMMAND]",
	  "list the commands, or explain one",
	  "Without an argument, lists every command with a one-line summary.\n"
	  "With one, shows its usage, what it does and examples.\n"
	  "\n"
	  "  help\n"
	  "  help expect\n"
	  "  help kernel\n" },
	{ NULL },
};

/* Every table of top-level commands, in the order `help` lists them. */
static const struct command *const command_tables[] = {
	machine_commands, file_commands, fs_commands, process_commands, expect_commands,
	page_types_commands, access_commands, script_commands,
};

const struct command *const process_verb_tables[] = {
	mman_verbs, mremap_verbs, madvise_verbs, process_verbs, file_verbs, access_verbs, NULL,
};

void script_init(struct script *s, const char *file, uint64_t seed, bool validate)
{
	memset(s, 0, sizeof(*s));
	s->file = file;
	s->seed = seed;
	s->validate = validate;
}

void script_forget_sets(struct script *s)
{
	while (s->sets) {
		struct page_set *ps = s->sets;

		s->sets = ps->next;
		free(ps->name);
		free(ps->pfns);
		free(ps->cache);
		free(ps);
	}
}

static void script_forget_machine(struct script *s)
{
	script_forget_sets(s);
	if (s->m)
		mmsim_destroy(s->m);
	s->m = NULL;
	process_forget_vars(s, NULL);
	free(s->exited);
	s->exited = NULL;
	s->dmesg_clear_len = 0;
	free(s->dmesg_clear_line);
	s->dmesg_clear_line = NULL;
}

void script_fini(struct script *s)
{
	script_forget_machine(s);
	script_forget_saved(s);
}

static void script_vreport(struct script *s, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s:%u: ", s->file, s->line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
}

enum cmd_result script_error(struct script *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	script_vreport(s, fmt, ap);
	va_end(ap);
	return CMD_ERROR;
}

void script_note(struct script *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	script_vreport(s, fmt, ap);
	va_end(ap);
}

enum cmd_result script_boot(struct script *s, const char *cmdline)
{
	struct machine *m = NULL;
	char err[256] = "";
	int ret;

	ret = mmsim_boot(cmdline, s->seed, &m, err, sizeof(err));
	if (ret == -ENOMEM && err[0])
		return script_error(s, "boot: %s", err);
	if (ret == -ENOMEM)
		return script_error(s, "boot: %s: %s (expected a machine that fits in this host's memory)",
				    cmdline, errno_text(ENOMEM));
	if (ret || !m)
		return script_error(s, "boot: %s", err[0] ? err : "the kernel could not boot (expected a valid command line)");
	script_forget_machine(s);
	s->m = m;
	return CMD_OK;
}

enum cmd_result script_need_machine(struct script *s)
{
	return s->m ? CMD_OK : script_boot(s, MMSIM_DEFAULT_CMDLINE);
}

const struct command *script_find_command(const char *name, bool actor)
{
	const struct command *c;

	if (actor) {
		for (c = kernel_commands; c->name; c++)
			if (!strcmp(c->name, name))
				return c;
		return NULL;
	}
	for (size_t t = 0; t < sizeof(command_tables) / sizeof(command_tables[0]); t++)
		for (c = command_tables[t]; c->name; c++)
			if (!strcmp(c->name, name))
				return c;
	return NULL;
}

/* The verb @name of a process actor, or NULL. */
static const struct command *find_process_verb(const char *name)
{
	for (size_t t = 0; process_verb_tables[t]; t++)
		for (const struct command *c = process_verb_tables[t]; c->name; c++)
			if (!strcmp(c->name, name))
				return c;
	return NULL;
}

static void print_command_help(const char *prefix, const struct command *c)
{
	printf("usage: %s%s\n%s\n\n%s", prefix, c->usage, c->summary, c->help);
}

/* "  USAGE   SUMMARY", the summary on its own line when USAGE is long. */
static void print_summary(const char *prefix, const struct command *c)
{
	int n = printf("  %s%s", prefix, c->usage);

	if (n > 36)
		printf("\n%38s%s\n", "", c->summary);
	else
		printf("%*s%s\n", 38 - n, "", c->summary);
}

bool script_print_help(const char *name)
{
	const struct command *c;

	if (!name) {
		printf("Commands (help COMMAND for details; # starts a comment, ; separates commands):\n");
		for (size_t t = 0; t < sizeof(command_tables) / sizeof(command_tables[0]); t++)
			for (c = command_tables[t]; c->name; c++)
				print_summary("", c);
		printf("\nThe kernel actor (help kernel):\n");
		for (c = kernel_commands; c->name; c++)
			print_summary("kernel: ", c);
		printf("\nA process (help process):\n");
		for (size_t t = 0; process_verb_tables[t]; t++)
			for (c = process_verb_tables[t]; c->name; c++)
				print_summary("NAME: ", c);
		printf("\nIn the shell, exit or quit (or Ctrl-D) leaves.\n");
		return true;
	}
	if (!strcmp(name, "kernel") || !strcmp(name, "kernel:")) {
		print_command_help("", &kernel_actor_command);
		return true;
	}
	if (!strcmp(name, "process")) {
		print_command_help("", &process_actor_command);
		return true;
	}
	c = script_find_command(name, false);
	if (c) {
		print_command_help("", c);
		return true;
	}
	c = script_find_command(name, true);
	if (c) {
		print_command_help("kernel: ", c);
		return true;
	}
	c = find_process_verb(name);
	if (!c)
		return false;
	print_command_help("NAME: ", c);
	return true;
}

static enum cmd_result cmd_help(struct script *s, int argc, struct word *argv)
{
	if (argc > 2)
		return script_error(s, "help: too many arguments (expected help or help COMMAND)");
	if (!script_print_help(argc == 2 ? argv[1].text : NULL))
		return script_error(s, "help: no command \"%s\" (expected one of the commands help lists)",
				    argv[1].text);
	return CMD_OK;
}

/*
 * The actor of a command, when its first word is "NAME:" or "NAME:VERB"
 * (then VERB is split off into *verb).  Returns the actor's name length, 0
 * for a plain command.
 */
static size_t actor_prefix(const char *w, const char **verb)
{
	size_t n = 0;

	while (w[n] == '_' || w[n] == '-' || (w[n] >= 'a' && w[n] <= 'z') ||
	       (w[n] >= 'A' && w[n] <= 'Z') || (w[n] >= '0' && w[n] <= '9'))
		n++;
	if (!n || w[n] != ':')
		return 0;
	*verb = w[n + 1] ? w + n + 1 : NULL;
	return n;
}

/*
 * The verb of process actor "NAME:" (@alen characters of w[0]), shifted
 * into argv[0] like the kernel actor's; s->actor names the process.  NULL
 * with *r = CMD_OK when the process exited (its commands are skipped).
 */
static const struct command *resolve_process(struct script *s, struct word **wp, int *np,
					     size_t alen, const char *verb, enum cmd_result *r)
{
	struct word *w = *wp;
	const struct command *c;
	bool skip = false;

	w[0].text[alen] = '\0';	/* "NAME:VERB" -> "NAME" (verb points past it) */
	if (!verb && *np >= 2 && !w[1].op)
		verb = w[1].text;
	if (!verb) {
		*r = script_error(s, "%s: missing command (expected a process verb such as exit; try help process)",
				  w[0].text);
		return NULL;
	}
	if (script_need_machine(s) != CMD_OK) {
		*r = CMD_ERROR;
		return NULL;
	}
	*r = process_actor_check(s, w[0].text, &skip);
	if (*r != CMD_OK || skip)
		return NULL;
	c = find_process_verb(verb);
	if (!c) {
		*r = script_error(s, "%s: unknown command \"%s\" (expected a process verb such as exit; try help process)",
				  w[0].text, verb);
		return NULL;
	}
	s->actor = w[0].text;	/* lives until the line's words are freed */
	if (*np >= 2 && verb == w[1].text) {	/* "NAME: VERB ...": VERB is argv[0] */
		(*wp)++;
		(*np)--;
	}			/* "NAME:VERB ...": argv[0] is "NAME", handlers skip it */
	return c;
}

/* Find the command for words @w[0..n); may shift the words for an actor. */
static const struct command *resolve(struct script *s, struct word **wp, int *np,
				     enum cmd_result *r)
{
	struct word *w = *wp;
	const char *verb = NULL;
	const struct command *c;
	size_t alen;

	if (w[0].op) {
		*r = script_error(s, "a line cannot start with \"%s\" (expected a command such as echo VALUE > FILE)",
				  w[0].text);
		return NULL;
	}
	alen = actor_prefix(w[0].text, &verb);
	if (!alen) {
		c = script_find_command(w[0].text, false);
		if (!c)
			*r = script_error(s, "unknown command \"%s\" (expected a command such as boot, cat, echo, expect, kernel:; try help)",
					  w[0].text);
		return c;
	}
	if (alen != 6 || strncmp(w[0].text, "kernel", 6))
		return resolve_process(s, wp, np, alen, verb, r);
	if (!verb) {
		if (*np < 2 || w[1].op) {
			*r = script_error(s, "kernel: missing command (expected alloc_pages, free_pages or drain_pages)");
			return NULL;
		}
		(*wp)++;
		(*np)--;
		verb = w[1].text;
	} else {
		/* "kernel:VERB": let the verb be argv[0] in place */
		memmove(w[0].text, verb, strlen(verb) + 1);
	}
	c = script_find_command(verb, true);
	if (!c)
		*r = script_error(s, "kernel: unknown command \"%s\" (expected alloc_pages, free_pages or drain_pages)",
				  verb);
	return c;
}

/* Run the command in words @w[0..n) (n > 0). */
static enum cmd_result run_command(struct script *s, struct word *w, int n)
{
	enum cmd_result r = CMD_ERROR;
	const struct command *c = resolve(s, &w, &n, &r);
	char err[512] = "";

	if (!c)
		return r;
	if (c->needs_machine && script_need_machine(s) != CMD_OK)
		return CMD_ERROR;
	r = c->run(s, n, w);
	fflush(stdout);
	if (r == CMD_OK && s->validate && s->m && mmsim_validate(s->m, err, sizeof(err))) {
		script_note(s, "validate: %s (after %s)", err[0] ? err : "inconsistent state", c->name);
		return CMD_VALIDATE;
	}
	return r;
}

/* Run one physical line; returns the worst result (stops early unless interactive). */
static enum cmd_result run_line(struct script *s, const char *line)
{
	enum cmd_result worst = CMD_OK, r;
	struct word *w = NULL;
	char err[128];
	int n, start = 0;

	if (!s->semicolon_is_line)
		s->line++;
	n = lex_line(line, &w, err, sizeof(err));
	if (n < 0) {
		if (s->semicolon_is_line)
			s->line++;
		return script_error(s, "%s", err);
	}
	for (int i = 0; i <= n; i++) {
		if (i < n && w[i].text)
			continue;
		/* words [start, i) form one command */
		if (s->semicolon_is_line)
			s->line++;
		if (i > start) {
			r = run_command(s, w + start, i - start);
			if (r > worst)
				worst = r;
			if (r != CMD_OK && !s->interactive)
				break;
		}
		start = i + 1;
	}
	lex_free(w, n);
	return worst;
}

enum cmd_result script_run_text(struct script *s, const char *text)
{
	enum cmd_result worst = CMD_OK, r;
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);

		if (!line)
			abort();
		r = run_line(s, line);
		free(line);
		if (r > worst)
			worst = r;
		if (r != CMD_OK && !s->interactive)
			return r;
		p += len + (nl != NULL);
	}
	return worst;
}

int script_exit_status(const struct script *s, enum cmd_result r)
{
	if (r == CMD_VALIDATE)
		return EXIT_VALIDATE_FAILED;
	if (r == CMD_ERROR)
		return EXIT_SCRIPT_ERROR;
	return s->expects_failed ? EXIT_EXPECT_FAILED : 0;
}
