/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The memory manager's internal interfaces between mm/ files (Linux
 * spreads these over include/linux/mm.h and mm/internal.h).
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <errno.h>
#include "linux/gfp.h"
#include "linux/machine.h"

/* ---- mm/mm_init.c: boot-time setup of nodes, zones and the memmap ---- */

/*
 * mm_core_init_early - the memmap and node/zone geometry (ZONE_MOVABLE from
 * movablecore/kernelcore), every pageblock MOVABLE, logged as Linux's
 * free_area_init logs it.  Needs setup_arch done.  Returns 0 or -ENOMEM.
 */
int mm_core_init_early(struct machine *m);

/*
 * mm_core_init - the boot hash tables, pcp lists, zonelists, swiotlb, then
 * memblock_free_all (the buddy takes over), the "Memory:" line,
 * min_free_kbytes, watermarks, lowmem_reserve, the init sections freed and
 * khugepaged's min_free_kbytes raise when THP is not "never".  Returns 0.
 */
int mm_core_init(struct machine *m);

/* mm_core_release - free the memmap, the frames and the node structures. */
void mm_core_release(struct machine *m);

/* ---- mm/page_alloc.c: the buddy allocator ---- */

/*
 * __free_pages_core - hand a boot-time block of 2^order pages (naturally
 * aligned, inside one zone, none reserved) to the buddy, straight to the
 * free lists (no pcp), as memblock_free_all and free_initmem do.  Like
 * Linux's, it adds the pages to zone->managed_pages and m->totalram_pages;
 * the caller does not.
 */
void __free_pages_core(struct machine *m, struct page *page, unsigned int order);

/*
 * __free_pages_checked - __free_pages that reports: 0 when the reference
 * was dropped (and the block freed if it was the last), -EINVAL when @page
 * is not the first page of an allocation of @order (then "BUG: Bad page
 * state" is logged and nothing changes).
 */
int __free_pages_checked(struct machine *m, struct page *page, unsigned int order);

/* Migratetype of the pageblock holding @pfn (inside a zone span). */
int get_pageblock_migratetype(const struct machine *m, unsigned long pfn);
/* Set the migratetype of the pageblock holding @pfn; @mt < MIGRATE_TYPES. */
void set_pageblock_migratetype(struct machine *m, unsigned long pfn, int mt);

/*
 * zone_watermark_ok - would @z have more than @mark free pages (plus
 * lowmem_reserve[@highest_zoneidx]) after taking 2^order, and a free block
 * of at least @order usable under @alloc_flags?  Linux's __zone_watermark_ok.
 */
bool zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);

/* ALLOC_* flags (mm/internal.h) */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM		0x08
#define ALLOC_NON_BLOCK		0x10
#define ALLOC_MIN_RESERVE	0x20
#define ALLOC_CPUSET		0x40
#define ALLOC_CMA		0x80
#define ALLOC_NOFRAGMENT	0x100
#define ALLOC_HIGHATOMIC	0x200
#define ALLOC_TRYLOCK		0x400
#define ALLOC_KSWAPD		0x800
/* Flags that allow dipping below the min watermark or into HIGHATOMIC. */
#define ALLOC_RESERVES		(ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE | ALLOC_HIGHATOMIC | ALLOC_OOM)

/* ---- mm/page_pcp.c: per-CPU page lists ---- */

/* Size high/batch of every zone's pcp lists (zone_pcp_update). */
void setup_pcp_sizes(struct machine *m);
/* Return every page on @cpu's lists of @z to the buddy (-1: all CPUs). */
void drain_zone_pages(struct machine *m, struct zone *z, int cpu);
/* Drain every zone on every CPU (drain_all_pages(NULL)). */
void drain_all_pages(struct machine *m);
/*
 * decay_pcp_high - the vmstat worker's periodic step for one pcp: lower
 * pcp->high by 1/8 towards high_min and free what is above it.  Returns
 * non-zero while there is more to do (Linux's refresh_cpu_vm_stats loop).
 */
int decay_pcp_high(struct machine *m, struct zone *z, struct per_cpu_pages *pcp);
/*
 * zone_pcp_disable - set every pcp of @z to high 0, batch 1 and drain it:
 * from now on every allocation and free goes to the buddy lists (memory
 * offlining does this).  zone_pcp_enable restores the computed sizes.
 */
void zone_pcp_disable(struct machine *m, struct zone *z);
void zone_pcp_enable(struct machine *m, struct zone *z);

/* ---- mm/page_wmark.c: min_free_kbytes, watermarks, lowmem_reserve ---- */

