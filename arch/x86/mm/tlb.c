// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-CPU TLBs and Linux's x86 flushing over them (arch/x86/mm/tlb.c):
 * lookup and fill of the set-associative arrays, INVLPG, CR3 reloads,
 * choose_new_asid and switch_mm_irqs_off, flush_tlb_mm_range with its
 * 33-page ceiling and shootdowns, the TLB event counters.  The geometry
 * and what the model leaves out: asm/tlbflush.h; the arrays' tag words
 * and set search: asm/tlb_array.h; the validator: tlb_validate.c.
 *
 * Each array keeps a tag word per way (what a lookup compares: 1-2 cache
 * lines per set), the LRU stamps and the rest of each entry (struct
 * tlb_data, a cache line: a copy of the tag, the allow mask and the
 * ready-made answer of a hit) in parallel arrays (l1_4k keeps its
 * stamps in its data: struct tlb_array.lru).  The L1 4 KiB hit the access
 * path takes most is inline (tlb_l1_4k_hit, asm/tlbflush.h): it checks
 * only the way of its set last hit or filled (mru) and copies that
 * entry's answer.  Host-side shortcuts that change no outcome: that hint,
 * counts of huge and global entries skip searches none can pass, a fill
 * after a miss needs no match search, a lookup repeating the last miss
 * with nothing put since is a miss (miss_key), and the arrays with stamps
 * of their own keep each set's used ways in stamp order (tlb_array.order:
 * a full set's victim without a search of its stamps).  validate_tlbs
 * checks that bookkeeping too, and tests/unit/test_tlb_reference.c checks
 * the whole against a plain model on random streams.
 *
 * mm_cpumask(mm) is mm->tlb_cpumask, kept lazily as 6.18 does; lazy TLB
 * mode is cpu_tlb.is_lazy (asm/tlbflush.h).  Called by boot (tlb_init),
 * the context switch (kernel/process.c task_enter), kernel work
 * (enter_lazy_tlb), the mmu_gather (mm/mmu_gather.c), mprotect, fork,
 * mmput, the access path (tlb_translate), the validators and tests.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asm/tlb_array.h"
#include "asm/tlbflush.h"
#include "asm/trap_pf.h"
#include "linux/machine.h"
#include "linux/mm_struct.h"
#include "linux/pgtable.h"


struct cpu_tlb *tlb_cpu(struct machine *m, int cpu)
{
	if (!m->tlb || cpu < 0 || cpu >= m->nr_cpu_ids)
		return NULL;
	return &m->tlb[cpu];
}

void tlb_default_config(struct tlb_config *c)
{
	c->l1_4k = (struct tlb_geom){ 64, 4 };
	c->l1_2m = (struct tlb_geom){ 32, 4 };
	c->stlb = (struct tlb_geom){ 2048, 16 };
}

static bool geom_ok(struct tlb_geom g)
{
	unsigned int sets;

	if (!g.entries || !g.ways || g.entries % g.ways)
		return false;
	sets = g.entries / g.ways;
	return !(sets & (sets - 1));
}

int tlb_parse_config(const char *s, struct tlb_config *c)
{
	struct tlb_config n;
	int used = 0;

	if (sscanf(s, "%ux%u,%ux%u,%ux%u%n", &n.l1_4k.entries, &n.l1_4k.ways,
		   &n.l1_2m.entries, &n.l1_2m.ways, &n.stlb.entries, &n.stlb.ways,
		   &used) != 6 || s[used])
		return -EINVAL;
	if (!geom_ok(n.l1_4k) || !geom_ok(n.l1_2m) || !geom_ok(n.stlb))
		return -EINVAL;
	*c = n;
	return 0;
}

/* Every set of @a (with an age order) empty. */
static void order_reset(struct tlb_array *a)
{
	if (!a->order)
		return;
	for (unsigned long set = 0; set < a->sets; set++)
		a->order[set] = (struct tlb_set_order){ TLB_ORDER_NIL, TLB_ORDER_NIL, 0 };
	memset(a->link, TLB_ORDER_NIL, a->g.entries * sizeof(*a->link));
}

/*
 * An array of geometry @g; @l1_4k: the L1 4 KiB array, with its stamps in
 * its data and a hint per set (for the inline hit).
 */
