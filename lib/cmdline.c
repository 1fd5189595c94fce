// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers for parsing the kernel command line (lib/cmdline.c): memparse()
 * for sizes with K/M/G/T/P/E suffixes, next_arg() to split the line into
 * name=value words with Linux's quoting rules, get_option() for integers;
 * plus memparse_strict(), mmsim's whole-word size check.  Leaves out:
 * get_options() ranges and parse_option_str().
 * Callers: kernel/params.c, kernel/sysctl.c.
 */
#include <errno.h>
#include <limits.h>
#include "linux/kstrtox.h"
#include "linux/string.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

char *skip_spaces(const char *str)
{
	while (is_space(*str))
		str++;
	return (char *)str;
}

/* Shift of a memparse suffix letter (K: 10 ... E: 60), or 0 for none. */
static int suffix_shift(char c)
{
	switch (c) {
	case 'K': case 'k': return 10;
	case 'M': case 'm': return 20;
	case 'G': case 'g': return 30;
	case 'T': case 't': return 40;
	case 'P': case 'p': return 50;
	case 'E': case 'e': return 60;
	default: return 0;
	}
}

unsigned long long memparse(const char *ptr, char **retptr)
{
	char *end;
	unsigned long long v = simple_strtoull(ptr, &end, 0);
	int shift = suffix_shift(*end);

	if (shift) {
		v <<= shift;
		end++;
	}
	if (retptr)
		*retptr = end;
	return v;
}

int memparse_strict(const char *s, u64 *out)
{
	const char *digits;
	unsigned long long v;
	unsigned int base = 0, rv;
	int shift;

	if (!s || !*s)
		return -EINVAL;
	digits = _parse_integer_fixup_radix(s, &base);
	rv = _parse_integer(digits, base, &v);
	if ((rv & ~KSTRTOX_OVERFLOW) == 0)
		return -EINVAL;
	if (rv & KSTRTOX_OVERFLOW)
		return -ERANGE;
	s = digits + rv;
	shift = suffix_shift(*s);
	if (shift) {
		if (v > (ULLONG_MAX >> shift))
			return -ERANGE;
		v <<= shift;
		s++;
	}
	if (*s)
		return -EINVAL;
	*out = v;
	return 0;
}

char *next_arg(char *args, char **param, char **val)
{
	size_t i, eq = 0;
	bool in_quote = false, quoted = false;
	char *next;

	if (*args == '"') {
		args++;
		in_quote = quoted = true;
	}
	/* Find the end of the word and its first '=' (one at index 0 does not count). */
	for (i = 0; args[i]; i++) {
		if (is_space(args[i]) && !in_quote)
			break;
		if (!eq && args[i] == '=')
			eq = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*param = args;
	*val = NULL;
	if (eq) {
		args[eq] = '\0';
		*val = args + eq + 1;
		if (**val == '"') {	/* name="value": drop the quotes */
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	next = args + i;
	if (*next)
		*next++ = '\0';
	return skip_spaces(next);
}

int get_option(char **str, int *pint)
{
	char *cur = *str;
	int value;

	if (!cur || !*cur)
		return 0;
	if (*cur == '-')
		value = (int)-simple_strtoull(++cur, str, 0);
	else
		value = (int)simple_strtoull(cur, str, 0);
	if (pint)
		*pint = value;
	if (cur == *str)
		return 0;
	if (**str == ',') {
		(*str)++;
		return 2;
	}
	if (**str == '-')
		return 3;
	return 1;
}
