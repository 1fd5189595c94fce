// SPDX-License-Identifier: GPL-2.0-only
/*
 * The access path (kernel/access.c, kernel/access_verify.c): accesses go
 * through the TLB (a second pass over a range that fits is all hits);
 * data= puts real bytes in m->ram; a store without data keeps the bytes;
 * verify catches a corrupted byte (written or never-written page) and
 * names it in dmesg; the shadow follows munmap, MAP_FIXED, brk, exit,
 * mremap, fork and madvise.
 *
 *   BASE (512G-aligned, its own PGD slot)
 *   |  page 0  |  page 1  |  page 2  |  page 3  | ...
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/mmsim_access.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

#define BASE		0x100000000000UL
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

static struct machine *boot_and_map(const char *name, uint64_t len)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	uint64_t out;

	assert_int_equal(mmsim_spawn(m, name, NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, name, BASE, len, RW, ANON_FIXED, &out), 0);
	return m;
}

/* The bytes of @name's page at @addr in m->ram (it must be mapped). */
static unsigned char *page_bytes(struct machine *m, const char *name, unsigned long addr)
{
	pte_t *pte = mm_find_pte(m, find_process(m, name)->mm, addr);

	assert_non_null(pte);
	assert_true(pte_present(*pte));
	return m->ram + (pte_pfn(*pte) << PAGE_SHIFT);
}

static int write_data(struct machine *m, const char *name, unsigned long addr, uint64_t len,
		      int data, uint64_t seed)
{
	struct mmsim_access_spec spec = { .data = data, .has_seed = 1, .seed = seed };
	struct mmsim_access_result r;

	return mmsim_process_access_pattern(m, name, addr, len, 1, &spec, &r);
}

static int read_all(struct machine *m, const char *name, unsigned long addr, uint64_t len,
		    struct mmsim_access_result *r)
{
	return mmsim_process_access_pattern(m, name, addr, len, 0, NULL, r);
}

static void data_kinds_put_their_bytes_in_ram(void **state)
{
	struct machine *m = boot_and_map("a", 64 << 10);
	unsigned char *p;
	uint64_t rec[2];

	(void)state;
	assert_int_equal(write_data(m, "a", BASE, 4096, MMSIM_FILL_ZERO, 0), 0);
	assert_int_equal(write_data(m, "a", BASE + 0x1000, 4096, MMSIM_FILL_RANDOM, 3), 0);
	assert_int_equal(write_data(m, "a", BASE + 0x2000, 4096, MMSIM_FILL_RANDOM, 3), 0);
	assert_int_equal(write_data(m, "a", BASE + 0x3000, 4096, MMSIM_FILL_TEXT, 5), 0);
	assert_int_equal(write_data(m, "a", BASE + 0x4000, 8192, MMSIM_FILL_PATTERN, 0), 0);
	for (int i = 0; i < 4096; i++)
		assert_int_equal(page_bytes(m, "a", BASE)[i], 0);
	/* random: other addresses, other bytes; none of the 512 words zero */
	assert_memory_not_equal(page_bytes(m, "a", BASE + 0x1000), page_bytes(m, "a", BASE + 0x2000),
				4096);
	p = page_bytes(m, "a", BASE + 0x1000);
	for (int i = 0; i < 4096; i += 8)
		assert_true(*(uint64_t *)(p + i) != 0);
	/* text: printable words of the disk's data=text paragraph */
	p = page_bytes(m, "a", BASE + 0x3000);
	assert_non_null(memmem(p, 4096, "The quick brown fox", 19));
	for (int i = 0; i < 4096; i++)
		assert_true(p[i] == '\n' || (p[i] >= ' ' && p[i] < 127));
	/* pattern: {address, generation} records, one generation per write */
	for (int pg = 0; pg < 2; pg++) {
		p = page_bytes(m, "a", BASE + 0x4000 + pg * 0x1000UL);
		for (int i = 0; i < 4096; i += 16) {
			memcpy(rec, p + i, 16);
			assert_int_equal(rec[0], BASE + 0x4000 + pg * 0x1000UL);
			assert_int_equal(rec[1], 5);	/* the fifth data write */
		}
	}
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void random_data_is_the_same_for_the_same_seed_and_address(void **state)
{
	struct machine *m = boot_and_map("a", 8192);
	uint64_t out;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "b", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "b", BASE, 8192, RW, ANON_FIXED, &out), 0);
	assert_int_equal(write_data(m, "a", BASE, 8192, MMSIM_FILL_RANDOM, 11), 0);
	assert_int_equal(write_data(m, "b", BASE, 4096, MMSIM_FILL_RANDOM, 11), 0);
	assert_int_equal(write_data(m, "b", BASE + 4096, 4096, MMSIM_FILL_RANDOM, 12), 0);
	assert_memory_equal(page_bytes(m, "a", BASE), page_bytes(m, "b", BASE), 4096);
	assert_memory_not_equal(page_bytes(m, "a", BASE + 4096), page_bytes(m, "b", BASE + 4096),
				4096);
	mmsim_destroy(m);
}

