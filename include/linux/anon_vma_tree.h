/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The anon_vma interval tree (mm/anon_vma_tree.c): the anon_vma_chains
 * of one anon_vma keyed by their VMA's page range.  Used by mm/rmap.c
 * and mm/rmap_validate.c only.
 */
#ifndef _LINUX_ANON_VMA_TREE_H
#define _LINUX_ANON_VMA_TREE_H

#include "linux/rmap.h"

/*
 * anon_vma_interval_tree_insert / _remove - put @avc into / take it out
 * of @root, keyed by [vma->vm_pgoff, vma->vm_pgoff + pages - 1] of
 * avc->vma.  Remove clears the node (RB_EMPTY_NODE).
 */
void anon_vma_interval_tree_insert(struct anon_vma_chain *avc, struct rb_root *root);
void anon_vma_interval_tree_remove(struct anon_vma_chain *avc, struct rb_root *root);

/*
 * anon_vma_interval_tree_iter_first / _next - the chains of @root whose
 * VMA covers any page index in [@start, @last], by ascending vm_pgoff;
 * NULL at the end.
 */
struct anon_vma_chain *anon_vma_interval_tree_iter_first(struct rb_root *root,
							 unsigned long start, unsigned long last);
struct anon_vma_chain *anon_vma_interval_tree_iter_next(struct anon_vma_chain *avc,
							unsigned long start, unsigned long last);
#define anon_vma_interval_tree_foreach(avc, root, start, last)			\
	for (avc = anon_vma_interval_tree_iter_first(root, start, last); avc;	\
	     avc = anon_vma_interval_tree_iter_next(avc, start, last))

/* anon_vma_tree_subtree_last - what @node's rb_subtree_last must be (validator). */
unsigned long anon_vma_tree_subtree_last(const struct rb_node *node);

#endif
