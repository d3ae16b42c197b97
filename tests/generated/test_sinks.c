/* test_sinks.c: failing descriptors and sinks never crash or block. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "capture.h"
#include "ffl_log.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int setup(void **state)
{
	(void)state;
	capture_reset();
	ffl_set_level(FFL_DEBUG);
	ffl_set_format(FFL_FORMAT_JSON);
	ffl_set_write_timeout(100);
	return 0;
}

static void log_three(void)
{
	ffl_upload_dedup_complete(NULL, .to_upload = 1);
	ffl_log(NULL, FFL_ERROR, "m", "a", "x");
	ffl_upload_queue_failed(NULL, .error = "e");
}

static void test_closed_pipe_counts_lost_events(void **state)
{
	uint64_t lost = ffl_lost_events();
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	ffl_set_fd(fds[1]);
	log_three();
	assert_int_equal(ffl_lost_events() - lost, 3);
	close(fds[1]);
	ffl_set_fd(2);
}

static void test_full_disk_counts_lost_events(void **state)
{
	uint64_t lost = ffl_lost_events();
	int fd = open("/dev/full", O_WRONLY);

	(void)state;
	if (fd < 0)
		skip();
	ffl_set_fd(fd);
	log_three();
	assert_int_equal(ffl_lost_events() - lost, 3);
	close(fd);
	ffl_set_fd(2);
}

static void test_bad_descriptor_counts_lost_events(void **state)
{
	uint64_t lost = ffl_lost_events();

	(void)state;
	ffl_set_fd(1000);
	log_three();
	ffl_set_fd(-1);
	log_three();
	assert_int_equal(ffl_lost_events() - lost, 6);
	ffl_set_fd(2);
}

/* A non-blocking pipe filled to the brim; returns its write end. */
static int full_pipe(int *reader)
{
	int fds[2];
	char chunk[4096];

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	memset(chunk, 'z', sizeof(chunk));
	while (write(fds[1], chunk, sizeof(chunk)) > 0)
		;
	while (write(fds[1], chunk, 1) > 0)
		;
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
	*reader = fds[0];
	return fds[1];
}

static void test_full_nonblocking_pipe_waits_then_drops(void **state)
{
	uint64_t lost = ffl_lost_events();
	int reader, fd = full_pipe(&reader);
	double t;

	(void)state;
	ffl_set_fd(fd);
	ffl_set_write_timeout(50);
	t = now_s();
	log_three();
	t = now_s() - t;
	assert_int_equal(ffl_lost_events() - lost, 3);
	assert_true(t >= 0.1);
	assert_true(t < 2.0);
	ffl_set_fd(2);
	close(fd);
	close(reader);
}

static void *drain_later(void *arg)
{
	int fd = *(int *)arg;
	char buf[65536];
	struct timespec delay = { 0, 30 * 1000 * 1000 };

	nanosleep(&delay, NULL);
	while (read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf))
		;
	return NULL;
}

