/* checkline.c: every check run on one log line, from JSON to field types. */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "checklogs_internal.h"
#include "util.h"

/* Standard fields, by the index of their member in the line. */
enum std_field { STD_TS, STD_LEVEL, STD_MODULE, STD_ACTION, STD_MSG,
		 STD_COUNT, STD_NONE = STD_COUNT };

static const char *const std_names[STD_COUNT] = {
	"ts", "level", "module", "action", "msg"
};

/* What one line is being checked as. */
struct line_ctx {
	struct cl_worker *w;
	struct cl_block *b;
	uint64_t line;
	size_t base;		/* bytes before the JSON text in the line */
	const char *container;
	size_t container_len;
	const struct jl_member *std[STD_COUNT];
	char *scratch;		/* decoded strings, never longer than the line */
};

/* Subjects quoted in messages: at most this many bytes, then "...". */
#define SHOW_MAX 64

static void note(struct line_ctx *c, size_t offset,
		 enum checklogs_check check, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void note(struct line_ctx *c, size_t offset,
		 enum checklogs_check check, const char *fmt, ...)
{
	va_list ap;
	size_t column = c->base + offset + 1;

	va_start(ap, fmt);
	cl_vnote(c->w, c->b, c->line,
		 column > 0xffffffffu ? 0xffffffffu : (unsigned)column,
		 check, c->container, c->container_len, fmt, ap);
	va_end(ap);
}

/*
 * A log value made fit to quote in a message: cut at a character boundary,
 * with control characters and quotes replaced so it cannot break the line
 * or the terminal.
 */
static const char *show(char out[SHOW_MAX + 4], const char *s, size_t len)
{
	size_t n = len > SHOW_MAX ? SHOW_MAX : len;
	size_t i;

	if (n < len)
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		out[i] = ch < 0x20 || ch == 0x7f || ch == '\'' ? '?' : (char)ch;
	}
	if (n < len) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

/* Decode a member's key and string value in place, once. */
static void decode_member(struct line_ctx *c, struct jl_member *m)
{
	if (m->key_escaped) {
		m->key_len = jl_unescape(c->scratch, m->key, m->key_len);
		m->key = c->scratch;
		c->scratch += m->key_len;
		m->key_escaped = false;
	}
	if (m->val_escaped) {
		m->val_len = jl_unescape(c->scratch, m->val, m->val_len);
		m->val = c->scratch;
		c->scratch += m->val_len;
		m->val_escaped = false;
	}
}

static enum std_field std_field(const struct jl_member *m)
{
	const char *k = m->key;

	switch (m->key_len) {
	case 2:
		return !memcmp(k, "ts", 2) ? STD_TS : STD_NONE;
	case 3:
		return !memcmp(k, "msg", 3) ? STD_MSG : STD_NONE;
	case 5:
		return !memcmp(k, "level", 5) ? STD_LEVEL : STD_NONE;
	case 6:
		if (!memcmp(k, "module", 6))
			return STD_MODULE;
		return !memcmp(k, "action", 6) ? STD_ACTION : STD_NONE;
	default:
		return STD_NONE;
	}
}

static bool digits(const char *s, size_t n, unsigned *value)
{
	size_t i;

	*value = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		*value = *value * 10 + (unsigned)(s[i] - '0');
	}
	return true;
}

/* YYYY-MM-DDTHH:MM:SS[.fraction], then `Z` for utc or nothing for naive. */
static bool timestamp_valid(const char *s, size_t len,
			    enum timestamp_style style)
{
	unsigned y, mo, d, h, mi, sec, frac;
	size_t i = 19;

	if (len < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &mo) ||
	    !digits(s + 8, 2, &d) || !digits(s + 11, 2, &h) ||
	    !digits(s + 14, 2, &mi) || !digits(s + 17, 2, &sec))
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return false;
	if (i < len && s[i] == '.') {
		size_t n = 0;

		while (i + 1 + n < len && n < 10 && s[i + 1 + n] >= '0' &&
		       s[i + 1 + n] <= '9')
			n++;
		if (n < 1 || n > 9 || !digits(s + i + 1, n, &frac))
			return false;
		i += 1 + n;
	}
	if (style == TIMESTAMP_UTC)
		return i + 1 == len && s[i] == 'Z';
	return i == len;
}

static const char *timestamp_example(enum timestamp_style style)
{
	return style == TIMESTAMP_UTC ? "2025-01-15T14:30:22.123456Z" :
		"2025-01-15T14:30:22.123456";
}

