/* scan.c: a small C lexer for a main file's calls and comments. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

static const char *const puncts3[] = { "...", "<<=", ">>=", NULL };
static const char *const puncts2[] = {
	"->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", NULL
};

static bool is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '$' || c >= 0x80;
}

static bool is_ident_char(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static void push(struct token **v, size_t *n, size_t *alloc, unsigned start,
		 unsigned end, enum tok_kind kind)
{
	struct token *t;

	ALLOC_GROW(*v, *n + 1, *alloc);
	t = &(*v)[(*n)++];
	t->start = start;
	t->end = end;
	t->kind = kind;
}

static void add_line(struct scan *s, unsigned offset)
{
	ALLOC_GROW(s->lines, s->nlines + 1, s->alines);
	s->lines[s->nlines++] = offset;
}

/* Skip a quoted literal opened at `i`; returns the offset after it. */
static size_t skip_quoted(const char *buf, size_t len, size_t i)
{
	char quote = buf[i++];

	while (i < len && buf[i] != quote && buf[i] != '\n') {
		if (buf[i] == '\\' && i + 1 < len)
			i++;
		i++;
	}
	return i < len && buf[i] == quote ? i + 1 : i;
}

static size_t skip_comment(struct scan *s, size_t i)
{
	const char *buf = s->buf;
	size_t start = i;

	if (buf[i + 1] == '/') {
		while (i < s->len && buf[i] != '\n') {
			if (buf[i] == '\\' && i + 1 < s->len &&
			    buf[i + 1] == '\n') {
				add_line(s, i + 2);
				i++;
			}
			i++;
		}
	} else {
		i += 2;
		while (i < s->len && !(buf[i] == '*' && i + 1 < s->len &&
				       buf[i + 1] == '/')) {
			if (buf[i] == '\n')
				add_line(s, i + 1);
			i++;
		}
		i = i < s->len ? i + 2 : s->len;
	}
	ALLOC_GROW(s->comments, s->ncomments + 1, s->acomments);
	s->comments[s->ncomments].start = start;
	s->comments[s->ncomments].end = i;
	s->ncomments++;
	return i;
}

static size_t skip_number(const char *buf, size_t len, size_t i)
{
	while (i < len) {
		char c = buf[i];

		if ((c == '+' || c == '-') && strchr("eEpP", buf[i - 1]))
			i++;
		else if (is_ident_char((unsigned char)c) || c == '.')
			i++;
		else
			break;
	}
	return i;
}

static size_t punct_len(const char *buf, size_t len, size_t i)
{
	int k;

	for (k = 0; puncts3[k]; k++)
		if (i + 3 <= len && !memcmp(buf + i, puncts3[k], 3))
			return 3;
	for (k = 0; puncts2[k]; k++)
		if (i + 2 <= len && !memcmp(buf + i, puncts2[k], 2))
			return 2;
	return 1;
}

/* An encoding prefix (L, u, U, u8) glued to a literal. */
static bool is_literal_prefix(const char *buf, size_t start, size_t end)
{
	size_t n = end - start;

	return (n == 1 && strchr("LuU", buf[start])) ||
	       (n == 2 && buf[start] == 'u' && buf[start + 1] == '8');
}

/* A directive runs to the end of its line, continuations included. */
static size_t skip_directive(struct scan *s, size_t i)
{
	const char *buf = s->buf;

	while (i < s->len && buf[i] != '\n') {
		if (buf[i] == '/' && i + 1 < s->len &&
		    (buf[i + 1] == '/' || buf[i + 1] == '*')) {
			i = skip_comment(s, i);
			continue;
		}
		if (buf[i] == '"' || buf[i] == '\'') {
			i = skip_quoted(buf, s->len, i);
			continue;
		}
		if (buf[i] == '\\' && i + 1 < s->len && buf[i + 1] == '\n') {
			add_line(s, i + 2);
			i++;
		}
		i++;
	}
	return i;
}

/* Lex the token at `i` (not a blank, not a comment); returns its end. */
static size_t lex_token(const char *buf, size_t len, size_t i,
			enum tok_kind *kind)
{
	unsigned char c = buf[i];
	size_t start = i;

	if (is_ident_start(c)) {
		while (i < len && is_ident_char((unsigned char)buf[i]))
			i++;
		*kind = TOK_IDENT;
		if (i < len && (buf[i] == '"' || buf[i] == '\'') &&
		    is_literal_prefix(buf, start, i)) {
			*kind = buf[i] == '"' ? TOK_STRING : TOK_CHAR;
			i = skip_quoted(buf, len, i);
		}
		return i;
	}
	if ((c >= '0' && c <= '9') ||
	    (c == '.' && i + 1 < len && buf[i + 1] >= '0' && buf[i + 1] <= '9')) {
		*kind = TOK_NUMBER;
		return skip_number(buf, len, i + 1);
	}
	if (c == '"' || c == '\'') {
		*kind = c == '"' ? TOK_STRING : TOK_CHAR;
		return skip_quoted(buf, len, i);
	}
	*kind = TOK_PUNCT;
	return i + punct_len(buf, len, i);
}

