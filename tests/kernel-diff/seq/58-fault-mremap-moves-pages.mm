# mremap moves the pages with their page tables (move_page_tables): the
# touched pages need no fault at the new place; only the part a grow
# adds faults.  A blocker after each range forces the move.
#   n17 | blocker |            ...       n17 moved (maymove) to a larger gap
spawn p
p: mmap n1 4K
p: madvise n1 nohugepage
p: mmap b1 4K prot=r
p: mmap n17 68K
p: madvise n17 nohugepage
p: mmap b17 4K prot=r
p: mmap n512 2M
p: madvise n512 nohugepage
p: mmap b512 4K prot=r
p: mmap n513 2052K
p: madvise n513 nohugepage
p: mmap b513 4K prot=r
p: mmap n1000 4000K
p: madvise n1000 nohugepage
p: mmap b1000 4K prot=r
p: write n1
p: write n17
p: write n512
p: write n513
p: write n1000
cat /proc/p/stat
p: mremap n1 8K maymove
p: mremap n17 136K maymove
p: mremap n512 4M maymove
p: mremap n513 4104K maymove
p: mremap n1000 8000K maymove
cat /proc/p/stat
p: write n1
p: write n17
p: write n512
p: write n513
p: write n1000
cat /proc/p/stat
p: mremap n17 68K
p: mremap n1000[0:4000K] 4000K maymove fixed=0x10000000 as m
cat /proc/p/stat
p: write m
p: read m
p: write n17
cat /proc/p/stat
