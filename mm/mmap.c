// SPDX-License-Identifier: GPL-2.0-only
/*
 * Creating mappings (Linux's mm/mmap.c, with x86's
 * arch_get_unmapped_area(_topdown) from arch/x86/kernel/sys_x86_64.c):
 * the gap search vm_unmapped_area over the VMA tree's rb_subtree_gap,
 * get_unmapped_area (hint, MAP_FIXED, top-down with a bottom-up fallback,
 * legacy bottom-up, THP alignment of PMD-multiple anonymous mappings), the do_mmap/mmap_region core, brk
 * (sys_brk, do_brk_flags) with their rlimits (may_expand_vm: RLIMIT_AS
 * and RLIMIT_DATA; brk's check_data_rlimit), and an address space's life: mm_alloc (with
 * its PGD page), mmput, exit_mmap, and fork's copy of it (dup_mmap).
 *
 * Leaves out, each for the issue that brings its mechanism: page tables
 * and vm_page_prot (paging; vm_page_prot stays 0), populating
 * (MAP_POPULATE), ->mmap (the filesystem; mm/mmap_file.c has the file
 * checks), shmem for shared
 * anonymous memory (and its huge-page alignment), MAP_HUGETLB,
 * MAP_DROPPABLE (-EINVAL here), randomization and the 5-level-paging hint
 * window.
 * Wired to the script language by the process issue (mmap command).
 * Callers: tests/unit/test_vma.c, the process issue.
 */
#include <errno.h>
#include <string.h>
#include "asm/pgtable.h"
#include "linux/cred.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mman.h"
#include "linux/pagevec.h"
#include "linux/pgtable.h"
#include "linux/mm_fault.h"
#include "asm-generic/tlb.h"
#include "linux/printk.h"
#include "linux/resource.h"
#include "linux/rmap.h"
#include "linux/slab.h"
#include "linux/sched/task.h"
#include "vma.h"

_Static_assert(sizeof(struct mm_struct) <= MM_STRUCT_OBJECT_SIZE,
	       "struct mm_struct must fit the mm_struct cache's objects");

#define MAX_ERRNO	4095
#define ERR_ADDR(e)	((unsigned long)(long)(e))

static bool addr_is_err(unsigned long addr)
{
	return addr >= (unsigned long)-MAX_ERRNO;
}

/*
 * Linux's mmap_min_addr (security/min_addr.c): the larger of
 * vm.mmap_min_addr (dac_mmap_min_addr, MMAP_MIN_ADDR) and
 * CONFIG_LSM_MMAP_MIN_ADDR (65536 with CONFIG_SECURITY, as the 6.18
 * reference kernel is built).  The gap search, hints and stack growth
 * stay above it; security_mmap_addr's own check is dac_mmap_min_addr's.
 */
#define LSM_MMAP_MIN_ADDR	65536UL
#define MMAP_MIN_ADDR_LSM	max(MMAP_MIN_ADDR, LSM_MMAP_MIN_ADDR)

/* ---- the gap search ---- */

/* A search: the request and its length with room for alignment. */
struct gap_search {
	const struct vm_unmapped_area_info *info;	/* the request */
	unsigned long length;	/* info->length + align_mask: any gap this
				 * long holds an aligned area */
};

/* Does [gstart, gend), clipped to the limits, hold the area?  Where? */
static bool gap_fits(const struct gap_search *gs, unsigned long gstart, unsigned long gend,
		     unsigned long *addr)
{
	const struct vm_unmapped_area_info *info = gs->info;
	unsigned long lo = max(gstart, info->low_limit), hi = min(gend, info->high_limit);
	unsigned long a;

	if (hi <= lo || hi - lo < gs->length)
		return false;
	if (info->flags & VM_UNMAPPED_AREA_TOPDOWN) {
		a = hi - info->length;
		a -= (a - info->align_offset) & info->align_mask;
	} else {
		a = lo + ((info->align_offset - lo) & info->align_mask);
	}
	*addr = a;
	return true;
}

