# A read of a page never touched maps the shared zero page (one fault);
# the write after it is a write-protect fault that copies the zero page
# into a new page (a second fault): 2N faults for N pages, as the 6.18
# host counts.  Reads and writes after that take none.
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
p: read n1
p: read n17
p: read n512
p: read n513
p: read n1000
p: write n1
p: write n17
p: write n512
p: write n513
p: write n1000
cat /proc/p/stat
