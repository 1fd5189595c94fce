// SPDX-License-Identifier: GPL-2.0-only
/*
 * Processes of the model machine: what `spawn NAME` and `NAME: exit` do to
 * the kernel's objects.  A spawned process is what fork + execve of a fresh
 * program leave: a task (alloc_task: task_struct and kernel stack) with a
 * pid, and an address space (mm_alloc) holding the stack VMA as
 * __bprm_mm_init and setup_arg_pages (fs/exec.c) leave it with address
 * randomization off: [stack], rw-p, VM_GROWSDOWN, from STACK_TOP_MAX
 * (TASK_SIZE, 0x7ffffffff000) down by one page for the argument strings
 * plus the 128 KiB stack_expand: 132 KiB, 0x7ffffffde000-0x7ffffffff000;
 * then the vDSO as map_vdso places it, top-down under mmap_base: [vvar]
 * (4 pages), [vvar_vclock] (2) and [vdso] (2), 0x7ffff7ff7000-
 * 0x7ffff7fff000 as on the host's 6.18 kernel under setarch -R.
 * Exit (do_exit's exit_mm, then release_task) drops the mm (mmput frees
 * every VMA and the mm_struct) and frees the task.  /proc/PID/maps exists
 * from spawn to exit (fs/proc/base.c).
 *
 * Pids: mmsim boots no init and no kernel threads besides the idle tasks
 * (pid 0), so the first spawned process gets pid 1 and each next one the
 * next number (alloc_pid's cyclic allocation from 1); pids are never
 * reused and spawning past pid_max fails with -EAGAIN.  The process name is
 * its comm and, in the language, stands for its pid: names are unique
 * among live processes.
 *
 * Before them, /usr/bin/NAME's segments as load_elf_binary maps a
 * minimal static non-PIE binary (exec_segments), its bss, and brk.
 *
 * Leaves out (docs/divergences.md): reading ELF headers, the
 * vDSO's pages (its VMAs exist, nothing is mapped in them), the
 * argument and environment strings, cred/signal/sighand/fs objects,
 * struct pid, uids (processes run as root: the overcommit check counts
 * them as CAP_SYS_ADMIN), page tables.  The stack's 33 pages and the
 * private writable data and bss are charged to Committed_AS as exec
 * charges them; exit's mmput gives them back.
 * The memory syscalls run as the process (current_pid/current_comm name
 * it meanwhile): mmap of anonymous memory (do_mmap), munmap
 * (do_vmi_munmap), mprotect (do_mprotect), brk (sys_brk); the descriptor
 * syscalls (open, close, mmap of a file) are fs/file_syscalls.c's.  A
 * spawned process's descriptors 0-2 come from spawn_files (fs/file.c).
 * Callers: the front end through include/mmsim.h (mmsim_spawn,
 * mmsim_process_exit, mmsim_process_at, mmsim_process_mmap/munmap/
 * mprotect), mmsim's tests.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "linux/binfmts.h"
#include "linux/err.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/pid.h"
#include "linux/resource.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "../mm/vma.h"

/* pid_max as pid_idr_init sizes it. */
static int machine_pid_max(const struct machine *m)
{
	int pid_max = PIDS_PER_CPU_DEFAULT * m->nr_cpu_ids;

	return pid_max > PID_MAX_DEFAULT ? pid_max : PID_MAX_DEFAULT;
}

struct task_struct *find_process(struct machine *m, const char *name)
{
	struct task_struct *tsk;

	list_for_each_entry(tsk, &m->tasks, tasks)
		if (tsk->mm && tsk->pid > 0 && !strcmp(tsk->comm, name))
			return tsk;
	return NULL;
}

struct task_struct *find_process_by_pid(struct machine *m, int pid)
{
	struct task_struct *tsk;

	list_for_each_entry(tsk, &m->tasks, tasks)
		if (tsk->mm && tsk->pid == pid && pid > 0)
			return tsk;
	return NULL;
}

/* A process name: 1..15 of [A-Za-z0-9_-], not all digits, not "kernel". */
static int check_process_name(const char *name)
{
	size_t n = strlen(name), digits = 0;

	if (!n)
		return -EINVAL;
	if (n >= TASK_COMM_LEN)
		return -ENAMETOOLONG;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];

		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c == '_' || c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return -EINVAL;
	}
	if (digits == n || !strcmp(name, "kernel"))
		return -EINVAL;
	return 0;
}

struct task_struct *spawn_process(struct machine *m, const char *name, int *err)
{
	struct task_struct *tsk;
	struct mm_struct *mm;
	char path[32];

