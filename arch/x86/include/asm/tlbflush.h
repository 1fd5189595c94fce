/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The per-CPU TLB model and Linux's x86 TLB flushing API over it
 * (arch/x86/include/asm/tlbflush.h, arch/x86/mm/tlb.c).
 *
 * Each simulated CPU has three set-associative arrays, as an Intel Golden
 * Cove core (Optimization Reference Manual, "Golden Cove microarchitecture"):
 * an L1 dTLB for 4 KiB pages (64 entries, 4 ways), an L1 dTLB for 2 MiB
 * pages (32 entries, 4 ways) and a unified second-level TLB (STLB, 2048
 * entries, 16 ways, holding both sizes).  Boot parameter
 * mmsim.tlb=E4xW4,E2xW2,ELxWL changes them (docs/language.md).
 * Replacement is true LRU per set (real cores use tree pseudo-LRU).
 * Entries are tagged with the PCID Linux loads (kern_pcid(asid) = asid + 1)
 * or marked global (_PAGE_GLOBAL kernel mappings).
 *
 * Lazy TLB mode is modelled as 6.18 has it: kernel work on a CPU
 * (enter_lazy_tlb) keeps the user mm loaded; plain flushes skip lazy
 * CPUs (they catch up at their next switch_mm through tlb_gen), flushes
 * that freed page tables reach them and they leave to init_mm.
 * mm_cpumask is kept lazily too: switch_mm sets a CPU's bit, a flush IPI
 * to a CPU that has moved on clears it, and a shootdown IPIs such CPUs
 * (trims the mask) at most once a second of virtual time.
 *
 * Leaves out: PTI's user PCIDs (PTI is off on CPUs that need no Meltdown
 * mitigation), INVLPGB/global ASIDs, the paging-structure caches, 1 GiB
 * L1 entries (a 1 GiB leaf is cached as the 2 MiB piece the access
 * touched, as cores fracture it).
 */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include "linux/types.h"
#include "asm/pgtable_types.h"
#include "asm/trap_pf.h"

struct machine;
struct mm_struct;
struct vm_area_struct;

#define TLB_NR_DYN_ASIDS	6	/* dynamic ASIDs per CPU (Linux's value) */
#define TLB_FLUSH_ALL		(~0UL)
#define TLB_SINGLE_PAGE_FLUSH_CEILING	33	/* tlb_single_page_flush_ceiling */
#define NR_CPUS_TLBMASK		256	/* bits of mm->tlb_cpumask */
#define TLB_TRIM_INTERVAL_NS	1000000000ULL	/* should_trim_cpumask: HZ jiffies */

/* One array's geometry: @entries total, @ways per set (entries % ways == 0). */
struct tlb_geom {
	unsigned int entries;
	unsigned int ways;
};

/* The three arrays of every CPU (struct boot_params.tlb). */
struct tlb_config {
	struct tlb_geom l1_4k;		/* L1 dTLB, 4 KiB pages */
	struct tlb_geom l1_2m;		/* L1 dTLB, 2 MiB pages */
	struct tlb_geom stlb;		/* unified L2 TLB, both sizes */
};

/*
 * One cached translation as tlb_lookup reports it (the arrays keep it as a
 * tag and a struct tlb_data, below).
 */
struct tlb_entry {
	bool valid;
	bool global;		/* _PAGE_GLOBAL: matches every PCID */
	bool huge;		/* a 2 MiB translation (vpn is addr >> 21) */
	bool rw, us, nx;	/* rights combined over the walk */
	bool dirty;		/* the walk set (or found) D in the leaf */
	u16 pcid;		/* kern_pcid(asid) when !global */
	unsigned long vpn;	/* virtual page number at the entry's size */
	unsigned long pfn;	/* first 4 KiB frame of the page */
};

/*
 * An entry's tag: what a lookup compares, one word per way so that a
 * set's search reads one or two cache lines.  The page's address at the
 * entry's size, and in the low 12 bits (below any page offset):
 */
#define TLB_TAG_VALID	0x1UL		/* the way holds an entry (tag 0: it does not) */
#define TLB_TAG_HUGE	0x2UL		/* a 2 MiB entry */
#define TLB_TAG_GLOBAL	0x4UL		/* _PAGE_GLOBAL: pcid field 0, matches every PCID */
#define TLB_TAG_PCID_SHIFT	3	/* bits 3-11: kern_pcid(asid) of a !global entry */
#define TLB_TAG_PCID_MASK	(0x1ffUL << TLB_TAG_PCID_SHIFT)

