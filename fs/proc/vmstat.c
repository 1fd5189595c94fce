// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/vmstat (mm/vmstat.c vmstat_start/vmstat_show): one "name value"
 * line per counter in Linux's order -- zone counters, NUMA events, node
 * counters, the dirty thresholds, the memmap counters, the VM events --
 * then the legacy "nr_unstable 0" Linux keeps for old tools.
 *
 * The TLB events (nr_tlb_remote_flush ... nr_tlb_local_flush_one) are
 * listed, after balloon_migrate as Linux lists them, only with the boot
 * parameter mmsim.debug_tlbflush=1: Linux has them only when built with
 * CONFIG_DEBUG_TLBFLUSH, which the reference kernel is not.
 *
 * Counters whose mechanism does not exist yet stay 0
 * (docs/divergences.md).  Reads state only.  Registered by fs/proc/root.c.
 */
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "linux/vmstat.h"
#include "linux/writeback.h"

#define HPAGE_PMD_NR	512

static bool node_item_in_thp(int item)
{
	return item == NR_ANON_THPS || item == NR_SHMEM_THPS || item == NR_SHMEM_PMDMAPPED ||
	       item == NR_FILE_THPS || item == NR_FILE_PMDMAPPED;
}

/* CONFIG_DEBUG_TLBFLUSH's four events, summed over the CPUs (arch/x86/mm/tlb.c). */
static void show_tlb_events(struct seq_file *sf, const struct machine *m)
{
	u64 ev[4] = { 0 };

	for (int cpu = 0; m->tlb && cpu < m->nr_cpu_ids; cpu++) {
		ev[0] += m->tlb[cpu].st.remote_flush;
		ev[1] += m->tlb[cpu].st.remote_flush_received;
		ev[2] += m->tlb[cpu].st.local_flush_all;
		ev[3] += m->tlb[cpu].st.local_flush_one;
	}
	seq_printf(sf, "nr_tlb_remote_flush %llu\n", (unsigned long long)ev[0]);
	seq_printf(sf, "nr_tlb_remote_flush_received %llu\n", (unsigned long long)ev[1]);
	seq_printf(sf, "nr_tlb_local_flush_all %llu\n", (unsigned long long)ev[2]);
	seq_printf(sf, "nr_tlb_local_flush_one %llu\n", (unsigned long long)ev[3]);
}

static int vmstat_show(struct seq_file *sf)
{
	const struct machine *m = sf->machine;
	unsigned long wb[NR_VM_WRITEBACK_STAT_ITEMS];

	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(sf, "%s %lu\n", zone_stat_names[i], global_zone_page_state(m, i));
	for (int i = 0; i < NR_VM_NUMA_EVENT_ITEMS; i++)
		seq_printf(sf, "%s %lu\n", numa_stat_names[i], global_numa_event_state(m, i));
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++) {
		unsigned long v = global_node_page_state(m, i);

		if (node_item_in_thp(i))
			v /= HPAGE_PMD_NR;
		seq_printf(sf, "%s %lu\n", node_stat_names[i], v);
	}

	global_dirty_limits(m, &wb[NR_DIRTY_BG_THRESHOLD], &wb[NR_DIRTY_THRESHOLD]);
	for (int i = 0; i < NR_VM_WRITEBACK_STAT_ITEMS; i++)
		seq_printf(sf, "%s %lu\n", writeback_stat_names[i], wb[i]);
	for (int i = 0; i < NR_MEMMAP_STAT_ITEMS; i++)
		seq_printf(sf, "%s %lu\n", memmap_stat_names[i],
			   m->memmap_stat[i] < 0 ? 0UL : (unsigned long)m->memmap_stat[i]);

	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		unsigned long v = m->vm_events[i];

		if (i == PGPGIN || i == PGPGOUT)
			v /= 2;		/* counted in 512-byte sectors, shown in kB */
		seq_printf(sf, "%s %lu\n", vm_event_names[i], v);
		if (i == BALLOON_MIGRATE && m->bp.debug_tlbflush)
			show_tlb_events(sf, m);
	}
	seq_puts(sf, "nr_unstable 0\n");
	return 0;
}

static const struct kernfs_ops vmstat_ops = { .show = vmstat_show };

int proc_vmstat_init(struct machine *m)
{
	return kernfs_create_file(m, "/proc/vmstat", 0444, &vmstat_ops, NULL);
}
