// SPDX-License-Identifier: GPL-2.0-only
/*
 * /proc/buddyinfo and /proc/pagetypeinfo: Linux 6.18's layout, free block
 * counts that add up to the zone's free pages and to nr_free_pages, per
 * migratetype counts that add up to buddyinfo, and the pageblock census.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc_helpers.h"
#include "linux/machine.h"
#include "linux/vmstat.h"

/* Parse "Node N, zone NAME c0 c1 ... c10 " into @cnt; returns the zone name. */
static void parse_buddy_line(const char *line, int *nid, char *zone, unsigned long cnt[11])
{
	const char *p;
	char *end;

	assert_int_equal(sscanf(line, "Node %d, zone %15s", nid, zone), 2);
	p = strstr(line, zone) + strlen(zone);
	for (int o = 0; o < 11; o++) {
		cnt[o] = strtoul(p, &end, 10);
		assert_true(end != p);
		p = end;
	}
	assert_string_equal(p, " ");	/* Linux leaves a trailing space */
}

static void buddyinfo_layout_matches_linux(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=2");
	char *ref, *ours = ph_read(m, "/proc/buddyinfo");
	struct ph_lines r, o;

	PH_REFERENCE(ref, "proc-buddyinfo.txt");
	r = ph_split(ref);
	o = ph_split(ours);
	assert_int_equal(o.nr, r.nr);	/* DMA, DMA32, Normal */
	for (size_t i = 0; i < r.nr; i++) {
		/* "%6lu " columns: same length whatever the values (< 1e6) */
		assert_int_equal(strlen(o.line[i]), strlen(r.line[i]));
		assert_memory_equal(o.line[i], r.line[i], strlen("Node 0, zone   Normal"));
	}
	ph_free_lines(&r);
	ph_free_lines(&o);
	free(ref);
	free(ours);
	mmsim_destroy(m);
}

static void check_buddyinfo_sums(struct machine *m)
{
	char *t = ph_read(m, "/proc/buddyinfo");
	struct ph_lines l = ph_split(t);
	unsigned long total = 0;

	for (size_t i = 0; i < l.nr; i++) {
		unsigned long cnt[11], pages = 0;
		char name[16];
		int nid, z;

		parse_buddy_line(l.line[i], &nid, name, cnt);
		for (z = 0; z < MAX_NR_ZONES && strcmp(zone_names[z], name); z++)
			;
		assert_true(z < MAX_NR_ZONES);
		for (int o = 0; o < 11; o++)
			pages += cnt[o] << o;
		assert_int_equal(pages, zone_page_state(&NODE_DATA(m, nid)->node_zones[z],
							NR_FREE_PAGES));
		total += pages;
	}
	assert_int_equal(total, nr_free_pages(m));
	ph_free_lines(&l);
	free(t);
}

static void buddyinfo_sums_equal_free_pages(void **state)
{
	struct machine *m = ph_boot("mem=4G nr_cpus=2 numa=fake=2");
	unsigned long pfn[40];
	char err[128];

	check_buddyinfo_sums(m);
	for (int i = 0; i < 40; i++)
		assert_int_equal(mmsim_alloc_pages(m, (unsigned)(i % 6), "GFP_KERNEL", i % 2, -1,
						   &pfn[i], err, sizeof(err)), 0);
	check_buddyinfo_sums(m);
	for (int i = 0; i < 40; i++)
		assert_int_equal(mmsim_free_pages(m, pfn[i], (unsigned)(i % 6)), 0);
	mmsim_drain_pages(m);
	check_buddyinfo_sums(m);
	mmsim_destroy(m);
}

static void pagetypeinfo_layout_matches_linux(void **state)
{
	struct machine *m = ph_boot("mem=8G nr_cpus=2");
	char *ref, *ours = ph_read(m, "/proc/pagetypeinfo");
	struct ph_lines r, o;

	PH_REFERENCE(ref, "proc-pagetypeinfo.txt");
	r = ph_split(ref);
	o = ph_split(ours);
	assert_int_equal(o.nr, r.nr);
	for (size_t i = 0; i < r.nr; i++) {
		/* right-aligned columns: same length and same text before the numbers */
		assert_int_equal(strlen(o.line[i]), strlen(r.line[i]));
		if (strncmp(r.line[i], "Node ", 5) == 0)
			assert_memory_equal(o.line[i], r.line[i], strcspn(r.line[i] + 21, "0123456789") + 21);
		else
			assert_string_equal(o.line[i], r.line[i]);	/* headers */
	}
	ph_free_lines(&r);
	ph_free_lines(&o);
	free(ref);
	free(ours);
	mmsim_destroy(m);
}

