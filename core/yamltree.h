/* yamltree.h: a bounded YAML document tree with a position on every node. */
#ifndef YAMLTREE_H
#define YAMLTREE_H

#include <stddef.h>

#include "catalogue.h"

struct diag_list;

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQUENCE,
	YNODE_MAPPING
};

struct ynode {
	enum ynode_kind kind;
	struct srcpos pos;
	char *value;		/* scalars: NUL-terminated text */
	size_t len;
	int plain;		/* scalar written without quotes */
	struct ynode **items;	/* sequences: items; mappings: key, value... */
	size_t nr;
	size_t alloc;
};

/* Limits that keep hostile input from exhausting time or memory. */
#define YAMLTREE_MAX_DEPTH 64
#define YAMLTREE_MAX_NODES (2u << 20)
#define YAMLTREE_MAX_BYTES ((size_t)64 << 20)

/*
 * Parse one YAML document. `file` must outlive the tree (positions point
 * at it). Rejects aliases, anchors, non-standard tags, further
 * documents, duplicate mapping keys, deep nesting and oversized input.
 * Returns the root, or NULL with diagnostics added (an empty file is an
 * error too).
 */
struct ynode *yamltree_parse(const char *file, const char *buf, size_t len,
			     struct diag_list *diags);

void yamltree_free(struct ynode *node);

/* Human name of a node kind for messages: "a mapping", "a sequence"... */
const char *ynode_kind_name(const struct ynode *node);

#endif
