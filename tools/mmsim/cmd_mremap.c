// SPDX-License-Identifier: GPL-2.0-only
/*
 * mremap and resource limits in the language: `NAME: mremap VAR NEWSIZE
 * [maymove] [fixed=ADDR] [dontunmap] [as NEWVAR]` and `NAME: prlimit
 * RESOURCE [SOFT [HARD]]`, printed as strace prints mremap(2) and
 * prlimit64(2), with the result or -1 ERRNO (text); the script goes on
 * and `expect last` tests the result.
 *
 * Which name a remapped range gets: with `as NEWVAR`, NEWVAR names the
 * new range and VAR keeps the old one (what DONTUNMAP leaves there, or
 * nothing once moved); without it VAR names the new range.  DONTUNMAP
 * needs `as NEWVAR` (VAR keeps naming the old range, still mapped).
 * Caller: script.c through mremap_verbs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mmsim.h"
#include "script.h"

/* Linux's uapi values (include/uapi/linux/mman.h, asm-generic/resource.h). */
#define MREMAP_MAYMOVE_		1
#define MREMAP_FIXED_		2
#define MREMAP_DONTUNMAP_	4
#define RLIM_NLIMITS_		16
#define RLIM_INFINITY_		UINT64_MAX

#define MREMAP_USAGE "NAME: mremap VAR[START:END] NEWSIZE [maymove] [fixed=ADDR] [dontunmap] [as NEWVAR]"
#define PRLIMIT_USAGE "NAME: prlimit RESOURCE [SOFT [HARD]]"

/* What mremap's words ask for. */
struct mremap_args {
	uint64_t addr, old_len;	/* the range VAR[START:END] names */
	uint64_t new_len;	/* NEWSIZE */
	unsigned int flags;	/* MREMAP_* */
	uint64_t new_addr;	/* fixed=ADDR */
	const char *as;		/* as NEWVAR, or NULL */
};

/* Name @name for @proc: a new proc_var, or the existing one updated. */
static void set_var(struct script *s, const char *name, uint64_t addr, uint64_t len)
{
	struct proc_var *v = process_find_var(s, s->actor, name, strlen(name));

	if (!v) {
		v = calloc(1, sizeof(*v));
		if (!v)
			abort();
		v->proc = strdup(s->actor);
		v->name = strdup(name);
		v->next = s->vars;
		s->vars = v;
	}
	v->addr = addr;
	v->len = len;
}

/* The options after VAR NEWSIZE. */
static enum cmd_result mremap_options(struct script *s, int argc, struct word *argv,
				      struct mremap_args *ma)
{
	for (int i = 3; i < argc; i++) {
		const char *t = argv[i].text;

		if (argv[i].op)
			return script_error(s, "%s: mremap: unexpected \"%s\" (expected " MREMAP_USAGE ")",
					    s->actor, t);
		if (!strcmp(t, "maymove")) {
			ma->flags |= MREMAP_MAYMOVE_;
		} else if (!strcmp(t, "dontunmap")) {
			ma->flags |= MREMAP_DONTUNMAP_;
		} else if (!strncmp(t, "fixed=", 6)) {
			if (!parse_u64(t + 6, &ma->new_addr))
				return script_error(s, "%s: mremap: bad address in \"%s\" (expected an address such as 0x7f0000000000)",
						    s->actor, t);
			ma->flags |= MREMAP_FIXED_;
		} else if (!strcmp(t, "as") && i + 1 < argc && !argv[i + 1].op) {
			ma->as = argv[++i].text;
			if (strpbrk(ma->as, "[]:") ||
			    process_find_var(s, s->actor, ma->as, strlen(ma->as)))
				return script_error(s, "%s: mremap: \"%s\" is %s (expected as NEWVAR, a new name without [ ] :)",
						    s->actor, ma->as, strpbrk(ma->as, "[]:") ?
						    "not a name" : "already mapped");
		} else {
			return script_error(s, "%s: mremap: unknown option \"%s\" (expected " MREMAP_USAGE ")",
					    s->actor, t);
		}
	}
	if ((ma->flags & MREMAP_DONTUNMAP_) && !ma->as)
		return script_error(s, "%s: mremap: dontunmap keeps %s on the old range (expected as NEWVAR to name the new one)",
				    s->actor, argv[1].text);
	return CMD_OK;
}

