# SPDX-License-Identifier: GPL-2.0-only
# The kernel actor's kernel-memory verbs: kmalloc/kfree, slab caches,
# vmalloc/vfree, stray writes and reads, reclaimable groups; their output
# lines, their events and their script errors.
. "$(dirname "$0")/lib.sh"

case_ "kmalloc prints one line with the address, or how many were allocated"
mm run -c 'kernel: kmalloc 64 as one; kernel: kmalloc 100 10 gfp=GFP_KERNEL|__GFP_ZERO node=0 as ten; expect last == 0'
want_rc 0
want_out '^kernel: kmalloc size=64 x1 gfp=GFP_KERNEL as one: ok (0xffff888[0-9a-f]*)$'
want_out '^kernel: kmalloc size=100 x10 gfp=GFP_KERNEL|__GFP_ZERO node=0 as ten: ok (10 allocated)$'
end_case

case_ "kmalloc until failure is an event, not a script error"
mm run -c 'boot mem=256M; kernel: kmalloc 8K all gfp=GFP_KERNEL|__GFP_NOWARN as all; expect last == ENOMEM; kernel: kfree all; echo goes on'
want_rc 0
want_out '^kernel: kmalloc size=8192 xall gfp=GFP_KERNEL|__GFP_NOWARN as all: -ENOMEM after [0-9]* ([0-9]* allocated)$'
want_out '^kernel: kfree all: [0-9]* freed (0 left)$'
want_out '^goes on$'
end_case

case_ "kfree every=N frees positions 0, N, 2N and keeps the rest"
mm run -c 'kernel: kmalloc 32 10 as a; kernel: kfree a every=3; kernel: kfree a every=2; kernel: kfree a'
want_rc 0
want_out_is "kernel: kmalloc size=32 x10 gfp=GFP_KERNEL as a: ok (10 allocated)
kernel: kfree a every=3: 4 freed (6 left)
kernel: kfree a every=2: 3 freed (3 left)
kernel: kfree a: 3 freed (0 left)"
end_case

case_ "kfree keep leaves dangling pointers: the second kfree is a refused double free"
mm run -c 'kernel: kmalloc 64 as p; kernel: kfree p keep; expect last == 0; kernel: kfree p; expect last == EINVAL; dmesg'
want_rc 0
want_out '^kernel: kfree p keep: 1 freed (1 left)$'
want_out '^kernel: kfree p: 0 freed, 1 refused (-EINVAL, see dmesg) (0 left)$'
want_out 'BUG kmalloc-64 (Not tainted): Object already free'
want_out 'FIX kmalloc-64: Object at 0x[0-9a-f]* not freed'
end_case

case_ "a double free deep in the freelist (no slub_debug) is refused, nothing is handed out twice, Slab comes back"
mm run --validate -c 'boot mem=256M; save /proc/meminfo:Slab as slab0; kernel: kmalloc 64 2 as a; kernel: kfree a keep; kernel: kfree a; kernel: kmalloc 64 200 as b; kernel: kfree b; echo 1 > /sys/kernel/slab/kmalloc-64/shrink; expect /proc/meminfo:Slab == $slab0'
want_rc 0
want_out '^kernel: kfree a: 0 freed, 2 refused (-EINVAL, see dmesg) (0 left)$'
want_out '^kernel: kfree b: 200 freed (0 left)$'
end_case

case_ "a set frees into its own cache: destroyed with objects left (leaked) or re-created under its name"
mm run --validate -c 'kernel: kmem_cache_create foo 100; kernel: kmem_cache_alloc foo 3 as x; kernel: kmem_cache_destroy foo; kernel: kmem_cache_create foo 100; kernel: kmem_cache_alloc foo 2 as y; kernel: kmem_cache_free x; expect last == 0; kernel: kmem_cache_free y; expect last == 0; dmesg'
want_rc 0
want_out '^kernel: kmem_cache_free x: 3 freed (0 left)$'
want_out '^kernel: kmem_cache_free y: 2 freed (0 left)$'
want_no_out 'Wrong slab cache'
end_case

case_ "a free into a cache destroyed empty is -ENOENT with a message, even when the name is reused"
mm run --validate -c 'kernel: kmem_cache_create bar 64; kernel: kmem_cache_alloc bar 2 as z; kernel: kmem_cache_free z keep; kernel: kmem_cache_destroy bar; kernel: kmem_cache_create bar 64; kernel: kmem_cache_free z; expect last == ENOENT'
want_rc 0
want_out '^kernel: kmem_cache_free z: 0 freed, 2 refused (-ENOENT: cache "bar" was destroyed, its objects with it) (0 left)$'
end_case

