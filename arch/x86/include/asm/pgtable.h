/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page-table entries and walks on x86-64 (arch/x86/include/asm/pgtable.h,
 * pgalloc.h, include/linux/pgtable.h), and the kernel's own page tables
 * (arch/x86/mm/pgtable.c, init_64.c).
 *
 * A page table is a 4 KiB frame of the machine's RAM holding 512 real
 * 64-bit x86-64 entries (asm/pgtable_types.h); an entry pointing to a
 * lower table holds that table's physical address.  Walk helpers return
 * host pointers into the frames (m->ram), so an entry is read and written
 * exactly where the hardware would find it.  The tables are stored in the
 * host's byte order (little-endian on x86-64 hosts, as on the real machine).
 *
 * init_mm's PGD (swapper_pg_dir) is a page of the kernel image's .data, as
 * Linux's init_top_pgt is; the tables below it come from the page
 * allocator (GFP_PGTABLE_KERNEL) and are counted in NR_PAGETABLE
 * (PageTables:), as __pagetable_ctor does for init_mm's tables in 6.18.
 * Kernel page tables are never freed (Linux keeps them after vunmap).
 * Only the vmalloc range is mapped through the tables: the direct map and
 * the kernel image are resolved arithmetically (docs/divergences.md).
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include "asm/page.h"
#include "asm/pgtable_types.h"
#include "linux/gfp.h"

struct machine;

#define GFP_PGTABLE_KERNEL	(GFP_KERNEL | __GFP_ZERO)
#define GFP_PGTABLE_USER	(GFP_PGTABLE_KERNEL | __GFP_ACCOUNT)

/* ---- indexes and range steps ---- */

static inline unsigned long pgd_index(unsigned long a) { return (a >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1); }
static inline unsigned long pud_index(unsigned long a) { return (a >> PUD_SHIFT) & (PTRS_PER_PUD - 1); }
static inline unsigned long pmd_index(unsigned long a) { return (a >> PMD_SHIFT) & (PTRS_PER_PMD - 1); }
static inline unsigned long pte_index(unsigned long a) { return (a >> PAGE_SHIFT) & (PTRS_PER_PTE - 1); }

/* The end of the entry's span containing @addr, or @end if sooner (pXd_addr_end). */
static inline unsigned long __addr_end(unsigned long addr, unsigned long end, unsigned long size)
{
	unsigned long b = (addr + size) & ~(size - 1);

	return (b - 1 < end - 1) ? b : end;
}
#define pgd_addr_end(a, e)	__addr_end(a, e, PGDIR_SIZE)
#define pud_addr_end(a, e)	__addr_end(a, e, PUD_SIZE)
#define pmd_addr_end(a, e)	__addr_end(a, e, PMD_SIZE)

/* ---- entry predicates and conversions ---- */

