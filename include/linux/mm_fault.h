/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Anonymous page faults and the PTE side of unmapping (Linux's
 * mm/memory.c handle_mm_fault, zap_pte_range; arch/x86/mm/fault.c
 * do_user_addr_fault), and the RSS counters they keep (mm_types.h).
 * Implemented in mm/memory_fault.c and arch/x86/mm/fault.c.
 */
#ifndef _LINUX_MM_FAULT_H
#define _LINUX_MM_FAULT_H

#include "linux/mm_struct.h"

struct machine;

/* vm_fault_t bits handle_mm_fault returns (0: the PTE is in place). */
#define VM_FAULT_OOM		0x000001
#define VM_FAULT_SIGBUS		0x000002
#define VM_FAULT_SIGSEGV	0x000040
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/* FAULT_FLAG_* (mm_types.h) this model uses. */
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x40

static inline long get_mm_counter(const struct mm_struct *mm, int member)
{
	return mm->rss_stat[member];
}
static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	mm->rss_stat[member] += value;
}
/* get_mm_rss - file + anon + shmem pages (what VmRSS shows). */
static inline unsigned long get_mm_rss(const struct mm_struct *mm)
{
	return (unsigned long)(mm->rss_stat[MM_FILEPAGES] + mm->rss_stat[MM_ANONPAGES] +
			       mm->rss_stat[MM_SHMEMPAGES]);
}
/* update_hiwater_rss - raise hiwater_rss to the RSS before it drops. */
static inline void update_hiwater_rss(struct mm_struct *mm)
{
	if (mm->hiwater_rss < get_mm_rss(mm))
		mm->hiwater_rss = get_mm_rss(mm);
}
/* get_mm_hiwater_rss - VmHWM: the larger of hiwater_rss and the RSS now. */
static inline unsigned long get_mm_hiwater_rss(const struct mm_struct *mm)
{
	return mm->hiwater_rss > get_mm_rss(mm) ? mm->hiwater_rss : get_mm_rss(mm);
}

/*
 * vm_get_page_prot - the PTE protection of VM_* @vm_flags (x86's
 * protection_map[]: private writable is read-only PAGE_COPY until a
 * write fault).  arch/x86/mm/pgprot.c.  The fault path uses it instead
 * of vma->vm_page_prot, which the VMA code does not keep yet.
 */
pgprot_t vm_get_page_prot(unsigned long vm_flags);

/*
 * my_zero_pfn - the shared zero page's frame: one per machine, the first
 * page of the kernel image's bss (Linux's empty_zero_page lives in
 * .bss..page_aligned; the exact offset there differs).  Never allocated
 * or freed; read faults map it pte_mkspecial and read-only.
 */
unsigned long my_zero_pfn(const struct machine *m);

/*
 * handle_mm_fault - resolve a fault at @address of @vma (the caller has
 * checked the VMA covers @address and allows the access) with
 * FAULT_FLAG_* @flags.  Private anonymous VMAs: a missing PTE gets the
 * zero page (read) or a new zeroed page (write) - the VMA's anon_vma is
 * made first (anon_vma_prepare); a write to a read-only PTE is
 * do_wp_page: a copy of the zero page, reuse of a page that is
 * PG_anon_exclusive or referenced by this mapping alone (6.18's
 * wp_can_reuse_anon_folio), else a copy of its bytes (CoW after fork).
 * Counts PGFAULT.  Returns 0, VM_FAULT_OOM (no page
 * or table), or VM_FAULT_SIGBUS for what is not modelled yet (file and
 * shared VMAs: a "not yet modelled" line is logged).
 */
unsigned int handle_mm_fault(struct machine *m, struct vm_area_struct *vma,
			     unsigned long address, unsigned int flags);

/*
 * zap_page_range_mm - unmap_vmas for [@start, @end) of @mm: every
 * present PTE is cleared; its page (not the zero page) loses the mapping
 * (folio_remove_rmap_pte: NR_ANON_MAPPED drops with the last) and the
 * PTE's reference (folio_put: freed with the last), MM_ANONPAGES - 1;
 * hiwater_rss is raised first.
 * Tables stay (free_pgtables frees them after).  Callers: exit_mmap,
 * do_vmi_munmap.
 */
void zap_page_range_mm(struct machine *m, struct mm_struct *mm, unsigned long start,
		       unsigned long end);

/*
 * change_protection - mprotect's PTE pass: each present PTE of
 * [@start, @end) in @vma takes vm_get_page_prot(@vma->vm_flags) (pte_modify), so a
 * read-only or PROT_NONE range faults as Linux's does; in a private
 * VMA made writable, exclusive anonymous pages get RW back at once
 * (MM_CP_TRY_CHANGE_WRITABLE), zero-page PTEs stay read-only.
 */
void change_protection(struct machine *m, struct vm_area_struct *vma, unsigned long start,
		       unsigned long end);

/*
 * copy_page_range - fork's copy of @src_vma's PTEs into its copy
 * @dst_vma (linked in the child, anon_vma_fork done), for VMAs that need
 * it (an anon_vma, or VM_PFNMAP/VM_MIXEDMAP): each page gets a second
 * mapping and reference (PG_anon_exclusive cleared) and counts in the
 * child's MM_ANONPAGES; writable PTEs of a private VMA are write-protected
 * in both; the child's PTEs are old; zero-page PTEs are copied as they
 * are; the child's tables are allocated where the parent has them.
 * 0 or -ENOMEM (no page for a table; what was copied stays, for the
 * caller's mmput).  mm/memory_copy.c; caller dup_mmap.
 */
int copy_page_range(struct machine *m, struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma);

/*
 * validate_anon_ptes - the anonymous PTEs and the rmap (validate_rmap,
 * include/linux/rmap.h, mm/rmap_validate.c): every present PTE inside a
 * VMA maps the zero page (special) or an in-use anonymous page chained
 * to that VMA at its linear index; page_mapcount equals the PTEs mapping
 * the page and rmap_walk_anon finds each; per mm the pages equal
 * MM_ANONPAGES, in all NR_ANON_MAPPED; every anon_vma and chain is
 * consistent.  0 or -EUCLEAN with the first problem in @err.  Called by
 * mmsim_validate.
 */
int validate_anon_ptes(struct machine *m, char *err, size_t len);

/*
 * do_user_addr_fault - the x86 #PF handler for a user access to @address
 * with X86_PF_* @error_code by the current task: find_vma (a fault below
 * a VM_GROWSDOWN VMA grows it: expand_downwards), access_error,
 * handle_mm_fault, mm_account_fault (min_flt).  Returns 0 (retry the
 * access), -EFAULT (SIGSEGV: bad area, access error or VM_FAULT_SIGSEGV;
 * the "segfault at" line is logged), -ENXIO (SIGBUS: VM_FAULT_SIGBUS,
 * e.g. a file page past EOF), -ENOMEM (VM_FAULT_OOM) or -EIO
 * (VM_FAULT_UNMODELLED, include/linux/pagemap.h: not yet modelled).
 * arch/x86/mm/fault.c.
 */
int do_user_addr_fault(struct machine *m, unsigned long error_code, unsigned long address);

#endif
