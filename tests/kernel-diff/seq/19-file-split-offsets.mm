# Splitting a file mapping keeps each piece's offset in the file;
# mprotect back merges the pieces; munmap of the middle leaves two pieces
# whose offsets show the hole; MAP_FIXED anonymous memory over a file
# mapping replaces that part.
file /data/f 1M
spawn p
p: mmap a 64K file=/data/f offset=128K prot=r
p: mprotect a[16K:32K] rw
cat /proc/p/maps
p: mprotect a[16K:32K] r
cat /proc/p/maps
p: munmap a[16K:32K]
cat /proc/p/maps
p: mmap b 8K fixed=0x50000000 file=/data/f shared
p: mmap c 4K fixed=0x50001000
cat /proc/p/maps
