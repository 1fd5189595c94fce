// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory-access verbs and the verify switch:
 *
 *   NAME: read  VAR[START:END] [seq|rand=N|stride=S|zipf=THETA:N] [repeat=K] [seed=S]
 *   NAME: write VAR[START:END] [PATTERN] [repeat=K] [seed=S] [data=zero|random|text|pattern]
 *   verify [on|off]
 *
 * Each access is a user load or store through the CPU's TLB and the
 * page tables; faults go to the page-fault handler
 * (mmsim_process_access_pattern, kernel/access.c).  One summary line each:
 *
 *   a: write buf[0:64M] 0x7fffeffff000-0x7ffff3fff000: 16384 pages, 16384 minor faults
 *   a: read buf rand=1000 seed=7 0x...-0x...: 1000 accesses, 973 pages, 973 minor faults
 *
 * (the access count is shown for every pattern but a single seq pass),
 * ending ", SIGSEGV at ADDR (killed)" or ", SIGBUS at ADDR (killed)" when
 * the process died of a bad access, ", stopped at ADDR: = -1 ENOMEM (...)"
 * when a fault could not be served, ", verify failed at ADDR (N pages,
 * see dmesg): = -1 EBADMSG (Bad message)" when a read found bytes the
 * process did not write.  `last` is 0, EFAULT, ENXIO, ENOMEM, EIO or
 * EBADMSG.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

#define PATTERNS "seq, rand=N, stride=SIZE, zipf=THETA:N"

static const char *const fill_names[] = { "none", "zero", "random", "text", "pattern" };

/* One option word into @spec; CMD_OK or a reported CMD_ERROR. */
static enum cmd_result parse_option(struct script *s, const char *verb, const char *w,
				    struct mmsim_access_spec *spec, int *patterns)
{
	const char *v = strchr(w, '=');
	size_t klen = v ? (size_t)(v - w) : strlen(w);
	char *end;

	v = v ? v + 1 : "";
#define KEY(k) (klen == sizeof(k) - 1 && !strncmp(w, k, klen))
	if (!strcmp(w, "seq") || !strcmp(w, "pattern=seq")) {
		spec->pattern = MMSIM_ACCESS_SEQ;
		++*patterns;
	} else if (KEY("rand")) {
		if (!parse_u64(v, &spec->count) || !spec->count)
			goto bad;
		spec->pattern = MMSIM_ACCESS_RAND;
		++*patterns;
	} else if (KEY("stride")) {
		if (!parse_size(v, &spec->stride) || !spec->stride)
			goto bad;
		spec->pattern = MMSIM_ACCESS_STRIDE;
		++*patterns;
	} else if (KEY("zipf")) {
		spec->theta = strtod(v, &end);
		if (end == v || *end != ':' || !(spec->theta >= 0 && spec->theta <= 100) ||
		    !parse_u64(end + 1, &spec->count) || !spec->count)
			goto bad;
		spec->pattern = MMSIM_ACCESS_ZIPF;
		++*patterns;
	} else if (KEY("repeat")) {
		if (!parse_u64(v, &spec->repeat) || !spec->repeat)
			goto bad;
	} else if (KEY("seed")) {
		if (!parse_u64(v, &spec->seed))
			goto bad;
		spec->has_seed = 1;
	} else if (KEY("data") && !strcmp(verb, "write")) {
		for (spec->data = MMSIM_FILL_ZERO; spec->data <= MMSIM_FILL_PATTERN; spec->data++)
			if (!strcmp(v, fill_names[spec->data]))
				return CMD_OK;
		goto bad;
	} else if (KEY("data")) {
		return script_error(s, "%s: read: data= goes with write only (expected " PATTERNS
				    ", repeat=K or seed=S)", s->actor);
	} else {
		return script_error(s, "%s: %s: unknown option \"%s\" (expected " PATTERNS
				    ", repeat=K, seed=S%s)", s->actor, verb, w,
				    strcmp(verb, "write") ? "" :
				    " or data=zero|random|text|pattern");
	}
	return CMD_OK;
bad:
	return script_error(s, "%s: %s: bad value in \"%s\" (expected %s)", s->actor, verb, w,
			    KEY("rand") ? "rand=N with N >= 1" :
			    KEY("stride") ? "stride=SIZE of at least 1 byte, such as 64 or 64K" :
			    KEY("zipf") ? "zipf=THETA:N, THETA from 0 to 100 and N >= 1, such as zipf=0.99:100000" :
			    KEY("repeat") ? "repeat=K with K >= 1" :
			    KEY("seed") ? "seed=S, an unsigned integer" :
			    "data=zero, data=random, data=text or data=pattern");
#undef KEY
}

