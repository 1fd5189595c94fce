// SPDX-License-Identifier: GPL-2.0-only
/*
 * slub_debug (the CONFIG_SLUB_DEBUG half of mm/slub.c): the slub_debug=
 * boot option (F sanity checks, Z red zones, P poisoning, U owner
 * tracking, T trace, O, -, per-cache lists with globs), the byte patterns
 * in each object (POISON_FREE 0x6b / POISON_END 0xa5 / POISON_INUSE 0x5a,
 * SLUB_RED_ACTIVE 0xcc / SLUB_RED_INACTIVE 0xbb), the checks on
 * allocation, free and validate, and the reports in Linux's words:
 * "BUG cache (Not tainted): ...", "[Right Redzone overwritten] ...",
 * "Allocated in ... age=N cpu=N pid=N", "Slab 0x...", hex dumps, "FIX ...".
 *
 * Addresses print unhashed as with slub_debug (no_hash_pointers); struct
 * slab addresses are the vmemmap address of the head page.  Owner tracks
 * name the function that called the allocator (mmsim has no code
 * addresses or stacks: "object allocation/free stack trace missing" as
 * Linux prints for a track without a stack).  The blank lines Linux puts
 * after "----" and "Object" lines are left out.
 * Called by mm/slub.c; mm/slab_sysfs.c calls validate_slab_cache.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "linux/bug.h"
#include "linux/mm.h"
#include "slab.h"

#define VMEMMAP_START		0xffffea0000000000UL
#define STRUCT_PAGE_SIZE	64UL	/* Linux's struct page */
#define HZ			250	/* Debian's CONFIG_HZ */

/* ---- machine context: time, taint, callers ---- */

static unsigned long jiffies(const struct machine *m)
{
	return (unsigned long)(m->clock_ns / (1000000000ULL / HZ));
}

/* The id of @caller in the machine's caller table (0: none or no memory). */
static u64 caller_id(struct machine *m, const char *caller)
{
	unsigned int i;

	if (!caller)
		return 0;
	for (i = 1; i < m->nr_slub_callers; i++)
		if (m->slub_callers[i] == caller || !strcmp(m->slub_callers[i], caller))
			return i;
	if (!m->nr_slub_callers)
		m->nr_slub_callers = 1;
	if (m->nr_slub_callers >= m->slub_callers_cap) {
		unsigned int cap = m->slub_callers_cap ? m->slub_callers_cap * 2 : 64;
		const char **n = realloc(m->slub_callers, cap * sizeof(*n));

		if (!n)
			return 0;
		m->slub_callers = n;
		m->slub_callers_cap = cap;
	}
	m->slub_callers[m->nr_slub_callers] = strdup(caller);
	if (!m->slub_callers[m->nr_slub_callers])
		return 0;
	return m->nr_slub_callers++;
}

static const char *caller_name(const struct machine *m, u64 id)
{
	if (id && id < m->nr_slub_callers)
		return m->slub_callers[id];
	return "?";
}

void slub_release_callers(struct machine *m)
{
	for (unsigned int i = 1; i < m->nr_slub_callers; i++)
		free((char *)m->slub_callers[i]);
	free(m->slub_callers);
	m->slub_callers = NULL;
	m->nr_slub_callers = m->slub_callers_cap = 0;
}

/* ---- the slub_debug= option ---- */

/*
 * parse_slub_debug_flags - one ';'-separated block: the option letters
 * (none before ',' means DEBUG_DEFAULT_FLAGS), then *slabs = its cache
 * list or NULL.  Returns the next block or NULL.  With @m, unknown
 * letters are logged (first parse only).
 */
static const char *parse_slub_debug_flags(struct machine *m, const char *str,
					  slab_flags_t *flags, const char **slabs, bool *o)
{
	while (*str == ';')
		str++;
	if (*str == ',') {
		*flags = DEBUG_DEFAULT_FLAGS;
		goto check_slabs;
	}
	*flags = 0;
	for (; *str && *str != ',' && *str != ';'; str++) {
		switch (tolower((unsigned char)*str)) {
		case '-': *flags = 0; break;
		case 'f': *flags |= SLAB_CONSISTENCY_CHECKS; break;
		case 'z': *flags |= SLAB_RED_ZONE; break;
		case 'p': *flags |= SLAB_POISON; break;
		case 'u': *flags |= SLAB_STORE_USER; break;
		case 't': *flags |= SLAB_TRACE; break;
		case 'a': *flags |= SLAB_FAILSLAB; break;
		case 'o':
			if (o)
				*o = true;
			break;
		default:
			if (m)
				pr_err(m, "slab_debug option '%c' unknown. skipped", *str);
		}
	}
check_slabs:
	if (*str == ',')
		*slabs = ++str;
	else
		*slabs = NULL;
	while (*str && *str != ';')
		str++;
	while (*str == ';')
		str++;
	return *str ? str : NULL;
}

