# RLIMIT_AS refuses mmap, brk and mremap growth that would take total_vm
# past it (ENOMEM), and allows reaching it exactly; RLIMIT_DATA does the
# same for data_vm (private writable, not stack: mmap and brk), not for
# read-only or shared mappings.  Both sides start from the same exec
# layout (264 kB, 16 kB of it data), so the limits are exact tests.
file /data/f 2M
spawn p
p: prlimit as 1M
p: mmap a 512K
p: mmap b 512K
expect last == ENOMEM
p: mmap c 128K
p: brk +128K
expect last == ENOMEM
p: brk +64K
p: mremap c 256K maymove
expect last == ENOMEM
p: mmap d 56K
p: mmap e 4K
expect last == ENOMEM
cat /proc/p/status
p: prlimit as unlimited
p: prlimit data 1M
p: mmap f 256K
expect last == ENOMEM
p: mmap g 1M prot=r
p: mmap h 1M file=/data/f shared
p: brk +256K
expect last == ENOMEM
p: brk +248K
p: brk +4K
expect last == ENOMEM
cat /proc/p/status
