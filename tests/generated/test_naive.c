/* test_naive.c: `timestamp: naive` writes the reference's zone-less ts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "capture.h"
#include "nvl_log.h"

static void test_naive_timestamps_have_no_zone(void **state)
{
	(void)state;
	capture_reset();
	nvl_set_sink(capture_sink, NULL);
	nvl_freeze_clock(1736951422123456LL);
	nvl_jobs_job_started(NULL, .job_id = "j1", .attempt = 2);
	nvl_log(NULL, NVL_ERROR, "jobs", "job_failed", "Job failed");
	nvl_set_format(NVL_FORMAT_PRETTY);
	nvl_jobs_job_started(NULL, .job_id = "j1");
	assert_string_equal(capture_line(0),
		"{\"ts\":\"2025-01-15T14:30:22.123456\",\"level\":\"INFO\","
		"\"module\":\"jobs\",\"action\":\"job_started\","
		"\"msg\":\"Job started\",\"job_id\":\"j1\",\"attempt\":2}\n");
	assert_string_equal(capture_line(1),
		"{\"ts\":\"2025-01-15T14:30:22.123456\",\"level\":\"ERROR\","
		"\"module\":\"jobs\",\"action\":\"job_failed\","
		"\"msg\":\"Job failed\"}\n");
	assert_string_equal(capture_line(2),
		"2025-01-15 14:30:22.123 | INFO | jobs | job_started | "
		"Job started | job_id=j1\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_naive_timestamps_have_no_zone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
