# SPDX-License-Identifier: GPL-2.0-only
# expect-exit: 2
# A pattern value out of range is a script error naming what was expected.
spawn a
a: mmap buf 64K
a: read buf zipf=0.99
echo not reached
