/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel command line (kernel/params.c): parsing it into
 * struct boot_params, and Linux's report of unknown parameters.
 */
#ifndef _LINUX_PARAMS_H
#define _LINUX_PARAMS_H

#include "linux/machine.h"

/*
 * parse_boot_cmdline - parse @cmdline into m->bp and m->cmdline.
 * Returns 0, or -EINVAL with a one-line reason in @err for a value mmsim
 * cannot boot with (malformed size, out-of-range count, mmsim.* typo).
 */
int parse_boot_cmdline(struct machine *m, const char *cmdline, char *err, size_t errlen);

/* print_unknown_bootoptions - log the unknown parameters as Linux does. */
void print_unknown_bootoptions(struct machine *m);

#endif
