/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The VFS's object caches (fs/dcache.c, fs/inode.c, fs/file_table.c):
 * names_cache, dentry, inode_cache and filp.  This issue creates them; the
 * simulated filesystem of the address-space issue allocates its dentries,
 * inodes and open files from them, registers the dcache and icache
 * shrinkers that drop_caches calls, and takes a names_cache buffer for each
 * path lookup.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

struct machine;

#define PATH_MAX	4096	/* a names_cache object */

/*
 * Linux 6.18's sizeof(struct dentry), sizeof(struct inode) and
 * sizeof(struct file) (/sys/kernel/slab/X/object_size); mmsim's structs,
 * when they exist, must fit (static_assert next to them).
 */
#define DENTRY_OBJECT_SIZE	192
#define INODE_OBJECT_SIZE	616
#define FILE_OBJECT_SIZE	184

/*
 * The simulated disk's objects (fs/simdisk.c, fs/namei.c, fs/inode.c,
 * fs/dcache.c, fs/file_table.c).  Inodes, dentries and open files live in
 * the caches above (slab objects in the machine's RAM), so Slab: counts
 * them; the super_block and the disk itself are host memory (Linux's
 * super_block is a kmalloc object of one mounted filesystem: one here).
 */
#include <errno.h>
#include "linux/types.h"
#include "linux/list.h"
#include "linux/rbtree.h"

#define NAME_MAX		255	/* a path component (include/uapi/linux/limits.h) */
#define DNAME_INLINE_LEN	40	/* names up to 39 bytes live in the dentry (x86-64) */
#define MAX_LFS_FILESIZE	((u64)0x7fffffffffffffffULL)	/* LLONG_MAX */

#define MINORBITS	20		/* include/linux/kdev_t.h: dev_t is major << 20 | minor */
#define MKDEV(ma, mi)	(((u32)(ma) << MINORBITS) | (u32)(mi))
#define MAJOR(dev)	((u32)(dev) >> MINORBITS)
#define MINOR(dev)	((u32)(dev) & ((1u << MINORBITS) - 1))

/* i_mode's file types (include/uapi/linux/stat.h) */
#ifndef S_IFMT			/* the host's <fcntl.h>, <sys/stat.h>: the same values */
#define S_IFMT		00170000
#define S_IFREG		0100000
#define S_IFDIR		0040000
#endif
#ifndef S_ISDIR
#define S_ISREG(mode)	(((mode) & S_IFMT) == S_IFREG)
#define S_ISDIR(mode)	(((mode) & S_IFMT) == S_IFDIR)
#endif

/* f_mode bits (include/linux/fs.h) */
#define FMODE_READ	0x1u
#define FMODE_WRITE	0x2u
#define FMODE_WRITER	0x10000u	/* holds write access to the inode (i_writecount) */

/* What the bytes of a new file are (mmsim_create_file's data=). */
enum file_data_kind {
	FILE_DATA_ZERO,		/* zeros (a sparse host file) */
	FILE_DATA_RANDOM,	/* bytes from a PRNG seeded by the machine's PRNG */
	FILE_DATA_TEXT,		/* a repeating English-like text */
};

/* The one mounted filesystem (struct super_block, trimmed). */
struct super_block {
	u32 s_dev;			/* MKDEV(254, 1): virtio-blk vda1, as maps prints fe:01 */
	u64 s_maxbytes;			/* largest file: MAX_LFS_FILESIZE */
	unsigned long s_next_ino;	/* ext4-like: next inode number (starts at 12) */
	u64 s_capacity;			/* mmsim.disk_size= bytes */
	u64 s_used;			/* bytes of files, each rounded up to 4K blocks */
	struct dentry *s_root;		/* "/" (inode 2, EXT4_ROOT_INO) */
};

/*
 * struct address_space: a file's pages and mappings.  The page cache
 * (i_pages) comes with the page-cache issue; nrpages stays 0 until then.
 */
struct address_space {
	struct inode *host;		/* the inode this is the i_data of */
	struct rb_root i_mmap;		/* VMAs mapping the file: an interval tree
					   by pgoff range (mm/interval_tree.c), linked
					   by vma_link, unlinked by vma_unlink */
	unsigned int i_mmap_writable;	/* VMAs with VM_SHARED and VM_MAYWRITE
					   (mapping_allow_writable; Linux: atomic_t) */
	unsigned long nrpages;		/* pages in the page cache: 0 for now */
	gfp_t gfp_mask;			/* mapping_gfp_mask: GFP_HIGHUSER_MOVABLE later */
};

