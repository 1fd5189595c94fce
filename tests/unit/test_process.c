// SPDX-License-Identifier: GPL-2.0-only
/*
 * Processes (kernel/process.c): spawn gives pids 1, 2, ... in order, an
 * address space holding exactly the 132 KiB [stack] VMA exec leaves with
 * randomization off, /usr/bin/NAME's segments and bss, and the vDSO's
 * three VMAs, and takes a task_struct, a kernel stack, an mm_struct and
 * nine vm_area_structs; exit gives every one of them back (slab active
 * objects and KernelStack return to their values).  Names are checked and
 * unique among live processes; exit of an unknown name is -ESRCH.  The
 * memory syscalls (mmsim_process_mmap/munmap/mprotect) act on the
 * process's mm and run as it (an overcommit refusal names its pid); a
 * mapped file is held by each of its VMAs and freed with the last; brk
 * grows its own heap VMA, shrinks, and refuses as Linux does.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/fs.h"
#include "linux/mm.h"
#include "linux/pid.h"
#include "linux/mman.h"
#include "linux/sysctl.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "../../mm/slab.h"
#include "../../mm/vma.h"

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

static unsigned long active_objs(struct machine *m, struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_shrink(m, s);
	get_slabinfo(m, s, &si);
	return si.active_objs;
}

static long long kernel_stack_kb(struct machine *m)
{
	char *meminfo = ph_read(m, "/proc/meminfo");
	long long kb = ph_kv(meminfo, "KernelStack");

	free(meminfo);
	return kb;
}

static void spawned_processes_get_pids_from_one_in_order(void **state)
{
	struct machine *m = *state;
	struct mmsim_process p;
	int pid = 0;

	assert_int_equal(mmsim_spawn(m, "sh", &pid), 0);
	assert_int_equal(pid, 1);
	assert_int_equal(mmsim_spawn(m, "db", &pid), 0);
	assert_int_equal(pid, 2);
	assert_int_equal(mmsim_process_exit(m, "sh"), 0);
	assert_int_equal(mmsim_spawn(m, "sh", &pid), 0);
	assert_int_equal(pid, 3);		/* cyclic: not reused before wrapping */
	assert_int_equal(mmsim_process_at(m, 0, &p), 0);
	assert_int_equal(p.pid, 2);
	assert_string_equal(p.comm, "db");
	assert_int_equal(mmsim_process_at(m, 1, &p), 0);
	assert_int_equal(p.pid, 3);
	assert_string_equal(p.comm, "sh");
	assert_int_equal(mmsim_process_at(m, 2, &p), -ENOENT);
	assert_ptr_equal(find_process_by_pid(m, 2), find_process(m, "db"));
	assert_null(find_process_by_pid(m, 1));
	assert_null(find_process_by_pid(m, 0));	/* the idle tasks are no processes */
}

/*
 * Pid numbers wrap as idr_alloc_cyclic does: after pid_max - 1 the next
 * is the first free number from RESERVED_PIDS (300) on; numbers in use
 * are skipped, a released one is given again.
 */
static void pids_wrap_to_reserved_pids_and_skip_numbers_in_use(void **state)
{
	struct machine *m = *state;
	int pid = 0;

	assert_int_equal(mmsim_spawn(m, "a", &pid), 0);
	assert_int_equal(pid, 1);
	m->last_pid = RESERVED_PIDS - 1;		/* the cursor, as after 299 forks */
	assert_int_equal(mmsim_spawn(m, "b", &pid), 0);
	assert_int_equal(pid, RESERVED_PIDS);
	m->last_pid = pid_max(m) - 2;
	assert_int_equal(mmsim_spawn(m, "c", &pid), 0);
	assert_int_equal(pid, pid_max(m) - 1);	/* the last number */
	assert_int_equal(mmsim_spawn(m, "d", &pid), 0);
	assert_int_equal(pid, RESERVED_PIDS + 1);	/* wrapped; 300 is b's */
	assert_int_equal(mmsim_process_exit(m, "b"), 0);	/* reaped at once: 300 free */
	m->last_pid = pid_max(m) - 1;
	assert_int_equal(mmsim_spawn(m, "e", &pid), 0);
	assert_int_equal(pid, RESERVED_PIDS);
	assert_int_equal(find_process_by_pid(m, RESERVED_PIDS), find_process(m, "e"));
}

