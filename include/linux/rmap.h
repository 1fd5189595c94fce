/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reverse mapping of anonymous pages (Linux's include/linux/rmap.h,
 * mm/rmap.c, the anon part of mm/interval_tree.c): struct anon_vma and
 * struct anon_vma_chain, their life with the VMAs (anon_vma_prepare at a
 * VMA's first fault, anon_vma_clone on split and mremap, anon_vma_fork,
 * unlink_anon_vmas when a VMA goes), the per-page rmap calls the fault,
 * fork and zap paths make (folio_add_new_anon_rmap,
 * folio_try_dup_anon_rmap_pte, folio_remove_rmap_pte, folio_get/put),
 * and rmap_walk_anon, which finds every PTE mapping a page.
 *
 * Both structs live in simulated RAM: objects of m->anon_vma_cachep and
 * m->anon_vma_chain_cachep, so /proc/slabinfo counts them as on Linux.
 * mmsim has one thread per mm at a time: no rwsem, no RCU, and the
 * refcount is a plain int.  Small folios (4K pages) only.
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <stddef.h>
#include "linux/list.h"
#include "linux/rbtree.h"
#include "linux/mm_types.h"
#include "linux/page-flags.h"

struct machine;
struct vm_area_struct;

/*
 * Linux 6.18's sizeof(struct anon_vma) and sizeof(struct anon_vma_chain)
 * (/sys/kernel/slab/X/object_size); mmsim's structs must fit
 * (static_assert in mm/rmap.c).
 */
#define ANON_VMA_OBJECT_SIZE		96
#define ANON_VMA_CHAIN_OBJECT_SIZE	64

/*
 * One anon_vma: the pages a VMA (and, after fork, its descendants' VMAs)
 * faulted in point to it through page->mapping.  A fork makes the
 * child's VMA a new anon_vma whose parent is the parent VMA's, all of a
 * family sharing one root.
 */
struct anon_vma {
	struct anon_vma *root;		/* root of the family (itself for a root) */
	int refcount;			/* 1 while any chain links it, +1 on a root
					 * per other anon_vma of its family; freed
					 * at 0 (put_anon_vma) */
	unsigned long num_children;	/* anon_vmas whose parent is this one
					 * (a root counts itself: self-parent) */
	unsigned long num_active_vmas;	/* VMAs whose ->anon_vma is this one */
	struct anon_vma *parent;	/* the anon_vma it was forked from (itself
					 * for a root) */
	struct rb_root rb_root;		/* interval tree of the anon_vma_chains
					 * linking it, keyed by each chain's VMA's
					 * page range [vm_pgoff, vm_pgoff+pages-1] */
};

/*
 * One link between a VMA and an anon_vma whose pages it may map: in the
 * VMA's anon_vma_chain list (same_vma, newest first) and in the
 * anon_vma's interval tree (rb).
 */
struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;	/* vma->anon_vma_chain */
	struct rb_node rb;		/* anon_vma->rb_root */
	unsigned long rb_subtree_last;	/* largest last pgoff in the subtree */
};

/* anon_vma_init - create the anon_vma and anon_vma_chain caches.  Boot only. */
void anon_vma_init(struct machine *m);

/* ---- anon_vmas and VMAs (mm/rmap.c) ---- */

/*
 * anon_vma_prepare - make sure @vma has an anon_vma before a page is
 * mapped in it (Linux's __anon_vma_prepare): an adjacent compatible
 * VMA's (find_mergeable_anon_vma) or a new root, linked by a new chain.
 * 0, or -ENOMEM (no slab object; nothing changed).  Callers: the fault
 * path (do_anonymous_page, wp_page_copy).
 */
int anon_vma_prepare(struct machine *m, struct vm_area_struct *vma);

/*
 * anon_vma_clone - link @dst (its range already set) to every anon_vma
 * @src is linked to, as Linux's anon_vma_clone: one new chain each; when
 * @dst has no anon_vma yet and @src does, it may take over one with no
 * active VMA and at most one child (the 6.x reuse); @dst->anon_vma's
 * num_active_vmas counts @dst.  Callers: __split_vma, merges that give a
 * VMA without anon_vma its neighbour's, mremap's copy_vma (which must
 * call it instead of copying vma->anon_vma), anon_vma_fork.  0 or
 * -ENOMEM (@dst left without chains or anon_vma).
 */
int anon_vma_clone(struct machine *m, struct vm_area_struct *dst, struct vm_area_struct *src);

/*
 * anon_vma_fork - fork's link of the child's copy @vma of @pvma: clone
 * @pvma's chains, then (unless a reusable one was found) a new anon_vma
 * whose parent is @pvma's and root its root.  Nothing to do when @pvma
 * has no anon_vma.  0 or -ENOMEM (@vma left unlinked).  Caller: dup_mmap.
 */
int anon_vma_fork(struct machine *m, struct vm_area_struct *vma, struct vm_area_struct *pvma);

/*
 * unlink_anon_vmas - take @vma out of every anon_vma it is linked to and
 * free its chains; an anon_vma whose tree empties drops its reference
 * (freed, and its root's reference dropped, at 0).  vma->anon_vma
 * becomes NULL.  Call once the VMA's pages are zapped, before the VMA
 * is freed (vm_area_free does it).
 */
