# Three adjacent mappings rw-, r--, rw-: making the middle one rw merges
# all three into one VMA (prev and next both merge).
spawn p
p: mmap a 16K
p: mmap b 16K prot=r
p: mmap c 16K
cat /proc/p/maps
p: mprotect b rw
cat /proc/p/maps
