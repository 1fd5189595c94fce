// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/sysctl.c: /proc/sys/vm with Linux's defaults, modes and output
 * format; writes parsed as proc_dointvec_minmax / proc_doulongvec_minmax
 * parse them, with -EINVAL leaving every value as it was; the handlers'
 * side effects (dirty and overcommit pairs, drop_caches, numa_stat) and
 * the recomputations a write triggers on a booted machine (watermarks,
 * lowmem_reserve, pcp high, the reserves computed from free memory).
 *
 * The first group runs on a zeroed machine with only the files
 * registered (no zones: the recomputation hooks are skipped); the second
 * boots one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/sysctl.h"
#include "linux/vmstat.h"

static struct machine *m;

/* A machine with the vm sysctls registered and nothing else. */
static int bare_setup(void **state)
{
	m = calloc(1, sizeof(*m));
	if (!m)
		return -1;
	sysctl_init(&m->vm);
	sysctl_register(m);
	snprintf(m->current_comm, sizeof(m->current_comm), "bash");
	m->current_pid = 321;
	return 0;
}

static int bare_teardown(void **state)
{
	kernfs_release(&m->kernfs);
	printk_release(&m->log);
	free(m);
	return 0;
}

static int boot_setup(void **state)
{
	char err[256];

	if (mmsim_boot("mem=8G nr_cpus=4", 1, &m, err, sizeof(err))) {
		fprintf(stderr, "boot failed: %s\n", err);
		return -1;
	}
	return 0;
}

static int boot_teardown(void **state)
{
	mmsim_destroy(m);
	return 0;
}

/* The text of /proc/sys/vm/@name, or NULL with *ret set on error. */
static char *vm_read(const char *name, int *ret)
{
	char path[128];
	struct seq_file sf;

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	seq_init(&sf, m);
	*ret = kernfs_read(m, path, &sf);
	if (*ret) {
		seq_release(&sf);
		return NULL;
	}
	return sf.buf;
}

static void assert_vm_file(const char *name, const char *want)
{
	int ret;
	char *got = vm_read(name, &ret);

	if (!got)
		fail_msg("reading %s: %d", name, ret);
	if (strcmp(got, want))
		fail_msg("%s: got \"%s\", want \"%s\"", name, got, want);
	free(got);
}

static int vm_write(const char *name, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), "/proc/sys/vm/%s", name);
	return kernfs_write(m, path, val);
}

static char *dmesg(void)
{
	struct seq_file sf;

	seq_init(&sf, m);
	printk_show(m, &sf);
	return sf.buf;
}

/* ---- on a bare machine ---- */

static void defaults_match_linux(void **state)
{
	/* the values of a fresh Linux 6.18 (proc-sys-vm.txt), before boot computes any */
	static const struct { const char *name, *text; } defaults[] = {
		{ "admin_reserve_kbytes", "8192\n" },
		{ "compaction_proactiveness", "20\n" },
		{ "dirty_background_bytes", "0\n" },
		{ "dirty_background_ratio", "10\n" },
		{ "dirty_bytes", "0\n" },
		{ "dirty_expire_centisecs", "3000\n" },
		{ "dirty_ratio", "20\n" },
		{ "dirty_writeback_centisecs", "500\n" },
		{ "extfrag_threshold", "500\n" },
		{ "legacy_va_layout", "0\n" },
		{ "lowmem_reserve_ratio", "256\t256\t32\t0\t0\n" },
		{ "max_map_count", "65530\n" },
		{ "min_free_kbytes", "1024\n" },
		{ "numa_stat", "1\n" },
		{ "oom_dump_tasks", "1\n" },
		{ "oom_kill_allocating_task", "0\n" },
		{ "overcommit_kbytes", "0\n" },
		{ "overcommit_memory", "0\n" },
		{ "overcommit_ratio", "50\n" },
		{ "page-cluster", "3\n" },
		{ "panic_on_oom", "0\n" },
		{ "percpu_pagelist_high_fraction", "0\n" },
		{ "stat_interval", "1\n" },
		{ "swappiness", "60\n" },
		{ "user_reserve_kbytes", "131072\n" },
		{ "vfs_cache_pressure", "100\n" },
		{ "watermark_boost_factor", "15000\n" },
		{ "watermark_scale_factor", "10\n" },
		{ "zone_reclaim_mode", "0\n" },
	};

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		assert_vm_file(defaults[i].name, defaults[i].text);
	assert_int_equal(m->vm.user_min_free_kbytes, -1);
}

