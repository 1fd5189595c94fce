// SPDX-License-Identifier: GPL-2.0-only
/*
 * Faulting a range in from the kernel (Linux's mm/gup.c, the populate
 * part): __mm_populate for MAP_POPULATE, MAP_LOCKED, mlock, mlockall,
 * a VM_LOCKED heap's brk and an mlocked mremap's growth;
 * populate_vma_page_range for one VMA; faultin_page_range for
 * MADV_POPULATE_READ/WRITE.
 *
 * As __get_user_pages does, each page is first looked up in the page
 * tables (follow_page_pte): a present PTE that allows the access needs no
 * fault; otherwise faultin_page calls handle_mm_fault (no
 * FAULT_FLAG_USER: the kernel faults for the task) and the fault is
 * counted as mm_account_fault counts a GUP fault (regs NULL): the current
 * task's min_flt, and handle_mm_fault's PGFAULT - populating 256 pages of
 * a fresh mapping costs 256 minflt on the 6.18 host, as 256 touches do.
 * A private writable VMA is faulted for write (FOLL_WRITE), so its pages
 * are real zeroed pages; a read-only one maps the zero page.
 *
 * A fault mmsim does not model yet (VM_FAULT_UNMODELLED: file pages)
 * leaves the rest of that VMA as if populated, so mlock and mmap return
 * what Linux returns; the kernel log has the "not yet modelled" line.
 *
 * Leaves out: the vDSO's pages (special_mapping_fault: a populate of
 * [vdso] faults nothing), FOLL_MLOCK's mlock_folio (PG_mlocked, NR_MLOCK: Mlocked:
 * stays 0, docs/divergences.md), the mmap_lock drop and retry, pinning,
 * huge pages, FOLL_TOUCH's mark_page_accessed (no LRU yet).
 *
 * Callers: kernel/process.c (mmap), mm/mlock.c, mm/mmap.c (brk),
 * mm/mremap.c, mm/madvise.c, tests/unit/test_populate.c.
 */
#include <errno.h>
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/mman.h"
#include "linux/pagemap.h"
#include "linux/pagevec.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "vma.h"

/* FOLL_* flags this model uses (include/linux/mm_types.h's values). */
#define FOLL_WRITE		0x01
#define FOLL_FORCE		0x10
#define FOLL_MADV_POPULATE	0x800000

/* vma_is_accessible - any of read, write, exec. */
static bool gup_vma_accessible(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_ACCESS_FLAGS;
}

/*
 * check_vma_flags - may GUP reach @vma with @gup_flags?  -EFAULT for
 * VM_IO/VM_PFNMAP, a write without VM_WRITE (FOLL_FORCE writes only a
 * private mapping), a read without VM_READ unless forced on a
 * VM_MAYREAD VMA; else 0.
 */
static int check_vma_flags(const struct vm_area_struct *vma, unsigned int gup_flags)
{
	unsigned long f = vma->vm_flags;

	if (f & (VM_IO | VM_PFNMAP))
		return -EFAULT;
	if (gup_flags & FOLL_WRITE) {
		if (!(f & VM_WRITE) && (!(gup_flags & FOLL_FORCE) || (f & VM_MAYSHARE)))
			return -EFAULT;
	} else if (!(f & VM_READ)) {
		if (!(gup_flags & FOLL_FORCE) || !(f & VM_MAYREAD))
			return -EFAULT;
	}
	return 0;
}

/* follow_page_pte: is @addr mapped well enough that no fault is needed? */
static bool follow_page_ok(struct machine *m, struct mm_struct *mm, unsigned long addr,
			   unsigned int gup_flags)
{
	pte_t *pte = mm_find_pte(m, mm, addr);

	if (!pte || !pte_present(*pte))
		return false;
	return !(gup_flags & FOLL_WRITE) || pte_write(*pte);	/* can_follow_write_pte */
}

/*
 * faultin_page - one handle_mm_fault for GUP, counted in the current
 * task's min_flt when it succeeds (mm_account_fault with regs NULL).
 * 0, -ENOMEM (VM_FAULT_OOM), -EFAULT (SIGBUS, SIGSEGV) or -ENOSYS
 * (VM_FAULT_UNMODELLED: the log says what is missing).
 */
