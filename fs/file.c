// SPDX-License-Identifier: GPL-2.0-only
/*
 * Descriptor tables (Linux's fs/file.c): a process's files_struct from
 * files_cache, its fdtable, the lowest-free-descriptor allocation, growth
 * past the 64 embedded slots, fork's sharing or copying, exit's release.
 *
 * Growth is Linux 6.18's: descriptor nr past max_fds makes alloc_fdtable
 * (nr + 1) round up to a power of two (128, 256 ...), then allocate the
 * struct fdtable (kmalloc, 56 bytes: kmalloc-cg-64), the fd array
 * (kvmalloc, 8 bytes a slot: kmalloc-cg-1k for 128) and the three bitmaps
 * in one block (kvmalloc of max(2 * nr / 8 + the full_fds_bits words,
 * L1_CACHE_BYTES)), all __GFP_ACCOUNT.  The old table is copied and freed
 * (Linux frees it after an RCU grace period: immediately here).  dup_fd
 * sizes the copy to the last open descriptor's word (sane_fdtable_size).
 *
 * The standard streams: Linux's processes inherit descriptors 0, 1 and 2
 * from their parent, in the end from init, which opens /dev/console and
 * dups it twice (console_on_rootfs).  A spawned process here starts the
 * same way: 0, 1 and 2 are one open file of the console (f_count 3, no
 * inode on the disk: mmsim has no character devices, so it has no dentry
 * and d_path-like names print it as /dev/console), each spawn its own
 * struct file.  Mapping it fails with ENODEV as mapping a tty does.
 *
 * exec unshares a table shared with other processes and closes the
 * descriptors opened with O_CLOEXEC (unshare_files, do_close_on_exec).
 * Leaves out: RCU and the file_lock (one thread at a time), dup/dup2/
 * fcntl, close_range, fs.nr_open as a sysctl (fixed at 1024 * 1024),
 * kvmalloc's vmalloc fallback (a table too big for kmalloc fails with
 * ENOMEM; RLIMIT_NOFILE's hard limit 4096 keeps tables far below that).
 * docs/divergences.md.
 * Callers: kernel/process.c (spawn_files, exit_files, exec's
 * unshare_files and do_close_on_exec), kernel/fork.c (copy_files),
 * fs/file_syscalls.c (open, close, mmap of a descriptor), tests.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include "linux/err.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/slab.h"

_Static_assert(sizeof(struct files_struct) <= FILES_STRUCT_OBJECT_SIZE,
	       "struct files_struct must fit Linux's files_struct object");

#define FDTABLE_OBJECT_SIZE	56	/* Linux's sizeof(struct fdtable) with its rcu_head */
#define L1_CACHE_BYTES		64
#define BITS_PER_BYTE		8
#define BITS_TO_LONGS(n)	(((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BITBIT_NR(nr)		BITS_TO_LONGS(BITS_TO_LONGS(nr))
#define BITBIT_SIZE(nr)		(BITBIT_NR(nr) * sizeof(long))

/* ---- bitmaps ---- */

static bool test_bit_(unsigned int nr, const unsigned long *map)
{
	return (map[nr / BITS_PER_LONG] >> (nr % BITS_PER_LONG)) & 1;
}

static void set_bit_(unsigned int nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] |= 1UL << (nr % BITS_PER_LONG);
}

static void clear_bit_(unsigned int nr, unsigned long *map)
{
	map[nr / BITS_PER_LONG] &= ~(1UL << (nr % BITS_PER_LONG));
}

/* The first clear bit of @map at or after @start, or @size. */
static unsigned int find_next_zero(const unsigned long *map, unsigned int size,
				   unsigned int start)
{
	for (unsigned int i = start; i < size; i++)
		if (!test_bit_(i, map))
			return i;
	return size;
}

/* ---- tables ---- */

/* The embedded table of a fresh files_struct: 64 empty slots. */
static void files_init_embedded(struct files_struct *files)
{
	struct fdtable *fdt = &files->fdtab;

	memset(files, 0, sizeof(*files));
	files->count = 1;
	fdt->max_fds = NR_OPEN_DEFAULT;
	fdt->fd = files->fd_array;
	fdt->close_on_exec = files->close_on_exec_init;
	fdt->open_fds = files->open_fds_init;
	fdt->full_fds_bits = files->full_fds_bits_init;
	files->fdt = fdt;
}

/* kvmalloc: kmalloc, quietly and without retrying above a page (no vmalloc fallback). */
static void *kvmalloc_(struct machine *m, size_t size)
{
	gfp_t gfp = GFP_KERNEL_ACCOUNT;

	if (size > PAGE_SIZE)
		gfp |= __GFP_NOWARN | __GFP_NORETRY;
	return kmalloc(m, size, gfp);
}

