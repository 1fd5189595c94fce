// SPDX-License-Identifier: GPL-2.0-only
/*
 * The rmap and anonymous-PTE validator (validate_anon_ptes, run by
 * mmsim_validate after every command under --validate): what Linux's
 * CONFIG_DEBUG_VM checks piecemeal (VM_BUG_ON_FOLIO on mapcounts,
 * validate_mm's anon_vma interval-tree checks), as one pass.
 *
 * Pass 1 walks every VMA of every mm (m->pgd_list) and the PTEs inside
 * it: special PTEs map only the zero page; a normal PTE maps an in-use
 * anonymous page whose anon_vma is one of the VMA's chains and whose
 * index is the address's linear index, mapped by no more PTEs than its
 * mapcount; per mm the pages found equal MM_ANONPAGES.  The VMA's chains
 * must each be in their anon_vma's tree, vma->anon_vma among them.
 * Pass 2 takes each page found: page_mapcount equals its PTEs, the
 * refcount is at least that, and rmap_walk_anon reaches exactly that
 * many; the pages equal NR_ANON_MAPPED.  Pass 3 takes every anon_vma
 * reachable (chained, or a root of one): tree size and rb_subtree_last,
 * num_active_vmas, num_children and refcount as the family implies.
 * Cost: linear in mapped pages, VMAs and chains.
 *
 * Leaves out: a slab-level leak check (fs_cache shares the
 * anon_vma_chain cache; the tests compare slab counts instead), PTEs
 * outside every VMA (validate_user_pgtables owns the tables).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/anon_vma_tree.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/pgtable.h"
#include "linux/rmap.h"
#include "linux/vmstat.h"

/* One page found mapped: how many PTEs map it. */
struct pfn_count {
	unsigned long pfn;
	unsigned int ptes;
};

/* What the walk found about one anon_vma. */
struct av_info {
	struct anon_vma *av;
	unsigned long chains;		/* chains linking it, from the VMAs */
	unsigned long active;		/* VMAs with ->anon_vma == av */
	unsigned long kids;		/* other anon_vmas whose parent is av */
	unsigned long family;		/* other anon_vmas whose root is av */
};

/* The validator's state (one call). */
struct rmap_check {
	struct machine *m;
	struct pfn_count *pfns;		/* each pfn found, once, with its PTEs */
	unsigned long nr_pfns, cap_pfns;
	unsigned long *pfn_hash;	/* open addressing: index+1 into pfns */
	unsigned long pfn_hash_size;	/* power of two, > 2 * cap_pfns */
	struct av_info *avs;		/* anon_vmas seen */
	unsigned long nr_avs, cap_avs;
	unsigned long *hash;		/* open addressing: index+1 into avs, 0 empty */
	unsigned long hash_size;	/* power of two, > 2 * cap_avs */
	long found;			/* normal pages mapped in the current mm */
	const struct anon_vma *chained;	/* an anon_vma found chained to the current VMA */
	char *err;
	size_t len;
};

#define BAD(c, ...) do { snprintf((c)->err, (c)->len, __VA_ARGS__); return -EUCLEAN; } while (0)

static unsigned long av_hash(const struct anon_vma *av, unsigned long size)
{
	return (((unsigned long)av >> 3) * 0x9E3779B97F4A7C15UL) & (size - 1);
}

static int av_rehash(struct rmap_check *c)
{
	unsigned long size = c->hash_size ? c->hash_size * 2 : 256, i;
	unsigned long *h = calloc(size, sizeof(*h));

	if (!h)
		return -ENOMEM;
	for (i = 0; i < c->nr_avs; i++) {
		unsigned long k = av_hash(c->avs[i].av, size);

		while (h[k])
			k = (k + 1) & (size - 1);
		h[k] = i + 1;
	}
	free(c->hash);
	c->hash = h;
	c->hash_size = size;
	return 0;
}

