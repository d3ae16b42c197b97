/* cmd_lint.c: `logschema lint`, check C sources against the catalogue. */
#include <fnmatch.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue.h"
#include "cli.h"
#include "diag.h"
#include "lint.h"
#include "util.h"

static const char usage_text[] =
"usage: logschema lint [-s PATH] [-p BUILD_DIR] [--staged] [-j N]\n"
"                      [--format text|json|sarif|github] [-W<check>]\n"
"                      [-Wno-<check>] [--werror] [FILE|DIR ...] [-- CFLAGS]\n"
"\n"
"Parse C sources with libclang and check every logging call against the\n"
"catalogue: the typed macros, <prefix>_log() and the functions the\n"
"catalogue declares. Directories are searched for *.c files.\n"
"\n"
"  -s, --schema PATH     catalogue file or directory (default: see README)\n"
"  -p, --build-dir DIR   read DIR/compile_commands.json; without it, files\n"
"                        get -std=c11, their own directory and -I paths\n"
"  -I DIR                add an include directory (without -p)\n"
"      --staged          lint the C files staged in git, as staged\n"
"  -x, --exclude GLOB    skip files whose path matches GLOB (repeatable)\n"
"  -j, --jobs N          files in parallel (default: one per core)\n"
"      --format FMT      text (default, stderr), json, sarif or github\n"
"  -W<check>             turn a check on (e.g. -Wunused-action)\n"
"  -Wno-<check>          turn a check off\n"
"      --werror          warnings make the exit status 1\n"
"  -v, --verbose         say what was linted\n"
"  -h, --help            this text\n"
"  -- CFLAGS             compiler flags added for every file\n"
"\n"
"Suppress a finding with a comment at the end of its line,\n"
"  // logschema-ignore: <check>[, <check>...]\n"
"or on the line before it, // logschema-ignore-next-line: <check>\n"
"\n"
"Exit status: 0 clean, 1 findings (errors, or warnings with --werror),\n"
"2 usage, I/O or parse failure.\n"
"\n"
"checks:\n";

enum format {
	FORMAT_TEXT,
	FORMAT_JSON,
	FORMAT_SARIF,
	FORMAT_GITHUB
};

struct lint_args {
	const char *schema;
	const char *build_dir;
	bool staged;
	bool werror;
	bool verbose;
	unsigned jobs;
	enum format format;
	int enable[LINT_CHECK_COUNT];	/* -1 default, 0 off, 1 on */
	const char **includes;
	size_t nincludes, aincludes;
	const char **excludes;
	size_t nexcludes, aexcludes;
	char **paths;
	size_t npaths;
	char **cflags;
	size_t ncflags;
};

static void usage(FILE *out)
{
	int i;

	fputs(usage_text, out);
	for (i = 0; i < LINT_CHECK_COUNT; i++)
		fprintf(out, "  %-20s %s%s\n", lint_check_name(i),
			lint_check_summary(i),
			!lint_check_switchable(i) ? " (always on)" :
			lint_check_default(i) ? "" : " (off by default)");
}

static int switch_check(struct lint_args *a, const char *arg)
{
	const char *name = arg;
	const char *names[LINT_CHECK_COUNT];
	const char *hint;
	int on = 1, check, i;

	if (!strcmp(arg, "error")) {
		a->werror = true;
		return 0;
	}
	if (!strncmp(arg, "no-", 3)) {
		name += 3;
		on = 0;
	}
	check = lint_check_lookup(name);
	if (check >= 0 && lint_check_switchable(check)) {
		a->enable[check] = on;
		return 0;
	}
	for (i = 0; i < LINT_CHECK_COUNT; i++)
		names[i] = lint_check_name(i);
	hint = suggest_name(name, names, LINT_CHECK_COUNT, sizeof(*names));
	if (check >= 0)
		return cli_usage_error("lint", "check '%s' cannot be switched",
				       name);
	if (hint)
		return cli_usage_error("lint",
				       "unknown check '%s'; did you mean '%s'?",
				       name, hint);
	return cli_usage_error("lint", "unknown check '%s'", name);
}

static int parse_format(struct lint_args *a, const char *s)
{
	static const char *const names[] = { "text", "json", "sarif",
					     "github" };
	int i;

	for (i = 0; i < 4; i++)
		if (!strcmp(s, names[i])) {
			a->format = i;
			return 0;
		}
	return cli_usage_error("lint", "unknown format '%s'", s);
}

static int parse_jobs(struct lint_args *a, const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (!*s || *end || n < 0 || n > 1024)
		return cli_usage_error("lint", "bad number of jobs '%s'", s);
	a->jobs = n;
	return 0;
}

