// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine's pseudo-file tree: /proc, /sys (and cgroupfs later).
 * Files are kept in one array sorted by path; a directory is any proper
 * prefix ending at a '/'.  Linux builds procfs, sysfs and kernfs as three
 * filesystems with inodes and dentries; mmsim needs only lookup, read,
 * write and listing, so one sorted table does (docs/divergences.md).
 * A binary file (pagemap, kpageflags) has a read function instead of a
 * show: it is read at offsets with kernfs_pread, never as text.
 * Callers: everything that registers files at boot; kernel/machine.c for
 * mmsim_read/write/readdir/pread.
 */
#include <stdlib.h>
#include <string.h>
#include "linux/kernfs.h"
#include "linux/machine.h"
#include "linux/proc_fs.h"

/* Index of the first node whose path is >= @path. */
static size_t kernfs_lower_bound(const struct kernfs_root *r, const char *path)
{
	size_t lo = 0, hi = r->nr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(r->nodes[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct kernfs_node *kernfs_find(struct kernfs_root *r, const char *path)
{
	size_t i = kernfs_lower_bound(r, path);

	if (i < r->nr && strcmp(r->nodes[i].path, path) == 0)
		return &r->nodes[i];
	return NULL;
}

void *kernfs_file_data(struct machine *m, const char *path)
{
	struct kernfs_node *kn = kernfs_find(&m->kernfs, path);

	return kn ? kn->data : NULL;
}

/* Is there any file strictly below directory @dir ("/proc" or "/")? */
static bool kernfs_is_dir(struct kernfs_root *r, const char *dir)
{
	size_t len = strlen(dir);
	size_t i;

	if (len == 1 && dir[0] == '/')
		return r->nr > 0;
	i = kernfs_lower_bound(r, dir);
	for (; i < r->nr; i++) {
		const char *p = r->nodes[i].path;

		if (strncmp(p, dir, len) != 0)
			return false;
		if (p[len] == '/')
			return true;
	}
	return false;
}

int kernfs_create_file(struct machine *m, const char *path, unsigned int mode,
		       const struct kernfs_ops *ops, void *data)
{
	struct kernfs_root *r = &m->kernfs;
	size_t i = kernfs_lower_bound(r, path);

	if (i < r->nr && strcmp(r->nodes[i].path, path) == 0)
		return -EEXIST;
	if (r->nr == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 128;
		struct kernfs_node *n = realloc(r->nodes, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		r->nodes = n;
		r->cap = cap;
	}
	memmove(&r->nodes[i + 1], &r->nodes[i], (r->nr - i) * sizeof(r->nodes[0]));
	r->nodes[i] = (struct kernfs_node){
		.path = strdup(path), .mode = mode, .ops = ops, .data = data,
	};
	if (!r->nodes[i].path) {
		memmove(&r->nodes[i], &r->nodes[i + 1], (r->nr - i) * sizeof(r->nodes[0]));
		return -ENOMEM;
	}
	r->nr++;
	return 0;
}

void kernfs_remove(struct machine *m, const char *path)
{
	struct kernfs_root *r = &m->kernfs;
	size_t len = strlen(path), i = 0, j = 0;

	for (i = 0; i < r->nr; i++) {
		const char *p = r->nodes[i].path;
		bool below = strncmp(p, path, len) == 0 && (p[len] == '\0' || p[len] == '/');

		if (below)
			free(r->nodes[i].path);
		else
			r->nodes[j++] = r->nodes[i];
	}
	r->nr = j;
}

/* Drop a trailing '/' (but keep "/"), into @buf. */
/* @path without a trailing '/', a process name after /proc/ as its pid. */
static const char *kernfs_norm(struct machine *m, const char *path, char *buf, size_t len)
{
	size_t n;

	if (proc_pid_name_path(m, path, buf, len))	/* /proc/db/maps -> /proc/1/maps */
		path = buf;
	n = strlen(path);
	if (n > 1 && path[n - 1] == '/' && n < len) {
		memmove(buf, path, n - 1);
		buf[n - 1] = '\0';
		return buf;
	}
	return path;
}

int kernfs_read(struct machine *m, const char *path, struct seq_file *sf)
{
	char buf[512];
	struct kernfs_node *kn;

	path = kernfs_norm(m, path, buf, sizeof(buf));
	kn = kernfs_find(&m->kernfs, path);
	if (!kn)
		return kernfs_is_dir(&m->kernfs, path) ? -EISDIR : -ENOENT;
	if (!kn->ops->show && kn->ops->read)	/* binary: read it with kernfs_pread */
		return -EINVAL;
	if (!kn->ops->show || !(kn->mode & 0444))
		return -EACCES;
	sf->private = kn->data;
	return kn->ops->show(sf);
}

long kernfs_pread(struct machine *m, const char *path, void *buf, size_t len,
		  unsigned long long pos)
{
	char pbuf[512];
	struct kernfs_node *kn;
	struct seq_file sf;
	long ret;

	path = kernfs_norm(m, path, pbuf, sizeof(pbuf));
	kn = kernfs_find(&m->kernfs, path);
	if (!kn)
		return kernfs_is_dir(&m->kernfs, path) ? -EISDIR : -ENOENT;
	if (!(kn->mode & 0444) || (!kn->ops->read && !kn->ops->show))
		return -EACCES;
	if (kn->ops->read)
		return kn->ops->read(m, kn->data, buf, len, pos);
	seq_init(&sf, m);			/* a text file: the slice of its show */
	sf.private = kn->data;
	ret = kn->ops->show(&sf);
	if (!ret) {
		size_t n = pos < sf.count ? sf.count - pos : 0;

		n = n < len ? n : len;
		memcpy(buf, sf.buf + (n ? pos : 0), n);
		ret = (long)n;
	}
	seq_release(&sf);
	return ret;
}

bool kernfs_is_binary(struct machine *m, const char *path)
{
	char pbuf[512];
	struct kernfs_node *kn;

	path = kernfs_norm(m, path, pbuf, sizeof(pbuf));
	kn = kernfs_find(&m->kernfs, path);
	return kn && kn->ops->read && !kn->ops->show;
}

int kernfs_write(struct machine *m, const char *path, const char *val)
{
	char buf[512];
	struct kernfs_node *kn;

	path = kernfs_norm(m, path, buf, sizeof(buf));
	kn = kernfs_find(&m->kernfs, path);
	if (!kn)
		return kernfs_is_dir(&m->kernfs, path) ? -EISDIR : -ENOENT;
	if (!kn->ops->write || !(kn->mode & 0222))
		return -EACCES;
	return kn->ops->write(m, kn->data, val);
}

static int kernfs_add_name(char ***names, size_t *nr, size_t *cap, const char *s, size_t len,
			   bool dir)
{
	char *name;

	if (*nr && strncmp((*names)[*nr - 1], s, len) == 0 &&
	    (*names)[*nr - 1][len] == (dir ? '/' : '\0'))
		return 0;	/* same directory as the previous file */
	if (*nr == *cap) {
		size_t c = *cap ? *cap * 2 : 16;
		char **n = realloc(*names, c * sizeof(char *));

		if (!n)
			return -ENOMEM;
		*names = n;
		*cap = c;
	}
	name = malloc(len + 2);
	if (!name)
		return -ENOMEM;
	memcpy(name, s, len);
	name[len] = dir ? '/' : '\0';
	name[len + 1] = '\0';
	(*names)[(*nr)++] = name;
	return 0;
}

int kernfs_readdir(struct machine *m, const char *path, char ***names, size_t *nr)
{
	struct kernfs_root *r = &m->kernfs;
	char buf[512];
	size_t len, cap = 0, i;

	path = kernfs_norm(m, path, buf, sizeof(buf));
	*names = NULL;
	*nr = 0;
	if (kernfs_find(r, path))
		return -ENOTDIR;
	if (!kernfs_is_dir(r, path))
		return -ENOENT;
	len = strcmp(path, "/") == 0 ? 0 : strlen(path);
	for (i = kernfs_lower_bound(r, path); i < r->nr; i++) {
		const char *p = r->nodes[i].path;
		const char *rest, *slash;

		if (strncmp(p, path, len) != 0)
			break;
		if (p[len] != '/')
			continue;
		rest = p + len + 1;
		slash = strchr(rest, '/');
		if (kernfs_add_name(names, nr, &cap, rest,
				    slash ? (size_t)(slash - rest) : strlen(rest), slash != NULL))
			return -ENOMEM;
	}
	return 0;
}

void kernfs_release(struct kernfs_root *r)
{
	for (size_t i = 0; i < r->nr; i++)
		free(r->nodes[i].path);
	free(r->nodes);
	r->nodes = NULL;
	r->nr = r->cap = 0;
}
