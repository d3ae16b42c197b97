/* mustache_output.c: the output buffer and the escapers that write to it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache.h"

void mustache_buf_init(struct mustache_buf *buf, size_t limit)
{
	buf->data = NULL;
	buf->len = 0;
	buf->alloc = 0;
	buf->limit = limit;
	buf->state = MUSTACHE_BUF_OK;
}

static int buf_grow(struct mustache_buf *buf, size_t extra)
{
	size_t need, alloc;
	char *data;

	if (buf->state != MUSTACHE_BUF_OK)
		return -1;
	if (extra > SIZE_MAX - 1 - buf->len ||
	    (buf->limit && extra > buf->limit - buf->len)) {
		buf->state = MUSTACHE_BUF_FULL;
		return -1;
	}
	need = buf->len + extra + 1;
	if (need <= buf->alloc)
		return 0;

	alloc = buf->alloc < 64 ? 64 : buf->alloc;
	while (alloc < need)
		alloc = alloc > SIZE_MAX / 2 ? need : alloc * 2;
	if (buf->limit && alloc > buf->limit + 1)
		alloc = buf->limit + 1;
	data = realloc(buf->data, alloc);
	if (!data) {
		buf->state = MUSTACHE_BUF_NOMEM;
		return -1;
	}
	buf->data = data;
	buf->alloc = alloc;
	return 0;
}

int mustache_buf_add(struct mustache_buf *buf, const char *s, size_t len)
{
	if (buf_grow(buf, len) < 0)
		return -1;
	if (len)
		memcpy(buf->data + buf->len, s, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return 0;
}

int mustache_buf_addch(struct mustache_buf *buf, char c)
{
	return mustache_buf_add(buf, &c, 1);
}

void mustache_buf_release(struct mustache_buf *buf)
{
	free(buf->data);
	mustache_buf_init(buf, buf->limit);
}

static void buf_addstr(struct mustache_buf *buf, const char *s)
{
	mustache_buf_add(buf, s, strlen(s));
}

static char buf_last(const struct mustache_buf *buf)
{
	return buf->len ? buf->data[buf->len - 1] : '\0';
}

/*
 * How one escaper writes byte `c`: NULL to copy it, else its escape, in
 * `tmp` or static. `last` is the byte written just before.
 */
typedef const char *(*escape_byte_fn)(unsigned char c, char last,
				      char tmp[8]);

/* Copy runs of bytes that need no escape in one go. */
static void escape_with(struct mustache_buf *out, const char *s, size_t len,
			escape_byte_fn escape_byte)
{
	char last = buf_last(out), tmp[8];
	const char *esc;
	size_t i, done = 0;

	if (!len)
		return;
	for (i = 0; i < len; i++) {
		esc = escape_byte((unsigned char)s[i], last, tmp);
		if (!esc) {
			last = s[i];
			continue;
		}
		mustache_buf_add(out, s + done, i - done);
		buf_addstr(out, esc);
		last = esc[strlen(esc) - 1];
		done = i + 1;
	}
	mustache_buf_add(out, s + done, len - done);
}

void mustache_escape_none(struct mustache_buf *out, const char *s,
			  size_t len)
{
	mustache_buf_add(out, s, len);
}

static const char *html_escape(unsigned char c, char last, char tmp[8])
{
	(void)last;
	(void)tmp;
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	}
	return NULL;
}

void mustache_escape_html(struct mustache_buf *out, const char *s,
			  size_t len)
{
	escape_with(out, s, len, html_escape);
}

static const char *c_escape(unsigned char c, char last, char tmp[8])
{
	switch (c) {
	case '\\': return "\\\\";
	case '"': return "\\\"";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	case '?': return "\\?";
	case '/': return last == '*' ? "\\057" : NULL;
	case '*': return last == '/' ? "\\052" : NULL;
	}
	if (c >= 0x20 && c != 0x7f)
		return NULL;

	/* Always three digits, so a digit after it cannot join in. */
	tmp[0] = '\\';
	tmp[1] = (char)('0' + (c >> 6));
	tmp[2] = (char)('0' + ((c >> 3) & 7));
	tmp[3] = (char)('0' + (c & 7));
	tmp[4] = '\0';
	return tmp;
}

void mustache_escape_c(struct mustache_buf *out, const char *s, size_t len)
{
	escape_with(out, s, len, c_escape);
}

static const char *json_escape(unsigned char c, char last, char tmp[8])
{
	static const char hex[] = "0123456789abcdef";

	(void)last;
	switch (c) {
	case '"': return "\\\"";
	case '\\': return "\\\\";
	case '\n': return "\\n";
	case '\r': return "\\r";
	case '\t': return "\\t";
	}
	if (c >= 0x20)
		return NULL;
	memcpy(tmp, "\\u00", 4);
	tmp[4] = hex[c >> 4];
	tmp[5] = hex[c & 15];
	tmp[6] = '\0';
	return tmp;
}

void mustache_escape_json(struct mustache_buf *out, const char *s,
			  size_t len)
{
	escape_with(out, s, len, json_escape);
}
