/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small helpers every file uses: min/max, rounding, ARRAY_SIZE,
 * container_of, as include/linux/kernel.h and friends define them.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <errno.h>
#include "linux/types.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define min(a, b)	((a) < (b) ? (a) : (b))
#define max(a, b)	((a) > (b) ? (a) : (b))
#define clamp(v, lo, hi) min(max(v, lo), hi)

#define ALIGN(x, a)		(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __maybe_unused	__attribute__((unused))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

/* lib/math.c */
/* int_sqrt - floor of the square root of @x. */
unsigned long int_sqrt(unsigned long x);
/* rounddown_pow_of_two - largest power of two <= @n; @n must be > 0. */
unsigned long rounddown_pow_of_two(unsigned long n);
/* roundup_pow_of_two - smallest power of two >= @n (1 for 0 and 1). */
unsigned long roundup_pow_of_two(unsigned long n);
static inline int ilog2(unsigned long n) { return 63 - __builtin_clzl(n); }

#endif
