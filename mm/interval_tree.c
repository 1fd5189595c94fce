// SPDX-License-Identifier: GPL-2.0-only
/*
 * The file side of the reverse map (Linux's mm/interval_tree.c and the
 * i_mmap part of mm/vma.c): each inode's address_space keeps i_mmap, an
 * interval tree of the VMAs mapping the file, keyed by the range of file
 * pages each maps, [vm_pgoff, vm_pgoff + pages - 1]: an augmented rbtree
 * (lib/rbtree.c) ordered by vm_pgoff, each node holding the largest last
 * page of its subtree, so "which VMAs map page N" is O(log n + hits) -
 * what reclaim's rmap walk and truncation will ask.  i_mmap_writable
 * counts the VMAs that are shared and may write (mapping_allow_writable).
 *
 * mm/vma.c calls vma_link_file from vma_link, vma_unlink_file from
 * vma_unlink, and vma_file_range_change around every in-place change of
 * a linked VMA's range (vma_expand, vma_shrink): every mmap, split,
 * merge, munmap, mremap, fork and exit goes through those, so the tree
 * stays exact.  validate_i_mmap checks it against every process's VMAs.
 *
 * Leaves out: the i_mmap_rwsem (one thread), anon_vma's own interval tree
 * (mm/rmap.c), nonlinear mappings (gone from Linux), deny-write via a
 * negative i_mmap_writable (memfd seals).
 * Callers: mm/vma.c; fs/proc (none yet); tests/unit/test_i_mmap.c.
 */
#include <errno.h>
#include <stdio.h>
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/sched.h"
#include "vma.h"

static unsigned long vma_start_pgoff(const struct vm_area_struct *v)
{
	return v->vm_pgoff;
}

static unsigned long vma_last_pgoff(const struct vm_area_struct *v)
{
	return v->vm_pgoff + vma_pages(v) - 1;
}

#define shared_entry(node)	rb_entry(node, struct vm_area_struct, shared.rb)

/* The augmented value: the largest last pgoff of the node and its subtrees. */
static unsigned long subtree_last_of(const struct rb_node *node)
{
	const struct vm_area_struct *v = shared_entry(node);
	unsigned long last = vma_last_pgoff(v);

	if (node->rb_left && shared_entry(node->rb_left)->shared.rb_subtree_last > last)
		last = shared_entry(node->rb_left)->shared.rb_subtree_last;
	if (node->rb_right && shared_entry(node->rb_right)->shared.rb_subtree_last > last)
		last = shared_entry(node->rb_right)->shared.rb_subtree_last;
	return last;
}

static bool subtree_last_compute(struct rb_node *node)
{
	struct vm_area_struct *v = shared_entry(node);
	unsigned long last = subtree_last_of(node);

	if (v->shared.rb_subtree_last == last)
		return false;
	v->shared.rb_subtree_last = last;
	return true;
}

void vma_interval_tree_insert(struct vm_area_struct *vma, struct rb_root *root)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;
	unsigned long start = vma_start_pgoff(vma);

	while (*link) {		/* equal starts go right: after the ones there */
		parent = *link;
		link = start < vma_start_pgoff(shared_entry(parent)) ? &parent->rb_left
								      : &parent->rb_right;
	}
	vma->shared.rb_subtree_last = vma_last_pgoff(vma);
	rb_link_node(&vma->shared.rb, parent, link);
	rb_insert_augmented(&vma->shared.rb, root, subtree_last_compute);
}

void vma_interval_tree_remove(struct vm_area_struct *vma, struct rb_root *root)
{
	rb_erase_augmented(&vma->shared.rb, root, subtree_last_compute);
	RB_CLEAR_NODE(&vma->shared.rb);
}

