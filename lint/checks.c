/* checks.c: the lint checks, applied to the calls found in a file. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

static const struct {
	const char *name;
	const char *summary;
	bool on;
	bool switchable;
	enum diag_severity severity;
} checks[LINT_CHECK_COUNT] = {
	[LINT_UNDOCUMENTED_ACTION] = { "undocumented-action",
		"an action that is not in the catalogue for its module",
		true, true, DIAG_ERROR },
	[LINT_UNKNOWN_MODULE] = { "unknown-module",
		"a module that is not in the catalogue",
		true, true, DIAG_ERROR },
	[LINT_MISSING_ID] = { "missing-id",
		"a call that omits a required ID field, or sets it to a literal NULL or \"\"",
		true, true, DIAG_ERROR },
	[LINT_UNKNOWN_FIELD] = { "unknown-field",
		"a field the action does not declare",
		true, true, DIAG_ERROR },
	[LINT_FIELD_TYPE] = { "field-type",
		"a value whose type does not match the field's",
		true, true, DIAG_ERROR },
	[LINT_LEVEL_MISMATCH] = { "level-mismatch",
		"an untyped call whose level differs from the catalogue's",
		true, true, DIAG_ERROR },
	[LINT_DYNAMIC_NAME] = { "dynamic-name",
		"a module or action that is not a string literal, so cannot be checked",
		true, true, DIAG_WARNING },
	[LINT_UNUSED_ACTION] = { "unused-action",
		"a catalogued action that no scanned source logs",
		false, true, DIAG_WARNING },
	[LINT_UNUSED_SUPPRESSION] = { "unused-suppression",
		"an inline suppression that suppresses nothing",
		true, true, DIAG_WARNING },
	[LINT_PARSE_ERROR] = { "parse-error",
		"a file clang could not compile, so could not be checked",
		true, false, DIAG_ERROR },
};

const char *lint_check_name(enum lint_check check)
{
	return check < LINT_CHECK_COUNT ? checks[check].name : NULL;
}

int lint_check_lookup(const char *name)
{
	int i;

	for (i = 0; i < LINT_CHECK_COUNT; i++)
		if (!strcmp(name, checks[i].name))
			return i;
	return -1;
}

const char *lint_check_summary(enum lint_check check)
{
	return checks[check].summary;
}

bool lint_check_default(enum lint_check check)
{
	return checks[check].on;
}

bool lint_check_switchable(enum lint_check check)
{
	return checks[check].switchable;
}

int lint_check_severity(enum lint_check check)
{
	return checks[check].severity;
}

bool unit_report(struct lint_unit *u, enum lint_check check, unsigned offset,
		 const char *fmt, ...)
{
	unsigned line, column;
	va_list ap;

	if (!u->opts->enabled[check])
		return false;
	scan_position(&u->scan, offset, &line, &column);
	va_start(ap, fmt);
	diag_vadd(&u->diags, checks[check].severity, u->path, line, column,
		  checks[check].name, fmt, ap);
	va_end(ap);
	return true;
}

/* Clang errors inside [start, end) are explained by a finding. */
static void absorb(struct lint_unit *u, unsigned start, unsigned end)
{
	ALLOC_GROW(u->absorbs, u->nabsorbs + 1, u->aabsorbs);
	u->absorbs[u->nabsorbs].start = start;
	u->absorbs[u->nabsorbs++].end = end;
}

/* "; did you mean 'x'?" or "", for a name that is not NUL-terminated. */
static char *did_you_mean(const char *word, size_t len, const void *names,
			  size_t n, size_t stride)
{
	char *w = xstrndup(word, len);
	const char *best = suggest_name(w, names, n, stride);
	char *out = best ? xasprintf("; did you mean '%s'?", best) : xstrdup("");

	free(w);
	return out;
}

static bool same(const char *a, size_t len, const char *b)
{
	return strlen(b) == len && !memcmp(a, b, len);
}