static void a_store_without_data_keeps_the_bytes(void **state)
{
	struct machine *m = boot_and_map("a", 8192);
	unsigned char before[4096];
	struct mmsim_access_result r;

	(void)state;
	assert_int_equal(write_data(m, "a", BASE, 8192, MMSIM_FILL_PATTERN, 0), 0);
	memcpy(before, page_bytes(m, "a", BASE), 4096);
	assert_int_equal(mmsim_process_access(m, "a", BASE, 8192, 1, &r), 0);
	assert_int_equal(r.pages, 2);
	assert_int_equal(r.min_flt, 0);
	assert_memory_equal(before, page_bytes(m, "a", BASE), 4096);
	mmsim_destroy(m);
}

static void verify_catches_a_corrupted_byte_and_names_it(void **state)
{
	struct machine *m = boot_and_map("a", 16384);
	struct mmsim_access_result r;
	unsigned char *p;

	(void)state;
	mmsim_set_verify(m, 1);
	assert_int_equal(write_data(m, "a", BASE, 16384, MMSIM_FILL_RANDOM, 1), 0);
	assert_int_equal(read_all(m, "a", BASE, 16384, &r), 0);
	assert_int_equal(mmsim_verify_errors(m), 0);
	p = page_bytes(m, "a", BASE + 0x1000);
	p[100] ^= 0x5a;					/* a bit flip in RAM */
	assert_int_equal(read_all(m, "a", BASE, 16384, &r), -EBADMSG);
	assert_int_equal(r.verify_errors, 1);
	assert_int_equal(r.fault_addr, BASE + 0x1000);
	assert_int_equal(r.pages, 4);			/* the read went on */
	assert_int_equal(mmsim_verify_errors(m), 1);
	assert_true(ph_log_has(m, "mmsim verify: a["));
	assert_true(ph_log_has(m, "page 0x100000001000 byte 100: expected"));
	assert_true(ph_log_has(m, "(data=random)"));
	p[100] ^= 0x5a;
	assert_int_equal(read_all(m, "a", BASE, 16384, &r), 0);
	mmsim_set_verify(m, 0);
	p[5] ^= 1;					/* verify off: not looked at */
	assert_int_equal(read_all(m, "a", BASE, 16384, &r), 0);
	assert_int_equal(mmsim_verify_errors(m), 1);
	mmsim_destroy(m);
}

static void verify_expects_zeros_where_nothing_was_written(void **state)
{
	struct machine *m = boot_and_map("a", 8192);
	struct mmsim_access_result r;

	(void)state;
	mmsim_set_verify(m, 1);
	assert_int_equal(mmsim_process_access(m, "a", BASE, 8192, 1, &r), 0);	/* no data */
	assert_int_equal(read_all(m, "a", BASE, 8192, &r), 0);
	page_bytes(m, "a", BASE + 4096)[4095] = 0xee;
	assert_int_equal(read_all(m, "a", BASE, 8192, &r), -EBADMSG);
	assert_int_equal(r.fault_addr, BASE + 4096);
	assert_true(ph_log_has(m, "byte 4095: expected 0x00, found 0xee (never written: zeros)"));
	mmsim_destroy(m);
}

