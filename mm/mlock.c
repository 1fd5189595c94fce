// SPDX-License-Identifier: GPL-2.0-only
/*
 * Locking memory (Linux's mm/mlock.c): mlock, mlock2 (MLOCK_ONFAULT),
 * munlock, mlockall (MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT) and
 * munlockall.  They set or clear VM_LOCKED and VM_LOCKONFAULT on the
 * VMAs of a range, splitting and merging as mprotect does
 * (vma_modify_flags, mm/vma.c, which also moves mm->locked_vm, VmLck),
 * and MCL_FUTURE puts the lock bits in mm->def_flags so that later mmaps
 * and brk are locked.  RLIMIT_MEMLOCK is checked as Linux 6.18 checks
 * it: can_do_mlock (-EPERM when the limit is 0 without CAP_IPC_LOCK),
 * the new total against the limit less what the range already has
 * locked (-ENOMEM), mlockall's total_vm check, and mlock_future_ok for
 * mmap(MAP_LOCKED), MCL_FUTURE mappings and brk (-EAGAIN there).
 *
 * VMAs Linux never locks are skipped without an error and not counted:
 * VM_SPECIAL ones ([vvar], [vdso]) and hugetlb ones.
 *
 * After the lock, mlock faults the range in (__mm_populate, mm/gup.c:
 * write faults for a private writable VMA, so 256 untouched pages cost
 * 256 minflt and a later write none, as on the 6.18 host) and returns
 * its error: -ENOMEM for a PROT_NONE VMA in the range (not for mlock2
 * onfault, which faults nothing; mlockall(MCL_CURRENT) and MAP_LOCKED
 * ignore it), -EAGAIN when memory runs out, the VMAs staying locked.
 *
 * Pages (mlock_folio, mlock_new_folio, munlock_folio): a page mapped in
 * a VM_LOCKED VMA gets PG_mlocked and counts in NR_MLOCK (Mlocked:,
 * nr_mlock, /proc/kpageflags MLOCKED) and unevictable_pgs_mlocked at
 * once - when mlock_fixup's walk finds it present (mlock_vma_pages_range)
 * or when a fault maps a new page there (mm/rmap.c folio_add_new_anon_rmap,
 * Linux's folio_add_lru_vma).  Every such page also joins the CPU's mlock
 * batch (31 entries, as mm/mlock.c's mlock_fbatch), as does a page that
 * loses a mapping while PG_mlocked (mm/rmap.c folio_remove_rmap_pte:
 * munlock_folio, with a reference).  The batch is applied when full and
 * by lru_add_drain (mm/swap.c: mlock_drain_cpu): a munlocked page keeps
 * PG_mlocked while some VM_LOCKED VMA still maps it (Linux's mlock_count),
 * else loses it (NR_MLOCK down, unevictable_pgs_munlocked).  So, as on
 * the 6.18 host, munmap and MADV_DONTNEED_LOCKED leave Mlocked: as it was
 * until the next drain (mlock, munlock, MADV_FREE, MADV_COLD, exit).
 *
 * Leaves out: the unevictable LRU itself (PG_unevictable, Unevictable:,
 * nr_unevictable, unevictable_pgs_culled stay 0: the LRU issue), so the
 * mlock side of the batch takes no reference (Linux's only keeps the
 * page for the LRU move); mlock_count is the rmap's count of VM_LOCKED
 * VMAs mapping the page at the drain; large folios (no THP yet).
 * docs/divergences.md.  The gate VMA, DAX, secretmem and droppable VMAs
 * do not exist.
 * Callers: the front end through include/mmsim.h (mmsim_process_mlock
 * and the others, at the end of this file), mm/mmap.c (do_mmap, brk),
 * mm/rmap.c and mm/swap.c (the page side), tests/unit/test_mlock.c and
 * test_mlock_pages.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include "mmsim.h"
#include "linux/cred.h"
#include "linux/machine.h"
#include "linux/memmap_census.h"
#include "linux/mman.h"
#include "linux/page-flags.h"
#include "linux/pagevec.h"
#include "linux/pgtable.h"
#include "linux/resource.h"
#include "linux/rmap.h"
#include "linux/vmstat.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "vma.h"

/* The current task's RLIMIT_MEMLOCK soft limit in bytes (rlimit()). */
static unsigned long memlock_limit(struct machine *m)
{
	return rlimit(m, RLIMIT_MEMLOCK);
}

