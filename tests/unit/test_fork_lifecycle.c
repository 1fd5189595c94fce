// SPDX-License-Identifier: GPL-2.0-only
/*
 * The process lifecycle (kernel/fork.c copy_process, mm/mmap.c dup_mmap,
 * kernel/exit.c, kernel/signal.c, kernel/cred.c): fork copies the address
 * space as Linux 6.18's dup_mmap does (VM_DONTCOPY left out, VM_WIPEONFORK
 * copied without its anon_vma, VM_LOCKED dropped, VM_ACCOUNT charged
 * again, ENOMEM with nothing leaked); every object a process is made of
 * comes from its cache and goes back (every cache's active objects, then
 * MemFree after shrinking); zombies, wait, reparenting, threads, vfork,
 * exec and signals behave as on Linux; capable() follows the current
 * task's cred.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "asm/pgtable.h"
#include "linux/cred.h"
#include "linux/page-flags.h"
#include "linux/machine.h"
#include "linux/mm.h"
#include "linux/mman.h"
#include "linux/pid.h"
#include "linux/sched.h"
#include "linux/sched/signal.h"
#include "linux/sched/task.h"
#include "linux/vmalloc.h"
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

static long long meminfo_kb(struct machine *m, const char *key)
{
	char *meminfo = ph_read(m, "/proc/meminfo");
	long long kb = ph_kv(meminfo, key);

	free(meminfo);
	return kb;
}

/* A /proc/NAME/FILE key's value (status lines), or -1. */
static long long status_kv(struct machine *m, const char *name, const char *key)
{
	char path[64], *text;
	long long v;

	snprintf(path, sizeof(path), "/proc/%s/status", name);
	text = ph_read(m, path);
	v = text ? ph_kv(text, key) : -1;
	free(text);
	return v;
}

/* The status line starting with @key (e.g. "State:"), without newline. */
static char *status_line(struct machine *m, const char *name, const char *key)
{
	char path[64], *text, *l, *out = NULL;

	snprintf(path, sizeof(path), "/proc/%s/status", name);
	text = ph_read(m, path);
	if (!text)
		return NULL;
	for (l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, key, strlen(key))) {
			out = strndup(l, strcspn(l, "\n"));
			break;
		}
	free(text);
	return out;
}

static void assert_status(struct machine *m, const char *name, const char *key, const char *want)
{
	char *line = status_line(m, name, key);

	assert_non_null(line);
	assert_string_equal(line, want);
	free(line);
}

static unsigned long mmap_prot(struct machine *m, const char *name, unsigned long len,
			       unsigned int prot)
{
	uint64_t addr = 0;

	assert_int_equal(mmsim_process_mmap(m, name, 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS,
					    &addr), 0);
	return (unsigned long)addr;
}

static unsigned long mmap_anon(struct machine *m, const char *name, unsigned long len)
{
	return mmap_prot(m, name, len, PROT_READ | PROT_WRITE);
}

/* The maps of @name with the line containing @drop (if any) taken out. */
static char *maps_without(struct machine *m, const char *name, const char *drop)
{
	char path[64], *text, *hit;

	snprintf(path, sizeof(path), "/proc/%s/maps", name);
	text = ph_read(m, path);
	assert_non_null(text);
	if (drop && (hit = strstr(text, drop)) != NULL) {
		char *end = strchr(hit, '\n');

		memmove(hit, end + 1, strlen(end + 1) + 1);
	}
	return text;
}

/*
 * The parent's maps:          the child's maps:
 *   binary, bss, heap...        the same lines
 *   wipe    rw-p  WIPEONFORK    wipe    rw-p  (no anon_vma: reads zeros)
 *   secret  r--p  DONTCOPY      -       (not copied)
 *   keep    rw-p  locked        keep    rw-p  (VM_LOCKED dropped)
 * (top-down, so in this order; secret's protection keeps the three apart)
 *   [vdso], [stack]             the same lines
 */
