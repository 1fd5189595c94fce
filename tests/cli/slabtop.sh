# SPDX-License-Identifier: GPL-2.0-only
# Issue 3's acceptance: the real procps slabtop reads mmsim's /proc/slabinfo.
# The machine's file is written to a host file and bind-mounted over
# /proc/slabinfo in a private mount namespace (unshare -U -r -m, or
# unshare -m when running as root without user namespaces); slabtop -o
# must list every cache of the machine with the machine's numbers.
# A missing slabtop/unshare or a refused namespace fails the test.
. "$(dirname "$0")/lib.sh"

# run_in_ns FILE CMD: CMD in a mount namespace where FILE is /proc/slabinfo
run_in_ns() {
	f=$1
	shift
	# shellcheck disable=SC2016
	script='mount --bind "$0" /proc/slabinfo && exec "$@"'
	if unshare -U -r -m true 2>/dev/null; then
		unshare -U -r -m sh -c "$script" "$f" "$@"
	elif [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
		unshare -m sh -c "$script" "$f" "$@"
	else
		echo "neither unshare -U -r -m nor (as root) unshare -m works here" >&2
		return 97
	fi
}

case_ "slabtop -o lists mmsim's caches with mmsim's numbers"
mm run -c 'boot mem=1G nr_cpus=2; cat /proc/slabinfo'
want_rc 0
cp "$T/out" "$T/slabinfo"
caches=$(awk 'NR > 2' "$T/slabinfo" | wc -l)
[ "$caches" -gt 0 ] || why_ "mmsim's /proc/slabinfo lists no cache"
grep -q '^kmalloc-64 ' "$T/slabinfo" || why_ "mmsim's /proc/slabinfo has no kmalloc-64 line"
if ! command -v slabtop >/dev/null 2>&1; then
	why_ "slabtop (procps) is not installed"
elif ! command -v unshare >/dev/null 2>&1; then
	why_ "unshare (util-linux) is not installed"
else
	run_in_ns "$T/slabinfo" slabtop -o >"$T/slabtop" 2>"$T/slabtop.err"
	st=$?
	if [ "$st" -ne 0 ]; then
		why_ "slabtop in a mount namespace failed ($st): $(head -n 1 "$T/slabtop.err")"
	else
		grep -q 'OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME' "$T/slabtop" ||
			why_ "slabtop printed no cache table: $(head -n 1 "$T/slabtop")"
		# Summary: every cache counted, objects summed as slabtop sums them.
		want_sum=$(awk 'NR > 2 { a += $2; t += $3 } END { print a " / " t }' "$T/slabinfo")
		grep -q "^ Active / Total Objects (% used) *: $want_sum " "$T/slabtop" ||
			why_ "slabtop's object totals are not $want_sum: $(grep 'Total Objects' "$T/slabtop")"
		grep -q "^ Active / Total Caches (% used) *: [0-9]* / $caches " "$T/slabtop" ||
			why_ "slabtop does not count $caches caches: $(grep 'Total Caches' "$T/slabtop")"
		# Each cache's row: OBJS ACTIVE USE OBJ-SIZE SLABS OBJ/SLAB CACHE-SIZE NAME.
		bad=$(awk '
			FNR == NR { if (FNR > 2) { num[$1] = $3; act[$1] = $2; per[$1] = $5;
				    pages[$1] = $6; slabs[$1] = $15 } next }
			/^ *[0-9]+ +[0-9]+ +[0-9]+% / {
				n = $8; seen[n] = 1
				if (!(n in num)) { print "unknown cache " n; next }
				if ($1 != num[n] || $2 != act[n] || $5 != slabs[n] || $6 != per[n] ||
				    $7 != (slabs[n] * pages[n] * 4) "K")
					print n ": slabtop shows " $1 " " $2 " " $5 " " $6 " " $7
			}
			END { for (n in num) if (!(n in seen)) print "missing " n }
		' "$T/slabinfo" "$T/slabtop" | head -n 3)
		[ -z "$bad" ] || why_ "slabtop rows differ from mmsim's slabinfo: $bad"
		grep -q ' kmalloc-64 *$' "$T/slabtop" || why_ "slabtop does not list kmalloc-64"
	fi
fi
end_case

done_
