# SPDX-License-Identifier: GPL-2.0-only
# mremap(2) as on Linux 6.18 (checked against the host with the same calls
# under setarch -R): growing in place while nothing is mapped after the
# VMA, merging with the next one when they match; ENOMEM without maymove
# when blocked, a move with it; a shrink unmapping the tail; fixed= over
# an existing mapping; dontunmap leaving the old VMA; a fixed move of
# several VMAs keeping the gap between them; the refusals.  Committed_AS
# follows and is back where it started at exit.
boot mem=1G nr_cpus=2
grep -E '^Committed_AS:' /proc/meminfo
spawn db
grep -E '^Committed_AS:' /proc/meminfo
db: mmap a 8K fixed=0x200000000000
db: mmap b 8K fixed=0x200000004000
db: mremap a 16K
expect last == 0
grep -E '^20000' /proc/db/maps
db: mmap wall 8K fixed=0x200000008000 prot=r
db: mremap a 40K
expect last == ENOMEM
db: mremap a 40K maymove
expect last == 0
db: mremap a 8K
grep -E '^(20000|7ffff7fc0)' /proc/db/maps
db: mremap a 8K maymove fixed=0x200000009000
grep -E '^20000' /proc/db/maps
db: mremap a 8K maymove dontunmap fixed=0x200000010000 as copy
grep -E '^20000' /proc/db/maps
grep -E '^Committed_AS:' /proc/meminfo
db: mremap a[0:4K] 4K fixed=0x200000020000
expect last == EINVAL
db: mremap a 12K maymove dontunmap as bad
expect last == EINVAL
db: mremap a[4K:8K] 8K maymove fixed=0x20000000a000
expect last == EINVAL
db: mremap a 0
expect last == EINVAL
db: munmap wall[0:4K]
db: mremap wall[0:4K] 8K
expect last == EFAULT
db: mmap x 20K fixed=0x200000100000
db: munmap x[8K:12K]
db: mprotect x[12K:20K] r
db: mremap x 20K maymove fixed=0x200000200000
grep -E '^20000' /proc/db/maps
grep -E '^Vm(Peak|Size|Data):' /proc/db/status
db: exit
grep -E '^Committed_AS:' /proc/meminfo
