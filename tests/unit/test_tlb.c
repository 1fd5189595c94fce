// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-CPU TLB model (arch/x86/mm/tlb.c): set-associative L1 and STLB
 * arrays with LRU, STLB backfill, PCID isolation and choose_new_asid's
 * round robin, flush_tlb_mm_range's 33-page ceiling, shootdown counting,
 * validate_tlbs, and the mmsim.tlb= boot parameter.
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
#include "linux/mman.h"
#include "linux/pgtable.h"
#include "linux/sched.h"
#include "linux/sched/task.h"

#define BASE		0x100000000000UL
#define PG(n)		(BASE + (unsigned long)(n) * PAGE_SIZE)

/* A translation of page @n to frame 1000 + n, user read-write. */
static void fill(struct machine *m, int cpu, unsigned long addr, bool global)
{
	struct tlb_fill f = { .pfn = 1000 + ((addr - BASE) >> PAGE_SHIFT), .rw = true,
			      .us = !global, .global = global };

	tlb_insert(m, cpu, addr, &f);
}

static enum tlb_hit look(struct machine *m, int cpu, unsigned long addr)
{
	struct tlb_entry e;

	return tlb_lookup(m, cpu, addr, &e);
}

/*
 * L1 4K: 64 entries x 4 ways = 16 sets; pages 0,16,32,48,64 share set 0.
 *   insert 0 16 32 48, touch 0, insert 64 -> 16 (LRU) leaves L1
 * but 16 still sits in the STLB: a lookup hits L2 and backfills L1.
 */
static void l1_set_evicts_its_lru_way_and_stlb_backfills(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	struct cpu_tlb *t = tlb_cpu(m, 0);

	(void)state;
	assert_int_equal(t->l1_4k.sets, 16);
	assert_int_equal(t->stlb.g.entries, 2048);
	for (int i = 0; i < 4; i++)
		fill(m, 0, PG(16 * i), false);
	assert_int_equal(look(m, 0, PG(0)), TLB_HIT_L1);
	fill(m, 0, PG(64), false);
	assert_int_equal(look(m, 0, PG(16)), TLB_HIT_L2);	/* evicted from L1 */
	assert_int_equal(look(m, 0, PG(16)), TLB_HIT_L1);	/* backfilled */
	assert_int_equal(look(m, 0, PG(0)), TLB_HIT_L1);
	assert_int_equal(look(m, 0, PG(1)), TLB_MISS);
	assert_int_equal(look(m, 1, PG(0)), TLB_MISS);		/* per CPU */
	assert_int_equal(t->st.l1_hits, 3);
	assert_int_equal(t->st.l2_hits, 1);
	assert_int_equal(t->st.misses, 1);
	mmsim_destroy(m);
}

/*
 * mmsim.tlb=4x4,4x4,8x2: L1 one set of 4, STLB 4 sets of 2.  Pages 0, 4, 8
 * share STLB set 0: 0 leaves the STLB but stays in L1 (not inclusive);
 * two more pages push it out of L1 too: a miss.
 */
static void stlb_capacity_and_associativity(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1 mmsim.tlb=4x4,4x4,8x2");

	(void)state;
	assert_int_equal(tlb_cpu(m, 0)->stlb.sets, 4);
	fill(m, 0, PG(0), false);
	fill(m, 0, PG(4), false);
	fill(m, 0, PG(8), false);
	assert_int_equal(look(m, 0, PG(0)), TLB_HIT_L1);
	fill(m, 0, PG(12), false);
	fill(m, 0, PG(1), false);
	fill(m, 0, PG(2), false);	/* L1: 0 12 1 2; STLB set 0: 8 12 */
	assert_int_equal(look(m, 0, PG(4)), TLB_MISS);	/* gone from both */
	fill(m, 0, PG(3), false);
	fill(m, 0, PG(5), false);
	assert_int_equal(look(m, 0, PG(0)), TLB_MISS);
	mmsim_destroy(m);
}

/* A 2 MiB entry covers its 512 frames, in the 2M array. */
static void huge_entry_covers_2m(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");
	struct tlb_fill f = { .pfn = 512 * 7 + 3, .huge = true, .rw = true, .us = true };
	struct tlb_entry e;

	(void)state;
	tlb_insert(m, 0, BASE + 3 * PAGE_SIZE, &f);
	assert_int_equal(tlb_lookup(m, 0, BASE + 100 * PAGE_SIZE + 5, &e), TLB_HIT_L1);
	assert_true(e.huge);
	assert_int_equal(e.pfn, 512 * 7 + 100);
	assert_int_equal(look(m, 0, BASE + PMD_SIZE), TLB_MISS);
	flush_tlb_one_user(m, 0, BASE + 511 * PAGE_SIZE);	/* INVLPG anywhere inside */
	assert_int_equal(look(m, 0, BASE), TLB_MISS);
	mmsim_destroy(m);
}

/*
 * PCIDs keep mms apart; global entries match every PCID.  choose_new_asid:
 * ASIDs 1..5, then 0, then 1 again (round robin, next_asid wraps to 1);
 * an mm that still owns its slot comes back without a flush.
 */
