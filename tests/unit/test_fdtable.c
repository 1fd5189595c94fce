// SPDX-License-Identifier: GPL-2.0-only
/*
 * Descriptor tables (fs/file.c, fs/file_syscalls.c, mm/mmap_file.c): a
 * spawned process has 0-2 open on one console file and opens at 3; open
 * takes the lowest free number; close frees it (EBADF when not open); the
 * 65th descriptor moves the table out of the files_struct into kmalloc
 * objects of Linux's sizes (visible in the kmalloc-cg caches), and 129th
 * into bigger ones; EMFILE at RLIMIT_NOFILE (1024), before any lookup;
 * fork copies (or with CLONE_FILES shares) the table; exec closes the
 * O_CLOEXEC descriptors and unshares a shared table; exit gives every
 * object back.  mmap of a descriptor refuses as the 6.18 host does
 * (tests/reference/mmap-fd-host-check.txt): EBADF, EACCES, ENODEV, EINVAL.
 * Opening for writing counts in i_writecount; exec's denial refuses writers
 * with ETXTBSY and is refused while a writer is open; a running program
 * (its mm's exe_file) cannot be opened for writing, nor one open for
 * writing be started (fs/exe_file.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>

#include "proc_helpers.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/resource.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/slab.h"
#include "../../mm/slab.h"
#include "../../mm/vma.h"

static int setup(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");
	char err[128];

	assert_int_equal(mmsim_create_file(m, "/data/x", 64 * 1024, MMSIM_DATA_ZERO, err,
					   sizeof(err)), 0);
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	mmsim_destroy(*state);
	return 0;
}

static unsigned long active(struct machine *m, const char *cache)
{
	struct kmem_cache *s = kmem_cache_find(m, cache);
	struct slabinfo si;

	assert_non_null(s);
	kmem_cache_shrink(m, s);
	get_slabinfo(m, s, &si);
	return si.active_objs;
}

static int open_x(struct machine *m, unsigned int flags)
{
	int fd = -1, ret = mmsim_process_open(m, "db", "/data/x", flags, &fd);

	return ret ? ret : fd;
}

static void a_spawned_process_has_the_console_on_0_1_2_and_opens_at_3(void **state)
{
	struct machine *m = *state;
	unsigned long files0 = active(m, "files_cache"), filp0 = active(m, "filp");
	struct files_struct *files;
	char path[64], *text = NULL;
	size_t len;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	files = find_process(m, "db")->files;
	assert_non_null(files);
	assert_int_equal(active(m, "files_cache"), files0 + 1);
	assert_ptr_equal(files->fdt, &files->fdtab);		/* 64 embedded slots */
	assert_true(file_is_console(files->fd_array[0]));
	assert_ptr_equal(files->fd_array[1], files->fd_array[0]);	/* dup'd */
	assert_ptr_equal(files->fd_array[2], files->fd_array[0]);
	assert_int_equal(files->fd_array[0]->f_count, 3);
	assert_int_equal(mmsim_process_fd_path(m, "db", 1, path, sizeof(path)), 0);
	assert_string_equal(path, "/dev/console");
	assert_int_equal(mmsim_process_next_fd(m, "db"), 3);
	assert_int_equal(open_x(m, O_RDONLY), 3);
	assert_int_equal(open_x(m, O_RDWR), 4);
	assert_int_equal(open_x(m, O_RDONLY), 5);
	assert_int_equal(mmsim_process_fd_path(m, "db", 4, path, sizeof(path)), 0);
	assert_string_equal(path, "/data/x");
	/* /proc/PID/fd: one entry per descriptor, reading as readlink */
	text = ph_read(m, "/proc/db/fd/4");
	assert_string_equal(text, "/data/x\n");
	free(text);
	text = ph_read(m, "/proc/db/fd/2");
	assert_string_equal(text, "/dev/console\n");
	free(text);
	/* closing 3 makes it the lowest free again; the console's file stays */
	assert_int_equal(mmsim_process_close(m, "db", 3), 0);
	assert_int_equal(mmsim_read(m, "/proc/db/fd/3", &text, &len), -ENOENT);
	assert_int_equal(open_x(m, O_RDONLY), 3);
	assert_int_equal(mmsim_process_close(m, "db", 1), 0);
	assert_int_equal(files->fd_array[0]->f_count, 2);
	assert_int_equal(open_x(m, O_RDONLY), 1);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
	assert_int_equal(active(m, "files_cache"), files0);
	assert_int_equal(active(m, "filp"), filp0);
}

