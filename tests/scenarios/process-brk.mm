# SPDX-License-Identifier: GPL-2.0-only
# The heap: brk grows it from start_brk (right after the binary's bss, a
# [heap] VMA of its own as on Linux), charged to Committed_AS; shrinking
# unmaps; a mapping in the way (or one page short of it) and strict
# overcommit make brk return the old break, as strace shows.
boot mem=1G nr_cpus=2
# The static non-PIE binary (elf=static) keeps the heap right after its
# bss at 0x419000, below the mapping put at 0x500000.
file /usr/bin/db elf=static
spawn db
grep -E '^Committed_AS:' /proc/meminfo
db: brk +1M
db: brk +0
cat /proc/db/maps
grep -E '^Committed_AS:' /proc/meminfo
db: brk -768K
db: mmap wall 4K fixed=0x500000 prot=r
db: brk 1M
expect last == ENOMEM
db: brk 0xe6000
expect last == 0
cat /proc/db/maps
cat /proc/db/statm
sysctl vm.overcommit_memory=2
db: brk +1G
expect last == ENOMEM
grep -E '^(CommitLimit|Committed_AS):' /proc/meminfo
db: exit
grep -E '^Committed_AS:' /proc/meminfo
