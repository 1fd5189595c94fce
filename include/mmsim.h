/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmsim's public API: boot a machine, read and write its files, let time
 * pass, drive its kernel directly, check its invariants, tear it down.
 * tools/ and tests/ talk to the simulator only through this header.
 *
 * Every function that can fail returns 0 or a negative errno, as the
 * kernel does; none of them prints anything to stdout or stderr.
 */
#ifndef _MMSIM_H
#define _MMSIM_H

#include <stddef.h>
#include <stdint.h>

#define MMSIM_VERSION "0.1.0"

struct machine;

/* The default machine when a script does not boot one. */
#define MMSIM_DEFAULT_CMDLINE "mem=2G nr_cpus=2 transparent_hugepage=madvise"

/*
 * mmsim_boot - boot a machine from a Linux kernel command line.
 * @seed is the PRNG seed unless the line has mmsim.seed=.
 * Returns 0 and the machine in *out, or -EINVAL with a one-line reason in
 * @err ("mem=abc: not a size (expected a size such as 512M or 8G)") for a
 * value mmsim cannot boot with, or -ENOMEM.  Unknown parameters are not
 * errors: they are logged as Linux logs them.
 */
int mmsim_boot(const char *cmdline, uint64_t seed, struct machine **out,
	       char *err, size_t errlen);

/* mmsim_destroy - free a machine and everything it holds. */
void mmsim_destroy(struct machine *m);

/*
 * mmsim_read - the contents of a file of the machine (/proc/meminfo,
 * /sys/devices/system/node/node0/meminfo, /proc/sys/vm/...) in a malloc'd
 * NUL-terminated buffer (*out, length *len).  Returns 0, -ENOENT, -EISDIR
 * or -EACCES.
 */
int mmsim_read(struct machine *m, const char *path, char **out, size_t *len);

/*
 * mmsim_write - `echo VALUE > PATH`.  Returns 0, -ENOENT, -EISDIR, -EACCES
 * or -EINVAL (the value is rejected as Linux rejects it; nothing changes).
 */
int mmsim_write(struct machine *m, const char *path, const char *value);

/*
 * mmsim_readdir - entries of directory @path (sorted, directories end in
 * '/') as a malloc'd array of malloc'd strings; free with mmsim_free_list.
 * Returns 0, -ENOENT or -ENOTDIR.
 */
int mmsim_readdir(struct machine *m, const char *path, char ***names, size_t *nr);
void mmsim_free_list(char **names, size_t nr);

/* mmsim_dmesg - the kernel log as dmesg prints it (malloc'd). */
char *mmsim_dmesg(struct machine *m);

/* mmsim_sleep - let @ns of virtual time pass. */
void mmsim_sleep(struct machine *m, uint64_t ns);

/* mmsim_clock_ns - virtual nanoseconds since boot. */
uint64_t mmsim_clock_ns(const struct machine *m);

/* mmsim_seed - reseed the machine's PRNG. */
void mmsim_seed(struct machine *m, uint64_t seed);

/*
 * mmsim_validate - run every subsystem's validator.  Returns 0, or
 * -EUCLEAN with the first inconsistency described in @err.
 */
int mmsim_validate(struct machine *m, char *err, size_t errlen);

/* ---- the kernel actor: what a test module would do ---- */

/*
 * mmsim_alloc_pages - alloc_pages_node(@nid, @gfp, @order) on CPU @cpu
 * (-1: the current CPU; @nid -1: NUMA_NO_NODE).  @gfp is text as Linux
 * prints it ("GFP_KERNEL|__GFP_ZERO", a 0x value; NULL means GFP_KERNEL).
 * Returns 0 and the first pfn in *pfn; -EINVAL for bad flags, order, node
 * or CPU (with the reason in @err); -ENOMEM when the allocation failed (the
 * failure report is in the log unless __GFP_NOWARN).
 */
int mmsim_alloc_pages(struct machine *m, unsigned int order, const char *gfp,
		      int nid, int cpu, unsigned long *pfn, char *err, size_t errlen);

/*
 * mmsim_free_pages - __free_pages(pfn_to_page(@pfn), @order).  Returns 0,
 * or -EINVAL when @pfn does not start an allocation of that order (then
 * Linux's "BUG: Bad page state" is logged and nothing is freed).
 */
int mmsim_free_pages(struct machine *m, unsigned long pfn, unsigned int order);

/* mmsim_drain_pages - drain_all_pages(): empty every per-CPU list. */
void mmsim_drain_pages(struct machine *m);

/* mmsim_strerror_name - "ENOMEM" for ENOMEM (positive errno). */
const char *mmsim_errno_name(int err);

/*
 * mmsim_errno_text - "Cannot allocate memory" for ENOMEM: the message
 * strace prints after the name (glibc's C-locale strerror text), from a
 * fixed table so it never depends on the host.  @err may be positive or
 * negative.  Returns NULL for a number Linux does not define (as
 * mmsim_errno_name does).
 */
const char *mmsim_errno_text(int err);

#endif
