// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/maps, smaps, smaps_rollup and statm (Linux's
 * fs/proc/task_mmu.c).
 *
 * maps (show_map_vma): one line per VMA, "%08lx-%08lx %c%c%c%c %08llx
 * %02x:%02x %lu " (start, end, rwx and s/p, file offset, device
 * major:minor, inode) and, when the VMA has a name, padding to column 73
 * (seq_setwidth of 25 + 6 * sizeof(void *) - 1, then seq_pad) and the
 * name: the file's path (d_path), a special mapping's ([vvar], [vdso]),
 * [heap] for a VMA overlapping (start_brk, brk) (none while brk is at
 * start_brk), [stack] for the one holding start_stack.  A VMA without a
 * name ends after the inode and a space, as on Linux.  After the last VMA
 * comes the gate area, [vsyscall] at 0xffffffffff600000, --xp (x86-64's
 * vsyscall=xonly default): it is no VMA of the mm (m_next's get_gate_vma).
 *
 * smaps (show_smap): each maps line followed by Size, KernelPageSize,
 * MMUPageSize, the page counts of __show_smap (Rss ... Locked), THPeligible
 * and VmFlags (show_smap_vma_flags: Linux's two-letter name of every set
 * VM_* bit, lowest first).  smaps_rollup: one header line spanning the
 * first VMA's start to the last VMA's end ("---p", "[rollup]"), the
 * counts summed, and Pss_Anon/Pss_File/Pss_Shmem.
 *
 * The page counts come from walking each VMA's page tables
 * (smaps_pte_entry, smaps_account): every present PTE of a normal page -
 * not the zero page, which vm_normal_page does not return - adds 4 kB to
 * Rss; Pss adds 4 kB divided by the page's mapcount (kept << PSS_SHIFT,
 * 12 bits of fraction, shifted back when printed), whole when the page
 * has one reference; a page mapped once is Private, else Shared; Dirty
 * when the PTE or PG_dirty says so, Referenced when the PTE is young or
 * PG_referenced; Anonymous for PageAnon pages, LazyFree for those whose
 * PG_swapbacked MADV_FREE cleared while still clean; Locked is the Pss
 * of VM_LOCKED VMAs.  KSM, the THP and hugetlb lines, Swap and SwapPss
 * stay 0: no such pages or entries exist yet (docs/divergences.md).  THPeligible is
 * thp_vma_allowable_orders for the PMD size with the sysfs policy
 * (transparent_hugepage=): anonymous private VMAs holding an aligned 2 MiB
 * range, when THP is "always" or "madvise" with MADV_HUGEPAGE.  No "sd":
 * like the 6.18 kernel of the reference captures, mmsim is built without
 * CONFIG_MEM_SOFT_DIRTY.  No ProtectionKey: line (no pkeys).
 *
 * Also /proc/PID/statm (task_statm).
 *
 * Leaves out: anonymous VMA names (prctl PR_SET_VMA), shared anonymous
 * memory's "/dev/zero (deleted)" (no shmem file: printed as anonymous),
 * vsyscall=emulate/none.  Reads state only.  Caller: kernfs through the
 * proc_pid_*_operations registered by fs/proc/base.c.
 */
#include <errno.h>
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_struct.h"
#include "linux/mm_fault.h"
#include "linux/page-flags.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "internal.h"

/* seq_setwidth's width: 25 + sizeof(void *) * 6 - 1 on 64-bit. */
#define MAPS_NAME_COLUMN	(25 + 8 * 6 - 1)
/* VSYSCALL_ADDR: the gate page's fixed address on x86-64. */
#define VSYSCALL_ADDR		0xffffffffff600000UL
#define HPAGE_PMD_SIZE		(2UL << 20)

/* get_gate_vma: the vsyscall page, vsyscall=xonly (VM_EXEC only). */
static const struct vm_area_struct gate_vma = {
	.vm_start = VSYSCALL_ADDR,
	.vm_end = VSYSCALL_ADDR + PAGE_SIZE,
	.vm_flags = VM_EXEC,
	.vm_special_name = "[vsyscall]",
};

