/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86-64 page-table entry format, named and valued as Linux 6.18's
 * arch/x86/include/asm/pgtable_types.h and pgtable_64_types.h define it:
 * every hardware bit of a 64-bit entry, Linux's software bits, the masks
 * and protections built from them, the entry types and the geometry of
 * 4-level paging (48-bit virtual addresses, the P4D level folded into the
 * PGD, as a kernel built for 5 levels runs on a CPU without LA57) and of
 * 5-level paging (boot parameter mmsim.la57=1).
 *
 * Configuration assumed (the host's 6.18 kernel): no memory encryption
 * (_PAGE_ENC 0), page-table isolation compiled in but off at run time
 * (kernel mappings keep _PAGE_GLOBAL), CONFIG_MEM_SOFT_DIRTY off
 * (_PAGE_SOFT_DIRTY 0), CONFIG_HAVE_ARCH_USERFAULTFD_WP on,
 * CONFIG_X86_USER_SHADOW_STACK off (the saved-dirty bit is defined but
 * never set).  _PAGE_DEVMAP is gone (removed in 6.17 with pte_devmap).
 * The swap-entry layout is pgtable_64.h's (L1TF-safe: offset inverted);
 * the PAT/cache-mode translation tables are left out (every mapping is
 * write-back, cache mode 0).
 *
 * Used by arch/x86/mm/pgtable.c (the kernel's page tables), mm/vmalloc.c,
 * and the user page tables of the paging issue.
 */
#ifndef _ASM_X86_PGTABLE_TYPES_H
#define _ASM_X86_PGTABLE_TYPES_H

#include "linux/types.h"

/* ---- entry values (pgtable_64_types.h) ---- */

typedef unsigned long pteval_t;
typedef unsigned long pmdval_t;
typedef unsigned long pudval_t;
typedef unsigned long p4dval_t;
typedef unsigned long pgdval_t;
typedef unsigned long pgprotval_t;

typedef struct { pteval_t pte; } pte_t;
typedef struct { pmdval_t pmd; } pmd_t;
typedef struct { pudval_t pud; } pud_t;
typedef struct { p4dval_t p4d; } p4d_t;
typedef struct { pgdval_t pgd; } pgd_t;
typedef struct pgprot { pgprotval_t pgprot; } pgprot_t;

#define _AT(T, x)	((T)(x))

/* ---- geometry: 4-level paging, P4D folded (pgtable_l5_enabled() false) ---- */

#define PGTABLE_LEVELS		4
#define PGDIR_SHIFT		39
#define PTRS_PER_PGD		512
#define P4D_SHIFT		39
#define PTRS_PER_P4D		1	/* folded: the PGD entry is the P4D entry */
#define MAX_PTRS_PER_P4D	512
#define PUD_SHIFT		30
#define PTRS_PER_PUD		512
#define PMD_SHIFT		21
#define PTRS_PER_PMD		512
#define PTRS_PER_PTE		512

#define PMD_SIZE		(1UL << PMD_SHIFT)		/* 2 MiB */
#define PMD_MASK		(~(PMD_SIZE - 1))
#define PUD_SIZE		(1UL << PUD_SHIFT)		/* 1 GiB */
#define PUD_MASK		(~(PUD_SIZE - 1))
#define P4D_SIZE		(1UL << P4D_SHIFT)
#define P4D_MASK		(~(P4D_SIZE - 1))
#define PGDIR_SIZE		(1UL << PGDIR_SHIFT)		/* 512 GiB */
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))

/*
 * 5-level paging (la57: pgtable_l5_enabled, m->pgtable_l5_enabled): the
 * top table (PML5) maps 256 TiB an entry with PGDIR_SHIFT 48, a real P4D
 * table (512 entries of 512 GiB, P4D_SHIFT 39) sits below each entry,
 * and user space may reach 56 bits.  mmsim keeps the constants above (the
 * P4D level's, which 4-level paging names PGDIR) for every walker and
 * walks the PML5 level inside pgd_offset (include/linux/pgtable.h).
 */
