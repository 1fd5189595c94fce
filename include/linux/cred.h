/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Task credentials (kernel/cred.c): the "cred" cache (Linux's cred_jar).
 * The address-space issue gives each process a struct cred from it
 * (prepare_creds, copy_creds); until then the cache is empty.
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <stdbool.h>

struct machine;

/*
 * Linux 6.18's sizeof(struct cred), /sys/kernel/slab/cred/object_size;
 * mmsim's struct cred, when it exists, must fit.
 */
#define CRED_OBJECT_SIZE	184

/* cred_init - create the cred cache (KMEM_CACHE(cred, ...)).  Boot only. */
void cred_init(struct machine *m);

/* Capabilities (include/uapi/linux/capability.h) the memory code asks for. */
#define CAP_IPC_LOCK		14	/* mlock past RLIMIT_MEMLOCK */
#define CAP_SYS_ADMIN		21	/* the admin reserve of strict overcommit */
#define CAP_SYS_RESOURCE	24	/* raise a hard rlimit (prlimit) */

/*
 * capable - whether the current task has capability @cap (Linux's
 * capable(): root's effective set holds every capability, another uid's
 * none).  The kernel actor and the idle tasks are root.
 */
bool capable(struct machine *m, int cap);

#endif
