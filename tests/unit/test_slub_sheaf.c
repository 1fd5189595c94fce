// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-CPU sheaves (mm/slub_sheaf.c, Linux 7.0's SLUB), booted with
 * mmsim.slub_sheaves=1:
 *
 *   alloc:  pop main  --empty-->  spare has objects? swap
 *                                 barn has a full sheaf? trade main for it
 *                                 else refill an empty sheaf from the slabs
 *   free:   push main --full-->   spare has room? swap
 *                                 barn has an empty sheaf? trade main for it
 *                                 barn full (MAX_FULL_SHEAVES)? flush spare
 *
 * Objects in sheaves are in use from the slab's view (slab->inuse), as in
 * Linux, so slabinfo counts them active; shrink flushes every sheaf.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mmsim.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/vmstat.h"
#include "asm/page.h"
#include "../../mm/slab.h"
#include "proc_helpers.h"

#define SHEAVES	"nr_cpus=2 mmsim.slub_sheaves=1"

static struct slub_percpu_sheaves *pcs0(struct machine *m, struct kmem_cache *s)
{
	return &s->cpu_sheaves[m->current_cpu];
}

/* Every object in @s's slabs that is in use from the slab's view. */
static unsigned long slab_inuse(struct machine *m, struct kmem_cache *s)
{
	struct slabinfo si;

	get_slabinfo(m, s, &si);
	return si.active_objs;
}

