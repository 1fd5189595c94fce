// SPDX-License-Identifier: GPL-2.0-only
/*
 * The binary page files (fs/proc/task_mmu_pagemap.c, fs/proc/page.c)
 * read through mmsim_pread: /proc/PID/pagemap's entry per virtual page
 * (present, PFN, exclusive, file, holes 0; the zero page present and
 * shared, as the 6.18 host shows it; a page shared by fork not exclusive
 * and counted twice until CoW), its alignment rules (EINVAL) and
 * ends (TASK_SIZE, a zombie), /proc/kpageflags' bits for buddy, slab,
 * page-table, zero, reserved and mapped pages and /proc/kpagecount.
 *
 *   BASE          +4K          +8K          +12K
 *   | read: zero  | write: new | untouched  |
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/mm_fault.h"
#include "linux/mm_struct.h"
#include "linux/mman.h"
#include "linux/page-flags.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

#define BASE		0x100000000000UL
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

#define PM_PFN_MASK	((1ULL << 55) - 1)
#define PM_EXCLUSIVE	(1ULL << 56)
#define PM_FILE		(1ULL << 61)
#define PM_SWAP		(1ULL << 62)
#define PM_PRESENT	(1ULL << 63)

#define KPF(n)		(1ULL << (n))
#define KPF_SLAB	KPF(7)
#define KPF_BUDDY	KPF(10)
#define KPF_MMAP	KPF(11)
#define KPF_ANON	KPF(12)
#define KPF_HEAD	KPF(15)
#define KPF_TAIL	KPF(16)
#define KPF_NOPAGE	KPF(20)
#define KPF_ZERO	KPF(24)
#define KPF_PGTABLE	KPF(26)
#define KPF_RESERVED	KPF(32)

/* a: mmap 3 pages at BASE, read the first, write the second. */
static struct machine *boot_three_pages(const char *cmdline)
{
	struct machine *m = ph_boot(cmdline);
	struct mmsim_access_result r;
	uint64_t out;

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "a", BASE, 3 * 4096, RW, ANON_FIXED, &out), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE, 4096, 0, &r), 0);
	assert_int_equal(mmsim_process_access(m, "a", BASE + 4096, 4096, 1, &r), 0);
	return m;
}

/* One 8-byte entry of a binary file; fails the test if it is not there. */
static uint64_t entry(struct machine *m, const char *path, uint64_t index)
{
	uint64_t v = 0;

	assert_int_equal(mmsim_pread(m, path, &v, 8, index * 8), 8);
	return v;
}

static uint64_t pme(struct machine *m, unsigned long addr)
{
	return entry(m, "/proc/a/pagemap", addr / 4096);
}

