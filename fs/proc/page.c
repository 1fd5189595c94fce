// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/kpagecount and /proc/kpageflags (Linux's fs/proc/page.c): one
 * 8-byte entry per page frame, pfn 0 up to max_pfn rounded up to a
 * memory section (get_max_dump_pfn: SPARSEMEM's early sections have a
 * whole memmap, 32768 pages on x86-64), read at offsets that are
 * multiples of 8 (-EINVAL otherwise), 0 bytes past the end.
 *
 * kpagecount: folio_precise_page_mapcount - the page's _mapcount + 1, 0
 * for a typed page (buddy, slab, page table: their _mapcount is their
 * type on Linux) and for the zero page (never rmapped).
 *
 * kpageflags: stable_page_flags - the pseudo flags MMAP (mapped), ANON
 * (mapping has PAGE_MAPPING_ANON), COMPOUND_HEAD/TAIL (a slab's tails
 * through compound_head, other __GFP_COMP allocations by their head's
 * order), ZERO_PAGE, BUDDY (the head of a free block, and its tails by
 * is_free_buddy_page), PGTABLE, SLAB (head and tails), OFFLINE, then the
 * PG_* bits copied one by one (LOCKED, DIRTY, UPTODATE, WRITEBACK, LRU,
 * REFERENCED, ACTIVE, RECLAIM, SWAPCACHE = swapbacked + owner_priv_1,
 * SWAPBACKED, UNEVICTABLE, MLOCKED, and the kernel-hacking bits 32+:
 * RESERVED, OWNER_2 (anon exclusive), PRIVATE, PRIVATE_2,
 * OWNER_PRIVATE, ARCH).  The frames between max_pfn and the section's
 * end exist on Linux as reserved pages (init_unavailable_range): here
 * too, RESERVED with count 0.  Whatever the page state holds is shown:
 * pages get no PG_lru/PG_uptodate until the LRU issue (divergences.md).
 *
 * Leaves out: KPF_IDLE (no CONFIG_PAGE_IDLE_FLAG), HWPOISON, KSM, THP,
 * HUGE (no such pages), /proc/kpagecgroup (no memcg).  Reads state only.
 * Registered by fs/proc/root.c; read through kernfs_pread (mmsim_pread).
 */
#include <string.h>
#include "linux/machine.h"
#include "linux/mm_fault.h"
#include "linux/page-flags.h"
#include "linux/proc_fs.h"
#include "../../mm/internal.h"

#define KPMSIZE			8	/* sizeof(u64) */
#define PAGES_PER_SECTION	(1UL << (27 - PAGE_SHIFT))	/* SECTION_SIZE_BITS 27 */

/* include/uapi/linux/kernel-page-flags.h and include/linux/kernel-page-flags.h */
enum {
	KPF_LOCKED = 0, KPF_ERROR = 1, KPF_REFERENCED = 2, KPF_UPTODATE = 3, KPF_DIRTY = 4,
	KPF_LRU = 5, KPF_ACTIVE = 6, KPF_SLAB = 7, KPF_WRITEBACK = 8, KPF_RECLAIM = 9,
	KPF_BUDDY = 10, KPF_MMAP = 11, KPF_ANON = 12, KPF_SWAPCACHE = 13, KPF_SWAPBACKED = 14,
	KPF_COMPOUND_HEAD = 15, KPF_COMPOUND_TAIL = 16, KPF_HUGE = 17, KPF_UNEVICTABLE = 18,
	KPF_HWPOISON = 19, KPF_NOPAGE = 20, KPF_KSM = 21, KPF_THP = 22, KPF_OFFLINE = 23,
	KPF_ZERO_PAGE = 24, KPF_IDLE = 25, KPF_PGTABLE = 26,
	KPF_RESERVED = 32, KPF_MLOCKED = 33, KPF_OWNER_2 = 34, KPF_PRIVATE = 35,
	KPF_PRIVATE_2 = 36, KPF_OWNER_PRIVATE = 37, KPF_ARCH = 38,
};