static int parse_level(const char *s, size_t len)
{
	int i;

	for (i = 0; i < LEVEL_COUNT; i++) {
		const char *name = level_name((enum level)i);

		if (strlen(name) == len && !memcmp(name, s, len))
			return i;
	}
	return -1;
}

/* `name` holds the level when it is short, upper-cased here. */
static void unknown_level(struct line_ctx *c, const struct jl_member *m,
			  char *name)
{
	char shown[SHOW_MAX + 4];
	size_t i;
	int level = -1;

	if (m->val_len < 16) {
		for (i = 0; name[i]; i++)
			if (name[i] >= 'a' && name[i] <= 'z')
				name[i] = (char)(name[i] - 'a' + 'A');
		level = level_parse(name);
	}
	if (level >= 0)
		note(c, m->offset, CHECKLOGS_MISSING_STANDARD_FIELD,
		     "unknown level '%s'; did you mean '%s'?",
		     show(shown, m->val, m->val_len),
		     level_name((enum level)level));
	else
		note(c, m->offset, CHECKLOGS_MISSING_STANDARD_FIELD,
		     "unknown level '%s'", show(shown, m->val, m->val_len));
}

/* Report what is wrong with the standard fields; returns the level or -1. */
static int check_standard(struct line_ctx *c)
{
	const struct catalogue *cat = c->w->cl->cat;
	char shown[SHOW_MAX + 4];
	int level = -1;
	int i;

	for (i = 0; i < STD_COUNT; i++) {
		const struct jl_member *m = c->std[i];

		if (!m) {
			note(c, 0, CHECKLOGS_MISSING_STANDARD_FIELD,
			     "missing standard field '%s'", std_names[i]);
		} else if (m->type != JL_STRING) {
			note(c, m->offset, CHECKLOGS_MISSING_STANDARD_FIELD,
			     "standard field '%s' is %s, expected a string",
			     std_names[i], jl_type_name(m->type));
		}
	}

	if (c->std[STD_TS] && c->std[STD_TS]->type == JL_STRING) {
		const struct jl_member *m = c->std[STD_TS];

		if (!timestamp_valid(m->val, m->val_len, cat->timestamp))
			note(c, m->offset, CHECKLOGS_MISSING_STANDARD_FIELD,
			     "timestamp '%s' is not in the catalogue's format, like '%s'",
			     show(shown, m->val, m->val_len),
			     timestamp_example(cat->timestamp));
	}

	if (c->std[STD_LEVEL] && c->std[STD_LEVEL]->type == JL_STRING) {
		const struct jl_member *m = c->std[STD_LEVEL];
		char name[16];

		level = parse_level(m->val, m->val_len);
		if (level < 0 && m->val_len < sizeof(name)) {
			memcpy(name, m->val, m->val_len);
			name[m->val_len] = '\0';
		}
		if (level < 0)
			unknown_level(c, m, name);
	}
	return level;
}

/* "Did you mean", computed once per distinct typo and scope. */
static struct cl_suggest_slot *suggestion(struct cl_worker *w,
					  const struct cl_module *cm,
					  const char *word, size_t len)
{
	const void *scope = cm ? (const void *)cm : (const void *)w->cl;
	size_t h = (len * 31 + (size_t)(uintptr_t)scope) % CL_SUGGEST_SLOTS;
	struct cl_suggest_slot *s;
	size_t i;

	for (i = 0; i < len && i < 16; i++)
		h = (h * 131 + (unsigned char)word[i]) % CL_SUGGEST_SLOTS;
	s = &w->suggest[h];
	if (s->word && s->scope == scope && strlen(s->word) == len &&
	    !memcmp(s->word, word, len))
		return s;

	free(s->word);
	s->scope = scope;
	s->word = xstrndup(word, len);
	s->answer = NULL;
	s->other = NULL;
	if (!cm) {
		const struct catalogue *cat = w->cl->cat;

		if (cat->nmodules)
			s->answer = suggest_name(s->word,
						 &cat->modules[0].name,
						 cat->nmodules,
						 sizeof(cat->modules[0]));
		return s;
	}
	if (cm->mod->nactions)
		s->answer = suggest_name(s->word, &cm->mod->actions[0].name,
					 cm->mod->nactions,
					 sizeof(cm->mod->actions[0]));
	for (i = 0; !s->answer && i < w->cl->nmodules; i++)
		if (cl_table_get(&w->cl->modules[i].actions, word, len) >= 0) {
			s->other = w->cl->modules[i].mod->name;
			break;
		}
	return s;
}

/* Names longer than this are not worth a suggestion or a table entry. */
#define NAME_MAX_SHOWN 128