static int array_init(struct tlb_array *a, struct tlb_geom g, bool l1_4k)
{
	size_t data_size = g.entries * sizeof(*a->data);

	a->g = g;
	a->sets = g.entries / g.ways;
	a->set_mask = a->sets - 1;
	a->tag = calloc(g.entries, sizeof(*a->tag));
	a->data = aligned_alloc(_Alignof(struct tlb_data), data_size);	/* a line each */
	if (l1_4k) {
		a->mru = calloc(a->sets, sizeof(*a->mru));
		a->lru = a->data ? &a->data[0].lru : NULL;
		a->lru_step = sizeof(*a->data) / sizeof(u64);
	} else {
		a->lru = calloc(g.entries, sizeof(*a->lru));
		a->lru_step = 1;
		if (g.ways < TLB_ORDER_NIL) {
			a->order = calloc(a->sets, sizeof(*a->order));
			a->link = calloc(g.entries, sizeof(*a->link));
			if (!a->order || !a->link)
				return -ENOMEM;
		}
	}
	if (!a->tag || !a->data || !a->lru || (l1_4k && !a->mru))
		return -ENOMEM;
	memset(a->data, 0, data_size);
	order_reset(a);
	for (unsigned long set = 0; a->mru && set < a->sets; set++)
		a->mru[set] = &a->data[set * g.ways];	/* an empty way: never a hit */
	return 0;
}

static void array_free(struct tlb_array *a)
{
	if (a->lru_step == 1)
		free(a->lru);
	free(a->tag);
	free(a->data);
	free(a->mru);
	free(a->order);
	free(a->link);
}

/* The inline hit's view of @t: the mm it may serve, the tag bits it compares. */
static void fast_sync(struct cpu_tlb *t)
{
	t->fast_mm = t->is_lazy ? NULL : t->loaded_mm;
	t->l1_key = t->l1_4k.nr_global ? TLB_TAG_HUGE : t->pcid_tag;
}

int tlb_init(struct machine *m)
{
	struct tlb_config *c = &m->bp.tlb;

	if (!c->l1_4k.entries)
		tlb_default_config(c);
	m->tlb = calloc(m->nr_cpu_ids, sizeof(*m->tlb));
	if (!m->tlb)
		return -ENOMEM;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		struct cpu_tlb *t = &m->tlb[cpu];

		if (array_init(&t->l1_4k, c->l1_4k, true) ||
		    array_init(&t->l1_2m, c->l1_2m, false) || array_init(&t->stlb, c->stlb, false))
			return -ENOMEM;
		t->next_asid = 1;	/* ASID 0 is init_mm's from boot */
		t->pcid_tag = TLB_TAG_VALID | (u64)kern_pcid(0) << TLB_TAG_PCID_SHIFT;
		fast_sync(t);
	}
	return 0;
}

void tlb_free(struct machine *m)
{
	if (!m->tlb)
		return;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		array_free(&m->tlb[cpu].l1_4k);
		array_free(&m->tlb[cpu].l1_2m);
		array_free(&m->tlb[cpu].stlb);
	}
	free(m->tlb);
	m->tlb = NULL;
}

/* ---- the arrays ---- */

/* Count @tag (a way's, maybe empty) in or out of @a's nr_huge and nr_global. */
static void array_count(struct tlb_array *a, u64 tag, int by)
{
	if (!tag)
		return;
	if (tag & TLB_TAG_HUGE)
		a->nr_huge += by;
	if (tag & TLB_TAG_GLOBAL)
		a->nr_global += by;
}

/* Way @w of set @set (first way @first) of @a leaves the set's age order. */
static inline void order_unlink(struct tlb_array *a, unsigned long set, unsigned long first,
				unsigned int w)
{
	struct tlb_set_order *o = &a->order[set];
	struct tlb_way_link l = a->link[first + w];

	if (l.prev == TLB_ORDER_NIL)
		o->head = l.next;
	else
		a->link[first + l.prev].next = l.next;
	if (l.next == TLB_ORDER_NIL)
		o->tail = l.prev;
	else
		a->link[first + l.next].prev = l.prev;
	o->used--;
}

/* Way @w of set @set of @a joins its age order as the newest. */
static inline void order_append(struct tlb_array *a, unsigned long set, unsigned long first,
				unsigned int w)
{
	struct tlb_set_order *o = &a->order[set];

	a->link[first + w] = (struct tlb_way_link){ o->tail, TLB_ORDER_NIL };
	if (o->tail == TLB_ORDER_NIL)
		o->head = (u8)w;
	else
		a->link[first + o->tail].next = (u8)w;
	o->tail = (u8)w;
	o->used++;
}