static void close_of_a_descriptor_not_open_is_ebadf(void **state)
{
	struct machine *m = *state;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_close(m, "db", 3), -EBADF);
	assert_int_equal(mmsim_process_close(m, "db", -1), -EBADF);
	assert_int_equal(mmsim_process_close(m, "db", 100000), -EBADF);	/* past max_fds */
	assert_int_equal(mmsim_process_close(m, "db", 0), 0);
	assert_int_equal(mmsim_process_close(m, "db", 0), -EBADF);
	assert_int_equal(mmsim_process_close(m, "nosuch", 0), -ESRCH);
	ph_assert_valid(m);
}

static void the_65th_descriptor_moves_the_table_into_kmalloc_objects(void **state)
{
	struct machine *m = *state;
	unsigned long c64, c96, c1k, c2k;
	struct files_struct *files;
	struct fdtable *fdt;
	int fd;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	files = find_process(m, "db")->files;
	c64 = active(m, "kmalloc-cg-64");
	c96 = active(m, "kmalloc-cg-96");
	c1k = active(m, "kmalloc-cg-1k");
	c2k = active(m, "kmalloc-cg-2k");
	for (fd = 3; fd < 64; fd++)
		assert_int_equal(open_x(m, O_RDONLY), fd);
	assert_ptr_equal(files->fdt, &files->fdtab);
	assert_int_equal(active(m, "kmalloc-cg-1k"), c1k);
	/*
	 * fd 64: alloc_fdtable(65) -> 128 slots: the struct fdtable (56 bytes)
	 * and the bitmaps (max(2 * 128 / 8 + 8, 64) = 64) in kmalloc-cg-64,
	 * the fd array (128 * 8) in kmalloc-cg-1k.
	 */
	assert_int_equal(open_x(m, O_RDONLY), 64);
	fdt = files->fdt;
	assert_ptr_not_equal(fdt, &files->fdtab);
	assert_int_equal(fdt->max_fds, 128);
	assert_ptr_equal(fdt->fd[5], files->fd_array[5]);	/* copied over */
	assert_int_equal(active(m, "kmalloc-cg-64"), c64 + 2);
	assert_int_equal(active(m, "kmalloc-cg-1k"), c1k + 1);
	ph_assert_valid(m);
	/* fd 128: 256 slots, a 2 KiB array and 72 bytes of bitmaps; the old table freed */
	for (fd = 65; fd <= 128; fd++)
		assert_int_equal(open_x(m, O_RDONLY), fd);
	assert_int_equal(files->fdt->max_fds, 256);
	assert_int_equal(active(m, "kmalloc-cg-64"), c64 + 1);
	assert_int_equal(active(m, "kmalloc-cg-96"), c96 + 1);
	assert_int_equal(active(m, "kmalloc-cg-1k"), c1k);
	assert_int_equal(active(m, "kmalloc-cg-2k"), c2k + 1);
	/* closing never shrinks the table; exit frees it all */
	for (fd = 3; fd <= 128; fd++)
		assert_int_equal(mmsim_process_close(m, "db", fd), 0);
	assert_int_equal(files->fdt->max_fds, 256);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
	assert_int_equal(active(m, "kmalloc-cg-64"), c64);
	assert_int_equal(active(m, "kmalloc-cg-96"), c96);
	assert_int_equal(active(m, "kmalloc-cg-2k"), c2k);
}

static void open_fails_with_emfile_at_rlimit_nofile_before_looking_up(void **state)
{
	struct machine *m = *state;
	int fd, ret;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	for (fd = 3; fd < 1024; fd++)			/* soft limit 1024 */
		assert_int_equal(open_x(m, O_RDONLY), fd);
	assert_int_equal(open_x(m, O_RDONLY), -EMFILE);
	assert_int_equal(mmsim_process_open(m, "db", "/nope", O_RDONLY, &ret), -EMFILE);
	assert_int_equal(find_process(m, "db")->files->fdt->max_fds, 1024);
	assert_int_equal(mmsim_process_close(m, "db", 700), 0);
	assert_int_equal(open_x(m, O_RDONLY), 700);
	ph_assert_valid(m);
}

