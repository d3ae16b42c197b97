/* test_output.c: the JSON lines of the generated found-footy API. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capture.h"
#include "ffl_log.h"

/* 2025-01-15T14:30:22.123456Z */
#define T0 1736951422123456LL

static int setup(void **state)
{
	(void)state;
	capture_reset();
	ffl_set_sink(capture_sink, NULL);
	ffl_set_level(FFL_DEBUG);
	ffl_set_format(FFL_FORMAT_JSON);
	ffl_set_line_max(FFL_LINE_MAX);
	ffl_freeze_clock(T0);
	return 0;
}

static json_t *only_line(void)
{
	assert_int_equal(capture_count(), 1);
	return capture_json(0);
}

static void test_reference_example_is_byte_exact(void **state)
{
	(void)state;
	ffl_upload_s3_upload_success(NULL, .event_id = "goal_123_456",
				     .duration_s = 2.5);
	assert_int_equal(capture_count(), 1);
	assert_string_equal(capture_line(0),
		"{\"ts\":\"2025-01-15T14:30:22.123456Z\",\"level\":\"INFO\","
		"\"module\":\"upload\",\"action\":\"s3_upload_success\","
		"\"msg\":\"Video uploaded to S3\",\"event_id\":\"goal_123_456\","
		"\"duration_s\":2.5}\n");
}

static void test_fields_follow_catalogue_order_with_json_types(void **state)
{
	json_t *o;

	(void)state;
	/* Given in reverse order; written in the catalogue's. */
	ffl_download_vision_check(NULL, .confidence = 0.75, .has_field = true,
				  .frame_idx = 3);
	o = only_line();
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "frame_idx",
		    "has_field", "confidence");
	assert_string_equal(json_string_value(json_object_get(o, "level")),
			    "DEBUG");
	assert_string_equal(json_string_value(json_object_get(o, "module")),
			    "download");
	assert_string_equal(json_string_value(json_object_get(o, "action")),
			    "vision_check");
	assert_true(json_is_integer(json_object_get(o, "frame_idx")));
	assert_int_equal(json_integer_value(json_object_get(o, "frame_idx")), 3);
	assert_true(json_is_true(json_object_get(o, "has_field")));
	assert_true(json_is_real(json_object_get(o, "confidence")));
	assert_true(json_real_value(json_object_get(o, "confidence")) == 0.75);
	json_decref(o);
}

static void test_msg_replaces_the_default_message(void **state)
{
	json_t *o;

	(void)state;
	ffl_upload_dedup_complete(NULL, .msg = "Dedup finished",
				  .to_upload = 3, .replacements = 1);
	o = only_line();
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "to_upload",
		    "replacements");
	assert_string_equal(json_string_value(json_object_get(o, "msg")),
			    "Dedup finished");
	json_decref(o);
}

static void test_fields_left_out_are_omitted_and_zero_is_kept(void **state)
{
	json_t *o;

	(void)state;
	ffl_download_downloaded(NULL);
	ffl_download_downloaded(NULL, .file_path = NULL, .size = 0);
	ffl_download_vision_check(NULL, .has_field = false, .confidence = 0.0);
	assert_int_equal(capture_count(), 3);
	o = capture_json(0);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg");
	json_decref(o);
	o = capture_json(1);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "size");
	assert_int_equal(json_integer_value(json_object_get(o, "size")), 0);
	json_decref(o);
	o = capture_json(2);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "has_field",
		    "confidence");
	assert_true(json_is_false(json_object_get(o, "has_field")));
	assert_true(json_is_real(json_object_get(o, "confidence")));
	json_decref(o);
}

static void test_lists_are_json_arrays(void **state)
{
	const char *names[] = { "Man Utd", NULL, "Red \"Devils\"" };
	json_t *o, *a;

	(void)state;
	ffl_ingest_fetch_started(NULL, .date = "2025-01-15",
				 .leagues = FFL_INTS(39, 140, -1));
	ffl_rag_cache_hit(NULL, .aliases = FFL_STRS_N(names, 3));
	ffl_rag_cache_hit(NULL, .aliases = FFL_STRS_N(names, 0));
	assert_int_equal(capture_count(), 3);
	o = capture_json(0);
	a = json_object_get(o, "leagues");
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 3);
	assert_int_equal(json_integer_value(json_array_get(a, 1)), 140);
	assert_int_equal(json_integer_value(json_array_get(a, 2)), -1);
	json_decref(o);
	o = capture_json(1);
	a = json_object_get(o, "aliases");
	assert_int_equal(json_array_size(a), 3);
	assert_string_equal(json_string_value(json_array_get(a, 0)), "Man Utd");
	assert_true(json_is_null(json_array_get(a, 1)));
	assert_string_equal(json_string_value(json_array_get(a, 2)),
			    "Red \"Devils\"");
	json_decref(o);
	o = capture_json(2);
	assert_int_equal(json_array_size(json_object_get(o, "aliases")), 0);
	json_decref(o);
}

