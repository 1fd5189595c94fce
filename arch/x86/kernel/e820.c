// SPDX-License-Identifier: GPL-2.0-only
/*
 * The model machine's firmware memory map (arch/x86/kernel/e820.c).
 *
 * mmsim's `mem=SIZE` is the RAM installed in the machine, laid out as
 * QEMU's pc machine lays out `-m SIZE`: below 4 GiB up to 3 GiB of RAM when
 * SIZE >= 3.5 GiB (else all of it), the rest from 4 GiB up; the BIOS keeps
 * 0x9fc00-0xfffff and the top 128 KiB of low RAM.  (On real Linux mem=
 * caps the highest address instead; docs/divergences.md.)  Then Linux's
 * early fixups: the first page becomes reserved, the legacy VGA/BIOS hole
 * is removed.  Leaves out ACPI tables and PCI holes above 4 GiB.
 * Called by kernel/machine.c during boot.
 */
#include "asm/e820.h"
#include "linux/machine.h"
#include "linux/memblock.h"
#include "linux/printk.h"

static const char *e820_type_name(enum e820_type t)
{
	switch (t) {
	case E820_TYPE_RAM:	 return "usable";
	case E820_TYPE_ACPI:	 return "ACPI data";
	case E820_TYPE_NVS:	 return "ACPI NVS";
	default:		 return "reserved";
	}
}

static void e820_add(struct e820_table *t, u64 start, u64 end, enum e820_type type)
{
	if (end <= start || t->nr_entries >= E820_MAX_ENTRIES)
		return;
	t->entries[t->nr_entries++] = (struct e820_entry){ start, end - start, type };
}

static void e820_print(struct machine *m, const char *who)
{
	for (u32 i = 0; i < m->e820.nr_entries; i++) {
		const struct e820_entry *e = &m->e820.entries[i];

		pr_info(m, "%s: [mem 0x%016llx-0x%016llx] %s", who,
			(unsigned long long)e->addr,
			(unsigned long long)(e->addr + e->size - 1), e820_type_name(e->type));
	}
}

/* Cut [start, end) out of every RAM entry (Linux: e820__range_remove/update). */
static void e820_carve(struct e820_table *t, u64 start, u64 end, bool keep_reserved)
{
	struct e820_table out = { 0 };

	for (u32 i = 0; i < t->nr_entries; i++) {
		struct e820_entry e = t->entries[i];
		u64 es = e.addr, ee = e.addr + e.size;

		if (e.type != E820_TYPE_RAM || ee <= start || es >= end) {
			e820_add(&out, es, ee, e.type);
			continue;
		}
		e820_add(&out, es, start > es ? start : es, E820_TYPE_RAM);
		if (keep_reserved)
			e820_add(&out, start > es ? start : es, end < ee ? end : ee,
				 E820_TYPE_RESERVED);
		e820_add(&out, end < ee ? end : ee, ee, E820_TYPE_RAM);
	}
	*t = out;
}

void e820__memory_setup(struct machine *m, u64 ram)
{
	struct e820_table *t = &m->e820;
	u64 low = ram, high = 0;

	if (ram >= 0xe0000000ULL) {		/* QEMU: lowmem 3G when >= 3.5G */
		low = 0xc0000000ULL;
		high = ram - low;
	}
	t->nr_entries = 0;
	e820_add(t, 0, 0x9fc00, E820_TYPE_RAM);
	e820_add(t, 0x9fc00, 0xa0000, E820_TYPE_RESERVED);
	e820_add(t, 0xf0000, 0x100000, E820_TYPE_RESERVED);
	e820_add(t, 0x100000, low - 0x20000, E820_TYPE_RAM);
	e820_add(t, low - 0x20000, low, E820_TYPE_RESERVED);
	e820_add(t, 0xfeffc000ULL, 0xff000000ULL, E820_TYPE_RESERVED);
	e820_add(t, 0xfffc0000ULL, 0x100000000ULL, E820_TYPE_RESERVED);
	if (high)
		e820_add(t, SZ_4G, SZ_4G + high, E820_TYPE_RAM);

	pr_info(m, "BIOS-provided physical RAM map:");
	e820_print(m, "BIOS-e820");
	pr_info(m, "NX (Execute Disable) protection: active");

	/* trim_bios_range / e820__memblock_setup's early fixups */
	pr_info(m, "e820: update [mem 0x00000000-0x00000fff] usable ==> reserved");
	e820_carve(t, 0, PAGE_SIZE, true);
	pr_info(m, "e820: remove [mem 0x000a0000-0x000fffff] usable");
	e820_carve(t, 0xa0000, 0x100000, false);
	m->max_pfn = e820__end_of_ram_pfn(m);
	pr_info(m, "last_pfn = %#lx max_arch_pfn = 0x400000000", m->max_pfn);
}

unsigned long e820__end_of_ram_pfn(const struct machine *m)
{
	unsigned long last = 0;

	for (u32 i = 0; i < m->e820.nr_entries; i++) {
		const struct e820_entry *e = &m->e820.entries[i];

		if (e->type == E820_TYPE_RAM && PFN_DOWN(e->addr + e->size) > last)
			last = PFN_DOWN(e->addr + e->size);
	}
	return last;
}

void e820__memblock_setup(struct machine *m)
{
	for (u32 i = 0; i < m->e820.nr_entries; i++) {
		const struct e820_entry *e = &m->e820.entries[i];
		u64 start = ALIGN(e->addr, PAGE_SIZE);
		u64 end = ALIGN_DOWN(e->addr + e->size, PAGE_SIZE);

		if (e->type == E820_TYPE_RAM && end > start)
			memblock_add_node(m, start, end - start, MAX_NUMNODES);
	}
}
