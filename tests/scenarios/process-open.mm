# Descriptors: a process starts with 0-2 on the console, open takes the
# lowest free number, mmap fd=N maps one with Linux's checks (EBADF,
# EACCES, ENODEV), close frees the number; mappings keep their file.
file /data/idx 1M data=text
file /data/log 64K
spawn db
db: open /data/idx rdwr
db: open /data/log
db: open /data/log wronly
db: open /data
db: open /data/new rdwr creat
db: open /data/new rdwr creat excl
expect last == EEXIST
db: open /nope
expect last == ENOENT
db: open /data rdwr
expect last == EISDIR
# a shared writable mapping, and a shared one of a read-only descriptor
db: mmap idx 1M fd=3 shared
db: mmap ro 64K fd=4 shared prot=r
db: mprotect ro rw
expect last == EACCES
db: mmap bad 4K fd=4 shared
expect last == EACCES
db: mmap wo 4K fd=5 prot=r
expect last == EACCES
db: mmap dir 4K fd=6 prot=r
expect last == ENODEV
db: mmap tty 4K fd=0 prot=r
expect last == ENODEV
db: mmap none 4K fd=9
expect last == EBADF
# closing keeps the mapping; the number is reused, file= takes the next free
db: close 3
db: close 3
expect last == EBADF
db: open /data/idx
db: mmap part 64K file=/data/idx offset=64K prot=r
cat /proc/db/maps
stat /data/new
db: exit
