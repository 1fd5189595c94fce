// SPDX-License-Identifier: GPL-2.0-only
/*
 * SLUB (mm/slub.c, mm/slab_common.c): slab geometry against real Linux
 * 6.18 caches, the slab states and their transitions, min_partial,
 * shrinking, merging, destroy, accounting, bad frees.
 *
 *   alloc from a fresh cache:   [new slab] -> cpu slab (objects on c->freelist)
 *   cpu slab used up, alloc:    cpu slab -> full list; [new slab] -> cpu slab
 *   free into a full slab:      full -> cpu partial list
 *   cpu partial list too long:  cpu partial -> node partial (or freed if empty
 *                               and the node already keeps min_partial)
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

static unsigned long unreclaimable_pages(struct machine *m)
{
	return global_node_page_state(m, NR_SLAB_UNRECLAIMABLE_B);
}

/* Every cache of the captured Linux 6.18 /proc/slabinfo (2 CPUs): same slot
 * size -> same order and objects per slab. */
static void slab_orders_match_every_cache_of_the_linux_reference(void **state)
{
	struct machine *m = ph_boot("nr_cpus=2");
	char *ref;
	struct ph_lines l;
	int checked = 0;

	PH_REFERENCE(ref, "proc-slabinfo.txt");
	l = ph_split(ref);
	for (size_t i = 2; i < l.nr; i++) {
		char name[64];
		unsigned long active, num, size, objperslab, pagesperslab;
		int order;

		if (sscanf(l.line[i], "%63s %lu %lu %lu %lu %lu", name, &active, &num, &size,
			   &objperslab, &pagesperslab) != 6)
			fail_msg("unparsed reference line: %s", l.line[i]);
		order = calculate_order(m, (unsigned int)size);
		if ((1UL << order) != pagesperslab || (PAGE_SIZE << order) / size != objperslab)
			fail_msg("%s (slot %lu): Linux %lu objects in %lu pages, mmsim %lu in %lu",
				 name, size, objperslab, pagesperslab,
				 (PAGE_SIZE << order) / size, 1UL << order);
		checked++;
	}
	assert_true(checked > 200);
	ph_free_lines(&l);
	free(ref);
	mmsim_destroy(m);
}

