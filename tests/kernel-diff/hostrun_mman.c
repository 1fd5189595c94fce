// SPDX-License-Identifier: GPL-2.0-only
/*
 * hostrun_mman.c: the spawned process of a kernel-diff sequence on the
 * host: its VARs (VAR -> address and length, as mmsim's proc_var list),
 * the result of its last call for `expect last`, and the process verbs
 * that are memory system calls (mmap, munmap, mprotect, brk, mremap,
 * madvise, mlock/munlock/mlock2, mlockall/munlockall, prlimit, msync,
 * mincore, open, close), each made as mmsim's CLI makes it and printed
 * as mmsim prints it; SIZE may be commit_headroom[+-SIZE].
 *
 * Leaves out: options mmsim has and no sequence uses (each dies with
 * its word); MAP_POPULATE on a host whose THP is "always".
 *
 * Callers: run_verb (hostrun.c); the children (hostrun_fork.c) and
 * read/write (hostrun_touch.c) use st and result().
 */
#include "hostrun.h"

/* ---- the process ---- */

struct state st;

struct var *find_var(const char *name, size_t n)
{
	for (int i = 0; i < st.nr_vars; i++)
		if (slen(st.vars[i].name) == n && !memcmp(st.vars[i].name, name, n))
			return &st.vars[i];
	return NULL;
}

/* VAR or VAR[START:END]: the address and length, as process_parse_range. */
void parse_range(const char *text, uint64_t *addr, uint64_t *len)
{
	const char *br = text, *colon, *end;
	uint64_t start = 0, stop;
	struct var *v;

	while (*br && *br != '[')
		br++;
	v = find_var(text, (size_t)(br - text));
	if (!v)
		die("no mapping named in", text);
	stop = v->len;
	if (*br) {
		for (colon = br; *colon && *colon != ':'; colon++)
			;
		for (end = colon; *end && *end != ']'; end++)
			;
		if (!*colon || !*end || end[1])
			die("bad range", text);
		if ((colon > br + 1 && !parse_size_n(br + 1, (size_t)(colon - br - 1), &start)) ||
		    (end > colon + 1 && !parse_size_n(colon + 1, (size_t)(end - colon - 1), &stop)))
			die("bad offset in range", text);
		if (start > stop || stop > v->len)
			die("range not inside its mapping", text);
	}
	*addr = v->addr + start;
	*len = stop - start;
}

int parse_prot(const char *t)
{
	static const struct { const char *name; int prot; } prots[] = {
		{ "none", PROT_NONE }, { "r", PROT_READ }, { "rw", PROT_READ | PROT_WRITE },
		{ "rx", PROT_READ | PROT_EXEC }, { "rwx", PROT_READ | PROT_WRITE | PROT_EXEC },
		{ "w", PROT_WRITE }, { "x", PROT_EXEC }, { "wx", PROT_WRITE | PROT_EXEC },
	};

	if (prefix(t, "prot="))
		t += 5;
	for (size_t i = 0; i < sizeof(prots) / sizeof(prots[0]); i++)
		if (seq_(t, prots[i].name))
			return prots[i].prot;
	die("bad protection", t);
	return -1;
}

/* " = RESULT" for a syscall's return value, and `last`. */
void result(long ret, bool is_addr)
{
	if (ret < 0 && ret > -4096) {
		puts_(" = -1 ");
		puts_(errno_name(-ret));
		puts_("\n");
		st.last_err = ret;
	} else {
		puts_(" = ");
		if (is_addr)
			putu((uint64_t)ret, 16);
		else
			putu((uint64_t)ret, 10);
		puts_("\n");
		st.last_err = 0;
	}
	st.have_last = true;
	flush();
}

/* ---- the memory system calls ---- */

/*
 * The largest mapping strict overcommit still allows this process, as
 * __vm_enough_memory (OVERCOMMIT_NEVER) decides: committed + pages must
 * stay below CommitLimit less the admin reserve (callers without
 * CAP_SYS_ADMIN) and min(total_vm / 32, user_reserve_kbytes).  The
 * per-CPU Committed_AS counts are folded first by writing 2 to
 * overcommit_memory again (overcommit_policy_handler syncs them).
 */
