# SPDX-License-Identifier: GPL-2.0-only
# A kernel memory leak starves the system: a buggy module kmallocs 4K
# buffers and never frees them.  MemFree falls, Slab and SUnreclaim grow
# (kmalloc-4k slabs are unreclaimable: no shrinker can give them back),
# until a GFP_KERNEL allocation fails with Linux's reports: the page
# allocator's "page allocation failure" and SLUB's "Unable to allocate
# memory".  Freeing every buffer and shrinking the cache then returns
# MemFree, Slab and buddyinfo exactly to their values before the leak
# (saved with save, compared with expect ... $NAME).
boot mem=256M nr_cpus=2
dmesg -C
kernel: drain_pages
save /proc/meminfo:MemFree as free
save /proc/meminfo:Slab as slab
save /proc/meminfo:SUnreclaim as sunreclaim
save /proc/buddyinfo as buddy
grep -E '^(MemFree|Slab|SReclaimable|SUnreclaim):' /proc/meminfo
grep -E '^(# name|kmalloc-4k )' /proc/slabinfo
# the leak, in steps
kernel: kmalloc 4K 10000 as leak1
grep -E '^(MemFree|Slab|SUnreclaim):' /proc/meminfo
expect /proc/meminfo:SUnreclaim > $sunreclaim
expect /proc/meminfo:MemFree < $free
kernel: kmalloc 4K 20000 as leak2
grep -E '^(MemFree|Slab|SUnreclaim):' /proc/meminfo
# until the allocator says no
kernel: kmalloc 4K all as leak3
expect last == ENOMEM
grep -E '^(MemFree|Slab|SUnreclaim):' /proc/meminfo
grep -E '^kmalloc-4k ' /proc/slabinfo
expect /proc/meminfo:Slab > 200M
dmesg -c
# the module is unloaded and frees what it took
kernel: kfree leak3
kernel: kfree leak2
kernel: kfree leak1
grep -E '^(MemFree|Slab|SUnreclaim):' /proc/meminfo
# SLUB keeps some empty slabs (min_partial, the CPU slabs): shrink the
# cache as an administrator would
echo 1 > /sys/kernel/slab/kmalloc-4k/shrink
kernel: drain_pages
grep -E '^(MemFree|Slab|SReclaimable|SUnreclaim):' /proc/meminfo
expect /proc/meminfo:MemFree == $free
expect /proc/meminfo:Slab == $slab
expect /proc/meminfo:SUnreclaim == $sunreclaim
expect /proc/buddyinfo == $buddy
