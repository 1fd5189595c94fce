// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vm sysctls: /proc/sys/vm/NAME for every value of struct
 * vm_tunables, with Linux's defaults, file modes, output format and
 * parsing (kernel/sysctl.c proc_dointvec_minmax, proc_doulongvec_minmax,
 * proc_dointvec_jiffies), range checks and the handlers' side effects
 * (mm/page_alloc.c, mm/util.c, mm/page-writeback.c, mm/vmstat.c,
 * fs/drop_caches.c, mm/oom_kill.c, mm/compaction.c, mm/vmscan.c, mm/swap.c).
 *
 * Writing follows __do_proc_dointvec: leading whitespace is skipped; each
 * number is C notation (0x hex, 0 octal) with an optional '-'; it must be
 * followed by a space, tab, newline or the end; what follows the last
 * value the file holds is not parsed (Linux reports a short write and
 * ignores the rest, so "5 abc" sets 5).  An empty write, a non-number, a
 * bad trailer or a value out of range is -EINVAL.
 *
 * Divergences (docs/divergences.md): a write is applied whole or not at
 * all (Linux stores an array's values one by one, so a bad third value of
 * lowmem_reserve_ratio leaves the first two changed); the hooks that
 * recompute zone state are skipped while no zones exist (early boot), as
 * mm_core_init computes from the stored values anyway; drop_caches counts
 * its events and logs, but there is no page cache or slab to drop yet.
 * Leaves out: the sysctls whose mechanism does not exist (hugepages,
 * compaction triggers, mmap_min_addr ...), sysctl_writes_strict.
 *
 * Callers: start_kernel (sysctl_register, boot sysctls, reserves),
 * mmsim_write through kernfs, the `sysctl` command.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "linux/kstrtox.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/shrinker.h"
#include "linux/string.h"
#include "linux/sysctl.h"
#include "linux/vmstat.h"

/* The jiffy rate proc_dointvec_jiffies converts with (Debian's CONFIG_HZ). */
#define HZ	250

/* mm/page_alloc.c MIN_PERCPU_PAGELIST_HIGH_FRACTION */
#define MIN_PERCPU_PAGELIST_HIGH_FRACTION	8

enum ctl_type {
	CTL_INT,	/* int (or int array), printed "%d" */
	CTL_ULONG,	/* unsigned long, no negative input, printed "%lu" */
	CTL_JIFFIES,	/* int seconds; Linux keeps jiffies and converts */
};

struct vm_ctl;

/* A knob: what the ctl_table entry and its proc_handler say in Linux. */
struct vm_ctl {
	const char *procname;		/* file name under /proc/sys/vm */
	size_t offset;			/* of the value in struct vm_tunables */
	int nr;				/* values in the file (1, or an array) */
	enum ctl_type type;
	unsigned int mode;		/* 0644, or 0200 for drop_caches */
	bool has_min, has_max;		/* extra1 / extra2 given */
	long long min, max;		/* their values */
	/* extra validation of the parsed values: 0 or -EINVAL */
	int (*check)(struct machine *m, const struct vm_ctl *c, const void *newv);
	/* side effect after a successful write; @oldv holds the old values */
	void (*post)(struct machine *m, const struct vm_ctl *c, const void *oldv);
};

/* Staging room for one write: the largest value array of any knob. */
union ctl_vals {
	int i[MAX_NR_ZONES];
	unsigned long ul[MAX_NR_ZONES];
};

/* Recomputation hooks need zones; before mm init they are skipped. */
static bool zones_exist(const struct machine *m)
{
	return m->nr_node_ids > 0 && m->node_data[0];
}

/* ---- hooks ---- */

static void min_free_kbytes_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	m->vm.user_min_free_kbytes = m->vm.min_free_kbytes;
	if (zones_exist(m))
		setup_per_zone_wmarks(m);
}

static void wmarks_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	if (zones_exist(m))
		setup_per_zone_wmarks(m);
}

static void lowmem_reserve_ratio_post(struct machine *m, const struct vm_ctl *c,
				      const void *oldv)
{
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (m->vm.lowmem_reserve_ratio[i] < 1)
			m->vm.lowmem_reserve_ratio[i] = 0;
	if (zones_exist(m))
		setup_per_zone_lowmem_reserve(m);
}

