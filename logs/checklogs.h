/* checklogs.h: check a stream of JSON log lines against a catalogue. */
#ifndef CHECKLOGS_H
#define CHECKLOGS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "diag.h"

struct catalogue;

/* The checks, in report order. Names are stable: see checklogs_check_name. */
enum checklogs_check {
	CHECKLOGS_INVALID_JSON,
	CHECKLOGS_MISSING_STANDARD_FIELD,
	CHECKLOGS_UNKNOWN_MODULE,
	CHECKLOGS_UNDOCUMENTED_ACTION,
	CHECKLOGS_LEVEL_MISMATCH,
	CHECKLOGS_MISSING_ID,
	CHECKLOGS_UNKNOWN_FIELD,
	CHECKLOGS_FIELD_TYPE,
	CHECKLOGS_CHECK_COUNT
};

/* One finding on one line. Pointers are valid during the callback only. */
struct checklogs_finding {
	const char *file;
	uint64_t line;		/* 1-based, in `file` */
	unsigned column;	/* 1-based byte column of the culprit, or 1 */
	enum checklogs_check check;
	enum diag_severity severity;
	const char *container;	/* docker compose container, or NULL */
	const char *message;	/* lowercase, no final period */
};

typedef void checklogs_finding_fn(const struct checklogs_finding *finding,
				  void *data);

struct checklogs_options {
	size_t max_line;	/* longer lines are skipped; 0: 16 MiB */
	size_t block_size;	/* bytes handed to a thread; 0: 1 MiB */
	unsigned threads;	/* 0: one per online CPU, at most 8 */
	unsigned disabled;	/* 1 << check for each check switched off */
	checklogs_finding_fn *on_finding;	/* in input order; may be NULL */
	void *data;
};

#define CHECKLOGS_DEFAULT_MAX_LINE (16u << 20)

/* Events seen for a module/action pair the catalogue does not know. */
struct checklogs_unknown {
	char *module;
	char *action;		/* NULL when the module itself is unknown */
	uint64_t events;
};

struct checklogs_stats {
	uint64_t lines;		/* every line read, empty ones included */
	uint64_t events;	/* lines that are JSON objects */
	uint64_t checks[CHECKLOGS_CHECK_COUNT];
	uint64_t errors;
	uint64_t warnings;
	/* Events per catalogued action, indexed as checklogs_action_at. */
	uint64_t *action_events;
	size_t nactions;
	/* Distinct unknown pairs, sorted; past a limit they go to `other`. */
	struct checklogs_unknown *unknown;
	size_t nunknown;
	uint64_t unknown_other;
};

struct checklogs;

/*
 * Prepare to check logs against `cat`, which must outlive the checker.
 * Lookup tables are built once here.
 */
struct checklogs *checklogs_new(const struct catalogue *cat,
				const struct checklogs_options *opt);

/*
 * Check every line readable from `fd`, reporting findings through the
 * callback in input order, with `name` as their file. Returns 0, or -1 on
 * a read error (errno set; the lines read so far are counted).
 */
int checklogs_read_fd(struct checklogs *cl, const char *name, int fd);

/* The same over a buffer in memory. */
int checklogs_read_buffer(struct checklogs *cl, const char *name,
			  const char *buf, size_t len);

/* Totals over every stream read so far. */
const struct checklogs_stats *checklogs_stats(struct checklogs *cl);

void checklogs_free(struct checklogs *cl);

/* The catalogued action with index `i` of checklogs_stats.action_events. */
const struct action *checklogs_action_at(const struct checklogs *cl,
					 size_t i);

const char *checklogs_check_name(enum checklogs_check check);
/* The check of that name, or -1. */
int checklogs_check_parse(const char *name);
enum diag_severity checklogs_check_severity(enum checklogs_check check);

/*
 * Reports. A finding as text is `file:line:col: severity: message [check]`.
 * The text summary gives counts per check, events per module and action,
 * and the coverage. The JSON report is one object, {"lines","events",
 * "findings":[...],"findings_shown","findings_total","counts":{...},
 * "coverage":{...}}; its findings are copied from `findings`, a stream
 * holding the objects checklogs_json_finding wrote, comma-separated, so
 * that they need not stay in memory (NULL for none).
 */
void checklogs_print_finding(FILE *out, const struct checklogs_finding *f);
void checklogs_json_finding(FILE *out, const struct checklogs_finding *f);
void checklogs_print_summary(FILE *out, struct checklogs *cl);
void checklogs_print_json(FILE *out, struct checklogs *cl, FILE *findings,
			  uint64_t shown);

#endif
