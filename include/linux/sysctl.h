/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vm sysctls (kernel/sysctl.c, fs/proc/proc_sysctl.c): a table of
 * knobs, each a value stored in struct machine's vm_tunables, shown and
 * written at /proc/sys/vm/NAME with Linux's parsing, range checks (EINVAL)
 * and recomputation hooks (e.g. min_free_kbytes -> setup_per_zone_wmarks).
 */
#ifndef _LINUX_SYSCTL_H
#define _LINUX_SYSCTL_H

#include "linux/mmzone.h"

/* The /proc/sys/vm values.  Defaults are Linux's (set in sysctl_init). */
struct vm_tunables {
	int min_free_kbytes;		/* computed at boot, raised for THP */
	int user_min_free_kbytes;	/* -1 until a user writes min_free_kbytes */
	int watermark_scale_factor;	/* 10 */
	int watermark_boost_factor;	/* 15000 */
	int lowmem_reserve_ratio[MAX_NR_ZONES];	/* 256 256 32 0 0 */
	int percpu_pagelist_high_fraction;	/* 0 */
	int numa_stat;			/* 1 */
	int swappiness;			/* 60 */
	int overcommit_memory;		/* 0 */
	int overcommit_ratio;		/* 50 */
	unsigned long overcommit_kbytes;	/* 0 */
	int max_map_count;		/* 65530 */
	unsigned long admin_reserve_kbytes;	/* 8192 */
	unsigned long user_reserve_kbytes;	/* computed: min(3% of free, 128M) */
	int legacy_va_layout;		/* 0 */
	int dirty_ratio;		/* 20 */
	int dirty_background_ratio;	/* 10 */
	unsigned long dirty_bytes;	/* 0 */
	unsigned long dirty_background_bytes;	/* 0 */
	int dirty_writeback_centisecs;	/* 500 */
	int dirty_expire_centisecs;	/* 3000 */
	int vfs_cache_pressure;		/* 100 */
	int page_cluster;		/* 3 */
	int panic_on_oom;		/* 0 */
	int oom_kill_allocating_task;	/* 0 */
	int oom_dump_tasks;		/* 1 */
	int zone_reclaim_mode;		/* 0 */
	int extfrag_threshold;		/* 500 */
	int compaction_proactiveness;	/* 20 */
	int stat_interval;		/* 1 */
	int drop_caches;		/* last value written */
	bool drop_caches_quiet;		/* 4 was written: stop logging (Linux's stfu) */
	int randomize_va_space;		/* kernel.randomize_va_space: 0 (Linux: 2) */
	int mmap_rnd_bits;		/* 28: random bits of pages in mmap_base and a PIE's bias */
};

struct machine;
struct seq_file;

/* sysctl_init - fill @vm with Linux's defaults (before boot parameters). */
void sysctl_init(struct vm_tunables *vm);

/*
 * sysctl_register - create /proc/sys/vm/NAME for every knob.  Called once
 * the zones exist (the hooks need them).
 */
void sysctl_register(struct machine *m);

/*
 * sysctl_set - write a value as `echo VALUE > /proc/sys/vm/NAME` would
 * (@name is "vm.min_free_kbytes", "vm/min_free_kbytes" or
 * "min_free_kbytes"; the file name is Linux's, so "vm.page-cluster").
 * Write-only files (drop_caches) can be set.  Returns 0, -ENOENT (no such
 * knob) or -EINVAL (Linux would reject the value); nothing changes on
 * error.  The zone recomputations a write triggers (watermarks,
 * lowmem_reserve, pcp sizes) run only once the zones exist.
 */
int sysctl_set(struct machine *m, const char *name, const char *value);

/*
 * sysctl_init_reserves - admin_reserve_kbytes and user_reserve_kbytes from
 * free memory once the buddy allocator is up (init_admin_reserve,
 * init_user_reserve).
 */
void sysctl_init_reserves(struct machine *m);

#endif
