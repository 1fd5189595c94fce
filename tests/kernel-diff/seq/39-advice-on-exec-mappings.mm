# Advice, locking and msync on the mappings exec made.  The vDSO pages
# ([vvar] VM_IO|VM_PFNMAP, [vdso] VM_DONTEXPAND) refuse dofork (VM_IO),
# dodump, dontneed, free, cold and pageout (VM_PFNMAP), remove,
# populate and collapse with EINVAL, and take dontfork, hugepage,
# mergeable (KSM leaves them alone), wipeonfork, willneed and
# dontneed_locked; the file-backed text refuses wipeonfork and free;
# mlock passes over the special mappings; text, bss and stack split as
# any VMA does (lo, dd, nh in VmFlags).  MADV_REMOVE on the text is in
# known/madvise-unmodelled.mm.
spawn p
p: madvise 0x7ffff7ff7000 16K dontfork
p: madvise 0x7ffff7ff7000 16K dofork
p: madvise 0x7ffff7ffd000 8K dontfork
p: madvise 0x7ffff7ffd000 8K hugepage
p: madvise 0x7ffff7ffd000 8K mergeable
p: madvise 0x7ffff7ff7000 16K mergeable
p: madvise 0x7ffff7ff7000 16K dontneed
p: madvise 0x7ffff7ff7000 16K wipeonfork
p: madvise 0x401000 64K wipeonfork
p: madvise 0x401000 64K dontdump
p: madvise 0x7ffff7ffd000 8K dodump
p: madvise 0x7ffff7ff7000 16K dodump
p: madvise 0x7ffffffde000 8K nohugepage
p: madvise 0x417000 8K free
p: madvise 0x401000 4K free
p: madvise 0x7ffff7ff7000 16K free
p: madvise 0x7ffff7ff7000 16K cold
p: madvise 0x7ffff7ff7000 16K pageout
p: madvise 0x7ffff7ff7000 16K willneed
p: madvise 0x7ffff7ff7000 16K remove
p: madvise 0x417000 8K remove
p: madvise 0x7ffff7ff7000 16K populate_read
p: madvise 0x7ffff7ffd000 8K populate_write
p: madvise 0x7ffff7ffd000 8K collapse
p: madvise 0x7ffff7ffd000 8K dontneed_locked
p: mlock 0x7ffff7ff7000 24K
p: mlock 0x401000 8K
p: msync 0x401000 8K sync
p: msync 0x7ffff7ff7000 8K invalidate
p: mincore 0x7ffff7ff7000 16K
cat /proc/p/smaps