/* The access bits an entry's allow mask is indexed by (X86_PF_* below 32). */
#define TLB_ALLOW_INDEX(access)	((access) & 31)

/*
 * The rest of an entry, beside its tag, with a copy of the tag: one cache
 * line, all an inline hit (tlb_l1_4k_hit) reads or writes of an entry.
 */
struct tlb_data {
	u64 tag;		/* the array's tag word of this way (0: empty) */
	u64 lru;		/* the way's LRU stamp in an array that keeps its
				 * stamps here (struct tlb_array.lru), else unused */
	struct mmu_result hit;	/* a hit's answer, ready made: !fault, error_code
				 * 0, pfn the page's first 4 KiB frame, level
				 * PG_LEVEL_4K or 2M, the rights combined over the
				 * walk, global (the tag's) and dirty (the walk set
				 * or found D in the leaf) */
	u32 allow;		/* bit TLB_ALLOW_INDEX(a) set: an access with X86_PF_*
				 * bits a may use the entry without a walk (from
				 * hit's rw, us, nx, dirty: tlb_array.h allow_mask) */
} __attribute__((aligned(64)));

/*
 * A set's used ways in stamp order (struct tlb_array.order): each stamp
 * write makes its way the newest, so that order is a list; tlb.c keeps
 * it beside the stamps, which stay what outcomes follow.
 */
#define TLB_ORDER_NIL	0xff	/* no way */
struct tlb_set_order {
	u8 head;		/* the way with the oldest stamp, or TLB_ORDER_NIL */
	u8 tail;		/* the way with the newest stamp, or TLB_ORDER_NIL */
	u8 used;		/* used ways of the set */
};

struct tlb_way_link {
	u8 prev, next;		/* the next older and newer used way, or TLB_ORDER_NIL */
};

/*
 * A set-associative array.  Way w of set s is index s * ways + w of the
 * parallel arrays; an empty way has tag 0 and LRU stamp 0.
 */
struct tlb_array {
	struct tlb_geom g;
	unsigned int sets;	/* g.entries / g.ways, a power of two */
	unsigned long set_mask;	/* sets - 1 */
	u64 *tag;		/* [sets * ways]: TLB_TAG_* word, 0 = empty; what a
				 * search compares (one or two cache lines a set) */
	struct tlb_data *data;	/* [sets * ways] */
	u64 *lru;		/* way i's last-use stamp is lru[i * lru_step]
				 * (larger = more recent, 0 = empty; true LRU per
				 * set).  l1_4k keeps them in its data (lru =
				 * &data[0].lru), where the inline hit writes them;
				 * the others in an array of their own (step 1),
				 * where a set's victim search reads 1-2 lines */
	unsigned int lru_step;	/* u64s between two ways' stamps (see lru) */
	struct tlb_set_order *order;	/* the others' [sets] when ways < TLB_ORDER_NIL
				 * (else NULL): the set's used ways oldest
				 * first, so that a full set's LRU way needs
				 * no search of its stamps ... */
	struct tlb_way_link *link;	/* ... [sets * ways]: way i's neighbours in
				 * that order (way numbers in its set) */
	struct tlb_data **mru;	/* l1_4k's [sets] (others NULL): a way of the set,
				 * the one last hit or filled: where the inline
				 * hit looks (a hint; outcomes never depend on it) */
	unsigned int nr_huge;	/* used ways with TLB_TAG_HUGE, and ... */
	unsigned int nr_global;	/* ... with TLB_TAG_GLOBAL: a search skips
				 * the compares that none can pass */
};

/* cpu_tlbstate.ctxs[]: which mm an ASID last held, and how fresh. */
struct tlb_context {
	u64 ctx_id;		/* the mm's mm->tlb_ctx_id (0: never used) */
	u64 tlb_gen;		/* the mm's tlb_gen this ASID is flushed up to */
};

/* Per-CPU counters: the model's hits and Linux's TLB events. */
struct tlb_stats {
	u64 l1_hits, l2_hits, misses;	/* tlb_lookup outcomes */
	u64 local_flush_one;		/* NR_TLB_LOCAL_FLUSH_ONE */
	u64 local_flush_all;		/* NR_TLB_LOCAL_FLUSH_ALL */
	u64 remote_flush;		/* NR_TLB_REMOTE_FLUSH (as initiator) */
	u64 remote_flush_received;	/* NR_TLB_REMOTE_FLUSH_RECEIVED */
	u64 irq_tlb_count;		/* /proc/interrupts TLB: */
};

