// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel actor's kernel-memory calls (include/mmsim.h, kernel/kactor.c):
 * objects named by kernel virtual address, stray writes that may pass an
 * object's end but never leave simulated memory (and are all-or-nothing),
 * the edge values Linux gives (kmalloc(0), kfree(NULL)), caches by name
 * including merged ones, the kernel's caches protected from destroy, and
 * reclaimable groups whose shrinker frees the oldest objects first.
 *
 *   vmalloc 8K:   | page 0 | page 1 | guard |
 *                 ^va               ^va+8K: unmapped
 *   a write of [va+8K-2, va+8K+2) touches the guard page: refused, and
 *   the two bytes before it stay as they were.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "asm/page.h"
#include "linux/machine.h"
#include "linux/shrinker.h"
#include "../../mm/slab.h"

static void writes_may_pass_an_object_but_not_leave_memory(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	unsigned char buf[8];
	uint64_t obj, area, end_of_ram = PAGE_OFFSET + ((uint64_t)m->max_pfn << PAGE_SHIFT);

	assert_int_equal(mmsim_kmalloc(m, 64, "GFP_KERNEL|__GFP_ZERO", -1, &obj, NULL, 0), 0);
	assert_true(obj >= PAGE_OFFSET && obj < end_of_ram);
	/* past the end of a 64-byte object: into its neighbour, allowed */
	assert_int_equal(mmsim_kwrite(m, obj, 62, 4, 0x41), 0);
	assert_int_equal(mmsim_kread(m, obj + 60, buf, 6), 0);
	assert_memory_equal(buf, "\0\0AAAA", 6);
	/* outside RAM, below the direct map, wrapping around */
	assert_int_equal(mmsim_kwrite(m, end_of_ram - 1, 0, 2, 0), -EFAULT);
	assert_int_equal(mmsim_kwrite(m, 0x1000, 0, 1, 0), -EFAULT);
	assert_int_equal(mmsim_kwrite(m, obj, UINT64_MAX, 2, 0), -EFAULT);
	assert_int_equal(mmsim_kread(m, end_of_ram, buf, 1), -EFAULT);

	assert_int_equal(mmsim_vmalloc(m, 8192, &area, NULL, 0), 0);
	assert_int_equal(mmsim_kwrite(m, area, 8190, 2, 0x5a), 0);
	/* reaching the guard page: refused, and nothing written */
	assert_int_equal(mmsim_kwrite(m, area, 8190, 4, 0x33), -EFAULT);
	assert_int_equal(mmsim_kread(m, area + 8190, buf, 2), 0);
	assert_memory_equal(buf, "\x5a\x5a", 2);
	assert_int_equal(mmsim_vfree(m, area), 0);
	assert_int_equal(mmsim_kfree(m, obj), 0);
	mmsim_destroy(m);
}

static void edge_values_behave_as_linux(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	uint64_t va;
	char err[128];

	/* kmalloc(0) is ZERO_SIZE_PTR; kfree of it and of NULL does nothing */
	assert_int_equal(mmsim_kmalloc(m, 0, NULL, -1, &va, NULL, 0), 0);
	assert_int_equal(va, 0x10);
	assert_int_equal(mmsim_kfree(m, va), 0);
	assert_int_equal(mmsim_kfree(m, 0), 0);
	assert_int_equal(mmsim_vfree(m, 0), 0);
	/* not slab objects, not vmalloc areas */
	assert_int_equal(mmsim_kfree(m, VMALLOC_START), -EINVAL);
	assert_int_equal(mmsim_vfree(m, PAGE_OFFSET + 0x100000), -EINVAL);
	/* above KMALLOC_MAX_SIZE: a failed allocation, not a crash */
	assert_int_equal(mmsim_kmalloc(m, 8 << 20, "GFP_KERNEL|__GFP_NOWARN", -1, &va, NULL, 0),
			 -ENOMEM);
	assert_int_equal(mmsim_kmalloc(m, 64, "GFP_KERNEL|__GFP_BOGUS", -1, &va, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "__GFP_BOGUS"));
	assert_int_equal(mmsim_kmalloc(m, 64, NULL, 3, &va, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "node 3 does not exist"));
	/* ksize: the slot of a kmalloc-96 object */
	assert_int_equal(mmsim_kmalloc(m, 90, NULL, -1, &va, NULL, 0), 0);
	assert_int_equal(mmsim_ksize(m, va), 96);
	assert_int_equal(mmsim_kfree(m, va), 0);
	mmsim_destroy(m);
}

