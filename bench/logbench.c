/*
 * logbench.c: the generated logging API against the loggers people use,
 * side by side in one process and one run.
 *
 *   logbench [-r ROUNDS] [-b BATCHES] [-t BATCH_MS] [-T TARGETS_FILE]
 *   logbench --emit|--format|--disabled CONTENDER ref|ten|static COUNT
 *
 * Every contender's output is checked first; then, for each scenario and
 * event, each contender is warmed up and the contenders take turns, in a
 * rotating order, for ROUNDS rounds of BATCHES batches. The tables give
 * the median and p99 of ns/event over the batches and each contender's
 * median over the generated code's. Markdown goes to stdout.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "timing.h"

long bench_evals;
int harness_devnull = -1;

const struct bench_contender *const harness_contenders[HARNESS_NC] = {
	&bench_generated, &bench_snprintf, &bench_spdlog,
	&bench_cjson, &bench_jansson, &bench_log4c,
};

const char *const harness_event_names[BENCH_NEVENTS] = {
	"reference (2 fields)", "10 fields", "static (no fields)",
};

static const struct bench_input input_escaped = {
	.event_id = "goal_123_456",
	.duration_s = 2.5,
	.fixture_id = "1208021",
	.player_name = "Martin \"Mo\" \xc3\x98" "degaard\t(c)",
	.url = "https://video.twimg.com/ext_tw_video/1880000000000000000/pu/"
	       "vid/avc1/1280x720/clip.mp4?tag=12",
	.status_code = 200,
	.season = 2024,
	.count = 3,
	.duration_ms = 1234.5,
	.cached = true,
};

static struct bench_input input_plain;

const struct bench_input *harness_input(const struct bench_contender *c,
					int pretty)
{
	return c->escapes && !pretty ? &input_escaped : &input_plain;
}

struct scenario {
	const char *title;
	const char *note;
	enum timing_op op;
	int frozen;
	int pretty;
	int threads;
	int pipe;
	int disabled;
};

static const struct scenario scenarios[] = {
	{ "Formatting into memory",
	  "Each event formatted into a caller's buffer, real clock.",
	  TIMING_FORMAT, 0, 0, 1, 0, 0 },
	{ "Formatting into memory, frozen clock",
	  "The same with the time fixed, to separate the clock's cost.",
	  TIMING_FORMAT, 1, 0, 1, 0, 0 },
	{ "One write(2) per event to /dev/null",
	  "Format and write each line to /dev/null.",
	  TIMING_EMIT, 0, 0, 1, 0, 0 },
	{ "One write(2) per event to a pipe read by another process",
	  "A child process reads and discards the lines.",
	  TIMING_EMIT, 0, 0, 1, 1, 0 },
	{ "Two threads sharing one descriptor",
	  "Two threads write to one /dev/null descriptor; ns per event of "
	  "wall time (spdlog with its mutex sink).",
	  TIMING_EMIT, 0, 0, 2, 0, 0 },
	{ "The pretty format, into memory",
	  "The pretty line; cJSON and jansson have none.",
	  TIMING_FORMAT, 0, 1, 1, 0, 0 },
	{ "A disabled level",
	  "An INFO call of the reference event with the minimum level ERROR; "
	  "`evaluated` counts an increment placed in an argument.",
	  TIMING_DISABLED, 0, 0, 1, 0, 1 },
};

static int opt_rounds = 7;
static int opt_batches = 10;
static double opt_batch_ms = 2;
static FILE *targets;
static int contender_ok[HARNESS_NC];

/* Medians by scenario, event and contender, for the targets. */
static double medians[sizeof(scenarios) / sizeof(scenarios[0])]
		     [BENCH_NEVENTS][HARNESS_NC];

