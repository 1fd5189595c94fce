// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/pagemap (Linux's fs/proc/task_mmu.c pagemap_read, with
 * pagemap_pte_hole and pte_to_pagemap_entry): one 8-byte entry per
 * virtual page of the task, entry N for address N * 4096, up to
 * TASK_SIZE (0x7ffffffff000: 2^35 - 1 entries).  The bits, as
 * Documentation/admin-guide/mm/pagemap.rst lists them:
 *   0-54  the PFN when present (0 unless the reader has CAP_SYS_ADMIN:
 *         "do not disclose physical addresses"), or swap type (0-4) and
 *         offset (5-54) when swapped
 *   55    soft-dirty (never: mmsim, like the reference kernel, is built
 *         without CONFIG_MEM_SOFT_DIRTY)
 *   56    exclusively mapped: the page's mapcount is 1
 *   57    uffd-wp (no userfaultfd: never)   58  guard region (never)
 *   61    file page or shared anonymous (the folio is not PageAnon)
 *   62    swapped                           63  present
 * Holes - outside any VMA, or a VMA page without a PTE - read 0.  The
 * zero page is present with its PFN, neither exclusive nor file: it is
 * no normal page (vm_normal_page), as the 6.18 host shows it.
 * A read at an offset or of a length that is no multiple of 8 is
 * -EINVAL; past TASK_SIZE it reads 0 bytes; a zombie's (no mm) too.
 *
 * Leaves out: PAGEMAP_SCAN ioctl, THP/hugetlb entries (no such
 * mappings), migration and marker entries (none exist), the
 * PTRACE_MODE_READ check at open.  Reads state only.  Registered by
 * fs/proc/base.c; read through kernfs_pread (mmsim_pread).
 */
#include <string.h>
#include "linux/cred.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/mm_struct.h"
#include "linux/page-flags.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "../../mm/vma.h"
#include "internal.h"

#define PM_ENTRY_BYTES		8
#define PM_PFRAME_BITS		55
#define PM_PFRAME_MASK		((1ULL << PM_PFRAME_BITS) - 1)
#define PM_SOFT_DIRTY		(1ULL << 55)
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)
#define PM_UFFD_WP		(1ULL << 57)
#define PM_GUARD_REGION		(1ULL << 58)
#define PM_FILE			(1ULL << 61)
#define PM_SWAP			(1ULL << 62)
#define PM_PRESENT		(1ULL << 63)
#define MAX_SWAPFILES_SHIFT	5

/* make_pme */
static unsigned long long make_pme(unsigned long long frame, unsigned long long flags)
{
	return (frame & PM_PFRAME_MASK) | flags;
}

/* vm_normal_page for the PTEs mmsim makes: none for a special PTE (the zero page). */
static struct page *normal_page(struct machine *m, pte_t pte)
{
	if (pte_special(pte) || !pfn_valid(m, pte_pfn(pte)))
		return NULL;
	return pfn_to_page(m, pte_pfn(pte));
}

/* pte_to_pagemap_entry: the entry of a non-empty PTE. */
static unsigned long long pte_to_pagemap_entry(struct machine *m, pte_t pte, bool show_pfn)
{
	unsigned long long frame = 0, flags = 0;
	struct page *page = NULL;

	if (pte_present(pte)) {
		if (show_pfn)
			frame = pte_pfn(pte);
		flags |= PM_PRESENT;
		page = normal_page(m, pte);
	} else {				/* is_swap_pte */
		swp_entry_t entry = __pte_to_swp_entry(pte);

		if (show_pfn)
			frame = __swp_type(entry) |
				((unsigned long long)__swp_offset(entry) << MAX_SWAPFILES_SHIFT);
		flags |= PM_SWAP;
	}
	if (page) {
		if (!PageAnon(page))
			flags |= PM_FILE;
		if ((flags & PM_PRESENT) && page->_mapcount == 0)	/* mapcount 1 */
			flags |= PM_MMAP_EXCLUSIVE;
	}
	return make_pme(frame, flags);
}

/* The entry of user address @addr of @mm: 0 for a hole. */
static unsigned long long pagemap_entry(struct machine *m, struct mm_struct *mm,
					struct vm_area_struct *vma, unsigned long addr,
					bool show_pfn)
{
	pte_t *pte;

	if (!vma || addr < vma->vm_start)	/* pagemap_pte_hole outside a VMA */
		return 0;
	pte = mm_find_pte(m, mm, addr);
	if (!pte || pte_none(*pte))		/* a hole in the VMA (no VM_SOFTDIRTY) */
		return 0;
	return pte_to_pagemap_entry(m, *pte, show_pfn);
}

/* pagemap_read: entries for [pos / 8, (pos + len) / 8), stopping at TASK_SIZE. */
static long pagemap_read(struct machine *m, void *data, void *buf, size_t len,
			 unsigned long long pos)
{
	struct task_struct *tsk = data;
	struct mm_struct *mm = tsk->mm;
	struct vm_area_struct *vma = NULL;
	unsigned long long svpfn, nr;
	unsigned long addr;
	bool show_pfn;

	if (!mm)				/* !mmget_not_zero: 0 bytes */
		return 0;
	if ((pos % PM_ENTRY_BYTES) || (len % PM_ENTRY_BYTES))
		return -EINVAL;
	svpfn = pos / PM_ENTRY_BYTES;
	if (!len || svpfn >= (mm->task_size >> PAGE_SHIFT))
		return 0;
	show_pfn = capable(m, CAP_SYS_ADMIN);	/* file_ns_capable of the reader */
	nr = len / PM_ENTRY_BYTES;
	if (nr > (mm->task_size >> PAGE_SHIFT) - svpfn)
		nr = (mm->task_size >> PAGE_SHIFT) - svpfn;
	addr = svpfn << PAGE_SHIFT;
	for (unsigned long long i = 0; i < nr; i++, addr += PAGE_SIZE) {
		unsigned long long pme;

		if (!vma || addr >= vma->vm_end)
			vma = find_vma(mm, addr);
		if (!vma) {			/* past the last VMA: all holes */
			memset((char *)buf + i * PM_ENTRY_BYTES, 0, (nr - i) * PM_ENTRY_BYTES);
			break;
		}
		pme = pagemap_entry(m, mm, vma, addr, show_pfn);
		memcpy((char *)buf + i * PM_ENTRY_BYTES, &pme, PM_ENTRY_BYTES);
	}
	return (long)(nr * PM_ENTRY_BYTES);
}

const struct kernfs_ops proc_pagemap_operations = { .read = pagemap_read };
