/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmsim's public API: boot a machine, read and write its files, let time
 * pass, drive its kernel directly, check its invariants, tear it down.
 * tools/ and tests/ talk to the simulator only through this header.
 *
 * Every function that can fail returns 0 or a negative errno, as the
 * kernel does; none of them prints anything to stdout or stderr.
 */
#ifndef _MMSIM_H
#define _MMSIM_H

#include <stddef.h>
#include <stdint.h>

#define MMSIM_VERSION "0.1.0"

struct machine;

/* The default machine when a script does not boot one. */
#define MMSIM_DEFAULT_CMDLINE "mem=2G nr_cpus=2 transparent_hugepage=madvise"

/*
 * mmsim_boot - boot a machine from a Linux kernel command line.
 * @seed is the PRNG seed unless the line has mmsim.seed=.
 * Returns 0 and the machine in *out, or -EINVAL with a one-line reason in
 * @err ("mem=abc: not a size (expected a size such as 512M or 8G)") for a
 * value mmsim cannot boot with, or -ENOMEM.  Unknown parameters are not
 * errors: they are logged as Linux logs them.
 */
int mmsim_boot(const char *cmdline, uint64_t seed, struct machine **out,
	       char *err, size_t errlen);

/* mmsim_destroy - free a machine and everything it holds. */
void mmsim_destroy(struct machine *m);

/*
 * mmsim_read - the contents of a file of the machine (/proc/meminfo,
 * /sys/devices/system/node/node0/meminfo, /proc/sys/vm/...) in a malloc'd
 * NUL-terminated buffer (*out, length *len).  Returns 0, -ENOENT, -EISDIR
 * or -EACCES; -EINVAL for a binary file (read those with mmsim_pread).
 */
int mmsim_read(struct machine *m, const char *path, char **out, size_t *len);

/*
 * mmsim_write - `echo VALUE > PATH`.  Returns 0, -ENOENT, -EISDIR, -EACCES
 * or -EINVAL (the value is rejected as Linux rejects it; nothing changes).
 */
int mmsim_write(struct machine *m, const char *path, const char *value);

/*
 * mmsim_readdir - entries of directory @path (sorted, directories end in
 * '/') as a malloc'd array of malloc'd strings; free with mmsim_free_list.
 * Returns 0, -ENOENT or -ENOTDIR.
 */
int mmsim_readdir(struct machine *m, const char *path, char ***names, size_t *nr);
void mmsim_free_list(char **names, size_t nr);

/* mmsim_dmesg - the kernel log as dmesg prints it (malloc'd). */
char *mmsim_dmesg(struct machine *m);

/* mmsim_sleep - let @ns of virtual time pass. */
void mmsim_sleep(struct machine *m, uint64_t ns);

/* mmsim_clock_ns - virtual nanoseconds since boot. */
uint64_t mmsim_clock_ns(const struct machine *m);

/* mmsim_seed - reseed the machine's PRNG. */
void mmsim_seed(struct machine *m, uint64_t seed);

/*
 * mmsim_validate - run every subsystem's validator.  Returns 0, or
 * -EUCLEAN with the first inconsistency described in @err.
 */
int mmsim_validate(struct machine *m, char *err, size_t errlen);

/* ---- the kernel actor: what a test module would do ---- */

/*
 * mmsim_alloc_pages - alloc_pages_node(@nid, @gfp, @order) on CPU @cpu
 * (-1: the current CPU; @nid -1: NUMA_NO_NODE).  @gfp is text as Linux
 * prints it ("GFP_KERNEL|__GFP_ZERO", a 0x value; NULL means GFP_KERNEL).
 * Returns 0 and the first pfn in *pfn; -EINVAL for bad flags, order, node
 * or CPU (with the reason in @err); -ENOMEM when the allocation failed (the
 * failure report is in the log unless __GFP_NOWARN).
 */
int mmsim_alloc_pages(struct machine *m, unsigned int order, const char *gfp,
		      int nid, int cpu, unsigned long *pfn, char *err, size_t errlen);

/*
 * mmsim_free_pages - __free_pages(pfn_to_page(@pfn), @order).  Returns 0,
 * or -EINVAL when @pfn does not start an allocation of that order (then
 * Linux's "BUG: Bad page state" is logged and nothing is freed).
 */
int mmsim_free_pages(struct machine *m, unsigned long pfn, unsigned int order);

/* mmsim_drain_pages - drain_all_pages(): empty every per-CPU list. */
void mmsim_drain_pages(struct machine *m);

/* ---- the kernel actor: kernel memory (slab, kmalloc, vmalloc) ----
 *
 * Objects are named by their kernel virtual address, as Linux prints
 * pointers with %px: direct-map addresses (PAGE_OFFSET + physical address)
 * for slab and kmalloc objects, addresses in the vmalloc range for vmalloc
 * areas.  The addresses are deterministic.  The actor runs as a task named
 * "kactor", which is what owner tracking (slub_debug=U) records.
 */

