// SPDX-License-Identifier: GPL-2.0-only
/*
 * Page contents of the write verb and the verify shadow: the tool by which
 * mmsim proves that no byte is lost (CoW, swap, compression, migration).
 *
 * A store with data= writes a whole page from a compact tag (struct
 * verify_tag): zero, random (xoshiro256** seeded from the write's seed and
 * the page's address), text (lib/text_fill.c from a seeded position) or
 * pattern (256 records of {address written at, generation}, little
 * endian, recognisable in a hex dump).  The shadow remembers, per mm and
 * virtual page, the tag of the process's last such store; a page without
 * a tag must read as zeros.  With verify on, every load regenerates the
 * expected 4096 bytes and compares them with the frame in m->ram.
 *
 * The shadow follows the address space through hooks: fork copies it
 * (not VM_DONTCOPY / VM_WIPEONFORK VMAs), mremap moves it with the pages,
 * munmap, MAP_FIXED over a mapping, brk shrinking and madvise DONTNEED drop
 * it, MADV_FREE marks it lazyfree (zeros or the old data both pass: the
 * page may be reclaimed), the mm's last mmput frees it.
 *
 * It is host memory of the tool (machine->access), not the model's: no
 * /proc figure counts it.  Per mm: an open-addressing hash (linear
 * probing, backward-shift deletion) from page number to tag.
 *
 * Leaves out: stores of part of a page with data (every data store is a
 * whole page), shared anonymous and file pages (not modelled yet).
 * Called by kernel/access.c and the hooks' callers (linux/mmsim_access.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mmsim_access.h"
#include "linux/pgtable.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "linux/text_fill.h"
#include "../mm/vma.h"

#define MAX_VERIFY_LOG	10	/* mismatch lines logged per access call */
#define MREMAP_FIXED	2	/* include/uapi/linux/mman.h */

/* One slot: page number + 1 (0: empty) and its tag. */
struct verify_slot {
	unsigned long vpn1;
	struct verify_tag tag;
};

/* One mm's shadow. */
struct verify_shadow {
	struct verify_shadow *next;	/* the machine's list */
	struct mm_struct *mm;		/* whose */
	struct verify_slot *slots;	/* [mask + 1], NULL while empty */
	size_t mask;			/* slots - 1 (a power of two minus one) */
	size_t nr;			/* tags held */
	int bits;			/* log2(slots) */
};

/* machine->access: the tool layer's state. */
struct access_state {
	bool verify;			/* reads are verified */
	u32 gen;			/* the last write generation handed out */
	u64 errors;			/* pages that failed verification */
	unsigned int logged;		/* mismatch lines in the current call */
	struct verify_shadow *shadows;	/* one per mm with tags */
};

static struct access_state *state(struct machine *m)
{
	if (!m->access) {
		m->access = calloc(1, sizeof(*m->access));
		if (m->access)
			m->access->verify = m->bp.verify;
	}
	return m->access;
}

/* ---- page contents ---- */

