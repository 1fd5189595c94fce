// SPDX-License-Identifier: GPL-2.0-only
/*
 * Synchronizing a mapping with its file (Linux's mm/msync.c): msync(2)'s
 * checks and its walk over the VMAs of the range, in Linux 6.18's order:
 * -EINVAL for flags other than MS_ASYNC, MS_INVALIDATE and MS_SYNC, an
 * unaligned start, or MS_ASYNC with MS_SYNC; -ENOMEM for a range that
 * wraps, nothing mapped at its end, or a hole (MS_ASYNC alone stops at
 * the hole, the others go on and fail at the end); -EBUSY for
 * MS_INVALIDATE over a VM_LOCKED VMA.
 *
 * Leaves out: the writeback itself (vfs_fsync_range of a shared file
 * mapping under MS_SYNC): there is no page cache until the page-cache
 * issue, so there is nothing dirty to write (docs/divergences.md).
 * Callers: the front end through include/mmsim.h (mmsim_process_msync,
 * at the end of this file), tests/unit/test_msync.c.
 */
#include <errno.h>
#include "linux/machine.h"
#include "mmsim.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "vma.h"

int sys_msync(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
	      int flags)
{
	struct vm_area_struct *vma;
	unsigned long end;
	int unmapped_error = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = ALIGN(len, PAGE_SIZE);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {	/* a hole */
			if (flags == MS_ASYNC)
				return -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				return -ENOMEM;
			unmapped_error = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED))
			return -EBUSY;
		/* MS_SYNC on a shared file mapping: vfs_fsync_range (page cache issue) */
		start = vma->vm_end;
		if (start >= end)
			return unmapped_error;
		vma = vma->vm_next;
	}
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_process_msync(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			int flags)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	int ret;

	if (!tsk)
		return -ESRCH;
	ret = sys_msync(m, tsk->mm, addr, len, flags);
	task_leave(m, &save);
	return ret;
}
