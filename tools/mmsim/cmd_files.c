// SPDX-License-Identifier: GPL-2.0-only
/*
 * Commands on the machine's files: cat, grep, echo (printing, or writing
 * with `> FILE`), ls, dmesg.  cat leaves the binary files to xxd and
 * page-types (cmd_page_types.c) with a note.  They speak as coreutils, grep and bash do,
 * with the same messages.  Leaves out: pipes, globbing, ls -l, most of
 * grep's options, dmesg's filters.
 * dmesg -c "clears" the log in the front end only: later dmesg commands
 * show what was logged since.  Caller: script.c through file_commands.
 */
#define _GNU_SOURCE	/* strcasestr */
#include <errno.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

/* Reject operator words (redirections) for commands that take none. */
static enum cmd_result no_ops(struct script *s, int argc, struct word *argv, const char *usage)
{
	for (int i = 1; i < argc; i++)
		if (argv[i].op)
			return script_error(s, "%s: unexpected \"%s\" (expected %s)", argv[0].text,
					    argv[i].text, usage);
	return CMD_OK;
}

/* ---- cat ---- */

static enum cmd_result cmd_cat(struct script *s, int argc, struct word *argv)
{
	if (no_ops(s, argc, argv, "cat FILE..."))
		return CMD_ERROR;
	if (argc < 2)
		return script_error(s, "cat: missing file (expected cat FILE..., such as cat /proc/meminfo)");
	for (int i = 1; i < argc; i++) {
		char *buf = NULL;
		size_t len;
		int ret;

		if (mmsim_file_is_binary(s->m, argv[i].text)) {	/* not for a terminal */
			script_note(s, "cat: %s: binary file not shown (expected xxd -e -g 8 -s OFFSET -l LEN %s, or page-types)",
				    argv[i].text, argv[i].text);
			continue;
		}
		ret = mmsim_read(s->m, argv[i].text, &buf, &len);
		if (ret)
			return script_error(s, "cat: %s: %s (expected a file the machine shows; try ls /proc)",
					    argv[i].text, errno_text(-ret));
		fwrite(buf, 1, len, stdout);
		free(buf);
	}
	return CMD_OK;
}

/* ---- grep ---- */

/* grep's options. */
struct grep_opts {
	int cflags;		/* regcomp flags: REG_EXTENDED, REG_ICASE */
	bool fixed;		/* -F: PATTERN is a plain string */
	bool invert;		/* -v: print the lines that do not match */
};

static bool grep_match(const struct grep_opts *o, const regex_t *re, const char *pat,
		       const char *line)
{
	bool hit;

	if (!o->fixed)
		hit = regexec(re, line, 0, NULL, 0) == 0;
	else if (o->cflags & REG_ICASE)
		hit = strcasestr(line, pat) != NULL;
	else
		hit = strstr(line, pat) != NULL;
	return hit != o->invert;
}

/* Print the matching lines of @text, prefixed with @prefix: when set. */
static void grep_text(const struct grep_opts *o, const regex_t *re, const char *pat,
		      const char *text, const char *prefix)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);

		if (!line)
			abort();
		if (grep_match(o, re, pat, line))
			printf("%s%s%s\n", prefix ? prefix : "", prefix ? ":" : "", line);
		free(line);
		p += len + (nl != NULL);
	}
}

static enum cmd_result cmd_grep(struct script *s, int argc, struct word *argv)
{
	struct grep_opts o = { 0 };
	enum cmd_result r = CMD_OK;
	const char *pat;
	regex_t re;
	int i = 1, ret;

	if (no_ops(s, argc, argv, "grep [-E|-F] [-i] [-v] PATTERN FILE..."))
		return CMD_ERROR;
	for (; i < argc && argv[i].text[0] == '-' && argv[i].text[1]; i++) {
		for (const char *f = argv[i].text + 1; *f; f++) {
			if (*f == 'E')
				o.cflags |= REG_EXTENDED;
			else if (*f == 'F')
				o.fixed = true;
			else if (*f == 'i')
				o.cflags |= REG_ICASE;
			else if (*f == 'v')
				o.invert = true;
			else
				return script_error(s, "grep: invalid option -- '%c' (expected -E, -F, -i or -v)", *f);
		}
	}
	if (argc - i < 2)
		return script_error(s, "grep: %s (expected grep [-E|-F] [-i] [-v] PATTERN FILE...)",
				    argc - i < 1 ? "missing pattern" : "missing file");
	pat = argv[i++].text;
	if (!o.fixed && (ret = regcomp(&re, pat, o.cflags | REG_NOSUB))) {
		char msg[128];

		regerror(ret, &re, msg, sizeof(msg));
		return script_error(s, "grep: %s (expected a regular expression%s)", msg,
				    o.cflags & REG_EXTENDED ? "" : "; -E for extended ones");
	}
	for (int first = i; i < argc && r == CMD_OK; i++) {
		char *buf = NULL;
		size_t len;

		ret = mmsim_read(s->m, argv[i].text, &buf, &len);
		if (ret)
			r = script_error(s, "grep: %s: %s (expected a file the machine shows; try ls /proc)",
					 argv[i].text, errno_text(-ret));
		else
			grep_text(&o, &re, pat, buf, argc - first > 1 ? argv[i].text : NULL);
		free(buf);
	}
	if (!o.fixed)
		regfree(&re);
	return r;
}

