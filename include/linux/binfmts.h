/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Executing a program (Linux's include/linux/binfmts.h): fs/exec.c opens
 * the file and reads its first bytes into a struct linux_binprm, the ELF
 * loader (fs/binfmt_elf.c) checks the headers, picks the layout
 * (arch/x86/mm/mmap.c), makes the stack (setup_arg_pages), maps the
 * binary's segments and its interpreter, and the vDSO
 * (arch/x86/entry/vdso/vma.c) goes in last.
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <stdbool.h>
#include <stddef.h>

struct file;
struct machine;
struct mm_struct;
struct task_struct;

/* BINPRM_BUF_SIZE: the bytes of the file exec reads before the loaders. */
#define BINPRM_BUF_SIZE		256

/* An exec in progress (Linux's struct linux_binprm, trimmed). */
struct linux_binprm {
	struct mm_struct *mm;		/* the new address space (mm_alloc) */
	struct file *file;		/* the executable, open for reading */
	const char *filename;		/* its path, as exec was given it */
	const char *const *argv;	/* the argument strings, NULL-ended */
	unsigned char buf[BINPRM_BUF_SIZE];	/* the file's first bytes, zeros past its end */
	bool randomize;			/* PF_RANDOMIZE: kernel.randomize_va_space != 0 */
	int randomize_va_space;		/* its value at the exec (2 also moves the brk) */
	unsigned long rlim_stack;	/* RLIMIT_STACK's soft limit: the mmap gap, the stack's room */
	unsigned long p;		/* the lowest byte of the strings copied to the stack */
};

/* What an exec is given besides the path (do_execve_mm). */
struct exec_args {
	const char *const *argv;	/* NULL-ended; NULL: { path, NULL } */
	unsigned long rlim_stack;	/* 0: the calling task's RLIMIT_STACK */
};

/*
 * exec_mm - a fresh address space running @path (absolute, on the
 * simulated disk) with argv { @path }: what spawn NAME runs.  A missing
 * /usr/bin/NAME is made first as the default executable (a dynamically
 * linked PIE, and its loader /lib64/ld-linux-x86-64.so.2 if missing).
 * Returns the mm, or an ERR_PTR as do_execve_mm.
 */
struct mm_struct *exec_mm(struct machine *m, const char *path);

/*
 * do_execve_mm - execve(@path, @args->argv) into a new mm: open the file,
 * read its first BINPRM_BUF_SIZE bytes, load it (load_elf_binary).  Never
 * creates files.  Returns the mm, or an ERR_PTR: -ENOENT/-ENOTDIR/-EISDIR
 * /-EINVAL (filp_open), -ENOEXEC (not an ELF executable for x86-64),
 * -ELIBBAD (a bad interpreter), -EINVAL (a segment outside the user
 * address space), -EEXIST (segments overlap), -ENOMEM; nothing is left
 * allocated or charged.
 */
struct mm_struct *do_execve_mm(struct machine *m, const char *path, const struct exec_args *args);

/*
 * setup_arg_pages - the [stack] VMA of @bprm->mm ending at @stack_top:
 * the pages the argument strings take (one here) plus stack_expand (128
 * KiB, less if RLIMIT_STACK is smaller), VM_EXEC if @executable_stack,
 * charged to the commit; bprm->p moves with the stack.  0 or -ENOMEM
 * (nothing stays charged or allocated).
 */
int setup_arg_pages(struct machine *m, struct linux_binprm *bprm, unsigned long stack_top,
		    bool executable_stack);

/*
 * copy_strings - copy bprm->filename and the argv strings to the top of
 * the stack as Linux lays them out (the file name highest, argv below),
 * record them in the mm (arg_start, arg_end, env_start, env_end and the
 * bytes /proc/PID/cmdline reads) and lower bprm->p.  Called after
 * setup_arg_pages.
 */
void copy_strings(struct linux_binprm *bprm);

/*
 * load_elf_binary - check @bprm->buf's ELF header (-ENOEXEC if not an
 * x86-64 ET_EXEC/ET_DYN with sane program headers), read the program
 * headers, open and check PT_INTERP's loader (-ELIBBAD), pick the mmap
 * layout, set up the stack, map every PT_LOAD (elf_map: MAP_FIXED_NOREPLACE
 * for ET_EXEC and a PIE's first segment, the whole image's size reserved
 * first for ET_DYN), the bss (vm_brk_flags), start_brk after it, the
 * loader (load_elf_interp), the vDSO, the argument strings.  0 or -errno
 * (the caller's mmput undoes what was mapped).
 */
int load_elf_binary(struct machine *m, struct linux_binprm *bprm);

/*
 * validate_exec_layouts - every process's exec fields are consistent:
 * arg_start <= arg_end == env_start <= env_end, the kept argument bytes
 * match (and end in a NUL), start_code <= end_code, start_brk (page
 * aligned) <= brk, mmap_base page aligned within the task size.  0, or
 * -EUCLEAN with what is wrong in @err.  mmsim_validate calls it.
 */
int validate_exec_layouts(struct machine *m, char *err, size_t errlen);

/* arch_setup_additional_pages - map the vDSO into @mm.  0 or -ENOMEM. */
int arch_setup_additional_pages(struct machine *m, struct mm_struct *mm);

/*
 * open_exec - open @path for reading as exec does: filp_open's errors, or
 * -EACCES when it is not a regular file.  The caller fputs it.
 */
struct file *open_exec(struct machine *m, const char *path);

/*
 * kernel_read - up to @len bytes of @file at @pos into @buf, straight from
 * the disk (no page cache yet).  Bytes read (short at the end), or -EIO.
 */
long kernel_read(struct machine *m, struct file *file, void *buf, unsigned long len,
		 unsigned long long pos);

#endif
