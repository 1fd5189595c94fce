// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmalloc (mm/vmalloc.c): virtually contiguous kernel memory made of
 * order-0 pages, mapped through the kernel's page tables in the vmalloc
 * range, each area followed by an unmapped guard page.
 *
 * The kernel address space is tiled by vmap_areas, each in one tree:
 *
 *   free tree   free_vmap_area_root: free ranges, augmented with the largest
 *               free block in each subtree, so the lowest fitting range is
 *               found in O(log n) (find_vmap_lowest_match); it starts as
 *               one range [1, ULONG_MAX).
 *   busy trees  per vmap node (one per CPU up to 128, taking 64 KiB zones of
 *               the address space in turn): areas in use, each with its
 *               vm_struct (address, size, page array, caller).
 *   lazy trees  per vmap node: freed areas whose pages are gone and whose
 *               PTEs are cleared, but whose range waits for a purge (Linux
 *               batches the TLB flush).  Once more than lazy_max_pages
 *               (fls(CPUs) * 32 MiB) wait, or an allocation finds no room,
 *               they all go back to the free tree.
 *
 * Allocation: a range of size + guard page at the lowest address that fits
 * (clipping a free range: exact fit, left edge, right edge, or a split that
 * needs a second vmap_area, taken from the CPU's preloaded spare), a page
 * array (kmalloc'd, or vmalloc'd itself above a page: " vpages"), order-0
 * pages one by one (Linux's bulk allocator falls back to this), then PTEs.
 * Every failure gives back what was taken and logs Linux's report.
 *
 * Bookkeeping comes from the machine's own allocators, as Linux's does:
 * vmap_area objects (72 bytes) from the "vmap_area" cache, vm_structs (72
 * bytes: kmalloc-96) and page arrays up to a page from kmalloc.
 *
 * Leaves out: the per-node pools of recently purged areas (purged ranges
 * return to the free tree at once), vmap/vm_map_ram/ioremap, huge vmalloc,
 * KASAN/kmemleak hooks, memcg charging, the "vmap-node" shrinker, TLB
 * flushing, and the deferred (workqueue) purge: it runs synchronously.
 * Linux's kmalloc'd vmap_nodes array is host memory here.
 *
 * Called by kernel/fork_stack.c (kernel stacks), the kernel actor, and
 * kernel/boot.c (vmalloc_init).  /proc/vmallocinfo is shown from here, as
 * Linux does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/pgtable.h"
#include "linux/kernfs.h"
#include "linux/bug.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/slab.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"

/* mm/internal.h: the flags a nested allocation inherits. */
#define GFP_RECLAIM_MASK	(__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS |	\
				 __GFP_NOWARN | __GFP_RETRY_MAYFAIL | __GFP_NOFAIL |	\
				 __GFP_NORETRY | __GFP_MEMALLOC | __GFP_NOMEMALLOC)

#define PAGE_ALIGN(x)		(((x) + PAGE_SIZE - 1) & PAGE_MASK)

/* The call chain of a vmalloc failure report, below warn_alloc. */
static const char *const vmalloc_frames[] = {
	"__vmalloc_node_range_noprof", "__vmalloc_node_noprof",
};

/* ---- bookkeeping objects: the "vmap_area" cache and kmalloc ---- */

/* A zeroed vmap_area (kmem_cache_alloc_node(vmap_area_cachep)); NULL on failure. */
static struct vmap_area *va_obj_alloc(struct machine *m, gfp_t gfp, int node, const char *caller)
{
	return kmem_cache_alloc_node_caller(m, m->vmap.vmap_area_cachep, gfp | __GFP_ZERO,
					    node, caller);
}

static void va_obj_free(struct machine *m, struct vmap_area *va)
{
	kmem_cache_free_caller(m, m->vmap.vmap_area_cachep, va, "free_vmap_area");
}

/* kmalloc_node(@size) for a vm_struct or a page array of at most a page. */
static void *bk_alloc(struct machine *m, size_t size, gfp_t gfp, int node, const char *caller)
{
	return __kmalloc_node_track_caller(m, size, gfp, node, caller);
}

static void bk_free(struct machine *m, void *p)
{
	kfree_caller(m, p, "vfree");
}

/* ---- small helpers ---- */

static unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

static struct vmap_area *va_of(struct rb_node *n)
{
	return rb_entry_safe(n, struct vmap_area, rb_node);
}

static bool is_power_of_2(unsigned long n)
{
	return n && !(n & (n - 1));
}

/* fls: the position of the highest set bit, 1-based (0 for 0). */
static unsigned int fls_ul(unsigned long x)
{
	return x ? 64 - (unsigned int)__builtin_clzl(x) : 0;
}

/* lazy_max_pages: fls(online CPUs) * 32 MiB of lazily freed ranges. */
static unsigned long lazy_max_pages(const struct machine *m)
{
	return fls_ul((unsigned long)m->nr_cpu_ids) * (32UL * 1024 * 1024 / PAGE_SIZE);
}

/* Linux's struct page pointer (a vmemmap address) of @page, and back. */
static u64 page_to_vmemmap(const struct machine *m, const struct page *page)
{
	return VMEMMAP_START + (u64)page_to_pfn(m, page) * LINUX_STRUCT_PAGE_SIZE;
}

static struct page *vmemmap_to_page(const struct machine *m, u64 v)
{
	u64 off = v - VMEMMAP_START;

	if (v < VMEMMAP_START || off % LINUX_STRUCT_PAGE_SIZE ||
	    !pfn_valid(m, off / LINUX_STRUCT_PAGE_SIZE))
		return NULL;
	return pfn_to_page(m, off / LINUX_STRUCT_PAGE_SIZE);
}

/* Slot @i of @vm's page array, wherever the array lives. */
static u64 *vm_page_slot(struct machine *m, const struct vm_struct *vm, unsigned int i)
{
	return kva_to_host(m, vm->pages + (unsigned long)i * sizeof(u64), NULL);
}

/* ---- vmap nodes ---- */

static unsigned int addr_to_node_id(const struct machine *m, unsigned long addr)
{
	return (unsigned int)((addr / m->vmap.vmap_zone_size) % m->vmap.nr_vmap_nodes);
}

/* A node id kept in va->flags: id + 1 above the low byte, 0 for none. */
static unsigned long encode_vn_id(unsigned int id)
{
	return (unsigned long)(id + 1) << 8;
}

static bool decode_vn_id(const struct machine *m, unsigned long flags, unsigned int *id)
{
	unsigned long v = flags >> 8;

	if (!v || v - 1 >= m->vmap.nr_vmap_nodes)
		return false;
	*id = (unsigned int)(v - 1);
	return true;
}

/* ---- trees ---- */

static unsigned long subtree_max(struct rb_node *n)
{
	return n ? va_of(n)->subtree_max_size : 0;
}

/* The free tree's augmented value: the largest free range at or below @n. */
static bool free_va_compute(struct rb_node *n)
{
	struct vmap_area *va = va_of(n);
	unsigned long v = max(va_size(va), max(subtree_max(n->rb_left), subtree_max(n->rb_right)));
	bool changed = v != va->subtree_max_size;

	va->subtree_max_size = v;
	return changed;
}

/*
 * Link @va into @root by address (augmented when @compute).  An overlap is
 * a bug: it is logged as Linux's WARN text and @va is not linked.
 */
static bool va_link(struct machine *m, struct rb_root *root, struct vmap_area *va,
		    rb_augment_compute_t compute)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		struct vmap_area *t = va_of(*link);

		parent = *link;
		if (va->va_end <= t->va_start) {
			link = &parent->rb_left;
		} else if (va->va_start >= t->va_end) {
			link = &parent->rb_right;
		} else {
			pr_warn(m, "vmalloc bug: 0x%lx-0x%lx overlaps with 0x%lx-0x%lx",
				va->va_start, va->va_end, t->va_start, t->va_end);
			return false;
		}
	}
	rb_link_node(&va->rb_node, parent, link);
	if (compute) {
		va->subtree_max_size = va_size(va);
		rb_insert_augmented(&va->rb_node, root, compute);
	} else {
		rb_insert_color(&va->rb_node, root);
	}
	return true;
}