static void pcid_isolation_and_asid_round_robin(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");
	struct mm_struct *mm[7];
	struct cpu_tlb *t = tlb_cpu(m, 0);
	static const u16 want[7] = { 1, 2, 3, 4, 5, 0, 1 };

	(void)state;
	for (int i = 0; i < 7; i++)
		mm[i] = calloc(1, sizeof(*mm[i]));
	fill(m, 0, PG(100), true);			/* kernel, global */
	for (int i = 0; i < 7; i++) {
		switch_mm_irqs_off(m, 0, mm[i]);
		assert_int_equal(t->loaded_mm_asid, want[i]);
		assert_int_equal(look(m, 0, PG(0)), TLB_MISS);	/* not another's */
		assert_int_equal(look(m, 0, PG(100)), TLB_HIT_L1);
		fill(m, 0, PG(0), false);
	}
	switch_mm_irqs_off(m, 0, mm[1]);		/* still owns ASID 2 */
	assert_int_equal(t->loaded_mm_asid, 2);
	assert_int_equal(look(m, 0, PG(0)), TLB_HIT_L2);	/* no flush: still in the STLB */
	switch_mm_irqs_off(m, 0, mm[0]);		/* lost ASID 1 to mm[6] */
	assert_int_equal(t->loaded_mm_asid, 2);		/* next_asid: takes mm[1]'s */
	assert_int_equal(look(m, 0, PG(0)), TLB_MISS);	/* new ASID, flushed */
	assert_int_equal(t->ctxs[2].ctx_id, mm[0]->tlb_ctx_id);
	mmsim_destroy(m);
	for (int i = 0; i < 7; i++)
		free(mm[i]);
}

static struct machine *boot_proc(const char *cmdline, struct mm_struct **mm)
{
	struct machine *m = ph_boot(cmdline);

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	*mm = find_process(m, "a")->mm;
	m->current_cpu = 0;
	return m;
}

/* flush_tlb_mm_range: 33 pages go one by one, 34 are a full flush. */
static void flush_ceiling_33_pages_then_full_flush(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_proc("mem=1G nr_cpus=2", &mm);
	struct cpu_tlb *t = tlb_cpu(m, 0);

	(void)state;
	switch_mm_irqs_off(m, 0, mm);
	for (int i = 0; i < 40; i++)
		fill(m, 0, PG(i), false);
	flush_tlb_mm_range(m, mm, PG(0), PG(33), PAGE_SHIFT, false);
	assert_int_equal(t->st.local_flush_one, 33);
	assert_int_equal(t->st.local_flush_all, 0);
	assert_int_equal(look(m, 0, PG(32)), TLB_MISS);
	assert_int_equal(look(m, 0, PG(33)), TLB_HIT_L1);
	flush_tlb_mm_range(m, mm, PG(0), PG(34), PAGE_SHIFT, false);
	assert_int_equal(t->st.local_flush_one, 33);
	assert_int_equal(t->st.local_flush_all, 1);
	assert_int_equal(look(m, 0, PG(39)), TLB_MISS);
	assert_int_equal(t->st.remote_flush, 0);	/* nobody else runs it */
	assert_int_equal(mm->tlb_gen, 2);
	mmsim_destroy(m);
}

/*
 * Shootdown: CPUs 0 and 1 run the mm, CPU 2 ran it and went lazy (kernel
 * work); CPU 0 flushes one page: one NR_TLB_REMOTE_FLUSH on 0, one
 * RECEIVED and one TLB: interrupt on 1, none on the lazy CPU 2, which
 * flushes when it runs the mm again (tlb_gen behind).  A flush that freed
 * tables reaches lazy CPUs: CPU 2, lazy again, leaves for init_mm.
 */
