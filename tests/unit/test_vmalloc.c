// SPDX-License-Identifier: GPL-2.0-only
/*
 * mm/vmalloc.c: areas at the lowest free address with a guard page after
 * each; pages mapped in the kernel page tables and reachable through
 * kva_to_host; vfree unmapping at once and purging the range lazily;
 * MemFree and buddyinfo restored exactly once the lazy ranges are purged
 * and the per-CPU lists drained; VmallocUsed; /proc/vmallocinfo in Linux's
 * format (per vmap node, then the unpurged ranges); the failure reports
 * (absurd size, no address space, no pages) with everything given back;
 * vfree of a bad address reported as Linux's WARN; the validator catching
 * a missing mapping and a mapped guard page.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <regex.h>
#include <string.h>
#include "proc_helpers.h"
#include "asm/pgtable.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"

static void assert_valid(struct machine *m)
{
	char err[256];

	if (mmsim_validate(m, err, sizeof(err)))
		fail_msg("validator: %s", err);
}

static long meminfo_kb(struct machine *m, const char *key)
{
	char *text = ph_read(m, "/proc/meminfo");
	long v = (long)ph_kv(text, key);

	free(text);
	return v;
}

/* Purge the lazy ranges and drain the per-CPU lists: a quiet machine. */
static void settle(struct machine *m)
{
	purge_vmap_area_lazy(m);
	drain_all_pages(m);
}

static bool dmesg_has(struct machine *m, const char *needle)
{
	char *log = mmsim_dmesg(m);
	bool found = strstr(log, needle) != NULL;

	free(log);
	return found;
}

/* The line of /proc/vmallocinfo that starts with @addr, malloc'd, or NULL. */
static char *vmallocinfo_line(struct machine *m, unsigned long addr)
{
	char *text = ph_read(m, "/proc/vmallocinfo"), prefix[32], *line = NULL;
	struct ph_lines l = ph_split(text);

	snprintf(prefix, sizeof(prefix), "0x%016lx-", addr);
	for (size_t i = 0; i < l.nr && !line; i++)
		if (strncmp(l.line[i], prefix, strlen(prefix)) == 0)
			line = strdup(l.line[i]);
	ph_free_lines(&l);
	free(text);
	return line;
}

/*
 * Two areas in a row, each with its guard page:
 *
 *   a                 a+4K    b                        b+12K   b+16K
 *   |<- a: 1 page ->| guard |<-- b: 3 pages -------->| guard |
 *
 * The guard pages are not mapped; the next area starts right after them.
 */
static void areas_follow_each_other_with_guard_pages(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long a = vmalloc(m, 4096), b = vmalloc(m, 3 * 4096);
	struct vm_struct *va = find_vm_area(m, a), *vb = find_vm_area(m, b);

	assert_true(is_vmalloc_addr(a) && is_vmalloc_addr(b));
	assert_int_equal(b, a + 2 * PAGE_SIZE);
	assert_int_equal(va->size, 2 * PAGE_SIZE);
	assert_int_equal(vb->size, 4 * PAGE_SIZE);
	assert_int_equal(get_vm_area_size(vb), 3 * PAGE_SIZE);
	assert_int_equal(vb->nr_pages, 3);
	assert_ptr_equal(find_vm_area(m, b + 2 * PAGE_SIZE + 17), vb);
	assert_non_null(vmalloc_to_page(m, a));
	assert_null(vmalloc_to_page(m, a + PAGE_SIZE));		/* a's guard */
	assert_null(kva_to_host(m, b + 3 * PAGE_SIZE, NULL));	/* b's guard */
	for (unsigned int i = 0; i < 3; i++)
		assert_ptr_equal(vmalloc_to_page(m, b + i * PAGE_SIZE), vm_area_page(m, vb, i));
	assert_valid(m);
	mmsim_destroy(m);
}

static void first_area_is_at_the_lowest_free_address(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long lowest = VMALLOC_START;
	struct rb_node *n;

	/* whatever boot took, the first free byte of the vmalloc range */
	for (unsigned int i = 0; i < m->vmap.nr_vmap_nodes; i++)
		for (n = rb_first(&m->vmap.nodes[i].busy); n; n = rb_next(n)) {
			struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

			if (va->va_start == lowest)
				lowest = va->va_end;
		}
	assert_int_equal(vmalloc(m, 100), lowest);
	mmsim_destroy(m);
}

static const unsigned long cycle_sizes[] = { 1, 4096, 5000, 65536, 1 << 20, 3 << 20 };

