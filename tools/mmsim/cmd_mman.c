// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memory-mapping syscalls of a process in the language (Linux's
 * mman.h family): `NAME: mmap VAR SIZE ...` (VAR names the mapping for
 * later verbs, per process), munmap, mprotect and brk, each printed as
 * strace prints the call, with the result or -1 ERRNO (text); the script
 * goes on and `expect last` tests the result.  Also the helpers other
 * syscall verbs share: VAR[START:END] ranges, strace's spellings, results.
 * Caller: script.c through mman_verbs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

/* Linux's uapi values (include/uapi/asm-generic/mman-common.h, mman.h). */
#define PROT_NONE_		0x0
#define PROT_R			0x1
#define PROT_W			0x2
#define PROT_X			0x4
#define MAP_SHARED_		0x01
#define MAP_PRIVATE_		0x02
#define MAP_FIXED_		0x10
#define MAP_ANONYMOUS_		0x20
#define MAP_GROWSDOWN_		0x0100
#define MAP_LOCKED_		0x2000
#define MAP_NORESERVE_		0x4000
#define MAP_POPULATE_		0x8000
#define MAP_STACK_		0x20000
#define MAP_FIXED_NOREPLACE_	0x100000

/* ---- named mappings ---- */

void process_forget_vars(struct script *s, const char *proc)
{
	struct proc_var **pp = &s->vars;

	while (*pp) {
		struct proc_var *v = *pp;

		if (proc && strcmp(v->proc, proc)) {
			pp = &v->next;
			continue;
		}
		*pp = v->next;
		free(v->proc);
		free(v->name);
		free(v);
	}
}

struct proc_var *process_find_var(struct script *s, const char *proc, const char *name, size_t n)
{
	for (struct proc_var *v = s->vars; v; v = v->next)
		if (!strcmp(v->proc, proc) && strlen(v->name) == n && !strncmp(v->name, name, n))
			return v;
	return NULL;
}

/* A size word of a range ("" allowed: @dflt). */
static bool range_offset(const char *text, size_t n, uint64_t dflt, uint64_t *out)
{
	char buf[64];

	if (!n) {
		*out = dflt;
		return true;
	}
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, text, n);
	buf[n] = '\0';
	return parse_size(buf, out);
}

/*
 * VAR or VAR[START:END] of the actor's mappings: the address and length.
 * Returns CMD_OK or a reported error naming @verb.
 */
enum cmd_result process_parse_range(struct script *s, const char *verb, const char *text,
				   uint64_t *addr, uint64_t *len)
{
	const char *br = strchr(text, '['), *colon, *end;
	size_t n = br ? (size_t)(br - text) : strlen(text);
	struct proc_var *v = process_find_var(s, s->actor, text, n);
	uint64_t start, stop;

	if (!v)
		return script_error(s, "%s: %s: no mapping named \"%.*s\" (expected a VAR from %s: mmap VAR SIZE)",
				    s->actor, verb, (int)n, text, s->actor);
	if (!br) {
		*addr = v->addr;
		*len = v->len;
		return CMD_OK;
	}
	colon = strchr(br, ':');
	end = strchr(br, ']');
	if (!colon || !end || colon > end || end[1])
		return script_error(s, "%s: %s: bad range \"%s\" (expected VAR or VAR[START:END], such as %.*s[4K:8K])",
				    s->actor, verb, text, (int)n, text);
	if (!range_offset(br + 1, (size_t)(colon - br - 1), 0, &start) ||
	    !range_offset(colon + 1, (size_t)(end - colon - 1), v->len, &stop))
		return script_error(s, "%s: %s: bad offset in \"%s\" (expected sizes such as 0, 4K or 2M)",
				    s->actor, verb, text);
	if (start > stop || stop > v->len)
		return script_error(s, "%s: %s: range \"%s\" is not inside %s (0 to %llu bytes, start <= end)",
				    s->actor, verb, text, v->name, (unsigned long long)v->len);
	*addr = v->addr + start;
	*len = stop - start;
	return CMD_OK;
}

/* prot=r|rw|rx|rwx|none (or a bare protection word): PROT_* or -1. */
int process_parse_prot(const char *t)
{
	static const struct { const char *name; int prot; } prots[] = {
		{ "none", PROT_NONE_ }, { "r", PROT_R }, { "rw", PROT_R | PROT_W },
		{ "rx", PROT_R | PROT_X }, { "rwx", PROT_R | PROT_W | PROT_X },
		{ "w", PROT_W }, { "x", PROT_X }, { "wx", PROT_W | PROT_X },
	};

	for (size_t i = 0; i < sizeof(prots) / sizeof(prots[0]); i++)
		if (!strcmp(t, prots[i].name))
			return prots[i].prot;
	return -1;
}