/* struct inode, trimmed to what mmsim models. */
struct inode {
	u32 i_mode;			/* S_IFREG or S_IFDIR | 0644/0755 */
	unsigned int i_nlink;
	unsigned long i_ino;		/* ext4-like numbers: 2 for "/", then 12, 13 ... */
	struct super_block *i_sb;	/* s_dev is the device maps prints */
	u64 i_size;			/* bytes */
	u64 i_blocks;			/* 512-byte sectors the file takes */
	unsigned int i_count;		/* references (Linux: atomic_t) */
	int i_writecount;		/* open for writing (> 0), or executables'
					   denials (< 0): get_write_access */
	struct address_space *i_mapping;	/* &i_data */
	struct address_space i_data;
};

struct qstr {
	const char *name;		/* d_iname or a kmalloc'd copy for long names */
	unsigned int len;
};

/* struct dentry: a name in the tree. */
struct dentry {
	struct dentry *d_parent;	/* the root is its own parent */
	struct qstr d_name;
	struct inode *d_inode;
	unsigned int d_lockref;		/* references (Linux: struct lockref) */
	struct list_head d_sib;		/* in the parent's d_children */
	struct list_head d_children;	/* our children (Linux: hlists since 6.8) */
	char d_iname[DNAME_INLINE_LEN];	/* short names live here */
};

/* struct file: an open file. */
struct file {
	unsigned int f_count;		/* references (Linux: file_ref_t) */
	unsigned int f_flags;		/* open(2)'s flags: O_RDONLY, O_WRONLY, O_RDWR ... */
	unsigned int f_mode;		/* FMODE_READ | FMODE_WRITE from the access mode */
	struct address_space *f_mapping;	/* inode->i_mapping */
	struct inode *f_inode;
	struct dentry *f_dentry;	/* f_path.dentry (one mount: no vfsmount) */
	u64 f_pos;
};

/*
 * Write access (include/linux/fs.h): an inode is open for writing by
 * i_writecount files, or denied to writers by -i_writecount running
 * executables (exec's exe_file_deny_write_access), never both.
 * get_write_access - one more writer: 0, or -ETXTBSY while denied.
 * put_write_access - one writer less.
 * exe_file_deny_write_access - one more denial: 0, or -ETXTBSY while the
 * file is open for writing.  exe_file_allow_write_access - one less.
 */
static inline int get_write_access(struct inode *inode)
{
	if (inode->i_writecount < 0)
		return -ETXTBSY;
	inode->i_writecount++;
	return 0;
}

static inline void put_write_access(struct inode *inode)
{
	inode->i_writecount--;
}

static inline int exe_file_deny_write_access(struct file *file)
{
	if (file->f_inode->i_writecount > 0)
		return -ETXTBSY;
	file->f_inode->i_writecount--;
	return 0;
}

static inline void exe_file_allow_write_access(struct file *file)
{
	file->f_inode->i_writecount++;
}

struct mm_struct;
/*
 * set_mm_exe_file - make @new_exe_file (or NULL) @mm's executable: the mm
 * takes a reference and a write denial on it and drops those of the
 * previous one.  0, or -EACCES when the denial fails (the file is open
 * for writing; exec denied it before, so this does not happen).
 */
int set_mm_exe_file(struct machine *m, struct mm_struct *mm, struct file *new_exe_file);
/* dup_mm_exe_file - fork: @mm runs @oldmm's executable too (reference and denial). */
void dup_mm_exe_file(struct machine *m, struct mm_struct *mm, struct mm_struct *oldmm);

/*
 * new_inode - an inode of the disk from inode_cache: i_count 1, i_nlink 1,
 * @mode, the next inode number, an empty i_data.  NULL when out of memory.
 */
struct inode *new_inode(struct machine *m, struct super_block *sb, u32 mode);
/* iput - drop a reference to @inode; the last one frees it to inode_cache. */
void iput(struct machine *m, struct inode *inode);

/*
 * d_alloc - a dentry named @name (@len bytes, 1..NAME_MAX) under @parent
 * (NULL: a root, its own parent), holding a reference to @parent, with no
 * inode yet.  NULL when out of memory.
 */
struct dentry *d_alloc(struct machine *m, struct dentry *parent, const char *name,
		       unsigned int len);