/* The options after the range; CMD_OK or a reported CMD_ERROR. */
static enum cmd_result parse_spec(struct script *s, const char *verb, int argc,
				  struct word *argv, struct mmsim_access_spec *spec)
{
	int patterns = 0;

	memset(spec, 0, sizeof(*spec));
	for (int i = 2; i < argc; i++) {
		if (argv[i].op)
			return script_error(s, "%s: %s: unexpected \"%s\" (expected " PATTERNS
					    ", repeat=K, seed=S)", s->actor, verb, argv[i].text);
		if (parse_option(s, verb, argv[i].text, spec, &patterns) != CMD_OK)
			return CMD_ERROR;
	}
	if (patterns > 1)
		return script_error(s, "%s: %s: more than one pattern (expected one of "
				    PATTERNS ")", s->actor, verb);
	if (spec->has_seed && spec->pattern != MMSIM_ACCESS_RAND &&
	    spec->pattern != MMSIM_ACCESS_ZIPF && spec->data != MMSIM_FILL_RANDOM &&
	    spec->data != MMSIM_FILL_TEXT)
		return script_error(s, "%s: %s: seed= has nothing to seed (expected rand=, zipf=,"
				    " data=random or data=text with it)", s->actor, verb);
	return CMD_OK;
}

/* The end of the summary line for a failed walk; sets `last`. */
static void print_failure(struct script *s, int ret, const struct mmsim_access_result *r)
{
	unsigned long long at = (unsigned long long)r->fault_addr;

	if (ret == -EFAULT || ret == -ENXIO) {
		printf(", %s at %#llx (killed)\n", ret == -EFAULT ? "SIGSEGV" : "SIGBUS", at);
		s->have_last = true;
		s->last_err = ret;
		return;
	}
	if (ret == -EBADMSG)
		printf(", verify failed at %#llx (%llu page%s, see dmesg):", at,
		       (unsigned long long)r->verify_errors, r->verify_errors == 1 ? "" : "s");
	else if (ret != -ESRCH)
		printf(", stopped at %#llx:", at);
	process_print_result(s, ret, "0");
}

static enum cmd_result do_access(struct script *s, int argc, struct word *argv, int write)
{
	const char *verb = write ? "write" : "read";
	struct mmsim_access_spec spec;
	struct mmsim_access_result r;
	uint64_t addr, len;
	int ret;

