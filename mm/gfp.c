// SPDX-License-Identifier: GPL-2.0-only
/*
 * GFP flags as text and as a zone: gfp_format() prints a mask the way
 * Linux's "%pGg" does (lib/vsprintf.c format_flags() walking the
 * gfpflag_names table of include/trace/events/mmflags.h), gfp_parse()
 * reads it back (gfp_zone(), the x86-64 GFP_ZONE_TABLE lookup, is inline
 * in include/linux/gfp.h).
 *
 * What gfp_parse() accepts, case-insensitively, as words joined by '|'
 * (spaces around a word are ignored):
 *   - every name gfp_format() prints: GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
 *     __GFP_ZERO, __GFP_NOWARN, ...;
 *   - the same names with the underscores and the "GFP_" prefix left out:
 *     "gfp_kernel", "GFP_ZERO", "kernel", "zero", "highuser_movable" (no
 *     two names collide once the prefix is gone, so this is unambiguous;
 *     GFP_DMA and __GFP_DMA, GFP_DMA32 and __GFP_DMA32 are the same bit);
 *   - a number in C notation ("0xcc0", "3264"), of known bits only.
 * Leaves out: the KASAN and lockdep bits (not configured), highmem zones.
 * Callers: mm/page_alloc.c (failure reports), the kernel actor
 * (mmsim_alloc_pages), /proc files that print gfp masks.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "linux/gfp.h"
#include "linux/kstrtox.h"

struct gfp_name {
	gfp_t mask;
	const char *name;
};

/* gfpflag_names: composites first, most bits first, then single bits. */
static const struct gfp_name gfpflag_names[] = {
	{ GFP_TRANSHUGE,	"GFP_TRANSHUGE" },
	{ GFP_TRANSHUGE_LIGHT,	"GFP_TRANSHUGE_LIGHT" },
	{ GFP_HIGHUSER_MOVABLE,	"GFP_HIGHUSER_MOVABLE" },
	{ GFP_HIGHUSER,		"GFP_HIGHUSER" },
	{ GFP_USER,		"GFP_USER" },
	{ GFP_KERNEL_ACCOUNT,	"GFP_KERNEL_ACCOUNT" },
	{ GFP_KERNEL,		"GFP_KERNEL" },
	{ GFP_NOFS,		"GFP_NOFS" },
	{ GFP_ATOMIC,		"GFP_ATOMIC" },
	{ GFP_NOIO,		"GFP_NOIO" },
	{ GFP_NOWAIT,		"GFP_NOWAIT" },
	{ GFP_DMA,		"GFP_DMA" },
	{ GFP_DMA32,		"GFP_DMA32" },
	{ __GFP_RECLAIM,	"__GFP_RECLAIM" },
	{ __GFP_DMA,		"__GFP_DMA" },
	{ __GFP_HIGHMEM,	"__GFP_HIGHMEM" },
	{ __GFP_DMA32,		"__GFP_DMA32" },
	{ __GFP_MOVABLE,	"__GFP_MOVABLE" },
	{ __GFP_RECLAIMABLE,	"__GFP_RECLAIMABLE" },
	{ __GFP_HIGH,		"__GFP_HIGH" },
	{ __GFP_IO,		"__GFP_IO" },
	{ __GFP_FS,		"__GFP_FS" },
	{ __GFP_ZERO,		"__GFP_ZERO" },
	{ __GFP_DIRECT_RECLAIM,	"__GFP_DIRECT_RECLAIM" },
	{ __GFP_KSWAPD_RECLAIM,	"__GFP_KSWAPD_RECLAIM" },
	{ __GFP_WRITE,		"__GFP_WRITE" },
	{ __GFP_NOWARN,		"__GFP_NOWARN" },
	{ __GFP_RETRY_MAYFAIL,	"__GFP_RETRY_MAYFAIL" },
	{ __GFP_NOFAIL,		"__GFP_NOFAIL" },
	{ __GFP_NORETRY,	"__GFP_NORETRY" },
	{ __GFP_MEMALLOC,	"__GFP_MEMALLOC" },
	{ __GFP_COMP,		"__GFP_COMP" },
	{ __GFP_NOMEMALLOC,	"__GFP_NOMEMALLOC" },
	{ __GFP_HARDWALL,	"__GFP_HARDWALL" },
	{ __GFP_THISNODE,	"__GFP_THISNODE" },
	{ __GFP_ACCOUNT,	"__GFP_ACCOUNT" },
	{ __GFP_ZEROTAGS,	"__GFP_ZEROTAGS" },
};

