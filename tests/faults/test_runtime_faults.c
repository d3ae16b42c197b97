/*
 * test_runtime_faults.c: the generated runtime under a failing write(2).
 *
 * Linked with -Wl,--wrap=write, so every write the runtime makes to the
 * descriptor under test follows a plan: pass, a short count, 0, or an
 * error (EINTR, EAGAIN, EPIPE, ENOSPC, EBADF, EIO). The output is read
 * back and each line parsed with jansson: every event must be either
 * written whole or counted by ffl_lost_events(), and no line may be half
 * of one event glued to another. Last, events larger than the line must
 * stay inside the line buffer and keep their standard fields.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "ffl_log.h"

ssize_t __real_write(int fd, const void *buf, size_t len);
ssize_t __wrap_write(int fd, const void *buf, size_t len);

/* ---- the write plan ---------------------------------------------------- */

enum step_kind {
	STEP_OK,
	STEP_SHORT,		/* at most `arg` bytes */
	STEP_ZERO,		/* returns 0, writes nothing */
	STEP_FAIL		/* returns -1 with errno `arg` */
};

struct step {
	enum step_kind kind;
	int arg;
};

#define MAX_STEPS 20000

static struct step plan[MAX_STEPS];
static size_t plan_len;
static int plan_cycles;		/* repeat the plan, or pass once it ends */
static size_t plan_pos;
static int target_fd = -1;

static const struct {
	const char *name;
	int err;
} step_errors[] = {
	{ "eintr", EINTR }, { "eagain", EAGAIN }, { "epipe", EPIPE },
	{ "enospc", ENOSPC }, { "ebadf", EBADF }, { "eio", EIO },
};

static struct step parse_step(const char *word)
{
	struct step s = { STEP_OK, 0 };
	size_t i;

	if (!strncmp(word, "short:", 6)) {
		s.kind = STEP_SHORT;
		s.arg = atoi(word + 6);
		return s;
	}
	if (!strcmp(word, "zero")) {
		s.kind = STEP_ZERO;
		return s;
	}
	for (i = 0; i < sizeof(step_errors) / sizeof(step_errors[0]); i++)
		if (!strcmp(word, step_errors[i].name)) {
			s.kind = STEP_FAIL;
			s.arg = step_errors[i].err;
			return s;
		}
	assert_string_equal(word, "ok");
	return s;
}

/* Follow `text` ("short:7 eintr ok ...") for writes to `fd`. */
static void plan_set(int fd, const char *text, int cycles)
{
	char *copy = strdup(text), *word, *save = NULL;

	assert_non_null(copy);
	plan_len = 0;
	for (word = strtok_r(copy, " ", &save); word;
	     word = strtok_r(NULL, " ", &save)) {
		assert_true(plan_len < MAX_STEPS);
		plan[plan_len++] = parse_step(word);
	}
	free(copy);
	plan_cycles = cycles;
	__atomic_store_n(&plan_pos, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&target_fd, fd, __ATOMIC_SEQ_CST);
}

static void plan_add(struct step s)
{
	assert_true(plan_len < MAX_STEPS);
	plan[plan_len++] = s;
}

static void plan_clear(void)
{
	__atomic_store_n(&target_fd, -1, __ATOMIC_SEQ_CST);
	plan_len = 0;
}

ssize_t __wrap_write(int fd, const void *buf, size_t len)
{
	size_t i;
	struct step s;

	if (fd != __atomic_load_n(&target_fd, __ATOMIC_SEQ_CST) || !plan_len)
		return __real_write(fd, buf, len);
	i = __atomic_fetch_add(&plan_pos, 1, __ATOMIC_SEQ_CST);
	if (i >= plan_len && !plan_cycles)
		return __real_write(fd, buf, len);
	s = plan[i % plan_len];
	switch (s.kind) {
	case STEP_SHORT: {
		/* A short count comes with a signal: let another thread run. */
		ssize_t n = __real_write(fd, buf,
					 len < (size_t)s.arg ? len : (size_t)s.arg);

		sched_yield();
		return n;
	}
	case STEP_ZERO:
		return 0;
	case STEP_FAIL:
		errno = s.arg;
		return -1;
	default:
		return __real_write(fd, buf, len);
	}
}