/* One CPU's TLB and its cpu_tlbstate. */
struct cpu_tlb {
	struct tlb_array l1_4k, l1_2m, stlb;
	u64 tick;			/* LRU clock */
	u64 fill_gen;			/* entries put so far (fills, backfills) */
	u64 miss_key;			/* (addr & PAGE_MASK) | pcid_tag of the last
					 * lookup that missed, 0: none; while ... */
	u64 miss_gen;			/* ... fill_gen is still this, a lookup of
					 * that page and PCID misses again (only a
					 * put adds an entry): no search needed */
	struct mm_struct *loaded_mm;	/* NULL: init_mm (kernel only) */
	bool is_lazy;			/* cpu_tlbstate_shared.is_lazy: kernel
					 * work runs on loaded_mm's tables */
	u16 loaded_mm_asid;
	u64 pcid_tag;			/* TLB_TAG_VALID | kern_pcid(loaded_mm_asid)
					 * << TLB_TAG_PCID_SHIFT: a !global entry's
					 * tag bits under the current PCID */
	/* what the inline hit compares, kept by tlb.c as the above change: */
	struct mm_struct *fast_mm;	/* loaded_mm when !is_lazy, else NULL */
	u64 l1_key;			/* pcid_tag, or TLB_TAG_HUGE (no L1 4 KiB
					 * tag has it) while l1_4k holds a global
					 * entry: the inline hit then never hits */
	u16 next_asid;			/* next slot choose_new_asid hands out */
	struct tlb_context ctxs[TLB_NR_DYN_ASIDS];
	struct tlb_stats st;
};

enum tlb_hit { TLB_MISS, TLB_HIT_L1, TLB_HIT_L2 };

/* kern_pcid - the PCID Linux loads for dynamic ASID @asid. */
static inline u16 kern_pcid(u16 asid)
{
	return asid + 1;
}

/*
 * tlb_l1_4k_hit - the access path's common case, inline: the L1 4 KiB
 * entry of @t's current PCID for @addr, if it is the way of its set last
 * hit or filled (tlb_array.mru) and allows @access (X86_PF_* bits).
 * Needs @t running the accessing mm, not lazily (t->fast_mm is it;
 * otherwise the caller uses tlb_translate).  Does what tlb_lookup does
 * for that hit (the entry's LRU stamp, one l1_hits) and returns the
 * entry's data (->hit.pfn is @addr's frame): the same entry a full
 * search would find, since a set holds a tag once and l1_key stops it
 * while the array holds a global entry (which could come first).  NULL
 * changes nothing: the caller goes on to tlb_translate_slow, which
 * searches every way (another way may hold the entry).
 */
static inline const struct tlb_data *tlb_l1_4k_hit(struct cpu_tlb *t, unsigned long addr,
						   unsigned int access)
{
	struct tlb_array *a = &t->l1_4k;
	struct tlb_data *d = a->mru[(addr >> PAGE_SHIFT) & a->set_mask];

	if (__builtin_expect(d->tag != ((addr & PAGE_MASK) | t->l1_key), 0) ||
	    !(d->allow >> TLB_ALLOW_INDEX(access) & 1))
		return NULL;
	d->lru = ++t->tick;
	t->st.l1_hits++;
	return d;
}

/* What a walk found for an address, to fill a TLB entry. */
struct tlb_fill {
	unsigned long pfn;	/* frame of the 4 KiB page holding the address */
	bool huge;		/* leaf at PMD or PUD level (cached as 2 MiB) */
	bool global, rw, us, nx, dirty;	/* leaf G and D, rights over the walk */
};

/*
 * tlb_parse_config - parse "E4xW4,E2xW2,ELxWL" (mmsim.tlb=) into *@c.
 * Returns 0, or -EINVAL if a field is missing, zero, ways does not divide
 * entries or sets is not a power of two; *@c is then unchanged.
 */
int tlb_parse_config(const char *s, struct tlb_config *c);

/* tlb_default_config - the Golden Cove geometry above. */
void tlb_default_config(struct tlb_config *c);

/*
 * tlb_init - allocate a TLB for each of m->nr_cpu_ids CPUs from
 * m->bp.tlb (host memory; boot).  Every CPU starts in init_mm with ASID 0
 * and next_asid 1.  Returns 0 or -ENOMEM.  tlb_free undoes it.
 */
int tlb_init(struct machine *m);
void tlb_free(struct machine *m);

