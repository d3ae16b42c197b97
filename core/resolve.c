/* resolve.c: build the JSON data model of a loaded catalogue. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cardinality.h"
#include "catalogue.h"
#include "resolve.h"
#include "util.h"

static const char *const type_flags[FIELD_TYPE_COUNT] = {
	"is_string", "is_int", "is_float", "is_bool", "is_list_string",
	"is_list_int"
};

static void set_str(json_t *obj, const char *key, const char *value)
{
	json_object_set_new(obj, key, value ? json_string(value) : json_null());
}

static char *upper(const char *s)
{
	char *u = xstrdup(s), *p;

	for (p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

static char *lower(const char *s)
{
	char *u = xstrdup(s), *p;

	for (p = u; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return u;
}

/* Add first/last/index to every object element of `arr`. */
static json_t *mark_positions(json_t *arr)
{
	size_t i, n = json_array_size(arr);

	for (i = 0; i < n; i++) {
		json_t *el = json_array_get(arr, i);

		if (!json_is_object(el))
			continue;
		json_object_set_new(el, "first", json_boolean(i == 0));
		json_object_set_new(el, "last", json_boolean(i + 1 == n));
		json_object_set_new(el, "index", json_integer((json_int_t)i));
	}
	return arr;
}

static json_t *name_object(const char *name)
{
	json_t *o = json_object();

	set_str(o, "name", name);
	return o;
}

static void add_type(json_t *o, enum field_type type)
{
	int t;

	set_str(o, "type", field_type_name(type));
	for (t = 0; t < FIELD_TYPE_COUNT; t++)
		json_object_set_new(o, type_flags[t], json_boolean(t == (int)type));
	json_object_set_new(o, "is_list", json_boolean(type == FIELD_LIST_STRING ||
						       type == FIELD_LIST_INT));
	json_object_set_new(o, "is_number", json_boolean(type == FIELD_INT ||
							 type == FIELD_FLOAT));
}

static json_t *field_def_json(const struct field_def *f)
{
	json_t *o = json_object();

	set_str(o, "name", f->name);
	add_type(o, f->type);
	json_object_set_new(o, "id", json_boolean(f->id));
	set_str(o, "doc", f->doc ? f->doc : "");
	return o;
}

static json_t *field_ref_json(const struct field_ref *ref)
{
	json_t *o = ref->def ? field_def_json(ref->def) : json_object();

	set_str(o, "name", ref->name);
	json_object_set_new(o, "required", json_boolean(ref->required));
	return o;
}

static json_t *action_json(const struct catalogue *cat,
			   const struct module *mod, const struct action *act)
{
	json_t *o = json_object(), *fields = json_array();
	enum severity sev = action_severity(act);
	char *cname = xasprintf("%s_%s_%s", cat->prefix, mod->name, act->name);
	char *uname = upper(cname);
	char *lv = lower(level_name(act->level));
	size_t i;

	set_str(o, "name", act->name);
	set_str(o, "module", mod->name);
	set_str(o, "c_name", cname);
	set_str(o, "C_NAME", uname);
	set_str(o, "level", level_name(act->level));
	set_str(o, "level_lower", lv);
	json_object_set_new(o, "level_value", json_integer(act->level));
	json_object_set_new(o, "is_error", json_boolean(act->level == LEVEL_ERROR));
	set_str(o, "group", act->group ? act->group : "");
	set_str(o, "msg", act->msg);
	set_str(o, "doc", act->doc ? act->doc : act->msg);
	set_str(o, "severity", severity_name(sev));
	json_object_set_new(o, "critical", json_boolean(sev == SEVERITY_CRITICAL));
	json_object_set_new(o, "noise", json_boolean(sev == SEVERITY_NOISE));
	json_object_set_new(o, "recoverable", json_boolean(act->recoverable));
	for (i = 0; i < act->nfields; i++)
		json_array_append_new(fields, field_ref_json(&act->fields[i]));
	json_object_set_new(o, "has_fields", json_boolean(act->nfields > 0));
	json_object_set_new(o, "fields", mark_positions(fields));
	free(cname);
	free(uname);
	free(lv);
	return o;
}

