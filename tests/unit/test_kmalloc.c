// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmalloc and friends (mm/slab_common.c): Linux 6.18's size classes
 * (96 and 192 between the powers of two), the four cache families picked
 * by GFP flags, ksize, krealloc in place and moving, kcalloc overflow,
 * kzalloc zeroing real bytes, large kmalloc straight from the page
 * allocator counted as unreclaimable slab, and running out of memory.
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

/* The cache an object came from. */
static const char *cache_of(struct machine *m, const void *p)
{
	const char *why;
	struct page *slab = virt_to_slab_checked(m, p, &why);

	return slab ? slab->slab_cache->name : "(not a slab)";
}

static void sizes_round_up_to_linux_classes(void **state)
{
	struct machine *m = ph_boot("");
	static const struct { size_t size; const char *cache; } t[] = {
		{ 1, "kmalloc-8" }, { 8, "kmalloc-8" }, { 9, "kmalloc-16" }, { 24, "kmalloc-32" },
		{ 33, "kmalloc-64" }, { 64, "kmalloc-64" }, { 65, "kmalloc-96" },
		{ 96, "kmalloc-96" }, { 97, "kmalloc-128" }, { 129, "kmalloc-192" },
		{ 192, "kmalloc-192" }, { 193, "kmalloc-256" }, { 257, "kmalloc-512" },
		{ 1000, "kmalloc-1k" }, { 1025, "kmalloc-2k" }, { 4096, "kmalloc-4k" },
		{ 4097, "kmalloc-8k" }, { 8192, "kmalloc-8k" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(t); i++) {
		void *p = kmalloc(m, t[i].size, GFP_KERNEL);

		assert_non_null(p);
		assert_string_equal(cache_of(m, p), t[i].cache);
		assert_int_equal(ksize(m, p), kmem_cache_find(m, t[i].cache)->size);
		assert_int_equal(kmalloc_size_roundup(t[i].size), ksize(m, p));
		kfree(m, p);
	}
	assert_int_equal(kmalloc_size_roundup(8193), 16384);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void gfp_flags_pick_the_cache_family(void **state)
{
	struct machine *m = ph_boot("");
	void *a = kmalloc(m, 100, GFP_KERNEL_ACCOUNT);
	void *b = kmalloc(m, 100, GFP_KERNEL | __GFP_RECLAIMABLE);
	void *c = kmalloc(m, 100, GFP_KERNEL | GFP_DMA);
	void *d = kmalloc(m, 100, GFP_ATOMIC);

	assert_string_equal(cache_of(m, a), "kmalloc-cg-128");
	assert_string_equal(cache_of(m, b), "kmalloc-rcl-128");
	assert_string_equal(cache_of(m, c), "dma-kmalloc-128");
	assert_string_equal(cache_of(m, d), "kmalloc-128");
	assert_int_equal(virt_to_page(m, c)->zone_idx, ZONE_DMA);
	kfree(m, a);
	kfree(m, b);
	kfree(m, c);
	kfree(m, d);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void kzalloc_and_kcalloc_zero_the_bytes_in_ram(void **state)
{
	struct machine *m = ph_boot("");
	unsigned char *p = kmalloc(m, 200, GFP_KERNEL), *q;
	unsigned char buf[256];

	memset(p, 0xee, 200);
	kfree(m, p);
	q = kzalloc(m, 200, GFP_KERNEL);
	assert_ptr_equal(q, p);			/* the same slot, reused */
	memcpy(buf, __va(m, kva(m, q) - PAGE_OFFSET), 192);	/* via the direct map */
	for (int i = 0; i < 192; i++)
		assert_int_equal(buf[i], 0);
	memset(q, 0xee, 192);
	kfree(m, q);
	q = kcalloc(m, 4, 50, GFP_KERNEL);
	assert_ptr_equal(q, p);
	for (int i = 0; i < 192; i++)
		assert_int_equal(q[i], 0);
	kfree(m, q);
	assert_null(kcalloc(m, SIZE_MAX / 2, 3, GFP_KERNEL));	/* overflow */
	assert_null(kcalloc(m, 1UL << 40, 1UL << 40, GFP_KERNEL));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void krealloc_stays_in_place_when_it_fits_and_moves_otherwise(void **state)
{
	struct machine *m = ph_boot("");
	unsigned char *p = kmalloc(m, 40, GFP_KERNEL), *q;

	memset(p, 0x11, 40);
	q = krealloc(m, p, 60, GFP_KERNEL);		/* kmalloc-64 holds 60 */
	assert_ptr_equal(q, p);
	q = krealloc(m, p, 30, GFP_KERNEL | __GFP_ZERO);	/* shrink, zero the rest */
	assert_ptr_equal(q, p);
	for (int i = 30; i < 64; i++)
		assert_int_equal(p[i], 0);
	memset(p, 0x22, 64);
	q = krealloc(m, p, 300, GFP_KERNEL);		/* moves to kmalloc-512 */
	assert_ptr_not_equal(q, p);
	assert_string_equal(cache_of(m, q), "kmalloc-512");
	for (int i = 0; i < 64; i++)
		assert_int_equal(q[i], 0x22);
	assert_int_equal(kfree_checked(m, p), -EINVAL);	/* p was freed by krealloc */
	p = krealloc(m, NULL, 16, GFP_KERNEL);		/* NULL acts as kmalloc */
	assert_string_equal(cache_of(m, p), "kmalloc-16");
	assert_ptr_equal(krealloc(m, p, 0, GFP_KERNEL), ZERO_SIZE_PTR);	/* frees */
	q = krealloc(m, q, 20000, GFP_KERNEL);		/* to a large kmalloc */
	assert_int_equal(ksize(m, q), 32768);
	assert_int_equal(q[63], 0x22);
	kfree(m, q);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void large_kmalloc_uses_compound_pages_counted_as_unreclaimable_slab(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long unrcl0 = global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B);
	unsigned long free0 = nr_free_pages(m);
	unsigned char *p = kmalloc(m, 8193, GFP_KERNEL);
	struct page *page = virt_to_page(m, p);
	char *meminfo;
	size_t len;

	assert_non_null(p);
	assert_int_equal((__pa(m, p) & (PAGE_SIZE - 1)), 0);
	assert_int_equal(page->page_type, PGTY_large_kmalloc);
	assert_true(PageHead(page));
	assert_int_equal(page->alloc_order, 2);
	assert_int_equal(ksize(m, p), 16384);
	assert_int_equal(global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B), unrcl0 + 4);
	assert_int_equal(mmsim_read(m, "/proc/meminfo", &meminfo, &len), 0);
	free(meminfo);
	ph_assert_valid(m);
	kfree(m, p);
	assert_int_equal(global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B), unrcl0);
	drain_all_pages(m);
	assert_true(nr_free_pages(m) >= free0);
	/* the largest: 4 MiB; above it a warning and NULL */
	p = kmalloc(m, KMALLOC_MAX_SIZE, GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal(virt_to_page(m, p)->alloc_order, MAX_PAGE_ORDER);
	kfree(m, p);
	assert_null(kmalloc(m, KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	assert_true(ph_log_has(m, "WARNING: CPU: 0 PID: 0 at mm/slab_common.c:"));
	assert_ptr_equal(kmalloc(m, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_int_equal(kfree_checked(m, ZERO_SIZE_PTR), 0);
	assert_int_equal(kfree_checked(m, NULL), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static int count_in_log(struct machine *m, const char *needle)
{
	char *log = mmsim_dmesg(m);
	int n = 0;

	for (const char *p = log; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	free(log);
	return n;
}

/* WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER): one WARNING per boot, per machine. */
static void kmalloc_above_max_order_warns_once_per_machine(void **state)
{
	struct machine *m = ph_boot(""), *m2;

	assert_null(kmalloc(m, 5 << 20, GFP_KERNEL));
	assert_null(kmalloc(m, 5 << 20, GFP_KERNEL));
	assert_null(kmalloc(m, 8 << 20, GFP_KERNEL));
	assert_int_equal(count_in_log(m, "WARNING: CPU:"), 1);
	assert_int_equal(count_in_log(m, "---[ end trace"), 1);
	m2 = ph_boot("");				/* a second machine warns on its own */
	assert_null(kmalloc(m2, 5 << 20, GFP_KERNEL | __GFP_NOWARN));
	assert_int_equal(count_in_log(m2, "WARNING: CPU:"), 0);
	assert_null(kmalloc(m2, 5 << 20, GFP_KERNEL));
	assert_int_equal(count_in_log(m2, "WARNING: CPU:"), 1);
	mmsim_destroy(m2);
	mmsim_destroy(m);
	(void)state;
}

static void kfree_of_what_kmalloc_did_not_give_is_reported(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long pfn;
	unsigned char *p = kmalloc(m, 20000, GFP_KERNEL);
	char err[64];

	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", -1, 1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(kfree_checked(m, m->ram + (pfn << PAGE_SHIFT)), -EINVAL);
	assert_true(ph_log_has(m, "page dumped because: Not a kmalloc allocation"));
	assert_int_equal(kfree_checked(m, p + PAGE_SIZE), -EINVAL);	/* inside a large one */
	assert_int_equal(kfree_checked(m, err), -EINVAL);		/* not kernel memory */
	assert_int_equal(kfree_checked(m, p), 0);
	assert_int_equal(kfree_checked(m, p), -EINVAL);			/* twice */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* kmalloc until the machine is out of memory, then give it all back. */
static void kmalloc_until_failure_reports_and_freeing_restores_everything(void **state)
{
	struct machine *m = ph_boot("mem=64M");
	size_t cap = 1 << 16, nr = 0;
	void **obj = malloc(cap * sizeof(*obj));
	unsigned long free0, slab0;
	char *buddy0, *buddy1;
	size_t len;

	drain_all_pages(m);
	free0 = nr_free_pages(m);
	slab0 = global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B);
	assert_int_equal(mmsim_read(m, "/proc/buddyinfo", &buddy0, &len), 0);
	for (;;) {
		void *p = kmalloc(m, 1024, GFP_KERNEL);

		if (!p)
			break;
		if (nr == cap)
			obj = realloc(obj, (cap *= 2) * sizeof(*obj));
		obj[nr++] = p;
	}
	assert_true(nr > 1000);
	assert_true(ph_log_has(m, ": page allocation failure: order:"));
	assert_true(ph_log_has(m, "SLUB: Unable to allocate memory on CPU 0 (of node 0) on node -1, gfp=0xcc0(GFP_KERNEL)"));
	assert_true(ph_log_has(m, "  cache: kmalloc-1k, object size: 1024, buffer size: 1024, default order: 2, min order: 0"));
	ph_assert_valid(m);
	while (nr)
		kfree(m, obj[--nr]);
	kmem_cache_shrink(m, kmem_cache_find(m, "kmalloc-1k"));
	drain_all_pages(m);
	assert_int_equal(nr_free_pages(m), free0);
	assert_int_equal(global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B), slab0);
	assert_int_equal(mmsim_read(m, "/proc/buddyinfo", &buddy1, &len), 0);
	assert_string_equal(buddy0, buddy1);
	ph_assert_valid(m);
	free(buddy0);
	free(buddy1);
	free(obj);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes_round_up_to_linux_classes),
		cmocka_unit_test(gfp_flags_pick_the_cache_family),
		cmocka_unit_test(kzalloc_and_kcalloc_zero_the_bytes_in_ram),
		cmocka_unit_test(krealloc_stays_in_place_when_it_fits_and_moves_otherwise),
		cmocka_unit_test(large_kmalloc_uses_compound_pages_counted_as_unreclaimable_slab),
		cmocka_unit_test(kmalloc_above_max_order_warns_once_per_machine),
		cmocka_unit_test(kfree_of_what_kmalloc_did_not_give_is_reported),
		cmocka_unit_test(kmalloc_until_failure_reports_and_freeing_restores_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