/* [heap], [stack] or NULL (show_map_vma's special names). */
static const char *vma_special_name(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	if (vma->vm_start < mm->brk && vma->vm_end > mm->start_brk)	/* vma_is_initial_heap */
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/* show_vma_header_prefix; returns where the line started (for seq_pad). */
static size_t show_vma_header_prefix(struct seq_file *sf, unsigned long start, unsigned long end,
				     unsigned long flags, unsigned long long pgoff, unsigned int dev,
				     unsigned long ino)
{
	size_t col = sf->count;

	seq_printf(sf, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", start, end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p', pgoff,
		   dev >> 20, dev & 0xfffff, ino);
	return col;
}

/* seq_pad to the name column, then ' ' and @name and a newline. */
static void show_name(struct seq_file *sf, size_t col, const char *name)
{
	if (sf->count - col < MAPS_NAME_COLUMN)
		seq_printf(sf, "%*s", (int)(MAPS_NAME_COLUMN - (sf->count - col)), "");
	seq_putc(sf, ' ');
	seq_puts(sf, name);
	seq_putc(sf, '\n');
}

static void show_map_vma(struct seq_file *sf, const struct mm_struct *mm,
			 const struct vm_area_struct *vma)
{
	unsigned long ino = 0;
	unsigned long long pgoff = 0;
	unsigned int dev = 0;
	const char *name = vma->vm_special_name;
	size_t col;
	char path[4096];		/* PATH_MAX */

	if (!name && !vma->vm_file && mm)
		name = vma_special_name(mm, vma);
	if (vma->vm_file) {
		struct inode *inode = vma->vm_file->f_inode;

		dev = inode->i_sb->s_dev;
		ino = inode->i_ino;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	}
	col = show_vma_header_prefix(sf, vma->vm_start, vma->vm_end, vma->vm_flags, pgoff, dev, ino);
	if (vma->vm_file && !d_path(vma->vm_file->f_dentry, path, sizeof(path)))
		name = path;
	if (name)
		show_name(sf, col, name);
	else
		seq_putc(sf, '\n');
}

static int proc_pid_maps_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;

	if (!tsk->mm)					/* a zombie: nothing */
		return 0;
	for (const struct vm_area_struct *vma = tsk->mm->mmap; vma; vma = vma->vm_next)
		show_map_vma(sf, tsk->mm, vma);
	show_map_vma(sf, NULL, &gate_vma);		/* m_next: the gate area last */
	return 0;
}

const struct kernfs_ops proc_pid_maps_operations = { .show = proc_pid_maps_show };

/* ---- smaps ---- */

/* Pss is kept in bytes << PSS_SHIFT: a page shared by 3 keeps its thirds. */
#define PSS_SHIFT	12

/* What smap_gather_stats adds up (struct mem_size_stats), in bytes. */
struct mem_size_stats {
	unsigned long resident, shared_clean, shared_dirty, private_clean, private_dirty;
	unsigned long referenced, anonymous, lazyfree, anonymous_thp, shmem_thp, file_thp;
	unsigned long swap, shared_hugetlb, private_hugetlb, ksm;
	/* in bytes << PSS_SHIFT */
	unsigned long long pss, pss_anon, pss_file, pss_shmem, pss_dirty, pss_locked, swap_pss;
};

static bool page_test(const struct page *page, int flag)
{
	return page->flags & (1UL << flag);
}

/* smaps_page_accumulate: @size bytes (@pss of them) private or shared, clean or dirty. */
static void smaps_page_accumulate(struct mem_size_stats *mss, const struct page *page,
				  unsigned long size, unsigned long long pss, bool dirty,
				  bool locked, bool private)
{
	mss->pss += pss;
	if (PageAnon(page))
		mss->pss_anon += pss;
	else if (page_test(page, PG_swapbacked))
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (locked)
		mss->pss_locked += pss;
	if (dirty || page_test(page, PG_dirty)) {
		mss->pss_dirty += pss;
		if (private)
			mss->private_dirty += size;
		else
			mss->shared_dirty += size;
	} else if (private) {
		mss->private_clean += size;
	} else {
		mss->shared_clean += size;
	}
}