/* The leftmost node of @node's subtree overlapping [start, last], or NULL. */
static struct vm_area_struct *subtree_search(struct rb_node *node, unsigned long start,
					     unsigned long last)
{
	for (;;) {
		struct vm_area_struct *v = shared_entry(node);

		if (node->rb_left && start <= shared_entry(node->rb_left)->shared.rb_subtree_last) {
			node = node->rb_left;	/* something on the left reaches start */
			continue;
		}
		if (vma_start_pgoff(v) > last)
			return NULL;		/* this and everything right begin too late */
		if (start <= vma_last_pgoff(v))
			return v;
		node = node->rb_right;
		if (!node || start > shared_entry(node)->shared.rb_subtree_last)
			return NULL;
	}
}

struct vm_area_struct *vma_interval_tree_iter_first(struct rb_root *root, unsigned long start,
						    unsigned long last)
{
	if (!root->rb_node || start > shared_entry(root->rb_node)->shared.rb_subtree_last)
		return NULL;
	return subtree_search(root->rb_node, start, last);
}

struct vm_area_struct *vma_interval_tree_iter_next(struct vm_area_struct *vma,
						   unsigned long start, unsigned long last)
{
	struct rb_node *node = &vma->shared.rb, *right = node->rb_right, *prev;

	for (;;) {
		if (right && start <= shared_entry(right)->shared.rb_subtree_last)
			return subtree_search(right, start, last);
		do {		/* climb until we arrive from a left child */
			prev = node;
			node = rb_parent(node);
			if (!node)
				return NULL;
			right = node->rb_right;
		} while (prev == right);
		if (vma_start_pgoff(shared_entry(node)) > last)
			return NULL;
		if (start <= vma_last_pgoff(shared_entry(node)))
			return shared_entry(node);
	}
}

/* ---- the hooks of mm/vma.c ---- */

static bool vma_is_shared_maywrite(const struct vm_area_struct *vma)
{
	return (vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) == (VM_SHARED | VM_MAYWRITE);
}

static struct address_space *vma_mapping(const struct vm_area_struct *vma)
{
	return vma->vm_file ? vma->vm_file->f_mapping : NULL;
}

void vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma_mapping(vma);

	if (!mapping || !RB_EMPTY_NODE(&vma->shared.rb))
		return;
	if (vma_is_shared_maywrite(vma))
		mapping->i_mmap_writable++;		/* mapping_allow_writable */
	vma_interval_tree_insert(vma, &mapping->i_mmap);
}

void vma_unlink_file(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma_mapping(vma);

	if (!mapping || RB_EMPTY_NODE(&vma->shared.rb))
		return;
	if (vma_is_shared_maywrite(vma))
		mapping->i_mmap_writable--;		/* mapping_unmap_writable */
	vma_interval_tree_remove(vma, &mapping->i_mmap);
}

bool vma_file_range_change(struct vm_area_struct *vma)
{
	bool was_in = vma_mapping(vma) && !RB_EMPTY_NODE(&vma->shared.rb);

	if (was_in)
		vma_interval_tree_remove(vma, &vma_mapping(vma)->i_mmap);
	return was_in;
}

void vma_file_range_done(struct vm_area_struct *vma, bool was_in)
{
	if (was_in)
		vma_interval_tree_insert(vma, &vma_mapping(vma)->i_mmap);
}

/* ---- the validator ---- */

#define IM_BAD(...) do { snprintf(err, errlen, __VA_ARGS__); return -EUCLEAN; } while (0)

