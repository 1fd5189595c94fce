// SPDX-License-Identifier: GPL-2.0-only
/*
 * Advice about a range of memory (Linux's mm/madvise.c): do_madvise's
 * checks (madvise_behavior_valid, check_input_range) and
 * madvise_walk_vmas, which applies the advice to each VMA of the range
 * and skips holes, returning -ENOMEM at the end when there was one (the
 * mapped parts keep the advice, unlike mlock and mprotect which stop).
 *
 * Advice that changes VMA flags (madvise_update_vma, through
 * vma_modify_flags: split and merge as mprotect, -ENOMEM turned into
 * -EAGAIN):
 *   normal/random/sequential  VM_RAND_READ, VM_SEQ_READ
 *   dontfork/dofork           VM_DONTCOPY (dofork: -EINVAL on VM_IO)
 *   wipeonfork/keeponfork     VM_WIPEONFORK (-EINVAL on a file or shared VMA)
 *   dontdump/dodump           VM_DONTDUMP (dodump: -EINVAL on VM_SPECIAL)
 *   mergeable/unmergeable     VM_MERGEABLE (ksm_madvise: ignored on VMAs KSM
 *                             cannot scan; CONFIG_KSM as on the host)
 *   hugepage/nohugepage       VM_HUGEPAGE, VM_NOHUGEPAGE (hugepage_madvise;
 *                             CONFIG_TRANSPARENT_HUGEPAGE, whatever the mode)
 * Advice that acts on pages is validated per VMA as Linux does - dontneed
 * and free refuse VM_LOCKED (dontneed_locked does not), VM_PFNMAP and
 * hugetlb, free refuses non-anonymous VMAs, cold and pageout refuse
 * VM_LOCKED, VM_PFNMAP and hugetlb.  Then:
 *   dontneed, dontneed_locked  zap the range (zap_page_range_mm), free
 *                        the PTE tables it covered whole (CONFIG_PT_RECLAIM)
 *                        and flush the TLB: a later read maps the zero
 *                        page, a write a new zeroed page (256 faults each
 *                        for 256 pages, as on the 6.18 host)
 *   free                 lazyfree: each anonymous page mapped only here (or
 *                        clean) has its PTE made old and clean and joins
 *                        the CPU's lazyfree batch (mm/swap.c), which clears
 *                        PG_swapbacked 31 pages at a time and counts
 *                        pglazyfree; pages stay mapped (no fault on a later
 *                        read or write) until reclaim, which is not modelled
 *   populate_read/write  fault the range in (mm/gup.c faultin_page_range)
 *   cold, pageout        nothing yet (no LRU, no reclaim)
 * remove checks the VMA (-EINVAL locked or no file, -EACCES not shared
 * writable) and punches no hole yet (no page cache).
 *
 * hwpoison and soft_offline are invalid advice (-EINVAL even for a
 * length of 0): CONFIG_MEMORY_FAILURE is off, as on the 6.18 host.
 *
 * Leaves out: collapse, guard_install and guard_remove are valid in
 * Linux but not modelled (-EINVAL here, docs/divergences.md);
 * sealing, userfaultfd, anon names, process_madvise, khugepaged
 * registration, KSM's mm_slot.
 * Callers: the front end through include/mmsim.h (mmsim_process_madvise,
 * at the end of this file), tests/unit/test_madvise.c.
 */
#include <errno.h>
#include "asm-generic/tlb.h"
#include "linux/machine.h"
#include "mmsim.h"
#include "linux/mman.h"
#include "linux/mm_fault.h"
#include "linux/page-flags.h"
#include "linux/pagevec.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/mmsim_access.h"
#include "vma.h"

/* One madvise call as it walks (Linux's struct madvise_behavior). */
struct madvise_behavior {
	struct mm_struct *mm;		/* the address space */
	int behavior;			/* MADV_* */
	unsigned long start, end;	/* the part of the current VMA the
					 * advice applies to now */
	struct vm_area_struct *vma;	/* the VMA holding [start, end); after
					 * a flag change, the merged one */
};

