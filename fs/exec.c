// SPDX-License-Identifier: GPL-2.0-only
/*
 * Executing a program (Linux's fs/exec.c): open the file as open_exec
 * does (a regular file, else -EACCES), read its first BINPRM_BUF_SIZE
 * bytes, hand them to the ELF loader (fs/binfmt_elf.c) with a fresh mm;
 * the stack VMA as setup_arg_pages leaves it ([stack], rw-p,
 * VM_GROWSDOWN, from the top exec chose — STACK_TOP_MAX, 0x7ffffffff000,
 * with randomization off — down by one page for the argument strings plus
 * the 128 KiB stack_expand: 132 KiB, 0x7ffffffde000-0x7ffffffff000,
 * charged to Committed_AS); the argument strings' place at its top
 * (arg_start .. arg_end, as /proc/PID/cmdline and stat show them).
 *
 * Leaves out: the environment (none: env_start == env_end), the contents
 * of the auxiliary vector and argv/envp pointer arrays below the strings
 * (fs/binfmt_elf.c's create_elf_tables leaves their room, so start_stack
 * is Linux's), the strings' bytes in stack pages (kept in the
 * mm until paging), binfmt_script and binfmt_misc (only ELF is executed),
 * credentials and file permissions.
 * Callers: kernel/process.c (spawn and exec).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "asm/elf.h"
#include "linux/binfmts.h"
#include "linux/elf.h"
#include "linux/cred.h"
#include "linux/err.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/resource.h"
#include "linux/prandom.h"
#include "linux/sched.h"
#include "../mm/vma.h"

#define EXEC_BAD(...) do { snprintf(err, errlen, __VA_ARGS__); return -EUCLEAN; } while (0)

/* setup_arg_pages' stack_expand: 128 KiB below the argument page. */
#define STACK_EXPAND		(128UL * 1024)
/* VM_STACK_FLAGS on x86-64 (no READ_IMPLIES_EXEC): VM_DATA_DEFAULT_FLAGS | VM_STACK | VM_ACCOUNT. */
#define VM_STACK_FLAGS		(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | \
				 VM_STACK | VM_ACCOUNT)

long kernel_read(struct machine *m, struct file *file, void *buf, unsigned long len,
		 unsigned long long pos)
{
	return sim_disk_pread(m, file->f_inode, buf, len, pos);
}

int setup_arg_pages(struct machine *m, struct linux_binprm *bprm, unsigned long stack_top,
		    bool executable_stack)
{
	struct mm_struct *mm = bprm->mm;
	unsigned long expand = STACK_EXPAND, rlim = bprm->rlim_stack & PAGE_MASK, grow;
	struct vm_area_struct *vma;
	int admin = capable(m, CAP_SYS_ADMIN);	/* the exec'ing task's, as cap_vm_enough_memory */

	stack_top = ALIGN(arch_align_stack(m, bprm->randomize, stack_top), PAGE_SIZE);
	if (expand + PAGE_SIZE > rlim)		/* min(rlim_stack, stack_size + stack_expand) */
		expand = rlim > PAGE_SIZE ? rlim - PAGE_SIZE : 0;
	grow = expand >> PAGE_SHIFT;
	if (__vm_enough_memory(m, &mm->total_vm, 1, admin))	/* __bprm_mm_init's page */
		return -ENOMEM;
	if (grow && __vm_enough_memory(m, &mm->total_vm, (long)grow, admin)) {
		vm_unacct_memory(m, 1);
		return -ENOMEM;
	}
	vma = vm_area_alloc(m, mm);
	if (!vma) {
		vm_unacct_memory(m, 1 + (long)grow);
		return -ENOMEM;
	}
	vma->vm_end = stack_top;
	vma->vm_start = vma->vm_end - PAGE_SIZE - expand;
	vma->vm_flags = VM_SOFTDIRTY | VM_STACK_FLAGS | mm->def_flags;	/* INCOMPLETE_SETUP cleared */
	if (executable_stack)
		vma->vm_flags |= VM_EXEC;
	vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	vma_link(mm, vma);
	vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));
	bprm->p = vma->vm_end - sizeof(void *);	/* bprm_mm_init: below a NULL pointer */
	mm->start_stack = bprm->p;
	return 0;
}

void copy_strings(struct linux_binprm *bprm)
{
	struct mm_struct *mm = bprm->mm;
	unsigned long len = 0;
	size_t argc = 0;

	bprm->p -= strlen(bprm->filename) + 1;		/* AT_EXECFN's copy, highest */
	while (bprm->argv[argc])
		len += strlen(bprm->argv[argc++]) + 1;
	bprm->p -= len;					/* argv[0] lowest */
	mm->arg_start = bprm->p;
	mm->arg_end = mm->env_start = mm->env_end = bprm->p + len;
	mm->arg_len = 0;
	for (size_t i = 0; i < argc; i++) {
		size_t n = strlen(bprm->argv[i]) + 1;

		if (n > MM_ARGS_MAX - mm->arg_len)
			n = MM_ARGS_MAX - mm->arg_len;
		memcpy(mm->arg_bytes + mm->arg_len, bprm->argv[i], n);
		mm->arg_len += (unsigned int)n;
	}
	mm->start_stack = bprm->p;
}

