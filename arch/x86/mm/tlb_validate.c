// SPDX-License-Identifier: GPL-2.0-only
/*
 * validate_tlbs (asm/tlbflush.h): every CPU's lazy state and mm_cpumask
 * bit, each array's bookkeeping (tags and their copies, stamps, allow
 * masks, hit answers, LRU age orders, counts of huge and global entries,
 * set hints, the miss memo, the inline hit's mm and key), and every entry
 * of the loaded PCID, when that ASID is up to date, against the page
 * tables.  Reads state only.  Called by mmsim_validate and tests.
 */
#include <errno.h>
#include <stdio.h>

#include "asm/tlb_array.h"
#include "asm/tlbflush.h"
#include "linux/machine.h"
#include "linux/mm_struct.h"

/* Is entry @e of @cpu (running @mm, up to date) consistent with the tables? */
static int check_entry(struct machine *m, int cpu, struct mm_struct *mm,
		       const struct tlb_entry *e, char *err, size_t errlen)
{
	unsigned long addr = e->vpn << (e->huge ? PMD_SHIFT : PAGE_SHIFT);
	struct tlb_fill f;
	const char *why = NULL;

	if (!tlb_walk_fill(m, mm, addr, &f))
		why = "not present in the page tables";
	else if (f.huge != e->huge || (f.huge ? f.pfn & ~(HPAGE_PFNS - 1) : f.pfn) != e->pfn)
		why = "maps another frame";
	else if ((e->rw && !f.rw) || (e->us && !f.us) || (!e->nx && f.nx))
		why = "grants more than the page tables";
	if (!why)
		return 0;
	snprintf(err, errlen, "tlb: cpu %d pcid %u entry for 0x%lx (pfn %#lx) %s",
		 cpu, e->pcid, addr, e->pfn, why);
	return -EINVAL;
}

/*
 * Used way @i of @a (set @set) is well formed: a tag of its set (a 2 MiB
 * entry only in the 2 MiB array or the STLB, no stray bits, a global one
 * without PCID), copied in its data, with a stamp no newer than the CPU's
 * clock, the allow mask of its rights (test_tlb checks that mask against
 * the rule, access by access) and a hit answer that is one: no fault,
 * the level of its size, a 2 MiB entry's frame its first, the tag's G.
 */
static const char *check_way(const struct cpu_tlb *t, const struct tlb_array *a, bool l1_huge,
			     unsigned long set, unsigned long i)
{
	u64 tag = a->tag[i];
	const struct tlb_data *d = &a->data[i];
	u64 low = tag & (tag_huge(tag) ? ~PMD_MASK : ~PAGE_MASK);

	if (!(tag & TLB_TAG_VALID) || (low & ~(TLB_TAG_VALID | TLB_TAG_HUGE | TLB_TAG_GLOBAL |
					       TLB_TAG_PCID_MASK)))
		return "malformed tag";
	if ((tag & TLB_TAG_GLOBAL) && (tag & TLB_TAG_PCID_MASK))
		return "global entry with a PCID";
	if (a != &t->stlb && tag_huge(tag) != l1_huge)
		return "entry of the wrong size for its L1 array";
	if ((tag_vpn(tag) & (a->sets - 1)) != set)
		return "entry in another set than its address's";
	if (d->tag != tag)
		return "data's copy of the tag differs";
	if (!*way_lru(a, i) || *way_lru(a, i) > t->tick)
		return "LRU stamp outside the CPU's clock";
	if (d->allow != allow_mask(d->hit.rw, d->hit.us, d->hit.nx, d->hit.dirty))
		return "allow mask disagrees with the entry's rights";
	if (d->hit.global != !!(tag & TLB_TAG_GLOBAL))
		return "global flag disagrees with the tag";
	if (d->hit.fault || d->hit.error_code ||
	    d->hit.level != (tag_huge(tag) ? PG_LEVEL_2M : PG_LEVEL_4K) ||
	    (tag_huge(tag) && (d->hit.pfn & (HPAGE_PFNS - 1))))
		return "hit answer malformed (fault, level or 2 MiB frame)";
	return NULL;
}

/*
 * Set @set of @a (with an age order; first way @first) lists its used
 * ways, and only them, oldest stamp first, each linked back to the one
 * before.  The way to report is *@bad.
 */
static const char *check_order(const struct tlb_array *a, unsigned long set,
			       unsigned long first, unsigned long *bad)
{
	const struct tlb_set_order *o = &a->order[set];
	unsigned int used = 0, n = 0, prev = TLB_ORDER_NIL;

	for (unsigned long i = first; i < first + a->g.ways; i++)
		used += !!a->tag[i];
	*bad = first;
	for (unsigned int w = o->head; w != TLB_ORDER_NIL; w = a->link[first + w].next) {
		if (w >= a->g.ways || !a->tag[first + w] || ++n > used ||
		    a->link[first + w].prev != prev ||
		    (prev != TLB_ORDER_NIL && *way_lru(a, first + prev) >= *way_lru(a, first + w))) {
			*bad = w < a->g.ways ? first + w : first;
			return "LRU order disagrees with the stamps";
		}
		prev = w;
	}
	if (n != used || o->used != used || o->tail != prev)
		return "LRU order disagrees with the stamps";
	return NULL;
}

/*
 * Every way of @cpu's arrays well formed, no two used ways of a set alike,
 * each set's hint one of its ways, each set's age order that of its
 * stamps, and each array's nr_huge and nr_global right.
 */
