// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cache of VMAs (mm/vma_init.c): vma_state_init creates
 * "vm_area_struct", cache-line aligned and accounted: 192-byte objects in
 * 192-byte slots, 21 to an order-0 slab, as on Linux.
 *
 * Linux also makes it SLAB_TYPESAFE_BY_RCU (lockless VMA lookups) and
 * keeps the slots at 192 bytes by giving the free pointer an offset inside
 * the object (args.freeptr_offset = vm_freeptr, a union with the VMA's
 * range).  mmsim's kmem_cache_create has no free pointer offset: with
 * TYPESAFE_BY_RCU the pointer would go after the object and the slots
 * grow to 256 bytes.  Until it has one, the cache is created without
 * TYPESAFE_BY_RCU (mmsim has no RCU readers to protect) and with
 * SLAB_NO_MERGE, which keeps it unmergeable as RCU does
 * (docs/divergences.md).
 *
 * vm_area_alloc/free live in mm/vma.c with the rest of the VMA code.
 * Leaves out: the per-CPU sheaves Linux 6.18 gives this cache.
 * Caller: proc_caches_init (kernel/fork.c), as mmap_init in Linux.
 */
#include "linux/machine.h"
#include "linux/slab.h"
#include "vma.h"

void vma_state_init(struct machine *m)
{
	m->vm_area_cachep = kmem_cache_create(m, "vm_area_struct", VM_AREA_STRUCT_OBJECT_SIZE, 0,
					      SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT |
					      SLAB_NO_MERGE, NULL);
}
