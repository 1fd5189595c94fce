# SPDX-License-Identifier: GPL-2.0-only
# Executables are real ELF files.  spawn NAME runs /usr/bin/NAME, made as a
# dynamically linked PIE shaped as Debian's /usr/bin/cat when missing,
# with its loader /lib64/ld-linux-x86-64.so.2: the binary at
# ELF_ET_DYN_BASE (0x555555554000), the loader top-down under mmap_base,
# the vDSO below it, the stack, and the [vsyscall] gate; the same lines
# as the 6.18 host shows for cat stopped at exec under setarch -R (ld.so
# has not yet run: no libc, no RELRO r--p split, no heap).  smaps and
# smaps_rollup have every key of the capture; the page counts are 0 until
# paging.  A static binary (elf=static) maps its bss as anonymous memory
# and its heap follows it; SIZE grows the text; a file that is not ELF
# fails with ENOEXEC.
boot mem=1G nr_cpus=2
spawn cat
cat /proc/cat/maps
grep -E '^(Size|KernelPageSize|Rss|Locked|THPeligible|VmFlags):' /proc/cat/smaps
cat /proc/cat/smaps_rollup
cat /proc/cat/stat
cat /proc/cat/statm
file /usr/bin/st elf=static
spawn st
st: brk +12K
cat /proc/st/maps
file /usr/bin/big 1M elf=pie
spawn big
cat /proc/big/maps
stat /usr/bin/big /lib64/ld-linux-x86-64.so.2
file /usr/bin/junk 64K data=text
spawn junk
expect last == ENOEXEC
ps
