# mremap and MAP_GROWSDOWN: growing in place only checks for overlap, so
# a mapping may grow right up to a growsdown VMA, into its guard gap
# (unlike a new mmap, which the search keeps out); a growsdown VMA grows
# at its end like any other, moves whole or in part (the part keeps
# VM_GROWSDOWN: gd in VmFlags) and takes mprotect, madvise and mlock;
# growing a piece in the middle of it is ENOMEM without MREMAP_MAYMOVE.
spawn p
p: mmap s 64K fixed=0x62100000 growsdown
p: mmap a 16K fixed=0x62000000
p: mremap a 1M
p: mremap a 1040K
expect last == ENOMEM
p: mmap g 16K fixed=0x63000000 growsdown
p: mremap g 32K
p: mremap g 32K maymove
p: mremap g[0:8K] 8K maymove fixed=0x63100000 as g2
p: mprotect g2 r
p: madvise g2 dontfork
p: mlock g2
cat /proc/p/smaps
p: munmap s[0:4K]
p: mremap s[8K:16K] 16K
expect last == ENOMEM
cat /proc/p/maps