/*
 * Way @i of @a, in set @set, takes LRU stamp @stamp (the CPU's newest, or
 * 0: it empties); its age order follows.
 */
static inline void way_stamp(struct tlb_array *a, unsigned long set, unsigned long i, u64 stamp)
{
	u64 *lru = way_lru(a, i);

	if (a->order) {
		unsigned long first = set * a->g.ways;
		unsigned int w = (unsigned int)(i - first);

		if (*lru) {
			if (stamp && a->order[set].tail == w)
				goto out;	/* already the newest */
			order_unlink(a, set, first, w);
		}
		if (stamp)
			order_append(a, set, first, w);
	}
out:
	*lru = stamp;
}

/* What goes into a way: the tag, a hit's answer, the allow mask, the stamp. */
struct tlb_put {
	u64 tag;
	const struct mmu_result *hit;	/* pfn the page's first frame */
	u32 allow;
	u64 lru;
};

/*
 * Way @i of @a, in set @set, takes the entry @p; it becomes the set's
 * hint.  Inline, as array_put_new: a fill's puts keep @p in registers.
 */
static inline __attribute__((always_inline)) void way_set(struct tlb_array *a, unsigned long set,
							  unsigned long i, const struct tlb_put *p)
{
	struct tlb_data *to = &a->data[i];

	array_count(a, a->tag[i], -1);
	array_count(a, p->tag, 1);
	way_stamp(a, set, i, p->lru);
	a->tag[i] = p->tag;
	to->tag = p->tag;
	to->hit = *p->hit;
	to->allow = p->allow;
	if (a->mru)
		a->mru[set] = to;
}

/*
 * The way of set @first an entry goes to when no way holds its tag: the
 * first empty way, else the LRU one.  (An empty way's stamp is 0 and a
 * used one's at least 1: the first smallest stamp is the first empty way
 * if there is one.)  Without branches on the stamps.
 */
static inline unsigned long ways_victim(const u64 *lru, unsigned long ways, unsigned long step)
{
	unsigned long victim = 0;
	u64 best = lru[0];

	for (unsigned long w = 1; w < ways; w++) {
		u64 l = lru[w * step];
		bool older = l < best;

		victim = older ? w : victim;
		best = older ? l : best;
	}
	return victim;
}

static inline unsigned long set_victim(const struct tlb_array *a, unsigned long set,
				unsigned long first)
{
	const u64 *lru = way_lru(a, first);

	if (a->order) {		/* stamps are unique: a full set's oldest is its LRU */
		if (a->order[set].used == a->g.ways)
			return first + a->order[set].head;
		for (unsigned long i = first; i < first + a->g.ways; i++)
			if (!a->tag[i])
				return i;
		/* no free way: the used count is wrong (validate_tlbs says so) */
	}
	if (a->lru_step == 1)	/* stamps of their own: one or two lines */
		return first + ways_victim(lru, a->g.ways, 1);
	return first + ways_victim(lru, a->g.ways, a->lru_step);
}

/* Put the entry @p in @a: over the way with the same tag, else set_victim's way. */
static void array_put(struct tlb_array *a, const struct tlb_put *p)
{
	unsigned long set = tag_vpn(p->tag) & a->set_mask, first = set * a->g.ways;

	for (unsigned long i = first; i < first + a->g.ways; i++)
		if (a->tag[i] == p->tag) {
			way_set(a, set, i, p);
			return;
		}
	way_set(a, set, set_victim(a, set, first), p);
}

/* array_put of an entry whose tag no way of @a holds (a lookup just missed it). */
static inline __attribute__((always_inline)) void
array_put_new(struct tlb_array *a, const struct tlb_put *p)
{
	unsigned long set = tag_vpn(p->tag) & a->set_mask;

	way_set(a, set, set_victim(a, set, set * a->g.ways), p);
}

/* Empty way @i of @a. */
static void array_clear(struct tlb_array *a, unsigned long i)
{
	array_count(a, a->tag[i], -1);
	way_stamp(a, tag_vpn(a->tag[i]) & a->set_mask, i, 0);
	a->tag[i] = 0;
	a->data[i].tag = 0;
}

/* ---- lookup and fill ---- */

/*
 * The lookup itself: L1 (4 KiB, then 2 MiB), then the STLB (4 KiB, then
 * 2 MiB), whose hit is backfilled into L1; LRU stamps and counters as
 * tlb_lookup says.  The entry found is (*@arr)[*@idx].
 */