/* The area of @root containing @addr, or NULL. */
static struct vmap_area *va_find(const struct rb_root *root, unsigned long addr)
{
	struct rb_node *n = root->rb_node;

	while (n) {
		struct vmap_area *va = va_of(n);

		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

/* The busy area containing @addr, searching @addr's node first; its node in *@nid. */
static struct vmap_area *find_vmap_area_node(struct machine *m, unsigned long addr,
					     unsigned int *nid)
{
	unsigned int n = m->vmap.nr_vmap_nodes, first = addr_to_node_id(m, addr);

	for (unsigned int i = 0; i < n; i++) {
		unsigned int id = (first + i) % n;
		struct vmap_area *va = va_find(&m->vmap.nodes[id].busy, addr);

		if (va) {
			*nid = id;
			return va;
		}
	}
	return NULL;
}

/* ---- the free tree: finding and clipping space ---- */

/* Can @va hold @size bytes aligned to @align at or above @vstart? */
static bool is_within_this_va(const struct vmap_area *va, unsigned long size,
			      unsigned long align, unsigned long vstart)
{
	unsigned long nva = ALIGN(max(va->va_start, vstart), align);

	if (nva + size < nva || nva < vstart)
		return false;
	return nva + size <= va->va_end;
}

/*
 * find_vmap_lowest_match - the lowest free range holding @size bytes
 * aligned to @align at or above @vstart.  Subtrees are pruned by their
 * largest block against @size, or against size + align - 1 when @adjust
 * (then any block that large fits whatever its alignment): Linux's search,
 * which may pass over a smaller block that happens to be aligned.
 */
static struct vmap_area *find_vmap_lowest_match(struct rb_root *root, unsigned long size,
						unsigned long align, unsigned long vstart,
						bool adjust)
{
	unsigned long length = adjust ? size + align - 1 : size;
	struct rb_node *node = root->rb_node;

	while (node) {
		struct vmap_area *va = va_of(node);

		if (subtree_max(node->rb_left) >= length && vstart < va->va_start) {
			node = node->rb_left;
			continue;
		}
		if (is_within_this_va(va, size, align, vstart))
			return va;
		if (subtree_max(node->rb_right) >= length) {
			node = node->rb_right;
			continue;
		}
		/* Climb to the first ancestor with room on its right. */
		while ((node = rb_parent(node))) {
			va = va_of(node);
			if (is_within_this_va(va, size, align, vstart))
				return va;
			if (subtree_max(node->rb_right) >= length && vstart <= va->va_start) {
				vstart = va->va_start + 1;	/* never re-enter what was searched */
				node = node->rb_right;
				break;
			}
		}
	}
	return NULL;
}

/*
 * va_clip - take [@nva_start, @nva_start + @size) out of free range @va:
 *
 *   FL (full fit)   |<---- va ---->|      va leaves the tree
 *                   |<--- new  --->|
 *   LE (left edge)  |<---- va ---->|      va starts after new
 *                   |new|
 *   RE (right edge) |<---- va ---->|      va ends before new
 *                              |new|
 *   NE (no edge)    |<---- va ---->|      a second area (lva) keeps the
 *                   | L |new|  R   |      left part, va the right
 *
 * Returns 0, or -ENOMEM when NE finds neither the CPU's preloaded spare nor
 * a GFP_NOWAIT object.
 */
static int va_clip(struct machine *m, struct vmap_area *va, unsigned long nva_start,
		   unsigned long size)
{
	struct vmap_area *lva, **spare = &m->vmap.ne_fit_preload_node[m->current_cpu];
	unsigned long nva_end = nva_start + size;

	if (nva_start == va->va_start && nva_end == va->va_end) {
		rb_erase_augmented(&va->rb_node, &m->vmap.free_root, free_va_compute);
		va_obj_free(m, va);
	} else if (nva_start == va->va_start) {
		va->va_start = nva_end;
		rb_augment_propagate(&va->rb_node, free_va_compute);
	} else if (nva_end == va->va_end) {
		va->va_end = nva_start;
		rb_augment_propagate(&va->rb_node, free_va_compute);
	} else {
		lva = *spare;
		*spare = NULL;
		if (!lva)
			lva = va_obj_alloc(m, GFP_NOWAIT, NUMA_NO_NODE, "va_clip");
		if (!lva)
			return -ENOMEM;
		lva->va_start = va->va_start;
		lva->va_end = nva_start;
		va->va_start = nva_end;
		rb_augment_propagate(&va->rb_node, free_va_compute);
		va_link(m, &m->vmap.free_root, lva, free_va_compute);
	}
	return 0;
}

/*
 * __alloc_vmap_area - carve @size bytes aligned to @align out of the free
 * tree within [@vstart, @vend).  Returns 0 and the address in *@addr;
 * -ENOENT (no range fits), -ERANGE (past @vend), -ENOMEM (split failed).
 */
static int __alloc_vmap_area(struct machine *m, unsigned long size, unsigned long align,
			     unsigned long vstart, unsigned long vend, unsigned long *addr)
{
	bool adjust = !(align <= PAGE_SIZE || vend - vstart == size);
	struct vmap_area *va;
	unsigned long nva;

	va = find_vmap_lowest_match(&m->vmap.free_root, size, align, vstart, adjust);
	if (!va)
		return -ENOENT;
	nva = ALIGN(max(va->va_start, vstart), align);
	if (nva + size > vend)
		return -ERANGE;
	if (va_clip(m, va, nva, size))
		return -ENOMEM;
	*addr = nva;
	return 0;
}

/*
 * Give @va's range back to the free tree, merging it with the free ranges
 * on either side when they touch (merge_or_add_vmap_area_augment); merged
 * objects go back to the cache.
 */
static void free_tree_merge_or_add(struct machine *m, struct vmap_area *va)
{
	struct rb_root *root = &m->vmap.free_root;
	struct vmap_area *prev = NULL, *next;
	struct rb_node *n = root->rb_node;

	while (n) {			/* prev: the last free range starting below va */
		if (va_of(n)->va_start < va->va_start) {
			prev = va_of(n);
			n = n->rb_right;
		} else {
			n = n->rb_left;
		}
	}
	next = va_of(prev ? rb_next(&prev->rb_node) : rb_first(root));
	if (next && next->va_start == va->va_end) {
		next->va_start = va->va_start;
		va_obj_free(m, va);
		va = next;
		if (prev && prev->va_end == va->va_start) {
			prev->va_end = va->va_end;
			rb_erase_augmented(&va->rb_node, root, free_va_compute);
			va_obj_free(m, va);
			va = prev;
		}
		rb_augment_propagate(&va->rb_node, free_va_compute);
	} else if (prev && prev->va_end == va->va_start) {
		prev->va_end = va->va_end;
		va_obj_free(m, va);
		rb_augment_propagate(&prev->rb_node, free_va_compute);
	} else if (!va_link(m, root, va, free_va_compute)) {
		va_obj_free(m, va);
	}
}

/* ---- lazy freeing and purging ---- */

void purge_vmap_area_lazy(struct machine *m)
{
	struct vmap_state *vs = &m->vmap;

	for (unsigned int i = 0; i < vs->nr_vmap_nodes; i++) {
		struct rb_root *lazy = &vs->nodes[i].lazy;
		struct rb_node *n;

		while ((n = rb_first(lazy))) {
			struct vmap_area *va = va_of(n);

			rb_erase(n, lazy);
			vs->vmap_lazy_nr -= va_size(va) >> PAGE_SHIFT;
			free_tree_merge_or_add(m, va);
		}
	}
	vs->nr_purges++;
}

/*
 * free_vmap_area_noflush - park @va (unlinked, unmapped) in the lazy tree
 * of the node that asked for it, and purge when too much is waiting.
 */
static void free_vmap_area_noflush(struct machine *m, struct vmap_area *va)
{
	struct vmap_state *vs = &m->vmap;
	unsigned int id;

	if (!decode_vn_id(m, va->flags, &id))
		id = addr_to_node_id(m, va->va_start);
	vs->vmap_lazy_nr += va_size(va) >> PAGE_SHIFT;
	va_link(m, &vs->nodes[id].lazy, va, NULL);
	if (vs->vmap_lazy_nr > lazy_max_pages(m))
		purge_vmap_area_lazy(m);	/* Linux: schedule_work(&drain_vmap_work) */
}

/* ---- areas ---- */

/*
 * alloc_vmap_area - a busy range of @size bytes (guard included) for @vm,
 * sets vm->addr and vm->size.  On no room, purges the lazy ranges once and
 * retries, then logs Linux's warning.  NULL on failure.
 */
static struct vmap_area *alloc_vmap_area(struct machine *m, unsigned long size,
					 unsigned long align, unsigned long vstart,
					 unsigned long vend, int node, gfp_t gfp,
					 struct vm_struct *vm)
{
	struct vmap_state *vs = &m->vmap;
	struct vmap_area **spare = &vs->ne_fit_preload_node[m->current_cpu];
	bool purged = false, pooled;
	struct vmap_area *va;
	unsigned long addr;

	gfp &= GFP_RECLAIM_MASK;
	va = va_obj_alloc(m, gfp, node, "alloc_vmap_area");
	if (!va)
		return NULL;
	/* node_alloc: requests for the whole range are tagged with the CPU's node */
	pooled = vstart == VMALLOC_START && vend == VMALLOC_END && vs->nr_vmap_nodes > 1;
	while (true) {
		if (!*spare)		/* preload_this_cpu_lock */
			*spare = va_obj_alloc(m, gfp, node, "preload_this_cpu_lock");
		if (!__alloc_vmap_area(m, size, align, vstart, vend, &addr))
			break;
		if (purged) {
			if (!(gfp & __GFP_NOWARN))
				pr_warn(m, "vmalloc_node_range for size %lu failed: Address range restricted to %#lx - %#lx",
					size, vstart, vend);
			va_obj_free(m, va);
			return NULL;
		}
		purge_vmap_area_lazy(m);	/* reclaim_and_purge_vmap_areas */
		purged = true;
	}
	va->va_start = addr;
	va->va_end = addr + size;
	va->flags = pooled ? encode_vn_id((unsigned int)m->current_cpu % vs->nr_vmap_nodes) : 0;
	va->vm = vm;
	vm->addr = addr;
	vm->size = size;
	va_link(m, &vs->nodes[addr_to_node_id(m, addr)].busy, va, NULL);
	return va;
}

/* __get_vm_area_node: a vm_struct and its range; NULL on failure. */
static struct vm_struct *__get_vm_area_node(struct machine *m, unsigned long size,
					    unsigned long align, unsigned long flags,
					    unsigned long start, unsigned long end, int node,
					    gfp_t gfp, const char *caller)
{
	unsigned long requested = size;
	struct vm_struct *area;

	size = PAGE_ALIGN(size);
	if (!size || (!(flags & VM_NO_GUARD) && size + PAGE_SIZE < size))
		return NULL;
	area = bk_alloc(m, sizeof(*area), (gfp & GFP_RECLAIM_MASK) | __GFP_ZERO, node,
			"__get_vm_area_node");
	if (!area)
		return NULL;
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	area->flags = flags;
	area->caller = caller;
	area->requested_size = requested;
	if (!alloc_vmap_area(m, size, align, start, end, node, gfp, area)) {
		bk_free(m, area);
		return NULL;
	}
	return area;
}

unsigned long get_vm_area_size(const struct vm_struct *vm)
{
	return (vm->flags & VM_NO_GUARD) ? vm->size : vm->size - PAGE_SIZE;
}

/* Clear the PTEs of [@start, @end) (vunmap_range_noflush). */
static void vunmap_range(struct machine *m, unsigned long start, unsigned long end)
{
	for (unsigned long a = start; a < end; a += PAGE_SIZE)
		kernel_unmap_page(m, a);
}

/*
 * remove_vm_area - unlink the busy area containing @addr, unmap it and
 * park its range lazily; its vm_struct, or NULL (an unaligned address
 * gets Linux's "bad address" WARN).
 */
static struct vm_struct *remove_vm_area(struct machine *m, unsigned long addr,
					const char *caller)
{
	const char *frames[] = { "remove_vm_area", "vfree", caller };
	struct vmap_area *va;
	struct vm_struct *vm;
	unsigned int nid;

	if (addr & ~PAGE_MASK) {
		WARN_TRACE(m, frames + 1, ARRAY_SIZE(frames) - 1,
			     "Trying to vfree() bad address (%016lx)", addr);
		return NULL;
	}
	va = find_vmap_area_node(m, addr, &nid);
	if (!va || !va->vm)
		return NULL;
	rb_erase(&va->rb_node, &m->vmap.nodes[nid].busy);
	vm = va->vm;
	va->vm = NULL;
	vunmap_range(m, va->va_start, va->va_end);
	free_vmap_area_noflush(m, va);
	return vm;
}

/* free_vm_area: an area that never got pages. */
static void free_vm_area(struct machine *m, struct vm_struct *area)
{
	remove_vm_area(m, area->addr, "free_vm_area");
	bk_free(m, area);
}

/* ---- pages ---- */

/*
 * The page array of @area: kmalloc'd up to a page, vmalloc'd (with the
 * area's caller) above.  Returns false on failure.
 */
static bool alloc_page_array(struct machine *m, struct vm_struct *area,
			     unsigned long array_size, gfp_t nested_gfp, int node)
{
	void *p;

	if (array_size > PAGE_SIZE) {
		area->pages = __vmalloc_node(m, array_size, 1, nested_gfp, node, area->caller);
		return area->pages != 0;
	}
	p = bk_alloc(m, array_size, nested_gfp, node, "__vmalloc_area_node");
	area->pages = p ? kva(m, p) : 0;
	return p != NULL;
}

/* kvfree of @vm's page array. */
static void free_page_array(struct machine *m, struct vm_struct *vm)
{
	if (!vm->pages)
		return;
	if (is_vmalloc_addr(vm->pages))
		vfree_caller(m, vm->pages, "kvfree");
	else
		bk_free(m, kva_to_host(m, vm->pages, NULL));
	vm->pages = 0;
}

/*
 * vm_area_alloc_pages - up to @nr order-0 pages into @area's array, one at
 * a time (what Linux's bulk allocator falls back to); area->nr_pages
 * counts them.
 */
static void vm_area_alloc_pages(struct machine *m, struct vm_struct *area, gfp_t gfp,
				int node, unsigned int nr)
{
	while (area->nr_pages < nr) {
		struct page *page = __alloc_pages(m, gfp, 0, node);

		if (!page)
			break;
		*vm_page_slot(m, area, area->nr_pages) = page_to_vmemmap(m, page);
		area->nr_pages++;
	}
}

/* vmap_pages_range: a PTE for each page; 0 or -errno. */
static int vmap_pages_range(struct machine *m, struct vm_struct *area, pgprot_t prot)
{
	for (unsigned int i = 0; i < area->nr_pages; i++) {
		unsigned long pfn = page_to_pfn(m, vm_area_page(m, area, i));
		int ret = kernel_map_page(m, area->addr + i * PAGE_SIZE, pfn, prot);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * __vmalloc_area_node - fill @area with pages and map them.  Returns its
 * address, or 0 after logging Linux's report and freeing everything.
 */
static unsigned long __vmalloc_area_node(struct machine *m, struct vm_struct *area,
					 gfp_t gfp, pgprot_t prot, int node)
{
	gfp_t nested_gfp = (gfp & GFP_RECLAIM_MASK) | __GFP_ZERO;
	unsigned int nr_small_pages = (unsigned int)(get_vm_area_size(area) >> PAGE_SHIFT);
	unsigned long array_size = (unsigned long)nr_small_pages * sizeof(u64);
	const char *const *fr = vmalloc_frames;
	size_t nfr = ARRAY_SIZE(vmalloc_frames);

	if (!(gfp & (GFP_DMA | GFP_DMA32)))
		gfp |= __GFP_HIGHMEM;
	if (!alloc_page_array(m, area, array_size, nested_gfp, node)) {
		warn_alloc_msg(m, gfp, fr, nfr,
			       "vmalloc error: size %lu, failed to allocated page array size %lu",
			       (unsigned long)nr_small_pages * PAGE_SIZE, array_size);
		free_vm_area(m, area);
		return 0;
	}
	vm_area_alloc_pages(m, area, gfp | __GFP_NOWARN, node, nr_small_pages);
	m->vmap.nr_vmalloc_pages += area->nr_pages;
	if (area->nr_pages != nr_small_pages) {
		warn_alloc_msg(m, gfp, fr, nfr, "vmalloc error: size %lu, failed to allocate pages",
			       (unsigned long)area->nr_pages * PAGE_SIZE);
		goto fail;
	}
	if (vmap_pages_range(m, area, prot)) {
		warn_alloc_msg(m, gfp, fr, nfr, "vmalloc error: size %lu, failed to map pages",
			       (unsigned long)area->nr_pages * PAGE_SIZE);
		goto fail;
	}
	return area->addr;
fail:
	vfree_caller(m, area->addr, "__vmalloc_node_range_noprof");
	return 0;
}

unsigned long __vmalloc_node_range_caller(struct machine *m, unsigned long size,
					  unsigned long align, unsigned long start,
					  unsigned long end, gfp_t gfp, pgprot_t prot,
					  unsigned long vm_flags, int node, const char *caller)
{
	const char *frames[] = { "__vmalloc_node_range_noprof", caller };
	struct vm_struct *area;
	unsigned long addr;

	if (!size) {
		if (!m->vmap.warned_zero_size)
			WARN_TRACE(m, frames + 1, ARRAY_SIZE(frames) - 1, NULL);
		m->vmap.warned_zero_size = true;
		return 0;
	}
	if (!m->vmap.initialized)
		return 0;
	if (!is_power_of_2(align)) {		/* a BUG_ON in Linux's alloc_vmap_area */
		pr_err(m, "vmalloc: alignment %lu is not a power of two", align);
		return 0;
	}
	if ((size >> PAGE_SHIFT) > m->totalram_pages) {
		warn_alloc_msg(m, gfp, vmalloc_frames, ARRAY_SIZE(vmalloc_frames),
			       "vmalloc error: size %lu, exceeds total pages", size);
		return 0;
	}
	area = __get_vm_area_node(m, size, align, VM_ALLOC | VM_UNINITIALIZED | vm_flags,
				  start, end, node, gfp, caller);
	if (!area) {
		/* __GFP_NOFAIL would retry forever: nothing frees address space here */
		warn_alloc_msg(m, gfp, vmalloc_frames, ARRAY_SIZE(vmalloc_frames),
			       "vmalloc error: size %lu, vm_struct allocation failed", size);
		return 0;
	}
	addr = __vmalloc_area_node(m, area, gfp, prot, node);
	if (addr)
		area->flags &= ~VM_UNINITIALIZED;	/* clear_vm_uninitialized_flag */
	return addr;
}

int vfree_caller(struct machine *m, unsigned long addr, const char *caller)
{
	const char *frames[] = { "vfree", caller };
	struct vm_struct *vm;

	if (!addr)
		return 0;
	vm = m->vmap.initialized ? remove_vm_area(m, addr, caller) : NULL;
	if (!vm) {
		WARN_TRACE(m, frames + 1, ARRAY_SIZE(frames) - 1,
			     "Trying to vfree() nonexistent vm area (%016lx)", addr);
		return -EINVAL;
	}
	for (unsigned int i = 0; i < vm->nr_pages; i++)
		__free_pages(m, vm_area_page(m, vm, i), 0);
	m->vmap.nr_vmalloc_pages -= vm->nr_pages;
	free_page_array(m, vm);
	bk_free(m, vm);
	return 0;
}

/* ---- lookups ---- */

struct page *vm_area_page(struct machine *m, const struct vm_struct *vm, unsigned int i)
{
	u64 *slot;

	if (i >= vm->nr_pages)
		return NULL;
	slot = vm_page_slot(m, vm, i);
	return slot ? vmemmap_to_page(m, *slot) : NULL;
}

long vmalloc_to_pfn(struct machine *m, unsigned long addr)
{
	return is_vmalloc_addr(addr) ? kernel_lookup_pfn(m, addr) : -1;
}

struct page *vmalloc_to_page(struct machine *m, unsigned long addr)
{
	long pfn = vmalloc_to_pfn(m, addr);

	return pfn < 0 ? NULL : pfn_to_page(m, (unsigned long)pfn);
}

struct vm_struct *find_vm_area(struct machine *m, unsigned long addr)
{
	unsigned int nid;
	struct vmap_area *va;

	if (!m->vmap.initialized)
		return NULL;
	va = find_vmap_area_node(m, addr, &nid);
	return va ? va->vm : NULL;
}

unsigned long vmalloc_nr_pages(const struct machine *m)
{
	return m->vmap.nr_vmalloc_pages;
}

/* ---- /proc/vmallocinfo ---- */

/* show_numa_info: " N0=3 N1=1", nodes with memory that hold pages of @v. */
static void show_numa_info(struct seq_file *sf, struct machine *m, const struct vm_struct *v)
{
	unsigned int counters[MAX_NUMNODES] = { 0 };

	for (unsigned int i = 0; i < v->nr_pages; i++) {
		struct page *page = vm_area_page(m, v, i);

		if (page)
			counters[page->nid]++;
	}
	for (int nid = 0; nid < m->nr_node_ids; nid++)
		if (NODE_DATA(m, nid)->node_present_pages && counters[nid])
			seq_printf(sf, " N%d=%u", nid, counters[nid]);
}

static void show_vm_area(struct seq_file *sf, struct machine *m, const struct vm_struct *v)
{
	static const struct { unsigned long flag; const char *name; } names[] = {
		{ VM_IOREMAP, " ioremap" }, { VM_SPARSE, " sparse" }, { VM_ALLOC, " vmalloc" },
		{ VM_MAP, " vmap" }, { VM_USERMAP, " user" }, { VM_DMA_COHERENT, " dma-coherent" },
	};

	/* %pK as root with kptr_restrict=1: the real address */
	seq_printf(sf, "0x%016lx-0x%016lx %7ld", v->addr, v->addr + v->size, (long)v->size);
	if (v->caller)
		seq_printf(sf, " %s+0x0/0x0", v->caller);
	if (v->nr_pages)
		seq_printf(sf, " pages=%d", (int)v->nr_pages);
	if (v->phys_addr)
		seq_printf(sf, " phys=0x%016llx", (unsigned long long)v->phys_addr);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (v->flags & names[i].flag)
			seq_puts(sf, names[i].name);
	if (is_vmalloc_addr(v->pages))
		seq_puts(sf, " vpages");
	show_numa_info(sf, m, v);
	seq_putc(sf, '\n');
}

/* vmalloc_info_show: each vmap node's busy areas, then the unpurged ranges. */
static int vmalloc_info_show(struct seq_file *sf)
{
	struct machine *m = sf->machine;
	struct vmap_state *vs = &m->vmap;

	for (unsigned int i = 0; i < vs->nr_vmap_nodes; i++)
		for (struct rb_node *n = rb_first(&vs->nodes[i].busy); n; n = rb_next(n)) {
			struct vm_struct *v = va_of(n)->vm;

			if (v && !(v->flags & VM_UNINITIALIZED))
				show_vm_area(sf, m, v);
		}
	for (unsigned int i = 0; i < vs->nr_vmap_nodes; i++)
		for (struct rb_node *n = rb_first(&vs->nodes[i].lazy); n; n = rb_next(n)) {
			struct vmap_area *va = va_of(n);

			seq_printf(sf, "0x%016lx-0x%016lx %7ld unpurged vm_area\n",
				   va->va_start, va->va_end, (long)va_size(va));
		}
	return 0;
}

static const struct kernfs_ops vmallocinfo_ops = { .show = vmalloc_info_show };

/* ---- boot ---- */

int vmalloc_init(struct machine *m)
{
	struct vmap_state *vs = &m->vmap;
	unsigned int n = (unsigned int)clamp(m->nr_cpu_ids, 1, VMAP_NODES_MAX);
	struct vmap_area *free;

	/* vmap_init_nodes: 16-page zones shared out in turn when there are several */
	vs->nr_vmap_nodes = n;
	vs->vmap_zone_size = n > 1 ? 16 * PAGE_SIZE : 1;
	for (unsigned int i = 0; i < VMAP_NODES_MAX; i++)
		vs->nodes[i].busy = vs->nodes[i].lazy = RB_ROOT;
	vs->free_root = RB_ROOT;

	vs->vmap_area_cachep = kmem_cache_create(m, "vmap_area", sizeof(struct vmap_area),
						 __alignof__(struct vmap_area), SLAB_PANIC, NULL);
	if (!vs->vmap_area_cachep)
		return -ENOMEM;
	/* vmap_init_free_space: nothing registered early, all of it is free */
	free = va_obj_alloc(m, GFP_NOWAIT, NUMA_NO_NODE, "vmap_init_free_space");
	if (!free)
		return -ENOMEM;
	free->va_start = 1;
	free->va_end = ~0UL;
	va_link(m, &vs->free_root, free, free_va_compute);
	vs->initialized = true;
	return kernfs_create_file(m, "/proc/vmallocinfo", 0400, &vmallocinfo_ops, NULL);
}

/* ---- validation ---- */

/* The trees whose ranges the tiling check merges: free, and busy and lazy per node. */
#define VMALLOC_RUNS_MAX	(1 + 2 * VMAP_NODES_MAX)

struct vmalloc_check {
	struct machine *m;
	char *err;
	size_t len;
	struct { unsigned long start, end; } *ranges;	/* every area of every tree */
	size_t nr_ranges, cap;
	size_t runs[VMALLOC_RUNS_MAX];	/* where each tree's ranges start in ranges[] */
	unsigned int nr_runs;
	unsigned char *seen;		/* pfns already met in an area */
	unsigned long pages;		/* pages of the busy vmalloc areas */
	unsigned long lazy_pages;	/* pages (guards included) of the lazy ranges */
};

#define FAIL(c, ...)	(snprintf((c)->err, (c)->len, __VA_ARGS__), -EUCLEAN)

static int add_range(struct vmalloc_check *c, const struct vmap_area *va)
{
	if (va->va_start >= va->va_end)
		return FAIL(c, "vmap area 0x%lx-0x%lx is empty or reversed", va->va_start, va->va_end);
	if (c->nr_ranges == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 256;
		void *p = realloc(c->ranges, cap * sizeof(*c->ranges));

		if (!p)
			return FAIL(c, "out of host memory while validating vmalloc");
		c->ranges = p;
		c->cap = cap;
	}
	c->ranges[c->nr_ranges].start = va->va_start;
	c->ranges[c->nr_ranges++].end = va->va_end;
	return 0;
}

/* Page @i of busy area @vm: recorded, mapped there, allocated, in no other area. */
static int check_area_page(struct vmalloc_check *c, const struct vm_struct *vm, unsigned int i)
{
	struct machine *m = c->m;
	struct page *page = vm_area_page(m, vm, i);
	unsigned long addr = vm->addr + (unsigned long)i * PAGE_SIZE, pfn;

	if (!page)
		return FAIL(c, "vmalloc area 0x%lx: page %u is not in its page array", vm->addr, i);
	pfn = page_to_pfn(m, page);
	if (kernel_lookup_pfn(m, addr) != (long)pfn)
		return FAIL(c, "vmalloc page 0x%lx maps pfn %ld, its area records pfn %#lx",
			    addr, kernel_lookup_pfn(m, addr), pfn);
	if (page->_refcount != 1 || PageBuddy(page))
		return FAIL(c, "vmalloc page 0x%lx (pfn %#lx) is free or shared (refcount %d)",
			    addr, pfn, page->_refcount);
	if (c->seen[pfn / 8] & (1u << (pfn % 8)))
		return FAIL(c, "pfn %#lx is in two vmalloc areas (again at 0x%lx)", pfn, addr);
	c->seen[pfn / 8] |= (unsigned char)(1u << (pfn % 8));
	return 0;
}

static int check_busy_area(struct vmalloc_check *c, const struct vmap_area *va, unsigned int nid)
{
	const struct vm_struct *vm = va->vm;
	struct machine *m = c->m;

	if (addr_to_node_id(m, va->va_start) != nid)
		return FAIL(c, "vmap area 0x%lx is in node %u's busy tree, belongs to %u",
			    va->va_start, nid, addr_to_node_id(m, va->va_start));
	if (!vm || vm->addr != va->va_start || vm->size != va_size(va))
		return FAIL(c, "vmap area 0x%lx-0x%lx and its vm_struct disagree", va->va_start, va->va_end);
	if (vm->flags & VM_UNINITIALIZED)
		return FAIL(c, "vmalloc area 0x%lx left uninitialized", vm->addr);
	if (vm->nr_pages != get_vm_area_size(vm) >> PAGE_SHIFT)
		return FAIL(c, "vmalloc area 0x%lx: %u pages for %lu bytes", vm->addr, vm->nr_pages,
			    get_vm_area_size(vm));
	for (unsigned int i = 0; i < vm->nr_pages; i++)
		if (check_area_page(c, vm, i))
			return -EUCLEAN;
	if (!(vm->flags & VM_NO_GUARD) && kernel_lookup_pfn(m, va->va_end - PAGE_SIZE) >= 0)
		return FAIL(c, "guard page 0x%lx of vmalloc area 0x%lx is mapped",
			    va->va_end - PAGE_SIZE, vm->addr);
	c->pages += vm->nr_pages;
	return add_range(c, va);
}

static int check_lazy_area(struct vmalloc_check *c, const struct vmap_area *va)
{
	unsigned long a = kernel_first_mapped(c->m, va->va_start, va->va_end);

	if (a < va->va_end)
		return FAIL(c, "lazily freed page 0x%lx is still mapped", a);
	c->lazy_pages += va_size(va) >> PAGE_SHIFT;
	return add_range(c, va);
}

static int check_free_area(struct vmalloc_check *c, struct rb_node *n)
{
	struct vmap_area *va = va_of(n);
	unsigned long want = max(va_size(va), max(subtree_max(n->rb_left), subtree_max(n->rb_right)));

	if (va->subtree_max_size != want)
		return FAIL(c, "free vmap area 0x%lx: subtree_max_size %lu, should be %lu",
			    va->va_start, va->subtree_max_size, want);
	return add_range(c, va);
}

/* Does a run (one tree's ranges) start at index @i? */
static bool is_run_start(const struct vmalloc_check *c, size_t i)
{
	for (unsigned int r = 0; r < c->nr_runs; r++)
		if (c->runs[r] == i)
			return true;
	return false;
}

/* One past the last index of run @r. */
static size_t run_end(const struct vmalloc_check *c, unsigned int r)
{
	return r + 1 < c->nr_runs ? c->runs[r + 1] : c->nr_ranges;
}

/* A new run begins: the next tree's ranges follow. */
static void begin_run(struct vmalloc_check *c)
{
	c->runs[c->nr_runs++] = c->nr_ranges;
}

static int cmp_range_start(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/*
 * The ranges in start order.  Each tree adds its ranges in order (a run,
 * c->runs[] marks where each starts); when every run is sorted, merging
 * them gives what sorting all would, in O(ranges * runs) instead of a
 * sort per call; a run out of order (a broken tree) falls back to qsort.
 */
static void sort_ranges(struct vmalloc_check *c)
{
	size_t pos[VMALLOC_RUNS_MAX + 1], n = c->nr_ranges;
	typeof(c->ranges) out;

	if (c->nr_runs > 8)		/* many vmap nodes: the merge would cost more */
		goto fallback;
	for (size_t i = 1; i < n; i++)
		if (c->ranges[i].start < c->ranges[i - 1].start && !is_run_start(c, i))
			goto fallback;
	out = malloc((n ? n : 1) * sizeof(*out));
	if (!out)
		goto fallback;
	for (unsigned int r = 0; r < c->nr_runs; r++)
		pos[r] = c->runs[r];
	for (size_t k = 0; k < n; k++) {
		unsigned int best = c->nr_runs;

		for (unsigned int r = 0; r < c->nr_runs; r++)
			if (pos[r] < run_end(c, r) && (best == c->nr_runs ||
			    c->ranges[pos[r]].start < c->ranges[pos[best]].start))
				best = r;
		out[k] = c->ranges[pos[best]++];
	}
	free(c->ranges);
	c->ranges = out;
	c->cap = n ? n : 1;
	return;
fallback:
	qsort(c->ranges, n, sizeof(*c->ranges), cmp_range_start);
}

/* Free, busy and lazy ranges tile [1, ULONG_MAX) with no gap or overlap. */
static int check_tiling(struct vmalloc_check *c)
{
	unsigned long expect = 1;

	sort_ranges(c);
	for (size_t i = 0; i < c->nr_ranges; i++) {
		if (c->ranges[i].start != expect)
			return FAIL(c, "vmap ranges %s at 0x%lx (expected 0x%lx)",
				    c->ranges[i].start < expect ? "overlap" : "leave a gap",
				    c->ranges[i].start, expect);
		expect = c->ranges[i].end;
	}
	if (expect != ~0UL)
		return FAIL(c, "vmap ranges end at 0x%lx, not at the top of the address space", expect);
	return 0;
}

static int validate_vmap_trees(struct vmalloc_check *c)
{
	struct vmap_state *vs = &c->m->vmap;

	begin_run(c);
	for (struct rb_node *n = rb_first(&vs->free_root); n; n = rb_next(n))
		if (check_free_area(c, n))
			return -EUCLEAN;
	for (unsigned int i = 0; i < vs->nr_vmap_nodes; i++) {
		begin_run(c);
		for (struct rb_node *n = rb_first(&vs->nodes[i].busy); n; n = rb_next(n))
			if (check_busy_area(c, va_of(n), i))
				return -EUCLEAN;
		begin_run(c);
		for (struct rb_node *n = rb_first(&vs->nodes[i].lazy); n; n = rb_next(n))
			if (check_lazy_area(c, va_of(n)))
				return -EUCLEAN;
	}
	if (check_tiling(c))
		return -EUCLEAN;
	if (c->pages != vs->nr_vmalloc_pages)
		return FAIL(c, "vmalloc areas hold %lu pages, nr_vmalloc_pages is %lu",
			    c->pages, vs->nr_vmalloc_pages);
	if (c->lazy_pages != vs->vmap_lazy_nr)
		return FAIL(c, "lazy ranges hold %lu pages, vmap_lazy_nr is %lu",
			    c->lazy_pages, vs->vmap_lazy_nr);
	return 0;
}

int validate_vmalloc(struct machine *m, char *err, size_t len)
{
	struct vmalloc_check c = { .m = m, .err = err, .len = len };
	int ret = 0;

	err[0] = '\0';
	if (m->vmap.initialized) {
		c.seen = calloc(m->max_pfn / 8 + 1, 1);
		ret = c.seen ? validate_vmap_trees(&c)
			     : FAIL(&c, "out of host memory while validating vmalloc");
		free(c.seen);
		free(c.ranges);
	}
	return ret ? ret : validate_kernel_pgtables(m, err, len);
}
