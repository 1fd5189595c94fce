# Placement top-down under mmap_base: a private anonymous mapping of a
# multiple of 2 MiB lands on a 2 MiB boundary (__thp_get_unmapped_area),
# a 2M+4K one does not, and small ones fill the gaps left above the
# aligned ones.
spawn p
p: mmap a 4K
p: mmap b 2M
p: mmap c 2M
p: mmap d 4M
p: mmap e 2052K
p: mmap g 64K
cat /proc/p/maps
