/*
 * verify.c: checks that a contender's line says what the generated line
 * says, so that no contender is timed writing less.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "verify.h"

static const char *const verify_head[] = { "ts", "level", "module", "action",
					   "msg" };

/* One line: ends with its only newline. */
static int verify_one_line(const char *line, char *why, size_t size)
{
	size_t n = strlen(line);

	if (n == 0 || line[n - 1] != '\n') {
		snprintf(why, size, "line does not end with a newline");
		return -1;
	}
	if (memchr(line, '\n', n - 1)) {
		snprintf(why, size, "line holds a newline before its end");
		return -1;
	}
	return 0;
}

/* A UTC time as 2025-01-15T14:30:22.123456Z. */
static int verify_ts_shape(const char *ts)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd.ddddddZ";
	size_t i;

	if (strlen(ts) != sizeof(shape) - 1)
		return -1;
	for (i = 0; ts[i]; i++) {
		if (shape[i] == 'd' ? (ts[i] < '0' || ts[i] > '9') :
		    ts[i] != shape[i])
			return -1;
	}
	return 0;
}

static int verify_head_order(json_t *obj, char *why, size_t size)
{
	void *it = json_object_iter(obj);
	size_t i;

	for (i = 0; i < sizeof(verify_head) / sizeof(verify_head[0]); i++) {
		const char *key = it ? json_object_iter_key(it) : "(end)";

		if (strcmp(key, verify_head[i])) {
			snprintf(why, size, "key %zu is '%s', not '%s'", i + 1,
				 key, verify_head[i]);
			return -1;
		}
		it = json_object_iter_next(obj, it);
	}
	return 0;
}

static int verify_fields(json_t *want, json_t *got, int same_ts, char *why,
			 size_t size)
{
	const char *key;
	json_t *value;

	if (json_object_size(want) != json_object_size(got)) {
		snprintf(why, size, "%zu keys where the generated line has %zu",
			 json_object_size(got), json_object_size(want));
		return -1;
	}
	json_object_foreach(want, key, value) {
		json_t *other = json_object_get(got, key);

		if (!other) {
			snprintf(why, size, "key '%s' is missing", key);
			return -1;
		}
		if (!same_ts && !strcmp(key, "ts")) {
			if (!json_is_string(other) ||
			    verify_ts_shape(json_string_value(other))) {
				snprintf(why, size, "'ts' is not a UTC time");
				return -1;
			}
			continue;
		}
		if (!json_equal(value, other)) {
			snprintf(why, size, "key '%s' has another value", key);
			return -1;
		}
	}
	return 0;
}

int verify_json(const char *want, const char *got, int same_ts, char *why,
		size_t size)
{
	json_t *w = NULL, *g = NULL;
	json_error_t err;
	int ret = -1;

	if (verify_one_line(got, why, size))
		return -1;
	w = json_loads(want, 0, &err);
	if (!w) {
		snprintf(why, size, "generated line: %s", err.text);
		return -1;
	}
	g = json_loads(got, 0, &err);
	if (!g) {
		snprintf(why, size, "not JSON: %s", err.text);
		goto out_free;
	}
	if (!json_is_object(g)) {
		snprintf(why, size, "not a JSON object");
		goto out_free;
	}
	if (verify_head_order(g, why, size) ||
	    verify_fields(w, g, same_ts, why, size))
		goto out_free;
	ret = 0;
out_free:
	json_decref(w);
	json_decref(g);
	return ret;
}

int verify_text(const char *want, const char *got, char *why, size_t size)
{
	size_t i;

	if (verify_one_line(got, why, size))
		return -1;
	if (!strcmp(want, got))
		return 0;
	for (i = 0; want[i] && want[i] == got[i]; i++)
		;
	snprintf(why, size, "differs at byte %zu: '%.24s' where the generated "
		 "line has '%.24s'", i + 1, got + i, want + i);
	return -1;
}