void unlink_anon_vmas(struct machine *m, struct vm_area_struct *vma);

/*
 * anon_vma_range_change / anon_vma_range_done - around a change of
 * vm_start, vm_end or vm_pgoff of a VMA with chains (Linux's
 * anon_vma_interval_tree_pre_update_vma / _post_update_vma): take its
 * chains out of their trees, then put them back under the new key.
 * vma_expand (mm/vma.c) calls them.
 */
void anon_vma_range_change(struct vm_area_struct *vma);
void anon_vma_range_done(struct vm_area_struct *vma);

/*
 * vma_had_uncowed_parents - @vma has an anon_vma and more than one
 * chain (it was forked and has pages it may share with an ancestor):
 * such a VMA's anon_vma is not handed to a neighbour in a merge.
 */
bool vma_had_uncowed_parents(const struct vm_area_struct *vma);

/* ---- pages (mm/rmap.c) ---- */

/* folio_anon_vma - the anon_vma of anonymous @page, or NULL. */
static inline struct anon_vma *folio_anon_vma(const struct page *page)
{
	if (!PageAnon(page))
		return NULL;
	return (struct anon_vma *)((unsigned long)page->mapping & ~PAGE_MAPPING_ANON);
}

/* page_mapcount - how many PTEs map @page (_mapcount + 1). */
static inline int page_mapcount(const struct page *page)
{
	return page->_mapcount + 1;
}

static inline bool PageAnonExclusive(const struct page *p)
{
	return p->flags & (1UL << PG_anon_exclusive);
}
static inline void SetPageAnonExclusive(struct page *p) { p->flags |= 1UL << PG_anon_exclusive; }
static inline void ClearPageAnonExclusive(struct page *p) { p->flags &= ~(1UL << PG_anon_exclusive); }

/* folio_get - take a reference on @page (a mapping's, or a caller's). */
static inline void folio_get(struct page *page)
{
	page->_refcount++;
}

/*
 * folio_put - drop a reference; the last one frees the page (mapping,
 * index and its anon flags cleared first, as free_pages_prepare does).
 */
void folio_put(struct machine *m, struct page *page);

/*
 * folio_add_new_anon_rmap - a page just allocated for @vma (which has its
 * anon_vma) is mapped at @address for the first time: PG_swapbacked,
 * mapping = @vma->anon_vma | PAGE_MAPPING_ANON, index = its linear page
 * index, _mapcount 0, PG_anon_exclusive; NR_ANON_MAPPED + 1.  The
 * caller's reference (from the allocation) becomes the PTE's.
 */
void folio_add_new_anon_rmap(struct machine *m, struct page *page, struct vm_area_struct *vma,
			     unsigned long address);

/*
 * folio_try_dup_anon_rmap_pte - fork maps @page a second time (the
 * child's PTE): PG_anon_exclusive cleared, _mapcount + 1; NR_ANON_MAPPED
 * unchanged (it counts pages, not mappings).  The caller takes the
 * reference (folio_get).  Always 0: no page is DMA-pinned in mmsim.
 */
int folio_try_dup_anon_rmap_pte(struct page *page);

/*
 * folio_remove_rmap_pte - a PTE mapping @page is gone: _mapcount - 1,
 * NR_ANON_MAPPED - 1 when that was the last mapping.  The PTE's reference
 * is the caller's to drop (folio_put).
 */
void folio_remove_rmap_pte(struct machine *m, struct page *page);

/*
 * folio_move_anon_rmap - a reused page now belongs to @vma alone:
 * page->mapping becomes @vma->anon_vma (do_wp_page's reuse).
 */
void folio_move_anon_rmap(struct page *page, struct vm_area_struct *vma);

/*
 * linear_page_index - the page index of @address in @vma (what
 * page->index holds for an anonymous page mapped there).
 */
unsigned long linear_page_index(const struct vm_area_struct *vma, unsigned long address);

/*
 * rmap_walk_anon - call @rmap_one(@page, vma, address, @arg) for every
 * (VMA, address) whose PTE maps @page: the VMAs chained to the page's
 * anon_vma whose range covers page->index (the interval tree), checked
 * against the page tables (page_vma_mapped).  @rmap_one returns false to
 * stop.  Returns how many mappings were visited.  Nothing for a page that
 * is not anonymous.
 */
typedef bool (*rmap_one_t)(struct page *page, struct vm_area_struct *vma, unsigned long address,
			   void *arg);
unsigned int rmap_walk_anon(struct machine *m, struct page *page, rmap_one_t rmap_one, void *arg);

/*
 * validate_rmap - every anonymous page mapped by a PTE: page_mapcount
 * equals the PTEs found, _refcount at least that, its anon_vma (and its
 * root) live and chained to every VMA mapping it, page->index the linear
 * index of every address; rmap_walk_anon finds exactly those PTEs (for
 * pages mapped more than once); every VMA's chains in their anon_vma's
 * tree, vma->anon_vma among them, num_active_vmas, num_children and
 * refcounts right (each anon_vma's parent and root live).  Leaks of
 * whole objects are not seen here (tests compare slab counts).  0 or
 * -EUCLEAN with the first problem in @err.  Called by mmsim_validate
 * through validate_anon_ptes.
 */
int validate_rmap(struct machine *m, char *err, size_t len);

#endif
