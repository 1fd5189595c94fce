// SPDX-License-Identifier: GPL-2.0-only
/*
 * Access patterns (kernel/access_pattern.c): the addresses each pattern
 * hands out - how many, in which range, in which order - are as the
 * language says, the same for the same seed and different for another;
 * zipf favours the first pages as 1/(i+1)^theta says; repeat replays a
 * pass.
 *
 *   START (not page-aligned)                               END
 *   |<-- page 0 -->|<-- page 1 -->| ... |<-- page n-1 -->|
 *   seq gives START, then each later page's first byte.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "linux/mm.h"
#include "linux/mmsim_access.h"

#define START	0x7f0000000800UL	/* mid-page on purpose */
#define NPAGES	64UL
#define END	((START & PAGE_MASK) + NPAGES * PAGE_SIZE)

/* Every address of a walk (malloc'd, count in *n). */
static unsigned long *walk_all(const struct mmsim_access_spec *spec, unsigned long start,
			       unsigned long end, u64 seed, size_t *n)
{
	struct access_iter it;
	size_t cap = 1024, got;
	unsigned long *v = malloc(cap * sizeof(*v));

	assert_int_equal(access_iter_init(&it, spec, start, end, seed), 0);
	*n = 0;
	for (;;) {
		if (*n + ACCESS_BATCH > cap)
			v = realloc(v, (cap *= 2) * sizeof(*v));
		got = access_iter_next(&it, v + *n, ACCESS_BATCH);
		if (!got)
			break;
		*n += got;
	}
	return v;
}

static void assert_all_in_range(const unsigned long *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_true(v[i] >= START);
		assert_true(v[i] < END);
	}
}

static void seq_gives_every_page_once_in_order(void **state)
{
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_SEQ };
	size_t n;
	unsigned long *v = walk_all(&spec, START, END, 0, &n);

	(void)state;
	assert_int_equal(n, NPAGES);
	assert_int_equal(v[0], START);
	for (size_t i = 1; i < n; i++)
		assert_int_equal(v[i], (START & PAGE_MASK) + i * PAGE_SIZE);
	free(v);
}

static void repeat_runs_the_whole_pattern_again(void **state)
{
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_RAND, .count = 300, .repeat = 3 };
	size_t n;
	unsigned long *v = walk_all(&spec, START, END, 9, &n);

	(void)state;
	assert_int_equal(n, 900);
	assert_memory_equal(v, v + 300, 300 * sizeof(*v));
	assert_memory_equal(v, v + 600, 300 * sizeof(*v));
	free(v);
	spec = (struct mmsim_access_spec){ .pattern = MMSIM_ACCESS_SEQ, .repeat = 2 };
	v = walk_all(&spec, START, END, 0, &n);
	assert_int_equal(n, 2 * NPAGES);
	assert_int_equal(v[NPAGES], START);
	free(v);
}

static void rand_is_seeded_in_range_and_page_granular(void **state)
{
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_RAND, .count = 1000 };
	size_t n1, n2, n3;
	unsigned long *a = walk_all(&spec, START, END, 7, &n1);
	unsigned long *b = walk_all(&spec, START, END, 7, &n2);
	unsigned long *c = walk_all(&spec, START, END, 8, &n3);
	bool seen[NPAGES] = { false };
	size_t distinct = 0;

	(void)state;
	assert_int_equal(n1, 1000);
	assert_memory_equal(a, b, n1 * sizeof(*a));		/* same seed, same draws */
	assert_memory_not_equal(a, c, n1 * sizeof(*a));	/* another seed, others */
	assert_all_in_range(a, n1);
	for (size_t i = 0; i < n1; i++) {
		size_t p = (a[i] >> PAGE_SHIFT) - (START >> PAGE_SHIFT);

		assert_true(a[i] == START || !(a[i] & ~PAGE_MASK));
		if (!seen[p]) {
			seen[p] = true;
			distinct++;
		}
	}
	assert_int_equal(distinct, NPAGES);	/* 1000 draws of 64: all pages (p miss < 1e-6) */
	free(a);
	free(b);
	free(c);
}

static void stride_steps_by_its_size_below_the_end(void **state)
{
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_STRIDE, .stride = 3000 };
	size_t n;
	unsigned long *v = walk_all(&spec, START, END, 0, &n);

	(void)state;
	assert_int_equal(n, (END - START - 1) / 3000 + 1);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], START + i * 3000);
	assert_all_in_range(v, n);
	free(v);
	spec.stride = 64 << 10;		/* stride=64K over 64 pages: 4 accesses */
	v = walk_all(&spec, START & PAGE_MASK, END, 0, &n);
	assert_int_equal(n, 4);
	assert_int_equal(v[3], (START & PAGE_MASK) + 3 * (64 << 10));
	free(v);
}