case_ "kzalloc zeroes, ksize prints the class, krealloc stays in place or moves and the entry follows"
mm run --validate -c 'kernel: kmalloc 128 as dirty; kernel: write dirty 0 128 byte=0x5a; kernel: kfree dirty; kernel: kzalloc 100 as z; kernel: read z 0 16; kernel: ksize z[0]; kernel: krealloc z[0] 120; kernel: krealloc z[0] 300; kernel: ksize z[0]; kernel: write z 0 300; kernel: krealloc z[0] 0; kernel: kfree z'
want_rc 0
want_out '^kernel: kzalloc size=100 x1 gfp=GFP_KERNEL as z: ok (0x'
want_out '^ffff888[0-9a-f]*: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  \.\.\.\.'
want_out '^kernel: ksize z\[0\]: 128 (0x'
want_out '^kernel: krealloc z\[0\] size=120 gfp=GFP_KERNEL: ok in place (0x'
want_out '^kernel: krealloc z\[0\] size=300 gfp=GFP_KERNEL: ok moved (0x[0-9a-f]* -> 0x[0-9a-f]*)$'
want_out '^kernel: ksize z\[0\]: 512 (0x'
want_out '^kernel: write z\[0\] offset=0 len=300 byte=0x00: ok'
want_out '^kernel: krealloc z\[0\] size=0 gfp=GFP_KERNEL: ok (freed; ZERO_SIZE_PTR)$'
want_out '^kernel: kfree z: 1 freed (0 left)$'
end_case

case_ "krealloc of a freed object is refused and reported; bad krealloc words are script errors"
mm run --validate -c 'kernel: kmalloc 64 as p; kernel: kfree p keep; kernel: krealloc p[0] 200; expect last == EINVAL; dmesg'
want_rc 0
want_out '^kernel: krealloc p\[0\] size=200 gfp=GFP_KERNEL: -EINVAL (refused, see dmesg)$'
want_out 'BUG kmalloc-64 (Not tainted): Object already free'
mm run -c 'kernel: kmalloc 64 as p; kernel: krealloc p[3] 200'
want_rc 2
want_err 'p\[3\] does not exist'
end_case

case_ "kfree of raw addresses: a live object is freed, interior, freed and garbage addresses are refused, never a crash"
mm run --validate -c 'kernel: kmalloc 64 2 as a; kernel: kfree 0xffff888003451000; expect last == 0; kernel: kfree 0xffff888003451000; expect last == EINVAL; kernel: kfree 0xffff888003451050; expect last == EINVAL; kernel: kfree 0x1234; expect last == EINVAL; kernel: kfree 0xffff888000000000; kernel: kfree 0xffffffffffffffff; dmesg'
want_rc 0
want_out '^kernel: kfree 0xffff888003451000: ok$'
want_out '^kernel: kfree 0xffff888003451000: -EINVAL (refused, see dmesg)$'
want_out '^kernel: kfree 0xffff888003451050: -EINVAL (refused, see dmesg)$'
want_out '^kernel: kfree 0x1234: -EINVAL (refused: not a kernel direct-map address of simulated RAM)$'
want_out '^kernel: kfree 0xffffffffffffffff: -EINVAL (refused: not a kernel direct-map address'
want_out 'Invalid object pointer 0xffff888003451050'
want_out 'page dumped because: Not a kmalloc allocation'
end_case

case_ "a name in use names the verb that frees it"
mm run -c 'kernel: vmalloc 4K as a; kernel: kmalloc 64 as a'
want_rc 2
want_err '^-c:2: kernel: kmalloc: name "a" is in use (expected a new name, or kernel: vfree a first)$'
mm run -c 'kernel: kmalloc 64 as a; kernel: alloc_pages 0 as a'
want_rc 2
want_err '^-c:2: kernel: alloc_pages: name "a" is in use (expected a new name, or kernel: kfree a first)$'
end_case

case_ "each set is freed by its own verb; kfree also takes a kmem_cache_alloc set"
mm run -c 'kernel: vmalloc 4K as v; kernel: kfree v'
want_rc 2
want_err '^-c:2: kernel: kfree: "v" holds what vmalloc allocated (expected kernel: vfree v)$'
mm run -c 'kernel: kmalloc 8 as k; kernel: free_pages k'
want_rc 2
want_err '^-c:2: kernel: free_pages: "k" holds what kmalloc allocated (expected kernel: kfree k)$'
mm run -c 'kernel: kmem_cache_alloc kmalloc-64 3 as s; kernel: kfree s'
want_rc 0
want_out '^kernel: kfree s: 3 freed (0 left)$'
end_case

