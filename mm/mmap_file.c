// SPDX-License-Identifier: GPL-2.0-only
/*
 * What do_mmap checks of a file before mapping it (Linux 6.18's
 * mm/mmap.c, its `if (file)` block and file_mmap_ok), in Linux's order:
 *   EOVERFLOW  the range passes the largest offset the file type allows
 *              (MAX_LFS_FILESIZE for regular files);
 *   EACCES     MAP_SHARED with PROT_WRITE on a descriptor not open for
 *              writing (then MAP_SHARED of a read-only descriptor drops
 *              VM_MAYWRITE and VM_SHARED: mprotect cannot make it
 *              writable, maps still shows 's' from VM_MAYSHARE);
 *   EACCES     any mapping of a descriptor not open for reading (O_WRONLY);
 *   ENODEV     the file has no ->mmap: a directory, the console;
 *   EINVAL     MAP_GROWSDOWN on a file.
 * Leaves out: MAP_SHARED_VALIDATE's unknown flags (EOPNOTSUPP; no flag
 * beyond the legacy ones is modelled), swap files (ETXTBSY), append-only
 * and noexec mounts (none exist), memfd seals, READ_IMPLIES_EXEC.
 * Caller: do_mmap (mm/mmap.c).
 */
#include <errno.h>
#include "linux/fs.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "vma.h"

/* file_mmap_ok: the last page mapped stays within the type's maximum size. */
static bool file_mmap_ok(const struct inode *inode, unsigned long pgoff, unsigned long len)
{
	u64 maxsize = MAX_LFS_FILESIZE;		/* S_ISREG (directories fail ->mmap later) */

	(void)inode;
	if (len > maxsize)
		return false;
	maxsize -= len;
	return pgoff <= (maxsize >> PAGE_SHIFT);
}

/* can_mmap_file: regular files of the disk have ->mmap; directories and the console not. */
static bool can_mmap_file(const struct file *file)
{
	return file->f_inode && S_ISREG(file->f_inode->i_mode);
}

int mmap_file_checks(struct file *file, unsigned long prot, unsigned long flags,
		     unsigned long pgoff, unsigned long len, unsigned long *vm_flags)
{
	if (file->f_inode && !file_mmap_ok(file->f_inode, pgoff, len))
		return -EOVERFLOW;
	if ((flags & MAP_TYPE) == MAP_SHARED || (flags & MAP_TYPE) == MAP_SHARED_VALIDATE) {
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
	}
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!can_mmap_file(file))
		return -ENODEV;
	if (*vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
		return -EINVAL;
	return 0;
}
