// SPDX-License-Identifier: GPL-2.0-only
/*
 * Commands on the machine's binary files (/proc/PID/pagemap,
 * /proc/kpageflags, /proc/kpagecount), which `cat` does not print:
 *
 *   xxd [-e] [-g BYTES] [-s OFFSET] [-l LEN] FILE   as xxd(1) prints a dump
 *   page-types [-r] [-p PID|NAME] [-a ADDR-SPEC] [-b BITS] [-l|-L] [-M] [-N] | -d FLAGS
 *
 * page-types is Linux's tools/mm/page-types.c, rewritten on mmsim_pread:
 * it reads the task's maps (for its VMAs), pagemap, kpageflags and, with
 * -l -M, kpagecount - nothing else - and prints the same list and summary
 * table (flags, page-count, MB, symbolic-flags, long-symbolic-flags; rows
 * in its hash table's order).  Leaves out: -f (page cache of a file),
 * -c/-C (cgroups), -i (page_idle), -X/-x (hwpoison), -F.
 * Caller: script.c through page_types_commands.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

/* ---- xxd ---- */

#define XXD_COLS	16		/* bytes per line (xxd -c 16) */
#define XXD_CHUNK	4096		/* stdio's read size: binary files need it aligned */
#define XXD_DEFAULT_MAX	(64 << 10)	/* without -l: stop after this much */

/* xxd's options. */
struct xxd_opts {
	bool little;		/* -e: each group is a little-endian number */
	unsigned int group;	/* -g: bytes per group (2, or 4 with -e) */
	uint64_t seek;		/* -s: first offset */
	uint64_t len;		/* -l: bytes to dump (UINT64_MAX: to the end) */
};

/* One line of @n (<= 16) bytes at file offset @off. */
static void xxd_line(const struct xxd_opts *o, uint64_t off, const unsigned char *b, size_t n)
{
	unsigned int width = XXD_COLS * 2 + XXD_COLS / o->group - 1, col = 0;

	printf("%08llx: ", (unsigned long long)off);
	for (size_t g = 0; g < n; g += o->group) {
		if (g)
			col += (unsigned int)printf(" ");
		for (size_t i = 0; i < o->group; i++) {
			size_t k = o->little ? g + o->group - 1 - i : g + i;

			if (k < n)
				col += (unsigned int)printf("%02x", b[k]);
			else if (o->little)	/* a short last group: its missing high bytes */
				col += (unsigned int)printf("  ");
		}
	}
	printf("%*s  ", (int)(width - col), "");
	for (size_t i = 0; i < n; i++)
		putchar(b[i] >= 0x20 && b[i] < 0x7f ? b[i] : '.');
	putchar('\n');
}

static enum cmd_result xxd_parse(struct script *s, int argc, struct word *argv,
				 struct xxd_opts *o, const char **path)
{
	const char *usage = "xxd [-e] [-g BYTES] [-s OFFSET] [-l LEN] FILE";
	int i;

	*o = (struct xxd_opts){ .group = 0, .len = UINT64_MAX };
	for (i = 1; i < argc && argv[i].text[0] == '-' && !argv[i].op; i++) {
		const char *opt = argv[i].text;
		uint64_t v;

		if (!strcmp(opt, "-e")) {
			o->little = true;
			continue;
		}
		if (strcmp(opt, "-g") && strcmp(opt, "-s") && strcmp(opt, "-l"))
			return script_error(s, "xxd: unknown option \"%s\" (expected %s)", opt, usage);
		if (i + 1 >= argc || !parse_size(argv[i + 1].text, &v))
			return script_error(s, "xxd: %s needs a number (expected %s, as in xxd -e -g 8 -s 0x800 -l 64 /proc/a/pagemap)",
					    opt, usage);
		i++;
		if (opt[1] == 'g' && v != 1 && v != 2 && v != 4 && v != 8)
			return script_error(s, "xxd: -g %llu: not a group size (expected 1, 2, 4 or 8)",
					    (unsigned long long)v);
		if (opt[1] == 'g')
			o->group = (unsigned int)v;
		else if (opt[1] == 's')
			o->seek = v;
		else
			o->len = v;
	}
	if (i != argc - 1 || argv[i].op)
		return script_error(s, "xxd: %s (expected %s)",
				    i >= argc ? "missing file" : "more than one file", usage);
	if (!o->group)
		o->group = o->little ? 4 : 2;
	*path = argv[i].text;
	return CMD_OK;
}

