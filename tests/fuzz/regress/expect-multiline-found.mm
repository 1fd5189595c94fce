# expect on a whole multi-line file that fails printed the whole file:
# every line after the first had no FILE:LINE.
expect /proc/meminfo == x
expect /proc/buddyinfo != x
