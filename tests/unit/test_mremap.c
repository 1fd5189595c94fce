// SPDX-License-Identifier: GPL-2.0-only
/*
 * mremap (mm/mremap.c) as a process does it, against what the Linux 6.18
 * host does with the same calls (small C programs run under setarch -R):
 * grow in place and merging with the next VMA, a blocked grow moving
 * with MREMAP_MAYMOVE, shrink (also across VMAs), MREMAP_FIXED over a
 * mapping, MREMAP_DONTUNMAP and its accounting, a moved unfaulted VMA
 * merging with its new neighbour, a FIXED move of several VMAs keeping the
 * gaps, every EINVAL/EFAULT/ENOMEM, where vm.max_map_count refuses each
 * kind, strict overcommit, VmPeak across a move, and Committed_AS back to
 * where it was.
 *
 * Layouts are drawn one character a page from BASE: each VMA a letter
 * (A, B, ... in address order), '.' a hole.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "linux/sched.h"
#include "linux/sched/task.h"

#define P		4096UL
#define BASE		0x200000000000UL
#define MAYMOVE		1u
#define FIXED		2u
#define DONTUNMAP	4u

#include "vma_fixture.h"

/* A machine with one spawned process "p" (mm stays NULL: mm_of finds p's). */
static int setup(void **state)
{
	struct vma_fixture *f = vf_boot();

	assert_int_equal(mmsim_spawn(f->m, "p", NULL), 0);
	*state = f;
	return 0;
}

static struct mm_struct *mm_of(struct vma_fixture *f)
{
	return find_process(f->m, "p")->mm;
}

/* mmap @pages pages at BASE + @at pages, prot @prot, MAP_FIXED_NOREPLACE. */
static void map_at(struct vma_fixture *f, unsigned long at, unsigned long pages, unsigned int prot)
{
	uint64_t got;

	assert_int_equal(mmsim_process_mmap(f->m, "p", BASE + at * P, pages * P, prot,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, &got), 0);
	assert_int_equal(got, BASE + at * P);
}

/* mremap by "p": the result address, or the -errno as a negative number. */
static long remap(struct vma_fixture *f, unsigned long addr, unsigned long old_len,
		  unsigned long new_len, unsigned int flags, unsigned long new_addr)
{
	uint64_t out = 0;
	int ret = mmsim_process_mremap(f->m, "p", addr, old_len, new_len, flags, new_addr, &out);

	ph_assert_valid(f->m);
	return ret ? ret : (long)out;
}

/* The layout of @n pages from @start: a letter a VMA, '.' a hole. */
static const char *layout_at(struct vma_fixture *f, unsigned long start, int n)
{
	static char buf[128];
	struct vm_area_struct *vma, *last = NULL;
	char letter = 'A' - 1;

	for (int i = 0; i < n; i++) {
		unsigned long a = start + i * P;

		vma = find_vma(mm_of(f), a);
		if (!vma || vma->vm_start > a) {
			buf[i] = '.';
			continue;
		}
		if (vma != last)
			letter++;
		last = vma;
		buf[i] = letter;
	}
	buf[n] = '\0';
	return buf;
}

#define layout(f, n)	layout_at(f, BASE, n)

static unsigned long committed(struct vma_fixture *f)
{
	return vm_memory_committed(f->m);
}

/*
 *   AA......  ->  AAAA....   grow in place: same address, 2 pages charged
 */
static void test_grow_in_place_when_the_gap_allows(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long c, total;

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	c = committed(f);
	total = mm_of(f)->total_vm;
	assert_int_equal(remap(f, BASE, 2 * P, 4 * P, 0, 0), BASE);
	assert_string_equal(layout(f, 8), "AAAA....");
	assert_int_equal(committed(f) - c, 2);
	assert_int_equal(mm_of(f)->total_vm - total, 2);
}

/*
 *   AA..BB..  ->  AAAAAA..   the extension touches B and merges with it
 *   (as the 6.18 host: one line in maps)
 */
