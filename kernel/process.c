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
 * argument and environment strings, cred/signal/sighand/files/fs objects,
 * struct pid, uids (processes run as root: the overcommit check counts
 * them as CAP_SYS_ADMIN), page tables.  The stack's 33 pages and the
 * private writable data and bss are charged to Committed_AS as exec
 * charges them; exit's mmput gives them back.
 * The memory syscalls run as the process (current_pid/current_comm name
 * it meanwhile): mmap of anonymous memory (do_mmap), munmap
 * (do_vmi_munmap), mprotect (do_mprotect), brk (sys_brk), and mmap of a disk file, as
 * open(PATH, O_RDWR) + mmap + close: the VMA holds its own file reference.
 * Callers: the front end through include/mmsim.h (mmsim_spawn,
 * mmsim_process_exit, mmsim_process_at, mmsim_process_mmap/munmap/
 * mprotect), mmsim's tests.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "linux/err.h"
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

/* STACK_TOP_MAX on x86-64: the stack's top with randomization off. */
#define STACK_TOP_MAX		TASK_SIZE
/* setup_arg_pages' stack_expand: 128 KiB below the argument page. */
#define STACK_EXPAND		(128UL * 1024)
/* VM_STACK_FLAGS on x86-64 (no READ_IMPLIES_EXEC): VM_DATA_DEFAULT_FLAGS | VM_STACK | VM_ACCOUNT. */
#define VM_STACK_FLAGS		(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | \
				 VM_STACK | VM_ACCOUNT)

/*
 * The stack VMA as setup_arg_pages leaves it: one page at the top
 * (__bprm_mm_init; insert_vm_struct charges it), grown down by
 * stack_expand (acct_stack_growth charges the growth).  0 or -ENOMEM
 * (nothing stays charged or allocated).
 */
static int setup_stack_vma(struct machine *m, struct mm_struct *mm)
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

/* One special mapping of the vDSO: its name, pages and VM_* flags. */
struct vdso_mapping {
	const char *name;	/* what /proc/PID/maps shows */
	unsigned long pages;	/* its size */
	unsigned long flags;	/* before _install_special_mapping's additions */
};

/* VM_* of the vvar pages (vdso_install_vvar_mapping), without sealing. */
#define VM_VVAR_FLAGS	(VM_READ | VM_MAYREAD | VM_IO | VM_DONTDUMP | VM_PFNMAP)

/*
 * Linux 6.18 x86-64's vDSO, lowest first (arch/x86/entry/vdso/vma.c
 * map_vdso, as the host's maps shows it): the 4 vvar data pages, the 2
 * vclock pages, the 2 pages of vdso text.
 */
static const struct vdso_mapping vdso_mappings[] = {
	{ "[vvar]", 4, VM_VVAR_FLAGS },
	{ "[vvar_vclock]", 2, VM_VVAR_FLAGS },
	{ "[vdso]", 2, VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC },
};

/*
 * map_vdso: the vDSO's VMAs in one gap get_unmapped_area finds (top-down
 * under mmap_base with randomization off), each a special mapping
 * (_install_special_mapping adds VM_DONTEXPAND | VM_SOFTDIRTY) with its
 * name; no pages (nothing is faulted yet).  0 or -ENOMEM.
 */
static int map_vdso(struct machine *m, struct mm_struct *mm)
{
	unsigned long len = 0, addr;

	for (size_t i = 0; i < sizeof(vdso_mappings) / sizeof(vdso_mappings[0]); i++)
		len += vdso_mappings[i].pages << PAGE_SHIFT;
	addr = get_unmapped_area(m, mm, NULL, 0, len, 0, 0);
	if (IS_ERR_VALUE(addr))
		return (int)(long)addr;
	for (size_t i = 0; i < sizeof(vdso_mappings) / sizeof(vdso_mappings[0]); i++) {
		struct vm_area_struct *vma = vm_area_alloc(m, mm);

		if (!vma)
			return -ENOMEM;		/* the caller's mmput frees the others */
		vma->vm_start = addr;
		vma->vm_end = addr + (vdso_mappings[i].pages << PAGE_SHIFT);
		vma->vm_flags = vdso_mappings[i].flags | VM_DONTEXPAND | VM_SOFTDIRTY;
		vma->vm_pgoff = 0;
		vma->vm_special_name = vdso_mappings[i].name;
		vma_link(mm, vma);
		vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));
		addr = vma->vm_end;
	}
	return 0;
}