/* The gap just below @vma: [prev's vm_end_gap or 0, vm_start_gap). */
static bool vma_gap_fits(const struct gap_search *gs, const struct vm_area_struct *vma,
			 unsigned long *addr)
{
	unsigned long start = vma->vm_prev ? vm_end_gap(vma->vm_prev) : 0;

	return gap_fits(gs, start, vm_start_gap(vma), addr);
}

/*
 * Lowest fit in the subtree at @node.  Subtrees whose largest gap is too
 * small are skipped; so are gaps wholly outside the limits (a left subtree
 * lies below the node's vm_start, a right one above its vm_end).
 */
static bool search_lowest(const struct gap_search *gs, struct rb_node *node, unsigned long *addr)
{
	struct vm_area_struct *vma;

	if (!node)
		return false;
	vma = rb_entry(node, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < gs->length)
		return false;
	if (vma->vm_start > gs->info->low_limit &&
	    (search_lowest(gs, node->rb_left, addr) || vma_gap_fits(gs, vma, addr)))
		return true;
	return vma->vm_end < gs->info->high_limit && search_lowest(gs, node->rb_right, addr);
}

/* Highest fit in the subtree at @node (search_lowest mirrored). */
static bool search_highest(const struct gap_search *gs, struct rb_node *node, unsigned long *addr)
{
	struct vm_area_struct *vma;

	if (!node)
		return false;
	vma = rb_entry(node, struct vm_area_struct, vm_rb);
	if (vma->rb_subtree_gap < gs->length)
		return false;
	if (vma->vm_end < gs->info->high_limit && search_highest(gs, node->rb_right, addr))
		return true;
	return vma->vm_start > gs->info->low_limit &&
	       (vma_gap_fits(gs, vma, addr) || search_highest(gs, node->rb_left, addr));
}

unsigned long vm_unmapped_area(struct mm_struct *mm, const struct vm_unmapped_area_info *info0)
{
	struct vm_unmapped_area_info lim = *info0, *info = &lim;
	struct gap_search gs = { .info = info, .length = info->length + info->align_mask };
	struct vm_area_struct *last = NULL;
	struct rb_node *node = rb_last(&mm->mm_rb);
	unsigned long tail_start, addr;

	if (gs.length < info->length)		/* overflow */
		return ERR_ADDR(-ENOMEM);
	if (lim.low_limit < MMAP_MIN_ADDR_LSM)	/* unmapped_area(_topdown) */
		lim.low_limit = MMAP_MIN_ADDR_LSM;
	if (node)
		last = rb_entry(node, struct vm_area_struct, vm_rb);
	tail_start = last ? vm_end_gap(last) : 0;	/* the gap above every VMA */
	if (info->flags & VM_UNMAPPED_AREA_TOPDOWN) {
		if (gap_fits(&gs, tail_start, ~0UL, &addr) ||
		    search_highest(&gs, mm->mm_rb.rb_node, &addr))
			return addr;
	} else {
		if (search_lowest(&gs, mm->mm_rb.rb_node, &addr) ||
		    gap_fits(&gs, tail_start, ~0UL, &addr))
			return addr;
	}
	return ERR_ADDR(-ENOMEM);
}

/* ---- get_unmapped_area ---- */

/* x86's mmap_address_hint_valid: below TASK_SIZE, not straddling the window. */
static bool mmap_address_hint_valid(const struct mm_struct *mm, unsigned long addr,
				    unsigned long len)
{
	if (mm->task_size - len < addr)
		return false;
	return (addr > DEFAULT_MAP_WINDOW) == (addr + len > DEFAULT_MAP_WINDOW);
}

/* Bottom-up, from mmap_legacy_base (arch_get_unmapped_area). */
static unsigned long arch_get_unmapped_area(struct mm_struct *mm, unsigned long addr,
					    unsigned long len, unsigned long flags)
{
	struct vm_unmapped_area_info info = { 0 };
	unsigned long begin = mm->mmap_legacy_base, end = DEFAULT_MAP_WINDOW;

	if (addr > DEFAULT_MAP_WINDOW)	/* find_start_end: a hint above 47 bits (la57) */
		end = mm->task_size;
	if (flags & MAP_FIXED)
		return addr;
	if (len > end)
		return ERR_ADDR(-ENOMEM);
	if (addr) {
		struct vm_area_struct *vma;

		addr = ALIGN(addr, PAGE_SIZE);
		vma = find_vma(mm, addr);
		if (end - len >= addr && (!vma || addr + len <= vm_start_gap(vma)))
			return addr;
	}
	info.length = len;
	info.low_limit = begin;
	info.high_limit = end;
	return vm_unmapped_area(mm, &info);
}

