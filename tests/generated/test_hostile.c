/*
 * test_hostile.c: a catalogue whose docs and messages hold comment closers,
 * quotes, backslashes, trigraphs, newlines and non-ASCII text generates C
 * that compiles cleanly and writes those messages exactly.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "capture.h"
#include "hst_log.h"

static const char *msg_of(size_t i)
{
	static char copy[256];
	json_t *o = capture_json(i);
	const char *m = json_string_value(json_object_get(o, "msg"));

	assert_non_null(m);
	snprintf(copy, sizeof(copy), "%s", m);
	json_decref(o);
	return copy;
}

static void test_hostile_messages_are_written_exactly(void **state)
{
	(void)state;
	capture_reset();
	hst_set_sink(capture_sink, NULL);
	hst_set_level(HST_DEBUG);
	hst_edge_quote_msg(NULL, .path = "C:\\temp\\", .note = "*/");
	hst_edge_multiline_msg(NULL, .score = 1.5,
			       .flags = HST_STRS("?\?/", "\\"));
	hst_edge_unicode_msg(NULL);
	assert_int_equal(capture_count(), 3);
	assert_string_equal(msg_of(0), "He said \"hi\" */ and left a "
				       "backslash \\ behind ?\?/");
	assert_string_equal(msg_of(1), "Line one\nLine two\ttabbed ?\?= done");
	assert_string_equal(msg_of(2), "Caf\xc3\xa9 \xe2\x9c\x93 \xe2\x80\x94 "
				       "goal \xf0\x9f\x98\x80 in 90+3'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile_messages_are_written_exactly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
