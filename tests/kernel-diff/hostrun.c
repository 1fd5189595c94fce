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
 * Usage: hostrun SEQ.mm TMPDIR.  Exit 0, 1 when an `expect last` failed,
 * 2 when the sequence cannot run here (message on stderr).
 * Caller: tests/kernel-diff/run.sh.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <asm/unistd.h>
#include <linux/errno.h>
#include <linux/fcntl.h>
#include <linux/mman.h>
#include <linux/personality.h>
#include <linux/resource.h>
#include <linux/signal.h>

#define PAGE		4096ul
#define STACK_LIMIT	(8ul << 20)	/* mmsim's RLIMIT_STACK */
#define MAX_VARS	96
#define MAX_WORDS	24
#define LINE_MAX_	1024

/* ---- system calls and the few library functions the compiler wants ---- */

static long sys6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall" : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#define sys(n, a, b, c)	sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

void *memset(void *d, int c, size_t n)
{
	unsigned char *p = d;

	while (n--)
		*p++ = (unsigned char)c;
	return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *p = d;
	const unsigned char *q = s;

	while (n--)
		*p++ = *q++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n--; p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

static size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static bool seq_(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static bool prefix(const char *s, const char *p)
{
	while (*p)
		if (*s++ != *p++)
			return false;
	return true;
}

/* ---- output: stdout buffered, flushed after every line ---- */

static char outbuf[1024];
static size_t outlen;

static void flush(void)
{
	size_t off = 0;

	while (off < outlen) {
		long n = sys(__NR_write, 1, outbuf + off, outlen - off);

		if (n <= 0)
			break;
		off += (size_t)n;
	}
	outlen = 0;
}

static void puts_(const char *s)
{
	while (*s) {
		if (outlen == sizeof(outbuf))
			flush();
		outbuf[outlen++] = *s++;
	}
}

static void putn(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (outlen == sizeof(outbuf))
			flush();
		outbuf[outlen++] = s[i];
	}
}

static void putu(uint64_t v, int base)
{
	char b[24], *p = b + sizeof(b);

	*--p = '\0';
	do {
		*--p = "0123456789abcdef"[v % (uint64_t)base];
		v /= (uint64_t)base;
	} while (v);
	if (base == 16 && p[0] != '0')		/* as %#llx: 0 is "0" */
		puts_("0x");
	puts_(p);
}

static const char *seq_path, *tmpdir;
static int lineno;
static bool is_child;		/* this process is a forked child */

static void restore_sysctls(void);

/* A sequence this host cannot run: say why on stderr, exit 2. */
static void die(const char *what, const char *arg)
{
	flush();
	puts_(seq_path ? seq_path : "hostrun");
	if (lineno) {
		puts_(":");
		putu((uint64_t)lineno, 10);
	}
	puts_(": ");
	puts_(what);
	if (arg) {
		puts_(" \"");
		puts_(arg);
		puts_("\"");
	}
	puts_("\n");
	sys(__NR_write, 2, outbuf, outlen);
	outlen = 0;
	if (!is_child)
		restore_sysctls();
	sys(__NR_exit_group, 2, 0, 0);
	__builtin_unreachable();
}

/* ---- numbers as the language spells them (mmsim's parse_size) ---- */

/* C notation (0x hex, 0 octal, decimal); *end after the digits. */
static bool parse_digits(const char *s, uint64_t *v, const char **end)
{
	uint64_t base = 10, x = 0;

	if (*s < '0' || *s > '9')
		return false;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, s += 2;
	else if (s[0] == '0')
		base = 8;
	for (;; s++) {
		uint64_t d;

		if (*s >= '0' && *s <= '9')
			d = (uint64_t)(*s - '0');
		else if (*s >= 'a' && *s <= 'f')
			d = (uint64_t)(*s - 'a' + 10);
		else if (*s >= 'A' && *s <= 'F')
			d = (uint64_t)(*s - 'A' + 10);
		else
			break;
		if (d >= base)
			break;
		x = x * base + d;
	}
	*v = x;
	*end = s;
	return true;
}

static bool parse_size_n(const char *s, size_t n, uint64_t *out)
{
	static const char sfx[] = "kmgtpe";
	char buf[64];
	const char *end;

	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (!parse_digits(buf, out, &end))
		return false;
	if (!*end)
		return true;
	for (int i = 0; sfx[i]; i++)
		if ((end[0] | 0x20) == sfx[i] && !end[1]) {
			*out <<= 10 * (i + 1);
			return true;
		}
	return false;
}

static bool parse_size(const char *s, uint64_t *out)
{
	return parse_size_n(s, slen(s), out);
}

static bool parse_u64(const char *s, uint64_t *out)
{
	const char *end;

	return parse_digits(s, out, &end) && !*end;
}

/* ---- errno names, as strace prints them ---- */

static const char *errno_name(long e)
{
	static const struct { int e; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" }, { EIO, "EIO" },
		{ ENXIO, "ENXIO" }, { EBADF, "EBADF" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { ENODEV, "ENODEV" },
		{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
		{ ETXTBSY, "ETXTBSY" }, { EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" },
		{ ERANGE, "ERANGE" }, { ENOSYS, "ENOSYS" }, { EOVERFLOW, "EOVERFLOW" },
		{ EOPNOTSUPP, "EOPNOTSUPP" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].e == e)
			return names[i].name;
	return "E?";
}

/* ---- small file helpers ---- */

/* Read a whole small file into @buf (NUL-terminated); bytes or -errno. */
static long read_small(const char *path, char *buf, size_t size)
{
	long fd = sys(__NR_open, path, O_RDONLY, 0), n, got = 0;

	if (fd < 0)
		return fd;
	while ((size_t)got < size - 1 && (n = sys(__NR_read, fd, buf + got, size - 1 - (size_t)got)) > 0)
		got += n;
	sys(__NR_close, fd, 0, 0);
	buf[got] = '\0';
	return got;
}

/* The number after "KEY" (a "Key:  123 kB" line) in @text; false if none. */
static bool key_value(const char *text, const char *key, uint64_t *v)
{
	size_t kn = slen(key);

	for (const char *p = text; *p; p++) {
		if ((p == text || p[-1] == '\n') && prefix(p, key) &&
		    (p[kn] == ':' || p[kn] == ' ' || p[kn] == '\t')) {
			const char *end;

			for (p += kn + 1; *p == ' ' || *p == '\t'; p++)
				;
			return parse_digits(p, v, &end);
		}
	}
	return false;
}

static void join(char *out, size_t size, const char *a, const char *b)
{
	size_t na = slen(a), nb = slen(b);

	if (na + nb >= size)
		die("path too long", b);
	memcpy(out, a, na);
	memcpy(out + na, b, nb + 1);
}

/* ---- sysctls a sequence may write, put back at exit ---- */

static struct sysctl_save {
	const char *key;	/* the name as sysctl spells it */
	const char *path;	/* its /proc/sys file */
	char old[32];		/* the value before the first write */
	bool saved;		/* old is valid: put it back at exit */
} sysctls[] = {
	{ "vm.overcommit_memory", "/proc/sys/vm/overcommit_memory", "", false },
	{ "vm.max_map_count", "/proc/sys/vm/max_map_count", "", false },
};
#define NR_SYSCTLS (sizeof(sysctls) / sizeof(sysctls[0]))

static long write_file(const char *path, const char *val)
{
	long fd = sys(__NR_open, path, O_WRONLY, 0), n;

	if (fd < 0)
		return fd;
	n = sys(__NR_write, fd, val, slen(val));
	sys(__NR_close, fd, 0, 0);
	return n < 0 ? n : 0;
}

static void restore_sysctls(void)
{
	for (size_t i = 0; i < NR_SYSCTLS; i++)
		if (sysctls[i].saved) {
			write_file(sysctls[i].path, sysctls[i].old);
			sysctls[i].saved = false;
		}
}

/* sysctl KEY=VALUE: only the whitelisted keys; the old value is kept. */
static void do_sysctl(const char *arg)
{
	char key[64];
	const char *eq = arg;
	size_t n;

	while (*eq && *eq != '=')
		eq++;
	n = (size_t)(eq - arg);
	if (!*eq || n >= sizeof(key))
		die("sysctl: expected KEY=VALUE, got", arg);
	memcpy(key, arg, n);
	key[n] = '\0';
	for (size_t i = 0; i < NR_SYSCTLS; i++) {
		struct sysctl_save *sc = &sysctls[i];
		long r;

		if (!seq_(sc->key, key))
			continue;
		if (!sc->saved) {
			r = read_small(sc->path, sc->old, sizeof(sc->old));
			if (r <= 0)
				die("sysctl: cannot read the host's", sc->path);
			sc->saved = true;
		}
		r = write_file(sc->path, eq + 1);
		if (r < 0)
			die("sysctl: cannot write the host's (root and a writable /proc/sys/vm needed)",
			    sc->path);
		return;
	}
	die("sysctl: the host runner writes only vm.overcommit_memory and vm.max_map_count, not", key);
}

/* ---- the process ---- */

struct var {
	char name[32];
	uint64_t addr;		/* where mmap put it */
	uint64_t len;		/* its length, page aligned */
};

static struct state {
	char actor[32];			/* this process's name, "" before spawn */
	char exe[48];			/* "/usr/bin/" + the spawned name: this program in maps */
	char self[256];			/* this program's path (/proc/self/exe) */
	struct var vars[MAX_VARS];	/* VAR -> range, as mmsim's proc_var list */
	int nr_vars;
	bool have_last;			/* some call ran: last_err is its result */
	long last_err;			/* 0 or -errno of the last call */
	uint64_t start_brk;		/* from /proc/self/stat at start */
} st;

static struct var *find_var(const char *name, size_t n)
{
	for (int i = 0; i < st.nr_vars; i++)
		if (slen(st.vars[i].name) == n && !memcmp(st.vars[i].name, name, n))
			return &st.vars[i];
	return NULL;
}

/* VAR or VAR[START:END]: the address and length, as process_parse_range. */
static void parse_range(const char *text, uint64_t *addr, uint64_t *len)
{
	const char *br = text, *colon, *end;
	uint64_t start = 0, stop;
	struct var *v;

	while (*br && *br != '[')
		br++;
	v = find_var(text, (size_t)(br - text));
	if (!v)
		die("no mapping named in", text);
	stop = v->len;
	if (*br) {
		for (colon = br; *colon && *colon != ':'; colon++)
			;
		for (end = colon; *end && *end != ']'; end++)
			;
		if (!*colon || !*end || end[1])
			die("bad range", text);
		if ((colon > br + 1 && !parse_size_n(br + 1, (size_t)(colon - br - 1), &start)) ||
		    (end > colon + 1 && !parse_size_n(colon + 1, (size_t)(end - colon - 1), &stop)))
			die("bad offset in range", text);
		if (start > stop || stop > v->len)
			die("range not inside its mapping", text);
	}
	*addr = v->addr + start;
	*len = stop - start;
}

static int parse_prot(const char *t)
{
	static const struct { const char *name; int prot; } prots[] = {
		{ "none", PROT_NONE }, { "r", PROT_READ }, { "rw", PROT_READ | PROT_WRITE },
		{ "rx", PROT_READ | PROT_EXEC }, { "rwx", PROT_READ | PROT_WRITE | PROT_EXEC },
		{ "w", PROT_WRITE }, { "x", PROT_EXEC }, { "wx", PROT_WRITE | PROT_EXEC },
	};

	if (prefix(t, "prot="))
		t += 5;
	for (size_t i = 0; i < sizeof(prots) / sizeof(prots[0]); i++)
		if (seq_(t, prots[i].name))
			return prots[i].prot;
	die("bad protection", t);
	return -1;
}

/* " = RESULT" for a syscall's return value, and `last`. */
static void result(long ret, bool is_addr)
{
	if (ret < 0 && ret > -4096) {
		puts_(" = -1 ");
		puts_(errno_name(-ret));
		puts_("\n");
		st.last_err = ret;
	} else {
		puts_(" = ");
		if (is_addr)
			putu((uint64_t)ret, 16);
		else
			putu((uint64_t)ret, 10);
		puts_("\n");
		st.last_err = 0;
	}
	st.have_last = true;
	flush();
}

/* ---- fault counts, measured tight around each operation ---- */

/*
 * The minflt and majflt the sequence's operations cost this process:
 * the sum of getrusage(RUSAGE_SELF) deltas taken just before and just
 * after each system call a command makes (msys6) and each read/write
 * touch loop (cmd_access).  What the runner does between operations -
 * parsing, printing, its text faulted in again in a forked child, its
 * stack and data pages copied on write after fork - is outside every
 * window, so it is left out.  A forked child starts from 0, as
 * copy_process zeroes min_flt and maj_flt.  `cat /proc/NAME/stat` shows
 * these two counts in minflt's and majflt's places (cat_stat), and in
 * cminflt's and cmajflt's the sums of the children reaped by wait, which
 * tell their parent their counts as they end (report_end).
 */
static struct faults {
	uint64_t min, maj;
} flt, cflt;		/* this process's; its reaped children's (cminflt, cmajflt) */

#define STACK_WARM	(32ul << 10)	/* stack written below a window: frames, a signal frame */

extern char hostrun_image[], hostrun_data[], hostrun_image_end[];	/* hostrun.lds */

/* Every page of this program present, data and bss written (own copies after fork). */
static void prefault_image(void)
{
	for (volatile char *p = hostrun_image; p < hostrun_data; p += PAGE)
		(void)*p;
	for (volatile char *p = hostrun_data; p < hostrun_image_end; p += PAGE)
		*p = *p;
}

/* STACK_WARM bytes of stack below the caller written: no window faults on its stack. */
static __attribute__((noinline)) void warm_stack(void)
{
	volatile char pad[STACK_WARM];

	for (size_t i = 0; i < sizeof(pad); i += 256)
		pad[i] = 0;
}

static void add_faults(const struct rusage *before, const struct rusage *after)
{
	flt.min += (uint64_t)(after->ru_minflt - before->ru_minflt);
	flt.maj += (uint64_t)(after->ru_majflt - before->ru_majflt);
}

static int parent_ack_fd = -1;	/* a forked child's pipe to its parent, else -1 */

/*
 * A child about to end (exit, or killed by SIGSEGV) tells its parent its
 * counts: 'e' and struct faults on the ack pipe, for cminflt at wait
 * (wait_task_zombie adds the child's min_flt to the parent's cmin_flt).
 */
static void report_end(void)
{
	char msg[1 + sizeof(struct faults)];

	if (parent_ack_fd < 0)
		return;
	msg[0] = 'e';
	memcpy(msg + 1, &flt, sizeof(flt));
	sys(__NR_write, parent_ack_fd, msg, sizeof(msg));
}

/* A system call of a command, its faults measured (the only window it has). */
static __attribute__((noinline)) long msys6(long n, long a, long b, long c, long d, long e,
					     long f)
{
	struct rusage before, after;
	long ret;

	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	warm_stack();
	sys(__NR_getrusage, RUSAGE_SELF, &before, 0);
	ret = sys6(n, a, b, c, d, e, f);
	sys(__NR_getrusage, RUSAGE_SELF, &after, 0);
	add_faults(&before, &after);
	return ret;
}
#define msys(n, a, b, c)	msys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

/*
 * The largest mapping strict overcommit still allows this process, as
 * __vm_enough_memory (OVERCOMMIT_NEVER) decides: committed + pages must
 * stay below CommitLimit less the admin reserve (callers without
 * CAP_SYS_ADMIN) and min(total_vm / 32, user_reserve_kbytes).  The
 * per-CPU Committed_AS counts are folded first by writing 2 to
 * overcommit_memory again (overcommit_policy_handler syncs them).
 */
static uint64_t commit_headroom(void)
{
	char text[4096];
	uint64_t limit, committed, vmsize, user, admin, capeff = 0, mode;
	int64_t allowed;
	const char *end, *p;

	if (read_small("/proc/sys/vm/overcommit_memory", text, sizeof(text)) <= 0 ||
	    !parse_digits(text, &mode, &end) || mode != 2)
		die("commit_headroom needs vm.overcommit_memory=2 first", NULL);
	if (write_file("/proc/sys/vm/overcommit_memory", "2") < 0)
		die("cannot write /proc/sys/vm/overcommit_memory", NULL);
	if (read_small("/proc/sys/vm/user_reserve_kbytes", text, sizeof(text)) <= 0 ||
	    !parse_digits(text, &user, &end))
		die("cannot read", "/proc/sys/vm/user_reserve_kbytes");
	if (read_small("/proc/sys/vm/admin_reserve_kbytes", text, sizeof(text)) <= 0 ||
	    !parse_digits(text, &admin, &end))
		die("cannot read", "/proc/sys/vm/admin_reserve_kbytes");
	if (read_small("/proc/self/status", text, sizeof(text)) <= 0 ||
	    !key_value(text, "VmSize", &vmsize))
		die("cannot read VmSize in", "/proc/self/status");
	for (p = text; *p && !prefix(p, "CapEff:\t"); p++)
		;
	if (*p) {
		for (p += 8; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
			capeff = capeff * 16 + (uint64_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	}
	if (read_small("/proc/meminfo", text, sizeof(text)) <= 0 ||
	    !key_value(text, "CommitLimit", &limit) || !key_value(text, "Committed_AS", &committed))
		die("cannot read CommitLimit and Committed_AS in", "/proc/meminfo");
	allowed = (int64_t)(limit / 4);
	if (!(capeff & (1ull << 21)))		/* CAP_SYS_ADMIN */
		allowed -= (int64_t)(admin / 4);
	allowed -= (int64_t)(vmsize / 4 / 32 < user / 4 ? vmsize / 4 / 32 : user / 4);
	allowed -= (int64_t)(committed / 4) + 1;
	return allowed > 0 ? (uint64_t)allowed * PAGE : 0;
}

/* A SIZE word: a size, or commit_headroom[+-SIZE]. */
static uint64_t size_word(const char *t)
{
	uint64_t v, d;

	if (prefix(t, "commit_headroom")) {
		v = commit_headroom();
		t += 15;
		if (!*t)
			return v;
		if ((*t != '+' && *t != '-') || !parse_size(t + 1, &d))
			die("bad commit_headroom expression", t);
		return *t == '+' ? v + d : (d > v ? 0 : v - d);
	}
	if (!parse_size(t, &v))
		die("not a size", t);
	return v;
}

/*
 * MAP_POPULATE faults pages in before a sequence can give the mapping
 * MADV_NOHUGEPAGE: on a host whose THP (or any anonymous mTHP size) is
 * "always" they would come as huge pages and the fault counts could
 * not be compared.  Such a host cannot run the sequence.
 */
static void refuse_thp_always(void)
{
	static const char *const sizes[] = { "", "hugepages-8kB/", "hugepages-16kB/",
		"hugepages-32kB/", "hugepages-64kB/", "hugepages-128kB/", "hugepages-256kB/",
		"hugepages-512kB/", "hugepages-1024kB/", "hugepages-2048kB/" };
	char path[128], text[128];

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		join(path, sizeof(path), "/sys/kernel/mm/transparent_hugepage/", sizes[i]);
		join(path, sizeof(path), path, "enabled");
		if (read_small(path, text, sizeof(text)) <= 0)
			continue;
		for (const char *p = text; *p; p++)
			if (prefix(p, "[always]"))
				die("populate: the host's THP is \"always\" (pages would come huge before MADV_NOHUGEPAGE):",
				    path);
	}
}

static void cmd_mmap(int argc, char **argv)
{
	unsigned long flags = MAP_PRIVATE | MAP_ANONYMOUS;
	uint64_t size, addr = 0, offset = 0, fdnum;
	const char *file = NULL;
	int prot = PROT_READ | PROT_WRITE;
	long fd = -1, fdarg = -1, ret;
	struct var *v;

	if (argc < 3)
		die("mmap: expected NAME: mmap VAR SIZE ...", NULL);
	if (find_var(argv[1], slen(argv[1])) || st.nr_vars == MAX_VARS || slen(argv[1]) >= 32)
		die("mmap: VAR already mapped or too many VARs:", argv[1]);
	size = size_word(argv[2]);
	for (int i = 3; i < argc; i++) {
		const char *t = argv[i];

		if (prefix(t, "prot="))
			prot = parse_prot(t);
		else if (seq_(t, "shared") || seq_(t, "private"))
			flags = (flags & ~3ul) | (t[0] == 's' ? MAP_SHARED : MAP_PRIVATE);
		else if (prefix(t, "fixed=") && parse_u64(t + 6, &addr))
			flags |= MAP_FIXED;
		else if (prefix(t, "fixed_noreplace=") && parse_u64(t + 16, &addr))
			flags |= MAP_FIXED_NOREPLACE;
		else if (prefix(t, "file=") && t[5])
			file = t + 5, flags &= ~(unsigned long)MAP_ANONYMOUS;
		else if (prefix(t, "fd=") && parse_u64(t + 3, &fdnum))
			fdarg = (long)fdnum, flags &= ~(unsigned long)MAP_ANONYMOUS;
		else if (prefix(t, "offset=") && parse_size(t + 7, &offset))
			;
		else if (seq_(t, "noreserve"))
			flags |= MAP_NORESERVE;
		else if (seq_(t, "populate"))
			flags |= MAP_POPULATE, refuse_thp_always();
		else if (seq_(t, "growsdown"))
			flags |= MAP_GROWSDOWN;
		else if (seq_(t, "locked"))
			flags |= MAP_LOCKED;
		else if (seq_(t, "stack"))
			flags |= MAP_STACK;
		else
			die("mmap: unknown option", t);
	}
	if (file) {
		char path[512];

		join(path, sizeof(path), tmpdir, file);
		fd = sys(__NR_open, path, O_RDWR, 0);
		if (fd < 0) {
			puts_(st.actor);
			puts_(": openat(AT_FDCWD, \"");
			puts_(file);
			puts_("\", O_RDWR)");
			result(fd, false);
			return;
		}
	}
	if (fdarg >= 0)
		fd = fdarg;
	puts_(st.actor);
	puts_(": mmap(");
	if (addr)
		putu(addr, 16);
	else
		puts_("NULL");
	puts_(", ");
	putu(size, 10);
	puts_(", ...)");
	ret = msys6(__NR_mmap, (long)addr, (long)size, prot, (long)flags, fd, (long)offset);
	if (fd >= 0 && file)
		sys(__NR_close, fd, 0, 0);
	result(ret, true);
	if (ret < 0 && ret > -4096)
		return;
	v = &st.vars[st.nr_vars++];
	memcpy(v->name, argv[1], slen(argv[1]) + 1);
	v->addr = (uint64_t)ret;
	v->len = (size + PAGE - 1) & ~(PAGE - 1);
}

static void cmd_munmap(int argc, char **argv)
{
	uint64_t addr, len;

	if (argc != 2)
		die("munmap: expected NAME: munmap VAR[START:END]", NULL);
	parse_range(argv[1], &addr, &len);
	puts_(st.actor);
	puts_(": munmap(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	puts_(")");
	result(msys(__NR_munmap, addr, len, 0), false);
}

static void cmd_mprotect(int argc, char **argv)
{
	uint64_t addr, len;
	int prot;

	if (argc != 3)
		die("mprotect: expected NAME: mprotect VAR[START:END] PROT", NULL);
	parse_range(argv[1], &addr, &len);
	prot = parse_prot(argv[2]);
	puts_(st.actor);
	puts_(": mprotect(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	puts_(", ...)");
	result(msys(__NR_mprotect, addr, len, prot), false);
}

/* brk SIZE|+DELTA|-DELTA as mmsim's cmd_brk computes the new break. */
static void cmd_brk(int argc, char **argv)
{
	uint64_t cur, size, want, got;
	const char *t;

	if (argc != 2)
		die("brk: expected NAME: brk SIZE|+DELTA|-DELTA", NULL);
	t = argv[1];
	if (!parse_size(t + (*t == '+' || *t == '-'), &size))
		die("brk: not a size", t);
	cur = (uint64_t)msys(__NR_brk, 0, 0, 0);
	if (*t == '+')
		want = cur + size;
	else if (*t == '-')
		want = size > cur ? 0 : cur - size;
	else
		want = st.start_brk + size;
	if (want < cur && *t == '+')
		want = UINT64_MAX;
	got = (uint64_t)msys(__NR_brk, want, 0, 0);
	puts_(st.actor);
	puts_(": brk(");
	putu(want, 16);
	puts_(") = ");
	putu(got, 16);
	puts_("\n");
	flush();
	st.have_last = true;
	st.last_err = got == want ? 0 : -ENOMEM;
}

/* A RANGE: VAR[START:END] or ADDR LEN (madvise, mlock); words used. */
static int parse_any_range(int argc, char **argv, uint64_t *addr, uint64_t *len)
{
	if (argc >= 3 && argv[1][0] >= '0' && argv[1][0] <= '9') {
		if (!parse_u64(argv[1], addr) || !parse_size(argv[2], len))
			die("bad ADDR LEN at", argv[1]);
		return 2;
	}
	if (argc < 2)
		die("missing range", NULL);
	parse_range(argv[1], addr, len);
	return 1;
}

/* Sets VAR (a new one if needed) to a range, as cmd_mremap.c's set_var. */
static void set_var(const char *name, uint64_t addr, uint64_t len)
{
	struct var *v = find_var(name, slen(name));

	if (!v) {
		if (st.nr_vars == MAX_VARS || slen(name) >= sizeof(v->name))
			die("too many VARs or too long a name:", name);
		v = &st.vars[st.nr_vars++];
		memcpy(v->name, name, slen(name) + 1);
	}
	v->addr = addr;
	v->len = len;
}

/* mremap VAR[START:END] NEWSIZE [maymove] [fixed=ADDR] [dontunmap] [as NEWVAR] */
static void cmd_mremap(int argc, char **argv)
{
	uint64_t addr, old_len, new_len, new_addr = 0;
	unsigned long flags = 0;
	const char *as = NULL;
	long ret;

	if (argc < 3)
		die("mremap: expected NAME: mremap VAR[START:END] NEWSIZE ...", NULL);
	parse_range(argv[1], &addr, &old_len);
	if (!parse_size(argv[2], &new_len))
		die("mremap: not a size", argv[2]);
	for (int i = 3; i < argc; i++) {
		if (seq_(argv[i], "maymove"))
			flags |= MREMAP_MAYMOVE;
		else if (seq_(argv[i], "dontunmap"))
			flags |= MREMAP_DONTUNMAP;
		else if (prefix(argv[i], "fixed=") && parse_u64(argv[i] + 6, &new_addr))
			flags |= MREMAP_FIXED;
		else if (seq_(argv[i], "as") && i + 1 < argc)
			as = argv[++i];
		else
			die("mremap: unknown option", argv[i]);
	}
	puts_(st.actor);
	puts_(": mremap(");
	putu(addr, 16);
	puts_(", ");
	putu(old_len, 10);
	puts_(", ");
	putu(new_len, 10);
	puts_(", ");
	putu(flags, 10);
	if (flags & MREMAP_FIXED) {
		puts_(", ");
		putu(new_addr, 16);
	}
	puts_(")");
	ret = msys6(__NR_mremap, (long)addr, (long)old_len, (long)new_len, (long)flags,
		   (long)new_addr, 0);
	result(ret, true);
	if (ret < 0 && ret > -4096)
		return;
	for (char *p = argv[1]; *p; p++)	/* VAR[START:END]: VAR names the new range */
		if (*p == '[')
			*p = '\0';
	set_var(as ? as : argv[1], (uint64_t)ret, (new_len + PAGE - 1) & ~(PAGE - 1));
}

/* Linux's MADV_* by name, as cmd_madvise.c spells them. */
static const struct { int value; const char *name; } madv_names[] = {
	{ 0, "normal" }, { 1, "random" }, { 2, "sequential" }, { 3, "willneed" },
	{ 4, "dontneed" }, { 8, "free" }, { 9, "remove" }, { 10, "dontfork" },
	{ 11, "dofork" }, { 12, "mergeable" }, { 13, "unmergeable" }, { 14, "hugepage" },
	{ 15, "nohugepage" }, { 16, "dontdump" }, { 17, "dodump" }, { 18, "wipeonfork" },
	{ 19, "keeponfork" }, { 20, "cold" }, { 21, "pageout" }, { 22, "populate_read" },
	{ 23, "populate_write" }, { 24, "dontneed_locked" }, { 25, "collapse" },
};

/* madvise RANGE ADVICE (a lower-case name or a number). */
static void cmd_madvise(int argc, char **argv)
{
	uint64_t addr, len, v;
	int used = parse_any_range(argc, argv, &addr, &len), advice = -1;
	const char *t;

	if (argc != used + 2)
		die("madvise: expected NAME: madvise RANGE ADVICE", NULL);
	t = argv[used + 1];
	for (size_t i = 0; i < sizeof(madv_names) / sizeof(madv_names[0]); i++)
		if (seq_(t, madv_names[i].name))
			advice = madv_names[i].value;
	if (advice < 0 && parse_u64(t, &v))
		advice = (int)v;
	if (advice < 0)
		die("madvise: unknown advice (the host runner takes lower-case names or numbers)", t);
	puts_(st.actor);
	puts_(": madvise(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	puts_(", ");
	putu((uint64_t)advice, 10);
	puts_(")");
	result(msys(__NR_madvise, addr, len, advice), false);
}

/* mlock RANGE, munlock RANGE, mlock2 RANGE [onfault]. */
static void cmd_mlock(int argc, char **argv)
{
	uint64_t addr, len;
	int used = parse_any_range(argc, argv, &addr, &len);
	bool two = seq_(argv[0], "mlock2"), onfault = false;
	long ret;

	if (two && argc == used + 2 && seq_(argv[used + 1], "onfault"))
		onfault = true;
	else if (argc != used + 1)
		die("expected NAME: mlock|munlock RANGE or mlock2 RANGE [onfault], got", argv[0]);
	puts_(st.actor);
	puts_(": ");
	puts_(argv[0]);
	puts_("(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	if (two)
		puts_(onfault ? ", 1" : ", 0");
	puts_(")");
	if (two)
		ret = msys(__NR_mlock2, addr, len, onfault ? 1 : 0);
	else
		ret = msys(seq_(argv[0], "mlock") ? __NR_mlock : __NR_munlock, addr, len, 0);
	result(ret, false);
}

/* prlimit RESOURCE [SOFT [HARD]]: prlimit64 of this process. */
static void cmd_prlimit(int argc, char **argv)
{
	static const char *const names[] = {
		"cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile",
		"memlock", "as", "locks", "sigpending", "msgqueue", "nice", "rtprio", "rttime",
	};
	struct rlimit lim, old;
	uint64_t v;
	long res = -1, ret;

	if (argc < 2 || argc > 4)
		die("prlimit: expected NAME: prlimit RESOURCE [SOFT [HARD]]", NULL);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (seq_(argv[1], names[i]))
			res = (long)i;
	if (res < 0 && parse_u64(argv[1], &v))
		res = (long)v;
	if (res < 0)
		die("prlimit: the host runner takes lower-case resource names or numbers, not", argv[1]);
	puts_(st.actor);
	puts_(": prlimit64(0, ");
	putu((uint64_t)res, 10);
	if (argc == 2) {
		puts_(", NULL, ...)");
		result(msys6(__NR_prlimit64, 0, res, 0, (long)&old, 0, 0), false);
		return;
	}
	for (int i = 2; i < argc; i++) {
		uint64_t *dst = i == 2 ? (uint64_t *)&lim.rlim_cur : (uint64_t *)&lim.rlim_max;

		if (seq_(argv[i], "unlimited") || seq_(argv[i], "infinity"))
			*dst = UINT64_MAX;
		else if (!parse_size(argv[i], dst))
			die("prlimit: bad limit", argv[i]);
	}
	if (argc == 3) {	/* the hard limit stays, as cmd_prlimit reads it first */
		if (sys6(__NR_prlimit64, 0, res, 0, (long)&old, 0, 0) == 0)
			lim.rlim_max = old.rlim_max;
		else
			lim.rlim_max = lim.rlim_cur;
	}
	puts_(", {...}, NULL)");
	ret = msys6(__NR_prlimit64, 0, res, (long)&lim, 0, 0, 0);
	result(ret, false);
}

/* mlockall current|future|onfault..., munlockall. */
static void cmd_mlockall(int argc, char **argv)
{
	long flags = 0;
	uint64_t v;

	if (seq_(argv[0], "munlockall")) {
		if (argc != 1)
			die("munlockall takes nothing", NULL);
		puts_(st.actor);
		puts_(": munlockall()");
		result(msys(__NR_munlockall, 0, 0, 0), false);
		return;
	}
	for (int i = 1; i < argc; i++) {
		if (seq_(argv[i], "current"))
			flags |= 1;
		else if (seq_(argv[i], "future"))
			flags |= 2;
		else if (seq_(argv[i], "onfault"))
			flags |= 4;
		else if (parse_u64(argv[i], &v))	/* a number goes as is */
			flags |= (long)v;
		else
			die("mlockall: expected current, future, onfault or a number, got", argv[i]);
	}
	puts_(st.actor);
	puts_(": mlockall(");
	putu((uint64_t)flags, 10);
	puts_(")");
	result(msys(__NR_mlockall, flags, 0, 0), false);
}

/* msync RANGE [async|sync] [invalidate], mincore RANGE. */
static void cmd_msync_mincore(int argc, char **argv)
{
	unsigned char vec[256];
	uint64_t addr, len;
	int used = parse_any_range(argc, argv, &addr, &len);
	bool sync_ = seq_(argv[0], "msync");
	long flags = 0;

	for (int i = used + 1; i < argc; i++) {
		if (sync_ && seq_(argv[i], "async"))
			flags |= 1;
		else if (sync_ && seq_(argv[i], "invalidate"))
			flags |= 2;
		else if (sync_ && seq_(argv[i], "sync"))
			flags |= 4;
		else
			die("unexpected word", argv[i]);
	}
	if (!sync_ && (len + PAGE - 1) / PAGE > sizeof(vec))
		die("mincore: the host runner takes at most 1M", NULL);
	puts_(st.actor);
	puts_(sync_ ? ": msync(" : ": mincore(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	puts_(sync_ ? ", ...)" : ", [...])");
	result(msys(sync_ ? __NR_msync : __NR_mincore, addr, len, sync_ ? flags : (long)vec),
	       false);
}

/* open PATH [rdonly|wronly|rdwr] [creat] [excl] [cloexec]: a descriptor of a file under tmpdir. */
static void cmd_open(int argc, char **argv)
{
	char path[512];
	long flags = O_RDONLY;

	if (argc < 2 || argv[1][0] != '/')
		die("open: expected NAME: open /PATH [rdonly|wronly|rdwr] [creat] [excl] [cloexec]", NULL);
	for (int i = 2; i < argc; i++) {
		if (seq_(argv[i], "rdonly"))
			flags = (flags & ~3l) | O_RDONLY;
		else if (seq_(argv[i], "wronly"))
			flags = (flags & ~3l) | O_WRONLY;
		else if (seq_(argv[i], "rdwr"))
			flags = (flags & ~3l) | O_RDWR;
		else if (seq_(argv[i], "creat"))
			flags |= O_CREAT;
		else if (seq_(argv[i], "excl"))
			flags |= O_EXCL;
		else if (seq_(argv[i], "cloexec"))
			flags |= O_CLOEXEC;
		else
			die("open: unknown flag", argv[i]);
	}
	join(path, sizeof(path), tmpdir, argv[1]);
	puts_(st.actor);
	puts_(": openat(AT_FDCWD, \"");
	puts_(argv[1]);
	puts_("\", ...)");
	result(msys(__NR_open, path, flags, 0644), false);
}

/* close FD */
static void cmd_close(int argc, char **argv)
{
	uint64_t fd;

	if (argc != 2 || !parse_u64(argv[1], &fd))
		die("close: expected NAME: close FD", NULL);
	puts_(st.actor);
	puts_(": close(");
	putu(fd, 10);
	puts_(")");
	result(msys(__NR_close, fd, 0, 0), false);
}

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

/* ---- read and write: touching memory, faults measured ---- */

/* The touch loop running now, for the SIGSEGV handler. */
static struct touching {
	bool active;			/* a loop is between its two getrusage calls */
	bool write;			/* stores, not loads */
	const char *range;		/* the RANGE as the sequence wrote it */
	uint64_t addr, len;		/* what it touches */
	const struct rusage *before;	/* getrusage at the window's start */
} touching;

/* "p: write buf[0:68K] 0x...-0x...: 17 pages, 17 minor faults" as mmsim's cmd_access prints. */
static void access_line(uint64_t pages, uint64_t faults)
{
	puts_(st.actor);
	puts_(touching.write ? ": write " : ": read ");
	puts_(touching.range);
	puts_(" ");
	putu(touching.addr, 16);
	puts_("-");
	putu(touching.addr + touching.len, 16);
	puts_(": ");
	putu(pages, 10);
	puts_(" pages, ");
	putu(faults, 10);
	puts_(" minor faults");
}

/* The part of x86's siginfo the handler reads. */
struct siginfo_fault {
	int signo, errno_, code, pad;
	uint64_t addr;		/* si_addr */
};

/*
 * SIGSEGV in a touch loop: count the window's faults, print the access
 * line as mmsim does for a process killed by a bad access, and return:
 * SA_RESETHAND has put back the default action, so the access faults
 * again and the process dies of SIGSEGV (the parent sees it gone).
 * Outside a loop it only returns, and the default action kills.
 */
static void segv_handler(int sig, struct siginfo_fault *si, void *uc)
{
	struct rusage after;
	uint64_t page0, before_min;

	sys(__NR_getrusage, RUSAGE_SELF, &after, 0);	/* first: nothing else counted */
	(void)sig, (void)uc;
	if (!touching.active)
		return;
	touching.active = false;
	before_min = (uint64_t)touching.before->ru_minflt;
	add_faults(touching.before, &after);
	page0 = touching.addr & ~(PAGE - 1);
	access_line(((si->addr & ~(PAGE - 1)) - page0) / PAGE,
		    (uint64_t)after.ru_minflt - before_min);
	puts_(", SIGSEGV at ");
	putu(si->addr, 16);
	puts_(" (killed)\n");
	flush();
	report_end();
}

/* rt_sigreturn for the handler's frame (the kernel wants SA_RESTORER on x86-64). */
void hostrun_restorer(void);
__asm__(".text\n"
	"hostrun_restorer:\n"
	"	mov $15, %eax\n"	/* __NR_rt_sigreturn */
	"	syscall\n"
	"	hlt\n");

/* The handler above for SIGSEGV, once per process (fork keeps it). */
static void catch_segv(void)
{
	struct {
		void *handler;
		unsigned long flags;
		void (*restorer)(void);
		uint64_t mask;
	} act = { (void *)segv_handler, SA_SIGINFO | SA_RESTORER | SA_RESETHAND,
		  hostrun_restorer, 0 };

	if (sys6(__NR_rt_sigaction, SIGSEGV, (long)&act, 0, 8, 0, 0) < 0)
		die("cannot catch SIGSEGV", NULL);
}

/*
 * read RANGE [seq] / write RANGE [seq]: one load (a zero byte stored) at
 * the start of every page, in address order, as mmsim's access verbs;
 * the loop is one measurement window.  A bad access kills the process
 * (segv_handler prints its line first): only a forked child may do one.
 */
static void cmd_access(int argc, char **argv)
{
	struct rusage before, after;
	uint64_t addr, len, a, pages = 0;

	if (argc < 2 || argc > 3 || (argc == 3 && !seq_(argv[2], "seq") &&
				     !seq_(argv[2], "pattern=seq")))
		die("expected NAME: read|write VAR[START:END] [seq], got", argv[0]);
	parse_range(argv[1], &addr, &len);
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	touching = (struct touching){ true, argv[0][0] == 'w', argv[1], addr, len, &before };
	warm_stack();
	sys(__NR_getrusage, RUSAGE_SELF, &before, 0);
	for (a = addr & ~(PAGE - 1); a < addr + len; a += PAGE) {
		volatile char *p = (volatile char *)(a < addr ? addr : a);

		if (touching.write)
			*p = 0;
		else
			(void)*p;
		pages++;
	}
	sys(__NR_getrusage, RUSAGE_SELF, &after, 0);
	touching.active = false;
	add_faults(&before, &after);
	access_line(pages, (uint64_t)(after.ru_minflt - before.ru_minflt));
	puts_("\n");
	flush();
	st.have_last = true;
	st.last_err = 0;
}

/* cat /proc/NAME/stat: this process's line, minflt to cmajflt the measured counts. */
static void cat_stat(void)
{
	char text[1024];
	const char *p;
	int field = 2;

	if (read_small("/proc/self/stat", text, sizeof(text)) <= 0)
		die("cannot read /proc/self/stat", NULL);
	for (p = text; *p; p++)		/* field 2 ends at the last ')' */
		;
	while (p > text && *p != ')')
		p--;
	putn(text, (size_t)(p - text));
	for (; *p; p++) {
		if (*p == ' ')
			field++;
		if (*p == ' ' && field >= 10 && field <= 13) {
			/* minflt cminflt majflt cmajflt */
			const uint64_t v[] = { flt.min, cflt.min, flt.maj, cflt.maj };

			puts_(" ");
			putu(v[field - 10], 10);
			for (p++; p[1] && p[1] != ' '; p++)
				;
			continue;
		}
		putn(p, 1);
	}
	flush();
}

/* ---- children: fork makes a process that runs its commands sent by pipe ---- */

static struct child {
	char name[32];		/* the CHILD of NAME: fork CHILD */
	long pid;
	int cmd_fd;		/* we write its commands here ... */
	int ack_fd;		/* ... and read one byte when each is done */
	bool exited;		/* told to exit (its ack pipe closed) */
	bool reaped;		/* waited for */
	struct faults end;	/* its counts as it ended (report_end) */
} children[8];
static int nr_children;

static int run_line(char *line);

static struct child *find_child(const char *name, size_t n)
{
	for (int i = 0; i < nr_children; i++)
		if (slen(children[i].name) == n && !memcmp(children[i].name, name, n))
			return &children[i];
	return NULL;
}

static bool read_all(long fd, void *buf, size_t n)
{
	for (size_t got = 0; got < n;) {
		long r = sys(__NR_read, fd, (char *)buf + got, n - got);

		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

/* A child's life: run each command the parent sends, ack, until told to exit. */
static void child_loop(int cmd_fd, int ack_fd)
{
	char line[LINE_MAX_];
	uint32_t n;
	int failed;

	parent_ack_fd = ack_fd;
	for (;;) {
		if (!read_all(cmd_fd, &n, sizeof(n)) || n >= sizeof(line) || !read_all(cmd_fd, line, n))
			sys(__NR_exit_group, 0, 0, 0);	/* the parent is done */
		line[n] = '\0';
		failed = run_line(line);
		flush();
		sys(__NR_write, ack_fd, failed ? "f" : "k", 1);
	}
}

/* fork CHILD: the child takes the name and waits for its commands. */
static void cmd_fork(int argc, char **argv)
{
	int cmd[2], ack[2];
	struct child *c;
	long pid;

	if (argc != 2 || is_child || nr_children == 8 || slen(argv[1]) >= sizeof(c->name) ||
	    find_child(argv[1], slen(argv[1])) || seq_(argv[1], st.actor))
		die("fork: NAME: fork CHILD, a new name, up to 8, from the spawned process only", NULL);
	if (sys(__NR_pipe2, cmd, 0, 0) < 0 || sys(__NR_pipe2, ack, 0, 0) < 0)
		die("fork: no pipe", NULL);
	flush();
	pid = msys(__NR_fork, 0, 0, 0);
	if (pid < 0)
		die("fork failed", NULL);
	if (pid == 0) {
		for (int i = 0; i < nr_children; i++) {
			sys(__NR_close, children[i].cmd_fd, 0, 0);
			sys(__NR_close, children[i].ack_fd, 0, 0);
		}
		sys(__NR_close, cmd[1], 0, 0);
		sys(__NR_close, ack[0], 0, 0);
		is_child = true;
		nr_children = 0;
		flt = cflt = (struct faults){ 0, 0 };	/* copy_process: the child's own */
		prefault_image();
		memcpy(st.actor, argv[1], slen(argv[1]) + 1);
		child_loop(cmd[0], ack[1]);
	}
	sys(__NR_close, cmd[0], 0, 0);
	sys(__NR_close, ack[1], 0, 0);
	c = &children[nr_children++];
	memcpy(c->name, argv[1], slen(argv[1]) + 1);
	c->pid = pid;
	c->cmd_fd = cmd[1];
	c->ack_fd = ack[0];
	puts_(st.actor);
	puts_(": fork()");
	result(pid, false);
}

/*
 * Hand a child its command (the words joined again) and wait until it is
 * done; returns 1 if it was an expect that failed.  @may_end: the child
 * may be gone after it (exit, or killed by a bad access).
 */
static int forward(struct child *c, int argc, char **argv, bool may_end)
{
	char line[LINE_MAX_];
	uint32_t n = 0;
	char k = 0;

	if (c->exited)
		die("a command for a child that exited:", c->name);
	for (int i = 0; i < argc; i++) {
		size_t wl = slen(argv[i]);

		if (n + wl + 2 >= sizeof(line))
			die("line too long", NULL);
		memcpy(line + n, argv[i], wl);
		n += (uint32_t)wl;
		line[n++] = ' ';
	}
	flush();
	if (sys(__NR_write, c->cmd_fd, &n, sizeof(n)) != sizeof(n) ||
	    sys(__NR_write, c->cmd_fd, line, n) != n)
		die("cannot reach child", c->name);
	if (sys(__NR_read, c->ack_fd, &k, 1) == 1 && k != 'e')
		return k == 'f';
	if (k == 'e' && !read_all(c->ack_fd, &c->end, sizeof(c->end)))
		die("a child's end report was cut short:", c->name);
	if (!may_end)
		die("the child died running its command:", c->name);
	c->exited = true;
	return 0;
}

/* exit [CODE] of a child (in the child). */
static void cmd_exit(int argc, char **argv)
{
	uint64_t code = 0;

	if (!is_child || argc > 2 || (argc == 2 && (!parse_u64(argv[1], &code) || code > 255)))
		die("exit: only a forked child exits here, NAME: exit [CODE]", NULL);
	flush();
	report_end();
	sys(__NR_exit_group, (long)code, 0, 0);
}

/* wait CHILD (the parent): wait4 of a child told to exit, else WNOHANG. */
static void cmd_wait(int argc, char **argv)
{
	struct child *c = argc == 2 ? find_child(argv[1], slen(argv[1])) : NULL;
	int status;
	long ret;

	if (!c || is_child)
		die("wait: NAME: wait CHILD, a child of the spawned process", NULL);
	puts_(st.actor);
	puts_(": wait4(");
	putu((uint64_t)c->pid, 10);
	puts_(", ...)");
	ret = sys6(__NR_wait4, c->pid, (long)&status, c->exited ? 0 : 1 /* WNOHANG */, 0, 0, 0);
	if (ret == c->pid) {
		c->reaped = true;
		cflt.min += c->end.min;
		cflt.maj += c->end.maj;
	}
	result(ret, false);
}

/* At the end: children still running are told to stop, all are reaped. */
static void end_children(void)
{
	int status;

	for (int i = 0; i < nr_children; i++) {
		sys(__NR_close, children[i].cmd_fd, 0, 0);
		if (!children[i].reaped)
			sys6(__NR_wait4, children[i].pid, (long)&status, 0, 0, 0, 0);
	}
	nr_children = 0;
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

/* One command (already cut into words); returns 1 if an expect failed. */
static int run_command(int argc, char **argv)
{
	size_t an = slen(argv[0]);
	struct child *c = NULL;

	if (argv[0][an - 1] == ':')		/* a child's command goes to it */
		c = find_child(argv[0], an - 1);
	else if (seq_(argv[0], "cat") && argc == 2 && prefix(argv[1], "/proc/"))
		for (int i = 0; i < nr_children && !c; i++)
			if (prefix(argv[1] + 6, children[i].name) &&
			    argv[1][6 + slen(children[i].name)] == '/')
				c = &children[i];
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
	if (seq_(argv[0], "spawn")) {
		cmd_spawn(argc, argv);
		return 0;
	}
	if (seq_(argv[0], "file")) {
		cmd_file(argc, argv);
		return 0;
	}
	if (seq_(argv[0], "sysctl")) {
		for (int i = 1; i < argc; i++)
			do_sysctl(argv[i]);
		return 0;
	}
	if (seq_(argv[0], "cat") && argc == 2 && prefix(argv[1], "/proc/") && st.actor[0] &&
	    prefix(argv[1] + 6, st.actor) && argv[1][6 + slen(st.actor)] == '/') {
		const char *f = argv[1] + 7 + slen(st.actor);

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
		return 0;
	}
	if (seq_(argv[0], "expect"))
		return cmd_expect(argc, argv);
	die("the host runner cannot run", argv[0]);
	return 0;
}

/* One line: cut at # and ;, then into words. */
static int run_line(char *line)
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
