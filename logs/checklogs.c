/* checklogs.c: the lookup tables and the checks run on each log line. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue.h"
#include "checklogs_internal.h"
#include "util.h"

static const char *const check_names[CHECKLOGS_CHECK_COUNT] = {
	[CHECKLOGS_INVALID_JSON] = "invalid-json",
	[CHECKLOGS_MISSING_STANDARD_FIELD] = "missing-standard-field",
	[CHECKLOGS_UNKNOWN_MODULE] = "unknown-module",
	[CHECKLOGS_UNDOCUMENTED_ACTION] = "undocumented-action",
	[CHECKLOGS_LEVEL_MISMATCH] = "level-mismatch",
	[CHECKLOGS_MISSING_ID] = "missing-id",
	[CHECKLOGS_UNKNOWN_FIELD] = "unknown-field",
	[CHECKLOGS_FIELD_TYPE] = "field-type",
};

const char *checklogs_check_name(enum checklogs_check check)
{
	return check < CHECKLOGS_CHECK_COUNT ? check_names[check] : "unknown";
}

int checklogs_check_parse(const char *name)
{
	int i;

	for (i = 0; i < CHECKLOGS_CHECK_COUNT; i++)
		if (!strcmp(check_names[i], name))
			return i;
	return -1;
}

/*
 * A level that differs from the catalogue, or a field the action does not
 * declare (often bound by a logger for the whole workflow), still leaves
 * the event usable on a dashboard: those are warnings. Everything else
 * loses the event or its IDs, and is an error.
 */
enum diag_severity checklogs_check_severity(enum checklogs_check check)
{
	if (check == CHECKLOGS_LEVEL_MISMATCH ||
	    check == CHECKLOGS_UNKNOWN_FIELD)
		return DIAG_WARNING;
	return DIAG_ERROR;
}

/* Lookup tables */

size_t cl_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return (size_t)(h ^ (h >> 29));
}

static void table_init(struct cl_table *t, size_t n)
{
	size_t size = 8;

	while (size < 2 * n)
		size *= 2;
	t->slots = xcalloc(size, sizeof(*t->slots));
	t->mask = size - 1;
}

static void table_put(struct cl_table *t, const char *key, size_t value)
{
	size_t len = strlen(key);
	size_t i = cl_hash(key, len) & t->mask;

	while (t->slots[i].value) {
		if (t->slots[i].len == len && !memcmp(t->slots[i].key, key, len))
			return;	/* the first definition wins */
		i = (i + 1) & t->mask;
	}
	t->slots[i].key = key;
	t->slots[i].len = len;
	t->slots[i].value = value + 1;
}

long cl_table_get(const struct cl_table *t, const char *key, size_t len)
{
	size_t i = cl_hash(key, len) & t->mask;

	while (t->slots[i].value) {
		if (t->slots[i].len == len && !memcmp(t->slots[i].key, key, len))
			return (long)t->slots[i].value - 1;
		i = (i + 1) & t->mask;
	}
	return -1;
}

static void index_action(struct checklogs *cl, struct cl_action *ca,
			 const struct action *act)
{
	size_t i;

	ca->act = act;
	ca->nfields = act->nfields;
	ca->fields = xcalloc(act->nfields ? act->nfields : 1,
			     sizeof(*ca->fields));
	for (i = 0; i < act->nfields; i++) {
		const struct field_ref *ref = &act->fields[i];
		struct cl_field *f = &ca->fields[i];

		f->name = ref->def ? ref->def->name : ref->name;
		f->len = f->name ? strlen(f->name) : 0;
		f->type = ref->def ? (int)ref->def->type : -1;
		f->id = ref->def && ref->def->id;
		f->required = ref->required;
	}
	if (act->nfields > cl->max_fields)
		cl->max_fields = act->nfields;
}

