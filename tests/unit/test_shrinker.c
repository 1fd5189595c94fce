// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/shrinker.c and kernel/kactor_shrinker.c: do_shrink_slab's arithmetic
 * as Linux 6.18 has it (share = freeable >> priority * 4 / seeks, capped at
 * twice the freeable objects, scanned in batches, the rest deferred per
 * shrinker and per node when NUMA aware), SHRINK_STOP and SHRINK_EMPTY,
 * drop_slab's "again while the round freed more than 2 << shift" loop,
 * echo 2/3 > /proc/sys/vm/drop_caches calling the shrinkers, and the
 * slabs_scanned / drop_slab counters.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "linux/machine.h"
#include "linux/shrinker.h"
#include "linux/slab.h"
#include "linux/vmstat.h"

#define MAX_CALLS 64

/* A cache of @objects objects; count reports them, scan frees from them. */
struct test_cache {
	unsigned long objects;		/* objects left */
	unsigned long count_override;	/* if set, count_objects returns this */
	int stop_after;			/* scan returns SHRINK_STOP from this call on (0: never) */
	int nr_calls;			/* scan calls so far */
	unsigned long nr_to_scan[MAX_CALLS];	/* what each call was asked */
	int nids[MAX_CALLS];		/* the node each call was for */
	int nr_counts;			/* count calls so far */
};

static unsigned long tc_count(struct machine *m, struct shrinker *s, struct shrink_control *sc)
{
	struct test_cache *tc = s->private_data;

	tc->nr_counts++;
	return tc->count_override ? tc->count_override : tc->objects;
}

static unsigned long tc_scan(struct machine *m, struct shrinker *s, struct shrink_control *sc)
{
	struct test_cache *tc = s->private_data;
	unsigned long n = min(sc->nr_to_scan, tc->objects);

	if (tc->nr_calls < MAX_CALLS) {
		tc->nr_to_scan[tc->nr_calls] = sc->nr_to_scan;
		tc->nids[tc->nr_calls] = sc->nid;
	}
	tc->nr_calls++;
	if (tc->stop_after && tc->nr_calls >= tc->stop_after)
		return SHRINK_STOP;
	tc->objects -= n;
	return n;
}

static struct machine *boot(const char *cmdline)
{
	struct machine *m = NULL;
	char err[256];

	if (mmsim_boot(cmdline, 1, &m, err, sizeof(err)))
		fail_msg("boot '%s': %s", cmdline, err);
	return m;
}

static struct shrinker *add_shrinker(struct machine *m, struct test_cache *tc,
				     unsigned int flags, int seeks, long batch)
{
	struct shrinker *s = shrinker_alloc(m, flags, "test");

	assert_non_null(s);
	s->count_objects = tc_count;
	s->scan_objects = tc_scan;
	s->private_data = tc;
	s->seeks = seeks;
	s->batch = batch;
	shrinker_register(m, s);
	return s;
}

/* 1000 objects at priority 0: share 2000, 15 batches of 128, 80 deferred. */
static void test_priority_zero_scans_twice_freeable_in_batches(void **state)
{
	struct machine *m = boot("mem=512M");
	struct test_cache tc = { .objects = 1000 };
	struct shrinker *s = add_shrinker(m, &tc, 0, DEFAULT_SEEKS, 0);
	unsigned long freed;

	freed = shrink_slab(m, GFP_KERNEL, 0, 0);
	assert_int_equal(tc.nr_calls, 15);
	for (int i = 0; i < 15; i++)
		assert_int_equal(tc.nr_to_scan[i], SHRINK_BATCH);
	assert_int_equal(freed, 1000);
	assert_int_equal(tc.objects, 0);
	assert_int_equal(m->vm_events[SLABS_SCANNED], 15 * 128);
	assert_int_equal(s->nr_deferred[0], 2000 - 15 * 128);
	shrinker_free(m, s);
	mmsim_destroy(m);
}

/* At DEF_PRIORITY 12 a small cache's share is 0: nothing is scanned. */
static void test_high_priority_scans_nothing_of_small_cache(void **state)
{
	struct machine *m = boot("mem=512M");
	struct test_cache tc = { .objects = 1000 };
	struct shrinker *s = add_shrinker(m, &tc, 0, DEFAULT_SEEKS, 0);

	assert_int_equal(shrink_slab(m, GFP_KERNEL, 0, 12), 0);
	assert_int_equal(tc.nr_calls, 0);
	assert_int_equal(tc.nr_counts, 1);
	assert_int_equal(s->nr_deferred[0], 0);
	assert_int_equal(m->vm_events[SLABS_SCANNED], 0);
	shrinker_free(m, s);
	mmsim_destroy(m);
}

