// SPDX-License-Identifier: GPL-2.0-only
/*
 * Access patterns of the read and write verbs: the addresses a range is
 * touched at, in order, handed out in batches so that the access loop
 * (kernel/access.c) stays a tight loop over an array.
 *
 *   seq         every page once, in address order (the range's first
 *               byte for its first page, each later page's first byte)
 *   rand=N      N pages drawn uniformly (with replacement) from the range
 *   stride=S    start, start + S, start + 2S ... below the end
 *   zipf=T:N    N pages drawn with P(page i) proportional to 1/(i+1)^T:
 *               the range's first page is the hottest
 *   repeat=K    the whole pattern K times; rand and zipf replay the same
 *               draws (each pass restarts the generator from the seed)
 *
 * Random draws use the machine's generator (lib/prandom.c, xoshiro256**)
 * seeded per walk; a page index in [0, n) is taken by Lemire's
 * multiply-and-shift with rejection (no bias, a division only on the rare
 * rejection path).  Zipf draws use Hörmann and Derflinger's
 * rejection-inversion method ("Rejection-inversion to generate variates
 * from monotone discrete distributions", 1996): O(1) set-up and memory
 * whatever the range's size, a few log/exp per draw.
 *
 * Leaves out: patterns over bytes within a page (seq and rand touch one
 * byte per page).  Called by kernel/access.c.
 */
#include <errno.h>
#include <math.h>
#include <string.h>
#include "linux/mm.h"
#include "linux/mmsim_access.h"

/* A page index in [0, n), n >= 1, without bias. */
static u64 rand_below(struct rnd_state *rng, u64 n)
{
	unsigned __int128 p = (unsigned __int128)prandom_u64_state(rng) * n;

	if ((u64)p < n) {
		u64 floor = -n % n;	/* 2^64 mod n */

		while ((u64)p < floor)
			p = (unsigned __int128)prandom_u64_state(rng) * n;
	}
	return (u64)(p >> 64);
}

/* A double in [0, 1) from the top 53 bits. */
static double rand_unit(struct rnd_state *rng)
{
	return (double)(prandom_u64_state(rng) >> 11) * 0x1p-53;
}

/* expm1(y) / y, 1 at 0. */
static double expm1_over(double y)
{
	return fabs(y) > 1e-8 ? expm1(y) / y : 1.0 + y / 2.0;
}

/* log1p(y) / y, 1 at 0. */
static double log1p_over(double y)
{
	return fabs(y) > 1e-8 ? log1p(y) / y : 1.0 - y / 2.0;
}

/* h(x) = x^-theta, the zipf density on the reals. */
static double zipf_h(double theta, double x)
{
	return exp(-theta * log(x));
}

/* H(x), an antiderivative of h: (x^(1-theta) - 1) / (1 - theta), or log x. */
static double zipf_H(double theta, double x)
{
	double lx = log(x);

	return expm1_over((1.0 - theta) * lx) * lx;
}

/* The inverse of H. */
static double zipf_H_inv(double theta, double y)
{
	double t = (1.0 - theta) * y;

	if (t < -1.0)
		t = -1.0;	/* rounding at the top of H's range */
	return exp(log1p_over(t) * y);
}

static void zipf_setup(struct access_iter *it)
{
	double t = it->theta;

	it->z_hx0 = zipf_H(t, 1.5) - 1.0;
	it->z_hn = zipf_H(t, (double)it->nr_pages + 0.5);
	it->z_s = 2.0 - zipf_H_inv(t, zipf_H(t, 2.5) - zipf_h(t, 2.0));
}

/* One zipf rank in [1, nr_pages] (rejection-inversion). */
static u64 zipf_draw(struct access_iter *it)
{
	double t = it->theta, n = (double)it->nr_pages;

	for (;;) {
		double u = it->z_hn + rand_unit(&it->rng) * (it->z_hx0 - it->z_hn);
		double x = zipf_H_inv(t, u);
		double k = floor(x + 0.5);

		if (k < 1.0)
			k = 1.0;
		else if (k > n)
			k = n;
		if (k - x <= it->z_s || u >= zipf_H(t, k + 0.5) - zipf_h(t, k))
			return (u64)k;
	}
}

