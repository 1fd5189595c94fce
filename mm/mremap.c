// SPDX-License-Identifier: GPL-2.0-only
/*
 * Resizing and moving mappings (Linux 6.18's mm/mremap.c): do_mremap and
 * its steps, threaded through a struct vma_remap_struct as Linux does.
 *
 * Order of the checks, as on Linux (and as the 6.18 host answers):
 *   check_mremap_params  EINVAL: unknown flags, unaligned addr, new_len 0
 *                        (after page rounding) or > TASK_SIZE (the mm's
 *                        task_size: 56 bits with la57); with a new
 *                        address (FIXED or DONTUNMAP): new_addr past
 *                        TASK_SIZE - new_len, unaligned, no MAYMOVE,
 *                        DONTUNMAP with old_len != new_len, old and new
 *                        ranges overlapping; then ENOMEM when map_count + 2
 *                        >= vm.max_map_count - 3.
 *   check_prep_vma       EFAULT: no VMA at addr; for a grow or a move:
 *                        EINVAL old_len 0 on a private mapping (warned
 *                        once), EINVAL DONTUNMAP of VM_DONTEXPAND/VM_PFNMAP,
 *                        EFAULT a range past the VMA's end (a shrink may
 *                        cross: only what stays must lie in one VMA); for a
 *                        grow: EINVAL pgoff overflow, EFAULT VM_DONTEXPAND
 *                        or VM_PFNMAP, EAGAIN RLIMIT_MEMLOCK (mlock_future_ok),
 *                        ENOMEM RLIMIT_AS/RLIMIT_DATA (may_expand_vm).
 *   then                 shrink in place (munmap of the tail), grow in
 *                        place when nothing is mapped after the VMA (the
 *                        extension merges with the next VMA when it can),
 *                        else ENOMEM without MAYMOVE, else a move: ENOMEM
 *                        when map_count >= vm.max_map_count - 3, the
 *                        overcommit charge, copy_vma (placed by
 *                        get_unmapped_area, merged with its new neighbours;
 *                        an unfaulted anonymous VMA takes the pgoff of its
 *                        new address) and the unmap of the old range.
 *   FIXED + same length  (6.17+) a move of every VMA in the range, gaps
 *                        kept; EFAULT when the range starts in a hole.
 *
 * Accounting: a grow or move of a VM_ACCOUNT mapping charges the growth
 * (DONTUNMAP: the whole new length; the old VMA keeps VM_ACCOUNT and its
 * charge), given back on failure; the old range of a move is unmapped
 * without uncharging (VM_ACCOUNT cleared for the unmap, restored on what
 * is left).  total_vm and the other counters follow (vrm_stat_account);
 * a move's transient total_vm does not raise VmPeak (hiwater_vm restored).
 * DONTUNMAP clears VM_LOCKED on the old VMA but leaves locked_vm, as
 * Linux (VmLck stays high, checked on the 6.18 host).
 *
 * Pages: a move carries the page tables over (move_page_tables): a
 * whole PUD or PMD table moves by its entry when a step covers one (the
 * addresses realigned down to a PMD boundary when both are equally
 * misaligned and nothing is mapped below), else PTE by PTE into tables
 * made at the destination; the pages are not copied and keep their
 * index (the new VMA keeps the pgoff of a VMA that has an anon_vma), the
 * old range is flushed from the TLBs and its tables freed by the unmap.
 * On the host, moving 256 touched pages costs no fault before or after;
 * DONTUNMAP leaves the old range mapped but empty (a read there faults
 * the zero page in).  A shrink zaps the tail (munmap).  A growth of an
 * mlocked mapping is faulted in (mm_populate: 128 minflt for 128 new
 * pages on the host).
 *
 * Leaves out: hugetlb alignment, userfaultfd, mseal (-EPERM), KSM,
 * the vDSO's mremap hook (mm->context.vdso); special
 * mappings refuse a partial move as their may_split does (-EINVAL).
 * Callers: the front end (mmsim_process_mremap), tests.
 */
#include <errno.h>
#include "mmsim.h"
#include "linux/cred.h"
#include "linux/err.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/printk.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/mmsim_access.h"
#include "vma.h"

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

/* What kind of resize (Linux's enum mremap_type). */
enum mremap_type {
	MREMAP_INVALID,		/* not yet known */
	MREMAP_NO_RESIZE,	/* old_len == new_len */
	MREMAP_SHRINK,		/* old_len > new_len */
	MREMAP_EXPAND,		/* old_len < new_len */
};