/* Top-down from mmap_base, bottom-up if that fails (x86's _topdown). */
static unsigned long arch_get_unmapped_area_topdown(struct mm_struct *mm, unsigned long addr0,
						    unsigned long len, unsigned long flags)
{
	struct vm_unmapped_area_info info = { 0 };
	unsigned long addr = addr0;

	if (len > mm->task_size)
		return ERR_ADDR(-ENOMEM);
	if (flags & MAP_FIXED)
		return addr;
	if (addr) {
		addr &= PAGE_MASK;
		if (mmap_address_hint_valid(mm, addr, len)) {
			struct vm_area_struct *vma = find_vma(mm, addr);

			if (!vma || addr + len <= vm_start_gap(vma))
				return addr;
		}
	}
	info.flags = VM_UNMAPPED_AREA_TOPDOWN;
	info.length = len;
	info.low_limit = PAGE_SIZE;
	info.high_limit = mm->mmap_base;
	if (addr0 > DEFAULT_MAP_WINDOW)	/* a hint above 47 bits: the full space (la57) */
		info.high_limit += mm->task_size - DEFAULT_MAP_WINDOW;
	addr = vm_unmapped_area(mm, &info);
	if (!(addr & ~PAGE_MASK))
		return addr;
	/* A failed mmap likely kills the program: try bottom-up too. */
	return arch_get_unmapped_area(mm, addr0, len, flags);
}

/* The layout's own search (mm_get_unmapped_area_vmflags). */
static unsigned long mm_get_unmapped_area(struct mm_struct *mm, unsigned long addr,
					  unsigned long len, unsigned long flags)
{
	if (mm->mmap_topdown)
		return arch_get_unmapped_area_topdown(mm, addr, len, flags);
	return arch_get_unmapped_area(mm, addr, len, flags);
}

/*
 * An area for a PMD-multiple anonymous mapping that starts on a PMD
 * boundary (__thp_get_unmapped_area with off 0, size PMD_SIZE): search for
 * len + PMD_SIZE and place the area inside at the boundary - the upper
 * one when top-down finds an already aligned start.  0 when the padded
 * search fails (the caller retries without padding) or the hint was taken.
 */
static unsigned long thp_get_unmapped_area(struct mm_struct *mm, unsigned long addr,
					   unsigned long len, unsigned long flags)
{
	unsigned long len_pad = len + PMD_SIZE, ret, off_sub;

	if (len_pad < len)
		return 0;
	ret = mm_get_unmapped_area(mm, addr, len_pad, flags);
	if (addr_is_err(ret) || ret == addr)	/* callers pass no hint: 0 */
		return 0;
	off_sub = (0 - ret) & (PMD_SIZE - 1);
	if (mm->mmap_topdown && !off_sub)
		return ret + PMD_SIZE;
	return ret + off_sub;
}

unsigned long get_unmapped_area(struct machine *m, struct mm_struct *mm, struct file *file,
				unsigned long addr, unsigned long len, unsigned long pgoff,
				unsigned long flags)
{
	unsigned long ret = 0;

	if (len > mm->task_size)		/* TASK_SIZE: 56 bits with la57 */
		return ERR_ADDR(-ENOMEM);
	/*
	 * Private anonymous mappings of a PMD multiple without a hint are
	 * THP aligned (CONFIG_TRANSPARENT_HUGEPAGE, whatever the THP sysfs
	 * mode).  Shared anonymous memory takes shmem's path, which aligns
	 * only with shmem huge pages enabled (never, by default).
	 */
	if (!file && !(flags & MAP_SHARED) && !addr && !(len & (PMD_SIZE - 1)))
		ret = thp_get_unmapped_area(mm, addr, len, flags);
	addr = ret ? ret : mm_get_unmapped_area(mm, addr, len, flags);
	if (addr_is_err(addr))
		return addr;
	if (addr > mm->task_size - len)
		return ERR_ADDR(-ENOMEM);
	if (addr & ~PAGE_MASK)
		return ERR_ADDR(-EINVAL);
	/* security_mmap_addr (cap_mmap_addr): below it only with CAP_SYS_RAWIO */
	if (addr < MMAP_MIN_ADDR && !capable(m, CAP_SYS_RAWIO))
		return ERR_ADDR(-EPERM);
	return addr;
}

