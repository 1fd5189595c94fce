# SPDX-License-Identifier: GPL-2.0-only
# spawn uid=N: a process of user N has no capabilities (CapPrm and CapEff
# 0), so the checks that ask capable() treat it as Linux treats a normal
# user: mlock past RLIMIT_MEMLOCK (8 MiB) fails with ENOMEM where root
# (CAP_IPC_LOCK) may lock anything, and under strict overcommit the
# admin reserve (vm.admin_reserve_kbytes) is held back from it but not
# from root (CAP_SYS_ADMIN).  Its children inherit the credentials.
boot mem=1G nr_cpus=2
spawn root
spawn user uid=1000
grep -E '^(Uid|Gid|CapPrm|CapEff|CapBnd)' /proc/user/status
user: fork child
grep -E '^(Uid|CapEff)' /proc/child/status
echo "-- mlock: RLIMIT_MEMLOCK holds for the user only"
root: mmap a 16M
user: mmap a 16M
root: mlock a
user: mlock a
expect last == ENOMEM
user: mlock a[0:4M]
expect last == 0
echo "-- strict overcommit with a 128 MiB admin reserve: 400 MiB fit only for root"
sysctl vm.overcommit_memory=2
sysctl vm.admin_reserve_kbytes=131072
sysctl vm.user_reserve_kbytes=0
grep -E '^(CommitLimit|Committed_AS)' /proc/meminfo
user: mmap big 400M
expect last == ENOMEM
root: mmap big 400M
expect last == 0
