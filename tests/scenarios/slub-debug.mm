# SPDX-License-Identifier: GPL-2.0-only
# slub_debug catches a buggy module.  Booted with slub_debug=FZPU (sanity
# checks, red zones, poisoning, owner tracking), SLUB checks every object
# it frees and hands out, and reports what it finds as Linux does (the
# "BUG cache (Not tainted): ..." report, the owner, hex dumps, the fix);
# the bad free is refused and the script goes on.
boot mem=256M nr_cpus=2 slub_debug=FZPU
dmesg -C
# 1. a write one byte past the end of a 64-byte object: into its red zone
kernel: kmalloc 64 as buf
kernel: write buf 64 1
kernel: read buf 48 32
kernel: kfree buf
expect last == EINVAL
dmesg -c
# 2. a double free
kernel: kmalloc 64 as obj
kernel: kfree obj keep
kernel: kfree obj
expect last == EINVAL
dmesg -c
# 3. a use after free: the freed object is poisoned (6b ... a5); a write
# into it is found when the object is handed out again
kernel: kmalloc 128 as old
kernel: kfree old keep
kernel: read old 0 128
kernel: write old 16 8 byte=0x41
kernel: kmalloc 128 as new
dmesg -c
# 4. a kmalloc of 60 bytes may not use the 4 bytes its kmalloc-64 object has
# left over: with owner tracking SLUB knows the size asked for
kernel: kmalloc 60 as short
kernel: write short 60 4 byte=0x42
kernel: kfree short
dmesg -c
# the machine goes on: the counters and every slab are consistent
kernel: kmalloc 64 100 as many
kernel: kfree many
expect last == 0
