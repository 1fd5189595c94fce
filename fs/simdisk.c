// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated disk: one ext4-like filesystem on a virtio disk "vda1"
 * (device 254:1, printed fe:01 in /proc/PID/maps), whose regular files hold
 * real bytes in host files.  The disk is made on first use: a host
 * directory from mkdtemp ($TMPDIR, else /tmp as P_tmpdir,
 * "mmsim-disk.XXXXXX"), one host file per inode named by its inode number,
 * the super_block and the root directory (inode 2).  mmsim_destroy removes
 * it all.  The host directory's name is never shown.
 *
 * Capacity: mmsim.disk_size= (default 64G); each file takes its size
 * rounded up to 4K blocks, each directory one 4K block, as on ext4 without
 * its metadata.  File contents: zeros (a sparse host file), random bytes
 * from a PRNG seeded by one draw of the machine's seeded PRNG, or a
 * repeating English-like text; the same seed and script give the same
 * bytes.
 *
 * Leaves out: a block device and its I/O, the page cache (the page-cache
 * issue reads through it), journaling, unlink and rename, timestamps.
 * Callers: fs/namei.c, fs/open.c, mmsim_destroy (kernel/machine.c), tests.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "mmsim.h"
#include "linux/fs.h"
#include "linux/machine.h"
#include "linux/prandom.h"
#include "linux/text_fill.h"

#define SIM_DISK_MAJOR	254	/* virtio-blk's dynamic major on x86-64 hosts */
#define SIM_DISK_MINOR	1	/* vda1 */
#define EXT4_ROOT_INO	2	/* the root directory */
#define EXT4_FIRST_INO	11	/* lost+found on a fresh ext4; ours start after it */
#define FILL_CHUNK	65536	/* bytes generated and written at a time */

/* The disk (host memory). */
struct sim_disk {
	char dir[4096];			/* the host directory (mkdtemp) */
	struct super_block sb;
};

struct super_block *sim_disk_sb(struct machine *m)
{
	return m->disk ? &m->disk->sb : NULL;
}

/* The root dentry and inode: the disk's own references. */
static int make_root(struct machine *m, struct super_block *sb)
{
	struct inode *inode;
	struct dentry *root;

	sb->s_next_ino = EXT4_ROOT_INO;
	inode = new_inode(m, sb, S_IFDIR | 0755);
	if (!inode)
		return -ENOMEM;
	inode->i_size = 4096;
	inode->i_blocks = 8;
	root = d_alloc(m, NULL, "/", 1);
	if (!root) {
		iput(m, inode);
		return -ENOMEM;
	}
	d_instantiate(root, inode);
	sb->s_root = root;
	sb->s_next_ino = EXT4_FIRST_INO + 1;
	sb->s_used = 4096;
	return 0;
}

struct super_block *sim_disk_get(struct machine *m, int *err)
{
	struct sim_disk *disk;
	const char *tmp = getenv("TMPDIR");
	int ret;

	if (m->disk)
		return &m->disk->sb;
	disk = calloc(1, sizeof(*disk));
	if (!disk) {
		*err = -ENOMEM;
		return NULL;
	}
	if (snprintf(disk->dir, sizeof(disk->dir), "%s/mmsim-disk.XXXXXX",
		     tmp && *tmp ? tmp : P_tmpdir) >= (int)sizeof(disk->dir) || !mkdtemp(disk->dir)) {
		free(disk);
		*err = -EIO;
		return NULL;
	}
	disk->sb.s_dev = MKDEV(SIM_DISK_MAJOR, SIM_DISK_MINOR);
	disk->sb.s_maxbytes = MAX_LFS_FILESIZE;
	disk->sb.s_capacity = m->bp.disk_size;
	m->disk = disk;
	ret = make_root(m, &disk->sb);
	if (ret) {
		sim_disk_release(m);
		*err = ret;
		return NULL;
	}
	return &disk->sb;
}

static void host_name(struct machine *m, const struct inode *inode, char *buf, size_t len)
{
	snprintf(buf, len, "%s/ino-%lu", m->disk->dir, inode->i_ino);
}

