// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory-access verbs: `NAME: read VAR[START:END]` and `NAME: write
 * VAR[START:END]` touch every page of the range once, in address order
 * (the "seq" pattern; others come later), as user loads or stores
 * through the software MMU; faults go to the page-fault handler
 * (mmsim_process_access, kernel/access.c).  One summary line each:
 *
 *   a: write buf[0:64M] 0x7fffeffff000-0x7ffff3fff000: 16384 pages, 16384 minor faults
 *
 * ending ", SIGSEGV at ADDR (killed)" when the process died of a bad
 * access, or ", stopped at ADDR: -1 ENOMEM (...)" when the fault could not
 * be served.  `last` is 0, EFAULT, ENOMEM or EIO.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

static enum cmd_result do_access(struct script *s, int argc, struct word *argv, int write)
{
	const char *verb = write ? "write" : "read";
	struct mmsim_access_result r;
	uint64_t addr, len;
	int ret;

	if (argc < 2 || argc > 3 || argv[1].op || (argc == 3 && argv[2].op))
		return script_error(s, "%s: %s: %s (expected NAME: %s VAR[START:END] [seq])",
				    s->actor, verb, argc < 2 ? "missing range" : "too many arguments",
				    verb);
	if (argc == 3 && strcmp(argv[2].text, "seq") && strcmp(argv[2].text, "pattern=seq"))
		return script_error(s, "%s: %s: unknown pattern \"%s\" (expected seq)", s->actor,
				    verb, argv[2].text);
	if (process_parse_range(s, verb, argv[1].text, &addr, &len) != CMD_OK)
		return CMD_ERROR;
	ret = mmsim_process_access(s->m, s->actor, addr, len, write, &r);
	printf("%s: %s %s %#llx-%#llx: %llu pages, %llu minor faults", s->actor, verb,
	       argv[1].text, (unsigned long long)addr, (unsigned long long)(addr + len),
	       (unsigned long long)r.pages, (unsigned long long)r.min_flt);
	if (ret == -EFAULT) {
		printf(", SIGSEGV at %#llx (killed)\n", (unsigned long long)r.fault_addr);
		s->have_last = true;
		s->last_err = ret;
		return CMD_OK;
	}
	if (ret && ret != -ESRCH)
		printf(", stopped at %#llx:", (unsigned long long)r.fault_addr);
	if (ret) {
		process_print_result(s, ret, "0");
		return CMD_OK;
	}
	printf("\n");
	s->have_last = true;
	s->last_err = 0;
	return CMD_OK;
}

static enum cmd_result cmd_read(struct script *s, int argc, struct word *argv)
{
	return do_access(s, argc, argv, 0);
}

static enum cmd_result cmd_write(struct script *s, int argc, struct word *argv)
{
	return do_access(s, argc, argv, 1);
}

const struct command access_verbs[] = {
	{ "read", cmd_read, true, "read VAR[START:END] [seq]",
	  "touch every page of a range with a load",
	  "Loads one byte of every page of VAR (or of bytes START to END of\n"
	  "it) once, in address order, through the MMU.  A page never touched\n"
	  "faults and maps the shared zero page (no memory used, RSS unchanged);\n"
	  "a PROT_NONE or unmapped address is SIGSEGV: the process is killed\n"
	  "and dmesg shows the \"segfault at\" line.  Prints the range, the pages\n"
	  "touched and the minor faults taken (minflt in /proc/PID/stat).\n"
	  "\n"
	  "  a: read buf\n"
	  "  a: read buf[0:1M]\n" },
	{ "write", cmd_write, true, "write VAR[START:END] [seq]",
	  "touch every page of a range with a store",
	  "Stores one byte to every page of VAR (or of bytes START to END of\n"
	  "it) once, in address order.  A page never touched faults and gets a\n"
	  "new zeroed page (RssAnon, AnonPages and the page tables grow); a page\n"
	  "mapping the zero page is copied on this write.  A read-only mapping\n"
	  "is SIGSEGV (the process is killed).  Prints as read does.\n"
	  "\n"
	  "  a: mmap buf 64M\n"
	  "  a: write buf\n" },
	{ NULL },
};
