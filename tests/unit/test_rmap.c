// SPDX-License-Identifier: GPL-2.0-only
/*
 * The anonymous reverse map (mm/rmap.c, mm/anon_vma_tree.c,
 * mm/rmap_validate.c): a VMA's first write makes one anon_vma and one
 * anon_vma_chain (slab objects, as /proc/slabinfo shows); pages record
 * their anon_vma and linear index; fork chains the child's VMA to the
 * parent's anon_vma plus its own; rmap_walk_anon finds every PTE mapping
 * a page; splits clone chains and merges give them back; 6.x reuses an
 * anon_vma left with no VMA and one child; munmap and exit return every
 * object; the validator catches a wrong mapcount, a missing chain and a
 * wrong index.
 *
 *   BASE                                  BASE + LEN
 *   |<------- NPAGES private RW, written ------->|
 *   split by mprotect:  [ RW | R (middle) | RW ]
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/rmap.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/slab.h"
#include "../../mm/slab.h"
#include "../../mm/vma.h"

#define BASE		0x100000000000UL
#define NPAGES		16
#define LEN		(NPAGES * PAGE_SIZE)
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static struct mm_struct *mm_of(struct machine *m, const char *name)
{
	return find_process(m, name)->mm;
}

static struct vm_area_struct *vma_of(struct machine *m, const char *name, unsigned long addr)
{
	return find_vma(mm_of(m, name), addr);
}

static struct page *page_at(struct machine *m, const char *name, unsigned long addr)
{
	pte_t *pte = mm_find_pte(m, mm_of(m, name), addr);

	assert_non_null(pte);
	assert_true(pte_present(*pte) && !pte_special(*pte));
	return pfn_to_page(m, pte_pfn(*pte));
}

/* Objects in use in @s (its CPU slabs flushed first, as slabinfo's active count). */
static unsigned long active(struct machine *m, struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_shrink(m, s);
	get_slabinfo(m, s, &si);
	return si.active_objs;
}

static unsigned long nr_chains(const struct vm_area_struct *vma)
{
	const struct list_head *pos;
	unsigned long n = 0;

	for (pos = vma->anon_vma_chain.next; pos != &vma->anon_vma_chain; pos = pos->next)
		n++;
	return n;
}

static void spawn_and_write(struct machine *m, const char *name)
{
	struct mmsim_access_result r;
	uint64_t out;

	assert_int_equal(mmsim_spawn(m, name, NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, name, BASE, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, name, BASE, LEN, 1, &r), 0);
}

static int do_fork(struct machine *m, const char *parent, const char *child)
{
	int pid;

	return mmsim_process_clone(m, parent, child, MMSIM_CLONE_FORK, &pid);
}

static void first_write_makes_one_anon_vma_and_chain(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	unsigned long av0, avc0;
	struct mmsim_access_result r;
	struct vm_area_struct *vma;
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	av0 = active(m, m->anon_vma_cachep);
	avc0 = active(m, m->anon_vma_chain_cachep);	/* fs_cache shares it: after spawn */
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, LEN, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 0, &r), 0);
	assert_null(vma_of(m, "a", BASE)->anon_vma);		/* zero page: none yet */
	assert_int_equal(mmsim_process_access(m, "a", BASE, LEN, 1, &r), 0);
	vma = vma_of(m, "a", BASE);
	assert_non_null(vma->anon_vma);
	assert_int_equal(nr_chains(vma), 1);
	assert_int_equal(active(m, m->anon_vma_cachep) - av0, 1);
	assert_int_equal(active(m, m->anon_vma_chain_cachep) - avc0, 1);
	assert_ptr_equal(vma->anon_vma->root, vma->anon_vma);
	assert_int_equal(vma->anon_vma->num_active_vmas, 1);
	assert_int_equal(vma->anon_vma->num_children, 1);	/* itself */
	for (unsigned long i = 0; i < NPAGES; i++) {
		struct page *page = page_at(m, "a", BASE + i * PAGE_SIZE);

		assert_true(PageAnon(page));
		assert_ptr_equal(folio_anon_vma(page), vma->anon_vma);
		assert_int_equal(page->index, (BASE >> PAGE_SHIFT) + i);
		assert_true(PageAnonExclusive(page));
		assert_true(page->flags & (1UL << PG_swapbacked));
	}
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* rmap_walk_anon callback: record where the page is mapped. */
struct seen {
	unsigned int n;
	struct mm_struct *mm[4];
	unsigned long addr[4];
};