/* The bytes at @pos of a file of @kind, from @rng for data=random. */
static void fill_chunk(enum file_data_kind kind, struct rnd_state *rng, unsigned char *buf,
		       size_t len, u64 pos)
{
	size_t i = 0;

	if (kind == FILE_DATA_TEXT) {
		text_fill(buf, len, pos);	/* lib/text_fill.c, from the file's first byte */
		return;
	}
	for (; i + 8 <= len; i += 8) {
		u64 v = prandom_u64_state(rng);

		memcpy(buf + i, &v, 8);
	}
	if (i < len) {
		u64 v = prandom_u64_state(rng);

		memcpy(buf + i, &v, len - i);
	}
}

static int write_all(int fd, const unsigned char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n <= 0)
			return -EIO;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int sim_disk_fill(struct machine *m, struct inode *inode, enum file_data_kind kind)
{
	char name[4200];
	unsigned char *buf = NULL;
	struct rnd_state rng;
	int fd, ret = 0;

	host_name(m, inode, name, sizeof(name));
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -EIO;
	if (kind == FILE_DATA_RANDOM)
		prandom_seed_state(&rng, prandom_u64_state(&m->rng));
	if (kind == FILE_DATA_ZERO) {
		if (ftruncate(fd, (off_t)inode->i_size))
			ret = -EIO;
	} else if (!(buf = malloc(FILL_CHUNK))) {
		ret = -ENOMEM;
	} else {
		for (u64 pos = 0; pos < inode->i_size && !ret; pos += FILL_CHUNK) {
			size_t len = inode->i_size - pos < FILL_CHUNK ?
				     (size_t)(inode->i_size - pos) : FILL_CHUNK;

			fill_chunk(kind, &rng, buf, len, pos);
			ret = write_all(fd, buf, len);
		}
	}
	free(buf);
	if (close(fd))
		ret = ret ? ret : -EIO;
	if (ret)
		unlink(name);
	return ret;
}

long sim_disk_pread(struct machine *m, struct inode *inode, void *buf, u64 len, u64 pos)
{
	char name[4200];
	u64 done = 0;
	int fd;

	if (pos >= inode->i_size)
		return 0;
	if (len > inode->i_size - pos)
		len = inode->i_size - pos;
	host_name(m, inode, name, sizeof(name));
	fd = open(name, O_RDONLY);
	if (fd < 0)
		return -EIO;
	while (done < len) {
		ssize_t n = pread(fd, (char *)buf + done, len - done, (off_t)(pos + done));

		if (n <= 0)
			break;
		done += (u64)n;
	}
	close(fd);
	return done == len ? (long)done : -EIO;
}

long sim_disk_pwrite(struct machine *m, struct inode *inode, const void *buf, u64 len, u64 pos)
{
	char name[4200];
	u64 done = 0;
	int fd;

	if (pos > inode->i_size || len > inode->i_size - pos)
		return -EINVAL;
	host_name(m, inode, name, sizeof(name));
	fd = open(name, O_WRONLY);
	if (fd < 0)
		return -EIO;
	while (done < len) {
		ssize_t n = pwrite(fd, (const char *)buf + done, len - done, (off_t)(pos + done));

		if (n <= 0)
			break;
		done += (u64)n;
	}
	if (close(fd))
		return -EIO;
	return done == len ? (long)done : -EIO;
}

/* Free @d's subtree, children first; a dentry still referenced stays. */
static void release_tree(struct machine *m, struct dentry *d)
{
	struct dentry *c, *next;

	list_for_each_entry_safe(c, next, &d->d_children, d_sib)
		release_tree(m, c);
	dput(m, d);
}

static void remove_host_dir(const char *dir)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	char name[4200];

	if (dh) {
		while ((e = readdir(dh))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			snprintf(name, sizeof(name), "%s/%s", dir, e->d_name);
			unlink(name);
		}
		closedir(dh);
	}
	rmdir(dir);
}

void sim_disk_release(struct machine *m)
{
	struct sim_disk *disk = m->disk;

	if (!disk)
		return;
	if (disk->sb.s_root)
		release_tree(m, disk->sb.s_root);
	remove_host_dir(disk->dir);
	m->disk = NULL;
	free(disk);
}

int64_t mmsim_read_file_bytes(struct machine *m, const char *path, uint64_t offset,
			      void *buf, uint64_t len)
{
	struct dentry *d;
	long n;
	int ret = path_lookup_dentry(m, path, &d);

	if (ret)
		return ret;
	if (S_ISDIR(d->d_inode->i_mode))
		n = -EISDIR;
	else
		n = sim_disk_pread(m, d->d_inode, buf, len, offset);
	dput(m, d);
	return n;
}