static void boot_option_turns_verify_on(void **state)
{
	struct machine *m = ph_boot("mem=1G mmsim.verify=1");
	struct machine *n = ph_boot("mem=1G");

	(void)state;
	assert_int_equal(mmsim_get_verify(m), 1);
	assert_int_equal(mmsim_get_verify(n), 0);
	mmsim_destroy(m);
	mmsim_destroy(n);
}

static void munmap_fixed_map_brk_and_exit_drop_the_shadow(void **state)
{
	struct machine *m = boot_and_map("a", 16384);
	struct mmsim_access_result r;
	uint64_t out, brk0, cur;

	(void)state;
	mmsim_set_verify(m, 1);
	assert_int_equal(write_data(m, "a", BASE, 16384, MMSIM_FILL_PATTERN, 0), 0);
	assert_int_equal(mmsim_verify_pages(m), 4);
	assert_int_equal(mmsim_process_munmap(m, "a", BASE, 4096), 0);
	assert_int_equal(mmsim_verify_pages(m), 3);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, 8192, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_verify_pages(m), 2);	/* MAP_FIXED replaced page 1 too */
	assert_int_equal(read_all(m, "a", BASE, 16384, &r), 0);	/* zeros, then data */
	assert_int_equal(mmsim_process_brk_range(m, "a", &brk0, &cur), 0);
	assert_int_equal(mmsim_process_brk(m, "a", cur + 8192, &out), 0);
	assert_int_equal(write_data(m, "a", cur, 8192, MMSIM_FILL_TEXT, 2), 0);
	assert_int_equal(mmsim_verify_pages(m), 4);
	assert_int_equal(mmsim_process_brk(m, "a", cur + 4096, &out), 0);
	assert_int_equal(mmsim_verify_pages(m), 3);	/* the page brk gave back */
	assert_int_equal(mmsim_process_exit(m, "a"), 0);
	assert_int_equal(mmsim_verify_pages(m), 0);
	assert_int_equal(mmsim_verify_errors(m), 0);
	mmsim_destroy(m);
}

