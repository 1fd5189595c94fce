# Inside a MAP_GROWSDOWN mapping's guard gap only the overlap check
# applies to MAP_FIXED and MAP_FIXED_NOREPLACE: both succeed, even right
# below the mapping, and do not merge with it (VM_GROWSDOWN differs).
spawn p
p: mmap s 64K fixed=0x60100000 growsdown
p: mmap a 16K fixed_noreplace=0x600fc000
p: mmap b 16K fixed=0x60000000
p: mmap c 16K fixed_noreplace=0x60100000
expect last == EEXIST
cat /proc/p/maps
