/*
 * checks.c: before anything is timed, every contender's lines are checked
 * against the generated ones, and its heap and write calls are counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "timing.h"
#include "verify.h"

enum check_mode {
	CHECK_JSON,		/* into memory, real clock */
	CHECK_FROZEN,		/* into memory, frozen clock */
	CHECK_WRITE,		/* through write(2), frozen clock */
	CHECK_PRETTY,		/* pretty, into memory, frozen clock */
	CHECK_THREADS,		/* two threads appending to one file */
	CHECK_NMODES
};

static const char *const check_mode_names[CHECK_NMODES] = {
	"JSON", "JSON, frozen clock", "write(2) path", "pretty",
	"two threads",
};

#define CHECK_THREAD_LINES 300

static void check_configure(const struct bench_contender *c, int fd,
			    int frozen, int pretty, int threads)
{
	struct bench_config cfg = { fd, frozen, pretty, threads, 0 };

	c->configure(&cfg);
}

/* The generated line for `ev` with the values `c` gets. */
static void check_reference(const struct bench_contender *c,
			    enum bench_event ev, int frozen, int pretty,
			    char *buf)
{
	const struct bench_contender *g = harness_contenders[0];

	check_configure(g, harness_devnull, frozen, pretty, 0);
	g->format_n(ev, harness_input(c, pretty), buf, TIMING_LINE, 1);
}

/* One line through the contender's write path, read back from a pipe. */
static int check_write_path(const struct bench_contender *c,
			    enum bench_event ev, char *got)
{
	int fds[2];
	ssize_t n;

	if (pipe(fds))
		return -1;
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	check_configure(c, fds[1], 1, 0, 0);
	c->emit_n(ev, harness_input(c, 0), 1);
	n = read(fds[0], got, TIMING_LINE - 1);
	got[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	close(fds[1]);
	return 0;
}

struct check_thread {
	const struct bench_contender *c;
	const struct bench_input *in;
};

static void *check_thread_main(void *arg)
{
	const struct check_thread *t = arg;

	t->c->emit_n(BENCH_TEN, t->in, CHECK_THREAD_LINES);
	return NULL;
}

/* Read `fd` from the start into a new NUL-terminated string. */
static char *check_slurp(int fd)
{
	size_t cap = 1 << 16, len = 0;
	char *s = malloc(cap);
	ssize_t n;

	if (!s || lseek(fd, 0, SEEK_SET) < 0) {
		free(s);
		return NULL;
	}
	while ((n = read(fd, s + len, cap - len - 1)) > 0) {
		len += (size_t)n;
		if (cap - len < 2) {
			char *t = realloc(s, cap *= 2);

			if (!t) {
				free(s);
				return NULL;
			}
			s = t;
		}
	}
	s[len] = '\0';
	return s;
}

/* Every line two threads append to one file is whole. */
static int check_threads(const struct bench_contender *c, const char *want,
			 char *why, size_t size)
{
	char path[] = "/tmp/logbench-XXXXXX";
	struct check_thread t = { c, harness_input(c, 0) };
	pthread_t th[2];
	int fd = mkstemp(path), lines = 0, ret = -1, i;
	char *all, *line, *next;

	if (fd < 0 || fcntl(fd, F_SETFL, O_APPEND)) {
		snprintf(why, size, "cannot make a file: %s", strerror(errno));
		return -1;
	}
	unlink(path);
	check_configure(c, fd, 1, 0, 1);
	for (i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, check_thread_main, &t);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	all = check_slurp(fd);
	for (line = all; line && *line; line = next, lines++) {
		char save;

		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		save = *next;
		*next = '\0';
		if (verify_json(want, line, 1, why, size))
			goto out_free;
		*next = save;
	}
	if (lines != 2 * CHECK_THREAD_LINES) {
		snprintf(why, size, "%d lines, not %d", lines,
			 2 * CHECK_THREAD_LINES);
		goto out_free;
	}
	ret = 0;
out_free:
	free(all);
	close(fd);
	return ret;
}

static int check_mode(const struct bench_contender *c, enum check_mode mode,
		      enum bench_event ev, char *why, size_t size)
{
	static char want[TIMING_LINE], got[TIMING_LINE];
	int frozen = mode != CHECK_JSON, pretty = mode == CHECK_PRETTY;
	const struct bench_input *in = harness_input(c, pretty);

