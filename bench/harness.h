/* harness.h: what the parts of logbench share. */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>

#include "bench.h"

#define HARNESS_NC 6		/* contenders; the generated one first */

extern const struct bench_contender *const harness_contenders[HARNESS_NC];

/* The events' values for `c`: a plain player_name where it cannot escape. */
const struct bench_input *harness_input(const struct bench_contender *c,
					int pretty);

/* Descriptor of /dev/null, open for writing. */
extern int harness_devnull;

/* The events' names as tables show them. */
extern const char *const harness_event_names[BENCH_NEVENTS];

/*
 * Check every contender's lines against the generated ones: JSON with the
 * clock and frozen, the write path, the pretty line, two threads at once.
 * Prints a table to `out`; `ok[i]` says whether contender i passed.
 * Returns -1 when the generated code itself fails.
 */
int checks_output(FILE *out, int *ok);

/* Heap calls, heap bytes, line bytes and write calls per event. */
void checks_costs(FILE *out, const int *ok, FILE *targets);

#endif