/* One mremap, threaded through every step (Linux's vma_remap_struct). */
struct vma_remap_struct {
	struct machine *m;		/* the machine */
	struct mm_struct *mm;		/* the caller's address space */
	unsigned long addr;		/* start of the range to remap */
	unsigned long old_len;		/* its length (page aligned) */
	unsigned long new_len;		/* the length wanted (page aligned) */
	unsigned long flags;		/* MREMAP_* */
	unsigned long new_addr;		/* FIXED target or DONTUNMAP hint; then
					 * where the mapping ends up */
	struct vm_area_struct *vma;	/* the VMA holding addr (re-looked-up
					 * after every unmap) */
	unsigned long delta;		/* |old_len - new_len| */
	enum mremap_type remap_type;	/* what kind of resize */
	unsigned long charged;		/* pages charged to the commit */
	bool mlocked;			/* the VMA is VM_LOCKED: populate growth */
};

static bool vrm_implies_new_addr(const struct vma_remap_struct *vrm)
{
	return vrm->flags & (MREMAP_FIXED | MREMAP_DONTUNMAP);
}

static bool vrm_overlaps(const struct vma_remap_struct *vrm)
{
	return vrm->addr + vrm->old_len > vrm->new_addr &&
	       vrm->new_addr + vrm->new_len > vrm->addr;
}

/* The VMA containing @addr (vma_lookup), or NULL. */
static struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}

static void vrm_set_delta(struct vma_remap_struct *vrm)
{
	vrm->delta = vrm->old_len > vrm->new_len ? vrm->old_len - vrm->new_len :
						   vrm->new_len - vrm->old_len;
	if (!vrm->delta)
		vrm->remap_type = MREMAP_NO_RESIZE;
	else if (vrm->old_len > vrm->new_len)
		vrm->remap_type = MREMAP_SHRINK;
	else
		vrm->remap_type = MREMAP_EXPAND;
}

/* ---- checks ---- */

