// SPDX-License-Identifier: GPL-2.0-only
/*
 * Red-black trees (lib/rbtree.c): rebalancing after insert and erase,
 * in-order iteration, and the augmented variants that keep a per-node
 * value (computed from the node and its subtrees) right.
 *
 * The rules: every node is red or black, the root is black, a red node
 * has no red child, and every path from a node down to a missing child
 * passes the same number of black nodes.  Height stays below 2 log2(n+1).
 *
 * Written from the textbook algorithm (insert: recolour or rotate up the
 * tree; erase: splice out a node with at most one child, swapping in the
 * successor first if needed, then repair a "double black").  Augmented
 * values are recomputed along the changed path up to the root and at each
 * rotation (lower node first).  Leaves out Linux's RCU-safe write ordering
 * and rb_replace_node.  Used by mm/vmalloc.c.
 */
#include "linux/rbtree.h"

#define RB_RED		0UL
#define RB_BLACK	1UL

static inline bool rb_is_black(const struct rb_node *n)
{
	return !n || (n->__rb_parent_color & RB_BLACK);	/* missing children are black */
}

static inline bool rb_is_red(const struct rb_node *n)
{
	return !rb_is_black(n);
}

static inline void rb_set_color(struct rb_node *n, unsigned long color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~1UL) | color;
}

static inline unsigned long rb_color(const struct rb_node *n)
{
	return n->__rb_parent_color & 1UL;
}

static inline void rb_set_parent(struct rb_node *n, struct rb_node *parent)
{
	n->__rb_parent_color = (unsigned long)parent | rb_color(n);
}

