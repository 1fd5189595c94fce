// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/slab (mm/slab_sysfs.c): directory names as Linux's
 * sysfs_slab_add gives them (own name when unmergeable, else the unique id
 * ":[dDaFA-]0000SIZE" with every alias name showing the same files), the
 * attribute formats of Linux 6.18 (numbers, "TOTAL N0=x" suffixes only
 * for non-zero nodes, "OBJ(SLABS) Ccpu=..."), counts consistent with
 * get_slabinfo, the writable files (shrink, validate, min_partial,
 * cpu_partial, remote_node_defrag_ratio) and their errors, read-only
 * files refusing writes, and files appearing and disappearing with the
 * cache.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <regex.h>
#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/slab.h"
#include "../../mm/slab.h"

/* The file /sys/kernel/slab/@dir/@attr (malloc'd text). */
static char *attr(struct machine *m, const char *dir, const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/%s", dir, name);
	return ph_read(m, path);
}

static int attr_write(struct machine *m, const char *dir, const char *name, const char *v)
{
	char path[512];

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/%s", dir, name);
	return mmsim_write(m, path, v);
}

static unsigned long attr_ul(struct machine *m, const char *dir, const char *name)
{
	char *t = attr(m, dir, name);
	unsigned long v = strtoul(t, NULL, 10);

	free(t);
	return v;
}

static void assert_matches(const char *text, const char *re)
{
	regex_t r;

	assert_int_equal(regcomp(&r, re, REG_EXTENDED | REG_NOSUB), 0);
	if (regexec(&r, text, 0, NULL, 0))
		fail_msg("'%s' does not match /%s/", text, re);
	regfree(&r);
}

static bool dir_exists(struct machine *m, const char *dir)
{
	char path[512], *t = NULL;
	int ret;

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/object_size", dir);
	ret = mmsim_read(m, path, &t, NULL);
	free(t);
	return ret == 0;
}

/* Linux 6.18's attribute files, all of them, in every cache directory. */
static const char *const attrs[] = {
	"aliases", "align", "cache_dma", "cpu_partial", "cpu_slabs", "ctor",
	"destroy_by_rcu", "hwcache_align", "min_partial", "object_size", "objects",
	"objects_partial", "objs_per_slab", "order", "partial", "poison",
	"reclaim_account", "red_zone", "remote_node_defrag_ratio", "sanity_checks",
	"sheaf_capacity", "shrink", "slab_size", "slabs", "slabs_cpu_partial",
	"store_user", "total_objects", "trace", "usersize", "validate",
};

static void test_directory_has_linux_files(void **state)
{
	struct machine *m = ph_boot("mem=1G");
	char **names;
	size_t nr;

	assert_int_equal(mmsim_readdir(m, "/sys/kernel/slab/kmalloc-64", &names, &nr), 0);
	assert_int_equal(nr, ARRAY_SIZE(attrs));
	for (size_t i = 0; i < nr; i++)
		assert_string_equal(names[i], attrs[i]);
	mmsim_free_list(names, nr);
	mmsim_destroy(m);
}

/* kmalloc-64 on Linux 6.18 x86-64 (as the host shows it). */
static void test_kmalloc_64_values_and_formats(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	const char *d = "kmalloc-64";
	struct kmem_cache *s = kmem_cache_find(m, d);
	struct slabinfo si = { 0 };
	char *t;

	assert_non_null(s);
	get_slabinfo(m, s, &si);
	assert_int_equal(attr_ul(m, d, "object_size"), 64);
	assert_int_equal(attr_ul(m, d, "slab_size"), 64);
	assert_int_equal(attr_ul(m, d, "align"), 64);
	assert_int_equal(attr_ul(m, d, "objs_per_slab"), 64);
	assert_int_equal(attr_ul(m, d, "order"), 0);
	assert_int_equal(attr_ul(m, d, "usersize"), 64);
	assert_int_equal(attr_ul(m, d, "min_partial"), s->min_partial);
	assert_int_equal(attr_ul(m, d, "cpu_partial"), s->cpu_partial);
	assert_int_equal(attr_ul(m, d, "aliases"), 0);
	assert_int_equal(attr_ul(m, d, "remote_node_defrag_ratio"), 100);
	assert_int_equal(attr_ul(m, d, "sheaf_capacity"), 0);
	for (size_t i = 0; i < 9; i++) {
		static const char *const flags[] = { "cache_dma", "destroy_by_rcu",
			"hwcache_align", "poison", "reclaim_account", "red_zone",
			"sanity_checks", "store_user", "trace" };
		t = attr(m, d, flags[i]);
		assert_string_equal(t, "0\n");
		free(t);
	}
	t = attr(m, d, "ctor");
	assert_string_equal(t, "");
	free(t);
	t = attr(m, d, "shrink");
	assert_string_equal(t, "");
	free(t);

	/* Counts: "N N0=N" (the node part only when not zero) */
	static const char *const counts[] = { "objects", "objects_partial", "partial",
		"cpu_slabs", "slabs", "total_objects" };
	for (size_t i = 0; i < ARRAY_SIZE(counts); i++) {
		t = attr(m, d, counts[i]);
		assert_matches(t, "^(0|[1-9][0-9]* N0=[1-9][0-9]*)\n$");
		free(t);
	}
	assert_int_equal(attr_ul(m, d, "objects"), si.active_objs);
	assert_int_equal(attr_ul(m, d, "total_objects"), si.num_objs);
	assert_int_equal(attr_ul(m, d, "slabs"), si.num_slabs);
	t = attr(m, d, "slabs_cpu_partial");
	assert_matches(t, "^[0-9]+\\([0-9]+\\)( C[0-9]+=[0-9]+\\([0-9]+\\))*\n$");
	free(t);
	mmsim_destroy(m);
}

