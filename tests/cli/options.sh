# SPDX-License-Identifier: GPL-2.0-only
# The command line itself: --help, --version, options, usage errors.
. "$(dirname "$0")/lib.sh"

case_ "--help prints the usage and exits 0"
mm --help
want_rc 0
want_out '^usage: mmsim'
want_out 'run -c'
want_out -- '--validate'
want_no_err
end_case

case_ "--version prints mmsim and a version"
mm --version
want_rc 0
want_out '^mmsim [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*$'
end_case

case_ "an unknown option is a usage error (exit 2)"
mm --bogus
want_rc 2
want_err '^mmsim: unknown option "--bogus"'
end_case

case_ "an unknown subcommand is a usage error"
mm walk x.mm
want_rc 2
want_err '^mmsim: unknown command "walk"'
end_case

case_ "run without a script is a usage error"
mm run
want_rc 2
want_err '^mmsim: run needs a script'
end_case

case_ "run -c without commands is a usage error"
mm run -c
want_rc 2
want_err '^mmsim: -c needs commands'
end_case

case_ "two scripts are a usage error"
mm run a.mm b.mm
want_rc 2
want_err 'more than one script'
end_case

case_ "a missing script file names it (exit 2)"
mm run "$T/nonexistent.mm"
want_rc 2
want_err "^mmsim: $T/nonexistent.mm: No such file or directory"
end_case

case_ "--seed needs a number"
mm --seed abc run -c 'echo x'
want_rc 2
want_err '^mmsim: --seed: "abc" is not a number'
end_case

case_ "--seed N and --seed=N are accepted before and after run"
mm --seed 7 run --seed=8 -c 'echo seeded'
want_rc 0
want_out_is 'seeded'
end_case

case_ "the same seed gives the same output"
mm --seed 42 run -c 'kernel: alloc_pages 0 10 as a; cat /proc/buddyinfo /proc/meminfo; dmesg'
cp "$T/out" "$T/first"
mm --seed 42 run -c 'kernel: alloc_pages 0 10 as a; cat /proc/buddyinfo /proc/meminfo; dmesg'
want_rc 0
cmp -s "$T/first" "$T/out" || why_ "two runs with --seed 42 differ"
end_case

done_
