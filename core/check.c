/* check.c: the rules a loaded catalogue must follow, and its conventions. */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "diag.h"
#include "util.h"

#define MAX_NAME 64

static const char *const c_keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"inline", "int", "long", "register", "restrict", "return", "short",
	"signed", "sizeof", "static", "struct", "switch", "typedef", "union",
	"unsigned", "void", "volatile", "while", "bool", "true", "false",
	"alignas", "alignof", "atomic", "noreturn", "static_assert",
	"thread_local", "asm", "typeof", NULL
};

/* Standard keys of every event, and members the generated API uses. */
static const char *const reserved_fields[] = {
	"ts", "level", "module", "action", "msg", "lg", "truncated", NULL
};

/*
 * Lowercase macros of the C library headers the generated code includes,
 * and of the compilers' GNU modes: a field is a struct member and a
 * designated initializer, so such a name would be expanded.
 */
static const char *const libc_macros[] = {
	"errno", "assert", "stdin", "stdout", "stderr", "offsetof", "setjmp",
	"va_arg", "va_start", "va_end", "va_copy", "linux", "unix", "i386",
	"isnan", "isinf", "isfinite", "isnormal", "signbit", "fpclassify",
	"isgreater", "isless", "isunordered", "sa_handler", "sa_sigaction",
	"si_pid", "si_uid", "si_status", "si_utime", "si_stime", "si_value",
	"si_int", "si_ptr", "si_addr", "si_band", "si_fd", "si_timerid",
	"si_overrun", "sigev_notify_function", "sigev_notify_attributes",
	"complex", "imaginary", "major", "minor", "makedev", NULL
};

/* Public functions and types of the generated runtime, after the prefix. */
static const char *const runtime_names[] = {
	"field", "format_event", "format_log", "freeze_clock", "get_level",
	"ints", "level", "log", "logger", "logger_free", "logger_new",
	"lost_events", "output", "set_fd", "set_format", "set_level",
	"set_line_max", "set_sink", "set_write_timeout", "sink_fn", "strs",
	"thaw_clock", "type", NULL
};

/* Near misses of the conventional suffixes, and what they should be. */
static const char *const suffix_fixes[][2] = {
	{ "_succeeded", "_success" }, { "_successful", "_success" },
	{ "_fail", "_failed" }, { "_failure", "_failed" },
	{ "_skip", "_skipped" }, { "_starting", "_started" },
	{ "_completion", "_complete" }, { "_finished", "_complete" },
	{ NULL, NULL }
};

struct checker {
	const struct catalogue *cat;
	struct diag_list *diags;
	int errors;
};

static void error_at(struct checker *ck, const struct srcpos *pos,
		     const char *check, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void error_at(struct checker *ck, const struct srcpos *pos,
		     const char *check, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ck->diags, DIAG_ERROR, pos->file, pos->line, pos->column,
		  check, fmt, ap);
	va_end(ap);
	ck->errors++;
}

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static void check_name(struct checker *ck, const char *name,
		       const struct srcpos *pos, const char *what)
{
	const char *p;

	if (!name)
		return;
	if (!*name || *name < 'a' || *name > 'z') {
		error_at(ck, pos, "name-style",
			 "%s name '%s' must start with a lowercase letter",
			 what, name);
		return;
	}
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_'))
			break;
	if (*p) {
		error_at(ck, pos, "name-style",
			 "%s name '%s' is not snake_case (only a-z, 0-9 and '_')",
			 what, name);
		return;
	}
	if (strstr(name, "__") || name[strlen(name) - 1] == '_')
		error_at(ck, pos, "name-style",
			 "%s name '%s' has a doubled or trailing '_'", what,
			 name);
	else if (strlen(name) > MAX_NAME)
		error_at(ck, pos, "name-style",
			 "%s name '%s' is longer than %d characters", what,
			 name, MAX_NAME);
	else if (in_list(c_keywords, name))
		error_at(ck, pos, "c-keyword",
			 "%s name '%s' is a C keyword", what, name);
}

static void check_field_defs(struct checker *ck,
			     const struct field_def *fields, size_t n,
			     const struct module *mod)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct field_def *f = &fields[i];

		check_name(ck, f->name, &f->pos, "field");
		if (in_list(reserved_fields, f->name))
			error_at(ck, &f->pos, "reserved-name",
				 "field name '%s' is reserved for the event itself",
				 f->name);
		else if (in_list(libc_macros, f->name))
			error_at(ck, &f->pos, "reserved-name",
				 "field name '%s' is a macro of the C library or compiler",
				 f->name);
		if (mod && catalogue_find_field(ck->cat, f->name))
			diag_at(ck->diags, DIAG_NOTE, &f->pos, NULL,
				"module '%s' redefines field '%s' of the registry",
				mod->name, f->name);
	}
}

static const char *suggest_field(const struct catalogue *cat,
				 const struct module *mod, const char *name)
{
	const char *hint = suggest_name(name, mod->fields, mod->nfields,
					sizeof(*mod->fields));

	return hint ? hint : suggest_name(name, cat->fields, cat->nfields,
					  sizeof(*cat->fields));
}

