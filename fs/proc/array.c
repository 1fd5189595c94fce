// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/status (Linux's fs/proc/array.c proc_pid_status, with
 * task_mem of fs/proc/task_mmu.c for the Vm lines): every key of Linux
 * 6.18's file in its order and format, as tests/reference/procfs/
 * proc-self-status.txt shows it.
 *
 * Values from the model: Name (comm), Tgid/Pid, VmPeak (max of total_vm
 * and hiwater_vm), VmSize (total_vm), VmLck (locked_vm), VmData (data_vm),
 * VmStk (stack_vm), VmExe/VmLib (the code's pages within exec_vm, the rest
 * of exec_vm), Cpus_allowed (the task's cpus_mask, sched_setaffinity's),
 * Mems_allowed (the nodes with memory), SigQ's limit (the task's
 * RLIMIT_SIGPENDING), State (sleeping, D for a vfork parent, T stopped,
 * Z zombie), PPid (the real parent's tgid; 0 for a process spawned by
 * the shell or orphaned), Threads, Uid/Gid and the Cap sets from the
 * cred, Umask from the fs_struct (absent once the task exited, as Linux
 * omits it), NSpgid/NSsid from the process group and session fork
 * inherits.  A zombie has no Vm lines
 * (task_mem needs an mm).  No signals are ever pending.  VmHWM, VmRSS
 * and RssAnon/RssFile/RssShmem are the mm's RSS counters (get_mm_rss,
 * hiwater_rss), VmPTE its pgtables_bytes; VmSwap stays 0 (no swap yet,
 * docs/divergences.md).
 *
 * Also /proc/PID/stat (do_task_stat), the same facts on one line.
 *
 * Leaves out: x86_Thread_features (CONFIG_X86_USER_SHADOW_STACK; not in
 * the reference capture).  Reads state only.  Caller: kernfs through
 * proc_pid_status_operations and proc_pid_stat_operations, registered by
 * fs/proc/base.c.
 */
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mm_struct.h"
#include "linux/mmzone.h"
#include "linux/pgtable.h"
#include "linux/mm_fault.h"
#include "linux/cred.h"
#include "linux/fdtable.h"
#include "linux/sched.h"
#include "linux/fs_struct.h"
#include "linux/sched/signal.h"
#include "internal.h"

/* The host's CONFIG_NODES_SHIFT=10: a nodemask prints 1024 bits. */
#define STATUS_NODEMASK_BITS	1024

/* Is bit @nr of a @nbits-bit status mask set (CPUs of task @arg, or nodes)? */
typedef bool (*mask_test_fn)(const struct machine *m, const void *arg, int nr);

/* task_cpu_possible_mask & p->cpus_mask, as Cpus_allowed shows it. */
static bool cpu_allowed(const struct machine *m, const void *arg, int cpu)
{
	const struct task_struct *tsk = arg;

	return cpu < m->nr_cpu_ids && cpumask_test_cpu(cpu, tsk->cpus_mask);
}

static bool node_has_memory(const struct machine *m, const void *arg, int nid)
{
	return nid < m->nr_node_ids && m->node_data[nid] &&
	       m->node_data[nid]->node_present_pages;
}

/* "%*pb": hex in 32-bit chunks, most significant first, comma separated. */
static void seq_bitmap(struct seq_file *sf, const struct machine *m, mask_test_fn test,
		       const void *arg, int nbits)
{
	int chunk = nbits & 31 ? nbits & 31 : 32;

	for (int base = nbits - chunk; base >= 0; base -= 32, chunk = 32) {
		unsigned int val = 0;

		for (int i = 0; i < chunk; i++)
			if (test(m, arg, base + i))
				val |= 1U << i;
		seq_printf(sf, "%s%0*x", base + chunk < nbits ? "," : "", (chunk + 3) / 4, val);
	}
}

/* "%*pbl": ranges "0-1,4". */
static void seq_bitmap_list(struct seq_file *sf, const struct machine *m, mask_test_fn test,
			    const void *arg, int nbits)
{
	bool first = true;

	for (int i = 0; i < nbits; i++) {
		int end = i;

		if (!test(m, arg, i))
			continue;
		while (end + 1 < nbits && test(m, arg, end + 1))
			end++;
		seq_printf(sf, first ? "%d" : ",%d", i);
		if (end > i)
			seq_printf(sf, "-%d", end);
		first = false;
		i = end;
	}
}

/* One "Key:\t%8lu kB" line of task_mem, @pages converted to kB. */
static void seq_kb(struct seq_file *sf, const char *key, unsigned long pages)
{
	seq_printf(sf, "%s:\t%8lu kB\n", key, pages << (PAGE_SHIFT - 10));
}

