// SPDX-License-Identifier: GPL-2.0-only
/*
 * Executables on the simulated disk: files whose first bytes are a real
 * ELF64 header, program headers and (for a PIE) the interpreter's path,
 * so that load_elf_binary (fs/binfmt_elf.c) reads and checks them as
 * Linux does.  Three shapes, each modelled on a Debian 12 x86-64 file
 * (readelf -l):
 *
 *   pie     /usr/bin/cat (44016 bytes): ET_DYN, PT_INTERP
 *           /lib64/ld-linux-x86-64.so.2, LOADs r (headers), r-x (text),
 *           r (rodata), rw (data at file offset 0x9c30, vaddr 0xac30, a
 *           small bss inside its last page), PT_GNU_RELRO over the data's
 *           first part.
 *   static  a static non-PIE program (94208 bytes): ET_EXEC at 0x400000,
 *           LOADs r, r-x, r, rw whose bss runs two pages past the file.
 *   lib     ld-linux-x86-64.so.2 (215000 bytes): ET_DYN without
 *           PT_INTERP, LOADs r, r-x, r, rw, PT_GNU_RELRO.
 *
 * A file of another size keeps every segment but the text, which grows or
 * shrinks by whole pages (the segments after it move with it); bytes past
 * the last segment stand for the section headers and symbols real files
 * end with.  Everything but the headers is zeros.
 *
 * Leaves out: sections, symbols, dynamic entries, code (nothing runs).
 * Callers: mmsim_create_elf (the `file ... elf=` command), exec_mm (the
 * default executable of spawn NAME).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "linux/elf.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"

#define NR_LOADS	4	/* headers, text, rodata, data (+ bss) */
#define TEXT		1	/* the load that grows with the file */

/* One PT_LOAD of a shape, before the text's resizing. */
struct shape_load {
	uint32_t flags;		/* PF_R | PF_W | PF_X */
	uint64_t offset;	/* p_offset */
	uint64_t vaddr;		/* p_vaddr, relative to the shape's base */
	uint64_t filesz;
	uint64_t memsz;
};

/* A shape: its headers as the model file has them. */
struct elf_shape {
	uint16_t e_type;		/* ET_EXEC or ET_DYN */
	uint64_t base;			/* vaddr of file offset 0 (0x400000 for ET_EXEC) */
	bool interp;			/* PT_PHDR and PT_INTERP first */
	uint64_t size;			/* the model file's size */
	struct shape_load load[NR_LOADS];
	uint64_t relro_vaddr, relro_size;	/* PT_GNU_RELRO (0: none) */
	uint64_t dyn_vaddr, dyn_size;		/* PT_DYNAMIC (0: none) */
};

static const struct elf_shape shapes[] = {
	[ELF_IMAGE_PIE] = {
		.e_type = ET_DYN, .base = 0, .interp = true, .size = 44016,
		.load = {
			{ PF_R, 0x0000, 0x0000, 0x1720, 0x1720 },
			{ PF_R | PF_X, 0x2000, 0x2000, 0x4da9, 0x4da9 },
			{ PF_R, 0x7000, 0x7000, 0x20e8, 0x20e8 },
			{ PF_R | PF_W, 0x9c30, 0xac30, 0x0650, 0x07e8 },
		},
		.relro_vaddr = 0xac30, .relro_size = 0x3d0,
		.dyn_vaddr = 0xadd8, .dyn_size = 0x1e0,
	},
	[ELF_IMAGE_STATIC] = {
		.e_type = ET_EXEC, .base = 0x400000, .interp = false, .size = 0x17000,
		.load = {
			{ PF_R, 0x00000, 0x00000, 0x004f8, 0x004f8 },
			{ PF_R | PF_X, 0x01000, 0x01000, 0x0f2d1, 0x0f2d1 },
			{ PF_R, 0x11000, 0x11000, 0x03a1c, 0x03a1c },
			{ PF_R | PF_W, 0x15f10, 0x15f10, 0x010f0, 0x030f0 },
		},
	},
	[ELF_IMAGE_LIB] = {
		.e_type = ET_DYN, .base = 0, .interp = false, .size = 215000,
		.load = {
			{ PF_R, 0x00000, 0x00000, 0x00d58, 0x00d58 },
			{ PF_R | PF_X, 0x01000, 0x01000, 0x25111, 0x25111 },
			{ PF_R, 0x27000, 0x27000, 0x09c7c, 0x09c7c },
			{ PF_R | PF_W, 0x31900, 0x31900, 0x02810, 0x029d8 },
		},
		.relro_vaddr = 0x31900, .relro_size = 0x1700,
		.dyn_vaddr = 0x32e40, .dyn_size = 0x1a0,
	},
};

