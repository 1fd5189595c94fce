# Issue 5 part 6: the page files of a small machine.  A process reads 4
# pages (the zero page), writes 8 and leaves 4 untouched; pagemap shows
# the zero page present and shared, the written pages present and
# exclusive with their frames, the untouched ones 0; smaps counts only
# the written pages; kpageflags and kpagecount describe their frames;
# page-types sums them as tools/mm/page-types does.  After a fork the
# pages are shared (not exclusive, map count 2, Shared_Dirty, Pss
# halved) until the child's write copies one; the child's exit and the
# parent's wait add its faults to the parent's cminflt.
boot mem=256M nr_cpus=1
spawn a
a: mmap buf 64K
a: read buf[0:16K]
a: write buf[16K:48K]
# entry N of pagemap is address N * 4096: 0x7ffff7fb2000 / 4096 * 8
xxd -e -g 8 -s 0x3ffffbfd90 -l 128 /proc/a/pagemap
grep -E '^(Rss|Pss|Pss_Dirty|Private_Dirty|Referenced|Anonymous):' /proc/a/smaps_rollup
page-types -p a
page-types -p a -r -l -M
page-types -b mmap
a: fork b
xxd -e -g 8 -s 0x3ffffbfdb0 -l 16 /proc/b/pagemap
page-types -p b -r -l -M
grep -E '^(Rss|Pss|Shared_Dirty|Private_Dirty):' /proc/a/smaps_rollup
b: write buf[16K:20K]
xxd -e -g 8 -s 0x3ffffbfdb0 -l 16 /proc/a/pagemap
xxd -e -g 8 -s 0x3ffffbfdb0 -l 16 /proc/b/pagemap
grep -E '^(Rss|Pss|Shared_Dirty|Private_Dirty):' /proc/a/smaps_rollup
b: mmap more 32K
b: write more
b: exit
# stat fields 10-13: minflt cminflt majflt cmajflt
cat /proc/a/stat
a: wait
cat /proc/a/stat
# MADV_FREE: 31-page lazyfree batches clear PG_swapbacked (62 of 64 here;
# the last 2 wait in the CPU's batch, as on Linux); smaps counts them
# LazyFree, page-types -b picks them out.
a: mmap lazy 256K
a: write lazy
a: madvise lazy free
grep -E '^(Private_Clean|Private_Dirty|LazyFree):' /proc/a/smaps_rollup
page-types -p a -b anonymous,~swapbacked
