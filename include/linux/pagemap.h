/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page cache's fault entry (Linux's include/linux/pagemap.h and
 * mm/filemap.c filemap_fault).  Only the end-of-file check is modelled
 * until the page-cache issue: implemented in mm/filemap.c.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include "linux/mm_struct.h"

struct machine;

/*
 * VM_FAULT_UNMODELLED - mmsim's own vm_fault_t bit (no Linux value uses
 * it): the fault needs a mechanism mmsim does not have yet; a "not yet
 * modelled" line is in the kernel log.  do_user_addr_fault turns it into
 * -EIO (the access stops, the process lives); GUP into -EFAULT.
 */
#define VM_FAULT_UNMODELLED	0x100000

/*
 * filemap_fault - a fault at @address in file-backed @vma (FAULT_FLAG_*
 * @flags).  A page at or past the end of the file (its index
 * vm_pgoff + (address - vm_start) / PAGE_SIZE >= DIV_ROUND_UP(i_size,
 * PAGE_SIZE)) is VM_FAULT_SIGBUS, as Linux's filemap_fault; any other is
 * VM_FAULT_UNMODELLED with a "not yet modelled" log line (file pages come
 * with the page cache).  Called by handle_mm_fault for VMAs with vm_file.
 */
unsigned int filemap_fault(struct machine *m, struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags);

#endif