/*
 * mmsim_kmalloc - kmalloc_node(@size, @gfp, @nid).  @gfp is text as for
 * mmsim_alloc_pages (NULL: GFP_KERNEL), @nid -1 is NUMA_NO_NODE.  Returns 0
 * and the address in *va (0x10, ZERO_SIZE_PTR, for size 0, as Linux);
 * -EINVAL for bad flags or node (the reason in @err); -ENOMEM when the
 * allocation failed (Linux's failure reports are in the log unless
 * __GFP_NOWARN).
 */
int mmsim_kmalloc(struct machine *m, uint64_t size, const char *gfp, int nid,
		  uint64_t *va, char *err, size_t errlen);

/*
 * mmsim_kfree - kfree() of the object at @va.  Returns 0, or -EINVAL when
 * @va is not in the direct map or the slab layer rejects the pointer (a
 * double free, not an object's start, not allocated: its report is in the
 * log and nothing is freed).  0 and 0x10 are ignored, as kfree does.
 * -EBUSY when @va is a live object the actor did not allocate (a dangling
 * pointer to memory the kernel reused, a raw address of the kernel's
 * object): refused, nothing freed, a "kactor: kfree(...)" line in the log.
 * The same -EBUSY refusal applies to mmsim_krealloc, mmsim_kmem_cache_free,
 * mmsim_kmem_cache_free_to and mmsim_vfree (a vmalloc area the actor did
 * not make, such as a kernel stack).  EBUSY, as for a module or file
 * system in use: the object is in use by its owner.
 */
int mmsim_kfree(struct machine *m, uint64_t va);

/* mmsim_kernel_va_valid - 1 if @va is a direct-map address of simulated RAM, else 0. */
int mmsim_kernel_va_valid(struct machine *m, uint64_t va);

/*
 * mmsim_krealloc - krealloc(@va, @new_size, @gfp) of a live kmalloc'd
 * object (@gfp text as for mmsim_kmalloc, NULL for GFP_KERNEL).  Returns
 * 0 and the object's address in *@new_va (the same when it fits in place;
 * 0x10, ZERO_SIZE_PTR, for size 0, which frees it); -ENOMEM with @va
 * untouched; -EINVAL for a bad @va (an address that is no live
 * allocation: reported in the kernel log when in simulated memory, else
 * explained in @err) or a bad size or @gfp (in @err).
 */
int mmsim_krealloc(struct machine *m, uint64_t va, uint64_t new_size, const char *gfp,
		   uint64_t *new_va, char *err, size_t errlen);

/* mmsim_ksize - ksize() of the object at @va: its usable bytes, 0 if bad. */
uint64_t mmsim_ksize(struct machine *m, uint64_t va);

/*
 * mmsim_kmem_cache_create - kmem_cache_create(@name, @size, @align, @flags,
 * ctor) as a module would.  @flags is text: SLAB_* names or their short
 * lower-case forms joined by '|' ("hwcache_align|reclaim_account",
 * "SLAB_ACCOUNT|SLAB_PANIC"), NULL or "" for none; @ctor gives the cache a
 * constructor (one that leaves the object as it is: what it changes is the
 * layout, the free pointer going after the object, and merging).
 * @name: 1 to 31 letters, digits, '_', '-' or '.'.  The cache may be merged
 * into an existing one, as Linux does; @name then names it as an alias.
 * Returns 0; -EINVAL (bad name, size 0 or above 4 MiB, align not a power of
 * two or above a page, unknown flag: reason in @err); -EEXIST (a cache or
 * alias of that name exists); -ENOMEM.
 */
int mmsim_kmem_cache_create(struct machine *m, const char *name, uint64_t size,
			    uint64_t align, const char *flags, int ctor,
			    char *err, size_t errlen);

/*
 * mmsim_kmem_cache_alloc - kmem_cache_alloc_node() from the cache named
 * @cache (one the actor created, or any of the kernel's: "kmalloc-64",
 * "dentry"...).  @gfp, @nid as for mmsim_kmalloc.  Returns 0 and the
 * object's address in *va; -ENOENT (no such cache), -EINVAL (bad flags or
 * node: reason in @err) or -ENOMEM.
 */
int mmsim_kmem_cache_alloc(struct machine *m, const char *cache, const char *gfp,
			   int nid, uint64_t *va, char *err, size_t errlen);

/*
 * mmsim_kmem_cache_free - kmem_cache_free() of @va to the cache named
 * @cache (0 is ignored).  Returns 0, -ENOENT (no such cache) or -EINVAL
 * (not in the direct map, or rejected by the slab layer: reported in the
 * log; nothing is freed).
 */
int mmsim_kmem_cache_free(struct machine *m, const char *cache, uint64_t va);

struct kmem_cache;
/*
 * mmsim_kmem_cache_get - the cache @name names now (the actor's own caches
 * first, then the kernel's, aliases included), for a set of objects to
 * free into later whatever happens to the name; its serial in *@id (may
 * be NULL).  NULL if no cache has that name.
 */
struct kmem_cache *mmsim_kmem_cache_get(struct machine *m, const char *name, uint64_t *id);
/*
 * mmsim_kmem_cache_free_to - kmem_cache_free() of @va to @s, a cache from
 * mmsim_kmem_cache_get with serial @id, checked as mmsim_kmem_cache_free.
 * A cache destroyed with objects left (leaked, as Linux 6.18 leaks it)
 * still takes its objects.  -ENOENT when @s no longer exists (destroyed
 * empty, even if a new cache now has its name or its memory); -EINVAL
 * for a refused free (reported in the kernel log); 0 otherwise.
 */
