/* load.c: read catalogue files into the model, reporting every problem. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalogue.h"
#include "diag.h"
#include "embedded.h"
#include "util.h"
#include "yamltree.h"

#define CHECK_KEY "unknown-key"
#define CHECK_TYPE "type"
#define CHECK_VALUE "invalid-value"
#define CHECK_DUP "duplicate-definition"

struct loader {
	struct catalogue *cat;
	struct diag_list *diags;
	int failed;
	unsigned errors_before;	/* to avoid cascading complaints */
	struct srcpos set[9];	/* where each top-level setting was set */
	int version_seen;
};

static const char *const top_keys[] = {
	"logschema", "name", "prefix", "doc", "timestamp", "timezone", "loki",
	"levels",
	"services", "fields", "modules", "functions", "dashboard", NULL
};
static const char *const service_keys[] = { "doc", "containers", NULL };
static const char *const field_keys[] = { "type", "id", "doc", NULL };
static const char *const module_keys[] = {
	"service", "severity", "doc", "fields", "actions", NULL
};
static const char *const action_keys[] = {
	"level", "group", "msg", "doc", "fields", "severity", "recoverable",
	"allow", NULL
};
static const char *const ref_keys[] = { "name", "required", NULL };
static const char *const function_keys[] = {
	"name", "level", "level_arg", "module_arg", "action_arg", "msg_arg",
	"fields_arg", NULL
};
static const char *const loki_keys[] = { "action", NULL };
static const char *const dashboard_keys[] = { "funnels", "metrics", NULL };
static const char *const funnel_keys[] = {
	"title", "module", "actions", NULL
};
static const char *const metric_keys[] = {
	"title", "module", "action", "field", NULL
};