static inline __attribute__((always_inline)) enum tlb_hit
tlb_find(struct cpu_tlb *t, unsigned long addr, struct tlb_array **arr, long *idx)
{
	u64 key = (addr & PAGE_MASK) | t->pcid_tag;
	struct tlb_array *a = &t->l1_4k;
	long i;

	if (key == t->miss_key && t->miss_gen == t->fill_gen) {
		t->st.misses++;		/* nothing was put since it missed */
		return TLB_MISS;
	}
	i = array_find(a, addr, false, t->pcid_tag);
	if (i < 0) {
		a = &t->l1_2m;
		i = array_find(a, addr, true, t->pcid_tag);
	}
	if (i >= 0) {
		way_stamp(a, tag_vpn(a->tag[i]) & a->set_mask, (unsigned long)i, ++t->tick);
		if (a->mru)		/* l1_4k: the set's hint */
			a->mru[(addr >> PAGE_SHIFT) & a->set_mask] = &a->data[i];
		t->st.l1_hits++;
		*arr = a;
		*idx = i;
		return TLB_HIT_L1;
	}
	a = &t->stlb;
	i = array_find(a, addr, false, t->pcid_tag);
	if (i < 0)
		i = array_find(a, addr, true, t->pcid_tag);
	if (i < 0) {
		t->st.misses++;
		t->miss_key = key;
		t->miss_gen = t->fill_gen;
		return TLB_MISS;
	}
	way_stamp(a, tag_vpn(a->tag[i]) & a->set_mask, (unsigned long)i, ++t->tick);
	t->fill_gen++;
	/* backfill L1, where the lookup found no entry of either size */
	array_put_new(tag_huge(a->tag[i]) ? &t->l1_2m : &t->l1_4k,
		      &(struct tlb_put){ a->tag[i], &a->data[i].hit, a->data[i].allow, t->tick });
	fast_sync(t);		/* a global entry may have reached l1_4k */
	t->st.l2_hits++;
	*arr = a;
	*idx = i;
	return TLB_HIT_L2;
}

enum tlb_hit tlb_lookup(struct machine *m, int cpu, unsigned long addr,
			struct tlb_entry *out)
{
	struct tlb_array *a;
	long i;
	enum tlb_hit hit = tlb_find(tlb_cpu(m, cpu), addr, &a, &i);

	if (hit != TLB_MISS)
		entry_view(a, (unsigned long)i, addr, out);
	return hit;
}

/*
 * Cache the ready-made answer @hit (struct tlb_data.hit: level 4K or 2M,
 * a 2 MiB entry's pfn its first frame) for @addr under @t's current PCID
 * (or global) in L1 and the STLB; @is_new: neither holds an entry with
 * its tag (a lookup of @addr just missed), so no way need be searched.
 */
static void tlb_fill_entry(struct cpu_tlb *t, unsigned long addr, const struct mmu_result *hit,
			   bool is_new)
{
	bool huge = hit->level != PG_LEVEL_4K;
	struct tlb_put p = {
		.tag = tag_of(addr, huge, hit->global, kern_pcid(t->loaded_mm_asid)),
		.hit = hit, .allow = allow_mask(hit->rw, hit->us, hit->nx, hit->dirty),
		.lru = ++t->tick,
	};
	struct tlb_array *l1 = huge ? &t->l1_2m : &t->l1_4k;

	t->fill_gen++;
	if (is_new) {
		array_put_new(l1, &p);
		array_put_new(&t->stlb, &p);
	} else {
		array_put(l1, &p);
		array_put(&t->stlb, &p);
	}
	fast_sync(t);
}

void tlb_insert(struct machine *m, int cpu, unsigned long addr, const struct tlb_fill *f)
{
	struct mmu_result hit = {
		.pfn = f->huge ? f->pfn & ~(HPAGE_PFNS - 1) : f->pfn,
		.level = f->huge ? PG_LEVEL_2M : PG_LEVEL_4K, .rw = f->rw, .us = f->us,
		.nx = f->nx, .global = f->global, .dirty = f->dirty,
	};

	tlb_fill_entry(tlb_cpu(m, cpu), addr, &hit, false);
}

/* Rights of one more level of the walk. */
static void fill_take(struct tlb_fill *f, pteval_t e)
{
	f->rw &= !!(e & _PAGE_RW);
	f->us &= !!(e & _PAGE_USER);
	f->nx |= !!(e & _PAGE_NX);
}

