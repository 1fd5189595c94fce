/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An address space and its areas: struct mm_struct and struct
 * vm_area_struct (Linux's include/linux/mm_types.h), the x86-64 user
 * address-space limits (TASK_SIZE, mmap_min_addr, stack_guard_gap) and
 * vm_unmapped_area's request (struct vm_unmapped_area_info).
 *
 * Both structures live in simulated RAM: an mm_struct is an object of
 * m->mm_cachep (1568 bytes), a VMA one of m->vm_area_cachep (192 bytes),
 * allocated with kmem_cache_alloc (mm/mmap.c mm_alloc, mm/vma.c
 * vm_area_alloc), so Slab: and /proc/slabinfo count them as on Linux.
 *
 * The VMA tree: Linux 6.x keeps VMAs in a maple tree.  mmsim uses the
 * structure Linux used before it (4.x-6.0): an augmented red-black tree
 * (lib/rbtree.c) keyed by vm_start, each node also holding
 * rb_subtree_gap, the largest free gap below any VMA of its subtree, plus
 * the sorted vm_prev/vm_next list.  The gap search (vm_unmapped_area)
 * finds the same addresses as the maple tree's mas_empty_area(_rev):
 * both return the lowest (highest) fitting gap.  docs/divergences.md.
 *
 * Wired to the script language by the process issue (spawn, mmap...).
 */
#ifndef _LINUX_MM_STRUCT_H
#define _LINUX_MM_STRUCT_H

#include "linux/list.h"
#include "linux/rbtree.h"
#include "linux/types.h"
#include "asm/pgtable_types.h"

struct anon_vma;	/* the reverse map's (mm/rmap.c); opaque here */
struct file;		/* the filesystem's; opaque until it exists */

/* x86-64 with 4-level paging: TASK_SIZE_MAX = (1 << 47) - PAGE_SIZE. */
#define TASK_SIZE		0x7ffffffff000UL
#define DEFAULT_MAP_WINDOW	TASK_SIZE
/* With 5-level paging (la57) TASK_SIZE_MAX is (1 << 56) - PAGE_SIZE: mm->task_size. */
#define TASK_SIZE_L5		((1UL << 56) - 4096)
/* vm.mmap_min_addr's default (CONFIG_DEFAULT_MMAP_MIN_ADDR on x86: 4096). */
#define MMAP_MIN_ADDR		4096UL
/* stack_guard_gap: 256 pages unless stack_guard_gap= says otherwise. */
#define STACK_GUARD_GAP_DEFAULT	(256UL << PAGE_SHIFT)

/* The argument bytes an mm keeps for /proc/PID/cmdline (longer ones cut). */
#define MM_ARGS_MAX		256

/* One virtual memory area: [vm_start, vm_end) of one mm. */
struct vm_area_struct {
	/* mm/vma.c: the range, and the links it sorts by */
	unsigned long vm_start;		/* first address */
	unsigned long vm_end;		/* first address after */
	struct vm_area_struct *vm_next, *vm_prev;	/* sorted list, NULL-ended */
	struct rb_node vm_rb;		/* in mm->mm_rb, keyed by vm_start */
	unsigned long rb_subtree_gap;	/* largest free gap before any VMA of
					 * this subtree (vm_start_gap minus the
					 * previous VMA's vm_end_gap) */
	/* who owns it and what it allows */
	struct mm_struct *vm_mm;	/* the address space */
	pgprot_t vm_page_prot;		/* PTE protection (vm_get_page_prot) */
	unsigned long vm_flags;		/* VM_* (include/linux/mm.h) */
	/* what backs it */
	unsigned long vm_pgoff;		/* offset in vm_file, pages; for private
					 * anonymous VMAs vm_start >> PAGE_SHIFT */
	struct file *vm_file;		/* NULL: anonymous; else a reference
					 * this VMA holds (get_file/fput) */
	struct anon_vma *anon_vma;	/* the rmap's; NULL until first fault */
	struct list_head anon_vma_chain;	/* mm/rmap.c: its anon_vma_chains
					 * (same_vma), newest first */
	const char *vm_special_name;	/* a special mapping's name ("[vdso]",
					 * "[vvar]": Linux's vm_ops->name of
					 * _install_special_mapping), or NULL */
	/* mm/interval_tree.c: the node in vm_file's i_mmap (vma_link) */
	struct {
		struct rb_node rb;		/* RB_EMPTY_NODE while not in i_mmap */
		unsigned long rb_subtree_last;	/* largest last pgoff in the subtree */
	} shared;
};

/* The RSS counters of an mm (Linux's NR_MM_COUNTERS, mm_types.h). */
enum {
	MM_FILEPAGES,		/* file-backed pages (RssFile) */
	MM_ANONPAGES,		/* anonymous pages (RssAnon) */
	MM_SWAPENTS,		/* swap entries (VmSwap) */
	MM_SHMEMPAGES,		/* shmem pages (RssShmem) */
	NR_MM_COUNTERS
};

/*
 * validate_user_pgtables' memo of one mm (mm/memory.c): the tables a walk
 * of its PGD/P4D/PUD/PMD entries claimed, in claim order.  Every writer of
 * those entries (mm/memory.c's table alloc and free, mm/mremap.c's
 * move_normal_pmd/pud, pgd_free) bumps gen; while gen and the PGD are the
 * ones the walk saw, the next validation re-claims these tables instead
 * of reading every entry.
 */
#define PGT_MEMO_TABLES	40
struct pgt_memo {
	u64 gen;			/* bumped by every write of a user upper-level entry */
	u64 checked;			/* gen + 1 when the walk passed; 0: no memo */
	const void *pgd;		/* the PGD that walk started from */
	long bytes;			/* pgtables_bytes the walk found */
	unsigned int nr;		/* tables claimed (PGD first) */
	u32 pfn[PGT_MEMO_TABLES];	/* each table's pfn */
	unsigned long addr[PGT_MEMO_TABLES];	/* address it maps | its level (0-5) */
};

/* One address space. */
struct mm_struct {
	/* mm/vma.c: the VMAs */
	struct rb_root mm_rb;		/* tree of VMAs by vm_start */
	struct vm_area_struct *mmap;	/* lowest VMA (list head) */
	int map_count;			/* number of VMAs */
	unsigned long highest_vm_end;	/* vm_end of the highest VMA, or 0 */
	unsigned long stack_guard_gap;	/* Linux's global stack_guard_gap, here
					 * per mm (set by mm_alloc) */
	/* mm/mmap.c and arch/x86/mm/mmap.c: the layout */
	unsigned long mmap_base;	/* top of the top-down mmap area */
	unsigned long mmap_legacy_base;	/* bottom of the bottom-up area */
	unsigned long task_size;	/* TASK_SIZE */
	bool mmap_topdown;		/* Linux's MMF_TOPDOWN */
	/* mm/mmap.c: counters in pages (vm_stat_account, mlock) */
	unsigned long total_vm;		/* every VMA */
	unsigned long hiwater_vm;	/* total_vm's high-water mark, raised
					 * before every decrease (Linux's
					 * update_hiwater_vm); VmPeak */
	unsigned long locked_vm;	/* VM_LOCKED */
	unsigned long locked_vm_dontunmap;	/* mm/mremap.c: pages locked_vm still counts
					 * after MREMAP_DONTUNMAP unlocked their VMA
					 * (Linux 6.18 never gives them back) */
	unsigned long data_vm;		/* VM_WRITE & ~VM_SHARED & ~VM_STACK */
	unsigned long exec_vm;		/* VM_EXEC & ~VM_WRITE & ~VM_STACK */
	unsigned long stack_vm;		/* VM_STACK */
	unsigned long def_flags;	/* VM_* added to every new VMA */
	/* exec and brk (the process issue) */
	struct file *exe_file;		/* what exec ran: a reference and a write
					 * denial (fs/exe_file.c), or NULL */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	/* kernel/fork.c: lifetime */
	int mm_users;			/* tasks using it; exit_mmap at 0 */
	int mm_count;			/* references to the struct; freed at 0 */
	/* the paging issue */
	void *pgd;			/* top page table (pgd_alloc in mm_alloc):
					 * a host pointer into its frame */
	long pgtables_bytes;		/* mm/memory.c: bytes of PUD, PMD and PTE
					 * tables (not the PGD), as Linux's
					 * mm_inc_nr_puds/pmds/ptes count; VmPTE */
	/* mm/memory_fault.c: resident pages (Linux's percpu rss_stat) */
	long rss_stat[NR_MM_COUNTERS];	/* pages per MM_* counter */
	unsigned long hiwater_rss;	/* RSS high-water mark, raised before
					 * every zap (update_hiwater_rss); VmHWM */
	/* fs/exec.c: the bytes of [arg_start, arg_end) (the argv strings
	 * on the stack, which Linux's /proc/PID/cmdline reads from the
	 * stack's pages; kept here until paging gives the stack pages) */
	char arg_bytes[MM_ARGS_MAX];
	unsigned int arg_len;		/* bytes of arg_bytes used, NULs included */
	/* arch/x86/mm/tlb.c: Linux's mm->context.ctx_id and tlb_gen */
	u64 tlb_ctx_id;			/* unique, never reused; 0 until first switch_mm */
	u64 tlb_gen;			/* bumped by every flush_tlb_mm_range */
	u64 tlb_cpumask[4];		/* mm_cpumask: CPUs that loaded it since the
					 * last trim (bit per CPU, NR_CPUS 256); set
					 * at switch_mm, cleared lazily by flushes */
	u64 next_trim_cpumask;		/* clock_ns after which a shootdown also
					 * trims the mask (Linux: jiffies + HZ) */
	u8 *l5_ram;			/* 5-level paging: the machine's RAM, so
					 * pgd_offset can follow a PML5 entry to
					 * its P4D table; NULL with 4 levels */
	struct pgt_memo pgt_memo;	/* mm/memory.c: validate_user_pgtables' memo */
};

/* vm_unmapped_area's request (Linux's struct vm_unmapped_area_info). */
#define VM_UNMAPPED_AREA_TOPDOWN	1
struct vm_unmapped_area_info {
	unsigned long flags;		/* VM_UNMAPPED_AREA_TOPDOWN or 0 */
	unsigned long length;		/* bytes, page aligned */
	unsigned long low_limit;	/* the area starts at or above */
	unsigned long high_limit;	/* the area ends at or below */
	unsigned long align_mask;	/* start & align_mask == align_offset */
	unsigned long align_offset;
	unsigned long start_gap;	/* extra room before (shadow stacks); 0 */
};

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

#endif
