# KNOWN DISAGREEMENT (not in seq/ until mm/madvise.c matches): advice
# Linux 6.18 accepts on ordinary mappings that mmsim refuses with EINVAL
# because the mechanism is not modelled yet:
#   populate_read/populate_write on anonymous memory: host 0
#   remove on a shared file mapping: host 0; on a private file mapping:
#     host EACCES (madvise_remove: not shared and writable); on
#     anonymous memory: EINVAL on both
#   guard_install (102) / guard_remove (103): host 0, VmFlags gains gu
file /data/f 64K
spawn p
p: mmap a 64K fixed=0x54000000
p: mmap s 16K fixed=0x54100000 file=/data/f shared
p: mmap r 16K fixed=0x54200000 file=/data/f
p: madvise a[0:16K] populate_read
p: madvise a[0:16K] populate_write
p: madvise a[0:16K] remove
p: madvise s remove
p: madvise r remove
p: madvise 0x401000 8K remove
p: madvise a[16K:32K] 102
p: madvise a[16K:32K] 103
cat /proc/p/smaps