static void fork_copies_every_vma_but_dontcopy_and_wipes_wipeonfork(void **state)
{
	struct machine *m = *state;
	unsigned long keep, secret, wipe;
	struct task_struct *parent, *child;
	struct vm_area_struct *vma;
	char *pmaps, *cmaps, line[32];
	int pid;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	keep = mmap_anon(m, "db", 64 << 10);
	secret = mmap_prot(m, "db", 128 << 10, PROT_READ);
	wipe = mmap_anon(m, "db", 256 << 10);
	parent = find_process(m, "db");
	/* what madvise(MADV_DONTFORK / MADV_WIPEONFORK) and mlock set */
	find_vma(parent->mm, secret)->vm_flags |= VM_DONTCOPY;
	find_vma(parent->mm, wipe)->vm_flags |= VM_WIPEONFORK;
	vma = find_vma(parent->mm, keep);
	vma->vm_flags |= VM_LOCKED;
	parent->mm->locked_vm += vma_pages(vma);
	ph_assert_valid(m);

	assert_int_equal(mmsim_process_clone(m, "db", "child", MMSIM_CLONE_FORK, &pid), 0);
	child = find_process(m, "child");
	assert_non_null(child);
	assert_int_equal(child->pid, pid);
	assert_ptr_not_equal(child->mm, parent->mm);
	assert_int_equal(child->mm->map_count, parent->mm->map_count - 1);
	snprintf(line, sizeof(line), "%lx-", secret);
	pmaps = maps_without(m, "db", line);
	cmaps = maps_without(m, "child", NULL);
	assert_string_equal(cmaps, pmaps);
	free(pmaps);
	free(cmaps);
	assert_null(find_vma_intersection(child->mm, secret, secret + 1));
	vma = find_vma(child->mm, wipe);
	assert_true(vma->vm_flags & VM_WIPEONFORK);
	assert_null(vma->anon_vma);
	assert_false(find_vma(child->mm, keep)->vm_flags & VM_LOCKED);
	assert_int_equal(child->mm->locked_vm, 0);
	assert_int_equal(child->mm->total_vm, parent->mm->total_vm - (128 >> 2));
	assert_int_equal(child->mm->data_vm, parent->mm->data_vm);	/* secret is read-only */
	assert_int_equal(child->mm->exec_vm, parent->mm->exec_vm);
	assert_int_equal(child->mm->stack_vm, parent->mm->stack_vm);
	assert_int_equal(child->mm->brk, parent->mm->brk);
	assert_int_equal(child->mm->start_brk, parent->mm->start_brk);
	assert_int_equal(child->mm->hiwater_vm, child->mm->total_vm);
	assert_ptr_not_equal(child->mm->pgd, parent->mm->pgd);
	assert_false(ph_log_has(m, "dup_mmap:"));	/* validate_mm after the copy passed */
	ph_assert_valid(m);
}

/* Committed_AS: the child's private writable memory is charged again. */
static void fork_charges_the_childs_accountable_memory(void **state)
{
	struct machine *m = *state;
	long long before;
	int pid, st;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	mmap_anon(m, "db", 8 << 20);
	before = meminfo_kb(m, "Committed_AS");
	assert_int_equal(mmsim_process_clone(m, "db", "child", MMSIM_CLONE_FORK, &pid), 0);
	assert_true(meminfo_kb(m, "Committed_AS") >= before + (8 << 10));
	assert_int_equal(mmsim_process_exit(m, "child"), 0);
	assert_int_equal(mmsim_process_wait(m, "db", "child", &st), pid);
	assert_int_equal(meminfo_kb(m, "Committed_AS"), before);
	ph_assert_valid(m);
}

/*
 * The active objects of every cache, from /proc/slabinfo's column 2.
 * SLUB's slabinfo counts the free objects of a CPU's slab as active (only
 * partial slabs' free objects are subtracted, as Linux's get_slabinfo
 * does), so read_used_counts shrinks every cache first - what echo 1 >
 * /sys/kernel/slab/CACHE/shrink does: the CPU slabs are flushed and
 * column 2 is then the objects in use.
 */
struct slab_counts {
	char names[256][32];
	long active[256];
	int n;
};

static void read_slab_counts(struct machine *m, struct slab_counts *c)
{
	char *text = ph_read(m, "/proc/slabinfo"), *l;
	int skip = 2;

	c->n = 0;
	for (l = text; l && *l && c->n < 256; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (skip) {
			skip--;
			continue;
		}
		assert_int_equal(sscanf(l, "%31s %ld", c->names[c->n], &c->active[c->n]), 2);
		c->n++;
	}
	free(text);
}

/* echo 1 > /sys/kernel/slab/CACHE/shrink for every cache slabinfo lists. */
static void shrink_every_cache(struct machine *m)
{
	struct slab_counts c;
	char path[96];

	read_slab_counts(m, &c);
	for (int i = 0; i < c.n; i++) {
		snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink", c.names[i]);
		assert_int_equal(mmsim_write(m, path, "1"), 0);
	}
}

static void read_used_counts(struct machine *m, struct slab_counts *c)
{
	shrink_every_cache(m);
	read_slab_counts(m, c);
}

static long slab_active(const struct slab_counts *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (!strcmp(c->names[i], name))
			return c->active[i];
	return -1;
}