#define PGDIR_SHIFT_L5		48
#define PTRS_PER_P4D_L5		512
#define __VIRTUAL_MASK_SHIFT_L5	56

#define __PHYSICAL_MASK_SHIFT	52
#define __VIRTUAL_MASK_SHIFT	47
#define __PHYSICAL_MASK		((phys_addr_t)((1ULL << __PHYSICAL_MASK_SHIFT) - 1))
#define PHYSICAL_PAGE_MASK	(((signed long)PAGE_MASK) & __PHYSICAL_MASK)
#define PHYSICAL_PMD_PAGE_MASK	(((signed long)PMD_MASK) & __PHYSICAL_MASK)
#define PHYSICAL_PUD_PAGE_MASK	(((signed long)PUD_MASK) & __PHYSICAL_MASK)

/* User space is the lower half of the PGD; the kernel's entries start at
 * the direct map (pgd_index(PAGE_OFFSET) = 273; 256..272 are the guard
 * hole and the LDT remap). */
#define USER_PTRS_PER_PGD	256
#define KERNEL_PGD_BOUNDARY	273
#define KERNEL_PGD_PTRS		(PTRS_PER_PGD - KERNEL_PGD_BOUNDARY)

/* ---- the bits of an entry ---- */

#define _PAGE_BIT_PRESENT	0	/* is present */
#define _PAGE_BIT_RW		1	/* writeable */
#define _PAGE_BIT_USER		2	/* userspace addressable */
#define _PAGE_BIT_PWT		3	/* page write through */
#define _PAGE_BIT_PCD		4	/* page cache disabled */
#define _PAGE_BIT_ACCESSED	5	/* was accessed (raised by CPU) */
#define _PAGE_BIT_DIRTY		6	/* was written to (raised by CPU) */
#define _PAGE_BIT_PSE		7	/* 2 MiB or 1 GiB page (PMD/PUD) */
#define _PAGE_BIT_PAT		7	/* on 4 KiB pages */
#define _PAGE_BIT_GLOBAL	8	/* global TLB entry */
#define _PAGE_BIT_SOFTW1	9	/* available for programmer */
#define _PAGE_BIT_SOFTW2	10
#define _PAGE_BIT_SOFTW3	11
#define _PAGE_BIT_PAT_LARGE	12	/* on 2 MiB or 1 GiB pages */
#define _PAGE_BIT_SOFTW4	57	/* available for programmer */
#define _PAGE_BIT_SOFTW5	58
#define _PAGE_BIT_PKEY_BIT0	59	/* protection keys, bit 1/4 */
#define _PAGE_BIT_PKEY_BIT1	60
#define _PAGE_BIT_PKEY_BIT2	61
#define _PAGE_BIT_PKEY_BIT3	62
#define _PAGE_BIT_NX		63	/* no execute */

/* Linux's software bits */
#define _PAGE_BIT_SPECIAL	_PAGE_BIT_SOFTW1	/* no struct page behind it */
#define _PAGE_BIT_CPA_TEST	_PAGE_BIT_SOFTW1
#define _PAGE_BIT_UFFD_WP	_PAGE_BIT_SOFTW2	/* userfaultfd write-protected */
#define _PAGE_BIT_SOFT_DIRTY	_PAGE_BIT_SOFTW3	/* software dirty tracking */
#define _PAGE_BIT_KERNEL_4K	_PAGE_BIT_SOFTW3	/* never turned into a large page */
#define _PAGE_BIT_SAVED_DIRTY	_PAGE_BIT_SOFTW5	/* saved dirty bit (leaf) */
#define _PAGE_BIT_NOPTISHADOW	_PAGE_BIT_SOFTW5	/* no PTI shadow (root PGD) */
/* When _PAGE_BIT_PRESENT is clear: a PROT_NONE mapping (pte_present true). */
#define _PAGE_BIT_PROTNONE	_PAGE_BIT_GLOBAL

