// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-CPU TLBs and Linux's x86 flushing over them (arch/x86/mm/tlb.c):
 * lookup and fill of the set-associative arrays, INVLPG, CR3 reloads,
 * choose_new_asid and switch_mm_irqs_off, flush_tlb_mm_range with its
 * 33-page ceiling and shootdowns, the TLB event counters, validate_tlbs.
 * The geometry and what the model leaves out: asm/tlbflush.h.
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

#include "asm/tlbflush.h"
#include "asm/trap_pf.h"
#include "linux/machine.h"
#include "linux/mm_struct.h"
#include "linux/pgtable.h"

#define HPAGE_PFNS	512UL	/* 4 KiB frames in a 2 MiB page */

static u16 kern_pcid(u16 asid)
{
	return asid + 1;
}

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

static int array_init(struct tlb_array *a, struct tlb_geom g)
{
	a->g = g;
	a->sets = g.entries / g.ways;
	a->e = calloc(g.entries, sizeof(*a->e));
	return a->e ? 0 : -ENOMEM;
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

		if (array_init(&t->l1_4k, c->l1_4k) || array_init(&t->l1_2m, c->l1_2m) ||
		    array_init(&t->stlb, c->stlb))
			return -ENOMEM;
		t->next_asid = 1;	/* ASID 0 is init_mm's from boot */
	}
	return 0;
}

void tlb_free(struct machine *m)
{
	if (!m->tlb)
		return;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		free(m->tlb[cpu].l1_4k.e);
		free(m->tlb[cpu].l1_2m.e);
		free(m->tlb[cpu].stlb.e);
	}
	free(m->tlb);
	m->tlb = NULL;
}

/* ---- the arrays ---- */

static unsigned long vpn_of(unsigned long addr, bool huge)
{
	return addr >> (huge ? PMD_SHIFT : PAGE_SHIFT);
}

static struct tlb_entry *set_of(struct tlb_array *a, unsigned long vpn)
{
	return &a->e[(vpn & (a->sets - 1)) * a->g.ways];
}

/* The entry of @a translating @addr (size @huge) for @pcid, or NULL. */
static struct tlb_entry *array_find(struct tlb_array *a, unsigned long addr, bool huge,
				    u16 pcid)
{
	unsigned long vpn = vpn_of(addr, huge);
	struct tlb_entry *s = set_of(a, vpn);

	for (unsigned int w = 0; w < a->g.ways; w++)
		if (s[w].valid && s[w].huge == huge && s[w].vpn == vpn &&
		    (s[w].global || s[w].pcid == pcid))
			return &s[w];
	return NULL;
}

/* Put @e in @a: over a matching entry, else an invalid way, else the LRU. */
static void array_put(struct tlb_array *a, const struct tlb_entry *e)
{
	struct tlb_entry *s = set_of(a, e->vpn), *victim = &s[0];

	for (unsigned int w = 0; w < a->g.ways; w++) {
		if (s[w].valid && s[w].huge == e->huge && s[w].vpn == e->vpn &&
		    s[w].global == e->global && (e->global || s[w].pcid == e->pcid)) {
			victim = &s[w];
			break;
		}
		if (!s[w].valid ? victim->valid : (victim->valid && s[w].lru < victim->lru))
			victim = &s[w];
	}
	*victim = *e;
}

/* Invalidate in every array the entries @match accepts. */
static void tlb_invalidate(struct cpu_tlb *t,
			   bool (*match)(const struct tlb_entry *, const void *), const void *arg)
{
	struct tlb_array *arrays[] = { &t->l1_4k, &t->l1_2m, &t->stlb };

	for (int i = 0; i < 3; i++)
		for (unsigned int j = 0; j < arrays[i]->g.entries; j++)
			if (arrays[i]->e[j].valid && match(&arrays[i]->e[j], arg))
				arrays[i]->e[j].valid = false;
}

/* ---- lookup and fill ---- */

static struct tlb_entry hit_copy(const struct tlb_entry *e, unsigned long addr)
{
	struct tlb_entry out = *e;

	if (e->huge)
		out.pfn += (addr >> PAGE_SHIFT) & (HPAGE_PFNS - 1);
	return out;
}

enum tlb_hit tlb_lookup(struct machine *m, int cpu, unsigned long addr,
			struct tlb_entry *out)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);
	u16 pcid = kern_pcid(t->loaded_mm_asid);
	struct tlb_entry *e;

	e = array_find(&t->l1_4k, addr, false, pcid);
	if (!e)
		e = array_find(&t->l1_2m, addr, true, pcid);
	if (e) {
		e->lru = ++t->tick;
		*out = hit_copy(e, addr);
		t->st.l1_hits++;
		return TLB_HIT_L1;
	}
	e = array_find(&t->stlb, addr, false, pcid);
	if (!e)
		e = array_find(&t->stlb, addr, true, pcid);
	if (!e) {
		t->st.misses++;
		return TLB_MISS;
	}
	e->lru = ++t->tick;
	array_put(e->huge ? &t->l1_2m : &t->l1_4k, e);	/* backfill L1 */
	*out = hit_copy(e, addr);
	t->st.l2_hits++;
	return TLB_HIT_L2;
}

