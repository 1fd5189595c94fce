// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel actor's guard (kernel/kactor_guard.c): the actor frees and
 * writes only what it owns.  A stray write over the kernel's structures
 * or a free of a live object the kernel owns is refused (-EPERM, -EBUSY)
 * and nothing changes; the actor's own bugs (a double free, a write past
 * its object into a free slot, a use after free) behave as before.
 *
 *   kmalloc-32 slab:  | x (actor) | free | k (kernel) | ... | tail |
 *   write x[0] 0 64:  x and the free slot: ok
 *   write x[0] 0 96:  reaches k: -EPERM, not a byte written
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "asm/page.h"
#include "linux/kactor.h"
#include "linux/machine.h"
#include "linux/shrinker.h"
#include "linux/vmalloc.h"
#include "../../mm/slab.h"

/* The direct-map address of the first pfn at or above @from of type @type. */
static uint64_t find_typed_page(struct machine *m, uint64_t from, unsigned int type)
{
	for (unsigned long pfn = (from - PAGE_OFFSET) >> PAGE_SHIFT; pfn < m->max_pfn; pfn++)
		if (m->mem_map[pfn].page_type == type)
			return PAGE_OFFSET + ((uint64_t)pfn << PAGE_SHIFT);
	return 0;
}

static void a_megabyte_written_past_an_object_is_refused_whole(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	unsigned char buf[16], ones[16];
	char why[160];
	uint64_t x;

	assert_int_equal(mmsim_kmalloc(m, 1024, NULL, -1, &x, NULL, 0), 0);
	assert_int_equal(mmsim_kwrite(m, x, 0, 16, 0x11), 0);
	assert_int_equal(mmsim_kwrite_why(m, x, 0, 1 << 20, 0xff, why, sizeof(why)), -EPERM);
	assert_non_null(strstr(why, " mmsim uses"));
	/* all or nothing: the object's own bytes were not written either */
	assert_int_equal(mmsim_kread(m, x, buf, sizeof(buf)), 0);
	memset(ones, 0x11, sizeof(ones));
	assert_memory_equal(buf, ones, sizeof(buf));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void own_object_free_slots_and_tail_may_be_written(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=1");
	struct kmem_cache *s;
	uint64_t x, y;
	char why[160];

	/* a cache of its own: every slot is the actor's or free */
	assert_int_equal(mmsim_kmem_cache_create(m, "guarded", 200, 0, NULL, 0, NULL, 0), 0);
	s = mmsim_kmem_cache_get(m, "guarded", NULL);
	assert_non_null(s);
	assert_int_equal(mmsim_kmem_cache_alloc(m, "guarded", NULL, -1, &x, NULL, 0), 0);
	assert_int_equal(mmsim_kmem_cache_alloc(m, "guarded", NULL, -1, &y, NULL, 0), 0);
	/* the whole slab: two live objects of the actor, free slots, tail padding */
	uint64_t slab_va = x & ~((PAGE_SIZE << oo_order(s->oo)) - 1);
	assert_int_equal(mmsim_kwrite_why(m, slab_va, 0, PAGE_SIZE << oo_order(s->oo), 0,
					  why, sizeof(why)), 0);
	/* use after free of its own object: allowed, SLUB's checks' business */
	assert_int_equal(mmsim_kmem_cache_free(m, "guarded", y), 0);
	assert_int_equal(mmsim_kwrite(m, y, 0, 8, 0x6b), 0);
	assert_int_equal(mmsim_kmem_cache_free(m, "guarded", x), 0);
	assert_int_equal(kactor_owned_count(m), 0);
	mmsim_destroy(m);
}

static void kernel_structures_are_named_when_a_write_reaches_them(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	uint64_t dma, x, pt;
	char why[160];

	/* an object below 16M, then the kernel image above it: reserved */
	assert_int_equal(mmsim_kmalloc(m, 64, "GFP_DMA", -1, &dma, NULL, 0), 0);
	assert_true(dma < PAGE_OFFSET + (16UL << 20));
	assert_int_equal(mmsim_kwrite_why(m, dma, PAGE_OFFSET + (16UL << 20) - dma, 1, 0, why,
					  sizeof(why)), -EPERM);
	assert_non_null(strstr(why, "reserved page"));
	/* a page-table page somewhere above an object */
	x = dma;
	pt = find_typed_page(m, x, PGTY_table);
	assert_true(pt != 0);
	assert_int_equal(mmsim_kwrite_why(m, x, pt - x + 8, 8, 0, why, sizeof(why)), -EPERM);
	assert_non_null(strstr(why, "page-table page"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void free_pages_and_the_actors_large_kmalloc_may_be_written(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	uint64_t big, x, free_page;
	char why[160];
	void *k;

	/* a 16K large kmalloc (order 2): all four pages are the actor's */
	assert_int_equal(mmsim_kmalloc(m, 16384, NULL, -1, &big, NULL, 0), 0);
	assert_int_equal(mmsim_kwrite_why(m, big, 0, 16384, 0x5a, why, sizeof(why)), 0);
	/* a free buddy block somewhere above an object */
	assert_int_equal(mmsim_kmalloc(m, 64, NULL, -1, &x, NULL, 0), 0);
	free_page = find_typed_page(m, x, PGTY_buddy);
	assert_true(free_page != 0);
	assert_int_equal(mmsim_kwrite_why(m, x, free_page - x, 64, 0x77, why, sizeof(why)), 0);
	/* the kernel's own large kmalloc, from the actor's object below it */
	k = kmalloc(m, 16384, GFP_KERNEL);
	assert_true(kva(m, k) > x);
	assert_int_equal(mmsim_kwrite_why(m, x, kva(m, k) + PAGE_SIZE - x, 1, 0, why, sizeof(why)),
			 -EPERM);
	assert_non_null(strstr(why, "is a live large kmalloc (order 2) mmsim uses"));
	kfree(m, k);
	assert_int_equal(mmsim_kfree(m, big), 0);
	assert_int_equal(mmsim_kfree(m, x), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void a_dangling_kfree_of_a_reused_object_is_refused(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=1");
	char what[160];
	uint64_t x;
	void *k;

	assert_int_equal(mmsim_kmalloc(m, 32, NULL, -1, &x, NULL, 0), 0);
	assert_int_equal(mmsim_kfree(m, x), 0);
	/* the kernel takes the slot back (LIFO freelist) */
	k = kmalloc(m, 32, GFP_KERNEL);
	assert_int_equal(kva(m, k), x);
	assert_int_equal(mmsim_kfree(m, x), -EBUSY);
	snprintf(what, sizeof(what),
		 "kactor: kfree(0x%016llx): a live kmalloc-32 object the actor does not own: refused (on Linux a use-after-free would follow)",
		 (unsigned long long)x);
	assert_true(ph_log_has(m, what));
	/* the same for krealloc and kmem_cache_free */
	assert_int_equal(mmsim_krealloc(m, x, 64, NULL, &x, NULL, 0), -EBUSY);
	assert_int_equal(mmsim_kmem_cache_free(m, "kmalloc-32", x), -EBUSY);
	/* still the kernel's: it frees it itself */
	assert_int_equal(kfree_caller(m, k, "test"), 0);
	/* now free: the dangling kfree is a double free, reported as before */
	assert_int_equal(mmsim_kfree(m, x), -EINVAL);
	assert_true(ph_log_has(m, "Object already free"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void raw_frees_of_kernel_objects_are_refused(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	void *k = kmalloc(m, 96, GFP_KERNEL), *big = kmalloc(m, 5 * PAGE_SIZE, GFP_KERNEL);
	unsigned long area = vmalloc(m, 3 * PAGE_SIZE);

	assert_non_null(k);
	assert_non_null(big);
	assert_true(area != 0);
	assert_int_equal(mmsim_kfree(m, kva(m, k)), -EBUSY);
	assert_int_equal(mmsim_kfree(m, kva(m, big)), -EBUSY);
	assert_true(ph_log_has(m, "a live large kmalloc (order 3) the actor does not own"));
	assert_int_equal(mmsim_vfree(m, area + PAGE_SIZE), -EBUSY);
	assert_true(ph_log_has(m, "kactor: vfree("));
	/* nothing was freed: the kernel frees them itself */
	assert_int_equal(kfree_caller(m, k, "test"), 0);
	assert_int_equal(kfree_caller(m, big, "test"), 0);
	assert_int_equal(vfree_caller(m, area, "test"), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void the_actors_double_free_is_reported_as_before(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	uint64_t x, v;

	assert_int_equal(mmsim_kmalloc(m, 64, NULL, -1, &x, NULL, 0), 0);
	assert_int_equal(mmsim_kfree(m, x), 0);
	assert_int_equal(mmsim_kfree(m, x), -EINVAL);
	assert_true(ph_log_has(m, "Object already free"));
	assert_int_equal(mmsim_vmalloc(m, 8192, &v, NULL, 0), 0);
	assert_int_equal(mmsim_vfree(m, v), 0);
	assert_int_equal(mmsim_vfree(m, v), -EINVAL);
	assert_true(ph_log_has(m, "Trying to vfree() nonexistent vm area"));
	assert_int_equal(kactor_owned_count(m), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void krealloc_moves_ownership_with_the_object(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=1");
	uint64_t x, y;

	assert_int_equal(mmsim_kmalloc(m, 40, NULL, -1, &x, NULL, 0), 0);
	assert_int_equal(mmsim_krealloc(m, x, 64, NULL, &y, NULL, 0), 0);
	assert_int_equal(y, x);			/* in place: kmalloc-64 */
	assert_int_equal(mmsim_krealloc(m, x, 300, NULL, &y, NULL, 0), 0);
	assert_true(y != x);			/* moved: the old one is freed */
	assert_int_equal(kactor_owned_count(m), 1);
	assert_int_equal(mmsim_kfree(m, x), -EINVAL);	/* a double free now */
	assert_int_equal(mmsim_krealloc(m, y, 0, NULL, &x, NULL, 0), 0);
	assert_int_equal(kactor_owned_count(m), 0);
	/* the direct-map alias of its vmalloc area's first page is no kmalloc object */
	uint64_t v;
	assert_int_equal(mmsim_vmalloc(m, 8192, &v, NULL, 0), 0);
	assert_int_equal(mmsim_krealloc(m, kactor_vm_key(m, v), 64, NULL, &y, NULL, 0), -EINVAL);
	assert_int_equal(mmsim_kfree(m, kactor_vm_key(m, v)), -EINVAL);
	assert_int_equal(mmsim_vfree(m, v), 0);
	assert_int_equal(kactor_owned_count(m), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * A million of the actor's own objects are freed without a freelist walk
 * each (the walk made this quadratic in a slab's objects: 3 s for the
 * 3.2 million 8-byte objects of mem=64M); the test stays fast.
 */
static void a_million_owned_objects_are_freed(void **state)
{
	enum { NR = 1000000 };
	struct machine *m = ph_boot("mem=128M nr_cpus=2");
	uint64_t *vas = malloc(NR * sizeof(*vas));

	assert_non_null(vas);
	for (int i = 0; i < NR; i++)
		assert_int_equal(mmsim_kmalloc(m, 8, NULL, -1, &vas[i], NULL, 0), 0);
	assert_int_equal(kactor_owned_count(m), NR);
	for (int i = 0; i < NR; i++)
		if (mmsim_kfree(m, vas[i]))
			fail_msg("kfree of object %d refused", i);
	assert_int_equal(kactor_owned_count(m), 0);
	ph_assert_valid(m);
	free(vas);
	mmsim_destroy(m);
}

static void a_group_shrinker_gives_up_what_it_frees(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=1");
	uint64_t vas[100];
	size_t freed, refused;

	for (int i = 0; i < 100; i++)
		assert_int_equal(mmsim_kmem_cache_alloc(m, "dentry", NULL, -1, &vas[i], NULL, 0), 0);
	assert_int_equal(mmsim_kactor_reclaimable(m, "g", "dentry", vas, 100), 0);
	assert_int_equal(kactor_owned_count(m), 100);
	assert_int_equal(mmsim_kactor_group_free(m, "g", 2, &freed, &refused), 0);
	assert_int_equal(freed, 50);
	assert_int_equal(kactor_owned_count(m), 50);
	drop_slab(m);
	assert_int_equal(kactor_owned_count(m), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* An owned object freed behind the actor's back is what validate_kactor finds. */
static void the_validator_finds_an_owned_object_that_is_free(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=1");
	char err[256];
	uint64_t x;

	assert_int_equal(mmsim_kmalloc(m, 64, NULL, -1, &x, NULL, 0), 0);
	assert_int_equal(validate_kactor(m, err, sizeof(err)), 0);
	assert_int_equal(kfree_caller(m, __va(m, x - PAGE_OFFSET), "test"), 0);
	assert_int_equal(validate_kactor(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "is a free slab object"));
	assert_int_not_equal(mmsim_validate(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_megabyte_written_past_an_object_is_refused_whole),
		cmocka_unit_test(own_object_free_slots_and_tail_may_be_written),
		cmocka_unit_test(kernel_structures_are_named_when_a_write_reaches_them),
		cmocka_unit_test(free_pages_and_the_actors_large_kmalloc_may_be_written),
		cmocka_unit_test(a_dangling_kfree_of_a_reused_object_is_refused),
		cmocka_unit_test(raw_frees_of_kernel_objects_are_refused),
		cmocka_unit_test(the_actors_double_free_is_reported_as_before),
		cmocka_unit_test(krealloc_moves_ownership_with_the_object),
		cmocka_unit_test(a_million_owned_objects_are_freed),
		cmocka_unit_test(a_group_shrinker_gives_up_what_it_frees),
		cmocka_unit_test(the_validator_finds_an_owned_object_that_is_free),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
