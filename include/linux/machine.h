/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct machine: everything one simulated computer is.  Linux keeps these
 * as globals (node_data[], totalram_pages, vm_event_states, the printk
 * buffer ...); mmsim hangs them off one struct so that two machines can run
 * side by side in one process.  Nothing in mmsim is a mutable global.
 *
 * Who owns what:
 *   kernel/params.c       bp, cmdline (set once at boot)
 *   arch/x86/kernel/...   e820, ram, max_pfn, cpu/node topology
 *   mm/memblock.c         memblock (boot only)
 *   mm/mm_init.c          node_data geometry, mem_map, totalram_pages
 *   mm/page_*.c           zones' free lists, pcp, watermarks, vm_events
 *   kernel/sysctl.c       vm (the /proc/sys/vm values)
 *   mm/slab_common.c,
 *   mm/slub*.c            slab_caches, kmalloc_caches, slub_debug ...
 *   kernel/fork.c         tasks, init_task, idle_tasks, *_cachep of the
 *                         kernel's own objects (with pid.c, cred.c, rmap.c,
 *                         vma_init.c, fs/{dcache,inode,file_table}.c)
 *   kernel/kactor.c       kactor
 *   kernel/printk.c       log
 *   kernel/time.c         clock_ns
 *   fs/kernfs.c           kernfs (the pseudo-file tree)
 */
#ifndef _LINUX_MACHINE_H
#define _LINUX_MACHINE_H

#include "linux/mmzone.h"
#include "linux/memblock.h"
#include "linux/printk.h"
#include "linux/kernfs.h"
#include "linux/sysctl.h"
#include "linux/prandom.h"
#include "linux/slab.h"
#include "asm/e820.h"
#include "linux/vmalloc.h"
#include "asm/tlbflush.h"
#include "linux/pagevec.h"

#define COMMAND_LINE_SIZE	2048

enum thp_mode { THP_ALWAYS, THP_MADVISE, THP_NEVER };

struct memmap_census;

/*
 * validate_kernel_pgtables' memo (arch/x86/mm/pgtable.c): the kernel's
 * PGD/PUD/PMD entries are written only by pgtable.c, which bumps gen on
 * each write; a walk that passed records gen and the table pages it found
 * (at most KPGT_MEMO_TABLES, else nothing is kept and every call walks).
 */
#define KPGT_MEMO_TABLES	512
struct kpgt_memo {
	u64 gen;			/* bumped by every kernel PGD/PUD/PMD entry write */
	u64 checked;			/* gen + 1 when the last walk passed; 0: no memo */
	unsigned int nr;		/* table pages below swapper_pg_dir (PUD, PMD, PTE) */
	u32 pfn[KPGT_MEMO_TABLES];	/* each one's pfn */
	u8 level[KPGT_MEMO_TABLES];	/* 0 PUD, 1 PMD, 2 PTE (for messages) */
	unsigned long addr[KPGT_MEMO_TABLES];	/* the address its entry maps (messages) */
};

/* What the kernel command line asked for (kernel/params.c). */
struct boot_params {
	u64 mem_bytes;		/* mem=: installed RAM (default 2G) */
	int nr_cpus;		/* nr_cpus= / maxcpus= (default 2) */
	int numa_fake;		/* numa=fake=N (0: one node) */
	u64 movablecore;	/* movablecore= bytes (0: none) */
	int movablecore_pct;	/* movablecore=N% (0: none) */
	u64 kernelcore;		/* kernelcore= bytes (0: none) */
	int kernelcore_pct;	/* kernelcore=N% */
	enum thp_mode thp;	/* transparent_hugepage= (default madvise) */
	u64 seed;		/* mmsim.seed= */
	u64 disk_size;		/* mmsim.disk_size=: the simulated disk's bytes (default 64G) */
	int slub_min_order;	/* slab_min_order= / slub_min_order= (default 0) */
	int slub_max_order;	/* slab_max_order= / slub_max_order= (default 3) */
	int slub_min_objects;	/* slab_min_objects= / slub_min_objects= (0: auto) */
	bool slab_nomerge;	/* slab_nomerge / slub_nomerge (slab_merge undoes) */
	char slub_debug[256];	/* slab_debug= / slub_debug= text; "" = not given */
	bool slub_debug_given;	/* slub_debug appeared (even with no value) */
	bool ignore_rlimit_data;	/* ignore_rlimit_data: RLIMIT_DATA only warns */
	struct tlb_config tlb;		/* mmsim.tlb=: per-CPU TLB geometry (asm/tlbflush.h) */
	bool debug_tlbflush;	/* mmsim.debug_tlbflush=1: vmstat's nr_tlb_* (CONFIG_DEBUG_TLBFLUSH) */
	bool la57;		/* mmsim.la57=1: the CPU model has LA57 (5-level paging) */
	bool no5lvl;		/* no5lvl: do not use 5-level paging */
	bool slub_sheaves;	/* mmsim.slub_sheaves=1: Linux 7.0's per-CPU sheaves (mm/slub_sheaf.c) */
	bool verify;			/* mmsim.verify=: reads verified from boot (kernel/access_verify.c) */
	char unknown[COMMAND_LINE_SIZE];	/* unknown params, for the log */
	char ignored[COMMAND_LINE_SIZE];	/* Linux params accepted, not modelled */
};

