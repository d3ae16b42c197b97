/* main.c: the logschema command line, dispatching to one verb. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct verb {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct verb verbs[] = {
	{ "check", cmd_check, "validate a catalogue" },
	{ "resolve", cmd_resolve, "print the resolved catalogue as JSON" },
	{ "generate", cmd_generate, "render C, docs, pipelines, dashboards" },
	{ "lint", cmd_lint, "check C sources against the catalogue" },
	{ "check-logs", cmd_check_logs, "check JSON log lines against it" },
	{ "diff", cmd_diff, "compare two catalogue versions" },
	{ NULL, NULL, NULL }
};

static void usage(FILE *out)
{
	const struct verb *v;

	fputs("usage: logschema <verb> [options]\n"
	      "       logschema --version | --help\n\n"
	      "One YAML catalogue of log events, the single source of truth.\n\n"
	      "verbs:\n", out);
	for (v = verbs; v->name; v++)
		fprintf(out, "  %-12s %s\n", v->name, v->summary);
	fputs("\nEvery verb takes --help. Exit status: 0 clean, 1 findings, "
	      "2 usage, I/O or parse failure.\n", out);
}

int main(int argc, char **argv)
{
	const struct verb *v;

	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("logschema %s\n", LOGSCHEMA_VERSION);
		return EXIT_CLEAN;
	}
	for (v = verbs; v->name; v++)
		if (!strcmp(argv[1], v->name))
			return v->run(argc - 1, argv + 1);
	fprintf(stderr, "logschema: unknown verb '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_TROUBLE;
}
