# SPDX-License-Identifier: GPL-2.0-only
# The benchmark programs (bench/, built with every build) still build and
# run: a short pattern of each, SLUB only (no peer is loaded, so the
# sanitizer build runs them too).  slub_bench validates both machines at
# its end (exit 1 on a validator report); fault_bench part 4 runs the TLB
# model beside the host.  Speed is not judged here: docs/bench.md has the
# figures, from `make bench` on a quiet host.
. "$(dirname "$0")/lib.sh"

B=$(dirname "$MMSIM")/bench

# run BIN ARGS...: run a bench program; stdout, stderr and status kept.
run() {
	bin=$1
	shift
	"$B/$bin" "$@" >"$T/out" 2>"$T/err" </dev/null
	rc=$?
}

case_ "slub_bench runs (a) and (b) on both SLUB designs and their machines validate"
run slub_bench ab 6.18,sheaves
want_rc 0
want_out '^(a) alloc+free pairs, 64 B  *[0-9.][0-9.]*  *[0-9.][0-9.]*$'
want_out '^(b) 1M allocs then 1M frees, 64 B  *[0-9.][0-9.]*  *[0-9.][0-9.]*$'
want_no_out 'ratio'
end_case

case_ "slub_bench runs (c) with sheaves"
run slub_bench c sheaves
want_rc 0
want_out '^(c) mixed 16..1024 B, 64k live  *[0-9.][0-9.]*$'
end_case

case_ "slub_bench refuses an unknown pattern with its usage"
run slub_bench x
want_rc 2
want_err '^usage: slub_bench \[PATTERNS \[ALLOCATORS\]\]'
end_case

case_ "fault_bench part 4 times a TLB hit beside the host"
run fault_bench 4
want_rc 0
want_out '^(4) TLB-hit load: tlb_translate  *[0-9.][0-9.]*  *[0-9.][0-9.]*'
end_case

case_ "page_alloc_bench runs the page allocator beside its peers"
run page_alloc_bench
want_rc 0
want_out '^mmsim order-0 via pcp  *[0-9][0-9]* ops/s'
want_out '^mmsim order-3 via buddy  *[0-9][0-9]* ops/s'
end_case

done_