/* freeable 100000 >> 4 = 6250, *4/2 = 12500: 97 batches, 84 deferred; the
 * next call adds deferred >> priority (84 >> 4 = 5) to a fresh share. */
static void test_priority_scales_share_and_defers_remainder(void **state)
{
	struct machine *m = boot("mem=512M");
	struct test_cache tc = { .objects = 1000000, .count_override = 100000 };
	struct shrinker *s = add_shrinker(m, &tc, 0, DEFAULT_SEEKS, 0);

	shrink_slab(m, GFP_KERNEL, 0, 4);
	assert_int_equal(tc.nr_calls, 12500 / 128);
	assert_int_equal(s->nr_deferred[0], 12500 - 97 * 128);
	tc.nr_calls = 0;
	shrink_slab(m, GFP_KERNEL, 0, 4);
	/* total 5 + 12500 = 12505 -> 97 batches again, deferred 84 + 12500 - 12416 */
	assert_int_equal(tc.nr_calls, 97);
	assert_int_equal(s->nr_deferred[0], 84 + 12500 - 97 * 128);
	shrinker_free(m, s);
	mmsim_destroy(m);
}

/* A cache smaller than a batch is scanned in one short batch only when
 * the share covers all of it: 100 objects -> share 200 -> 128 then 72 < 100 stops. */
static void test_small_cache_scans_short_batch_only_when_tight(void **state)
{
	struct machine *m = boot("mem=512M");
	struct test_cache tc = { .objects = 100 };
	struct shrinker *s = add_shrinker(m, &tc, 0, DEFAULT_SEEKS, 0);

	shrink_slab(m, GFP_KERNEL, 0, 0);
	assert_int_equal(tc.nr_calls, 1);
	assert_int_equal(tc.nr_to_scan[0], 128);
	assert_int_equal(tc.objects, 0);
	assert_int_equal(s->nr_deferred[0], 72);
	shrinker_free(m, s);

	/* batch 50, 40 objects, priority 1: share (40>>1)*4/2 = 40 >= freeable:
	 * one batch of 40 (min(batch, total)), then 0 >= 40 fails. */
	struct test_cache tc2 = { .objects = 40 };
	s = add_shrinker(m, &tc2, 0, DEFAULT_SEEKS, 50);
	shrink_slab(m, GFP_KERNEL, 0, 1);
	assert_int_equal(tc2.nr_calls, 1);
	assert_int_equal(tc2.nr_to_scan[0], 40);
	assert_int_equal(s->nr_deferred[0], 0);
	shrinker_free(m, s);
	mmsim_destroy(m);
}

/* seeks 0: half of the cache whatever the priority; seeks 8: a quarter of 2x. */
static void test_seeks_set_the_share(void **state)
{
	struct machine *m = boot("mem=512M");
	struct test_cache tc = { .objects = 10000, .count_override = 1024 };
	struct shrinker *s = add_shrinker(m, &tc, 0, 0, 0);

	shrink_slab(m, GFP_KERNEL, 0, 12);
	assert_int_equal(tc.nr_calls, 4);		/* 512 = 4 * 128 */
	assert_int_equal(s->nr_deferred[0], 0);
	shrinker_free(m, s);

	struct test_cache tc2 = { .objects = 10000, .count_override = 1024 };
	s = add_shrinker(m, &tc2, 0, 8, 0);
	shrink_slab(m, GFP_KERNEL, 0, 0);
	assert_int_equal(tc2.nr_calls, 4);		/* 1024 * 4 / 8 = 512 */
	shrinker_free(m, s);
	mmsim_destroy(m);
}

/* SHRINK_STOP ends the round; the unscanned share is deferred. */
static void test_shrink_stop_defers_the_rest(void **state)
{
	struct machine *m = boot("mem=512M");
	struct test_cache tc = { .objects = 1000, .stop_after = 3 };
	struct shrinker *s = add_shrinker(m, &tc, 0, DEFAULT_SEEKS, 0);

	assert_int_equal(shrink_slab(m, GFP_KERNEL, 0, 0), 256);
	assert_int_equal(tc.nr_calls, 3);
	assert_int_equal(m->vm_events[SLABS_SCANNED], 256);
	assert_int_equal(s->nr_deferred[0], 2000 - 256);
	shrinker_free(m, s);
	mmsim_destroy(m);
}