int mmsim_kmem_cache_free_to(struct machine *m, struct kmem_cache *s, uint64_t id,
			     uint64_t va);

/*
 * mmsim_kmem_cache_shrink - kmem_cache_shrink() of the cache named @cache
 * (any cache, as `echo 1 > /sys/kernel/slab/CACHE/shrink`).  Returns 0 or
 * -ENOENT.
 */
int mmsim_kmem_cache_shrink(struct machine *m, const char *cache);

/*
 * mmsim_kmem_cache_destroy - kmem_cache_destroy() of a cache the actor
 * created.  Returns 0 (if objects remained, Linux's report is in the log
 * and the cache's slabs stay allocated, as on Linux), -ENOENT (no such
 * cache, or destroyed already: a cache merged into another leaves its
 * name behind as an alias, as on Linux, so the name stays taken) or
 * -EPERM (a cache the kernel itself made).
 */
int mmsim_kmem_cache_destroy(struct machine *m, const char *cache);

/*
 * mmsim_vmalloc - vmalloc(@size): a virtually contiguous area of order-0
 * pages in the vmalloc range.  Returns 0 and its address in *va, or
 * -ENOMEM (with Linux's "vmalloc error" report in the log).
 */
int mmsim_vmalloc(struct machine *m, uint64_t size, uint64_t *va, char *err, size_t errlen);

/*
 * mmsim_vfree - vfree() of the vmalloc area containing @va (0 is ignored).
 * Returns 0, or -EINVAL when @va is in no area or not page aligned
 * (Linux's warning is in the log and nothing is freed).
 */
int mmsim_vfree(struct machine *m, uint64_t va);

/*
 * mmsim_kwrite - store @len bytes of value @byte at @va + @offset, as a
 * buggy module would: past the end of an object is allowed (that is how a
 * red zone gets overwritten), so is a freed object, a slab's tail padding,
 * a free page, user and page-cache data.  The whole range is checked
 * first; nothing is written when it returns -EFAULT (outside the direct
 * map of RAM, or an unmapped vmalloc page such as a guard page) or -EPERM
 * (it touches what the kernel uses for itself, which mmsim's host code
 * reads directly: a live slab object the actor did not allocate, a
 * page-table page, a reserved page, a vmalloc area or large kmalloc the
 * actor does not own, another page the kernel allocated; on Linux an oops
 * or worse would follow).  mmsim_kwrite_why also says, for -EPERM, what
 * was hit in @why ("0xffff888003484400 is a live task_struct object mmsim
 * uses").
 */
int mmsim_kwrite(struct machine *m, uint64_t va, uint64_t offset, uint64_t len, int byte);
int mmsim_kwrite_why(struct machine *m, uint64_t va, uint64_t offset, uint64_t len, int byte,
		     char *why, size_t whylen);

/*
 * mmsim_kread - copy @len bytes at @va into @buf.  Returns 0 or -EFAULT
 * (as mmsim_kwrite).
 */
int mmsim_kread(struct machine *m, uint64_t va, void *buf, uint64_t len);

/*
 * Reclaimable groups: objects the actor hands to a shrinker of its own,
 * as a cache of reclaimable objects (dentries, inodes) would, so that
 * `echo 2 > /proc/sys/vm/drop_caches` and reclaim free them.
 *
 * mmsim_kactor_reclaimable - give the @nr objects at @vas, allocated from
 * the cache named @cache, to the group @group (1 to 24 characters): a
 * shrinker named "kactor-GROUP" counts them and frees them, oldest first.
 * The group then owns them.  Returns 0, -EEXIST (the group exists),
 * -ENOENT (no such cache), -EINVAL (bad name) or -ENOMEM.
 */
int mmsim_kactor_reclaimable(struct machine *m, const char *group, const char *cache,
			     const uint64_t *vas, size_t nr);

/*
 * mmsim_kactor_group_objects - objects the group still holds (the shrinker
 * may have freed some), or -ENOENT.  mmsim_kactor_group_va puts the
 * address of the @idx-th (0: the oldest) in *va; -ENOENT or -ERANGE.
 */
long mmsim_kactor_group_objects(struct machine *m, const char *group);
int mmsim_kactor_group_va(struct machine *m, const char *group, size_t idx, uint64_t *va);

/*
 * mmsim_kactor_group_free - kmem_cache_free() the group's objects at
 * positions 0, @every, 2 * @every... (@every 1: all of them), *freed and
 * *refused counting them; a refused object leaves the group too.  When the
 * group is empty its shrinker is unregistered and the group is gone.
 * Returns 0, or -ENOENT.
 */
int mmsim_kactor_group_free(struct machine *m, const char *group, size_t every,
			    size_t *freed, size_t *refused);

/* mmsim_strerror_name - "ENOMEM" for ENOMEM (positive errno). */
const char *mmsim_errno_name(int err);

/*
 * mmsim_errno_text - "Cannot allocate memory" for ENOMEM: the message
 * strace prints after the name (glibc's C-locale strerror text), from a
 * fixed table so it never depends on the host.  @err may be positive or
 * negative.  Returns NULL for a number Linux does not define (as
 * mmsim_errno_name does).
 */