static enum cmd_result cmd_xxd(struct script *s, int argc, struct word *argv)
{
	unsigned char *buf = malloc(XXD_CHUNK);
	struct xxd_opts o;
	const char *path = NULL;
	uint64_t off, done = 0, want, more;
	bool capped;

	if (!buf)
		abort();
	if (xxd_parse(s, argc, argv, &o, &path) != CMD_OK) {
		free(buf);
		return CMD_ERROR;
	}
	capped = o.len == UINT64_MAX;
	want = capped ? XXD_DEFAULT_MAX : o.len;
	for (off = o.seek; done < want;) {
		int64_t n = mmsim_pread(s->m, path, buf, XXD_CHUNK, off);

		if (n < 0) {
			free(buf);
			return script_error(s, "xxd: %s: %s (expected a file of the machine%s)", path,
					    errno_text((int)-n),
					    n == -EINVAL ? " and an offset that is a multiple of 8" : "");
		}
		if (n == 0)
			break;
		if ((uint64_t)n > want - done)
			n = (int64_t)(want - done);
		for (int64_t i = 0; i < n; i += XXD_COLS)
			xxd_line(&o, off + (uint64_t)i, buf + i,
				 (size_t)(n - i < XXD_COLS ? n - i : XXD_COLS));
		off += (uint64_t)n;
		done += (uint64_t)n;
	}
	free(buf);
	if (capped && done == want && mmsim_pread(s->m, path, &more, 8, off) > 0)
		script_note(s, "xxd: stopped after %d bytes (expected -l LEN to dump more)",
			    XXD_DEFAULT_MAX);
	return CMD_OK;
}

/* ---- page-types ---- */

/* pagemap and kpageflags bits page-types knows (tools/mm/page-types.c). */
#define PM_PFRAME_MASK		((1ULL << 55) - 1)
#define PM_SOFT_DIRTY		(1ULL << 55)
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)
#define PM_FILE			(1ULL << 61)
#define PM_SWAP			(1ULL << 62)
#define PM_PRESENT		(1ULL << 63)
#define KPF_BIT(n)		(1ULL << (n))
#define KPF_ALL_BITS		(~0ULL)
#define KPF_HACKERS_BITS	(0xffffULL << 32)
#define BITS_COMPOUND		(KPF_BIT(15) | KPF_BIT(16))
#define HASH_SIZE		8192
#define PT_BATCH		4096	/* entries per read */
#define PT_MAX_VMAS		10240
#define PT_MAX_FILTERS		64
#define PT_MAX_RANGES		1024

static const char *const page_flag_names[64] = {
	[0] = "L:locked", [1] = "E:error", [2] = "R:referenced", [3] = "U:uptodate",
	[4] = "D:dirty", [5] = "l:lru", [6] = "A:active", [7] = "S:slab",
	[8] = "W:writeback", [9] = "I:reclaim", [10] = "B:buddy", [11] = "M:mmap",
	[12] = "a:anonymous", [13] = "s:swapcache", [14] = "b:swapbacked",
	[15] = "H:compound_head", [16] = "T:compound_tail", [17] = "G:huge",
	[18] = "u:unevictable", [19] = "X:hwpoison", [20] = "n:nopage", [21] = "x:ksm",
	[22] = "t:thp", [23] = "o:offline", [24] = "z:zero_page", [25] = "i:idle_page",
	[26] = "g:pgtable",
	[32] = "r:reserved", [33] = "m:mlocked", [34] = "d:owner_2", [35] = "P:private",
	[36] = "p:private_2", [37] = "O:owner_private", [38] = "h:arch", [39] = "c:uncached",
	[40] = "f:softdirty", [41] = "H:arch_2",
	[47] = "d:anon_exclusive", [48] = "I:readahead", [50] = "A:slub_frozen",
	[51] = "E:slub_debug", [61] = "F:file", [62] = "w:swap", [63] = "1:mmap_exclusive",
};

