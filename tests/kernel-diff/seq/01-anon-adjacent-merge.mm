# Two anonymous mmaps placed next to each other top-down merge into one
# VMA (same flags, no file, both without an anon_vma yet); a third with
# another protection stays a VMA of its own.
#   b      a
#   [-----][-----]     one rw-p VMA
spawn p
p: mmap a 16K
p: mmap b 8K
cat /proc/p/maps
p: mmap c 4K prot=r
cat /proc/p/maps