/* vmalloc every size of cycle_sizes, then vfree them all. */
static void vmalloc_cycle(struct machine *m, bool check)
{
	unsigned long addrs[ARRAY_SIZE(cycle_sizes)];

	for (size_t i = 0; i < ARRAY_SIZE(cycle_sizes); i++) {
		addrs[i] = vmalloc(m, cycle_sizes[i]);
		assert_true(addrs[i] != 0);
	}
	if (check)
		assert_valid(m);
	for (size_t i = 0; i < ARRAY_SIZE(cycle_sizes); i++)
		vfree(m, addrs[i]);
	if (check)
		assert_valid(m);
}

/*
 * The first cycle leaves the PTE tables of the range behind (Linux never
 * frees kernel page tables), the CPU's preloaded spare vmap_area and the
 * slabs the caches keep; from then on a cycle gives back every page: same
 * MemFree, same buddyinfo.
 */
static void vmalloc_vfree_restore_memfree_and_buddyinfo(void **state)
{
	struct machine *m = ph_boot("");
	char *buddy_before, *buddy_after;
	long free_before, tables_before, used = meminfo_kb(m, "VmallocUsed");

	settle(m);
	free_before = meminfo_kb(m, "MemFree");
	tables_before = meminfo_kb(m, "PageTables");
	vmalloc_cycle(m, false);
	settle(m);
	/* the first cycle kept the page tables of its range */
	assert_true(meminfo_kb(m, "PageTables") > tables_before);
	free_before = meminfo_kb(m, "MemFree");
	buddy_before = ph_read(m, "/proc/buddyinfo");
	vmalloc_cycle(m, true);
	settle(m);
	buddy_after = ph_read(m, "/proc/buddyinfo");
	assert_int_equal(meminfo_kb(m, "MemFree"), free_before);
	assert_string_equal(buddy_after, buddy_before);
	assert_int_equal(meminfo_kb(m, "VmallocUsed"), used);
	free(buddy_before);
	free(buddy_after);
	mmsim_destroy(m);
}

static void vmallocused_counts_area_pages_and_page_arrays(void **state)
{
	struct machine *m = ph_boot("");
	long used0 = meminfo_kb(m, "VmallocUsed");
	unsigned long a = vmalloc(m, 10 * 4096), big;
	char *line;

	assert_int_equal(meminfo_kb(m, "VmallocUsed"), used0 + 40);
	/* 600 pages need a 4800-byte page array: vmalloc'd itself (2 pages) */
	big = vmalloc(m, 600 * 4096);
	assert_int_equal(meminfo_kb(m, "VmallocUsed"), used0 + 40 + 2400 + 8);
	line = vmallocinfo_line(m, big);
	assert_non_null(line);
	assert_non_null(strstr(line, " pages=600 vmalloc vpages N0=600"));
	free(line);
	line = vmallocinfo_line(m, find_vm_area(m, big)->pages);
	assert_non_null(line);
	assert_non_null(strstr(line, "   12288 vmallocused_counts_area_pages_and_page_arrays"
				     "+0x0/0x0 pages=2 vmalloc N0=2"));
	free(line);
	assert_valid(m);
	vfree(m, big);
	vfree(m, a);
	assert_int_equal(meminfo_kb(m, "VmallocUsed"), used0);
	assert_valid(m);
	mmsim_destroy(m);
}

/* Lines of the host's /proc/vmallocinfo (Linux 6.18, hashed pointers). */
static const char *const host_vmallocinfo_lines[] = {
	"0x00000000af0ff35a-0x00000000c663be72   20480 kernel_clone+0x94/0x3e0 pages=4 vmalloc N0=4",
	"0x00000000773e368b-0x000000004b700608   20480 fork_idle+0x74/0x120 pages=4 vmalloc N0=4",
	"0x00000000226a179b-0x00000000b815967c 2101248 pcpu_create_chunk+0x217/0x230 pages=512 vmalloc N0=512",
	"0x0000000091027907-0x000000000d3b3f57 2105344 htab_map_alloc+0x2e4/0x5a0 pages=513 vmalloc vpages N0=513",
	"0x0000000006bdac43-0x00000000a6f93ecd   20480 unpurged vm_area",
};

