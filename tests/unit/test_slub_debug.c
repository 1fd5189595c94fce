// SPDX-License-Identifier: GPL-2.0-only
/*
 * slub_debug (mm/slub_debug.c): the boot option and its per-cache lists,
 * the object layout it adds (checked against a real Linux 6.18 report:
 * kmalloc-32 under FZPU has 160-byte slots, a 32-byte left red zone and
 * its padding at +116), and the reports for a double free, a red zone
 * overwrite, a kmalloc red zone overwrite and a write after free, line by
 * line as Linux prints them.  None of these corrupt the allocator.
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
#include "../../mm/slab.h"
#include "proc_helpers.h"

/* The log lines after the first @skip bytes, without timestamps. */
static struct ph_lines log_after(struct machine *m, size_t skip)
{
	char *log = mmsim_dmesg(m);
	struct ph_lines l = ph_split(log + skip);

	for (size_t i = 0; i < l.nr; i++) {
		char *close = strstr(l.line[i], "] ");

		if (close)
			memmove(l.line[i], close + 2, strlen(close + 2) + 1);
	}
	free(log);
	return l;
}

static size_t log_len(struct machine *m)
{
	char *log = mmsim_dmesg(m);
	size_t n = strlen(log);

	free(log);
	return n;
}

static void expect_line(struct ph_lines *l, size_t *i, const char *want)
{
	if (*i >= l->nr)
		fail_msg("log ended; expected '%s'", want);
	if (strcmp(l->line[*i], want))
		fail_msg("log line %zu: '%s'\n expected: '%s'", *i, l->line[*i], want);
	(*i)++;
}

static void expect_prefix(struct ph_lines *l, size_t *i, const char *want)
{
	if (*i >= l->nr)
		fail_msg("log ended; expected '%s...'", want);
	if (strncmp(l->line[*i], want, strlen(want)))
		fail_msg("log line %zu: '%s'\n expected: '%s...'", *i, l->line[*i], want);
	(*i)++;
}

static bool has_line(struct ph_lines *l, const char *want)
{
	for (size_t i = 0; i < l->nr; i++)
		if (!strcmp(l->line[i], want))
			return true;
	return false;
}

static void option_selects_caches_and_flags(void **state)
{
	struct machine *m = ph_boot("slub_debug=FZPU,kmalloc-32,dentr*");
	char *log = mmsim_dmesg(m);

	assert_true(kmem_cache_find(m, "kmalloc-32")->flags & SLAB_RED_ZONE);
	assert_true(kmem_cache_find(m, "kmalloc-32")->flags & SLAB_STORE_USER);
	assert_false(kmem_cache_find(m, "kmalloc-64")->flags & SLAB_DEBUG_FLAGS);
	assert_true(kmem_cache_create(m, "dentry_like", 100, 0, 0, NULL)->flags & SLAB_POISON);
	assert_false(kmem_cache_create(m, "other", 100, 0, 0, NULL)->flags & SLAB_POISON);
	assert_non_null(strstr(log, "** This system shows unhashed kernel memory addresses   **"));
	free(log);
	mmsim_destroy(m);

	m = ph_boot("slub_debug");		/* every cache, FZPU */
	assert_int_equal(kmem_cache_find(m, "kmalloc-64")->flags & SLAB_DEBUG_FLAGS,
			 DEBUG_DEFAULT_FLAGS);
	ph_assert_valid(m);
	mmsim_destroy(m);

	m = ph_boot("slab_debug=P");
	assert_int_equal(kmem_cache_find(m, "kmalloc-64")->flags & SLAB_DEBUG_FLAGS, SLAB_POISON);
	mmsim_destroy(m);

	m = ph_boot("slub_debug=Fq");
	log = mmsim_dmesg(m);
	assert_non_null(strstr(log, "slab_debug option 'q' unknown. skipped"));
	free(log);
	mmsim_destroy(m);
}

/* The real Linux 6.18 report (Fedora 6.18.7, slub_debug=FZPU) shows this layout. */
static void kmalloc_32_layout_matches_a_real_fzpu_report(void **state)
{
	struct machine *m = ph_boot("slub_debug=FZPU");
	struct kmem_cache *s = kmem_cache_find(m, "kmalloc-32");

	assert_int_equal(s->size, 160);
	assert_int_equal(s->red_left_pad, 32);
	assert_int_equal(s->inuse, 40);
	assert_int_equal(s->offset, 40);
	assert_int_equal(oo_objects(s->oo), 25);
	assert_true(s->flags & __OBJECT_POISON);
	/* debug caches have no CPU slabs or CPU partial lists */
	assert_int_equal(s->cpu_partial, 0);
	mmsim_destroy(m);
}

static char *alloc_here(struct machine *m, size_t size)
{
	return kmalloc(m, size, GFP_KERNEL);
}

