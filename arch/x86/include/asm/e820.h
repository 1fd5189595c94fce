/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware memory map (arch/x86/include/asm/e820/types.h): what the
 * BIOS of the model machine reports before Linux touches it.
 */
#ifndef _ASM_X86_E820_H
#define _ASM_X86_E820_H

#include "linux/types.h"

#define E820_MAX_ENTRIES	128

enum e820_type {
	E820_TYPE_RAM		= 1,
	E820_TYPE_RESERVED	= 2,
	E820_TYPE_ACPI		= 3,
	E820_TYPE_NVS		= 4,
};

struct e820_entry {
	u64 addr;
	u64 size;
	enum e820_type type;
};

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

struct machine;

/*
 * e820__memory_setup - build the BIOS map for @ram_bytes of installed RAM,
 * laid out as QEMU's pc machine lays out `-m SIZE`, print it to the log as
 * "BIOS-provided physical RAM map:" and apply Linux's early updates
 * (first page reserved, legacy hole removed).
 */
void e820__memory_setup(struct machine *m, u64 ram_bytes);

/* e820__end_of_ram_pfn - the pfn after the highest usable RAM page. */
unsigned long e820__end_of_ram_pfn(const struct machine *m);

/* e820__memblock_setup - hand every usable range to memblock. */
void e820__memblock_setup(struct machine *m);

#endif
