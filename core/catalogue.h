/* catalogue.h: the in-memory catalogue every logschema verb reads. */
#ifndef CATALOGUE_H
#define CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct diag_list;

/* Where a node came from: file path (owned by the catalogue), 1-based. */
struct srcpos {
	const char *file;
	unsigned line;
	unsigned column;
};

enum field_type {
	FIELD_STRING,
	FIELD_INT,		/* signed 64-bit */
	FIELD_FLOAT,		/* double */
	FIELD_BOOL,
	FIELD_LIST_STRING,
	FIELD_LIST_INT,
	FIELD_TYPE_COUNT
};

enum level {
	LEVEL_DEBUG,
	LEVEL_INFO,
	LEVEL_WARNING,
	LEVEL_ERROR,
	LEVEL_COUNT
};

enum severity {
	SEVERITY_NONE,		/* inherit (actions) or unclassified (modules) */
	SEVERITY_NOISE,
	SEVERITY_CRITICAL
};

enum timestamp_style {
	TIMESTAMP_UTC,		/* 2025-01-15T14:30:22.123456Z */
	TIMESTAMP_NAIVE		/* 2025-01-15T14:30:22.123456 */
};

struct field_def {
	char *name;
	enum field_type type;
	bool id;
	char *doc;
	struct srcpos pos;
};

/* A field as an action lists it. */
struct field_ref {
	char *name;
	struct field_def *def;	/* NULL when the name is not defined */
	bool required;
	bool required_explicit;	/* set in the catalogue, not from `id` */
	struct srcpos pos;
};

struct module;

struct action {
	char *name;
	enum level level;
	char *group;		/* may be NULL */
	char *msg;		/* default message, never NULL */
	char *doc;		/* may be NULL */
	enum severity severity;	/* SEVERITY_NONE: the module's */
	bool recoverable;	/* a failure the service recovers from */
	char **allow;		/* convention warnings accepted for it */
	size_t nallow;
	struct field_ref *fields;
	size_t nfields;
	struct module *module;
	struct srcpos pos;
};

struct service {
	char *name;
	char *doc;
	char **containers;	/* Loki `container` regexes */
	size_t ncontainers;
	struct srcpos pos;
};

struct module {
	char *name;
	char *service_name;
	struct service *service;	/* resolved, NULL if unknown */
	char *doc;
	enum severity severity;
	struct field_def *fields;	/* module-specific definitions */
	size_t nfields;
	struct action *actions;		/* in file order */
	size_t nactions;
	struct srcpos pos;
};

/*
 * A logging function of existing code the linter should check, e.g.
 * log_event(level, "module", "action", "msg", "key", value, ..., NULL).
 * Argument indexes are 0-based; -1 means "not passed".
 */
struct log_function {
	char *name;
	int level_arg;
	int fixed_level;	/* enum level, or -1 if level_arg is used */
	int module_arg;
	int action_arg;
	int msg_arg;
	int fields_arg;		/* first key of the key/value pairs */
	struct srcpos pos;
};

/* Dashboard hints: a funnel of actions and numeric metrics to chart. */
struct funnel {
	char *title;
	char *module;
	char **actions;
	size_t nactions;
	struct srcpos pos;
};

struct metric {
	char *title;
	char *module;
	char *action;
	char *field;
	struct srcpos pos;
};

struct catalogue {
	char *name;
	char *prefix;
	struct srcpos name_pos;	/* of their values */
	struct srcpos prefix_pos;
	char *doc;
	enum timestamp_style timestamp;
	char *timezone;		/* zone of naive timestamps, NULL: Etc/UTC */
	bool action_label;	/* `action` as a Loki label (else metadata) */

	struct field_def *fields;
	size_t nfields;
	struct service *services;
	size_t nservices;
	struct module *modules;
	size_t nmodules;
	struct log_function *functions;
	size_t nfunctions;
	struct funnel *funnels;
	size_t nfunnels;
	struct metric *metrics;
	size_t nmetrics;

	char *source;		/* the path given to catalogue_load */
	bool embedded;		/* read from the copy built into the binary */
	char **files;		/* every file read, sorted */
	size_t nfiles;
	char hash[17];		/* FNV-1a 64 of the files' bytes, hex */
};

/*
 * Load a catalogue from a YAML file or a directory of them (every *.yaml
 * and *.yml below it, in path order). Problems are appended to `diags`.
 * Returns -1 when a file could not be read or parsed as YAML, else 0; any
 * other problem is only a diagnostic (check `diags->errors`). Either way
 * `cat` must be released with catalogue_release.
 */
int catalogue_load(struct catalogue *cat, const char *path,
		   struct diag_list *diags);

/* Load the copy of a catalogue directory compiled into the binary. */
int catalogue_load_embedded(struct catalogue *cat, const char *dir,
			    struct diag_list *diags);

/* Load from an in-memory buffer, `name` used for diagnostics. */
int catalogue_load_buffer(struct catalogue *cat, const char *name,
			  const char *buf, size_t len,
			  struct diag_list *diags);

/*
 * Check names, references, collisions and conventions. Appends to `diags`;
 * returns the number of errors found.
 */
int catalogue_check(const struct catalogue *cat, struct diag_list *diags);

void catalogue_release(struct catalogue *cat);

struct module *catalogue_find_module(const struct catalogue *cat,
				     const char *name);
struct service *catalogue_find_service(const struct catalogue *cat,
				       const char *name);
struct action *module_find_action(const struct module *mod,
				  const char *name);
/* A field visible in `mod`: its own definitions first, then the registry. */
struct field_def *module_find_field(const struct catalogue *cat,
				    const struct module *mod,
				    const char *name);
struct field_def *catalogue_find_field(const struct catalogue *cat,
				       const char *name);
/* Field as listed on `act`, or NULL. */
const struct field_ref *action_find_field(const struct action *act,
					  const char *name);
/* The action's effective severity (its own, else its module's). */
enum severity action_severity(const struct action *act);

size_t catalogue_count_actions(const struct catalogue *cat);

const char *level_name(enum level level);
/* Returns the level for an upper-case name, or -1. */
int level_parse(const char *name);
const char *field_type_name(enum field_type type);
/* Returns the type for its catalogue spelling, or -1. */
int field_type_parse(const char *name);
const char *severity_name(enum severity severity);

#endif