/* splitmix64's finaliser: a good 64-bit mix. */
static u64 mix64(u64 x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

struct verify_tag access_make_tag(int kind, u64 seed, unsigned long vaddr, u32 gen)
{
	struct verify_tag t = { .kind = (u8)kind, .gen = gen };

	if (kind == MMSIM_FILL_PATTERN)
		t.key = vaddr;
	else if (kind == MMSIM_FILL_RANDOM || kind == MMSIM_FILL_TEXT)
		t.key = mix64(seed ^ mix64(vaddr));
	return t;
}

void access_fill_page(const struct verify_tag *tag, unsigned char *buf)
{
	struct rnd_state rng;
	u64 rec[2];

	switch (tag->kind) {
	case MMSIM_FILL_RANDOM:
		prandom_seed_state(&rng, tag->key);
		for (unsigned int i = 0; i < PAGE_SIZE; i += 8) {
			u64 v = prandom_u64_state(&rng);

			memcpy(buf + i, &v, 8);
		}
		break;
	case MMSIM_FILL_TEXT:
		text_fill(buf, PAGE_SIZE, tag->key);
		break;
	case MMSIM_FILL_PATTERN:
		rec[0] = tag->key;
		rec[1] = tag->gen;
		for (unsigned int i = 0; i < PAGE_SIZE; i += 16)
			memcpy(buf + i, rec, 16);
		break;
	default:
		memset(buf, 0, PAGE_SIZE);
	}
}

/* ---- the hash of one mm ---- */

static size_t home(const struct verify_shadow *sh, unsigned long vpn)
{
	return (size_t)((vpn * 0x9e3779b97f4a7c15ULL) >> (64 - sh->bits));
}

static struct verify_slot *find_slot(const struct verify_shadow *sh, unsigned long vpn)
{
	size_t i;

	if (!sh->slots)
		return NULL;
	for (i = home(sh, vpn);; i = (i + 1) & sh->mask) {
		if (sh->slots[i].vpn1 == vpn + 1)
			return &sh->slots[i];
		if (!sh->slots[i].vpn1)
			return NULL;
	}
}

/* Put @vpn's @tag in a table with room (no duplicate check). */
static void place(struct verify_shadow *sh, unsigned long vpn, const struct verify_tag *tag)
{
	size_t i = home(sh, vpn);

	while (sh->slots[i].vpn1)
		i = (i + 1) & sh->mask;
	sh->slots[i].vpn1 = vpn + 1;
	sh->slots[i].tag = *tag;
}

/* Rehash into 1 << @bits slots.  0 or -ENOMEM (the table unchanged). */
static int rehash(struct verify_shadow *sh, int bits)
{
	struct verify_slot *old = sh->slots;
	size_t old_n = old ? sh->mask + 1 : 0;
	struct verify_slot *slots = calloc((size_t)1 << bits, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	sh->slots = slots;
	sh->bits = bits;
	sh->mask = ((size_t)1 << bits) - 1;
	for (size_t i = 0; i < old_n; i++)
		if (old[i].vpn1)
			place(sh, old[i].vpn1 - 1, &old[i].tag);
	free(old);
	return 0;
}

/* Remove the tag in @slot, shifting later members of its run back. */
static void remove_slot(struct verify_shadow *sh, struct verify_slot *slot)
{
	size_t i = (size_t)(slot - sh->slots), j = i;

	for (;;) {
		size_t k;

		j = (j + 1) & sh->mask;
		if (!sh->slots[j].vpn1)
			break;
		k = home(sh, sh->slots[j].vpn1 - 1);
		/* can slot j's tag move to the hole at i? (k not cyclically in (i, j]) */
		if (i <= j ? (k <= i || k > j) : (k <= i && k > j)) {
			sh->slots[i] = sh->slots[j];
			i = j;
		}
	}
	sh->slots[i].vpn1 = 0;
	sh->nr--;
}

struct verify_tag *access_shadow_get(struct verify_shadow *sh, unsigned long vaddr)
{
	struct verify_slot *s = sh ? find_slot(sh, vaddr >> PAGE_SHIFT) : NULL;

	return s ? &s->tag : NULL;
}

int access_shadow_set(struct verify_shadow *sh, unsigned long vaddr, const struct verify_tag *tag)
{
	unsigned long vpn = vaddr >> PAGE_SHIFT;
	struct verify_slot *s = find_slot(sh, vpn);

	if (s) {
		s->tag = *tag;
		return 0;
	}
	if (!sh->slots || (sh->nr + 1) * 2 > sh->mask + 1) {
		if (rehash(sh, sh->slots ? sh->bits + 1 : 6))
			return -ENOMEM;
	}
	place(sh, vpn, tag);
	sh->nr++;
	return 0;
}

struct verify_shadow *access_shadow(struct machine *m, struct mm_struct *mm, bool create)
{
	struct access_state *st = state(m);
	struct verify_shadow *sh;

	if (!st)
		return NULL;
	for (sh = st->shadows; sh; sh = sh->next)
		if (sh->mm == mm)
			return sh;
	if (!create || !(sh = calloc(1, sizeof(*sh))))
		return NULL;
	sh->mm = mm;
	sh->next = st->shadows;
	st->shadows = sh;
	return sh;
}

static void shadow_free(struct machine *m, struct verify_shadow *sh)
{
	struct verify_shadow **pp;

	for (pp = &m->access->shadows; *pp; pp = &(*pp)->next)
		if (*pp == sh) {
			*pp = sh->next;
			break;
		}
	free(sh->slots);
	free(sh);
}

/* ---- verification ---- */

static const char *const data_names[] = {
	[MMSIM_FILL_NONE] = "none", [MMSIM_FILL_ZERO] = "zero", [MMSIM_FILL_RANDOM] = "random",
	[MMSIM_FILL_TEXT] = "text", [MMSIM_FILL_PATTERN] = "pattern",
};

/* First offset where @a and @b differ, or PAGE_SIZE. */
static unsigned int first_diff(const unsigned char *a, const unsigned char *b)
{
	unsigned int i = 0;

	while (i < PAGE_SIZE && !memcmp(a + i, b + i, 64))
		i += 64;
	while (i < PAGE_SIZE && a[i] == b[i])
		i++;
	return i;
}

static bool page_is_zero(const unsigned char *page)
{
	static const unsigned char zeros[PAGE_SIZE];

	return !memcmp(page, zeros, PAGE_SIZE);
}

int access_verify_page(struct machine *m, struct verify_shadow *sh, unsigned long vaddr,
		       const unsigned char *page)
{
	struct verify_tag *tag = access_shadow_get(sh, vaddr);
	struct access_state *st = state(m);
	unsigned char want[PAGE_SIZE];
	unsigned int off;

	if (!tag || tag->kind == MMSIM_FILL_ZERO) {
		if (page_is_zero(page))
			return 0;
		memset(want, 0, PAGE_SIZE);
	} else {
		access_fill_page(tag, want);
		if (!memcmp(want, page, PAGE_SIZE) || (tag->lazyfree && page_is_zero(page)))
			return 0;
	}
	off = first_diff(want, page);
	if (st) {
		st->errors++;
		if (st->logged++ < MAX_VERIFY_LOG)
			pr_err(m, "mmsim verify: %s[%d]: page %#lx byte %u: expected 0x%02x, found 0x%02x"
			       " (%s%s)", m->current_comm, m->current_pid, vaddr & PAGE_MASK, off,
			       want[off], page[off],
			       tag ? "data=" : "never written: zeros",
			       tag ? data_names[tag->kind] : "");
	}
	return -EBADMSG;
}

void access_verify_store(struct verify_shadow *sh, unsigned long vaddr,
			 const unsigned char *page)
{
	struct verify_slot *s = sh ? find_slot(sh, vaddr >> PAGE_SHIFT) : NULL;
	unsigned char want[PAGE_SIZE];

	if (!s || !s->tag.lazyfree)
		return;
	access_fill_page(&s->tag, want);
	if (!memcmp(want, page, PAGE_SIZE))
		s->tag.lazyfree = 0;		/* the old data stays for good */
	else if (page_is_zero(page))
		remove_slot(sh, s);		/* reclaimed: zeros for good */
}

u32 access_state_gen(struct machine *m)
{
	struct access_state *st = state(m);

	return st ? ++st->gen : 0;
}

bool access_verify_on(struct machine *m)
{
	struct access_state *st = state(m);

	if (st)
		st->logged = 0;		/* a new call: its own log budget */
	return st && st->verify;
}

/* ---- range operations ---- */

/*
 * The page numbers in [@s, @e) holding tags, malloc'd into *@out (count
 * returned; -1: no memory).  Looks each page up when the range is small,
 * else scans the table.
 */
static long collect(const struct verify_shadow *sh, unsigned long s, unsigned long e,
		    unsigned long **out)
{
	unsigned long *v;
	long n = 0;

	*out = NULL;
	if (!sh || !sh->nr || s >= e)
		return 0;
	v = malloc(sh->nr * sizeof(*v));
	if (!v)
		return -1;
	if (e - s <= sh->nr * 2) {
		for (unsigned long p = s; p < e; p++)
			if (find_slot(sh, p))
				v[n++] = p;
	} else {
		for (size_t i = 0; i <= sh->mask; i++) {
			unsigned long vpn1 = sh->slots[i].vpn1;

			if (vpn1 && vpn1 - 1 >= s && vpn1 - 1 < e)
				v[n++] = vpn1 - 1;
		}
	}
	*out = v;
	return n;
}

static unsigned long vpn_end(unsigned long start, unsigned long len)
{
	unsigned long end = start + len;

	if (end < start)
		end = -1UL;
	return (end + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

void access_verify_drop(struct machine *m, struct mm_struct *mm, unsigned long start,
			unsigned long len)
{
	struct verify_shadow *sh = m->access ? access_shadow(m, mm, false) : NULL;
	unsigned long *v;
	long n = collect(sh, start >> PAGE_SHIFT, vpn_end(start, len), &v);

	for (long i = 0; i < n; i++)
		remove_slot(sh, find_slot(sh, v[i]));
	free(v);
}

void access_verify_zapped(struct machine *m, struct mm_struct *mm, unsigned long start,
			  unsigned long len)
{
	struct verify_shadow *sh = m->access ? access_shadow(m, mm, false) : NULL;
	unsigned long *v;
	long n = collect(sh, start >> PAGE_SHIFT, vpn_end(start, len), &v);

	for (long i = 0; i < n; i++) {
		pte_t *pte = mm_find_pte(m, mm, v[i] << PAGE_SHIFT);

		if (!pte || pte_none(*pte))
			remove_slot(sh, find_slot(sh, v[i]));
	}
	free(v);
}

void access_verify_lazyfree(struct machine *m, struct mm_struct *mm, unsigned long start,
			    unsigned long len)
{
	struct verify_shadow *sh = m->access ? access_shadow(m, mm, false) : NULL;
	unsigned long *v;
	long n = collect(sh, start >> PAGE_SHIFT, vpn_end(start, len), &v);

	for (long i = 0; i < n; i++)
		find_slot(sh, v[i])->tag.lazyfree = 1;
	free(v);
}

/* Move the tags of [@old, @old + @len) to start at @new (the target already dropped). */
static void move_range(struct machine *m, struct verify_shadow *sh, unsigned long old,
		       unsigned long len, unsigned long new)
{
	unsigned long *v;
	long n = collect(sh, old >> PAGE_SHIFT, vpn_end(old, len), &v);
	struct verify_tag *tags = n > 0 ? malloc((size_t)n * sizeof(*tags)) : NULL;

	if (n > 0 && !tags)
		n = -1;
	for (long i = 0; i < n; i++) {
		struct verify_slot *s = find_slot(sh, v[i]);

		tags[i] = s->tag;
		remove_slot(sh, s);
	}
	for (long i = 0; i < n; i++)
		if (access_shadow_set(sh, ((v[i] << PAGE_SHIFT) - old + new), &tags[i]))
			pr_err(m, "mmsim verify: no memory to move a shadow tag");
	if (n < 0)
		pr_err(m, "mmsim verify: no memory to move the shadow");
	free(tags);
	free(v);
}

void access_verify_mremap(struct machine *m, struct mm_struct *mm, unsigned long old,
			  unsigned long old_len, unsigned long new_len, unsigned int flags,
			  unsigned long new_addr, unsigned long ret)
{
	struct verify_shadow *sh = m->access ? access_shadow(m, mm, false) : NULL;
	unsigned long keep;

	if (!sh || !sh->nr)
		return;
	old_len = (old_len + PAGE_SIZE - 1) & PAGE_MASK;
	new_len = (new_len + PAGE_SIZE - 1) & PAGE_MASK;
	keep = old_len < new_len ? old_len : new_len;
	if (!old_len)
		return;				/* a second mapping of shared pages */
	if (ret == old) {			/* in place: a shrink unmaps the tail */
		if (new_len < old_len)
			access_verify_drop(m, mm, old + new_len, old_len - new_len);
		return;
	}
	if (flags & MREMAP_FIXED)
		access_verify_drop(m, mm, new_addr, new_len);	/* unmapped first */
	move_range(m, sh, old, keep, ret);
	if (old_len > keep)
		access_verify_drop(m, mm, old + keep, old_len - keep);
}

void access_verify_fork(struct machine *m, struct mm_struct *parent, struct mm_struct *child)
{
	struct verify_shadow *psh = m->access ? access_shadow(m, parent, false) : NULL;
	struct verify_shadow *csh;

	if (!psh || !psh->nr)
		return;
	csh = access_shadow(m, child, true);
	if (!csh)
		goto nomem;
	for (size_t i = 0; i <= psh->mask; i++) {
		unsigned long vpn1 = psh->slots[i].vpn1;
		struct vm_area_struct *vma;

		if (!vpn1)
			continue;
		vma = find_vma(child, (vpn1 - 1) << PAGE_SHIFT);
		if (!vma || vma->vm_start > (vpn1 - 1) << PAGE_SHIFT ||
		    (vma->vm_flags & VM_WIPEONFORK))
			continue;		/* not copied, or wiped: zeros */
		if (access_shadow_set(csh, (vpn1 - 1) << PAGE_SHIFT, &psh->slots[i].tag))
			goto nomem;
	}
	return;
nomem:
	pr_err(m, "mmsim verify: no memory to copy the shadow at fork");
}

void access_verify_mmput(struct machine *m, struct mm_struct *mm)
{
	struct verify_shadow *sh;

	if (!m->access || !mm || mm->mm_users > 1)
		return;
	sh = access_shadow(m, mm, false);
	if (sh)
		shadow_free(m, sh);
}

void access_state_free(struct machine *m)
{
	if (!m->access)
		return;
	while (m->access->shadows)
		shadow_free(m, m->access->shadows);
	free(m->access);
	m->access = NULL;
}

/* ---- the public API (include/mmsim.h) ---- */

void mmsim_set_verify(struct machine *m, int on)
{
	struct access_state *st = state(m);

	if (st)
		st->verify = on != 0;
}

int mmsim_get_verify(struct machine *m)
{
	return m->access ? m->access->verify : m->bp.verify;
}

uint64_t mmsim_verify_errors(struct machine *m)
{
	return m->access ? m->access->errors : 0;
}

uint64_t mmsim_verify_pages(struct machine *m)
{
	uint64_t n = 0;

	if (m->access)
		for (struct verify_shadow *sh = m->access->shadows; sh; sh = sh->next)
			n += sh->nr;
	return n;
}
