// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the workload language: each input is the text of
 * a script, run in process through the script layer (tools/mmsim/script.c)
 * with the validators on after every command, as `mmsim run --validate`
 * runs a file named "fuzz" - but as the shell runs it (s->interactive: an
 * error does not stop the script, so one input reaches past its first
 * mistake), unless its first line is "# file" (then the first error
 * stops it, as in a file).  Built by `make fuzz` (build-fuzz/fuzz_script,
 * clang, ASan+UBSan); run by tests/run-tests.sh and docs/testing.md
 * ("Fuzzing") says how to run it longer.
 *
 * What counts as a finding (the process aborts, libFuzzer saves the input):
 *   - a crash or an ASan/UBSan report (leaks included: script_fini must
 *     free everything a run made);
 *   - a validator failure (CMD_VALIDATE): bad input must never leave the
 *     kernel's state inconsistent - unless the input has a `kernel:
 *     write`, which stores bytes anywhere in an object's slab as a buggy
 *     module would (docs/language.md): the validators are meant to catch
 *     that, so then only crashes and sanitizer reports count;
 *   - a message on stderr that is not "fuzz:LINE: ..." (DESIGN.md
 *     principle 7: every error names FILE:LINE);
 *   - a hang (libFuzzer's -timeout) or a host memory blow-up
 *     (-rss_limit_mb): the caps below keep legitimate inputs far from both.
 *
 * Caps (so that one input costs at most a small machine's worth of host
 * memory and well under a second):
 *   - inputs longer than FUZZ_MAX_LEN bytes, or holding a NUL byte (main.c
 *     refuses those before the script layer), are not run;
 *   - the harness boots FUZZ_CMDLINE itself (64M, 2 CPUs) before the
 *     script, so commands never boot the 2G default machine;
 *   - a `boot` command is run only when its kernel command line has no
 *     '"' (the kernel's quoting could hide a parameter from this check),
 *     gives mem= (every mem= at most FUZZ_MAX_MEM; without one Linux's
 *     default 2G would boot) and asks for at most FUZZ_MAX_CPUS CPUs
 *     (nr_cpus=, maxcpus=) and FUZZ_MAX_CPUS nodes (numa=fake=);
 *     otherwise the input is not run;
 *   - the access verbs' counts are bounded: an input with repeat=K above
 *     FUZZ_MAX_REPEAT, rand=N or zipf=THETA:N above FUZZ_MAX_DRAWS, or
 *     stride=S below FUZZ_MIN_STRIDE is not run (their cost is K * N
 *     accesses whatever the machine's size);
 *   - a grep pattern's {M,N} bounds, multiplied over the pattern, are at
 *     most FUZZ_MAX_REGEX (regcomp unrolls them: GNU grep itself needs
 *     11G for 'a{1,1000}{1,1000}');
 *   - xxd -l LEN at most FUZZ_MAX_XXD: xxd dumps what it is asked (a
 *     process's pagemap is 2^35 entries of zeros).
 * Everything else (sizes up to 2^64, 1T mappings, alloc_pages all,
 * kmalloc 8 all ...) is run as given: the machine's own 64M (128M at
 * most) bounds what the model allocates.  (kmalloc counts were capped at
 * 65536 while freeing the millions of objects of `all` cost a freelist
 * walk each; the actor now frees its own objects without one:
 * tests/fuzz/regress/slub-kfree-freelist-walk.mm.)
 * Inputs not run return -1, so libFuzzer keeps them out of the corpus.
 *
 * stdout goes to /dev/null; stderr is captured per input and checked.
 * With FUZZ_SCRIPT_TWICE=1 in the environment each input runs twice, on
 * two fresh machines, and stdout and stderr must be the same byte for
 * byte (DESIGN.md: same script and seed, same output); half the speed.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "../../tools/mmsim/script.h"

#define FUZZ_MAX_LEN	4096			/* bytes of script per input */
#define FUZZ_CMDLINE	"mem=64M nr_cpus=2 transparent_hugepage=madvise mmsim.disk_size=64M"
#define FUZZ_MAX_MEM	(128ULL << 20)		/* largest mem= a boot may ask */
#define FUZZ_MAX_CPUS	8			/* nr_cpus=, maxcpus=, numa=fake= */
#define FUZZ_MAX_REPEAT	16			/* repeat=K */
#define FUZZ_MAX_DRAWS	65536			/* rand=N, zipf=THETA:N */
#define FUZZ_MIN_STRIDE	64			/* stride=S */
#define FUZZ_MAX_REGEX	4096			/* grep's {M,N} bounds, multiplied */
#define FUZZ_MAX_XXD	(1ULL << 20)		/* xxd -l LEN */

static FILE *devnull;
static bool twice;	/* FUZZ_SCRIPT_TWICE=1: run each input twice, compare */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *env = getenv("FUZZ_SCRIPT_TWICE");

	twice = env && !strcmp(env, "1");
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

/* Whether the number after "@key=" at @w is within @max (false: over, or junk). */
static bool value_at_most(const char *w, const char *key, uint64_t max)
{
	size_t n = strlen(key);
	uint64_t v;

	if (strncmp(w, key, n) || w[n] != '=')
		return true;		/* not this key */
	return parse_size(w + n + 1, &v) && v <= max;
}

/* Whether the boot command line @line stays within the caps above. */
static bool boot_line_ok(char *line)
{
	bool have_mem = false;

	if (strchr(line, '"'))
		return false;
	/* the kernel's next_arg splits at any isspace() */
	for (char *t = strtok(line, " \t\n\v\f\r"); t; t = strtok(NULL, " \t\n\v\f\r")) {
		if (!strncmp(t, "mem=", 4))
			have_mem = true;
		if (!value_at_most(t, "mem", FUZZ_MAX_MEM) ||
		    !value_at_most(t, "nr_cpus", FUZZ_MAX_CPUS) ||
		    !value_at_most(t, "maxcpus", FUZZ_MAX_CPUS) ||
		    !value_at_most(t, "numa=fake", FUZZ_MAX_CPUS))
			return false;
	}
	return have_mem;
}

/* Whether the boot command in words @w[0..n) is within the caps. */
static bool boot_ok(struct word *w, int n)
{
	size_t len = 1;
	char *line;
	bool ok;

	for (int i = 1; i < n; i++)
		len += strlen(w[i].text) + 1;
	line = calloc(1, len);
	if (!line)
		abort();
	for (int i = 1; i < n; i++) {
		strcat(line, w[i].text);
		strcat(line, " ");
	}
	ok = boot_line_ok(line);
	free(line);
	return ok;
}

/* Whether an access option word @w is within the caps. */
static bool access_word_ok(const char *w)
{
	const char *colon;
	uint64_t v;

	if (!strncmp(w, "stride=", 7))
		return !parse_size(w + 7, &v) || v >= FUZZ_MIN_STRIDE;
	if (!strncmp(w, "zipf=", 5) && (colon = strchr(w, ':')))
		return !parse_size(colon + 1, &v) || v <= FUZZ_MAX_DRAWS;
	if (!strncmp(w, "rand=", 5))
		return !parse_size(w + 5, &v) || v <= FUZZ_MAX_DRAWS;
	if (!strncmp(w, "repeat=", 7))
		return !parse_size(w + 7, &v) || v <= FUZZ_MAX_REPEAT;
	return true;
}

/*
 * Whether the grep command in words @w[0..n) is within the caps: the
 * bounds of its patterns' {M,N} repetitions, multiplied, at most
 * FUZZ_MAX_REGEX (regcomp unrolls each, nested ones multiply: GNU grep
 * takes 11G and minutes for 'a{1,1000}{1,1000}', and so would mmsim).
 */
static bool grep_ok(struct word *w, int n)
{
	uint64_t product = 1;

	for (int i = 1; i < n; i++) {
		for (const char *p = strchr(w[i].text, '{'); p; p = strchr(p + 1, '{')) {
			uint64_t most = 0, v = 0;

			for (const char *q = p + 1; (*q >= '0' && *q <= '9') || *q == ','; q++) {
				v = *q == ',' ? 0 : v * 10 + (uint64_t)(*q - '0');
				if (v > FUZZ_MAX_REGEX)
					return false;
				most = v > most ? v : most;
			}
			product *= most ? most : 1;
			if (product > FUZZ_MAX_REGEX)
				return false;
		}
	}
	return true;
}

/* Whether the xxd command in words @w[0..n) asks for at most FUZZ_MAX_XXD bytes. */
static bool xxd_ok(struct word *w, int n)
{
	uint64_t len;

	for (int i = 1; i + 1 < n; i++)
		if (!strcmp(w[i].text, "-l") && parse_size(w[i + 1].text, &len) && len > FUZZ_MAX_XXD)
			return false;
	return true;
}

/* Whether words @w[0..n) are `kernel: write ...` (a deliberate corruption). */
static bool is_kernel_write(struct word *w, int n)
{
	if (!strcmp(w[0].text, "kernel:write"))
		return true;
	return n >= 2 && !strcmp(w[0].text, "kernel:") && !strcmp(w[1].text, "write");
}

/*
 * Whether one physical line of the script stays within the caps; sets
 * *@corrupts when it holds a `kernel: write`.
 */
static bool line_ok(const char *line, bool *corrupts)
{
	struct word *w = NULL;
	char err[128];
	int n = lex_line(line, &w, err, sizeof(err)), start = 0;
	bool ok = true;

	if (n < 0)
		return true;		/* the script layer reports it */
	for (int i = 0; i <= n && ok; i++) {
		if (i < n && w[i].text) {
			ok = access_word_ok(w[i].text);
			continue;
		}
		/* a boot behind an actor ("x:boot") is an unknown verb */
		if (i > start && !strcmp(w[start].text, "boot"))
			ok = boot_ok(w + start, i - start);
		if (i > start && !strcmp(w[start].text, "xxd"))
			ok = ok && xxd_ok(w + start, i - start);
		if (i > start && !strcmp(w[start].text, "grep"))
			ok = ok && grep_ok(w + start, i - start);
		if (i > start && is_kernel_write(w + start, i - start))
			*corrupts = true;
		start = i + 1;
	}
	lex_free(w, n);
	return ok;
}

/* Whether the whole script @text stays within the caps (*@corrupts: see line_ok). */
static bool script_ok(const char *text, bool *corrupts)
{
	bool ok = true;

	for (const char *p = text; *p && ok;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, len);

		if (!line)
			abort();
		ok = line_ok(line, corrupts);
		free(line);
		p += len + (nl != NULL);
	}
	return ok;
}

/* Every line of @err must be "fuzz:LINE: ..."; abort with the first that is not. */
static void check_messages(const char *err)
{
	for (const char *p = err; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		const char *q = p + 5;

		if (strncmp(p, "fuzz:", 5) || *q < '0' || *q > '9')
			goto bad;
		while (*q >= '0' && *q <= '9')
			q++;
		if (q[0] != ':' || q[1] != ' ')
			goto bad;
		p += len + (nl != NULL);
		continue;
bad:
		fprintf(stderr, "fuzz_script: a message without FILE:LINE: \"%.*s\"\n", (int)len, p);
		abort();
	}
}

/* What one run of a script left: its status and, captured, stderr and stdout. */
struct fuzz_run {
	enum cmd_result r;	/* script_run_text's result (or the boot's) */
	unsigned int line;	/* s->line at the end: 0 if the boot failed */
	char *err, *out;	/* stderr, stdout (NULL: not captured) */
	size_t err_len, out_len;
};

/* Run @text once on a fresh FUZZ_CMDLINE machine into @run (stdout kept if @keep_out). */
static void run_once(const char *text, bool keep_out, struct fuzz_run *run)
{
	FILE *real_out = stdout, *real_err = stderr, *err_stream, *out_stream = devnull;
	struct script s;

	memset(run, 0, sizeof(*run));
	err_stream = open_memstream(&run->err, &run->err_len);
	if (keep_out)
		out_stream = open_memstream(&run->out, &run->out_len);
	if (!err_stream || !out_stream)
		abort();
	stdout = out_stream;
	stderr = err_stream;
	script_init(&s, "fuzz", 0, true);
	s.interactive = strncmp(text, "# file\n", 7) != 0;
	run->r = script_boot(&s, FUZZ_CMDLINE);
	if (run->r == CMD_OK)
		run->r = script_run_text(&s, text);
	fflush(stdout);
	script_fini(&s);
	run->line = s.line;
	stdout = real_out;
	stderr = real_err;
	fclose(err_stream);
	if (keep_out)
		fclose(out_stream);
}

/* Abort if two runs of one script differ (FUZZ_SCRIPT_TWICE=1): determinism. */
static void check_same(const char *what, const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, line = 1;

	if (alen == blen && !memcmp(a, b, alen))
		return;
	for (; i < alen && i < blen && a[i] == b[i]; i++)
		line += a[i] == '\n';
	fprintf(stderr, "fuzz_script: a second run's %s differs at its line %zu\n", what, line);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_run run, again;
	bool corrupts = false;
	char *text;

	if (size > FUZZ_MAX_LEN || memchr(data, '\0', size))
		return -1;
	text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	if (!script_ok(text, &corrupts)) {
		free(text);
		return -1;
	}

	run_once(text, twice, &run);
	if (run.line == 0 && run.r != CMD_OK) {
		fprintf(stderr, "fuzz_script: %s did not boot: %s", FUZZ_CMDLINE, run.err);
		abort();
	}
	if (run.r == CMD_VALIDATE && !corrupts) {
		fprintf(stderr, "fuzz_script: validator failure:\n%s", run.err);
		abort();
	}
	check_messages(run.err);
	if (twice) {
		run_once(text, true, &again);
		check_same("stdout", run.out, run.out_len, again.out, again.out_len);
		check_same("stderr", run.err, run.err_len, again.err, again.err_len);
		free(again.out);
		free(again.err);
	}
	free(run.out);
	free(run.err);
	free(text);
	return 0;
}