static void shootdown_counts_and_lazy_catch_up(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_proc("mem=1G nr_cpus=3", &mm);
	struct cpu_tlb *t0 = tlb_cpu(m, 0), *t1 = tlb_cpu(m, 1), *t2 = tlb_cpu(m, 2);

	(void)state;
	for (int cpu = 0; cpu < 3; cpu++) {
		switch_mm_irqs_off(m, cpu, mm);
		fill(m, cpu, PG(0), false);
	}
	enter_lazy_tlb(m, 2);				/* a kernel thread on CPU 2 */
	flush_tlb_mm_range(m, mm, PG(0), PG(1), PAGE_SHIFT, false);
	assert_int_equal(t0->st.remote_flush, 1);
	assert_int_equal(t0->st.local_flush_one, 1);
	assert_int_equal(t0->st.remote_flush_received, 0);
	assert_int_equal(t1->st.remote_flush_received, 1);
	assert_int_equal(t1->st.irq_tlb_count, 1);
	assert_int_equal(t1->st.local_flush_one, 0);	/* counted by the initiator */
	assert_int_equal(t2->st.irq_tlb_count, 0);
	assert_int_equal(look(m, 1, PG(0)), TLB_MISS);
	assert_int_equal(look(m, 2, PG(0)), TLB_HIT_L1);	/* lazy: still there */
	ph_assert_valid(m);
	switch_mm_irqs_off(m, 2, mm);			/* same ASID, tlb_gen behind */
	assert_false(t2->is_lazy);
	assert_int_equal(look(m, 2, PG(0)), TLB_MISS);
	enter_lazy_tlb(m, 2);
	flush_tlb_mm_range(m, mm, PG(0), PG(1), PAGE_SHIFT, true);
	assert_int_equal(t2->st.irq_tlb_count, 1);
	assert_null(t2->loaded_mm);			/* left for init_mm */
	assert_false(t2->is_lazy);
	assert_true(mm_cpumask_test(mm, 2));		/* cleared by a later IPI */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * mm_cpumask is trimmed lazily: a CPU that moved to another mm stays in
 * the old mm's mask, so a flush still counts as remote but sends it no
 * IPI, until a second of virtual time has passed: then it gets one
 * (counted as received) and leaves the mask.
 */
static void cpumask_keeps_departed_cpus_until_the_trim(void **state)
{
	struct mm_struct *mm, *other = calloc(1, sizeof(*other));
	struct machine *m = boot_proc("mem=1G nr_cpus=2", &mm);
	struct cpu_tlb *t0 = tlb_cpu(m, 0), *t1 = tlb_cpu(m, 1);

	(void)state;
	switch_mm_irqs_off(m, 0, mm);
	switch_mm_irqs_off(m, 1, mm);
	switch_mm_irqs_off(m, 1, other);
	assert_true(mm_cpumask_test(mm, 1));
	flush_tlb_mm_range(m, mm, PG(0), PG(1), PAGE_SHIFT, false);
	assert_int_equal(t0->st.remote_flush, 1);
	assert_int_equal(t1->st.irq_tlb_count, 0);
	assert_true(mm_cpumask_test(mm, 1));
	m->clock_ns = mm->next_trim_cpumask;		/* a second later */
	flush_tlb_mm_range(m, mm, PG(0), PG(1), PAGE_SHIFT, false);
	assert_int_equal(t0->st.remote_flush, 2);
	assert_int_equal(t1->st.irq_tlb_count, 1);
	assert_int_equal(t1->st.remote_flush_received, 1);
	assert_false(mm_cpumask_test(mm, 1));
	flush_tlb_mm_range(m, mm, PG(0), PG(1), PAGE_SHIFT, false);
	assert_int_equal(t0->st.remote_flush, 2);	/* local only now */
	assert_int_equal(t0->st.local_flush_one, 3);
	switch_mm_irqs_off(m, 1, NULL);
	mmsim_destroy(m);
	free(other);
}

/* The validator: an up-to-date ASID may not grant more than the PTE. */
static void validator_catches_unflushed_pte_changes(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_proc("mem=1G nr_cpus=2", &mm);
	struct page *page = alloc_pages(m, GFP_KERNEL, 0);
	unsigned long pfn = page_to_pfn(m, page);
	pte_t *pte = get_locked_pte(m, mm, BASE);
	struct tlb_fill f;
	char err[256];

	(void)state;
	set_pte(pte, pfn_pte(pfn, __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)));
	switch_mm_irqs_off(m, 0, mm);
	assert_true(tlb_walk_fill(m, mm, BASE, &f));
	assert_true(f.rw && f.us && !f.huge);
	assert_int_equal(f.pfn, pfn);
	tlb_insert(m, 0, BASE, &f);
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), 0);
	set_pte(pte, pfn_pte(pfn, __pgprot(_PAGE_PRESENT | _PAGE_USER)));	/* no flush */
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "grants more than the page tables"));
	flush_tlb_mm_range(m, mm, BASE, BASE + PAGE_SIZE, PAGE_SHIFT, false);
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), 0);
	tlb_insert(m, 0, BASE, &f);		/* stale rights again ... */
	pte_clear(pte);
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not present"));
	mm->tlb_gen++;		/* ... legal once a flush is pending for the ASID */
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), 0);
	flush_tlb_mm_range(m, mm, 0, TLB_FLUSH_ALL, PAGE_SHIFT, false);
	ph_assert_valid(m);
	__free_pages(m, page, 0);
	mmsim_destroy(m);
}

/*
 * /proc/interrupts: the header and the TLB: line in Linux's layout (as the
 * 6.18 host prints it); /sys/kernel/debug/mmsim/tlb: hits, misses, events.
 */
