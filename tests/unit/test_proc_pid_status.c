// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/status (fs/proc/array.c): the keys of Linux 6.18's capture in
 * its order and, line by line, its shape (the numbers aside; Name, State and the
 * capability sets differ by design: a sleeping process with root's full
 * set); the Vm lines computed from the mm (VmSize = statm's size, VmPeak
 * keeping the high-water mark after munmap, VmData growing with a private
 * writable mapping, VmStk the stack VMA); Cpus_allowed and Mems_allowed
 * from the CPUs and the nodes with memory.  /proc/PID/stat: the
 * capture's 52 fields, vsize = VmSize, the code, stack and brk addresses.
 * /proc/PID/limits: the host's table layout with INIT_RLIMITS' values.
 * /proc/PID/oom_score_adj: -1000..1000 written, -EINVAL otherwise.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>

#include "proc_helpers.h"
#include "linux/mman.h"

static int teardown(void **state)
{
	mmsim_destroy(*state);
	return 0;
}

/* The value text of "Key:\t..." in @text (malloc'd), or NULL. */
static char *status_value(const char *text, const char *key)
{
	char needle[64];
	const char *p, *e;

	snprintf(needle, sizeof(needle), "\n%s:\t", key);
	p = strstr(text, needle);
	if (!p)
		return NULL;
	p += strlen(needle);
	e = strchr(p, '\n');
	return strndup(p, e ? (size_t)(e - p) : strlen(p));
}

static void status_has_linux_s_keys_in_order_and_line_shapes(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	char *ours, *ref;
	struct ph_lines a, b;

	*state = m;
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	ours = ph_read(m, "/proc/db/status");
	PH_REFERENCE(ref, "proc-self-status.txt");
	a = ph_split(ours);
	b = ph_split(ref);
	assert_int_equal(a.nr, b.nr);
	for (size_t i = 0; i < a.nr; i++) {
		char *ka = ph_key(a.line[i]), *kb = ph_key(b.line[i]);
		char sa[2048], sb[2048];

		assert_string_equal(ka, kb);
		ph_loose_shape(a.line[i], sa, sizeof(sa));
		ph_loose_shape(b.line[i], sb, sizeof(sb));
		if (strcmp(ka, "Name:") && strcmp(ka, "State:") && strncmp(ka, "Cap", 3))
			assert_string_equal(sa, sb);
		if (strstr(b.line[i], " kB"))	/* task_mem's right-aligned %8lu */
			assert_int_equal(ph_value_end(a.line[i]), ph_value_end(b.line[i]));
		free(ka);
		free(kb);
	}
	assert_string_equal(a.line[0], "Name:\tdb");
	ph_free_lines(&a);
	ph_free_lines(&b);
	free(ours);
	free(ref);
}

static void vm_lines_follow_the_mm_and_vmpeak_keeps_the_high_water_mark(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	char *text, *statm, *v;
	unsigned long size_pages, size0, data0;
	uint64_t addr;

	*state = m;
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	text = ph_read(m, "/proc/db/status");
	statm = ph_read(m, "/proc/db/statm");
	size_pages = strtoul(statm, NULL, 10);
	size0 = (unsigned long)ph_kv(text, "VmSize");
	data0 = (unsigned long)ph_kv(text, "VmData");
	assert_int_equal(size0, size_pages * 4);
	assert_int_equal(ph_kv(text, "VmPeak"), size0);
	assert_int_equal(ph_kv(text, "VmStk"), 132);
	assert_int_equal(ph_kv(text, "VmRSS"), 0);
	free(text);
	free(statm);

	assert_int_equal(mmsim_process_mmap(m, "db", 0, 1 << 20, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &addr), 0);
	text = ph_read(m, "/proc/1/status");
	assert_int_equal(ph_kv(text, "VmSize"), size0 + 1024);
	assert_int_equal(ph_kv(text, "VmData"), data0 + 1024);
	free(text);

	assert_int_equal(mmsim_process_munmap(m, "db", addr, 1 << 20), 0);
	text = ph_read(m, "/proc/1/status");
	assert_int_equal(ph_kv(text, "VmSize"), size0);
	assert_int_equal(ph_kv(text, "VmPeak"), size0 + 1024);
	assert_int_equal(ph_kv(text, "VmData"), data0);
	v = status_value(text, "VmPeak");
	assert_non_null(v);
	assert_int_equal(strlen(v), strlen("    1288 kB"));	/* %8lu kB */
	free(v);
	free(text);
}

static void cpus_and_mems_allowed_are_the_machine_s(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=4 numa=fake=2");
	char *text, *v;

	*state = m;
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	text = ph_read(m, "/proc/db/status");
	v = status_value(text, "Cpus_allowed");
	assert_string_equal(v, "f");
	free(v);
	v = status_value(text, "Cpus_allowed_list");
	assert_string_equal(v, "0-3");
	free(v);
	v = status_value(text, "Mems_allowed_list");
	assert_string_equal(v, "0-1");
	free(v);
	v = status_value(text, "Mems_allowed");
	assert_int_equal(strlen(v), 32 * 8 + 31);
	assert_string_equal(v + strlen(v) - 9, ",00000003");
	free(v);
	free(text);
}

/* Split a stat line at spaces into @field (52 slots); returns the count. */
static int stat_fields(char *line, char *field[], int max)
{
	int n = 0;

	for (char *tok = strtok(line, " \n"); tok && n < max; tok = strtok(NULL, " \n"))
		field[n++] = tok;
	return n;
}

