# SPDX-License-Identifier: GPL-2.0-only
# The file and stat commands: the simulated disk's files, and clear script
# errors for bad sizes, missing arguments, existing paths and a full disk.
. "$(dirname "$0")/lib.sh"

case_ "file makes a file stat shows with its size, device and inode"
mm run -c 'file /data/db 1M data=random; stat /data/db'
want_rc 0
want_out '^  Size: 1048576   	Blocks: 2048       IO Block: 4096   regular file$'
want_out '^Device: 254,1	Inode: 13          Links: 1$'
want_no_err
end_case

case_ "file without a size is a script error"
mm run -c 'file /data/db'
want_rc 2
want_err '^-c:1: file: missing size (expected file PATH SIZE \[data=zero|random|text\], such as file /data/db 64M data=random)$'
end_case

case_ "file without arguments is a script error"
mm run -c 'file'
want_rc 2
want_err '^-c:1: file: missing path and size'
end_case

case_ "file with a bad size is a script error"
mm run -c 'file /data/db lots'
want_rc 2
want_err '^-c:1: file: "lots" is not a size (expected bytes or a size such as 4096, 64K, 16M or 1G)$'
end_case

case_ "file with a negative size is a script error"
mm run -c 'file /data/db -1'
want_rc 2
want_err 'file: "-1" is not a size'
end_case

case_ "file with an unknown data kind is a script error"
mm run -c 'file /data/db 1M data=ones'
want_rc 2
want_err '^-c:1: file: unknown "data=ones" (expected data=zero, data=random or data=text)$'
end_case

case_ "file with too many arguments is a script error"
mm run -c 'file /data/db 1M data=zero extra'
want_rc 2
want_err '^-c:1: file: too many arguments'
end_case

case_ "file on an existing path says File exists"
mm run -c 'file /a 1K; file /a 1K'
want_rc 2
want_err '^-c:2: file: cannot create /a: File exists$'
end_case

case_ "file with a relative path is a script error"
mm run -c 'file data/db 1K'
want_rc 2
want_err '^-c:1: file: cannot create data/db: not an absolute path'
end_case

case_ "file under a file says Not a directory"
mm run -c 'file /a 1K; file /a/b 1K'
want_rc 2
want_err '^-c:2: file: cannot create /a/b: Not a directory'
end_case

case_ "file past mmsim.disk_size= says No space left on device"
mm run -c 'boot mmsim.disk_size=1M; file /big 2M'
want_rc 2
want_err '^-c:2: file: cannot create /big: No space left on device (the disk holds 4096 of 1048576 bytes; mmsim.disk_size= sets its size)$'
end_case

case_ "a bad mmsim.disk_size= fails the boot"
mm run -c 'boot mmsim.disk_size=big'
want_rc 2
want_err 'mmsim.disk_size=big: not a disk size (expected a size of at least 4K such as 64G)'
end_case

case_ "stat of a missing file is a script error"
mm run -c 'stat /nope'
want_rc 2
want_err "^-c:1: stat: cannot statx '/nope': No such file or directory"
end_case

case_ "stat without a path is a script error"
mm run -c 'stat'
want_rc 2
want_err '^-c:1: stat: missing operand'
end_case

case_ "the disk's host files are gone when the run ends"
mkdir "$T/disk"
TMPDIR="$T/disk" mm run -c 'file /a 64K data=text; file /b/c 64K data=random'
want_rc 0
[ -z "$(ls -A "$T/disk")" ] || why_ "left behind: $(ls -A "$T/disk")"
end_case

done_
