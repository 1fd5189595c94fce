// SPDX-License-Identifier: GPL-2.0-only
/*
 * expect: assertions on what the machine shows.  `expect FILE[:KEY] OP
 * VALUE` finds a value in a file (the line of KEY in a "Key: value" or
 * "key value" file, node files' "Node N " prefix skipped; the whole file
 * without KEY) and compares it; `expect last OP RESULT` checks the result
 * of the last kernel-actor command or echo into a file.  A failed expect
 * prints what was found and makes the run exit 1; the script goes on.
 * `save FILE[:KEY] as NAME` keeps a value so that a later
 * `expect FILE[:KEY] OP $NAME` compares with it ("back to where it was").
 * Leaves out: /proc/PID/stat field names and `expect NAME alive|killed`
 * (they come with processes).  Caller: script.c through expect_commands.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

enum expect_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

static const char *const op_names[] = { "==", "!=", "<", "<=", ">", ">=" };

/* How VALUE is compared. */
enum expect_kind {
	KIND_STRING,	/* text, == and != only */
	KIND_NUMBER,	/* a bare number, against the number printed */
	KIND_BYTES,	/* a size (64M, 1024kB), against the file's value in bytes */
};

/* One parsed expect line. */
struct expect {
	const char *target;	/* FILE[:KEY] as written */
	const char *value;	/* VALUE as written */
	enum expect_op op;
	enum expect_kind kind;
	__int128 want;		/* VALUE as a number or in bytes (not KIND_STRING) */
};

static bool parse_op(const char *w, enum expect_op *op)
{
	for (size_t i = 0; i < sizeof(op_names) / sizeof(op_names[0]); i++) {
		if (!strcmp(w, op_names[i])) {
			*op = (enum expect_op)i;
			return true;
		}
	}
	return false;
}

/* Classify VALUE: a size with a suffix, a bare (signed) number, or text. */
static void classify_value(struct expect *e)
{
	const char *v = e->value;
	size_t n = strlen(v);
	uint64_t u;
	int64_t i;

	if (n > 2 && !strcmp(v + n - 2, "kB")) {
		char *num = strndup(v, n - 2);

		if (num && parse_u64(num, &u)) {
			e->kind = KIND_BYTES;
			e->want = (__int128)u * 1024;
			free(num);
			return;
		}
		free(num);
	}
	if (parse_s64(v, &i)) {
		e->kind = KIND_NUMBER;
		e->want = i;
	} else if (parse_u64(v, &u)) {
		e->kind = KIND_NUMBER;
		e->want = u;
	} else if (parse_size(v, &u)) {
		e->kind = KIND_BYTES;
		e->want = u;
	} else {
		e->kind = KIND_STRING;
	}
}

static bool compare(__int128 a, enum expect_op op, __int128 b)
{
	switch (op) {
	case OP_EQ: return a == b;
	case OP_NE: return a != b;
	case OP_LT: return a < b;
	case OP_LE: return a <= b;
	case OP_GT: return a > b;
	case OP_GE: return a >= b;
	}
	return false;
}

/*
 * Report the outcome; a failure is counted, never a script error.  A
 * @found of several lines (a whole file) is shown as its first line and
 * its line count, so that the report stays one "FILE:LINE: ..." line.
 */
static void expect_outcome(struct script *s, const struct expect *e, bool held, const char *found)
{
	int first = (int)strcspn(found, "\n");
	unsigned int lines = 1;
	char more[48] = "";

	if (found[first]) {
		for (const char *p = found; *p; p++)
			lines += *p == '\n';
		snprintf(more, sizeof(more), " ... (%u lines)", lines);
	}
	if (!held) {
		s->expects_failed++;
		script_note(s, "expect failed: %s %s %s (found %.*s%s)", e->target, op_names[e->op],
			    e->value, first, found, more);
	} else if (s->interactive) {
		printf("expect held: %s %s %s (found %.*s%s)\n", e->target, op_names[e->op], e->value,
		       first, found, more);
	}
}

/* ---- expect last ---- */

static enum cmd_result expect_last(struct script *s, struct expect *e)
{
	char found[32];
	int want;