int setup_slub_debug(struct machine *m, char *err, size_t errlen)
{
	const char *str = m->bp.slub_debug, *slab_list;
	slab_flags_t flags, global_flags = DEBUG_DEFAULT_FLAGS;
	bool global_changed = false, list_specified = false, o = false;

	m->slub_debug = 0;
	m->slub_debug_string = NULL;
	m->disable_higher_order_debug = false;
	if (err && errlen)
		err[0] = '\0';
	if (!m->bp.slub_debug_given)
		return 0;
	if (*str) {
		while (str) {
			str = parse_slub_debug_flags(m, str, &flags, &slab_list, &o);
			if (!slab_list) {
				global_flags = flags;
				global_changed = true;
			} else {
				list_specified = true;
			}
		}
		if (list_specified) {
			if (!global_changed)
				global_flags = 0;
			m->slub_debug_string = m->bp.slub_debug;
		}
	}
	m->slub_debug = global_flags;
	m->disable_higher_order_debug = o;
	return 0;
}

slab_flags_t kmem_cache_flags(struct machine *m, slab_flags_t flags, const char *name)
{
	slab_flags_t block_flags, local = m->slub_debug;
	const char *iter, *next_block = m->slub_debug_string;
	size_t len = strlen(name);

	if (flags & SLAB_NO_USER_FLAGS)
		return flags;
	if (flags & SLAB_NOLEAKTRACE)
		local &= ~SLAB_STORE_USER;
	while (next_block) {
		next_block = parse_slub_debug_flags(NULL, next_block, &block_flags, &iter, NULL);
		if (!iter)
			continue;
		while (*iter) {
			const char *end = strchr(iter, ',') ? strchr(iter, ',') : iter + strlen(iter);
			const char *glob;
			size_t cmplen;

			if (next_block && next_block < end)
				end = next_block - 1;
			glob = memchr(iter, '*', (size_t)(end - iter));
			cmplen = glob ? (size_t)(glob - iter) : max(len, (size_t)(end - iter));
			if (!strncmp(name, iter, cmplen))
				return flags | block_flags;
			if (!*end || *end == ';')
				break;
			iter = end + 1;
		}
	}
	return flags | local;
}

