// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmsim's command line: `mmsim run FILE.mm`, `mmsim run -c 'cmd; cmd'`,
 * `mmsim run -` (stdin), and `mmsim` alone for the interactive shell;
 * options --seed N, --validate, --help, --version anywhere before the
 * script.  Reads the script and hands it to the interpreter (script.c).
 * Exit status: 0 all expects held, 1 an expect failed, 2 script or usage
 * error, 3 validator failure under --validate.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"
#include "shell.h"

static const char usage_text[] =
	"usage: mmsim [OPTIONS]                       interactive shell\n"
	"       mmsim [OPTIONS] run FILE.mm           run a script\n"
	"       mmsim [OPTIONS] run -c 'CMD; CMD...'  run commands given here\n"
	"       mmsim [OPTIONS] run -                 run a script read from stdin\n"
	"\n"
	"mmsim boots a model machine running the Linux memory manager and drives it\n"
	"with the workload language (see docs/language.md, or help in the shell).\n"
	"\n"
	"options:\n"
	"  --seed N      seed of the machine's random number generator (default 0)\n"
	"  --validate    check the kernel's invariants after every command; an\n"
	"                inconsistency stops the script with exit status 3\n"
	"  --help        show this help\n"
	"  --version     show the version\n"
	"\n"
	"exit status: 0 every expect held, 1 an expect failed, 2 a script error,\n"
	"3 a validator failure (--validate).\n";

/* What the command line asked for. */
struct options {
	uint64_t seed;		/* --seed */
	bool validate;		/* --validate */
	bool run;		/* the run subcommand was given */
	const char *file;	/* run FILE, "-" for stdin */
	const char *text;	/* run -c TEXT */
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "mmsim: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'mmsim --help' for more information.\n");
	return EXIT_SCRIPT_ERROR;
}

/* Parse argv into @o.  Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, struct options *o)
{
	bool opts = true;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && !strcmp(a, "--")) {
			opts = false;
		} else if (opts && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
			fputs(usage_text, stdout);
			return 0;
		} else if (opts && !strcmp(a, "--version")) {
			printf("mmsim %s\n", MMSIM_VERSION);
			return 0;
		} else if (opts && !strcmp(a, "--validate")) {
			o->validate = true;
		} else if (opts && (!strcmp(a, "--seed") || !strncmp(a, "--seed=", 7))) {
			const char *v = a[6] == '=' ? a + 7 : (i + 1 < argc ? argv[++i] : NULL);

			if (!v)
				return usage_error("--seed needs a number (expected --seed N)%s", "");
			if (!parse_u64(v, &o->seed))
				return usage_error("--seed: \"%s\" is not a number (expected --seed N, N from 0 to 2^64-1)", v);
		} else if (opts && !strcmp(a, "-c") && o->run) {
			if (i + 1 >= argc)
				return usage_error("-c needs commands (expected run -c 'CMD; CMD')%s", "");
			if (o->text || o->file)
				return usage_error("more than one script given at \"%s\" (expected one FILE, - or -c)", a);
			o->text = argv[++i];
		} else if (opts && a[0] == '-' && a[1]) {
			return usage_error("unknown option \"%s\" (expected --seed N, --validate, --help or --version)", a);
		} else if (!o->run) {
			if (strcmp(a, "run"))
				return usage_error("unknown command \"%s\" (expected run FILE.mm, run -c 'CMD', run - or nothing for the shell)", a);
			o->run = true;
		} else if (o->file || o->text) {
			return usage_error("more than one script given at \"%s\" (expected one FILE, - or -c)", a);
		} else {
			o->file = a;
		}
	}
	if (o->run && !o->file && !o->text)
		return usage_error("run needs a script (expected run FILE.mm, run -c 'CMD' or run -)%s", "");
	return -1;
}

/* Read all of @f into a malloc'd NUL-terminated buffer; *len its length. */
static char *read_all(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);

	if (!buf)
		abort();
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
	}
	if (ferror(f)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Run a whole script text; a NUL byte in it is a script error at its line. */
static enum cmd_result run_script_text(struct script *s, const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);

	if (nul) {
		unsigned int line = 1;

		for (const char *p = text; p < nul; p++)
			line += *p == '\n';
		s->line = line;
		return script_error(s, "a NUL byte in the script (expected text)");
	}
	return script_run_text(s, text);
}

static int run(const struct options *o)
{
	struct script s;
	enum cmd_result r;
	size_t len;
	char *text;
	FILE *f;

	if (o->text) {
		script_init(&s, "-c", o->seed, o->validate);
		s.semicolon_is_line = true;
		r = script_run_text(&s, o->text);
	} else {
		bool is_stdin = !strcmp(o->file, "-");

		f = is_stdin ? stdin : fopen(o->file, "r");
		if (!f) {
			fprintf(stderr, "mmsim: %s: %s\n", o->file, strerror(errno));
			return EXIT_SCRIPT_ERROR;
		}
		text = read_all(f, &len);
		if (!is_stdin)
			fclose(f);
		if (!text) {
			fprintf(stderr, "mmsim: %s: read error\n", o->file);
			return EXIT_SCRIPT_ERROR;
		}
		script_init(&s, o->file, o->seed, o->validate);
		r = run_script_text(&s, text, len);
		free(text);
	}
	fflush(stdout);
	script_fini(&s);
	return script_exit_status(&s, r);
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct script s;
	int status = parse_args(argc, argv, &o);

	if (status >= 0)
		return status;
	if (o.run)
		return run(&o);
	script_init(&s, "<stdin>", o.seed, o.validate);
	status = shell_main(&s);
	script_fini(&s);
	return status;
}