static void stat_has_linux_s_52_fields_with_the_mm_s_addresses(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	char *ours, *ref, *status, *fa[64], *fb[64];
	uint64_t start_brk, brk, addr;

	*state = m;
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "db", 0, 1 << 20, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &addr), 0);
	PH_REFERENCE(ref, "proc-self-stat.txt");
	ours = ph_read(m, "/proc/db/stat");
	status = ph_read(m, "/proc/db/status");
	assert_int_equal(ours[strlen(ours) - 1], '\n');
	assert_int_equal(stat_fields(ref, fb, 64), 52);
	assert_int_equal(stat_fields(ours, fa, 64), 52);
	assert_string_equal(fa[0], "1");
	assert_string_equal(fa[1], "(db)");
	assert_int_equal(strtoull(fa[22], NULL, 10), (unsigned long long)ph_kv(status, "VmSize") * 1024);
	assert_string_equal(fa[23], "0");				/* rss */
	assert_string_equal(fa[24], fb[24]);				/* rsslim */
	assert_int_equal(strtoull(fa[25], NULL, 10), 0x555555556000);	/* start_code: .text */
	assert_int_equal(((strtoull(fa[26], NULL, 10) + 4095) & ~4095ULL) - strtoull(fa[25], NULL, 10),
			 ph_kv(status, "VmExe") * 1024);			/* end_code page-aligned */
	assert_true(strtoull(fa[27], NULL, 10) > addr);		/* start_stack */
	assert_string_equal(fa[37], fb[37]);				/* exit_signal 17 */
	assert_int_equal(mmsim_process_brk_range(m, "db", &start_brk, &brk), 0);
	assert_int_equal(strtoull(fa[46], NULL, 10), start_brk);
	assert_true(strtoull(fa[44], NULL, 10) < strtoull(fa[45], NULL, 10));	/* data */
	free(ours);
	free(ref);
	free(status);
}

static void limits_are_linux_s_table_with_init_rlimits(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	char *ours, *ref, *status, *meminfo, want[128];
	struct ph_lines a, b;
	unsigned long half;

	*state = m;
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	ours = ph_read(m, "/proc/db/limits");
	status = ph_read(m, "/proc/db/status");
	PH_REFERENCE(ref, "proc-self-limits.txt");
	a = ph_split(ours);
	b = ph_split(ref);
	assert_int_equal(a.nr, 17);
	assert_int_equal(a.nr, b.nr);
	for (size_t i = 0; i < a.nr; i++) {
		assert_memory_equal(a.line[i], b.line[i], 26);		/* %-25s name */
		assert_int_equal(strlen(a.line[i]), strlen(b.line[i]));
		assert_string_equal(a.line[i] + 68, b.line[i] + 68);	/* unit */
	}
	assert_string_equal(a.line[0], b.line[0]);
	assert_non_null(strstr(ours, "Max stack size            8388608              unlimited "));
	assert_non_null(strstr(ours, "Max open files            1024                 4096 "));
	assert_non_null(strstr(ours, "Max locked memory         8388608              8388608 "));
	assert_non_null(strstr(ours, "Max core file size        0                    unlimited "));
	/* fork_init: max_threads = RAM / (8 * THREAD_SIZE); NPROC, SIGPENDING half */
	meminfo = ph_read(m, "/proc/meminfo");
	half = (unsigned long)ph_kv(meminfo, "MemTotal") * 1024 / (8 * 16384) / 2;
	free(meminfo);
	snprintf(want, sizeof(want), "Max pending signals       %-20lu %-20lu signals", half,
		 half);
	assert_non_null(strstr(ours, want));
	snprintf(want, sizeof(want), "\nSigQ:\t0/%lu\n", half);
	assert_non_null(strstr(status, want));
	ph_free_lines(&a);
	ph_free_lines(&b);
	free(ours);
	free(ref);
	free(status);
}

static void oom_score_adj_takes_minus_1000_to_1000_and_rejects_the_rest(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	char *text;

	*state = m;
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	text = ph_read(m, "/proc/db/oom_score_adj");
	assert_string_equal(text, "0\n");
	free(text);
	assert_int_equal(mmsim_write(m, "/proc/db/oom_score_adj", "-1000"), 0);
	assert_int_equal(mmsim_write(m, "/proc/db/oom_score_adj", "1001"), -EINVAL);
	assert_int_equal(mmsim_write(m, "/proc/db/oom_score_adj", "-1001"), -EINVAL);
	assert_int_equal(mmsim_write(m, "/proc/db/oom_score_adj", "12abc"), -EINVAL);
	assert_int_equal(mmsim_write(m, "/proc/db/oom_score_adj", ""), -EINVAL);
	text = ph_read(m, "/proc/1/oom_score_adj");
	assert_string_equal(text, "-1000\n");		/* the refused writes changed nothing */
	free(text);
	assert_int_equal(mmsim_write(m, "/proc/1/oom_score_adj", " 0x3e8 "), 0);	/* base 0 */
	text = ph_read(m, "/proc/db/oom_score_adj");
	assert_string_equal(text, "1000\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(status_has_linux_s_keys_in_order_and_line_shapes, teardown),
		cmocka_unit_test_teardown(vm_lines_follow_the_mm_and_vmpeak_keeps_the_high_water_mark,
					  teardown),
		cmocka_unit_test_teardown(cpus_and_mems_allowed_are_the_machine_s, teardown),
		cmocka_unit_test_teardown(stat_has_linux_s_52_fields_with_the_mm_s_addresses,
					  teardown),
		cmocka_unit_test_teardown(limits_are_linux_s_table_with_init_rlimits, teardown),
		cmocka_unit_test_teardown(oom_score_adj_takes_minus_1000_to_1000_and_rejects_the_rest,
					  teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
