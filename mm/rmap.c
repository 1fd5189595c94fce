// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reverse mapping of anonymous pages (mm/rmap.c).  For now only
 * anon_vma_init, which creates the two caches the reverse map lives in:
 * anon_vma (type-safe by RCU, with a constructor, so its free pointer sits
 * after the object: 96 + 8 = 104-byte slots, as on Linux) and
 * anon_vma_chain (64 bytes; fs_cache merges into it).
 * Leaves out: everything else rmap does (the paging issue brings
 * anon_vma_prepare, anon_vma_fork, try_to_unmap, folio_referenced ...).
 * Caller: start_kernel_objects (kernel/fork.c).
 */
#include <string.h>
#include "linux/machine.h"
#include "linux/rmap.h"
#include "linux/slab.h"

/*
 * Linux's anon_vma_ctor initialises the rwsem, the refcount and the
 * interval tree root once per object.  mmsim has no struct anon_vma yet:
 * the constructor leaves the object zeroed, which is that initial state.
 */
static void anon_vma_ctor(void *data)
{
	memset(data, 0, ANON_VMA_OBJECT_SIZE);
}

void anon_vma_init(struct machine *m)
{
	m->anon_vma_cachep = kmem_cache_create(m, "anon_vma", ANON_VMA_OBJECT_SIZE, 0,
					       SLAB_TYPESAFE_BY_RCU | SLAB_PANIC | SLAB_ACCOUNT,
					       anon_vma_ctor);
	/* KMEM_CACHE(anon_vma_chain, ...): aligned as the struct, 8 bytes */
	m->anon_vma_chain_cachep = kmem_cache_create(m, "anon_vma_chain",
						     ANON_VMA_CHAIN_OBJECT_SIZE, 8,
						     SLAB_PANIC | SLAB_ACCOUNT, NULL);
}
