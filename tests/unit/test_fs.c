// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated disk (fs/simdisk.c, fs/namei.c, fs/open.c, fs/inode.c,
 * fs/dcache.c, fs/file_table.c): files with ext4-like inode numbers on
 * device 254:1, real bytes that depend only on the seed, Linux's errors,
 * and dentries, inodes and open files counted in their slab caches and
 * given back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "proc_helpers.h"
#include "linux/err.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "../../mm/slab.h"

/* Objects of @s in use, exactly (no CPU slab after the shrink). */
static unsigned long active_objs(struct machine *m, struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_shrink(m, s);
	get_slabinfo(m, s, &si);
	return si.active_objs;
}

static struct machine *boot_seed(const char *cmdline, uint64_t seed)
{
	struct machine *m = NULL;
	char err[256];

	if (mmsim_boot(cmdline, seed, &m, err, sizeof(err)))
		fail_msg("boot '%s' failed: %s", cmdline, err);
	return m;
}

static int create(struct machine *m, const char *path, uint64_t size, int kind)
{
	char err[512];

	return mmsim_create_file(m, path, size, kind, err, sizeof(err));
}

static void first_files_get_ext4_inode_numbers_on_device_254_1(void **state)
{
	struct machine *m = ph_boot("mem=512M");
	uint64_t size, ino;
	uint32_t dev;
	struct mmsim_stat st;

	(void)state;
	assert_int_equal(mmsim_stat_file(m, "/", NULL, NULL, NULL), -ENOENT);	/* no disk yet */
	assert_int_equal(create(m, "/data/db", 12345, MMSIM_DATA_ZERO), 0);
	assert_int_equal(create(m, "/data/log", 0, MMSIM_DATA_ZERO), 0);
	assert_int_equal(mmsim_stat_file(m, "/data/db", &size, &dev, &ino), 0);
	assert_int_equal(size, 12345);
	assert_int_equal(dev, (254u << 20) | 1);
	assert_int_equal(ino, 13);			/* /data took 12 */
	assert_int_equal(mmsim_stat_file(m, "/data", &size, NULL, &ino), 0);
	assert_int_equal(size, 4096);
	assert_int_equal(ino, 12);
	assert_int_equal(mmsim_stat_file(m, "/", NULL, NULL, &ino), 0);
	assert_int_equal(ino, 2);
	assert_int_equal(mmsim_stat_file(m, "/data/log", &size, NULL, &ino), 0);
	assert_int_equal(size, 0);
	assert_int_equal(ino, 14);
	assert_int_equal(mmsim_stat(m, "/data/db", &st), 0);
	assert_int_equal(st.blocks, 4 * 8);		/* 12345 bytes: four 4K blocks */
	assert_int_equal(st.mode, S_IFREG | 0644);
	assert_int_equal(st.nlink, 1);
	assert_int_equal(mmsim_stat(m, "//data/./db", &st), 0);	/* Linux's walk */
	assert_int_equal(st.ino, 13);
	assert_int_equal(mmsim_stat(m, "/data/../data/db", &st), 0);
	assert_int_equal(st.ino, 13);
	assert_int_equal(mmsim_stat(m, "/", &st), 0);
	assert_int_equal(st.nlink, 3);			/* ., .. and /data's .. */
	mmsim_destroy(m);
}

static void random_bytes_depend_only_on_the_seed(void **state)
{
	enum { LEN = 100003 };
	unsigned char *a = malloc(LEN), *b = malloc(LEN), *c = malloc(LEN);
	struct machine *m;

	(void)state;
	m = boot_seed("mem=512M", 7);
	assert_int_equal(create(m, "/r", LEN, MMSIM_DATA_RANDOM), 0);
	assert_int_equal(mmsim_read_file_bytes(m, "/r", 0, a, LEN), LEN);
	mmsim_destroy(m);
	m = boot_seed("mem=512M", 7);
	assert_int_equal(create(m, "/r", LEN, MMSIM_DATA_RANDOM), 0);
	assert_int_equal(mmsim_read_file_bytes(m, "/r", 0, b, LEN), LEN);
	assert_int_equal(create(m, "/r2", LEN, MMSIM_DATA_RANDOM), 0);	/* a new draw */
	assert_int_equal(mmsim_read_file_bytes(m, "/r2", 0, c, LEN), LEN);
	assert_memory_not_equal(b, c, LEN);
	mmsim_destroy(m);
	assert_memory_equal(a, b, LEN);
	m = boot_seed("mem=512M", 8);
	assert_int_equal(create(m, "/r", LEN, MMSIM_DATA_RANDOM), 0);
	assert_int_equal(mmsim_read_file_bytes(m, "/r", 0, c, LEN), LEN);
	assert_memory_not_equal(a, c, LEN);
	mmsim_destroy(m);
	free(a);
	free(b);
	free(c);
}

