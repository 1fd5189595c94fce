// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostrun_faults.c: the kernel-diff host runner's fault counts, the
 * minflt and majflt of the sequence's own operations (the comment below
 * says how they are measured), and `cat /proc/NAME/stat` showing them.
 *
 * Leaves out: every fault outside a window (the runner's own); counts
 * of grandchildren (there are none).
 *
 * Callers: the process verbs (msys, hostrun_mman.c), read/write
 * (hostrun_touch.c), fork and wait (hostrun_fork.c), hostrun.c.
 */
#include "hostrun.h"

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
struct faults flt, cflt;	/* this process's; its reaped children's (cminflt, cmajflt) */

#define STACK_WARM	(32ul << 10)	/* stack written below a window: frames, a signal frame */

extern char hostrun_image[], hostrun_data[], hostrun_image_end[];	/* hostrun.lds */

/* Every page of this program present, data and bss written (own copies after fork). */
void prefault_image(void)
{
	for (volatile char *p = hostrun_image; p < hostrun_data; p += PAGE)
		(void)*p;
	for (volatile char *p = hostrun_data; p < hostrun_image_end; p += PAGE)
		*p = *p;
}

/* STACK_WARM bytes of stack below the caller written: no window faults on its stack. */
__attribute__((noinline)) void warm_stack(void)
{
	volatile char pad[STACK_WARM];

	for (size_t i = 0; i < sizeof(pad); i += 256)
		pad[i] = 0;
}

void add_faults(const struct rusage *before, const struct rusage *after)
{
	flt.min += (uint64_t)(after->ru_minflt - before->ru_minflt);
	flt.maj += (uint64_t)(after->ru_majflt - before->ru_majflt);
}

int parent_ack_fd = -1;	/* a forked child's pipe to its parent, else -1 */

/*
 * A child about to end (exit, or killed by SIGSEGV) tells its parent its
 * counts: 'e' and struct faults on the ack pipe, for cminflt at wait
 * (wait_task_zombie adds the child's min_flt to the parent's cmin_flt).
 */
void report_end(void)
{
	char msg[1 + sizeof(struct faults)];

	if (parent_ack_fd < 0)
		return;
	msg[0] = 'e';
	memcpy(msg + 1, &flt, sizeof(flt));
	sys(__NR_write, parent_ack_fd, msg, sizeof(msg));
}

/* A system call of a command, its faults measured (the only window it has). */
__attribute__((noinline)) long msys6(long n, long a, long b, long c, long d, long e,
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

/* ---- the counts shown ---- */

/* cat /proc/NAME/stat: this process's line, minflt to cmajflt the measured counts. */
void cat_stat(void)
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