#define _PAGE_PRESENT		(_AT(pteval_t, 1) << _PAGE_BIT_PRESENT)
#define _PAGE_RW		(_AT(pteval_t, 1) << _PAGE_BIT_RW)
#define _PAGE_USER		(_AT(pteval_t, 1) << _PAGE_BIT_USER)
#define _PAGE_PWT		(_AT(pteval_t, 1) << _PAGE_BIT_PWT)
#define _PAGE_PCD		(_AT(pteval_t, 1) << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED		(_AT(pteval_t, 1) << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY		(_AT(pteval_t, 1) << _PAGE_BIT_DIRTY)
#define _PAGE_PSE		(_AT(pteval_t, 1) << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL		(_AT(pteval_t, 1) << _PAGE_BIT_GLOBAL)
#define _PAGE_SOFTW1		(_AT(pteval_t, 1) << _PAGE_BIT_SOFTW1)
#define _PAGE_SOFTW2		(_AT(pteval_t, 1) << _PAGE_BIT_SOFTW2)
#define _PAGE_SOFTW3		(_AT(pteval_t, 1) << _PAGE_BIT_SOFTW3)
#define _PAGE_PAT		(_AT(pteval_t, 1) << _PAGE_BIT_PAT)
#define _PAGE_PAT_LARGE		(_AT(pteval_t, 1) << _PAGE_BIT_PAT_LARGE)
#define _PAGE_SOFTW4		(_AT(pteval_t, 1) << _PAGE_BIT_SOFTW4)
#define _PAGE_SOFTW5		(_AT(pteval_t, 1) << _PAGE_BIT_SOFTW5)
#define _PAGE_PKEY_BIT0		(_AT(pteval_t, 1) << _PAGE_BIT_PKEY_BIT0)
#define _PAGE_PKEY_BIT1		(_AT(pteval_t, 1) << _PAGE_BIT_PKEY_BIT1)
#define _PAGE_PKEY_BIT2		(_AT(pteval_t, 1) << _PAGE_BIT_PKEY_BIT2)
#define _PAGE_PKEY_BIT3		(_AT(pteval_t, 1) << _PAGE_BIT_PKEY_BIT3)
#define _PAGE_PKEY_MASK		(_PAGE_PKEY_BIT0 | _PAGE_PKEY_BIT1 | \
				 _PAGE_PKEY_BIT2 | _PAGE_PKEY_BIT3)
#define _PAGE_NX		(_AT(pteval_t, 1) << _PAGE_BIT_NX)

#define _PAGE_SPECIAL		(_AT(pteval_t, 1) << _PAGE_BIT_SPECIAL)
#define _PAGE_CPA_TEST		(_AT(pteval_t, 1) << _PAGE_BIT_CPA_TEST)
#define _PAGE_KERNEL_4K		(_AT(pteval_t, 1) << _PAGE_BIT_KERNEL_4K)
#define _PAGE_UFFD_WP		(_AT(pteval_t, 1) << _PAGE_BIT_UFFD_WP)
#define _PAGE_SWP_UFFD_WP	_PAGE_USER	/* uffd-wp in a swap entry */
#define _PAGE_SOFT_DIRTY	(_AT(pteval_t, 0))	/* CONFIG_MEM_SOFT_DIRTY off */
#define _PAGE_SWP_SOFT_DIRTY	(_AT(pteval_t, 0))	/* (would be _PAGE_RW) */
#define _PAGE_SAVED_DIRTY	(_AT(pteval_t, 1) << _PAGE_BIT_SAVED_DIRTY)
#define _PAGE_DIRTY_BITS	(_PAGE_DIRTY | _PAGE_SAVED_DIRTY)
#define _PAGE_NOPTISHADOW	(_AT(pteval_t, 1) << _PAGE_BIT_NOPTISHADOW)
#define _PAGE_PROTNONE		(_AT(pteval_t, 1) << _PAGE_BIT_PROTNONE)
#define _PAGE_ENC		(_AT(pteval_t, 0))	/* no SME/SEV */
#define _PAGE_CC		(_AT(pteval_t, 0))	/* no confidential computing */

/* Extracts the PFN from an entry of a 4 KiB page; the rest are flags. */
#define PTE_PFN_MASK		((pteval_t)PHYSICAL_PAGE_MASK)	/* 0x000ffffffffff000 */
#define PTE_FLAGS_MASK		(~PTE_PFN_MASK)