static void interrupts_and_stats_files_show_the_counts(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_proc("mem=1G nr_cpus=2", &mm);
	char *text;

	(void)state;
	switch_mm_irqs_off(m, 0, mm);
	switch_mm_irqs_off(m, 1, mm);
	fill(m, 0, PG(0), false);
	assert_int_equal(look(m, 0, PG(0)), TLB_HIT_L1);
	assert_int_equal(look(m, 0, PG(1)), TLB_MISS);
	flush_tlb_mm_range(m, mm, PG(0), PG(2), PAGE_SHIFT, false);
	flush_tlb_mm_range(m, mm, 0, TLB_FLUSH_ALL, PAGE_SHIFT, false);
	text = ph_read(m, "/proc/interrupts");
	assert_string_equal(text,
			    "           CPU0       CPU1       \n"
			    "TLB:          0          2   TLB shootdowns\n");
	free(text);
	text = ph_read(m, "/sys/kernel/debug/mmsim/tlb");
	assert_string_equal(text,
		"geometry l1_4k 64x4 l1_2m 32x4 stlb 2048x16\n"
		"cpu       l1_hits      l2_hits       misses   asid  flush_one  flush_all"
		"     remote   received\n"
		"0               1            0            1      1          2          1"
		"          2          0\n"
		"1               0            0            0      1          0          0"
		"          0          2\n");
	free(text);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * tlb_translate: a miss walks and caches, a hit skips the walk, a write to
 * a clean entry walks to set D; a stale writable entry is used until the
 * flush, after which the write faults (X86_PF_PROT).
 */
static void translate_hits_skip_the_walk_until_flushed(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_proc("mem=1G nr_cpus=2", &mm);
	struct page *page = alloc_pages(m, GFP_KERNEL, 0);
	unsigned long pfn = page_to_pfn(m, page);
	pte_t *pte = get_locked_pte(m, mm, BASE);
	unsigned int wr = X86_PF_USER | X86_PF_WRITE;
	struct mmu_result r;

	(void)state;
	set_pte(pte, pfn_pte(pfn, __pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)));
	assert_int_equal(tlb_translate(m, mm, BASE + 8, X86_PF_USER, &r), TLB_MISS);
	assert_false(r.fault);
	assert_int_equal(r.pfn, pfn);
	assert_int_equal(tlb_translate(m, mm, BASE, X86_PF_USER, &r), TLB_HIT_L1);
	assert_int_equal(r.pfn, pfn);
	assert_int_equal(tlb_translate(m, mm, BASE, wr, &r), TLB_MISS);	/* sets D */
	assert_true(pte_dirty(*pte));
	assert_int_equal(tlb_translate(m, mm, BASE, wr, &r), TLB_HIT_L1);
	set_pte(pte, pfn_pte(pfn, __pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_DIRTY)));
	assert_int_equal(tlb_translate(m, mm, BASE, wr, &r), TLB_HIT_L1);	/* stale */
	flush_tlb_mm_range(m, mm, BASE, BASE + PAGE_SIZE, PAGE_SHIFT, false);
	assert_int_equal(tlb_translate(m, mm, BASE, wr, &r), TLB_MISS);
	assert_true(r.fault);
	assert_int_equal(r.error_code, X86_PF_PROT | wr);
	assert_int_equal(tlb_translate(m, mm, BASE + PAGE_SIZE, X86_PF_USER, &r), TLB_MISS);
	assert_true(r.fault);
	assert_int_equal(tlb_cpu(m, 0)->st.l1_hits, 3);
	assert_int_equal(tlb_cpu(m, 0)->st.misses, 4);	/* the clean write too */
	pte_clear(pte);
	flush_tlb_mm_range(m, mm, BASE, BASE + PAGE_SIZE, PAGE_SHIFT, false);
	ph_assert_valid(m);
	__free_pages(m, page, 0);
	mmsim_destroy(m);
}

/* What an entry with these rights allows without a walk, access by access (the SDM's rule). */
static bool rule_allows(bool rw, bool us, bool nx, bool dirty, unsigned int access)
{
	bool write = access & X86_PF_WRITE, user = access & X86_PF_USER;

	if (write && !(rw && dirty))
		return false;		/* CR0.WP, and a clean entry walks to set D */
	if (user && !us)
		return false;		/* a supervisor page */
	if ((access & X86_PF_INSTR) && (nx || (!user && us)))
		return false;		/* NX, SMEP */
	return true;
}

/*
 * The inline L1 hit (tlb_l1_4k_hit) takes an entry exactly when the rule
 * allows the access, for all 16 rights and all 32 X86_PF_* combinations
 * below X86_PF_PK, and counts one l1_hits per hit; the validator accepts
 * every entry's precomputed mask.
 */