/* ---- rlimits: RLIMIT_AS and RLIMIT_DATA ---- */

/* A data mapping (is_data_mapping): private, writable, not a stack. */
static bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
}

bool may_expand_vm(struct machine *m, struct mm_struct *mm, unsigned long flags,
		   unsigned long npages)
{
	unsigned long data_lim = rlimit(m, RLIMIT_DATA);

	if (mm->total_vm + npages > rlimit(m, RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (!is_data_mapping(flags) || mm->data_vm + npages <= data_lim >> PAGE_SHIFT)
		return true;
	/* Valgrind sets a 0 soft limit and expects its own mappings to pass */
	if (data_lim == 0 && mm->data_vm + npages <= rlimit_max(m, RLIMIT_DATA) >> PAGE_SHIFT)
		return true;
	if (!m->warned_vmdata) {	/* pr_warn_once, "mmap: " being pr_fmt */
		m->warned_vmdata = true;
		pr_warn(m, "mmap: %s (%d): VmData %lu exceed data ulimit %lu. Update limits%s.",
			m->current_comm, m->current_pid, (mm->data_vm + npages) << PAGE_SHIFT,
			data_lim, m->bp.ignore_rlimit_data ? "" :
			" or use boot option ignore_rlimit_data");
	}
	return m->bp.ignore_rlimit_data;
}

/* ---- the stack's growth: RLIMIT_STACK ---- */

/*
 * acct_stack_growth: may the stack VMA become @size bytes, @grow pages
 * more?  RLIMIT_AS/RLIMIT_DATA (may_expand_vm), RLIMIT_STACK, the mlock
 * limit, then the overcommit charge (last: it charges).  0 or -ENOMEM.
 */
static int acct_stack_growth(struct machine *m, struct vm_area_struct *vma, unsigned long size,
			     unsigned long grow)
{
	struct mm_struct *mm = vma->vm_mm;

	if (!may_expand_vm(m, mm, vma->vm_flags, grow))
		return -ENOMEM;
	if (size > rlimit(m, RLIMIT_STACK))
		return -ENOMEM;
	if (!mlock_future_ok(m, mm, vma->vm_flags, grow << PAGE_SHIFT))
		return -ENOMEM;
	if (__vm_enough_memory(m, &mm->total_vm, (long)grow, capable(m, CAP_SYS_ADMIN)))
		return -ENOMEM;
	return 0;
}

/* Does the VMA allow any access (vma_is_accessible)? */
static bool vma_is_accessible(const struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC);
}

int expand_downwards(struct machine *m, struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long size, grow;
	int error;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -EFAULT;
	address &= PAGE_MASK;
	if (address < MMAP_MIN_ADDR_LSM)
		return -EPERM;
	/* the stack guard gap to a mapping below that is not a stack */
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) && vma_is_accessible(prev) &&
	    (address < prev->vm_end || address - prev->vm_end < mm->stack_guard_gap))
		return -ENOMEM;
	if (anon_vma_prepare(m, vma))		/* the stack's pages need one */
		return -ENOMEM;
	if (address >= vma->vm_start)
		return 0;			/* already that big */
	size = vma->vm_end - address;
	grow = (vma->vm_start - address) >> PAGE_SHIFT;
	if (grow > vma->vm_pgoff)
		return -ENOMEM;
	error = acct_stack_growth(m, vma, size, grow);
	if (error)
		return error;
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm += grow;
	vm_stat_account(mm, vma->vm_flags, (long)grow);
	vma_expand(vma, address, vma->vm_end, vma->vm_pgoff - grow);
	return 0;
}

