# mremap of a locked mapping: growing in place, moving (growing while
# moving) and shrinking keep VM_LOCKED and move VmLck with the size;
# MREMAP_DONTUNMAP leaves the old VMA unlocked yet Linux still counts it
# in VmLck (locked_vm is not lowered for it), and mmsim must too; root
# (CAP_IPC_LOCK) locks past a lowered RLIMIT_MEMLOCK.
spawn p
p: mmap a 16K fixed=0x64000000 locked
p: mremap a 32K
cat /proc/p/status
p: mremap a 48K maymove fixed=0x64100000
p: mremap a 8K
cat /proc/p/smaps
cat /proc/p/status
p: mremap a 8K maymove dontunmap as b
cat /proc/p/smaps
cat /proc/p/status
p: prlimit memlock 16K
p: mlock2 0x64100000 8K onfault
p: mmap c 32K locked
