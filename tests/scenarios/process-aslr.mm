# SPDX-License-Identifier: GPL-2.0-only
# Address-space randomization: off by default (kernel.randomize_va_space
# 0, as after norandmaps; Linux's default is 2).  With 2, each exec draws
# from the machine's seeded PRNG (mmsim.seed=): the mmap base (28 bits of
# pages, below a gap that makes room for the stack's 16 GiB random
# range), the stack top (22 bits of pages), the PIE's load bias (28 bits
# above 0x555555554000) and the brk (a page after the image, then up to
# 1 GiB).  Two processes differ; the same seed gives these same lines.
# With 1 the brk stays right after the image.
boot mem=1G nr_cpus=2 mmsim.seed=42
cat /proc/sys/kernel/randomize_va_space
sysctl kernel.randomize_va_space=2
spawn a
spawn b
cat /proc/a/maps /proc/b/maps
a: brk +4K
b: brk +4K
sysctl kernel.randomize_va_space=1
spawn c
c: brk +4K
cat /proc/c/maps
sysctl -w kernel.randomize_va_space=0
spawn d
cat /proc/d/maps