void tlb_insert(struct machine *m, int cpu, unsigned long addr, const struct tlb_fill *f)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);
	struct tlb_entry e = {
		.valid = true, .global = f->global, .huge = f->huge,
		.rw = f->rw, .us = f->us, .nx = f->nx, .dirty = f->dirty,
		.pcid = f->global ? 0 : kern_pcid(t->loaded_mm_asid),
		.vpn = vpn_of(addr, f->huge),
		.pfn = f->huge ? f->pfn & ~(HPAGE_PFNS - 1) : f->pfn,
		.lru = ++t->tick,
	};

	array_put(f->huge ? &t->l1_2m : &t->l1_4k, &e);
	array_put(&t->stlb, &e);
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

struct inv_addr {
	unsigned long addr;
	u16 pcid;
};

static bool match_invlpg(const struct tlb_entry *e, const void *arg)
{
	const struct inv_addr *a = arg;

	return e->vpn == vpn_of(a->addr, e->huge) && (e->global || e->pcid == a->pcid);
}

static bool match_pcid(const struct tlb_entry *e, const void *arg)
{
	return !e->global && e->pcid == *(const u16 *)arg;
}

static bool match_any(const struct tlb_entry *e, const void *arg)
{
	(void)e;
	(void)arg;
	return true;
}

/* INVLPG's reach in @a: the one set @ia->addr's entries of size @huge map to. */
static void invlpg_set(struct tlb_array *a, const struct inv_addr *ia, bool huge)
{
	struct tlb_entry *s = set_of(a, vpn_of(ia->addr, huge));

	for (unsigned int w = 0; w < a->g.ways; w++)
		if (s[w].valid && match_invlpg(&s[w], ia))
			s[w].valid = false;
}

void flush_tlb_one_user(struct machine *m, int cpu, unsigned long addr)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);
	struct inv_addr a = { addr, kern_pcid(t->loaded_mm_asid) };

	/* an entry for @addr can only sit in its set: a full scan, done faster */
	invlpg_set(&t->l1_4k, &a, false);
	invlpg_set(&t->l1_2m, &a, true);
	invlpg_set(&t->stlb, &a, false);
	invlpg_set(&t->stlb, &a, true);
}

/* Flush @pcid's non-global entries (a CR3 write without NOFLUSH). */
static void flush_pcid(struct cpu_tlb *t, u16 pcid)
{
	tlb_invalidate(t, match_pcid, &pcid);
}

void flush_tlb_local(struct machine *m, int cpu)
{
	struct cpu_tlb *t = tlb_cpu(m, cpu);

	flush_pcid(t, kern_pcid(t->loaded_mm_asid));
}

void __flush_tlb_all(struct machine *m, int cpu)
{
	tlb_invalidate(tlb_cpu(m, cpu), match_any, NULL);
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
	if (t->loaded_mm == next) {
		/* not switching: only a lazy CPU may have missed flushes */
		if (!next || !was_lazy ||
		    t->ctxs[t->loaded_mm_asid].tlb_gen == next->tlb_gen)
			return;
		asid = t->loaded_mm_asid;
		need_flush = true;
	} else {
		t->loaded_mm = next;
		if (!next)	/* to init_mm: kernel mappings are global */
			return;
		if (!next->tlb_ctx_id)	/* init_new_context's ctx_id, given lazily */
			next->tlb_ctx_id = ++m->tlb_last_ctx_id;
		cpumask_set(next, cpu);	/* "CR3 is about to change" */
		choose_new_asid(t, next, next->tlb_gen, &asid, &need_flush);
	}
	t->loaded_mm_asid = asid;
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

	if (t && t->loaded_mm)
		t->is_lazy = true;
}