static void emfile_follows_a_lowered_rlimit_nofile(void **state)
{
	struct machine *m = *state;
	uint64_t lim[2] = { 10, 10 };
	int fd;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	for (fd = 3; fd < 8; fd++)
		assert_int_equal(open_x(m, O_RDONLY), fd);
	assert_int_equal(mmsim_process_prlimit(m, "db", RLIMIT_NOFILE, lim, NULL), 0);
	assert_int_equal(open_x(m, O_RDONLY), 8);
	assert_int_equal(open_x(m, O_RDONLY), 9);
	assert_int_equal(open_x(m, O_RDONLY), -EMFILE);
	/* lowering below what is open keeps those, as the host does */
	lim[0] = lim[1] = 5;
	assert_int_equal(mmsim_process_prlimit(m, "db", RLIMIT_NOFILE, lim, NULL), 0);
	assert_non_null(files_lookup_fd(find_process(m, "db")->files, 9));
	assert_int_equal(mmsim_process_close(m, "db", 4), 0);
	assert_int_equal(open_x(m, O_RDONLY), 4);		/* below the limit: fine */
	assert_int_equal(mmsim_process_close(m, "db", 9), 0);
	assert_int_equal(open_x(m, O_RDONLY), -EMFILE);		/* 9 is not below 5 */
	ph_assert_valid(m);
}

static void open_errors_and_o_creat_are_linuxs(void **state)
{
	struct machine *m = *state;
	struct mmsim_stat st;
	int fd;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_open(m, "db", "/data/nope", O_RDONLY, &fd), -ENOENT);
	assert_int_equal(mmsim_process_open(m, "db", "", O_RDONLY, &fd), -ENOENT);
	assert_int_equal(mmsim_process_open(m, "db", "/data/x/y", O_RDONLY, &fd), -ENOTDIR);
	assert_int_equal(mmsim_process_open(m, "db", "/data", O_RDWR, &fd), -EISDIR);
	assert_int_equal(mmsim_process_open(m, "db", "/data", O_RDONLY | O_CREAT, &fd), -EISDIR);
	assert_int_equal(mmsim_process_open(m, "db", "/data", O_RDONLY, &fd), 0);
	assert_int_equal(fd, 3);
	assert_int_equal(mmsim_process_open(m, "db", "/data/x", O_RDWR | O_CREAT | O_EXCL, &fd),
			 -EEXIST);
	assert_int_equal(mmsim_process_open(m, "db", "/new/y", O_RDWR | O_CREAT, &fd), -ENOENT);
	assert_int_equal(mmsim_process_open(m, "db", "/data/y", O_RDWR | O_CREAT, &fd), 0);
	assert_int_equal(fd, 4);
	assert_int_equal(mmsim_stat(m, "/data/y", &st), 0);
	assert_int_equal(st.size, 0);
	assert_int_equal(mmsim_process_open(m, "db", "/data/y", O_RDONLY | O_CREAT, &fd), 0);
	assert_int_equal(fd, 5);
	assert_int_equal(mmsim_process_open(m, "db", "data/y", O_RDONLY, &fd), 0);	/* from / */
	assert_int_equal(fd, 6);
	ph_assert_valid(m);
}

