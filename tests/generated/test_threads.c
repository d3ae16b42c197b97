/* test_threads.c: many threads, one pipe, every line whole. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "ffl_log.h"

#define THREADS 8
#define EVENTS 10000

struct reader {
	int fd;
	char *data;
	size_t len;
};

static void *read_all(void *arg)
{
	struct reader *r = arg;
	size_t alloc = 1 << 20;
	ssize_t n;

	r->data = malloc(alloc);
	for (;;) {
		if (r->len == alloc) {
			alloc *= 2;
			r->data = realloc(r->data, alloc);
		}
		if (!r->data)
			return NULL;
		n = read(r->fd, r->data + r->len, alloc - r->len);
		if (n <= 0)
			break;
		r->len += (size_t)n;
	}
	return NULL;
}

static void *write_events(void *arg)
{
	int64_t t = (int64_t)(intptr_t)arg;
	ffl_logger *lg = ffl_logger_new(NULL, FFL_INT("thread", t),
					FFL_STR("workflow_id", "wf"));
	int64_t i;

	for (i = 0; i < EVENTS; i++) {
		if (i % 2)
			ffl_upload_dedup_complete(lg, .to_upload = i,
						  .replacements = t);
		else
			ffl_log(lg, FFL_INFO, "upload", "dedup_complete",
				"untyped \"quoted\" message\n",
				FFL_INT("to_upload", i));
	}
	ffl_logger_free(lg);
	return NULL;
}

static void test_threads_share_one_pipe_without_interleaving(void **state)
{
	static unsigned char seen[THREADS][EVENTS];
	pthread_t writers[THREADS], rd;
	struct reader r = { 0, NULL, 0 };
	int fds[2];
	size_t lines = 0, off = 0;
	intptr_t t;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	r.fd = fds[0];
	ffl_set_level(FFL_DEBUG);
	ffl_set_fd(fds[1]);
	assert_int_equal(pthread_create(&rd, NULL, read_all, &r), 0);
	for (t = 0; t < THREADS; t++)
		assert_int_equal(pthread_create(&writers[t], NULL,
						write_events, (void *)t), 0);
	for (t = 0; t < THREADS; t++)
		pthread_join(writers[t], NULL);
	ffl_set_fd(2);
	close(fds[1]);
	pthread_join(rd, NULL);
	close(fds[0]);
	assert_non_null(r.data);

	while (off < r.len) {
		char *nl = memchr(r.data + off, '\n', r.len - off);
		json_error_t err;
		json_t *o;
		json_int_t th, seq;

		assert_non_null(nl);
		o = json_loadb(r.data + off, (size_t)(nl - (r.data + off)),
			       JSON_REJECT_DUPLICATES, &err);
		if (!o)
			fail_msg("line %zu: %s", lines, err.text);
		th = json_integer_value(json_object_get(o, "thread"));
		seq = json_integer_value(json_object_get(o, "to_upload"));
		assert_true(th >= 0 && th < THREADS);
		assert_true(seq >= 0 && seq < EVENTS);
		assert_int_equal(seen[th][seq], 0);
		seen[th][seq] = 1;
		json_decref(o);
		off = (size_t)(nl - r.data) + 1;
		lines++;
	}
	assert_int_equal(lines, THREADS * EVENTS);
	assert_int_equal(ffl_lost_events(), 0);
	free(r.data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threads_share_one_pipe_without_interleaving),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
