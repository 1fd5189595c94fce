// SPDX-License-Identifier: GPL-2.0-only
/*
 * The WARN() report and taint flags (Linux: kernel/panic.c __warn,
 * add_taint, print_tainted; lib/bug.c report_bug's "cut here").
 *
 * One format for every WARN in mmsim, as Linux 6.18 prints it on x86
 * without registers: no RIP/Code/register lines (mmsim has no code
 * addresses), frames as NAME+0x0/0x0.  Called by mm/slub_debug.c,
 * mm/slab_common.c, mm/vmalloc.c and any other WARN site (include/linux/bug.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "linux/bug.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/printk.h"

void add_taint(struct machine *m, int flag)
{
	m->tainted_mask |= 1UL << flag;
}

const char *print_tainted(const struct machine *m, char *buf, size_t len)
{
	static const char c_true[TAINT_FLAGS_COUNT + 1] = "PFSRMBUDAWCIOELKXTNJ";
	size_t n;

	if (!m->tainted_mask)
		return "Not tainted";
	n = (size_t)snprintf(buf, len, "Tainted: ");
	for (int i = 0; i < TAINT_FLAGS_COUNT && n + 1 < len; i++) {
		bool set = m->tainted_mask & (1UL << i);

		buf[n++] = set ? c_true[i] : (i == 0 ? 'G' : ' ');
	}
	buf[n] = '\0';
	return buf;
}

void __warn(struct machine *m, const char *file, int line, const char *func,
	    const char *const *callers, size_t nr_callers, const char *fmt, ...)
{
	pr_warn(m, "------------[ cut here ]------------");
	if (fmt) {				/* __warn_printk, before the trap */
		va_list ap;

		va_start(ap, fmt);
		vprintk_emit(m, LOGLEVEL_WARNING, fmt, ap);
		va_end(ap);
	}
	pr_warn(m, "WARNING: CPU: %d PID: %d at %s:%d %s+0x0/0x0", m->current_cpu,
		m->current_pid, file, line, func);
	pr_warn(m, "Modules linked in:");	/* print_modules: none */
	if (nr_callers)
		dump_stack_frames(m, callers, nr_callers);
	else
		dump_stack_frames(m, &func, 1);
	pr_warn(m, "---[ end trace 0000000000000000 ]---");
	add_taint(m, TAINT_WARN);		/* after the report, as Linux */
}
