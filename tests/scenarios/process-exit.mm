# SPDX-License-Identifier: GPL-2.0-only
# How processes end: a thread (clone) shares the process (Threads: 2);
# the leader exiting alone stays a zombie until its thread goes; vfork
# puts the parent to sleep (D) until the child execs; kill's default
# actions: STOP stops every thread (T), TERM stays pending until CONT,
# then the group dies; a parent's exit leaves its children without a
# parent (PPid 0: mmsim has no init) and reaps its zombies; orphans are
# reaped as soon as they exit.  A non-root process (uid=) has no
# capabilities.
boot mem=1G nr_cpus=2
spawn db cpu=1
db: clone db-io
grep -E '^(Tgid|Pid|PPid|Threads)' /proc/db-io/status
cat /proc/db-io/stat
db-io: mmap buf 64K
db: exit 0 thread
ps
grep -E '^(State|Threads)' /proc/db/status
db-io: exit 0 thread
ps
echo "-- vfork: the parent sleeps until the child execs"
spawn sh uid=1000
grep -E '^(Uid|Gid|CapPrm|CapEff|CapBnd)' /proc/sh/status
sh: vfork cmd
grep State /proc/sh/status
sh: mmap x 4K
cmd: exec
grep State /proc/sh/status
sh: fork job
sh: fork done
done: exit 1
ps
echo "-- signals: STOP, TERM pending, CONT"
kill sh STOP
grep State /proc/sh/status
sh: mmap y 4K
kill sh TERM
grep State /proc/sh/status
kill sh CONT
ps
grep -E '^(State|PPid)' /proc/job/status
grep -E '^(State|PPid)' /proc/cmd/status
kill job 9
kill cmd
ps
kill cmd
expect last == ESRCH
