/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A process's filesystem context (include/linux/fs_struct.h): Linux's
 * struct fs_struct holds root, cwd and umask; mmsim has one namespace and
 * no current directory, so only the umask (status's Umask:) and the users
 * count are here.  Objects of fs_cache (64 bytes, merged into
 * anon_vma_chain).  copy_fs (kernel/fork.c) shares it with CLONE_FS or
 * copies it; exit_fs (kernel/exit.c) drops it.
 */
#ifndef _LINUX_FS_STRUCT_H
#define _LINUX_FS_STRUCT_H

struct fs_struct {
	int users;			/* tasks sharing it (CLONE_FS) */
	int umask;			/* 0022 for a process from spawn */
};

#endif
