// SPDX-License-Identifier: GPL-2.0-only
/*
 * kernel/fork_stack.c: a kernel stack is a 16 KiB vmalloc area (4 zeroed
 * pages, a guard page, 16 KiB aligned) named as the host's 6.18 kernel
 * names it in /proc/vmallocinfo; KernelStack (and the node's
 * "Node N KernelStack:") moves by 16 kB per stack on the node its pages
 * are on; a freed stack goes to the CPU's cache of two, is handed out
 * again zeroed, and only a third one is vfree'd; a failed allocation
 * changes nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "proc_helpers.h"
#include "asm/pgtable.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/sched/task_stack.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"

static long file_kv(struct machine *m, const char *path, const char *key)
{
	char *text = ph_read(m, path);
	long v = (long)ph_kv(text, key);

	free(text);
	return v;
}

static long kernel_stack_kb(struct machine *m)
{
	return file_kv(m, "/proc/meminfo", "KernelStack");
}

/* "Node N KernelStack:   16 kB" of the node's sysfs meminfo. */
static long node_kernel_stack_kb(struct machine *m, int nid)
{
	char path[64], key[32];

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/meminfo", nid);
	snprintf(key, sizeof(key), "Node %d KernelStack", nid);
	return file_kv(m, path, key);
}

static void assert_valid(struct machine *m)
{
	char err[256];

	if (mmsim_validate(m, err, sizeof(err)))
		fail_msg("validator: %s", err);
}

static void test_stack_is_an_aligned_vmalloc_area_with_a_guard(void **state)
{
	struct machine *m = ph_boot("");
	struct task_struct tsk = { .comm = "worker" };
	char *info, want[160];
	unsigned char zero[256] = { 0 };

	assert_int_equal(alloc_thread_stack_node(m, &tsk, NUMA_NO_NODE), 0);
	assert_true(is_vmalloc_addr(tsk.stack));
	assert_int_equal(tsk.stack % THREAD_ALIGN, 0);
	assert_ptr_equal(tsk.stack_vm_area, find_vm_area(m, tsk.stack));
	assert_int_equal(tsk.stack_vm_area->size, THREAD_SIZE + PAGE_SIZE);
	assert_int_equal(tsk.stack_vm_area->nr_pages, 4);
	for (unsigned long off = 0; off < THREAD_SIZE; off += PAGE_SIZE)
		assert_memory_equal(kva_to_host(m, tsk.stack + off, NULL), zero, sizeof(zero));
	assert_null(kva_to_host(m, tsk.stack + THREAD_SIZE, NULL));	/* the guard */
	info = ph_read(m, "/proc/vmallocinfo");
	snprintf(want, sizeof(want), "0x%016lx-0x%016lx   20480 kernel_clone+0x0/0x0 pages=4 vmalloc N0=4\n",
		 tsk.stack, tsk.stack + THREAD_SIZE + PAGE_SIZE);
	assert_non_null(strstr(info, want));
	free(info);
	assert_valid(m);
	mmsim_destroy(m);
}

static void test_idle_task_stack_is_named_fork_idle(void **state)
{
	struct machine *m = ph_boot("");
	struct task_struct tsk = { .flags = PF_IDLE | PF_KTHREAD };
	char *info, want[160];

	assert_int_equal(alloc_thread_stack_node(m, &tsk, 0), 0);
	info = ph_read(m, "/proc/vmallocinfo");
	snprintf(want, sizeof(want), "0x%016lx-0x%016lx   20480 fork_idle+0x0/0x0 pages=4",
		 tsk.stack, tsk.stack + THREAD_SIZE + PAGE_SIZE);
	assert_non_null(strstr(info, want));
	free(info);
	mmsim_destroy(m);
}

