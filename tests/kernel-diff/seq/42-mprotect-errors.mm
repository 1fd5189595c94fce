# mprotect refusals: an unaligned start (EINVAL); write on a shared
# mapping of a read-only descriptor (EACCES: VM_MAYWRITE is clear; rx
# is fine); a range with a hole (ENOMEM, the part before the hole
# changed); an empty range (0).
file /data/f 64K
spawn p
p: open /data/f
p: mmap a 64K fixed=0x61000000
p: mmap s 16K fixed=0x61010000 fd=3 shared prot=r
p: mprotect a[1:4K] r
expect last == EINVAL
p: mprotect s rw
expect last == EACCES
p: mprotect s rx
cat /proc/p/smaps
p: mmap t 16K fixed=0x61020000 fd=3 prot=r
p: mprotect t rwx
p: munmap a[16K:32K]
p: mprotect a none
expect last == ENOMEM
p: mprotect a[4K:4K] r
cat /proc/p/smaps
