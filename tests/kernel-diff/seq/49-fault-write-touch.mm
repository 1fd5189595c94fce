# Writing a page never touched is one minor fault (do_anonymous_page maps
# a new zeroed page), for 1, 17, 512, 513 and 1000 pages (THP off with
# MADV_NOHUGEPAGE, so a 2M mapping takes 512 faults, not one); writing
# again or reading takes none.  Each touch line shows its own faults, the
# stat lines minflt's change (majflt stays 0: nothing comes from disk).
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
p: read n1
p: read n17
p: read n512
p: read n513
p: read n1000
cat /proc/p/stat