/* strace's spelling of a protection. */
void process_print_prot(int prot)
{
	if (!prot) {
		printf("PROT_NONE");
		return;
	}
	printf("%s%s%s", prot & PROT_R ? "PROT_READ" : "",
	       (prot & PROT_W) ? (prot & PROT_R ? "|PROT_WRITE" : "PROT_WRITE") : "",
	       (prot & PROT_X) ? (prot & (PROT_R | PROT_W) ? "|PROT_EXEC" : "PROT_EXEC") : "");
}

/* strace's spelling of mmap flags, in strace 6's order after the type. */
static void print_map_flags(unsigned int flags)
{
	static const struct { unsigned int bit; const char *name; } names[] = {
		{ MAP_FIXED_, "MAP_FIXED" }, { MAP_ANONYMOUS_, "MAP_ANONYMOUS" },
		{ MAP_NORESERVE_, "MAP_NORESERVE" }, { MAP_POPULATE_, "MAP_POPULATE" },
		{ MAP_GROWSDOWN_, "MAP_GROWSDOWN" }, { MAP_LOCKED_, "MAP_LOCKED" },
		{ MAP_STACK_, "MAP_STACK" }, { MAP_FIXED_NOREPLACE_, "MAP_FIXED_NOREPLACE" },
	};

	printf("%s", (flags & 3) == MAP_SHARED_ ? "MAP_SHARED" : "MAP_PRIVATE");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit)
			printf("|%s", names[i].name);
}

/* " = 0" / " = 0x..." or strace's " = -1 ENOMEM (Cannot allocate memory)". */
void process_print_result(struct script *s, int ret, const char *ok)
{
	if (ret)
		printf(" = -1 %s (%s)\n", mmsim_errno_name(-ret) ? mmsim_errno_name(-ret) : "E?",
		       errno_text(-ret));
	else
		printf(" = %s\n", ok);
	s->have_last = true;
	s->last_err = ret;
}

#define MMAP_USAGE "NAME: mmap VAR SIZE [file=PATH|fd=N [offset=N]] [prot=r|rw|rx|rwx|none] " \
		   "[shared|private] [hint=ADDR|fixed=ADDR|fixed_noreplace=ADDR] [noreserve] [populate] [growsdown] [locked] [stack]"

/* What an mmap line asks for (mmap_parse fills it). */
struct mmap_args {
	uint64_t size;		/* SIZE: the length in bytes */
	int prot;		/* PROT_*: prot=, rw by default */
	unsigned int flags;	/* MAP_*: private anonymous by default */
	uint64_t addr;		/* hint=/fixed=/fixed_noreplace= address, 0: none */
	const char *file;	/* file=PATH, or NULL: anonymous */
	uint64_t offset;	/* offset=N in the file */
	int fd;			/* fd=N: an open descriptor, -1: none */
};

/* The MAP_* bit of a bare flag word of mmap (noreserve ... stack), or 0. */
static unsigned int mmap_flag_word(const char *t)
{
	static const struct { const char *name; unsigned int flag; } words[] = {
		{ "noreserve", MAP_NORESERVE_ }, { "populate", MAP_POPULATE_ },
		{ "growsdown", MAP_GROWSDOWN_ }, { "locked", MAP_LOCKED_ },
		{ "stack", MAP_STACK_ },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(t, words[i].name))
			return words[i].flag;
	return 0;
}

/* The options of mmap after VAR SIZE into @ma. */
static enum cmd_result mmap_options(struct script *s, int argc, struct word *argv,
				    struct mmap_args *ma)
{
	unsigned int *flags = &ma->flags, bit;
	uint64_t *addr = &ma->addr;