static void fail(struct loader *ld, const struct ynode *node,
		 const char *check, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(struct loader *ld, const struct ynode *node,
		 const char *check, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(ld->diags, DIAG_ERROR, node->pos.file, node->pos.line,
		  node->pos.column, check, fmt, ap);
	va_end(ap);
}

/* Report `key` as a second definition of a `what` first defined at `prev`. */
static int defined_twice(struct loader *ld, const struct ynode *key,
			 const char *what, const struct srcpos *prev)
{
	if (!prev)
		return 0;
	fail(ld, key, CHECK_DUP, "%s '%s' is already defined at %s:%u:%u",
	     what, key->value, prev->file, prev->line, prev->column);
	return 1;
}

static int expect_kind(struct loader *ld, const struct ynode *node,
		       enum ynode_kind kind, const char *what)
{
	static const char *const names[] = {
		"a scalar", "a sequence", "a mapping"
	};

	if (node->kind == kind)
		return 0;
	fail(ld, node, CHECK_TYPE, "%s must be %s, not %s", what, names[kind],
	     ynode_kind_name(node));
	return -1;
}

static size_t count_keys(const char *const *keys)
{
	size_t n = 0;

	while (keys[n])
		n++;
	return n;
}

/* Report a key not in `keys`, with the closest known one. */
static int check_key(struct loader *ld, const struct ynode *key,
		     const char *const *keys, const char *where)
{
	const char *const *k;
	const char *hint;

	for (k = keys; *k; k++)
		if (!strcmp(*k, key->value))
			return 0;
	hint = suggest_name(key->value, keys, count_keys(keys),
			    sizeof(*keys));
	if (hint)
		fail(ld, key, CHECK_KEY,
		     "unknown key '%s' in %s; did you mean '%s'?",
		     key->value, where, hint);
	else
		fail(ld, key, CHECK_KEY, "unknown key '%s' in %s", key->value,
		     where);
	return -1;
}

static char *get_string(struct loader *ld, const struct ynode *node,
			const char *what)
{
	if (expect_kind(ld, node, YNODE_SCALAR, what))
		return NULL;
	if (node->plain && (!strcmp(node->value, "null") ||
			    !strcmp(node->value, "~") || !node->len)) {
		fail(ld, node, CHECK_TYPE, "%s must be a string, not null",
		     what);
		return NULL;
	}
	return xstrdup(node->value);
}

static int get_bool(struct loader *ld, const struct ynode *node,
		    const char *what, bool *out)
{
	if (node->kind == YNODE_SCALAR && node->plain) {
		if (!strcmp(node->value, "true")) {
			*out = true;
			return 0;
		}
		if (!strcmp(node->value, "false")) {
			*out = false;
			return 0;
		}
	}
	fail(ld, node, CHECK_TYPE, "%s must be true or false", what);
	return -1;
}

static int get_int(struct loader *ld, const struct ynode *node,
		   const char *what, int min, int max, int *out)
{
	char *end;
	long v;

	if (node->kind == YNODE_SCALAR && node->plain && node->len) {
		errno = 0;
		v = strtol(node->value, &end, 10);
		if (!*end && !errno && v >= min && v <= max) {
			*out = (int)v;
			return 0;
		}
	}
	fail(ld, node, CHECK_TYPE, "%s must be an integer from %d to %d", what,
	     min, max);
	return -1;
}

/* Set a top-level scalar once across all files. */
static int set_once(struct loader *ld, int slot, const struct ynode *key)
{
	struct srcpos *prev = &ld->set[slot];

	if (prev->file) {
		fail(ld, key, CHECK_DUP, "'%s' is already set at %s:%u:%u",
		     key->value, prev->file, prev->line, prev->column);
		return -1;
	}
	*prev = key->pos;
	return 0;
}

static int parse_level(struct loader *ld, const struct ynode *node,
		       enum level *out)
{
	int lv;

	if (expect_kind(ld, node, YNODE_SCALAR, "a level"))
		return -1;
	lv = level_parse(node->value);
	if (lv < 0) {
		fail(ld, node, CHECK_VALUE,
		     "unknown level '%s'; expected DEBUG, INFO, WARNING or ERROR",
		     node->value);
		return -1;
	}
	*out = (enum level)lv;
	return 0;
}

static int parse_severity(struct loader *ld, const struct ynode *node,
			  enum severity *out)
{
	if (node->kind == YNODE_SCALAR && !strcmp(node->value, "critical"))
		*out = SEVERITY_CRITICAL;
	else if (node->kind == YNODE_SCALAR && !strcmp(node->value, "noise"))
		*out = SEVERITY_NOISE;
	else {
		fail(ld, node, CHECK_VALUE,
		     "severity must be 'critical' or 'noise'");
		return -1;
	}
	return 0;
}

static char **get_string_list(struct loader *ld, const struct ynode *node,
			      const char *what, size_t *nr)
{
	char **v;
	size_t i;

	*nr = 0;
	if (expect_kind(ld, node, YNODE_SEQUENCE, what))
		return NULL;
	v = xcalloc(node->nr, sizeof(*v));
	for (i = 0; i < node->nr; i++) {
		char *s = get_string(ld, node->items[i], what);

		if (s)
			v[(*nr)++] = s;
	}
	return v;
}

static void load_field_def(struct loader *ld, struct field_def *f,
			   const struct ynode *key, const struct ynode *val)
{
	size_t i;
	int type_seen = 0;

	memset(f, 0, sizeof(*f));
	f->name = xstrdup(key->value);
	f->pos = key->pos;
	if (expect_kind(ld, val, YNODE_MAPPING, "a field definition"))
		return;
	for (i = 0; i + 1 < val->nr; i += 2) {
		const struct ynode *k = val->items[i], *v = val->items[i + 1];

		if (check_key(ld, k, field_keys, "a field definition"))
			continue;
		if (!strcmp(k->value, "type")) {
			int t = v->kind == YNODE_SCALAR ?
				field_type_parse(v->value) : -1;

			type_seen = 1;
			if (t < 0)
				fail(ld, v, CHECK_VALUE,
				     "unknown type '%s' for field '%s'; expected string, int, float, bool, list<string> or list<int>",
				     v->kind == YNODE_SCALAR ? v->value : "?",
				     f->name);
			else
				f->type = (enum field_type)t;
		} else if (!strcmp(k->value, "id")) {
			get_bool(ld, v, "'id'", &f->id);
		} else if (!strcmp(k->value, "doc")) {
			f->doc = get_string(ld, v, "'doc'");
		}
	}
	if (!type_seen)
		fail(ld, key, CHECK_VALUE, "field '%s' has no type", f->name);
}

static void load_fields(struct loader *ld, const struct ynode *map,
			struct field_def **fields, size_t *nr,
			const char *where)
{
	size_t i, j, alloc = *nr, before = *nr;

	if (expect_kind(ld, map, YNODE_MAPPING, where))
		return;
	for (i = 0; i + 1 < map->nr; i += 2) {
		const struct ynode *key = map->items[i];
		const struct srcpos *prev = NULL;

		for (j = 0; j < before && !prev; j++)
			if (!strcmp((*fields)[j].name, key->value))
				prev = &(*fields)[j].pos;
		if (defined_twice(ld, key, "field", prev))
			continue;
		ALLOC_GROW(*fields, *nr + 1, alloc);
		load_field_def(ld, &(*fields)[(*nr)++], key, map->items[i + 1]);
	}
}

static void load_field_ref(struct loader *ld, struct field_ref *ref,
			   const struct ynode *node)
{
	size_t i;

	memset(ref, 0, sizeof(*ref));
	ref->pos = node->pos;
	if (node->kind == YNODE_SCALAR) {
		ref->name = get_string(ld, node, "a field name");
		return;
	}
	if (expect_kind(ld, node, YNODE_MAPPING, "a field entry"))
		return;
	for (i = 0; i + 1 < node->nr; i += 2) {
		const struct ynode *k = node->items[i], *v = node->items[i + 1];

		if (check_key(ld, k, ref_keys, "a field entry"))
			continue;
		if (!strcmp(k->value, "name")) {
			ref->name = get_string(ld, v, "'name'");
			ref->pos = v->pos;
		} else if (!get_bool(ld, v, "'required'", &ref->required)) {
			ref->required_explicit = true;
		}
	}
	if (!ref->name)
		fail(ld, node, CHECK_VALUE, "a field entry needs a 'name'");
}

static void load_action(struct loader *ld, struct action *act,
			const struct ynode *key, const struct ynode *val)
{
	size_t i;
	int level_seen = 0, msg_seen = 0;

	memset(act, 0, sizeof(*act));
	act->name = xstrdup(key->value);
	act->msg = xstrdup(key->value);
	act->pos = key->pos;
	if (val->kind == YNODE_SCALAR && val->plain && !val->len)
		val = NULL;
	if (!val || expect_kind(ld, val, YNODE_MAPPING, "an action")) {
		if (!val)
			fail(ld, key, CHECK_VALUE, "action '%s' has no level",
			     act->name);
		return;
	}
	for (i = 0; i + 1 < val->nr; i += 2) {
		const struct ynode *k = val->items[i], *v = val->items[i + 1];
		size_t j;

		if (check_key(ld, k, action_keys, "an action"))
			continue;
		if (!strcmp(k->value, "level")) {
			level_seen = !parse_level(ld, v, &act->level);
			level_seen |= 2;
		} else if (!strcmp(k->value, "group")) {
			act->group = get_string(ld, v, "'group'");
		} else if (!strcmp(k->value, "msg")) {
			char *msg = get_string(ld, v, "'msg'");

			if (msg) {
				free(act->msg);
				act->msg = msg;
				msg_seen = 1;
			}
		} else if (!strcmp(k->value, "doc")) {
			act->doc = get_string(ld, v, "'doc'");
		} else if (!strcmp(k->value, "severity")) {
			parse_severity(ld, v, &act->severity);
		} else if (!strcmp(k->value, "recoverable")) {
			get_bool(ld, v, "'recoverable'", &act->recoverable);
		} else if (!strcmp(k->value, "allow")) {
			act->allow = get_string_list(ld, v, "'allow'",
						     &act->nallow);
		} else if (!expect_kind(ld, v, YNODE_SEQUENCE, "'fields'")) {
			act->fields = xcalloc(v->nr, sizeof(*act->fields));
			for (j = 0; j < v->nr; j++)
				load_field_ref(ld, &act->fields[act->nfields++],
					       v->items[j]);
		}
	}
	if (!level_seen)
		fail(ld, key, CHECK_VALUE, "action '%s' has no level",
		     act->name);
	if (!msg_seen && act->doc) {
		free(act->msg);
		act->msg = xstrdup(act->doc);
	}
}

static void load_actions(struct loader *ld, struct module *mod,
			 const struct ynode *map)
{
	size_t i, alloc = 0;

	if (expect_kind(ld, map, YNODE_MAPPING, "'actions'"))
		return;
	/* One YAML mapping: the tree has refused duplicate keys already. */
	for (i = 0; i + 1 < map->nr; i += 2) {
		ALLOC_GROW(mod->actions, mod->nactions + 1, alloc);
		load_action(ld, &mod->actions[mod->nactions++], map->items[i],
			    map->items[i + 1]);
	}
}

static void load_module(struct loader *ld, struct module *mod,
			const struct ynode *key, const struct ynode *val)
{
	size_t i;

	memset(mod, 0, sizeof(*mod));
	mod->name = xstrdup(key->value);
	mod->pos = key->pos;
	if (expect_kind(ld, val, YNODE_MAPPING, "a module"))
		return;
	for (i = 0; i + 1 < val->nr; i += 2) {
		const struct ynode *k = val->items[i], *v = val->items[i + 1];

		if (check_key(ld, k, module_keys, "a module"))
			continue;
		if (!strcmp(k->value, "service"))
			mod->service_name = get_string(ld, v, "'service'");
		else if (!strcmp(k->value, "severity"))
			parse_severity(ld, v, &mod->severity);
		else if (!strcmp(k->value, "doc"))
			mod->doc = get_string(ld, v, "'doc'");
		else if (!strcmp(k->value, "fields"))
			load_fields(ld, v, &mod->fields, &mod->nfields,
				    "a module's 'fields'");
		else
			load_actions(ld, mod, v);
	}
}

static void load_modules(struct loader *ld, const struct ynode *map)
{
	struct catalogue *cat = ld->cat;
	size_t i, alloc = cat->nmodules, before = cat->nmodules;

	if (expect_kind(ld, map, YNODE_MAPPING, "'modules'"))
		return;
	for (i = 0; i + 1 < map->nr; i += 2) {
		const struct ynode *key = map->items[i];
		const struct srcpos *prev = NULL;
		size_t j;

		/* This mapping's keys are distinct: compare with earlier ones. */
		for (j = 0; j < before && !prev; j++)
			if (!strcmp(cat->modules[j].name, key->value))
				prev = &cat->modules[j].pos;
		if (defined_twice(ld, key, "module", prev))
			continue;
		ALLOC_GROW(cat->modules, cat->nmodules + 1, alloc);
		load_module(ld, &cat->modules[cat->nmodules++], key,
			    map->items[i + 1]);
	}
}

static void load_services(struct loader *ld, const struct ynode *map)
{
	struct catalogue *cat = ld->cat;
	size_t i, j, alloc = cat->nservices;

	if (expect_kind(ld, map, YNODE_MAPPING, "'services'"))
		return;
	for (i = 0; i + 1 < map->nr; i += 2) {
		const struct ynode *key = map->items[i], *val = map->items[i + 1];
		const struct service *old = catalogue_find_service(cat,
								   key->value);
		struct service *svc;

		if (defined_twice(ld, key, "service", old ? &old->pos : NULL))
			continue;
		ALLOC_GROW(cat->services, cat->nservices + 1, alloc);
		svc = &cat->services[cat->nservices++];
		memset(svc, 0, sizeof(*svc));
		svc->name = xstrdup(key->value);
		svc->pos = key->pos;
		if (expect_kind(ld, val, YNODE_MAPPING, "a service"))
			continue;
		for (j = 0; j + 1 < val->nr; j += 2) {
			const struct ynode *k = val->items[j];

			if (check_key(ld, k, service_keys, "a service"))
				continue;
			if (!strcmp(k->value, "doc"))
				svc->doc = get_string(ld, val->items[j + 1],
						      "'doc'");
			else
				svc->containers = get_string_list(ld,
					val->items[j + 1], "'containers'",
					&svc->ncontainers);
		}
	}
}

static void load_function(struct loader *ld, struct log_function *fn,
			  const struct ynode *node)
{
	int *slots[] = {
		&fn->level_arg, &fn->module_arg, &fn->action_arg,
		&fn->msg_arg, &fn->fields_arg
	};
	size_t i;

	memset(fn, 0, sizeof(*fn));
	fn->level_arg = fn->module_arg = fn->action_arg = -1;
	fn->msg_arg = fn->fields_arg = fn->fixed_level = -1;
	fn->pos = node->pos;
	if (expect_kind(ld, node, YNODE_MAPPING, "a function"))
		return;
	for (i = 0; i + 1 < node->nr; i += 2) {
		const struct ynode *k = node->items[i], *v = node->items[i + 1];
		size_t slot;
		enum level lv;

		if (check_key(ld, k, function_keys, "a function"))
			continue;
		if (!strcmp(k->value, "name")) {
			fn->name = get_string(ld, v, "'name'");
			continue;
		}
		if (!strcmp(k->value, "level")) {
			if (!parse_level(ld, v, &lv))
				fn->fixed_level = (int)lv;
			continue;
		}
		for (slot = 1; strcmp(function_keys[slot + 1], k->value); slot++)
			;
		get_int(ld, v, k->value, 0, 63, slots[slot - 1]);
	}
	if (!fn->name)
		fail(ld, node, CHECK_VALUE, "a function needs a 'name'");
	if (fn->module_arg < 0 || fn->action_arg < 0)
		fail(ld, node, CHECK_VALUE,
		     "function '%s' needs 'module_arg' and 'action_arg'",
		     fn->name ? fn->name : "?");
	if ((fn->level_arg < 0) == (fn->fixed_level < 0))
		fail(ld, node, CHECK_VALUE,
		     "function '%s' needs exactly one of 'level' and 'level_arg'",
		     fn->name ? fn->name : "?");
}

static void load_functions(struct loader *ld, const struct ynode *seq)
{
	struct catalogue *cat = ld->cat;
	size_t i, alloc = cat->nfunctions;

	if (expect_kind(ld, seq, YNODE_SEQUENCE, "'functions'"))
		return;
	for (i = 0; i < seq->nr; i++) {
		ALLOC_GROW(cat->functions, cat->nfunctions + 1, alloc);
		load_function(ld, &cat->functions[cat->nfunctions++],
			      seq->items[i]);
	}
}

static void load_funnel(struct loader *ld, struct funnel *f,
			const struct ynode *node)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->pos = node->pos;
	if (expect_kind(ld, node, YNODE_MAPPING, "a funnel"))
		return;
	for (i = 0; i + 1 < node->nr; i += 2) {
		const struct ynode *k = node->items[i], *v = node->items[i + 1];

		if (check_key(ld, k, funnel_keys, "a funnel"))
			continue;
		if (!strcmp(k->value, "title"))
			f->title = get_string(ld, v, "'title'");
		else if (!strcmp(k->value, "module"))
			f->module = get_string(ld, v, "'module'");
		else
			f->actions = get_string_list(ld, v, "'actions'",
						     &f->nactions);
	}
	if (!f->title || !f->module || !f->nactions)
		fail(ld, node, CHECK_VALUE,
		     "a funnel needs 'title', 'module' and 'actions'");
}

