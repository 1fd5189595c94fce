// SPDX-License-Identifier: GPL-2.0-only
/*
 * The machine's PRNG: xoshiro256** (Blackman/Vigna, public domain
 * algorithm) seeded by splitmix64.  Linux uses prandom/get_random_*; mmsim
 * needs reproducibility, so every random choice comes from here.
 * Callers: anything that randomises (layout, access patterns, test data).
 */
#include "linux/prandom.h"

static u64 splitmix64(u64 *x)
{
	u64 z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void prandom_seed_state(struct rnd_state *st, u64 seed)
{
	u64 x = seed;

	for (int i = 0; i < 4; i++)
		st->s[i] = splitmix64(&x);
}

static inline u64 rotl(u64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

u64 prandom_u64_state(struct rnd_state *st)
{
	u64 *s = st->s;
	u64 result = rotl(s[1] * 5, 7) * 9;
	u64 t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

u64 prandom_u64_below(struct rnd_state *st, u64 ceil)
{
	u64 limit = -ceil % ceil;	/* 2^64 mod ceil */
	u64 r;

	do {
		r = prandom_u64_state(st);
	} while (r < limit);
	return r % ceil;
}
