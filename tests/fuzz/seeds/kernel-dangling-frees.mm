# Dangling frees after the kernel reused the memory: refused with EBUSY;
# double frees of the actor's own objects are reported as before.
kernel: kmalloc 32 64 as x
kernel: kmalloc 96 64 as y
kernel: kmem_cache_alloc dentry 16 as d
kernel: kfree x keep
kernel: kfree y every=2 keep
kernel: kmem_cache_free d keep
spawn a
spawn b
kernel: kfree x
kernel: kfree y
kernel: kmem_cache_free d
kernel: kmalloc 40 as r
kernel: kfree r keep
spawn c
kernel: krealloc r[0] 500
