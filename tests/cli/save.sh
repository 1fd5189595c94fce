# SPDX-License-Identifier: GPL-2.0-only
# save FILE[:KEY] as NAME and expect ... $NAME: comparing with an earlier value.
. "$(dirname "$0")/lib.sh"

case_ "a saved number compares with the value shown now, with any operator"
mm run -c 'boot mem=1G; kernel: drain_pages; save /proc/meminfo:MemFree as free; kernel: alloc_pages 3 10 as a; expect /proc/meminfo:MemFree < $free; expect /proc/meminfo:MemFree != $free; kernel: free_pages a; kernel: drain_pages; expect /proc/meminfo:MemFree == $free; expect /proc/meminfo:MemFree >= $free'
want_rc 0
want_no_err
end_case

case_ "a failing comparison shows the value found and the value saved"
mm run -c 'boot mem=1G; save /proc/meminfo:MemFree as free; kernel: alloc_pages 3 10 as a; expect /proc/meminfo:MemFree == $free'
want_rc 1
want_err '^-c:4: expect failed: /proc/meminfo:MemFree == \$free (found [0-9]* kB, saved [0-9]* kB)$'
end_case

case_ "whole files compare as text and a failure names the first line that differs"
mm run -c 'boot mem=1G; save /proc/buddyinfo as buddy; expect /proc/buddyinfo == $buddy; kernel: alloc_pages 3 10 as a; expect /proc/buddyinfo == $buddy; expect /proc/buddyinfo != $buddy'
want_rc 1
want_err '^-c:5: expect failed: /proc/buddyinfo == \$buddy (found line 2: "Node 0, zone    DMA32 .*", saved "Node 0, zone    DMA32 .*")$'
want_err_lines 1
end_case

case_ "text takes == and != only"
mm run -c 'save /proc/cmdline as cmd; expect /proc/sys/vm/swappiness < $cmd'
want_rc 1
want_err 'expect failed: /proc/sys/vm/swappiness < \$cmd (found 60, not numbers)'
end_case

case_ "a second save replaces the value, and values outlive boot"
mm run -c 'sysctl vm.swappiness=10; save /proc/sys/vm/swappiness as v; sysctl vm.swappiness=20; save /proc/sys/vm/swappiness as v; boot mem=1G; sysctl vm.swappiness=20; expect /proc/sys/vm/swappiness == $v'
want_rc 0
want_no_err
end_case

case_ "an unknown \$NAME, a bad name or a missing key is a script error"
mm run -c 'expect /proc/meminfo:MemFree == $nothing'
want_rc 2
want_err '^-c:1: expect: no value saved as "nothing" (expected save FILE\[:KEY\] as nothing before)$'
mm run -c 'save /proc/meminfo:MemFree as a/b'
want_rc 2
want_err '^-c:1: save: bad name "a/b"'
mm run -c 'save /proc/meminfo:NoSuchKey as x'
want_rc 2
want_err '^-c:1: save: /proc/meminfo has no key "NoSuchKey"'
mm run -c 'save /proc/meminfo:MemFree x'
want_rc 2
want_err '^-c:1: save: missing argument (expected save FILE\[:KEY\] as NAME'
end_case

done_
