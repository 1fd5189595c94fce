// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/cmdline.c and lib/kstrtox.c: memparse() with Linux's suffixes and
 * its lenient stop at the first bad character, the strict whole-word
 * memparse_strict(), next_arg()'s splitting and quoting, kstrto*()
 * strictness, and the errno name/text table of lib/errname.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "linux/kstrtox.h"
#include "linux/string.h"

static unsigned long long mp(const char *s, const char **rest)
{
	char *end;
	unsigned long long v = memparse(s, &end);

	if (rest)
		*rest = end;
	return v;
}

static void memparse_reads_plain_numbers_and_suffixes(void **state)
{
	const char *rest;

	assert_int_equal(mp("4096", &rest), 4096);
	assert_string_equal(rest, "");
	assert_int_equal(mp("64K", NULL), 64ULL << 10);
	assert_int_equal(mp("2M", NULL), 2ULL << 20);
	assert_int_equal(mp("1G", NULL), 1ULL << 30);
	assert_int_equal(mp("1T", NULL), 1ULL << 40);
	assert_int_equal(mp("3P", NULL), 3ULL << 50);
	assert_int_equal(mp("1E", NULL), 1ULL << 60);
	assert_int_equal(mp("512m", NULL), 512ULL << 20);
	assert_int_equal(mp("8g", &rest), 8ULL << 30);
	assert_string_equal(rest, "");
}

static void memparse_uses_c_notation_for_the_base(void **state)
{
	assert_int_equal(mp("0x1000", NULL), 0x1000);
	assert_int_equal(mp("0X10k", NULL), 16 << 10);
	assert_int_equal(mp("010", NULL), 8);		/* octal, as simple_strtoull */
	assert_int_equal(mp("0", NULL), 0);
	/* 'e' is a hex digit in 0x1e, not the exa suffix */
	assert_int_equal(mp("0x1e", NULL), 0x1e);
}

static void memparse_stops_at_the_first_bad_character(void **state)
{
	const char *rest;

	assert_int_equal(mp("12abc", &rest), 12);
	assert_string_equal(rest, "abc");	/* 'a' is not a suffix */
	assert_int_equal(mp("12kb", &rest), 12 << 10);
	assert_string_equal(rest, "b");		/* one suffix only */
	assert_int_equal(mp("abc", &rest), 0);
	assert_string_equal(rest, "abc");
	assert_int_equal(mp("1.5G", &rest), 1);
	assert_string_equal(rest, ".5G");
	assert_int_equal(mp("-1", &rest), 0);	/* no sign in simple_strtoull */
	assert_string_equal(rest, "-1");
	assert_int_equal(mp("08", &rest), 0);	/* octal: 8 is not a digit */
	assert_string_equal(rest, "8");
}

static void memparse_strict_wants_the_whole_word(void **state)
{
	u64 v = 7;

	assert_int_equal(memparse_strict("4096", &v), 0);
	assert_int_equal(v, 4096);
	assert_int_equal(memparse_strict("2M", &v), 0);
	assert_int_equal(v, 2ULL << 20);
	assert_int_equal(memparse_strict("0x1000", &v), 0);
	assert_int_equal(v, 0x1000);
	assert_int_equal(memparse_strict("16E", &v), -ERANGE);	/* 2^64 */
	assert_int_equal(memparse_strict("15E", &v), 0);
	assert_int_equal(v, 15ULL << 60);
	assert_int_equal(memparse_strict("99999999999999999999", &v), -ERANGE);
	v = 7;
	assert_int_equal(memparse_strict("abc", &v), -EINVAL);
	assert_int_equal(memparse_strict("12Q", &v), -EINVAL);
	assert_int_equal(memparse_strict("12abc", &v), -EINVAL);
	assert_int_equal(memparse_strict("1.5G", &v), -EINVAL);
	assert_int_equal(memparse_strict("", &v), -EINVAL);
	assert_int_equal(memparse_strict(" 1G", &v), -EINVAL);
	assert_int_equal(memparse_strict("1G ", &v), -EINVAL);
	assert_int_equal(memparse_strict("-1G", &v), -EINVAL);
	assert_int_equal(memparse_strict("K", &v), -EINVAL);
	assert_int_equal(v, 7);		/* untouched on failure */
}

/* Split @line with next_arg into "param|val" strings ("param" if no '='). */
static int split(const char *line, char out[][64], int max)
{
	char buf[256], *args, *param, *val;
	int n = 0;

	strcpy(buf, line);
	for (args = skip_spaces(buf); *args && n < max; n++) {
		args = next_arg(args, &param, &val);
		if (val)
			snprintf(out[n], 64, "%s|%s", param, val);
		else
			snprintf(out[n], 64, "%s", param);
	}
	return n;
}

