# SPDX-License-Identifier: GPL-2.0-only
# The acceptance line of issue 2: an 8G, 4-CPU machine shows zones DMA,
# DMA32 and Normal on node 0 in buddyinfo, zoneinfo and meminfo.
boot mem=8G nr_cpus=4
cat /proc/buddyinfo /proc/zoneinfo /proc/meminfo
expect /proc/meminfo:MemTotal > 7G
expect /proc/meminfo:MemTotal < 8G
expect /proc/vmstat:nr_free_pages > 1700000
