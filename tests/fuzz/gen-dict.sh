#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Regenerate tests/fuzz/script.dict, libFuzzer's dictionary for
# fuzz_script: every word of the command tables' usage lines (from `mmsim
# run -c help`), the files and sysctl keys the machine shows (ls), the
# flag and advice names the front end knows (tools/mmsim/*.c), plus the
# hand-written values in tests/fuzz/dict-extra.txt (sizes, edge numbers,
# odd suffixes).  Usage: sh tests/fuzz/gen-dict.sh [MMSIM] > tests/fuzz/script.dict
cd "$(dirname "$0")/../.." || exit 2
MMSIM=${1:-build/mmsim}
{
	"$MMSIM" run -c help | tr -s ' []|.,()' '\n' | grep -E '^[a-z_][a-z0-9_-]*:?=?$'
	"$MMSIM" run -c help | grep -oE '[a-z_]+=' 
	"$MMSIM" run -c 'ls /proc /proc/sys/vm /sys/kernel/debug/mmsim' 2>/dev/null | tr -s ' \t' '\n' | grep -v ':$'
	grep -ohE '"[a-z_]{3,}"' tools/mmsim/cmd_madvise.c tools/mmsim/cmd_mman.c tools/mmsim/cmd_file.c \
		tools/mmsim/cmd_process.c tools/mmsim/cmd_mremap.c | tr -d '"'
	grep -ohE '\b(__)?GFP_[A-Z0-9_]+|\bSLAB_[A-Z_]+|\bRLIMIT_[A-Z]+|\bE[A-Z]{3,}\b' tools/mmsim/*.c docs/language.md
	printf '%s\n' kernel: /proc/ /proc/sys/vm/ /proc/self/ /maps /smaps /smaps_rollup /pagemap /status /stat \
		/limits /oom_score_adj /cmdline /proc/meminfo /proc/vmstat /proc/buddyinfo /proc/zoneinfo \
		/proc/slabinfo /proc/pagetypeinfo /proc/kpageflags /proc/kpagecount /proc/vmallocinfo \
		last == '!=' '<' '<=' '>' '>=' '>>' '\n' ';' '#' "'" '"' '\\' '$' ':' '[' ']' '0:' 'as' 'all'
} | sort -u | while IFS= read -r w; do
	[ -n "$w" ] || continue
	printf '"%s"\n' "$(printf '%s' "$w" | sed 's/\\/\\\\/g; s/"/\\"/g')"
done
cat tests/fuzz/dict-extra.txt