/* ---- do_mmap ---- */

/* A hint below mmap_min_addr is raised to it (round_hint_to_min). */
static unsigned long round_hint_to_min(unsigned long hint)
{
	hint &= PAGE_MASK;
	if (hint && hint < MMAP_MIN_ADDR_LSM)
		return ALIGN(MMAP_MIN_ADDR_LSM, PAGE_SIZE);
	return hint;
}

/* The pages of @mm mapped inside [start, end). */
static unsigned long mapped_pages(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long pages = 0;

	for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma->vm_next)
		pages += (min(end, vma->vm_end) - max(start, vma->vm_start)) >> PAGE_SHIFT;
	return pages;
}

/* The VM_ACCOUNT pages of @mm inside [start, end). */
static unsigned long accounted_pages(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long pages = 0;

	for (struct vm_area_struct *vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma->vm_next)
		if (vma->vm_flags & VM_ACCOUNT)
			pages += (min(end, vma->vm_end) - max(start, vma->vm_start)) >> PAGE_SHIFT;
	return pages;
}

/*
 * Map [addr, addr + len) with @vm_flags: charge an accountable mapping
 * (-ENOMEM when __vm_enough_memory refuses: nothing changes), replace,
 * merge or a new VMA.
 */
static unsigned long mmap_region(struct machine *m, struct mm_struct *mm, struct file *file,
				 unsigned long addr, unsigned long len, unsigned long vm_flags,
				 unsigned long pgoff)
{
	unsigned long end = addr + len;
	struct vma_merge_struct vmg = { .mm = mm, .start = addr, .end = end, .pgoff = pgoff,
					.file = file };
	struct vm_area_struct *vma, *prev;
	unsigned long overlap = accounted_pages(mm, addr, end), charged = 0;
	int err;

	/* the address space limit, net of what the new mapping replaces */
	if (!may_expand_vm(m, mm, vm_flags, (len >> PAGE_SHIFT) - mapped_pages(mm, addr, end)))
		return ERR_ADDR(-ENOMEM);
	if (accountable_mapping(file, vm_flags)) {
		/* charge what the replaced VMAs did not already hold (Linux nets nr_accounted) */
		charged = (len >> PAGE_SHIFT) - overlap;
		if (__vm_enough_memory(m, &mm->total_vm, (long)charged,
				       capable(m, CAP_SYS_ADMIN)))
			return ERR_ADDR(-ENOMEM);
		vm_flags |= VM_ACCOUNT;
	}
	if (find_vma_intersection(mm, addr, end)) {	/* MAP_FIXED over mappings */
		err = do_vmi_munmap(m, mm, addr, len);
		if (err) {
			vm_unacct_memory(m, (long)charged);
			return ERR_ADDR(err);
		}
		if (vm_flags & VM_ACCOUNT)	/* the overlap's charge passes to the new VMA */
			vm_acct_memory(m, (long)overlap);
	}
	vmg.vm_flags = vm_flags;
	vma = find_vma_prev(mm, addr, &prev);
	vmg.prev = prev && prev->vm_end == addr ? prev : NULL;
	vmg.next = vma && vma->vm_start == end ? vma : NULL;
	vma = vma_merge_new_range(m, &vmg);
	if (!vma) {
		vma = vm_area_alloc(m, mm);
		if (!vma) {
			if (vm_flags & VM_ACCOUNT)	/* charged + the overlap passed on */
				vm_unacct_memory(m, (long)(len >> PAGE_SHIFT));
			return ERR_ADDR(-ENOMEM);
		}
		vma->vm_start = addr;
		vma->vm_end = end;
		vma->vm_flags = vm_flags;
		vma->vm_pgoff = pgoff;
		vma->vm_file = file ? get_file(file) : NULL;	/* the VMA's own reference */
		vma_link(mm, vma);
	}
	vm_stat_account(mm, vm_flags, (long)(len >> PAGE_SHIFT));
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += len >> PAGE_SHIFT;
	return addr;
}

