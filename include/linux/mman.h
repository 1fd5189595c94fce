/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmap's user-visible constants (Linux's uapi asm-generic/mman-common.h,
 * asm-generic/mman.h, linux/mman.h), the translation of PROT_* and MAP_*
 * into VM_* flags (calc_vm_prot_bits, calc_vm_flag_bits; used by
 * mm/mmap.c) and the overcommit accounting interface (implemented in
 * mm/util.c; read by fs/proc/meminfo.c; called by the mmap, brk, mremap,
 * mprotect and stack-growth paths as they land).  The VM_* flags are in
 * include/linux/mm.h, as in Linux.
 */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#include "linux/mm.h"

#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_SEM	0x8
#define PROT_GROWSDOWN	0x01000000
#define PROT_GROWSUP	0x02000000

#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_DROPPABLE		0x08
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_GROWSDOWN		0x0100
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_HUGETLB		0x40000
#define MAP_SYNC		0x80000
#define MAP_FIXED_NOREPLACE	0x100000
#define MAP_UNINITIALIZED	0x4000000

/* madvise(2) advice (include/uapi/asm-generic/mman-common.h). */
#define MADV_NORMAL		0
#define MADV_RANDOM		1
#define MADV_SEQUENTIAL		2
#define MADV_WILLNEED		3
#define MADV_DONTNEED		4
#define MADV_FREE		8
#define MADV_REMOVE		9
#define MADV_DONTFORK		10
#define MADV_DOFORK		11
#define MADV_MERGEABLE		12
#define MADV_UNMERGEABLE	13
#define MADV_HUGEPAGE		14
#define MADV_NOHUGEPAGE		15
#define MADV_DONTDUMP		16
#define MADV_DODUMP		17
#define MADV_WIPEONFORK		18
#define MADV_KEEPONFORK		19
#define MADV_COLD		20
#define MADV_PAGEOUT		21
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#define MADV_DONTNEED_LOCKED	24
#define MADV_COLLAPSE		25
#define MADV_HWPOISON		100
#define MADV_SOFT_OFFLINE	101
#define MADV_GUARD_INSTALL	102
#define MADV_GUARD_REMOVE	103

/* mlock2(2), mlockall(2) and msync(2) flags. */
#define MLOCK_ONFAULT		0x01
#define MCL_CURRENT		1
#define MCL_FUTURE		2
#define MCL_ONFAULT		4
#define MS_ASYNC		1
#define MS_INVALIDATE		2
#define MS_SYNC			4

/* PROT_* -> VM_READ/WRITE/EXEC (no protection keys). */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* MAP_* -> VM_* (MAP_STACK asks for no THP, as in Linux 6.7+). */
static inline unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) | (flags & MAP_LOCKED ? VM_LOCKED : 0) |
	       (flags & MAP_SYNC ? VM_SYNC : 0) | (flags & MAP_STACK ? VM_NOHUGEPAGE : 0);
}

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