static int pcp_high_fraction_check(struct machine *m, const struct vm_ctl *c, const void *newv)
{
	int v = *(const int *)newv;

	return (v && v < MIN_PERCPU_PAGELIST_HIGH_FRACTION) ? -EINVAL : 0;
}

static void pcp_high_fraction_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	if (m->vm.percpu_pagelist_high_fraction != *(const int *)oldv && zones_exist(m))
		setup_pcp_sizes(m);
}

static void overcommit_ratio_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	m->vm.overcommit_kbytes = 0;
}

static void overcommit_kbytes_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	m->vm.overcommit_ratio = 0;
}

/* dirty_ratio and dirty_bytes exclude each other; so do the background pair. */
static void dirty_ratio_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	if (m->vm.dirty_ratio != *(const int *)oldv)
		m->vm.dirty_bytes = 0;
}

static void dirty_bytes_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	if (m->vm.dirty_bytes != *(const unsigned long *)oldv)
		m->vm.dirty_ratio = 0;
}

static void dirty_background_ratio_post(struct machine *m, const struct vm_ctl *c,
					const void *oldv)
{
	m->vm.dirty_background_bytes = 0;
}

static void dirty_background_bytes_post(struct machine *m, const struct vm_ctl *c,
					const void *oldv)
{
	m->vm.dirty_background_ratio = 0;
}

/* mm/vmstat.c sysctl_vm_numa_stat_handler: turning it off clears the counters. */
static void numa_stat_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	struct pglist_data *pgdat;
	int nid;

	if (m->vm.numa_stat == *(const int *)oldv)
		return;
	if (m->vm.numa_stat) {
		pr_info(m, "enable numa statistics");
		return;
	}
	for_each_online_pgdat(m, pgdat, nid)
		for (int z = 0; z < MAX_NR_ZONES; z++)
			memset(pgdat->node_zones[z].vm_numa_event, 0,
			       sizeof(pgdat->node_zones[z].vm_numa_event));
	pr_info(m, "disable numa statistics, and clear numa counters");
}

/* fs/drop_caches.c: 2 drops the shrinkable slab objects (drop_slab); the
 * page cache half (1) has nothing to drop until there is a page cache. */
static void drop_caches_post(struct machine *m, const struct vm_ctl *c, const void *oldv)
{
	int v = m->vm.drop_caches;

	if (v & 1)
		count_vm_event(m, DROP_PAGECACHE);
	if (v & 2) {
		drop_slab(m);
		count_vm_event(m, DROP_SLAB);
	}
	if (!m->vm.drop_caches_quiet)
		pr_info(m, "%s (%d): drop_caches: %d", m->current_comm, m->current_pid, v);
	if (v & 4)
		m->vm.drop_caches_quiet = true;
}

/* ---- the table ---- */

#define VM_OFF(field)	offsetof(struct vm_tunables, field)
#define INT_CTL(name, field, ...) \
	{ .procname = name, .offset = VM_OFF(field), .nr = 1, .type = CTL_INT, \
	  .mode = 0644, __VA_ARGS__ }
#define ULONG_CTL(name, field, ...) \
	{ .procname = name, .offset = VM_OFF(field), .nr = 1, .type = CTL_ULONG, \
	  .mode = 0644, __VA_ARGS__ }
#define MIN(v)		.has_min = true, .min = (v)
#define MAX(v)		.has_max = true, .max = (v)

