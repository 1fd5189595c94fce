# Issue 5 part 4: writing 64M of private anonymous memory faults in
# 16384 4K pages (no THP: transparent_hugepage=madvise and no
# MADV_HUGEPAGE), VmRSS +64M, PageTables +136 kB (32 PTE tables, a PMD
# and a PUD); a read maps the zero page; a write to read-only memory is
# SIGSEGV (dmesg's segfault line); exit gives everything back.
spawn a
a: mmap buf 64M
kernel: drain_pages
cat /proc/meminfo
a: write buf
cat /proc/a/status
cat /proc/a/statm
cat /proc/meminfo
a: write buf[0:1M]
a: mmap z 1M
a: read z
a: write z
a: mprotect z r
a: read z
spawn b
b: mmap ro 8K prot=r
b: read ro
b: write ro
expect last == EFAULT
a: exit
kernel: drain_pages
cat /proc/meminfo
dmesg