static void boot_parameter_parses_and_refuses_bad_values(void **state)
{
	struct machine *m = NULL;
	char err[256];

	assert_int_equal(mmsim_boot("mmsim.slub_sheaves=2", 1, &m, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "mmsim.slub_sheaves=2: not a boolean (expected 0 for Linux"
			    " 6.18's CPU slabs or 1 for Linux 7.0's per-CPU sheaves)");
	assert_int_equal(mmsim_boot("mmsim.slub_sheaves", 1, &m, err, sizeof(err)), -EINVAL);
	m = ph_boot("mmsim.slub_sheaves=0");
	assert_false(m->bp.slub_sheaves);
	assert_null(m->kmalloc_caches[KMALLOC_NORMAL][6]->cpu_sheaves);
	mmsim_destroy(m);
	m = ph_boot("mmsim.slub_sheaves=on");
	assert_true(m->bp.slub_sheaves);
	assert_non_null(m->kmalloc_caches[KMALLOC_NORMAL][6]->cpu_sheaves);
	mmsim_destroy(m);
}

/* Linux 7.0's calculate_sheaf_capacity, grown to fill the sheaf's kmalloc class. */
static void capacity_follows_linux_and_debug_and_boot_caches_get_none(void **state)
{
	struct machine *m = ph_boot(SHEAVES " slub_debug=F,dbg");
	struct kmem_cache *c64 = kmem_cache_create(m, "c64", 64, 0, 0, NULL);
	struct kmem_cache *c300 = kmem_cache_create(m, "c300", 300, 0, SLAB_NO_MERGE, NULL);
	struct kmem_cache *c2k = kmem_cache_create(m, "c2k", 2000, 0, SLAB_NO_MERGE, NULL);
	struct kmem_cache *c5k = kmem_cache_create(m, "c5k", 5000, 0, SLAB_NO_MERGE, NULL);
	struct kmem_cache *dbg = kmem_cache_create(m, "dbg", 64, 0, SLAB_NO_MERGE, NULL);
	char *cap;

	assert_int_equal(c64->sheaf_capacity, 60);	/* 32 + 60*8 = 512: kmalloc-512 */
	assert_int_equal(c300->sheaf_capacity, 28);	/* 32 + 26*8 = 240 -> 256 */
	assert_int_equal(c2k->sheaf_capacity, 12);	/* 32 + 12*8 = 128 */
	assert_int_equal(c5k->sheaf_capacity, 4);	/* 32 + 4*8 = 64 */
	assert_true(dbg->flags & SLAB_CONSISTENCY_CHECKS);
	assert_int_equal(dbg->sheaf_capacity, 0);
	assert_null(dbg->cpu_sheaves);
	assert_int_equal(m->kmem_cache->sheaf_capacity, 0);	/* SLAB_NO_OBJ_EXT */
	assert_int_equal(m->kmem_cache_node->sheaf_capacity, 0);
	assert_int_equal(m->kmalloc_caches[KMALLOC_NORMAL][10]->sheaf_capacity, 12);
	assert_int_equal(c64->cpu_partial, 0);			/* no cpu partial in 7.0 */
	cap = ph_read(m, "/sys/kernel/slab/c300/sheaf_capacity");
	assert_string_equal(cap, "28\n");
	free(cap);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void alloc_and_free_are_lifo_on_the_main_sheaf(void **state)
{
	struct machine *m = ph_boot(SHEAVES);
	struct kmem_cache *s = kmem_cache_create(m, "lifo", 64, 0, SLAB_NO_MERGE, NULL);
	void *a = kmem_cache_alloc(m, s, GFP_KERNEL);
	void *b = kmem_cache_alloc(m, s, GFP_KERNEL);
	unsigned int size = pcs0(m, s)->main->size;

	assert_int_equal(size, 58);		/* refilled with 60, two taken */
	kmem_cache_free(m, s, a);
	kmem_cache_free(m, s, b);
	assert_int_equal(pcs0(m, s)->main->size, 60);
	assert_ptr_equal(pcs0(m, s)->main->objects[59], b);
	assert_ptr_equal(kmem_cache_alloc(m, s, GFP_KERNEL), b);	/* last freed, first out */
	assert_ptr_equal(kmem_cache_alloc(m, s, GFP_KERNEL), a);
	assert_null(s->cpu_slab[0].slab);	/* no CPU slab with sheaves */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* The refill takes objects from the slabs: they count as in use there. */
static void refill_takes_objects_from_slabs_which_count_them_in_use(void **state)
{
	struct machine *m = ph_boot(SHEAVES);
	struct kmem_cache *s = kmem_cache_create(m, "refill", 64, 0, SLAB_NO_MERGE, NULL);
	struct kmem_cache_node *n = get_node(s, 0);
	void *p = kmem_cache_alloc(m, s, GFP_KERNEL);
	struct page *slab = virt_to_page(m, p);

	assert_int_equal(n->nr_slabs, 1);
	assert_int_equal(slab->inuse, 60);	/* 1 handed out + 59 in the sheaf */
	assert_int_equal(n->nr_partial, 1);	/* 4 left free: node partial */
	assert_int_equal(slab_inuse(m, s), 60);
	kmem_cache_free(m, s, p);
	assert_int_equal(slab->inuse, 60);	/* freed into the sheaf, not the slab */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* Shrink flushes the main and spare sheaves and the barn back to the slabs. */
static void shrink_flushes_every_sheaf_and_frees_the_slabs(void **state)
{
	struct machine *m = ph_boot(SHEAVES);
	struct kmem_cache *s = kmem_cache_create(m, "flush", 64, 0, SLAB_NO_MERGE, NULL);
	void *p[300];
	struct slabinfo si;

	for (int i = 0; i < 300; i++)
		p[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	for (int i = 0; i < 300; i++)
		kmem_cache_free(m, s, p[i]);
	assert_true(pcs0(m, s)->main->size > 0);
	assert_true(slab_inuse(m, s) > 0);	/* sheaves hold them */
	ph_assert_valid(m);
	kmem_cache_shrink(m, s);
	assert_int_equal(pcs0(m, s)->main->size, 0);
	assert_null(pcs0(m, s)->spare);
	assert_int_equal(get_node(s, 0)->barn->nr_full, 0);
	assert_int_equal(get_node(s, 0)->barn->nr_empty, 0);
	get_slabinfo(m, s, &si);
	assert_int_equal(si.active_objs, 0);
	assert_int_equal(si.num_slabs, 0);
	ph_assert_valid(m);
	kmem_cache_destroy(m, s);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * Free 3 sheaves' worth after allocating them: main fills, becomes the
 * spare, the next fills and is traded at the barn for an empty one; then
 * allocation takes the barn's full sheaf back.
 */
static void barn_trades_full_and_empty_sheaves(void **state)
{
	struct machine *m = ph_boot(SHEAVES);
	struct kmem_cache *s = kmem_cache_create(m, "barn", 64, 0, SLAB_NO_MERGE, NULL);
	struct node_barn *barn = get_node(s, 0)->barn;
	void *p[240];

	for (int i = 0; i < 240; i++)
		p[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	/* the refills left empty sheaves in the barn */
	assert_int_equal(pcs0(m, s)->main->size, 0);
	assert_int_equal(barn->nr_full, 0);
	for (int i = 0; i < 240; i++)
		kmem_cache_free(m, s, p[i]);
	/* 240 = main 60 + spare 60 + 2 full sheaves in the barn */
	assert_int_equal(pcs0(m, s)->main->size, 60);
	assert_int_equal(pcs0(m, s)->spare->size, 60);
	assert_int_equal(barn->nr_full, 2);
	ph_assert_valid(m);
	for (int i = 0; i < 180; i++)
		p[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	/* main, then the swapped-in spare, then one full sheaf of the barn */
	assert_int_equal(barn->nr_full, 1);
	assert_int_equal(pcs0(m, s)->main->size, 0);
	p[180] = kmem_cache_alloc(m, s, GFP_KERNEL);	/* the barn's last full one */
	assert_int_equal(barn->nr_full, 0);
	assert_int_equal(pcs0(m, s)->main->size, 59);
	ph_assert_valid(m);
	for (int i = 0; i < 181; i++)
		kmem_cache_free(m, s, p[i]);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* The barn keeps at most MAX_FULL_SHEAVES: beyond, the spare is flushed. */
static void full_barn_makes_the_spare_flush_to_the_slabs(void **state)
{
	struct machine *m = ph_boot(SHEAVES);
	struct kmem_cache *s = kmem_cache_create(m, "e2big", 64, 0, SLAB_NO_MERGE, NULL);
	struct node_barn *barn = get_node(s, 0)->barn;
	enum { N = 60 * 14 };
	void **p = calloc(N, sizeof(*p));

	for (int i = 0; i < N; i++)
		p[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	for (int i = 0; i < N; i++)
		kmem_cache_free(m, s, p[i]);
	assert_int_equal(barn->nr_full, MAX_FULL_SHEAVES);
	/* main + spare + 10 in the barn = 720 in sheaves, the rest went back */
	assert_int_equal(slab_inuse(m, s), 720);
	ph_assert_valid(m);
	free(p);
	mmsim_destroy(m);
}

/* The validator sees an object both in a sheaf and on a freelist. */
static void validator_catches_an_object_in_a_sheaf_and_on_a_freelist(void **state)
{
	struct machine *m = ph_boot(SHEAVES);
	struct kmem_cache *s = kmem_cache_create(m, "broken", 64, 0, SLAB_NO_MERGE, NULL);
	void *p = kmem_cache_alloc(m, s, GFP_KERNEL);
	struct page *slab = virt_to_page(m, p);
	struct slab_sheaf *main = pcs0(m, s)->main;
	void *in_sheaf = main->objects[main->size - 1];
	void *saved = slab->freelist;
	char err[512];

	ph_assert_valid(m);
	/* put the sheaf's top object on its slab's freelist too */
	set_freepointer(s, in_sheaf, slab->freelist);
	slab->freelist = in_sheaf;
	slab->inuse--;
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "both in a sheaf and on a freelist"));
	slab->freelist = saved;
	slab->inuse++;
	ph_assert_valid(m);
	/* the same object twice in the sheaf */
	main->objects[main->size++] = in_sheaf;
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "twice in sheaves"));
	main->size--;
	ph_assert_valid(m);
	kmem_cache_free(m, s, p);
	mmsim_destroy(m);
}

/* A checked double free finds the object in the sheaf and refuses it. */
static void checked_double_free_finds_the_object_in_a_sheaf(void **state)
{
	struct machine *m = ph_boot(SHEAVES);
	struct kmem_cache *s = kmem_cache_create(m, "dfree", 64, 0, SLAB_NO_MERGE, NULL);
	void *p = kmem_cache_alloc(m, s, GFP_KERNEL);

	assert_int_equal(kmem_cache_free_checked(m, s, p), 0);
	assert_int_equal(kmem_cache_free_checked(m, s, p), -EINVAL);
	assert_true(ph_log_has(m, "Object already free"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * The same workload in both modes: once everything is freed and the caches
 * shrunk, /proc/slabinfo's totals of the cache agree (nothing left), and
 * kmalloc's caches are valid in both.
 */
static void slabinfo_totals_agree_in_both_modes_after_frees(void **state)
{
	const char *boots[] = { "nr_cpus=2", SHEAVES };
	unsigned long active[2], slabs[2];

	for (int mode = 0; mode < 2; mode++) {
		struct machine *m = ph_boot(boots[mode]);
		struct kmem_cache *s = kmem_cache_create(m, "both", 100, 0, SLAB_NO_MERGE, NULL);
		void *p[5000], *k[2000];
		struct slabinfo si;
		unsigned long x = 12345;

		for (int i = 0; i < 5000; i++)
			p[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
		for (int i = 0; i < 2000; i++) {
			x = x * 6364136223846793005UL + 1442695040888963407UL;
			k[i] = kmalloc(m, 16 + (x >> 33) % 1009, GFP_KERNEL);
		}
		get_slabinfo(m, s, &si);
		assert_true(si.active_objs >= 5000);
		for (int i = 0; i < 5000; i += 2)
			kmem_cache_free(m, s, p[i]);
		ph_assert_valid(m);
		for (int i = 1; i < 5000; i += 2)
			kmem_cache_free(m, s, p[i]);
		for (int i = 0; i < 2000; i++)
			kfree(m, k[i]);
		ph_assert_valid(m);
		kmem_cache_shrink(m, s);
		get_slabinfo(m, s, &si);
		active[mode] = si.active_objs;
		slabs[mode] = si.num_slabs;
		ph_assert_valid(m);
		mmsim_destroy(m);
	}
	assert_int_equal(active[0], 0);
	assert_int_equal(active[1], active[0]);
	assert_int_equal(slabs[1], slabs[0]);
}

/* A remote object (another node's slab) is freed to its slab, not a sheaf. */
static void remote_frees_bypass_the_sheaf(void **state)
{
	struct machine *m = ph_boot("mem=2G numa=fake=2 " SHEAVES);
	struct kmem_cache *s = kmem_cache_create(m, "remote", 64, 0, SLAB_NO_MERGE, NULL);
	void *r = kmem_cache_alloc_node(m, s, GFP_KERNEL, 1);
	unsigned int before;

	assert_int_equal(virt_to_page(m, r)->nid, 1);
	ph_assert_valid(m);
	before = pcs0(m, s)->main->size;
	kmem_cache_free(m, s, r);
	assert_int_equal(pcs0(m, s)->main->size, before);
	assert_int_equal(virt_to_page(m, r)->inuse, 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * The sheaves' free pushes only object starts: a pointer into an object,
 * or past a slab's last object (the tail a 96-byte size leaves), is
 * reported and nothing is pushed, for a power-of-2 size (one mask test)
 * and another size (the reciprocal divide) alike.
 */
static void sheaf_free_rejects_pointers_that_are_no_object_start(void **state)
{
	struct machine *m = ph_boot(SHEAVES);
	struct kmem_cache *c[2] = {
		kmem_cache_create(m, "start_64", 64, 0, SLAB_NO_MERGE, NULL),
		kmem_cache_create(m, "start_96", 96, 0, SLAB_NO_MERGE, NULL),
	};

	assert_int_not_equal(c[0]->pow2_mask, 0);
	assert_int_equal(c[0]->tile_mask, 63);		/* 64 slots fill a page */
	assert_int_equal(c[1]->pow2_mask, 0);
	assert_int_equal(c[1]->tile_mask, 0);
	for (int i = 0; i < 2; i++) {
		struct kmem_cache *s = c[i];
		unsigned char *p = kmem_cache_alloc(m, s, GFP_KERNEL);
		unsigned long off, span, bytes;
		struct page *slab = virt_to_slab(m, p, &off);
		unsigned int before = pcs0(m, s)->main->size;
		char msg[64];

		assert_non_null(s->cpu_sheaves);
		span = (unsigned long)slab->objects * s->size;
		bytes = PAGE_SIZE << slab->alloc_order;
		snprintf(msg, sizeof(msg), "Invalid object pointer %#lx", obj_kva(s, p + 8));
		assert_int_equal(kmem_cache_free_caller(m, s, p + 8, __func__), -EINVAL);
		assert_true(ph_log_has(m, msg));
		if (i == 1) {
			unsigned char *tail = p - off + span;

			assert_true(span < bytes);
			snprintf(msg, sizeof(msg), "Invalid object pointer %#lx", obj_kva(s, tail));
			assert_int_equal(kmem_cache_free_caller(m, s, tail, __func__), -EINVAL);
			assert_true(ph_log_has(m, msg));
		}
		assert_int_equal(pcs0(m, s)->main->size, before);
		ph_assert_valid(m);
		assert_int_equal(kmem_cache_free_caller(m, s, p, __func__), 0);
		assert_int_equal(pcs0(m, s)->main->size, before + 1);
		ph_assert_valid(m);
	}
	mmsim_destroy(m);
}

/*
 * The free fast path drops the bound test only for slots that tile the
 * slab (tile_mask).  Linux's order choice (calc_slab_order keeps a slab's
 * object count within MAX_OBJS_PER_PAGE by lowering the order) makes
 * every power-of-2 slot tile, even at slub_min_order=6:
 *
 *   8-byte slots, order 5:  | obj 0 | obj 1 | ... | obj 16383 |  (no tail)
 *
 * and the validator checks the mask against the geometry.
 */
static void power_of_2_slots_tile_the_slab_and_the_validator_checks_the_mask(void **state)
{
	struct machine *m = ph_boot(SHEAVES " slub_min_order=6");
	static const unsigned int sizes[] = { 8, 16, 64, 512, 4096, 8192 };

	for (unsigned int i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char name[16];
		struct kmem_cache *s;

		snprintf(name, sizeof(name), "tile_%u", sizes[i]);
		s = kmem_cache_create(m, name, sizes[i], 0, SLAB_NO_MERGE, NULL);
		assert_non_null(s);
		assert_non_null(s->cpu_sheaves);
		assert_int_equal(s->tile_mask, sizes[i] - 1);
		assert_int_equal((unsigned long)oo_objects(s->oo) * sizes[i],
				 PAGE_SIZE << oo_order(s->oo));
		assert_true(oo_objects(s->oo) <= 32767);
	}
	ph_assert_valid(m);
	{
		struct kmem_cache *s = kmem_cache_create(m, "tile_96", 96, 0, SLAB_NO_MERGE, NULL);
		char err[256];

		assert_int_equal(s->tile_mask, 0);	/* 96 does not divide a page */
		s->tile_mask = 31;			/* planted: would skip the bound */
		assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
		assert_non_null(strstr(err, "tile_mask"));
		s->tile_mask = 0;
	}
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boot_parameter_parses_and_refuses_bad_values),
		cmocka_unit_test(capacity_follows_linux_and_debug_and_boot_caches_get_none),
		cmocka_unit_test(alloc_and_free_are_lifo_on_the_main_sheaf),
		cmocka_unit_test(refill_takes_objects_from_slabs_which_count_them_in_use),
		cmocka_unit_test(shrink_flushes_every_sheaf_and_frees_the_slabs),
		cmocka_unit_test(barn_trades_full_and_empty_sheaves),
		cmocka_unit_test(full_barn_makes_the_spare_flush_to_the_slabs),
		cmocka_unit_test(validator_catches_an_object_in_a_sheaf_and_on_a_freelist),
		cmocka_unit_test(checked_double_free_finds_the_object_in_a_sheaf),
		cmocka_unit_test(slabinfo_totals_agree_in_both_modes_after_frees),
		cmocka_unit_test(remote_frees_bypass_the_sheaf),
		cmocka_unit_test(sheaf_free_rejects_pointers_that_are_no_object_start),
		cmocka_unit_test(power_of_2_slots_tile_the_slab_and_the_validator_checks_the_mask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
