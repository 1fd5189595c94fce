# After fork both sides' PTEs are read-only.  Once the child has exited
# and been reaped the parent is again each page's only user: its write
# is still one write-protect fault per page, but wp_page_reuse makes the
# PTE writable without a copy.  While a second child is alive the
# parent's writes copy instead - the same count of faults either way.
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
p: fork c
c: exit
p: wait c
p: write n1
p: write n17
p: write n512
p: write n513
p: write n1000
cat /proc/p/stat
p: write n1
p: write n17
p: write n512
p: write n513
p: write n1000
cat /proc/p/stat
p: fork d
p: write n1
p: write n17
p: write n512
p: write n513
p: write n1000
cat /proc/p/stat
d: write n1
d: write n17
d: write n512
d: write n513
d: write n1000
cat /proc/d/stat
d: exit
p: wait d
