# munmap refusals: an unaligned start and a zero length are EINVAL.
spawn p
p: mmap a 16K
p: munmap a[1:4K]
expect last == EINVAL
p: munmap a[4K:4K]
expect last == EINVAL
p: munmap a[4K:5K]
cat /proc/p/maps
