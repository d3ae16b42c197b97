/* cardinality.h: how many Loki streams a catalogue's labels can create. */
#ifndef CARDINALITY_H
#define CARDINALITY_H

#include <stdbool.h>
#include <stddef.h>

struct catalogue;
struct diag_list;

/* Loki's default limits (limits_config). */
#define CARDINALITY_MAX_STREAMS 5000	/* max_global_streams_per_user */
#define CARDINALITY_MAX_LABELS 15	/* max_label_names_per_series */

/*
 * Containers assumed behind a container pattern that can match more than
 * one name (`worker-.*`): the catalogue does not say how far a service
 * scales, so the estimate takes this many.
 */
#define CARDINALITY_REPLICAS 10

/* Labels every stream carries: container, module and level. */
#define CARDINALITY_BASE_LABELS 3

struct cardinality_service {
	const char *name;		/* the catalogue's, not copied */
	unsigned long containers;	/* estimated containers */
	bool containers_estimated;	/* a pattern matches open-ended names */
	unsigned long label_sets;	/* distinct label sets per container */
	unsigned long streams;		/* containers x label_sets */
};

struct cardinality {
	bool action_label;		/* `action` is a stream label */
	unsigned labels;		/* label names per stream */
	unsigned long streams;		/* estimated streams, all services */
	unsigned long streams_as_label;	/* the same with `action` a label */
	unsigned long streams_as_metadata; /* ... and as structured metadata */
	struct cardinality_service *services;
	size_t nservices;
};

/*
 * Estimate the streams the catalogue's labels can create: for each
 * service, the containers its patterns can match times the distinct
 * label sets of its modules. With `action` as a label a module brings one
 * set per (level, action) pair it logs, that is one per action; with
 * `action` as structured metadata one per level it uses. Modules without
 * a known service are left out. Release `out` with cardinality_release.
 */
void cardinality_estimate(const struct catalogue *cat,
			  struct cardinality *out);

void cardinality_release(struct cardinality *card);

/*
 * Add a `stream-cardinality` warning to `diags` when the estimate can
 * exceed CARDINALITY_MAX_STREAMS or the labels CARDINALITY_MAX_LABELS.
 */
void cardinality_report(const struct catalogue *cat, struct diag_list *diags);

/* Containers a pattern can match: 1 for a plain name, the alternatives of
 * a top-level `a|b`, CARDINALITY_REPLICAS for an open-ended pattern. */
unsigned long cardinality_pattern_containers(const char *pattern,
					     bool *estimated);

#endif