/* ---- echo ---- */

/* The words argv[from..to) joined by spaces (malloc'd). */
static char *join_words(struct word *argv, int from, int to)
{
	size_t len = 1;
	char *out;

	for (int i = from; i < to; i++)
		len += strlen(argv[i].text) + 1;
	out = calloc(1, len);
	if (!out)
		abort();
	for (int i = from; i < to; i++) {
		if (i > from)
			strcat(out, " ");
		strcat(out, argv[i].text);
	}
	return out;
}

/* `echo VALUE > FILE`: a failing open is a script error, a failing write an event. */
static enum cmd_result echo_write(struct script *s, const char *path, const char *val)
{
	int ret;

	if (script_need_machine(s) != CMD_OK)
		return CMD_ERROR;
	ret = mmsim_write(s->m, path, val);
	if (ret == -ENOENT || ret == -ENOTDIR || ret == -EISDIR || ret == -EACCES)
		return script_error(s, "echo: %s: %s (expected a writable file such as /proc/sys/vm/min_free_kbytes)",
				    path, errno_text(-ret));
	s->have_last = true;
	s->last_err = ret;
	if (ret)
		script_note(s, "echo: write error: %s", errno_text(-ret));
	return CMD_OK;
}

static enum cmd_result cmd_echo(struct script *s, int argc, struct word *argv)
{
	enum cmd_result r;
	int redir = 0;
	char *val;

	for (int i = 1; i < argc; i++) {
		if (!argv[i].op)
			continue;
		if (redir || (strcmp(argv[i].text, ">") && strcmp(argv[i].text, ">>")))
			return script_error(s, "echo: unexpected \"%s\" (expected echo TEXT or echo VALUE > FILE)",
					    argv[i].text);
		redir = i;
	}
	if (redir && redir != argc - 2)
		return script_error(s, "echo: %s (expected one file after >, as in echo 100 > /proc/sys/vm/swappiness)",
				    redir == argc - 1 ? "missing file after >" : "more than one file after >");
	val = join_words(argv, 1, redir ? redir : argc);
	if (redir) {
		r = echo_write(s, argv[argc - 1].text, val);
	} else {
		printf("%s\n", val);
		r = CMD_OK;
	}
	free(val);
	return r;
}

/* ---- ls ---- */

static enum cmd_result ls_one(struct script *s, const char *path, bool slash, bool header)
{
	char **ents = NULL, *buf = NULL;
	size_t nr = 0, len;
	int ret = mmsim_readdir(s->m, path, &ents, &nr);

	if (ret == -ENOTDIR && !mmsim_read(s->m, path, &buf, &len)) {
		/* a file: ls names it */
		free(buf);
		printf("%s\n", path);
		return CMD_OK;
	}
	if (ret)
		return script_error(s, "ls: cannot access '%s': %s (expected a directory such as /proc or /proc/sys/vm)",
				    path, errno_text(-ret));
	if (header)
		printf("%s:\n", path);
	for (size_t i = 0; i < nr; i++) {
		size_t n = strlen(ents[i]);

		if (!slash && n && ents[i][n - 1] == '/')
			n--;
		printf("%.*s\n", (int)n, ents[i]);
	}
	mmsim_free_list(ents, nr);
	return CMD_OK;
}

static enum cmd_result cmd_ls(struct script *s, int argc, struct word *argv)
{
	bool slash = false;
	int first = 1, nr;

	if (no_ops(s, argc, argv, "ls [-p] DIR..."))
		return CMD_ERROR;
	for (; first < argc && argv[first].text[0] == '-' && argv[first].text[1]; first++) {
		if (strcmp(argv[first].text, "-p") && strcmp(argv[first].text, "-F"))
			return script_error(s, "ls: unknown option \"%s\" (expected -p or a directory)",
					    argv[first].text);
		slash = true;
	}
	nr = argc - first;
	if (!nr)
		return ls_one(s, "/", slash, false);
	for (int i = first; i < argc; i++) {
		if (nr > 1 && i > first)
			printf("\n");
		if (ls_one(s, argv[i].text, slash, nr > 1) != CMD_OK)
			return CMD_ERROR;
	}
	return CMD_OK;
}

/* ---- dmesg ---- */

/* The last line of log[0..len) (without its newline), malloc'd. */
static char *last_line(const char *log, size_t len)
{
	size_t end = len, start;

	if (end && log[end - 1] == '\n')
		end--;
	for (start = end; start && log[start - 1] != '\n'; start--)
		;
	return strndup(log + start, end - start);
}

/*
 * Where the text logged since the last dmesg -c starts in @log.  The log is
 * a ring that may have dropped old records, so the clear point is found
 * by the line shown last, checked at its old offset first.
 */
