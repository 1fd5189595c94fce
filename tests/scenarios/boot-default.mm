# SPDX-License-Identifier: GPL-2.0-only
# No boot line: the first command that needs a machine boots the default
# one (mem=2G nr_cpus=2 transparent_hugepage=madvise).  Memory Linux
# reserves at boot (first page, low memory, kernel image, memmap) keeps
# MemTotal below the 2G of RAM.
cat /proc/cmdline
expect /proc/cmdline == "mem=2G nr_cpus=2 transparent_hugepage=madvise"
expect /proc/meminfo:MemTotal < 2G
expect /proc/meminfo:MemTotal > 1900M
expect /proc/meminfo:MemFree <= 2G
expect /proc/meminfo:MemFree > 1800M
expect /sys/devices/system/node/node0/meminfo:MemTotal < 2G
expect /proc/sys/vm/swappiness == 60
cat /proc/meminfo /proc/buddyinfo
ls /sys/devices/system/node