/*
 * smaps_account for one order-0 page mapped by a present PTE: Anonymous
 * and LazyFree (anon, !PG_swapbacked, clean in PTE and page), Rss,
 * Referenced (PTE young or PG_referenced); then a page with one
 * reference is wholly private, else its Pss is PAGE_SIZE / mapcount and
 * it is private only if mapped once (CONFIG_PAGE_MAPCOUNT).
 */
static void smaps_account(struct mem_size_stats *mss, const struct page *page, bool young,
			  bool dirty, bool locked)
{
	int mapcount = page->_mapcount + 1;
	unsigned long long pss = (unsigned long long)PAGE_SIZE << PSS_SHIFT;

	if (PageAnon(page)) {
		mss->anonymous += PAGE_SIZE;
		if (!page_test(page, PG_swapbacked) && !dirty && !page_test(page, PG_dirty))
			mss->lazyfree += PAGE_SIZE;
	}
	mss->resident += PAGE_SIZE;
	if (young || page_test(page, PG_referenced))
		mss->referenced += PAGE_SIZE;
	if (page->_refcount == 1) {
		smaps_page_accumulate(mss, page, PAGE_SIZE, pss, dirty, locked, true);
		return;
	}
	if (mapcount >= 2)
		pss /= (unsigned int)mapcount;
	smaps_page_accumulate(mss, page, PAGE_SIZE, pss, dirty, locked, mapcount < 2);
}

/* smaps_pte_entry: a present PTE with a normal page (not the zero page) counts. */
static void smaps_pte_entry(struct machine *m, struct mem_size_stats *mss,
			    const struct vm_area_struct *vma, pte_t pte)
{
	if (!pte_present(pte) || pte_special(pte) || !pfn_valid(m, pte_pfn(pte)))
		return;		/* no swap entries exist yet; special: vm_normal_page NULL */
	smaps_account(mss, pfn_to_page(m, pte_pfn(pte)), pte_young(pte), pte_dirty(pte),
		      vma->vm_flags & VM_LOCKED);
}

/*
 * smap_gather_stats: walk @vma's page tables (walk_page_vma with
 * smaps_walk_ops), skipping the span of every missing PTE table.
 */
static void smap_gather_stats(struct machine *m, const struct vm_area_struct *vma,
			      struct mem_size_stats *mss)
{
	unsigned long addr;

	if (!vma->vm_mm)			/* the gate VMA: no page tables */
		return;
	for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
		pte_t *pte = mm_find_pte(m, vma->vm_mm, addr);

		if (!pte) {
			addr = (addr & PMD_MASK) + PMD_SIZE - PAGE_SIZE;
			if (addr + PAGE_SIZE == 0)
				break;
			continue;
		}
		smaps_pte_entry(m, mss, vma, *pte);
	}
}

/* SEQ_PUT_DEC: "%8lu" of bytes in kB, after @key. */
static void seq_put_kb(struct seq_file *sf, const char *key, unsigned long long bytes, int width)
{
	seq_printf(sf, "%s%*llu kB\n", key, width, bytes >> 10);
}