bool can_do_mlock(struct machine *m)
{
	return memlock_limit(m) != 0 || capable(m, CAP_IPC_LOCK);
}

bool mlock_future_ok(struct machine *m, const struct mm_struct *mm, unsigned long vm_flags,
		     unsigned long bytes)
{
	unsigned long locked_pages;

	if (!(vm_flags & VM_LOCKED) || capable(m, CAP_IPC_LOCK))
		return true;
	locked_pages = (bytes >> PAGE_SHIFT) + mm->locked_vm;
	return locked_pages <= memlock_limit(m) >> PAGE_SHIFT;
}

/* ---- pages: PG_mlocked, NR_MLOCK and the mlock batch ---- */

/* Tags of a batch entry in its pointer's low bits, as Linux's mlock_lru/new. */
#define MLOCK_LRU	0x1UL	/* mlock_folio: off to the unevictable LRU */
#define MLOCK_NEW	0x2UL	/* mlock_new_folio: a new page to add there */

static bool page_mlocked(const struct page *page)
{
	return page->flags & (1UL << PG_mlocked);
}

/* PG_mlocked set on @page and counted; false if it was set already. */
static bool set_mlocked(struct machine *m, struct page *page)
{
	if (page_mlocked(page))
		return false;
	page->flags |= 1UL << PG_mlocked;
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, 1);
	count_vm_event(m, UNEVICTABLE_PGMLOCKED);
	return true;
}

/* rmap_one for still_locked: stop at a VM_LOCKED VMA mapping the page. */
static bool locked_mapping(struct page *page, struct vm_area_struct *vma, unsigned long address,
			   void *arg)
{
	(void)page;
	(void)address;
	if ((vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) != VM_LOCKED)
		return true;
	*(bool *)arg = true;
	return false;
}

/* Does a VM_LOCKED VMA still map @page (mlock_count above 0)? */
static bool still_locked(struct machine *m, struct page *page)
{
	bool found = false;

	if (page->_mapcount >= 0 && PageAnon(page))	/* folio_mapped: its anon_vma lives */
		rmap_walk_anon(m, page, locked_mapping, &found);
	return found;
}

/* __munlock_folio: the last lock gone, PG_mlocked and NR_MLOCK follow. */
static void __munlock_folio(struct machine *m, struct page *page)
{
	if (!page_mlocked(page) || still_locked(m, page))
		return;
	page->flags &= ~(1UL << PG_mlocked);
	mod_zone_page_state(page_zone(m, page), NR_MLOCK, -1);
	count_vm_event(m, UNEVICTABLE_PGMUNLOCKED);
}

/* mlock_folio_batch: apply and empty @fb (the munlocks drop their reference). */
static void mlock_folio_batch(struct machine *m, struct folio_batch *fb)
{
	unsigned int i, nr = fb->nr;

	fb->nr = 0;		/* a put below may not find itself batched */
	for (i = 0; i < nr; i++) {
		unsigned long e = (unsigned long)fb->folios[i];

		if (e & (MLOCK_LRU | MLOCK_NEW))
			continue;	/* __mlock_folio: the unevictable LRU, not modelled */
		__munlock_folio(m, (struct page *)e);
		folio_put(m, (struct page *)e);
	}
}

/* folio_batch_add to the current CPU's mlock batch; applied when full. */
static void mlock_batch_add(struct machine *m, struct page *page, unsigned long tag)
{
	struct folio_batch *fb = &m->cpu_fbatches[m->current_cpu].mlock;

	fb->folios[fb->nr++] = (struct page *)((unsigned long)page | tag);
	if (fb->nr == FOLIO_BATCH_SIZE)
		mlock_folio_batch(m, fb);
}

void mlock_folio(struct machine *m, struct page *page)
{
	set_mlocked(m, page);
	mlock_batch_add(m, page, MLOCK_LRU);
}

void mlock_new_folio(struct machine *m, struct page *page)
{
	set_mlocked(m, page);
	mlock_batch_add(m, page, MLOCK_NEW);
}

void munlock_folio(struct machine *m, struct page *page)
{
	folio_get(page);
	mlock_batch_add(m, page, 0);
}

void mlock_drain_cpu(struct machine *m, int cpu)
{
	struct folio_batch *fb = &m->cpu_fbatches[cpu].mlock;

	if (fb->nr)
		mlock_folio_batch(m, fb);
}

