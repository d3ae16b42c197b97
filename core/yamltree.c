/* yamltree.c: turn libyaml events into a positioned tree, within limits. */
#include <string.h>
#include <yaml.h>

#include "yamltree.h"
#include "diag.h"
#include "util.h"

#define CHECK_SYNTAX "yaml-syntax"

/* The keys of an open mapping, hashed, so duplicates are found in O(1). */
struct keyset {
	const struct ynode **slots;
	size_t cap;		/* a power of two, or 0 */
	size_t nr;
};

struct builder {
	const char *file;
	struct diag_list *diags;
	struct ynode *stack[YAMLTREE_MAX_DEPTH + 1];
	struct keyset keys[YAMLTREE_MAX_DEPTH + 1];
	int depth;
	size_t nodes;
	struct ynode *root;
};

const char *ynode_kind_name(const struct ynode *node)
{
	switch (node->kind) {
	case YNODE_SCALAR:
		return "a scalar";
	case YNODE_SEQUENCE:
		return "a sequence";
	default:
		return "a mapping";
	}
}

void yamltree_free(struct ynode *node)
{
	size_t i;

	if (!node)
		return;
	for (i = 0; i < node->nr; i++)
		yamltree_free(node->items[i]);
	free(node->items);
	free(node->value);
	free(node);
}

static void set_pos(struct builder *b, struct srcpos *pos,
		    const yaml_mark_t *mark)
{
	pos->file = b->file;
	pos->line = (unsigned)mark->line + 1;
	pos->column = (unsigned)mark->column + 1;
}

static void report(struct builder *b, const yaml_mark_t *mark,
		   const char *fmt, const char *arg)
{
	struct srcpos pos;

	set_pos(b, &pos, mark);
	diag_at(b->diags, DIAG_ERROR, &pos, CHECK_SYNTAX, fmt, arg);
}

static size_t key_hash(const struct ynode *key)
{
	return (size_t)fnv1a64(FNV1A64_INIT, key->value, key->len);
}

static int same_key(const struct ynode *a, const struct ynode *b)
{
	return a->len == b->len && !memcmp(a->value, b->value, a->len);
}

static void keyset_grow(struct keyset *set)
{
	const struct ynode **old = set->slots;
	size_t oldcap = set->cap, i;

	set->cap = oldcap ? oldcap * 2 : 16;
	set->slots = xcalloc(set->cap, sizeof(*set->slots));
	for (i = 0; i < oldcap; i++) {
		size_t h;

		if (!old[i])
			continue;
		for (h = key_hash(old[i]) & (set->cap - 1); set->slots[h];
		     h = (h + 1) & (set->cap - 1))
			;
		set->slots[h] = old[i];
	}
	free(old);
}

/* Add a scalar key; returns the earlier equal key instead, if any. */
static const struct ynode *keyset_add(struct keyset *set,
				      const struct ynode *key)
{
	size_t h;

	if (2 * (set->nr + 1) > set->cap)
		keyset_grow(set);
	for (h = key_hash(key) & (set->cap - 1); set->slots[h];
	     h = (h + 1) & (set->cap - 1))
		if (same_key(set->slots[h], key))
			return set->slots[h];
	set->slots[h] = key;
	set->nr++;
	return NULL;
}

static void keyset_release(struct keyset *set)
{
	free(set->slots);
	memset(set, 0, sizeof(*set));
}

static int attach(struct builder *b, struct ynode *node)
{
	struct ynode *parent;

	if (b->depth == 0) {
		b->root = node;
		return 0;
	}
	parent = b->stack[b->depth - 1];
	if (parent->kind == YNODE_MAPPING && parent->nr % 2 == 0) {
		const struct ynode *prev = node->kind == YNODE_SCALAR ?
			keyset_add(&b->keys[b->depth - 1], node) : NULL;

		if (prev) {
			diag_at(b->diags, DIAG_ERROR, &node->pos,
				"duplicate-key",
				"duplicate key '%s' (first defined at line %u)",
				node->value, prev->pos.line);
			yamltree_free(node);
			return -1;
		}
		if (node->kind != YNODE_SCALAR) {
			diag_at(b->diags, DIAG_ERROR, &node->pos, CHECK_SYNTAX,
				"mapping keys must be scalars");
			yamltree_free(node);
			return -1;
		}
	}
	ALLOC_GROW(parent->items, parent->nr + 1, parent->alloc);
	parent->items[parent->nr++] = node;
	return 0;
}

static struct ynode *new_node(struct builder *b, enum ynode_kind kind,
			      const yaml_mark_t *mark)
{
	struct ynode *node;

	if (++b->nodes > YAMLTREE_MAX_NODES) {
		report(b, mark, "too many nodes (more than %s)", "2097152");
		return NULL;
	}
	node = xcalloc(1, sizeof(*node));
	node->kind = kind;
	set_pos(b, &node->pos, mark);
	return node;
}

static int check_tag(struct builder *b, const yaml_mark_t *mark,
		     const yaml_char_t *tag)
{
	const char *t = (const char *)tag;

	if (!t || !strncmp(t, "tag:yaml.org,2002:", 18))
		return 0;
	report(b, mark, "unsupported tag '%s'", t);
	return -1;
}