/*
 * tlb_lookup - the CPU's lookup of @addr under its current PCID: L1 (both
 * page sizes), then the STLB, whose hit is backfilled into L1.  Updates
 * LRU and the hit/miss counters.  On a hit copies the entry to *@out (the
 * pfn of @addr's 4 KiB page already offset for huge entries).  Rights are
 * the caller's: an access the entry's rw/us/nx deny, or a write to an
 * entry with !dirty, must walk again (mmu_walk) as the CPU does.
 */
enum tlb_hit tlb_lookup(struct machine *m, int cpu, unsigned long addr,
			struct tlb_entry *out);

/*
 * tlb_insert - cache a walk's result for @addr under the CPU's current
 * PCID (or global) in L1 and the STLB, replacing a matching entry or the
 * LRU way of the set.  Needs a successful walk (tlb_walk_fill or mmu_walk).
 */
void tlb_insert(struct machine *m, int cpu, unsigned long addr,
		const struct tlb_fill *f);

/*
 * tlb_walk_fill - read-only walk of @mm's tables for @addr (no A/D
 * updates); fills *@f.  Returns false if not present at some level.
 */
bool tlb_walk_fill(struct machine *m, struct mm_struct *mm, unsigned long addr,
		   struct tlb_fill *f);

/* flush_tlb_one_user - INVLPG @addr on @cpu: current PCID and global entries. */
void flush_tlb_one_user(struct machine *m, int cpu, unsigned long addr);

/* flush_tlb_local - CR3 reload on @cpu: every non-global entry of its PCID. */
void flush_tlb_local(struct machine *m, int cpu);

/* __flush_tlb_all - every entry of @cpu, global ones too (CR4.PGE toggle). */
void __flush_tlb_all(struct machine *m, int cpu);

/*
 * flush_tlb_mm_range - after @mm's PTEs in [@start, @end) changed (called
 * on m->current_cpu): bumps mm->tlb_gen; more than 33 pages of
 * 1 << @stride_shift become a full flush.  If mm_cpumask(@mm) holds
 * another CPU it is a shootdown (NR_TLB_REMOTE_FLUSH once): IPIs go to
 * the mask's CPUs running @mm non-lazily, to all of the mask when
 * @freed_tables, and to those that left @mm when the mask is due a trim;
 * each target counts NR_TLB_REMOTE_FLUSH_RECEIVED and a TLB: interrupt
 * and flushes (flush_tlb_func: a CPU that left clears its bit, a lazy one
 * switches to init_mm).  Otherwise only the local CPU, if it has @mm
 * loaded.  The initiating CPU counts NR_TLB_LOCAL_FLUSH_ONE per page or
 * NR_TLB_LOCAL_FLUSH_ALL.  CPUs skipped flush at their next switch_mm
 * (tlb_gen).  @end TLB_FLUSH_ALL flushes everything.
 */
void flush_tlb_mm_range(struct machine *m, struct mm_struct *mm, unsigned long start,
			unsigned long end, unsigned int stride_shift, bool freed_tables);

/*
 * flush_tlb_mm - flush_tlb_mm_range of all of @mm (fork's dup_mmap).
 * flush_tlb_range - of [@start, @end) of @vma's mm in 4 KiB strides, no
 * tables freed (mprotect's flush; no hugetlb yet).
 */
void flush_tlb_mm(struct machine *m, struct mm_struct *mm);
void flush_tlb_range(struct machine *m, struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);

/*
 * switch_mm_irqs_off - @cpu starts running @next (NULL: init_mm); clears
 * the CPU's lazy mode.  The same mm again: nothing, unless the CPU was
 * lazy and missed a flush (its ASID's tlb_gen behind), then a flush of
 * that ASID.  Another mm: @cpu joins mm_cpumask(@next) and picks an ASID
 * as choose_new_asid does: the slot whose ctx_id is @next's (flush only
 * if its tlb_gen is behind), else the next slot round-robin with a flush
 * of that PCID.  Gives @next a ctx_id on first use.  The flush on switch
 * counts no NR_TLB_* event (Linux only traces it).
 */
void switch_mm_irqs_off(struct machine *m, int cpu, struct mm_struct *next);

/*
 * init_new_context - a new mm's TLB context (x86's init_new_context):
 * a fresh ctx_id, tlb_gen 0, the first mm_cpumask trim a second of
 * virtual time away.  Called by mm_alloc.  (An mm made otherwise, as in
 * tests, gets its ctx_id at its first switch_mm.)
 */
