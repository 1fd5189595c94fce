/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Red-black trees (include/linux/rbtree.h, rbtree_augmented.h), lib/rbtree.c.
 *
 * Intrusive, as Linux's: a struct rb_node lives inside the object and the
 * caller does the search and links the new node itself (rb_link_node),
 * then asks the tree to rebalance (rb_insert_color).  The node is 24
 * bytes, the colour packed into the low bit of the parent pointer, as in
 * Linux, so the objects that embed one have Linux's sizes.
 *
 * Augmented trees (a per-node value computed from the node and its
 * subtrees, such as vmalloc's largest free block below a node) use
 * rb_insert_augmented / rb_erase_augmented with one callback that
 * recomputes a node from its children.  This differs from Linux's
 * three-callback struct rb_augment_callbacks: the tree keeps every
 * augmented value right itself (it recomputes the path to the root and
 * both nodes of each rotation), so the caller never propagates after an
 * insert or erase; after changing a node's own key data in place it calls
 * rb_augment_propagate.
 */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <stddef.h>
#include "linux/kernel.h"

struct rb_node {
	unsigned long __rb_parent_color;	/* parent pointer | colour (bit 0: 1 black) */
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

#define RB_ROOT			((struct rb_root) { NULL })
#define rb_entry(ptr, type, member)	container_of(ptr, type, member)
#define rb_entry_safe(ptr, type, member) \
	((ptr) ? rb_entry(ptr, type, member) : NULL)
#define rb_parent(r)		((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define RB_EMPTY_ROOT(root)	((root)->rb_node == NULL)
/* A node not in any tree points to itself (RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(node)	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)	((node)->__rb_parent_color = (unsigned long)(node))

/*
 * rb_link_node - hang @node, red and childless, at *@rb_link below
 * @parent (NULL for the root).  Follow with rb_insert_color or
 * rb_insert_augmented.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

/* rb_insert_color - rebalance after rb_link_node. */
void rb_insert_color(struct rb_node *node, struct rb_root *root);
/* rb_erase - unlink @node (which must be in @root) and rebalance. */
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order neighbours and ends; NULL past the end or for an empty tree. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

/*
 * Augmented trees.  @compute recomputes @node's augmented value from the
 * node itself and its (already correct) children, and returns true if
 * the value changed.
 */
typedef bool (*rb_augment_compute_t)(struct rb_node *node);

/* rb_insert_augmented - rb_insert_color that leaves every value right. */
void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 rb_augment_compute_t compute);
/* rb_erase_augmented - rb_erase that leaves every value right. */
void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			rb_augment_compute_t compute);
/*
 * rb_augment_propagate - after @node's own data changed in place (not its
 * position in the order), recompute it and its ancestors, stopping at the
 * first one whose value does not change.
 */
void rb_augment_propagate(struct rb_node *node, rb_augment_compute_t compute);

#endif