static uint64_t commit_headroom(void)
{
	char text[4096];
	uint64_t limit, committed, vmsize, user, admin, capeff = 0, mode;
	int64_t allowed;
	const char *end, *p;

	if (read_small("/proc/sys/vm/overcommit_memory", text, sizeof(text)) <= 0 ||
	    !parse_digits(text, &mode, &end) || mode != 2)
		die("commit_headroom needs vm.overcommit_memory=2 first", NULL);
	if (write_file("/proc/sys/vm/overcommit_memory", "2") < 0)
		die("cannot write /proc/sys/vm/overcommit_memory", NULL);
	if (read_small("/proc/sys/vm/user_reserve_kbytes", text, sizeof(text)) <= 0 ||
	    !parse_digits(text, &user, &end))
		die("cannot read", "/proc/sys/vm/user_reserve_kbytes");
	if (read_small("/proc/sys/vm/admin_reserve_kbytes", text, sizeof(text)) <= 0 ||
	    !parse_digits(text, &admin, &end))
		die("cannot read", "/proc/sys/vm/admin_reserve_kbytes");
	if (read_small("/proc/self/status", text, sizeof(text)) <= 0 ||
	    !key_value(text, "VmSize", &vmsize))
		die("cannot read VmSize in", "/proc/self/status");
	for (p = text; *p && !prefix(p, "CapEff:\t"); p++)
		;
	if (*p) {
		for (p += 8; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'); p++)
			capeff = capeff * 16 + (uint64_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	}
	if (read_small("/proc/meminfo", text, sizeof(text)) <= 0 ||
	    !key_value(text, "CommitLimit", &limit) || !key_value(text, "Committed_AS", &committed))
		die("cannot read CommitLimit and Committed_AS in", "/proc/meminfo");
	allowed = (int64_t)(limit / 4);
	if (!(capeff & (1ull << 21)))		/* CAP_SYS_ADMIN */
		allowed -= (int64_t)(admin / 4);
	allowed -= (int64_t)(vmsize / 4 / 32 < user / 4 ? vmsize / 4 / 32 : user / 4);
	allowed -= (int64_t)(committed / 4) + 1;
	return allowed > 0 ? (uint64_t)allowed * PAGE : 0;
}

/* A SIZE word: a size, or commit_headroom[+-SIZE]. */
static uint64_t size_word(const char *t)
{
	uint64_t v, d;

	if (prefix(t, "commit_headroom")) {
		v = commit_headroom();
		t += 15;
		if (!*t)
			return v;
		if ((*t != '+' && *t != '-') || !parse_size(t + 1, &d))
			die("bad commit_headroom expression", t);
		return *t == '+' ? v + d : (d > v ? 0 : v - d);
	}
	if (!parse_size(t, &v))
		die("not a size", t);
	return v;
}

/*
 * MAP_POPULATE faults pages in before a sequence can give the mapping
 * MADV_NOHUGEPAGE: on a host whose THP (or any anonymous mTHP size) is
 * "always" they would come as huge pages and the fault counts could
 * not be compared.  Such a host cannot run the sequence.
 */
static void refuse_thp_always(void)
{
	static const char *const sizes[] = { "", "hugepages-8kB/", "hugepages-16kB/",
		"hugepages-32kB/", "hugepages-64kB/", "hugepages-128kB/", "hugepages-256kB/",
		"hugepages-512kB/", "hugepages-1024kB/", "hugepages-2048kB/" };
	char path[128], text[128];

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		join(path, sizeof(path), "/sys/kernel/mm/transparent_hugepage/", sizes[i]);
		join(path, sizeof(path), path, "enabled");
		if (read_small(path, text, sizeof(text)) <= 0)
			continue;
		for (const char *p = text; *p; p++)
			if (prefix(p, "[always]"))
				die("populate: the host's THP is \"always\" (pages would come huge before MADV_NOHUGEPAGE):",
				    path);
	}
}

/* What an mmap command asks for (its words after VAR SIZE). */
struct mmap_req {
	unsigned long flags;	/* MAP_* */
	uint64_t addr;		/* fixed= / fixed_noreplace= address, else 0 */
	uint64_t offset;	/* offset= */
	const char *file;	/* file=NAME under tmpdir, or NULL */
	long fdarg;		/* fd=N, or -1 */
	int prot;		/* prot= */
};

/* Parse mmap's options argv[3..] into @r (dies on an unknown one). */
static void mmap_options(int argc, char **argv, struct mmap_req *r)
{
	uint64_t fdnum;

	for (int i = 3; i < argc; i++) {
		const char *t = argv[i];

		if (prefix(t, "prot="))
			r->prot = parse_prot(t);
		else if (seq_(t, "shared") || seq_(t, "private"))
			r->flags = (r->flags & ~3ul) | (t[0] == 's' ? MAP_SHARED : MAP_PRIVATE);
		else if (prefix(t, "fixed=") && parse_u64(t + 6, &r->addr))
			r->flags |= MAP_FIXED;
		else if (prefix(t, "fixed_noreplace=") && parse_u64(t + 16, &r->addr))
			r->flags |= MAP_FIXED_NOREPLACE;
		else if (prefix(t, "file=") && t[5])
			r->file = t + 5, r->flags &= ~(unsigned long)MAP_ANONYMOUS;
		else if (prefix(t, "fd=") && parse_u64(t + 3, &fdnum))
			r->fdarg = (long)fdnum, r->flags &= ~(unsigned long)MAP_ANONYMOUS;
		else if (prefix(t, "offset=") && parse_size(t + 7, &r->offset))
			;
		else if (seq_(t, "noreserve"))
			r->flags |= MAP_NORESERVE;
		else if (seq_(t, "populate"))
			r->flags |= MAP_POPULATE, refuse_thp_always();
		else if (seq_(t, "growsdown"))
			r->flags |= MAP_GROWSDOWN;
		else if (seq_(t, "locked"))
			r->flags |= MAP_LOCKED;
		else if (seq_(t, "stack"))
			r->flags |= MAP_STACK;
		else
			die("mmap: unknown option", t);
	}
}

/* Open file=NAME read-write; on failure print strace's line and return < 0. */
static long mmap_open_file(const char *file)
{
	char path[512];
	long fd;

	join(path, sizeof(path), tmpdir, file);
	fd = sys(__NR_open, path, O_RDWR, 0);
	if (fd < 0) {
		puts_(st.actor);
		puts_(": openat(AT_FDCWD, \"");
		puts_(file);
		puts_("\", O_RDWR)");
		result(fd, false);
	}
	return fd;
}

void cmd_mmap(int argc, char **argv)
{
	struct mmap_req r = { .flags = MAP_PRIVATE | MAP_ANONYMOUS, .fdarg = -1,
			      .prot = PROT_READ | PROT_WRITE };
	long fd = -1, ret;
	uint64_t size;
	struct var *v;

	if (argc < 3)
		die("mmap: expected NAME: mmap VAR SIZE ...", NULL);
	if (find_var(argv[1], slen(argv[1])) || st.nr_vars == MAX_VARS || slen(argv[1]) >= 32)
		die("mmap: VAR already mapped or too many VARs:", argv[1]);
	size = size_word(argv[2]);
	mmap_options(argc, argv, &r);
	if (r.file && (fd = mmap_open_file(r.file)) < 0)
		return;
	if (r.fdarg >= 0)
		fd = r.fdarg;
	puts_(st.actor);
	puts_(": mmap(");
	if (r.addr)
		putu(r.addr, 16);
	else
		puts_("NULL");
	puts_(", ");
	putu(size, 10);
	puts_(", ...)");
	ret = msys6(__NR_mmap, (long)r.addr, (long)size, r.prot, (long)r.flags, fd, (long)r.offset);
	if (fd >= 0 && r.file)
		sys(__NR_close, fd, 0, 0);
	result(ret, true);
	if (ret < 0 && ret > -4096)
		return;
	v = &st.vars[st.nr_vars++];
	memcpy(v->name, argv[1], slen(argv[1]) + 1);
	v->addr = (uint64_t)ret;
	v->len = (size + PAGE - 1) & ~(PAGE - 1);
}

void cmd_munmap(int argc, char **argv)
{
	uint64_t addr, len;

	if (argc != 2)
		die("munmap: expected NAME: munmap VAR[START:END]", NULL);
	parse_range(argv[1], &addr, &len);
	puts_(st.actor);
	puts_(": munmap(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	puts_(")");
	result(msys(__NR_munmap, addr, len, 0), false);
}

void cmd_mprotect(int argc, char **argv)
{
	uint64_t addr, len;
	int prot;

	if (argc != 3)
		die("mprotect: expected NAME: mprotect VAR[START:END] PROT", NULL);
	parse_range(argv[1], &addr, &len);
	prot = parse_prot(argv[2]);
	puts_(st.actor);
	puts_(": mprotect(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	puts_(", ...)");
	result(msys(__NR_mprotect, addr, len, prot), false);
}

/* brk SIZE|+DELTA|-DELTA as mmsim's cmd_brk computes the new break. */
void cmd_brk(int argc, char **argv)
{
	uint64_t cur, size, want, got;
	const char *t;

	if (argc != 2)
		die("brk: expected NAME: brk SIZE|+DELTA|-DELTA", NULL);
	t = argv[1];
	if (!parse_size(t + (*t == '+' || *t == '-'), &size))
		die("brk: not a size", t);
	cur = (uint64_t)msys(__NR_brk, 0, 0, 0);
	if (*t == '+')
		want = cur + size;
	else if (*t == '-')
		want = size > cur ? 0 : cur - size;
	else
		want = st.start_brk + size;
	if (want < cur && *t == '+')
		want = UINT64_MAX;
	got = (uint64_t)msys(__NR_brk, want, 0, 0);
	puts_(st.actor);
	puts_(": brk(");
	putu(want, 16);
	puts_(") = ");
	putu(got, 16);
	puts_("\n");
	flush();
	st.have_last = true;
	st.last_err = got == want ? 0 : -ENOMEM;
}

/* A RANGE: VAR[START:END] or ADDR LEN (madvise, mlock); words used. */
static int parse_any_range(int argc, char **argv, uint64_t *addr, uint64_t *len)
{
	if (argc >= 3 && argv[1][0] >= '0' && argv[1][0] <= '9') {
		if (!parse_u64(argv[1], addr) || !parse_size(argv[2], len))
			die("bad ADDR LEN at", argv[1]);
		return 2;
	}
	if (argc < 2)
		die("missing range", NULL);
	parse_range(argv[1], addr, len);
	return 1;
}

/* Sets VAR (a new one if needed) to a range, as cmd_mremap.c's set_var. */
static void set_var(const char *name, uint64_t addr, uint64_t len)
{
	struct var *v = find_var(name, slen(name));

	if (!v) {
		if (st.nr_vars == MAX_VARS || slen(name) >= sizeof(v->name))
			die("too many VARs or too long a name:", name);
		v = &st.vars[st.nr_vars++];
		memcpy(v->name, name, slen(name) + 1);
	}
	v->addr = addr;
	v->len = len;
}

/* mremap VAR[START:END] NEWSIZE [maymove] [fixed=ADDR] [dontunmap] [as NEWVAR] */
void cmd_mremap(int argc, char **argv)
{
	uint64_t addr, old_len, new_len, new_addr = 0;
	unsigned long flags = 0;
	const char *as = NULL;
	long ret;

	if (argc < 3)
		die("mremap: expected NAME: mremap VAR[START:END] NEWSIZE ...", NULL);
	parse_range(argv[1], &addr, &old_len);
	if (!parse_size(argv[2], &new_len))
		die("mremap: not a size", argv[2]);
	for (int i = 3; i < argc; i++) {
		if (seq_(argv[i], "maymove"))
			flags |= MREMAP_MAYMOVE;
		else if (seq_(argv[i], "dontunmap"))
			flags |= MREMAP_DONTUNMAP;
		else if (prefix(argv[i], "fixed=") && parse_u64(argv[i] + 6, &new_addr))
			flags |= MREMAP_FIXED;
		else if (seq_(argv[i], "as") && i + 1 < argc)
			as = argv[++i];
		else
			die("mremap: unknown option", argv[i]);
	}
	puts_(st.actor);
	puts_(": mremap(");
	putu(addr, 16);
	puts_(", ");
	putu(old_len, 10);
	puts_(", ");
	putu(new_len, 10);
	puts_(", ");
	putu(flags, 10);
	if (flags & MREMAP_FIXED) {
		puts_(", ");
		putu(new_addr, 16);
	}
	puts_(")");
	ret = msys6(__NR_mremap, (long)addr, (long)old_len, (long)new_len, (long)flags,
		   (long)new_addr, 0);
	result(ret, true);
	if (ret < 0 && ret > -4096)
		return;
	for (char *p = argv[1]; *p; p++)	/* VAR[START:END]: VAR names the new range */
		if (*p == '[')
			*p = '\0';
	set_var(as ? as : argv[1], (uint64_t)ret, (new_len + PAGE - 1) & ~(PAGE - 1));
}

/* Linux's MADV_* by name, as cmd_madvise.c spells them. */
static const struct { int value; const char *name; } madv_names[] = {
	{ 0, "normal" }, { 1, "random" }, { 2, "sequential" }, { 3, "willneed" },
	{ 4, "dontneed" }, { 8, "free" }, { 9, "remove" }, { 10, "dontfork" },
	{ 11, "dofork" }, { 12, "mergeable" }, { 13, "unmergeable" }, { 14, "hugepage" },
	{ 15, "nohugepage" }, { 16, "dontdump" }, { 17, "dodump" }, { 18, "wipeonfork" },
	{ 19, "keeponfork" }, { 20, "cold" }, { 21, "pageout" }, { 22, "populate_read" },
	{ 23, "populate_write" }, { 24, "dontneed_locked" }, { 25, "collapse" },
};

/* madvise RANGE ADVICE (a lower-case name or a number). */
void cmd_madvise(int argc, char **argv)
{
	uint64_t addr, len, v;
	int used = parse_any_range(argc, argv, &addr, &len), advice = -1;
	const char *t;

	if (argc != used + 2)
		die("madvise: expected NAME: madvise RANGE ADVICE", NULL);
	t = argv[used + 1];
	for (size_t i = 0; i < sizeof(madv_names) / sizeof(madv_names[0]); i++)
		if (seq_(t, madv_names[i].name))
			advice = madv_names[i].value;
	if (advice < 0 && parse_u64(t, &v))
		advice = (int)v;
	if (advice < 0)
		die("madvise: unknown advice (the host runner takes lower-case names or numbers)", t);
	puts_(st.actor);
	puts_(": madvise(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	puts_(", ");
	putu((uint64_t)advice, 10);
	puts_(")");
	result(msys(__NR_madvise, addr, len, advice), false);
}

/* mlock RANGE, munlock RANGE, mlock2 RANGE [onfault]. */
void cmd_mlock(int argc, char **argv)
{
	uint64_t addr, len;
	int used = parse_any_range(argc, argv, &addr, &len);
	bool two = seq_(argv[0], "mlock2"), onfault = false;
	long ret;

	if (two && argc == used + 2 && seq_(argv[used + 1], "onfault"))
		onfault = true;
	else if (argc != used + 1)
		die("expected NAME: mlock|munlock RANGE or mlock2 RANGE [onfault], got", argv[0]);
	puts_(st.actor);
	puts_(": ");
	puts_(argv[0]);
	puts_("(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	if (two)
		puts_(onfault ? ", 1" : ", 0");
	puts_(")");
	if (two)
		ret = msys(__NR_mlock2, addr, len, onfault ? 1 : 0);
	else
		ret = msys(seq_(argv[0], "mlock") ? __NR_mlock : __NR_munlock, addr, len, 0);
	result(ret, false);
}

/* prlimit RESOURCE [SOFT [HARD]]: prlimit64 of this process. */
void cmd_prlimit(int argc, char **argv)
{
	static const char *const names[] = {
		"cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile",
		"memlock", "as", "locks", "sigpending", "msgqueue", "nice", "rtprio", "rttime",
	};
	struct rlimit lim, old;
	uint64_t v;
	long res = -1, ret;

	if (argc < 2 || argc > 4)
		die("prlimit: expected NAME: prlimit RESOURCE [SOFT [HARD]]", NULL);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (seq_(argv[1], names[i]))
			res = (long)i;
	if (res < 0 && parse_u64(argv[1], &v))
		res = (long)v;
	if (res < 0)
		die("prlimit: the host runner takes lower-case resource names or numbers, not", argv[1]);
	puts_(st.actor);
	puts_(": prlimit64(0, ");
	putu((uint64_t)res, 10);
	if (argc == 2) {
		puts_(", NULL, ...)");
		result(msys6(__NR_prlimit64, 0, res, 0, (long)&old, 0, 0), false);
		return;
	}
	for (int i = 2; i < argc; i++) {
		uint64_t *dst = i == 2 ? (uint64_t *)&lim.rlim_cur : (uint64_t *)&lim.rlim_max;

		if (seq_(argv[i], "unlimited") || seq_(argv[i], "infinity"))
			*dst = UINT64_MAX;
		else if (!parse_size(argv[i], dst))
			die("prlimit: bad limit", argv[i]);
	}
	if (argc == 3) {	/* the hard limit stays, as cmd_prlimit reads it first */
		if (sys6(__NR_prlimit64, 0, res, 0, (long)&old, 0, 0) == 0)
			lim.rlim_max = old.rlim_max;
		else
			lim.rlim_max = lim.rlim_cur;
	}
	puts_(", {...}, NULL)");
	ret = msys6(__NR_prlimit64, 0, res, (long)&lim, 0, 0, 0);
	result(ret, false);
}

/* mlockall current|future|onfault..., munlockall. */
void cmd_mlockall(int argc, char **argv)
{
	long flags = 0;
	uint64_t v;

	if (seq_(argv[0], "munlockall")) {
		if (argc != 1)
			die("munlockall takes nothing", NULL);
		puts_(st.actor);
		puts_(": munlockall()");
		result(msys(__NR_munlockall, 0, 0, 0), false);
		return;
	}
	for (int i = 1; i < argc; i++) {
		if (seq_(argv[i], "current"))
			flags |= 1;
		else if (seq_(argv[i], "future"))
			flags |= 2;
		else if (seq_(argv[i], "onfault"))
			flags |= 4;
		else if (parse_u64(argv[i], &v))	/* a number goes as is */
			flags |= (long)v;
		else
			die("mlockall: expected current, future, onfault or a number, got", argv[i]);
	}
	puts_(st.actor);
	puts_(": mlockall(");
	putu((uint64_t)flags, 10);
	puts_(")");
	result(msys(__NR_mlockall, flags, 0, 0), false);
}

/* msync RANGE [async|sync] [invalidate], mincore RANGE. */
void cmd_msync_mincore(int argc, char **argv)
{
	unsigned char vec[256];
	uint64_t addr, len;
	int used = parse_any_range(argc, argv, &addr, &len);
	bool sync_ = seq_(argv[0], "msync");
	long flags = 0;

	for (int i = used + 1; i < argc; i++) {
		if (sync_ && seq_(argv[i], "async"))
			flags |= 1;
		else if (sync_ && seq_(argv[i], "invalidate"))
			flags |= 2;
		else if (sync_ && seq_(argv[i], "sync"))
			flags |= 4;
		else
			die("unexpected word", argv[i]);
	}
	if (!sync_ && (len + PAGE - 1) / PAGE > sizeof(vec))
		die("mincore: the host runner takes at most 1M", NULL);
	puts_(st.actor);
	puts_(sync_ ? ": msync(" : ": mincore(");
	putu(addr, 16);
	puts_(", ");
	putu(len, 10);
	puts_(sync_ ? ", ...)" : ", [...])");
	result(msys(sync_ ? __NR_msync : __NR_mincore, addr, len, sync_ ? flags : (long)vec),
	       false);
}

/* open PATH [rdonly|wronly|rdwr] [creat] [excl] [cloexec]: a descriptor of a file under tmpdir. */
void cmd_open(int argc, char **argv)
{
	char path[512];
	long flags = O_RDONLY;

	if (argc < 2 || argv[1][0] != '/')
		die("open: expected NAME: open /PATH [rdonly|wronly|rdwr] [creat] [excl] [cloexec]", NULL);
	for (int i = 2; i < argc; i++) {
		if (seq_(argv[i], "rdonly"))
			flags = (flags & ~3l) | O_RDONLY;
		else if (seq_(argv[i], "wronly"))
			flags = (flags & ~3l) | O_WRONLY;
		else if (seq_(argv[i], "rdwr"))
			flags = (flags & ~3l) | O_RDWR;
		else if (seq_(argv[i], "creat"))
			flags |= O_CREAT;
		else if (seq_(argv[i], "excl"))
			flags |= O_EXCL;
		else if (seq_(argv[i], "cloexec"))
			flags |= O_CLOEXEC;
		else
			die("open: unknown flag", argv[i]);
	}
	join(path, sizeof(path), tmpdir, argv[1]);
	puts_(st.actor);
	puts_(": openat(AT_FDCWD, \"");
	puts_(argv[1]);
	puts_("\", ...)");
	result(msys(__NR_open, path, flags, 0644), false);
}

/* close FD */
void cmd_close(int argc, char **argv)
{
	uint64_t fd;

	if (argc != 2 || !parse_u64(argv[1], &fd))
		die("close: expected NAME: close FD", NULL);
	puts_(st.actor);
	puts_(": close(");
	putu(fd, 10);
	puts_(")");
	result(msys(__NR_close, fd, 0, 0), false);
}
