# SPDX-License-Identifier: GPL-2.0-only
# Writing garbage into a sysctl: the kernel answers EINVAL, as Linux does,
# nothing changes, and the script goes on (the echo write error is on
# stderr).  The two dumps of each file in the golden output are equal.
boot mem=2G
sysctl vm.min_free_kbytes
grep -E '^Node|^ +(min|low|high) ' /proc/zoneinfo
cat /proc/meminfo
echo garbage > /proc/sys/vm/min_free_kbytes
expect last == EINVAL
echo -1 > /proc/sys/vm/min_free_kbytes
expect last == EINVAL
echo "" > /proc/sys/vm/min_free_kbytes
expect last == EINVAL
sysctl vm.min_free_kbytes
grep -E '^Node|^ +(min|low|high) ' /proc/zoneinfo
cat /proc/meminfo
