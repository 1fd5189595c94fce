# SPDX-License-Identifier: GPL-2.0-only
# The kernel actor: counts, orders, flags, nodes and CPUs, partial frees.
boot mem=1G nr_cpus=2
kernel: alloc_pages 0 as one
kernel: alloc_pages 0 100 as hundred
kernel: alloc_pages 3 10 gfp=GFP_KERNEL|__GFP_ZERO as zeroed
kernel: alloc_pages 0 10 gfp=GFP_ATOMIC cpu=1 as atomic
kernel: alloc_pages 2 5 gfp=GFP_DMA as dma
kernel: alloc_pages 1 5 gfp=GFP_HIGHUSER_MOVABLE node=0 as movable
kernel: alloc_pages 10 as max_order
expect last == 0
kernel: free_pages hundred every=10
kernel: free_pages hundred every=3
kernel: free_pages hundred
kernel: free_pages one
kernel: free_pages zeroed
kernel: free_pages atomic
kernel: free_pages dma
kernel: free_pages movable
kernel: free_pages max_order
kernel: drain_pages
expect last == 0
