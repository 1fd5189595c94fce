# A MAP_FIXED mapping that exactly fills the gap between two equal
# mappings merges all three into one VMA (merge with prev and next).
spawn p
p: mmap a 16K fixed=0x30000000
p: mmap b 16K fixed=0x30008000
cat /proc/p/maps
p: mmap c 16K fixed=0x30004000
cat /proc/p/maps
p: mmap d 16K fixed=0x3000c000 prot=r
p: mmap e 16K fixed=0x30010000
cat /proc/p/maps
