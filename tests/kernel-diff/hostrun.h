/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hostrun.h: what the files of the kernel-diff host runner share.
 *
 * The runner (hostrun.c has its whole story) is one freestanding
 * program in six files: hostrun.c (the sequence: lines, top-level
 * commands, start-up), hostrun_lib.c (system calls' library functions,
 * output, numbers, errno names, files, sysctls), hostrun_mman.c (the
 * process's VARs and its memory system calls), hostrun_faults.c (the
 * fault-count windows and `cat /proc/NAME/stat`), hostrun_touch.c
 * (`read`/`write` and their SIGSEGV) and hostrun_fork.c (the forked
 * children).  Private to them: not a library, no other caller.
 *
 * Leaves out: anything only one file uses (it stays static there).
 * Mutable state is file-scope here, as in any program of its own: the
 * runner is one process (and its forked copies), not the model.
 */
#ifndef HOSTRUN_H
#define HOSTRUN_H

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

/* ---- system calls (inline: no call inside a fault-count window) ---- */

/* System call @n with six arguments; returns its value or -errno. */
static inline long sys6(long n, long a, long b, long c, long d, long e, long f)
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

/* ---- hostrun_lib.c: the runtime ---- */

/* The C library's, for the compiler's own calls too: as the standard says. */
void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
/* strlen; strcmp(a, b) == 0; whether @s starts with @p. */
size_t slen(const char *s);
bool seq_(const char *a, const char *b);
bool prefix(const char *s, const char *p);

/* Standard output, buffered: puts_ / putn (@n bytes) / putu (@v in
 * base 10 or 16, "0x" before a nonzero hex) append, flush writes it out. */
void flush(void);
void puts_(const char *s);
void putn(const char *s, size_t n);
void putu(uint64_t v, int base);
/* A sequence this host cannot run: "SEQ:LINE: @what "@arg"" on stderr,
 * the sysctls put back (not in a child), exit 2.  Never returns. */
__attribute__((noreturn)) void die(const char *what, const char *arg);

/* Numbers: parse_digits reads C notation (false if no digit; *@end past
 * the digits); parse_size_n / parse_size a whole SIZE word (@n bytes or
 * NUL-ended; K, M, G, T, P, E suffixes); parse_u64 a whole number.
 * False on anything else. */
bool parse_digits(const char *s, uint64_t *v, const char **end);
bool parse_size_n(const char *s, size_t n, uint64_t *out);
bool parse_size(const char *s, uint64_t *out);
bool parse_u64(const char *s, uint64_t *out);
/* errno @e's name as strace prints it ("ENOMEM"), "E?" if unknown. */
const char *errno_name(long e);

/* Files: read_small reads @path whole into @buf (NUL-ended; bytes or
 * -errno); key_value finds "KEY: N" in @text (false if none); join puts
 * @a then @b into @out (dies if too long); write_file writes @val to
 * @path (0 or -errno). */
long read_small(const char *path, char *buf, size_t size);
bool key_value(const char *text, const char *key, uint64_t *v);
void join(char *out, size_t size, const char *a, const char *b);
long write_file(const char *path, const char *val);
/* sysctl KEY=VALUE @arg on the host, its old value kept (dies on a key
 * not allowed or a failed write); restore_sysctls puts them all back. */
void do_sysctl(const char *arg);
void restore_sysctls(void);

/* ---- hostrun.c: the sequence ---- */

extern const char *seq_path, *tmpdir;	/* argv: the sequence, the files' directory */
extern int lineno;			/* the line running, for die */
extern bool is_child;			/* this process is a forked child */

/* One line: cut at # and ;, each command run; returns 1 if an expect failed. */
int run_line(char *line);

/* ---- hostrun_mman.c: the process and its memory system calls ---- */

struct var {
	char name[32];
	uint64_t addr;		/* where mmap put it */
	uint64_t len;		/* its length, page aligned */
};