static int parse_args(struct lint_args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "schema", required_argument, NULL, 's' },
		{ "build-dir", required_argument, NULL, 'p' },
		{ "staged", no_argument, NULL, 'S' },
		{ "exclude", required_argument, NULL, 'x' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "werror", no_argument, NULL, 'E' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, i, nopts = argc;

	/* Everything after "--" goes to the compiler untouched. */
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--")) {
			nopts = i;
			a->cflags = argv + i + 1;
			a->ncflags = argc - i - 1;
			break;
		}
	while ((c = getopt_long(nopts, argv, "s:p:j:W:I:x:vh", opts,
				NULL)) != -1) {
		int err = 0;

		switch (c) {
		case 's':
			a->schema = optarg;
			break;
		case 'p':
			a->build_dir = optarg;
			break;
		case 'S':
			a->staged = true;
			break;
		case 'j':
			err = parse_jobs(a, optarg);
			break;
		case 'f':
			err = parse_format(a, optarg);
			break;
		case 'E':
			a->werror = true;
			break;
		case 'W':
			err = switch_check(a, optarg);
			break;
		case 'I':
			ALLOC_GROW(a->includes, a->nincludes + 1, a->aincludes);
			a->includes[a->nincludes++] = optarg;
			break;
		case 'x':
			ALLOC_GROW(a->excludes, a->nexcludes + 1, a->aexcludes);
			a->excludes[a->nexcludes++] = optarg;
			break;
		case 'v':
			a->verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 1;
		default:
			return cli_usage_error("lint", "bad option");
		}
		if (err)
			return err;
	}
	a->paths = argv + optind;
	a->npaths = nopts - optind;
	return 0;
}

/* On a terminal only: "[12/340] src/upload.c", rewritten in place. */
static void show_progress(void *data, size_t done, size_t total,
			  const char *path)
{
	fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, total, path);
	if (done == total)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static bool excluded(const struct lint_args *a, const char *path)
{
	size_t i;

	for (i = 0; i < a->nexcludes; i++)
		if (!fnmatch(a->excludes[i], path, 0))
			return true;
	return false;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct lint_file *)a)->path,
		      ((const struct lint_file *)b)->path);
}

/* Sorted, without excluded files or a file named twice. */
static void tidy_files(const struct lint_args *a, struct lint_files *files)
{
	size_t i, n = 0;

	if (files->nr > 1)
		qsort(files->items, files->nr, sizeof(*files->items),
		      cmp_file);
	for (i = 0; i < files->nr; i++) {
		if (excluded(a, files->items[i].path) ||
		    (n && !strcmp(files->items[n - 1].path,
				  files->items[i].path))) {
			free(files->items[i].path);
			free(files->items[i].text);
		} else {
			files->items[n++] = files->items[i];
		}
	}
	files->nr = n;
}

static int collect_files(const struct lint_args *a, struct lint_files *files,
			 struct diag_list *diags)
{
	int ret = 0;
	size_t i;

	if (a->staged && lint_files_add_staged(files, diags))
		ret = -1;
	for (i = 0; i < a->npaths; i++)
		if (lint_files_add(files, a->paths[i], diags))
			ret = -1;
	if (!a->staged && !a->npaths && a->build_dir &&
	    lint_files_add_compdb(files, a->build_dir, diags))
		ret = -1;
	tidy_files(a, files);
	return ret;
}

static void print_findings(const struct lint_args *a, struct diag_list *diags,
			   bool complete)
{
	switch (a->format) {
	case FORMAT_TEXT:
		cli_print_diags(diags);
		break;
	case FORMAT_JSON:
		diag_print_json(stdout, diags);
		break;
	case FORMAT_SARIF:
		lint_print_sarif(stdout, diags, LOGSCHEMA_VERSION, NULL,
				 complete);
		break;
	case FORMAT_GITHUB:
		lint_print_github(stdout, diags);
		break;
	}
	fflush(stdout);
}

static int run(struct lint_args *a, const struct catalogue *cat)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct lint_files files = { NULL, 0, 0 };
	struct lint_options opts;
	bool complete;
	int i, status;

	lint_options_init(&opts, cat);
	for (i = 0; i < LINT_CHECK_COUNT; i++)
		if (a->enable[i] >= 0)
			opts.enabled[i] = a->enable[i];
	opts.build_dir = a->build_dir;
	opts.include_dirs = a->includes;
	opts.ninclude_dirs = a->nincludes;
	opts.extra_args = (const char *const *)a->cflags;
	opts.nextra_args = a->ncflags;
	opts.jobs = a->jobs;
	complete = !collect_files(a, &files, &diags);
	if (files.nr > 8 && isatty(2) && !a->verbose && getenv("TERM") &&
	    strcmp(getenv("TERM"), "dumb"))
		opts.progress = show_progress;
	if (files.nr && lint_run(&opts, &files, &diags))
		complete = false;
	print_findings(a, &diags, complete);
	if (a->verbose)
		fprintf(stderr, "logschema lint: %zu file%s, %u error%s, %u warning%s\n",
			files.nr, files.nr == 1 ? "" : "s",
			diags.errors, diags.errors == 1 ? "" : "s",
			diags.warnings, diags.warnings == 1 ? "" : "s");
	if (!complete)
		status = EXIT_TROUBLE;
	else if (diags.errors || (a->werror && diags.warnings))
		status = EXIT_FINDINGS;
	else
		status = EXIT_CLEAN;
	diag_list_release(&diags);
	lint_files_release(&files);
	return status;
}

int cmd_lint(int argc, char **argv)
{
	struct lint_args a;
	struct catalogue cat;
	int i, status;

	memset(&a, 0, sizeof(a));
	for (i = 0; i < LINT_CHECK_COUNT; i++)
		a.enable[i] = -1;
	status = parse_args(&a, argc, argv);
	if (status) {
		status = status == 1 ? EXIT_CLEAN : status;
	} else if (!a.npaths && !a.staged && !a.build_dir) {
		status = cli_usage_error("lint", "no files to lint");
	} else if (cli_load_catalogue(a.schema, &cat)) {
		status = EXIT_TROUBLE;
	} else {
		status = run(&a, &cat);
		catalogue_release(&cat);
	}
	free(a.includes);
	free(a.excludes);
	return status;
}
