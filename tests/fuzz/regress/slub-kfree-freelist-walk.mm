# Found by the fuzzer: freeing the 3.2 million 8-byte objects of `all` on
# the 64M machine took 3 s (11 s at mem=128M) and over the fuzz target's
# -timeout under ASan: the actor's double-free check
# (free_checked_already_free -> on_chain, mm/slub_debug.c) walked the
# slab's freelist and every CPU's for each object freed.  The actor now
# knows what it owns (kernel/kactor_guard.c) and frees its own live
# objects with the plain kfree; only a pointer it does not own is
# checked.  0.3 s in the normal build.
kernel: kmalloc 8 all as x
kernel: kfree x