static void test_untyped_log_writes_fields_in_call_order(void **state)
{
	json_t *o;

	(void)state;
	ffl_log(NULL, FFL_WARNING, "rag", "fallback_aliases",
		"Using fallback aliases", FFL_INT("count", 2),
		FFL_STR("event_id", "ev1"), FFL_FLOAT("score", 0.5),
		FFL_BOOL("cached", 0), FFL_STR("missing", NULL),
		FFL_INT_LIST("ids", FFL_INTS(1, 2)),
		FFL_STR_LIST("aliases", FFL_STRS("a")));
	ffl_log(NULL, FFL_ERROR, "m", "a", "no fields");
	assert_int_equal(capture_count(), 2);
	o = capture_json(0);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "count",
		    "event_id", "score", "cached", "missing", "ids", "aliases");
	assert_string_equal(json_string_value(json_object_get(o, "level")),
			    "WARNING");
	assert_int_equal(json_integer_value(json_object_get(o, "count")), 2);
	assert_true(json_is_real(json_object_get(o, "score")));
	assert_true(json_is_false(json_object_get(o, "cached")));
	assert_true(json_is_null(json_object_get(o, "missing")));
	assert_int_equal(json_array_size(json_object_get(o, "ids")), 2);
	json_decref(o);
	o = capture_json(1);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg");
	json_decref(o);
}

static void test_untyped_names_are_escaped(void **state)
{
	json_t *o;

	(void)state;
	ffl_log(NULL, FFL_INFO, "mod\"ule", "act\nion", NULL,
		FFL_STR("k\"ey", "v"));
	o = only_line();
	assert_string_equal(json_string_value(json_object_get(o, "module")),
			    "mod\"ule");
	assert_string_equal(json_string_value(json_object_get(o, "action")),
			    "act\nion");
	assert_string_equal(json_string_value(json_object_get(o, "msg")), "");
	assert_string_equal(json_string_value(json_object_get(o, "k\"ey")), "v");
	json_decref(o);
}

static void test_bound_fields_come_after_msg(void **state)
{
	ffl_logger *wf = ffl_logger_new(NULL, FFL_STR("workflow_id", "wf-1"));
	ffl_logger *child = ffl_logger_new(wf, FFL_STR("workflow_id", "wf-2"),
					   FFL_INT("attempt", 2));
	json_t *o;

	(void)state;
	assert_non_null(wf);
	assert_non_null(child);
	ffl_upload_dedup_complete(wf, .to_upload = 1);
	ffl_upload_dedup_complete(child, .to_upload = 1);
	ffl_log(wf, FFL_INFO, "m", "a", "x", FFL_INT("n", 1));
	/* The event's own workflow_id would repeat the key: the bound one stays. */
	ffl_monitor_process_events_started(wf, .fixture_id = "f1",
					   .workflow_id = "other");
	assert_int_equal(capture_count(), 4);
	o = capture_json(0);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "workflow_id",
		    "to_upload");
	json_decref(o);
	o = capture_json(1);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "workflow_id",
		    "attempt", "to_upload");
	assert_string_equal(json_string_value(json_object_get(o, "workflow_id")),
			    "wf-2");
	json_decref(o);
	o = capture_json(2);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "workflow_id",
		    "n");
	json_decref(o);
	o = capture_json(3);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "workflow_id",
		    "fixture_id");
	assert_string_equal(json_string_value(json_object_get(o, "workflow_id")),
			    "wf-1");
	json_decref(o);
	ffl_logger_free(child);
	ffl_logger_free(wf);
	ffl_logger_free(NULL);

	/* A logger without fields logs as the default one. */
	capture_reset();
	wf = ffl_logger_new(NULL);
	assert_non_null(wf);
	ffl_upload_dedup_complete(wf, .to_upload = 1);
	o = capture_json(0);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "to_upload");
	json_decref(o);
	ffl_logger_free(wf);
}