/* Sorted by procname, as /proc/sys/vm lists them. */
static const struct vm_ctl vm_table[] = {
	ULONG_CTL("admin_reserve_kbytes", admin_reserve_kbytes),
	INT_CTL("compaction_proactiveness", compaction_proactiveness, MIN(0), MAX(100)),
	ULONG_CTL("dirty_background_bytes", dirty_background_bytes, MIN(1),
		  .post = dirty_background_bytes_post),
	INT_CTL("dirty_background_ratio", dirty_background_ratio, MIN(0), MAX(100),
		.post = dirty_background_ratio_post),
	ULONG_CTL("dirty_bytes", dirty_bytes, MIN(2 * PAGE_SIZE), .post = dirty_bytes_post),
	INT_CTL("dirty_expire_centisecs", dirty_expire_centisecs, MIN(0)),
	INT_CTL("dirty_ratio", dirty_ratio, MIN(0), MAX(100), .post = dirty_ratio_post),
	INT_CTL("dirty_writeback_centisecs", dirty_writeback_centisecs),
	{ .procname = "drop_caches", .offset = VM_OFF(drop_caches), .nr = 1, .type = CTL_INT,
	  .mode = 0200, MIN(1), MAX(4), .post = drop_caches_post },
	INT_CTL("extfrag_threshold", extfrag_threshold, MIN(0), MAX(1000)),
	INT_CTL("legacy_va_layout", legacy_va_layout, MIN(0)),
	{ .procname = "lowmem_reserve_ratio", .offset = VM_OFF(lowmem_reserve_ratio),
	  .nr = MAX_NR_ZONES, .type = CTL_INT, .mode = 0644,
	  .post = lowmem_reserve_ratio_post },
	INT_CTL("max_map_count", max_map_count, MIN(0)),
	INT_CTL("min_free_kbytes", min_free_kbytes, MIN(0), .post = min_free_kbytes_post),
	{ .procname = "mmap_rnd_bits", .offset = VM_OFF(mmap_rnd_bits), .nr = 1, .type = CTL_INT,
	  .mode = 0600, MIN(28), MAX(32) },	/* ARCH_MMAP_RND_BITS_MIN/MAX on x86-64 */
	INT_CTL("numa_stat", numa_stat, MIN(0), MAX(1), .post = numa_stat_post),
	INT_CTL("oom_dump_tasks", oom_dump_tasks),
	INT_CTL("oom_kill_allocating_task", oom_kill_allocating_task),
	ULONG_CTL("overcommit_kbytes", overcommit_kbytes, .post = overcommit_kbytes_post),
	INT_CTL("overcommit_memory", overcommit_memory, MIN(0), MAX(2)),
	INT_CTL("overcommit_ratio", overcommit_ratio, .post = overcommit_ratio_post),
	INT_CTL("page-cluster", page_cluster, MIN(0), MAX(31)),
	INT_CTL("panic_on_oom", panic_on_oom, MIN(0), MAX(2)),
	INT_CTL("percpu_pagelist_high_fraction", percpu_pagelist_high_fraction, MIN(0),
		.check = pcp_high_fraction_check, .post = pcp_high_fraction_post),
	{ .procname = "stat_interval", .offset = VM_OFF(stat_interval), .nr = 1,
	  .type = CTL_JIFFIES, .mode = 0644 },
	INT_CTL("swappiness", swappiness, MIN(0), MAX(200)),
	ULONG_CTL("user_reserve_kbytes", user_reserve_kbytes),
	INT_CTL("vfs_cache_pressure", vfs_cache_pressure, MIN(0)),
	INT_CTL("watermark_boost_factor", watermark_boost_factor, MIN(0)),
	INT_CTL("watermark_scale_factor", watermark_scale_factor, MIN(1), MAX(3000),
		.post = wmarks_post),
	INT_CTL("zone_reclaim_mode", zone_reclaim_mode, MIN(0)),
};

/*
 * /proc/sys/kernel knobs stored with the vm ones: randomize_va_space
 * (mm/memory.c's, proc_dointvec: any int; exec randomizes when it is not
 * 0, the brk too when it is above 1).  mmsim's default is 0 (Linux: 2).
 */
static const struct vm_ctl kern_table[] = {
	INT_CTL("randomize_va_space", randomize_va_space),
};

static void *ctl_data(struct machine *m, const struct vm_ctl *c)
{
	return (char *)&m->vm + c->offset;
}

static size_t ctl_size(const struct vm_ctl *c)
{
	return (size_t)c->nr * (c->type == CTL_ULONG ? sizeof(unsigned long) : sizeof(int));
}

/* ---- parsing, as proc_get_long and the conv functions ---- */

#define TMPBUFLEN	22

static bool is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * proc_get_long: an optional '-' and a number in C notation at *buf, at
 * most TMPBUFLEN - 2 characters, followed by a separator or the end.
 */
