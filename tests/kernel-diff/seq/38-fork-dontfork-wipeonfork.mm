# fork copies the address space VMA for VMA, except VM_DONTCOPY ones
# (MADV_DONTFORK: a hole in the child) - VM_WIPEONFORK ones are copied
# (empty) and keep wf; the heap comes along.  The child's next mmap goes
# into the hole, its munmap leaves the parent alone.
spawn p
p: mmap a 64K
p: madvise a[16K:32K] dontfork
p: madvise a[32K:48K] wipeonfork
p: brk +64K
p: fork c
cat /proc/c/smaps
c: mmap b 16K
c: munmap a[48K:64K]
c: brk -32K
cat /proc/c/maps
cat /proc/p/maps
c: exit
p: wait c
p: mmap d 16K
cat /proc/p/maps