/* The VM_* flags and pgoff of an anonymous or (opaque) file mapping. */
static int mmap_type_flags(struct file *file, unsigned long addr, unsigned long flags,
			   unsigned long *vm_flags, unsigned long *pgoff)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		if (!file) {
			if (*vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
				return -EINVAL;
			*pgoff = 0;
		}
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		return 0;
	case MAP_PRIVATE:
		if (!file)
			*pgoff = addr >> PAGE_SHIFT;
		return 0;
	default:
		return -EINVAL;
	}
}

unsigned long do_mmap(struct machine *m, struct mm_struct *mm, struct file *file,
		      unsigned long addr, unsigned long len, unsigned long prot,
		      unsigned long flags, unsigned long pgoff)
{
	unsigned long vm_flags;
	int err;

	if (!len)
		return ERR_ADDR(-EINVAL);
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED))
		addr = round_hint_to_min(addr);
	len = ALIGN(len, PAGE_SIZE);
	if (!len)				/* wrapped */
		return ERR_ADDR(-ENOMEM);
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return ERR_ADDR(-EOVERFLOW);
	if (mm->map_count > m->vm.max_map_count)	/* > : one past the limit is allowed */
		return ERR_ADDR(-ENOMEM);
	if ((flags & MAP_TYPE) != MAP_SHARED && (flags & MAP_TYPE) != MAP_SHARED_VALIDATE &&
	    (flags & MAP_TYPE) != MAP_PRIVATE)
		return ERR_ADDR(-EINVAL);	/* incl. MAP_DROPPABLE, not modelled */
	addr = get_unmapped_area(m, mm, file, addr, len, pgoff, flags);
	if (addr_is_err(addr))
		return addr;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return ERR_ADDR(-EEXIST);
	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) | mm->def_flags |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if ((flags & MAP_LOCKED) && !can_do_mlock(m))	/* RLIMIT_MEMLOCK (mm/mlock.c) */
		return ERR_ADDR(-EPERM);
	if (!mlock_future_ok(m, mm, vm_flags, len))	/* MAP_LOCKED or mlockall(MCL_FUTURE) */
		return ERR_ADDR(-EAGAIN);
	err = mmap_type_flags(file, addr, flags, &vm_flags, &pgoff);
	if (!err && file)			/* the file's checks (mm/mmap_file.c) */
		err = mmap_file_checks(file, prot, flags, pgoff, len, &vm_flags);
	if (err)
		return ERR_ADDR(err);
	vm_flags |= mmap_noreserve_vm_flags(m, file, flags);
	return mmap_region(m, mm, file, addr, len, vm_flags, pgoff);
}

/* ---- brk ---- */

/* VM_DATA_DEFAULT_FLAGS on x86-64 without READ_IMPLIES_EXEC. */
#define VM_DATA_DEFAULT_FLAGS	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/*
 * do_brk_flags: anonymous memory [addr, addr + len) for the heap, charged
 * to the commit, merged into @prev (the heap VMA ending at addr, or NULL)
 * when it can take it, else a new VMA.  0 or -ENOMEM.
 */
static int do_brk_flags(struct machine *m, struct mm_struct *mm, struct vm_area_struct *prev,
			unsigned long addr, unsigned long len)
{
	unsigned long flags = VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;
	struct vma_merge_struct vmg = { .mm = mm, .start = addr, .end = addr + len,
					.pgoff = addr >> PAGE_SHIFT, .vm_flags = flags };
	struct vm_area_struct *vma;

	if (!may_expand_vm(m, mm, flags, len >> PAGE_SHIFT))
		return -ENOMEM;
	if (mm->map_count > m->vm.max_map_count)
		return -ENOMEM;
	if (__vm_enough_memory(m, &mm->total_vm, (long)(len >> PAGE_SHIFT),
			       capable(m, CAP_SYS_ADMIN)))
		return -ENOMEM;
	vmg.prev = prev && prev->vm_end == addr ? prev : NULL;
	vma = vmg.prev ? vma_merge_new_range(m, &vmg) : NULL;
	if (!vma) {
		vma = vm_area_alloc(m, mm);
		if (!vma) {
			vm_unacct_memory(m, (long)(len >> PAGE_SHIFT));
			return -ENOMEM;
		}
		vma->vm_start = addr;
		vma->vm_end = addr + len;
		vma->vm_flags = flags | VM_SOFTDIRTY;
		vma->vm_pgoff = addr >> PAGE_SHIFT;
		vma_link(mm, vma);
	}
	vm_stat_account(mm, flags, (long)(len >> PAGE_SHIFT));
	if (flags & VM_LOCKED)			/* mlockall(MCL_FUTURE) */
		mm->locked_vm += len >> PAGE_SHIFT;
	return 0;
}

