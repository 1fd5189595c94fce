# SPDX-License-Identifier: GPL-2.0-only
# movablecore= sets memory aside for ZONE_MOVABLE.
boot mem=4G movablecore=1G
cat /proc/buddyinfo
grep -E '^Node|^ +(present|managed) ' /proc/zoneinfo
