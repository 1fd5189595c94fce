# mremap refusals in Linux's order: unknown flag combinations (FIXED
# without MAYMOVE), an unaligned address, a zero new length, a zero old
# length of a private mapping, nothing mapped at the address (EFAULT), a
# range running past its VMA (EFAULT), a fixed target overlapping the
# source (EINVAL).  Growing into the hole munmap left works in place.
spawn p
p: mmap a 16K fixed=0x40000000
p: mmap b 16K fixed=0x40004000 prot=r
p: mremap a 32K fixed=0x41000000
expect last == EINVAL
p: mremap a[1:4K] 8K maymove
expect last == EINVAL
p: mremap a 0 maymove
expect last == EINVAL
p: mremap a[0:0] 8K maymove
expect last == EINVAL
p: munmap a[8K:16K]
p: mremap a[8K:12K] 8K maymove
expect last == EFAULT
p: mremap a[0:8K] 16K
p: mremap a[0:8K] 8K maymove fixed=0x40001000
expect last == EINVAL
cat /proc/p/maps