static inline bool pte_none(pte_t pte) { return !(pte.pte & ~(_PAGE_KNL_ERRATUM_MASK)); }
static inline bool pte_present(pte_t pte) { return pte.pte & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline unsigned long pte_pfn(pte_t pte) { return (pte.pte & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((pteval_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}
static inline bool pte_write(pte_t pte) { return pte.pte & _PAGE_RW; }
static inline bool pte_dirty(pte_t pte) { return pte.pte & _PAGE_DIRTY_BITS; }
static inline bool pte_young(pte_t pte) { return pte.pte & _PAGE_ACCESSED; }
static inline bool pte_exec(pte_t pte) { return !(pte.pte & _PAGE_NX); }
static inline bool pte_global(pte_t pte) { return pte.pte & _PAGE_GLOBAL; }

/* A PROT_NONE (NUMA-hinting) entry: not present to the CPU, present to Linux. */
static inline bool pte_protnone(pte_t pte)
{
	return (pte_flags(pte) & (_PAGE_PROTNONE | _PAGE_PRESENT)) == _PAGE_PROTNONE;
}
/* is_swap_pte: something, but not a page (swapops.h). */
static inline bool is_swap_pte(pte_t pte) { return !pte_none(pte) && !pte_present(pte); }
static inline bool pte_swp_exclusive(pte_t pte) { return pte.pte & _PAGE_SWP_EXCLUSIVE; }
static inline pte_t pte_set_flags(pte_t pte, pteval_t set) { return __pte(pte.pte | set); }
static inline pte_t pte_clear_flags(pte_t pte, pteval_t clear) { return __pte(pte.pte & ~clear); }
static inline pte_t pte_mkyoung(pte_t pte) { return pte_set_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte) { return pte_clear_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkdirty(pte_t pte) { return pte_set_flags(pte, _PAGE_DIRTY | _PAGE_SOFT_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte) { return pte_clear_flags(pte, _PAGE_DIRTY_BITS); }
/* pte_mkwrite_novma (no shadow stacks: nothing to move into _PAGE_DIRTY). */
static inline pte_t pte_mkwrite_novma(pte_t pte) { return pte_set_flags(pte, _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t pte) { return pte_clear_flags(pte, _PAGE_RW); }
static inline pte_t pte_mkexec(pte_t pte) { return pte_clear_flags(pte, _PAGE_NX); }
static inline pte_t pte_mkspecial(pte_t pte) { return pte_set_flags(pte, _PAGE_SPECIAL); }
static inline bool pte_special(pte_t pte) { return pte.pte & _PAGE_SPECIAL; }
/* pte_modify: the new protection, keeping _PAGE_CHG_MASK's bits. */
static inline pte_t pte_modify(pte_t pte, pgprot_t prot)
{
	return __pte((pte.pte & _PAGE_CHG_MASK) | (pgprot_val(prot) & ~_PAGE_CHG_MASK));
}
static inline void set_pte(pte_t *ptep, pte_t pte) { *ptep = pte; }
static inline void pte_clear(pte_t *ptep) { *ptep = __pte(0); }

static inline bool pmd_none(pmd_t pmd) { return !(pmd.pmd & ~(_PAGE_KNL_ERRATUM_MASK)); }
static inline bool pmd_present(pmd_t pmd) { return pmd.pmd & (_PAGE_PRESENT | _PAGE_PROTNONE | _PAGE_PSE); }
static inline bool pmd_protnone(pmd_t pmd)
{
	return (pmd_flags(pmd) & (_PAGE_PROTNONE | _PAGE_PRESENT)) == _PAGE_PROTNONE;
}
static inline bool pmd_leaf(pmd_t pmd) { return pmd.pmd & _PAGE_PSE; }
static inline phys_addr_t pmd_page_paddr(pmd_t pmd) { return pmd.pmd & pmd_pfn_mask(pmd); }
static inline bool pud_none(pud_t pud) { return !(pud.pud & ~(_PAGE_KNL_ERRATUM_MASK)); }
static inline bool pud_present(pud_t pud) { return pud.pud & _PAGE_PRESENT; }
static inline bool pud_leaf(pud_t pud) { return pud.pud & _PAGE_PSE; }
static inline phys_addr_t pud_pgtable_paddr(pud_t pud) { return pud.pud & pud_pfn_mask(pud); }
static inline bool pgd_none(pgd_t pgd) { return !pgd.pgd; }
static inline bool pgd_present(pgd_t pgd) { return pgd.pgd & _PAGE_PRESENT; }
static inline phys_addr_t pgd_page_paddr(pgd_t pgd) { return pgd.pgd & PTE_PFN_MASK; }
/* P4D folded: the P4D entry is the PGD entry. */
static inline bool p4d_none(p4d_t p4d) { return !p4d.p4d; }
static inline phys_addr_t p4d_pgtable_paddr(p4d_t p4d) { return p4d.p4d & PTE_PFN_MASK; }

/* ---- walking: host pointers to the entries inside the table frames ---- */

/*
 * pgd_offset_pgd - the entry for @addr in the PGD at physical address
 * @pgd_pa.  pgd_offset_k uses init_mm's (swapper_pg_dir); NULL before
 * pgtable_init.
 */
pgd_t *pgd_offset_pgd(struct machine *m, phys_addr_t pgd_pa, unsigned long addr);
pgd_t *pgd_offset_k(struct machine *m, unsigned long addr);
/* p4d_offset - folded: the PGD entry itself. */
static inline p4d_t *p4d_offset(pgd_t *pgd, unsigned long addr) { return (p4d_t *)pgd; }
/*
 * pud_offset, pmd_offset, pte_offset_kernel - the entry for @addr in the
 * table the (present, non-leaf) upper entry points to.  NULL if the upper
 * entry is empty or points outside RAM (a corrupt entry never crashes).
 */
pud_t *pud_offset(struct machine *m, p4d_t *p4d, unsigned long addr);
pmd_t *pmd_offset(struct machine *m, pud_t *pud, unsigned long addr);
pte_t *pte_offset_kernel(struct machine *m, pmd_t *pmd, unsigned long addr);

/*
 * pud_alloc, pmd_alloc, pte_alloc_kernel - as the offset functions, but an
 * empty upper entry first gets a new zeroed table from the page allocator
 * (init_mm's: GFP_PGTABLE_KERNEL on the current CPU's node, typed
 * PGTY_table and counted in the node's NR_PAGETABLE), linked with
 * _PAGE_TABLE as x86's p4d/pud/pmd_populate do.  NULL when the page
 * allocator fails (its failure report is in the log).
 */
pud_t *pud_alloc(struct machine *m, p4d_t *p4d, unsigned long addr);
pmd_t *pmd_alloc(struct machine *m, pud_t *pud, unsigned long addr);
pte_t *pte_alloc_kernel(struct machine *m, pmd_t *pmd, unsigned long addr);

/* ---- the kernel's page tables (arch/x86/mm/pgtable.c) ---- */

/*
 * pgtable_init - set up init_mm's page tables at boot: swapper_pg_dir (a
 * zeroed page of the kernel image's .data), then x86-64's
 * preallocate_vmalloc_pages: a PUD table for each of the 64 PGD entries of
 * the vmalloc range, so the kernel half of every PGD never changes.
 * Needs the buddy allocator up (mm_core_init).  Returns 0 or -ENOMEM
 * (logged as Linux's "Failed to pre-allocate pud pages for vmalloc area").
 */
int pgtable_init(struct machine *m);

/*
 * kernel_map_page - map the page at kernel virtual address @addr (page
 * aligned, inside [VMALLOC_START, VMALLOC_END]) to frame @pfn with @prot,
 * allocating PUD/PMD/PTE tables on demand.  Returns 0; -EINVAL (address
 * outside the vmalloc range or unaligned, pfn beyond RAM); -EBUSY (a PTE
 * is already there: Linux WARNs and refuses); -ENOMEM (no page for a table).
 */
int kernel_map_page(struct machine *m, unsigned long addr, unsigned long pfn, pgprot_t prot);

/*
 * kernel_unmap_page - clear the PTE of @addr (ptep_get_and_clear on
 * init_mm) and return the frame it mapped, or -1 when nothing was mapped.
 * Tables that become empty stay, as Linux's vunmap leaves them.
 */
long kernel_unmap_page(struct machine *m, unsigned long addr);

/*
 * lookup_address - the PTE that maps kernel address @addr in init_mm's
 * tables (level PG_LEVEL_4K in *@level), or NULL if no PTE table covers it
 * (*@level then says where the walk stopped).  Only 4 KiB mappings exist.
 */
pte_t *lookup_address(struct machine *m, unsigned long addr, unsigned int *level);

/*
 * kernel_lookup_pfn - a software walk: the frame mapping kernel address
 * @addr, or -1.  Direct-map addresses (PAGE_OFFSET + physical) resolve
 * arithmetically, vmalloc addresses through the page tables.
 */
long kernel_lookup_pfn(struct machine *m, unsigned long addr);

/*
 * kva_to_host - a host pointer to the byte at kernel virtual address @va,
 * for a direct-map address (no walk) or a mapped vmalloc address (walk),
 * with *@contig (if not NULL) set to the bytes contiguous from there to
 * the end of that page.  NULL (and *@contig 0) for anything else: an
 * unmapped or guard page, a non-canonical or user address, beyond RAM.
 */
void *kva_to_host(struct machine *m, unsigned long va, size_t *contig);

/* is_vmalloc_addr - is @addr inside [VMALLOC_START, VMALLOC_END)? */
static inline bool is_vmalloc_addr(unsigned long addr)
{
	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/*
 * validate_kernel_pgtables - every table reachable from swapper_pg_dir
 * lies in RAM and is a PGTY_table page in use; the PGTY_table pages of
 * each node equal its NR_PAGETABLE.  While no kernel PGD/PUD/PMD entry
 * was written since its last walk passed (m->kpgt_memo.gen), it re-checks
 * the table pages that walk found instead of walking.  Returns 0, or
 * -EUCLEAN with the first problem in @err.  Called by validate_vmalloc.
 */
int validate_kernel_pgtables(struct machine *m, char *err, size_t len);

/*
 * kernel_first_mapped - the first page of [@start, @end) that
 * kernel_lookup_pfn finds mapped, or @end: in the vmalloc range one walk
 * per PTE table instead of one per page.  Needs nothing; cannot fail.
 */
unsigned long kernel_first_mapped(struct machine *m, unsigned long start, unsigned long end);

/*
 * kernel_pgtable_pages - the table pages below swapper_pg_dir (PUD, PMD
 * and PTE tables) as validate_kernel_pgtables last found them, when no
 * kernel PGD/PUD/PMD entry was written since that walk passed; -1 when
 * unknown (the caller counts them itself).
 */
long kernel_pgtable_pages(struct machine *m);

/*
 * pgd_alloc - a process's top-level table (x86's pgd_alloc): one zeroed
 * page (GFP_PGTABLE_USER on the current CPU's node; order 0, as Linux 6.18
 * without PTI, see pgtable.c), typed PGTY_table and counted in
 * NR_PAGETABLE (PageTables:) as pagetable_pgd_ctor counts it, with the
 * kernel half's entries copied from swapper_pg_dir (pgd_ctor).  Returns
 * the table's host pointer, or NULL when the page allocator fails.  The
 * page joins m->pgd_list with @mm as its owner (x86's pgd_list_add and
 * pgd_set_mm), so every user PGD can be found (validate_user_pgtables).
 * pgd_page_get_mm - the owner of a PGD page on that list.
 * pgd_free - unlist, uncount and free it (pgd_dtor, __pgd_free).
 */
struct mm_struct;
struct page;
pgd_t *pgd_alloc(struct machine *m, struct mm_struct *mm);
struct mm_struct *pgd_page_get_mm(struct page *page);
void pgd_free(struct machine *m, pgd_t *pgd);

#endif