static void mmap_of_a_descriptor_checks_it_as_linux(void **state)
{
	struct machine *m = *state;
	int ro, wo, rw, dir;
	struct vm_area_struct *vma;
	uint64_t a;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	ro = open_x(m, O_RDONLY);
	wo = open_x(m, O_WRONLY);
	rw = open_x(m, O_RDWR);
	assert_int_equal(mmsim_process_open(m, "db", "/data", O_RDONLY, &dir), 0);
#define MMAP_FD(fd, prot, flags) \
	mmsim_process_mmap_fd(m, "db", fd, 0, PAGE_SIZE, prot, flags, 0, &a)
	assert_int_equal(MMAP_FD(99, PROT_READ, MAP_PRIVATE), -EBADF);
	assert_int_equal(MMAP_FD(ro, PROT_READ | PROT_WRITE, MAP_SHARED), -EACCES);
	assert_int_equal(MMAP_FD(wo, PROT_READ, MAP_PRIVATE), -EACCES);
	assert_int_equal(MMAP_FD(wo, PROT_WRITE, MAP_SHARED), -EACCES);
	assert_int_equal(MMAP_FD(dir, PROT_READ, MAP_PRIVATE), -ENODEV);
	assert_int_equal(MMAP_FD(dir, PROT_READ | PROT_WRITE, MAP_SHARED), -EACCES);
	assert_int_equal(MMAP_FD(0, PROT_READ, MAP_PRIVATE), -ENODEV);	/* the console */
	assert_int_equal(MMAP_FD(rw, PROT_READ, MAP_PRIVATE | MAP_GROWSDOWN), -EINVAL);
	assert_int_equal(mmsim_process_mmap_fd(m, "db", rw, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE,
					       100, &a), -EINVAL);
	/* a shared read-only descriptor maps without VM_SHARED and VM_MAYWRITE */
	assert_int_equal(MMAP_FD(ro, PROT_READ, MAP_SHARED), 0);
	vma = find_vma(find_process(m, "db")->mm, a);
	assert_int_equal(vma->vm_flags & (VM_SHARED | VM_MAYSHARE | VM_MAYWRITE), VM_MAYSHARE);
	assert_int_equal(mmsim_process_mprotect(m, "db", a, PAGE_SIZE, PROT_READ | PROT_WRITE),
			 -EACCES);
	/* private writable from a read-only descriptor is allowed */
	assert_int_equal(MMAP_FD(ro, PROT_READ | PROT_WRITE, MAP_PRIVATE), 0);
	assert_int_equal(MMAP_FD(rw, PROT_READ | PROT_WRITE, MAP_SHARED), 0);
	vma = find_vma(find_process(m, "db")->mm, a);
	assert_int_equal(vma->vm_flags & (VM_SHARED | VM_MAYWRITE), VM_SHARED | VM_MAYWRITE);
	/* the mapping outlives the descriptor */
	assert_int_equal(mmsim_process_close(m, "db", rw), 0);
	assert_int_equal(vma->vm_file->f_count, 1);
	ph_assert_valid(m);
#undef MMAP_FD
}

static void fork_copies_the_table_and_clone_files_shares_it(void **state)
{
	struct machine *m = *state;
	struct task_struct *db, child = { 0 };
	struct current_save save;
	unsigned long files0;
	struct file *x;
	int fd;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	db = find_process(m, "db");
	for (fd = 3; fd <= 70; fd++)				/* past the embedded 64 */
		assert_int_equal(open_x(m, O_RDONLY), fd);
	for (fd = 10; fd <= 70; fd++)
		assert_int_equal(mmsim_process_close(m, "db", fd), 0);
	x = db->files->fd_array[3];
	files0 = active(m, "files_cache");
	task_enter(m, db, &save);				/* fork runs as the parent */
	assert_int_equal(copy_files(m, 0, &child), 0);
	task_leave(m, &save);
	assert_non_null(child.files);
	assert_ptr_not_equal(child.files, db->files);
	assert_int_equal(active(m, "files_cache"), files0 + 1);
	/* open descriptors only up to the last word in use: the embedded table */
	assert_ptr_equal(child.files->fdt, &child.files->fdtab);
	assert_ptr_equal(child.files->fd_array[3], x);
	assert_int_equal(x->f_count, 2);
	assert_null(child.files->fd_array[10]);
	exit_files(m, &child);
	assert_null(child.files);
	assert_int_equal(x->f_count, 1);
	assert_int_equal(active(m, "files_cache"), files0);
	/* with fd 100 open the copy needs a kmalloc'd table of 128 */
	for (fd = 10; fd <= 100; fd++)
		assert_int_equal(open_x(m, O_RDONLY), fd);
	task_enter(m, db, &save);
	assert_int_equal(copy_files(m, 0, &child), 0);
	task_leave(m, &save);
	assert_int_equal(child.files->fdt->max_fds, 128);
	assert_non_null(child.files->fdt->fd[100]);
	exit_files(m, &child);
	/* CLONE_FILES: the same table, counted twice */
	task_enter(m, db, &save);
	assert_int_equal(copy_files(m, CLONE_FILES, &child), 0);
	task_leave(m, &save);
	assert_ptr_equal(child.files, db->files);
	assert_int_equal(db->files->count, 2);
	exit_files(m, &child);
	assert_int_equal(db->files->count, 1);
	ph_assert_valid(m);
}