case_ "kmem_cache_create, alloc, free, shrink and destroy"
mm run -c 'kernel: kmem_cache_create foo 100 align=8 flags=SLAB_HWCACHE_ALIGN|account ctor; kernel: kmem_cache_alloc foo 50 as f; kernel: kmem_cache_free f every=2; kernel: kmem_cache_free f; kernel: kmem_cache_shrink foo; kernel: kmem_cache_destroy foo; expect last == 0'
want_rc 0
want_out_is "kernel: kmem_cache_create foo size=100 align=8 flags=SLAB_HWCACHE_ALIGN|account ctor: ok
kernel: kmem_cache_alloc foo x50 gfp=GFP_KERNEL as f: ok (50 allocated)
kernel: kmem_cache_free f every=2: 25 freed (25 left)
kernel: kmem_cache_free f: 25 freed (0 left)
kernel: kmem_cache_shrink foo: ok
kernel: kmem_cache_destroy foo: ok"
end_case

case_ "bad cache arguments are script errors that say what was expected"
mm run -c 'kernel: kmem_cache_create foo 100 flags=hwcache_align|sparkly'
want_rc 2
want_err '^-c:1: kernel: kmem_cache_create: unknown slab flag "sparkly" (expected SLAB_\* names'
mm run -c 'kernel: kmem_cache_create foo 0'
want_rc 2
want_err 'size 0 is out of range (expected 1 to 4194304)'
mm run -c 'kernel: kmem_cache_create foo 64 align=48'
want_rc 2
want_err 'align=48 is not a power of two'
mm run -c 'kernel: kmem_cache_create a/b 64'
want_rc 2
want_err 'bad cache name "a/b"'
mm run -c 'kernel: kmem_cache_create dentry 64'
want_rc 2
want_err '^-c:1: kernel: kmem_cache_create: a cache named "dentry" exists'
mm run -c 'kernel: kmem_cache_alloc nosuch as x'
want_rc 2
want_err '^-c:1: kernel: kmem_cache_alloc: no cache named "nosuch"'
mm run -c 'kernel: kmem_cache_destroy task_struct'
want_rc 2
want_err '^-c:1: kernel: kmem_cache_destroy: "task_struct" is the kernel.s own cache'
mm run -c 'kernel: kmem_cache_shrink nosuch'
want_rc 2
want_err '^-c:1: kernel: kmem_cache_shrink: no cache named "nosuch"'
end_case

case_ "destroying a cache with objects left keeps its slabs and logs Linux's report"
mm run -c 'kernel: kmem_cache_create leaky 128; kernel: kmem_cache_alloc leaky 5 as l; kernel: kmem_cache_destroy leaky; dmesg'
want_rc 0
want_out '^kernel: kmem_cache_destroy leaky: ok$'
want_out 'Objects remaining'
end_case

case_ "write past an object's end is allowed; outside memory it is -EFAULT"
mm run -c 'kernel: kmalloc 64 as b; kernel: write b 64 1 byte=0x41; kernel: read b 64 1; kernel: vmalloc 4K as v; kernel: write v 4K 1; expect last == EFAULT'
want_rc 0
want_out '^kernel: write b\[0\] offset=64 len=1 byte=0x41: ok (0xffff888[0-9a-f]*)$'
want_out '^ffff888[0-9a-f]*: 41                                               A$'
want_out '^kernel: write v\[0\] offset=4096 len=1 byte=0x00: -EFAULT (0xffffc90[0-9a-f]* is not in simulated memory)$'
end_case

case_ "read prints a hex dump, 16 bytes a line"
mm run -c 'kernel: kmalloc 64 gfp=GFP_KERNEL|__GFP_ZERO as z; kernel: write z 3 2 byte=0x61; kernel: read z 0 20'
want_rc 0
want_out '^kernel: read z\[0\] offset=0 len=20: ok$'
want_out '^ffff888[0-9a-f]*0: 00 00 00 61 61 00 00 00 00 00 00 00 00 00 00 00  \.\.\.aa\.\.\.\.\.\.\.\.\.\.\.$'
want_out '^ffff888[0-9a-f]*0: 00 00 00 00                                      \.\.\.\.$'
end_case

case_ "bad targets of write and read are script errors"
mm run -c 'kernel: kmalloc 64 2 as b; kernel: write b[2] 0 1'
want_rc 2
want_err '^-c:2: kernel: write: b\[2\] does not exist (expected an INDEX below 2)$'
mm run -c 'kernel: alloc_pages 0 as p; kernel: read p 0 1'
want_rc 2
want_err 'holds pages'
mm run -c 'kernel: kmalloc 64 as b; kernel: write b 0 0'
want_rc 2
want_err 'bad OFFSET or LEN'
end_case

case_ "a reclaimable group is freed by drop_caches, through its shrinker"
mm run -c 'kernel: kmem_cache_create rc 128 flags=reclaim_account; kernel: kmem_cache_alloc rc 1000 as g reclaimable; kernel: write g[999] 0 1; echo 2 > /proc/sys/vm/drop_caches; kernel: kmem_cache_free g; kernel: kmem_cache_destroy rc; dmesg'
want_rc 0
want_out '^kernel: kmem_cache_alloc rc x1000 gfp=GFP_KERNEL as g reclaimable: ok (1000 allocated)$'
want_out '^kernel: kmem_cache_free g: 0 freed (0 left)$'
want_no_out 'Objects remaining'
end_case

