/* mustache_parse.c: read a template into nodes, standalone lines resolved. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_tree.h"

struct mustache_parser {
	struct mustache_template *t;
	struct mustache_error *err;
	const char *otag;
	size_t olen;
	const char *ctag;
	size_t clen;
	size_t open[MUSTACHE_MAX_NESTING];
	size_t tail[MUSTACHE_MAX_NESTING + 1];
	size_t depth;
};

/* Copy a name for a message: printable, and cut when long. */
static const char *name_for_message(char *dst, size_t size, const char *s,
				    size_t len)
{
	size_t i, max = size - 4;

	for (i = 0; i < len && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		dst[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (i < len) {
		memcpy(dst + i, "...", 3);
		i += 3;
	}
	dst[i] = '\0';
	return dst;
}

static void position_of(const struct mustache_template *t, size_t pos,
			unsigned *line, unsigned *column)
{
	size_t i, bol = 0;

	*line = 1;
	if (pos > t->len)
		pos = t->len;
	for (i = 0; i < pos; i++) {
		if (t->src[i] == '\n') {
			++*line;
			bol = i + 1;
		}
	}
	*column = (unsigned)(pos - bol + 1);
}

int mustache_error_at(struct mustache_error *err,
		      const struct mustache_template *t, size_t pos,
		      const char *fmt, ...)
{
	va_list ap;

	if (err->message[0])
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	if (!t)
		return -1;
	snprintf(err->template_name, sizeof(err->template_name), "%s",
		 t->name);
	position_of(t, pos, &err->line, &err->column);
	return -1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Offset of `pat` in `s[from..len)`, or NO_NODE. */
static size_t find(const char *s, size_t len, size_t from, const char *pat,
		   size_t plen)
{
	const char *hit;

	while (from < len && plen <= len - from) {
		hit = memchr(s + from, pat[0], len - from - plen + 1);
		if (!hit)
			return NO_NODE;
		from = (size_t)(hit - s);
		if (!memcmp(hit, pat, plen))
			return from;
		from++;
	}
	return NO_NODE;
}

/* Offset of `c` directly followed by `pat`, searching from `from`. */
static size_t find_after_char(const char *s, size_t len, size_t from,
			      char c, const char *pat, size_t plen)
{
	size_t at = from;

	while ((at = find(s, len, at, pat, plen)) != NO_NODE) {
		if (at > from && s[at - 1] == c)
			return at - 1;
		at++;
	}
	return NO_NODE;
}

static void trim(const char **s, size_t *len)
{
	while (*len && is_space(**s))
		++*s, --*len;
	while (*len && is_space((*s)[*len - 1]))
		--*len;
}

static struct mustache_node *node_add(struct mustache_parser *p,
				      enum mustache_kind kind, size_t pos)
{
	struct mustache_template *t = p->t;
	struct mustache_node *n;

	if (t->nr == t->alloc) {
		size_t alloc = t->alloc ? t->alloc * 2 : 64;

		n = alloc < SIZE_MAX / sizeof(*n) ?
			realloc(t->nodes, alloc * sizeof(*n)) : NULL;
		if (!n) {
			mustache_error_at(p->err, NULL, 0, "out of memory");
			return NULL;
		}
		t->nodes = n;
		t->alloc = alloc;
	}
	n = &t->nodes[t->nr++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->pos = pos;
	n->child = NO_NODE;
	n->next = NO_NODE;
	return n;
}

/* Add `src[from..to)` as text nodes, one per line. */
static int text_add(struct mustache_parser *p, size_t from, size_t to)
{
	const char *src = p->t->src;
	struct mustache_node *n;
	const char *nl;
	size_t end;

	while (from < to) {
		nl = memchr(src + from, '\n', to - from);
		end = nl ? (size_t)(nl - src) + 1 : to;
		n = node_add(p, MUSTACHE_TEXT, from);
		if (!n)
			return -1;
		n->str = src + from;
		n->len = end - from;
		from = end;
	}
	return 0;
}

static enum mustache_kind kind_of(char sigil)
{
	switch (sigil) {
	case '{': case '&': return MUSTACHE_RAW;
	case '#': return MUSTACHE_SECTION;
	case '^': return MUSTACHE_INVERTED;
	case '/': return MUSTACHE_CLOSE;
	case '>': return MUSTACHE_PARTIAL;
	case '<': return MUSTACHE_PARENT;
	case '$': return MUSTACHE_BLOCK;
	case '!': return MUSTACHE_COMMENT;
	case '=': return MUSTACHE_DELIM;
	}
	return MUSTACHE_VAR;
}

static int has_space(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (is_space(s[i]))
			return 1;
	return 0;
}

/* `{{=<% %>=}}`: two delimiters without whitespace or `=` in them. */
static int delims_set(struct mustache_parser *p, size_t at, const char *s,
		      size_t len)
{
	size_t i = 0, j;

	trim(&s, &len);
	while (i < len && !is_space(s[i]))
		i++;
	for (j = i; j < len && is_space(s[j]); j++)
		;
	if (!i || j == len || memchr(s, '=', len) || has_space(s + j, len - j))
		return mustache_error_at(p->err, p->t, at,
					 "invalid delimiter change");
	if (i > MUSTACHE_MAX_DELIMITER || len - j > MUSTACHE_MAX_DELIMITER)
		return mustache_error_at(p->err, p->t, at,
					 "delimiter longer than %d bytes",
					 MUSTACHE_MAX_DELIMITER);

	p->otag = s;
	p->olen = i;
	p->ctag = s + j;
	p->clen = len - j;
	return 0;
}

/* Fill a tag node's name from `s[0..len)`; `*` marks a dynamic name. */
static int tag_name(struct mustache_parser *p, struct mustache_node *n,
		    const char *s, size_t len)
{
	trim(&s, &len);
	if ((n->kind == MUSTACHE_PARTIAL || n->kind == MUSTACHE_PARENT) &&
	    len && s[0] == '*') {
		n->dynamic = 1;
		s++, len--;
		trim(&s, &len);
	}
	if (!len)
		return mustache_error_at(p->err, p->t, n->pos,
					 "missing name in tag");
	n->str = s;
	n->len = len;
	return 0;
}

/* Read the tag opening at `at`; `*end` is set past its closing delimiter. */
static int tag_parse(struct mustache_parser *p, size_t at, size_t *end)
{
	const char *src = p->t->src;
	size_t len = p->t->len, start = at + p->olen, close;
	char sigil = start < len ? src[start] : '\0';
	enum mustache_kind kind = kind_of(sigil);
	struct mustache_node *n;

	if (kind != MUSTACHE_VAR)
		start++;
	if (sigil == '{')
		close = find_after_char(src, len, start, '}', p->ctag, p->clen);
	else if (sigil == '=')
		close = find_after_char(src, len, start, '=', p->ctag, p->clen);
	else
		close = find(src, len, start, p->ctag, p->clen);
	if (close == NO_NODE)
		return mustache_error_at(p->err, p->t, at, "unclosed tag");
	*end = close + p->clen + (sigil == '{' || sigil == '=');

	n = node_add(p, kind, at);
	if (!n)
		return -1;
	if (kind == MUSTACHE_DELIM)
		return delims_set(p, at, src + start, close - start);
	if (kind == MUSTACHE_COMMENT)
		return 0;
	return tag_name(p, n, src + start, close - start);
}

static int tokens_parse(struct mustache_parser *p)
{
	size_t pos = 0, at;

	while (pos < p->t->len) {
		at = find(p->t->src, p->t->len, pos, p->otag, p->olen);
		if (at == NO_NODE)
			at = p->t->len;
		if (text_add(p, pos, at) < 0)
			return -1;
		if (at == p->t->len)
			break;
		if (tag_parse(p, at, &pos) < 0)
			return -1;
	}
	return 0;
}

static int ends_line(const struct mustache_node *n)
{
	return n->kind == MUSTACHE_TEXT && n->len && n->str[n->len - 1] == '\n';
}

/* Length of the line end ("\n" or "\r\n") closing a text node, or 0. */
static size_t newline_len(const struct mustache_node *n)
{
	if (!ends_line(n))
		return 0;
	return n->len > 1 && n->str[n->len - 2] == '\r' ? 2 : 1;
}

static int text_is_blank(const struct mustache_node *n)
{
	size_t i, len = n->len - newline_len(n);

	for (i = 0; i < len; i++)
		if (!is_blank(n->str[i]))
			return 0;
	return 1;
}

/*
 * A line is standalone when it holds tags, none of them interpolating,
 * and whitespace only. Such a line leaves nothing in the output.
 */
static int line_is_standalone(const struct mustache_template *t,
			      size_t first, size_t last)
{
	const struct mustache_node *n;
	int has_tag = 0;
	size_t i;

	for (i = first; i <= last; i++) {
		n = &t->nodes[i];
		if (n->kind == MUSTACHE_VAR || n->kind == MUSTACHE_RAW)
			return 0;
		if (n->kind != MUSTACHE_TEXT)
			has_tag = 1;
		else if (!text_is_blank(n))
			return 0;
	}
	return has_tag;
}

static int is_silent(const struct mustache_node *n)
{
	return n->kind == MUSTACHE_COMMENT || n->kind == MUSTACHE_DELIM;
}

int mustache_node_same_name(const struct mustache_node *a,
			    const struct mustache_node *b)
{
	return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

/*
 * An empty block on a standalone line, `  {{$b}}{{/b}}`, stands for the
 * text that fills it: its indentation applies, and the line end stays.
 */
static void line_end_keep(struct mustache_template *t, size_t first,
			  size_t last)
{
	struct mustache_node *end = &t->nodes[last];
	const struct mustache_node *close = NULL, *open = NULL;
	size_t i, nl = newline_len(end);

	for (i = last + 1; i-- > first && !open;) {
		if (t->nodes[i].kind == MUSTACHE_TEXT)
			continue;
		if (!close)
			close = &t->nodes[i];
		else
			open = &t->nodes[i];
	}
	if (!nl || !open || open->kind != MUSTACHE_BLOCK ||
	    close->kind != MUSTACHE_CLOSE ||
	    !mustache_node_same_name(open, close))
		return;
	end->str += end->len - nl;
	end->len = nl;
	end->drop = 0;
}

static void line_mark(struct mustache_template *t, size_t first,
		      size_t last)
{
	struct mustache_node *n = &t->nodes[first];
	size_t i;

	if (!line_is_standalone(t, first, last)) {
		for (i = first; i < last && is_silent(&t->nodes[i]); i++)
			;
		t->nodes[i].bol = 1;
		return;
	}

	/* The first tag keeps the indentation, for partials and blocks. */
	if (n->kind == MUSTACHE_TEXT) {
		n[1].indent = n->str;
		n[1].indent_len = n->len - newline_len(n);
	}
	for (i = first; i <= last; i++) {
		n = &t->nodes[i];
		if (n->kind == MUSTACHE_TEXT)
			n->drop = 1;
		else
			n->standalone = 1;
	}
	line_end_keep(t, first, last);
}

static void lines_mark(struct mustache_template *t)
{
	size_t i, first = 0;

	for (i = 0; i < t->nr; i++) {
		if (ends_line(&t->nodes[i])) {
			line_mark(t, first, i);
			first = i + 1;
		}
	}
	if (first < t->nr)
		line_mark(t, first, t->nr - 1);
}

static void strip_prefix(const char **s, size_t *len, const char *prefix,
			 size_t plen)
{
	size_t i;

	for (i = 0; i < plen && i < *len && (*s)[i] == prefix[i]; i++)
		;
	if (i) {
		*s += i;
		*len -= i;
	}
}

static void outdent_list(struct mustache_template *t, size_t first,
			 const char *prefix, size_t plen);

/* Take `prefix` off the line starts of node `i`, and off its content. */
static void outdent_node(struct mustache_template *t, size_t i,
			 const char *prefix, size_t plen)
{
	struct mustache_node *n = &t->nodes[i];

	switch (n->kind) {
	case MUSTACHE_TEXT:
		if (n->bol)
			strip_prefix(&n->str, &n->len, prefix, plen);
		return;
	case MUSTACHE_BLOCK:
		/* A standalone block's content is relative to its indent. */
		strip_prefix(&n->indent, &n->indent_len, prefix, plen);
		if (!n->standalone)
			outdent_list(t, n->child, prefix, plen);
		return;
	case MUSTACHE_PARTIAL:
	case MUSTACHE_PARENT:
		strip_prefix(&n->indent, &n->indent_len, prefix, plen);
		outdent_list(t, n->child, prefix, plen);
		return;
	default:
		outdent_list(t, n->child, prefix, plen);
		return;
	}
}

static void outdent_list(struct mustache_template *t, size_t first,
			 const char *prefix, size_t plen)
{
	size_t i;

	for (i = first; i != NO_NODE; i = t->nodes[i].next)
		outdent_node(t, i, prefix, plen);
}

/*
 * A block whose opening tag stands alone on its line is indented like its
 * first line of content (or like the tag, when it has none). That
 * indentation is taken off its content here, and put back, or replaced by
 * the indentation of the block it overrides, when rendered.
 */
static void block_outdent(struct mustache_template *t, size_t open,
			  size_t close)
{
	struct mustache_node *b = &t->nodes[open];
	size_t i, from, to = t->nodes[close].pos;

	for (i = open + 1; i < close && !ends_line(&t->nodes[i]); i++)
		;
	if (i == close || b->child == NO_NODE)
		return;
	from = (size_t)(t->nodes[i].str + t->nodes[i].len - t->src);
	b->indent = t->src + from;
	for (b->indent_len = 0; from + b->indent_len < to; b->indent_len++)
		if (!is_blank(b->indent[b->indent_len]))
			break;
	outdent_list(t, b->child, b->indent, b->indent_len);
}

static const char *kind_word(enum mustache_kind kind)
{
	switch (kind) {
	case MUSTACHE_PARENT: return "parent";
	case MUSTACHE_BLOCK: return "block";
	default: return "section";
	}
}

static int is_opener(enum mustache_kind kind)
{
	return kind == MUSTACHE_SECTION || kind == MUSTACHE_INVERTED ||
	       kind == MUSTACHE_PARENT || kind == MUSTACHE_BLOCK;
}

/* Does closing tag `c` end the section opened by `o`? */
static int close_matches(const struct mustache_node *o,
			 const struct mustache_node *c)
{
	const char *s = c->str;
	size_t len = c->len;

	if (o->dynamic) {
		if (!len || s[0] != '*')
			return 0;
		s++, len--;
		trim(&s, &len);
	}
	return len == o->len && !memcmp(s, o->str, len);
}

static int tree_close(struct mustache_parser *p, size_t i)
{
	struct mustache_template *t = p->t;
	struct mustache_node *c = &t->nodes[i], *o;
	char got[64], want[64];

	name_for_message(got, sizeof(got), c->str, c->len);
	if (!p->depth)
		return mustache_error_at(p->err, t, c->pos,
					 "unexpected closing tag '%s'", got);
	o = &t->nodes[p->open[p->depth - 1]];
	want[0] = '*';
	name_for_message(want + o->dynamic, sizeof(want) - 1, o->str, o->len);
	if (!close_matches(o, c))
		return mustache_error_at(p->err, t, c->pos,
					 "closing tag '%s' does not match %s '%s'",
					 got, kind_word(o->kind), want);
	o->close_bol = c->bol;
	p->depth--;
	if (o->kind == MUSTACHE_BLOCK && o->standalone)
		block_outdent(t, p->open[p->depth], i);
	return 0;
}

static int tree_open(struct mustache_parser *p, size_t i)
{
	if (p->depth == MUSTACHE_MAX_NESTING)
		return mustache_error_at(p->err, p->t, p->t->nodes[i].pos,
					 "sections nested deeper than %d",
					 MUSTACHE_MAX_NESTING);
	p->open[p->depth++] = i;
	p->tail[p->depth] = NO_NODE;
	return 0;
}

static void tree_link(struct mustache_parser *p, size_t i)
{
	struct mustache_template *t = p->t;
	size_t *tail = &p->tail[p->depth];

	if (*tail != NO_NODE)
		t->nodes[*tail].next = i;
	else if (p->depth)
		t->nodes[p->open[p->depth - 1]].child = i;
	else
		t->root = i;
	*tail = i;
}

static int tree_build(struct mustache_parser *p)
{
	struct mustache_template *t = p->t;
	const struct mustache_node *n;
	char name[64];
	size_t i;

	p->depth = 0;
	p->tail[0] = NO_NODE;
	for (i = 0; i < t->nr; i++) {
		n = &t->nodes[i];
		if (n->drop || is_silent(n))
			continue;
		if (n->kind == MUSTACHE_CLOSE) {
			if (tree_close(p, i) < 0)
				return -1;
			continue;
		}
		tree_link(p, i);
		if (is_opener(n->kind) && tree_open(p, i) < 0)
			return -1;
	}
	if (!p->depth)
		return 0;

	n = &t->nodes[p->open[p->depth - 1]];
	name_for_message(name, sizeof(name), n->str, n->len);
	return mustache_error_at(p->err, t, n->pos, "unclosed %s '%s'",
				 kind_word(n->kind), name);
}

int mustache_template_parse(struct mustache_template *t,
			    struct mustache_error *err)
{
	struct mustache_parser *p;
	int ret = -1;

	p = malloc(sizeof(*p));
	if (!p)
		return mustache_error_at(err, NULL, 0, "out of memory");
	p->t = t;
	p->err = err;
	p->otag = "{{";
	p->olen = 2;
	p->ctag = "}}";
	p->clen = 2;
	t->root = NO_NODE;
	if (tokens_parse(p) < 0)
		goto out_free;
	lines_mark(t);
	ret = tree_build(p);
out_free:
	free(p);
	return ret;
}