	if (!s->have_last)
		return script_error(s, "expect: no result yet (expected a kernel: command or echo VALUE > FILE before expect last)");
	if (e->op != OP_EQ && e->op != OP_NE)
		return script_error(s, "expect: last takes == or != (expected expect last == ENOMEM or expect last == 0)");
	if (e->kind == KIND_NUMBER && e->want <= 0 && e->want > -4096) {
		want = (int)e->want;
	} else if (e->kind == KIND_STRING && (want = errno_from_name(e->value))) {
		want = -want;
	} else {
		return script_error(s, "expect: \"%s\" is not a result (expected 0 or an errno name such as ENOMEM or EINVAL)",
				    e->value);
	}
	if (s->last_err)
		snprintf(found, sizeof(found), "-%s", mmsim_errno_name(-s->last_err) ?
			 mmsim_errno_name(-s->last_err) : "E?");
	else
		snprintf(found, sizeof(found), "0");
	expect_outcome(s, e, compare(s->last_err, e->op, want), found);
	return CMD_OK;
}

/* ---- expect FILE[:KEY] ---- */

/*
 * The value of @key in @text: the rest of the first line that starts
 * (after blanks and a "Node N " prefix) with @key followed by ':' or a
 * blank, trimmed.  Returns a malloc'd string or NULL; *nr_matches says how
 * many lines matched (a key that repeats, like zoneinfo's "min", is
 * ambiguous and the caller refuses it).
 */
static char *find_key(const char *text, const char *key, int *nr_matches)
{
	size_t klen = strlen(key);
	const char *p = text;
	char *first = NULL;

	*nr_matches = 0;

	while (*p) {
		const char *eol = strchr(p, '\n'), *q = p, *v;

		if (!eol)
			eol = p + strlen(p);
		while (q < eol && isblank((unsigned char)*q))
			q++;
		if (!strncmp(q, "Node ", 5) && isdigit((unsigned char)q[5])) {
			const char *r = q + 5;

			while (isdigit((unsigned char)*r))
				r++;
			if (*r == ' ' && strncmp(key, "Node ", 5))
				q = r + 1;
		}
		if ((size_t)(eol - q) > klen && !strncmp(q, key, klen) &&
		    (q[klen] == ':' || isblank((unsigned char)q[klen]))) {
			v = q + klen + (q[klen] == ':');
			while (v < eol && isblank((unsigned char)*v))
				v++;
			while (eol > v && isspace((unsigned char)eol[-1]))
				eol--;
			if (!first)
				first = strndup(v, (size_t)(eol - v));
			(*nr_matches)++;
		}
		p = *eol ? eol + 1 : eol;
	}
	return first;
}

/* The first key of @text, for a helpful message (malloc'd). */
static char *first_key(const char *text)
{
	size_t n = strcspn(text, ": \t\n");

	return strndup(text, n);
}

/* Parse the number at the start of @found (and a kB unit after it). */
static bool found_number(const char *found, enum expect_kind kind, __int128 *out)
{
	const char *p = found;
	bool neg = *p == '-';
	char *end;
	uint64_t v;

	if (neg)
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	errno = 0;
	v = strtoull(p, &end, 10);
	if (errno || (*end && !isspace((unsigned char)*end)))
		return false;
	*out = neg ? -(__int128)v : (__int128)v;
	while (isspace((unsigned char)*end))
		end++;
	if (kind == KIND_BYTES && !strncmp(end, "kB", 2) && (!end[2] || isspace((unsigned char)end[2])))
		*out *= 1024;
	return true;
}

/*
 * read_target - the value FILE[:KEY] shows now: the line of KEY, or the
 * whole file, trimmed, in *found (malloc'd).  Returns CMD_OK or a reported
 * CMD_ERROR (no such file or key).
 */
static enum cmd_result read_target(struct script *s, const char *what, const char *target,
				   char **found)
{
	char *path = strdup(target), *key = NULL, *colon, *text = NULL;
	enum cmd_result r = CMD_OK;
	size_t len;
	int ret;

	*found = NULL;
	if (!path)
		abort();
	colon = strrchr(path, ':');
	if (colon && !strchr(colon, '/')) {
		*colon = '\0';
		key = colon + 1;
		if (!*key) {
			r = script_error(s, "%s: empty key after \"%s:\" (expected FILE:KEY such as /proc/meminfo:MemFree)",
					 what, path);
			goto out;
		}
	}
	ret = mmsim_read(s->m, path, &text, &len);
	if (ret) {
		r = script_error(s, "%s: %s: %s (expected a file the machine shows, such as /proc/meminfo)",
				 what, path, errno_text(-ret));
		goto out;
	}
	if (key) {
		int matches;

		*found = find_key(text, key, &matches);
		if (matches > 1) {
			free(*found);
			*found = NULL;
			r = script_error(s, "%s: %s has %d lines with key \"%s\" (expected a key that appears once in the file)",
					 what, path, matches, key);
			goto out;
		}
		if (!*found) {
			char *k = first_key(text);

			r = script_error(s, "%s: %s has no key \"%s\" (expected a key of that file, such as %s)",
					 what, path, key, k ? k : "?");
			free(k);
			goto out;
		}
	} else {
		*found = strdup(text);
		if (*found) {
			size_t n = strlen(*found);

			while (n && isspace((unsigned char)(*found)[n - 1]))
				(*found)[--n] = '\0';
		}
	}
	if (!*found)
		abort();
out:
	free(text);
	free(path);
	return r;
}