static void next_arg_splits_words_and_values(void **state)
{
	char w[8][64];

	assert_int_equal(split("mem=2G  quiet\tnuma=fake=2 ", w, 8), 3);
	assert_string_equal(w[0], "mem|2G");
	assert_string_equal(w[1], "quiet");
	assert_string_equal(w[2], "numa|fake=2");	/* the first '=' splits */
}

static void next_arg_handles_double_quotes(void **state)
{
	char w[8][64];

	assert_int_equal(split("dyndbg=\"file a.c +p\" x", w, 8), 2);
	assert_string_equal(w[0], "dyndbg|file a.c +p");
	assert_string_equal(w[1], "x");
	assert_int_equal(split("\"dyndbg=file a.c\" y=", w, 8), 2);
	assert_string_equal(w[0], "dyndbg|file a.c");
	assert_string_equal(w[1], "y|");	/* an empty value is not no value */
	assert_int_equal(split("a=b\"c d\"e f", w, 8), 2);
	assert_string_equal(w[0], "a|b\"c d\"e");	/* inner quotes stay */
}

static void kstrtoull_is_strict_and_detects_overflow(void **state)
{
	unsigned long long v;
	int i;

	assert_int_equal(kstrtoull("42", 0, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(kstrtoull("+0x2a\n", 0, &v), 0);	/* one newline allowed */
	assert_int_equal(v, 42);
	assert_int_equal(kstrtoull("42\n\n", 0, &v), -EINVAL);
	assert_int_equal(kstrtoull("42 ", 0, &v), -EINVAL);
	assert_int_equal(kstrtoull("", 0, &v), -EINVAL);
	assert_int_equal(kstrtoull("-1", 0, &v), -EINVAL);
	assert_int_equal(kstrtoull("18446744073709551616", 0, &v), -ERANGE);
	assert_int_equal(kstrtoull("18446744073709551615", 0, &v), 0);
	assert_true(v == 18446744073709551615ULL);
	assert_int_equal(kstrtoint("-2147483648", 0, &i), 0);
	assert_int_equal(i, -2147483647 - 1);
	assert_int_equal(kstrtoint("2147483648", 0, &i), -ERANGE);
}

static void get_option_reads_an_int_and_a_comma(void **state)
{
	char buf[] = "-4,7x";
	char *p = buf;
	int v;

	assert_int_equal(get_option(&p, &v), 2);
	assert_int_equal(v, -4);
	assert_int_equal(get_option(&p, &v), 1);
	assert_int_equal(v, 7);
	assert_string_equal(p, "x");
	assert_int_equal(get_option(&p, &v), 0);
}

static void errno_names_and_texts_are_linux_and_strace(void **state)
{
	assert_string_equal(mmsim_errno_name(ENOMEM), "ENOMEM");
	assert_string_equal(mmsim_errno_text(ENOMEM), "Cannot allocate memory");
	assert_string_equal(mmsim_errno_name(-EINVAL), "EINVAL");
	assert_string_equal(mmsim_errno_text(EINVAL), "Invalid argument");
	assert_string_equal(mmsim_errno_name(EAGAIN), "EAGAIN");
	assert_string_equal(mmsim_errno_text(EAGAIN), "Resource temporarily unavailable");
	assert_string_equal(mmsim_errno_name(117), "EUCLEAN");
	assert_string_equal(mmsim_errno_text(117), "Structure needs cleaning");
	assert_string_equal(mmsim_errno_name(133), "EHWPOISON");
	assert_string_equal(mmsim_errno_name(512), "ERESTARTSYS");
	assert_null(mmsim_errno_name(0));
	assert_null(mmsim_errno_name(41));	/* no errno 41 on Linux */
	assert_null(mmsim_errno_text(134));
	assert_null(mmsim_errno_name(100000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memparse_reads_plain_numbers_and_suffixes),
		cmocka_unit_test(memparse_uses_c_notation_for_the_base),
		cmocka_unit_test(memparse_stops_at_the_first_bad_character),
		cmocka_unit_test(memparse_strict_wants_the_whole_word),
		cmocka_unit_test(next_arg_splits_words_and_values),
		cmocka_unit_test(next_arg_handles_double_quotes),
		cmocka_unit_test(kstrtoull_is_strict_and_detects_overflow),
		cmocka_unit_test(get_option_reads_an_int_and_a_comma),
		cmocka_unit_test(errno_names_and_texts_are_linux_and_strace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
