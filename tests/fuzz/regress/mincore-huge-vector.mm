# mincore over the whole user address space: the front end allocated a
# LEN/4096-byte vector on the host (32G) before the kernel refused the range.
spawn a
a: mincore 0 0x7ffffffff000
expect last == ENOMEM
