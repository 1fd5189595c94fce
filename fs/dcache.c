// SPDX-License-Identifier: GPL-2.0-only
/*
 * The dentry cache (fs/dcache.c): for now vfs_caches_init, which creates
 * names_cache (PATH_MAX buffers), the dentry cache (dcache_init), and has
 * fs/inode.c and fs/file_table.c create theirs.
 *
 * Linux creates names_cache and dentry with kmem_cache_create_usercopy
 * (a hardened-usercopy whitelist), which makes them unmergeable; mmsim has
 * no usercopy region, so SLAB_NO_MERGE stands in for it: names_cache would
 * otherwise merge into kmalloc-4k, as it does not on Linux.
 *
 * Dentries of the simulated disk: d_alloc (a name under a parent, short
 * names inline in d_iname, longer ones kmalloc'd as Linux's external
 * names), d_instantiate, d_lookup (a walk of the parent's children: one
 * directory holds few names here), dget/dput.
 *
 * Leaves out: the dcache hash table (sized and logged at boot by
 * mm/mm_init.c), negative dentries, the LRU and its shrinker, RCU walks,
 * mnt_init's caches, bdev and chrdev init.
 * Callers: start_kernel_objects (kernel/fork.c); fs/namei.c, fs/simdisk.c.
 */
#include <string.h>
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/slab.h"

_Static_assert(sizeof(struct dentry) <= DENTRY_OBJECT_SIZE,
	       "struct dentry must fit Linux's dentry object");

struct dentry *d_alloc(struct machine *m, struct dentry *parent, const char *name,
		       unsigned int len)
{
	struct dentry *d = kmem_cache_alloc(m, m->dentry_cache, GFP_KERNEL);
	char *dname;

	if (!d)
		return NULL;
	dname = d->d_iname;
	if (len >= DNAME_INLINE_LEN) {
		/* Linux's struct external_name: a kmalloc'd copy */
		dname = kmalloc(m, len + 1, GFP_KERNEL_ACCOUNT);
		if (!dname) {
			kmem_cache_free(m, m->dentry_cache, d);
			return NULL;
		}
	}
	memcpy(dname, name, len);
	dname[len] = '\0';
	d->d_name.name = dname;
	d->d_name.len = len;
	d->d_inode = NULL;
	d->d_lockref = 1;
	INIT_LIST_HEAD(&d->d_children);
	if (parent) {
		d->d_parent = dget(parent);
		list_add_tail(&d->d_sib, &parent->d_children);
	} else {
		d->d_parent = d;
		INIT_LIST_HEAD(&d->d_sib);
	}
	return d;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	dentry->d_inode = inode;
}

struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len)
{
	struct dentry *d;

	list_for_each_entry(d, &parent->d_children, d_sib)
		if (d->d_name.len == len && !memcmp(d->d_name.name, name, len))
			return d;
	return NULL;
}

struct dentry *dget(struct dentry *dentry)
{
	dentry->d_lockref++;
	return dentry;
}

/* __dentry_kill: unhash, drop the inode and the parent, free. */
static void dentry_kill(struct machine *m, struct dentry *d)
{
	struct dentry *parent = d->d_parent;

	list_del(&d->d_sib);
	iput(m, d->d_inode);
	if (d->d_name.name != d->d_iname)
		kfree(m, (void *)d->d_name.name);
	kmem_cache_free(m, m->dentry_cache, d);
	if (parent != d)
		dput(m, parent);
}

void dput(struct machine *m, struct dentry *dentry)
{
	if (!dentry || --dentry->d_lockref)
		return;
	dentry_kill(m, dentry);
}

static void dcache_init(struct machine *m)
{
	/* KMEM_CACHE_USERCOPY(dentry, ...): aligned as the struct, 8 bytes */
	m->dentry_cache = kmem_cache_create(m, "dentry", DENTRY_OBJECT_SIZE, 8,
					    SLAB_RECLAIM_ACCOUNT | SLAB_PANIC | SLAB_ACCOUNT |
					    SLAB_NO_MERGE, NULL);
}

void vfs_caches_init(struct machine *m)
{
	m->names_cachep = kmem_cache_create(m, "names_cache", PATH_MAX, 0,
					    SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_NO_MERGE, NULL);
	dcache_init(m);
	inode_init(m);
	files_init(m);
}
