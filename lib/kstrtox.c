// SPDX-License-Identifier: GPL-2.0-only
/*
 * Number parsing with the kernel's rules (lib/kstrtox.c and the
 * simple_strto*() helpers of lib/vsprintf.c): C-notation bases, no locale,
 * no leading whitespace, Linux's overflow behaviour (strict parsers fail
 * with -ERANGE, lenient ones wrap).  Leaves out: the _from_user variants
 * and the max_chars limit of the scanf path.
 * Callers: lib/cmdline.c (memparse), kernel/params.c, kernel/sysctl.c.
 */
#include <errno.h>
#include <limits.h>
#include "linux/kstrtox.h"

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static bool is_xdigit(int c)
{
	c = lower(c);
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

const char *_parse_integer_fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] != '0')
			*base = 10;
		else if (lower(s[1]) == 'x' && is_xdigit(s[2]))
			*base = 16;
		else
			*base = 8;
	}
	if (*base == 16 && s[0] == '0' && lower(s[1]) == 'x')
		s += 2;
	return s;
}

/* Value of digit @c, or 16 (never a valid digit) if it is not one. */
static unsigned int digit_value(int c)
{
	c = lower(c);
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned int)(c - 'a' + 10);
	return 16;
}

unsigned int _parse_integer(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long acc = 0;
	unsigned int n = 0;
	bool overflow = false;

	for (;; s++, n++) {
		unsigned int d = digit_value((unsigned char)*s);

		if (d >= base)
			break;
		if (acc > (ULLONG_MAX - d) / base)
			overflow = true;
		acc = acc * base + d;	/* wraps on overflow, as Linux */
	}
	*res = acc;
	return overflow ? n | KSTRTOX_OVERFLOW : n;
}

unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long res;
	const char *s = _parse_integer_fixup_radix(cp, &base);
	unsigned int rv = _parse_integer(s, base, &res);

	s += rv & ~KSTRTOX_OVERFLOW;
	if (endp)
		*endp = (char *)s;
	return res;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return (unsigned long)simple_strtoull(cp, endp, base);
}

long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long long)simple_strtoull(cp + 1, endp, base);
	return (long long)simple_strtoull(cp, endp, base);
}

/* The common core of kstrtoull and kstrtoll: no sign handling. */
static int kstrtoull_digits(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v;
	unsigned int rv;

	s = _parse_integer_fixup_radix(s, &base);
	rv = _parse_integer(s, base, &v);
	if (rv & KSTRTOX_OVERFLOW)
		return -ERANGE;
	if (rv == 0)
		return -EINVAL;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return kstrtoull_digits(s, base, res);
}

int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int rv;

	if (s[0] == '-') {
		rv = kstrtoull_digits(s + 1, base, &v);
		if (rv < 0)
			return rv;
		if (v > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = (long long)(0 - v);
		return 0;
	}
	rv = kstrtoull(s, base, &v);
	if (rv < 0)
		return rv;
	if (v > (unsigned long long)LLONG_MAX)
		return -ERANGE;
	*res = (long long)v;
	return 0;
}

int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long v;
	int rv = kstrtoll(s, base, &v);

	if (rv < 0)
		return rv;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*res = (int)v;
	return 0;
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long v;
	int rv = kstrtoull(s, base, &v);

	if (rv < 0)
		return rv;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = (unsigned int)v;
	return 0;
}

int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (lower(s[1]) == 'n') {
			*res = true;
			return 0;
		}
		if (lower(s[1]) == 'f') {
			*res = false;
			return 0;
		}
		return -EINVAL;
	default:
		return -EINVAL;
	}
}
