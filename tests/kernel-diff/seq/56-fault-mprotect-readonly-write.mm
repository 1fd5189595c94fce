# A write to a read-only mapping is SIGSEGV (access_error, no fault is
# counted): each child below writes a range whose head stays writable
# and whose tail was made read-only, and dies at the first read-only
# page after the faults of the pages before it (copy-on-write of the
# parent's pages).  Untouched read-only memory can still be read (the
# zero page); made writable again, it is written normally.
spawn p
p: mmap n1 4K
p: madvise n1 nohugepage
p: mmap n17 68K
p: madvise n17 nohugepage
p: mmap n512 2M
p: madvise n512 nohugepage
p: mmap n513 2052K
p: madvise n513 nohugepage
p: mmap n1000 4000K
p: madvise n1000 nohugepage
p: write n1
p: write n17
p: write n512
p: write n513
p: write n1000
cat /proc/p/stat
p: mprotect n1 r
p: mprotect n17[32K:68K] r
p: mprotect n512[1M:2M] r
p: mprotect n513[2M:2052K] r
p: mprotect n1000[4K:4000K] r
p: fork c1
c1: write n1
p: wait c1
p: fork c17
c17: write n17
p: wait c17
p: fork c512
c512: write n512
p: wait c512
p: fork c513
c513: write n513
p: wait c513
p: fork c1000
c1000: write n1000
p: wait c1000
cat /proc/p/stat
p: mmap u 68K prot=r
p: madvise u nohugepage
p: fork d
d: read u
d: write u
p: wait d
p: read u
p: mprotect u rw
p: write u
cat /proc/p/stat