struct machine {
	/* boot configuration */
	struct boot_params bp;
	char cmdline[COMMAND_LINE_SIZE];

	/* hardware: CPUs, nodes, physical memory */
	int nr_cpu_ids;
	int nr_node_ids;
	int cpu_to_node[NR_CPUS];	/* home node of each CPU */
	u64 node_cpumask[MAX_NUMNODES][NR_CPUS / 64];	/* CPUs local to a node */
	u8 numa_distance[MAX_NUMNODES][MAX_NUMNODES];
	struct e820_table e820;
	unsigned char *ram;		/* max_pfn * PAGE_SIZE real bytes */
	unsigned long max_pfn;		/* highest RAM pfn + 1 */

	/* boot memory */
	struct memblock memblock;
	unsigned long memmap_pages;	/* pages memblock gave the memmap */
	unsigned long kernel_code_kb, kernel_rwdata_kb, kernel_rodata_kb,
		      kernel_init_kb, kernel_bss_kb;
	unsigned long pcpu_nr_pages;	/* pages of the percpu first chunk (Percpu:) */
	unsigned long reserved_pages;	/* memblock-reserved pages inside zones */

	/* the memory manager */
	struct page *mem_map;		/* [max_pfn] */
	struct pglist_data *node_data[MAX_NUMNODES];
	unsigned long totalram_pages;	/* managed pages of all zones */
	unsigned long totalreserve_pages;
	unsigned long physpages;	/* present pages of all zones */
	int movable_zone;		/* zone that ZONE_MOVABLE takes from */
	unsigned long zone_movable_pfn[MAX_NUMNODES];
	unsigned long vm_events[NR_VM_EVENT_ITEMS];
	long memmap_stat[NR_MEMMAP_STAT_ITEMS];
	bool page_group_by_mobility_disabled;	/* set by build_all_zonelists */
	struct vm_tunables vm;
	long vm_committed_as;		/* mm/util.c: committed address space (pages) */
	u64 vm_enough_rs_begin;		/* __vm_enough_memory's ratelimit window start */
	int vm_enough_rs_printed, vm_enough_rs_missed;	/* ... in it: printed, suppressed */
	bool vm_enough_rs_started;	/* the window has begun */