case_ "a reclaimable group can be freed by the script, and keep is refused for it"
mm run -c 'kernel: kmem_cache_alloc dentry 10 as d reclaimable; kernel: kmem_cache_free d every=2; kernel: kmem_cache_free d keep'
want_rc 2
want_out '^kernel: kmem_cache_free d every=2: 5 freed (5 left)$'
want_err '^-c:3: kernel: kmem_cache_free: keep is not possible for the reclaimable group "d"'
end_case

case_ "boot forgets the sets and groups of the old machine"
mm run -c 'kernel: kmem_cache_alloc dentry 10 as d reclaimable; boot mem=1G; kernel: kmem_cache_free d'
want_rc 2
want_err '^-c:3: kernel: kmem_cache_free: no set named "d"'
end_case

case_ "a write over the kernel's own structures is refused whole, and mmsim goes on"
# kernel: write x[0] 0 1M used to run over mm_structs and page tables:
# the next fault of a segfaulted in mmu_walk
mm run --validate -c 'boot mem=256M; spawn a; a: mmap buf 4M; a: write buf; kernel: kmalloc 1024 as x; kernel: write x[0] 0 1M byte=0xff; expect last == EPERM; spawn b; a: write buf; kernel: read x 0 16'
want_rc 0
want_out '^kernel: write x\[0\] offset=0 len=1048576 byte=0xff: -EPERM (refused: 0xffff888[0-9a-f]* is a live [a-z_0-9-]* object mmsim uses; Linux would oops)$'
want_out '^a: write buf 0x7ffff7a00000-0x7ffff7e00000: 1024 pages, 0 minor faults$'
want_out '^ffff888003484000: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  '
end_case

case_ "a write reaching a kernel stack (vmalloc) is refused, the actor's own area is not"
mm run --validate -c 'boot mem=256M; kernel: vmalloc 8K as v; kernel: write v 0 8K byte=0x41; expect last == 0; spawn a; kernel: write v 12K 1; expect last == EPERM'
want_rc 0
want_out '^kernel: write v\[0\] offset=0 len=8192 byte=0x41: ok'
want_out '^kernel: write v\[0\] offset=12288 len=1 byte=0x00: -EPERM (refused: 0xffffc90[0-9a-f]* is a live vmalloc area (kernel_clone) mmsim uses; Linux would oops)$'
end_case

case_ "a dangling kfree of memory the kernel reused is refused with EBUSY"
# kfree x freed the page array and vm_struct of a's kernel stack:
# --validate failed "vmalloc area ...: page 2 is not in its page array"
mm run --validate -c 'boot mem=256M; kernel: kmalloc 32 as x; kernel: kmalloc 96 as y; kernel: kfree x keep; kernel: kfree y keep; spawn a; kernel: kfree x; expect last == EBUSY; kernel: kfree y; kernel: kfree 0xffff88800344a020; expect last == EBUSY; kernel: kmalloc 64 as z; kernel: kfree z keep; kernel: kfree z; expect last == EINVAL; dmesg'
want_rc 0
want_out '^kernel: kfree x: 0 freed, 1 refused (-EBUSY: live objects the actor does not own, see dmesg) (0 left)$'
want_out '^kernel: kfree 0xffff88800344a020: -EBUSY (refused: a live object the actor does not own, see dmesg)$'
want_out 'kactor: kfree(0xffff88800344a020): a live kmalloc-32 object the actor does not own: refused (on Linux a use-after-free would follow)$'
want_out 'kactor: kfree(0xffff888003449060): a live kmalloc-96 object the actor does not own: refused'
want_out '^kernel: kfree z: 0 freed, 1 refused (-EINVAL, see dmesg) (0 left)$'
want_out 'Object already free'
end_case

case_ "the actor frees millions of its own objects without a freelist walk each"
mm run -c 'boot mem=64M; kernel: kmalloc 8 all as x; kernel: kfree x; expect last == 0'
want_rc 0
want_out '^kernel: kfree x: [0-9]* freed (0 left)$'
end_case

case_ "help lists the kernel-memory verbs"
mm run -c 'help'
for c in kmalloc kfree kmem_cache_create kmem_cache_alloc kmem_cache_free kmem_cache_shrink kmem_cache_destroy vmalloc vfree write read save; do
	want_out "^  \(kernel: \)\?$c"
done
mm run -c 'help kmalloc; help write'
want_out '^usage: kernel: kmalloc SIZE'
want_out '^usage: kernel: write NAME\[INDEX\] OFFSET LEN'
end_case

done_
