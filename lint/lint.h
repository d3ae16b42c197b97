/* lint.h: check C sources against a catalogue, with libclang. */
#ifndef LINT_H
#define LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct catalogue;
struct diag_list;

/*
 * The checks, by stable name. Each can be switched on or off; those marked
 * opt-in in lint_check_default() are off unless asked for. `parse-error`
 * (a file clang could not compile) cannot be switched off.
 */
enum lint_check {
	LINT_UNDOCUMENTED_ACTION,
	LINT_UNKNOWN_MODULE,
	LINT_MISSING_ID,
	LINT_UNKNOWN_FIELD,
	LINT_FIELD_TYPE,
	LINT_LEVEL_MISMATCH,
	LINT_DYNAMIC_NAME,
	LINT_UNUSED_ACTION,
	LINT_UNUSED_SUPPRESSION,
	LINT_PARSE_ERROR,
	LINT_CHECK_COUNT
};

/* "undocumented-action" and so on. */
const char *lint_check_name(enum lint_check check);

/* The check of that name, or -1. */
int lint_check_lookup(const char *name);

/* One line saying what the check finds (for --help and SARIF rules). */
const char *lint_check_summary(enum lint_check check);

/* Whether the check runs without -W<name>. */
bool lint_check_default(enum lint_check check);

/* Whether -W<name>/-Wno-<name> may switch it. */
bool lint_check_switchable(enum lint_check check);

/* The severity its findings get (enum diag_severity). */
int lint_check_severity(enum lint_check check);

/* A file to lint: its path as the user gave it, and optionally its text. */
struct lint_file {
	char *path;
	char *text;		/* NULL: read from disk; else NUL-terminated */
	size_t len;
};

struct lint_files {
	struct lint_file *items;
	size_t nr;
	size_t alloc;
};

/*
 * Add `path` to `files`: a directory adds every *.c file below it (sorted,
 * hidden directories skipped), anything else is added as given. Returns -1
 * (with a diagnostic) when `path` cannot be read.
 */
int lint_files_add(struct lint_files *files, const char *path,
		   struct diag_list *diags);

/*
 * Add the C files staged in git (added, copied, modified or renamed),
 * with their staged text, so that what is linted is what will be
 * committed.
 */
int lint_files_add_staged(struct lint_files *files, struct diag_list *diags);

/* Add every C file compile_commands.json in `build_dir` lists. */
int lint_files_add_compdb(struct lint_files *files, const char *build_dir,
			  struct diag_list *diags);

void lint_files_release(struct lint_files *files);

/* Called after each file, from the thread that finished it. */
typedef void (*lint_progress_fn)(void *data, size_t done, size_t total,
				 const char *path);

struct lint_options {
	const struct catalogue *cat;
	bool enabled[LINT_CHECK_COUNT];
	const char *build_dir;		/* compile_commands.json, or NULL */
	const char *const *include_dirs;	/* -I for files without one */
	size_t ninclude_dirs;
	const char *const *extra_args;	/* compiler flags added last */
	size_t nextra_args;
	unsigned jobs;			/* 0: one per core */
	lint_progress_fn progress;
	void *progress_data;
};

/* Default checks on, no build directory, one job per core. */
void lint_options_init(struct lint_options *opts,
		       const struct catalogue *cat);

/*
 * Lint `files`, appending findings to `diags`, sorted by file, line and
 * column. Returns 0 when every file was checked, -1 when one could not be
 * (not found, not parsed: those are reported as errors too).
 */
int lint_run(const struct lint_options *opts, const struct lint_files *files,
	     struct diag_list *diags);

/*
 * SARIF 2.1.0, as GitHub code scanning accepts it: one run, a rule per
 * check, file URIs relative to `srcroot` (the working directory when NULL).
 * `complete` says whether every file was checked.
 */
void lint_print_sarif(FILE *out, const struct diag_list *diags,
		      const char *version, const char *srcroot,
		      bool complete);

/* GitHub Actions workflow commands: ::error file=F,line=L,...::message */
void lint_print_github(FILE *out, const struct diag_list *diags);

#endif