static void vmallocinfo_line_format(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long a = vmalloc(m, 3 * 4096);
	char *line = vmallocinfo_line(m, a), want[256];
	char *text = ph_read(m, "/proc/vmallocinfo");
	struct ph_lines l = ph_split(text);
	regex_t re;

	snprintf(want, sizeof(want),
		 "0x%016lx-0x%016lx   16384 vmallocinfo_line_format+0x0/0x0 pages=3 vmalloc N0=3",
		 a, a + 4 * PAGE_SIZE);
	assert_string_equal(line, want);
	/* every line has the shape of the host's 6.18 lines for vmalloc areas */
	assert_int_equal(regcomp(&re, "^0x[0-9a-f]{16}-0x[0-9a-f]{16} ( {0,6}[0-9]{1,7}|[0-9]{8,}) "
				 "([a-z_0-9.]+\\+0x[0-9a-f]+/0x[0-9a-f]+ pages=[0-9]+ vmalloc( vpages)?"
				 "( N[0-9]+=[0-9]+)+|unpurged vm_area)$", REG_EXTENDED | REG_NOSUB), 0);
	for (size_t i = 0; i < ARRAY_SIZE(host_vmallocinfo_lines); i++)
		assert_int_equal(regexec(&re, host_vmallocinfo_lines[i], 0, NULL, 0), 0);
	for (size_t i = 0; i < l.nr; i++)
		if (regexec(&re, l.line[i], 0, NULL, 0))
			fail_msg("bad vmallocinfo line: '%s'", l.line[i]);
	regfree(&re);
	ph_free_lines(&l);
	free(text);
	free(line);
	mmsim_destroy(m);
}

static void vmallocinfo_is_root_only(void **state)
{
	struct machine *m = ph_boot("");
	char **names = NULL;
	size_t nr = 0;
	bool found = false;

	assert_int_equal(mmsim_readdir(m, "/proc", &names, &nr), 0);
	for (size_t i = 0; i < nr; i++)
		found |= strcmp(names[i], "vmallocinfo") == 0;
	mmsim_free_list(names, nr);
	assert_true(found);
	for (size_t i = 0; i < m->kernfs.nr; i++)
		if (strcmp(m->kernfs.nodes[i].path, "/proc/vmallocinfo") == 0)
			assert_int_equal(m->kernfs.nodes[i].mode, 0400);
	mmsim_destroy(m);
}

/*
 * vfree unmaps at once but the range waits, unpurged, so the next vmalloc
 * goes above it until a purge returns it:
 *
 *   before purge:  |a: unpurged|b: new|      after purge:  |c = a's range|
 */
static void freed_range_is_lazy_until_purged(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long a = vmalloc(m, 4 * 4096), b, c;
	char *line;

	vfree(m, a);
	assert_null(kva_to_host(m, a, NULL));
	line = vmallocinfo_line(m, a);
	assert_non_null(line);
	assert_non_null(strstr(line, "   20480 unpurged vm_area"));
	free(line);
	assert_int_equal(m->vmap.vmap_lazy_nr, 5);
	b = vmalloc(m, 4 * 4096);
	assert_true(b >= a + 5 * PAGE_SIZE);
	vfree(m, b);
	purge_vmap_area_lazy(m);
	assert_null(vmallocinfo_line(m, a));
	assert_int_equal(m->vmap.vmap_lazy_nr, 0);
	c = vmalloc(m, 4 * 4096);
	assert_int_equal(c, a);
	assert_valid(m);
	mmsim_destroy(m);
}

static void purge_runs_itself_past_lazy_max_pages(void **state)
{
	struct machine *m = ph_boot("nr_cpus=2");
	unsigned long purges, a;

	/*
	 * lazy_max_pages = fls(2) * 32 MiB = 16384 pages.  A 60 MiB area is
	 * 15361 pages with its guard, its 120 KiB page array (vmalloc'd) 31.
	 */
	a = vmalloc(m, 60UL << 20);
	purges = m->vmap.nr_purges;
	vfree(m, a);
	assert_int_equal(m->vmap.nr_purges, purges);
	assert_int_equal(m->vmap.vmap_lazy_nr, 15361 + 31);
	/* 8 MiB: 2049 more pages pass the limit and purge; its array follows */
	a = vmalloc(m, 8UL << 20);
	vfree(m, a);
	assert_int_equal(m->vmap.nr_purges, purges + 1);
	assert_int_equal(m->vmap.vmap_lazy_nr, 4 + 1);
	assert_valid(m);
	mmsim_destroy(m);
}

static void kva_to_host_writes_the_right_frame(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long a = vmalloc(m, 3 * 4096);
	struct page *second = vmalloc_to_page(m, a + PAGE_SIZE);
	size_t contig = 0;
	unsigned char *p = kva_to_host(m, a + 5000, &contig);

	assert_non_null(p);
	assert_int_equal(contig, 2 * PAGE_SIZE - 5000);
	memcpy(p, "vmalloc", 8);
	assert_memory_equal(page_address(m, second) + (5000 - PAGE_SIZE), "vmalloc", 8);
	assert_ptr_equal(second, vm_area_page(m, find_vm_area(m, a), 1));
	mmsim_destroy(m);
}

