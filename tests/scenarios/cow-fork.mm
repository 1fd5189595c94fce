# Issue 5 parts 4-5: copy-on-write after fork and the anonymous rmap.
# a writes 1M (256 pages: one anon_vma, one anon_vma_chain); fork shares
# the pages write-protected (the child's RSS counts them, AnonPages does
# not grow; the child gets its own anon_vma chained to a's: 1 anon_vma
# and 2 chains more); the child's reads take no fault, its writes 256
# faults and 256 copies (AnonPages +1M); after the child has exited, a's
# writes take 256 write-protect faults but copy nothing (each page is a's
# alone again: reused).  The 6.18 host counts the same faults.  Exit
# gives back every page, table and rmap object.  Writing shrink first
# flushes the CPU slabs, so slabinfo's active objects are exact (as on
# Linux); anon_vma_chain also holds the fs_structs (fs_cache merges
# into it), one per process.
spawn a
echo 1 > /sys/kernel/slab/anon_vma/shrink
echo 1 > /sys/kernel/slab/anon_vma_chain/shrink
grep -E '^(anon_vma|anon_vma_chain) ' /proc/slabinfo
a: mmap buf 1M
a: write buf
echo 1 > /sys/kernel/slab/anon_vma/shrink
echo 1 > /sys/kernel/slab/anon_vma_chain/shrink
grep -E '^(anon_vma|anon_vma_chain) ' /proc/slabinfo
grep -E '^(AnonPages|PageTables):' /proc/meminfo
a: fork c
grep -E '^(VmHWM|VmRSS|RssAnon|VmPTE):' /proc/c/status
grep -E '^(AnonPages|PageTables):' /proc/meminfo
echo 1 > /sys/kernel/slab/anon_vma/shrink
echo 1 > /sys/kernel/slab/anon_vma_chain/shrink
grep -E '^(anon_vma|anon_vma_chain) ' /proc/slabinfo
c: read buf
c: write buf
grep -E '^(AnonPages|PageTables):' /proc/meminfo
grep -E '^(VmRSS|RssAnon):' /proc/a/status
c: exit
a: wait c
echo 1 > /sys/kernel/slab/anon_vma/shrink
echo 1 > /sys/kernel/slab/anon_vma_chain/shrink
grep -E '^(anon_vma|anon_vma_chain) ' /proc/slabinfo
a: write buf
grep -E '^(AnonPages|PageTables):' /proc/meminfo
a: fork d
a: write buf
d: write buf
grep -E '^(AnonPages|PageTables):' /proc/meminfo
d: exit
a: exit
grep -E '^(AnonPages|PageTables):' /proc/meminfo
echo 1 > /sys/kernel/slab/anon_vma/shrink
echo 1 > /sys/kernel/slab/anon_vma_chain/shrink
grep -E '^(anon_vma|anon_vma_chain) ' /proc/slabinfo
