# munmap of a range covering the end of one VMA, a whole VMA and the
# start of another.
spawn p
p: mmap a 16K
p: mmap b 16K prot=r
p: mmap c 16K
cat /proc/p/maps
p: munmap b
cat /proc/p/maps
p: mmap d 48K
p: mprotect d[16K:32K] r
p: munmap d[12K:36K]
cat /proc/p/maps