static void vzalloc_zeroes_reused_pages(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long a = vmalloc(m, 4096);
	unsigned char *p = kva_to_host(m, a, NULL), zero[64] = { 0 };

	memset(p, 0xaa, PAGE_SIZE);
	vfree(m, a);
	a = vzalloc(m, 4096);	/* the same frame, from the per-CPU list */
	p = kva_to_host(m, a, NULL);
	assert_memory_equal(p, zero, sizeof(zero));
	assert_memory_equal(p + PAGE_SIZE - sizeof(zero), zero, sizeof(zero));
	mmsim_destroy(m);
}

static void vmalloc_node_places_pages_on_the_node(void **state)
{
	struct machine *m = ph_boot("numa=fake=2");
	unsigned long a = vmalloc_node(m, 4 * 4096, 1);
	char *line = vmallocinfo_line(m, a);

	for (unsigned int i = 0; i < 4; i++)
		assert_int_equal(vmalloc_to_page(m, a + i * PAGE_SIZE)->nid, 1);
	assert_non_null(strstr(line, " pages=4 vmalloc N1=4"));
	free(line);
	mmsim_destroy(m);
}

static void vfree_of_bad_address_is_reported_and_changes_nothing(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long a = vmalloc(m, 4096), nowhere = VMALLOC_START + (1UL << 40);
	long used = meminfo_kb(m, "VmallocUsed");
	char msg[128];

	assert_int_equal(vfree_checked(m, nowhere), -EINVAL);
	snprintf(msg, sizeof(msg), "Trying to vfree() nonexistent vm area (%016lx)", nowhere);
	assert_true(dmesg_has(m, msg));
	assert_true(dmesg_has(m, "------------[ cut here ]------------"));
	assert_true(dmesg_has(m, "---[ end trace 0000000000000000 ]---"));
	assert_int_equal(vfree_checked(m, a + 12), -EINVAL);
	snprintf(msg, sizeof(msg), "Trying to vfree() bad address (%016lx)", a + 12);
	assert_true(dmesg_has(m, msg));
	assert_int_equal(meminfo_kb(m, "VmallocUsed"), used);
	assert_non_null(find_vm_area(m, a));
	assert_int_equal(vfree_checked(m, 0), 0);
	assert_int_equal(vfree_checked(m, a), 0);
	assert_int_equal(vfree_checked(m, a), -EINVAL);		/* double vfree */
	assert_valid(m);
	mmsim_destroy(m);
}

static void absurd_size_fails_cleanly(void **state)
{
	struct machine *m = ph_boot("");
	char *before = ph_read(m, "/proc/meminfo"), *after;

	assert_int_equal(vmalloc(m, 1UL << 50), 0);
	assert_true(dmesg_has(m, "swapper/0: vmalloc error: size 1125899906842624, exceeds total pages,"
			      " mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0"));
	assert_true(dmesg_has(m, " __vmalloc_node_range_noprof+0x0/0x0"));
	assert_int_equal(vmalloc(m, ~0UL), 0);
	assert_int_equal(__vmalloc_node(m, 4096, 3, GFP_KERNEL, NUMA_NO_NODE, "odd_align"), 0);
	assert_true(dmesg_has(m, "vmalloc: alignment 3 is not a power of two"));
	after = ph_read(m, "/proc/meminfo");
	assert_string_equal(before, after);
	assert_valid(m);
	free(before);
	free(after);
	mmsim_destroy(m);
}

static void zero_size_warns_once(void **state)
{
	struct machine *m = ph_boot("");
	char *log;

	assert_int_equal(vmalloc(m, 0), 0);
	assert_int_equal(vmalloc(m, 0), 0);
	log = mmsim_dmesg(m);
	/* WARN_ON_ONCE(!size): a WARNING line with no message, once */
	assert_non_null(strstr(log, "WARNING: CPU: 0 PID: 0 at mm/vmalloc.c:"));
	assert_null(strstr(strstr(log, "WARNING: CPU:") + 1, "WARNING: CPU:"));
	free(log);
	mmsim_destroy(m);
}

