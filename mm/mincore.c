// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which pages of a range are resident (Linux's mm/mincore.c): mincore(2)'s
 * checks - -EINVAL for an unaligned start, -ENOMEM for a range beyond
 * the user address space (access_ok) - and its walk, one VMA at a time
 * (do_mincore): a hole ends it with -ENOMEM, the bytes before it already
 * written, as Linux copies each VMA's part out before looking at the
 * next.  VMAs whose page cache may not be revealed (can_do_mincore:
 * special mappings such as [vvar] and [vdso], which have no file, and
 * for a process not root the disk's files, root's with mode 0644) read
 * as all resident (1), as on Linux.
 *
 * The walk (mincore_pte_range): a present PTE is resident (the zero page
 * too); a none PTE or a missing table is not - for file VMAs Linux asks
 * the page cache there (mincore_page), which mmsim does not have yet, so
 * those read 0 (docs/divergences.md); swap entries come with swap.
 * Callers: the front end through include/mmsim.h (mmsim_process_mincore,
 * at the end of this file), tests/unit/test_msync.c.
 */
#include <errno.h>
#include <string.h>
#include "linux/machine.h"
#include "mmsim.h"
#include "linux/mman.h"
#include "linux/cred.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/pgtable.h"
#include "vma.h"

/* mincore_pte_range over [@addr, @end) of @vma: 1 for each present PTE. */
static void mincore_pte_range(struct machine *m, struct vm_area_struct *vma, unsigned long addr,
			      unsigned long end, unsigned char *vec)
{
	for (; addr < end; addr += PAGE_SIZE, vec++) {
		pte_t *pte = mm_find_pte(m, vma->vm_mm, addr);

		*vec = pte && pte_present(*pte);	/* none: __mincore_unmapped_range */
	}
}

/*
 * can_do_mincore: anonymous memory (shmem too: its file belongs to the
 * caller), or a file the caller owns or may write.  Disk files are
 * root's with mode 0644, so only root (fsuid 0, or CAP_FOWNER and
 * CAP_DAC_OVERRIDE, which only root has here) may look.  Special
 * mappings have vm_ops but no file: refused.  Refused VMAs read as
 * resident (1), as on the 6.18 host for a non-owner.
 */
static bool can_do_mincore(struct machine *m, const struct vm_area_struct *vma)
{
	const struct task_struct *tsk = m->current;

	if (vma->vm_special_name)
		return false;
	if (!vma->vm_file)
		return true;
	return !tsk || !tsk->cred || tsk->cred->fsuid == 0;
}

int do_mincore_range(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
		     unsigned char *vec)
{
	unsigned long pages, end;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (start + len < start || start + len > mm->task_size)	/* access_ok: USER_PTR_MAX */
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	while (pages) {
		struct vm_area_struct *vma = find_vma(mm, start);
		unsigned long n;

		if (!vma || vma->vm_start > start)	/* vma_lookup */
			return -ENOMEM;
		end = min(vma->vm_end, start + (pages << PAGE_SHIFT));
		n = (end - start) >> PAGE_SHIFT;
		if (can_do_mincore(m, vma))
			mincore_pte_range(m, vma, start, end, vec);
		else
			memset(vec, 1, n);
		vec += n;
		pages -= n;
		start = end;
	}
	return 0;
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_process_mincore(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			  unsigned char *vec, size_t veclen)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	int ret;

	if (!tsk)
		return -ESRCH;
	if (addr & ~PAGE_MASK)
		ret = -EINVAL;
	else if (addr + len < addr || addr + len > tsk->mm->task_size)
		ret = -ENOMEM;
	else if (veclen < (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0))
		ret = -EFAULT;		/* access_ok(vec, pages) */
	else
		ret = do_mincore_range(m, tsk->mm, addr, len, vec);
	task_leave(m, &save);
	return ret;
}
