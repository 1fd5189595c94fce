/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ELF64 format as x86-64 Linux reads it (include/uapi/linux/elf.h,
 * arch/x86/include/asm/elf.h): the file header and program headers, the
 * values load_elf_binary checks, and ELF_ET_DYN_BASE.
 *
 * Also the executables mmsim writes on its disk (fs/elf_image.c): real
 * ELF headers in a file's first bytes, in one of three shapes taken from
 * a Debian 12 x86-64 system (elf_image_kind).
 */
#ifndef _LINUX_ELF_H
#define _LINUX_ELF_H

#include <stddef.h>
#include <stdint.h>

struct machine;

/* e_ident */
#define EI_NIDENT	16
#define ELFMAG		"\177ELF"
#define SELFMAG		4
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1

/* e_type */
#define ET_EXEC		2
#define ET_DYN		3
/* e_machine */
#define EM_X86_64	62

/* p_type */
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_GNU_STACK	0x6474e551
#define PT_GNU_RELRO	0x6474e552
/* p_flags */
#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

/* The file header (Elf64_Ehdr), 64 bytes. */
struct elfhdr {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;		/* entry point (virtual address) */
	uint64_t e_phoff;		/* program header table's file offset */
	uint64_t e_shoff;		/* section header table's (0: none) */
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;		/* sizeof(struct elf_phdr) */
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

/* One program header (Elf64_Phdr), 56 bytes. */
struct elf_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;		/* in the file */
	uint64_t p_vaddr;		/* in memory (before the load bias) */
	uint64_t p_paddr;
	uint64_t p_filesz;		/* bytes from the file */
	uint64_t p_memsz;		/* bytes in memory (more: bss) */
	uint64_t p_align;
};

_Static_assert(sizeof(struct elfhdr) == 64, "Elf64_Ehdr is 64 bytes");
_Static_assert(sizeof(struct elf_phdr) == 56, "Elf64_Phdr is 56 bytes");

/* elf_check_arch on x86-64. */
#define elf_check_arch(x)	((x)->e_machine == EM_X86_64)
/* ELF_MIN_ALIGN: the page. */
#define ELF_MIN_ALIGN		4096UL
/*
 * ELF_ET_DYN_BASE on x86-64 (DEFAULT_MAP_WINDOW / 3 * 2): where a PIE
 * goes, 0x555555554aaa, which the 4K alignment of its segments makes
 * 0x555555554000.
 */
#define ELF_ET_DYN_BASE		(0x7ffffffff000UL / 3 * 2)

/* The dynamic loader a PIE names in PT_INTERP (Debian's, x86-64). */
#define ELF_INTERP_PATH		"/lib64/ld-linux-x86-64.so.2"

/* The shapes fs/elf_image.c writes. */
enum elf_image_kind {
	ELF_IMAGE_PIE,		/* ET_DYN with PT_INTERP: /usr/bin/cat's segments */
	ELF_IMAGE_STATIC,	/* ET_EXEC at 0x400000, no interpreter, a bss */
	ELF_IMAGE_LIB,		/* ET_DYN without PT_INTERP: ld.so's segments */
};

/*
 * elf_image_default_size - the file size of @kind's model (cat's 44016
 * bytes, a 94208-byte static program, ld.so's 215000 bytes).
 */
uint64_t elf_image_default_size(enum elf_image_kind kind);

/*
 * elf_image_min_size - the smallest file @kind fits in (one page of text).
 */
uint64_t elf_image_min_size(enum elf_image_kind kind);

/*
 * elf_image_create - create @path (absolute) on the disk, @size bytes
 * (>= elf_image_min_size; the text segment takes what the others leave),
 * zeros but for the ELF header, program headers and (PIE) the interpreter
 * path at the start.  A PIE also gets ELF_INTERP_PATH (ELF_IMAGE_LIB) when
 * the disk has none.  0 or -errno, with mmsim_create_file's message in
 * @err (-EINVAL: @size too small, said so in @err).
 */
int elf_image_create(struct machine *m, const char *path, enum elf_image_kind kind,
		     uint64_t size, char *err, size_t errlen);

#endif