static void pagemap_shows_zero_page_written_page_and_holes(void **state)
{
	struct machine *m = boot_three_pages("mem=512M nr_cpus=2");
	uint64_t zero = pme(m, BASE), written = pme(m, BASE + 4096);
	struct page *page;

	/* the zero page: present with its pfn, no normal page: not exclusive, not file */
	assert_int_equal(zero, PM_PRESENT | my_zero_pfn(m));
	/* the written page: present, mapped once */
	assert_true(written & PM_PRESENT);
	assert_true(written & PM_EXCLUSIVE);
	assert_false(written & PM_SWAP);
	page = pfn_to_page(m, written & PM_PFN_MASK);
	assert_int_equal(page->_mapcount, 0);
	assert_true(PageAnon(page));
	assert_false(written & PM_FILE);		/* folio_test_anon */
	/* untouched page of the VMA, and an address with no VMA: holes */
	assert_int_equal(pme(m, BASE + 8192), 0);
	assert_int_equal(pme(m, BASE + 12288), 0);
	assert_int_equal(pme(m, 0x1000), 0);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void pagemap_reads_are_8_byte_aligned_and_end_at_task_size(void **state)
{
	struct machine *m = boot_three_pages("mem=512M nr_cpus=2");
	uint64_t buf[4];
	uint64_t last = (TASK_SIZE >> 12) - 1;		/* 0x7fffffffe: the last entry */

	assert_int_equal(mmsim_pread(m, "/proc/a/pagemap", buf, 8, 4), -EINVAL);
	assert_int_equal(mmsim_pread(m, "/proc/a/pagemap", buf, 12, 0), -EINVAL);
	assert_int_equal(mmsim_pread(m, "/proc/a/pagemap", buf, 0, 0), 0);
	assert_int_equal(mmsim_pread(m, "/proc/a/pagemap", buf, 32, last * 8), 8);
	assert_int_equal(mmsim_pread(m, "/proc/a/pagemap", buf, 8, (last + 1) * 8), 0);
	/* four entries at once: zero page, written page, two holes */
	assert_int_equal(mmsim_pread(m, "/proc/a/pagemap", buf, 32, BASE / 4096 * 8), 32);
	assert_int_equal(buf[0], pme(m, BASE));
	assert_int_equal(buf[1], pme(m, BASE + 4096));
	assert_int_equal(buf[2] | buf[3], 0);
	/* a binary file is no text: mmsim_read refuses it, cat must not print it */
	{
		char *text = NULL;
		size_t len;

		assert_int_equal(mmsim_read(m, "/proc/a/pagemap", &text, &len), -EINVAL);
		assert_int_equal(mmsim_file_is_binary(m, "/proc/a/pagemap"), 1);
		assert_int_equal(mmsim_file_is_binary(m, "/proc/a/maps"), 0);
	}
	mmsim_destroy(m);
}

/* Fork shares the written page: not exclusive, counted twice; CoW undoes it. */
static void fork_makes_pages_shared_in_pagemap_and_kpagecount(void **state)
{
	struct machine *m = boot_three_pages("mem=512M nr_cpus=2");
	uint64_t before = pme(m, BASE + 4096), child, after;
	unsigned long pfn = before & PM_PFN_MASK;
	struct mmsim_access_result r;
	int pid;

	assert_int_equal(mmsim_process_clone(m, "a", "b", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(pme(m, BASE + 4096), PM_PRESENT | pfn);	/* mapcount 2 */
	child = entry(m, "/proc/b/pagemap", (BASE + 4096) / 4096);
	assert_int_equal(child, PM_PRESENT | pfn);
	assert_int_equal(entry(m, "/proc/kpagecount", pfn), 2);
	assert_true(entry(m, "/proc/kpageflags", pfn) & KPF_ANON);
	/* b writes: its copy is a new frame, exclusive; a's page is a's alone again */
	assert_int_equal(mmsim_process_access(m, "b", BASE + 4096, 4096, 1, &r), 0);
	child = entry(m, "/proc/b/pagemap", (BASE + 4096) / 4096);
	after = pme(m, BASE + 4096);
	assert_int_not_equal(child & PM_PFN_MASK, pfn);
	assert_int_equal(child & ~PM_PFN_MASK, PM_PRESENT | PM_EXCLUSIVE);
	assert_int_equal(after, PM_PRESENT | PM_EXCLUSIVE | pfn);
	assert_int_equal(entry(m, "/proc/kpagecount", pfn), 1);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

static void a_zombie_s_pagemap_reads_nothing(void **state)
{
	struct machine *m = boot_three_pages("mem=512M nr_cpus=2");
	uint64_t v;
	int pid;

	assert_int_equal(mmsim_process_clone(m, "a", "b", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_exit(m, "b"), 0);
	/* no mm: 0 bytes before even looking at the alignment, as pagemap_read */
	assert_int_equal(mmsim_pread(m, "/proc/b/pagemap", &v, 8, 0), 0);
	assert_int_equal(mmsim_pread(m, "/proc/b/pagemap", &v, 4, 2), 0);
	mmsim_destroy(m);
}

static void kpageflags_marks_zero_reserved_pgtable_and_mapped_pages(void **state)
{
	struct machine *m = boot_three_pages("mem=512M nr_cpus=2");
	struct task_struct *a = find_process(m, "a");
	unsigned long pgd_pfn = (unsigned long)((unsigned char *)a->mm->pgd - m->ram) >> 12;
	uint64_t written = pme(m, BASE + 4096) & PM_PFN_MASK;
	uint64_t f = entry(m, "/proc/kpageflags", written);

	/* the zero page lies in the kernel image: reserved, never rmapped */
	assert_int_equal(entry(m, "/proc/kpageflags", my_zero_pfn(m)), KPF_ZERO | KPF_RESERVED);
	assert_int_equal(entry(m, "/proc/kpagecount", my_zero_pfn(m)), 0);
	/* pfn 0: the first MiB is reserved */
	assert_int_equal(entry(m, "/proc/kpageflags", 0), KPF_RESERVED);
	/* the process's PGD */
	assert_int_equal(entry(m, "/proc/kpageflags", pgd_pfn), KPF_PGTABLE);
	assert_int_equal(entry(m, "/proc/kpagecount", pgd_pfn), 0);
	/* the written page: mapped once, anonymous */
	assert_true(f & KPF_MMAP);
	assert_true(f & KPF_ANON);
	assert_int_equal(f & (KPF_BUDDY | KPF_SLAB | KPF_PGTABLE | KPF_ZERO | KPF_RESERVED), 0);
	assert_int_equal(entry(m, "/proc/kpagecount", written), 1);
	mmsim_destroy(m);
}

/* The first pfn whose page satisfies @pred, or 0. */
static unsigned long find_pfn(struct machine *m, bool (*pred)(const struct page *))
{
	for (unsigned long pfn = 1; pfn < m->max_pfn; pfn++)
		if (pred(pfn_to_page(m, pfn)))
			return pfn;
	return 0;
}

static bool is_buddy_block(const struct page *p)
{
	return PageBuddy(p) && p->private >= 2;
}

static bool is_slab_head_order_1(const struct page *p)
{
	return p->page_type == PGTY_slab && p->alloc_order >= 1;
}

static void kpageflags_marks_buddy_blocks_and_slab_tails(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	unsigned long buddy = find_pfn(m, is_buddy_block), slab = find_pfn(m, is_slab_head_order_1);

	assert_true(buddy && slab);
	/* every page of a free block: the head by PageBuddy, tails by is_free_buddy_page */
	assert_int_equal(entry(m, "/proc/kpageflags", buddy), KPF_BUDDY);
	assert_int_equal(entry(m, "/proc/kpageflags", buddy + 3), KPF_BUDDY);
	assert_int_equal(entry(m, "/proc/kpagecount", buddy), 0);
	/* a slab of order >= 1: compound head and tail, both slab */
	assert_int_equal(entry(m, "/proc/kpageflags", slab) & (KPF_SLAB | KPF_HEAD | KPF_TAIL),
			 KPF_SLAB | KPF_HEAD);
	assert_int_equal(entry(m, "/proc/kpageflags", slab + 1) & (KPF_SLAB | KPF_HEAD | KPF_TAIL),
			 KPF_SLAB | KPF_TAIL);
	assert_int_equal(entry(m, "/proc/kpagecount", slab), 0);
	mmsim_destroy(m);
}

/* Pages with KPF_BUDDY, and vmstat's nr_free_pages: the same free pages. */
static void buddy_pages_are_the_free_pages(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	enum { BATCH = 4096 };
	uint64_t *buf = malloc(BATCH * 8);
	unsigned long buddy = 0, pos = 0;
	char *vmstat = ph_read(m, "/proc/vmstat");
	long long nr_free = ph_kv(vmstat, "nr_free_pages");
	int64_t n;

	while ((n = mmsim_pread(m, "/proc/kpageflags", buf, BATCH * 8, pos * 8)) > 0) {
		for (int64_t i = 0; i < n / 8; i++)
			buddy += !!(buf[i] & KPF_BUDDY);
		pos += (unsigned long)n / 8;
	}
	assert_int_equal(n, 0);
	assert_int_equal(pos, (m->max_pfn + 32767) / 32768 * 32768);	/* a section multiple */
	assert_int_equal(buddy, nr_free);
	free(vmstat);
	free(buf);
	mmsim_destroy(m);
}

static void kpage_files_cover_the_last_section(void **state)
{
	struct machine *m = ph_boot("mem=100M nr_cpus=2");	/* max_pfn 0x6400 */
	unsigned long end = 0x8000;			/* rounded up to 128M */
	uint64_t buf[2];

	assert_true(m->max_pfn < end);
	/* the memmap past RAM to the section's end: reserved, no mapcount */
	assert_int_equal(entry(m, "/proc/kpageflags", end - 1), KPF_RESERVED);
	assert_int_equal(entry(m, "/proc/kpagecount", end - 1), 0);
	assert_int_equal(mmsim_pread(m, "/proc/kpageflags", buf, 16, (end - 1) * 8), 8);
	assert_int_equal(mmsim_pread(m, "/proc/kpageflags", buf, 8, end * 8), 0);
	assert_int_equal(mmsim_pread(m, "/proc/kpagecount", buf, 8, end * 8), 0);
	assert_int_equal(mmsim_pread(m, "/proc/kpageflags", buf, 8, 9), -EINVAL);
	assert_int_equal(mmsim_pread(m, "/proc/kpagecount", buf, 7, 8), -EINVAL);
	assert_true(!(entry(m, "/proc/kpageflags", 0x100) & KPF_NOPAGE));
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pagemap_shows_zero_page_written_page_and_holes),
		cmocka_unit_test(pagemap_reads_are_8_byte_aligned_and_end_at_task_size),
		cmocka_unit_test(fork_makes_pages_shared_in_pagemap_and_kpagecount),
		cmocka_unit_test(a_zombie_s_pagemap_reads_nothing),
		cmocka_unit_test(kpageflags_marks_zero_reserved_pgtable_and_mapped_pages),
		cmocka_unit_test(kpageflags_marks_buddy_blocks_and_slab_tails),
		cmocka_unit_test(buddy_pages_are_the_free_pages),
		cmocka_unit_test(kpage_files_cover_the_last_section),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