/* task_mem: the Vm and Rss lines. */
static void task_mem(struct seq_file *sf, const struct mm_struct *mm)
{
	unsigned long hiwater_vm = mm->total_vm;
	unsigned long text, lib;

	if (hiwater_vm < mm->hiwater_vm)
		hiwater_vm = mm->hiwater_vm;
	text = ALIGN(mm->end_code, PAGE_SIZE) - (mm->start_code & PAGE_MASK);
	if (text > mm->exec_vm << PAGE_SHIFT)
		text = mm->exec_vm << PAGE_SHIFT;
	lib = (mm->exec_vm << PAGE_SHIFT) - text;
	seq_kb(sf, "VmPeak", hiwater_vm);
	seq_kb(sf, "VmSize", mm->total_vm);
	seq_kb(sf, "VmLck", mm->locked_vm);
	seq_kb(sf, "VmPin", 0);		/* pinned_vm: no pinning */
	seq_kb(sf, "VmHWM", get_mm_hiwater_rss(mm));
	seq_kb(sf, "VmRSS", get_mm_rss(mm));
	seq_kb(sf, "RssAnon", (unsigned long)get_mm_counter(mm, MM_ANONPAGES));
	seq_kb(sf, "RssFile", (unsigned long)get_mm_counter(mm, MM_FILEPAGES));
	seq_kb(sf, "RssShmem", (unsigned long)get_mm_counter(mm, MM_SHMEMPAGES));
	seq_kb(sf, "VmData", mm->data_vm);
	seq_kb(sf, "VmStk", mm->stack_vm);
	seq_printf(sf, "VmExe:\t%8lu kB\n", text >> 10);
	seq_printf(sf, "VmLib:\t%8lu kB\n", lib >> 10);
	seq_printf(sf, "VmPTE:\t%8lu kB\n", mm_pgtables_bytes(mm) >> 10);
	seq_kb(sf, "VmSwap", 0);
	seq_kb(sf, "HugetlbPages", 0);	/* hugetlb_report_usage */
}