/* calculate_min_free_kbytes: Linux's sqrt formula, clamped. */
void calculate_min_free_kbytes(struct machine *m);
/* set_recommended_min_free_kbytes: khugepaged's raise when THP is on. */
void set_recommended_min_free_kbytes(struct machine *m);
/* __setup_per_zone_wmarks + calculate_totalreserve_pages. */
void setup_per_zone_wmarks(struct machine *m);
/* setup_per_zone_lowmem_reserve + calculate_totalreserve_pages. */
void setup_per_zone_lowmem_reserve(struct machine *m);
/* nr_free_buffer_pages: managed minus high watermark, zones <= NORMAL. */
unsigned long nr_free_buffer_pages(const struct machine *m);

/* ---- mm/zonelist.c ---- */

/* build_all_zonelists: fallback order by node distance, then zone. */
void build_all_zonelists(struct machine *m);

/* ---- mm/vmscan.c hook (the reclaim issue fills it in) ---- */

/*
 * wakeup_kswapd - the point where Linux wakes kswapd for @z's node.  Today
 * it only records the wakeup (pgdat->kswapd_wakeups); reclaim lands with
 * the reclaim issue.
 */
void wakeup_kswapd(struct machine *m, struct zone *z, gfp_t gfp, int order,
		   int highest_zoneidx);

/* ---- mm/show_mem.c ---- */

/* show_mem: the Mem-Info dump of every zone, to the log (__show_mem(m, MAX_NR_ZONES - 1)). */
void show_mem(struct machine *m);
/* __show_mem: the Mem-Info dump limited to zones <= @max_zone_idx, to the log. */
void __show_mem(struct machine *m, int max_zone_idx);
/*
 * si_mem_available - MemAvailable in pages: free pages less totalreserve,
 * plus the part of the page cache and reclaimable kernel memory above the
 * low watermarks (never negative).
 */
long si_mem_available(const struct machine *m);
/*
 * warn_alloc - log "COMM: page allocation failure: order:N, mode:0x..(..),
 * nodemask=(null)" with the Mem-Info dump, unless __GFP_NOWARN.
 */
void warn_alloc(struct machine *m, gfp_t gfp, unsigned int order);
/*
 * warn_alloc_msg - Linux's warn_alloc(gfp, NULL, fmt, ...) for any
 * allocator: "COMM: MSG, mode:0x..(..), nodemask=(null),cpuset=/,
 * mems_allowed=..", a stack dump through dump_stack_lvl, warn_alloc and
 * @frames (innermost first), and the Mem-Info dump up to gfp_zone(@gfp).
 * Nothing with __GFP_NOWARN.  vmalloc's failure reports use it.
 */
void warn_alloc_msg(struct machine *m, gfp_t gfp, const char *const *frames,
		    size_t nr_frames, const char *fmt, ...) __printf(5, 6);

/*
 * dump_stack_frames - the task line ("CPU: N UID: 0 PID: N Comm: X Not
 * tainted ...") and a Call Trace of @frames (innermost first, printed as
 * "NAME+0x0/0x0"), as dump_stack() and WARN() print them, to the log.
 */
void dump_stack_frames(struct machine *m, const char *const *frames, size_t nr_frames);

/* ---- validators (mm/debug_page_alloc.c) ---- */

/*
 * validate_page_alloc - check free lists against page flags and orders,
 * per-zone free counts against counters, pcp counts against their lists.
 * Returns 0, or -EUCLEAN with the first problem written to @err.
 */
int validate_page_alloc(struct machine *m, char *err, size_t errlen);


