// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/slabinfo, version 2.1 (Linux prints it from mm/slab_common.c's
 * slab_show/cache_show with SLUB's get_slabinfo): the two header lines,
 * then one line per cache in m->slab_caches order (newest first, as
 * Linux's list_add puts them), mode 0400.  SLUB has no tunables or shared
 * arrays: those columns are 0, as on Linux.  The header is printed only
 * with the first cache, so a machine with no caches shows an empty file.
 *
 * Leaves out: writing (Linux's SLUB rejects it with -EIO; here the mode
 * refuses it), the SLAB-only statistics columns.
 * Reads state, changes nothing.  Registered by proc_root_init.
 */
#include "linux/machine.h"
#include "linux/proc_fs.h"
#include "linux/seq_file.h"
#include "../../mm/slab.h"

#define SLABINFO_RIGHTS	0400

static void print_slabinfo_header(struct seq_file *sf)
{
	seq_puts(sf, "slabinfo - version: 2.1\n");
	seq_puts(sf, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>");
	seq_puts(sf, " : tunables <limit> <batchcount> <sharedfactor>");
	seq_puts(sf, " : slabdata <active_slabs> <num_slabs> <sharedavail>");
	seq_putc(sf, '\n');
}

/* One cache's line (cache_show). */
static void cache_show(struct seq_file *sf, struct kmem_cache *s)
{
	struct slabinfo sinfo = { 0 };

	get_slabinfo(sf->machine, s, &sinfo);
	seq_printf(sf, "%-17s %6lu %6lu %6u %4u %4d", s->name, sinfo.active_objs,
		   sinfo.num_objs, s->size, sinfo.objects_per_slab, 1 << sinfo.cache_order);
	seq_printf(sf, " : tunables %4u %4u %4u", sinfo.limit, sinfo.batchcount, sinfo.shared);
	seq_printf(sf, " : slabdata %6lu %6lu %6lu", sinfo.active_slabs, sinfo.num_slabs,
		   sinfo.shared_avail);
	seq_putc(sf, '\n');
}

static int slabinfo_show(struct seq_file *sf)
{
	struct machine *m = sf->machine;
	struct kmem_cache *s;

	if (!m->slab_caches.next)
		return 0;		/* slab not initialised: no caches */
	list_for_each_entry(s, &m->slab_caches, list) {
		if (s->list.prev == &m->slab_caches)
			print_slabinfo_header(sf);
		cache_show(sf, s);
	}
	return 0;
}

static const struct kernfs_ops slabinfo_ops = { .show = slabinfo_show };

int proc_slabinfo_init(struct machine *m)
{
	return kernfs_create_file(m, "/proc/slabinfo", SLABINFO_RIGHTS, &slabinfo_ops, NULL);
}