/* Does some CPU's mlock batch hold a munlock of @page? */
static bool munlock_pending(struct machine *m, const struct page *page)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		const struct folio_batch *fb = &m->cpu_fbatches[cpu].mlock;

		for (unsigned int i = 0; i < fb->nr; i++)
			if (fb->folios[i] == page)
				return true;
	}
	return false;
}

/* The batches: below full, each munlock's page in use. */
static int validate_mlock_batches(struct machine *m, char *err, size_t len)
{
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		const struct folio_batch *fb = &m->cpu_fbatches[cpu].mlock;

		if (fb->nr >= FOLIO_BATCH_SIZE) {
			snprintf(err, len, "cpu %d: mlock batch holds %u entries", cpu, fb->nr);
			return -EUCLEAN;
		}
		for (unsigned int i = 0; i < fb->nr; i++) {
			unsigned long e = (unsigned long)fb->folios[i];

			if (!(e & (MLOCK_LRU | MLOCK_NEW)) && fb->folios[i]->_refcount < 1) {
				snprintf(err, len, "cpu %d: munlock of free pfn %#lx batched", cpu,
					 page_to_pfn(m, fb->folios[i]));
				return -EUCLEAN;
			}
		}
	}
	return 0;
}

/* A PG_mlocked page must be mapped in a VM_LOCKED VMA or have a munlock batched. */
static int check_mlocked_page(struct machine *m, unsigned long pfn, char *err, size_t len)
{
	struct page *page = &m->mem_map[pfn];

	if (still_locked(m, page) || munlock_pending(m, page))
		return 0;
	snprintf(err, len, "pfn %#lx: PG_mlocked but mapped in no VM_LOCKED VMA and no munlock batched",
		 pfn);
	return -EUCLEAN;
}

/*
 * Every PG_mlocked page, in pfn order, is checked; the count of them
 * must be NR_MLOCK.  A page is only ever mlocked by set_mlocked, which
 * counts the event: without one there is nothing to look for (a 2G
 * machine's memmap walk costs milliseconds).  Inside mmsim_validate the
 * pages come from its memmap census (the same pages in the same order),
 * called alone the walk is done here.
 */
int validate_mlocked_pages(struct machine *m, char *err, size_t len)
{
	const struct memmap_census *cs = m->census;
	unsigned long nr = 0, counted = global_zone_page_state(m, NR_MLOCK);
	int ret = validate_mlock_batches(m, err, len);

	if (ret)
		return ret;
	if (cs) {
		for (nr = 0; nr < cs->nr_mlocked; nr++)
			if ((ret = check_mlocked_page(m, cs->mlocked[nr], err, len)))
				return ret;
	} else if (m->vm_events[UNEVICTABLE_PGMLOCKED]) {
		for (unsigned long pfn = 0; pfn < m->max_pfn; pfn++) {
			if (!page_mlocked(&m->mem_map[pfn]))
				continue;
			nr++;
			if ((ret = check_mlocked_page(m, pfn, err, len)))
				return ret;
		}
	}
	if (nr != counted) {
		snprintf(err, len, "NR_MLOCK %lu but %lu pages have PG_mlocked", counted, nr);
		return -EUCLEAN;
	}
	return 0;
}

/*
 * mlock_vma_pages_range: the present pages of [@start, @end) of @vma,
 * whose flags just changed, mlocked (VM_LOCKED now) or munlocked, with
 * the CPU's batches drained before and after (mlock_pte_range's walk).
 */
static void mlock_vma_pages_range(struct machine *m, struct vm_area_struct *vma,
				  unsigned long start, unsigned long end)
{
	unsigned long addr, next;

	lru_add_drain(m);
	for (addr = start; addr < end; addr = next) {
		pte_t *pte = mm_find_pte(m, vma->vm_mm, addr);

		next = pmd_addr_end(addr, end);
		if (!pte)
			continue;
		for (; addr < next; addr += PAGE_SIZE, pte++) {
			struct page *page;

			if (!pte_present(*pte) || pte_special(*pte))
				continue;	/* vm_normal_folio: none, zero page */
			page = pfn_to_page(m, pte_pfn(*pte));
			if (vma->vm_flags & VM_LOCKED)
				mlock_folio(m, page);
			else
				munlock_folio(m, page);
		}
	}
	lru_add_drain(m);
}

