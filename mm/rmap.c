// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reverse mapping of anonymous pages (Linux 6.18's mm/rmap.c): the
 * anon_vma and anon_vma_chain objects, their life beside the VMAs, the
 * per-page rmap calls and rmap_walk_anon.
 *
 * A private anonymous VMA gets an anon_vma at its first write fault
 * (anon_vma_prepare; a neighbour's is reused when compatible).  Each
 * page it maps records the anon_vma in page->mapping and its linear page
 * index in page->index.  A VMA may map pages of several anon_vmas (after
 * fork, its ancestors'): one anon_vma_chain per (VMA, anon_vma), in the
 * VMA's list and in the anon_vma's interval tree (mm/anon_vma_tree.c).
 * Fork gives the child's VMA the parent's chains plus its own anon_vma
 * (or reuses one left with no VMA and one child: the 6.x rule that keeps
 * fork loops from growing chains without end).  A page is found from its
 * anon_vma by the VMAs of the tree covering page->index.
 *
 * The anon_vma cache is type-safe by RCU with a constructor, so its free
 * pointer sits after the object (104-byte slots, as on Linux);
 * anon_vma_chain is 64 bytes and fs_cache merges into it.
 *
 * Leaves out: locking (rwsem, RCU: one thread), KSM, large folios,
 * try_to_unmap / folio_referenced / migration walks (their issues),
 * file rmap (the page-cache issue), DMA pins (fork never copies a page
 * early).  Callers: mm/memory_fault.c, mm/memory_copy.c, mm/vma.c,
 * mm/mmap.c (dup_mmap), kernel/fork.c (anon_vma_init).
 */
#include <errno.h>
#include <string.h>
#include "linux/machine.h"
#include "linux/rmap.h"
#include "linux/anon_vma_tree.h"
#include "linux/mm.h"
#include "linux/mm_struct.h"
#include "linux/pgtable.h"
#include "linux/slab.h"
#include "linux/vmstat.h"
#include "linux/gfp.h"
#include "linux/pagevec.h"

_Static_assert(sizeof(struct anon_vma) <= ANON_VMA_OBJECT_SIZE,
	       "struct anon_vma must fit the anon_vma cache's objects");
_Static_assert(sizeof(struct anon_vma_chain) <= ANON_VMA_CHAIN_OBJECT_SIZE,
	       "struct anon_vma_chain must fit the anon_vma_chain cache's objects");

/*
 * Linux's anon_vma_ctor initialises the rwsem, the refcount and the
 * interval tree root once per object: here a zeroed object is that state
 * (refcount 0, empty tree).
 */
static void anon_vma_ctor(void *data)
{
	memset(data, 0, ANON_VMA_OBJECT_SIZE);
}

void anon_vma_init(struct machine *m)
{
	m->anon_vma_cachep = kmem_cache_create(m, "anon_vma", ANON_VMA_OBJECT_SIZE, 0,
					       SLAB_TYPESAFE_BY_RCU | SLAB_PANIC | SLAB_ACCOUNT,
					       anon_vma_ctor);
	/* KMEM_CACHE(anon_vma_chain, ...): aligned as the struct, 8 bytes */
	m->anon_vma_chain_cachep = kmem_cache_create(m, "anon_vma_chain",
						     ANON_VMA_CHAIN_OBJECT_SIZE, 8,
						     SLAB_PANIC | SLAB_ACCOUNT, NULL);
}

/* ---- the objects ---- */

/* A new root anon_vma: refcount 1, its own parent and root. */
static struct anon_vma *anon_vma_alloc(struct machine *m)
{
	struct anon_vma *av = kmem_cache_alloc(m, m->anon_vma_cachep, GFP_KERNEL);

	if (!av)
		return NULL;
	av->refcount = 1;
	av->num_children = 0;
	av->num_active_vmas = 0;
	av->parent = av;
	av->root = av;
	av->rb_root = RB_ROOT;
	return av;
}

static void anon_vma_free(struct machine *m, struct anon_vma *av)
{
	kmem_cache_free(m, m->anon_vma_cachep, av);
}

/* put_anon_vma: the last reference frees it, then drops its root's. */
static void put_anon_vma(struct machine *m, struct anon_vma *av)
{
	struct anon_vma *root = av->root;

	if (--av->refcount > 0)
		return;
	anon_vma_free(m, av);			/* __put_anon_vma */
	if (root != av && --root->refcount == 0)
		anon_vma_free(m, root);
}

static struct anon_vma_chain *anon_vma_chain_alloc(struct machine *m)
{
	return kmem_cache_alloc(m, m->anon_vma_chain_cachep, GFP_KERNEL);
}

static void anon_vma_chain_free(struct machine *m, struct anon_vma_chain *avc)
{
	kmem_cache_free(m, m->anon_vma_chain_cachep, avc);
}

/* A VMA made outside vm_area_alloc (a test's) has a zeroed list head. */
static bool chains_empty(const struct vm_area_struct *vma)
{
	return !vma->anon_vma_chain.next || list_empty(&vma->anon_vma_chain);
}

static void anon_vma_chain_link(struct vm_area_struct *vma, struct anon_vma_chain *avc,
				struct anon_vma *av)
{
	if (!vma->anon_vma_chain.next)
		INIT_LIST_HEAD(&vma->anon_vma_chain);
	avc->vma = vma;
	avc->anon_vma = av;
	list_add(&avc->same_vma, &vma->anon_vma_chain);
	anon_vma_interval_tree_insert(avc, &av->rb_root);
}

/* ---- VMAs ---- */

/*
 * anon_vma_compatible: @b follows @a directly, same file, flags equal
 * but for read/write/exec and soft-dirty, pgoff contiguous.
 */
static bool anon_vma_compatible(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_file == b->vm_file &&
	       !((a->vm_flags ^ b->vm_flags) & ~(VM_READ | VM_WRITE | VM_EXEC | VM_SOFTDIRTY)) &&
	       b->vm_pgoff == a->vm_pgoff + ((b->vm_start - a->vm_start) >> PAGE_SHIFT);
}

/* reusable_anon_vma: @old's anon_vma if it has only that one chain. */
static struct anon_vma *reusable_anon_vma(struct vm_area_struct *old, struct vm_area_struct *a,
					  struct vm_area_struct *b)
{
	if (old && anon_vma_compatible(a, b) && old->anon_vma && !chains_empty(old) &&
	    old->anon_vma_chain.next->next == &old->anon_vma_chain)	/* list_is_singular */
		return old->anon_vma;
	return NULL;
}

/* find_mergeable_anon_vma: the next VMA's, else the previous one's. */
static struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma)
{
	struct anon_vma *av = NULL;

	if (vma->vm_next)
		av = reusable_anon_vma(vma->vm_next, vma, vma->vm_next);
	if (!av && vma->vm_prev)
		av = reusable_anon_vma(vma->vm_prev, vma->vm_prev, vma);
	return av;
}

int anon_vma_prepare(struct machine *m, struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;
	struct anon_vma *av;

	if (vma->anon_vma)
		return 0;
	avc = anon_vma_chain_alloc(m);
	if (!avc)
		return -ENOMEM;
	av = find_mergeable_anon_vma(vma);
	if (!av) {
		av = anon_vma_alloc(m);
		if (!av) {
			anon_vma_chain_free(m, avc);
			return -ENOMEM;
		}
		av->num_children++;		/* self-parent link for a new root */
	}
	vma->anon_vma = av;
	anon_vma_chain_link(vma, avc, av);
	av->num_active_vmas++;
	return 0;
}

int anon_vma_clone(struct machine *m, struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct list_head *pos;

	if (!dst->anon_vma_chain.next)
		INIT_LIST_HEAD(&dst->anon_vma_chain);
	if (chains_empty(src))
		return 0;
	/* oldest first, so @dst's list ends up in @src's order */
	for (pos = src->anon_vma_chain.prev; pos != &src->anon_vma_chain; pos = pos->prev) {
		struct anon_vma_chain *pavc = list_entry(pos, struct anon_vma_chain, same_vma);
		struct anon_vma_chain *avc = anon_vma_chain_alloc(m);
		struct anon_vma *av = pavc->anon_vma;

		if (!avc) {
			dst->anon_vma = NULL;
			unlink_anon_vmas(m, dst);
			return -ENOMEM;
		}
		anon_vma_chain_link(dst, avc, av);
		/*
		 * Reuse an anon_vma with no VMA and at most one child (never
		 * a root: it is its own child and has another).
		 */
		if (!dst->anon_vma && src->anon_vma && av->num_children < 2 &&
		    av->num_active_vmas == 0)
			dst->anon_vma = av;
	}
	if (dst->anon_vma)
		dst->anon_vma->num_active_vmas++;
	return 0;
}

int anon_vma_fork(struct machine *m, struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma_chain *avc;
	struct anon_vma *av;

	if (!pvma->anon_vma)
		return 0;
	vma->anon_vma = NULL;			/* reuse one, or a new one below */
	if (anon_vma_clone(m, vma, pvma))
		return -ENOMEM;
	if (vma->anon_vma)
		return 0;			/* an existing anon_vma was reused */
	av = anon_vma_alloc(m);
	if (!av)
		goto out_error;
	av->num_active_vmas++;
	avc = anon_vma_chain_alloc(m);
	if (!avc) {
		put_anon_vma(m, av);
		goto out_error;
	}
	av->root = pvma->anon_vma->root;
	av->parent = pvma->anon_vma;
	av->root->refcount++;			/* get_anon_vma(root) */
	vma->anon_vma = av;
	anon_vma_chain_link(vma, avc, av);
	av->parent->num_children++;
	return 0;
out_error:
	unlink_anon_vmas(m, vma);
	return -ENOMEM;
}

void unlink_anon_vmas(struct machine *m, struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *next;

	if (chains_empty(vma)) {
		vma->anon_vma = NULL;
		return;
	}
	/* newest first: a child anon_vma goes before its parent and root */
	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *av = avc->anon_vma;

		anon_vma_interval_tree_remove(avc, &av->rb_root);
		if (RB_EMPTY_ROOT(&av->rb_root)) {
			av->parent->num_children--;	/* freed below */
			continue;
		}
		list_del(&avc->same_vma);
		anon_vma_chain_free(m, avc);
	}
	if (vma->anon_vma) {
		vma->anon_vma->num_active_vmas--;
		vma->anon_vma = NULL;
	}
	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		put_anon_vma(m, avc->anon_vma);
		list_del(&avc->same_vma);
		anon_vma_chain_free(m, avc);
	}
}

