# MREMAP_DONTUNMAP moves the pages and leaves the old range mapped (the
# same VMA, emptied); it needs MREMAP_MAYMOVE and the same size.
spawn p
p: mmap a 16K fixed=0x30000000
p: mremap a 16K maymove dontunmap as b
cat /proc/p/maps
p: mremap a 16K maymove dontunmap fixed=0x31000000 as c
cat /proc/p/maps
p: mremap c 32K maymove dontunmap as d
expect last == EINVAL
p: mremap c 16K dontunmap as e
expect last == EINVAL
p: mmap r 16K fixed=0x32000000 prot=r
p: mremap r 16K maymove dontunmap fixed=0x32100000 as r2
cat /proc/p/maps
