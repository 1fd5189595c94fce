// SPDX-License-Identifier: GPL-2.0-only
/*
 * Advice and locking verbs of a process (Linux's madvise, mlock, msync
 * and mincore families): `NAME: madvise RANGE ADVICE`, mlock, mlock2,
 * munlock, mlockall, munlockall, msync and mincore, each printed as
 * strace prints the call with its result or -1 ERRNO (text); the script
 * goes on and `expect last` tests the result.  RANGE is VAR,
 * VAR[START:END] or ADDR LEN.  Advice and flags are the man pages' names
 * in lower case without their prefix (dontneed, onfault, current, sync),
 * the full uppercase names (MADV_DONTNEED), or numbers (so that unknown
 * values reach the kernel and get its EINVAL).
 * Caller: script.c through madvise_verbs.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "mmsim.h"
#include "script.h"

/* A name and its value, as strace's xlat tables pair them. */
struct xlat {
	int value;
	const char *name;	/* without the prefix, lower case */
};

/* Linux's MADV_* (include/uapi/asm-generic/mman-common.h), strace's order. */
static const struct xlat madv_names[] = {
	{ 0, "normal" }, { 1, "random" }, { 2, "sequential" }, { 3, "willneed" },
	{ 4, "dontneed" }, { 8, "free" }, { 9, "remove" }, { 10, "dontfork" },
	{ 11, "dofork" }, { 12, "mergeable" }, { 13, "unmergeable" }, { 14, "hugepage" },
	{ 15, "nohugepage" }, { 16, "dontdump" }, { 17, "dodump" }, { 18, "wipeonfork" },
	{ 19, "keeponfork" }, { 20, "cold" }, { 21, "pageout" }, { 22, "populate_read" },
	{ 23, "populate_write" }, { 24, "dontneed_locked" }, { 25, "collapse" },
	{ 100, "hwpoison" }, { 101, "soft_offline" }, { 102, "guard_install" },
	{ 103, "guard_remove" }, { -1, NULL },
};
/* strace prints msync's flags in this order. */
static const struct xlat ms_names[] = {
	{ 4, "sync" }, { 1, "async" }, { 2, "invalidate" }, { -1, NULL },
};
static const struct xlat mcl_names[] = {
	{ 1, "current" }, { 2, "future" }, { 4, "onfault" }, { -1, NULL },
};
static const struct xlat mlock_names[] = {
	{ 1, "onfault" }, { -1, NULL },
};

/* The value of @word: a name of @x (bare or "PREFIX_NAME", any case) or a number. */
static bool xlat_parse(const struct xlat *x, const char *prefix, const char *word, int *out)
{
	size_t pl = strlen(prefix);
	uint64_t v;

	if (!strncasecmp(word, prefix, pl) && word[pl] == '_')
		word += pl + 1;
	for (; x->name; x++)
		if (!strcasecmp(word, x->name)) {
			*out = x->value;
			return true;
		}
	if (!parse_u64(word, &v) || v > 0x7fffffff)
		return false;
	*out = (int)v;
	return true;
}

/* PREFIX_NAME in upper case, as strace spells it. */
static void print_name(const char *prefix, const char *name)
{
	printf("%s_", prefix);
	for (; *name; name++)
		putchar(toupper((unsigned char)*name));
}

/* strace's spelling of a single value: MADV_DONTNEED or 0x3e7 / * MADV_??? * /. */
static void print_value(const struct xlat *x, const char *prefix, int value)
{
	for (; x->name; x++)
		if (x->value == value) {
			print_name(prefix, x->name);
			return;
		}
	printf("%#x /* %s_??? */", (unsigned int)value, prefix);
}

/* strace's spelling of flags: 0, MS_SYNC|MS_INVALIDATE, MS_SYNC|0x8, 0x8 / * MS_??? * /. */
static void print_flags(const struct xlat *x, const char *prefix, int value)
{
	unsigned int left = (unsigned int)value;
	bool any = false;

	if (!value) {
		printf("0");
		return;
	}
	for (; x->name; x++)
		if (left & (unsigned int)x->value) {
			printf("%s", any ? "|" : "");
			print_name(prefix, x->name);
			left &= ~(unsigned int)x->value;
			any = true;
		}
	if (left && any)
		printf("|%#x", left);
	else if (left)
		printf("%#x /* %s_??? */", left, prefix);
}

