/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The tree of pseudo files the machine shows: /proc, /sys and (later)
 * cgroupfs (fs/kernfs.c).  A file is a path with a show function that
 * formats state and an optional write function that parses and applies a
 * value.  Directories exist implicitly as path prefixes.  Show functions
 * change nothing.
 */
#ifndef _LINUX_KERNFS_H
#define _LINUX_KERNFS_H

#include "linux/seq_file.h"

struct machine;

struct kernfs_ops {
	/* Format the file into @sf; sf->private is the file's data.
	 * Returns 0 or -errno (e.g. -EACCES for a write-only file). */
	int (*show)(struct seq_file *sf);
	/* Apply @buf (what `echo` wrote, trailing newline removed).
	 * Returns 0 or -errno (-EINVAL for a value Linux rejects). */
	int (*write)(struct machine *m, void *data, const char *buf);
	/* A binary file (/proc/PID/pagemap, /proc/kpageflags): copy up to
	 * @len bytes at offset @pos into @buf, as the file's read() does.
	 * Returns the bytes copied (0 at the end) or -errno (-EINVAL for a
	 * position or length the file refuses).  Such a file has no show. */
	long (*read)(struct machine *m, void *data, void *buf, size_t len, unsigned long long pos);
};

struct kernfs_node {
	char *path;			/* absolute, e.g. "/proc/meminfo" */
	unsigned int mode;		/* 0444, 0644, 0200 ... */
	const struct kernfs_ops *ops;
	void *data;
};

struct kernfs_root {
	struct kernfs_node *nodes;	/* sorted by path */
	size_t nr, cap;
};

/*
 * kernfs_create_file - add @path.  Returns 0, -EEXIST if it exists, or
 * -ENOMEM.
 */
int kernfs_create_file(struct machine *m, const char *path, unsigned int mode,
		       const struct kernfs_ops *ops, void *data);
/* kernfs_remove - remove @path and everything below it. */
void kernfs_remove(struct machine *m, const char *path);
/*
 * kernfs_read - show @path into @sf.  Returns 0, -ENOENT, -EISDIR, or what
 * the show function returns.
 */
int kernfs_read(struct machine *m, const char *path, struct seq_file *sf);
/* kernfs_write - write @buf to @path.  Returns 0, -ENOENT, -EISDIR, -EACCES
 * (no write function), or what the write function returns. */
int kernfs_write(struct machine *m, const char *path, const char *buf);
/*
 * kernfs_readdir - names directly below directory @path, sorted, into a
 * malloc'd array of malloc'd strings (*names, *nr); directories get a
 * trailing '/'.  Returns 0, -ENOENT or -ENOTDIR.
 */
int kernfs_readdir(struct machine *m, const char *path, char ***names, size_t *nr);
/*
 * kernfs_pread - read(2) of @len bytes at @pos of @path into @buf: a
 * binary file's read function, or the slice of a text file's show.
 * Returns the bytes copied (0 past the end), -ENOENT, -EISDIR, -EACCES,
 * or what the read function returns.
 */
long kernfs_pread(struct machine *m, const char *path, void *buf, size_t len,
		  unsigned long long pos);
/* kernfs_is_binary - whether @path is a file with a read function (no text). */
bool kernfs_is_binary(struct machine *m, const char *path);
/* kernfs_file_data - the data pointer of file @path, or NULL if no such file. */
void *kernfs_file_data(struct machine *m, const char *path);
/* kernfs_release - free the whole tree. */
void kernfs_release(struct kernfs_root *root);

#endif