unsigned long sys_brk(struct machine *m, struct mm_struct *mm, unsigned long brk)
{
	unsigned long newbrk, oldbrk, origbrk = mm->brk;
	struct vm_area_struct *next, *prev;

	if (brk < mm->start_brk || brk > TASK_SIZE)	/* min_brk without COMPAT_BRK */
		return origbrk;
	/* RLIMIT_DATA on heap plus data, before any rounding (check_data_rlimit) */
	if (check_data_rlimit(rlimit(m, RLIMIT_DATA), brk, mm->start_brk, mm->end_data,
			      mm->start_data))
		return origbrk;
	newbrk = ALIGN(brk, PAGE_SIZE);
	oldbrk = ALIGN(mm->brk, PAGE_SIZE);
	if (oldbrk == newbrk) {
		mm->brk = brk;
		return brk;
	}
	if (brk <= mm->brk) {			/* shrink: unmap what is above */
		if (do_vmi_munmap(m, mm, newbrk, oldbrk - newbrk))
			return origbrk;
		mm->brk = brk;
		return brk;
	}
	if (!mlock_future_ok(m, mm, mm->def_flags, newbrk - oldbrk))	/* check_brk_limits */
		return origbrk;
	next = find_vma_prev(mm, oldbrk, &prev);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))	/* a mapping or its guard gap */
		return origbrk;
	if (prev && prev->vm_start < mm->start_brk)	/* vma_prev_limit(start_brk): only */
		prev = NULL;				/* a heap VMA grows, never the bss */
	if (do_brk_flags(m, mm, prev, oldbrk, newbrk - oldbrk))
		return origbrk;
	mm->brk = brk;
	if (mm->def_flags & VM_LOCKED)		/* mlockall(MCL_FUTURE): fault it in */
		mm_populate(m, mm, oldbrk, newbrk - oldbrk);
	return brk;
}

/* ---- an address space's life ---- */

struct mm_struct *mm_alloc(struct machine *m)
{
	struct mm_struct *mm = kmem_cache_alloc(m, m->mm_cachep, GFP_KERNEL | __GFP_ZERO);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc(m, mm);			/* mm_init's mm_alloc_pgd */
	if (!mm->pgd) {
		kmem_cache_free(m, m->mm_cachep, mm);
		return NULL;
	}
	mm->mm_rb = RB_ROOT;
	mm->mm_users = 1;
	mm->mm_count = 1;
	mm->task_size = m->pgtable_l5_enabled ? TASK_SIZE_L5 : TASK_SIZE;	/* TASK_SIZE_MAX */
	mm->stack_guard_gap = STACK_GUARD_GAP_DEFAULT;
	init_new_context(m, mm);			/* x86's TLB context */
	arch_pick_mmap_layout(m, mm, _STK_LIM);
	return mm;
}

/* Zap every PTE, free the page tables, then every VMA (exit_mmap). */
static void exit_mmap(struct machine *m, struct mm_struct *mm)
{
	unsigned long nr_accounted = 0;
	struct mmu_gather tlb;

	lru_add_drain(m);			/* the CPU's batches let their pages go */
	tlb_gather_mmu_fullmm(&tlb, m, mm);
	unmap_vmas(&tlb, mm->mmap, 0, ~0UL);
	free_pgtables(&tlb, mm->mmap, FIRST_USER_ADDRESS, USER_PGTABLES_CEILING);
	tlb_finish_mmu(&tlb);			/* one full flush (freed_tables) */
	while (mm->mmap) {
		struct vm_area_struct *vma = mm->mmap;

		if (vma->vm_flags & VM_ACCOUNT)
			nr_accounted += vma_pages(vma);
		vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm -= vma_pages(vma);
		vma_unlink(mm, vma);
		vm_area_free(m, vma);
	}
	vm_unacct_memory(m, (long)nr_accounted);
}

