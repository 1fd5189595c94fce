// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exec of real ELF files (fs/exec.c, fs/binfmt_elf.c, fs/elf_image.c,
 * arch/x86/mm/mmap.c) and the files that show the result
 * (fs/proc/task_mmu.c smaps/smaps_rollup, fs/proc/base.c cmdline):
 *
 *   - a file that is not an x86-64 ELF executable is -ENOEXEC, a bad
 *     loader -ELIBBAD, a missing one -ENOENT, and nothing is left behind;
 *   - a PIE goes at ELF_ET_DYN_BASE, its loader top-down under mmap_base,
 *     the vDSO below the loader, as the 6.18 host under setarch -R:
 *
 *       555555554000 r--p r-xp r--p rw-p   /usr/bin/db   (brk 555555560000)
 *       7ffff7fc2000 [vvar] [vvar_vclock] [vdso]
 *       7ffff7fca000 r--p r-xp r--p rw-p   ld-linux-x86-64.so.2
 *       7ffffffde000 [stack]      ffffffffff600000 [vsyscall]
 *
 *   - a static binary's bss is anonymous memory and brk follows it;
 *   - maps has the reference capture's sequence of kinds (less what ld.so
 *     and libc add later), smaps its keys line by line and [vsyscall]'s
 *     block byte for byte;
 *   - randomization is off by default, on with kernel.randomize_va_space,
 *     the same for the same seed, different for another, inside Linux's
 *     ranges.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/binfmts.h"
#include "linux/elf.h"
#include "linux/err.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "../../mm/vma.h"

#define TASK_TOP	0x7ffffffff000UL

static int setup(void **state)
{
	*state = ph_boot("mem=512M nr_cpus=2");
	return 0;
}

static int teardown(void **state)
{
	mmsim_destroy(*state);
	return 0;
}

/* Create @path as an executable of @kind (its model's size). */
static void make_elf(struct machine *m, const char *path, int kind)
{
	char err[256];

	if (mmsim_create_elf(m, path, 0, kind, err, sizeof(err)))
		fail_msg("mmsim_create_elf %s: %s", path, err);
}

/* Overwrite @len bytes at @pos of the disk file @path. */
static void poke(struct machine *m, const char *path, uint64_t pos, const void *buf, size_t len)
{
	struct dentry *d;

	assert_int_equal(path_lookup_dentry(m, path, &d), 0);
	assert_int_equal(sim_disk_pwrite(m, d->d_inode, buf, len, pos), (long)len);
	dput(m, d);
}

/* do_execve_mm's error for @path (an mm it returns is put back). */
static long exec_error(struct machine *m, const char *path)
{
	struct mm_struct *mm = do_execve_mm(m, path, NULL);

	if (!IS_ERR(mm)) {
		mmput(m, mm);
		return 0;
	}
	return PTR_ERR(mm);
}

