/* bench.h: what the benchmark harness shares with its contenders. */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The three events every contender writes. */
enum bench_event {
	BENCH_REF,		/* upload s3_upload_success: event_id, duration_s */
	BENCH_TEN,		/* bench clip_indexed: ten fields of every type */
	BENCH_STATIC,		/* rag cache_miss: no fields at all */
	BENCH_NEVENTS
};

/*
 * The values of the events. `player_name` is the one string that needs
 * escaping; contenders that do not escape get a plain one instead.
 */
struct bench_input {
	const char *event_id;
	double duration_s;
	const char *fixture_id;
	const char *player_name;
	const char *url;
	int64_t status_code;
	int64_t season;
	int64_t count;
	double duration_ms;
	bool cached;
};

/* How a contender writes until told otherwise. */
struct bench_config {
	int fd;			/* where emit() writes */
	int frozen;		/* use the frozen time instead of the clock */
	int pretty;		/* the pretty format instead of JSON */
	int threads;		/* more than one thread logs at once */
	int disabled;		/* the minimum level is above INFO */
};

/*
 * One contender. format_n() formats `n` events into `buf` and returns the
 * length of the last line (its newline included); emit_n() writes `n`
 * events to the configured descriptor, one line at a time; disabled_n()
 * makes `n` INFO calls of the reference event below the minimum level,
 * each with ++bench_evals in an argument.
 */
struct bench_contender {
	const char *name;
	int escapes;		/* escapes player_name itself */
	int has_pretty;		/* has a pretty format */
	int (*init)(void);
	void (*configure)(const struct bench_config *cfg);
	size_t (*format_n)(enum bench_event ev, const struct bench_input *in,
			   char *buf, size_t size, long n);
	void (*emit_n)(enum bench_event ev, const struct bench_input *in,
		       long n);
	void (*disabled_n)(const struct bench_input *in, long n);
};

extern const struct bench_contender bench_generated;
extern const struct bench_contender bench_snprintf;
extern const struct bench_contender bench_spdlog;
extern const struct bench_contender bench_cjson;
extern const struct bench_contender bench_jansson;
extern const struct bench_contender bench_log4c;

/* Incremented by the argument of every disabled call that is evaluated. */
extern long bench_evals;

/* The frozen time: 2025-01-15T14:30:22.123456Z. */
#define BENCH_FROZEN_US 1736951422123456LL
#define BENCH_FROZEN_ISO "2025-01-15T14:30:22.123456Z"

/*
 * The calendar time as an application reads it: clock_gettime() and
 * gmtime_r(), or the frozen time when `frozen`.
 */
void bench_clock(int frozen, struct tm *tm, long *usec);

/* "2025-01-15T14:30:22.123456Z" of `tm` and `usec` into `out`. */
#define BENCH_ISO_SIZE 64
void bench_iso_time(char *out, const struct tm *tm, long usec);

/*
 * The hand-written JSON string escaper an application would carry:
 * quote, backslash and control characters; returns the length written.
 */
size_t bench_json_escape(char *out, size_t size, const char *s);

/* Heap calls made while counting is on (bench/alloc.c). */
struct bench_heap {
	long allocs;		/* malloc, calloc, realloc, aligned forms */
	long frees;
	long bytes;		/* bytes asked for */
};

void bench_heap_count(int on);
void bench_heap_read(struct bench_heap *h);

#ifdef __cplusplus
}
#endif

#endif
