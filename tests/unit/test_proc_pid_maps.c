// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/PID/maps (fs/proc/task_mmu.c, fs/proc/base.c): Linux's line
 * format byte for byte (a new process's four lines as the host's 6.18
 * kernel shows them under setarch -R; the reference capture's [stack]
 * line has the same shape and its name in the same column; an unnamed VMA
 * ends in "0 "),
 * s/p and rwx from the flags, splits visible after mprotect and munmap,
 * the process name standing for the pid, and the directory gone at exit;
 * statm's size and data columns and comm; a file mapping's offset,
 * device fe:01, inode and path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/mman.h"

static int setup(void **state)
{
	struct machine *m = ph_boot("mem=512M nr_cpus=2");

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	*state = m;
	return 0;
}

static int teardown(void **state)
{
	mmsim_destroy(*state);
	return 0;
}

/* The line of @text containing @needle (malloc'd), or NULL. */
static char *line_with(const char *text, const char *needle)
{
	const char *p = strstr(text, needle), *b, *e;

	if (!p)
		return NULL;
	for (b = p; b > text && b[-1] != '\n'; b--)
		;
	e = strchr(p, '\n');
	return strndup(b, e ? (size_t)(e - b) : strlen(b));
}

static void a_new_process_s_maps_are_linux_s_lines(void **state)
{
	char *maps = ph_read(*state, "/proc/1/maps");
	char *ref = ph_reference("proc-self-maps.txt");
	char *ours = line_with(maps, "[stack]"), *theirs = line_with(ref, "[stack]");

	assert_string_equal(maps,
		"555555554000-555555556000 r--p 00000000 fe:01 14                         /usr/bin/db\n"
		"555555556000-55555555b000 r-xp 00002000 fe:01 14                         /usr/bin/db\n"
		"55555555b000-55555555e000 r--p 00007000 fe:01 14                         /usr/bin/db\n"
		"55555555e000-555555560000 rw-p 00009000 fe:01 14                         /usr/bin/db\n"
		"7ffff7fc2000-7ffff7fc6000 r--p 00000000 00:00 0                          [vvar]\n"
		"7ffff7fc6000-7ffff7fc8000 r--p 00000000 00:00 0                          [vvar_vclock]\n"
		"7ffff7fc8000-7ffff7fca000 r-xp 00000000 00:00 0                          [vdso]\n"
		"7ffff7fca000-7ffff7fcb000 r--p 00000000 fe:01 16                         /lib64/ld-linux-x86-64.so.2\n"
		"7ffff7fcb000-7ffff7ff1000 r-xp 00001000 fe:01 16                         /lib64/ld-linux-x86-64.so.2\n"
		"7ffff7ff1000-7ffff7ffb000 r--p 00027000 fe:01 16                         /lib64/ld-linux-x86-64.so.2\n"
		"7ffff7ffb000-7ffff7fff000 rw-p 00031000 fe:01 16                         /lib64/ld-linux-x86-64.so.2\n"
		"7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0                          [stack]\n"
		"ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]\n");
	assert_int_equal(strlen(ours), strlen(theirs));	/* both 12-digit addresses */
	assert_int_equal(strstr(ours, "[stack]") - ours, strstr(theirs, "[stack]") - theirs);
	free(ours);
	free(theirs);
	free(ref);
	free(maps);
}

static void mappings_show_their_splits_and_permissions(void **state)
{
	struct machine *m = *state;
	uint64_t a, s;
	char *maps, want[256];

	assert_int_equal(mmsim_process_mmap(m, "db", 0, 4 * 4096, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &a), 0);
	assert_int_equal(mmsim_process_mprotect(m, "db", a, 4096, PROT_READ | PROT_EXEC), 0);
	assert_int_equal(mmsim_process_munmap(m, "db", a + 2 * 4096, 4096), 0);
	assert_int_equal(mmsim_process_mmap(m, "db", 0x10000000, 4096, PROT_READ | PROT_WRITE,
					    MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, &s), 0);
	maps = ph_read(m, "/proc/db/maps");
	snprintf(want, sizeof(want),
		 "%08llx-%08llx r-xp 00000000 00:00 0 \n"
		 "%08llx-%08llx rw-p 00000000 00:00 0 \n"
		 "%08llx-%08llx rw-p 00000000 00:00 0 \n",
		 (unsigned long long)a, (unsigned long long)a + 4096,
		 (unsigned long long)a + 4096, (unsigned long long)a + 2 * 4096,
		 (unsigned long long)a + 3 * 4096, (unsigned long long)a + 4 * 4096);
	assert_ptr_equal(strstr(maps, "10000000-10001000 rw-s 00000000 00:00 0 \n"), maps);
	assert_non_null(strstr(maps, want));
	assert_non_null(strstr(maps, "[stack]\n"));
	free(maps);
}