static int faultin_page(struct machine *m, struct vm_area_struct *vma, unsigned long addr,
			unsigned int gup_flags)
{
	unsigned int fault = handle_mm_fault(m, vma, addr,
					     gup_flags & FOLL_WRITE ? FAULT_FLAG_WRITE : 0);

	if (fault & VM_FAULT_OOM)
		return -ENOMEM;
	if (fault & VM_FAULT_UNMODELLED)
		return -ENOSYS;
	if (fault & VM_FAULT_ERROR)
		return -EFAULT;
	if (m->current)
		m->current->min_flt++;
	return 0;
}

/*
 * __get_user_pages over [@start, @end) of @vma: each page looked up, and
 * faulted in when needed.  Returns the pages done, or the error of the
 * first page when none was (-EFAULT, -ENOMEM).
 */
static long gup_vma_range(struct machine *m, struct vm_area_struct *vma, unsigned long start,
			  unsigned long end, unsigned int gup_flags)
{
	unsigned long addr;
	int err;

	err = check_vma_flags(vma, gup_flags);
	if (err)
		return err;
	if (vma->vm_special_name)	/* [vdso]'s own fault handler: not modelled */
		return (long)((end - start) >> PAGE_SHIFT);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		if (follow_page_ok(m, vma->vm_mm, addr, gup_flags))
			continue;
		err = faultin_page(m, vma, addr, gup_flags);
		if (err == -ENOSYS)	/* not modelled (logged once): as if done */
			break;
		if (err)
			return addr == start ? err : (long)((addr - start) >> PAGE_SHIFT);
	}
	return (long)((end - start) >> PAGE_SHIFT);
}

long populate_vma_page_range(struct machine *m, struct vm_area_struct *vma, unsigned long start,
			     unsigned long end)
{
	unsigned int gup_flags = 0;
	long ret;

	if (vma->vm_flags & VM_LOCKONFAULT)	/* mlock what is there, fault nothing */
		return (long)((end - start) >> PAGE_SHIFT);
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		gup_flags |= FOLL_WRITE;	/* private writable: break CoW now */
	if (gup_vma_accessible(vma))
		gup_flags |= FOLL_FORCE;	/* PROT_NONE fails, the rest populates */
	ret = gup_vma_range(m, vma, start, end, gup_flags);
	lru_add_drain(m);		/* 6.18: the batches of what it faulted (mlock's) */
	return ret;
}

int __mm_populate(struct machine *m, struct mm_struct *mm, unsigned long start,
		  unsigned long len, bool ignore_errors)
{
	unsigned long end = start + len, nstart, nend;
	struct vm_area_struct *vma;
	long ret = 0;

	for (nstart = start; nstart < end; nstart = nend) {
		vma = find_vma(mm, nstart);
		if (!vma || vma->vm_start >= end)
			break;
		nend = min(end, vma->vm_end);
		if (vma->vm_flags & (VM_IO | VM_PFNMAP))
			continue;
		if (nstart < vma->vm_start)
			nstart = vma->vm_start;
		ret = populate_vma_page_range(m, vma, nstart, nend);
		if (ret < 0) {
			if (ignore_errors) {
				ret = 0;
				continue;	/* the next VMA */
			}
			break;
		}
		nend = nstart + ((unsigned long)ret << PAGE_SHIFT);
		ret = 0;
	}
	return (int)ret;
}

long faultin_page_range(struct machine *m, struct mm_struct *mm, unsigned long start,
			unsigned long end, bool write)
{
	unsigned int gup_flags = FOLL_MADV_POPULATE | (write ? FOLL_WRITE : 0);
	struct vm_area_struct *vma = find_vma(mm, start);
	long ret;

	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	if (vma->vm_flags & (VM_IO | VM_PFNMAP))
		return -EINVAL;			/* incompatible mapping */
	if (check_vma_flags(vma, gup_flags))
		return -EINVAL;			/* no permission */
	ret = gup_vma_range(m, vma, start, min(end, vma->vm_end), gup_flags);
	return ret;
}

void vm_mmap_populate(struct machine *m, struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long flags)
{
	bool locked = (flags & MAP_LOCKED) || (mm->def_flags & VM_LOCKED);

	if (locked || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		mm_populate(m, mm, addr, ALIGN(len, PAGE_SIZE));
}