/* One run of page-types: its options and its summary table. */
struct page_types {
	struct script *s;
	bool raw;			/* -r: expand overloaded flags, keep hacker bits */
	int list;			/* -l: 1 (ranges), -L: 2 (each page) */
	bool list_mapcnt;		/* -M: a map-cnt column (reads kpagecount) */
	bool no_summary;		/* -N */
	const char *pid;		/* -p: the process (pid or name), or NULL */
	bool described;			/* -d printed a description: walk nothing */
	char path[64];			/* /proc/PID/pagemap */
	unsigned long nr_vmas, pg_start[PT_MAX_VMAS], pg_end[PT_MAX_VMAS];
	int nr_filters;
	uint64_t mask[PT_MAX_FILTERS], bits[PT_MAX_FILTERS];
	int nr_ranges;
	unsigned long offset[PT_MAX_RANGES], size[PT_MAX_RANGES];
	unsigned long total, nr_pages[HASH_SIZE];
	uint64_t page_flags[HASH_SIZE];
	/* show_page_range's pending run */
	uint64_t flags0, mapcnt0;
	unsigned long voff, index, count;
	bool failed;			/* a read failed: reported, stop */
};

/* page_flag_name: one letter per named bit, '_' when clear. */
static const char *page_flag_name(uint64_t flags, char *buf)
{
	size_t j = 0;

	for (int i = 0; i < 64; i++)
		if (page_flag_names[i])
			buf[j++] = (flags >> i) & 1 ? page_flag_names[i][0] : '_';
	buf[j] = '\0';
	return buf;
}

/* page_flag_longname: the set bits' names, comma separated. */
static const char *page_flag_longname(uint64_t flags, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < 64; i++)
		if (page_flag_names[i] && ((flags >> i) & 1))
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? "," : "",
					      page_flag_names[i] + 2);
	return buf;
}

/* do_u64_read: up to @count entries at @index of @path into @buf; 0 on error. */
static unsigned long u64_read(struct page_types *pt, const char *path, uint64_t *buf,
			      unsigned long index, unsigned long count)
{
	int64_t n = mmsim_pread(pt->s->m, path, buf, (uint64_t)count * 8, (uint64_t)index * 8);

	if (n < 0) {
		script_error(pt->s, "page-types: %s: %s (expected a readable binary file)", path,
			     errno_text((int)-n));
		pt->failed = true;
		return 0;
	}
	return (unsigned long)n / 8;
}

/* expand_overloaded_flags (-r): anon_exclusive, slub's, readahead, and pagemap's bits. */
static uint64_t expand_overloaded_flags(uint64_t flags, uint64_t pme)
{
	if ((flags & KPF_BIT(12)) && (flags & KPF_BIT(34)))
		flags ^= KPF_BIT(34) | KPF_BIT(47);
	if (flags & KPF_BIT(7)) {
		if (flags & KPF_BIT(6))
			flags ^= KPF_BIT(6) | KPF_BIT(50);
		if (flags & KPF_BIT(1))
			flags ^= KPF_BIT(1) | KPF_BIT(51);
	}
	if ((flags & (KPF_BIT(9) | KPF_BIT(8))) == KPF_BIT(9))
		flags ^= KPF_BIT(9) | KPF_BIT(48);
	if (pme & PM_SOFT_DIRTY)
		flags |= KPF_BIT(40);
	if (pme & PM_FILE)
		flags |= KPF_BIT(61);
	if (pme & PM_SWAP)
		flags |= KPF_BIT(62);
	if (pme & PM_MMAP_EXCLUSIVE)
		flags |= KPF_BIT(63);
	return flags;
}

/* kpageflags_flags: raw mode expands, else well_known_flags hides. */
static uint64_t kpageflags_flags(const struct page_types *pt, uint64_t flags, uint64_t pme)
{
	if (pt->raw)
		return expand_overloaded_flags(flags, pme);
	flags &= ~KPF_HACKERS_BITS;
	if ((flags & BITS_COMPOUND) && !(flags & KPF_BIT(17)))
		flags &= ~BITS_COMPOUND;
	return flags;
}

static bool bit_mask_ok(const struct page_types *pt, uint64_t flags)
{
	for (int i = 0; i < pt->nr_filters; i++) {
		if (pt->bits[i] == KPF_ALL_BITS) {
			if ((flags & pt->mask[i]) == 0)
				return false;
		} else if ((flags & pt->mask[i]) != pt->bits[i]) {
			return false;
		}
	}
	return true;
}

