// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cutting one line of the workload language into words, the way a shell
 * would: blanks separate, quotes group, # starts a comment, ; separates
 * commands, > and < are operators.  Leaves out: variables, globbing,
 * pipes, here-documents.  Caller: script.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "script.h"

/* A growing word being built. */
struct wbuf {
	char *p;
	size_t len, cap;
};

static void wbuf_put(struct wbuf *b, char c)
{
	if (b->len + 2 > b->cap) {
		b->cap = b->cap ? b->cap * 2 : 32;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

/* The list of words being built. */
struct wlist {
	struct word *w;
	int n, cap;
};

static void wlist_add(struct wlist *l, char *text, bool op)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->w = realloc(l->w, l->cap * sizeof(*l->w));
		if (!l->w)
			abort();
	}
	l->w[l->n].text = text;
	l->w[l->n].op = op;
	l->n++;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Length of the operator at @p (> >= >> < <=), 0 if none. */
static int op_len(const char *p)
{
	if (*p != '>' && *p != '<')
		return 0;
	if (p[1] == '=' || (p[0] == '>' && p[1] == '>'))
		return 2;
	return 1;
}

/*
 * Read one quoted or plain stretch of a word starting at *pp into @b.
 * Returns false on an unterminated quote.
 */
static bool lex_quoted(const char **pp, struct wbuf *b, char *err, size_t errlen)
{
	const char *p = *pp;
	char q = *p++;

	for (; *p && *p != q; p++) {
		if (q == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
			p++;
		wbuf_put(b, *p);
	}
	if (*p != q) {
		snprintf(err, errlen, "unterminated quote (expected a closing %c)", q);
		return false;
	}
	*pp = p + 1;
	return true;
}

int lex_line(const char *line, struct word **out, char *err, size_t errlen)
{
	struct wlist l = { 0 };
	const char *p = line;

	for (;;) {
		struct wbuf b = { 0 };
		bool started = false;
		int ol;

		while (is_blank(*p))
			p++;
		if (!*p || *p == '#')
			break;
		if (*p == ';') {
			wlist_add(&l, NULL, false);
			p++;
			continue;
		}
		if ((ol = op_len(p))) {
			wlist_add(&l, strndup(p, ol), true);
			p += ol;
			continue;
		}
		while (*p && !is_blank(*p) && *p != ';' && !op_len(p)) {
			started = true;
			if (*p == '\'' || *p == '"') {
				if (!lex_quoted(&p, &b, err, errlen)) {
					free(b.p);
					lex_free(l.w, l.n);
					return -1;
				}
				continue;
			}
			if (*p == '\\' && p[1])
				p++;
			wbuf_put(&b, *p++);
		}
		if (started)
			wlist_add(&l, b.p ? b.p : strdup(""), false);
	}
	*out = l.w;
	return l.n;
}

void lex_free(struct word *w, int n)
{
	for (int i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}