const char *mmsim_errno_text(int err);

/* ---- the simulated disk (fs/simdisk.c, fs/namei.c) ---- */

/* What a new file's bytes are (mmsim_create_file's @data_kind). */
#define MMSIM_DATA_ZERO		0	/* zeros */
#define MMSIM_DATA_RANDOM	1	/* PRNG bytes, the same for the same seed and script */
#define MMSIM_DATA_TEXT		2	/* a repeating English-like text */

/*
 * mmsim_create_file - create the regular file @path (absolute) of @size
 * bytes of @data_kind on the machine's disk, with the directories missing on
 * its way (as mkdir -p).  The disk (device 254:1, "fe:01" in maps; inode
 * numbers from 12 up, the root directory being 2) is made on first use;
 * every file takes its size rounded up to 4K, every directory 4K, of
 * mmsim.disk_size= (default 64G).  All or nothing.  Returns 0, or with a
 * one-line reason in @err: -EINVAL (not an absolute path, bad @data_kind),
 * -EEXIST, -ENOTDIR (a component is a file), -EISDIR (path ends in /),
 * -ENOENT (. or .. after a missing directory), -ENAMETOOLONG, -EFBIG,
 * -ENOSPC (the disk is full), -EIO (the host directory failed), -ENOMEM.
 */
int mmsim_create_file(struct machine *m, const char *path, uint64_t size, int data_kind,
		      char *err, size_t errlen);

/*
 * mmsim_stat_file - size in bytes, device (Linux's kernel dev_t: major << 20
 * | minor) and inode number of @path on the disk (any NULL pointer is
 * skipped).  0, or -ENOENT (also when no file was ever made), -ENOTDIR,
 * -EINVAL (not absolute), -ENAMETOOLONG.
 */
int mmsim_stat_file(struct machine *m, const char *path, uint64_t *size, uint32_t *dev,
		    uint64_t *ino);

/* What stat(2) tells of a file on the disk (mmsim_stat). */
struct mmsim_stat {
	uint64_t size;		/* st_size: bytes (4096 for a directory) */
	uint64_t blocks;	/* st_blocks: 512-byte sectors (the size in 4K blocks) */
	uint64_t ino;		/* st_ino */
	uint32_t dev;		/* st_dev as Linux's kernel dev_t: major << 20 | minor */
	uint32_t mode;		/* st_mode: S_IFREG | 0644 or S_IFDIR | 0755 */
	uint32_t nlink;		/* st_nlink: 1 for a file, 2 + subdirectories for a directory */
};

/* mmsim_stat - all of the above for @path; errors as mmsim_stat_file. */
int mmsim_stat(struct machine *m, const char *path, struct mmsim_stat *st);

/*
 * mmsim_read_file_bytes - copy up to @len bytes of the file @path from
 * @offset into @buf, straight from its host file (no page cache).  Returns
 * the bytes copied (short or 0 at the end of the file), or -ENOENT,
 * -ENOTDIR, -EISDIR, -EINVAL, -EIO.
 */
int64_t mmsim_read_file_bytes(struct machine *m, const char *path, uint64_t offset,
			      void *buf, uint64_t len);

/* ---- processes (kernel/process.c) ---- */

/*
 * mmsim_spawn - start the process @name (its comm; unique among live
 * processes): a task with the next pid (the first is 1) and an address
 * space holding only the stack.  Returns 0 and the pid in *pid (if not
 * NULL), or -EINVAL (a name not of 1-15 letters, digits, _ or -, all
 * digits, or "kernel"), -ENAMETOOLONG, -EEXIST, -EAGAIN, -ENOMEM.
 */
int mmsim_spawn(struct machine *m, const char *name, int *pid);

/* mmsim_process_exit - exit_group(0) of the process @name (see
 * mmsim_process_exit_code); 0 or -ESRCH (no such live process). */
int mmsim_process_exit(struct machine *m, const char *name);

/* One task (a process, or a thread with mmsim_task_lookup). */
struct mmsim_process {
	int pid;		/* its pid (a thread's: its thread id) */
	int tgid;		/* its process's pid */
	int ppid;		/* its parent's pid; 0: the shell's child or orphaned */
	char state;		/* R S D T Z, as ps's STAT */
	char comm[16];		/* its name, NUL-terminated */
	int vfork_parent;	/* pid of the parent it holds in vfork, or 0 */
	char vfork_child[16];	/* state D: the vfork child it waits for */
};

/* mmsim_process_at - the @idx-th process (thread group leader, live or
 * zombie; 0-based, pid order) in *out; 0, or -ENOENT past the last. */
int mmsim_process_at(struct machine *m, size_t idx, struct mmsim_process *out);

/*
 * mmsim_process_mmap - mmap(2) by the process @name: @prot PROT_* and
 * @flags MAP_* as Linux's values (MAP_ANONYMOUS required: fd -1, offset
 * 0; file mappings come later).  Returns 0 and the address in *out, or
 * -ESRCH (no such process), -EBADF (no MAP_ANONYMOUS), or do_mmap's
 * -EINVAL, -ENOMEM (incl. the overcommit refusal), -EEXIST, -EPERM,
 * -EOVERFLOW.
 */
