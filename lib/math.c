// SPDX-License-Identifier: GPL-2.0-only
/*
 * Integer helpers (lib/math/int_sqrt.c, include/linux/log2.h): the integer
 * square root behind min_free_kbytes and power-of-two rounding behind the
 * pcp batch size.  Pure functions; no machine state.
 */
#include "linux/kernel.h"

/* int_sqrt - floor(sqrt(x)), by the bitwise method. */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long b, m, y = 0;

	if (x <= 1)
		return x;
	m = 1UL << (ilog2(x) & ~1UL);
	while (m != 0) {
		b = y + m;
		y >>= 1;
		if (x >= b) {
			x -= b;
			y += m;
		}
		m >>= 2;
	}
	return y;
}

/* rounddown_pow_of_two - largest power of two <= n (n > 0). */
unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << ilog2(n);
}

/* roundup_pow_of_two - smallest power of two >= n (n > 0). */
unsigned long roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (ilog2(n - 1) + 1);
}
