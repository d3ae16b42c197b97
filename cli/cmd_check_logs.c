/* cmd_check_logs.c: `logschema check-logs`, check JSON log lines. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalogue.h"
#include "checklogs.h"
#include "cli.h"

static const char usage_text[] =
"usage: logschema check-logs [-s PATH] [options] [FILE ...|-]\n"
"\n"
"Check JSON log lines against the catalogue. Each problem is reported on\n"
"stderr as 'file:line:col: severity: message [check]'; then a summary on\n"
"stdout: counts per check, events per module and action, and coverage\n"
"(the catalogued actions seen, and those never seen). Reads standard input\n"
"when no FILE is given or FILE is '-'. Output of 'docker compose logs'\n"
"(\"name  | {...}\") is understood, and the container named in findings.\n"
"\n"
"  -s, --schema PATH          catalogue file or directory (default: see README)\n"
"      --format text|json     report format (default text)\n"
"      --fail-on error|warning\n"
"                             lowest severity that fails the run\n"
"                             (default error)\n"
"      --werror               the same as --fail-on warning\n"
"  -W CHECK, -Wno-CHECK       switch a check on or off (all are on)\n"
"      --max-findings N       print at most N findings; counts stay exact\n"
"      --max-line BYTES       longer lines are reported and skipped\n"
"                             (default 16777216)\n"
"  -j, --jobs N               threads (default: one per CPU, at most 8)\n"
"  -q, --quiet                findings only, no summary (text format)\n"
"  -h, --help                 this text\n"
"\n"
"Checks, errors: invalid-json, missing-standard-field, unknown-module,\n"
"undocumented-action, missing-id, field-type. Warnings: level-mismatch,\n"
"unknown-field (a field the action does not declare, often one a logger\n"
"binds for a whole workflow).\n"
"\n"
"Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage,\n"
"catalogue or I/O failure (also when a file could not be read).\n";

struct run {
	int json;
	FILE *findings;		/* JSON: findings kept until the summary */
	uint64_t max_findings;
	uint64_t shown;
	uint64_t hidden;
};

static void on_finding(const struct checklogs_finding *f, void *data)
{
	struct run *run = data;

	if (run->shown >= run->max_findings) {
		run->hidden++;
		return;
	}
	if (run->json) {
		if (run->shown)
			putc(',', run->findings);
		checklogs_json_finding(run->findings, f);
	} else {
		checklogs_print_finding(stderr, f);
	}
	run->shown++;
}

static int parse_count(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-')
		return -1;
	*out = v;
	return 0;
}

/* Check one named input; -1 when it could not be read whole. */
static int check_input(struct checklogs *cl, const char *path)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
	int r;

	if (fd < 0) {
		fprintf(stderr, "logschema check-logs: cannot open '%s': %s\n",
			path, strerror(errno));
		return -1;
	}
	r = checklogs_read_fd(cl, name, fd);
	if (r)
		fprintf(stderr, "logschema check-logs: cannot read '%s': %s\n",
			name, strerror(errno));
	if (fd)
		close(fd);
	return r;
}

struct options {
	const char *schema;
	struct checklogs_options check;
	struct run run;
	int fail_on_warning;
	int quiet;
};

