# SPDX-License-Identifier: GPL-2.0-only
# The language core: words and quoting, echo, sysctl, sizes in expect,
# durations, expect last, the kernel actor's bookkeeping, help.
. "$(dirname "$0")/lib.sh"

case_ "quotes group words and # starts a comment"
mm run -c "echo 'a  b' \"c \\\"d\\\"\" e\\ f # not this"
want_rc 0
want_out_is 'a  b c "d" e f'
end_case

case_ "# inside a word or quotes is text"
mm run -c "echo a#b '#c'"
want_out_is 'a#b #c'
end_case

case_ "echo without a redirection needs no machine and prints the text"
mm run -c 'echo hello world'
want_rc 0
want_out_is 'hello world'
end_case

case_ "echo VALUE > FILE writes; an unspaced > works too"
mm run -c 'echo 77 >/proc/sys/vm/swappiness; cat /proc/sys/vm/swappiness; expect last == 0'
want_rc 0
want_out_is '77'
end_case

case_ "sysctl KEY prints KEY = VALUE"
mm run -c 'sysctl vm.swappiness'
want_out_is 'vm.swappiness = 60'
end_case

case_ "sysctl KEY=VALUE writes and prints as sysctl(8)"
mm run -c 'sysctl vm.swappiness=100; cat /proc/sys/vm/swappiness; sysctl -n vm/swappiness'
want_rc 0
want_out_is "vm.swappiness = 100
100
100"
end_case

case_ "sysctl of a directory prints every key under it"
mm run -c 'sysctl vm'
want_rc 0
want_out '^vm.min_free_kbytes = [0-9][0-9]*$'
want_out '^vm.swappiness = 60$'
end_case

case_ "echo garbage leaves min_free_kbytes unchanged and sets last to EINVAL"
mm run -c 'sysctl -n vm.min_free_kbytes; echo garbage > /proc/sys/vm/min_free_kbytes; expect last == EINVAL; sysctl -n vm.min_free_kbytes'
want_rc 0
[ "$(sed -n 1p "$T/out")" = "$(sed -n 2p "$T/out")" ] || why_ "min_free_kbytes changed: $(tr '\n' ' ' <"$T/out")"
end_case

case_ "expect compares sizes in bytes and kB values as 1024 bytes"
mm run -c 'boot mem=2G; expect /proc/meminfo:MemTotal > 1G; expect /proc/meminfo:MemTotal < 2G; expect /proc/meminfo:MemTotal > 1048576kB; expect /proc/meminfo:MemTotal < 2097152kB; expect /proc/meminfo:MemTotal >= 1024M'
want_rc 0
want_no_err
end_case

case_ "expect with a bare number compares the number printed"
mm run -c 'boot mem=2G; expect /proc/meminfo:MemTotal > 1048576; expect /proc/meminfo:MemTotal < 2097152; expect /proc/sys/vm/swappiness == 60; expect /proc/sys/vm/swappiness != 61; expect /proc/sys/vm/swappiness <= 60; expect /proc/sys/vm/swappiness >= 60'
want_rc 0
want_no_err
end_case

case_ "expect sees through the Node N prefix of node files"
mm run -c 'expect /sys/devices/system/node/node0/meminfo:MemFree > 1G'
want_rc 0
want_no_err
end_case

case_ "expect compares text with == and !="
mm run -c 'expect /proc/cmdline != nothing; sysctl vm.swappiness=5; expect /proc/sys/vm/swappiness == 5'
want_rc 0
want_no_err
end_case

case_ "a failing text expect shows what it found"
mm run -c 'expect /proc/sys/vm/swappiness == sixty'
want_rc 1
want_err '^-c:1: expect failed: /proc/sys/vm/swappiness == sixty (found 60)$'
end_case

