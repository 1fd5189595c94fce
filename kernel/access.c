// SPDX-License-Identifier: GPL-2.0-only
/*
 * A process touching its memory (the read and write verbs): the addresses
 * of an access pattern (kernel/access_pattern.c), each a user-mode load
 * or store by the CPU the process runs on.  Each access goes MMU -> TLB
 * (tlb_translate: a hit gives the frame; a miss walks the page tables,
 * setting A and D, and fills the TLB); a fault goes to the #PF handler
 * (arch/x86/mm/fault.c do_user_addr_fault) and the access is retried, as
 * the CPU re-executes the faulting instruction.
 *
 * A store with data= writes the whole 4096-byte page (kernel/access_verify.c
 * makes the bytes and records them in the verify shadow); without data= it
 * stores back the byte it finds, as `p[0] |= 0` would: dirty, faulted and
 * copied-on-write like any store, contents unchanged, and as cheap as a
 * first touch can be.  With verify on, each load compares its page with
 * the shadow.  SIGSEGV (-EFAULT) and SIGBUS (-ENXIO) end the walk and kill
 * the process (kill_task with the signal's default action; no core dump is
 * modelled); -ENOMEM and -EIO (not yet modelled) end it, the process lives.
 *
 * The loop over a batch of addresses does, on an L1 TLB hit, the inline
 * lookup (tlb_l1_4k_hit) and a compare or two: no call, no allocation, no
 * division, no process lookup.
 *
 * Called by the CLI and tests through mmsim_process_access_pattern
 * (include/mmsim.h).
 */
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "asm/trap_pf.h"
#include "linux/machine.h"
#include "linux/mm_fault.h"
#include "linux/mmsim_access.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"

/* One range walk: what every access needs, and what it has done. */
struct access_walk {
	struct machine *m;
	struct mm_struct *mm;		/* the process's address space */
	unsigned int access;		/* X86_PF_USER, plus X86_PF_WRITE for stores */
	int data;			/* stores: MMSIM_FILL_* */
	u64 data_seed;			/* data=random and text: the seed */
	u32 gen;			/* this call's write generation */
	bool verify;			/* loads check the shadow */
	bool slow;			/* an access needs more than the translation */
	struct verify_shadow *sh;	/* the mm's shadow, if any (or made for data) */
	unsigned long last_page;	/* access_page: the previous access's page (-1 << 12: none) */
	unsigned long *seen;		/* rand, zipf: pages already counted (bitmap) */
	unsigned long base_vpn;		/* the range's first page number */
	struct mmsim_access_result *out;
};

/*
 * The frame that @addr translates to for @w's access, after any fault; or
 * -errno.  Counts the TLB's answers in *@hits and *@misses.  The general
 * path, after walk()'s tlb_l1_4k_hit failed: tlb_translate_slow is
 * tlb_translate without that first try.
 */
static long translate(struct access_walk *w, unsigned long addr, u64 *hits, u64 *misses)
{
	struct mmu_result res;
	int tries, err;

	for (tries = 0; tries < 3; tries++) {
		if (tlb_translate_slow(w->m, w->mm, addr, w->access, &res) != TLB_MISS) {
			++*hits;
			return (long)res.pfn;
		}
		++*misses;
		if (!res.fault)
			return (long)res.pfn;
		err = do_user_addr_fault(w->m, res.error_code, addr);
		if (err)
			return err;
	}
	return -EFAULT;		/* the handler left the PTE faulting: a model bug */
}

/*
 * The TLB tlb_l1_4k_hit may use for @w's accesses: the current CPU's, if
 * it runs @w's mm not lazily (as tlb_translate checks); else NULL.  Only
 * the general path (a switch, a walk, a fault) can change that.
 */
static struct cpu_tlb *fast_tlb(const struct access_walk *w)
{
	struct cpu_tlb *t = &w->m->tlb[w->m->current_cpu];

	return t->loaded_mm == w->mm && !t->is_lazy ? t : NULL;
}

/* What an access does beyond translation: data, verification, lazyfree stores. */
static void access_page(struct access_walk *w, unsigned long addr, unsigned long pfn)
{
	unsigned char *page = w->m->ram + (pfn << PAGE_SHIFT);
	unsigned long vaddr = addr & PAGE_MASK;
	struct verify_tag tag;

	if (vaddr == w->last_page)
		return;			/* the page was just written or checked */
	if (!(w->access & X86_PF_WRITE)) {
		if (w->verify && access_verify_page(w->m, w->sh, vaddr, page)) {
			if (!w->out->verify_errors++)
				w->out->fault_addr = vaddr;
		}
		return;
	}
	if (w->data == MMSIM_FILL_NONE) {
		access_verify_store(w->sh, vaddr, page);
		return;
	}
	tag = access_make_tag(w->data, w->data_seed, vaddr, w->gen);
	access_fill_page(&tag, page);
	if (w->sh && access_shadow_set(w->sh, vaddr, &tag)) {
		pr_err(w->m, "mmsim verify: no host memory for the shadow: recording stops");
		w->sh = NULL;
	}
}

/*
 * Count @vpn's page once: rand and zipf keep a bitmap, seq and stride
 * (monotonic) count a change of page in their first pass.
 */
static inline u64 new_page(struct access_walk *w, unsigned long vpn, unsigned long last_vpn,
			   bool first_pass)
{
	if (w->seen) {
		unsigned long i = vpn - w->base_vpn, bit = 1UL << (i & 63);

		if (w->seen[i >> 6] & bit)
			return 0;
		w->seen[i >> 6] |= bit;
		return 1;
	}
	return first_pass && vpn != last_vpn;
}

