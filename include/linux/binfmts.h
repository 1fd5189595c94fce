/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Executing a program (Linux's include/linux/binfmts.h): fs/exec.c builds
 * the new address space (bprm_mm_init, setup_arg_pages), the ELF loader
 * (fs/binfmt_elf.c) maps the binary's segments, and the vDSO
 * (arch/x86/entry/vdso/vma.c) goes in last.
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

struct machine;
struct mm_struct;
struct task_struct;

/*
 * exec_mm - a fresh address space for running @path (absolute, on the
 * simulated disk): the [stack] VMA as setup_arg_pages leaves it, the
 * binary's segments, bss and brk (load_elf_binary), the vDSO.  Returns the
 * mm, or an ERR_PTR: -ENOENT (no such file), -ENOMEM (nothing is left
 * allocated or charged).
 */
struct mm_struct *exec_mm(struct machine *m, const char *path);

/*
 * setup_arg_pages - link the [stack] VMA of a new @mm: one page at
 * STACK_TOP_MAX for the arguments plus stack_expand (128 KiB), charged to
 * the commit.  0 or -ENOMEM (nothing stays charged or allocated).
 */
int setup_arg_pages(struct machine *m, struct mm_struct *mm);

/*
 * load_elf_binary - open @path (made, as zeros, when it is /usr/bin/NAME
 * and missing), map its PT_LOAD segments and bss into @mm and set
 * start_code ... start_brk/brk.  0 or -errno (the caller's mmput undoes
 * what was mapped).
 */
int load_elf_binary(struct machine *m, struct mm_struct *mm, const char *path);

/* arch_setup_additional_pages - map the vDSO into @mm.  0 or -ENOMEM. */
int arch_setup_additional_pages(struct machine *m, struct mm_struct *mm);

#endif