/*
 * For multi-line texts that differ: "line N: FOUND, saved SAVED" (malloc'd)
 * naming the first line that differs; NULL for equal or one-line texts.
 */
static char *first_difference(const char *found, const char *saved)
{
	const char *a = found, *b = saved;
	unsigned int line = 1;
	size_t la, lb, n;
	char *msg;

	if (!strcmp(found, saved) || (!strchr(found, '\n') && !strchr(saved, '\n')))
		return NULL;
	for (;;) {
		la = strcspn(a, "\n");
		lb = strcspn(b, "\n");
		if (la != lb || strncmp(a, b, la))
			break;
		a += la + (a[la] == '\n');
		b += lb + (b[lb] == '\n');
		line++;
	}
	n = la + lb + 64;
	msg = malloc(n);
	if (!msg)
		abort();
	snprintf(msg, n, "line %u: \"%.*s\", saved \"%.*s\"", line, (int)la, a, (int)lb, b);
	return msg;
}

/* Compare @found with the text @value saved earlier: as numbers when both are. */
static void expect_saved(struct script *s, const struct expect *e, const char *found,
			 const char *value)
{
	__int128 a, b;

	if (found_number(found, KIND_BYTES, &a) && found_number(value, KIND_BYTES, &b)) {
		size_t n = strlen(found) + strlen(value) + 16;
		char *msg = malloc(n);

		if (!msg)
			abort();
		snprintf(msg, n, "%s, saved %s", found, value);
		expect_outcome(s, e, compare(a, e->op, b), msg);
		free(msg);
	} else if (e->op == OP_EQ || e->op == OP_NE) {
		char *diff = first_difference(found, value);

		expect_outcome(s, e, (strcmp(found, value) == 0) == (e->op == OP_EQ),
			       diff ? diff : found);
		free(diff);
	} else {
		size_t n = strlen(found) + 32;
		char *msg = malloc(n);

		if (!msg)
			abort();
		snprintf(msg, n, "%s, not numbers", found);
		expect_outcome(s, e, false, msg);
		free(msg);
	}
}

