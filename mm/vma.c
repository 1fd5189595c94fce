// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VMAs of an address space (Linux's mm/vma.c): the VMA tree, lookups,
 * splitting, merging and the core of munmap.
 *
 * The tree is an augmented rbtree keyed by vm_start plus a sorted list
 * (vm_prev/vm_next), as Linux had before the maple tree (6.1): each node
 * keeps rb_subtree_gap, the largest free gap below any VMA of its subtree,
 * so vm_unmapped_area (mm/mmap.c) finds a hole in O(log n).  A VMA's own
 * gap is vm_start_gap(vma) - vm_end_gap(prev): the stack guard gap of a
 * VM_GROWSDOWN VMA is not free.  Because that gap depends on the previous
 * VMA's end, changing a VMA's vm_end re-propagates the next VMA.
 *
 * map_count and vm.max_map_count are checked where Linux 6.18 checks
 * them: split_vma (mprotect and friends) refuses at the limit, munmap
 * refuses only a split in the middle of one VMA (the one case that adds a
 * VMA), do_mmap refuses when map_count > max_map_count (mm/mmap.c).
 * vma_link, vma_unlink and vma_expand keep file VMAs in their file's
 * i_mmap (mm/interval_tree.c): every path that adds, removes or moves a
 * VMA goes through them.
 *
 * anon_vma chains follow the VMAs (mm/rmap.c): a split clones them, a
 * merge gives a neighbour without anon_vma the source's (dup_anon_vma),
 * a freed VMA unlinks them (vm_area_free), a range change re-keys them.
 *
 * Leaves out: page tables and TLB flushes (paging), vm_ops/close, userfaultfd contexts,
 * anon names, mempolicy and sealing; a merge compares only what exists.
 * Wired to the script language by the process issue (mmap, munmap,
 * mprotect commands).  Callers: mm/mmap.c, mm/mprotect.c,
 * tests/unit/test_vma.c.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/mm_fault.h"
#include "asm-generic/tlb.h"
#include "linux/slab.h"
#include "linux/rmap.h"
#include "vma.h"

_Static_assert(sizeof(struct vm_area_struct) <= VM_AREA_STRUCT_OBJECT_SIZE,
	       "struct vm_area_struct must fit the vm_area_struct cache's objects");

struct vm_area_struct *vm_area_alloc(struct machine *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_alloc(m, m->vm_area_cachep,
						      GFP_KERNEL | __GFP_ZERO);

	if (!vma)
		return NULL;
	vma->vm_mm = mm;
	RB_CLEAR_NODE(&vma->vm_rb);
	RB_CLEAR_NODE(&vma->shared.rb);		/* in no i_mmap yet */
	INIT_LIST_HEAD(&vma->anon_vma_chain);
	return vma;
}

void vm_area_free(struct machine *m, struct vm_area_struct *vma)
{
	unlink_anon_vmas(m, vma);	/* free_pgtables / anon_vma_merge's */
	if (vma->vm_file)		/* each VMA holds a reference (remove_vma's fput) */
		fput(m, vma->vm_file);
	kmem_cache_free(m, m->vm_area_cachep, vma);
}

/* A copy of @vma, not linked (Linux's vm_area_dup). */
static struct vm_area_struct *vm_area_dup(struct machine *m, struct vm_area_struct *vma)
{
	struct vm_area_struct *new = vm_area_alloc(m, vma->vm_mm);

	if (!new)
		return NULL;
	new->vm_start = vma->vm_start;
	new->vm_end = vma->vm_end;
	new->vm_page_prot = vma->vm_page_prot;
	new->vm_flags = vma->vm_flags;
	new->vm_pgoff = vma->vm_pgoff;
	new->vm_file = vma->vm_file ? get_file(vma->vm_file) : NULL;
	new->anon_vma = vma->anon_vma;
	new->vm_special_name = vma->vm_special_name;
	return new;
}

/* ---- the tree ---- */

unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		start -= vma->vm_mm->stack_guard_gap;
		if (start > vma->vm_start)	/* wrapped */
			start = 0;
	}
	return start;
}

unsigned long vm_end_gap(const struct vm_area_struct *vma)
{
	return vma->vm_end;	/* no VM_GROWSUP on x86 */
}