static void test_grow_in_place_merges_with_the_next_vma(void **state)
{
	struct vma_fixture *f = *state;
	int before;

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	map_at(f, 4, 2, PROT_READ | PROT_WRITE);
	assert_string_equal(layout(f, 8), "AA..BB..");
	before = mm_of(f)->map_count;
	assert_int_equal(remap(f, BASE, 2 * P, 4 * P, 0, 0), BASE);
	assert_string_equal(layout(f, 8), "AAAAAA..");
	assert_int_equal(mm_of(f)->map_count, before - 1);
}

/*
 *   SS..TT..  ->  SSSSTT..   shared anonymous memory grows in place too
 *   (each has its own shmem file on Linux: it never merges with T)
 */
static void test_shared_anonymous_grows_in_place_without_merging(void **state)
{
	struct vma_fixture *f = *state;
	uint64_t got;

	for (unsigned long at = 0; at <= 4; at += 4)
		assert_int_equal(mmsim_process_mmap(f->m, "p", BASE + at * P, 2 * P,
						    PROT_READ | PROT_WRITE,
						    MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
						    &got), 0);
	assert_int_equal(remap(f, BASE, 2 * P, 4 * P, 0, 0), BASE);
	assert_string_equal(layout(f, 8), "AAAABB..");
	assert_int_equal(remap(f, BASE, 4 * P, 4 * P, MAYMOVE | FIXED, BASE + 16 * P),
			 BASE + 16 * P);
	assert_string_equal(layout(f, 24), "....AA..........BBBB....");
}

/*
 *   AABB....  grow A to 4 pages: without MAYMOVE ENOMEM, nothing changes;
 *   with it A moves (top-down, where mmap would put it), a hole is left:
 *   ..BB....
 */
static void test_grow_blocked_moves_only_with_maymove(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long c;
	long got;
	struct vm_area_struct *vma;

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	map_at(f, 2, 2, PROT_READ);
	c = committed(f);
	assert_int_equal(remap(f, BASE, 2 * P, 4 * P, 0, 0), -ENOMEM);
	assert_string_equal(layout(f, 8), "AABB....");
	assert_int_equal(committed(f), c);
	got = remap(f, BASE, 2 * P, 4 * P, MAYMOVE, 0);
	assert_true(got > 0 && (unsigned long)got != BASE);
	assert_string_equal(layout(f, 8), "..AA....");
	vma = find_vma(mm_of(f), (unsigned long)got);
	assert_int_equal(vma->vm_start, got);
	assert_int_equal(vma->vm_end, got + 4 * P);
	assert_true(vma->vm_flags & VM_ACCOUNT);
	assert_int_equal(committed(f) - c, 2);	/* the growth only */
}

/*
 *   AAAA....  ->  A.......   shrink unmaps the tail and gives its charge back
 *   AABB....  ->  A.......   a shrink may cross VMAs: the tail is unmapped
 */
static void test_shrink_unmaps_the_tail_even_across_vmas(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long c;

	c = committed(f);
	map_at(f, 0, 4, PROT_READ | PROT_WRITE);
	assert_int_equal(remap(f, BASE, 4 * P, P, 0, 0), BASE);
	assert_string_equal(layout(f, 8), "A.......");
	assert_int_equal(committed(f) - c, 1);
	map_at(f, 1, 1, PROT_READ | PROT_WRITE | PROT_EXEC);
	map_at(f, 2, 2, PROT_READ);
	assert_string_equal(layout(f, 8), "ABCC....");
	assert_int_equal(remap(f, BASE, 4 * P, P, 0, 0), BASE);
	assert_string_equal(layout(f, 8), "A.......");
	/* the same size is a no-op, even over two VMAs */
	map_at(f, 1, 1, PROT_READ);
	assert_int_equal(remap(f, BASE, 2 * P, 2 * P, 0, 0), BASE);
	assert_string_equal(layout(f, 8), "AB......");
}