/* A child that reads the pipe until it closes; returns the write end. */
static int pipe_reader(pid_t *pid)
{
	int fds[2];

	if (pipe(fds))
		return -1;
	*pid = fork();
	if (*pid < 0)
		return -1;
	if (*pid == 0) {
		static char buf[1 << 16];

		close(fds[1]);
		while (read(fds[0], buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
	close(fds[0]);
	return fds[1];
}

static void configure_all(const struct scenario *s, int fd)
{
	struct bench_config cfg = { fd, s->frozen, s->pretty, s->threads > 1,
				    s->disabled };
	int i;

	for (i = 0; i < HARNESS_NC; i++)
		if (contender_ok[i])
			harness_contenders[i]->configure(&cfg);
}

static int takes_part(const struct scenario *s, int i)
{
	return contender_ok[i] &&
	       (!s->pretty || harness_contenders[i]->has_pretty);
}

/* Time every contender on one event, in rotating rounds. */
static void time_event(const struct scenario *s, enum bench_event ev,
		       double *median, double *p99)
{
	int nsamples = opt_rounds * opt_batches;
	double *samples = calloc((size_t)(HARNESS_NC * nsamples),
				 sizeof(double));
	struct timing_job jobs[HARNESS_NC];
	int i, r, k, b;

	for (i = 0; i < HARNESS_NC; i++) {
		jobs[i] = (struct timing_job){ harness_contenders[i], s->op, ev,
			harness_input(harness_contenders[i], s->pretty), 0,
			s->threads };
		if (takes_part(s, i))
			timing_calibrate(&jobs[i], opt_batch_ms * 1e6);
	}
	for (r = 0; r < opt_rounds; r++) {
		for (k = 0; k < HARNESS_NC; k++) {
			i = (k + r) % HARNESS_NC;
			if (!takes_part(s, i))
				continue;
			for (b = 0; b < opt_batches; b++)
				samples[i * nsamples + r * opt_batches + b] =
					timing_batch(&jobs[i]);
		}
	}
	for (i = 0; i < HARNESS_NC; i++) {
		median[i] = p99[i] = -1;
		if (!takes_part(s, i))
			continue;
		median[i] = timing_median(samples + i * nsamples, nsamples);
		p99[i] = timing_p99(samples + i * nsamples, nsamples);
	}
	free(samples);
}

static void print_ns(double ns)
{
	if (ns < 0)
		printf(" – |");
	else if (ns < 10)
		printf(" %.2f |", ns);
	else if (ns < 100)
		printf(" %.1f |", ns);
	else
		printf(" %.0f |", ns);
}

static void print_ratio(double x, double base)
{
	if (x < 0 || base <= 0)
		printf(" – |");
	else
		printf(" %.1f× |", x / base);
}

/* Evaluations per call of each contender's disabled call. */
static double disabled_evals(int i)
{
	const struct bench_contender *c = harness_contenders[i];
	long before = bench_evals;

	c->disabled_n(harness_input(c, 0), 1000);
	return (double)(bench_evals - before) / 1000;
}

static void run_disabled(const struct scenario *s, size_t si)
{
	double median[HARNESS_NC], p99[HARNESS_NC];
	int i;

	configure_all(s, harness_devnull);
	time_event(s, BENCH_REF, median, p99);
	printf("| contender | ns/call median | p99 | × generated | "
	       "evaluated |\n|---|---:|---:|---:|---:|\n");
	for (i = 0; i < HARNESS_NC; i++) {
		if (!takes_part(s, i))
			continue;
		medians[si][BENCH_REF][i] = median[i];
		printf("| %s |", harness_contenders[i]->name);
		print_ns(median[i]);
		print_ns(p99[i]);
		print_ratio(median[i], median[0]);
		printf(" %.0f%% |\n", 100 * disabled_evals(i));
	}
	fprintf(targets, "| disabled level, ns per call | < 2 ns | %.2f ns | "
		"%s |\n", median[0], median[0] < 2 ? "met" : "missed");
	fprintf(targets, "| disabled level, arguments evaluated | 0%% | "
		"%.0f%% | %s |\n", 100 * disabled_evals(0),
		disabled_evals(0) == 0 ? "met" : "missed");
}

static void run_scenario(const struct scenario *s, size_t si)
{
	double median[BENCH_NEVENTS][HARNESS_NC], p99[BENCH_NEVENTS][HARNESS_NC];
	pid_t reader = -1;
	int fd = harness_devnull, i, ev;

	printf("\n### %s\n\n%s\n\n", s->title, s->note);
	fprintf(stderr, "logbench: %s\n", s->title);
	if (s->disabled) {
		run_disabled(s, si);
		return;
	}
	if (s->pipe && (fd = pipe_reader(&reader)) < 0) {
		printf("No pipe could be made.\n");
		return;
	}
	configure_all(s, fd);
	for (ev = 0; ev < BENCH_NEVENTS; ev++)
		time_event(s, (enum bench_event)ev, median[ev], p99[ev]);
	configure_all(s, harness_devnull);
	if (s->pipe) {
		close(fd);
		waitpid(reader, NULL, 0);
	}
	printf("| contender |");
	for (ev = 0; ev < BENCH_NEVENTS; ev++)
		printf(" %s: median | p99 | × |", harness_event_names[ev]);
	printf("\n|---|");
	for (ev = 0; ev < BENCH_NEVENTS; ev++)
		printf("---:|---:|---:|");
	printf("\n");
	for (i = 0; i < HARNESS_NC; i++) {
		if (!takes_part(s, i))
			continue;
		printf("| %s |", harness_contenders[i]->name);
		for (ev = 0; ev < BENCH_NEVENTS; ev++) {
			medians[si][ev][i] = median[ev][i];
			print_ns(median[ev][i]);
			print_ns(p99[ev][i]);
			print_ratio(median[ev][i], median[ev][0]);
		}
		printf("\n");
	}
}

/* The formatting targets of the reference example, from scenario 0. */
static void print_format_targets(void)
{
	static const struct {
		int contender;
		double goal;
	} goals[] = { { 1, 8 }, { 2, 3.5 }, { 3, 20 } };
	const double *m = medians[0][BENCH_REF];
	size_t g;

	for (g = 0; g < sizeof(goals) / sizeof(goals[0]); g++) {
		int i = goals[g].contender;
		double x = m[0] > 0 && m[i] > 0 ? m[i] / m[0] : 0;

		fprintf(targets, "| reference example into memory vs %s | "
			"≥ %.1f× | %.1f× (%.0f ns vs %.1f ns) | %s |\n",
			harness_contenders[i]->name, goals[g].goal, x, m[i],
			m[0], x >= goals[g].goal ? "met" : "missed");
	}
}

static int find_contender(const char *name)
{
	int i;

	for (i = 0; i < HARNESS_NC; i++)
		if (!strcmp(harness_contenders[i]->name, name))
			return i;
	return -1;
}

/*
 * --emit, --format and --disabled: only write, format or skip COUNT
 * events, for counting syscalls or instructions from outside.
 */
static int run_only(const char *mode, const char *name, const char *event,
		    long count)
{
	static char buf[TIMING_LINE];
	static const char *const events[BENCH_NEVENTS] = { "ref", "ten",
							    "static" };
	struct bench_config cfg = { harness_devnull, 0, 0, 0, 0 };
	const struct bench_contender *c;
	int i = find_contender(name), ev;

	for (ev = 0; ev < BENCH_NEVENTS; ev++)
		if (!strcmp(events[ev], event))
			break;
	if (i < 0 || ev == BENCH_NEVENTS) {
		fprintf(stderr, "logbench: unknown contender or event\n");
		return 2;
	}
	c = harness_contenders[i];
	c->configure(&cfg);
	if (!strcmp(mode, "--format")) {
		c->format_n((enum bench_event)ev, harness_input(c, 0), buf,
			    sizeof(buf), count);
	} else if (!strcmp(mode, "--disabled")) {
		cfg.disabled = 1;
		c->configure(&cfg);
		c->disabled_n(harness_input(c, 0), count);
	} else {
		c->emit_n((enum bench_event)ev, harness_input(c, 0), count);
	}
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: logbench [-r ROUNDS] [-b BATCHES] "
		"[-t BATCH_MS] [-T TARGETS_FILE]\n"
		"       logbench --emit|--format|--disabled CONTENDER "
		"ref|ten|static COUNT\n");
	return 2;
}

static int parse_options(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "r:b:t:T:")) != -1) {
		switch (opt) {
		case 'r':
			opt_rounds = atoi(optarg);
			break;
		case 'b':
			opt_batches = atoi(optarg);
			break;
		case 't':
			opt_batch_ms = atof(optarg);
			break;
		case 'T':
			targets = fopen(optarg, "w");
			if (!targets) {
				perror(optarg);
				return -1;
			}
			break;
		default:
			return -1;
		}
	}
	if (opt_rounds < 1 || opt_batches < 1 || opt_batch_ms <= 0 ||
	    optind != argc)
		return -1;
	return 0;
}

