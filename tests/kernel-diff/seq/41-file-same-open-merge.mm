# Mappings through one descriptor share the struct file: placed side by
# side with contiguous offsets (the lower one maps the earlier part) they
# merge, with a gap in the offsets they do not; a second open of the same
# file is another struct file and never merges with the first's.  A
# private file mapping made writable keeps VM_ACCOUNT when made read-only
# again, so it no longer merges back.  Descriptors: 0-2 are open, open
# gives the lowest free; EBADF, EACCES (shared writable on O_RDONLY,
# anything on O_WRONLY), ENOENT, EEXIST as Linux.
file /data/f 1M
spawn p
p: open /data/f rdwr
p: mmap a 16K fd=3 offset=16K prot=r
p: mmap b 16K fd=3 offset=0 prot=r
cat /proc/p/maps
p: mmap c 16K fd=3 offset=64K prot=r
cat /proc/p/maps
p: mmap d 16K fd=3 offset=32K prot=r fixed=0x60000000
p: mmap e 16K fd=3 offset=48K prot=r fixed=0x60004000
cat /proc/p/maps
p: mprotect d rw
p: mprotect d r
cat /proc/p/maps
p: open /data/f
p: mmap g 16K fd=4 offset=64K prot=r fixed=0x60008000
p: mmap h 16K fd=4 shared
p: mmap i 16K fd=4 shared prot=r
p: close 3
p: close 3
p: mmap j 16K fd=3
p: open /data/f wronly
p: mmap k 16K fd=3 prot=r
p: open /nope
p: open /data/new creat excl
p: open /data/new creat excl
cat /proc/p/maps