void tlb_drop_lazy_mm(struct machine *m, struct mm_struct *mm)
{
	for (int cpu = 0; m->tlb && cpu < m->nr_cpu_ids; cpu++) {
		if (m->tlb[cpu].loaded_mm == mm) {
			m->tlb[cpu].loaded_mm = NULL;
			m->tlb[cpu].is_lazy = false;
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

/* ---- validator ---- */

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

int validate_tlbs(struct machine *m, char *err, size_t errlen)
{
	for (int cpu = 0; m->tlb && cpu < m->nr_cpu_ids; cpu++) {
		struct cpu_tlb *t = &m->tlb[cpu];
		struct mm_struct *mm = t->loaded_mm;
		struct tlb_array *arrays[] = { &t->l1_4k, &t->l1_2m, &t->stlb };
		u16 pcid = kern_pcid(t->loaded_mm_asid);

		if (t->is_lazy && !mm) {
			snprintf(err, errlen, "tlb: cpu %d is lazy with init_mm loaded", cpu);
			return -EINVAL;
		}
		if (mm && !cpumask_test(mm, cpu)) {
			snprintf(err, errlen, "tlb: cpu %d runs mm %p but is not in its mm_cpumask",
				 cpu, (void *)mm);
			return -EINVAL;
		}
		if (!mm || t->ctxs[t->loaded_mm_asid].ctx_id != mm->tlb_ctx_id ||
		    t->ctxs[t->loaded_mm_asid].tlb_gen != mm->tlb_gen)
			continue;
		for (int i = 0; i < 3; i++)
			for (unsigned int j = 0; j < arrays[i]->g.entries; j++) {
				const struct tlb_entry *e = &arrays[i]->e[j];

				if (e->valid && !e->global && e->pcid == pcid &&
				    check_entry(m, cpu, mm, e, err, errlen))
					return -EINVAL;
			}
	}
	return 0;
}

/* ---- the access path's front end ---- */

/* Does cached entry @e allow @access (X86_PF_* bits) without a walk? */
static inline bool tlb_entry_allows(const struct tlb_entry *e, unsigned int access)
{
	bool user = access & X86_PF_USER;

	if ((access & X86_PF_WRITE) && (!e->rw || !e->dirty))
		return false;	/* CR0.WP; a clean entry walks to set D */
	if (user && !e->us)
		return false;
	if ((access & X86_PF_INSTR) && (e->nx || (!user && e->us)))
		return false;	/* NX, SMEP */
	return true;
}

/* The entry a successful walk (*@res) makes: what tlb_walk_fill would read back. */
static void fill_from_walk(struct tlb_fill *f, const struct mmu_result *res)
{
	*f = (struct tlb_fill){
		.pfn = res->pfn, .huge = res->level != PG_LEVEL_4K, .global = res->global,
		.rw = res->rw, .us = res->us, .nx = res->nx, .dirty = res->dirty,
	};
}

/* A hit's answer: the frame of @addr and the rights of the entry @e. */
static inline void hit_result(struct mmu_result *res, const struct tlb_entry *e,
			      unsigned long pfn)
{
	res->fault = false;
	res->error_code = 0;
	res->pfn = pfn;
	res->level = e->huge ? PG_LEVEL_2M : PG_LEVEL_4K;
	res->rw = e->rw;
	res->us = e->us;
	res->nx = e->nx;
	res->global = e->global;
	res->dirty = e->dirty;
}

/*
 * The common case, inline: an L1 4 KiB entry for @addr that allows
 * @access.  It does for it what tlb_lookup would (the LRU stamp, an L1
 * hit); false leaves everything as it was for the general path.
 */
static inline bool l1_4k_fast_hit(struct cpu_tlb *t, unsigned long addr, unsigned int access,
				  struct mmu_result *res)
{
	unsigned long vpn = addr >> PAGE_SHIFT;
	struct tlb_entry *s = set_of(&t->l1_4k, vpn);
	u16 pcid = kern_pcid(t->loaded_mm_asid);

	for (unsigned int w = 0; w < t->l1_4k.g.ways; w++) {
		struct tlb_entry *e = &s[w];

		if (!e->valid || e->huge || e->vpn != vpn || (!e->global && e->pcid != pcid))
			continue;
		if (!tlb_entry_allows(e, access))
			return false;
		e->lru = ++t->tick;
		t->st.l1_hits++;
		hit_result(res, e, e->pfn);
		return true;
	}
	return false;
}

/* Everything but the L1 4 KiB hit: switch_mm, the lookup's other outcomes, the walk. */
static __attribute__((noinline)) enum tlb_hit
tlb_translate_slow(struct machine *m, struct cpu_tlb *t, struct mm_struct *mm, unsigned long addr,
		   unsigned int access, struct mmu_result *res)
{
	int cpu = m->current_cpu;
	struct tlb_entry e;
	struct tlb_fill f;
	enum tlb_hit hit;

	if (t->loaded_mm != mm || t->is_lazy)	/* else switch_mm_irqs_off does nothing */
		switch_mm_irqs_off(m, cpu, mm);
	hit = tlb_lookup(m, cpu, addr, &e);
	if (hit != TLB_MISS && tlb_entry_allows(&e, access)) {
		hit_result(res, &e, e.pfn);
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
	if (!res->fault) {	/* one walk: mmu_walk gives what the entry caches */
		fill_from_walk(&f, res);
		tlb_insert(m, cpu, addr, &f);
	}
	return TLB_MISS;
}

enum tlb_hit tlb_translate(struct machine *m, struct mm_struct *mm, unsigned long addr,
			   unsigned int access, struct mmu_result *res)
{
	struct cpu_tlb *t = &m->tlb[m->current_cpu];

	/* On a CPU running @mm (no switch_mm to do), try the L1 4 KiB array. */
	if (t->loaded_mm == mm && !t->is_lazy && l1_4k_fast_hit(t, addr, access, res))
		return TLB_HIT_L1;
	return tlb_translate_slow(m, t, mm, addr, access, res);
}
