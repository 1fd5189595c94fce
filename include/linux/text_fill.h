/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * English-like filler text (lib/text_fill.c): the bytes of data=text, for
 * files on the simulated disk (fs/simdisk.c) and pages written by the
 * write verb (kernel/access_verify.c).  One fixed paragraph, repeated.
 */
#ifndef _LINUX_TEXT_FILL_H
#define _LINUX_TEXT_FILL_H

#include <stddef.h>
#include "linux/types.h"

/*
 * text_fill - @len bytes of the endlessly repeated paragraph, starting
 * at byte @pos of the repetition (any u64), into @buf.
 */
void text_fill(unsigned char *buf, size_t len, u64 pos);

#endif
