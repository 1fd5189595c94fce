# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for the CLI tests (tests/cli/*.sh, run by tests/run-tests.sh
# with MMSIM naming the binary).  A test case:
#
#	case_ "unknown command is a script error"
#	mm run -c 'foo'
#	want_rc 2
#	want_err '^-c:1: unknown command "foo"'
#	end_case
#
# end_case prints "ok - NAME" or "not ok - NAME: reasons".  POSIX sh.

: "${MMSIM:?MMSIM must name the mmsim binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/mmsim-cli.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
cli_failed=0

case_() { case_name=$1; case_why=""; }

# mm ARGS...: run mmsim with no input; stdout, stderr and status kept.
mm() { "$MMSIM" "$@" >"$T/out" 2>"$T/err" </dev/null; rc=$?; }

# mm_in TEXT ARGS...: run mmsim with TEXT on stdin.
mm_in() {
	printf '%s' "$1" >"$T/in"
	shift
	"$MMSIM" "$@" >"$T/out" 2>"$T/err" <"$T/in"
	rc=$?
}

why_() { case_why="${case_why:+$case_why; }$1"; }

want_rc() { [ "$rc" -eq "$1" ] || why_ "exit status $rc, expected $1 (stderr: $(head -n 1 "$T/err"))"; }
want_out() { grep -q -e "$1" "$T/out" || why_ "stdout lacks /$1/ (got: $(head -n 1 "$T/out"))"; }
want_no_out() { ! grep -q -e "$1" "$T/out" || why_ "stdout has /$1/"; }
want_err() { grep -q -e "$1" "$T/err" || why_ "stderr lacks /$1/ (got: $(head -n 1 "$T/err"))"; }
want_no_err() { [ ! -s "$T/err" ] || why_ "unexpected stderr: $(head -n 1 "$T/err")"; }
# want_out_is TEXT: stdout is exactly TEXT (plus its final newline)
want_out_is() {
	printf '%s\n' "$1" >"$T/want"
	cmp -s "$T/want" "$T/out" || why_ "stdout is \"$(cat "$T/out")\", expected \"$1\""
}
want_out_empty() { [ ! -s "$T/out" ] || why_ "unexpected stdout: $(head -n 1 "$T/out")"; }
want_err_lines() {
	n=$(wc -l <"$T/err")
	[ "$n" -eq "$1" ] || why_ "stderr has $n lines, expected $1"
}

end_case() {
	if [ -z "$case_why" ]; then
		echo "ok - $case_name"
	else
		echo "not ok - $case_name: $case_why"
		cli_failed=1
	fi
}

# done_: the test script's exit status
done_() { exit "$cli_failed"; }
