# SPDX-License-Identifier: GPL-2.0-only
# Issue 2's fragmentation acceptance, checked from the output of
# tests/scenarios/frag-order3.mm: order-3 fails with Linux's report while
# MemFree is large, and freeing everything restores buddyinfo and MemFree
# exactly (the "before" and "after" dumps are byte for byte equal).
. "$(dirname "$0")/lib.sh"

# section NAME: the lines after "== NAME ==" up to the next "== " line
section() { awk -v h="== $1 ==" '$0 == h { on = 1; next } /^== / { on = 0 } on' "$T/out"; }

case_ "order-3 fails on fragmented memory and freeing restores it exactly"
mm --validate run tests/scenarios/frag-order3.mm
want_rc 0
want_out '^kernel: alloc_pages order=3 x1 gfp=GFP_KERNEL as big: -ENOMEM after 0 (0 allocated)$'
section before >"$T/before"
section after >"$T/after"
[ -s "$T/before" ] || why_ "no before section"
grep -q '^MemFree:' "$T/before" || why_ "no MemFree before"
cmp -s "$T/before" "$T/after" || why_ "after differs from before: $(diff "$T/before" "$T/after" | grep -m1 '^[<>]')"
section "the kernel's report" >"$T/report"
grep -q 'page allocation failure: order:3, mode:0x[0-9a-f]*(GFP_KERNEL)' "$T/report" || why_ "no allocation failure report for order 3"
grep -q 'Mem-Info:' "$T/report" || why_ "no Mem-Info dump in the report"
end_case

case_ "__GFP_NOWARN keeps the report out of the log"
mm run -c 'boot mem=512M; kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_NOWARN as p; dmesg -C; kernel: alloc_pages 10 gfp=GFP_KERNEL|__GFP_NOWARN as q; dmesg'
want_rc 0
want_no_out 'page allocation failure'
end_case

done_
