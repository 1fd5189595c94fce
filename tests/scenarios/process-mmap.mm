# SPDX-License-Identifier: GPL-2.0-only
# A process's memory syscalls, printed as strace prints them, and
# /proc/NAME/maps (also /proc/PID/maps) showing the VMAs: anonymous
# mmaps placed top-down below the stack (a 512M one THP aligned), munmap
# of a middle part, mprotect splits, MAP_FIXED and MAP_FIXED_NOREPLACE,
# and strict overcommit (mode 2): a mapping that would reach CommitLimit
# is refused with ENOMEM, Committed_AS unchanged, the script goes on.
boot mem=1G nr_cpus=2
spawn db
db: mmap buf 512M
db: mmap ro 64K prot=r
db: mprotect buf[0:4K] none
db: munmap buf[4K:8K]
db: mmap f 8K fixed=0x10000000
db: mmap g 4K fixed_noreplace=0x10000000
expect last == EEXIST
db: mmap g 4K fixed=0x10000000 prot=r
echo "-- the VMAs: buf split by mprotect and munmap, f split by g"
cat /proc/db/maps
cat /proc/db/comm /proc/db/statm
grep -E '^(CommitLimit|Committed_AS):' /proc/meminfo
echo "-- strict overcommit: CommitLimit is half of RAM"
sysctl vm.overcommit_memory=2
db: mmap huge 600M
expect last == ENOMEM
db: mmap huge 600M noreserve
expect last == ENOMEM
db: mmap huge 600M prot=r
expect last == 0
grep -E '^(CommitLimit|Committed_AS):' /proc/meminfo
db: mprotect huge rw
expect last == ENOMEM
db: munmap buf
cat /proc/1/maps
grep -E '^(CommitLimit|Committed_AS):' /proc/meminfo
db: exit
grep -E '^(CommitLimit|Committed_AS):' /proc/meminfo
