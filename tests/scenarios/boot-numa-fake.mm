# SPDX-License-Identifier: GPL-2.0-only
# numa=fake=2 splits RAM into two nodes, each with its own zones and node
# files in sysfs.
boot mem=4G numa=fake=2
cat /proc/buddyinfo
ls /sys/devices/system/node
cat /sys/devices/system/node/node0/distance /sys/devices/system/node/node1/distance
expect /sys/devices/system/node/node0/meminfo:MemTotal > 1G
expect /sys/devices/system/node/node1/meminfo:MemTotal > 1G
cat /sys/devices/system/node/node1/meminfo