/* The text's pages in the model (its last page may be partly used). */
static uint64_t text_pages(const struct elf_shape *sh)
{
	return (ALIGN(sh->load[TEXT].offset + sh->load[TEXT].filesz, PAGE_SIZE) -
		sh->load[TEXT].offset) >> PAGE_SHIFT;
}

uint64_t elf_image_default_size(enum elf_image_kind kind)
{
	return shapes[kind].size;
}

uint64_t elf_image_min_size(enum elf_image_kind kind)
{
	return shapes[kind].size - ((text_pages(&shapes[kind]) - 1) << PAGE_SHIFT);
}

/* The program headers' builder: the next free slot. */
struct phdr_builder {
	struct elf_phdr *ph;	/* the table */
	int nr;			/* headers written */
};

static void add_phdr(struct phdr_builder *b, uint32_t type, uint32_t flags, uint64_t offset,
		     uint64_t vaddr, uint64_t filesz, uint64_t memsz, uint64_t align)
{
	struct elf_phdr *p = &b->ph[b->nr++];

	p->p_type = type;
	p->p_flags = flags;
	p->p_offset = offset;
	p->p_vaddr = p->p_paddr = vaddr;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_align = align;
}

/* The number of program headers @sh has. */
static int shape_phnum(const struct elf_shape *sh)
{
	return (sh->interp ? 2 : 0) + NR_LOADS + (sh->dyn_size ? 1 : 0) + 1 +
	       (sh->relro_size ? 1 : 0);
}

/*
 * Write @sh's headers for a file of @size bytes into @buf (one page):
 * the text gets @size's pages, the segments after it move by the
 * difference.  Returns the bytes used.
 */
