# A MAP_GROWSDOWN mapping keeps stack_guard_gap (256 pages, 1 MiB) free
# below it: the next top-down mapping is placed under the gap, not right
# below it, while a mapping above it may touch it.
spawn p
p: mmap g 64K growsdown
p: mmap a 16K
cat /proc/p/maps
p: mmap s 32K fixed=0x60100000 growsdown
p: mmap b 16K fixed=0x60110000
cat /proc/p/maps
