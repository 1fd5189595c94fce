# A process without capabilities (uid 1000): MAP_FIXED below
# vm.mmap_min_addr (4096) is EPERM (no CAP_SYS_RAWIO), from 4096 up it
# is allowed; strict-overcommit-free checks are the same as root's.
spawn p uid=1000
p: mmap z 4K fixed=0
expect last == EPERM
p: mmap y 4K fixed=0x1000
p: mmap a 16K
cat /proc/p/maps
