// SPDX-License-Identifier: GPL-2.0-only
/*
 * The anon_vma interval tree (the anon half of Linux's mm/interval_tree.c):
 * each anon_vma keeps the anon_vma_chains linking it in an augmented
 * rbtree (lib/rbtree.c) ordered by the chain's VMA's first page index
 * (vm_pgoff), each node holding the largest last page index of its
 * subtree, so "which VMAs may map page index N of this anon_vma" is
 * O(log n + hits): rmap_walk_anon's question.  The same structure as the
 * file i_mmap tree (mm/interval_tree.c), keyed through avc->vma.
 *
 * A chain's key is its VMA's range, so a VMA's chains leave their trees
 * while its range changes (anon_vma_range_change / _done in mm/rmap.c).
 * Leaves out: the rwsem (one thread).  Callers: mm/rmap.c,
 * mm/rmap_validate.c.
 */
#include "linux/rmap.h"
#include "linux/anon_vma_tree.h"
#include "linux/mm_struct.h"

static unsigned long avc_start_pgoff(const struct anon_vma_chain *avc)
{
	return avc->vma->vm_pgoff;
}

static unsigned long avc_last_pgoff(const struct anon_vma_chain *avc)
{
	return avc->vma->vm_pgoff + vma_pages(avc->vma) - 1;
}

#define avc_entry(node)	rb_entry(node, struct anon_vma_chain, rb)

unsigned long anon_vma_tree_subtree_last(const struct rb_node *node)
{
	const struct anon_vma_chain *avc = avc_entry(node);
	unsigned long last = avc_last_pgoff(avc);

	if (node->rb_left && avc_entry(node->rb_left)->rb_subtree_last > last)
		last = avc_entry(node->rb_left)->rb_subtree_last;
	if (node->rb_right && avc_entry(node->rb_right)->rb_subtree_last > last)
		last = avc_entry(node->rb_right)->rb_subtree_last;
	return last;
}

static bool subtree_last_compute(struct rb_node *node)
{
	struct anon_vma_chain *avc = avc_entry(node);
	unsigned long last = anon_vma_tree_subtree_last(node);

	if (avc->rb_subtree_last == last)
		return false;
	avc->rb_subtree_last = last;
	return true;
}

void anon_vma_interval_tree_insert(struct anon_vma_chain *avc, struct rb_root *root)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;
	unsigned long start = avc_start_pgoff(avc);

	while (*link) {		/* equal starts go right */
		parent = *link;
		link = start < avc_start_pgoff(avc_entry(parent)) ? &parent->rb_left
								  : &parent->rb_right;
	}
	avc->rb_subtree_last = avc_last_pgoff(avc);
	rb_link_node(&avc->rb, parent, link);
	rb_insert_augmented(&avc->rb, root, subtree_last_compute);
}

void anon_vma_interval_tree_remove(struct anon_vma_chain *avc, struct rb_root *root)
{
	rb_erase_augmented(&avc->rb, root, subtree_last_compute);
	RB_CLEAR_NODE(&avc->rb);
}

/* The leftmost chain of @node's subtree overlapping [start, last], or NULL. */
static struct anon_vma_chain *subtree_search(struct rb_node *node, unsigned long start,
					     unsigned long last)
{
	for (;;) {
		struct anon_vma_chain *avc = avc_entry(node);

		if (node->rb_left && start <= avc_entry(node->rb_left)->rb_subtree_last) {
			node = node->rb_left;
			continue;
		}
		if (avc_start_pgoff(avc) > last)
			return NULL;
		if (start <= avc_last_pgoff(avc))
			return avc;
		node = node->rb_right;
		if (!node || start > avc_entry(node)->rb_subtree_last)
			return NULL;
	}
}

struct anon_vma_chain *anon_vma_interval_tree_iter_first(struct rb_root *root,
							 unsigned long start, unsigned long last)
{
	if (!root->rb_node || start > avc_entry(root->rb_node)->rb_subtree_last)
		return NULL;
	return subtree_search(root->rb_node, start, last);
}

struct anon_vma_chain *anon_vma_interval_tree_iter_next(struct anon_vma_chain *avc,
							unsigned long start, unsigned long last)
{
	struct rb_node *node = &avc->rb, *right = node->rb_right, *prev;

	for (;;) {
		if (right && start <= avc_entry(right)->rb_subtree_last)
			return subtree_search(right, start, last);
		do {		/* climb until we arrive from a left child */
			prev = node;
			node = rb_parent(node);
			if (!node)
				return NULL;
			right = node->rb_right;
		} while (prev == right);
		if (avc_start_pgoff(avc_entry(node)) > last)
			return NULL;
		if (start <= avc_last_pgoff(avc_entry(node)))
			return avc_entry(node);
	}
}
