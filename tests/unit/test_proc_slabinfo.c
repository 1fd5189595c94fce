// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/slabinfo (fs/proc/slabinfo.c) against the real Linux 6.18 capture
 * tests/reference/procfs/proc-slabinfo.txt: the two header lines are
 * identical; every cache line, of the capture and of mmsim, is exactly
 * what cache_show's format prints for the numbers it holds (so the
 * column layout is Linux's); the values are get_slabinfo's and the lines
 * follow m->slab_caches (newest first); caches appear when created and
 * disappear when destroyed; merged caches have no line of their own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/slab.h"
#include "../../mm/slab.h"

/* One cache line, parsed. */
struct sl_line {
	char name[128];
	unsigned long active_objs, num_objs;
	unsigned int objsize, objperslab;
	int pagesperslab;
	unsigned int limit, batchcount, shared;
	unsigned long active_slabs, num_slabs, shared_avail;
};

/* Parse @line; false if it does not have the cache line's fields. */
static bool sl_parse(const char *line, struct sl_line *l)
{
	int n = sscanf(line, "%127s %lu %lu %u %u %d : tunables %u %u %u : slabdata %lu %lu %lu",
		       l->name, &l->active_objs, &l->num_objs, &l->objsize, &l->objperslab,
		       &l->pagesperslab, &l->limit, &l->batchcount, &l->shared,
		       &l->active_slabs, &l->num_slabs, &l->shared_avail);
	return n == 12;
}

/* The line Linux's cache_show prints for @l. */
static void sl_format(const struct sl_line *l, char *out, size_t len)
{
	snprintf(out, len, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u"
		 " : slabdata %6lu %6lu %6lu", l->name, l->active_objs, l->num_objs,
		 l->objsize, l->objperslab, l->pagesperslab, l->limit, l->batchcount,
		 l->shared, l->active_slabs, l->num_slabs, l->shared_avail);
}

/* Every line after the header parses and re-prints byte for byte. */
static void check_lines_reprint(const struct ph_lines *l, const char *what)
{
	for (size_t i = 2; i < l->nr; i++) {
		struct sl_line sl;
		char again[512];

		if (!sl_parse(l->line[i], &sl))
			fail_msg("%s line %zu does not parse: '%s'", what, i + 1, l->line[i]);
		sl_format(&sl, again, sizeof(again));
		if (strcmp(again, l->line[i]))
			fail_msg("%s line %zu: '%s' is not cache_show's '%s'", what, i + 1,
				 l->line[i], again);
	}
}

static void test_header_is_linux_exactly(void **state)
{
	struct machine *m = ph_boot("mem=1G");
	char *ref, *text = ph_read(m, "/proc/slabinfo");
	struct ph_lines r, l = ph_split(text);

	PH_REFERENCE(ref, "proc-slabinfo.txt");
	r = ph_split(ref);
	assert_true(r.nr > 2 && l.nr > 2);
	assert_string_equal(l.line[0], r.line[0]);
	assert_string_equal(l.line[1], r.line[1]);
	assert_string_equal(l.line[0], "slabinfo - version: 2.1");
	ph_free_lines(&r);
	ph_free_lines(&l);
	free(ref);
	free(text);
	mmsim_destroy(m);
}

/* The capture's lines are cache_show's format (the test's format is Linux's) ... */
static void test_reference_lines_are_the_cache_show_format(void **state)
{
	char *ref;
	struct ph_lines r;

	PH_REFERENCE(ref, "proc-slabinfo.txt");
	r = ph_split(ref);
	assert_true(r.nr > 100);
	check_lines_reprint(&r, "reference");
	ph_free_lines(&r);
	free(ref);
}

/* ... and so are mmsim's, on one node and on four. */
static void test_lines_have_linux_layout(void **state)
{
	const char *cmdlines[] = { "mem=1G", "mem=2G numa=fake=4 nr_cpus=4" };

	for (size_t c = 0; c < ARRAY_SIZE(cmdlines); c++) {
		struct machine *m = ph_boot(cmdlines[c]);
		char *text = ph_read(m, "/proc/slabinfo");
		struct ph_lines l = ph_split(text);

		check_lines_reprint(&l, cmdlines[c]);
		ph_free_lines(&l);
		free(text);
		mmsim_destroy(m);
	}
}

/* Lines in m->slab_caches order with get_slabinfo's numbers. */
static void check_against_caches(struct machine *m)
{
	char *text = ph_read(m, "/proc/slabinfo");
	struct ph_lines l = ph_split(text);
	struct kmem_cache *s;
	size_t i = 2;

	list_for_each_entry(s, &m->slab_caches, list) {
		struct slabinfo si = { 0 };
		struct sl_line sl;

		assert_true(i < l.nr);
		assert_true(sl_parse(l.line[i], &sl));
		get_slabinfo(m, s, &si);
		assert_string_equal(sl.name, s->name);
		assert_int_equal(sl.active_objs, si.active_objs);
		assert_int_equal(sl.num_objs, si.num_objs);
		assert_int_equal(sl.objsize, s->size);
		assert_int_equal(sl.objperslab, oo_objects(s->oo));
		assert_int_equal(sl.pagesperslab, 1 << oo_order(s->oo));
		assert_int_equal(sl.active_slabs, si.num_slabs);
		assert_int_equal(sl.num_slabs, si.num_slabs);
		assert_int_equal(sl.limit + sl.batchcount + sl.shared + sl.shared_avail, 0);
		assert_true(sl.active_objs <= sl.num_objs);
		assert_int_equal(sl.num_objs, sl.num_slabs * sl.objperslab);
		i++;
	}
	assert_int_equal(i, l.nr);
	ph_free_lines(&l);
	free(text);
}