/* A NUMA-aware shrinker keeps its deferred work per node. */
static void test_numa_aware_defers_per_node(void **state)
{
	struct machine *m = boot("mem=1G numa=fake=2");
	struct test_cache tc = { .objects = 1000 };
	struct test_cache tc2 = { .objects = 1000 };
	struct shrinker *aware = add_shrinker(m, &tc, SHRINKER_NUMA_AWARE, DEFAULT_SEEKS, 0);
	struct shrinker *unaware;

	shrink_slab(m, GFP_KERNEL, 1, 0);
	assert_int_equal(aware->nr_deferred[0], 0);
	assert_int_equal(aware->nr_deferred[1], 80);
	assert_int_equal(tc.nids[0], 1);
	shrinker_free(m, aware);

	unaware = add_shrinker(m, &tc2, 0, DEFAULT_SEEKS, 0);
	shrink_slab(m, GFP_KERNEL, 1, 0);
	assert_int_equal(unaware->nr_deferred[0], 80);	/* its only slot */
	assert_int_equal(tc2.nids[0], 1);		/* the node is passed on */
	shrinker_free(m, unaware);
	mmsim_destroy(m);
}

static unsigned long empty_count(struct machine *m, struct shrinker *s,
				 struct shrink_control *sc)
{
	return SHRINK_EMPTY;
}

/* SHRINK_EMPTY counts as nothing freed; unregistered shrinkers are not called. */
static void test_empty_and_unregistered_shrinkers_are_skipped(void **state)
{
	struct machine *m = boot("mem=512M");
	struct test_cache tc = { .objects = 1000 };
	struct shrinker *e = shrinker_alloc(m, 0, "empty");
	struct shrinker *s = shrinker_alloc(m, 0, "unregistered");

	e->count_objects = empty_count;
	e->scan_objects = tc_scan;
	e->private_data = &tc;
	shrinker_register(m, e);
	s->count_objects = tc_count;
	s->scan_objects = tc_scan;
	s->private_data = &tc;
	assert_int_equal(shrink_slab(m, GFP_KERNEL, 0, 0), 0);
	assert_int_equal(tc.nr_calls, 0);
	assert_int_equal(tc.nr_counts, 0);
	shrinker_free(m, s);
	shrinker_free(m, e);
	assert_int_equal(shrink_slab(m, GFP_KERNEL, 0, 0), 0);
	mmsim_destroy(m);
}

/* ---- drop_slab, drop_caches and the kernel actor's shrinkers ---- */

struct actor_cache {
	unsigned long objects;		/* objects left */
	unsigned long refill;		/* added back after every scan call */
	int scans;			/* scan calls */
};

static unsigned long ac_count(void *ctx)
{
	return ((struct actor_cache *)ctx)->objects;
}

static unsigned long ac_scan(void *ctx, unsigned long nr)
{
	struct actor_cache *ac = ctx;
	unsigned long n = min(nr, ac->objects);

	ac->objects -= n;
	ac->objects += ac->refill;
	ac->scans++;
	return n;
}

/* echo 2 frees every object, counts 1920 scanned, and one drop_slab event. */
static void test_drop_caches_2_frees_the_actor_cache(void **state)
{
	struct machine *m = boot("mem=512M");
	struct actor_cache ac = { .objects = 1000 };

	assert_int_equal(kactor_register_shrinker(m, "test", ac_count, ac_scan, &ac), 0);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/drop_caches", "2"), 0);
	assert_int_equal(ac.objects, 0);
	/* Round 1: 15 batches (1000 freed); round 2: count 0, nothing; stop. */
	assert_int_equal(ac.scans, 15);
	assert_int_equal(m->vm_events[SLABS_SCANNED], 1920);
	assert_int_equal(m->vm_events[DROP_SLAB], 1);
	assert_int_equal(m->vm_events[DROP_PAGECACHE], 0);

	/* 1 drops no slab; 3 drops both. */
	ac.objects = 500;
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/drop_caches", "1"), 0);
	assert_int_equal(ac.objects, 500);
	assert_int_equal(m->vm_events[DROP_SLAB], 1);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/drop_caches", "3"), 0);
	assert_int_equal(ac.objects, 0);
	assert_int_equal(m->vm_events[DROP_SLAB], 2);
	assert_int_equal(m->vm_events[DROP_PAGECACHE], 2);
	assert_int_equal(kactor_unregister_shrinker(m, "test"), 0);
	mmsim_destroy(m);
}