/* The entry of @av, added if new; NULL when out of host memory. */
static struct av_info *av_get(struct rmap_check *c, struct anon_vma *av)
{
	unsigned long k;

	if (2 * (c->nr_avs + 1) >= c->hash_size && av_rehash(c))
		return NULL;
	for (k = av_hash(av, c->hash_size); c->hash[k]; k = (k + 1) & (c->hash_size - 1))
		if (c->avs[c->hash[k] - 1].av == av)
			return &c->avs[c->hash[k] - 1];
	if (c->nr_avs == c->cap_avs) {
		unsigned long cap = c->cap_avs ? c->cap_avs * 2 : 64;
		struct av_info *n = realloc(c->avs, cap * sizeof(*n));

		if (!n)
			return NULL;
		c->avs = n;
		c->cap_avs = cap;
	}
	c->avs[c->nr_avs] = (struct av_info){ .av = av };
	c->hash[k] = ++c->nr_avs;
	return &c->avs[c->nr_avs - 1];
}

/* The entry of @av if seen, else NULL. */
static struct av_info *av_find(struct rmap_check *c, const struct anon_vma *av)
{
	unsigned long k;

	if (!c->hash_size)
		return NULL;
	for (k = av_hash(av, c->hash_size); c->hash[k]; k = (k + 1) & (c->hash_size - 1))
		if (c->avs[c->hash[k] - 1].av == av)
			return &c->avs[c->hash[k] - 1];
	return NULL;
}

static bool av_known(struct rmap_check *c, const struct anon_vma *av)
{
	return av_find(c, av) != NULL;
}

/*
 * Room for @n pfns and @avs anon_vmas before any growth: sized from
 * NR_ANON_MAPPED, a walk that agrees with the counters allocates once.
 */
static int reserve(struct rmap_check *c, unsigned long n, unsigned long avs)
{
	unsigned long size = 1024;

	while (size <= 2 * (n + 1))
		size *= 2;
	c->pfns = malloc(n * sizeof(*c->pfns));
	c->pfn_hash = calloc(size, sizeof(*c->pfn_hash));
	if (!c->pfns || !c->pfn_hash)
		return -ENOMEM;
	c->cap_pfns = n;
	c->pfn_hash_size = size;
	for (size = 256; size <= 2 * (avs + 1); size *= 2)
		;
	c->avs = malloc(avs * sizeof(*c->avs));
	c->hash = calloc(size, sizeof(*c->hash));
	if (!c->avs || !c->hash)
		return -ENOMEM;
	c->cap_avs = avs;
	c->hash_size = size;
	return 0;
}

/* The count of @pfn, added at 0 if new; NULL when out of host memory. */
static struct pfn_count *pfn_get(struct rmap_check *c, unsigned long pfn)
{
	unsigned long k, mask;

	if (2 * (c->nr_pfns + 1) >= c->pfn_hash_size) {	/* grow: rehash */
		unsigned long size = c->pfn_hash_size ? c->pfn_hash_size * 2 : 1024, i;
		unsigned long *h = calloc(size, sizeof(*h));

		if (!h)
			return NULL;
		for (i = 0; i < c->nr_pfns; i++) {
			for (k = (c->pfns[i].pfn * 0x9E3779B97F4A7C15UL) & (size - 1); h[k];
			     k = (k + 1) & (size - 1))
				;
			h[k] = i + 1;
		}
		free(c->pfn_hash);
		c->pfn_hash = h;
		c->pfn_hash_size = size;
	}
	mask = c->pfn_hash_size - 1;
	for (k = (pfn * 0x9E3779B97F4A7C15UL) & mask; c->pfn_hash[k]; k = (k + 1) & mask)
		if (c->pfns[c->pfn_hash[k] - 1].pfn == pfn)
			return &c->pfns[c->pfn_hash[k] - 1];
	if (c->nr_pfns == c->cap_pfns) {
		unsigned long cap = c->cap_pfns ? c->cap_pfns * 2 : 512;
		struct pfn_count *n = realloc(c->pfns, cap * sizeof(*n));

		if (!n)
			return NULL;
		c->pfns = n;
		c->cap_pfns = cap;
	}
	c->pfns[c->nr_pfns] = (struct pfn_count){ .pfn = pfn };
	c->pfn_hash[k] = ++c->nr_pfns;
	return &c->pfns[c->nr_pfns - 1];
}

