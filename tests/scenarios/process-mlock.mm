# SPDX-License-Identifier: GPL-2.0-only
# The mlock family, msync and mincore as Linux 6.18 (each result checked
# on the 6.18 host with a small C program): mlock splits a VMA and counts
# VmLck, munlock merges it back; a hole stops mlock with ENOMEM after the
# VMAs before it were locked; PROT_NONE memory is locked but mlock says
# ENOMEM (its fault fails), mlock2 onfault does not; mlock2's flags; mlockall's EINVAL rules;
# MCL_CURRENT locks every VMA but [vvar] and [vdso] (VmLck stays below
# VmSize: 32 kB less, as on the host and test_mlock), MCL_FUTURE every
# later mmap; MAP_LOCKED; msync's EINVAL, ENOMEM and EBUSY;
# mincore's vector (pages mlock faulted in are resident, a fresh mapping's are
# not).  Processes run
# as root here (CAP_IPC_LOCK: RLIMIT_MEMLOCK never refuses).
boot mem=1G nr_cpus=2
spawn db
db: mmap a 64K fixed=0x600000000
db: mlock a[16K:32K]
grep ^6000 /proc/db/maps
grep VmLck /proc/db/status
db: munlock a
grep ^6000 /proc/db/maps
db: munmap a[32K:36K]
db: mlock a
expect last == ENOMEM
grep VmLck /proc/db/status
db: munlock 0x600000000 64K
expect last == ENOMEM
db: mlock 0x600008000 0
db: mlock a[100:200]
grep VmLck /proc/db/status
db: mlock2 a[0:32K] onfault
db: mlock2 a[0:32K] 2
expect last == EINVAL
db: munlock a[0:32K]
db: mprotect a[0:4K] none
db: mlock a[0:8K]
expect last == ENOMEM
grep VmLck /proc/db/status
db: munlock a[0:8K]
db: mlock2 a[0:8K] onfault
db: munlock a[0:8K]
db: mprotect a[0:4K] rw
db: mlockall 0
expect last == EINVAL
db: mlockall onfault
expect last == EINVAL
db: mlockall current future
save /proc/db/status:VmSize as size
expect /proc/db/status:VmLck < $size
save /proc/db/status:VmLck as locked
db: mmap b 8K fixed=0x610000000
expect /proc/db/status:VmLck > $locked
db: munlockall
grep VmLck /proc/db/status
db: mmap c 16K locked stack fixed=0x620000000
grep VmLck /proc/db/status
db: msync c sync
db: msync c invalidate
expect last == EBUSY
db: msync c async sync
expect last == EINVAL
db: msync c 8
expect last == EINVAL
db: msync a[1:4K] sync
expect last == EINVAL
db: msync a async
expect last == ENOMEM
db: msync a
expect last == ENOMEM
db: mincore a[0:32K]
db: mincore a
expect last == ENOMEM
db: mincore a[4K:8K]
db: mincore 0x7ffffffff000 4K
expect last == ENOMEM
db: mmap big 1M fixed=0x630000000
db: mincore big
db: exit
