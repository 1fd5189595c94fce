// SPDX-License-Identifier: GPL-2.0-only
/*
 * arch/x86/mm/pgtable.c: the kernel's page tables are real x86-64 entries
 * in real frames.  A mapping written with kernel_map_page reads back from
 * the frame bytes as Linux's PAGE_KERNEL entry (pfn << 12 | 0x163 | NX);
 * upper tables appear on demand (one PMD and one PTE table per new 1 GiB /
 * 2 MiB span), are typed PGTY_table, counted in the allocating CPU's node's
 * NR_PAGETABLE (PageTables:) and never freed; boot preallocates the 64 PUD
 * tables of the vmalloc range (256 kB); kva_to_host resolves direct-map and
 * vmalloc addresses and refuses the rest; the validator catches a table
 * entry pointing at a page that is not a page table.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "proc_helpers.h"
#include "asm/pgtable.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/vmstat.h"

/* A part of the vmalloc range far above anything boot allocates. */
#define FREE_BASE	(VMALLOC_START + 16 * PUD_SIZE)

static unsigned long nr_pagetable(struct machine *m)
{
	return global_node_page_state(m, NR_PAGETABLE);
}

/* The raw 64-bit word at physical address @pa, as the CPU would read it. */
static u64 phys_word(struct machine *m, phys_addr_t pa)
{
	u64 v;

	memcpy(&v, m->ram + pa, sizeof(v));
	return v;
}

/* Walk @addr by hand from the frame bytes; the PTE's physical address, or 0. */
static phys_addr_t walk_by_hand(struct machine *m, unsigned long addr)
{
	u64 e = phys_word(m, m->swapper_pg_dir + pgd_index(addr) * 8);

	if (!(e & _PAGE_PRESENT))
		return 0;
	e = phys_word(m, (e & PTE_PFN_MASK) + pud_index(addr) * 8);
	if (!(e & _PAGE_PRESENT))
		return 0;
	e = phys_word(m, (e & PTE_PFN_MASK) + pmd_index(addr) * 8);
	if (!(e & _PAGE_PRESENT))
		return 0;
	return (e & PTE_PFN_MASK) + pte_index(addr) * 8;
}

/* Some free frame to map: a fresh order-0 page. */
static unsigned long some_pfn(struct machine *m)
{
	struct page *p = alloc_pages(m, GFP_KERNEL, 0);

	assert_non_null(p);
	return page_to_pfn(m, p);
}

static void test_entry_format_values_are_linux(void **state)
{
	assert_int_equal(PTE_PFN_MASK, 0x000ffffffffff000UL);
	assert_int_equal(pgprot_val(PAGE_KERNEL), 0x8000000000000163UL);
	assert_int_equal(pgprot_val(PAGE_KERNEL_RO), 0x8000000000000121UL);
	assert_int_equal(pgprot_val(PAGE_KERNEL_EXEC), 0x163UL);
	assert_int_equal(_PAGE_TABLE, 0x67);
	assert_int_equal(_KERNPG_TABLE, 0x63);
	assert_int_equal(_PAGE_NX, 1UL << 63);
	assert_int_equal(_PAGE_PKEY_MASK, 0x7800000000000000UL);
	assert_int_equal(pgd_index(VMALLOC_START), 402);
	assert_int_equal(pgd_index(PAGE_OFFSET), KERNEL_PGD_BOUNDARY);
	assert_int_equal(PGDIR_SIZE, 1UL << 39);
}

/* PMD and PTE tables below the vmalloc PUD tables (boot's own vmalloc areas). */
static unsigned long lower_tables(struct machine *m)
{
	unsigned long n = 0;

	for (unsigned long a = VMALLOC_START; a < VMALLOC_END; a += PGDIR_SIZE) {
		pud_t *pud = pud_offset(m, p4d_offset(pgd_offset_k(m, a), a), a);

		for (int i = 0; i < PTRS_PER_PUD; i++) {
			pmd_t *pmd;

			if (pud_none(pud[i]))
				continue;
			n++;
			pmd = pmd_offset(m, &pud[i], 0);
			for (int j = 0; j < PTRS_PER_PMD; j++)
				n += !pmd_none(pmd[j]);
		}
	}
	return n;
}

static void test_boot_preallocates_vmalloc_pud_tables(void **state)
{
	struct machine *m = ph_boot("");
	char *meminfo = ph_read(m, "/proc/meminfo");
	int present = 0;

	assert_true(m->swapper_pg_dir != 0);
	for (unsigned long a = VMALLOC_START; a < VMALLOC_END; a += PGDIR_SIZE) {
		u64 e = phys_word(m, m->swapper_pg_dir + pgd_index(a) * 8);
		struct page *pud = pfn_to_page(m, (e & PTE_PFN_MASK) >> PAGE_SHIFT);

		assert_int_equal(e & PTE_FLAGS_MASK, _PAGE_TABLE);
		assert_int_equal(pud->page_type, PGTY_table);
		present++;
	}
	assert_int_equal(present, 64);
	/* The kernel half outside the vmalloc range and the user half are empty. */
	assert_int_equal(phys_word(m, m->swapper_pg_dir + 0), 0);
	assert_int_equal(phys_word(m, m->swapper_pg_dir + pgd_index(PAGE_OFFSET) * 8), 0);
	/* swapper_pg_dir itself lies in the kernel image: reserved, not a counted table */
	assert_true(PageReserved(pfn_to_page(m, m->swapper_pg_dir >> PAGE_SHIFT)));
	/* 64 PUD tables, plus what boot's own vmalloc areas (idle stacks) needed */
	assert_int_equal(nr_pagetable(m), 64 + lower_tables(m));
	assert_int_equal(ph_kv(meminfo, "PageTables"), 256 + 4 * lower_tables(m));
	free(meminfo);
	mmsim_destroy(m);
}