/* ---- pass 1: VMAs, their chains and PTEs ---- */

static bool avc_in_tree(struct anon_vma_chain *avc)
{
	struct anon_vma_chain *x;
	unsigned long pgoff = avc->vma->vm_pgoff;

	anon_vma_interval_tree_foreach(x, &avc->anon_vma->rb_root, pgoff, pgoff)
		if (x == avc)
			return true;
	return false;
}

static int check_chains(struct rmap_check *c, struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;
	bool own = false;

	if (!vma->anon_vma_chain.next || list_empty(&vma->anon_vma_chain)) {
		if (vma->anon_vma)
			BAD(c, "vma %lx-%lx has an anon_vma but no anon_vma_chain", vma->vm_start,
			    vma->vm_end);
		return 0;
	}
	if (!vma->anon_vma)
		BAD(c, "vma %lx-%lx has chains but no anon_vma", vma->vm_start, vma->vm_end);
	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma) {
		struct av_info *info;

		if (avc->vma != vma)
			BAD(c, "vma %lx-%lx: a chain on its list names another VMA", vma->vm_start,
			    vma->vm_end);
		if (!avc_in_tree(avc))
			BAD(c, "vma %lx-%lx: a chain is missing from its anon_vma's interval tree",
			    vma->vm_start, vma->vm_end);
		info = av_get(c, avc->anon_vma);
		if (!info)
			return 0;		/* host out of memory: give up quietly */
		info->chains++;
		own |= avc->anon_vma == vma->anon_vma;
	}
	if (!own)
		BAD(c, "vma %lx-%lx: its anon_vma is not among its chains", vma->vm_start,
		    vma->vm_end);
	av_get(c, vma->anon_vma)->active++;
	return 0;
}

static bool vma_chained_to(const struct vm_area_struct *vma, const struct anon_vma *av)
{
	struct anon_vma_chain *avc;

	if (!vma->anon_vma_chain.next)
		return false;
	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		if (avc->anon_vma == av)
			return true;
	return false;
}

static int check_pte(struct rmap_check *c, struct vm_area_struct *vma, pte_t pte,
		     unsigned long addr)
{
	unsigned long pfn = pte_pfn(pte);
	const struct anon_vma *av;
	struct pfn_count *pc;
	struct page *page;

	if (!pte_present(pte))
		return 0;
	if (pte_special(pte)) {
		if (pfn == my_zero_pfn(c->m))
			return 0;
		BAD(c, "special PTE at %#lx maps pfn %#lx, not the zero page", addr, pfn);
	}
	page = pfn_valid(c->m, pfn) ? pfn_to_page(c->m, pfn) : NULL;
	if (!page || page->_refcount < 1 || page->_mapcount < 0 || page->page_type != PGTY_none)
		BAD(c, "PTE at %#lx maps pfn %#lx: not an in-use mapped page", addr, pfn);
	pc = pfn_get(c, pfn);
	if (!pc)
		return -ENOMEM;
	if (++pc->ptes > (unsigned int)page_mapcount(page))
		BAD(c, "pfn %#lx mapped by more PTEs than its mapcount %d (again at %#lx)", pfn,
		    page_mapcount(page), addr);
	if (!PageAnon(page))
		BAD(c, "PTE at %#lx maps pfn %#lx, which is not anonymous", addr, pfn);
	/* pages of one VMA mostly share an anon_vma: its chain list is walked once */
	av = folio_anon_vma(page);
	if (!av || av != c->chained) {
		if (!vma_chained_to(vma, av))
			BAD(c, "pfn %#lx at %#lx: its anon_vma is not chained to vma %lx-%lx", pfn,
			    addr, vma->vm_start, vma->vm_end);
		c->chained = av;
	}
	if (page->index != linear_page_index(vma, addr))
		BAD(c, "pfn %#lx at %#lx: index %#lx, linear index %#lx", pfn, addr, page->index,
		    linear_page_index(vma, addr));
	c->found++;
	return 0;
}

