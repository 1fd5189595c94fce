# SPDX-License-Identifier: GPL-2.0-only
# Processes: spawn gives pids from 1 in order (never reused), ps lists the
# live ones as ps -e, and exit gives back the task_struct, the 16 kB kernel
# stack, the mm_struct and the nine vm_area_structs (binary, bss, stack,
# vDSO): the caches' active
# objects and KernelStack return to their values.  A process that exited
# has its later commands skipped with a note.  Each process's 132 KiB
# stack, data and bss are charged to Committed_AS until it exits.
boot mem=1G nr_cpus=2
echo 1 > /sys/kernel/slab/task_struct/shrink
echo 1 > /sys/kernel/slab/mm_struct/shrink
echo 1 > /sys/kernel/slab/vm_area_struct/shrink
grep -E '^(# name|task_struct|mm_struct|vm_area_struct) ' /proc/slabinfo
grep -E '^(KernelStack|Committed_AS):' /proc/meminfo
save /proc/meminfo:KernelStack as stack0
save /proc/meminfo:Committed_AS as committed0
spawn db
spawn web
spawn cron
expect last == 0
ps
grep -E '^(task_struct|mm_struct|vm_area_struct) ' /proc/slabinfo
echo "-- each process: 16 kB of KernelStack, 148 kB of Committed_AS (stack 132, .data 8, .bss 8)"
grep -E '^(KernelStack|Committed_AS):' /proc/meminfo
web: exit
echo "-- web exited: its pid is not reused"
spawn worker
ps
db: exit
cron:exit
worker: exit
web: exit
ps
echo 1 > /sys/kernel/slab/task_struct/shrink
echo 1 > /sys/kernel/slab/mm_struct/shrink
echo 1 > /sys/kernel/slab/vm_area_struct/shrink
grep -E '^(task_struct|mm_struct|vm_area_struct) ' /proc/slabinfo
expect /proc/meminfo:KernelStack == $stack0
expect /proc/meminfo:Committed_AS == $committed0
