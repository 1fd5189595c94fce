/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reverse mapping of anonymous pages (mm/rmap.c): the anon_vma and
 * anon_vma_chain caches.  This issue creates them; the paging issue
 * allocates an anon_vma per anonymous mapping that faults, and an
 * anon_vma_chain per (VMA, anon_vma) link, from them.
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

struct machine;

/*
 * Linux 6.18's sizeof(struct anon_vma) and sizeof(struct anon_vma_chain)
 * (/sys/kernel/slab/X/object_size); mmsim's structs, when they exist, must
 * fit (static_assert next to them).
 */
#define ANON_VMA_OBJECT_SIZE		96
#define ANON_VMA_CHAIN_OBJECT_SIZE	64

/* anon_vma_init - create the anon_vma and anon_vma_chain caches.  Boot only. */
void anon_vma_init(struct machine *m);

#endif
