# MAP_LOCKED mappings and mlockall: VmLck counts locked VMAs (lo in
# VmFlags); mlockall(MCL_CURRENT) locks every VMA but the special ones
# (vvar, vdso); MCL_FUTURE locks later mappings and the heap too;
# munlockall clears it all.
spawn p
p: mmap l 32K locked
cat /proc/p/smaps
cat /proc/p/status
p: mlockall current
cat /proc/p/status
p: mlockall current future
p: mmap a 16K
p: brk +16K
cat /proc/p/smaps
cat /proc/p/status
p: munlockall
p: mmap b 16K
cat /proc/p/smaps
cat /proc/p/status
