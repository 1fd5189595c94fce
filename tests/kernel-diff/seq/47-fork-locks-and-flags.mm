# fork drops the locks: the child's VMAs lose VM_LOCKED (lo) and its
# address space MCL_FUTURE (its next mmap and brk are not locked: VmLck
# 0), while other flags (hg, gd, the accounting) are copied; the child's
# next mmap is placed below the growsdown VMA's guard gap; the parent
# stays locked for the future.  VmStk counts the growsdown mapping.
file /data/f 64K
spawn p
p: mmap a 16K locked
p: mlockall current future
p: mmap b 16K
p: mmap f 16K file=/data/f
p: mmap g 16K growsdown
p: madvise a hugepage
p: fork c
cat /proc/c/smaps
cat /proc/c/status
c: mmap d 16K
c: brk +16K
cat /proc/c/smaps
p: mmap e 16K
cat /proc/p/status
c: exit 3
p: wait c
