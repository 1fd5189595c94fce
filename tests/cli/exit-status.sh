# SPDX-License-Identifier: GPL-2.0-only
# Exit statuses: 0 every expect held, 1 an expect failed, 2 script error.
. "$(dirname "$0")/lib.sh"

case_ "a script whose expects hold exits 0"
mm run -c 'expect /proc/meminfo:MemTotal > 1G; expect /proc/sys/vm/swappiness == 60'
want_rc 0
want_no_err
end_case

case_ "a failed expect exits 1, prints what it found, and the script goes on"
mm run -c 'expect /proc/meminfo:MemTotal < 1M; echo after'
want_rc 1
want_err '^-c:1: expect failed: /proc/meminfo:MemTotal < 1M (found [0-9][0-9]* kB)$'
want_out_is 'after'
end_case

case_ "a script error exits 2 and stops the script"
mm run -c 'echo before; frobnicate; echo after'
want_rc 2
want_out_is 'before'
want_err '^-c:2: unknown command "frobnicate"'
end_case

case_ "a script error after a failed expect still exits 2"
mm run -c 'expect /proc/meminfo:MemTotal < 1M; frobnicate'
want_rc 2
end_case

case_ "--validate passes on a healthy machine"
mm --validate run -c 'boot mem=1G; kernel: alloc_pages 3 10 as a; kernel: free_pages a every=2; kernel: drain_pages; kernel: free_pages a'
want_rc 0
want_no_err
end_case

case_ "an echo the kernel rejects is not a script error"
mm run -c 'echo garbage > /proc/sys/vm/min_free_kbytes; echo still here'
want_rc 0
want_err '^-c:1: echo: write error: Invalid argument$'
want_out_is 'still here'
end_case

case_ "a sysctl the kernel rejects is a script error"
mm run -c 'sysctl vm.min_free_kbytes=garbage; echo not reached'
want_rc 2
want_err '^-c:1: sysctl: setting key "vm.min_free_kbytes": Invalid argument'
want_no_out 'not reached'
end_case

done_