/* Every PTE of [@addr, @end) in @vma's mm (tables that exist only). */
static int check_vma_ptes(struct rmap_check *c, struct vm_area_struct *vma)
{
	struct machine *m = c->m;
	unsigned long addr = vma->vm_start, end = vma->vm_end;

	c->chained = NULL;		/* nothing known chained to this VMA yet */
	while (addr < end) {
		p4d_t *p4d = p4d_offset(pgd_offset(vma->vm_mm, addr), addr);
		pud_t *pud = pud_offset(m, p4d, addr);
		pmd_t *pmd = pud ? pmd_offset(m, pud, addr) : NULL;
		pte_t *pte = pmd ? pte_offset_kernel(m, pmd, addr) : NULL;
		unsigned long next;
		int ret;

		if (!pud)
			next = pgd_addr_end(addr, end);
		else if (!pmd)
			next = pud_addr_end(addr, end);
		else
			next = pmd_addr_end(addr, end);
		for (; pte && addr < next; addr += PAGE_SIZE, pte++)
			if (!pte_none(*pte) && (ret = check_pte(c, vma, *pte, addr)))
				return ret;
		addr = next;
	}
	return 0;
}

static int check_mm(struct rmap_check *c, struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	int ret;

	c->found = 0;
	for (vma = mm->mmap; vma; vma = vma->vm_next) {
		ret = check_chains(c, vma);
		if (!ret)
			ret = check_vma_ptes(c, vma);
		if (ret)
			return ret;
	}
	if (c->found != get_mm_counter(mm, MM_ANONPAGES))
		BAD(c, "mm %p maps %ld anonymous pages, MM_ANONPAGES says %ld", (void *)mm,
		    c->found, get_mm_counter(mm, MM_ANONPAGES));
	return 0;
}

/* ---- pass 2: pages ---- */

static bool count_one(struct page *page, struct vm_area_struct *vma, unsigned long address,
		      void *arg)
{
	return true;
}

static int check_pages(struct rmap_check *c)
{
	unsigned long i;

	for (i = 0; i < c->nr_pfns; i++) {
		unsigned long pfn = c->pfns[i].pfn;
		unsigned int ptes = c->pfns[i].ptes;
		struct page *page = pfn_to_page(c->m, pfn);
		unsigned int walked;

		if ((unsigned int)page_mapcount(page) != ptes)
			BAD(c, "pfn %#lx: page_mapcount %d, but %u PTEs map it", pfn,
			    page_mapcount(page), ptes);
		if (page->_refcount < page_mapcount(page))
			BAD(c, "pfn %#lx: refcount %d below mapcount %d", pfn, page->_refcount,
			    page_mapcount(page));
		if (!av_known(c, folio_anon_vma(page)))
			BAD(c, "pfn %#lx: anon_vma %p is no live anon_vma", pfn,
			    (void *)folio_anon_vma(page));
		walked = rmap_walk_anon(c->m, page, count_one, NULL);
		if (walked != ptes)
			BAD(c, "pfn %#lx: rmap_walk finds %u mappings, %u PTEs map it", pfn, walked,
			    ptes);
	}
	if (c->nr_pfns != global_node_page_state(c->m, NR_ANON_MAPPED))
		BAD(c, "%lu anonymous pages mapped, NR_ANON_MAPPED says %lu", c->nr_pfns,
		    global_node_page_state(c->m, NR_ANON_MAPPED));
	return 0;
}