static long check_mremap_params(struct vma_remap_struct *vrm)
{
	if (vrm->flags & ~(unsigned long)(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if (vrm->addr & ~PAGE_MASK)
		return -EINVAL;
	if (!vrm->new_len || vrm->new_len > vrm->mm->task_size)	/* TASK_SIZE: 56 bits with la57 */
		return -EINVAL;
	if (!vrm_implies_new_addr(vrm))
		return 0;
	if (vrm->new_addr > vrm->mm->task_size - vrm->new_len)
		return -EINVAL;
	if (vrm->new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (!(vrm->flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((vrm->flags & MREMAP_DONTUNMAP) && vrm->old_len != vrm->new_len)
		return -EINVAL;
	if (vrm_overlaps(vrm))
		return -EINVAL;
	/* both the target and the source may split in three: stay clear of the limit */
	if (vrm->mm->map_count + 2 >= vrm->m->vm.max_map_count - 3)
		return -ENOMEM;
	return 0;
}

static long check_prep_vma(struct vma_remap_struct *vrm)
{
	struct vm_area_struct *vma = vrm->vma;
	unsigned long old_len = vrm->old_len, new_len = vrm->new_len, pgoff;

	if (!vma)
		return -EFAULT;
	vrm_set_delta(vrm);
	if (!vrm_implies_new_addr(vrm))
		vrm->new_addr = vrm->addr;
	if (vrm->remap_type != MREMAP_EXPAND && !vrm_implies_new_addr(vrm))
		return 0;		/* a shrink or no-op maps nothing new */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE))) {
		if (!vrm->m->warned_mremap_dup) {	/* pr_warn_once */
			vrm->m->warned_mremap_dup = true;
			pr_warn(vrm->m, "%s (%d): attempted to duplicate a private mapping with mremap.  This is not supported.",
				vrm->m->current_comm, vrm->m->current_pid);
		}
		return -EINVAL;
	}
	if ((vrm->flags & MREMAP_DONTUNMAP) && (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP)))
		return -EINVAL;
	if (vrm->remap_type == MREMAP_SHRINK)
		old_len = new_len;	/* the unmapped tail may cross VMAs */
	if (old_len > vma->vm_end - vrm->addr)
		return -EFAULT;
	if (new_len == old_len)
		return 0;
	pgoff = vma->vm_pgoff + ((vrm->addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	if (vma->vm_flags & (VM_DONTEXPAND | VM_PFNMAP))
		return -EFAULT;
	if (!mlock_future_ok(vrm->m, vrm->mm, vma->vm_flags, vrm->delta))
		return -EAGAIN;
	if (!may_expand_vm(vrm->m, vrm->mm, vma->vm_flags, vrm->delta >> PAGE_SHIFT))
		return -ENOMEM;
	return 0;
}

/* ---- accounting ---- */

/* Charge the growth (DONTUNMAP: the whole new length) of an accounted VMA. */
static bool vrm_calc_charge(struct vma_remap_struct *vrm)
{
	unsigned long charged;

	if (!(vrm->vma->vm_flags & VM_ACCOUNT))
		return true;
	charged = ((vrm->flags & MREMAP_DONTUNMAP) ? vrm->new_len : vrm->delta) >> PAGE_SHIFT;
	if (__vm_enough_memory(vrm->m, &vrm->mm->total_vm, (long)charged,
			       capable(vrm->m, CAP_SYS_ADMIN)))
		return false;
	vrm->charged = charged;
	return true;
}

static void vrm_uncharge(struct vma_remap_struct *vrm)
{
	if (!(vrm->vma->vm_flags & VM_ACCOUNT))
		return;
	vm_unacct_memory(vrm->m, (long)vrm->charged);
	vrm->charged = 0;
}

static void vrm_stat_account(struct vma_remap_struct *vrm, unsigned long bytes)
{
	unsigned long pages = bytes >> PAGE_SHIFT;

	vm_stat_account(vrm->mm, vrm->vma->vm_flags, (long)pages);
	if (vrm->vma->vm_flags & VM_LOCKED) {
		vrm->mm->locked_vm += pages;
		vrm->mlocked = true;
	}
}

/* ---- moving the page tables (move_page_tables) ---- */

/* One move of page-table entries (Linux's struct pagetable_move_control). */
struct pagetable_move_control {
	struct machine *m;
	struct vm_area_struct *old;	/* the source VMA */
	struct vm_area_struct *new;	/* the destination VMA */
	unsigned long old_addr;		/* next source address (may be realigned down) */
	unsigned long old_end;		/* end of the source range */
	unsigned long new_addr;		/* next destination address */
	unsigned long len_in;		/* the length asked for */
};

/*
 * get_extent: how far the next step may go from old_addr - to the next
 * @size boundary of the source and of the destination, and the end.
 */
static unsigned long get_extent(const struct pagetable_move_control *pmc, unsigned long size)
{
	unsigned long mask = ~(size - 1), next, extent;

	next = (pmc->old_addr + size) & mask;
	extent = next - pmc->old_addr;		/* right even if next wrapped */
	if (extent > pmc->old_end - pmc->old_addr)
		extent = pmc->old_end - pmc->old_addr;
	next = (pmc->new_addr + size) & mask;
	if (extent > next - pmc->new_addr)
		extent = next - pmc->new_addr;
	return extent;
}

/* get_old_pud / get_old_pmd: the source's entry, NULL when none. */
static pud_t *get_old_pud(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	pud_t *pud = pud_offset(m, p4d_offset(pgd_offset(mm, addr), addr), addr);

	return pud && !pud_none(*pud) ? pud : NULL;
}

static pmd_t *get_old_pmd(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	pud_t *pud = get_old_pud(m, mm, addr);
	pmd_t *pmd = pud ? pmd_offset(m, pud, addr) : NULL;

	return pmd && !pmd_none(*pmd) ? pmd : NULL;
}

/* alloc_new_pud / alloc_new_pmd: the destination's entry, tables made as needed. */
static pud_t *alloc_new_pud(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	p4d_t *p4d;

	if (p4d_alloc_slot(m, mm, addr))	/* p4d_alloc: la57's P4D table */
		return NULL;
	p4d = p4d_offset(pgd_offset(mm, addr), addr);
	if (__pud_alloc(m, mm, p4d, addr))
		return NULL;
	return pud_offset(m, p4d, addr);
}

static pmd_t *alloc_new_pmd(struct machine *m, struct mm_struct *mm, unsigned long addr)
{
	pud_t *pud = alloc_new_pud(m, mm, addr);

	if (!pud || __pmd_alloc(m, mm, pud, addr))
		return NULL;
	return pmd_offset(m, pud, addr);
}

/*
 * move_ptes: every entry of [old_addr, old_addr + @extent) to the same
 * place at new_addr, with its page (no copy: the page keeps its index,
 * the new VMA its pgoff); the old range is flushed when a present PTE
 * moved.  The destination PTE table exists.
 */
static void move_ptes(struct pagetable_move_control *pmc, unsigned long extent)
{
	struct mm_struct *mm = pmc->old->vm_mm;
	unsigned long old = pmc->old_addr, new = pmc->new_addr, end = old + extent;
	bool force_flush = false;

	for (; old < end; old += PAGE_SIZE, new += PAGE_SIZE) {
		pte_t *src = mm_find_pte(pmc->m, mm, old), *dst;

		if (!src || pte_none(*src))
			continue;
		dst = mm_find_pte(pmc->m, mm, new);
		if (pte_present(*src))
			force_flush = true;
		*dst = *src;			/* get_and_clear_full_ptes + set_ptes */
		*src = __pte(0);
	}
	if (force_flush)			/* flush_tlb_range of the old range */
		flush_tlb_mm_range(pmc->m, mm, pmc->old_addr, end, PAGE_SHIFT, false);
}

/*
 * move_normal_pmd / move_normal_pud (CONFIG_HAVE_MOVE_PMD/PUD, x86): a
 * whole table moves by its entry, the old entry cleared, the old range
 * flushed; false (move entry by entry) when the destination entry is in
 * use or the source one is not a table.
 */
static bool move_normal_pmd(struct pagetable_move_control *pmc, pmd_t *old_pmd, pmd_t *new_pmd)
{
	pmd_t pmd = *old_pmd;

	if (!pmd_none(*new_pmd) || !pmd_present(pmd) || pmd_leaf(pmd))
		return false;
	*old_pmd = __pmd(0);
	*new_pmd = pmd;				/* pmd_populate with the same table */
	pmc->old->vm_mm->pgt_memo.gen++;	/* validate_user_pgtables' memo */
	flush_tlb_mm_range(pmc->m, pmc->old->vm_mm, pmc->old_addr, pmc->old_addr + PMD_SIZE,
			   PAGE_SHIFT, false);
	return true;
}

static bool move_normal_pud(struct pagetable_move_control *pmc, pud_t *old_pud, pud_t *new_pud)
{
	pud_t pud = *old_pud;

	if (!pud_none(*new_pud) || pud_leaf(pud))
		return false;
	*old_pud = __pud(0);
	*new_pud = pud;
	pmc->old->vm_mm->pgt_memo.gen++;	/* validate_user_pgtables' memo */
	flush_tlb_mm_range(pmc->m, pmc->old->vm_mm, pmc->old_addr, pmc->old_addr + PUD_SIZE,
			   PAGE_SHIFT, false);
	return true;
}

/*
 * can_align_down: may @addr (the start of @vma) be taken down to the
 * table boundary?  Only if nothing is mapped between the two.
 */
static bool can_align_down(struct vm_area_struct *vma, unsigned long addr, unsigned long mask)
{
	if (vma->vm_start != addr)
		return false;
	return !find_vma_intersection(vma->vm_mm, addr & mask, vma->vm_start);
}

/*
 * try_realign_addr: when the range reaches the next PMD boundary, both
 * addresses are equally misaligned and nothing lies below either down to
 * the boundary, start both at the boundary so whole tables move.
 */
static void try_realign_addr(struct pagetable_move_control *pmc)
{
	unsigned long old_align = pmc->old_addr & ~PMD_MASK;

	if (pmc->len_in < PMD_SIZE - old_align || !old_align ||
	    old_align != (pmc->new_addr & ~PMD_MASK))
		return;
	if (!can_align_down(pmc->old, pmc->old_addr, PMD_MASK) ||
	    !can_align_down(pmc->new, pmc->new_addr, PMD_MASK))
		return;
	pmc->old_addr &= PMD_MASK;
	pmc->new_addr &= PMD_MASK;
}

/*
 * move_page_tables - move the entries of [old_addr, old_end) to new_addr
 * on: whole PUD or PMD tables when a step covers one, else PTE by PTE
 * into tables made at the destination.  Returns the bytes of the asked
 * range done (less than len_in when a table could not be allocated).
 * The source's emptied tables are freed later by the unmap of the old
 * range (free_pgtables).
 */
static unsigned long move_page_tables(struct pagetable_move_control *pmc)
{
	struct mm_struct *mm = pmc->old->vm_mm;
	unsigned long extent, orig = pmc->old_end - pmc->len_in;
	pud_t *old_pud, *new_pud;
	pmd_t *old_pmd, *new_pmd;

	if (!pmc->len_in)
		return 0;
	try_realign_addr(pmc);
	for (; pmc->old_addr < pmc->old_end; pmc->old_addr += extent, pmc->new_addr += extent) {
		extent = get_extent(pmc, PUD_SIZE);
		old_pud = get_old_pud(pmc->m, mm, pmc->old_addr);
		if (!old_pud)
			continue;
		new_pud = alloc_new_pud(pmc->m, mm, pmc->new_addr);
		if (!new_pud)
			break;
		if (extent == PUD_SIZE && move_normal_pud(pmc, old_pud, new_pud))
			continue;
		extent = get_extent(pmc, PMD_SIZE);
		old_pmd = get_old_pmd(pmc->m, mm, pmc->old_addr);
		if (!old_pmd)
			continue;
		new_pmd = alloc_new_pmd(pmc->m, mm, pmc->new_addr);
		if (!new_pmd)
			break;
		if (extent == PMD_SIZE && move_normal_pmd(pmc, old_pmd, new_pmd))
			continue;
		if (__pte_alloc(pmc->m, mm, new_pmd))
			break;
		move_ptes(pmc, extent);
	}
	return pmc->old_addr < orig ? 0 : pmc->old_addr - orig;	/* pmc_progress */
}

/* ---- moving ---- */

/* Anonymous in Linux's sense: no vm_ops (shared anonymous has shmem's). */
static bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file && !(vma->vm_flags & VM_SHARED) && !vma->vm_special_name;
}


/*
 * copy_vma (Linux's mm/vma.c): a VMA like *@vmap for [addr, addr + len)
 * at @pgoff, merged into its new neighbours when it can, else a new one.
 * The counters are the caller's.  *@vmap is updated when the source
 * itself was the neighbour that took the range.  NULL when out of memory.
 */
static struct vm_area_struct *copy_vma(struct machine *m, struct vm_area_struct **vmap,
				       unsigned long addr, unsigned long len, unsigned long pgoff)
{
	struct vm_area_struct *vma = *vmap, *new, *prev, *next;
	unsigned long vma_start = vma->vm_start;
	struct mm_struct *mm = vma->vm_mm;
	struct vma_merge_struct vmg = {
		.mm = mm, .start = addr, .end = addr + len, .pgoff = pgoff,
		.vm_flags = vma->vm_flags, .file = vma->vm_file, .anon_vma = vma->anon_vma,
	};

	/* no anon_vma (never write-faulted: no page has an index): follow the address */
	if (vma_is_anonymous(vma) && !vma->anon_vma)
		vmg.pgoff = addr >> PAGE_SHIFT;
	next = find_vma_prev(mm, addr, &prev);
	vmg.prev = prev && prev->vm_end == addr ? prev : NULL;
	vmg.next = next && next->vm_start == addr + len ? next : NULL;
	new = vma_merge_new_range(m, &vmg);
	if (new) {
		if (vma_start >= new->vm_start && vma_start < new->vm_end)
			*vmap = new;	/* the source merged into the copy */
		return new;
	}
	new = vm_area_alloc(m, mm);
	if (!new)
		return NULL;
	new->vm_start = addr;
	new->vm_end = addr + len;
	new->vm_pgoff = vmg.pgoff;
	new->vm_flags = vma->vm_flags;
	new->vm_page_prot = vma->vm_page_prot;
	new->anon_vma = vma->anon_vma;		/* vm_area_dup's copy */
	if (anon_vma_clone(m, new, vma)) {	/* chains to every anon_vma of vma */
		vm_area_free(m, new);
		return NULL;
	}
	new->vm_file = vma->vm_file ? get_file(vma->vm_file) : NULL;
	new->vm_special_name = vma->vm_special_name;
	vma_link(mm, new);
	return new;
}

/* Refusals before anything moves (prep_move_vma). */
static long prep_move_vma(struct vma_remap_struct *vrm)
{
	struct vm_area_struct *vma = vrm->vma;

	/* the copy may not merge (+1) and the unmap may split in three (+1) */
	if (vrm->mm->map_count >= vrm->m->vm.max_map_count - 3)
		return -ENOMEM;
	/* special_mapping_split: a special mapping moves whole or not at all */
	if (vma->vm_special_name &&
	    (vma->vm_start != vrm->addr || vma->vm_end != vrm->addr + vrm->old_len))
		return -EINVAL;
	return 0;
}

/*
 * Unmap the old range of a move without giving its charge back (the new
 * VMA holds it): VM_ACCOUNT is cleared for the unmap and restored on the
 * parts of the old VMA left on either side.
 */
static void unmap_source_vma(struct vma_remap_struct *vrm)
{
	struct vm_area_struct *vma = vrm->vma, *left, *right;
	unsigned long addr = vrm->addr, end = vrm->addr + vrm->old_len;
	bool accountable_move = (vma->vm_flags & VM_ACCOUNT) &&
				!(vrm->flags & MREMAP_DONTUNMAP);
	unsigned long vm_start = vma->vm_start, vm_end = vma->vm_end;

	if (accountable_move)
		vma->vm_flags &= ~VM_ACCOUNT;
	vrm->vma = NULL;
	if (do_vmi_munmap(vrm->m, vrm->mm, addr, vrm->old_len)) {
		/* could not split: the pages stay mapped, keep their charge */
		if (accountable_move) {
			vma->vm_flags |= VM_ACCOUNT;
			vm_acct_memory(vrm->m, (long)(vrm->old_len >> PAGE_SHIFT));
		}
		return;
	}
	if (!accountable_move)
		return;
	left = vm_start < addr ? vma_lookup(vrm->mm, addr - PAGE_SIZE) : NULL;
	right = vm_end > end ? vma_lookup(vrm->mm, end) : NULL;
	if (left)
		left->vm_flags |= VM_ACCOUNT;
	if (right)
		right->vm_flags |= VM_ACCOUNT;
}

/*
 * The old VMA of a DONTUNMAP move loses VM_LOCKED (its pages moved away)
 * but, as on Linux, locked_vm keeps counting it: VmLck stays high even
 * after the old range is unmapped (checked on the 6.18 host).  The pages
 * are remembered so validate_mlock can tell this from a bug.
 */
static void dontunmap_complete(struct vma_remap_struct *vrm, struct vm_area_struct *vma,
			       struct vm_area_struct *new_vma)
{
	if (vma->vm_flags & VM_LOCKED)
		vrm->mm->locked_vm_dontunmap += vma_pages(vma);
	vma->vm_flags &= ~VM_LOCKED_MASK;
	/* its pages all moved away: the old VMA needs no anon_vma links */
	if (new_vma != vma && vrm->addr == vma->vm_start &&
	    vrm->addr + vrm->old_len == vma->vm_end)
		unlink_anon_vmas(vrm->m, vma);
}

/*
 * The data half of copy_vma_and_data: move the page tables of the old
 * range under @new_vma.  If a table could not be allocated, what moved
 * goes back and vrm is pointed at the new range, which the caller then
 * unmaps instead of the old one: -ENOMEM.
 */
static long move_vma_data(struct vma_remap_struct *vrm, struct vm_area_struct *vma,
			  struct vm_area_struct *new_vma)
{
	struct pagetable_move_control pmc = {
		.m = vrm->m, .old = vma, .new = new_vma, .old_addr = vrm->addr,
		.old_end = vrm->addr + vrm->old_len, .new_addr = vrm->new_addr,
		.len_in = vrm->old_len,
	};
	unsigned long moved = move_page_tables(&pmc);

	if (moved >= vrm->old_len)
		return 0;
	pmc = (struct pagetable_move_control){
		.m = vrm->m, .old = new_vma, .new = vma, .old_addr = vrm->new_addr,
		.old_end = vrm->new_addr + moved, .new_addr = vrm->addr, .len_in = moved,
	};
	move_page_tables(&pmc);			/* the tables are there: cannot fail */
	vrm->vma = new_vma;
	vrm->addr = vrm->new_addr;
	vrm->old_len = vrm->new_len;
	return -ENOMEM;
}

static unsigned long move_vma(struct vma_remap_struct *vrm)
{
	struct vm_area_struct *vma = vrm->vma, *new_vma;
	unsigned long pgoff = vma->vm_pgoff + ((vrm->addr - vma->vm_start) >> PAGE_SHIFT);
	unsigned long hiwater_vm;
	long err = prep_move_vma(vrm);

	if (err)
		return (unsigned long)err;
	if (!vrm_calc_charge(vrm))
		return (unsigned long)-ENOMEM;
	new_vma = copy_vma(vrm->m, &vma, vrm->new_addr, vrm->new_len, pgoff);
	if (!new_vma) {
		vrm_uncharge(vrm);
		return (unsigned long)-ENOMEM;
	}
	vrm->vma = vma;
	err = move_vma_data(vrm, vma, new_vma);
	hiwater_vm = vrm->mm->hiwater_vm;	/* total_vm is high for a moment */
	vrm_stat_account(vrm, vrm->new_len);
	if (!err && (vrm->flags & MREMAP_DONTUNMAP))
		dontunmap_complete(vrm, vma, new_vma);
	else
		unmap_source_vma(vrm);		/* on error: the new range goes */
	vrm->mm->hiwater_vm = hiwater_vm;
	return err ? (unsigned long)err : vrm->new_addr;
}

/* Where the moved mapping goes: FIXED, DONTUNMAP's hint, or anywhere. */
static long vrm_set_new_addr(struct vma_remap_struct *vrm)
{
	struct vm_area_struct *vma = vrm->vma;
	unsigned long pgoff = vma->vm_pgoff + ((vrm->addr - vma->vm_start) >> PAGE_SHIFT);
	unsigned long map_flags = 0, res;

	if (vrm->flags & MREMAP_FIXED)
		map_flags |= MAP_FIXED;
	if (vma->vm_flags & VM_MAYSHARE)
		map_flags |= MAP_SHARED;
	res = get_unmapped_area(vrm->m, vrm->mm, vma->vm_file,
				vrm_implies_new_addr(vrm) ? vrm->new_addr : 0, vrm->new_len,
				pgoff, map_flags);
	if (IS_ERR_VALUE(res))
		return (long)res;
	vrm->new_addr = res;
	return 0;
}

/* ---- in place ---- */

/* Unmap the tail [addr + new_len, addr + old_len); re-find the VMA if asked. */
static long shrink_vma(struct vma_remap_struct *vrm, bool lookup)
{
	int err = do_vmi_munmap(vrm->m, vrm->mm, vrm->addr + vrm->new_len, vrm->delta);

	vrm->vma = NULL;
	if (err)
		return err;
	if (lookup) {
		vrm->vma = vma_lookup(vrm->mm, vrm->addr);
		if (!vrm->vma)
			return -EFAULT;
	}
	return 0;
}

/* May @vma grow by @delta where it is (vma_expandable)? */
static bool vma_expandable(struct machine *m, struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end)
		return false;
	if (find_vma_intersection(vma->vm_mm, vma->vm_end, end))
		return false;
	return !(get_unmapped_area(m, vma->vm_mm, NULL, vma->vm_start, end - vma->vm_start, 0,
				   MAP_FIXED) & ~PAGE_MASK);
}

/*
 * Grow in place (expand_vma_in_place with vma_merge_extend): the
 * extension merges into the VMA and, when it then touches a compatible
 * next VMA, that one too.
 */
static long expand_vma_in_place(struct vma_remap_struct *vrm)
{
	struct vm_area_struct *vma = vrm->vma, *next = vma->vm_next;
	struct vma_merge_struct vmg = {
		.mm = vrm->mm, .prev = vma, .start = vma->vm_end, .end = vma->vm_end + vrm->delta,
		.pgoff = vma->vm_pgoff + vma_pages(vma), .vm_flags = vma->vm_flags,
		.file = vma->vm_file, .anon_vma = vma->anon_vma,
	};

	if (!vrm_calc_charge(vrm))
		return -ENOMEM;
	vmg.next = next && next->vm_start == vmg.end ? next : NULL;
	if ((vma->vm_flags & VM_SHARED) && !vma->vm_file)	/* its own shmem file: */
		vma_expand(vma, vma->vm_start, vmg.end, vma->vm_pgoff);	/* itself only */
	else
		vma = vma_merge_new_range(vrm->m, &vmg);
	if (!vma) {
		vrm_uncharge(vrm);
		return -ENOMEM;
	}
	vrm->vma = vma;
	vrm_stat_account(vrm, vrm->delta);
	return 0;
}

static unsigned long expand_vma(struct vma_remap_struct *vrm)
{
	long err;

	if (vrm->vma->vm_end - vrm->addr == vrm->old_len &&
	    vma_expandable(vrm->m, vrm->vma, vrm->delta)) {
		err = expand_vma_in_place(vrm);
		if (err)
			return (unsigned long)err;
		if (vrm->mlocked)
			vrm->new_addr = vrm->addr;	/* populate the growth there */
		return vrm->addr;
	}
	if (!(vrm->flags & MREMAP_MAYMOVE))
		return (unsigned long)-ENOMEM;
	err = vrm_set_new_addr(vrm);
	if (err)
		return (unsigned long)err;
	return move_vma(vrm);
}

/* Resize where it is, or move when growing needs it (mremap_at). */
static unsigned long mremap_at(struct vma_remap_struct *vrm)
{
	long err;

	switch (vrm->remap_type) {
	case MREMAP_NO_RESIZE:
		return vrm->addr;
	case MREMAP_SHRINK:
		err = shrink_vma(vrm, false);
		return err ? (unsigned long)err : vrm->addr;
	case MREMAP_EXPAND:
		return expand_vma(vrm);
	default:
		return (unsigned long)-EINVAL;
	}
}

/* Move to a given (FIXED) or chosen (DONTUNMAP) address (mremap_to). */
static unsigned long mremap_to(struct vma_remap_struct *vrm)
{
	long err;

	if (vrm->flags & MREMAP_FIXED) {
		err = do_vmi_munmap(vrm->m, vrm->mm, vrm->new_addr, vrm->new_len);
		vrm->vma = NULL;
		if (err)
			return (unsigned long)err;
		vrm->vma = vma_lookup(vrm->mm, vrm->addr);
		if (!vrm->vma)
			return (unsigned long)-EFAULT;
	}
	if (vrm->remap_type == MREMAP_SHRINK) {
		err = shrink_vma(vrm, true);
		if (err)
			return (unsigned long)err;
		vrm->old_len = vrm->new_len;
	}
	if ((vrm->flags & MREMAP_DONTUNMAP) &&
	    !may_expand_vm(vrm->m, vrm->mm, vrm->vma->vm_flags, vrm->old_len >> PAGE_SHIFT))
		return (unsigned long)-ENOMEM;
	err = vrm_set_new_addr(vrm);
	if (err)
		return (unsigned long)err;
	return move_vma(vrm);
}

/*
 * MREMAP_FIXED with old_len == new_len (remap_move): move every VMA of
 * [addr, addr + old_len) to new_addr on, the gaps between them kept.  A
 * failure part way leaves what moved moved, as on Linux.
 */
static unsigned long remap_move(struct vma_remap_struct *vrm)
{
	unsigned long start = vrm->addr, end = vrm->addr + vrm->old_len;
	unsigned long target = vrm->new_addr, last_end = start, res = (unsigned long)-EFAULT;
	unsigned long cursor = start;
	bool seen = false;
	struct vm_area_struct *vma;

	while ((vma = find_vma(vrm->mm, cursor)) && vma->vm_start < end) {
		unsigned long addr = max(vma->vm_start, start);
		unsigned long len = min(end, vma->vm_end) - addr;
		unsigned long offset, got;
		long err;

		if (!seen && start < vma->vm_start)
			return (unsigned long)-EFAULT;	/* no hole at the start */
		offset = seen ? vma->vm_start - last_end : 0;
		last_end = vma->vm_end;
		cursor = last_end;	/* DONTUNMAP leaves the source: go past it */
		vrm->vma = vma;
		vrm->addr = addr;
		vrm->new_addr = target + offset;
		vrm->old_len = vrm->new_len = len;
		err = check_prep_vma(vrm);
		got = err ? (unsigned long)err : mremap_to(vrm);
		if (IS_ERR_VALUE(got))
			return got;
		if (!seen)
			res = got;
		seen = true;
		target = got + len;
	}
	return res;
}

unsigned long do_mremap(struct machine *m, struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len, unsigned long flags,
			unsigned long new_addr)
{
	struct vma_remap_struct vrm = {
		.m = m, .mm = mm, .addr = addr, .flags = flags, .new_addr = new_addr,
		.old_len = ALIGN(old_len, PAGE_SIZE), .new_len = ALIGN(new_len, PAGE_SIZE),
	};
	long err = check_mremap_params(&vrm);
	unsigned long res;

	if (err)
		return (unsigned long)err;
	if ((flags & MREMAP_FIXED) && vrm.old_len == vrm.new_len)
		return remap_move(&vrm);
	vrm.vma = vma_lookup(mm, addr);
	err = check_prep_vma(&vrm);
	if (err)
		return (unsigned long)err;
	res = vrm_implies_new_addr(&vrm) ? mremap_to(&vrm) : mremap_at(&vrm);
	/* an mlocked mapping keeps all its pages in: fault the growth in */
	if (!IS_ERR_VALUE(res) && vrm.mlocked && vrm.new_len > vrm.old_len)
		mm_populate(m, mm, vrm.new_addr + vrm.old_len, vrm.delta);
	return res;
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_process_mremap(struct machine *m, const char *name, uint64_t old_addr,
			 uint64_t old_len, uint64_t new_len, unsigned int flags,
			 uint64_t new_addr, uint64_t *out)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	unsigned long ret;

	if (!tsk)
		return -ESRCH;
	ret = do_mremap(m, tsk->mm, old_addr, old_len, new_len, flags, new_addr);
	task_leave(m, &save);
	if (IS_ERR_VALUE(ret))
		return (int)(long)ret;
	access_verify_mremap(m, tsk->mm, old_addr, old_len, new_len, flags, new_addr, ret);	/* mmsim verify shadow */
	*out = ret;
	return 0;
}
