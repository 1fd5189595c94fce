/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The access path's tool layer, shared by kernel/access*.c and the hooks
 * that keep the verify shadow in step with the address space:
 *   - pattern iterators (kernel/access_pattern.c): the addresses a
 *     struct mmsim_access_spec visits, in order, in batches;
 *   - page contents (kernel/access_verify.c): the 4096 bytes a data kind
 *     writes, regenerated from a compact tag;
 *   - the verify shadow (kernel/access_verify.c): per mm and virtual page,
 *     the tag of what the process last wrote.  It is mmsim's own host
 *     memory hanging off machine->access, never the model's: no /proc
 *     figure changes with it.
 * Hook callers: kernel/fork.c (fork copies), kernel/exit.c, kernel/fork.c
 * and kernel/process.c (mm freed), kernel/process.c (munmap, MAP_FIXED,
 * brk), mm/mremap.c and mm/madvise.c's public wrappers (moves, DONTNEED,
 * FREE).
 */
#ifndef _LINUX_MMSIM_ACCESS_H
#define _LINUX_MMSIM_ACCESS_H

#include "mmsim.h"
#include "linux/types.h"
#include "linux/prandom.h"

struct machine;
struct mm_struct;

/* ---- patterns (kernel/access_pattern.c) ---- */

#define ACCESS_BATCH	256	/* addresses an iterator hands out at a time */

/* The state of one walk over a range.  Set up by access_iter_init. */
struct access_iter {
	int pattern;		/* MMSIM_ACCESS_* */
	unsigned long start;	/* first byte of the range */
	unsigned long end;	/* one past its last byte */
	unsigned long first_page;	/* start & PAGE_MASK */
	unsigned long nr_pages;	/* pages the range overlaps */
	u64 per_pass;		/* accesses in one pass */
	u64 passes;		/* passes to make (>= 1) */
	u64 pass;		/* the current pass, from 0 */
	u64 done;		/* accesses handed out in this pass */
	unsigned long next;	/* seq, stride: the next address */
	u64 stride;		/* stride: bytes between accesses */
	u64 seed;		/* rand, zipf: the seed each pass restarts from */
	struct rnd_state rng;	/* rand, zipf: the pass's generator */
	double theta;		/* zipf: the exponent */
	double z_hx0;		/* zipf rejection-inversion: H(1.5) - 1 */
	double z_hn;		/* ... H(nr_pages + 0.5) */
	double z_s;		/* ... the acceptance shortcut */
};

/*
 * access_iter_init - set @it up to walk [@start, @end) as @spec says
 * (@seed: rand and zipf's, already resolved).  Needs @start < @end.
 * Returns 0, or -EINVAL for a bad spec (unknown pattern, count 0, stride 0,
 * theta outside [0, 100]).
 */
int access_iter_init(struct access_iter *it, const struct mmsim_access_spec *spec,
		     unsigned long start, unsigned long end, u64 seed);

/*
 * access_iter_next - up to @max (<= ACCESS_BATCH) next addresses into
 * @addrs; the number given, 0 when the walk is over.  Every address lies
 * in [start, end); seq and rand give start itself for the first page, the
 * page's first byte for the others.  The first pass's addresses come in
 * batches of their own (it->pass is still 0 after such a batch); later
 * passes may share one.
 */
size_t access_iter_next(struct access_iter *it, unsigned long *addrs, size_t max);

/* ---- page contents and the verify shadow (kernel/access_verify.c) ---- */

/* What a page was last written with: enough to regenerate its bytes. */
struct verify_tag {
	u64 key;		/* random, text: the bytes' seed; pattern: address written at */
	u32 gen;		/* pattern: the write's generation */
	u8 kind;		/* MMSIM_FILL_ZERO .. MMSIM_FILL_PATTERN */
	u8 lazyfree;		/* MADV_FREE since: zeros are accepted too */
};

/*
 * access_fill_page - the 4096 bytes @tag stands for, into @buf.
 */
void access_fill_page(const struct verify_tag *tag, unsigned char *buf);

/*
 * access_make_tag - the tag of a store of @kind at page @vaddr with @seed
 * and generation @gen.
 */
struct verify_tag access_make_tag(int kind, u64 seed, unsigned long vaddr, u32 gen);

struct verify_shadow;

/* access_shadow - @mm's shadow (NULL: none yet); @create makes one (NULL: no memory). */
struct verify_shadow *access_shadow(struct machine *m, struct mm_struct *mm, bool create);

/* access_shadow_get - the tag of page @vaddr, or NULL (never written with data). */
struct verify_tag *access_shadow_get(struct verify_shadow *sh, unsigned long vaddr);

/* access_shadow_set - record @tag for page @vaddr.  0 or -ENOMEM. */
int access_shadow_set(struct verify_shadow *sh, unsigned long vaddr, const struct verify_tag *tag);

/*
 * access_verify_page - compare @page (4096 bytes at page @vaddr of
 * @sh's mm) with its shadow (zeros when none; either for a lazyfree tag).
 * On a mismatch logs the first differing byte, e.g. "mmsim verify: a[1]:
 * page 0x7f0000000000 byte 12: expected 0x41, found 0x00 (...)", and
 * counts it; returns -EBADMSG, else 0.
 */
int access_verify_page(struct machine *m, struct verify_shadow *sh, unsigned long vaddr,
		       const unsigned char *page);

/*
 * access_verify_store - a store without data to page @vaddr holding
 * @page: a lazyfree tag becomes the contents found (old data, or zeros
 * if the page was reclaimed), as a store re-dirties the page.
 */
void access_verify_store(struct verify_shadow *sh, unsigned long vaddr,
			 const unsigned char *page);

/* access_state_gen - a fresh write generation (from 1). */
u32 access_state_gen(struct machine *m);

/* access_verify_on - reads are verified. */
bool access_verify_on(struct machine *m);

/* ---- hooks: keep the shadow in step with the address space ---- */

/* access_verify_fork - @child (a fork of @parent) starts with a copy of its shadow,
 * except in VM_DONTCOPY and VM_WIPEONFORK VMAs of @child. */
void access_verify_fork(struct machine *m, struct mm_struct *parent, struct mm_struct *child);

/* access_verify_mmput - before mmput(@mm): the last user frees its shadow. */
void access_verify_mmput(struct machine *m, struct mm_struct *mm);

/* access_verify_drop - [@start, @start + @len) was unmapped or zapped: reads expect zeros. */
void access_verify_drop(struct machine *m, struct mm_struct *mm, unsigned long start,
			unsigned long len);

/*
 * access_verify_zapped - after a zap that may have stopped part way
 * (madvise DONTNEED): drop the tags of pages in [@start, @start + @len)
 * whose PTE is now empty.
 */
void access_verify_zapped(struct machine *m, struct mm_struct *mm, unsigned long start,
			  unsigned long len);

/* access_verify_lazyfree - MADV_FREE on [@start, @start + @len): zeros accepted too. */
void access_verify_lazyfree(struct machine *m, struct mm_struct *mm, unsigned long start,
			    unsigned long len);

/*
 * access_verify_mremap - after a successful mremap(@old, @old_len,
 * @new_len, @flags, @new_addr) returned @ret: the moved pages' tags move
 * to @ret, what was unmapped (a shrunk tail, a MREMAP_FIXED target) is
 * dropped.
 */
void access_verify_mremap(struct machine *m, struct mm_struct *mm, unsigned long old,
			  unsigned long old_len, unsigned long new_len, unsigned int flags,
			  unsigned long new_addr, unsigned long ret);

/* access_state_free - free machine->access (mmsim_destroy). */
void access_state_free(struct machine *m);

#endif