static size_t build_headers(const struct elf_shape *sh, uint64_t size, unsigned char *buf)
{
	int64_t shift;
	struct elfhdr *eh = (struct elfhdr *)buf;
	struct phdr_builder b = { .ph = (struct elf_phdr *)(buf + sizeof(*eh)) };
	int phnum = shape_phnum(sh);
	uint64_t interp_off = sizeof(*eh) + (uint64_t)phnum * sizeof(struct elf_phdr);

	if (size >= sh->size)		/* grow by whole pages, rounding down */
		shift = (int64_t)((size - sh->size) & PAGE_MASK);
	else				/* shrink by whole pages, rounding up */
		shift = -(int64_t)ALIGN(sh->size - size, PAGE_SIZE);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = sh->e_type;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = sh->base + sh->load[TEXT].vaddr;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(struct elf_phdr);
	eh->e_phnum = (uint16_t)phnum;
	eh->e_shentsize = 64;
	if (sh->interp) {
		add_phdr(&b, PT_PHDR, PF_R, sizeof(*eh), sh->base + sizeof(*eh),
			 (uint64_t)phnum * sizeof(struct elf_phdr),
			 (uint64_t)phnum * sizeof(struct elf_phdr), 8);
		add_phdr(&b, PT_INTERP, PF_R, interp_off, sh->base + interp_off,
			 sizeof(ELF_INTERP_PATH), sizeof(ELF_INTERP_PATH), 1);
		memcpy(buf + interp_off, ELF_INTERP_PATH, sizeof(ELF_INTERP_PATH));
	}
	for (int i = 0; i < NR_LOADS; i++) {
		const struct shape_load *l = &sh->load[i];
		int64_t d = i > TEXT ? shift : 0;

		add_phdr(&b, PT_LOAD, l->flags, (uint64_t)((int64_t)l->offset + d),
			 sh->base + (uint64_t)((int64_t)l->vaddr + d),
			 (uint64_t)((int64_t)l->filesz + (i == TEXT ? shift : 0)),
			 (uint64_t)((int64_t)l->memsz + (i == TEXT ? shift : 0)), PAGE_SIZE);
	}
	if (sh->dyn_size)
		add_phdr(&b, PT_DYNAMIC, PF_R | PF_W,
			 (uint64_t)((int64_t)(sh->dyn_vaddr - (sh->load[3].vaddr - sh->load[3].offset)) + shift),
			 sh->base + (uint64_t)((int64_t)sh->dyn_vaddr + shift), sh->dyn_size, sh->dyn_size, 8);
	add_phdr(&b, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
	if (sh->relro_size)
		add_phdr(&b, PT_GNU_RELRO, PF_R,
			 (uint64_t)((int64_t)(sh->relro_vaddr - (sh->load[3].vaddr - sh->load[3].offset)) + shift),
			 sh->base + (uint64_t)((int64_t)sh->relro_vaddr + shift), sh->relro_size,
			 sh->relro_size, 1);
	return interp_off + (sh->interp ? sizeof(ELF_INTERP_PATH) : 0);
}

/* Write @len bytes of @buf at the start of the disk file @path. */
static int write_start(struct machine *m, const char *path, const void *buf, size_t len)
{
	struct dentry *d;
	long n;
	int ret = path_lookup_dentry(m, path, &d);

	if (ret)
		return ret;
	n = sim_disk_pwrite(m, d->d_inode, buf, len, 0);
	dput(m, d);
	return n < 0 ? (int)n : 0;
}

int elf_image_create(struct machine *m, const char *path, enum elf_image_kind kind,
		     uint64_t size, char *err, size_t errlen)
{
	unsigned char buf[PAGE_SIZE] = { 0 };
	size_t len;
	int ret;

	if (size < elf_image_min_size(kind)) {
		snprintf(err, errlen, "%s: %llu bytes is too small for this executable (expected at least %llu)",
			 path, (unsigned long long)size, (unsigned long long)elf_image_min_size(kind));
		return -EINVAL;
	}
	ret = mmsim_create_file(m, path, size, MMSIM_DATA_ZERO, err, errlen);
	if (ret)
		return ret;
	len = build_headers(&shapes[kind], size, buf);
	ret = write_start(m, path, buf, len);
	if (ret) {
		snprintf(err, errlen, "%s: writing its ELF headers failed", path);
		return ret;
	}
	if (kind == ELF_IMAGE_PIE && mmsim_stat_file(m, ELF_INTERP_PATH, NULL, NULL, NULL) == -ENOENT)
		ret = elf_image_create(m, ELF_INTERP_PATH, ELF_IMAGE_LIB,
				       elf_image_default_size(ELF_IMAGE_LIB), err, errlen);
	return ret;
}

/* ---- the public API (include/mmsim.h) ---- */

int mmsim_create_elf(struct machine *m, const char *path, uint64_t size, int elf_kind,
		     char *err, size_t errlen)
{
	if (elf_kind < MMSIM_ELF_PIE || elf_kind > MMSIM_ELF_LIB) {
		snprintf(err, errlen, "%s: unknown executable kind", path ? path : "");
		return -EINVAL;
	}
	if (!size)
		size = elf_image_default_size((enum elf_image_kind)elf_kind);
	return elf_image_create(m, path, (enum elf_image_kind)elf_kind, size, err, errlen);
}
