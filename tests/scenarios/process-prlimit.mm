# SPDX-License-Identifier: GPL-2.0-only
# Resource limits: prlimit reads and sets them as prlimit64(0, ...) and
# /proc/PID/limits shows them; RLIMIT_AS refuses mmap, brk and mremap
# past the limit (the exact boundary is tests/unit/test_rlimit.c's);
# RLIMIT_DATA refuses private writable memory (mmap, mprotect) with
# Linux's VmData warning, logged once; prlimit's EINVAL and EPERM.
boot mem=1G nr_cpus=2
spawn db
dmesg -C
db: prlimit as
db: prlimit stack
db: prlimit as 64M
grep -E '^(Limit|Max address space|Max data size)' /proc/db/limits
db: mmap a 48M
expect last == 0
db: mmap b 16M
expect last == ENOMEM
db: brk +16M
expect last == ENOMEM
db: mremap a 64M maymove
expect last == ENOMEM
db: mremap a 40M
db: mremap a 48M
expect last == 0
db: munmap a
db: prlimit as unlimited
db: prlimit data 1M unlimited
db: mmap c 2M
expect last == ENOMEM
db: mmap d 4M
expect last == ENOMEM
db: mmap e 1M prot=r
expect last == 0
db: mprotect e rw
expect last == ENOMEM
dmesg
db: brk +2M
expect last == ENOMEM
db: prlimit data 2M 1M
expect last == EINVAL
db: prlimit nofile 1024 2000000
expect last == EPERM
db: prlimit RLIMIT_NOFILE 100 200
db: prlimit 16 1 1
expect last == EINVAL
grep -E '^(Max data size|Max open files)' /proc/db/limits
# RLIMIT_STACK takes effect at the next exec: the gap under the stack
# (mmap_base, clamped to 128M .. 5/6 of TASK_SIZE) and the initial stack's
# size, as the 6.18 host shows under `ulimit -s N; setarch -R cat`
db: prlimit stack 1G
grep -E '(vdso|stack)' /proc/db/maps
db: exec
grep -E '(vdso|stack)' /proc/db/maps
db: prlimit stack 64K
db: exec
grep -E '(vdso|stack)' /proc/db/maps
db: prlimit stack unlimited
db: exec
grep -E '(vdso|stack)' /proc/db/maps
# a user without CAP_SYS_RESOURCE may lower a hard limit, not raise it
spawn u uid=1000
u: prlimit as 1G 2G
u: prlimit as 1G unlimited
expect last == EPERM
grep -E '^Max address space' /proc/u/limits