/* Make @new take @old's place under @parent (or as the root). */
static void rb_change_child(struct rb_node *old, struct rb_node *new,
			    struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 *      x                y
 *     / \              / \
 *    a   y    -->     x   c      rotate_left(x)
 *       / \          / \
 *      b   c        a   b
 */
static void rb_rotate_left(struct rb_node *x, struct rb_root *root,
			   rb_augment_compute_t compute)
{
	struct rb_node *y = x->rb_right, *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	y->rb_left = x;
	rb_set_parent(y, parent);
	rb_change_child(x, y, parent, root);
	rb_set_parent(x, y);
	if (compute) {
		compute(x);
		compute(y);
	}
}

/* The mirror image of rb_rotate_left. */
static void rb_rotate_right(struct rb_node *x, struct rb_root *root,
			    rb_augment_compute_t compute)
{
	struct rb_node *y = x->rb_left, *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	y->rb_right = x;
	rb_set_parent(y, parent);
	rb_change_child(x, y, parent, root);
	rb_set_parent(x, y);
	if (compute) {
		compute(x);
		compute(y);
	}
}

/* Recompute @node and every ancestor (the path whose subtrees changed). */
static void rb_augment_path(struct rb_node *node, rb_augment_compute_t compute)
{
	for (; node; node = rb_parent(node))
		compute(node);
}

/* Restore the rules after a red leaf was linked in. */
static void rb_insert_fixup(struct rb_node *node, struct rb_root *root,
			    rb_augment_compute_t compute)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		gparent = rb_parent(parent);	/* exists: a red node is never the root */
		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (rb_is_red(uncle)) {		/* recolour, move up */
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_right) {	/* bend the zig-zag straight */
				rb_rotate_left(parent, root, compute);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_color(parent, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			rb_rotate_right(gparent, root, compute);
		} else {
			uncle = gparent->rb_left;
			if (rb_is_red(uncle)) {
				rb_set_color(parent, RB_BLACK);
				rb_set_color(uncle, RB_BLACK);
				rb_set_color(gparent, RB_RED);
				node = gparent;
				continue;
			}
			if (node == parent->rb_left) {
				rb_rotate_right(parent, root, compute);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_color(parent, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			rb_rotate_left(gparent, root, compute);
		}
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	rb_insert_fixup(node, root, NULL);
}

void rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			 rb_augment_compute_t compute)
{
	rb_augment_path(node, compute);
	rb_insert_fixup(node, root, compute);
}

/*
 * Swap @node (with two children) and its in-order successor @s in the
 * tree's shape, colours included, so that @node ends with no left child.
 */
static void rb_swap_with_successor(struct rb_node *node, struct rb_node *s,
				   struct rb_root *root)
{
	struct rb_node *parent = rb_parent(node), *left = node->rb_left;
	struct rb_node *s_right = s->rb_right;
	unsigned long node_color = rb_color(node), s_color = rb_color(s);

	rb_change_child(node, s, parent, root);
	s->rb_left = left;
	rb_set_parent(left, s);
	if (node->rb_right == s) {		/* s is node's right child */
		s->rb_right = node;
		s->__rb_parent_color = (unsigned long)parent | node_color;
		node->__rb_parent_color = (unsigned long)s | s_color;
	} else {
		struct rb_node *s_parent = rb_parent(s);

		s->rb_right = node->rb_right;
		rb_set_parent(node->rb_right, s);
		s_parent->rb_left = node;	/* a successor is a left child */
		s->__rb_parent_color = (unsigned long)parent | node_color;
		node->__rb_parent_color = (unsigned long)s_parent | s_color;
	}
	node->rb_left = NULL;
	node->rb_right = s_right;
	if (s_right)
		rb_set_parent(s_right, node);
}

/* Repair the black height after a black node left @parent's side where @x is. */
static void rb_erase_fixup(struct rb_node *x, struct rb_node *parent,
			   struct rb_root *root, rb_augment_compute_t compute)
{
	struct rb_node *w;

	while (x != root->rb_node && rb_is_black(x)) {
		if (x == parent->rb_left) {
			w = parent->rb_right;		/* exists: black height >= 1 */
			if (rb_is_red(w)) {
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_left(parent, root, compute);
				w = parent->rb_right;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				rb_set_color(w, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_right)) {
				rb_set_color(w->rb_left, RB_BLACK);
				rb_set_color(w, RB_RED);
				rb_rotate_right(w, root, compute);
				w = parent->rb_right;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_right, RB_BLACK);
			rb_rotate_left(parent, root, compute);
		} else {
			w = parent->rb_left;
			if (rb_is_red(w)) {
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_right(parent, root, compute);
				w = parent->rb_left;
			}
			if (rb_is_black(w->rb_left) && rb_is_black(w->rb_right)) {
				rb_set_color(w, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (rb_is_black(w->rb_left)) {
				rb_set_color(w->rb_right, RB_BLACK);
				rb_set_color(w, RB_RED);
				rb_rotate_left(w, root, compute);
				w = parent->rb_left;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_left, RB_BLACK);
			rb_rotate_right(parent, root, compute);
		}
		x = root->rb_node;
		break;
	}
	if (x)
		rb_set_color(x, RB_BLACK);
}

static void rb_erase_common(struct rb_node *node, struct rb_root *root,
			    rb_augment_compute_t compute)
{
	struct rb_node *child, *parent;
	bool was_black;

	if (node->rb_left && node->rb_right) {
		struct rb_node *s = node->rb_right;

		while (s->rb_left)
			s = s->rb_left;
		rb_swap_with_successor(node, s, root);
	}
	/* Now @node has at most one child: splice it out. */
	child = node->rb_left ? node->rb_left : node->rb_right;
	parent = rb_parent(node);
	was_black = rb_is_black(node);
	rb_change_child(node, child, parent, root);
	if (child)
		rb_set_parent(child, parent);
	if (compute)
		rb_augment_path(parent, compute);
	if (was_black)
		rb_erase_fixup(child, parent, root, compute);
	RB_CLEAR_NODE(node);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	rb_erase_common(node, root, NULL);
}

void rb_erase_augmented(struct rb_node *node, struct rb_root *root,
			rb_augment_compute_t compute)
{
	rb_erase_common(node, root, compute);
}

void rb_augment_propagate(struct rb_node *node, rb_augment_compute_t compute)
{
	for (; node; node = rb_parent(node))
		if (!compute(node))
			break;
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}
