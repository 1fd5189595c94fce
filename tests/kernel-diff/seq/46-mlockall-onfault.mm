# mlockall(MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT): every VMA so far and every
# later one (mmap, brk) is lo and lf (VmLck counts them); munlock/mlock2
# split and merge; munlockall clears it all, and the heap, now equal to
# the bss below it, merges with it (mlock_fixup merges; the one VMA is
# [heap]); mlock2 onfault then mlock over part of it; mlockall with an
# unknown flag, with onfault alone, or with nothing is EINVAL.
file /data/f 64K
spawn p
p: mlockall current future onfault
p: mmap a 16K
p: mmap f 16K file=/data/f shared
p: brk +8K
cat /proc/p/smaps
cat /proc/p/status
p: munlock a[4K:8K]
p: mlock2 a[4K:8K]
p: munlockall
p: mlock2 a[0:8K] onfault
p: mlock a[4K:12K]
cat /proc/p/smaps
p: mlockall 8
expect last == EINVAL
p: mlockall onfault
expect last == EINVAL
p: mlockall 0
expect last == EINVAL
cat /proc/p/status