static void a_new_process_has_its_binary_stack_and_vdso(void **state)
{
	struct machine *m = *state;
	struct task_struct *tsk;
	struct vm_area_struct *vma;
	char err[256];

	assert_int_equal(mmsim_spawn(m, "app", NULL), 0);
	tsk = find_process(m, "app");
	assert_non_null(tsk);
	assert_non_null(tsk->mm);
	/*
	 * /usr/bin/app, a PIE, at ELF_ET_DYN_BASE (4 VMAs), ld.so (4) under
	 * mmap_base, the vDSO (3) below it, the stack; no heap yet: as the
	 * host's kernel leaves /usr/bin/cat under setarch -R before ld.so runs
	 */
	assert_int_equal(tsk->mm->map_count, 12);
	vma = tsk->mm->mmap;
	assert_int_equal(vma->vm_start, 0x555555554000UL);
	assert_non_null(vma->vm_file);
	assert_int_equal(vma->vm_file->f_count, 5);		/* one per segment VMA, and mm->exe_file */
	vma = find_vma(tsk->mm, 0x55555555e000UL);		/* .data + .bss in its page */
	assert_non_null(vma->vm_file);
	assert_int_equal(vma->vm_end, 0x555555560000UL);
	assert_int_equal(tsk->mm->start_brk, 0x555555560000UL);
	assert_int_equal(tsk->mm->brk, 0x555555560000UL);
	assert_int_equal(tsk->mm->start_code, 0x555555556000UL);
	assert_int_equal(tsk->mm->end_code, 0x55555555ada9UL);
	/* the vDSO top-down under ld.so, which sits under mmap_base (TASK_SIZE - 128M) */
	vma = find_vma(tsk->mm, 0x555555560000UL);
	assert_int_equal(vma->vm_start, 0x7ffff7fc2000UL);
	assert_int_equal(vma->vm_end, 0x7ffff7fc6000UL);
	assert_string_equal(vma->vm_special_name, "[vvar]");
	assert_true(vma->vm_flags & VM_PFNMAP);
	vma = vma->vm_next;
	assert_int_equal(vma->vm_end, 0x7ffff7fc8000UL);
	assert_string_equal(vma->vm_special_name, "[vvar_vclock]");
	vma = vma->vm_next;
	assert_int_equal(vma->vm_end, 0x7ffff7fca000UL);
	assert_string_equal(vma->vm_special_name, "[vdso]");
	assert_int_equal(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC), VM_READ | VM_EXEC);
	vma = vma->vm_next;
	assert_non_null(vma->vm_file);				/* ld.so */
	assert_int_equal(vma->vm_start, 0x7ffff7fca000UL);
	vma = find_vma(tsk->mm, 0x7ffff7fff000UL);
	assert_int_equal(vma->vm_start, 0x7ffffffde000UL);
	assert_int_equal(vma->vm_end, 0x7ffffffff000UL);
	assert_int_equal(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED | VM_GROWSDOWN),
			 VM_READ | VM_WRITE | VM_GROWSDOWN);
	assert_true(vma->vm_flags & VM_ACCOUNT);
	assert_null(vma->vm_file);
	assert_int_equal(tsk->mm->stack_vm, 33);
	/* the binary 2+5+3+2 pages, ld.so 1+38+10+4, the vDSO 8, the stack 33 */
	assert_int_equal(tsk->mm->total_vm, 12 + 53 + 8 + 33);
	assert_int_equal(tsk->mm->data_vm, 2 + 4);		/* the two writable segments */
	assert_int_equal(tsk->mm->exec_vm, 5 + 38 + 2);	/* the two texts and [vdso] */
	if (validate_mm(m, tsk->mm, err, sizeof(err)))
		fail_msg("validate_mm: %s", err);
	assert_int_equal(tsk->mm->mmap_base, 0x7ffff7fff000UL);
}

static void exit_returns_task_stack_mm_and_vmas(void **state)
{
	struct machine *m = *state;
	unsigned long tasks0 = active_objs(m, m->task_struct_cachep);
	unsigned long mms0 = active_objs(m, m->mm_cachep);
	unsigned long vmas0 = active_objs(m, m->vm_area_cachep);
	long long stack0 = kernel_stack_kb(m);

	assert_int_equal(mmsim_spawn(m, "a", NULL), 0);
	assert_int_equal(mmsim_spawn(m, "b", NULL), 0);
	assert_int_equal(active_objs(m, m->task_struct_cachep), tasks0 + 2);
	assert_int_equal(active_objs(m, m->mm_cachep), mms0 + 2);
	assert_int_equal(active_objs(m, m->vm_area_cachep), vmas0 + 2 * 12);
	assert_int_equal(kernel_stack_kb(m), stack0 + 2 * 16);
	assert_int_equal(mmsim_process_exit(m, "a"), 0);
	assert_int_equal(mmsim_process_exit(m, "b"), 0);
	assert_int_equal(active_objs(m, m->task_struct_cachep), tasks0);
	assert_int_equal(active_objs(m, m->mm_cachep), mms0);
	assert_int_equal(active_objs(m, m->vm_area_cachep), vmas0);
	assert_int_equal(kernel_stack_kb(m), stack0);
	assert_null(find_process(m, "a"));
}