static void assert_same_slab_counts(const struct slab_counts *a, const struct slab_counts *b)
{
	assert_int_equal(a->n, b->n);
	for (int i = 0; i < a->n; i++) {
		assert_string_equal(a->names[i], b->names[i]);
		if (a->active[i] != b->active[i])
			fail_msg("%s: %ld active objects, %ld before", a->names[i], b->active[i],
				 a->active[i]);
	}
}

/*
 * One workload: spawn, mmap, mprotect, fork (a zombie reaped by wait),
 * a thread, vfork + exec, a forked child orphaned by its parent's exit,
 * then everything exits.
 */
static void lifecycle_cycle(struct machine *m)
{
	unsigned long a;
	int st;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	a = mmap_anon(m, "db", 1 << 20);
	assert_int_equal(mmsim_process_mprotect(m, "db", a, 64 << 10, PROT_READ), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "child", MMSIM_CLONE_FORK, &st), 0);
	mmap_anon(m, "child", 64 << 10);
	assert_int_equal(mmsim_process_exit_code(m, "child", 3, 0), 0);
	assert_true(mmsim_process_wait(m, "db", NULL, &st) > 0);
	assert_int_equal(st, 3 << 8);
	assert_int_equal(mmsim_process_clone(m, "db", "worker", MMSIM_CLONE_THREAD, &st), 0);
	mmap_anon(m, "worker", 8 << 10);
	assert_int_equal(mmsim_process_clone(m, "db", "sh", MMSIM_CLONE_VFORK, &st), 0);
	assert_int_equal(mmsim_process_exec(m, "sh", "/usr/bin/sh"), 0);
	assert_int_equal(mmsim_process_clone(m, "sh", "orphan", MMSIM_CLONE_FORK, &st), 0);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit(m, "sh"), 0);	/* a zombie of db's */
	assert_int_equal(mmsim_process_exit(m, "db"), 0);	/* sh reaped, worker killed */
	assert_int_equal(mmsim_process_exit(m, "orphan"), 0);	/* no parent: reaped */
	assert_null(find_task(m, "db"));
	assert_null(find_task(m, "sh"));
	assert_null(find_task(m, "orphan"));
	ph_assert_valid(m);
}

/*
 * The acceptance: after the workload, every cache's active
 * objects are back to their values before it; once every cache is shrunk
 * (as echo 1 > /sys/kernel/slab/CACHE/shrink does on Linux) MemFree is
 * back too.  A first run of the same workload comes before the baseline,
 * because three things it leaves stay on Linux as well: the executables
 * exec creates on the simulated disk (their dentries and inodes), the
 * two freed kernel stacks each CPU keeps for the next fork (still
 * vmalloc'd), and the vmalloc range's page tables (never freed).  Besides
 * shrinking, MemFree needs the lazily freed vmalloc ranges purged and the
 * per-CPU page lists drained (pages on them are not in the buddy's free
 * count): purge_vmap_area_lazy and drain_all_pages.
 */
static void every_slab_cache_and_memfree_return_after_the_lifecycle(void **state)
{
	struct machine *m = *state;
	struct slab_counts before, after;
	long long free_before;

	lifecycle_cycle(m);
	read_used_counts(m, &before);
	purge_vmap_area_lazy(m);
	drain_all_pages(m);
	free_before = meminfo_kb(m, "MemFree");

	lifecycle_cycle(m);
	read_used_counts(m, &after);
	assert_same_slab_counts(&before, &after);
	purge_vmap_area_lazy(m);
	drain_all_pages(m);
	assert_int_equal(meminfo_kb(m, "MemFree"), free_before);
	ph_assert_valid(m);
}

/* Slab: in meminfo is the slab pages of every cache, as slabinfo counts them. */
static long long slabinfo_pages_kb(struct machine *m)
{
	char *text = ph_read(m, "/proc/slabinfo"), *l;
	long long kb = 0;
	int skip = 2;

	for (l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		char name[64];
		long active, num, size, perslab, pages, limit, batch, shared, aslabs, slabs;

		if (skip) {
			skip--;
			continue;
		}
		assert_int_equal(sscanf(l, "%63s %ld %ld %ld %ld %ld : tunables %ld %ld %ld : slabdata %ld %ld",
					name, &active, &num, &size, &perslab, &pages, &limit, &batch,
					&shared, &aslabs, &slabs), 11);
		kb += (long long)slabs * pages * 4;
	}
	free(text);
	return kb;
}

/*
 * Issue 3's bullet: processes make their objects appear in slabinfo -
 * task_struct, mm_struct, vm_area_struct, pid (with cred merged into it:
 * two per process), signal_cache, sighand_cache, anon_vma_chain (with
 * fs_cache merged into it) - and Slab: equals the slab pages of all
 * caches.  Each process's PGD is one page of PageTables.
 */
