/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine's seeded pseudo-random generator (lib/prandom.c):
 * xoshiro256** seeded through splitmix64.  Same seed, same sequence, on
 * every host.
 */
#ifndef _LINUX_PRANDOM_H
#define _LINUX_PRANDOM_H

#include "linux/types.h"

struct rnd_state {
	u64 s[4];
};

/* Seed @st from @seed (any value, 0 included). */
void prandom_seed_state(struct rnd_state *st, u64 seed);
/* Next 64 random bits. */
u64 prandom_u64_state(struct rnd_state *st);
/* Uniform value in [0, ceil) (ceil > 0), without modulo bias. */
u64 prandom_u64_below(struct rnd_state *st, u64 ceil);

#endif
