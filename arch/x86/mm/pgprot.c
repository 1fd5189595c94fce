// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PTE protection of a VMA's flags (arch/x86/mm/pgprot.c:
 * protection_map[] and vm_get_page_prot).  Private writable mappings get
 * read-only PTEs (PAGE_COPY): their first write faults (do_wp_page).
 * PROT_NONE is PAGE_NONE, _PAGE_PROTNONE without _PAGE_PRESENT.
 *
 * Leaves out: protection keys, memory encryption, the __supported_pte_mask
 * filter (NX is always supported on this machine).
 *
 * Called by mm/memory_fault.c (the fault path and change_protection).
 */
#include "linux/mm.h"
#include "linux/mm_fault.h"

static const pgprot_t protection_map[16] = {
	[VM_NONE]					= PAGE_NONE,
	[VM_READ]					= PAGE_READONLY,
	[VM_WRITE]					= PAGE_COPY,
	[VM_WRITE | VM_READ]				= PAGE_COPY,
	[VM_EXEC]					= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_READ]				= PAGE_READONLY_EXEC,
	[VM_EXEC | VM_WRITE]				= PAGE_COPY_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ]			= PAGE_COPY_EXEC,
	[VM_SHARED]					= PAGE_NONE,
	[VM_SHARED | VM_READ]				= PAGE_READONLY,
	[VM_SHARED | VM_WRITE]				= PAGE_SHARED,
	[VM_SHARED | VM_WRITE | VM_READ]		= PAGE_SHARED,
	[VM_SHARED | VM_EXEC]				= PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_READ]			= PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE]		= PAGE_SHARED_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ]	= PAGE_SHARED_EXEC,
};

pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	return protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];
}
