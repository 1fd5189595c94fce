// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel actor's guard: what the actor owns, and what it may free or
 * write.  On Linux a buggy module that frees a dangling pointer after the
 * kernel reused the memory, or writes a megabyte past its object, corrupts
 * the kernel (an oops, or a use-after-free to come).  mmsim cannot model
 * what follows - its host code walks those task_structs, page tables,
 * VMAs and sheaves directly - so the actor refuses such a free or write
 * and says what it would have hit (docs/divergences.md).  Bugs confined to
 * the actor's own memory stay possible and are what SLUB's checks report:
 * red-zone overwrites, use after free of a free slot, double frees.
 *
 * Ownership is a bitmap over direct-mapped RAM (struct kactor_owned, one
 * bit per 8 bytes, a bitmap per 2 MiB chunk made on first use).  Slab
 * classification walks a slab's freelist, its CPU freelists and the
 * cache's sheaves once per slab to make a free-slot map.
 *
 * Leaves out: a page the actor got from alloc_pages, or a page of its own
 * vmalloc area reached through the direct map, counts as a page the kernel
 * allocated (refused): the actor writes its vmalloc areas through their
 * vmalloc addresses.  Callers: kernel/kactor.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "asm/page.h"
#include "asm/pgtable.h"
#include "linux/kactor.h"
#include "linux/mm.h"
#include "linux/page-flags.h"
#include "linux/vmalloc.h"
#include "../mm/slab.h"

#define CHUNK_SHIFT	21				/* 2 MiB of RAM per bitmap */
#define CHUNK_BITS	(1UL << (CHUNK_SHIFT - 3))	/* one bit per 8 bytes */
#define BITS_PER_UL	(8 * sizeof(unsigned long))

/* ---- ownership ---- */

/* @va's offset in RAM, or false when @va is no 8-byte aligned direct-map RAM address. */
static bool owned_off(const struct machine *m, uint64_t va, uint64_t *off)
{
	if (va < PAGE_OFFSET || va - PAGE_OFFSET >= (uint64_t)m->max_pfn << PAGE_SHIFT ||
	    (va & 7))
		return false;
	*off = va - PAGE_OFFSET;
	return true;
}

/*
 * The word of @o's bitmap holding RAM offset @off, with its bit in *@mask;
 * NULL when the chunk has no bitmap yet (nothing in it is owned).
 */
static unsigned long *owned_word(const struct kactor_owned *o, uint64_t off,
				 unsigned long *mask)
{
	size_t c = (size_t)(off >> CHUNK_SHIFT);
	uint64_t bit = (off & ((1UL << CHUNK_SHIFT) - 1)) >> 3;

	if (c >= o->nr_chunks || !o->chunk[c])
		return NULL;
	*mask = 1UL << (bit % BITS_PER_UL);
	return &o->chunk[c][bit / BITS_PER_UL];
}

/* Make sure the chunk holding RAM offset @off has a bitmap: 0 or -ENOMEM. */
static int owned_chunk(const struct machine *m, struct kactor_owned *o, uint64_t off)
{
	size_t c = (size_t)(off >> CHUNK_SHIFT);

	if (c >= o->nr_chunks) {
		size_t n = ((size_t)(m->max_pfn << PAGE_SHIFT) >> CHUNK_SHIFT) + 1;
		unsigned long **t;

		if (n <= c)
			n = c + 1;
		t = realloc(o->chunk, n * sizeof(*t));
		if (!t)
			return -ENOMEM;
		memset(t + o->nr_chunks, 0, (n - o->nr_chunks) * sizeof(*t));
		o->chunk = t;
		o->nr_chunks = n;
	}
	if (!o->chunk[c] && !(o->chunk[c] = calloc(CHUNK_BITS / BITS_PER_UL, sizeof(unsigned long))))
		return -ENOMEM;
	return 0;
}

int kactor_own(struct machine *m, struct kactor_owned *o, uint64_t va)
{
	unsigned long *word, mask;
	uint64_t off;

	if (!owned_off(m, va, &off))
		return 0;	/* ZERO_SIZE_PTR and such: nothing to own */
	if (owned_chunk(m, o, off))
		return -ENOMEM;
	word = owned_word(o, off, &mask);
	if (!(*word & mask))
		o->nr++;
	*word |= mask;
	return 0;
}

void kactor_disown(struct machine *m, struct kactor_owned *o, uint64_t va)
{
	unsigned long *word, mask;
	uint64_t off;

	if (!o || !owned_off(m, va, &off) || !(word = owned_word(o, off, &mask)))
		return;
	if (*word & mask)
		o->nr--;
	*word &= ~mask;
}

