/* mustache_tree.h: parsed templates, shared by the parser and the renderer. */
#ifndef MUSTACHE_TREE_H
#define MUSTACHE_TREE_H

#include <stddef.h>

#include "mustache.h"

/* No node: the end of a list, or an empty one. */
#define NO_NODE ((size_t)-1)

enum mustache_kind {
	MUSTACHE_TEXT,
	MUSTACHE_VAR,		/* {{name}}, escaped */
	MUSTACHE_RAW,		/* {{{name}}} or {{&name}} */
	MUSTACHE_SECTION,	/* {{#name}} */
	MUSTACHE_INVERTED,	/* {{^name}} */
	MUSTACHE_CLOSE,		/* {{/name}} */
	MUSTACHE_PARTIAL,	/* {{>name}} */
	MUSTACHE_PARENT,	/* {{<name}} */
	MUSTACHE_BLOCK,		/* {{$name}} */
	MUSTACHE_COMMENT,	/* {{!...}} */
	MUSTACHE_DELIM		/* {{=open close=}} */
};

/*
 * One piece of a template: text or a tag. Nodes live in one array per
 * template; an opening tag's content hangs off `child`, siblings follow
 * `next`. `str` points into the template source: the text, or the tag's
 * name (without the `*` of a dynamic name).
 *
 * `indent` is whitespace taken off a standalone line: for a partial or a
 * parent, the indentation added to every line it renders; for a block,
 * its own indentation, which its content was stripped of and gets back
 * wherever it is rendered.
 */
struct mustache_node {
	enum mustache_kind kind;
	size_t pos;
	const char *str;
	size_t len;
	const char *indent;
	size_t indent_len;
	size_t child;
	size_t next;
	unsigned bol : 1;	/* the node starts a line of output */
	unsigned close_bol : 1;	/* its closing tag starts a line */
	unsigned standalone : 1; /* the tag's line holds only tags */
	unsigned dynamic : 1;	/* {{>*name}}: the name is looked up */
	unsigned drop : 1;	/* whitespace of a standalone line */
};

/*
 * A template and its nodes. The source is not copied: it belongs to the
 * caller of mustache_render() or to the partial callback. A render keeps
 * every template it read on one list, through `next`.
 */
struct mustache_template {
	char *name;
	size_t name_len;
	const char *src;
	size_t len;
	int missing;		/* the partial callback has no such one */
	int top;		/* the template given to mustache_render() */
	struct mustache_node *nodes;
	size_t nr;
	size_t alloc;
	size_t root;		/* first top-level node */
	struct mustache_template *next;
};

/*
 * Parse `t->src[0..t->len)` into `t->nodes`, with `t->root` the first
 * top-level node. Returns 0, or -1 with `err` filled.
 */
int mustache_template_parse(struct mustache_template *t,
			    struct mustache_error *err);

/* Do two tags carry the same name? */
int mustache_node_same_name(const struct mustache_node *a,
			    const struct mustache_node *b);

/*
 * Fill `err` at byte `pos` of `t` unless an earlier problem already did;
 * `t` NULL means the problem has no place. Returns -1 to pass on.
 */
int mustache_error_at(struct mustache_error *err,
		      const struct mustache_template *t, size_t pos,
		      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