/*
 *   AA..............BBBBBBBB  move A to page 18 growing it to 4 pages:
 *   ................AABBBBCC  what was there is unmapped first (as the
 *                             6.18 host: 16-18 r--, 18-22 rw-, 22-24 r--)
 *   A...............BB....CC  then a FIXED shrink of B back to page 0
 */
static void test_fixed_replaces_what_is_at_the_target(void **state)
{
	struct vma_fixture *f = *state;

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	map_at(f, 16, 8, PROT_READ);
	assert_int_equal(remap(f, BASE, 2 * P, 4 * P, MAYMOVE | FIXED, BASE + 18 * P),
			 BASE + 18 * P);
	assert_string_equal(layout(f, 24), "................AABBBBCC");
	assert_int_equal(find_vma(mm_of(f), BASE + 18 * P)->vm_flags & VM_WRITE, VM_WRITE);
	assert_int_equal(find_vma(mm_of(f), BASE + 16 * P)->vm_flags & VM_WRITE, 0);
	/* a FIXED shrink: shrink first, then move what is left */
	assert_int_equal(remap(f, BASE + 18 * P, 4 * P, P, MAYMOVE | FIXED, BASE),
			 BASE);
	assert_string_equal(layout(f, 24), "A...............BB....CC");
}

/*
 *   AAAA...........  dontunmap: A stays (still VM_ACCOUNT, still charged),
 *   the copy B is charged in full: Committed_AS +4 pages, as on the host
 */
static void test_dontunmap_keeps_the_old_vma_and_charges_the_new(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long c0 = committed(f), c;

	map_at(f, 0, 4, PROT_READ | PROT_WRITE);
	c = committed(f);
	assert_int_equal(c - c0, 4);
	assert_int_equal(remap(f, BASE, 4 * P, 4 * P, MAYMOVE | DONTUNMAP, BASE + 32 * P),
			 BASE + 32 * P);	/* the hint is taken */
	assert_string_equal(layout(f, 4), "AAAA");
	assert_string_equal(layout_at(f, BASE + 32 * P, 4), "AAAA");
	assert_true(find_vma(mm_of(f), BASE)->vm_flags & VM_ACCOUNT);
	assert_int_equal(committed(f) - c, 4);
	/* a part of a VMA, FIXED */
	assert_int_equal(remap(f, BASE, 2 * P, 2 * P, MAYMOVE | DONTUNMAP | FIXED, BASE + 16 * P),
			 BASE + 16 * P);
	assert_string_equal(layout(f, 4), "AAAA");
	assert_int_equal(committed(f) - c, 6);
	/* unmapping all three gives back every page */
	assert_int_equal(mmsim_process_munmap(f->m, "p", BASE, 64 * P), 0);
	assert_int_equal(committed(f), c0);
}

/*
 * DONTUNMAP of mlocked memory: the old VMA loses VM_LOCKED, but VmLck
 * (locked_vm) keeps counting it, even after it is unmapped - the 6.18
 * host shows 16, 32, 32 and 16 kB along this sequence.  A locked VMA has
 * had its pages faulted in (an anon_vma on Linux): the copy keeps its
 * pgoff and so does not merge with its source right above it.
 */
static void test_dontunmap_of_locked_memory_leaves_vmlck_high(void **state)
{
	struct vma_fixture *f = *state;
	uint64_t a, b;

	assert_int_equal(mmsim_process_mmap(f->m, "p", 0, 4 * P, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, &a), 0);
	assert_int_equal(mm_of(f)->locked_vm, 4);
	assert_int_equal(mmsim_process_mremap(f->m, "p", a, 4 * P, 4 * P, MAYMOVE | DONTUNMAP, 0,
					      &b), 0);
	ph_assert_valid(f->m);
	assert_int_equal(b, a - 4 * P);			/* right below: no merge */
	assert_int_equal(find_vma(mm_of(f), a)->vm_start, a);
	assert_int_equal(find_vma(mm_of(f), a)->vm_flags & VM_LOCKED, 0);
	assert_true(find_vma(mm_of(f), b)->vm_flags & VM_LOCKED);
	assert_int_equal(mm_of(f)->locked_vm, 8);
	assert_int_equal(mmsim_process_munmap(f->m, "p", a, 4 * P), 0);
	assert_int_equal(mm_of(f)->locked_vm, 8);
	assert_int_equal(mmsim_process_munmap(f->m, "p", b, 4 * P), 0);
	assert_int_equal(mm_of(f)->locked_vm, 4);
	ph_assert_valid(f->m);
}

