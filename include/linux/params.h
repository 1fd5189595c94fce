/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel command line (kernel/params.c): parsing it into
 * struct boot_params, and Linux's report of unknown parameters.
 */
#ifndef _LINUX_PARAMS_H
#define _LINUX_PARAMS_H

#include "linux/machine.h"

/*
 * parse_boot_cmdline - parse @cmdline into m->bp, m->cmdline (verbatim, for
 * /proc/cmdline) and m->boot_sysctls.  Every m->bp field except seed is
 * first reset to mmsim's defaults (mem 2G, 2 CPUs, one node, THP madvise);
 * bp.seed keeps what the caller put there unless mmsim.seed= is given.
 * bp.nr_cpus is the number of CPUs to run: nr_cpus=, else maxcpus=, else
 * 2, then limited by maxcpus= (maxcpus=0 and nosmp mean 1).
 * m->boot_sysctls gets one "vm.NAME=VALUE" entry per sysctl.vm.NAME=VALUE
 * (or sysctl/vm/NAME=VALUE), separated by single spaces; whitespace inside
 * a quoted value is stored as tabs (the /proc/sys parser separates on
 * both).  Names are not checked here: sysctl_set() does that.
 * Unknown parameters are collected in bp.unknown as init/main.c collects
 * them (bare words first, then name=value, dotted names dropped, nothing
 * after "--").
 * Returns 0, or -EINVAL with a one-line reason in @err ("mem=abc: not a
 * size (expected a size such as 512M or 8G)") for a value mmsim cannot boot
 * with: a malformed or out-of-range value of a modelled parameter, an
 * mmsim.* name that does not exist, a Linux parameter that would reserve
 * memory mmsim does not model (hugepages=, crashkernel=, ...), a line
 * longer than COMMAND_LINE_SIZE - 1, or more unknown parameters than init
 * takes (Linux panics).
 */
int parse_boot_cmdline(struct machine *m, const char *cmdline, char *err, size_t errlen);

/*
 * print_unknown_bootoptions - log, as init/main.c does, "Unknown kernel
 * command line parameters \"...\", will be passed to user space." (if
 * any), then mmsim's note of the Linux parameters it accepted without
 * modelling them (bp.ignored).
 */
void print_unknown_bootoptions(struct machine *m);

#endif