static void test_kernelstack_moves_by_16k_per_stack_per_node(void **state)
{
	struct machine *m = ph_boot("numa=fake=2 nr_cpus=2");
	struct task_struct t0 = { 0 }, t1 = { 0 }, t1b = { 0 };
	long total = kernel_stack_kb(m), n0 = node_kernel_stack_kb(m, 0),
	     n1 = node_kernel_stack_kb(m, 1), used;

	assert_int_equal(total, n0 + n1);
	assert_int_equal(alloc_thread_stack_node(m, &t0, 0), 0);
	assert_int_equal(kernel_stack_kb(m), total + 16);
	assert_int_equal(node_kernel_stack_kb(m, 0), n0 + 16);
	assert_int_equal(node_kernel_stack_kb(m, 1), n1);
	assert_int_equal(alloc_thread_stack_node(m, &t1, 1), 0);
	assert_int_equal(alloc_thread_stack_node(m, &t1b, 1), 0);
	assert_int_equal(kernel_stack_kb(m), total + 48);
	assert_int_equal(node_kernel_stack_kb(m, 1), n1 + 32);
	assert_int_equal(global_node_page_state(m, NR_KERNEL_STACK_KB), (unsigned long)total + 48);
	used = file_kv(m, "/proc/meminfo", "VmallocUsed");
	free_thread_stack(m, &t1b);
	free_thread_stack(m, &t1);
	assert_int_equal(node_kernel_stack_kb(m, 1), n1);
	assert_int_equal(file_kv(m, "/proc/meminfo", "VmallocUsed"), used);	/* cached */
	free_thread_stack(m, &t0);				/* the cache is full: vfree'd */
	assert_int_equal(kernel_stack_kb(m), total);
	assert_int_equal(node_kernel_stack_kb(m, 0), n0);
	assert_int_equal(file_kv(m, "/proc/meminfo", "VmallocUsed"), used - 16);
	assert_null(t0.stack_vm_area);
	assert_int_equal(t0.stack, 0);
	assert_valid(m);
	mmsim_destroy(m);
}

static void test_freed_stacks_are_cached_per_cpu_and_reused_zeroed(void **state)
{
	struct machine *m = ph_boot("nr_cpus=2");
	struct task_struct a = { 0 }, b = { 0 }, c = { 0 };
	unsigned long sa, sb;
	unsigned char zero[128] = { 0 };
	unsigned char *p;

	assert_int_equal(alloc_thread_stack_node(m, &a, NUMA_NO_NODE), 0);
	assert_int_equal(alloc_thread_stack_node(m, &b, NUMA_NO_NODE), 0);
	sa = a.stack;
	sb = b.stack;
	memset(kva_to_host(m, sa + 3 * PAGE_SIZE, NULL), 0xee, PAGE_SIZE);
	free_thread_stack(m, &a);
	free_thread_stack(m, &b);
	/* another CPU's cache is empty: a new area */
	m->current_cpu = 1;
	assert_int_equal(alloc_thread_stack_node(m, &c, NUMA_NO_NODE), 0);
	assert_true(c.stack != sa && c.stack != sb);
	free_thread_stack(m, &c);
	m->current_cpu = 0;
	/* this CPU gets its cached stacks back, cleared of the old data */
	assert_int_equal(alloc_thread_stack_node(m, &a, NUMA_NO_NODE), 0);
	assert_int_equal(alloc_thread_stack_node(m, &b, NUMA_NO_NODE), 0);
	assert_true((a.stack == sa && b.stack == sb) || (a.stack == sb && b.stack == sa));
	p = kva_to_host(m, sa + 3 * PAGE_SIZE, NULL);
	assert_memory_equal(p, zero, sizeof(zero));
	assert_memory_equal(p + PAGE_SIZE - sizeof(zero), zero, sizeof(zero));
	assert_valid(m);
	mmsim_destroy(m);
}

static void test_failed_stack_allocation_changes_nothing(void **state)
{
	struct machine *m = ph_boot("mem=256M");
	struct task_struct tsk = { 0 };
	static struct page *taken[70000];
	long stack_kb = kernel_stack_kb(m);
	size_t n = 0;

	while (n < ARRAY_SIZE(taken) && (taken[n] = alloc_pages(m, GFP_KERNEL | __GFP_NOWARN, 0)))
		n++;
	assert_int_equal(alloc_thread_stack_node(m, &tsk, NUMA_NO_NODE), -ENOMEM);
	assert_int_equal(tsk.stack, 0);
	assert_null(tsk.stack_vm_area);
	assert_int_equal(kernel_stack_kb(m), stack_kb);
	for (size_t i = 0; i < n; i++)
		__free_pages(m, taken[i], 0);
	assert_valid(m);
	free_thread_stack(m, &tsk);		/* no stack: nothing happens */
	assert_int_equal(kernel_stack_kb(m), stack_kb);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stack_is_an_aligned_vmalloc_area_with_a_guard),
		cmocka_unit_test(test_idle_task_stack_is_named_fork_idle),
		cmocka_unit_test(test_kernelstack_moves_by_16k_per_stack_per_node),
		cmocka_unit_test(test_freed_stacks_are_cached_per_cpu_and_reused_zeroed),
		cmocka_unit_test(test_failed_stack_allocation_changes_nothing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
