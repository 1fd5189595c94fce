# brk grows the heap as a [heap] VMA of its own above start_brk (never
# merged into the bss below it), grows it in place, shrinks it by
# unmapping, moves within a page for free, and back to start_brk removes
# it.
spawn p
p: brk +64K
cat /proc/p/maps
p: brk +64K
p: brk +100
cat /proc/p/maps
p: brk -32K
cat /proc/p/maps
p: brk 0
cat /proc/p/maps
p: brk +1M
cat /proc/p/maps