/*
 * The executable spawn runs: /usr/bin/NAME, made on the disk (zeros) when
 * missing, read as a minimal static non-PIE x86-64 binary whose program
 * headers give these PT_LOAD segments (load_elf_binary maps each with
 * elf_map, MAP_PRIVATE | MAP_FIXED_NOREPLACE, at its p_vaddr from its
 * p_offset; the last one's bss past its file size is anonymous memory
 * from vm_brk_flags, and the heap starts at the next page).
 */
struct exec_segment {
	unsigned long vaddr;	/* p_vaddr, page aligned */
	unsigned long offset;	/* p_offset */
	unsigned long filesz;	/* bytes mapped from the file */
	unsigned long memsz;	/* bytes in memory (> filesz: bss) */
	unsigned int prot;	/* PROT_* from p_flags */
};

static const struct exec_segment exec_segments[] = {
	{ 0x400000, 0x00000, 0x01000, 0x01000, PROT_READ },		/* ELF and program headers */
	{ 0x401000, 0x01000, 0x10000, 0x10000, PROT_READ | PROT_EXEC },	/* .text */
	{ 0x411000, 0x11000, 0x04000, 0x04000, PROT_READ },		/* .rodata */
	{ 0x415000, 0x15000, 0x02000, 0x04000, PROT_READ | PROT_WRITE },	/* .data, .bss */
};
#define EXEC_FILE_SIZE	0x17000UL	/* the last segment's p_offset + p_filesz */

/* Map one PT_LOAD segment of @file (elf_load); 0 or -errno. */
static int elf_load(struct machine *m, struct mm_struct *mm, struct file *file,
		    const struct exec_segment *seg)
{
	unsigned long addr, bss = seg->vaddr + seg->filesz;

	addr = do_mmap(m, mm, file, seg->vaddr, seg->filesz, seg->prot,
		       MAP_PRIVATE | MAP_FIXED_NOREPLACE, seg->offset >> PAGE_SHIFT);
	if (IS_ERR_VALUE(addr))
		return (int)(long)addr;
	if (seg->memsz > seg->filesz) {		/* vm_brk_flags: anonymous bss */
		addr = do_mmap(m, mm, NULL, bss, seg->memsz - seg->filesz, seg->prot,
			       MAP_PRIVATE | MAP_FIXED_NOREPLACE, 0);
		if (IS_ERR_VALUE(addr))
			return (int)(long)addr;
	}
	return 0;
}

/*
 * load_elf_binary's part that shapes the address space: open (creating
 * if missing) /usr/bin/@comm, map its segments, set start_code ... brk.
 * 0 or -errno (the caller's mmput undoes what was mapped).
 */