/*
 * Advice Linux 6.18 accepts, configured as the host: KSM and THP on,
 * MEMORY_FAILURE off (no MADV_HWPOISON, MADV_SOFT_OFFLINE).
 */
static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_DOFORK: case MADV_DONTFORK: case MADV_NORMAL: case MADV_SEQUENTIAL:
	case MADV_RANDOM: case MADV_REMOVE: case MADV_WILLNEED: case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED: case MADV_FREE: case MADV_COLD: case MADV_PAGEOUT:
	case MADV_POPULATE_READ: case MADV_POPULATE_WRITE: case MADV_MERGEABLE:
	case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_COLLAPSE:
	case MADV_DONTDUMP: case MADV_DODUMP: case MADV_WIPEONFORK: case MADV_KEEPONFORK:
	case MADV_GUARD_INSTALL: case MADV_GUARD_REMOVE:
		return true;
	default:
		return false;
	}
}

/* Valid in Linux, but their mechanism is not in mmsim yet. */
static bool madvise_behavior_modelled(int behavior)
{
	switch (behavior) {
	case MADV_COLLAPSE: case MADV_GUARD_INSTALL: case MADV_GUARD_REMOVE:
		return false;
	default:
		return true;
	}
}

/* Anonymous in Linux's sense: no vm_ops (shmem and special mappings have them). */
static bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file && !(vma->vm_flags & VM_SHARED) && !vma->vm_special_name;
}

/* Pages the LRU may act on (can_madv_lru_vma): cold, pageout. */
static bool can_madv_lru_vma(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & (VM_LOCKED | VM_PFNMAP | VM_HUGETLB));
}

/* dontneed, dontneed_locked, free: may the advice act on this VMA? */
static int madvise_dontneed_free_valid_vma(const struct madvise_behavior *mb)
{
	unsigned long forbidden = VM_PFNMAP;

	if (mb->vma->vm_flags & VM_HUGETLB)
		return -EINVAL;		/* no hugetlb VMAs exist yet */
	if (mb->behavior != MADV_DONTNEED_LOCKED)
		forbidden |= VM_LOCKED;
	if (mb->vma->vm_flags & forbidden)
		return -EINVAL;
	if (mb->behavior == MADV_FREE && !vma_is_anonymous(mb->vma))
		return -EINVAL;		/* MADV_FREE works on anonymous memory only */
	return 0;
}

/*
 * Gather the PTEs of [@start, @end) that are present (zero page
 * included) in @tlb, as zap_present_ptes' tlb_remove_tlb_entry does.
 */
static void gather_present_ptes(struct mmu_gather *tlb, unsigned long start, unsigned long end)
{
	unsigned long addr;

	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = mm_find_pte(tlb->m, tlb->mm, addr);

		if (!pte) {			/* no table: skip its span */
			addr = (addr & PMD_MASK) + PMD_SIZE - PAGE_SIZE;
			if (addr + PAGE_SIZE == 0)
				break;
			continue;
		}
		if (pte_present(*pte))
			tlb_flush_pte_range(tlb, addr, PAGE_SIZE);
	}
}

/*
 * CONFIG_PT_RECLAIM (x86-64, on in 6.18): a zap that covered a whole PTE
 * table frees it (try_to_free_pte), gathered for the flush.  On the host,
 * DONTNEED of 8 MiB aligned gives back 16 kB of VmPTE; 8 MiB less a page
 * at each end, 8 kB.
 */
static void reclaim_pt(struct mmu_gather *tlb, unsigned long start, unsigned long end)
{
	unsigned long addr = ALIGN(start, PMD_SIZE);

	for (; addr >= start && addr + PMD_SIZE > addr && addr + PMD_SIZE <= end;
	     addr += PMD_SIZE)
		if (mm_find_pte(tlb->m, tlb->mm, addr))	/* floor, ceiling: the PTE table only */
			free_pgd_range(tlb, addr, addr + PMD_SIZE, addr, addr + PMD_SIZE);
}

