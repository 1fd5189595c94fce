// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's own objects after boot (kernel/fork.c and the caches' own
 * files): every cache Linux creates for tasks, address spaces, the reverse
 * map and the VFS exists with Linux 6.18's object size and the slot size
 * of the reference /proc/slabinfo, the right flags, and merged where Linux
 * merges it (cred into pid, fs_cache into anon_vma_chain); the tasks a
 * machine has before any other thread exist (init_task outside the slab,
 * one idle task per other CPU with a vmalloc'd stack), so KernelStack is
 * 16 kB per CPU but one; alloc_task/free_task give back exactly what they
 * took, and fail cleanly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/sched.h"
#include "linux/sched/task.h"
#include "linux/sched/task_stack.h"
#include "linux/vmalloc.h"
#include "linux/vmstat.h"
#include "../../mm/slab.h"

/* The objsize column of @name in the reference slabinfo, or 0. */
static unsigned int reference_slot_size(const char *name)
{
	char *ref = ph_reference("proc-slabinfo.txt");
	unsigned int size = 0;
	size_t n = strlen(name);

	for (char *l = ref; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		unsigned long active, num, objsize;

		if (!strncmp(l, name, n) && l[n] == ' ' &&
		    sscanf(l + n, "%lu %lu %lu", &active, &num, &objsize) == 3) {
			size = (unsigned int)objsize;
			break;
		}
	}
	free(ref);
	return size;
}

/* One cache as Linux 6.18 creates it. */
struct cache_expect {
	const char *name;
	unsigned int object_size;	/* /sys/kernel/slab/NAME/object_size */
	slab_flags_t flags;		/* flags that must be set */
	slab_flags_t not_flags;		/* flags that must not be */
};

static const struct cache_expect kernel_caches[] = {
	{ "task_struct", TASK_STRUCT_OBJECT_SIZE, SLAB_ACCOUNT | SLAB_PANIC, SLAB_RECLAIM_ACCOUNT },
	{ "mm_struct", 1568, SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT },
	{ "vm_area_struct", 192, SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT },
	{ "sighand_cache", 2080, SLAB_TYPESAFE_BY_RCU | SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT },
	{ "signal_cache", 1152, SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT },
	{ "files_cache", 704, SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT },
	{ "anon_vma", 96, SLAB_TYPESAFE_BY_RCU | SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT },
	{ "anon_vma_chain", 64, SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT },
	{ "pid", 184, SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, SLAB_RECLAIM_ACCOUNT },
	{ "names_cache", 4096, SLAB_HWCACHE_ALIGN, SLAB_ACCOUNT | SLAB_RECLAIM_ACCOUNT },
	{ "dentry", 192, SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT, SLAB_HWCACHE_ALIGN },
	{ "inode_cache", 616, SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT, SLAB_HWCACHE_ALIGN },
	{ "filp", 184, SLAB_TYPESAFE_BY_RCU | SLAB_HWCACHE_ALIGN | SLAB_ACCOUNT, 0 },
};

static void kernel_caches_have_linux_sizes_flags_and_reference_slots(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");

	for (size_t i = 0; i < sizeof(kernel_caches) / sizeof(kernel_caches[0]); i++) {
		const struct cache_expect *c = &kernel_caches[i];
		struct kmem_cache *s = kmem_cache_find(m, c->name);
		unsigned int slot = reference_slot_size(c->name);

		if (!s)
			fail_msg("no cache %s", c->name);
		if (strcmp(s->name, c->name))
			fail_msg("%s was merged into %s", c->name, s->name);
		if (s->object_size != c->object_size)
			fail_msg("%s: object_size %u, Linux %u", c->name, s->object_size,
				 c->object_size);
		if (!slot || s->size != slot)
			fail_msg("%s: slot %u, reference slabinfo %u", c->name, s->size, slot);
		if ((s->flags & c->flags) != c->flags || (s->flags & c->not_flags))
			fail_msg("%s: flags %#x", c->name, s->flags);
	}
	assert_true(sizeof(struct task_struct) <= m->task_struct_cachep->object_size);
	mmsim_destroy(m);
}

static void cred_and_fs_cache_merge_as_on_linux(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	char *slabinfo = ph_read(m, "/proc/slabinfo");

	/* both are aliases on the host's 6.18 (/sys/kernel/slab/X -> :A-...) */
	assert_ptr_equal(m->cred_jar, m->pid_cachep);
	assert_ptr_equal(m->fs_cachep, m->anon_vma_chain_cachep);
	assert_null(strstr(slabinfo, "\ncred "));
	assert_null(strstr(slabinfo, "\nfs_cache "));
	assert_non_null(strstr(slabinfo, "\npid "));
	free(slabinfo);
	mmsim_destroy(m);

	m = ph_boot("mem=1G nr_cpus=2 slab_nomerge");
	assert_ptr_not_equal(m->cred_jar, m->pid_cachep);
	assert_string_equal(m->fs_cachep->name, "fs_cache");
	mmsim_destroy(m);
}

static unsigned long kernel_stack_kb(struct machine *m)
{
	return global_node_page_state(m, NR_KERNEL_STACK_KB);
}

static size_t nr_tasks(struct machine *m)
{
	size_t n = 0;

	for (struct list_head *l = m->tasks.next; l != &m->tasks; l = l->next)
		n++;
	return n;
}

static void kernel_stack_is_16k_per_cpu_but_the_boot_one(void **state)
{
	static const char *const cmdlines[] = {
		"mem=1G nr_cpus=1", "mem=1G nr_cpus=2", "mem=2G nr_cpus=4 numa=fake=2",
		"mem=2G nr_cpus=8",
	};

	for (size_t i = 0; i < sizeof(cmdlines) / sizeof(cmdlines[0]); i++) {
		struct machine *m = ph_boot(cmdlines[i]);
		int n = m->nr_cpu_ids;

		assert_int_equal(kernel_stack_kb(m), 16 * (n - 1));
		assert_int_equal(nr_tasks(m), n - 1);
		assert_non_null(m->init_task);
		assert_ptr_equal(m->idle_tasks[0], m->init_task);
		assert_string_equal(m->init_task->comm, "swapper/0");
		for (int cpu = 1; cpu < n; cpu++) {
			struct task_struct *t = m->idle_tasks[cpu];
			char comm[32];

			snprintf(comm, sizeof(comm), "swapper/%d", cpu);
			assert_non_null(t);
			assert_string_equal(t->comm, comm);
			assert_int_equal(t->cpu, cpu);
			assert_int_equal(t->flags, PF_IDLE | PF_KTHREAD);
			assert_int_not_equal(t->stack, 0);
			/* in the task_struct cache, on the CPU's node */
			assert_ptr_equal(virt_to_page(m, t)->slab_cache, m->task_struct_cachep);
			assert_int_equal(virt_to_page(m, t)->nid, m->cpu_to_node[cpu]);
		}
		mmsim_destroy(m);
	}
}

/*
 * Objects of @s in use, exactly: after kmem_cache_shrink no CPU holds a
 * slab, so /proc/slabinfo's active count (which counts the free objects
 * of CPU slabs as active, as Linux does) is exact.
 */
static unsigned long active_objs(struct machine *m, struct kmem_cache *s)
{
	struct slabinfo si;

	kmem_cache_shrink(m, s);
	get_slabinfo(m, s, &si);
	return si.active_objs;
}

static void alloc_task_and_free_task_give_back_what_they_took(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	unsigned long stack0 = kernel_stack_kb(m);
	unsigned long objs0 = active_objs(m, m->task_struct_cachep);
	unsigned long vmalloc0 = vmalloc_nr_pages(m);
	struct task_struct *t[20];

	for (int i = 0; i < 20; i++) {
		t[i] = alloc_task(m, "kworker/0:1", PF_KTHREAD, NUMA_NO_NODE);
		assert_non_null(t[i]);
		assert_string_equal(t[i]->comm, "kworker/0:1");
		assert_int_equal(t[i]->flags, PF_KTHREAD);
	}
	assert_int_equal(kernel_stack_kb(m), stack0 + 20 * 16);
	assert_int_equal(active_objs(m, m->task_struct_cachep), objs0 + 20);
	assert_int_equal(nr_tasks(m), 1 + 20);
	assert_int_equal(vmalloc_nr_pages(m), vmalloc0 + 20 * 4);
	for (int i = 0; i < 20; i++)
		free_task(m, t[i]);
	assert_int_equal(kernel_stack_kb(m), stack0);
	assert_int_equal(active_objs(m, m->task_struct_cachep), objs0);
	assert_int_equal(nr_tasks(m), 1);
	/* as Linux, the CPU keeps two freed stacks for the next tasks */
	assert_int_equal(vmalloc_nr_pages(m), vmalloc0 + NR_CACHED_STACKS * 4);
	mmsim_destroy(m);
}

static void alloc_task_fails_cleanly_without_memory(void **state)
{
	struct machine *m = ph_boot("mem=256M nr_cpus=2");
	unsigned long stack0 = kernel_stack_kb(m);
	unsigned long objs0 = active_objs(m, m->task_struct_cachep);
	unsigned long pfn;
	int n = 0;

	/* every free page, reserves included */
	while (!mmsim_alloc_pages(m, 0, "GFP_KERNEL|__GFP_MEMALLOC|__GFP_NOWARN", -1, -1, &pfn,
				  NULL, 0))
		n++;
	assert_true(n > 1000);
	assert_null(alloc_task(m, "nomem", PF_KTHREAD, NUMA_NO_NODE));
	assert_int_equal(kernel_stack_kb(m), stack0);
	assert_int_equal(active_objs(m, m->task_struct_cachep), objs0);
	assert_int_equal(nr_tasks(m), 1);
	mmsim_destroy(m);
}

static void pid_max_is_logged_for_the_cpu_count(void **state)
{
	struct machine *m = ph_boot("mem=1G nr_cpus=2");
	char *log = mmsim_dmesg(m);

	assert_non_null(strstr(log, "] pid_max: default: 32768 minimum: 301\n"));
	free(log);
	mmsim_destroy(m);
	m = ph_boot("mem=1G nr_cpus=64");
	log = mmsim_dmesg(m);
	assert_non_null(strstr(log, "] pid_max: default: 65536 minimum: 512\n"));
	free(log);
	mmsim_destroy(m);
}

static void two_machines_have_their_own_tasks(void **state)
{
	struct machine *a = ph_boot("mem=1G nr_cpus=2");
	struct machine *b = ph_boot("mem=1G nr_cpus=4");

	assert_int_equal(nr_tasks(a), 1);
	assert_int_equal(nr_tasks(b), 3);
	free_task(b, b->idle_tasks[3]);
	b->idle_tasks[3] = NULL;
	assert_int_equal(nr_tasks(a), 1);
	assert_int_equal(kernel_stack_kb(a), 16);
	assert_int_equal(kernel_stack_kb(b), 32);
	mmsim_destroy(a);
	mmsim_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kernel_caches_have_linux_sizes_flags_and_reference_slots),
		cmocka_unit_test(cred_and_fs_cache_merge_as_on_linux),
		cmocka_unit_test(kernel_stack_is_16k_per_cpu_but_the_boot_one),
		cmocka_unit_test(alloc_task_and_free_task_give_back_what_they_took),
		cmocka_unit_test(alloc_task_fails_cleanly_without_memory),
		cmocka_unit_test(pid_max_is_logged_for_the_cpu_count),
		cmocka_unit_test(two_machines_have_their_own_tasks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
