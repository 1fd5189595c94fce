// SPDX-License-Identifier: GPL-2.0-only
/*
 * The descriptor syscalls of a process in the language: `NAME: open PATH
 * [rdonly|wronly|rdwr] [creat] [excl] [cloexec]` and `NAME: close FD`,
 * printed as strace prints them (openat(AT_FDCWD, ...) = 3, close(3) =
 * 0, or -1 ERRNO (text)); the script goes on and `expect last` tests the
 * result.  Descriptors are plain numbers, as in C and in strace's output:
 * a spawned process has 0, 1 and 2 open already, so its first open gives
 * 3, and each open the lowest free number.  `NAME: mmap VAR SIZE fd=N`
 * (cmd_mman.c) maps one.
 * Leaves out: read/write/pread/pwrite of file data (the page-cache
 * issue), dup, fcntl, O_TRUNC/O_APPEND, relative paths.
 * Caller: script.c through file_verbs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

/* Linux's uapi values (include/uapi/asm-generic/fcntl.h). */
#define O_RDONLY_	00
#define O_WRONLY_	01
#define O_RDWR_		02
#define O_CREAT_	0100
#define O_EXCL_		0200
#define O_CLOEXEC_	02000000

#define OPEN_USAGE "open PATH [rdonly|wronly|rdwr] [creat] [excl] [cloexec]"

/* open's words after PATH into open(2) flags; CMD_OK or a reported error. */
static enum cmd_result open_flags(struct script *s, int argc, struct word *argv,
				  unsigned int *flags)
{
	static const struct { const char *word; unsigned int bit; } opts[] = {
		{ "creat", O_CREAT_ }, { "excl", O_EXCL_ }, { "cloexec", O_CLOEXEC_ },
	};
	bool mode_given = false;

	*flags = O_RDONLY_;
	for (int i = 2; i < argc; i++) {
		const char *t = argv[i].text;
		size_t k;

		if (!argv[i].op && (!strcmp(t, "rdonly") || !strcmp(t, "wronly") || !strcmp(t, "rdwr"))) {
			if (mode_given)
				return script_error(s, "%s: open: two access modes (expected one of rdonly, wronly, rdwr)",
						    s->actor);
			mode_given = true;
			*flags |= !strcmp(t, "rdonly") ? O_RDONLY_ : !strcmp(t, "wronly") ? O_WRONLY_ : O_RDWR_;
			continue;
		}
		for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++)
			if (!argv[i].op && !strcmp(t, opts[k].word))
				break;
		if (k == sizeof(opts) / sizeof(opts[0]))
			return script_error(s, "%s: open: unknown option \"%s\" (expected NAME: " OPEN_USAGE ")",
					    s->actor, t);
		*flags |= opts[k].bit;
	}
	return CMD_OK;
}

/* strace's spelling: O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC, and the mode with O_CREAT. */
static void print_open_flags(unsigned int flags)
{
	static const char *const modes[] = { "O_RDONLY", "O_WRONLY", "O_RDWR" };

	printf("%s", modes[flags & 3]);
	if (flags & O_CREAT_)
		printf("|O_CREAT");
	if (flags & O_EXCL_)
		printf("|O_EXCL");
	if (flags & O_CLOEXEC_)
		printf("|O_CLOEXEC");
	if (flags & O_CREAT_)
		printf(", 0644");
}

static enum cmd_result cmd_open(struct script *s, int argc, struct word *argv)
{
	unsigned int flags;
	char buf[16];
	int fd = -1, ret;

	if (argc < 2 || argv[1].op)
		return script_error(s, "%s: open: missing path (expected NAME: " OPEN_USAGE ", such as %s: open /data/x rdwr)",
				    s->actor, s->actor);
	if (open_flags(s, argc, argv, &flags) != CMD_OK)
		return CMD_ERROR;
	printf("%s: openat(AT_FDCWD, \"%s\", ", s->actor, argv[1].text);
	print_open_flags(flags);
	printf(")");
	ret = mmsim_process_open(s->m, s->actor, argv[1].text, flags, &fd);
	snprintf(buf, sizeof(buf), "%d", fd);
	process_print_result(s, ret, buf);
	return CMD_OK;
}

static enum cmd_result cmd_close(struct script *s, int argc, struct word *argv)
{
	uint64_t fd;
	int ret;

	if (argc != 2 || argv[1].op)
		return script_error(s, "%s: close: %s (expected NAME: close FD, such as %s: close 3)",
				    s->actor, argc < 2 ? "missing descriptor" : "one descriptor only",
				    s->actor);
	if (!parse_u64(argv[1].text, &fd) || fd > 0x7fffffff)
		return script_error(s, "%s: close: \"%s\" is not a descriptor (expected a number such as 3)",
				    s->actor, argv[1].text);
	printf("%s: close(%d)", s->actor, (int)fd);
	ret = mmsim_process_close(s->m, s->actor, (int)fd);
	process_print_result(s, ret, "0");
	return CMD_OK;
}

const struct command file_verbs[] = {
	{ "open", cmd_open, true, OPEN_USAGE,
	  "open a disk file and get a descriptor",
	  "open(2) of PATH (printed as strace prints openat; a relative PATH\n"
	  "starts at /, the working directory of every process),\n"
	  "read-only unless told: rdonly, wronly or rdwr; creat makes a\n"
	  "missing file, empty, in an existing directory (O_CREAT, mode\n"
	  "0644); excl refuses an existing one (EEXIST); cloexec sets\n"
	  "O_CLOEXEC (NAME: exec closes it).  The descriptor is the lowest free number: a spawned\n"
	  "process has 0, 1 and 2 open on the console, so its first open\n"
	  "gives 3.  Errors as Linux: ENOENT, ENOTDIR, EISDIR (a directory\n"
	  "for writing), EMFILE (no number below RLIMIT_NOFILE, 1024 unless\n"
	  "changed); last holds the result.  Map it with NAME: mmap VAR SIZE\n"
	  "fd=N.\n"
	  "\n"
	  "  file /data/x 1M\n"
	  "  db: open /data/x rdwr\n"
	  "  db: mmap x 1M fd=3 shared\n"
	  "  db: close 3\n" },
	{ "close", cmd_close, true, "close FD",
	  "close a descriptor",
	  "close(2) of descriptor FD: its number becomes free for the next\n"
	  "open; mappings made from it keep the file.  A descriptor that is\n"
	  "not open gives EBADF.\n"
	  "\n"
	  "  db: close 3\n" },
	{ NULL },
};