static const struct saved_value *find_saved(const struct script *s, const char *name)
{
	for (const struct saved_value *v = s->saved; v; v = v->next)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

static enum cmd_result expect_file(struct script *s, struct expect *e)
{
	const struct saved_value *saved = NULL;
	char *found;

	if (e->value[0] == '$') {
		saved = find_saved(s, e->value + 1);
		if (!saved)
			return script_error(s, "expect: no value saved as \"%s\" (expected save FILE[:KEY] as %s before)",
					    e->value + 1, e->value + 1);
	}
	if (read_target(s, "expect", e->target, &found) != CMD_OK)
		return CMD_ERROR;
	if (saved) {
		expect_saved(s, e, found, saved->value);
	} else if (e->kind == KIND_STRING) {
		expect_outcome(s, e, (strcmp(found, e->value) == 0) == (e->op == OP_EQ), found);
	} else {
		__int128 v;

		if (!found_number(found, e->kind, &v)) {
			size_t n = strlen(found) + 32;
			char *msg = malloc(n);

			if (!msg)
				abort();
			if (strpbrk(found, " \t\n"))	/* a whole file: name its first word */
				snprintf(msg, n, "first word \"%.*s\", not a number; give FILE:KEY",
					 (int)strcspn(found, " \t\n"), found);
			else
				snprintf(msg, n, "%s, not a number", found);
			expect_outcome(s, e, false, msg);
			free(msg);
		} else {
			expect_outcome(s, e, compare(v, e->op, e->want), found);
		}
	}
	free(found);
	return CMD_OK;
}

static enum cmd_result cmd_expect(struct script *s, int argc, struct word *argv)
{
	struct expect e = { 0 };

	if (argc != 4)
		return script_error(s, "expect: %s (expected expect FILE[:KEY] OP VALUE, as in expect /proc/meminfo:MemFree > 1G)",
				    argc < 4 ? "missing argument" : "too many words; quote a VALUE with spaces");
	e.target = argv[1].text;
	e.value = argv[3].text;
	if (argv[1].op || argv[3].op)
		return script_error(s, "expect: misplaced \"%s\" (expected expect FILE[:KEY] OP VALUE)",
				    argv[1].op ? argv[1].text : argv[3].text);
	if (!parse_op(argv[2].text, &e.op))
		return script_error(s, "expect: unknown operator \"%s\" (expected ==, !=, <, <=, > or >=)",
				    argv[2].text);
	classify_value(&e);
	if (!strcmp(e.target, "last"))
		return expect_last(s, &e);
	if (e.kind == KIND_STRING && e.op != OP_EQ && e.op != OP_NE && e.value[0] != '$')
		return script_error(s, "expect: %s needs a number or a size, \"%s\" is neither (expected a value such as 1024, 64M or 1G)",
				    op_names[e.op], e.value);
	if (script_need_machine(s) != CMD_OK)
		return CMD_ERROR;
	return expect_file(s, &e);
}

static enum cmd_result cmd_save(struct script *s, int argc, struct word *argv)
{
	struct saved_value *v;
	char *found;

	if (argc != 4 || argv[1].op || argv[2].op || strcmp(argv[2].text, "as") || argv[3].op)
		return script_error(s, "save: %s (expected save FILE[:KEY] as NAME, as in save /proc/meminfo:MemFree as free)",
				    argc < 4 ? "missing argument" : "unexpected words");
	for (const char *c = argv[3].text; *c; c++)
		if (!(isalnum((unsigned char)*c) || *c == '_' || *c == '-'))
			return script_error(s, "save: bad name \"%s\" (expected letters, digits, _ and -)",
					    argv[3].text);
	if (script_need_machine(s) != CMD_OK)
		return CMD_ERROR;
	if (read_target(s, "save", argv[1].text, &found) != CMD_OK)
		return CMD_ERROR;
	v = (struct saved_value *)find_saved(s, argv[3].text);
	if (!v) {
		v = calloc(1, sizeof(*v));
		if (!v || !(v->name = strdup(argv[3].text)))
			abort();
		v->next = s->saved;
		s->saved = v;
	}
	free(v->value);
	v->value = found;
	if (s->interactive)
		printf("%s = %s\n", v->name, v->value);
	return CMD_OK;
}

void script_forget_saved(struct script *s)
{
	while (s->saved) {
		struct saved_value *v = s->saved;

		s->saved = v->next;
		free(v->name);
		free(v->value);
		free(v);
	}
}

const struct command expect_commands[] = {
	{ "expect", cmd_expect, false, "expect FILE[:KEY] OP VALUE",
	  "check a value the machine shows",
	  "OP is one of == != < <= > >=.  FILE:KEY takes the line of KEY in a\n"
	  "\"Key: value\" or \"key value\" file (the first such line; in node\n"
	  "files the \"Node N \" prefix is skipped: node0/meminfo:MemFree); FILE\n"
	  "alone takes the whole file (numbers: its first word).\n"
	  "VALUE with a size suffix (K, M, G, T, P, E or kB) compares in bytes,\n"
	  "a value printed with kB after it counting 1024 bytes per kB.  A bare\n"
	  "number compares with the number as printed.  Anything else compares as\n"
	  "text, with == and != only.\n"
	  "`expect last == RESULT` checks the last kernel: command or\n"
	  "echo > FILE: RESULT is 0 or an errno name (ENOMEM, EINVAL).\n"
	  "A failed expect prints FILE:LINE: expect failed: ... (found ...), the\n"
	  "script goes on, and the run exits with status 1.\n"
	  "\n"
	  "  expect /proc/meminfo:MemFree > 1G\n"
	  "  expect /proc/sys/vm/swappiness == 60\n"
	  "  expect /sys/devices/system/node/node0/meminfo:MemFree >= 512M\n"
	  "  expect /proc/vmstat:nr_free_pages > 100000\n"
	  "  expect last == ENOMEM\n"
	  "  expect /proc/meminfo:MemFree == $free     # a value kept by save\n" },
	{ "save", cmd_save, false, "save FILE[:KEY] as NAME",
	  "keep a value the machine shows, for expect ... $NAME",
	  "Reads FILE[:KEY] as expect does and keeps the text as NAME (a new\n"
	  "save replaces it; values outlive boot).  expect FILE[:KEY] OP $NAME\n"
	  "then compares with it: as numbers when both are numbers (a kB after\n"
	  "either counting 1024 bytes), otherwise as text with == and !=, which\n"
	  "compares whole files such as /proc/buddyinfo line for line.\n"
	  "\n"
	  "  save /proc/meminfo:MemFree as free\n"
	  "  save /proc/buddyinfo as buddy\n"
	  "  expect /proc/meminfo:MemFree == $free\n"
	  "  expect /proc/buddyinfo == $buddy\n" },
	{ NULL },
};