static void zero_and_text_files_hold_their_bytes(void **state)
{
	struct machine *m = ph_boot("mem=512M");
	char buf[300], zero[300] = { 0 };

	(void)state;
	assert_int_equal(create(m, "/z", 200000, MMSIM_DATA_ZERO), 0);
	memset(buf, 0x55, sizeof(buf));
	assert_int_equal(mmsim_read_file_bytes(m, "/z", 199900, buf, sizeof(buf)), 100);
	assert_memory_equal(buf, zero, 100);
	assert_int_equal(create(m, "/t", 70000, MMSIM_DATA_TEXT), 0);
	assert_int_equal(mmsim_read_file_bytes(m, "/t", 0, buf, 44), 44);
	assert_memory_equal(buf, "The quick brown fox jumps over the lazy dog.", 44);
	assert_int_equal(mmsim_read_file_bytes(m, "/t", 70000, buf, 10), 0);	/* EOF */
	assert_int_equal(mmsim_read_file_bytes(m, "/t", 80000, buf, 10), 0);
	assert_int_equal(mmsim_read_file_bytes(m, "/nope", 0, buf, 10), -ENOENT);
	assert_int_equal(mmsim_read_file_bytes(m, "/", 0, buf, 10), -EISDIR);
	mmsim_destroy(m);
}

static void bad_paths_and_existing_names_get_linux_errors(void **state)
{
	struct machine *m = ph_boot("mem=512M");
	char err[512], longname[300], longpath[PATH_MAX + 10];

	(void)state;
	assert_int_equal(create(m, "/a/f", 10, MMSIM_DATA_ZERO), 0);
	assert_int_equal(mmsim_create_file(m, "/a/f", 10, MMSIM_DATA_ZERO, err, sizeof(err)),
			 -EEXIST);
	assert_string_equal(err, "/a/f: File exists");
	assert_int_equal(create(m, "/a", 10, MMSIM_DATA_ZERO), -EEXIST);
	assert_int_equal(create(m, "/", 10, MMSIM_DATA_ZERO), -EEXIST);
	assert_int_equal(create(m, "/a/f/g", 10, MMSIM_DATA_ZERO), -ENOTDIR);
	assert_int_equal(mmsim_create_file(m, "a/g", 10, MMSIM_DATA_ZERO, err, sizeof(err)),
			 -EINVAL);
	assert_non_null(strstr(err, "not an absolute path"));
	assert_int_equal(create(m, "", 10, MMSIM_DATA_ZERO), -EINVAL);
	assert_int_equal(create(m, "/a/g", 10, 3), -EINVAL);
	assert_int_equal(create(m, "/a/g", 10, -1), -EINVAL);
	assert_int_equal(create(m, "/a/g/", 10, MMSIM_DATA_ZERO), -EISDIR);
	assert_int_equal(create(m, "/b/../c", 10, MMSIM_DATA_ZERO), -ENOENT);
	memset(longname, 'x', 256);
	longname[0] = '/';
	longname[257] = '\0';
	memset(longname + 1, 'x', 256);
	assert_int_equal(create(m, longname, 10, MMSIM_DATA_ZERO), -ENAMETOOLONG);
	longname[256] = '\0';				/* 255 bytes: fine */
	assert_int_equal(create(m, longname, 10, MMSIM_DATA_ZERO), 0);
	memset(longpath, 'y', sizeof(longpath));
	for (int i = 0; i < PATH_MAX; i += 100)
		longpath[i] = '/';
	longpath[PATH_MAX] = '\0';			/* 4096 bytes with no room for NUL */
	assert_int_equal(create(m, longpath, 10, MMSIM_DATA_ZERO), -ENAMETOOLONG);
	assert_int_equal(mmsim_stat_file(m, "/a/f/", NULL, NULL, NULL), -ENOTDIR);
	assert_int_equal(mmsim_stat_file(m, "/a/f/x", NULL, NULL, NULL), -ENOTDIR);
	assert_int_equal(mmsim_stat_file(m, "/a/x", NULL, NULL, NULL), -ENOENT);
	assert_int_equal(mmsim_stat_file(m, "a", NULL, NULL, NULL), -EINVAL);
	assert_int_equal(create(m, "/huge", (uint64_t)1 << 63, MMSIM_DATA_ZERO), -EFBIG);
	mmsim_destroy(m);
}

