# SPDX-License-Identifier: GPL-2.0-only
# NAME: mremap and NAME: prlimit: strace's spelling of the calls and of
# their errors, how VAR follows a remapped range (as NEWVAR), and clear
# script errors for bad input.
. "$(dirname "$0")/lib.sh"

case_ "mremap grows in place and prints as strace prints it"
mm run -c 'spawn db; db: mmap a 8K fixed=0x200000000000; db: mremap a 16K; db: munmap a'
want_rc 0
want_out '^db: mremap(0x200000000000, 8192, 16384, 0) = 0x200000000000$'
want_out '^db: munmap(0x200000000000, 16384) = 0$'
want_no_err
end_case

case_ "mremap fixed= prints the new address and the range follows VAR"
mm run -c 'spawn db; db: mmap a 8K fixed=0x200000000000; db: mremap a 8K maymove fixed=0x300000000000; db: munmap a'
want_rc 0
want_out '^db: mremap(0x200000000000, 8192, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x300000000000) = 0x300000000000$'
want_out '^db: munmap(0x300000000000, 8192) = 0$'
end_case

case_ "mremap dontunmap names the new range with as NEWVAR, VAR keeps the old one"
mm run -c 'spawn db; db: mmap a 8K fixed=0x200000000000; db: mremap a 8K maymove dontunmap as b; db: munmap a; db: munmap b'
want_rc 0
want_out '^db: mremap(0x200000000000, 8192, 8192, MREMAP_MAYMOVE|MREMAP_DONTUNMAP) = 0x'
want_out '^db: munmap(0x200000000000, 8192) = 0$'
want_no_err
end_case

case_ "mremap of VAR[START:END] without as: VAR names the new range"
mm run -c 'spawn db; db: mmap a 16K fixed=0x200000000000; db: mremap a[0:4K] 8K maymove fixed=0x300000000000; db: munmap a'
want_rc 0
want_out '^db: munmap(0x300000000000, 8192) = 0$'
want_no_err
end_case

case_ "a refused mremap prints strace's error and last holds it"
mm run -c 'spawn db; db: mmap a 8K; db: mremap a 0; expect last == EINVAL; db: munmap a; db: mremap a 8K; expect last == EFAULT'
want_rc 0
want_out '= -1 EINVAL (Invalid argument)$'
want_out '= -1 EFAULT (Bad address)$'
end_case

case_ "dontunmap without as is a script error"
mm run -c 'spawn db; db: mmap a 8K; db: mremap a 8K maymove dontunmap'
want_rc 2
want_err '^-c:3: db: mremap: dontunmap keeps a on the old range (expected as NEWVAR to name the new one)$'
end_case

case_ "mremap of an unknown VAR, a bad size or option is a script error"
mm run -c 'spawn db; db: mremap nope 8K'
want_rc 2
want_err '^-c:2: db: mremap: no mapping named "nope"'
mm run -c 'spawn db; db: mmap a 8K; db: mremap a lots'
want_rc 2
want_err '^-c:3: db: mremap: "lots" is not a size (expected a size such as 4096, 64K or 1G)$'
mm run -c 'spawn db; db: mmap a 8K; db: mremap a 8K fast'
want_rc 2
want_err '^-c:3: db: mremap: unknown option "fast"'
mm run -c 'spawn db; db: mmap a 8K; db: mremap a'
want_rc 2
want_err '^-c:3: db: mremap: missing new size'
end_case

case_ "prlimit sets and reads a limit as strace prints prlimit64"
mm run -c 'spawn db; db: prlimit as 1G; db: prlimit RLIMIT_AS; db: prlimit nofile 1000 4096; cat /proc/db/limits'
want_rc 0
want_out '^db: prlimit64(0, RLIMIT_AS, {rlim_cur=1048576\*1024, rlim_max=RLIM64_INFINITY}, NULL) = 0$'
want_out '^db: prlimit64(0, RLIMIT_AS, NULL, {rlim_cur=1048576\*1024, rlim_max=RLIM64_INFINITY}) = 0$'
want_out '^db: prlimit64(0, RLIMIT_NOFILE, {rlim_cur=1000, rlim_max=4\*1024}, NULL) = 0$'
want_out '^Max address space         1073741824           unlimited            bytes     $'
want_out '^Max open files            1000                 4096                 files     $'
end_case

case_ "prlimit with soft above hard is EINVAL, an unknown number too"
mm run -c 'spawn db; db: prlimit data 2M 1M; expect last == EINVAL; db: prlimit 99 1 1; expect last == EINVAL'
want_rc 0
want_out '^db: prlimit64(0, RLIMIT_DATA, {rlim_cur=2048\*1024, rlim_max=1024\*1024}, NULL) = -1 EINVAL (Invalid argument)$'
want_out '^db: prlimit64(0, 0x63 /\* RLIMIT_??? \*/, {rlim_cur=1, rlim_max=1}, NULL) = -1 EINVAL (Invalid argument)$'
end_case

case_ "prlimit of an unknown resource name or a bad limit is a script error"
mm run -c 'spawn db; db: prlimit heap 1M'
want_rc 2
want_err '^-c:2: db: prlimit: unknown resource "heap"'
mm run -c 'spawn db; db: prlimit as lots'
want_rc 2
want_err '^-c:2: db: prlimit: bad limit "lots" (expected a size such as 4096 or 1G, or unlimited)$'
end_case

case_ "ignore_rlimit_data takes a boolean"
mm run -c 'boot ignore_rlimit_data=maybe'
want_rc 2
want_err 'ignore_rlimit_data=maybe: not a boolean'
end_case

done_
