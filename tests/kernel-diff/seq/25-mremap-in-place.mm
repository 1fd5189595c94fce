# mremap without MREMAP_MAYMOVE grows a VMA in place while nothing is
# mapped in the way (ENOMEM otherwise), up to exactly the next mapping,
# joins that next mapping when their flags match, and shrinks by
# unmapping the tail.
#   a 0x10000000 ...  b(r--) 0x10010000
#   e 0x10030000 ...  f 0x10038000  (both rw-: e grown to f joins it)
spawn p
p: mmap a 16K fixed=0x10000000
p: mremap a 32K
cat /proc/p/maps
p: mmap b 16K fixed=0x10010000 prot=r
p: mremap a 80K
expect last == ENOMEM
p: mremap a 64K
cat /proc/p/maps
p: mremap a 8K
cat /proc/p/maps
p: mmap e 16K fixed=0x10030000
p: mmap f 16K fixed=0x10038000
p: mremap e 32K
cat /proc/p/maps
p: mremap b[4K:8K] 4K
p: mremap b 8K
expect last == ENOMEM
cat /proc/p/maps