/* get_task_state's letter and word, as task_state_array has them. */
static const char *task_state_name(const struct task_struct *tsk)
{
	if (tsk->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (tsk->exit_state == EXIT_DEAD)
		return "X (dead)";
	if (tsk->__state == TASK_UNINTERRUPTIBLE)
		return "D (disk sleep)";
	if (tsk->__state == __TASK_STOPPED)
		return "T (stopped)";
	return tsk->__state == TASK_RUNNING ? "R (running)" : "S (sleeping)";
}

/* task_tgid_nr of the real parent: 0 with no parent in the machine. */
static int task_ppid(const struct task_struct *tsk)
{
	return tsk->real_parent ? tsk->real_parent->tgid : 0;
}

static int proc_pid_status_show(struct seq_file *sf)
{
	const struct task_struct *tsk = sf->private;
	const struct machine *m = sf->machine;
	const struct cred *cred = tsk->cred;
	const struct signal_struct *sig = tsk->signal;

	seq_printf(sf, "Name:\t%s\n", tsk->comm);
	if (tsk->fs)			/* get_task_umask: none once exit_fs ran */
		seq_printf(sf, "Umask:\t%04o\n", tsk->fs->umask);
	seq_printf(sf, "State:\t%s\n", task_state_name(tsk));
	seq_printf(sf, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", tsk->tgid,
		   tsk->pid, task_ppid(tsk));
	seq_printf(sf, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", cred->uid, cred->euid,
		   cred->suid, cred->fsuid, cred->gid, cred->egid, cred->sgid, cred->fsgid);
	seq_printf(sf, "FDSize:\t%u\nGroups:\t \n",	/* the fdtable's slots (fs/file.c) */
		   tsk->files ? tsk->files->fdt->max_fds : 0);
	seq_printf(sf, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\nKthread:\t0\n",
		   tsk->tgid, tsk->pid, sig->pgrp, sig->session);
	if (tsk->mm) {			/* these four only while the task has an mm */
		task_mem(sf, tsk->mm);
		seq_puts(sf, "CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\n");
	}
	seq_printf(sf, "Threads:\t%d\nSigQ:\t0/%lu\n", sig->nr_threads,
		   sig->rlim[RLIMIT_SIGPENDING].rlim_cur);
	seq_puts(sf, "SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"
		     "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n"
		     "SigCgt:\t0000000000000000\n");
	seq_printf(sf, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n"
		       "CapBnd:\t%016llx\nCapAmb:\t%016llx\n",
		   (unsigned long long)cred->cap_inheritable, (unsigned long long)cred->cap_permitted,
		   (unsigned long long)cred->cap_effective, (unsigned long long)cred->cap_bset,
		   (unsigned long long)cred->cap_ambient);
	seq_puts(sf, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n"
		     "Speculation_Store_Bypass:\tvulnerable\n"
		     "SpeculationIndirectBranch:\talways enabled\n");
	seq_puts(sf, "Cpus_allowed:\t");
	seq_bitmap(sf, m, cpu_allowed, tsk, m->nr_cpu_ids);
	seq_puts(sf, "\nCpus_allowed_list:\t");
	seq_bitmap_list(sf, m, cpu_allowed, tsk, m->nr_cpu_ids);
	seq_puts(sf, "\nMems_allowed:\t");
	seq_bitmap(sf, m, node_has_memory, NULL, STATUS_NODEMASK_BITS);
	seq_puts(sf, "\nMems_allowed_list:\t");
	seq_bitmap_list(sf, m, node_has_memory, NULL, STATUS_NODEMASK_BITS);
	seq_puts(sf, "\nvoluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
	return 0;
}

const struct kernfs_ops proc_pid_status_operations = { .show = proc_pid_status_show };

/*
 * /proc/PID/stat (do_task_stat): 52 fields on one line in Linux's order.
 * From the model: pid, comm, flags, the cpu, vsize (total_vm in bytes),
 * the code, data, brk, stack, argument and environment addresses of the
 * mm (0 for a zombie), state, ppid, pgrp, session and num_threads as
 * status has them, wchan 1 unless running, exit_signal (17, -1 for a
 * thread), exit_code (a zombie's wait status).  Fixed: no tty (tty_nr 0,
 * tpgid -1), minflt/majflt of the whole group (live threads plus the
 * released ones' signal->min_flt/maj_flt), cminflt/cmajflt (the children
 * waited for, kernel/exit.c), no times or start time yet (no clock),
 * priority 20, nice 0, rsslim RLIM_INFINITY.
 */
/*
 * do_task_stat's whole-group min_flt (or maj_flt): the released threads'
 * (signal->min_flt) plus every live thread's.
 */
static unsigned long group_flt(const struct task_struct *tsk, bool major)
{
	const struct task_struct *t;
	unsigned long n = major ? tsk->signal->maj_flt : tsk->signal->min_flt;

	list_for_each_entry(t, &tsk->signal->thread_head, thread_node)
		n += major ? t->maj_flt : t->min_flt;
	return n;
}

static int proc_pid_stat_show(struct seq_file *sf)
{
	static const struct mm_struct no_mm;	/* a zombie's fields read 0 */
	const struct task_struct *tsk = sf->private;
	const struct mm_struct *mm = tsk->mm ? tsk->mm : &no_mm;
	const struct signal_struct *sig = tsk->signal;

	seq_printf(sf, "%d (%s) %c %d %d %d 0 -1 %u", tsk->pid, tsk->comm, task_state_name(tsk)[0],
		   task_ppid(tsk), sig->pgrp, sig->session, tsk->flags);
	/* minflt cminflt majflt cmajflt utime stime cutime cstime */
	seq_printf(sf, " %lu %lu %lu %lu 0 0 0 0", group_flt(tsk, false), sig->cmin_flt,
		   group_flt(tsk, true), sig->cmaj_flt);
	/* priority nice num_threads itrealvalue start_time */
	seq_printf(sf, " 20 0 %d 0 0", sig->nr_threads);
	seq_printf(sf, " %lu %lu %lu %lu %lu %lu", mm->total_vm << PAGE_SHIFT,	/* vsize rss */
		   get_mm_rss(mm), ~0UL, mm->start_code, mm->end_code, mm->start_stack);	/* rsslim... */
	/* kstkesp kstkeip signal blocked sigignore sigcatch wchan nswap cnswap */
	seq_printf(sf, " 0 0 0 0 0 0 %d 0 0", tsk->__state != TASK_RUNNING || tsk->exit_state);
	/* exit_signal processor rt_priority policy blkio_ticks gtime cgtime */
	seq_printf(sf, " %d %d 0 0 0 0 0", tsk->exit_signal, tsk->cpu);
	seq_printf(sf, " %lu %lu %lu %lu %lu %lu %lu %d\n", mm->start_data, mm->end_data,
		   mm->start_brk, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end,
		   tsk->exit_code);
	return 0;
}

const struct kernfs_ops proc_pid_stat_operations = { .show = proc_pid_stat_show };