/* Check @node's subtree: order, augmented values; counts in *@n, *@wr. */
static int check_subtree(const struct address_space *mapping, struct rb_node *node,
			 unsigned long *n, unsigned long *wr, char *err, size_t errlen)
{
	struct vm_area_struct *v;

	if (!node)
		return 0;
	v = shared_entry(node);
	if (check_subtree(mapping, node->rb_left, n, wr, err, errlen) ||
	    check_subtree(mapping, node->rb_right, n, wr, err, errlen))
		return -EUCLEAN;
	if (vma_mapping(v) != mapping)
		IM_BAD("i_mmap of inode %lu holds vma %lx-%lx of another file",
		       mapping->host->i_ino, v->vm_start, v->vm_end);
	if (RB_EMPTY_NODE(&v->vm_rb))
		IM_BAD("i_mmap of inode %lu holds vma %lx-%lx that is in no mm",
		       mapping->host->i_ino, v->vm_start, v->vm_end);
	if (v->shared.rb_subtree_last != subtree_last_of(node))
		IM_BAD("i_mmap of inode %lu: vma %lx-%lx rb_subtree_last %lx, should be %lx",
		       mapping->host->i_ino, v->vm_start, v->vm_end, v->shared.rb_subtree_last,
		       subtree_last_of(node));
	if ((node->rb_left && vma_start_pgoff(shared_entry(node->rb_left)) > vma_start_pgoff(v)) ||
	    (node->rb_right && vma_start_pgoff(shared_entry(node->rb_right)) < vma_start_pgoff(v)))
		IM_BAD("i_mmap of inode %lu: vma %lx-%lx out of pgoff order",
		       mapping->host->i_ino, v->vm_start, v->vm_end);
	(*n)++;
	if (vma_is_shared_maywrite(v))
		(*wr)++;
	return 0;
}

/* Whether a task before @tsk on m->tasks shares its mm (a thread): count each mm once. */
static bool mm_seen_before(struct machine *m, const struct task_struct *tsk)
{
	const struct task_struct *t;

	list_for_each_entry(t, &m->tasks, tasks) {
		if (t == tsk)
			return false;
		if (t->mm == tsk->mm && t->pid > 0)
			return true;
	}
	return false;
}

/* One mapping's tree: its nodes (into *@in_trees) and i_mmap_writable. */
static int check_mapping(const struct address_space *mapping, unsigned long *in_trees,
			 char *err, size_t errlen)
{
	unsigned long in_tree = 0, writable = 0;

	if (check_subtree(mapping, mapping->i_mmap.rb_node, &in_tree, &writable, err, errlen))
		return -EUCLEAN;
	if (writable != mapping->i_mmap_writable)
		IM_BAD("inode %lu: i_mmap_writable %u, %lu shared writable VMAs",
		       mapping->host->i_ino, mapping->i_mmap_writable, writable);
	*in_trees += in_tree;
	return 0;
}

static int check_dentries(const struct dentry *d, unsigned long *in_trees, char *err,
			  size_t errlen)
{
	const struct dentry *c;

	if (d->d_inode && check_mapping(d->d_inode->i_mapping, in_trees, err, errlen))
		return -EUCLEAN;
	list_for_each_entry(c, &d->d_children, d_sib)
		if (check_dentries(c, in_trees, err, errlen))
			return -EUCLEAN;
	return 0;
}

/*
 * Linear in VMAs and tree nodes: every file VMA of each live mm has its
 * node in a tree, every tree node is a linked VMA of that tree's file (a
 * node is in one tree at most), and the trees hold as many nodes as the
 * mms have file VMAs - so each file VMA is in its own file's tree once.
 */
int validate_i_mmap(struct machine *m, char *err, size_t errlen)
{
	struct super_block *sb = sim_disk_sb(m);
	unsigned long in_mms = 0, in_trees = 0;
	struct task_struct *tsk;

	list_for_each_entry(tsk, &m->tasks, tasks) {
		if (!tsk->mm || tsk->pid <= 0 || mm_seen_before(m, tsk))
			continue;
		for (struct vm_area_struct *v = tsk->mm->mmap; v; v = v->vm_next) {
			if (!vma_mapping(v))
				continue;
			if (RB_EMPTY_NODE(&v->shared.rb))
				IM_BAD("%s: file vma %lx-%lx is not in its i_mmap", tsk->comm,
				       v->vm_start, v->vm_end);
			in_mms++;
		}
	}
	if (sb && sb->s_root && check_dentries(sb->s_root, &in_trees, err, errlen))
		return -EUCLEAN;
	if (in_trees != in_mms)
		IM_BAD("the i_mmap trees hold %lu VMAs, the processes' mms %lu file VMAs",
		       in_trees, in_mms);
	return 0;
}
