# TLB shootdowns: two threads of one process on CPU 0 and CPU 1.  A flush
# of the mm from one CPU sends an IPI to the other while it runs the mm
# (/proc/interrupts TLB: counts it on the CPU that receives it); a CPU
# whose thread exited or moved away keeps the mm lazily and gets an IPI
# only when page tables are freed, then drops the mm and gets none.
boot mem=1G nr_cpus=2 mmsim.debug_tlbflush=1
spawn db cpu=0
db: mmap buf 2M fixed=0x600000000000
db: clone worker cpu=1
db: write buf
worker: read buf
cat /proc/worker/stat
cat /proc/interrupts
# (field 39 of stat, processor: the CPU it runs on)
# 16 pages read-only from CPU 0: INVLPG x16 here, an IPI to CPU 1
db: mprotect buf[0:64K] r
cat /proc/interrupts
expect /proc/vmstat:nr_tlb_remote_flush == 1
expect /proc/vmstat:nr_tlb_remote_flush_received == 1
expect /proc/vmstat:nr_tlb_local_flush_one == 16
# the worker flushes from CPU 1: the IPI goes to CPU 0
worker: mprotect buf[64K:128K] r
cat /proc/interrupts
expect /proc/vmstat:nr_tlb_remote_flush_received == 2
# the worker moves to CPU 0: CPU 1 goes lazy and is skipped
worker: sched_setaffinity 0
cat /proc/worker/stat
grep Cpus_allowed /proc/worker/status
grep Cpus_allowed /proc/db/status
db: mprotect buf[128K:192K] r
cat /proc/interrupts
expect /proc/vmstat:nr_tlb_remote_flush == 3
expect /proc/vmstat:nr_tlb_remote_flush_received == 2
# back on CPU 1 (it catches up with a full flush at switch_mm), then it exits
worker: sched_setaffinity 1
worker: exit thread
db: mprotect buf[192K:256K] r
expect /proc/vmstat:nr_tlb_remote_flush_received == 2
# munmap of buf's two VMAs (the read-only 256K merged): a flush at the end
# of each VMA (x86 has no MMU_GATHER_MERGE_VMAS), then one for the freed
# page tables, which the lazy CPU 1 gets too
db: munmap buf
cat /proc/interrupts
expect /proc/vmstat:nr_tlb_remote_flush == 7
expect /proc/vmstat:nr_tlb_remote_flush_received == 3
# CPU 1 dropped the mm (init_mm now): no IPI for the next flushes
db: mmap buf2 64K
db: write buf2
db: mprotect buf2 r
cat /proc/interrupts
grep nr_tlb /proc/vmstat
expect /proc/vmstat:nr_tlb_remote_flush_received == 3
# errors: no CPU 5 on this machine, an empty mask
db: sched_setaffinity 5
expect last == EINVAL
db: sched_setaffinity ""
expect last == EINVAL
db: sched_setaffinity 0,5