static void test_full_pipe_drained_in_time_loses_nothing(void **state)
{
	uint64_t lost = ffl_lost_events();
	int reader, fd = full_pipe(&reader);
	pthread_t th;

	(void)state;
	assert_int_equal(fcntl(reader, F_SETFL, O_NONBLOCK), 0);
	ffl_set_fd(fd);
	ffl_set_write_timeout(5000);
	assert_int_equal(pthread_create(&th, NULL, drain_later, &reader), 0);
	ffl_upload_dedup_complete(NULL, .to_upload = 1);
	pthread_join(th, NULL);
	assert_int_equal(ffl_lost_events(), lost);
	ffl_set_fd(2);
	close(fd);
	close(reader);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void *drain_slowly(void *arg)
{
	int fd = *(int *)arg;
	char buf[65536];
	struct timespec delay = { 0, 120 * 1000 * 1000 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	nanosleep(&delay, NULL);
	while (read(fd, buf, sizeof(buf)) == (ssize_t)sizeof(buf))
		;
	return NULL;
}

static void test_interrupted_writes_are_retried(void **state)
{
	uint64_t lost = ffl_lost_events();
	struct itimerval every_10ms = { { 0, 10000 }, { 0, 10000 } };
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	struct sigaction sa, old;
	int reader, fd = full_pipe(&reader);
	pthread_t th;

	(void)state;
	/* Blocking again, and signals that interrupt rather than restart. */
	assert_int_equal(fcntl(fd, F_SETFL, 0), 0);
	assert_int_equal(fcntl(reader, F_SETFL, O_NONBLOCK), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	ffl_set_fd(fd);
	assert_int_equal(pthread_create(&th, NULL, drain_slowly, &reader), 0);
	setitimer(ITIMER_REAL, &every_10ms, NULL);
	ffl_upload_dedup_complete(NULL, .to_upload = 1);
	setitimer(ITIMER_REAL, &off, NULL);
	pthread_join(th, NULL);
	sigaction(SIGALRM, &old, NULL);
	assert_int_equal(ffl_lost_events(), lost);
	ffl_set_fd(2);
	close(fd);
	close(reader);
}

static int refuse(void *ctx, const char *line, size_t len)
{
	(void)line;
	(void)len;
	++*(int *)ctx;
	return -1;
}

static void test_sink_refusals_count_as_lost(void **state)
{
	uint64_t lost = ffl_lost_events();
	int calls = 0;

	(void)state;
	ffl_set_sink(refuse, &calls);
	log_three();
	assert_int_equal(calls, 3);
	assert_int_equal(ffl_lost_events() - lost, 3);
	ffl_set_sink(NULL, NULL);
	ffl_set_sink(capture_sink, NULL);
	log_three();
	assert_int_equal(capture_count(), 3);
	assert_int_equal(ffl_lost_events() - lost, 3);
	ffl_set_fd(2);
}

/* Run `fn` in a child process; returns its wait status. */
static int in_child(void (*fn)(void))
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0) {
		fn();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void write_to_closed_pipe(void)
{
	int fds[2];

	signal(SIGPIPE, SIG_DFL);
	if (pipe(fds))
		_exit(3);
	close(fds[0]);
	ffl_set_fd(fds[1]);
	ffl_upload_dedup_complete(NULL, .to_upload = 1);
	_exit(ffl_lost_events() == 1 ? 0 : 4);
}

static void test_sigpipe_does_not_kill_the_process(void **state)
{
	int status = in_child(write_to_closed_pipe);

	(void)state;
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

static void keep_own_sigpipe_handler(void)
{
	struct sigaction sa;
	int fds[2];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigpipe;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
	if (pipe(fds))
		_exit(3);
	close(fds[0]);
	ffl_set_fd(fds[1]);
	ffl_upload_dedup_complete(NULL, .to_upload = 1);
	_exit(sigpipes == 1 && ffl_lost_events() == 1 ? 0 : 5);
}

static void test_a_program_sigpipe_handler_is_kept(void **state)
{
	int status;

	(void)state;
	/* The child must start before the library is first used. */
	status = in_child(keep_own_sigpipe_handler);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigpipe_does_not_kill_the_process),
		cmocka_unit_test(test_a_program_sigpipe_handler_is_kept),
		cmocka_unit_test_setup(test_closed_pipe_counts_lost_events, setup),
		cmocka_unit_test_setup(test_full_disk_counts_lost_events, setup),
		cmocka_unit_test_setup(test_bad_descriptor_counts_lost_events, setup),
		cmocka_unit_test_setup(test_full_nonblocking_pipe_waits_then_drops, setup),
		cmocka_unit_test_setup(test_full_pipe_drained_in_time_loses_nothing, setup),
		cmocka_unit_test_setup(test_interrupted_writes_are_retried, setup),
		cmocka_unit_test_setup(test_sink_refusals_count_as_lost, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