void anon_vma_range_change(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;

	if (chains_empty(vma))
		return;
	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		anon_vma_interval_tree_remove(avc, &avc->anon_vma->rb_root);
}

void anon_vma_range_done(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;

	if (chains_empty(vma))
		return;
	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		anon_vma_interval_tree_insert(avc, &avc->anon_vma->rb_root);
}

bool vma_had_uncowed_parents(const struct vm_area_struct *vma)
{
	return vma && vma->anon_vma && !chains_empty(vma) &&
	       vma->anon_vma_chain.next->next != &vma->anon_vma_chain;
}

/* ---- pages ---- */

unsigned long linear_page_index(const struct vm_area_struct *vma, unsigned long address)
{
	return ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

void folio_put(struct machine *m, struct page *page)
{
	if (page->_refcount > 1) {		/* folio_put_testzero false */
		page->_refcount--;
		return;
	}
	page->mapping = NULL;			/* free_pages_prepare */
	page->index = 0;
	__free_pages(m, page, 0);
}

void folio_add_new_anon_rmap(struct machine *m, struct page *page, struct vm_area_struct *vma,
			     unsigned long address)
{
	page->flags |= 1UL << PG_swapbacked;	/* __folio_set_swapbacked */
	page->mapping = (void *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON);
	page->index = linear_page_index(vma, address);
	page->_mapcount = 0;
	SetPageAnonExclusive(page);
	mod_node_page_state(NODE_DATA(m, page->nid), NR_ANON_MAPPED, 1);
	if ((vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) == VM_LOCKED)
		mlock_new_folio(m, page);	/* folio_add_lru_vma (mm/mlock.c) */
}

int folio_try_dup_anon_rmap_pte(struct page *page)
{
	ClearPageAnonExclusive(page);
	page->_mapcount++;
	return 0;
}

void folio_remove_rmap_pte(struct machine *m, struct page *page)
{
	if (--page->_mapcount < 0)		/* atomic_add_negative: the last */
		mod_node_page_state(NODE_DATA(m, page->nid), NR_ANON_MAPPED, -1);
	if (page->flags & (1UL << PG_mlocked))	/* munlock_vma_folio (mm/mlock.c) */
		munlock_folio(m, page);
}

void folio_move_anon_rmap(struct page *page, struct vm_area_struct *vma)
{
	page->mapping = (void *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON);
}

/* page_vma_mapped_walk for one small page: does @vma's PTE at @address map it? */
static bool page_vma_mapped(struct machine *m, struct page *page, struct vm_area_struct *vma,
			    unsigned long address)
{
	pte_t *pte = mm_find_pte(m, vma->vm_mm, address);

	return pte && pte_present(*pte) && !pte_special(*pte) &&
	       pte_pfn(*pte) == page_to_pfn(m, page);
}

unsigned int rmap_walk_anon(struct machine *m, struct page *page, rmap_one_t rmap_one, void *arg)
{
	struct anon_vma *av = folio_anon_vma(page);
	struct anon_vma_chain *avc;
	unsigned int visited = 0;

	if (!av)
		return 0;
	anon_vma_interval_tree_foreach(avc, &av->rb_root, page->index, page->index) {
		struct vm_area_struct *vma = avc->vma;
		unsigned long address = vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);

		if (!page_vma_mapped(m, page, vma, address))
			continue;
		visited++;
		if (!rmap_one(page, vma, address, arg))
			break;
	}
	return visited;
}
