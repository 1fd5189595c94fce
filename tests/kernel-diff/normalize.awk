# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel-diff normal form: turns what a sequence printed - on the
# host (hostrun) or in mmsim (mmsim run) - into the text the suite
# compares.  Usage: awk -f normalize.awk SEQ.mm RAW-OUTPUT
#
# From SEQ it takes the events in order: each process command
# (`p: mmap a 16K`) and each `cat /proc/NAME/maps`.  It pairs them with
# RAW's lines in order: a call line ("p: munmap(0x..., 4096) = 0",
# strace style, as both sides print) for each command, a run of maps
# lines for each cat (a line starting below the one before begins the
# next cat's run).  It prints:
#   - per command: the command as SEQ wrote it, " = ", the result: an
#     address, 0, or the errno name (ENOMEM); "ok" instead of the address
#     for a size from commit_headroom (which differs between machines),
#     "pid" for the pid fork and wait4 return;
#   - per cat of maps or smaps: the command, then each VMA that
#     intersects a range some earlier call created or touched (or is
#     named [heap]) as "  START-END PERMS OFFSET [NAME]" (device and
#     inode left out), from smaps with its "    VmFlags: ..." line, and
#     "  (N VMAs in all)": whether ranges are one VMA or several is kept;
#   - per cat of status: VmPeak, VmSize, VmLck, VmData, VmStk, VmExe and
#     VmLib (the address space's counters; the paging ones left out);
#   - per read or write (`p: write buf`): the command, " = ", and what
#     the access line says after the range's addresses ("17 pages, 17
#     minor faults[, SIGSEGV at ADDR (killed)]");
#   - per cat of stat: minflt, cminflt, majflt and cmajflt (fields 10
#     to 13) as the change since that process's last stat, "+17"; the
#     first stat of a process prints "(first)" (the host counts only the
#     faults of the sequence's operations, tests/kernel-diff/README.md).
#     [vsyscall] (the gate area, not a VMA) is left out.
# Addresses stay absolute: both sides lay the process out alike (see
# hostrun.lds).  A command without output, or output without a command,
# prints a MISMATCH line, so the comparison fails.  POSIX awk.

function hexval(s,    i, v, c) {
	sub(/^0[xX]/, "", s)
	v = 0
	for (i = 1; i <= length(s); i++) {
		c = index("0123456789abcdef", tolower(substr(s, i, 1)))
		if (c == 0)
			return -1
		v = v * 16 + c - 1
	}
	return v
}

function num(s) {
	return s ~ /^0[xX]/ ? hexval(s) : s + 0
}

function pagealign(n) {
	return int((n + 4095) / 4096) * 4096
}

# Remember [s, e) as touched, unless a range already holds it.
function touch(s, e,    i) {
	if (e <= s)
		return
	for (i = 0; i < ntouched; i++)
		if (ts[i] <= s && e <= te[i])
			return
	ts[ntouched] = s
	te[ntouched] = e
	ntouched++
}

function touched(s, e,    i) {
	for (i = 0; i < ntouched; i++)
		if (s < te[i] && e > ts[i])
			return 1
	return 0
}

