// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel actor, `kernel: VERB ...`: what a test module would do to the
 * page allocator, from a script.  It allocates blocks with alloc_pages,
 * keeps them in named sets, frees them (all, or every Nth to fragment
 * memory) and drains the per-CPU lists.  An allocation failure is an event
 * reported on stdout and kept for `expect last`, not a script error.
 * Leaves out: kmalloc and slab caches (later issues).  Caller: script.c
 * through kernel_commands.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mmsim.h"
#include "script.h"

#define KERNEL_ALLOC_ARGS "alloc_pages ORDER [COUNT|all] [gfp=FLAGS] [node=N] [cpu=N] as NAME"
#define KERNEL_USAGE_ALLOC "kernel: " KERNEL_ALLOC_ARGS

static struct page_set *find_set(struct script *s, const char *name)
{
	for (struct page_set *ps = s->sets; ps; ps = ps->next)
		if (!strcmp(ps->name, name))
			return ps;
	return NULL;
}

static void set_push(struct page_set *ps, unsigned long pfn)
{
	if (ps->nr == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 64;
		ps->pfns = realloc(ps->pfns, ps->cap * sizeof(*ps->pfns));
		if (!ps->pfns)
			abort();
	}
	ps->pfns[ps->nr++] = pfn;
}

static void set_remove(struct script *s, struct page_set *ps)
{
	struct page_set **pp = &s->sets;

	while (*pp != ps)
		pp = &(*pp)->next;
	*pp = ps->next;
	free(ps->name);
	free(ps->pfns);
	free(ps);
}

static bool valid_name(const char *n)
{
	if (!*n)
		return false;
	for (; *n; n++)
		if (!(*n == '_' || *n == '-' || (*n >= 'a' && *n <= 'z') ||
		      (*n >= 'A' && *n <= 'Z') || (*n >= '0' && *n <= '9')))
			return false;
	return true;
}

/* What `kernel: alloc_pages` was asked to do. */
struct alloc_request {
	unsigned int order;	/* block order */
	uint64_t count;		/* blocks wanted; 0 means until failure ("all") */
	const char *gfp;	/* flags as written, NULL for GFP_KERNEL */
	int nid;		/* node=, -1 for NUMA_NO_NODE */
	int cpu;		/* cpu=, -1 for the current CPU */
	const char *name;	/* the set's name (as NAME) */
};

/* Parse a small non-negative integer option value. */
static bool parse_int_opt(const char *v, int *out)
{
	uint64_t u;

	if (!parse_u64(v, &u) || u > 1000000)
		return false;
	*out = (int)u;
	return true;
}

static enum cmd_result parse_alloc(struct script *s, int argc, struct word *argv,
				   struct alloc_request *rq)
{
	uint64_t u;
	int i = 1;

	rq->nid = rq->cpu = -1;
	if (i >= argc || argv[i].op || !parse_u64(argv[i].text, &u) || u > 64)
		return script_error(s, "kernel: alloc_pages: %s (expected " KERNEL_USAGE_ALLOC ")",
				    i >= argc ? "missing order" : "order is not a number from 0 to 10");
	rq->order = (unsigned int)u;
	rq->count = 1;
	i++;
	if (i < argc && !argv[i].op && !strcmp(argv[i].text, "all")) {
		rq->count = 0;
		i++;
	} else if (i < argc && !argv[i].op && parse_u64(argv[i].text, &u)) {
		if (!u)
			return script_error(s, "kernel: alloc_pages: a count of 0 (expected a COUNT of 1 or more, or all)");
		rq->count = u;
		i++;
	}
	for (; i < argc; i++) {
		const char *a = argv[i].text;

		if (argv[i].op)
			return script_error(s, "kernel: alloc_pages: unexpected \"%s\" (expected " KERNEL_USAGE_ALLOC ")", a);
		if (!strncmp(a, "gfp=", 4) && a[4]) {
			rq->gfp = a + 4;
		} else if (!strncmp(a, "node=", 5)) {
			if (!parse_int_opt(a + 5, &rq->nid))
				return script_error(s, "kernel: alloc_pages: bad %s (expected node=N, N a node number)", a);
		} else if (!strncmp(a, "cpu=", 4)) {
			if (!parse_int_opt(a + 4, &rq->cpu))
				return script_error(s, "kernel: alloc_pages: bad %s (expected cpu=N, N a CPU number)", a);
		} else if (!strcmp(a, "as")) {
			if (i + 1 >= argc || argv[i + 1].op || !valid_name(argv[i + 1].text))
				return script_error(s, "kernel: alloc_pages: %s (expected as NAME, NAME made of letters, digits, _ and -)",
						    i + 1 >= argc ? "missing name after as" : "bad name after as");
			rq->name = argv[++i].text;
			if (i + 1 < argc)
				return script_error(s, "kernel: alloc_pages: unexpected \"%s\" after the name (expected " KERNEL_USAGE_ALLOC ")",
						    argv[i + 1].text);
		} else {
			return script_error(s, "kernel: alloc_pages: unexpected \"%s\" (expected " KERNEL_USAGE_ALLOC ")", a);
		}
	}
	if (!rq->name)
		return script_error(s, "kernel: alloc_pages: missing \"as NAME\" (expected " KERNEL_USAGE_ALLOC ")");
	if (find_set(s, rq->name))
		return script_error(s, "kernel: alloc_pages: name \"%s\" is in use (expected a new name, or kernel: free_pages %s first)",
				    rq->name, rq->name);
	return CMD_OK;
}

