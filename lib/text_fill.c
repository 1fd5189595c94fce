// SPDX-License-Identifier: GPL-2.0-only
/*
 * The data=text filler: one English paragraph repeated without end.  A
 * file of data=text holds it from its first byte; a page written with
 * data=text holds it from a position its seed chooses.  Leaves out any
 * variety beyond the paragraph (compression ratios come out as for
 * repetitive text).  Callers: fs/simdisk.c, kernel/access_verify.c.
 */
#include <string.h>
#include "linux/text_fill.h"

static const char fill_text[] =
	"The quick brown fox jumps over the lazy dog. "
	"A memory manager keeps pages on lists and moves them as they age. "
	"Every file has an inode, and every inode has an address space.\n";

#define FILL_LEN	(sizeof(fill_text) - 1)

void text_fill(unsigned char *buf, size_t len, u64 pos)
{
	size_t off = (size_t)(pos % FILL_LEN);

	while (len) {
		size_t n = FILL_LEN - off < len ? FILL_LEN - off : len;

		memcpy(buf, fill_text + off, n);
		buf += n;
		len -= n;
		off = 0;
	}
}