/*
 *   AA......BB  move B next to A: ..AABB...  -> AAAA...... (one VMA): an
 *   unfaulted anonymous VMA takes the pgoff of its new address, so it
 *   merges (the 6.18 host shows one line)
 */
static void test_moved_unfaulted_vma_merges_with_its_new_neighbour(void **state)
{
	struct vma_fixture *f = *state;

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	map_at(f, 8, 2, PROT_READ | PROT_WRITE);
	assert_int_equal(remap(f, BASE + 8 * P, 2 * P, 2 * P, MAYMOVE | FIXED, BASE + 2 * P),
			 BASE + 2 * P);
	assert_string_equal(layout(f, 10), "AAAA......");
	assert_int_equal(find_vma(mm_of(f), BASE)->vm_pgoff, BASE >> PAGE_SHIFT);
	/* moving a VMA right after itself: the copy merges into the source */
	assert_int_equal(remap(f, BASE, 4 * P, 4 * P, MAYMOVE | FIXED, BASE + 4 * P),
			 BASE + 4 * P);
	assert_string_equal(layout(f, 10), "....AAAA..");
	assert_true(find_vma(mm_of(f), BASE + 4 * P)->vm_flags & VM_ACCOUNT);
}

/*
 *   AA.BB.....  FIXED, same size, over both: the gap is kept (6.17+)
 *   ..........AA.BB
 */
static void test_fixed_move_of_several_vmas_keeps_the_gaps(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long c = committed(f);

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	map_at(f, 3, 2, PROT_READ);
	assert_int_equal(remap(f, BASE, 5 * P, 5 * P, MAYMOVE | FIXED, BASE + 10 * P),
			 BASE + 10 * P);
	assert_string_equal(layout(f, 16), "..........AA.BB.");
	assert_int_equal(committed(f) - c, 2);
	/* starting in a hole: EFAULT, nothing moves */
	assert_int_equal(remap(f, BASE + 9 * P, 3 * P, 3 * P, MAYMOVE | FIXED, BASE + 32 * P),
			 -EFAULT);
	assert_string_equal(layout(f, 16), "..........AA.BB.");
}

