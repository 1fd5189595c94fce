// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cache of VMAs (mm/vma_init.c): vma_state_init creates
 * "vm_area_struct", cache-line aligned, type-safe by RCU (lockless VMA
 * lookups) and accounted.  Linux gives the cache a free pointer offset
 * inside the object (vm_freeptr, a union with the VMA's range), so its
 * slots stay 192 bytes despite RCU.
 * Leaves out: vm_area_alloc/dup/free (the address-space issue adds them
 * here) and the per-CPU sheaves Linux 6.18 gives this cache.
 * Caller: proc_caches_init (kernel/fork.c), as mmap_init in Linux.
 */
#include "linux/machine.h"
#include "linux/slab.h"
#include "vma.h"

void vma_state_init(struct machine *m)
{
	m->vm_area_cachep = kmem_cache_create(m, "vm_area_struct", VM_AREA_STRUCT_OBJECT_SIZE, 0,
					      SLAB_HWCACHE_ALIGN | SLAB_PANIC |
					      SLAB_TYPESAFE_BY_RCU | SLAB_ACCOUNT, NULL);
}