static void fork_copies_the_shadow_and_cow_keeps_both_sides(void **state)
{
	struct machine *m = boot_and_map("a", 16384);
	struct mmsim_access_result r;
	int pid;

	(void)state;
	mmsim_set_verify(m, 1);
	assert_int_equal(write_data(m, "a", BASE, 16384, MMSIM_FILL_RANDOM, 21), 0);
	assert_int_equal(mmsim_process_clone(m, "a", "b", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_verify_pages(m), 8);		/* a's 4 and b's copy */
	assert_int_equal(read_all(m, "b", BASE, 16384, &r), 0);	/* shared, same bytes */
	assert_int_equal(r.min_flt, 0);
	/* the child overwrites page 1 (CoW copy), the parent page 2 */
	assert_int_equal(write_data(m, "b", BASE + 0x1000, 4096, MMSIM_FILL_PATTERN, 0), 0);
	assert_int_equal(write_data(m, "a", BASE + 0x2000, 4096, MMSIM_FILL_TEXT, 1), 0);
	assert_int_equal(read_all(m, "a", BASE, 16384, &r), 0);
	assert_int_equal(read_all(m, "b", BASE, 16384, &r), 0);
	assert_memory_not_equal(page_bytes(m, "a", BASE + 0x1000), page_bytes(m, "b", BASE + 0x1000),
				4096);
	/* a flipped byte in the still-shared page 0 shows in both */
	page_bytes(m, "a", BASE)[9] ^= 0x80;
	assert_int_equal(read_all(m, "a", BASE, 4096, &r), -EBADMSG);
	assert_int_equal(read_all(m, "b", BASE, 4096, &r), -EBADMSG);
	assert_int_equal(mmsim_verify_errors(m), 2);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void mremap_moves_the_shadow_with_the_pages(void **state)
{
	struct machine *m = boot_and_map("a", 16384);
	struct mmsim_access_result r;
	uint64_t out, blocker;

	(void)state;
	mmsim_set_verify(m, 1);
	/* a mapping right after the range forces the grow to move */
	assert_int_equal(mmsim_process_mmap(m, "a", BASE + 16384, 4096, RW, ANON_FIXED, &blocker), 0);
	assert_int_equal(write_data(m, "a", BASE, 16384, MMSIM_FILL_PATTERN, 0), 0);
	assert_int_equal(mmsim_process_mremap(m, "a", BASE, 16384, 32768, 1 /* MAYMOVE */, 0, &out),
			 0);
	assert_true(out != BASE);
	assert_int_equal(read_all(m, "a", out, 32768, &r), 0);	/* data, then zeros */
	assert_int_equal(r.min_flt, 4);				/* only the new half */
	assert_int_equal(mmsim_verify_pages(m), 4);
	/* the pattern still names the address it was written at */
	assert_int_equal(*(uint64_t *)page_bytes(m, "a", out + 0x1000), BASE + 0x1000);
	/* shrinking in place drops the tail */
	assert_int_equal(mmsim_process_mremap(m, "a", out, 32768, 8192, 0, 0, &out), 0);
	assert_int_equal(mmsim_verify_pages(m), 2);
	assert_int_equal(mmsim_verify_errors(m), 0);
	mmsim_destroy(m);
}

static void madvise_dontneed_drops_the_shadow(void **state)
{
	struct machine *m = boot_and_map("a", 16384);
	struct mmsim_access_result r;

	(void)state;
	mmsim_set_verify(m, 1);
	assert_int_equal(write_data(m, "a", BASE, 16384, MMSIM_FILL_RANDOM, 8), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, 8192, MADV_DONTNEED), 0);
	assert_int_equal(mmsim_verify_pages(m), 2);
	assert_int_equal(read_all(m, "a", BASE, 16384, &r), 0);	/* zeros, then data */
	assert_int_equal(r.min_flt, 2);
	mmsim_destroy(m);
}

static void madvise_free_accepts_old_data_or_zeros(void **state)
{
	struct machine *m = boot_and_map("a", 8192);
	struct mmsim_access_result r;

	(void)state;
	mmsim_set_verify(m, 1);
	assert_int_equal(write_data(m, "a", BASE, 8192, MMSIM_FILL_RANDOM, 4), 0);
	assert_int_equal(mmsim_process_madvise(m, "a", BASE, 8192, MADV_FREE), 0);
	assert_int_equal(read_all(m, "a", BASE, 8192, &r), 0);		/* old data */
	memset(page_bytes(m, "a", BASE), 0, 4096);			/* as if reclaimed */
	assert_int_equal(read_all(m, "a", BASE, 8192, &r), 0);		/* zeros */
	page_bytes(m, "a", BASE + 4096)[7] ^= 1;			/* neither */
	assert_int_equal(read_all(m, "a", BASE, 8192, &r), -EBADMSG);
	assert_int_equal(r.verify_errors, 1);
	mmsim_destroy(m);
}

static void second_pass_over_a_small_range_is_all_tlb_hits(void **state)
{
	struct machine *m = boot_and_map("a", 16 * 4096);
	struct mmsim_access_spec twice = { .repeat = 2 };
	struct mmsim_access_result r;
	struct tlb_stats *st;

	(void)state;
	/* pass 1: miss, fault, miss again and fill; pass 2: hits (written, so dirty) */
	assert_int_equal(mmsim_process_access_pattern(m, "a", BASE, 16 * 4096, 1, &twice, &r), 0);
	assert_int_equal(r.accesses, 32);
	assert_int_equal(r.pages, 16);
	assert_int_equal(r.min_flt, 16);
	assert_int_equal(r.tlb_misses, 32);
	assert_int_equal(r.tlb_hits, 16);
	/* a read pass now: all hits; the CPU's counters say the same */
	st = &tlb_cpu(m, m->current_cpu)->st;
	assert_int_equal(st->l1_hits + st->l2_hits, 16);
	assert_int_equal(read_all(m, "a", BASE, 16 * 4096, &r), 0);
	assert_int_equal(r.tlb_hits, 16);
	assert_int_equal(r.tlb_misses, 0);
	assert_int_equal(st->l1_hits + st->l2_hits, 32);
	mmsim_destroy(m);
}

static void rand_counts_distinct_pages_and_accesses(void **state)
{
	struct machine *m = boot_and_map("a", 64 * 4096);
	struct mmsim_access_spec spec = { .pattern = MMSIM_ACCESS_RAND, .count = 10,
					  .has_seed = 1, .seed = 7 };
	struct mmsim_access_result r;
	struct access_iter it;
	unsigned long addrs[16];
	bool seen[64] = { false };
	uint64_t distinct = 0;

	(void)state;
	assert_int_equal(access_iter_init(&it, &spec, BASE, BASE + 64 * 4096, 7), 0);
	assert_int_equal(access_iter_next(&it, addrs, 16), 10);
	for (int i = 0; i < 10; i++)
		if (!seen[(addrs[i] - BASE) >> PAGE_SHIFT]) {
			seen[(addrs[i] - BASE) >> PAGE_SHIFT] = true;
			distinct++;
		}
	assert_int_equal(mmsim_process_access_pattern(m, "a", BASE, 64 * 4096, 1, &spec, &r), 0);
	assert_int_equal(r.accesses, 10);
	assert_int_equal(r.pages, distinct);
	assert_int_equal(r.min_flt, distinct);
	mmsim_destroy(m);
}

static void bad_specs_are_einval(void **state)
{
	struct machine *m = boot_and_map("a", 8192);
	struct mmsim_access_spec data_read = { .data = MMSIM_FILL_RANDOM };
	struct mmsim_access_spec bad_data = { .data = 9 };
	struct mmsim_access_spec zero_rand = { .pattern = MMSIM_ACCESS_RAND };
	struct mmsim_access_result r;

	(void)state;
	assert_int_equal(mmsim_process_access_pattern(m, "a", BASE, 8192, 0, &data_read, &r),
			 -EINVAL);
	assert_int_equal(mmsim_process_access_pattern(m, "a", BASE, 8192, 1, &bad_data, &r),
			 -EINVAL);
	assert_int_equal(mmsim_process_access_pattern(m, "a", BASE, 8192, 0, &zero_rand, &r),
			 -EINVAL);
	assert_int_equal(mmsim_process_access_pattern(m, "nobody", BASE, 8192, 0, NULL, &r),
			 -ESRCH);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(data_kinds_put_their_bytes_in_ram),
		cmocka_unit_test(random_data_is_the_same_for_the_same_seed_and_address),
		cmocka_unit_test(a_store_without_data_keeps_the_bytes),
		cmocka_unit_test(verify_catches_a_corrupted_byte_and_names_it),
		cmocka_unit_test(verify_expects_zeros_where_nothing_was_written),
		cmocka_unit_test(boot_option_turns_verify_on),
		cmocka_unit_test(munmap_fixed_map_brk_and_exit_drop_the_shadow),
		cmocka_unit_test(fork_copies_the_shadow_and_cow_keeps_both_sides),
		cmocka_unit_test(mremap_moves_the_shadow_with_the_pages),
		cmocka_unit_test(madvise_dontneed_drops_the_shadow),
		cmocka_unit_test(madvise_free_accepts_old_data_or_zeros),
		cmocka_unit_test(second_pass_over_a_small_range_is_all_tlb_hits),
		cmocka_unit_test(rand_counts_distinct_pages_and_accesses),
		cmocka_unit_test(bad_specs_are_einval),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
