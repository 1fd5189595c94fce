# SPDX-License-Identifier: GPL-2.0-only
# fork and the madvise fork flags (Linux 6.18's dup_mmap): a VMA marked
# MADV_DONTFORK (VmFlags dc) is not copied to the child, one marked
# MADV_WIPEONFORK (wf) is copied without its pages and keeps the flag;
# the rest is copied as is.  MADV_DOFORK and MADV_KEEPONFORK clear the
# flags for the next fork.  (The three mappings are the maps lines at
# 0x7ffff7f52000-0x7ffff7fc2000, below the vDSO.)
boot mem=1G nr_cpus=2
spawn db
db: mmap keep 64K
db: mmap secret 128K prot=r
db: mmap wipe 256K
db: madvise secret dontfork
db: madvise wipe wipeonfork
grep -E '^7ffff7f[5-9ab]' /proc/db/maps
grep -E ' (dc|wf) ' /proc/db/smaps
db: fork child
echo "-- the child: no secret, wipe still marked wf"
grep -E '^7ffff7f[5-9ab]' /proc/child/maps
grep -E ' (dc|wf) ' /proc/child/smaps
db: madvise secret dofork
db: madvise wipe keeponfork
grep -E ' (dc|wf) ' /proc/db/smaps
db: fork child2
echo "-- after dofork and keeponfork the next child has them all"
save /proc/db/maps as parent_maps
expect /proc/child2/maps == $parent_maps