static void what_is_not_an_x86_64_elf_executable_is_enoexec(void **state)
{
	struct machine *m = *state;
	unsigned long committed = vm_memory_committed(m);
	struct elfhdr eh;
	uint16_t v;
	char err[256];

	assert_int_equal(mmsim_create_file(m, "/usr/bin/junk", 65536, MMSIM_DATA_TEXT, err,
					   sizeof(err)), 0);
	assert_int_equal(exec_error(m, "/usr/bin/junk"), -ENOEXEC);
	assert_int_equal(mmsim_spawn(m, "junk", NULL), -ENOEXEC);
	assert_int_equal(mmsim_create_file(m, "/usr/bin/empty", 0, MMSIM_DATA_ZERO, err,
					   sizeof(err)), 0);
	assert_int_equal(exec_error(m, "/usr/bin/empty"), -ENOEXEC);
	assert_int_equal(exec_error(m, "/usr/bin"), -EACCES);	/* a directory */
	assert_int_equal(exec_error(m, "/usr/bin/nosuch"), -ENOENT);
	/* a good image, then each header field made wrong in turn */
	make_elf(m, "/usr/bin/ok", MMSIM_ELF_STATIC);
	assert_int_equal(exec_error(m, "/usr/bin/ok"), 0);
	v = 1;							/* ET_REL */
	poke(m, "/usr/bin/ok", offsetof(struct elfhdr, e_type), &v, 2);
	assert_int_equal(exec_error(m, "/usr/bin/ok"), -ENOEXEC);
	v = ET_EXEC;
	poke(m, "/usr/bin/ok", offsetof(struct elfhdr, e_type), &v, 2);
	v = 3;							/* EM_386 */
	poke(m, "/usr/bin/ok", offsetof(struct elfhdr, e_machine), &v, 2);
	assert_int_equal(exec_error(m, "/usr/bin/ok"), -ENOEXEC);
	v = EM_X86_64;
	poke(m, "/usr/bin/ok", offsetof(struct elfhdr, e_machine), &v, 2);
	v = 32;							/* Elf32_Phdr's size */
	poke(m, "/usr/bin/ok", offsetof(struct elfhdr, e_phentsize), &v, 2);
	assert_int_equal(exec_error(m, "/usr/bin/ok"), -ENOEXEC);
	v = sizeof(struct elf_phdr);
	poke(m, "/usr/bin/ok", offsetof(struct elfhdr, e_phentsize), &v, 2);
	v = 0;							/* no program headers */
	poke(m, "/usr/bin/ok", offsetof(struct elfhdr, e_phnum), &v, 2);
	assert_int_equal(exec_error(m, "/usr/bin/ok"), -ENOEXEC);
	v = 100;						/* 5600 bytes: over ELF_MIN_ALIGN */
	poke(m, "/usr/bin/ok", offsetof(struct elfhdr, e_phnum), &v, 2);
	assert_int_equal(exec_error(m, "/usr/bin/ok"), -ENOEXEC);
	eh.e_ident[0] = 0x7e;					/* bad magic */
	poke(m, "/usr/bin/ok", 0, eh.e_ident, 1);
	assert_int_equal(exec_error(m, "/usr/bin/ok"), -ENOEXEC);
	assert_int_equal(vm_memory_committed(m), committed);	/* nothing left charged */
	ph_assert_valid(m);
}

/* The PT_INTERP header's offset in a PIE made by fs/elf_image.c (the second header). */
static struct elf_phdr interp_phdr(struct machine *m, const char *path)
{
	struct elf_phdr ph;

	assert_int_equal(mmsim_read_file_bytes(m, path, sizeof(struct elfhdr) + sizeof(ph), &ph,
					       sizeof(ph)), (int64_t)sizeof(ph));
	assert_int_equal(ph.p_type, PT_INTERP);
	return ph;
}

static void a_missing_loader_is_enoent_and_a_bad_one_elibbad(void **state)
{
	struct machine *m = *state;
	struct elf_phdr ph;
	char err[256];

	make_elf(m, "/usr/bin/app", MMSIM_ELF_PIE);
	ph = interp_phdr(m, "/usr/bin/app");
	assert_int_equal(ph.p_filesz, sizeof(ELF_INTERP_PATH));
	assert_int_equal(exec_error(m, "/usr/bin/app"), 0);
	/* the same length, another name: no such loader */
	poke(m, "/usr/bin/app", ph.p_offset, "/lib64/ld-linux-x86-64.so.3", 27);
	assert_int_equal(exec_error(m, "/usr/bin/app"), -ENOENT);
	/* a loader that is not ELF */
	assert_int_equal(mmsim_create_file(m, "/lib64/ld-linux-x86-64.so.3", 8192,
					   MMSIM_DATA_RANDOM, err, sizeof(err)), 0);
	assert_int_equal(exec_error(m, "/usr/bin/app"), -ELIBBAD);
	/* a path without its NUL */
	poke(m, "/usr/bin/app", ph.p_offset + ph.p_filesz - 1, "x", 1);
	assert_int_equal(exec_error(m, "/usr/bin/app"), -ENOEXEC);
	ph_assert_valid(m);
}