void init_new_context(struct machine *m, struct mm_struct *mm);

/*
 * enter_lazy_tlb - @cpu runs kernel work (a kernel thread, an exiting
 * task after exit_mm): it keeps its loaded mm but is lazy (no effect
 * when it has only init_mm loaded).
 */
void enter_lazy_tlb(struct machine *m, int cpu);

/*
 * tlb_drop_lazy_mm - @mm is being freed: every CPU still holding it
 * (lazily) goes to init_mm, as it would at its next switch when Linux
 * drops its lazy reference.  Called by mmput's final mmdrop.
 */
void tlb_drop_lazy_mm(struct machine *m, struct mm_struct *mm);

/* mm_cpumask_test - is @cpu in mm_cpumask(@mm)? */
bool mm_cpumask_test(const struct mm_struct *mm, int cpu);

/*
 * validate_tlbs - for each CPU, every entry of the PCID of its loaded mm,
 * when that ASID is up to date (ctxs[].tlb_gen == mm->tlb_gen), must
 * match the page tables: present, same frame, and no right (rw, us, !nx)
 * the walk does not grant.  Stale entries of other ASIDs are legal (Linux
 * flushes them when the ASID is next used).  Also each CPU's lazy state,
 * mm_cpumask bit and the arrays' host-side bookkeeping (tlb_validate.c).
 * Returns 0 or -EINVAL with the first problem in @err.
 */
int validate_tlbs(struct machine *m, char *err, size_t errlen);

/*
 * tlb_translate - one access (X86_PF_WRITE/USER/INSTR bits in @access) by
 * m->current_cpu to @addr of @mm: switches the CPU to @mm if needed, then
 * a TLB hit whose entry allows the access gives the frame without a walk
 * (returns TLB_HIT_L1 or TLB_HIT_L2; a stale entry is used as the
 * hardware would).  Otherwise (returns TLB_MISS) the entry, if any, is
 * dropped, mmu_walk runs (setting A/D) and fills *@res, and a successful
 * walk is cached.  On res->fault the caller handles the fault and calls
 * again.  Needs mm->pgd.
 */
enum tlb_hit tlb_translate(struct machine *m, struct mm_struct *mm, unsigned long addr,
			   unsigned int access, struct mmu_result *res);

/*
 * tlb_translate_slow - tlb_translate without its inline first try
 * (tlb_l1_4k_hit): the same outcome, for a caller whose own
 * tlb_l1_4k_hit just failed or that retries after a fault.
 */
enum tlb_hit tlb_translate_slow(struct machine *m, struct mm_struct *mm, unsigned long addr,
				unsigned int access, struct mmu_result *res);

/*
 * pte_needs_flush - may a TLB still hold a translation that @oldpte gave
 * and @newpte no longer allows or describes?  Never for a not-present old
 * entry; always for another frame; else by flags as x86 decides: clearing
 * D, P or A (A ignored here, as Linux's callers ask), changing RW, US,
 * caching, PSE, G, PAT, the protection key or NX; software bits never.
 */
static inline bool pte_needs_flush(pte_t oldpte, pte_t newpte)
{
	const pteval_t flush_on_clear = _PAGE_DIRTY | _PAGE_PRESENT;
	const pteval_t software = _PAGE_SOFTW1 | _PAGE_SOFTW2 | _PAGE_SOFTW3 |
				  _PAGE_SOFTW4 | _PAGE_SAVED_DIRTY;
	const pteval_t flush_on_change = _PAGE_RW | _PAGE_USER | _PAGE_PWT | _PAGE_PCD |
					 _PAGE_PSE | _PAGE_GLOBAL | _PAGE_PAT |
					 _PAGE_PAT_LARGE | _PAGE_PKEY_MASK | _PAGE_NX;
	pteval_t oldf = oldpte.pte & PTE_FLAGS_MASK, diff;

	if (!(oldf & _PAGE_PRESENT))
		return false;
	if ((oldpte.pte & PTE_PFN_MASK) != (newpte.pte & PTE_PFN_MASK))
		return true;
	diff = (oldf ^ (newpte.pte & PTE_FLAGS_MASK)) & ~software & ~_PAGE_ACCESSED;
	return (diff & oldf & flush_on_clear) || (diff & flush_on_change);
}

/* tlb_cpu - @cpu's TLB (NULL before tlb_init or for a bad cpu). */
struct cpu_tlb *tlb_cpu(struct machine *m, int cpu);

#endif