/* ---- VMA flags (vm_area_struct.vm_flags), Linux 6.18's values ---- */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL	/* currently active flags */
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL	/* limits for mprotect() etc. */
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL	/* general info on the segment */
#define VM_UFFD_MISSING	0x00000200UL	/* missing pages tracking */
#define VM_PFNMAP	0x00000400UL	/* page-ranges managed without struct page */
#define VM_UFFD_WP	0x00001000UL	/* wrprotect pages tracking */
#define VM_LOCKED	0x00002000UL
#define VM_IO		0x00004000UL	/* memory mapped I/O or similar */
#define VM_SEQ_READ	0x00008000UL	/* app will access data sequentially */
#define VM_RAND_READ	0x00010000UL	/* app will not benefit from clustered reads */
#define VM_DONTCOPY	0x00020000UL	/* do not copy this vma on fork */
#define VM_DONTEXPAND	0x00040000UL	/* cannot expand with mremap() */
#define VM_LOCKONFAULT	0x00080000UL	/* lock pages covered when faulted in */
#define VM_ACCOUNT	0x00100000UL	/* is a VM accounted object */
#define VM_NORESERVE	0x00200000UL	/* should the VM suppress accounting */
#define VM_HUGETLB	0x00400000UL	/* huge TLB page VM */
#define VM_SYNC		0x00800000UL	/* synchronous page faults */
#define VM_ARCH_1	0x01000000UL	/* architecture-specific flag (x86: VM_PAT) */
#define VM_WIPEONFORK	0x02000000UL	/* wipe VMA contents in child */
#define VM_DONTDUMP	0x04000000UL	/* do not include in the core dump */
#define VM_SOFTDIRTY	0x08000000UL	/* not soft dirty clean area (CONFIG_MEM_SOFT_DIRTY) */
#define VM_MIXEDMAP	0x10000000UL	/* can contain struct page and pure PFN pages */
#define VM_HUGEPAGE	0x20000000UL	/* MADV_HUGEPAGE marked this vma */
#define VM_NOHUGEPAGE	0x40000000UL	/* MADV_NOHUGEPAGE marked this vma */
#define VM_MERGEABLE	0x80000000UL	/* KSM may merge identical pages */
#define VM_PAT		VM_ARCH_1
#define VM_GROWSUP	VM_NONE		/* x86 has no upward-growing stacks */
#define VM_SHADOW_STACK	VM_NONE		/* no CONFIG_X86_USER_SHADOW_STACK */
#define VM_STACK	VM_GROWSDOWN
#define VM_STACK_INCOMPLETE_SETUP	(VM_RAND_READ | VM_SEQ_READ)
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)
/* Mappings that never merge (nor grow with mremap). */
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
/* Differences merging ignores. */
#define VM_IGNORE_MERGE	VM_SOFTDIRTY
/* Flags whose VMA has a guard gap before it (vm_start_gap). */
#define VM_STARTGAP_FLAGS	(VM_GROWSDOWN | VM_SHADOW_STACK)
/* The flags mlock sets and munlock clears (mm/mlock.c). */
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)
/* MAP_DROPPABLE's flag (a high bit in Linux); mmsim refuses MAP_DROPPABLE. */
#define VM_DROPPABLE	VM_NONE

/* ---- mm/madvise.c, mm/mlock.c, mm/msync.c, mm/mincore.c ---- */

struct mm_struct;

/*
 * do_madvise - madvise(2) on @mm (mm/madvise.c): the advice's checks and
 * the walk over the VMAs of [@start, @start + @len), flag advice changing
 * the VMAs (split and merged as mprotect does).  Returns 0, or -EINVAL
 * (unknown or unmodelled advice, unaligned start, a length that rounds
 * to 0 or wraps, advice a VMA refuses), -ENOMEM (part of the range is
 * not mapped: the mapped parts took the advice), -EAGAIN (a split at
 * vm.max_map_count).
 */
int do_madvise(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
	       int behavior);

/*
 * can_do_mlock - may the current task lock memory at all?  Its
 * RLIMIT_MEMLOCK is not 0, or it has CAP_IPC_LOCK.
 * mlock_future_ok - may @mm lock @bytes more when @vm_flags has VM_LOCKED
 * (always without VM_LOCKED or with CAP_IPC_LOCK): locked_vm plus them
 * within RLIMIT_MEMLOCK.  Linux keeps it in mm/mmap.c; here mm/mlock.c.
 */
bool can_do_mlock(struct machine *m);
bool mlock_future_ok(struct machine *m, const struct mm_struct *mm, unsigned long vm_flags,
		     unsigned long bytes);

/*
 * The mlock family on @mm as the current task (mm/mlock.c), Linux 6.18's
 * checks and errno: do_mlock (mlock and mlock2 with @vm_flags VM_LOCKED
 * or VM_LOCKED|VM_LOCKONFAULT): -EPERM (can_do_mlock), -ENOMEM (past
 * RLIMIT_MEMLOCK without CAP_IPC_LOCK; a hole - the VMAs before it stay
 * locked; a PROT_NONE VMA, which stays locked, as __mm_populate's
 * fault fails), -EINVAL (a wrapping range), -EAGAIN (the populate ran
 * out of memory; the lock stays).  The range is faulted in (mm/gup.c).
 * sys_mlock2 adds -EINVAL for flags other than MLOCK_ONFAULT.
 * sys_munlock: -ENOMEM for a hole.  sys_mlockall: -EINVAL (no flags,
 * unknown ones, MCL_ONFAULT alone), -EPERM, -ENOMEM (MCL_CURRENT with
 * total_vm past the limit); sets mm->def_flags for MCL_FUTURE.
 * sys_munlockall: clears every VMA's lock and def_flags' lock bits.
 * mm->locked_vm follows (VmLck).
 */
