# SPDX-License-Identifier: GPL-2.0-only
# The shell (`mmsim` with no script): the same language, errors do not
# stop it, exit/quit/EOF leave.  Run here with stdin not a terminal.
. "$(dirname "$0")/lib.sh"

case_ "the shell runs commands until EOF"
mm_in 'echo one
echo two
'
want_rc 0
want_out_is 'one
two'
end_case

case_ "an error in the shell is reported and the shell goes on"
mm_in 'bogus
echo after
'
want_rc 0
want_err '^<stdin>:1: unknown command "bogus"'
want_out_is 'after'
end_case

case_ "exit and quit leave the shell"
mm_in 'echo a
exit
echo b
'
want_out_is 'a'
mm_in 'quit
echo b
'
want_out_empty
end_case

case_ "a failed expect in the shell gives exit status 1 at the end"
mm_in 'expect /proc/sys/vm/swappiness == 1
'
want_rc 1
end_case

case_ "help works in the shell"
mm_in 'help cat
'
want_out '^usage: cat FILE'
end_case

case_ "--validate applies in the shell"
mm_in 'kernel: alloc_pages 0 5 as a
kernel: free_pages a
' --validate
want_rc 0
want_no_err
end_case

done_
