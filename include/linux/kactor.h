/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel actor's host-side state (kernel/kactor.c): the caches it made
 * by name and its reclaimable groups.  Its entry points are the mmsim_*
 * functions of include/mmsim.h.
 */
#ifndef _LINUX_KACTOR_H
#define _LINUX_KACTOR_H

struct machine;

/*
 * kactor_release - unregister the actor's shrinkers and free its host
 * memory at machine teardown (the simulated objects go with the machine).
 */
void kactor_release(struct machine *m);

#endif