/* Groups in order of first appearance; actions without one go to "". */
static json_t *groups_json(json_t *actions)
{
	json_t *groups = json_array();
	size_t i, j;

	for (i = 0; i < json_array_size(actions); i++) {
		json_t *act = json_array_get(actions, i);
		const char *g = json_string_value(json_object_get(act, "group"));
		json_t *grp = NULL;

		for (j = 0; j < json_array_size(groups); j++) {
			json_t *cand = json_array_get(groups, j);

			if (!strcmp(json_string_value(json_object_get(cand,
					"name")), g))
				grp = cand;
		}
		if (!grp) {
			grp = name_object(g);
			json_object_set_new(grp, "actions", json_array());
			json_array_append_new(groups, grp);
		}
		json_array_append(json_object_get(grp, "actions"), act);
	}
	for (j = 0; j < json_array_size(groups); j++)
		mark_positions(json_object_get(json_array_get(groups, j),
					       "actions"));
	return mark_positions(groups);
}

static int cmp_field_ptr(const void *a, const void *b)
{
	const struct field_def *x = *(const struct field_def *const *)a;
	const struct field_def *y = *(const struct field_def *const *)b;

	return strcmp(x->name, y->name);
}

/* Every field the module's actions use, once, sorted by name. */
static json_t *used_fields_json(const struct module *mod)
{
	const struct field_def **v = NULL;
	size_t nr = 0, alloc = 0, a, f, i;
	json_t *arr = json_array();

	for (a = 0; a < mod->nactions; a++)
		for (f = 0; f < mod->actions[a].nfields; f++) {
			const struct field_def *def =
				mod->actions[a].fields[f].def;

			for (i = 0; def && i < nr; i++)
				if (v[i] == def)
					break;
			if (!def || i < nr)
				continue;
			ALLOC_GROW(v, nr + 1, alloc);
			v[nr++] = def;
		}
	if (nr)
		qsort(v, nr, sizeof(*v), cmp_field_ptr);
	for (i = 0; i < nr; i++)
		json_array_append_new(arr, field_def_json(v[i]));
	free(v);
	return mark_positions(arr);
}

static char *join_action_names(const struct module *mod, int critical_only)
{
	char *s = xstrdup(""), *t;
	size_t a;

	for (a = 0; a < mod->nactions; a++) {
		const struct action *act = &mod->actions[a];

		if (critical_only && act->severity != SEVERITY_CRITICAL)
			continue;
		t = xasprintf("%s%s%s", s, *s ? "|" : "", act->name);
		free(s);
		s = t;
	}
	return s;
}

static json_t *module_json(const struct catalogue *cat,
			   const struct module *mod)
{
	json_t *o = json_object(), *actions = json_array();
	json_t *critical = json_array(), *fields = json_array();
	char *names, *crit;
	size_t i;

	set_str(o, "name", mod->name);
	set_str(o, "service", mod->service_name);
	set_str(o, "severity", severity_name(mod->severity));
	json_object_set_new(o, "critical",
			    json_boolean(mod->severity == SEVERITY_CRITICAL));
	json_object_set_new(o, "noise",
			    json_boolean(mod->severity == SEVERITY_NOISE));
	set_str(o, "doc", mod->doc ? mod->doc : "");
	for (i = 0; i < mod->nfields; i++)
		json_array_append_new(fields, field_def_json(&mod->fields[i]));
	json_object_set_new(o, "fields", mark_positions(fields));
	for (i = 0; i < mod->nactions; i++) {
		json_t *act = action_json(cat, mod, &mod->actions[i]);

		json_array_append_new(actions, act);
	}
	mark_positions(actions);
	for (i = 0; i < mod->nactions; i++)
		if (mod->actions[i].severity == SEVERITY_CRITICAL)
			json_array_append_new(critical, json_deep_copy(
				json_array_get(actions, i)));
	mark_positions(critical);
	json_object_set_new(o, "groups", groups_json(actions));
	json_object_set_new(o, "actions", actions);
	json_object_set_new(o, "action_count",
			    json_integer((json_int_t)mod->nactions));
	json_object_set_new(o, "critical_actions", critical);
	json_object_set_new(o, "has_critical_actions",
			    json_boolean(json_array_size(critical) > 0));
	json_object_set_new(o, "used_fields", used_fields_json(mod));
	names = join_action_names(mod, 0);
	crit = join_action_names(mod, 1);
	set_str(o, "action_regex", names);
	set_str(o, "critical_action_regex", crit);
	free(names);
	free(crit);
	return o;
}