/* Counts split per node; the node parts add up to the total. */
static void test_counts_split_per_node(void **state)
{
	struct machine *m = ph_boot("mem=2G numa=fake=2 nr_cpus=4");
	struct kmem_cache *s = kmem_cache_create(m, "test_numa", 512, 0, SLAB_NO_MERGE, NULL);
	void *obj[200];
	unsigned long total, n0, n1;
	char *t;

	assert_non_null(s);
	for (int i = 0; i < 100; i++)
		obj[i] = kmem_cache_alloc_node(m, s, GFP_KERNEL, 0);
	for (int i = 100; i < 200; i++)
		obj[i] = kmem_cache_alloc_node(m, s, GFP_KERNEL, 1);
	t = attr(m, "test_numa", "total_objects");
	assert_int_equal(sscanf(t, "%lu N0=%lu N1=%lu", &total, &n0, &n1), 3);
	assert_int_equal(total, n0 + n1);
	assert_true(n0 >= 100 && n1 >= 100);
	free(t);
	t = attr(m, "test_numa", "objects");
	assert_int_equal(sscanf(t, "%lu N0=%lu N1=%lu", &total, &n0, &n1), 3);
	assert_int_equal(total, n0 + n1);
	free(t);
	for (int i = 0; i < 200; i++)
		kmem_cache_free(m, s, obj[i]);
	kmem_cache_destroy(m, s);
	mmsim_destroy(m);
}

/* Mergeable caches: ":0000200" plus a copy under each name; flags letters. */
static void test_mergeable_cache_named_by_unique_id_with_aliases(void **state)
{
	struct machine *m = ph_boot("mem=1G");
	struct kmem_cache *a = kmem_cache_create(m, "test_a", 200, 0, 0, NULL);
	struct kmem_cache *b, *r;

	assert_non_null(a);
	assert_int_equal(a->size, 200);
	assert_true(dir_exists(m, ":0000200"));
	assert_true(dir_exists(m, "test_a"));
	assert_int_equal(attr_ul(m, "test_a", "aliases"), 0);
	b = kmem_cache_create(m, "test_b", 200, 0, 0, NULL);
	assert_ptr_equal(a, b);
	assert_true(dir_exists(m, "test_b"));
	assert_int_equal(attr_ul(m, ":0000200", "aliases"), 1);
	assert_int_equal(attr_ul(m, "test_b", "aliases"), 1);

	r = kmem_cache_create(m, "test_r", 208, 0, SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT, NULL);
	assert_non_null(r);
	assert_true(dir_exists(m, ":aA-0000208"));
	assert_int_equal(attr_ul(m, "test_r", "reclaim_account"), 1);

	kmem_cache_destroy(m, r);
	assert_false(dir_exists(m, ":aA-0000208"));
	assert_false(dir_exists(m, "test_r"));
	kmem_cache_destroy(m, b);
	assert_true(dir_exists(m, ":0000200"));	/* a still holds it */
	kmem_cache_destroy(m, a);
	assert_false(dir_exists(m, ":0000200"));
	assert_false(dir_exists(m, "test_a"));
	assert_false(dir_exists(m, "test_b"));
	mmsim_destroy(m);
}

static void ctor_zero(void *p)
{
	memset(p, 0, 100);
}

