// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/debug/mmsim/tlb: mmsim's own table of each CPU's TLB model
 * (arch/x86/mm/tlb.c) - geometry, lookups that hit L1, hit the STLB or
 * missed, and Linux's TLB flush events, which 6.18 counts in /proc/vmstat
 * only with CONFIG_DEBUG_TLBFLUSH (off in the reference kernel, so they
 * are shown here instead).  Format in docs/language.md.  Reads state only.
 * Registered by fs/proc/root.c.
 */
#include "asm/tlbflush.h"
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"

static int tlb_stats_show(struct seq_file *sf)
{
	struct machine *m = sf->machine;
	const struct tlb_config *c = &m->bp.tlb;

	seq_printf(sf, "geometry l1_4k %ux%u l1_2m %ux%u stlb %ux%u\n",
		   c->l1_4k.entries, c->l1_4k.ways, c->l1_2m.entries, c->l1_2m.ways,
		   c->stlb.entries, c->stlb.ways);
	seq_printf(sf, "%-4s %12s %12s %12s %6s %10s %10s %10s %10s\n", "cpu", "l1_hits",
		   "l2_hits", "misses", "asid", "flush_one", "flush_all", "remote",
		   "received");
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++) {
		const struct cpu_tlb *t = tlb_cpu(m, cpu);

		seq_printf(sf, "%-4d %12llu %12llu %12llu %6u %10llu %10llu %10llu %10llu\n",
			   cpu, (unsigned long long)t->st.l1_hits,
			   (unsigned long long)t->st.l2_hits, (unsigned long long)t->st.misses,
			   t->loaded_mm_asid, (unsigned long long)t->st.local_flush_one,
			   (unsigned long long)t->st.local_flush_all,
			   (unsigned long long)t->st.remote_flush,
			   (unsigned long long)t->st.remote_flush_received);
	}
	return 0;
}

static const struct kernfs_ops tlb_stats_ops = { .show = tlb_stats_show };

int tlb_debugfs_init(struct machine *m)
{
	return kernfs_create_file(m, "/sys/kernel/debug/mmsim/tlb", 0444, &tlb_stats_ops, NULL);
}