static void check_field_refs(struct checker *ck, const struct module *mod,
			     const struct action *act)
{
	size_t i, j;

	for (i = 0; i < act->nfields; i++) {
		const struct field_ref *ref = &act->fields[i];
		const char *hint;

		if (!ref->name)
			continue;
		for (j = 0; j < i; j++)
			if (act->fields[j].name &&
			    !strcmp(act->fields[j].name, ref->name))
				break;
		if (j < i) {
			error_at(ck, &ref->pos, "duplicate-field",
				 "action '%s' lists field '%s' twice",
				 act->name, ref->name);
			continue;
		}
		if (ref->def)
			continue;
		hint = suggest_field(ck->cat, mod, ref->name);
		if (hint)
			error_at(ck, &ref->pos, "undefined-field",
				 "field '%s' of action '%s.%s' is not defined; did you mean '%s'?",
				 ref->name, mod->name, act->name, hint);
		else
			error_at(ck, &ref->pos, "undefined-field",
				 "field '%s' of action '%s.%s' is not defined",
				 ref->name, mod->name, act->name);
	}
}

static const char *const convention_checks[] = {
	"action-suffix", "level-convention", "missing-doc", NULL
};

static int allowed(const struct action *act, const char *check)
{
	size_t i;

	for (i = 0; i < act->nallow; i++)
		if (!strcmp(act->allow[i], check))
			return 1;
	return 0;
}

static void check_allow_list(struct checker *ck, const struct action *act)
{
	size_t i;

	for (i = 0; i < act->nallow; i++)
		if (!in_list(convention_checks, act->allow[i]))
			error_at(ck, &act->pos, "invalid-value",
				 "action '%s' allows '%s', which is not a convention check (action-suffix, level-convention, missing-doc)",
				 act->name, act->allow[i]);
}

static void check_conventions(struct checker *ck, const struct module *mod,
			      const struct action *act)
{
	size_t i;

	check_allow_list(ck, act);

	for (i = 0; suffix_fixes[i][0] && !allowed(act, "action-suffix"); i++) {
		if (!ends_with(act->name, suffix_fixes[i][0]))
			continue;
		diag_at(ck->diags, DIAG_WARNING, &act->pos, "action-suffix",
			"action '%s' ends in '%s'; the convention is '%s'",
			act->name, suffix_fixes[i][0], suffix_fixes[i][1]);
		break;
	}
	if ((ends_with(act->name, "_failed") || ends_with(act->name, "_error"))
	    && act->level != LEVEL_ERROR &&
	    !(act->level == LEVEL_WARNING && act->recoverable) &&
	    !allowed(act, "level-convention"))
		diag_at(ck->diags, DIAG_WARNING, &act->pos, "level-convention",
			"action '%s.%s' reports a failure at %s; use ERROR, or WARNING with 'recoverable: true'",
			mod->name, act->name, level_name(act->level));
	if (!act->doc && !strcmp(act->msg, act->name) &&
	    !allowed(act, "missing-doc"))
		diag_at(ck->diags, DIAG_WARNING, &act->pos, "missing-doc",
			"action '%s.%s' has no doc and no message", mod->name,
			act->name);
}

static char *c_name(const struct catalogue *cat, const struct module *mod,
		    const struct action *act)
{
	return xasprintf("%s_%s_%s", cat->prefix ? cat->prefix : "",
			 mod->name, act->name);
}

struct c_name_entry {
	char *name;
	const struct action *act;
	size_t order;		/* catalogue order, for stable reports */
};