/* The refusals, each as the 6.18 host answers it. */
static void test_refusals_have_linux_errno(void **state)
{
	struct vma_fixture *f = *state;

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	map_at(f, 2, 2, PROT_READ);
	/* growing a range that crosses two VMAs */
	assert_int_equal(remap(f, BASE, 4 * P, 8 * P, MAYMOVE, 0), -EFAULT);
	assert_int_equal(remap(f, BASE, 4 * P, 8 * P, 0, 0), -EFAULT);
	/* nothing mapped at the old address (also with FIXED) */
	assert_int_equal(remap(f, BASE + 64 * P, P, 2 * P, MAYMOVE, 0), -EFAULT);
	assert_int_equal(remap(f, BASE + 64 * P, 2 * P, 2 * P, MAYMOVE | FIXED, BASE + 32 * P),
			 -EFAULT);
	assert_int_equal(remap(f, BASE + 64 * P, 2 * P, 3 * P, MAYMOVE | FIXED, BASE + 32 * P),
			 -EFAULT);
	/* EINVAL: bad values, in check_mremap_params' order */
	assert_int_equal(remap(f, BASE, P, 0, MAYMOVE, 0), -EINVAL);
	assert_int_equal(remap(f, BASE, P, 1UL << 48, MAYMOVE, 0), -EINVAL);
	assert_int_equal(remap(f, BASE, P, 1UL << 48, 0, 0), -EINVAL);
	assert_int_equal(remap(f, BASE, P, P, 8, 0), -EINVAL);
	assert_int_equal(remap(f, BASE + 1, P, P, 0, 0), -EINVAL);
	assert_int_equal(remap(f, BASE, P, P, FIXED, BASE + 32 * P), -EINVAL);
	assert_int_equal(remap(f, BASE, P, P, DONTUNMAP, 0), -EINVAL);
	assert_int_equal(remap(f, BASE, P, 2 * P, DONTUNMAP | MAYMOVE, 0), -EINVAL);
	assert_int_equal(remap(f, BASE, 2 * P, 2 * P, FIXED | MAYMOVE, BASE + P), -EINVAL);
	assert_int_equal(remap(f, BASE, 2 * P, 2 * P, FIXED | MAYMOVE, BASE + 32 * P + 1), -EINVAL);
	assert_int_equal(remap(f, BASE, P, P, FIXED | MAYMOVE, TASK_SIZE), -EINVAL);
	/* the overlap is refused before the old address is looked up */
	assert_int_equal(remap(f, BASE + 64 * P, 2 * P, 2 * P, FIXED | MAYMOVE, BASE + 65 * P),
			 -EINVAL);
	/* old_len 0 of a private mapping: refused, warned once */
	assert_int_equal(remap(f, BASE, 0, P, MAYMOVE, 0), -EINVAL);
	assert_true(ph_log_has(f->m, "p (1): attempted to duplicate a private mapping with mremap.  This is not supported."));
	/* growing with something mapped after, no MAYMOVE */
	assert_int_equal(remap(f, BASE, 2 * P, 8 * P, 0, 0), -ENOMEM);
	/* growing part of a VMA that does not reach its end: not in place */
	assert_int_equal(remap(f, BASE, P, 2 * P, 0, 0), -ENOMEM);
	/* the same size over more than the VMA, no move: a no-op */
	assert_int_equal(remap(f, BASE, 8 * P, 8 * P, 0, 0), BASE);
	assert_string_equal(layout(f, 8), "AABB....");
}

/* Special mappings: no growth (VM_DONTEXPAND), no DONTUNMAP, whole moves only. */
static void test_special_mappings_do_not_grow(void **state)
{
	struct vma_fixture *f = *state;
	struct vm_area_struct *vdso;

	for (vdso = mm_of(f)->mmap; vdso; vdso = vdso->vm_next)
		if (vdso->vm_special_name && !strcmp(vdso->vm_special_name, "[vdso]"))
			break;
	assert_non_null(vdso);
	assert_int_equal(remap(f, vdso->vm_start, 2 * P, 4 * P, MAYMOVE, 0), -EFAULT);
	assert_int_equal(remap(f, vdso->vm_start, 2 * P, 2 * P, MAYMOVE | DONTUNMAP, BASE),
			 -EINVAL);
	assert_int_equal(remap(f, vdso->vm_start, P, P, MAYMOVE | FIXED, BASE), -EINVAL);
	assert_int_equal(remap(f, vdso->vm_start, 2 * P, 2 * P, MAYMOVE | FIXED, BASE), BASE);
	assert_string_equal(find_vma(mm_of(f), BASE)->vm_special_name, "[vdso]");
}

/* Set map_count to @target with one-page read-only mappings every other page. */
static void fill_to(struct vma_fixture *f, int target)
{
	static const unsigned long fill = 0x100000000000UL;
	uint64_t got;
	unsigned long i = 0;

	while (mm_of(f)->map_count < target) {
		while (find_vma_intersection(mm_of(f), fill + i * 2 * P, fill + i * 2 * P + P))
			i++;
		assert_int_equal(mmsim_process_mmap(f->m, "p", fill + i * 2 * P, P, PROT_READ,
						    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
						    &got), 0);
	}
	while (mm_of(f)->map_count > target) {
		struct vm_area_struct *vma = find_vma(mm_of(f), fill);

		assert_int_equal(mmsim_process_munmap(f->m, "p", vma->vm_start, P), 0);
	}
}

