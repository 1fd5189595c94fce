# SPDX-License-Identifier: GPL-2.0-only
# fork copies the address space: the child's maps are the parent's line
# for line, its private writable memory is charged to Committed_AS again,
# and it costs a task_struct, a kernel stack, a pid, a cred (merged into
# the pid cache), a signal_struct, a sighand_struct, an fs_struct (merged
# into anon_vma_chain), an mm_struct, its VMAs and a PGD page (PageTables).
# The child exits with status 3 and is a zombie (<defunct>, State Z, no
# Vm lines) until its parent waits for it; then every object is back.
# slabinfo is read after shrinking the caches: SLUB counts the free
# objects of a CPU's slab as active, shrinking flushes those slabs.
boot mem=1G nr_cpus=2
spawn db
db: mmap buf 1M
db: mprotect buf[0:64K] r
save /proc/meminfo:PageTables as tables
save /proc/meminfo:Committed_AS as committed
save /proc/meminfo:KernelStack as stack
grep -E '^(PageTables|KernelStack|Committed_AS):' /proc/meminfo
echo 1 > /sys/kernel/slab/task_struct/shrink
echo 1 > /sys/kernel/slab/pid/shrink
echo 1 > /sys/kernel/slab/signal_cache/shrink
echo 1 > /sys/kernel/slab/mm_struct/shrink
echo 1 > /sys/kernel/slab/sighand_cache/shrink
grep -E '^(# name|task_struct|pid|signal_cache|sighand_cache|mm_struct) ' /proc/slabinfo
db: fork child
save /proc/db/maps as parent_maps
expect /proc/child/maps == $parent_maps
grep -E '^(Name|State|Tgid|Pid|PPid|Threads|VmSize|VmData)' /proc/child/status
cat /proc/child/stat
save /proc/db/cmdline as parent_cmdline
expect /proc/child/cmdline == $parent_cmdline
echo "-- one more PGD page, 16 kB of stack, the 1M buffer and the binary's data charged again"
grep -E '^(PageTables|KernelStack|Committed_AS):' /proc/meminfo
echo 1 > /sys/kernel/slab/task_struct/shrink
echo 1 > /sys/kernel/slab/pid/shrink
echo 1 > /sys/kernel/slab/signal_cache/shrink
echo 1 > /sys/kernel/slab/mm_struct/shrink
echo 1 > /sys/kernel/slab/sighand_cache/shrink
grep -E '^(task_struct|pid|signal_cache|sighand_cache|mm_struct) ' /proc/slabinfo
echo "-- the child's own mappings are its own"
child: munmap buf[64K:128K]
child: mmap extra 64K
expect /proc/db/maps == $parent_maps
child: exit 3
ps
grep -E '^(Name|State|Pid|PPid|Threads)' /proc/child/status
echo "-- no Umask and no Vm lines: the zombie has no fs_struct and no mm"
grep -E '^(Umask|Vm)' /proc/child/status
cat /proc/child/stat
child: mmap more 4K
db: wait
ps
expect /proc/meminfo:PageTables == $tables
expect /proc/meminfo:Committed_AS == $committed
expect /proc/meminfo:KernelStack == $stack
echo 1 > /sys/kernel/slab/task_struct/shrink
echo 1 > /sys/kernel/slab/pid/shrink
echo 1 > /sys/kernel/slab/signal_cache/shrink
echo 1 > /sys/kernel/slab/mm_struct/shrink
echo 1 > /sys/kernel/slab/sighand_cache/shrink
grep -E '^(task_struct|pid|signal_cache|sighand_cache|mm_struct) ' /proc/slabinfo