static void l1_hit_allows_what_the_rights_allow(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");
	struct cpu_tlb *t = tlb_cpu(m, 0);
	u64 hits = 0;

	(void)state;
	for (unsigned int r = 0; r < 16; r++) {
		struct tlb_fill f = { .pfn = 4000 + r, .rw = r & 1, .us = r & 2, .nx = r & 4,
				      .dirty = r & 8 };

		tlb_insert(m, 0, PG(r), &f);
		for (unsigned int acc = 0; acc < 32; acc++) {
			const struct tlb_data *d = tlb_l1_4k_hit(t, PG(r) + 8, acc);
			bool want = rule_allows(f.rw, f.us, f.nx, f.dirty, acc);

			assert_int_equal(d != NULL, want);
			if (d)
				assert_int_equal(d->hit.pfn, 4000 + r);
			hits += want;
		}
	}
	assert_int_equal(t->st.l1_hits, hits);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * The inline hit looks only at the way of its set last hit or filled
 * (tlb_array.mru): pages 0 and 16 share L1 set 0; after 16's fill the
 * inline hit of 0 gives NULL and changes nothing, the full search
 * (tlb_translate_slow) hits 0 in L1 and makes it the hint, then the
 * inline hit takes it.  While l1_4k holds a global entry (which a full
 * search may find first: page 2 below) the inline hit never hits (l1_key).
 */
static void inline_hit_checks_the_set_hint_and_leaves_the_rest_to_the_search(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_proc("mem=1G nr_cpus=1", &mm);
	struct cpu_tlb *t = tlb_cpu(m, 0);
	struct mmu_result res;
	u64 hits, tick;

	(void)state;
	switch_mm_irqs_off(m, 0, mm);
	assert_ptr_equal(t->fast_mm, mm);
	fill(m, 0, PG(0), false);
	fill(m, 0, PG(16), false);
	hits = t->st.l1_hits;
	tick = t->tick;
	assert_null(tlb_l1_4k_hit(t, PG(0), X86_PF_USER));
	assert_int_equal(t->st.l1_hits, hits);
	assert_int_equal(t->tick, tick);
	assert_int_equal(tlb_translate_slow(m, mm, PG(0), X86_PF_USER, &res), TLB_HIT_L1);
	assert_int_equal(res.pfn, 1000);
	assert_int_equal(res.level, PG_LEVEL_4K);
	assert_true(res.rw && res.us && !res.fault && !res.global);
	assert_ptr_equal(t->l1_4k.mru[0]->tag, t->l1_4k.tag[t->l1_4k.mru[0] - t->l1_4k.data]);
	assert_non_null(tlb_l1_4k_hit(t, PG(0) + 5, X86_PF_USER));
	assert_int_equal(t->st.l1_hits, hits + 2);
	assert_int_equal(tlb_translate(m, mm, PG(16), X86_PF_USER, &res), TLB_HIT_L1);
	assert_int_equal(res.pfn, 1016);

	fill(m, 0, PG(1), true);			/* a global entry in l1_4k */
	assert_int_equal(t->l1_key, TLB_TAG_HUGE);
	assert_null(tlb_l1_4k_hit(t, PG(16), X86_PF_USER));
	assert_int_equal(tlb_translate(m, mm, PG(16), X86_PF_USER, &res), TLB_HIT_L1);
	assert_int_equal(tlb_translate(m, mm, PG(1), 0, &res), TLB_HIT_L1);
	assert_true(res.global);
	fill(m, 0, PG(2), true);
	fill(m, 0, PG(2), false);	/* the same page, own PCID: a later way, the hint */
	assert_int_equal(tlb_translate(m, mm, PG(2), 0, &res), TLB_HIT_L1);
	assert_true(res.global);	/* the first way in order: the global one */
	flush_tlb_one_user(m, 0, PG(1));
	flush_tlb_one_user(m, 0, PG(2));	/* no global left: the inline hit is back */
	assert_int_equal(t->l1_key, t->pcid_tag);
	assert_non_null(tlb_l1_4k_hit(t, PG(16), X86_PF_USER));
	enter_lazy_tlb(m, 0);
	assert_null(t->fast_mm);
	mm->tlb_gen++;		/* the made-up entries: legal once a flush is pending */
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * A lookup that misses again with nothing put since counts its miss
 * without searching (cpu_tlb.miss_key); a fill in between ends that.  The
 * validator checks the memo and the arrays' own bookkeeping.
 */
static void repeated_miss_and_array_bookkeeping_are_validated(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");
	struct cpu_tlb *t = tlb_cpu(m, 0);
	struct tlb_fill f = { .pfn = 77, .rw = true, .us = true };
	struct tlb_data *d;
	char err[256];
	u32 allow;
	u64 tag;

	(void)state;
	assert_int_equal(look(m, 0, PG(5)), TLB_MISS);
	assert_int_equal(look(m, 0, PG(5) + 100), TLB_MISS);	/* the same page */
	assert_int_equal(t->st.misses, 2);
	tlb_insert(m, 0, PG(5), &f);
	assert_int_equal(look(m, 0, PG(5)), TLB_HIT_L1);
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), 0);

	t->miss_gen = t->fill_gen;	/* a memo claiming PG(5) misses */
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "remembers missing"));
	t->miss_key = 0;

	t->stlb.nr_huge++;
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "counts 1 huge"));
	t->stlb.nr_huge--;

	tag = t->l1_4k.tag[(5 % t->l1_4k.sets) * t->l1_4k.g.ways];
	assert_int_equal(tag, PG(5) | TLB_TAG_VALID | (u64)kern_pcid(0) << TLB_TAG_PCID_SHIFT);
	d = &t->l1_4k.data[(5 % t->l1_4k.sets) * t->l1_4k.g.ways];
	allow = d->allow;
	d->allow = ~0U;
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "allow mask disagrees"));
	d->allow = allow;

	d->tag ^= PAGE_SIZE;			/* the inline hit's copy of the tag */
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "copy of the tag differs"));
	d->tag ^= PAGE_SIZE;
	d->hit.level = PG_LEVEL_2M;		/* the ready-made answer */
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "hit answer malformed"));
	d->hit.level = PG_LEVEL_4K;
	t->l1_4k.mru[5 % t->l1_4k.sets] = d + t->l1_4k.g.ways;	/* the next set's way */
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "set hint outside its set"));
	t->l1_4k.mru[5 % t->l1_4k.sets] = d;
	t->l1_key = TLB_TAG_HUGE;		/* would stop the inline hit for nothing */
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "inline hit's mm"));
	t->l1_key = t->pcid_tag;
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

/* ---- the flushes Linux does: munmap, mprotect, fork, exit, context switch ---- */

#define FIX		0x100000000000UL	/* alone in its PGD entry: own tables */
#define FP(n)		(FIX + (unsigned long)(n) * PAGE_SIZE)

/* spawn "a" (CPU 0) with @pages anonymous pages at FIX, all written. */
static struct machine *boot_touched(const char *cmdline, int pages, struct mm_struct **mm)
{
	struct machine *m = boot_proc(cmdline, mm);
	struct mmsim_access_result r;
	uint64_t addr;

	assert_int_equal(mmsim_process_mmap(m, "a", FIX, (uint64_t)pages * PAGE_SIZE,
					    PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, &addr), 0);
	assert_int_equal(addr, FIX);
	assert_int_equal(mmsim_process_access(m, "a", FIX, (uint64_t)pages * PAGE_SIZE, 1, &r), 0);
	return m;
}

/* @tsk's access to @addr on its CPU through the TLB (the access path's front end). */
static struct mmu_result touch(struct machine *m, struct task_struct *tsk, unsigned long addr,
			       bool write)
{
	struct current_save save;
	struct mmu_result res;

	task_enter(m, tsk, &save);
	tlb_translate(m, tsk->mm, addr, X86_PF_USER | (write ? X86_PF_WRITE : 0), &res);
	task_leave(m, &save);
	return res;
}