int mmsim_process_mmap(struct machine *m, const char *name, uint64_t addr, uint64_t len,
		       unsigned int prot, unsigned int flags, uint64_t *out);

/*
 * mmsim_process_mmap_file - mmsim_process_open(@path, O_RDWR), then
 * mmsim_process_mmap_fd at file @offset by @name, then close: the
 * mapping keeps the file (fs/file_syscalls.c).  Returns their errors.
 */
int mmsim_process_mmap_file(struct machine *m, const char *name, const char *path,
			    uint64_t addr, uint64_t len, unsigned int prot, unsigned int flags,
			    uint64_t offset, uint64_t *out);

/* mmsim_process_munmap - munmap(2) by @name: 0, -ESRCH or -EINVAL. */
int mmsim_process_munmap(struct machine *m, const char *name, uint64_t addr, uint64_t len);

/* mmsim_process_mprotect - mprotect(2) by @name: 0, -ESRCH, -EINVAL,
 * -ENOMEM, -EACCES. */
int mmsim_process_mprotect(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			   unsigned int prot);

/*
 * mmsim_process_brk - brk(2) by @name: *out is what brk returns, the new
 * break or, when refused, the old one (brk never fails with an errno).
 * 0, or -ESRCH.
 * mmsim_process_brk_range - the heap's start (start_brk) and the current
 * break of @name; 0 or -ESRCH.
 */
int mmsim_process_brk(struct machine *m, const char *name, uint64_t brk, uint64_t *out);
int mmsim_process_brk_range(struct machine *m, const char *name, uint64_t *start_brk,
			    uint64_t *brk);

/* ---- process lifecycle: fork, vfork, clone, exec, kill (kernel/fork.c, kernel/exit.c) ---- */

/*
 * mmsim_spawn_as - mmsim_spawn on CPU @cpu (-1: the current CPU; its
 * allocations prefer that CPU's node) as user @uid (-1 or 0: root, with
 * every capability; another uid has none).  Returns as mmsim_spawn, and
 * -EINVAL for a CPU the machine does not have or a uid below -1.
 */
int mmsim_spawn_as(struct machine *m, const char *name, int cpu, int uid, int *pid);

/* mmsim_nr_cpus - how many CPUs the machine has (nr_cpu_ids). */
int mmsim_nr_cpus(const struct machine *m);

/* The kinds of mmsim_process_clone. */
enum {
	MMSIM_CLONE_FORK,	/* fork(): SIGCHLD, a copy of everything */
	MMSIM_CLONE_VFORK,	/* vfork(): CLONE_VM|CLONE_VFORK|SIGCHLD */
	MMSIM_CLONE_THREAD,	/* a thread: CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD */
};

/*
 * mmsim_process_clone - fork, vfork or a new thread (@kind) of the live
 * task @name, the new task named @child.  Returns 0 and its pid in *@pid,
 * or -ESRCH (@name not live), -EINVAL/-ENAMETOOLONG (bad @child name),
 * -EEXIST (@child names a live or zombie task), -ENOMEM (no memory, or
 * the overcommit charge of the copied private writable memory refused;
 * nothing leaks), -EAGAIN (no pid left).  After a vfork, @name sleeps
 * (state D) until @child execs or exits.
 */
int mmsim_process_clone(struct machine *m, const char *name, const char *child, int kind,
			int *pid);

/* mmsim_process_exec - execve(@path) by @name: 0, -ESRCH, or exec's
 * -ENOENT, -ENOMEM... with the process unchanged. */
int mmsim_process_exec(struct machine *m, const char *name, const char *path);

/*
 * mmsim_process_exit_code - @name exits with status @code (0-255):
 * exit_group (every thread) or, with @thread_only, exit(2) of that task
 * alone.  A forked child becomes a zombie until its parent waits or
 * exits; a spawned process is reaped at once.  0 or -ESRCH.
 */
int mmsim_process_exit_code(struct machine *m, const char *name, int code, int thread_only);

/*
 * mmsim_process_wait - wait4(CHILD or -1, &status, WNOHANG) by @name
 * (@child NULL: any child): the pid of the zombie child reaped, its wait
 * status in *@status; 0 when children exist but none has exited; -ECHILD
 * (no such child); -ESRCH (@name not live).
 */
int mmsim_process_wait(struct machine *m, const char *name, const char *child, int *status);

/*
 * mmsim_kill - kill(pid of @name, @sig) by root: the signal's default
 * action on the whole process (terminate, ignore, stop, continue).
 * 0 (also for a zombie), -ESRCH (no such task), -EINVAL (bad @sig).
 * mmsim_signal_number - a signal's number from a name as kill(1) takes it
 * (TERM, SIGTERM, 15), or 0.
 */
int mmsim_kill(struct machine *m, const char *name, int sig);
int mmsim_signal_number(const char *text);
/* mmsim_signal_name - "SIGTERM" for 15 into @buf (@len bytes); returns @buf. */
const char *mmsim_signal_name(int sig, char *buf, int len);

/* mmsim_task_lookup - the task (process or thread, live or zombie)
 * named @name in *@out; 0 or -ESRCH. */