/* ---- output and its check ---------------------------------------------- */

/* An unlinked temporary file, appended to. */
static int open_output(void)
{
	char path[] = "/tmp/logschema-faults-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	assert_int_equal(fcntl(fd, F_SETFL, O_APPEND), 0);
	return fd;
}

static char *read_output(int fd, size_t *len)
{
	struct stat st;
	char *data;

	assert_int_equal(fstat(fd, &st), 0);
	data = malloc((size_t)st.st_size + 1);
	assert_non_null(data);
	assert_int_equal(pread(fd, data, (size_t)st.st_size, 0), st.st_size);
	data[st.st_size] = '\0';
	*len = (size_t)st.st_size;
	return data;
}

/* The path event `i` carries: lengths vary so writes split anywhere. */
static void event_path(char *buf, size_t size, long i)
{
	snprintf(buf, size, "/data/%ld/%.*s.mp4", i, (int)(i * 7 % 180),
		 "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"
		 "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop"
		 "qrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789");
}

static void log_event(long i)
{
	char path[256];

	event_path(path, sizeof(path), i);
	ffl_download_downloaded(NULL, .file_path = path, .size = i);
}

struct tally {
	long whole;		/* lines that are one whole event */
	long torn;		/* lines (or a tail) that are not */
	long glued;		/* whole events behind a fragment on their line */
	long mixed;		/* JSON lines made of pieces of several events */
};

/*
 * Note event `ev` in `seen`; -1 if it is not one new event of ours, as a
 * line made of pieces of two events can be.
 */
static int take_event(json_t *ev, unsigned char *seen, long total)
{
	const char *action = json_string_value(json_object_get(ev, "action"));
	const char *file = json_string_value(json_object_get(ev, "file_path"));
	json_t *size = json_object_get(ev, "size");
	json_int_t n = json_integer_value(size);
	char path[256];

	if (!action || strcmp(action, "downloaded") || !json_is_integer(size) ||
	    n < 0 || n >= total || seen[n])
		return -1;
	event_path(path, sizeof(path), (long)n);
	if (!file || strcmp(file, path))
		return -1;
	seen[n] = 1;
	return 0;
}

/* The last `{"ts":` of a torn line, if a whole event starts there. */
static json_t *glued_event(const char *line, size_t len)
{
	const char *p = line + len;

	while (p > line) {
		json_t *ev;

		p--;
		if (strncmp(p, "{\"ts\":", 6))
			continue;
		ev = json_loadb(p, len - (size_t)(p - line), 0, NULL);
		if (ev && json_is_object(ev))
			return ev;
		json_decref(ev);
		return NULL;
	}
	return NULL;
}

/*
 * Every line of `data` is one whole event, seen once, or torn; a torn
 * line may end with a whole event glued to the fragment before it.
 * Events are numbered 0 to `total` - 1 by their "size" field.
 */
static struct tally check_lines(const char *data, size_t len, long total)
{
	struct tally t = { 0, 0, 0, 0 };
	unsigned char *seen = calloc((size_t)total, 1);
	const char *p = data, *end = data + len;

	assert_non_null(seen);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		json_t *ev = json_loadb(p, n, 0, NULL);

		if (ev && json_is_object(ev)) {
			if (take_event(ev, seen, total))
				t.mixed++;
			else
				t.whole++;
		} else {
			json_decref(ev);
			t.torn++;
			ev = glued_event(p, n);
			if (ev && take_event(ev, seen, total))
				t.mixed++;
			else if (ev)
				t.glued++;
		}
		json_decref(ev);
		p += n + 1;
	}
	free(seen);
	return t;
}

/*
 * The invariant: each event whole or lost, no line torn but by a lost
 * event, no event glued behind the fragment of another, no line mixing
 * pieces of two events.
 */
static void check_tally(struct tally t, long total, uint64_t lost)
{
	if (t.mixed)
		fail_msg("%ld lines are JSON made of pieces of several events",
			 t.mixed);
	if (t.glued)
		fail_msg("%ld events written after a torn line never ended",
			 t.glued);
	if (t.whole + (long)lost != total || t.torn > (long)lost)
		fail_msg("%ld events: %ld whole, %ld torn, %lu counted lost",
			 total, t.whole, t.torn, (unsigned long)lost);
}

