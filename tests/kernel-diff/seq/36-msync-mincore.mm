# msync and mincore: EINVAL for an unaligned start or msync with both
# MS_SYNC and MS_ASYNC, ENOMEM when part of the range is not mapped,
# EBUSY for MS_INVALIDATE on locked memory; mapped ranges succeed.
file /data/f 64K
spawn p
p: mmap a 64K fixed=0x53000000
p: mmap f 16K fixed=0x53100000 file=/data/f shared
p: msync f sync
p: msync f[0:8K] async
p: msync f sync async
expect last == EINVAL
p: msync a[1:4K] sync
expect last == EINVAL
p: mincore a[1:4K]
expect last == EINVAL
p: mincore a
p: munmap a[16K:32K]
p: msync a sync
expect last == ENOMEM
p: mincore a
expect last == ENOMEM
p: mlock a[0:16K]
p: msync a[0:16K] invalidate
expect last == EBUSY
cat /proc/p/maps