int mmsim_task_lookup(struct machine *m, const char *name, struct mmsim_process *out);

/* ---- mremap and resource limits (mm/mremap.c, kernel/sys.c) ---- */

/*
 * mmsim_process_mremap - mremap(2) by the process @name: resize the mapping
 * at @old_addr from @old_len to @new_len bytes, @flags MREMAP_MAYMOVE (1),
 * MREMAP_FIXED (2, to @new_addr), MREMAP_DONTUNMAP (4) as Linux's values.
 * Returns 0 and the mapping's (new) address in *out, or -ESRCH (no such
 * process) or do_mremap's -EINVAL, -EFAULT, -ENOMEM, -EAGAIN (mm/mremap.c
 * lists when).
 */
int mmsim_process_mremap(struct machine *m, const char *name, uint64_t old_addr,
			 uint64_t old_len, uint64_t new_len, unsigned int flags,
			 uint64_t new_addr, uint64_t *out);

/*
 * mmsim_process_prlimit - prlimit64(0, @resource, new, old) by @name:
 * @new_cur_max (NULL: read only) is {soft, hard} to set, @old_cur_max
 * (NULL: not wanted) receives {soft, hard} as they were; RLIM_INFINITY is
 * UINT64_MAX.  Returns 0, -ESRCH, -EINVAL (resource 16 or more, soft >
 * hard), -EPERM (raising the hard limit without CAP_SYS_RESOURCE, a
 * RLIMIT_NOFILE hard limit above fs.nr_open).
 */
int mmsim_process_prlimit(struct machine *m, const char *name, unsigned int resource,
			  const uint64_t *new_cur_max, uint64_t *old_cur_max);

/* ---- madvise, mlock, msync, mincore (mm/madvise.c, mm/mlock.c, mm/msync.c, mm/mincore.c) ---- */

/*
 * mmsim_process_madvise - madvise(2) by the process @name with @advice a
 * MADV_* value as Linux's (MADV_DONTNEED 4 ...).  Returns 0, -ESRCH (no
 * such process), or Linux's -EINVAL (unknown advice, unaligned @addr, a
 * length that rounds to 0 or wraps, advice a VMA refuses: wipeonfork on
 * shared or file memory, dontneed/free/cold/pageout on locked memory,
 * free on non-anonymous memory ...), -ENOMEM (a hole; the mapped parts
 * took the advice), -EAGAIN (a split at vm.max_map_count).
 */
int mmsim_process_madvise(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			  int advice);

/*
 * mmsim_process_mlock / _mlock2 (@flags: MLOCK_ONFAULT 1) / _munlock /
 * _mlockall (@flags: MCL_CURRENT 1 | MCL_FUTURE 2 | MCL_ONFAULT 4) /
 * _munlockall by @name: 0, -ESRCH, or Linux's -EINVAL (bad flags, a
 * wrapping range), -EPERM (RLIMIT_MEMLOCK 0 without CAP_IPC_LOCK),
 * -ENOMEM (past RLIMIT_MEMLOCK without CAP_IPC_LOCK, or a hole: the VMAs
 * before it stay changed).  VmLck in /proc/NAME/status follows.
 */
int mmsim_process_mlock(struct machine *m, const char *name, uint64_t addr, uint64_t len);
int mmsim_process_mlock2(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			 int flags);
int mmsim_process_munlock(struct machine *m, const char *name, uint64_t addr, uint64_t len);
int mmsim_process_mlockall(struct machine *m, const char *name, int flags);
int mmsim_process_munlockall(struct machine *m, const char *name);

/*
 * mmsim_process_msync - msync(2) by @name, @flags MS_ASYNC 1 |
 * MS_INVALIDATE 2 | MS_SYNC 4: 0, -ESRCH, -EINVAL, -ENOMEM, -EBUSY
 * (MS_INVALIDATE over locked memory).  Nothing is written back yet.
 */
int mmsim_process_msync(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			int flags);

/*
 * mmsim_process_mincore - mincore(2) by @name: one byte per page of
 * [@addr, @addr + @len) into @vec (@veclen bytes; -EFAULT when too
 * short), 1 for a resident page.  0, -ESRCH, -EINVAL (unaligned),
 * -ENOMEM (beyond the user address space, or a hole: the bytes before it
 * are written).
 */
int mmsim_process_mincore(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			  unsigned char *vec, size_t veclen);

/* ---- descriptors: open, close (fs/file.c, fs/open.c) ---- */

/*
 * Descriptors are numbers, as in C: a spawned process starts with 0, 1
 * and 2 open on the console (/dev/console, as inherited from init), so its
 * first open gets 3; each open takes the lowest free number.
 *
 * mmsim_process_open - open(2) (openat(AT_FDCWD, ...)) of @path (a
 * relative one from /, every process's working directory) by @name with @flags as Linux's values: O_RDONLY, O_WRONLY or
 * O_RDWR, | O_CREAT (a missing file is made empty, in an existing
 * directory), O_EXCL, O_CLOEXEC.  0 and the descriptor in *@fd, or
 * -ESRCH, -EMFILE (none free below RLIMIT_NOFILE's soft limit, checked
 * first), -ENOENT, -ENOTDIR, -EISDIR (a directory for writing or with
 * O_CREAT), -EEXIST (O_CREAT|O_EXCL), -EINVAL, -ENAMETOOLONG, -ENOSPC,
 * -ENOMEM.
 */