static void caches_are_found_by_name_even_when_merged(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	struct kmem_cache *pid = m->pid_cachep;
	int refs = pid->refcount;
	uint64_t va;

	/* 184 bytes, cache-line aligned, accounted: merges into pid as cred does */
	assert_int_equal(mmsim_kmem_cache_create(m, "mycred", 184, 0,
						 "hwcache_align|SLAB_ACCOUNT", 0, NULL, 0), 0);
	assert_ptr_equal(kmem_cache_find(m, "mycred"), pid);
	assert_int_equal(pid->refcount, refs + 1);
	assert_int_equal(mmsim_kmem_cache_alloc(m, "mycred", NULL, -1, &va, NULL, 0), 0);
	assert_ptr_equal(virt_to_page(m, __va(m, va - PAGE_OFFSET))->slab_cache, pid);
	assert_int_equal(mmsim_kmem_cache_free(m, "mycred", va), 0);
	assert_int_equal(mmsim_kmem_cache_create(m, "mycred", 64, 0, NULL, 0, NULL, 0), -EEXIST);
	assert_int_equal(mmsim_kmem_cache_destroy(m, "mycred"), 0);
	assert_int_equal(pid->refcount, refs);
	assert_int_equal(mmsim_kmem_cache_destroy(m, "mycred"), -ENOENT);
	assert_int_equal(mmsim_kmem_cache_alloc(m, "mycred", NULL, -1, &va, NULL, 0), -ENOENT);
	/* the alias outlives the destroy, as in Linux's sysfs: the name stays taken */
	assert_ptr_equal(kmem_cache_find(m, "mycred"), pid);
	assert_int_equal(mmsim_kmem_cache_create(m, "mycred", 184, 0, "hwcache_align|account",
						 0, NULL, 0), -EEXIST);
	assert_int_equal(pid->refcount, refs);
	/* a constructor keeps a cache unmerged and puts the free pointer after the object */
	assert_int_equal(mmsim_kmem_cache_create(m, "withctor", 184, 0, "hwcache_align|account",
						 1, NULL, 0), 0);
	assert_ptr_not_equal(kmem_cache_find(m, "withctor"), pid);
	assert_int_equal(kmem_cache_find(m, "withctor")->offset, 184);
	assert_int_equal(kmem_cache_find(m, "withctor")->size, 192);
	assert_int_equal(mmsim_kmem_cache_destroy(m, "withctor"), 0);
	/* the kernel's caches are its own */
	assert_int_equal(mmsim_kmem_cache_destroy(m, "task_struct"), -EPERM);
	assert_int_equal(mmsim_kmem_cache_shrink(m, "task_struct"), 0);
	assert_int_equal(mmsim_kmem_cache_alloc(m, "nosuch", NULL, -1, &va, NULL, 0), -ENOENT);
	mmsim_destroy(m);
}

static void a_reclaimable_group_is_shrunk_oldest_first(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	uint64_t vas[300], va;
	size_t freed, refused;

	for (int i = 0; i < 300; i++)
		assert_int_equal(mmsim_kmem_cache_alloc(m, "dentry", NULL, -1, &vas[i], NULL, 0), 0);
	assert_int_equal(mmsim_kactor_reclaimable(m, "names", "dentry", vas, 300), 0);
	assert_int_equal(mmsim_kactor_reclaimable(m, "names", "dentry", vas, 0), -EEXIST);
	assert_int_equal(mmsim_kactor_group_objects(m, "names"), 300);
	/*
	 * priority 2: (300 >> 2) * 4 / DEFAULT_SEEKS = 150 to scan: one batch
	 * of 128, the 22 left deferred
	 */
	shrink_slab(m, GFP_KERNEL, 0, 2);
	assert_int_equal(mmsim_kactor_group_objects(m, "names"), 300 - 128);
	assert_int_equal(mmsim_kactor_group_va(m, "names", 0, &va), 0);
	/* the survivors are the newest: the first one left is a later allocation */
	for (int i = 0; i < 300; i++) {
		if (vas[i] == va) {
			assert_int_equal(i, 300 - mmsim_kactor_group_objects(m, "names"));
			break;
		}
	}
	assert_int_equal(mmsim_kactor_group_va(m, "names", 300, &va), -ERANGE);
	assert_int_equal(mmsim_kactor_group_free(m, "names", 2, &freed, &refused), 0);
	assert_int_equal(refused, 0);
	assert_true(freed > 0);
	drop_slab(m);
	assert_int_equal(mmsim_kactor_group_objects(m, "names"), 0);
	assert_int_equal(mmsim_kactor_group_free(m, "names", 1, &freed, &refused), 0);
	assert_int_equal(freed, 0);
	/* an empty group is gone, and its shrinker with it */
	assert_int_equal(mmsim_kactor_group_objects(m, "names"), -ENOENT);
	assert_int_equal(kactor_unregister_shrinker(m, "kactor-names"), -ENOENT);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writes_may_pass_an_object_but_not_leave_memory),
		cmocka_unit_test(edge_values_behave_as_linux),
		cmocka_unit_test(caches_are_found_by_name_even_when_merged),
		cmocka_unit_test(a_reclaimable_group_is_shrunk_oldest_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
