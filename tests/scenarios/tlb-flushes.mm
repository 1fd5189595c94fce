# TLB flushes where Linux does them, counted as a CONFIG_DEBUG_TLBFLUSH
# kernel counts them in /proc/vmstat (mmsim.debug_tlbflush=1).
boot mem=1G nr_cpus=2 mmsim.debug_tlbflush=1
spawn a cpu=0
spawn b cpu=1
a: mmap buf 256K
a: write buf
# munmap of 4 written pages: 4 INVLPGs on CPU 0
a: munmap buf[0:16K]
# mprotect read-only of 4 pages: 4 more
a: mprotect buf[16K:32K] r
# 56 pages: over the 33-page ceiling, one full flush
a: mprotect buf[32K:256K] r
# fork flushes the parent's whole TLB (b on CPU 1)
b: fork c
cat /proc/interrupts
expect /proc/vmstat:nr_tlb_local_flush_one == 8
expect /proc/vmstat:nr_tlb_local_flush_all == 2
expect /proc/vmstat:nr_tlb_remote_flush == 0
# 5-level paging is off: a hint above 47 bits is not taken
a: mmap hi 64K hint=0x4000000000000
# with 5-level paging it is: the page tables there cost a P4D table more
boot mem=1G mmsim.la57=1
spawn a
a: mmap hi 64K hint=0x4000000000000
a: write hi
expect /proc/a/status:VmPTE == 12
a: munmap hi