static int ctl_get_long(const char **buf, size_t *left, unsigned long *val, bool *neg)
{
	char tmp[TMPBUFLEN], *p, *end;
	size_t len = *left < TMPBUFLEN - 1 ? *left : TMPBUFLEN - 1;
	unsigned long long v;
	unsigned int base = 0, rv;
	const char *digits;

	memcpy(tmp, *buf, len);
	tmp[len] = '\0';
	p = tmp;
	*neg = false;
	if (*p == '-' && *left > 1) {
		*neg = true;
		p++;
	}
	if (*p < '0' || *p > '9')
		return -EINVAL;
	digits = _parse_integer_fixup_radix(p, &base);
	rv = _parse_integer(digits, base, &v);
	if (rv & KSTRTOX_OVERFLOW || v > ULONG_MAX)
		return -EINVAL;
	end = (char *)digits + rv;
	len = (size_t)(end - tmp);
	if (len == TMPBUFLEN - 1)
		return -EINVAL;	/* too long to tell where the number ends */
	if (len < *left && !is_sep(*end))
		return -EINVAL;
	*val = (unsigned long)v;
	*buf += len;
	*left -= len;
	return 0;
}

/* The conv step: a parsed number into value @k of @vals, range-checked. */
static int ctl_conv(const struct vm_ctl *c, union ctl_vals *vals, int k,
		    unsigned long lval, bool neg)
{
	long long v;

	switch (c->type) {
	case CTL_ULONG:
		if (neg || (c->has_min && lval < (unsigned long)c->min) ||
		    (c->has_max && lval > (unsigned long)c->max))
			return -EINVAL;
		vals->ul[k] = lval;
		return 0;
	case CTL_JIFFIES:
		if (lval > INT_MAX / HZ)
			return -EINVAL;
		vals->i[k] = neg ? -(int)lval : (int)lval;
		return 0;
	case CTL_INT:
		if (lval > (unsigned long)INT_MAX + neg)
			return -EINVAL;
		v = neg ? -(long long)lval : (long long)lval;
		if ((c->has_min && v < c->min) || (c->has_max && v > c->max))
			return -EINVAL;
		vals->i[k] = (int)v;
		return 0;
	}
	return -EINVAL;
}

/* Parse @buf into @vals (which holds the current values), __do_proc_dointvec style. */
static int ctl_parse(const struct vm_ctl *c, const char *buf, union ctl_vals *vals)
{
	size_t left = strlen(buf);
	int k;

	if (left > PAGE_SIZE - 1)
		left = PAGE_SIZE - 1;
	for (k = 0; k < c->nr && left; k++) {
		unsigned long lval;
		bool neg;
		const char *p = skip_spaces(buf);

		left -= (size_t)(p - buf);
		buf = p;
		if (!left)
			break;
		if (ctl_get_long(&buf, &left, &lval, &neg) || ctl_conv(c, vals, k, lval, neg))
			return -EINVAL;
	}
	return k ? 0 : -EINVAL;
}

static int ctl_write(struct machine *m, const struct vm_ctl *c, const char *buf)
{
	union ctl_vals newv, oldv;
	void *data = ctl_data(m, c);
	int ret;

	memcpy(&oldv, data, ctl_size(c));
	memcpy(&newv, data, ctl_size(c));
	ret = ctl_parse(c, buf, &newv);
	if (!ret && c->check)
		ret = c->check(m, c, &newv);
	if (ret)
		return ret;
	memcpy(data, &newv, ctl_size(c));
	if (c->post)
		c->post(m, c, &oldv);
	return 0;
}

/* ---- /proc/sys/vm files ---- */

static int vm_ctl_show(struct seq_file *sf)
{
	const struct vm_ctl *c = sf->private;
	const void *data = ctl_data(sf->machine, c);

	for (int k = 0; k < c->nr; k++) {
		if (k)
			seq_putc(sf, '\t');
		if (c->type == CTL_ULONG)
			seq_printf(sf, "%lu", ((const unsigned long *)data)[k]);
		else
			seq_printf(sf, "%d", ((const int *)data)[k]);
	}
	seq_putc(sf, '\n');
	return 0;
}

static int vm_ctl_write(struct machine *m, void *data, const char *buf)
{
	return ctl_write(m, data, buf);
}

static const struct kernfs_ops vm_ctl_ops = {
	.show = vm_ctl_show,
	.write = vm_ctl_write,
};

