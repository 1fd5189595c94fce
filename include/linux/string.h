/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command-line string helpers, as Linux declares them in
 * include/linux/string.h and friends (lib/cmdline.c, lib/string.c).
 * Implemented in lib/cmdline.c.
 */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include "linux/types.h"

/* skip_spaces - first character of @str that is not isspace(). */
char *skip_spaces(const char *str);

/*
 * memparse - Linux's memparse(): simple_strtoull(@ptr, base 0) then an
 * optional K, M, G, T, P or E suffix (either case), each a factor of 1024.
 * Never fails: "abc" gives 0 with *retptr == ptr; "12abc" gives 12 with
 * *retptr at 'a'; overflow wraps as in Linux.  @retptr may be NULL.
 */
unsigned long long memparse(const char *ptr, char **retptr);

/*
 * memparse_strict - a size that is the whole of @s: what memparse accepts
 * and nothing after it (no sign, no spaces, no second suffix).  Returns 0
 * and the size in *out; -EINVAL if @s is empty or not such a size;
 * -ERANGE if it does not fit in 64 bits.  Used to reject "mem=abc" and
 * "mem=12Q" that Linux would silently misread.
 */
int memparse_strict(const char *s, u64 *out);

/*
 * next_arg - split the next parameter off the command line @args, in
 * place, as Linux's next_arg() does: words are separated by unquoted
 * whitespace; double quotes group (and are removed around a whole word or
 * a whole value); the first '=' splits name from value.  Sets *param and
 * *val (NULL when there is no '='), and returns the rest of the line with
 * leading spaces skipped (an empty string at the end).  @args must not
 * start with whitespace.
 */
char *next_arg(char *args, char **param, char **val);

/*
 * get_option - Linux's get_option(): an int (with optional '-') at *str,
 * advancing *str past it and a following comma.  Returns 0 (no number),
 * 1 (number), 2 (number and comma) or 3 (number followed by '-').
 */
int get_option(char **str, int *pint);

#endif