/* d_instantiate - give @dentry its @inode (the dentry takes the reference). */
void d_instantiate(struct dentry *dentry, struct inode *inode);
/* d_lookup - the child of @parent named @name (@len bytes), or NULL. */
struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len);
/* dget - take a reference to @dentry; returns it. */
struct dentry *dget(struct dentry *dentry);
/*
 * dput - drop a reference to @dentry.  The disk keeps one reference on
 * every dentry it created until it is torn down, so a dentry is freed (with
 * its inode reference and its parent reference) only by the teardown.
 */
void dput(struct machine *m, struct dentry *dentry);

/*
 * alloc_empty_file - a struct file from filp with f_count 1, @flags, the
 * f_mode they give.  NULL when out of memory.
 */
struct file *alloc_empty_file(struct machine *m, unsigned int flags);
/* get_file - take a reference to @f; returns it. */
struct file *get_file(struct file *f);
/*
 * fput - drop a reference to @f; the last one drops the file's dentry and
 * inode references and frees it to filp.
 */
void fput(struct machine *m, struct file *f);

/*
 * filp_open - open the disk's file @path (absolute) with open(2)'s @flags
 * (O_RDONLY, O_WRONLY or O_RDWR; others are kept in f_flags).  Returns the
 * file (f_pos 0, f_mapping the inode's i_mapping), or ERR_PTR: -ENOENT (no
 * such file, or no disk yet), -ENOTDIR (a component is a file), -EISDIR
 * (a directory opened for writing), -EINVAL (not an absolute path, bad
 * access mode), -ENAMETOOLONG, -ENOMEM.  The process issue's open/close
 * put it in a files_struct (files_cache).
 */
struct file *filp_open(struct machine *m, const char *path, unsigned int flags);

/*
 * d_path - the absolute path of @dentry ("/" for the root) into @buf of
 * @len bytes, NUL-terminated.  0, or -ENAMETOOLONG (@buf too small).
 */
int d_path(const struct dentry *dentry, char *buf, size_t len);

/*
 * path_lookup_dentry - the dentry of absolute @path ("/" is the root), with
 * a reference the caller dputs, in *out.  0, or -ENOENT, -ENOTDIR, -EINVAL
 * (not absolute), -ENAMETOOLONG (a component over NAME_MAX, the path over
 * PATH_MAX - 1).  Uses a names_cache buffer as getname does.
 */
int path_lookup_dentry(struct machine *m, const char *path, struct dentry **out);

/*
 * sim_disk_get - the machine's disk, created on first use: the host
 * directory (mkdtemp under $TMPDIR, else the current directory), the
 * super_block, the root dentry and inode.  NULL with -errno in *err when the
 * host directory cannot be made (-EIO) or memory runs out (-ENOMEM).
 */
struct super_block *sim_disk_get(struct machine *m, int *err);
/* sim_disk_sb - the disk's super_block, or NULL if none was made yet. */
struct super_block *sim_disk_sb(struct machine *m);
/*
 * sim_disk_fill - create the host file backing @inode, @size bytes of
 * @kind; random bytes come from a PRNG seeded by one draw of the machine's
 * PRNG.  0, or -EIO when the host refuses (the file is removed).
 */
int sim_disk_fill(struct machine *m, struct inode *inode, enum file_data_kind kind);
/* sim_disk_pread - up to @len bytes of @inode's host file at @pos; bytes read or -EIO. */
long sim_disk_pread(struct machine *m, struct inode *inode, void *buf, u64 len, u64 pos);
/*
 * sim_disk_pwrite - write @len bytes of @buf at @pos of @inode's host file,
 * inside its size (exec images are written so, fs/elf_image.c).  Bytes
 * written, -EINVAL (past i_size) or -EIO.
 */
long sim_disk_pwrite(struct machine *m, struct inode *inode, const void *buf, u64 len, u64 pos);
/*
 * sim_disk_release - tear the disk down: free every dentry and inode to
 * their caches, remove the host files and directory.  Open files must have
 * been fput first (their references are not forced).  mmsim_destroy calls
 * it; a later sim_disk_get makes a new, empty disk.
 */
void sim_disk_release(struct machine *m);

/*
 * vfs_caches_init - create names_cache, then dcache_init's, inode_init's
 * and files_init's caches, in Linux's order.  Boot only.
 */
void vfs_caches_init(struct machine *m);
/* inode_init - the inode_cache (fs/inode.c). */
void inode_init(struct machine *m);
/* files_init - the filp cache (fs/file_table.c). */
void files_init(struct machine *m);

#endif
