// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/cmdline (fs/proc/cmdline.c): the kernel command line the machine
 * booted with, and a newline.  Reads state only.  Registered by
 * fs/proc/root.c.
 */
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"

static int cmdline_proc_show(struct seq_file *sf)
{
	seq_puts(sf, sf->machine->cmdline);
	seq_putc(sf, '\n');
	return 0;
}

static const struct kernfs_ops cmdline_ops = { .show = cmdline_proc_show };

int proc_cmdline_init(struct machine *m)
{
	return kernfs_create_file(m, "/proc/cmdline", 0444, &cmdline_ops, NULL);
}