/* Flags from words @argv[@from..@argc) (each may join names with '|'). */
static enum cmd_result parse_flags(struct script *s, const char *verb, const char *usage,
				   const struct xlat *x, const char *prefix, int argc,
				   struct word *argv, int from, int *flags)
{
	*flags = 0;
	for (int i = from; i < argc; i++) {
		char buf[64], *tok, *save = NULL;

		if (argv[i].op || strlen(argv[i].text) >= sizeof(buf))
			return script_error(s, "%s: %s: unexpected \"%s\" (expected %s)", s->actor,
					    verb, argv[i].text, usage);
		strcpy(buf, argv[i].text);
		for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
			int v;

			if (!xlat_parse(x, prefix, tok, &v))
				return script_error(s, "%s: %s: unknown flag \"%s\" (expected %s)",
						    s->actor, verb, tok, usage);
			*flags |= v;
		}
	}
	return CMD_OK;
}

/*
 * The range at argv[1]: VAR, VAR[START:END], or ADDR LEN (two words).
 * *@next is the index of the word after it.  CMD_OK or a reported error.
 */
static enum cmd_result parse_range(struct script *s, const char *verb, const char *usage,
				   int argc, struct word *argv, uint64_t *addr, uint64_t *len,
				   int *next)
{
	if (argc < 2 || argv[1].op)
		return script_error(s, "%s: %s: missing range (expected %s)", s->actor, verb, usage);
	if (isdigit((unsigned char)argv[1].text[0])) {
		if (!parse_u64(argv[1].text, addr))
			return script_error(s, "%s: %s: bad address \"%s\" (expected an address such as 0x7ffff7ff0000)",
					    s->actor, verb, argv[1].text);
		if (argc < 3 || argv[2].op || !parse_size(argv[2].text, len))
			return script_error(s, "%s: %s: missing or bad length after \"%s\" (expected ADDR LEN, such as 0x7ffff7ff0000 8K)",
					    s->actor, verb, argv[1].text);
		*next = 3;
		return CMD_OK;
	}
	*next = 2;
	return process_parse_range(s, verb, argv[1].text, addr, len);
}

#define MADVISE_USAGE "NAME: madvise VAR[START:END]|ADDR LEN ADVICE"

static enum cmd_result cmd_madvise(struct script *s, int argc, struct word *argv)
{
	uint64_t addr, len;
	int next, advice;

	if (parse_range(s, "madvise", MADVISE_USAGE, argc, argv, &addr, &len, &next) != CMD_OK)
		return CMD_ERROR;
	if (argc != next + 1 || argv[next].op)
		return script_error(s, "%s: madvise: %s (expected " MADVISE_USAGE ", such as %s: madvise buf dontneed)",
				    s->actor, argc <= next ? "missing advice" : "one advice only",
				    s->actor);
	if (!xlat_parse(madv_names, "MADV", argv[next].text, &advice))
		return script_error(s, "%s: madvise: unknown advice \"%s\" (expected dontneed, free, willneed, cold, pageout, dontfork, dofork, wipeonfork, keeponfork, hugepage, nohugepage, mergeable, unmergeable, normal, random, sequential, dontdump, dodump, dontneed_locked, remove, populate_read, populate_write, or a number)",
				    s->actor, argv[next].text);
	printf("%s: madvise(%#llx, %llu, ", s->actor, (unsigned long long)addr,
	       (unsigned long long)len);
	print_value(madv_names, "MADV", advice);
	printf(")");
	process_print_result(s, mmsim_process_madvise(s->m, s->actor, addr, len, advice), "0");
	return CMD_OK;
}

/* mlock, munlock: a range only. */
static enum cmd_result cmd_mlock_range(struct script *s, int argc, struct word *argv)
{
	bool lock = !strcmp(argv[0].text, "mlock");
	const char *usage = lock ? "NAME: mlock VAR[START:END]|ADDR LEN" :
				   "NAME: munlock VAR[START:END]|ADDR LEN";
	uint64_t addr, len;
	int next, ret;

