# Which mappings get 2 MiB alignment when no address is given
# (__get_unmapped_area): private anonymous ones of a 2M multiple, whatever
# their protection, MAP_STACK (which also sets nh), MAP_GROWSDOWN and
# MAP_NORESERVE; file mappings of a 2M multiple on a filesystem with
# thp_get_unmapped_area (ext4; mmsim's disk), shared or private.  A
# MAP_GROWSDOWN mapping's guard gap pushes the next one a further 2M
# down; a 4K one still fills the hole under the vDSO.
file /data/f 8M
spawn p
p: mmap a 4K
p: mmap b 2M prot=r
p: mmap c 2M prot=none
p: mmap d 2M stack
p: mmap e 2M growsdown
p: mmap f 2M noreserve
p: mmap g 2M file=/data/f prot=r
p: mmap h 2M file=/data/f shared
p: mmap i 6M
p: mmap j 4K stack
p: mmap k 1G noreserve
cat /proc/p/smaps