void print_no_hash_pointers_notice(struct machine *m)
{
	static const char *const lines[] = {
		"**********************************************************",
		"**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **",
		"**                                                      **",
		"** This system shows unhashed kernel memory addresses   **",
		"** via the console, logs, and other interfaces. This    **",
		"** might reduce the security of your system.            **",
		"**                                                      **",
		"** If you see this message and you are not debugging    **",
		"** the kernel, report this immediately to your system   **",
		"** administrator!                                       **",
		"**                                                      **",
		"** Use hash_pointers=always to force this mode off      **",
		"**                                                      **",
		"**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **",
		"**********************************************************",
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		pr_warn(m, "%s", lines[i]);
}

/* ---- printing ---- */

static unsigned long slab_vmemmap(const struct machine *m, const struct page *slab)
{
	return VMEMMAP_START + page_to_pfn(m, slab) * STRUCT_PAGE_SIZE;
}

/* %pGp of a slab's head page: Linux's flags word with node/zone/lastcpupid. */
static void format_page_flags(const struct page *p, char *buf, size_t len)
{
	static const char *const names[] = {
		"locked", "writeback", "referenced", "uptodate", "dirty", "lru", "head",
		"waiters", "active", "workingset", "owner_priv_1", "owner_2", "arch_1",
		"reserved", "private", "private_2", "reclaim", "swapbacked",
		"unevictable", "mlocked",
	};
	unsigned long v = p->flags | ((unsigned long)p->nid << 53) |
			  ((unsigned long)p->zone_idx << 51) | (0x1fffffUL << 30);
	size_t n = (size_t)snprintf(buf, len, "%#lx(", v);

	for (int i = 0; i < __NR_PAGEFLAGS && n < len; i++)
		if (p->flags & (1UL << i))
			n += (size_t)snprintf(buf + n, len - n, "%s|", names[i]);
	if (n < len)
		snprintf(buf + n, len - n, "node=%d|zone=%d|lastcpupid=0x1fffff)", p->nid,
			 p->zone_idx);
}

/* print_section: print_hex_dump(DUMP_PREFIX_ADDRESS, 16 per row, ascii). */
static void print_section(struct machine *m, int level, const char *text,
			  const struct kmem_cache *s, const u8 *addr, unsigned int length)
{
	for (unsigned int i = 0; i < length; i += 16) {
		unsigned int n = min(16U, length - i), lx = 0;
		char line[80];

		for (unsigned int j = 0; j < n; j++)
			lx += (unsigned int)snprintf(line + lx, sizeof(line) - lx, "%02x%s",
						     addr[i + j], j + 1 < n ? " " : "");
		while (lx < 49)
			line[lx++] = ' ';
		for (unsigned int j = 0; j < n; j++)
			line[lx++] = isprint(addr[i + j]) && addr[i + j] < 0x80 ?
				     (char)addr[i + j] : '.';
		line[lx] = '\0';
		printk_level(m, level, "%s%016lx: %s", text, obj_kva(s, addr + i), line);
	}
}

static struct track *get_track(const struct kmem_cache *s, void *object, enum track_item alloc)
{
	return (struct track *)((u8 *)object + get_info_end(s)) + alloc;
}

void set_track(struct machine *m, struct kmem_cache *s, void *object, enum track_item alloc,
	       const char *caller)
{
	struct track *p = get_track(s, object, alloc);

	p->addr = caller_id(m, caller);
	p->handle = 0;
	p->cpu = m->current_cpu;
	p->pid = m->current_pid;
	p->pad = 0;
	p->when = jiffies(m);
}

void init_tracking(struct machine *m, struct kmem_cache *s, void *object)
{
	if (s->flags & SLAB_STORE_USER)
		memset(get_track(s, object, TRACK_ALLOC), 0, 2 * sizeof(struct track));
}

static void print_track(struct machine *m, const char *what, const struct track *t,
			unsigned long pr_time)
{
	if (!t->addr)
		return;
	pr_err(m, "%s in %s age=%lu cpu=%u pid=%d", what, caller_name(m, t->addr),
	       pr_time - (unsigned long)t->when, (unsigned int)t->cpu, t->pid);
	pr_err(m, "object allocation/free stack trace missing");
}

void print_tracking(struct machine *m, struct kmem_cache *s, void *object)
{
	unsigned long now = jiffies(m);

	if (!(s->flags & SLAB_STORE_USER))
		return;
	print_track(m, "Allocated", get_track(s, object, TRACK_ALLOC), now);
	print_track(m, "Freed", get_track(s, object, TRACK_FREE), now);
}

static unsigned int *orig_size_slot(const struct kmem_cache *s, const void *object)
{
	return (unsigned int *)((u8 *)object + get_info_end(s) + 2 * sizeof(struct track));
}

unsigned int get_orig_size(const struct kmem_cache *s, const void *object)
{
	if (!slub_debug_orig_size(s))
		return s->object_size;
	return *orig_size_slot(s, object);
}

void set_orig_size(const struct kmem_cache *s, const void *object, unsigned int size)
{
	if (slub_debug_orig_size(s))
		*orig_size_slot(s, object) = size;
}

void skip_orig_size_check(const struct kmem_cache *s, const void *object)
{
	set_orig_size(s, object, s->object_size);
}

static void print_slab_info(struct machine *m, const struct kmem_cache *s,
			    const struct page *slab)
{
	char flags[192];

	format_page_flags(slab, flags, sizeof(flags));
	pr_err(m, "Slab 0x%016lx objects=%u used=%u fp=0x%016lx flags=%s", slab_vmemmap(m, slab),
	       slab->objects, slab->inuse, obj_kva(s, slab->freelist), flags);
}

static void slab_bug(struct machine *m, const struct kmem_cache *s, const char *fmt, va_list ap)
{
	char msg[256], taint[40];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	pr_err(m, "=============================================================================");
	pr_err(m, "BUG %s (%s): %s", s ? s->name : "<unknown>",
	       print_tainted(m, taint, sizeof(taint)), msg);
	pr_err(m, "-----------------------------------------------------------------------------");
	pr_err(m, "\n");	/* the second '\n' of Linux's "-----\n\n": an empty record */
}

static void slab_bug_f(struct machine *m, const struct kmem_cache *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	slab_bug(m, s, fmt, ap);
	va_end(ap);
}

static __printf(3, 4) void slab_fix(struct machine *m, const struct kmem_cache *s,
				    const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_err(m, "FIX %s: %s", s->name, msg);
}

/* Does @object start an object of @slab (check_valid_pointer)? NULL is fine. */
static bool check_valid_pointer(const struct kmem_cache *s, const struct page *slab,
				const void *object)
{
	const u8 *base = page_address(s->machine, slab), *p;

	if (!object)
		return true;
	p = restore_red_left(s, (void *)object);
	if (p < base || p >= base + (size_t)slab->objects * s->size)
		return false;
	return (size_t)(p - base) % s->size == 0;
}

static unsigned int size_from_object(const struct kmem_cache *s)
{
	if (s->flags & SLAB_RED_ZONE)
		return s->size - s->red_left_pad;
	return s->size;
}

/* Offset of the padding after an object's metadata. */
static unsigned int metadata_end(const struct kmem_cache *s)
{
	unsigned int off = get_info_end(s);

	if (s->flags & SLAB_STORE_USER) {
		off += 2 * sizeof(struct track);
		if (s->flags & SLAB_KMALLOC)
			off += sizeof(unsigned int);
	}
	return off;
}

static void print_trailer(struct machine *m, struct kmem_cache *s, struct page *slab, u8 *p)
{
	u8 *addr = page_address(m, slab);
	unsigned int off = metadata_end(s);

	print_tracking(m, s, p);
	print_slab_info(m, s, slab);
	pr_err(m, "Object 0x%016lx @offset=%lu fp=0x%016lx", obj_kva(s, p),
	       (unsigned long)(p - addr), obj_kva(s, get_freepointer(s, p)));
	pr_err(m, "\n");	/* Linux's "fp=0x%p\n\n" */
	if (s->flags & SLAB_RED_ZONE)
		print_section(m, LOGLEVEL_ERR, "Redzone  ", s, p - s->red_left_pad,
			      s->red_left_pad);
	else if (p > addr + 16)
		print_section(m, LOGLEVEL_ERR, "Bytes b4 ", s, p - 16, 16);
	print_section(m, LOGLEVEL_ERR, "Object   ", s, p,
		      min(s->object_size, (unsigned int)PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section(m, LOGLEVEL_ERR, "Redzone  ", s, p + s->object_size,
			      s->inuse - s->object_size);
	if (off != size_from_object(s))
		print_section(m, LOGLEVEL_ERR, "Padding  ", s, p + off, size_from_object(s) - off);
}

void object_err(struct machine *m, struct kmem_cache *s, struct page *slab, void *object,
		const char *reason)
{
	slab_bug_f(m, s, "%s", reason);
	if (!object || !check_valid_pointer(s, slab, object)) {
		print_slab_info(m, s, slab);
		pr_err(m, "Invalid pointer 0x%016lx", obj_kva(s, object));
	} else {
		print_trailer(m, s, slab, object);
	}
	add_taint(m, TAINT_BAD_PAGE);
	WARN_ON(m, 1);
}

static void __slab_err(struct machine *m, struct kmem_cache *s, struct page *slab)
{
	print_slab_info(m, s, slab);
	add_taint(m, TAINT_BAD_PAGE);
	WARN_ON(m, 1);
}

void slab_err(struct machine *m, struct kmem_cache *s, struct page *slab, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	slab_bug(m, s, fmt, ap);
	va_end(ap);
	__slab_err(m, s, slab);
}

/* ---- object bytes ---- */

void init_object(struct machine *m, struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;
	unsigned int poison_size = s->object_size;

	if (s->flags & SLAB_RED_ZONE) {
		memset(p - s->red_left_pad, val, s->red_left_pad);
		if (slub_debug_orig_size(s) && val == SLUB_RED_ACTIVE) {
			poison_size = get_orig_size(s, object);
			if (poison_size > s->object_size)
				poison_size = s->object_size;
		}
	}
	if (s->flags & __OBJECT_POISON) {
		if (poison_size) {
			memset(p, POISON_FREE, poison_size - 1);
			p[poison_size - 1] = POISON_END;
		}
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + poison_size, val, s->inuse - poison_size);
}

static void restore_bytes(struct machine *m, struct kmem_cache *s, const char *message, u8 data,
			  u8 *from, u8 *to)
{
	slab_fix(m, s, "Restoring %s 0x%016lx-0x%016lx=0x%x", message, obj_kva(s, from),
		 obj_kva(s, to - 1), data);
	memset(from, data, (size_t)(to - from));
}

static bool check_bytes_and_report(struct machine *m, struct kmem_cache *s, struct page *slab,
				   u8 *object, const char *what, u8 *start, unsigned int value,
				   unsigned int bytes, bool slab_obj_print)
{
	u8 *addr = page_address(m, slab), *fault = NULL, *end;

	for (unsigned int i = 0; i < bytes; i++)
		if (start[i] != value) {
			fault = start + i;
			break;
		}
	if (!fault)
		return true;
	end = start + bytes;
	while (end > fault && end[-1] == value)
		end--;
	pr_err(m, "[%s overwritten] 0x%016lx-0x%016lx @offset=%lu. First byte 0x%x instead of 0x%x",
	       what, obj_kva(s, fault), obj_kva(s, end - 1), (unsigned long)(fault - addr),
	       fault[0], value);
	if (slab_obj_print)
		object_err(m, s, slab, object, "Object corrupt");
	restore_bytes(m, s, what, (u8)value, fault, end);
	return false;
}

static bool check_pad_bytes(struct machine *m, struct kmem_cache *s, struct page *slab, u8 *p)
{
	unsigned int off = metadata_end(s);

	if (size_from_object(s) == off)
		return true;
	return check_bytes_and_report(m, s, slab, p, "Object padding", p + off, POISON_INUSE,
				      size_from_object(s) - off, true);
}

void slab_pad_check(struct machine *m, struct kmem_cache *s, struct page *slab)
{
	u8 *start = page_address(m, slab), *end, *pad, *fault = NULL;
	unsigned long length = PAGE_SIZE << slab->alloc_order, remainder = length % s->size;

	if (!(s->flags & SLAB_POISON) || !remainder)
		return;
	end = start + length;
	pad = end - remainder;
	for (unsigned long i = 0; i < remainder; i++)
		if (pad[i] != POISON_INUSE) {
			fault = pad + i;
			break;
		}
	if (!fault)
		return;
	while (end > fault && end[-1] == POISON_INUSE)
		end--;
	slab_bug_f(m, s, "Padding overwritten. 0x%016lx-0x%016lx @offset=%lu", obj_kva(s, fault),
		   obj_kva(s, end - 1), (unsigned long)(fault - start));
	print_section(m, LOGLEVEL_ERR, "Padding ", s, pad, (unsigned int)remainder);
	__slab_err(m, s, slab);
	restore_bytes(m, s, "slab padding", POISON_INUSE, fault, end);
}

bool check_object(struct machine *m, struct kmem_cache *s, struct page *slab, void *object,
		  u8 val)
{
	u8 *p = object, *endobject = p + s->object_size;
	bool ret = true;

	if (s->flags & SLAB_RED_ZONE) {
		if (!check_bytes_and_report(m, s, slab, p, "Left Redzone", p - s->red_left_pad, val,
					    s->red_left_pad, ret))
			ret = false;
		if (!check_bytes_and_report(m, s, slab, p, "Right Redzone", endobject, val,
					    s->inuse - s->object_size, ret))
			ret = false;
		if (slub_debug_orig_size(s) && val == SLUB_RED_ACTIVE) {
			unsigned int orig_size = get_orig_size(s, object);

			if (s->object_size > orig_size &&
			    !check_bytes_and_report(m, s, slab, p, "kmalloc Redzone", p + orig_size,
						    val, s->object_size - orig_size, ret))
				ret = false;
		}
	} else if ((s->flags & SLAB_POISON) && s->object_size < s->inuse) {
		if (!check_bytes_and_report(m, s, slab, p, "Alignment padding", endobject,
					    POISON_INUSE, s->inuse - s->object_size, ret))
			ret = false;
	}
	if (s->flags & SLAB_POISON) {
		if (val != SLUB_RED_ACTIVE && (s->flags & __OBJECT_POISON)) {
			if (s->object_size > 1 &&
			    !check_bytes_and_report(m, s, slab, p, "Poison", p, POISON_FREE,
						    s->object_size - 1, ret))
				ret = false;
			if (!check_bytes_and_report(m, s, slab, p, "End Poison",
						    p + s->object_size - 1, POISON_END, 1, ret))
				ret = false;
		}
		if (!check_pad_bytes(m, s, slab, p))
			ret = false;
	}
	/* The free pointer can be checked only while it is not inside live data. */
	if ((freeptr_outside_object(s) || val != SLUB_RED_ACTIVE) &&
	    !check_valid_pointer(s, slab, get_freepointer(s, p))) {
		object_err(m, s, slab, p, "Freepointer corrupt");
		set_freepointer(s, p, NULL);
		ret = false;
	}
	return ret;
}

static bool check_slab(struct machine *m, struct kmem_cache *s, struct page *slab)
{
	unsigned int maxobj = (unsigned int)((PAGE_SIZE << slab->alloc_order) / s->size);

	if (slab->objects > maxobj) {
		slab_err(m, s, slab, "objects %u > max %u", slab->objects, maxobj);
		return false;
	}
	if (slab->inuse > slab->objects) {
		slab_err(m, s, slab, "inuse %u > max %u", slab->inuse, slab->objects);
		return false;
	}
	if (slab->frozen) {
		slab_err(m, s, slab, "Slab disabled since SLUB metadata consistency check failed");
		return false;
	}
	slab_pad_check(m, s, slab);
	return true;
}

/* on_freelist: is @search on @slab's freelist?  Repairs what it finds broken. */
static bool on_freelist(struct machine *m, struct kmem_cache *s, struct page *slab, void *search)
{
	unsigned int nr = 0, max_objects;
	void *fp = slab->freelist, *object = NULL;

	while (fp && nr <= slab->objects) {
		if (fp == search)
			return true;
		if (!check_valid_pointer(s, slab, fp)) {
			if (object) {
				object_err(m, s, slab, object, "Freechain corrupt");
				set_freepointer(s, object, NULL);
				break;
			}
			slab_err(m, s, slab, "Freepointer corrupt");
			slab->freelist = NULL;
			slab->inuse = slab->objects;
			slab_fix(m, s, "Freelist cleared");
			return false;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}
	if (nr > slab->objects) {
		slab_err(m, s, slab, "Freelist cycle detected");
		slab->freelist = NULL;
		slab->inuse = slab->objects;
		slab_fix(m, s, "Freelist cleared");
		return false;
	}
	max_objects = min((unsigned int)((PAGE_SIZE << slab->alloc_order) / s->size),
			  (unsigned int)MAX_OBJS_PER_PAGE);
	if (slab->objects != max_objects) {
		slab_err(m, s, slab, "Wrong number of objects. Found %u but should be %u",
			 slab->objects, max_objects);
		slab->objects = max_objects & 0x7fff;
		slab_fix(m, s, "Number of objects adjusted");
	}
	if (slab->inuse != slab->objects - nr) {
		slab_err(m, s, slab, "Wrong object count. Counter is %u but counted were %u",
			 slab->inuse, slab->objects - nr);
		slab->inuse = (slab->objects - nr) & 0xffff;
		slab_fix(m, s, "Object count adjusted");
	}
	return search == NULL;
}

static void trace(struct machine *m, struct kmem_cache *s, struct page *slab, void *object,
		  int alloc)
{
	if (!(s->flags & SLAB_TRACE))
		return;
	pr_info(m, "TRACE %s %s 0x%016lx inuse=%u fp=0x%016lx", s->name,
		alloc ? "alloc" : "free", obj_kva(s, object), slab->inuse,
		obj_kva(s, slab->freelist));
	if (!alloc)
		print_section(m, LOGLEVEL_INFO, "Object ", s, object, s->object_size);
}

void setup_slab_debug(struct machine *m, struct kmem_cache *s, struct page *slab, void *addr)
{
	if (s->flags & SLAB_POISON)
		memset(addr, POISON_INUSE, PAGE_SIZE << slab->alloc_order);
}

bool alloc_debug_processing(struct machine *m, struct kmem_cache *s, struct page *slab,
			    void *object, unsigned int orig_size)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_slab(m, s, slab))
			goto bad;
		if (!check_valid_pointer(s, slab, object)) {
			object_err(m, s, slab, object, "Freelist Pointer check fails");
			goto bad;
		}
		if (!check_object(m, s, slab, object, SLUB_RED_INACTIVE))
			goto bad;
	}
	trace(m, s, slab, object, 1);
	set_orig_size(s, object, orig_size);
	init_object(m, s, object, SLUB_RED_ACTIVE);
	return true;
bad:
	/* Avoid touching the other objects: mark them all used. */
	slab_fix(m, s, "Marking all objects used");
	slab->inuse = slab->objects;
	slab->freelist = NULL;
	slab->frozen = 1;
	return false;
}

static bool free_consistency_checks(struct machine *m, struct kmem_cache *s, struct page *slab,
				    void *object)
{
	if (!check_valid_pointer(s, slab, object)) {
		slab_err(m, s, slab, "Invalid object pointer 0x%016lx", obj_kva(s, object));
		return false;
	}
	if (on_freelist(m, s, slab, object)) {
		object_err(m, s, slab, object, "Object already free");
		return false;
	}
	if (!check_object(m, s, slab, object, SLUB_RED_ACTIVE))
		return false;
	return true;
}

bool free_debug_processing(struct machine *m, struct kmem_cache *s, struct page *slab,
			   void *object, const char *caller)
{
	bool ok = false;

	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_slab(m, s, slab))
			goto out;
		if (!free_consistency_checks(m, s, slab, object))
			goto out;
	} else if (!check_valid_pointer(s, slab, object) || slab->frozen || !slab->inuse) {
		/* mmsim: never corrupt, even without F */
		slab_err(m, s, slab, "Invalid object pointer 0x%016lx", obj_kva(s, object));
		goto out;
	} else if (on_freelist(m, s, slab, object)) {
		object_err(m, s, slab, object, "Object already free");
		goto out;
	}
	if (s->flags & SLAB_STORE_USER)
		set_track(m, s, object, TRACK_FREE, caller);
	trace(m, s, slab, object, 0);
	init_object(m, s, object, SLUB_RED_INACTIVE);
	ok = true;