static void load_metric(struct loader *ld, struct metric *m,
			const struct ynode *node)
{
	char **slots[] = { &m->title, &m->module, &m->action, &m->field };
	size_t i, s;

	memset(m, 0, sizeof(*m));
	m->pos = node->pos;
	if (expect_kind(ld, node, YNODE_MAPPING, "a metric"))
		return;
	for (i = 0; i + 1 < node->nr; i += 2) {
		const struct ynode *k = node->items[i];

		if (check_key(ld, k, metric_keys, "a metric"))
			continue;
		for (s = 0; strcmp(metric_keys[s], k->value); s++)
			;
		*slots[s] = get_string(ld, node->items[i + 1], k->value);
	}
	if (!m->title || !m->module || !m->action || !m->field)
		fail(ld, node, CHECK_VALUE,
		     "a metric needs 'title', 'module', 'action' and 'field'");
}

static void load_dashboard(struct loader *ld, const struct ynode *map)
{
	struct catalogue *cat = ld->cat;
	size_t i, j, fa = cat->nfunnels, ma = cat->nmetrics;

	if (expect_kind(ld, map, YNODE_MAPPING, "'dashboard'"))
		return;
	for (i = 0; i + 1 < map->nr; i += 2) {
		const struct ynode *k = map->items[i], *v = map->items[i + 1];

		if (check_key(ld, k, dashboard_keys, "'dashboard'") ||
		    expect_kind(ld, v, YNODE_SEQUENCE, k->value))
			continue;
		for (j = 0; j < v->nr; j++) {
			if (!strcmp(k->value, "funnels")) {
				ALLOC_GROW(cat->funnels, cat->nfunnels + 1, fa);
				load_funnel(ld, &cat->funnels[cat->nfunnels++],
					    v->items[j]);
			} else {
				ALLOC_GROW(cat->metrics, cat->nmetrics + 1, ma);
				load_metric(ld, &cat->metrics[cat->nmetrics++],
					    v->items[j]);
			}
		}
	}
}

