/* cardinality.c: estimate Loki streams and compare them with the limits. */
#include <stdlib.h>
#include <string.h>

#include "cardinality.h"
#include "catalogue.h"
#include "diag.h"

/*
 * Whether a pattern can match an open-ended set of names: a repetition, a
 * class, an escape or a group. A lone `.` matches one character and is
 * taken as the name it most likely stands for.
 */
static bool open_ended(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] && strchr("*+?{[\\(", s[i]))
			return true;
	return false;
}

unsigned long cardinality_pattern_containers(const char *pattern,
					     bool *estimated)
{
	unsigned long total = 0;
	const char *p = pattern;

	*estimated = false;
	for (;;) {
		size_t len = strcspn(p, "|");

		if (open_ended(p, len)) {
			total += CARDINALITY_REPLICAS;
			*estimated = true;
		} else {
			total++;
		}
		if (!p[len])
			break;
		p += len + 1;
	}
	return total;
}

/* Label sets one module adds per container. */
static unsigned long module_label_sets(const struct module *mod,
				       bool action_label)
{
	bool used[LEVEL_COUNT] = { false };
	unsigned long n = 0;
	size_t i;

	if (action_label)
		return mod->nactions;
	for (i = 0; i < mod->nactions; i++)
		if (mod->actions[i].level < LEVEL_COUNT &&
		    !used[mod->actions[i].level]) {
			used[mod->actions[i].level] = true;
			n++;
		}
	return n;
}

static void service_estimate(const struct catalogue *cat,
			     const struct service *svc,
			     struct cardinality_service *out,
			     unsigned long *as_label,
			     unsigned long *as_metadata)
{
	unsigned long sets_label = 0, sets_metadata = 0;
	size_t i;

	out->name = svc->name;
	out->containers = 0;
	out->containers_estimated = false;
	for (i = 0; i < svc->ncontainers; i++) {
		bool estimated;

		out->containers += cardinality_pattern_containers(
			svc->containers[i], &estimated);
		out->containers_estimated |= estimated;
	}
	for (i = 0; i < cat->nmodules; i++) {
		if (cat->modules[i].service != svc)
			continue;
		sets_label += module_label_sets(&cat->modules[i], true);
		sets_metadata += module_label_sets(&cat->modules[i], false);
	}
	out->label_sets = cat->action_label ? sets_label : sets_metadata;
	out->streams = out->containers * out->label_sets;
	*as_label += out->containers * sets_label;
	*as_metadata += out->containers * sets_metadata;
}

void cardinality_estimate(const struct catalogue *cat,
			  struct cardinality *out)
{
	size_t i;

	memset(out, 0, sizeof(*out));
	out->action_label = cat->action_label;
	out->labels = CARDINALITY_BASE_LABELS + (cat->action_label ? 1 : 0);
	if (cat->nservices)
		out->services = calloc(cat->nservices, sizeof(*out->services));
	if (!out->services)
		return;
	out->nservices = cat->nservices;
	for (i = 0; i < cat->nservices; i++) {
		service_estimate(cat, &cat->services[i], &out->services[i],
				 &out->streams_as_label,
				 &out->streams_as_metadata);
		out->streams += out->services[i].streams;
	}
}

void cardinality_release(struct cardinality *card)
{
	free(card->services);
	card->services = NULL;
	card->nservices = 0;
}

/* The service contributing the most streams, where the warning points. */
static const struct service *largest_service(const struct catalogue *cat,
					     const struct cardinality *card)
{
	size_t i, best = 0;

	for (i = 1; i < card->nservices; i++)
		if (card->services[i].streams > card->services[best].streams)
			best = i;
	return card->nservices ? &cat->services[best] : NULL;
}

void cardinality_report(const struct catalogue *cat, struct diag_list *diags)
{
	struct cardinality card;
	const struct service *svc;
	struct srcpos none = { NULL, 0, 0 };
	const struct srcpos *pos;

	cardinality_estimate(cat, &card);
	svc = largest_service(cat, &card);
	pos = svc ? &svc->pos : &none;
	if (card.streams > CARDINALITY_MAX_STREAMS && card.action_label &&
	    card.streams_as_metadata <= CARDINALITY_MAX_STREAMS)
		diag_at(diags, DIAG_WARNING, pos, "stream-cardinality",
			"the labels of '%s' can create about %lu streams, above loki's default limit of %d (max_global_streams_per_user); with 'loki: {action: metadata}' about %lu",
			cat->name, card.streams, CARDINALITY_MAX_STREAMS,
			card.streams_as_metadata);
	else if (card.streams > CARDINALITY_MAX_STREAMS)
		diag_at(diags, DIAG_WARNING, pos, "stream-cardinality",
			"the labels of '%s' can create about %lu streams, above loki's default limit of %d (max_global_streams_per_user)",
			cat->name, card.streams, CARDINALITY_MAX_STREAMS);
	if (card.labels > CARDINALITY_MAX_LABELS)
		diag_at(diags, DIAG_WARNING, pos, "stream-cardinality",
			"streams of '%s' carry %u labels, above loki's default limit of %d (max_label_names_per_series)",
			cat->name, card.labels, CARDINALITY_MAX_LABELS);
	cardinality_release(&card);
}