out:
	if (!ok)
		slab_fix(m, s, "Object at 0x%016lx not freed", obj_kva(s, object));
	return ok;
}

/* ---- the actor's checked frees (mmsim, no Linux counterpart) ---- */

/* Is @obj on the chain starting at @fp (at most @slab->objects links, valid pointers only)? */
static bool on_chain(const struct kmem_cache *s, const struct page *slab, void *fp,
		     const void *obj)
{
	for (unsigned int nr = 0; fp && nr < slab->objects; nr++) {
		if (fp == obj)
			return true;
		if (!check_valid_pointer(s, slab, fp))
			return false;
		fp = get_freepointer(s, fp);
	}
	return false;
}

bool free_checked_already_free(struct machine *m, struct kmem_cache *s, struct page *slab,
			       void *obj)
{
	bool found = on_chain(s, slab, slab->freelist, obj);

	for (int cpu = 0; !found && cpu < m->nr_cpu_ids; cpu++)
		if (s->cpu_slab[cpu].slab == slab)
			found = on_chain(s, slab, s->cpu_slab[cpu].freelist, obj);
	if (!found)
		found = sheaf_holds(m, s, obj);	/* freed into a sheaf */
	if (!found)
		return false;
	/* what free_consistency_checks prints with slub_debug=F */
	object_err(m, s, slab, obj, "Object already free");
	slab_fix(m, s, "Object at 0x%016lx not freed", obj_kva(s, obj));
	return true;
}

