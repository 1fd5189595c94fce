// SPDX-License-Identifier: GPL-2.0-only
/*
 * Path names on the simulated disk (fs/namei.c): path_lookup_dentry walks an
 * absolute path component by component through the dentries (as
 * link_path_walk and walk_component do), with the path copied into a
 * names_cache buffer as getname does; mmsim_create_file makes a regular file
 * and, unlike open(O_CREAT), the missing directories on its way (mkdir -p);
 * mmsim_stat_file answers what stat(2) would.
 * Errors are Linux's: ENOENT, ENOTDIR (a component is a file), EEXIST,
 * ENAMETOOLONG (a component over NAME_MAX, a path of PATH_MAX or more),
 * EISDIR (creating "dir/"), ENOSPC (the disk is full), EFBIG.
 * Leaves out: symlinks, mounts, permissions, RCU walk, negative dentries.
 * Callers: fs/open.c, fs/simdisk.c, the language's file command, tests.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmsim.h"
#include "linux/fs.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/slab.h"

_Static_assert(MMSIM_DATA_ZERO == FILE_DATA_ZERO && MMSIM_DATA_RANDOM == FILE_DATA_RANDOM &&
	       MMSIM_DATA_TEXT == FILE_DATA_TEXT, "mmsim.h's data kinds are fs.h's");

#define DIR_BYTES	4096	/* an ext4 directory's first block */

/* One walk (struct nameidata, trimmed). */
struct nameidata {
	char *name;		/* the path in a names_cache buffer (getname) */
	char *next;		/* the first component not walked yet */
	struct dentry *dir;	/* the deepest directory reached (no reference) */
	struct dentry *found;	/* the last component's dentry, or NULL */
	int missing;		/* components not found (0: all exist) */
	bool trailing_slash;	/* the path ends in '/' */
};

/* getname: copy @path into names_cache; -EINVAL unless absolute. */
static int getname(struct machine *m, const char *path, struct nameidata *nd)
{
	size_t len = path ? strlen(path) : 0;

	if (!len || path[0] != '/')
		return -EINVAL;
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	nd->name = kmem_cache_alloc(m, m->names_cachep, GFP_KERNEL);
	if (!nd->name)
		return -ENOMEM;
	memcpy(nd->name, path, len + 1);
	nd->trailing_slash = path[len - 1] == '/';
	return 0;
}

/* The next component at *p (skipping slashes): its start and length, 0 at the end. */
static unsigned int next_component(char **p, char **start)
{
	char *s = *p;
	unsigned int len = 0;

	while (*s == '/')
		s++;
	*start = s;
	while (s[len] && s[len] != '/')
		len++;
	*p = s + len;
	return len;
}

/*
 * Walk @nd->name from the root as far as the dentries go.  Stops at the
 * first missing component (nd->next points at it; nd->missing counts it
 * and those after it).  0, or -ENOTDIR, -ENAMETOOLONG.
 */
static int walk(struct super_block *sb, struct nameidata *nd)
{
	struct dentry *d = sb->s_root;
	char *p = nd->name, *c;
	unsigned int len;

	nd->found = d;
	nd->dir = d;
	nd->missing = 0;
	while ((len = next_component(&p, &c))) {
		struct dentry *child;

		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (!S_ISDIR(d->d_inode->i_mode))
			return -ENOTDIR;
		if (len == 1 && c[0] == '.')
			continue;
		if (len == 2 && c[0] == '.' && c[1] == '.') {
			d = d->d_parent;
			nd->dir = nd->found = d;
			continue;
		}
		child = d_lookup(d, c, len);
		if (!child) {
			char *q = c;

			nd->next = c;
			nd->found = NULL;
			nd->dir = d;
			while (next_component(&q, &c))
				nd->missing++;
			return 0;
		}
		nd->dir = d;
		nd->found = d = child;
	}
	if (nd->trailing_slash && !S_ISDIR(d->d_inode->i_mode))
		return -ENOTDIR;
	return 0;
}

int path_lookup_dentry(struct machine *m, const char *path, struct dentry **out)
{
	struct super_block *sb = sim_disk_sb(m);
	struct nameidata nd = { 0 };
	int ret = getname(m, path, &nd);

	if (ret)
		return ret;
	ret = sb ? walk(sb, &nd) : -ENOENT;
	if (!ret && !nd.found)
		ret = -ENOENT;
	if (!ret)
		*out = dget(nd.found);
	kmem_cache_free(m, m->names_cachep, nd.name);
	return ret;
}

static u64 round_block(u64 size)
{
	return (size + 4095) & ~(u64)4095;
}

/* vfs_mkdir / vfs_create: a new dentry and inode under @dir. */
static struct dentry *make_entry(struct machine *m, struct super_block *sb, struct dentry *dir,
				 const char *name, unsigned int len, u32 mode, u64 size)
{
	struct dentry *d;
	struct inode *inode = new_inode(m, sb, mode);

	if (!inode)
		return NULL;
	d = d_alloc(m, dir, name, len);
	if (!d) {
		iput(m, inode);
		return NULL;
	}
	inode->i_size = size;
	inode->i_blocks = round_block(size) / 512;
	d_instantiate(d, inode);
	if (S_ISDIR(mode))
		dir->d_inode->i_nlink++;
	sb->s_used += round_block(size);
	return d;
}

/* Kill a dentry just made (the disk's reference), giving its space back. */
static void unmake_entry(struct machine *m, struct super_block *sb, struct dentry *d)
{
	sb->s_used -= round_block(d->d_inode->i_size);
	if (S_ISDIR(d->d_inode->i_mode))
		d->d_parent->d_inode->i_nlink--;
	dput(m, d);
}