static void processes_show_their_objects_in_slabinfo_and_slab_adds_up(void **state)
{
	struct machine *m = *state;
	struct slab_counts before, after;
	long long tables = meminfo_kb(m, "PageTables");
	const char *caches[] = { "task_struct", "mm_struct", "signal_cache", "sighand_cache" };
	char name[16];

	read_used_counts(m, &before);
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		assert_int_equal(mmsim_spawn(m, name, NULL), 0);
	}
	read_used_counts(m, &after);
	for (size_t i = 0; i < ARRAY_SIZE(caches); i++)
		assert_int_equal(slab_active(&after, caches[i]), slab_active(&before, caches[i]) + 5);
	assert_int_equal(slab_active(&after, "pid"), slab_active(&before, "pid") + 10);
	assert_int_equal(slab_active(&after, "anon_vma_chain"), slab_active(&before, "anon_vma_chain") + 5);
	assert_int_equal(slab_active(&before, "cred"), -1);	/* merged into pid */
	assert_true(slab_active(&after, "vm_area_struct") >=
		    slab_active(&before, "vm_area_struct") + 5 * find_process(m, "p0")->mm->map_count);
	assert_int_equal(meminfo_kb(m, "Slab"), slabinfo_pages_kb(m));
	assert_int_equal(meminfo_kb(m, "PageTables"), tables + 5 * 4);
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		assert_int_equal(mmsim_process_exit(m, name), 0);
	}
	assert_int_equal(meminfo_kb(m, "PageTables"), tables);
	assert_int_equal(meminfo_kb(m, "Slab"), slabinfo_pages_kb(m));
	ph_assert_valid(m);
}

/*
 * Strict overcommit: a fork whose copy of the private writable memory
 * does not fit fails with ENOMEM, and leaves every cache, Committed_AS,
 * PageTables and KernelStack as they were.
 */
static void fork_fails_with_enomem_under_strict_overcommit_and_leaks_nothing(void **state)
{
	struct machine *m = *state;
	struct slab_counts before, after;
	long long committed, limit, tables, stack;
	unsigned long len;
	int pid = 0;

	assert_int_equal(mmsim_write(m, "/proc/sys/vm/overcommit_memory", "2"), 0);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	committed = meminfo_kb(m, "Committed_AS");
	limit = meminfo_kb(m, "CommitLimit");
	/* more than half of what is left: fits once, not twice */
	len = (unsigned long)((limit - committed) * 6 / 10) << 10 & ~0xfffUL;
	mmap_anon(m, "db", len);
	/* a fork that works first: its freed stack stays in the CPU's cache */
	assert_int_equal(mmsim_process_clone(m, "db", "t", MMSIM_CLONE_THREAD, &pid), 0);
	assert_int_equal(mmsim_process_exit_code(m, "t", 0, 1), 0);
	read_used_counts(m, &before);
	committed = meminfo_kb(m, "Committed_AS");
	tables = meminfo_kb(m, "PageTables");
	stack = meminfo_kb(m, "KernelStack");
	assert_int_equal(mmsim_process_clone(m, "db", "child", MMSIM_CLONE_FORK, &pid), -ENOMEM);
	assert_null(find_task(m, "child"));
	read_used_counts(m, &after);
	assert_same_slab_counts(&before, &after);
	assert_int_equal(meminfo_kb(m, "Committed_AS"), committed);
	assert_int_equal(meminfo_kb(m, "PageTables"), tables);
	assert_int_equal(meminfo_kb(m, "KernelStack"), stack);
	assert_true(ph_log_has(m, "__vm_enough_memory: pid: 1, comm: db"));
	/* a thread shares the mm: nothing to charge, it works */
	assert_int_equal(mmsim_process_clone(m, "db", "t2", MMSIM_CLONE_THREAD, &pid), 0);
	ph_assert_valid(m);
}

static void fork_errors(void **state)
{
	struct machine *m = *state;
	int pid = 0;

	assert_int_equal(mmsim_process_clone(m, "nobody", "c", MMSIM_CLONE_FORK, &pid), -ESRCH);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "bad/name", MMSIM_CLONE_FORK, &pid), -EINVAL);
	assert_int_equal(mmsim_process_clone(m, "db", "123", MMSIM_CLONE_FORK, &pid), -EINVAL);
	assert_int_equal(mmsim_process_clone(m, "db", "a_name_far_too_long", MMSIM_CLONE_FORK, &pid),
			 -ENAMETOOLONG);
	assert_int_equal(mmsim_process_clone(m, "db", "db", MMSIM_CLONE_FORK, &pid), -EEXIST);
	assert_int_equal(mmsim_process_clone(m, "db", "c", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_exit(m, "c"), 0);	/* a zombie keeps its name */
	assert_int_equal(mmsim_process_clone(m, "db", "c", MMSIM_CLONE_FORK, &pid), -EEXIST);
	assert_int_equal(mmsim_process_clone(m, "c", "d", MMSIM_CLONE_FORK, &pid), -ESRCH);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "e", MMSIM_CLONE_FORK, &pid), -ESRCH);
	assert_null(find_task(m, "c"));				/* reaped with its parent */
	ph_assert_valid(m);
}