/*
 * Walk @it's addresses.  0 or the first access's error (out->fault_addr
 * set).  An L1 4 KiB hit is taken inline (tlb_l1_4k_hit, which counts it
 * in the CPU's l1_hits as tlb_translate would); anything else goes through
 * translate().  The counters live in locals across the batch.
 */
static int walk(struct access_walk *w, struct access_iter *it)
{
	struct mmsim_access_result *out = w->out;
	unsigned long addrs[ACCESS_BATCH], last_vpn = -1UL;
	u64 pages = 0, done = 0, hits = 0, misses = 0;
	const unsigned int access = w->access;
	struct cpu_tlb *t = fast_tlb(w);
	const bool slow = w->slow;
	int err = 0;
	size_t n;

	while (!err && (n = access_iter_next(it, addrs, ACCESS_BATCH))) {
		bool first_pass = it->pass == 0;

		for (size_t i = 0; i < n; i++) {
			unsigned long addr = addrs[i], vpn = addr >> PAGE_SHIFT;
			const struct tlb_data *d = t ? tlb_l1_4k_hit(t, addr, access) : NULL;
			long pfn;

			if (__builtin_expect(d != NULL, 1)) {
				hits++;
				pfn = (long)d->hit.pfn;
			} else {
				pfn = translate(w, addr, &hits, &misses);
				t = fast_tlb(w);
				if (pfn < 0) {
					out->fault_addr = addr;
					err = (int)pfn;
					break;
				}
			}
			if (slow) {
				w->last_page = last_vpn << PAGE_SHIFT;
				access_page(w, addr, (unsigned long)pfn);
			}
			pages += new_page(w, vpn, last_vpn, first_pass);
			last_vpn = vpn;
			done++;
		}
	}
	out->pages = pages;
	out->accesses = done;
	out->tlb_hits = hits;
	out->tlb_misses = misses;
	return err;
}

/* Check @spec against the call; 0 or -EINVAL. */
static int check_spec(const struct mmsim_access_spec *spec, int write)
{
	if (spec->data < MMSIM_FILL_NONE || spec->data > MMSIM_FILL_PATTERN)
		return -EINVAL;
	if (spec->data != MMSIM_FILL_NONE && !write)
		return -EINVAL;
	return 0;
}

/* Set up @w (after process_enter); 0 or -ENOMEM. */
static int walk_setup(struct access_walk *w, struct task_struct *tsk,
		      const struct mmsim_access_spec *spec, const struct access_iter *it,
		      int write)
{
	struct machine *m = w->m;

	w->mm = tsk->mm;
	w->access = X86_PF_USER | (write ? X86_PF_WRITE : 0);
	w->data = write ? spec->data : MMSIM_FILL_NONE;
	w->verify = !write && access_verify_on(m);
	w->base_vpn = it->start >> PAGE_SHIFT;
	w->sh = access_shadow(m, w->mm, w->data != MMSIM_FILL_NONE);
	if (w->data != MMSIM_FILL_NONE) {
		w->gen = access_state_gen(m);
		if (!w->sh)
			return -ENOMEM;
	}
	w->slow = w->verify || w->data != MMSIM_FILL_NONE || (write && w->sh);
	if (it->pattern == MMSIM_ACCESS_RAND || it->pattern == MMSIM_ACCESS_ZIPF) {
		w->seen = calloc((it->nr_pages + 63) / 64, sizeof(unsigned long));
		if (!w->seen)
			return -ENOMEM;
	}
	return 0;
}

int mmsim_process_access_pattern(struct machine *m, const char *name, uint64_t addr,
				 uint64_t len, int write, const struct mmsim_access_spec *spec,
				 struct mmsim_access_result *out)
{
	static const struct mmsim_access_spec seq = { .pattern = MMSIM_ACCESS_SEQ };
	struct access_walk w = { .m = m, .out = out };
	struct current_save save;
	struct task_struct *tsk;
	struct access_iter it;
	unsigned long start_flt;
	u64 seed = 0;
	int err;

	memset(out, 0, sizeof(*out));
	if (!spec)
		spec = &seq;
	if (check_spec(spec, write))
		return -EINVAL;
	if (!len || addr + len < addr)
		return len ? -EINVAL : 0;
	if (!find_process(m, name))
		return -ESRCH;
	if (spec->has_seed)
		seed = spec->seed;
	else if (spec->pattern == MMSIM_ACCESS_RAND || spec->pattern == MMSIM_ACCESS_ZIPF ||
		 spec->data == MMSIM_FILL_RANDOM || spec->data == MMSIM_FILL_TEXT)
		seed = prandom_u64_state(&m->rng);	/* one draw, only when needed */
	if (access_iter_init(&it, spec, addr, addr + len, seed))
		return -EINVAL;
	w.data_seed = seed;
	tsk = process_enter(m, name, &save);
	start_flt = tsk->min_flt;
	err = walk_setup(&w, tsk, spec, &it, write);
	if (!err)
		err = walk(&w, &it);
	out->min_flt = tsk->min_flt - start_flt;
	task_leave(m, &save);
	free(w.seen);
	if (err == -EFAULT)
		kill_task(m, tsk, SIGSEGV);		/* force_sig_fault(SIGSEGV) */
	else if (err == -ENXIO)
		kill_task(m, tsk, SIGBUS);		/* force_sig_fault(SIGBUS) */
	if (!err && out->verify_errors)
		err = -EBADMSG;
	return err;
}

int mmsim_process_access(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			 int write, struct mmsim_access_result *out)
{
	return mmsim_process_access_pattern(m, name, addr, len, write, NULL, out);
}
