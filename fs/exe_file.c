// SPDX-License-Identifier: GPL-2.0-only
/*
 * An address space's executable (Linux's mm->exe_file, set_mm_exe_file
 * and dup_mm_exe_file in kernel/fork.c): the file exec ran, held by the
 * mm with a reference and a write denial (exe_file_deny_write_access), so
 * that opening a running program for writing fails with ETXTBSY, as the
 * 6.18 host refuses it; exec of a file open for writing fails the same
 * way (do_open_execat's denial, fs/exec.c).  Each mm holds its own
 * denial: a forked child's mm takes another, the last mmput lifts it.
 * Leaves out: /proc/PID/exe, prctl(PR_SET_MM_EXE_FILE).
 * Callers: fs/exec.c (exec), mm/mmap.c (dup_mmap, mmput).
 */
#include <errno.h>
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm_struct.h"
#include "linux/printk.h"

int set_mm_exe_file(struct machine *m, struct mm_struct *mm, struct file *new_exe_file)
{
	struct file *old = mm->exe_file;

	if (new_exe_file) {
		if (exe_file_deny_write_access(new_exe_file))	/* exec denied it already */
			return -EACCES;
		get_file(new_exe_file);
	}
	mm->exe_file = new_exe_file;
	if (old) {
		exe_file_allow_write_access(old);
		fput(m, old);
	}
	return 0;
}

void dup_mm_exe_file(struct machine *m, struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct file *exe_file = oldmm->exe_file;

	mm->exe_file = exe_file ? get_file(exe_file) : NULL;
	if (exe_file && exe_file_deny_write_access(exe_file))
		pr_warn(m, "exe_file_deny_write_access() failed in dup_mm_exe_file");
}
