/*
 * Host check of mmap's file checks and open's errors (mm/mmap_file.c,
 * fs/file_syscalls.c): run as root on the 6.18 host, output in
 * mmap-fd-host-check.txt.  gcc -o chk mmap-fd-host-check.c && ./chk
 * (creates /tmp/fdchk/f; fd numbers depend on what the shell passes).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
static void t(const char *what, int fd, int prot, int flags) {
	void *p = mmap(NULL, 4096, prot, flags, fd, 0);
	printf("%-40s %s\n", what, p == MAP_FAILED ? strerrorname_np(errno) : "ok");
	if (p != MAP_FAILED) {
		int r = mprotect(p, 4096, PROT_READ|PROT_WRITE);
		printf("%-40s   mprotect rw: %s\n", "", r ? strerrorname_np(errno) : "ok");
		munmap(p, 4096);
	}
}
int main(void) {
	int fd = open("/tmp/fdchk/f", O_RDWR|O_CREAT, 0644); ftruncate(fd, 8192); close(fd);
	int ro = open("/tmp/fdchk/f", O_RDONLY), wo = open("/tmp/fdchk/f", O_WRONLY), rw = open("/tmp/fdchk/f", O_RDWR);
	int dir = open("/tmp", O_RDONLY);
	int nul = open("/dev/console", O_RDWR);
	printf("fds ro=%d wo=%d rw=%d dir=%d console=%d\n", ro, wo, rw, dir, nul);
	t("shared rw on ro", ro, PROT_READ|PROT_WRITE, MAP_SHARED);
	t("shared r on ro", ro, PROT_READ, MAP_SHARED);
	t("private rw on ro", ro, PROT_READ|PROT_WRITE, MAP_PRIVATE);
	t("private r on wo", wo, PROT_READ, MAP_PRIVATE);
	t("shared w on wo", wo, PROT_WRITE, MAP_SHARED);
	t("shared rw on rw", rw, PROT_READ|PROT_WRITE, MAP_SHARED);
	t("private r on dir", dir, PROT_READ, MAP_PRIVATE);
	t("shared rw on dir", dir, PROT_READ|PROT_WRITE, MAP_SHARED);
	t("private r on bad fd 99", 99, PROT_READ, MAP_PRIVATE);
	t("private r on console", nul, PROT_READ, MAP_PRIVATE);
	t("growsdown file", rw, PROT_READ, MAP_PRIVATE|MAP_GROWSDOWN);
	int d2 = open("/tmp", O_RDWR); printf("open dir rdwr: %s\n", d2 < 0 ? strerrorname_np(errno) : "ok");
	int c2 = open("/tmp", O_RDONLY|O_CREAT, 0644); printf("open dir creat: %s\n", c2 < 0 ? strerrorname_np(errno) : "ok");
	int e = open("/tmp/fdchk/f", O_RDONLY|O_CREAT|O_EXCL, 0644); printf("creat excl existing: %s\n", e < 0 ? strerrorname_np(errno) : "ok");
	e = open("/tmp/fdchk/nodir/x", O_RDONLY|O_CREAT, 0644); printf("creat in missing dir: %s\n", e < 0 ? strerrorname_np(errno) : "ok");
	e = open("/tmp/fdchk/f/x", O_RDONLY); printf("file as dir: %s\n", e < 0 ? strerrorname_np(errno) : "ok");
	printf("close(99): %s\n", close(99) ? strerrorname_np(errno) : "ok");
	struct rlimit rl = { 10, 10 }; setrlimit(RLIMIT_NOFILE, &rl);
	int last = -1; for (;;) { int x = open("/tmp/fdchk/f", O_RDONLY); if (x < 0) { printf("at limit 10 after fd %d: %s\n", last, strerrorname_np(errno)); break; } last = x; }
	e = open("/nonexistent", O_RDONLY); printf("missing at limit: %s\n", e < 0 ? strerrorname_np(errno) : "ok");
	return 0;
}