static void load_levels(struct loader *ld, const struct ynode *seq)
{
	size_t i;
	enum level lv;

	if (expect_kind(ld, seq, YNODE_SEQUENCE, "'levels'"))
		return;
	for (i = 0; i < seq->nr; i++)
		parse_level(ld, seq->items[i], &lv);
}

static void load_setting(struct loader *ld, const struct ynode *k,
			 const struct ynode *v)
{
	struct catalogue *cat = ld->cat;
	int version;

	if (!strcmp(k->value, "logschema")) {
		if (set_once(ld, 0, k) ||
		    get_int(ld, v, "'logschema'", 0, 1000, &version))
			return;
		ld->version_seen = 1;
		if (version != 1)
			fail(ld, v, CHECK_VALUE,
			     "unsupported catalogue format version %d; this logschema reads version 1",
			     version);
	} else if (!strcmp(k->value, "name")) {
		if (!set_once(ld, 1, k)) {
			cat->name = get_string(ld, v, "'name'");
			cat->name_pos = v->pos;
		}
	} else if (!strcmp(k->value, "prefix")) {
		if (!set_once(ld, 2, k)) {
			cat->prefix = get_string(ld, v, "'prefix'");
			cat->prefix_pos = v->pos;
		}
	} else if (!strcmp(k->value, "doc")) {
		if (!set_once(ld, 3, k))
			cat->doc = get_string(ld, v, "'doc'");
	} else if (!strcmp(k->value, "timestamp")) {
		if (set_once(ld, 4, k))
			return;
		if (v->kind == YNODE_SCALAR && !strcmp(v->value, "naive"))
			cat->timestamp = TIMESTAMP_NAIVE;
		else if (v->kind != YNODE_SCALAR || strcmp(v->value, "utc"))
			fail(ld, v, CHECK_VALUE,
			     "timestamp must be 'utc' or 'naive'");
	} else if (!strcmp(k->value, "timezone")) {
		if (!set_once(ld, 7, k))
			cat->timezone = get_string(ld, v, "'timezone'");
	} else if (!strcmp(k->value, "levels")) {
		if (!set_once(ld, 5, k))
			load_levels(ld, v);
	}
}

