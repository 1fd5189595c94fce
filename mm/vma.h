/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What mm/ shares about VMAs (Linux's mm/vma.h): the cache of struct
 * vm_area_struct (mm/vma_init.c), the VMA tree, merging, splitting and
 * munmap (mm/vma.c), the layout (arch/x86/mm/mmap.c), the gap search,
 * get_unmapped_area, do_mmap and mm_alloc/mmput (mm/mmap.c).
 */
#ifndef _MM_VMA_H
#define _MM_VMA_H

struct machine;

/*
 * Linux 6.18's sizeof(struct vm_area_struct), /sys/kernel/slab/
 * vm_area_struct/object_size; mmsim's struct vm_area_struct must fit.
 */
#define VM_AREA_STRUCT_OBJECT_SIZE	192

/*
 * vma_state_init - create the vm_area_struct cache (Linux calls it from
 * mmap_init, which proc_caches_init calls).  Boot only.
 */
void vma_state_init(struct machine *m);


/* ---- mm/vma.c: the VMA tree, merging, splitting, unmapping ---- */
#include <stddef.h>
#include "linux/mm_struct.h"

/*
 * vm_area_alloc - a zeroed VMA of @mm from m->vm_area_cachep, not in the
 * tree.  NULL when the slab allocator fails.  vm_area_free gives it back.
 */
struct vm_area_struct *vm_area_alloc(struct machine *m, struct mm_struct *mm);
void vm_area_free(struct machine *m, struct vm_area_struct *vma);

/* vm_start_gap / vm_end_gap - the range with the stack guard gap. */
unsigned long vm_start_gap(const struct vm_area_struct *vma);
unsigned long vm_end_gap(const struct vm_area_struct *vma);

/*
 * vma_link - insert @vma (range set, not overlapping any) into its mm's
 * tree and list; map_count++.  vma_unlink removes it; map_count--.
 */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma);

/* find_vma - the first VMA with vm_end > @addr, or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* find_vma_prev - find_vma, and the VMA before it (or the last) in *@pprev. */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
/* find_vma_intersection - the first VMA overlapping [@start, @end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);

/*
 * __split_vma - cut @vma at @addr (page aligned, strictly inside it) into
 * two VMAs; with @new_below the new VMA is the lower part, else the upper.
 * No map_count check (Linux's callers do it).  Returns 0, -EINVAL for a
 * special mapping ([vdso], [vvar]: special_mapping_split refuses), or
 * -ENOMEM when no VMA can be allocated (nothing changed).
 * split_vma - the same, refused with -ENOMEM when map_count has reached
 * vm.max_map_count.
 */
int __split_vma(struct machine *m, struct vm_area_struct *vma, unsigned long addr, int new_below);
int split_vma(struct machine *m, struct vm_area_struct *vma, unsigned long addr, int new_below);

/*
 * vma_expand / vma_shrink - set @vma's range to [@start, @end) and its
 * pgoff, keeping the tree's gaps right.  vma_expand needs the new range
 * free of other VMAs (callers remove them first); vma_shrink a subrange.
 */
void vma_expand(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		unsigned long pgoff);
void vma_shrink(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		unsigned long pgoff);

/*
 * The merge request (Linux's struct vma_merge_struct, cut down).  The
 * caller fills it; vma_merge_* read it and set target.
 */
struct vma_merge_struct {
	struct mm_struct *mm;		/* the address space */
	struct vm_area_struct *prev;	/* VMA before start, or NULL */
	struct vm_area_struct *middle;	/* existing VMA holding the range
					 * (vma_merge_existing_range), else NULL */
	struct vm_area_struct *next;	/* VMA after end, or NULL */
	unsigned long start, end;	/* the range, page aligned */
	unsigned long pgoff;		/* page offset of start */
	unsigned long vm_flags;		/* flags the range gets */
	struct file *file;		/* backing file, NULL if anonymous */
	struct anon_vma *anon_vma;	/* the range's anon_vma (or NULL) */
	struct vm_area_struct *copied_from;	/* mremap's copy_vma: the VMA whose
					 * pages the new range carries; a
					 * neighbour without anon_vma that takes
					 * the range clones its chains */
	struct vm_area_struct *target;	/* out: the VMA the range became */
};

/*
 * can_vma_merge_before - could the range be merged at the front of
 * vmg->next (same flags but VM_SOFTDIRTY, same file, pgoff contiguous,
 * anon_vma NULL or the same)?  can_vma_merge_after - at the end of
 * vmg->prev.
 */