/* strace's spelling of mremap flags. */
static void print_mremap_flags(unsigned int flags)
{
	static const char *const names[] = { "MREMAP_MAYMOVE", "MREMAP_FIXED", "MREMAP_DONTUNMAP" };
	bool first = true;

	if (!flags) {
		printf("0");
		return;
	}
	for (int b = 0; b < 3; b++)
		if (flags & (1u << b)) {
			printf("%s%s", first ? "" : "|", names[b]);
			first = false;
		}
}

static enum cmd_result cmd_mremap(struct script *s, int argc, struct word *argv)
{
	struct mremap_args ma = { 0 };
	uint64_t got = 0;
	char buf[32];
	int ret;

	if (argc < 3 || argv[1].op || argv[2].op)
		return script_error(s, "%s: mremap: missing %s (expected " MREMAP_USAGE ", such as %s: mremap buf 128M maymove)",
				    s->actor, argc < 2 ? "range and size" : "new size", s->actor);
	if (process_parse_range(s, "mremap", argv[1].text, &ma.addr, &ma.old_len) != CMD_OK)
		return CMD_ERROR;
	if (!parse_size(argv[2].text, &ma.new_len))
		return script_error(s, "%s: mremap: \"%s\" is not a size (expected a size such as 4096, 64K or 1G)",
				    s->actor, argv[2].text);
	if (mremap_options(s, argc, argv, &ma) != CMD_OK)
		return CMD_ERROR;
	printf("%s: mremap(%#llx, %llu, %llu, ", s->actor, (unsigned long long)ma.addr,
	       (unsigned long long)ma.old_len, (unsigned long long)ma.new_len);
	print_mremap_flags(ma.flags);
	if (ma.flags & MREMAP_FIXED_)	/* strace shows new_address only then */
		printf(", %#llx", (unsigned long long)ma.new_addr);
	printf(")");
	ret = mmsim_process_mremap(s->m, s->actor, ma.addr, ma.old_len, ma.new_len, ma.flags,
				   ma.new_addr, &got);
	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)got);
	process_print_result(s, ret, buf);
	if (!ret) {
		char *bracket = strchr(argv[1].text, '[');

		if (bracket)		/* VAR[START:END]: VAR names the new range */
			*bracket = '\0';
		set_var(s, ma.as ? ma.as : argv[1].text, got, (ma.new_len + 4095) & ~4095ull);
	}
	return CMD_OK;
}

/* ---- prlimit ---- */

/* The resources by number, as strace names them. */
static const char *const rlimit_names[RLIM_NLIMITS_] = {
	"RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE",
	"RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS",
	"RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE",
	"RLIMIT_RTPRIO", "RLIMIT_RTTIME",
};

/* "as", "AS", "RLIMIT_AS" or a number: the resource, or -1. */
static long parse_resource(const char *t)
{
	uint64_t n;

	for (int i = 0; i < RLIM_NLIMITS_; i++)
		if (!strcasecmp(t, rlimit_names[i]) || !strcasecmp(t, rlimit_names[i] + 7))
			return i;
	if (parse_u64(t, &n) && n <= 0xffffffffu)
		return (long)n;		/* any number: the kernel judges it */
	return -1;
}

/* A limit: a size, or unlimited/infinity (RLIM_INFINITY). */
static bool parse_limit(const char *t, uint64_t *out)
{
	if (!strcmp(t, "unlimited") || !strcmp(t, "infinity") || !strcmp(t, "RLIM_INFINITY") ||
	    !strcmp(t, "RLIM64_INFINITY")) {
		*out = RLIM_INFINITY_;
		return true;
	}
	return parse_size(t, out);
}

