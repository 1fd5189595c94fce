/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TLB model's arrays as arch/x86/mm/tlb.c and tlb_validate.c read
 * them (layout: struct tlb_array, asm/tlbflush.h): tag words and the set
 * an address maps to, where a way's LRU stamp is, the search of a set,
 * the view tlb_lookup reports, the allow mask of an entry's rights.
 * Private to those two files (the tests reach the arrays through struct
 * tlb_array alone).
 */
#ifndef _ASM_X86_TLB_ARRAY_H
#define _ASM_X86_TLB_ARRAY_H

#include "asm/tlbflush.h"

#define HPAGE_PFNS	512UL	/* 4 KiB frames in a 2 MiB page */

/* The page number of @addr at size @huge. */
static inline unsigned long vpn_of(unsigned long addr, bool huge)
{
	return addr >> (huge ? PMD_SHIFT : PAGE_SHIFT);
}

/* The tag of an entry for @addr of size @huge, global or of @pcid. */
static inline u64 tag_of(unsigned long addr, bool huge, bool global, u16 pcid)
{
	u64 tag = (addr & (huge ? PMD_MASK : PAGE_MASK)) | TLB_TAG_VALID;

	if (huge)
		tag |= TLB_TAG_HUGE;
	if (global)
		return tag | TLB_TAG_GLOBAL;
	return tag | (u64)pcid << TLB_TAG_PCID_SHIFT;
}

/* Is the entry of @tag a 2 MiB one, and its page number at its size. */
static inline bool tag_huge(u64 tag)
{
	return tag & TLB_TAG_HUGE;
}

static inline unsigned long tag_vpn(u64 tag)
{
	return vpn_of(tag, tag_huge(tag));
}

/* Way @i's LRU stamp in @a (struct tlb_array.lru). */
static inline u64 *way_lru(const struct tlb_array *a, unsigned long i)
{
	return &a->lru[i * a->lru_step];
}

/* Index of the first way of the set @vpn maps to in @a. */
static inline unsigned long set_first(const struct tlb_array *a, unsigned long vpn)
{
	return (vpn & a->set_mask) * a->g.ways;
}

/*
 * Index of the first way of @a's set @first holding @mine (or, if @a
 * holds global entries, @global), or -1.  Four ways a step when the set
 * has a multiple of four: one branch per step.
 */
static inline long set_search(const struct tlb_array *a, unsigned long first, u64 mine,
			      u64 global)
{
	const u64 *tag = a->tag + first;
	unsigned int ways = a->g.ways, w = 0;

	if (a->nr_global) {
		for (; w < ways; w++)
			if (tag[w] == mine || tag[w] == global)
				return (long)(first + w);
		return -1;
	}
	if (!(ways & 3))
		for (; w < ways; w += 4)
			if ((tag[w] == mine) | (tag[w + 1] == mine) | (tag[w + 2] == mine) |
			    (tag[w + 3] == mine))
				break;
	for (; w < ways; w++)
		if (tag[w] == mine)
			return (long)(first + w);
	return -1;
}

/*
 * Index of @a's entry translating @addr (size @huge) under the PCID whose
 * tag bits are @pcid_tag (cpu_tlb.pcid_tag), its own or a global one (the
 * first in way order), or -1.
 */
static inline long array_find(const struct tlb_array *a, unsigned long addr, bool huge,
			      u64 pcid_tag)
{
	u64 page;

	if (huge) {
		if (!a->nr_huge)
			return -1;
		page = (addr & PMD_MASK) | TLB_TAG_HUGE;
	} else {
		page = addr & PAGE_MASK;
	}
	return set_search(a, set_first(a, vpn_of(addr, huge)), page | pcid_tag,
			  page | TLB_TAG_VALID | TLB_TAG_GLOBAL);
}

/* Entry @i of @a as tlb_lookup reports it, the pfn that of @addr's 4 KiB page. */
static inline void entry_view(const struct tlb_array *a, unsigned long i, unsigned long addr,
		       struct tlb_entry *out)
{
	u64 tag = a->tag[i];
	const struct tlb_data *d = &a->data[i];

	*out = (struct tlb_entry){
		.valid = tag & TLB_TAG_VALID, .global = tag & TLB_TAG_GLOBAL,
		.huge = tag_huge(tag), .rw = d->hit.rw, .us = d->hit.us, .nx = d->hit.nx,
		.dirty = d->hit.dirty, .pcid = (tag & TLB_TAG_PCID_MASK) >> TLB_TAG_PCID_SHIFT,
		.vpn = tag_vpn(tag), .pfn = d->hit.pfn,
	};
	if (out->huge)
		out->pfn += (addr >> PAGE_SHIFT) & (HPAGE_PFNS - 1);
}

/*
 * The allow mask of an entry with these rights: bit a (a TLB_ALLOW_INDEX)
 * set if an access with X86_PF_* bits a may use the entry without a walk.
 * It may not for a write unless rw and dirty (CR0.WP; a clean entry walks
 * to set D), from user mode unless us, for a fetch if nx or, from kernel
 * mode, if us (SMEP).  ALLOW_* are the indexes with X86_PF_WRITE (bit 1),
 * X86_PF_USER (bit 2), X86_PF_INSTR (bit 4) set.
 */
#define ALLOW_WRITE	0xccccccccU
#define ALLOW_USER	0xf0f0f0f0U
#define ALLOW_INSTR	0xffff0000U

static inline u32 allow_mask(bool rw, bool us, bool nx, bool dirty)
{
	u32 deny = 0;

	if (!rw || !dirty)
		deny |= ALLOW_WRITE;
	if (!us)
		deny |= ALLOW_USER;
	if (nx)
		deny |= ALLOW_INSTR;
	if (us)
		deny |= ALLOW_INSTR & ~ALLOW_USER;	/* SMEP: kernel fetch of a user page */
	return ~deny;
}

#endif
