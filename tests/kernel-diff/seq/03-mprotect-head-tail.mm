# mprotect of the head or the tail of a VMA splits it in two; the split
# parts merge with a neighbour of the same protection.
#   b(r--) a(rw-)   mprotect a[0:8K] r: the head joins b
spawn p
p: mmap a 32K
p: mmap b 16K prot=r
p: mprotect a[0:8K] r
cat /proc/p/maps
p: mprotect a[24K:32K] none
cat /proc/p/maps
p: mprotect b[8K:16K] rw
cat /proc/p/maps
