# Issue 5 part 3: the access patterns of the read and write verbs.  seq
# touches every page once; rand=N draws N pages (seeded: the same seed
# gives the same pages); stride=S steps S bytes; zipf=THETA:N draws N
# pages, the first ones hottest; repeat=K runs the pattern K times.  Only
# the first touch of a page faults; the output names the accesses, the
# distinct pages and the minor faults.
boot mem=1G
spawn a
a: mmap buf 4M
a: read buf rand=1000 seed=7
a: read buf rand=1000 seed=7
a: read buf stride=64K
a: read buf[0:64K] stride=64 repeat=2
a: write buf zipf=0.99:10000 seed=1
a: write buf[0:1M] repeat=3
a: write buf
expect /proc/a/status:RssAnon == 4096kB
a: exit
