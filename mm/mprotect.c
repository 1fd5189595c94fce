// SPDX-License-Identifier: GPL-2.0-only
/*
 * Changing a range's protection (Linux's mm/mprotect.c): do_mprotect_pkey's
 * checks and walk over the VMAs, and mprotect_fixup, which gives one
 * VMA's part its new flags by merging with a neighbour or splitting
 * (vma_modify_flags, mm/vma.c) and moves the page counters.
 *
 * Errors as Linux 6.18: EINVAL (unaligned start, unknown PROT_* bits,
 * PROT_GROWSDOWN and PROT_GROWSUP together, PROT_GROWSDOWN on a VMA that
 * does not grow down), ENOMEM (nothing mapped at start, a hole in the
 * range - the VMAs before the hole keep their new protection, as on
 * Linux - an end that wraps, a split at vm.max_map_count), EACCES (a
 * permission the VMA may not have: VM_MAYREAD/WRITE/EXEC clear).
 *
 * Private memory turning writable is charged to the commit
 * (__vm_enough_memory: -ENOMEM when refused, nothing changes) and gets
 * VM_ACCOUNT; never-faulted anonymous memory turning read-only gives its
 * charge back.
 *
 * A range turning into data past RLIMIT_DATA is refused (may_expand_vm).
 *
 * The PTEs take the new protection (change_protection) and one TLB
 * flush covers every PTE whose change needs one (the mmu_gather).
 *
 * Leaves out: READ_IMPLIES_EXEC, protection keys, memory-deny-write-execute, sealing,
 * PROT_GROWSUP (no VM_GROWSUP on x86: refused as Linux refuses it there).
 * Wired to the script language by the process issue (mprotect command).
 * Callers: tests/unit/test_vma.c, the process issue.
 */
#include <errno.h>
#include "linux/cred.h"
#include "linux/machine.h"
#include "linux/mman.h"
#include "linux/mm_fault.h"
#include "asm-generic/tlb.h"
#include "vma.h"

/* Anonymous in Linux's sense: no vm_ops (shared anon has shmem's). */
static bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file && !(vma->vm_flags & VM_SHARED);
}

int mprotect_fixup(struct machine *m, struct mmu_gather *tlb, struct vm_area_struct *vma,
		   unsigned long start, unsigned long end, unsigned long newflags,
		   struct vm_area_struct **pvma)
{
	unsigned long oldflags = vma->vm_flags, nrpages = (end - start) >> PAGE_SHIFT;
	unsigned long charged = 0;
	struct mm_struct *mm = vma->vm_mm;
	int err;

	*pvma = vma;
	if (newflags == oldflags)
		return 0;
	if (newflags & VM_WRITE) {
		/* RLIMIT_DATA when the range turns into data */
		if (!may_expand_vm(m, mm, newflags, nrpages) && may_expand_vm(m, mm, oldflags, nrpages))
			return -ENOMEM;
		/* private memory turning writable becomes accounted: charged */
		if (!(oldflags & (VM_ACCOUNT | VM_WRITE | VM_HUGETLB | VM_SHARED | VM_NORESERVE))) {
			charged = nrpages;
			if (__vm_enough_memory(m, &mm->total_vm, (long)charged,
					       capable(m, CAP_SYS_ADMIN)))
				return -ENOMEM;
			newflags |= VM_ACCOUNT;
		}
	} else if ((oldflags & VM_ACCOUNT) && vma_is_anonymous(vma) && !vma->anon_vma) {
		newflags &= ~VM_ACCOUNT;	/* nothing faulted in: uncharge */
	}
	vma = vma_modify_flags(m, vma, start, end, newflags, &err);
	if (!vma) {
		vm_unacct_memory(m, (long)charged);
		return err;
	}
	if ((oldflags & VM_ACCOUNT) && !(newflags & VM_ACCOUNT))
		vm_unacct_memory(m, (long)nrpages);
	tlb_change_protection(tlb, vma, start, end);	/* the PTEs take vm_page_prot */
	*pvma = vma;
	return 0;
}

/* The walk over the VMAs of [@start, @end): each gets its new flags. */
static int mprotect_vmas(struct machine *m, struct mmu_gather *tlb, struct vm_area_struct *vma,
			 unsigned long start, unsigned long end, unsigned long prot)
{
	unsigned long nstart = start, tmp = vma->vm_start;
	int err;

	while (vma && vma->vm_start < end) {
		unsigned long newflags;

		if (vma->vm_start != tmp)
			return -ENOMEM;		/* a hole: what came before stays */
		newflags = calc_vm_prot_bits(prot) | (vma->vm_flags & ~VM_ACCESS_FLAGS);
		/* newflags >> 4 puts VM_MAY* where VM_* are */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS)
			return -EACCES;
		tmp = min(vma->vm_end, end);
		err = mprotect_fixup(m, tlb, vma, nstart, tmp, newflags, &vma);
		if (err)
			return err;
		tmp = vma->vm_end;
		nstart = tmp;
		vma = vma->vm_next;
	}
	return tmp < end ? -ENOMEM : 0;
}

int do_mprotect(struct machine *m, struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot)
{
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	unsigned long end;
	struct vm_area_struct *vma;
	struct mmu_gather tlb;
	int err;

	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = ALIGN(len, PAGE_SIZE);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;			/* arch_validate_prot */
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return -ENOMEM;
	if (grows & PROT_GROWSDOWN) {
		start = vma->vm_start;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			return -EINVAL;
	} else {
		if (vma->vm_start > start)
			return -ENOMEM;
		if (grows & PROT_GROWSUP)
			return -EINVAL;		/* no VM_GROWSUP on x86 */
	}
	tlb_gather_mmu(&tlb, m, mm);
	err = mprotect_vmas(m, &tlb, vma, start, end, prot);
	tlb_finish_mmu(&tlb);		/* one flush of what changed */
	return err;
}