static void zipf_favours_the_first_pages_and_is_seeded(void **state)
{
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_ZIPF, .theta = 0.99,
					  .count = 20000 };
	unsigned long hits[NPAGES] = { 0 };
	size_t n, n2;
	unsigned long *v = walk_all(&spec, START, END, 3, &n);
	unsigned long *w = walk_all(&spec, START, END, 3, &n2);
	double expect0, h = 0;

	(void)state;
	assert_int_equal(n, 20000);
	assert_memory_equal(v, w, n * sizeof(*v));
	assert_all_in_range(v, n);
	for (size_t i = 0; i < n; i++)
		hits[(v[i] >> PAGE_SHIFT) - (START >> PAGE_SHIFT)]++;
	assert_true(hits[0] > hits[1]);
	assert_true(hits[1] > hits[7]);
	assert_true(hits[0] > 10 * hits[NPAGES - 1]);
	/* page 0's share is 1 / H(64, 0.99): about 21% - within 2 points */
	for (unsigned long k = 1; k <= NPAGES; k++)
		h += 1.0 / pow((double)k, 0.99);
	expect0 = 20000.0 / h;
	assert_true(hits[0] > expect0 - 400 && hits[0] < expect0 + 400);
	free(v);
	free(w);
}

static void zipf_theta_0_is_uniform(void **state)
{
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_ZIPF, .theta = 0, .count = 64000 };
	unsigned long hits[NPAGES] = { 0 };
	size_t n;
	unsigned long *v = walk_all(&spec, START, END, 5, &n);

	(void)state;
	for (size_t i = 0; i < n; i++)
		hits[(v[i] >> PAGE_SHIFT) - (START >> PAGE_SHIFT)]++;
	for (size_t p = 0; p < NPAGES; p++)
		assert_true(hits[p] > 800 && hits[p] < 1200);	/* 1000 each, +-6 sigma */
	free(v);
}

static void bad_specs_are_einval(void **state)
{
	struct access_iter it;
	struct mmsim_access_spec rand0 = { .pattern = MMSIM_ACCESS_RAND };
	struct mmsim_access_spec stride0 = { .pattern = MMSIM_ACCESS_STRIDE };
	struct mmsim_access_spec zipfneg = { .pattern = MMSIM_ACCESS_ZIPF, .theta = -1, .count = 1 };
	struct mmsim_access_spec unknown = { .pattern = 42 };

	(void)state;
	assert_int_equal(access_iter_init(&it, &rand0, START, END, 0), -EINVAL);
	assert_int_equal(access_iter_init(&it, &stride0, START, END, 0), -EINVAL);
	assert_int_equal(access_iter_init(&it, &zipfneg, START, END, 0), -EINVAL);
	assert_int_equal(access_iter_init(&it, &unknown, START, END, 0), -EINVAL);
}

/*
 * Batches: the first pass comes alone (it->pass still 0 after each of its
 * batches: the access loop counts pages there), later passes share
 * batches; the addresses are those of pass after pass, for seq, stride
 * and rand (which restarts its draws each pass).
 */
static void later_passes_share_batches_first_pass_alone(void **state)
{
	static const struct mmsim_access_spec specs[] = {
		{ .pattern = MMSIM_ACCESS_SEQ, .repeat = 40 },
		{ .pattern = MMSIM_ACCESS_STRIDE, .stride = 3 * PAGE_SIZE + 5, .repeat = 40 },
		{ .pattern = MMSIM_ACCESS_RAND, .count = 7, .repeat = 40 },
	};

	(void)state;
	for (size_t k = 0; k < sizeof(specs) / sizeof(specs[0]); k++) {
		struct mmsim_access_spec one = specs[k];
		unsigned long batch[ACCESS_BATCH], *pass, *all;
		size_t n_pass, n_all, got, seen = 0, batches = 0;
		struct access_iter it;

		one.repeat = 1;
		pass = walk_all(&one, START, END, 9, &n_pass);
		all = walk_all(&specs[k], START, END, 9, &n_all);
		assert_int_equal(n_all, 40 * n_pass);
		for (size_t i = 0; i < n_all; i++)
			assert_int_equal(all[i], pass[i % n_pass]);

		assert_int_equal(access_iter_init(&it, &specs[k], START, END, 9), 0);
		while ((got = access_iter_next(&it, batch, ACCESS_BATCH))) {
			if (seen < n_pass) {
				assert_true(seen + got <= n_pass);	/* pass 0 alone */
				assert_int_equal(it.pass, 0);
			} else {
				assert_true(it.pass > 0);
			}
			seen += got;
			batches++;
		}
		assert_int_equal(seen, n_all);
		/* after pass 0, batches are full but the last */
		assert_int_equal(batches, (n_pass + ACCESS_BATCH - 1) / ACCESS_BATCH +
				 (n_all - n_pass + ACCESS_BATCH - 1) / ACCESS_BATCH);
		free(pass);
		free(all);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(seq_gives_every_page_once_in_order),
		cmocka_unit_test(repeat_runs_the_whole_pattern_again),
		cmocka_unit_test(rand_is_seeded_in_range_and_page_granular),
		cmocka_unit_test(stride_steps_by_its_size_below_the_end),
		cmocka_unit_test(zipf_favours_the_first_pages_and_is_seeded),
		cmocka_unit_test(zipf_theta_0_is_uniform),
		cmocka_unit_test(bad_specs_are_einval),
		cmocka_unit_test(later_passes_share_batches_first_pass_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
