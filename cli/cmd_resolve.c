/* cmd_resolve.c: `logschema resolve`, print the catalogue's data model. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <jansson.h>

#include "catalogue.h"
#include "cli.h"
#include "resolve.h"

static const char usage_text[] =
"usage: logschema resolve [-s PATH] [--format json] [--compact]\n"
"\n"
"Print the resolved catalogue as JSON: every module, action, level and\n"
"typed field, exactly the data the templates of 'generate' receive.\n"
"\n"
"  -s, --schema PATH   catalogue file or directory\n"
"      --format json   the only format (the default)\n"
"      --compact       one line instead of indented\n"
"  -h, --help          this text\n";

int cmd_resolve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "schema", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "compact", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct catalogue cat;
	const char *schema = NULL;
	int c, compact = 0, ret;
	json_t *root;

	while ((c = getopt_long(argc, argv, "s:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			schema = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json"))
				return cli_usage_error("resolve",
					"unknown format '%s'; only json", optarg);
			break;
		case 'c':
			compact = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		default:
			return cli_usage_error("resolve", "bad option");
		}
	}
	if (optind < argc)
		schema = argv[optind];
	if (cli_load_catalogue(schema, &cat))
		return EXIT_TROUBLE;
	root = catalogue_resolve(&cat);
	ret = json_dumpf(root, stdout, JSON_PRESERVE_ORDER |
			 (compact ? JSON_COMPACT : JSON_INDENT(2)));
	fputc('\n', stdout);
	json_decref(root);
	catalogue_release(&cat);
	if (ret || fflush(stdout)) {
		perror("logschema resolve: write");
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}
