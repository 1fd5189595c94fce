# Stray writes of up to 1M from actor objects over the kernel's own
# memory (slab objects of tasks and mms, page tables, the kernel image,
# kernel stacks): each is refused whole with -EPERM; the machine goes on.
spawn a
a: mmap buf 4M
a: write buf
kernel: kmalloc 1024 as x
kernel: kmalloc 64 gfp=GFP_DMA as d
kernel: kmalloc 16K as big
kernel: vmalloc 8K as v
kernel: write x[0] 0 1M byte=0xff
kernel: write x 1M 1M byte=0x6b
kernel: write d 0 1M
kernel: write d 16M 4K
kernel: write big 0 1M byte=0xcc
kernel: write v 0 1M
kernel: write v 12K 64
spawn b
a: write buf
b: mmap c 1M
b: write c
kernel: kfree x keep
spawn c
kernel: kfree x
kernel: kfree 0xffff888003451000
kernel: vfree v
kernel: kfree d
kernel: kfree big
