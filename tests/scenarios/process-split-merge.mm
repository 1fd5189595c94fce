# SPDX-License-Identifier: GPL-2.0-only
# mprotect splits a mapping in three and merges it back, munmap punches a
# hole: the same addresses and lines as a static test program printed on
# the 6.18 host under setarch -R (mmap 16K, mprotect the second page r,
# back to rw, munmap the third page).
boot mem=1G nr_cpus=2
# A static non-PIE binary (elf=static), as the host program this was
# checked against.
file /usr/bin/db elf=static
spawn db
db: mmap a 16K
grep 7ffff7ff[3-6] /proc/db/maps
db: mprotect a[4K:8K] r
grep 7ffff7ff[3-6] /proc/db/maps
db: mprotect a[4K:8K] rw
grep 7ffff7ff[3-6] /proc/db/maps
db: munmap a[8K:12K]
grep 7ffff7ff[3-6] /proc/db/maps
