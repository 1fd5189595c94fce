# SPDX-License-Identifier: GPL-2.0-only
# The madvise, mlock, msync and mincore verbs: strace's spelling of each
# call (names, flag order, unknown values, mincore's vector), failures
# that let the script go on with `last` set, and clear script errors for
# bad ranges, advice and flags.
. "$(dirname "$0")/lib.sh"

case_ "madvise prints as strace and accepts MADV_ names and numbers"
mm run -c 'spawn db; db: mmap a 8K fixed=0x600000000; db: madvise a[4K:8K] dontfork; db: madvise a MADV_DOFORK; db: madvise a 999; expect last == EINVAL'
want_rc 0
want_out '^db: madvise(0x600001000, 4096, MADV_DONTFORK) = 0$'
want_out '^db: madvise(0x600000000, 8192, MADV_DOFORK) = 0$'
want_out '^db: madvise(0x600000000, 8192, 0x3e7 /\* MADV_??? \*/) = -1 EINVAL (Invalid argument)$'
end_case

case_ "madvise over a hole is ENOMEM and the script goes on"
mm run -c 'spawn db; db: mmap a 12K fixed=0x600000000; db: munmap a[4K:8K]; db: madvise a hugepage; expect last == ENOMEM; db: madvise 0x600000000 4K nohugepage'
want_rc 0
want_out '^db: madvise(0x600000000, 12288, MADV_HUGEPAGE) = -1 ENOMEM (Cannot allocate memory)$'
want_out '^db: madvise(0x600000000, 4096, MADV_NOHUGEPAGE) = 0$'
end_case

case_ "madvise with an unknown advice name is a script error"
mm run -c 'spawn db; db: mmap a 4K; db: madvise a forget'
want_rc 2
want_err '^-c:3: db: madvise: unknown advice "forget" (expected dontneed, free'
end_case

case_ "madvise without advice is a script error"
mm run -c 'spawn db; db: mmap a 4K; db: madvise a'
want_rc 2
want_err '^-c:3: db: madvise: missing advice (expected NAME: madvise VAR\[START:END\]|ADDR LEN ADVICE, such as db: madvise buf dontneed)$'
end_case

case_ "an address without a length is a script error"
mm run -c 'spawn db; db: madvise 0x600000000 dontneed'
want_rc 2
want_err '^-c:2: db: madvise: missing or bad length after "0x600000000"'
end_case

case_ "mlock, mlock2 and munlock print as strace and VmLck follows"
mm run -c 'spawn db; db: mmap a 16K fixed=0x600000000; db: mlock a[4K:8K]; db: mlock2 a onfault; db: mlock2 a 2; grep VmLck /proc/db/status; db: munlock a'
want_rc 0
want_out '^db: mlock(0x600001000, 4096) = 0$'
want_out '^db: mlock2(0x600000000, 16384, MLOCK_ONFAULT) = 0$'
want_out '^db: mlock2(0x600000000, 16384, 0x2 /\* MLOCK_??? \*/) = -1 EINVAL (Invalid argument)$'
want_out '^VmLck:	      16 kB$'
want_out '^db: munlock(0x600000000, 16384) = 0$'
end_case

case_ "mlockall and munlockall print their flags as strace"
mm run -c 'spawn db; db: mlockall current|future; db: mlockall onfault; db: mlockall 8; db: munlockall'
want_rc 0
want_out '^db: mlockall(MCL_CURRENT|MCL_FUTURE) = 0$'
want_out '^db: mlockall(MCL_ONFAULT) = -1 EINVAL (Invalid argument)$'
want_out '^db: mlockall(0x8 /\* MCL_??? \*/) = -1 EINVAL (Invalid argument)$'
want_out '^db: munlockall() = 0$'
end_case

case_ "mlockall without flags and munlockall with one are script errors"
mm run -c 'spawn db; db: mlockall'
want_rc 2
want_err '^-c:2: db: mlockall: missing flags'
mm run -c 'spawn db; db: munlockall future'
want_rc 2
want_err '^-c:2: db: munlockall: unexpected "future" (expected NAME: munlockall)$'
end_case

case_ "msync prints flags in strace's order and refuses async with sync"
mm run -c 'spawn db; db: mmap a 4K fixed=0x600000000; db: msync a invalidate sync; db: msync a async sync; db: msync a sync|8; db: msync a'
want_rc 0
want_out '^db: msync(0x600000000, 4096, MS_SYNC|MS_INVALIDATE) = 0$'
want_out '^db: msync(0x600000000, 4096, MS_SYNC|MS_ASYNC) = -1 EINVAL (Invalid argument)$'
want_out '^db: msync(0x600000000, 4096, MS_SYNC|0x8) = -1 EINVAL (Invalid argument)$'
want_out '^db: msync(0x600000000, 4096, 0) = 0$'
end_case

case_ "msync with an unknown flag word is a script error"
mm run -c 'spawn db; db: mmap a 4K; db: msync a flush'
want_rc 2
want_err '^-c:3: db: msync: unknown flag "flush" (expected NAME: msync'
end_case

case_ "mincore prints the vector as strace, abbreviated after 32 entries"
mm run -c 'spawn db; db: mmap a 2M fixed=0x600000000; db: mincore a[0:12K]; db: mincore a; db: mincore a[0:0]; db: mincore a[1:4K]'
want_rc 0
want_out '^db: mincore(0x600000000, 12288, \[0, 0, 0\]) = 0$'
want_out '^db: mincore(0x600000000, 2097152, \[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, \.\.\.\]) = 0$'
want_out '^db: mincore(0x600000000, 0, \[\]) = 0$'
want_out '^db: mincore(0x600000001, 4095, vec) = -1 EINVAL (Invalid argument)$'
end_case

case_ "mmap locked and stack set MAP_LOCKED and MAP_STACK"
mm run -c 'spawn db; db: mmap a 8K locked stack fixed=0x600000000; grep VmLck /proc/db/status'
want_rc 0
want_out '^db: mmap(0x600000000, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED|MAP_ANONYMOUS|MAP_LOCKED|MAP_STACK, -1, 0) = 0x600000000$'
want_out '^VmLck:	       8 kB$'
end_case

case_ "the flags madvise and mlock set show in smaps' VmFlags"
mm run -c 'spawn db; db: mmap a 16K fixed=0x600000000; db: madvise a[0:4K] dontfork; db: madvise a[4K:8K] wipeonfork; db: madvise a[8K:12K] nohugepage; db: mlock2 a[12K:16K] onfault; cat /proc/db/smaps'
want_rc 0
want_out '^VmFlags: rd wr mr mw me dc ac $'
want_out '^VmFlags: rd wr mr mw me ac wf $'
want_out '^VmFlags: rd wr mr mw me ac nh $'
want_out '^VmFlags: rd wr mr mw me lo lf ac $'
end_case

done_
