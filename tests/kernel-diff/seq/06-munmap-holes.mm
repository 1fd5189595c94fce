# munmap punches holes: a page in the middle splits the VMA, the head and
# tail shrink it, unmapping a hole again is not an error.
spawn p
p: mmap a 64K
p: munmap a[16K:20K]
cat /proc/p/maps
p: munmap a[0:4K]
p: munmap a[60K:64K]
cat /proc/p/maps
p: munmap a[16K:20K]
p: munmap a[8K:24K]
cat /proc/p/maps