/* Unmergeable caches (a constructor, slab_nomerge) keep their own name. */
static void test_unmergeable_cache_keeps_its_name(void **state)
{
	struct machine *m = ph_boot("mem=1G");
	struct kmem_cache *s = kmem_cache_create(m, "test_ctor", 100, 0, 0, ctor_zero);
	char *t;

	assert_non_null(s);
	assert_true(dir_exists(m, "test_ctor"));
	t = attr(m, "test_ctor", "ctor");
	assert_string_equal(t, "(constructor)\n");
	free(t);
	kmem_cache_destroy(m, s);
	assert_false(dir_exists(m, "test_ctor"));
	mmsim_destroy(m);

	m = ph_boot("mem=1G slab_nomerge");
	s = kmem_cache_create(m, "test_plain", 200, 0, 0, NULL);
	assert_true(dir_exists(m, "test_plain"));
	assert_false(dir_exists(m, ":0000200"));
	kmem_cache_destroy(m, s);
	mmsim_destroy(m);
}

/* Writing 1 to shrink frees the empty slabs; anything else is EINVAL. */
static void test_shrink_frees_empty_slabs(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct kmem_cache *s = kmem_cache_create(m, "test_shrink", 1024, 0, SLAB_NO_MERGE, NULL);
	void *obj[256];

	assert_non_null(s);
	for (int i = 0; i < 256; i++)
		assert_non_null(obj[i] = kmem_cache_alloc(m, s, GFP_KERNEL));
	for (int i = 0; i < 256; i++)
		kmem_cache_free(m, s, obj[i]);
	assert_true(attr_ul(m, "test_shrink", "slabs") > 0);
	assert_int_equal(attr_write(m, "test_shrink", "shrink", "0"), -EINVAL);
	assert_int_equal(attr_write(m, "test_shrink", "shrink", "1"), 0);
	assert_int_equal(attr_ul(m, "test_shrink", "slabs"), 0);
	assert_int_equal(attr_ul(m, "test_shrink", "objects"), 0);
	kmem_cache_destroy(m, s);
	mmsim_destroy(m);
}

static void test_writable_files_parse_as_linux(void **state)
{
	struct machine *m = ph_boot("mem=1G");
	const char *d = "kmalloc-128";
	struct kmem_cache *s = kmem_cache_find(m, d);

	assert_int_equal(attr_write(m, d, "min_partial", "7"), 0);
	assert_int_equal(s->min_partial, 7);
	assert_int_equal(attr_ul(m, d, "min_partial"), 7);
	assert_int_equal(attr_write(m, d, "min_partial", "x"), -EINVAL);
	assert_int_equal(attr_write(m, d, "cpu_partial", "30"), 0);
	assert_int_equal(attr_ul(m, d, "cpu_partial"), 30);
	assert_int_equal(s->cpu_partial_slabs, DIV_ROUND_UP(30 * 2, oo_objects(s->oo)));
	assert_int_equal(attr_write(m, d, "remote_node_defrag_ratio", "101"), -ERANGE);
	assert_int_equal(attr_write(m, d, "remote_node_defrag_ratio", "50"), 0);
	assert_int_equal(attr_ul(m, d, "remote_node_defrag_ratio"), 50);
	/* Read-only files refuse writes; validate needs a debug cache. */
	assert_int_equal(attr_write(m, d, "objects", "1"), -EACCES);
	assert_int_equal(attr_write(m, d, "order", "1"), -EACCES);
	assert_int_equal(attr_write(m, d, "validate", "1"), -EINVAL);
	mmsim_destroy(m);
}

/* slub_debug=F: the flag files say so, validate runs, cpu_partial refuses. */
static void test_debug_cache_flags_and_validate(void **state)
{
	struct machine *m = ph_boot("mem=1G slub_debug=FZPU");
	const char *d = "kmalloc-256";
	char *t;

	t = attr(m, d, "sanity_checks");
	assert_string_equal(t, "1\n");
	free(t);
	assert_int_equal(attr_ul(m, d, "red_zone"), 1);
	assert_int_equal(attr_ul(m, d, "poison"), 1);
	assert_int_equal(attr_ul(m, d, "store_user"), 1);
	assert_int_equal(attr_write(m, d, "validate", "1"), 0);
	assert_int_equal(attr_write(m, d, "validate", "0"), -EINVAL);
	assert_int_equal(attr_write(m, d, "cpu_partial", "5"), -EINVAL);
	assert_int_equal(attr_write(m, d, "cpu_partial", "0"), 0);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_directory_has_linux_files),
		cmocka_unit_test(test_kmalloc_64_values_and_formats),
		cmocka_unit_test(test_counts_split_per_node),
		cmocka_unit_test(test_mergeable_cache_named_by_unique_id_with_aliases),
		cmocka_unit_test(test_unmergeable_cache_keeps_its_name),
		cmocka_unit_test(test_shrink_frees_empty_slabs),
		cmocka_unit_test(test_writable_files_parse_as_linux),
		cmocka_unit_test(test_debug_cache_flags_and_validate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
