/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Number parsing as the kernel does it (lib/kstrtox.c, lib/vsprintf.c):
 * the lenient simple_strto*() family, which stops at the first character
 * that is not a digit, and the strict kstrto*() family, which wants the
 * whole string.  Base 0 means C notation: "0x" hex, a leading "0" octal,
 * decimal otherwise.  Implemented in lib/kstrtox.c.
 */
#ifndef _LINUX_KSTRTOX_H
#define _LINUX_KSTRTOX_H

#include "linux/types.h"

/* Set in _parse_integer()'s return value when the number overflowed. */
#define KSTRTOX_OVERFLOW	(1U << 31)

/*
 * _parse_integer_fixup_radix - resolve base 0 from the prefix of @s
 * ("0x" followed by a hex digit: 16, "0": 8, else 10) into *base, and skip
 * a "0x" prefix when the base is 16.  Returns where the digits start.
 */
const char *_parse_integer_fixup_radix(const char *s, unsigned int *base);

/*
 * _parse_integer - accumulate digits of @base from @s into *res.  Returns
 * the number of characters consumed, or'ed with KSTRTOX_OVERFLOW if the
 * value did not fit in 64 bits (*res then holds the wrapped value, as in
 * Linux).
 */
unsigned int _parse_integer(const char *s, unsigned int base, unsigned long long *res);

/*
 * simple_strtoull - the lenient parser: no leading whitespace or sign is
 * accepted, parsing stops at the first non-digit, *endp (if not NULL)
 * points there.  Overflow wraps silently.  "abc" gives 0 with *endp == cp.
 */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
/* simple_strtoll - as simple_strtoull, with an optional leading '-'. */
long long simple_strtoll(const char *cp, char **endp, unsigned int base);

/*
 * kstrtoull - the strict parser: an optional '+', digits of @base (0: C
 * notation), an optional single trailing '\n', nothing else.  Returns 0,
 * -EINVAL (not a number, trailing junk) or -ERANGE (overflow).
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
/* kstrtoll - kstrtoull that also takes a leading '-'. */
int kstrtoll(const char *s, unsigned int base, long long *res);
/* kstrtoint - kstrtoll limited to int (-ERANGE outside). */
int kstrtoint(const char *s, unsigned int base, int *res);
/* kstrtouint - kstrtoull limited to unsigned int (-ERANGE outside). */
int kstrtouint(const char *s, unsigned int base, unsigned int *res);

/*
 * kstrtobool - "y", "Y", "1", "on" -> true; "n", "N", "0", "off" -> false
 * (Linux looks only at the first one or two characters).  Returns 0 or
 * -EINVAL.
 */
int kstrtobool(const char *s, bool *res);

#endif