static void files_have_linux_modes(void **state)
{
	char **names;
	size_t nr;
	int ret;

	assert_int_equal(kernfs_readdir(m, "/proc/sys/vm", &names, &nr), 0);
	assert_int_equal(nr, 31);		/* with mmap_rnd_bits (0600) */
	assert_string_equal(names[0], "admin_reserve_kbytes");
	mmsim_free_list(names, nr);
	/* drop_caches is 0200: writable, not readable, even by root */
	assert_null(vm_read("drop_caches", &ret));
	assert_int_equal(ret, -EACCES);
	assert_int_equal(vm_write("drop_caches", "1"), 0);
	assert_null(vm_read("no_such_knob", &ret));
	assert_int_equal(ret, -ENOENT);
}

static void writes_parse_as_proc_dointvec(void **state)
{
	assert_int_equal(vm_write("swappiness", "100"), 0);
	assert_vm_file("swappiness", "100\n");
	assert_int_equal(vm_write("swappiness", "  \t 7 \n"), 0);	/* spaces around */
	assert_int_equal(m->vm.swappiness, 7);
	assert_int_equal(vm_write("swappiness", "0x10"), 0);		/* C notation */
	assert_int_equal(m->vm.swappiness, 16);
	assert_int_equal(vm_write("swappiness", "010"), 0);
	assert_int_equal(m->vm.swappiness, 8);
	/* after the value the file holds, Linux stops reading (a short write) */
	assert_int_equal(vm_write("swappiness", "5 abc"), 0);
	assert_int_equal(m->vm.swappiness, 5);
	assert_int_equal(vm_write("overcommit_ratio", "-20"), 0);	/* proc_dointvec: no range */
	assert_int_equal(m->vm.overcommit_ratio, -20);
}

static void invalid_writes_change_nothing(void **state)
{
	static const struct { const char *name, *val; } bad[] = {
		{ "min_free_kbytes", "garbage" },
		{ "min_free_kbytes", "" },
		{ "min_free_kbytes", "   " },
		{ "min_free_kbytes", "12abc" },		/* no separator after the number */
		{ "min_free_kbytes", "+5" },
		{ "min_free_kbytes", "-1" },		/* below extra1 = 0 */
		{ "min_free_kbytes", "2147483648" },	/* not an int */
		{ "min_free_kbytes", "1.5" },
		{ "min_free_kbytes", "12\r" },		/* \r is not a separator */
		{ "min_free_kbytes", "000000000000000000001" },	/* 21 characters */
		{ "swappiness", "201" },
		{ "watermark_scale_factor", "0" },
		{ "watermark_scale_factor", "3001" },
		{ "overcommit_memory", "3" },
		{ "panic_on_oom", "-1" },
		{ "numa_stat", "2" },
		{ "page-cluster", "32" },
		{ "extfrag_threshold", "1001" },
		{ "compaction_proactiveness", "101" },
		{ "dirty_ratio", "101" },
		{ "dirty_bytes", "8191" },		/* below 2 pages */
		{ "dirty_background_bytes", "0" },	/* below 1 */
		{ "admin_reserve_kbytes", "-1" },	/* unsigned long: no sign */
		{ "overcommit_kbytes", "99999999999999999999" },
		{ "drop_caches", "0" },
		{ "drop_caches", "5" },
		{ "percpu_pagelist_high_fraction", "7" },	/* 0 or >= 8 */
		{ "percpu_pagelist_high_fraction", "1" },
		{ "lowmem_reserve_ratio", "1 2 x" },
		{ "stat_interval", "8589935" },		/* > INT_MAX / HZ */
	};
	struct vm_tunables before = m->vm;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int ret = vm_write(bad[i].name, bad[i].val);

		if (ret != -EINVAL)
			fail_msg("%s <- \"%s\": got %d, want -EINVAL", bad[i].name, bad[i].val, ret);
		if (memcmp(&before, &m->vm, sizeof(before)))
			fail_msg("%s <- \"%s\" changed a value", bad[i].name, bad[i].val);
	}
	assert_int_equal(m->log.nr, 0);		/* and logged nothing */
}