/* strace's sprint_rlim64: RLIM64_INFINITY, N*1024 or N. */
static void print_rlim(uint64_t v)
{
	if (v == RLIM_INFINITY_)
		printf("RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		printf("%llu*1024", (unsigned long long)(v / 1024));
	else
		printf("%llu", (unsigned long long)v);
}

static void print_rlimit(const uint64_t *cur_max)
{
	printf("{rlim_cur=");
	print_rlim(cur_max[0]);
	printf(", rlim_max=");
	print_rlim(cur_max[1]);
	printf("}");
}

static void print_resource(unsigned long res)
{
	if (res < RLIM_NLIMITS_)
		printf("%s", rlimit_names[res]);
	else
		printf("%#lx /* RLIMIT_??? */", res);
}

static enum cmd_result cmd_prlimit(struct script *s, int argc, struct word *argv)
{
	uint64_t lim[2], old[2];
	long res;
	int ret;

	if (argc < 2 || argc > 4 || argv[1].op || (argc > 2 && argv[2].op) ||
	    (argc > 3 && argv[3].op))
		return script_error(s, "%s: prlimit: %s (expected " PRLIMIT_USAGE ", such as %s: prlimit as 1G)",
				    s->actor, argc < 2 ? "missing resource" : "bad arguments", s->actor);
	res = parse_resource(argv[1].text);
	if (res < 0)
		return script_error(s, "%s: prlimit: unknown resource \"%s\" (expected as, data, stack, memlock, nofile, core, ... or RLIMIT_AS ...)",
				    s->actor, argv[1].text);
	if (argc == 2) {		/* read: prlimit64(0, RES, NULL, &old) */
		ret = mmsim_process_prlimit(s->m, s->actor, (unsigned int)res, NULL, old);
		printf("%s: prlimit64(0, ", s->actor);
		print_resource((unsigned long)res);
		printf(", NULL, ");
		if (ret)
			printf("...");		/* strace shows the unread buffer's address */
		else
			print_rlimit(old);
		printf(")");
		process_print_result(s, ret, "0");
		return CMD_OK;
	}
	if (!parse_limit(argv[2].text, &lim[0]) || (argc == 4 && !parse_limit(argv[3].text, &lim[1])))
		return script_error(s, "%s: prlimit: bad limit \"%s\" (expected a size such as 4096 or 1G, or unlimited)",
				    s->actor, !parse_limit(argv[2].text, &lim[0]) ? argv[2].text : argv[3].text);
	if (argc == 3) {		/* the hard limit stays: read it first */
		if (mmsim_process_prlimit(s->m, s->actor, (unsigned int)res, NULL, old) == 0)
			lim[1] = old[1];
		else
			lim[1] = lim[0];
	}
	printf("%s: prlimit64(0, ", s->actor);
	print_resource((unsigned long)res);
	printf(", ");
	print_rlimit(lim);
	printf(", NULL)");
	ret = mmsim_process_prlimit(s->m, s->actor, (unsigned int)res, lim, NULL);
	process_print_result(s, ret, "0");
	return CMD_OK;
}

const struct command mremap_verbs[] = {
	{ "mremap", cmd_mremap, true, MREMAP_USAGE + 6,
	  "resize or move a mapping",
	  "mremap(2) of VAR (or bytes START to END of it) to NEWSIZE bytes:\n"
	  "shrinking unmaps the tail; growing extends the VMA in place when\n"
	  "nothing is mapped after it (merging with the next VMA when they\n"
	  "match), else fails with ENOMEM unless maymove (MREMAP_MAYMOVE) lets\n"
	  "it move where mmap would put it.  fixed=ADDR (MREMAP_FIXED, needs\n"
	  "maymove) moves it to ADDR, replacing what is there; dontunmap\n"
	  "(MREMAP_DONTUNMAP, needs maymove and the same size) moves it and\n"
	  "leaves the old VMA mapped.  Accounted growth is charged to\n"
	  "Committed_AS; RLIMIT_AS and RLIMIT_DATA apply.  Printed as strace\n"
	  "prints it.  Afterwards VAR names the new range, or with as NEWVAR\n"
	  "NEWVAR does and VAR keeps the old one (required with dontunmap).\n"
	  "\n"
	  "  db: mremap buf 128M maymove\n"
	  "  db: mremap buf[0:4K] 4K maymove fixed=0x700000000000 as page\n"
	  "  db: mremap buf 64M maymove dontunmap as copy\n"
	  "  expect last == 0\n" },
	{ "prlimit", cmd_prlimit, true, PRLIMIT_USAGE + 6,
	  "read or set a resource limit",
	  "prlimit64(2) on the process itself: RESOURCE is as, data, stack,\n"
	  "memlock, nofile, core, cpu, fsize, rss, nproc, locks, sigpending,\n"
	  "msgqueue, nice, rtprio or rttime (or RLIMIT_AS ...), SOFT and HARD\n"
	  "sizes or unlimited; without HARD the hard limit stays, without\n"
	  "SOFT the limits are read.  EINVAL when SOFT > HARD, EPERM when\n"
	  "raising the hard limit without CAP_SYS_RESOURCE.  RLIMIT_AS and\n"
	  "RLIMIT_DATA then refuse mmap, brk and mremap past them (ENOMEM);\n"
	  "RLIMIT_STACK sets the mmap gap at the next exec.  /proc/NAME/limits\n"
	  "shows them.  Printed as strace prints it.\n"
	  "\n"
	  "  db: prlimit as 1G\n"
	  "  db: prlimit data 64M unlimited\n"
	  "  db: prlimit stack\n" },
	{ NULL },
};