static void fill_leaf(struct tlb_fill *f, pteval_t e, unsigned long pfn)
{
	fill_take(f, e);
	f->global = !!(e & _PAGE_GLOBAL);
	f->dirty = !!(e & _PAGE_DIRTY);
	f->pfn = pfn;
}

bool tlb_walk_fill(struct machine *m, struct mm_struct *mm, unsigned long addr,
		   struct tlb_fill *f)
{
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	*f = (struct tlb_fill){ .rw = true, .us = true };
	if (!mm->pgd || (addr >> (mm->l5_ram ? __VIRTUAL_MASK_SHIFT_L5 : __VIRTUAL_MASK_SHIFT)))
		return false;
	if (mm->l5_ram) {			/* the PML5 entry */
		pgd_t *top = pgd_offset_top(mm, addr);

		if (!(top->pgd & _PAGE_PRESENT))
			return false;
		fill_take(f, top->pgd);
	}
	p4d = p4d_offset(pgd_offset(mm, addr), addr);
	if (!(p4d->p4d & _PAGE_PRESENT))
		return false;
	fill_take(f, p4d->p4d);
	pud = pud_offset(m, p4d, addr);
	if (!pud || !(pud->pud & _PAGE_PRESENT))
		return false;
	if (pud_leaf(*pud)) {
		f->huge = true;
		fill_leaf(f, pud->pud, ((pud->pud & pud_pfn_mask(*pud)) >> PAGE_SHIFT) +
			  ((addr & (PUD_SIZE - 1)) >> PAGE_SHIFT));
		return true;
	}
	fill_take(f, pud->pud);
	pmd = pmd_offset(m, pud, addr);
	if (!pmd || !(pmd->pmd & _PAGE_PRESENT))
		return false;
	if (pmd_leaf(*pmd)) {
		f->huge = true;
		fill_leaf(f, pmd->pmd, ((pmd->pmd & pmd_pfn_mask(*pmd)) >> PAGE_SHIFT) +
			  ((addr & (PMD_SIZE - 1)) >> PAGE_SHIFT));
		return true;
	}
	fill_take(f, pmd->pmd);
	pte = pte_offset_kernel(m, pmd, addr);
	if (!pte || !(pte->pte & _PAGE_PRESENT))
		return false;
	fill_leaf(f, pte->pte, pte_pfn(*pte));
	return true;
}

/* ---- invalidation ---- */

/* Does @tag (a used way) translate @addr, at its own size, globally or for @pcid? */
static bool tag_covers(u64 tag, unsigned long addr, u16 pcid)
{
	bool huge = tag_huge(tag);

	return tag == tag_of(addr, huge, false, pcid) || tag == tag_of(addr, huge, true, 0);
}

/* INVLPG's reach in @a: the one set @addr's entries of size @huge map to. */
static void invlpg_set(struct tlb_array *a, unsigned long addr, u16 pcid, bool huge)
{
	unsigned long first = set_first(a, vpn_of(addr, huge));

	if (huge && !a->nr_huge)
		return;			/* no 2 MiB entry anywhere */
	for (unsigned long i = first; i < first + a->g.ways; i++)
		if (a->tag[i] && tag_covers(a->tag[i], addr, pcid))
			array_clear(a, i);
}

void flush_tlb_one_user(struct machine *m, int cpu, unsigned long addr)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);
	u16 pcid = kern_pcid(t->loaded_mm_asid);

	/* an entry for @addr can only sit in its set: a full scan, done faster */
	invlpg_set(&t->l1_4k, addr, pcid, false);
	invlpg_set(&t->l1_2m, addr, pcid, true);
	invlpg_set(&t->stlb, addr, pcid, false);
	invlpg_set(&t->stlb, addr, pcid, true);
	fast_sync(t);
}

/* Flush @pcid's non-global entries (a CR3 write without NOFLUSH). */
static void flush_pcid(struct cpu_tlb *t, u16 pcid)
{
	struct tlb_array *arrays[] = { &t->l1_4k, &t->l1_2m, &t->stlb };
	const u64 mask = TLB_TAG_VALID | TLB_TAG_GLOBAL | TLB_TAG_PCID_MASK;
	const u64 want = TLB_TAG_VALID | (u64)pcid << TLB_TAG_PCID_SHIFT;

	for (int k = 0; k < 3; k++)
		for (unsigned long i = 0; i < arrays[k]->g.entries; i++)
			if ((arrays[k]->tag[i] & mask) == want)
				array_clear(arrays[k], i);
	fast_sync(t);
}

