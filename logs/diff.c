/* diff.c: compare two catalogues and class each change as breaking or not. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "catalogue.h"
#include "diff.h"
#include "util.h"

static void change(struct diff_list *out, const char *kind, bool breaking,
		   char *subject, const char *prefix, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * Record a change of `subject` (taken over). The message is `prefix`, a
 * space and the detail.
 */
static void change(struct diff_list *out, const char *kind, bool breaking,
		   char *subject, const char *prefix, const char *fmt, ...)
{
	struct diff_change *c;
	va_list ap;

	ALLOC_GROW(out->items, out->nr + 1, out->alloc);
	c = &out->items[out->nr++];
	c->kind = kind;
	c->breaking = breaking;
	c->subject = subject;
	va_start(ap, fmt);
	c->detail = xvasprintf(fmt, ap);
	va_end(ap);
	c->message = xasprintf("%s %s", prefix, c->detail);
	if (breaking)
		out->breaking++;
	else
		out->compatible++;
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static const char *text(const char *s)
{
	return s ? s : "";
}

static void diff_settings(const struct catalogue *a,
			  const struct catalogue *b, struct diff_list *out)
{
	char *what = xasprintf("catalogue '%s'", text(b->name));

	if (!same(a->name, b->name))
		change(out, "name-changed", false, xstrdup(text(b->name)),
		       what, "renamed from '%s'", text(a->name));
	if (!same(a->prefix, b->prefix))
		change(out, "prefix-changed", true, xstrdup(text(b->name)),
		       what, "C prefix changed from '%s' to '%s'",
		       text(a->prefix), text(b->prefix));
	if (a->timestamp != b->timestamp)
		change(out, "timestamp-changed", true, xstrdup(text(b->name)),
		       what, "timestamp format changed from '%s' to '%s'",
		       a->timestamp == TIMESTAMP_UTC ? "utc" : "naive",
		       b->timestamp == TIMESTAMP_UTC ? "utc" : "naive");
	if (a->action_label != b->action_label)
		change(out, "action-label-changed", true,
		       xstrdup(text(b->name)), what,
		       "now sends 'action' to Loki as %s",
		       b->action_label ? "a stream label" :
		       "structured metadata");
	free(what);
}

static bool same_containers(const struct service *a, const struct service *b)
{
	size_t i;

	if (a->ncontainers != b->ncontainers)
		return false;
	for (i = 0; i < a->ncontainers; i++)
		if (!same(a->containers[i], b->containers[i]))
			return false;
	return true;
}

static void diff_services(const struct catalogue *a,
			  const struct catalogue *b, struct diff_list *out)
{
	size_t i;

	for (i = 0; i < a->nservices; i++) {
		const struct service *sa = &a->services[i];
		const struct service *sb = catalogue_find_service(b, sa->name);
		char *what = xasprintf("service '%s'", sa->name);

		if (!sb)
			change(out, "service-removed", false,
			       xstrdup(sa->name), what, "removed");
		else if (!same_containers(sa, sb))
			change(out, "service-containers-changed", false,
			       xstrdup(sa->name), what,
			       "container patterns changed");
		free(what);
	}
	for (i = 0; i < b->nservices; i++) {
		const struct service *sb = &b->services[i];
		char *what;

		if (catalogue_find_service(a, sb->name))
			continue;
		what = xasprintf("service '%s'", sb->name);
		change(out, "service-added", false, xstrdup(sb->name), what,
		       "added");
		free(what);
	}
}

static const struct field_def *find_def(const struct field_def *defs,
					size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(defs[i].name, name))
			return &defs[i];
	return NULL;
}

/* Subject and message prefix of a field defined in the registry or in a
 * module (`module` not NULL). */
static char *def_subject(const char *module, const char *name)
{
	return module ? xasprintf("%s.%s", module, name) : xstrdup(name);
}

static char *def_what(const char *module, const char *name)
{
	return module ? xasprintf("field '%s' of module '%s'", name, module) :
		xasprintf("field '%s'", name);
}