/* get_max_dump_pfn: max_pfn rounded up to a section. */
static unsigned long max_dump_pfn(const struct machine *m)
{
	return ALIGN(m->max_pfn, PAGES_PER_SECTION);
}

/*
 * compound_head: a slab tail holds its head | 1 in lru.next; another
 * __GFP_COMP allocation is found by an aligned PG_head page of that order.
 */
static const struct page *compound_head(const struct machine *m, unsigned long pfn)
{
	const struct page *page = pfn_to_page(m, pfn);

	if ((uintptr_t)page->lru.next & 1)
		return (const struct page *)((uintptr_t)page->lru.next - 1);
	for (unsigned int order = 1; order <= MAX_PAGE_ORDER; order++) {
		const struct page *head = pfn_to_page(m, pfn & ~((1UL << order) - 1));

		if (head != page && PageHead(head) && head->_refcount > 0 &&
		    head->alloc_order == order)
			return head;
	}
	return page;
}

/* is_free_buddy_page: @pfn lies in a free block whose head is PageBuddy. */
static bool is_free_buddy_page(const struct machine *m, unsigned long pfn)
{
	for (unsigned int order = 0; order <= MAX_PAGE_ORDER; order++) {
		const struct page *head = pfn_to_page(m, pfn & ~((1UL << order) - 1));

		if (PageBuddy(head) && buddy_order(head) >= order)
			return true;
	}
	return false;
}

/* page_mapcount_is_type's negation: the page's _mapcount means a mapcount. */
static bool page_has_mapcount(const struct page *page)
{
	return page->page_type == PGTY_none;
}

/* folio_precise_page_mapcount for an order-0 folio (all mmsim maps). */
static unsigned long long kpagecount(const struct machine *m, unsigned long pfn)
{
	const struct page *page;

	if (pfn >= m->max_pfn)
		return 0;
	page = pfn_to_page(m, pfn);
	if (!page_has_mapcount(page) || page->_mapcount < 0)
		return 0;
	return (unsigned long long)page->_mapcount + 1;
}

static unsigned long long kpf_copy_bit(unsigned long kflags, int ubit, int kbit)
{
	return (unsigned long long)((kflags >> kbit) & 1) << ubit;
}

/* The PG_* bits stable_page_flags copies from the folio's flags @k. */
static unsigned long long copied_flags(unsigned long k)
{
	unsigned long long u = 0;
	unsigned long swapcache = (1UL << PG_swapbacked) | (1UL << PG_owner_priv_1);

	u |= kpf_copy_bit(k, KPF_LOCKED, PG_locked);
	u |= kpf_copy_bit(k, KPF_DIRTY, PG_dirty);
	u |= kpf_copy_bit(k, KPF_UPTODATE, PG_uptodate);
	u |= kpf_copy_bit(k, KPF_WRITEBACK, PG_writeback);
	u |= kpf_copy_bit(k, KPF_LRU, PG_lru);
	u |= kpf_copy_bit(k, KPF_REFERENCED, PG_referenced);
	u |= kpf_copy_bit(k, KPF_ACTIVE, PG_active);
	u |= kpf_copy_bit(k, KPF_RECLAIM, PG_reclaim);
	if ((k & swapcache) == swapcache)		/* PG_swapcache is PG_owner_priv_1 */
		u |= 1ULL << KPF_SWAPCACHE;
	u |= kpf_copy_bit(k, KPF_SWAPBACKED, PG_swapbacked);
	u |= kpf_copy_bit(k, KPF_UNEVICTABLE, PG_unevictable);
	u |= kpf_copy_bit(k, KPF_MLOCKED, PG_mlocked);
	u |= kpf_copy_bit(k, KPF_RESERVED, PG_reserved);
	u |= kpf_copy_bit(k, KPF_OWNER_2, PG_owner_2);
	u |= kpf_copy_bit(k, KPF_PRIVATE, PG_private);
	u |= kpf_copy_bit(k, KPF_PRIVATE_2, PG_private_2);
	u |= kpf_copy_bit(k, KPF_OWNER_PRIVATE, PG_owner_priv_1);
	u |= kpf_copy_bit(k, KPF_ARCH, PG_arch_1);
	return u;
}