/* A zombie keeps task_struct, pid, cred and signal, not its stack or mm. */
static void a_forked_child_is_a_zombie_until_waited_for(void **state)
{
	struct machine *m = *state;
	long long stack;
	int pid, st = 0;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "child", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(status_kv(m, "child", "PPid"), 1);
	assert_int_equal(mmsim_process_wait(m, "db", NULL, &st), 0);	/* still running */
	stack = meminfo_kb(m, "KernelStack");
	assert_int_equal(mmsim_process_exit_code(m, "child", 7, 0), 0);
	assert_int_equal(meminfo_kb(m, "KernelStack"), stack - 16);
	assert_status(m, "child", "State:", "State:\tZ (zombie)");
	assert_null(status_line(m, "child", "VmSize:"));		/* no mm: no Vm lines */
	assert_null(status_line(m, "child", "Umask:"));		/* no fs_struct */
	assert_non_null(find_task(m, "child")->thread_pid);
	assert_null(find_process(m, "child"));
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_wait(m, "db", "child", &st), pid);
	assert_int_equal(st, 7 << 8);
	assert_null(find_task(m, "child"));
	assert_int_equal(mmsim_process_wait(m, "db", NULL, &st), -ECHILD);
	ph_assert_valid(m);
}

/* No init: orphans get PPid 0 and are reaped as soon as they exit. */
static void orphans_lose_their_parent_and_are_reaped_at_exit(void **state)
{
	struct machine *m = *state;
	int pid;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "a", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "z", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_exit(m, "z"), 0);
	assert_int_equal(mmsim_process_exit(m, "db"), 0);
	assert_null(find_task(m, "z"));			/* the zombie went with its parent */
	assert_int_equal(status_kv(m, "a", "PPid"), 0);
	assert_int_equal(mmsim_process_exit(m, "a"), 0);
	assert_null(find_task(m, "a"));
	ph_assert_valid(m);
}

/* A thread shares mm, signal (rlimits, oom_score_adj), sighand, fs, cred. */
static void a_thread_shares_the_process(void **state)
{
	struct machine *m = *state;
	struct task_struct *leader, *t;
	int tid;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "t", MMSIM_CLONE_THREAD, &tid), 0);
	leader = find_process(m, "db");
	t = find_process(m, "t");
	assert_ptr_equal(t->mm, leader->mm);
	assert_int_equal(leader->mm->mm_users, 2);
	assert_ptr_equal(t->signal, leader->signal);
	assert_ptr_equal(t->sighand, leader->sighand);
	assert_ptr_equal(t->fs, leader->fs);
	assert_ptr_equal(t->cred, leader->cred);
	assert_int_equal(t->tgid, leader->pid);
	assert_int_equal(status_kv(m, "db", "Threads"), 2);
	assert_int_equal(status_kv(m, "t", "Tgid"), leader->pid);
	assert_int_equal(status_kv(m, "t", "Pid"), tid);
	assert_int_equal(mmsim_write(m, "/proc/t/oom_score_adj", "300"), 0);
	assert_int_equal(leader->signal->oom_score_adj, 300);
	/* the leader exits alone: a zombie until its last thread goes */
	assert_int_equal(mmsim_process_exit_code(m, "db", 0, 1), 0);
	assert_status(m, "db", "State:", "State:\tZ (zombie)");
	assert_int_equal(t->mm->mm_users, 1);
	mmap_anon(m, "t", 4096);
	ph_assert_valid(m);
	assert_int_equal(mmsim_process_exit_code(m, "t", 0, 1), 0);
	assert_null(find_task(m, "db"));			/* the shell reaped it */
	ph_assert_valid(m);
}

