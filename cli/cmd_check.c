/* cmd_check.c: `logschema check`, validate a catalogue and summarise it. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <jansson.h>

#include "cardinality.h"
#include "catalogue.h"
#include "cli.h"
#include "diag.h"

static const char usage_text[] =
"usage: logschema check [-s PATH] [--format text|json] [--werror] [-q]\n"
"\n"
"Validate a catalogue: YAML syntax, keys and types, names (snake_case,\n"
"not C keywords), references, generated C name collisions, and the\n"
"naming and level conventions (warnings).\n"
"\n"
"  -s, --schema PATH   catalogue file or directory (default: see README)\n"
"      --format FMT    text (default) or json\n"
"      --werror        treat warnings as errors\n"
"  -q, --quiet         no summary line\n"
"  -h, --help          this text\n"
"\n"
"Exit status: 0 clean, 1 errors (or warnings with --werror), 2 unreadable.\n";

static void print_summary_json(const struct catalogue *cat,
			       const struct diag_list *diags)
{
	json_t *root = json_pack("{s:s?,s:s,s:i,s:i,s:i,s:i,s:i,s:i}",
		"name", cat->name, "hash", cat->hash,
		"modules", (json_int_t)cat->nmodules,
		"actions", (json_int_t)catalogue_count_actions(cat),
		"fields", (json_int_t)cat->nfields,
		"services", (json_int_t)cat->nservices,
		"errors", (json_int_t)diags->errors,
		"warnings", (json_int_t)diags->warnings);

	json_dumpf(root, stdout, JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(root);
}

static void print_summary(const struct catalogue *cat,
			  const struct diag_list *diags)
{
	struct cardinality card;

	cardinality_estimate(cat, &card);
	printf("%s: %zu modules, %zu actions, %zu fields, %zu services: "
	       "%u errors, %u warnings\n", cat->name ? cat->name : cat->source,
	       cat->nmodules, catalogue_count_actions(cat), cat->nfields,
	       cat->nservices, diags->errors, diags->warnings);
	printf("loki: about %lu streams with %u labels (limits %d and %d); "
	       "action as %s\n", card.streams, card.labels,
	       CARDINALITY_MAX_STREAMS, CARDINALITY_MAX_LABELS,
	       cat->action_label ? "a label" : "structured metadata");
	cardinality_release(&card);
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "schema", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "werror", no_argument, NULL, 'W' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;
	const char *schema = NULL, *format = "text";
	int c, werror = 0, quiet = 0, json, loaded, status;

	while ((c = getopt_long(argc, argv, "s:qh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			schema = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'W':
			werror = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		default:
			return cli_usage_error("check", "bad option");
		}
	}
	if (optind < argc)
		schema = argv[optind++];
	if (optind < argc)
		return cli_usage_error("check", "unexpected argument '%s'",
				       argv[optind]);
	json = !strcmp(format, "json");
	if (!json && strcmp(format, "text"))
		return cli_usage_error("check", "unknown format '%s'", format);

	loaded = cli_find_and_load(schema, &cat, &diags);
	if (!loaded) {
		catalogue_check(&cat, &diags);
		cardinality_report(&cat, &diags);
	}
	diag_list_sort(&diags);

	if (json) {
		diag_print_json(stdout, &diags);
		if (!loaded)
			print_summary_json(&cat, &diags);
	} else {
		diag_print_text(stderr, &diags, cli_use_color(stderr));
		if (!loaded && !quiet)
			print_summary(&cat, &diags);
	}

	if (loaded)
		status = EXIT_TROUBLE;
	else if (diags.errors || (werror && diags.warnings))
		status = EXIT_FINDINGS;
	else
		status = EXIT_CLEAN;
	diag_list_release(&diags);
	catalogue_release(&cat);
	return status;
}
