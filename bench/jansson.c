/* jansson.c: jansson as people use it: build the object, dump it, free it. */
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <jansson.h>

#include "bench.h"

static struct bench_config jn;
static int jn_min_level;

static json_t *jn_head(const char *module, const char *action,
		       const char *msg)
{
	json_t *o = json_object();
	struct tm tm;
	char ts[BENCH_ISO_SIZE];
	long us;

	bench_clock(jn.frozen, &tm, &us);
	bench_iso_time(ts, &tm, us);
	json_object_set_new(o, "ts", json_string(ts));
	json_object_set_new(o, "level", json_string("INFO"));
	json_object_set_new(o, "module", json_string(module));
	json_object_set_new(o, "action", json_string(action));
	json_object_set_new(o, "msg", json_string(msg));
	return o;
}

static json_t *jn_build(enum bench_event ev, const struct bench_input *in)
{
	json_t *o;

	switch (ev) {
	case BENCH_REF:
		o = jn_head("upload", "s3_upload_success",
			    "Video uploaded to S3");
		json_object_set_new(o, "event_id", json_string(in->event_id));
		json_object_set_new(o, "duration_s", json_real(in->duration_s));
		return o;
	case BENCH_TEN:
		o = jn_head("bench", "clip_indexed", "Clip indexed");
		json_object_set_new(o, "fixture_id",
				    json_string(in->fixture_id));
		json_object_set_new(o, "event_id", json_string(in->event_id));
		json_object_set_new(o, "player_name",
				    json_string(in->player_name));
		json_object_set_new(o, "url", json_string(in->url));
		json_object_set_new(o, "status_code",
				    json_integer(in->status_code));
		json_object_set_new(o, "season", json_integer(in->season));
		json_object_set_new(o, "count", json_integer(in->count));
		json_object_set_new(o, "duration_s", json_real(in->duration_s));
		json_object_set_new(o, "duration_ms",
				    json_real(in->duration_ms));
		json_object_set_new(o, "cached", json_boolean(in->cached));
		return o;
	default:
		return jn_head("rag", "cache_miss",
			       "Cache miss, starting RAG pipeline");
	}
}

static size_t jn_format(enum bench_event ev, const struct bench_input *in,
			char *buf, size_t size)
{
	json_t *o = jn_build(ev, in);
	char *s = json_dumps(o, JSON_COMPACT);
	size_t n = strlen(s);

	if (n + 2 > size)
		n = size - 2;
	memcpy(buf, s, n);
	buf[n++] = '\n';
	buf[n] = '\0';
	free(s);
	json_decref(o);
	return n;
}

static void jn_emit(enum bench_event ev, const struct bench_input *in)
{
	json_t *o = jn_build(ev, in);
	char *s = json_dumps(o, JSON_COMPACT);
	struct iovec iov[2] = {
		{ s, strlen(s) },
		{ "\n", 1 },
	};

	if (writev(jn.fd, iov, 2) < 0)
		iov[0].iov_len = 0;
	free(s);
	json_decref(o);
}

static int jn_init(void)
{
	return 0;
}

static void jn_configure(const struct bench_config *cfg)
{
	jn = *cfg;
	jn_min_level = cfg->disabled ? 3 : 1;
}

static size_t jn_format_n(enum bench_event ev, const struct bench_input *in,
			  char *buf, size_t size, long n)
{
	size_t len = 0;
	long i;

	for (i = 0; i < n; i++)
		len = jn_format(ev, in, buf, size);
	return len;
}

static void jn_emit_n(enum bench_event ev, const struct bench_input *in,
		      long n)
{
	long i;

	for (i = 0; i < n; i++)
		jn_emit(ev, in);
}

/* An application tests the level before it builds anything. */
static void jn_disabled_n(const struct bench_input *in, long n)
{
	long i;

	for (i = 0; i < n; i++)
		if (1 >= jn_min_level)
			jn_emit(BENCH_REF, (++bench_evals, in));
}

const struct bench_contender bench_jansson = {
	.name = "jansson",
	.escapes = 1,
	.has_pretty = 0,
	.init = jn_init,
	.configure = jn_configure,
	.format_n = jn_format_n,
	.emit_n = jn_emit_n,
	.disabled_n = jn_disabled_n,
};