/*
 * mlock_fixup - give [@start, @end) of @vma the lock bits of @newflags;
 * *@pvma is then the VMA holding the range.  VMAs Linux never locks are
 * left alone (0).  Returns 0 or -ENOMEM (a split at vm.max_map_count).
 */
static int mlock_fixup(struct machine *m, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags, struct vm_area_struct **pvma)
{
	unsigned long oldflags = vma->vm_flags;
	struct vm_area_struct *res;
	int err;

	*pvma = vma;
	if (newflags == oldflags || (oldflags & (VM_SPECIAL | VM_HUGETLB | VM_DROPPABLE)))
		return 0;	/* don't set VM_LOCKED or VM_LOCKONFAULT, don't count */
	res = vma_modify_flags(m, vma, start, end, newflags, &err);
	if (!res)
		return err;
	*pvma = res;		/* locked_vm moved with the flags (vma_modify_flags) */
	if (!((newflags & VM_LOCKED) && (oldflags & VM_LOCKED)))
		mlock_vma_pages_range(m, res, start, end);	/* mlocking twice would be wrong */
	return 0;
}

/*
 * apply_vma_lock_flags - set the lock bits @flags (0: unlock) on every
 * VMA of [@start, @start + @len) (page aligned).  -EINVAL when the range
 * wraps, -ENOMEM at the first hole (what came before keeps the change).
 */
static int apply_vma_lock_flags(struct machine *m, struct mm_struct *mm, unsigned long start,
				unsigned long len, unsigned long flags)
{
	unsigned long end = start + len, nstart = start, tmp;
	struct vm_area_struct *vma;
	int err;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)	/* vma_iter_load: a VMA at start */
		return -ENOMEM;
	tmp = vma->vm_start;
	while (vma && vma->vm_start < end) {
		unsigned long newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | flags;

		if (vma->vm_start != tmp)
			return -ENOMEM;
		tmp = min(vma->vm_end, end);
		err = mlock_fixup(m, vma, nstart, tmp, newflags, &vma);
		if (err)
			return err;
		tmp = vma->vm_end;
		nstart = tmp;
		vma = vma->vm_next;
	}
	return tmp < end ? -ENOMEM : 0;
}

/*
 * The pages of [@start, @start + @len) already in VM_LOCKED VMAs
 * (count_mm_mlocked_page_nr): mlock does not count them twice.
 */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      unsigned long len)
{
	unsigned long end = ULONG_MAX - len < start ? ULONG_MAX : start + len, count = 0;

	for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma->vm_next) {
		if (!(vma->vm_flags & VM_LOCKED))
			continue;
		count += min(end, vma->vm_end) - max(start, vma->vm_start);
	}
	return count >> PAGE_SHIFT;
}

/*
 * __mlock_posix_error_return - mlock's errno for a failed populate:
 * GUP's -EFAULT (a PROT_NONE VMA) is -ENOMEM, its -ENOMEM (no memory
 * for a page) is -EAGAIN, as POSIX wants.
 */
static int __mlock_posix_error_return(int retval)
{
	if (retval == -EFAULT)
		return -ENOMEM;
	if (retval == -ENOMEM)
		return -EAGAIN;
	return retval;
}

int do_mlock(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
	     unsigned long vm_flags)
{
	unsigned long locked, lock_limit;
	int err;

	if (!can_do_mlock(m))
		return -EPERM;
	len = ALIGN(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	lock_limit = memlock_limit(m) >> PAGE_SHIFT;
	locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	if (locked > lock_limit && !capable(m, CAP_IPC_LOCK))
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked > lock_limit && !capable(m, CAP_IPC_LOCK))
		return -ENOMEM;
	err = apply_vma_lock_flags(m, mm, start, len, vm_flags);
	if (err)
		return err;
	/* fault everything in (mm/gup.c); the lock stays if that fails */
	return __mlock_posix_error_return(__mm_populate(m, mm, start, len, false));
}