static void a_full_disk_refuses_with_enospc_and_makes_nothing(void **state)
{
	struct machine *m = ph_boot("mem=512M mmsim.disk_size=1M");
	char err[512];
	uint64_t ino;

	(void)state;
	/* the root directory takes one 4K block of the 1M */
	assert_int_equal(mmsim_create_file(m, "/big", (1 << 20) - 4095, MMSIM_DATA_ZERO,
					   err, sizeof(err)), -ENOSPC);
	assert_non_null(strstr(err, "No space left on device"));
	assert_int_equal(create(m, "/d/e/f", (1 << 20) - 3 * 4096 + 1, MMSIM_DATA_ZERO), -ENOSPC);
	assert_int_equal(mmsim_stat_file(m, "/d", NULL, NULL, NULL), -ENOENT);
	assert_int_equal(create(m, "/d/f", (1 << 20) - 2 * 4096, MMSIM_DATA_ZERO), 0);
	assert_int_equal(create(m, "/g", 0, MMSIM_DATA_ZERO), 0);	/* no block */
	assert_int_equal(create(m, "/h", 1, MMSIM_DATA_ZERO), -ENOSPC);
	assert_int_equal(mmsim_stat_file(m, "/g", NULL, NULL, &ino), 0);
	assert_int_equal(ino, 14);			/* the refused files took none */
	assert_int_equal(m->bp.disk_size, 1 << 20);
	mmsim_destroy(m);
	m = ph_boot("mem=512M");
	assert_int_equal(m->bp.disk_size, 64ULL << 30);	/* the default */
	mmsim_destroy(m);
}

