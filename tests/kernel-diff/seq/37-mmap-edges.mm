# Edges of mmap: a file mapping longer than the file, or wholly past its
# end, is allowed (access would fault); a length not page aligned is
# rounded up; root may map below mmap_min_addr (CAP_SYS_RAWIO); an
# offset whose page index wraps is EOVERFLOW; MAP_FIXED inside the
# [stack] VMA splits it and only the part holding the stack's start is
# still [stack]; a mapping ending past TASK_SIZE is ENOMEM; shared and
# private file mappings of an O_RDWR file may become rwx; the top-down
# search reuses the highest hole that fits.
file /data/f 16K
spawn p
p: mmap a 64K file=/data/f offset=0 prot=r
p: mmap b 16K file=/data/f offset=1M prot=r
p: mmap c 5000
p: mmap d 4K fixed=0x1000
p: mmap e 4K fixed=0x10000
p: mmap f 4K fixed=0xf000
p: mmap g 16K file=/data/f offset=0xfffffffffffff000 prot=r
expect last == EOVERFLOW
p: mmap h 4K fixed=0x7ffffffe0000 prot=r
p: mmap i 4K fixed_noreplace=0x7fffffefe000
p: mmap j 8K fixed=0x7fffffffe000
expect last == ENOMEM
p: mmap k 16K file=/data/f shared prot=rx
p: mprotect k rwx
p: mmap l 16K file=/data/f prot=rx
p: mprotect l rwx
cat /proc/p/maps
p: munmap a
p: mmap m 32K
p: mmap n 64K
p: mmap o 32K
cat /proc/p/maps