static void load_loki(struct loader *ld, const struct ynode *k,
		      const struct ynode *v)
{
	size_t i;

	if (set_once(ld, 6, k) ||
	    expect_kind(ld, v, YNODE_MAPPING, "'loki'"))
		return;
	for (i = 0; i + 1 < v->nr; i += 2) {
		const struct ynode *key = v->items[i], *val = v->items[i + 1];

		if (check_key(ld, key, loki_keys, "'loki'"))
			continue;
		if (val->kind == YNODE_SCALAR && !strcmp(val->value, "label"))
			ld->cat->action_label = true;
		else if (val->kind == YNODE_SCALAR &&
			 !strcmp(val->value, "metadata"))
			ld->cat->action_label = false;
		else
			fail(ld, val, CHECK_VALUE,
			     "loki 'action' must be 'label' or 'metadata'");
	}
}

static void load_tree(struct loader *ld, const struct ynode *root)
{
	size_t i;

	if (expect_kind(ld, root, YNODE_MAPPING, "a catalogue file"))
		return;
	for (i = 0; i + 1 < root->nr; i += 2) {
		const struct ynode *k = root->items[i], *v = root->items[i + 1];

		if (check_key(ld, k, top_keys, "the catalogue"))
			continue;
		if (!strcmp(k->value, "services"))
			load_services(ld, v);
		else if (!strcmp(k->value, "fields"))
			load_fields(ld, v, &ld->cat->fields, &ld->cat->nfields,
				    "'fields'");
		else if (!strcmp(k->value, "modules"))
			load_modules(ld, v);
		else if (!strcmp(k->value, "functions"))
			load_functions(ld, v);
		else if (!strcmp(k->value, "dashboard"))
			load_dashboard(ld, v);
		else if (!strcmp(k->value, "loki"))
			load_loki(ld, k, v);
		else
			load_setting(ld, k, v);
	}
}

