# SPDX-License-Identifier: GPL-2.0-only
# SLUB with Linux 7.0's per-CPU sheaves (mmsim.slub_sheaves=1): objects
# freed go to the CPU's main sheaf and stay "active" in /proc/slabinfo
# (in use from their slab's view, as Linux counts them) until
# kmem_cache_shrink flushes the sheaves back to the slabs.  Then the
# cache's totals are those of Linux 6.18's design after the same frees.
boot mem=512M nr_cpus=2 mmsim.slub_sheaves=1
kernel: kmem_cache_create demo 64 flags=no_merge
cat /sys/kernel/slab/demo/sheaf_capacity
cat /sys/kernel/slab/kmalloc-1k/sheaf_capacity
cat /sys/kernel/slab/demo/cpu_partial
kernel: kmem_cache_alloc demo 100 as d
grep -E '^demo ' /proc/slabinfo
kernel: kmem_cache_free d
grep -E '^demo ' /proc/slabinfo
expect /sys/kernel/slab/demo/objects > 0
kernel: kmem_cache_shrink demo
grep -E '^demo ' /proc/slabinfo
expect /sys/kernel/slab/demo/objects == 0
# slub_debug caches bypass the sheaves, as in Linux
boot mem=512M nr_cpus=2 mmsim.slub_sheaves=1 slub_debug=F,dbg
kernel: kmem_cache_create dbg 64 flags=no_merge
cat /sys/kernel/slab/dbg/sheaf_capacity
