# SPDX-License-Identifier: GPL-2.0-only
# CPU placement from a script: clone CHILD cpu=N and sched_setaffinity.
. "$(dirname "$0")/lib.sh"

case_ "clone cpu=N prints the clone and glibc's sched_setaffinity of the new tid"
mm run -c 'boot mem=1G nr_cpus=2; spawn db; db: clone w cpu=1; cat /proc/w/stat'
want_rc 0
want_out '^db: clone(child_stack=NULL, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD) = 2$'
want_out '^db: sched_setaffinity(2, 128, \[1\]) = 0$'
cpu=$(awk '/^2 \(w\) / { print $39 }' "$T/out")
[ "$cpu" = 1 ] || why_ "stat field 39 (processor) is '$cpu', expected 1"
want_no_err
end_case

case_ "a CPU the machine lacks in clone is a script error that says the range"
mm run -c 'boot mem=1G nr_cpus=2; spawn db; db: clone w cpu=2; echo not reached'
want_rc 2
want_err '^-c:3: db: clone: no CPU "2" (expected cpu=0 to cpu=1: EINVAL)$'
want_no_out 'not reached'
end_case

case_ "sched_setaffinity: EINVAL for no CPU of the machine or an empty list, CPUs past it dropped"
mm run -c 'boot mem=1G nr_cpus=2; spawn db; db: sched_setaffinity 7; expect last == EINVAL; db: sched_setaffinity ""; expect last == EINVAL; db: sched_setaffinity 1,7-9; expect last == 0'
want_rc 0
want_out '^db: sched_setaffinity(0, 128, \[7\]) = -1 EINVAL (Invalid argument)$'
want_out '^db: sched_setaffinity(0, 128, \[\]) = -1 EINVAL (Invalid argument)$'
want_out '^db: sched_setaffinity(0, 128, \[1 7 8 9\]) = 0$'
want_no_err
end_case

case_ "tasks moved from one CPU rotate over the allowed CPUs (cpumask_any_and_distribute)"
mm run -c 'boot mem=1G nr_cpus=4; spawn a cpu=0; spawn b cpu=0; spawn c cpu=0; spawn d cpu=0; a: sched_setaffinity 1-3; b: sched_setaffinity 1-3; c: sched_setaffinity 1-3; d: sched_setaffinity 1-3; cat /proc/a/stat; cat /proc/b/stat; cat /proc/c/stat; cat /proc/d/stat'
want_rc 0
got=$(awk '/^[0-9]+ \([a-d]\) / { printf "%s%s ", $2, $39 }' "$T/out")
[ "$got" = "(a)1 (b)2 (c)3 (d)1 " ] || why_ "stat processor fields are '$got', expected (a)1 (b)2 (c)3 (d)1"
want_no_err
end_case

case_ "a malformed CPU list is a script error"
for list in 1-0 x 1, ,1 -1 1024 0-1024; do
	mm run -c "spawn db; db: sched_setaffinity $list"
	want_rc 2
	want_err 'bad CPU list'
done
end_case

done_