static void a_pie_goes_at_elf_et_dyn_base_and_its_loader_under_mmap_base(void **state)
{
	struct machine *m = *state;
	struct task_struct *tsk;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	char path[64];

	assert_int_equal(ELF_ET_DYN_BASE & PAGE_MASK, 0x555555554000UL);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);	/* /usr/bin/db made as a PIE */
	tsk = find_process(m, "db");
	mm = tsk->mm;
	vma = mm->mmap;
	assert_int_equal(vma->vm_start, 0x555555554000UL);	/* the load bias */
	assert_int_equal(vma->vm_pgoff, 0);
	vma = vma->vm_next;
	assert_int_equal(vma->vm_start, 0x555555556000UL);
	assert_int_equal(vma->vm_pgoff, 2);			/* p_offset 0x2000 */
	assert_true(vma->vm_flags & VM_EXEC);
	vma = vma->vm_next->vm_next;				/* .data's page holds the bss */
	assert_int_equal(vma->vm_start, 0x55555555e000UL);
	assert_int_equal(vma->vm_end, 0x555555560000UL);
	assert_int_equal(vma->vm_flags & (VM_WRITE | VM_ACCOUNT), VM_WRITE | VM_ACCOUNT);
	assert_int_equal(mm->start_code, 0x555555556000UL);
	assert_int_equal(mm->end_code, 0x55555555ada9UL);
	assert_int_equal(mm->start_data, 0x55555555ec30UL);	/* p_vaddr, not page aligned */
	assert_int_equal(mm->end_data, 0x55555555f280UL);
	assert_int_equal(mm->start_brk, 0x555555560000UL);
	/* the loader: the whole image reserved top-down under mmap_base */
	vma = find_vma(mm, 0x7ffff7fca000UL);
	assert_int_equal(vma->vm_start, 0x7ffff7fca000UL);
	assert_int_equal(d_path(vma->vm_file->f_dentry, path, sizeof(path)), 0);
	assert_string_equal(path, ELF_INTERP_PATH);
	vma = find_vma(mm, 0x7ffff7ffb000UL);			/* its data, 4 pages */
	assert_int_equal(vma->vm_end, mm->mmap_base);
	assert_int_equal(vma->vm_pgoff, 0x31);
	assert_string_equal(find_vma(mm, 0x7ffff7fc9000UL)->vm_special_name, "[vdso]");
	assert_int_equal(find_vma(mm, 0x7ffff7fc9000UL)->vm_end, 0x7ffff7fca000UL);
	ph_assert_valid(m);
}

static void a_static_binary_s_bss_is_anonymous_and_brk_follows_it(void **state)
{
	struct machine *m = *state;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	uint64_t got;
	char *maps;

	make_elf(m, "/usr/bin/st", MMSIM_ELF_STATIC);
	assert_int_equal(mmsim_spawn(m, "st", NULL), 0);
	mm = find_process(m, "st")->mm;
	assert_int_equal(mm->mmap->vm_start, 0x400000UL);	/* ET_EXEC: at p_vaddr */
	vma = find_vma(mm, 0x417000UL);
	assert_null(vma->vm_file);				/* the bss past the file */
	assert_int_equal(vma->vm_start, 0x417000UL);
	assert_int_equal(vma->vm_end, 0x419000UL);
	assert_true(vma->vm_flags & VM_ACCOUNT);
	assert_int_equal(mm->start_brk, 0x419000UL);
	assert_null(find_vma(mm, 0x419000UL)->vm_file);		/* next: the vDSO */
	assert_non_null(find_vma(mm, 0x419000UL)->vm_special_name);
	/* no interpreter: nothing of ld.so */
	assert_int_equal(mm->map_count, 5 + 3 + 1);
	assert_int_equal(mmsim_process_brk(m, "st", 0x419000UL + 3 * PAGE_SIZE, &got), 0);
	maps = ph_read(m, "/proc/st/maps");
	assert_non_null(strstr(maps, "00417000-00419000 rw-p 00000000 00:00 0 \n"
				     "00419000-0041c000 rw-p 00000000 00:00 0                                  [heap]\n"));
	free(maps);
	/* the loader run as a program: mmap places it, the brk goes to ELF_ET_DYN_BASE */
	make_elf(m, "/usr/bin/ld", MMSIM_ELF_LIB);
	assert_int_equal(mmsim_spawn(m, "ld", NULL), 0);
	mm = find_process(m, "ld")->mm;
	assert_int_equal(mm->start_brk, 0x555555555000UL);
	assert_int_equal(mm->mmap->vm_start, 0x7ffff7fc2000UL);	/* [vvar], below the loader */
	assert_int_equal(mm->start_code, 0x7ffff7fcb000UL);
	ph_assert_valid(m);
}

