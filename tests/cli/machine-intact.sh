# SPDX-License-Identifier: GPL-2.0-only
# Bad input leaves the machine intact: tests/scenarios/bad-echo-min-free-kbytes.mm
# dumps min_free_kbytes, the watermarks and /proc/meminfo before and after
# writing garbage; both halves must be byte for byte equal.
. "$(dirname "$0")/lib.sh"

case_ "echo garbage > /proc/sys/vm/min_free_kbytes changes nothing"
mm --validate run tests/scenarios/bad-echo-min-free-kbytes.mm
want_rc 0
want_err 'echo: write error: Invalid argument$'
awk '/^vm.min_free_kbytes = / { n++ } n == 1' "$T/out" >"$T/before"
awk '/^vm.min_free_kbytes = / { n++ } n == 2' "$T/out" >"$T/after"
[ -s "$T/before" ] || why_ "no dump before"
grep -q '^MemFree:' "$T/before" || why_ "no MemFree in the dump"
cmp -s "$T/before" "$T/after" || why_ "the machine changed: $(diff "$T/before" "$T/after" | grep -m1 '^[<>]')"
end_case

case_ "a failed boot keeps the old machine in the shell"
mm_in 'boot mem=1G
sysctl vm.swappiness=7
boot mem=abc
sysctl vm.swappiness
'
want_rc 0
want_err '^<stdin>:3: boot: mem=abc'
want_out '^vm.swappiness = 7$'
[ "$(grep -c 'vm.swappiness = 7' "$T/out")" -eq 2 ] || why_ "the machine was replaced by a failed boot"
end_case

done_