/* A cache that refills keeps drop_slab looping while a round frees more
 * than 2 << shift: rounds free 1920, 1920, ... until 1920 >> shift <= 1. */
static void test_drop_slab_loops_until_rounds_free_little(void **state)
{
	struct machine *m = boot("mem=512M");
	struct actor_cache ac = { .objects = 1000, .refill = 128 };

	assert_int_equal(kactor_register_shrinker(m, "refill", ac_count, ac_scan, &ac), 0);
	drop_slab(m);
	/*
	 * Every scan frees 128 and 128 come back, so the cache stays at 1000
	 * and every round is 15 batches freeing 1920 (the growing deferred
	 * work is capped at twice the cache); 1920 >> 10 = 1 ends the loop
	 * after 11 rounds.
	 */
	assert_int_equal(ac.scans, 11 * 15);
	assert_int_equal(kactor_unregister_shrinker(m, "refill"), 0);
	mmsim_destroy(m);
}

/* Two nodes: drop_slab asks every shrinker once per node per round. */
static void test_drop_slab_walks_every_node(void **state)
{
	struct machine *m = boot("mem=1G numa=fake=2");
	struct test_cache tc = { .objects = 100 };
	struct shrinker *s = add_shrinker(m, &tc, 0, DEFAULT_SEEKS, 0);

	drop_slab(m);
	/* Round 1: node 0 frees 100 (1 batch), node 1 count 0; round 2: 0. */
	assert_int_equal(tc.nr_counts, 4);
	assert_int_equal(tc.nr_calls, 1);
	assert_int_equal(tc.objects, 0);
	shrinker_free(m, s);
	mmsim_destroy(m);
}

/* As in Linux, a shrinker and its deferred counts are kmalloc'd objects. */
static void test_shrinker_lives_in_kmalloc(void **state)
{
	struct machine *m = boot("mem=512M numa=fake=2");
	struct shrinker *s = shrinker_alloc(m, SHRINKER_NUMA_AWARE, "a-rather-long-name-for-a-shrinker");

	assert_non_null(s);
	assert_true(ksize(m, s) >= sizeof(*s));
	assert_true(ksize(m, s->nr_deferred) >= 2 * sizeof(long));
	assert_string_equal(s->name, "a-rather-long-name-for-a-shrink");
	assert_int_equal(s->seeks, DEFAULT_SEEKS);
	assert_true(s->flags & SHRINKER_ALLOCATED);
	shrinker_free(m, s);
	mmsim_destroy(m);
}

static void test_kactor_shrinker_names_are_checked(void **state)
{
	struct machine *m = boot("mem=512M");
	struct actor_cache ac = { 0 };

	assert_int_equal(kactor_register_shrinker(m, "a", ac_count, ac_scan, &ac), 0);
	assert_int_equal(kactor_register_shrinker(m, "a", ac_count, ac_scan, &ac), -EEXIST);
	assert_int_equal(kactor_register_shrinker(m, "", ac_count, ac_scan, &ac), -EINVAL);
	assert_int_equal(kactor_register_shrinker(m, "0123456789abcdef0123456789abcdef",
						  ac_count, ac_scan, &ac), -EINVAL);
	assert_int_equal(kactor_register_shrinker(m, "b", NULL, ac_scan, &ac), -EINVAL);
	assert_int_equal(kactor_unregister_shrinker(m, "b"), -ENOENT);
	assert_int_equal(kactor_unregister_shrinker(m, "a"), 0);
	assert_int_equal(kactor_unregister_shrinker(m, "a"), -ENOENT);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_priority_zero_scans_twice_freeable_in_batches),
		cmocka_unit_test(test_high_priority_scans_nothing_of_small_cache),
		cmocka_unit_test(test_priority_scales_share_and_defers_remainder),
		cmocka_unit_test(test_small_cache_scans_short_batch_only_when_tight),
		cmocka_unit_test(test_seeks_set_the_share),
		cmocka_unit_test(test_shrink_stop_defers_the_rest),
		cmocka_unit_test(test_numa_aware_defers_per_node),
		cmocka_unit_test(test_empty_and_unregistered_shrinkers_are_skipped),
		cmocka_unit_test(test_drop_caches_2_frees_the_actor_cache),
		cmocka_unit_test(test_drop_slab_loops_until_rounds_free_little),
		cmocka_unit_test(test_drop_slab_walks_every_node),
		cmocka_unit_test(test_shrinker_lives_in_kmalloc),
		cmocka_unit_test(test_kactor_shrinker_names_are_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