/* vfork: the parent sleeps (D) until the child execs; exec gives a new mm. */
static void vfork_parent_sleeps_until_the_child_execs(void **state)
{
	struct machine *m = *state;
	struct task_struct *parent, *child;
	struct mm_struct *shared;
	int pid;

	assert_int_equal(mmsim_spawn(m, "sh", NULL), 0);
	parent = find_process(m, "sh");
	assert_int_equal(mmsim_process_clone(m, "sh", "ls", MMSIM_CLONE_VFORK, &pid), 0);
	child = find_process(m, "ls");
	shared = parent->mm;
	assert_ptr_equal(child->mm, shared);
	assert_int_equal(shared->mm_users, 2);
	assert_status(m, "sh", "State:", "State:\tD (disk sleep)");
	assert_int_equal(mmsim_process_exec(m, "ls", "/nosuch/x"), -ENOENT);
	assert_ptr_equal(child->mm, shared);			/* a failed exec changes nothing */
	assert_status(m, "sh", "State:", "State:\tD (disk sleep)");
	assert_int_equal(mmsim_process_exec(m, "ls", "/usr/bin/ls"), 0);
	assert_ptr_not_equal(child->mm, shared);
	assert_int_equal(shared->mm_users, 1);
	assert_status(m, "sh", "State:", "State:\tS (sleeping)");
	assert_false(child->flags & PF_FORKNOEXEC);
	ph_assert_valid(m);
}

/* exec by a thread: the others exit and it takes over the leader's pid. */
static void exec_by_a_thread_takes_the_leaders_pid(void **state)
{
	struct machine *m = *state;
	int tid;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "t1", MMSIM_CLONE_THREAD, &tid), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "t2", MMSIM_CLONE_THREAD, &tid), 0);
	assert_int_equal(mmsim_process_exec(m, "t2", "/usr/bin/t2"), 0);
	assert_null(find_task(m, "db"));
	assert_null(find_task(m, "t1"));
	assert_int_equal(find_process(m, "t2")->pid, 1);
	assert_int_equal(status_kv(m, "t2", "Threads"), 1);
	assert_int_equal(status_kv(m, "t2", "Pid"), 1);
	ph_assert_valid(m);
}

/* kill: default actions on the whole group. */
static void signals_take_their_default_actions(void **state)
{
	struct machine *m = *state;
	int pid, st = 0;

	assert_int_equal(mmsim_signal_number("TERM"), SIGTERM);
	assert_int_equal(mmsim_signal_number("sigkill"), SIGKILL);
	assert_int_equal(mmsim_signal_number("9"), SIGKILL);
	assert_int_equal(mmsim_signal_number("NOPE"), 0);
	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "child", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_clone(m, "child", "thr", MMSIM_CLONE_THREAD, &pid), 0);
	assert_int_equal(mmsim_kill(m, "child", SIGCHLD), 0);	/* ignored */
	assert_status(m, "child", "State:", "State:\tS (sleeping)");
	assert_int_equal(mmsim_kill(m, "thr", SIGSTOP), 0);	/* the whole group stops */
	assert_status(m, "child", "State:", "State:\tT (stopped)");
	assert_status(m, "thr", "State:", "State:\tT (stopped)");
	assert_int_equal(mmsim_kill(m, "child", SIGTERM), 0);	/* pending while stopped */
	assert_status(m, "child", "State:", "State:\tT (stopped)");
	assert_int_equal(mmsim_kill(m, "child", SIGCONT), 0);	/* ... then fatal */
	assert_null(find_task(m, "thr"));
	assert_status(m, "child", "State:", "State:\tZ (zombie)");
	assert_true(mmsim_process_wait(m, "db", "child", &st) > 0);
	assert_int_equal(st, SIGTERM);
	assert_int_equal(mmsim_kill(m, "child", SIGTERM), -ESRCH);
	assert_int_equal(mmsim_kill(m, "db", SIGKILL), 0);
	assert_null(find_task(m, "db"));
	ph_assert_valid(m);
}

/* capable() reads the current task's cred; spawn uid= gives none. */
static void capable_follows_the_current_tasks_cred(void **state)
{
	struct machine *m = *state;
	struct current_save save;

	assert_int_equal(mmsim_spawn_as(m, "user", 1, 1000, NULL), 0);
	assert_int_equal(mmsim_spawn(m, "root", NULL), 0);
	assert_true(capable(m, CAP_SYS_ADMIN));			/* the kernel actor */
	process_enter(m, "user", &save);
	assert_false(capable(m, CAP_SYS_ADMIN));
	assert_false(capable(m, CAP_IPC_LOCK));
	task_leave(m, &save);
	process_enter(m, "root", &save);
	assert_true(capable(m, CAP_SYS_ADMIN));
	task_leave(m, &save);
	assert_status(m, "user", "Uid:", "Uid:\t1000\t1000\t1000\t1000");
	assert_status(m, "user", "Gid:", "Gid:\t1000\t1000\t1000\t1000");
	assert_status(m, "user", "CapEff:", "CapEff:\t0000000000000000");
	assert_status(m, "root", "CapEff:", "CapEff:\t000001ffffffffff");
	assert_int_equal(find_process(m, "user")->cpu, 1);
	assert_int_equal(mmsim_spawn_as(m, "nocpu", 2, -1, NULL), -EINVAL);
	/* the child's cred is a copy: same ids, its own object */
	assert_int_equal(mmsim_process_clone(m, "user", "uchild", MMSIM_CLONE_FORK, &(int){0}), 0);
	assert_ptr_not_equal(find_process(m, "uchild")->cred, find_process(m, "user")->cred);
	assert_status(m, "uchild", "Uid:", "Uid:\t1000\t1000\t1000\t1000");
	assert_int_equal(find_process(m, "uchild")->cpu, 1);
	ph_assert_valid(m);
}