void flush_tlb_local(struct machine *m, int cpu)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);

	flush_pcid(t, kern_pcid(t->loaded_mm_asid));
}

void __flush_tlb_all(struct machine *m, int cpu)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);
	struct tlb_array *arrays[] = { &t->l1_4k, &t->l1_2m, &t->stlb };

	for (int k = 0; k < 3; k++) {
		memset(arrays[k]->tag, 0, arrays[k]->g.entries * sizeof(u64));
		memset(arrays[k]->data, 0, arrays[k]->g.entries * sizeof(struct tlb_data));
		if (arrays[k]->lru_step == 1)
			memset(arrays[k]->lru, 0, arrays[k]->g.entries * sizeof(u64));
		arrays[k]->nr_huge = 0;
		arrays[k]->nr_global = 0;
		order_reset(arrays[k]);
	}
	fast_sync(t);
}

/* ---- mm_cpumask ---- */

static bool cpumask_test(const struct mm_struct *mm, int cpu)
{
	return mm->tlb_cpumask[cpu / 64] >> (cpu % 64) & 1;
}

static void cpumask_set(struct mm_struct *mm, int cpu)
{
	mm->tlb_cpumask[cpu / 64] |= 1ULL << (cpu % 64);
}

static void cpumask_clear(struct mm_struct *mm, int cpu)
{
	mm->tlb_cpumask[cpu / 64] &= ~(1ULL << (cpu % 64));
}

bool mm_cpumask_test(const struct mm_struct *mm, int cpu)
{
	return cpu >= 0 && cpu < NR_CPUS_TLBMASK && cpumask_test(mm, cpu);
}

/* cpumask_any_but(mm_cpumask(mm), cpu) < nr_cpu_ids */
static bool cpumask_other(const struct machine *m, const struct mm_struct *mm, int cpu)
{
	for (int c = 0; c < m->nr_cpu_ids; c++)
		if (c != cpu && cpumask_test(mm, c))
			return true;
	return false;
}

/* ---- context switch ---- */

/* choose_new_asid: the slot already holding @next, else the next one. */
static void choose_new_asid(struct cpu_tlb *t, struct mm_struct *next, u64 next_tlb_gen,
			    u16 *new_asid, bool *need_flush)
{
	for (u16 asid = 0; asid < TLB_NR_DYN_ASIDS; asid++) {
		if (t->ctxs[asid].ctx_id != next->tlb_ctx_id)
			continue;
		*new_asid = asid;
		*need_flush = t->ctxs[asid].tlb_gen < next_tlb_gen;
		return;
	}
	*new_asid = t->next_asid++;
	if (*new_asid >= TLB_NR_DYN_ASIDS) {
		*new_asid = 0;
		t->next_asid = 1;
	}
	*need_flush = true;
}

void switch_mm_irqs_off(struct machine *m, int cpu, struct mm_struct *next)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);
	bool was_lazy;
	u16 asid;
	bool need_flush;

	if (!t)			/* before tlb_init */
		return;
	was_lazy = t->is_lazy;
	t->is_lazy = false;
	fast_sync(t);
	if (t->loaded_mm == next) {
		/* not switching: only a lazy CPU may have missed flushes */
		if (!next || !was_lazy ||
		    t->ctxs[t->loaded_mm_asid].tlb_gen == next->tlb_gen)
			return;
		asid = t->loaded_mm_asid;
		need_flush = true;
	} else {
		t->loaded_mm = next;
		fast_sync(t);
		if (!next)	/* to init_mm: kernel mappings are global */
			return;
		if (!next->tlb_ctx_id)	/* init_new_context's ctx_id, given lazily */
			next->tlb_ctx_id = ++m->tlb_last_ctx_id;
		cpumask_set(next, cpu);	/* "CR3 is about to change" */
		choose_new_asid(t, next, next->tlb_gen, &asid, &need_flush);
	}
	t->loaded_mm_asid = asid;
	t->pcid_tag = TLB_TAG_VALID | (u64)kern_pcid(asid) << TLB_TAG_PCID_SHIFT;
	fast_sync(t);
	if (need_flush) {	/* load_new_mm_cr3 without NOFLUSH */
		t->ctxs[asid].ctx_id = next->tlb_ctx_id;
		t->ctxs[asid].tlb_gen = next->tlb_gen;
		flush_pcid(t, kern_pcid(asid));
	}
}

