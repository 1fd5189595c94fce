// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/params.c: each boot parameter mmsim models, the one-line errors
 * for values it cannot boot with, sysctl.* collection, the mmsim.*
 * namespace, and init/main.c's collection and report of unknown
 * parameters.  Runs on a zeroed struct machine: parsing needs no boot.
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
#include "linux/machine.h"
#include "linux/params.h"
#include "linux/printk.h"
#include "linux/seq_file.h"

static struct machine *m;
static char err[256];

static int setup(void **state)
{
	m = calloc(1, sizeof(*m));
	m->bp.seed = 77;	/* what mmsim_boot puts there before parsing */
	err[0] = '\0';
	return m ? 0 : -1;
}

static int teardown(void **state)
{
	printk_release(&m->log);
	free(m);
	return 0;
}

static void parse_ok(const char *cmdline)
{
	int ret = parse_boot_cmdline(m, cmdline, err, sizeof(err));

	if (ret)
		fail_msg("'%s' failed: %d %s", cmdline, ret, err);
}

/* Parse @cmdline expecting -EINVAL with exactly @msg as the reason. */
static void parse_fails(const char *cmdline, const char *msg)
{
	assert_int_equal(parse_boot_cmdline(m, cmdline, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, msg);
}

/* The whole kernel log, as dmesg shows it (malloc'd). */
static char *dmesg(void)
{
	struct seq_file sf;

	seq_init(&sf, m);
	printk_show(m, &sf);
	return sf.buf;
}

static void empty_line_gives_mmsim_defaults(void **state)
{
	m->bp.nr_cpus = 99;
	m->bp.thp = THP_NEVER;
	parse_ok("");
	assert_true(m->bp.mem_bytes == 2ULL << 30);
	assert_int_equal(m->bp.nr_cpus, 2);
	assert_int_equal(m->bp.numa_fake, 0);
	assert_int_equal(m->bp.thp, THP_MADVISE);
	assert_true(m->bp.movablecore == 0 && m->bp.movablecore_pct == 0);
	assert_true(m->bp.kernelcore == 0 && m->bp.kernelcore_pct == 0);
	assert_int_equal(m->bp.seed, 77);	/* the caller's seed stays */
	assert_string_equal(m->bp.unknown, "");
	assert_string_equal(m->boot_sysctls, "");
	assert_string_equal(m->cmdline, "");
}

static void cmdline_is_kept_verbatim(void **state)
{
	const char *line = "  mem=4G   quiet \"foo=a b\" -- init args";

	parse_ok(line);
	assert_string_equal(m->cmdline, line);
}

static void mem_sets_installed_ram(void **state)
{
	parse_ok("mem=8G");
	assert_true(m->bp.mem_bytes == 8ULL << 30);
	parse_ok("mem=0x80000000");
	assert_true(m->bp.mem_bytes == 2ULL << 30);
	parse_ok("mem=52M");			/* the least that holds the kernel image */
	assert_true(m->bp.mem_bytes == 52ULL << 20);
	parse_ok("mem=64T");
	assert_true(m->bp.mem_bytes == 64ULL << 40);
	parse_ok("mem=1G mem=3G");		/* the last one wins */
	assert_true(m->bp.mem_bytes == 3ULL << 30);
}

static void mem_rejects_what_is_not_a_size(void **state)
{
	parse_fails("mem=abc", "mem=abc: not a size (expected a size such as 512M or 8G)");
	parse_fails("mem=12Q", "mem=12Q: not a size (expected a size such as 512M or 8G)");
	parse_fails("mem=1.5G", "mem=1.5G: not a size (expected a size such as 512M or 8G)");
	parse_fails("mem=", "mem=: not a size (expected a size such as 512M or 8G)");
	parse_fails("mem", "mem: missing value (expected a size such as 512M or 8G)");
	parse_fails("mem=16M", "mem=16M: too small for the kernel image (expected at least 52M)");
	parse_fails("mem=53247K", "mem=53247K: too small for the kernel image (expected at least 52M)");
	parse_fails("mem=0", "mem=0: too small for the kernel image (expected at least 52M)");
	parse_fails("mem=65T", "mem=65T: too large (expected at most 64T)");
	parse_fails("mem=99E", "mem=99E: too large (expected at most 64T)");
}

static void nr_cpus_and_maxcpus_set_the_cpu_count(void **state)
{
	parse_ok("nr_cpus=4");
	assert_int_equal(m->bp.nr_cpus, 4);
	parse_ok("maxcpus=3");
	assert_int_equal(m->bp.nr_cpus, 3);
	parse_ok("nr_cpus=8 maxcpus=4");		/* maxcpus limits what comes up */
	assert_int_equal(m->bp.nr_cpus, 4);
	parse_ok("maxcpus=16 nr_cpus=8");
	assert_int_equal(m->bp.nr_cpus, 8);
	parse_ok("maxcpus=0");				/* no SMP: the boot CPU only */
	assert_int_equal(m->bp.nr_cpus, 1);
	parse_ok("nr_cpus=4 nosmp");
	assert_int_equal(m->bp.nr_cpus, 1);
	parse_ok("nr_cpus=256");
	assert_int_equal(m->bp.nr_cpus, 256);
}

static void nr_cpus_rejects_bad_counts(void **state)
{
	parse_fails("nr_cpus=0", "nr_cpus=0: not a CPU count (expected 1 to 256)");
	parse_fails("nr_cpus=257", "nr_cpus=257: not a CPU count (expected 1 to 256)");
	parse_fails("nr_cpus=4x", "nr_cpus=4x: not a CPU count (expected 1 to 256)");
	parse_fails("nr_cpus=-1", "nr_cpus=-1: not a CPU count (expected 1 to 256)");
	parse_fails("nr_cpus", "nr_cpus=: not a CPU count (expected 1 to 256)");
	parse_fails("maxcpus=300", "maxcpus=300: not a CPU count (expected 0 to 256)");
}

static void numa_fake_sets_the_node_count(void **state)
{
	parse_ok("numa=fake=2");
	assert_int_equal(m->bp.numa_fake, 2);
	parse_ok("numa=fake=64");
	assert_int_equal(m->bp.numa_fake, 64);
	parse_ok("numa=off");
	assert_int_equal(m->bp.numa_fake, 0);
	parse_ok("numa=off numa=fake=4");	/* emulation still runs, as on Linux */
	assert_int_equal(m->bp.numa_fake, 4);
	parse_ok("numa=noacpi");
	assert_int_equal(m->bp.numa_fake, 0);
}

static void numa_rejects_what_is_not_modelled(void **state)
{
	const char *tail = " sizes and the U suffix are not modelled)";
	char want[160];

	snprintf(want, sizeof(want), "numa=fake=0: not a node count (expected fake=1 to fake=64;%s",
		 tail);
	parse_fails("numa=fake=0", want);
	snprintf(want, sizeof(want), "numa=fake=65: not a node count (expected fake=1 to fake=64;%s",
		 tail);
	parse_fails("numa=fake=65", want);
	snprintf(want, sizeof(want), "numa=fake=512M: not a node count (expected fake=1 to fake=64;%s",
		 tail);
	parse_fails("numa=fake=512M", want);
	parse_fails("numa=on", "numa=on: not understood (expected numa=fake=N or numa=off)");
	parse_fails("numa", "numa: missing value (expected numa=fake=N or numa=off)");
}

static void movablecore_and_kernelcore_take_a_size_or_percent(void **state)
{
	parse_ok("movablecore=2G");
	assert_true(m->bp.movablecore == 2ULL << 30);
	assert_int_equal(m->bp.movablecore_pct, 0);
	parse_ok("movablecore=25%");
	assert_int_equal(m->bp.movablecore_pct, 25);
	assert_true(m->bp.movablecore == 0);
	parse_ok("movablecore=10% movablecore=512M");	/* the last one wins */
	assert_int_equal(m->bp.movablecore_pct, 0);
	assert_true(m->bp.movablecore == 512ULL << 20);
	parse_ok("kernelcore=1G");
	assert_true(m->bp.kernelcore == 1ULL << 30);
	parse_ok("kernelcore=100%");
	assert_int_equal(m->bp.kernelcore_pct, 100);
}

static void movablecore_and_kernelcore_reject_bad_values(void **state)
{
	parse_fails("movablecore=abc", "movablecore=abc: not a size"
		    " (expected a size such as 1G, or a percentage such as 25%)");
	parse_fails("movablecore=101%", "movablecore=101%: not a percentage"
		    " (expected 0% to 100%)");
	parse_fails("kernelcore=x%", "kernelcore=x%: not a percentage (expected 0% to 100%)");
	parse_fails("kernelcore=mirror", "kernelcore=mirror: mirrored memory is not modelled"
		    " (expected a size such as 1G, or a percentage such as 25%)");
}

static void transparent_hugepage_takes_the_three_modes(void **state)
{
	parse_ok("transparent_hugepage=always");
	assert_int_equal(m->bp.thp, THP_ALWAYS);
	parse_ok("transparent_hugepage=never");
	assert_int_equal(m->bp.thp, THP_NEVER);
	parse_ok("transparent_hugepage=madvise");
	assert_int_equal(m->bp.thp, THP_MADVISE);
	parse_fails("transparent_hugepage=sometimes", "transparent_hugepage=sometimes: not a THP"
		    " mode (expected always, madvise or never)");
	parse_fails("transparent_hugepage", "transparent_hugepage=: not a THP"
		    " mode (expected always, madvise or never)");
}

static void sysctl_parameters_are_collected_for_later(void **state)
{
	parse_ok("sysctl.vm.swappiness=100 quiet sysctl/vm/min_free_kbytes=1234 "
		 "sysctl.vm.lowmem_reserve_ratio=\"1 2 3 4 5\" sysctl.kernel.panic=1");
	assert_string_equal(m->boot_sysctls, "vm.swappiness=100 vm.min_free_kbytes=1234 "
			    "vm.lowmem_reserve_ratio=1\t2\t3\t4\t5 kernel.panic=1");
	assert_string_equal(m->bp.unknown, "");	/* sysctl.* is never "unknown" */
	parse_fails("sysctl.vm.swappiness", "sysctl.vm.swappiness: missing value"
		    " (expected sysctl.vm.NAME=VALUE)");
	parse_fails("sysctl.vm.swappiness=", "sysctl.vm.swappiness: missing value"
		    " (expected sysctl.vm.NAME=VALUE)");
	parse_ok("");
	assert_string_equal(m->boot_sysctls, "");	/* reset on every parse */
}

static void mmsim_namespace_has_seed_and_catches_typos(void **state)
{
	parse_ok("mmsim.seed=42");
	assert_int_equal(m->bp.seed, 42);
	parse_ok("mmsim.seed=0x10");
	assert_int_equal(m->bp.seed, 16);
	parse_fails("mmsim.seed=x", "mmsim.seed=x: not a seed (expected an unsigned integer"
		    " such as 42)");
	parse_fails("mmsim.seed=-1", "mmsim.seed=-1: not a seed (expected an unsigned integer"
		    " such as 42)");
	parse_fails("mmsim.sede=1", "mmsim.sede=1: unknown mmsim parameter (mmsim's own"
		    " parameters are: mmsim.seed=N, mmsim.disk_size=SIZE,"
		    " mmsim.tlb=L1_4K,L1_2M,STLB, mmsim.slub_sheaves=0|1, mmsim.la57=0|1,"
		    " mmsim.debug_tlbflush=0|1, mmsim.verify=0|1)");
	parse_fails("mmsim.disk", "mmsim.disk: unknown mmsim parameter (mmsim's own"
		    " parameters are: mmsim.seed=N, mmsim.disk_size=SIZE,"
		    " mmsim.tlb=L1_4K,L1_2M,STLB, mmsim.slub_sheaves=0|1, mmsim.la57=0|1,"
		    " mmsim.debug_tlbflush=0|1, mmsim.verify=0|1)");
}

static void unknown_parameters_are_collected_as_init_main_does(void **state)
{
	/* A real Ubuntu command line: Linux 6.8 reported exactly this. */
	parse_ok("BOOT_IMAGE=/vmlinuz-6.8.0-45-generic root=/dev/mapper/ubuntu--vg-ubuntu--lv ro"
		 " quiet splash radeon.si_support=0 amdgpu.runpm=0 vt.handoff=7");
	assert_string_equal(m->bp.unknown, "splash BOOT_IMAGE=/vmlinuz-6.8.0-45-generic");

	parse_ok("foo=1 bar foo=2 baz=3");	/* a variable set twice keeps its place */
	assert_string_equal(m->bp.unknown, "bar foo=2 baz=3");
	parse_ok("HOME=/root TERM=vt100 x");	/* replace init's own variables */
	assert_string_equal(m->bp.unknown, "x");
	parse_ok("foo=\"a b\" \"c d\"");
	assert_string_equal(m->bp.unknown, "c d foo=a b");
	parse_ok("a b init=/bin/sh c d=1");	/* init= drops the words before it */
	assert_string_equal(m->bp.unknown, "c d=1");
	parse_ok("x -- y z=1");			/* after -- it is init's command line */
	assert_string_equal(m->bp.unknown, "x");
	parse_ok("nr-cpus=4");			/* no hyphen/underscore folding for these */
	assert_string_equal(m->bp.unknown, "nr-cpus=4");
	assert_int_equal(m->bp.nr_cpus, 2);
	parse_ok("zswap.enabled=1 page_alloc.shuffle=1");	/* unused module params */
	assert_string_equal(m->bp.unknown, "");
}

static void too_many_unknown_parameters_fail_like_linux_panics(void **state)
{
	char line[512] = "";
	size_t len = 0;

	for (int i = 1; i <= 32; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "w%d ", i);
	parse_ok(line);				/* argv_init: "init" and 32 more */
	snprintf(line + len, sizeof(line) - len, "w33");
	parse_fails(line, "Too many boot init vars at `w33'");

	len = 0;
	for (int i = 1; i <= 31; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "v%d=1 ", i);
	parse_ok(line);				/* envp_init: HOME, TERM and 31 more */
	snprintf(line + len, sizeof(line) - len, "v32=1");
	parse_fails(line, "Too many boot env vars at `v32=1'");
}

static void memory_reserving_parameters_are_refused(void **state)
{
	parse_fails("hugepages=16", "hugepages=16: not modelled yet (it would reserve memory mmsim"
		    " leaves free; remove it)");
	parse_fails("crashkernel=256M", "crashkernel=256M: not modelled yet (it would reserve"
		    " memory mmsim leaves free; remove it)");
}

static void unmodelled_parameters_are_accepted_and_noted(void **state)
{
	char *log;

	parse_ok("init_on_free=1 quiet page_owner=on console=ttyS0");
	assert_string_equal(m->bp.ignored, "init_on_free=1 page_owner=on");
	assert_string_equal(m->bp.unknown, "");
	print_unknown_bootoptions(m);
	log = dmesg();
	assert_non_null(strstr(log, "] mmsim: kernel command line parameters"
			       " \"init_on_free=1 page_owner=on\" are not modelled, ignored.\n"));
	assert_null(strstr(log, "Unknown kernel command line"));
	free(log);
}

static void unknown_parameters_are_reported_with_linux_message(void **state)
{
	char *log;

	parse_ok("mem=4G splash BOOT_IMAGE=/boot/vmlinuz quiet");
	print_unknown_bootoptions(m);
	log = dmesg();
	assert_string_equal(log, "[    0.000000] Unknown kernel command line parameters"
			    " \"splash BOOT_IMAGE=/boot/vmlinuz\", will be passed to user space.\n");
	assert_int_equal(m->log.recs[m->log.first].level, LOGLEVEL_NOTICE);
	free(log);
}

static void known_parameters_print_nothing(void **state)
{
	parse_ok("mem=2G console=ttyS0 quiet loglevel=3 root=/dev/vda ro panic=1 rw");
	print_unknown_bootoptions(m);
	assert_int_equal(m->log.nr, 0);
}

static void overlong_command_line_is_refused(void **state)
{
	char *line = malloc(COMMAND_LINE_SIZE + 1);

	memset(line, 'a', COMMAND_LINE_SIZE);
	line[COMMAND_LINE_SIZE] = '\0';
	parse_fails(line, "command line too long (at most 2047 characters)");
	line[COMMAND_LINE_SIZE - 1] = '\0';	/* 2047 characters: fits */
	parse_ok(line);
	assert_int_equal(strlen(m->bp.unknown), COMMAND_LINE_SIZE - 1);
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(empty_line_gives_mmsim_defaults),
		T(cmdline_is_kept_verbatim),
		T(mem_sets_installed_ram),
		T(mem_rejects_what_is_not_a_size),
		T(nr_cpus_and_maxcpus_set_the_cpu_count),
		T(nr_cpus_rejects_bad_counts),
		T(numa_fake_sets_the_node_count),
		T(numa_rejects_what_is_not_modelled),
		T(movablecore_and_kernelcore_take_a_size_or_percent),
		T(movablecore_and_kernelcore_reject_bad_values),
		T(transparent_hugepage_takes_the_three_modes),
		T(sysctl_parameters_are_collected_for_later),
		T(mmsim_namespace_has_seed_and_catches_typos),
		T(unknown_parameters_are_collected_as_init_main_does),
		T(too_many_unknown_parameters_fail_like_linux_panics),
		T(memory_reserving_parameters_are_refused),
		T(unmodelled_parameters_are_accepted_and_noted),
		T(unknown_parameters_are_reported_with_linux_message),
		T(known_parameters_print_nothing),
		T(overlong_command_line_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