static void load_text(struct loader *ld, const char *file, const char *buf,
		      size_t len)
{
	struct ynode *root;

	ld->cat->hash[0] = '\0';
	root = yamltree_parse(file, buf, len, ld->diags);
	if (!root) {
		ld->failed = 1;
		return;
	}
	load_tree(ld, root);
	yamltree_free(root);
}

/* Point references at their definitions, once every file is read. */
static void link_catalogue(struct catalogue *cat)
{
	size_t m, a, f;

	for (m = 0; m < cat->nmodules; m++) {
		struct module *mod = &cat->modules[m];

		mod->service = mod->service_name ?
			catalogue_find_service(cat, mod->service_name) : NULL;
		for (a = 0; a < mod->nactions; a++) {
			struct action *act = &mod->actions[a];

			act->module = mod;
			for (f = 0; f < act->nfields; f++) {
				struct field_ref *ref = &act->fields[f];

				ref->def = ref->name ?
					module_find_field(cat, mod, ref->name) :
					NULL;
				if (!ref->required_explicit)
					ref->required = ref->def && ref->def->id;
			}
		}
	}
}

static void hash_update(struct catalogue *cat, unsigned long long *h,
			const char *name, const char *buf, size_t len)
{
	*h = fnv1a64(*h, name, strlen(name) + 1);
	*h = fnv1a64(*h, buf, len);
	(void)cat;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_yaml_suffix(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
}

static void collect_files(struct catalogue *cat, const char *dir,
			  size_t *alloc, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d || depth > 8) {
		if (d)
			closedir(d);
		return;
	}
	while ((de = readdir(d))) {
		char *path;
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			collect_files(cat, path, alloc, depth + 1);
			free(path);
		} else if (has_yaml_suffix(de->d_name)) {
			ALLOC_GROW(cat->files, cat->nfiles + 1, *alloc);
			cat->files[cat->nfiles++] = path;
		} else {
			free(path);
		}
	}
	closedir(d);
}