static void test_mapped_entry_reads_back_from_frame_bytes(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long addr = FREE_BASE + 5 * PAGE_SIZE, pfn = some_pfn(m);
	phys_addr_t pte_pa;
	u64 e;

	assert_int_equal(kernel_map_page(m, addr, pfn, PAGE_KERNEL), 0);
	pte_pa = walk_by_hand(m, addr);
	assert_true(pte_pa != 0);
	e = phys_word(m, pte_pa);
	assert_int_equal(e, ((u64)pfn << PAGE_SHIFT) | 0x8000000000000163UL);
	assert_int_equal(pte_pfn(__pte(e)), pfn);
	assert_true(pte_present(__pte(e)) && pte_write(__pte(e)) && pte_dirty(__pte(e)) &&
		    pte_young(__pte(e)) && pte_global(__pte(e)));
	assert_false(pte_exec(__pte(e)));
	assert_false(e & _PAGE_USER);
	assert_int_equal(kernel_lookup_pfn(m, addr), (long)pfn);
	/* the upper entries are _PAGE_TABLE links, as x86's pXd_populate writes them */
	assert_int_equal(phys_word(m, m->swapper_pg_dir + pgd_index(addr) * 8) & PTE_FLAGS_MASK,
			 _PAGE_TABLE);
	mmsim_destroy(m);
}

/*
 * Tables appear only where needed:
 *
 *   FREE_BASE              +2M                    +1G
 *   |a b ...... (one PTE)  |c (new PTE table)     |d (new PMD and PTE table)
 *
 * a: PMD + PTE table (2), b: none, c: PTE table (1), d: PMD + PTE (2).
 */
static void test_tables_allocated_on_demand_and_counted(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long base = FREE_BASE, before = nr_pagetable(m);

	assert_int_equal(kernel_map_page(m, base, some_pfn(m), PAGE_KERNEL), 0);
	assert_int_equal(nr_pagetable(m), before + 2);
	assert_int_equal(kernel_map_page(m, base + PAGE_SIZE, some_pfn(m), PAGE_KERNEL), 0);
	assert_int_equal(nr_pagetable(m), before + 2);
	assert_int_equal(kernel_map_page(m, base + PMD_SIZE, some_pfn(m), PAGE_KERNEL), 0);
	assert_int_equal(nr_pagetable(m), before + 3);
	assert_int_equal(kernel_map_page(m, base + PUD_SIZE, some_pfn(m), PAGE_KERNEL), 0);
	assert_int_equal(nr_pagetable(m), before + 5);
	mmsim_destroy(m);
}

static void test_tables_come_from_the_current_cpus_node(void **state)
{
	struct machine *m = ph_boot("numa=fake=2 nr_cpus=2");
	int cpu = m->cpu_to_node[0] == 1 ? 0 : 1;
	unsigned long n1 = node_page_state(NODE_DATA(m, 1), NR_PAGETABLE);

	assert_int_equal(m->cpu_to_node[cpu], 1);
	m->current_cpu = cpu;
	assert_int_equal(kernel_map_page(m, FREE_BASE + 7 * PUD_SIZE, some_pfn(m), PAGE_KERNEL), 0);
	assert_int_equal(node_page_state(NODE_DATA(m, 1), NR_PAGETABLE), n1 + 2);
	m->current_cpu = 0;
	mmsim_destroy(m);
}

static void test_unmap_keeps_tables(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long addr = FREE_BASE + 3 * PUD_SIZE, pfn = some_pfn(m), tables;

	assert_int_equal(kernel_map_page(m, addr, pfn, PAGE_KERNEL), 0);
	tables = nr_pagetable(m);
	assert_int_equal(kernel_unmap_page(m, addr), (long)pfn);
	assert_int_equal(phys_word(m, walk_by_hand(m, addr)), 0);
	assert_int_equal(kernel_lookup_pfn(m, addr), -1);
	assert_int_equal(kernel_unmap_page(m, addr), -1);
	assert_int_equal(nr_pagetable(m), tables);	/* Linux never frees kernel tables */
	assert_int_equal(kernel_map_page(m, addr, pfn, PAGE_KERNEL_RO), 0);
	assert_int_equal(nr_pagetable(m), tables);
	mmsim_destroy(m);
}