static int init_all(void)
{
	int i;

	input_plain = input_escaped;
	input_plain.player_name = "Martin Odegaard";
	signal(SIGPIPE, SIG_IGN);
	harness_devnull = open("/dev/null", O_WRONLY);
	if (harness_devnull < 0) {
		perror("/dev/null");
		return -1;
	}
	for (i = 0; i < HARNESS_NC; i++) {
		if (harness_contenders[i]->init()) {
			fprintf(stderr, "logbench: %s does not start\n",
				harness_contenders[i]->name);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	size_t s;

	if (init_all())
		return 2;
	if (argc == 5 && (!strcmp(argv[1], "--emit") ||
			  !strcmp(argv[1], "--format") ||
			  !strcmp(argv[1], "--disabled")))
		return run_only(argv[1], argv[2], argv[3], atol(argv[4]));
	if (parse_options(argc, argv))
		return usage();
	if (!targets)
		targets = fopen("/dev/null", "w");

	printf("### Output checks\n\nEach contender's line against the "
	       "generated line for the same values, parsed with jansson: the "
	       "same keys, ts/level/module/action/msg first, the same values "
	       "(pretty lines byte for byte, frozen clock). Two threads: %d "
	       "10-field lines each, appended to one file, every line whole. "
	       "A contender that fails is not timed.\n\n",
	       300);
	if (checks_output(stdout, contender_ok)) {
		fprintf(stderr, "logbench: the generated code fails its own "
			"checks\n");
		return 1;
	}
	printf("\n### Heap and write calls\n\nCounted over 1000 events after "
	       "100 of warm-up, real clock; write calls from /proc/self/io "
	       "(syscw) with one write(2) per line to /dev/null.\n\n");
	checks_costs(stdout, contender_ok, targets);
	if (timing_start_workers()) {
		fprintf(stderr, "logbench: cannot start threads\n");
		return 2;
	}
	for (s = 0; s < sizeof(scenarios) / sizeof(scenarios[0]); s++)
		run_scenario(&scenarios[s], s);
	timing_stop_workers();
	print_format_targets();
	fclose(targets);
	return 0;
}