/*
 * Field definitions. Removing one breaks nothing by itself: the actions
 * that listed it report the removal. A new type breaks every action
 * listing the field, and is reported once, here.
 */
static void diff_defs(const struct field_def *a, size_t na,
		      const struct field_def *b, size_t nb,
		      const char *module, struct diff_list *out)
{
	size_t i;

	for (i = 0; i < na; i++) {
		const struct field_def *fb = find_def(b, nb, a[i].name);
		char *what = def_what(module, a[i].name);

		if (!fb) {
			change(out, "field-removed", false,
			       def_subject(module, a[i].name), what,
			       "removed");
		} else {
			if (a[i].type != fb->type)
				change(out, "field-type-changed", true,
				       def_subject(module, a[i].name), what,
				       "type changed from '%s' to '%s'",
				       field_type_name(a[i].type),
				       field_type_name(fb->type));
			if (a[i].id != fb->id)
				change(out, "field-id-changed", false,
				       def_subject(module, a[i].name), what,
				       fb->id ? "is now an id" :
				       "is no longer an id");
		}
		free(what);
	}
	for (i = 0; i < nb; i++) {
		char *what;

		if (find_def(a, na, b[i].name))
			continue;
		what = def_what(module, b[i].name);
		change(out, "field-added", false,
		       def_subject(module, b[i].name), what, "added");
		free(what);
	}
}

static const char *ref_name(const struct field_ref *ref)
{
	return ref->def ? ref->def->name : text(ref->name);
}

static const struct field_ref *find_ref(const struct action *act,
					const char *name)
{
	size_t i;

	for (i = 0; i < act->nfields; i++)
		if (!strcmp(ref_name(&act->fields[i]), name))
			return &act->fields[i];
	return NULL;
}

static bool is_local(const struct module *mod, const struct field_def *def)
{
	return def && mod->nfields && def >= mod->fields &&
	       def < mod->fields + mod->nfields;
}

/* What an action's field changed, the definition's own changes aside. */
static void diff_ref(const struct action *a, const struct action *b,
		     const struct field_ref *ra, const struct field_ref *rb,
		     const char *subject, struct diff_list *out)
{
	const char *name = ref_name(ra);
	char *what = xasprintf("field '%s' of action '%s'", name, subject);

	if (!ra->required && rb->required)
		change(out, "field-now-required", true,
		       xasprintf("%s.%s", subject, name), what,
		       "is now required");
	else if (ra->required && !rb->required)
		change(out, "field-no-longer-required", false,
		       xasprintf("%s.%s", subject, name), what,
		       "is no longer required");
	/* a definition that moved in or out of the module is not in
	 * diff_defs's view: its new type is reported here */
	if (ra->def && rb->def && ra->def->type != rb->def->type &&
	    is_local(a->module, ra->def) != is_local(b->module, rb->def))
		change(out, "field-type-changed", true,
		       xasprintf("%s.%s", subject, name), what,
		       "type changed from '%s' to '%s'",
		       field_type_name(ra->def->type),
		       field_type_name(rb->def->type));
	free(what);
}

static void diff_refs(const struct action *a, const struct action *b,
		      const char *subject, struct diff_list *out)
{
	size_t i;

	for (i = 0; i < a->nfields; i++) {
		const struct field_ref *ra = &a->fields[i];
		const struct field_ref *rb = find_ref(b, ref_name(ra));
		char *what;

		if (rb) {
			diff_ref(a, b, ra, rb, subject, out);
			continue;
		}
		what = xasprintf("field '%s' of action '%s'", ref_name(ra),
				 subject);
		change(out, "action-field-removed", true,
		       xasprintf("%s.%s", subject, ref_name(ra)), what,
		       "removed");
		free(what);
	}
	for (i = 0; i < b->nfields; i++) {
		const struct field_ref *rb = &b->fields[i];
		char *what;

		if (find_ref(a, ref_name(rb)))
			continue;
		what = xasprintf("field '%s' of action '%s'", ref_name(rb),
				 subject);
		change(out, "action-field-added", rb->required,
		       xasprintf("%s.%s", subject, ref_name(rb)), what,
		       rb->required ? "added, required" : "added");
		free(what);
	}
}