/* __show_smap: the counts smaps and smaps_rollup share. */
static void show_smap_counts(struct seq_file *sf, const struct mem_size_stats *mss, bool rollup)
{
	seq_put_kb(sf, "Rss:            ", mss->resident, 8);
	seq_put_kb(sf, "Pss:            ", mss->pss >> PSS_SHIFT, 8);
	seq_put_kb(sf, "Pss_Dirty:      ", mss->pss_dirty >> PSS_SHIFT, 8);
	if (rollup) {
		seq_put_kb(sf, "Pss_Anon:       ", mss->pss_anon >> PSS_SHIFT, 8);
		seq_put_kb(sf, "Pss_File:       ", mss->pss_file >> PSS_SHIFT, 8);
		seq_put_kb(sf, "Pss_Shmem:      ", mss->pss_shmem >> PSS_SHIFT, 8);
	}
	seq_put_kb(sf, "Shared_Clean:   ", mss->shared_clean, 8);
	seq_put_kb(sf, "Shared_Dirty:   ", mss->shared_dirty, 8);
	seq_put_kb(sf, "Private_Clean:  ", mss->private_clean, 8);
	seq_put_kb(sf, "Private_Dirty:  ", mss->private_dirty, 8);
	seq_put_kb(sf, "Referenced:     ", mss->referenced, 8);
	seq_put_kb(sf, "Anonymous:      ", mss->anonymous, 8);
	seq_put_kb(sf, "KSM:            ", mss->ksm, 8);
	seq_put_kb(sf, "LazyFree:       ", mss->lazyfree, 8);
	seq_put_kb(sf, "AnonHugePages:  ", mss->anonymous_thp, 8);
	seq_put_kb(sf, "ShmemPmdMapped: ", mss->shmem_thp, 8);
	seq_put_kb(sf, "FilePmdMapped:  ", mss->file_thp, 8);
	seq_put_kb(sf, "Shared_Hugetlb: ", mss->shared_hugetlb, 8);
	seq_put_kb(sf, "Private_Hugetlb: ", mss->private_hugetlb, 7);
	seq_put_kb(sf, "Swap:           ", mss->swap, 8);
	seq_put_kb(sf, "SwapPss:        ", mss->swap_pss >> PSS_SHIFT, 8);
	seq_put_kb(sf, "Locked:         ", mss->pss_locked >> PSS_SHIFT, 8);
}

/* vma_is_anonymous: no file and no special-mapping ops. */
static bool vma_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file && !vma->vm_special_name;
}

/*
 * THPeligible: thp_vma_allowable_orders(vma, TVA_SMAPS | TVA_ENFORCE_SYSFS,
 * PMD order).  Not the gate (no mm), not VM_NOHUGEPAGE or VM_HUGETLB or
 * special mappings, only anonymous private memory (file THP needs
 * READ_ONLY_THP_FOR_FS and khugepaged; shmem's policy is "never"), the
 * sysfs policy allowing it, and an aligned 2 MiB range inside the VMA
 * (thp_vma_suitable_order at vm_end - 2M).
 */
static bool thp_eligible(const struct machine *m, const struct vm_area_struct *vma)
{
	unsigned long haddr;

	if (!vma->vm_mm || (vma->vm_flags & (VM_NOHUGEPAGE | VM_HUGETLB | VM_SPECIAL)))
		return false;
	if (!vma_anonymous(vma) || (vma->vm_flags & VM_MAYSHARE))
		return false;
	if (m->bp.thp == THP_NEVER || (m->bp.thp == THP_MADVISE && !(vma->vm_flags & VM_HUGEPAGE)))
		return false;
	if (vma->vm_end - vma->vm_start < HPAGE_PMD_SIZE)
		return false;
	haddr = (vma->vm_end - HPAGE_PMD_SIZE) & ~(HPAGE_PMD_SIZE - 1);
	return haddr >= vma->vm_start && haddr + HPAGE_PMD_SIZE <= vma->vm_end;
}

/*
 * show_smap_vma_flags's names by VM_* bit (x86-64 6.18 without
 * CONFIG_MEM_SOFT_DIRTY: bit 27 has none); "??" for a bit Linux does not
 * name, "" for the pkey bits (shown as ProtectionKey).
 */
static const char *const vm_flag_names[64] = {
	[0] = "rd", [1] = "wr", [2] = "ex", [3] = "sh", [4] = "mr", [5] = "mw", [6] = "me",
	[7] = "ms", [8] = "gd", [9] = "um", [10] = "pf", [11] = "??", [12] = "uw",
	[13] = "lo", [14] = "io", [15] = "sr", [16] = "rr", [17] = "dc", [18] = "de",
	[19] = "lf", [20] = "ac", [21] = "nr", [22] = "ht", [23] = "sf", [24] = "ar",
	[25] = "wf", [26] = "dd", [27] = "", [28] = "mm", [29] = "hg", [30] = "nh",
	[31] = "mg", [32] = "", [33] = "", [34] = "", [35] = "", [37] = "ss",
	[40] = "dp", [41] = "ui", [42] = "sl",
};