static void test_values_are_get_slabinfo_in_list_order(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	char *text = ph_read(m, "/proc/slabinfo");

	check_against_caches(m);
	/* The boot caches exist, the kmalloc ones under Linux's names. */
	assert_non_null(strstr(text, "\nkmalloc-64 "));
	assert_non_null(strstr(text, "\nkmalloc-8k "));
	assert_non_null(strstr(text, "\nkmem_cache "));
	assert_non_null(strstr(text, "\nkmem_cache_node "));
	free(text);
	mmsim_destroy(m);
}

/* The line of cache @name in the file, parsed; false if there is none. */
static bool find_line(struct machine *m, const char *name, struct sl_line *out)
{
	char *text = ph_read(m, "/proc/slabinfo");
	struct ph_lines l = ph_split(text);
	bool found = false;

	for (size_t i = 2; i < l.nr && !found; i++) {
		struct sl_line sl;

		if (sl_parse(l.line[i], &sl) && !strcmp(sl.name, name)) {
			*out = sl;
			found = true;
		}
	}
	ph_free_lines(&l);
	free(text);
	return found;
}

static void test_created_cache_comes_first_and_goes_when_destroyed(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct kmem_cache *s = kmem_cache_create(m, "test_cache", 1000, 0, 0, NULL);
	void *obj[40];
	struct sl_line sl;
	char *text;

	assert_non_null(s);
	text = ph_read(m, "/proc/slabinfo");
	/* Newest first: right after the header. */
	assert_int_equal(strncmp(strchr(strchr(text, '\n') + 1, '\n') + 1, "test_cache ", 11), 0);
	free(text);
	assert_true(find_line(m, "test_cache", &sl));
	assert_int_equal(sl.num_objs, 0);
	assert_int_equal(sl.objsize, s->size);

	for (int i = 0; i < 40; i++)
		assert_non_null(obj[i] = kmem_cache_alloc(m, s, GFP_KERNEL));
	assert_true(find_line(m, "test_cache", &sl));
	assert_true(sl.active_objs >= 40);
	assert_true(sl.num_objs >= 40);
	assert_true(sl.num_slabs >= DIV_ROUND_UP(40, sl.objperslab));
	check_against_caches(m);

	for (int i = 0; i < 40; i++)
		kmem_cache_free(m, s, obj[i]);
	kmem_cache_destroy(m, s);
	assert_false(find_line(m, "test_cache", &sl));
	check_against_caches(m);
	mmsim_destroy(m);
}

/* A cache merged into another adds no line; the target's line stays. */
static void test_merged_cache_has_no_line(void **state)
{
	struct machine *m = ph_boot("mem=1G");
	struct kmem_cache *a = kmem_cache_create(m, "test_merge_a", 200, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create(m, "test_merge_b", 200, 0, 0, NULL);
	struct sl_line sl;

	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_true(find_line(m, "test_merge_a", &sl));
	assert_false(find_line(m, "test_merge_b", &sl));
	kmem_cache_destroy(m, b);
	assert_true(find_line(m, "test_merge_a", &sl));
	kmem_cache_destroy(m, a);
	assert_false(find_line(m, "test_merge_a", &sl));
	mmsim_destroy(m);
}

/* slab_nomerge: the same two caches get a line each. */
static void test_slab_nomerge_gives_each_cache_a_line(void **state)
{
	struct machine *m = ph_boot("mem=1G slab_nomerge");
	struct kmem_cache *a = kmem_cache_create(m, "test_merge_a", 200, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create(m, "test_merge_b", 200, 0, 0, NULL);
	struct sl_line sl;

	assert_true(a && b && a != b);
	assert_true(find_line(m, "test_merge_a", &sl));
	assert_true(find_line(m, "test_merge_b", &sl));
	check_against_caches(m);
	kmem_cache_destroy(m, a);
	kmem_cache_destroy(m, b);
	mmsim_destroy(m);
}

/* Mode 0400: readable, not writable. */
static void test_file_is_read_only(void **state)
{
	struct machine *m = ph_boot("mem=1G");

	assert_int_equal(mmsim_write(m, "/proc/slabinfo", "1"), -EACCES);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_is_linux_exactly),
		cmocka_unit_test(test_reference_lines_are_the_cache_show_format),
		cmocka_unit_test(test_lines_have_linux_layout),
		cmocka_unit_test(test_values_are_get_slabinfo_in_list_order),
		cmocka_unit_test(test_created_cache_comes_first_and_goes_when_destroyed),
		cmocka_unit_test(test_merged_cache_has_no_line),
		cmocka_unit_test(test_slab_nomerge_gives_each_cache_a_line),
		cmocka_unit_test(test_file_is_read_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