	if (parse_range(s, argv[0].text, usage, argc, argv, &addr, &len, &next) != CMD_OK)
		return CMD_ERROR;
	if (argc != next)
		return script_error(s, "%s: %s: unexpected \"%s\" (expected %s)", s->actor,
				    argv[0].text, argv[next].text, usage);
	printf("%s: %s(%#llx, %llu)", s->actor, argv[0].text, (unsigned long long)addr,
	       (unsigned long long)len);
	ret = lock ? mmsim_process_mlock(s->m, s->actor, addr, len) :
		     mmsim_process_munlock(s->m, s->actor, addr, len);
	process_print_result(s, ret, "0");
	return CMD_OK;
}

#define MLOCK2_USAGE "NAME: mlock2 VAR[START:END]|ADDR LEN [onfault]"

/*
 * `NAME: VERB RANGE [FLAG...]` with flags named by @x: parses the range
 * and flags and prints the call "NAME: VERB(ADDR, LEN, FLAGS)" as strace
 * does (the caller prints the result).  CMD_OK or a reported error.
 */
static enum cmd_result range_flags_call(struct script *s, const char *verb, const char *usage,
					const struct xlat *x, const char *prefix, int argc,
					struct word *argv, uint64_t *addr, uint64_t *len,
					int *flags)
{
	int next;

	if (parse_range(s, verb, usage, argc, argv, addr, len, &next) != CMD_OK ||
	    parse_flags(s, verb, usage, x, prefix, argc, argv, next, flags) != CMD_OK)
		return CMD_ERROR;
	printf("%s: %s(%#llx, %llu, ", s->actor, verb, (unsigned long long)*addr,
	       (unsigned long long)*len);
	print_flags(x, prefix, *flags);
	printf(")");
	return CMD_OK;
}

static enum cmd_result cmd_mlock2(struct script *s, int argc, struct word *argv)
{
	uint64_t addr, len;
	int flags;

	if (range_flags_call(s, "mlock2", MLOCK2_USAGE, mlock_names, "MLOCK", argc, argv,
			     &addr, &len, &flags) != CMD_OK)
		return CMD_ERROR;
	process_print_result(s, mmsim_process_mlock2(s->m, s->actor, addr, len, flags), "0");
	return CMD_OK;
}

#define MLOCKALL_USAGE "NAME: mlockall current|future|onfault..."

static enum cmd_result cmd_mlockall(struct script *s, int argc, struct word *argv)
{
	int flags;

	if (argc < 2)
		return script_error(s, "%s: mlockall: missing flags (expected " MLOCKALL_USAGE ", such as %s: mlockall current future)",
				    s->actor, s->actor);
	if (parse_flags(s, "mlockall", MLOCKALL_USAGE, mcl_names, "MCL", argc, argv, 1,
			&flags) != CMD_OK)
		return CMD_ERROR;
	printf("%s: mlockall(", s->actor);
	print_flags(mcl_names, "MCL", flags);
	printf(")");
	process_print_result(s, mmsim_process_mlockall(s->m, s->actor, flags), "0");
	return CMD_OK;
}

static enum cmd_result cmd_munlockall(struct script *s, int argc, struct word *argv)
{
	if (argc != 1)
		return script_error(s, "%s: munlockall: unexpected \"%s\" (expected NAME: munlockall)",
				    s->actor, argv[1].text);
	printf("%s: munlockall()", s->actor);
	process_print_result(s, mmsim_process_munlockall(s->m, s->actor), "0");
	return CMD_OK;
}

#define MSYNC_USAGE "NAME: msync VAR[START:END]|ADDR LEN [async|sync] [invalidate]"

static enum cmd_result cmd_msync(struct script *s, int argc, struct word *argv)
{
	uint64_t addr, len;
	int flags;

	if (range_flags_call(s, "msync", MSYNC_USAGE, ms_names, "MS", argc, argv, &addr, &len,
			     &flags) != CMD_OK)
		return CMD_ERROR;
	process_print_result(s, mmsim_process_msync(s->m, s->actor, addr, len, flags), "0");
	return CMD_OK;
}

/* strace abbreviates arrays after this many elements (its max_strlen). */
#define STRACE_MAX_STRLEN	32

#define MINCORE_USAGE "NAME: mincore VAR[START:END]|ADDR LEN"

/* Pages of a mincore vector filled per call (Linux copies out PAGE_SIZE bytes per pass). */
#define MINCORE_CHUNK	4096

