// SPDX-License-Identifier: GPL-2.0-only
/*
 * The x86 page-fault handler for user accesses (arch/x86/mm/fault.c,
 * do_user_addr_fault): find the VMA (lock_mm_and_find_vma, which grows a
 * VM_GROWSDOWN stack down to the address), check the access against its
 * vm_flags (access_error), hand the fault to handle_mm_fault and count it
 * (mm_account_fault: the task's min_flt).  A bad address or access is
 * SIGSEGV, logged as Linux's show_signal_msg line:
 *   "NAME[PID]: segfault at ADDR ip IP sp SP error CODE likely on CPU N
 *   (core N, socket N)".
 * No user instructions are modelled, so ip is 0 (print_vma_addr then
 * prints nothing and show_opcodes' "Code:" line is left out) and sp is
 * the mm's start_stack; core is the CPU number and socket its node.
 *
 * Stack growth as 6.18 (checked on the host): any fault below a
 * VM_GROWSDOWN VMA grows it (no distance-to-sp check since 4.20), unless
 * expand_downwards refuses - within stack_guard_gap (256 pages) of an
 * accessible VMA below that is not a stack, RLIMIT_STACK (8 MiB: a
 * touch 9 MiB below is SIGSEGV, 4 MiB below grows), RLIMIT_AS, the
 * overcommit charge.  The growth happens before access_error, as in Linux.
 *
 * Return contract (kernel/access.c turns it into the signal):
 *   0        the PTE is in place: retry the access
 *   -EFAULT  SIGSEGV (bad area, access error, VM_FAULT_SIGSEGV): logged
 *   -ENXIO   SIGBUS (VM_FAULT_SIGBUS: e.g. past a mapped file's end);
 *            Linux's do_sigbus prints nothing
 *   -ENOMEM  VM_FAULT_OOM (the OOM killer is another issue)
 *   -EIO     VM_FAULT_UNMODELLED (include/linux/pagemap.h): not yet
 *            modelled, the log says what
 *
 * Leaves out: kernel-mode faults and exception fixups, protection keys,
 * the per-VMA lock and mmap_lock retries, major faults.
 *
 * Called by kernel/access.c (the read/write verbs' access loop).
 */
#include "asm/trap_pf.h"
#include "linux/mm_fault.h"
#include "linux/pagemap.h"
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

/*
 * lock_mm_and_find_vma: the VMA holding @address, or the VM_GROWSDOWN
 * VMA above it grown down to it (expand_stack_locked); NULL: bad area.
 */
static struct vm_area_struct *lock_mm_and_find_vma(struct machine *m, struct mm_struct *mm,
						   unsigned long address)
{
	struct vm_area_struct *vma = find_vma(mm, address);

	if (vma && vma->vm_start <= address)
		return vma;
	if (!vma || !(vma->vm_flags & VM_GROWSDOWN))
		return NULL;
	if (expand_downwards(m, vma, address))
		return NULL;
	return vma;
}

/* mm_fault_error: the errno for a vm_fault_t error (see the contract above). */
static int mm_fault_error(struct machine *m, unsigned long error_code, unsigned long address,
			  unsigned int fault)
{
	if (fault & VM_FAULT_OOM)
		return -ENOMEM;
	if (fault & VM_FAULT_UNMODELLED)
		return -EIO;
	if (fault & VM_FAULT_SIGBUS)
		return -ENXIO;				/* do_sigbus */
	show_signal_msg(m, error_code, address);	/* VM_FAULT_SIGSEGV: bad_area_nosemaphore */
	return -EFAULT;
}

int do_user_addr_fault(struct machine *m, unsigned long error_code, unsigned long address)
{
	struct task_struct *tsk = m->current;
	struct vm_area_struct *vma = lock_mm_and_find_vma(m, tsk->mm, address);
	unsigned int flags = FAULT_FLAG_USER, fault;

	if (!vma || access_error(error_code, vma)) {
		show_signal_msg(m, error_code, address);	/* bad_area / bad_area_access_error */
		return -EFAULT;
	}
	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	fault = handle_mm_fault(m, vma, address, flags);
	if (fault & (VM_FAULT_ERROR | VM_FAULT_UNMODELLED))
		return mm_fault_error(m, error_code, address, fault);
	tsk->min_flt++;					/* mm_account_fault */
	return 0;
}