static void double_free_is_caught_and_reported_without_corruption(void **state)
{
	struct machine *m = ph_boot("slub_debug=FZPU,kmalloc-32");
	char *p = alloc_here(m, 32), *q;
	size_t skip, i = 0;
	struct ph_lines l;
	char want[256], slab[64];
	unsigned long off = (unsigned long)(__pa(m, p) & (PAGE_SIZE - 1));

	m->clock_ns += 1000000000;		/* one second: age=250 jiffies */
	kfree(m, p);
	skip = log_len(m);
	assert_int_equal(kfree_checked(m, p), -EINVAL);
	l = log_after(m, skip);
	expect_line(&l, &i, "=============================================================================");
	expect_line(&l, &i, "BUG kmalloc-32 (Not tainted): Object already free");
	expect_line(&l, &i, "-----------------------------------------------------------------------------");
	expect_line(&l, &i, "");	/* Linux's "-----\n\n" */
	expect_line(&l, &i, "Allocated in alloc_here age=250 cpu=0 pid=0");
	expect_line(&l, &i, "object allocation/free stack trace missing");
	expect_line(&l, &i, "Freed in double_free_is_caught_and_reported_without_corruption age=0 cpu=0 pid=0");
	expect_line(&l, &i, "object allocation/free stack trace missing");
	snprintf(slab, sizeof(slab), "Slab 0x%016lx objects=25 used=",
		 0xffffea0000000000UL + (__pa(m, p) >> PAGE_SHIFT) * 64);
	expect_prefix(&l, &i, slab);
	snprintf(want, sizeof(want), "Object 0x%016lx @offset=%lu fp=0x", kva(m, p), off);
	expect_prefix(&l, &i, want);
	expect_line(&l, &i, "");	/* print_trailer's "fp=0x%p\n\n" */
	snprintf(want, sizeof(want), "Redzone  %016lx: bb bb bb bb bb bb bb bb bb bb bb bb bb bb bb bb  ................",
		 kva(m, p) - 32);
	expect_line(&l, &i, want);
	expect_prefix(&l, &i, "Redzone  ");
	snprintf(want, sizeof(want), "Object   %016lx: 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b  kkkkkkkkkkkkkkkk",
		 kva(m, p));
	expect_line(&l, &i, want);
	snprintf(want, sizeof(want), "Object   %016lx: 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b a5  kkkkkkkkkkkkkkk.",
		 kva(m, p) + 16);
	expect_line(&l, &i, want);
	snprintf(want, sizeof(want), "Redzone  %016lx: bb bb bb bb bb bb bb bb                          ........",
		 kva(m, p) + 32);
	expect_line(&l, &i, want);
	snprintf(want, sizeof(want), "Padding  %016lx: 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a              ZZZZZZZZZZZZ",
		 kva(m, p) + 116);
	expect_line(&l, &i, want);
	expect_line(&l, &i, "------------[ cut here ]------------");
	expect_prefix(&l, &i, "WARNING: CPU: 0 PID: 0 at mm/slub_debug.c:");
	assert_non_null(strstr(l.line[i - 1], " object_err+0x0/0x0"));
	expect_line(&l, &i, "Modules linked in:");
	/* the W taint is added after the report, as Linux's __warn */
	expect_prefix(&l, &i, "CPU: 0 UID: 0 PID: 0 Comm: swapper/0 Tainted: G    B               6.18.0-mmsim");
	expect_line(&l, &i, "Call Trace:");
	expect_line(&l, &i, " <TASK>");
	expect_line(&l, &i, " object_err+0x0/0x0");
	expect_line(&l, &i, " </TASK>");
	expect_line(&l, &i, "---[ end trace 0000000000000000 ]---");
	snprintf(want, sizeof(want), "FIX kmalloc-32: Object at 0x%016lx not freed", kva(m, p));
	expect_line(&l, &i, want);
	assert_int_equal(i, l.nr);
	ph_free_lines(&l);
	ph_assert_valid(m);
	/* the object was freed once: allocated once more, then never again */
	q = alloc_here(m, 32);
	assert_ptr_equal(q, p);
	assert_ptr_not_equal(alloc_here(m, 32), p);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void red_zone_overwrite_is_reported_on_free_and_repaired(void **state)
{
	struct machine *m = ph_boot("slub_debug=FZPU,kmalloc-32");
	char *p = alloc_here(m, 32);
	size_t skip = log_len(m);
	struct ph_lines l;
	char want[256];

	p[32] = 'x';				/* one byte past the object */
	assert_int_equal(kfree_checked(m, p), -EINVAL);
	l = log_after(m, skip);
	snprintf(want, sizeof(want), "[Right Redzone overwritten] 0x%016lx-0x%016lx @offset=%lu. First byte 0x78 instead of 0xcc",
		 kva(m, p + 32), kva(m, p + 32), (unsigned long)(__pa(m, p + 32) & (PAGE_SIZE - 1)));
	assert_string_equal(l.line[0], want);
	assert_true(has_line(&l, "BUG kmalloc-32 (Not tainted): Object corrupt"));
	snprintf(want, sizeof(want), "Redzone  %016lx: 78 cc cc cc cc cc cc cc                          x.......",
		 kva(m, p + 32));
	assert_true(has_line(&l, want));
	snprintf(want, sizeof(want), "FIX kmalloc-32: Restoring Right Redzone 0x%016lx-0x%016lx=0xcc",
		 kva(m, p + 32), kva(m, p + 32));
	assert_true(has_line(&l, want));
	snprintf(want, sizeof(want), "FIX kmalloc-32: Object at 0x%016lx not freed", kva(m, p));
	assert_true(has_line(&l, want));
	assert_int_equal((unsigned char)p[32], 0xcc);	/* restored */
	ph_free_lines(&l);
	ph_assert_valid(m);
	/* the red zone is whole again: this free works */
	assert_int_equal(kfree_checked(m, p), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void kmalloc_red_zone_catches_writes_past_the_requested_size(void **state)
{
	struct machine *m = ph_boot("slub_debug=FZPU,kmalloc-32");
	char *p = alloc_here(m, 20);
	size_t skip = log_len(m);
	struct ph_lines l;
	char want[256];

	assert_int_equal((unsigned char)p[20], 0xcc);	/* bytes 20..31 are red zone */
	p[22] = 1;
	assert_int_equal(kfree_checked(m, p), -EINVAL);
	l = log_after(m, skip);
	snprintf(want, sizeof(want), "[kmalloc Redzone overwritten] 0x%016lx-0x%016lx @offset=%lu. First byte 0x1 instead of 0xcc",
		 kva(m, p + 22), kva(m, p + 22), (unsigned long)(__pa(m, p + 22) & (PAGE_SIZE - 1)));
	assert_string_equal(l.line[0], want);
	ph_free_lines(&l);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void write_after_free_is_found_on_the_next_allocation(void **state)
{
	struct machine *m = ph_boot("slub_debug=FZPU,kmalloc-32");
	char *p = alloc_here(m, 32), *q;
	size_t skip;
	struct ph_lines l;
	char want[256];

	kfree(m, p);
	p[5] = 0;				/* use after free */
	skip = log_len(m);
	q = alloc_here(m, 32);
	assert_non_null(q);
	assert_ptr_not_equal(q, p);		/* p's slab is taken out of use */
	l = log_after(m, skip);
	snprintf(want, sizeof(want), "[Poison overwritten] 0x%016lx-0x%016lx @offset=%lu. First byte 0x0 instead of 0x6b",
		 kva(m, p + 5), kva(m, p + 5), (unsigned long)(__pa(m, p + 5) & (PAGE_SIZE - 1)));
	assert_string_equal(l.line[0], want);
	snprintf(want, sizeof(want), "FIX kmalloc-32: Restoring Poison 0x%016lx-0x%016lx=0x6b",
		 kva(m, p + 5), kva(m, p + 5));
	assert_true(has_line(&l, want));
	assert_true(has_line(&l, "FIX kmalloc-32: Marking all objects used"));
	ph_free_lines(&l);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* Without slub_debug the overwrite is found by validate (sysfs), like Linux. */
static void validate_finds_damage_in_free_objects(void **state)
{
	struct machine *m = ph_boot("slub_debug=P,kmalloc-64");
	struct kmem_cache *s = kmem_cache_find(m, "kmalloc-64");
	char *p = kmalloc(m, 64, GFP_KERNEL);
	size_t skip;
	struct ph_lines l;

	kmalloc(m, 64, GFP_KERNEL);		/* keep the slab */
	kfree(m, p);
	p[50] = 0x9a;
	skip = log_len(m);
	assert_int_equal(validate_slab_cache(m, s), 1);
	l = log_after(m, skip);
	assert_non_null(strstr(l.line[0], "[Poison overwritten]"));
	ph_free_lines(&l);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* Without slub_debug: the hardened freelist catches the simple double free. */
static void plain_double_free_of_the_freelist_head_is_reported(void **state)
{
	struct machine *m = ph_boot("");
	char *p = kmalloc(m, 64, GFP_KERNEL);
	char *log;

	kfree(m, p);
	/* the kernel's own kfree: SLAB_FREELIST_HARDENED's naive check */
	assert_int_equal(kfree_caller(m, p, __func__), -EINVAL);
	log = mmsim_dmesg(m);
	assert_non_null(strstr(log, "of kmalloc-64 is already free (naive double free detection"));
	free(log);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(option_selects_caches_and_flags),
		cmocka_unit_test(kmalloc_32_layout_matches_a_real_fzpu_report),
		cmocka_unit_test(double_free_is_caught_and_reported_without_corruption),
		cmocka_unit_test(red_zone_overwrite_is_reported_on_free_and_repaired),
		cmocka_unit_test(kmalloc_red_zone_catches_writes_past_the_requested_size),
		cmocka_unit_test(write_after_free_is_found_on_the_next_allocation),
		cmocka_unit_test(validate_finds_damage_in_free_objects),
		cmocka_unit_test(plain_double_free_of_the_freelist_head_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