static void writers_are_counted_and_an_executables_denial_refuses_them(void **state)
{
	struct machine *m = *state;
	struct files_struct *files;
	struct inode *inode;
	int ro, rw;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	files = find_process(m, "db")->files;
	ro = open_x(m, O_RDONLY);
	inode = files_lookup_fd(files, (unsigned int)ro)->f_inode;
	assert_int_equal(inode->i_writecount, 0);
	rw = open_x(m, O_RDWR);
	assert_int_equal(inode->i_writecount, 1);
	/* exec's deny fails while a writer has it open, as on the host */
	assert_int_equal(exe_file_deny_write_access(files_lookup_fd(files, (unsigned int)ro)),
			 -ETXTBSY);
	assert_int_equal(mmsim_process_close(m, "db", rw), 0);
	assert_int_equal(inode->i_writecount, 0);
	/* denied (running): writers get ETXTBSY, readers not */
	assert_int_equal(exe_file_deny_write_access(files_lookup_fd(files, (unsigned int)ro)), 0);
	assert_int_equal(open_x(m, O_WRONLY), -ETXTBSY);
	assert_int_equal(open_x(m, O_RDWR), -ETXTBSY);
	assert_int_equal(mmsim_process_next_fd(m, "db"), rw);	/* the number was given back */
	assert_int_equal(open_x(m, O_RDONLY), rw);
	exe_file_allow_write_access(files_lookup_fd(files, (unsigned int)ro));
	assert_int_equal(open_x(m, O_WRONLY), rw + 1);
	assert_int_equal(inode->i_writecount, 1);
	ph_assert_valid(m);
}

static void a_running_program_cannot_be_opened_for_writing(void **state)
{
	struct machine *m = *state;
	int fd;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);	/* runs /usr/bin/db */
	assert_int_equal(mmsim_spawn(m, "sh", NULL), 0);
	assert_int_equal(mmsim_process_open(m, "sh", "/usr/bin/db", O_WRONLY, &fd), -ETXTBSY);
	assert_int_equal(mmsim_process_open(m, "sh", "/usr/bin/db", O_RDONLY, &fd), 0);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);	/* the mm's denial goes */
	assert_int_equal(mmsim_process_open(m, "sh", "/usr/bin/db", O_RDWR, &fd), 0);
	/* and a program open for writing cannot start */
	assert_int_equal(mmsim_spawn(m, "db", NULL), -ETXTBSY);
	assert_int_equal(mmsim_process_close(m, "sh", fd), 0);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	/* a forked child's mm holds its own denial */
	assert_int_equal(mmsim_process_clone(m, "db", "kid", MMSIM_CLONE_FORK, &fd), 0);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
	assert_int_equal(mmsim_process_open(m, "sh", "/usr/bin/db", O_WRONLY, &fd), -ETXTBSY);
	assert_int_equal(mmsim_process_exit(m, "kid"), 0);
	assert_int_equal(mmsim_process_open(m, "sh", "/usr/bin/db", O_WRONLY, &fd), 0);
	ph_assert_valid(m);
}