/*
 * munmap flushes what it zapped, VMA by VMA, then what freeing the tables
 * adds:
 *   FIX [0..8) written and cached; munmap [2, 5): 3 INVLPGs, pages 1 and
 *   5 still cached; munmap of the rest frees the PTE, PMD and PUD tables:
 *   the VMAs' pages flushed one by one (3 + 2 + 3 = 8 in all), the freed
 *   tables' flush has a 2M stride over one page (one INVLPG, counted 0).
 */
static void munmap_flushes_the_zapped_range(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_touched("mem=1G nr_cpus=2", 8, &mm);
	struct task_struct *a = find_process(m, "a");
	struct cpu_tlb *t = tlb_cpu(m, 0);
	u64 one, all, gen;

	(void)state;
	for (int i = 0; i < 8; i++)
		assert_false(touch(m, a, FP(i), true).fault);
	for (int i = 0; i < 8; i++)
		assert_int_not_equal(look(m, 0, FP(i)), TLB_MISS);
	one = t->st.local_flush_one;
	all = t->st.local_flush_all;
	gen = mm->tlb_gen;
	assert_int_equal(mmsim_process_munmap(m, "a", FP(2), 3 * PAGE_SIZE), 0);
	assert_int_equal(t->st.local_flush_one - one, 3);
	assert_int_equal(mm->tlb_gen - gen, 1);
	for (int i = 2; i < 5; i++)
		assert_int_equal(look(m, 0, FP(i)), TLB_MISS);
	assert_int_not_equal(look(m, 0, FP(1)), TLB_MISS);
	assert_int_not_equal(look(m, 0, FP(5)), TLB_MISS);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_munmap(m, "a", FIX, 8 * PAGE_SIZE), 0);
	assert_int_equal(t->st.local_flush_one - one, 8);
	assert_int_equal(t->st.local_flush_all - all, 0);
	assert_int_equal(mm->tlb_gen - gen, 4);		/* two VMAs, then the tables */
	for (int i = 0; i < 8; i++)
		assert_int_equal(look(m, 0, FP(i)), TLB_MISS);
	ph_assert_valid(m);
	/* nothing mapped there any more: nothing zapped, nothing flushed */
	assert_int_equal(mmsim_process_munmap(m, "a", FIX, 8 * PAGE_SIZE), 0);
	assert_int_equal(mm->tlb_gen - gen, 4);
	mmsim_destroy(m);
}

/*
 * mprotect to read-only flushes the pages whose PTE lost RW (4 pages one
 * by one; then 36 more: over the 33-page ceiling, one full flush); a write then misses the TLB, walks
 * and faults with X86_PF_PROT.  mprotect of untouched memory changes no
 * PTE and flushes nothing.
 */
static void mprotect_readonly_makes_a_write_walk_and_fault(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_touched("mem=1G nr_cpus=2", 40, &mm);
	struct task_struct *a = find_process(m, "a");
	struct cpu_tlb *t = tlb_cpu(m, 0);
	struct mmu_result res;
	u64 one, all, gen;
	uint64_t addr;

	(void)state;
	for (int i = 0; i < 40; i++)
		assert_false(touch(m, a, FP(i), true).fault);
	one = t->st.local_flush_one;
	all = t->st.local_flush_all;
	assert_int_equal(mmsim_process_mprotect(m, "a", FIX, 4 * PAGE_SIZE, PROT_READ), 0);
	assert_int_equal(t->st.local_flush_one - one, 4);
	res = touch(m, a, FP(0), true);
	assert_true(res.fault);
	assert_int_equal(res.error_code, X86_PF_PROT | X86_PF_WRITE | X86_PF_USER);
	assert_false(touch(m, a, FP(0), false).fault);		/* reads still fine */
	assert_int_equal(mmsim_process_mprotect(m, "a", FIX, 40 * PAGE_SIZE, PROT_READ), 0);
	assert_int_equal(t->st.local_flush_all - all, 1);	/* 36 changed: over 33 pages */
	assert_int_equal(t->st.local_flush_one - one, 4);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_mmap(m, "a", 0, 16 * PAGE_SIZE, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &addr), 0);
	gen = mm->tlb_gen;
	assert_int_equal(mmsim_process_mprotect(m, "a", addr, 16 * PAGE_SIZE, PROT_READ), 0);
	assert_int_equal(mm->tlb_gen, gen);
	mmsim_destroy(m);
}

/*
 * Two threads of one process on two CPUs (the scheduler put the thread
 * on CPU 1): the thread has the mm loaded there, so the leader's munmap
 * is a shootdown - NR_TLB_REMOTE_FLUSH on CPU 0, a TLB: interrupt and
 * NR_TLB_REMOTE_FLUSH_RECEIVED on CPU 1, whose entry is gone.  With CPU 1
 * lazy (kernel work there) a plain flush skips it; it catches up when the
 * thread runs again.
 */
