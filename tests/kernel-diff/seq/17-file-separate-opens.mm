# Private mappings of the same file made through separate opens (file=
# opens the file for each mmap) never merge, even placed side by side
# with contiguous offsets: Linux compares the struct file, not the inode
# (is_mergeable_vma).  41-file-same-open-merge maps one descriptor twice.
file /data/f 1M
spawn p
p: mmap a 16K file=/data/f offset=16K prot=r
p: mmap b 16K file=/data/f offset=0 prot=r
cat /proc/p/maps
p: mmap c 16K file=/data/f offset=64K prot=r
cat /proc/p/maps
p: mmap d 16K file=/data/f offset=32K prot=r fixed=0x40000000
p: mmap e 16K file=/data/f offset=48K prot=r fixed=0x40004000
cat /proc/p/maps