int sys_mlock2(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
	       int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(m, mm, start, len,
			VM_LOCKED | (flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

int sys_munlock(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len)
{
	len = ALIGN(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	return apply_vma_lock_flags(m, mm, start, len, 0);
}

/*
 * apply_mlockall_flags - MCL_* @flags (0: munlockall) into def_flags and,
 * with MCL_CURRENT or for munlockall, onto every whole VMA (merging with
 * the one before when the flags now match; a whole VMA never splits, and
 * Linux ignores a VMA's error anyway).
 */
static void apply_mlockall_flags(struct machine *m, struct mm_struct *mm, int flags)
{
	unsigned long to_add = 0;
	struct vm_area_struct *vma, *next;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT)
		to_add = VM_LOCKED | (flags & MCL_ONFAULT ? VM_LOCKONFAULT : 0);
	for (vma = mm->mmap; vma; vma = next) {
		unsigned long newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | to_add;
		struct vm_area_struct *res;

		next = vma->vm_next;
		if (!mlock_fixup(m, vma, vma->vm_start, vma->vm_end, newflags, &res))
			next = res->vm_next;	/* a merge may have taken next in */
	}
}

int sys_mlockall(struct machine *m, struct mm_struct *mm, int flags)
{
	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock(m))
		return -EPERM;
	if ((flags & MCL_CURRENT) && mm->total_vm > memlock_limit(m) >> PAGE_SHIFT &&
	    !capable(m, CAP_IPC_LOCK))
		return -ENOMEM;
	apply_mlockall_flags(m, mm, flags);
	if (flags & MCL_CURRENT)
		mm_populate(m, mm, 0, mm->task_size);	/* TASK_SIZE: 56 bits with la57; errors ignored */
	return 0;
}

int sys_munlockall(struct machine *m, struct mm_struct *mm)
{
	apply_mlockall_flags(m, mm, 0);
	return 0;
}

int validate_mlock(const struct mm_struct *mm, char *err, size_t errlen)
{
	unsigned long locked = 0;

	for (const struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next) {
		if ((vma->vm_flags & VM_LOCKED_MASK) == VM_LOCKONFAULT) {
			snprintf(err, errlen, "vma %lx-%lx: VM_LOCKONFAULT without VM_LOCKED",
				 vma->vm_start, vma->vm_end);
			return -EUCLEAN;
		}
		if (vma->vm_flags & VM_LOCKED)
			locked += vma_pages(vma);
	}
	/* DONTUNMAP's unlocked old VMAs stay in locked_vm, as on Linux (mm/mremap.c) */
	if (locked + mm->locked_vm_dontunmap != mm->locked_vm) {
		snprintf(err, errlen, "locked_vm %lu, VM_LOCKED VMAs hold %lu pages (+%lu left by DONTUNMAP)",
			 mm->locked_vm, locked, mm->locked_vm_dontunmap);
		return -EUCLEAN;
	}
	return 0;
}

/* ---- the public API (include/mmsim.h) ---- */

/* The mlock family's calls, by number, for mlock_call. */
enum mlock_call { CALL_MLOCK2, CALL_MUNLOCK, CALL_MLOCKALL, CALL_MUNLOCKALL };

/* Run one call of the family as the process @name: its result or -ESRCH. */
static int mlock_call(struct machine *m, const char *name, enum mlock_call call,
		      uint64_t addr, uint64_t len, int flags)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	int ret = 0;

	if (!tsk)
		return -ESRCH;
	switch (call) {
	case CALL_MLOCK2:	ret = sys_mlock2(m, tsk->mm, addr, len, flags); break;
	case CALL_MUNLOCK:	ret = sys_munlock(m, tsk->mm, addr, len); break;
	case CALL_MLOCKALL:	ret = sys_mlockall(m, tsk->mm, flags); break;
	case CALL_MUNLOCKALL:	ret = sys_munlockall(m, tsk->mm); break;
	}
	task_leave(m, &save);
	return ret;
}

int mmsim_process_mlock(struct machine *m, const char *name, uint64_t addr, uint64_t len)
{
	return mlock_call(m, name, CALL_MLOCK2, addr, len, 0);
}

int mmsim_process_mlock2(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			 int flags)
{
	return mlock_call(m, name, CALL_MLOCK2, addr, len, flags);
}

int mmsim_process_munlock(struct machine *m, const char *name, uint64_t addr, uint64_t len)
{
	return mlock_call(m, name, CALL_MUNLOCK, addr, len, 0);
}

int mmsim_process_mlockall(struct machine *m, const char *name, int flags)
{
	return mlock_call(m, name, CALL_MLOCKALL, 0, 0, flags);
}

int mmsim_process_munlockall(struct machine *m, const char *name)
{
	return mlock_call(m, name, CALL_MUNLOCKALL, 0, 0, 0);
}
