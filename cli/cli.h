/* cli.h: what the verbs share: catalogue lookup, output formats, options. */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

struct catalogue;
struct diag_list;

#define LOGSCHEMA_VERSION "0.1.0"

/* Exit statuses of every verb. */
#define EXIT_CLEAN 0
#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

/*
 * Find the catalogue: `path` when given, else $LOGSCHEMA_SCHEMA, else a
 * `logschema.yaml` file or `logschema/` directory in the working directory
 * or one of its parents, else the found-footy catalogue built into the
 * binary. Loads and checks it, prints its errors (not its warnings) to
 * stderr, and returns 0, or -1 (with `cat` released) when it is unusable.
 */
int cli_load_catalogue(const char *path, struct catalogue *cat);

/* The same lookup, loading without checking or printing (for `check`). */
int cli_find_and_load(const char *path, struct catalogue *cat,
		      struct diag_list *diags);

/* Print diagnostics to stderr as text (coloured on a terminal). */
void cli_print_diags(struct diag_list *diags);

/* Whether ANSI colours suit `f` (a terminal, NO_COLOR unset). */
int cli_use_color(FILE *f);

/* Report a usage problem for `verb` and return EXIT_TROUBLE. */
int cli_usage_error(const char *verb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

int cmd_check(int argc, char **argv);
int cmd_resolve(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_check_logs(int argc, char **argv);
int cmd_diff(int argc, char **argv);

#endif