/*
 * madvise_dontneed_single_vma - zap [mb->start, mb->end): the pages go
 * (a later read maps the zero page, a write a new zeroed page), whole
 * empty PTE tables are freed (reclaim_pt), and one flush covers the PTEs
 * that were present.  Locked pages too for DONTNEED_LOCKED.
 */
static int madvise_dontneed_single_vma(struct machine *m, struct madvise_behavior *mb)
{
	struct mmu_gather tlb;

	/* no lru_add_drain: 6.18's batched zap_page_range_single_batched has none */
	tlb_gather_mmu(&tlb, m, mb->mm);
	tlb_start_vma(&tlb, mb->vma);
	gather_present_ptes(&tlb, mb->start, mb->end);
	zap_page_range_mm(m, mb->mm, mb->start, mb->end);
	reclaim_pt(&tlb, mb->start, mb->end);
	tlb_end_vma(&tlb, mb->vma);
	tlb_finish_mmu(&tlb);
	return 0;
}

/*
 * madvise_free_pte - one PTE of MADV_FREE (madvise_free_pte_range): a
 * normal anonymous page (not the zero page) that is dirty (PG_dirty) or
 * in the swap cache is left alone unless this PTE is its only mapping,
 * then made clean; the PTE loses young and dirty; the page is marked
 * lazyfree.  A page shared after fork but clean is marked too (6.18, as
 * the host shows: pglazyfree counts it).  Returns whether the PTE changed.
 */
static bool madvise_free_pte(struct machine *m, pte_t *pte)
{
	struct page *page;
	bool changed = false;

	if (!pte_present(*pte) || pte_special(*pte))
		return false;			/* swap entries: no swap yet */
	page = pfn_to_page(m, pte_pfn(*pte));
	if (page->flags & ((1UL << PG_dirty) | (1UL << PG_owner_priv_1))) {
		if (page->_mapcount != 0)	/* folio_maybe_mapped_shared */
			return false;
		page->flags &= ~(1UL << PG_dirty);	/* folio_clear_dirty */
	}
	if (pte_young(*pte) || pte_dirty(*pte)) {
		*pte = pte_mkclean(pte_mkold(*pte));
		changed = true;
	}
	folio_mark_lazyfree(m, page);
	return changed;
}

/*
 * madvise_free_single_vma - MADV_FREE on [mb->start, mb->end) of an
 * anonymous VMA: the per-CPU batches drained first, every PTE through
 * madvise_free_pte, then one flush for the PTEs made old and clean (a
 * later write sets D again through a walk, with no fault: the page
 * stays until reclaim, which frees it only if still clean).
 */
static int madvise_free_single_vma(struct machine *m, struct madvise_behavior *mb)
{
	struct mmu_gather tlb;
	unsigned long addr;

	lru_add_drain(m);
	tlb_gather_mmu(&tlb, m, mb->mm);
	update_hiwater_rss(mb->mm);
	tlb_start_vma(&tlb, mb->vma);
	for (addr = mb->start; addr < mb->end; addr += PAGE_SIZE) {
		pte_t *pte = mm_find_pte(m, mb->mm, addr);

		if (!pte) {
			addr = (addr & PMD_MASK) + PMD_SIZE - PAGE_SIZE;
			if (addr + PAGE_SIZE == 0)
				break;
			continue;
		}
		if (madvise_free_pte(m, pte))
			tlb_flush_pte_range(&tlb, addr, PAGE_SIZE);	/* tlb_remove_tlb_entries */
	}
	tlb_end_vma(&tlb, mb->vma);
	tlb_finish_mmu(&tlb);
	return 0;
}

/* dontneed, dontneed_locked, free: the VMA checks, then zap or lazyfree. */
static int madvise_dontneed_free(struct machine *m, struct madvise_behavior *mb)
{
	int err = madvise_dontneed_free_valid_vma(mb);

	if (err)
		return err;
	if (mb->behavior == MADV_FREE)
		return madvise_free_single_vma(m, mb);
	return madvise_dontneed_single_vma(m, mb);
}

