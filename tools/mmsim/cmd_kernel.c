// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel actor, `kernel: VERB ...`: what a test module would do to the
 * kernel's allocators, from a script.  It allocates pages (alloc_pages),
 * kmalloc objects, objects of slab caches (its own, made with
 * kmem_cache_create, or the kernel's) and vmalloc areas, keeps them in
 * named sets, frees them (all, or every Nth to fragment memory; `keep`
 * leaves dangling pointers behind so a double free can be staged), writes
 * stray bytes into them as a buggy module would (red-zone overwrites, use
 * after free), reads them back, and drains the per-CPU lists.  Objects of
 * a `reclaimable` set belong to a shrinker of the simulator, so that
 * drop_caches can free them; the set then only names them.  A failure is
 * an event reported on stdout and kept for `expect last`, not a script
 * error.  Caller: script.c through kernel_commands.
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
	free(ps->cache);
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

static const char *const kind_verb[] = {
	[SET_PAGES] = "alloc_pages", [SET_KMALLOC] = "kmalloc",
	[SET_SLAB] = "kmem_cache_alloc", [SET_VMALLOC] = "vmalloc",
	[SET_GROUP] = "kmem_cache_alloc ... reclaimable",
};

static const char *const kind_free[] = {
	[SET_PAGES] = "free_pages", [SET_KMALLOC] = "kfree",
	[SET_SLAB] = "kmem_cache_free", [SET_VMALLOC] = "vfree",
	[SET_GROUP] = "kmem_cache_free",
};

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
		return script_error(s, "kernel: alloc_pages: name \"%s\" is in use (expected a new name, or kernel: %s %s first)",
				    rq->name, kind_free[find_set(s, rq->name)->kind], rq->name);
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
	if (ps->kind != SET_PAGES)
		return script_error(s, "kernel: free_pages: \"%s\" holds what %s allocated (expected kernel: %s %s)",
				    ps->name, kind_verb[ps->kind], kind_free[ps->kind], ps->name);
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

/* ---- kernel memory: kmalloc, slab caches, vmalloc ---- */

#define KMALLOC_ARGS "kmalloc SIZE [COUNT|all] [gfp=FLAGS] [node=N] as NAME"
#define KZALLOC_ARGS "kzalloc SIZE [COUNT|all] [gfp=FLAGS] [node=N] as NAME"
#define KREALLOC_ARGS "krealloc NAME[INDEX] SIZE [gfp=FLAGS]"
#define KSIZE_ARGS "ksize NAME[INDEX]"
#define KFREE_ARGS "kfree NAME [every=N] [keep] | kfree ADDRESS"
#define CACHE_ALLOC_ARGS "kmem_cache_alloc CACHE [COUNT|all] [gfp=FLAGS] [node=N] as NAME [reclaimable]"
#define VMALLOC_ARGS "vmalloc SIZE [COUNT|all] as NAME"
#define CACHE_CREATE_ARGS "kmem_cache_create NAME SIZE [align=N] [flags=FLAG|...] [ctor]"
#define WRITE_ARGS "write NAME[INDEX] OFFSET LEN [byte=0xNN]"
#define READ_ARGS "read NAME[INDEX] OFFSET LEN"

static void vas_push(struct page_set *ps, uint64_t va)
{
	if (ps->nr == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 64;
		ps->vas = realloc(ps->vas, ps->cap * sizeof(*ps->vas));
		if (!ps->vas)
			abort();
	}
	ps->vas[ps->nr++] = va;
}

static const char *errname(int ret)
{
	const char *n = mmsim_errno_name(-ret);

	return n ? n : "E?";
}

/* What a kernel-memory allocation verb was asked to do. */
struct kmem_request {
	enum set_kind kind;	/* SET_KMALLOC, SET_SLAB or SET_VMALLOC */
	const char *verb;	/* "kmalloc", "kmem_cache_alloc", "vmalloc" */
	const char *usage;	/* its usage line, for messages */
	uint64_t size;		/* kmalloc, vmalloc: bytes */
	const char *cache;	/* kmem_cache_alloc: the cache's name */
	uint64_t count;		/* objects wanted; 0 means until failure ("all") */
	const char *gfp;	/* flags as written, NULL for GFP_KERNEL */
	int nid;		/* node=, -1 for NUMA_NO_NODE */
	const char *name;	/* the set's name (as NAME) */
	bool reclaimable;	/* kmem_cache_alloc ... reclaimable */
	bool zero;		/* kzalloc: __GFP_ZERO added to @gfp */
};

/* Parse "[COUNT|all]" at argv[*i]; the count stays 1 when absent. */
static enum cmd_result parse_count(struct script *s, int argc, struct word *argv, int *i,
				   struct kmem_request *rq)
{
	uint64_t u;

	rq->count = 1;
	if (*i < argc && !argv[*i].op && !strcmp(argv[*i].text, "all")) {
		rq->count = 0;
		(*i)++;
	} else if (*i < argc && !argv[*i].op && parse_u64(argv[*i].text, &u)) {
		if (!u)
			return script_error(s, "kernel: %s: a count of 0 (expected a COUNT of 1 or more, or all)",
					    rq->verb);
		rq->count = u;
		(*i)++;
	}
	return CMD_OK;
}

/* Parse the options, "as NAME" and "reclaimable" after SIZE/CACHE and COUNT. */
static enum cmd_result parse_kmem_tail(struct script *s, int argc, struct word *argv, int i,
				       struct kmem_request *rq)
{
	bool opts = rq->kind != SET_VMALLOC;

	for (; i < argc; i++) {
		const char *a = argv[i].text;

		if (argv[i].op)
			return script_error(s, "kernel: %s: unexpected \"%s\" (expected kernel: %s)",
					    rq->verb, a, rq->usage);
		if (opts && !strncmp(a, "gfp=", 4) && a[4]) {
			rq->gfp = a + 4;
		} else if (opts && !strncmp(a, "node=", 5)) {
			if (!parse_int_opt(a + 5, &rq->nid))
				return script_error(s, "kernel: %s: bad %s (expected node=N, N a node number)",
						    rq->verb, a);
		} else if (!strcmp(a, "as") && !rq->name) {
			if (i + 1 >= argc || argv[i + 1].op || !valid_name(argv[i + 1].text))
				return script_error(s, "kernel: %s: %s (expected as NAME, NAME made of letters, digits, _ and -)",
						    rq->verb, i + 1 >= argc ? "missing name after as" : "bad name after as");
			rq->name = argv[++i].text;
		} else if (rq->kind == SET_SLAB && rq->name && !strcmp(a, "reclaimable")) {
			rq->reclaimable = true;
		} else {
			return script_error(s, "kernel: %s: unexpected \"%s\" (expected kernel: %s)",
					    rq->verb, a, rq->usage);
		}
	}
	if (!rq->name)
		return script_error(s, "kernel: %s: missing \"as NAME\" (expected kernel: %s)",
				    rq->verb, rq->usage);
	if (rq->reclaimable && strlen(rq->name) > 24)
		return script_error(s, "kernel: %s: name \"%s\" is too long for a reclaimable group (expected at most 24 characters: its shrinker is kactor-NAME)",
				    rq->verb, rq->name);
	if (find_set(s, rq->name))
		return script_error(s, "kernel: %s: name \"%s\" is in use (expected a new name, or kernel: %s %s first)",
				    rq->verb, rq->name, kind_free[find_set(s, rq->name)->kind], rq->name);
	return CMD_OK;
}

/* Parse `kernel: VERB SIZE|CACHE [COUNT|all] ...` into @rq. */
static enum cmd_result parse_kmem_alloc(struct script *s, int argc, struct word *argv,
					struct kmem_request *rq)
{
	int i = 1;

	rq->nid = -1;
	if (i >= argc || argv[i].op)
		return script_error(s, "kernel: %s: missing %s (expected kernel: %s)", rq->verb,
				    rq->kind == SET_SLAB ? "cache name" : "size", rq->usage);
	if (rq->kind == SET_SLAB)
		rq->cache = argv[i].text;
	else if (!parse_size(argv[i].text, &rq->size))
		return script_error(s, "kernel: %s: \"%s\" is not a size (expected a size such as 64, 4K or 1M)",
				    rq->verb, argv[i].text);
	i++;
	if (parse_count(s, argc, argv, &i, rq) != CMD_OK)
		return CMD_ERROR;
	return parse_kmem_tail(s, argc, argv, i, rq);
}

/* One allocation of @rq; 0 and the address in *va, or a -errno. */
static int kmem_alloc_one(struct script *s, const struct kmem_request *rq, uint64_t *va,
			  char *err, size_t errlen)
{
	char gfp[256];

	switch (rq->kind) {
	case SET_KMALLOC:
		if (!rq->zero)
			return mmsim_kmalloc(s->m, rq->size, rq->gfp, rq->nid, va, err, errlen);
		snprintf(gfp, sizeof(gfp), "%s|__GFP_ZERO", rq->gfp ? rq->gfp : "GFP_KERNEL");
		return mmsim_kmalloc(s->m, rq->size, gfp, rq->nid, va, err, errlen);
	case SET_SLAB:
		return mmsim_kmem_cache_alloc(s->m, rq->cache, rq->gfp, rq->nid, va, err, errlen);
	default:
		return mmsim_vmalloc(s->m, rq->size, va, err, errlen);
	}
}

/* Print "kernel: kmalloc size=64 x100 gfp=GFP_KERNEL as NAME: " */
static void print_kmem_head(const struct kmem_request *rq)
{
	printf("kernel: %s ", rq->verb);
	if (rq->kind == SET_SLAB)
		printf("%s ", rq->cache);
	else
		printf("size=%llu ", (unsigned long long)rq->size);
	if (rq->count)
		printf("x%llu", (unsigned long long)rq->count);
	else
		printf("xall");
	if (rq->kind != SET_VMALLOC)
		printf(" gfp=%s", rq->gfp ? rq->gfp : "GFP_KERNEL");
	if (rq->nid >= 0)
		printf(" node=%d", rq->nid);
	printf(" as %s%s: ", rq->name, rq->reclaimable ? " reclaimable" : "");
}

/* Hand a new slab set's objects to the simulator's shrinker (reclaimable). */
static int make_group(struct script *s, struct page_set *ps)
{
	int ret = mmsim_kactor_reclaimable(s->m, ps->name, ps->cache, ps->vas, ps->nr);

	if (!ret) {
		free(ps->vas);
		ps->vas = NULL;
		ps->cap = 0;
		ps->kind = SET_GROUP;
	}
	return ret;
}

/* kmalloc, kmem_cache_alloc, vmalloc: allocate COUNT (or all) into a new set. */
static enum cmd_result kernel_kmem_alloc(struct script *s, int argc, struct word *argv,
					 struct kmem_request *rq)
{
	struct page_set *ps;
	char err[256] = "";
	uint64_t va;
	size_t nr;
	int ret = 0;

	if (parse_kmem_alloc(s, argc, argv, rq) != CMD_OK)
		return CMD_ERROR;
	ps = calloc(1, sizeof(*ps));
	if (!ps || !(ps->name = strdup(rq->name)) ||
	    (rq->cache && !(ps->cache = strdup(rq->cache))))
		abort();
	ps->kind = rq->kind;
	ps->size = rq->size;
	if (rq->cache)
		ps->cachep = mmsim_kmem_cache_get(s->m, rq->cache, &ps->cache_id);
	while (!rq->count || ps->nr < rq->count) {
		ret = kmem_alloc_one(s, rq, &va, err, sizeof(err));
		if (ret)
			break;
		vas_push(ps, va);
	}
	if ((ret == -EINVAL || ret == -ENOENT) && !ps->nr) {
		free(ps->cache);
		free(ps->name);
		free(ps);
		if (ret == -ENOENT)
			return script_error(s, "kernel: %s: no cache named \"%s\" (expected a cache of /proc/slabinfo or one made by kernel: kmem_cache_create)",
					    rq->verb, rq->cache);
		return script_error(s, "kernel: %s: %s", rq->verb, err[0] ? err : "invalid request");
	}
	nr = ps->nr;
	if (rq->reclaimable && nr) {
		int gret = make_group(s, ps);

		if (gret)
			script_note(s, "kernel: %s: objects kept, not reclaimable: %s", rq->verb,
				    errname(gret));
	}
	ps->next = s->sets;
	s->sets = ps;
	s->have_last = true;
	s->last_err = ret;
	print_kmem_head(rq);
	if (!ret && rq->count == 1)
		printf("ok (0x%llx)\n", (unsigned long long)va);
	else if (!ret)
		printf("ok (%zu allocated)\n", nr);
	else
		printf("-%s after %zu (%zu allocated)\n", errname(ret), nr, nr);
	return CMD_OK;
}

static enum cmd_result kernel_kmalloc(struct script *s, int argc, struct word *argv)
{
	struct kmem_request rq = { .kind = SET_KMALLOC, .verb = "kmalloc",
				   .usage = KMALLOC_ARGS };

	return kernel_kmem_alloc(s, argc, argv, &rq);
}

static enum cmd_result kernel_kzalloc(struct script *s, int argc, struct word *argv)
{
	struct kmem_request rq = { .kind = SET_KMALLOC, .verb = "kzalloc",
				   .usage = KZALLOC_ARGS, .zero = true };

	return kernel_kmem_alloc(s, argc, argv, &rq);
}

static enum cmd_result kernel_kmem_cache_alloc(struct script *s, int argc, struct word *argv)
{
	struct kmem_request rq = { .kind = SET_SLAB, .verb = "kmem_cache_alloc",
				   .usage = CACHE_ALLOC_ARGS };

	return kernel_kmem_alloc(s, argc, argv, &rq);
}

static enum cmd_result kernel_vmalloc(struct script *s, int argc, struct word *argv)
{
	struct kmem_request rq = { .kind = SET_VMALLOC, .verb = "vmalloc",
				   .usage = VMALLOC_ARGS };

	return kernel_kmem_alloc(s, argc, argv, &rq);
}

/* Free one object of @ps with the set's own free; 0 or -errno. */
static int kmem_free_one(struct script *s, const struct page_set *ps, uint64_t va)
{
	switch (ps->kind) {
	case SET_KMALLOC:
		return mmsim_kfree(s->m, va);
	case SET_SLAB:
		return mmsim_kmem_cache_free_to(s->m, ps->cachep, ps->cache_id, va);
	default:
		return mmsim_vfree(s->m, va);
	}
}

/* What `kernel: kfree|kmem_cache_free|vfree NAME ...` was asked. */
struct free_request {
	const char *verb;	/* the verb as typed */
	struct page_set *ps;	/* the set */
	uint64_t every;		/* free positions 0, every, 2*every... */
	bool keep;		/* keep the freed addresses (dangling pointers) */
};

static enum cmd_result parse_free(struct script *s, int argc, struct word *argv,
				  struct free_request *fr)
{
	const char *v = fr->verb;

	fr->every = 1;
	if (argc < 2 || argv[1].op)
		return script_error(s, "kernel: %s: missing name (expected kernel: %s NAME [every=N] [keep])",
				    v, v);
	for (int a = 2; a < argc; a++) {
		if (!argv[a].op && !strcmp(argv[a].text, "keep"))
			fr->keep = true;
		else if (argv[a].op || strncmp(argv[a].text, "every=", 6) ||
			 !parse_u64(argv[a].text + 6, &fr->every) || !fr->every)
			return script_error(s, "kernel: %s: unexpected \"%s\" (expected every=N, N 1 or more, or keep)",
					    v, argv[a].text);
	}
	fr->ps = find_set(s, argv[1].text);
	if (!fr->ps)
		return script_error(s, "kernel: %s: no set named \"%s\" (expected a NAME given to an allocating kernel: command ... as NAME)",
				    v, argv[1].text);
	if (strcmp(kind_free[fr->ps->kind], v) &&
	    !(fr->ps->kind == SET_SLAB && !strcmp(v, "kfree")))
		return script_error(s, "kernel: %s: \"%s\" holds what %s allocated (expected kernel: %s %s)",
				    v, fr->ps->name, kind_verb[fr->ps->kind],
				    kind_free[fr->ps->kind], fr->ps->name);
	if (fr->keep && fr->ps->kind == SET_GROUP)
		return script_error(s, "kernel: %s: keep is not possible for the reclaimable group \"%s\" (expected kernel: %s %s [every=N])",
				    v, fr->ps->name, v, fr->ps->name);
	return CMD_OK;
}

/* Free a reclaimable group's objects through the simulator. */
static void free_group(struct script *s, struct free_request *fr, size_t *freed,
		       size_t *refused, size_t *left)
{
	long n;

	if (mmsim_kactor_group_free(s->m, fr->ps->name, fr->every, freed, refused))
		*freed = *refused = 0;
	n = mmsim_kactor_group_objects(s->m, fr->ps->name);
	*left = n > 0 ? (size_t)n : 0;
	fr->ps->nr = *left;
}

/* kfree ADDRESS: a raw kernel address, whatever it points at. */
static enum cmd_result kernel_kfree_addr(struct script *s, int argc, struct word *argv)
{
	uint64_t va;
	int ret;

	if (argc != 2 || !parse_u64(argv[1].text, &va))
		return script_error(s, "kernel: kfree: bad address \"%s\" (expected kernel: " KFREE_ARGS ", ADDRESS such as 0xffff888003451000)",
				    argv[1].text);
	ret = mmsim_kfree(s->m, va);
	printf("kernel: kfree 0x%llx: ", (unsigned long long)va);
	if (!ret)
		printf("ok\n");
	else if (ret == -EBUSY)
		printf("-EBUSY (refused: a live object the actor does not own, see dmesg)\n");
	else if (mmsim_kernel_va_valid(s->m, va))
		printf("-%s (refused, see dmesg)\n", errname(ret));
	else
		printf("-%s (refused: not a kernel direct-map address of simulated RAM)\n",
		       errname(ret));
	s->have_last = true;
	s->last_err = ret;
	return CMD_OK;
}

/* kfree, kmem_cache_free, vfree: entries 0, every, 2*every... of NAME. */
static enum cmd_result kernel_kmem_free(struct script *s, int argc, struct word *argv,
					const char *verb)
{
	struct free_request fr = { .verb = verb };
	size_t kept = 0, freed = 0, refused = 0, busy = 0, gone = 0, left, i;
	struct page_set *ps;
	int ret;

	if (parse_free(s, argc, argv, &fr) != CMD_OK)
		return CMD_ERROR;
	ps = fr.ps;
	if (ps->kind == SET_GROUP) {
		free_group(s, &fr, &freed, &refused, &left);
	} else {
		for (i = 0; i < ps->nr; i++) {
			if (i % fr.every) {
				ps->vas[kept++] = ps->vas[i];
				continue;
			}
			ret = kmem_free_one(s, ps, ps->vas[i]);
			if (ret == -ENOENT)
				gone++;
			else if (ret == -EBUSY)
				busy++;
			else if (ret)
				refused++;
			else
				freed++;
			if (fr.keep)
				ps->vas[kept++] = ps->vas[i];
		}
		ps->nr = left = kept;
	}
	printf("kernel: %s %s", verb, ps->name);
	if (fr.every > 1)
		printf(" every=%llu", (unsigned long long)fr.every);
	if (fr.keep)
		printf(" keep");
	printf(": %zu freed", freed);
	if (refused)
		printf(", %zu refused (-EINVAL, see dmesg)", refused);
	if (busy)
		printf(", %zu refused (-EBUSY: live objects the actor does not own, see dmesg)",
		       busy);
	if (gone)
		printf(", %zu refused (-ENOENT: cache \"%s\" was destroyed, its objects with it)",
		       gone, ps->cache ? ps->cache : "?");
	printf(" (%zu left)\n", left);
	if (!left)
		set_remove(s, ps);
	s->have_last = true;
	s->last_err = refused ? -EINVAL : busy ? -EBUSY : gone ? -ENOENT : 0;
	return CMD_OK;
}

static enum cmd_result kernel_kfree(struct script *s, int argc, struct word *argv)
{
	if (argc >= 2 && !argv[1].op && !strncmp(argv[1].text, "0x", 2))
		return kernel_kfree_addr(s, argc, argv);
	return kernel_kmem_free(s, argc, argv, "kfree");
}

static enum cmd_result kernel_kmem_cache_free(struct script *s, int argc, struct word *argv)
{
	return kernel_kmem_free(s, argc, argv, "kmem_cache_free");
}

static enum cmd_result kernel_vfree(struct script *s, int argc, struct word *argv)
{
	return kernel_kmem_free(s, argc, argv, "vfree");
}

/* Parse "NAME SIZE [align=N] [flags=F|F] [ctor]" of kmem_cache_create. */
struct cache_request {
	const char *name;	/* the new cache's name */
	uint64_t size;		/* object size */
	uint64_t align;		/* align=, 0 by default */
	const char *flags;	/* flags= as written, NULL for none */
	bool ctor;		/* give it a constructor */
};

static enum cmd_result parse_cache_create(struct script *s, int argc, struct word *argv,
					  struct cache_request *cr)
{
	if (argc < 3 || argv[1].op || argv[2].op)
		return script_error(s, "kernel: kmem_cache_create: %s (expected kernel: " CACHE_CREATE_ARGS ")",
				    argc < 2 ? "missing name" : "missing size");
	cr->name = argv[1].text;
	if (!parse_size(argv[2].text, &cr->size))
		return script_error(s, "kernel: kmem_cache_create: \"%s\" is not a size (expected a size such as 96 or 1K)",
				    argv[2].text);
	for (int i = 3; i < argc; i++) {
		const char *a = argv[i].text;

		if (!argv[i].op && !strncmp(a, "align=", 6) && parse_size(a + 6, &cr->align))
			continue;
		if (!argv[i].op && !strncmp(a, "flags=", 6) && a[6])
			cr->flags = a + 6;
		else if (!argv[i].op && !strcmp(a, "ctor"))
			cr->ctor = true;
		else
			return script_error(s, "kernel: kmem_cache_create: unexpected \"%s\" (expected kernel: " CACHE_CREATE_ARGS ")",
					    a);
	}
	return CMD_OK;
}

static enum cmd_result kernel_kmem_cache_create(struct script *s, int argc, struct word *argv)
{
	struct cache_request cr = { 0 };
	char err[256] = "";
	int ret;

	if (parse_cache_create(s, argc, argv, &cr) != CMD_OK)
		return CMD_ERROR;
	ret = mmsim_kmem_cache_create(s->m, cr.name, cr.size, cr.align, cr.flags, cr.ctor,
				      err, sizeof(err));
	if (ret == -EINVAL)
		return script_error(s, "kernel: kmem_cache_create: %s", err);
	if (ret == -EEXIST)
		return script_error(s, "kernel: kmem_cache_create: a cache named \"%s\" exists (expected a new name; see /proc/slabinfo)",
				    cr.name);
	printf("kernel: kmem_cache_create %s size=%llu align=%llu flags=%s%s: %s%s\n", cr.name,
	       (unsigned long long)cr.size, (unsigned long long)cr.align,
	       cr.flags ? cr.flags : "0", cr.ctor ? " ctor" : "", ret ? "-" : "ok",
	       ret ? errname(ret) : "");
	s->have_last = true;
	s->last_err = ret;
	return CMD_OK;
}

/* kmem_cache_shrink CACHE, kmem_cache_destroy CACHE. */
static enum cmd_result kernel_cache_verb(struct script *s, int argc, struct word *argv,
					 const char *verb)
{
	int ret;

	if (argc != 2 || argv[1].op)
		return script_error(s, "kernel: %s: %s (expected kernel: %s CACHE)", verb,
				    argc < 2 ? "missing cache name" : "too many words", verb);
	if (!strcmp(verb, "kmem_cache_shrink"))
		ret = mmsim_kmem_cache_shrink(s->m, argv[1].text);
	else
		ret = mmsim_kmem_cache_destroy(s->m, argv[1].text);
	if (ret == -ENOENT)
		return script_error(s, "kernel: %s: no cache named \"%s\" (expected a cache of /proc/slabinfo%s)",
				    verb, argv[1].text,
				    strcmp(verb, "kmem_cache_shrink") ? " made by kernel: kmem_cache_create" : "");
	if (ret == -EPERM)
		return script_error(s, "kernel: %s: \"%s\" is the kernel's own cache (expected a cache made by kernel: kmem_cache_create)",
				    verb, argv[1].text);
	printf("kernel: %s %s: %s%s\n", verb, argv[1].text, ret ? "-" : "ok", ret ? errname(ret) : "");
	s->have_last = true;
	s->last_err = ret;
	return CMD_OK;
}

static enum cmd_result kernel_kmem_cache_shrink(struct script *s, int argc, struct word *argv)
{
	return kernel_cache_verb(s, argc, argv, "kmem_cache_shrink");
}

static enum cmd_result kernel_kmem_cache_destroy(struct script *s, int argc, struct word *argv)
{
	return kernel_cache_verb(s, argc, argv, "kmem_cache_destroy");
}

/* What `kernel: write|read NAME[INDEX] OFFSET LEN` points at. */
struct access_request {
	const char *verb;	/* "write" or "read" */
	char name[64];		/* NAME */
	uint64_t index;		/* INDEX, 0 if not given */
	uint64_t offset, len;	/* OFFSET and LEN as sizes */
	int byte;		/* write: the value stored */
	uint64_t va;		/* the entry's address */
};

/* Split "NAME[INDEX]" (or "NAME"); false if malformed. */
static bool parse_target(const char *w, struct access_request *ar)
{
	const char *br = strchr(w, '[');
	size_t n = br ? (size_t)(br - w) : strlen(w);
	char idx[32];

	if (!n || n >= sizeof(ar->name))
		return false;
	memcpy(ar->name, w, n);
	ar->name[n] = '\0';
	ar->index = 0;
	if (!br)
		return valid_name(ar->name);
	n = strlen(br + 1);
	if (n < 2 || br[n] != ']' || n - 1 >= sizeof(idx))
		return false;
	memcpy(idx, br + 1, n - 1);
	idx[n - 1] = '\0';
	return valid_name(ar->name) && parse_u64(idx, &ar->index);
}

/* The address of entry INDEX of set NAME, or a reported script error. */
static enum cmd_result resolve_target(struct script *s, struct access_request *ar)
{
	struct page_set *ps = find_set(s, ar->name);

	if (!ps)
		return script_error(s, "kernel: %s: no set named \"%s\" (expected a NAME given to an allocating kernel: command ... as NAME)",
				    ar->verb, ar->name);
	if (ps->kind == SET_PAGES)
		return script_error(s, "kernel: %s: \"%s\" holds pages (expected a set of kmalloc, kmem_cache_alloc or vmalloc objects)",
				    ar->verb, ar->name);
	if (ps->kind == SET_GROUP) {
		if (mmsim_kactor_group_va(s->m, ps->name, ar->index, &ar->va))
			return script_error(s, "kernel: %s: %s[%llu] does not exist (expected an INDEX below %ld)",
					    ar->verb, ar->name, (unsigned long long)ar->index,
					    mmsim_kactor_group_objects(s->m, ps->name));
		return CMD_OK;
	}
	if (ar->index >= ps->nr)
		return script_error(s, "kernel: %s: %s[%llu] does not exist (expected an INDEX below %zu)",
				    ar->verb, ar->name, (unsigned long long)ar->index, ps->nr);
	ar->va = ps->vas[ar->index];
	return CMD_OK;
}

static enum cmd_result parse_access(struct script *s, int argc, struct word *argv,
				    struct access_request *ar, const char *usage)
{
	bool write = !strcmp(ar->verb, "write");
	uint64_t b;

	ar->byte = 0;
	if (argc < 4 || argv[1].op || argv[2].op || argv[3].op)
		return script_error(s, "kernel: %s: missing argument (expected kernel: %s)", ar->verb, usage);
	if (!parse_target(argv[1].text, ar))
		return script_error(s, "kernel: %s: bad target \"%s\" (expected NAME or NAME[INDEX])",
				    ar->verb, argv[1].text);
	if (!parse_size(argv[2].text, &ar->offset) || !parse_size(argv[3].text, &ar->len) ||
	    !ar->len || ar->len > 1 << 20)
		return script_error(s, "kernel: %s: bad OFFSET or LEN \"%s %s\" (expected sizes, LEN from 1 to 1M)",
				    ar->verb, argv[2].text, argv[3].text);
	if (argc == 5 && write && !argv[4].op && !strncmp(argv[4].text, "byte=", 5) &&
	    parse_u64(argv[4].text + 5, &b) && b <= 255)
		ar->byte = (int)b;
	else if (argc > 4)
		return script_error(s, "kernel: %s: unexpected \"%s\" (expected kernel: %s)",
				    ar->verb, argv[4].text, usage);
	return resolve_target(s, ar);
}

static enum cmd_result kernel_write(struct script *s, int argc, struct word *argv)
{
	struct access_request ar = { .verb = "write" };
	char why[160];
	int ret;

	if (parse_access(s, argc, argv, &ar, WRITE_ARGS) != CMD_OK)
		return CMD_ERROR;
	ret = mmsim_kwrite_why(s->m, ar.va, ar.offset, ar.len, ar.byte, why, sizeof(why));
	printf("kernel: write %s[%llu] offset=%llu len=%llu byte=0x%02x: ", ar.name,
	       (unsigned long long)ar.index, (unsigned long long)ar.offset,
	       (unsigned long long)ar.len, ar.byte);
	if (ret == -EPERM)
		printf("-EPERM (refused: %s; Linux would oops)\n", why);
	else if (ret)
		printf("-%s (0x%llx is not in simulated memory)\n", errname(ret),
		       (unsigned long long)(ar.va + ar.offset));
	else
		printf("ok (0x%llx)\n", (unsigned long long)(ar.va + ar.offset));
	s->have_last = true;
	s->last_err = ret;
	return CMD_OK;
}

/* Print @len bytes at @va as print_hex_dump(DUMP_PREFIX_ADDRESS, 16, 1, ascii). */
static void hex_dump(uint64_t va, const unsigned char *b, uint64_t len)
{
	for (uint64_t i = 0; i < len; i += 16) {
		uint64_t n = len - i < 16 ? len - i : 16;

		printf("%016llx:", (unsigned long long)(va + i));
		for (uint64_t j = 0; j < 16; j++) {
			if (j < n)
				printf(" %02x", b[i + j]);
			else
				printf("   ");
		}
		printf("  ");
		for (uint64_t j = 0; j < n; j++)
			putchar(b[i + j] >= 0x20 && b[i + j] < 0x7f ? b[i + j] : '.');
		putchar('\n');
	}
}

static enum cmd_result kernel_read(struct script *s, int argc, struct word *argv)
{
	struct access_request ar = { .verb = "read" };
	unsigned char *buf;
	int ret;

	if (parse_access(s, argc, argv, &ar, READ_ARGS) != CMD_OK)
		return CMD_ERROR;
	buf = malloc(ar.len);
	if (!buf)
		abort();
	ret = mmsim_kread(s->m, ar.va + ar.offset, buf, ar.len);
	printf("kernel: read %s[%llu] offset=%llu len=%llu: ", ar.name,
	       (unsigned long long)ar.index, (unsigned long long)ar.offset,
	       (unsigned long long)ar.len);
	if (ret) {
		printf("-%s (0x%llx is not in simulated memory)\n", errname(ret),
		       (unsigned long long)(ar.va + ar.offset));
	} else {
		printf("ok\n");
		hex_dump(ar.va + ar.offset, buf, ar.len);
	}
	free(buf);
	s->have_last = true;
	s->last_err = ret;
	return CMD_OK;
}

/* krealloc NAME[INDEX] SIZE [gfp=FLAGS]: the entry follows the object. */
static enum cmd_result kernel_krealloc(struct script *s, int argc, struct word *argv)
{
	struct access_request ar = { .verb = "krealloc" };
	const char *gfp = NULL;
	struct page_set *ps;
	char err[256] = "";
	uint64_t size, nva = 0;
	int ret;

	if (argc < 3 || argc > 4 || argv[1].op || argv[2].op || (argc == 4 && argv[3].op))
		return script_error(s, "kernel: krealloc: %s (expected kernel: " KREALLOC_ARGS ")",
				    argc < 3 ? "missing argument" : "unexpected words");
	if (!parse_target(argv[1].text, &ar))
		return script_error(s, "kernel: krealloc: bad target \"%s\" (expected NAME or NAME[INDEX])",
				    argv[1].text);
	if (!parse_size(argv[2].text, &size))
		return script_error(s, "kernel: krealloc: \"%s\" is not a size (expected a size such as 64, 4K or 0)",
				    argv[2].text);
	if (argc == 4) {
		if (strncmp(argv[3].text, "gfp=", 4) || !argv[3].text[4])
			return script_error(s, "kernel: krealloc: unexpected \"%s\" (expected gfp=FLAGS)",
					    argv[3].text);
		gfp = argv[3].text + 4;
	}
	if (resolve_target(s, &ar) != CMD_OK)
		return CMD_ERROR;
	ps = find_set(s, ar.name);
	if (ps->kind != SET_KMALLOC)
		return script_error(s, "kernel: krealloc: \"%s\" holds what %s allocated (expected a set of kmalloc or kzalloc objects)",
				    ar.name, kind_verb[ps->kind]);
	ret = mmsim_krealloc(s->m, ar.va, size, gfp, &nva, err, sizeof(err));
	printf("kernel: krealloc %s[%llu] size=%llu gfp=%s: ", ar.name,
	       (unsigned long long)ar.index, (unsigned long long)size, gfp ? gfp : "GFP_KERNEL");
	if (!ret && !size)
		printf("ok (freed; ZERO_SIZE_PTR)\n");
	else if (!ret && nva == ar.va)
		printf("ok in place (0x%llx)\n", (unsigned long long)nva);
	else if (!ret)
		printf("ok moved (0x%llx -> 0x%llx)\n", (unsigned long long)ar.va,
		       (unsigned long long)nva);
	else if (err[0])
		printf("-%s (%s)\n", errname(ret), err);
	else if (ret == -ENOMEM)
		printf("-%s (%s[%llu] unchanged)\n", errname(ret), ar.name,
		       (unsigned long long)ar.index);
	else
		printf("-%s (refused, see dmesg)\n", errname(ret));
	if (!ret)
		ps->vas[ar.index] = nva;
	s->have_last = true;
	s->last_err = ret;
	return CMD_OK;
}

/* ksize NAME[INDEX]: prints the usable bytes (0: not an allocation). */
static enum cmd_result kernel_ksize(struct script *s, int argc, struct word *argv)
{
	struct access_request ar = { .verb = "ksize" };
	uint64_t n;

	if (argc != 2 || argv[1].op)
		return script_error(s, "kernel: ksize: %s (expected kernel: " KSIZE_ARGS ")",
				    argc < 2 ? "missing argument" : "unexpected words");
	if (!parse_target(argv[1].text, &ar))
		return script_error(s, "kernel: ksize: bad target \"%s\" (expected NAME or NAME[INDEX])",
				    argv[1].text);
	if (resolve_target(s, &ar) != CMD_OK)
		return CMD_ERROR;
	n = mmsim_ksize(s->m, ar.va);
	printf("kernel: ksize %s[%llu]: %llu (0x%llx)\n", ar.name, (unsigned long long)ar.index,
	       (unsigned long long)n, (unsigned long long)ar.va);
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
	{ "kmalloc", kernel_kmalloc, true, KMALLOC_ARGS,
	  "allocate SIZE bytes with kmalloc",
	  "Calls kmalloc_node(SIZE, FLAGS, NODE) COUNT times (default 1; all:\n"
	  "until an allocation fails) and keeps the objects under NAME.  Sizes\n"
	  "up to 8K come from the kmalloc-N caches (kmalloc-rcl-N with\n"
	  "__GFP_RECLAIMABLE, kmalloc-cg-N with __GFP_ACCOUNT, dma-kmalloc-N with\n"
	  "GFP_DMA); larger ones straight from the page allocator.  Prints ok\n"
	  "(with the address for one object), or the error and how many objects\n"
	  "were allocated before it.  A failure is not a script error.\n"
	  "\n"
	  "  kernel: kmalloc 64 as one\n"
	  "  kernel: kmalloc 4K all gfp=GFP_KERNEL as leak\n"
	  "  kernel: kmalloc 100 1000 gfp=GFP_KERNEL|__GFP_ACCOUNT as charged\n" },
	{ "kzalloc", kernel_kzalloc, true, KZALLOC_ARGS,
	  "allocate SIZE zeroed bytes with kzalloc",
	  "kzalloc_node(SIZE, FLAGS, NODE): kmalloc with __GFP_ZERO, as kernel:\n"
	  "kmalloc otherwise (COUNT, all, gfp=, node=, as NAME); freed by kfree.\n"
	  "\n"
	  "  kernel: kzalloc 100 as z\n"
	  "  kernel: read z 0 100\n" },
	{ "krealloc", kernel_krealloc, true, KREALLOC_ARGS,
	  "resize one kmalloc'd object",
	  "krealloc(NAME[INDEX], SIZE, FLAGS): in place when the object's slot\n"
	  "(ksize) holds SIZE, otherwise a new object with the contents copied\n"
	  "and the old one freed; the set's entry follows the object.  SIZE 0\n"
	  "frees it (the entry becomes ZERO_SIZE_PTR).  A failure leaves the\n"
	  "object as it was (last == ENOMEM); a freed object is refused and\n"
	  "reported in dmesg (last == EINVAL).\n"
	  "\n"
	  "  kernel: kmalloc 40 as buf\n"
	  "  kernel: krealloc buf[0] 64      # ok in place: kmalloc-64\n"
	  "  kernel: krealloc buf[0] 200     # ok moved to kmalloc-256\n" },
	{ "ksize", kernel_ksize, true, KSIZE_ARGS,
	  "print the usable size of one object",
	  "Prints ksize(NAME[INDEX]): the bytes the object may really use (its\n"
	  "kmalloc class, or PAGE_SIZE << order for a large kmalloc); 0 for an\n"
	  "address that is no allocation.\n"
	  "\n"
	  "  kernel: kmalloc 100 as x\n"
	  "  kernel: ksize x[0]              # 128\n" },
	{ "kfree", kernel_kfree, true, KFREE_ARGS,
	  "kfree a set's objects (all, or every Nth)",
	  "Frees the objects of a kmalloc (or kmem_cache_alloc) set, or with\n"
	  "every=N those at positions 0, N, 2N...  keep leaves the freed\n"
	  "addresses in the set, as a buggy module keeps a dangling pointer: a\n"
	  "later kfree of them is a double free, a write into them a use after\n"
	  "free.  An object the slab layer refuses (reported in dmesg) is counted\n"
	  "as refused and last becomes EINVAL; the script goes on.  A dangling\n"
	  "address the kernel has since reused for an object of its own is not\n"
	  "freed (on Linux a use-after-free would follow): refused, last ==\n"
	  "EBUSY, a kactor: line in dmesg names the object.\n"
	  "\n"
	  "  kernel: kfree leak\n"
	  "  kernel: kfree one keep\n"
	  "  kernel: kfree one          # a double free\n"
	  "\n"
	  "kfree ADDRESS frees a raw kernel address (as printed by kmalloc):\n"
	  "an interior, freed or garbage address is reported and refused\n"
	  "(last == EINVAL), never a crash; a live object the actor did not\n"
	  "allocate (a task_struct...) is refused with EBUSY.\n"
	  "\n"
	  "  kernel: kfree 0xffff888003451010\n" },
	{ "kmem_cache_create", kernel_kmem_cache_create, true, CACHE_CREATE_ARGS,
	  "create a slab cache",
	  "kmem_cache_create(NAME, SIZE, ALIGN, FLAGS, ctor?), as a module would.\n"
	  "FLAGS are SLAB_* names, with or without the prefix, in either case,\n"
	  "joined by |: hwcache_align, reclaim_account, account, panic,\n"
	  "typesafe_by_rcu, cache_dma, cache_dma32, no_merge, red_zone, poison,\n"
	  "store_user, consistency_checks...  ctor gives the cache a constructor.\n"
	  "Linux may merge the cache into an existing compatible one (NAME then\n"
	  "is an alias of it, as /sys/kernel/slab shows).  A bad or used NAME, a\n"
	  "bad size, alignment or flag is a script error.\n"
	  "\n"
	  "  kernel: kmem_cache_create foo 100\n"
	  "  kernel: kmem_cache_create bar 200 align=64 flags=hwcache_align|reclaim_account\n" },
	{ "kmem_cache_alloc", kernel_kmem_cache_alloc, true, CACHE_ALLOC_ARGS,
	  "allocate objects from a slab cache",
	  "kmem_cache_alloc_node(CACHE, FLAGS, NODE) COUNT times (all: until it\n"
	  "fails); CACHE is one made by kmem_cache_create or any cache of\n"
	  "/proc/slabinfo.  With reclaimable, the objects are handed to a\n"
	  "shrinker named kactor-NAME, as a cache of dentries or inodes would be:\n"
	  "echo 2 > /proc/sys/vm/drop_caches frees them (oldest first).\n"
	  "\n"
	  "  kernel: kmem_cache_alloc foo 100 as objs\n"
	  "  kernel: kmem_cache_alloc dentry 5000 as names reclaimable\n" },
	{ "kmem_cache_free", kernel_kmem_cache_free, true, "kmem_cache_free NAME [every=N] [keep]",
	  "free a set's objects to their cache",
	  "kmem_cache_free of the objects of a kmem_cache_alloc set, all or every\n"
	  "Nth, as kfree does (keep too, except for a reclaimable set).\n"
	  "\n"
	  "  kernel: kmem_cache_free objs every=2\n" },
	{ "kmem_cache_shrink", kernel_kmem_cache_shrink, true, "kmem_cache_shrink CACHE",
	  "free a cache's empty slabs",
	  "kmem_cache_shrink(CACHE): flushes the per-CPU slabs and frees every\n"
	  "empty slab, as echo 1 > /sys/kernel/slab/CACHE/shrink does.  Any\n"
	  "cache of /proc/slabinfo.\n"
	  "\n"
	  "  kernel: kmem_cache_shrink kmalloc-64\n" },
	{ "kmem_cache_destroy", kernel_kmem_cache_destroy, true, "kmem_cache_destroy CACHE",
	  "destroy a cache made by kmem_cache_create",
	  "kmem_cache_destroy(CACHE).  If objects remain, Linux's report is in\n"
	  "dmesg and the cache's slabs stay allocated, as on Linux.\n"
	  "\n"
	  "  kernel: kmem_cache_destroy foo\n" },
	{ "vmalloc", kernel_vmalloc, true, VMALLOC_ARGS,
	  "allocate virtually contiguous memory",
	  "vmalloc(SIZE) COUNT times (all: until it fails): order-0 pages mapped\n"
	  "in the vmalloc range with a guard page after each area.  They show in\n"
	  "/proc/vmallocinfo and VmallocUsed.\n"
	  "\n"
	  "  kernel: vmalloc 1M as buf\n"
	  "  kernel: vmalloc 64K 10 as bufs\n" },
	{ "vfree", kernel_vfree, true, "vfree NAME [every=N] [keep]",
	  "vfree a set's areas",
	  "vfree of the areas of a vmalloc set, all or every Nth (keep as for\n"
	  "kfree; an area the kernel made since, such as a kernel stack, is\n"
	  "refused with EBUSY).\n"
	  "\n"
	  "  kernel: vfree buf\n" },
	{ "write", kernel_write, true, WRITE_ARGS,
	  "store bytes into an object, as a buggy module would",
	  "Writes LEN bytes of value 0xNN (default 0x00, an off-by-one string\n"
	  "terminator) at OFFSET in object INDEX (default 0) of set NAME.\n"
	  "OFFSET + LEN may pass the object's end: that is how a red zone gets\n"
	  "overwritten; the object may be freed (kfree ... keep): a use after\n"
	  "free.  With slub_debug=FZPU on the boot line, SLUB reports it when the\n"
	  "object is freed or allocated again.  The whole range is checked\n"
	  "first and nothing is written if any byte is outside simulated memory\n"
	  "(-EFAULT) or in what the kernel uses for itself (-EPERM, saying what:\n"
	  "another live slab object, a page table, the kernel image, a kernel\n"
	  "stack...; Linux would oops).  Free slots, a slab's tail, free pages\n"
	  "and user pages may be written.\n"
	  "\n"
	  "  kernel: write buf 64 1                # one byte past a 64-byte object\n"
	  "  kernel: write objs[3] 0 8 byte=0x41\n" },
	{ "read", kernel_read, true, READ_ARGS,
	  "hex dump of bytes of an object",
	  "Prints LEN bytes (up to 1M) at OFFSET in object INDEX of set NAME as\n"
	  "Linux's print_hex_dump does, 16 bytes a line with their address:\n"
	  "poison (6b, a5), red zones (bb, cc) and written bytes show.\n"
	  "\n"
	  "  kernel: read one 0 80\n" },
	{ NULL },
};

const struct command kernel_actor_command = {
	"kernel:", NULL, true, "kernel: VERB ARGUMENTS...",
	"drive the kernel's allocators directly, as a test module would",
	"The kernel actor calls the allocators as kernel code does.  Verbs:\n"
	"  " KERNEL_USAGE_ALLOC "\n"
	"  kernel: free_pages NAME [every=N]\n"
	"  kernel: drain_pages\n"
	"  kernel: " KMALLOC_ARGS "\n"
	"  kernel: kfree NAME [every=N] [keep]\n"
	"  kernel: " CACHE_CREATE_ARGS "\n"
	"  kernel: " CACHE_ALLOC_ARGS "\n"
	"  kernel: kmem_cache_free NAME [every=N] [keep]\n"
	"  kernel: kmem_cache_shrink CACHE\n"
	"  kernel: kmem_cache_destroy CACHE\n"
	"  kernel: " VMALLOC_ARGS "\n"
	"  kernel: vfree NAME [every=N] [keep]\n"
	"  kernel: " WRITE_ARGS "\n"
	"  kernel: " READ_ARGS "\n"
	"help alloc_pages (and so on) explains each.  Each prints one line;\n"
	"expect last == ENOMEM (or == 0) checks the last result.\n"
	"\n"
	"  kernel: alloc_pages 0 all gfp=GFP_KERNEL|__GFP_NOWARN as pages\n"
	"  kernel: free_pages pages every=2\n"
	"  kernel: kmalloc 4K all as leak\n"
	"  expect last == ENOMEM\n",
};