/*
 * Strict overcommit's admin reserve: root may use it, another user may
 * not.  The reserve is admin_reserve_kbytes; a mapping that needs part of
 * it succeeds for root and fails for uid 1000.
 */
static void the_admin_reserve_is_roots_only(void **state)
{
	struct machine *m = *state;
	long long room;
	uint64_t addr;

	assert_int_equal(mmsim_write(m, "/proc/sys/vm/overcommit_memory", "2"), 0);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/admin_reserve_kbytes", "65536"), 0);
	assert_int_equal(mmsim_write(m, "/proc/sys/vm/user_reserve_kbytes", "0"), 0);
	assert_int_equal(mmsim_spawn_as(m, "user", -1, 1000, NULL), 0);
	assert_int_equal(mmsim_spawn(m, "root", NULL), 0);
	room = meminfo_kb(m, "CommitLimit") - meminfo_kb(m, "Committed_AS");
	/* leaves 32 MiB: inside the 64 MiB admin reserve */
	addr = (uint64_t)(room - (32 << 10)) << 10;
	assert_int_equal(mmsim_process_mmap(m, "user", 0, addr, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &addr), -ENOMEM);
	addr = (uint64_t)(room - (32 << 10)) << 10;
	assert_int_equal(mmsim_process_mmap(m, "root", 0, addr, PROT_READ | PROT_WRITE,
					    MAP_PRIVATE | MAP_ANONYMOUS, &addr), 0);
	ph_assert_valid(m);
}

/*
 * RLIMIT_NPROC: a user's tasks (threads and zombies too) may exceed the
 * limit by one before fork says EAGAIN (is_rlimit_overlimit: count >
 * limit); root is never held back.
 */