/* ---- pass 3: anon_vmas ---- */

static int check_tree(struct rmap_check *c, struct av_info *info)
{
	unsigned long n = 0;
	struct rb_node *node;

	for (node = rb_first(&info->av->rb_root); node; node = rb_next(node), n++) {
		struct anon_vma_chain *avc = rb_entry(node, struct anon_vma_chain, rb);

		if (avc->anon_vma != info->av)
			BAD(c, "anon_vma %p: its tree holds another anon_vma's chain",
			    (void *)info->av);
		if (avc->rb_subtree_last != anon_vma_tree_subtree_last(node))
			BAD(c, "anon_vma %p: rb_subtree_last %#lx, should be %#lx", (void *)info->av,
			    avc->rb_subtree_last, anon_vma_tree_subtree_last(node));
	}
	if (n != info->chains)
		BAD(c, "anon_vma %p: %lu chains in its tree, %lu on VMAs", (void *)info->av, n,
		    info->chains);
	return 0;
}

static int check_anon_vmas(struct rmap_check *c)
{
	unsigned long i, nr;

	for (i = 0, nr = c->nr_avs; i < nr; i++)	/* roots of chained ones */
		if (!av_get(c, c->avs[i].av->root))
			return 0;
	for (i = 0; i < c->nr_avs; i++) {	/* who counts whom */
		struct anon_vma *av = c->avs[i].av;
		struct av_info *parent = av_find(c, av->parent), *root = av_find(c, av->root);

		if (!parent || !root || av->root->root != av->root)
			BAD(c, "anon_vma %p: parent or root is no live anon_vma", (void *)av);
		if (av->parent != av)
			parent->kids++;
		if (av->root != av)
			root->family++;
	}
	for (i = 0; i < c->nr_avs; i++) {
		struct av_info *info = &c->avs[i];
		struct anon_vma *av = info->av;
		bool root = av->root == av, used = info->chains > 0;
		unsigned long children = (root && used) + info->kids;
		unsigned long refs = root ? used + info->family : 1;

		if (check_tree(c, info))
			return -EUCLEAN;
		if (av->num_active_vmas != info->active)
			BAD(c, "anon_vma %p: num_active_vmas %lu, %lu VMAs use it", (void *)av,
			    av->num_active_vmas, info->active);
		if (av->num_children != children)
			BAD(c, "anon_vma %p: num_children %lu, should be %lu", (void *)av,
			    av->num_children, children);
		if ((unsigned long)av->refcount != refs)
			BAD(c, "anon_vma %p: refcount %d, should be %lu", (void *)av, av->refcount,
			    refs);
	}
	return 0;
}

int validate_rmap(struct machine *m, char *err, size_t len)
{
	struct rmap_check c = { .m = m, .err = err, .len = len };
	struct page *page;
	int ret = 0;

	if (!m->pgd_list.next)
		return 0;
	/* a counter gone wrong sizes no more than the memmap: the check still runs */
	if (reserve(&c, min(global_node_page_state(m, NR_ANON_MAPPED), m->max_pfn) + 64, 256))
		goto out;		/* host out of memory: give up quietly */
	list_for_each_entry(page, &m->pgd_list, lru) {
		struct mm_struct *mm = (struct mm_struct *)pgd_page_get_mm(page);

		if (mm && (ret = check_mm(&c, mm)))
			break;
	}
	if (!ret)
		ret = check_pages(&c);
	if (!ret)
		ret = check_anon_vmas(&c);
out:
	free(c.pfns);
	free(c.pfn_hash);
	free(c.avs);
	free(c.hash);
	return ret == -EUCLEAN ? ret : 0;
}

int validate_anon_ptes(struct machine *m, char *err, size_t len)
{
	return validate_rmap(m, err, len);
}
