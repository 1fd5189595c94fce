# SPDX-License-Identifier: GPL-2.0-only
# madvise as Linux 6.18 (each result checked on the 6.18 host with a
# small C program): flag advice splits a VMA in three and merges it back;
# a hole gives ENOMEM after the mapped parts took the advice; wipeonfork
# and free refuse shared and file memory; dontneed refuses locked memory while
# dontneed_locked takes it; unknown advice and unaligned starts are
# EINVAL; length 0 succeeds; a split past vm.max_map_count is EAGAIN.
# The mappings are fixed so the layout does not depend on exec.
boot mem=1G nr_cpus=2
spawn db
db: mmap a 32K fixed=0x600000000
db: madvise a[8K:16K] dontfork
grep ^6000 /proc/db/maps
db: madvise a[8K:16K] MADV_DOFORK
grep ^6000 /proc/db/maps
db: madvise a wipeonfork
db: munmap a[16K:20K]
db: madvise a hugepage
expect last == ENOMEM
grep ^6000 /proc/db/maps
db: madvise a[16K:20K] nohugepage
expect last == ENOMEM
db: madvise a[16K:20K] dontneed
db: madvise 0x600004000 0 dontneed
expect last == 0
db: mmap s 8K shared fixed=0x610000000
db: madvise s wipeonfork
expect last == EINVAL
db: madvise s free
expect last == EINVAL
db: madvise s keeponfork
db: madvise s mergeable
db: mlock a[0:4K]
db: madvise a[0:4K] dontneed
expect last == EINVAL
db: madvise a[0:4K] cold
expect last == EINVAL
db: madvise a[0:4K] dontneed_locked
db: madvise a[0:4K] willneed
db: madvise a 999
expect last == EINVAL
db: madvise a[1:4K] dontneed
expect last == EINVAL
db: madvise a[4K:16K] pageout
db: madvise a[4K:16K] remove
expect last == EINVAL
db: madvise s remove
db: madvise a populate_write
expect last == ENOMEM
db: madvise a[0:16K] populate_write
db: madvise a collapse
expect last == EINVAL
file /data/f 8K
db: mmap f 8K file=/data/f prot=r fixed=0x620000000
db: madvise f wipeonfork
expect last == EINVAL
db: madvise f free
expect last == EINVAL
db: madvise f dontneed
db: madvise f[0:4K] mergeable
db: madvise f remove
expect last == EACCES
db: madvise f populate_read
db: madvise f populate_write
expect last == EINVAL
sysctl vm.max_map_count=1
db: madvise a[20K:24K] random
expect last == EAGAIN
db: madvise a[20K:32K] random
expect last == 0
sysctl vm.max_map_count=65530
grep ^6[01] /proc/db/maps
db: exit
