# mprotect of a middle range splits a VMA in three; the same range back to
# rw merges the three into one again.
#   a: [rw-][r--][rw-]  ->  [rw-------]
spawn p
p: mmap a 64K
p: mprotect a[16K:32K] r
cat /proc/p/maps
p: mprotect a[16K:32K] rw
cat /proc/p/maps