int mmsim_process_open(struct machine *m, const char *name, const char *path,
		       unsigned int flags, int *fd);

/* mmsim_process_close - close(2) of @fd by @name: 0, -ESRCH or -EBADF. */
int mmsim_process_close(struct machine *m, const char *name, int fd);

/*
 * mmsim_process_mmap_fd - mmap(2) of the open descriptor @fd by @name at
 * file @offset, as mmsim_process_mmap otherwise (MAP_ANONYMOUS in @flags
 * is ignored).  0 and the address, or -ESRCH, -EINVAL (@offset not page
 * aligned), -EBADF (@fd not open), do_mmap's file checks: -EACCES
 * (MAP_SHARED with PROT_WRITE on a descriptor not open for writing, any
 * mapping of an O_WRONLY one), -ENODEV (a directory, the console),
 * -EOVERFLOW, -EINVAL (growsdown); and mmsim_process_mmap's errors.
 */
int mmsim_process_mmap_fd(struct machine *m, const char *name, int fd, uint64_t addr,
			  uint64_t len, unsigned int prot, unsigned int flags, uint64_t offset,
			  uint64_t *out);

/*
 * mmsim_process_fd_path - the path @fd of @name names ("/dev/console" for
 * 0-2 as spawned), as strace -y and /proc/PID/fd show it, into @buf.
 * 0, -ESRCH, -EBADF (not open), -ENAMETOOLONG.
 */
int mmsim_process_fd_path(struct machine *m, const char *name, int fd, char *buf, size_t len);

/* mmsim_process_next_fd - the descriptor @name's next open would get, or -ESRCH. */
int mmsim_process_next_fd(struct machine *m, const char *name);

/* ---- executables (fs/elf_image.c, fs/binfmt_elf.c) ---- */

/* Executable shapes (mmsim_create_elf's @elf_kind). */
#define MMSIM_ELF_PIE		0	/* dynamically linked PIE, /usr/bin/cat's segments */
#define MMSIM_ELF_STATIC	1	/* static non-PIE at 0x400000 with a bss */
#define MMSIM_ELF_LIB		2	/* ET_DYN without interpreter: ld.so's segments */

/*
 * mmsim_create_elf - create @path as an executable of @elf_kind: @size
 * bytes (0: the model's size, 44016 / 94208 / 215000) of zeros with real
 * ELF64 headers at the start; the text segment takes what @size adds or
 * removes.  A PIE also creates /lib64/ld-linux-x86-64.so.2 (MMSIM_ELF_LIB)
 * if missing.  0, or -EINVAL (@size below the shape's minimum, unknown
 * kind) and mmsim_create_file's errors, with a message in @err.
 */
int mmsim_create_elf(struct machine *m, const char *path, uint64_t size, int elf_kind,
		     char *err, size_t errlen);

/* ---- memory access: the read and write verbs (kernel/access.c) ---- */

/* Access patterns (kernel/access_pattern.c). */
enum mmsim_access_pattern {
	MMSIM_ACCESS_SEQ,	/* every page once, in address order */
	MMSIM_ACCESS_RAND,	/* count uniformly random pages */
	MMSIM_ACCESS_STRIDE,	/* every stride bytes from the start */
	MMSIM_ACCESS_ZIPF,	/* count pages, page i (from 0) with weight 1/(i+1)^theta */
};

/* What a store writes (whole 4096-byte pages but for MMSIM_FILL_NONE). */
enum mmsim_access_fill {
	MMSIM_FILL_NONE,	/* one byte, stored back as found: contents unchanged */
	MMSIM_FILL_ZERO,	/* 4096 zeros */
	MMSIM_FILL_RANDOM,	/* PRNG bytes from (seed, address written at) */
	MMSIM_FILL_TEXT,	/* English-like text (the simulated disk's data=text) */
	MMSIM_FILL_PATTERN,	/* {address written at, generation} 16-byte records */
};

/* How to walk a range: an all-zero spec is the seq pattern, once, no data. */
struct mmsim_access_spec {
	int pattern;		/* MMSIM_ACCESS_* */
	uint64_t count;		/* RAND, ZIPF: accesses per pass (>= 1) */
	uint64_t stride;	/* STRIDE: bytes between accesses (>= 1) */
	double theta;		/* ZIPF: skew, 0 (uniform) to 100 */
	uint64_t repeat;	/* passes over the whole pattern (0 counts as 1) */
	int data;		/* stores: MMSIM_FILL_* */
	int has_seed;		/* seed is given; else one draw of the machine's PRNG */
	uint64_t seed;		/* RAND, ZIPF, DATA_RANDOM and DATA_TEXT */
};

/* What a range access did. */
struct mmsim_access_result {
	uint64_t pages;		/* distinct pages accessed successfully */
	uint64_t accesses;	/* accesses done (all passes) */
	uint64_t min_flt;	/* minor faults taken (the task's min_flt delta) */
	uint64_t tlb_hits;	/* accesses the TLB translated (L1 or STLB) */
	uint64_t tlb_misses;	/* accesses that walked the page tables */
	uint64_t verify_errors;	/* reads whose page differed from the shadow */
	uint64_t fault_addr;	/* on failure: the address that could not be accessed,
				 * or the first page that failed verification */
};

