// SPDX-License-Identifier: GPL-2.0-only
/*
 * seq_file: the growing buffer every /proc and /sys file is formatted
 * into.  Linux's seq_file also pages through large files; mmsim formats a
 * file whole, so only the printing half exists.  Callers: fs/proc/...,
 * drivers/base/node.c, kernel/printk.c, kernel/sysctl.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/seq_file.h"

void seq_init(struct seq_file *sf, struct machine *m)
{
	sf->size = 4096;
	sf->buf = malloc(sf->size);
	if (!sf->buf)
		abort();
	sf->buf[0] = '\0';
	sf->count = 0;
	sf->machine = m;
	sf->private = NULL;
}

void seq_release(struct seq_file *sf)
{
	free(sf->buf);
	sf->buf = NULL;
	sf->count = sf->size = 0;
}

static void seq_reserve(struct seq_file *sf, size_t more)
{
	if (sf->count + more + 1 <= sf->size)
		return;
	while (sf->count + more + 1 > sf->size)
		sf->size *= 2;
	sf->buf = realloc(sf->buf, sf->size);
	if (!sf->buf)
		abort();
}

void seq_vprintf(struct seq_file *sf, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(sf->buf + sf->count, sf->size - sf->count, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= sf->size - sf->count) {
		seq_reserve(sf, (size_t)n);
		vsnprintf(sf->buf + sf->count, sf->size - sf->count, fmt, ap);
	}
	sf->count += (size_t)n;
}

void seq_printf(struct seq_file *sf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	seq_vprintf(sf, fmt, ap);
	va_end(ap);
}

void seq_puts(struct seq_file *sf, const char *s)
{
	size_t n = strlen(s);

	seq_reserve(sf, n);
	memcpy(sf->buf + sf->count, s, n + 1);
	sf->count += n;
}

void seq_putc(struct seq_file *sf, char c)
{
	seq_reserve(sf, 1);
	sf->buf[sf->count++] = c;
	sf->buf[sf->count] = '\0';
}

/* As Linux: the delimiter, then @num right-aligned in @width columns. */
void seq_put_decimal_ull_width(struct seq_file *sf, const char *delim,
			       unsigned long long num, unsigned int width)
{
	seq_printf(sf, "%s%*llu", delim, (int)width, num);
}
