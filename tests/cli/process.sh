# SPDX-License-Identifier: GPL-2.0-only
# spawn, ps and NAME: exit: pids, the ps -e listing, skipped commands of a
# process that exited, and clear script errors for bad names, a name in
# use, unknown actors and verbs.
. "$(dirname "$0")/lib.sh"

case_ "spawned processes get pids 1, 2 and ps lists them as ps -e"
mm run -c 'spawn db; spawn web; ps'
want_rc 0
want_out '^    PID TTY          TIME CMD$'
want_out '^      1 [?]        00:00:00 db$'
want_out '^      2 [?]        00:00:00 web$'
want_no_err
end_case

case_ "an exited process leaves ps and its pid is not reused"
mm run -c 'spawn a; spawn b; a: exit; spawn c; ps'
want_rc 0
want_out '^      2 [?]        00:00:00 b$'
want_out '^      3 [?]        00:00:00 c$'
want_no_out ' a$'
end_case

case_ "commands of an exited process are skipped with a note"
mm run -c 'spawn a; a: exit; a: exit; ps'
want_rc 0
want_err '^-c:3: a: the process has exited; command skipped$'
end_case

case_ "a name spawned again after exit runs again"
mm run -c 'spawn a; a:exit; spawn a; a: exit'
want_rc 0
want_no_err
end_case

case_ "an actor never spawned is a script error"
mm run -c 'ghost: exit'
want_rc 2
want_err '^-c:1: unknown actor "ghost:" (expected kernel: or a process started with spawn ghost)$'
end_case

case_ "an unknown process verb is a script error"
mm run -c 'spawn a; a: fly'
want_rc 2
want_err '^-c:2: a: unknown command "fly" (expected a process verb such as exit; try help process)$'
end_case

case_ "an actor without a verb is a script error"
mm run -c 'spawn a; a:'
want_rc 2
want_err '^-c:2: a: missing command'
end_case

case_ "a name in use is a script error"
mm run -c 'spawn a; spawn a'
want_rc 2
want_err '^-c:2: spawn: a process named a exists'
end_case

case_ "an all-digit name is a script error"
mm run -c 'spawn 42'
want_rc 2
want_err '^-c:1: spawn: bad name "42"'
end_case

case_ "a 16-character name is a script error"
mm run -c 'spawn abcdefghijklmnop'
want_rc 2
want_err 'spawn: bad name "abcdefghijklmnop"'
end_case

case_ "spawn without a name is a script error"
mm run -c 'spawn'
want_rc 2
want_err '^-c:1: spawn: missing process name'
end_case

case_ "exit with a code outside 0-255 is a script error"
mm run -c 'spawn a; a: exit 256'
want_rc 2
want_err '^-c:2: a: exit: unexpected "256" (expected NAME: exit \[CODE\] \[thread\], CODE 0 to 255)'
end_case

case_ "ps with an argument is a script error"
mm run -c 'ps -e'
want_rc 2
want_err '^-c:1: ps: unexpected "-e"'
end_case

case_ "help process lists the verbs"
mm run -c 'help process'
want_rc 0
want_out '^  NAME: exit \[CODE\] \[thread\]$'
end_case
case_ "mmap prints the call as strace does and names the mapping"
mm run -c 'spawn db; db: mmap buf 2M; db: munmap buf[0:4K]; db: mprotect buf[8K:] r'
want_rc 0
want_out '^db: mmap(NULL, 2097152, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7ffff7c00000$'
want_out '^db: munmap(0x7ffff7c00000, 4096) = 0$'
want_out '^db: mprotect(0x7ffff7c02000, 2088960, PROT_READ) = 0$'
want_no_err
end_case

case_ "a refused mmap prints -1 ENOMEM and the script goes on"
mm run -c 'spawn db; db: mmap big 64T; expect last == ENOMEM; echo after'
want_rc 0
want_out ' = -1 ENOMEM (Cannot allocate memory)$'
want_out '^after$'
end_case

case_ "a failed mprotect prints the errno and sets last"
mm run -c 'spawn db; db: mmap a 4K prot=r; db: munmap a; db: mprotect a rw; expect last == ENOMEM'
want_rc 0
want_out '^db: mprotect(0x[0-9a-f]*, 4096, PROT_READ|PROT_WRITE) = -1 ENOMEM (Cannot allocate memory)$'
end_case

