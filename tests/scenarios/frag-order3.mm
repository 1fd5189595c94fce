# SPDX-License-Identifier: GPL-2.0-only
# Fragmentation: take every free page as an order-0 block, give back every
# other one, and an order-3 GFP_KERNEL allocation fails (with Linux's
# allocation failure report in dmesg) although half of memory is free.
# GFP_KERNEL stops at the min watermark, leaving the zones' reserves in
# large blocks; __GFP_MEMALLOC (no watermarks) takes those too, or the
# order-3 allocation would be served from them.
# Freeing everything restores MemFree and buddyinfo exactly: the dumps
# before and after are equal (tests/cli/fragmentation.sh checks it).
boot mem=2G
kernel: drain_pages
echo "== before =="
cat /proc/buddyinfo
grep -E '^MemFree:' /proc/meminfo
echo "== fragmenting =="
kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_NOWARN as pages
expect last == ENOMEM
expect /proc/meminfo:MemFree < 100M
kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_MEMALLOC|__GFP_NOWARN as reserves
expect last == ENOMEM
expect /proc/meminfo:MemFree == 0
kernel: free_pages pages every=2
kernel: free_pages reserves every=2
kernel: drain_pages
echo "== fragmented =="
cat /proc/buddyinfo
expect /proc/meminfo:MemFree > 800M
dmesg -C
kernel: alloc_pages 3 gfp=GFP_KERNEL as big
expect last == ENOMEM
echo "== the kernel's report =="
dmesg
kernel: free_pages pages
kernel: free_pages reserves
kernel: drain_pages
echo "== after =="
cat /proc/buddyinfo
grep -E '^MemFree:' /proc/meminfo