static int on_event(struct builder *b, const yaml_event_t *ev)
{
	const yaml_mark_t *mark = &ev->start_mark;
	struct ynode *node;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		report(b, mark, "aliases are not supported (alias '%s')",
		       (const char *)ev->data.alias.anchor);
		return -1;
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor) {
			report(b, mark, "anchors are not supported (anchor '%s')",
			       (const char *)ev->data.scalar.anchor);
			return -1;
		}
		if (check_tag(b, mark, ev->data.scalar.tag))
			return -1;
		node = new_node(b, YNODE_SCALAR, mark);
		if (!node)
			return -1;
		node->value = xstrndup((const char *)ev->data.scalar.value,
				       ev->data.scalar.length);
		node->len = ev->data.scalar.length;
		node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (memchr(node->value, '\0', node->len)) {
			report(b, mark, "a NUL character in %s", "a scalar");
			yamltree_free(node);
			return -1;
		}
		return attach(b, node);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int seq = ev->type == YAML_SEQUENCE_START_EVENT;
		const yaml_char_t *anchor = seq ?
			ev->data.sequence_start.anchor :
			ev->data.mapping_start.anchor;

		if (anchor) {
			report(b, mark, "anchors are not supported (anchor '%s')",
			       (const char *)anchor);
			return -1;
		}
		if (check_tag(b, mark, seq ? ev->data.sequence_start.tag :
			      ev->data.mapping_start.tag))
			return -1;
		if (b->depth >= YAMLTREE_MAX_DEPTH) {
			report(b, mark, "nesting deeper than %s levels", "64");
			return -1;
		}
		node = new_node(b, seq ? YNODE_SEQUENCE : YNODE_MAPPING, mark);
		if (!node || attach(b, node))
			return -1;
		b->stack[b->depth++] = node;
		return 0;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		keyset_release(&b->keys[--b->depth]);
		return 0;
	default:
		return 0;
	}
}

static void report_parser_error(struct builder *b, const yaml_parser_t *p)
{
	struct srcpos pos;
	const yaml_mark_t *mark = p->problem ? &p->problem_mark :
		&p->context_mark;

	set_pos(b, &pos, mark);
	if (p->error == YAML_READER_ERROR) {
		/* libyaml gives a byte offset for encoding problems. */
		pos.line = 0;
		pos.column = 0;
		diag_add(b->diags, DIAG_ERROR, b->file, 0, 0, "encoding",
			 "%s at byte %zu", p->problem ? p->problem :
			 "invalid input", p->problem_offset);
		return;
	}
	if (p->context)
		diag_at(b->diags, DIAG_ERROR, &pos, CHECK_SYNTAX, "%s %s",
			p->problem ? p->problem : "syntax error", p->context);
	else
		diag_at(b->diags, DIAG_ERROR, &pos, CHECK_SYNTAX, "%s",
			p->problem ? p->problem : "syntax error");
}

/* Position (1-based) of byte `off` in `buf`, for reader errors. */
static void offset_pos(const char *buf, size_t off, unsigned *line,
		       unsigned *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static int run_parser(struct builder *b, const char *buf, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	int docs = 0, ret = 0, done = 0;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			size_t before = b->diags->nr;

			report_parser_error(b, &parser);
			if (parser.error == YAML_READER_ERROR &&
			    b->diags->nr > before) {
				struct diag *d = &b->diags->items[before];

				offset_pos(buf, parser.problem_offset <= len ?
					   parser.problem_offset : len,
					   &d->line, &d->column);
			}
			ret = -1;
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			report(b, &ev.start_mark, "%s",
			       "a catalogue file holds one document");
			ret = -1;
		} else if (ev.type == YAML_STREAM_END_EVENT) {
			done = 1;
		} else if (on_event(b, &ev)) {
			ret = -1;
		}
		yaml_event_delete(&ev);
		if (ret)
			break;
	}
	yaml_parser_delete(&parser);
	return ret;
}

struct ynode *yamltree_parse(const char *file, const char *buf, size_t len,
			     struct diag_list *diags)
{
	struct builder b;
	int ret;

	memset(&b, 0, sizeof(b));
	b.file = file;
	b.diags = diags;
	if (len > YAMLTREE_MAX_BYTES) {
		diag_add(diags, DIAG_ERROR, file, 0, 0, "file-size",
			 "file is larger than 64 MiB");
		return NULL;
	}
	ret = run_parser(&b, buf, len);
	while (b.depth > 0)
		keyset_release(&b.keys[--b.depth]);
	if (ret) {
		/* A node attached to the tree is freed with the root. */
		yamltree_free(b.root);
		return NULL;
	}
	if (!b.root || (b.root->kind == YNODE_SCALAR && b.root->plain &&
			b.root->len == 0)) {
		yamltree_free(b.root);
		diag_add(diags, DIAG_ERROR, file, 1, 1, "empty",
			 "the file holds no catalogue data");
		return NULL;
	}
	return b.root;
}