void mmput(struct machine *m, struct mm_struct *mm)
{
	if (--mm->mm_users > 0)
		return;
	exit_mmap(m, mm);
	set_mm_exe_file(m, mm, NULL);		/* __mmput: the write denial goes */
	if (--mm->mm_count == 0) {		/* mmdrop */
		if (mm_pgtables_bytes(mm))	/* __mmdrop's check_mm */
			pr_alert(m, "BUG: non-zero pgtables_bytes on freeing mm: %ld",
				 mm->pgtables_bytes);
		tlb_drop_lazy_mm(m, mm);	/* CPUs holding it lazily let go */
		pgd_free(m, mm->pgd);		/* __mmdrop's mm_free_pgd */
		kmem_cache_free(m, m->mm_cachep, mm);
	}
}

/* ---- fork: copying an address space (Linux 6.18's dup_mmap) ---- */

/* vm_area_dup for another mm: a copy of @old in @mm, not linked, or NULL. */
static struct vm_area_struct *vma_copy_to(struct machine *m, struct vm_area_struct *old,
					  struct mm_struct *mm)
{
	struct vm_area_struct *new = vm_area_alloc(m, mm);

	if (!new)
		return NULL;
	new->vm_start = old->vm_start;
	new->vm_end = old->vm_end;
	new->vm_page_prot = old->vm_page_prot;
	new->vm_flags = old->vm_flags;
	new->vm_pgoff = old->vm_pgoff;
	new->vm_file = old->vm_file ? get_file(old->vm_file) : NULL;
	new->vm_special_name = old->vm_special_name;
	return new;
}

int dup_mmap(struct machine *m, struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp;

	dup_mm_exe_file(m, mm, oldmm);
	mm->total_vm = oldmm->total_vm;
	mm->data_vm = oldmm->data_vm;
	mm->exec_vm = oldmm->exec_vm;
	mm->stack_vm = oldmm->stack_vm;
	for (mpnt = oldmm->mmap; mpnt; mpnt = mpnt->vm_next) {
		long len = (long)vma_pages(mpnt);

		if (mpnt->vm_flags & VM_DONTCOPY) {
			vm_stat_account(mm, mpnt->vm_flags, -len);
			continue;
		}
		/* security_vm_enough_memory_mm(oldmm, len), as the parent */
		if ((mpnt->vm_flags & VM_ACCOUNT) &&
		    __vm_enough_memory(m, &oldmm->total_vm, len, capable(m, CAP_SYS_ADMIN)))
			return -ENOMEM;
		tmp = vma_copy_to(m, mpnt, mm);
		if (!tmp) {
			if (mpnt->vm_flags & VM_ACCOUNT)
				vm_unacct_memory(m, len);
			return -ENOMEM;
		}
		/*
		 * VM_WIPEONFORK: the child starts with no anon_vma and no
		 * PTEs, so its pages read as zeros.  Otherwise anon_vma_fork
		 * links the copy to the parent's anon_vmas plus its own.
		 */
		if (!(mpnt->vm_flags & VM_WIPEONFORK) && anon_vma_fork(m, tmp, mpnt)) {
			vm_area_free(m, tmp);
			if (mpnt->vm_flags & VM_ACCOUNT)
				vm_unacct_memory(m, len);
			return -ENOMEM;
		}
		tmp->vm_flags &= ~(VM_LOCKED | VM_LOCKONFAULT);	/* mlock is not inherited */
		vma_link(mm, tmp);
		/* the PTEs: private pages become CoW in both (mm/memory_copy.c) */
		if (!(tmp->vm_flags & VM_WIPEONFORK) && copy_page_range(m, tmp, mpnt))
			return -ENOMEM;
	}
	mm->hiwater_rss = get_mm_rss(mm);	/* dup_mm's, once the PTEs are in */
	return 0;
}