static void index_catalogue(struct checklogs *cl)
{
	const struct catalogue *cat = cl->cat;
	size_t i, j, k = 0;

	cl->nmodules = cat->nmodules;
	cl->modules = xcalloc(cat->nmodules ? cat->nmodules : 1,
			      sizeof(*cl->modules));
	cl->nactions = catalogue_count_actions(cat);
	cl->actions = xcalloc(cl->nactions ? cl->nactions : 1,
			      sizeof(*cl->actions));
	table_init(&cl->module_table, cat->nmodules);

	for (i = 0; i < cat->nmodules; i++) {
		const struct module *mod = &cat->modules[i];
		struct cl_module *cm = &cl->modules[i];

		cm->mod = mod;
		cm->first = k;
		table_put(&cl->module_table, mod->name, i);
		table_init(&cm->actions, mod->nactions);
		for (j = 0; j < mod->nactions; j++, k++) {
			index_action(cl, &cl->actions[k], &mod->actions[j]);
			table_put(&cm->actions, mod->actions[j].name, k);
		}
	}
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > 8 ? 8 : (unsigned)n;
}

struct checklogs *checklogs_new(const struct catalogue *cat,
				const struct checklogs_options *opt)
{
	struct checklogs *cl = xcalloc(1, sizeof(*cl));
	unsigned i;

	cl->cat = cat;
	if (opt)
		cl->opt = *opt;
	if (!cl->opt.max_line)
		cl->opt.max_line = CHECKLOGS_DEFAULT_MAX_LINE;
	if (!cl->opt.block_size)
		cl->opt.block_size = 1u << 20;
	if (!cl->opt.threads)
		cl->opt.threads = default_threads();
	index_catalogue(cl);

	cl->nworkers = cl->opt.threads;
	cl->workers = xcalloc(cl->nworkers, sizeof(*cl->workers));
	for (i = 0; i < cl->nworkers; i++) {
		struct cl_worker *w = &cl->workers[i];

		w->cl = cl;
		w->seen = xcalloc(cl->max_fields + 1, 1);
		w->seen_at = xcalloc(cl->max_fields + 1, sizeof(size_t));
		w->action_events = xcalloc(cl->nactions + 1,
					   sizeof(*w->action_events));
	}
	return cl;
}

const struct action *checklogs_action_at(const struct checklogs *cl,
					 size_t i)
{
	return i < cl->nactions ? cl->actions[i].act : NULL;
}

/* Findings */

static void text_reserve(struct cl_block *b, size_t n)
{
	if (b->tlen + n > b->talloc) {
		b->talloc = b->talloc ? b->talloc : 4096;
		while (b->tlen + n > b->talloc)
			b->talloc *= 2;
		b->text = xrealloc(b->text, b->talloc);
	}
}

static size_t text_add(struct cl_block *b, const char *s, size_t len)
{
	size_t at = b->tlen;

	text_reserve(b, len + 1);
	memcpy(b->text + at, s, len);
	b->text[at + len] = '\0';
	b->tlen += len + 1;
	return at;
}

void cl_vnote(struct cl_worker *w, struct cl_block *b, uint64_t line,
	      unsigned column, enum checklogs_check check,
	      const char *container, size_t container_len,
	      const char *fmt, va_list ap)
{
	struct cl_note *n;
	va_list copy;
	int len;

	if (w->cl->opt.disabled & (1u << check))
		return;
	w->checks[check]++;
	ALLOC_GROW(b->notes, b->nnotes + 1, b->anotes);
	n = &b->notes[b->nnotes++];
	n->line = line;
	n->column = column;
	n->check = check;
	n->container = container ?
		text_add(b, container, container_len) : NO_TEXT;

	text_reserve(b, 256);
	va_copy(copy, ap);
	len = vsnprintf(b->text + b->tlen, b->talloc - b->tlen, fmt, copy);
	va_end(copy);
	if (len < 0)
		len = 0;
	if ((size_t)len >= b->talloc - b->tlen) {
		text_reserve(b, (size_t)len + 1);
		vsnprintf(b->text + b->tlen, b->talloc - b->tlen, fmt, ap);
	}
	n->message = b->tlen;
	b->tlen += (size_t)len + 1;
}

/* Reading */

static ssize_t fd_read(void *ctx, char *buf, size_t len)
{
	return read(*(int *)ctx, buf, len);
}

int checklogs_read_fd(struct checklogs *cl, const char *name, int fd)
{
	struct cl_reader rd = { fd_read, &fd };

	return cl_run(cl, name, &rd);
}

struct memory {
	const char *buf;
	size_t len;
	size_t pos;
};

static ssize_t memory_read(void *ctx, char *buf, size_t len)
{
	struct memory *m = ctx;
	size_t n = m->len - m->pos < len ? m->len - m->pos : len;

	memcpy(buf, m->buf + m->pos, n);
	m->pos += n;
	return (ssize_t)n;
}