/*
 * Log `total` events to a fresh file under the plan and check the
 * invariant.
 */
static struct tally run_plan(const char *text, int cycles, long total,
			     uint64_t *lostp)
{
	int fd = open_output();
	uint64_t lost = ffl_lost_events();
	struct tally t;
	size_t len;
	char *data;
	long i;

	ffl_set_fd(fd);
	plan_set(fd, text, cycles);
	for (i = 0; i < total; i++)
		log_event(i);
	plan_clear();
	ffl_set_fd(2);
	lost = ffl_lost_events() - lost;
	data = read_output(fd, &len);
	close(fd);
	t = check_lines(data, len, total);
	free(data);
	*lostp = lost;
	check_tally(t, total, lost);
	return t;
}

static int setup(void **state)
{
	(void)state;
	ffl_set_level(FFL_DEBUG);
	ffl_set_format(FFL_FORMAT_JSON);
	ffl_set_write_timeout(100);
	ffl_freeze_clock(1736951422123456);
	return 0;
}

/* ---- the tests --------------------------------------------------------- */

static void test_interrupted_and_short_writes_lose_nothing(void **state)
{
	uint64_t lost;
	struct tally t;

	(void)state;
	t = run_plan("eintr short:1 short:17 eintr eintr ok short:100 "
		     "eagain short:2 ok eintr short:255", 1, 500, &lost);
	assert_int_equal(lost, 0);
	assert_int_equal(t.torn, 0);
}

static void test_errors_at_a_line_start_lose_whole_events(void **state)
{
	uint64_t lost;
	struct tally t;

	(void)state;
	t = run_plan("ok epipe ok enospc ok ok ebadf ok eio zero ok", 1, 550,
		     &lost);
	assert_int_equal(lost, 250);
	assert_int_equal(t.whole, 300);
	assert_int_equal(t.torn, 0);
}

static void test_an_error_after_a_short_write_ends_the_line(void **state)
{
	uint64_t lost;
	struct tally t;

	(void)state;
	t = run_plan("ok short:10 enospc", 0, 20, &lost);
	assert_int_equal(lost, 1);
	assert_int_equal(t.torn, 1);
	assert_int_equal(t.whole, 19);
}

/*
 * The disk is still full when the runtime tries to end the torn line: the
 * next line written must not be glued to the fragment.
 */
static void test_a_torn_line_is_ended_before_the_next_event(void **state)
{
	uint64_t lost;
	struct tally t;

	(void)state;
	t = run_plan("ok short:10 enospc enospc enospc", 0, 20, &lost);
	assert_int_equal(t.torn, 1);
}

static void test_endless_eagain_gives_up_in_time(void **state)
{
	uint64_t lost;
	struct tally t;
	struct timespec a, b;
	double s;

	(void)state;
	ffl_set_write_timeout(10);
	clock_gettime(CLOCK_MONOTONIC, &a);
	t = run_plan("eagain", 1, 5, &lost);
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	assert_int_equal(lost, 5);
	assert_int_equal(t.whole + t.torn, 0);
	assert_true(s < 2.0);
}

static void test_a_storm_of_interrupts_still_writes(void **state)
{
	struct step eintr = { STEP_FAIL, EINTR }, ok = { STEP_OK, 0 };
	int fd = open_output();
	size_t len, i;
	char *data;
	struct tally t;

	(void)state;
	ffl_set_fd(fd);
	plan_set(fd, "ok", 0);
	plan_len = 0;
	for (i = 0; i < 10000; i++)
		plan_add(eintr);
	plan_add(ok);
	log_event(0);
	plan_clear();
	ffl_set_fd(2);
	data = read_output(fd, &len);
	close(fd);
	t = check_lines(data, len, 1);
	free(data);
	assert_int_equal(t.whole, 1);
}