static void kmalloc_caches_have_the_linux_names_and_geometry(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_find(m, "kmalloc-64");
	static const char *const prefix[NR_KMALLOC_TYPES] = {
		"kmalloc-", "kmalloc-rcl-", "dma-kmalloc-", "kmalloc-cg-" };

	/* /sys/kernel/slab/kmalloc-64 on the host: 64 64 0 64 120 5 */
	assert_non_null(s);
	assert_int_equal(s->object_size, 64);
	assert_int_equal(s->size, 64);
	assert_int_equal(s->align, 64);
	assert_int_equal(oo_order(s->oo), 0);
	assert_int_equal(oo_objects(s->oo), 64);
	assert_int_equal(s->cpu_partial, 120);
	assert_int_equal(s->min_partial, 5);
	/* kmalloc-8k: 8192 8192 8192 3 4 6 6 */
	s = kmem_cache_find(m, "kmalloc-8k");
	assert_int_equal(s->align, 8192);
	assert_int_equal(oo_order(s->oo), 3);
	assert_int_equal(oo_objects(s->oo), 4);
	assert_int_equal(s->cpu_partial, 6);
	assert_int_equal(s->min_partial, 6);
	/* kmalloc-96 and -192 align to their largest power-of-2 divisor */
	assert_int_equal(kmem_cache_find(m, "kmalloc-96")->align, 32);
	assert_int_equal(kmem_cache_find(m, "kmalloc-192")->align, 64);
	for (int t = 0; t < NR_KMALLOC_TYPES; t++)
		for (int i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
			char name[32];

			if (i == 1 || i == 2)
				snprintf(name, sizeof(name), "%s%d", prefix[t], i == 1 ? 96 : 192);
			else if (i < 10)
				snprintf(name, sizeof(name), "%s%d", prefix[t], 1 << i);
			else
				snprintf(name, sizeof(name), "%s%dk", prefix[t], 1 << (i - 10));
			assert_ptr_equal(m->kmalloc_caches[t][i], kmem_cache_find(m, name));
		}
	assert_true(kmem_cache_find(m, "kmalloc-rcl-64")->flags & SLAB_RECLAIM_ACCOUNT);
	assert_true(kmem_cache_find(m, "dma-kmalloc-64")->allocflags & __GFP_DMA);
	assert_true(kmem_cache_find(m, "kmalloc-cg-64")->flags & SLAB_ACCOUNT);
	/* SLUB's own caches: the host's object sizes for one node */
	assert_int_equal(kmem_cache_find(m, "kmem_cache")->object_size, 232);
	assert_int_equal(kmem_cache_find(m, "kmem_cache")->size, 256);
	assert_int_equal(kmem_cache_find(m, "kmem_cache_node")->object_size, 72);
	assert_int_equal(kmem_cache_find(m, "kmem_cache_node")->size, 128);
	assert_int_equal(kmem_cache_find(m, "kmalloc_buckets")->object_size, 112);
	assert_true(ph_log_has(m, "SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1\n"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* task_struct on the reference machine: 4288-byte slots, 7 per order-3 slab. */
static void task_struct_sized_cache_packs_seven_per_order_three_slab(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "task_struct_like", 4288, 64,
						 SLAB_PANIC | SLAB_ACCOUNT, NULL);

	assert_non_null(s);
	assert_int_equal(s->size, 4288);
	assert_int_equal(oo_order(s->oo), 3);
	assert_int_equal(oo_objects(s->oo), 7);
	assert_int_equal(oo_order(s->min), 1);	/* fallback: one object */
	assert_int_equal(s->min_partial, 6);
	assert_int_equal(s->cpu_partial, 6);
	assert_int_equal(s->cpu_partial_slabs, 2);
	mmsim_destroy(m);
}

static void boot_parameters_change_orders_and_the_boot_line(void **state)
{
	struct machine *m = ph_boot("nr_cpus=8 slub_max_order=1");
	struct kmem_cache *s = kmem_cache_find(m, "kmalloc-8k");

	assert_int_equal(slub_min_objects(m), 4 * (4 + 1));
	assert_int_equal(oo_order(s->oo), 1);
	assert_int_equal(oo_objects(s->oo), 1);
	assert_int_equal(oo_order(kmem_cache_find(m, "kmalloc-1k")->oo), 1);
	assert_true(ph_log_has(m, "SLUB: HWalign=64, Order=0-1, MinObjects=0, CPUs=8, Nodes=1\n"));
	mmsim_destroy(m);

	m = ph_boot("slab_min_order=2 slab_min_objects=3");
	assert_int_equal(oo_order(kmem_cache_find(m, "kmalloc-64")->oo), 2);
	assert_int_equal(oo_objects(kmem_cache_find(m, "kmalloc-64")->oo), 256);
	assert_true(ph_log_has(m, "SLUB: HWalign=64, Order=2-3, MinObjects=3, CPUs=2, Nodes=1\n"));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* The slab states of the table in mm/slub.c, step by step. */
static void slabs_move_cpu_full_cpu_partial_node_partial(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "states", 64, 0, 0, NULL);
	struct kmem_cache_cpu *c = &s->cpu_slab[0];
	struct kmem_cache_node *n = get_node(s, 0);
	enum { PER = 64, SLABS = 12 };
	void *obj[PER * SLABS];
	struct page *first;

	m->current_cpu = 0;
	assert_int_equal(s->cpu_partial_slabs, 4);	/* DIV_ROUND_UP(120 * 2, 64) */
	obj[0] = kmem_cache_alloc(m, s, GFP_KERNEL);
	first = c->slab;
	assert_non_null(first);
	assert_true(first->frozen);
	assert_int_equal(first->inuse, PER);	/* all objects went to the CPU */
	for (int i = 1; i < PER; i++)
		obj[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	assert_null(c->freelist);
	assert_ptr_equal(c->slab, first);
	obj[PER] = kmem_cache_alloc(m, s, GFP_KERNEL);	/* first is used up */
	assert_ptr_not_equal(c->slab, first);
	assert_false(first->frozen);
	assert_int_equal(n->nr_full, 1);
	assert_int_equal(n->nr_slabs, 2);
	ph_assert_valid(m);

	kmem_cache_free(m, s, obj[3]);			/* full -> cpu partial */
	assert_int_equal(n->nr_full, 0);
	assert_int_equal(c->partial_slabs, 1);
	assert_ptr_equal(list_first_entry(&c->partial, struct page, lru), first);
	assert_int_equal(first->inuse, PER - 1);
	ph_assert_valid(m);

	for (int i = PER + 1; i < PER * SLABS; i++)
		obj[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	/* the CPU took the partial slab back first: 767 live objects, 12 slabs */
	assert_int_equal(n->nr_slabs, SLABS);
	assert_int_equal(n->nr_full, SLABS - 1);
	/* one free into each of slabs 2..7: the fifth drains the CPU list */
	for (int k = 1; k <= 5; k++)
		kmem_cache_free(m, s, obj[k * PER + 5]);
	assert_int_equal(c->partial_slabs, 1);
	assert_int_equal(n->nr_partial, 4);
	list_for_each_entry(first, &n->partial, lru)
		assert_true(first->flags & (1UL << SL_partial));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * The checked frees (the kernel actor's) refuse an object already free in
 * a cache without slub_debug, wherever it lies free: the CPU's lockless
 * freelist, a CPU partial slab's freelist, a node partial slab's.
 */
static void checked_double_free_without_debug_is_refused_and_reported(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "dfree", 64, 0, 0, NULL);
	struct kmem_cache_cpu *c = &s->cpu_slab[0];
	unsigned long slab0 = unreclaimable_pages(m);
	enum { PER = 64, N = PER * 3 };
	void *obj[N], *again[N];

	m->current_cpu = 0;
	for (int i = 0; i < N; i++)
		obj[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	/* CPU slab: obj[2*PER..] ; a free of a non-head object of the lockless list */
	assert_int_equal(kmem_cache_free_checked(m, s, obj[2 * PER + 1]), 0);
	assert_int_equal(kmem_cache_free_checked(m, s, obj[2 * PER + 2]), 0);
	assert_int_equal(kmem_cache_free_checked(m, s, obj[2 * PER + 1]), -EINVAL);
	assert_true(ph_log_has(m, "BUG dfree (Not tainted): Object already free"));
	assert_true(ph_log_has(m, "FIX dfree: Object at 0x"));
	/* a full slab that becomes CPU partial: its own freelist */
	assert_int_equal(kfree_checked(m, obj[3]), 0);
	assert_int_equal(kfree_checked(m, obj[4]), 0);
	assert_ptr_not_equal(c->slab, virt_to_page(m, obj[3]));
	assert_int_equal(kfree_checked(m, obj[3]), -EINVAL);
	assert_int_equal(kfree_checked(m, obj[4]), -EINVAL);
	/* an object never handed out (on the freelist from the start) */
	ph_assert_valid(m);
	/* nothing is handed out twice */
	for (int i = 0; i < 4; i++)
		again[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < i; j++)
			assert_ptr_not_equal(again[i], again[j]);
	ph_assert_valid(m);
	for (int i = 0; i < 4; i++)
		kmem_cache_free(m, s, again[i]);
	for (int i = 0; i < N; i++)
		if (i != 2 * PER + 1 && i != 2 * PER + 2 && i != 3 && i != 4)
			assert_int_equal(kmem_cache_free_checked(m, s, obj[i]), 0);
	ph_assert_valid(m);
	assert_int_equal(kmem_cache_shrink(m, s), 0);
	assert_int_equal(unreclaimable_pages(m), slab0);
	mmsim_destroy(m);
	(void)state;
}

/*
 * Slabs S0..S5 with one free object each on node 0's partial list, the
 * CPU slab (S6) full on the full list, CPU 0's partial list empty.
 */
static void six_node_partial_slabs(struct machine *m, struct kmem_cache *s, void **obj)
{
	enum { PER = 64 };

	m->current_cpu = 0;
	for (int i = 0; i < 7 * PER; i++)
		obj[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	for (int k = 0; k < 6; k++)
		kmem_cache_free(m, s, obj[k * PER + 7]);
	flush_cpu_slab(m, s, 0);
	assert_int_equal(get_node(s, 0)->nr_partial, 6);
	assert_int_equal(s->cpu_slab[0].partial_slabs, 0);
	assert_null(s->cpu_slab[0].slab);
}

/*
 * get_partial_node: the first node partial slab becomes the CPU slab and
 * more move to the CPU partial list until more than cpu_partial_slabs / 2
 * have moved (Linux 6.18): with cpu_partial_slabs 4, three.
 */
static void get_partial_node_moves_half_the_cpu_partial_limit_plus_one(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "halfcpu", 64, 0, 0, NULL);
	struct kmem_cache_node *n = get_node(s, 0);
	void *obj[7 * 64];
	char *text;

	assert_int_equal(s->cpu_partial_slabs, 4);
	six_node_partial_slabs(m, s, obj);
	text = ph_read(m, "/sys/kernel/slab/halfcpu/slabs_cpu_partial");
	assert_string_equal(text, "0(0)\n");
	free(text);
	(void)kmem_cache_alloc(m, s, GFP_KERNEL);
	assert_non_null(s->cpu_slab[0].slab);
	assert_int_equal(s->cpu_slab[0].partial_slabs, 3);
	assert_int_equal(n->nr_partial, 6 - 1 - 3);
	text = ph_read(m, "/sys/kernel/slab/halfcpu/slabs_cpu_partial");
	assert_string_equal(text, "96(3) C0=96(3)\n");
	free(text);
	ph_assert_valid(m);
	mmsim_destroy(m);
	(void)state;
}

/*
 * deactivate_slab puts a CPU slab with free objects at the head of the
 * node partial list (the next allocation after a flush comes from it)
 * unless objects were freed to it remotely (slab->freelist set): then at
 * the tail, behind the slabs already there.
 */
static void deactivated_slab_goes_to_head_of_node_partial_unless_freed_remotely(void **state)
{
	enum { PER = 64 };
	for (int remote = 0; remote <= 1; remote++) {
		struct machine *m = ph_boot("nr_cpus=2");
		struct kmem_cache *s = kmem_cache_create(m, "deact", 64, 0, 0, NULL);
		struct kmem_cache_node *n = get_node(s, 0);
		void *obj[7 * PER + 1], *freed, *next;
		struct page *cpu_slab, *first_partial;

		six_node_partial_slabs(m, s, obj);
		obj[7 * PER] = kmem_cache_alloc(m, s, GFP_KERNEL);	/* S0's last free object */
		cpu_slab = s->cpu_slab[0].slab;
		assert_int_equal(n->nr_partial, 2);
		first_partial = list_first_entry(&n->partial, struct page, lru);
		freed = obj[7 * PER];
		m->current_cpu = remote;			/* a remote free fills slab->freelist */
		kmem_cache_free(m, s, freed);
		m->current_cpu = 0;
		assert_true(remote ? cpu_slab->freelist != NULL : cpu_slab->freelist == NULL);
		flush_cpu_slab(m, s, 0);
		assert_int_equal(n->nr_partial, 2 + 1 + 3);
		if (remote) {
			assert_ptr_equal(list_first_entry(&n->partial, struct page, lru), first_partial);
			/* behind the two already there, before the CPU partial slabs */
			assert_ptr_equal(list_entry(n->partial.next->next->next, struct page, lru),
					 cpu_slab);
		} else {
			assert_ptr_equal(list_first_entry(&n->partial, struct page, lru), cpu_slab);
		}
		next = kmem_cache_alloc(m, s, GFP_KERNEL);
		if (remote)
			assert_ptr_not_equal(virt_to_page(m, next), cpu_slab);
		else
			assert_ptr_equal(next, freed);
		ph_assert_valid(m);
		mmsim_destroy(m);
	}
	(void)state;
}

static void empty_slabs_beyond_min_partial_go_back_and_shrink_frees_the_rest(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "empties", 256, 0, 0, NULL);
	struct kmem_cache_node *n = get_node(s, 0);
	enum { N = 16 * 40 };	/* 40 slabs of 16 objects */
	void **obj = calloc(N, sizeof(*obj));
	unsigned long slab0 = unreclaimable_pages(m);

	assert_int_equal(oo_objects(s->oo), 16);
	assert_int_equal(s->min_partial, 5);
	for (int i = 0; i < N; i++)
		obj[i] = kmem_cache_alloc(m, s, GFP_KERNEL);
	assert_int_equal(n->nr_slabs, 40);
	assert_int_equal(unreclaimable_pages(m), slab0 + 40);
	for (int i = 0; i < N; i++)
		kmem_cache_free(m, s, obj[i]);
	ph_assert_valid(m);
	/* what stays: at most min_partial node slabs plus the CPU's */
	assert_true(n->nr_partial <= s->min_partial);
	assert_true(n->nr_slabs <= s->min_partial + s->cpu_partial_slabs + 1);
	assert_int_equal(unreclaimable_pages(m), slab0 + n->nr_slabs);
	assert_int_equal(kmem_cache_shrink(m, s), 0);
	assert_int_equal(n->nr_slabs, 0);
	assert_int_equal(n->nr_partial, 0);
	assert_int_equal(unreclaimable_pages(m), slab0);
	ph_assert_valid(m);
	free(obj);
	mmsim_destroy(m);
}

/* Freeing everything and shrinking gives back exactly what was taken. */
static void free_all_then_shrink_restores_memfree_and_buddyinfo(void **state)
{
	struct machine *m = ph_boot("mem=1G");
	struct kmem_cache *s = kmem_cache_create(m, "roundtrip", 700, 0, 0, NULL);
	enum { N = 30000 };
	void **obj = calloc(N, sizeof(*obj));
	char *before, *after;
	size_t len;
	unsigned long free0;

	kmem_cache_shrink(m, s);
	drain_all_pages(m);
	free0 = nr_free_pages(m);
	assert_int_equal(mmsim_read(m, "/proc/buddyinfo", &before, &len), 0);
	for (int i = 0; i < N; i++)
		assert_non_null(obj[i] = kmem_cache_alloc(m, s, GFP_KERNEL));
	for (int i = N - 1; i >= 0; i -= 2)
		kmem_cache_free(m, s, obj[i]);
	for (int i = N - 2; i >= 0; i -= 2)
		kmem_cache_free(m, s, obj[i]);
	kmem_cache_shrink(m, s);
	drain_all_pages(m);
	assert_int_equal(mmsim_read(m, "/proc/buddyinfo", &after, &len), 0);
	assert_string_equal(before, after);
	assert_int_equal(nr_free_pages(m), free0);
	ph_assert_valid(m);
	free(before);
	free(after);
	free(obj);
	mmsim_destroy(m);
}

static void compatible_caches_merge_unless_slab_nomerge(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *a = kmem_cache_create(m, "merge_a", 64, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create(m, "merge_b", 60, 0, 0, NULL);
	struct kmem_cache_alias *alias;

	assert_ptr_equal(a, b);				/* 60 -> 64-byte slots */
	assert_int_equal(a->refcount, 2);
	alias = list_first_entry(&a->aliases, struct kmem_cache_alias, list);
	assert_string_equal(alias->name, "merge_b");
	assert_ptr_equal(kmem_cache_find(m, "merge_b"), a);
	/* no merge: a word or more wasted, a ctor, other SLAB_MERGE_SAME flags, NO_MERGE */
	assert_ptr_not_equal(kmem_cache_create(m, "merge_c", 48, 0, 0, NULL), a);
	assert_ptr_not_equal(kmem_cache_create(m, "merge_d", 64, 0, SLAB_ACCOUNT, NULL), a);
	assert_ptr_not_equal(kmem_cache_create(m, "merge_e", 64, 0, SLAB_NO_MERGE, NULL), a);
	/* kmalloc caches never take others (usercopy regions) */
	assert_ptr_not_equal(kmem_cache_create(m, "merge_f", 96, 32, 0, NULL),
			     kmem_cache_find(m, "kmalloc-96"));
	kmem_cache_destroy(m, b);
	assert_int_equal(a->refcount, 1);
	assert_ptr_equal(kmem_cache_find(m, "merge_a"), a);
	kmem_cache_destroy(m, a);
	assert_null(kmem_cache_find(m, "merge_a"));
	ph_assert_valid(m);
	mmsim_destroy(m);

	m = ph_boot("slab_nomerge");
	a = kmem_cache_create(m, "merge_a", 64, 0, 0, NULL);
	assert_ptr_not_equal(kmem_cache_create(m, "merge_b", 60, 0, 0, NULL), a);
	assert_int_equal(a->refcount, 1);
	mmsim_destroy(m);
}

static int ctor_calls;
static void count_ctor(void *obj)
{
	memset(obj, 0x42, 16);
	ctor_calls++;
}

static void objects_are_ram_bytes_with_the_free_pointer_where_linux_keeps_it(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "bytes", 100, 0, 0, NULL);
	struct kmem_cache *t = kmem_cache_create(m, "with_ctor", 100, 0, 0, count_ctor);
	unsigned char *p = kmem_cache_alloc(m, s, GFP_KERNEL), *q;
	unsigned char buf[100];

	assert_int_equal(s->offset, 48);		/* ALIGN_DOWN(100 / 2, 8) */
	assert_int_equal(t->offset, 104);		/* after the object */
	assert_true(p >= m->ram && p < m->ram + (m->max_pfn << PAGE_SHIFT));
	memset(p, 0xa5, 100);
	memcpy(buf, __va(m, kva(m, p) - PAGE_OFFSET), sizeof(buf));	/* via the direct map */
	assert_int_equal(buf[0], 0xa5);
	assert_int_equal(buf[99], 0xa5);
	kmem_cache_free(m, s, p);
	/* the free object holds the hardened pointer, not 0xa5 */
	assert_int_not_equal(*(u64 *)(p + s->offset), 0xa5a5a5a5a5a5a5a5ULL);
	q = kmem_cache_alloc(m, t, GFP_KERNEL);
	assert_int_equal(ctor_calls, (int)oo_objects(t->oo));	/* once per object, at slab creation */
	assert_int_equal(q[0], 0x42);
	kmem_cache_free(m, t, q);
	q = kmem_cache_alloc(m, s, __GFP_ZERO | GFP_KERNEL);
	assert_ptr_equal(q, p);				/* LIFO */
	for (int i = 0; i < 100; i++)
		assert_int_equal(q[i], 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void reclaimable_caches_count_in_sreclaimable(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "rcl", 512, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	unsigned long rcl0 = global_node_page_state(m, NR_SLAB_RECLAIMABLE_B);
	void *p;

	assert_true(s->allocflags & __GFP_RECLAIMABLE);
	assert_true(s->allocflags & __GFP_COMP);
	p = kmem_cache_alloc(m, s, GFP_KERNEL);
	assert_int_equal(global_node_page_state(m, NR_SLAB_RECLAIMABLE_B), rcl0 + 2);
	assert_int_equal(get_pageblock_migratetype(m, __pa(m, p) >> PAGE_SHIFT),
			 MIGRATE_RECLAIMABLE);
	assert_true(PageSlab(virt_to_page(m, p)));	/* order-1 head (first object) */
	kmem_cache_free(m, s, p);
	kmem_cache_shrink(m, s);
	assert_int_equal(global_node_page_state(m, NR_SLAB_RECLAIMABLE_B), rcl0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void destroy_with_objects_left_reports_and_keeps_the_slabs(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "leaky", 128, 0, 0, NULL);
	unsigned long slab0;
	void *p = kmem_cache_alloc(m, s, GFP_KERNEL);

	kmem_cache_free(m, s, kmem_cache_alloc(m, s, GFP_KERNEL));
	slab0 = unreclaimable_pages(m);
	kmem_cache_destroy(m, s);
	assert_true(ph_log_has(m, "BUG leaky (Not tainted): Objects remaining on __kmem_cache_shutdown()\n"));
	assert_true(ph_log_has(m, "kmem_cache_destroy leaky: Slab cache still has objects when called from"));
	assert_null(kmem_cache_find(m, "leaky"));
	assert_int_equal(unreclaimable_pages(m), slab0);	/* the slab stays */
	ph_assert_valid(m);
	(void)p;
	mmsim_destroy(m);
}

static void bad_frees_are_reported_and_change_nothing(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *a = kmem_cache_create(m, "bad_a", 64, 0, SLAB_NO_MERGE, NULL);
	struct kmem_cache *b = kmem_cache_create(m, "bad_b", 64, 0, SLAB_NO_MERGE, NULL);
	unsigned char *p = kmem_cache_alloc(m, a, GFP_KERNEL);
	unsigned char *q = kmem_cache_alloc(m, a, GFP_KERNEL);
	unsigned long pfn;
	char err[64];

	assert_int_equal(kmem_cache_free_checked(m, a, p + 8), -EINVAL);
	assert_true(ph_log_has(m, "Invalid object pointer 0x"));
	assert_int_equal(kmem_cache_free_checked(m, b, p), -EINVAL);
	assert_true(ph_log_has(m, "kmem_cache_free: Wrong slab cache. bad_b but object is from bad_a"));
	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", -1, 1, &pfn, err, sizeof(err)), 0);
	assert_int_equal(kmem_cache_free_checked(m, a, m->ram + (pfn << PAGE_SHIFT)), -EINVAL);
	assert_true(ph_log_has(m, "virt_to_cache: Object is not a Slab page!"));
	assert_int_equal(kmem_cache_free_checked(m, a, err), -EINVAL);
	ph_assert_valid(m);
	/* the kernel's own free: only the naive check of SLAB_FREELIST_HARDENED */
	assert_int_equal(kmem_cache_free_caller(m, a, q, __func__), 0);
	assert_int_equal(kmem_cache_free_caller(m, a, q, __func__), -EINVAL);
	assert_true(ph_log_has(m, "is already free (naive double free detection"));
	ph_assert_valid(m);
	assert_int_equal(kmem_cache_free_checked(m, a, p), 0);
	assert_int_equal(kmem_cache_free_checked(m, a, NULL), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void kmem_cache_create_rejects_bad_input_with_linux_message(void **state)
{
	struct machine *m = ph_boot("");

	assert_null(kmem_cache_create(m, "zero", 0, 0, 0, NULL));
	assert_true(ph_log_has(m, "kmem_cache_create(zero) integrity check failed"));
	assert_null(kmem_cache_create(m, NULL, 64, 0, 0, NULL));
	assert_null(kmem_cache_create(m, "has space", 64, 0, 0, NULL));
	assert_null(kmem_cache_create(m, "huge", KMALLOC_MAX_SIZE + 1, 0, 0, NULL));
	assert_null(kmem_cache_create(m, "flags", 64, 0, 1U << 30, NULL));
	assert_true(ph_log_has(m, "__kmem_cache_create_args(flags) failed with error -22"));
	assert_null(kmem_cache_create(m, "kmalloc-64", 64, 0, 0, NULL));
	assert_true(ph_log_has(m, "__kmem_cache_create_args(kmalloc-64) failed with error -17"));
	kmem_cache_destroy(m, kmem_cache_find(m, "kmalloc-64"));
	assert_true(ph_log_has(m, "kmem_cache_destroy kmalloc-64: a boot cache cannot be destroyed"));
	assert_non_null(kmem_cache_find(m, "kmalloc-64"));
	kfree(m, kmalloc(m, 64, GFP_KERNEL));
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* /proc/slabinfo's numbers: free objects count only on node partial slabs. */
static void slabinfo_counts_cpu_objects_as_active(void **state)
{
	struct machine *m = ph_boot("");
	struct kmem_cache *s = kmem_cache_create(m, "info", 64, 0, 0, NULL);
	struct slabinfo si;
	void *p = kmem_cache_alloc(m, s, GFP_KERNEL);

	get_slabinfo(m, s, &si);
	assert_int_equal(si.num_slabs, 1);
	assert_int_equal(si.num_objs, 64);
	assert_int_equal(si.active_objs, 64);	/* the CPU slab's objects are "active" */
	assert_int_equal(si.objects_per_slab, 64);
	assert_int_equal(si.cache_order, 0);
	kmem_cache_free(m, s, p);
	kmem_cache_shrink(m, s);		/* flush: the slab is empty, freed */
	get_slabinfo(m, s, &si);
	assert_int_equal(si.num_slabs, 0);
	assert_int_equal(si.active_objs, 0);
	mmsim_destroy(m);
}

/* Two nodes: kmem_cache_alloc_node places objects on the node asked for. */
static void alloc_node_takes_slabs_from_that_node(void **state)
{
	struct machine *m = ph_boot("mem=2G numa=fake=2");
	struct kmem_cache *s = kmem_cache_create(m, "nodes", 64, 0, 0, NULL);
	void *a = kmem_cache_alloc_node(m, s, GFP_KERNEL, 1);
	void *b = kmem_cache_alloc_node(m, s, GFP_KERNEL, 0);

	assert_int_equal(virt_to_page(m, a)->nid, 1);
	assert_int_equal(virt_to_page(m, b)->nid, 0);
	assert_int_equal(get_node(s, 1)->nr_slabs, 1);
	assert_int_equal(get_node(s, 0)->nr_slabs, 1);
	assert_true(ph_log_has(m, "Nodes=2"));
	ph_assert_valid(m);
	kmem_cache_free(m, s, a);
	kmem_cache_free(m, s, b);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(slab_orders_match_every_cache_of_the_linux_reference),
		cmocka_unit_test(kmalloc_caches_have_the_linux_names_and_geometry),
		cmocka_unit_test(task_struct_sized_cache_packs_seven_per_order_three_slab),
		cmocka_unit_test(boot_parameters_change_orders_and_the_boot_line),
		cmocka_unit_test(slabs_move_cpu_full_cpu_partial_node_partial),
		cmocka_unit_test(checked_double_free_without_debug_is_refused_and_reported),
		cmocka_unit_test(get_partial_node_moves_half_the_cpu_partial_limit_plus_one),
		cmocka_unit_test(deactivated_slab_goes_to_head_of_node_partial_unless_freed_remotely),
		cmocka_unit_test(empty_slabs_beyond_min_partial_go_back_and_shrink_frees_the_rest),
		cmocka_unit_test(free_all_then_shrink_restores_memfree_and_buddyinfo),
		cmocka_unit_test(compatible_caches_merge_unless_slab_nomerge),
		cmocka_unit_test(objects_are_ram_bytes_with_the_free_pointer_where_linux_keeps_it),
		cmocka_unit_test(reclaimable_caches_count_in_sreclaimable),
		cmocka_unit_test(destroy_with_objects_left_reports_and_keeps_the_slabs),
		cmocka_unit_test(bad_frees_are_reported_and_change_nothing),
		cmocka_unit_test(kmem_cache_create_rejects_bad_input_with_linux_message),
		cmocka_unit_test(slabinfo_counts_cpu_objects_as_active),
		cmocka_unit_test(alloc_node_takes_slabs_from_that_node),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