case_ "mmap of a name in use is a script error"
mm run -c 'spawn db; db: mmap a 4K; db: mmap a 4K'
want_rc 2
want_err '^-c:3: db: mmap: "a" is already mapped'
end_case

case_ "mmap with a bad size, protection or option is a script error"
mm run -c 'spawn db; db: mmap a lots'
want_rc 2
want_err '^-c:2: db: mmap: "lots" is not a size'
mm run -c 'spawn db; db: mmap a 4K prot=q'
want_rc 2
want_err 'db: mmap: bad protection "prot=q"'
mm run -c 'spawn db; db: mmap a 4K huge'
want_rc 2
want_err 'db: mmap: unknown option "huge"'
end_case

case_ "munmap of an unknown name or a range outside the mapping is a script error"
mm run -c 'spawn db; db: munmap nope'
want_rc 2
want_err '^-c:2: db: munmap: no mapping named "nope"'
mm run -c 'spawn db; db: mmap a 8K; db: munmap a[4K:16K]'
want_rc 2
want_err 'db: munmap: range "a\[4K:16K\]" is not inside a'
mm run -c 'spawn db; db: mmap a 8K; db: munmap a[4K'
want_rc 2
want_err 'db: munmap: bad range'
end_case

case_ "mappings are per process: another process's name is unknown"
mm run -c 'spawn a; spawn b; a: mmap x 4K; b: munmap x'
want_rc 2
want_err 'b: munmap: no mapping named "x"'
end_case

case_ "/proc/NAME/maps is /proc/PID/maps and goes at exit"
mm run -c 'spawn a; spawn db; cat /proc/db/maps; cat /proc/2/maps; db: exit; cat /proc/2/maps'
want_rc 2
want_out '^7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0                          \[stack\]$'
want_err '^-c:6: cat: /proc/2/maps: No such file or directory'
end_case

case_ "mmap file= maps a disk file and maps shows its path"
mm run -c 'file /data/db 1M; file /usr/bin/db elf=static; spawn db; db: mmap d 8K file=/data/db offset=4K prot=r; cat /proc/db/maps'
want_rc 0
want_out '^db: mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, 3</data/db>, 0x1000) = 0x7ffff7ff5000$'
want_out '^7ffff7ff5000-7ffff7ff7000 r--p 00001000 fe:01 13                         /data/db$'
want_no_err
end_case

case_ "mmap of a missing file prints the failed open and goes on"
mm run -c 'spawn db; db: mmap d 8K file=/nope; expect last == ENOENT'
want_rc 0
want_out '^db: openat(AT_FDCWD, "/nope", O_RDWR) = -1 ENOENT (No such file or directory)$'
end_case

case_ "mmap offset= without file= is a script error"
mm run -c 'spawn db; db: mmap d 8K offset=4K'
want_rc 2
want_err 'db: mmap: offset= needs file=PATH'
end_case

case_ "brk grows the heap from start_brk and prints as strace"
mm run -c 'file /usr/bin/db elf=static; spawn db; db: brk +8K; db: brk 4K; db: brk -1G; expect last == ENOMEM'
want_rc 0
want_out '^db: brk(0x41b000) = 0x41b000$'
want_out '^db: brk(0x41a000) = 0x41a000$'
want_out '^db: brk(0) = 0x41a000$'
end_case

case_ "brk with a bad size is a script error"
mm run -c 'spawn db; db: brk lots'
want_rc 2
want_err '^-c:2: db: brk: "lots" is not a size'
end_case

case_ "spawn oom_score_adj= sets the file, which takes -1000..1000 only"
mm run -c 'spawn db oom_score_adj=-300; cat /proc/db/oom_score_adj; echo 1001 > /proc/db/oom_score_adj; echo 999 > /proc/db/oom_score_adj; cat /proc/1/oom_score_adj'
want_rc 0
want_out '^-300$'
want_out '^999$'
want_err 'echo: write error: Invalid argument'
end_case

case_ "spawn with an oom_score_adj out of range is a script error"
mm run -c 'spawn db oom_score_adj=1001'
want_rc 2
want_err '^-c:1: spawn: bad oom_score_adj "1001"'
end_case

done_
