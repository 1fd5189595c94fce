# SPDX-License-Identifier: GPL-2.0-only
# fork, vfork, clone, exec, exit CODE, wait and kill in the language: the
# strace-style lines, zombies in ps, skipped commands of gone, vfork-parent
# and stopped processes, and clear script errors for bad input.
. "$(dirname "$0")/lib.sh"

case_ "fork prints fork() = PID and the child runs its own commands"
mm run -c 'spawn db; db: mmap buf 64K; db: fork child; child: munmap buf; ps'
want_rc 0
want_out '^db: fork() = 2$'
want_out '^child: munmap(0x[0-9a-f]*, 65536) = 0$'
want_out '^      2 [?]        00:00:00 child$'
want_no_err
end_case

case_ "an exited child is <defunct> until its parent waits"
mm run -c 'spawn db; db: fork child; child: exit 3; ps; db: wait; ps; db: wait'
want_rc 0
want_out '^      2 [?]        00:00:00 child <defunct>$'
want_out '^db: wait4(-1, \[{WIFEXITED(s) && WEXITSTATUS(s) == 3}\], WNOHANG, NULL) = 2$'
want_out '^db: wait4(-1, &status, WNOHANG, NULL) = -1 ECHILD (No child processes)$'
end_case

case_ "wait with running children returns 0 (WNOHANG)"
mm run -c 'spawn db; db: fork child; db: wait child'
want_rc 0
want_out '^db: wait4(2, &status, WNOHANG, NULL) = 0$'
end_case

case_ "commands of a zombie are skipped with a note"
mm run -c 'spawn db; db: fork child; child: exit; child: mmap x 4K'
want_rc 0
want_err '^-c:4: child: the process has exited (a zombie until its parent waits); command skipped$'
end_case

case_ "a vfork parent's commands are skipped until the child execs"
mm run -c 'spawn sh; sh: vfork ls; sh: mmap x 4K; ls: exec; sh: mmap y 4K'
want_rc 0
want_out '^sh: vfork() = 2$'
want_err '^-c:3: sh: sleeping in vfork() until ls execs or exits; command skipped$'
want_out '^ls: execve("/usr/bin/ls", \["/usr/bin/ls"\], NULL) = 0$'
want_out '^sh: mmap(NULL, 4096, '
end_case

case_ "clone makes a thread: Threads 2, ps lists the process once"
mm run -c 'spawn db; db: clone worker; grep Threads /proc/db/status; ps'
want_rc 0
want_out '^db: clone(child_stack=NULL, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD) = 2$'
want_out '^Threads:	2$'
want_no_out 'worker$'
end_case

case_ "exec of a missing file fails with ENOENT and the process goes on"
mm run -c 'spawn db; db: exec /nowhere/prog; expect last == ENOENT; db: mmap x 4K'
want_rc 0
want_out '^db: execve("/nowhere/prog", \["/nowhere/prog"\], NULL) = -1 ENOENT (No such file or directory)$'
want_out '^db: mmap('
end_case

case_ "kill ends a process; kill of a gone one says No such process"
mm run -c 'spawn db; kill db; ps; kill db; expect last == ESRCH'
want_rc 0
want_no_out ' db$'
want_out '^kill: (db) - No such process$'
end_case

case_ "kill STOP skips the commands, CONT resumes"
mm run -c 'spawn db; kill db -STOP; db: mmap x 4K; kill db CONT; db: mmap y 4K'
want_rc 0
want_err '^-c:3: db: stopped by a signal (kill db CONT resumes it); command skipped$'
want_out '^db: mmap(NULL, 4096, '
end_case

case_ "fork under strict overcommit fails with ENOMEM and the script goes on"
mm run -c 'boot mem=1G; sysctl vm.overcommit_memory=2; spawn db; db: mmap big 300M; db: fork child; expect last == ENOMEM; ps'
want_rc 0
want_out '^db: fork() = -1 ENOMEM (Cannot allocate memory)$'
want_no_out 'child'
end_case

case_ "fork of an exited process is skipped with a note"
mm run -c 'spawn db; db: exit; db: fork child'
want_rc 0
want_err '^-c:3: db: the process has exited; command skipped$'
end_case

case_ "fork of an unknown process is a script error"
mm run -c 'nobody: fork child'
want_rc 2
want_err '^-c:1: unknown actor "nobody:"'
end_case

case_ "fork with a bad or missing child name is a script error"
mm run -c 'spawn db; db: fork 42'
want_rc 2
want_err '^-c:2: db: fork: bad name "42"'
mm run -c 'spawn db; db: fork'
want_rc 2
want_err '^-c:2: db: fork: missing the child'"'"'s name'
end_case

case_ "fork to a name in use is a script error"
mm run -c 'spawn db; spawn web; db: fork web'
want_rc 2
want_err '^-c:3: db: fork: a process named web exists'
end_case

case_ "spawn cpu= of a CPU the machine lacks is a script error"
mm run -c 'boot nr_cpus=2; spawn db cpu=2'
want_rc 2
want_err '^-c:2: spawn: no CPU "2" (expected cpu=0 to cpu=1: EINVAL)$'
end_case

case_ "spawn uid= gives Uid/Gid lines and no capabilities"
mm run -c 'spawn db uid=1000 cpu=1; grep -E "^(Uid|Gid|CapEff)" /proc/db/status'
want_rc 0
want_out '^Uid:	1000	1000	1000	1000$'
want_out '^Gid:	1000	1000	1000	1000$'
want_out '^CapEff:	0000000000000000$'
mm run -c 'spawn db uid=-4'
want_rc 2
want_err '^-c:1: spawn: bad uid "-4"'
end_case

case_ "kill with a bad signal or an unknown name is a script error"
mm run -c 'spawn db; kill db NOPE'
want_rc 2
want_err '^-c:2: kill: NOPE: invalid signal specification'
mm run -c 'kill nobody'
want_rc 2
want_err '^-c:1: kill: no process "nobody"'
end_case

case_ "exec with a relative path is a script error"
mm run -c 'spawn db; db: exec bin/db'
want_rc 2
want_err '^-c:2: db: exec: unexpected "bin/db"'
end_case

case_ "help lists the lifecycle verbs"
mm run -c 'help fork'
want_rc 0
want_out '^usage: NAME: fork CHILD$'
mm run -c 'help kill'
want_rc 0
want_out '^usage: kill NAME \[SIG\]$'
end_case

done_
