# mremap of a range covering several VMAs: Linux 6.17+ moves them all
# with MREMAP_FIXED when the size stays the same (each keeps its
# protection); resizing needs one VMA (EFAULT), and the same size without
# a fixed address is nothing to do (the address comes back).
spawn p
p: mmap m 48K fixed=0x24000000
p: mprotect m[16K:32K] r
p: mremap m 64K maymove fixed=0x25000000 as big
expect last == EFAULT
p: mremap m 48K maymove as same
p: mremap m 48K maymove fixed=0x25000000 as m2
cat /proc/p/maps
p: mmap g 16K fixed=0x26000000
p: mmap h 16K fixed=0x26008000 prot=r
p: mremap g[0:16K] 32K maymove fixed=0x27000000 as gh
p: mremap h[0:4K] 4K maymove fixed=0x26004000 as h2
cat /proc/p/maps
