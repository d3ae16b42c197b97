/* checklogs_internal.h: what the checker, the reader and the reports share. */
#ifndef CHECKLOGS_INTERNAL_H
#define CHECKLOGS_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <sys/types.h>

#include "checklogs.h"
#include "jsonline.h"

struct module;
struct action;
struct pipeline;

/* A string-keyed open-addressing table; values are indexes plus one. */
struct cl_table {
	struct cl_slot {
		const char *key;
		size_t len;
		size_t value;
	} *slots;
	size_t mask;
};

/* A field as an action lists it, flattened for the hot loop. */
struct cl_field {
	const char *name;
	size_t len;
	int type;		/* enum field_type, or -1 when undefined */
	bool id;
	bool required;
};

struct cl_action {
	const struct action *act;
	struct cl_field *fields;
	size_t nfields;
};

struct cl_module {
	const struct module *mod;
	size_t first;		/* index of its first action in cl->actions */
	struct cl_table actions;
};

/* One finding waiting in a block, its line relative to the block. */
struct cl_note {
	uint64_t line;
	unsigned column;
	enum checklogs_check check;
	size_t message;		/* offset in the block's text */
	size_t container;	/* offset in the block's text, or NO_TEXT */
};

#define NO_TEXT ((size_t)-1)

/* A run of whole lines, and what checking them found. */
struct cl_block {
	char *buf;
	size_t len;
	size_t alloc;
	bool overlong;		/* stands for one line past max_line */
	uint64_t nlines;

	struct cl_note *notes;
	size_t nnotes;
	size_t anotes;
	char *text;
	size_t tlen;
	size_t talloc;
};

/* An unknown module/action pair and its count, in a worker's table. */
struct cl_unknown_slot {
	char *key;		/* "amodule\0action\0", or "mmodule\0\0" */
	size_t len;
	uint64_t events;
};

#define CL_UNKNOWN_LIMIT 1024
#define CL_SUGGEST_SLOTS 256

/* A cached "did you mean": the same typo tends to repeat a million times. */
struct cl_suggest_slot {
	const void *scope;	/* the module, or the catalogue for modules */
	char *word;
	const char *answer;	/* may be NULL */
	const char *other;	/* the module listing this action, or NULL */
};

/* Everything one thread needs to check lines on its own. */
struct cl_worker {
	struct checklogs *cl;
	struct pipeline *pipeline;	/* of the stream being read */
	struct jl_line line;
	char *scratch;
	size_t scratch_alloc;
	unsigned char *seen;	/* per field of the current action */
	size_t *seen_at;	/* where it was seen, as a byte offset */

	uint64_t lines;
	uint64_t events;
	uint64_t checks[CHECKLOGS_CHECK_COUNT];
	uint64_t *action_events;
	struct cl_unknown_slot *unknown;	/* 2 * CL_UNKNOWN_LIMIT, once needed */
	size_t nunknown;
	uint64_t unknown_other;
	struct cl_suggest_slot suggest[CL_SUGGEST_SLOTS];
};

struct checklogs {
	const struct catalogue *cat;
	struct checklogs_options opt;

	struct cl_module *modules;
	size_t nmodules;
	struct cl_table module_table;
	struct cl_action *actions;
	size_t nactions;
	size_t max_fields;

	struct cl_worker *workers;
	unsigned nworkers;

	struct checklogs_stats stats;
};

/* checklogs.c: a hash of `len` bytes for the tables. */
size_t cl_hash(const char *s, size_t len);

/* checklogs.c: the value stored for `key`, or -1. */
long cl_table_get(const struct cl_table *t, const char *key, size_t len);

/* checklogs.c: record a finding on block-relative line `line`. */
void cl_vnote(struct cl_worker *w, struct cl_block *b, uint64_t line,
	      unsigned column, enum checklogs_check check,
	      const char *container, size_t container_len,
	      const char *fmt, va_list ap);

/* checkline.c: check one line (without its newline) of block `b`. */
void cl_check_line(struct cl_worker *w, struct cl_block *b, uint64_t line,
		   const char *buf, size_t len);

/* logstream.c: run the blocks of a stream through the workers. */
struct cl_reader {
	ssize_t (*read)(void *ctx, char *buf, size_t len);
	void *ctx;
};
int cl_run(struct checklogs *cl, const char *name, struct cl_reader *rd);
void cl_block_check(struct cl_worker *w, struct cl_block *b);

#endif