static void no_address_space_fails_with_linux_reports(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long start = VMALLOC_START + (1UL << 42), end = start + 3 * PAGE_SIZE, a;
	long used = meminfo_kb(m, "VmallocUsed");
	char msg[160];

	a = __vmalloc_node_range(m, 4096, 1, start, end, GFP_KERNEL, PAGE_KERNEL, 0,
				 NUMA_NO_NODE, "test");
	assert_int_equal(a, start);
	assert_int_equal(__vmalloc_node_range(m, 4096, 1, start, end, GFP_KERNEL, PAGE_KERNEL, 0,
					      NUMA_NO_NODE, "test"), 0);
	snprintf(msg, sizeof(msg), "vmalloc_node_range for size 8192 failed: Address range"
		 " restricted to %#lx - %#lx", start, end);
	assert_true(dmesg_has(m, msg));
	assert_true(dmesg_has(m, "vmalloc error: size 4096, vm_struct allocation failed,"
			      " mode:0xcc0(GFP_KERNEL)"));
	assert_int_equal(meminfo_kb(m, "VmallocUsed"), used + 4);
	/* __GFP_NOWARN: no report at all */
	free(mmsim_dmesg(m));
	assert_int_equal(__vmalloc_node_range(m, 4096, 1, start, end, GFP_KERNEL | __GFP_NOWARN,
					      PAGE_KERNEL, 0, NUMA_NO_NODE, "quiet"), 0);
	assert_valid(m);
	mmsim_destroy(m);
}

/*
 * A vmalloc larger than what is free fails in the page allocator; the
 * pages taken so far, the page array and the range all go back.  (The
 * first attempt may leave page tables for the ranges it touched: Linux
 * keeps them.  The second attempt must give back everything.)
 */
static void page_shortage_fails_and_gives_everything_back(void **state)
{
	struct machine *m = ph_boot("mem=256M");
	long used = meminfo_kb(m, "VmallocUsed"), free_before;
	char *buddy_before, *buddy_after;

	assert_int_equal(vmalloc(m, 215UL << 20), 0);	/* below MemTotal, above what is free */
	assert_true(dmesg_has(m, ", failed to allocate pages, mode:0xcc2(GFP_KERNEL|__GFP_HIGHMEM)"));
	assert_int_equal(meminfo_kb(m, "VmallocUsed"), used);
	assert_valid(m);
	settle(m);
	free_before = meminfo_kb(m, "MemFree");
	buddy_before = ph_read(m, "/proc/buddyinfo");
	assert_int_equal(vmalloc(m, 215UL << 20), 0);
	assert_int_equal(meminfo_kb(m, "VmallocUsed"), used);
	assert_valid(m);
	settle(m);
	buddy_after = ph_read(m, "/proc/buddyinfo");
	assert_int_equal(meminfo_kb(m, "MemFree"), free_before);
	assert_string_equal(buddy_after, buddy_before);
	free(buddy_before);
	free(buddy_after);
	mmsim_destroy(m);
}

static void validator_catches_unmapped_page_and_mapped_guard(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long a = vmalloc(m, 2 * 4096);
	long pfn = vmalloc_to_pfn(m, a + PAGE_SIZE);
	char err[256];

	assert_int_equal(kernel_unmap_page(m, a + PAGE_SIZE), pfn);
	assert_int_equal(validate_vmalloc(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "maps pfn -1"));
	assert_int_equal(kernel_map_page(m, a + PAGE_SIZE, (unsigned long)pfn, PAGE_KERNEL), 0);
	assert_int_equal(validate_vmalloc(m, err, sizeof(err)), 0);
	assert_int_equal(kernel_map_page(m, a + 2 * PAGE_SIZE, (unsigned long)pfn, PAGE_KERNEL), 0);
	assert_int_equal(validate_vmalloc(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "guard page"));
	kernel_unmap_page(m, a + 2 * PAGE_SIZE);
	assert_valid(m);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(areas_follow_each_other_with_guard_pages),
		cmocka_unit_test(first_area_is_at_the_lowest_free_address),
		cmocka_unit_test(vmalloc_vfree_restore_memfree_and_buddyinfo),
		cmocka_unit_test(vmallocused_counts_area_pages_and_page_arrays),
		cmocka_unit_test(vmallocinfo_line_format),
		cmocka_unit_test(vmallocinfo_is_root_only),
		cmocka_unit_test(freed_range_is_lazy_until_purged),
		cmocka_unit_test(purge_runs_itself_past_lazy_max_pages),
		cmocka_unit_test(kva_to_host_writes_the_right_frame),
		cmocka_unit_test(vzalloc_zeroes_reused_pages),
		cmocka_unit_test(vmalloc_node_places_pages_on_the_node),
		cmocka_unit_test(vfree_of_bad_address_is_reported_and_changes_nothing),
		cmocka_unit_test(absurd_size_fails_cleanly),
		cmocka_unit_test(zero_size_warns_once),
		cmocka_unit_test(no_address_space_fails_with_linux_reports),
		cmocka_unit_test(page_shortage_fails_and_gives_everything_back),
		cmocka_unit_test(validator_catches_unmapped_page_and_mapped_guard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
