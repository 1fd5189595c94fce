# SPDX-License-Identifier: GPL-2.0-only
# The simulated disk: files of real bytes with an ext4-like inode number on
# device 254:1 (fe:01 in maps), made with the directories on their way.
boot mem=1G nr_cpus=2 mmsim.disk_size=1G
file /usr/bin/app 2M data=text
file /data/db 64M data=random
file /data/empty 0
file /var/log/messages 10000
echo "-- an executable, a database, an empty file, their directories"
stat /usr/bin/app /data/db /data/empty
stat / /usr /data /var/log/messages
