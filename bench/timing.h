/* timing.h: running a contender in batches and summarizing the times. */
#ifndef TIMING_H
#define TIMING_H

#include "bench.h"

#define TIMING_LINE 4097	/* the buffer every contender formats into */

enum timing_op {
	TIMING_FORMAT,		/* format_n() into memory */
	TIMING_EMIT,		/* emit_n() to the configured descriptor */
	TIMING_DISABLED		/* disabled_n() */
};

/* One thing to time: `n` events of one contender. */
struct timing_job {
	const struct bench_contender *c;
	enum timing_op op;
	enum bench_event ev;
	const struct bench_input *in;
	long n;
	int threads;		/* 1, or 2 sharing the work */
};

/* Start and stop the two worker threads of two-thread jobs. */
int timing_start_workers(void);
void timing_stop_workers(void);

/* Run the job once, untimed. */
void timing_run(const struct timing_job *job);

/* Run the job once; nanoseconds per event. */
double timing_batch(const struct timing_job *job);

/* A batch size that takes about `target_ns`; warms the job up too. */
long timing_calibrate(struct timing_job *job, double target_ns);

/* The median and the p99 (nearest rank) of `n` samples, which it sorts. */
double timing_median(double *v, int n);
double timing_p99(double *v, int n);

#endif
