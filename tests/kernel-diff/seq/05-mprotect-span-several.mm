# mprotect of a range spanning several VMAs: every piece changes, the
# ends split, and equal neighbours merge.
spawn p
p: mmap a 64K
p: mprotect a[8K:16K] r
p: mprotect a[32K:40K] none
cat /proc/p/maps
p: mprotect a[4K:60K] rx
cat /proc/p/maps
p: mprotect a rw
cat /proc/p/maps
