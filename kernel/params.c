// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel command line: parse_args() of kernel/params.c with the
 * handlers Linux registers for the parameters mmsim models (mem=,
 * nr_cpus=, maxcpus=, nosmp, numa=, movablecore=, kernelcore=,
 * transparent_hugepage=, ignore_rlimit_data), the sysctl.* parameters of
 * fs/proc/proc_sysctl.c
 * (collected here, applied once the zones exist), mmsim's own mmsim.*
 * namespace, and init/main.c's treatment of everything else: known Linux
 * parameters are accepted, dotted names are unused module parameters,
 * and the rest is "passed to user space" and reported.
 *
 * Where mmsim is stricter than Linux (docs/divergences.md): Linux ignores
 * a malformed value with at most a warning ("mem=abc" leaves memory
 * alone, "transparent_hugepage=foo" is "cannot parse, ignored"); mmsim
 * refuses to boot with a one-line reason, so a typo cannot silently give
 * a different machine.  mem= is the installed RAM here, not a cap on the
 * firmware's map.  Linux parameters that would change the amount of
 * memory but are not modelled yet (hugepages=, crashkernel=, ...) are
 * refused; ones that change behaviour only are accepted and listed in the
 * log as not modelled.
 *
 * Callers: mmsim_boot (kernel/machine.c), before anything else.
 */
#include <stdio.h>
#include <string.h>
#include "asm/setup.h"
#include "linux/kstrtox.h"
#include "linux/params.h"
#include "linux/printk.h"
#include "linux/string.h"

/* CONFIG_INIT_ENV_ARG_LIMIT: how many arguments and variables init gets. */
#define MAX_INIT_ARGS	32
#define MAX_INIT_ENVS	32

#define MEM_MAX		(64ULL << 40)

/* The state of one parse_boot_cmdline() run. */
struct param_parse {
	struct machine *m;		/* the machine being configured */
	char *err;			/* where a failure is explained */
	size_t errlen;
	/* init/main.c's argv_init[] and envp_init[]: unknown parameters */
	const char *argv[MAX_INIT_ARGS + 2];	/* [0] "init", then bare words */
	const char *envp[MAX_INIT_ENVS + 2];	/* "HOME=/", "TERM=linux", then name=value */
	int nr_cpus;			/* nr_cpus= (0: not given) */
	int maxcpus;			/* maxcpus= or nosmp (-1: not given) */
	size_t sysctl_len;		/* bytes used in m->boot_sysctls */
	size_t ignored_len;		/* bytes used in m->bp.ignored */
};

