# MAP_FIXED over the middle of the heap splits it; every VMA between
# start_brk and the break is [heap] in maps.  brk then grows the VMA
# that ends at the break, mprotect back to rw merges the three, and
# brk back to start_brk unmaps all of it.
#   [heap rw-][h r--][heap rw-]  ->  [heap rw-------------]
spawn p
p: brk +64K
p: mmap h 16K fixed=0x41d000 prot=r
cat /proc/p/maps
p: brk +16K
cat /proc/p/maps
p: mprotect h rw
cat /proc/p/maps
p: brk 0
cat /proc/p/maps