struct state {
	char actor[32];			/* this process's name, "" before spawn */
	char exe[48];			/* "/usr/bin/" + the spawned name: this program in maps */
	char self[256];			/* this program's path (/proc/self/exe) */
	struct var vars[MAX_VARS];	/* VAR -> range, as mmsim's proc_var list */
	int nr_vars;
	bool have_last;			/* some call ran: last_err is its result */
	long last_err;			/* 0 or -errno of the last call */
	uint64_t start_brk;		/* from /proc/self/stat at start */
};
extern struct state st;

/* The VAR named by @name's first @n bytes, NULL if none. */
struct var *find_var(const char *name, size_t n);
/* VAR[START:END] @text's address and length; dies on a bad range. */
void parse_range(const char *text, uint64_t *addr, uint64_t *len);
/* [prot=]none|r|rw|rx|rwx|w|x|wx as PROT_*; dies on anything else. */
int parse_prot(const char *t);
/* Prints " = RESULT" for @ret (hex if @is_addr, "-1 ENAME" for an
 * error) and records it as `last`. */
void result(long ret, bool is_addr);

/* The process verbs (NAME: VERB ARGS, @argv[0] the verb): each makes
 * its system call, prints it strace style with result(), and dies on
 * words the runner does not take. */
void cmd_mmap(int argc, char **argv);
void cmd_munmap(int argc, char **argv);
void cmd_mprotect(int argc, char **argv);
void cmd_brk(int argc, char **argv);
void cmd_mremap(int argc, char **argv);
void cmd_madvise(int argc, char **argv);
void cmd_mlock(int argc, char **argv);
void cmd_prlimit(int argc, char **argv);
void cmd_mlockall(int argc, char **argv);
void cmd_msync_mincore(int argc, char **argv);
void cmd_open(int argc, char **argv);
void cmd_close(int argc, char **argv);

/* ---- hostrun_faults.c: fault counts ---- */

struct faults {
	uint64_t min, maj;
};
extern struct faults flt, cflt;	/* this process's; its reaped children's (cminflt, cmajflt) */
extern int parent_ack_fd;	/* a forked child's pipe to its parent, else -1 */

/* Every page of the image present, data and bss written. */
void prefault_image(void);
/* 32 KiB of stack below the caller written (no faults on it in a window). */
__attribute__((noinline)) void warm_stack(void);
/* flt += the faults between two getrusage results. */
void add_faults(const struct rusage *before, const struct rusage *after);
/* A child about to end sends its counts to its parent (no-op in the parent). */
void report_end(void);
/* A command's system call, its faults added to flt; returns its value. */
__attribute__((noinline)) long msys6(long n, long a, long b, long c, long d, long e, long f);
#define msys(n, a, b, c)	msys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
/* cat /proc/NAME/stat with the measured counts; dies if it cannot read it. */
void cat_stat(void);

/* ---- hostrun_touch.c: read and write ---- */

/* Installs the SIGSEGV handler of the touch loops; dies if it cannot. */
void catch_segv(void);
/* NAME: read|write RANGE [seq]: touch every page, faults measured. */
void cmd_access(int argc, char **argv);

/* ---- hostrun_fork.c: children ---- */

struct child {
	char name[32];		/* the CHILD of NAME: fork CHILD */
	long pid;
	int cmd_fd;		/* we write its commands here ... */
	int ack_fd;		/* ... and read one byte when each is done */
	bool exited;		/* told to exit (its ack pipe closed) */
	bool reaped;		/* waited for */
	struct faults end;	/* its counts as it ended (report_end) */
};
extern struct child children[8];
extern int nr_children;

/* The child named by @name's first @n bytes, NULL if none. */
struct child *find_child(const char *name, size_t n);
/* Runs @argv in child @c; returns 1 if it was a failed expect.  @may_end:
 * the child may end running it (else its end dies). */
int forward(struct child *c, int argc, char **argv, bool may_end);
/* NAME: fork CHILD, CHILD: exit [CODE], NAME: wait CHILD. */
void cmd_fork(int argc, char **argv);
void cmd_exit(int argc, char **argv);
void cmd_wait(int argc, char **argv);
/* At the end: every child told to stop and reaped. */
void end_children(void);

#endif /* HOSTRUN_H */
