/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What mm/ shares about VMAs (Linux's mm/vma.h).  For now the cache of
 * struct vm_area_struct (mm/vma_init.c); the address-space issue adds the
 * VMA tree, merging and splitting here.
 */
#ifndef _MM_VMA_H
#define _MM_VMA_H

struct machine;

/*
 * Linux 6.18's sizeof(struct vm_area_struct), /sys/kernel/slab/
 * vm_area_struct/object_size; mmsim's struct vm_area_struct must fit.
 */
#define VM_AREA_STRUCT_OBJECT_SIZE	192

/*
 * vma_state_init - create the vm_area_struct cache (Linux calls it from
 * mmap_init, which proc_caches_init calls).  Boot only.
 */
void vma_state_init(struct machine *m);

#endif
