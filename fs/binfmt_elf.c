// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loading an ELF executable (Linux 6.18's fs/binfmt_elf.c): the header
 * exec read is checked (ELF magic, ET_EXEC or ET_DYN, x86-64, program
 * headers of the right size: else -ENOEXEC), the program headers are read
 * from the file, PT_INTERP's loader is opened and checked (-ELIBBAD),
 * then, past the point of no return, the layout is picked, the stack made
 * and every PT_LOAD mapped with elf_map:
 *
 *   ET_EXEC   at p_vaddr, the first MAP_FIXED_NOREPLACE, the rest MAP_FIXED;
 *   ET_DYN    with an interpreter (a PIE): load bias ELF_ET_DYN_BASE
 *             (+ arch_mmap_rnd when randomizing), aligned to the largest
 *             p_align: 0x555555554000 with randomization off; without
 *             one (ld.so run as a program): wherever mmap puts it.  The
 *             first segment reserves the whole image's size
 *             (total_mapping_size) and gives the rest back, so that the
 *             others land MAP_FIXED inside.
 *
 * Past a segment's file size its bss is anonymous memory from
 * vm_brk_flags (the zeroing of the last file page is the paging issue's).
 * The heap starts at the page after the highest segment (a program run
 * without interpreter: at ELF_ET_DYN_BASE); with randomize_va_space=2 a
 * page further up and then up to 1 GiB randomly (arch_randomize_brk).
 * The interpreter goes where mmap puts it (load_elf_interp, top-down under
 * mmap_base), the vDSO below it.
 *
 * The argument strings and, below them, the room create_elf_tables takes
 * (platform string, random bytes, auxiliary vector, argc, argv and envp)
 * put start_stack where Linux has it.
 *
 * Leaves out: the auxiliary vector's contents, e_entry and registers
 * (nothing runs),
 * PT_GNU_PROPERTY and arch states, personalities (READ_IMPLIES_EXEC is
 * 32-bit only), coredump fields, ELF FDPIC.
 * Caller: fs/exec.c (do_execve_mm).
 */
#include <errno.h>
#include <string.h>
#include "asm/elf.h"
#include "linux/binfmts.h"
#include "linux/elf.h"
#include "linux/err.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/printk.h"
#include "linux/prandom.h"
#include "linux/slab.h"
#include "../mm/vma.h"

#define STACK_TOP		TASK_SIZE	/* TASK_SIZE_LOW on x86-64 */
#define PATH_MAX		4096
#define BAD_ADDR(x)		((unsigned long)(x) >= TASK_SIZE)
#define ELF_PAGESTART(v)	((v) & ~(ELF_MIN_ALIGN - 1))
#define ELF_PAGEOFFSET(v)	((v) & (ELF_MIN_ALIGN - 1))
#define ELF_PAGEALIGN(v)	(((v) + ELF_MIN_ALIGN - 1) & ~(ELF_MIN_ALIGN - 1))

/* PT_GNU_STACK's verdict (EXSTACK_*). */
enum { EXSTACK_DEFAULT, EXSTACK_DISABLE_X, EXSTACK_ENABLE_X };

/* Where load_elf_binary's PT_LOAD loop leaves the image (before the bias). */
struct elf_image_span {
	unsigned long load_bias;	/* added to every p_vaddr */
	unsigned long start_code;	/* lowest p_vaddr of an executable segment */
	unsigned long end_code;		/* highest end of an executable segment's file part */
	unsigned long start_data;	/* highest p_vaddr */
	unsigned long end_data;		/* highest end of a file part */
	unsigned long elf_brk;		/* highest end in memory (p_vaddr + p_memsz) */
};

/* elf_read: exactly @len bytes at @pos, else -EIO. */
static int elf_read(struct machine *m, struct file *file, void *buf, size_t len,
		    unsigned long long pos)
{
	long n = kernel_read(m, file, buf, len, pos);

	if (n < 0)
		return (int)n;
	return (size_t)n == len ? 0 : -EIO;
}

/* load_elf_phdrs: the program headers of @ex (kmalloc'ed), or NULL. */
static struct elf_phdr *load_elf_phdrs(struct machine *m, const struct elfhdr *ex,
				       struct file *file)
{
	size_t size = sizeof(struct elf_phdr) * ex->e_phnum;
	struct elf_phdr *ph;

	if (ex->e_phentsize != sizeof(struct elf_phdr))
		return NULL;
	if (size == 0 || size > 65536 || size > ELF_MIN_ALIGN)
		return NULL;
	ph = kmalloc(m, size, GFP_KERNEL);
	if (!ph)
		return NULL;
	if (elf_read(m, file, ph, size, ex->e_phoff)) {
		kfree(m, ph);
		return NULL;
	}
	return ph;
}

/* make_prot: PROT_* from p_flags. */
static unsigned long make_prot(uint32_t p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) | (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

/* total_mapping_size: from the first PT_LOAD's page to the last one's end. */
static unsigned long total_mapping_size(const struct elf_phdr *ph, int nr)
{
	int first = -1, last = -1;

	for (int i = 0; i < nr; i++)
		if (ph[i].p_type == PT_LOAD) {
			last = i;
			if (first == -1)
				first = i;
		}
	if (first == -1)
		return 0;
	return ph[last].p_vaddr + ph[last].p_memsz - ELF_PAGESTART(ph[first].p_vaddr);
}

/* maximum_alignment: the largest power-of-two p_align, at least a page. */
static unsigned long maximum_alignment(const struct elf_phdr *ph, int nr)
{
	unsigned long alignment = 0;

	for (int i = 0; i < nr; i++) {
		unsigned long a = ph[i].p_align;

		if (ph[i].p_type != PT_LOAD || !a || (a & (a - 1)))
			continue;
		if (a > alignment)
			alignment = a;
	}
	return ELF_PAGEALIGN(alignment);
}

/*
 * elf_map: mmap the file part of @ph at @addr; with @total_size (the
 * first segment of an ET_DYN) reserve the whole image and unmap what this
 * segment does not use.  The address, or an error value.
 */
static unsigned long elf_map(struct machine *m, struct mm_struct *mm, struct file *file,
			     unsigned long addr, const struct elf_phdr *ph, unsigned long prot,
			     unsigned long type, unsigned long total_size)
{
	unsigned long size = ELF_PAGEALIGN(ph->p_filesz + ELF_PAGEOFFSET(ph->p_vaddr));
	unsigned long off = ph->p_offset - ELF_PAGEOFFSET(ph->p_vaddr);
	unsigned long map_addr;

	addr = ELF_PAGESTART(addr);
	if (!size)
		return addr;
	if (total_size) {
		total_size = ELF_PAGEALIGN(total_size);
		map_addr = do_mmap(m, mm, file, addr, total_size, prot, type, off >> PAGE_SHIFT);
		if (!BAD_ADDR(map_addr) && total_size > size)
			do_vmi_munmap(m, mm, map_addr + size, total_size - size);
	} else {
		map_addr = do_mmap(m, mm, file, addr, size, prot, type, off >> PAGE_SHIFT);
	}
	if ((type & MAP_FIXED_NOREPLACE) && map_addr == (unsigned long)-EEXIST)
		pr_info(m, "%d (%s): Uhuuh, elf segment at %016lx requested but the memory is mapped already",
			m->current_pid, m->current_comm, addr);
	return map_addr;
}

/*
 * elf_load: elf_map, then the bss past the file part as anonymous memory
 * (vm_brk_flags: VM_DATA_DEFAULT_FLAGS, plus VM_EXEC for an executable
 * segment), from the page after the file part to the end of p_memsz.
 */
static unsigned long elf_load(struct machine *m, struct mm_struct *mm, struct file *file,
			      unsigned long addr, const struct elf_phdr *ph, unsigned long prot,
			      unsigned long type, unsigned long total_size)
{
	unsigned long map_addr, zero_start, zero_end;

	if (ph->p_filesz) {
		map_addr = elf_map(m, mm, file, addr, ph, prot, type, total_size);
		if (BAD_ADDR(map_addr))
			return map_addr;
		zero_start = map_addr + ELF_PAGEOFFSET(ph->p_vaddr) + ph->p_filesz;
		zero_end = map_addr + ELF_PAGEOFFSET(ph->p_vaddr) + ph->p_memsz;
	} else {
		map_addr = zero_start = ELF_PAGESTART(addr);
		zero_end = zero_start + ELF_PAGEOFFSET(ph->p_vaddr) + ph->p_memsz;
	}
	if (ph->p_memsz > ph->p_filesz) {
		unsigned long ret;

		zero_start = ELF_PAGEALIGN(zero_start);
		zero_end = ELF_PAGEALIGN(zero_end);
		if (zero_end > zero_start) {
			ret = do_mmap(m, mm, NULL, zero_start, zero_end - zero_start,
				      PROT_READ | PROT_WRITE | (prot & PROT_EXEC),
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
			if (IS_ERR_VALUE(ret))
				map_addr = ret;
		}
	}
	return map_addr;
}

/* The error load_elf_binary returns for a failed mapping @addr. */
static int map_error(unsigned long addr)
{
	return IS_ERR_VALUE(addr) ? (int)(long)addr : -EINVAL;
}

/* A segment's sizes must fit the user address space (else -EINVAL). */
static bool segment_fits(const struct elf_phdr *ph, unsigned long k)
{
	return !(BAD_ADDR(k) || ph->p_filesz > ph->p_memsz || ph->p_memsz > TASK_SIZE ||
		 TASK_SIZE - ph->p_memsz < k);
}

/*
 * The ET_DYN load bias before the first segment is mapped, and the flags
 * to map it with (a PIE: ELF_ET_DYN_BASE; else 0, mmap chooses, or a
 * trial mapping when the alignment is above a page).
 */
static int dyn_load_bias(struct machine *m, struct linux_binprm *bprm,
			 const struct elf_phdr *phdata, int phnum, const struct elf_phdr *first,
			 bool interpreter, unsigned long total_size, unsigned long *bias,
			 unsigned long *flags)
{
	unsigned long alignment = maximum_alignment(phdata, phnum), b = 0;

	if (interpreter) {
		b = ELF_ET_DYN_BASE + arch_mmap_rnd(m, bprm->randomize);
		if (alignment)
			b &= ~(alignment - 1);
		*flags |= MAP_FIXED_NOREPLACE;
	} else if (alignment > ELF_MIN_ALIGN) {
		b = elf_load(m, bprm->mm, bprm->file, 0, first, make_prot(first->p_flags), *flags,
			     total_size);
		if (BAD_ADDR(b))
			return map_error(b);
		do_vmi_munmap(m, bprm->mm, b, ELF_PAGEALIGN(total_size));
		b &= ~(alignment - 1);
		*flags |= MAP_FIXED_NOREPLACE;
	}
	*bias = ELF_PAGESTART(b - first->p_vaddr);
	return 0;
}

/* Map every PT_LOAD of the executable; the image's span in @sp. */
static int map_segments(struct machine *m, struct linux_binprm *bprm, const struct elfhdr *ex,
			const struct elf_phdr *phdata, bool interpreter, struct elf_image_span *sp)
{
	bool first = true;

	*sp = (struct elf_image_span){ .start_code = ~0UL };
	for (int i = 0; i < ex->e_phnum; i++) {
		const struct elf_phdr *ph = &phdata[i];
		unsigned long prot = make_prot(ph->p_flags), flags = MAP_PRIVATE;
		unsigned long total_size = 0, vaddr = ph->p_vaddr, addr, k;
		int ret;

		if (ph->p_type != PT_LOAD)
			continue;
		if (!first) {
			flags |= MAP_FIXED;
		} else if (ex->e_type == ET_EXEC) {
			flags |= MAP_FIXED_NOREPLACE;
		} else {
			total_size = total_mapping_size(phdata, ex->e_phnum);
			if (!total_size)
				return -EINVAL;
			ret = dyn_load_bias(m, bprm, phdata, ex->e_phnum, ph, interpreter,
					    total_size, &sp->load_bias, &flags);
			if (ret)
				return ret;
		}
		addr = elf_load(m, bprm->mm, bprm->file, sp->load_bias + vaddr, ph, prot, flags,
				total_size);
		if (BAD_ADDR(addr))
			return map_error(addr);
		if (first && ex->e_type == ET_DYN)
			sp->load_bias += addr - ELF_PAGESTART(sp->load_bias + vaddr);
		first = false;
		k = ph->p_vaddr;
		if ((ph->p_flags & PF_X) && k < sp->start_code)
			sp->start_code = k;
		if (sp->start_data < k)
			sp->start_data = k;
		if (!segment_fits(ph, k))
			return -EINVAL;
		k = ph->p_vaddr + ph->p_filesz;
		if ((ph->p_flags & PF_X) && sp->end_code < k)
			sp->end_code = k;
		if (sp->end_data < k)
			sp->end_data = k;
		k = ph->p_vaddr + ph->p_memsz;
		if (k > sp->elf_brk)
			sp->elf_brk = k;
	}
	return 0;
}

/*
 * load_elf_interp: map the loader's PT_LOADs, the first where mmap puts
 * the whole image (top-down under mmap_base), the rest MAP_FIXED after
 * it.  Its load address, or an error value.
 */
static unsigned long load_elf_interp(struct machine *m, struct mm_struct *mm,
				     const struct elfhdr *ex, struct file *interpreter,
				     unsigned long no_base, const struct elf_phdr *phdata)
{
	unsigned long load_addr = 0, total_size;
	bool load_addr_set = false;

	if (ex->e_type != ET_EXEC && ex->e_type != ET_DYN)
		return (unsigned long)-EINVAL;
	if (!elf_check_arch(ex))
		return (unsigned long)-EINVAL;
	total_size = total_mapping_size(phdata, ex->e_phnum);
	if (!total_size)
		return (unsigned long)-EINVAL;
	for (int i = 0; i < ex->e_phnum; i++) {
		const struct elf_phdr *ph = &phdata[i];
		unsigned long type = MAP_PRIVATE, vaddr = ph->p_vaddr, map_addr;

		if (ph->p_type != PT_LOAD)
			continue;
		if (ex->e_type == ET_EXEC || load_addr_set)
			type |= MAP_FIXED;
		else if (no_base && ex->e_type == ET_DYN)
			load_addr = -vaddr;
		map_addr = elf_load(m, mm, interpreter, load_addr + vaddr, ph,
				    make_prot(ph->p_flags), type, total_size);
		total_size = 0;
		if (BAD_ADDR(map_addr))
			return map_addr;
		if (!load_addr_set && ex->e_type == ET_DYN) {
			load_addr = map_addr - ELF_PAGESTART(vaddr);
			load_addr_set = true;
		}
		if (!segment_fits(ph, load_addr + ph->p_vaddr))
			return (unsigned long)-ENOMEM;
	}
	return load_addr;
}

/* randomize_stack_top (mm/util.c): up to STACK_RND_MASK pages lower. */
static unsigned long randomize_stack_top(struct machine *m, const struct linux_binprm *bprm,
					 unsigned long stack_top)
{
	unsigned long rnd = 0;

	if (bprm->randomize)
		rnd = ((unsigned long)prandom_u64_state(&m->rng) & STACK_RND_MASK) << PAGE_SHIFT;
	return ALIGN(stack_top, PAGE_SIZE) - rnd;
}

/* The loader named by @ph (PT_INTERP), its header in @iex. */
struct interp {
	struct file *file;		/* open_exec'd, or NULL */
	struct elfhdr ex;		/* its first 64 bytes */
	struct elf_phdr *phdata;	/* its program headers (kmalloc'ed) */
};

/* Read PT_INTERP's path and open and read the loader's header. */
static int open_interp(struct machine *m, struct linux_binprm *bprm, const struct elf_phdr *ph,
		       struct interp *in)
{
	char *path;
	int ret = -ENOEXEC;

	if (ph->p_filesz > PATH_MAX || ph->p_filesz < 2)
		return -ENOEXEC;
	path = kmalloc(m, ph->p_filesz, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	ret = elf_read(m, bprm->file, path, ph->p_filesz, ph->p_offset);
	if (!ret && path[ph->p_filesz - 1] != '\0')
		ret = -ENOEXEC;
	if (!ret) {
		in->file = open_exec(m, path);
		if (IS_ERR(in->file)) {
			ret = (int)PTR_ERR(in->file);
			in->file = NULL;
		}
	}
	if (!ret)
		ret = elf_read(m, in->file, &in->ex, sizeof(in->ex), 0);
	kfree(m, path);
	return ret;
}

/* The checks before the point of no return: the interpreter's and the stack's. */
static int check_headers(struct machine *m, struct linux_binprm *bprm, const struct elfhdr *ex,
			 const struct elf_phdr *phdata, struct interp *in, int *exstack)
{
	int ret;

	for (int i = 0; i < ex->e_phnum; i++)
		if (phdata[i].p_type == PT_INTERP) {
			ret = open_interp(m, bprm, &phdata[i], in);
			if (ret)
				return ret;
			break;
		}
	for (int i = 0; i < ex->e_phnum; i++)
		if (phdata[i].p_type == PT_GNU_STACK) {
			*exstack = phdata[i].p_flags & PF_X ? EXSTACK_ENABLE_X : EXSTACK_DISABLE_X;
			break;
		}
	if (!in->file)
		return 0;
	if (memcmp(in->ex.e_ident, ELFMAG, SELFMAG) || !elf_check_arch(&in->ex))
		return -ELIBBAD;
	in->phdata = load_elf_phdrs(m, &in->ex, in->file);
	return in->phdata ? 0 : -ELIBBAD;
}

/* The heap's start: after the image, moved and randomized as 6.18 does. */
static void set_brk(struct machine *m, struct linux_binprm *bprm, const struct elfhdr *ex,
		    bool interpreter, unsigned long elf_brk)
{
	struct mm_struct *mm = bprm->mm;
	bool brk_moved = false;

	if (ex->e_type == ET_DYN && !interpreter) {	/* a loader run as a program */
		elf_brk = ELF_ET_DYN_BASE;
		brk_moved = true;
	}
	mm->start_brk = mm->brk = ELF_PAGEALIGN(elf_brk);
	if (bprm->randomize && bprm->randomize_va_space > 1) {
		if (!brk_moved)
			mm->brk = mm->start_brk = mm->brk + PAGE_SIZE;
		mm->brk = mm->start_brk = arch_randomize_brk(m, mm);
	}
}

/*
 * The auxiliary vector create_elf_tables puts on an x86-64 6.18 stack, in
 * entries (AT_NULL included): AT_SYSINFO_EHDR, AT_MINSIGSTKSZ, AT_HWCAP,
 * AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS,
 * AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM,
 * AT_HWCAP2, AT_EXECFN, AT_PLATFORM, AT_RSEQ_FEATURE_SIZE, AT_RSEQ_ALIGN,
 * AT_NULL.  Checked against the host: start_stack 0x7fffffffee20 for
 * /usr/bin/cat with no environment, as here.
 */
#define AUXV_ENTRIES	23
#define ELF_PLATFORM	"x86_64"

/*
 * create_elf_tables: room below the strings for the platform string,
 * AT_RANDOM's 16 bytes, the auxiliary vector, argc and the argv and envp
 * pointer arrays (their contents are not written: nothing reads them);
 * start_stack is where argc goes, as Linux computes it.
 */
static void create_elf_tables(struct machine *m, struct linux_binprm *bprm)
{
	unsigned long p = arch_align_stack(m, bprm->randomize, bprm->p), argc = 0, items;

	p -= sizeof(ELF_PLATFORM);			/* u_platform */
	p -= 16;					/* u_rand_bytes */
	p -= AUXV_ENTRIES * 2 * sizeof(unsigned long);	/* STACK_ADD(p, ei_index) */
	while (bprm->argv[argc])
		argc++;
	items = (argc + 1) + (0 + 1) + 1;		/* argv, envp (empty), argc */
	bprm->p = (p - items * sizeof(unsigned long)) & ~15UL;	/* STACK_ROUND */
	bprm->mm->start_stack = bprm->p;
}

/* Past the point of no return: the layout, the stack, the mappings. */
static int map_image(struct machine *m, struct linux_binprm *bprm, const struct elfhdr *ex,
		     const struct elf_phdr *phdata, struct interp *in, int exstack)
{
	struct mm_struct *mm = bprm->mm;
	struct elf_image_span sp;
	unsigned long interp_load;
	int ret;

	arch_pick_mmap_layout_exec(m, mm, bprm->rlim_stack, bprm->randomize);	/* setup_new_exec */
	ret = setup_arg_pages(m, bprm, randomize_stack_top(m, bprm, STACK_TOP),
			      exstack == EXSTACK_ENABLE_X);
	if (!ret)
		ret = map_segments(m, bprm, ex, phdata, in->file != NULL, &sp);
	if (ret)
		return ret;
	mm->start_code = sp.start_code + sp.load_bias;
	mm->end_code = sp.end_code + sp.load_bias;
	mm->start_data = sp.start_data + sp.load_bias;
	mm->end_data = sp.end_data + sp.load_bias;
	set_brk(m, bprm, ex, in->file != NULL, sp.elf_brk + sp.load_bias);
	if (in->file) {
		interp_load = load_elf_interp(m, mm, &in->ex, in->file, sp.load_bias, in->phdata);
		if (BAD_ADDR(interp_load))
			return map_error(interp_load);
	}
	ret = arch_setup_additional_pages(m, mm);
	if (!ret) {
		copy_strings(bprm);
		create_elf_tables(m, bprm);
	}
	return ret;
}

int load_elf_binary(struct machine *m, struct linux_binprm *bprm)
{
	struct elfhdr ex;
	struct elf_phdr *phdata;
	struct interp in = { 0 };
	int exstack = EXSTACK_DEFAULT, ret;

	memcpy(&ex, bprm->buf, sizeof(ex));
	if (memcmp(ex.e_ident, ELFMAG, SELFMAG) || (ex.e_type != ET_EXEC && ex.e_type != ET_DYN) ||
	    !elf_check_arch(&ex))
		return -ENOEXEC;
	phdata = load_elf_phdrs(m, &ex, bprm->file);
	if (!phdata)
		return -ENOEXEC;
	ret = check_headers(m, bprm, &ex, phdata, &in, &exstack);
	if (!ret)
		ret = map_image(m, bprm, &ex, phdata, &in, exstack);
	kfree(m, in.phdata);
	if (in.file)
		fput(m, in.file);
	kfree(m, phdata);
	return ret;
}