static json_t *levels_json(void)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < LEVEL_COUNT; i++) {
		json_t *o = name_object(level_name(i));
		char *lv = lower(level_name(i));

		set_str(o, "lower", lv);
		json_object_set_new(o, "value", json_integer(i));
		json_array_append_new(arr, o);
		free(lv);
	}
	return mark_positions(arr);
}

static char *join(char *acc, const char *sep, const char *s)
{
	char *t = xasprintf("%s%s%s", acc, *acc ? sep : "", s);

	free(acc);
	return t;
}

static json_t *module_summary(const struct module *mod)
{
	json_t *o = name_object(mod->name);

	set_str(o, "doc", mod->doc ? mod->doc : "");
	set_str(o, "severity", severity_name(mod->severity));
	json_object_set_new(o, "critical",
			    json_boolean(mod->severity == SEVERITY_CRITICAL));
	json_object_set_new(o, "noise",
			    json_boolean(mod->severity == SEVERITY_NOISE));
	json_object_set_new(o, "action_count",
			    json_integer((json_int_t)mod->nactions));
	return o;
}

static json_t *services_json(const struct catalogue *cat, char **all)
{
	json_t *arr = json_array();
	size_t i, j;

	*all = xstrdup("");
	for (i = 0; i < cat->nservices; i++) {
		const struct service *svc = &cat->services[i];
		json_t *o = name_object(svc->name), *c = json_array();
		json_t *mods = json_array();
		char *re = xstrdup("");

		set_str(o, "doc", svc->doc ? svc->doc : "");
		for (j = 0; j < svc->ncontainers; j++) {
			json_array_append_new(c, json_string(svc->containers[j]));
			re = join(re, "|", svc->containers[j]);
			*all = join(*all, "|", svc->containers[j]);
		}
		for (j = 0; j < cat->nmodules; j++)
			if (cat->modules[j].service == svc)
				json_array_append_new(mods,
					module_summary(&cat->modules[j]));
		json_object_set_new(o, "containers", c);
		set_str(o, "container_regex", re);
		json_object_set_new(o, "modules", mark_positions(mods));
		json_array_append_new(arr, o);
		free(re);
	}
	return mark_positions(arr);
}

/* Registry fields, each with the modules whose actions use it. */
static json_t *fields_json(const struct catalogue *cat)
{
	json_t *arr = json_array();
	size_t i, m, a, f;

	for (i = 0; i < cat->nfields; i++) {
		const struct field_def *def = &cat->fields[i];
		json_t *o = field_def_json(def), *mods = json_array();

		for (m = 0; m < cat->nmodules; m++) {
			const struct module *mod = &cat->modules[m];
			int used = 0;

			for (a = 0; a < mod->nactions && !used; a++)
				for (f = 0; f < mod->actions[a].nfields; f++)
					used |= mod->actions[a].fields[f].def ==
						def;
			if (used)
				json_array_append_new(mods,
						      name_object(mod->name));
		}
		json_object_set_new(o, "modules", mark_positions(mods));
		json_array_append_new(arr, o);
	}
	return mark_positions(arr);
}

static json_t *dashboard_json(const struct catalogue *cat)
{
	json_t *o = json_object(), *funnels = json_array();
	json_t *metrics = json_array();
	size_t i, j;

	for (i = 0; i < cat->nfunnels; i++) {
		const struct funnel *fu = &cat->funnels[i];
		json_t *f = json_object(), *acts = json_array();
		char *re = xstrdup("");

		set_str(f, "title", fu->title);
		set_str(f, "module", fu->module);
		for (j = 0; j < fu->nactions; j++) {
			json_array_append_new(acts, name_object(fu->actions[j]));
			re = join(re, "|", fu->actions[j]);
		}
		json_object_set_new(f, "actions", mark_positions(acts));
		set_str(f, "regex", re);
		free(re);
		json_array_append_new(funnels, f);
	}
	for (i = 0; i < cat->nmetrics; i++) {
		const struct metric *me = &cat->metrics[i];

		json_array_append_new(metrics, json_pack("{s:s?,s:s?,s:s?,s:s?}",
			"title", me->title, "module", me->module,
			"action", me->action, "field", me->field));
	}
	json_object_set_new(o, "funnels", mark_positions(funnels));
	json_object_set_new(o, "metrics", mark_positions(metrics));
	json_object_set_new(o, "has_funnels", json_boolean(cat->nfunnels));
	json_object_set_new(o, "has_metrics", json_boolean(cat->nmetrics));
	return o;
}