# The events of SEQ: command pieces cut at # and ;.
function seq_line(line,    n, i, parts, t) {
	sub(/#.*/, "", line)
	n = split(line, parts, ";")
	for (i = 1; i <= n; i++) {
		t = parts[i]
		gsub(/[ \t\r]+/, " ", t)
		sub(/^ /, "", t)
		sub(/ $/, "", t)
		if (t ~ /^[A-Za-z0-9_-]+: ?exit( |$)/) {
			continue	# prints nothing
		} else if (t ~ /^[A-Za-z0-9_-]+:/) {
			sub(/: ?/, ": ", t)
			evtype[nev] = "call"
			evtext[nev++] = t
		} else if (t ~ /^cat \/proc\/[^ ]+\/s?maps$/) {
			evtype[nev] = "maps"
			evtext[nev++] = t
		} else if (t ~ /^cat \/proc\/[^ ]+\/status$/) {
			evtype[nev] = "status"
			evtext[nev++] = t
		} else if (t ~ /^cat \/proc\/[^ ]+\/stat$/) {
			evtype[nev] = "stat"
			evtext[nev++] = t
		}
	}
}

function next_event(want, what) {
	if (cur >= nev || evtype[cur] != want) {
		print "MISMATCH: " what " where the sequence has " \
		      (cur < nev ? "\"" evtext[cur] "\"" : "nothing more")
		return ""
	}
	return evtext[cur++]
}

function end_maps() {
	if (inmaps)
		printf "  (%d VMAs in all)\n", nvmas
	inmaps = 0
	instatus = 0
}

# status ("Key:<tab>value"): the address space's sizes, not the paging ones
function status_line(line,    text) {
	if (!instatus) {
		end_maps()
		text = next_event("status", "status lines")
		if (text != "")
			print text ":"
		instatus = 1
	}
	if (line ~ /^Vm(Peak|Size|Lck|Data|Stk|Exe|Lib):/) {
		gsub(/[ \t]+/, " ", line)
		print "  " line
	}
}

# "p: mmap(NULL, 16384, ...) = 0x7f..." -> the result, touched ranges.
function call_line(line,    text, verb, open, eq, args, a, n, res, r, s, len) {
	end_maps()
	text = next_event("call", "the call line \"" line "\"")
	if (text == "")
		return
	verb = line
	sub(/^[^:]*: /, "", verb)
	sub(/\(.*/, "", verb)
	open = index(line, "(")
	eq = line
	# the result is after the last " = "
	n = 0
	while (match(eq, / = /)) {
		n += RSTART + 2
		eq = substr(eq, RSTART + 3)
	}
	res = eq
	args = substr(line, open + 1, n - open - 3)
	sub(/\)$/, "", args)
	split(args, a, ", ")
	split(res, r, " ")
	res = r[1] == "-1" ? r[2] : r[1]
	if (verb ~ /^(fork|vfork|clone|wait4)$/ && res ~ /^[1-9][0-9]*$/)
		res = "pid"	# pids differ between the machines
	if (text ~ /commit_headroom/) {
		if (res ~ /^0x/)
			res = "ok"
		print text " = " res
		return
	}
	print text " = " res
	if (verb == "mmap") {
		len = pagealign(num(a[2]))
		if (res ~ /^(0x[0-9a-f]+|0)$/)		# an address (0: page 0)
			touch(num(res), num(res) + len)
		else if (a[1] != "NULL")
			touch(num(a[1]), num(a[1]) + len)
	} else if (verb == "munmap" || verb == "mprotect" || verb == "madvise" ||
		   verb ~ /^m(un)?lock/ || verb == "msync" || verb == "mincore") {
		touch(num(a[1]), num(a[1]) + pagealign(num(a[2])))
	} else if (verb == "mremap") {
		touch(num(a[1]), num(a[1]) + pagealign(num(a[2])))
		if (res ~ /^(0x[0-9a-f]+|0)$/)
			touch(num(res), num(res) + pagealign(num(a[3])))
		if (a[5] != "")
			touch(num(a[5]), num(a[5]) + pagealign(num(a[3])))
	} else if (verb == "brk") {
		s = num(a[1])
		r[1] = num(res)
		if (r[1] < s) {
			len = s
			s = r[1]
			r[1] = len
		}
		touch(int(s / 4096) * 4096, pagealign(r[1]))
	}
}

# "p: write buf 0x7f...-0x7f...: 17 pages, 17 minor faults": what follows the range.
function access_line(line,    text, s, e, r) {
	end_maps()
	text = next_event("call", "the access line \"" line "\"")
	if (text == "")
		return
	r = line
	sub(/^[^:]*: [a-z]+ [^ ]+ /, "", r)
	s = r
	sub(/-.*/, "", s)
	e = r
	sub(/^[^-]*-/, "", e)
	sub(/:.*/, "", e)
	touch(int(num(s) / 4096) * 4096, pagealign(num(e)))
	sub(/^[^ ]* /, "", r)
	print text " = " r
}

# "PID (COMM) S PPID ... MINFLT CMINFLT MAJFLT CMAJFLT ...": how they changed.
function stat_line(line,    text, f, who) {
	end_maps()
	text = next_event("stat", "the stat line")
	if (text == "")
		return
	who = text
	sub(/^cat \/proc\//, "", who)
	sub(/\/stat$/, "", who)
	sub(/^.*\) /, "", line)		# f[1] is field 3, the state
	split(line, f, " ")
	if (who in minflt)
		printf "%s: minflt +%d cminflt +%d majflt +%d cmajflt +%d\n", text,
		       f[8] - minflt[who], f[9] - cminflt[who], f[10] - majflt[who],
		       f[11] - cmajflt[who]
	else
		print text ": (first)"
	minflt[who] = f[8]
	cminflt[who] = f[9]
	majflt[who] = f[10]
	cmajflt[who] = f[11]
}

function maps_line(line,    f, s, e, name, i, dash) {
	split(line, f, " ")
	dash = index(f[1], "-")
	s = hexval(substr(f[1], 1, dash - 1))
	e = hexval(substr(f[1], dash + 1))
	if (inmaps && s < last_start)	# maps run upwards: a new cat began
		end_maps()
	last_start = s
	if (!inmaps) {
		instatus = 0
		text = next_event("maps", "maps lines")
		if (text != "")
			print text ":"
		inmaps = 1
		nvmas = 0
	}
	nvmas++
	name = ""
	for (i = 6; i in f; i++)
		name = name " " f[i]
	shown = name == " [heap]" || touched(s, e)
	if (shown)
		print "  " f[1] " " f[2] " " f[3] name
}

# smaps: the VmFlags of a VMA shown (other keys depend on paging)
function smaps_line(line) {
	if (shown && line ~ /^VmFlags:/) {
		sub(/ +$/, "", line)
		print "    " line
	}
}

BEGIN {
	nev = 0; cur = 0; ntouched = 0; inmaps = 0; nvmas = 0; shown = 0; instatus = 0; last_start = 0
}

FNR == NR {
	seq_line($0)
	next
}

/^[A-Za-z0-9_-]+: [a-z_0-9]+\(/ {
	call_line($0)
	next
}

/^[A-Za-z0-9_-]+: (read|write) [^ ]+ 0x[0-9a-f]+-0x[0-9a-f]+: / {
	access_line($0)
	next
}

/^[0-9]+ \(.*\) [A-Za-z] / {
	stat_line($0)
	next
}

# the vsyscall page is the gate area, not a VMA of the process
/^[0-9a-f]+-[0-9a-f]+ .* \[vsyscall\]$/ {
	next
}

/^[0-9a-f]+-[0-9a-f]+ [-r][-w][-x][ps] / {
	maps_line($0)
	next
}

/^[A-Za-z_]+:\t/ && !inmaps {
	status_line($0)
	next
}

/^[A-Z][A-Za-z_]*: / && inmaps {
	smaps_line($0)
	next
}

{
	end_maps()
}

END {
	end_maps()
	for (; cur < nev; cur++)
		print "MISMATCH: no output for \"" evtext[cur] "\""
}
