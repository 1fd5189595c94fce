# SPDX-License-Identifier: GPL-2.0-only
# Executables: file PATH [SIZE] elf=pie|static|lib makes one with real ELF
# headers, spawn runs it; clear script errors for bad kinds and sizes;
# kernel.randomize_va_space; /proc/PID/smaps, smaps_rollup, cmdline and
# /proc/self.
. "$(dirname "$0")/lib.sh"

case_ "spawn runs a missing /usr/bin/NAME as a PIE with its loader"
mm run -c 'spawn db; cat /proc/db/maps'
want_rc 0
want_out '^555555554000-555555556000 r--p 00000000 fe:01 14                         /usr/bin/db$'
want_out '^7ffff7fca000-7ffff7fcb000 r--p 00000000 fe:01 16                         /lib64/ld-linux-x86-64.so.2$'
want_out '^ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  \[vsyscall\]$'
want_no_err
end_case

case_ "file elf=static makes a static binary at 0x400000 with its bss"
mm run -c 'file /usr/bin/db elf=static; spawn db; cat /proc/db/maps'
want_rc 0
want_out '^00400000-00401000 r--p 00000000 fe:01 14                                 /usr/bin/db$'
want_out '^00417000-00419000 rw-p 00000000 00:00 0 $'
want_no_out 'ld-linux'
want_no_err
end_case

case_ "file SIZE elf=pie grows the text"
mm run -c 'file /usr/bin/big 1M elf=pie; spawn big; cat /proc/big/maps'
want_rc 0
want_out '^555555556000-555555650000 r-xp 00002000 fe:01 14 '
end_case

case_ "file with an unknown elf kind is a script error"
mm run -c 'file /usr/bin/db elf=dll'
want_rc 2
want_err '^-c:1: file: unknown "elf=dll" (expected elf=pie, elf=static or elf=lib)$'
end_case

case_ "file elf= too small is a script error"
mm run -c 'file /usr/bin/db 4K elf=static'
want_rc 2
want_err '^-c:1: file: cannot create /usr/bin/db: 4096 bytes is too small for this executable (expected at least 32768)$'
end_case

case_ "file elf= with data= is a script error"
mm run -c 'file /usr/bin/db 1M data=text elf=pie'
want_rc 2
want_err 'does not go with elf=pie'
end_case

case_ "randomization is off by default and seeded when on"
mm run -c 'boot mmsim.seed=7; sysctl kernel.randomize_va_space; sysctl kernel.randomize_va_space=2; spawn a; cat /proc/a/maps'
want_rc 0
want_out '^kernel.randomize_va_space = 0$'
want_out '^kernel.randomize_va_space = 2$'
want_no_out '^555555554000-'
end_case

case_ "smaps shows every key and VmFlags, smaps_rollup the span"
mm run -c 'spawn db; cat /proc/db/smaps /proc/db/smaps_rollup'
want_rc 0
want_out '^Private_Hugetlb:       0 kB$'
want_out '^VmFlags: rd wr mr mw me gd ac $'
want_out '^VmFlags: ex $'
want_out '^555555554000-7ffffffff000 ---p 00000000 00:00 0                          \[rollup\]$'
want_no_err
end_case

case_ "/proc/self does not exist on a script line"
mm run -c 'spawn db; cat /proc/self/maps'
want_rc 2
want_err 'cat: /proc/self/maps: No such file or directory'
end_case

done_
