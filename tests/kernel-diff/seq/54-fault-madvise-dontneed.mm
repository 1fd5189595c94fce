# MADV_DONTNEED zaps the range: the pages are freed and a read after it
# maps the zero page again (one fault per page), a write after that
# copies it (another); part of a range zapped faults only there.
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
p: madvise n1 dontneed
p: madvise n17 dontneed
p: madvise n512 dontneed
p: madvise n513 dontneed
p: madvise n1000 dontneed
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
p: madvise n1000[0:2M] dontneed
p: madvise n513[4K:8K] dontneed
cat /proc/p/stat
p: read n513
p: read n1000
cat /proc/p/stat