/* Every step kind, drawn at random: the invariant of run_plan() holds. */
static void test_random_faults_keep_events_whole_or_lost(void **state)
{
	static const char *const words[] = {
		"ok", "ok", "ok", "ok", "short:1", "short:9", "short:64",
		"eintr", "eagain", "zero", "epipe", "enospc", "ebadf", "eio",
	};
	const size_t nwords = sizeof(words) / sizeof(words[0]);
	uint32_t seed;
	int round;

	(void)state;
	for (round = 0, seed = 2463534242u; round < 20; round++) {
		char text[8192];
		size_t n = 0;
		uint64_t lost;
		int k;

		for (k = 0; k < 200; k++) {
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s ",
					      words[seed % nwords]);
		}
		run_plan(text, 1, 300, &lost);
	}
}

/* ---- threads ----------------------------------------------------------- */

#define THREADS 4
#define THREAD_EVENTS 400

static void *log_range(void *arg)
{
	long base = (long)(intptr_t)arg, i;

	for (i = 0; i < THREAD_EVENTS; i++)
		log_event(base + i);
	return NULL;
}

/*
 * Short counts from several threads at once: the rest of a line must not
 * land after another thread's line.
 */
static void test_short_writes_from_threads_do_not_interleave(void **state)
{
	int fd = open_output();
	uint64_t lost = ffl_lost_events();
	pthread_t th[THREADS];
	struct tally t;
	size_t len;
	char *data;
	long i;

	(void)state;
	ffl_set_fd(fd);
	plan_set(fd, "short:13 ok short:40 ok ok short:1", 1);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, log_range,
			(void *)(intptr_t)(i * THREAD_EVENTS)), 0);
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	plan_clear();
	ffl_set_fd(2);
	lost = ffl_lost_events() - lost;
	data = read_output(fd, &len);
	close(fd);
	t = check_lines(data, len, THREADS * THREAD_EVENTS);
	free(data);
	if (t.torn || t.mixed || t.glued)
		fail_msg("%ld of %d lines torn by another thread's line landing "
			 "inside them, %ld of them JSON mixing two events",
			 t.torn + t.mixed, THREADS * THREAD_EVENTS, t.mixed);
	assert_int_equal(t.whole + (long)lost, THREADS * THREAD_EVENTS);
}

struct pipe_reader {
	int fd;
	char *data;
	size_t len, alloc;
	long stop_after;	/* close after this many lines, or -1 */
};

static void *read_pipe(void *arg)
{
	struct pipe_reader *r = arg;
	long lines = 0;
	ssize_t n;

	for (;;) {
		size_t i;

		if (r->alloc - r->len < 65536) {
			r->alloc = r->alloc ? 2 * r->alloc : 1 << 20;
			r->data = realloc(r->data, r->alloc);
			if (!r->data)
				return NULL;
		}
		n = read(r->fd, r->data + r->len, 65536);
		if (n <= 0)
			break;
		for (i = 0; i < (size_t)n; i++)
			lines += r->data[r->len + i] == '\n';
		r->len += (size_t)n;
		if (r->stop_after >= 0 && lines >= r->stop_after)
			break;
	}
	close(r->fd);
	return NULL;
}

/*
 * The descriptor is closed while threads log to it: the later events fail
 * with EBADF and are counted, every line that got out is whole.
 */
static void test_descriptor_closed_under_the_logger(void **state)
{
	struct pipe_reader r = { -1, NULL, 0, 0, -1 };
	uint64_t lost = ffl_lost_events();
	pthread_t th[THREADS], rd;
	struct timespec pause = { 0, 2 * 1000 * 1000 };
	struct tally t;
	int fds[2];
	long i;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	r.fd = fds[0];
	assert_int_equal(pthread_create(&rd, NULL, read_pipe, &r), 0);
	ffl_set_fd(fds[1]);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, log_range,
			(void *)(intptr_t)(i * THREAD_EVENTS)), 0);
	nanosleep(&pause, NULL);
	close(fds[1]);
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	pthread_join(rd, NULL);
	ffl_set_fd(2);
	lost = ffl_lost_events() - lost;
	t = check_lines(r.data, r.len, THREADS * THREAD_EVENTS);
	free(r.data);
	assert_int_equal(t.torn + t.mixed, 0);
	assert_int_equal(t.whole + (long)lost, THREADS * THREAD_EVENTS);
}

