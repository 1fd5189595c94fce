# SPDX-License-Identifier: GPL-2.0-only
# The guided tour (`make run`): a new user's first look at mmsim, on the
# default machine.  Every command is one you can type in the shell
# (`build/mmsim`); docs/language.md explains them all.

echo "Welcome to mmsim: the Linux memory manager, running in user space."
echo "This tour boots a machine and looks around as you would on a real"
echo "Linux box, then drives the page allocator directly."
echo
echo "== 1. Boot ==================================================="
echo "$ boot mem=2G nr_cpus=2 transparent_hugepage=madvise"
boot mem=2G nr_cpus=2 transparent_hugepage=madvise
echo "The kernel command line is Linux's own.  The boot log, as dmesg shows it,"
echo "stamped with the machine's virtual clock:"
echo "$ dmesg"
dmesg -c
echo
echo "== 2. Where the memory went =================================="
echo "2G of RAM, but MemTotal is smaller: Linux reserves the first page, low"
echo "memory, the kernel image and the memmap (64 bytes of struct page per"
echo "4K page) before the page allocator gets the rest."
echo "$ grep -E '^(MemTotal|MemFree|MemAvailable):' /proc/meminfo"
grep -E '^(MemTotal|MemFree|MemAvailable):' /proc/meminfo
expect /proc/meminfo:MemTotal < 2G
echo
echo "== 3. The buddy allocator ===================================="
echo "Free memory sits in blocks of 2^order pages, order 0 (4K) to 10 (4M),"
echo "per zone: DMA below 16M, DMA32 below 4G, Normal above.  One column per"
echo "order, counting free blocks:"
echo "$ cat /proc/buddyinfo"
cat /proc/buddyinfo
echo
echo "== 4. Watermarks ============================================="
echo "Each zone keeps a reserve: below 'min' only atomic and emergency"
echo "allocations go on; below 'low' kswapd is woken.  They come from"
echo "vm.min_free_kbytes:"
echo "$ sysctl vm.min_free_kbytes"
sysctl vm.min_free_kbytes
echo "$ grep -E '^Node|^ +(min|low|high|managed) ' /proc/zoneinfo"
grep -E '^Node|^ +(min|low|high|managed) ' /proc/zoneinfo
echo "watermark_scale_factor widens the gap between min, low and high:"
echo "$ sysctl vm.watermark_scale_factor=100"
sysctl vm.watermark_scale_factor=100
grep -E '^Node|^ +(min|low|high) ' /proc/zoneinfo
sysctl vm.watermark_scale_factor=10
echo "Bad values are refused as Linux refuses them (see the message on stderr):"
echo "$ echo garbage > /proc/sys/vm/min_free_kbytes"
echo garbage > /proc/sys/vm/min_free_kbytes
expect last == EINVAL
echo
echo "== 5. Fragmentation, by hand ================================="
echo "The kernel actor calls the allocator as a kernel module would.  Take"
echo "every free page, one 4K page at a time:"
echo "$ kernel: drain_pages    # per-CPU page lists back to the buddy lists"
kernel: drain_pages
echo "$ kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_NOWARN as pages"
kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_NOWARN as pages
expect last == ENOMEM
echo "GFP_KERNEL stopped at the min watermarks: the reserves are left."
grep -E '^MemFree:' /proc/meminfo
echo "__GFP_MEMALLOC, which the kernel uses while it frees memory, may take"
echo "them too:"
echo "$ kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_MEMALLOC|__GFP_NOWARN as reserves"
kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_MEMALLOC|__GFP_NOWARN as reserves
expect /proc/meminfo:MemFree == 0
echo "Give back every other page, and empty the per-CPU lists:"
echo "$ kernel: free_pages pages every=2"
kernel: free_pages pages every=2
kernel: free_pages reserves every=2
kernel: drain_pages
echo "Half of memory is free again, but no two free pages are neighbours:"
grep -E '^MemFree:' /proc/meminfo
cat /proc/buddyinfo
echo "So an order-3 block (32K, eight neighbours) cannot be found:"
echo "$ kernel: alloc_pages 3 as big"
kernel: alloc_pages 3 as big
expect last == ENOMEM
expect /proc/meminfo:MemFree > 800M
echo "The kernel logs why, as Linux does:"
echo "$ dmesg"
dmesg -c
echo "Freeing the rest lets the buddies merge back into large blocks:"
kernel: free_pages pages
kernel: free_pages reserves
kernel: drain_pages
cat /proc/buddyinfo
grep -E '^MemFree:' /proc/meminfo
echo
echo "== 6. The kernel's own memory ================================"
echo "The kernel allocates its own objects from SLUB, the slab allocator: one"
echo "cache per kind of object, each slab a block of pages cut into slots."
echo "A freshly booted machine already has the caches processes are made of:"
echo "$ grep -E '^(# name|task_struct|mm_struct|vm_area_struct|dentry|kmalloc-64) ' /proc/slabinfo"
grep -E '^(# name|task_struct|mm_struct|vm_area_struct|dentry|kmalloc-64) ' /proc/slabinfo
echo "The idle task of the second CPU has a task_struct there, and a 16K"
echo "kernel stack from vmalloc:"
echo "$ grep -E '^(Slab|SUnreclaim|KernelStack|VmallocUsed):' /proc/meminfo"
grep -E '^(Slab|SUnreclaim|KernelStack|VmallocUsed):' /proc/meminfo
echo "The kernel actor can kmalloc too: 1000 objects of 200 bytes come from"
echo "kmalloc-256 (the next size class), 16 to a 4K slab:"
echo "$ kernel: kmalloc 200 1000 as objs"
kernel: kmalloc 200 1000 as objs
grep -E '^kmalloc-256 ' /proc/slabinfo
echo "and vmalloc: virtually contiguous memory from scattered pages, with a"
echo "guard page after it:"
echo "$ kernel: vmalloc 1M as buf"
kernel: vmalloc 1M as buf
echo "$ cat /proc/vmallocinfo"
cat /proc/vmallocinfo
grep -E '^(Slab|SUnreclaim|VmallocUsed):' /proc/meminfo
kernel: kfree objs
kernel: vfree buf
echo "tests/scenarios/kmalloc-leak.mm shows a leak starving the machine, and"
echo "slub-debug.mm SLUB catching a buggy module's double free."
echo
echo "== Where next ================================================"
echo "  build/mmsim                      the interactive shell (try: help)"
echo "  build/mmsim run -c 'boot mem=8G numa=fake=2; cat /proc/zoneinfo'"
echo "  docs/language.md                 every command, with examples"
echo "  tests/scenarios/                 more scripts like this one"
