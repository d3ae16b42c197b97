/* cjson.c: cJSON as people use it: build the object, print it, free it. */
#include <string.h>
#include <sys/uio.h>

#include <cJSON.h>

#include "bench.h"

static struct bench_config cj;
static int cj_min_level;

static cJSON *cj_head(const char *module, const char *action,
		      const char *msg)
{
	cJSON *o = cJSON_CreateObject();
	struct tm tm;
	char ts[BENCH_ISO_SIZE];
	long us;

	bench_clock(cj.frozen, &tm, &us);
	bench_iso_time(ts, &tm, us);
	cJSON_AddStringToObject(o, "ts", ts);
	cJSON_AddStringToObject(o, "level", "INFO");
	cJSON_AddStringToObject(o, "module", module);
	cJSON_AddStringToObject(o, "action", action);
	cJSON_AddStringToObject(o, "msg", msg);
	return o;
}

static cJSON *cj_build(enum bench_event ev, const struct bench_input *in)
{
	cJSON *o;

	switch (ev) {
	case BENCH_REF:
		o = cj_head("upload", "s3_upload_success",
			    "Video uploaded to S3");
		cJSON_AddStringToObject(o, "event_id", in->event_id);
		cJSON_AddNumberToObject(o, "duration_s", in->duration_s);
		return o;
	case BENCH_TEN:
		o = cj_head("bench", "clip_indexed", "Clip indexed");
		cJSON_AddStringToObject(o, "fixture_id", in->fixture_id);
		cJSON_AddStringToObject(o, "event_id", in->event_id);
		cJSON_AddStringToObject(o, "player_name", in->player_name);
		cJSON_AddStringToObject(o, "url", in->url);
		cJSON_AddNumberToObject(o, "status_code",
					(double)in->status_code);
		cJSON_AddNumberToObject(o, "season", (double)in->season);
		cJSON_AddNumberToObject(o, "count", (double)in->count);
		cJSON_AddNumberToObject(o, "duration_s", in->duration_s);
		cJSON_AddNumberToObject(o, "duration_ms", in->duration_ms);
		cJSON_AddBoolToObject(o, "cached", in->cached);
		return o;
	default:
		return cj_head("rag", "cache_miss",
			       "Cache miss, starting RAG pipeline");
	}
}

static size_t cj_format(enum bench_event ev, const struct bench_input *in,
			char *buf, size_t size)
{
	cJSON *o = cj_build(ev, in);
	char *s = cJSON_PrintUnformatted(o);
	size_t n = strlen(s);

	if (n + 2 > size)
		n = size - 2;
	memcpy(buf, s, n);
	buf[n++] = '\n';
	buf[n] = '\0';
	cJSON_free(s);
	cJSON_Delete(o);
	return n;
}

static void cj_emit(enum bench_event ev, const struct bench_input *in)
{
	cJSON *o = cj_build(ev, in);
	char *s = cJSON_PrintUnformatted(o);
	struct iovec iov[2] = {
		{ s, strlen(s) },
		{ "\n", 1 },
	};

	if (writev(cj.fd, iov, 2) < 0)
		iov[0].iov_len = 0;
	cJSON_free(s);
	cJSON_Delete(o);
}

static int cj_init(void)
{
	return 0;
}

static void cj_configure(const struct bench_config *cfg)
{
	cj = *cfg;
	cj_min_level = cfg->disabled ? 3 : 1;
}

static size_t cj_format_n(enum bench_event ev, const struct bench_input *in,
			  char *buf, size_t size, long n)
{
	size_t len = 0;
	long i;

	for (i = 0; i < n; i++)
		len = cj_format(ev, in, buf, size);
	return len;
}

static void cj_emit_n(enum bench_event ev, const struct bench_input *in,
		      long n)
{
	long i;

	for (i = 0; i < n; i++)
		cj_emit(ev, in);
}

/* An application tests the level before it builds anything. */
static void cj_disabled_n(const struct bench_input *in, long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (1 >= cj_min_level)
			cj_emit(BENCH_REF, (++bench_evals, in));
}

const struct bench_contender bench_cjson = {
	.name = "cJSON",
	.escapes = 1,
	.has_pretty = 0,
	.init = cj_init,
	.configure = cj_configure,
	.format_n = cj_format_n,
	.emit_n = cj_emit_n,
	.disabled_n = cj_disabled_n,
};
