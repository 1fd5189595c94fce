// SPDX-License-Identifier: GPL-2.0-only
/*
 * Each file's i_mmap (mm/interval_tree.c): the VMAs mapping a file, in an
 * interval tree by the file pages they map, kept exact by vma_link,
 * vma_unlink and vma_expand through mmap, mprotect's split and merge,
 * munmap's hole, mremap, fork's dup_mmap and exit; i_mmap_writable counts the shared VMAs that may
 * write; interval queries find the VMAs mapping a page range; and the
 * validator notices a VMA whose key changed behind the tree's back.
 * Layouts are drawn in file pages (one character per page).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>

#include "proc_helpers.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "../../mm/vma.h"

static int setup(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	char err[128];

	assert_int_equal(mmsim_create_file(m, "/data/f", 1 << 20, MMSIM_DATA_TEXT, err,
					   sizeof(err)), 0);
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	mmsim_destroy(*state);
	return 0;
}

static struct address_space *mapping_of(struct machine *m, const char *path)
{
	struct dentry *d;
	struct address_space *mapping;

	assert_int_equal(path_lookup_dentry(m, path, &d), 0);
	mapping = d->d_inode->i_mapping;
	dput(m, d);
	return mapping;
}

/* i_mmap's VMAs mapping file pages [first, last] as "start-last " pgoff ranges. */
static const char *tree(struct address_space *mapping, unsigned long first, unsigned long last)
{
	static char buf[256];
	struct vm_area_struct *vma;
	size_t n = 0;

	buf[0] = '\0';
	vma_interval_tree_foreach(vma, &mapping->i_mmap, first, last)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%lu-%lu ", vma->vm_pgoff,
				      vma->vm_pgoff + vma_pages(vma) - 1);
	return buf;
}

#define ALL	0, ~0UL

static uint64_t map(struct machine *m, const char *proc, int fd, unsigned long pages,
		    unsigned long pgoff, unsigned int prot, unsigned int flags)
{
	uint64_t a;

	assert_int_equal(mmsim_process_mmap_fd(m, proc, fd, 0, pages * PAGE_SIZE, prot, flags,
					       pgoff * PAGE_SIZE, &a), 0);
	return a;
}