static void show_smap_vma_flags(struct seq_file *sf, const struct vm_area_struct *vma)
{
	seq_puts(sf, "VmFlags: ");
	for (int i = 0; i < 64; i++) {
		const char *name = vm_flag_names[i] ? vm_flag_names[i] : "??";

		if (name[0] && (vma->vm_flags & (1UL << i)))
			seq_printf(sf, "%s ", name);
	}
	seq_putc(sf, '\n');
}

static void show_smap(struct seq_file *sf, const struct mm_struct *mm,
		      const struct vm_area_struct *vma)
{
	struct mem_size_stats mss = { 0 };

	smap_gather_stats(sf->machine, vma, &mss);
	show_map_vma(sf, mm, vma);
	seq_put_kb(sf, "Size:           ", vma->vm_end - vma->vm_start, 8);
	seq_put_kb(sf, "KernelPageSize: ", PAGE_SIZE, 8);	/* vma_kernel_pagesize */
	seq_put_kb(sf, "MMUPageSize:    ", PAGE_SIZE, 8);	/* vma_mmu_pagesize */
	show_smap_counts(sf, &mss, false);
	seq_printf(sf, "THPeligible:    %8u\n", thp_eligible(sf->machine, vma) ? 1u : 0u);
	show_smap_vma_flags(sf, vma);
}

static int proc_pid_smaps_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;

	if (!tsk->mm)
		return 0;
	for (const struct vm_area_struct *vma = tsk->mm->mmap; vma; vma = vma->vm_next)
		show_smap(sf, tsk->mm, vma);
	show_smap(sf, NULL, &gate_vma);
	return 0;
}

const struct kernfs_ops proc_pid_smaps_operations = { .show = proc_pid_smaps_show };

/* show_smaps_rollup: every VMA of the mm (not the gate) summed. */
static int proc_pid_smaps_rollup_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;
	const struct vm_area_struct *vma = tsk->mm ? tsk->mm->mmap : NULL;
	unsigned long vma_start = vma ? vma->vm_start : 0, last_vma_end = 0;
	struct mem_size_stats mss = { 0 };
	size_t col;

	if (!tsk->mm)					/* Linux: -ESRCH */
		return -ESRCH;
	for (; vma; vma = vma->vm_next) {
		smap_gather_stats(sf->machine, vma, &mss);
		last_vma_end = vma->vm_end;
	}
	col = show_vma_header_prefix(sf, vma_start, last_vma_end, 0, 0, 0, 0);
	show_name(sf, col, "[rollup]");
	show_smap_counts(sf, &mss, true);
	return 0;
}

const struct kernfs_ops proc_pid_smaps_rollup_operations = { .show = proc_pid_smaps_rollup_show };

/*
 * /proc/PID/statm (task_statm): size resident shared text lib data dt in
 * pages - total_vm; resident is get_mm_rss, shared the file and shmem
 * RSS counters; text from start_code/end_code (0: no executable
 * image yet); lib and dt are always 0 on Linux 2.6+; data is data_vm +
 * stack_vm.
 */
static int proc_pid_statm_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;
	const struct mm_struct *mm = tsk->mm;
	unsigned long text;

	if (!mm) {			/* a zombie: all zeros */
		seq_puts(sf, "0 0 0 0 0 0 0\n");
		return 0;
	}
	text = (ALIGN(mm->end_code, PAGE_SIZE) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;

	seq_printf(sf, "%lu %lu %lu %lu 0 %lu 0\n", mm->total_vm, get_mm_rss(mm),
		   (unsigned long)(get_mm_counter(mm, MM_FILEPAGES) +
				   get_mm_counter(mm, MM_SHMEMPAGES)), text,
		   mm->data_vm + mm->stack_vm);
	return 0;
}

const struct kernfs_ops proc_pid_statm_operations = { .show = proc_pid_statm_show };