/* -W NAME, -Wno-NAME, and -Werror for --werror. */
static int switch_check(struct options *o, const char *arg)
{
	int off = !strncmp(arg, "no-", 3);
	int check = checklogs_check_parse(arg + (off ? 3 : 0));

	if (!strcmp(arg, "error")) {
		o->fail_on_warning = 1;
		return 0;
	}
	if (check < 0)
		return -1;
	if (off)
		o->check.disabled |= 1u << check;
	else
		o->check.disabled &= ~(1u << check);
	return 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option opts[] = {
		{ "schema", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'f' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "werror", no_argument, NULL, 'E' },
		{ "max-findings", required_argument, NULL, 'm' },
		{ "max-line", required_argument, NULL, 'L' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	uint64_t n;
	int c;

	while ((c = getopt_long(argc, argv, "s:j:qhW:", opts, NULL)) != -1) {
		switch (c) {
		case 'W':
			if (switch_check(o, optarg))
				return cli_usage_error("check-logs",
					"unknown check '%s'", optarg);
			break;
		case 's':
			o->schema = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return cli_usage_error("check-logs",
					"unknown format '%s'; use text or json",
					optarg);
			o->run.json = !strcmp(optarg, "json");
			break;
		case 'F':
			if (strcmp(optarg, "error") && strcmp(optarg, "warning"))
				return cli_usage_error("check-logs",
					"--fail-on takes error or warning, not '%s'",
					optarg);
			o->fail_on_warning = !strcmp(optarg, "warning");
			break;
		case 'E':
			o->fail_on_warning = 1;
			break;
		case 'm':
			if (parse_count(optarg, &o->run.max_findings))
				return cli_usage_error("check-logs",
					"--max-findings takes a count, not '%s'",
					optarg);
			break;
		case 'L':
			if (parse_count(optarg, &n) || n < 1 || n > (1u << 30))
				return cli_usage_error("check-logs",
					"--max-line takes 1 to 1073741824 bytes, not '%s'",
					optarg);
			o->check.max_line = (size_t)n;
			break;
		case 'j':
			if (parse_count(optarg, &n) || n < 1 || n > 64)
				return cli_usage_error("check-logs",
					"--jobs takes 1 to 64, not '%s'", optarg);
			o->check.threads = (unsigned)n;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return EXIT_CLEAN;
		default:
			return cli_usage_error("check-logs", "bad option");
		}
	}
	return -1;
}

int cmd_check_logs(int argc, char **argv)
{
	static char errbuf[1 << 16];
	struct options o = { .run.max_findings = UINT64_MAX };
	const struct checklogs_stats *st;
	struct catalogue cat;
	struct checklogs *cl;
	int i, ret, trouble = 0;

	/* findings can number millions: write them in blocks */
	if (!isatty(fileno(stderr)))
		setvbuf(stderr, errbuf, _IOFBF, sizeof(errbuf));
	ret = parse_options(argc, argv, &o);
	if (ret >= 0)
		return ret;
	if (o.run.json && !(o.run.findings = tmpfile())) {
		perror("logschema check-logs: temporary file");
		return EXIT_TROUBLE;
	}
	if (cli_load_catalogue(o.schema, &cat)) {
		if (o.run.findings)
			fclose(o.run.findings);
		return EXIT_TROUBLE;
	}

	o.check.on_finding = on_finding;
	o.check.data = &o.run;
	cl = checklogs_new(&cat, &o.check);
	if (optind == argc)
		trouble |= check_input(cl, "-");
	for (i = optind; i < argc; i++)
		trouble |= check_input(cl, argv[i]);

	if (o.run.hidden && !o.run.json)
		fprintf(stderr, "logschema check-logs: %" PRIu64
			" more findings not shown (--max-findings %" PRIu64 ")\n",
			o.run.hidden, o.run.max_findings);
	fflush(stderr);
	if (o.run.findings && (fflush(o.run.findings) || ferror(o.run.findings))) {
		perror("logschema check-logs: temporary file");
		trouble = 1;
	}
	if (o.run.json)
		checklogs_print_json(stdout, cl, o.run.findings, o.run.shown);
	else if (!o.quiet)
		checklogs_print_summary(stdout, cl);
	st = checklogs_stats(cl);

	if (trouble)
		ret = EXIT_TROUBLE;
	else if (st->errors || (o.fail_on_warning && st->warnings))
		ret = EXIT_FINDINGS;
	else
		ret = EXIT_CLEAN;
	if (fflush(stdout) || ferror(stdout)) {
		perror("logschema check-logs: write");
		ret = EXIT_TROUBLE;
	}
	checklogs_free(cl);
	catalogue_release(&cat);
	if (o.run.findings)
		fclose(o.run.findings);
	return ret;
}