/* Fail the parse with a one-line reason. */
static int __printf(2, 3) param_fail(struct param_parse *pp, const char *fmt, ...)
{
	va_list ap;

	if (pp->err && pp->errlen) {
		va_start(ap, fmt);
		vsnprintf(pp->err, pp->errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* Append " @s" (or "@s" at the start) to the string @buf of size @size. */
static bool append_word(char *buf, size_t size, size_t *len, const char *s)
{
	int n = snprintf(buf + *len, size - *len, "%s%s", *len ? " " : "", s);

	if (n < 0 || (size_t)n >= size - *len) {
		buf[*len] = '\0';
		return false;
	}
	*len += (size_t)n;
	return true;
}

/* ---- the parameters mmsim models ---- */

static int set_mem(struct param_parse *pp, const char *val)
{
	u64 bytes;
	int ret;

	if (!val)
		return param_fail(pp, "mem: missing value (expected a size such as 512M or 8G)");
	ret = memparse_strict(val, &bytes);
	if (ret == -ERANGE)
		return param_fail(pp, "mem=%s: too large (expected at most 64T)", val);
	if (ret)
		return param_fail(pp, "mem=%s: not a size (expected a size such as 512M or 8G)", val);
	if (bytes < kernel_image_min_ram())	/* the image is loaded at 16M */
		return param_fail(pp, "mem=%s: too small for the kernel image (expected at least %lluM)",
				  val, kernel_image_min_ram() >> 20);
	if (bytes > MEM_MAX)
		return param_fail(pp, "mem=%s: too large (expected at most 64T)", val);
	pp->m->bp.mem_bytes = bytes;
	return 0;
}

/* A CPU count: an int from @lo to NR_CPUS. */
static int parse_cpus(struct param_parse *pp, const char *name, const char *val, int lo, int *out)
{
	int n;

	if (!val || kstrtoint(val, 0, &n) || n < lo || n > NR_CPUS)
		return param_fail(pp, "%s=%s: not a CPU count (expected %d to %d)",
				  name, val ? val : "", lo, NR_CPUS);
	*out = n;
	return 0;
}

static int set_nr_cpus(struct param_parse *pp, const char *val)
{
	return parse_cpus(pp, "nr_cpus", val, 1, &pp->nr_cpus);
}

/* maxcpus=0 is Linux's "no SMP": only the boot CPU comes up. */
static int set_maxcpus(struct param_parse *pp, const char *val)
{
	return parse_cpus(pp, "maxcpus", val, 0, &pp->maxcpus);
}

static int set_nosmp(struct param_parse *pp, const char *val)
{
	pp->maxcpus = 0;
	return 0;
}

/*
 * numa= (arch/x86/mm/numa.c numa_setup): "fake=N" splits memory into N
 * emulated nodes; "off" disables firmware NUMA, which mmsim has none of
 * (numa=fake still applies after it, as on Linux); "noacpi" and "nohmat"
 * concern firmware tables mmsim does not have.
 */
static int set_numa(struct param_parse *pp, const char *val)
{
	unsigned int n;

	if (!val)
		return param_fail(pp, "numa: missing value (expected numa=fake=N or numa=off)");
	if (!strcmp(val, "off") || !strcmp(val, "noacpi") || !strcmp(val, "nohmat"))
		return 0;
	if (strncmp(val, "fake=", 5))
		return param_fail(pp, "numa=%s: not understood (expected numa=fake=N or numa=off)", val);
	if (kstrtouint(val + 5, 10, &n) || n < 1 || n > MAX_NUMNODES)
		return param_fail(pp, "numa=%s: not a node count (expected fake=1 to fake=%d;"
				  " sizes and the U suffix are not modelled)", val, MAX_NUMNODES);
	pp->m->bp.numa_fake = (int)n;
	return 0;
}

/*
 * movablecore= / kernelcore= (mm/mm_init.c cmdline_parse_core): a size,
 * or a percentage of memory written "N%".
 */
static int parse_core(struct param_parse *pp, const char *name, const char *val,
		      u64 *bytes, int *pct)
{
	const char *expect = "expected a size such as 1G, or a percentage such as 25%";
	size_t len = val ? strlen(val) : 0;
	char num[24];

	if (!val)
		return param_fail(pp, "%s: missing value (%s)", name, expect);
	if (!strcmp(name, "kernelcore") && !strcmp(val, "mirror"))
		return param_fail(pp, "kernelcore=mirror: mirrored memory is not modelled (%s)", expect);
	if (len && val[len - 1] == '%') {
		unsigned int p;

		if (len >= sizeof(num))
			return param_fail(pp, "%s=%s: not a percentage (%s)", name, val, expect);
		memcpy(num, val, len - 1);
		num[len - 1] = '\0';
		if (kstrtouint(num, 10, &p) || p > 100)
			return param_fail(pp, "%s=%s: not a percentage (expected 0%% to 100%%)",
					  name, val);
		*pct = (int)p;
		*bytes = 0;
		return 0;
	}
	if (memparse_strict(val, bytes))
		return param_fail(pp, "%s=%s: not a size (%s)", name, val, expect);
	*pct = 0;
	return 0;
}

static int set_movablecore(struct param_parse *pp, const char *val)
{
	return parse_core(pp, "movablecore", val, &pp->m->bp.movablecore,
			  &pp->m->bp.movablecore_pct);
}

static int set_kernelcore(struct param_parse *pp, const char *val)
{
	return parse_core(pp, "kernelcore", val, &pp->m->bp.kernelcore,
			  &pp->m->bp.kernelcore_pct);
}

/* transparent_hugepage= (mm/huge_memory.c setup_transparent_hugepage). */
static int set_thp(struct param_parse *pp, const char *val)
{
	static const char *const modes[] = {
		[THP_ALWAYS] = "always", [THP_MADVISE] = "madvise", [THP_NEVER] = "never",
	};

	for (size_t i = 0; val && i < ARRAY_SIZE(modes); i++) {
		if (!strcmp(val, modes[i])) {
			pp->m->bp.thp = (enum thp_mode)i;
			return 0;
		}
	}
	return param_fail(pp, "transparent_hugepage=%s: not a THP mode"
			  " (expected always, madvise or never)", val ? val : "");
}

/* slab_max_order= / slub_max_order= (mm/slub.c setup_slub_max_order). */
static int set_slub_max_order(struct param_parse *pp, const char *val)
{
	struct boot_params *bp = &pp->m->bp;
	int n;

	if (!val || kstrtoint(val, 0, &n) || n < 0)
		return param_fail(pp, "slab_max_order=%s: not an order (expected 0 to %d)",
				  val ? val : "", MAX_PAGE_ORDER);
	bp->slub_max_order = min(n, MAX_PAGE_ORDER);
	if (bp->slub_min_order > bp->slub_max_order)
		bp->slub_min_order = bp->slub_max_order;
	return 0;
}

/* slab_min_order= / slub_min_order= (setup_slub_min_order). */
static int set_slub_min_order(struct param_parse *pp, const char *val)
{
	struct boot_params *bp = &pp->m->bp;
	int n;

	if (!val || kstrtoint(val, 0, &n) || n < 0 || n > MAX_PAGE_ORDER)
		return param_fail(pp, "slab_min_order=%s: not an order (expected 0 to %d)",
				  val ? val : "", MAX_PAGE_ORDER);
	bp->slub_min_order = n;
	if (bp->slub_min_order > bp->slub_max_order)
		bp->slub_max_order = bp->slub_min_order;
	return 0;
}

/* slab_min_objects= / slub_min_objects= (setup_slub_min_objects). */
static int set_slub_min_objects(struct param_parse *pp, const char *val)
{
	int n;

	if (!val || kstrtoint(val, 0, &n) || n < 0 || n > 32767)
		return param_fail(pp, "slab_min_objects=%s: not an object count (expected 0 to 32767)",
				  val ? val : "");
	pp->m->bp.slub_min_objects = n;
	return 0;
}

static int set_slab_nomerge(struct param_parse *pp, const char *val)
{
	pp->m->bp.slab_nomerge = true;
	return 0;
}

static int set_slab_merge(struct param_parse *pp, const char *val)
{
	pp->m->bp.slab_nomerge = false;
	return 0;
}

/* slab_debug[=OPTIONS[,CACHES][;...]] / slub_debug: parsed by mm/slub_debug.c. */
static int set_slub_debug(struct param_parse *pp, const char *val)
{
	struct boot_params *bp = &pp->m->bp;

	if (val && strlen(val) >= sizeof(bp->slub_debug))
		return param_fail(pp, "slab_debug=%s: too long", val);
	snprintf(bp->slub_debug, sizeof(bp->slub_debug), "%s", val ? val : "");
	bp->slub_debug_given = true;
	return 0;
}

/*
 * norandmaps (mm/memory.c disable_randmaps): randomize_va_space = 0, as
 * mmsim's default already is; a later sysctl.kernel.randomize_va_space=
 * still wins, as on Linux.  Takes no value.
 */
static int set_norandmaps(struct param_parse *pp, const char *val)
{
	(void)val;
	pp->m->vm.randomize_va_space = 0;
	return 0;
}

/*
 * ignore_rlimit_data[=BOOL] (mm/mmap.c's core_param): RLIMIT_DATA only
 * warns (may_expand_vm).  A bare name is true, as for every bool param.
 */
static int set_ignore_rlimit_data(struct param_parse *pp, const char *val)
{
	bool b = true;

	if (val && kstrtobool(val, &b))
		return param_fail(pp, "ignore_rlimit_data=%s: not a boolean (expected 1, 0, y, n, on or off)",
				  val);
	pp->m->bp.ignore_rlimit_data = b;
	return 0;
}

/* no5lvl (arch/x86): 4-level paging even on a CPU with LA57; a value is ignored. */
static int set_no5lvl(struct param_parse *pp, const char *val)
{
	(void)val;
	pp->m->bp.no5lvl = true;
	return 0;
}

/* ---- Linux parameters mmsim does not model ---- */

enum param_kind {
	PARAM_SET,		/* modelled: the handler sets m->bp */
	PARAM_IGNORE,		/* known to Linux, no bearing on memory: accepted */
	PARAM_UNMODELLED,	/* known to Linux, changes mm behaviour: accepted, logged */
	PARAM_REFUSE,		/* known to Linux, changes the amount of memory: refused */
	PARAM_INIT,		/* init= / rdinit=: accepted; drops earlier bare unknowns */
};

struct boot_param {
	const char *name;
	enum param_kind kind;
	int (*set)(struct param_parse *pp, const char *val);	/* PARAM_SET */
};

/*
 * Every name Linux itself would accept (an early_param or __setup in a
 * typical x86-64 distribution kernel) that a pasted /proc/cmdline is
 * likely to carry.  Dotted names (module.param) need no entry: Linux
 * treats them as unused module parameters and so does mmsim.
 */
static const struct boot_param boot_params_table[] = {
	{ "mem",		PARAM_SET,	set_mem },
	{ "nr_cpus",		PARAM_SET,	set_nr_cpus },
	{ "maxcpus",		PARAM_SET,	set_maxcpus },
	{ "nosmp",		PARAM_SET,	set_nosmp },
	{ "numa",		PARAM_SET,	set_numa },
	{ "movablecore",	PARAM_SET,	set_movablecore },
	{ "kernelcore",		PARAM_SET,	set_kernelcore },
	{ "transparent_hugepage", PARAM_SET,	set_thp },
	{ "slab_max_order",	PARAM_SET,	set_slub_max_order },
	{ "slub_max_order",	PARAM_SET,	set_slub_max_order },
	{ "slab_min_order",	PARAM_SET,	set_slub_min_order },
	{ "slub_min_order",	PARAM_SET,	set_slub_min_order },
	{ "slab_min_objects",	PARAM_SET,	set_slub_min_objects },
	{ "slub_min_objects",	PARAM_SET,	set_slub_min_objects },
	{ "slab_nomerge",	PARAM_SET,	set_slab_nomerge },
	{ "slub_nomerge",	PARAM_SET,	set_slab_nomerge },
	{ "slab_merge",		PARAM_SET,	set_slab_merge },
	{ "slub_merge",		PARAM_SET,	set_slab_merge },
	{ "slab_debug",		PARAM_SET,	set_slub_debug },
	{ "slub_debug",		PARAM_SET,	set_slub_debug },
	{ "ignore_rlimit_data",	PARAM_SET,	set_ignore_rlimit_data },
	{ "no5lvl",		PARAM_SET,	set_no5lvl },
	{ "norandmaps",		PARAM_SET,	set_norandmaps },

	/* reserve or carve out memory at boot: results would be wrong */
	{ "hugepages",		PARAM_REFUSE },
	{ "hugepagesz",		PARAM_REFUSE },
	{ "default_hugepagesz",	PARAM_REFUSE },
	{ "hugetlb_cma",	PARAM_REFUSE },
	{ "cma",		PARAM_REFUSE },
	{ "memmap",		PARAM_REFUSE },
	{ "crashkernel",	PARAM_REFUSE },

	/* memory-management behaviour mmsim does not model yet */
	{ "init_on_alloc",	PARAM_UNMODELLED },
	{ "init_on_free",	PARAM_UNMODELLED },
	{ "numa_balancing",	PARAM_UNMODELLED },
	{ "transparent_hugepage_shmem", PARAM_UNMODELLED },
	{ "thp_anon",		PARAM_UNMODELLED },
	{ "page_owner",		PARAM_UNMODELLED },
	{ "debug_pagealloc",	PARAM_UNMODELLED },
	{ "movable_node",	PARAM_UNMODELLED },
	{ "memhp_default_state", PARAM_UNMODELLED },
	{ "swapaccount",	PARAM_UNMODELLED },
	{ "hugetlb_free_vmemmap", PARAM_UNMODELLED },

	/* init= and rdinit= also clear the init arguments collected so far */
	{ "init",		PARAM_INIT },
	{ "rdinit",		PARAM_INIT },

	/* console, boot, root fs, CPU, security, firmware: nothing to model */
	{ "console", PARAM_IGNORE },	{ "earlycon", PARAM_IGNORE },
	{ "earlyprintk", PARAM_IGNORE },	{ "quiet", PARAM_IGNORE },
	{ "debug", PARAM_IGNORE },	{ "loglevel", PARAM_IGNORE },
	{ "ignore_loglevel", PARAM_IGNORE }, { "log_buf_len", PARAM_IGNORE },
	{ "root", PARAM_IGNORE },	{ "rootfstype", PARAM_IGNORE },
	{ "rootflags", PARAM_IGNORE },	{ "rootwait", PARAM_IGNORE },
	{ "rootdelay", PARAM_IGNORE },	{ "ro", PARAM_IGNORE },
	{ "rw", PARAM_IGNORE },		{ "initrd", PARAM_IGNORE },
	{ "noinitrd", PARAM_IGNORE },	{ "panic", PARAM_IGNORE },
	{ "panic_on_warn", PARAM_IGNORE }, { "oops", PARAM_IGNORE },
	{ "reboot", PARAM_IGNORE },	{ "nokaslr", PARAM_IGNORE },
	{ "noapic", PARAM_IGNORE },	{ "nolapic", PARAM_IGNORE },
	{ "acpi", PARAM_IGNORE },	{ "pci", PARAM_IGNORE },
	{ "iommu", PARAM_IGNORE },	{ "intel_iommu", PARAM_IGNORE },
	{ "amd_iommu", PARAM_IGNORE },	{ "mitigations", PARAM_IGNORE },
	{ "nopti", PARAM_IGNORE },	{ "pti", PARAM_IGNORE },
	{ "spectre_v2", PARAM_IGNORE },	{ "nospectre_v2", PARAM_IGNORE },
	{ "selinux", PARAM_IGNORE },	{ "apparmor", PARAM_IGNORE },
	{ "security", PARAM_IGNORE },	{ "lsm", PARAM_IGNORE },
	{ "audit", PARAM_IGNORE },	{ "nomodule", PARAM_IGNORE },
	{ "cgroup_disable", PARAM_IGNORE }, { "cgroup_enable", PARAM_IGNORE },
	{ "cgroup_no_v1", PARAM_IGNORE }, { "psi", PARAM_IGNORE },
	{ "clocksource", PARAM_IGNORE }, { "tsc", PARAM_IGNORE },
	{ "nohz", PARAM_IGNORE },	{ "nohz_full", PARAM_IGNORE },
	{ "isolcpus", PARAM_IGNORE },	{ "rcu_nocbs", PARAM_IGNORE },
	{ "irqaffinity", PARAM_IGNORE }, { "idle", PARAM_IGNORE },
	{ "swiotlb", PARAM_IGNORE },	{ "elfcorehdr", PARAM_IGNORE },
	{ "nmi_watchdog", PARAM_IGNORE }, { "watchdog", PARAM_IGNORE },
	{ "nowatchdog", PARAM_IGNORE },	{ "initcall_debug", PARAM_IGNORE },
	{ "resume", PARAM_IGNORE },	{ "noresume", PARAM_IGNORE },
	{ "hibernate", PARAM_IGNORE },	{ "noefi", PARAM_IGNORE },
	{ "efi", PARAM_IGNORE },	{ "hpet", PARAM_IGNORE },
	{ "lpj", PARAM_IGNORE },	{ "threadirqs", PARAM_IGNORE },
	{ "preempt", PARAM_IGNORE },	{ "mce", PARAM_IGNORE },
	{ "vga", PARAM_IGNORE },	{ "video", PARAM_IGNORE },
	{ "consoleblank", PARAM_IGNORE }, { "fbcon", PARAM_IGNORE },
	{ "nomodeset", PARAM_IGNORE },	{ "acpi_osi", PARAM_IGNORE },
	{ "acpi_backlight", PARAM_IGNORE }, { "lockdown", PARAM_IGNORE },
	{ "module_blacklist", PARAM_IGNORE }, { "vsyscall", PARAM_IGNORE },
	{ "nopat", PARAM_IGNORE },
};

static const struct boot_param *find_boot_param(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(boot_params_table); i++)
		if (!strcmp(boot_params_table[i].name, name))
			return &boot_params_table[i];
	return NULL;
}

/* ---- sysctl.* and mmsim.* ---- */

/*
 * sysctl.vm.NAME=VALUE (or sysctl/vm/NAME=VALUE): kept in m->boot_sysctls
 * as "vm.NAME=VALUE", space separated; whitespace inside a value (a
 * quoted lowmem_reserve_ratio) is stored as tabs, which the /proc/sys
 * parser treats as the same separator.
 */
static int collect_sysctl(struct param_parse *pp, const char *param, const char *val)
{
	char entry[COMMAND_LINE_SIZE];
	struct machine *m = pp->m;
	int n;

	if (!param[0])
		return param_fail(pp, "sysctl%c: missing sysctl name (expected sysctl.vm.NAME=VALUE)",
				  param[-1]);
	if (!val || !val[0])
		return param_fail(pp, "sysctl.%s: missing value (expected sysctl.vm.NAME=VALUE)", param);
	n = snprintf(entry, sizeof(entry), "%s=%s", param, val);
	if (n < 0 || (size_t)n >= sizeof(entry))
		return param_fail(pp, "sysctl.%s: too long", param);
	for (char *c = entry; *c; c++) {
		if (*c == '/' && c < entry + strlen(param))
			*c = '.';
		else if (*c == ' ' || *c == '\n' || *c == '\r' || *c == '\v' || *c == '\f')
			*c = '\t';
	}
	if (!append_word(m->boot_sysctls, sizeof(m->boot_sysctls), &pp->sysctl_len, entry))
		return param_fail(pp, "sysctl.%s: too many sysctl parameters", param);
	return 0;
}

/* mmsim.* is mmsim's own namespace: every name in it must exist. */
static int set_mmsim(struct param_parse *pp, const char *name, const char *val)
{
	unsigned long long seed;

	if (!strcmp(name, "seed")) {
		if (!val || kstrtoull(val, 0, &seed))
			return param_fail(pp, "mmsim.seed=%s: not a seed (expected an unsigned"
					  " integer such as 42)", val ? val : "");
		pp->m->bp.seed = seed;
		return 0;
	}
	if (!strcmp(name, "disk_size")) {
		u64 bytes;

		if (!val || memparse_strict(val, &bytes) || bytes < 4096)
			return param_fail(pp, "mmsim.disk_size=%s: not a disk size (expected a size"
					  " of at least 4K such as 64G)", val ? val : "");
		pp->m->bp.disk_size = bytes;
		return 0;
	}
	if (!strcmp(name, "tlb")) {
		if (!val || tlb_parse_config(val, &pp->m->bp.tlb))
			return param_fail(pp, "mmsim.tlb=%s: not a TLB geometry (expected"
					  " L1_4K,L1_2M,STLB as ENTRIESxWAYS with a power-of-two"
					  " number of sets, such as 64x4,32x4,2048x16)",
					  val ? val : "");
		return 0;
	}
	if (!strcmp(name, "slub_sheaves")) {
		if (!val || kstrtobool(val, &pp->m->bp.slub_sheaves))
			return param_fail(pp, "mmsim.slub_sheaves=%s: not a boolean (expected 0 for"
					  " Linux 6.18's CPU slabs or 1 for Linux 7.0's per-CPU"
					  " sheaves)", val ? val : "");
		return 0;
	}
	if (!strcmp(name, "la57")) {		/* the CPU's X86_FEATURE_LA57 */
		if (!val || kstrtobool(val, &pp->m->bp.la57))
			return param_fail(pp, "mmsim.la57=%s: not a boolean (expected 1 for a CPU"
					  " with 5-level paging, or 0)", val ? val : "");
		return 0;
	}
	if (!strcmp(name, "debug_tlbflush")) {	/* Linux's CONFIG_DEBUG_TLBFLUSH */
		if (!val || kstrtobool(val, &pp->m->bp.debug_tlbflush))
			return param_fail(pp, "mmsim.debug_tlbflush=%s: not a boolean (expected 1"
					  " to show nr_tlb_* in /proc/vmstat, or 0)", val ? val : "");
		return 0;
	}
	if (!strcmp(name, "verify")) {		/* kernel/access_verify.c */
		if (!val || kstrtobool(val, &pp->m->bp.verify))
			return param_fail(pp, "mmsim.verify=%s: not a boolean (expected 1 to"
					  " verify every read of process memory, or 0)",
					  val ? val : "");
		return 0;
	}
	return param_fail(pp, "mmsim.%s%s%s: unknown mmsim parameter (mmsim's own"
			  " parameters are: mmsim.seed=N, mmsim.disk_size=SIZE,"
			  " mmsim.tlb=L1_4K,L1_2M,STLB, mmsim.slub_sheaves=0|1, mmsim.la57=0|1,"
			  " mmsim.debug_tlbflush=0|1, mmsim.verify=0|1)", name,
			  val ? "=" : "", val ? val : "");
}

/* ---- init/main.c: unknown parameters go to init ---- */

/* Restore "name=value" in place after next_arg split it (repair_env_string). */
static void repair_env_string(char *param, char *val)
{
	size_t n = strlen(param);

	if (!val)
		return;
	if (val == param + n + 1) {
		val[-1] = '=';
	} else if (val == param + n + 2) {	/* name="value": close the gap */
		val[-2] = '=';
		memmove(val - 1, val, strlen(val) + 1);
	}
}

/*
 * unknown_bootoption: a bare word becomes an argument of init, name=value
 * an environment variable (replacing an earlier one of the same name).
 * More than init can take makes Linux panic; mmsim refuses to boot.
 */
static int unknown_bootoption(struct param_parse *pp, char *param, char *val)
{
	size_t len = strlen(param);
	int i;

	repair_env_string(param, val);
	if (val) {
		for (i = 0; pp->envp[i]; i++) {
			if (i == MAX_INIT_ENVS)
				return param_fail(pp, "Too many boot env vars at `%s'", param);
			if (!strncmp(param, pp->envp[i], len + 1))
				break;
		}
		pp->envp[i] = param;
	} else {
		for (i = 0; pp->argv[i]; i++)
			if (i == MAX_INIT_ARGS)
				return param_fail(pp, "Too many boot init vars at `%s'", param);
		pp->argv[i] = param;
	}
	return 0;
}

/* Dispatch one parameter (next_arg's @param and @val). */
static int parse_one(struct param_parse *pp, char *param, char *val)
{
	const struct boot_param *bp;

	if (!strncmp(param, "sysctl", 6) && (param[6] == '.' || param[6] == '/'))
		return collect_sysctl(pp, param + 7, val);
	if (!strncmp(param, "mmsim.", 6))
		return set_mmsim(pp, param + 6, val);
	bp = find_boot_param(param);
	if (!bp)
		return strchr(param, '.') ? 0 : unknown_bootoption(pp, param, val);
	switch (bp->kind) {
	case PARAM_SET:
		return bp->set(pp, val);
	case PARAM_REFUSE:
		return param_fail(pp, "%s%s%s: not modelled yet (it would reserve memory mmsim"
				  " leaves free; remove it)", param, val ? "=" : "", val ? val : "");
	case PARAM_UNMODELLED:
		repair_env_string(param, val);
		if (!append_word(pp->m->bp.ignored, sizeof(pp->m->bp.ignored),
				 &pp->ignored_len, param))
			return param_fail(pp, "%s: command line too long", param);
		return 0;
	case PARAM_INIT:
		for (int i = 1; i < MAX_INIT_ARGS; i++)
			pp->argv[i] = NULL;
		return 0;
	case PARAM_IGNORE:
		return 0;
	}
	return 0;
}

/* Join init's extra arguments, then its extra variables, into m->bp.unknown. */
static void collect_unknown(struct param_parse *pp)
{
	size_t len = 0;
	struct boot_params *bp = &pp->m->bp;

	for (int i = 1; pp->argv[i]; i++)
		append_word(bp->unknown, sizeof(bp->unknown), &len, pp->argv[i]);
	for (int i = 2; pp->envp[i]; i++)
		append_word(bp->unknown, sizeof(bp->unknown), &len, pp->envp[i]);
}

static void boot_params_defaults(struct boot_params *bp)
{
	bp->mem_bytes = 2ULL << 30;
	bp->nr_cpus = 2;
	bp->numa_fake = 0;
	bp->movablecore = bp->kernelcore = 0;
	bp->movablecore_pct = bp->kernelcore_pct = 0;
	bp->thp = THP_MADVISE;
	bp->slub_min_order = 0;
	bp->slub_max_order = PAGE_ALLOC_COSTLY_ORDER;
	bp->slub_min_objects = 0;
	bp->slab_nomerge = false;		/* CONFIG_SLAB_MERGE_DEFAULT=y */
	bp->disk_size = 64ULL << 30;		/* mmsim.disk_size= */
	bp->slub_debug[0] = '\0';
	bp->slub_debug_given = false;
	bp->unknown[0] = '\0';
	bp->ignored[0] = '\0';
}

int parse_boot_cmdline(struct machine *m, const char *cmdline, char *err, size_t errlen)
{
	struct param_parse pp = {
		.m = m, .err = err, .errlen = errlen, .maxcpus = -1,
		.argv = { "init" }, .envp = { "HOME=/", "TERM=linux" },
	};
	char line[COMMAND_LINE_SIZE];
	char *args, *param, *val;
	int ret;

	if (err && errlen)
		err[0] = '\0';
	boot_params_defaults(&m->bp);
	m->boot_sysctls[0] = '\0';
	if (strlen(cmdline) >= COMMAND_LINE_SIZE)
		return param_fail(&pp, "command line too long (at most %d characters)",
				  COMMAND_LINE_SIZE - 1);
	snprintf(m->cmdline, sizeof(m->cmdline), "%s", cmdline);
	snprintf(line, sizeof(line), "%s", cmdline);

	for (args = skip_spaces(line); *args;) {
		args = next_arg(args, &param, &val);
		if (!val && !strcmp(param, "--"))
			break;		/* the rest is for init: not ours to parse */
		ret = parse_one(&pp, param, val);
		if (ret)
			return ret;
	}
	if (pp.nr_cpus)
		m->bp.nr_cpus = pp.nr_cpus;
	else if (pp.maxcpus > 0)
		m->bp.nr_cpus = pp.maxcpus;
	if (pp.maxcpus >= 0)
		m->bp.nr_cpus = min(m->bp.nr_cpus, max(pp.maxcpus, 1));
	collect_unknown(&pp);
	return 0;
}

void print_unknown_bootoptions(struct machine *m)
{
	if (m->bp.unknown[0])
		pr_notice(m, "Unknown kernel command line parameters \"%s\", "
			  "will be passed to user space.", m->bp.unknown);
	if (m->bp.ignored[0])
		pr_notice(m, "mmsim: kernel command line parameters \"%s\" are not modelled, "
			  "ignored.", m->bp.ignored);
}