static unsigned int roundup_pow_of_two_(unsigned int n)
{
	unsigned int p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

static void free_fdtable(struct machine *m, struct fdtable *fdt)
{
	kfree(m, fdt->fd);
	kfree(m, fdt->open_fds);
	kfree(m, fdt);
}

/*
 * alloc_fdtable: room for at least @slots_wanted descriptors, as a power
 * of two, capped at fs.nr_open.  ERR_PTR(-EMFILE) past the cap, -ENOMEM.
 */
static struct fdtable *alloc_fdtable(struct machine *m, unsigned int slots_wanted)
{
	unsigned int nr = roundup_pow_of_two_(slots_wanted);
	struct fdtable *fdt;
	char *data;
	size_t bits;

	if (nr > SYSCTL_NR_OPEN) {
		nr = SYSCTL_NR_OPEN & ~(BITS_PER_LONG - 1);
		if (nr < slots_wanted)
			return ERR_PTR(-EMFILE);
	}
	fdt = kmalloc(m, FDTABLE_OBJECT_SIZE, GFP_KERNEL_ACCOUNT);
	if (!fdt)
		return ERR_PTR(-ENOMEM);
	fdt->max_fds = nr;
	fdt->fd = kvmalloc_(m, (size_t)nr * sizeof(struct file *));
	bits = 2 * nr / BITS_PER_BYTE + BITBIT_SIZE(nr);
	data = fdt->fd ? kvmalloc_(m, bits > L1_CACHE_BYTES ? bits : L1_CACHE_BYTES) : NULL;
	if (!data) {
		kfree(m, fdt->fd);
		kfree(m, fdt);
		return ERR_PTR(-ENOMEM);
	}
	fdt->open_fds = (unsigned long *)data;
	fdt->close_on_exec = (unsigned long *)(data + nr / BITS_PER_BYTE);
	fdt->full_fds_bits = (unsigned long *)(data + 2 * nr / BITS_PER_BYTE);
	return fdt;
}

/* The bitmaps' first @count bits from @o, the rest of @n cleared. */
static void copy_fd_bitmaps(struct fdtable *n, const struct fdtable *o, unsigned int count)
{
	size_t cpy = count / BITS_PER_BYTE, set = (n->max_fds - count) / BITS_PER_BYTE;

	memcpy(n->open_fds, o->open_fds, cpy);
	memset((char *)n->open_fds + cpy, 0, set);
	memcpy(n->close_on_exec, o->close_on_exec, cpy);
	memset((char *)n->close_on_exec + cpy, 0, set);
	cpy = BITBIT_SIZE(count);
	set = BITBIT_SIZE(n->max_fds) - cpy;
	memcpy(n->full_fds_bits, o->full_fds_bits, cpy);
	memset((char *)n->full_fds_bits + cpy, 0, set);
}

/* expand_files: make descriptor @nr fit.  0, -EMFILE (past fs.nr_open), -ENOMEM. */
static int expand_files(struct machine *m, struct files_struct *files, unsigned int nr)
{
	struct fdtable *cur = files->fdt, *new;

	if (nr < cur->max_fds)
		return 0;
	if (nr >= SYSCTL_NR_OPEN)
		return -EMFILE;
	new = alloc_fdtable(m, nr + 1);			/* expand_fdtable */
	if (IS_ERR(new))
		return (int)PTR_ERR(new);
	if (new->max_fds <= nr) {
		free_fdtable(m, new);
		return -EMFILE;
	}
	memcpy(new->fd, cur->fd, cur->max_fds * sizeof(struct file *));	/* copy_fdtable */
	memset(new->fd + cur->max_fds, 0, (new->max_fds - cur->max_fds) * sizeof(struct file *));
	copy_fd_bitmaps(new, cur, cur->max_fds);
	files->fdt = new;
	if (cur != &files->fdtab)
		free_fdtable(m, cur);
	return 0;
}

/* find_next_fd: the lowest free descriptor at or after @start, or max_fds. */
static unsigned int find_next_fd(const struct fdtable *fdt, unsigned int start)
{
	unsigned int maxbit = fdt->max_fds / BITS_PER_LONG;
	unsigned int bitbit = find_next_zero(fdt->full_fds_bits, maxbit,
					     start / BITS_PER_LONG) * BITS_PER_LONG;

	if (bitbit >= fdt->max_fds)
		return fdt->max_fds;
	if (bitbit > start)
		start = bitbit;
	return find_next_zero(fdt->open_fds, fdt->max_fds, start);
}

static void set_open_fd(unsigned int fd, struct fdtable *fdt, bool cloexec)
{
	set_bit_(fd, fdt->open_fds);
	if (!~fdt->open_fds[fd / BITS_PER_LONG])
		set_bit_(fd / BITS_PER_LONG, fdt->full_fds_bits);
	if (cloexec)
		set_bit_(fd, fdt->close_on_exec);
	else
		clear_bit_(fd, fdt->close_on_exec);
}

static void clear_open_fd(unsigned int fd, struct fdtable *fdt)
{
	clear_bit_(fd, fdt->open_fds);
	clear_bit_(fd / BITS_PER_LONG, fdt->full_fds_bits);
}

int alloc_fd(struct machine *m, struct files_struct *files, unsigned int start,
	     unsigned long end, unsigned int flags)
{
	unsigned int fd;
	int err;

	for (;;) {
		struct fdtable *fdt = files->fdt;

		fd = start < files->next_fd ? files->next_fd : start;
		if (fd < fdt->max_fds)
			fd = find_next_fd(fdt, fd);
		if (fd >= end)
			return -EMFILE;
		if (fd < fdt->max_fds)
			break;
		err = expand_files(m, files, fd);
		if (err)
			return err;
	}
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	set_open_fd(fd, files->fdt, flags & O_CLOEXEC);
	files->fdt->fd[fd] = NULL;
	return (int)fd;
}

void put_unused_fd(struct files_struct *files, unsigned int fd)
{
	clear_open_fd(fd, files->fdt);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

void fd_install(struct files_struct *files, unsigned int fd, struct file *file)
{
	files->fdt->fd[fd] = file;
}

struct file *files_lookup_fd(struct files_struct *files, unsigned int fd)
{
	struct fdtable *fdt = files->fdt;

	return fd < fdt->max_fds ? fdt->fd[fd] : NULL;
}

int close_fd(struct machine *m, struct files_struct *files, unsigned int fd)
{
	struct file *file = files_lookup_fd(files, fd);

	if (!file)
		return -EBADF;
	files->fdt->fd[fd] = NULL;		/* file_close_fd_locked */
	put_unused_fd(files, fd);
	fput(m, file);				/* filp_close */
	return 0;
}

/* ---- a process's table: spawn, fork, exit ---- */

/* The console's open file: f_count 1, read-write, no inode on the disk. */
static struct file *open_console(struct machine *m)
{
	return alloc_empty_file(m, O_RDWR);
}

bool file_is_console(const struct file *f)
{
	return f && !f->f_inode && !f->f_dentry;
}

int spawn_files(struct machine *m, struct task_struct *tsk)
{
	struct files_struct *files = kmem_cache_alloc(m, m->files_cachep, GFP_KERNEL);
	struct file *console;

	if (!files)
		return -ENOMEM;
	console = open_console(m);
	if (!console) {
		kmem_cache_free(m, m->files_cachep, files);
		return -ENOMEM;
	}
	files_init_embedded(files);
	for (unsigned int fd = 0; fd < 3; fd++) {	/* open, then dup(0) twice */
		alloc_fd(m, files, 0, NR_OPEN_DEFAULT, 0);
		fd_install(files, fd, fd ? get_file(console) : console);
	}
	tsk->files = files;
	return 0;
}

/* count_open_files: descriptors up to the end of the last word with one open. */
static unsigned int count_open_files(const struct fdtable *fdt)
{
	unsigned int i = fdt->max_fds / BITS_PER_LONG;

	while (i > 0 && !fdt->open_fds[i - 1])
		i--;
	return (i ? i : 1) * BITS_PER_LONG;
}

/* dup_fd: a copy of @oldf with a reference to each open file.  ERR_PTR(-ENOMEM/-EMFILE). */
static struct files_struct *dup_fd(struct machine *m, struct files_struct *oldf)
{
	struct files_struct *newf = kmem_cache_alloc(m, m->files_cachep, GFP_KERNEL);
	struct fdtable *old = oldf->fdt, *new;
	unsigned int open_files = count_open_files(old);	/* sane_fdtable_size */

	if (!newf)
		return ERR_PTR(-ENOMEM);
	files_init_embedded(newf);
	new = &newf->fdtab;
	if (open_files > new->max_fds) {
		new = alloc_fdtable(m, open_files);
		if (IS_ERR(new)) {
			kmem_cache_free(m, m->files_cachep, newf);
			return (struct files_struct *)new;
		}
		newf->fdt = new;
	}
	copy_fd_bitmaps(new, old, open_files);
	for (unsigned int i = 0; i < open_files; i++) {
		new->fd[i] = old->fd[i];
		if (new->fd[i])
			get_file(new->fd[i]);
		else
			clear_open_fd(i, new);	/* claimed but not installed */
	}
	memset(new->fd + open_files, 0, (new->max_fds - open_files) * sizeof(struct file *));
	return newf;
}

int copy_files(struct machine *m, unsigned long clone_flags, struct task_struct *tsk)
{
	struct task_struct *parent = find_process_by_pid(m, m->current_pid);
	struct files_struct *oldf = parent ? parent->files : NULL, *newf;

	tsk->files = NULL;
	if (!oldf)
		return 0;
	if (clone_flags & CLONE_FILES) {
		oldf->count++;
		tsk->files = oldf;
		return 0;
	}
	newf = dup_fd(m, oldf);
	if (IS_ERR(newf))
		return (int)PTR_ERR(newf);
	tsk->files = newf;
	return 0;
}

/* put_files_struct: the last user closes every descriptor and frees the table. */
static void put_files_struct(struct machine *m, struct files_struct *files)
{
	struct fdtable *fdt = files->fdt;

	if (--files->count)
		return;
	for (unsigned int fd = 0; fd < fdt->max_fds; fd++) {	/* close_files */
		struct file *f = fdt->fd[fd];

		if (f && test_bit_(fd, fdt->open_fds)) {
			fdt->fd[fd] = NULL;
			fput(m, f);
		}
	}
	if (fdt != &files->fdtab)
		free_fdtable(m, fdt);
	kmem_cache_free(m, m->files_cachep, files);
}

void exit_files(struct machine *m, struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (!files)
		return;
	proc_fd_unregister(m, tsk);		/* /proc/PID/fd goes with the table */
	tsk->files = NULL;
	put_files_struct(m, files);
}

/* ---- the validator ---- */

#define FD_BAD(...) do { snprintf(err, errlen, __VA_ARGS__); return -EUCLEAN; } while (0)

int validate_files(const struct files_struct *files, char *err, size_t errlen)
{
	const struct fdtable *fdt = files->fdt;

	if (!files->count)
		FD_BAD("files_struct with count 0 still in use");
	if (fdt->max_fds % BITS_PER_LONG || fdt->max_fds < NR_OPEN_DEFAULT ||
	    (fdt == &files->fdtab) != (fdt->max_fds == NR_OPEN_DEFAULT))
		FD_BAD("fdtable max_fds %u (embedded: %d)", fdt->max_fds, fdt == &files->fdtab);
	for (unsigned int fd = 0; fd < fdt->max_fds; fd++) {
		bool open = test_bit_(fd, fdt->open_fds);

		if (open != (fdt->fd[fd] != NULL))
			FD_BAD("fd %u: open bit %d but file %s", fd, open,
			       fdt->fd[fd] ? "installed" : "missing");
		if (fdt->fd[fd] && !fdt->fd[fd]->f_count)
			FD_BAD("fd %u: file with f_count 0", fd);
	}
	for (unsigned int w = 0; w < fdt->max_fds / BITS_PER_LONG; w++)
		if (test_bit_(w, fdt->full_fds_bits) != !~fdt->open_fds[w])
			FD_BAD("full_fds_bits word %u disagrees with open_fds", w);
	for (unsigned int fd = 0; fd < files->next_fd && fd < fdt->max_fds; fd++)
		if (!test_bit_(fd, fdt->open_fds))
			FD_BAD("fd %u free below next_fd %u", fd, files->next_fd);
	return 0;
}

int validate_fdtables(struct machine *m, char *err, size_t errlen)
{
	struct task_struct *tsk;

	list_for_each_entry(tsk, &m->tasks, tasks) {
		unsigned int users = 0;
		struct task_struct *t;

		if (!tsk->files)
			continue;
		if (validate_files(tsk->files, err, errlen)) {
			size_t n = strlen(err);

			snprintf(err + n, errlen - n, " (%s, pid %d)", tsk->comm, tsk->pid);
			return -EUCLEAN;
		}
		list_for_each_entry(t, &m->tasks, tasks)
			users += t->files == tsk->files;
		if (users != tsk->files->count)
			FD_BAD("%s: files_struct count %u, %u tasks use it", tsk->comm,
			       tsk->files->count, users);
	}
	return 0;
}

/* ---- exec ---- */

int unshare_files(struct machine *m, struct task_struct *tsk)
{
	struct files_struct *old = tsk->files, *newf;

	if (!old || old->count == 1)
		return 0;
	newf = dup_fd(m, old);
	if (IS_ERR(newf))
		return (int)PTR_ERR(newf);
	tsk->files = newf;
	put_files_struct(m, old);
	return 0;
}

void do_close_on_exec(struct machine *m, struct files_struct *files)
{
	struct fdtable *fdt = files->fdt;

	for (unsigned int fd = 0; fd < fdt->max_fds; fd++) {
		if (!test_bit_(fd, fdt->close_on_exec))
			continue;
		clear_bit_(fd, fdt->close_on_exec);
		if (fdt->fd[fd] && !close_fd(m, files, fd))
			proc_fd_close(m, files, fd);
	}
}