/*
 * mmsim_process_access - @name loads (@write 0) or stores one byte of
 * every page of [@addr, @addr + @len) once, in address order: the seq
 * pattern of mmsim_process_access_pattern, without data.
 */
int mmsim_process_access(struct machine *m, const char *name, uint64_t addr, uint64_t len,
			 int write, struct mmsim_access_result *out);

/*
 * mmsim_process_access_pattern - @name loads (@write 0) or stores to
 * [@addr, @addr + @len) in the order @spec gives (NULL: seq), each access
 * translated by the CPU's TLB (hits and misses in
 * /sys/kernel/debug/mmsim/tlb), a miss walking the page tables, a fault
 * going to the page-fault handler and the access retried.  A store with
 * @spec->data writes the whole page; the verify shadow records it.  With
 * verify on (mmsim_set_verify), every load compares the whole page with
 * what the process last wrote there (zeros if never written): a mismatch
 * is logged ("mmsim verify: ...", the first differing byte) and counted.
 * Returns 0; -EINVAL (bad @spec: pattern, count, stride, theta, data
 * kind); -ESRCH (no live process); -EFAULT: SIGSEGV at out->fault_addr,
 * -ENXIO: SIGBUS there (the process is killed by the signal in both);
 * -ENOMEM (out of memory) or -EIO (not yet modelled, such as a file
 * page): the walk stops there, the process lives; -EBADMSG: the walk
 * completed but out->verify_errors pages failed verification, the first at
 * out->fault_addr.
 */
int mmsim_process_access_pattern(struct machine *m, const char *name, uint64_t addr,
				 uint64_t len, int write, const struct mmsim_access_spec *spec,
				 struct mmsim_access_result *out);

/*
 * mmsim_set_verify - turn read verification on (@on 1) or off (0).  The
 * shadow of what each process wrote is kept either way (it is the tool's
 * memory, never the model's), so turning it on later checks earlier
 * writes too.  The boot parameter mmsim.verify=1 starts with it on.
 */
void mmsim_set_verify(struct machine *m, int on);

/* mmsim_get_verify - 1 if reads are verified, else 0. */
int mmsim_get_verify(struct machine *m);

/* mmsim_verify_errors - pages that failed verification since boot. */
uint64_t mmsim_verify_errors(struct machine *m);

/* mmsim_verify_pages - shadow entries (pages written with data) of all processes. */
uint64_t mmsim_verify_pages(struct machine *m);

/* ---- binary files: pagemap, kpageflags, kpagecount (fs/proc/page.c) ---- */

/*
 * mmsim_pread - pread(2) of a file of the machine: up to @len bytes at
 * @offset into @buf.  The way to read the binary files (/proc/PID/pagemap,
 * /proc/kpageflags, /proc/kpagecount: 8-byte little-endian entries, and
 * @offset and @len must be multiples of 8); a text file gives the slice
 * of what mmsim_read shows.  Returns the bytes read (short or 0 at the
 * end), or -ENOENT, -EISDIR, -EACCES, -EINVAL (unaligned, as Linux).
 */
int64_t mmsim_pread(struct machine *m, const char *path, void *buf, uint64_t len,
		    uint64_t offset);

/* mmsim_file_is_binary - 1 if @path is a binary file (mmsim_read refuses it), else 0. */
int mmsim_file_is_binary(struct machine *m, const char *path);

/* ---- CPU affinity: sched_setaffinity, threads on a CPU (kernel/sched_affinity.c) ---- */

/*
 * mmsim_sched_setaffinity - sched_setaffinity(0, ...) by the live task
 * @name: its allowed CPUs become the CPUs of @mask (@nbits bits, a bit
 * per CPU, 64 to a word) that the machine has; bits past nr_cpu_ids are
 * dropped, as Linux's cpumask_and with the possible CPUs.  A changed
 * mask picks a CPU as cpumask_any_and_distribute does (the next allowed
 * CPU after the calling CPU's last pick, wrapping); if the task's CPU is
 * not allowed any more it moves there, which loads its mm
 * (switch_mm_irqs_off); the CPU it left goes lazy.  Returns 0, -ESRCH
 * (@name not live), -EINVAL (no CPU of the machine in @mask).
 */
int mmsim_sched_setaffinity(struct machine *m, const char *name, const uint64_t *mask,
			    size_t nbits);

/*
 * mmsim_process_clone_on - mmsim_process_clone, then, if @cpu >= 0, the
 * child's affinity set to CPU @cpu alone (pthread_attr_setaffinity_np:
 * glibc's pthread_create calls sched_setaffinity on the new tid before
 * it runs); the child runs there, its CPU loading the mm.  Returns as
 * mmsim_process_clone, and -EINVAL (nothing cloned) for a CPU the
 * machine does not have.
 */
int mmsim_process_clone_on(struct machine *m, const char *name, const char *child, int kind,
			   int cpu, int *pid);

#endif
