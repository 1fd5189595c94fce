// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel log (kernel/printk/printk.c): records stamped with the
 * virtual clock, kept as a ring of the newest 1 MiB of text, shown by
 * `dmesg` as "[    0.000000] text".  Leaves out: consoles, loglevel
 * filtering of the output (dmesg shows every level, as `dmesg` does),
 * /dev/kmsg.  Callers: every file that logs (pr_info and friends).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/machine.h"
#include "linux/printk.h"
#include "linux/seq_file.h"

#define LOG_BUF_TEXT_MAX	(1u << 20)

static struct printk_record *printk_rec(struct printk_log *log, size_t i)
{
	return &log->recs[(log->first + i) % log->cap];
}

static void printk_drop_oldest(struct printk_log *log)
{
	struct printk_record *r = printk_rec(log, 0);

	log->text_bytes -= strlen(r->text);
	free(r->text);
	log->first = (log->first + 1) % log->cap;
	log->nr--;
}

static void printk_grow(struct printk_log *log)
{
	size_t cap = log->cap ? log->cap * 2 : 256;
	struct printk_record *n = malloc(cap * sizeof(*n));

	if (!n)
		abort();
	for (size_t i = 0; i < log->nr; i++)
		n[i] = *printk_rec(log, i);
	free(log->recs);
	log->recs = n;
	log->cap = cap;
	log->first = 0;
}

static void printk_store(struct machine *m, int level, const char *text, size_t len)
{
	struct printk_log *log = &m->log;
	struct printk_record *r;

	while (log->nr && log->text_bytes + len > LOG_BUF_TEXT_MAX)
		printk_drop_oldest(log);
	if (log->nr == log->cap)
		printk_grow(log);
	r = printk_rec(log, log->nr);
	r->ts_nsec = m->clock_ns;
	r->level = (u8)level;
	r->text = strndup(text, len);
	if (!r->text)
		abort();
	log->nr++;
	log->seq++;
	log->text_bytes += len;
}

static void printk_append(struct machine *m, const char *text, size_t len)
{
	struct printk_log *log = &m->log;
	struct printk_record *r = printk_rec(log, log->nr - 1);
	size_t old = strlen(r->text);
	char *t = realloc(r->text, old + len + 1);

	if (!t)
		abort();
	memcpy(t + old, text, len);
	t[old + len] = '\0';
	r->text = t;
	log->text_bytes += len;
}

void vprintk_emit(struct machine *m, int level, const char *fmt, va_list ap)
{
	char stackbuf[1024], *buf = stackbuf, *line;
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(stackbuf, sizeof(stackbuf), fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(stackbuf)) {
		buf = malloc((size_t)n + 1);
		if (!buf)
			abort();
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
	}
	line = buf;
	while (*line || line == buf) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		if (level == LOGLEVEL_CONT && line == buf && m->log.cont_open && m->log.nr)
			printk_append(m, line, len);
		else if (len || nl)
			printk_store(m, level == LOGLEVEL_CONT ? LOGLEVEL_INFO : level, line, len);
		/* A record stays open for pr_cont until a newline ends it. */
		m->log.cont_open = !nl;
		if (!nl)
			break;
		line = nl + 1;
	}
	if (buf != stackbuf)
		free(buf);
}

void printk_level(struct machine *m, int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk_emit(m, level, fmt, ap);
	va_end(ap);
}

void printk_show(struct machine *m, struct seq_file *sf)
{
	for (size_t i = 0; i < m->log.nr; i++) {
		struct printk_record *r = printk_rec(&m->log, i);

		seq_printf(sf, "[%5llu.%06llu] %s\n",
			   (unsigned long long)(r->ts_nsec / 1000000000ULL),
			   (unsigned long long)(r->ts_nsec % 1000000000ULL / 1000),
			   r->text);
	}
}

void printk_release(struct printk_log *log)
{
	while (log->nr)
		printk_drop_oldest(log);
	free(log->recs);
	memset(log, 0, sizeof(*log));
}