/* Print "kernel: alloc_pages order=3 x100 gfp=GFP_KERNEL as NAME: " */
static void print_alloc_head(const struct alloc_request *rq)
{
	printf("kernel: alloc_pages order=%u ", rq->order);
	if (rq->count)
		printf("x%llu", (unsigned long long)rq->count);
	else
		printf("xall");
	printf(" gfp=%s", rq->gfp ? rq->gfp : "GFP_KERNEL");
	if (rq->nid >= 0)
		printf(" node=%d", rq->nid);
	if (rq->cpu >= 0)
		printf(" cpu=%d", rq->cpu);
	printf(" as %s: ", rq->name);
}

static enum cmd_result kernel_alloc_pages(struct script *s, int argc, struct word *argv)
{
	struct alloc_request rq = { 0 };
	struct page_set *ps;
	char err[256] = "";
	unsigned long pfn;
	int ret = 0;

	if (parse_alloc(s, argc, argv, &rq) != CMD_OK)
		return CMD_ERROR;
	ps = calloc(1, sizeof(*ps));
	if (!ps || !(ps->name = strdup(rq.name)))
		abort();
	ps->order = rq.order;
	while (!rq.count || ps->nr < rq.count) {
		ret = mmsim_alloc_pages(s->m, rq.order, rq.gfp, rq.nid, rq.cpu, &pfn, err, sizeof(err));
		if (ret)
			break;
		set_push(ps, pfn);
	}
	if (ret == -EINVAL && !ps->nr) {
		free(ps->name);
		free(ps);
		return script_error(s, "kernel: alloc_pages: %s", err[0] ? err : "invalid request (expected " KERNEL_USAGE_ALLOC ")");
	}
	ps->next = s->sets;
	s->sets = ps;
	s->have_last = true;
	s->last_err = ret;
	print_alloc_head(&rq);
	if (!ret && rq.count == 1)
		printf("ok (pfn 0x%lx)\n", ps->pfns[0]);
	else if (!ret)
		printf("ok (%zu allocated)\n", ps->nr);
	else
		printf("-%s after %zu (%zu allocated)\n",
		       mmsim_errno_name(-ret) ? mmsim_errno_name(-ret) : "E?", ps->nr, ps->nr);
	if (ret == -EINVAL)
		return script_error(s, "kernel: alloc_pages: %s", err[0] ? err : "invalid request");
	return CMD_OK;
}

/* Free set entries 0, every, 2*every... of those left; keep the rest in order. */
static enum cmd_result kernel_free_pages(struct script *s, int argc, struct word *argv)
{
	struct page_set *ps;
	uint64_t every = 1;
	size_t kept = 0, freed = 0, i;

