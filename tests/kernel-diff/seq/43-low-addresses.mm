# Low addresses.  The gap search never goes below Linux's mmap_min_addr,
# the larger of vm.mmap_min_addr (4096) and CONFIG_LSM_MMAP_MIN_ADDR
# (65536): with everything from 64K up to the vDSO taken, a 16K mapping
# does not go into the free 0x1000-0x10000 but bottom-up above the vDSO
# (the fallback after a failed top-down search); MAP_FIXED may map
# below 64K, and root (CAP_SYS_RAWIO) even page 0.
spawn p
p: mmap lo 4032K fixed=0x10000 prot=none noreserve
p: mmap hi 0x7ffff7bde000 fixed=0x419000 prot=none noreserve
cat /proc/p/maps
p: mmap a 1M
p: mmap b 16K
p: mmap c 200M
expect last == ENOMEM
p: mmap d 100M
cat /proc/p/maps
p: munmap hi[0x10000000:0x10400000]
p: mmap e 2M
p: mmap f 8K
p: mmap z 4K fixed=0
p: mmap y 4K fixed=0x8000
cat /proc/p/maps