bool can_vma_merge_before(const struct vma_merge_struct *vmg);
bool can_vma_merge_after(const struct vma_merge_struct *vmg);

/*
 * vma_merge_new_range - merge a range not yet mapped (vmg->middle NULL)
 * into vmg->prev and/or vmg->next.  Returns the VMA now covering it (also
 * in vmg->target), or NULL when it merges with neither (nothing changed).
 */
struct vm_area_struct *vma_merge_new_range(struct machine *m, struct vma_merge_struct *vmg);

/*
 * vma_merge_existing_range - give [start, end) of vmg->middle the flags
 * vmg->vm_flags by merging it into prev and/or next (the cases are drawn
 * in mm/vma.c).  Returns the VMA holding the range, or NULL when no merge
 * applies (nothing changed; the caller splits instead).
 */
struct vm_area_struct *vma_merge_existing_range(struct machine *m, struct vma_merge_struct *vmg);

/*
 * vma_modify_flags - what mprotect_fixup does to the VMAs: [@start, @end)
 * inside @vma gets @new_flags, merging when it can, else splitting
 * (split_vma, so -ENOMEM at vm.max_map_count).  Returns the VMA that
 * holds the range, or NULL with *@err set (-ENOMEM).
 */
struct vm_area_struct *vma_modify_flags(struct machine *m, struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long new_flags, int *err);

/*
 * do_vmi_munmap - unmap [@start, @start + @len): split the VMAs at the
 * ends and remove every VMA inside, undoing the counters.  Returns 0
 * (also when nothing is mapped there), -EINVAL for a bad range, -ENOMEM
 * when a split in the middle of one VMA would pass vm.max_map_count.
 */
/* (do_vmi_munmap unaccounts the VM_ACCOUNT pages it removes from Committed_AS.) */
int do_vmi_munmap(struct machine *m, struct mm_struct *mm, unsigned long start,
		  unsigned long len);

/* vm_stat_account - add @npages (may be negative) to the mm's counters. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);

/*
 * validate_mm - check @mm's VMAs: tree order equals the list, ranges
 * aligned, sorted, non-overlapping, every rb_subtree_gap right,
 * map_count and highest_vm_end right, locked_vm the VM_LOCKED pages
 * (validate_mlock).  Returns 0, or -EUCLEAN with the
 * first problem written to @err.
 */
int validate_mm(struct machine *m, struct mm_struct *mm, char *err, size_t errlen);


/* ---- arch/x86/mm/mmap.c and mm/mmap.c: layout, gap search, mmap ---- */

#define RLIM_INFINITY	(~0UL)
#define _STK_LIM	(8UL << 20)	/* the default RLIMIT_STACK soft limit */

/*
 * arch_pick_mmap_layout - top-down unless vm.legacy_va_layout, and
 * mm->mmap_base / mmap_legacy_base from @mm->task_size and the stack
 * rlimit @rlim_stack (bytes, RLIM_INFINITY allowed), randomization off.
 */
void arch_pick_mmap_layout(struct machine *m, struct mm_struct *mm, unsigned long rlim_stack);

/*
 * vm_unmapped_area - the lowest (or with VM_UNMAPPED_AREA_TOPDOWN the
 * highest) start of a free, aligned range of info->length bytes inside
 * [low_limit, high_limit), keeping clear of stack guard gaps.  Returns
 * the address or -ENOMEM (as unsigned long).
 */
unsigned long vm_unmapped_area(struct mm_struct *mm, const struct vm_unmapped_area_info *info);

/*
 * get_unmapped_area - where an mmap of @len bytes goes (Linux's
 * __get_unmapped_area with x86's arch_get_unmapped_area(_topdown)): the
 * hint @addr if it fits, else a gap searched top-down from mmap_base
 * (falling back to bottom-up) or bottom-up from mmap_legacy_base;
 * MAP_FIXED takes @addr as is.  Returns the address, or -ENOMEM (no room,
 * @len too big), -EINVAL (misaligned fixed address) or -EPERM (below
 * mmap_min_addr) as unsigned long.
 */
unsigned long get_unmapped_area(struct machine *m, struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len, unsigned long pgoff,
				unsigned long flags);

