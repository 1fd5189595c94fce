# mremap with MREMAP_MAYMOVE moves a mapping that cannot grow in place to
# where mmap would place it (top-down), leaving nothing behind; with
# MREMAP_FIXED to the address given, replacing what is there; a part of
# a VMA moves alone (the source splits), and a moved range merges with a
# compatible neighbour at its new place.
spawn p
p: mmap a 16K fixed=0x20000000
p: mmap x 4K fixed=0x20004000 prot=r
p: mremap a 32K maymove
cat /proc/p/maps
p: mmap y 64K fixed=0x21000000 prot=none
p: mremap a 32K maymove fixed=0x21004000
cat /proc/p/maps
p: mmap s 64K fixed=0x22000000
p: mremap s[16K:32K] 16K maymove fixed=0x23004000 as part
p: mmap z 16K fixed=0x23000000
cat /proc/p/maps
p: mremap part 16K maymove fixed=0x23008000
cat /proc/p/maps
