# MAP_POPULATE faults every page in at mmap time (populate_vma_page_range,
# write faults for a private writable mapping): the faults count in the
# caller's minflt (mm_account_fault counts GUP faults for the task, only
# perf events are left out), so the stat after each mmap grows by N, and
# touching the pages later takes none.  A read-only mapping is populated
# with the zero page; made writable, its first writes copy it.
# (The host must not run THP "always": the pages are populated before
# MADV_NOHUGEPAGE can be given; hostrun refuses such a host.)
spawn p
cat /proc/p/stat
p: mmap n1 4K populate
p: madvise n1 nohugepage
cat /proc/p/stat
p: mmap n17 68K populate
p: madvise n17 nohugepage
cat /proc/p/stat
p: mmap n512 2M populate
p: madvise n512 nohugepage
cat /proc/p/stat
p: mmap n513 2052K populate
p: madvise n513 nohugepage
cat /proc/p/stat
p: mmap n1000 4000K populate
p: madvise n1000 nohugepage
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
p: mmap r1 4K prot=r populate
p: madvise r1 nohugepage
cat /proc/p/stat
p: mmap r17 68K prot=r populate
p: madvise r17 nohugepage
cat /proc/p/stat
p: mmap r513 2052K prot=r populate
p: madvise r513 nohugepage
cat /proc/p/stat
p: read r1
p: read r17
p: read r513
cat /proc/p/stat
p: mprotect r17 rw
p: mprotect r513 rw
p: write r17
p: write r513
cat /proc/p/stat