int checklogs_read_buffer(struct checklogs *cl, const char *name,
			  const char *buf, size_t len)
{
	struct memory m = { buf, len, 0 };
	struct cl_reader rd = { memory_read, &m };

	return cl_run(cl, name, &rd);
}

/* Totals */

static int compare_unknown(const void *a, const void *b)
{
	const struct checklogs_unknown *x = a, *y = b;
	int c = strcmp(x->module, y->module);

	if (c)
		return c;
	if (!x->action || !y->action)
		return !!x->action - !!y->action;
	return strcmp(x->action, y->action);
}

static void add_unknown(struct checklogs_stats *st, struct cl_unknown_slot *s)
{
	const char *module = s->key + 1;
	const char *action = s->key[0] == 'a' ?
		module + strlen(module) + 1 : NULL;
	size_t i;

	for (i = 0; i < st->nunknown; i++) {
		struct checklogs_unknown *u = &st->unknown[i];

		if (!strcmp(u->module, module) && !u->action == !action &&
		    (!action || !strcmp(u->action, action))) {
			u->events += s->events;
			return;
		}
	}
	if (st->nunknown >= CL_UNKNOWN_LIMIT) {
		st->unknown_other += s->events;
		return;
	}
	st->unknown = xrealloc(st->unknown,
			       (st->nunknown + 1) * sizeof(*st->unknown));
	st->unknown[st->nunknown].module = xstrdup(module);
	st->unknown[st->nunknown].action = action ? xstrdup(action) : NULL;
	st->unknown[st->nunknown].events = s->events;
	st->nunknown++;
}

static void stats_clear(struct checklogs_stats *st)
{
	size_t i;

	for (i = 0; i < st->nunknown; i++) {
		free(st->unknown[i].module);
		free(st->unknown[i].action);
	}
	free(st->unknown);
	free(st->action_events);
	memset(st, 0, sizeof(*st));
}

const struct checklogs_stats *checklogs_stats(struct checklogs *cl)
{
	struct checklogs_stats *st = &cl->stats;
	unsigned i;
	size_t j;

	stats_clear(st);
	st->nactions = cl->nactions;
	st->action_events = xcalloc(cl->nactions + 1, sizeof(uint64_t));
	for (i = 0; i < cl->nworkers; i++) {
		struct cl_worker *w = &cl->workers[i];

		st->lines += w->lines;
		st->events += w->events;
		for (j = 0; j < CHECKLOGS_CHECK_COUNT; j++)
			st->checks[j] += w->checks[j];
		for (j = 0; j < cl->nactions; j++)
			st->action_events[j] += w->action_events[j];
		for (j = 0; w->unknown && j < 2 * CL_UNKNOWN_LIMIT; j++)
			if (w->unknown[j].key)
				add_unknown(st, &w->unknown[j]);
		st->unknown_other += w->unknown_other;
	}
	for (j = 0; j < CHECKLOGS_CHECK_COUNT; j++) {
		if (checklogs_check_severity(j) == DIAG_ERROR)
			st->errors += st->checks[j];
		else
			st->warnings += st->checks[j];
	}
	if (st->nunknown)
		qsort(st->unknown, st->nunknown, sizeof(*st->unknown),
		      compare_unknown);
	return st;
}

void checklogs_free(struct checklogs *cl)
{
	size_t i, j;

	if (!cl)
		return;
	for (i = 0; i < cl->nworkers; i++) {
		struct cl_worker *w = &cl->workers[i];

		jl_line_release(&w->line);
		free(w->scratch);
		free(w->seen);
		free(w->seen_at);
		free(w->action_events);
		for (j = 0; w->unknown && j < 2 * CL_UNKNOWN_LIMIT; j++)
			free(w->unknown[j].key);
		free(w->unknown);
		for (j = 0; j < CL_SUGGEST_SLOTS; j++)
			free(w->suggest[j].word);
	}
	free(cl->workers);
	for (i = 0; i < cl->nmodules; i++)
		free(cl->modules[i].actions.slots);
	for (i = 0; i < cl->nactions; i++)
		free(cl->actions[i].fields);
	free(cl->modules);
	free(cl->actions);
	free(cl->module_table.slots);
	stats_clear(&cl->stats);
	free(cl);
}