	for (int i = 3; i < argc; i++) {
		const char *t = argv[i].text;

		if (argv[i].op)
			return script_error(s, "%s: mmap: unexpected \"%s\" (expected " MMAP_USAGE ")",
					    s->actor, t);
		if (!strncmp(t, "prot=", 5)) {
			if ((ma->prot = process_parse_prot(t + 5)) < 0)
				return script_error(s, "%s: mmap: bad protection \"%s\" (expected prot=r, rw, rx, rwx or none)",
						    s->actor, t);
		} else if (!strcmp(t, "shared") || !strcmp(t, "private")) {
			*flags = (*flags & ~3u) | (t[0] == 's' ? MAP_SHARED_ : MAP_PRIVATE_);
		} else if (!strncmp(t, "hint=", 5)) {	/* mmap's addr without MAP_FIXED */
			if (!parse_u64(t + 5, addr))
				return script_error(s, "%s: mmap: bad address in \"%s\" (expected an address such as 0x7f0000000000)",
						    s->actor, t);
		} else if (!strncmp(t, "fixed=", 6) || !strncmp(t, "fixed_noreplace=", 16)) {
			bool nr = t[5] == '_';

			if (!parse_u64(t + (nr ? 16 : 6), addr))
				return script_error(s, "%s: mmap: bad address in \"%s\" (expected an address such as 0x7f0000000000)",
						    s->actor, t);
			*flags |= nr ? MAP_FIXED_NOREPLACE_ : MAP_FIXED_;
		} else if (!strncmp(t, "file=", 5) && t[5]) {
			ma->file = t + 5;
			*flags &= ~MAP_ANONYMOUS_;
		} else if (!strncmp(t, "fd=", 3)) {
			uint64_t fd;

			if (!parse_u64(t + 3, &fd) || fd > 0x7fffffff)
				return script_error(s, "%s: mmap: bad descriptor in \"%s\" (expected fd=N, such as fd=3 from %s: open)",
						    s->actor, t, s->actor);
			ma->fd = (int)fd;
			*flags &= ~MAP_ANONYMOUS_;
		} else if (!strncmp(t, "offset=", 7)) {
			if (!parse_size(t + 7, &ma->offset))
				return script_error(s, "%s: mmap: bad offset in \"%s\" (expected a size such as 0, 4K or 1M)",
						    s->actor, t);
		} else if ((bit = mmap_flag_word(t))) {
			*flags |= bit;
		} else {
			return script_error(s, "%s: mmap: unknown option \"%s\" (expected " MMAP_USAGE ")",
					    s->actor, t);
		}
	}
	return CMD_OK;
}

/* `NAME: mmap VAR SIZE OPTIONS...` into @ma: CMD_OK or a reported error. */
static enum cmd_result mmap_parse(struct script *s, int argc, struct word *argv,
				  struct mmap_args *ma)
{
	if (argc < 3 || argv[1].op || argv[2].op)
		return script_error(s, "%s: mmap: missing %s (expected " MMAP_USAGE ", such as %s: mmap buf 64M)",
				    s->actor, argc < 2 ? "name and size" : "size", s->actor);
	if (strpbrk(argv[1].text, "[]:") || process_find_var(s, s->actor, argv[1].text, strlen(argv[1].text)))
		return script_error(s, "%s: mmap: \"%s\" is %s (expected a new name without [ ] :)",
				    s->actor, argv[1].text,
				    strpbrk(argv[1].text, "[]:") ? "not a name" : "already mapped");
	if (!parse_size(argv[2].text, &ma->size))
		return script_error(s, "%s: mmap: \"%s\" is not a size (expected a size such as 4096, 64K or 512M)",
				    s->actor, argv[2].text);
	if (mmap_options(s, argc, argv, ma) != CMD_OK)
		return CMD_ERROR;
	if (ma->file && ma->fd >= 0)
		return script_error(s, "%s: mmap: file= and fd= together (expected one of them)", s->actor);
	if (ma->offset && !ma->file && ma->fd < 0)
		return script_error(s, "%s: mmap: offset= needs file=PATH or fd=N (expected %s: mmap VAR SIZE file=PATH offset=N)",
				    s->actor, s->actor);
	return CMD_OK;
}

/*
 * The descriptor mmap maps into *@fd (-1: anonymous): file=PATH is opened
 * O_RDWR first, shown only when that fails.  False when it failed (the
 * openat line and its error printed, `expect last` sees it).
 */
static bool mmap_open_file(struct script *s, const struct mmap_args *ma, int *fd)
{
	int ret;

	*fd = ma->fd;
	if (!ma->file)
		return true;
	ret = mmsim_process_open(s->m, s->actor, ma->file, 02 /* O_RDWR */, fd);
	if (!ret)
		return true;
	printf("%s: openat(AT_FDCWD, \"%s\", O_RDWR)", s->actor, ma->file);
	process_print_result(s, ret, "3");
	return false;
}

/* strace's line for the mmap call, up to its result. */
static void mmap_print_call(struct script *s, const struct mmap_args *ma, int fd)
{
	char path[4096];

	printf("%s: mmap(", s->actor);
	if (ma->addr)
		printf("%#llx", (unsigned long long)ma->addr);
	else
		printf("NULL");
	printf(", %llu, ", (unsigned long long)ma->size);
	process_print_prot(ma->prot);
	printf(", ");
	print_map_flags(ma->flags);
	if (fd < 0)
		printf(", -1, 0)");
	else if (!mmsim_process_fd_path(s->m, s->actor, fd, path, sizeof(path)))
		printf(", %d<%s>, %#llx)", fd, path, (unsigned long long)ma->offset);	/* strace -y */
	else
		printf(", %d, %#llx)", fd, (unsigned long long)ma->offset);
}