	/* the slab allocator (mm/slab_common.c, mm/slub.c, mm/slub_debug.c) */
	struct list_head slab_caches;	/* every live kmem_cache, newest first */
	struct list_head slab_leaked;	/* destroyed with objects left (kept) */
	u64 slab_cache_serial;		/* serial of the newest kmem_cache */
	struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];
	struct kmem_cache *kmem_cache;	/* the cache of struct kmem_cache */
	struct kmem_cache *kmem_cache_node;	/* the cache of kmem_cache_node */
	int slab_state;			/* enum slab_state (mm/slab.h) */
	unsigned long large_kmalloc_pages[MAX_NUMNODES];	/* kmalloc > 8K, per node */
	slab_flags_t slub_debug;	/* slub_debug= flags for every cache */
	const char *slub_debug_string;	/* slub_debug= blocks naming caches, or NULL */
	bool disable_higher_order_debug;	/* slub_debug=O */
	const char **slub_callers;	/* owner-tracking caller names, [0] unused */
	unsigned int nr_slub_callers, slub_callers_cap;
	u64 slub_oom_rs_begin;		/* slab_out_of_memory's ratelimit window */
	int slub_oom_rs_printed, slub_oom_rs_missed;
	unsigned long tainted_mask;	/* TAINT_* bits (kernel/panic.c) */
	bool warned_kmalloc_order;	/* WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER) fired */
	bool warned_vmdata;		/* may_expand_vm's pr_warn_once (VmData over RLIMIT_DATA) */
	bool warned_mremap_dup;	/* mremap's pr_warn_once (old_len 0, private) */
	char boot_sysctls[COMMAND_LINE_SIZE];	/* "sysctl.vm.X=V" args, applied after mm init */
	struct list_head shrinker_list;	/* mm/shrinker.c: registered shrinkers (lazily initialised) */

	/*
	 * The kernel's own object caches, each created by the function Linux
	 * names (kernel/fork.c, kernel/pid.c, kernel/cred.c, mm/rmap.c,
	 * mm/vma_init.c, fs/dcache.c, fs/inode.c, fs/file_table.c).
	 */
	struct kmem_cache *task_struct_cachep, *mm_cachep, *vm_area_cachep,
			  *anon_vma_cachep, *anon_vma_chain_cachep, *pid_cachep,
			  *cred_jar, *sighand_cachep, *signal_cachep, *files_cachep,
			  *fs_cachep, *names_cachep, *dentry_cache, *inode_cachep,
			  *filp_cachep;
	/* kernel/fork.c: the tasks */
	struct task_struct *init_task;	/* CPU 0's idle task: host memory, as in Linux's image */
	struct task_struct *idle_tasks[NR_CPUS];	/* each CPU's idle task (init_task for 0) */
	struct list_head tasks;		/* every task from alloc_task, in creation order */
	int last_pid;			/* kernel/pid.c: the last pid number given (0: none) */
	unsigned long *pid_map;		/* kernel/pid.c: pid numbers in use (the IDR's role; host) */
	int nr_pids;			/* kernel/pid.c: how many numbers pid_map holds */
	struct kactor *kactor;		/* kernel/kactor.c: the actor's caches and groups (host) */
	struct sim_disk *disk;		/* fs/simdisk.c: the simulated disk (host), NULL until used */

	/* kernel page tables, vmalloc, kernel stacks */
	phys_addr_t swapper_pg_dir;	/* arch/x86/mm/pgtable.c: init_mm's PGD (0: not yet) */
	struct kpgt_memo kpgt_memo;	/* arch/x86/mm/pgtable.c: the kernel tables' validator memo */
	struct memmap_census *census;	/* mm/memmap_census.c: the memmap pass mmsim_validate's
					 * validators share (NULL outside mmsim_validate) */
	struct list_head pgd_list;	/* arch/x86/mm/pgtable.c: every user PGD's page,
					 * linked by page->lru (x86's pgd_list) */
	struct vmap_state vmap;		/* mm/vmalloc.c: vmap areas, free space, VmallocUsed */
	struct vm_struct *cached_stacks[NR_CPUS][2];	/* kernel/fork_stack.c: freed stacks kept per CPU */
	struct cpu_tlb *tlb;		/* arch/x86/mm/tlb.c: [nr_cpu_ids] TLBs (host memory) */
	u64 tlb_last_ctx_id;		/* arch/x86/mm/tlb.c: last mm ctx_id handed out */
	bool pgtable_l5_enabled;	/* arch/x86/mm/pgtable.c: 5-level paging in use */
	struct cpu_fbatches cpu_fbatches[NR_CPUS];	/* mm/swap.c: per-CPU page batches */
	int distribute_cpu_mask_prev[NR_CPUS];	/* kernel/sched_affinity.c: each CPU's last
					 * cpumask_any_and_distribute pick (lib/cpumask.c) */
	struct access_state *access;	/* kernel/access_verify.c: write generations and the
					 * verify shadow (host memory, the tool's own) */

	/* the running machine */
	int current_cpu;		/* CPU the current actor runs on */
	int current_pid;		/* pid of the current task (0: swapper) */
	char current_comm[16];		/* its comm, as reports print it */
	struct task_struct *current;	/* kernel/process.c task_enter: the task running a
					 * syscall; NULL for the kernel actor (root) */
	u64 clock_ns;			/* virtual time since boot */
	struct rnd_state rng;		/* the machine's seeded PRNG */
	struct printk_log log;
	struct kernfs_root kernfs;
	bool booted;
};

static inline struct pglist_data *NODE_DATA(const struct machine *m, int nid)
{
	return m->node_data[nid];
}

static inline struct page *pfn_to_page(const struct machine *m, unsigned long pfn)
{
	return &m->mem_map[pfn];
}

static inline unsigned long page_to_pfn(const struct machine *m, const struct page *p)
{
	return (unsigned long)(p - m->mem_map);
}

static inline bool pfn_valid(const struct machine *m, unsigned long pfn)
{
	return pfn < m->max_pfn;
}

static inline void *page_address(const struct machine *m, const struct page *p)
{
	return m->ram + (page_to_pfn(m, p) << PAGE_SHIFT);
}

static inline struct zone *page_zone(const struct machine *m, const struct page *p)
{
	return &m->node_data[p->nid]->node_zones[p->zone_idx];
}

/* Number of CPUs in node @nid's cpumask (cpumask_weight(cpumask_of_node)). */
static inline int nr_cpus_node(const struct machine *m, int nid)
{
	int n = 0;

	for (int i = 0; i < NR_CPUS / 64; i++)
		n += __builtin_popcountll(m->node_cpumask[nid][i]);
	return n;
}

static inline bool cpu_in_node(const struct machine *m, int cpu, int nid)
{
	return m->node_cpumask[nid][cpu / 64] & (1ULL << (cpu % 64));
}

static inline int numa_node_id(const struct machine *m)
{
	return m->cpu_to_node[m->current_cpu];
}

/* Iterate over every online node's pgdat. */
#define for_each_online_pgdat(m, pgdat, nid)				\
	for ((nid) = 0; (nid) < (m)->nr_node_ids &&			\
	     ((pgdat) = (m)->node_data[(nid)]); (nid)++)

#endif