static size_t dmesg_since_clear(const struct script *s, const char *log, size_t len)
{
	const char *l = s->dmesg_clear_line;
	size_t ll, n = s->dmesg_clear_len;
	const char *hit = NULL, *p = log;

	if (!l)
		return 0;
	ll = strlen(l);
	if (n <= len && n > ll && !strncmp(log + n - ll - 1, l, ll) && log[n - 1] == '\n')
		return n;
	while ((p = strstr(p, l))) {
		if ((p == log || p[-1] == '\n') && (p[ll] == '\n' || !p[ll]))
			hit = p;
		p++;
	}
	if (!hit)
		return 0;
	return (size_t)(hit - log) + ll + (hit[ll] == '\n');
}

static enum cmd_result cmd_dmesg(struct script *s, int argc, struct word *argv)
{
	bool show = true, clear = false;
	char *log;
	size_t len, from;

	if (no_ops(s, argc, argv, "dmesg [-c|-C]"))
		return CMD_ERROR;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i].text, "-c") || !strcmp(argv[i].text, "--read-clear"))
			clear = true;
		else if (!strcmp(argv[i].text, "-C") || !strcmp(argv[i].text, "--clear"))
			clear = true, show = false;
		else
			return script_error(s, "dmesg: unknown argument \"%s\" (expected dmesg, dmesg -c or dmesg -C)",
					    argv[i].text);
	}
	log = mmsim_dmesg(s->m);
	if (!log)
		return script_error(s, "dmesg: the kernel log could not be read (expected a booted machine)");
	len = strlen(log);
	from = dmesg_since_clear(s, log, len);
	if (show)
		fwrite(log + from, 1, len - from, stdout);
	if (clear && len > from) {
		free(s->dmesg_clear_line);
		s->dmesg_clear_line = last_line(log, len);
		s->dmesg_clear_len = len;
	}
	free(log);
	return CMD_OK;
}

const struct command file_commands[] = {
	{ "cat", cmd_cat, true, "cat FILE...",
	  "print files of the machine",
	  "Prints each file as Linux shows it.  A file that does not exist is a\n"
	  "script error with coreutils' message (cat: FILE: No such file or\n"
	  "directory).  A binary file (/proc/PID/pagemap, /proc/kpageflags,\n"
	  "/proc/kpagecount) is not printed: a note names xxd and page-types.\n"
	  "\n"
	  "  cat /proc/meminfo\n"
	  "  cat /proc/buddyinfo /proc/zoneinfo\n" },
	{ "grep", cmd_grep, true, "grep [-E|-F] [-i] [-v] PATTERN FILE...",
	  "print the lines of files that match a pattern",
	  "As grep(1): PATTERN is a basic regular expression (-E extended, -F a\n"
	  "plain string), -i ignores case, -v prints the lines that do not match.\n"
	  "With several files each line starts with its file's name.  No match\n"
	  "prints nothing and is not an error.\n"
	  "\n"
	  "  grep -E '^(MemTotal|MemFree|MemAvailable):' /proc/meminfo\n"
	  "  grep -E 'zone|min|low|high' /proc/zoneinfo\n" },
	{ "echo", cmd_echo, false, "echo TEXT | echo VALUE > FILE",
	  "print text, or write a value into a file of the machine",
	  "Without a redirection, prints TEXT (handy for narrating a script).\n"
	  "With > FILE (or >>, the same for these files), writes VALUE as\n"
	  "`echo VALUE > FILE` would.  A value the kernel rejects is an event,\n"
	  "not a script error: bash's \"echo: write error: Invalid argument\" is\n"
	  "printed, the script goes on and `expect last == EINVAL` sees it.  A\n"
	  "file that does not exist or cannot be written is a script error.\n"
	  "\n"
	  "  echo 100 > /proc/sys/vm/swappiness\n"
	  "  echo garbage > /proc/sys/vm/min_free_kbytes\n"
	  "  expect last == EINVAL\n"
	  "  echo \"Now watch the free lists:\"\n" },
	{ "ls", cmd_ls, true, "ls [-p] [DIR...]",
	  "list a directory of the machine",
	  "Lists one name per line, sorted; -p (or -F) marks directories with a\n"
	  "trailing /.  Without DIR, lists /.\n"
	  "\n"
	  "  ls /proc/sys/vm\n"
	  "  ls -p /sys/devices/system/node\n" },
	{ "dmesg", cmd_dmesg, true, "dmesg [-c|-C]",
	  "print the kernel log",
	  "Prints the machine's kernel log, stamped with virtual time as Linux\n"
	  "stamps it.  -c prints and then clears it, -C clears it: later dmesg\n"
	  "commands show only what was logged since (the clearing is done by the\n"
	  "front end; the machine's log is kept).\n"
	  "\n"
	  "  dmesg\n"
	  "  dmesg -C\n"
	  "  kernel: alloc_pages 10 100 as big\n"
	  "  dmesg\n" },
	{ NULL },
};
