/* diff.h: what changed between two versions of a catalogue, and what breaks. */
#ifndef DIFF_H
#define DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct catalogue;

/*
 * One change. A change is breaking when a consumer of the logs can stop
 * working: a dashboard, an alert, a parser or code calling the generated
 * API. Breaking: a module or action removed or renamed, a field's type
 * changed, a field removed from an action, a field newly required, a
 * level moved to or from ERROR (the error panels and alerts select on
 * it), a severity changed (critical and noise modules sit on different
 * dashboard rows and alerts), the C prefix, the timestamp format, or how
 * `action` reaches Loki. Everything else is compatible.
 */
struct diff_change {
	const char *kind;	/* stable, e.g. "action-removed" */
	char *subject;		/* "module", "module.action", "module.action.field" */
	char *detail;		/* what happened to the subject */
	char *message;		/* the whole sentence, for text output */
	bool breaking;
};

struct diff_list {
	struct diff_change *items;
	size_t nr;
	size_t alloc;
	unsigned breaking;
	unsigned compatible;
};

#define DIFF_LIST_INIT { NULL, 0, 0, 0, 0 }

/* Append the changes from `old` to `new` to `out`, in catalogue order. */
void diff_catalogues(const struct catalogue *old, const struct catalogue *new,
		     struct diff_list *out);

void diff_list_release(struct diff_list *list);

/* One change a line: `breaking: action 'download.cdn_error' removed`. */
void diff_print_text(FILE *out, const struct diff_list *list);

/* {"changes":[{"kind","subject","detail","breaking"}],"breaking":N,
 * "compatible":N} and a newline. */
void diff_print_json(FILE *out, const struct diff_list *list);

#endif
