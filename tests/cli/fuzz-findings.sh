#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# What the script fuzzer (tests/fuzz/, docs/testing.md "Fuzzing") found,
# each proved fixed through the CLI: the input of tests/fuzz/regress/NAME
# (the fuzz target runs those too) and what Linux gives for it.
. "$(dirname "$0")/lib.sh"

# The host's address space limit a normal build runs under (ASan reserves
# terabytes of shadow, so the sanitizer build runs without one).
LIMIT_KB=1048576
if (ulimit -v $LIMIT_KB && "$MMSIM" run -c 'echo ok' >/dev/null 2>&1; exit $?) 2>/dev/null; then
	limited_mm() { (ulimit -v $LIMIT_KB && mm "$@"; exit $rc); rc=$?; }
else
	limited_mm() { mm "$@"; }
fi

# regress/mincore-huge-vector.mm: the vector was calloc(LEN / 4096) on the
# host (32G here) before the kernel looked at the range.
case_ "mincore of the whole user address space is ENOMEM, with no host-sized vector"
limited_mm run -c 'boot mem=256M; spawn a; a: mincore 0 0x7ffffffff000; expect last == ENOMEM'
want_rc 0
want_out '^a: mincore(0, 140737488351232, vec) = -1 ENOMEM (Cannot allocate memory)$'
end_case

# The vector is filled 4096 pages per call: a 20M mapping is two calls, a
# hole in the second ends the walk with ENOMEM, as one call does.
case_ "mincore across a vector chunk: resident bytes, and a hole past the chunk"
mm run -c 'spawn a; a: mmap b 20M; a: write b[0:8K]; a: mincore b; expect last == 0
a: mincore b[16M:20M]; expect last == 0; a: munmap b[18M:19M]; a: mincore b; expect last == ENOMEM'
want_rc 0
want_out '^a: mincore(0x[0-9a-f]*, 20971520, \[1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, \.\.\.\]) = 0$'
want_out '^a: mincore(0x[0-9a-f]*, 4194304, \[0, 0, 0,.*) = 0$'
want_out '^a: mincore(0x[0-9a-f]*, 20971520, vec) = -1 ENOMEM'
end_case

# regress/expect-multiline-found.mm: a failed expect on a whole file
# printed the file, its second and later lines without FILE:LINE.
case_ "a failed expect on a whole file is one FILE:LINE line: first line and line count"
mm run -c 'expect /proc/meminfo == x'
want_rc 1
want_err_lines 1
want_err '^-c:1: expect failed: /proc/meminfo == x (found MemTotal: *[0-9]* kB \.\.\. ([0-9]* lines))$'
end_case

case_ "the shell's held expect on a whole file is one line too"
mm_in 'expect /proc/meminfo != x
' 
want_rc 0
want_out '^expect held: /proc/meminfo != x (found MemTotal: *[0-9]* kB \.\.\. ([0-9]* lines))$'
want_no_out '^MemFree:'
end_case

# regress/boot-kernel-image-past-ram.mm: mem=47M..51M booted with the
# kernel image (16M + 36184K) past the end of RAM, and freeing its init
# pages wrote past the memmap.  The boot refused them, then mem= itself
# (kernel_image_min_ram: below 52M mem= was "at least 32M", then refused at boot).
case_ "a machine whose RAM cannot hold the kernel image does not boot: a FILE:LINE error"
mm run -c 'boot mem=64M; boot mem=062M; cat /proc/meminfo'
want_rc 2
want_err '^-c:2: boot: mem=062M: too small for the kernel image (expected at least 52M)$'
end_case

case_ "mem=52M holds the kernel image and boots"
mm run -c 'boot mem=52M; expect /proc/meminfo:MemTotal > 0'
want_rc 0
end_case

done_
