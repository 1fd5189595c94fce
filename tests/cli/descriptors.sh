# SPDX-License-Identifier: GPL-2.0-only
# NAME: open, NAME: close and mmap fd=N: descriptors printed as strace
# prints them, Linux's errors as results (the script goes on), and clear
# script errors for malformed lines.
. "$(dirname "$0")/lib.sh"

case_ "open gives 3, then the lowest free number; close frees it"
mm run -c 'file /data/x 64K; spawn db; db: open /data/x; db: open /data/x rdwr; db: close 3; db: open /data/x wronly'
want_rc 0
want_out '^db: openat(AT_FDCWD, "/data/x", O_RDONLY) = 3$'
want_out '^db: openat(AT_FDCWD, "/data/x", O_RDWR) = 4$'
want_out '^db: close(3) = 0$'
want_out '^db: openat(AT_FDCWD, "/data/x", O_WRONLY) = 3$'
want_no_err
end_case

case_ "open of a missing file is ENOENT and expect last sees it"
mm run -c 'spawn db; db: open /nope; expect last == ENOENT'
want_rc 0
want_out '^db: openat(AT_FDCWD, "/nope", O_RDONLY) = -1 ENOENT (No such file or directory)$'
end_case

case_ "close of a descriptor not open is EBADF"
mm run -c 'spawn db; db: close 7; expect last == EBADF'
want_rc 0
want_out '^db: close(7) = -1 EBADF (Bad file descriptor)$'
end_case

case_ "mmap fd= of a read-only descriptor, shared and writable, is EACCES"
mm run -c 'file /data/x 64K; spawn db; db: open /data/x; db: mmap m 4K fd=3 shared; expect last == EACCES'
want_rc 0
want_out '^db: mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, 3</data/x>, 0) = -1 EACCES (Permission denied)$'
end_case

case_ "mmap fd= of the console is ENODEV"
mm run -c 'spawn db; db: mmap m 4K fd=1 prot=r; expect last == ENODEV'
want_rc 0
want_out '^db: mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 1</dev/console>, 0) = -1 ENODEV (No such device)$'
end_case

case_ "open with two access modes is a script error"
mm run -c 'spawn db; db: open /data/x rdonly rdwr'
want_rc 2
want_err '^-c:2: db: open: two access modes (expected one of rdonly, wronly, rdwr)$'
end_case

case_ "open with an unknown option is a script error"
mm run -c 'spawn db; db: open /data/x trunc'
want_rc 2
want_err '^-c:2: db: open: unknown option "trunc" (expected NAME: open PATH \[rdonly|wronly|rdwr\] \[creat\] \[excl\] \[cloexec\])$'
end_case

case_ "open without a path is a script error"
mm run -c 'spawn db; db: open'
want_rc 2
want_err '^-c:2: db: open: missing path'
end_case

case_ "close of a word that is not a number is a script error"
mm run -c 'spawn db; db: close three'
want_rc 2
want_err '^-c:2: db: close: "three" is not a descriptor (expected a number such as 3)$'
end_case

case_ "mmap with file= and fd= together is a script error"
mm run -c 'file /data/x 64K; spawn db; db: mmap m 4K file=/data/x fd=3'
want_rc 2
want_err '^-c:3: db: mmap: file= and fd= together (expected one of them)$'
end_case

case_ "mmap with a bad fd= is a script error"
mm run -c 'spawn db; db: mmap m 4K fd=x'
want_rc 2
want_err '^-c:2: db: mmap: bad descriptor in "fd=x"'
end_case

case_ "a running program's file cannot be opened for writing"
mm run -c 'spawn db; spawn sh; sh: open /usr/bin/db wronly; expect last == ETXTBSY; db: exit; sh: open /usr/bin/db wronly'
want_rc 0
want_out '^sh: openat(AT_FDCWD, "/usr/bin/db", O_WRONLY) = -1 ETXTBSY (Text file busy)$'
want_out '^sh: openat(AT_FDCWD, "/usr/bin/db", O_WRONLY) = 3$'
end_case

case_ "ls /proc/NAME/fd lists the descriptors and reading one gives its path"
mm run -c 'file /data/x 4K; spawn db; db: open /data/x; ls /proc/db/fd; cat /proc/db/fd/3; db: close 3; cat /proc/db/fd/3'
want_rc 2
want_out '^3$'
want_out '^/data/x$'
want_err '^-c:7: cat: /proc/db/fd/3: No such file or directory'
end_case
