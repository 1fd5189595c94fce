#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Make fuzz_script's seed corpus in DIR from tests/scenarios/*.mm,
# tests/fuzz/seeds/*.mm (hand-written: stray kernel writes and frees) and the
# one-line `run -c '...'` scripts of tests/cli/*.sh (cli-N.mm; `;` parts
# one command each, as in a file): each with its boot lines fitted to the
# harness's caps
# (tests/fuzz/fuzz_script.c) so that the fuzzer runs them instead of
# refusing them: mem= above 128M becomes mem=128M, a boot without mem=
# gets mem=64M, nr_cpus=/maxcpus= above 8 become 8.  Scripts longer than
# the harness's 4096 bytes are cut by libFuzzer's -max_len.
# Usage: sh tests/fuzz/seed-corpus.sh DIR
cd "$(dirname "$0")/../.." || exit 2
dir=${1:?usage: seed-corpus.sh DIR}
mkdir -p "$dir" || exit 2
for mm in tests/scenarios/*.mm; do
	sed -E '/^[[:space:]]*boot([[:space:]]|$)/{
		s/mem=[0-9]+[gGtTpP]/mem=128M/g
		s/mem=([2-9][0-9][0-9]|[0-9]{4,})[mM]/mem=128M/g
		s/(nr_cpus|maxcpus)=([9]|[1-9][0-9]+)/\1=8/g
		/mem=/!s/$/ mem=64M/
	}' "$mm" >"$dir/$(basename "$mm")"
done
cp tests/fuzz/seeds/*.mm "$dir/"	# hand-written seeds, already within the caps
n=0
grep -ho "run -c '[^']*'" tests/cli/*.sh | sed -e "s/^run -c '//" -e "s/'\$//" |
while IFS= read -r script; do
	n=$((n + 1))
	printf '%s\n' "$script" | sed -E -e 's/mem=[0-9]+[gGtTpP]/mem=128M/g' \
		-e 's/mem=([2-9][0-9][0-9]|[0-9]{4,})[mM]/mem=128M/g' \
		-e 's/(nr_cpus|maxcpus)=([9]|[1-9][0-9]+)/\1=8/g' \
		-e 's/(^|;)[[:space:]]*boot[[:space:]]*(;|$)/\1 boot mem=64M\2/g' >"$dir/cli-$n.mm"
done
