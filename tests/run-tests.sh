#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The whole mmsim test suite (what `make test` runs).  Builds the normal
# and the ASan+UBSan build, then in each build runs:
#   - every unit test binary (build*/tests/*; each cmocka test counts),
#   - every scenario tests/scenarios/*.mm with --validate, checking the
#     exit status against "# expect-exit: N" in the script's header
#     (default 0) and stdout against tests/scenarios/NAME.out if present,
#   - every CLI test tests/cli/*.sh (lib.sh is their helper), each "ok -"
#     or "not ok -" line counting as one test;
# and, with the normal build, the differential suite tests/kernel-diff/
# against the host's kernel (one test per sequence; root needed); then,
# when clang with libFuzzer is there (setup.sh installs it), the fuzz
# step: `make fuzz`, every input in tests/fuzz/regress/ through the target
# (one test each) and a deterministic bounded fuzz run over the seed
# corpus (FUZZ_RUNS inputs; FAST=1 skips it).
# Prints one line per failure with its reason and ends with exactly one
# summary line "N passed, N failed"; exits 0 only when nothing failed.
# FAST=1 skips the sanitizer build (for quick runs while developing).
# POSIX sh.

cd "$(dirname "$0")/.." || exit 2

JOBS=${JOBS:-2}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mmsim-tests.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# Run a command with a time limit when timeout(1) is there.
limited() {
	if command -v timeout >/dev/null 2>&1; then
		timeout "${TEST_TIMEOUT:-600}" "$@"
	else
		"$@"
	fi
}

# The paging stress test (tests/unit/test_paging_stress.c) runs 10^6
# operations in both builds, ASan+UBSan too, for up to STRESS_TIMEOUT
# seconds each (default 5400: the normal run took 12 minutes of CPU, the
# sanitizer run takes 2-3 times that, and a loaded host stretches both;
# docs/testing.md); the quick loop (FAST=1) runs 20,000.
if [ "${FAST:-0}" = 1 ]; then
	MMSIM_STRESS_OPS=${MMSIM_STRESS_OPS:-20000}
	export MMSIM_STRESS_OPS
fi

# Sanitizers: stop at the first report, and fail the process.
ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:halt_on_error=1:detect_leaks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS

# build NAME MAKE-ARGS...: build everything; false if it failed.
build() {
	name=$1
	shift
	echo "== build ($name)"
	if make -j"$JOBS" "$@" all >"$TMP/build-$name.log" 2>&1; then
		pass
		return 0
	fi
	why=$(grep -m1 -E 'error|undefined reference' "$TMP/build-$name.log")
	fail "build ($name): make${*:+ $*} all failed: ${why:-see make output}"
	return 1
}

# unit_tests DIR NAME: run every unit test binary in DIR.
unit_tests() {
	dir=$1
	name=$2
	for bin in "$dir"/tests/*; do
		[ -f "$bin" ] && [ -x "$bin" ] || continue
		unit=$(basename "$bin")
		case $unit in
		test_paging_stress) TEST_TIMEOUT=${STRESS_TIMEOUT:-5400} limited "$bin" >"$TMP/unit.out" 2>&1 ;;
		*) limited "$bin" >"$TMP/unit.out" 2>&1 ;;
		esac
		rc=$?
		# One line per test: "P name" passed, "F name" failed (or crashed).
		awk '
			/^\[ RUN      \] / { if (cur != "") print "F " cur; cur = $4; next }
			/^\[       OK \] / { if (cur != "") print "P " cur; cur = ""; next }
			/^\[  FAILED  \] / && cur != "" { print "F " cur; cur = ""; next }
			/^\[  SKIPPED \] / { cur = ""; next }
			END { if (cur != "") print "F " cur " (did not finish)" }
		' "$TMP/unit.out" >"$TMP/unit.res"
		n=$(grep -c '^[PF] ' "$TMP/unit.res")
		while read -r st tname rest; do
			if [ "$st" = P ]; then
				pass
			else
				why=$(grep -m1 -E '\[  ERROR   \]|ERROR:|runtime error' "$TMP/unit.out")
				fail "unit $unit:$tname ($name): ${rest:+$rest }${why:-failed}"
			fi
		done <"$TMP/unit.res"
		if [ "$n" -eq 0 ]; then
			# not cmocka output: the binary is the test
			if [ "$rc" -eq 0 ]; then pass; else fail "unit $unit ($name): exit status $rc"; fi
		elif [ "$rc" -ne 0 ] && ! grep -q '^F ' "$TMP/unit.res"; then
			why=$(grep -m1 -E 'ERROR|runtime error|leak' "$TMP/unit.out")
			fail "unit $unit ($name): exit status $rc after its tests passed: ${why:-no message}"
		fi
	done
}

# scenarios BIN NAME: run every scenario script with --validate.
scenarios() {
	bin=$1
	name=$2
	for mm in tests/scenarios/*.mm; do
		[ -f "$mm" ] || continue
		sc=$(basename "$mm" .mm)
		want=$(sed -n 's/^# expect-exit: *\([0-9][0-9]*\).*/\1/p' "$mm" | head -n 1)
		want=${want:-0}
		limited "$bin" run --validate "$mm" >"$TMP/sc.out" 2>"$TMP/sc.err"
		rc=$?
		if [ "$rc" -ne "$want" ]; then
			why=$(head -n 1 "$TMP/sc.err")
			fail "scenario $sc ($name): exit status $rc, expected $want${why:+: $why}"
		elif [ -f "tests/scenarios/$sc.out" ] && ! cmp -s "tests/scenarios/$sc.out" "$TMP/sc.out"; then
			why=$(diff "tests/scenarios/$sc.out" "$TMP/sc.out" | grep -m1 '^[<>]')
			fail "scenario $sc ($name): stdout differs from $sc.out: $why"
		else
			pass
		fi
	done
}