/* The mmap call itself: 0 with the address in *@got, or -errno. */
static int mmap_call(struct script *s, const struct mmap_args *ma, int fd, uint64_t *got)
{
	int ret;

	if (fd < 0)
		return mmsim_process_mmap(s->m, s->actor, ma->addr, ma->size, (unsigned int)ma->prot,
					  ma->flags, got);
	ret = mmsim_process_mmap_fd(s->m, s->actor, fd, ma->addr, ma->size, (unsigned int)ma->prot,
				    ma->flags, ma->offset, got);
	if (ma->file)	/* close(fd): the mapping keeps its own reference */
		mmsim_process_close(s->m, s->actor, fd);
	return ret;
}

/* Remember the new mapping as @name of the actor, for later verbs. */
static void mmap_add_var(struct script *s, const char *name, uint64_t addr, uint64_t size)
{
	struct proc_var *v = calloc(1, sizeof(*v));

	if (!v)
		abort();
	v->proc = strdup(s->actor);
	v->name = strdup(name);
	v->addr = addr;
	v->len = (size + 4095) & ~4095ull;
	v->next = s->vars;
	s->vars = v;
}

static enum cmd_result cmd_mmap(struct script *s, int argc, struct word *argv)
{
	struct mmap_args ma = {
		.prot = PROT_R | PROT_W, .flags = MAP_PRIVATE_ | MAP_ANONYMOUS_, .fd = -1,
	};
	uint64_t got = 0;
	char buf[32];
	int fd, ret;

	if (mmap_parse(s, argc, argv, &ma) != CMD_OK)
		return CMD_ERROR;
	if (!mmap_open_file(s, &ma, &fd))
		return CMD_OK;
	mmap_print_call(s, &ma, fd);
	ret = mmap_call(s, &ma, fd, &got);
	snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)got);
	process_print_result(s, ret, buf);
	if (!ret)
		mmap_add_var(s, argv[1].text, got, ma.size);
	return CMD_OK;
}

static enum cmd_result cmd_munmap(struct script *s, int argc, struct word *argv)
{
	uint64_t addr, len;
	int ret;

	if (argc != 2 || argv[1].op)
		return script_error(s, "%s: munmap: %s (expected NAME: munmap VAR[START:END], such as %s: munmap buf[4K:8K])",
				    s->actor, argc < 2 ? "missing range" : "one range only", s->actor);
	if (process_parse_range(s, "munmap", argv[1].text, &addr, &len) != CMD_OK)
		return CMD_ERROR;
	printf("%s: munmap(%#llx, %llu)", s->actor, (unsigned long long)addr,
	       (unsigned long long)len);
	ret = mmsim_process_munmap(s->m, s->actor, addr, len);
	process_print_result(s, ret, "0");
	return CMD_OK;
}

static enum cmd_result cmd_mprotect(struct script *s, int argc, struct word *argv)
{
	uint64_t addr, len;
	int prot, ret;

	if (argc != 3 || argv[1].op || argv[2].op)
		return script_error(s, "%s: mprotect: %s (expected NAME: mprotect VAR[START:END] r|rw|rx|rwx|none)",
				    s->actor, argc < 3 ? "missing range or protection" : "too many arguments");
	if (process_parse_range(s, "mprotect", argv[1].text, &addr, &len) != CMD_OK)
		return CMD_ERROR;
	prot = process_parse_prot(!strncmp(argv[2].text, "prot=", 5) ? argv[2].text + 5 : argv[2].text);
	if (prot < 0)
		return script_error(s, "%s: mprotect: bad protection \"%s\" (expected r, rw, rx, rwx or none)",
				    s->actor, argv[2].text);
	printf("%s: mprotect(%#llx, %llu, ", s->actor, (unsigned long long)addr,
	       (unsigned long long)len);
	process_print_prot(prot);
	printf(")");
	ret = mmsim_process_mprotect(s->m, s->actor, addr, len, (unsigned int)prot);
	process_print_result(s, ret, "0");
	return CMD_OK;
}

static enum cmd_result cmd_brk(struct script *s, int argc, struct word *argv)
{
	uint64_t start, cur, size, want, got;
	const char *t;

