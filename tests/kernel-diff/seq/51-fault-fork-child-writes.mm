# fork shares the parent's written pages copy-on-write (copy_page_range
# write-protects both sides): the child's first write to each is a
# write-protect fault that copies the page (the parent still maps it),
# one fault per page; its reads before that take none (the PTEs were
# copied), and neither does anything of the parent's.
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
cat /proc/c/stat
c: read n1
c: read n17
c: read n512
c: read n513
c: read n1000
cat /proc/c/stat
c: write n1
c: write n17
c: write n512
c: write n513
c: write n1000
cat /proc/c/stat
c: write n1
c: write n17
c: write n512
c: write n513
c: write n1000
cat /proc/c/stat
cat /proc/p/stat
p: read n1000
cat /proc/p/stat
