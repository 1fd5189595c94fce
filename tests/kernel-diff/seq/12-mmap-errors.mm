# mmap refusals in Linux's order: length 0 (EINVAL), an unaligned fixed
# address (EINVAL), a length past the address space (ENOMEM), fixed
# beyond TASK_SIZE (ENOMEM), an unaligned file offset (EINVAL), a shared
# anonymous MAP_GROWSDOWN (EINVAL); nothing is left mapped by them.
file /f 64K
spawn p
p: mmap a 0
expect last == EINVAL
p: mmap b 4K fixed=0x10000100
expect last == EINVAL
p: mmap c 200T
expect last == ENOMEM
p: mmap d 8K fixed=0x7ffffffff000
expect last == ENOMEM
p: mmap e 4K file=/f offset=100
expect last == EINVAL
p: mmap f 4K fixed=0x10000000 growsdown shared
expect last == EINVAL
p: mmap g 16K
cat /proc/p/maps