/* hash_slot: slot 0 for flags 0, else linear probing from flags & 8191. */
static size_t hash_slot(struct page_types *pt, uint64_t flags)
{
	size_t k = flags & (HASH_SIZE - 1);

	if (!flags)
		return 0;
	for (size_t i = 1; i < HASH_SIZE; i++, k++) {
		if (!k || k >= HASH_SIZE)
			k = 1;
		if (pt->page_flags[k] == 0) {
			pt->page_flags[k] = flags;
			return k;
		}
		if (pt->page_flags[k] == flags)
			return k;
	}
	return 0;		/* 8191 distinct flag sets: cannot happen with 44 bits used */
}

/* The leading columns of a listed page: voffset and map-cnt. */
static void list_prefix(const struct page_types *pt, unsigned long voffset, uint64_t mapcnt)
{
	if (pt->pid)
		printf("%lx\t", voffset);
	if (pt->list_mapcnt)
		printf("%llu\t", (unsigned long long)mapcnt);
}

/* show_page_range: extend the pending run, or print it and start anew. */
static void show_page_range(struct page_types *pt, unsigned long voffset, unsigned long offset,
			    unsigned long size, uint64_t flags, uint64_t mapcnt)
{
	char name[65];

	if (flags == pt->flags0 && mapcnt == pt->mapcnt0 && offset == pt->index + pt->count &&
	    size && voffset == pt->voff + pt->count) {
		pt->count += size;
		return;
	}
	if (pt->count) {
		list_prefix(pt, pt->voff, pt->mapcnt0);
		printf("%lx\t%lx\t%s\n", pt->index, pt->count, page_flag_name(pt->flags0, name));
	}
	pt->flags0 = flags;
	pt->mapcnt0 = mapcnt;
	pt->index = offset;
	pt->voff = voffset;
	pt->count = size;
}

static void add_page(struct page_types *pt, unsigned long voffset, unsigned long offset,
		     uint64_t flags, uint64_t mapcnt, uint64_t pme)
{
	char name[65];

	flags = kpageflags_flags(pt, flags, pme);
	if (!bit_mask_ok(pt, flags))
		return;
	if (pt->list == 1) {
		show_page_range(pt, voffset, offset, 1, flags, mapcnt);
	} else if (pt->list == 2) {
		list_prefix(pt, voffset, mapcnt);
		printf("%lx\t%s\n", offset, page_flag_name(flags, name));
	}
	pt->nr_pages[hash_slot(pt, flags)]++;
	pt->total++;
}

/* walk_pfn: @count frames from @index (mapped at @voffset with @pme). */
static void walk_pfn(struct page_types *pt, unsigned long voffset, unsigned long index,
		     unsigned long count, uint64_t pme)
{
	uint64_t buf[PT_BATCH], cnt[PT_BATCH] = { 0 };

	while (count && !pt->failed) {
		unsigned long batch = count < PT_BATCH ? count : PT_BATCH;
		unsigned long pages = u64_read(pt, "/proc/kpageflags", buf, index, batch);

		if (!pages)
			break;
		if (pt->list && pt->list_mapcnt &&
		    u64_read(pt, "/proc/kpagecount", cnt, index, pages) != pages)
			break;
		for (unsigned long i = 0; i < pages; i++)
			add_page(pt, voffset + i, index + i, buf[i], cnt[i], pme);
		index += pages;
		count -= pages;
	}
}

/* walk_vma: the pagemap entries of [index, index + count) and their frames. */
static void walk_vma(struct page_types *pt, unsigned long index, unsigned long count)
{
	uint64_t buf[PT_BATCH];

	while (count && !pt->failed) {
		unsigned long batch = count < PT_BATCH ? count : PT_BATCH;
		unsigned long pages = u64_read(pt, pt->path, buf, index, batch);

		if (!pages)
			break;
		for (unsigned long i = 0; i < pages; i++) {
			unsigned long pfn = buf[i] & PM_PRESENT ? buf[i] & PM_PFRAME_MASK : 0;

			if (pfn)
				walk_pfn(pt, index + i, pfn, 1, buf[i]);
			if ((buf[i] & PM_SWAP) && bit_mask_ok(pt, kpageflags_flags(pt, 0, buf[i]))) {
				pt->nr_pages[hash_slot(pt, kpageflags_flags(pt, 0, buf[i]))]++;
				pt->total++;		/* walk_swap */
			}
		}
		index += pages;
		count -= pages;
	}
}