void init_new_context(struct machine *m, struct mm_struct *mm)
{
	mm->tlb_ctx_id = ++m->tlb_last_ctx_id;
	mm->tlb_gen = 0;
	mm->next_trim_cpumask = m->clock_ns + TLB_TRIM_INTERVAL_NS;
}

void enter_lazy_tlb(struct machine *m, int cpu)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);

	if (t && t->loaded_mm) {
		t->is_lazy = true;
		fast_sync(t);
	}
}

void tlb_drop_lazy_mm(struct machine *m, struct mm_struct *mm)
{
	for (int cpu = 0; m->tlb && cpu < m->nr_cpu_ids; cpu++) {
		if (m->tlb[cpu].loaded_mm == mm) {
			m->tlb[cpu].loaded_mm = NULL;
			m->tlb[cpu].is_lazy = false;
			fast_sync(&m->tlb[cpu]);
		}
	}
}

/* ---- flush_tlb_mm_range ---- */

/* What one flush asks every CPU to do (struct flush_tlb_info). */
struct flush_tlb_info {
	struct mm_struct *mm;
	unsigned long start, end;	/* end TLB_FLUSH_ALL: everything */
	unsigned int stride_shift;	/* page size of the range */
	bool freed_tables;		/* page tables went: IPI lazy CPUs too */
	bool trim_cpumask;		/* also IPI CPUs that left the mm */
	u64 new_tlb_gen;		/* mm->tlb_gen this flush created */
	int initiating_cpu;
};

/* flush_tlb_func: bring @cpu's ASID of f->mm up to mm->tlb_gen. */
static void flush_tlb_func(struct machine *m, int cpu, const struct flush_tlb_info *f)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);
	bool local = cpu == f->initiating_cpu;
	struct tlb_context *ctx;
	u64 mm_tlb_gen, local_tlb_gen;

	if (!local) {
		t->st.irq_tlb_count++;
		t->st.remote_flush_received++;
	}
	if (t->loaded_mm != f->mm) {	/* left in the mask: clear it */
		cpumask_clear(f->mm, cpu);
		return;
	}
	if (t->is_lazy) {		/* cheaper to leave than to flush */
		switch_mm_irqs_off(m, cpu, NULL);
		return;
	}
	ctx = &t->ctxs[t->loaded_mm_asid];
	local_tlb_gen = ctx->tlb_gen;
	if (f->new_tlb_gen <= local_tlb_gen)
		return;			/* a later flush got here first */
	mm_tlb_gen = f->mm->tlb_gen;
	if (local_tlb_gen == mm_tlb_gen)
		return;
	if (f->end != TLB_FLUSH_ALL && f->new_tlb_gen == local_tlb_gen + 1 &&
	    f->new_tlb_gen == mm_tlb_gen) {
		unsigned long nr = (f->end - f->start) >> f->stride_shift;

		for (unsigned long a = f->start; a < f->end; a += 1UL << f->stride_shift)
			flush_tlb_one_user(m, cpu, a);
		if (local)
			t->st.local_flush_one += nr;
	} else {
		flush_tlb_local(m, cpu);
		if (local)
			t->st.local_flush_all++;
	}
	ctx->tlb_gen = mm_tlb_gen;
}

/* should_flush_tlb: which CPUs of the mask get the IPI of a plain flush. */
static bool should_flush_tlb(struct machine *m, int cpu, const struct flush_tlb_info *f)
{
	if (m->tlb[cpu].is_lazy)
		return false;		/* it flushes at its next switch_mm */
	if (m->tlb[cpu].loaded_mm == f->mm)
		return true;
	return f->trim_cpumask;
}

/* should_trim_cpumask: at most once a second of virtual time. */
static bool should_trim_cpumask(struct machine *m, struct mm_struct *mm)
{
	if (m->clock_ns < mm->next_trim_cpumask)
		return false;
	mm->next_trim_cpumask = m->clock_ns + TLB_TRIM_INTERVAL_NS;
	return true;
}

/* native_flush_tlb_multi: one NR_TLB_REMOTE_FLUSH, IPIs to the mask. */
static void flush_tlb_multi(struct machine *m, struct flush_tlb_info *f)
{
	m->tlb[f->initiating_cpu].st.remote_flush++;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		if (!cpumask_test(f->mm, cpu))
			continue;
		if (f->freed_tables || should_flush_tlb(m, cpu, f))
			flush_tlb_func(m, cpu, f);
	}
}

