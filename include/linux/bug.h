/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN() as Linux prints it (kernel/panic.c __warn, lib/bug.c report_bug,
 * arch/x86 __warn_printk), and the taint flags a WARN or a BUG report sets.
 *
 * A WARN site in mmsim has a real __FILE__, __LINE__ and __func__, so the
 * "WARNING: ... at FILE:LINE FUNC+0x0/0x0" line names the mmsim source line.
 * Left out (mmsim has no registers or code addresses): the RIP/Code/register
 * lines x86's show_regs prints, and real +off/size in the frames.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <stddef.h>
#include "linux/types.h"

struct machine;

/* include/linux/panic.h: the taint bits mmsim sets */
#define TAINT_BAD_PAGE		5
#define TAINT_WARN		9
#define TAINT_FLAGS_COUNT	20

/* add_taint - set taint bit @flag (TAINT_*) in the machine. */
void add_taint(struct machine *m, int flag);
/*
 * print_tainted - "Not tainted" or "Tainted: G    B   W ..." (the 20 flags)
 * for the machine; @buf (>= 40 bytes) holds the text when tainted.
 */
const char *print_tainted(const struct machine *m, char *buf, size_t len);

/*
 * __warn - print a WARN() block to the machine's log: "------------[ cut
 * here ]------------", the message (@fmt, may be NULL, before the WARNING
 * line as x86's __warn_printk prints it), "WARNING: CPU: C PID: P at
 * @file:@line @func+0x0/0x0", "Modules linked in:", the dump_stack lines
 * (CPU/Comm line, Call Trace of @callers, innermost first, or of @func
 * alone when @nr_callers is 0) and the end marker; then taints W.
 * Use through the WARN macros below.
 */
void __warn(struct machine *m, const char *file, int line, const char *func,
	    const char *const *callers, size_t nr_callers, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* WARN(m, cond, fmt, ...): WARN when @cond; evaluates to !!cond. */
#define WARN(m, cond, ...)						\
	({ bool __c = !!(cond);						\
	   if (__c) __warn(m, __FILE__, __LINE__, __func__, NULL, 0, __VA_ARGS__); \
	   __c; })
/* WARN_ON(m, cond): WARN with no message when @cond. */
#define WARN_ON(m, cond)						\
	({ bool __c = !!(cond);						\
	   if (__c) __warn(m, __FILE__, __LINE__, __func__, NULL, 0, NULL); \
	   __c; })
/* WARN_TRACE(m, callers, nr, fmt, ...): WARN with a known call chain. */
#define WARN_TRACE(m, callers, nr, ...)					\
	__warn(m, __FILE__, __LINE__, __func__, callers, nr, __VA_ARGS__)
/*
 * WARN_ON_ONCE_FLAG(m, cond, once): WARN_ON at most once per machine;
 * @once is a bool lvalue in struct machine (never a static).
 */
#define WARN_ON_ONCE_FLAG(m, cond, once)				\
	({ bool __c = !!(cond);						\
	   if (__c && !(once)) { (once) = true;				\
		__warn(m, __FILE__, __LINE__, __func__, NULL, 0, NULL); } \
	   __c; })

#endif /* _LINUX_BUG_H */
