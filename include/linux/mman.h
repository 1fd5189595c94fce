/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmap's user-visible constants and the overcommit accounting interface
 * (Linux's include/linux/mman.h).  Implemented in mm/util.c; read by
 * fs/proc/meminfo.c; called by the mmap, brk, mremap, mprotect and
 * stack-growth paths as they land.
 */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#include "linux/mm.h"

/*
 * The VMA flags and the mmap flag the accounting rules read, with Linux's
 * values (include/linux/mm.h, include/uapi/asm-generic/mman-common.h).
 * Guarded: the VMA code's full set in include/linux/mm.h wins; these go
 * when it lands.
 */
#ifndef VM_WRITE
#define VM_WRITE	0x00000002UL
#endif
#ifndef VM_SHARED
#define VM_SHARED	0x00000008UL
#endif
#ifndef VM_ACCOUNT
#define VM_ACCOUNT	0x00100000UL
#endif
#ifndef VM_NORESERVE
#define VM_NORESERVE	0x00200000UL
#endif
#ifndef MAP_NORESERVE
#define MAP_NORESERVE	0x4000
#endif

/*
 * ---- Overcommit accounting (mm/util.c) ----
 * The machine's committed address space (vm_committed_as, Committed_AS in
 * /proc/meminfo), the limit strict overcommit enforces (vm_commit_limit,
 * CommitLimit) and the check every accounted mapping passes
 * (__vm_enough_memory), by the vm sysctls overcommit_memory,
 * overcommit_ratio, overcommit_kbytes, admin_reserve_kbytes and
 * user_reserve_kbytes (m->vm, kernel/sysctl.c).
 */

/* sysctl_overcommit_memory values (include/uapi/linux/mman.h). */
#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
#define OVERCOMMIT_NEVER	2

struct file;

/*
 * vm_acct_memory - add @pages (may be negative) to the machine's committed
 * address space.  Never fails; the counter is exact (Linux's is a percpu
 * counter whose reads may lag by a batch).
 */
void vm_acct_memory(struct machine *m, long pages);

/* vm_unacct_memory - vm_acct_memory(m, -@pages). */
void vm_unacct_memory(struct machine *m, long pages);

/*
 * vm_memory_committed - the committed address space in pages, never
 * negative (percpu_counter_read_positive): what Committed_AS shows.
 */
unsigned long vm_memory_committed(const struct machine *m);

/*
 * vm_commit_limit - the commit limit in pages (CommitLimit):
 * overcommit_kbytes in pages when it is non-zero, else
 * (totalram_pages - hugetlb pages) * overcommit_ratio / 100, plus the
 * swap pages.  Unsigned arithmetic as Linux's (a negative ratio wraps).
 */
unsigned long vm_commit_limit(const struct machine *m);

/*
 * __vm_enough_memory - may @pages more pages of address space be committed?
 * Charges them first (vm_acct_memory), then decides by overcommit_memory:
 * ALWAYS yes; GUESS no only if @pages exceeds RAM plus swap; NEVER yes only
 * if the new total stays strictly below vm_commit_limit, less
 * admin_reserve_kbytes unless @cap_sys_admin, less min(total_vm / 32,
 * user_reserve_kbytes) for a process (all in pages).
 *
 * @total_vm: &mm->total_vm of the process asking, or NULL when there is no
 * mm (Linux passes the mm and reads only its total_vm).
 * Returns 0 (the pages stay charged: the caller unaccounts them when the
 * mapping goes or shrinks) or -ENOMEM (nothing stays charged; Linux's
 * ratelimited "__vm_enough_memory: pid: ..." warning is logged).
 */
int __vm_enough_memory(struct machine *m, const unsigned long *total_vm,
		       long pages, int cap_sys_admin);

/*
 * accountable_mapping - is a mapping with @vm_flags charged to the commit
 * (does it get VM_ACCOUNT)?  Private writable and not VM_NORESERVE.
 * hugetlbfs files never are (their own reservations); none exist yet, so
 * @file is not looked at.
 */
bool accountable_mapping(const struct file *file, unsigned long vm_flags);

/*
 * mmap_noreserve_vm_flags - the VM_NORESERVE that mmap(2)'s @map_flags earn
 * (the MAP_NORESERVE rule of Linux's do_mmap): VM_NORESERVE when
 * MAP_NORESERVE is given and overcommit_memory is not OVERCOMMIT_NEVER
 * (strict accounting ignores it), else 0.  hugetlbfs files, for which
 * MAP_NORESERVE counts in every mode, do not exist yet.
 */
unsigned long mmap_noreserve_vm_flags(const struct machine *m, const struct file *file,
				      unsigned long map_flags);

#endif
