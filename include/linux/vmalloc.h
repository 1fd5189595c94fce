/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmalloc: virtually contiguous kernel memory built from scattered order-0
 * pages, mapped through the kernel's page tables in [VMALLOC_START,
 * VMALLOC_END) (include/linux/vmalloc.h, mm/vmalloc.c).
 *
 * A vmalloc address is an unsigned long kernel virtual address, not a host
 * pointer: its frames are not contiguous in m->ram.  Reach its bytes with
 * kva_to_host (asm/pgtable.h), one page at a time.
 *
 * The callers recorded for /proc/vmallocinfo are symbol names: vmalloc()
 * and friends are macros passing the calling function's __func__, as
 * Linux passes __builtin_return_address(0); the file prints them as
 * "NAME+0x0/0x0" (code offsets are not modelled, as in mmsim's stack dumps).
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include "asm/page.h"
#include "asm/pgtable_types.h"
#include "linux/gfp.h"
#include "linux/list.h"
#include "linux/rbtree.h"

struct machine;
struct page;
struct kmem_cache;

/* vm_struct->flags (Linux 6.18 values) */
#define VM_IOREMAP		0x00000001	/* ioremap() and friends */
#define VM_ALLOC		0x00000002	/* vmalloc() */
#define VM_MAP			0x00000004	/* vmap()ed pages */
#define VM_USERMAP		0x00000008	/* suitable for remap_vmalloc_range */
#define VM_DMA_COHERENT		0x00000010	/* dma_alloc_coherent */
#define VM_UNINITIALIZED	0x00000020	/* vm_struct is not fully initialized */
#define VM_NO_GUARD		0x00000040	/* don't add guard page */
#define VM_KASAN		0x00000080	/* has allocated kasan shadow memory */
#define VM_FLUSH_RESET_PERMS	0x00000100	/* reset direct map and flush TLB on unmap */
#define VM_MAP_PUT_PAGES	0x00000200	/* put pages and free array in vfree */
#define VM_ALLOW_HUGE_VMAP	0x00000400	/* allow huge pages (not modelled) */
#define VM_DEFER_KMEMLEAK	0		/* no KASAN: 0 */
#define VM_SPARSE		0x00001000	/* sparse vm_area, not all pages present */

/*
 * One vmalloc'd (or otherwise mapped) area: Linux's struct vm_struct, 72
 * bytes, allocated with kzalloc (kmalloc-96).
 */
struct vm_struct {
	struct vm_struct *next;		/* early registration (vmlist): unused, kept for the size */
	unsigned long addr;		/* first byte (Linux: void *addr) */
	unsigned long size;		/* bytes, guard page included */
	unsigned long flags;		/* VM_* */
	unsigned long pages;		/* kernel VA of the page array: one 8-byte struct page
					 * pointer (a vmemmap address) per page; kmalloc'd up to
					 * PAGE_SIZE, vmalloc'd above (" vpages") */
	unsigned int page_order;	/* order of the pages (always 0) */
	unsigned int nr_pages;		/* pages in the array */
	phys_addr_t phys_addr;		/* ioremap's physical address (0) */
	const char *caller;		/* who asked, as vmallocinfo prints it */
	unsigned long requested_size;	/* size asked for, before rounding */
};

/*
 * A range of the kernel's virtual address space (Linux's struct vmap_area,
 * 72 bytes, from the "vmap_area" slab cache).  It is in exactly one tree:
 * the free tree (augmented with subtree_max_size), a vmap node's busy
 * tree (with vm set), or a vmap node's lazy tree (freed, not yet purged).
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;		/* exclusive */
	struct rb_node rb_node;		/* address-sorted, in one of the trees */
	struct list_head list;		/* on a purge batch while being purged */
	union {
		unsigned long subtree_max_size;	/* in the free tree */
		struct vm_struct *vm;		/* in a busy tree */
	};
	unsigned long flags;		/* vmap node id of the request, encoded (encode_vn_id) */
};

/* Linux bounds the vmap nodes at 128 (clamp of the possible CPUs). */
#define VMAP_NODES_MAX		128

/* A vmap node: busy and lazily-freed areas, as Linux's struct vmap_node. */
struct vmap_node {
	struct rb_root busy;		/* in use; node chosen by the area's address */
	struct rb_root lazy;		/* freed, awaiting purge; node of the requesting CPU */
};

/* The vmalloc allocator's state on one machine (Linux's globals in mm/vmalloc.c). */
struct vmap_state {
	bool initialized;			/* vmap_initialized */
	struct kmem_cache *vmap_area_cachep;	/* the "vmap_area" cache */
	struct rb_root free_root;		/* free_vmap_area_root: free space, augmented */
	struct vmap_node nodes[VMAP_NODES_MAX];
	unsigned int nr_vmap_nodes;		/* clamp(nr_cpu_ids, 1, 128) */
	unsigned long vmap_zone_size;		/* address span owned by one node in turn */
	unsigned long nr_vmalloc_pages;		/* pages of vmalloc areas (VmallocUsed) */
	unsigned long vmap_lazy_nr;		/* pages (guards included) in the lazy trees */
	unsigned long nr_purges;		/* purges done (for tests and traces) */
	struct vmap_area *ne_fit_preload_node[NR_CPUS];	/* per-CPU spare for splits */
	bool warned_zero_size;			/* WARN_ON_ONCE(!size) fired */
};

/* ---- allocation ---- */