static void mark_emitted(struct lint_unit *u, int action)
{
	__atomic_store_n(&u->emitted[action], 1, __ATOMIC_RELAXED);
}

static const struct field_ref *find_ref(const struct action *act,
					const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < act->nfields; i++)
		if (act->fields[i].def &&
		    same(name, len, act->fields[i].def->name))
			return &act->fields[i];
	return NULL;
}

static char *field_suggestion(const struct action *act, const char *name,
			      size_t len)
{
	const char **names = xcalloc(act->nfields + 1, sizeof(*names));
	size_t i, n = 0;
	char *out;

	for (i = 0; i < act->nfields; i++)
		if (act->fields[i].def)
			names[n++] = act->fields[i].def->name;
	out = did_you_mean(name, len, names, n, sizeof(*names));
	free(names);
	return out;
}

/* The helper's name, as written: FFL_STR and the like. */
static int helper_len(const struct lint_unit *u, const struct call_field *f)
{
	const char *p = u->scan.buf + f->span_start;
	int n = 0;

	while (p[n] == '_' || (p[n] >= 'A' && p[n] <= 'Z') ||
	       (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9'))
		n++;
	return n;
}

/*
 * A value clang rejected drops its call from the AST, but clang's error
 * (or a warning about another value of the call) names the value's type:
 * "... with an expression of incompatible type 'struct ffl_strs'".
 */
static char *clang_type_complaint(const struct lint_unit *u,
				  const struct call_field *f)
{
	static const char marker[] = TYPE_MARKER;
	size_t i;

	for (i = 0; i < u->nerrors; i++) {
		const struct clang_error *e = &u->errors[i];
		const char *p, *end;

		if (e->file || e->offset < f->value_start ||
		    e->offset >= f->value_end)
			continue;
		p = strstr(e->message, marker);
		if (!p)
			continue;
		p += strlen(marker);
		if (!strncmp(p, "incompatible type '", 19))
			p += 19;
		else if (!strncmp(p, "type '", 6))
			p += 6;
		else
			continue;
		end = strchr(p, '\'');
		if (end) {
			char *type = xstrndup(p, end - p);

			type_strip_const(type);
			return type;
		}
	}
	return NULL;
}

static void check_type(struct lint_unit *u, const struct call_field *f,
		       enum field_type type)
{
	char *spelled;

	if (f->helper >= 0 && (enum field_type)f->helper != type) {
		if (unit_report(u, LINT_FIELD_TYPE, f->span_start,
				"field '%.*s' is %s, but is passed with %.*s",
				(int)f->name_len, f->name,
				field_type_name(type), helper_len(u, f),
				u->scan.buf + f->span_start))
			absorb(u, f->value_start, f->value_end);
		return;
	}
	switch (value_check_type(u, f, type)) {
	case VALUE_OK:
		return;
	case VALUE_WRONG:
		spelled = value_type_spelling(u, f->value);
		break;
	default:
		spelled = clang_type_complaint(u, f);
		if (!spelled)
			return;
		break;
	}
	if (unit_report(u, LINT_FIELD_TYPE, f->value_start,
			"field '%.*s' is %s, but the value has type '%s'",
			(int)f->name_len, f->name, field_type_name(type),
			spelled))
		absorb(u, f->value_start, f->value_end);
	free(spelled);
}

static void check_fields(struct lint_unit *u, const struct call *c,
			 const struct action *act, const char *qname)
{
	const struct call_field *fields = c->nfields ?
		&u->fields[c->first_field] : NULL;
	size_t i, j;

	for (i = 0; i < c->nfields; i++) {
		const struct call_field *f = &fields[i];
		const struct field_ref *ref;
		char *hint;

		if (c->form == CALL_TYPED && same(f->name, f->name_len, "msg")) {
			check_type(u, f, FIELD_STRING);
			continue;
		}
		ref = find_ref(act, f->name, f->name_len);
		if (!ref) {
			hint = field_suggestion(act, f->name, f->name_len);
			if (unit_report(u, LINT_UNKNOWN_FIELD, f->pos,
					"field '%.*s' is not declared by action '%s'%s",
					(int)f->name_len, f->name, qname, hint))
				absorb(u, f->span_start, f->span_end);
			free(hint);
			continue;
		}
		check_type(u, f, ref->def->type);
		if (ref->required && (f->null_literal || f->empty_literal))
			unit_report(u, LINT_MISSING_ID, f->value_start,
				    "required field '%s' of action '%s' is %s",
				    ref->def->name, qname,
				    f->null_literal ? "a literal NULL" :
						      "an empty string");
	}
	for (j = 0; j < act->nfields; j++) {
		const struct field_ref *ref = &act->fields[j];

		if (!ref->required || !ref->def || c->open)
			continue;
		for (i = 0; i < c->nfields; i++)
			if (same(fields[i].name, fields[i].name_len,
				 ref->def->name))
				break;
		if (i == c->nfields)
			unit_report(u, LINT_MISSING_ID, c->start,
				    "missing required field '%s' of action '%s'",
				    ref->def->name, qname);
	}
}

static char *qualified(const struct action *act)
{
	return xasprintf("%s.%s", act->module->name, act->name);
}

static void check_typed(struct lint_unit *u, const struct call *c)
{
	const struct action *act = u->ix->actions[c->action];
	char *qname = qualified(act);

	mark_emitted(u, c->action);
	check_fields(u, c, act, qname);
	free(qname);
}

/* The text of a module or action argument, or NULL if not a literal. */
static const char *arg_text(struct lint_unit *u, struct name_arg *arg,
			    size_t *len)
{
	char *s;

	if (arg->text || arg->value < 0) {
		*len = arg->len;
		return arg->text;
	}
	s = value_string_literal(u, arg->value);
	if (!s)
		return NULL;
	ALLOC_GROW(u->owned, u->nowned + 1, u->aowned);
	u->owned[u->nowned++] = s;
	arg->text = s;
	arg->len = *len = strlen(s);
	return s;
}

static const struct module *check_module(struct lint_unit *u, struct call *c)
{
	const struct catalogue *cat = u->ix->cat;
	const struct module *mod;
	const char *name;
	size_t len;
	char *hint;

	if (!c->module.present || c->module.unknown)
		return NULL;
	name = arg_text(u, &c->module, &len);
	if (!name) {
		unit_report(u, LINT_DYNAMIC_NAME, c->module.start,
			    "module is not a string literal, so this call cannot be checked");
		return NULL;
	}
	mod = index_find_module(u->ix, name, len);
	if (mod)
		return mod;
	hint = did_you_mean(name, len, cat->nmodules ? &cat->modules[0].name :
						       NULL,
			    cat->nmodules, sizeof(struct module));
	unit_report(u, LINT_UNKNOWN_MODULE, c->module.start,
		    "module '%.*s' is not in the catalogue%s", (int)len, name,
		    hint);
	free(hint);
	return NULL;
}

static int check_action_name(struct lint_unit *u, struct call *c,
			     const struct module *mod)
{
	const char *name;
	size_t len;
	char *hint;
	int action;

	if (!c->act.present || c->act.unknown)
		return -1;
	name = arg_text(u, &c->act, &len);
	if (!name) {
		unit_report(u, LINT_DYNAMIC_NAME, c->act.start,
			    "action is not a string literal, so this call cannot be checked");
		return -1;
	}
	if (!mod)
		return -1;
	action = index_find_action(u->ix, mod, name, len);
	if (action >= 0)
		return action;
	hint = did_you_mean(name, len, mod->nactions ? &mod->actions[0].name :
						       NULL,
			    mod->nactions, sizeof(struct action));
	unit_report(u, LINT_UNDOCUMENTED_ACTION, c->act.start,
		    "action '%.*s' is not in module '%s'%s", (int)len, name,
		    mod->name, hint);
	free(hint);
	return -1;
}

/* <prefix>_log() and declared functions: names, level, fields. */
static void check_untyped(struct lint_unit *u, struct call *c)
{
	const struct module *mod = check_module(u, c);
	int action = check_action_name(u, c, mod);
	const struct action *act;
	char *qname;

	if (action < 0)
		return;
	act = u->ix->actions[action];
	qname = qualified(act);
	mark_emitted(u, action);
	if (c->level >= 0 && (enum level)c->level != act->level)
		unit_report(u, LINT_LEVEL_MISMATCH, c->level_pos,
			    "action '%s' has level %s in the catalogue, not %s",
			    qname, level_name(act->level),
			    level_name(c->level));
	check_fields(u, c, act, qname);
	free(qname);
}

/* <prefix>_module_action that clang has no declaration of: a typo. */
static void check_undeclared(struct lint_unit *u, const struct call *c)
{
	const struct lint_index *ix = u->ix;
	const struct catalogue *cat = ix->cat;
	const char *name = u->scan.buf + c->start;
	size_t len = c->name_end - c->start, plen = strlen(ix->prefix);
	const char *rest = name + plen;
	const struct module *mod = NULL;
	size_t i, mlen = 0;
	bool reported;
	char *hint;

	for (i = 0; i < cat->nmodules; i++) {
		size_t n = strlen(cat->modules[i].name);

		if (n > mlen && plen + n + 1 < len &&
		    !memcmp(rest, cat->modules[i].name, n) && rest[n] == '_') {
			mod = &cat->modules[i];
			mlen = n;
		}
	}
	if (mod) {
		rest += mlen + 1;
		len -= plen + mlen + 1;
		hint = did_you_mean(rest, len, mod->nactions ?
				    &mod->actions[0].name : NULL,
				    mod->nactions, sizeof(struct action));
		reported = unit_report(u, LINT_UNDOCUMENTED_ACTION, c->start,
				       "action '%.*s' is not in module '%s'%s",
				       (int)len, rest, mod->name, hint);
	} else {
		hint = did_you_mean(name, len, ix->cnames, ix->nactions,
				    sizeof(*ix->cnames));
		reported = unit_report(u, LINT_UNKNOWN_MODULE, c->start,
				       "'%.*s' names no catalogued module%s",
				       (int)len, name, hint);
	}
	if (reported)
		absorb(u, c->start, c->end);
	free(hint);
}

static const struct field_def *any_field(const struct catalogue *cat,
					 const char *name, size_t len)
{
	char buf[128];
	const struct field_def *def;
	size_t m;

	if (len >= sizeof(buf))
		return NULL;
	memcpy(buf, name, len);
	buf[len] = '\0';
	def = catalogue_find_field(cat, buf);
	for (m = 0; !def && m < cat->nmodules; m++)
		def = module_find_field(cat, &cat->modules[m], buf);
	return def;
}

/* <prefix>_logger_new(parent, fields...): bound fields must exist. */
static void check_bind(struct lint_unit *u, const struct call *c)
{
	const struct call_field *fields = c->nfields ?
		&u->fields[c->first_field] : NULL;
	size_t i;

	for (i = 0; i < c->nfields; i++) {
		const struct call_field *f = &fields[i];
		const struct field_def *def =
			any_field(u->ix->cat, f->name, f->name_len);

		if (def) {
			check_type(u, f, def->type);
			continue;
		}
		unit_report(u, LINT_UNKNOWN_FIELD, f->pos,
			    "field '%.*s' is not in the catalogue",
			    (int)f->name_len, f->name);
	}
}

void checks_run(struct lint_unit *u)
{
	size_t i;

	for (i = 0; i < u->ncalls; i++) {
		struct call *c = &u->calls[i];

		switch (c->form) {
		case CALL_TYPED:
			check_typed(u, c);
			break;
		case CALL_UNTYPED:
		case CALL_FUNCTION:
			check_untyped(u, c);
			break;
		case CALL_BIND:
			check_bind(u, c);
			break;
		case CALL_UNDECLARED:
			check_undeclared(u, c);
			break;
		}
	}
}
