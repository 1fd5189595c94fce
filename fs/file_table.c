// SPDX-License-Identifier: GPL-2.0-only
/*
 * Open files (fs/file_table.c): for now files_init, which creates "filp",
 * the cache of struct file: cache-line aligned, type-safe by RCU.  Linux
 * puts the free pointer inside the object (f_freeptr); mmsim puts it after
 * (its kmem_cache_create has no free pointer offset), and 184 + 8 bytes
 * still round to the same 192-byte slots.
 * Leaves out: struct file itself, alloc_empty_file/fput (the address-space
 * issue's open/close), nr_files and the file-max sysctl.
 * Caller: vfs_caches_init (fs/dcache.c).
 */
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/slab.h"

void files_init(struct machine *m)
{
	m->filp_cachep = kmem_cache_create(m, "filp", FILE_OBJECT_SIZE, 0,
					   SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT |
					   SLAB_TYPESAFE_BY_RCU, NULL);
}