static void fork_honours_rlimit_nproc_for_users_not_root(void **state)
{
	struct machine *m = *state;
	int pid;

	assert_int_equal(mmsim_spawn_as(m, "u", -1, 1000, NULL), 0);
	find_process(m, "u")->signal->rlim[RLIMIT_NPROC].rlim_cur = 2;
	assert_int_equal(mmsim_process_clone(m, "u", "c1", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_process_clone(m, "u", "t1", MMSIM_CLONE_THREAD, &pid), 0);
	assert_int_equal(mmsim_process_clone(m, "u", "c2", MMSIM_CLONE_FORK, &pid), -EAGAIN);
	assert_null(find_task(m, "c2"));
	assert_int_equal(mmsim_process_exit(m, "c1"), 0);		/* a zombie still counts */
	assert_int_equal(mmsim_process_clone(m, "u", "c2", MMSIM_CLONE_FORK, &pid), -EAGAIN);
	assert_true(mmsim_process_wait(m, "u", "c1", &pid) > 0);
	assert_int_equal(mmsim_process_clone(m, "u", "c2", MMSIM_CLONE_FORK, &pid), 0);
	assert_int_equal(mmsim_spawn(m, "r", NULL), 0);
	find_process(m, "r")->signal->rlim[RLIMIT_NPROC].rlim_cur = 0;
	assert_int_equal(mmsim_process_clone(m, "r", "rc", MMSIM_CLONE_FORK, &pid), 0);
	ph_assert_valid(m);
}

/* A vfork parent wakes when its child exits; a kill ends a vfork parent. */
static void vfork_parent_wakes_at_the_childs_exit_and_dies_of_a_kill(void **state)
{
	struct machine *m = *state;
	int pid;

	assert_int_equal(mmsim_spawn(m, "sh", NULL), 0);
	assert_int_equal(mmsim_process_clone(m, "sh", "c", MMSIM_CLONE_VFORK, &pid), 0);
	assert_int_equal(mmsim_process_exit_code(m, "c", 1, 0), 0);
	assert_status(m, "sh", "State:", "State:\tS (sleeping)");
	assert_int_equal(find_process(m, "sh")->mm->mm_users, 1);
	assert_int_equal(mmsim_process_clone(m, "sh", "d", MMSIM_CLONE_VFORK, &pid), 0);
	assert_int_equal(mmsim_kill(m, "sh", SIGKILL), 0);	/* TASK_KILLABLE */
	assert_null(find_task(m, "sh"));
	assert_int_equal(find_process(m, "d")->mm->mm_users, 1);	/* the shared mm lives on */
	assert_null(find_process(m, "d")->vfork_parent);
	assert_int_equal(status_kv(m, "d", "PPid"), 0);
	ph_assert_valid(m);
}

/* The PGD: one PGTY_table page whose kernel half is swapper_pg_dir's. */
static void a_processs_pgd_holds_the_kernel_half(void **state)
{
	struct machine *m = *state;
	pgd_t *pgd, *kernel;
	struct page *page;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	pgd = find_process(m, "db")->mm->pgd;
	kernel = (pgd_t *)(m->ram + m->swapper_pg_dir);
	page = pfn_to_page(m, (unsigned long)((char *)pgd - (char *)m->ram) >> PAGE_SHIFT);
	assert_int_equal(page->page_type, PGTY_table);
	assert_memory_equal(pgd + KERNEL_PGD_BOUNDARY, kernel + KERNEL_PGD_BOUNDARY,
			    KERNEL_PGD_PTRS * sizeof(pgd_t));
	for (int i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		assert_true(pgd_none(pgd[i]));
}

/* The validator finds each kind of broken reference, and passes again once fixed. */
static void validate_tasks_catches_broken_references(void **state)
{
	struct machine *m = *state;
	struct task_struct *db, *t;
	char err[256];
	int pid;

	assert_int_equal(mmsim_spawn(m, "db", NULL), 0);
	assert_int_equal(mmsim_process_clone(m, "db", "t", MMSIM_CLONE_THREAD, &pid), 0);
	db = find_process(m, "db");
	t = find_process(m, "t");
	assert_int_equal(validate_tasks(m, err, sizeof(err)), 0);
	db->mm->mm_users++;
	assert_int_equal(validate_tasks(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "mm_users"));
	db->mm->mm_users--;
	db->signal->nr_threads++;
	assert_int_equal(validate_tasks(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "nr_threads"));
	db->signal->nr_threads--;
	((struct cred *)t->cred)->usage++;
	assert_int_equal(validate_tasks(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "cred usage"));
	((struct cred *)t->cred)->usage--;
	t->tgid = 99;
	assert_int_equal(validate_tasks(m, err, sizeof(err)), -EUCLEAN);
	assert_non_null(strstr(err, "tgid 99"));
	t->tgid = db->pid;
	assert_int_equal(validate_tasks(m, err, sizeof(err)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(fork_copies_every_vma_but_dontcopy_and_wipes_wipeonfork,
						setup, teardown),
		cmocka_unit_test_setup_teardown(fork_charges_the_childs_accountable_memory, setup,
						teardown),
		cmocka_unit_test_setup_teardown(every_slab_cache_and_memfree_return_after_the_lifecycle,
						setup, teardown),
		cmocka_unit_test_setup_teardown(processes_show_their_objects_in_slabinfo_and_slab_adds_up,
						setup, teardown),
		cmocka_unit_test_setup_teardown(fork_fails_with_enomem_under_strict_overcommit_and_leaks_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(fork_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(a_forked_child_is_a_zombie_until_waited_for, setup,
						teardown),
		cmocka_unit_test_setup_teardown(orphans_lose_their_parent_and_are_reaped_at_exit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(a_thread_shares_the_process, setup, teardown),
		cmocka_unit_test_setup_teardown(vfork_parent_sleeps_until_the_child_execs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(exec_by_a_thread_takes_the_leaders_pid, setup, teardown),
		cmocka_unit_test_setup_teardown(signals_take_their_default_actions, setup, teardown),
		cmocka_unit_test_setup_teardown(capable_follows_the_current_tasks_cred, setup, teardown),
		cmocka_unit_test_setup_teardown(the_admin_reserve_is_roots_only, setup, teardown),
		cmocka_unit_test_setup_teardown(fork_honours_rlimit_nproc_for_users_not_root, setup,
						teardown),
		cmocka_unit_test_setup_teardown(vfork_parent_wakes_at_the_childs_exit_and_dies_of_a_kill,
						setup, teardown),
		cmocka_unit_test_setup_teardown(a_processs_pgd_holds_the_kernel_half, setup, teardown),
		cmocka_unit_test_setup_teardown(validate_tasks_catches_broken_references, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