/* walk_task: the VMAs' parts inside [index, index + count). */
static void walk_task(struct page_types *pt, unsigned long index, unsigned long count)
{
	unsigned long end = index + count;
	unsigned long i = 0;

	while (index < end && !pt->failed) {
		while (pt->pg_end[i] <= index)
			if (++i >= pt->nr_vmas)
				return;
		if (pt->pg_start[i] >= end)
			return;
		unsigned long start = pt->pg_start[i] > index ? pt->pg_start[i] : index;

		index = pt->pg_end[i] < end ? pt->pg_end[i] : end;
		walk_vma(pt, start, index - start);
	}
}

/* parse_pid: the process's pagemap path and its VMAs from maps. */
static enum cmd_result pt_parse_pid(struct page_types *pt, const char *pid)
{
	char maps[64], *text = NULL;
	size_t len;
	int ret;

	pt->pid = pid;
	snprintf(pt->path, sizeof(pt->path), "/proc/%s/pagemap", pid);
	snprintf(maps, sizeof(maps), "/proc/%s/maps", pid);
	ret = mmsim_read(pt->s->m, maps, &text, &len);
	if (ret)
		return script_error(pt->s, "page-types: %s: %s (expected -p PID or a process name)",
				    maps, errno_text(-ret));
	for (char *line = text; line && *line && pt->nr_vmas < PT_MAX_VMAS;) {
		char *nl = strchr(line, '\n');
		unsigned long start, end;

		if (sscanf(line, "%lx-%lx", &start, &end) == 2) {
			pt->pg_start[pt->nr_vmas] = start / 4096;
			pt->pg_end[pt->nr_vmas++] = end / 4096;
		}
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	return CMD_OK;
}

/* A number of parse_number: C notation; false if not one. */
static bool pt_number(const char *str, unsigned long *out)
{
	uint64_t v;

	if (!parse_u64(str, &v))
		return false;
	*out = (unsigned long)v;
	return true;
}

/* parse_addr_range: N, N+M, N,M, N, or ,M (pages). */
static enum cmd_result pt_parse_addr(struct page_types *pt, const char *arg)
{
	const char *p = strchr(arg, ',') ? strchr(arg, ',') : strchr(arg, '+');
	unsigned long offset = 0, size = 1;
	char head[64];

	if (pt->nr_ranges >= PT_MAX_RANGES)
		return script_error(pt->s, "page-types: too many addr ranges (expected at most %d)",
				    PT_MAX_RANGES);
	snprintf(head, sizeof(head), "%.*s", p ? (int)(p - arg) : (int)strlen(arg), arg);
	if ((p != arg && !pt_number(head, &offset)) ||
	    (p && p[1] && !pt_number(p + 1, &size)) || (p == arg && !p[1]))
		return script_error(pt->s, "page-types: -a %s: invalid name or number (expected N, N+M, N,M, N, or ,M in pages)",
				    arg);
	if (p && !p[1])
		size = ~0UL;
	else if (p && *p == ',' && p != arg) {
		if (size < offset)
			return script_error(pt->s, "page-types: invalid range: %lu,%lu (expected N,M with M >= N)",
					    offset, size);
		size -= offset;
	}
	pt->offset[pt->nr_ranges] = offset;
	pt->size[pt->nr_ranges++] = size < ~0UL - offset ? size : ~0UL - offset;
	return CMD_OK;
}

/* parse_flag_name: a bit's name (or a prefix of one), "compound", or a number. */
static bool pt_flag_name(const char *str, size_t len, uint64_t *out)
{
	char num[32];
	unsigned long v;

	*out = 0;
	if (!len)
		return true;
	if (len <= 8 && !strncmp(str, "compound", len)) {
		*out = BITS_COMPOUND;
		return true;
	}
	for (int i = 0; i < 64; i++)
		if (page_flag_names[i] && !strncmp(str, page_flag_names[i] + 2, len)) {
			*out = 1ULL << i;
			return true;
		}
	snprintf(num, sizeof(num), "%.*s", (int)len, str);
	if (!pt_number(num, &v))
		return false;
	*out = v;
	return true;
}

/* parse_flag_names: comma-separated names; ~name counts only when @all. */
static bool pt_flag_names(const char *str, bool all, uint64_t *flags)
{
	const char *p = str;

	*flags = 0;
	for (;; p++) {
		if (*p == ',' || *p == '=' || *p == '\0') {
			uint64_t f;
			const char *name = *str == '~' ? str + 1 : str;

			if (*str != '~' || all) {
				if (!pt_flag_name(name, (size_t)(p - name), &f))
					return false;
				*flags |= f;
			}
			if (*p != ',')
				return true;
			str = p + 1;
		}
	}
}

/* parse_bits_mask: bit1,bit2 | bit1,bit2=bit1 | bit1,~bit2 | =bit1,bit2. */
static enum cmd_result pt_parse_bits(struct page_types *pt, const char *arg)
{
	const char *eq = strchr(arg, '=');
	uint64_t mask, bits;
	bool ok;

