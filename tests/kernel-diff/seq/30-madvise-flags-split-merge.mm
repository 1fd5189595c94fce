# madvise advice that sets or clears a VMA flag splits the VMA like
# mprotect and merges it back when cleared; smaps' VmFlags shows the
# flag (dc dontfork, wf wipeonfork, hg/nh hugepage/nohugepage, dd
# dontdump, rr random, sr sequential, mg mergeable).
spawn p
p: mmap a 64K fixed=0x50000000
p: madvise a[16K:32K] dontfork
cat /proc/p/smaps
p: madvise a[16K:32K] dofork
cat /proc/p/smaps
p: madvise a[0:16K] wipeonfork
p: madvise a[16K:32K] hugepage
p: madvise a[32K:48K] dontdump
p: madvise a[48K:56K] random
p: madvise a[56K:64K] sequential
cat /proc/p/smaps
p: madvise a keeponfork
p: madvise a[16K:32K] nohugepage
p: madvise a dodump
p: madvise a normal
cat /proc/p/smaps
p: madvise a[16K:32K] mergeable
cat /proc/p/smaps
p: madvise a[16K:32K] unmergeable
cat /proc/p/smaps
