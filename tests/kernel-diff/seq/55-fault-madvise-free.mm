# MADV_FREE marks the pages lazily freeable (clean, old, off the
# swap-backed list) but leaves them mapped until reclaim needs memory:
# reads and writes after it take no fault.  A range never written is
# left as it is: its first touch still faults.
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
p: madvise n1 free
p: madvise n17 free
p: madvise n512 free
p: madvise n513 free
p: madvise n1000 free
cat /proc/p/stat
p: read n1
p: read n17
p: read n512
p: read n513
p: read n1000
cat /proc/p/stat
p: write n1
p: write n17
p: write n512
p: write n513
p: write n1000
cat /proc/p/stat
p: mmap u 68K
p: madvise u nohugepage
p: madvise u free
p: read u
p: write u
cat /proc/p/stat
