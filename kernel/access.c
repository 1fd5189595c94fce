// SPDX-License-Identifier: GPL-2.0-only
/*
 * A process touching its memory (the read and write verbs): each page of
 * a range once, in address order, as a user-mode load or store.  Every
 * access goes through the software MMU (arch/x86/mm/mmu.c mmu_walk, no
 * TLB); a fault goes to the #PF handler (arch/x86/mm/fault.c
 * do_user_addr_fault) and the access is retried, as the CPU re-executes
 * the faulting instruction.  A store writes one zero byte (the page's
 * content stays what the fault made it: data patterns and verify come
 * later).  A SIGSEGV ends the walk and kills the process (kill_task with
 * SIGSEGV's default action; no core dump is modelled).
 *
 * Called by the CLI through mmsim_process_access (include/mmsim.h).
 */
#include <string.h>
#include "mmsim.h"
#include "asm/trap_pf.h"
#include "linux/mm_fault.h"
#include "linux/machine.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"

/* One user access at @addr: walk, fault, walk again.  0 or the fault's error. */
static int access_one(struct machine *m, struct task_struct *tsk, unsigned long addr,
		      bool write)
{
	unsigned int access = X86_PF_USER | (write ? X86_PF_WRITE : 0);
	struct mmu_result res;
	int tries, err;

	for (tries = 0; tries < 3; tries++) {
		mmu_walk(m, tsk->mm, addr, access, &res);
		if (!res.fault) {
			if (write)
				m->ram[(res.pfn << PAGE_SHIFT) + (addr & ~PAGE_MASK)] = 0;
			return 0;
		}
		err = do_user_addr_fault(m, res.error_code, addr);
		if (err)
			return err;
	}
	return -EFAULT;		/* the handler left the PTE faulting: a model bug */
}

int mmsim_process_access(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			 int write, struct mmsim_access_result *out)
{
	struct current_save save;
	struct task_struct *tsk = process_enter(m, name, &save);
	unsigned long a, start_flt;
	int err = 0;

	memset(out, 0, sizeof(*out));
	if (!tsk)
		return -ESRCH;
	start_flt = tsk->min_flt;
	for (a = addr & PAGE_MASK; a < addr + len; a += PAGE_SIZE) {
		err = access_one(m, tsk, a < addr ? addr : a, write != 0);
		if (err) {
			out->fault_addr = a < addr ? addr : a;
			break;
		}
		out->pages++;
	}
	out->min_flt = tsk->min_flt - start_flt;
	task_leave(m, &save);
	if (err == -EFAULT)
		kill_task(m, tsk, SIGSEGV);		/* force_sig_fault(SIGSEGV) */
	return err;
}
