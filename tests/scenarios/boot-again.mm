# SPDX-License-Identifier: GPL-2.0-only
# boot after other commands means a fresh machine: what the first machine
# did (an allocation, a sysctl) is gone.
boot mem=1G
sysctl vm.swappiness=10
kernel: alloc_pages 5 10 as a
boot mem=1G
sysctl vm.swappiness
expect /proc/sys/vm/swappiness == 60
kernel: alloc_pages 5 10 as a
kernel: free_pages a