static void diff_action(const struct action *a, const struct action *b,
			struct diff_list *out)
{
	char *subject = xasprintf("%s.%s", b->module->name, b->name);
	char *what = xasprintf("action '%s'", subject);
	enum severity sa = action_severity(a), sb = action_severity(b);

	if (a->level != b->level)
		change(out, "level-changed",
		       a->level == LEVEL_ERROR || b->level == LEVEL_ERROR,
		       xstrdup(subject), what,
		       "level changed from '%s' to '%s'",
		       level_name(a->level), level_name(b->level));
	/* a change inherited from the module is reported on the module */
	if (sa != sb && (a->severity != b->severity ||
			 a->module->severity == b->module->severity))
		change(out, "severity-changed", true, xstrdup(subject), what,
		       "severity changed from '%s' to '%s'",
		       severity_name(sa), severity_name(sb));
	if (!same(a->msg, b->msg))
		change(out, "msg-changed", false, xstrdup(subject), what,
		       "message changed from '%s' to '%s'", text(a->msg),
		       text(b->msg));
	if (!same(a->group, b->group))
		change(out, "group-changed", false, xstrdup(subject), what,
		       "group changed from '%s' to '%s'", text(a->group),
		       text(b->group));
	diff_refs(a, b, subject, out);
	free(what);
	free(subject);
}

/* The action of `mod` named `name`, or NULL. */
static const struct action *find_action(const struct module *mod,
					const char *name)
{
	size_t i;

	for (i = 0; i < mod->nactions; i++)
		if (!strcmp(mod->actions[i].name, name))
			return &mod->actions[i];
	return NULL;
}

/*
 * A removed action whose message and level reappear on an added action
 * of the same module was renamed. Returns that added action or NULL.
 */
static const struct action *renamed_to(const struct module *ma,
				       const struct module *mb,
				       const struct action *gone,
				       unsigned char *taken)
{
	size_t i;

	for (i = 0; i < mb->nactions; i++) {
		const struct action *cand = &mb->actions[i];

		if (taken[i] || find_action(ma, cand->name))
			continue;
		if (cand->level == gone->level && same(cand->msg, gone->msg)) {
			taken[i] = 1;
			return cand;
		}
	}
	return NULL;
}

static void diff_actions(const struct module *ma, const struct module *mb,
			 struct diff_list *out)
{
	unsigned char *taken = xcalloc(mb->nactions + 1, 1);
	size_t i;

	for (i = 0; i < ma->nactions; i++) {
		const struct action *a = &ma->actions[i];
		const struct action *b = find_action(mb, a->name);
		char *subject, *what;

		if (b) {
			diff_action(a, b, out);
			continue;
		}
		subject = xasprintf("%s.%s", ma->name, a->name);
		what = xasprintf("action '%s'", subject);
		b = renamed_to(ma, mb, a, taken);
		if (b)
			change(out, "action-renamed", true, subject, what,
			       "renamed to '%s.%s'", mb->name, b->name);
		else
			change(out, "action-removed", true, subject, what,
			       "removed");
		free(what);
		if (b)
			diff_action(a, b, out);
	}
	for (i = 0; i < mb->nactions; i++) {
		const struct action *b = &mb->actions[i];
		char *subject, *what;

		if (taken[i] || find_action(ma, b->name))
			continue;
		subject = xasprintf("%s.%s", mb->name, b->name);
		what = xasprintf("action '%s'", subject);
		change(out, "action-added", false, subject, what, "added");
		free(what);
	}
	free(taken);
}

static void diff_module(const struct module *a, const struct module *b,
			struct diff_list *out)
{
	char *what = xasprintf("module '%s'", b->name);