static json_t *functions_json(const struct catalogue *cat)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < cat->nfunctions; i++) {
		const struct log_function *fn = &cat->functions[i];

		json_array_append_new(arr, json_pack(
			"{s:s?,s:i,s:s?,s:i,s:i,s:i,s:i}", "name", fn->name,
			"level_arg", fn->level_arg, "level",
			fn->fixed_level >= 0 ? level_name(fn->fixed_level) : NULL,
			"module_arg", fn->module_arg, "action_arg",
			fn->action_arg, "msg_arg", fn->msg_arg, "fields_arg",
			fn->fields_arg));
	}
	return mark_positions(arr);
}

/* Modules of one severity, as objects and as a `a|b|c` regex. */
static void severity_lists(json_t *root, const struct catalogue *cat,
			   enum severity sev, const char *key,
			   const char *regex_key)
{
	json_t *arr = json_array();
	char *re = xstrdup("");
	size_t i;

	for (i = 0; i < cat->nmodules; i++) {
		if (cat->modules[i].severity != sev)
			continue;
		json_array_append_new(arr, name_object(cat->modules[i].name));
		re = join(re, "|", cat->modules[i].name);
	}
	json_object_set_new(root, key, mark_positions(arr));
	set_str(root, regex_key, re);
	free(re);
}

static json_t *cardinality_json(const struct catalogue *cat)
{
	struct cardinality card;
	json_t *o;

	cardinality_estimate(cat, &card);
	o = json_pack("{s:i,s:i,s:i,s:i,s:i,s:i}",
		"streams", (json_int_t)card.streams,
		"streams_action_label", (json_int_t)card.streams_as_label,
		"streams_action_metadata", (json_int_t)card.streams_as_metadata,
		"labels", (json_int_t)card.labels,
		"max_streams", (json_int_t)CARDINALITY_MAX_STREAMS,
		"max_labels", (json_int_t)CARDINALITY_MAX_LABELS);
	cardinality_release(&card);
	return o;
}

json_t *catalogue_resolve(const struct catalogue *cat)
{
	json_t *root = json_object(), *modules = json_array();
	char *up = upper(cat->prefix ? cat->prefix : ""), *all;
	size_t i;

	json_object_set_new(root, "logschema", json_integer(1));
	set_str(root, "name", cat->name);
	set_str(root, "prefix", cat->prefix);
	set_str(root, "PREFIX", up);
	set_str(root, "doc", cat->doc ? cat->doc : "");
	set_str(root, "source", cat->source);
	set_str(root, "hash", cat->hash);
	set_str(root, "timestamp",
		cat->timestamp == TIMESTAMP_NAIVE ? "naive" : "utc");
	json_object_set_new(root, "timestamp_naive",
			    json_boolean(cat->timestamp == TIMESTAMP_NAIVE));
	set_str(root, "timezone", cat->timezone ? cat->timezone : "Etc/UTC");
	json_object_set_new(root, "action_label",
			    json_boolean(cat->action_label));
	json_object_set_new(root, "cardinality", cardinality_json(cat));
	json_object_set_new(root, "levels", levels_json());
	json_object_set_new(root, "services", services_json(cat, &all));
	set_str(root, "all_container_regex", all);
	json_object_set_new(root, "fields", fields_json(cat));
	for (i = 0; i < cat->nmodules; i++)
		json_array_append_new(modules,
				      module_json(cat, &cat->modules[i]));
	json_object_set_new(root, "modules", mark_positions(modules));
	json_object_set_new(root, "functions", functions_json(cat));
	json_object_set_new(root, "dashboard", dashboard_json(cat));
	severity_lists(root, cat, SEVERITY_CRITICAL, "critical_modules",
		       "critical_module_regex");
	severity_lists(root, cat, SEVERITY_NOISE, "noise_modules",
		       "noise_module_regex");
	json_object_set_new(root, "action_count",
		json_integer((json_int_t)catalogue_count_actions(cat)));
	json_object_set_new(root, "module_count",
			    json_integer((json_int_t)cat->nmodules));
	json_object_set_new(root, "field_count",
			    json_integer((json_int_t)cat->nfields));
	free(up);
	free(all);
	return root;
}
