# KNOWN DISAGREEMENT (listed in docs/divergences.md; not in seq/ until
# shmem exists): a shared anonymous mapping is a shmem file on Linux:
#   maps names it "/dev/zero (deleted)" (mmsim: no name), and
#   strict overcommit charges it (shmem_acct_size -> __vm_enough_memory):
#   past commit_headroom it fails with ENOMEM on the host, mmsim maps it.
boot mem=2G
spawn p
p: mmap s 16K shared
cat /proc/p/maps
sysctl vm.overcommit_memory=2
p: mmap big commit_headroom+256M shared
sysctl vm.overcommit_memory=0