int access_iter_init(struct access_iter *it, const struct mmsim_access_spec *spec,
		     unsigned long start, unsigned long end, u64 seed)
{
	memset(it, 0, sizeof(*it));
	it->pattern = spec->pattern;
	it->start = start;
	it->end = end;
	it->first_page = start & PAGE_MASK;
	it->nr_pages = ((end - 1) >> PAGE_SHIFT) - (start >> PAGE_SHIFT) + 1;
	it->passes = spec->repeat ? spec->repeat : 1;
	it->seed = seed;
	switch (spec->pattern) {
	case MMSIM_ACCESS_SEQ:
		it->per_pass = it->nr_pages;
		break;
	case MMSIM_ACCESS_STRIDE:
		if (!spec->stride)
			return -EINVAL;
		it->stride = spec->stride;
		it->per_pass = (end - start - 1) / spec->stride + 1;
		break;
	case MMSIM_ACCESS_ZIPF:
		if (!(spec->theta >= 0.0 && spec->theta <= 100.0))
			return -EINVAL;
		it->theta = spec->theta;
		zipf_setup(it);
		/* fall through */
	case MMSIM_ACCESS_RAND:
		if (!spec->count)
			return -EINVAL;
		it->per_pass = spec->count;
		break;
	default:
		return -EINVAL;
	}
	it->next = start;
	prandom_seed_state(&it->rng, seed);
	return 0;
}

/* Page @idx of the range as an address (the range's start for page 0). */
static unsigned long page_addr(const struct access_iter *it, u64 idx)
{
	return idx ? it->first_page + (idx << PAGE_SHIFT) : it->start;
}

/* Start pass it->pass + 1 (rand and zipf replay their draws), or say the walk is over. */
static bool next_pass(struct access_iter *it)
{
	if (++it->pass >= it->passes)
		return false;
	it->done = 0;
	it->next = it->start;
	if (it->pattern == MMSIM_ACCESS_RAND || it->pattern == MMSIM_ACCESS_ZIPF)
		prandom_seed_state(&it->rng, it->seed);
	return true;
}

/*
 * The next @n (<= what is left of the pass) addresses of the pass into
 * @addrs.  (Locals, not it->: a store to @addrs could be one to *@it.)
 */
static void fill_addrs(struct access_iter *it, unsigned long *addrs, size_t n)
{
	unsigned long a;
	size_t k = 0;

	switch (it->pattern) {
	case MMSIM_ACCESS_SEQ:
		a = it->first_page + (it->done << PAGE_SHIFT);
		if (!it->done && n) {
			addrs[k++] = it->start;
			a += PAGE_SIZE;
		}
		for (; k < n; k++, a += PAGE_SIZE)
			addrs[k] = a;
		break;
	case MMSIM_ACCESS_STRIDE:
		a = it->next;
		for (u64 stride = it->stride; k < n; k++, a += stride)
			addrs[k] = a;
		it->next = a;
		break;
	case MMSIM_ACCESS_RAND:
		for (; k < n; k++)
			addrs[k] = page_addr(it, rand_below(&it->rng, it->nr_pages));
		break;
	case MMSIM_ACCESS_ZIPF:
		for (; k < n; k++)
			addrs[k] = page_addr(it, zipf_draw(it) - 1);
		break;
	}
	it->done += n;
}

size_t access_iter_next(struct access_iter *it, unsigned long *addrs, size_t max)
{
	size_t n = 0;

	while (n < max && it->pass < it->passes) {
		size_t k = max - n;

		if (it->done == it->per_pass) {
			if (n && it->pass == 0)
				break;		/* pass 0 ends a batch */
			if (!next_pass(it))
				break;
		}
		if (k > it->per_pass - it->done)
			k = (size_t)(it->per_pass - it->done);
		fill_addrs(it, addrs + n, k);
		n += k;
	}
	return n;
}