/*
 * do_mmap - the core of mmap(2) for @mm: checks, get_unmapped_area,
 * MAP_FIXED replacing what is there, the VMA's flags from @prot and
 * @flags, merging with a neighbour or a new VMA (mmap_region).  @file
 * (NULL: anonymous) gets a reference from a new VMA (get_file; every VMA
 * holding a file drops it in vm_area_free).  Shared anonymous memory
 * never merges, as each has its own shmem file in Linux.  No pages are
 * touched.  Returns the
 * address, or -EINVAL (len 0, bad MAP_TYPE, misaligned MAP_FIXED),
 * -EOVERFLOW, -ENOMEM (no room, map_count > vm.max_map_count, a split
 * past it, no memory), -EEXIST (MAP_FIXED_NOREPLACE over a mapping),
 * -EPERM (below mmap_min_addr), as unsigned long.
 */
unsigned long do_mmap(struct machine *m, struct mm_struct *mm, struct file *file,
		      unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff);

/*
 * sys_brk - brk(2) on @mm: move the program break to @brk.  Growing maps
 * anonymous memory from the page-aligned old break (merged into the heap
 * VMA below when there is one - never into the bss, as Linux looks only
 * above start_brk - charged to the commit), shrinking unmaps.  Returns
 * the new break, or the old one when refused (below start_brk, past
 * TASK_SIZE, running into a mapping or the stack's guard gap, the
 * overcommit check, vm.max_map_count, no memory), as Linux's brk does.
 */
unsigned long sys_brk(struct machine *m, struct mm_struct *mm, unsigned long brk);

/*
 * mm_alloc - a new, empty address space from m->mm_cachep: mm_users and
 * mm_count 1, TASK_SIZE, stack_guard_gap, the layout for the default
 * stack rlimit.  NULL when the slab allocator fails.
 * mmput - drop a user; the last one frees every VMA (exit_mmap) and,
 * with the last mm_count reference, the mm_struct itself.
 */
struct mm_struct *mm_alloc(struct machine *m);
void mmput(struct machine *m, struct mm_struct *mm);

/*
 * may_expand_vm - may the current task's @mm grow by @npages pages of a
 * mapping with @flags?  False past RLIMIT_AS (total_vm), or past
 * RLIMIT_DATA (data_vm) for a data mapping (private, writable, not
 * stack): then "VmData N exceed data ulimit L" is warned once, and the
 * boot option ignore_rlimit_data lets it pass.  A data rlimit of 0 with a
 * hard limit that fits passes (Linux's Valgrind workaround).
 */
bool may_expand_vm(struct machine *m, struct mm_struct *mm, unsigned long flags,
		   unsigned long npages);

/*
 * expand_downwards - grow the stack VMA @vma (VM_GROWSDOWN) down to
 * @address, as a fault below it does: refused with -ENOMEM inside the
 * stack guard gap of an accessible mapping below, past RLIMIT_STACK (the
 * whole VMA's size), RLIMIT_AS, the mlock limit or the overcommit charge
 * (acct_stack_growth), -EPERM below mmap_min_addr, -EFAULT for a VMA that
 * does not grow down.  0 when grown (charged, counters moved) or already
 * that big.  Called by the fault path (the paging issue) and tests.
 */
int expand_downwards(struct machine *m, struct vm_area_struct *vma, unsigned long address);

/*
 * dup_mmap - fork's copy of @oldmm's VMAs into the new @mm (its layout
 * fields already copied, no VMAs yet): every VMA but VM_DONTCOPY ones,
 * VM_LOCKED/VM_LOCKONFAULT cleared, VM_WIPEONFORK ones without their
 * anon_vma; each VM_ACCOUNT VMA is charged again (__vm_enough_memory as
 * the current task, which is the parent).  total_vm, data_vm, exec_vm and
 * stack_vm follow.  Returns 0, or -ENOMEM (a charge refused or no slab
 * object): the VMAs copied so far stay in @mm, charged, for the caller's
 * mmput to free and uncharge.
 */
int dup_mmap(struct machine *m, struct mm_struct *mm, struct mm_struct *oldmm);


/* ---- mm/mremap.c ---- */

/*
 * do_mremap - mremap(2) on @mm as the current task: resize [@addr,
 * @addr + @old_len) to @new_len, in place or (MREMAP_MAYMOVE) moved,
 * MREMAP_FIXED to @new_addr, MREMAP_DONTUNMAP leaving the old VMA.
 * Returns the address of the mapping, or -EINVAL, -EFAULT, -ENOMEM,
 * -EAGAIN as unsigned long (mm/mremap.c lists when).
 */