/* ---- reports outside slub_debug ---- */

void list_slab_objects(struct machine *m, struct kmem_cache *s, struct page *slab)
{
	u8 *addr = page_address(m, slab);
	unsigned long map[(MAX_OBJS_PER_PAGE + 63) / 64] = { 0 };
	unsigned int n = 0;
	void *p;

	slab_bug_f(m, s, "Objects remaining on __kmem_cache_shutdown()");
	for (p = slab->freelist; p && n++ < slab->objects; p = get_freepointer(s, p)) {
		unsigned long idx;

		if (!check_valid_pointer(s, slab, p))
			break;
		idx = (unsigned long)((u8 *)restore_red_left(s, p) - addr) / s->size;
		map[idx / 64] |= 1UL << (idx % 64);
	}
	for_each_object(p, s, addr, slab->objects) {
		unsigned long idx = (unsigned long)((u8 *)restore_red_left(s, p) - addr) / s->size;

		if (map[idx / 64] & (1UL << (idx % 64)))
			continue;
		pr_err(m, "Object 0x%016lx @offset=%lu", obj_kva(s, p),
		       (unsigned long)((u8 *)p - addr));
		print_tracking(m, s, p);
	}
	__slab_err(m, s, slab);
}

void report_double_free(struct machine *m, struct kmem_cache *s, struct page *slab,
			void *object)
{
	pr_crit(m, "kernel BUG at mm/slub.c: set_freepointer: object 0x%016lx of %s is already free (naive double free detection, CONFIG_SLAB_FREELIST_HARDENED)",
		obj_kva(s, object), s->name);
	pr_crit(m, "mmsim: free ignored; Linux would oops here");
	print_slab_info(m, s, slab);
	add_taint(m, TAINT_BAD_PAGE);
}

