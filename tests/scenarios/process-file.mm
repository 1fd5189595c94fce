# SPDX-License-Identifier: GPL-2.0-only
# File mappings: a process maps a disk file private read-only at an offset
# and shared read-write; /proc/NAME/maps shows the offset, the disk's
# device fe:01, the inode and the path, a hole splits the mapping with the
# second half's offset moved on, and exit gives the struct file back.
boot mem=1G nr_cpus=2
file /usr/lib/libdb.so 1M data=text
file /data/db 64M data=random
stat /usr/lib/libdb.so /data/db
echo 1 > /sys/kernel/slab/filp/shrink
save /proc/slabinfo:filp as filp0
spawn db
db: mmap lib 64K file=/usr/lib/libdb.so offset=8K prot=rx
db: mmap data 16M file=/data/db shared
db: mmap none 4K file=/data/nope
expect last == ENOENT
cat /proc/db/maps
db: munmap lib[16K:20K]
db: mprotect data[0:1M] r
cat /proc/db/maps
grep -E '^(CommitLimit|Committed_AS):' /proc/meminfo
db: exit
echo 1 > /sys/kernel/slab/filp/shrink
expect /proc/slabinfo:filp == $filp0
