/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fixture shared by the tests of one address space's VMAs
 * (test_madvise.c, test_mlock.c, test_msync.c, test_mremap.c,
 * test_vm_account.c, test_vma.c): a booted machine (mem=512M nr_cpus=2),
 * an mm_struct of its own (mm_alloc, no process) and the committed pages
 * at the start, its validators, and -- when the test defines BASE, the
 * first page of its layouts -- pages named by index from BASE and an
 * anonymous private read-write MAP_FIXED mapping of pages [a, b).
 * Leaves out processes: a test that needs one spawns it in its own setup
 * (vf_boot, then mmsim_spawn) and keeps mm NULL.  Include after cmocka.h.
 */
#ifndef _MMSIM_TESTS_VMA_FIXTURE_H
#define _MMSIM_TESTS_VMA_FIXTURE_H

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "../../mm/vma.h"

struct vma_fixture {
	struct machine *m;
	struct mm_struct *mm;	/* the address space tested, or NULL */
	unsigned long c0;	/* committed pages before the test */
};

/* A fixture with a booted machine, no mm yet, c0 taken; fails the test on error. */
static inline struct vma_fixture *vf_boot(void)
{
	struct vma_fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->m = ph_boot("mem=512M nr_cpus=2");
	f->c0 = vm_memory_committed(f->m);
	return f;
}

/* cmocka setup: vf_boot plus an empty mm_struct (mm_alloc). */
static inline int vf_setup(void **state)
{
	struct vma_fixture *f = vf_boot();

	f->mm = mm_alloc(f->m);
	assert_non_null(f->mm);
	*state = f;
	return 0;
}

/* cmocka teardown: drops the mm if the test left one, then the machine. */
static inline int vf_teardown(void **state)
{
	struct vma_fixture *f = *state;

	if (f->mm)
		mmput(f->m, f->mm);
	mmsim_destroy(f->m);
	free(f);
	return 0;
}

/* Fail the test if the mm's VMA tree or its locked_vm is inconsistent. */
static inline void vf_check(struct vma_fixture *f)
{
	char err[256];

	if (validate_mm(f->m, f->mm, err, sizeof(err)) || validate_mlock(f->mm, err, sizeof(err)))
		fail_msg("validate: %s", err);
}

#ifdef BASE
#define PG(n)		(BASE + (unsigned long)(n) * PAGE_SIZE)
#define NPAGES(n)	((unsigned long)(n) * PAGE_SIZE)

/* do_mmap of pages [a, b) anonymous private rw at PG(a), MAP_FIXED, with extra @flags. */
static inline unsigned long vf_mmap(struct vma_fixture *f, int a, int b, unsigned long flags)
{
	return do_mmap(f->m, f->mm, NULL, PG(a), NPAGES(b - a), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | flags, 0);
}

/* vf_mmap that must succeed. */
static inline void vf_map(struct vma_fixture *f, int a, int b, unsigned long flags)
{
	assert_int_equal(vf_mmap(f, a, b, flags), PG(a));
}
#endif

#endif
