# MAP_FIXED_NOREPLACE: EEXIST when the range overlaps a mapping (at its
# start, its end or inside), the mapping untouched; next to it succeeds
# and merges.
spawn p
p: mmap a 16K fixed=0x20000000
p: mmap b 4K fixed_noreplace=0x20000000
expect last == EEXIST
p: mmap c 16K fixed_noreplace=0x1fffe000
expect last == EEXIST
p: mmap d 16K fixed_noreplace=0x20003000
expect last == EEXIST
p: mmap e 8K fixed_noreplace=0x20004000
cat /proc/p/maps
p: mmap g 8K fixed_noreplace=0x1fffe000 prot=r
cat /proc/p/maps