	if (argc < 2 || argv[1].op)
		return script_error(s, "%s: %s: missing range (expected NAME: %s VAR[START:END]"
				    " [PATTERN] [repeat=K] [seed=S]%s)", s->actor, verb, verb,
				    write ? " [data=KIND]" : "");
	if (parse_spec(s, verb, argc, argv, &spec) != CMD_OK)
		return CMD_ERROR;
	if (process_parse_range(s, verb, argv[1].text, &addr, &len) != CMD_OK)
		return CMD_ERROR;
	ret = mmsim_process_access_pattern(s->m, s->actor, addr, len, write, &spec, &r);
	printf("%s: %s %s %#llx-%#llx: ", s->actor, verb, argv[1].text,
	       (unsigned long long)addr, (unsigned long long)(addr + len));
	if (spec.pattern != MMSIM_ACCESS_SEQ || spec.repeat > 1)
		printf("%llu accesses, ", (unsigned long long)r.accesses);
	printf("%llu pages, %llu minor faults", (unsigned long long)r.pages,
	       (unsigned long long)r.min_flt);
	if (ret) {
		print_failure(s, ret, &r);
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

#define PATTERN_HELP \
	"PATTERN is seq (the default: every page once, in address order),\n" \
	"rand=N (N pages drawn uniformly), stride=SIZE (every SIZE bytes from\n" \
	"the start) or zipf=THETA:N (N pages, page i drawn with weight\n" \
	"1/(i+1)^THETA: the first page is the hottest).  repeat=K runs the\n" \
	"whole pattern K times (rand and zipf replay the same draws).  seed=S\n" \
	"seeds rand, zipf and data=random|text; without it they take one draw\n" \
	"of the machine's PRNG.  Every access goes through the CPU's TLB (see\n" \
	"/sys/kernel/debug/mmsim/tlb); a miss walks the page tables.\n"

const struct command access_verbs[] = {
	{ "read", cmd_read, true, "read VAR[START:END] [PATTERN] [repeat=K] [seed=S]",
	  "load from a range of memory in a pattern",
	  "Loads from VAR (or bytes START to END of it) in PATTERN's order.\n"
	  "A page never touched faults and maps the shared zero page (no memory\n"
	  "used, RSS unchanged); a PROT_NONE or unmapped address is SIGSEGV, a\n"
	  "SIGBUS where Linux sends one: the process is killed and dmesg says\n"
	  "why.  Prints the range, the accesses (but for one seq pass), the\n"
	  "distinct pages touched and the minor faults taken (minflt in\n"
	  "/proc/PID/stat).  With verify on, each page read must hold what the\n"
	  "process last wrote there (zeros if never written); a mismatch is\n"
	  "logged (dmesg \"mmsim verify:\") and `last` is EBADMSG.\n"
	  PATTERN_HELP
	  "\n"
	  "  a: read buf\n"
	  "  a: read buf[0:64M] rand=100000 seed=7\n"
	  "  a: read buf zipf=0.99:100000 repeat=2\n" },
	{ "write", cmd_write, true,
	  "write VAR[START:END] [PATTERN] [repeat=K] [seed=S] [data=zero|random|text|pattern]",
	  "store to a range of memory in a pattern",
	  "Stores to VAR (or bytes START to END of it) in PATTERN's order.  A\n"
	  "page never touched faults and gets a new zeroed page (RssAnon,\n"
	  "AnonPages and the page tables grow); a page mapping the zero page or\n"
	  "shared after fork is copied on this write.  A read-only mapping is\n"
	  "SIGSEGV (the process is killed).  Without data=, a store writes back\n"
	  "the byte it finds (contents unchanged, as cheap as a first touch\n"
	  "gets); data= writes each page's 4096 bytes: zero, random (seeded:\n"
	  "the same seed and address give the same bytes), text (the\n"
	  "simulated disk's data=text from a seeded position) or pattern\n"
	  "(16-byte records: the page's address and a write generation, little\n"
	  "endian).  Prints as read does.\n"
	  PATTERN_HELP
	  "\n"
	  "  a: mmap buf 64M\n"
	  "  a: write buf\n"
	  "  a: write buf[0:1M] data=random seed=3\n" },
	{ NULL },
};

static enum cmd_result cmd_verify(struct script *s, int argc, struct word *argv)
{
	if (argc > 2 || (argc == 2 && strcmp(argv[1].text, "on") && strcmp(argv[1].text, "off")))
		return script_error(s, "verify: bad argument (expected verify, verify on or"
				    " verify off)");
	if (argc == 2)
		mmsim_set_verify(s->m, !strcmp(argv[1].text, "on"));
	printf("verify: %s, %llu pages recorded, %llu errors\n",
	       mmsim_get_verify(s->m) ? "on" : "off",
	       (unsigned long long)mmsim_verify_pages(s->m),
	       (unsigned long long)mmsim_verify_errors(s->m));
	return CMD_OK;
}

const struct command access_commands[] = {
	{ "verify", cmd_verify, true, "verify [on|off]",
	  "check every read of process memory against what was written",
	  "With verify on, every read verb compares each page it loads with\n"
	  "what its process last wrote there with data= (zeros if never\n"
	  "written): fork copies that record, mremap moves it, munmap and\n"
	  "madvise DONTNEED drop it, MADV_FREE accepts zeros or the old data.\n"
	  "A mismatch logs the first differing byte (\"mmsim verify: a[1]: page\n"
	  "0x7f0000000000 byte 12: expected 0x41, found 0x00\") and the read's\n"
	  "`last` is EBADMSG.  The record is\n"
	  "kept even while off.  Prints the state, the pages recorded and the\n"
	  "errors so far.  The boot parameter mmsim.verify=1 starts with it on.\n"
	  "\n"
	  "  verify on\n"
	  "  a: read buf\n"
	  "  expect last == 0\n" },
	{ NULL },
};
