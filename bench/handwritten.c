/* handwritten.c: the JSON line people write today, one snprintf per event. */
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include "bench.h"

enum { HW_DEBUG, HW_INFO, HW_WARNING, HW_ERROR };

static struct bench_config hw;
static int hw_min_level = HW_INFO;

/* The level test an application puts in its logging macro. */
#define HW_LOG(level, fn, ...) \
	do { \
		if ((level) >= hw_min_level) \
			fn(__VA_ARGS__); \
	} while (0)

static size_t hw_clamp(int n, size_t size)
{
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}

#define HW_TS_JSON "{\"ts\":\"%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ\","
#define HW_TS_PRETTY "%04d-%02d-%02d %02d:%02d:%02d.%03ld | "
#define HW_TM(tm) (tm).tm_year + 1900, (tm).tm_mon + 1, (tm).tm_mday, \
	(tm).tm_hour, (tm).tm_min, (tm).tm_sec

static size_t hw_ref(char *buf, size_t size, const struct bench_input *in)
{
	struct tm tm;
	long us;
	int n;

	bench_clock(hw.frozen, &tm, &us);
	if (hw.pretty)
		n = snprintf(buf, size, HW_TS_PRETTY "INFO | upload | "
			     "s3_upload_success | Video uploaded to S3 | "
			     "event_id=%s duration_s=%.17g\n",
			     HW_TM(tm), us / 1000, in->event_id,
			     in->duration_s);
	else
		n = snprintf(buf, size, HW_TS_JSON "\"level\":\"INFO\","
			     "\"module\":\"upload\","
			     "\"action\":\"s3_upload_success\","
			     "\"msg\":\"Video uploaded to S3\","
			     "\"event_id\":\"%s\",\"duration_s\":%.17g}\n",
			     HW_TM(tm), us, in->event_id, in->duration_s);
	return hw_clamp(n, size);
}

static size_t hw_ten(char *buf, size_t size, const struct bench_input *in)
{
	struct tm tm;
	long us;
	int n;

	bench_clock(hw.frozen, &tm, &us);
	if (hw.pretty) {
		n = snprintf(buf, size, HW_TS_PRETTY "INFO | bench | "
			     "clip_indexed | Clip indexed | fixture_id=%s "
			     "event_id=%s player_name=%s url=%s "
			     "status_code=%" PRId64 " season=%" PRId64
			     " count=%" PRId64 " duration_s=%.17g "
			     "duration_ms=%.17g cached=%s\n",
			     HW_TM(tm), us / 1000, in->fixture_id,
			     in->event_id, in->player_name, in->url,
			     in->status_code, in->season, in->count,
			     in->duration_s, in->duration_ms,
			     in->cached ? "true" : "false");
	} else {
		char name[256];

		bench_json_escape(name, sizeof(name), in->player_name);
		n = snprintf(buf, size, HW_TS_JSON "\"level\":\"INFO\","
			     "\"module\":\"bench\",\"action\":\"clip_indexed\","
			     "\"msg\":\"Clip indexed\",\"fixture_id\":\"%s\","
			     "\"event_id\":\"%s\",\"player_name\":\"%s\","
			     "\"url\":\"%s\",\"status_code\":%" PRId64 ","
			     "\"season\":%" PRId64 ",\"count\":%" PRId64 ","
			     "\"duration_s\":%.17g,\"duration_ms\":%.17g,"
			     "\"cached\":%s}\n",
			     HW_TM(tm), us, in->fixture_id, in->event_id, name,
			     in->url, in->status_code, in->season, in->count,
			     in->duration_s, in->duration_ms,
			     in->cached ? "true" : "false");
	}
	return hw_clamp(n, size);
}

static size_t hw_static(char *buf, size_t size, const struct bench_input *in)
{
	struct tm tm;
	long us;
	int n;

	bench_clock(hw.frozen, &tm, &us);
	if (hw.pretty)
		n = snprintf(buf, size, HW_TS_PRETTY "INFO | rag | cache_miss"
			     " | Cache miss, starting RAG pipeline\n",
			     HW_TM(tm), us / 1000);
	else
		n = snprintf(buf, size, HW_TS_JSON "\"level\":\"INFO\","
			     "\"module\":\"rag\",\"action\":\"cache_miss\","
			     "\"msg\":\"Cache miss, starting RAG pipeline\"}\n",
			     HW_TM(tm), us);
	return hw_clamp(n, size);
}

static size_t (*const hw_formats[BENCH_NEVENTS])(char *, size_t,
		const struct bench_input *) = { hw_ref, hw_ten, hw_static };

static void hw_write(const char *line, size_t len)
{
	if (write(hw.fd, line, len) < 0)
		return;
}

static void hw_emit_ref(const struct bench_input *in)
{
	char buf[4096];

	hw_write(buf, hw_ref(buf, sizeof(buf), in));
}

static int hw_init(void)
{
	return 0;
}

static void hw_configure(const struct bench_config *cfg)
{
	hw = *cfg;
	hw_min_level = cfg->disabled ? HW_ERROR : HW_INFO;
}

static size_t hw_format_n(enum bench_event ev, const struct bench_input *in,
			  char *buf, size_t size, long n)
{
	size_t (*fmt)(char *, size_t, const struct bench_input *) =
		hw_formats[ev];
	size_t len = 0;
	long i;

	for (i = 0; i < n; i++)
		len = fmt(buf, size, in);
	return len;
}

static void hw_emit_n(enum bench_event ev, const struct bench_input *in,
		     long n)
{
	size_t (*fmt)(char *, size_t, const struct bench_input *) =
		hw_formats[ev];
	char buf[4096];
	long i;

	for (i = 0; i < n; i++)
		hw_write(buf, fmt(buf, sizeof(buf), in));
}

static void hw_disabled_n(const struct bench_input *in, long n)
{
	long i;

	for (i = 0; i < n; i++)
		HW_LOG(HW_INFO, hw_emit_ref, (++bench_evals, in));
}

const struct bench_contender bench_snprintf = {
	.name = "snprintf",
	.escapes = 1,
	.has_pretty = 1,
	.init = hw_init,
	.configure = hw_configure,
	.format_n = hw_format_n,
	.emit_n = hw_emit_n,
	.disabled_n = hw_disabled_n,
};
