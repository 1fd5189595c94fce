// SPDX-License-Identifier: GPL-2.0-only
/*
 * Task credentials (kernel/cred.c): cred_init creates the "cred" cache.
 * With its flags and size it merges into the "pid" cache on Linux (both
 * are 184-byte, cache-line aligned, accounted): /proc/slabinfo shows no
 * cred line and /sys/kernel/slab/cred is an alias, here as there.
 * A process gets its cred at spawn (prepare_user_creds: root, or the
 * uid= of spawn), a new copy at fork and at exec; threads share it.
 * capable() tests the current task's effective set.
 * Leaves out: user namespaces, keyrings, LSMs, the user_struct (uid_cache)
 * and its per-user process count, setuid binaries, RCU freeing.
 * Callers: start_kernel_objects and copy_process (kernel/fork.c),
 * kernel/process.c (spawn, exec), release_task (kernel/exit.c), the
 * memory code asking capable().
 */
#include <string.h>
#include "linux/cred.h"
#include "linux/gfp.h"
#include "linux/machine.h"
#include "linux/sched.h"
#include "linux/slab.h"

_Static_assert(sizeof(struct cred) <= CRED_OBJECT_SIZE, "struct cred must fit the cred cache's objects");

#define CLONE_THREAD_FLAG	0x00010000	/* include/uapi/linux/sched.h CLONE_THREAD */

void cred_init(struct machine *m)
{
	m->cred_jar = kmem_cache_create(m, "cred", CRED_OBJECT_SIZE, 8,
					SLAB_HWCACHE_ALIGN | SLAB_PANIC | SLAB_ACCOUNT, NULL);
}

struct cred *prepare_user_creds(struct machine *m, unsigned int uid)
{
	struct cred *new = kmem_cache_alloc(m, m->cred_jar, GFP_KERNEL | __GFP_ZERO);

	if (!new)
		return NULL;
	new->usage = 1;
	new->uid = new->suid = new->euid = new->fsuid = uid;
	new->gid = new->sgid = new->egid = new->fsgid = uid;
	new->cap_bset = CAP_FULL_SET;
	if (uid == 0)
		new->cap_permitted = new->cap_effective = CAP_FULL_SET;
	return new;
}

/* prepare_creds: a copy of @old with usage 1, or NULL. */
static struct cred *dup_cred(struct machine *m, const struct cred *old)
{
	struct cred *new = kmem_cache_alloc(m, m->cred_jar, GFP_KERNEL);

	if (!new)
		return NULL;
	*new = *old;
	new->usage = 1;
	return new;
}

static void put_cred(struct machine *m, const struct cred *cred)
{
	struct cred *c = (struct cred *)cred;

	if (c && --c->usage == 0)
		kmem_cache_free(m, m->cred_jar, c);
}

int copy_creds(struct machine *m, struct task_struct *p, unsigned long clone_flags)
{
	struct cred *new;

	if (clone_flags & CLONE_THREAD_FLAG) {
		((struct cred *)p->cred)->usage++;	/* get_cred: shared */
		return 0;
	}
	new = dup_cred(m, p->cred);
	if (!new)
		return -ENOMEM;
	p->cred = p->real_cred = new;
	return 0;
}

void exit_creds(struct machine *m, struct task_struct *p)
{
	put_cred(m, p->cred);
	p->cred = p->real_cred = NULL;
}

int exec_creds(struct machine *m, struct task_struct *p)
{
	struct cred *new = dup_cred(m, p->cred);

	if (!new)
		return -ENOMEM;
	put_cred(m, p->cred);
	p->cred = p->real_cred = new;
	return 0;
}

bool capable(struct machine *m, int cap)
{
	struct task_struct *tsk = m->current;

	if (!tsk || !tsk->cred)		/* the kernel actor, idle tasks: root */
		return true;
	return (tsk->cred->cap_effective >> cap) & 1;
}
