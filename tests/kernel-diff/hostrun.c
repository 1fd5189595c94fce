// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostrun: runs a kernel-diff sequence on the host's real Linux kernel.
 *
 * A sequence is a small file in a subset of the mmsim language (see
 * tests/kernel-diff/README.md).  This program reads it and makes the
 * same system calls, in order, as the process the file spawns, keeping
 * VAR -> address as mmsim does, and prints each call with its result
 * the way mmsim prints it (strace style: "p: munmap(0x..., 4096) = 0",
 * "= -1 ENOMEM") and, for `cat /proc/NAME/maps` (smaps, status), its own.  The
 * suite normalizes this output and mmsim's with the same script and
 * compares them.
 *
 * It is a static program without libc (its own _start and syscalls), and
 * hostrun.lds lays it out as mmsim's spawn lays out a process, so the
 * host kernel gives it the same nine VMAs, the same start_brk and no
 * VMA from a C library.  It re-executes itself with ADDR_NO_RANDOMIZE
 * and an 8 MiB stack limit (mmsim's defaults: randomization off,
 * top-down layout under mmap_base 0x7ffff7fff000).  Buffers live on the
 * stack: data and bss must fit their 8 KiB segments.
 *
 * Faults: `NAME: read RANGE` and `NAME: write RANGE` touch every page
 * (one load, one zero byte stored), and `cat /proc/NAME/stat` shows
 * minflt and majflt as the sums of getrusage deltas measured tight
 * around each command's system call and each touch loop, so that the
 * runner's own faults are left out (README.md, "Fault counts").
 *
 * A forked child (`NAME: fork CHILD`) is a process of its own that reads
 * its commands from a pipe: the parent hands it each `CHILD: ...` and
 * `cat /proc/CHILD/...` line and waits until it is done, so the output
 * keeps the sequence's order.
 *
 * Leaves out: every command but the subset in README.md; grandchildren;
 * SIGSEGV of the spawned process itself (only a forked child may die).
 * Writes to the host only what a sequence asks: files in the temporary
 * directory given, and the sysctls vm.overcommit_memory and
 * vm.max_map_count, put back before it exits (the suite puts them back
 * too, should this program die).
 *
 * This file reads the sequence, runs its top-level commands (boot,
 * spawn, file, sysctl, cat, expect), hands each process verb to its
 * file, and starts the program (_start, settle).  The others:
 * hostrun_lib.c (the runtime), hostrun_mman.c (VARs and the memory
 * system calls), hostrun_faults.c (fault counts), hostrun_touch.c (read,
 * write), hostrun_fork.c (children); hostrun.h is what they share.
 *
 * Usage: hostrun SEQ.mm TMPDIR.  Exit 0, 1 when an `expect last` failed,
 * 2 when the sequence cannot run here (message on stderr).
 * Caller: tests/kernel-diff/run.sh.
 */
#include "hostrun.h"

/* ---- the sequence ---- */

const char *seq_path, *tmpdir;
int lineno;
bool is_child;		/* this process is a forked child */

/*
 * cat /proc/NAME/maps, smaps or status: this process's file (@path_),
 * the temporary directory cut from the paths of mapped files and this
 * program shown as the /usr/bin/NAME it stands for.
 */
