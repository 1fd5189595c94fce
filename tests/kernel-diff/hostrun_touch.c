// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostrun_touch.c: `NAME: read RANGE` and `NAME: write RANGE` on the
 * host: one load (or a zero byte stored) at the start of every page,
 * the loop one fault-count window, printed as mmsim's cmd_access; a bad
 * access prints its line from the SIGSEGV handler and the process dies.
 *
 * Leaves out: access patterns but seq; surviving a SIGSEGV.
 *
 * Callers: run_verb (hostrun.c), catch_segv from hostrun() at start.
 */
#include "hostrun.h"

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
void catch_segv(void)
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
void cmd_access(int argc, char **argv)
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