/* The free gap just below @vma (0 when the guard gap eats it). */
static unsigned long vma_compute_gap(const struct vm_area_struct *vma)
{
	unsigned long gap = vm_start_gap(vma);

	if (vma->vm_prev) {
		unsigned long prev_end = vm_end_gap(vma->vm_prev);

		gap = gap > prev_end ? gap - prev_end : 0;
	}
	return gap;
}

/* The augment callback: max of own gap and both children's. */
static bool vma_gap_compute(struct rb_node *node)
{
	struct vm_area_struct *vma = rb_entry(node, struct vm_area_struct, vm_rb);
	unsigned long max = vma_compute_gap(vma);

	if (node->rb_left) {
		unsigned long g = rb_entry(node->rb_left, struct vm_area_struct, vm_rb)->rb_subtree_gap;

		max = g > max ? g : max;
	}
	if (node->rb_right) {
		unsigned long g = rb_entry(node->rb_right, struct vm_area_struct, vm_rb)->rb_subtree_gap;

		max = g > max ? g : max;
	}
	if (vma->rb_subtree_gap == max)
		return false;
	vma->rb_subtree_gap = max;
	return true;
}

static void vma_gap_update(struct vm_area_struct *vma)
{
	if (vma)
		rb_augment_propagate(&vma->vm_rb, vma_gap_compute);
}