/*
 * remove: punch a hole in the file behind a shared writable mapping
 * (shmem for shared anonymous memory).  EINVAL on locked memory or
 * without a file, EACCES unless shared and writable; then the hole is
 * not punched yet (no page cache: docs/divergences.md).
 */
static int madvise_remove(struct madvise_behavior *mb)
{
	unsigned long f = mb->vma->vm_flags;

	if (f & VM_LOCKED)
		return -EINVAL;
	if (!mb->vma->vm_file && !(f & VM_SHARED))	/* shared anonymous: shmem's file */
		return -EINVAL;
	if ((f & (VM_SHARED | VM_MAYWRITE)) != (VM_SHARED | VM_MAYWRITE))
		return -EACCES;
	return 0;			/* vfs_fallocate(PUNCH_HOLE): the page-cache issue */
}

/*
 * madvise_populate - populate_read/populate_write: fault the range in,
 * VMA by VMA from the start (faultin_page_range, not through
 * madvise_walk_vmas): -ENOMEM at the first hole, -EINVAL for a VMA the
 * fault cannot reach (VM_IO, VM_PFNMAP, no read - or for populate_write
 * no write - permission), -EFAULT when a fault gives SIGBUS, -ENOMEM
 * when out of memory.  POPULATE_WRITE write-faults (zero-page PTEs are
 * replaced by real pages); POPULATE_READ maps the zero page.
 */
static int madvise_populate(struct machine *m, struct mm_struct *mm, unsigned long start,
			    unsigned long end, bool write)
{
	while (start < end) {
		long pages = faultin_page_range(m, mm, start, end, write);

		if (pages < 0)
			return (int)pages;
		start += (unsigned long)pages << PAGE_SHIFT;
	}
	return 0;
}

/* KSM could scan the VMA (vma_ksm_compatible); VM_DROPPABLE never exists. */
static bool vma_ksm_compatible(const struct vm_area_struct *vma)
{
	return !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE | VM_PFNMAP | VM_IO | VM_DONTEXPAND |
				  VM_HUGETLB | VM_MIXEDMAP));
}

/*
 * The new flags a flag-changing advice gives the VMA, in *@new_flags
 * (unchanged when the advice is ignored).  0 or -EINVAL.
 */
static int madvise_new_flags(const struct madvise_behavior *mb, unsigned long *new_flags)
{
	const struct vm_area_struct *vma = mb->vma;
	unsigned long f = vma->vm_flags;

	switch (mb->behavior) {
	case MADV_NORMAL:	f &= ~(VM_RAND_READ | VM_SEQ_READ); break;
	case MADV_SEQUENTIAL:	f = (f & ~VM_RAND_READ) | VM_SEQ_READ; break;
	case MADV_RANDOM:	f = (f & ~VM_SEQ_READ) | VM_RAND_READ; break;
	case MADV_DONTFORK:	f |= VM_DONTCOPY; break;
	case MADV_DOFORK:
		if (f & VM_IO)
			return -EINVAL;
		f &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:	/* anonymous private memory only */
		if (vma->vm_file || (f & VM_SHARED))
			return -EINVAL;
		f |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:	f &= ~VM_WIPEONFORK; break;
	case MADV_DONTDUMP:	f |= VM_DONTDUMP; break;
	case MADV_DODUMP:
		if (!(f & VM_HUGETLB) && (f & VM_SPECIAL))
			return -EINVAL;
		f &= ~VM_DONTDUMP;
		break;
	case MADV_MERGEABLE:	/* ksm_madvise: ignored where KSM cannot go */
		if (vma_ksm_compatible(vma))
			f |= VM_MERGEABLE;
		break;
	case MADV_UNMERGEABLE:	f &= ~VM_MERGEABLE; break;	/* no KSM pages to unmerge */
	case MADV_HUGEPAGE:	f = (f & ~VM_NOHUGEPAGE) | VM_HUGEPAGE; break;
	case MADV_NOHUGEPAGE:	f = (f & ~VM_HUGEPAGE) | VM_NOHUGEPAGE; break;
	}
	*new_flags = f;
	return 0;
}