static void split_merge_and_holes_keep_i_mmap_exact(void **state)
{
	struct machine *m = *state;
	struct address_space *f = mapping_of(m, "/data/f");
	uint64_t a;
	int fd;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_open(m, "db", "/data/f", O_RDWR, &fd), 0);
	/* AAAAAAAAAAAAAAAA..   pages 0-15 shared rw (17-18 mapped and unmapped: room) */
	a = map(m, "db", fd, 18, 0, PROT_READ | PROT_WRITE, MAP_SHARED);
	assert_string_equal(tree(f, ALL), "0-17 ");
	assert_int_equal(mmsim_process_munmap(m, "db", a + 16 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	assert_string_equal(tree(f, ALL), "0-15 ");
	assert_int_equal(f->i_mmap_writable, 1);
	/* AAAABBBBCCCCCCCC   mprotect of pages 4-7 splits in three */
	assert_int_equal(mmsim_process_mprotect(m, "db", a + 4 * PAGE_SIZE, 4 * PAGE_SIZE,
						PROT_READ), 0);
	assert_string_equal(tree(f, ALL), "0-3 4-7 8-15 ");
	assert_int_equal(f->i_mmap_writable, 3);
	ph_assert_valid(m);
	/* AAAAAAAAAAAAAAAA   and back: one VMA again */
	assert_int_equal(mmsim_process_mprotect(m, "db", a + 4 * PAGE_SIZE, 4 * PAGE_SIZE,
						PROT_READ | PROT_WRITE), 0);
	assert_string_equal(tree(f, ALL), "0-15 ");
	assert_int_equal(f->i_mmap_writable, 1);
	/* AAAAAA....CCCCCC   a hole at pages 6-9 */
	assert_int_equal(mmsim_process_munmap(m, "db", a + 6 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	assert_string_equal(tree(f, ALL), "0-5 10-15 ");
	assert_string_equal(tree(f, 5, 10), "0-5 10-15 ");
	assert_string_equal(tree(f, 6, 9), "");
	assert_string_equal(tree(f, 11, 11), "10-15 ");
	assert_int_equal(f->i_mmap_writable, 2);
	ph_assert_valid(m);
	/* AAAAAA....CCCCCCDD   mapping pages 16-17 right after merges into C */
	assert_int_equal(mmsim_process_mmap_fd(m, "db", fd, a + 16 * PAGE_SIZE, 2 * PAGE_SIZE,
					       PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
					       16 * PAGE_SIZE, &a), 0);
	assert_string_equal(tree(f, ALL), "0-5 10-17 ");
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
	assert_true(RB_EMPTY_ROOT(&f->i_mmap));
	assert_int_equal(f->i_mmap_writable, 0);
}

static void two_processes_share_one_tree_and_only_shared_writable_count(void **state)
{
	struct machine *m = *state;
	struct address_space *f = mapping_of(m, "/data/f");
	int fa, fb;

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_spawn(m, "b", NULL), 0);
	assert_int_equal(mmsim_process_open(m, "a", "/data/f", O_RDWR, &fa), 0);
	assert_int_equal(mmsim_process_open(m, "b", "/data/f", O_RDONLY, &fb), 0);
	/*
	 * file pages  0         10        20
	 * a           SSSSSSSSSSSSSSSS              shared rw 0-15
	 * b                 PPPPPPPP                private rw 6-13
	 * b                           ssss          shared r (read-only fd) 20-23
	 */
	map(m, "a", fa, 16, 0, PROT_READ | PROT_WRITE, MAP_SHARED);
	map(m, "b", fb, 8, 6, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	map(m, "b", fb, 4, 20, PROT_READ, MAP_SHARED);
	assert_string_equal(tree(f, ALL), "0-15 6-13 20-23 ");
	assert_string_equal(tree(f, 14, 20), "0-15 20-23 ");
	assert_int_equal(f->i_mmap_writable, 1);	/* b's shared one cannot write */
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "a"), 0);
	assert_string_equal(tree(f, ALL), "6-13 20-23 ");
	assert_int_equal(f->i_mmap_writable, 0);
	ph_assert_valid(m);
}

/* The number of i_mmap's VMAs mapping file pages [first, last]. */
static int count(struct address_space *mapping, unsigned long first, unsigned long last)
{
	struct vm_area_struct *vma;
	int n = 0;

	vma_interval_tree_foreach(vma, &mapping->i_mmap, first, last)
		n++;
	return n;
}

static void fork_copies_into_the_tree_and_each_exit_takes_its_own(void **state)
{
	struct machine *m = *state;
	struct address_space *f = mapping_of(m, "/data/f");
	uint64_t a;
	int fd, pid;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_open(m, "db", "/data/f", O_RDWR, &fd), 0);
	/*
	 * file pages  0       8  10  14
	 * db          SSSSSSSS   PPPP       shared rw 0-7, private 10-13
	 * kid (fork)  SS..SSSS   PPPP       its copies, then a hole at 2-3
	 */
	a = map(m, "db", fd, 8, 0, PROT_READ | PROT_WRITE, MAP_SHARED);
	map(m, "db", fd, 4, 10, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	assert_string_equal(tree(f, ALL), "0-7 10-13 ");
	assert_int_equal(mmsim_process_clone(m, "db", "kid", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(count(f, ALL), 4);		/* dup_mmap linked the copies */
	assert_int_equal(f->i_mmap_writable, 2);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_munmap(m, "kid", a + 2 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	assert_int_equal(count(f, 2, 3), 1);		/* only db maps pages 2-3 now */
	assert_int_equal(count(f, 0, 7), 3);
	assert_int_equal(f->i_mmap_writable, 3);
	ph_assert_valid(m);
	/* a thread shares db's mm: no VMAs of its own */
	assert_int_equal(mmsim_process_clone(m, "db", "thr", MMSIM_CLONE_THREAD, &pid), 0);
	assert_int_equal(count(f, ALL), 5);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);	/* the whole group */
	assert_string_equal(tree(f, 0, 1), "0-1 ");
	assert_int_equal(count(f, ALL), 3);
	assert_int_equal(f->i_mmap_writable, 2);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "kid"), 0);
	assert_true(RB_EMPTY_ROOT(&f->i_mmap));
	assert_int_equal(f->i_mmap_writable, 0);
}

static void mremap_keeps_the_tree_exact(void **state)
{
	struct machine *m = *state;
	struct address_space *f = mapping_of(m, "/data/f");
	uint64_t a, b, c;
	int fd;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_open(m, "db", "/data/f", O_RDWR, &fd), 0);
	/* SSSSSSSS.... pages 0-7 shared, 8-11 mapped and unmapped: room to grow */
	a = map(m, "db", fd, 12, 0, PROT_READ | PROT_WRITE, MAP_SHARED);
	assert_int_equal(mmsim_process_munmap(m, "db", a + 8 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
	/* SSSSSSSSSS   grown in place to pages 0-9 */
	assert_int_equal(mmsim_process_mremap(m, "db", a, 8 * PAGE_SIZE, 10 * PAGE_SIZE, 0, 0, &b),
			 0);
	assert_int_equal(b, a);
	assert_string_equal(tree(f, ALL), "0-9 ");
	ph_assert_valid(m);
	/* SSSS         shrunk to pages 0-3 */
	assert_int_equal(mmsim_process_mremap(m, "db", a, 10 * PAGE_SIZE, 4 * PAGE_SIZE, 0, 0, &b),
			 0);
	assert_string_equal(tree(f, ALL), "0-3 ");
	/* pages 2-3 moved elsewhere (MREMAP_MAYMOVE|MREMAP_FIXED): two VMAs, same pages */
	c = map(m, "db", fd, 16, 100, PROT_READ, MAP_PRIVATE);	/* a place to move to */
	assert_int_equal(mmsim_process_mremap(m, "db", a + 2 * PAGE_SIZE, 2 * PAGE_SIZE,
					      2 * PAGE_SIZE, 1 | 2, c, &b), 0);
	assert_int_equal(b, c);
	assert_string_equal(tree(f, ALL), "0-1 2-3 102-115 ");
	assert_int_equal(f->i_mmap_writable, 2);
	ph_assert_valid(m);
}

static void the_validator_notices_a_vma_moved_behind_the_trees_back(void **state)
{
	struct machine *m = *state;
	struct vm_area_struct *vma;
	char err[256];
	uint64_t a;
	int fd;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_open(m, "db", "/data/f", O_RDONLY, &fd), 0);
	a = map(m, "db", fd, 4, 0, PROT_READ, MAP_PRIVATE);
	map(m, "db", fd, 4, 8, PROT_READ, MAP_PRIVATE);
	ph_assert_valid(m);
	vma = find_vma(find_process(m, "db")->mm, a);
	vma->vm_pgoff += 100;			/* not through vma_expand */
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "i_mmap"));
	vma->vm_pgoff -= 100;
	ph_assert_valid(m);
	vma_unlink_file(vma);			/* a file VMA missing from its tree */
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "not in its i_mmap"));
	vma_link_file(vma);
	ph_assert_valid(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(split_merge_and_holes_keep_i_mmap_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(two_processes_share_one_tree_and_only_shared_writable_count, setup, teardown),
		cmocka_unit_test_setup_teardown(fork_copies_into_the_tree_and_each_exit_takes_its_own, setup, teardown),
		cmocka_unit_test_setup_teardown(mremap_keeps_the_tree_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(the_validator_notices_a_vma_moved_behind_the_trees_back, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
