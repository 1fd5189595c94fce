# Issue 5 part 4, beyond the core fault path (counts as on the 6.18
# host, 256 pages, THP off): MAP_POPULATE and mlock fault everything in
# (256 minor faults, a later write none), mlock2 onfault nothing;
# madvise dontneed zaps (RSS 0, reads fault zero pages again) and free
# leaves the pages mapped but lazyfree (pglazyfree +248: the batch of 31
# keeps 8); mremap carries the pages (no fault after the move, the
# dontunmap source empty).  A file page past the end of its file is
# SIGBUS (the process is killed); one inside it is not modelled yet (EIO).
spawn a
a: mmap p 1M populate
grep -E '^(VmRSS|RssAnon)' /proc/a/status
a: write p
a: mmap l 1M
a: mlock l
a: write l
a: mmap o 1M
a: mlock2 o onfault
a: write o
grep -E '^(VmRSS|VmLck)' /proc/a/status
a: madvise p dontneed
grep RssAnon /proc/a/status
a: read p
a: write p
a: madvise p free
expect /proc/vmstat:pglazyfree == 248
a: read p
a: write p
a: madvise p free
expect /proc/vmstat:pglazyfree == 256
a: madvise l dontneed
expect last == EINVAL
a: madvise l dontneed_locked
a: read l[0:64K]
a: mremap p 1M maymove fixed=0x300000000000
a: write p
a: mremap p 1M maymove dontunmap as q
a: read p
a: write q
grep -E '^(VmRSS|RssAnon|VmPTE)' /proc/a/status
file /data/small 4106
spawn b
b: mmap f 16K file=/data/small shared
b: read f[0:4K]
expect last == EIO
b: read f[8K:12K]
expect last == ENXIO
ps
