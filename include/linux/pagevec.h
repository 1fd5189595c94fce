/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-CPU batches of pages on their way to an LRU operation (Linux's
 * include/linux/pagevec.h struct folio_batch and mm/swap.c's
 * cpu_fbatches).  Only the lazyfree batch exists yet (MADV_FREE); the
 * LRU issue adds lru_add, deactivate, activate.  mm/swap.c.
 */
#ifndef _LINUX_PAGEVEC_H
#define _LINUX_PAGEVEC_H

#include <stddef.h>

struct machine;
struct page;

/* Pages a batch holds before it is applied (PAGEVEC_SIZE in Linux). */
#define FOLIO_BATCH_SIZE	31

struct folio_batch {
	unsigned int nr;			/* pages held */
	struct page *folios[FOLIO_BATCH_SIZE];	/* each with a reference taken */
};

/* One CPU's batches (Linux's struct cpu_fbatches). */
struct cpu_fbatches {
	struct folio_batch lru_lazyfree;	/* MADV_FREE: to become lazyfree */
	struct folio_batch mlock;		/* mm/mlock.c's mlock_fbatch: tagged
						 * entries (MLOCK_LRU, MLOCK_NEW; an
						 * untagged one is a munlock with a
						 * reference) */
};

/*
 * folio_mark_lazyfree - MADV_FREE's request for anonymous @page: if it
 * is swap-backed (and not in the swap cache or unevictable) it joins the
 * current CPU's lazyfree batch with a reference; a full batch (31) is
 * applied at once: each page still anonymous and swap-backed loses
 * PG_swapbacked, PG_active and PG_referenced and counts PGLAZYFREE, and
 * the references are dropped (the last one frees the page).  So on the
 * 6.18 host, MADV_FREE of 256 pages counts 248 in pglazyfree and smaps
 * LazyFree until the next drain.
 */
void folio_mark_lazyfree(struct machine *m, struct page *page);

/*
 * lru_add_drain - apply the current CPU's batches now, the mlock batch
 * too (madvise FREE, COLD and PAGEOUT, exit_mmap, mlock's page walk and
 * populate call it, as 6.18 does; munmap and DONTNEED do not).
 * lru_add_drain_cpu - the same for @cpu.  lru_add_drain_all - every CPU.
 */
void lru_add_drain(struct machine *m);
void lru_add_drain_cpu(struct machine *m, int cpu);
void lru_add_drain_all(struct machine *m);

/*
 * The mlock batch (mm/mlock.c).  mlock_folio - @page, present in a
 * VM_LOCKED VMA, gets PG_mlocked (counted in NR_MLOCK and
 * unevictable_pgs_mlocked unless it had it) and an entry in the current
 * CPU's mlock batch.  mlock_new_folio - the same for a page just faulted
 * into a VM_LOCKED VMA (mm/rmap.c).  munlock_folio - @page lost a locked
 * mapping: an entry with a reference; when the batch is applied (full
 * at 31 entries, or mlock_drain_cpu, which lru_add_drain calls) it loses
 * PG_mlocked, NR_MLOCK and counts unevictable_pgs_munlocked unless a
 * VM_LOCKED VMA still maps it, and the reference is dropped (the last
 * one frees the page).  mlock_drain_cpu - apply @cpu's mlock batch.
 */
void mlock_folio(struct machine *m, struct page *page);
void mlock_new_folio(struct machine *m, struct page *page);
void munlock_folio(struct machine *m, struct page *page);
void mlock_drain_cpu(struct machine *m, int cpu);

/*
 * validate_mlocked_pages - NR_MLOCK equals the pages with PG_mlocked;
 * each such page is mapped in a VM_LOCKED VMA or has a munlock waiting
 * in a CPU's mlock batch; no batch is full; a batched munlock's page is
 * in use.  0 or -EUCLEAN with the problem in @err.  (validate_fbatches
 * runs it.)
 */
int validate_mlocked_pages(struct machine *m, char *err, size_t len);

/*
 * validate_fbatches - every batched page is in use (refcount >= 1) and
 * appears once.  0 or -EUCLEAN with the problem in @err.
 */
int validate_fbatches(struct machine *m, char *err, size_t len);

#endif