static void test_format_event_writes_into_memory_only(void **state)
{
	char buf[1024];
	size_t len = 99;

	(void)state;
	ffl_format_event(buf, sizeof(buf), &len, ffl_upload_s3_upload_success,
			 NULL, .event_id = "goal_123_456", .duration_s = 2.5);
	assert_int_equal(capture_count(), 0);
	assert_int_equal(len, strlen(buf));
	assert_int_equal(assert_json_lines(buf, len), 1);
	len = ffl_format_log(buf, sizeof(buf), NULL, FFL_INFO, "m", "a", "x",
			     FFL_INT("n", 7));
	assert_int_equal(len, strlen(buf));
	assert_non_null(strstr(buf, ",\"n\":7}\n"));
	/* Too small for any line: an empty string. */
	ffl_format_event(buf, 100, &len, ffl_upload_s3_upload_success, NULL);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
}

static void test_errno_is_kept(void **state)
{
	(void)state;
	errno = ERANGE;
	ffl_upload_dedup_complete(NULL, .to_upload = 1);
	assert_int_equal(errno, ERANGE);
}

static void test_timestamp_is_utc_with_microseconds(void **state)
{
	json_t *o;

	(void)state;
	ffl_freeze_clock(0);
	ffl_upload_dedup_complete(NULL);
	ffl_freeze_clock(951782400000001LL);	/* a leap day */
	ffl_upload_dedup_complete(NULL);
	ffl_freeze_clock(-1);
	ffl_upload_dedup_complete(NULL);
	ffl_thaw_clock();
	ffl_upload_dedup_complete(NULL);
	assert_int_equal(capture_count(), 4);
	o = capture_json(0);
	assert_string_equal(json_string_value(json_object_get(o, "ts")),
			    "1970-01-01T00:00:00.000000Z");
	json_decref(o);
	o = capture_json(1);
	assert_string_equal(json_string_value(json_object_get(o, "ts")),
			    "2000-02-29T00:00:00.000001Z");
	json_decref(o);
	o = capture_json(2);
	assert_string_equal(json_string_value(json_object_get(o, "ts")),
			    "1969-12-31T23:59:59.999999Z");
	json_decref(o);
	o = capture_json(3);
	assert_int_equal(strlen(json_string_value(json_object_get(o, "ts"))),
			 27);
	json_decref(o);
}

