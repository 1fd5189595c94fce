#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The differential suite against the host's real kernel: every sequence
# in tests/kernel-diff/seq/ (NN-name.mm, or NN-name.sh printing one) runs
# on the host through HOSTRUN and in mmsim through MMSIM; both outputs go
# through normalize.awk and must be the same text.  Prints one line per
# sequence, "ok - NAME" or "not ok - NAME: why", the diff after a failed
# one (lines starting "# "), and exits non-zero if any failed.  A sequence
# the host cannot run (not root, no writable /proc/sys/vm, a kernel that
# refuses ADDR_NO_RANDOMIZE) fails; nothing is skipped.
#
# Usage: run.sh MMSIM HOSTRUN [SEQ...]   (default: every sequence)
# The host's vm.overcommit_memory and vm.max_map_count are put back on
# exit, whatever happens to the runner.  POSIX sh.

MMSIM=$1
HOSTRUN=$2
[ -x "$MMSIM" ] && [ -x "$HOSTRUN" ] || {
	echo "usage: run.sh MMSIM HOSTRUN [SEQ...] (both built: make)" >&2
	exit 2
}
shift 2
DIR=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kernel-diff.XXXXXX") || exit 2
# The host's copies of the sequences' files go next to the runner, on a
# disk filesystem as mmsim's disk is (ext4 places 2M file mappings on 2M
# boundaries, thp_get_unmapped_area; tmpfs does not).
FILES=$(mktemp -d "$(cd "$(dirname "$HOSTRUN")" && pwd)/files.XXXXXX") || exit 2

# Host runs hold this lock, so that suites running side by side never
# see (and later "restore") the other's brief vm.overcommit_memory=2.
LOCK=/tmp/mmsim-kernel-diff.lock
command -v flock >/dev/null 2>&1 || {
	echo "not ok - kernel-diff: flock(1) is missing (util-linux; ./setup.sh installs it)"
	exit 1
}
# The sysctls a sequence may change, put back on any exit.
OC=$(flock "$LOCK" cat /proc/sys/vm/overcommit_memory 2>/dev/null)
MMC=$(flock "$LOCK" cat /proc/sys/vm/max_map_count 2>/dev/null)
restore() {
	flock "$LOCK" sh -c '
		if [ -n "$1" ] && [ "$(cat /proc/sys/vm/overcommit_memory)" != "$1" ]; then
			echo "$1" >/proc/sys/vm/overcommit_memory
		fi
		if [ -n "$2" ] && [ "$(cat /proc/sys/vm/max_map_count)" != "$2" ]; then
			echo "$2" >/proc/sys/vm/max_map_count
		fi' sh "$OC" "$MMC"
	rm -rf "$TMP" "$FILES"
}
trap restore EXIT
trap 'exit 130' INT TERM HUP

# mmsim_headroom SEQ OUT: SEQ with every commit_headroom[+-SIZE] replaced
# by its bytes in mmsim: the largest mapping __vm_enough_memory allows
# the process at that line (CommitLimit less the admin reserve without
# CAP_SYS_ADMIN, less min(total_vm/32, user_reserve_kbytes), less
# Committed_AS, less one page), read from mmsim run on the lines before
# it.  mmsim is deterministic, so the value is exact.
mmsim_headroom() {
	: >"$2"
	n=0
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		case ${line%%#*} in
		*commit_headroom*) ;;
		*)
			printf '%s\n' "$line" >>"$2"
			continue
			;;
		esac
		proc=$(printf '%s\n' "$line" | sed -n 's/^[ \t]*\([A-Za-z0-9_-]*\):.*/\1/p')
		{
			cat "$2"
			echo "echo KDIFF-PROBE"
			echo "cat /proc/meminfo /proc/$proc/status /proc/sys/vm/user_reserve_kbytes /proc/sys/vm/admin_reserve_kbytes"
		} >"$TMP/probe.mm"
		"$MMSIM" run "$TMP/probe.mm" >"$TMP/probe.out" 2>&1 || {
			echo "mmsim failed on the lines before line $n: $(tail -n 1 "$TMP/probe.out")" >&2
			return 1
		}
		bytes=$(awk '
			/^KDIFF-PROBE$/ { on = 1; next }
			!on { next }
			/^CommitLimit:/ { limit = $2 }
			/^Committed_AS:/ { committed = $2 }
			/^VmSize:/ { vmsize = $2 }
			/^CapEff:/ { d = index("0123456789abcdef", substr($2, length($2) - 5, 1)) - 1
				     admin_cap = int(d / 2) % 2 }
			/^[0-9]+$/ { if (user == "") user = $1; else admin = $1 }
			END {
				allowed = int(limit / 4)
				if (!admin_cap) allowed -= int(admin / 4)
				r = int(int(vmsize / 4) / 32)
				if (r > int(user / 4)) r = int(user / 4)
				allowed -= r + int(committed / 4) + 1
				if (allowed < 0) allowed = 0
				printf "%.0f\n", allowed * 4096
			}' "$TMP/probe.out")
		printf '%s\n' "${line%%#*}" | awk -v base="$bytes" '
			function size(s,    m, c) {
				m = 1
				c = tolower(substr(s, length(s)))
				if (c == "k") m = 1024; else if (c == "m") m = 1048576
				else if (c == "g") m = 1073741824
				if (m > 1) s = substr(s, 1, length(s) - 1)
				return s * m
			}
			{
				for (i = 1; i <= NF; i++)
					if ($i ~ /^commit_headroom/) {
						e = substr($i, 16)
						v = base
						if (e ~ /^\+/) v += size(substr(e, 2))
						else if (e ~ /^-/) v -= size(substr(e, 2))
						if (v < 0) v = 0
						$i = sprintf("%.0f", v)
					}
				print
			}' >>"$2"
	done <"$1"
}

