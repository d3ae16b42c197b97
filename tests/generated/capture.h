/* capture.h: collect the lines a generated logger writes, for the tests. */
#ifndef CAPTURE_H
#define CAPTURE_H

#include <stddef.h>
#include <jansson.h>

/* The sink the tests install: appends each line to the capture. */
int capture_sink(void *ctx, const char *line, size_t len);

/* Forget every line captured so far. */
void capture_reset(void);

/* How many lines were captured. */
size_t capture_count(void);

/* Line `i` (0-based), with its newline, NUL-terminated; NULL past the end. */
const char *capture_line(size_t i);

/*
 * Line `i` parsed as one JSON object, after checking that it ends with its
 * only newline; fails the test otherwise. The caller decrefs.
 */
json_t *capture_json(size_t i);

/* Assert that object `obj` has exactly the keys given, in this order. */
void assert_keys(json_t *obj, const char *const *keys, size_t n);
#define ASSERT_KEYS(obj, ...) \
	assert_keys((obj), (const char *const[]){ __VA_ARGS__ }, \
		sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *))

/* Check that `text` is whole lines, each a valid JSON object; returns how many. */
size_t assert_json_lines(const char *text, size_t len);

#endif
