/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine's kernel log (kernel/printk.c).  mm/ never writes to stdout:
 * it logs here, and `dmesg` shows the records as Linux does,
 * "[%5lu.%06lu] text", stamped with the virtual clock.
 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <stdarg.h>
#include "linux/kernel.h"

#define LOGLEVEL_EMERG		0
#define LOGLEVEL_ALERT		1
#define LOGLEVEL_CRIT		2
#define LOGLEVEL_ERR		3
#define LOGLEVEL_WARNING	4
#define LOGLEVEL_NOTICE		5
#define LOGLEVEL_INFO		6
#define LOGLEVEL_DEBUG		7
#define LOGLEVEL_CONT		8	/* continue the previous record */

struct printk_record {
	u64 ts_nsec;	/* virtual time of the record */
	u8 level;	/* LOGLEVEL_* */
	char *text;	/* one line, no newline */
};

struct printk_log {
	struct printk_record *recs;
	size_t nr, cap;
	size_t first;		/* oldest live record (ring) */
	size_t text_bytes;	/* total text held */
	u64 seq;		/* records ever logged */
	bool cont_open;		/* last record may be continued */
};

struct machine;
struct seq_file;

/*
 * vprintk_emit - log a message at @level.  Text with several lines becomes
 * several records; LOGLEVEL_CONT appends to the previous record.  The log
 * keeps the newest 1 MiB of text, as a ring, like Linux's log buffer.
 */
void vprintk_emit(struct machine *m, int level, const char *fmt, va_list ap);
void printk_level(struct machine *m, int level, const char *fmt, ...) __printf(3, 4);

#define pr_emerg(m, ...)	printk_level(m, LOGLEVEL_EMERG, __VA_ARGS__)
#define pr_alert(m, ...)	printk_level(m, LOGLEVEL_ALERT, __VA_ARGS__)
#define pr_crit(m, ...)		printk_level(m, LOGLEVEL_CRIT, __VA_ARGS__)
#define pr_err(m, ...)		printk_level(m, LOGLEVEL_ERR, __VA_ARGS__)
#define pr_warn(m, ...)		printk_level(m, LOGLEVEL_WARNING, __VA_ARGS__)
#define pr_notice(m, ...)	printk_level(m, LOGLEVEL_NOTICE, __VA_ARGS__)
#define pr_info(m, ...)		printk_level(m, LOGLEVEL_INFO, __VA_ARGS__)
#define pr_debug(m, ...)	printk_level(m, LOGLEVEL_DEBUG, __VA_ARGS__)
#define pr_cont(m, ...)		printk_level(m, LOGLEVEL_CONT, __VA_ARGS__)

/* Write the whole log as `dmesg` prints it. */
void printk_show(struct machine *m, struct seq_file *sf);
/* Free the log's memory. */
void printk_release(struct printk_log *log);

#endif
