# SPDX-License-Identifier: GPL-2.0-only
# expect-exit: 2
# A command without its argument says what it expected.
cat /proc/cmdline
expect /proc/meminfo:MemFree >
echo not reached