/* Bits pte_modify() keeps (the PFN, caching, A/D and software state). */
#define _COMMON_PAGE_CHG_MASK	(PTE_PFN_MASK | _PAGE_PCD | _PAGE_PWT |	\
				 _PAGE_SPECIAL | _PAGE_ACCESSED |	\
				 _PAGE_DIRTY_BITS | _PAGE_SOFT_DIRTY |	\
				 _PAGE_CC | _PAGE_UFFD_WP)
#define _PAGE_CHG_MASK		(_COMMON_PAGE_CHG_MASK | _PAGE_PAT)
#define _HPAGE_CHG_MASK		(_COMMON_PAGE_CHG_MASK | _PAGE_PSE | _PAGE_PAT_LARGE)

/* A/D may be set in a not-present entry by the Knights Landing erratum:
 * pte_none() and friends ignore them. */
#define _PAGE_KNL_ERRATUM_MASK	(_PAGE_DIRTY | _PAGE_ACCESSED)

#define _PAGE_CACHE_MASK	(_PAGE_PWT | _PAGE_PCD | _PAGE_PAT)
#define _PAGE_LARGE_CACHE_MASK	(_PAGE_PWT | _PAGE_PCD | _PAGE_PAT_LARGE)

/* ---- protections (Linux's __PP/__RW/_USR/___A/__NX/___D/_PSE/___G table) ---- */

#define __pgprot(x)		((pgprot_t) { (x) })
#define pgprot_val(x)		((x).pgprot)

/* What a page-table entry pointing to a lower table carries. */
#define _PAGE_TABLE_NOENC	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _PAGE_TABLE		(_PAGE_TABLE_NOENC | _PAGE_ENC)		/* 0x067 */
#define _KERNPG_TABLE_NOENC	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _KERNPG_TABLE		(_KERNPG_TABLE_NOENC | _PAGE_ENC)	/* 0x063 */

/* User mappings (protection_map[] of arch/x86/mm/pgprot.c). */
#define PAGE_NONE		__pgprot(_PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_SHARED		__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_SHARED_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY_NOEXEC	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_COPY_EXEC		__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY		PAGE_COPY_NOEXEC
#define PAGE_READONLY		__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)

/* Kernel mappings. */
#define __PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_NX | \
				 _PAGE_DIRTY | _PAGE_GLOBAL)
#define __PAGE_KERNEL_EXEC	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
				 _PAGE_DIRTY | _PAGE_GLOBAL)
#define __PAGE_KERNEL_RO	(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_NX | _PAGE_GLOBAL)
#define __PAGE_KERNEL_ROX	(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define __PAGE_KERNEL_LARGE	(__PAGE_KERNEL | _PAGE_PSE)
#define __PAGE_KERNEL_LARGE_EXEC (__PAGE_KERNEL_EXEC | _PAGE_PSE)

/* __default_kernel_pte_mask: every bit (PTI off keeps _PAGE_GLOBAL). */
#define PAGE_KERNEL		__pgprot(__PAGE_KERNEL | _PAGE_ENC)	/* 0x8000000000000163 */
#define PAGE_KERNEL_RO		__pgprot(__PAGE_KERNEL_RO | _PAGE_ENC)	/* 0x8000000000000121 */
#define PAGE_KERNEL_EXEC	__pgprot(__PAGE_KERNEL_EXEC | _PAGE_ENC) /* 0x0000000000000163 */
#define PAGE_KERNEL_ROX		__pgprot(__PAGE_KERNEL_ROX | _PAGE_ENC)
#define PAGE_KERNEL_LARGE	__pgprot(__PAGE_KERNEL_LARGE | _PAGE_ENC)
#define PAGE_KERNEL_LARGE_EXEC	__pgprot(__PAGE_KERNEL_LARGE_EXEC | _PAGE_ENC)

/* ---- making and reading entries ---- */