/*
 * mincore(@addr, @len) by the actor as a program with a vector of @pages
 * bytes sees it, its first STRACE_MAX_STRLEN bytes (those strace shows)
 * into @shown.  The vector is filled MINCORE_CHUNK pages at a time through
 * a scratch buffer, as Linux's mincore fills it a page of bytes per pass,
 * so a LEN of terabytes costs the host no LEN / 4096-byte buffer: the walk
 * stops at the first hole (ENOMEM) just as one call would.  Returns the
 * call's result (0, or the first chunk's error).
 */
static int mincore_chunked(struct script *s, uint64_t addr, uint64_t len, uint64_t pages,
			   unsigned char *shown)
{
	unsigned char chunk[MINCORE_CHUNK];
	uint64_t done = 0;
	int ret;

	do {
		uint64_t n = pages - done < MINCORE_CHUNK ? pages - done : MINCORE_CHUNK;
		uint64_t clen = done + n == pages ? len - done * 4096 : n * 4096;

		ret = mmsim_process_mincore(s->m, s->actor, addr + done * 4096, clen, chunk, n);
		if (!done)
			memcpy(shown, chunk, n < STRACE_MAX_STRLEN ? n : STRACE_MAX_STRLEN);
		done += n;
	} while (!ret && done < pages);
	return ret;
}

static enum cmd_result cmd_mincore(struct script *s, int argc, struct word *argv)
{
	uint64_t addr, len, pages;
	unsigned char vec[STRACE_MAX_STRLEN];
	int next, ret;
	char buf[4 * STRACE_MAX_STRLEN + 16];
	size_t at = 0;

	if (parse_range(s, "mincore", MINCORE_USAGE, argc, argv, &addr, &len, &next) != CMD_OK)
		return CMD_ERROR;
	if (argc != next)
		return script_error(s, "%s: mincore: unexpected \"%s\" (expected " MINCORE_USAGE ")",
				    s->actor, argv[next].text);
	/* a range past the user address space fails before the vector is used */
	pages = len > (1ULL << 47) ? 0 : (len + 4095) / 4096;
	ret = mincore_chunked(s, addr, len, pages, vec);
	printf("%s: mincore(%#llx, %llu, ", s->actor, (unsigned long long)addr,
	       (unsigned long long)len);
	if (ret) {
		printf("vec)");		/* strace shows the buffer's address */
	} else {
		at = (size_t)snprintf(buf, sizeof(buf), "[");
		for (uint64_t i = 0; i < pages; i++) {
			if (i == STRACE_MAX_STRLEN) {
				at += (size_t)snprintf(buf + at, sizeof(buf) - at, ", ...");
				break;
			}
			at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%s%d", i ? ", " : "",
					       vec[i] & 1);
		}
		printf("%s])", buf);
	}
	process_print_result(s, ret, "0");
	return CMD_OK;
}