static bool record(struct page *page, struct vm_area_struct *vma, unsigned long address,
		   void *arg)
{
	struct seen *s = arg;

	if (s->n < 4) {
		s->mm[s->n] = vma->vm_mm;
		s->addr[s->n] = address;
	}
	s->n++;
	return true;
}

static void fork_chains_the_child_and_rmap_walk_finds_both_ptes(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct vm_area_struct *pv, *cv;
	struct page *page;
	struct seen s = { 0 };
	struct mmsim_access_result r;

	(void)state;
	spawn_and_write(m, "a");
	assert_int_equal(do_fork(m, "a", "c"), 0);
	pv = vma_of(m, "a", BASE);
	cv = vma_of(m, "c", BASE);
	assert_ptr_not_equal(cv->anon_vma, pv->anon_vma);	/* its own, for its copies */
	assert_ptr_equal(cv->anon_vma->root, pv->anon_vma);
	assert_ptr_equal(cv->anon_vma->parent, pv->anon_vma);
	assert_int_equal(nr_chains(cv), 2);			/* the parent's and its own */
	assert_int_equal(pv->anon_vma->num_children, 2);
	assert_int_equal(pv->anon_vma->refcount, 2);		/* self + the child's root ref */

	page = page_at(m, "a", BASE + 5 * PAGE_SIZE);
	assert_int_equal(rmap_walk_anon(m, page, record, &s), 2);
	assert_int_equal(s.n, 2);
	assert_true((s.mm[0] == mm_of(m, "a") && s.mm[1] == mm_of(m, "c")) ||
		    (s.mm[0] == mm_of(m, "c") && s.mm[1] == mm_of(m, "a")));
	assert_int_equal(s.addr[0], BASE + 5 * PAGE_SIZE);
	assert_int_equal(s.addr[1], BASE + 5 * PAGE_SIZE);

	/* after the child's copy, each page is found once */
	assert_int_equal(mmsim_process_access(m, "c", BASE + 5 * PAGE_SIZE, PAGE_SIZE, 1, &r), 0);
	s.n = 0;
	assert_int_equal(rmap_walk_anon(m, page, record, &s), 1);
	assert_ptr_equal(s.mm[0], mm_of(m, "a"));
	s.n = 0;
	assert_int_equal(rmap_walk_anon(m, page_at(m, "c", BASE + 5 * PAGE_SIZE), record, &s), 1);
	assert_ptr_equal(s.mm[0], mm_of(m, "c"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void split_clones_chains_and_merge_gives_them_back(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	unsigned long avc0;
	struct vm_area_struct *vma;
	struct anon_vma *av;
	struct seen s = { 0 };
	int count0;

	(void)state;
	spawn_and_write(m, "a");
	av = vma_of(m, "a", BASE)->anon_vma;
	avc0 = active(m, m->anon_vma_chain_cachep);
	count0 = mm_of(m, "a")->map_count;
	assert_int_equal(mmsim_process_mprotect(m, "a", BASE + 4 * PAGE_SIZE, 4 * PAGE_SIZE,
						PROT_READ), 0);
	assert_int_equal(mm_of(m, "a")->map_count, count0 + 2);	/* three parts */
	assert_int_equal(av->num_active_vmas, 3);
	assert_int_equal(active(m, m->anon_vma_chain_cachep) - avc0, 2);
	vma = vma_of(m, "a", BASE + 5 * PAGE_SIZE);
	assert_ptr_equal(vma->anon_vma, av);
	assert_int_equal(vma->vm_start, BASE + 4 * PAGE_SIZE);
	assert_int_equal(rmap_walk_anon(m, page_at(m, "a", BASE + 5 * PAGE_SIZE), record, &s), 1);
	assert_ptr_equal(s.addr[0], BASE + 5 * PAGE_SIZE);
	ph_assert_valid(m);

	assert_int_equal(mmsim_process_mprotect(m, "a", BASE + 4 * PAGE_SIZE, 4 * PAGE_SIZE, RW), 0);
	assert_int_equal(mm_of(m, "a")->map_count, count0);
	assert_int_equal(av->num_active_vmas, 1);
	assert_int_equal(active(m, m->anon_vma_chain_cachep), avc0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void fork_reuses_an_anon_vma_with_no_vma_and_one_child(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct anon_vma *av_c;
	unsigned long av1;

	(void)state;
	/* a -> c -> g; c exits: c's anon_vma keeps g's child but no VMA */
	spawn_and_write(m, "a");
	assert_int_equal(do_fork(m, "a", "c"), 0);
	av_c = vma_of(m, "c", BASE)->anon_vma;
	assert_int_equal(do_fork(m, "c", "g"), 0);
	assert_int_equal(nr_chains(vma_of(m, "g", BASE)), 3);
	assert_int_equal(mmsim_process_exit(m, "c"), 0);
	assert_int_equal(av_c->num_active_vmas, 0);
	assert_int_equal(av_c->num_children, 1);
	ph_assert_valid(m);
	/* g forks: its child takes av_c over instead of a new anon_vma */
	av1 = active(m, m->anon_vma_cachep);
	assert_int_equal(do_fork(m, "g", "h"), 0);
	assert_ptr_equal(vma_of(m, "h", BASE)->anon_vma, av_c);
	assert_int_equal(active(m, m->anon_vma_cachep), av1);
	assert_int_equal(nr_chains(vma_of(m, "h", BASE)), 3);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void munmap_and_exit_return_every_anon_vma_and_chain(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	unsigned long av0 = active(m, m->anon_vma_cachep);
	unsigned long avc0 = active(m, m->anon_vma_chain_cachep);

	(void)state;
	spawn_and_write(m, "a");
	assert_int_equal(do_fork(m, "a", "c"), 0);
	assert_int_equal(do_fork(m, "c", "g"), 0);
	assert_int_equal(active(m, m->anon_vma_cachep) - av0, 3);
	/* chains 1 + 2 + 3, and three fs_structs (fs_cache shares the cache) */
	assert_int_equal(active(m, m->anon_vma_chain_cachep) - avc0, 6 + 3);
	/* the root goes last: a's munmap leaves it to its family */
	assert_int_equal(mmsim_process_munmap(m, "a", BASE, LEN), 0);
	assert_int_equal(active(m, m->anon_vma_cachep) - av0, 3);
	assert_int_equal(active(m, m->anon_vma_chain_cachep) - avc0, 5 + 3);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "c"), 0);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "g"), 0);
	assert_int_equal(mmsim_process_exit(m, "a"), 0);
	assert_int_equal(active(m, m->anon_vma_cachep), av0);
	assert_int_equal(active(m, m->anon_vma_chain_cachep), avc0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void validator_catches_a_wrong_mapcount(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct page *page;
	char err[256];

	(void)state;
	spawn_and_write(m, "a");
	assert_int_equal(do_fork(m, "a", "c"), 0);
	page = page_at(m, "a", BASE);
	page->_mapcount++;				/* 3 mappings claimed, 2 PTEs */
	assert_int_equal(validate_anon_ptes(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "page_mapcount 3, but 2 PTEs map it"));
	page->_mapcount -= 2;				/* 1 claimed, 2 PTEs */
	assert_int_equal(validate_anon_ptes(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "mapped by more PTEs than its mapcount 1"));
	page->_mapcount++;
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void validator_catches_a_missing_chain_and_a_wrong_index(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct vm_area_struct *cv;
	struct anon_vma_chain *oldest;
	struct page *page;
	char err[256];

	(void)state;
	spawn_and_write(m, "a");
	assert_int_equal(do_fork(m, "a", "c"), 0);
	cv = vma_of(m, "c", BASE);
	/* take the child's link to the parent's anon_vma off its list */
	oldest = list_last_entry(&cv->anon_vma_chain, struct anon_vma_chain, same_vma);
	list_del(&oldest->same_vma);
	assert_int_equal(validate_anon_ptes(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "is not chained to vma"));
	list_add_tail(&oldest->same_vma, &cv->anon_vma_chain);
	ph_assert_valid(m);

	page = page_at(m, "a", BASE + PAGE_SIZE);
	page->index++;
	assert_int_equal(validate_anon_ptes(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "linear index"));
	page->index--;
	vma_of(m, "a", BASE)->anon_vma->num_active_vmas++;
	assert_int_equal(validate_anon_ptes(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "num_active_vmas 2, 1 VMAs use it"));
	vma_of(m, "a", BASE)->anon_vma->num_active_vmas--;
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_write_makes_one_anon_vma_and_chain),
		cmocka_unit_test(fork_chains_the_child_and_rmap_walk_finds_both_ptes),
		cmocka_unit_test(split_clones_chains_and_merge_gives_them_back),
		cmocka_unit_test(fork_reuses_an_anon_vma_with_no_vma_and_one_child),
		cmocka_unit_test(munmap_and_exit_return_every_anon_vma_and_chain),
		cmocka_unit_test(validator_catches_a_wrong_mapcount),
		cmocka_unit_test(validator_catches_a_missing_chain_and_a_wrong_index),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