static inline pte_t native_make_pte(pteval_t v) { return (pte_t){ v }; }
static inline pmd_t native_make_pmd(pmdval_t v) { return (pmd_t){ v }; }
static inline pud_t native_make_pud(pudval_t v) { return (pud_t){ v }; }
static inline p4d_t native_make_p4d(p4dval_t v) { return (p4d_t){ v }; }
static inline pgd_t native_make_pgd(pgdval_t v) { return (pgd_t){ v }; }
#define __pte(x)	native_make_pte(x)
#define __pmd(x)	native_make_pmd(x)
#define __pud(x)	native_make_pud(x)
#define __p4d(x)	native_make_p4d(x)
#define __pgd(x)	native_make_pgd(x)
#define pte_val(x)	((x).pte)
#define pmd_val(x)	((x).pmd)
#define pud_val(x)	((x).pud)
#define p4d_val(x)	((x).p4d)
#define pgd_val(x)	((x).pgd)

static inline pteval_t pte_flags(pte_t pte) { return pte.pte & PTE_FLAGS_MASK; }
static inline pgdval_t pgd_flags(pgd_t pgd) { return pgd.pgd & PTE_FLAGS_MASK; }

/* A PMD/PUD entry with _PAGE_PSE maps a large page: its PFN mask is coarser. */
static inline pmdval_t pmd_pfn_mask(pmd_t pmd)
{
	return (pmd.pmd & _PAGE_PSE) ? (pmdval_t)PHYSICAL_PMD_PAGE_MASK : PTE_PFN_MASK;
}
static inline pmdval_t pmd_flags(pmd_t pmd) { return pmd.pmd & ~pmd_pfn_mask(pmd); }
static inline pudval_t pud_pfn_mask(pud_t pud)
{
	return (pud.pud & _PAGE_PSE) ? (pudval_t)PHYSICAL_PUD_PAGE_MASK : PTE_PFN_MASK;
}
static inline pudval_t pud_flags(pud_t pud) { return pud.pud & ~pud_pfn_mask(pud); }

/* Level of a leaf, as lookup_address reports it. */
enum pg_level {
	PG_LEVEL_NONE,
	PG_LEVEL_4K,
	PG_LEVEL_2M,
	PG_LEVEL_1G,
	PG_LEVEL_512G,
	PG_LEVEL_256T,
	PG_LEVEL_NUM
};

/* ---- swap entries in a not-present PTE (pgtable_64.h, L1TF-safe) ---- */

/*
 * A swap PTE: bit 0 (present) and bit 8 (PROTNONE) clear, the type in
 * bits 59-63, the offset INVERTED in bits 9-58, so that a not-present
 * entry's "address" bits point above any real RAM (the L1TF mitigation:
 * a speculative load through it reaches no cached data).  Bit 7 is free
 * for the exclusive marker, bit 2 for uffd-wp (_PAGE_SWP_UFFD_WP).
 */
typedef struct { unsigned long val; } swp_entry_t;

#define SWP_TYPE_BITS		5
#define SWP_OFFSET_FIRST_BIT	(_PAGE_BIT_PROTNONE + 1)		/* 9 */
#define SWP_OFFSET_SHIFT	(SWP_OFFSET_FIRST_BIT + SWP_TYPE_BITS)	/* 14 */
#define _PAGE_SWP_EXCLUSIVE	_PAGE_PSE	/* borrowed bit 7 */

static inline unsigned long __swp_type(swp_entry_t e)
{
	return e.val >> (64 - SWP_TYPE_BITS);
}
static inline unsigned long __swp_offset(swp_entry_t e)
{
	return ~e.val << SWP_TYPE_BITS >> SWP_OFFSET_SHIFT;
}
static inline swp_entry_t __swp_entry(unsigned long type, unsigned long offset)
{
	return (swp_entry_t){ (~offset << SWP_OFFSET_SHIFT >> SWP_TYPE_BITS) |
			      (type << (64 - SWP_TYPE_BITS)) };
}
static inline swp_entry_t __pte_to_swp_entry(pte_t pte) { return (swp_entry_t){ pte.pte }; }
static inline pte_t __swp_entry_to_pte(swp_entry_t e) { return (pte_t){ e.val }; }

#endif
