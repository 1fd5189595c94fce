# boot mem=062M (octal: 50M) booted, and free_initmem freed the kernel
# image's init pages past the end of the memmap (ASan heap-buffer-overflow
# in ClearPageReserved): mem=47M..51M held no room for the whole image.
boot mem=062M
boot mem=50M