	if (argc != 2 || argv[1].op)
		return script_error(s, "%s: brk: %s (expected NAME: brk SIZE, +DELTA or -DELTA, such as %s: brk +1M)",
				    s->actor, argc < 2 ? "missing size" : "one size only", s->actor);
	t = argv[1].text;
	if (!parse_size(t + (*t == '+' || *t == '-'), &size))
		return script_error(s, "%s: brk: \"%s\" is not a size (expected SIZE, +DELTA or -DELTA such as 64K)",
				    s->actor, t);
	mmsim_process_brk_range(s->m, s->actor, &start, &cur);
	if (*t == '+')
		want = cur + size;
	else if (*t == '-')
		want = size > cur ? 0 : cur - size;
	else
		want = start + size;
	if (want < cur && *t == '+')	/* wrapped */
		want = UINT64_MAX;
	mmsim_process_brk(s->m, s->actor, want, &got);
	printf("%s: brk(%#llx) = %#llx\n", s->actor, (unsigned long long)want,
	       (unsigned long long)got);
	s->have_last = true;
	s->last_err = got == want ? 0 : -ENOMEM;
	return CMD_OK;
}

const struct command mman_verbs[] = {
	{ "mmap", cmd_mmap, true, MMAP_USAGE + 6,
	  "map anonymous memory and name it VAR",
	  "mmap(2) of SIZE bytes of anonymous memory, or of the disk file PATH\n"
	  "from offset=N (file=PATH: opened read-write, mapped, closed; the\n"
	  "mapping keeps the file), or of the open descriptor fd=N (see\n"
	  "NAME: open; EBADF, EACCES and ENODEV as Linux), private and read-write\n"
	  "unless told: prot=r|rw|rx|rwx|none, shared or private, hint=ADDR\n"
	  "(where to place it if free; above 47 bits only with mmsim.la57=1), fixed=ADDR\n"
	  "(MAP_FIXED: replaces what is there), fixed_noreplace=ADDR (EEXIST\n"
	  "over a mapping), noreserve (no overcommit charge in modes 0 and 1),\n"
	  "populate (MAP_POPULATE: faulted in at once), growsdown, locked\n"
	  "(MAP_LOCKED: VM_LOCKED, counted in VmLck, faulted in; EAGAIN past\n"
	  "RLIMIT_MEMLOCK without CAP_IPC_LOCK, EPERM when it is 0), stack\n"
	  "(MAP_STACK: no transparent huge pages, nh in smaps).  Prints the\n"
	  "call as strace does, with the address or -1 ERRNO (text); the\n"
	  "script goes on, and expect last == ENOMEM checks a refusal.  VAR\n"
	  "names the mapping for munmap and mprotect.\n"
	  "\n"
	  "  db: mmap buf 512M\n"
	  "  db: mmap ro 64K prot=r\n"
	  "  db: mmap big 64G\n"
	  "  expect last == ENOMEM\n" },
	{ "munmap", cmd_munmap, true, "munmap VAR[START:END]",
	  "unmap a mapping or part of it",
	  "munmap(2) of VAR or of bytes START (default 0) to END (default its\n"
	  "length, exclusive) of it: a part in the middle splits the VMA.\n"
	  "Printed as strace prints it.\n"
	  "\n"
	  "  db: munmap buf[4K:8K]\n"
	  "  db: munmap buf\n" },
	{ "brk", cmd_brk, true, "brk SIZE|+DELTA|-DELTA",
	  "move the program break (grow or shrink the heap)",
	  "brk(2): SIZE puts the break SIZE bytes above the heap's start\n"
	  "(start_brk, right after the binary's bss), +DELTA and -DELTA move\n"
	  "it from where it is, as sbrk does.  Growing maps anonymous memory\n"
	  "([heap] in maps, charged to Committed_AS), shrinking unmaps it.\n"
	  "Printed as strace prints it: brk returns the new break, or the old\n"
	  "one when the kernel refuses (a mapping or the stack's guard gap in\n"
	  "the way, strict overcommit, below start_brk); then last is ENOMEM.\n"
	  "\n"
	  "  db: brk +1M\n"
	  "  db: brk -512K\n"
	  "  db: brk 0\n" },
	{ "mprotect", cmd_mprotect, true, "mprotect VAR[START:END] r|rw|rx|rwx|none",
	  "change the protection of a range",
	  "mprotect(2) of VAR or a part of it: the VMA splits or merges with\n"
	  "its neighbours as on Linux; making private memory writable charges\n"
	  "it to Committed_AS.  Printed as strace prints it.\n"
	  "\n"
	  "  db: mprotect buf[0:4K] none\n" },
	{ NULL },
};
