/* escape.h: the escaping modes a template set can choose. */
#ifndef ESCAPE_H
#define ESCAPE_H

#include "mustache.h"

/* A Markdown table cell: `|` escaped, newlines as <br>, no raw HTML. */
void escape_markdown(struct mustache_buf *out, const char *s, size_t len);

/* The content of a double-quoted YAML scalar. */
void escape_yaml(struct mustache_buf *out, const char *s, size_t len);

/* c, json, markdown, yaml, html or none; NULL for an unknown name. */
mustache_escape_fn escape_by_name(const char *name);

#endif