static void bad_or_taken_names_are_refused(void **state)
{
	struct machine *m = *state;
	struct mmsim_process p;

	assert_int_equal(mmsim_spawn(m, "", NULL), -EINVAL);
	assert_int_equal(mmsim_spawn(m, "123", NULL), -EINVAL);
	assert_int_equal(mmsim_spawn(m, "kernel", NULL), -EINVAL);
	assert_int_equal(mmsim_spawn(m, "a/b", NULL), -EINVAL);
	assert_int_equal(mmsim_spawn(m, "a:", NULL), -EINVAL);
	assert_int_equal(mmsim_spawn(m, "abcdefghijklmnop", NULL), -ENAMETOOLONG);
	assert_int_equal(mmsim_spawn(m, "abcdefghijklmno", NULL), 0);	/* 15 fit */
	assert_int_equal(mmsim_spawn(m, "abcdefghijklmno", NULL), -EEXIST);
	assert_int_equal(mmsim_process_exit(m, "nosuch"), -ESRCH);
	assert_int_equal(mmsim_process_at(m, 1, &p), -ENOENT);	/* the refusals left nothing */
}

static void memory_syscalls_run_as_the_process(void **state)
{
	struct machine *m = *state;
	struct task_struct *tsk;
	uint64_t a = 0, b = 0;
	char *log, err[256];

	assert_int_equal(mmsim_create_elf(m, "/usr/bin/db", 0, MMSIM_ELF_STATIC, err, sizeof(err)), 0);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	tsk = find_process(m, "db");
	assert_int_equal(mmsim_process_mmap(m, "db", 0, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &a), 0);
	assert_int_equal(tsk->mm->map_count, 10);
	assert_int_equal(find_vma(tsk->mm, a)->vm_end, a + 8 * PAGE_SIZE);
	assert_int_equal(mmsim_process_mprotect(m, "db", a, PAGE_SIZE, PROT_READ), 0);
	assert_int_equal(tsk->mm->map_count, 11);			/* split */
	assert_int_equal(mmsim_process_munmap(m, "db", a + 4 * PAGE_SIZE, PAGE_SIZE), 0);
	assert_int_equal(tsk->mm->map_count, 12);			/* a hole */
	assert_int_equal(mmsim_process_mmap(m, "db", 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, &b),
			 -EBADF);
	assert_int_equal(mmsim_process_mmap(m, "nosuch", 0, PAGE_SIZE, PROT_READ,
					    MAP_PRIVATE | MAP_ANONYMOUS, &b), -ESRCH);
	assert_int_equal(mmsim_process_munmap(m, "nosuch", a, PAGE_SIZE), -ESRCH);
	assert_int_equal(mmsim_process_mprotect(m, "db", a + 1, PAGE_SIZE, PROT_READ), -EINVAL);
	/* a refusal is reported as the process, and current is restored */
	m->vm.overcommit_memory = OVERCOMMIT_NEVER;
	assert_int_equal(mmsim_process_mmap(m, "db", 0, 1UL << 40, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &b), -ENOMEM);
	log = mmsim_dmesg(m);
	assert_non_null(strstr(log, "__vm_enough_memory: pid: 1, comm: db, bytes: 1099511627776 "));
	free(log);
	assert_int_equal(m->current_pid, 0);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
}

static void a_mapped_file_is_held_until_its_last_vma_goes(void **state)
{
	struct machine *m = *state;
	unsigned long files0, vmas0;
	uint64_t a;
	char err[128];

	assert_int_equal(mmsim_create_file(m, "/data/db", 1 << 20, MMSIM_DATA_ZERO, err,
					   sizeof(err)), 0);
	files0 = active_objs(m, m->filp_cachep);
	vmas0 = active_objs(m, m->vm_area_cachep);
	assert_int_equal(mmsim_create_elf(m, "/usr/bin/db", 0, MMSIM_ELF_STATIC, err, sizeof(err)), 0);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);		/* holds /usr/bin/db */
	assert_int_equal(mmsim_process_mmap_file(m, "db", "/data/db", 0, 16 * PAGE_SIZE,
						 PROT_READ, MAP_PRIVATE, 0, &a), 0);
	/* /usr/bin/db's, the console's on fds 0-2 (fs/file.c), and the VMA's file */
	assert_int_equal(active_objs(m, m->filp_cachep), files0 + 3);
	/* a hole splits the VMA: both halves hold the file, one struct file */
	assert_int_equal(mmsim_process_munmap(m, "db", a + 4 * PAGE_SIZE, PAGE_SIZE), 0);
	assert_int_equal(find_vma(find_process(m, "db")->mm, a)->vm_file->f_count, 2);
	assert_int_equal(find_vma(find_process(m, "db")->mm, a + 5 * PAGE_SIZE)->vm_pgoff, 5);
	assert_int_equal(mmsim_process_munmap(m, "db", a, 4 * PAGE_SIZE), 0);
	assert_int_equal(active_objs(m, m->filp_cachep), files0 + 3);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);		/* the last VMA goes */
	assert_int_equal(active_objs(m, m->filp_cachep), files0);
	assert_true(active_objs(m, m->vm_area_cachep) <= vmas0);
}

