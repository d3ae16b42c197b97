/* cmd_generate.c: `logschema generate`, render a target from a catalogue. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "catalogue.h"
#include "cli.h"
#include "diag.h"
#include "generate.h"

static const char usage_text[] =
"usage: logschema generate [-s PATH] --target T -o DIR [--templates DIR]\n"
"                          [--depfile FILE] [--check] [-v]\n"
"\n"
"Render a template set against the catalogue. Outputs are deterministic,\n"
"carry the catalogue's content hash, are replaced atomically and only\n"
"when their content changes.\n"
"\n"
"  -s, --schema PATH      catalogue file or directory\n"
"  -t, --target T         c, markdown, alloy, promtail, grafana, loki-rules\n"
"  -o, --output DIR       output directory (created if missing)\n"
"      --templates DIR    render this template set instead of the built-in\n"
"      --depfile FILE     write Make/Ninja dependencies of the outputs\n"
"      --check            write nothing; exit 1 if any output is stale\n"
"  -v, --verbose          name each file written or unchanged\n"
"  -h, --help             this text\n";

static int valid_target(const char *t)
{
	const char *const *p;

	for (p = generate_targets; *p; p++)
		if (!strcmp(*p, t))
			return 1;
	return 0;
}

int cmd_generate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "schema", required_argument, NULL, 's' },
		{ "target", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "templates", required_argument, NULL, 'T' },
		{ "depfile", required_argument, NULL, 'd' },
		{ "check", no_argument, NULL, 'C' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct generate_options go = { "c", NULL, NULL, NULL, 0 };
	struct generate_result res;
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;
	const char *schema = NULL;
	int c, verbose = 0, status = EXIT_CLEAN;
	size_t i;

	while ((c = getopt_long(argc, argv, "s:t:o:vh", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			schema = optarg;
			break;
		case 't':
			go.target = optarg;
			break;
		case 'o':
			go.outdir = optarg;
			break;
		case 'T':
			go.templates = optarg;
			break;
		case 'd':
			go.depfile = optarg;
			break;
		case 'C':
			go.dry_run = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		default:
			return cli_usage_error("generate", "bad option");
		}
	}
	if (optind < argc)
		return cli_usage_error("generate", "unexpected argument '%s'",
				       argv[optind]);
	if (!go.outdir)
		return cli_usage_error("generate", "no output directory (-o DIR)");
	if (!go.templates && !valid_target(go.target))
		return cli_usage_error("generate",
			"unknown target '%s'; expected c, markdown, alloy, promtail, grafana or loki-rules",
			go.target);
	if (cli_load_catalogue(schema, &cat))
		return EXIT_TROUBLE;

	if (generate_run(&cat, &go, &res, &diags)) {
		cli_print_diags(&diags);
		status = EXIT_TROUBLE;
	} else {
		if (verbose)
			for (i = 0; i < res.noutputs; i++)
				fprintf(stderr, "  %s\n", res.outputs[i]);
		if (go.dry_run && res.written) {
			fprintf(stderr, "logschema generate: %zu of %zu files are out of date\n",
				res.written, res.noutputs);
			status = EXIT_FINDINGS;
		} else if (verbose) {
			fprintf(stderr, "%zu written, %zu unchanged\n",
				res.written, res.unchanged);
		}
		generate_result_release(&res);
	}
	diag_list_release(&diags);
	catalogue_release(&cat);
	return status;
}
