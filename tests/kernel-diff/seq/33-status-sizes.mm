# The address space's counters in /proc/PID/status follow the VMAs:
# VmSize (total_vm), VmData (private writable, not stack), VmStk, VmExe,
# VmLib, VmLck, and VmPeak, the high-water mark kept across an munmap.
file /data/f 1M
spawn p
cat /proc/p/status
p: mmap a 1M
p: mmap r 64K prot=r
p: mmap x 64K prot=rx
p: mmap f 128K file=/data/f offset=0 prot=rx
p: mmap s 32K growsdown
p: mmap w 16K file=/data/f shared
p: brk +64K
cat /proc/p/status
p: munmap a
p: mprotect x r
cat /proc/p/status
