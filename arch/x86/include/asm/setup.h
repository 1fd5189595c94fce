/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * x86 boot steps called from kernel/boot.c (start_kernel's order).
 */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

struct machine;

/*
 * setup_arch - firmware map, memblock, the reservations Linux makes before
 * the page allocator exists (first 1 MiB, kernel image), NUMA topology and
 * the memmap.  Returns 0, -ENOMEM, or -E2BIG when the kernel image
 * (loaded at 16M) does not fit below the end of RAM.
 */
int setup_arch(struct machine *m);

/*
 * kernel_image_end - the physical address just past the kernel image
 * (code, data, init, bss) setup_arch places at 16M; the section sizes it
 * records in the machine are fixed, so this needs no machine.
 */
unsigned long long kernel_image_end(void);

/*
 * kernel_image_min_ram - the least mem= that holds the kernel image at
 * 16M and the 128K e820 keeps atop the low RAM, rounded up to a MiB
 * (52M); kernel/params.c refuses a smaller mem=.  Needs no machine.
 */
unsigned long long kernel_image_min_ram(void);

/* x86_numa_init - nodes, distances, CPU placement, NODE_DATA (numa.c). */
int x86_numa_init(struct machine *m);

/* setup_per_cpu_areas - the percpu first chunk, from memblock. */
void setup_per_cpu_areas(struct machine *m);

/* pci_iommu_alloc - the 64 MiB swiotlb bounce buffer when RAM > 4 GiB. */
void pci_iommu_alloc(struct machine *m);

#endif