/*
 * madvise_update_vma - [start, end) of mb->vma gets @new_flags, split or
 * merged; mb->vma becomes the VMA holding it.  0 or -ENOMEM.
 */
static int madvise_update_vma(struct machine *m, struct madvise_behavior *mb,
			      unsigned long new_flags)
{
	struct vm_area_struct *vma;
	int err;

	if (new_flags == mb->vma->vm_flags)
		return 0;
	vma = vma_modify_flags(m, mb->vma, mb->start, mb->end, new_flags, &err);
	if (!vma)
		return err;
	mb->vma = vma;
	return 0;
}

/* Apply the advice to [mb->start, mb->end) of mb->vma (madvise_vma_behavior). */
static int madvise_vma_behavior(struct machine *m, struct madvise_behavior *mb)
{
	unsigned long new_flags;
	int err;

	switch (mb->behavior) {
	case MADV_WILLNEED:	/* readahead and swap-in: nothing to read yet */
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:	/* deactivate or reclaim: no LRU yet */
		if (!can_madv_lru_vma(mb->vma))
			return -EINVAL;
		lru_add_drain(m);	/* madvise_cold/_pageout drain first (the mlock batch too) */
		return 0;
	case MADV_FREE:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
		return madvise_dontneed_free(m, mb);
	case MADV_REMOVE:
		return madvise_remove(mb);
	}
	err = madvise_new_flags(mb, &new_flags);
	if (!err)
		err = madvise_update_vma(m, mb, new_flags);
	return err == -ENOMEM ? -EAGAIN : err;	/* a kernel resource ran out */
}

/*
 * madvise_walk_vmas - the advice on every VMA of [mb->start, @last_end):
 * holes are skipped and reported as -ENOMEM at the end; the first error
 * of a VMA stops the walk.
 */
static int madvise_walk_vmas(struct machine *m, struct madvise_behavior *mb,
			     unsigned long last_end)
{
	struct vm_area_struct *vma = find_vma(mb->mm, mb->start);
	int unmapped_error = 0, err;

	for (;;) {
		if (!vma)
			return -ENOMEM;
		if (mb->start < vma->vm_start) {	/* a hole: go on, fail at the end */
			unmapped_error = -ENOMEM;
			mb->start = vma->vm_start;
			if (mb->start >= last_end)
				break;
		}
		mb->end = min(vma->vm_end, last_end);
		mb->vma = vma;
		err = madvise_vma_behavior(m, mb);
		if (err)
			return err;
		vma = mb->vma;
		if (mb->end < vma->vm_end)
			mb->end = vma->vm_end;
		if (mb->end >= last_end)
			break;
		vma = find_vma(mb->mm, vma->vm_end);
		mb->start = mb->end;
	}
	return unmapped_error;
}

int do_madvise(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
	       int behavior)
{
	struct madvise_behavior mb = { .mm = mm, .behavior = behavior, .start = start };
	size_t alen;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)			/* check_input_range */
		return -EINVAL;
	alen = ALIGN(len, PAGE_SIZE);
	if ((len && !alen) || start + alen < start)
		return -EINVAL;
	if (!len)
		return 0;
	if (!madvise_behavior_modelled(behavior))
		return -EINVAL;			/* docs/divergences.md */
	if (behavior == MADV_POPULATE_READ || behavior == MADV_POPULATE_WRITE)
		return madvise_populate(m, mm, start, start + alen,
					behavior == MADV_POPULATE_WRITE);
	return madvise_walk_vmas(m, &mb, start + alen);
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_process_madvise(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			  int advice)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	int ret;

	if (!tsk)
		return -ESRCH;
	ret = do_madvise(m, tsk->mm, addr, len, advice);
	task_leave(m, &save);
	if (advice == MADV_DONTNEED || advice == MADV_DONTNEED_LOCKED)	/* mmsim verify shadow */
		access_verify_zapped(m, tsk->mm, addr, len);
	else if (advice == MADV_FREE && !ret)
		access_verify_lazyfree(m, tsk->mm, addr, len);
	return ret;
}
