/* test_pretty.c: the pretty lines of the generated found-footy API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
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
	ffl_set_format(FFL_FORMAT_PRETTY);
	ffl_set_line_max(FFL_LINE_MAX);
	ffl_freeze_clock(T0);
	return 0;
}

static void test_pretty_line_matches_the_reference(void **state)
{
	(void)state;
	ffl_upload_s3_upload_success(NULL, .event_id = "goal_123",
				     .s3_url = "s3://...");
	assert_string_equal(capture_line(0),
		"2025-01-15 14:30:22.123 | INFO | upload | s3_upload_success | "
		"Video uploaded to S3 | event_id=goal_123 s3_url=s3://...\n");
}

static void test_pretty_line_without_fields_ends_at_msg(void **state)
{
	(void)state;
	ffl_upload_no_new_videos(NULL);
	assert_string_equal(capture_line(0),
		"2025-01-15 14:30:22.123 | INFO | upload | no_new_videos | "
		"No new videos to process\n");
}

static void test_pretty_values_of_every_type(void **state)
{
	ffl_logger *lg = ffl_logger_new(NULL, FFL_STR("workflow_id", "wf-1"));

	(void)state;
	ffl_download_vision_check(lg, .frame_idx = -2, .has_field = false,
				  .confidence = 0.25);
	ffl_ingest_fetch_started(NULL, .leagues = FFL_INTS(39, 140));
	ffl_rag_cache_hit(NULL, .aliases = FFL_STRS("Man Utd", "MUFC"));
	ffl_log(NULL, FFL_ERROR, "m", "a", "msg", FFL_FLOAT("nan", 0.0 / 0.0),
		FFL_FLOAT("inf", -1.0 / 0.0), FFL_STR("null", NULL));
	assert_string_equal(capture_line(0),
		"2025-01-15 14:30:22.123 | DEBUG | download | vision_check | "
		"Vision API response | workflow_id=wf-1 frame_idx=-2 "
		"has_field=false confidence=0.25\n");
	assert_string_equal(capture_line(1),
		"2025-01-15 14:30:22.123 | INFO | ingest | fetch_started | "
		"Fetching fixtures from API | leagues=[39,140]\n");
	assert_string_equal(capture_line(2),
		"2025-01-15 14:30:22.123 | INFO | rag | cache_hit | "
		"Aliases found in cache | aliases=[\"Man Utd\",\"MUFC\"]\n");
	assert_string_equal(capture_line(3),
		"2025-01-15 14:30:22.123 | ERROR | m | a | msg | nan=nan "
		"inf=-inf null=null\n");
	ffl_logger_free(lg);
}

static void test_pretty_escapes_newlines_and_control_characters(void **state)
{
	(void)state;
	ffl_upload_queue_failed(NULL, .msg = "two\nlines",
				.error = "a\r\nb\t\x01 \"q\" \\ \xff");
	assert_string_equal(capture_line(0),
		"2025-01-15 14:30:22.123 | ERROR | upload | queue_failed | "
		"two\\nlines | error=a\\r\\nb\\t\\u0001 \"q\" \\ \xef\xbf\xbd\n");
}

static void test_pretty_truncation_is_marked(void **state)
{
	char big[2000];
	const char *l;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ffl_set_line_max(FFL_LINE_MIN);
	ffl_upload_queue_failed(NULL, .error = big, .event_id = "e1");
	ffl_upload_queue_failed(NULL, .error = big);
	l = capture_line(0);
	assert_true(strlen(l) <= FFL_LINE_MIN);
	assert_string_equal(l,
		"2025-01-15 14:30:22.123 | ERROR | upload | queue_failed | "
		"Failed to queue videos | event_id=e1 truncated=true\n");
	assert_string_equal(capture_line(1),
		"2025-01-15 14:30:22.123 | ERROR | upload | queue_failed | "
		"Failed to queue videos | truncated=true\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_pretty_line_matches_the_reference, setup),
		cmocka_unit_test_setup(test_pretty_line_without_fields_ends_at_msg, setup),
		cmocka_unit_test_setup(test_pretty_values_of_every_type, setup),
		cmocka_unit_test_setup(test_pretty_escapes_newlines_and_control_characters, setup),
		cmocka_unit_test_setup(test_pretty_truncation_is_marked, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
