/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Task credentials (include/linux/cred.h, kernel/cred.c): struct cred,
 * objects of the "cred" cache (Linux's cred_jar), one per process (threads
 * share it), and capable().
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <stdbool.h>
#include "linux/types.h"

struct machine;
struct task_struct;

/*
 * Linux 6.18's sizeof(struct cred), /sys/kernel/slab/cred/object_size;
 * mmsim's struct cred must fit (static_assert in kernel/cred.c).
 */
#define CRED_OBJECT_SIZE	184

/* Capabilities (include/uapi/linux/capability.h) the memory code asks for. */
#define CAP_IPC_LOCK		14	/* mlock past RLIMIT_MEMLOCK */
#define CAP_SYS_RAWIO		17	/* map below vm.mmap_min_addr */
#define CAP_SYS_ADMIN		21	/* the admin reserve of strict overcommit */
#define CAP_SYS_RESOURCE	24	/* raise a hard rlimit (prlimit) */
#define CAP_LAST_CAP		40	/* CAP_CHECKPOINT_RESTORE */
#define CAP_FULL_SET		((1ULL << (CAP_LAST_CAP + 1)) - 1)

/* A task's credentials (Linux's struct cred, without keys and LSM data). */
struct cred {
	int usage;			/* tasks holding it (Linux: atomic_long_t) */
	unsigned int uid, gid;		/* real */
	unsigned int suid, sgid;	/* saved */
	unsigned int euid, egid;	/* effective: what permission checks use */
	unsigned int fsuid, fsgid;	/* for filesystem access */
	u64 cap_inheritable;		/* CapInh */
	u64 cap_permitted;		/* CapPrm */
	u64 cap_effective;		/* CapEff: what capable() tests */
	u64 cap_bset;			/* CapBnd: the bounding set */
	u64 cap_ambient;		/* CapAmb */
};

/* cred_init - create the cred cache (KMEM_CACHE(cred, ...)).  Boot only. */
void cred_init(struct machine *m);

/*
 * prepare_user_creds - a new cred (usage 1) for a program started by a
 * shell running as @uid: every id @uid (gid too: mmsim's users have a
 * group of the same number); root (0) has every capability permitted and
 * effective, another uid none (CapBnd stays full, as after execve of a
 * non-setuid binary).  NULL when the cache is out of memory.
 */
struct cred *prepare_user_creds(struct machine *m, unsigned int uid);

/*
 * copy_creds - @p's credentials at fork: with CLONE_THREAD it shares the
 * parent's (usage + 1); otherwise prepare_creds copies them into a new
 * object.  0 or -ENOMEM.  exit_creds drops @p's reference (the object is
 * freed with its last user), at release of the task_struct.
 */
int copy_creds(struct machine *m, struct task_struct *p, unsigned long clone_flags);
void exit_creds(struct machine *m, struct task_struct *p);

/*
 * exec_creds - execve's prepare_bprm_creds + commit_creds: @p gets a fresh
 * copy of its credentials (no setuid binaries: the same ids), the old one
 * is dropped.  0 or -ENOMEM (nothing changed).
 */
int exec_creds(struct machine *m, struct task_struct *p);

/*
 * capable - whether the current task has capability @cap in its effective
 * set (Linux's cap_capable; PF_SUPERPRIV, which capable() proper sets,
 * is left out: the overcommit check asks without it).  The kernel actor and the idle tasks (m->current NULL) are
 * root and have them all.
 */
bool capable(struct machine *m, int cap);

#endif
