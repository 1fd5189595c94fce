// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 page-fault handler for user accesses (arch/x86/mm/fault.c,
 * do_user_addr_fault): find the VMA, check the access against its
 * vm_flags (access_error), hand the fault to handle_mm_fault and count it
 * (mm_account_fault: the task's min_flt).  A bad address or access is
 * SIGSEGV, logged as Linux's show_signal_msg line:
 *   "NAME[PID]: segfault at ADDR ip IP sp SP error CODE likely on CPU N
 *   (core N, socket N)".
 * No user instructions are modelled, so ip is 0 (print_vma_addr then
 * prints nothing and show_opcodes' "Code:" line is left out) and sp is
 * the mm's start_stack; core is the CPU number and socket its node.
 *
 * Leaves out: kernel-mode faults and exception fixups, stack growth
 * (expand_stack: a fault below a VM_GROWSDOWN VMA is SIGSEGV here),
 * protection keys, the per-VMA lock and mmap_lock retries, major faults.
 *
 * Called by kernel/access.c (the read/write verbs' access loop).
 */
#include "asm/trap_pf.h"
#include "linux/mm_fault.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/printk.h"
#include "linux/sched.h"
#include "../../../mm/vma.h"

/* access_error: does @vma refuse an access with @error_code? */
static bool access_error(unsigned long error_code, const struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & X86_PF_PROT)		/* read of a present page */
		return true;
	if (error_code & X86_PF_INSTR)
		return !(vma->vm_flags & VM_EXEC);
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/* show_signal_msg for a SIGSEGV of the current task. */
static void show_signal_msg(struct machine *m, unsigned long error_code, unsigned long address)
{
	struct task_struct *tsk = m->current;
	int cpu = tsk->cpu;

	pr_info(m, "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx likely on CPU %d (core %d, socket %d)",
		tsk->comm, tsk->pid, address, 0UL, tsk->mm->start_stack, error_code, cpu, cpu,
		m->cpu_to_node[cpu]);
}

int do_user_addr_fault(struct machine *m, unsigned long error_code, unsigned long address)
{
	struct task_struct *tsk = m->current;
	struct vm_area_struct *vma = find_vma(tsk->mm, address);
	unsigned int flags = FAULT_FLAG_USER, fault;

	if (!vma || address < vma->vm_start || access_error(error_code, vma)) {
		show_signal_msg(m, error_code, address);	/* bad_area / bad_area_access_error */
		return -EFAULT;
	}
	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	fault = handle_mm_fault(m, vma, address, flags);
	if (fault & VM_FAULT_OOM)
		return -ENOMEM;
	if (fault & VM_FAULT_ERROR)
		return -EIO;
	tsk->min_flt++;					/* mm_account_fault */
	return 0;
}
