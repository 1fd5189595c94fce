# SPDX-License-Identifier: GPL-2.0-only
# /proc/PID/status: Linux 6.18's keys in order, the Vm lines from the
# address space.  A 1 MiB private writable mapping adds 1024 kB to VmSize
# and VmData; after munmap VmSize and VmData fall back while VmPeak keeps
# the high-water mark (update_hiwater_vm).  VmExe is the binary's .text,
# VmLib the rest of exec_vm (ld.so's text and the vDSO), VmStk the 132 KiB
# stack.
# /proc/PID/stat: 52 fields, vsize (23rd) total_vm in bytes, then the
# code, stack, data and brk addresses of the mm.  /proc/PID/limits: the
# kernel's default limits, pending signals and processes max_threads / 2.
# oom_score_adj: set by spawn's option, written within -1000..1000.
boot mem=1G nr_cpus=2
spawn db
cat /proc/db/status
db: mmap buf 1M
grep -E '^Vm(Peak|Size|Data):' /proc/db/status
db: munmap buf
grep -E '^Vm(Peak|Size|Data|Stk|Exe|Lib):' /proc/db/status
expect /proc/db/status:VmPeak == 1448
cat /proc/db/stat
cat /proc/db/limits
spawn cache oom_score_adj=500
cat /proc/cache/oom_score_adj
echo -1000 > /proc/db/oom_score_adj
expect /proc/db/oom_score_adj == -1000
