# Faults mmsim does not model yet stop the access with EIO and a
# "not yet modelled" kernel log line; the process lives on.
file /data 64K
spawn a
a: mmap m 64K file=/data shared
a: read m
expect last == EIO
a: mmap s 64K shared
a: write s
a: write s[0:8K] seq
expect last == EIO