bool kactor_owns(const struct machine *m, const struct kactor_owned *o, uint64_t va)
{
	const unsigned long *word;
	unsigned long mask;
	uint64_t off;

	if (!o || !owned_off(m, va, &off) || !(word = owned_word(o, off, &mask)))
		return false;
	return *word & mask;
}

void kactor_owned_release(struct kactor_owned *o)
{
	for (size_t c = 0; c < o->nr_chunks; c++)
		free(o->chunk[c]);
	free(o->chunk);
	memset(o, 0, sizeof(*o));
}

uint64_t kactor_vm_key(struct machine *m, uint64_t va)
{
	struct vm_struct *vm = is_vmalloc_addr((unsigned long)va) ?
			       find_vm_area(m, (unsigned long)va) : NULL;
	struct page *page = vm ? vm_area_page(m, vm, 0) : NULL;

	return page ? PAGE_OFFSET + ((uint64_t)page_to_pfn(m, page) << PAGE_SHIFT) : 0;
}

/* ---- a slab's free slots ---- */

/* Slot index of host pointer @p (an object start) in @slab, or -1 if it is none. */
static long slot_of(const struct kmem_cache *s, const struct page *slab, const void *p)
{
	const unsigned char *base = slab_base(s, slab);
	const unsigned char *first = fixup_red_left(s, (void *)base);
	unsigned long off;

	if ((const unsigned char *)p < first)
		return -1;
	off = (unsigned long)((const unsigned char *)p - first);
	if (off >= (unsigned long)slab->objects * s->size || off % s->size)
		return -1;
	return (long)(off / s->size);
}

/* Mark the slots on the chain from @fp (at most objects links, valid pointers only). */
static void mark_chain(const struct kmem_cache *s, const struct page *slab, void *fp,
		       unsigned long *map)
{
	for (unsigned int nr = 0; fp && nr < slab->objects; nr++) {
		long i = slot_of(s, slab, fp);

		if (i < 0)
			return;
		map[i / BITS_PER_UL] |= 1UL << (i % BITS_PER_UL);
		fp = get_freepointer(s, fp);
	}
}

static void mark_sheaf(const struct kmem_cache *s, const struct page *slab,
		       const struct slab_sheaf *sheaf, unsigned long *map)
{
	for (unsigned int k = 0; sheaf && k < sheaf->size; k++) {
		long i = slot_of(s, slab, sheaf->objects[k]);

		if (i >= 0)
			map[i / BITS_PER_UL] |= 1UL << (i % BITS_PER_UL);
	}
}

/*
 * The free slots of @slab in @map (objects bits, zeroed by the caller):
 * its freelist, the lockless freelist of a CPU whose active slab it is,
 * and the cache's sheaves - the places free_checked_already_free looks.
 */
static void slab_free_map(struct machine *m, const struct page *slab, unsigned long *map)
{
	const struct kmem_cache *s = slab->slab_cache;
	const struct slab_sheaf *sheaf;
	struct kmem_cache_node *n;
	int nid;

	mark_chain(s, slab, slab->freelist, map);
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		if (s->cpu_slab[cpu].slab == slab)
			mark_chain(s, slab, s->cpu_slab[cpu].freelist, map);
	if (!s->cpu_sheaves)
		return;
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		mark_sheaf(s, slab, s->cpu_sheaves[cpu].main, map);
		mark_sheaf(s, slab, s->cpu_sheaves[cpu].spare, map);
	}
	for_each_kmem_cache_node(m, s, nid, n)
		if (n->barn)
			list_for_each_entry(sheaf, &n->barn->sheaves_full, barn_list)
				mark_sheaf(s, slab, sheaf, map);
}

static bool map_test(const unsigned long *map, unsigned long i)
{
	return map[i / BITS_PER_UL] & (1UL << (i % BITS_PER_UL));
}

/* ---- what a page holds ---- */

/*
 * The head of the allocated block of pages holding @pfn (an allocation of
 * alloc_order pages, or a typed page), or NULL when no allocation covers
 * it (a free page: in a buddy block, on a per-CPU list).  Blocks are
 * aligned to their order, so the head is the first page found going up
 * the aligned candidates; a tail page (refcount 0, untyped) is skipped.
 */
static struct page *alloc_head(struct machine *m, unsigned long pfn)
{
	for (unsigned int o = 0; o <= MAX_PAGE_ORDER; o++) {
		unsigned long h = pfn & ~((1UL << o) - 1);
		struct page *p = pfn_to_page(m, h);

		if (PageBuddy(p))
			return NULL;	/* a free block: covering pfn or ending before it */
		if (p->_refcount > 0 || p->page_type == PGTY_large_kmalloc ||
		    p->page_type == PGTY_table)
			return pfn < h + (1UL << p->alloc_order) ? p : NULL;
	}
	return NULL;
}

