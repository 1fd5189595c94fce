# mlock of a range never touched populates it (populate_vma_page_range:
# write faults for a private writable mapping), one fault per page in
# the mlock call; touching the pages later takes none.  mlock2 onfault
# populates nothing: the pages fault when touched.
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
p: mlock n1
cat /proc/p/stat
p: mlock n17
cat /proc/p/stat
p: mlock n512
cat /proc/p/stat
p: mlock n513
cat /proc/p/stat
p: mlock n1000
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
cat /proc/p/stat
p: mmap o17 68K
p: madvise o17 nohugepage
p: mmap o513 2052K
p: madvise o513 nohugepage
p: mlock2 o17 onfault
p: mlock2 o513 onfault
cat /proc/p/stat
p: write o17
p: write o513
cat /proc/p/stat
