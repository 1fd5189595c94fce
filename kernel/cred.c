// SPDX-License-Identifier: GPL-2.0-only
/*
 * Task credentials (kernel/cred.c): cred_init creates the "cred" cache.
 * With its flags and size it merges into the "pid" cache on Linux (both
 * are 184-byte, cache-line aligned, accounted): /proc/slabinfo shows no
 * cred line and /sys/kernel/slab/cred is an alias, here as there.
 * Credentials themselves come with processes (the address-space issue).
 * Caller: start_kernel_objects (kernel/fork.c).
 */
#include "linux/cred.h"
#include "linux/machine.h"
#include "linux/slab.h"

void cred_init(struct machine *m)
{
	m->cred_jar = kmem_cache_create(m, "cred", CRED_OBJECT_SIZE, 8,
					SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, NULL);
}

/* Every process runs as root until spawn's uid= gives tasks a cred. */
bool capable(struct machine *m, int cap)
{
	(void)m;
	(void)cap;
	return true;
}
