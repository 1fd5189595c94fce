// SPDX-License-Identifier: GPL-2.0-only
/*
 * Numbers, sizes and durations as scripts spell them.  Sizes follow the
 * kernel's memparse() (lib/cmdline.c): a number in C notation with an
 * optional K/M/G/T/P/E suffix in either case; unlike memparse, trailing
 * junk is an error here.  The tools cannot call library internals, so
 * this is the front end's own parser.  Also errno names and texts.
 * Caller: every cmd_*.c.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

/* Parse the digits of an unsigned number in C notation; *end after it. */
static bool parse_digits(const char *s, uint64_t *out, const char **end)
{
	char *e;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*out = strtoull(s, &e, 0);
	if (errno)
		return false;
	*end = e;
	return true;
}

bool parse_size(const char *s, uint64_t *out)
{
	static const char suffixes[] = "kmgtpe";
	const char *end, *sfx;
	uint64_t v;
	int shift;

	if (!parse_digits(s, &v, &end))
		return false;
	if (*end) {
		if (end[1] || !(sfx = strchr(suffixes, tolower((unsigned char)*end))))
			return false;
		shift = 10 * (int)(sfx - suffixes + 1);
		if (v > (UINT64_MAX >> shift))
			return false;
		v <<= shift;
	}
	*out = v;
	return true;
}

bool parse_u64(const char *s, uint64_t *out)
{
	const char *end;

	return parse_digits(s, out, &end) && !*end;
}

bool parse_s64(const char *s, int64_t *out)
{
	bool neg = *s == '-';
	uint64_t v;

	if (*s == '-' || *s == '+')
		s++;
	if (!parse_u64(s, &v) || v > (uint64_t)INT64_MAX + neg)
		return false;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}

/* Duration units, longest names first so "ms" wins over "m". */
static const struct {
	const char *name;
	uint64_t ns;
} duration_units[] = {
	{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 },
	{ "s", 1000000000ull }, { "m", 60000000000ull }, { "h", 3600000000000ull },
};

bool parse_duration(const char *s, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0, frac_div = 1, unit = 1000000000ull;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return false;
	for (; isdigit((unsigned char)*p); p++) {
		if (whole > UINT64_MAX / 10)
			return false;
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			if (frac_div < 1000000000000000000ull) {
				frac = frac * 10 + (uint64_t)(*p - '0');
				frac_div *= 10;
			}
		}
	}
	if (*p) {
		size_t i, n = sizeof(duration_units) / sizeof(duration_units[0]);

		for (i = 0; i < n && strcmp(p, duration_units[i].name); i++)
			;
		if (i == n)
			return false;
		unit = duration_units[i].ns;
	}
	if (whole && unit > UINT64_MAX / whole)
		return false;
	*ns = whole * unit + (uint64_t)((unsigned __int128)frac * unit / frac_div);
	return true;
}

const char *errno_text(int err)
{
	const char *t = mmsim_errno_text(err);

	return t ? t : "Unknown error";
}

int errno_from_name(const char *name)
{
	if (*name == '-')
		name++;
	for (int e = 1; e < 256; e++) {
		const char *n = mmsim_errno_name(e);

		if (n && !strcmp(n, name))
			return e;
	}
	return 0;
}
