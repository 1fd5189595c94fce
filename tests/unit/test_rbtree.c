// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/rbtree.c: the red-black rules hold after every insert and erase
 * (root black, no red node with a red child, equal black height on every
 * path), the in-order walk is sorted in both directions, and an augmented
 * value (the largest key in each subtree, the shape vmalloc's free-area
 * tree uses) is right at every node after inserts, erases of leaves, of
 * nodes with one child and with two, and after rb_augment_propagate.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include "linux/rbtree.h"

struct item {
	unsigned long key;
	unsigned long weight;		/* the node's own value */
	unsigned long subtree_max;	/* augmented: max weight in the subtree */
	struct rb_node rb;
	bool in_tree;
};

static unsigned long sub_max(struct rb_node *n)
{
	return n ? rb_entry(n, struct item, rb)->subtree_max : 0;
}

static bool item_compute(struct rb_node *n)
{
	struct item *it = rb_entry(n, struct item, rb);
	unsigned long v = max(it->weight, max(sub_max(n->rb_left), sub_max(n->rb_right)));
	bool changed = v != it->subtree_max;

	it->subtree_max = v;
	return changed;
}

static void insert(struct rb_root *root, struct item *it, bool augmented)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = it->key < rb_entry(parent, struct item, rb)->key ?
		       &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->rb, parent, link);
	it->subtree_max = it->weight;
	if (augmented)
		rb_insert_augmented(&it->rb, root, item_compute);
	else
		rb_insert_color(&it->rb, root);
	it->in_tree = true;
}

/* Checks one subtree; returns its black height.  Counts nodes in *nr. */
static int check_node(struct rb_node *n, struct rb_node *parent, bool augmented, size_t *nr)
{
	struct item *it;
	int lh, rh;

	if (!n)
		return 1;
	(*nr)++;
	assert_ptr_equal(rb_parent(n), parent);
	if (!(n->__rb_parent_color & 1)) {		/* red: children black */
		assert_true(!n->rb_left || (n->rb_left->__rb_parent_color & 1));
		assert_true(!n->rb_right || (n->rb_right->__rb_parent_color & 1));
	}
	it = rb_entry(n, struct item, rb);
	if (n->rb_left)
		assert_true(rb_entry(n->rb_left, struct item, rb)->key <= it->key);
	if (n->rb_right)
		assert_true(rb_entry(n->rb_right, struct item, rb)->key >= it->key);
	if (augmented)
		assert_int_equal(it->subtree_max,
				 max(it->weight, max(sub_max(n->rb_left), sub_max(n->rb_right))));
	lh = check_node(n->rb_left, n, augmented, nr);
	rh = check_node(n->rb_right, n, augmented, nr);
	assert_int_equal(lh, rh);
	return lh + ((n->__rb_parent_color & 1) ? 1 : 0);
}

static void check_tree(struct rb_root *root, bool augmented, size_t expect_nr)
{
	size_t nr = 0, walked = 0;
	unsigned long prev = 0;

	if (root->rb_node)
		assert_true(root->rb_node->__rb_parent_color & 1);	/* root black */
	check_node(root->rb_node, NULL, augmented, &nr);
	assert_int_equal(nr, expect_nr);
	for (struct rb_node *n = rb_first(root); n; n = rb_next(n)) {
		unsigned long k = rb_entry(n, struct item, rb)->key;

		assert_true(walked == 0 || k >= prev);
		prev = k;
		walked++;
	}
	assert_int_equal(walked, expect_nr);
	walked = 0;
	for (struct rb_node *n = rb_last(root); n; n = rb_prev(n))
		walked++;
	assert_int_equal(walked, expect_nr);
}

/* Inserts and erases in a seeded random order, checking after each step. */
static void random_ops(bool augmented)
{
	enum { N = 600 };
	struct item *items = calloc(N, sizeof(*items));
	struct rb_root root = RB_ROOT;
	size_t live = 0;
	unsigned int seed = 12345;

	assert_non_null(items);
	for (int i = 0; i < N; i++) {
		items[i].key = (unsigned long)(rand_r(&seed) % 1000);	/* duplicates too */
		items[i].weight = (unsigned long)(rand_r(&seed) % 100000);
	}
	for (int step = 0; step < 6 * N; step++) {
		struct item *it = &items[rand_r(&seed) % N];

		if (it->in_tree) {
			if (augmented)
				rb_erase_augmented(&it->rb, &root, item_compute);
			else
				rb_erase(&it->rb, &root);
			assert_true(RB_EMPTY_NODE(&it->rb));
			it->in_tree = false;
			live--;
		} else {
			insert(&root, it, augmented);
			live++;
		}
		check_tree(&root, augmented, live);
	}
	free(items);
}

static void test_rbtree_rules_hold_under_random_inserts_and_erases(void **state)
{
	random_ops(false);
}

static void test_augmented_max_stays_right_under_random_inserts_and_erases(void **state)
{
	random_ops(true);
}

/*
 * Erasing a node with two children moves its successor up:
 *
 *          40                 50
 *        /    \             /    \
 *      20      60   -->   20      60
 *             /  \                  \
 *           50    70                 70
 *
 * and the successor's augmented value must be recomputed for its new place.
 */
static void test_erase_with_two_children_recomputes_successor(void **state)
{
	unsigned long keys[] = { 40, 20, 60, 50, 70 };
	unsigned long weights[] = { 1, 2, 3, 99, 4 };
	struct item items[5] = { 0 };
	struct rb_root root = RB_ROOT;

	for (int i = 0; i < 5; i++) {
		items[i].key = keys[i];
		items[i].weight = weights[i];
		insert(&root, &items[i], true);
	}
	assert_int_equal(sub_max(root.rb_node), 99);
	rb_erase_augmented(&items[0].rb, &root, item_compute);	/* 40 */
	check_tree(&root, true, 4);
	rb_erase_augmented(&items[3].rb, &root, item_compute);	/* 50, the 99 */
	check_tree(&root, true, 3);
	assert_int_equal(sub_max(root.rb_node), 4);
}

static void test_propagate_after_in_place_change(void **state)
{
	struct item items[32] = { 0 };
	struct rb_root root = RB_ROOT;

	for (int i = 0; i < 32; i++) {
		items[i].key = (unsigned long)i;
		items[i].weight = 1;
		insert(&root, &items[i], true);
	}
	items[17].weight = 500;
	rb_augment_propagate(&items[17].rb, item_compute);
	check_tree(&root, true, 32);
	assert_int_equal(sub_max(root.rb_node), 500);
	items[17].weight = 2;
	rb_augment_propagate(&items[17].rb, item_compute);
	check_tree(&root, true, 32);
	assert_int_equal(sub_max(root.rb_node), 2);
}

static void test_empty_tree_has_no_first_or_last(void **state)
{
	struct rb_root root = RB_ROOT;
	struct item it = { .key = 5, .weight = 1 };

	assert_null(rb_first(&root));
	assert_null(rb_last(&root));
	insert(&root, &it, false);
	assert_ptr_equal(rb_first(&root), &it.rb);
	assert_null(rb_next(&it.rb));
	assert_null(rb_prev(&it.rb));
	rb_erase(&it.rb, &root);
	assert_true(RB_EMPTY_ROOT(&root));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rbtree_rules_hold_under_random_inserts_and_erases),
		cmocka_unit_test(test_augmented_max_stays_right_under_random_inserts_and_erases),
		cmocka_unit_test(test_erase_with_two_children_recomputes_successor),
		cmocka_unit_test(test_propagate_after_in_place_change),
		cmocka_unit_test(test_empty_tree_has_no_first_or_last),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
