# brk refusals (the old break is returned): below start_brk, onto a
# mapping above the heap, or within a page of it; ending a page below
# it succeeds.
#   [heap 0x419000 ...]  ...  [x 0x519000-0x51d000]
spawn p
p: brk -4K
expect last == ENOMEM
p: mmap x 16K fixed=0x519000
p: brk 2M
expect last == ENOMEM
p: brk 1M
expect last == ENOMEM
p: brk 1020K
cat /proc/p/maps
p: brk 0
p: mmap y 4K fixed=0x41a000 prot=r
p: brk 4K
expect last == ENOMEM
p: brk 1K
cat /proc/p/maps
