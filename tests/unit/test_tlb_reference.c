// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TLB model (arch/x86/mm/tlb.c) against a plain reference model on
 * random operation streams.  The reference keeps each way as a struct
 * (valid, size, global, PCID, page, frame, rights, LRU stamp) and does
 * what asm/tlbflush.h specifies with linear searches: lookup order (L1
 * 4 KiB, L1 2 MiB, STLB 4 KiB, STLB 2 MiB; the first way in order of the
 * CPU's PCID or global), backfill of an STLB hit into L1, LRU stamps and
 * victims (the first empty way, else the least recently used), the
 * access rights an entry grants without a walk, the hit counted as a miss
 * when the entry does not allow the access, INVLPG, CR3 flushes of a
 * PCID, a full flush, choose_new_asid and lazy mode.  Its walk is the real
 * one: on a miss it takes the page-table walk's answer from the model.
 *
 * The stream runs on two CPUs and three processes whose page tables map
 * 4 KiB pages with random rights (some global, some absent) and one
 * 2 MiB leaf; it translates (tlb_translate, and the access loop's inline
 * tlb_l1_4k_hit then tlb_translate_slow), looks up, inserts, flushes and
 * switches.  Every answer, every hit's result and the hit/miss counters
 * must agree, and validate_tlbs must pass throughout.  Three geometries:
 * 2, 4 and 3 ways in L1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "asm/tlbflush.h"
#include "asm/trap_pf.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

#define BASE		0x100000000000UL	/* 4 KiB pages [0, NR_4K) */
#define NR_4K		24
#define HUGE_BASE	(BASE + PMD_SIZE)	/* one 2 MiB leaf */
#define NR_MM		3
#define NR_CPU		2
#define TLB_DATA_PFN(d)	((d)->hit.pfn)	/* the frame an inline hit gives */

/* One way of a reference array. */
struct ref_way {
	bool valid, huge, global;
	u16 pcid;		/* 0 for a global entry */
	unsigned long vpn;	/* page number at the entry's size */
	unsigned long pfn;	/* first frame */
	bool rw, us, nx, dirty;
	u64 lru;		/* 0: empty */
};

struct ref_array {
	unsigned int sets, ways;
	struct ref_way w[2048];
};

/* One CPU of the reference. */
struct ref_cpu {
	struct ref_array l1_4k, l1_2m, stlb;
	u64 tick;
	struct mm_struct *loaded_mm;
	bool is_lazy;
	u16 asid, next_asid;
	struct tlb_context ctxs[TLB_NR_DYN_ASIDS];
	u64 l1_hits, l2_hits, misses;
};

/* ---- the reference ---- */

static unsigned long ref_vpn(unsigned long addr, bool huge)
{
	return addr >> (huge ? PMD_SHIFT : PAGE_SHIFT);
}

/* The first way of @a's set for @addr at size @huge matching @pcid or global, or -1. */
static int ref_find(const struct ref_array *a, unsigned long addr, bool huge, u16 pcid)
{
	unsigned long vpn = ref_vpn(addr, huge);
	unsigned int first = (vpn % a->sets) * a->ways;

	for (unsigned int i = first; i < first + a->ways; i++) {
		const struct ref_way *w = &a->w[i];

		if (w->valid && w->huge == huge && w->vpn == vpn && (w->global || w->pcid == pcid))
			return (int)i;
	}
	return -1;
}

/* Put @e in @a: over the way holding the same entry, else the first of the oldest. */
static void ref_put(struct ref_array *a, const struct ref_way *e)
{
	unsigned int first = (e->vpn % a->sets) * a->ways, victim = first;

	for (unsigned int i = first; i < first + a->ways; i++) {
		const struct ref_way *w = &a->w[i];

		if (w->valid && w->huge == e->huge && w->vpn == e->vpn && w->global == e->global &&
		    w->pcid == e->pcid) {
			a->w[i] = *e;
			return;
		}
	}
	for (unsigned int i = first; i < first + a->ways; i++)
		if (a->w[i].lru < a->w[victim].lru)
			victim = i;
	a->w[victim] = *e;
}

static u16 ref_pcid(const struct ref_cpu *c)
{
	return kern_pcid(c->asid);
}

/* Lookup: *@a, *@i the entry found. */
static enum tlb_hit ref_lookup(struct ref_cpu *c, unsigned long addr, struct ref_array **a,
			       int *i)
{
	u16 pcid = ref_pcid(c);

	*a = &c->l1_4k;
	*i = ref_find(*a, addr, false, pcid);
	if (*i < 0) {
		*a = &c->l1_2m;
		*i = ref_find(*a, addr, true, pcid);
	}
	if (*i >= 0) {
		(*a)->w[*i].lru = ++c->tick;
		c->l1_hits++;
		return TLB_HIT_L1;
	}
	*a = &c->stlb;
	*i = ref_find(*a, addr, false, pcid);
	if (*i < 0)
		*i = ref_find(*a, addr, true, pcid);
	if (*i < 0) {
		c->misses++;
		return TLB_MISS;
	}
	(*a)->w[*i].lru = ++c->tick;
	ref_put((*a)->w[*i].huge ? &c->l1_2m : &c->l1_4k, &(*a)->w[*i]);
	c->l2_hits++;
	return TLB_HIT_L2;
}

/* Fill from a walk's answer for @addr (frame of the address, @huge leaf). */
static void ref_fill(struct ref_cpu *c, unsigned long addr, unsigned long pfn, bool huge,
		     bool global, bool rw, bool us, bool nx, bool dirty)
{
	struct ref_way e = {
		.valid = true, .huge = huge, .global = global, .pcid = global ? 0 : ref_pcid(c),
		.vpn = ref_vpn(addr, huge), .pfn = huge ? pfn & ~511UL : pfn,
		.rw = rw, .us = us, .nx = nx, .dirty = dirty, .lru = ++c->tick,
	};

	ref_put(huge ? &c->l1_2m : &c->l1_4k, &e);
	ref_put(&c->stlb, &e);
}

static void ref_clear_if(struct ref_array *a, unsigned int i, bool huge, unsigned long addr,
			 u16 pcid)
{
	struct ref_way *w = &a->w[i];

	if (w->valid && w->huge == huge && w->vpn == ref_vpn(addr, huge) &&
	    (w->global || w->pcid == pcid))
		*w = (struct ref_way){ 0 };
}

/* INVLPG: every entry of the current PCID or global covering @addr. */
static void ref_invlpg(struct ref_cpu *c, unsigned long addr)
{
	struct ref_array *arrays[] = { &c->l1_4k, &c->l1_2m, &c->stlb };

	for (int k = 0; k < 3; k++)
		for (unsigned int i = 0; i < arrays[k]->sets * arrays[k]->ways; i++) {
			ref_clear_if(arrays[k], i, false, addr, ref_pcid(c));
			ref_clear_if(arrays[k], i, true, addr, ref_pcid(c));
		}
}

static void ref_flush_pcid(struct ref_cpu *c, u16 pcid, bool all)
{
	struct ref_array *arrays[] = { &c->l1_4k, &c->l1_2m, &c->stlb };

	for (int k = 0; k < 3; k++)
		for (unsigned int i = 0; i < arrays[k]->sets * arrays[k]->ways; i++) {
			struct ref_way *w = &arrays[k]->w[i];

			if (all || (!w->global && w->pcid == pcid))
				*w = (struct ref_way){ 0 };
		}
}

static void ref_switch(struct ref_cpu *c, struct mm_struct *next)
{
	bool was_lazy = c->is_lazy, flush = true;
	u16 asid;

	c->is_lazy = false;
	if (c->loaded_mm == next) {
		if (!next || !was_lazy || c->ctxs[c->asid].tlb_gen == next->tlb_gen)
			return;
		asid = c->asid;
	} else {
		c->loaded_mm = next;
		if (!next)
			return;
		for (asid = 0; asid < TLB_NR_DYN_ASIDS; asid++)
			if (c->ctxs[asid].ctx_id == next->tlb_ctx_id)
				break;
		if (asid < TLB_NR_DYN_ASIDS) {
			flush = c->ctxs[asid].tlb_gen < next->tlb_gen;
		} else {
			asid = c->next_asid++;
			if (asid >= TLB_NR_DYN_ASIDS) {
				asid = 0;
				c->next_asid = 1;
			}
		}
	}
	c->asid = asid;
	if (flush) {
		c->ctxs[asid].ctx_id = next->tlb_ctx_id;
		c->ctxs[asid].tlb_gen = next->tlb_gen;
		ref_flush_pcid(c, kern_pcid(asid), false);
	}
}

/* What the rights allow without a walk (the SDM's rule). */
static bool ref_allows(const struct ref_way *w, unsigned int access)
{
	bool user = access & X86_PF_USER;

	if ((access & X86_PF_WRITE) && !(w->rw && w->dirty))
		return false;
	if (user && !w->us)
		return false;
	if ((access & X86_PF_INSTR) && (w->nx || (!user && w->us)))
		return false;
	return true;
}

/* ---- the stream ---- */

struct stream {
	struct machine *m;
	struct mm_struct *mm[NR_MM];
	struct ref_cpu cpu[NR_CPU];
	pmdval_t saved_pmd[NR_MM];	/* the PMD entries the 2 MiB leaves replace */
	u64 rnd;
	unsigned long op;		/* for messages */
};

static u64 rnd(struct stream *s, u64 below)
{
	s->rnd ^= s->rnd << 13;
	s->rnd ^= s->rnd >> 7;
	s->rnd ^= s->rnd << 17;
	return s->rnd % below;
}

/* A random address: mostly the 4 KiB pages, some inside the 2 MiB leaf. */
static unsigned long rnd_addr(struct stream *s)
{
	if (rnd(s, 5) == 0)
		return HUGE_BASE + rnd(s, 512) * PAGE_SIZE + rnd(s, PAGE_SIZE);
	return BASE + rnd(s, NR_4K) * PAGE_SIZE + rnd(s, PAGE_SIZE);
}

static void ref_array_init(struct ref_array *a, struct tlb_geom g)
{
	a->sets = g.entries / g.ways;
	a->ways = g.ways;
	assert_true(g.entries <= 2048);
}

/*
 * Map, in each mm, the 4 KiB pages with random rights (a quarter absent,
 * an eighth global) and the 2 MiB leaf (frames made up: nothing reads
 * them).  @undo: clear them again.
 */
static void map_pages(struct stream *s, bool undo)
{
	for (int k = 0; k < NR_MM; k++) {
		struct mm_struct *mm = s->mm[k];
		pmd_t *pmd;

		for (int n = 0; n < NR_4K; n++) {
			pte_t *pte = get_locked_pte(s->m, mm, BASE + n * PAGE_SIZE);
			pteval_t f = _PAGE_PRESENT | _PAGE_ACCESSED;

			assert_non_null(pte);
			if (undo || rnd(s, 4) == 0) {
				pte_clear(pte);
				continue;
			}
			f |= rnd(s, 4) ? _PAGE_USER : 0;
			f |= rnd(s, 3) ? _PAGE_RW : 0;
			f |= rnd(s, 3) ? 0 : _PAGE_NX;
			f |= rnd(s, 2) ? _PAGE_DIRTY : 0;
			f |= rnd(s, 4) ? 0 : _PAGE_GLOBAL;
			set_pte(pte, pfn_pte(1000 + 64 * k + n, __pgprot(f)));
		}
		/* the 2 MiB leaf sits where a PTE table was made; put that back after */
		if (!undo)
			assert_non_null(get_locked_pte(s->m, mm, HUGE_BASE));
		pmd = pmd_offset(s->m, pud_offset(s->m, p4d_offset(pgd_offset(mm, HUGE_BASE),
						 HUGE_BASE), HUGE_BASE), HUGE_BASE);
		assert_non_null(pmd);
		if (undo) {
			pmd->pmd = s->saved_pmd[k];
			continue;
		}
		s->saved_pmd[k] = pmd->pmd;
		pmd->pmd = ((pmdval_t)(512 * (8 + k)) << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_PSE |
			   _PAGE_USER | _PAGE_RW | _PAGE_ACCESSED;
	}
}

/* The real counters of every CPU equal the reference's. */
static void check_counters(struct stream *s)
{
	for (int cpu = 0; cpu < NR_CPU; cpu++) {
		const struct tlb_stats *st = &tlb_cpu(s->m, cpu)->st;
		const struct ref_cpu *c = &s->cpu[cpu];

		if (st->l1_hits != c->l1_hits || st->l2_hits != c->l2_hits ||
		    st->misses != c->misses)
			fail_msg("op %lu: cpu %d counts %llu/%llu/%llu hits/hits/misses, reference "
				 "%llu/%llu/%llu", s->op, cpu, (unsigned long long)st->l1_hits,
				 (unsigned long long)st->l2_hits, (unsigned long long)st->misses,
				 (unsigned long long)c->l1_hits, (unsigned long long)c->l2_hits,
				 (unsigned long long)c->misses);
	}
}

static void check_hit(struct stream *s, enum tlb_hit got, enum tlb_hit want, unsigned long addr)
{
	if (got != want)
		fail_msg("op %lu: 0x%lx answered %d, reference %d", s->op, addr, got, want);
}

/* The frame of @addr that reference way @w gives. */
static unsigned long ref_frame(const struct ref_way *w, unsigned long addr)
{
	return w->pfn + (w->huge ? (addr >> PAGE_SHIFT) & 511 : 0);
}

/*
 * One access through the TLB by @cpu: tlb_translate, or (@inline_first)
 * what the access loop does: tlb_l1_4k_hit, then tlb_translate_slow.
 */
static void op_translate(struct stream *s, int cpu, bool inline_first)
{
	struct ref_cpu *c = &s->cpu[cpu];
	struct cpu_tlb *t = tlb_cpu(s->m, cpu);
	struct mm_struct *mm = s->mm[rnd(s, NR_MM)];
	unsigned long addr = rnd_addr(s);
	unsigned int access = (rnd(s, 3) ? 0 : X86_PF_WRITE) | (rnd(s, 4) ? X86_PF_USER : 0) |
			      (rnd(s, 6) ? 0 : X86_PF_INSTR);
	const struct tlb_data *d = NULL;
	struct mmu_result res = { 0 };
	enum tlb_hit got, want;
	struct ref_array *a;
	struct ref_way *w;
	int i;

	s->m->current_cpu = cpu;
	if (inline_first && t->loaded_mm == mm && !t->is_lazy)
		d = tlb_l1_4k_hit(t, addr, access);
	if (d)
		got = TLB_HIT_L1;
	else if (inline_first)
		got = tlb_translate_slow(s->m, mm, addr, access, &res);
	else
		got = tlb_translate(s->m, mm, addr, access, &res);

	if (c->loaded_mm != mm || c->is_lazy)
		ref_switch(c, mm);
	want = ref_lookup(c, addr, &a, &i);
	w = want != TLB_MISS ? &a->w[i] : NULL;
	if (w && ref_allows(w, access)) {
		check_hit(s, got, want, addr);
		if (d) {
			assert_int_equal(TLB_DATA_PFN(d), ref_frame(w, addr));
			return;
		}
		if (res.fault || res.error_code || res.pfn != ref_frame(w, addr) ||
		    res.level != (w->huge ? PG_LEVEL_2M : PG_LEVEL_4K) || res.rw != w->rw ||
		    res.us != w->us || res.nx != w->nx || res.global != w->global ||
		    res.dirty != w->dirty)
			fail_msg("op %lu: hit on 0x%lx gave another result than the reference",
				 s->op, addr);
		return;
	}
	if (w) {			/* the entry does not allow it: a miss and a walk */
		if (want == TLB_HIT_L1)
			c->l1_hits--;
		else
			c->l2_hits--;
		c->misses++;
		ref_invlpg(c, addr);
	}
	check_hit(s, got, TLB_MISS, addr);
	if (!res.fault)
		ref_fill(c, addr, res.pfn, res.level != PG_LEVEL_4K, res.global, res.rw, res.us,
			 res.nx, res.dirty);
}

/* tlb_lookup of a random address on @cpu: the same entry as the reference's. */
static void op_lookup(struct stream *s, int cpu)
{
	unsigned long addr = rnd_addr(s);
	struct tlb_entry e;
	struct ref_array *a;
	struct ref_way *w;
	enum tlb_hit want;
	int i;

	check_hit(s, tlb_lookup(s->m, cpu, addr, &e), want = ref_lookup(&s->cpu[cpu], addr, &a, &i),
		  addr);
	if (want == TLB_MISS)
		return;
	w = &a->w[i];
	if (!e.valid || e.global != w->global || e.huge != w->huge || e.rw != w->rw ||
	    e.us != w->us || e.nx != w->nx || e.dirty != w->dirty || e.pcid != w->pcid ||
	    e.vpn != w->vpn || e.pfn != ref_frame(w, addr))
		fail_msg("op %lu: lookup of 0x%lx saw another entry than the reference", s->op,
			 addr);
}

/* tlb_insert of what a read-only walk of @cpu's loaded mm finds. */
static void op_insert(struct stream *s, int cpu)
{
	struct mm_struct *mm = tlb_cpu(s->m, cpu)->loaded_mm;
	unsigned long addr = rnd_addr(s);
	struct tlb_fill f;

	if (!mm || !tlb_walk_fill(s->m, mm, addr, &f))
		return;
	tlb_insert(s->m, cpu, addr, &f);
	ref_fill(&s->cpu[cpu], addr, f.pfn, f.huge, f.global, f.rw, f.us, f.nx, f.dirty);
}

static void one_op(struct stream *s)
{
	int cpu = (int)rnd(s, NR_CPU);
	struct ref_cpu *c = &s->cpu[cpu];
	u64 r = rnd(s, 1000);

	if (r < 400) {
		op_translate(s, cpu, false);
	} else if (r < 700) {
		op_translate(s, cpu, true);
	} else if (r < 800) {
		op_lookup(s, cpu);
	} else if (r < 900) {
		op_insert(s, cpu);
	} else if (r < 950) {
		unsigned long addr = rnd_addr(s);

		flush_tlb_one_user(s->m, cpu, addr);
		ref_invlpg(c, addr);
	} else if (r < 965) {
		flush_tlb_local(s->m, cpu);
		ref_flush_pcid(c, ref_pcid(c), false);
	} else if (r < 970) {
		__flush_tlb_all(s->m, cpu);
		ref_flush_pcid(c, 0, true);
	} else if (r < 985) {
		enter_lazy_tlb(s->m, cpu);
		c->is_lazy = c->loaded_mm != NULL;
	} else {
		struct mm_struct *next = rnd(s, 4) ? s->mm[rnd(s, NR_MM)] : NULL;

		switch_mm_irqs_off(s->m, cpu, next);
		ref_switch(c, next);
	}
}

/* @ops random operations on a machine with TLB geometry @tlb (mmsim.tlb=). */
static void run_stream(const char *tlb, u64 seed, unsigned long ops)
{
	char cmdline[128], err[512];
	struct stream *s = calloc(1, sizeof(*s));
	static const char *const names[NR_MM] = { "a", "b", "c" };

	assert_non_null(s);
	snprintf(cmdline, sizeof(cmdline), "mem=1G nr_cpus=%d mmsim.tlb=%s", NR_CPU, tlb);
	s->m = ph_boot(cmdline);
	s->rnd = seed;
	for (int k = 0; k < NR_MM; k++) {
		assert_int_equal(mmsim_spawn(s->m, names[k], NULL), 0);
		s->mm[k] = find_process(s->m, names[k])->mm;
	}
	map_pages(s, false);
	for (int cpu = 0; cpu < NR_CPU; cpu++) {	/* start from the CPUs' state, emptied */
		struct cpu_tlb *t = tlb_cpu(s->m, cpu);
		struct ref_cpu *c = &s->cpu[cpu];

		__flush_tlb_all(s->m, cpu);
		ref_array_init(&c->l1_4k, t->l1_4k.g);
		ref_array_init(&c->l1_2m, t->l1_2m.g);
		ref_array_init(&c->stlb, t->stlb.g);
		c->loaded_mm = t->loaded_mm;
		c->is_lazy = t->is_lazy;
		c->asid = t->loaded_mm_asid;
		c->next_asid = t->next_asid;
		memcpy(c->ctxs, t->ctxs, sizeof(c->ctxs));
		c->l1_hits = t->st.l1_hits;
		c->l2_hits = t->st.l2_hits;
		c->misses = t->st.misses;
	}
	for (s->op = 0; s->op < ops; s->op++) {
		one_op(s);
		check_counters(s);
		if (s->op % 64 == 0 && validate_tlbs(s->m, err, sizeof(err)))
			fail_msg("op %lu: %s", s->op, err);
	}
	if (validate_tlbs(s->m, err, sizeof(err)))
		fail_msg("end: %s", err);
	assert_true(tlb_cpu(s->m, 0)->st.l1_hits > ops / 20);	/* the stream did hit */
	assert_true(tlb_cpu(s->m, 0)->st.l2_hits > ops / 100);
	map_pages(s, true);
	mmsim_destroy(s->m);
	free(s);
}

/* 2-way L1 sets: victims and backfills often. */
static void small_tlb_agrees_with_the_reference(void **state)
{
	(void)state;
	run_stream("8x2,4x2,16x4", 1, 100000);
}

/* 4-way L1 sets and a 16-way STLB (the searches four ways a step). */
static void four_way_tlb_agrees_with_the_reference(void **state)
{
	(void)state;
	run_stream("16x4,8x4,64x16", 7, 100000);
}

/* 3-way sets (no four-way steps). */
static void three_way_tlb_agrees_with_the_reference(void **state)
{
	(void)state;
	run_stream("12x3,6x3,24x3", 12345, 100000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_tlb_agrees_with_the_reference),
		cmocka_unit_test(four_way_tlb_agrees_with_the_reference),
		cmocka_unit_test(three_way_tlb_agrees_with_the_reference),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