	check_reference(c, ev, frozen, pretty, want);
	if (mode == CHECK_THREADS)
		return ev == BENCH_TEN ? check_threads(c, want, why, size) : 0;
	if (mode == CHECK_WRITE) {
		if (check_write_path(c, ev, got)) {
			snprintf(why, size, "no pipe: %s", strerror(errno));
			return -1;
		}
	} else {
		check_configure(c, harness_devnull, frozen, pretty, 0);
		c->format_n(ev, in, got, sizeof(got), 1);
	}
	if (pretty)
		return verify_text(want, got, why, size);
	return verify_json(want, got, frozen, why, size);
}

static void check_cell(FILE *out, const struct bench_contender *c,
		       enum check_mode mode, int *ok)
{
	char why[256];
	int ev;

	if (mode == CHECK_PRETTY && !c->has_pretty) {
		fprintf(out, " n/a |");
		return;
	}
	for (ev = 0; ev < BENCH_NEVENTS; ev++) {
		if (check_mode(c, mode, (enum bench_event)ev, why,
			       sizeof(why))) {
			fprintf(out, " FAILS (%s: %s) |",
				harness_event_names[ev], why);
			*ok = 0;
			return;
		}
	}
	fprintf(out, " same |");
}

int checks_output(FILE *out, int *ok)
{
	int i, m;

	fprintf(out, "| contender |");
	for (m = 0; m < CHECK_NMODES; m++)
		fprintf(out, " %s |", check_mode_names[m]);
	fprintf(out, "\n|---|");
	for (m = 0; m < CHECK_NMODES; m++)
		fprintf(out, "---|");
	fprintf(out, "\n");
	for (i = 0; i < HARNESS_NC; i++) {
		const struct bench_contender *c = harness_contenders[i];

		ok[i] = 1;
		fprintf(out, "| %s |", c->name);
		for (m = 0; m < CHECK_NMODES; m++)
			check_cell(out, c, (enum check_mode)m, &ok[i]);
		fprintf(out, "\n");
	}
	return ok[0] ? 0 : -1;
}

/* write(2) and writev(2) calls of this process so far. */
static long check_write_calls(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	char line[128];
	long n = -1;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "syscw:", 6))
			n = atol(line + 6);
	if (f)
		fclose(f);
	return n;
}

#define CHECK_COST_EVENTS 1000

struct check_cost {
	double allocs;		/* into memory */
	double bytes;
	double write_allocs;	/* through write(2) */
	double writes;
	size_t line;
};

static void check_measure(const struct bench_contender *c,
			  enum bench_event ev, struct check_cost *cost)
{
	static char buf[TIMING_LINE];
	const struct bench_input *in = harness_input(c, 0);
	struct bench_heap h;
	long w0, w1;

	check_configure(c, harness_devnull, 0, 0, 0);
	c->format_n(ev, in, buf, sizeof(buf), 100);
	bench_heap_count(1);
	cost->line = c->format_n(ev, in, buf, sizeof(buf), CHECK_COST_EVENTS);
	bench_heap_count(0);
	bench_heap_read(&h);
	cost->allocs = (double)h.allocs / CHECK_COST_EVENTS;
	cost->bytes = (double)h.bytes / CHECK_COST_EVENTS;

	c->emit_n(ev, in, 100);
	w0 = check_write_calls();
	bench_heap_count(1);
	c->emit_n(ev, in, CHECK_COST_EVENTS);
	bench_heap_count(0);
	w1 = check_write_calls();
	bench_heap_read(&h);
	cost->write_allocs = (double)h.allocs / CHECK_COST_EVENTS;
	cost->writes = (double)(w1 - w0) / CHECK_COST_EVENTS;
}

void checks_costs(FILE *out, const int *ok, FILE *targets)
{
	double worst = 0;
	int i, ev;

	fprintf(out, "| contender | event | heap allocations/event | "
		"heap bytes/event | allocations/event, write path | "
		"line bytes | write calls/event |\n"
		"|---|---|---:|---:|---:|---:|---:|\n");
	for (i = 0; i < HARNESS_NC; i++) {
		const struct bench_contender *c = harness_contenders[i];

		if (!ok[i])
			continue;
		for (ev = 0; ev < BENCH_NEVENTS; ev++) {
			struct check_cost k;

			check_measure(c, (enum bench_event)ev, &k);
			fprintf(out, "| %s | %s | %.2f | %.0f | %.2f | %zu | "
				"%.2f |\n", c->name, harness_event_names[ev],
				k.allocs, k.bytes, k.write_allocs, k.line,
				k.writes);
			if (i == 0 && k.allocs > worst)
				worst = k.allocs;
			if (i == 0 && k.write_allocs > worst)
				worst = k.write_allocs;
		}
	}
	fprintf(targets, "| zero heap allocations per event | 0 | %.2f | %s |\n",
		worst, worst == 0 ? "met" : "missed");
}