void flush_tlb_mm_range(struct machine *m, struct mm_struct *mm, unsigned long start,
			unsigned long end, unsigned int stride_shift, bool freed_tables)
{
	struct flush_tlb_info f = { mm, start, end, stride_shift, freed_tables, false, 0,
				    m->current_cpu };

	if (!m->tlb)
		return;
	if (end == TLB_FLUSH_ALL ||
	    ((end - start) >> stride_shift) > TLB_SINGLE_PAGE_FLUSH_CEILING) {
		f.start = 0;
		f.end = TLB_FLUSH_ALL;
	}
	f.new_tlb_gen = ++mm->tlb_gen;	/* inc_mm_tlb_gen */
	if (cpumask_other(m, mm, f.initiating_cpu)) {
		f.trim_cpumask = should_trim_cpumask(m, mm);
		flush_tlb_multi(m, &f);
	} else if (m->tlb[f.initiating_cpu].loaded_mm == mm) {
		flush_tlb_func(m, f.initiating_cpu, &f);
	}
}

void flush_tlb_mm(struct machine *m, struct mm_struct *mm)
{
	flush_tlb_mm_range(m, mm, 0, TLB_FLUSH_ALL, PAGE_SHIFT, false);
}

void flush_tlb_range(struct machine *m, struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	flush_tlb_mm_range(m, vma->vm_mm, start, end, PAGE_SHIFT, false);
}

/* ---- the access path's front end ---- */

/*
 * Cache the successful walk *@res of @addr (a lookup just missed it, or
 * its entry was flushed): a 4 KiB leaf's result is the entry's answer as
 * it stands; a 2 MiB or 1 GiB leaf's is cached as the 2 MiB page of
 * @addr, from that page's first frame.
 */
static void fill_from_walk(struct cpu_tlb *t, unsigned long addr, const struct mmu_result *res)
{
	struct mmu_result hit;

	if (res->level == PG_LEVEL_4K) {
		tlb_fill_entry(t, addr, res, true);
		return;
	}
	hit = *res;
	hit.level = PG_LEVEL_2M;
	hit.pfn &= ~(HPAGE_PFNS - 1);
	tlb_fill_entry(t, addr, &hit, true);
}

enum tlb_hit tlb_translate_slow(struct machine *m, struct mm_struct *mm, unsigned long addr,
				unsigned int access, struct mmu_result *res)
{
	int cpu = m->current_cpu;
	struct cpu_tlb *t = &m->tlb[cpu];
	struct tlb_array *a;
	enum tlb_hit hit;
	long i;

	if (t->loaded_mm != mm || t->is_lazy)	/* else switch_mm_irqs_off does nothing */
		switch_mm_irqs_off(m, cpu, mm);
	hit = tlb_find(t, addr, &a, &i);
	if (hit != TLB_MISS && (a->data[i].allow >> TLB_ALLOW_INDEX(access) & 1)) {
		*res = a->data[i].hit;
		if (res->level != PG_LEVEL_4K)	/* the frame of @addr's 4 KiB page */
			res->pfn += (addr >> PAGE_SHIFT) & (HPAGE_PFNS - 1);
		return hit;
	}
	if (hit != TLB_MISS) {	/* it needs a walk: count a miss, not a hit */
		if (hit == TLB_HIT_L1)
			t->st.l1_hits--;
		else
			t->st.l2_hits--;
		t->st.misses++;
		flush_tlb_one_user(m, cpu, addr);	/* as a #PF drops them */
	}
	mmu_walk(m, mm, addr, access, res);
	if (!res->fault)	/* one walk: mmu_walk gives what the entry caches */
		fill_from_walk(t, addr, res);	/* missed, or flushed above */
	return TLB_MISS;
}

enum tlb_hit tlb_translate(struct machine *m, struct mm_struct *mm, unsigned long addr,
			   unsigned int access, struct mmu_result *res)
{
	struct cpu_tlb *t = &m->tlb[m->current_cpu];
	const struct tlb_data *d;

	/* On a CPU running @mm (no switch_mm to do), try the L1 4 KiB array. */
	if (__builtin_expect(t->fast_mm == mm, 1) &&
	    __builtin_expect((d = tlb_l1_4k_hit(t, addr, access)) != NULL, 1)) {
		*res = d->hit;
		return TLB_HIT_L1;
	}
	return tlb_translate_slow(m, mm, addr, access, res);
}