/* What a refused write hit, for the caller's message. */
struct write_check {
	struct machine *m;
	const struct kactor_owned *o;	/* the actor's allocations */
	char *why;			/* the refusal, written here */
	size_t whylen;
	unsigned long map[(MAX_OBJS_PER_PAGE + 63) / 64];	/* a slab's free slots */
};

#define REFUSE(c, ...)	(snprintf((c)->why, (c)->whylen, __VA_ARGS__), -EPERM)

/*
 * Check [@off, @end) of @slab (offsets from its first byte): every slot it
 * touches must be free or the actor's.  The free map is made on the first
 * slot that is neither known free nor owned.
 */
static int check_slab_range(struct write_check *c, struct page *slab, unsigned long off,
			    unsigned long end)
{
	const struct kmem_cache *s = slab->slab_cache;
	unsigned char *base = slab_base(s, slab);
	unsigned long last = (end - 1) / s->size;
	bool mapped = false;

	for (unsigned long i = off / s->size; i <= last && i < slab->objects; i++) {
		void *obj = fixup_red_left(s, base + i * s->size);

		if (kactor_owns(c->m, c->o, obj_kva(s, obj)))
			continue;
		if (!mapped) {
			memset(c->map, 0, sizeof(c->map));
			slab_free_map(c->m, slab, c->map);
			mapped = true;
		}
		if (!map_test(c->map, i))
			return REFUSE(c, "0x%lx is a live %s object mmsim uses", obj_kva(s, obj),
				      s->name);
	}
	return 0;	/* slots free or owned; past the last slot: tail padding */
}

/* Check the direct-map page at @va (not a slab page): 0 or -EPERM. */
static int check_page(struct write_check *c, uint64_t va)
{
	unsigned long pfn = (unsigned long)((va - PAGE_OFFSET) >> PAGE_SHIFT);
	struct page *page = pfn_to_page(c->m, pfn), *head;
	uint64_t head_va;

	if (PageReserved(page))
		return REFUSE(c, "0x%llx is a reserved page (the kernel image, firmware)",
			      (unsigned long long)va);
	head = alloc_head(c->m, pfn);
	if (!head)
		return 0;	/* a free page */
	head_va = PAGE_OFFSET + ((uint64_t)page_to_pfn(c->m, head) << PAGE_SHIFT);
	if (head->page_type == PGTY_table)
		return REFUSE(c, "0x%llx is a page-table page mmsim uses",
			      (unsigned long long)head_va);
	if (head->page_type == PGTY_large_kmalloc) {
		if (kactor_owns(c->m, c->o, head_va))
			return 0;
		return REFUSE(c, "0x%llx is a live large kmalloc (order %u) mmsim uses",
			      (unsigned long long)head_va, head->alloc_order);
	}
	if (head->page_type == PGTY_none && head->mapping)
		return 0;	/* user anonymous or page-cache data */
	return REFUSE(c, "0x%llx is a page the kernel allocated for itself (a vmalloc area's, such as a kernel stack, or its own)",
		      (unsigned long long)(va & PAGE_MASK));
}

/* Check the mapped vmalloc-range page at @va: the actor's area, or refused. */
static int check_vmalloc_page(struct write_check *c, uint64_t va)
{
	struct vm_struct *vm = find_vm_area(c->m, (unsigned long)va);
	uint64_t key = kactor_vm_key(c->m, va);

	if (key && kactor_owns(c->m, c->o, key))
		return 0;
	if (!vm)
		return REFUSE(c, "0x%llx is a kernel mapping mmsim uses", (unsigned long long)va);
	return REFUSE(c, "0x%lx is a live vmalloc area (%s) mmsim uses", vm->addr,
		      vm->caller ? vm->caller : "?");
}

int kactor_write_check(struct machine *m, const struct kactor_owned *o, uint64_t va,
		       uint64_t len, char *why, size_t whylen)
{
	struct write_check *c = calloc(1, sizeof(*c));
	uint64_t end = va + len;
	int ret = 0;

	if (!c)
		return -ENOMEM;
	*c = (struct write_check){ .m = m, .o = o, .why = why, .whylen = whylen };
	while (!ret && va < end) {
		uint64_t next = (va | (PAGE_SIZE - 1)) + 1;
		unsigned long off;
		struct page *slab;

		if (next > end || !next)
			next = end;
		if (is_vmalloc_addr((unsigned long)va)) {
			ret = check_vmalloc_page(c, va);
		} else if ((slab = virt_to_slab(m, __va(m, va - PAGE_OFFSET), &off))) {
			/* the whole part of the range inside this slab at once */
			unsigned long slab_end = (PAGE_SIZE << slab_order(slab)) - off;

			if (end - va < slab_end)
				next = end;
			else
				next = va + slab_end;
			ret = check_slab_range(c, slab, off, off + (unsigned long)(next - va));
		} else {
			ret = check_page(c, va);
		}
		va = next;
	}
	free(c);
	return ret;
}