/* stable_page_flags of frame @pfn. */
static unsigned long long stable_page_flags(const struct machine *m, unsigned long pfn)
{
	const struct page *page, *folio;
	unsigned long long u = 0;

	if (pfn >= m->max_pfn)		/* the section's memmap past RAM: reserved */
		return 1ULL << KPF_RESERVED;
	page = pfn_to_page(m, pfn);
	folio = compound_head(m, pfn);
	if (page_has_mapcount(folio) && page->_mapcount >= 0)	/* page_mapped */
		u |= 1ULL << KPF_MMAP;
	if (PageAnon(folio))
		u |= 1ULL << KPF_ANON;
	if (page == folio)
		u |= kpf_copy_bit(folio->flags, KPF_COMPOUND_HEAD, PG_head);
	else
		u |= 1ULL << KPF_COMPOUND_TAIL;
	if (pfn == my_zero_pfn(m))				/* is_zero_folio */
		u |= 1ULL << KPF_ZERO_PAGE;
	if (PageBuddy(page) || (page->_refcount == 0 && is_free_buddy_page(m, pfn)))
		u |= 1ULL << KPF_BUDDY;
	if (page->page_type == PGTY_offline)
		u |= 1ULL << KPF_OFFLINE;
	if (page->page_type == PGTY_table)
		u |= 1ULL << KPF_PGTABLE;
	if (folio->page_type == PGTY_slab)
		u |= 1ULL << KPF_SLAB;
	return u | copied_flags(folio->flags);
}

/* The reads' shared checks: entries [*pfn, *pfn + *nr) to produce, or an error/0. */
static long kpage_range(const struct machine *m, size_t len, unsigned long long pos,
			unsigned long *pfn, size_t *nr)
{
	unsigned long end = max_dump_pfn(m);

	if ((pos & (KPMSIZE - 1)) || (len & (KPMSIZE - 1)))
		return -EINVAL;
	*pfn = pos / KPMSIZE;
	if (pos >= (unsigned long long)end * KPMSIZE)
		return 0;
	*nr = len / KPMSIZE;
	if (*nr > end - *pfn)
		*nr = end - *pfn;
	return 1;
}

/* One 8-byte value of @value per pfn of the range @len bytes at @pos ask for. */
static long kpage_read(struct machine *m, void *buf, size_t len, unsigned long long pos,
		       unsigned long long (*value)(const struct machine *, unsigned long))
{
	unsigned long pfn;
	size_t nr;
	long ret = kpage_range(m, len, pos, &pfn, &nr);

	if (ret <= 0)
		return ret;
	for (size_t i = 0; i < nr; i++) {
		unsigned long long v = value(m, pfn + i);

		memcpy((char *)buf + i * KPMSIZE, &v, KPMSIZE);
	}
	return (long)(nr * KPMSIZE);
}

static long kpagecount_read(struct machine *m, void *data, void *buf, size_t len,
			    unsigned long long pos)
{
	return kpage_read(m, buf, len, pos, kpagecount);
}

static long kpageflags_read(struct machine *m, void *data, void *buf, size_t len,
			    unsigned long long pos)
{
	return kpage_read(m, buf, len, pos, stable_page_flags);
}

static const struct kernfs_ops kpagecount_ops = { .read = kpagecount_read };
static const struct kernfs_ops kpageflags_ops = { .read = kpageflags_read };

int proc_page_init(struct machine *m)
{
	int ret = kernfs_create_file(m, "/proc/kpagecount", 0400, &kpagecount_ops, NULL);

	return ret ? ret : kernfs_create_file(m, "/proc/kpageflags", 0400, &kpageflags_ops, NULL);
}
