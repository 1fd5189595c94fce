// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86 boot-time reservations (arch/x86/kernel/setup.c, setup_percpu.c,
 * kernel/dma/swiotlb.c): what the kernel takes from memblock before the
 * buddy allocator exists, so that MemTotal ends below installed RAM the way
 * it does on Linux.  The kernel image has the section sizes of a 6.18
 * x86-64 kernel (the host's "Memory:" line) and sits at 16 MiB
 * (CONFIG_PHYSICAL_START).  Leaves out: initrd, ACPI tables, early page
 * tables (BRK), crashkernel.  Called by kernel/boot.c.
 */
#include "asm/e820.h"
#include "asm/setup.h"
#include "linux/machine.h"
#include "linux/memblock.h"
#include "linux/printk.h"

#define KERNEL_LOAD_ADDR	SZ_16M
#define PCPU_UNIT_PAGES		53	/* "percpu: Embedded 53 pages/cpu" */
#define IO_TLB_DEFAULT_SIZE	(64UL << 20)

/* The image's sections, in KiB, as a 6.18 x86-64 defconfig build reports them. */
#define KERNEL_CODE_KB		18468
#define KERNEL_RWDATA_KB	2544
#define KERNEL_RODATA_KB	10276
#define KERNEL_INIT_KB		3728
#define KERNEL_BSS_KB		1168
#define KERNEL_IMAGE_KB		(KERNEL_CODE_KB + KERNEL_RWDATA_KB + KERNEL_RODATA_KB + \
				 KERNEL_INIT_KB + KERNEL_BSS_KB)
/* What e820 keeps for itself at the top of the low RAM (mmsim's map). */
#define E820_TOP_RESERVED_KB	128

unsigned long long kernel_image_end(void)
{
	return KERNEL_LOAD_ADDR + ((u64)KERNEL_IMAGE_KB << 10);
}

unsigned long long kernel_image_min_ram(void)
{
	return (kernel_image_end() + (E820_TOP_RESERVED_KB << 10) + SZ_1M - 1) & ~(SZ_1M - 1ULL);
}

int setup_arch(struct machine *m)
{

	e820__memory_setup(m, m->bp.mem_bytes);
	e820__memblock_setup(m);
	/* Linux keeps the whole first megabyte (real-mode trampoline, BIOS). */
	memblock_reserve(m, 0, SZ_1M);

	m->kernel_code_kb = KERNEL_CODE_KB;
	m->kernel_rwdata_kb = KERNEL_RWDATA_KB;
	m->kernel_rodata_kb = KERNEL_RODATA_KB;
	m->kernel_init_kb = KERNEL_INIT_KB;
	m->kernel_bss_kb = KERNEL_BSS_KB;
	/* The boot loader put the whole image in RAM at 16M: no RAM, no boot. */
	if (kernel_image_end() > PFN_PHYS(m->max_pfn))
		return -E2BIG;
	memblock_reserve(m, KERNEL_LOAD_ADDR, kernel_image_end() - KERNEL_LOAD_ADDR);
	return x86_numa_init(m);
}

void setup_per_cpu_areas(struct machine *m)
{
	unsigned long bytes = (unsigned long)m->nr_cpu_ids * PCPU_UNIT_PAGES * PAGE_SIZE;

	pr_info(m, "setup_percpu: NR_CPUS:%d nr_cpumask_bits:%d nr_cpu_ids:%d nr_node_ids:%d",
		NR_CPUS, m->nr_cpu_ids, m->nr_cpu_ids, m->nr_node_ids);
	memblock_phys_alloc_range(m, bytes, PAGE_SIZE, 0, PFN_PHYS(m->max_pfn));
	m->pcpu_nr_pages = (unsigned long)m->nr_cpu_ids * PCPU_UNIT_PAGES;
	pr_info(m, "percpu: Embedded %d pages/cpu s185496 r0 d31592 u1048576", PCPU_UNIT_PAGES);
}

void pci_iommu_alloc(struct machine *m)
{
	phys_addr_t pa;

	/* x86 turns swiotlb on when memory reaches above 4 GiB. */
	if (m->max_pfn <= PFN_DOWN(SZ_4G))
		return;
	pa = memblock_phys_alloc_range(m, IO_TLB_DEFAULT_SIZE, PAGE_SIZE, 0, SZ_4G);
	if (pa)
		pr_info(m, "software IO TLB: mapped [mem 0x%016llx-0x%016llx] (%luMB)",
			(unsigned long long)pa,
			(unsigned long long)(pa + IO_TLB_DEFAULT_SIZE - 1),
			IO_TLB_DEFAULT_SIZE >> 20);
}