/* The number written for `v`, through the untyped form. */
static const char *float_text(double v)
{
	static char buf[1024];
	const char *p, *e;

	ffl_format_log(buf, sizeof(buf), NULL, FFL_INFO, "m", "a", "",
		       FFL_FLOAT("v", v));
	p = strstr(buf, "\"v\":");
	assert_non_null(p);
	p += 4;
	e = strchr(p, '}');
	assert_non_null(e);
	memmove(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	return buf;
}

static void test_floats_are_shortest_round_trip_numbers(void **state)
{
	static const struct {
		double v;
		const char *text;
	} cases[] = {
		{ 2.5, "2.5" },
		{ 0.1, "0.1" },
		{ 3.0, "3.0" },
		{ -0.0, "-0.0" },
		{ -12.125, "-12.125" },
		{ 0.000001, "0.000001" },
		{ 123456789.123, "123456789.123" },
		{ 1e300, "1e+300" },
		{ 1e-10, "1e-10" },
		{ 0.30000000000000004, "0.30000000000000004" },
		{ 9007199254740993.0, "9007199254740992.0" },
	};
	size_t i;
	uint64_t x = 88172645463325252ULL;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(float_text(cases[i].v), cases[i].text);
	assert_string_equal(float_text(NAN), "null");
	assert_string_equal(float_text(INFINITY), "null");
	assert_string_equal(float_text(-INFINITY), "null");
	/* Random bit patterns: every finite one reads back exactly. */
	for (i = 0; i < 20000; i++) {
		double v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(&v, &x, sizeof(v));
		if (!isfinite(v))
			continue;
		assert_true(strtod(float_text(v), NULL) == v);
	}
	for (i = 0; i < 20000; i++) {
		double v = (double)(int64_t)(x % 2000000) / 1000.0;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		assert_true(strtod(float_text(v), NULL) == v);
		assert_true(strlen(float_text(v)) <= 12);
	}
}

static void test_ints_cover_the_whole_range(void **state)
{
	char buf[1024];

	(void)state;
	ffl_format_log(buf, sizeof(buf), NULL, FFL_INFO, "m", "a", "",
		       FFL_INT("a", INT64_MAX), FFL_INT("b", INT64_MIN),
		       FFL_INT("c", 0), FFL_INT("d", -7), FFL_INT("e", 100));
	assert_non_null(strstr(buf, "\"a\":9223372036854775807,"
				    "\"b\":-9223372036854775808,\"c\":0,"
				    "\"d\":-7,\"e\":100}"));
}

/* The JSON string a value is written as, in the untyped form. */
static void assert_escaped(const char *value, const char *json)
{
	char buf[1024];
	char want[256];
	json_t *o;

	ffl_format_log(buf, sizeof(buf), NULL, FFL_INFO, "m", "a", "",
		       FFL_STR("v", value));
	snprintf(want, sizeof(want), ",\"v\":\"%s\"}\n", json);
	if (!strstr(buf, want))
		fail_msg("expected %s in %s", want, buf);
	assert_int_equal(assert_json_lines(buf, strlen(buf)), 1);
	o = json_loads(buf, 0, NULL);
	assert_non_null(o);
	json_decref(o);
}

static void test_quotes_and_backslashes_are_escaped(void **state)
{
	(void)state;
	assert_escaped("say \"hi\"", "say \\\"hi\\\"");
	assert_escaped("C:\\dir\\", "C:\\\\dir\\\\");
	assert_escaped("</script>", "</script>");
}

static void test_control_characters_are_escaped(void **state)
{
	(void)state;
	assert_escaped("a\nb", "a\\nb");
	assert_escaped("a\r\n{\"ts\":1}", "a\\r\\n{\\\"ts\\\":1}");
	assert_escaped("\t\b\f", "\\t\\b\\f");
	assert_escaped("\x01\x1f\x7f", "\\u0001\\u001f\\u007f");
	assert_escaped("\x1b[31mred", "\\u001b[31mred");
}

static void test_invalid_utf8_becomes_replacement_characters(void **state)
{
	(void)state;
	assert_escaped("caf\xc3\xa9 \xe2\x9c\x93", "caf\xc3\xa9 \xe2\x9c\x93");
	assert_escaped("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	assert_escaped("a\xffz", "a\xef\xbf\xbdz");
	assert_escaped("\xc0\x80", "\xef\xbf\xbd\xef\xbf\xbd");
	assert_escaped("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assert_escaped("\xe2\x9c", "\xef\xbf\xbd");
	assert_escaped("\xe2\x9cx", "\xef\xbf\xbdx");
	assert_escaped("\xf4\x90\x80\x80", "\xef\xbf\xbd\xef\xbf\xbd"
					   "\xef\xbf\xbd\xef\xbf\xbd");
	assert_escaped("long run of plain text, then \xfe", "long run of plain "
		       "text, then \xef\xbf\xbd");
}

static void test_line_separators_are_escaped(void **state)
{
	(void)state;
	assert_escaped("a\xe2\x80\xa8" "b\xe2\x80\xa9", "a\\u2028b\\u2029");
}

static void test_escaping_holds_at_every_offset(void **state)
{
	char value[64];
	size_t pos, len;

	(void)state;
	/* The 8-byte scan must see a special byte wherever it falls. */
	for (len = 1; len < 40; len++) {
		for (pos = 0; pos < len; pos++) {
			char buf[1024];
			json_t *o;

			memset(value, 'x', len);
			value[len] = '\0';
			value[pos] = '"';
			ffl_format_log(buf, sizeof(buf), NULL, FFL_INFO, "m", "a",
				       "", FFL_STR("v", value));
			o = json_loads(buf, 0, NULL);
			assert_non_null(o);
			assert_string_equal(json_string_value(json_object_get(o, "v")),
					    value);
			json_decref(o);
		}
	}
}

static void test_every_byte_is_escaped_at_every_offset(void **state)
{
	unsigned b;
	size_t pos;

	(void)state;
	/* Each byte value alone in a run of plain text, wherever it falls. */
	for (b = 1; b < 256; b++) {
		for (pos = 0; pos < 17; pos++) {
			char value[18], buf[1024];
			const char *got;
			json_t *o;

			memset(value, 'x', 17);
			value[17] = '\0';
			value[pos] = (char)b;
			ffl_format_log(buf, sizeof(buf), NULL, FFL_INFO, "m", "a",
				       "", FFL_STR("v", value));
			o = json_loads(buf, 0, NULL);
			if (!o)
				fail_msg("byte 0x%02x at %zu: %s", b, pos, buf);
			got = json_string_value(json_object_get(o, "v"));
			if (b < 0x80)
				assert_string_equal(got, value);
			else
				assert_memory_equal(got + pos, "\xef\xbf\xbd", 3);
			json_decref(o);
		}
	}
}

static void test_long_line_is_cut_at_a_field_and_marked(void **state)
{
	char *big = malloc(10000);
	json_t *o;

	(void)state;
	memset(big, 'e', 9999);
	big[9999] = '\0';
	ffl_set_line_max(600);
	/* error does not fit; event_id, after it, still does. */
	ffl_upload_queue_failed(NULL, .error = big, .event_id = "ev-7");
	assert_true(strlen(capture_line(0)) <= 600);
	o = only_line();
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "event_id",
		    "truncated");
	assert_true(json_is_true(json_object_get(o, "truncated")));
	json_decref(o);

	/* A message too long is cut inside, at a character boundary. */
	capture_reset();
	memset(big, 0, 10000);
	for (size_t i = 0; i + 3 < 9000; i += 3)
		memcpy(big + i, "\xe2\x9c\x93", 3);
	ffl_upload_queue_failed(NULL, .msg = big, .error = "e");
	assert_true(strlen(capture_line(0)) <= 600);
	o = only_line();
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "truncated");
	assert_true(strlen(json_string_value(json_object_get(o, "msg"))) > 300);
	json_decref(o);

	/* The largest line allowed is a ceiling, the smallest a floor. */
	capture_reset();
	ffl_set_line_max(1);
	ffl_upload_queue_failed(NULL, .error = big);
	assert_true(strlen(capture_line(0)) <= FFL_LINE_MIN);
	ffl_set_line_max((size_t)-1);
	memset(big, 'e', FFL_LINE_MAX - 300);
	big[FFL_LINE_MAX - 300] = '\0';
	ffl_upload_queue_failed(NULL, .error = big);
	assert_true(strlen(capture_line(1)) <= FFL_LINE_MAX);
	assert_true(strlen(capture_line(1)) > FFL_LINE_MAX - 300);
	assert_int_equal(assert_json_lines(capture_line(1),
					   strlen(capture_line(1))), 1);
	free(big);
}

static void test_oversized_names_and_bound_fields_keep_the_line_valid(void **state)
{
	char *big = malloc(3000);
	ffl_logger *lg;
	json_t *o;

	(void)state;
	memset(big, 'n', 2999);
	big[2999] = '\0';
	lg = ffl_logger_new(NULL, FFL_STR("workflow_id", big));
	ffl_set_line_max(FFL_LINE_MIN);
	ffl_log(NULL, FFL_INFO, big, big, big, FFL_INT("n", 1));
	ffl_upload_dedup_complete(lg, .to_upload = 2);
	assert_int_equal(capture_count(), 2);
	o = capture_json(0);
	/* The message fills the line, so the field after it is left out. */
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "truncated");
	assert_int_equal(strlen(json_string_value(json_object_get(o, "module"))),
			 128);
	json_decref(o);
	o = capture_json(1);
	ASSERT_KEYS(o, "ts", "level", "module", "action", "msg", "to_upload",
		    "truncated");
	json_decref(o);
	ffl_logger_free(lg);
	free(big);
}