/*
 * Where vm.max_map_count (here 100) refuses each kind, as measured on the
 * host with the default 65530 at max - d for d = 0..6:
 *   shrink, grow in place, same size:  never
 *   shrink splitting a VMA:            d = 0 (munmap's split)
 *   move (MAYMOVE):                    d <= 3  (map_count >= max - 3)
 *   FIXED, DONTUNMAP:                  d <= 5  (map_count + 2 >= max - 3)
 */
static void test_max_map_count_refuses_where_linux_does(void **state)
{
	struct vma_fixture *f = *state;
	static const char *const want[] = {
		"max-0: shrink=ok shrinkmid=ENOMEM growin=ok move=ENOMEM fixed=ENOMEM dontunmap=ENOMEM",
		"max-1: shrink=ok shrinkmid=ok growin=ok move=ENOMEM fixed=ENOMEM dontunmap=ENOMEM",
		"max-2: shrink=ok shrinkmid=ok growin=ok move=ENOMEM fixed=ENOMEM dontunmap=ENOMEM",
		"max-3: shrink=ok shrinkmid=ok growin=ok move=ENOMEM fixed=ENOMEM dontunmap=ENOMEM",
		"max-4: shrink=ok shrinkmid=ok growin=ok move=ok fixed=ENOMEM dontunmap=ENOMEM",
		"max-5: shrink=ok shrinkmid=ok growin=ok move=ok fixed=ENOMEM dontunmap=ENOMEM",
		"max-6: shrink=ok shrinkmid=ok growin=ok move=ok fixed=ok dontunmap=ok",
	};
	const int max = 100;

	assert_int_equal(mmsim_write(f->m, "/proc/sys/vm/max_map_count", "100"), 0);
	for (int d = 0; d <= 6; d++) {
		char line[256];
		int n = snprintf(line, sizeof(line), "max-%d:", d);
		long r;

#define TRY(name, call) do {						\
		r = (call);						\
		n += snprintf(line + n, sizeof(line) - n, " %s=%s", name,	\
			      r > 0 ? "ok" : r == -ENOMEM ? "ENOMEM" : "other"); \
		mmsim_process_munmap(f->m, "p", BASE, 64 * P);		\
	} while (0)
		map_at(f, 0, 2, PROT_READ | PROT_WRITE);
		fill_to(f, max - d);
		TRY("shrink", remap(f, BASE, 2 * P, P, 0, 0));
		map_at(f, 0, 4, PROT_READ | PROT_WRITE);
		fill_to(f, max - d);
		TRY("shrinkmid", remap(f, BASE, 2 * P, P, 0, 0));
		map_at(f, 0, 2, PROT_READ | PROT_WRITE);
		fill_to(f, max - d);
		TRY("growin", remap(f, BASE, 2 * P, 4 * P, 0, 0));
		map_at(f, 0, 2, PROT_READ | PROT_WRITE);
		map_at(f, 2, 2, PROT_READ);
		fill_to(f, max - d);
		r = remap(f, BASE, 2 * P, 4 * P, MAYMOVE, 0);
		if (r > 0)
			mmsim_process_munmap(f->m, "p", (unsigned long)r, 4 * P);
		TRY("move", r);
		map_at(f, 0, 2, PROT_READ | PROT_WRITE);
		fill_to(f, max - d);
		TRY("fixed", remap(f, BASE, 2 * P, 2 * P, MAYMOVE | FIXED, BASE + 32 * P));
		map_at(f, 0, 2, PROT_READ | PROT_WRITE);
		fill_to(f, max - d);
		TRY("dontunmap", remap(f, BASE, 2 * P, 2 * P, MAYMOVE | DONTUNMAP, BASE + 32 * P));
#undef TRY
		assert_string_equal(line, want[d]);
	}
}