static int cmp_c_name(const void *a, const void *b)
{
	const struct c_name_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Module `a_b` + action `c` and module `a` + action `b_c` clash in C. */
static void check_collisions(struct checker *ck)
{
	const struct catalogue *cat = ck->cat;
	size_t n = catalogue_count_actions(cat), i, m, a, k = 0;
	struct c_name_entry *v = xcalloc(n, sizeof(*v));

	for (m = 0; m < cat->nmodules; m++)
		for (a = 0; a < cat->modules[m].nactions; a++) {
			v[k].act = &cat->modules[m].actions[a];
			v[k].name = c_name(cat, &cat->modules[m], v[k].act);
			v[k].order = k;
			k++;
		}
	qsort(v, n, sizeof(*v), cmp_c_name);
	for (i = 1; i < n; i++) {
		const struct action *x = v[i - 1].act, *y = v[i].act;

		if (strcmp(v[i - 1].name, v[i].name) || x->module == y->module)
			continue;
		error_at(ck, &y->pos, "name-collision",
			 "action '%s.%s' and action '%s.%s' (%s:%u:%u) both generate '%s'",
			 y->module->name, y->name, x->module->name, x->name,
			 x->pos.file, x->pos.line, x->pos.column, v[i].name);
	}
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static void check_runtime_clash(struct checker *ck, const struct module *mod,
				const struct action *act)
{
	char *joined = xasprintf("%s_%s", mod->name, act->name);

	if (in_list(runtime_names, joined))
		error_at(ck, &act->pos, "name-collision",
			 "action '%s.%s' would generate '%s_%s', a function of the generated runtime",
			 mod->name, act->name, ck->cat->prefix ?
			 ck->cat->prefix : "", joined);
	free(joined);
}

static void check_module(struct checker *ck, const struct module *mod)
{
	const struct catalogue *cat = ck->cat;
	size_t a;

	check_name(ck, mod->name, &mod->pos, "module");
	if (!mod->service_name && cat->nservices)
		error_at(ck, &mod->pos, "unknown-service",
			 "module '%s' names no service", mod->name);
	else if (mod->service_name && !mod->service) {
		const char *hint = suggest_name(mod->service_name,
						cat->services, cat->nservices,
						sizeof(*cat->services));

		error_at(ck, &mod->pos, "unknown-service",
			 "module '%s' names unknown service '%s'%s%s%s",
			 mod->name, mod->service_name,
			 hint ? "; did you mean '" : "", hint ? hint : "",
			 hint ? "'?" : "");
	}
	if (!mod->doc)
		diag_at(ck->diags, DIAG_WARNING, &mod->pos, "missing-doc",
			"module '%s' has no doc", mod->name);
	check_field_defs(ck, mod->fields, mod->nfields, mod);
	for (a = 0; a < mod->nactions; a++) {
		const struct action *act = &mod->actions[a];

		check_name(ck, act->name, &act->pos, "action");
		check_runtime_clash(ck, mod, act);
		check_field_refs(ck, mod, act);
		check_conventions(ck, mod, act);
	}
}

static void check_function_name(struct checker *ck,
				const struct log_function *fn)
{
	const char *p = fn->name;

	if (!p)
		return;
	while (*p && (*p == '_' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
		p++;
	if (*p || !*fn->name || (*fn->name >= '0' && *fn->name <= '9'))
		error_at(ck, &fn->pos, "name-style",
			 "function name '%s' is not a C identifier", fn->name);
}

static const struct action *find_action(struct checker *ck,
					const struct srcpos *pos,
					const char *module, const char *action)
{
	const struct module *mod = catalogue_find_module(ck->cat, module);
	const struct action *act;

	if (!mod) {
		error_at(ck, pos, "unknown-module",
			 "dashboard names unknown module '%s'", module);
		return NULL;
	}
	act = module_find_action(mod, action);
	if (!act)
		error_at(ck, pos, "undocumented-action",
			 "dashboard names action '%s' which module '%s' does not have",
			 action, module);
	return act;
}

static void check_dashboard(struct checker *ck)
{
	const struct catalogue *cat = ck->cat;
	size_t i, j;

	for (i = 0; i < cat->nfunnels; i++) {
		const struct funnel *f = &cat->funnels[i];

		for (j = 0; f->module && j < f->nactions; j++)
			find_action(ck, &f->pos, f->module, f->actions[j]);
	}
	for (i = 0; i < cat->nmetrics; i++) {
		const struct metric *m = &cat->metrics[i];
		const struct action *act;
		const struct field_ref *ref;

		if (!m->module || !m->action || !m->field)
			continue;
		act = find_action(ck, &m->pos, m->module, m->action);
		if (!act)
			continue;
		ref = action_find_field(act, m->field);
		if (!ref || !ref->def)
			error_at(ck, &m->pos, "undefined-field",
				 "metric field '%s' is not a field of action '%s.%s'",
				 m->field, m->module, m->action);
		else if (ref->def->type != FIELD_INT &&
			 ref->def->type != FIELD_FLOAT)
			error_at(ck, &m->pos, "field-type",
				 "metric field '%s' is %s; a metric needs int or float",
				 m->field, field_type_name(ref->def->type));
	}
}

int catalogue_check(const struct catalogue *cat, struct diag_list *diags)
{
	struct checker ck = { cat, diags, 0 };
	size_t i;

	if (cat->name) {
		const struct srcpos *pos = &cat->name_pos;

		check_name(&ck, cat->name, pos, "catalogue");
		/* Grafana dashboard uids (logschema-NAME) hold 40 characters. */
		if (strlen(cat->name) > 30)
			error_at(&ck, pos, "name-style",
				 "catalogue name '%s' is longer than 30 characters",
				 cat->name);
	}
	if (cat->prefix)
		check_name(&ck, cat->prefix, &cat->prefix_pos, "prefix");
	for (i = 0; i < cat->nservices; i++)
		check_name(&ck, cat->services[i].name, &cat->services[i].pos,
			   "service");
	check_field_defs(&ck, cat->fields, cat->nfields, NULL);
	for (i = 0; i < cat->nmodules; i++)
		check_module(&ck, &cat->modules[i]);
	for (i = 0; i < cat->nfunctions; i++)
		check_function_name(&ck, &cat->functions[i]);
	check_collisions(&ck);
	check_dashboard(&ck);
	return ck.errors;
}