case_ "sleep takes 10us, 5ms, 2s, 1m, 1.5s and bare seconds"
mm run -c 'sleep 10us; sleep 5ms; sleep 2s; sleep 1m; sleep 1.5s; sleep 3'
want_rc 0
want_no_err
end_case

case_ "seed works before and after boot"
mm run -c 'seed 5; boot mem=1G; seed 6'
want_rc 0
end_case

case_ "alloc_pages prints one line; free_pages every=N frees positions 0, N, 2N"
mm run -c 'kernel: alloc_pages 0 10 as a; kernel: free_pages a every=3; kernel: free_pages a every=2; kernel: free_pages a'
want_rc 0
want_out_is "kernel: alloc_pages order=0 x10 gfp=GFP_KERNEL as a: ok (10 allocated)
kernel: free_pages a every=3: 4 freed (6 left)
kernel: free_pages a every=2: 3 freed (3 left)
kernel: free_pages a: 3 freed (0 left)"
end_case

case_ "a name is free again once its set is empty"
mm run -c 'kernel: alloc_pages 1 as a; kernel: free_pages a; kernel: alloc_pages 2 as a'
want_rc 0
end_case

case_ "a name in use is a script error"
mm run -c 'kernel: alloc_pages 1 as a; kernel: alloc_pages 1 as a'
want_rc 2
want_err '^-c:2: kernel: alloc_pages: name "a" is in use'
end_case

case_ "an allocation failure is reported, not fatal"
mm run -c 'boot mem=256M; kernel: alloc_pages 10 1000 gfp=GFP_KERNEL|__GFP_NOWARN as big; expect last == ENOMEM; echo goes on'
want_rc 0
want_out '^kernel: alloc_pages order=10 x1000 gfp=GFP_KERNEL|__GFP_NOWARN as big: -ENOMEM after [0-9][0-9]* ([0-9][0-9]* allocated)$'
want_out '^goes on$'
end_case

case_ "boot replaces the machine and forgets the kernel actor's sets"
mm run -c 'kernel: alloc_pages 0 as a; boot mem=1G; kernel: free_pages a'
want_rc 2
want_err '^-c:3: kernel: free_pages: no set named "a"'
end_case

case_ "dmesg -C clears the log for later dmesg"
mm run -c 'dmesg -C; dmesg'
want_rc 0
want_out_empty
end_case

case_ "the boot log is in dmesg"
mm run -c 'boot mem=1G; dmesg'
want_out 'Command line: mem=1G'
end_case

case_ "grep prints matching lines, -E, -F, -i, -v, FILE: prefixes"
mm run -c "grep -E '^Mem(Total|Free):' /proc/meminfo; grep -iF 'memfree:' /proc/meminfo; grep -c x /proc/meminfo"
want_rc 2
want_out '^MemTotal: '
want_out '^MemFree: '
[ "$(grep -c '^MemFree:' "$T/out")" -eq 2 ] || why_ "-iF did not find MemFree"
want_err "^-c:3: grep: invalid option -- 'c'"
mm run -c "grep -v : /proc/meminfo; grep MemTotal /proc/meminfo /sys/devices/system/node/node0/meminfo"
want_out '^/proc/meminfo:MemTotal: '
want_out '^/sys/devices/system/node/node0/meminfo:Node 0 MemTotal: '
[ "$(wc -l <"$T/out")" -eq 2 ] || why_ "grep -v : printed lines"
end_case

case_ "help lists every command"
mm run -c 'help'
want_rc 0
for c in boot sysctl seed sleep cat grep echo ls dmesg expect help 'kernel: alloc_pages' 'kernel: free_pages' 'kernel: drain_pages'; do
	want_out "^  $c"
done
end_case

case_ "help COMMAND explains it"
mm run -c 'help expect; help kernel; help alloc_pages'
want_out '^usage: expect FILE\[:KEY\] OP VALUE'
want_out '^usage: kernel: VERB'
want_out '^usage: kernel: alloc_pages ORDER'
end_case

done_