static void test_lines_of_every_length_stay_valid(void **state)
{
	char value[800];
	size_t n;

	(void)state;
	ffl_set_line_max(FFL_LINE_MIN);
	for (n = 0; n < sizeof(value) - 1; n += 7) {
		char *l;

		memset(value, 'a', n);
		value[n] = '\0';
		if (n % 2)
			value[n / 2] = '\n';
		ffl_upload_queue_failed(NULL, .error = value, .event_id = "e");
		l = (char *)capture_line(capture_count() - 1);
		assert_true(strlen(l) <= FFL_LINE_MIN);
		assert_int_equal(assert_json_lines(l, strlen(l)), 1);
	}
}

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* A string of random bytes, biased towards the ones that need care. */
static void random_string(char *s, size_t max)
{
	static const char pick[] = "\"\\\n\t\x01\x7f\xc3\xa9\xe2\x80\xa8\xf0\x9f\xff";
	size_t n = (size_t)(rnd() % max), i;

	for (i = 0; i < n; i++) {
		char c = rnd() % 3 ? (char)(rnd() % 255 + 1) :
			 pick[rnd() % (sizeof(pick) - 1)];

		s[i] = c ? c : 'x';
	}
	s[n] = '\0';
}

static void test_random_values_always_give_valid_lines(void **state)
{
	static char a[3000], b[3000], c[200];
	int i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		size_t max = FFL_LINE_MIN + (size_t)(rnd() % 3600);
		const char *l;

		random_string(a, sizeof(a) - 1);
		random_string(b, i % 2 ? 100 : sizeof(b) - 1);
		random_string(c, sizeof(c) - 1);
		ffl_set_line_max(max);
		capture_reset();
		ffl_set_format(i % 5 ? FFL_FORMAT_JSON : FFL_FORMAT_PRETTY);
		if (i % 3)
			ffl_upload_queue_failed(NULL, .msg = c, .error = a,
						.event_id = b);
		else
			ffl_log(NULL, FFL_ERROR, c, b, a, FFL_STR(c, b),
				FFL_FLOAT("f", (double)rnd() / 7.0));
		assert_int_equal(capture_count(), 1);
		l = capture_line(0);
		if (strlen(l) > max)
			fail_msg("case %d: %zu bytes over %zu: %.300s", i, strlen(l), max, l);
		assert_non_null(strchr(l, '\n'));
		assert_true(strchr(l, '\n') == l + strlen(l) - 1);
		if (i % 5)
			assert_int_equal(assert_json_lines(l, strlen(l)), 1);
	}
}

