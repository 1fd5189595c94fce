# Issue 5 part 3: real bytes and verify mode.  Each data kind fills the
# pages it writes; with verify on every read checks each page against
# what the process last wrote (zeros where it wrote nothing).  munmap,
# MAP_FIXED and exit drop the record.
boot mem=1G mmsim.verify=1
verify
spawn a
a: mmap buf 1M
a: write buf[0:256K] data=random seed=3
a: write buf[256K:512K] data=text seed=4
a: write buf[512K:768K] data=pattern
a: write buf[768K:1M] data=zero
verify
a: read buf
expect last == 0
a: read buf rand=500 seed=2
expect last == 0
a: write buf[0:64K]
a: read buf[0:64K]
expect last == 0
a: munmap buf[0:64K]
a: mmap again 64K fixed=0x7ffff7ec2000
a: read again
expect last == 0
a: mmap over 64K fixed=0x7ffff7ed2000
a: read over
expect last == 0
verify
a: exit
verify
# fork shares the pages copy-on-write and copies the record; each side's
# later writes stay its own; mremap moves pages and record together.
spawn p
p: mmap m 256K
p: write m data=random seed=9
p: fork c
c: read m
expect last == 0
c: write m[0:64K] data=pattern
p: write m[64K:128K] data=text seed=1
p: read m
expect last == 0
c: read m
expect last == 0
p: mremap m 1M maymove
p: read m
expect last == 0
verify
