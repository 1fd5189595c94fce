// SPDX-License-Identifier: GPL-2.0-only
/*
 * The address space a new program starts with (Linux's fs/exec.c):
 * bprm_mm_init's fresh mm and the stack VMA as __bprm_mm_init and
 * setup_arg_pages leave it with randomization off: [stack], rw-p,
 * VM_GROWSDOWN, from STACK_TOP_MAX (TASK_SIZE, 0x7ffffffff000) down by one
 * page for the argument strings plus the 128 KiB stack_expand: 132 KiB,
 * 0x7ffffffde000-0x7ffffffff000, charged to Committed_AS.  Then the
 * binary (fs/binfmt_elf.c) and the vDSO (arch/x86/entry/vdso/vma.c).
 * Leaves out: argument and environment strings, stack randomization.
 * Callers: kernel/process.c (spawn) and exec.
 */
#include <errno.h>
#include "linux/binfmts.h"
#include "linux/err.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "../mm/vma.h"

/* STACK_TOP_MAX on x86-64: the stack's top with randomization off. */
#define STACK_TOP_MAX		TASK_SIZE
/* setup_arg_pages' stack_expand: 128 KiB below the argument page. */
#define STACK_EXPAND		(128UL * 1024)
/* VM_STACK_FLAGS on x86-64 (no READ_IMPLIES_EXEC): VM_DATA_DEFAULT_FLAGS | VM_STACK | VM_ACCOUNT. */
#define VM_STACK_FLAGS		(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | \
				 VM_STACK | VM_ACCOUNT)

/*
 * setup_arg_pages: the stack VMA as it leaves it: one page at the top
 * (__bprm_mm_init; insert_vm_struct charges it), grown down by
 * stack_expand (acct_stack_growth charges the growth).  0 or -ENOMEM
 * (nothing stays charged or allocated).
 */
int setup_arg_pages(struct machine *m, struct mm_struct *mm)
{
	struct vm_area_struct *vma;

	if (__vm_enough_memory(m, &mm->total_vm, 1, 1))
		return -ENOMEM;
	if (__vm_enough_memory(m, &mm->total_vm, STACK_EXPAND >> PAGE_SHIFT, 1)) {
		vm_unacct_memory(m, 1);
		return -ENOMEM;
	}
	vma = vm_area_alloc(m, mm);
	if (!vma) {
		vm_unacct_memory(m, 1 + (STACK_EXPAND >> PAGE_SHIFT));
		return -ENOMEM;
	}
	vma->vm_end = STACK_TOP_MAX;
	vma->vm_start = vma->vm_end - PAGE_SIZE - STACK_EXPAND;
	vma->vm_flags = VM_SOFTDIRTY | VM_STACK_FLAGS;	/* INCOMPLETE_SETUP cleared */
	vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	vma_link(mm, vma);
	vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));
	mm->start_stack = vma->vm_end;		/* no argument strings below it yet */
	return 0;
}

struct mm_struct *exec_mm(struct machine *m, const char *path)
{
	struct mm_struct *mm = mm_alloc(m);
	int ret;

	if (!mm)
		return ERR_PTR(-ENOMEM);
	ret = setup_arg_pages(m, mm);
	if (!ret)
		ret = load_elf_binary(m, mm, path);
	if (!ret)
		ret = arch_setup_additional_pages(m, mm);
	if (ret) {
		mmput(m, mm);
		return ERR_PTR(ret);
	}
	return mm;
}
