# SPDX-License-Identifier: GPL-2.0-only
# The binary page files from the command line: cat declines them with a
# note, xxd dumps them as xxd(1) does, page-types counts pages by flags
# as tools/mm/page-types does; bad options and offsets are clear script
# errors.
. "$(dirname "$0")/lib.sh"

case_ "cat of a binary file prints a note, not the bytes, and goes on"
mm run -c 'spawn a; cat /proc/a/pagemap /proc/a/comm'
want_rc 0
want_err '^-c:2: cat: /proc/a/pagemap: binary file not shown (expected xxd'
want_out_is 'a'
end_case

case_ "xxd -e -g 8 prints kpageflags entries as numbers"
mm run -c 'boot mem=512M; xxd -e -g 8 -l 16 /proc/kpageflags'
want_rc 0
want_out_is '00000000: 0000000100000000 0000000100000000  ................'
end_case

case_ "xxd without -e prints bytes in pairs, the last line padded"
mm run -c 'boot mem=512M; xxd -s 8 -l 8 /proc/kpageflags'
want_rc 0
want_out_is '00000008: 0000 0000 0100 0000                      ........'
end_case

case_ "xxd of a text file shows its characters"
mm run -c 'spawn a; xxd /proc/a/comm'
want_rc 0
want_out_is '00000000: 610a                                     a.'
end_case

case_ "pagemap: a written page is present and exclusive, an untouched one 0"
mm run -c 'spawn a; a: mmap buf 8K; a: write buf[0:4K]; xxd -e -g 8 -s 0x3ffffbfe00 -l 16 /proc/a/pagemap'
want_rc 0
want_out '^3ffffbfe00: [8a]1[0-9a-f]\{14\} 0000000000000000  '
end_case

case_ "xxd at an offset that is no multiple of 8 is Invalid argument"
mm run -c 'spawn a; xxd -s 3 -l 8 /proc/a/pagemap'
want_rc 2
want_err '^-c:2: xxd: /proc/a/pagemap: Invalid argument (expected a file of the machine and an offset that is a multiple of 8)'
end_case

case_ "xxd with a bad group size is a script error"
mm run -c 'xxd -g 3 /proc/kpageflags'
want_rc 2
want_err 'xxd: -g 3: not a group size (expected 1, 2, 4 or 8)'
end_case

case_ "page-types -p counts a process's zero page and written page"
mm run -c 'spawn a; a: mmap buf 12K; a: read buf[0:4K]; a: write buf[4K:8K]; page-types -p a'
want_rc 0
want_out '^             flags	page-count       MB  symbolic-flags			long-symbolic-flags$'
want_out '^0x0000000001000000	         1        0  ________________________z___________________	zero_page$'
want_out '^             total	         2        0$'
end_case

case_ "page-types of the whole machine counts every frame"
mm run -c 'boot mem=512M; page-types -b buddy'
want_rc 0
want_out '^0x0000000000000400	 *[0-9]* *[0-9]*  __________B_________________________________	buddy$'
end_case

case_ "page-types -a lists a range of frames with -l"
mm run -c 'boot mem=512M; page-types -r -a 0+4 -l -N'
want_rc 0
want_out_is 'offset	len	flags
0	4	___________________________r________________'
end_case

case_ "page-types -d describes a flag set by number or by names"
mm run -c 'page-types -d 0x5800; page-types -d anonymous,swapbacked,mmap'
want_rc 0
want_out_is '0x0000000000005800	___________Ma_b_____________________________	mmap,anonymous,swapbacked
0x0000000000005800	___________Ma_b_____________________________	mmap,anonymous,swapbacked'
end_case

case_ "page-types with an unknown option or flag is a script error"
mm run -c 'page-types -q'
want_rc 2
want_err "page-types: invalid option -- 'q'"
mm run -c 'page-types -b nosuchflag'
want_rc 2
want_err 'page-types: -b nosuchflag: invalid name or number'
end_case

done_