static void brk_grows_a_heap_vma_shrinks_and_refuses_collisions(void **state)
{
	struct machine *m = *state;
	struct mm_struct *mm;
	uint64_t start, cur, got, a;
	unsigned long c0;
	char err[256];

	assert_int_equal(mmsim_create_elf(m, "/usr/bin/db", 0, MMSIM_ELF_STATIC, err, sizeof(err)), 0);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	mm = find_process(m, "db")->mm;
	assert_int_equal(mmsim_process_brk_range(m, "db", &start, &cur), 0);
	assert_int_equal(start, 0x419000);
	assert_int_equal(cur, start);
	c0 = vm_memory_committed(m);
	/* a heap VMA of its own: the bss below is never grown (host 6.18) */
	assert_int_equal(mmsim_process_brk(m, "db", start + 5 * PAGE_SIZE, &got), 0);
	assert_int_equal(find_vma(mm, start)->vm_start, start);
	assert_int_equal(find_vma(mm, start - 1)->vm_end, start);
	/* growing again extends the heap VMA */
	assert_int_equal(mmsim_process_brk(m, "db", start + 10 * PAGE_SIZE + 1, &got), 0);
	assert_int_equal(got, start + 10 * PAGE_SIZE + 1);
	assert_int_equal(find_vma(mm, start)->vm_start, start);
	assert_int_equal(find_vma(mm, start)->vm_end, start + 11 * PAGE_SIZE);
	assert_int_equal(find_process(m, "db")->mm->map_count, 10);
	assert_int_equal(vm_memory_committed(m), c0 + 11);
	/* within the same page: only the break moves */
	assert_int_equal(mmsim_process_brk(m, "db", start + 10 * PAGE_SIZE + 5, &got), 0);
	assert_int_equal(vm_memory_committed(m), c0 + 11);
	/* shrinking unmaps and uncharges */
	assert_int_equal(mmsim_process_brk(m, "db", start + PAGE_SIZE, &got), 0);
	assert_int_equal(got, start + PAGE_SIZE);
	assert_int_equal(find_vma(mm, start)->vm_end, start + PAGE_SIZE);
	assert_int_equal(vm_memory_committed(m), c0 + 1);
	/* below start_brk: refused, the old break returned */
	assert_int_equal(mmsim_process_brk(m, "db", start - PAGE_SIZE, &got), 0);
	assert_int_equal(got, start + PAGE_SIZE);
	/* a mapping in the way (its page plus one): refused */
	assert_int_equal(mmsim_process_mmap(m, "db", start + 4 * PAGE_SIZE, PAGE_SIZE, PROT_READ,
					    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, &a), 0);
	assert_int_equal(mmsim_process_brk(m, "db", start + 3 * PAGE_SIZE + 1, &got), 0);
	assert_int_equal(got, start + PAGE_SIZE);
	assert_int_equal(mmsim_process_brk(m, "db", start + 3 * PAGE_SIZE, &got), 0);
	assert_int_equal(got, start + 3 * PAGE_SIZE);
	/* strict overcommit refuses and charges nothing */
	m->vm.overcommit_memory = OVERCOMMIT_NEVER;
	assert_int_equal(mmsim_process_brk(m, "db", start + (1UL << 40), &got), 0);
	assert_int_equal(got, start + 3 * PAGE_SIZE);
	assert_int_equal(vm_memory_committed(m), c0 + 3);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
	assert_int_equal(mmsim_process_brk(m, "db", start, &got), -ESRCH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(spawned_processes_get_pids_from_one_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(a_new_process_has_its_binary_stack_and_vdso, setup, teardown),
		cmocka_unit_test_setup_teardown(exit_returns_task_stack_mm_and_vmas, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_or_taken_names_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(pids_wrap_to_reserved_pids_and_skip_numbers_in_use, setup,
						teardown),
		cmocka_unit_test_setup_teardown(memory_syscalls_run_as_the_process, setup, teardown),
		cmocka_unit_test_setup_teardown(a_mapped_file_is_held_until_its_last_vma_goes, setup, teardown),
		cmocka_unit_test_setup_teardown(brk_grows_a_heap_vma_shrinks_and_refuses_collisions, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