/* open_exec: the file for reading, if it is a regular file. */
struct file *open_exec(struct machine *m, const char *path)
{
	struct file *file = filp_open(m, path, 0 /* O_RDONLY */);

	if (IS_ERR(file))
		return file;
	if (!S_ISREG(file->f_inode->i_mode)) {
		fput(m, file);
		return ERR_PTR(-EACCES);
	}
	return file;
}

struct mm_struct *do_execve_mm(struct machine *m, const char *path, const struct exec_args *args)
{
	const char *argv0[2] = { path, NULL };
	struct linux_binprm bprm = { .filename = path };
	long n;
	int ret;

	bprm.argv = args && args->argv ? args->argv : argv0;
	/* bprm_mm_init saves the caller's RLIMIT_STACK for the whole exec */
	bprm.rlim_stack = args && args->rlim_stack ? args->rlim_stack : rlimit(m, RLIMIT_STACK);
	bprm.randomize_va_space = m->vm.randomize_va_space;
	bprm.randomize = bprm.randomize_va_space != 0;	/* no ADDR_NO_RANDOMIZE personality */
	bprm.file = open_exec(m, path);
	if (IS_ERR(bprm.file))
		return ERR_PTR(PTR_ERR(bprm.file));
	ret = exe_file_deny_write_access(bprm.file);	/* do_open_execat: ETXTBSY */
	if (ret) {
		fput(m, bprm.file);
		return ERR_PTR(ret);
	}
	n = kernel_read(m, bprm.file, bprm.buf, sizeof(bprm.buf), 0);	/* prepare_binprm */
	bprm.mm = n < 0 ? NULL : mm_alloc(m);
	ret = n < 0 ? (int)n : bprm.mm ? load_elf_binary(m, &bprm) : -ENOMEM;
	if (!ret)				/* begin_new_exec: the mm's own denial */
		ret = set_mm_exe_file(m, bprm.mm, bprm.file);
	exe_file_allow_write_access(bprm.file);	/* do_close_execat */
	fput(m, bprm.file);			/* the VMAs keep theirs */
	if (ret) {
		if (bprm.mm)
			mmput(m, bprm.mm);
		return ERR_PTR(ret);
	}
	return bprm.mm;
}

struct mm_struct *exec_mm(struct machine *m, const char *path)
{
	char err[256];
	int ret;

	if (!strncmp(path, "/usr/bin/", 9) &&
	    mmsim_stat_file(m, path, NULL, NULL, NULL) == -ENOENT) {
		ret = mmsim_create_elf(m, path, 0, MMSIM_ELF_PIE, err, sizeof(err));
		if (ret)
			return ERR_PTR(ret);
	}
	return do_execve_mm(m, path, NULL);
}

/* One mm's exec fields, as validate_exec_layouts checks them. */
static int validate_exec_mm(const struct mm_struct *mm, int pid, char *err, size_t errlen)
{
	unsigned long args = mm->arg_end - mm->arg_start;

	if (mm->arg_start > mm->arg_end || mm->arg_end != mm->env_start || mm->env_start > mm->env_end)
		EXEC_BAD("pid %d: arg %lx-%lx env %lx-%lx out of order", pid, mm->arg_start,
			 mm->arg_end, mm->env_start, mm->env_end);
	if (mm->arg_len != (args < MM_ARGS_MAX ? args : MM_ARGS_MAX))
		EXEC_BAD("pid %d: %u argument bytes kept for %lu", pid, mm->arg_len, args);
	if (args && args <= MM_ARGS_MAX && mm->arg_bytes[mm->arg_len - 1] != '\0')
		EXEC_BAD("pid %d: the last argument has no NUL", pid);
	if (mm->start_code > mm->end_code || mm->start_brk > mm->brk || (mm->start_brk & ~PAGE_MASK))
		EXEC_BAD("pid %d: code %lx-%lx brk %lx-%lx", pid, mm->start_code, mm->end_code,
			 mm->start_brk, mm->brk);
	if ((mm->mmap_base & ~PAGE_MASK) || mm->mmap_base > mm->task_size)
		EXEC_BAD("pid %d: mmap_base %lx", pid, mm->mmap_base);
	return 0;
}

int validate_exec_layouts(struct machine *m, char *err, size_t errlen)
{
	struct task_struct *t;

	if (!m->tasks.next)
		return 0;
	list_for_each_entry(t, &m->tasks, tasks)
		if (t->mm && validate_exec_mm(t->mm, t->pid, err, errlen))
			return -EUCLEAN;
	return 0;
}
