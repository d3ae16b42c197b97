/* test_levels.c: level filtering and the LOG_LEVEL / LOG_FORMAT environment. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "capture.h"
#include "ffl_log.h"

static const char *self;
static int evaluated;

static const char *counted(const char *s)
{
	evaluated++;
	return s;
}

static int setup(void **state)
{
	(void)state;
	capture_reset();
	evaluated = 0;
	ffl_set_sink(capture_sink, NULL);
	ffl_set_format(FFL_FORMAT_JSON);
	return 0;
}

static void test_levels_below_the_minimum_are_dropped(void **state)
{
	(void)state;
	ffl_set_level(FFL_WARNING);
	assert_int_equal(ffl_get_level(), FFL_WARNING);
	ffl_download_vision_check(NULL, .frame_idx = 1);	/* DEBUG */
	ffl_upload_dedup_complete(NULL, .to_upload = 1);	/* INFO */
	ffl_upload_no_discovered_videos(NULL);			/* WARNING */
	ffl_upload_queue_failed(NULL, .error = "e");		/* ERROR */
	ffl_log(NULL, FFL_INFO, "m", "a", "x");
	ffl_log(NULL, FFL_ERROR, "m", "a", "x");
	assert_int_equal(capture_count(), 3);
	ffl_set_level(FFL_DEBUG);
	ffl_download_vision_check(NULL, .frame_idx = 1);
	assert_int_equal(capture_count(), 4);
}

static void test_disabled_events_do_not_evaluate_arguments(void **state)
{
	(void)state;
	ffl_set_level(FFL_ERROR);
	ffl_upload_queue_started(NULL, .event_id = counted("e"));
	ffl_log(NULL, FFL_WARNING, "m", "a", counted("x"),
		FFL_STR("k", counted("v")));
	assert_int_equal(evaluated, 0);
	ffl_upload_queue_failed(NULL, .event_id = counted("e"));
	ffl_log(NULL, FFL_ERROR, "m", "a", counted("x"));
	assert_int_equal(evaluated, 2);
	assert_int_equal(capture_count(), 2);
}

static void test_levels_out_of_range_are_clamped_in_the_line(void **state)
{
	json_t *o;

	(void)state;
	ffl_set_level(FFL_DEBUG);
	ffl_log(NULL, 99, "m", "a", "x");
	o = capture_json(0);
	assert_string_equal(json_string_value(json_object_get(o, "level")),
			    "ERROR");
	json_decref(o);
}

/* Run this program as a child with the environment given; its stderr. */
static char *run_child(const char *level, const char *format)
{
	static char out[8192];
	int fds[2];
	size_t len = 0;
	ssize_t n;
	pid_t pid;
	int status;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 2);
		dup2(fds[1], 1);
		close(fds[0]);
		if (level)
			setenv("LOG_LEVEL", level, 1);
		else
			unsetenv("LOG_LEVEL");
		if (format)
			setenv("LOG_FORMAT", format, 1);
		else
			unsetenv("LOG_FORMAT");
		execl(self, self, "child", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, sizeof(out) - 1 - len)) > 0)
		len += (size_t)n;
	close(fds[0]);
	out[len] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return out;
}

/* The child: logs at every level without any setter, to stderr. */
static int child(void)
{
	ffl_freeze_clock(1736951422123456LL);
	ffl_download_vision_check(NULL, .frame_idx = 1, .msg = counted("r"));
	ffl_upload_dedup_complete(NULL, .to_upload = 1);
	ffl_upload_no_discovered_videos(NULL, .event_id = "e");
	printf("evaluated=%d\n", evaluated);
	return 0;
}

static void test_environment_defaults_to_info_and_json(void **state)
{
	const char *out = run_child(NULL, NULL);

	(void)state;
	assert_null(strstr(out, "vision_check"));
	assert_non_null(strstr(out, "{\"ts\":\"2025-01-15T14:30:22.123456Z\","
				    "\"level\":\"INFO\",\"module\":\"upload\","
				    "\"action\":\"dedup_complete\""));
	assert_non_null(strstr(out, "\"action\":\"no_discovered_videos\""));
	assert_non_null(strstr(out, "evaluated=0\n"));
}

static void test_environment_sets_level_and_format_at_first_use(void **state)
{
	const char *out = run_child("warning", "PRETTY");

	(void)state;
	assert_string_equal(out,
		"2025-01-15 14:30:22.123 | WARNING | upload | "
		"no_discovered_videos | No discovered videos for event | "
		"event_id=e\nevaluated=0\n");
	out = run_child("DEBUG", "json");
	assert_non_null(strstr(out, "\"action\":\"vision_check\""));
	assert_non_null(strstr(out, "evaluated=1\n"));
}

static void test_unknown_environment_values_fall_back(void **state)
{
	const char *out = run_child("LOUD", "xml");

	(void)state;
	assert_null(strstr(out, "vision_check"));
	assert_non_null(strstr(out, "{\"ts\":"));
	assert_non_null(strstr(out, "\"action\":\"dedup_complete\""));
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_levels_below_the_minimum_are_dropped, setup),
		cmocka_unit_test_setup(test_disabled_events_do_not_evaluate_arguments, setup),
		cmocka_unit_test_setup(test_levels_out_of_range_are_clamped_in_the_line, setup),
		cmocka_unit_test(test_environment_defaults_to_info_and_json),
		cmocka_unit_test(test_environment_sets_level_and_format_at_first_use),
		cmocka_unit_test(test_unknown_environment_values_fall_back),
	};

	if (argc > 1 && !strcmp(argv[1], "child"))
		return child();
	self = argv[0];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
