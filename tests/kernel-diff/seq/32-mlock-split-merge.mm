# mlock of a middle range splits the VMA (VmFlags lo), munlock merges it
# back; mlock2 with MLOCK_ONFAULT also sets lf; a range with a hole is
# ENOMEM after the mapped part was locked.
spawn p
p: mmap a 64K fixed=0x52000000
p: mlock a[16K:32K]
cat /proc/p/smaps
p: munlock a[16K:32K]
cat /proc/p/smaps
p: mlock2 a[32K:48K] onfault
cat /proc/p/smaps
p: munlock a
p: munmap a[16K:32K]
p: mlock a
expect last == ENOMEM
cat /proc/p/smaps
p: munlock a
expect last == ENOMEM
cat /proc/p/smaps