	if (pt->nr_filters >= PT_MAX_FILTERS)
		return script_error(pt->s, "page-types: too many bit filters (expected at most %d)",
				    PT_MAX_FILTERS);
	if (eq == arg) {
		mask = KPF_ALL_BITS;
		ok = pt_flag_names(eq + 1, false, &bits);
	} else if (eq) {
		ok = pt_flag_names(arg, false, &mask) && pt_flag_names(eq + 1, false, &bits);
	} else if (strchr(arg, '~')) {
		ok = pt_flag_names(arg, true, &mask) && pt_flag_names(arg, false, &bits);
	} else {
		ok = pt_flag_names(arg, false, &mask);
		bits = KPF_ALL_BITS;
	}
	if (!ok)
		return script_error(pt->s, "page-types: -b %s: invalid name or number (expected flag names such as anonymous,~swapbacked)",
				    arg);
	pt->mask[pt->nr_filters] = mask;
	pt->bits[pt->nr_filters++] = bits;
	return CMD_OK;
}

/* describe_flags (-d): the flags' value, letters and names; then stop. */
static enum cmd_result pt_describe(struct page_types *pt, const char *arg)
{
	char name[65], longname[1024];
	uint64_t flags;

	if (!pt_flag_names(arg, false, &flags))
		return script_error(pt->s, "page-types: -d %s: invalid name or number (expected flag names or a number, as in -d anonymous,swapbacked)",
				    arg);
	printf("0x%016llx\t%s\t%s\n", (unsigned long long)flags, page_flag_name(flags, name),
	       page_flag_longname(flags, longname, sizeof(longname)));
	pt->described = true;
	return CMD_OK;
}

static enum cmd_result pt_parse(struct page_types *pt, int argc, struct word *argv)
{
	const char *usage = "page-types [-r] [-p PID|NAME] [-a ADDR-SPEC] [-b BITS] [-l|-L] [-M] [-N] | -d FLAGS";

	for (int i = 1; i < argc; i++) {
		const char *o = argv[i].text;
		const char *arg = i + 1 < argc ? argv[i + 1].text : NULL;
		enum cmd_result r = CMD_OK;

		if (argv[i].op || o[0] != '-' || !o[1] || o[2])
			return script_error(pt->s, "page-types: unexpected \"%s\" (expected %s)", o, usage);
		if (strchr("pabd", o[1]) && !arg)
			return script_error(pt->s, "page-types: option requires an argument -- '%c' (expected %s)",
					    o[1], usage);
		switch (o[1]) {
		case 'r': pt->raw = true; break;
		case 'l': pt->list = 1; break;
		case 'L': pt->list = 2; break;
		case 'M': pt->list_mapcnt = true; break;
		case 'N': pt->no_summary = true; break;
		case 'p': r = pt_parse_pid(pt, arg); i++; break;
		case 'a': r = pt_parse_addr(pt, arg); i++; break;
		case 'b': r = pt_parse_bits(pt, arg); i++; break;
		case 'd': return pt_describe(pt, arg);	/* exits at once, as Linux's */
		default:
			return script_error(pt->s, "page-types: invalid option -- '%c' (expected %s)",
					    o[1], usage);
		}
		if (r != CMD_OK)
			return r;
	}
	return CMD_OK;
}

/* show_summary: one row per flag set, in hash-slot order, then the total. */
static void show_summary(const struct page_types *pt)
{
	char name[65], longname[1024];

	printf("             flags\tpage-count       MB  symbolic-flags\t\t\tlong-symbolic-flags\n");
	for (size_t i = 0; i < HASH_SIZE; i++)
		if (pt->nr_pages[i])
			printf("0x%016llx\t%10lu %8lu  %s\t%s\n",
			       (unsigned long long)pt->page_flags[i], pt->nr_pages[i],
			       pt->nr_pages[i] * 4096 >> 20, page_flag_name(pt->page_flags[i], name),
			       page_flag_longname(pt->page_flags[i], longname, sizeof(longname)));
	printf("             total\t%10lu %8lu\n", pt->total, pt->total * 4096 >> 20);
}

static enum cmd_result cmd_page_types(struct script *s, int argc, struct word *argv)
{
	struct page_types *pt = calloc(1, sizeof(*pt));
	enum cmd_result r;

