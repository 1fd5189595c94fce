/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel actor's host-side state (kernel/kactor.c): the caches it made
 * by name, its reclaimable groups, and what it owns (kernel/kactor_guard.c),
 * so that a script's stray kfree or write can never corrupt a structure the
 * kernel (and mmsim's host code) relies on.  Its entry points are the
 * mmsim_* functions of include/mmsim.h.
 */
#ifndef _LINUX_KACTOR_H
#define _LINUX_KACTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;

/*
 * kactor_release - unregister the actor's shrinkers and free its host
 * memory at machine teardown (the simulated objects go with the machine).
 */
void kactor_release(struct machine *m);

/*
 * What the actor owns: every live allocation it made and has not freed
 * (kmalloc/kzalloc/krealloc objects, kmem_cache_alloc objects, reclaimable
 * group objects, large kmallocs, vmalloc areas).  One bit per 8 bytes of
 * direct-mapped RAM (every allocation starts 8-byte aligned), set at the
 * first byte of the allocation's memory: a slab object's start, a large
 * kmalloc's first page, a vmalloc area's first page (its direct-map
 * alias).  Bitmaps are made per 2 MiB chunk of RAM on first use, so the
 * host cost is at most 1/64 of RAM and lookup is O(1).
 */
struct kactor_owned {
	unsigned long **chunk;		/* [nr_chunks]: one 2 MiB chunk's bits, or NULL */
	size_t nr_chunks;		/* entries of @chunk */
	unsigned long nr;		/* bits set: live allocations the actor owns */
};

/*
 * kactor_own - record that the actor owns the allocation starting at the
 * direct-map address @va.  Returns 0, or -ENOMEM (host memory).
 * kactor_disown forgets it; kactor_owns tests it (false outside RAM).
 */
int kactor_own(struct machine *m, struct kactor_owned *o, uint64_t va);
void kactor_disown(struct machine *m, struct kactor_owned *o, uint64_t va);
bool kactor_owns(const struct machine *m, const struct kactor_owned *o, uint64_t va);
/* kactor_owned_count - how many live allocations the actor owns (0 if none). */
unsigned long kactor_owned_count(const struct machine *m);
/* kactor_owned_release - free the bitmaps (machine teardown). */
void kactor_owned_release(struct kactor_owned *o);

/*
 * validate_kactor - every allocation the actor owns is live: a slab
 * object start not on a freelist or in a sheaf, a large kmalloc's first
 * page, or a page in use (a vmalloc area's first page); the count matches
 * the bits.  0 or -EUCLEAN with the problem in @err.  Cost: one pass over
 * the bitmaps and one free-slot map per slab holding an owned object.
 */
int validate_kactor(struct machine *m, char *err, size_t len);
int kactor_owned_validate(struct machine *m, const struct kactor_owned *o, char *err,
			  size_t len);

/* kactor_vm_key - the key of the vmalloc area holding @va (0 if none). */
uint64_t kactor_vm_key(struct machine *m, uint64_t va);

/*
 * kactor_kernel_live - is the direct-map @va the start of a live allocation
 * the actor does not own (a slab object not free, a large kmalloc)?  Then
 * true, and @what (may be NULL) names it ("kmalloc-32 object", "large
 * kmalloc (order 2)").  False for the actor's own, for free objects and
 * for addresses that start no allocation (the free path reports those).
 */
bool kactor_kernel_live(struct machine *m, const struct kactor_owned *o, uint64_t va,
			char *what, size_t whatlen);

/*
 * kactor_write_check - may the actor store into [@va, @va + @len) (all of
 * it mapped)?  Page by page: the actor's own objects and their slots,
 * free slab slots, a slab's tail padding, free pages, user and page-cache
 * pages and the actor's vmalloc areas are allowed; a live slab object of
 * the kernel's, a page-table page, a reserved page, a large kmalloc or
 * vmalloc area the actor does not own, any other page the kernel
 * allocated for itself are not.  Returns 0, or -EPERM with the first
 * thing hit described in @why ("0xffff888003484000 is a live task_struct
 * object mmsim uses").  Builds one free-slot map per slab crossed.
 */
int kactor_write_check(struct machine *m, const struct kactor_owned *o, uint64_t va,
		       uint64_t len, char *why, size_t whylen);

#endif