	if (argc < 2 || argv[1].op)
		return script_error(s, "kernel: free_pages: missing name (expected kernel: free_pages NAME [every=N])");
	for (int a = 2; a < argc; a++) {
		if (argv[a].op || strncmp(argv[a].text, "every=", 6) ||
		    !parse_u64(argv[a].text + 6, &every) || !every)
			return script_error(s, "kernel: free_pages: unexpected \"%s\" (expected every=N, N 1 or more)",
					    argv[a].text);
	}
	ps = find_set(s, argv[1].text);
	if (!ps)
		return script_error(s, "kernel: free_pages: no set named \"%s\" (expected a NAME given to kernel: alloc_pages ... as NAME)",
				    argv[1].text);
	for (i = 0; i < ps->nr; i++) {
		if (i % every == 0 && mmsim_free_pages(s->m, ps->pfns[i], ps->order) == 0) {
			freed++;
			continue;
		}
		if (i % every == 0) {
			/* refused: keep it and everything after it */
			unsigned long bad = ps->pfns[i];

			while (i < ps->nr)
				ps->pfns[kept++] = ps->pfns[i++];
			ps->nr = kept;
			return script_error(s, "kernel: free_pages %s: pfn 0x%lx order %u was refused (expected a block the allocator handed out; see dmesg)",
					    ps->name, bad, ps->order);
		}
		ps->pfns[kept++] = ps->pfns[i];
	}
	ps->nr = kept;
	printf("kernel: free_pages %s", ps->name);
	if (every > 1)
		printf(" every=%llu", (unsigned long long)every);
	printf(": %zu freed (%zu left)\n", freed, kept);
	if (!kept)
		set_remove(s, ps);
	s->have_last = true;
	s->last_err = 0;
	return CMD_OK;
}

static enum cmd_result kernel_drain_pages(struct script *s, int argc, struct word *argv)
{
	if (argc != 1)
		return script_error(s, "kernel: drain_pages: unexpected \"%s\" (expected kernel: drain_pages)",
				    argv[1].text);
	mmsim_drain_pages(s->m);
	printf("kernel: drain_pages: ok\n");
	s->have_last = true;
	s->last_err = 0;
	return CMD_OK;
}

const struct command kernel_commands[] = {
	{ "alloc_pages", kernel_alloc_pages, true, KERNEL_ALLOC_ARGS,
	  "allocate blocks of 2^ORDER pages",
	  "Calls alloc_pages_node(NODE, FLAGS, ORDER) COUNT times (default 1; all:\n"
	  "until an allocation fails) on CPU N, and keeps the blocks under NAME.\n"
	  "FLAGS are written as Linux prints them: GFP_KERNEL (the default),\n"
	  "GFP_ATOMIC, GFP_HIGHUSER_MOVABLE|__GFP_ZERO, GFP_KERNEL|__GFP_NOWARN...\n"
	  "It prints one line: ok, or the error and how many blocks were\n"
	  "allocated before it (they stay under NAME).  A failure is not a script\n"
	  "error: expect last == ENOMEM checks it.  A NAME in use, a bad order,\n"
	  "node, CPU or flag is a script error.\n"
	  "\n"
	  "  kernel: alloc_pages 3 100 as big\n"
	  "  kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_NOWARN as everything\n"
	  "  kernel: alloc_pages 0 node=1 gfp=GFP_KERNEL|__GFP_THISNODE as local\n" },
	{ "free_pages", kernel_free_pages, true, "free_pages NAME [every=N]",
	  "free a set's blocks (all, or every Nth)",
	  "Frees every block of NAME, or with every=N the blocks at positions\n"
	  "0, N, 2N... of those still held (every=2 frees every other block and\n"
	  "fragments memory).  When no block is left, NAME may be used again.\n"
	  "\n"
	  "  kernel: free_pages big\n"
	  "  kernel: free_pages everything every=2\n" },
	{ "drain_pages", kernel_drain_pages, true, "drain_pages",
	  "empty every per-CPU page list into the buddy lists",
	  "drain_all_pages(): the pages on every CPU's per-CPU lists go back to\n"
	  "the buddy free lists, where they can merge.\n"
	  "\n"
	  "  kernel: drain_pages\n" },
	{ NULL },
};

const struct command kernel_actor_command = {
	"kernel:", NULL, true, "kernel: VERB ARGUMENTS...",
	"drive the page allocator directly, as a test module would",
	"The kernel actor calls the allocator as kernel code does.  Verbs:\n"
	"  " KERNEL_USAGE_ALLOC "\n"
	"  kernel: free_pages NAME [every=N]\n"
	"  kernel: drain_pages\n"
	"help alloc_pages (and so on) explains each.  Each prints one line;\n"
	"expect last == ENOMEM (or == 0) checks the last result.\n"
	"\n"
	"  kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_NOWARN as pages\n"
	"  kernel: free_pages pages every=2\n"
	"  kernel: alloc_pages 3 as big\n"
	"  expect last == ENOMEM\n",
};