static void range_limits_are_inclusive(void **state)
{
	assert_int_equal(vm_write("swappiness", "200"), 0);
	assert_int_equal(vm_write("watermark_scale_factor", "3000"), 0);
	assert_int_equal(vm_write("watermark_scale_factor", "1"), 0);
	assert_int_equal(vm_write("percpu_pagelist_high_fraction", "8"), 0);
	assert_int_equal(vm_write("percpu_pagelist_high_fraction", "0"), 0);
	assert_int_equal(vm_write("dirty_bytes", "8192"), 0);
	assert_int_equal(vm_write("min_free_kbytes", "2147483647"), 0);
	assert_int_equal(vm_write("page-cluster", "31"), 0);
	assert_int_equal(vm_write("stat_interval", "-3"), 0);	/* jiffies: no range */
	assert_vm_file("stat_interval", "-3\n");
	assert_int_equal(vm_write("user_reserve_kbytes", "18446744073709551615"), 0);
	assert_vm_file("user_reserve_kbytes", "18446744073709551615\n");
}

static void lowmem_reserve_ratio_is_an_array(void **state)
{
	assert_int_equal(vm_write("lowmem_reserve_ratio", "128 64 16 8 4"), 0);
	assert_vm_file("lowmem_reserve_ratio", "128\t64\t16\t8\t4\n");
	/* fewer values change only the first ones; < 1 becomes 0 */
	assert_int_equal(vm_write("lowmem_reserve_ratio", "1\t-5"), 0);
	assert_vm_file("lowmem_reserve_ratio", "1\t0\t16\t8\t4\n");
	assert_int_equal(vm_write("lowmem_reserve_ratio", "9 9 9 9 9 9 9"), 0);	/* extra ignored */
	assert_vm_file("lowmem_reserve_ratio", "9\t9\t9\t9\t9\n");
}

static void dirty_ratio_and_bytes_exclude_each_other(void **state)
{
	assert_int_equal(vm_write("dirty_bytes", "1048576"), 0);
	assert_int_equal(m->vm.dirty_ratio, 0);
	assert_int_equal(m->vm.dirty_bytes, 1048576);
	assert_int_equal(vm_write("dirty_ratio", "30"), 0);
	assert_int_equal(m->vm.dirty_bytes, 0);
	assert_int_equal(m->vm.dirty_ratio, 30);
	/* writing the same dirty_ratio again leaves dirty_bytes alone, as Linux */
	m->vm.dirty_bytes = 4096 * 4;
	assert_int_equal(vm_write("dirty_ratio", "30"), 0);
	assert_int_equal(m->vm.dirty_bytes, 4096 * 4);

	assert_int_equal(vm_write("dirty_background_bytes", "65536"), 0);
	assert_int_equal(m->vm.dirty_background_ratio, 0);
	assert_int_equal(vm_write("dirty_background_ratio", "5"), 0);
	assert_int_equal(m->vm.dirty_background_bytes, 0);
	assert_int_equal(m->vm.dirty_background_ratio, 5);
}

static void overcommit_ratio_and_kbytes_exclude_each_other(void **state)
{
	assert_int_equal(vm_write("overcommit_kbytes", "1024"), 0);
	assert_int_equal(m->vm.overcommit_ratio, 0);
	assert_int_equal(vm_write("overcommit_ratio", "80"), 0);
	assert_int_equal(m->vm.overcommit_kbytes, 0);
	assert_int_equal(m->vm.overcommit_ratio, 80);
}

static void min_free_kbytes_write_records_the_user_value(void **state)
{
	assert_int_equal(vm_write("min_free_kbytes", "4096"), 0);
	assert_int_equal(m->vm.min_free_kbytes, 4096);
	assert_int_equal(m->vm.user_min_free_kbytes, 4096);
}

