# MAP_FIXED over existing mappings replaces what is there: inside a VMA
# with another protection it splits it in three; with the same flags it
# merges with both sides into one VMA again; over several VMAs it
# replaces them all.
spawn p
p: mmap a 64K fixed=0x10000000
p: mmap b 16K fixed=0x10004000 prot=r
cat /proc/p/maps
p: mmap c 16K fixed=0x10004000
cat /proc/p/maps
p: mmap d 32K fixed=0x1000c000 prot=none
p: mmap e 8K fixed=0x10012000 prot=rx
cat /proc/p/maps
p: mmap f 48K fixed=0x10008000 prot=r
cat /proc/p/maps
