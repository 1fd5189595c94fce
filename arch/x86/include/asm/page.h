/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86-64 kernel address space (arch/x86/include/asm/page_64_types.h,
 * pgtable_64_types.h), 4-level paging, no KASLR: the direct map of all
 * physical memory at PAGE_OFFSET, the vmalloc range, the kernel image.
 * mmsim's kernel pointers come in two kinds:
 *   - direct-map objects (slab, kmalloc, page_address): a host pointer into
 *     m->ram; its kernel virtual address is PAGE_OFFSET + physical address;
 *   - vmalloc areas: a kernel virtual address (unsigned long) in
 *     [VMALLOC_START, VMALLOC_END), reached through the kernel page tables,
 *     because its frames are not contiguous in host memory.
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include "linux/types.h"

#define PAGE_OFFSET		0xffff888000000000UL
#define VMALLOC_START		0xffffc90000000000UL
#define VMALLOC_SIZE_TB		32UL
#define VMALLOC_END		(VMALLOC_START + (VMALLOC_SIZE_TB << 40) - 1)
#define __START_KERNEL_map	0xffffffff80000000UL
/* The struct page array (vmemmap_base without KASLR): Linux's struct page
 * pointers are VMEMMAP_START + pfn * 64, as stored in vm_struct->pages. */
#define VMEMMAP_START		0xffffea0000000000UL
#define LINUX_STRUCT_PAGE_SIZE	64

struct machine;

/* Physical address of a direct-map host pointer @p (inside m->ram). */
#define __pa(m, p)	((phys_addr_t)((const unsigned char *)(p) - (m)->ram))
/* Host pointer of physical address @pa (inside m->ram). */
#define __va(m, pa)	((void *)((m)->ram + (pa)))
/* Kernel virtual address (as Linux prints it) of a direct-map pointer. */
#define kva(m, p)	(PAGE_OFFSET + __pa(m, p))
/* The struct page of a direct-map pointer. */
#define virt_to_page(m, p)	pfn_to_page(m, __pa(m, p) >> PAGE_SHIFT)

#endif