static void bad_disk_size_parameter_fails_boot(void **state)
{
	struct machine *m = NULL;
	char err[256];

	(void)state;
	assert_int_equal(mmsim_boot("mmsim.disk_size=lots", 1, &m, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "mmsim.disk_size=lots: not a disk size (expected a size of"
			    " at least 4K such as 64G)");
	assert_int_equal(mmsim_boot("mmsim.disk_size=100", 1, &m, err, sizeof(err)), -EINVAL);
}

static void filp_open_gives_a_file_on_the_inode_mapping(void **state)
{
	struct machine *m = ph_boot("mem=512M");
	struct file *f, *g;
	struct inode *inode;

	(void)state;
	assert_int_equal(PTR_ERR(filp_open(m, "/x", O_RDONLY)), -ENOENT);	/* no disk */
	assert_int_equal(create(m, "/bin/app", 8192, MMSIM_DATA_TEXT), 0);
	f = filp_open(m, "/bin/app", O_RDONLY);
	assert_false(IS_ERR(f));
	inode = f->f_inode;
	assert_int_equal(inode->i_ino, 13);
	assert_int_equal(inode->i_size, 8192);
	assert_ptr_equal(f->f_mapping, inode->i_mapping);
	assert_ptr_equal(inode->i_mapping, &inode->i_data);
	assert_ptr_equal(f->f_mapping->host, inode);
	assert_int_equal(f->f_mapping->nrpages, 0);
	assert_true(RB_EMPTY_ROOT(&f->f_mapping->i_mmap));
	assert_int_equal(f->f_mode, FMODE_READ);
	assert_int_equal(f->f_pos, 0);
	assert_int_equal(f->f_count, 1);
	assert_int_equal(inode->i_count, 2);		/* the dentry's and the file's */
	assert_string_equal(f->f_dentry->d_name.name, "app");
	assert_string_equal(f->f_dentry->d_parent->d_name.name, "bin");
	g = filp_open(m, "/bin/app", O_RDWR | O_CLOEXEC);
	assert_int_equal(g->f_mode, FMODE_READ | FMODE_WRITE | FMODE_WRITER);	/* write access taken */
	assert_int_equal(g->f_flags, O_RDWR | O_CLOEXEC);
	assert_int_equal(inode->i_count, 3);
	fput(m, g);
	assert_int_equal(inode->i_count, 2);
	assert_ptr_equal(get_file(f), f);
	fput(m, f);
	assert_int_equal(f->f_count, 1);
	fput(m, f);
	assert_int_equal(inode->i_count, 1);
	assert_int_equal(PTR_ERR(filp_open(m, "/bin", O_WRONLY)), -EISDIR);
	f = filp_open(m, "/bin", O_RDONLY);
	assert_false(IS_ERR(f));
	fput(m, f);
	assert_int_equal(PTR_ERR(filp_open(m, "/bin/app", O_ACCMODE)), -EINVAL);
	assert_int_equal(PTR_ERR(filp_open(m, "/bin/app/x", O_RDONLY)), -ENOTDIR);
	assert_int_equal(PTR_ERR(filp_open(m, "bin/app", O_RDONLY)), -EINVAL);
	mmsim_destroy(m);
}

static void dentries_inodes_and_files_are_slab_objects_given_back(void **state)
{
	struct machine *m = ph_boot("mem=512M");
	unsigned long d0 = active_objs(m, m->dentry_cache);
	unsigned long i0 = active_objs(m, m->inode_cachep);
	unsigned long f0 = active_objs(m, m->filp_cachep);
	unsigned long n0 = active_objs(m, m->names_cachep);
	unsigned long k0 = active_objs(m, m->kmalloc_caches[KMALLOC_CGROUP][6]);
	char longname[64] = "/d/";	/* kmalloc-cg-64: GFP_KERNEL_ACCOUNT */
	struct file *f[10];

	(void)state;
	memset(longname + 3, 'n', 50);			/* a 50-byte name: kmalloc'd */
	assert_int_equal(create(m, "/d/a", 4096, MMSIM_DATA_ZERO), 0);
	assert_int_equal(create(m, "/d/e/b", 1, MMSIM_DATA_RANDOM), 0);
	assert_int_equal(create(m, longname, 1, MMSIM_DATA_ZERO), 0);
	/* /, d, a, e, b and the long name */
	assert_int_equal(active_objs(m, m->dentry_cache), d0 + 6);
	assert_int_equal(active_objs(m, m->inode_cachep), i0 + 6);
	assert_int_equal(active_objs(m, m->kmalloc_caches[KMALLOC_CGROUP][6]), k0 + 1);
	assert_int_equal(active_objs(m, m->names_cachep), n0);	/* getname's buffer is back */
	for (int i = 0; i < 10; i++)
		f[i] = filp_open(m, "/d/e/b", O_RDONLY);
	assert_int_equal(active_objs(m, m->filp_cachep), f0 + 10);
	assert_int_equal(active_objs(m, m->dentry_cache), d0 + 6);
	for (int i = 0; i < 10; i++)
		fput(m, f[i]);
	assert_int_equal(active_objs(m, m->filp_cachep), f0);
	sim_disk_release(m);
	assert_int_equal(active_objs(m, m->dentry_cache), d0);
	assert_int_equal(active_objs(m, m->inode_cachep), i0);
	assert_int_equal(active_objs(m, m->kmalloc_caches[KMALLOC_CGROUP][6]), k0);
	/* a new, empty disk numbers from 12 again */
	assert_int_equal(mmsim_stat_file(m, "/d", NULL, NULL, NULL), -ENOENT);
	assert_int_equal(create(m, "/x", 1, MMSIM_DATA_ZERO), 0);
	assert_int_equal(active_objs(m, m->dentry_cache), d0 + 2);
	mmsim_destroy(m);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

static void host_files_live_in_a_temporary_directory_removed_at_destroy(void **state)
{
	char tmp[] = "/tmp/test_fs.XXXXXX", disk[4200];
	const char *old = getenv("TMPDIR");
	char *saved = old ? strdup(old) : NULL;
	struct machine *m;
	DIR *d;
	struct dirent *e;

	(void)state;
	assert_non_null(mkdtemp(tmp));
	setenv("TMPDIR", tmp, 1);
	m = ph_boot("mem=512M");
	assert_int_equal(count_entries(tmp), 0);	/* made on first use */
	assert_int_equal(create(m, "/a/b", 5000, MMSIM_DATA_TEXT), 0);
	assert_int_equal(create(m, "/a/c", 5000, MMSIM_DATA_ZERO), 0);
	assert_int_equal(count_entries(tmp), 1);
	d = opendir(tmp);
	while ((e = readdir(d)) && e->d_name[0] == '.')
		;
	assert_non_null(e);
	assert_memory_equal(e->d_name, "mmsim-disk.", 11);
	snprintf(disk, sizeof(disk), "%s/%s", tmp, e->d_name);
	closedir(d);
	assert_int_equal(count_entries(disk), 2);	/* one host file per regular file */
	mmsim_destroy(m);
	assert_int_equal(count_entries(tmp), 0);
	rmdir(tmp);
	if (saved)
		setenv("TMPDIR", saved, 1);
	else
		unsetenv("TMPDIR");
	free(saved);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_files_get_ext4_inode_numbers_on_device_254_1),
		cmocka_unit_test(random_bytes_depend_only_on_the_seed),
		cmocka_unit_test(zero_and_text_files_hold_their_bytes),
		cmocka_unit_test(bad_paths_and_existing_names_get_linux_errors),
		cmocka_unit_test(a_full_disk_refuses_with_enospc_and_makes_nothing),
		cmocka_unit_test(bad_disk_size_parameter_fails_boot),
		cmocka_unit_test(filp_open_gives_a_file_on_the_inode_mapping),
		cmocka_unit_test(dentries_inodes_and_files_are_slab_objects_given_back),
		cmocka_unit_test(host_files_live_in_a_temporary_directory_removed_at_destroy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