static void a_bigger_file_has_a_bigger_text_and_too_small_is_refused(void **state)
{
	struct machine *m = *state;
	struct vm_area_struct *vma;
	char err[256];

	assert_int_equal(mmsim_create_elf(m, "/usr/bin/big", 1 << 20, MMSIM_ELF_PIE, err,
					  sizeof(err)), 0);
	assert_int_equal(mmsim_spawn(m, "big", NULL), 0);
	vma = find_process(m, "big")->mm->mmap->vm_next;	/* the text */
	/* 1M - 44016 bytes more: 245 pages more than cat's 5 */
	assert_int_equal(vma_pages(vma), 5 + ((1 << 20) - 44016) / 4096);
	assert_int_equal(mmsim_create_elf(m, "/usr/bin/tiny", elf_image_min_size(ELF_IMAGE_PIE) - 1,
					  MMSIM_ELF_PIE, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "too small"));
	assert_int_equal(mmsim_create_elf(m, "/usr/bin/tiny", elf_image_min_size(ELF_IMAGE_PIE),
					  MMSIM_ELF_PIE, err, sizeof(err)), 0);
	assert_int_equal(mmsim_spawn(m, "tiny", NULL), 0);
	assert_int_equal(vma_pages(find_process(m, "tiny")->mm->mmap->vm_next), 1);
}

/* What a maps line is: the file's last path component or the [name], and the perms. */
static void line_kind(const char *line, char *out, size_t len)
{
	char perms[8] = "", name[256] = "";
	const char *slash;

	sscanf(line, "%*s %7s %*s %*s %*s %255s", perms, name);
	slash = strrchr(name, '/');
	if (slash && strstr(name, "ld-linux"))
		snprintf(out, len, "ld.so %s", perms);
	else if (slash && strstr(name, "/usr/bin/"))
		snprintf(out, len, "binary %s", perms);
	else
		snprintf(out, len, "%s %s", name[0] ? name : "anon", perms);
}

/*
 * The kinds of @maps's lines, without what ld.so and libc make after
 * exec (libc, locales, gconv, their anonymous memory) and, if
 * @fold_relro, with each RELRO line (r--p just before the same file's
 * rw-p: ld.so's mprotect after exec) folded into the rw-p one; joined by
 * ", ".
 */
static void maps_kinds(const char *maps, bool fold_relro, char *out, size_t len)
{
	struct ph_lines l = ph_split(maps);
	char kind[300], next[300];
	size_t o = 0;

	out[0] = '\0';
	for (size_t i = 0; i < l.nr; i++) {
		line_kind(l.line[i], kind, sizeof(kind));
		if (strncmp(kind, "binary", 6) && strncmp(kind, "ld.so", 5) && kind[0] != '[')
			continue;
		if (fold_relro && i + 1 < l.nr && strstr(kind, " r--p")) {
			line_kind(l.line[i + 1], next, sizeof(next));
			if (strstr(next, " rw-p") && !strncmp(kind, next, strlen(kind) - 5))
				continue;
		}
		o += (size_t)snprintf(out + o, len - o, "%s%s", o ? ", " : "", kind);
	}
	ph_free_lines(&l);
}

static void maps_has_the_reference_s_kinds_once_the_heap_grows(void **state)
{
	struct machine *m = *state;
	char *ref = ph_reference("proc-self-maps.txt");
	char *maps, ours[2048], theirs[2048];
	uint64_t start, cur, got;

	assert_int_equal(mmsim_spawn(m, "cat", NULL), 0);
	assert_int_equal(mmsim_process_brk_range(m, "cat", &start, &cur), 0);
	assert_int_equal(mmsim_process_brk(m, "cat", start + 33 * PAGE_SIZE, &got), 0);
	/* below the strings, the auxiliary vector and argv/envp: the host's start_stack */
	assert_int_equal(find_process(m, "cat")->mm->start_stack, 0x7fffffffee20UL);
	maps = ph_read(m, "/proc/cat/maps");
	maps_kinds(maps, false, ours, sizeof(ours));
	maps_kinds(ref, true, theirs, sizeof(theirs));
	assert_string_equal(ours, theirs);
	assert_string_equal(ours, "binary r--p, binary r-xp, binary r--p, binary rw-p, [heap] rw-p, "
			    "[vvar] r--p, [vvar_vclock] r--p, [vdso] r-xp, ld.so r--p, ld.so r-xp, "
			    "ld.so r--p, ld.so rw-p, [stack] rw-p, [vsyscall] --xp");
	/* the gate's line is the capture's, byte for byte */
	assert_non_null(strstr(ref, "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n"));
	assert_non_null(strstr(maps, "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n"));
	free(maps);
	free(ref);
}

/* The smaps block (header line and its keys) that starts at line @at of @l. */
static size_t block_end(const struct ph_lines *l, size_t at)
{
	size_t e = at + 1;

	while (e < l->nr && strncmp(l->line[e], "VmFlags:", 8))
		e++;
	return e;
}

