// SPDX-License-Identifier: GPL-2.0-only
/*
 * The public API of include/mmsim.h: a machine's life (boot, destroy) and
 * what a user can do to it from outside (read and write its files, let
 * time pass, check its invariants).  The kernel actor's calls are in
 * kernel/kactor.c.  This file knows no mm internals beyond the entry
 * points it calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mmsim.h"
#include "linux/binfmts.h"
#include "linux/fdtable.h"
#include "linux/fs.h"
#include "linux/kactor.h"
#include "linux/machine.h"
#include "linux/memmap_census.h"
#include "linux/mm_fault.h"
#include "linux/mm.h"
#include "linux/pagevec.h"
#include "linux/mmsim_access.h"
#include "linux/pgtable.h"
#include "linux/pid.h"
#include "linux/params.h"
#include "linux/printk.h"
#include "linux/sched/task.h"
#include "linux/seq_file.h"
#include "linux/sysctl.h"
#include "../mm/vma.h"

int start_kernel(struct machine *m, char *err, size_t errlen);

/*
 * A machine's struct pages live in host memory (the frames themselves are
 * backed lazily).  Refuse a machine whose memmap would take more than a
 * quarter of the host's RAM, rather than let the host's OOM killer end
 * the run.
 */
static int check_host_fits(const struct machine *m, char *err, size_t errlen)
{
	long host_pages = sysconf(_SC_PHYS_PAGES), host_psize = sysconf(_SC_PAGESIZE);
	unsigned long long host = (unsigned long long)host_pages * (unsigned long long)host_psize;
	unsigned long long need = (m->bp.mem_bytes + SZ_1G) / PAGE_SIZE * sizeof(struct page);

	if (host_pages <= 0 || host_psize <= 0 || need <= host / 4)
		return 0;
	snprintf(err, errlen, "mem=%lluM: its memmap would need %lluM of this host's %lluM "
		 "(expected a machine whose memmap fits in a quarter of host memory)",
		 (unsigned long long)(m->bp.mem_bytes >> 20), need >> 20, host >> 20);
	return -ENOMEM;
}

int mmsim_boot(const char *cmdline, uint64_t seed, struct machine **out,
	       char *err, size_t errlen)
{
	struct machine *m = calloc(1, sizeof(*m));
	int ret;

	*out = NULL;
	if (err && errlen)
		err[0] = '\0';
	if (!m)
		return -ENOMEM;
	sysctl_init(&m->vm);
	m->bp.seed = seed;
	ret = parse_boot_cmdline(m, cmdline ? cmdline : "", err, errlen);
	if (!ret)
		ret = check_host_fits(m, err, errlen);
	if (!ret) {
		prandom_seed_state(&m->rng, m->bp.seed);
		m->nr_cpu_ids = m->bp.nr_cpus;
		snprintf(m->current_comm, sizeof(m->current_comm), "swapper/0");
		ret = start_kernel(m, err, errlen);
	}
	if (ret) {
		mmsim_destroy(m);
		return ret;
	}
	*out = m;
	return 0;
}

void mmsim_destroy(struct machine *m)
{
	if (!m)
		return;
	sim_disk_release(m);	/* its dentries and inodes are slab objects */
	kactor_release(m);	/* its shrinkers are slab objects */
	fork_release(m);
	pid_idr_release(m);
	kmem_cache_release_all(m);
	mm_core_release(m);
	kernfs_release(&m->kernfs);
	tlb_free(m);
	access_state_free(m);	/* the verify shadow (kernel/access_verify.c) */
	printk_release(&m->log);
	free(m);
}

int mmsim_read(struct machine *m, const char *path, char **out, size_t *len)
{
	struct seq_file sf;
	int ret;

	seq_init(&sf, m);
	ret = kernfs_read(m, path, &sf);
	if (ret) {
		seq_release(&sf);
		*out = NULL;
		if (len)
			*len = 0;
		return ret;
	}
	*out = sf.buf;
	if (len)
		*len = sf.count;
	return 0;
}

int64_t mmsim_pread(struct machine *m, const char *path, void *buf, uint64_t len,
		    uint64_t offset)
{
	if (len > 0x7ffff000)			/* rw_verify_area's MAX_RW_COUNT */
		len = 0x7ffff000;
	return kernfs_pread(m, path, buf, (size_t)len, offset);
}

int mmsim_file_is_binary(struct machine *m, const char *path)
{
	return kernfs_is_binary(m, path);
}

int mmsim_write(struct machine *m, const char *path, const char *value)
{
	char buf[4096];
	size_t n = strlen(value);

	/* echo appends a newline; the kernel's parsers accept and strip it */
	if (n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, value, n + 1);
	while (n && (buf[n - 1] == '\n'))
		buf[--n] = '\0';
	return kernfs_write(m, path, buf);
}

int mmsim_readdir(struct machine *m, const char *path, char ***names, size_t *nr)
{
	return kernfs_readdir(m, path, names, nr);
}

void mmsim_free_list(char **names, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		free(names[i]);
	free(names);
}

char *mmsim_dmesg(struct machine *m)
{
	struct seq_file sf;

	seq_init(&sf, m);
	printk_show(m, &sf);
	return sf.buf;
}

void mmsim_sleep(struct machine *m, uint64_t ns)
{
	/* Kernel threads (kswapd, the flusher ...) will run here as they land. */
	m->clock_ns += ns;
}

uint64_t mmsim_clock_ns(const struct machine *m)
{
	return m->clock_ns;
}

void mmsim_seed(struct machine *m, uint64_t seed)
{
	prandom_seed_state(&m->rng, seed);
}

int mmsim_validate(struct machine *m, char *err, size_t errlen)
{
	struct memmap_census census;	/* one memmap pass for the validators below */
	int ret;

	memmap_census_begin(m, &census);	/* on -ENOMEM each validator walks alone */
	ret = validate_page_alloc(m, err, errlen);

	if (!ret)
		ret = validate_vmalloc(m, err, errlen);
	if (!ret)
		ret = validate_slab_caches(m, err, errlen);
	if (!ret)
		ret = validate_tasks(m, err, errlen);
	if (!ret)
		ret = validate_fdtables(m, err, errlen);
	if (!ret)
		ret = validate_i_mmap(m, err, errlen);
	if (!ret)
		ret = validate_exec_layouts(m, err, errlen);	/* fs/exec.c */
	if (!ret)
		ret = validate_user_pgtables(m, err, errlen);	/* mm/memory.c */
	if (!ret)
		ret = validate_anon_ptes(m, err, errlen);	/* mm/memory_fault.c */
	if (!ret)
		ret = validate_tlbs(m, err, errlen);	/* arch/x86/mm/tlb.c */
	if (!ret)
		ret = validate_fbatches(m, err, errlen);	/* mm/swap.c */
	if (!ret)
		ret = validate_kactor(m, err, errlen);	/* kernel/kactor_guard.c */
	memmap_census_end(m, &census);
	return ret;
}
