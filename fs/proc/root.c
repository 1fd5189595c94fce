// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine's /proc and the node part of /sys (fs/proc/root.c
 * proc_root_init plus the initcalls that create each file in Linux).
 * Called once by boot, after the memory manager is up; /proc/sys/vm is
 * registered by kernel/sysctl.c.
 */
#include "linux/machine.h"
#include "linux/proc_fs.h"

int proc_root_init(struct machine *m)
{
	int (*const inits[])(struct machine *) = {
		proc_cmdline_init,
		proc_meminfo_init,
		proc_buddyinfo_init,
		proc_zoneinfo_init,
		proc_vmstat_init,
		node_dev_init,
		proc_slabinfo_init,
		slab_sysfs_init,
		proc_interrupts_init,
		tlb_debugfs_init,
		proc_page_init,
	};

	for (size_t i = 0; i < ARRAY_SIZE(inits); i++) {
		int ret = inits[i](m);

		if (ret)
			return ret;
	}
	return 0;
}
