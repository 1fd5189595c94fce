// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/interrupts (kernel/irq/proc.c show_interrupts, arch/x86/kernel/
 * irq.c arch_show_interrupts): the header of CPU columns, then the lines
 * mmsim can count honestly - today only "TLB:", the TLB shootdown IPIs
 * each CPU received (arch/x86/mm/tlb.c irq_tlb_count).  The device IRQ
 * lines and NMI/LOC/RES/CAL/ERR/MIS... are left out (docs/divergences.md).
 * The first column is 3 wide, as when nr_irqs < 1000.  Reads state only.
 * Registered by fs/proc/root.c.
 */
#include "asm/tlbflush.h"
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"

#define IRQ_PREC	3	/* digits of the widest IRQ number */

static int interrupts_proc_show(struct seq_file *sf)
{
	struct machine *m = sf->machine;

	seq_printf(sf, "%*s", IRQ_PREC + 8, "");
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		seq_printf(sf, "CPU%-8d", cpu);
	seq_putc(sf, '\n');
	seq_printf(sf, "%*s: ", IRQ_PREC, "TLB");
	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		seq_printf(sf, "%10llu ", (unsigned long long)tlb_cpu(m, cpu)->st.irq_tlb_count);
	seq_puts(sf, "  TLB shootdowns\n");
	return 0;
}

static const struct kernfs_ops interrupts_ops = { .show = interrupts_proc_show };

int proc_interrupts_init(struct machine *m)
{
	return kernfs_create_file(m, "/proc/interrupts", 0444, &interrupts_ops, NULL);
}
