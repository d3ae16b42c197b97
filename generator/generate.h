/* generate.h: render a template set against a catalogue into files. */
#ifndef GENERATE_H
#define GENERATE_H

#include <stddef.h>

struct catalogue;
struct diag_list;

struct generate_options {
	const char *target;	/* c, markdown, alloy, promtail, grafana... */
	const char *templates;	/* a template set directory, or NULL */
	const char *outdir;
	const char *depfile;	/* Make-style dependency file, or NULL */
	int dry_run;		/* render and compare, write nothing */
};

struct generate_result {
	size_t written;		/* files whose content changed */
	size_t unchanged;
	char **outputs;		/* every output path */
	size_t noutputs;
};

/*
 * Render every template of the set (the built-in `templates/<target>/`
 * unless `templates` is given) and replace each output whose content
 * changed. Every output is rendered and written to a temporary file
 * before any is renamed into place, so a failure leaves the previous files
 * as they were. Returns 0, or -1 with diagnostics added.
 */
int generate_run(const struct catalogue *cat,
		 const struct generate_options *opts,
		 struct generate_result *res, struct diag_list *diags);

void generate_result_release(struct generate_result *res);

/* The built-in targets, NULL-terminated. */
extern const char *const generate_targets[];

#endif
