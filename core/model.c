/* model.c: lookups, names and release of the catalogue model. */
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"

static const char *const level_names[LEVEL_COUNT] = {
	"DEBUG", "INFO", "WARNING", "ERROR"
};

static const char *const type_names[FIELD_TYPE_COUNT] = {
	"string", "int", "float", "bool", "list<string>", "list<int>"
};

const char *level_name(enum level level)
{
	return (unsigned)level < LEVEL_COUNT ? level_names[level] : "?";
}

int level_parse(const char *name)
{
	int i;

	for (i = 0; i < LEVEL_COUNT; i++)
		if (!strcmp(level_names[i], name))
			return i;
	return -1;
}

const char *field_type_name(enum field_type type)
{
	return (unsigned)type < FIELD_TYPE_COUNT ? type_names[type] : "?";
}

int field_type_parse(const char *name)
{
	int i;

	for (i = 0; i < FIELD_TYPE_COUNT; i++)
		if (!strcmp(type_names[i], name))
			return i;
	return -1;
}

const char *severity_name(enum severity severity)
{
	switch (severity) {
	case SEVERITY_CRITICAL:
		return "critical";
	case SEVERITY_NOISE:
		return "noise";
	default:
		return "normal";
	}
}

struct module *catalogue_find_module(const struct catalogue *cat,
				     const char *name)
{
	size_t i;

	for (i = 0; i < cat->nmodules; i++)
		if (!strcmp(cat->modules[i].name, name))
			return &cat->modules[i];
	return NULL;
}

struct service *catalogue_find_service(const struct catalogue *cat,
				       const char *name)
{
	size_t i;

	for (i = 0; i < cat->nservices; i++)
		if (!strcmp(cat->services[i].name, name))
			return &cat->services[i];
	return NULL;
}

struct action *module_find_action(const struct module *mod,
				  const char *name)
{
	size_t i;

	for (i = 0; i < mod->nactions; i++)
		if (!strcmp(mod->actions[i].name, name))
			return &mod->actions[i];
	return NULL;
}

struct field_def *catalogue_find_field(const struct catalogue *cat,
				       const char *name)
{
	size_t i;

	for (i = 0; i < cat->nfields; i++)
		if (!strcmp(cat->fields[i].name, name))
			return &cat->fields[i];
	return NULL;
}

struct field_def *module_find_field(const struct catalogue *cat,
				    const struct module *mod,
				    const char *name)
{
	size_t i;

	for (i = 0; mod && i < mod->nfields; i++)
		if (!strcmp(mod->fields[i].name, name))
			return &mod->fields[i];
	return catalogue_find_field(cat, name);
}

const struct field_ref *action_find_field(const struct action *act,
					  const char *name)
{
	size_t i;

	for (i = 0; i < act->nfields; i++)
		if (act->fields[i].name && !strcmp(act->fields[i].name, name))
			return &act->fields[i];
	return NULL;
}

enum severity action_severity(const struct action *act)
{
	if (act->severity != SEVERITY_NONE)
		return act->severity;
	return act->module ? act->module->severity : SEVERITY_NONE;
}

size_t catalogue_count_actions(const struct catalogue *cat)
{
	size_t i, n = 0;

	for (i = 0; i < cat->nmodules; i++)
		n += cat->modules[i].nactions;
	return n;
}

static void free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void fields_release(struct field_def *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(fields[i].name);
		free(fields[i].doc);
	}
	free(fields);
}

static void module_release(struct module *mod)
{
	size_t a, f;

	for (a = 0; a < mod->nactions; a++) {
		struct action *act = &mod->actions[a];

		free(act->name);
		free(act->group);
		free(act->msg);
		free(act->doc);
		free_strings(act->allow, act->nallow);
		for (f = 0; f < act->nfields; f++)
			free(act->fields[f].name);
		free(act->fields);
	}
	free(mod->actions);
	fields_release(mod->fields, mod->nfields);
	free(mod->name);
	free(mod->service_name);
	free(mod->doc);
}

void catalogue_release(struct catalogue *cat)
{
	size_t i;

	for (i = 0; i < cat->nmodules; i++)
		module_release(&cat->modules[i]);
	free(cat->modules);
	fields_release(cat->fields, cat->nfields);
	for (i = 0; i < cat->nservices; i++) {
		free(cat->services[i].name);
		free(cat->services[i].doc);
		free_strings(cat->services[i].containers,
			     cat->services[i].ncontainers);
	}
	free(cat->services);
	for (i = 0; i < cat->nfunctions; i++)
		free(cat->functions[i].name);
	free(cat->functions);
	for (i = 0; i < cat->nfunnels; i++) {
		free(cat->funnels[i].title);
		free(cat->funnels[i].module);
		free_strings(cat->funnels[i].actions, cat->funnels[i].nactions);
	}
	free(cat->funnels);
	for (i = 0; i < cat->nmetrics; i++) {
		free(cat->metrics[i].title);
		free(cat->metrics[i].module);
		free(cat->metrics[i].action);
		free(cat->metrics[i].field);
	}
	free(cat->metrics);
	free(cat->name);
	free(cat->prefix);
	free(cat->doc);
	free(cat->timezone);
	free(cat->source);
	free_strings(cat->files, cat->nfiles);
	memset(cat, 0, sizeof(*cat));
}