static void cat_maps(const char *path_)
{
	char buf[8192], line[LINE_MAX_];
	size_t ln = 0, tl = slen(tmpdir);
	long fd = sys(__NR_open, path_, O_RDONLY, 0), n;

	if (fd < 0)
		die("cannot open", path_);
	while ((n = sys(__NR_read, fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++) {
			char *path;

			if (buf[i] != '\n') {
				if (ln < sizeof(line) - 1)
					line[ln++] = buf[i];
				continue;
			}
			line[ln] = '\0';
			ln = 0;
			for (path = line; *path && *path != '/' && *path != '['; path++)
				;
			if (*path == '/' && prefix(path, tmpdir) && path[tl] == '/') {
				putn(line, (size_t)(path - line));
				puts_(path + tl);
			} else if (*path == '/' && seq_(path, st.self)) {
				putn(line, (size_t)(path - line));	/* we are /usr/bin/NAME */
				puts_(st.exe);
			} else {
				puts_(line);
			}
			puts_("\n");
		}
	}
	sys(__NR_close, fd, 0, 0);
	flush();
}

/* file PATH SIZE [data=...]: a sparse file of SIZE bytes under tmpdir. */
static void cmd_file(int argc, char **argv)
{
	char path[512];
	uint64_t size;
	long fd;

	if (argc < 3 || argv[1][0] != '/' || !parse_size(argv[2], &size))
		die("file: expected file /PATH SIZE", NULL);
	join(path, sizeof(path), tmpdir, argv[1]);
	for (char *p = path + slen(tmpdir) + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			sys(__NR_mkdir, path, 0755, 0);
			*p = '/';
		}
	fd = sys(__NR_open, path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || sys(__NR_ftruncate, fd, size, 0) < 0)
		die("file: cannot create", path);
	sys(__NR_close, fd, 0, 0);
}

/* expect last == RESULT / != RESULT: the only expect a sequence may use. */
static int cmd_expect(int argc, char **argv)
{
	bool eq, want_ok;
	const char *r;

	if (argc != 4 || !seq_(argv[1], "last") || (!seq_(argv[2], "==") && !seq_(argv[2], "!=")))
		die("expect: only expect last ==|!= RESULT runs on the host", NULL);
	if (!st.have_last)
		die("expect last before any call", NULL);
	eq = argv[2][0] == '=';
	r = argv[3][0] == '-' ? argv[3] + 1 : argv[3];
	want_ok = seq_(r, "0");
	if (want_ok ? (st.last_err == 0) == eq : seq_(errno_name(-st.last_err), r) == eq)
		return 0;
	flush();
	sys(__NR_write, 2, "expect failed on the host\n", 26);
	return 1;
}

/* The process verbs (NAME: VERB ...) and the function running each. */
static const struct host_verb {
	const char *name;
	void (*run)(int argc, char **argv);
} host_verbs[] = {
	{ "mmap", cmd_mmap }, { "munmap", cmd_munmap }, { "mprotect", cmd_mprotect },
	{ "brk", cmd_brk }, { "mremap", cmd_mremap }, { "madvise", cmd_madvise },
	{ "mlock", cmd_mlock }, { "munlock", cmd_mlock }, { "mlock2", cmd_mlock },
	{ "mlockall", cmd_mlockall }, { "munlockall", cmd_mlockall },
	{ "msync", cmd_msync_mincore }, { "mincore", cmd_msync_mincore },
	{ "prlimit", cmd_prlimit }, { "open", cmd_open }, { "close", cmd_close },
	{ "fork", cmd_fork }, { "wait", cmd_wait }, { "exit", cmd_exit },
	{ "read", cmd_access }, { "write", cmd_access },
};

/* Run the spawned process's verb @argv[0]; dies on a verb the runner lacks. */
static void run_verb(int argc, char **argv)
{
	for (size_t i = 0; i < sizeof(host_verbs) / sizeof(host_verbs[0]); i++)
		if (seq_(argv[0], host_verbs[i].name)) {
			host_verbs[i].run(argc, argv);
			return;
		}
	die("the host runner has no verb", argv[0]);
}

/* spawn NAME [uid=N]: the runner itself becomes NAME (as uid N, capabilities gone). */
static void cmd_spawn(int argc, char **argv)
{
	long n;
	uint64_t uid;

	if (st.actor[0] || argc < 2 || argc > 3 || slen(argv[1]) >= sizeof(st.actor) ||
	    (argc == 3 && (!prefix(argv[2], "uid=") || !parse_u64(argv[2] + 4, &uid))))
		die("spawn: one process, spawn NAME [uid=N]", NULL);
	if (argc == 3 && (sys(__NR_setresgid, uid, uid, uid) < 0 ||
			  sys(__NR_setresuid, uid, uid, uid) < 0))
		die("spawn: cannot become uid", argv[2]);	/* no capabilities left */
	memcpy(st.actor, argv[1], slen(argv[1]) + 1);
	join(st.exe, sizeof(st.exe), "/usr/bin/", argv[1]);
	n = sys(__NR_readlink, "/proc/self/exe", st.self, sizeof(st.self) - 1);
	if (n <= 0 || n >= (long)sizeof(st.self) - 1)
		die("cannot read /proc/self/exe", NULL);
	st.self[n] = '\0';
}

/* The child a command is for (NAME: ... or cat /proc/NAME/...), or NULL. */
static struct child *command_child(int argc, char **argv, size_t an)
{
	if (argv[0][an - 1] == ':')
		return find_child(argv[0], an - 1);
	if (seq_(argv[0], "cat") && argc == 2 && prefix(argv[1], "/proc/"))
		for (int i = 0; i < nr_children; i++)
			if (prefix(argv[1] + 6, children[i].name) &&
			    argv[1][6 + slen(children[i].name)] == '/')
				return &children[i];
	return NULL;
}

/* cat /proc/NAME/FILE of the runner itself: true if @argv is that command. */
static bool cat_own_proc(int argc, char **argv)
{
	const char *f;

	if (!seq_(argv[0], "cat") || argc != 2 || !prefix(argv[1], "/proc/") || !st.actor[0] ||
	    !prefix(argv[1] + 6, st.actor) || argv[1][6 + slen(st.actor)] != '/')
		return false;
	f = argv[1] + 7 + slen(st.actor);
	if (seq_(f, "maps"))
		cat_maps("/proc/self/maps");
	else if (seq_(f, "smaps"))
		cat_maps("/proc/self/smaps");
	else if (seq_(f, "status"))
		cat_maps("/proc/self/status");
	else if (seq_(f, "stat"))
		cat_stat();
	else
		die("the host runner shows only /proc/NAME/maps, smaps, status and stat, not",
		    argv[1]);
	return true;
}

/* One command (already cut into words); returns 1 if an expect failed. */
static int run_command(int argc, char **argv)
{
	size_t an = slen(argv[0]);
	struct child *c = command_child(argc, argv, an);

	if (c)	/* exit, or a touch that may die of SIGSEGV, ends the child */
		return forward(c, argc, argv, argc >= 2 && (seq_(argv[1], "exit") ||
							 seq_(argv[1], "read") ||
							 seq_(argv[1], "write")));
	if (argv[0][an - 1] == ':') {		/* NAME: VERB ... */
		argv[0][an - 1] = '\0';
		if (!st.actor[0] || !seq_(argv[0], st.actor))
			die("unknown actor (expected the process started with spawn)", argv[0]);
		argc--, argv++;
		if (!argc)
			die("missing verb", NULL);
		run_verb(argc, argv);
		return 0;
	}
	if (seq_(argv[0], "boot"))		/* the model machine's, not the host's */
		return 0;
	if (seq_(argv[0], "spawn"))
		cmd_spawn(argc, argv);
	else if (seq_(argv[0], "file"))
		cmd_file(argc, argv);
	else if (seq_(argv[0], "sysctl"))
		for (int i = 1; i < argc; i++)
			do_sysctl(argv[i]);
	else if (seq_(argv[0], "expect"))
		return cmd_expect(argc, argv);
	else if (!cat_own_proc(argc, argv))
		die("the host runner cannot run", argv[0]);
	return 0;
}

/* One line: cut at # and ;, then into words. */
int run_line(char *line)
{
	int failed = 0;

	for (char *p = line; *p; p++)
		if (*p == '#') {
			*p = '\0';
			break;
		}
	while (*line) {
		char *words[MAX_WORDS], *end = line;
		int argc = 0;

		while (*end && *end != ';')
			end++;
		bool more = *end == ';';

		*end = '\0';
		for (char *p = line; *p;) {
			while (*p == ' ' || *p == '\t' || *p == '\r')
				*p++ = '\0';
			if (!*p)
				break;
			if (argc == MAX_WORDS)
				die("too many words", NULL);
			words[argc++] = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\r')
				p++;
		}
		if (argc)
			failed |= run_command(argc, words);
		line = more ? end + 1 : end;
	}
	return failed;
}

/* start_brk: field 47 of /proc/self/stat. */
static uint64_t read_start_brk(void)
{
	char text[2048];
	const char *p, *end;
	uint64_t v;
	int field = 2;

	if (read_small("/proc/self/stat", text, sizeof(text)) <= 0)
		die("cannot read /proc/self/stat", NULL);
	for (p = text; *p; p++)		/* past "(comm)" */
		;
	while (p > text && *p != ')')
		p--;
	for (; *p && field < 47; p++)
		if (*p == ' ')
			field++;
	if (!parse_digits(p, &v, &end))
		die("no start_brk in /proc/self/stat", NULL);
	return v;
}

/* Randomization off and mmsim's stack limit, or execute ourselves again so. */
static void settle(char **argv, char **envp)
{
	struct rlimit rl;
	long pers = sys(__NR_personality, 0xffffffff, 0, 0);
	char *env[256];
	int n = 0;

	if (sys6(__NR_prlimit64, 0, RLIMIT_STACK, 0, (long)&rl, 0, 0) < 0)
		die("cannot read RLIMIT_STACK", NULL);
	if ((pers & ADDR_NO_RANDOMIZE) && rl.rlim_cur == STACK_LIMIT)
		return;
	for (char **e = envp; *e; e++)
		if (prefix(*e, "HOSTRUN_SETTLED="))
			die("randomization could not be turned off (personality ADDR_NO_RANDOMIZE)", NULL);
	if (rl.rlim_max < STACK_LIMIT)
		die("the hard stack limit is below 8 MiB", NULL);
	rl.rlim_cur = STACK_LIMIT;
	if (sys6(__NR_prlimit64, 0, RLIMIT_STACK, (long)&rl, 0, 0, 0) < 0 ||
	    sys(__NR_personality, pers | ADDR_NO_RANDOMIZE, 0, 0) < 0)
		die("cannot set the stack limit or ADDR_NO_RANDOMIZE", NULL);
	for (char **e = envp; *e && n < 254; e++)
		env[n++] = *e;
	env[n++] = "HOSTRUN_SETTLED=1";
	env[n] = NULL;
	sys(__NR_execve, "/proc/self/exe", argv, env);
	die("cannot execute /proc/self/exe again", NULL);
}

static int hostrun(int argc, char **argv, char **envp)
{
	char buf[65536], line[LINE_MAX_], text[64];
	size_t ln = 0;
	long fd, n;
	int failed = 0;
	const char *end;
	uint64_t legacy;

	if (argc != 3 || argv[2][0] != '/')
		die("usage: hostrun SEQ.mm /TMPDIR", NULL);
	seq_path = argv[1];
	tmpdir = argv[2];
	settle(argv, envp);
	if (read_small("/proc/sys/vm/legacy_va_layout", text, sizeof(text)) > 0 &&
	    parse_digits(text, &legacy, &end) && legacy)
		die("the host has vm.legacy_va_layout=1 (mmsim's default is the top-down layout)", NULL);
	st.start_brk = read_start_brk();
	catch_segv();
	prefault_image();
	/* The process starts with 0, 1 and 2 only, as mmsim's: the sequence
	 * is read from descriptor 1000, whatever else we inherited closed. */
	fd = sys(__NR_open, seq_path, O_RDONLY, 0);
	if (fd < 0 || sys(__NR_dup3, fd, 1000, 0) != 1000)
		die("cannot open the sequence", NULL);
	fd = 1000;
	if (sys(__NR_close_range, 3, 999, 0) < 0)
		die("close_range failed", NULL);
	while ((n = sys(__NR_read, fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (ln == sizeof(line) - 1)
					die("line too long", NULL);
				line[ln++] = buf[i];
				continue;
			}
			line[ln] = '\0';
			ln = 0;
			lineno++;
			failed |= run_line(line);
		}
	}
	if (ln) {
		line[ln] = '\0';
		lineno++;
		failed |= run_line(line);
	}
	sys(__NR_close, fd, 0, 0);
	flush();
	end_children();
	restore_sysctls();
	return failed;
}

__attribute__((used)) void hostrun_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);

	sys(__NR_exit_group, hostrun(argc, argv, argv + argc + 1), 0, 0);
}

__asm__(".section .text.start,\"ax\",@progbits\n"
	".global _start\n"
	"_start:\n"
	"	xor %ebp, %ebp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call hostrun_start\n"
	"	hlt\n"
	".text\n");