/*
 * __vmalloc_node_range_caller - @size bytes (rounded up to pages) of
 * order-0 pages from @node (NUMA_NO_NODE: the current CPU's), mapped with
 * @prot at an address aligned to @align (a power of two) inside [@start,
 * @end), followed by a guard page unless @vm_flags has VM_NO_GUARD.  @gfp
 * is the pages' (GFP_KERNEL, | __GFP_ZERO for vzalloc); bookkeeping uses
 * its reclaim bits.  @caller names the requester in /proc/vmallocinfo.
 * Returns the address, or 0 with Linux's report in the log unless
 * __GFP_NOWARN: "vmalloc error: size N, exceeds total pages", "..., vm_struct
 * allocation failed" (no address space), "..., failed to allocate page
 * array size N", "..., failed to allocate pages", "..., failed to map
 * pages".  Size 0 warns once and returns 0.  Everything taken is given
 * back on failure.
 */
unsigned long __vmalloc_node_range_caller(struct machine *m, unsigned long size,
					  unsigned long align, unsigned long start,
					  unsigned long end, gfp_t gfp, pgprot_t prot,
					  unsigned long vm_flags, int node, const char *caller);
#define __vmalloc_node_range(m, size, align, start, end, gfp, prot, vm_flags, node, caller) \
	__vmalloc_node_range_caller(m, size, align, start, end, gfp, prot, vm_flags, node, caller)
/* __vmalloc_node - in the whole vmalloc range, PAGE_KERNEL. */
#define __vmalloc_node(m, size, align, gfp, node, caller)				\
	__vmalloc_node_range_caller(m, size, align, VMALLOC_START, VMALLOC_END, gfp,	\
				    PAGE_KERNEL, 0, node, caller)
/* vmalloc, vzalloc, vmalloc_node, vzalloc_node: GFP_KERNEL, caller = the calling function. */
#define vmalloc(m, size)	__vmalloc_node(m, size, 1, GFP_KERNEL, NUMA_NO_NODE, __func__)
#define vzalloc(m, size)	__vmalloc_node(m, size, 1, GFP_KERNEL | __GFP_ZERO, NUMA_NO_NODE, __func__)
#define vmalloc_node(m, size, node)	__vmalloc_node(m, size, 1, GFP_KERNEL, node, __func__)
#define vzalloc_node(m, size, node)	__vmalloc_node(m, size, 1, GFP_KERNEL | __GFP_ZERO, node, __func__)

/*
 * vfree_caller - free the area containing @addr (Linux finds the area by
 * any address inside it): its pages, its page array, its vm_struct; the
 * mapping is cleared now and the address range is purged lazily, as Linux
 * does.  0 is ignored.  An address in no area, or not page aligned, gets
 * Linux's WARN ("Trying to vfree() bad address (...)", "Trying to vfree()
 * nonexistent vm area (...)") in the log and nothing changes: -EINVAL.
 */
int vfree_caller(struct machine *m, unsigned long addr, const char *caller);
#define vfree(m, addr)		((void)vfree_caller(m, addr, __func__))
#define vfree_checked(m, addr)	vfree_caller(m, addr, __func__)

/* ---- lookups ---- */

/* vmalloc_to_page - the page mapped at @addr by the kernel page tables, or NULL. */
struct page *vmalloc_to_page(struct machine *m, unsigned long addr);
/* vmalloc_to_pfn - its frame number, or -1. */
long vmalloc_to_pfn(struct machine *m, unsigned long addr);
/* find_vm_area - the area (in use) containing @addr, or NULL. */
struct vm_struct *find_vm_area(struct machine *m, unsigned long addr);
/* vm_area_page - page @i of @vm's page array (NULL past nr_pages). */
struct page *vm_area_page(struct machine *m, const struct vm_struct *vm, unsigned int i);
/* get_vm_area_size - the usable bytes of @vm: its size less the guard page. */
unsigned long get_vm_area_size(const struct vm_struct *vm);
/* vmalloc_nr_pages - pages held by vmalloc areas: meminfo's VmallocUsed. */
unsigned long vmalloc_nr_pages(const struct machine *m);

/* ---- boot, purge, validation ---- */

/*
 * vmalloc_init - the "vmap_area" cache, the vmap nodes (one per CPU up to
 * 128, 64 KiB address zones in turn), the free space [1, ULONG_MAX), and
 * /proc/vmallocinfo (0400).  Needs the slab allocator.  Returns 0 or
 * -ENOMEM.
 */
int vmalloc_init(struct machine *m);

/*
 * purge_vmap_area_lazy - return every lazily freed range to the free
 * space now (Linux's drain work, which runs by itself once more than
 * lazy_max_pages are waiting, and on an allocation that found no space).
 */
void purge_vmap_area_lazy(struct machine *m);

/*
 * validate_vmalloc - busy areas sorted, non-overlapping, inside the vmalloc
 * range, each with its guard gap and in the right vmap node; every page of
 * every vmalloc area mapped in the kernel page tables to the page its
 * array records, the guard page unmapped; pages summed equal
 * vmalloc_nr_pages; free, busy and lazy ranges never overlap; the free
 * tree's subtree_max_size right; the lazy page count right; page-table
 * pages counted (validate_kernel_pgtables).  Returns 0, or -EUCLEAN with
 * the first problem in @err.
 */
int validate_vmalloc(struct machine *m, char *err, size_t len);

#endif