# one SEQ: run it on both sides, compare; prints ok / not ok.
one() {
	src=$1
	name=$(basename "$src")
	name=${name%.mm}
	name=${name%.sh}
	seq=$src
	case $src in
	*.sh)
		seq=$TMP/$name.mm
		sh "$src" >"$seq" || { echo "not ok - $name: its generator $src failed"; return 1; }
		;;
	esac
	files=$FILES/$name
	mkdir -p "$files"
	flock "$LOCK" "$HOSTRUN" "$seq" "$files" >"$TMP/host.raw" 2>"$TMP/host.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "not ok - $name: the host runner failed (exit $rc): $(head -n 1 "$TMP/host.err")"
		return 1
	fi
	# The host's process is hostrun, a static non-PIE program: mmsim's
	# must execute the same shape (spawn NAME runs /usr/bin/NAME), made
	# on the same line so that line numbers stay the sequence's.
	mmseq=$TMP/$name.mmsim.mm
	sed 's|^\([[:space:]]*\)spawn[[:space:]][[:space:]]*\([A-Za-z0-9_-][A-Za-z0-9_-]*\)|\1file /usr/bin/\2 elf=static; spawn \2|' \
		"$seq" >"$mmseq"
	if sed 's/#.*//' "$seq" | grep -q commit_headroom; then
		mmsim_headroom "$mmseq" "$TMP/$name.subst.mm" 2>"$TMP/mm.err" || {
			echo "not ok - $name: $(head -n 1 "$TMP/mm.err")"
			return 1
		}
		mmseq=$TMP/$name.subst.mm
	fi
	# --validate after each of a generated sequence's ~32,000 commands
	# would walk ~65,000 VMAs each time: minutes; the others validate.
	validate=--validate
	case $src in *.sh) validate= ;; esac
	"$MMSIM" run $validate "$mmseq" >"$TMP/mm.raw" 2>"$TMP/mm.err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "not ok - $name: mmsim run failed (exit $rc): $(head -n 1 "$TMP/mm.err")"
		return 1
	fi
	awk -f "$DIR/normalize.awk" "$seq" "$TMP/host.raw" >"$TMP/host.norm"
	awk -f "$DIR/normalize.awk" "$seq" "$TMP/mm.raw" >"$TMP/mm.norm"
	if grep -q '^MISMATCH' "$TMP/host.norm"; then
		echo "not ok - $name: the host's output does not pair up with the sequence: $(grep -m1 '^MISMATCH' "$TMP/host.norm")"
		return 1
	fi
	if cmp -s "$TMP/host.norm" "$TMP/mm.norm"; then
		echo "ok - $name"
		return 0
	fi
	echo "not ok - $name: mmsim differs from the host kernel (- host, + mmsim)"
	diff -u "$TMP/host.norm" "$TMP/mm.norm" | sed -n '3,60s/^/# /p'
	return 1
}

case $(stat -f -c %T "$FILES" 2>/dev/null) in
tmpfs|ramfs)
	echo "not ok - kernel-diff: $FILES is on $(stat -f -c %T "$FILES"), not a disk filesystem like mmsim's (build on a disk)"
	exit 1
	;;
esac

[ $# -gt 0 ] || set -- "$DIR"/seq/*.mm "$DIR"/seq/*.sh
status=0
for s in "$@"; do
	[ -f "$s" ] || continue
	# The host in strict overcommit, even for a millisecond, can make other
	# programs on the machine fail (an ASan program starting then, with its
	# MAP_NORESERVE shadow now charged): the quick loop (FAST=1) of a
	# machine shared with other work leaves those sequences to the full run.
	if [ "${FAST:-0}" = 1 ] && grep -q '^sysctl vm.overcommit_memory=2' "$s"; then
		echo "skip - $(basename "$s" .mm): switches the host to vm.overcommit_memory=2; runs without FAST=1"
		continue
	fi
	one "$s" || status=1
done
exit $status