/* The VmFlags of the smaps block whose header contains @needle. */
static void vmflags_of(const char *smaps, const char *needle, char *out, size_t len)
{
	const char *p = strstr(smaps, needle), *v, *nl;

	assert_non_null(p);
	v = strstr(p, "VmFlags: ");
	nl = strchr(v, '\n');
	snprintf(out, len, "%.*s", (int)(nl - v), v);
}

static void smaps_follows_the_capture_line_by_line(void **state)
{
	struct machine *m = *state;
	char *ref = ph_reference("proc-self-smaps.txt");
	char *smaps, a[4096], b[4096], flags[128];
	struct ph_lines ours, theirs;
	size_t e1, e2, g1, g2;

	assert_int_equal(mmsim_spawn(m, "cat", NULL), 0);
	smaps = ph_read(m, "/proc/cat/smaps");
	ours = ph_split(smaps);
	theirs = ph_split(ref);
	/* the first block: every key, in order, in the same columns */
	e1 = block_end(&ours, 0);
	e2 = block_end(&theirs, 0);
	assert_int_equal(e1, e2);
	for (size_t i = 1; i <= e1; i++) {
		ph_loose_shape(ours.line[i], a, sizeof(a));
		ph_loose_shape(theirs.line[i], b, sizeof(b));
		assert_string_equal(a, b);
		assert_int_equal(ph_value_end(ours.line[i]), ph_value_end(theirs.line[i]));
	}
	assert_string_equal(ours.line[1], "Size:                  8 kB");	/* real */
	assert_string_equal(ours.line[1], theirs.line[1]);
	assert_string_equal(ours.line[2], theirs.line[2]);		/* KernelPageSize */
	assert_string_equal(ours.line[3], theirs.line[3]);		/* MMUPageSize */
	assert_string_equal(ours.line[e1], theirs.line[e2]);		/* VmFlags: rd mr mw me */
	/* the gate's block: byte for byte */
	g1 = ours.nr - (e1 + 1);
	g2 = theirs.nr - (e2 + 1);
	for (size_t i = 0; i <= e1; i++)
		assert_string_equal(ours.line[g1 + i], theirs.line[g2 + i]);
	/* VmFlags of each kind as the capture has them */
	vmflags_of(smaps, "[stack]", flags, sizeof(flags));
	assert_string_equal(flags, "VmFlags: rd wr mr mw me gd ac ");
	vmflags_of(ref, "[stack]", a, sizeof(a));
	assert_string_equal(flags, a);
	vmflags_of(smaps, "[vdso]", flags, sizeof(flags));
	vmflags_of(ref, "[vdso]", a, sizeof(a));
	assert_string_equal(flags, a);
	vmflags_of(smaps, "[vvar]", flags, sizeof(flags));
	vmflags_of(ref, "[vvar]", a, sizeof(a));
	assert_string_equal(flags, a);
	vmflags_of(smaps, "rw-p 00009000", flags, sizeof(flags));	/* the binary's data */
	vmflags_of(ref, "rw-p 0000a000", a, sizeof(a));
	assert_string_equal(flags, a);
	vmflags_of(smaps, "r-xp 00001000", flags, sizeof(flags));	/* ld.so's text */
	vmflags_of(ref, "r-xp 00001000", a, sizeof(a));
	assert_string_equal(flags, a);
	ph_free_lines(&ours);
	ph_free_lines(&theirs);
	free(smaps);
	free(ref);
}

static void smaps_rollup_spans_the_vmas_with_the_capture_s_keys(void **state)
{
	struct machine *m = *state;
	char *ref = ph_reference("proc-self-smaps_rollup.txt");
	char *text, a[512], b[512];
	struct ph_lines ours, theirs;

	assert_int_equal(mmsim_spawn(m, "cat", NULL), 0);
	text = ph_read(m, "/proc/cat/smaps_rollup");
	ours = ph_split(text);
	theirs = ph_split(ref);
	assert_int_equal(ours.nr, theirs.nr);
	assert_string_equal(ours.line[0],
		"555555554000-7ffffffff000 ---p 00000000 00:00 0                          [rollup]");
	/* the header: both 12-digit addresses, the rest the same */
	assert_int_equal(strlen(ours.line[0]), strlen(theirs.line[0]));
	assert_string_equal(strchr(ours.line[0], ' '), strchr(theirs.line[0], ' '));
	for (size_t i = 1; i < ours.nr; i++) {
		ph_loose_shape(ours.line[i], a, sizeof(a));
		ph_loose_shape(theirs.line[i], b, sizeof(b));
		assert_string_equal(a, b);
		assert_int_equal(ph_value_end(ours.line[i]), ph_value_end(theirs.line[i]));
	}
	ph_free_lines(&ours);
	ph_free_lines(&theirs);
	free(text);
	free(ref);
}