static void mm_update_highest(struct mm_struct *mm)
{
	struct rb_node *last = rb_last(&mm->mm_rb);

	mm->highest_vm_end = last ? rb_entry(last, struct vm_area_struct, vm_rb)->vm_end : 0;
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL;
	struct vm_area_struct *prev = NULL, *next;

	while (*link) {
		struct vm_area_struct *v = rb_entry(*link, struct vm_area_struct, vm_rb);

		parent = *link;
		if (vma->vm_start < v->vm_start) {
			link = &parent->rb_left;
		} else {
			prev = v;
			link = &parent->rb_right;
		}
	}
	next = prev ? prev->vm_next : mm->mmap;
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;
	vma->rb_subtree_gap = vma_compute_gap(vma);
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, vma_gap_compute);
	vma_gap_update(next);
	mm->map_count++;
	mm_update_highest(mm);
	vma_link_file(vma);		/* __vma_link_file: into its file's i_mmap */
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;

	vma_unlink_file(vma);		/* __remove_shared_vm_struct */
	if (prev)
		prev->vm_next = next;
	else
		mm->mmap = next;
	if (next)
		next->vm_prev = prev;
	rb_erase_augmented(&vma->vm_rb, &mm->mm_rb, vma_gap_compute);
	RB_CLEAR_NODE(&vma->vm_rb);
	vma->vm_prev = vma->vm_next = NULL;
	vma_gap_update(next);
	mm->map_count--;
	mm_update_highest(mm);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *node = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (node) {
		struct vm_area_struct *v = rb_entry(node, struct vm_area_struct, vm_rb);

		if (v->vm_end > addr) {
			found = v;
			if (v->vm_start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return found;
}

struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct rb_node *last;

	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		last = rb_last(&mm->mm_rb);
		*pprev = last ? rb_entry(last, struct vm_area_struct, vm_rb) : NULL;
	}
	return vma;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

/* ---- changing a range in place ---- */

void vma_expand(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		unsigned long pgoff)
{
	bool in_i_mmap = vma_file_range_change(vma);	/* its i_mmap key changes */

	anon_vma_range_change(vma);			/* and its anon_vma trees' */
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
	anon_vma_range_done(vma);
	vma_file_range_done(vma, in_i_mmap);
	vma_gap_update(vma);
	vma_gap_update(vma->vm_next);
	mm_update_highest(vma->vm_mm);
}

void vma_shrink(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		unsigned long pgoff)
{
	vma_expand(vma, start, end, pgoff);
}

void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	if (npages < 0 && mm->hiwater_vm < mm->total_vm)	/* update_hiwater_vm */
		mm->hiwater_vm = mm->total_vm;
	mm->total_vm += npages;
	if ((flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC)
		mm->exec_vm += npages;
	else if (flags & VM_STACK)
		mm->stack_vm += npages;
	else if ((flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		mm->data_vm += npages;
}

/* Take @vma out of the mm and free it, undoing its counters. */
static void remove_vma(struct machine *m, struct mm_struct *mm, struct vm_area_struct *vma)
{
	long npages = (long)vma_pages(vma);

	vm_stat_account(mm, vma->vm_flags, -npages);
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm -= npages;
	vma_unlink(mm, vma);
	vm_area_free(m, vma);
}

/* ---- splitting ---- */

int __split_vma(struct machine *m, struct vm_area_struct *vma, unsigned long addr, int new_below)
{
	struct vm_area_struct *new;
	unsigned long pgoff_at = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);

	if (addr <= vma->vm_start || addr >= vma->vm_end || (addr & ~PAGE_MASK))
		return -EINVAL;
	if (vma->vm_special_name)	/* special_mapping_split: never split */
		return -EINVAL;
	new = vm_area_dup(m, vma);
	if (!new)
		return -ENOMEM;
	if (new_below) {
		new->vm_end = addr;
	} else {
		new->vm_start = addr;
		new->vm_pgoff = pgoff_at;
	}
	if (anon_vma_clone(m, new, vma)) {	/* the new part's chains */
		new->anon_vma = NULL;
		vm_area_free(m, new);
		return -ENOMEM;
	}
	if (new_below)
		vma_shrink(vma, addr, vma->vm_end, pgoff_at);
	else
		vma_shrink(vma, vma->vm_start, addr, vma->vm_pgoff);
	vma_link(vma->vm_mm, new);
	return 0;
}

int split_vma(struct machine *m, struct vm_area_struct *vma, unsigned long addr, int new_below)
{
	if (vma->vm_mm->map_count >= m->vm.max_map_count)
		return -ENOMEM;
	return __split_vma(m, vma, addr, new_below);
}

/* ---- merging ---- */

/*
 * The merge cases (Linux 6.18's vma_merge_new_range and
 * vma_merge_existing_range).  PPPP is prev, NNNN next, MMMM the middle
 * (existing) VMA, **** the range [start, end) being mapped or given new
 * flags; "x" marks a part that takes the range's flags.
 *
 * New range (mmap), vma_merge_new_range:
 *
 *   case   before                 after          what changes
 *   N1     PPPP****NNNN           PPPPPPPPPPPP   prev grows over range and
 *                                                next; next is freed
 *   N2     PPPP****               PPPPPPPP       prev grows to end
 *   N3         ****NNNN               NNNNNNNN   next grows down to start,
 *                                                its pgoff moves back
 *   N4     PPPP    ****           (no merge)     caller allocates a VMA
 *
 * Existing range (mprotect, madvise...), vma_merge_existing_range:
 *
 *   case   before                 after          what changes
 *   E1     PPPPMMMMNNNN           PPPPPPPPPPPP   whole middle: prev grows
 *              ****                              over middle and next; both
 *                                                freed
 *   E2     PPPPMMMM               PPPPPPPP       whole middle: prev grows,
 *              ****                              middle freed
 *   E3         MMMMNNNN               NNNNNNNN   whole middle: next grows
 *              ****                              down, middle freed
 *   E4     PPPPMMMM               PPPPPPMM       front of middle: prev grows
 *              **                                to end, middle shrinks
 *   E5         MMMMNNNN               MMNNNNNN   back of middle: next grows
 *                **                              down, middle shrinks
 *   E6     PPPPMMMMNNNN           (no merge)     a range strictly inside the
 *               **                               middle, or flags that do
 *                                                not match: caller splits
 *
 * Each neighbour must pass can_vma_merge_after (prev) or
 * can_vma_merge_before (next); in E1/N1 prev's and next's anon_vmas must
 * also be compatible with each other.  VM_SPECIAL ranges never merge.
 */

static bool is_mergeable_vma(const struct vm_area_struct *vma, const struct vma_merge_struct *vmg)
{
	/*
	 * Shared anonymous memory has its own shmem file in Linux
	 * (shmem_zero_setup), so it never merges; here its file is NULL.
	 */
	if ((vmg->vm_flags & VM_SHARED) && !vmg->file)
		return false;
	return !((vma->vm_flags ^ vmg->vm_flags) & ~VM_IGNORE_MERGE) && vma->vm_file == vmg->file;
}

static bool anon_vma_compatible(const struct anon_vma *a, const struct anon_vma *b)
{
	return !a || !b || a == b;
}

/*
 * is_mergeable_anon_vma (6.18): the range's anon_vma and the target
 * neighbour's must be the same, or one of them NULL - then the one VMA
 * that has it must not have been forked (more than one chain), so fork
 * children's VMAs keep their chains short.
 */
static bool is_mergeable_anon_vma(const struct vma_merge_struct *vmg, bool merge_next)
{
	const struct vm_area_struct *tgt = merge_next ? vmg->next : vmg->prev;
	const struct anon_vma *tgt_anon = tgt->anon_vma, *src_anon = vmg->anon_vma;

	if (!tgt_anon && src_anon)		/* we will dup_anon_vma from the source */
		return (vmg->middle || vmg->copied_from) &&	/* (a caller must name it) */
		       !vma_had_uncowed_parents(vmg->middle) &&
		       !vma_had_uncowed_parents(vmg->copied_from);
	if (tgt_anon && !src_anon)		/* the range takes tgt's */
		return !vma_had_uncowed_parents(tgt);
	return src_anon == tgt_anon;
}

/*
 * dup_anon_vma - a merge gives @dst, which has no anon_vma, the range of
 * @src, which has one: @dst takes it and @src's chains.  0 or -ENOMEM.
 */
static int dup_anon_vma(struct machine *m, struct vm_area_struct *dst, struct vm_area_struct *src)
{
	if (!src || !src->anon_vma || dst->anon_vma)
		return 0;
	dst->anon_vma = src->anon_vma;
	return anon_vma_clone(m, dst, src);
}

bool can_vma_merge_before(const struct vma_merge_struct *vmg)
{
	const struct vm_area_struct *next = vmg->next;

	return next && is_mergeable_vma(next, vmg) && is_mergeable_anon_vma(vmg, true) &&
	       next->vm_pgoff == vmg->pgoff + ((vmg->end - vmg->start) >> PAGE_SHIFT);
}

bool can_vma_merge_after(const struct vma_merge_struct *vmg)
{
	const struct vm_area_struct *prev = vmg->prev;

	return prev && is_mergeable_vma(prev, vmg) && is_mergeable_anon_vma(vmg, false) &&
	       prev->vm_pgoff + vma_pages(prev) == vmg->pgoff;
}

/* Which neighbours the range can join (the N and E cases' conditions). */
static void merge_sides(const struct vma_merge_struct *vmg, bool *left, bool *right)
{
	*left = vmg->prev && vmg->prev->vm_end == vmg->start && can_vma_merge_after(vmg);
	*right = vmg->next && vmg->next->vm_start == vmg->end && can_vma_merge_before(vmg);
	if (*left && *right && !anon_vma_compatible(vmg->prev->anon_vma, vmg->next->anon_vma))
		*right = false;		/* Linux then merges only left */
}

/* Free @vma (removed by a merge) without touching the mm's counters. */
static void merge_drop(struct machine *m, struct vm_area_struct *vma)
{
	vma_unlink(vma->vm_mm, vma);
	vm_area_free(m, vma);
}

struct vm_area_struct *vma_merge_new_range(struct machine *m, struct vma_merge_struct *vmg)
{
	struct vm_area_struct *prev = vmg->prev, *next = vmg->next;
	bool left, right;

	vmg->target = NULL;
	if (vmg->vm_flags & VM_SPECIAL)
		return NULL;
	merge_sides(vmg, &left, &right);
	if (left && right) {				/* N1 */
		unsigned long end = next->vm_end;

		if (dup_anon_vma(m, prev, next))
			return NULL;
		merge_drop(m, next);
		vma_expand(prev, prev->vm_start, end, prev->vm_pgoff);
		vmg->target = prev;
	} else if (left) {				/* N2 */
		if (dup_anon_vma(m, prev, vmg->copied_from))
			return NULL;
		vma_expand(prev, prev->vm_start, vmg->end, prev->vm_pgoff);
		vmg->target = prev;
	} else if (right) {				/* N3 */
		if (dup_anon_vma(m, next, vmg->copied_from))
			return NULL;
		vma_expand(next, vmg->start, next->vm_end, vmg->pgoff);
		vmg->target = next;
	}
	return vmg->target;				/* N4: NULL */
}

struct vm_area_struct *vma_merge_existing_range(struct machine *m, struct vma_merge_struct *vmg)
{
	struct vm_area_struct *prev = vmg->prev, *mid = vmg->middle, *next = vmg->next;
	bool left_side = vmg->start == mid->vm_start, right_side = vmg->end == mid->vm_end;
	bool left, right;

	vmg->target = NULL;
	if ((vmg->vm_flags & VM_SPECIAL) || (mid->vm_flags & VM_SPECIAL))
		return NULL;
	merge_sides(vmg, &left, &right);
	left = left && left_side;
	right = right && right_side;
	if (left && right) {				/* E1 */
		unsigned long end = next->vm_end;

		if (dup_anon_vma(m, prev, next->anon_vma ? next : mid))
			return NULL;
		merge_drop(m, mid);
		merge_drop(m, next);
		vma_expand(prev, prev->vm_start, end, prev->vm_pgoff);
		vmg->target = prev;
	} else if (left && right_side) {		/* E2 */
		if (dup_anon_vma(m, prev, mid))
			return NULL;
		merge_drop(m, mid);
		vma_expand(prev, prev->vm_start, vmg->end, prev->vm_pgoff);
		vmg->target = prev;
	} else if (right && left_side) {		/* E3 */
		if (dup_anon_vma(m, next, mid))
			return NULL;
		merge_drop(m, mid);
		vma_expand(next, vmg->start, next->vm_end, vmg->pgoff);
		vmg->target = next;
	} else if (left) {				/* E4 */
		if (dup_anon_vma(m, prev, mid))
			return NULL;
		vma_shrink(mid, vmg->end, mid->vm_end,
			   mid->vm_pgoff + ((vmg->end - mid->vm_start) >> PAGE_SHIFT));
		vma_expand(prev, prev->vm_start, vmg->end, prev->vm_pgoff);
		vmg->target = prev;
	} else if (right) {				/* E5 */
		if (dup_anon_vma(m, next, mid))
			return NULL;
		vma_shrink(mid, mid->vm_start, vmg->start, mid->vm_pgoff);
		vma_expand(next, vmg->start, next->vm_end, vmg->pgoff);
		vmg->target = next;
	}
	return vmg->target;				/* E6: NULL */
}

/* The page counters of [start, end) move from @old to @new flags. */
static void account_flags_change(struct mm_struct *mm, unsigned long old, unsigned long new,
				 unsigned long npages)
{
	vm_stat_account(mm, old, -(long)npages);
	vm_stat_account(mm, new, (long)npages);
	if (old & VM_LOCKED)
		mm->locked_vm -= npages;
	if (new & VM_LOCKED)
		mm->locked_vm += npages;
}

struct vm_area_struct *vma_modify_flags(struct machine *m, struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long new_flags, int *err)
{
	struct vma_merge_struct vmg = {
		.mm = vma->vm_mm, .prev = vma->vm_prev, .middle = vma, .next = vma->vm_next,
		.start = start, .end = end,
		.pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT),
		.vm_flags = new_flags, .file = vma->vm_file, .anon_vma = vma->anon_vma,
	};
	unsigned long old_flags = vma->vm_flags, npages = (end - start) >> PAGE_SHIFT;
	struct vm_area_struct *merged;

	*err = 0;
	if (new_flags == old_flags)
		return vma;
	merged = vma_merge_existing_range(m, &vmg);
	if (!merged) {
		if (start != vma->vm_start) {
			*err = split_vma(m, vma, start, 1);
			if (*err)
				return NULL;
		}
		if (end != vma->vm_end) {
			*err = split_vma(m, vma, end, 0);
			if (*err)
				return NULL;
		}
		vma->vm_flags = new_flags;
		vma_gap_update(vma);	/* VM_GROWSDOWN moves the gap */
		merged = vma;
	}
	account_flags_change(vmg.mm, old_flags, new_flags, npages);
	return merged;
}

/* ---- munmap ---- */

int do_vmi_munmap(struct machine *m, struct mm_struct *mm, unsigned long start,
		  unsigned long len)
{
	struct vm_area_struct *vma, *last;
	unsigned long end, nr_accounted = 0;
	struct mmu_gather tlb;
	int err;

	if ((start & ~PAGE_MASK) || start > mm->task_size || len > mm->task_size - start)
		return -EINVAL;
	end = start + ALIGN(len, PAGE_SIZE);
	if (end == start)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	if (start > vma->vm_start) {
		/*
		 * Cutting a hole inside one VMA is the only munmap that adds
		 * one: refused at the limit.  Other splits may take map_count
		 * one past it for a moment (Linux's vms_gather_munmap_vmas).
		 */
		if (end < vma->vm_end && mm->map_count >= m->vm.max_map_count)
			return -ENOMEM;
		err = __split_vma(m, vma, start, 1);
		if (err)
			return err;
	}
	last = find_vma(mm, end - 1);
	if (last && last->vm_start < end && end < last->vm_end) {
		err = __split_vma(m, last, end, 0);
		if (err)
			return err;
	}
	/*
	 * vms_clear_ptes: zap the removed VMAs' PTEs (unmap_vmas), then the
	 * tables only they used go, between the previous VMA's end and the
	 * next one's start; the mmu_gather flushes the TLBs of what went.
	 */
	/* no lru_add_drain: 6.18's vms_clear_ptes has none (the host's batches stay) */
	tlb_gather_mmu(&tlb, m, mm);
	unmap_vmas(&tlb, vma, start, end);
	last = find_vma(mm, end);
	free_pgtables(&tlb, vma, vma->vm_prev ? vma->vm_prev->vm_end : FIRST_USER_ADDRESS,
		      last ? last->vm_start : USER_PGTABLES_CEILING);
	tlb_finish_mmu(&tlb);
	while (vma && vma->vm_start < end) {
		struct vm_area_struct *next = vma->vm_next;

		if (vma->vm_flags & VM_ACCOUNT)
			nr_accounted += vma_pages(vma);
		remove_vma(m, mm, vma);
		vma = next;
	}
	vm_unacct_memory(m, (long)nr_accounted);	/* vms_complete_munmap_vmas */
	return 0;
}

/* ---- the validator ---- */

#define VMA_BAD(...) do { snprintf(err, errlen, __VA_ARGS__); return -EUCLEAN; } while (0)

/* Check the subtree at @node; its largest gap in *@gap, its count in *@n. */
static int validate_subtree(struct rb_node *node, unsigned long *gap, int *n, char *err,
			    size_t errlen)
{
	struct vm_area_struct *vma;
	unsigned long lg = 0, rg = 0, max;
	int ln = 0, rn = 0;

	*gap = 0;
	*n = 0;
	if (!node)
		return 0;
	vma = rb_entry(node, struct vm_area_struct, vm_rb);
	if (validate_subtree(node->rb_left, &lg, &ln, err, errlen) ||
	    validate_subtree(node->rb_right, &rg, &rn, err, errlen))
		return -EUCLEAN;
	max = vma_compute_gap(vma);
	max = lg > max ? lg : max;
	max = rg > max ? rg : max;
	if (vma->rb_subtree_gap != max)
		VMA_BAD("vma %lx-%lx: rb_subtree_gap %lx, should be %lx", vma->vm_start,
			vma->vm_end, vma->rb_subtree_gap, max);
	*gap = max;
	*n = ln + rn + 1;
	return 0;
}

int validate_mm(struct machine *m, struct mm_struct *mm, char *err, size_t errlen)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct rb_node *node = rb_first(&mm->mm_rb);
	unsigned long gap;
	int count = 0, n;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next, count++) {
		if (!node || rb_entry(node, struct vm_area_struct, vm_rb) != vma)
			VMA_BAD("vma %lx-%lx: list and tree disagree", vma->vm_start, vma->vm_end);
		node = rb_next(node);
		if (vma->vm_mm != mm)
			VMA_BAD("vma %lx-%lx: vm_mm is another mm", vma->vm_start, vma->vm_end);
		if (vma->vm_prev != prev)
			VMA_BAD("vma %lx-%lx: vm_prev wrong", vma->vm_start, vma->vm_end);
		if (vma->vm_start >= vma->vm_end || (vma->vm_start & ~PAGE_MASK) ||
		    (vma->vm_end & ~PAGE_MASK) || vma->vm_end > mm->task_size)
			VMA_BAD("vma %lx-%lx: bad range", vma->vm_start, vma->vm_end);
		if (prev && prev->vm_end > vma->vm_start)
			VMA_BAD("vma %lx-%lx overlaps or is below %lx-%lx", vma->vm_start,
				vma->vm_end, prev->vm_start, prev->vm_end);
	}
	if (node)
		VMA_BAD("tree has VMAs the list has not");
	if (count != mm->map_count)
		VMA_BAD("map_count %d, %d VMAs", mm->map_count, count);
	if (mm->highest_vm_end != (prev ? prev->vm_end : 0))
		VMA_BAD("highest_vm_end %lx, should be %lx", mm->highest_vm_end,
			prev ? prev->vm_end : 0);
	if (validate_subtree(mm->mm_rb.rb_node, &gap, &n, err, errlen))
		return -EUCLEAN;
	if (n != count)
		VMA_BAD("tree holds %d VMAs, list %d", n, count);
	return validate_mlock(mm, err, errlen);	/* locked_vm (mm/mlock.c) */
}