	if (!pt)
		abort();
	pt->s = s;
	r = pt_parse(pt, argc, argv);
	if (r != CMD_OK || pt->described)
		goto out;
	if (pt->list && pt->pid)
		printf("voffset\t");
	if (pt->list && pt->list_mapcnt)
		printf("map-cnt\t");
	if (pt->list == 1)
		printf("offset\tlen\tflags\n");
	if (pt->list == 2)
		printf("offset\tflags\n");
	if (!pt->nr_ranges) {
		pt->offset[0] = 0;
		pt->size[pt->nr_ranges++] = ~0UL;
	}
	for (int i = 0; i < pt->nr_ranges && !pt->failed; i++)
		if (pt->pid)
			walk_task(pt, pt->offset[i], pt->size[i]);
		else
			walk_pfn(pt, pt->offset[i], pt->offset[i], pt->size[i], 0);
	if (pt->failed) {
		r = CMD_ERROR;
		goto out;
	}
	if (pt->list == 1)
		show_page_range(pt, 0, 0, 0, 0, 0);	/* flush_page_range */
	if (!pt->no_summary) {
		if (pt->list)
			printf("\n\n");
		show_summary(pt);
	}
out:
	free(pt);
	return r;
}

const struct command page_types_commands[] = {
	{ "xxd", cmd_xxd, true, "xxd [-e] [-g BYTES] [-s OFFSET] [-l LEN] FILE",
	  "dump a file of the machine in hex, as xxd(1)",
	  "Prints 16 bytes a line: the offset, the bytes in groups (-g 1, 2, 4 or\n"
	  "8 bytes; 2 by default), and the bytes as text.  -e prints each group as\n"
	  "a little-endian number: with -g 8 one pagemap or kpageflags entry per\n"
	  "group.  -s starts at OFFSET, -l stops after LEN bytes (without -l: the\n"
	  "end of the file or 64 KiB, whichever comes first).  The binary files\n"
	  "(/proc/PID/pagemap, /proc/kpageflags, /proc/kpagecount) are read at\n"
	  "offsets that are multiples of 8; pagemap's entry N is for address\n"
	  "N * 4096, so -s is the address / 512.\n"
	  "\n"
	  "  xxd -e -g 8 -s 0x3ffffff8000 -l 32 /proc/a/pagemap\n"
	  "  xxd -e -g 8 -l 64 /proc/kpageflags\n" },
	{ "page-types", cmd_page_types, true,
	  "page-types [-r] [-p PID|NAME] [-a ADDR-SPEC] [-b BITS] [-l|-L] [-M] [-N] | -d FLAGS",
	  "count pages by their flags, as Linux's tools/mm/page-types",
	  "Reads /proc/kpageflags (and with -p the process's maps and pagemap,\n"
	  "with -l -M /proc/kpagecount) and prints how many pages carry each set\n"
	  "of flags: flags, page-count, MB, one letter per flag, their names.\n"
	  "Without -p every page frame of the machine; with -p only the pages\n"
	  "the process maps.  -r shows the raw flags (reserved, owner_2 ...) and\n"
	  "pagemap's (file, swap, mmap_exclusive); -a N, N+M, N,M, N, or ,M\n"
	  "walks those page numbers (frames, or with -p virtual pages); -b\n"
	  "keeps pages with the named flags (anonymous,~swapbacked: anonymous\n"
	  "and not swapbacked; =buddy: exactly); -l lists ranges, -L each page,\n"
	  "-M adds the map count; -N leaves out the summary.  -d FLAGS prints\n"
	  "what a flag set is (value, letters, names) and nothing else.\n"
	  "\n"
	  "  page-types\n"
	  "  page-types -p a -r\n"
	  "  page-types -p a -l -M\n"
	  "  page-types -d 0x5800\n" },
	{ NULL },
};