static void thp_eligible_needs_the_policy_and_an_aligned_2m_range(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2 transparent_hugepage=always");
	uint64_t a;
	char *smaps, *p;

	*state = m;					/* teardown destroys it */
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_mmap(m, "db", 0, 4 << 20, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &a), 0);
	smaps = ph_read(m, "/proc/db/smaps");
	p = strstr(smaps, "[vdso]");				/* special: never */
	assert_non_null(strstr(p, "THPeligible:           0\n"));
	p = strstr(smaps, "[stack]");				/* 132K: no 2M inside */
	assert_non_null(strstr(p, "THPeligible:           0\n"));
	free(smaps);
	/* the 4M mapping's block is the one before [vvar]'s */
	smaps = ph_read(m, "/proc/db/smaps");
	p = strstr(smaps, "rw-p 00000000 00:00 0 \n");
	assert_non_null(p);
	assert_true(strstr(p, "THPeligible:           1\n") < strstr(p, "[vvar]"));
	free(smaps);
}

/* The start of the line of @text holding @needle. */
static const char *line_start(const char *text, const char *needle)
{
	const char *p = strstr(text, needle);

	assert_non_null(p);
	while (p > text && p[-1] != '\n')
		p--;
	return p;
}

/* The maps of a process spawned on a machine booted with @seed and randomization. */
static char *random_maps(unsigned long seed, int rvs, unsigned long *start_brk,
			 unsigned long *end_data)
{
	char cmdline[128], *maps;
	struct machine *m;
	struct mm_struct *mm;

	snprintf(cmdline, sizeof(cmdline), "mem=512M nr_cpus=2 mmsim.seed=%lu"
		 " sysctl.kernel.randomize_va_space=%d", seed, rvs);
	m = ph_boot(cmdline);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	mm = find_process(m, "db")->mm;
	*start_brk = mm->start_brk;
	*end_data = mm->end_data;
	maps = ph_read(m, "/proc/db/maps");
	ph_assert_valid(m);
	mmsim_destroy(m);
	return maps;
}

static void randomization_is_off_by_default_and_seeded_when_on(void **state)
{
	struct machine *m = *state;
	unsigned long brk1, data1, brk2, data2, pie, ld_end, stack_end;
	char *a, *b, *c, *text;
	/* mmap_base's gap with randomization: 8M rlimit + 16G stack range + 1M guard */
	const unsigned long gap = (8UL << 20) + (0x3fffffUL << 12) + (256UL << 12);

	text = ph_read(m, "/proc/sys/kernel/randomize_va_space");
	assert_string_equal(text, "0\n");
	free(text);
	assert_int_equal(mmsim_write(m, "/proc/sys/kernel/randomize_va_space", "7"), 0);
	assert_int_equal(mmsim_write(m, "/proc/sys/kernel/randomize_va_space", "x"), -EINVAL);
	/* vm.mmap_rnd_bits: 28 by default, 28..32 on x86-64 */
	text = ph_read(m, "/proc/sys/vm/mmap_rnd_bits");
	assert_string_equal(text, "28\n");
	free(text);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/mmap_rnd_bits", "27"), -EINVAL);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/mmap_rnd_bits", "33"), -EINVAL);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/mmap_rnd_bits", "32"), 0);
	a = random_maps(1, 2, &brk1, &data1);
	b = random_maps(1, 2, &brk2, &data2);
	assert_string_equal(a, b);				/* same seed, same layout */
	assert_int_equal(brk1, brk2);
	free(b);
	for (unsigned long seed = 2; seed < 12; seed++) {
		c = random_maps(seed, 2, &brk2, &data2);
		assert_string_not_equal(a, c);
		assert_int_equal(sscanf(c, "%lx", &pie), 1);
		assert_true(pie >= 0x555555554000UL && pie < 0x555555554000UL + (1UL << 40));
		assert_int_equal(sscanf(line_start(c, "rw-p 00031000"), "%*[0-9a-f]-%lx", &ld_end), 1);
		assert_true(ld_end <= TASK_TOP - gap && ld_end > TASK_TOP - gap - (1UL << 40));
		assert_int_equal(sscanf(line_start(c, "[stack]"), "%*[0-9a-f]-%lx", &stack_end), 1);
		assert_true(stack_end <= TASK_TOP && stack_end > TASK_TOP - (0x400000UL << 12) - 8192);
		/* brk: a page after the image, then below 1G more */
		assert_true(brk2 >= ALIGN(data2 + 0x198UL, PAGE_SIZE) + PAGE_SIZE);
		assert_true(brk2 < ALIGN(data2 + 0x198UL, PAGE_SIZE) + PAGE_SIZE + (1UL << 30));
		free(c);
	}
	/* 1 randomizes mmap, stack and PIE, not the brk */
	c = random_maps(1, 1, &brk2, &data2);
	assert_int_equal(brk2, ALIGN(data2 + 0x198UL, PAGE_SIZE));
	free(c);
	free(a);
	/* off: the fixed layout whatever the seed */
	c = random_maps(5, 0, &brk2, &data2);
	assert_non_null(strstr(c, "555555554000-555555556000 r--p"));
	assert_int_equal(brk2, 0x555555560000UL);
	free(c);
	/* norandmaps sets 0; the sysctl boot parameter, applied later, wins */
	m = ph_boot("mem=512M norandmaps");
	text = ph_read(m, "/proc/sys/kernel/randomize_va_space");
	assert_string_equal(text, "0\n");
	free(text);
	mmsim_destroy(m);
	m = ph_boot("mem=512M norandmaps sysctl.kernel.randomize_va_space=2");
	text = ph_read(m, "/proc/sys/kernel/randomize_va_space");
	assert_string_equal(text, "2\n");
	free(text);
	mmsim_destroy(m);
}