/* The error message of a failed create, in coreutils' words. */
static int create_fail(char *err, size_t errlen, int ret, const char *path, const char *why)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path, why);
	return ret;
}

static const char *create_why(int ret)
{
	switch (ret) {
	case -EEXIST: return "File exists";
	case -ENOTDIR: return "Not a directory (a component of the path is a file)";
	case -ENAMETOOLONG: return "File name too long (a name over 255 bytes, a path over 4095)";
	case -EISDIR: return "Is a directory (expected a file name, not one ending in /)";
	case -ENOENT: return "No such file or directory (. or .. after a missing directory)";
	case -EFBIG: return "File too large";
	case -EIO: return "Input/output error (the host directory could not be used)";
	default: return "Cannot allocate memory";
	}
}

/* Remove what create_entries made, deepest first, down to @dir. */
static void undo_entries(struct machine *m, struct super_block *sb, struct dentry *d,
			 struct dentry *dir)
{
	while (d != dir) {
		struct dentry *parent = d->d_parent;

		unmake_entry(m, sb, d);
		d = parent;
	}
}

/*
 * Create the missing components of @nd: directories, then the file of
 * @size bytes of @kind.  All or nothing: on failure what was made is gone.
 */
static int create_entries(struct machine *m, struct super_block *sb, struct nameidata *nd,
			  uint64_t size, int kind)
{
	unsigned long ino0 = sb->s_next_ino;
	struct dentry *d = nd->dir;
	char *p = nd->next, *c;
	unsigned int len;
	int left = nd->missing, ret;

	while ((len = next_component(&p, &c))) {
		bool last = --left == 0;
		struct dentry *n = make_entry(m, sb, d, c, len,
					      last ? S_IFREG | 0644 : S_IFDIR | 0755,
					      last ? size : DIR_BYTES);

		if (!n) {
			ret = -ENOMEM;
			goto undo;
		}
		d = n;
	}
	ret = sim_disk_fill(m, d->d_inode, (enum file_data_kind)kind);
	if (!ret)
		return 0;
undo:
	undo_entries(m, sb, d, nd->dir);
	sb->s_next_ino = ino0;
	return ret;
}

/* Check the components left to create: names, no . or .., and the space. */
static int check_create(struct super_block *sb, struct nameidata *nd, uint64_t size)
{
	char *p = nd->next, *c;
	unsigned int len;

	while ((len = next_component(&p, &c)))
		if ((len == 1 && c[0] == '.') || (len == 2 && c[0] == '.' && c[1] == '.'))
			return -ENOENT;
	if (nd->trailing_slash)
		return -EISDIR;
	if (size > sb->s_maxbytes)
		return -EFBIG;
	if (round_block(size) > sb->s_capacity - sb->s_used ||
	    (u64)(nd->missing - 1) * DIR_BYTES > sb->s_capacity - sb->s_used - round_block(size))
		return -ENOSPC;
	return 0;
}

int mmsim_create_file(struct machine *m, const char *path, uint64_t size, int data_kind,
		      char *err, size_t errlen)
{
	struct nameidata nd = { 0 };
	struct super_block *sb;
	int ret;

	if (data_kind < MMSIM_DATA_ZERO || data_kind > MMSIM_DATA_TEXT)
		return create_fail(err, errlen, -EINVAL, path ? path : "", "unknown data kind");
	ret = getname(m, path, &nd);
	if (ret == -EINVAL)
		return create_fail(err, errlen, ret, path ? path : "",
				   "not an absolute path (expected a path such as /data/file)");
	if (ret)
		return create_fail(err, errlen, ret, path, create_why(ret));
	sb = sim_disk_get(m, &ret);
	if (sb)
		ret = walk(sb, &nd);
	if (!ret && nd.found)
		ret = -EEXIST;
	if (!ret)
		ret = check_create(sb, &nd, size);
	if (ret == -ENOSPC) {
		char why[160];

		snprintf(why, sizeof(why), "No space left on device (the disk holds %llu of"
			 " %llu bytes; mmsim.disk_size= sets its size)",
			 (unsigned long long)sb->s_used, (unsigned long long)sb->s_capacity);
		create_fail(err, errlen, ret, path, why);
	} else if (!ret) {
		ret = create_entries(m, sb, &nd, size, data_kind);
	}
	if (ret && ret != -ENOSPC)
		create_fail(err, errlen, ret, path, create_why(ret));
	kmem_cache_free(m, m->names_cachep, nd.name);
	return ret;
}

int mmsim_stat(struct machine *m, const char *path, struct mmsim_stat *st)
{
	struct dentry *d;
	struct inode *inode;
	int ret = path_lookup_dentry(m, path, &d);

	if (ret)
		return ret;
	inode = d->d_inode;
	st->size = inode->i_size;
	st->blocks = inode->i_blocks;
	st->ino = inode->i_ino;
	st->dev = inode->i_sb->s_dev;
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	dput(m, d);
	return 0;
}

int mmsim_stat_file(struct machine *m, const char *path, uint64_t *size, uint32_t *dev,
		    uint64_t *ino)
{
	struct mmsim_stat st;
	int ret = mmsim_stat(m, path, &st);

	if (ret)
		return ret;
	if (size)
		*size = st.size;
	if (dev)
		*dev = st.dev;
	if (ino)
		*ino = st.ino;
	return 0;
}