/* Every bit that has a name (all of ___GFP_*_BIT except the unused one). */
#define GFP_KNOWN_MASK	(((1u << ___GFP_LAST_BIT) - 1) & ~(1u << ___GFP_UNUSED_BIT))

/* Append @s to buf (always NUL-terminated, truncated to @len). */
static void gfp_append(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos + 1 < len) {
		size_t room = len - 1 - *pos;

		memcpy(buf + *pos, s, n < room ? n : room);
		buf[*pos + (n < room ? n : room)] = '\0';
	}
	*pos += n;
}

void gfp_format(gfp_t gfp, char *buf, size_t len)
{
	size_t pos = 0;

	if (len)
		buf[0] = '\0';
	for (size_t i = 0; gfp && i < ARRAY_SIZE(gfpflag_names); i++) {
		gfp_t mask = gfpflag_names[i].mask;

		if ((gfp & mask) != mask)
			continue;
		gfp_append(buf, len, &pos, gfpflag_names[i].name);
		gfp &= ~mask;
		if (gfp)
			gfp_append(buf, len, &pos, "|");
	}
	if (gfp) {
		char hex[16];

		snprintf(hex, sizeof(hex), "%#x", gfp);
		gfp_append(buf, len, &pos, hex);
	}
}

/* @name with up to two leading '_' and a "GFP_" prefix removed. */
static const char *gfp_bare_name(const char *name, size_t *len)
{
	for (int i = 0; i < 2 && *len && *name == '_'; i++, name++, (*len)--)
		;
	if (*len > 4 && strncasecmp(name, "gfp_", 4) == 0) {
		name += 4;
		*len -= 4;
	}
	return name;
}

/* Parse one word (not NUL-terminated: @len bytes) into *gfp. */
static int gfp_parse_word(const char *word, size_t len, gfp_t *gfp)
{
	char num[24];
	const char *bare;
	size_t blen = len;

	if (len && word[0] >= '0' && word[0] <= '9') {
		unsigned int v;

		if (len >= sizeof(num))
			return -EINVAL;
		memcpy(num, word, len);
		num[len] = '\0';
		if (kstrtouint(num, 0, &v) || (v & ~GFP_KNOWN_MASK))
			return -EINVAL;
		*gfp = v;
		return 0;
	}
	bare = gfp_bare_name(word, &blen);
	if (!blen)
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(gfpflag_names); i++) {
		size_t nlen = strlen(gfpflag_names[i].name);
		const char *n = gfp_bare_name(gfpflag_names[i].name, &nlen);

		if (nlen == blen && strncasecmp(n, bare, blen) == 0) {
			*gfp = gfpflag_names[i].mask;
			return 0;
		}
	}
	return -EINVAL;
}

static void gfp_copy_bad(char *bad, size_t badlen, const char *word, size_t len)
{
	if (!bad || !badlen)
		return;
	if (len >= badlen)
		len = badlen - 1;
	memcpy(bad, word, len);
	bad[len] = '\0';
}

/* Name the bad word; for a number, say which of its bits are not flags. */
static void gfp_report_bad(char *bad, size_t badlen, const char *word, size_t len)
{
	char num[24];
	unsigned int v;

	gfp_copy_bad(bad, badlen, word, len);
	if (!bad || !len || len >= sizeof(num) || word[0] < '0' || word[0] > '9')
		return;
	memcpy(num, word, len);
	num[len] = '\0';
	if (!kstrtouint(num, 0, &v) && (v & ~GFP_KNOWN_MASK))
		snprintf(bad, badlen, "%s: bits %#x are not GFP flags", num, v & ~GFP_KNOWN_MASK);
}

int gfp_parse(const char *text, gfp_t *gfp, char *bad, size_t badlen)
{
	gfp_t acc = 0;
	const char *p = text;

	if (bad && badlen)
		bad[0] = '\0';
	for (;;) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *w = p;
		gfp_t one;

		while (len && (*w == ' ' || *w == '\t')) {
			w++;
			len--;
		}
		while (len && (w[len - 1] == ' ' || w[len - 1] == '\t'))
			len--;
		if (gfp_parse_word(w, len, &one)) {
			gfp_report_bad(bad, badlen, w, len);
			return -EINVAL;
		}
		acc |= one;
		if (!end)
			break;
		p = end + 1;
	}
	*gfp = acc;
	return 0;
}
