# SPDX-License-Identifier: GPL-2.0-only
# spawn, ps and NAME: exit: pids, the ps -e listing, skipped commands of a
# process that exited, and clear script errors for bad names, a name in
# use, unknown actors and verbs.
. "$(dirname "$0")/lib.sh"

case_ "spawned processes get pids 1, 2 and ps lists them as ps -e"
mm run -c 'spawn db; spawn web; ps'
want_rc 0
want_out '^    PID TTY          TIME CMD$'
want_out '^      1 [?]        00:00:00 db$'
want_out '^      2 [?]        00:00:00 web$'
want_no_err
end_case

case_ "an exited process leaves ps and its pid is not reused"
mm run -c 'spawn a; spawn b; a: exit; spawn c; ps'
want_rc 0
want_out '^      2 [?]        00:00:00 b$'
want_out '^      3 [?]        00:00:00 c$'
want_no_out ' a$'
end_case

case_ "commands of an exited process are skipped with a note"
mm run -c 'spawn a; a: exit; a: exit; ps'
want_rc 0
want_err '^-c:3: a: the process has exited; command skipped$'
end_case

case_ "a name spawned again after exit runs again"
mm run -c 'spawn a; a:exit; spawn a; a: exit'
want_rc 0
want_no_err
end_case

case_ "an actor never spawned is a script error"
mm run -c 'ghost: exit'
want_rc 2
want_err '^-c:1: unknown actor "ghost:" (expected kernel: or a process started with spawn ghost)$'
end_case

case_ "an unknown process verb is a script error"
mm run -c 'spawn a; a: fly'
want_rc 2
want_err '^-c:2: a: unknown command "fly" (expected a process verb such as exit; try help process)$'
end_case

case_ "an actor without a verb is a script error"
mm run -c 'spawn a; a:'
want_rc 2
want_err '^-c:2: a: missing command'
end_case

case_ "a name in use is a script error"
mm run -c 'spawn a; spawn a'
want_rc 2
want_err '^-c:2: spawn: a process named a is running'
end_case

case_ "an all-digit name is a script error"
mm run -c 'spawn 42'
want_rc 2
want_err '^-c:1: spawn: bad name "42"'
end_case

case_ "a 16-character name is a script error"
mm run -c 'spawn abcdefghijklmnop'
want_rc 2
want_err 'spawn: bad name "abcdefghijklmnop"'
end_case

case_ "spawn without a name is a script error"
mm run -c 'spawn'
want_rc 2
want_err '^-c:1: spawn: missing process name'
end_case

case_ "exit with an argument is a script error"
mm run -c 'spawn a; a: exit 3'
want_rc 2
want_err '^-c:2: a: exit: unexpected "3"'
end_case

case_ "ps with an argument is a script error"
mm run -c 'ps -e'
want_rc 2
want_err '^-c:1: ps: unexpected "-e"'
end_case

case_ "help process lists the verbs"
mm run -c 'help process'
want_rc 0
want_out '^  NAME: exit$'
end_case
done_