static int check_arrays(const struct cpu_tlb *t, int cpu, char *err, size_t errlen)
{
	const struct tlb_array *arrays[] = { &t->l1_4k, &t->l1_2m, &t->stlb };
	static const char *const names[] = { "l1_4k", "l1_2m", "stlb" };

	for (int k = 0; k < 3; k++) {
		const struct tlb_array *a = arrays[k];
		unsigned int huge = 0, global = 0;
		const char *why = NULL;
		unsigned long i = 0;

		for (unsigned long set = 0; !why && set < a->sets; set++) {
			unsigned long first = set * a->g.ways;

			for (i = first; !why && i < first + a->g.ways; i++) {
				if (!a->tag[i]) {
					if (*way_lru(a, i) || a->data[i].tag)
						why = "empty way with an LRU stamp or a tag copy";
					continue;
				}
				huge += !!(a->tag[i] & TLB_TAG_HUGE);
				global += !!(a->tag[i] & TLB_TAG_GLOBAL);
				why = check_way(t, a, k == 1, set, i);
				for (unsigned long j = first; !why && j < i; j++)
					if (a->tag[j] == a->tag[i])
						why = "the same entry twice in a set";
					else if (a->tag[j] && *way_lru(a, j) == *way_lru(a, i))
						why = "two ways of a set with one LRU stamp";
			}
			if (!why && a->order && (why = check_order(a, set, first, &i)) != NULL)
				i++;	/* reported as the way found */
			if (!why && a->mru && (a->mru[set] < &a->data[first] ||
					       a->mru[set] >= &a->data[first + a->g.ways])) {
				why = "set hint outside its set";
				i = first + 1;	/* reported as the set's first way */
			}
		}
		if (why) {
			i--;
			snprintf(err, errlen, "tlb: cpu %d %s way %lu (tag %#llx): %s", cpu,
				 names[k], i, (unsigned long long)a->tag[i], why);
			return -EINVAL;
		}
		if (huge != a->nr_huge || global != a->nr_global) {
			snprintf(err, errlen, "tlb: cpu %d %s counts %u huge and %u global entries,"
				 " holds %u and %u", cpu, names[k], a->nr_huge, a->nr_global,
				 huge, global);
			return -EINVAL;
		}
	}
	return 0;
}

/* While tlb_find's memo of its last miss holds, a lookup of that page must miss. */
static int check_miss_memo(const struct cpu_tlb *t, int cpu, char *err, size_t errlen)
{
	unsigned long addr = t->miss_key & PAGE_MASK;
	u64 pcid_tag = t->miss_key & ~PAGE_MASK;

	if (!t->miss_key || t->miss_gen != t->fill_gen)
		return 0;
	if (array_find(&t->l1_4k, addr, false, pcid_tag) < 0 &&
	    array_find(&t->l1_2m, addr, true, pcid_tag) < 0 &&
	    array_find(&t->stlb, addr, false, pcid_tag) < 0 &&
	    array_find(&t->stlb, addr, true, pcid_tag) < 0)
		return 0;
	snprintf(err, errlen, "tlb: cpu %d holds an entry for 0x%lx, which it remembers missing",
		 cpu, addr);
	return -EINVAL;
}

int validate_tlbs(struct machine *m, char *err, size_t errlen)
{
	for (int cpu = 0; m->tlb && cpu < m->nr_cpu_ids; cpu++) {
		struct cpu_tlb *t = &m->tlb[cpu];
		struct mm_struct *mm = t->loaded_mm;
		struct tlb_array *arrays[] = { &t->l1_4k, &t->l1_2m, &t->stlb };
		u64 mine = TLB_TAG_VALID | (u64)kern_pcid(t->loaded_mm_asid) << TLB_TAG_PCID_SHIFT;
		const u64 mask = TLB_TAG_VALID | TLB_TAG_GLOBAL | TLB_TAG_PCID_MASK;

		if (t->is_lazy && !mm) {
			snprintf(err, errlen, "tlb: cpu %d is lazy with init_mm loaded", cpu);
			return -EINVAL;
		}
		if (mm && !mm_cpumask_test(mm, cpu)) {
			snprintf(err, errlen, "tlb: cpu %d runs mm %p but is not in its mm_cpumask",
				 cpu, (void *)mm);
			return -EINVAL;
		}
		if (t->pcid_tag != mine) {
			snprintf(err, errlen, "tlb: cpu %d pcid_tag %#llx is not ASID %u's", cpu,
				 (unsigned long long)t->pcid_tag, t->loaded_mm_asid);
			return -EINVAL;
		}
		if (t->fast_mm != (t->is_lazy ? NULL : mm) ||
		    t->l1_key != (t->l1_4k.nr_global ? TLB_TAG_HUGE : mine)) {
			snprintf(err, errlen, "tlb: cpu %d inline hit's mm %p or key %#llx stale",
				 cpu, (void *)t->fast_mm, (unsigned long long)t->l1_key);
			return -EINVAL;
		}
		if (check_arrays(t, cpu, err, errlen) || check_miss_memo(t, cpu, err, errlen))
			return -EINVAL;
		if (!mm || t->ctxs[t->loaded_mm_asid].ctx_id != mm->tlb_ctx_id ||
		    t->ctxs[t->loaded_mm_asid].tlb_gen != mm->tlb_gen)
			continue;
		for (int k = 0; k < 3; k++)
			for (unsigned long i = 0; i < arrays[k]->g.entries; i++) {
				struct tlb_entry e;

				if ((arrays[k]->tag[i] & mask) != mine)
					continue;
				/* a 2 MiB entry seen at its first 4 KiB: the stored pfn */
				entry_view(arrays[k], i, arrays[k]->tag[i] & PMD_MASK, &e);
				if (check_entry(m, cpu, mm, &e, err, errlen))
					return -EINVAL;
			}
	}
	return 0;
}