static void drop_caches_logs_like_linux_until_told_to_stop(void **state)
{
	char *log;

	assert_int_equal(vm_write("drop_caches", "3"), 0);
	assert_int_equal(m->vm_events[DROP_PAGECACHE], 1);
	assert_int_equal(m->vm_events[DROP_SLAB], 1);
	assert_int_equal(vm_write("drop_caches", "4"), 0);	/* logged, then quiet */
	assert_int_equal(vm_write("drop_caches", "1"), 0);
	assert_int_equal(m->vm_events[DROP_PAGECACHE], 2);
	log = dmesg();
	assert_string_equal(log, "[    0.000000] bash (321): drop_caches: 3\n"
				 "[    0.000000] bash (321): drop_caches: 4\n");
	free(log);
}

static void numa_stat_changes_are_logged(void **state)
{
	char *log;

	assert_int_equal(vm_write("numa_stat", "1"), 0);	/* unchanged: silent */
	assert_int_equal(m->log.nr, 0);
	assert_int_equal(vm_write("numa_stat", "0"), 0);
	assert_int_equal(vm_write("numa_stat", "1"), 0);
	log = dmesg();
	assert_string_equal(log, "[    0.000000] disable numa statistics, and clear numa counters\n"
				 "[    0.000000] enable numa statistics\n");
	free(log);
}

static void sysctl_set_takes_dotted_and_slashed_names(void **state)
{
	assert_int_equal(sysctl_set(m, "vm.swappiness", "10"), 0);
	assert_int_equal(m->vm.swappiness, 10);
	assert_int_equal(sysctl_set(m, "vm/swappiness", "11"), 0);
	assert_int_equal(m->vm.swappiness, 11);
	assert_int_equal(sysctl_set(m, "swappiness", "12"), 0);
	assert_int_equal(m->vm.swappiness, 12);
	assert_int_equal(sysctl_set(m, "vm.page-cluster", "0"), 0);
	assert_int_equal(m->vm.page_cluster, 0);
	assert_int_equal(sysctl_set(m, "vm.lowmem_reserve_ratio", "1\t2\t3\t4\t5"), 0);
	assert_int_equal(m->vm.lowmem_reserve_ratio[4], 5);
	assert_int_equal(sysctl_set(m, "vm.page_cluster", "1"), -ENOENT);
	assert_int_equal(sysctl_set(m, "kernel.panic", "1"), -ENOENT);
	assert_int_equal(sysctl_set(m, "vm.swapiness", "1"), -ENOENT);
	assert_int_equal(sysctl_set(m, "vm.swappiness", "x"), -EINVAL);
	assert_int_equal(m->vm.swappiness, 12);
}

/* ---- on a booted machine ---- */

static struct zone *normal_zone(void)
{
	return &NODE_DATA(m, 0)->node_zones[ZONE_NORMAL];
}

static void booted_garbage_write_is_einval_and_harmless(void **state)
{
	unsigned long wmark = normal_zone()->_watermark[WMARK_MIN];
	int before = m->vm.min_free_kbytes;

	assert_int_equal(mmsim_write(m, "/proc/sys/vm/min_free_kbytes", "garbage"), -EINVAL);
	assert_int_equal(m->vm.min_free_kbytes, before);
	assert_int_equal(normal_zone()->_watermark[WMARK_MIN], wmark);
	assert_int_equal(m->vm.user_min_free_kbytes, -1);
}

static void booted_min_free_kbytes_write_recomputes_watermarks(void **state)
{
	struct zone *z = normal_zone();
	unsigned long min_before = z->_watermark[WMARK_MIN];
	char *text;
	size_t len;

	assert_true(min_before > 0);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/min_free_kbytes",
				     "1048576"), 0);	/* 1G, far above the boot value */
	assert_int_equal(m->vm.user_min_free_kbytes, 1048576);
	assert_true(z->_watermark[WMARK_MIN] > 4 * min_before);
	assert_int_equal(mmsim_read(m, "/proc/sys/vm/min_free_kbytes", &text, &len), 0);
	assert_string_equal(text, "1048576\n");
	free(text);
}

static void booted_watermark_scale_factor_widens_the_gaps(void **state)
{
	struct zone *z = normal_zone();
	unsigned long gap = z->_watermark[WMARK_LOW] - z->_watermark[WMARK_MIN];

	assert_int_equal(mmsim_write(m, "/proc/sys/vm/watermark_scale_factor", "1000"), 0);
	assert_true(z->_watermark[WMARK_LOW] - z->_watermark[WMARK_MIN] > gap);
}

