/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A growing text buffer that /proc and /sys show functions print into
 * (fs/seq_file.c), with Linux's seq_printf family of names.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <stdarg.h>
#include "linux/kernel.h"

struct machine;

struct seq_file {
	char *buf;		/* NUL-terminated text so far */
	size_t count;		/* bytes used, not counting the NUL */
	size_t size;		/* bytes allocated */
	struct machine *machine;	/* the machine being shown */
	void *private;		/* the file's data pointer */
};

/* seq_init - an empty buffer for showing @m; aborts if the host is out of memory. */
void seq_init(struct seq_file *sf, struct machine *m);
/* seq_release - free the buffer (sf->buf becomes NULL). */
void seq_release(struct seq_file *sf);
/* seq_printf/seq_vprintf - append formatted text, growing the buffer. */
void seq_printf(struct seq_file *sf, const char *fmt, ...) __printf(2, 3);
void seq_vprintf(struct seq_file *sf, const char *fmt, va_list ap);
/* seq_puts/seq_putc - append a string / one character. */
void seq_puts(struct seq_file *sf, const char *s);
void seq_putc(struct seq_file *sf, char c);
/* Linux's seq_put_decimal_ull_width: " %*llu"-like, used by meminfo. */
void seq_put_decimal_ull_width(struct seq_file *sf, const char *delim,
			       unsigned long long num, unsigned int width);

#endif