static void finish(struct loader *ld, unsigned long long h)
{
	struct catalogue *cat = ld->cat;

	link_catalogue(cat);
	snprintf(cat->hash, sizeof(cat->hash), "%016llx", h);
	if (!ld->failed && !ld->version_seen &&
	    ld->diags->errors == ld->errors_before)
		diag_add(ld->diags, DIAG_ERROR, cat->nfiles ? cat->files[0] :
			 cat->source, 1, 1, "invalid-value",
			 "no file of the catalogue says 'logschema: 1'");
	if (ld->version_seen && (!cat->name || !cat->prefix))
		diag_add(ld->diags, DIAG_ERROR, cat->nfiles ? cat->files[0] :
			 cat->source, 1, 1, "invalid-value",
			 "the catalogue needs a 'name' and a 'prefix'");
}

int catalogue_load_buffer(struct catalogue *cat, const char *name,
			  const char *buf, size_t len,
			  struct diag_list *diags)
{
	struct loader ld;
	unsigned errors = diags->errors;

	memset(cat, 0, sizeof(*cat));
	memset(&ld, 0, sizeof(ld));
	ld.cat = cat;
	ld.diags = diags;
	ld.errors_before = diags->errors;
	cat->action_label = true;
	cat->source = xstrdup(name);
	cat->files = xmalloc(sizeof(*cat->files));
	cat->files[cat->nfiles++] = xstrdup(name);
	load_text(&ld, cat->files[0], buf, len);
	finish(&ld, fnv1a64(FNV1A64_INIT, buf, len));
	return diags->errors > errors && ld.failed ? -1 : 0;
}