void sysctl_init(struct vm_tunables *vm)
{
	static const int lowmem_reserve_ratio[MAX_NR_ZONES] = {
		[ZONE_DMA] = 256, [ZONE_DMA32] = 256, [ZONE_NORMAL] = 32,
		[ZONE_MOVABLE] = 0, [ZONE_DEVICE] = 0,
	};

	memset(vm, 0, sizeof(*vm));
	vm->min_free_kbytes = 1024;		/* until calculate_min_free_kbytes */
	vm->user_min_free_kbytes = -1;
	vm->watermark_scale_factor = 10;
	vm->watermark_boost_factor = 15000;
	memcpy(vm->lowmem_reserve_ratio, lowmem_reserve_ratio, sizeof(lowmem_reserve_ratio));
	vm->percpu_pagelist_high_fraction = 0;
	vm->numa_stat = 1;
	vm->swappiness = 60;
	vm->overcommit_memory = 0;		/* OVERCOMMIT_GUESS */
	vm->overcommit_ratio = 50;
	vm->overcommit_kbytes = 0;
	vm->max_map_count = 65530;		/* DEFAULT_MAX_MAP_COUNT */
	vm->mmap_rnd_bits = 28;			/* CONFIG_ARCH_MMAP_RND_BITS */
	vm->admin_reserve_kbytes = 1UL << 13;	/* until init_admin_reserve */
	vm->user_reserve_kbytes = 1UL << 17;	/* until init_user_reserve */
	vm->legacy_va_layout = 0;
	vm->dirty_ratio = 20;
	vm->dirty_background_ratio = 10;
	vm->dirty_bytes = 0;
	vm->dirty_background_bytes = 0;
	vm->dirty_writeback_centisecs = 500;
	vm->dirty_expire_centisecs = 3000;
	vm->vfs_cache_pressure = 100;
	vm->page_cluster = 3;
	vm->panic_on_oom = 0;
	vm->oom_kill_allocating_task = 0;
	vm->oom_dump_tasks = 1;
	vm->zone_reclaim_mode = 0;
	vm->extfrag_threshold = 500;
	vm->compaction_proactiveness = 20;
	vm->stat_interval = 1;			/* HZ jiffies */
	vm->drop_caches = 0;
	vm->drop_caches_quiet = false;
	vm->randomize_va_space = 0;		/* as norandmaps; Linux's default is 2 */
}

void sysctl_register(struct machine *m)
{
	char path[64];

	for (size_t i = 0; i < ARRAY_SIZE(vm_table); i++) {
		const struct vm_ctl *c = &vm_table[i];

		snprintf(path, sizeof(path), "/proc/sys/vm/%s", c->procname);
		kernfs_create_file(m, path, c->mode, &vm_ctl_ops, (void *)c);
	}
	for (size_t i = 0; i < ARRAY_SIZE(kern_table); i++) {
		snprintf(path, sizeof(path), "/proc/sys/kernel/%s", kern_table[i].procname);
		kernfs_create_file(m, path, kern_table[i].mode, &vm_ctl_ops, (void *)&kern_table[i]);
	}
}

static const struct vm_ctl *sysctl_find(const char *name)
{
	if (!strncmp(name, "kernel.", 7) || !strncmp(name, "kernel/", 7)) {
		for (size_t i = 0; i < ARRAY_SIZE(kern_table); i++)
			if (!strcmp(kern_table[i].procname, name + 7))
				return &kern_table[i];
		return NULL;
	}
	if ((!strncmp(name, "vm.", 3) || !strncmp(name, "vm/", 3)))
		name += 3;
	for (size_t i = 0; i < ARRAY_SIZE(vm_table); i++)
		if (!strcmp(vm_table[i].procname, name))
			return &vm_table[i];
	return NULL;
}

int sysctl_set(struct machine *m, const char *name, const char *value)
{
	const struct vm_ctl *c = sysctl_find(name);

	if (!c)
		return -ENOENT;
	return ctl_write(m, c, value);
}

void sysctl_init_reserves(struct machine *m)
{
	unsigned long free_kbytes = nr_free_pages(m) << (PAGE_SHIFT - 10);

	m->vm.user_reserve_kbytes = min(free_kbytes / 32, 1UL << 17);	/* 128M */
	m->vm.admin_reserve_kbytes = min(free_kbytes / 32, 1UL << 13);	/* 8M */
}