void report_bad_cache_free(struct machine *m, struct kmem_cache *s, struct page *slab,
			   const void *obj, const char *why)
{
	unsigned long off = (unsigned long)((const u8 *)obj - m->ram);
	bool in_ram = (const u8 *)obj >= m->ram && off < (m->max_pfn << PAGE_SHIFT);

	if (slab && s) {
		WARN(m, 1,
			  "kmem_cache_free: Wrong slab cache. %s but object is from %s",
			  s->name, slab->slab_cache->name);
		print_tracking(m, slab->slab_cache, (void *)obj);
		return;
	}
	if (!in_ram) {
		WARN(m, 1,
			  "%s: 0x%016lx is not a kernel direct-map address",
			  s ? "kmem_cache_free" : "kfree", (unsigned long)(uintptr_t)obj);
		return;
	}
	if (s) {
		WARN(m, 1,
			  "virt_to_cache: Object is not a Slab page!");
		return;
	}
	{
		struct page *page = pfn_to_page(m, off >> PAGE_SHIFT);
		char flags[192];

		WARN_ON(m, 1);
		format_page_flags(page, flags, sizeof(flags));
		pr_warn(m, "page: refcount:%d mapcount:%d mapping:0000000000000000 index:0x0 pfn:%#lx",
			page->_refcount, PageSlab(page) ? 0 : page->_mapcount + 1,
			page_to_pfn(m, page));
		pr_warn(m, "flags: %s", flags);
		pr_warn(m, "page dumped because: %s", why ? why : "Not a kmalloc allocation");
	}
}

