# brk refuses to grow into the guard gap of a MAP_GROWSDOWN mapping
# above the heap (stack_guard_gap, 1 MiB, below its start) and grows up
# to a page below the gap.
#   [heap 0x419000 ...]  ...  gap 0x619000-0x719000  [s growsdown 0x719000]
spawn p
p: mmap s 64K fixed=0x719000 growsdown
p: brk 3M
expect last == ENOMEM
p: brk 2M
expect last == ENOMEM
p: brk 2044K
cat /proc/p/maps
p: brk 1M
cat /proc/p/maps
