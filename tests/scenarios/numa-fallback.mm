# SPDX-License-Identifier: GPL-2.0-only
# numa=fake=2: an allocation node 0 cannot satisfy falls back to node 1 in
# the zonelist's order and shows in numastat (numa_miss on the node that
# served it, numa_foreign on the node that was wanted).  With
# __GFP_THISNODE there is no fallback: the allocation fails instead.
boot mem=4G numa=fake=2
# boot already allocated on node 1 (SLUB's per-node structures): compare with that
save /sys/devices/system/node/node1/numastat:numa_hit as hit1
kernel: alloc_pages 10 600 node=0 gfp=GFP_KERNEL|__GFP_NOWARN as big
expect last == 0
cat /sys/devices/system/node/node0/numastat /sys/devices/system/node/node1/numastat
expect /sys/devices/system/node/node0/numastat:numa_foreign > 0
expect /sys/devices/system/node/node1/numastat:numa_miss > 0
expect /sys/devices/system/node/node1/numastat:numa_hit == $hit1
kernel: alloc_pages 10 600 node=0 gfp=GFP_KERNEL|__GFP_THISNODE|__GFP_NOWARN as local
expect last == ENOMEM
expect /sys/devices/system/node/node1/numastat:numa_miss == 121
cat /proc/buddyinfo
kernel: free_pages big
kernel: free_pages local
