// SPDX-License-Identifier: GPL-2.0-only
/*
 * Faults on file-backed mappings (Linux's mm/filemap.c filemap_fault),
 * the part mmsim has: the end-of-file check.  A page whose index is at
 * or past DIV_ROUND_UP(i_size, PAGE_SIZE) gets VM_FAULT_SIGBUS (the
 * task is sent SIGBUS, as on the 6.18 host: a MAP_SHARED or MAP_PRIVATE
 * mapping of a 4106-byte file faults SIGBUS from its third page on, read
 * or write).  The page cache (find_get_page, readahead, fault-around,
 * major faults) comes with its own issue: until then any other file
 * fault is VM_FAULT_UNMODELLED with a "not yet modelled" log line.
 *
 * Called by handle_mm_fault (mm/memory_fault.c) for VMAs with a vm_file.
 */
#include "linux/pagemap.h"
#include <stdbool.h>
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_fault.h"
#include "linux/printk.h"

/* Is @address of @vma a file page at or past the end of the file? */
static bool filemap_past_eof(const struct vm_area_struct *vma, unsigned long address)
{
	unsigned long index, max_idx;

	if (!vma->vm_file)
		return false;
	index = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
	max_idx = (unsigned long)((vma->vm_file->f_inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT);
	return index >= max_idx;
}

unsigned int filemap_fault(struct machine *m, struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags)
{
	if (filemap_past_eof(vma, address))
		return VM_FAULT_SIGBUS;
	(void)flags;
	pr_info(m, "mmsim: fault at %#lx: file mappings not yet modelled", address);
	return VM_FAULT_UNMODELLED;
}