/* ---- validate (/sys/kernel/slab/CACHE/validate) ---- */

static void validate_slab(struct machine *m, struct kmem_cache *s, struct page *slab)
{
	u8 *addr = page_address(m, slab);
	unsigned long map[(MAX_OBJS_PER_PAGE + 63) / 64] = { 0 };
	void *p;

	if (!check_slab(m, s, slab) || !on_freelist(m, s, slab, NULL))
		return;
	for (p = slab->freelist; p; p = get_freepointer(s, p)) {
		unsigned long idx = (unsigned long)((u8 *)restore_red_left(s, p) - addr) / s->size;

		map[idx / 64] |= 1UL << (idx % 64);
	}
	for_each_object(p, s, addr, slab->objects) {
		unsigned long idx = (unsigned long)((u8 *)restore_red_left(s, p) - addr) / s->size;
		u8 val = (map[idx / 64] & (1UL << (idx % 64))) ? SLUB_RED_INACTIVE
							     : SLUB_RED_ACTIVE;

		if (!check_object(m, s, slab, p, val))
			break;
	}
}

long validate_slab_cache(struct machine *m, struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	struct page *slab;
	unsigned long count = 0;
	int node;

	for (int cpu = 0; cpu < m->nr_cpu_ids; cpu++)
		flush_cpu_slab(m, s, cpu);
	for_each_kmem_cache_node(m, s, node, n) {
		unsigned long c = 0;

		list_for_each_entry(slab, &n->partial, lru) {
			validate_slab(m, s, slab);
			c++;
		}
		if (c != n->nr_partial)
			pr_err(m, "SLUB %s: %lu partial slabs counted but counter=%lu", s->name, c,
			       n->nr_partial);
		if (s->flags & SLAB_STORE_USER) {
			list_for_each_entry(slab, &n->full, lru) {
				validate_slab(m, s, slab);
				c++;
			}
			if (c != node_nr_slabs(n))
				pr_err(m, "SLUB: %s %lu slabs counted but counter=%lu", s->name, c,
				       node_nr_slabs(n));
		}
		count += c;
	}
	return (long)count;
}
