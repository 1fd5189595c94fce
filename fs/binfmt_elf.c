// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading an ELF executable (Linux's fs/binfmt_elf.c load_elf_binary):
 * each PT_LOAD segment mapped from the file with elf_map (MAP_PRIVATE |
 * MAP_FIXED_NOREPLACE at its p_vaddr from its p_offset), the bss past the
 * last segment's file size as anonymous memory (vm_brk_flags), and the
 * heap's start (start_brk = brk) at the next page.
 * Leaves out (docs/divergences.md): reading ELF headers: every binary is
 * the same minimal static non-PIE program.
 * Caller: fs/exec.c (exec_mm).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "linux/binfmts.h"
#include "linux/err.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "../mm/vma.h"

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

int load_elf_binary(struct machine *m, struct mm_struct *mm, const char *path)
{
	const struct exec_segment *last = &exec_segments[ARRAY_SIZE(exec_segments) - 1];
	char err[128];
	struct file *file;
	int ret = 0;

	if (mmsim_stat_file(m, path, NULL, NULL, NULL) == -ENOENT && !strncmp(path, "/usr/bin/", 9) &&
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