static int exec_binary(struct machine *m, struct mm_struct *mm, const char *comm)
{
	const struct exec_segment *last = &exec_segments[ARRAY_SIZE(exec_segments) - 1];
	char path[64], err[128];
	struct file *file;
	int ret = 0;

	snprintf(path, sizeof(path), "/usr/bin/%s", comm);
	if (mmsim_stat_file(m, path, NULL, NULL, NULL) == -ENOENT &&
	    mmsim_create_file(m, path, EXEC_FILE_SIZE, MMSIM_DATA_ZERO, err, sizeof(err)))
		return -ENOMEM;
	file = filp_open(m, path, 0 /* O_RDONLY */);
	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	for (size_t i = 0; i < ARRAY_SIZE(exec_segments) && !ret; i++)
		ret = elf_load(m, mm, file, &exec_segments[i]);
	fput(m, file);				/* the VMAs keep theirs */
	if (ret)
		return ret;
	mm->start_code = exec_segments[1].vaddr;
	mm->end_code = exec_segments[1].vaddr + exec_segments[1].filesz;
	mm->start_data = last->vaddr;
	mm->end_data = last->vaddr + last->filesz;
	mm->start_brk = mm->brk = ALIGN(last->vaddr + last->memsz, PAGE_SIZE);
	return 0;
}

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
	mm = mm_alloc(m);
	if (!mm) {
		free_task(m, tsk);
		return NULL;
	}
	if (setup_stack_vma(m, mm) || exec_binary(m, mm, name) || map_vdso(m, mm)) {
		mmput(m, mm);
		free_task(m, tsk);
		return NULL;
	}
	tsk->mm = mm;
	tsk->pid = tsk->tgid = ++m->last_pid;
	tsk->cpu = m->current_cpu;
	rlimit_init(m, tsk);
	if (proc_pid_register(m, tsk)) {	/* host memory only: -ENOMEM */
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

/*
 * Run as @tsk: current_pid and current_comm name it (what reports such as
 * __vm_enough_memory's warning print) until put_current restores them.
 */
struct current_save {
	int pid;		/* the previous current_pid */
	char comm[16];		/* the previous current_comm */
};

static void set_current(struct machine *m, struct task_struct *tsk, struct current_save *save)
{
	save->pid = m->current_pid;
	memcpy(save->comm, m->current_comm, sizeof(save->comm));
	m->current_pid = tsk->pid;
	snprintf(m->current_comm, sizeof(m->current_comm), "%s", tsk->comm);
}

static void put_current(struct machine *m, const struct current_save *save)
{
	m->current_pid = save->pid;
	memcpy(m->current_comm, save->comm, sizeof(m->current_comm));
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
	set_current(m, tsk, &save);
	ret = do_mmap(m, tsk->mm, NULL, addr, len, prot, flags, 0);
	put_current(m, &save);
	if (IS_ERR_VALUE(ret))
		return (int)(long)ret;
	*out = ret;
	return 0;
}

int mmsim_process_mmap_file(struct machine *m, const char *name, const char *path,
			    uint64_t addr, uint64_t len, unsigned int prot, unsigned int flags,
			    uint64_t offset, uint64_t *out)
{
	struct task_struct *tsk = find_process(m, name);
	struct current_save save;
	struct file *file;
	unsigned long ret;

	if (!tsk)
		return -ESRCH;
	if (offset & ~PAGE_MASK)		/* ksys_mmap_pgoff via sys_mmap */
		return -EINVAL;
	file = filp_open(m, path, 2 /* O_RDWR: open(path, O_RDWR) then mmap */);
	if (IS_ERR(file))
		return (int)PTR_ERR(file);
	set_current(m, tsk, &save);
	ret = do_mmap(m, tsk->mm, file, addr, len, prot, flags & ~MAP_ANONYMOUS,
		      offset >> PAGE_SHIFT);
	put_current(m, &save);
	fput(m, file);				/* close(fd): the VMA keeps its own */
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
	set_current(m, tsk, &save);
	ret = do_vmi_munmap(m, tsk->mm, addr, len);
	put_current(m, &save);
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
	set_current(m, tsk, &save);
	ret = do_mprotect(m, tsk->mm, addr, len, prot);
	put_current(m, &save);
	return ret;
}

int mmsim_process_brk(struct machine *m, const char *name, uint64_t brk, uint64_t *out)
{
	struct task_struct *tsk = find_process(m, name);
	struct current_save save;

	if (!tsk)
		return -ESRCH;
	set_current(m, tsk, &save);
	*out = sys_brk(m, tsk->mm, brk);
	put_current(m, &save);
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
