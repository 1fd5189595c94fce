// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/maps (Linux's fs/proc/task_mmu.c, show_map_vma): one line per
 * VMA, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " (start, end, rwx and
 * s/p, file offset, device major:minor, inode) and, when the VMA has a
 * name, padding to column 73 (seq_setwidth of 25 + 6 * sizeof(void *) - 1,
 * then seq_pad) and the name: a special mapping's ([vvar], [vdso]),
 * [heap] for a VMA overlapping (start_brk, brk) (none while brk is at
 * start_brk), [stack] for the one holding start_stack.  A VMA
 * without a name ends after the inode and a space, as on Linux.
 *
 * Also /proc/PID/statm (task_statm).
 *
 * A file-backed VMA prints its offset, the disk's device and the inode
 * number, and the file's path (d_path).
 *
 * Leaves out: [vsyscall] (the gate area, not a VMA), anonymous VMA names (prctl PR_SET_VMA), shared
 * anonymous memory's "/dev/zero (deleted)" (no shmem file: printed as
 * anonymous).  Reads state only.  Caller: kernfs through
 * proc_pid_maps_operations and proc_pid_statm_operations, registered by
 * fs/proc/base.c.
 */
#include "linux/fs.h"
#include "linux/mm.h"
#include "linux/mm_struct.h"
#include "linux/sched.h"
#include "internal.h"

/* seq_setwidth's width: 25 + sizeof(void *) * 6 - 1 on 64-bit. */
#define MAPS_NAME_COLUMN	(25 + 8 * 6 - 1)

/* [heap], [stack] or NULL (show_map_vma's special names). */
static const char *vma_special_name(const struct mm_struct *mm, const struct vm_area_struct *vma)
{
	if (vma->vm_start < mm->brk && vma->vm_end > mm->start_brk)	/* vma_is_initial_heap */
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

static void show_map_vma(struct seq_file *sf, const struct mm_struct *mm,
			 const struct vm_area_struct *vma)
{
	unsigned long flags = vma->vm_flags, ino = 0;
	unsigned long long pgoff = 0;
	unsigned int dev = 0;
	const char *name = vma->vm_special_name;
	size_t start = sf->count;
	char path[4096];		/* PATH_MAX */

	if (!name && !vma->vm_file)
		name = vma_special_name(mm, vma);
	if (vma->vm_file) {
		struct inode *inode = vma->vm_file->f_inode;

		dev = inode->i_sb->s_dev;
		ino = inode->i_ino;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	}
	seq_printf(sf, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p', pgoff,
		   dev >> 20, dev & 0xfffff, ino);
	if (vma->vm_file && !d_path(vma->vm_file->f_dentry, path, sizeof(path)))
		name = path;
	if (!name) {
		seq_putc(sf, '\n');
		return;
	}
	if (sf->count - start < MAPS_NAME_COLUMN)	/* seq_pad */
		seq_printf(sf, "%*s", (int)(MAPS_NAME_COLUMN - (sf->count - start)), "");
	seq_putc(sf, ' ');
	seq_puts(sf, name);
	seq_putc(sf, '\n');
}

static int proc_pid_maps_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;

	for (const struct vm_area_struct *vma = tsk->mm->mmap; vma; vma = vma->vm_next)
		show_map_vma(sf, tsk->mm, vma);
	return 0;
}

const struct kernfs_ops proc_pid_maps_operations = { .show = proc_pid_maps_show };

/*
 * /proc/PID/statm (task_statm): size resident shared text lib data dt in
 * pages - total_vm; resident and shared are 0 until paging gives the
 * process RSS counters; text from start_code/end_code (0: no executable
 * image yet); lib and dt are always 0 on Linux 2.6+; data is data_vm +
 * stack_vm.
 */
static int proc_pid_statm_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;
	const struct mm_struct *mm = tsk->mm;
	unsigned long text = (ALIGN(mm->end_code, PAGE_SIZE) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;

	seq_printf(sf, "%lu %lu %lu %lu 0 %lu 0\n", mm->total_vm, 0UL, 0UL, text,
		   mm->data_vm + mm->stack_vm);
	return 0;
}

const struct kernfs_ops proc_pid_statm_operations = { .show = proc_pid_statm_show };