static void fork_gives_the_child_a_copy_and_a_thread_shares_it(void **state)
{
	struct machine *m = *state;
	struct files_struct *files, *kid, *thr;
	int pid;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	files = find_process(m, "db")->files;
	assert_int_equal(open_x(m, O_RDONLY), 3);
	assert_int_equal(open_x(m, O_RDWR), 4);
	assert_int_equal(mmsim_process_clone(m, "db", "kid", MMSIM_CLONE_FORK, &pid), 0);
	kid = find_process(m, "kid")->files;
	assert_ptr_not_equal(kid, files);
	assert_ptr_equal(kid->fd_array[3], files->fd_array[3]);	/* the same open files */
	assert_int_equal(kid->fd_array[3]->f_count, 2);
	assert_int_equal(kid->fd_array[0]->f_count, 6);		/* the console: 0-2 twice */
	/* closing in the child leaves the parent's descriptor open */
	assert_int_equal(mmsim_process_close(m, "kid", 3), 0);
	assert_non_null(files->fd_array[3]);
	assert_int_equal(files->fd_array[3]->f_count, 1);
	assert_int_equal(mmsim_process_clone(m, "db", "thr", MMSIM_CLONE_THREAD, &pid), 0);
	thr = find_process(m, "thr")->files;
	assert_ptr_equal(thr, files);				/* CLONE_FILES */
	assert_int_equal(files->count, 2);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "kid"), 0);
	ph_assert_valid(m);
}

static void exec_closes_cloexec_descriptors_and_unshares_the_table(void **state)
{
	struct machine *m = *state;
	struct task_struct *db, child = { 0 };
	struct current_save save;
	struct files_struct *files;
	struct file *keep;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	db = find_process(m, "db");
	assert_int_equal(open_x(m, O_RDONLY | O_CLOEXEC), 3);
	assert_int_equal(open_x(m, O_RDWR), 4);
	assert_int_equal(open_x(m, O_RDONLY | O_CLOEXEC), 5);
	keep = files_lookup_fd(db->files, 4);
	assert_int_equal(mmsim_process_exec(m, "db", "/usr/bin/db"), 0);
	assert_null(files_lookup_fd(db->files, 3));
	assert_ptr_equal(files_lookup_fd(db->files, 4), keep);
	assert_null(files_lookup_fd(db->files, 5));
	assert_int_equal(open_x(m, O_RDONLY), 3);		/* the lowest free again */
	ph_assert_valid(m);
	/* a table shared with another process (CLONE_FILES, no thread) is copied */
	files = db->files;
	task_enter(m, db, &save);
	assert_int_equal(copy_files(m, CLONE_FILES, &child), 0);
	task_leave(m, &save);
	assert_int_equal(files->count, 2);
	assert_int_equal(unshare_files(m, db), 0);
	assert_ptr_not_equal(db->files, files);
	assert_int_equal(files->count, 1);
	assert_ptr_equal(files_lookup_fd(db->files, 4), keep);
	assert_int_equal(keep->f_count, 2);
	assert_int_equal(unshare_files(m, db), 0);		/* alone: nothing to do */
	exit_files(m, &child);
	assert_int_equal(keep->f_count, 1);
	ph_assert_valid(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_spawned_process_has_the_console_on_0_1_2_and_opens_at_3, setup, teardown),
		cmocka_unit_test_setup_teardown(close_of_a_descriptor_not_open_is_ebadf, setup, teardown),
		cmocka_unit_test_setup_teardown(the_65th_descriptor_moves_the_table_into_kmalloc_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(open_fails_with_emfile_at_rlimit_nofile_before_looking_up, setup, teardown),
		cmocka_unit_test_setup_teardown(emfile_follows_a_lowered_rlimit_nofile, setup, teardown),
		cmocka_unit_test_setup_teardown(open_errors_and_o_creat_are_linuxs, setup, teardown),
		cmocka_unit_test_setup_teardown(mmap_of_a_descriptor_checks_it_as_linux, setup, teardown),
		cmocka_unit_test_setup_teardown(fork_copies_the_table_and_clone_files_shares_it, setup, teardown),
		cmocka_unit_test_setup_teardown(writers_are_counted_and_an_executables_denial_refuses_them, setup, teardown),
		cmocka_unit_test_setup_teardown(a_running_program_cannot_be_opened_for_writing, setup, teardown),
		cmocka_unit_test_setup_teardown(fork_gives_the_child_a_copy_and_a_thread_shares_it, setup, teardown),
		cmocka_unit_test_setup_teardown(exec_closes_cloexec_descriptors_and_unshares_the_table, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