static void count_unknown(struct cl_worker *w, const char *module,
			  size_t mlen, const char *action, size_t alen)
{
	char key[2 * NAME_MAX_SHOWN + 4];
	size_t len, h, i;
	struct cl_unknown_slot *slot;

	if (mlen > NAME_MAX_SHOWN || alen > NAME_MAX_SHOWN ||
	    memchr(module, '\0', mlen) ||
	    (action && memchr(action, '\0', alen))) {
		w->unknown_other++;
		return;
	}
	key[0] = action ? 'a' : 'm';
	memcpy(key + 1, module, mlen);
	key[mlen + 1] = '\0';
	if (action)
		memcpy(key + mlen + 2, action, alen);
	key[mlen + 2 + alen] = '\0';
	len = mlen + alen + 3;

	if (!w->unknown)
		w->unknown = xcalloc(2 * CL_UNKNOWN_LIMIT, sizeof(*w->unknown));
	h = cl_hash(key, len);
	for (i = 0; i < 2 * CL_UNKNOWN_LIMIT; i++) {
		slot = &w->unknown[(h + i) % (2 * CL_UNKNOWN_LIMIT)];
		if (!slot->key)
			break;
		if (slot->len == len && !memcmp(slot->key, key, len)) {
			slot->events++;
			return;
		}
	}
	if (w->nunknown >= CL_UNKNOWN_LIMIT) {
		w->unknown_other++;
		return;
	}
	slot->key = xmalloc(len);
	memcpy(slot->key, key, len);
	slot->len = len;
	slot->events = 1;
	w->nunknown++;
}

static const struct cl_module *check_module(struct line_ctx *c)
{
	const struct jl_member *m = c->std[STD_MODULE];
	struct cl_worker *w = c->w;
	struct cl_suggest_slot *s;
	char shown[SHOW_MAX + 4];
	long i;

	i = cl_table_get(&w->cl->module_table, m->val, m->val_len);
	if (i >= 0)
		return &w->cl->modules[i];

	count_unknown(w, m->val, m->val_len, NULL, 0);
	s = m->val_len <= NAME_MAX_SHOWN ?
		suggestion(w, NULL, m->val, m->val_len) : NULL;
	if (s && s->answer)
		note(c, m->offset, CHECKLOGS_UNKNOWN_MODULE,
		     "unknown module '%s'; did you mean '%s'?",
		     show(shown, m->val, m->val_len), s->answer);
	else
		note(c, m->offset, CHECKLOGS_UNKNOWN_MODULE,
		     "unknown module '%s'", show(shown, m->val, m->val_len));
	return NULL;
}

static const struct cl_action *check_action(struct line_ctx *c,
					    const struct cl_module *cm)
{
	const struct jl_member *m = c->std[STD_ACTION];
	struct cl_worker *w = c->w;
	struct cl_suggest_slot *s;
	const char *mod = cm->mod->name;
	char shown[SHOW_MAX + 4];
	long i;

	i = cl_table_get(&cm->actions, m->val, m->val_len);
	if (i >= 0) {
		w->action_events[i]++;
		return &w->cl->actions[i];
	}

	count_unknown(w, mod, strlen(mod), m->val, m->val_len);
	show(shown, m->val, m->val_len);
	s = m->val_len <= NAME_MAX_SHOWN ?
		suggestion(w, cm, m->val, m->val_len) : NULL;
	if (s && s->answer)
		note(c, m->offset, CHECKLOGS_UNDOCUMENTED_ACTION,
		     "undocumented action '%s' in module '%s'; did you mean '%s'?",
		     shown, mod, s->answer);
	else if (s && s->other)
		note(c, m->offset, CHECKLOGS_UNDOCUMENTED_ACTION,
		     "undocumented action '%s' in module '%s'; it is an action of module '%s'",
		     shown, mod, s->other);
	else
		note(c, m->offset, CHECKLOGS_UNDOCUMENTED_ACTION,
		     "undocumented action '%s' in module '%s'", shown, mod);
	return NULL;
}