	*err = check_process_name(name);
	if (!*err && find_process(m, name))
		*err = -EEXIST;
	if (!*err && m->last_pid >= machine_pid_max(m) - 1)
		*err = -EAGAIN;
	if (*err)
		return NULL;
	*err = -ENOMEM;
	tsk = alloc_task(m, name, 0, NUMA_NO_NODE);
	if (!tsk)
		return NULL;
	snprintf(path, sizeof(path), "/usr/bin/%s", name);
	mm = exec_mm(m, path);
	if (IS_ERR(mm)) {
		free_task(m, tsk);
		return NULL;
	}
	tsk->mm = mm;
	tsk->pid = tsk->tgid = ++m->last_pid;
	tsk->cpu = m->current_cpu;
	rlimit_init(m, tsk);
	if (spawn_files(m, tsk) ||		/* fds 0-2 on the console (fs/file.c) */
	    proc_pid_register(m, tsk)) {	/* host memory only: -ENOMEM */
		exit_process(m, tsk);
		return NULL;
	}
	*err = 0;
	return tsk;
}

void exit_process(struct machine *m, struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	proc_pid_unregister(m, tsk);
	tsk->mm = NULL;		/* exit_mm */
	mmput(m, mm);
	exit_files(m, tsk);	/* do_exit's exit_files */
	free_task(m, tsk);	/* release_task */
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_spawn(struct machine *m, const char *name, int *pid)
{
	int err;
	struct task_struct *tsk = spawn_process(m, name, &err);

	if (tsk && pid)
		*pid = tsk->pid;
	return err;
}

int mmsim_process_exit(struct machine *m, const char *name)
{
	struct task_struct *tsk = find_process(m, name);

	if (!tsk)
		return -ESRCH;
	exit_process(m, tsk);
	return 0;
}

int mmsim_process_at(struct machine *m, size_t idx, struct mmsim_process *out)
{
	struct task_struct *tsk;

	list_for_each_entry(tsk, &m->tasks, tasks) {
		if (!tsk->mm || tsk->pid <= 0)
			continue;
		if (idx--)
			continue;
		out->pid = tsk->pid;
		memcpy(out->comm, tsk->comm, sizeof(out->comm));
		return 0;
	}
	return -ENOENT;
}

/* ---- the memory syscalls of a process ---- */

void task_enter(struct machine *m, struct task_struct *tsk, struct current_save *save)
{
	save->pid = m->current_pid;
	memcpy(save->comm, m->current_comm, sizeof(save->comm));
	m->current_pid = tsk->pid;
	snprintf(m->current_comm, sizeof(m->current_comm), "%s", tsk->comm);
}

void task_leave(struct machine *m, const struct current_save *save)
{
	m->current_pid = save->pid;
	memcpy(m->current_comm, save->comm, sizeof(m->current_comm));
}

struct task_struct *process_enter(struct machine *m, const char *name, struct current_save *save)
{
	struct task_struct *tsk = find_process(m, name);

	if (tsk)
		task_enter(m, tsk, save);
	return tsk;
}

int mmsim_process_mmap(struct machine *m, const char *name, uint64_t addr, uint64_t len,
		       unsigned int prot, unsigned int flags, uint64_t *out)
{
	struct task_struct *tsk = find_process(m, name);
	struct current_save save;
	unsigned long ret;

	if (!tsk)
		return -ESRCH;
	if ((flags & MAP_ANONYMOUS) == 0)
		return -EBADF;		/* fd -1 without MAP_ANONYMOUS: no files yet */
	task_enter(m, tsk, &save);
	ret = do_mmap(m, tsk->mm, NULL, addr, len, prot, flags, 0);
	task_leave(m, &save);
	if (IS_ERR_VALUE(ret))
		return (int)(long)ret;
	*out = ret;
	return 0;
}

int mmsim_process_munmap(struct machine *m, const char *name, uint64_t addr, uint64_t len)
{
	struct task_struct *tsk = find_process(m, name);
	struct current_save save;
	int ret;

	if (!tsk)
		return -ESRCH;
	task_enter(m, tsk, &save);
	ret = do_vmi_munmap(m, tsk->mm, addr, len);
	task_leave(m, &save);
	return ret;
}

int mmsim_process_mprotect(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			   unsigned int prot)
{
	struct task_struct *tsk = find_process(m, name);
	struct current_save save;
	int ret;

	if (!tsk)
		return -ESRCH;
	task_enter(m, tsk, &save);
	ret = do_mprotect(m, tsk->mm, addr, len, prot);
	task_leave(m, &save);
	return ret;
}

int mmsim_process_brk(struct machine *m, const char *name, uint64_t brk, uint64_t *out)
{
	struct task_struct *tsk = find_process(m, name);
	struct current_save save;

	if (!tsk)
		return -ESRCH;
	task_enter(m, tsk, &save);
	*out = sys_brk(m, tsk->mm, brk);
	task_leave(m, &save);
	return 0;
}

int mmsim_process_brk_range(struct machine *m, const char *name, uint64_t *start_brk,
			    uint64_t *brk)
{
	struct task_struct *tsk = find_process(m, name);

	if (!tsk)
		return -ESRCH;
	*start_brk = tsk->mm->start_brk;
	*brk = tsk->mm->brk;
	return 0;
}