/* Skip blanks, continuations and comments inside a directive. */
static size_t directive_blank(struct scan *s, size_t i)
{
	const char *buf = s->buf;

	while (i < s->len) {
		if (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
		    buf[i] == '\f' || buf[i] == '\v') {
			i++;
		} else if (buf[i] == '\\' && i + 1 < s->len &&
			   buf[i + 1] == '\n') {
			add_line(s, i + 2);
			i += 2;
		} else if (buf[i] == '/' && i + 1 < s->len &&
			   (buf[i + 1] == '/' || buf[i + 1] == '*')) {
			i = skip_comment(s, i);
		} else {
			break;
		}
	}
	return i;
}

/*
 * #define NAME(params) body: the body's tokens go to s->dtoks, so that
 * calls written in a macro are checked where it is defined.
 */
static size_t scan_define(struct scan *s, size_t i)
{
	struct define *d;
	enum tok_kind kind;
	size_t end;

	i = directive_blank(s, i);
	if (i >= s->len || !is_ident_start((unsigned char)s->buf[i]))
		return skip_directive(s, i);
	i = lex_token(s->buf, s->len, i, &kind);
	ALLOC_GROW(s->defines, s->ndefines + 1, s->adefines);
	d = &s->defines[s->ndefines++];
	d->params = s->nptoks;
	if (i < s->len && s->buf[i] == '(') {
		for (i++;;) {
			i = directive_blank(s, i);
			if (i >= s->len || s->buf[i] == '\n')
				break;
			end = lex_token(s->buf, s->len, i, &kind);
			if (kind == TOK_IDENT)
				push(&s->ptoks, &s->nptoks, &s->aptoks, i, end,
				     kind);
			i = end;
			if (s->buf[i - 1] == ')')
				break;
		}
	}
	d->nparams = s->nptoks - d->params;
	d->first = s->ndtoks;
	for (;;) {
		i = directive_blank(s, i);
		if (i >= s->len || s->buf[i] == '\n')
			break;
		end = lex_token(s->buf, s->len, i, &kind);
		push(&s->dtoks, &s->ndtoks, &s->adtoks, i, end, kind);
		i = end;
	}
	d->end = s->ndtoks;
	return i;
}

static size_t scan_directive(struct scan *s, size_t i)
{
	size_t j = directive_blank(s, i + 1);

	if (j + 6 < s->len && !memcmp(s->buf + j, "define", 6) &&
	    !is_ident_char((unsigned char)s->buf[j + 6]))
		return scan_define(s, j + 6);
	return skip_directive(s, i);
}

void scan_file(struct scan *s, const char *buf, size_t len)
{
	size_t i = 0;
	bool line_start = true;

	s->buf = buf;
	s->len = len;
	s->ntoks = s->ncomments = s->nlines = 0;
	s->ndtoks = s->nptoks = s->ndefines = 0;
	add_line(s, 0);
	while (i < len) {
		unsigned char c = buf[i];
		size_t start = i;

		if (c == '\n') {
			add_line(s, i + 1);
			line_start = true;
			i++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			   c == '\v') {
			i++;
		} else if (c == '\\' && i + 1 < len && buf[i + 1] == '\n') {
			add_line(s, i + 2);
			i += 2;
		} else if (c == '/' && i + 1 < len &&
			   (buf[i + 1] == '/' || buf[i + 1] == '*')) {
			i = skip_comment(s, i);
		} else if (c == '#' && line_start) {
			i = scan_directive(s, i);
		} else {
			enum tok_kind kind;

			i = lex_token(buf, len, i, &kind);
			push(&s->toks, &s->ntoks, &s->atoks, start, i, kind);
			line_start = false;
		}
	}
}

void scan_position(const struct scan *s, unsigned offset, unsigned *line,
		   unsigned *column)
{
	size_t lo = 0, hi = s->nlines;

	/* The last line starting at or before `offset`. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->lines[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo + 1;
	*column = offset - s->lines[lo] + 1;
}

bool tok_is(const struct scan *s, const struct token *t, const char *p)
{
	size_t n = strlen(p);

	return t->kind == TOK_PUNCT && t->end - t->start == n &&
	       !memcmp(s->buf + t->start, p, n);
}

void scan_release(struct scan *s)
{
	free(s->toks);
	free(s->dtoks);
	free(s->ptoks);
	free(s->defines);
	free(s->comments);
	free(s->lines);
	memset(s, 0, sizeof(*s));
}