/* How a value fails a field type, as "a string", or NULL when it fits. */
static const char *type_problem(int type, const struct jl_member *m,
				char buf[64])
{
	unsigned bad;
	enum jl_type t;

	switch (type) {
	case FIELD_STRING:
		bad = m->type != JL_STRING;
		break;
	case FIELD_INT:
		bad = m->type != JL_INT;
		break;
	case FIELD_FLOAT:
		bad = m->type != JL_INT && m->type != JL_BIGINT &&
		      m->type != JL_REAL;
		break;
	case FIELD_BOOL:
		bad = m->type != JL_TRUE && m->type != JL_FALSE;
		break;
	case FIELD_LIST_STRING:
	case FIELD_LIST_INT:
		if (m->type != JL_ARRAY) {
			bad = 1;
			break;
		}
		bad = m->elems & ~JL_BIT(type == FIELD_LIST_INT ? JL_INT :
					 JL_STRING);
		if (!bad)
			return NULL;
		for (t = 0; !(bad & JL_BIT(t)); t++)
			;
		snprintf(buf, 64, "a list holding %s", jl_type_name(t));
		return buf;
	default:
		return NULL;	/* undefined field: the catalogue check says so */
	}
	return bad ? jl_type_name(m->type) : NULL;
}

/*
 * An ID of the registry may ride on any event: loggers bind them for a
 * whole workflow (a logger carrying `workflow_id`), so it is not unknown.
 */
static int is_bound_id(const struct catalogue *cat, const struct jl_member *m)
{
	size_t i;

	for (i = 0; i < cat->nfields; i++)
		if (cat->fields[i].id && strlen(cat->fields[i].name) ==
		    m->key_len && !memcmp(cat->fields[i].name, m->key,
					  m->key_len))
			return 1;
	return 0;
}

static long find_field(const struct cl_action *ca, const struct jl_member *m)
{
	size_t i;

	for (i = 0; i < ca->nfields; i++)
		if (ca->fields[i].len == m->key_len &&
		    !memcmp(ca->fields[i].name, m->key, m->key_len))
			return (long)i;
	return -1;
}

/* How much of a required field was seen: nothing, null, "", a value. */
enum { SEEN_NONE, SEEN_NULL, SEEN_EMPTY, SEEN_VALUE };

static void check_member(struct line_ctx *c, const struct cl_action *ca,
			 const struct jl_member *m)
{
	struct cl_worker *w = c->w;
	const char *act = ca->act->name;
	const char *mod = ca->act->module->name;
	char shown[SHOW_MAX + 4], how[64];
	const struct cl_field *f;
	const char *problem;
	long i = find_field(ca, m);
	unsigned seen;

	if (i < 0) {
		if (is_bound_id(c->w->cl->cat, m))
			return;
		note(c, m->offset, CHECKLOGS_UNKNOWN_FIELD,
		     "field '%s' is not declared for action '%s.%s'",
		     show(shown, m->key, m->key_len), mod, act);
		return;
	}
	f = &ca->fields[i];
	if (m->type == JL_NULL)
		seen = SEEN_NULL;
	else if (m->type == JL_STRING && m->val_len == 0)
		seen = SEEN_EMPTY;
	else
		seen = SEEN_VALUE;
	if (seen >= w->seen[i]) {
		w->seen[i] = (unsigned char)seen;
		w->seen_at[i] = m->offset;
	}
	if (m->type == JL_NULL || (f->required && seen == SEEN_EMPTY))
		return;	/* null is "no value"; a missing ID says the rest */

	problem = type_problem(f->type, m, how);
	if (problem)
		note(c, m->offset, CHECKLOGS_FIELD_TYPE,
		     "field '%s' of action '%s.%s' is %s, expected '%s'",
		     f->name, mod, act, problem,
		     field_type_name((enum field_type)f->type));
}

static void check_fields(struct line_ctx *c, const struct cl_action *ca)
{
	struct cl_worker *w = c->w;
	const char *act = ca->act->name;
	const char *mod = ca->act->module->name;
	struct jl_line *line = &w->line;
	size_t i;

	memset(w->seen, 0, ca->nfields);
	for (i = 0; i < line->nr; i++)
		if (std_field(&line->members[i]) == STD_NONE)
			check_member(c, ca, &line->members[i]);

	for (i = 0; i < ca->nfields; i++) {
		const struct cl_field *f = &ca->fields[i];
		const char *what = f->id ? "id field" : "required field";

		if (!f->required || w->seen[i] == SEEN_VALUE)
			continue;
		if (w->seen[i] == SEEN_NONE)
			note(c, 0, CHECKLOGS_MISSING_ID,
			     "missing %s '%s' of action '%s.%s'",
			     what, f->name, mod, act);
		else
			note(c, w->seen_at[i], CHECKLOGS_MISSING_ID,
			     "%s '%s' of action '%s.%s' is %s", what, f->name,
			     mod, act,
			     w->seen[i] == SEEN_NULL ? "null" : "empty");
	}
}