	if (!same(a->service_name, b->service_name))
		change(out, "service-changed", false, xstrdup(b->name), what,
		       "moved from service '%s' to '%s'",
		       text(a->service_name), text(b->service_name));
	if (a->severity != b->severity)
		change(out, "severity-changed", true, xstrdup(b->name), what,
		       "severity changed from '%s' to '%s'",
		       severity_name(a->severity), severity_name(b->severity));
	diff_defs(a->fields, a->nfields, b->fields, b->nfields, b->name, out);
	diff_actions(a, b, out);
	free(what);
}

static bool same_action_names(const struct module *a, const struct module *b)
{
	size_t i;

	if (a->nactions != b->nactions || !a->nactions)
		return false;
	for (i = 0; i < a->nactions; i++)
		if (!find_action(b, a->actions[i].name))
			return false;
	return true;
}

/* A removed module whose actions all reappear in an added one. */
static const struct module *module_renamed_to(const struct catalogue *a,
					      const struct catalogue *b,
					      const struct module *gone,
					      unsigned char *taken)
{
	size_t i;

	for (i = 0; i < b->nmodules; i++) {
		const struct module *cand = &b->modules[i];

		if (taken[i] || catalogue_find_module(a, cand->name))
			continue;
		if (same_action_names(gone, cand)) {
			taken[i] = 1;
			return cand;
		}
	}
	return NULL;
}

static void diff_modules(const struct catalogue *a,
			 const struct catalogue *b, struct diff_list *out)
{
	unsigned char *taken = xcalloc(b->nmodules + 1, 1);
	size_t i;

	for (i = 0; i < a->nmodules; i++) {
		const struct module *ma = &a->modules[i];
		const struct module *mb = catalogue_find_module(b, ma->name);
		char *what;

		if (mb) {
			diff_module(ma, mb, out);
			continue;
		}
		what = xasprintf("module '%s'", ma->name);
		mb = module_renamed_to(a, b, ma, taken);
		if (mb)
			change(out, "module-renamed", true, xstrdup(ma->name),
			       what, "renamed to '%s'", mb->name);
		else
			change(out, "module-removed", true, xstrdup(ma->name),
			       what, "removed");
		free(what);
		if (mb)
			diff_module(ma, mb, out);
	}
	for (i = 0; i < b->nmodules; i++) {
		const struct module *mb = &b->modules[i];
		char *what;

		if (taken[i] || catalogue_find_module(a, mb->name))
			continue;
		what = xasprintf("module '%s'", mb->name);
		change(out, "module-added", false, xstrdup(mb->name), what,
		       "added");
		free(what);
	}
	free(taken);
}

void diff_catalogues(const struct catalogue *old, const struct catalogue *new,
		     struct diff_list *out)
{
	diff_settings(old, new, out);
	diff_services(old, new, out);
	diff_defs(old->fields, old->nfields, new->fields, new->nfields, NULL,
		  out);
	diff_modules(old, new, out);
}

void diff_list_release(struct diff_list *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++) {
		free(list->items[i].subject);
		free(list->items[i].detail);
		free(list->items[i].message);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

void diff_print_text(FILE *out, const struct diff_list *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++)
		fprintf(out, "%s: %s\n",
			list->items[i].breaking ? "breaking" : "compatible",
			list->items[i].message);
}

void diff_print_json(FILE *out, const struct diff_list *list)
{
	json_t *root = json_object(), *changes = json_array();
	size_t i;

	for (i = 0; i < list->nr; i++) {
		const struct diff_change *c = &list->items[i];

		json_array_append_new(changes, json_pack("{s:s,s:s,s:s,s:b}",
			"kind", c->kind, "subject", c->subject,
			"detail", c->detail, "breaking", c->breaking));
	}
	json_object_set_new(root, "changes", changes);
	json_object_set_new(root, "breaking", json_integer(list->breaking));
	json_object_set_new(root, "compatible",
			    json_integer(list->compatible));
	json_dumpf(root, out, JSON_PRESERVE_ORDER | JSON_COMPACT);
	fputc('\n', out);
	json_decref(root);
}