static void threads_on_two_cpus_get_shootdowns(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_touched("mem=1G nr_cpus=2", 8, &mm);
	struct task_struct *a = find_process(m, "a"), *th;
	struct cpu_tlb *t0 = tlb_cpu(m, 0), *t1 = tlb_cpu(m, 1);
	unsigned long pfn;
	char *text;
	int pid;

	(void)state;
	assert_int_equal(mmsim_process_clone(m, "a", "t", MMSIM_CLONE_THREAD, &pid), 0);
	th = find_process_by_pid(m, pid);
	assert_non_null(th);
	assert_ptr_equal(th->mm, mm);
	th->cpu = 1;
	assert_false(touch(m, a, FP(0), true).fault);
	assert_false(touch(m, th, FP(0), true).fault);
	assert_false(touch(m, th, FP(4), true).fault);
	assert_ptr_equal(t1->loaded_mm, mm);
	assert_int_not_equal(look(m, 1, FP(0)), TLB_MISS);
	assert_int_equal(mmsim_process_munmap(m, "a", FIX, PAGE_SIZE), 0);
	assert_int_equal(t0->st.remote_flush, 1);
	assert_int_equal(t0->st.local_flush_one, 1);
	assert_int_equal(t1->st.remote_flush_received, 1);
	assert_int_equal(t1->st.irq_tlb_count, 1);
	assert_int_equal(look(m, 1, FP(0)), TLB_MISS);
	text = ph_read(m, "/proc/interrupts");
	assert_string_equal(text, "           CPU0       CPU1       \n"
				  "TLB:          0          1   TLB shootdowns\n");
	free(text);
	ph_assert_valid(m);
	/* kernel work on CPU 1: lazy, not interrupted, stale until it returns */
	assert_int_equal(mmsim_alloc_pages(m, 0, "GFP_KERNEL", -1, 1, &pfn, text = calloc(1, 128),
					   128), 0);
	free(text);
	assert_true(t1->is_lazy);
	assert_int_equal(mmsim_process_munmap(m, "a", FP(4), PAGE_SIZE), 0);
	assert_int_equal(t0->st.remote_flush, 2);	/* CPU 1 is in the mask */
	assert_int_equal(t1->st.irq_tlb_count, 1);	/* but got no IPI */
	assert_int_not_equal(look(m, 1, FP(4)), TLB_MISS);
	assert_true(touch(m, th, FP(4), false).fault);	/* back: flushed first */
	assert_false(t1->is_lazy);
	assert_int_equal(look(m, 1, FP(4)), TLB_MISS);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/*
 * The context switch: processes a and b on CPU 0 get their own ASIDs;
 * switching back to a finds its entries (no flush needed).  fork flushes
 * the parent's whole TLB (dup_mmap's flush_tlb_mm: NR_TLB_LOCAL_FLUSH_ALL).
 * When a exits, its CPU drops the mm (no CPU keeps a freed mm).
 */
static void context_switch_fork_and_exit(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_touched("mem=1G nr_cpus=2", 4, &mm);
	struct task_struct *a = find_process(m, "a"), *b;
	struct cpu_tlb *t = tlb_cpu(m, 0);
	u16 asid_a;
	u64 all;
	int pid;

	(void)state;
	assert_int_equal(mmsim_spawn(m, "b", NULL), 0);
	b = find_process(m, "b");
	assert_false(touch(m, a, FP(0), true).fault);
	asid_a = t->loaded_mm_asid;
	assert_int_equal(look(m, 0, FP(0)), TLB_HIT_L1);
	touch(m, b, FP(0), false);
	assert_ptr_equal(t->loaded_mm, b->mm);
	assert_int_not_equal(t->loaded_mm_asid, asid_a);
	assert_int_equal(look(m, 0, FP(0)), TLB_MISS);	/* b's PCID */
	touch(m, a, FP(1), false);
	assert_int_equal(t->loaded_mm_asid, asid_a);
	assert_int_equal(look(m, 0, FP(0)), TLB_HIT_L1);	/* a's entries kept */
	all = t->st.local_flush_all;
	assert_int_equal(mmsim_process_clone(m, "a", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(t->st.local_flush_all - all, 1);
	assert_int_equal(look(m, 0, FP(0)), TLB_MISS);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit_code(m, "a", 0, 0), 0);
	for (int cpu = 0; cpu < 2; cpu++)
		assert_ptr_not_equal(tlb_cpu(m, cpu)->loaded_mm, mm);
	ph_assert_valid(m);
	mmsim_destroy(m);
}

/* mmsim.tlb= takes three ENTRIESxWAYS with power-of-two sets. */
static void tlb_parameter_is_checked(void **state)
{
	struct tlb_config c;
	struct machine *m = NULL;
	char err[256];

	(void)state;
	tlb_default_config(&c);
	assert_int_equal(tlb_parse_config("64x4,32x4,2048x16", &c), 0);
	assert_int_equal(tlb_parse_config("96x4,32x4,2048x16", &c), -EINVAL);	/* 24 sets */
	assert_int_equal(tlb_parse_config("64x3,32x4,2048x16", &c), -EINVAL);
	assert_int_equal(tlb_parse_config("64x4,32x4", &c), -EINVAL);
	assert_int_equal(tlb_parse_config("64x4,32x4,2048x16x", &c), -EINVAL);
	assert_int_equal(c.stlb.entries, 2048);
	assert_int_not_equal(mmsim_boot("mmsim.tlb=64x0,32x4,2048x16", 1, &m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "mmsim.tlb=64x0,32x4,2048x16: not a TLB geometry"));
	mmsim_destroy(m);
}

/*
 * /proc/vmstat lists nr_tlb_* only with mmsim.debug_tlbflush=1 (Linux:
 * CONFIG_DEBUG_TLBFLUSH), between balloon_migrate and swap_ra as
 * vmstat_text orders them, each the sum over the CPUs; without it the
 * file keeps the reference kernel's layout.
 */
static void vmstat_tlb_events_only_with_debug_tlbflush(void **state)
{
	struct mm_struct *mm;
	struct machine *m = boot_proc("mem=1G nr_cpus=2", &mm);
	char err[256], *text;

	(void)state;
	text = ph_read(m, "/proc/vmstat");
	assert_null(strstr(text, "nr_tlb_"));
	assert_non_null(strstr(text, "\nballoon_migrate 0\nswap_ra 0\n"));
	free(text);
	mmsim_destroy(m);
	m = boot_proc("mem=1G nr_cpus=2 mmsim.debug_tlbflush=1", &mm);
	switch_mm_irqs_off(m, 0, mm);
	switch_mm_irqs_off(m, 1, mm);
	flush_tlb_mm_range(m, mm, PG(0), PG(2), PAGE_SHIFT, false);	/* 2 one, remote */
	m->current_cpu = 1;
	flush_tlb_mm_range(m, mm, 0, TLB_FLUSH_ALL, PAGE_SHIFT, false);	/* all, remote */
	text = ph_read(m, "/proc/vmstat");
	assert_non_null(strstr(text, "\nballoon_migrate 0\n"
				     "nr_tlb_remote_flush 2\n"
				     "nr_tlb_remote_flush_received 2\n"
				     "nr_tlb_local_flush_all 1\n"
				     "nr_tlb_local_flush_one 2\n"
				     "swap_ra 0\n"));
	free(text);
	mmsim_destroy(m);
	m = NULL;
	assert_int_not_equal(mmsim_boot("mmsim.debug_tlbflush=maybe", 1, &m, err, sizeof(err)), 0);
	assert_non_null(strstr(err, "mmsim.debug_tlbflush=maybe: not a boolean"));
	mmsim_destroy(m);
}

/*
 * The STLB's victim is its set's LRU way, found through the set's age
 * order (tlb_array.order), which the validator checks against the stamps.
 * STLB set 0 (128 sets of 16 ways) holds pages 0, 128, 256, ...:
 *   fill 16 pages, hit page 0 in the STLB, fill a 17th -> page 128 goes;
 *   INVLPG page 640 (way 5), fill an 18th -> it takes way 5, the empty one.
 */
static void stlb_victim_follows_the_age_order(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=1");
	struct cpu_tlb *t = tlb_cpu(m, 0);
	struct tlb_array *a = &t->stlb;
	char err[256];
	u64 stamp;

	(void)state;
	for (int k = 0; k < 16; k++)
		fill(m, 0, PG(k * 128), false);
	assert_int_equal(a->order[0].used, 16);
	assert_int_equal(look(m, 0, PG(0)), TLB_HIT_L2);	/* L1 set 0 holds 12-15 */
	assert_int_equal(a->order[0].tail, 0);
	fill(m, 0, PG(16 * 128), false);
	assert_int_equal(a->tag[1] & PAGE_MASK, PG(16 * 128));	/* page 128's way */
	assert_int_equal(look(m, 0, PG(0)), TLB_HIT_L1);	/* backfilled above */
	assert_int_equal(look(m, 0, PG(128)), TLB_MISS);
	flush_tlb_one_user(m, 0, PG(5 * 128));
	assert_int_equal(a->order[0].used, 15);
	fill(m, 0, PG(17 * 128), false);
	assert_int_equal(a->tag[5] & PAGE_MASK, PG(17 * 128));
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), 0);

	stamp = a->lru[2];			/* ways 2 and 3 swap ages */
	a->lru[2] = a->lru[3];
	a->lru[3] = stamp;
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "stlb way 3"));
	assert_non_null(strstr(err, "LRU order disagrees with the stamps"));
	a->lru[3] = a->lru[2];
	a->lru[2] = stamp;
	a->order[0].used--;
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "LRU order disagrees with the stamps"));
	a->order[0].used++;
	assert_int_equal(validate_tlbs(m, err, sizeof(err)), 0);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(l1_set_evicts_its_lru_way_and_stlb_backfills),
		cmocka_unit_test(stlb_capacity_and_associativity),
		cmocka_unit_test(huge_entry_covers_2m),
		cmocka_unit_test(pcid_isolation_and_asid_round_robin),
		cmocka_unit_test(flush_ceiling_33_pages_then_full_flush),
		cmocka_unit_test(shootdown_counts_and_lazy_catch_up),
		cmocka_unit_test(cpumask_keeps_departed_cpus_until_the_trim),
		cmocka_unit_test(validator_catches_unflushed_pte_changes),
		cmocka_unit_test(translate_hits_skip_the_walk_until_flushed),
		cmocka_unit_test(tlb_parameter_is_checked),
		cmocka_unit_test(munmap_flushes_the_zapped_range),
		cmocka_unit_test(mprotect_readonly_makes_a_write_walk_and_fault),
		cmocka_unit_test(threads_on_two_cpus_get_shootdowns),
		cmocka_unit_test(context_switch_fork_and_exit),
		cmocka_unit_test(vmstat_tlb_events_only_with_debug_tlbflush),
		cmocka_unit_test(interrupts_and_stats_files_show_the_counts),
		cmocka_unit_test(l1_hit_allows_what_the_rights_allow),
		cmocka_unit_test(repeated_miss_and_array_bookkeeping_are_validated),
		cmocka_unit_test(inline_hit_checks_the_set_hint_and_leaves_the_rest_to_the_search),
		cmocka_unit_test(stlb_victim_follows_the_age_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
