# SPDX-License-Identifier: GPL-2.0-only
# vmalloc and vfree from the kernel actor: virtually contiguous areas of
# scattered order-0 pages in the vmalloc range, each followed by an
# unmapped guard page.  They show in /proc/vmallocinfo and VmallocUsed;
# the idle tasks' kernel stacks are there from boot.
boot mem=512M nr_cpus=2
grep -E '^(VmallocUsed|KernelStack):' /proc/meminfo
cat /proc/vmallocinfo
kernel: drain_pages
save /proc/meminfo:VmallocUsed as used
save /proc/meminfo:MemFree as free
kernel: vmalloc 1M as big
kernel: vmalloc 10K 3 as small
grep -E '^VmallocUsed:' /proc/meminfo
expect /proc/meminfo:VmallocUsed == 1076kB
grep kactor /proc/vmallocinfo
# the last byte of the area is there, the next one is the guard page
kernel: write big 1048575 1 byte=0x5a
kernel: read big 1048560 16
kernel: write big 1048576 1
expect last == EFAULT
# a 10K area has 12K of pages: the bytes after 10K are mapped too
kernel: write small[1] 10K 2K byte=0x41
kernel: vfree small every=2
grep kactor /proc/vmallocinfo
kernel: vfree small
kernel: vfree big
expect /proc/meminfo:VmallocUsed == $used
# the pages are back; what vfree leaves, as Linux does: the freed ranges'
# vmap_area objects wait for a lazy purge, the kernel page tables of the
# vmalloc range stay, and SLUB keeps slabs of the caches used
kernel: drain_pages
grep -E '^(MemFree|PageTables|VmallocUsed):' /proc/meminfo
expect /proc/meminfo:MemFree < $free
expect /proc/meminfo:MemFree > 480000kB
