// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostrun_lib.c: the kernel-diff host runner's runtime, in place of a C
 * library: memset/memcpy/memcmp and string tests, buffered standard
 * output and die(), numbers as the mmsim language spells them, errno
 * names as strace prints them, small file helpers, and the sysctls a
 * sequence may write (put back at exit).  The system call itself is
 * sys6() in hostrun.h, inline so that none is a call.
 *
 * Leaves out: anything the runner does not use (no printf, no malloc:
 * buffers live on the stack); sysctls other than vm.overcommit_memory
 * and vm.max_map_count.
 *
 * Callers: every other hostrun*.c file (hostrun.h).
 */
#include "hostrun.h"

/* ---- the few library functions the compiler wants ---- */

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

size_t slen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

bool seq_(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

bool prefix(const char *s, const char *p)
{
	while (*p)
		if (*s++ != *p++)
			return false;
	return true;
}

/* ---- output: stdout buffered, flushed after every line ---- */

static char outbuf[1024];
static size_t outlen;

void flush(void)
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

void puts_(const char *s)
{
	while (*s) {
		if (outlen == sizeof(outbuf))
			flush();
		outbuf[outlen++] = *s++;
	}
}

void putn(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (outlen == sizeof(outbuf))
			flush();
		outbuf[outlen++] = s[i];
	}
}

void putu(uint64_t v, int base)
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

/* A sequence this host cannot run: say why on stderr, exit 2. */
void die(const char *what, const char *arg)
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
bool parse_digits(const char *s, uint64_t *v, const char **end)
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

bool parse_size_n(const char *s, size_t n, uint64_t *out)
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

bool parse_size(const char *s, uint64_t *out)
{
	return parse_size_n(s, slen(s), out);
}

bool parse_u64(const char *s, uint64_t *out)
{
	const char *end;

	return parse_digits(s, out, &end) && !*end;
}

/* ---- errno names, as strace prints them ---- */

const char *errno_name(long e)
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
long read_small(const char *path, char *buf, size_t size)
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
bool key_value(const char *text, const char *key, uint64_t *v)
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

void join(char *out, size_t size, const char *a, const char *b)
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

long write_file(const char *path, const char *val)
{
	long fd = sys(__NR_open, path, O_WRONLY, 0), n;

	if (fd < 0)
		return fd;
	n = sys(__NR_write, fd, val, slen(val));
	sys(__NR_close, fd, 0, 0);
	return n < 0 ? n : 0;
}

void restore_sysctls(void)
{
	for (size_t i = 0; i < NR_SYSCTLS; i++)
		if (sysctls[i].saved) {
			write_file(sysctls[i].path, sysctls[i].old);
			sysctls[i].saved = false;
		}
}

/* sysctl KEY=VALUE: only the whitelisted keys; the old value is kept. */
void do_sysctl(const char *arg)
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