int do_mlock(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
	     unsigned long vm_flags);
int sys_mlock2(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
	       int flags);
int sys_munlock(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len);
int sys_mlockall(struct machine *m, struct mm_struct *mm, int flags);
int sys_munlockall(struct machine *m, struct mm_struct *mm);

/*
 * validate_mlock - @mm's locked_vm equals the pages of its VM_LOCKED
 * VMAs and no VMA has VM_LOCKONFAULT without VM_LOCKED.  0, or -EUCLEAN
 * with the problem in @err.
 */
int validate_mlock(const struct mm_struct *mm, char *err, size_t errlen);

/*
 * sys_msync - msync(2) on @mm (mm/msync.c): 0, -EINVAL (unknown flags,
 * MS_ASYNC with MS_SYNC, unaligned start), -ENOMEM (a hole or a wrapping
 * range), -EBUSY (MS_INVALIDATE over a VM_LOCKED VMA).  No writeback yet.
 */
int sys_msync(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
	      int flags);

/*
 * do_mincore_range - mincore(2) on @mm (mm/mincore.c): fills @vec (one
 * byte per page of [@start, @start + @len)) up to the first hole and
 * returns 0, -EINVAL (unaligned start), -ENOMEM (beyond TASK_SIZE, or a
 * hole: the bytes before it are filled).  No page is resident before
 * paging: every byte is 0, but 1 for a special mapping ([vvar], [vdso]),
 * as Linux's can_do_mincore refuses them.
 */
int do_mincore_range(struct machine *m, struct mm_struct *mm, unsigned long start, size_t len,
		     unsigned char *vec);

/*
 * check_data_rlimit - brk's RLIMIT_DATA test: the heap up to @new plus
 * the data segment [@start_data, @end_data) within @rlim.  0 or -ENOSPC
 * (brk then keeps the old break).
 */
static inline int check_data_rlimit(unsigned long rlim, unsigned long new, unsigned long start,
				    unsigned long end_data, unsigned long start_data)
{
	if (rlim < ~0UL && (new - start) + (end_data - start_data) > rlim)
		return -ENOSPC;
	return 0;
}

/* ---- mm/gup.c: faulting a range in from the kernel ---- */

/*
 * populate_vma_page_range - fault in [@start, @end) of @vma (inside it,
 * page aligned) as mlock and MAP_POPULATE do: for write when the VMA is
 * private and writable, else for read; nothing for VM_LOCKONFAULT.
 * Returns the pages done, or -EFAULT (PROT_NONE, VM_IO, a SIGBUS) /
 * -ENOMEM (out of memory) when the first page failed.
 * __mm_populate - populate_vma_page_range over every VMA of [@start,
 * @start + @len), holes and VM_IO/VM_PFNMAP VMAs skipped; with
 * @ignore_errors a failing VMA is left and the next one tried, else its
 * error is returned (mlock: -EFAULT, -ENOMEM).  mm_populate ignores errors.
 * faultin_page_range - MADV_POPULATE_READ/WRITE on the VMA at @start:
 * the pages done up to @end or that VMA's end, or -ENOMEM (no VMA at
 * @start), -EINVAL (VM_IO/VM_PFNMAP or no permission), -EFAULT (SIGBUS).
 * vm_mmap_populate - after a successful mmap of [@addr, @addr + @len)
 * with MAP_* @flags: mm_populate when the mapping is locked (MAP_LOCKED
 * or mlockall's MCL_FUTURE) or has MAP_POPULATE without MAP_NONBLOCK.
 * Faults count in the current task's min_flt and in PGFAULT.
 */
long populate_vma_page_range(struct machine *m, struct vm_area_struct *vma, unsigned long start,
			     unsigned long end);
int __mm_populate(struct machine *m, struct mm_struct *mm, unsigned long start,
		  unsigned long len, bool ignore_errors);
static inline void mm_populate(struct machine *m, struct mm_struct *mm, unsigned long start,
			       unsigned long len)
{
	(void)__mm_populate(m, mm, start, len, true);
}
long faultin_page_range(struct machine *m, struct mm_struct *mm, unsigned long start,
			unsigned long end, bool write);
void vm_mmap_populate(struct machine *m, struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long flags);

#endif