const struct command madvise_verbs[] = {
	{ "madvise", cmd_madvise, true, MADVISE_USAGE + 6,
	  "advise the kernel about a range (dontneed, dontfork, hugepage ...)",
	  "madvise(2) of VAR, a part of it, or ADDR LEN (an address and a length).\n"
	  "ADVICE as Linux's MADV_* without the prefix, lower case or not:\n"
	  "dontfork/dofork, wipeonfork/keeponfork, hugepage/nohugepage,\n"
	  "mergeable/unmergeable, normal/random/sequential, dontdump/dodump set\n"
	  "or clear the VMA's flag (the VMA splits and merges as for mprotect;\n"
	  "smaps' VmFlags shows it).  Page advice is checked as Linux checks it\n"
	  "(EINVAL on locked memory, free on non-anonymous memory...):\n"
	  "dontneed and dontneed_locked unmap the pages (the next access faults\n"
	  "a zero or new page), free makes them lazyfree (they stay mapped,\n"
	  "pglazyfree counts them 31 at a time), populate_read and\n"
	  "populate_write fault the range in (ENOMEM at a hole, EINVAL where a\n"
	  "fault could not go); willneed, cold, pageout do nothing yet; remove\n"
	  "checks (EACCES unless shared and writable) and punches no hole yet.\n"
	  "collapse, guard_install, guard_remove: not\n"
	  "modelled yet (EINVAL); hwpoison, soft_offline: EINVAL as on a\n"
	  "kernel without CONFIG_MEMORY_FAILURE.\n"
	  "A number is passed as is.  A hole in the range gives\n"
	  "ENOMEM after the mapped parts took the advice.  Printed as strace.\n"
	  "\n"
	  "  db: madvise buf[4K:8K] dontfork\n"
	  "  db: madvise buf wipeonfork\n"
	  "  db: madvise 0x7ffff7ff0000 8K dontneed\n" },
	{ "mlock", cmd_mlock_range, true, "mlock VAR[START:END]|ADDR LEN",
	  "lock a range in memory (VM_LOCKED, VmLck)",
	  "mlock(2): the VMAs of the range get VM_LOCKED (split and merged as\n"
	  "for mprotect), count in VmLck and are faulted in (a later write\n"
	  "takes no fault; EAGAIN if memory runs out).  ENOMEM for a hole (what came\n"
	  "before stays locked) or past RLIMIT_MEMLOCK without CAP_IPC_LOCK,\n"
	  "EPERM when RLIMIT_MEMLOCK is 0 without it.  [vvar] and [vdso] are\n"
	  "skipped as on Linux.  Printed as strace prints it.\n"
	  "\n"
	  "  db: mlock buf[0:64K]\n" },
	{ "mlock2", cmd_mlock2, true, MLOCK2_USAGE + 6,
	  "mlock2(2): lock now or, with onfault, as pages are faulted in",
	  "mlock2(2): as mlock; onfault (MLOCK_ONFAULT) adds VM_LOCKONFAULT and\n"
	  "faults nothing in.\n"
	  "Other flag bits (a number) give EINVAL.\n"
	  "\n"
	  "  db: mlock2 buf onfault\n" },
	{ "munlock", cmd_mlock_range, true, "munlock VAR[START:END]|ADDR LEN",
	  "unlock a range",
	  "munlock(2): VM_LOCKED and VM_LOCKONFAULT are cleared from the range\n"
	  "(split and merged); VmLck goes down.  ENOMEM for a hole.\n"
	  "\n"
	  "  db: munlock buf[0:4K]\n" },
	{ "mlockall", cmd_mlockall, true, MLOCKALL_USAGE + 6,
	  "lock every mapping (current) and/or every future one (future)",
	  "mlockall(2) with MCL_CURRENT (current: every VMA now), MCL_FUTURE\n"
	  "(future: every later mmap and brk, through mm->def_flags; both\n"
	  "fault the memory in unless onfault) and\n"
	  "MCL_ONFAULT (onfault, with one of them).  EINVAL for no flags,\n"
	  "onfault alone or unknown bits; ENOMEM with current when the address\n"
	  "space is larger than RLIMIT_MEMLOCK without CAP_IPC_LOCK.\n"
	  "\n"
	  "  db: mlockall current future\n" },
	{ "munlockall", cmd_munlockall, true, "munlockall",
	  "unlock every mapping and stop locking new ones",
	  "munlockall(2): clears VM_LOCKED everywhere and MCL_FUTURE.\n"
	  "\n"
	  "  db: munlockall\n" },
	{ "msync", cmd_msync, true, MSYNC_USAGE + 6,
	  "flush a file mapping's changes (async, sync, invalidate)",
	  "msync(2) with MS_ASYNC (async) or MS_SYNC (sync) and MS_INVALIDATE\n"
	  "(invalidate), checked as Linux: EINVAL for unknown bits, async with\n"
	  "sync, an unaligned start; ENOMEM for a hole; EBUSY for invalidate\n"
	  "over locked memory.  Nothing is written back until the page cache.\n"
	  "\n"
	  "  db: msync map sync\n" },
	{ "mincore", cmd_mincore, true, MINCORE_USAGE + 6,
	  "which pages of a range are resident",
	  "mincore(2): one entry per page, 1 when resident, printed as strace\n"
	  "prints the vector ([0, 0, ...], abbreviated after 32 entries; on a\n"
	  "failure strace shows the buffer's address, mmsim the word vec).\n"
	  "No page is resident until paging; [vvar] and [vdso] read as 1, as\n"
	  "on Linux.  EINVAL for an unaligned start, ENOMEM for a hole or a\n"
	  "range past the user address space.\n"
	  "\n"
	  "  db: mincore buf[0:64K]\n" },
	{ NULL },
};