static void test_bad_maps_are_refused(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long addr = FREE_BASE + 9 * PAGE_SIZE, pfn = some_pfn(m);

	assert_int_equal(kernel_map_page(m, addr, pfn, PAGE_KERNEL), 0);
	assert_int_equal(kernel_map_page(m, addr, pfn, PAGE_KERNEL), -EBUSY);
	assert_int_equal(kernel_map_page(m, addr + 1, pfn, PAGE_KERNEL), -EINVAL);
	assert_int_equal(kernel_map_page(m, PAGE_OFFSET, pfn, PAGE_KERNEL), -EINVAL);
	assert_int_equal(kernel_map_page(m, 0x400000, pfn, PAGE_KERNEL), -EINVAL);
	assert_int_equal(kernel_map_page(m, addr + PAGE_SIZE, m->max_pfn, PAGE_KERNEL), -EINVAL);
	mmsim_destroy(m);
}

static void test_kva_to_host_direct_map_and_vmalloc(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long pfn = some_pfn(m), addr = FREE_BASE + 11 * PAGE_SIZE;
	size_t contig = 0;
	unsigned char *p;

	/* direct map: no walk, PAGE_OFFSET + physical */
	p = kva_to_host(m, PAGE_OFFSET + PFN_PHYS(pfn) + 100, &contig);
	assert_ptr_equal(p, m->ram + PFN_PHYS(pfn) + 100);
	assert_int_equal(contig, PAGE_SIZE - 100);
	/* vmalloc: through the tables, into the mapped frame */
	assert_null(kva_to_host(m, addr + 8, &contig));
	assert_int_equal(contig, 0);
	assert_int_equal(kernel_map_page(m, addr, pfn, PAGE_KERNEL), 0);
	p = kva_to_host(m, addr + 4000, &contig);
	assert_ptr_equal(p, m->ram + PFN_PHYS(pfn) + 4000);
	assert_int_equal(contig, 96);
	memset(p, 0x5a, contig);
	assert_int_equal(m->ram[PFN_PHYS(pfn) + PAGE_SIZE - 1], 0x5a);
	/* nothing else resolves */
	assert_null(kva_to_host(m, 0x7ffff000UL, NULL));
	assert_null(kva_to_host(m, PAGE_OFFSET + PFN_PHYS(m->max_pfn), NULL));
	assert_null(kva_to_host(m, __START_KERNEL_map + SZ_16M, NULL));
	mmsim_destroy(m);
}

static void test_table_allocation_failure_returns_enomem(void **state)
{
	struct machine *m = ph_boot("mem=256M");
	struct page *taken[70000];
	size_t n = 0;
	unsigned long tables = nr_pagetable(m);
	char err[256];

	while (n < ARRAY_SIZE(taken) && (taken[n] = alloc_pages(m, GFP_KERNEL | __GFP_NOWARN, 0)))
		n++;
	assert_true(n < ARRAY_SIZE(taken));
	assert_int_equal(kernel_map_page(m, FREE_BASE + 20 * PUD_SIZE, page_to_pfn(m, taken[0]),
					 PAGE_KERNEL), -ENOMEM);
	assert_int_equal(nr_pagetable(m), tables);
	for (size_t i = 0; i < n; i++)
		__free_pages(m, taken[i], 0);
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

static void test_validator_catches_a_link_to_a_non_table_page(void **state)
{
	struct machine *m = ph_boot("");
	unsigned long addr = FREE_BASE + 2 * PUD_SIZE, pfn = some_pfn(m);
	char err[256];
	pmd_t *pmd;

	assert_int_equal(kernel_map_page(m, addr, pfn, PAGE_KERNEL), 0);
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);
	pmd = pmd_offset(m, pud_offset(m, p4d_offset(pgd_offset_k(m, addr), addr), addr), addr);
	assert_non_null(pmd);
	pmd[1] = __pmd(PFN_PHYS(pfn) | _PAGE_TABLE);	/* a data page used as a PTE table */
	m->kpgt_memo.gen++;		/* by a writer: every kernel entry write bumps it */
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "kernel PTE table"));
	pmd[1] = __pmd(0);
	m->kpgt_memo.gen++;
	mod_node_page_state(NODE_DATA(m, 0), NR_PAGETABLE, 1);	/* a miscount */
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "NR_PAGETABLE"));
	mod_node_page_state(NODE_DATA(m, 0), NR_PAGETABLE, -1);
	assert_int_equal(validate_kernel_pgtables(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_format_values_are_linux),
		cmocka_unit_test(test_boot_preallocates_vmalloc_pud_tables),
		cmocka_unit_test(test_mapped_entry_reads_back_from_frame_bytes),
		cmocka_unit_test(test_tables_allocated_on_demand_and_counted),
		cmocka_unit_test(test_tables_come_from_the_current_cpus_node),
		cmocka_unit_test(test_unmap_keeps_tables),
		cmocka_unit_test(test_bad_maps_are_refused),
		cmocka_unit_test(test_kva_to_host_direct_map_and_vmalloc),
		cmocka_unit_test(test_table_allocation_failure_returns_enomem),
		cmocka_unit_test(test_validator_catches_a_link_to_a_non_table_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
