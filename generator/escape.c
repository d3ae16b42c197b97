/* escape.c: escaping modes of the document targets (Markdown, YAML). */
#include <string.h>

#include "escape.h"

void escape_markdown(struct mustache_buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '|':
			mustache_buf_add(out, "\\|", 2);
			break;
		case '\n':
			mustache_buf_add(out, "<br>", 4);
			break;
		case '\r':
			break;
		case '<':
			mustache_buf_add(out, "&lt;", 4);
			break;
		case '>':
			mustache_buf_add(out, "&gt;", 4);
			break;
		case '`':
			mustache_buf_add(out, "\\`", 2);
			break;
		default:
			mustache_buf_addch(out, s[i]);
		}
	}
}

void escape_yaml(struct mustache_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			mustache_buf_addch(out, '\\');
			mustache_buf_addch(out, (char)c);
		} else if (c == '\n') {
			mustache_buf_add(out, "\\n", 2);
		} else if (c == '\t') {
			mustache_buf_add(out, "\\t", 2);
		} else if (c < 0x20 || c == 0x7f) {
			char esc[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };

			mustache_buf_add(out, esc, 4);
		} else {
			mustache_buf_addch(out, (char)c);
		}
	}
}

mustache_escape_fn escape_by_name(const char *name)
{
	if (!strcmp(name, "c"))
		return mustache_escape_c;
	if (!strcmp(name, "json"))
		return mustache_escape_json;
	if (!strcmp(name, "markdown"))
		return escape_markdown;
	if (!strcmp(name, "yaml"))
		return escape_yaml;
	if (!strcmp(name, "html"))
		return mustache_escape_html;
	if (!strcmp(name, "none"))
		return mustache_escape_none;
	return NULL;
}
