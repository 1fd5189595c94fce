/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the tests of the files the machine shows
 * (test_proc_*.c, test_node_sysfs.c, test_show_mem.c): boot a machine,
 * read one of its files, load a reference file captured from Linux 6.18
 * (tests/reference/procfs), split text into lines, and reduce a line to
 * its shape (every digit run becomes "N") so layouts compare without the
 * numbers.  Include after cmocka.h.
 */
#ifndef _MMSIM_TESTS_PROC_HELPERS_H
#define _MMSIM_TESTS_PROC_HELPERS_H

#include <ctype.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mmsim.h"

static inline struct machine *ph_boot(const char *cmdline)
{
	struct machine *m = NULL;
	char err[256];
	int ret = mmsim_boot(cmdline, 1, &m, err, sizeof(err));

	if (ret)
		fail_msg("boot '%s' failed: %d %s", cmdline, ret, err);
	return m;
}

/* Fail the test if any of the machine's validators finds a problem. */
static inline void ph_assert_valid(struct machine *m)
{
	char err[512];

	if (mmsim_validate(m, err, sizeof(err)))
		fail_msg("validate: %s", err);
}

/* Does the kernel log hold @needle anywhere? */
static inline bool ph_log_has(struct machine *m, const char *needle)
{
	char *log = mmsim_dmesg(m);
	bool found = strstr(log, needle) != NULL;

	free(log);
	return found;
}

/* The file's text (malloc'd); fails the test if it cannot be read. */
__attribute__((noinline, unused)) static char *ph_read(struct machine *m, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	int ret = mmsim_read(m, path, &buf, &len);

	if (ret)
		fail_msg("read %s: %d", path, ret);
	return buf;
}

/*
 * A reference file's text (malloc'd): the real Linux 6.18 captures kept in
 * tests/reference/procfs (tests run from the repository root).  A missing
 * file fails the test: format checks are never skipped.
 */
static inline char *ph_reference(const char *name)
{
	static const char *const dirs[] = { "tests/reference/procfs" };
	char path[512];

	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		FILE *f;
		long n;
		char *buf;

		snprintf(path, sizeof(path), "%s/%s", dirs[i], name);
		f = fopen(path, "r");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		fseek(f, 0, SEEK_SET);
		buf = malloc((size_t)n + 1);
		if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
			fail_msg("cannot read %s", path);
		buf[n] = '\0';
		fclose(f);
		return buf;
	}
	return NULL;
}

/* The reference capture @name, or a failed test if it is missing. */
#define PH_REFERENCE(var, name)					\
	do {								\
		(var) = ph_reference(name);				\
		if (!(var))						\
			fail_msg("reference %s missing from tests/reference/procfs", name); \
	} while (0)

struct ph_lines {
	char **line;
	size_t nr;
};

/* Split @text at newlines (a trailing newline does not make an empty line). */
static inline struct ph_lines ph_split(const char *text)
{
	struct ph_lines l = { NULL, 0 };
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		l.line = realloc(l.line, (l.nr + 1) * sizeof(char *));
		l.line[l.nr] = strndup(p, len);
		l.nr++;
		p += len + (nl ? 1 : 0);
	}
	return l;
}

static inline void ph_free_lines(struct ph_lines *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->line[i]);
	free(l->line);
	l->line = NULL;
	l->nr = 0;
}

/*
 * The shape of a line: each run of digits becomes one 'N' and the spaces
 * just before it are kept only as far as they belong to a right-aligned
 * field, which we cannot know -- so the shape keeps the line as is except
 * digit runs.  Use ph_value_end() to compare right-aligned columns.
 */
static inline void ph_shape(const char *line, char *out, size_t outlen)
{
	size_t o = 0;

	for (const char *p = line; *p && o + 1 < outlen; p++) {
		if (isdigit((unsigned char)*p)) {
			out[o++] = 'N';
			while (isdigit((unsigned char)p[1]))
				p++;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = '\0';
}

/*
 * The shape without the padding in front of numbers: runs of spaces
 * before a digit run collapse to one space.  Two lines with the same
 * loose shape and the same ph_value_end() have the same layout.
 */
static inline void ph_loose_shape(const char *line, char *out, size_t outlen)
{
	char tmp[4096];
	size_t o = 0;

	ph_shape(line, tmp, sizeof(tmp));
	for (const char *p = tmp; *p && o + 1 < outlen; p++) {
		if (*p == ' ') {
			const char *q = p;

			while (*q == ' ')
				q++;
			if (*q == 'N') {
				out[o++] = ' ';
				p = q - 1;
				continue;
			}
		}
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* Column just after the first digit run (the right edge of a "%8lu"), or -1. */
static inline int ph_value_end(const char *line)
{
	const char *p = line;

	while (*p && !isdigit((unsigned char)*p))
		p++;
	if (!*p)
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	return (int)(p - line);
}

/* The text of @line up to and including the first ':' (the key), malloc'd. */
static inline char *ph_key(const char *line)
{
	const char *c = strchr(line, ':');

	return strndup(line, c ? (size_t)(c - line + 1) : strlen(line));
}

/* Value of "Key: N ..." in a "Key: value" file, or -1 if the key is absent. */
static inline long long ph_kv(const char *text, const char *key)
{
	size_t klen = strlen(key);

	for (const char *p = text; p && *p; ) {
		if (strncmp(p, key, klen) == 0 && (p[klen] == ':' || p[klen] == ' '))
			return strtoll(p + klen + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return -1;
}

/* The lines of the kernel log without their "[    0.000000] " stamps. */
static inline struct ph_lines ph_dmesg_lines(struct machine *m)
{
	char *log = mmsim_dmesg(m);
	struct ph_lines l = ph_split(log);

	for (size_t i = 0; i < l.nr; i++) {
		char *end = strstr(l.line[i], "] ");

		if (l.line[i][0] == '[' && end)
			memmove(l.line[i], end + 2, strlen(end + 2) + 1);
	}
	free(log);
	return l;
}

#endif