/* Strict overcommit: a grow past CommitLimit is refused, nothing stays charged. */
static void test_strict_overcommit_refuses_a_grow(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long c;

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	assert_int_equal(mmsim_write(f->m, "/proc/sys/vm/overcommit_memory", "2"), 0);
	c = committed(f);
	assert_int_equal(remap(f, BASE, 2 * P, 1UL << 30, MAYMOVE, 0), -ENOMEM);
	assert_int_equal(committed(f), c);
	assert_string_equal(layout(f, 4), "AA..");
	assert_int_equal(remap(f, BASE, 2 * P, 4 * P, MAYMOVE, 0), BASE);
	assert_int_equal(committed(f) - c, 2);
}

/* A move raises total_vm for a moment; VmPeak (hiwater_vm) does not keep it. */
static void test_a_move_does_not_raise_vmpeak(void **state)
{
	struct vma_fixture *f = *state;
	unsigned long peak, total;

	map_at(f, 0, 2, PROT_READ | PROT_WRITE);
	map_at(f, 2, 2, PROT_READ);
	assert_int_equal(mmsim_process_munmap(f->m, "p", BASE + 2 * P, 2 * P), 0);
	peak = mm_of(f)->hiwater_vm;
	total = mm_of(f)->total_vm;
	assert_true(peak >= total);
	assert_int_equal(remap(f, BASE, 2 * P, 2 * P, MAYMOVE | FIXED, BASE + 32 * P),
			 BASE + 32 * P);
	assert_int_equal(mm_of(f)->total_vm, total);
	assert_int_equal(mm_of(f)->hiwater_vm, peak);
}

/* Whatever mremap did, exit gives every charged page back. */
static void test_accounting_back_to_zero_at_exit(void **state)
{
	struct vma_fixture *f = *state;

	map_at(f, 0, 4, PROT_READ | PROT_WRITE);
	map_at(f, 8, 4, PROT_READ);
	assert_int_equal(remap(f, BASE, 4 * P, 8 * P, MAYMOVE, 0) > 0, 1);
	assert_int_equal(remap(f, BASE + 8 * P, 4 * P, 4 * P, MAYMOVE | DONTUNMAP, BASE + 64 * P),
			 BASE + 64 * P);
	map_at(f, 20, 2, PROT_READ | PROT_WRITE);
	assert_int_equal(remap(f, BASE + 20 * P, 2 * P, 2 * P, MAYMOVE | DONTUNMAP | FIXED,
			       BASE + 40 * P), BASE + 40 * P);
	assert_int_equal(remap(f, BASE + 40 * P, 2 * P, P, 0, 0), BASE + 40 * P);
	assert_int_equal(mmsim_process_exit(f->m, "p"), 0);
	ph_assert_valid(f->m);
	assert_int_equal(committed(f), f->c0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_grow_in_place_when_the_gap_allows, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_grow_in_place_merges_with_the_next_vma, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_shared_anonymous_grows_in_place_without_merging, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_grow_blocked_moves_only_with_maymove, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_shrink_unmaps_the_tail_even_across_vmas, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_fixed_replaces_what_is_at_the_target, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_dontunmap_keeps_the_old_vma_and_charges_the_new, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_dontunmap_of_locked_memory_leaves_vmlck_high, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_moved_unfaulted_vma_merges_with_its_new_neighbour, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_fixed_move_of_several_vmas_keeps_the_gaps, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_refusals_have_linux_errno, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_special_mappings_do_not_grow, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_max_map_count_refuses_where_linux_does, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_strict_overcommit_refuses_a_grow, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_a_move_does_not_raise_vmpeak, setup, vf_teardown),
		cmocka_unit_test_setup_teardown(test_accounting_back_to_zero_at_exit, setup, vf_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