static void the_directory_goes_at_exit(void **state)
{
	struct machine *m = *state;
	char *text = NULL;

	assert_int_equal(mmsim_read(m, "/proc/db/maps", &text, NULL), 0);
	free(text);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
	assert_int_equal(mmsim_read(m, "/proc/1/maps", &text, NULL), -ENOENT);
	assert_int_equal(mmsim_read(m, "/proc/db/maps", &text, NULL), -ENOENT);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);	/* pid 2 now */
	assert_int_equal(mmsim_read(m, "/proc/2/maps", &text, NULL), 0);
	free(text);
	assert_int_equal(mmsim_read(m, "/proc/db/maps/", &text, NULL), 0);	/* trailing / */
	free(text);
}

static void statm_counts_pages_and_comm_is_the_name(void **state)
{
	struct machine *m = *state;
	uint64_t a;
	char *text;

	text = ph_read(m, "/proc/db/statm");
	/* size: the PIE 12, ld.so 53, vDSO 8, stack 33; text 5; data: 2 + 4 + stack */
	assert_string_equal(text, "106 0 0 5 0 39 0\n");
	free(text);
	assert_int_equal(mmsim_process_mmap(m, "db", 0, 10 * 4096, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &a), 0);
	assert_int_equal(mmsim_process_mmap(m, "db", 0, 5 * 4096, PROT_READ,
					    MAP_PRIVATE | MAP_ANONYMOUS, &a), 0);
	text = ph_read(m, "/proc/1/statm");
	assert_string_equal(text, "121 0 0 5 0 49 0\n");	/* read-only is not data */
	free(text);
	text = ph_read(m, "/proc/db/comm");
	assert_string_equal(text, "db\n");
	free(text);
}

static void file_mappings_show_offset_device_inode_and_path(void **state)
{
	struct machine *m = *state;
	char err[128], num[64], *maps, *line;
	uint64_t a, b, ino;

	assert_int_equal(mmsim_create_file(m, "/usr/lib/libdb.so", 64 << 10, MMSIM_DATA_ZERO,
					   err, sizeof(err)), 0);
	assert_int_equal(mmsim_stat_file(m, "/usr/lib/libdb.so", NULL, NULL, &ino), 0);
	assert_int_equal(mmsim_process_mmap_file(m, "db", "/usr/lib/libdb.so", 0x20000000,
						 8 << 10, PROT_READ | PROT_EXEC,
						 MAP_PRIVATE | MAP_FIXED, 16 << 10, &a), 0);
	assert_int_equal(mmsim_process_mmap_file(m, "db", "/usr/lib/libdb.so", 0x30000000,
						 4 << 10, PROT_READ | PROT_WRITE,
						 MAP_SHARED | MAP_FIXED, 0, &b), 0);
	maps = ph_read(m, "/proc/db/maps");
	line = line_with(maps, "20000000-");
	assert_non_null(line);
	/* the name at column 73 (0-based), as show_map_vma's seq_pad puts it */
	snprintf(num, sizeof(num), "20000000-20002000 r-xp 00004000 fe:01 %llu ",
		 (unsigned long long)ino);
	snprintf(err, sizeof(err), "%-73s/usr/lib/libdb.so", num);
	assert_string_equal(line, err);
	free(line);
	line = line_with(maps, "30000000-");
	snprintf(num, sizeof(num), "30000000-30001000 rw-s 00000000 fe:01 %llu ",
		 (unsigned long long)ino);
	snprintf(err, sizeof(err), "%-73s/usr/lib/libdb.so", num);
	assert_string_equal(line, err);
	free(line);
	free(maps);
	assert_int_equal(mmsim_process_mmap_file(m, "db", "/nope", 0, 4096, PROT_READ,
						 MAP_PRIVATE, 0, &a), -ENOENT);
	assert_int_equal(mmsim_process_mmap_file(m, "db", "/usr/lib/libdb.so", 0, 4096, PROT_READ,
						 MAP_PRIVATE, 100, &a), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_new_process_s_maps_are_linux_s_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(mappings_show_their_splits_and_permissions, setup, teardown),
		cmocka_unit_test_setup_teardown(the_directory_goes_at_exit, setup, teardown),
		cmocka_unit_test_setup_teardown(statm_counts_pages_and_comm_is_the_name, setup, teardown),
		cmocka_unit_test_setup_teardown(file_mappings_show_offset_device_inode_and_path, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