static void check_event(struct line_ctx *c)
{
	struct jl_line *line = &c->w->line;
	const struct cl_module *cm;
	const struct cl_action *ca;
	const struct jl_member *lm;
	int level;
	size_t i;

	for (i = 0; i < line->nr; i++) {
		struct jl_member *m = &line->members[i];
		enum std_field sf;

		decode_member(c, m);
		sf = std_field(m);
		if (sf != STD_NONE)
			c->std[sf] = m;	/* the last of duplicates wins */
	}
	level = check_standard(c);

	if (!c->std[STD_MODULE] || c->std[STD_MODULE]->type != JL_STRING)
		return;
	cm = check_module(c);
	if (!cm || !c->std[STD_ACTION] ||
	    c->std[STD_ACTION]->type != JL_STRING)
		return;
	ca = check_action(c, cm);
	if (!ca)
		return;

	lm = c->std[STD_LEVEL];
	if (level >= 0 && level != (int)ca->act->level)
		note(c, lm->offset, CHECKLOGS_LEVEL_MISMATCH,
		     "action '%s.%s' logged at '%s', the catalogue says '%s'",
		     cm->mod->name, ca->act->name,
		     level_name((enum level)level),
		     level_name(ca->act->level));
	check_fields(c, ca);
}

static bool is_blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* An ANSI colour sequence (ESC [ digits ; m) at s[i], skipped. */
static size_t skip_ansi(const char *s, size_t len, size_t i)
{
	while (i + 1 < len && s[i] == '\x1b' && s[i + 1] == '[') {
		i += 2;
		while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';'))
			i++;
		if (i < len && s[i] == 'm')
			i++;
	}
	return i;
}

static bool is_name_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
}

/*
 * `docker compose logs` writes "name  | text", the name sometimes in
 * colour and the text sometimes after an RFC 3339 time (--timestamps).
 * Returns the length of that prefix and sets the container name, or
 * returns 0 when the line has none.
 */
static size_t compose_prefix(const char *s, size_t len, const char **name,
			     size_t *name_len)
{
	size_t i = skip_ansi(s, len, 0);
	size_t start = i, end, t;

	while (i < len && is_name_char(s[i]))
		i++;
	if (i == start)
		return 0;
	end = i;
	i = skip_ansi(s, len, i);
	while (i < len && s[i] == ' ')
		i++;
	if (i >= len || s[i] != '|')
		return 0;
	i = skip_ansi(s, len, i + 1);
	if (i < len && s[i] == ' ')
		i++;

	t = i;
	if (len - i > 20 && s[i + 4] == '-' && s[i + 10] == 'T') {
		while (t < len && s[t] != ' ')
			t++;
		if (t + 1 < len && s[t + 1] == '{')
			i = t + 1;
	}
	*name = s + start;
	*name_len = end - start;
	return i;
}

/* Findings of one line in column order, stable (a short insertion sort). */
static void sort_notes(struct cl_block *b, size_t first)
{
	size_t i, j;

	for (i = first + 1; i < b->nnotes; i++) {
		struct cl_note n = b->notes[i];

		for (j = i; j > first && b->notes[j - 1].column > n.column; j--)
			b->notes[j] = b->notes[j - 1];
		b->notes[j] = n;
	}
}

void cl_check_line(struct cl_worker *w, struct cl_block *b, uint64_t line,
		   const char *buf, size_t len)
{
	size_t first = b->nnotes;

	struct line_ctx c = { .w = w, .b = b, .line = line };
	struct jl_error err;
	size_t skip = 0;

	if (len && buf[len - 1] == '\r')
		len--;
	while (skip < len && (buf[skip] == ' ' || buf[skip] == '\t'))
		skip++;
	if (skip == len)
		return;
	if (buf[skip] != '{') {
		c.base = compose_prefix(buf, len, &c.container,
					&c.container_len);
		if (is_blank(buf + c.base, len - c.base))
			return;
	}

	if (jl_parse(&w->line, buf + c.base, len - c.base, &err)) {
		skip = c.base;
		while (skip < len && (buf[skip] == ' ' || buf[skip] == '\t'))
			skip++;
		if (buf[skip] != '{')
			note(&c, skip - c.base, CHECKLOGS_INVALID_JSON,
			     "line is not a json object");
		else
			note(&c, err.offset, CHECKLOGS_INVALID_JSON,
			     "invalid json: %s", err.reason);
		return;
	}

	w->events++;
	if (w->scratch_alloc < len) {
		w->scratch_alloc = len;
		free(w->scratch);
		w->scratch = xmalloc(len);
	}
	c.scratch = w->scratch;
	check_event(&c);
	if (b->nnotes - first > 1)
		sort_notes(b, first);
}