/* The per-migratetype rows of one zone add up to its buddyinfo row. */
static void pagetypeinfo_types_add_up_to_buddyinfo(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=2");
	unsigned long pfn[16];
	char err[128];
	char *pt, *bi;
	struct ph_lines l, b;

	for (int i = 0; i < 16; i++)
		assert_int_equal(mmsim_alloc_pages(m, 1, i % 2 ? "GFP_KERNEL" : "GFP_HIGHUSER_MOVABLE",
						   -1, -1, &pfn[i], err, sizeof(err)), 0);
	pt = ph_read(m, "/proc/pagetypeinfo");
	bi = ph_read(m, "/proc/buddyinfo");
	l = ph_split(pt);
	b = ph_split(bi);
	for (size_t i = 0; i < b.nr; i++) {
		unsigned long want[11], sum[11] = { 0 };
		char name[16], hdr[64];
		int nid;

		parse_buddy_line(b.line[i], &nid, name, want);
		snprintf(hdr, sizeof(hdr), "Node %4d, zone %8s, type ", nid, name);
		for (size_t j = 0; j < l.nr; j++) {
			const char *p;
			char *end;

			if (strncmp(l.line[j], hdr, strlen(hdr)))
				continue;
			p = l.line[j] + strlen(hdr) + 12;
			for (int o = 0; o < 11; o++) {
				sum[o] += strtoul(p, &end, 10);
				p = end;
			}
		}
		for (int o = 0; o < 11; o++)
			assert_int_equal(sum[o], want[o]);
	}
	ph_free_lines(&l);
	ph_free_lines(&b);
	free(pt);
	free(bi);
	mmsim_destroy(m);
}

/* The block census counts every pageblock start of the zone that has RAM. */
static void pagetypeinfo_counts_every_pageblock(void **state)
{
	struct machine *m = ph_boot("mem=2G nr_cpus=2");
	char *t = ph_read(m, "/proc/pagetypeinfo");
	const char *dma = strstr(t, "Node 0, zone      DMA ");
	const char *dma32 = strstr(t, "Node 0, zone    DMA32 ");
	unsigned long c[5], blocks32;
	struct zone *z32 = &NODE_DATA(m, 0)->node_zones[ZONE_DMA32];

	assert_non_null(dma);
	assert_non_null(dma32);
	/* DMA spans pfn 1..4095: starts 1, 513, ... 3585 */
	assert_int_equal(sscanf(dma + 22, "%lu %lu %lu %lu %lu", &c[0], &c[1], &c[2], &c[3], &c[4]), 5);
	assert_int_equal(c[0] + c[1] + c[2] + c[3] + c[4], 8);
	assert_int_equal(sscanf(dma32 + 22, "%lu %lu %lu %lu %lu", &c[0], &c[1], &c[2], &c[3], &c[4]), 5);
	blocks32 = (z32->spanned_pages + pageblock_nr_pages - 1) / pageblock_nr_pages;
	assert_int_equal(c[0] + c[1] + c[2] + c[3] + c[4], blocks32);
	free(t);
	mmsim_destroy(m);
}

static void pagetypeinfo_is_listed_in_proc(void **state)
{
	struct machine *m = ph_boot("mem=2G");
	char **names;
	size_t nr;
	bool found = false;

	assert_int_equal(mmsim_readdir(m, "/proc", &names, &nr), 0);
	for (size_t i = 0; i < nr; i++)
		found |= strcmp(names[i], "pagetypeinfo") == 0;
	mmsim_free_list(names, nr);
	assert_true(found);
	mmsim_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buddyinfo_layout_matches_linux),
		cmocka_unit_test(buddyinfo_sums_equal_free_pages),
		cmocka_unit_test(pagetypeinfo_layout_matches_linux),
		cmocka_unit_test(pagetypeinfo_types_add_up_to_buddyinfo),
		cmocka_unit_test(pagetypeinfo_counts_every_pageblock),
		cmocka_unit_test(pagetypeinfo_is_listed_in_proc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
