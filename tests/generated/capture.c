/* capture.c: an in-memory sink and JSON assertions for the generated API tests. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"

static char **lines;
static size_t nlines, alloc;

int capture_sink(void *ctx, const char *line, size_t len)
{
	char *copy;

	(void)ctx;
	if (nlines == alloc) {
		size_t n = alloc ? 2 * alloc : 64;
		char **grown = realloc(lines, n * sizeof(*lines));

		if (!grown)
			return -1;
		lines = grown;
		alloc = n;
	}
	copy = malloc(len + 1);
	if (!copy)
		return -1;
	memcpy(copy, line, len);
	copy[len] = '\0';
	lines[nlines++] = copy;
	return 0;
}

void capture_reset(void)
{
	size_t i;

	for (i = 0; i < nlines; i++)
		free(lines[i]);
	nlines = 0;
}

size_t capture_count(void)
{
	return nlines;
}

const char *capture_line(size_t i)
{
	return i < nlines ? lines[i] : NULL;
}

static json_t *parse_line(const char *line, size_t len)
{
	json_error_t err;
	json_t *obj;

	assert_true(len > 0);
	assert_int_equal(line[len - 1], '\n');
	assert_null(memchr(line, '\n', len - 1));
	obj = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
	if (!obj)
		fail_msg("invalid JSON (%s) in: %.*s", err.text, (int)len, line);
	assert_true(json_is_object(obj));
	return obj;
}

json_t *capture_json(size_t i)
{
	const char *line = capture_line(i);

	assert_non_null(line);
	return parse_line(line, strlen(line));
}

void assert_keys(json_t *obj, const char *const *keys, size_t n)
{
	void *it = json_object_iter(obj);
	size_t i;

	for (i = 0; i < n; i++) {
		if (!it)
			fail_msg("key '%s' missing", keys[i]);
		if (strcmp(json_object_iter_key(it), keys[i]))
			fail_msg("key %zu is '%s', expected '%s'", i,
				 json_object_iter_key(it), keys[i]);
		it = json_object_iter_next(obj, it);
	}
	if (it)
		fail_msg("unexpected key '%s'", json_object_iter_key(it));
}

size_t assert_json_lines(const char *text, size_t len)
{
	size_t n = 0;

	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t k;
		json_t *obj;

		assert_non_null(nl);
		k = (size_t)(nl - text) + 1;
		obj = parse_line(text, k);
		json_decref(obj);
		text += k;
		len -= k;
		n++;
	}
	return n;
}