static void booted_lowmem_reserve_ratio_write_recomputes_protection(void **state)
{
	struct zone *dma32 = &NODE_DATA(m, 0)->node_zones[ZONE_DMA32];
	long before = dma32->lowmem_reserve[ZONE_NORMAL];

	assert_true(before > 0);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/lowmem_reserve_ratio", "256 32 32 0 0"), 0);
	assert_true(dma32->lowmem_reserve[ZONE_NORMAL] > before);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/lowmem_reserve_ratio", "256 0 32 0 0"), 0);
	assert_int_equal(dma32->lowmem_reserve[ZONE_NORMAL], 0);
}

static void booted_percpu_pagelist_high_fraction_resizes_pcp(void **state)
{
	struct zone *z = normal_zone();
	int high_min = z->pageset_high_min, high_max = z->pageset_high_max;

	assert_true(high_min < high_max);	/* auto-tuned between the two */
	/* a fixed fraction of 1/100 of the zone: smaller, and no tuning range */
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/percpu_pagelist_high_fraction", "100"), 0);
	assert_true(z->pageset_high_max < high_max);
	assert_int_equal(z->pageset_high_min, z->pageset_high_max);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/percpu_pagelist_high_fraction", "0"), 0);
	assert_int_equal(z->pageset_high_min, high_min);
	assert_int_equal(z->pageset_high_max, high_max);
}

static void booted_numa_stat_off_clears_and_stops_the_counters(void **state)
{
	unsigned long pfn;
	char err[128];

	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", -1, -1, &pfn, err, sizeof(err)), 0);
	assert_true(global_numa_event_state(m, NUMA_HIT) > 0);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/numa_stat", "0"), 0);
	for (int i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		assert_int_equal(global_numa_event_state(m, i), 0);
	assert_int_equal(mmsim_free_pages(m, pfn, 0), 0);
	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", -1, -1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(global_numa_event_state(m, NUMA_HIT), 0);	/* not counting */
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/numa_stat", "1"), 0);
	assert_int_equal(mmsim_free_pages(m, pfn, 0), 0);
}

static void booted_reserves_come_from_free_memory(void **state)
{
	unsigned long free_kb = 0;

	/* set at boot from the free pages then; recompute from now to compare */
	sysctl_init_reserves(m);
	free_kb = nr_free_pages(m) * 4;
	assert_int_equal(m->vm.user_reserve_kbytes, free_kb / 32 < 131072 ? free_kb / 32 : 131072);
	assert_int_equal(m->vm.admin_reserve_kbytes, free_kb / 32 < 8192 ? free_kb / 32 : 8192);
	assert_int_equal(m->vm.admin_reserve_kbytes, 8192);	/* 8G: well above 256M free */
}

int main(void)
{
	const struct CMUnitTest bare[] = {
#define B(f) cmocka_unit_test_setup_teardown(f, bare_setup, bare_teardown)
		B(defaults_match_linux),
		B(files_have_linux_modes),
		B(writes_parse_as_proc_dointvec),
		B(invalid_writes_change_nothing),
		B(range_limits_are_inclusive),
		B(lowmem_reserve_ratio_is_an_array),
		B(dirty_ratio_and_bytes_exclude_each_other),
		B(overcommit_ratio_and_kbytes_exclude_each_other),
		B(min_free_kbytes_write_records_the_user_value),
		B(drop_caches_logs_like_linux_until_told_to_stop),
		B(numa_stat_changes_are_logged),
		B(sysctl_set_takes_dotted_and_slashed_names),
	};
	const struct CMUnitTest booted[] = {
#define M(f) cmocka_unit_test_setup_teardown(f, boot_setup, boot_teardown)
		M(booted_garbage_write_is_einval_and_harmless),
		M(booted_min_free_kbytes_write_recomputes_watermarks),
		M(booted_watermark_scale_factor_widens_the_gaps),
		M(booted_lowmem_reserve_ratio_write_recomputes_protection),
		M(booted_percpu_pagelist_high_fraction_resizes_pcp),
		M(booted_numa_stat_off_clears_and_stops_the_counters),
		M(booted_reserves_come_from_free_memory),
	};
	int failed = cmocka_run_group_tests_name("bare", bare, NULL, NULL);

	return failed + cmocka_run_group_tests_name("booted", booted, NULL, NULL);
}