unsigned long do_mremap(struct machine *m, struct mm_struct *mm, unsigned long addr,
			unsigned long old_len, unsigned long new_len, unsigned long flags,
			unsigned long new_addr);

/* ---- mm/mprotect.c ---- */

/*
 * mprotect_fixup - give [@start, @end) of @vma the flags @newflags
 * (VM_ACCOUNT added or dropped as Linux does), merging or splitting;
 * *@pvma is the VMA that then holds the range; the PTEs that change are
 * gathered in @tlb for the caller's tlb_finish_mmu.  Returns 0 or -ENOMEM
 * (a split at vm.max_map_count).
 */
struct mmu_gather;
int mprotect_fixup(struct machine *m, struct mmu_gather *tlb, struct vm_area_struct *vma,
		   unsigned long start, unsigned long end, unsigned long newflags,
		   struct vm_area_struct **pvma);

/*
 * do_mprotect - mprotect(2) on @mm without protection keys: returns 0,
 * -EINVAL, -ENOMEM or -EACCES as Linux (mm/mprotect.c lists when).
 */
int do_mprotect(struct machine *m, struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot);

/* ---- mm/mmap_file.c ---- */

/*
 * mmap_file_checks - do_mmap's checks of @file for a mapping of @len
 * bytes at page @pgoff with @prot and @flags (MAP_TYPE already valid),
 * after mmap_type_flags: -EOVERFLOW, -EACCES (shared writable on a
 * descriptor without write; any mapping without read), -ENODEV (no
 * ->mmap), -EINVAL (growsdown), in Linux's order; a shared mapping of a
 * read-only descriptor loses VM_SHARED and VM_MAYWRITE in *@vm_flags.
 */
int mmap_file_checks(struct file *file, unsigned long prot, unsigned long flags,
		     unsigned long pgoff, unsigned long len, unsigned long *vm_flags);

/* ---- mm/interval_tree.c: each file's i_mmap ---- */

/*
 * vma_interval_tree_insert / _remove - put @vma into / take it out of the
 * interval tree @root (an address_space's i_mmap), keyed by the file
 * pages it maps, [vm_pgoff, vm_pgoff + pages - 1].  Remove clears the
 * node (RB_EMPTY_NODE).
 */
void vma_interval_tree_insert(struct vm_area_struct *vma, struct rb_root *root);
void vma_interval_tree_remove(struct vm_area_struct *vma, struct rb_root *root);
/*
 * vma_interval_tree_iter_first / _next - the VMAs of @root mapping any
 * file page in [@start, @last], by ascending vm_pgoff; NULL at the end.
 */
struct vm_area_struct *vma_interval_tree_iter_first(struct rb_root *root, unsigned long start,
						    unsigned long last);
struct vm_area_struct *vma_interval_tree_iter_next(struct vm_area_struct *vma,
						   unsigned long start, unsigned long last);
#define vma_interval_tree_foreach(vma, root, start, last)			\
	for (vma = vma_interval_tree_iter_first(root, start, last); vma;	\
	     vma = vma_interval_tree_iter_next(vma, start, last))

/*
 * vma_link_file - (__vma_link_file) a file VMA just linked into its mm
 * goes into its file's i_mmap, counted in i_mmap_writable when shared and
 * may write.  vma_unlink_file - (__remove_shared_vm_struct) the reverse.
 * Both do nothing for anonymous VMAs; link is a no-op if already in.
 * vma_link/vma_unlink call them.
 */
void vma_link_file(struct vm_area_struct *vma);
void vma_unlink_file(struct vm_area_struct *vma);
/*
 * vma_file_range_change / _done - around a change of a linked VMA's
 * vm_start, vm_end or vm_pgoff: take it out of i_mmap (returns whether it
 * was in), then put it back under its new key.  vma_expand calls them.
 */
bool vma_file_range_change(struct vm_area_struct *vma);
void vma_file_range_done(struct vm_area_struct *vma, bool was_in);
/*
 * validate_i_mmap - every file VMA of every live process is in its file's
 * i_mmap exactly once; each i_mmap holds only linked VMAs of that file, in
 * pgoff order with right rb_subtree_last values; i_mmap_writable equals
 * its shared writable VMAs.  0, or -EUCLEAN with the fault in @err.
 */
int validate_i_mmap(struct machine *m, char *err, size_t errlen);

#endif