static void test_caller_buffers_are_never_overrun(void **state)
{
	static char a[6000], c[300];
	int i;

	(void)state;
	/* An exact-size heap buffer, so that a sanitizer sees any overrun. */
	for (i = 0; i < 2000; i++) {
		size_t size = FFL_LINE_MIN + 1 + (size_t)(rnd() % 6000);
		char *buf = malloc(size);
		size_t len;

		assert_non_null(buf);
		random_string(a, sizeof(a) - 1);
		random_string(c, sizeof(c) - 1);
		ffl_set_format(i % 2 ? FFL_FORMAT_JSON : FFL_FORMAT_PRETTY);
		if (i % 3) {
			ffl_format_event(buf, size, &len, ffl_upload_queue_failed,
					 NULL, .msg = a, .error = c,
					 .event_id = a);
		} else {
			len = ffl_format_log(buf, size, NULL, FFL_INFO, c, c, a,
					     FFL_STR(c, a), FFL_INT("i", i));
		}
		assert_true(len < size);
		assert_int_equal(strlen(buf), len);
		assert_int_equal(buf[len - 1], '\n');
		if (i % 2)
			assert_int_equal(assert_json_lines(buf, len), 1);
		free(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_reference_example_is_byte_exact, setup),
		cmocka_unit_test_setup(test_fields_follow_catalogue_order_with_json_types, setup),
		cmocka_unit_test_setup(test_msg_replaces_the_default_message, setup),
		cmocka_unit_test_setup(test_fields_left_out_are_omitted_and_zero_is_kept, setup),
		cmocka_unit_test_setup(test_lists_are_json_arrays, setup),
		cmocka_unit_test_setup(test_untyped_log_writes_fields_in_call_order, setup),
		cmocka_unit_test_setup(test_untyped_names_are_escaped, setup),
		cmocka_unit_test_setup(test_bound_fields_come_after_msg, setup),
		cmocka_unit_test_setup(test_format_event_writes_into_memory_only, setup),
		cmocka_unit_test_setup(test_errno_is_kept, setup),
		cmocka_unit_test_setup(test_timestamp_is_utc_with_microseconds, setup),
		cmocka_unit_test_setup(test_floats_are_shortest_round_trip_numbers, setup),
		cmocka_unit_test_setup(test_ints_cover_the_whole_range, setup),
		cmocka_unit_test_setup(test_quotes_and_backslashes_are_escaped, setup),
		cmocka_unit_test_setup(test_control_characters_are_escaped, setup),
		cmocka_unit_test_setup(test_invalid_utf8_becomes_replacement_characters, setup),
		cmocka_unit_test_setup(test_line_separators_are_escaped, setup),
		cmocka_unit_test_setup(test_escaping_holds_at_every_offset, setup),
		cmocka_unit_test_setup(test_every_byte_is_escaped_at_every_offset, setup),
		cmocka_unit_test_setup(test_long_line_is_cut_at_a_field_and_marked, setup),
		cmocka_unit_test_setup(test_oversized_names_and_bound_fields_keep_the_line_valid, setup),
		cmocka_unit_test_setup(test_lines_of_every_length_stay_valid, setup),
		cmocka_unit_test_setup(test_random_values_always_give_valid_lines, setup),
		cmocka_unit_test_setup(test_caller_buffers_are_never_overrun, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
