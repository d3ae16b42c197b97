/* timing.c: batches of events, two-thread batches and their statistics. */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "timing.h"

static pthread_t timing_workers[2];
static pthread_barrier_t timing_go;
static pthread_barrier_t timing_done;
static const struct timing_job *timing_job;
static int timing_quit;
static int timing_started;

static double timing_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void timing_run_n(const struct timing_job *job, long n, char *buf)
{
	switch (job->op) {
	case TIMING_FORMAT:
		job->c->format_n(job->ev, job->in, buf, TIMING_LINE, n);
		break;
	case TIMING_EMIT:
		job->c->emit_n(job->ev, job->in, n);
		break;
	case TIMING_DISABLED:
		job->c->disabled_n(job->in, n);
		break;
	}
}

static void *timing_worker(void *arg)
{
	static char bufs[2][TIMING_LINE];
	char *buf = bufs[(long)arg];

	for (;;) {
		pthread_barrier_wait(&timing_go);
		if (timing_quit)
			return NULL;
		timing_run_n(timing_job, timing_job->n / 2, buf);
		pthread_barrier_wait(&timing_done);
	}
}

int timing_start_workers(void)
{
	long i;

	if (pthread_barrier_init(&timing_go, NULL, 3) ||
	    pthread_barrier_init(&timing_done, NULL, 3))
		return -1;
	for (i = 0; i < 2; i++)
		if (pthread_create(&timing_workers[i], NULL, timing_worker,
				   (void *)i))
			return -1;
	timing_started = 1;
	return 0;
}

void timing_stop_workers(void)
{
	if (!timing_started)
		return;
	timing_quit = 1;
	pthread_barrier_wait(&timing_go);
	pthread_join(timing_workers[0], NULL);
	pthread_join(timing_workers[1], NULL);
	pthread_barrier_destroy(&timing_go);
	pthread_barrier_destroy(&timing_done);
	timing_started = 0;
}

void timing_run(const struct timing_job *job)
{
	static char buf[TIMING_LINE];

	if (job->threads > 1) {
		timing_job = job;
		pthread_barrier_wait(&timing_go);
		pthread_barrier_wait(&timing_done);
		return;
	}
	timing_run_n(job, job->n, buf);
}

double timing_batch(const struct timing_job *job)
{
	double t0 = timing_now();
	long n = job->threads > 1 ? job->n / 2 * 2 : job->n;

	timing_run(job);
	return (timing_now() - t0) / (double)n;
}

long timing_calibrate(struct timing_job *job, double target_ns)
{
	double per = 0;

	job->n = 16;
	while (job->n < (1L << 30)) {
		double t0 = timing_now(), spent;

		timing_run(job);
		spent = timing_now() - t0;
		per = spent / (double)job->n;
		if (spent > target_ns / 4)
			break;
		job->n *= 4;
	}
	job->n = per > 0 ? (long)(target_ns / per) : job->n;
	if (job->n < 32)
		job->n = 32;
	return job->n;
}

static int timing_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double timing_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), timing_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double timing_p99(double *v, int n)
{
	int k = (99 * n + 99) / 100;

	qsort(v, (size_t)n, sizeof(*v), timing_cmp);
	return v[k < 1 ? 0 : k - 1];
}