/* ---- frees ---- */

bool kactor_kernel_live(struct machine *m, const struct kactor_owned *o, uint64_t va,
			char *what, size_t whatlen)
{
	unsigned long off, map[(MAX_OBJS_PER_PAGE + 63) / 64] = { 0 };
	void *p = __va(m, va - PAGE_OFFSET);
	struct page *slab, *page;
	long i;

	if (kactor_owns(m, o, va) || va < PAGE_OFFSET ||
	    va - PAGE_OFFSET >= (uint64_t)m->max_pfn << PAGE_SHIFT)
		return false;
	slab = virt_to_slab(m, p, &off);
	if (slab) {
		i = slot_of(slab->slab_cache, slab, p);
		if (i < 0)
			return false;	/* not an object start: the free reports it */
		slab_free_map(m, slab, map);
		if (map_test(map, (unsigned long)i))
			return false;
		if (what)
			snprintf(what, whatlen, "%s object", slab->slab_cache->name);
		return true;
	}
	if (va & (PAGE_SIZE - 1))
		return false;
	page = pfn_to_page(m, (unsigned long)((va - PAGE_OFFSET) >> PAGE_SHIFT));
	if (page->page_type != PGTY_large_kmalloc)
		return false;
	if (what)
		snprintf(what, whatlen, "large kmalloc (order %u)", page->alloc_order);
	return true;
}

/* ---- validation ---- */

/* What kactor_owned_validate carries from one owned allocation to the next. */
struct owned_check {
	struct machine *m;
	struct page *slab;		/* the slab whose free map is in @map, or NULL */
	unsigned long map[(MAX_OBJS_PER_PAGE + 63) / 64];	/* its free slots */
	unsigned long seen;		/* owned allocations found */
};

/* Is the owned allocation at direct-map @va live?  NULL, or what is wrong. */
static const char *owned_live(struct owned_check *c, uint64_t va)
{
	void *p = __va(c->m, va - PAGE_OFFSET);
	unsigned long off;
	struct page *slab = virt_to_slab(c->m, p, &off), *page;
	long i;

	if (slab) {
		i = slot_of(slab->slab_cache, slab, p);
		if (i < 0)
			return "not an object start of its slab";
		if (slab != c->slab) {
			memset(c->map, 0, sizeof(c->map));
			slab_free_map(c->m, slab, c->map);
			c->slab = slab;
		}
		return map_test(c->map, (unsigned long)i) ? "a free slab object" : NULL;
	}
	if (va & (PAGE_SIZE - 1))
		return "not in a slab, not page aligned";
	page = pfn_to_page(c->m, (unsigned long)((va - PAGE_OFFSET) >> PAGE_SHIFT));
	if (page->page_type == PGTY_large_kmalloc)
		return NULL;
	if (page->page_type != PGTY_none || page->_refcount <= 0)
		return "a page not in use (expected a large kmalloc or a vmalloc area's first page)";
	return NULL;
}

int kactor_owned_validate(struct machine *m, const struct kactor_owned *o, char *err,
			  size_t len)
{
	struct owned_check *c = calloc(1, sizeof(*c));
	int ret = 0;

	if (!c)
		return 0;	/* no host memory to check with: not a finding */
	c->m = m;
	for (size_t ch = 0; ch < o->nr_chunks && !ret; ch++) {
		for (size_t w = 0; o->chunk[ch] && w < CHUNK_BITS / BITS_PER_UL && !ret; w++) {
			for (unsigned long bits = o->chunk[ch][w]; bits && !ret; bits &= bits - 1) {
				uint64_t va = PAGE_OFFSET + ((uint64_t)ch << CHUNK_SHIFT) +
					      ((w * BITS_PER_UL + (unsigned long)__builtin_ctzl(bits)) << 3);
				const char *bad = owned_live(c, va);

				c->seen++;
				if (bad) {
					snprintf(err, len, "kactor: owned allocation 0x%llx is %s",
						 (unsigned long long)va, bad);
					ret = -EUCLEAN;
				}
			}
		}
	}
	if (!ret && c->seen != o->nr) {
		snprintf(err, len, "kactor: %lu owned allocations counted, %lu in the bitmap",
			 o->nr, c->seen);
		ret = -EUCLEAN;
	}
	free(c);
	return ret;
}
