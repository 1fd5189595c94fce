// SPDX-License-Identifier: GPL-2.0-only
/*
 * start_kernel for the model machine (init/main.c): the boot steps in
 * Linux's order, each stamped on the virtual clock, ending with the files
 * registered and the boot-time sysctls applied.  Leaves out everything that
 * is not memory management (interrupts, timers, devices, init).
 * Called by mmsim_boot (kernel/machine.c).
 */
#include <stdio.h>
#include <string.h>
#include "asm/pgtable.h"
#include "asm/setup.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/params.h"
#include "linux/printk.h"
#include "linux/proc_fs.h"
#include "linux/sched/task.h"
#include "linux/slab.h"
#include "linux/sysctl.h"

#define LINUX_BANNER "Linux version 6.18.0-mmsim (mmsim@mmsim) (gcc (Debian 12.2.0-14+deb12u1) " \
	"12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC"

/* Apply the sysctl.vm.X=V boot parameters; an invalid one fails the boot. */
static int apply_boot_sysctls(struct machine *m, char *err, size_t errlen)
{
	char buf[COMMAND_LINE_SIZE], *save = NULL, *tok;

	snprintf(buf, sizeof(buf), "%s", m->boot_sysctls);
	for (tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		int ret;

		if (!eq)
			continue;
		*eq = '\0';
		ret = sysctl_set(m, tok, eq + 1);
		if (ret) {
			snprintf(err, errlen, "sysctl.%s=%s: %s", tok, eq + 1,
				 ret == -ENOENT ? "no such sysctl (see /proc/sys/vm)"
						: "invalid value (rejected with EINVAL)");
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * start_kernel - boot @m, whose command line has been parsed into m->bp.
 * Returns 0, -ENOMEM, or -EINVAL with a reason in @err.
 */
int start_kernel(struct machine *m, char *err, size_t errlen)
{
	int ret;

	pr_notice(m, "%s", LINUX_BANNER);
	pr_info(m, "Command line: %s", m->cmdline);
	ret = setup_arch(m);
	if (ret == -E2BIG) {	/* the kernel image, loaded at 16M, ends past RAM */
		snprintf(err, errlen, "mem=%lluK: the kernel image (16M to %lluK) does not fit in RAM "
			 "(expected mem= of at least %lluM)", (unsigned long long)(m->bp.mem_bytes >> 10),
			 kernel_image_end() >> 10, kernel_image_min_ram() >> 20);
		return -EINVAL;
	}
	if (!ret)
		ret = mm_core_init_early(m);
	if (ret) {
		snprintf(err, errlen, "out of host memory while booting");
		return ret;
	}
	m->clock_ns += 2000000;		/* 2 ms: topology, memmap */
	setup_per_cpu_areas(m);
	pr_notice(m, "Kernel command line: %s", m->cmdline);
	print_unknown_bootoptions(m);
	m->clock_ns += 90000000;	/* hash tables, zonelists */
	mm_core_init(m);
	ret = pgtable_init(m);		/* x86 mem_init: preallocate_vmalloc_pages */
	/* BOOT-HOOK mm_core_init tail: kmem_cache_init, vmalloc_init */
	if (!ret)
		ret = kmem_cache_init(m);
	if (!ret)
		ret = vmalloc_init(m);
	if (!ret)
		ret = tlb_init(m);	/* arch/x86/mm/tlb.c: every CPU's TLB */
	if (ret) {
		snprintf(err, errlen, "out of memory while booting (kernel page tables, vmalloc)");
		return ret;
	}
	m->clock_ns += 110000000;	/* slab, rcu, initcalls */
	/* BOOT-HOOK start_kernel tail: fork_init, proc_caches_init, idle tasks */
	start_kernel_objects(m);
	sysctl_register(m);
	sysctl_init_reserves(m);	/* initcalls run before do_sysctl_args */
	ret = apply_boot_sysctls(m, err, errlen);
	if (ret)
		return ret;
	proc_root_init(m);
	m->booted = true;
	return 0;
}
