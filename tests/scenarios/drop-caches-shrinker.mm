# SPDX-License-Identifier: GPL-2.0-only
# drop_caches=2 calls the shrinkers.  A cache of reclaimable objects
# (SLAB_RECLAIM_ACCOUNT: its slabs count in SReclaimable) is filled by the
# kernel actor, whose shrinker "kactor-cached" holds the objects as a
# dentry or inode cache holds unused ones; echo 2 > drop_caches asks every
# shrinker to free what it can, and the objects and their slabs go.
boot mem=512M nr_cpus=2
kernel: kmem_cache_create testobj 256 flags=reclaim_account
kernel: kmem_cache_alloc testobj 20000 as cached reclaimable
kernel: kmem_cache_alloc testobj 100 as pinned
grep -E '^(Slab|SReclaimable|SUnreclaim):' /proc/meminfo
grep -E '^testobj ' /proc/slabinfo
expect /proc/meminfo:SReclaimable > 4M
save /proc/vmstat:slabs_scanned as scanned
echo 2 > /proc/sys/vm/drop_caches
grep -E '^(Slab|SReclaimable|SUnreclaim):' /proc/meminfo
grep -E '^testobj ' /proc/slabinfo
grep -E '^(slabs_scanned|drop_slab) ' /proc/vmstat
expect /proc/vmstat:drop_slab == 1
expect /proc/vmstat:slabs_scanned > $scanned
expect /proc/meminfo:SReclaimable < 1M
# the shrinker freed them all; the pinned objects were not its to free
kernel: kmem_cache_free cached
kernel: kmem_cache_free pinned
kernel: kmem_cache_shrink testobj
kernel: kmem_cache_destroy testobj
expect /proc/meminfo:SReclaimable == 0kB