# cli_tests BIN NAME: run every CLI test script against BIN.
cli_tests() {
	bin=$1
	name=$2
	for t in tests/cli/*.sh; do
		[ -f "$t" ] || continue
		tn=$(basename "$t" .sh)
		[ "$tn" = lib ] && continue
		MMSIM=$bin limited sh "$t" >"$TMP/cli.out" 2>"$TMP/cli.err"
		rc=$?
		n=0
		while IFS= read -r line; do
			case $line in
			"ok - "*) pass; n=$((n + 1)) ;;
			"not ok - "*) fail "cli $tn ($name): ${line#not ok - }"; n=$((n + 1)) ;;
			esac
		done <"$TMP/cli.out"
		if [ "$n" -eq 0 ] || { [ "$rc" -ne 0 ] && ! grep -q '^not ok - ' "$TMP/cli.out"; }; then
			why=$(head -n 1 "$TMP/cli.err")
			fail "cli $tn ($name): exit status $rc${why:+: $why}"
		fi
	done
}

# suite DIR NAME: everything a build can run.
suite() {
	echo "== unit tests ($2)"
	unit_tests "$1" "$2"
	echo "== scenarios ($2)"
	scenarios "$1/mmsim" "$2"
	echo "== cli tests ($2)"
	cli_tests "$(pwd)/$1/mmsim" "$2"
}

# kernel_diff DIR: the differential suite against the host's kernel
# (tests/kernel-diff/run.sh), one test per sequence; needs root.
kernel_diff() {
	echo "== kernel-diff (host kernel $(uname -r))"
	limited sh tests/kernel-diff/run.sh "$1/mmsim" "$1/kernel-diff/hostrun" >"$TMP/kd.out" 2>"$TMP/kd.err"
	rc=$?
	n=0
	while IFS= read -r line; do
		case $line in
		"ok - "*) pass; n=$((n + 1)) ;;
		"not ok - "*) fail "kernel-diff ${line#not ok - }"; n=$((n + 1)) ;;
		"skip - "*) echo "kernel-diff ${line}" ;;
		"# "*) echo "$line" ;;
		esac
	done <"$TMP/kd.out"
	if [ "$n" -eq 0 ] || { [ "$rc" -ne 0 ] && ! grep -q '^not ok - ' "$TMP/kd.out"; }; then
		fail "kernel-diff: exit status $rc: $(head -n 1 "$TMP/kd.err")"
	fi
}

# fuzz: the script parser's libFuzzer target (tests/fuzz/, docs/testing.md
# "Fuzzing"), skipped when clang cannot link a libFuzzer program.
fuzz() {
	echo "== fuzz (build-fuzz, clang ASan+UBSan)"
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' >"$TMP/probe.c"
	if ! clang -fsanitize=fuzzer,address,undefined -o "$TMP/probe" "$TMP/probe.c" >/dev/null 2>&1; then
		echo "skip - fuzz: clang with libFuzzer not found (sh setup.sh installs clang libclang-rt-14-dev)"
		return 0
	fi
	if ! make -j"$JOBS" fuzz >"$TMP/build-fuzz.log" 2>&1; then
		why=$(grep -m1 -E 'error|undefined reference' "$TMP/build-fuzz.log")
		fail "build (fuzz): make fuzz failed: ${why:-see make output}"
		return 1
	fi
	pass
	fz=build-fuzz/fuzz_script
	fzopts="-timeout=30 -rss_limit_mb=2048 -max_len=4096"
	for f in tests/fuzz/regress/*; do
		[ -f "$f" ] || continue
		limited "$fz" $fzopts "$f" >"$TMP/fuzz.out" 2>&1
		rc=$?
		if [ "$rc" -eq 0 ]; then
			pass
		else
			why=$(grep -m1 -E 'ERROR:|runtime error|fuzz_script:|ALARM|out-of-memory' "$TMP/fuzz.out")
			fail "fuzz regress $(basename "$f"): ${why:-exit status $rc}"
		fi
	done
	[ "${FAST:-0}" = 1 ] && return 0
	sh tests/fuzz/seed-corpus.sh "$TMP/fuzz-seeds"
	mkdir -p "$TMP/fuzz-corpus"
	if limited "$fz" $fzopts -seed=1 -runs="${FUZZ_RUNS:-1500}" -dict=tests/fuzz/script.dict \
		-artifact_prefix=build-fuzz/ "$TMP/fuzz-corpus" "$TMP/fuzz-seeds" >"$TMP/fuzz.out" 2>&1; then
		pass
	else
		why=$(grep -m1 -E 'ERROR:|runtime error|fuzz_script:|ALARM|out-of-memory' "$TMP/fuzz.out")
		fail "fuzz run (-seed=1 -runs=${FUZZ_RUNS:-1500}): ${why:-failed}; reproduce with $fz FILE (input: $(grep -m1 -o 'Test unit written to .*' "$TMP/fuzz.out"))"
	fi
}

if build normal; then
	suite build normal
	kernel_diff build
fi
fuzz
if [ "${FAST:-0}" != 1 ] && build asan+ubsan SAN=1; then
	suite build-san asan+ubsan
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
