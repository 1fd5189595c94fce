# SPDX-License-Identifier: GPL-2.0-only
# Script errors read FILE:LINE: what was wrong (what was expected), for
# files, -c, stdin and the shell; bad input never crashes.
. "$(dirname "$0")/lib.sh"

printf 'echo one\n# a comment\n\nbogus thing\necho five\n' >"$T/bad.mm"

case_ "an error in a file names the file and line"
mm run "$T/bad.mm"
want_rc 2
want_err "^$T/bad.mm:4: unknown command \"bogus\" (expected .*)\$"
want_out_is 'one'
end_case

case_ "an error on stdin is named - and its line"
mm_in "$(cat "$T/bad.mm")" run -
want_rc 2
want_err '^-:4: unknown command "bogus"'
end_case

case_ "-c counts each ;-separated command as a line"
mm run -c 'echo a; echo b; bogus'
want_rc 2
want_err '^-c:3: unknown command "bogus"'
end_case

case_ "several commands on one line of a file share its line number"
printf 'echo a\necho b; bogus\n' >"$T/semi.mm"
mm run "$T/semi.mm"
want_rc 2
want_err "^$T/semi.mm:2: unknown command"
want_out 'b'
end_case

case_ "an unterminated quote is a script error"
mm run -c 'echo "abc'
want_rc 2
want_err '^-c:1: unterminated quote (expected a closing ")$'
end_case

case_ "a NUL byte in a script is a script error"
printf 'echo a\necho b\000c\n' >"$T/nul.mm"
mm run "$T/nul.mm"
want_rc 2
want_err "^$T/nul.mm:2: a NUL byte"
end_case

case_ "boot mem=abc names the parameter"
mm run -c 'boot mem=abc'
want_rc 2
want_err '^-c:1: boot: .*mem=abc'
end_case

case_ "a missing argument says what was expected"
mm run -c 'cat'
want_rc 2
want_err '^-c:1: cat: missing file (expected cat FILE'
end_case

case_ "a missing file reads as coreutils says it"
mm run -c 'cat /proc/nonexistent'
want_rc 2
want_err '^-c:1: cat: /proc/nonexistent: No such file or directory'
end_case

case_ "an unknown sysctl reads as sysctl(8) says it"
mm run -c 'sysctl vm.no_such_key'
want_rc 2
want_err '^-c:1: sysctl: cannot stat /proc/sys/vm/no_such_key: No such file or directory'
end_case

case_ "expect on a missing key is a script error naming a real key"
mm run -c 'expect /proc/meminfo:MemFre > 1G'
want_rc 2
want_err '^-c:1: expect: /proc/meminfo has no key "MemFre" (expected a key of that file, such as MemTotal)'
end_case

case_ "expect with an unknown operator"
mm run -c 'expect /proc/meminfo:MemFree =~ 1G'
want_rc 2
want_err '^-c:1: expect: unknown operator "=~"'
end_case

case_ "expect < on text is a script error"
mm run -c 'expect /proc/meminfo:MemFree < lots'
want_rc 2
want_err 'needs a number or a size'
end_case

case_ "a process actor that does not exist yet is a clear error"
mm run -c 'db: mmap buf 1M'
want_rc 2
want_err '^-c:1: unknown actor "db:"'
end_case

case_ "errors go to stderr, output to stdout"
mm run -c 'echo out; cat /nope'
want_rc 2
want_out_is 'out'
want_err_lines 1
end_case

# Garbage never crashes: every line below must give exit 2 and one message.
for line in '>' '> >' 'echo >' 'echo a > b > c' 'expect' 'expect last == ENOMEM' \
	'kernel:' 'kernel: alloc_pages' 'kernel: alloc_pages x as a' 'kernel: alloc_pages 0 0 as a' \
	'kernel: alloc_pages 99 as a' 'kernel: alloc_pages 0 as' 'kernel: alloc_pages 0 as a b' \
	'kernel: alloc_pages 0 gfp=NO_SUCH_FLAG as a' 'kernel: free_pages' 'kernel: free_pages nope' \
	'kernel: alloc_pages 0 as a; kernel: free_pages a every=0' 'sleep' 'sleep 1 2' 'sleep 1.5.3s' \
	'sleep -1' 'seed' 'seed -3' 'ls /nonexistent' 'dmesg -z' 'sysctl' 'sysctl =1' 'help nope' \
	"echo 'unterminated" ':' 'kernel:frobnicate' 'boot mem=' 'boot nr_cpus=abc' 'cat /proc/sys/vm' \
	'echo 1 > /proc/meminfo' 'echo 1 > /proc/nonexistent' 'expect /proc/meminfo: == 1'; do
	case_ "bad input is a clear error: $line"
	mm run -c "$line"
	want_rc 2
	want_err '^-c:[0-9]*: .* (.*)$'
	want_err_lines 1
	end_case
done

case_ "empty commands and comments are fine"
mm run -c ';; # nothing here'
want_rc 0
want_no_err
end_case

case_ "a key that repeats in the file is ambiguous, not its first line"
mm run -c 'expect /proc/zoneinfo:min > 1'
want_rc 2
want_err '^-c:1: expect: /proc/zoneinfo has [0-9]* lines with key "min" (expected a key that appears once in the file)$'
end_case

case_ "a number compared with a whole file names the file's first word"
mm run -c 'expect /proc/meminfo > 1'
want_rc 1
want_err 'found first word "MemTotal:", not a number; give FILE:KEY'
end_case

done_
