# SPDX-License-Identifier: GPL-2.0-only
# RLIMIT_MEMLOCK for a process without CAP_IPC_LOCK (uid 1000), as the
# 6.18 host shows for a program run as nobody with the default 8 MiB
# limit: mlock up to the limit succeeds, past it ENOMEM (pages already
# locked are not counted twice); MAP_LOCKED past it EAGAIN; mlockall
# MCL_CURRENT with VmSize past it ENOMEM, MCL_FUTURE then makes every
# mapping pass the limit check (EAGAIN); with RLIMIT_MEMLOCK 0, mlock,
# mlockall and MAP_LOCKED are EPERM (munlock still works), while root
# (CAP_IPC_LOCK) locks anyway.
boot mem=1G nr_cpus=2
spawn u uid=1000
u: mmap a 16M fixed=0x600000000
u: mlock a[0:8M]
u: mlock a[0:8M]
u: mlock a[0:9M]
expect last == ENOMEM
u: mlock a[8M:12M]
expect last == ENOMEM
grep VmLck /proc/u/status
u: mmap l 4K locked fixed=0x610000000
expect last == EAGAIN
u: munlock a
u: mmap l2 8M locked fixed=0x620000000
u: mmap l3 12K locked fixed=0x630000000
expect last == EAGAIN
u: mlockall current
expect last == ENOMEM
u: mlockall future
u: mmap m 64K fixed=0x640000000
expect last == EAGAIN
u: munmap l2
u: mmap n 64K fixed=0x650000000
grep VmLck /proc/u/status
u: munlockall
grep VmLck /proc/u/status
u: prlimit memlock 0
u: mlock a[0:4K]
expect last == EPERM
u: munlock a[0:4K]
u: mlockall current
expect last == EPERM
u: mlockall 8
expect last == EINVAL
u: mmap o 4K locked fixed=0x660000000
expect last == EPERM
spawn r
r: prlimit memlock 0
r: mmap l 4K locked fixed=0x600000000
r: mlock2 l onfault
grep VmLck /proc/r/status