/* The reader goes away mid-stream: no SIGPIPE death, lines read whole. */
static void test_reader_gone_mid_stream(void **state)
{
	struct pipe_reader r = { -1, NULL, 0, 0, 50 };
	uint64_t lost = ffl_lost_events();
	pthread_t th[THREADS], rd;
	struct tally t;
	int fds[2];
	long i;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	r.fd = fds[0];
	assert_int_equal(pthread_create(&rd, NULL, read_pipe, &r), 0);
	ffl_set_fd(fds[1]);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, log_range,
			(void *)(intptr_t)(i * THREAD_EVENTS)), 0);
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	pthread_join(rd, NULL);
	ffl_set_fd(2);
	close(fds[1]);
	lost = ffl_lost_events() - lost;
	t = check_lines(r.data, r.len, THREADS * THREAD_EVENTS);
	free(r.data);
	assert_true(lost > 0);
	assert_int_equal(t.torn + t.mixed, 0);
	assert_true(t.whole >= 50);
}

/* ---- oversized input --------------------------------------------------- */

#define CANARY 16384

static char guarded[FFL_LINE_MAX + 1 + CANARY];

/* Whether formatting left every byte past `size` as it was. */
static int stayed_inside(size_t size)
{
	size_t i;

	for (i = size; i < sizeof(guarded); i++)
		if (guarded[i] != 0x5a)
			return 0;
	return 1;
}

static char *repeat(int c, size_t n)
{
	char *s = malloc(n + 1);

	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* A .msg longer than the line, then a field: the line stays in its buffer. */
static void test_a_message_longer_than_the_line_stays_in_the_buffer(void **state)
{
	char *msg = repeat('m', 5000), *path = repeat('p', 3000);
	size_t len;
	json_t *ev;
	int inside;

	(void)state;
	memset(guarded, 0x5a, sizeof(guarded));
	ffl_format_event(guarded, FFL_LINE_MAX + 1, &len,
			 ffl_download_downloaded, NULL, .msg = msg,
			 .file_path = path);
	inside = stayed_inside(FFL_LINE_MAX + 1);
	free(msg);
	free(path);
	assert_true(inside);
	assert_true(len <= FFL_LINE_MAX);
	ev = json_loadb(guarded, len - 1, 0, NULL);
	assert_non_null(ev);
	assert_true(json_is_true(json_object_get(ev, "truncated")));
	json_decref(ev);
}

/* Untyped module and action longer than the line: msg is still there. */
static void test_a_cut_head_keeps_every_standard_field(void **state)
{
	static const char *const keys[] = { "ts", "level", "module", "action", "msg" };
	char *module = repeat('a', 3000), *action = repeat('b', 3000);
	size_t len, i;
	json_t *ev;
	int whole = 1;

	(void)state;
	memset(guarded, 0x5a, sizeof(guarded));
	len = ffl_format_log(guarded, FFL_LINE_MAX + 1, NULL, FFL_INFO, module,
			     action, "the message");
	free(module);
	free(action);
	assert_true(stayed_inside(FFL_LINE_MAX + 1));
	ev = json_loadb(guarded, len - 1, 0, NULL);
	assert_non_null(ev);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		whole &= json_object_get(ev, keys[i]) != NULL;
	json_decref(ev);
	assert_true(whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_interrupted_and_short_writes_lose_nothing, setup),
		cmocka_unit_test_setup(test_errors_at_a_line_start_lose_whole_events, setup),
		cmocka_unit_test_setup(test_an_error_after_a_short_write_ends_the_line, setup),
		cmocka_unit_test_setup(test_a_torn_line_is_ended_before_the_next_event, setup),
		cmocka_unit_test_setup(test_endless_eagain_gives_up_in_time, setup),
		cmocka_unit_test_setup(test_a_storm_of_interrupts_still_writes, setup),
		cmocka_unit_test_setup(test_random_faults_keep_events_whole_or_lost, setup),
		cmocka_unit_test_setup(test_short_writes_from_threads_do_not_interleave, setup),
		cmocka_unit_test_setup(test_descriptor_closed_under_the_logger, setup),
		cmocka_unit_test_setup(test_reader_gone_mid_stream, setup),
		cmocka_unit_test_setup(test_a_message_longer_than_the_line_stays_in_the_buffer, setup),
		cmocka_unit_test_setup(test_a_cut_head_keeps_every_standard_field, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
