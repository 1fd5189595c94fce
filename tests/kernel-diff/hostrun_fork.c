// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostrun_fork.c: the forked children of a kernel-diff sequence on the
 * host.  `NAME: fork CHILD` forks the runner; the child reads its
 * commands from a pipe, runs them and acks each, so the output keeps
 * the sequence's order; at its end it sends its fault counts for its
 * parent's cminflt (wait).
 *
 * Leaves out: grandchildren; more than 8 children.
 *
 * Callers: run_command and run_verb (hostrun.c), hostrun() at its end.
 */
#include "hostrun.h"

/* ---- children: fork makes a process that runs its commands sent by pipe ---- */

struct child children[8];
int nr_children;

struct child *find_child(const char *name, size_t n)
{
	for (int i = 0; i < nr_children; i++)
		if (slen(children[i].name) == n && !memcmp(children[i].name, name, n))
			return &children[i];
	return NULL;
}

static bool read_all(long fd, void *buf, size_t n)
{
	for (size_t got = 0; got < n;) {
		long r = sys(__NR_read, fd, (char *)buf + got, n - got);

		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

/* A child's life: run each command the parent sends, ack, until told to exit. */
static void child_loop(int cmd_fd, int ack_fd)
{
	char line[LINE_MAX_];
	uint32_t n;
	int failed;

	parent_ack_fd = ack_fd;
	for (;;) {
		if (!read_all(cmd_fd, &n, sizeof(n)) || n >= sizeof(line) || !read_all(cmd_fd, line, n))
			sys(__NR_exit_group, 0, 0, 0);	/* the parent is done */
		line[n] = '\0';
		failed = run_line(line);
		flush();
		sys(__NR_write, ack_fd, failed ? "f" : "k", 1);
	}
}

/* fork CHILD: the child takes the name and waits for its commands. */
void cmd_fork(int argc, char **argv)
{
	int cmd[2], ack[2];
	struct child *c;
	long pid;

	if (argc != 2 || is_child || nr_children == 8 || slen(argv[1]) >= sizeof(c->name) ||
	    find_child(argv[1], slen(argv[1])) || seq_(argv[1], st.actor))
		die("fork: NAME: fork CHILD, a new name, up to 8, from the spawned process only", NULL);
	if (sys(__NR_pipe2, cmd, 0, 0) < 0 || sys(__NR_pipe2, ack, 0, 0) < 0)
		die("fork: no pipe", NULL);
	flush();
	pid = msys(__NR_fork, 0, 0, 0);
	if (pid < 0)
		die("fork failed", NULL);
	if (pid == 0) {
		for (int i = 0; i < nr_children; i++) {
			sys(__NR_close, children[i].cmd_fd, 0, 0);
			sys(__NR_close, children[i].ack_fd, 0, 0);
		}
		sys(__NR_close, cmd[1], 0, 0);
		sys(__NR_close, ack[0], 0, 0);
		is_child = true;
		nr_children = 0;
		flt = cflt = (struct faults){ 0, 0 };	/* copy_process: the child's own */
		prefault_image();
		memcpy(st.actor, argv[1], slen(argv[1]) + 1);
		child_loop(cmd[0], ack[1]);
	}
	sys(__NR_close, cmd[0], 0, 0);
	sys(__NR_close, ack[1], 0, 0);
	c = &children[nr_children++];
	memcpy(c->name, argv[1], slen(argv[1]) + 1);
	c->pid = pid;
	c->cmd_fd = cmd[1];
	c->ack_fd = ack[0];
	puts_(st.actor);
	puts_(": fork()");
	result(pid, false);
}

/*
 * Hand a child its command (the words joined again) and wait until it is
 * done; returns 1 if it was an expect that failed.  @may_end: the child
 * may be gone after it (exit, or killed by a bad access).
 */
int forward(struct child *c, int argc, char **argv, bool may_end)
{
	char line[LINE_MAX_];
	uint32_t n = 0;
	char k = 0;

	if (c->exited)
		die("a command for a child that exited:", c->name);
	for (int i = 0; i < argc; i++) {
		size_t wl = slen(argv[i]);

		if (n + wl + 2 >= sizeof(line))
			die("line too long", NULL);
		memcpy(line + n, argv[i], wl);
		n += (uint32_t)wl;
		line[n++] = ' ';
	}
	flush();
	if (sys(__NR_write, c->cmd_fd, &n, sizeof(n)) != sizeof(n) ||
	    sys(__NR_write, c->cmd_fd, line, n) != n)
		die("cannot reach child", c->name);
	if (sys(__NR_read, c->ack_fd, &k, 1) == 1 && k != 'e')
		return k == 'f';
	if (k == 'e' && !read_all(c->ack_fd, &c->end, sizeof(c->end)))
		die("a child's end report was cut short:", c->name);
	if (!may_end)
		die("the child died running its command:", c->name);
	c->exited = true;
	return 0;
}

/* exit [CODE] of a child (in the child). */
void cmd_exit(int argc, char **argv)
{
	uint64_t code = 0;

	if (!is_child || argc > 2 || (argc == 2 && (!parse_u64(argv[1], &code) || code > 255)))
		die("exit: only a forked child exits here, NAME: exit [CODE]", NULL);
	flush();
	report_end();
	sys(__NR_exit_group, (long)code, 0, 0);
}

/* wait CHILD (the parent): wait4 of a child told to exit, else WNOHANG. */
void cmd_wait(int argc, char **argv)
{
	struct child *c = argc == 2 ? find_child(argv[1], slen(argv[1])) : NULL;
	int status;
	long ret;

	if (!c || is_child)
		die("wait: NAME: wait CHILD, a child of the spawned process", NULL);
	puts_(st.actor);
	puts_(": wait4(");
	putu((uint64_t)c->pid, 10);
	puts_(", ...)");
	ret = sys6(__NR_wait4, c->pid, (long)&status, c->exited ? 0 : 1 /* WNOHANG */, 0, 0, 0);
	if (ret == c->pid) {
		c->reaped = true;
		cflt.min += c->end.min;
		cflt.maj += c->end.maj;
	}
	result(ret, false);
}

/* At the end: children still running are told to stop, all are reaped. */
void end_children(void)
{
	int status;

	for (int i = 0; i < nr_children; i++) {
		sys(__NR_close, children[i].cmd_fd, 0, 0);
		if (!children[i].reaped)
			sys6(__NR_wait4, children[i].pid, (long)&status, 0, 0, 0, 0);
	}
	nr_children = 0;
}