int catalogue_load_embedded(struct catalogue *cat, const char *dir,
			    struct diag_list *diags)
{
	struct loader ld;
	unsigned long long h = FNV1A64_INIT;
	const struct embedded_file *ef;
	size_t i, n = strlen(dir), alloc = 0;

	memset(cat, 0, sizeof(*cat));
	memset(&ld, 0, sizeof(ld));
	ld.cat = cat;
	ld.diags = diags;
	ld.errors_before = diags->errors;
	cat->action_label = true;
	cat->embedded = true;
	cat->source = xstrdup(dir);
	for (ef = embedded_files; ef->path; ef++) {
		if (strncmp(ef->path, dir, n) || ef->path[n] != '/' ||
		    !has_yaml_suffix(ef->path))
			continue;
		ALLOC_GROW(cat->files, cat->nfiles + 1, alloc);
		cat->files[cat->nfiles++] = xstrdup(ef->path);
	}
	qsort(cat->files, cat->nfiles, sizeof(*cat->files), cmp_str);
	for (i = 0; i < cat->nfiles; i++) {
		ef = embedded_find(cat->files[i]);
		hash_update(cat, &h, cat->files[i] + n, ef->data, ef->len);
		load_text(&ld, cat->files[i], ef->data, ef->len);
	}
	if (!cat->nfiles) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, NULL,
			 "no embedded catalogue '%s'", dir);
		return -1;
	}
	finish(&ld, h);
	return ld.failed ? -1 : 0;
}

/* The same bound as one file's, for all the files together. */
static int too_large(const struct catalogue *cat, struct diag_list *diags)
{
	size_t i, total = 0;
	struct stat st;

	for (i = 0; i < cat->nfiles; i++)
		if (!stat(cat->files[i], &st) && S_ISREG(st.st_mode))
			total += (size_t)st.st_size;
	if (cat->nfiles < 2 || total <= YAMLTREE_MAX_BYTES)
		return 0;
	diag_add(diags, DIAG_ERROR, cat->source, 0, 0, "file-size",
		 "the catalogue's %zu files hold more than 64 MiB in all",
		 cat->nfiles);
	return 1;
}

int catalogue_load(struct catalogue *cat, const char *path,
		   struct diag_list *diags)
{
	struct loader ld;
	struct stat st;
	unsigned long long h = FNV1A64_INIT;
	size_t i, alloc = 0;

	memset(cat, 0, sizeof(*cat));
	memset(&ld, 0, sizeof(ld));
	ld.cat = cat;
	ld.diags = diags;
	ld.errors_before = diags->errors;
	cat->action_label = true;
	cat->source = xstrdup(path);
	if (stat(path, &st)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
			 "cannot read catalogue: %s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		collect_files(cat, path, &alloc, 0);
		qsort(cat->files, cat->nfiles, sizeof(*cat->files), cmp_str);
		if (!cat->nfiles) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, NULL,
				 "no *.yaml or *.yml files in the catalogue directory");
			return -1;
		}
	} else {
		cat->files = xmalloc(sizeof(*cat->files));
		cat->files[cat->nfiles++] = xstrdup(path);
	}
	if (too_large(cat, diags))
		return -1;
	for (i = 0; i < cat->nfiles; i++) {
		char *buf;
		size_t len;

		if (read_file(cat->files[i], &buf, &len, YAMLTREE_MAX_BYTES)) {
			if (errno == EFBIG)
				diag_add(diags, DIAG_ERROR, cat->files[i], 0, 0,
					 "file-size", "file is larger than 64 MiB");
			else
				diag_add(diags, DIAG_ERROR, cat->files[i], 0, 0,
					 NULL, "cannot read catalogue file: %s",
					 strerror(errno));
			ld.failed = 1;
			continue;
		}
		hash_update(cat, &h, cat->files[i] + strlen(path), buf, len);
		load_text(&ld, cat->files[i], buf, len);
		free(buf);
	}
	finish(&ld, h);
	return ld.failed ? -1 : 0;
}
