# Strict overcommit (vm.overcommit_memory=2) refuses with ENOMEM the
# mapping that would take Committed_AS to the limit: __vm_enough_memory
# lets committed + pages stay below CommitLimit less min(total_vm / 32,
# user_reserve_kbytes) (the process is root: no admin reserve).
# commit_headroom is the largest such mapping at that line, computed on
# each side from its own /proc files, so 256M past it must fail and 256M
# short of it must succeed whatever else the host is doing.  MAP_NORESERVE
# does not help in mode 2; a read-only private mapping is not charged,
# and making it writable is.  The host is in mode 2 only between the two
# sysctl lines, a fraction of a millisecond (see README.md).
boot mem=2G
spawn p
sysctl vm.overcommit_memory=2
p: mmap over commit_headroom+256M
expect last == ENOMEM
p: mmap nr commit_headroom+256M noreserve
expect last == ENOMEM
p: mmap under commit_headroom-256M
p: munmap under
p: mmap ro commit_headroom+256M prot=r
p: mprotect ro rw
expect last == ENOMEM
p: munmap ro
sysctl vm.overcommit_memory=0
