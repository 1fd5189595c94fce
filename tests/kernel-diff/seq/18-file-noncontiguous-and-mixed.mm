# File mappings that must not merge: offsets that do not follow on, two
# different files, the same file shared and private, file next to
# anonymous memory.
file /data/f 1M
file /data/g 1M
spawn p
p: mmap a 16K file=/data/f fixed=0x40000000
p: mmap b 16K file=/data/f offset=32K fixed=0x40004000
p: mmap c 16K file=/data/g offset=48K fixed=0x40008000
p: mmap d 16K file=/data/f offset=48K fixed=0x4000c000 shared
p: mmap e 16K file=/data/f offset=64K fixed=0x40010000
p: mmap f 16K fixed=0x40014000
cat /proc/p/maps
