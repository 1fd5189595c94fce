# madvise refusals: an unaligned start and an unknown advice (EINVAL),
# wipeonfork on a file or shared mapping (EINVAL), a range with a hole
# (ENOMEM after the mapped parts took the advice), free on a file
# mapping (EINVAL), a zero length (0); dontneed, willneed, cold and
# pageout of mapped memory succeed and change no VMA.
file /data/f 64K
spawn p
p: mmap a 64K fixed=0x51000000
p: mmap f 16K fixed=0x51100000 file=/data/f
p: madvise a[1:4K] dontneed
expect last == EINVAL
p: madvise a 99
expect last == EINVAL
p: madvise f wipeonfork
expect last == EINVAL
p: munmap a[16K:32K]
p: madvise a dontfork
expect last == ENOMEM
cat /proc/p/smaps
p: madvise f free
expect last == EINVAL
p: madvise a[0:0] dontneed
p: madvise a[0:16K] dontneed
p: madvise a[0:16K] willneed
p: madvise a[0:16K] cold
p: madvise a[0:16K] pageout
p: madvise f willneed
cat /proc/p/maps