static void cmdline_is_the_path_and_proc_self_needs_a_process(void **state)
{
	struct machine *m = *state;
	struct mm_struct *mm;
	char *buf = NULL, err[256];
	size_t len = 0;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_read(m, "/proc/db/cmdline", &buf, &len), 0);
	assert_int_equal(len, sizeof("/usr/bin/db"));
	assert_memory_equal(buf, "/usr/bin/db", sizeof("/usr/bin/db"));	/* NUL included */
	free(buf);
	mm = find_process(m, "db")->mm;
	/* below the NULL word at the top: the file name, then argv */
	assert_int_equal(mm->arg_end, TASK_TOP - 8 - sizeof("/usr/bin/db"));
	assert_int_equal(mm->arg_end - mm->arg_start, sizeof("/usr/bin/db"));
	assert_int_equal(mm->env_start, mm->arg_end);
	/* the validator notices kept bytes that do not match the range */
	mm->arg_len--;
	assert_int_equal(mmsim_validate(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "argument bytes"));
	mm->arg_len++;
	ph_assert_valid(m);
	assert_int_equal(mmsim_read(m, "/proc/self/maps", &buf, &len), -ENOENT);
	assert_int_equal(mmsim_read(m, "/proc/self/cmdline", &buf, &len), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(what_is_not_an_x86_64_elf_executable_is_enoexec, setup, teardown),
		cmocka_unit_test_setup_teardown(a_missing_loader_is_enoent_and_a_bad_one_elibbad, setup, teardown),
		cmocka_unit_test_setup_teardown(a_pie_goes_at_elf_et_dyn_base_and_its_loader_under_mmap_base, setup, teardown),
		cmocka_unit_test_setup_teardown(a_static_binary_s_bss_is_anonymous_and_brk_follows_it, setup, teardown),
		cmocka_unit_test_setup_teardown(a_bigger_file_has_a_bigger_text_and_too_small_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(maps_has_the_reference_s_kinds_once_the_heap_grows, setup, teardown),
		cmocka_unit_test_setup_teardown(smaps_follows_the_capture_line_by_line, setup, teardown),
		cmocka_unit_test_setup_teardown(smaps_rollup_spans_the_vmas_with_the_capture_s_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(thp_eligible_needs_the_policy_and_an_aligned_2m_range, NULL, teardown),
		cmocka_unit_test_setup_teardown(randomization_is_off_by_default_and_seeded_when_on, setup, teardown),
		cmocka_unit_test_setup_teardown(cmdline_is_the_path_and_proc_self_needs_a_process, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
